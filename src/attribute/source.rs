//! Sources: the noun phrase before or after a cue, its appositive ("Colin Clarke, head of
//! policy and research at the Soufan Group"), and the entity it stands for. Pronouns and
//! descriptions ("he", "the group", "the spokesman") stay the local mention; their entity is
//! the last compatible one before them.

use super::lexicon::{Referent, WordRole};
use super::view::{DocView, RIGHT_SINGLE_QUOTE};
use crate::document::{EntityType, Source, Span};
use crate::text::tokens::TokenKind;

/// Longest source noun phrase, in tokens; longer runs are clauses, not names.
const MAX_NP: usize = 10;
/// Longest appositive, in tokens.
const MAX_APPOSITIVE: usize = 24;
/// How far back a pronoun or description looks for its entity, in bytes.
const RESOLVE_WINDOW: usize = 1500;

/// A noun phrase found as a source: tokens `[start, end)` and an optional appositive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourcePhrase {
    pub start: usize,
    pub end: usize,
    pub appositive: Option<(usize, usize)>,
}

/// True when token `i` can be part of a name-like noun phrase.
fn np_token(v: &DocView, i: usize) -> bool {
    if v.is_word(i) {
        let role = v.role(i);
        let stops = matches!(
            role,
            Some(WordRole::Boundary | WordRole::Aux | WordRole::Adverb)
        );
        // Capitalised cue words inside names ("the Washington Post Says Foundation") are names.
        let name_part = v.is_capitalised(i) && i > 0 && v.is_word(i - 1);
        return !stops && v.info(i).cue.is_none() || name_part && role.is_none() || v.is_surname(i);
    }
    v.is_abbreviation_dot(i)
        || matches!(v.bytes(i), b"&" | RIGHT_SINGLE_QUOTE | b"'") && i > 0 && v.is_word(i - 1)
}

