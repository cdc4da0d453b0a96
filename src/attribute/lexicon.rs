//! The attribution lexicon: cue verbs by class, function words, pronouns, source nouns,
//! hedges and the contexts where a cue word is no cue. All of it lives in
//! `gazetteers/attribution/` and is embedded in the binary.

use std::collections::HashMap;

use super::furniture::FurnitureList;
use crate::document::{ReportClass, Span};

const CUE_VERBS: &str = include_str!("../../gazetteers/attribution/cue_verbs.tsv");
const FUNCTION_WORDS: &str = include_str!("../../gazetteers/attribution/function_words.tsv");
const PRONOUNS: &str = include_str!("../../gazetteers/attribution/pronouns.tsv");
const SOURCE_NOUNS: &str = include_str!("../../gazetteers/attribution/source_nouns.tsv");
const HEDGES: &str = include_str!("../../gazetteers/attribution/hedges.tsv");
const NOT_CUES: &str = include_str!("../../gazetteers/attribution/not_cues.tsv");
const CUE_NOUNS: &str = include_str!("../../gazetteers/attribution/cue_nouns.tsv");
const QUOTE_CUES: &str = include_str!("../../gazetteers/attribution/quote_cues.tsv");

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
    /// The class the output gives a cue of this class: the rules' finer classes are all
    /// speech but belief, intention and evidence.
    pub fn reports(self) -> ReportClass {
        match self {
            CueClass::Speech | CueClass::Describe | CueClass::Evaluation | CueClass::According => {
                ReportClass::Speech
            }
            CueClass::Belief => ReportClass::Belief,
            CueClass::Intent => ReportClass::Intention,
            CueClass::Finding => ReportClass::Evidence,
        }
    }

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
    /// The word alone is a hedge that reports ("reportedly"), not a modal.
    pub hedge_alone: bool,
    /// The word alone is a modal hedge ("might").
    pub modal: bool,
    /// Some hedge phrase has this word second ("thought" in "is thought to"): most words that
    /// start a phrase ("is", "it") are followed by none of these.
    pub hedge_next: bool,
    /// Introduces a quotation beside it ("…," Sinclair states), though it is no cue alone.
    pub quote_cue: bool,
    /// A cue, a hedge start or a modal: the view lists the tokens of such words.
    pub listed: bool,
    /// Some words after this cue make it no cue (see [`CueLexicon::is_not_cue`]).
    has_not_cues: bool,
    /// Some word before this cue makes it a noun (see [`CueLexicon::is_noun_use`]).
    has_noun_uses: bool,
}

/// A lower-cased word of the lexicon, [`WordId::UNKNOWN`] for any other: two bytes per token,
/// so a document's words are looked up once and compared as numbers after that.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct WordId(u16);

impl WordId {
    pub const UNKNOWN: WordId = WordId(0);
}

/// A hedge phrase as lower-cased words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hedge {
    pub words: Vec<String>,
    /// The same words as ids.
    pub ids: Vec<WordId>,
    pub role: HedgeRole,
}

/// The embedded attribution lexicon.
#[derive(Clone, Debug)]
pub struct CueLexicon {
    /// Lower-cased word as [`key_of`] packs it → id.
    ids: WordTable,
    /// The words of at most 8 bytes again, keyed by one `u64`: most words of a text are that
    /// short, and half-width keys halve the cost of the lookup that every word makes.
    short: ShortWordTable,
    /// Per id: the lower-cased word and what the lexicon knows about it (id 0: nothing).
    words: Vec<(Box<str>, WordInfo)>,
    hedges: Vec<Hedge>,
    /// Per hedge group: indexes into `hedges`, longest phrase first.
    hedge_groups: Vec<Vec<usize>>,
    /// Cue word → the words after it that make it no cue.
    not_cues: HashMap<WordId, Vec<Vec<WordId>>>,
    /// (word before, cue word) pairs where the cue is a noun ("earnings call").
    noun_uses: Vec<(WordId, WordId)>,
    /// Lines of page furniture, never attributed.
    pub furniture: FurnitureList,
    /// Bytes of the longest word (lower-casing may grow a word, so with margin).
    longest_word: usize,
}

impl Default for CueLexicon {
    fn default() -> Self {
        Self::embedded()
    }
}

