//! Direct quotations and their speakers: `"Q," X said`, `"Q," said X, a …`, `X said: "Q"`;
//! split quotes (`"A," she said, "B."` and `"A," she said. "B."`) are one claim with several
//! fragments; a quote-only paragraph takes the previous paragraph's speaker. Short quotes
//! with no sentence punctuation are scare quotes or titles, not statements.

use super::lexicon::{CueClass, WordRole};
use super::source::{self, SourcePhrase};
use super::view::DocView;
use super::{claim, Found};
use crate::document::{ClaimKind, Span};

/// Most tokens between a quotation and its cue (`"Q," Secretary of State Antony Blinken said`).
const MAX_GAP: usize = 30;
/// Most tokens from a speaker to the end of their sentence, where a continuing quote may open.
const MAX_TO_SENTENCE_END: usize = 40;
/// Most tokens of a parenthesised aside after a speaker ("(R-Neb.)").
const MAX_ASIDE: usize = 8;
/// Most bytes between a direct claim and a quotation that continues it in the same paragraph.
const MAX_CONTINUATION_GAP: usize = 40;

/// A quotation long enough to be a statement, not a scare quote or a title.
pub fn is_statement(v: &DocView, q: Span) -> bool {
    let mut words = 0;
    let mut inner_stop = false;
    // "“Sunday Morning Futures,”": a short run of capitalised words is a title.
    let mut title = true;
    // One pass over the quotation's tokens, stopped at the fifth word: so long a quotation is
    // a statement whatever follows.
    let mut i = v.token_at(q.start);
    while i < v.tokens.len() && v.tokens[i].span().start < q.end {
        if v.is_word(i) {
            words += 1;
            if words == 5 {
                return true;
            }
            title = title && v.is_capitalised(i);
        } else if matches!(v.bytes(i), b"," | b"." | b"?" | b"!") {
            inner_stop = true;
        }
        i += 1;
    }
    !title && (words >= 4 || words >= 2 && inner_stop)
}

/// A cue word in lower case next to a quotation (a capitalised one is part of a name): next
/// to a quote, "concluded" or "vowed" introduce words as "said" does, and so do "states" and
/// "read" (`quote_cues.tsv`).
fn is_speech(v: &DocView, i: usize) -> bool {
    let info = v.info(i);
    (matches!(
        info.cue,
        Some(CueClass::Speech | CueClass::Belief | CueClass::Finding | CueClass::Intent)
    ) || info.quote_cue)
        && !v.is_capitalised(i)
}

struct Speaker {
    cue: Span,
    cue_token: usize,
    phrase: SourcePhrase,
    /// First token after the cue and source.
    next: usize,
}

/// `"Q," X said` or `"Q," said X, a …`: the speaker right after the quotation.
fn speaker_after(v: &DocView, q: Span) -> Option<Speaker> {
    let n = v.tokens.len();
    let mut t = v.token_at(q.end);
    if t < n && matches!(v.word(t), "," | "—" | "–") {
        t += 1;
    }
    if t >= n || v.paragraph_break_between(q.end, v.tokens[t].span().start) {
        return None;
    }
    let limit = (t + MAX_GAP).min(n);
    // `"Q" ― Name`: a signature line under a reader's quote.
    if matches!(v.word(t), "―" | "—" | "-") && t + 1 < n {
        let name = if v.word(t) == "-" && v.is(t + 1, "-") {
            t + 2
        } else {
            t + 1
        };
        if name < n && v.is_capitalised(name) {
            let phrase = source::source_after(v, name, limit)?;
            let line_end = v.line_end(q.end);
            let signs = v.tokens[phrase.end - 1].span().end
                >= v.text[..line_end]
                    .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
                    .len();
            return signs.then(|| Speaker {
                cue: v.span(t, name),
                cue_token: t,
                phrase,
                next: phrase.end,
            });
        }
    }
    // `"… hardcore." She says it …`: a quote that ends its sentence is no content of a
    // following speaker, who goes on with a content of their own.
    let closing = v.token_at(q.end).saturating_sub(2);
    if v.word(closing) == "." && !v.is_abbreviation_dot(closing) {
        return None;
    }
    if is_speech(v, t) {
        let phrase = source::source_after(v, t + 1, limit)?;
        let next = phrase.appositive.map_or(phrase.end, |(_, b)| b);
        return Some(Speaker {
            cue: v.tokens[t].span(),
            cue_token: t,
            phrase,
            next,
        });
    }
    let mut j = t;
    let mut in_parens = false;
    while j < limit && !is_speech(v, j) {
        match v.bytes(j) {
            b"(" => in_parens = true,
            b")" => in_parens = false,
            _ => {}
        }
        let blocks = v.is_punct(j)
            && !v.is_abbreviation_dot(j)
            && !matches!(v.bytes(j), b"," | b"(" | b")")
            && !in_parens;
        if blocks || v.quote_starting_at(j).is_some() {
            return None;
        }
        j += 1;
    }
    if j >= limit {
        return None;
    }
    let start = v.cue_start(j, t);
    let phrase = source::source_before(v, start, t)?;
    (phrase.start == t).then(|| Speaker {
        cue: v.tokens[j].span(),
        cue_token: j,
        phrase,
        next: j + 1,
    })
}

