//! Quotation spans: curly “…”, straight "…", and the doubled ``…'' / ''…'' / ‘‘…’’ of wire copy.
//!
//! News conventions (issue 4): a quote running over several paragraphs leaves the earlier
//! paragraphs unclosed and reopens each new one, so it continues until it closes; an unclosed
//! quote otherwise ends at its paragraph; a new opening mark while a quote is open ends the
//! open quote at the last sentence end before it.

use memchr::{memchr2, memchr3};

use crate::document::{sentence_index, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// Straight marks: opening or closing by state.
    Either,
}

/// The quote mark starting at byte `i`, if any, and its length in bytes.
fn mark_at(text: &str, i: usize) -> Option<(Mark, usize)> {
    let rest = &text[i..];
    let c = rest.chars().next()?;
    match c {
        '\u{201C}' | '\u{201E}' => Some((Mark::Open, c.len_utf8())),
        '\u{201D}' => Some((Mark::Close, c.len_utf8())),
        '"' => Some((Mark::Either, 1)),
        '`' if rest.starts_with("``") => Some((Mark::Open, 2)),
        '\'' if rest.starts_with("''") => Some((Mark::Either, 2)),
        // ‘‘…’’: doubled curly apostrophes, typed for quotation marks in some wire copy.
        '\u{2018}' if rest.starts_with("\u{2018}\u{2018}") => Some((Mark::Open, 6)),
        '\u{2019}' if rest.starts_with("\u{2019}\u{2019}") => Some((Mark::Close, 6)),
        _ => None,
    }
}

/// End of `text[..end]` without trailing whitespace.
fn trim_end_at(text: &str, end: usize) -> usize {
    text[..end].trim_end().len()
}

/// The bytes that matter to the scan: line breaks, ASCII marks and the lead byte of the curly
/// ones (U+201C..U+201E), all char boundaries. Two SIMD searches (`memchr` takes at most three
/// needles) replace a byte loop over the whole text, the scan's main cost; each keeps its
/// answer until the scan passes it, so each visits every byte at most once.
struct Candidates<'t> {
    bytes: &'t [u8],
    /// The next line break, straight double quote or apostrophe (None: no more).
    common: Option<usize>,
    /// The next backtick or lead byte of a curly quote (None: no more).
    rare: Option<usize>,
}

