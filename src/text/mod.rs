//! Text: the document header, sentences and tokens, all as spans into the untouched input.

pub mod header;
pub mod landmarks;
pub mod sentences;
pub mod tokens;
