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

/// Splits text into tokens. Inner apostrophes and hyphens stay inside words; inner `.` and `,`
/// between digits stay inside numbers.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token {
                span: Span::new(start, start + c.len_utf8()),
                kind: TokenKind::Punct,
            });
            continue;
        }
        let kind = if c.is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let mut end = start + c.len_utf8();
        let mut prev = c;
        while let Some(&(i, next)) = chars.peek() {
            let joins = if is_word_char(next) {
                true
            } else if kind == TokenKind::Number
                && matches!(next, '.' | ',')
                && prev.is_ascii_digit()
            {
                text[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|d| d.is_ascii_digit())
            } else if is_joiner(next) && is_word_char(prev) {
                text[i + next.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char)
            } else {
                false
            };
            if !joins {
                break;
            }
            chars.next();
            end = i + next.len_utf8();
            prev = next;
        }
        tokens.push(Token {
            span: Span::new(start, end),
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
    fn trailing_joiners_are_punctuation() {
        assert_eq!(texts("the boys' 3,"), ["the", "boys", "'", "3", ","]);
    }
}
