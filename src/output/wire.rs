//! Serde types of the output contract, for library users and tests; the binary writes the same
//! bytes straight from the document (`direct.rs`). New fields are not breaking; renaming or
//! removing one bumps [`FORMAT_VERSION`].

use serde::{Serialize, Serializer};

use super::CharOffsets;
use crate::document::{sentence_index, Document, ReportClass, Span};

pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireDocument<'a> {
    pub version: u32,
    pub id: &'a str,
    pub document: WireMeta<'a>,
    pub sentences: Vec<WireRange>,
    pub entities: Vec<WireEntity<'a>>,
    pub figures: Vec<WireFigure<'a>>,
    pub claims: Vec<WireClaim<'a>>,
    pub times: Vec<WireTime<'a>>,
}

#[derive(Serialize, Debug, Clone, PartialEq, Default)]
pub struct WireMeta<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    /// Where `date` came from: `option`, `record`, `header` or `dateline`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_source: Option<&'static str>,
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq)]
pub struct WireRange {
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireSpan<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// A claim's cue: its span and what it reports (`speech`, `belief`, `intention`, `evidence`).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireCue<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub class: &'static str,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireEntity<'a> {
    pub id: Id,
    #[serde(rename = "type")]
    pub entity_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtype: Option<&'a str>,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<&'a str>,
    pub mentions: Vec<WireMention<'a>>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireMention<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub sentence: usize,
    /// "pronoun" or "description"; absent for a name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<&'a str>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireFigure<'a> {
    pub id: Id,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub sentence: usize,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<&'static str>,
    pub approximate: bool,
    pub unit: Option<&'a str>,
    /// The time expression scoping the figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<&'a str>,
}

/// A time expression with its TIMEX3 type and value.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireTime<'a> {
    pub id: Id,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub sentence: usize,
    #[serde(rename = "type")]
    pub time_type: &'static str,
    pub value: &'a str,
    pub relative: bool,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireClaim<'a> {
    pub id: Id,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub sentence: usize,
    pub kind: &'static str,
    pub cue: Option<WireCue<'a>>,
    pub source: Option<WireSource<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<WireSpan<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hedges: Vec<&'a str>,
    pub figures: Vec<Id>,
    pub entities: Vec<Id>,
    /// The time expression dating the statement ("said on Thursday").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<Id>,
    /// The time expression the content speaks of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<&'a str>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireSource<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub entity: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<WireSpan<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<Id>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Id>,
}

/// An id such as `e3` or `f12`: a letter and a number from 1, written without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Id {
    prefix: u8,
    number: usize,
}

impl Id {
    /// The id of the item at `index` (from 0) of a list whose ids start with `prefix`.
    pub(super) fn of(prefix: u8, index: usize) -> Id {
        Id {
            prefix,
            number: index + 1,
        }
    }

    /// The letter: `e`, `f` or `c`.
    pub fn prefix(self) -> u8 {
        self.prefix
    }

    /// The number, from 1.
    pub fn number(self) -> usize {
        self.number
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 24];
        let mut at = buf.len();
        let mut n = self.number;
        loop {
            at -= 1;
            buf[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        at -= 1;
        buf[at] = self.prefix;
        serializer.serialize_str(std::str::from_utf8(&buf[at..]).expect("ASCII id"))
    }
}

/// Builds wire spans with character offsets for one text.
struct SpanWriter<'t> {
    text: &'t str,
    offsets: CharOffsets,
}

impl<'t> SpanWriter<'t> {
    fn range(&self, span: Span) -> WireRange {
        WireRange {
            start: self.offsets.char_offset(span.start),
            end: self.offsets.char_offset(span.end),
        }
    }

    fn span(&self, span: Span) -> WireSpan<'t> {
        let r = self.range(span);
        WireSpan {
            start: r.start,
            end: r.end,
            text: span.text(self.text),
        }
    }
}

