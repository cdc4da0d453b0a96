//! Names recognised by their shape and context, with the gazetteer's matches as anchors.
//!
//! 1. Capitalised runs of words ("chunks") are cut from each sentence; connectors join them
//!    where names use them ("Bank of England", "Center for Strategic and International
//!    Studies", "Ludwig van Beethoven"). Lines in capitals (headlines, datelines) are not
//!    chunked: there only listed and already-seen names count.
//! 2. Each chunk is typed by the first rule that fits: the whole chunk is listed; organisation
//!    suffix ("Soufan Group") or head ("Ministry of …"); place word ("Red Sea"); known first
//!    name ("Colin Clarke"); a title before it ("Secretary of State Antony Blinken"); else the
//!    listed names inside it, and context for what is left ("X said", "in X", "X-based").
//! 3. Propagation: a later surname takes the type and name of the earlier full name, and any
//!    name seen once is recognised again in headlines and ambiguous positions.
//! 4. Sports copy: places that stand for clubs ("Leicestershire beat Somerset") become groups.
//!
//! Every mention's `via` names the rule or list that produced it.

use std::cell::Cell;
use std::collections::HashMap;

use crate::document::{EntityType, Mention, Span};
use crate::gazetteer::{Gazetteer, GazetteerEntry, GazetteerMatch, WordLists};
use crate::resolve::SpanSet;
use crate::text::tokens::{Token, TokenKind};

/// The word lists name recognition consults, by role. Each role accepts several file stems,
/// so the generated lists in gazetteers/names/ and the hand-made ones in gazetteers/ner/ are
/// used together.
#[derive(Clone, Copy)]
enum Role {
    FirstNames,
    Titles,
    /// Words that continue a title ("Secretary of State", "Foreign Minister").
    TitleWords,
    OrgWords,
    OrgHeads,
    PlaceWords,
    NotNames,
    Demonyms,
    /// Days and months: never part of a name ("Paris Monday", "Last May").
    TimeWords,
    Said,
    PlacePreps,
    TeamSports,
    /// Words after a club's name in match reports ("Arsenal beat Chelsea", "Rotor are").
    TeamVerbs,
    /// Words before a club's name ("beat Chelsea", "v Chelsea").
    TeamVerbsBefore,
    /// Capitalised abbreviations that name no one ("GDP", "EDT").
    PlainAcronyms,
    /// Common nouns for places ("the village of X", "X province").
    PlaceNouns,
    /// Nouns before a company's name ("cables giant Pirelli", "distributor Hachette").
    OrgCuesBefore,
    /// Words after a company's name ("Pirelli shares", "Ruch spokesman").
    OrgCuesAfter,
    /// Words of event, award, religious and other MISC names ("World Cup", "Islamic").
    MiscWords,
}

const FIRST_NAMES: Role = Role::FirstNames;
const TITLES: Role = Role::Titles;
const TITLE_WORDS: Role = Role::TitleWords;
const ORG_WORDS: Role = Role::OrgWords;
const ORG_HEADS: Role = Role::OrgHeads;
const PLACE_WORDS: Role = Role::PlaceWords;
const NOT_NAMES: Role = Role::NotNames;
const DEMONYMS: Role = Role::Demonyms;
const TIME_WORDS: Role = Role::TimeWords;
const SAID: Role = Role::Said;
const PLACE_PREPS: Role = Role::PlacePreps;
const TEAM_SPORTS: Role = Role::TeamSports;
const TEAM_VERBS: Role = Role::TeamVerbs;
const TEAM_VERBS_BEFORE: Role = Role::TeamVerbsBefore;
const PLAIN_ACRONYMS: Role = Role::PlainAcronyms;
const PLACE_NOUNS: Role = Role::PlaceNouns;
const ORG_CUES_BEFORE: Role = Role::OrgCuesBefore;
const ORG_CUES_AFTER: Role = Role::OrgCuesAfter;
const MISC_WORDS: Role = Role::MiscWords;

/// File stems of each role, in the order of `Role`.
const ROLE_STEMS: &[&[&str]] = &[
    &["first_names", "given_names", "forenames"],
    &["person_titles", "titles", "roles", "titles_roles"],
    &["title_words"],
    &["org_words", "org_suffixes", "org_suffix_words"],
    &["org_heads"],
    &["place_words"],
    &[
        "not_names",
        "common_words",
        "common_capitalised",
        "capitalised_common_words",
    ],
    &["demonyms"],
    &["time_words"],
    &["said_words"],
    &["place_preps"],
    &["team_sports"],
    &["team_verbs"],
    &["team_verbs_before"],
    &["acronyms_not_names"],
    &["place_nouns"],
    &["org_cues_before"],
    &["org_cues_after"],
    &["misc_words", "religion_words"],
];

/// The word lists, with each role's bit set of lists resolved once.
struct Lexicon {
    words: WordLists,
    masks: Vec<u64>,
}

impl Lexicon {
    fn new(words: &WordLists) -> Lexicon {
        Lexicon {
            words: words.clone(),
            masks: ROLE_STEMS.iter().map(|stems| words.mask(stems)).collect(),
        }
    }

    fn contains(&self, role: Role, word: &str) -> bool {
        self.words.lookup(word) & self.masks[role as usize] != 0
    }

    fn lists_of(&self, word: &str) -> u64 {
        self.words.lookup(word)
    }

    fn has(&self, lists: u64, role: Role) -> bool {
        lists & self.masks[role as usize] != 0
    }
}

/// `s` lower-cased into `buf`, as `str::to_lowercase` would: a lookup key without allocating.
fn lower_into<'b>(buf: &'b mut String, s: &str) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
    buf
}

