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

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;

use crate::document::{self, Candidate, EntityType, Span};
use crate::gazetteer::{EntryId, Gazetteer, GazetteerEntry, WordLists};
use crate::hash::{write_words, FastBuild};
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
    /// By list bit, the roles that list gives its words: a word is in few lists, so its roles
    /// are the union over its set bits.
    list_roles: [u32; 64],
}

impl Lexicon {
    fn new(words: &WordLists) -> Lexicon {
        let masks: Vec<u64> = ROLE_STEMS.iter().map(|stems| words.mask(stems)).collect();
        let mut list_roles = [0; 64];
        for (bit, roles) in list_roles.iter_mut().enumerate() {
            for (role, &mask) in masks.iter().enumerate() {
                if mask >> bit & 1 == 1 {
                    *roles |= 1 << role;
                }
            }
        }
        Lexicon {
            words: words.clone(),
            masks,
            list_roles,
        }
    }

    fn contains(&self, role: Role, word: &str) -> bool {
        self.words.lookup(word) & self.masks[role as usize] != 0
    }

    /// Every role `word` (any case) plays, from one lookup.
    fn roles_of(&self, word: &str) -> RoleSet {
        let mut lists = self.words.lookup(word);
        let mut roles = RoleSet::KNOWN;
        while lists != 0 {
            roles |= self.list_roles[lists.trailing_zeros() as usize];
            lists &= lists - 1;
        }
        RoleSet(roles)
    }
}

/// The roles of one word, a bit per `Role`, or not looked up yet.
#[derive(Clone, Copy, Default)]
struct RoleSet(u32);

impl RoleSet {
    /// Set once the word was looked up; the roles take the bits below.
    const KNOWN: u32 = 1 << 31;
    /// Looked up, no role: also what a number or punctuation plays.
    const NONE: RoleSet = RoleSet(RoleSet::KNOWN);

    fn known(self) -> Option<RoleSet> {
        (self.0 & RoleSet::KNOWN != 0).then_some(self)
    }

    fn has(self, role: Role) -> bool {
        self.0 & 1 << role as u32 != 0
    }

    /// True when the word plays any of `roles`: one test for the lot.
    fn has_any(self, roles: &[Role]) -> bool {
        self.0 & roles.iter().fold(0, |m, &r| m | 1 << r as u32) != 0
    }
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

/// What we know about one token, as bits: one byte per token, since a 10 MB text has two
/// million of them.
#[derive(Clone, Copy, Default)]
struct TokenInfo(u8);

impl TokenInfo {
    /// A word that may be part of a name (capitalised, outside a line in capitals).
    const NAMELIKE: u8 = 1;
    /// Inside a line written in capitals (headline, dateline).
    const CAPS_LINE: u8 = 2;
    /// The first word of its sentence or line.
    const INITIAL: u8 = 4;
    /// On a dateline: a short line that ends with a date ("LONDON 1996-08-30").
    const DATELINE: u8 = 8;
    /// A listed name starts here.
    const LISTED: u8 = 16;
    /// A line break lies between the token before and this one.
    const NEW_LINE: u8 = 32;
    /// A word (`TokenKind::Word`), so the rules need not read the token to know.
    const WORD: u8 = 64;

    fn is(self, flag: u8) -> bool {
        self.0 & flag != 0
    }

    fn set(&mut self, flag: u8, on: bool) {
        if on {
            self.0 |= flag;
        } else {
            self.0 &= !flag;
        }
    }

    fn namelike(self) -> bool {
        self.is(TokenInfo::NAMELIKE)
    }

    fn caps_line(self) -> bool {
        self.is(TokenInfo::CAPS_LINE)
    }

    fn initial(self) -> bool {
        self.is(TokenInfo::INITIAL)
    }

    fn dateline(self) -> bool {
        self.is(TokenInfo::DATELINE)
    }
}

/// The tokens with possessives split off ("Labour's" → "Labour", "'s"), so the possessive is
/// never part of a name. A view, not a copy (a 10 MB text has two million tokens): a byte per
/// position says whether it is a stem or a split-off tail and how many tails come before it
/// in its block of 64 positions; `before` counts the tails before each block.
struct Tokens<'t> {
    text: &'t str,
    base: &'t [Token],
    shape: Vec<u8>,
    before: Vec<usize>,
}

impl<'t> Tokens<'t> {
    /// `shape` bit: the word part of a split token.
    const STEM: u8 = 0x80;
    /// `shape` bit: the "'s" part of a split token.
    const TAIL: u8 = 0x40;
    /// `shape` bits: tails before this position in its block.
    const TAILS_BEFORE: u8 = 0x3f;

