//! Sentence splitting. The sentences tile the text: each one starts where the previous ended,
//! so trailing whitespace belongs to the sentence before it.

use crate::document::Span;

/// Splits text into sentences.
#[derive(Clone, Debug, Default)]
pub struct SentenceSplitter {}

impl SentenceSplitter {
    pub fn new() -> SentenceSplitter {
        SentenceSplitter {}
    }

    /// Sentence spans that tile `text` (none for empty text).
    pub fn split(&self, text: &str) -> Vec<Span> {
        let mut sentences = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let boundary = match b {
                b'.' | b'!' | b'?' => {
                    let rest = &text[i + 1..];
                    let after_space = rest.trim_start();
                    rest.len() != after_space.len()
                        && after_space
                            .chars()
                            .next()
                            .is_none_or(|c| c.is_uppercase() || c.is_ascii_digit())
                }
                b'\n' => text[i + 1..].starts_with('\n'),
                _ => false,
            };
            if boundary {
                let rest = &text[i + 1..];
                let end = i + 1 + (rest.len() - rest.trim_start().len());
                sentences.push(Span::new(start, end));
                start = end;
                i = end;
                continue;
            }
            i += 1;
        }
        if start < text.len() {
            sentences.push(Span::new(start, text.len()));
        }
        sentences
    }
}
