//! The attribution lexicon: cue verbs by class, function words, pronouns, source nouns,
//! hedges and the contexts where a cue word is no cue. All of it lives in
//! `gazetteers/attribution/` and is embedded in the binary.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the lexicon's keys are short words, where SipHash's setup dominates the lookup.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

const CUE_VERBS: &str = include_str!("../../gazetteers/attribution/cue_verbs.tsv");
const FUNCTION_WORDS: &str = include_str!("../../gazetteers/attribution/function_words.tsv");
const PRONOUNS: &str = include_str!("../../gazetteers/attribution/pronouns.tsv");
const SOURCE_NOUNS: &str = include_str!("../../gazetteers/attribution/source_nouns.tsv");
const HEDGES: &str = include_str!("../../gazetteers/attribution/hedges.tsv");
const NOT_CUES: &str = include_str!("../../gazetteers/attribution/not_cues.tsv");

/// What kind of content a cue word introduces (see `mine_cues.py`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// said, told, added: a clause, a quote, or content written before ("C, X said").
    Speech,
    /// think, believe, fear.
    Belief,
    /// want, vow, plan: usually "to …".
    Intent,
    /// show, found: a poll, report or investigation speaks.
    Finding,
    /// described … as, called.
    Describe,
    /// criticized, praised, accused: the content is the object.
    Evaluation,
    /// "according to X".
    According,
}

impl CueClass {
    fn parse(s: &str) -> Option<CueClass> {
        Some(match s {
            "speech" => CueClass::Speech,
            "belief" => CueClass::Belief,
            "intent" => CueClass::Intent,
            "finding" => CueClass::Finding,
            "describe" => CueClass::Describe,
            "evaluation" => CueClass::Evaluation,
            "according" => CueClass::According,
            _ => return None,
        })
    }
}

/// The role of a function word in the attribution rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordRole {
    /// "has", "would": between a source and its cue.
    Aux,
    /// "also", "previously": between a source and its cue.
    Adverb,
    /// "that", "and", "who": a source noun phrase never runs across it.
    Boundary,
    /// "on", "Monday": ends a source written after its cue.
    Stop,
    /// "reporters", "him": the audience of "told".
    Listener,
    /// "of", "for": inside a noun phrase ("a spokesman for the company").
    Preposition,
    /// "Mr", "Sen": an abbreviated title whose dot ends no sentence.
    Title,
    /// "Update", "Photo": a label before a colon that names no speaker.
    Heading,
    Determiner,
}

/// What a pronoun or a source noun can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Referent {
    Person,
    Group,
    /// A person or a group ("they", "we").
    Any,
    /// A text or study ("poll", "report"): no entity to resolve to.
    Document,
}

impl Referent {
    fn parse(s: &str) -> Option<Referent> {
        Some(match s {
            "person" => Referent::Person,
            "group" => Referent::Group,
            "any" => Referent::Any,
            "document" => Referent::Document,
            _ => return None,
        })
    }
}

/// How a hedge phrase reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HedgeRole {
    /// "is thought to", "it was reported that": a cue with no source.
    Passive,
    /// "reportedly": a cue with no source, inside the content's clause.
    Adverb,
    /// "might": only weakens the content.
    Modal,
}

/// Everything the lexicon knows about one lower-cased word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    pub cue: Option<CueClass>,
    pub role: Option<WordRole>,
    pub pronoun: Option<Referent>,
    pub noun: Option<Referent>,
    /// Some hedge phrase starts with this word.
    pub hedge_start: bool,
    /// Index into [`CueLexicon::hedges_starting`] of the hedges that start with this word.
    pub hedge_group: u16,
}

/// A hedge phrase as lower-cased words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hedge {
    pub words: Vec<String>,
    pub role: HedgeRole,
}

/// The embedded attribution lexicon.
#[derive(Clone, Debug)]
pub struct CueLexicon {
    words: FastMap<String, WordInfo>,
    hedges: Vec<Hedge>,
    /// Per hedge group: indexes into `hedges`, longest phrase first.
    hedge_groups: Vec<Vec<usize>>,
    not_cues: HashMap<String, Vec<Vec<String>>>,
    /// Bytes of the longest entry in `words` (lower-casing may grow a word, so with margin).
    longest_word: usize,
}

impl Default for CueLexicon {
    fn default() -> Self {
        Self::embedded()
    }
}

/// Data rows of a TSV list: comment and blank lines skipped, fields split on tabs.
fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

