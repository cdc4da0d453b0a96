//! The hasher of claimex's word-list tables and per-document maps.
//!
//! Their keys are our own word lists and a document's names: short, and chosen by no party
//! that could make them collide, so SipHash's flooding defence only costs time (it was a
//! tenth of the figure parser's run time).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// rustc's FxHash (multiply and rotate) over eight-byte words, with MurmurHash3's finaliser so
/// that a table's low bits depend on every byte.
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

pub type FastBuild = BuildHasherDefault<FastHasher>;
pub type FastMap<K, V> = HashMap<K, V, FastBuild>;
pub type FastSet<K> = HashSet<K, FastBuild>;

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ h >> 33
    }

    fn write(&mut self, bytes: &[u8]) {
        write_words(bytes, |b| b, self);
    }

    fn write_u8(&mut self, b: u8) {
        self.write_u64(u64::from(b));
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Feeds `bytes`, each mapped by `map`, to `state` eight to a word, then their length: one
/// hasher step per eight bytes. `map` lets a caseless key hash its lower case without a copy.
pub fn write_words<H: Hasher>(bytes: &[u8], map: impl Fn(u8) -> u8, state: &mut H) {
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        for (w, &b) in word.iter_mut().zip(chunk) {
            *w = map(b);
        }
        state.write_u64(u64::from_le_bytes(word));
    }
    state.write_usize(bytes.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn equal_keys_hash_alike_and_near_keys_apart() {
        let hash = |s: &str| FastBuild::default().hash_one(s);
        assert_eq!(hash("Reuters"), hash("Reuters"));
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "said",
            "saida",
            "eightbyt",
            "eightbytes",
            "Saïd",
        ];
        let hashes: FastSet<u64> = words.iter().map(|w| hash(w)).collect();
        assert_eq!(hashes.len(), words.len());
        // The finaliser spreads keys that differ in one byte over a small table's buckets.
        let buckets: FastSet<u64> = (b'a'..=b'z')
            .map(|c| hash(&char::from(c).to_string()) & 63)
            .collect();
        assert!(buckets.len() > 12, "{}", buckets.len());
    }

    #[test]
    fn a_mapped_key_hashes_as_its_mapped_bytes() {
        let mut mapped = FastHasher::default();
        write_words(b"New York Times", |b| b.to_ascii_lowercase(), &mut mapped);
        let mut lower = FastHasher::default();
        lower.write(b"new york times");
        assert_eq!(mapped.finish(), lower.finish());
    }
}