/// Abbreviated organisation suffixes written with a period ("Inc.", "Corp.").
const ORG_ABBREVIATIONS: &[&str] = &["Bros", "Co", "Corp", "Cos", "Inc", "Ltd", "Plc"];

/// Lower-case words that may join two capitalised words inside one name.
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "den", "der", "di", "du", "ibn", "la", "le", "van",
    "von",
];

/// Finds person, group and place names: listed ones and those known by shape or context.
pub struct NameRecognizer {
    lexicon: Lexicon,
}

/// What we know about one token.
#[derive(Clone, Copy, Default)]
struct TokenInfo {
    /// A word that may be part of a name (capitalised, outside a line in capitals).
    namelike: bool,
    /// Inside a line written in capitals (headline, dateline).
    caps_line: bool,
    /// The first word of its sentence or line.
    initial: bool,
    /// On a dateline: a short line that ends with a date ("LONDON 1996-08-30").
    dateline: bool,
}

/// A decided name: tokens `[first, last]`, type and provenance.
struct Found {
    span: Span,
    entity_type: EntityType,
    entry: Option<GazetteerEntry>,
    via: String,
}

/// The gazetteer match starting at each token, with the index of its last token.
struct GazetteerIndex {
    at: Vec<Option<(usize, GazetteerMatch)>>,
}

impl GazetteerIndex {
    fn get(&self, token: &usize) -> Option<&(usize, GazetteerMatch)> {
        self.at.get(*token).and_then(Option::as_ref)
    }
}

struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    info: Vec<TokenInfo>,
    words: &'a Lexicon,
    /// Gazetteer match starting at each token, by token index.
    gaz_at: GazetteerIndex,
    /// Per token, the bit set of word lists containing it, once asked.
    lists_cache: Vec<Cell<Option<u64>>>,
}

impl NameRecognizer {
    /// A recognizer over the embedded word lists.
    pub fn new(words: &WordLists) -> NameRecognizer {
        NameRecognizer {
            lexicon: Lexicon::new(words),
        }
    }

    /// Mentions of people, groups and places, ordered by position, not overlapping.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Span],
        gazetteer: &Gazetteer,
    ) -> Vec<Mention> {
        let words = &self.lexicon;
        let split = split_possessives(text, tokens);
        let tokens = &split[..];
        let (info, lists) = token_info(text, tokens, sentences, words);
        let mut gaz_at = GazetteerIndex {
            at: vec![None; tokens.len()],
        };
        let mut ti = 0;
        for m in gazetteer.find(text, tokens) {
            while ti < tokens.len() && tokens[ti].span.start < m.span.start {
                ti += 1;
            }
            let mut last = ti;
            while last + 1 < tokens.len() && tokens[last + 1].span.end <= m.span.end {
                last += 1;
            }
            if let Some(slot) = gaz_at.at.get_mut(ti) {
                *slot = Some((last, m));
            }
        }
        let cx = Context {
            text,
            tokens,
            info,
            words,
            gaz_at,
            lists_cache: lists.into_iter().map(Cell::new).collect(),
        };
        let mut found = Vec::new();
        let mut leftovers = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if cx.info[i].namelike {
                let end = cx.chunk_end(i);
                cx.decide(i, end, &mut found, &mut leftovers);
                i = end + 1;
            } else if let Some((last, m)) = cx.gaz_at.get(&i) {
                if let Some(f) = cx.listed(i, *last, m) {
                    found.push(f);
                    i = last + 1;
                } else {
                    if cx.info[i].caps_line && tokens[i].kind == TokenKind::Word {
                        leftovers.push((i, i));
                    }
                    i += 1;
                }
            } else {
                if cx.info[i].caps_line && tokens[i].kind == TokenKind::Word {
                    leftovers.push((i, i));
                }
                i += 1;
            }
        }
        cx.propagate(&mut found, &leftovers);
        cx.places_by_context(&mut found, &leftovers);
        if cx.is_sports() {
            cx.sports_teams(&mut found, &leftovers);
        }
        // "Apple Inc." keeps the period of its abbreviated suffix.
        for f in found.iter_mut() {
            let last_word = f.span.text(text).rsplit([' ', '\n']).next().unwrap_or("");
            if f.entity_type == EntityType::Group
                && ORG_ABBREVIATIONS.contains(&last_word)
                && text[f.span.end..].starts_with('.')
            {
                f.span.end += 1;
            }
        }
        found.sort_by_key(|f| f.span);
        found.into_iter().map(|f| f.into_mention(text)).collect()
    }
}

impl Found {
    fn into_mention(self, text: &str) -> Mention {
        match self.entry {
            Some(e) => Mention {
                span: self.span,
                entity_type: self.entity_type,
                subtype: if e.entity_type == self.entity_type {
                    e.subtype
                } else {
                    None
                },
                name: e.name,
                kb_id: e.kb_id,
                via: self.via,
            },
            None => Mention {
                span: self.span,
                entity_type: self.entity_type,
                subtype: None,
                name: canonical_text(self.span.text(text)),
                kb_id: None,
                via: self.via,
            },
        }
    }
}

/// The text with runs of whitespace as one space.
fn canonical_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when a word is written in capitals throughout ("NATO", "ISIS-K").
fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase)
}

/// Splits "Labour's" into "Labour" and "'s", so the possessive is never part of a name.
fn split_possessives(text: &str, tokens: &[Token]) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len() + tokens.len() / 16);
    for &t in tokens {
        let w = t.text(text);
        let cut = if t.kind != TokenKind::Word {
            None
        } else if let Some(stem) = w.strip_suffix("'s").or_else(|| w.strip_suffix("'S")) {
            Some(stem.len())
        } else {
            w.strip_suffix("\u{2019}s").map(str::len)
        };
        match cut {
            Some(n) if n > 0 => {
                let at = t.span.start + n;
                out.push(Token {
                    span: Span::new(t.span.start, at),
                    kind: TokenKind::Word,
                });
                out.push(Token {
                    span: Span::new(at, t.span.end),
                    kind: TokenKind::Punct,
                });
            }
            _ => out.push(t),
        }
    }
    out
}