fn entity_id(index: usize) -> Id {
    Id::of(b'e', index)
}

fn time_id(index: usize) -> Id {
    Id::of(b't', index)
}

fn figure_id(index: usize) -> Id {
    Id::of(b'f', index)
}

/// Converts an analysed document into its wire form. `explain` adds each result's `via`.
pub fn to_wire<'a>(
    id: &'a str,
    text: &'a str,
    doc: &'a Document,
    explain: bool,
) -> WireDocument<'a> {
    let w = SpanWriter {
        text,
        offsets: CharOffsets::new(text),
    };
    let sentence_of = |span: Span| sentence_index(&doc.sentences, span.start);
    let via = |v: &'a str| explain.then_some(v);
    WireDocument {
        version: FORMAT_VERSION,
        id,
        document: WireMeta {
            title: doc.header.title.map(|t| t.text(text)),
            date: doc.date.as_ref().map(|d| d.0.as_str()),
            date_source: doc.date.as_ref().map(|d| d.1.as_str()),
        },
        sentences: doc.sentences.iter().map(|&s| w.range(s)).collect(),
        entities: doc
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| WireEntity {
                id: entity_id(i),
                entity_type: e.entity_type.as_str(),
                subtype: e.subtype.as_deref(),
                name: &e.name,
                kb_id: e.kb_id.as_deref(),
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| {
                        let s = w.span(m.span);
                        WireMention {
                            start: s.start,
                            end: s.end,
                            text: s.text,
                            sentence: sentence_of(m.span),
                            kind: m.kind.written(),
                            via: via(&m.via),
                        }
                    })
                    .collect(),
            })
            .collect(),
        figures: doc
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let s = w.span(f.span);
                WireFigure {
                    id: figure_id(i),
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    sentence: sentence_of(f.span),
                    value: f.value,
                    low: f.low,
                    high: f.high,
                    qualifier: f.qualifier.map(|q| q.as_str()),
                    approximate: f.approximate,
                    unit: f.unit.as_deref(),
                    period: f.period.map(time_id),
                    via: via(&f.via),
                }
            })
            .collect(),
        claims: doc
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let s = w.span(c.span);
                WireClaim {
                    id: Id::of(b'c', i),
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    sentence: sentence_of(c.span),
                    kind: c.kind.as_str(),
                    cue: c.cue.map(|cue| {
                        let s = w.span(cue);
                        WireCue {
                            start: s.start,
                            end: s.end,
                            text: s.text,
                            class: c.cue_class.unwrap_or(ReportClass::Speech).as_str(),
                        }
                    }),
                    source: c.source.as_ref().map(|src| {
                        let s = w.span(src.span);
                        WireSource {
                            start: s.start,
                            end: s.end,
                            text: s.text,
                            entity: src.entity.map(entity_id),
                            role: src.role.map(|r| w.span(r)),
                            affiliation: src.affiliation.map(entity_id),
                            entities: src.entities.iter().map(|&e| entity_id(e)).collect(),
                        }
                    }),
                    fragments: if c.fragments.len() > 1 {
                        c.fragments.iter().map(|&f| w.span(f)).collect()
                    } else {
                        Vec::new()
                    },
                    hedges: c.hedges.iter().map(String::as_str).collect(),
                    figures: c.figures.iter().map(|&f| figure_id(f)).collect(),
                    entities: c.entities.iter().map(|&e| entity_id(e)).collect(),
                    time: c.time.map(time_id),
                    period: c.period.map(time_id),
                    via: via(&c.via),
                }
            })
            .collect(),
        times: (doc.times.iter().enumerate())
            .map(|(i, t)| {
                let s = w.span(t.span);
                WireTime {
                    id: time_id(i),
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    sentence: sentence_of(t.span),
                    time_type: t.time_type.as_str(),
                    value: &t.value,
                    relative: t.relative,
                }
            })
            .collect(),
    }
}
