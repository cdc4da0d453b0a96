//! Reported speech, beliefs, intentions and findings around a cue word:
//! `X said (that) C`, `X told reporters … that C`, `C, X said`, `C, said X, a …`,
//! `A, X said, B`, `X described Y as "Q"`, `According to X, C`, `C, according to X`,
//! and claims of responsibility (`X claimed responsibility for C`).

use super::content::{clause_end, object_end, trimmed};
use super::lexicon::{CueClass, Referent, WordId, WordRole};
use super::source::{self, looks_like_source, SourcePhrase};
use super::view::{DocView, EM_DASH, EN_DASH, HORIZONTAL_BAR};
use super::{claim, Found};
use crate::document::{Claim, ClaimKind, EntityType, Source};

/// Most tokens of adverbials after a cue that still ends its sentence ("C, she said on Monday").
const MAX_TAIL: usize = 8;
/// Most tokens between a cue and the "that" opening its content.
const MAX_THAT_DISTANCE: usize = 12;
/// Most tokens of an "according to" source.
const MAX_ACCORDING_SOURCE: usize = 20;
/// Most tokens after the colon of a "Speaker: headline" line.
const MAX_HEADLINE: usize = 30;
/// Content written before its cue needs at least this many words ("C, X said").
const MIN_CONTENT_BEFORE: usize = 3;

/// Forms of "be": between a subject and a cue they make it passive.
const BE: &[&str] = &["am", "are", "be", "been", "being", "is", "was", "were"];

/// Words before a cue that make it a noun ("the claim", "his call").
const ARTICLES: &[&str] = &[
    "a", "an", "her", "his", "its", "my", "our", "the", "their", "this", "your",
];

/// Nouns of time after "last", "this", "on": "said last week the plan …".
const TIME_UNITS: &[&str] = &["month", "morning", "night", "week", "weekend", "year"];

/// Articles: "the claim that" names no speaker.
const ARTICLE_ONLY: &[&str] = &["a", "an", "the", "this"];

/// `Trump's claim that C`, `his claim that C`: a noun cue whose possessor is the speaker
/// ("the claim that C" names none).
fn noun_cue(
    v: &DocView,
    i: usize,
    class: CueClass,
    start: usize,
    a: usize,
    b: usize,
) -> Option<Claim> {
    let owner = start - 1;
    let owned = is_possessive(v, owner)
        || v.role(owner) == Some(WordRole::Determiner)
            && !ARTICLE_ONLY.iter().any(|d| v.is(owner, d));
    if class != CueClass::Speech || !owned || !v.is(i + 1, "that") {
        return None;
    }
    let p = source::source_before(v, start, a)?;
    let end = clause_end(v, i + 1, b);
    let content = trimmed(v, i + 1, end)?;
    let source = source::build(v, &p);
    let cue = Some(v.span(start, i + 1));
    Some(claim(
        v,
        None,
        vec![content],
        cue,
        Some(source),
        "attribute:noun-cue",
    ))
}

/// True for a possessive ("Trump's", "Trump’s"), not a contraction ("he's", "that's").
fn is_possessive(v: &DocView, i: usize) -> bool {
    let w = v.word(i);
    let stem = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"));
    stem.is_some_and(|s| {
        !s.is_empty()
            && !["he", "she", "it", "that", "who", "there", "what", "here"]
                .iter()
                .any(|c| s.eq_ignore_ascii_case(c))
    })
}

/// Verbs whose first object is the audience, not the content ("told reporters that …").
const LISTENER_VERBS: &[&str] = &[
    "assured", "asked", "informed", "reminded", "tell", "telling", "tells", "told", "urged",
    "warned",
];

pub fn claims(v: &DocView, found: &mut Found) {
    for k in 0..v.sentence_count() {
        let (a, b) = v.sentence_tokens(k);
        if v.in_furniture(v.tokens[a].span().start) {
            continue;
        }
        if let Some(c) = speaker_label(v, a, b).or_else(|| tweet_signature(v, a, b)) {
            found.push(v, c);
            continue;
        }
        // Few tokens are cues: visit those the view listed.
        for i in v.listed(a, b).filter(|&i| v.info(i).cue.is_some()) {
            if let Some(c) = at_cue(v, found, i, a, b) {
                found.used_cue[i] = true;
                found.push(v, c);
            }
        }
    }
}

