//! The word lists behind figure recognition, embedded from `gazetteers/figures/`.

use super::scan::{lower, KeyFilter, Map as HashMap, Phrase, PhraseSet, Set as HashSet, Text};
use crate::document::Qualifier;

/// Every list file, by name, for the loader and the test that keeps the lists tidy.
pub(super) const FILES: &[(&str, &str)] = &[
    (
        "number_words.tsv",
        include_str!("../../../gazetteers/figures/number_words.tsv"),
    ),
    (
        "scales.tsv",
        include_str!("../../../gazetteers/figures/scales.tsv"),
    ),
    (
        "fractions.tsv",
        include_str!("../../../gazetteers/figures/fractions.tsv"),
    ),
    (
        "vulgar_fractions.tsv",
        include_str!("../../../gazetteers/figures/vulgar_fractions.tsv"),
    ),
    (
        "currencies.tsv",
        include_str!("../../../gazetteers/figures/currencies.tsv"),
    ),
    (
        "units.tsv",
        include_str!("../../../gazetteers/figures/units.tsv"),
    ),
    (
        "unit_words.txt",
        include_str!("../../../gazetteers/figures/unit_words.txt"),
    ),
    (
        "hedges.tsv",
        include_str!("../../../gazetteers/figures/hedges.tsv"),
    ),
    (
        "vague.tsv",
        include_str!("../../../gazetteers/figures/vague.tsv"),
    ),
    (
        "label_words.txt",
        include_str!("../../../gazetteers/figures/label_words.txt"),
    ),
    (
        "months.txt",
        include_str!("../../../gazetteers/figures/months.txt"),
    ),
    (
        "time_words.txt",
        include_str!("../../../gazetteers/figures/time_words.txt"),
    ),
    (
        "weekdays.txt",
        include_str!("../../../gazetteers/figures/weekdays.txt"),
    ),
    (
        "year_words.txt",
        include_str!("../../../gazetteers/figures/year_words.txt"),
    ),
    (
        "change_words.txt",
        include_str!("../../../gazetteers/figures/change_words.txt"),
    ),
    (
        "street_words.txt",
        include_str!("../../../gazetteers/figures/street_words.txt"),
    ),
    (
        "fraction_blockers.txt",
        include_str!("../../../gazetteers/figures/fraction_blockers.txt"),
    ),
    (
        "noun_stopwords.txt",
        include_str!("../../../gazetteers/figures/noun_stopwords.txt"),
    ),
    (
        "invariant_plurals.txt",
        include_str!("../../../gazetteers/figures/invariant_plurals.txt"),
    ),
];

fn file(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, body)| *body)
        .expect("figure list is embedded")
}

/// The data lines of a list: no blank lines, no `#` comments.
pub(super) fn lines(body: &str) -> impl Iterator<Item = &str> {
    body.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn rows(name: &str) -> impl Iterator<Item = Vec<&'static str>> {
    lines(file(name)).map(|l| l.split('\t').collect())
}

fn set(name: &str) -> WordSet {
    let words: HashSet<Box<str>> = lines(file(name)).map(|l| l.trim().into()).collect();
    let mut filter = KeyFilter::default();
    for w in &words {
        filter.insert(w);
    }
    WordSet { words, filter }
}

/// A list of lower-case words, with a filter that turns most other words away unhashed.
pub(super) struct WordSet {
    words: HashSet<Box<str>>,
    filter: KeyFilter,
}

impl WordSet {
    /// Whether the list holds `word`, as written.
    pub fn contains(&self, word: &str) -> bool {
        self.filter.may_hold(word) && self.words.contains(word)
    }
}

fn number(s: &str) -> f64 {
    s.parse().expect("figure list numbers parse")
}

fn qualifier(s: &str) -> Qualifier {
    match s {
        "about" => Qualifier::About,
        "at_least" => Qualifier::AtLeast,
        "more_than" => Qualifier::MoreThan,
        "at_most" => Qualifier::AtMost,
        "less_than" => Qualifier::LessThan,
        "range" => Qualifier::Range,
        other => panic!("unknown qualifier {other} in hedges.tsv"),
    }
}

/// How a number word combines with its neighbours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum WordKind {
    /// zero … nine
    Unit,
    /// ten … nineteen
    Teen,
    /// twenty … ninety
    Ten,
}

