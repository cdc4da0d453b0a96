//! Word lists that name recognition consults (first names, titles, organisation suffixes,
//! common capitalised words, demonyms), compiled by `build.rs` into one hash table.
//!
//! Each file `gazetteers/names/STEM.txt|tsv` or `gazetteers/ner/STEM.txt|tsv` becomes the list
//! `STEM` (first column, lower-cased); files with the same stem are merged. The map gives each
//! word a bit set of the lists that contain it, so one lookup answers every list.

include!(concat!(env!("OUT_DIR"), "/lists.rs"));

/// The embedded word lists: a hash table built by `build.rs` (format in its `word_table`),
/// probed in place, so loading costs nothing.
#[derive(Clone)]
pub struct WordLists {
    table: &'static [u8],
    slots: usize,
}

/// FNV-1a, as `build.rs` hashes.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

impl WordLists {
    pub fn embedded() -> WordLists {
        let slots = u32_at(WORDS_TABLE, 0).expect("embedded word table has a header") as usize;
        assert!(slots.is_power_of_two(), "embedded word table is valid");
        WordLists {
            table: WORDS_TABLE,
            slots,
        }
    }

    /// The bit set stored for the lower-cased `key`, 0 when absent.
    fn get(&self, key: &[u8]) -> u64 {
        let entries = 4 + self.slots * 4;
        let mut slot = (fnv1a(key) as usize) & (self.slots - 1);
        for _ in 0..self.slots {
            let Some(offset) = u32_at(self.table, 4 + slot * 4) else {
                return 0;
            };
            if offset == u32::MAX {
                return 0;
            }
            let at = entries + offset as usize;
            let len = self.table.get(at).copied().unwrap_or(0) as usize;
            if self.table.get(at + 1..at + 1 + len) == Some(key) {
                return self
                    .table
                    .get(at + 1 + len..at + 9 + len)
                    .and_then(|m| m.try_into().ok())
                    .map_or(0, u64::from_le_bytes);
            }
            slot = (slot + 1) & (self.slots - 1);
        }
        0
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
        // Lower-case short ASCII words on the stack: this runs for most tokens.
        let mut buf = [0u8; 48];
        if word.is_ascii() && word.len() <= buf.len() {
            let key = &mut buf[..word.len()];
            key.copy_from_slice(word.as_bytes());
            key.make_ascii_lowercase();
            return self.get(key);
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