fn word_count(v: &DocView, a: usize, b: usize) -> usize {
    (a..b).filter(|&i| v.is_word(i)).count()
}

// Not inlined: inlined, its set-up is hoisted into the loop over every token.
#[inline(never)]
fn at_cue(v: &DocView, found: &Found, i: usize, a: usize, b: usize) -> Option<Claim> {
    let class = v.info(i).cue?;
    if found.used_cue[i] || v.quote_at(v.tokens[i].span().start).is_some() {
        return None;
    }
    if class == CueClass::According {
        return according(v, i, a, b);
    }
    if v.is_capitalised(i) && i != a {
        return None;
    }
    // The (up to) three words after the cue.
    let mut next = [WordId::UNKNOWN; 3];
    let n = (i + 4).min(b).saturating_sub(i + 1);
    for (k, id) in next[..n].iter_mut().enumerate() {
        *id = v.id(i + 1 + k);
    }
    if v.lexicon.is_not_cue(v.id(i), &next[..n])
        || i > a && v.lexicon.is_noun_use(v.id(i - 1), v.id(i))
    {
        return None;
    }
    // A cue is a lexicon word, so its id names it in lower case.
    let word = v.lexicon.word(v.id(i));
    if word.starts_with("claim") && i + 1 < b && v.is(i + 1, "responsibility") {
        return responsibility(v, i, a, b);
    }
    reported(v, found, i, class, a, b)
}