/// Where a scale may be written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum ScaleForm {
    /// A word of its own: "million", "dozen".
    Word,
    /// Glued to the digits only, case-sensitive: "10k", "2.3m", "1.2B".
    Suffix,
    /// Glued or a word of its own: "5bn", "5 bn".
    Abbr,
}

/// Whether a vague quantity needs "of" after it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum NeedsOf {
    Optional,
    /// "tens of", "a handful of".
    Always,
    /// "a couple of", or "a couple" closing a clause.
    OrEnd,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Vague {
    pub low: f64,
    pub high: f64,
    pub nominal: Option<f64>,
    /// "a few", "several": multiplies the scale words after it ("a few thousand").
    /// Otherwise a plural scale ("hundreds of thousands of").
    pub quantifier: bool,
    /// Needs "a" before it ("a few").
    pub needs_a: bool,
    pub needs_of: NeedsOf,
}

pub(super) struct Lexicon {
    pub number_words: HashMap<Box<str>, (f64, WordKind)>,
    pub scales: HashMap<Box<str>, (f64, ScaleForm)>,
    pub denominators: HashMap<Box<str>, f64>,
    pub vulgar: HashMap<char, f64>,
    /// Currencies written before the number ("$", "US$", "USD", "Rs"), with their unit.
    pub currency_prefixes: PhraseSet<Box<str>>,
    /// Currencies written after it ("€", "USD", "swiss francs", "cents").
    pub currency_suffixes: PhraseSet<Box<str>>,
    /// Percent and points, normalised.
    pub units: PhraseSet<Box<str>>,
    pub unit_words: WordSet,
    pub hedges_before: PhraseSet<Qualifier>,
    pub hedges_after: PhraseSet<Qualifier>,
    pub vague: HashMap<Box<str>, Vague>,
    pub label_words: PhraseSet<()>,
    pub months: WordSet,
    pub time_words: PhraseSet<()>,
    pub year_words: WordSet,
    pub weekdays: WordSet,
    pub street_words: WordSet,
    pub change_words: WordSet,
    pub fraction_blockers: WordSet,
    pub noun_stopwords: WordSet,
    pub invariant_plurals: WordSet,
    /// The keys of the number word, scale and fraction maps, to turn other words away
    /// before lower-casing and hashing them (most words after a number are none of these).
    word_keys: KeyFilter,
}

impl Lexicon {
    pub fn embedded() -> Lexicon {
        let number_words = rows("number_words.tsv")
            .map(|r| {
                let kind = match r[2] {
                    "unit" => WordKind::Unit,
                    "teen" => WordKind::Teen,
                    _ => WordKind::Ten,
                };
                (r[0].into(), (number(r[1]), kind))
            })
            .collect();
        let scales = rows("scales.tsv")
            .map(|r| {
                let form = match r[2] {
                    "word" => ScaleForm::Word,
                    "suffix" => ScaleForm::Suffix,
                    _ => ScaleForm::Abbr,
                };
                (r[0].into(), (number(r[1]), form))
            })
            .collect();
        let denominators = rows("fractions.tsv")
            .map(|r| (r[0].into(), number(r[1])))
            .collect();
        let vulgar = rows("vulgar_fractions.tsv")
            .filter_map(|r| Some((r[0].chars().next()?, number(r[1]))))
            .collect();
        let mut currency_prefixes = Vec::new();
        let mut currency_suffixes = Vec::new();
        for r in rows("currencies.tsv") {
            let phrase = Phrase::new(r[0], r.get(3) == Some(&"exact"));
            let unit: Box<str> = r[1].into();
            if r[2] != "suffix" {
                currency_prefixes.push((phrase.clone(), unit.clone()));
            }
            if r[2] != "prefix" {
                currency_suffixes.push((phrase, unit));
            }
        }
        let units = rows("units.tsv")
            .map(|r| (Phrase::new(r[0], false), r[1].into()))
            .collect();
        let mut hedges_before = Vec::new();
        let mut hedges_after = Vec::new();
        for r in rows("hedges.tsv") {
            let hedge = (Phrase::new(r[0], false), qualifier(r[1]));
            if r[2] == "after" {
                hedges_after.push(hedge);
            } else {
                hedges_before.push(hedge);
            }
        }
        let vague = rows("vague.tsv")
            .map(|r| {
                let (needs_a, word) = match r[0].strip_prefix("a ") {
                    Some(word) => (true, word),
                    None => (false, r[0]),
                };
                let v = Vague {
                    low: number(r[1]),
                    high: number(r[2]),
                    nominal: r[3].parse().ok(),
                    quantifier: r[4] == "quantifier",
                    needs_a,
                    needs_of: match r[5] {
                        "of" => NeedsOf::Always,
                        "of_or_end" => NeedsOf::OrEnd,
                        _ => NeedsOf::Optional,
                    },
                };
                (word.into(), v)
            })
            .collect();
        let phrases = |name| {
            PhraseSet::new(
                lines(file(name))
                    .map(|l| (Phrase::new(l, false), ()))
                    .collect(),
            )
        };
        let mut lexicon = Lexicon {
            number_words,
            scales,
            denominators,
            vulgar,
            currency_prefixes: PhraseSet::new(currency_prefixes),
            currency_suffixes: PhraseSet::new(currency_suffixes),
            units: PhraseSet::new(units),
            unit_words: set("unit_words.txt"),
            hedges_before: PhraseSet::new(hedges_before),
            hedges_after: PhraseSet::new(hedges_after),
            vague,
            label_words: phrases("label_words.txt"),
            months: set("months.txt"),
            time_words: phrases("time_words.txt"),
            year_words: set("year_words.txt"),
            weekdays: set("weekdays.txt"),
            street_words: set("street_words.txt"),
            change_words: set("change_words.txt"),
            fraction_blockers: set("fraction_blockers.txt"),
            noun_stopwords: set("noun_stopwords.txt"),
            invariant_plurals: set("invariant_plurals.txt"),
            word_keys: KeyFilter::default(),
        };
        let keys: Vec<Box<str>> = lexicon
            .number_words
            .keys()
            .chain(lexicon.scales.keys())
            .chain(lexicon.denominators.keys())
            .chain(lexicon.vague.keys())
            .cloned()
            .collect();
        for k in &keys {
            lexicon.word_keys.insert(k);
        }
        lexicon
    }