/// The noun phrase ending just before token `end`, within `[floor, end)`. A parenthesis
/// ("Rep. Gwen Moore (D-Wis.)") is stepped over; a determiner right after a lower-case word
/// that is no preposition starts the phrase ("He entered [each debate]").
pub fn np_before(v: &DocView, end: usize, floor: usize) -> Option<(usize, usize)> {
    let mut end = end;
    if end > floor + 1 && v.bytes(end - 1) == b")" {
        let open = (floor..end - 1).rev().take(8).find(|&i| v.word(i) == "(")?;
        end = open;
    }
    let mut start = end;
    while start > floor && np_token(v, start - 1) && end - start < MAX_NP {
        start -= 1;
        // "… the mail they never asked": a subject pronoun is a whole phrase.
        let pronoun = v.info(start).pronoun.is_some() && v.is_word(start) && start + 1 < end;
        if pronoun {
            break;
        }
        let verb_before = start > floor
            && v.role(start) == Some(WordRole::Determiner)
            && v.is_word(start - 1)
            && !v.is_capitalised(start - 1)
            && v.role(start - 1).is_none()
            && v.info(start - 1).pronoun.is_none();
        if verb_before {
            break;
        }
    }
    // A possessive mark or dot cannot start a phrase; "calling himself Guccifer 2.0": nor can
    // a reflexive; "On Tuesday Foreign Secretary Jack Straw", "Today I", "In 1986": nor a
    // time or an opening adverbial ("At least half" stays).
    let quantifier = |j: usize| v.is(j + 1, "least") || v.is(j + 1, "most");
    let time = |j: usize| {
        v.role(j) == Some(WordRole::Stop)
            && !quantifier(j)
            && (v.is_capitalised(j)
                || v.is_capitalised(j + 1)
                || v.role(j + 1) == Some(WordRole::Stop)
                || v.info(j + 1).pronoun.is_some())
    };
    let first = start;
    while start < end
        && (v.is_punct(start) || start + 1 < end && (is_reflexive(v, start) || time(start)))
    {
        start += 1;
    }
    // "Sanders (I-Vt.) on Saturday criticized": a time alone is no phrase; the subject is
    // before it.
    if start > first && end - start == 1 && v.role(start) == Some(WordRole::Stop) {
        return (first > floor)
            .then(|| np_before(v, first, floor))
            .flatten();
    }
    // "failings it said", "the distrust she sometimes feels": a subject pronoun after other
    // words subjects a clause of its own ("a look at it" keeps its object pronoun).
    let last = end.saturating_sub(1);
    let before = last.saturating_sub(1);
    let object = v.role(before) == Some(WordRole::Preposition)
        || v.role(before) == Some(WordRole::Stop) && !v.is_capitalised(before);
    if last > start && v.info(last).pronoun.is_some() && !object {
        start = last;
    }
    // "Trump this week said", "Trump at the time said", "Trump on Tuesday said": a name ends
    // before a time or an aside ("A poll released on Monday", "Polls in New Hampshire" stay).
    let time = |k: usize| {
        v.role(k) == Some(WordRole::Stop)
            && (!is_preposition(v, k)
                || k + 1 < end
                    && (v.tokens[k + 1].kind == TokenKind::Word && !v.is_capitalised(k + 1)
                        || v.role(k + 1).is_some()))
    };
    let name_before =
        |k: usize| (start..k).all(|j| v.is_capitalised(j) || v.is_abbreviation_dot(j));
    // ("The Sunday Telegraph says": a day after "The" is a name.)
    let article = v.role(start) == Some(WordRole::Determiner);
    if let Some(k) =
        (start + 1..end).find(|&k| time(k) && name_before(k) && !(article && k == start + 1))
    {
        end = k;
    }
    // "NBC and ABC News both reported": the coordination is the source.
    if end - start > 1 && (v.is(end - 1, "both") || v.is(end - 1, "all")) {
        end -= 1;
    }
    // "the Pew Internet and American Life Project", "Gibson and his partner Bruce Davey":
    // a name before "and" joins a name or a description that ends in one; "Tory work and
    // pensions spokesman David Willetts": so does a title word before a lower-case one; "a
    // Department for Work and Pensions spokeswoman": a name inside a description.
    let joins = start < end
        && start > floor + 1
        && v.is(start - 1, "and")
        && (v.is_capitalised(end - 1) || v.info(end - 1).noun.is_some())
        && end - start <= 6;
    if joins {
        if let Some((s, e)) = np_before(v, start - 1, floor) {
            // The longest name that ends the phrase before "and".
            let name = (s..e).find(|&j| is_name_phrase(v, j, e));
            let title = !v.is_capitalised(start) && v.is_capitalised(s) && e - s <= 2;
            let join = match name {
                Some(n)
                    if is_name_phrase(v, start, end)
                        || v.role(start).is_some()
                        || v.is_capitalised(start) && is_name_phrase(v, start, end - 1) =>
                {
                    Some(n)
                }
                _ if title => Some(s),
                _ => None,
            };
            if let Some(n) = join.filter(|&n| e == start - 1 && end - n <= MAX_NP) {
                start = n;
            }
        }
    }
    (start < end).then_some((start, end))
}

/// A name, maybe after a determiner ("ABC News", "the Department for Work"): a conjunct of
/// a coordinated source.
fn is_name_phrase(v: &DocView, start: usize, end: usize) -> bool {
    let first = start + usize::from(v.role(start) == Some(WordRole::Determiner));
    let inner_preposition =
        |j: usize| j > first && j + 1 < end && v.role(j) == Some(WordRole::Preposition);
    first < end
        && end - start <= 6
        && (first..end)
            .all(|j| v.is_capitalised(j) || v.is_abbreviation_dot(j) || inner_preposition(j))
}

/// "at", "in", "on": stop words that open a place or an aside as well as a time.
fn is_preposition(v: &DocView, i: usize) -> bool {
    ["at", "by", "during", "in", "on", "via"]
        .iter()
        .any(|p| v.is(i, p))
}