fn reported(
    v: &DocView,
    found: &Found,
    i: usize,
    class: CueClass,
    a: usize,
    b: usize,
) -> Option<Claim> {
    // "X was quoted as saying C": the subject speaks, though the words before are passive.
    let quoted_as = i >= a + 2 && v.is(i - 1, "as") && v.is(i - 2, "quoted") && v.is(i, "saying");
    let start = v.cue_start(if quoted_as { i - 2 } else { i }, a);
    // "was told", "is expected", "criticized by": passives (see hedged) are not speech by
    // their subject; "is telling" is no passive.
    let progressive = v.word(i).ends_with("ing");
    let passive = !quoted_as
        && (!progressive && (start..i).any(|j| BE.iter().any(|be| v.is(j, be)))
            || v.is(i + 1, "by"));
    // "the claim", "his call", "Trump's promise": the cue word is a noun ("he's claiming" is
    // no possessive).
    let possessive = start > a && is_possessive(v, start - 1);
    let noun = start > a && ARTICLES.iter().any(|d| v.is(start - 1, d)) || possessive;
    if noun {
        return noun_cue(v, i, class, start, a, b);
    }
    // The cue is the verb alone: "said", not "has also said" (issue 13).
    let cue = v.tokens[i].span();
    // Where content written before the source ends: `C, X said`, `C, as X said`.
    let content_end = |tok: usize| {
        if tok > a
            && (matches!(v.bytes(tok - 1), b"," | EM_DASH | EN_DASH) || v.is_quote_mark(tok - 1))
        {
            Some(tok - 1)
        } else if tok > a + 1 && v.is(tok - 1, "as") && v.bytes(tok - 2) == b"," {
            Some(tok - 2)
        } else {
            None
        }
    };
    let after_break = |tok: usize| content_end(tok).is_some();
    // "a group calling itself …": a participle right after a noun describes it.
    let reduced_relative = start == i
        && !quoted_as
        && v.word(i).ends_with("ing")
        && !after_break(start)
        && !shares_subject(v, start, a);
    // "took to Twitter to accuse": an infinitive has no subject of its own here.
    let infinitive = start > a && v.is(start - 1, "to");
    if passive || reduced_relative || infinitive {
        return None;
    }
    let speech = matches!(class, CueClass::Speech | CueClass::Belief);

    // `C, said X.`: the source written after its cue.
    if speech && after_break(start) {
        let day = v.role(i + 1) == Some(WordRole::Stop);
        if let Some(p) = source::source_after(v, i + 1, b).filter(|_| !day) {
            let end = p.appositive.map_or(p.end, |(_, e)| e);
            // "said Ms. May would …": a title's dot ends no sentence.
            let ends = end >= b
                || matches!(v.bytes(end), b"." | b"?" | b"!") && !v.is_abbreviation_dot(end);
            if ends && looks_like_source(v, &p) && word_count(v, a, start - 1) >= MIN_CONTENT_BEFORE
            {
                let content = trimmed(v, a, start - 1)?;
                let source = source::build(v, &p);
                return Some(claim(
                    v,
                    None,
                    vec![content],
                    Some(cue),
                    Some(source),
                    "attribute:said-x",
                ));
            }
        }
    }

    let before = source::source_before(v, start, a).or_else(|| relative_pronoun(v, start, a));

    // Adverbials after the cue, up to a comma or the sentence end.
    let mut t = i + 1;
    while t < b
        && t - i <= MAX_TAIL
        && (!matches!(v.bytes(t), b"," | b"." | b"?" | b"!" | b";" | b":")
            || v.is_abbreviation_dot(t))
        && v.role(t) != Some(WordRole::Boundary)
        && v.info(t).cue.is_none()
        && v.quote_at(v.tokens[t].span().start).is_none()
    {
        t += 1;
    }
    let tail_ends = t >= b || matches!(v.bytes(t), b"." | b"?" | b"!");
    let tail_comma = t < b && v.bytes(t) == b",";
    let adverbial_tail = t == i + 1
        || matches!(v.role(i + 1), Some(WordRole::Stop | WordRole::Listener))
        || v.is_capitalised(i + 1);

    // `C, X said.` and `A, X said, B.`
    // The cheap tests first: the word counts and the rest's clause are found only then.
    let placed = |p: &SourcePhrase| {
        speech && after_break(p.start) && (tail_ends || tail_comma) && adverbial_tail
    };
    if let Some(p) = before.filter(placed) {
        let before_end = content_end(p.start).unwrap_or(a);
        // `A, X said, B`: the rest of the sentence after the cue's comma.
        let rest = (tail_comma && t + 1 < b && v.info(t + 1).cue.is_none())
            .then(|| (t + 1, clause_end(v, t + 1, b)))
            .filter(|&(s, e)| word_count(v, s, e) >= MIN_CONTENT_BEFORE);
        let lead = word_count(v, a, before_end);
        if lead >= MIN_CONTENT_BEFORE || lead > 0 && rest.is_some() {
            let mut fragments = vec![trimmed(v, a, before_end)?];
            if let Some((s, e)) = rest {
                fragments.extend(trimmed(v, s, e));
            }
            let source = source::build(v, &p);
            return Some(claim(
                v,
                None,
                fragments,
                Some(cue),
                Some(source),
                "attribute:x-said",
            ));
        }
    }

    // `X said (that) C`: the content follows the cue.
    let source = match before {
        Some(p) => {
            let fits = match class {
                // "police found a body" is no finding; "a poll found", "X found that" are.
                CueClass::Finding => {
                    (p.start..p.end).any(|j| v.info(j).noun == Some(Referent::Document))
                        || v.is(i + 1, "that") && looks_like_source(v, &p)
                }
                // "Officials believe", "the union plans": a thought or a plan needs a subject
                // that reads as someone (in "the rise in prices expects to slow" none speaks).
                CueClass::Describe | CueClass::Evaluation | CueClass::Belief | CueClass::Intent => {
                    looks_like_source(v, &p)
                }
                _ => true,
            };
            if !fits {
                return None;
            }
            source::build(v, &p)
        }
        // `…, adding that C` and `… and warned that C`: the sentence's speaker.
        None if shares_subject(v, start, a) => shared_source(v, found, start, a, b)?,
        None => return None,
    };
    let c = content_start(v, i, class, b)?;
    let mut end = if speech {
        clause_end(v, c, b)
    } else {
        object_end(v, c, b)
    };
    // "criticized the plan, which …", "said he was sarcastic, which raised concerns": the
    // content ends before a relative clause that comments on it (not one inside a quote).
    if let Some(k) = (c + 1..end).find(|&k| {
        v.bytes(k - 1) == b","
            && (v.is(k, "which") || v.is(k, "who"))
            && v.quote_at(v.tokens[k].span().start).is_none()
    }) {
        end = k - 1;
    }
    let min_words = if speech { 1 } else { 2 };
    if word_count(v, c, end) < min_words {
        return None;
    }
    let content = trimmed(v, c, end)?;
    Some(claim(
        v,
        None,
        vec![content],
        Some(cue),
        Some(source),
        "attribute:x-said-c",
    ))
}