/// A word of at most 15 bytes, ASCII letters lower-cased, packed with its length into one
/// integer: keys then hash and compare as numbers, and a lookup needs no buffer. None for
/// longer words.
fn key_of(word: &[u8]) -> Option<u128> {
    if word.len() > 15 {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes[..word.len()].copy_from_slice(word);
    bytes[15] = u8::try_from(word.len()).ok()?;
    Some(ascii_lowercase(u128::from_le_bytes(bytes)))
}

/// `to_ascii_lowercase` of 16 packed bytes at once (a lookup per word makes a byte loop the
/// lexicon's main cost): adding to each byte's low 7 bits sets its high bit from 'A' on and
/// from past 'Z' on, never carrying into the next byte.
fn ascii_lowercase(x: u128) -> u128 {
    const EACH: u128 = u128::MAX / 0xff; // 0x01 in every byte
    let low7 = x & (EACH * 0x7f);
    let from_a = low7 + EACH * u128::from(0x80 - b'A');
    let past_z = low7 + EACH * u128::from(0x80 - b'Z' - 1);
    let upper = from_a & !past_z & !x & (EACH * 0x80);
    x | (upper >> 2)
}

/// Per word length below 16: the mask that keeps a word's bytes of a 16-byte window (a table,
/// as a shift of a `u128` by a variable amount takes a dozen instructions).
const WORD_MASKS: [u128; 16] = {
    let mut masks = [0; 16];
    let mut len = 0;
    while len < 16 {
        masks[len] = (1u128 << (8 * len)) - 1;
        len += 1;
    }
    masks
};

/// The lexicon's words by packed key ([`key_of`]): open addressing with linear probing, at
/// most half full. A lookup runs for every word of every document; here it is one
/// multiplication and mostly one comparison, with no hashing of bytes.
#[derive(Clone, Debug)]
struct WordTable {
    /// (key, id) per slot; empty slots hold [`WordId::UNKNOWN`].
    slots: Vec<(u128, WordId)>,
    /// log2 of the number of slots.
    bits: u32,
    len: usize,
}

impl WordTable {
    fn with_bits(bits: u32) -> WordTable {
        WordTable {
            slots: vec![(0, WordId::UNKNOWN); 1 << bits],
            bits,
            len: 0,
        }
    }

    /// The slot where the search for `key` starts: the top bits of a multiplicative hash
    /// (Knuth's), which every byte of the key reaches.
    fn home(&self, key: u128) -> usize {
        // `as` keeps the low half; the high half holds bytes 8..15 and the length.
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let hash = folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.bits);
        usize::try_from(hash).expect("the slot index fits the table")
    }

    fn get(&self, key: u128) -> WordId {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let (k, id) = self.slots[i];
            if id == WordId::UNKNOWN || k == key {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `key`, which must not be in the table yet.
    fn insert(&mut self, key: u128, id: WordId) {
        if (self.len + 1) * 2 > self.slots.len() {
            let old = std::mem::replace(self, WordTable::with_bits(self.bits + 1));
            for (k, id) in old.slots {
                if id != WordId::UNKNOWN {
                    self.put(k, id);
                }
            }
        }
        self.put(key, id);
    }

    fn put(&mut self, key: u128, id: WordId) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i].1 != WordId::UNKNOWN {
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, id);
        self.len += 1;
    }
}

/// `to_ascii_lowercase` of 8 packed bytes at once, as [`ascii_lowercase`] does for 16.
fn ascii_lowercase_64(x: u64) -> u64 {
    const EACH: u64 = u64::MAX / 0xff;
    let low7 = x & (EACH * 0x7f);
    let from_a = low7 + EACH * u64::from(0x80 - b'A');
    let past_z = low7 + EACH * u64::from(0x80 - b'Z' - 1);
    let upper = from_a & !past_z & !x & (EACH * 0x80);
    x | (upper >> 2)
}

/// Per word length up to 8: the mask that keeps a word's bytes of an 8-byte window.
const SHORT_MASKS: [u64; 9] = {
    let mut masks = [0; 9];
    let mut len = 0;
    while len < 8 {
        masks[len] = (1u64 << (8 * len)) - 1;
        len += 1;
    }
    masks[8] = u64::MAX;
    masks
};

/// The lexicon's words of at most 8 bytes, lower-cased and zero-padded into a `u64`, with
/// their length (a zero byte could otherwise pass for padding): open addressing with linear
/// probing, at most a quarter full, so that a word not in the lexicon (most words) mostly
/// meets an empty slot at once.
#[derive(Clone, Debug)]
struct ShortWordTable {
    /// Per slot: the key, and the word's length in the high half of the entry, its id in the
    /// low half; an entry of 0 when empty (no word has id 0).
    slots: Vec<(u64, u32)>,
    /// log2 of the number of slots.
    bits: u32,
}

