//! Serde types of the output contract. New fields are not breaking; renaming or removing one
//! bumps [`FORMAT_VERSION`].

use serde::Serialize;

use super::CharOffsets;
use crate::document::{sentence_index, Document, Span};

pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireDocument {
    pub version: u32,
    pub id: String,
    pub document: WireMeta,
    pub sentences: Vec<WireRange>,
    pub entities: Vec<WireEntity>,
    pub figures: Vec<WireFigure>,
    pub claims: Vec<WireClaim>,
}

#[derive(Serialize, Debug, Clone, PartialEq, Default)]
pub struct WireMeta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq)]
pub struct WireRange {
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireEntity {
    pub id: String,
    #[serde(rename = "type")]
    pub entity_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtype: Option<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    pub mentions: Vec<WireMention>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub sentence: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireFigure {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub sentence: usize,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<&'static str>,
    pub approximate: bool,
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireClaim {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub sentence: usize,
    pub kind: &'static str,
    pub cue: Option<WireSpan>,
    pub source: Option<WireSource>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<WireSpan>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hedges: Vec<String>,
    pub figures: Vec<String>,
    pub entities: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WireSource {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub entity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<WireSpan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

/// Builds wire spans with character offsets for one text.
struct SpanWriter<'t> {
    text: &'t str,
    offsets: CharOffsets,
}

impl SpanWriter<'_> {
    fn range(&self, span: Span) -> WireRange {
        WireRange {
            start: self.offsets.char_offset(span.start),
            end: self.offsets.char_offset(span.end),
        }
    }

    fn span(&self, span: Span) -> WireSpan {
        let r = self.range(span);
        WireSpan {
            start: r.start,
            end: r.end,
            text: span.text(self.text).to_string(),
        }
    }
}

fn entity_id(index: usize) -> String {
    format!("e{}", index + 1)
}

fn figure_id(index: usize) -> String {
    format!("f{}", index + 1)
}

/// Converts an analysed document into its wire form. `explain` adds each result's `via`.
pub fn to_wire(id: &str, text: &str, doc: &Document, explain: bool) -> WireDocument {
    let w = SpanWriter {
        text,
        offsets: CharOffsets::new(text),
    };
    let sentence_of = |span: Span| sentence_index(&doc.sentences, span.start);
    let via = |v: &str| explain.then(|| v.to_string());
    WireDocument {
        version: FORMAT_VERSION,
        id: id.to_string(),
        document: WireMeta {
            title: doc.header.title.map(|t| t.text(text).to_string()),
            date: doc.header.date.clone(),
        },
        sentences: doc.sentences.iter().map(|&s| w.range(s)).collect(),
        entities: doc
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| WireEntity {
                id: entity_id(i),
                entity_type: e.entity_type.as_str(),
                subtype: e.subtype.clone(),
                name: e.name.clone(),
                kb_id: e.kb_id.clone(),
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
                    unit: f.unit.clone(),
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
                    id: format!("c{}", i + 1),
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    sentence: sentence_of(c.span),
                    kind: c.kind.as_str(),
                    cue: c.cue.map(|cue| w.span(cue)),
                    source: c.source.as_ref().map(|src| {
                        let s = w.span(src.span);
                        WireSource {
                            start: s.start,
                            end: s.end,
                            text: s.text,
                            entity: src.entity.map(entity_id),
                            role: src.role.map(|r| w.span(r)),
                            affiliation: src.affiliation.map(entity_id),
                        }
                    }),
                    fragments: if c.fragments.len() > 1 {
                        c.fragments.iter().map(|&f| w.span(f)).collect()
                    } else {
                        Vec::new()
                    },
                    hedges: c.hedges.clone(),
                    figures: c.figures.iter().map(|&f| figure_id(f)).collect(),
                    entities: c.entities.iter().map(|&e| entity_id(e)).collect(),
                    via: via(&c.via),
                }
            })
            .collect(),
    }
}
