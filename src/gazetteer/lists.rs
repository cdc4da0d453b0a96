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

impl WordLists {
    pub fn embedded() -> WordLists {
        WordLists {
            lists: WORD_LISTS
                .iter()
                .map(|&(stem, bytes)| (stem, Set::new(bytes).expect("embedded word list is valid")))
                .collect(),
        }
    }

    /// True when `word` (any case) is in one of the lists named `stems`.
    pub fn contains(&self, stems: &[&str], word: &str) -> bool {
        let lower;
        let key = if word.chars().any(char::is_uppercase) {
            lower = word.to_lowercase();
            lower.as_str()
        } else {
            word
        };
        self.lists
            .iter()
            .any(|(stem, set)| stems.contains(stem) && set.contains(key))
    }

    /// Names of the lists present, for diagnostics and tests.
    pub fn stems(&self) -> impl Iterator<Item = &str> {
        self.lists.iter().map(|(s, _)| *s)
    }
}