impl ShortWordTable {
    /// A table of `words` (id, lower-cased word), the long ones skipped.
    fn new<'w>(words: impl Iterator<Item = (WordId, &'w str)> + Clone) -> ShortWordTable {
        let count = words.clone().filter(|(_, w)| w.len() <= 8).count();
        let bits = (count.max(1) * 4).next_power_of_two().trailing_zeros();
        let mut table = ShortWordTable {
            slots: vec![(0, 0); 1 << bits],
            bits,
        };
        let mask = table.slots.len() - 1;
        for (id, word) in words.filter(|(_, w)| w.len() <= 8) {
            let key = short_key(word.as_bytes());
            let mut i = table.home(key);
            while table.slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            table.slots[i] = (key, short_entry(word.len(), id));
        }
        table
    }

    fn home(&self, key: u64) -> usize {
        let hash = key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.bits);
        usize::try_from(hash).expect("the slot index fits the table")
    }

    /// The id of the lower-cased word `key` of `len` bytes.
    #[inline]
    fn get(&self, key: u64, len: usize) -> WordId {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let (k, entry) = self.slots[i];
            if entry == 0 {
                return WordId::UNKNOWN;
            }
            if k == key && entry >> 16 == len as u32 {
                return WordId(entry as u16);
            }
            i = (i + 1) & mask;
        }
    }
}

/// A word of at most 8 bytes packed into a `u64`, zero-padded (not lower-cased).
fn short_key(word: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes[..word.len()].copy_from_slice(word);
    u64::from_le_bytes(bytes)
}

