//! A tiny tokenizer over the original text, used forwards and backwards from a figure.
//!
//! Tokens are runs of ASCII letters, runs of ASCII digits, or any other single character;
//! whitespace separates them and is skipped. Word lists are tokenized the same way, so
//! "US$" in a list also matches "US $" and "us$" in text, and "a.m." matches "a. m.". Every
//! position returned is a char boundary of the text.

use std::cell::Cell;
use std::ops::Deref;

/// One token: a byte range of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    /// Whitespace separates this token from the position it was read from.
    pub gap: bool,
}

impl Tok {
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    pub fn is_word(&self, text: &str) -> bool {
        text.as_bytes()[self.start].is_ascii_alphabetic()
    }

    pub fn is_digits(&self, text: &str) -> bool {
        text.as_bytes()[self.start].is_ascii_digit()
    }

    #[inline]
    pub fn is(&self, text: &str, word: &str) -> bool {
        self.text(text).eq_ignore_ascii_case(word)
    }
}

/// Whitespace a figure may span: not a paragraph break (two line breaks).
fn skip_space(text: &str, mut pos: usize) -> Option<usize> {
    let mut newlines = 0;
    while let Some(&b) = text.as_bytes().get(pos) {
        let Some(len) = space_len(b, || text[pos..].chars().next()) else {
            break;
        };
        if b == b'\n' {
            newlines += 1;
            if newlines > 1 {
                return None;
            }
        }
        pos += len;
    }
    Some(pos)
}

fn skip_space_back(text: &str, mut pos: usize, floor: usize) -> Option<usize> {
    let mut newlines = 0;
    while pos > floor {
        let b = text.as_bytes()[pos - 1];
        let Some(len) = space_len(b, || text[floor..pos].chars().next_back()) else {
            break;
        };
        if b == b'\n' {
            newlines += 1;
            if newlines > 1 {
                return None;
            }
        }
        pos -= len;
    }
    Some(pos)
}

/// The byte length of the character next to the position being read if it is whitespace:
/// `b` is its byte on that side, `decode` reads it when it is not ASCII. ASCII is decided
/// from the byte alone (a tenth of the figure parser's time went into decoding), as
/// `char::is_whitespace` decides it: space and `\t` to `\r`.
fn space_len(b: u8, decode: impl FnOnce() -> Option<char>) -> Option<usize> {
    if b.is_ascii() {
        return matches!(b, b' ' | b'\t'..=b'\r').then_some(1);
    }
    decode().filter(|c| c.is_whitespace()).map(char::len_utf8)
}

/// A text being read for figures, with the tokens last read from it remembered: the rules
/// around one figure read the same few tokens over and over (four reads in five were repeats
/// on the BBC corpus, and reading them was a sixth of the figure parser's cost, issue 6).
/// Everything else reads it as the `str` it derefs to.
pub(super) struct Text<'t> {
    text: &'t str,
    /// The token read forwards from a position, in a slot chosen by the position.
    forward: [Cell<(usize, Option<Tok>)>; SLOTS],
    /// The token read backwards from a position, not before a floor.
    backward: [Cell<(usize, usize, Option<Tok>)>; SLOTS],
}

/// Remembered reads each way: enough for the neighbourhood of one figure.
const SLOTS: usize = 8;

impl<'t> Text<'t> {
    pub fn new(text: &'t str) -> Text<'t> {
        // No read starts at `usize::MAX`, so the empty slots never match.
        Text {
            text,
            forward: std::array::from_fn(|_| Cell::new((usize::MAX, None))),
            backward: std::array::from_fn(|_| Cell::new((usize::MAX, 0, None))),
        }
    }
}

impl Deref for Text<'_> {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.text
    }
}

/// The token starting at or after `pos`, skipping whitespace.
pub(super) fn next_tok(text: &Text, pos: usize) -> Option<Tok> {
    let slot = &text.forward[pos % SLOTS];
    let (at, tok) = slot.get();
    if at == pos {
        return tok;
    }
    let tok = read_next(text.text, pos);
    slot.set((pos, tok));
    tok
}

