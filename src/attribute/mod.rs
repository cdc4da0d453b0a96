//! Attribution: find reporting cues, the content they introduce and the source that speaks,
//! and mark figure-bearing sentences in the writer's own voice.

use regex::Regex;

use crate::document::{Claim, ClaimKind, Entity, Figure, Source, Span};

/// Attributes claims to sources.
pub struct Attributor {
    according_to: Regex,
    said_that: Regex,
}

impl Default for Attributor {
    fn default() -> Self {
        Self::new()
    }
}

impl Attributor {
    pub fn new() -> Attributor {
        Attributor {
            according_to: Regex::new(r"(?i)\baccording to\b").expect("regex"),
            said_that: Regex::new(r"\b(said|says|told reporters)\s+(?:that\s+)?").expect("regex"),
        }
    }

    /// Claims in text order. Every claim links the figures and entities inside its content.
    pub fn attribute(
        &self,
        text: &str,
        sentences: &[Span],
        entities: &[Entity],
        figures: &[Figure],
    ) -> Vec<Claim> {
        let mut claims = Vec::new();
        for sentence in sentences {
            let s = sentence.text(text);
            let trimmed_end = sentence.start + s.trim_end().len();
            if let Some(cue) = self.according_to.find(s) {
                let cue_span = Span::new(sentence.start + cue.start(), sentence.start + cue.end());
                let source_end = s[cue.end()..]
                    .find(',')
                    .map_or(trimmed_end, |i| sentence.start + cue.end() + i);
                let source_span = Span::new(cue_span.end + 1, source_end);
                let content = Span::new((source_end + 1).min(trimmed_end), trimmed_end);
                claims.push(self.claim(
                    text,
                    content,
                    ClaimKind::AccordingTo,
                    Some(cue_span),
                    Some(source_span),
                    entities,
                    figures,
                ));
            } else if let Some(caps) = self.said_that.captures(s) {
                let cue = caps.get(1).expect("cue");
                let cue_span = Span::new(sentence.start + cue.start(), sentence.start + cue.end());
                let lead = &s[..cue.start()];
                let source_span = Span::new(
                    sentence.start + lead.len() - lead.trim_start().len(),
                    sentence.start + lead.trim_end().len(),
                );
                let content = Span::new(
                    sentence.start + caps.get(0).expect("match").end(),
                    trimmed_end,
                );
                if !source_span.is_empty() && !content.is_empty() {
                    claims.push(self.claim(
                        text,
                        content,
                        ClaimKind::Indirect,
                        Some(cue_span),
                        Some(source_span),
                        entities,
                        figures,
                    ));
                }
            } else if figures.iter().any(|f| sentence.contains(&f.span)) {
                let start = sentence.start + s.len() - s.trim_start().len();
                claims.push(self.claim(
                    text,
                    Span::new(start, trimmed_end),
                    ClaimKind::Unattributed,
                    None,
                    None,
                    entities,
                    figures,
                ));
            }
        }
        claims
    }

    #[allow(clippy::too_many_arguments)]
    fn claim(
        &self,
        _text: &str,
        span: Span,
        kind: ClaimKind,
        cue: Option<Span>,
        source: Option<Span>,
        entities: &[Entity],
        figures: &[Figure],
    ) -> Claim {
        let source = source.map(|s| Source {
            span: s,
            entity: entities
                .iter()
                .position(|e| e.mentions.iter().any(|m| m.span.overlaps(&s))),
            role: None,
            affiliation: None,
        });
        Claim {
            span,
            fragments: vec![span],
            kind,
            cue,
            source,
            hedges: Vec::new(),
            figures: (0..figures.len())
                .filter(|&i| span.contains(&figures[i].span))
                .collect(),
            entities: (0..entities.len())
                .filter(|&i| entities[i].mentions.iter().any(|m| span.contains(&m.span)))
                .collect(),
            via: "attribute:stub".into(),
        }
    }
}