/// "himself", "themselves": never the first word of a source.
fn is_reflexive(v: &DocView, i: usize) -> bool {
    let w = v.word(i);
    w.len() > 4 && (w.ends_with("self") || w.ends_with("selves")) && !v.is_capitalised(i)
}

/// Most tokens of a dateline before its dash ("WASHINGTON, Dec. 8 (UPI) —").
const MAX_DATELINE: usize = 12;

/// The first token after a dateline that opens the paragraph at token `a` ("WASHINGTON —",
/// "Washington (AFP) –", "LONDON, June 24 (Reuters) -"), else `a`: a dateline's city is
/// never a speaker.
pub fn after_dateline(v: &DocView, a: usize, b: usize) -> usize {
    let opens_paragraph =
        a == 0 || v.paragraph_break_between(v.tokens[a - 1].span().end, v.tokens[a].span().start);
    if !opens_paragraph || !v.is_capitalised(a) {
        return a;
    }
    let dash = (a + 1..b.min(a + MAX_DATELINE)).find(|&i| {
        !(v.is_capitalised(i)
            || v.is_abbreviation_dot(i)
            || v.tokens[i].kind == TokenKind::Number
            || matches!(v.bytes(i), b"," | b"(" | b")"))
    });
    // A city in capitals or an agency in brackets: "Mr Khodorkovsky - who …" is no dateline.
    let shouted = v.word(a).len() > 1 && v.word(a).chars().all(|c| !c.is_lowercase());
    match dash {
        Some(d)
            if d + 1 < b
                && matches!(v.word(d), "—" | "–" | "-")
                && (shouted || (a..d).any(|i| v.word(i) == "(")) =>
        {
            d + 1
        }
        _ => a,
    }
}

/// True when the phrase reads as a speaker: a name, a pronoun, a source noun ("officials",
/// "the poll") or a plural ("critics", "voters").
pub fn looks_like_source(v: &DocView, p: &SourcePhrase) -> bool {
    let head = v.word(p.end - 1);
    // "minus 3.4 percentage points": figures are no speakers.
    let figure = (p.start..p.end).any(|j| v.tokens[j].kind == TokenKind::Number);
    let named = p.start + usize::from(v.role(p.start) == Some(WordRole::Determiner));
    !figure
        && (v.is_capitalised(p.start)
            || named < p.end && v.is_capitalised(named)
            || (p.start..p.end).any(|j| v.info(j).pronoun.is_some() || v.info(j).noun.is_some())
            || head.len() > 3 && head.ends_with('s') && !head.ends_with("ss"))
}

/// The source phrase before a cue whose first token (auxiliaries included) is `end`:
/// `X said`, `X, a spokesman for Y, said`.
pub fn source_before(v: &DocView, end: usize, floor: usize) -> Option<SourcePhrase> {
    if end <= floor {
        return None;
    }
    if v.word(end - 1) == "," {
        // An appositive between commas, with the name before it.
        let close = end - 1;
        let mut open = close;
        while open > floor && v.word(open - 1) != "," && close - open < MAX_APPOSITIVE {
            open -= 1;
            if v.is_quote_mark(open) || matches!(v.word(open), ";" | ":") {
                return None;
            }
        }
        // "However, Lord Browne rejected calls …, saying": a name and its verb make a clause,
        // no appositive ("a spokesman for the show" and "asked about it" are appositives).
        let clause = v.is_capitalised(open)
            && (open + 1..close).any(|j| {
                v.info(j).cue.is_some() && !v.is_capitalised(j) && v.is_capitalised(j - 1)
            });
        if open == floor || v.word(open - 1) != "," || open == close || clause {
            return None;
        }
        let (mut start, mut name_end) = np_before(v, open - 1, floor)?;
        // "Marley Anderson, 21, a junior from Las Vegas, said": step over the age.
        let age = name_end - start == 1 && v.tokens[start].kind == TokenKind::Number;
        if age && start > floor + 1 && v.word(start - 1) == "," {
            (start, name_end) = np_before(v, start - 1, floor)?;
        }
        let starts_clause = |start: usize| {
            start == floor || v.is_punct(start - 1) || v.role(start - 1) == Some(WordRole::Boundary)
        };
        // "its hosts Anthony McPartlin and Declan Donnelly, known as …, said": a coordination
        // inside a longer phrase gives its last conjunct, as a name would.
        if !starts_clause(start) {
            if let Some(and) = (start..name_end).rev().find(|&j| v.is(j, "and")) {
                start = and + 1;
            }
        }
        // "Colin Clarke, head of …, said" or "one of the attorneys, Justin Bamberg, said".
        // "the Central and East European Coalition, which …, said": a name after "the".
        let named = start + usize::from(v.role(start) == Some(WordRole::Determiner));
        let looks_like_name = v.is_capitalised(start)
            || named < name_end && v.is_capitalised(named)
            || v.info(start).pronoun.is_some()
            || v.is_capitalised(open) && v.role(open).is_none();
        return (starts_clause(start) && looks_like_name).then_some(SourcePhrase {
            start,
            end: name_end,
            appositive: Some((open, close)),
        });
    }
    let (start, end) = np_before(v, end, floor)?;
    Some(SourcePhrase {
        start,
        end,
        appositive: None,
    })
}