fn short_entry(len: usize, id: WordId) -> u32 {
    (len as u32) << 16 | u32::from(id.0)
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
        let mut lex = CueLexicon {
            ids: WordTable::with_bits(10),
            short: ShortWordTable::new(std::iter::empty()),
            words: vec![(Box::from(""), WordInfo::default())],
            hedges: Vec::new(),
            hedge_groups: Vec::new(),
            not_cues: HashMap::new(),
            noun_uses: Vec::new(),
            furniture: FurnitureList::embedded(),
            longest_word: 0,
        };
        for row in rows(CUE_VERBS) {
            let class = CueClass::parse(row[1]).expect("cue_verbs.tsv: unknown class");
            lex.entry_mut(row[0]).cue = Some(class);
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
            lex.entry_mut(row[0]).role = Some(role);
        }
        for row in rows(PRONOUNS) {
            let referent = Referent::parse(row[1]).expect("pronouns.tsv: unknown type");
            lex.entry_mut(row[0]).pronoun = Some(referent);
        }
        for row in rows(QUOTE_CUES) {
            lex.entry_mut(row[0]).quote_cue = true;
        }
        for row in rows(SOURCE_NOUNS) {
            let referent = Referent::parse(row[1]).expect("source_nouns.tsv: unknown type");
            lex.entry_mut(row[0]).noun = Some(referent);
        }
        for row in rows(HEDGES) {
            let role = match row[1] {
                "passive" => HedgeRole::Passive,
                "adverb" => HedgeRole::Adverb,
                "modal" => HedgeRole::Modal,
                other => panic!("hedges.tsv: unknown role {other}"),
            };
            let words: Vec<String> = row[0].split(' ').map(str::to_string).collect();
            let ids = words.iter().map(|w| lex.intern(w)).collect();
            lex.hedges.push(Hedge { words, ids, role });
        }
        // Longest phrases first, so "it was reported that" wins over shorter ones.
        lex.hedges.sort_by_key(|h| std::cmp::Reverse(h.words.len()));
        for i in 0..lex.hedges.len() {
            let groups = lex.hedge_groups.len();
            let info = &mut lex.words[usize::from(lex.hedges[i].ids[0].0)].1;
            if !info.hedge_start {
                info.hedge_start = true;
                info.hedge_group = u16::try_from(groups).expect("hedge groups");
                lex.hedge_groups.push(Vec::new());
            }
            let group = usize::from(info.hedge_group);
            lex.hedge_groups[group].push(i);
            let hedge = &lex.hedges[i];
            match (hedge.ids.get(1), hedge.role) {
                (Some(&second), _) => lex.words[usize::from(second.0)].1.hedge_next = true,
                (None, HedgeRole::Modal) => lex.words[usize::from(hedge.ids[0].0)].1.modal = true,
                (None, _) => lex.words[usize::from(hedge.ids[0].0)].1.hedge_alone = true,
            }
        }
        for (_, info) in &mut lex.words {
            info.listed = info.cue.is_some() || info.hedge_start || info.modal;
        }
        for row in rows(NOT_CUES) {
            let cue = lex.intern(row[0]);
            let next = row[1].split(' ').map(|w| lex.intern(w)).collect();
            lex.not_cues.entry(cue).or_default().push(next);
            lex.words[usize::from(cue.0)].1.has_not_cues = true;
        }
        for row in rows(CUE_NOUNS) {
            let pair = (lex.intern(row[0]), lex.intern(row[1]));
            lex.words[usize::from(pair.1 .0)].1.has_noun_uses = true;
            lex.noun_uses.push(pair);
        }
        lex.longest_word = (lex.words.iter().map(|(w, _)| w.len()).max().unwrap_or(0) * 2).min(64);
        lex.short = ShortWordTable::new(
            lex.words
                .iter()
                .enumerate()
                .skip(1)
                .map(|(k, (w, _))| (WordId(u16::try_from(k).expect("ids fit")), &**w)),
        );
        lex
    }

    /// The id of lower-cased `word`, added when new.
    fn intern(&mut self, word: &str) -> WordId {
        let key = key_of(word.as_bytes()).expect("lexicon words are at most 15 bytes");
        let found = self.ids.get(key);
        if found != WordId::UNKNOWN {
            return found;
        }
        let id = WordId(u16::try_from(self.words.len()).expect("fewer than 65536 words"));
        self.words.push((Box::from(word), WordInfo::default()));
        self.ids.insert(key, id);
        id
    }

    fn entry_mut(&mut self, word: &str) -> &mut WordInfo {
        let id = self.intern(word);
        &mut self.words[usize::from(id.0)].1
    }

    /// The id of `word` in any case ([`WordId::UNKNOWN`] when the lexicon lacks it).
    pub fn id(&self, word: &str) -> WordId {
        if word.len() > self.longest_word {
            return WordId::UNKNOWN;
        }
        match key_of(word.as_bytes()) {
            // No byte with its high bit set: ASCII, lower-cased by `key_of`.
            Some(key) if key & (u128::MAX / 0xff * 0x80) == 0 => self.ids.get(key),
            _ if word.is_ascii() => WordId::UNKNOWN,
            _ => {
                key_of(word.to_lowercase().as_bytes()).map_or(WordId::UNKNOWN, |k| self.ids.get(k))
            }
        }
    }

    /// The id of the word at `span` of `text`, as [`CueLexicon::id`] finds it. A short word is
    /// read from the text as one 16-byte window and its tail masked off: no copy to a buffer
    /// for the word that every token of every document is.
    #[inline]
    pub fn id_at(&self, text: &str, span: Span) -> WordId {
        let len = span.end - span.start;
        if len <= 8 {
            if let Some(window) = text.as_bytes().get(span.start..span.start + 8) {
                let raw = u64::from_le_bytes(window.try_into().expect("an 8-byte window"));
                let word = raw & SHORT_MASKS[len];
                // ASCII: lower-cased in the register; else as `id` reads it.
                return if word & (u64::MAX / 0xff * 0x80) == 0 {
                    self.short.get(ascii_lowercase_64(word), len)
                } else {
                    self.id(&text[span.start..span.end])
                };
            }
        }
        let window = text.as_bytes().get(span.start..span.start + 16);
        match window {
            Some(window) if len <= 15 => {
                let raw = u128::from_le_bytes(window.try_into().expect("a 16-byte window"));
                // The word's bytes, then its length in the last byte, as `key_of` packs them.
                let packed = (raw & WORD_MASKS[len]) | ((len as u128) << 120);
                if packed & (u128::MAX / 0xff * 0x80) == 0 {
                    // ASCII: a word longer than `longest_word` is in no slot either.
                    self.ids.get(ascii_lowercase(packed))
                } else {
                    self.id(&text[span.start..span.end])
                }
            }
            _ => self.id(&text[span.start..span.end]),
        }
    }

    /// What the lexicon knows about the word with this id.
    pub fn entry(&self, id: WordId) -> WordInfo {
        self.words[usize::from(id.0)].1
    }

    /// The lower-cased word with this id ("" for [`WordId::UNKNOWN`]).
    pub fn word(&self, id: WordId) -> &str {
        &self.words[usize::from(id.0)].0
    }

    /// What the lexicon knows about `word` (any case).
    pub fn info(&self, word: &str) -> WordInfo {
        self.entry(self.id(word))
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

    /// True when `cue` followed by the words `next` is not an attribution.
    pub fn is_not_cue(&self, cue: WordId, next: &[WordId]) -> bool {
        // A flag first: most cues have no such phrases, and the map hashes its key.
        self.entry(cue).has_not_cues
            && self.not_cues.get(&cue).is_some_and(|phrases| {
                phrases
                    .iter()
                    .any(|p| p.len() <= next.len() && p.iter().zip(next).all(|(a, b)| a == b))
            })
    }

    /// True when `before` makes the cue word after it a noun ("earnings call", "no plans").
    pub fn is_noun_use(&self, before: WordId, cue: WordId) -> bool {
        // A flag first: few cues have such uses.
        self.entry(cue).has_noun_uses && self.noun_uses.contains(&(before, cue))
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
            ("cue_nouns.tsv", CUE_NOUNS),
            ("quote_cues.tsv", QUOTE_CUES),
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
        let table = [
            // word, alone a reporting hedge, alone a modal, second word of a phrase
            ("reportedly", true, false, false),
            ("might", false, true, false),
            ("thought", false, false, true),
            ("is", false, false, true),
            ("have", false, false, false),
            ("table", false, false, false),
        ];
        for (word, alone, modal, next) in table {
            let info = lex.info(word);
            assert_eq!(
                (info.hedge_alone, info.modal, info.hedge_next),
                (alone, modal, next),
                "{word}"
            );
        }
    }

    #[test]
    fn packed_lower_case_matches_the_byte_by_byte_one() {
        let words: [&[u8]; 6] = [
            b"",
            b"Said",
            b"ACCORDING",
            b"@[`{Az",
            b"\xC3\x89T\xC3\x89",
            b"0123456789ZzAa_",
        ];
        for word in words {
            let mut lower = word.to_vec();
            lower.make_ascii_lowercase();
            let mut want = [0u8; 16];
            want[..lower.len()].copy_from_slice(&lower);
            want[15] = word.len() as u8;
            assert_eq!(key_of(word), Some(u128::from_le_bytes(want)), "{word:?}");
        }
        assert_eq!(key_of(b"sixteen letters!"), None);
        for b in 0..=255u8 {
            let packed = ascii_lowercase(u128::from(b) << 40);
            assert_eq!(packed, u128::from(b.to_ascii_lowercase()) << 40, "{b}");
            let short = ascii_lowercase_64(u64::from(b) << 56);
            assert_eq!(short, u64::from(b.to_ascii_lowercase()) << 56, "{b}");
        }
    }

    #[test]
    fn finds_every_word_in_any_case_and_no_other() {
        let lex = CueLexicon::embedded();
        for (k, (word, _)) in lex.words.iter().enumerate().skip(1) {
            let id = lex.id(word);
            assert_eq!(usize::from(id.0), k, "{word}");
            assert_eq!(lex.id(&word.to_uppercase()), id, "{word}");
            assert_eq!(lex.word(id), &**word);
            assert_eq!(lex.id(&format!("{word}x")), WordId::UNKNOWN, "{word}x");
        }
        for word in ["", "x", "saidsaidsaidsaid", "Sáid", "\u{212A}"] {
            assert_eq!(lex.id(word), WordId::UNKNOWN, "{word}");
        }
    }

    #[test]
    fn reads_a_word_in_its_text_as_it_reads_the_word() {
        let lex = CueLexicon::embedded();
        let text = "SAID Told reportedly saidsaidsaidsaid Sáid \u{212A} the Claimed said";
        let mut start = 0;
        for word in text.split(' ') {
            let span = Span::new(start, start + word.len());
            assert_eq!(lex.id_at(text, span), lex.id(word), "{word}");
            // Every prefix too: some end inside the text, some at its end, near or far.
            for end in (span.start + 1..=span.end).filter(|&e| text.is_char_boundary(e)) {
                let prefix = &text[span.start..end];
                assert_eq!(
                    lex.id_at(text, Span::new(span.start, end)),
                    lex.id(prefix),
                    "{prefix}"
                );
            }
            start = span.end + 1;
        }
    }

    #[test]
    fn knows_contexts_that_are_no_cue() {
        let lex = CueLexicon::embedded();
        let ids = |s: &str| s.split(' ').map(|w| lex.id(w)).collect::<Vec<_>>();
        let claimed = lex.id("Claimed");
        assert!(lex.is_not_cue(claimed, &ids("the Lives of")));
        assert!(!lex.is_not_cue(claimed, &ids("the election was")));
        assert!(!lex.is_not_cue(lex.id("said"), &ids("the lives of")));
    }
}
