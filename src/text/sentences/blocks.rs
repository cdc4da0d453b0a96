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

/// Lines shorter than this are never evidence of hard wrapping.
const MIN_WRAPPED_LINE: usize = 40;

/// Splits `text` into blocks, in order; `landmarks` are the offsets of its landmark bytes
/// (every line break starts with one).
pub fn blocks(text: &str, landmarks: &[usize]) -> Vec<Block> {
    let lines = lines(text, landmarks);
    let header = parse_header(text).date.is_some();
    let wrap_width = wrap_width(text, &lines);
    let mut blocks: Vec<Block> = Vec::with_capacity(lines.len());
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
fn lines(text: &str, landmarks: &[usize]) -> Vec<Line> {
    let bytes = text.as_bytes();
    let breaks = landmarks
        .iter()
        .filter(|&&i| matches!(bytes[i], b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE2))
        .count();
    let mut lines = Vec::with_capacity(breaks + 1);
    let mut start = 0;
    for &i in landmarks {
        // The LF of a CRLF is part of the break before it.
        if i < start {
            continue;
        }
        let width = match bytes[i] {
            b'\n' | 0x0B | 0x0C => 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            // NEL, LS and PS.
            0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                3
            }
            _ => continue,
        };
        lines.push(line(text, start, i));
        start = i + width;
    }
    lines.push(line(text, start, text.len()));
    lines
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
