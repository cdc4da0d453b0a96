//! Word lists that name recognition consults (first names, titles, organisation suffixes,
//! common capitalised words, demonyms), compiled by `build.rs` into `fst` sets.
//!
//! Each file `gazetteers/names/STEM.txt|tsv` or `gazetteers/ner/STEM.txt|tsv` becomes the list
//! `STEM` (first column, lower-cased); files with the same stem are merged.

use fst::Set;

include!(concat!(env!("OUT_DIR"), "/lists.rs"));

/// The embedded word lists, looked up by file stem.
pub struct WordLists {
    lists: Vec<(&'static str, Set<&'static [u8]>)>,
}

/// The union of some word lists, for one role ("first names" may come from several files).
#[derive(Clone, Default)]
pub struct WordList {
    sets: Vec<Set<&'static [u8]>>,
}

impl WordLists {
    pub fn embedded() -> WordLists {
        WordLists {
            lists: WORD_LISTS
                .iter()
                .map(|&(stem, bytes)| (stem, Set::new(bytes).expect("embedded word list is valid")))
                .collect(),
        }
    }

    /// The union of the lists named `stems` (missing ones are empty).
    pub fn union(&self, stems: &[&str]) -> WordList {
        WordList {
            sets: self
                .lists
                .iter()
                .filter(|(stem, _)| stems.contains(stem))
                .map(|(_, set)| set.clone())
                .collect(),
        }
    }

    /// True when `word` (any case) is in one of the lists named `stems`.
    pub fn contains(&self, stems: &[&str], word: &str) -> bool {
        self.union(stems).contains(word)
    }

    /// Names of the lists present, for diagnostics and tests.
    pub fn stems(&self) -> impl Iterator<Item = &str> {
        self.lists.iter().map(|(s, _)| *s)
    }
}

impl WordList {
    /// True when `word`, lower-cased, is in the list.
    pub fn contains(&self, word: &str) -> bool {
        if self.sets.is_empty() {
            return false;
        }
        // Lower-case short ASCII words on the stack: this runs for most tokens.
        let mut buf = [0u8; 48];
        if word.is_ascii() && word.len() <= buf.len() {
            let key = &mut buf[..word.len()];
            key.copy_from_slice(word.as_bytes());
            key.make_ascii_lowercase();
            return self.sets.iter().any(|s| s.contains(&*key));
        }
        let lower = word.to_lowercase();
        self.sets.iter().any(|s| s.contains(&lower))
    }
}