/// The token ending at or before `pos`, skipping whitespace, never reaching before `floor`.
pub(super) fn prev_tok(text: &Text, pos: usize, floor: usize) -> Option<Tok> {
    let slot = &text.backward[pos % SLOTS];
    let (at, from, tok) = slot.get();
    if at == pos && from == floor {
        return tok;
    }
    let tok = read_prev(text.text, pos, floor);
    slot.set((pos, floor, tok));
    tok
}

/// [`next_tok`], read from the text.
fn read_next(text: &str, pos: usize) -> Option<Tok> {
    let start = skip_space(text, pos)?;
    let bytes = text.as_bytes();
    let first = *bytes.get(start)?;
    let end = if first.is_ascii_alphabetic() {
        start + run(&bytes[start..], |b| b.is_ascii_alphabetic())
    } else if first.is_ascii_digit() {
        start + run(&bytes[start..], |b| b.is_ascii_digit())
    } else {
        start + text[start..].chars().next()?.len_utf8()
    };
    Some(Tok {
        start,
        end,
        gap: start > pos,
    })
}

/// [`prev_tok`], read from the text.
fn read_prev(text: &str, pos: usize, floor: usize) -> Option<Tok> {
    let end = skip_space_back(text, pos, floor)?;
    if end <= floor {
        return None;
    }
    let bytes = text.as_bytes();
    let last = bytes[end - 1];
    let start = if last.is_ascii_alphabetic() {
        end - run_back(&bytes[floor..end], |b| b.is_ascii_alphabetic())
    } else if last.is_ascii_digit() {
        end - run_back(&bytes[floor..end], |b| b.is_ascii_digit())
    } else {
        end - text[floor..end].chars().next_back()?.len_utf8()
    };
    Some(Tok {
        start,
        end,
        gap: end < pos,
    })
}

fn run(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    bytes.iter().take_while(|&&b| f(b)).count()
}

fn run_back(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    bytes.iter().rev().take_while(|&&b| f(b)).count()
}

