//! Tokens: words, numbers and single punctuation marks, as spans into the text.

use super::landmarks::{is_landmark, Landmarks};
use crate::document::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or digits ("Taliban", "ISIS-K", "don't").
    Word,
    /// Starts with a digit ("250", "3.5", "1,000", "F-35" is a Word).
    Number,
    /// Any other single non-space character.
    Punct,
}

/// A token's byte range is kept in two `u32`s: a document holds about one token per five
/// bytes, and halving the token (24 → 12 bytes) is the largest single memory saving on a huge
/// document. Texts past 4 GiB are tokenised up to there only (see [`tokenize`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    pub kind: TokenKind,
}

impl Token {
    /// A token over `span`, which must end at or before [`MAX_TOKEN_END`].
    pub fn new(span: Span, kind: TokenKind) -> Token {
        debug_assert!(span.end <= MAX_TOKEN_END);
        Token {
            start: span.start as u32,
            end: span.end as u32,
            kind,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start as usize..self.end as usize]
    }

    /// True when the first character is upper case.
    pub fn is_capitalised(&self, text: &str) -> bool {
        self.text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

/// What each byte is to the tokenizer, as bits: most text is ASCII, so most characters are
/// classified by one table load rather than by the Unicode tables behind
/// `char::is_alphanumeric` and `char::is_whitespace`. Bytes from 0x80 start (or continue) a
/// character that is decoded.
static CLASS: [u8; 256] = {
    let mut table = [NON_ASCII | MAY_JOIN; 256];
    let mut b = 0;
    while b < 256 {
        if b < 0x80 {
            table[b] = match b as u8 {
                b'0'..=b'9' => DIGIT,
                b'a'..=b'z' | b'A'..=b'Z' => LETTER,
                // The ASCII part of Unicode White_Space, as `char::is_whitespace` has it.
                b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => SPACE,
                b'.' | b',' | b'\'' | b'-' => PUNCT | MAY_JOIN,
                _ => PUNCT,
            };
        }
        if is_landmark(b as u8) {
            table[b] |= LANDMARK;
        }
        b += 1;
    }
    table
};

const SPACE: u8 = 1;
const PUNCT: u8 = 1 << 1;
const LETTER: u8 = 1 << 2;
const DIGIT: u8 = 1 << 3;
const NON_ASCII: u8 = 1 << 4;
/// May continue the word or number before it: a joiner, `.` or `,` in a number, or a
/// character outside ASCII (a letter, a curly apostrophe, a non-breaking hyphen).
const MAY_JOIN: u8 = 1 << 5;
/// A landmark for the sentence splitter (see [`is_landmark`]).
const LANDMARK: u8 = 1 << 6;
const ALNUM: u8 = LETTER | DIGIT;

fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
}

/// The largest token end a [`Token`] can hold.
pub const MAX_TOKEN_END: usize = u32::MAX as usize;

/// Splits text into tokens. Inner apostrophes and hyphens stay inside words; inner `.` and `,`
/// between digits stay inside numbers. Only the first 4 GiB of a text are tokenised (no
/// entities or claims are found past that point; the command line refuses such inputs).
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with_landmarks(text).0
}

