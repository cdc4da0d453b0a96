//! Figures in the writer's own voice: a sentence with a figure that no attributed claim
//! covers is a claim of kind `unattributed`, with no cue and no source.

use super::content::trimmed;
use super::view::DocView;
use crate::document::{Claim, ClaimKind, Figure, Span};

/// The unattributed claims that `claims` leave to add.
// Once per document: out of line, so that profiles show its cost.
#[inline(never)]
pub fn claims(v: &DocView, figures: &[Figure], claims: &[Claim]) -> Vec<Claim> {
    let mut found = Vec::new();
    // A figure inside a claim's content, source or cue is no statement of the writer's.
    // Sized first: a chain of iterators collects by repeated growth.
    let mut covered: Vec<Span> =
        Vec::with_capacity(claims.iter().map(|c| c.fragments.len() + 2).sum());
    for c in claims {
        covered.extend_from_slice(&c.fragments);
        // The source with its appositive, and an age between them ("Anderson, 21, a …").
        covered.extend(c.source.iter().map(|s| {
            s.role.map_or(s.span, |r| {
                Span::new(s.span.start.min(r.start), s.span.end.max(r.end))
            })
        }));
        covered.extend(c.cue);
    }
    // Unstable: equal spans are alike.
    covered.sort_unstable();
    // Running maximum of ends: a fragment starting before a figure covers it when it ends after.
    let mut max_end: Vec<usize> = Vec::with_capacity(covered.len());
    let mut m = 0;
    for s in &covered {
        m = m.max(s.end);
        max_end.push(m);
    }
    let mut last_sentence = None;
    for figure in figures {
        let before = covered.partition_point(|s| s.start <= figure.span.start);
        if before > 0 && max_end[before - 1] >= figure.span.end || v.in_furniture(figure.span.start)
        {
            continue;
        }
        let k = v.sentence_of(figure.span.start);
        if last_sentence == Some(k) {
            continue;
        }
        last_sentence = Some(k);
        let (a, b) = v.sentence_tokens(k);
        if let Some(span) = trimmed(v, a, b) {
            found.push(Claim::whole(
                span,
                ClaimKind::Unattributed,
                "attribute:figure-statement",
            ));
        }
    }
    found
}
