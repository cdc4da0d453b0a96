//! Word lists that name recognition consults (first names, titles, organisation suffixes,
//! common capitalised words, demonyms), compiled by `build.rs` into one hash table.
//!
//! Each file `gazetteers/names/STEM.txt|tsv` or `gazetteers/ner/STEM.txt|tsv` becomes the list
//! `STEM` (first column, lower-cased); files with the same stem are merged. The map gives each
//! word a bit set of the lists that contain it, so one lookup answers every list.

use super::table::{fnv1a_step, EmbeddedTable, FNV_START};

include!(concat!(env!("OUT_DIR"), "/lists.rs"));

/// The embedded word lists: a hash table built by `build.rs`, probed in place, so loading
/// costs nothing.
#[derive(Clone)]
pub struct WordLists {
    table: EmbeddedTable,
}

impl WordLists {
    pub fn embedded() -> WordLists {
        WordLists {
            table: EmbeddedTable::new(WORDS_TABLE, 8),
        }
    }

    /// The bit set stored for the lower-cased `key`, 0 when absent.
    fn get(&self, key: &[u8]) -> u64 {
        Self::bits(self.table.get(key))
    }

    fn bits(value: Option<&[u8]>) -> u64 {
        value
            .and_then(|m| m.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    }

    /// The bit set of the lists named `stems` (missing ones are ignored).
    pub fn mask(&self, stems: &[&str]) -> u64 {
        WORD_LIST_STEMS
            .iter()
            .enumerate()
            .filter(|(_, s)| stems.contains(s))
            .fold(0, |m, (bit, _)| m | 1 << bit)
    }

    /// The bit set of the lists that contain `word`, in any case.
    pub fn lookup(&self, word: &str) -> u64 {
        // Lower-case short ASCII words on the stack, hashing as we go: this runs for most
        // capitalised tokens. The loop ORs the bytes and tests for non-ASCII once, after.
        let mut buf = [0u8; 48];
        if word.len() <= buf.len() {
            let key = &mut buf[..word.len()];
            let mut hash = FNV_START;
            let mut high = 0;
            for (to, &b) in key.iter_mut().zip(word.as_bytes()) {
                high |= b;
                *to = b.to_ascii_lowercase();
                hash = fnv1a_step(hash, *to);
            }
            if high.is_ascii() {
                return Self::bits(self.table.get_hashed(key, hash));
            }
        }
        self.get(word.to_lowercase().as_bytes())
    }

    /// True when `word` (any case) is in one of the lists named `stems`.
    pub fn contains(&self, stems: &[&str], word: &str) -> bool {
        self.lookup(word) & self.mask(stems) != 0
    }

    /// Names of the lists present, for diagnostics and tests.
    pub fn stems(&self) -> impl Iterator<Item = &str> {
        WORD_LIST_STEMS.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_lookup_answers_every_list() {
        let words = WordLists::embedded();
        assert!(words.contains(&["place_words"], "River"));
        assert!(words.contains(&["org_words", "place_words"], "river"));
        assert!(!words.contains(&["org_words"], "River"));
        assert!(!words.contains(&["no_such_list"], "River"));
        assert_eq!(words.lookup("Zzyzx-not-a-word"), 0);
    }
}