/// The source phrase after a cue: `said X`, `said X, a spokesman for Y.`
pub fn source_after(v: &DocView, start: usize, ceiling: usize) -> Option<SourcePhrase> {
    let mut end = start;
    while end < ceiling
        && end - start < MAX_NP
        && np_token(v, end)
        && (end == start || v.role(end) != Some(WordRole::Stop) || v.is_capitalised(end))
    {
        end += 1;
    }
    while end > start && v.is_punct(end - 1) {
        end -= 1;
    }
    if end == start {
        return None;
    }
    // "said she understands …": a subject pronoun is a whole phrase.
    if v.info(start).pronoun.is_some() {
        end = start + 1;
    }
    // "said Smith and Jones", "said oil and gas worker Mike Wipf": the phrase goes on after
    // "and" when the words after it end in a name.
    if end + 1 < ceiling && v.is(end, "and") && v.info(start).pronoun.is_none() {
        if let Some(more) = source_after(v, end + 1, ceiling) {
            let name_ends = v.is_capitalised(more.end - 1) && v.is_capitalised(more.start)
                || !v.is_capitalised(start) && v.is_capitalised(more.end - 1);
            if name_ends && more.end - start <= MAX_NP && v.info(more.start).pronoun.is_none() {
                return Some(SourcePhrase { start, ..more });
            }
        }
    }
    let appositive = appositive_after(v, end, ceiling);
    Some(SourcePhrase {
        start,
        end,
        appositive,
    })
}

/// `X, ROLE.` after a source written after its cue: the words from the comma after token
/// `end - 1` to the next comma or full stop, when they read as a description (lower case or a
/// determiner first).
pub fn appositive_after(v: &DocView, end: usize, ceiling: usize) -> Option<(usize, usize)> {
    if end >= ceiling || v.word(end) != "," {
        return None;
    }
    let open = end + 1;
    let mut close = open;
    while close < ceiling
        && close - open < MAX_APPOSITIVE
        && !matches!(v.word(close), "," | "." | ";" | ":" | "?" | "!")
    {
        close += 1;
    }
    let is_role = close > open
        && (v.role(open) == Some(WordRole::Determiner)
            || v.role(open).is_none() && !v.is_capitalised(open))
        && v.info(open).cue.is_none()
        && (open..close).all(|i| !v.is_quote_mark(i))
        && (close == ceiling || matches!(v.word(close), "." | "," | ";"));
    is_role.then_some((open, close))
}