/// Where the content after cue token `i` starts: after a listener ("told reporters"), at a
/// "that" past adverbials ("said on Monday that C"), after a comma or colon, after a time
/// ("said Tuesday the …"), or at the quotation of `described Y as "Q"`. None when an
/// intention has no "to", "that" or quotation after it.
fn content_start(v: &DocView, i: usize, class: CueClass, b: usize) -> Option<usize> {
    let mut c = i + 1;
    // "pointed out that C": the particle belongs to the cue.
    if v.is(c, "out") {
        c += 1;
    }
    // The cue is a lexicon word, so its id names it in lower case.
    let listener_verb = LISTENER_VERBS.contains(&v.lexicon.word(v.id(i)));
    if listener_verb && c < b {
        if v.role(c) == Some(WordRole::Listener) {
            c += 1;
        } else {
            let s = c;
            while c < b
                && c - s < 6
                && (v.is_capitalised(c)
                    || c == s
                        && v.role(c) == Some(WordRole::Determiner)
                        && c + 1 < b
                        && v.is_capitalised(c + 1))
            {
                c += 1;
            }
        }
    }
    // "told reporters after the vote that C", "said on Monday that C", "told CBS's "Face the
    // Nation" that C".
    let adverbial = c < b
        && (matches!(v.role(c), Some(WordRole::Stop | WordRole::Boundary))
            || v.quote_starting_at(c).is_some());
    let mut j = c;
    while j < b && j - c < MAX_THAT_DISTANCE && v.info(j).cue.is_none() && !v.is(j, "that") {
        if let Some(q) = v.quote_starting_at(j) {
            j = v.token_at(v.quotes[q].end).max(j + 1);
        } else if v.is_word(j) || v.bytes(j) == b"," {
            j += 1;
        } else {
            break;
        }
    }
    if j < b && v.is(j, "that") && (j == c || adverbial) {
        c = j;
    } else if c < b && matches!(v.bytes(c), b"," | b":") {
        c += 1;
    } else {
        // "said Tuesday the drug was found", "said last week the plan": skip the time.
        while c + 1 < b && v.role(c) == Some(WordRole::Stop) {
            let day = v.is_capitalised(c);
            let unit = TIME_UNITS.iter().any(|u| v.is(c + 1, u));
            if day {
                c += 1;
            } else if unit || v.is_capitalised(c + 1) && v.role(c + 1) == Some(WordRole::Stop) {
                c += 2;
            } else {
                break;
            }
        }
    }
    // "his tax plans, as I did": an intention needs "to", "that" or a quotation after it.
    if class == CueClass::Intent
        && !listener_verb
        && !(v.is(c, "to") || v.is(c, "that") || c < b && v.quote_starting_at(c).is_some())
    {
        return None;
    }
    if class == CueClass::Describe {
        // `X described Y as "Q"`: the quotation is what X said.
        if let Some(q) = (c..(c + 8).min(b))
            .find(|&j| v.is(j, "as") && j + 1 < b && v.quote_starting_at(j + 1).is_some())
        {
            c = q + 1;
        }
    }
    (c < b).then_some(c)
}

/// `…, who said C`: the relative pronoun is the local source (PolNeAR's convention); its
/// entity is the noun phrase it hangs on.
fn relative_pronoun(v: &DocView, start: usize, a: usize) -> Option<SourcePhrase> {
    // `then`, not `then_some`: `start - 1` must not be computed when `start` is 0.
    (start > a && ["who", "which"].iter().any(|w| v.is(start - 1, w))).then(|| SourcePhrase {
        start: start - 1,
        end: start,
        appositive: None,
    })
}

/// True when the cue at token `start` has no subject of its own: a participle after a comma
/// ("…, adding") or a verb coordinated with the sentence's first ("… but has said").
fn shares_subject(v: &DocView, start: usize, a: usize) -> bool {
    start > a
        && (v.word(start).ends_with("ing") && v.word(start - 1) == ","
            || ["and", "but"].iter().any(|w| v.is(start - 1, w)))
}

