//! A document's JSON written straight from the [`Document`], with the same bytes as its wire
//! form ([`to_wire`](super::to_wire)) through the encoder of `json.rs`, without building the
//! wire types first: they were a tenth of the output's cost, plus their drop (issue 6).
//!
//! The field order and names mirror `wire.rs`; the tests compare the two on extracted
//! documents.

use std::cell::Cell;

use super::json::{Json, ToJson};
use super::wire::Id;
use super::{CharOffsets, FORMAT_VERSION};
use crate::document::{
    sentence_index, Claim, Document, Entity, Figure, Mention, ReportClass, Source, Span, Time,
};

/// A document ready to be written as JSON.
pub struct DocumentJson<'a> {
    id: &'a str,
    text: &'a str,
    doc: &'a Document,
    /// Add each result's `via`.
    explain: bool,
    offsets: CharOffsets,
    /// The sentence last looked up: results come mostly in text order, so the next one is
    /// usually in the same sentence or the one after, found without a binary search.
    last_sentence: Cell<usize>,
}

impl<'a> DocumentJson<'a> {
    pub fn new(id: &'a str, text: &'a str, doc: &'a Document, explain: bool) -> DocumentJson<'a> {
        DocumentJson {
            id,
            text,
            doc,
            explain,
            offsets: CharOffsets::new(text),
            last_sentence: Cell::new(0),
        }
    }

    /// The id, text and analysis this writes, for the other views of a document (HTML).
    pub(crate) fn parts(&self) -> (&'a str, &'a str, &'a Document) {
        (self.id, self.text, self.doc)
    }

    /// The members `start` and `end` (character offsets) of `span`.
    fn range_fields(&self, j: &mut Json, span: Span) {
        j.range(
            self.offsets.char_offset(span.start),
            self.offsets.char_offset(span.end),
        );
    }

    /// The members `start`, `end` and `text` of `span`.
    fn span_fields(&self, j: &mut Json, span: Span) {
        self.range_fields(j, span);
        j.field("text", span.text(self.text));
    }

    fn span(&self, j: &mut Json, span: Span) {
        j.object(|j| self.span_fields(j, span));
    }

    fn sentence(&self, span: Span) -> usize {
        let sentences = &self.doc.sentences;
        // Sentences do not overlap, so one that holds the offset is the one the search finds.
        let holds = |i: usize| {
            sentences
                .get(i)
                .is_some_and(|s| s.start <= span.start && span.start < s.end)
        };
        let last = self.last_sentence.get();
        let i = if holds(last) {
            last
        } else if holds(last + 1) {
            last + 1
        } else {
            sentence_index(sentences, span.start)
        };
        self.last_sentence.set(i);
        i
    }

    fn via(&self, j: &mut Json, via: &str) {
        if self.explain {
            j.field("via", via);
        }
    }

    fn entity(&self, j: &mut Json, index: usize, e: &Entity) {
        j.object(|j| {
            j.field("id", &entity_id(index));
            j.field("type", e.entity_type.as_str());
            j.field_if_some("subtype", &e.subtype.as_deref());
            j.field("name", e.name.as_str());
            j.field_if_some("kb_id", &e.kb_id.as_deref());
            j.key("mentions");
            j.array(&e.mentions, |j, m| self.mention(j, m));
        });
    }

    fn mention(&self, j: &mut Json, m: &Mention) {
        j.object(|j| {
            self.span_fields(j, m.span);
            j.field("sentence", &self.sentence(m.span));
            j.field_if_some("kind", &m.kind.written());
            self.via(j, &m.via);
        });
    }

    fn figure(&self, j: &mut Json, index: usize, f: &Figure) {
        j.object(|j| {
            j.field("id", &figure_id(index));
            self.span_fields(j, f.span);
            j.field("sentence", &self.sentence(f.span));
            j.field("value", &f.value);
            j.field("low", &f.low);
            j.field("high", &f.high);
            j.field("qualifier", &f.qualifier.map(|q| q.as_str()));
            j.field("approximate", &f.approximate);
            j.field("unit", &f.unit.as_deref());
            j.field_if_some("period", &f.period.map(time_id));
            self.via(j, &f.via);
        });
    }

    fn time(&self, j: &mut Json, index: usize, t: &Time) {
        j.object(|j| {
            j.field("id", &time_id(index));
            self.span_fields(j, t.span);
            j.field("sentence", &self.sentence(t.span));
            j.field("type", t.time_type.as_str());
            j.field("value", t.value.as_str());
            j.field("relative", &t.relative);
        });
    }

    fn claim(&self, j: &mut Json, index: usize, c: &Claim) {
        j.object(|j| {
            j.field("id", &Id::of(b'c', index));
            self.span_fields(j, c.span);
            j.field("sentence", &self.sentence(c.span));
            j.field("kind", c.kind.as_str());
            j.key("cue");
            match c.cue {
                Some(cue) => j.object(|j| {
                    self.span_fields(j, cue);
                    let class = c.cue_class.unwrap_or(ReportClass::Speech);
                    j.field("class", class.as_str());
                }),
                None => j.null(),
            }
            j.key("source");
            match &c.source {
                Some(source) => self.source(j, source),
                None => j.null(),
            }
            // A claim in one piece has no fragments.
            if c.fragments.len() > 1 {
                j.key("fragments");
                j.array(&c.fragments, |j, &f| self.span(j, f));
            }
            if !c.hedges.is_empty() {
                j.key("hedges");
                j.array(&c.hedges, |j, h| j.value(h.as_str()));
            }
            j.key("figures");
            j.array(&c.figures, |j, &f| j.value(&figure_id(f)));
            j.key("entities");
            j.array(&c.entities, |j, &e| j.value(&entity_id(e)));
            j.field_if_some("time", &c.time.map(time_id));
            j.field_if_some("period", &c.period.map(time_id));
            self.via(j, &c.via);
        });
    }

    fn source(&self, j: &mut Json, source: &Source) {
        j.object(|j| {
            self.span_fields(j, source.span);
            j.field("entity", &source.entity.map(entity_id));
            if let Some(role) = source.role {
                j.key("role");
                self.span(j, role);
            }
            j.field_if_some("affiliation", &source.affiliation.map(entity_id));
            if !source.entities.is_empty() {
                let ids: Vec<_> = source.entities.iter().map(|&e| entity_id(e)).collect();
                j.field("entities", &ids);
            }
        });
    }
}

impl ToJson for DocumentJson<'_> {
    fn write(&self, json: &mut Json) {
        let doc = self.doc;
        json.object(|j| {
            j.field("version", &FORMAT_VERSION);
            j.field("id", self.id);
            j.key("document");
            j.object(|j| {
                j.field_if_some("title", &doc.header.title.map(|t| t.text(self.text)));
                j.field_if_some("date", &doc.date.as_ref().map(|d| d.0.as_str()));
                j.field_if_some("date_source", &doc.date.as_ref().map(|d| d.1.as_str()));
            });
            j.key("sentences");
            j.array(&doc.sentences, |j, &s| {
                j.object(|j| self.range_fields(j, s));
            });
            j.key("entities");
            j.array(doc.entities.iter().enumerate(), |j, (i, e)| {
                self.entity(j, i, e);
            });
            j.key("figures");
            j.array(doc.figures.iter().enumerate(), |j, (i, f)| {
                self.figure(j, i, f);
            });
            j.key("claims");
            j.array(doc.claims.iter().enumerate(), |j, (i, c)| {
                self.claim(j, i, c);
            });
            j.key("times");
            j.array(doc.times.iter().enumerate(), |j, (i, t)| {
                self.time(j, i, t);
            });
        });
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
