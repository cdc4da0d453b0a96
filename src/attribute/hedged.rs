//! Passive and hedged reports with no source: `X is thought to …`, `it was reported that …`,
//! `X reportedly …`. They become claims with a cue, `source: null` and the hedge recorded. A
//! hedge inside an attributed claim only joins that claim's `hedges`.

use super::content::{clause_end, trimmed};
use super::lexicon::{Hedge, HedgeRole, WordId};
use super::source::np_before;
use super::view::DocView;
use super::{claim, Found};
use crate::document::{ClaimKind, Span};

/// The longest passive or adverb hedge starting at token `i`.
fn hedge_at<'l>(v: &'l DocView, i: usize, b: usize) -> Option<&'l Hedge> {
    // Every phrase of the group starts with token i's word ("is" starts a dozen); the second
    // word rules out most of them with one comparison.
    let second = if i + 1 < v.tokens.len() {
        v.id(i + 1)
    } else {
        WordId::UNKNOWN
    };
    v.lexicon.hedges_starting(v.info(i)).find(|h| {
        h.ids.get(1).is_none_or(|&id| id == second)
            && h.role != HedgeRole::Modal
            && i + h.words.len() <= b
            // Ids first (cheap); the words confirm, as an id also matches Unicode case forms.
            && h.ids.iter().enumerate().all(|(k, &id)| v.id(i + k) == id)
            && h.words.iter().enumerate().all(|(k, w)| v.is(i + k, w))
    })
}

/// Index of a claim whose content contains `span`, given claim spans sorted by start.
fn containing(spans: &[(Span, usize)], span: Span) -> Option<usize> {
    let end = spans.partition_point(|(s, _)| s.start <= span.start);
    spans[..end]
        .iter()
        .rev()
        .take(8)
        .find(|(s, _)| s.contains(&span))
        .map(|&(_, c)| c)
}

// Once per document: out of line, so that profiles show its cost.
#[inline(never)]
pub fn claims(v: &DocView, found: &mut Found) {
    let mut spans: Vec<(Span, usize)> = found
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.span, i))
        .collect();
    // Unstable: no two elements are equal (each holds its own index).
    spans.sort_unstable();
    for k in 0..v.sentence_count() {
        let (a, b) = v.sentence_tokens(k);
        if v.in_furniture(v.tokens[a].span().start) {
            continue;
        }
        // Few words start a hedge: visit those the view listed.
        let mut i = a;
        while let Some(start) = v.listed(i, b).find(|&j| v.info(j).hedge_start) {
            i = start;
            // "is", "it": most words that start a phrase start none here, as the next word
            // continues none and they are no hedge alone.
            let continued = i + 1 < v.tokens.len() && v.info(i + 1).hedge_next;
            if !continued && !v.info(i).hedge_alone {
                i += 1;
                continue;
            }
            let hedge = if v.quote_at(v.tokens[i].span().start).is_none() {
                hedge_at(v, i, b)
            } else {
                None
            };
            let Some(hedge) = hedge else {
                i += 1;
                continue;
            };
            let len = hedge.words.len();
            let phrase = hedge.words.join(" ");
            if let Some(c) = containing(&spans, v.span(i, i + len)) {
                if !found.claims[c].hedges.contains(&phrase) {
                    found.claims[c].hedges.push(phrase);
                }
                i += len;
                continue;
            }
            let (content_start, cue) = match hedge.role {
                // "it was reported that C": the content follows.
                HedgeRole::Passive if hedge.words[0] == "it" => (i + len, v.span(i, i + len)),
                // "X is thought to V": the subject and the rest of the clause.
                HedgeRole::Passive => {
                    let subject = np_before(v, i, a).map_or(i, |(s, _)| s);
                    (subject, v.span(i, i + len - 1))
                }
                // "X (is) reportedly V".
                _ => {
                    let subject = np_before(v, v.cue_start(i, a), a).map_or(i + 1, |(s, _)| s);
                    (subject, v.span(i, i + 1))
                }
            };
            let end = clause_end(v, i + len, b);
            if let Some(content) = trimmed(v, content_start, end) {
                let mut c = claim(
                    v,
                    Some(ClaimKind::Indirect),
                    vec![content],
                    Some(cue),
                    None,
                    "attribute:hedged",
                );
                c.hedges.push(phrase);
                found.claims.push(c);
            }
            i += len;
        }
    }
}
