//! The shared document model every stage reads and extends.
//!
//! All offsets here are **byte** offsets into the original text (end exclusive); the output
//! stage converts them to the character offsets of the wire contract.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// A half-open byte range `[start, end)` into the document text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// What kind of thing an entity is, as the output contract names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    Person,
    Group,
    Place,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Group => "group",
            EntityType::Place => "place",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        match s {
            "person" => Some(EntityType::Person),
            "group" => Some(EntityType::Group),
            "place" => Some(EntityType::Place),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One occurrence of an entity in the text.
///
/// What the mention says about its entity (type, name, ids) is held once, by the [`Entity`]:
/// a huge document has hundreds of thousands of mentions.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub span: Span,
    /// Which list or rule produced this mention (provenance for `--explain` and debugging):
    /// `gazetteer:<list>`, `rule:<name>`, `propagated:<name>`.
    pub via: Via,
    /// A name, or a pronoun or description that a claim's source resolved to the entity.
    pub kind: MentionKind,
}

/// What a mention is: the entity's name, or a pronoun ("she") or description ("the senator")
/// standing for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MentionKind {
    #[default]
    Name,
    Pronoun,
    Description,
}

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Pronoun => "pronoun",
            MentionKind::Description => "description",
        }
    }

    /// The kind as output writes it: names, the default, are written without one.
    pub fn written(self) -> Option<&'static str> {
        (self != MentionKind::Name).then(|| self.as_str())
    }
}

/// A name found in the text, and what the recogniser knows of the entity it names: the input
/// of resolution, which chooses among overlapping candidates and groups the rest into
/// entities. Its strings are borrowed from the text or the gazetteer, so finding a name
/// allocates nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate<'a> {
    pub span: Span,
    pub entity_type: EntityType,
    /// Finer type from the gazetteer (`country`, `militant`, `media`, …), when known.
    pub subtype: Option<&'a str>,
    /// Canonical name of the entity this candidate refers to.
    pub name: Cow<'a, str>,
    /// Knowledge-base id (`wikidata:Q…`, `geonames:…`) when the gazetteer knows it.
    pub kb_id: Option<&'a str>,
    /// Which list or rule produced this candidate; becomes the mention's `via`.
    pub via: Via,
}

/// One real-world thing and every mention of it, in text order.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub entity_type: EntityType,
    pub subtype: Option<String>,
    pub name: String,
    pub kb_id: Option<String>,
    pub mentions: Vec<Mention>,
}

/// Which list or rule produced a result, as `--explain` writes it (`rule:title`,
/// `gazetteer:places_cities`, `figure:money`, `propagated:Colin Clarke`). Reads as a `&str`.
///
/// Cheap to make and to clone: a rule's static name is not copied, and a text built at run
/// time is shared by every result found the same way (make it once per document and clone it),
/// so a document's thousands of mentions do not each own a copy.
#[derive(Clone)]
pub struct Via(ViaText);

#[derive(Clone)]
enum ViaText {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Via {
    /// The text, however it is held.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            ViaText::Static(s) => s,
            ViaText::Shared(s) => s,
        }
    }
}

impl Deref for Via {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Via {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for Via {
    fn from(s: &'static str) -> Via {
        Via(ViaText::Static(s))
    }
}

/// A text made at run time, to be shared through clones.
impl From<String> for Via {
    fn from(s: String) -> Via {
        Via(ViaText::Shared(s.into()))
    }
}

// Equality and hashing are the text's, however it is held (`Borrow<str>` requires it).
impl PartialEq for Via {
    fn eq(&self, other: &Via) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Via {}

impl PartialEq<str> for Via {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Via {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Hash for Via {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Via {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Via {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a figure's value is hedged or bounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    About,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    Range,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::About => "about",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::Range => "range",
        }
    }
}

/// A numeric quantity normalised to numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The whole expression, hedge and counted noun included ("at least 250 incidents").
    pub span: Span,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<Qualifier>,
    /// True for hedged or vague amounts ("about", "nearly", "a few thousand", "dozens of").
    pub approximate: bool,
    /// The counted noun or unit: `incidents`, `USD`, `percent`.
    pub unit: Option<String>,
    /// Index into `Document::times` of the time expression scoping the figure ("250
    /// incidents between January 2017 and 2018").
    pub period: Option<usize>,
    pub via: Via,
}

/// How a claim is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    /// Entirely inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Reported speech that quotes part of the words.
    Mixed,
    /// "According to X, …".
    AccordingTo,
    /// A claim of responsibility ("claimed responsibility for …").
    Responsibility,
    /// A figure-bearing statement in the writer's own voice.
    Unattributed,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Indirect => "indirect",
            ClaimKind::Mixed => "mixed",
            ClaimKind::AccordingTo => "according_to",
            ClaimKind::Responsibility => "responsibility",
            ClaimKind::Unattributed => "unattributed",
        }
    }
}

/// What a claim's cue reports, the output's `cue.class` (issue 13): users who count speech
/// only drop the rest. Each cue word's class is in `gazetteers/attribution/cue_verbs.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportClass {
    /// said, told, according to, described as, criticized.
    Speech,
    /// knows, hopes, felt, believes.
    Belief,
    /// plans to, wants, vowed.
    Intention,
    /// a report found, polls show.
    Evidence,
}