impl CueLexicon {
    /// The lexicon built from the embedded lists. The lists are static, so a malformed row is
    /// a build bug that the tests catch.
    pub fn embedded() -> CueLexicon {
        let mut words: FastMap<String, WordInfo> = FastMap::default();
        for row in rows(CUE_VERBS) {
            let class = CueClass::parse(row[1]).expect("cue_verbs.tsv: unknown class");
            words.entry(row[0].to_string()).or_default().cue = Some(class);
        }
        for row in rows(FUNCTION_WORDS) {
            let role = match row[1] {
                "aux" => WordRole::Aux,
                "adverb" => WordRole::Adverb,
                "boundary" => WordRole::Boundary,
                "stop" => WordRole::Stop,
                "listener" => WordRole::Listener,
                "preposition" => WordRole::Preposition,
                "title" => WordRole::Title,
                "heading" => WordRole::Heading,
                "determiner" => WordRole::Determiner,
                other => panic!("function_words.tsv: unknown role {other}"),
            };
            words.entry(row[0].to_string()).or_default().role = Some(role);
        }
        for row in rows(PRONOUNS) {
            let referent = Referent::parse(row[1]).expect("pronouns.tsv: unknown type");
            words.entry(row[0].to_string()).or_default().pronoun = Some(referent);
        }
        for row in rows(SOURCE_NOUNS) {
            let referent = Referent::parse(row[1]).expect("source_nouns.tsv: unknown type");
            words.entry(row[0].to_string()).or_default().noun = Some(referent);
        }
        let mut hedges = Vec::new();
        for row in rows(HEDGES) {
            let role = match row[1] {
                "passive" => HedgeRole::Passive,
                "adverb" => HedgeRole::Adverb,
                "modal" => HedgeRole::Modal,
                other => panic!("hedges.tsv: unknown role {other}"),
            };
            let phrase: Vec<String> = row[0].split(' ').map(str::to_string).collect();
            hedges.push(Hedge {
                words: phrase,
                role,
            });
        }
        // Longest phrases first, so "it was reported that" wins over shorter ones.
        hedges.sort_by_key(|h| std::cmp::Reverse(h.words.len()));
        let mut hedge_groups: Vec<Vec<usize>> = Vec::new();
        for (i, h) in hedges.iter().enumerate() {
            let info = words.entry(h.words[0].clone()).or_default();
            if !info.hedge_start {
                info.hedge_start = true;
                info.hedge_group = u16::try_from(hedge_groups.len()).expect("hedge groups");
                hedge_groups.push(Vec::new());
            }
            hedge_groups[usize::from(info.hedge_group)].push(i);
        }
        let mut not_cues: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for row in rows(NOT_CUES) {
            not_cues
                .entry(row[0].to_string())
                .or_default()
                .push(row[1].split(' ').map(str::to_string).collect());
        }
        let longest_word = (words.keys().map(String::len).max().unwrap_or(0) * 2).min(64);
        CueLexicon {
            words,
            hedges,
            hedge_groups,
            not_cues,
            longest_word,
        }
    }

    /// What the lexicon knows about `word` (any case).
    pub fn info(&self, word: &str) -> WordInfo {
        if word.len() > self.longest_word {
            return WordInfo::default();
        }
        let found = if !word.is_ascii() {
            self.words.get(&word.to_lowercase())
        } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
            // Lower-case short ASCII words on the stack: this runs for every capitalised token.
            let mut buf = [0u8; 64];
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower)
                .ok()
                .and_then(|w| self.words.get(w))
        } else {
            self.words.get(word)
        };
        found.copied().unwrap_or_default()
    }

    /// The hedge phrases that start with a word of this `info`, longest first.
    pub fn hedges_starting(&self, info: WordInfo) -> impl Iterator<Item = &Hedge> {
        let group: &[usize] = if info.hedge_start {
            &self.hedge_groups[usize::from(info.hedge_group)]
        } else {
            &[]
        };
        group.iter().map(|&i| &self.hedges[i])
    }

    /// True when `cue` followed by `next` (lower-cased words) is not an attribution.
    pub fn is_not_cue(&self, cue: &str, next: &[String]) -> bool {
        self.not_cues.get(cue).is_some_and(|phrases| {
            phrases
                .iter()
                .any(|p| p.len() <= next.len() && p.iter().zip(next).all(|(a, b)| a == b))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_deduplicated_and_trimmed() {
        for (name, data) in [
            ("cue_verbs.tsv", CUE_VERBS),
            ("function_words.tsv", FUNCTION_WORDS),
            ("pronouns.tsv", PRONOUNS),
            ("source_nouns.tsv", SOURCE_NOUNS),
            ("hedges.tsv", HEDGES),
            ("not_cues.tsv", NOT_CUES),
        ] {
            let keys: Vec<String> = rows(data)
                .map(|r| format!("{}\t{}", r[0], r.get(1).unwrap_or(&"")))
                .collect();
            for row in rows(data) {
                assert!(row.len() >= 2, "{name}: {row:?}");
                assert_eq!(row[0], row[0].trim(), "{name}: {row:?}");
                assert_eq!(row[0], row[0].to_lowercase(), "{name}: {row:?}");
            }
            let mut sorted = keys.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(keys, sorted, "{name} must be sorted and deduplicated");
        }
    }

    #[test]
    fn classifies_words() {
        let lex = CueLexicon::embedded();
        let table = [
            ("said", Some(CueClass::Speech)),
            ("Told", Some(CueClass::Speech)),
            ("believes", Some(CueClass::Belief)),
            ("vowed", Some(CueClass::Intent)),
            ("found", Some(CueClass::Finding)),
            ("described", Some(CueClass::Describe)),
            ("according", Some(CueClass::According)),
            ("table", None),
            ("state", None),
        ];
        for (word, class) in table {
            assert_eq!(lex.info(word).cue, class, "{word}");
        }
        assert_eq!(lex.info("he").pronoun, Some(Referent::Person));
        assert_eq!(lex.info("poll").noun, Some(Referent::Document));
        assert_eq!(lex.info("that").role, Some(WordRole::Boundary));
        assert!(lex.info("is").hedge_start);
    }

    #[test]
    fn knows_contexts_that_are_no_cue() {
        let lex = CueLexicon::embedded();
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert!(lex.is_not_cue("claimed", &words("the lives of")));
        assert!(!lex.is_not_cue("claimed", &words("the election was")));
        assert!(!lex.is_not_cue("said", &words("the lives of")));
    }
}
