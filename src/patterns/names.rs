//! Names recognised by their shape and context rather than a list: titles with capitalised
//! words, known first names with surnames, organisation suffixes, acronym definitions.

use crate::document::{Mention, Span};
use crate::text::tokens::Token;

/// Finds person and organisation names that no gazetteer lists.
#[derive(Default)]
pub struct NameRecognizer {}

impl NameRecognizer {
    pub fn new() -> NameRecognizer {
        NameRecognizer {}
    }

    /// Candidate mentions; `known` are the gazetteer's mentions, which these must not overlap.
    pub fn find(
        &self,
        _text: &str,
        _tokens: &[Token],
        _sentences: &[Span],
        _known: &[Mention],
    ) -> Vec<Mention> {
        Vec::new()
    }
}
