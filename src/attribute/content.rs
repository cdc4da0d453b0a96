//! Content spans: where what is claimed starts and ends. Content never cuts a quotation, ends
//! at its sentence (or at a missed sentence break after a closing quote), and stops before a
//! second cue that takes over (", adding that …", ", according to …").

use super::lexicon::CueClass;
use super::view::{DocView, ELLIPSIS, EM_DASH, EN_DASH, HORIZONTAL_BAR};
use crate::document::Span;

/// True when token `i` is a full stop, question or exclamation mark that ends a sentence.
fn ends_sentence(v: &DocView, i: usize, limit: usize) -> bool {
    if !matches!(v.bytes(i), b"." | b"?" | b"!") || v.is_abbreviation_dot(i) {
        return false;
    }
    let mut j = i + 1;
    // Closing quote marks after the stop belong to the sentence.
    while j < limit && v.is_quote_mark(j) && v.tokens[j].span().start == v.tokens[j - 1].span().end
    {
        j += 1;
    }
    if j >= limit {
        return true;
    }
    let spaced = v.tokens[j].span().start > v.tokens[j - 1].span().end;
    // `… a year. "That does not …`: the next sentence may open with a quotation.
    let next = if v.quote_starting_at(j).is_some() && j + 1 < limit {
        j + 1
    } else {
        j
    };
    spaced && v.is_capitalised(next)
}

/// Conjunctions that start the writer's own clause after a comma.
const CONTRAST: &[&str] = &["although", "but", "however", "though", "whereas", "while"];

/// End (exclusive token index) of the content that starts at token `from`, within `limit`.
pub fn clause_end(v: &DocView, from: usize, limit: usize) -> usize {
    content_end(v, from, limit, false)
}

/// End of an object-like content (what is criticized, wanted, described): it also stops at
/// a semicolon, a dash, or ", and" opening a new clause ("…, and Clinton is promising …").
pub fn object_end(v: &DocView, from: usize, limit: usize) -> usize {
    content_end(v, from, limit, true)
}

fn content_end(v: &DocView, from: usize, limit: usize, object: bool) -> usize {
    if from >= limit {
        return limit;
    }
    // The first quotation not before token `i`: tokens only move forward, so a cursor
    // replaces a search of the quotations per token.
    let mut q = v
        .quotes
        .partition_point(|q| q.end <= v.tokens[from].span().start);
    let mut i = from;
    let mut brackets = 0u32;
    while i < limit {
        let pos = v.tokens[i].span().start;
        while q < v.quotes.len() && v.quotes[q].end <= pos {
            q += 1;
        }
        if q < v.quotes.len() && v.quotes[q].start <= pos {
            // Step over the whole quotation.
            let end = v.token_at(v.quotes[q].end);
            if end > i + 1 {
                i = end.min(limit);
                // `… "an outlaw nation." Russia insisted`: the quote ended the sentence.
                let stop_inside = i >= 2 && matches!(v.bytes(i - 2), b"." | b"?" | b"!");
                let next_starts = i >= limit
                    || v.tokens[i].span().start > v.tokens[i - 1].span().end && v.is_capitalised(i);
                if i > from + 2 && stop_inside && next_starts {
                    return i;
                }
                continue;
            }
        }
        if ends_sentence(v, i, limit) {
            return i;
        }
        let word = v.bytes(i);
        if word == b"," && i + 1 < limit && (takes_over(v, i + 1) || speaker_tail(v, i + 1, limit))
        {
            return i;
        }
        // "X said C, but D" and "X said C and warned D": a new clause of the writer or a
        // second cue of the speaker ends the content.
        let after_comma = i > from && comma_before(v, i, from);
        // The cut keeps a closing quote after the comma.
        let cut = if i > from && v.bytes(i - 1) == b"," {
            i - 1
        } else {
            i
        };
        if after_comma && CONTRAST.iter().any(|w| v.is(i, w)) {
            return cut;
        }
        let and = v.is(i, "and");
        if i > from + 1 && and && i + 1 < limit && v.info(i + 1).cue.is_some() {
            return i;
        }
        // "…, and more than 4 in 10 said …": a coordinated clause with its own cue.
        if after_comma && and && cue_ahead(v, i + 1, limit) {
            return cut;
        }
        // "X said C; D": a semicolon joins the writer's next clause ("($20; £10)" does not).
        match word {
            b"(" => brackets += 1,
            b")" => brackets = brackets.saturating_sub(1),
            b";" if i > from && brackets == 0 => return i,
            _ => {}
        }
        if object && i > from {
            let dash = matches!(word, b";" | EM_DASH | HORIZONTAL_BAR | EN_DASH)
                || word == b"-" && v.is(i + 1, "-");
            let new_clause = after_comma
                && and
                && i + 1 < limit
                && (v.is_capitalised(i + 1) || v.info(i + 1).pronoun.is_some());
            if dash || new_clause {
                return if new_clause { cut } else { i };
            }
        }
        i += 1;
    }
    limit
}

/// True when a comma ends the words before token `i`, also inside a closing quote
/// ("… “justice for all,” but pledged …").
fn comma_before(v: &DocView, i: usize, from: usize) -> bool {
    v.bytes(i - 1) == b"," || i > from + 1 && v.is_quote_mark(i - 1) && v.bytes(i - 2) == b","
}

/// True when a cue word follows within a few words, before any punctuation.
fn cue_ahead(v: &DocView, from: usize, limit: usize) -> bool {
    (from..limit.min(from + 8))
        .take_while(|&j| v.is_word(j))
        .any(|j| v.info(j).cue.is_some() && !v.is_capitalised(j))
}

/// ", sources said": a short subject and a speech cue after a comma start the attribution
/// of another speaker, so the content before them ends there.
fn speaker_tail(v: &DocView, from: usize, limit: usize) -> bool {
    let Some(cue) = (from..limit.min(from + 6))
        .take_while(|&j| v.is_word(j))
        .find(|&j| v.info(j).cue.is_some())
    else {
        return false;
    };
    cue > from && v.info(cue).cue == Some(CueClass::Speech) && !v.is_capitalised(cue)
}

/// A cue that starts a new attribution after a comma: "adding", "according to", "he said".
fn takes_over(v: &DocView, i: usize) -> bool {
    match v.info(i).cue {
        Some(CueClass::According) => true,
        Some(_) => v.word(i).ends_with("ing"),
        None => false,
    }
}

/// The span of tokens `[a, b)` without leading and trailing punctuation (closing quotes stay).
pub fn trimmed(v: &DocView, mut a: usize, mut b: usize) -> Option<Span> {
    while a < b
        && matches!(
            v.bytes(a),
            b"," | b":" | b";" | EM_DASH | EN_DASH | b"-" | b"."
        )
    {
        a += 1;
    }
    while b > a
        && matches!(
            v.bytes(b - 1),
            b"," | b":" | b";" | EM_DASH | EN_DASH | b"-" | b"." | b"(" | b"[" | ELLIPSIS
        )
    {
        b -= 1;
    }
    (a < b).then(|| v.span(a, b))
}
