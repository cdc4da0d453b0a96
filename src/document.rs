//! The shared document model every stage reads and extends.
//!
//! All offsets here are **byte** offsets into the original text (end exclusive); the output
//! stage converts them to the character offsets of the wire contract.

use std::fmt;

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

/// One occurrence of a name in the text, before or after resolution.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub entity_type: EntityType,
    /// Finer type from the gazetteer (`country`, `militant`, `media`, …), when known.
    pub subtype: Option<String>,
    /// Canonical name of the entity this mention refers to.
    pub name: String,
    /// Knowledge-base id (`wikidata:Q…`, `geonames:…`) when the gazetteer knows it.
    pub kb_id: Option<String>,
    /// Which list or rule produced this mention (provenance for `--explain` and debugging).
    pub via: String,
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
    pub via: String,
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
    pub source: Option<Source>,
    /// Hedging words around the claim ("is thought to", "might").
    pub hedges: Vec<String>,
    /// Indexes into `Document::figures` of the figures inside the content.
    pub figures: Vec<usize>,
    /// Indexes into `Document::entities` of the entities mentioned in the content.
    pub entities: Vec<usize>,
    pub via: String,
}

/// What an optional first line `date YYYY-MM-DD Title` says about the document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    pub date: Option<String>,
    pub title: Option<Span>,
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