/// `X said: "Q"`, `X told reporters, "Q"`: the speaker right before the quotation.
fn speaker_before(v: &DocView, q: Span) -> Option<Speaker> {
    let t = v.token_at(q.start);
    let mut j = t.checked_sub(1)?;
    let mut colon = false;
    if matches!(v.word(j), ":" | ",") {
        colon = v.word(j) == ":";
        j = j.checked_sub(1)?;
    }
    let cue_token = if is_speech(v, j) {
        j
    } else if j > 0
        && (v.role(j) == Some(WordRole::Listener) || v.is_capitalised(j))
        && is_speech(v, j - 1)
    {
        j - 1
    } else {
        return None;
    };
    // `X said:` at the end of a paragraph introduces the quote that opens the next one.
    if !colon && v.paragraph_break_between(v.tokens[cue_token].span().end, q.start) {
        return None;
    }
    let (a, _) = v.sentence_tokens(v.sentence_of(v.tokens[cue_token].span().start));
    let start = v.cue_start(cue_token, a);
    let phrase = source::source_before(v, start, a)?;
    Some(Speaker {
        cue: v.tokens[cue_token].span(),
        cue_token,
        phrase,
        next: t,
    })
}

/// Quotations with a speaker next to them, with the quotes that continue them.
pub fn with_speaker(v: &DocView, found: &mut Found) {
    for qi in 0..v.quotes.len() {
        let q = v.quotes[qi];
        if found.used_quote[qi] || !is_statement(v, q) || v.in_furniture(q.start) {
            continue;
        }
        let (speaker, after) = match speaker_after(v, q) {
            Some(s) => (s, true),
            None => match speaker_before(v, q) {
                Some(s) => (s, false),
                None => continue,
            },
        };
        if found.used_cue[speaker.cue_token] {
            continue;
        }
        let mut fragments = vec![q];
        if after {
            continuation(v, found, speaker.next, &mut fragments);
        }
        found.used_cue[speaker.cue_token] = true;
        let source = source::build(v, &speaker.phrase);
        let via = if after {
            "attribute:quote-speaker-after"
        } else {
            "attribute:quote-speaker-before"
        };
        let mut groups = merge_close(fragments).into_iter();
        let first = groups.next().expect("one group");
        let c = claim(v, None, first, Some(speaker.cue), Some(source.clone()), via);
        found.push(v, c);
        // A continuation far from the first quote is its own claim by the same speaker.
        for group in groups {
            let c = claim(
                v,
                None,
                group,
                None,
                Some(source.clone()),
                "attribute:quote-continued",
            );
            found.push(v, c);
        }
    }
}

/// Groups fragments so that the words between the pieces of one claim (the "she said" of a
/// split quote) are never longer than the pieces themselves: a claim's span runs from its
/// first fragment to its last, and a long aside would make it mostly not the speaker's words.
fn merge_close(fragments: Vec<Span>) -> Vec<Vec<Span>> {
    let mut groups: Vec<Vec<Span>> = Vec::new();
    for f in fragments {
        let joins = groups.last().is_some_and(|g| {
            let quoted: usize = g.iter().map(Span::len).sum::<usize>() + f.len();
            let gap = f.start - g.last().map_or(f.start, |l| l.end);
            let asides: usize = g.windows(2).map(|w| w[1].start - w[0].end).sum::<usize>() + gap;
            asides <= quoted
        });
        match groups.last_mut() {
            Some(g) if joins => g.push(f),
            _ => groups.push(vec![f]),
        }
    }
    groups
}