    fn new(text: &'t str, base: &'t [Token]) -> Tokens<'t> {
        let mut shape = Vec::with_capacity(base.len() + base.len() / 32);
        let mut before = Vec::with_capacity(base.len() / 64 + 1);
        let (mut tails, mut block_tails) = (0, 0);
        let mut push = |flags: u8, tails: usize| {
            if shape.len() % 64 == 0 {
                before.push(tails);
                block_tails = tails;
            }
            // At most 32 of a block's 64 positions are tails.
            shape.push(flags | (tails - block_tails) as u8);
        };
        for t in base {
            if possessive_cut(text, t).is_some() {
                push(Tokens::STEM, tails);
                push(Tokens::TAIL, tails);
                tails += 1;
            } else {
                push(0, tails);
            }
        }
        Tokens {
            text,
            base,
            shape,
            before,
        }
    }

    fn len(&self) -> usize {
        self.shape.len()
    }

    /// Token `j`.
    #[inline]
    fn get(&self, j: usize) -> Token {
        let shape = self.shape[j];
        let tails_before = self.before[j / 64] + usize::from(shape & Tokens::TAILS_BEFORE);
        // A tail comes from the token before it, which is one more tail back.
        let tail = usize::from(shape & Tokens::TAIL != 0);
        let t = self.base[j - tails_before - tail];
        if shape & (Tokens::STEM | Tokens::TAIL) == 0 {
            t
        } else {
            self.split(t, shape)
        }
    }

    /// The part of split token `t` at a position of `shape`; kept out of line, as few
    /// tokens are split and `get` runs for every token the rules look at.
    #[inline(never)]
    fn split(&self, t: Token, shape: u8) -> Token {
        let (stem, tail) = split_possessive(self.text, t);
        if shape & Tokens::TAIL != 0 {
            tail
        } else {
            stem
        }
    }

    /// Calls `f` with each token and its index, in order: a walk over the original tokens,
    /// cheaper than `get` for each.
    fn each(&self, mut f: impl FnMut(usize, Token)) {
        let mut base = self.base.iter();
        let mut current = None;
        for (j, &shape) in self.shape.iter().enumerate() {
            let t = if shape & Tokens::TAIL != 0 {
                let Some(t) = current else {
                    continue;
                };
                split_possessive(self.text, t).1
            } else {
                let Some(&t) = base.next() else {
                    return;
                };
                current = Some(t);
                if shape & Tokens::STEM != 0 {
                    split_possessive(self.text, t).0
                } else {
                    t
                }
            };
            // One call site, so `f` is inlined into the loop.
            f(j, t);
        }
    }

    /// The number of leading tokens for which `pred` holds (it must hold for a prefix).
    fn partition_point(&self, pred: impl Fn(Token) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.get(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// Length of the stem of a word token ending in a possessive ("Labour" of "Labour's").
#[inline]
fn possessive_cut(text: &str, t: &Token) -> Option<usize> {
    // Nearly every token ends in neither "s" nor "S": decide on that byte alone.
    let last = text.as_bytes().get(t.span().end.wrapping_sub(1));
    if t.kind != TokenKind::Word || !matches!(last, Some(b's' | b'S')) {
        return None;
    }
    let w = t.text(text);
    let stem = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("'S"))
        .or_else(|| w.strip_suffix("\u{2019}s"))?;
    (!stem.is_empty()).then_some(stem.len())
}

/// "Labour's" as "Labour" (a word) and "'s" (punctuation); other tokens as they are.
fn split_possessive(text: &str, t: Token) -> (Token, Token) {
    let span = t.span();
    let at = span.start + possessive_cut(text, &t).unwrap_or(span.len());
    (
        Token::new(Span::new(span.start, at), TokenKind::Word),
        Token::new(Span::new(at, span.end), TokenKind::Punct),
    )
}

/// How a mention was found, for its `via`: built as text only for the output.
#[derive(Clone, Copy, PartialEq)]
struct Via {
    how: How,
    /// Retyped as a club in sports copy ("+sports").
    sports: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum How {
    Rule(&'static str),
    /// A listed name, from the list of this entity.
    Gazetteer(EntryId),
    /// Recognised again from a name found elsewhere.
    Propagated(Name),
}

/// A name as the output writes it.
#[derive(Clone, Copy, PartialEq)]
enum Name {
    /// The listed entity's canonical name.
    Listed(EntryId),
    /// The text, with runs of whitespace as one space.
    Text(Span),
}

impl Via {
    fn rule(name: &'static str) -> Via {
        Via {
            how: How::Rule(name),
            sports: false,
        }
    }

    fn propagated(name: Name) -> Via {
        Via {
            how: How::Propagated(name),
            sports: false,
        }
    }

    /// The `via` text; `entry` is the mention's entity when already read.
    fn render(
        self,
        text: &str,
        gazetteer: &Gazetteer,
        entry: Option<(EntryId, GazetteerEntry)>,
        vias: &mut SharedVias,
    ) -> document::Via {
        let read = |id: EntryId| match entry {
            Some((known, e)) if known == id => e,
            _ => gazetteer.entry(id),
        };
        let (head, tail) = match self.how {
            How::Rule(rule) if !self.sports => return rule.into(),
            How::Rule(rule) => ("", rule),
            How::Gazetteer(id) => ("gazetteer:", read(id).list),
            How::Propagated(Name::Listed(id)) => ("propagated:", read(id).name),
            How::Propagated(Name::Text(span)) => ("propagated:", span.text(text)),
        };
        vias.make(|via| {
            via.push_str(head);
            if matches!(self.how, How::Propagated(Name::Text(_))) {
                push_canonical(via, tail);
            } else {
                via.push_str(tail);
            }
            if self.sports {
                via.push_str("+sports");
            }
        })
    }
}

/// The `via` texts made for one document, each shared by every mention found the same way.
struct SharedVias {
    made: HashSet<document::Via, FastBuild>,
    /// Where a text is written before it is looked up.
    buffer: String,
}

impl SharedVias {
    /// Room for `vias` texts (an article's mentions are found a dozen ways, give or take).
    fn with_capacity(vias: usize) -> SharedVias {
        SharedVias {
            made: HashSet::with_capacity_and_hasher(vias, FastBuild::default()),
            buffer: String::with_capacity(64),
        }
    }

    /// The text that `write` writes, made once.
    fn make(&mut self, write: impl FnOnce(&mut String)) -> document::Via {
        self.buffer.clear();
        write(&mut self.buffer);
        if let Some(made) = self.made.get(self.buffer.as_str()) {
            return made.clone();
        }
        let made = document::Via::from(self.buffer.clone());
        self.made.insert(made.clone());
        made
    }
}

/// Most names a document's name maps are sized for before they are filled. An article holds
/// fewer; a huge document repeats its names, so its maps grow to the distinct names they hold
/// rather than taking a slot per mention (18 MB for a 10 MB paragraph: 14k names, 88k mentions).
const PRESIZED_NAMES: usize = 1 << 12;

/// A decided name: its span, type and provenance.
struct Found {
    span: Span,
    entity_type: EntityType,
    entry: Option<EntryId>,
    via: Via,
}

/// A listed name that starts at a token: the gazetteer's match in token terms.
struct ListedMatch {
    first: usize,
    last: usize,
    span: Span,
    /// Its entities, in `ListedNames::ids`.
    ids: Range<usize>,
}

/// The gazetteer's matches in token order; few tokens start one, so they are kept apart
/// and found by binary search (`TokenInfo::LISTED` marks the tokens that have one).
#[derive(Default)]
struct ListedNames {
    matches: Vec<ListedMatch>,
    ids: Vec<EntryId>,
}

/// A listed name at a token, as the rules see it.
#[derive(Clone, Copy)]
struct Listed<'a> {
    /// Index of its last token.
    last: usize,
    span: Span,
    ids: &'a [EntryId],
}

struct Context<'a> {
    text: &'a str,
    tokens: Tokens<'a>,
    info: Vec<TokenInfo>,
    words: &'a Lexicon,
    gazetteer: &'a Gazetteer,
    listed: ListedNames,
    /// Per token, the roles of the word, once asked.
    roles: Vec<Cell<RoleSet>>,
}

impl NameRecognizer {
    /// A recognizer over the embedded word lists.
    pub fn new(words: &WordLists) -> NameRecognizer {
        NameRecognizer {
            lexicon: Lexicon::new(words),
        }
    }

    /// Names of people, groups and places, ordered by position, not overlapping.
    pub fn find<'a>(
        &self,
        text: &'a str,
        tokens: &[Token],
        sentences: &[Span],
        gazetteer: &'a Gazetteer,
    ) -> Vec<Candidate<'a>> {
        let words = &self.lexicon;
        let tokens = Tokens::new(text, tokens);
        let (info, roles, listed) = token_info(text, &tokens, sentences, words, gazetteer);
        let cx = Context {
            text,
            tokens,
            info,
            words,
            gazetteer,
            listed,
            roles,
        };
        let n = cx.tokens.len();
        let mut found = Vec::new();
        let mut leftovers = Vec::new();
        let mut i = 0;
        while i < n {
            if cx.info[i].namelike() {
                let end = cx.chunk_end(i);
                cx.decide(i, end, &mut found, &mut leftovers);
                i = end + 1;
            } else if let Some(m) = cx.listed_at(i) {
                if let Some(f) = cx.listed(i, m) {
                    found.push(f);
                    i = m.last + 1;
                } else {
                    if cx.info[i].caps_line() && cx.is_word(i) {
                        leftovers.push((i, i));
                    }
                    i += 1;
                }
            } else {
                if cx.info[i].caps_line() && cx.is_word(i) {
                    leftovers.push((i, i));
                }
                i += 1;
            }
        }
        // The spans taken by mentions, kept up to date as the passes below add mentions.
        let mut taken = SpanSet::of(found.iter().map(|f| f.span));
        cx.propagate(&mut found, &leftovers, &mut taken);
        cx.places_by_context(&mut found, &leftovers, &mut taken);
        if cx.is_sports() {
            cx.sports_teams(&mut found, &leftovers, taken);
        }
        // The per-token scratch goes before the candidates are made: on a huge document it is
        // as large as they are (16 MB for a 10 MB paragraph).
        drop((cx, leftovers));
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
        let mut vias = SharedVias::with_capacity(16);
        found
            .into_iter()
            .map(|f| f.into_candidate(text, gazetteer, &mut vias))
            .collect()
    }
}

