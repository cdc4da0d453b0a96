//! Line breaks: which ones end a sentence whatever the punctuation says.
//!
//! A blank line always does. A single line break does too (news files put one paragraph on a
//! line, and headlines have no final period), unless the whole text is hard-wrapped prose, where
//! lines run on mid-sentence: then a line break only ends a sentence after a short line, before
//! a list item or an indented line. A first line `date YYYY-MM-DD Title` is a sentence of its own.

use super::chars::{char_at, is_bullet};
use super::marks::Marker;
use crate::text::header::parse_header;

/// A run of lines within which only punctuation ends sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// Where its text starts (after leading white space).
    pub start: usize,
    /// Where its text ends (before trailing white space).
    pub end: usize,
    /// Taken whole, without looking at its punctuation (the header line).
    pub verbatim: bool,
}

#[derive(Clone, Copy, Debug)]
struct Line {
    /// Trimmed content.
    start: usize,
    end: usize,
    /// Leading white space, in bytes.
    indent: usize,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.start == self.end
    }

    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Bytes that may start a line break: LF, VT, FF, CR, NEL (C2 85), LS and PS (E2 80 A8/A9).
static BREAK_START: [bool; 256] = {
    let mut table = [false; 256];
    table[b'\n' as usize] = true;
    table[0x0B] = true;
    table[0x0C] = true;
    table[b'\r' as usize] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table
};

/// Lines shorter than this are never evidence of hard wrapping.
const MIN_WRAPPED_LINE: usize = 40;

/// Splits `text` into blocks, in order.
pub fn blocks(text: &str) -> Vec<Block> {
    let lines = lines(text);
    let header = parse_header(text).date.is_some();
    let wrap_width = wrap_width(text, &lines);
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    let mut prev: Option<Line> = None;
    for line in lines {
        if line.is_blank() {
            blocks.extend(open.take());
            prev = None;
            continue;
        }
        let verbatim = header && blocks.is_empty() && open.is_none();
        match (&mut open, prev, wrap_width) {
            (Some(block), Some(prev), Some(width))
                if !block.verbatim && runs_on(text, prev, line, width) =>
            {
                block.end = line.end;
            }
            _ => {
                blocks.extend(open.take());
                open = Some(Block {
                    start: line.start,
                    end: line.end,
                    verbatim,
                });
            }
        }
        prev = Some(line);
    }
    blocks.extend(open);
    blocks
}

/// The lines of `text` (split at any Unicode line break, CRLF counting once).
fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = skip_printable_ascii(bytes, i);
        if i >= bytes.len() {
            break;
        }
        if !BREAK_START[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let width = match bytes[i] {
            b'\n' | 0x0B | 0x0C => 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                3
            }
            _ => 0,
        };
        if width == 0 {
            i += 1;
            continue;
        }
        lines.push(line(text, start, i));
        i += width;
        start = i;
    }
    lines.push(line(text, start, text.len()));
    lines
}

/// The first offset from `i` whose byte is a control or non-ASCII byte (every line break starts
/// with one), testing eight bytes at a time: most of a text is printable ASCII.
fn skip_printable_ascii(bytes: &[u8], mut i: usize) -> usize {
    const LOW: u64 = u64::from_ne_bytes([0x20; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_ne_bytes(chunk.try_into().expect("eight bytes"));
        // A byte below 0x20 borrows into its high bit; a byte from 0x80 has it set already.
        if (word.wrapping_sub(LOW) | word) & HIGH != 0 {
            break;
        }
        i += 8;
    }
    i
}

fn line(text: &str, start: usize, end: usize) -> Line {
    let raw = &text[start..end];
    let indent = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    let content_start = if trimmed.is_empty() {
        end
    } else {
        start + indent
    };
    Line {
        start: content_start,
        end: content_start + trimmed.len(),
        indent,
    }
}

/// When the text looks hard-wrapped (several long lines run on into a line that starts in lower
/// case), the typical line width; otherwise `None`.
fn wrap_width(text: &str, lines: &[Line]) -> Option<usize> {
    let mut pairs = 0;
    let mut run_ons = 0;
    for pair in lines.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.is_blank() || b.is_blank() {
            continue;
        }
        pairs += 1;
        let last = text[a.start..a.end].chars().next_back();
        let open_end = last.is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '-'));
        let lower_next = char_at(text, b.start).is_some_and(char::is_lowercase);
        if a.len() >= MIN_WRAPPED_LINE && open_end && lower_next {
            run_ons += 1;
        }
    }
    if run_ons < 2 || run_ons * 5 < pairs {
        return None;
    }
    let mut lengths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(Line::len)
        .collect();
    lengths.sort_unstable();
    lengths.get(lengths.len() * 4 / 5).copied()
}

/// In hard-wrapped text, whether line `b` continues the sentence of line `a`.
fn runs_on(text: &str, a: Line, b: Line, width: usize) -> bool {
    let short = a.len() * 5 < width * 3;
    let indented = b.indent > a.indent + 1;
    let item = char_at(text, b.start).is_some_and(|c| is_bullet(c) || c == '*')
        || Marker::parse(text, b.start, false).is_some();
    !(short || indented || item)
}

#[cfg(test)]
mod tests {
    use super::skip_printable_ascii;

    #[test]
    fn skips_to_the_first_control_or_non_ascii_byte() {
        for (text, from, want) in [
            ("plain ascii text only", 0, 21),
            ("twelve bytes\nmore", 0, 12),
            ("a\rb", 0, 1),
            ("sixteen bytes ok\u{2028}x", 3, 16),
            ("caf\u{e9} au lait", 0, 3),
            ("\x1f at the start", 0, 0),
            ("~~~~~~~~\x7f", 0, 9),
        ] {
            let got = skip_printable_ascii(text.as_bytes(), from);
            // Within a chunk the byte loop finishes the search, so any stop at or before the
            // first such byte is correct: check that none was skipped.
            assert!(got <= want, "{text:?}: {got} > {want}");
            assert!(text.as_bytes()[from..got]
                .iter()
                .all(|b| (0x20..0x80).contains(b)));
        }
    }
}