impl ReportClass {
    pub const ALL: [ReportClass; 4] = [
        ReportClass::Speech,
        ReportClass::Belief,
        ReportClass::Intention,
        ReportClass::Evidence,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportClass::Speech => "speech",
            ReportClass::Belief => "belief",
            ReportClass::Intention => "intention",
            ReportClass::Evidence => "evidence",
        }
    }

    pub fn parse(s: &str) -> Option<ReportClass> {
        ReportClass::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Who a claim is attributed to, as it is written locally ("he", "Officials", "Clarke").
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub span: Span,
    /// Index into `Document::entities` of the resolved entity.
    pub entity: Option<usize>,
    /// Appositive role ("head of policy and research").
    pub role: Option<Span>,
    /// Index into `Document::entities` of the organisation the source speaks for.
    pub affiliation: Option<usize>,
    /// Every entity of a coordinated source ("NBC and ABC News"), in text order; empty when
    /// the source names one.
    pub entities: Vec<usize>,
}

/// A statement and who it is attributed to.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The content: from the first fragment's start to the last fragment's end.
    pub span: Span,
    /// The content's pieces, when it is split ("A," she said, "B.").
    pub fragments: Vec<Span>,
    pub kind: ClaimKind,
    pub cue: Option<Span>,
    /// What the cue reports; none without a cue.
    pub cue_class: Option<ReportClass>,
    pub source: Option<Source>,
    /// Hedging words around the claim ("is thought to", "might").
    pub hedges: Vec<String>,
    /// Indexes into `Document::figures` of the figures inside the content.
    pub figures: Vec<usize>,
    /// Indexes into `Document::entities` of the entities mentioned in the content.
    pub entities: Vec<usize>,
    /// Index into `Document::times` of the time the statement was made ("said on Thursday").
    pub time: Option<usize>,
    /// Index into `Document::times` of the time the content speaks of.
    pub period: Option<usize>,
    pub via: Via,
}

impl Claim {
    /// A claim of one unbroken `span`, with no cue, source, hedges, figures or entities yet.
    pub fn whole(span: Span, kind: ClaimKind, via: impl Into<Via>) -> Claim {
        Claim {
            span,
            fragments: vec![span],
            kind,
            cue: None,
            cue_class: None,
            source: None,
            hedges: Vec::new(),
            figures: Vec::new(),
            entities: Vec::new(),
            time: None,
            period: None,
            via: via.into(),
        }
    }
}

/// What an optional first line `date YYYY-MM-DD Title` says about the document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    pub date: Option<String>,
    pub title: Option<Span>,
}

/// TIMEX3 type of a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimeType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeType::Date => "date",
            TimeType::Time => "time",
            TimeType::Duration => "duration",
            TimeType::Set => "set",
        }
    }
}

/// A time expression and its normalised TIMEX3 value.
#[derive(Clone, Debug, PartialEq)]
pub struct Time {
    pub span: Span,
    pub time_type: TimeType,
    /// TIMEX3 value: `2021-08-26`, `2021-W34`, `P3W`, `XXXX-08-27`, `PRESENT_REF`, …
    pub value: String,
    /// Resolved against the reference date (or left underspecified without one).
    pub relative: bool,
}

/// Where the reference date for relative time expressions came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSource {
    /// `--date` on the command line (or the library's configuration).
    Option,
    /// A JSON Lines record's `"date"` field.
    Record,
    /// The header line `date YYYY-MM-DD Title`.
    Header,
    /// A dateline in the text ("Tuesday, September 22, 2015").
    Dateline,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Option => "option",
            DateSource::Record => "record",
            DateSource::Header => "header",
            DateSource::Dateline => "dateline",
        }
    }
}

/// Everything claimex found in one text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub header: Header,
    /// Sentences tile the text: each starts where the previous ended.
    pub sentences: Vec<Span>,
    /// Entities ordered by their first mention.
    pub entities: Vec<Entity>,
    /// Figures ordered by position.
    pub figures: Vec<Figure>,
    /// Claims ordered by position.
    pub claims: Vec<Claim>,
    /// Time expressions ordered by position.
    pub times: Vec<Time>,
    /// The reference date relative times were resolved against (`YYYY-MM-DD`), and its source.
    pub date: Option<(String, DateSource)>,
}

impl Document {
    /// Index of the sentence containing byte `offset` (the last one for the end of text).
    pub fn sentence_at(&self, offset: usize) -> usize {
        sentence_index(&self.sentences, offset)
    }
}

/// Index of the sentence containing byte `offset`, by binary search over tiled sentences.
pub fn sentence_index(sentences: &[Span], offset: usize) -> usize {
    match sentences.binary_search_by(|s| {
        if s.end <= offset {
            std::cmp::Ordering::Less
        } else if s.start > offset {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => i,
        Err(i) => i.min(sentences.len().saturating_sub(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn via_reads_as_its_text_however_it_is_held() {
        let held = [
            Via::from("rule:title"),
            Via::from(String::from("rule:title")),
        ];
        for via in &held {
            assert_eq!(via.as_str(), "rule:title");
            assert_eq!(*via, "rule:title");
            assert_eq!(via.to_string(), "rule:title");
            assert_eq!(format!("{via:?}"), "\"rule:title\"");
            assert!(via.starts_with("rule:"));
        }
        assert_eq!(held[0], held[1]);
        assert_ne!(Via::from("rule:title"), Via::from("rule:said"));
        // Found by its text in a set, as the recogniser shares them.
        let set: HashSet<Via> = held.into_iter().collect();
        assert_eq!(set.len(), 1);
        assert!(set.contains("rule:title"));
        assert!(!set.contains("rule:said"));
    }
}