/// The sentence's speaker: the source of its last claim so far, else its first noun phrase
/// when that reads as a source.
fn shared_source(v: &DocView, found: &Found, start: usize, a: usize, b: usize) -> Option<Source> {
    let sentence_start = v.tokens[a].span().start;
    let here = v.tokens[start].span().start;
    if let Some(c) = found.last_cued(sentence_start, here) {
        return c.source.clone();
    }
    // "In August, several groups …, saying": skip a leading adverbial up to its comma.
    // "WASHINGTON (Reuters) — …": the dateline is no speaker.
    let mut first = source::after_dateline(v, a, b);
    if matches!(
        v.role(first),
        Some(WordRole::Stop | WordRole::Boundary | WordRole::Preposition)
    ) {
        first = (first..b).find(|&j| v.word(j) == ",")? + 1;
    }
    // "However, Lord Browne rejected …": a lone sentence adverb that names no one.
    if first + 2 < b
        && v.word(first + 1) == ","
        && v.entity_overlapping(v.span(first, first + 1)).is_none()
    {
        first += 2;
    }
    let mut p = source::source_after(v, first, b)?;
    // "The Arizona Republican survived …": the subject ends before its verb; "Democratic
    // presidential nominee Hillary Clinton" is a title before a name, whole ("Tenney took
    // down businessman Steve Wells" is cut: a name opens it).
    let person = |s: usize, e: usize| {
        let span = v.span(s, e);
        let first = v.mentions.partition_point(|(m, _)| m.end <= span.start);
        v.mentions[first..]
            .iter()
            .take_while(|(m, _)| m.start < span.end)
            .find(|(_, e)| v.entities[*e].entity_type == EntityType::Person)
            .map(|(m, _)| (v.token_at(m.start), v.token_at(m.end)))
    };
    // At most two lower-case words of a title ("presidential nominee") before the name, after
    // an adjective ("Democrats see Sanders" is a clause).
    let title_words = |k: usize, name: usize| {
        name - k <= 2
            && (k - 1..name).all(|j| !v.word(j).ends_with('s'))
            && (k..name).all(|j| !v.is_capitalised(j) && v.role(j).is_none())
    };
    if let Some(k) = (p.start + 1..p.end).find(|&k| {
        v.is_capitalised(k - 1)
            && v.is_word(k)
            && !v.is_capitalised(k)
            && v.role(k).is_none()
            && v.info(k).noun.is_none()
    }) {
        p.appositive = None;
        p.end = match person(k, p.end) {
            Some((name, name_end)) if title_words(k, name) && person(p.start, k).is_none() => {
                name_end
            }
            _ => k,
        };
    }
    // "The authors of the report … found": after a lone "The", the phrase runs to its source
    // noun; without one ("The landmark agreement includes") there is no source.
    if p.end - p.start == 1 && v.role(p.start) == Some(WordRole::Determiner) {
        let noun = (p.end..(p.end + 3).min(b)).find(|&h| {
            let w = v.word(h);
            // "A reporter for USA Today": a noun before its preposition.
            let before_preposition = h + 1 < b && v.role(h + 1) == Some(WordRole::Preposition);
            v.info(h).noun.is_some()
                || !v.is_capitalised(h)
                    && (before_preposition || w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
        })?;
        p.end = noun + 1;
    }
    let named = v.is_capitalised(p.start) || v.info(p.start).pronoun.is_some();
    (looks_like_source(v, &p) && (named || v.role(p.start) == Some(WordRole::Determiner)))
        .then(|| source::build(v, &p))
}

/// A transcript line, `WALLACE: If I may, sir, …`, or a headline, `Graham: Trump's Rhetoric
/// Destroying GOP's Chance`: a name and a colon open the paragraph; the rest of the line is
/// what they said.
fn speaker_label(v: &DocView, a: usize, b: usize) -> Option<Claim> {
    let first_in_paragraph =
        a == 0 || v.paragraph_break_between(v.tokens[a - 1].span().end, v.tokens[a].span().start);
    if !first_in_paragraph {
        return None;
    }
    let start = a + usize::from(v.is_quote_mark(a));
    let colon = (start..(start + 4).min(b)).find(|&i| v.bytes(i) == b":")?;
    let shouting = |i: usize| {
        let w = v.word(i);
        w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
    };
    let line_end = v.line_end(v.tokens[colon].span().end);
    let end = v.token_at(line_end);
    let name = |i: usize| v.is_abbreviation_dot(i) || v.is_capitalised(i) && v.role(i).is_none();
    // "Graham: Trump's Rhetoric Destroying GOP's Chance": a headline quoting its speaker.
    let headline = end - colon <= MAX_HEADLINE
        && colon + 1 < end
        && (v.is_capitalised(colon + 1) || v.is_quote_mark(colon + 1))
        && (start..colon).all(name);
    let transcript = (start..colon).all(|i| shouting(i) || v.is_abbreviation_dot(i))
        && !(start..colon).any(|i| v.role(i) == Some(WordRole::Heading));
    if colon == start || !(headline || transcript) {
        return None;
    }
    let content = trimmed(v, colon + 1, end)?;
    let phrase = SourcePhrase {
        start,
        end: colon,
        appositive: None,
    };
    Some(claim(
        v,
        None,
        vec![content],
        Some(v.tokens[colon].span()),
        Some(source::build(v, &phrase)),
        "attribute:speaker-label",
    ))
}

/// Most tokens of the name in a tweet's signature.
const MAX_SIGNATURE_NAME: usize = 6;

/// An embedded tweet, `TEXT — Name (@handle) May 3, 2016`: the text of its line before the
/// dash is what Name wrote.
fn tweet_signature(v: &DocView, a: usize, b: usize) -> Option<Claim> {
    let dash = (a..b).find(|&i| {
        matches!(v.bytes(i), EM_DASH | HORIZONTAL_BAR)
            && i + 1 < b
            && v.is_capitalised(i + 1)
            && !v.paragraph_break_between(v.tokens[i].span().end, v.tokens[i + 1].span().start)
    })?;
    let name_end = (dash + 1..(dash + 1 + MAX_SIGNATURE_NAME).min(b))
        .find(|&j| v.bytes(j) == b"(")
        .filter(|&j| j + 1 < b && v.bytes(j + 1).first() == Some(&b'@'))?;
    let name = dash + 1;
    if !(name..name_end).all(|j| v.is_capitalised(j)) {
        return None;
    }
    let line_start = v.paragraphs[v.paragraph_of(v.tokens[dash].span().start)];
    let content = trimmed(v, v.token_at(line_start), dash)?;
    let phrase = SourcePhrase {
        start: name,
        end: name_end,
        appositive: None,
    };
    Some(claim(
        v,
        None,
        vec![content],
        Some(v.tokens[dash].span()),
        Some(source::build(v, &phrase)),
        "attribute:tweet-signature",
    ))
}

/// `According to X, C` and `C, according to X(, ROLE)`.
fn according(v: &DocView, i: usize, a: usize, b: usize) -> Option<Claim> {
    if !v.is(i + 1, "to") {
        return None;
    }
    let cue = v.span(i, i + 2);
    let s = i + 2;
    let mut e = s;
    while e < b && e - s < MAX_ACCORDING_SOURCE {
        let stop = matches!(
            v.word(e),
            "," | "." | ";" | ":" | "?" | "!" | "(" | "—" | "–"
        ) && !v.is_abbreviation_dot(e);
        if stop || v.quote_starting_at(e).is_some() {
            break;
        }
        e += 1;
    }
    if e == s {
        return None;
    }
    let words_before = if i > a && v.word(i - 1) == "," {
        word_count(v, a, i - 1)
    } else {
        word_count(v, a, i)
    };
    // "In 2015, according to X, the group …": a short lead-in is no content, unless what
    // follows the source is its appositive ("…, according to X, head of research at Y.").
    let appositive = source::appositive_after(v, e, b);
    let initial = i == a
        || v.role(i - 1) == Some(WordRole::Boundary)
        || v.is_punct(i - 1) && words_before < MIN_CONTENT_BEFORE + 1 && appositive.is_none();
    let (content, appositive) = if initial {
        if e >= b || v.word(e) != "," {
            return None;
        }
        let end = clause_end(v, e + 1, b);
        (trimmed(v, e + 1, end)?, None)
    } else {
        if words_before < 2 {
            return None;
        }
        (trimmed(v, a, i)?, appositive)
    };
    let phrase = SourcePhrase {
        start: s,
        end: e,
        appositive,
    };
    let source = source::build(v, &phrase);
    Some(claim(
        v,
        Some(ClaimKind::AccordingTo),
        vec![content],
        Some(cue),
        Some(source),
        "attribute:according-to",
    ))
}

/// `X claimed responsibility for C`: kind `responsibility`, never speech by "the attack".
fn responsibility(v: &DocView, i: usize, a: usize, b: usize) -> Option<Claim> {
    let start = v.cue_start(i, a);
    let phrase = source::source_before(v, start, a)?;
    let end = clause_end(v, i + 1, b);
    let content = trimmed(v, i + 1, end)?;
    Some(claim(
        v,
        Some(ClaimKind::Responsibility),
        vec![content],
        Some(v.span(i, i + 2)),
        Some(source::build(v, &phrase)),
        "attribute:responsibility",
    ))
}