    /// Looks a word up in a lower-case set without allocating.
    pub fn in_set(set: &WordSet, word: &str) -> bool {
        let mut buf = [0u8; 24];
        set.filter.may_hold(word) && lower(word, &mut buf).is_some_and(|w| set.words.contains(w))
    }

    pub fn number_word(&self, word: &str) -> Option<(f64, WordKind)> {
        if !self.word_keys.may_hold(word) {
            return None;
        }
        let mut buf = [0u8; 24];
        self.number_words.get(lower(word, &mut buf)?).copied()
    }

    /// A scale written as a word of its own ("million", "bn"), any case.
    pub fn scale_word(&self, word: &str) -> Option<f64> {
        if !self.word_keys.may_hold(word) {
            return None;
        }
        let mut buf = [0u8; 24];
        match self.scales.get(lower(word, &mut buf)?) {
            Some(&(s, ScaleForm::Word | ScaleForm::Abbr)) => Some(s),
            _ => None,
        }
    }

    /// A scale glued to digits ("10k", "5bn"), case as written.
    pub fn scale_suffix(&self, word: &str) -> Option<f64> {
        match self.scales.get(word) {
            Some(&(s, ScaleForm::Suffix | ScaleForm::Abbr)) => Some(s),
            _ => None,
        }
    }

    pub fn denominator(&self, word: &str) -> Option<f64> {
        if !self.word_keys.may_hold(word) {
            return None;
        }
        let mut buf = [0u8; 24];
        self.denominators.get(lower(word, &mut buf)?).copied()
    }

    pub fn vague(&self, word: &str) -> Option<Vague> {
        if !self.word_keys.may_hold(word) {
            return None;
        }
        let mut buf = [0u8; 24];
        self.vague.get(lower(word, &mut buf)?).copied()
    }

    /// True when a currency written before numbers ends at `pos` ("Rs500", "US$5").
    pub fn currency_before(&self, text: &Text, pos: usize) -> bool {
        self.currency_prefixes.longest_back(text, pos, 0).is_some()
    }

    /// Every word a figure can start with, for the anchor scanner.
    pub fn anchor_words(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self
            .number_words
            .keys()
            .chain(self.vague.keys())
            .map(|k| &**k)
            .collect();
        for (word, (_, form)) in &self.scales {
            if *form == ScaleForm::Word {
                words.push(word);
            }
        }
        words.extend(["half", "quarter", "quarters", "third", "thirds"]);
        words.sort_unstable();
        words.dedup();
        words
    }
}