impl Found {
    fn into_candidate<'a>(
        self,
        text: &'a str,
        gazetteer: &'a Gazetteer,
        vias: &mut SharedVias,
    ) -> Candidate<'a> {
        let entry = self.entry.map(|id| (id, gazetteer.entry(id)));
        let via = self.via.render(text, gazetteer, entry, vias);
        let listed = entry.map(|(_, e)| e);
        let kb_id = listed.and_then(|e| e.kb_id);
        // A name recognised again from one found elsewhere is named by it ("Clarke" → "Colin
        // Clarke"), unless its own listing gives it an id.
        let name = match (self.via.how, kb_id) {
            (How::Propagated(Name::Listed(id)), None) => Cow::Borrowed(gazetteer.entry(id).name),
            (How::Propagated(Name::Text(span)), None) => canonical_text(span.text(text)),
            _ => match listed {
                Some(e) => Cow::Borrowed(e.name),
                None => canonical_text(self.span.text(text)),
            },
        };
        Candidate {
            span: self.span,
            entity_type: self.entity_type,
            subtype: listed
                .and_then(|e| e.subtype)
                .filter(|_| listed.is_some_and(|e| e.entity_type == self.entity_type)),
            name,
            kb_id,
            via,
        }
    }
}

/// The text with runs of whitespace as one space; most names already are so.
fn canonical_text(s: &str) -> Cow<'_, str> {
    if is_canonical(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    push_canonical(&mut out, s);
    Cow::Owned(out)
}

/// True for ASCII text with single spaces between words, none at the ends.
fn is_canonical(s: &str) -> bool {
    let bytes = s.as_bytes();
    let space = |b: &u8| char::from(*b).is_whitespace();
    s.is_ascii()
        && !bytes.first().is_some_and(space)
        && !bytes.last().is_some_and(space)
        && !bytes
            .windows(2)
            .any(|w| space(&w[0]) && (w[0] != b' ' || space(&w[1])))
}

/// Appends `s` with runs of whitespace as one space.
fn push_canonical(out: &mut String, s: &str) {
    if is_canonical(s) {
        out.push_str(s);
        return;
    }
    let mut first = true;
    for word in s.split_whitespace() {
        if !first {
            out.push(' ');
        }
        first = false;
        out.push_str(word);
    }
}

/// Whitespace as `char::is_whitespace` has it in ASCII.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// True when `s` holds whitespace; a byte scan when `s` is ASCII, as nearly every name is.
fn has_whitespace(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes().any(is_ascii_space)
    } else {
        s.contains(char::is_whitespace)
    }
}

/// The words of a name as `split_whitespace` finds them: the first, second and last, and
/// whether there are more than two.
#[derive(Default)]
struct NameWords<'a> {
    first: Option<&'a str>,
    second: Option<&'a str>,
    more: bool,
    last: Option<&'a str>,
}