/// [`tokenize`], noting on the way the landmarks of the whole text for the sentence splitter
/// ([`SentenceSplitter::split_with`](super::sentences::SentenceSplitter::split_with)), so that
/// one pass reads the bytes for both.
pub fn tokenize_with_landmarks(text: &str) -> (Vec<Token>, Landmarks) {
    let full = text;
    let text = prefix_up_to(text, MAX_TOKEN_END);
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut landmarks = Landmarks::with_capacity(full.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = class(b);
        let (kind, end) = if c & ALNUM != 0 {
            let kind = if c == DIGIT {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            (kind, word_end(text, i + 1, kind, &mut landmarks))
        } else {
            if c & LANDMARK != 0 {
                landmarks.push(i);
            }
            if c & SPACE != 0 {
                i += 1;
                continue;
            }
            if c & PUNCT != 0 {
                (TokenKind::Punct, i + 1)
            } else {
                let c = char_at(text, i);
                let end = i + c.len_utf8();
                if c.is_whitespace() {
                    i = end;
                    continue;
                }
                if c.is_alphanumeric() {
                    // A number starts with an ASCII digit; "²" or "٣" start words.
                    let end = word_end(text, end, TokenKind::Word, &mut landmarks);
                    (TokenKind::Word, end)
                } else {
                    (TokenKind::Punct, end)
                }
            }
        };
        tokens.push(Token::new(Span::new(i, end), kind));
        // Most tokens are followed by one space, which needs no trip round the loop.
        i = if bytes.get(end) == Some(&b' ') {
            end + 1
        } else {
            end
        };
    }
    landmarks.find_from(full, text.len());
    (tokens, landmarks)
}

/// Where a word or number goes on from `i`, just after a letter or digit of it. Kept small
/// enough to inline: the common word is a run of ASCII letters ending at a space or at
/// punctuation that cannot join.
#[inline(always)]
fn word_end(text: &str, i: usize, kind: TokenKind, landmarks: &mut Landmarks) -> usize {
    let bytes = text.as_bytes();
    let end = ascii_alnum_end(bytes, i);
    match bytes.get(end) {
        Some(&b) if class(b) & MAY_JOIN != 0 => joined_word_end(text, end, kind, landmarks),
        _ => end,
    }
}

/// The end of the run of ASCII letters and digits from `i`.
fn ascii_alnum_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| class(b) & ALNUM == 0)
        .map_or(bytes.len(), |n| i + n)
}

/// `word_end` past a character that may join: joiners between word characters, `.` or `,`
/// between ASCII digits of a number, letters and digits outside ASCII. The landmarks among
/// them are noted, as the main loop does not see them.
#[inline(never)]
fn joined_word_end(text: &str, mut i: usize, kind: TokenKind, landmarks: &mut Landmarks) -> usize {
    let bytes = text.as_bytes();
    loop {
        let Some(&b) = bytes.get(i) else {
            return i;
        };
        let next = match b {
            // What precedes is a letter or digit, so an ASCII byte before `i` is that character.
            b'.' | b',' if kind == TokenKind::Number && bytes[i - 1].is_ascii_digit() => {
                if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    return i;
                }
                i + 2
            }
            b'\'' | b'-' if starts_word_char(text, i + 1) => i + 1,
            0x80.. => {
                let c = char_at(text, i);
                let len = c.len_utf8();
                let joins = c.is_alphanumeric()
                    || (matches!(c, '\u{2019}' | '\u{2011}') && starts_word_char(text, i + len));
                if !joins {
                    return i;
                }
                i + len
            }
            _ => return i,
        };
        if class(b) & LANDMARK != 0 {
            landmarks.push(i);
        }
        i = ascii_alnum_end(bytes, next);
    }
}

/// Whether a letter or digit starts at byte `i` (which is on a character boundary).
fn starts_word_char(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&b) if b.is_ascii() => class(b) & ALNUM != 0,
        Some(_) => char_at(text, i).is_alphanumeric(),
    }
}

/// The character starting at byte `i`, which must be a character boundary inside `text`.
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().expect("a character starts here")
}

