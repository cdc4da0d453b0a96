//! Tokens: words, numbers and single punctuation marks, as spans into the text.

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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that may join two word characters into one token.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2011}')
}

/// The character at byte `i` and its length; ASCII without decoding (most text is ASCII).
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// The largest token end a [`Token`] can hold.
pub const MAX_TOKEN_END: usize = u32::MAX as usize;

/// Splits text into tokens. Inner apostrophes and hyphens stay inside words; inner `.` and `,`
/// between digits stay inside numbers. Only the first 4 GiB of a text are tokenised (no
/// entities or claims are found past that point; the command line refuses such inputs).
pub fn tokenize(text: &str) -> Vec<Token> {
    let text = prefix_up_to(text, MAX_TOKEN_END);
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        let start = i;
        i += len;
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token::new(Span::new(start, i), TokenKind::Punct));
            continue;
        }
        let kind = if c.is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let mut prev = c;
        while let Some((next, next_len)) = char_at(text, i) {
            let joins = if is_word_char(next) {
                true
            } else if kind == TokenKind::Number
                && matches!(next, '.' | ',')
                && prev.is_ascii_digit()
            {
                text.as_bytes()
                    .get(i + 1)
                    .is_some_and(|d| d.is_ascii_digit())
            } else if is_joiner(next) && is_word_char(prev) {
                char_at(text, i + next_len).is_some_and(|(d, _)| is_word_char(d))
            } else {
                false
            };
            if !joins {
                break;
            }
            i += next_len;
            prev = next;
        }
        tokens.push(Token::new(Span::new(start, i), kind));
    }
    tokens
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
    fn trailing_joiners_are_punctuation() {
        assert_eq!(texts("the boys' 3,"), ["the", "boys", "'", "3", ","]);
    }
}
