//! Sentence splitting. The sentences tile the text: each one starts where the previous ended,
//! so trailing whitespace belongs to the sentence before it.
//!
//! Two passes, both linear:
//! 1. `blocks`: line breaks. Blank lines always end a sentence; single line breaks do too
//!    unless the text is hard-wrapped prose. A `date YYYY-MM-DD Title` first line stands alone.
//! 2. `scan`, within each block: terminators ("." "!" "?" "…" and runs of them). Closing
//!    quotes, brackets and citations after a terminator stay with its sentence; periods inside
//!    a quotation or a bracket pair do not end one; what precedes a period (abbreviation,
//!    initial, number) and follows it (capital, sentence starter, digit) decides the rest, with
//!    the word lists of `gazetteers/sentences/` (see `lexicon`).

mod blocks;
mod chars;
mod lexicon;
mod marks;
mod scan;
#[cfg(test)]
mod tests;

use crate::document::Span;
use crate::text::landmarks::Landmarks;
use lexicon::Lexicon;
use scan::Scanner;

/// Splits text into sentences. Cheap to build (the word lists are shared by the process).
#[derive(Clone, Debug)]
pub struct SentenceSplitter {
    lexicon: &'static Lexicon,
}

impl Default for SentenceSplitter {
    fn default() -> SentenceSplitter {
        SentenceSplitter::new()
    }
}

impl SentenceSplitter {
    pub fn new() -> SentenceSplitter {
        SentenceSplitter {
            lexicon: Lexicon::embedded(),
        }
    }

    /// Sentence spans that tile `text` (none for empty text).
    pub fn split(&self, text: &str) -> Vec<Span> {
        self.split_with(text, &Landmarks::find(text))
    }

    /// [`split`](Self::split), given the landmarks of `text` (as the tokenizer finds them with
    /// [`tokenize_with_landmarks`](crate::text::tokens::tokenize_with_landmarks)), so that the
    /// splitter reads only the bytes around them. Landmarks of another text are not used.
    pub fn split_with(&self, text: &str, landmarks: &Landmarks) -> Vec<Span> {
        if !landmarks.fit(text.len()) {
            return self.split(text);
        }
        if text.is_empty() {
            return Vec::new();
        }
        let landmarks = landmarks.offsets();
        // News text has a sentence start for every two or three landmarks.
        let mut starts = Vec::with_capacity(landmarks.len() / 2 + 1);
        let mut scanner = Scanner::new(self.lexicon);
        let mut first = 0;
        for (k, block) in blocks::blocks(text, landmarks).into_iter().enumerate() {
            // Leading white space belongs to the first sentence.
            if k > 0 {
                starts.push(block.start);
            }
            // Blocks are in order, so their landmarks are found by walking forward.
            while landmarks.get(first).is_some_and(|&at| at < block.start) {
                first += 1;
            }
            let mut end = first;
            while landmarks.get(end).is_some_and(|&at| at < block.end) {
                end += 1;
            }
            if !block.verbatim {
                let in_block = &landmarks[first..end];
                scanner.split(
                    &text[block.start..block.end],
                    block.start,
                    in_block,
                    &mut starts,
                );
            }
            first = end;
        }
        let mut sentences = Vec::with_capacity(starts.len() + 1);
        let mut start = 0;
        for at in starts {
            if at > start && at < text.len() {
                sentences.push(Span::new(start, at));
                start = at;
            }
        }
        sentences.push(Span::new(start, text.len()));
        sentences
    }
}