/// The entity a source phrase stands for: an overlapping mention, else for a pronoun or a
/// description ("the group") the last compatible entity before it.
pub fn resolve(v: &DocView, phrase: &SourcePhrase) -> Option<usize> {
    let span = v.span(phrase.start, phrase.end);
    if let Some(e) = v.entity_overlapping(span) {
        // "Officials in Kabul" are no place: a place speaks only as the whole phrase
        // ("Afghanistan said", "the United States said").
        let place = v.entities[e].entity_type == EntityType::Place;
        let first = v.mentions.partition_point(|(m, _)| m.start < span.start);
        let whole = v.mentions[first..]
            .iter()
            .take_while(|(m, _)| m.start < span.end)
            .any(|(m, i)| *i == e && m.end == span.end && v.token_at(m.start) <= phrase.start + 1);
        return (!place || whole).then_some(e);
    }
    let len = phrase.end - phrase.start;
    let head = phrase.end - 1;
    // "Bill Clinton, who said": the phrase before the relative pronoun.
    if len == 1 && (v.is(head, "who") || v.is(head, "which")) {
        let end = if head > 0 && v.word(head - 1) == "," {
            head - 1
        } else {
            head
        };
        let (s, e) = np_before(v, end, end.saturating_sub(MAX_NP))?;
        return v.entity_overlapping(v.span(s, e));
    }
    let referent = if len == 1 {
        v.info(head).pronoun.or(v.info(head).noun)
    } else if len <= 3 && (v.is(phrase.start, "the") || v.is(phrase.start, "this")) {
        v.info(head).noun
    } else {
        None
    }?;
    let accepts = move |t: EntityType| match referent {
        Referent::Person => t == EntityType::Person,
        Referent::Group => t == EntityType::Group,
        Referent::Any => t != EntityType::Place,
        Referent::Document => false,
    };
    if referent == Referent::Group {
        v.salient_entity_before(span.start, RESOLVE_WINDOW, accepts)
    } else {
        v.last_entity_before(span.start, RESOLVE_WINDOW, accepts)
    }
}

/// Builds the claim's `Source` from a phrase: local span, resolved entity, role, affiliation.
pub fn build(v: &DocView, phrase: &SourcePhrase) -> Source {
    let span = v.span(phrase.start, phrase.end);
    let entity = resolve(v, phrase);
    let mut role = None;
    let mut affiliation = None;
    if let Some((a, b)) = phrase.appositive {
        let appos = v.span(a, b);
        affiliation = group_inside(v, appos);
        // The role is the appositive up to the organisation ("head of … at the Soufan Group").
        let role_end = (a..b)
            .find(|&i| {
                matches!(v.word(i), "at" | "for" | "of" | "with")
                    && affiliation.is_some()
                    && v.entity_overlapping(v.span(i + 1, b.min(i + 4).max(i + 2))) == affiliation
            })
            .unwrap_or(b);
        if role_end > a {
            role = Some(v.span(a, role_end));
        }
    } else if let Some(e) = entity {
        // "Secretary of State Antony Blinken": the words before a person's name are a title.
        if v.entities[e].entity_type == EntityType::Person {
            let from = v.mentions.partition_point(|(m, _)| m.end <= span.start);
            let first = v.mentions[from.saturating_sub(8)..]
                .iter()
                .take_while(|(m, _)| m.start < span.end)
                .find(|(m, i)| *i == e && m.overlaps(&span))
                .map(|(m, _)| *m);
            if let Some(m) = first {
                if m.start > span.start {
                    let title_end = v.token_at(m.start);
                    // "Smith and Jones": a coordination is no title.
                    let coordination = (phrase.start..title_end).any(|j| v.is(j, "and"));
                    if title_end > phrase.start && v.is_capitalised(phrase.start) && !coordination {
                        role = Some(v.span(phrase.start, title_end));
                    }
                }
                if m.end < span.end {
                    affiliation = group_inside(v, Span::new(m.end, span.end));
                }
            }
        }
    }
    let entities = coordinated(v, phrase);
    Source {
        span,
        // The first of a coordination, as its entity list.
        entity: entities.first().copied().or(entity),
        role,
        affiliation,
        entities,
    }
}