impl<'t> Candidates<'t> {
    fn new(bytes: &'t [u8]) -> Candidates<'t> {
        Candidates {
            bytes,
            common: memchr3(b'\n', b'"', b'\'', bytes),
            rare: memchr2(b'`', 0xE2, bytes),
        }
    }

    /// The first candidate at or after `from`, which must not decrease from call to call.
    fn next(&mut self, from: usize) -> Option<usize> {
        if self.common.is_some_and(|p| p < from) {
            self.common = memchr3(b'\n', b'"', b'\'', &self.bytes[from..]).map(|k| from + k);
        }
        if self.rare.is_some_and(|p| p < from) {
            self.rare = memchr2(b'`', 0xE2, &self.bytes[from..]).map(|k| from + k);
        }
        match (self.common, self.rare) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Quotations with their marks, in text order, never overlapping.
pub fn find_quotes(text: &str, sentences: &[Span]) -> Vec<Span> {
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None;
    // The next opening mark continues the open quote (a new paragraph of the same quote).
    let mut continuing = false;
    let mut candidates = Candidates::new(text.as_bytes());
    let mut i = 0;
    while i < text.len() {
        // Skip to the next line break or possible quote mark.
        match candidates.next(i) {
            Some(k) => i = k,
            None => break,
        }
        let b = text.as_bytes()[i];
        if b == b'\n' {
            let next = i + 1 + (text[i + 1..].len() - text[i + 1..].trim_start().len());
            if let Some(start) = open {
                let reopens = next < text.len()
                    && matches!(mark_at(text, next), Some((Mark::Open | Mark::Either, _)));
                if reopens {
                    continuing = true;
                } else {
                    push(&mut quotes, text, start, trim_end_at(text, i));
                    open = None;
                }
            }
            i = next.max(i + 1);
            continue;
        }
        let Some((mark, len)) = mark_at(text, i) else {
            i += 1;
            continue;
        };
        match (mark, open) {
            (Mark::Open | Mark::Either, Some(_)) if continuing => continuing = false,
            (Mark::Open, Some(start)) => {
                // Unclosed: end it at the last sentence end before this new quote.
                let k = sentence_index(sentences, i);
                let end = match sentences.get(k) {
                    Some(s) if s.start > start && s.start <= i => trim_end_at(text, s.start),
                    _ => trim_end_at(text, i),
                };
                push(&mut quotes, text, start, end);
                open = Some(i);
            }
            (Mark::Close | Mark::Either, Some(start)) => {
                push(&mut quotes, text, start, i + len);
                open = None;
            }
            (Mark::Open | Mark::Either, None) => open = Some(i),
            (Mark::Close, None) => {}
        }
        i += len;
    }
    if let Some(start) = open {
        push(&mut quotes, text, start, trim_end_at(text, text.len()));
    }
    quotes
}

fn push(quotes: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    if end > start && text[start..end].chars().any(char::is_alphanumeric) {
        quotes.push(Span::new(start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        // One sentence per line is enough for these cases.
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            sentences.push(Span::new(start, i + 2));
            start = i + 2;
        }
        sentences.push(Span::new(start, text.len()));
        find_quotes(text, &sentences)
            .iter()
            .map(|s| s.text(text))
            .collect()
    }

    #[test]
    fn finds_quotes_of_each_style() {
        let table: &[(&str, &[&str])] = &[
            ("“We will win,” she said.", &["“We will win,”"]),
            ("\"We will win,\" she said.", &["\"We will win,\""]),
            ("``We will win,'' she said.", &["``We will win,''"]),
            ("''We will win,'' she said.", &["''We will win,''"]),
            ("“We will win,’’ she said.", &["“We will win,’’"]),
            ("‘‘We will win,’’ she said.", &["‘‘We will win,’’"]),
            ("The boys’ toys’ wheels.", &[]),
            ("“A,” he said, “B.”", &["“A,”", "“B.”"]),
            ("No quotes here.", &[]),
            ("It's the boys' toys.", &[]),
        ];
        for (text, want) in table {
            assert_eq!(&quoted(text), want, "{text}");
        }
    }

    fn may_start_mark(b: u8) -> bool {
        matches!(b, b'\n' | b'"' | b'`' | b'\'' | 0xE2)
    }

    #[test]
    fn candidates_are_the_next_bytes_that_may_start_a_mark() {
        let text = "plain, then \"a quote\" and `ticks'' over\nlines “curly” 0123456789";
        let bytes = text.as_bytes();
        let mut candidates = Candidates::new(bytes);
        for from in 0..=bytes.len() {
            let want = bytes[from..]
                .iter()
                .position(|&b| may_start_mark(b))
                .map(|k| from + k);
            assert_eq!(candidates.next(from), want, "from {from}");
        }
    }

    #[test]
    fn multi_paragraph_quote_continues_until_closed() {
        let text = "“First part.\n\n“Second part,” he said.";
        assert_eq!(quoted(text), ["“First part.\n\n“Second part,”"]);
    }

    #[test]
    fn unclosed_quote_ends_at_its_paragraph() {
        let text = "“First part.\n\nThe next paragraph.";
        assert_eq!(quoted(text), ["“First part."]);
    }

    #[test]
    fn new_opening_mark_ends_the_open_quote_at_a_sentence_end() {
        let text = "“Never closed. She called it “a mess.” Done.";
        assert_eq!(quoted(text), ["“Never closed.", "“a mess.”"]);
    }
}