/// A short line that ends with a date: "LONDON 1996-08-30", "ARLINGTON , Texas 1996-08-31".
fn is_dateline(line: &str) -> bool {
    let line = line.trim_end();
    let Some(date) = line.rsplit(' ').next() else {
        return false;
    };
    line.len() < 80
        && date.len() == 10
        && date.bytes().enumerate().all(|(k, b)| {
            if k == 4 || k == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// A headline in title case ("Officials Have Issued a Terrorist Threat"): most capitalised
/// words are common words and hardly any word is in lower case, unlike a list of names.
fn is_title_case_line(
    text: &str,
    tokens: &[Token],
    lists: &[Option<u64>],
    words: &Lexicon,
) -> bool {
    let (mut capitalised, mut common) = (0, 0);
    // The seed format's header line: "date 2021-08-27 Title".
    let skip = usize::from(tokens.first().is_some_and(|d| d.text(text) == "date"));
    for (t, l) in tokens.iter().zip(lists).skip(skip) {
        if t.kind != TokenKind::Word {
            continue;
        }
        let w = t.text(text);
        if let Some(l) = l {
            capitalised += 1;
            if words.has(*l, NOT_NAMES) && !is_all_caps(w) {
                common += 1;
            }
        } else if !FUNCTION_WORDS.contains(&w) {
            // A word in lower case: no headline. Most lines are prose and stop here at once.
            return false;
        }
    }
    common >= 3 && common * 2 >= capitalised
}

/// Short words that headlines in title case leave in lower case.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "of", "on", "or", "the", "to",
    "vs", "with",
];

/// How many upper-case and lower-case letters `line` has. Most lines are ASCII: counting
/// their bytes skips decoding characters (this runs over the whole text).
fn letter_cases(line: &str) -> (usize, usize) {
    if line.is_ascii() {
        let bytes = line.as_bytes();
        let upper = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
        let lower = bytes.iter().filter(|b| b.is_ascii_lowercase()).count();
        return (upper, lower);
    }
    line.chars().fold((0, 0), |(upper, lower), c| {
        (
            upper + usize::from(c.is_uppercase()),
            lower + usize::from(c.is_lowercase()),
        )
    })
}

/// What each token is, and the word lists of each capitalised word (looked up once here; the
/// rules read them from the same cache).
fn token_info(
    text: &str,
    tokens: &[Token],
    sentences: &[Span],
    words: &Lexicon,
) -> (Vec<TokenInfo>, Vec<Option<u64>>) {
    let mut info = vec![TokenInfo::default(); tokens.len()];
    let lists: Vec<Option<u64>> = tokens
        .iter()
        .map(|t| {
            let w = t.text(text);
            (t.kind == TokenKind::Word && w.starts_with(char::is_uppercase))
                .then(|| words.lists_of(w))
        })
        .collect();
    // Lines in capitals: few lower-case letters among many capitals.
    let mut line_start = 0;
    let mut i = 0;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |n| line_start + n);
        let line = &text[line_start..line_end];
        let (upper, lower) = letter_cases(line);
        let line_first = i;
        let mut line_last = i;
        while line_last < tokens.len() && tokens[line_last].span.start < line_end {
            line_last += 1;
        }
        let caps = (upper >= 2 && lower * 4 < upper)
            || is_title_case_line(
                text,
                &tokens[line_first..line_last],
                &lists[line_first..line_last],
                words,
            );
        let dateline = is_dateline(line);
        while i < tokens.len() && tokens[i].span.start < line_end {
            info[i].caps_line = caps;
            info[i].dateline = dateline;
            i += 1;
        }
        line_start = line_end + 1;
    }
    let mut sentence = 0;
    let mut seen_word = false;
    for (i, t) in tokens.iter().enumerate() {
        while sentence + 1 < sentences.len() && sentences[sentence].end <= t.span.start {
            sentence += 1;
            seen_word = false;
        }
        // Byte scans of the short gaps between tokens: str::contains(char) costs a searcher.
        if i > 0 && text.as_bytes()[tokens[i - 1].span.end..t.span.start].contains(&b'\n') {
            seen_word = false;
        }
        if t.kind != TokenKind::Word {
            continue;
        }
        let word = t.text(text);
        info[i].initial = !seen_word;
        seen_word = true;
        let first_upper = word.chars().next().is_some_and(char::is_uppercase);
        if !first_upper || info[i].caps_line {
            continue;
        }
        let lists = lists[i].unwrap_or_else(|| words.lists_of(word));
        let common_opener = info[i].initial
            && words.has(lists, NOT_NAMES)
            && !is_all_caps(word)
            && !words.has(lists, TITLES);
        info[i].namelike = !words.has(lists, TIME_WORDS) && !common_opener;
    }
    (info, lists)
}

