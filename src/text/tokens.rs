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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.text(text)
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

/// Splits text into tokens. Inner apostrophes and hyphens stay inside words; inner `.` and `,`
/// between digits stay inside numbers.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        let start = i;
        i += len;
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token {
                span: Span::new(start, i),
                kind: TokenKind::Punct,
            });
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
        tokens.push(Token {
            span: Span::new(start, i),
            kind,
        });
    }
    tokens
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
    fn trailing_joiners_are_punctuation() {
        assert_eq!(texts("the boys' 3,"), ["the", "boys", "'", "3", ","]);
    }
}