impl<'a> NameWords<'a> {
    /// The words of `s`; a byte scan when `s` is ASCII, as nearly every name is.
    fn of(s: &'a str) -> NameWords<'a> {
        let mut words = NameWords::default();
        if !s.is_ascii() {
            s.split_whitespace().for_each(|w| words.push(w));
            return words;
        }
        let bytes = s.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if is_ascii_space(bytes[at]) {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && !is_ascii_space(bytes[at]) {
                at += 1;
            }
            // ASCII throughout, so any byte is a char boundary.
            words.push(&s[start..at]);
        }
        words
    }

    fn push(&mut self, word: &'a str) {
        if self.first.is_none() {
            self.first = Some(word);
        } else if self.second.is_none() {
            self.second = Some(word);
        } else {
            self.more = true;
        }
        self.last = Some(word);
    }
}

/// A string compared and hashed as its lower case (`str::to_lowercase`), so a map keyed by
/// names needs no lower-cased copies.
#[derive(Clone, Copy)]
struct Caseless<'a>(&'a str);

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.0.is_ascii() && other.0.is_ascii() {
            self.0.eq_ignore_ascii_case(other.0)
        } else {
            self.0.to_lowercase() == other.0.to_lowercase()
        }
    }
}

impl Eq for Caseless<'_> {}

impl Hash for Caseless<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Both branches feed the lower-case bytes, so equal keys hash alike; `to_lowercase`
        // never gives an ASCII capital, so lower-casing its bytes again changes nothing.
        let lower;
        let bytes = if self.0.is_ascii() {
            self.0.as_bytes()
        } else {
            lower = self.0.to_lowercase();
            lower.as_bytes()
        };
        write_words(bytes, |b| b.to_ascii_lowercase(), state);
    }
}

/// True when a word is written in capitals throughout ("NATO", "ISIS-K").
fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase)
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

/// Tells, one token at a time, whether a line is a headline in title case ("Officials Have
/// Issued a Terrorist Threat"): most capitalised words are common words and hardly any word
/// is in lower case, unlike a list of names.
#[derive(Default)]
struct TitleCase {
    tokens: usize,
    capitalised: usize,
    common: usize,
    /// A word in lower case: no headline. Most lines are prose and stop counting at once.
    prose: bool,
}

impl TitleCase {
    /// Counts the next token of the line, which is not a word.
    #[inline]
    fn push_other(&mut self) {
        self.tokens += 1;
    }

    /// Counts the next token of the line, word `t`; `roles` are known for capitalised words
    /// only.
    #[inline]
    fn push_word(&mut self, text: &str, t: Token, roles: RoleSet) {
        self.tokens += 1;
        if self.prose {
            return;
        }
        let w = t.text(text);
        // The seed format's header line: "date 2021-08-27 Title".
        if self.tokens == 1 && w == "date" {
            return;
        }
        if let Some(roles) = roles.known() {
            self.capitalised += 1;
            if roles.has(NOT_NAMES) && !is_all_caps(w) {
                self.common += 1;
            }
        } else if !FUNCTION_WORDS.contains(&w) {
            self.prose = true;
        }
    }

    fn is_title_case(&self) -> bool {
        !self.prose && self.common >= 3 && self.common * 2 >= self.capitalised
    }
}

/// Short words that headlines in title case leave in lower case.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "of", "on", "or", "the", "to",
    "vs", "with",
];

/// True when `line` has at least two capitals and more than four times as many capitals as
/// lower-case letters. Stops as soon as lower case makes that impossible (a fifth of the
/// line), which on prose is early: this runs over the whole text.
fn mostly_capitals(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut lower = 0;
    // Whole ASCII chunks between checks, so the counting loop stays simple; lower case only
    // grows, so stopping at any point answers as the whole line would.
    let mut at = 0;
    for chunk in bytes.chunks(64) {
        if !chunk.is_ascii() {
            break;
        }
        lower += chunk.iter().filter(|b| b.is_ascii_lowercase()).count();
        if lower * 5 >= bytes.len() {
            return false;
        }
        at += chunk.len();
    }
    // All before `at` is ASCII, so it is a char boundary.
    for c in line[at..].chars() {
        lower += usize::from(c.is_lowercase());
        if lower * 5 >= bytes.len() {
            return false;
        }
    }
    // Capitals are counted only on lines that get this far: few do.
    let upper = line.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2 && lower * 4 < upper
}

/// What each token is, the roles of each capitalised word (looked up once here; the rules
/// read them from the same cache), and the listed names.
// Out of line, as each pass after it: called once per document, and profiles show it apart.
#[inline(never)]
fn token_info(
    text: &str,
    tokens: &Tokens,
    sentences: &[Span],
    words: &Lexicon,
    gazetteer: &Gazetteer,
) -> (Vec<TokenInfo>, Vec<Cell<RoleSet>>, ListedNames) {
    let n = tokens.len();
    let mut info = vec![TokenInfo::default(); n];
    // Cleared at once: only capitalised words get roles here.
    let roles = vec![Cell::new(RoleSet::default()); n];
    let bytes = text.as_bytes();
    // Lines in capitals: few lower-case letters among many capitals.
    let line_end_from = |start: usize| text[start..].find('\n').map_or(text.len(), |e| start + e);
    let mut line = Span::new(0, line_end_from(0));
    let mut line_first = 0;
    let mut title_case = TitleCase::default();
    let mut listed = ListedNames::default();
    let mut matcher = gazetteer.matcher();
    let mut sentence = 0;
    // The end of the current sentence, unless it is the last (which runs to the end).
    let end_before_last = |k: usize| {
        if k + 1 < sentences.len() {
            sentences[k].end
        } else {
            usize::MAX
        }
    };
    let mut sentence_end = end_before_last(0);
    let mut seen_word = false;
    // One pass: whether a line is in capitals is known only at its end, so words are marked
    // name-like as if it were not, and `mark_line` takes the mark back from a line in capitals.
    tokens.each(|i, t| {
        let span = t.span();
        if span.start >= line.end {
            mark_line(&mut info[line_first..i], line.text(text), &title_case);
            while span.start >= line.end {
                line = Span::new(line.end + 1, line_end_from(line.end + 1));
            }
            line_first = i;
            title_case = TitleCase::default();
            // A new line: tokens hold no whitespace, so a line break lies before this one.
            info[i].set(TokenInfo::NEW_LINE, true);
            seen_word = false;
        }
        while span.start >= sentence_end {
            sentence += 1;
            sentence_end = end_before_last(sentence);
            seen_word = false;
        }
        if t.kind != TokenKind::Word {
            title_case.push_other();
            return;
        }
        info[i].set(TokenInfo::WORD, true);
        // Most words start with an ASCII letter: decode the first char only for the others.
        let capitalised = match bytes[span.start] {
            b if b.is_ascii() => b.is_ascii_uppercase(),
            _ => t.text(text).starts_with(char::is_uppercase),
        };
        let r = if capitalised {
            let r = words.roles_of(t.text(text));
            roles[i].set(r);
            r
        } else {
            RoleSet::default()
        };
        title_case.push_word(text, t, r);
        if let Some((end, ids)) = matcher.longest_at(text, span) {
            let mut last = i;
            while last + 1 < n && tokens.get(last + 1).span().end <= end {
                last += 1;
            }
            let from = listed.ids.len();
            listed.ids.extend_from_slice(ids);
            listed.matches.push(ListedMatch {
                first: i,
                last,
                span: Span::new(span.start, end),
                ids: from..listed.ids.len(),
            });
            info[i].set(TokenInfo::LISTED, true);
        }
        info[i].set(TokenInfo::INITIAL, !seen_word);
        seen_word = true;
        if !capitalised {
            return;
        }
        let w = t.text(text);
        let common_opener =
            info[i].initial() && r.has(NOT_NAMES) && !is_all_caps(w) && !r.has(TITLES);
        info[i].set(TokenInfo::NAMELIKE, !r.has(TIME_WORDS) && !common_opener);
    });
    mark_line(&mut info[line_first..], line.text(text), &title_case);
    (info, roles, listed)
}