/// The character just before `pos`, if any.
pub(super) fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// The character at `pos`, if any.
pub(super) fn char_at(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

pub(super) use crate::hash::{FastMap as Map, FastSet as Set};

/// A word or phrase from a list, tokenized like the text.
#[derive(Clone, Debug)]
pub(super) struct Phrase {
    tokens: Vec<Box<str>>,
    /// Letters must match in case, and tokens written together must be together in the text
    /// ("USD" but not "usd"; "A$5" but not "A $5 million deal").
    exact: bool,
    /// For each token after the first: whether whitespace comes before it in the list.
    gaps: Vec<bool>,
}

impl Phrase {
    pub fn new(text: &str, exact: bool) -> Phrase {
        let mut tokens = Vec::new();
        let mut gaps = Vec::new();
        let mut pos = 0;
        while let Some(tok) = read_next(text, pos) {
            tokens.push(tok.text(text).into());
            gaps.push(tok.gap);
            pos = tok.end;
        }
        Phrase {
            tokens,
            exact,
            gaps,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    fn same(&self, want: &str, got: &str) -> bool {
        if self.exact {
            want == got
        } else {
            want.eq_ignore_ascii_case(got)
        }
    }

    /// Where the phrase ends if it starts at `first`, the first token after `pos`.
    fn match_fwd(&self, text: &Text, pos: usize, first: Tok) -> Option<usize> {
        let mut at = pos;
        for (i, want) in self.tokens.iter().enumerate() {
            // The first token is read once for all the phrases a set tries.
            let tok = if i == 0 { first } else { next_tok(text, at)? };
            // Words must not run on into the next token ("a few" is not "a fewer").
            if !self.same(want, tok.text(text))
                || (i == 0 && tok.start == pos && glued(text, pos))
                || (i > 0 && self.exact && tok.gap != self.gaps[i])
            {
                return None;
            }
            at = tok.end;
        }
        let last = self.tokens.last()?;
        if last.as_bytes()[0].is_ascii_alphanumeric() && glued(text, at) {
            return None;
        }
        Some(at)
    }

    /// Where the phrase starts if it ends at `last`, the last token before `pos` (not before
    /// `floor`).
    fn match_back(&self, text: &Text, pos: usize, floor: usize, last: Tok) -> Option<usize> {
        let mut at = pos;
        for (i, want) in self.tokens.iter().enumerate().rev() {
            let tok = if i + 1 == self.tokens.len() {
                last
            } else {
                prev_tok(text, at, floor)?
            };
            // `tok.gap`: whitespace between this token and the next one of the phrase.
            let loose = i + 1 < self.tokens.len() && self.exact && tok.gap != self.gaps[i + 1];
            if !self.same(want, tok.text(text)) || loose {
                return None;
            }
            at = tok.start;
        }
        let first = self.tokens.first()?;
        if first.as_bytes()[0].is_ascii_alphanumeric() && at > 0 {
            let before = text.as_bytes()[at - 1];
            if before.is_ascii_alphanumeric() {
                return None;
            }
        }
        Some(at)
    }
}

/// True when the characters either side of `pos` are both ASCII letters or digits.
fn glued(text: &str, pos: usize) -> bool {
    let bytes = text.as_bytes();
    pos > 0
        && pos < bytes.len()
        && bytes[pos - 1].is_ascii_alphanumeric()
        && bytes[pos].is_ascii_alphanumeric()
}

/// `word` lower-cased into `buf` when it is short ASCII; lookups in lower-case lists use this
/// to avoid allocating. A word already in lower case (most of a text) is returned as it is,
/// which also skips the UTF-8 check of the copy.
pub(super) fn lower<'b>(word: &'b str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(word);
    }
    let out = &mut buf[..word.len()];
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// The key a token is indexed under: lower-cased ASCII, or the token itself (symbols).
fn key<'b>(tok: &'b str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if tok.is_ascii() {
        lower(tok, buf)
    } else {
        Some(tok)
    }
}

/// Phrases with a value each, indexed by their first and last tokens so that a lookup
/// reads one token and tries only the phrases that can match (longest first).
pub(super) struct PhraseSet<T> {
    items: Vec<(Phrase, T)>,
    by_first: Map<Box<str>, Vec<usize>>,
    by_last: Map<Box<str>, Vec<usize>>,
    firsts: KeyFilter,
    lasts: KeyFilter,
}

/// Which tokens may be keys of an index, by their length and first and last bytes (lower
/// case): nine lookups in ten find no phrase, and this test turns them away without
/// lower-casing and hashing the token. It never turns a key away.
pub(super) struct KeyFilter {
    /// A bit per shape, hashed into 4096 bits: a row per first byte, a bit for the rest.
    rows: [u64; 64],
}

impl Default for KeyFilter {
    fn default() -> KeyFilter {
        KeyFilter { rows: [0; 64] }
    }
}

impl KeyFilter {
    fn shape(token: &str) -> (usize, u32) {
        let bytes = token.as_bytes();
        let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
            return (0, 0);
        };
        let row = usize::from(first.to_ascii_lowercase() & 0x3F);
        let bit = (u32::from(last.to_ascii_lowercase()) + 8 * bytes.len() as u32) & 0x3F;
        (row, bit)
    }

    pub fn insert(&mut self, key: &str) {
        let (row, bit) = KeyFilter::shape(key);
        self.rows[row] |= 1 << bit;
    }

    /// False when `token` is no key, in any case.
    #[inline]
    pub fn may_hold(&self, token: &str) -> bool {
        let (row, bit) = KeyFilter::shape(token);
        self.rows[row] & (1 << bit) != 0
    }
}

impl<T> PhraseSet<T> {
    pub fn new(mut items: Vec<(Phrase, T)>) -> PhraseSet<T> {
        items.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut by_first: Map<Box<str>, Vec<usize>> = Default::default();
        let mut by_last: Map<Box<str>, Vec<usize>> = Default::default();
        let mut firsts = KeyFilter::default();
        let mut lasts = KeyFilter::default();
        for (i, (p, _)) in items.iter().enumerate() {
            let (Some(first), Some(last)) = (p.tokens.first(), p.tokens.last()) else {
                continue;
            };
            let mut buf = [0u8; 24];
            if let Some(k) = key(first, &mut buf) {
                firsts.insert(k);
                by_first.entry(k.into()).or_default().push(i);
            }
            let mut buf = [0u8; 24];
            if let Some(k) = key(last, &mut buf) {
                lasts.insert(k);
                by_last.entry(k.into()).or_default().push(i);
            }
        }
        PhraseSet {
            items,
            by_first,
            by_last,
            firsts,
            lasts,
        }
    }

