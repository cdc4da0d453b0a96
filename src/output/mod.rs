//! Output: the wire types of the JSON contract (version 1) and their writers.
//!
//! Wire offsets are character (Unicode scalar value) offsets, end exclusive, so that Python's
//! `text[start:end]` gives back each span's `text`.

pub mod diff;
mod direct;
pub mod html;
mod json;
pub mod outdir;
pub mod wire;
pub mod writer;

pub use direct::DocumentJson;
pub use json::escape_separators;
pub use wire::{to_wire, WireDocument, FORMAT_VERSION};

/// Converts byte offsets of one text into character offsets.
pub struct CharOffsets {
    /// Byte offsets where a multi-byte character starts, and the extra bytes seen before and
    /// including it; empty for ASCII text, which makes the conversion the identity.
    multibyte: Vec<(usize, usize)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let bytes = text.as_bytes();
        let mut multibyte = Vec::new();
        let mut extra = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Skip ASCII eight bytes at a time: news text is nearly all ASCII.
            if let Some(chunk) = bytes.get(i..i + 8) {
                if u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & HIGHS == 0 {
                    i += 8;
                    continue;
                }
            }
            // In valid UTF-8 a byte from 0xC0 up starts a character of 2, 3 or 4 bytes, and
            // 0x80..0xC0 only continues one.
            let n = match bytes[i] {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            if n > 1 {
                extra += n - 1;
                multibyte.push((i, extra));
            }
            i += n;
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
        let mixed = "a’b€c𝄞dé";
        let long = format!(
            "{} ascii run of more than eight bytes £5 {}",
            mixed.repeat(3),
            "x".repeat(9)
        );
        for text in [
            "",
            "plain ASCII, longer than eight bytes",
            "é",
            mixed,
            &long,
        ] {
            let offsets = CharOffsets::new(text);
            for (chars, (bytes, _)) in text.char_indices().enumerate() {
                assert_eq!(offsets.char_offset(bytes), chars, "{text:?} at {bytes}");
            }
            assert_eq!(offsets.char_offset(text.len()), text.chars().count());
        }
    }
}
