//! Figures in the writer's own voice: a sentence with a figure that no attributed claim
//! covers is a claim of kind `unattributed`, with no cue and no source.

use super::content::trimmed;
use super::view::DocView;
use crate::document::{Claim, ClaimKind, Figure, Span};

/// The unattributed claims that `claims` leave to add.
pub fn claims(v: &DocView, figures: &[Figure], claims: &[Claim]) -> Vec<Claim> {
    let mut found = Vec::new();
    // A figure inside a claim's content, source or cue is no statement of the writer's.
    let mut covered: Vec<Span> = claims
        .iter()
        .flat_map(|c| {
            // The source with its appositive, and an age between them ("Anderson, 21, a …").
            let source = c.source.iter().map(|s| {
                s.role.map_or(s.span, |r| {
                    Span::new(s.span.start.min(r.start), s.span.end.max(r.end))
                })
            });
            c.fragments.iter().copied().chain(source).chain(c.cue)
        })
        .collect();
    covered.sort();
    // Running maximum of ends: a fragment starting before a figure covers it when it ends after.
    let max_end: Vec<usize> = covered
        .iter()
        .scan(0, |m, s| {
            *m = (*m).max(s.end);
            Some(*m)
        })
        .collect();
    let mut last_sentence = None;
    for figure in figures {
        let before = covered.partition_point(|s| s.start <= figure.span.start);
        if before > 0 && max_end[before - 1] >= figure.span.end {
            continue;
        }
        let k = v.sentence_of(figure.span.start);
        if last_sentence == Some(k) {
            continue;
        }
        last_sentence = Some(k);
        let (a, b) = v.sentence_tokens(k);
        if let Some(span) = trimmed(v, a, b) {
            found.push(Claim {
                span,
                fragments: vec![span],
                kind: ClaimKind::Unattributed,
                cue: None,
                source: None,
                hedges: Vec::new(),
                figures: Vec::new(),
                entities: Vec::new(),
                via: "attribute:figure-statement".into(),
            });
        }
    }
    found
}