    /// The longest phrase starting at the first token after `pos`: its end and value.
    pub fn longest_fwd(&self, text: &Text, pos: usize) -> Option<(usize, &T)> {
        let tok = next_tok(text, pos)?;
        let word = tok.text(text);
        if !self.firsts.may_hold(word) {
            return None;
        }
        let mut buf = [0u8; 24];
        let candidates = self.by_first.get(key(word, &mut buf)?)?;
        // The second token, read once for all the candidates and compared first.
        let mut second = None;
        candidates.iter().find_map(|&i| {
            let (p, v) = &self.items[i];
            if let Some(want) = p.tokens.get(1) {
                let got = *second.get_or_insert_with(|| next_tok(text, tok.end));
                if !got.is_some_and(|t| want.eq_ignore_ascii_case(t.text(text))) {
                    return None;
                }
            }
            p.match_fwd(text, pos, tok).map(|e| (e, v))
        })
    }

    /// The longest phrase ending at the last token before `pos`: its start and value.
    pub fn longest_back(&self, text: &Text, pos: usize, floor: usize) -> Option<(usize, &T)> {
        let tok = prev_tok(text, pos, floor)?;
        let word = tok.text(text);
        if !self.lasts.may_hold(word) {
            return None;
        }
        let mut buf = [0u8; 24];
        let candidates = self.by_last.get(key(word, &mut buf)?)?;
        // The token before the last, read once for all the candidates and compared first.
        let mut before = None;
        candidates.iter().find_map(|&i| {
            let (p, v) = &self.items[i];
            if let Some(want) = p.len().checked_sub(2).map(|k| &p.tokens[k]) {
                let got = *before.get_or_insert_with(|| prev_tok(text, tok.start, floor));
                if !got.is_some_and(|t| want.eq_ignore_ascii_case(t.text(text))) {
                    return None;
                }
            }
            p.match_back(text, pos, floor, tok).map(|s| (s, v))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first definitions, decoding every character: the byte shortcuts must agree.
    fn skip_space_naive(text: &str, mut pos: usize) -> Option<usize> {
        let mut newlines = 0;
        for c in text[pos..].chars() {
            if !c.is_whitespace() {
                break;
            }
            if c == '\n' {
                newlines += 1;
                if newlines > 1 {
                    return None;
                }
            }
            pos += c.len_utf8();
        }
        Some(pos)
    }

    fn skip_space_back_naive(text: &str, mut pos: usize, floor: usize) -> Option<usize> {
        let mut newlines = 0;
        for c in text[floor..pos].chars().rev() {
            if !c.is_whitespace() {
                break;
            }
            if c == '\n' {
                newlines += 1;
                if newlines > 1 {
                    return None;
                }
            }
            pos -= c.len_utf8();
        }
        Some(pos)
    }

    #[test]
    fn whitespace_skipping_agrees_with_char_is_whitespace() {
        let mut text: String = (0u8..0x80).map(char::from).collect();
        text.push_str("a \u{a0}\u{85}\u{2003}\u{3000}\u{200b}b \n \n c\r\n\u{2028}\u{2029}d é");
        for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
            assert_eq!(
                skip_space(&text, pos),
                skip_space_naive(&text, pos),
                "at {pos}"
            );
            for floor in [0, pos / 2, pos]
                .into_iter()
                .filter(|&f| text.is_char_boundary(f))
            {
                assert_eq!(
                    skip_space_back(&text, pos, floor),
                    skip_space_back_naive(&text, pos, floor),
                    "at {pos} from {floor}"
                );
            }
        }
    }

    #[test]
    fn key_filter_holds_every_key_in_any_case() {
        let keys = ["$", "€", "us", "than", "a.m.", "x", "seventeen", "up"];
        let mut filter = KeyFilter::default();
        for k in keys {
            filter.insert(k);
        }
        for k in keys {
            let mut capitalised = k.to_string();
            if let Some(first) = capitalised.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            for token in [k.to_string(), k.to_ascii_uppercase(), capitalised] {
                assert!(filter.may_hold(&token), "{token:?}");
            }
        }
        let turned_away = ["the", "of", "said", "people", "£", "2024"];
        assert!(
            turned_away.iter().filter(|t| !filter.may_hold(t)).count() >= 4,
            "the filter should turn most other words away"
        );
    }
}