impl Context<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens[i].text(self.text)
    }

    /// True when word `i` is in the role's lists. One lookup per token gives every list
    /// containing it; the rules ask about the same words many times.
    fn lower_word_is(&self, i: usize, role: Role) -> bool {
        if self.tokens[i].kind != TokenKind::Word {
            return false;
        }
        let lists = match self.lists_cache[i].get() {
            Some(lists) => lists,
            None => {
                let lists = self.words.lists_of(self.word(i));
                self.lists_cache[i].set(Some(lists));
                lists
            }
        };
        self.words.has(lists, role)
    }

    /// True when only spaces (no line break) separate tokens `i` and `i + 1`.
    fn same_line(&self, i: usize) -> bool {
        !self.text.as_bytes()[self.tokens[i].span.end..self.tokens[i + 1].span.start]
            .contains(&b'\n')
    }

    /// Index of the last token of the chunk starting at `start`.
    fn chunk_end(&self, start: usize) -> usize {
        let t = self.tokens;
        let mut end = start;
        let mut joined_of = false;
        loop {
            let next = end + 1;
            if next >= t.len() || !self.same_line(end) {
                break;
            }
            if self.info[next].namelike {
                end = next;
                continue;
            }
            let word = self.word(next);
            // An initial: "George W. Bush".
            if word == "."
                && self.word(end).chars().count() == 1
                && self.info[end].namelike
                && self.text[t[end].span.end..t[next].span.start].is_empty()
                && next + 1 < t.len()
                && self.info[next + 1].namelike
                && self.same_line(next)
            {
                end = next;
                continue;
            }
            // "Joost van der Westhuizen": a run of particles before a name.
            if PARTICLES.contains(&word) {
                let mut k = next;
                while k < t.len() && PARTICLES.contains(&self.word(k)) && self.same_line(k - 1) {
                    k += 1;
                }
                if k < t.len() && k > next && self.info[k].namelike && self.same_line(k - 1) {
                    end = k;
                    continue;
                }
            }
            let joins = match word {
                "of" | "for" => true,
                "and" | "&" => joined_of || word == "&",
                _ => false,
            };
            if joins && next + 1 < t.len() && self.info[next + 1].namelike && self.same_line(next) {
                joined_of |= matches!(word, "of" | "for");
                end = next + 1;
                continue;
            }
            break;
        }
        // A listed name that starts inside the chunk may end after it ("U.S.", "St. Louis").
        let mut i = start;
        while i <= end {
            if let Some((last, _)) = self.gaz_at.get(&i) {
                end = end.max(*last);
            }
            i += 1;
        }
        end
    }

    fn span(&self, first: usize, last: usize) -> Span {
        Span::new(self.tokens[first].span.start, self.tokens[last].span.end)
    }

    fn is_title(&self, i: usize) -> bool {
        if self.lower_word_is(i, TITLES) {
            return true;
        }
        // "Vice-President": the rank after the last hyphen. A byte scan: words are short and
        // few have a hyphen.
        let word = self.word(i);
        self.tokens[i].kind == TokenKind::Word
            && word
                .bytes()
                .rposition(|b| b == b'-')
                .is_some_and(|h| self.words.contains(TITLES, &word[h + 1..]))
    }

    /// True when the word before `i` is a title or role ("coach", "Mr", "President").
    fn title_before(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0 {
            j -= 1;
            match self.word(j) {
                "." => continue,
                _ => return self.is_title(j),
            }
        }
        false
    }

    fn said_after(&self, last: usize) -> bool {
        let n = last + 1;
        if n < self.tokens.len() && self.lower_word_is(n, SAID) {
            return true;
        }
        // "X , who …, said" is left to propagation; "X 's" is not a cue.
        false
    }

    fn place_prep_before(&self, first: usize) -> bool {
        first > 0 && self.lower_word_is(first - 1, PLACE_PREPS)
    }

    /// "in X", "X , Texas", a dateline "X 1996-08-30".
    fn place_context(&self, first: usize, last: usize) -> bool {
        if self.place_prep_before(first) || self.dateline_line(first) {
            return true;
        }
        let n = last + 1;
        n + 1 < self.tokens.len()
            && self.word(n) == ","
            && self
                .gaz_at
                .get(&(n + 1))
                .is_some_and(|(_, m)| m.entries.iter().any(|e| e.is(&["state", "country"])))
    }

    fn dateline_line(&self, i: usize) -> bool {
        self.info[i].dateline
    }

    /// Chooses among a listed name's readings by context; `None` drops the match.
    fn listed(&self, first: usize, last: usize, m: &GazetteerMatch) -> Option<Found> {
        let surface = m.span.text(self.text);
        if !surface.chars().any(char::is_uppercase) {
            return None;
        }
        // "May 15" is a date, whatever a list says.
        if self.lower_word_is(first, TIME_WORDS) {
            return None;
        }
        // Demonyms and nationalities are not places ("Afghan civilians").
        if self.words.contains(DEMONYMS, surface) {
            return None;
        }
        if first == last && !is_all_caps(surface) && self.words.contains(NOT_NAMES, surface) {
            return None;
        }
        let entry = self.choose(first, last, &m.entries)?;
        // Lists of names that are also common words or surnames need a place context.
        if entry.list.ends_with("ambiguous") && !self.place_context(first, last) {
            return None;
        }
        Some(Found {
            span: m.span,
            entity_type: entry.entity_type,
            via: format!("gazetteer:{}", entry.list),
            entry: Some(entry),
        })
    }

    fn choose(
        &self,
        first: usize,
        last: usize,
        entries: &[GazetteerEntry],
    ) -> Option<GazetteerEntry> {
        let of_type = |t: EntityType| entries.iter().find(|e| e.entity_type == t);
        let person = of_type(EntityType::Person);
        let place = of_type(EntityType::Place);
        let group = of_type(EntityType::Group);
        let pick = if person.is_some() && (self.title_before(first) || self.said_after(last)) {
            person
        } else if place.is_some() && self.place_prep_before(first) {
            place
        } else {
            place.or(group).or(person)
        };
        pick.or(entries.first()).cloned()
    }

    /// Types the chunk `[first, last]` and pushes what it names.
    fn decide(
        &self,
        first: usize,
        last: usize,
        found: &mut Vec<Found>,
        leftovers: &mut Vec<(usize, usize)>,
    ) {
        // The whole chunk listed, as written ("The Hague", "Bank of England").
        if let Some(f) = self.listed_exactly(first, last) {
            found.push(f);
            return;
        }
        // A sentence-initial common word is not part of the name ("The", "Last May").
        let mut start = first;
        // Only the opening word: "The Department for Trade" keeps "Department".
        if (self.info[first].initial || matches!(self.word(first), "The" | "A" | "An"))
            && self.is_common(first)
            && !self.is_title(first)
        {
            start += 1;
            while start <= last && matches!(self.word(start), "of" | "for" | "and" | "&") {
                start += 1;
            }
        }
        if start > last {
            return;
        }
        if start != first {
            if let Some(f) = self.listed_exactly(start, last) {
                found.push(f);
                return;
            }
        }
        // Organisation and event names keep their titles ("General Motors", "Prime Minister's
        // Cup"); otherwise strip titles and roles, remembering them ("Secretary of State").
        let words_from_start = (start..=last)
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .count();
        if words_from_start >= 2 && self.lower_word_is(last, MISC_WORDS) {
            return;
        }
        if words_from_start >= 2 && self.lower_word_is(last, ORG_WORDS) {
            found.push(Found {
                span: self.span(start, last),
                entity_type: EntityType::Group,
                entry: None,
                via: "rule:org_suffix".into(),
            });
            return;
        }
        // "Brazilian-born Luis Oliveira", "Ex-Yankee Randy Velarde": a describing compound.
        // ... and a nationality before a name: "American Dennis Mitchell".
        while start < last
            && (self.is_describing_compound(start)
                || (self.lower_word_is(start, DEMONYMS)
                    && self.tokens[start + 1].kind == TokenKind::Word))
        {
            start += 1;
        }
        let mut a = start;
        let mut titled = false;
        while a <= last {
            if self.is_title(a) {
                titled = true;
            } else if !self.lower_word_is(a, TITLE_WORDS)
                && !matches!(self.word(a), "of" | "for" | "and" | "&" | ".")
            {
                break;
            }
            a += 1;
        }
        if !titled {
            a = start;
            // A title inside the chunk: "Serbian President Slobodan Milosevic", "U.N.
            // Ambassador Albright". The words before it describe the title.
            if let Some(k) = (start..last).rev().find(|&k| self.is_title(k)) {
                let name_words = (k + 1..=last)
                    .filter(|&i| self.tokens[i].kind == TokenKind::Word)
                    .count();
                let plain =
                    !(k + 1..=last).any(|i| matches!(self.word(i), "of" | "for" | "and" | "&"));
                if plain && (1..=3).contains(&name_words) {
                    let mut j = k;
                    while j > start
                        && (self.is_title(j - 1) || self.lower_word_is(j - 1, TITLE_WORDS))
                    {
                        j -= 1;
                    }
                    if j > start {
                        self.decide(start, j - 1, found, leftovers);
                    }
                    self.decide_plain(k + 1, last, true, found, leftovers);
                    return;
                }
            }
        }
        if a > last {
            return;
        }
        let titled = titled || self.title_before(first);
        let has_connector = (a..=last).any(|i| matches!(self.word(i), "of" | "for" | "and" | "&"));
        let n_words = (a..=last)
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .count();
        let span = self.span(a, last);
        let push = |found: &mut Vec<Found>, t: EntityType, via: &str| {
            found.push(Found {
                span,
                entity_type: t,
                entry: None,
                via: via.to_string(),
            })
        };
        if n_words >= 2 && self.lower_word_is(last, MISC_WORDS) {
            return;
        }
        if n_words >= 2 && self.lower_word_is(last, ORG_WORDS) {
            return push(found, EntityType::Group, "rule:org_suffix");
        }
        // "Ministry of …", "Chicago Board of Trade", "National Bank of Romania".
        let before_connector = (a..=last)
            .find(|&i| matches!(self.word(i), "of" | "for"))
            .and_then(|i| i.checked_sub(1));
        if has_connector
            && (self.lower_word_is(a, ORG_HEADS)
                || before_connector.is_some_and(|i| i >= a && self.lower_word_is(i, ORG_WORDS)))
        {
            return push(found, EntityType::Group, "rule:org_head");
        }
        let first_name = self.lower_word_is(a, FIRST_NAMES) && !is_all_caps(self.word(a));
        if n_words >= 2 && self.lower_word_is(last, PLACE_WORDS) && !has_connector && !first_name {
            return push(found, EntityType::Place, "rule:place_word");
        }
        if has_connector {
            // Not one name: type the pieces between connectors on their own.
            let mut start = a;
            for i in a..=last {
                if matches!(self.word(i), "of" | "for" | "and" | "&") {
                    if start < i {
                        self.decide_plain(start, i - 1, titled && start == a, found, leftovers);
                    }
                    start = i + 1;
                }
            }
            if start <= last {
                self.decide_plain(start, last, false, found, leftovers);
            }
            return;
        }
        self.decide_plain(a, last, titled, found, leftovers);
    }

    /// Types a chunk without connectors.
    fn decide_plain(
        &self,
        a: usize,
        last: usize,
        titled: bool,
        found: &mut Vec<Found>,
        leftovers: &mut Vec<(usize, usize)>,
    ) {
        if let Some(f) = self.listed_exactly(a, last) {
            // A listed person or place after a title is still a person ("President Jordan").
            if titled && f.entity_type != EntityType::Person && a == last {
                found.push(Found {
                    span: f.span,
                    entity_type: EntityType::Person,
                    entry: None,
                    via: "rule:title".into(),
                });
            } else {
                found.push(f);
            }
            return;
        }
        let span = self.span(a, last);
        let n_words = (a..=last)
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .count();
        let person = |via: &str| Found {
            span,
            entity_type: EntityType::Person,
            entry: None,
            via: via.to_string(),
        };
        let first_name = self.lower_word_is(a, FIRST_NAMES) && !is_all_caps(self.word(a));
        let misc = (a..=last)
            .any(|i| self.lower_word_is(i, DEMONYMS) || self.lower_word_is(i, MISC_WORDS));
        if (2..=4).contains(&n_words) && first_name && !misc {
            found.push(person("rule:first_name"));
            return;
        }
        // "Novelist Andrea Levy", "Fullback Andre Joubert": an unknown role word before a
        // first name and surname.
        if n_words == 3
            && !misc
            && self.tokens[a + 1].kind == TokenKind::Word
            && self.lower_word_is(a + 1, FIRST_NAMES)
            && self.gaz_at.get(&a).is_none()
        {
            found.push(Found {
                span: self.span(a + 1, last),
                entity_type: EntityType::Person,
                entry: None,
                via: "rule:first_name".into(),
            });
            return;
        }
        if titled && n_words <= 3 {
            found.push(person("rule:title"));
            return;
        }
        if n_words >= 2 && !titled {
            if let Some(f) = self.place_with_name(a, last) {
                found.push(f);
                return;
            }
        }
        // Listed names inside the chunk, and context for the rest.
        let mut i = a;
        let mut rest_start = a;
        while i <= last {
            if let Some((end, m)) = self.gaz_at.get(&i) {
                if *end <= last {
                    if let Some(f) = self.listed(i, *end, m) {
                        if rest_start < i {
                            self.decide(rest_start, i - 1, found, leftovers);
                        }
                        found.push(f);
                        i = end + 1;
                        rest_start = i;
                        continue;
                    }
                }
            }
            i += 1;
        }
        if rest_start == a {
            self.decide_unlisted(a, last, found, leftovers);
        } else if rest_start <= last {
            self.decide(rest_start, last, found, leftovers);
        }
    }

    /// "Brazilian-born", "Family-controlled", "Ex-Yankee": not part of the name after it.
    fn is_describing_compound(&self, i: usize) -> bool {
        let w = self.word(i);
        let Some((head, tail)) = w.split_once('-') else {
            return false;
        };
        tail.starts_with(char::is_lowercase)
            || matches!(head, "Ex" | "ex" | "Former" | "Anti" | "Pro")
            || self.words.contains(DEMONYMS, head)
    }

    /// A common word that is not a name on its own (pronouns, function words, "Officials").
    fn is_common(&self, i: usize) -> bool {
        self.lower_word_is(i, NOT_NAMES) && !is_all_caps(self.word(i))
    }

    /// A place followed by unknown capitalised words is an organisation or club named after
    /// it: "Baltimore Orioles", "Bucharest Newsroom", "Chicago Purchasing Managers".
    fn place_with_name(&self, a: usize, last: usize) -> Option<Found> {
        let mut place = None;
        let mut i = a;
        while i <= last {
            if let Some((end, m)) = self.gaz_at.get(&i) {
                if *end <= last {
                    // Only a leading place: "Jeff Wilson", "Elia Kazan" end in town names.
                    if i != a
                        || *end == last
                        || !m.entries.iter().any(|e| {
                            e.entity_type == EntityType::Place && !e.list.ends_with("ambiguous")
                        })
                    {
                        return None;
                    }
                    place = Some((i, *end));
                    i = end + 1;
                    continue;
                }
            }
            let w = self.word(i);
            let plain = self.tokens[i].kind == TokenKind::Word
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                && !is_all_caps(w)
                && ![
                    FIRST_NAMES,
                    TITLES,
                    NOT_NAMES,
                    DEMONYMS,
                    MISC_WORDS,
                    PLACE_WORDS,
                ]
                .iter()
                .any(|&l| self.lower_word_is(i, l));
            if !plain {
                return None;
            }
            i += 1;
        }
        place?;
        Some(Found {
            span: self.span(a, last),
            entity_type: EntityType::Group,
            entry: None,
            via: "rule:place_org".into(),
        })
    }

    /// Types a run of capitalised words that no list knows.
    fn decide_unlisted(
        &self,
        a: usize,
        last: usize,
        found: &mut Vec<Found>,
        leftovers: &mut Vec<(usize, usize)>,
    ) {
        let span = self.span(a, last);
        let words: Vec<usize> = (a..=last)
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .collect();
        if words.is_empty() {
            return;
        }
        let single = words.len() == 1;
        let word = self.word(a);
        let mk = |t: EntityType, via: &str| Found {
            span,
            entity_type: t,
            entry: None,
            via: via.to_string(),
        };
        if single {
            if let Some(stem) = word.strip_suffix("-based") {
                let s = Span::new(span.start, span.start + stem.len());
                found.push(Found {
                    span: s,
                    entity_type: EntityType::Place,
                    entry: None,
                    via: "rule:based".into(),
                });
                return;
            }
            if word.chars().count() < 2
                || (self.lower_word_is(a, NOT_NAMES) && !is_all_caps(word))
                || self.lower_word_is(a, DEMONYMS)
            {
                return;
            }
            if self.info[a].initial {
                leftovers.push((a, last));
                return;
            }
            let said_before = a > 0 && self.lower_word_is(a - 1, SAID);
            if self.title_before(a) {
                found.push(mk(EntityType::Person, "rule:title"));
            } else if self.said_after(last) || said_before {
                found.push(mk(EntityType::Person, "rule:said"));
            } else if self.place_prep_before(a) && !is_all_caps(word) {
                found.push(mk(EntityType::Place, "rule:in_place"));
            } else if is_all_caps(word)
                && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !self.lower_word_is(a, PLAIN_ACRONYMS)
            {
                found.push(mk(EntityType::Group, "rule:acronym"));
            } else {
                leftovers.push((a, last));
            }
            return;
        }
        // Nationalities and events are MISC, not people ("Iraqi Kurds", "Labour Day").
        if words
            .iter()
            .any(|&i| self.lower_word_is(i, DEMONYMS) || self.lower_word_is(i, MISC_WORDS))
        {
            return;
        }
        // "Trade and Industry Secretary", "Finance Minister": a role, not a name.
        if self.is_title(last) || self.lower_word_is(last, TITLE_WORDS) {
            return;
        }
        // Unknown capitalised words that are also common words are product names, titles of
        // works or slogans more often than people ("Internet Explorer", "Bupa Great").
        if words.len() <= 3
            && words
                .iter()
                .all(|&i| !is_all_caps(self.word(i)) || self.word(i).len() == 1)
            && !words.iter().any(|&i| self.is_common(i))
        {
            found.push(mk(EntityType::Person, "rule:name_shape"));
            return;
        }
        leftovers.push((a, last));
    }

    /// The gazetteer match covering exactly tokens `[first, last]`, if it is kept.
    fn listed_exactly(&self, first: usize, last: usize) -> Option<Found> {
        let (end, m) = self.gaz_at.get(&first)?;
        if *end != last {
            return None;
        }
        self.listed(first, last, m)
    }

    /// Recognises again, in left-over words, the names found elsewhere in the document; a
    /// surname alone takes its full name's person ("Clarke" → "Colin Clarke").
    fn propagate(&self, found: &mut Vec<Found>, leftovers: &[(usize, usize)]) {
        let mut known: HashMap<String, usize> = HashMap::new();
        // Lower-cased lookup keys, reusing one buffer.
        let mut key = String::new();
        for (k, f) in found.iter().enumerate() {
            let surface = f.span.text(self.text);
            known.entry(surface.to_lowercase()).or_insert(k);
            let parts: Vec<&str> = surface.split_whitespace().collect();
            if f.entity_type == EntityType::Person && parts.len() >= 2 {
                if let Some(last) = parts.last() {
                    known.entry(last.to_lowercase()).or_insert(k);
                }
            }
            // "the Soufan Group" … "Soufan": an organisation without its suffix word.
            if f.entity_type == EntityType::Group && parts.len() == 2 {
                let head = parts[0];
                if self.words.contains(ORG_WORDS, parts[1])
                    && !self.words.contains(NOT_NAMES, head)
                    && !self.words.contains(FIRST_NAMES, head)
                    && !self.words.contains(DEMONYMS, head)
                {
                    known.entry(head.to_lowercase()).or_insert(k);
                }
            }
        }
        // Listed single words that are this document's surnames become the person.
        for k in 0..found.len() {
            let f = &found[k];
            if f.entry.is_none() || f.entity_type == EntityType::Person {
                continue;
            }
            let surface = f.span.text(self.text);
            if surface.contains(char::is_whitespace) {
                continue;
            }
            if let Some(&p) = known.get(lower_into(&mut key, surface)) {
                if p != k && found[p].entity_type == EntityType::Person {
                    let (name, span) = (found[p].span, found[k].span);
                    found[k] = Found {
                        span,
                        entity_type: EntityType::Person,
                        entry: None,
                        via: format!("propagated:{}", canonical_text(name.text(self.text))),
                    };
                }
            }
        }
        let mut taken = SpanSet::default();
        for f in found.iter() {
            taken.insert_if_free(f.span);
        }
        for &(a, last) in leftovers {
            // Try the whole run, then each word.
            let whole = self.span(a, last);
            let mut spans = vec![whole];
            if a != last {
                spans.extend((a..=last).map(|i| self.tokens[i].span));
            }
            for span in spans {
                let surface = span.text(self.text);
                let Some(&k) = known.get(lower_into(&mut key, surface)) else {
                    continue;
                };
                if !taken.insert_if_free(span) {
                    continue;
                }
                let source = &found[k];
                let name = source.entry.as_ref().map_or_else(
                    || canonical_text(source.span.text(self.text)),
                    |e| e.name.clone(),
                );
                found.push(Found {
                    span,
                    entity_type: source.entity_type,
                    entry: source.entry.clone(),
                    via: format!("propagated:{name}"),
                });
            }
        }
        // A person mention of a surname alone points at the full name, listed or not.
        let mut full: HashMap<String, (String, Option<GazetteerEntry>)> = HashMap::new();
        for f in found.iter() {
            let surface = f.span.text(self.text);
            let parts: Vec<&str> = surface.split_whitespace().collect();
            if f.entity_type == EntityType::Person && parts.len() >= 2 {
                full.entry(parts[parts.len() - 1].to_lowercase())
                    .or_insert_with(|| {
                        let name = f
                            .entry
                            .as_ref()
                            .map_or_else(|| parts.join(" "), |e| e.name.clone());
                        (name, f.entry.clone())
                    });
            }
        }
        for f in found.iter_mut() {
            let surface = f.span.text(self.text);
            if f.entity_type == EntityType::Person && !surface.contains(char::is_whitespace) {
                if let Some((name, entry)) = full.get(lower_into(&mut key, surface)) {
                    f.via = format!("propagated:{name}");
                    if entry.is_some() {
                        f.entry.clone_from(entry);
                    }
                }
            }
        }
    }

    /// Unknown names that context makes places: the town on a dateline ("TOFTIR , Faroe
    /// Islands 1996-08-31"), "the village of X", "X province".
    fn places_by_context(&self, found: &mut Vec<Found>, leftovers: &[(usize, usize)]) {
        let mut taken = SpanSet::default();
        for f in found.iter() {
            taken.insert_if_free(f.span);
        }
        for &(a, last) in leftovers {
            let span = self.span(a, last);
            let w = self.word(a);
            if !w.starts_with(char::is_uppercase)
                || w.chars().count() < 2
                || (a..=last).any(|i| {
                    self.is_common(i)
                        || self.lower_word_is(i, DEMONYMS)
                        || self.lower_word_is(i, TIME_WORDS)
                })
            {
                continue;
            }
            let line_start = a == 0 || !self.same_line(a - 1);
            let dateline = self.info[a].dateline && line_start;
            let noun_before = a >= 2
                && self.word(a - 1) == "of"
                && self.word(a - 2).chars().all(char::is_lowercase)
                && self.lower_word_is(a - 2, PLACE_NOUNS);
            let noun_after = last + 1 < self.tokens.len()
                && self.word(last + 1).chars().all(char::is_lowercase)
                && self.lower_word_is(last + 1, PLACE_NOUNS);
            let lower_at = |i: usize, role: Role| {
                i < self.tokens.len()
                    && self.word(i).chars().all(char::is_lowercase)
                    && self.lower_word_is(i, role)
            };
            let org_cue = (a > 0 && lower_at(a - 1, ORG_CUES_BEFORE))
                || lower_at(last + 1, ORG_CUES_AFTER)
                || (last + 2 < self.tokens.len()
                    && matches!(self.word(last + 1), "'s" | "\u{2019}s")
                    && lower_at(last + 2, ORG_CUES_AFTER))
                || (last + 3 < self.tokens.len()
                    && self.word(last + 1) == "'"
                    && self.word(last + 2) == "s"
                    && lower_at(last + 3, ORG_CUES_AFTER));
            let (entity_type, via) = if dateline {
                (EntityType::Place, "rule:dateline")
            } else if noun_before || noun_after {
                (EntityType::Place, "rule:place_noun")
            } else if org_cue && !self.info[a].caps_line {
                (EntityType::Group, "rule:org_cue")
            } else {
                continue;
            };
            if taken.insert_if_free(span) {
                found.push(Found {
                    span,
                    entity_type,
                    entry: None,
                    via: via.into(),
                });
            }
        }
    }

    /// Team-sports copy: a headline naming a team sport (soccer, cricket, baseball, …).
    fn is_sports(&self) -> bool {
        let head_end = self.text.find('\n').unwrap_or(self.text.len()).min(200);
        let head = &self.text[..self.text.floor_char_boundary_compat(head_end)];
        head.split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| !w.is_empty() && self.words.contains(TEAM_SPORTS, w))
    }

    /// Index of the token starting at byte `start`.
    fn token_at(&self, start: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span.start < start);
        (i < self.tokens.len() && self.tokens[i].span.start == start).then_some(i)
    }

    /// Where a club's name stands in match reports and tables: "X beat Y", "Y v X",
    /// "X 2 Y 1", a table row "X 4 1 2 1 9 7 5"; never "in X" or a dateline.
    fn team_context(&self, span: Span) -> bool {
        let (Some(first), Some(last)) = (
            self.token_at(span.start),
            self.tokens
                .partition_point(|t| t.span.end < span.end)
                .into(),
        ) else {
            return false;
        };
        if self.dateline_line(first) || self.place_prep_before(first) {
            return false;
        }
        let prev = first.checked_sub(1).filter(|&p| self.same_line(p));
        let next = (last + 1 < self.tokens.len() && self.same_line(last)).then_some(last + 1);
        let is_number = |i: usize| self.word(i).bytes().all(|b| b.is_ascii_digit());
        // "Baltimore 's Eddie Murray": a club's player.
        let possessive = {
            let after = self.text[span.end..].trim_start_matches(' ');
            after.starts_with("'s ") || after.starts_with("\u{2019}s ")
        };
        if next.is_some_and(|n| self.lower_word_is(n, TEAM_VERBS))
            || prev.is_some_and(|p| self.lower_word_is(p, TEAM_VERBS_BEFORE))
            || possessive
        {
            return true;
        }
        next.is_some_and(is_number) && prev.is_none_or(is_number)
    }

    /// In team-sports copy, towns and counties stand for their clubs, and unknown names in
    /// results and tables are clubs; datelines and "in X" stay places.
    fn sports_teams(&self, found: &mut Vec<Found>, leftovers: &[(usize, usize)]) {
        for f in found.iter_mut() {
            let convert = match f.entity_type {
                EntityType::Place => f
                    .entry
                    .as_ref()
                    .is_none_or(|e| !e.is(&["country", "continent", "territory", "region"])),
                EntityType::Person => f.via == "rule:name_shape",
                EntityType::Group => false,
            };
            if convert && self.team_context(f.span) {
                f.entity_type = EntityType::Group;
                f.via = format!("{}+sports", f.via);
            }
        }
        let mut taken = SpanSet::default();
        for f in found.iter() {
            taken.insert_if_free(f.span);
        }
        for &(a, last) in leftovers {
            let span = self.span(a, last);
            let word_like = (a..=last).all(|i| {
                let w = self.word(i);
                w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 2
            });
            if !word_like
                || (a..=last).any(|i| {
                    self.lower_word_is(i, NOT_NAMES)
                        || self.lower_word_is(i, DEMONYMS)
                        || self.lower_word_is(i, PLAIN_ACRONYMS)
                })
                || !self.team_context(span)
                || !taken.insert_if_free(span)
            {
                continue;
            }
            found.push(Found {
                span,
                entity_type: EntityType::Group,
                entry: None,
                via: "rule:team".into(),
            });
        }
    }
}

trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}