/// The entities of a coordinated source ("NBC and ABC News"), when it names several.
fn coordinated(v: &DocView, phrase: &SourcePhrase) -> Vec<usize> {
    if !(phrase.start..phrase.end).any(|j| v.is(j, "and")) {
        return Vec::new();
    }
    let span = v.span(phrase.start, phrase.end);
    let first = v.mentions.partition_point(|(m, _)| m.start < span.start);
    let mut entities: Vec<usize> = Vec::new();
    for &(m, e) in v.mentions[first..]
        .iter()
        .take_while(|(m, _)| m.start < span.end)
    {
        if span.contains(&m) && !entities.contains(&e) {
            entities.push(e);
        }
    }
    if entities.len() < 2 {
        entities.clear();
    }
    entities
}

/// The first group entity mentioned inside `span`.
fn group_inside(v: &DocView, span: Span) -> Option<usize> {
    let first = v.mentions.partition_point(|(m, _)| m.start < span.start);
    v.mentions[first..]
        .iter()
        .take_while(|(m, _)| m.start < span.end)
        .find(|(m, e)| span.contains(m) && v.entities[*e].entity_type == EntityType::Group)
        .map(|&(_, e)| e)
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::{Config, Extractor};

    fn extract(text: &str) -> Document {
        Extractor::new(&Config::default())
            .expect("extractor")
            .extract(text)
    }

    /// (source, cue, content) of every claim with a source.
    fn sourced(text: &str) -> Vec<(String, String, String)> {
        let doc = extract(text);
        doc.claims
            .iter()
            .filter_map(|c| {
                let source = c.source.as_ref()?.span.text(text).to_string();
                let cue = c.cue.map_or("", |s| s.text(text)).to_string();
                Some((source, cue, c.span.text(text).to_string()))
            })
            .collect()
    }

    #[test]
    fn sources_are_whole_noun_phrases() {
        // (text, source, start of the content)
        let table = [
            (
                "Ana Ruiz, the clinic's director, said she expects more patients.",
                "Ana Ruiz",
                "she expects",
            ),
            (
                "Paul Kerr, a lecturer at the city college, said Ms. May was wrong.",
                "Paul Kerr",
                "Ms. May was wrong",
            ),
            (
                "Labour councillor Theresa May has said the depot will close.",
                "Labour councillor Theresa May",
                "the depot",
            ),
            ("Ms. May said the depot will close.", "Ms. May", "the depot"),
            (
                "\"The wells are dry,\" said farm and ranch hand Tom Oakes.",
                "farm and ranch hand Tom Oakes",
                "\"The wells",
            ),
            (
                "Despite the doubts he sometimes voices, Okafor said the deal is fair.",
                "Okafor",
                "the deal",
            ),
            (
                "The audit listed failings it said were serious.",
                "it",
                "were serious",
            ),
            (
                "A trader calling himself Red Fox said the coins were fake.",
                "Red Fox",
                "the coins",
            ),
            (
                "Reuters and the BBC both reported that the port had reopened.",
                "Reuters and the BBC",
                "that the port",
            ),
            (
                "Mayor Dan Ortiz at the time said the road would be rebuilt.",
                "Mayor Dan Ortiz",
                "the road",
            ),
            (
                "On Monday Health Secretary Alan Pike told MPs that the ward would stay open.",
                "Health Secretary Alan Pike",
                "that the ward",
            ),
            (
                "A survey by the Lakeside Institute and Northern Polling Group found that \
                 most renters moved twice.",
                "the Lakeside Institute and Northern Polling Group",
                "that most renters",
            ),
            (
                "Harbour and marine safety officer Jo Banks said the pier was unsafe.",
                "Harbour and marine safety officer Jo Banks",
                "the pier",
            ),
            (
                "A Ministry of Roads and Bridges spokeswoman confirmed that the road was shut.",
                "A Ministry of Roads and Bridges spokeswoman",
                "that the road",
            ),
            (
                "Mayor Jo Banks (Green) on Friday criticized the plan, saying it was rushed.",
                "Mayor Jo Banks",
                "it was rushed",
            ),
            (
                "At least half of the tenants say the rent is too high.",
                "At least half of the tenants",
                "the rent",
            ),
            (
                "The Sunday Courier says the club was sold for a pound.",
                "The Sunday Courier",
                "the club",
            ),
            (
                "Ferry operators and the Harbour Trust all say the fares must rise.",
                "Ferry operators and the Harbour Trust",
                "the fares",
            ),
            (
                "Mr Okafor - who has been in office for a year - pleaded not guilty and denied that he knew.",
                "Mr Okafor",
                "that he knew",
            ),
            (
                "Ann Lee, host of the late show, said the band was brilliant.",
                "Ann Lee",
                "the band",
            ),
            (
                "Six in 10 voters say the bridge should be rebuilt.",
                "Six in 10 voters",
                "the bridge",
            ),
            (
                "LONDON (AP) — Veteran party organiser Ruth Keane quit on Monday, saying the \
                 leadership had failed.",
                "Veteran party organiser Ruth Keane",
                "the leadership",
            ),
            (
                "The authors of the study visited 40 farms and found that most wells were dry.",
                "The authors",
                "that most wells",
            ),
            (
                "OTTAWA (CP) — The port reopened on Friday, harbour officials said.",
                "harbour officials",
                "OTTAWA (CP) — The port",
            ),
        ];
        for (text, source, content) in table {
            let got = sourced(text);
            assert!(
                got.iter()
                    .any(|(s, _, c)| s == source && c.starts_with(content)),
                "{text}\n  want {source:?} → {content:?}\n  got  {got:?}"
            );
        }
    }

    #[test]
    fn no_source_is_cut_from_a_phrase() {
        // (text, a source that must not be given)
        let table = [
            (
                "Ana Ruiz, the clinic's director, said she expects more patients.",
                "she expects more patients",
            ),
            ("Paul Kerr, a lecturer, said Ms. May was wrong.", "Ms"),
            (
                "Labour councillor Theresa May has said it will close.",
                "Labour councillor Theresa",
            ),
            (
                "\"The wells are dry,\" said farm and ranch hand Tom Oakes.",
                "farm",
            ),
            (
                "Reuters and the BBC both reported that the port reopened.",
                "the BBC both",
            ),
            (
                "OTTAWA — Speaking on Friday, the minister said the port reopened.",
                "OTTAWA",
            ),
            (
                "The judge rubbed his chin and then said nothing at all.",
                "The",
            ),
            (
                "Voters see Ruth Keane as weak, arguing that she failed.",
                "Voters see Ruth Keane",
            ),
            (
                "However, Ruth Keane rejected the plan, saying it was too costly.",
                "However",
            ),
            (
                "I rang the depot and they told me they knew nothing.",
                "me they",
            ),
            (
                "Despite this the Nordic lab Virex said it had seen reports.",
                "Despite",
            ),
            (
                "However during the hearing on Tuesday Mr Ebbers denied that he knew.",
                "However",
            ),
        ];
        for (text, bad) in table {
            let got = sourced(text);
            assert!(got.iter().all(|(s, _, _)| s != bad), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_coordinated_source_lists_its_entities() {
        let text = "Reuters and the BBC both reported that the port had reopened.";
        let doc = extract(text);
        let source = doc.claims[0].source.as_ref().expect("source");
        let names: Vec<&str> = source
            .entities
            .iter()
            .map(|&e| doc.entities[e].name.as_str())
            .collect();
        assert_eq!(names, ["Reuters", "BBC"]);
        assert_eq!(source.entity, Some(source.entities[0]));
        // One name, no list.
        let text = "Reuters reported that the port had reopened.";
        let doc = extract(text);
        assert!(doc.claims[0]
            .source
            .as_ref()
            .expect("source")
            .entities
            .is_empty());
    }
}