/// The longest prefix of `text` no longer than `max` bytes that ends on a character boundary.
fn prefix_up_to(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        assert_eq!(
            texts("ISIS-K said 1,000.5 don’t (CSIS)."),
            ["ISIS-K", "said", "1,000.5", "don’t", "(", "CSIS", ")", "."]
        );
    }

    #[test]
    fn non_ascii_letters_spaces_and_joiners() {
        assert_eq!(
            texts("Zürich\u{a0}naïve\u{2011}x 3.5\u{2014}Ελλάδα, 2,"),
            [
                "Zürich",
                "naïve\u{2011}x",
                "3.5",
                "\u{2014}",
                "Ελλάδα",
                ",",
                "2",
                ","
            ]
        );
    }

    #[test]
    fn prefix_ends_on_a_character_boundary() {
        assert_eq!(prefix_up_to("abc", 10), "abc");
        assert_eq!(prefix_up_to("abc", 2), "ab");
        // "é" is two bytes: a cut inside it steps back before it.
        assert_eq!(prefix_up_to("aé", 2), "a");
        assert_eq!(prefix_up_to("aé", 3), "aé");
    }

    #[test]
    fn token_spans_round_trip() {
        let text = "Zürich said 3.5";
        for t in tokenize(text) {
            assert_eq!(t.span().text(text), t.text(text));
        }
    }

    #[test]
    fn ascii_classes_agree_with_char_methods() {
        for b in 0..0x80u8 {
            let c = char::from(b);
            let class = class(b);
            assert_eq!(class & SPACE != 0, c.is_whitespace(), "{b:#x}");
            assert_eq!(class & ALNUM != 0, c.is_alphanumeric(), "{b:#x}");
            assert_eq!(class == DIGIT, c.is_ascii_digit(), "{b:#x}");
            let joins = matches!(c, '.' | ',' | '\'' | '-');
            assert_eq!(class & MAY_JOIN != 0, joins, "{b:#x}");
        }
    }

    /// The tokenizer as first written, one decoded character at a time: the oracle for the
    /// table-driven one.
    fn tokenize_by_chars(text: &str) -> Vec<Token> {
        let word = |c: char| c.is_alphanumeric();
        let at = |i: usize| text.get(i..).and_then(|s| s.chars().next());
        let mut tokens = Vec::new();
        let mut i = 0;
        while let Some(c) = at(i) {
            let start = i;
            i += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            if !word(c) {
                tokens.push(Token::new(Span::new(start, i), TokenKind::Punct));
                continue;
            }
            let kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let mut prev = c;
            while let Some(next) = at(i) {
                let joins = if word(next) {
                    true
                } else if kind == TokenKind::Number
                    && matches!(next, '.' | ',')
                    && prev.is_ascii_digit()
                {
                    text.as_bytes()
                        .get(i + 1)
                        .is_some_and(|d| d.is_ascii_digit())
                } else if matches!(next, '\'' | '\u{2019}' | '-' | '\u{2011}') && word(prev) {
                    at(i + next.len_utf8()).is_some_and(word)
                } else {
                    false
                };
                if !joins {
                    break;
                }
                i += next.len_utf8();
                prev = next;
            }
            tokens.push(Token::new(Span::new(start, i), kind));
        }
        tokens
    }

    #[test]
    fn same_tokens_as_decoding_every_character() {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "7",
            "0",
            " ",
            "\n",
            "\t",
            ".",
            ",",
            "'",
            "-",
            "\u{2019}",
            "\u{2011}",
            "\u{a0}",
            "\u{2003}",
            "é",
            "Ω",
            "²",
            "٣",
            "—",
            "“",
            "€",
            "\u{1f600}",
            "\0",
            "\x1c",
            "(",
            "$",
            "_",
            "\"",
            "\r",
            "?",
            "[",
            "\u{2028}",
        ];
        // SplitMix64, seeded: reproducible without a dependency.
        let mut state = 0x5eed_u64;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as usize
        };
        for _ in 0..20_000 {
            let len = next() % 24;
            let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
            let (tokens, landmarks) = tokenize_with_landmarks(&text);
            assert_eq!(tokens, tokenize_by_chars(&text), "{text:?}");
            assert_eq!(landmarks, Landmarks::find(&text), "{text:?}");
        }
    }

    #[test]
    fn trailing_joiners_are_punctuation() {
        assert_eq!(texts("the boys' 3,"), ["the", "boys", "'", "3", ","]);
    }
}
