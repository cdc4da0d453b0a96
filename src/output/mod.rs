//! Output: the wire types of the JSON contract (version 1) and their writers.
//!
//! Wire offsets are character (Unicode scalar value) offsets, end exclusive, so that Python's
//! `text[start:end]` gives back each span's `text`.

pub mod diff;
pub mod wire;
pub mod writer;

pub use wire::{to_wire, WireDocument, FORMAT_VERSION};

/// Converts byte offsets of one text into character offsets.
pub struct CharOffsets {
    /// Byte offsets where a multi-byte character starts, and the extra bytes seen before and
    /// including it; empty for ASCII text, which makes the conversion the identity.
    multibyte: Vec<(usize, usize)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut multibyte = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (i, c) in text.char_indices() {
                let n = c.len_utf8();
                if n > 1 {
                    extra += n - 1;
                    multibyte.push((i, extra));
                }
            }
        }
        CharOffsets { multibyte }
    }

    /// The character offset of byte offset `byte`, which must be on a character boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        // Extra bytes of the multi-byte characters that start before `byte`.
        let before = self.multibyte.partition_point(|&(start, _)| start < byte);
        let extra = if before == 0 {
            0
        } else {
            self.multibyte[before - 1].1
        };
        byte - extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_scalar_values() {
        let text = "a’b€c𝄞d";
        let offsets = CharOffsets::new(text);
        for (chars, (bytes, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.char_offset(bytes), chars);
        }
        assert_eq!(offsets.char_offset(text.len()), text.chars().count());
    }
}