/// Marks the tokens of `line` as on a line in capitals or a dateline.
fn mark_line(info: &mut [TokenInfo], line: &str, title_case: &TitleCase) {
    if info.is_empty() {
        return;
    }
    let caps = mostly_capitals(line) || title_case.is_title_case();
    let dateline = is_dateline(line);
    // Nothing to take back on most lines: the marks start cleared and each line is marked once.
    if !caps && !dateline {
        return;
    }
    for t in info {
        t.set(TokenInfo::CAPS_LINE, caps);
        t.set(TokenInfo::DATELINE, dateline);
        if caps {
            t.set(TokenInfo::NAMELIKE, false);
        }
    }
}

impl Context<'_> {
    #[inline]
    fn token(&self, i: usize) -> Token {
        self.tokens.get(i)
    }

    #[inline]
    fn word(&self, i: usize) -> &str {
        self.token(i).text(self.text)
    }

    /// True when token `i` is a word.
    #[inline]
    fn is_word(&self, i: usize) -> bool {
        self.info[i].is(TokenInfo::WORD)
    }

    /// True when word `i` is in the role's lists. One lookup per token gives every role it
    /// plays; the rules ask about the same words many times.
    /// Inline for the cached answer, which most asks get; the lookup stays out of line.
    #[inline]
    fn lower_word_is(&self, i: usize, role: Role) -> bool {
        self.roles(i).has(role)
    }

    /// Every role word `i` plays, from the cache.
    #[inline]
    fn roles(&self, i: usize) -> RoleSet {
        match self.roles[i].get().known() {
            Some(roles) => roles,
            None => self.look_up_roles(i),
        }
    }

    /// Looks up and caches the roles of token `i`.
    #[inline(never)]
    fn look_up_roles(&self, i: usize) -> RoleSet {
        let t = self.token(i);
        let roles = if t.kind == TokenKind::Word {
            self.words.roles_of(t.text(self.text))
        } else {
            RoleSet::NONE
        };
        self.roles[i].set(roles);
        roles
    }

    /// The listed name starting at token `i`.
    fn listed_at(&self, i: usize) -> Option<Listed<'_>> {
        if !self.info.get(i)?.is(TokenInfo::LISTED) {
            return None;
        }
        let matches = &self.listed.matches;
        let m = &matches[matches.binary_search_by_key(&i, |m| m.first).ok()?];
        Some(Listed {
            last: m.last,
            span: m.span,
            ids: &self.listed.ids[m.ids.clone()],
        })
    }

    /// True when only spaces (no line break) separate tokens `i` and `i + 1`.
    #[inline]
    fn same_line(&self, i: usize) -> bool {
        !self.info[i + 1].is(TokenInfo::NEW_LINE)
    }

    /// Index of the last token of the chunk starting at `start`.
    fn chunk_end(&self, start: usize) -> usize {
        let t = &self.tokens;
        let mut end = start;
        let mut joined_of = false;
        loop {
            let next = end + 1;
            if next >= t.len() || !self.same_line(end) {
                break;
            }
            if self.info[next].namelike() {
                end = next;
                continue;
            }
            let word = self.word(next);
            // An initial: "George W. Bush".
            if word == "."
                && self.word(end).chars().count() == 1
                && self.info[end].namelike()
                && self.text[t.get(end).span().end..t.get(next).span().start].is_empty()
                && next + 1 < t.len()
                && self.info[next + 1].namelike()
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
                if k < t.len() && k > next && self.info[k].namelike() && self.same_line(k - 1) {
                    end = k;
                    continue;
                }
            }
            let joins = match word {
                "of" | "for" => true,
                "and" | "&" => joined_of || word == "&",
                _ => false,
            };
            if joins && next + 1 < t.len() && self.info[next + 1].namelike() && self.same_line(next)
            {
                joined_of |= matches!(word, "of" | "for");
                end = next + 1;
                continue;
            }
            break;
        }
        // A listed name that starts inside the chunk may end after it ("U.S.", "St. Louis").
        let mut i = start;
        while i <= end {
            if let Some(m) = self.listed_at(i) {
                end = end.max(m.last);
            }
            i += 1;
        }
        end
    }

    #[inline]
    fn span(&self, first: usize, last: usize) -> Span {
        Span::new(self.token(first).span().start, self.token(last).span().end)
    }

    fn is_title(&self, i: usize) -> bool {
        if self.lower_word_is(i, TITLES) {
            return true;
        }
        // "Vice-President": the rank after the last hyphen. A byte scan: words are short and
        // few have a hyphen.
        let t = self.token(i);
        let word = t.text(self.text);
        t.kind == TokenKind::Word
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
            // Bytes, not a `str`: slicing one checks char boundaries, on every name.
            let s = self.token(j).span();
            if self.text.as_bytes().get(s.start..s.end) != Some(b".") {
                return self.is_title(j);
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
            && self.listed_at(n + 1).is_some_and(|m| {
                m.ids
                    .iter()
                    .any(|&id| self.gazetteer.entry(id).is(&["state", "country"]))
            })
    }

    fn dateline_line(&self, i: usize) -> bool {
        self.info[i].dateline()
    }

    /// Chooses among a listed name's readings by context; `None` drops the match.
    fn listed(&self, first: usize, m: Listed) -> Option<Found> {
        let last = m.last;
        let surface = m.span.text(self.text);
        if !surface.chars().any(char::is_uppercase) {
            return None;
        }
        // "May 15" is a date, whatever a list says.
        if self.lower_word_is(first, TIME_WORDS) {
            return None;
        }
        // Demonyms and nationalities are not places ("Afghan civilians").
        // A name of one token has its roles cached already.
        let t = self.token(first);
        let roles = if first == last && t.kind == TokenKind::Word && t.span() == m.span {
            self.roles(first)
        } else {
            self.words.roles_of(surface)
        };
        if roles.has(DEMONYMS) {
            return None;
        }
        if first == last && !is_all_caps(surface) && roles.has(NOT_NAMES) {
            return None;
        }
        let (id, entry) = self.choose(first, last, m.ids)?;
        // Lists of names that are also common words or surnames need a place context.
        if entry.list.ends_with("ambiguous") && !self.place_context(first, last) {
            return None;
        }
        Some(Found {
            span: m.span,
            entity_type: entry.entity_type,
            entry: Some(id),
            via: Via {
                how: How::Gazetteer(id),
                sports: false,
            },
        })
    }

    /// The reading of a listed name that context favours, with its entity.
    fn choose(
        &self,
        first: usize,
        last: usize,
        ids: &[EntryId],
    ) -> Option<(EntryId, GazetteerEntry<'_>)> {
        // The first reading of each type, in one pass.
        let (mut person, mut place, mut group) = (None, None, None);
        for &id in ids {
            let entry = self.gazetteer.entry(id);
            let of_type = match entry.entity_type {
                EntityType::Person => &mut person,
                EntityType::Place => &mut place,
                EntityType::Group => &mut group,
            };
            of_type.get_or_insert((id, entry));
        }
        let pick = if person.is_some() && (self.title_before(first) || self.said_after(last)) {
            person
        } else if place.is_some() && self.place_prep_before(first) {
            place
        } else {
            place.or(group).or(person)
        };
        pick.or_else(|| ids.first().map(|&id| (id, self.gazetteer.entry(id))))
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
        if (self.info[first].initial() || matches!(self.word(first), "The" | "A" | "An"))
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
        let words_from_start = (start..=last).filter(|&i| self.is_word(i)).count();
        if words_from_start >= 2 && self.lower_word_is(last, MISC_WORDS) {
            return;
        }
        if words_from_start >= 2 && self.lower_word_is(last, ORG_WORDS) {
            found.push(Found {
                span: self.span(start, last),
                entity_type: EntityType::Group,
                entry: None,
                via: Via::rule("rule:org_suffix"),
            });
            return;
        }
        // "Brazilian-born Luis Oliveira", "Ex-Yankee Randy Velarde": a describing compound.
        // ... and a nationality before a name: "American Dennis Mitchell".
        while start < last
            && (self.is_describing_compound(start)
                || (self.lower_word_is(start, DEMONYMS) && self.is_word(start + 1)))
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
                let name_words = (k + 1..=last).filter(|&i| self.is_word(i)).count();
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
        let n_words = (a..=last).filter(|&i| self.is_word(i)).count();
        let span = self.span(a, last);
        let push = |found: &mut Vec<Found>, t: EntityType, via: &'static str| {
            found.push(Found {
                span,
                entity_type: t,
                entry: None,
                via: Via::rule(via),
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
                    via: Via::rule("rule:title"),
                });
            } else {
                found.push(f);
            }
            return;
        }
        let span = self.span(a, last);
        let n_words = (a..=last).filter(|&i| self.is_word(i)).count();
        let person = |via: &'static str| Found {
            span,
            entity_type: EntityType::Person,
            entry: None,
            via: Via::rule(via),
        };
        let first_name = self.lower_word_is(a, FIRST_NAMES) && !is_all_caps(self.word(a));
        let misc = (a..=last).any(|i| self.roles(i).has_any(&[DEMONYMS, MISC_WORDS]));
        if (2..=4).contains(&n_words) && first_name && !misc {
            found.push(person("rule:first_name"));
            return;
        }
        // "Novelist Andrea Levy", "Fullback Andre Joubert": an unknown role word before a
        // first name and surname.
        if n_words == 3
            && !misc
            && self.is_word(a + 1)
            && self.lower_word_is(a + 1, FIRST_NAMES)
            && self.listed_at(a).is_none()
        {
            found.push(Found {
                span: self.span(a + 1, last),
                entity_type: EntityType::Person,
                entry: None,
                via: Via::rule("rule:first_name"),
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
            if let Some(m) = self.listed_at(i) {
                if m.last <= last {
                    if let Some(f) = self.listed(i, m) {
                        if rest_start < i {
                            self.decide(rest_start, i - 1, found, leftovers);
                        }
                        found.push(f);
                        i = m.last + 1;
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
            if let Some(m) = self.listed_at(i) {
                if m.last <= last {
                    // Only a leading place: "Jeff Wilson", "Elia Kazan" end in town names.
                    if i != a
                        || m.last == last
                        || !m.ids.iter().any(|&id| {
                            let e = self.gazetteer.entry(id);
                            e.entity_type == EntityType::Place && !e.list.ends_with("ambiguous")
                        })
                    {
                        return None;
                    }
                    place = Some((i, m.last));
                    i = m.last + 1;
                    continue;
                }
            }
            let w = self.word(i);
            let plain = self.is_word(i)
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                && !is_all_caps(w)
                && !self.roles(i).has_any(&[
                    FIRST_NAMES,
                    TITLES,
                    NOT_NAMES,
                    DEMONYMS,
                    MISC_WORDS,
                    PLACE_WORDS,
                ]);
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
            via: Via::rule("rule:place_org"),
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
        // The word tokens of the run, walked again as needed rather than collected.
        let words = || (a..=last).filter(|&i| self.is_word(i));
        let n_words = words().count();
        if n_words == 0 {
            return;
        }
        let single = n_words == 1;
        let word = self.word(a);
        let mk = |t: EntityType, via: &'static str| Found {
            span,
            entity_type: t,
            entry: None,
            via: Via::rule(via),
        };
        if single {
            if let Some(stem) = word.strip_suffix("-based") {
                let s = Span::new(span.start, span.start + stem.len());
                found.push(Found {
                    span: s,
                    entity_type: EntityType::Place,
                    entry: None,
                    via: Via::rule("rule:based"),
                });
                return;
            }
            if word.chars().count() < 2
                || (self.lower_word_is(a, NOT_NAMES) && !is_all_caps(word))
                || self.lower_word_is(a, DEMONYMS)
            {
                return;
            }
            if self.info[a].initial() {
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
        if words().any(|i| self.roles(i).has_any(&[DEMONYMS, MISC_WORDS])) {
            return;
        }
        // "Trade and Industry Secretary", "Finance Minister": a role, not a name.
        if self.is_title(last) || self.lower_word_is(last, TITLE_WORDS) {
            return;
        }
        // Unknown capitalised words that are also common words are product names, titles of
        // works or slogans more often than people ("Internet Explorer", "Bupa Great").
        if n_words <= 3
            && words().all(|i| !is_all_caps(self.word(i)) || self.word(i).len() == 1)
            && !words().any(|i| self.is_common(i))
        {
            found.push(mk(EntityType::Person, "rule:name_shape"));
            return;
        }
        leftovers.push((a, last));
    }

    /// The gazetteer match covering exactly tokens `[first, last]`, if it is kept.
    fn listed_exactly(&self, first: usize, last: usize) -> Option<Found> {
        let m = self.listed_at(first)?;
        if m.last != last {
            return None;
        }
        self.listed(first, m)
    }

    /// Recognises again, in left-over words, the names found elsewhere in the document; a
    /// surname alone takes its full name's person ("Clarke" → "Colin Clarke").
    #[inline(never)]
    fn propagate(&self, found: &mut Vec<Found>, leftovers: &[(usize, usize)], taken: &mut SpanSet) {
        // Sized once for an article: growing would hash every key again, a byte at a time.
        let mut known: HashMap<Caseless, usize, FastBuild> = HashMap::with_capacity_and_hasher(
            (found.len() * 2).min(PRESIZED_NAMES),
            FastBuild::default(),
        );
        // By mention, the last word of a name of two words or more: the surname map below
        // wants it again.
        let mut surnames = Vec::with_capacity(found.len());
        for (k, f) in found.iter().enumerate() {
            let surface = f.span.text(self.text);
            known.entry(Caseless(surface)).or_insert(k);
            let NameWords {
                first: head,
                second,
                more,
                last,
            } = NameWords::of(surface);
            surnames.push(last.filter(|_| second.is_some()));
            if f.entity_type == EntityType::Person && second.is_some() {
                if let Some(last) = last {
                    known.entry(Caseless(last)).or_insert(k);
                }
            }
            // "the Soufan Group" … "Soufan": an organisation without its suffix word.
            if let (EntityType::Group, Some(head), Some(second), false) =
                (f.entity_type, head, second, more)
            {
                // The head's roles from one lookup, once the suffix fits.
                let plain_head = || {
                    let roles = self.words.roles_of(head);
                    ![NOT_NAMES, FIRST_NAMES, DEMONYMS]
                        .iter()
                        .any(|&role| roles.has(role))
                };
                if self.words.contains(ORG_WORDS, second) && plain_head() {
                    known.entry(Caseless(head)).or_insert(k);
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
            if has_whitespace(surface) {
                continue;
            }
            if let Some(&p) = known.get(&Caseless(surface)) {
                if p != k && found[p].entity_type == EntityType::Person {
                    let (name, span) = (found[p].span, found[k].span);
                    found[k] = Found {
                        span,
                        entity_type: EntityType::Person,
                        entry: None,
                        via: Via::propagated(Name::Text(name)),
                    };
                }
            }
        }
        for &(a, last) in leftovers {
            // Try the whole run, then each word.
            let whole = self.span(a, last);
            let words = (a..=last)
                .filter(|_| a != last)
                .map(|i| self.token(i).span());
            for span in std::iter::once(whole).chain(words) {
                let surface = span.text(self.text);
                let Some(&k) = known.get(&Caseless(surface)) else {
                    continue;
                };
                if !taken.insert_if_free(span) {
                    continue;
                }
                let source = &found[k];
                let name = match source.entry {
                    Some(id) => Name::Listed(id),
                    None => Name::Text(source.span),
                };
                found.push(Found {
                    span,
                    entity_type: source.entity_type,
                    entry: source.entry,
                    via: Via::propagated(name),
                });
            }
        }
        // A person mention of a surname alone points at the full name, listed or not.
        let mut full: HashMap<Caseless, (Name, Option<EntryId>), FastBuild> =
            HashMap::with_capacity_and_hasher(
                found.len().min(PRESIZED_NAMES),
                FastBuild::default(),
            );
        for (k, f) in found.iter().enumerate() {
            if f.entity_type != EntityType::Person {
                continue;
            }
            // Mentions from the leftovers came after the surnames were taken.
            let surname = surnames.get(k).copied().unwrap_or_else(|| {
                let words = NameWords::of(f.span.text(self.text));
                words.last.filter(|_| words.second.is_some())
            });
            if let Some(last) = surname {
                full.entry(Caseless(last)).or_insert_with(|| {
                    let name = match f.entry {
                        Some(id) => Name::Listed(id),
                        None => Name::Text(f.span),
                    };
                    (name, f.entry)
                });
            }
        }
        for f in found.iter_mut() {
            let surface = f.span.text(self.text);
            if f.entity_type == EntityType::Person && !has_whitespace(surface) {
                if let Some(&(name, entry)) = full.get(&Caseless(surface)) {
                    f.via = Via::propagated(name);
                    if entry.is_some() {
                        f.entry = entry;
                    }
                }
            }
        }
    }

    /// Unknown names that context makes places: the town on a dateline ("TOFTIR , Faroe
    /// Islands 1996-08-31"), "the village of X", "X province".
    #[inline(never)]
    fn places_by_context(
        &self,
        found: &mut Vec<Found>,
        leftovers: &[(usize, usize)],
        taken: &mut SpanSet,
    ) {
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
            let dateline = self.info[a].dateline() && line_start;
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
            } else if org_cue && !self.info[a].caps_line() {
                (EntityType::Group, "rule:org_cue")
            } else {
                continue;
            };
            if taken.insert_if_free(span) {
                found.push(Found {
                    span,
                    entity_type,
                    entry: None,
                    via: Via::rule(via),
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
        let i = self.tokens.partition_point(|t| t.span().start < start);
        (i < self.tokens.len() && self.token(i).span().start == start).then_some(i)
    }

    /// Where a club's name stands in match reports and tables: "X beat Y", "Y v X",
    /// "X 2 Y 1", a table row "X 4 1 2 1 9 7 5"; never "in X" or a dateline.
    fn team_context(&self, span: Span) -> bool {
        let (Some(first), Some(last)) = (
            self.token_at(span.start),
            self.tokens
                .partition_point(|t| t.span().end < span.end)
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
    fn sports_teams(
        &self,
        found: &mut Vec<Found>,
        leftovers: &[(usize, usize)],
        mut taken: SpanSet,
    ) {
        for f in found.iter_mut() {
            let convert = match f.entity_type {
                EntityType::Place => f.entry.as_ref().is_none_or(|&id| {
                    !self
                        .gazetteer
                        .entry(id)
                        .is(&["country", "continent", "territory", "region"])
                }),
                EntityType::Person => f.via == Via::rule("rule:name_shape"),
                EntityType::Group => false,
            };
            if convert && self.team_context(f.span) {
                f.entity_type = EntityType::Group;
                f.via.sports = true;
            }
        }
        // Retyping left every span as it was: `taken` still holds them.
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
                via: Via::rule("rule:team"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    /// The tokens with possessives split, as a plain copy.
    fn split_copy(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        for t in tokenize(text) {
            if possessive_cut(text, &t).is_some() {
                let (stem, tail) = split_possessive(text, t);
                out.extend([stem, tail]);
            } else {
                out.push(t);
            }
        }
        out
    }

    #[test]
    fn token_view_splits_possessives_like_a_copy() {
        let long = "Labour's plan and the BBC\u{2019}s report, it's Smith's. ".repeat(40);
        for text in [
            "Labour's leader",
            "LABOUR'S LEADER",
            "the BBC\u{2019}s report",
            "a lone 's and 'S",
            "Jones'",
            "",
            long.as_str(),
        ] {
            let base = tokenize(text);
            let tokens = Tokens::new(text, &base);
            let copy = split_copy(text);
            assert_eq!(tokens.len(), copy.len(), "{text:?}");
            let got: Vec<Token> = (0..tokens.len()).map(|j| tokens.get(j)).collect();
            assert_eq!(got, copy, "{text:?}");
            let mut walked = Vec::new();
            tokens.each(|j, t| walked.push((j, t)));
            assert_eq!(walked, copy.into_iter().enumerate().collect::<Vec<_>>());
        }
    }

    #[test]
    fn caseless_keys_compare_and_hash_as_lower_case() {
        use std::hash::BuildHasher;
        let hash = |s: &str| FastBuild::default().hash_one(Caseless(s));
        for (a, b, equal) in [
            ("Clarke", "clarke", true),
            ("CLARKE", "Clarke", true),
            ("\u{212a}im", "kim", true),
            ("Zürich", "ZÜRICH", true),
            ("Clark", "Clarke", false),
            ("Zurich", "Zürich", false),
        ] {
            assert_eq!(Caseless(a) == Caseless(b), equal, "{a} / {b}");
            assert_eq!(a.to_lowercase() == b.to_lowercase(), equal, "{a} / {b}");
            if equal {
                assert_eq!(hash(a), hash(b), "{a} / {b}");
            }
        }
    }

    #[test]
    fn canonical_text_collapses_whitespace() {
        for (text, canonical) in [
            ("Colin Clarke", "Colin Clarke"),
            ("Islamic\nState", "Islamic State"),
            ("United  States", "United States"),
            (" BBC ", "BBC"),
            ("Tab\tName", "Tab Name"),
            ("V\u{b}T", "V T"),
            ("São\u{a0}Paulo", "São Paulo"),
            ("", ""),
        ] {
            assert_eq!(canonical_text(text), canonical, "{text:?}");
        }
    }

    #[test]
    fn lines_mostly_in_capitals() {
        for (line, caps) in [
            ("LONDON 1996-08-30", true),
            ("ARLINGTON , Texas 1996-08-31", false),
            ("TOFTIR , FAROE ISLANDS 1996-08-31", true),
            ("ÉTÉ À PARIS", true),
            ("Officials said on Monday", false),
            ("A", false),
            ("", false),
            ("NATO and the EU", false),
        ] {
            assert_eq!(mostly_capitals(line), caps, "{line}");
            let upper = line.chars().filter(|c| c.is_uppercase()).count();
            let lower = line.chars().filter(|c| c.is_lowercase()).count();
            assert_eq!(upper >= 2 && lower * 4 < upper, caps, "{line}");
        }
    }
}