/// After `"A," she said`: a quote right after `,` or after the sentence end (with no speaker
/// of its own) continues the same claim.
fn continuation(v: &DocView, found: &Found, next: usize, fragments: &mut Vec<Span>) {
    let n = v.tokens.len();
    let mut t = next;
    // Adverbials and appositives after the cue: "she said on Monday", "he told CNN in
    // Everett, Wash.,", "said X, an economist who served as director of …".
    let mut split = None;
    while t + 1 < n && t - next < MAX_TO_SENTENCE_END && v.quote_starting_at(t).is_none() {
        // A new paragraph, or a second cue ("…, suggesting a few questions, including, …"),
        // ends the speaker's turn.
        let second_cue = t > next && v.info(t).cue.is_some();
        if second_cue
            || v.paragraph_break_between(v.tokens[t - 1].span().end, v.tokens[t].span().start)
        {
            return;
        }
        let w = v.word(t);
        // "said Sen. Ben Sasse (R-Neb.), a member of …": an aside in parentheses, dots and
        // all, does not end the speaker's sentence.
        if w == "(" {
            if let Some(close) = (t + 1..n.min(t + MAX_ASIDE)).find(|&i| v.word(i) == ")") {
                t = close + 1;
                continue;
            }
        }
        if matches!(w, "," | "." | "?" | "!" | ";" | ":") && !v.is_abbreviation_dot(t) {
            if let Some(q) = v.quote_starting_at(t + 1) {
                split = Some(q);
                break;
            }
            if w != "," {
                return;
            }
        }
        t += 1;
    }
    let Some(mut qi) = split else {
        return;
    };
    let new_sentence = v.word(t) != ",";
    loop {
        let q = v.quotes[qi];
        let last = *fragments.last().expect("fragments");
        if found.used_quote[qi]
            || v.paragraph_break_between(last.end, q.start)
            || new_sentence && speaker_after(v, q).is_some()
        {
            return;
        }
        fragments.push(q);
        // `"B." "C."`: quotes that follow each other go on together.
        let t = v.token_at(q.end);
        match (t < n).then(|| v.quote_starting_at(t)).flatten() {
            Some(next_q) => qi = next_q,
            None => return,
        }
    }
}

/// Quotations still without a speaker: a quote right after a direct claim in the same
/// paragraph continues it; a quote-only paragraph takes the previous paragraph's speaker.
pub fn leftovers(v: &DocView, found: &mut Found) {
    found.claims.sort_by_key(|c| c.span.end);
    found.index_cues();
    let original = found.claims.len();
    let mut next = 0;
    let mut last: Option<usize> = None;
    for qi in 0..v.quotes.len() {
        let q = v.quotes[qi];
        while next < original && found.claims[next].span.end <= q.start {
            if last.is_none_or(|l| found.claims[l].span.end <= found.claims[next].span.end) {
                last = Some(next);
            }
            next += 1;
        }
        if found.used_quote[qi] || !is_statement(v, q) || v.in_furniture(q.start) {
            continue;
        }
        let Some(l) = last else {
            continue;
        };
        let prev = &found.claims[l];
        let gap = &v.text[prev.span.end..q.start];
        let continues = matches!(prev.kind, ClaimKind::Direct | ClaimKind::Mixed)
            && gap.len() <= MAX_CONTINUATION_GAP
            && !gap.contains('\n')
            && prev.span.end <= q.start;
        if continues {
            let prev = &mut found.claims[l];
            prev.fragments.push(q);
            prev.span.end = q.end;
            found.used_quote[qi] = true;
            continue;
        }
        if prev.source.is_some()
            && quote_only_paragraph(v, q)
            && adjacent_paragraphs(v, prev.span.end, q.start)
        {
            let c = claim(
                v,
                Some(ClaimKind::Direct),
                vec![q],
                None,
                prev.source.clone(),
                "attribute:quote-paragraph",
            );
            found.push(v, c);
            last = Some(found.claims.len() - 1);
        }
    }
}

/// True when the quotation is all its paragraph holds (besides punctuation).
fn quote_only_paragraph(v: &DocView, q: Span) -> bool {
    let line_start = v.paragraphs[v.paragraph_of(q.start)];
    let line_end = v.line_end(q.end);
    v.text[line_start..q.start].trim().is_empty()
        && v.text[q.end..line_end]
            .chars()
            .all(|c| c.is_whitespace() || c.is_ascii_punctuation())
}

/// True when `a` and `b` lie on different lines with only blank lines between them.
fn adjacent_paragraphs(v: &DocView, a: usize, b: usize) -> bool {
    let between = &v.text[a..b];
    match (between.find('\n'), between.rfind('\n')) {
        (Some(first), Some(last)) => between[first..last].trim().is_empty(),
        _ => false,
    }
}
