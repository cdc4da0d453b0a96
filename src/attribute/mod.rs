//! Attribution: find reporting cues, the content they introduce and the source that speaks,
//! and mark figure-bearing sentences in the writer's own voice.
//!
//! The rules run in passes over one `view::DocView`:
//! 1. `quoted`: quotations with a speaker next to them (`"Q," X said`, `X said: "Q"`),
//!    split quotes and their continuations;
//! 2. `reported`: cue words with a source before or after (`X said (that) C`, `C, X said`,
//!    `According to X, C`, `X claimed responsibility for C`);
//! 3. quotations left over: a quote-only paragraph takes the previous paragraph's speaker;
//! 4. `hedged`: passive and hedged reports with no source (`is thought to`, `reportedly`);
//! 5. `unattributed`: figures in the writer's own voice.

mod content;
mod furniture;
mod gender;
mod hedged;
pub mod lexicon;
mod quoted;
mod quotes;
mod reported;
mod source;
pub mod speaker;
mod unattributed;
mod view;

use std::collections::BTreeSet;

use crate::document::{Claim, ClaimKind, Entity, Figure, ReportClass, Source, Span};
use crate::text::tokens::Token;
use lexicon::CueLexicon;
use speaker::SpeakerLexicon;
use view::DocView;

/// Attributes claims to sources. Build once, use for many documents.
#[derive(Clone, Debug, Default)]
pub struct Attributor {
    lexicon: CueLexicon,
    speakers: SpeakerLexicon,
}

/// Claims found so far and what they used up.
struct Found {
    claims: Vec<Claim>,
    /// Per token: this cue word already introduced a claim.
    used_cue: Vec<bool>,
    /// Per quotation: already part of a claim.
    used_quote: Vec<bool>,
    /// (cue start, index into `claims`) of each claim with a cue and a source, so that the
    /// speaker of a sentence is found without a scan over every claim (a long paragraph has
    /// thousands).
    cued: BTreeSet<(usize, usize)>,
}

impl Found {
    fn new(tokens: usize, quotes: usize) -> Found {
        Found {
            claims: Vec::new(),
            used_cue: vec![false; tokens],
            used_quote: vec![false; quotes],
            cued: BTreeSet::new(),
        }
    }

    /// Of the claims with a source whose cue lies inside `[from, to]`, the one whose cue
    /// starts last (at a tie, the one found last).
    fn last_cued(&self, from: usize, to: usize) -> Option<&Claim> {
        self.cued
            .range((from, 0)..(to.saturating_add(1), 0))
            .rev()
            .map(|&(_, k)| &self.claims[k])
            .find(|c| c.cue.is_some_and(|cue| cue.end <= to))
    }

    /// Rebuilds `cued` after `claims` was reordered.
    fn index_cues(&mut self) {
        self.cued = (0..self.claims.len())
            .filter_map(|k| self.cue_key(k))
            .collect();
    }

    fn cue_key(&self, k: usize) -> Option<(usize, usize)> {
        let c = &self.claims[k];
        c.source.as_ref()?;
        c.cue.map(|cue| (cue.start, k))
    }

    fn push(&mut self, v: &DocView, claim: Claim) {
        for f in &claim.fragments {
            let first = v.quotes.partition_point(|q| q.start < f.start);
            let last = v.quotes.partition_point(|q| q.start < f.end);
            for q in first..last {
                if f.contains(&v.quotes[q]) {
                    self.used_quote[q] = true;
                }
            }
        }
        self.claims.push(claim);
        if let Some(key) = self.cue_key(self.claims.len() - 1) {
            self.cued.insert(key);
        }
    }
}

/// A claim over `fragments` (in text order, at least one), without figure and entity links;
/// `via` names its rule, `attribute:<rule>`.
fn claim(
    v: &DocView,
    kind: Option<ClaimKind>,
    fragments: Vec<Span>,
    cue: Option<Span>,
    source: Option<Source>,
    via: &'static str,
) -> Claim {
    let span = Span::new(
        fragments[0].start,
        fragments.last().map_or(fragments[0].end, |f| f.end),
    );
    Claim {
        span,
        kind: kind.unwrap_or_else(|| kind_of(v, &fragments)),
        fragments,
        cue,
        cue_class: None,
        source,
        hedges: Vec::new(),
        figures: Vec::new(),
        entities: Vec::new(),
        time: None,
        period: None,
        via: via.into(),
    }
}

/// Direct when every fragment is a quotation, mixed when some quotation lies inside, else
/// indirect.
fn kind_of(v: &DocView, fragments: &[Span]) -> ClaimKind {
    let is_quote = |f: &Span| v.quote_at(f.start).is_some_and(|q| v.quotes[q] == *f);
    if fragments.iter().all(is_quote) {
        return ClaimKind::Direct;
    }
    let has_quote = fragments.iter().any(|f| {
        let next = v.quotes.partition_point(|q| q.start < f.start);
        v.quote_at(f.start).is_some() || v.quotes.get(next).is_some_and(|q| q.start < f.end)
    });
    if has_quote {
        ClaimKind::Mixed
    } else {
        ClaimKind::Indirect
    }
}

impl Attributor {
    pub fn new() -> Attributor {
        Attributor {
            lexicon: CueLexicon::embedded(),
            speakers: SpeakerLexicon::embedded(),
        }
    }

    /// Claims in text order. Every claim links the figures and entities inside its content.
    pub fn attribute(
        &self,
        text: &str,
        sentences: &[Span],
        tokens: &[Token],
        entities: &[Entity],
        figures: &[Figure],
    ) -> Vec<Claim> {
        let v = DocView::new(text, tokens, sentences, entities, &self.lexicon);
        let mut found = Found::new(tokens.len(), v.quotes.len());
        quoted::with_speaker(&v, &mut found);
        reported::claims(&v, &mut found);
        quoted::leftovers(&v, &mut found);
        hedged::claims(&v, &mut found);
        let mut claims = found.claims;
        sort_in_text_order(&mut claims);
        claims.dedup_by(|a, b| a.span == b.span && a.source == b.source);
        drop_prepositional_sources(&v, &mut claims);
        drop_echoes(&mut claims);
        classify_cues(&v, &mut claims);
        add_modal_hedges(&v, &mut claims);
        speaker::resolve_sources(&v, &self.speakers, &mut claims);
        // Exact growth: a doubling here would hold room for thousands of unused claims.
        let unattributed = unattributed::claims(&v, figures, &claims);
        claims.reserve_exact(unattributed.len());
        claims.extend(unattributed);
        sort_in_text_order(&mut claims);
        bound_nesting(text, &mut claims);
        link(&v, figures, &mut claims);
        // The document holds the claims until output: drop the growth slack (up to half).
        claims.shrink_to_fit();
        claims
    }
}

/// Sorts claims by their span, stably, without the scratch copy of the claims that a stable
/// sort of the claims themselves allocates (up to 8 MB on a huge document, at the moment
/// memory peaks): the order is found on 4-byte indexes, then applied by following its cycles.
fn sort_in_text_order(claims: &mut [Claim]) {
    let mut order: Vec<u32> = (0..claims.len() as u32).collect();
    // The index breaks ties as a stable sort would, so the unstable sort (no scratch buffer)
    // gives the same order.
    order.sort_unstable_by_key(|&k| {
        let span = claims[k as usize].span;
        (span.start, span.end, k)
    });
    // Position `k` must receive the claim now at `order[k]`; a finished position is marked by
    // pointing at itself.
    for start in 0..order.len() {
        let mut current = start;
        loop {
            let next = order[current] as usize;
            order[current] = current as u32;
            if next == start || next == current {
                break;
            }
            claims.swap(current, next);
            current = next;
        }
    }
}

/// Sets each cue's class from the lexicon: the class of the first cue word inside the cue
/// ("has also said", "is thought"); a cue of punctuation (a speaker's colon, a signature's
/// dash) or a hedge without a cue word ("reportedly") reports speech.
// Once per document: out of line, so that profiles show its cost.
#[inline(never)]
fn classify_cues(v: &DocView, claims: &mut [Claim]) {
    for claim in claims {
        let Some(cue) = claim.cue else {
            continue;
        };
        let words = v.token_at(cue.start)..v.token_at(cue.end);
        let class = words.filter_map(|i| v.info(i).cue).next();
        claim.cue_class = Some(class.map_or(ReportClass::Speech, |c| c.reports()));
    }
}

/// Drops a claim whose source opens or ends with a preposition: such a source is no noun
/// phrase but a cue word read as a noun ("a series of tweets attacking …", "the number of
/// claims"), and PolNeAR train shows it wrong about four times in five.
fn drop_prepositional_sources(v: &DocView, claims: &mut Vec<Claim>) {
    use lexicon::WordRole;
    claims.retain(|c| {
        let Some(src) = &c.source else { return true };
        let (a, b) = (v.token_at(src.span.start), v.token_at(src.span.end));
        let prep = |i: usize| v.role(i) == Some(WordRole::Preposition);
        a >= b || !(prep(a) || prep(b - 1))
    });
}

/// Drops a claim nested in another's content that makes up most of it: in "she said she
/// plans to run", "plans to run" only repeats what "said" reports, so a reader (and an
/// annotation that counts one attribution) sees one claim, not two (issue 13). Claims are in
/// text order, so the containing claim is among the few around.
// Once per document: out of line, so that profiles show its cost.
#[inline(never)]
fn drop_echoes(claims: &mut Vec<Claim>) {
    let n = claims.len();
    let mut echo = vec![false; n];
    for (k, flag) in echo.iter_mut().enumerate() {
        // A quotation with its speaker is the surer claim of the two.
        if claims[k].kind == ClaimKind::Direct {
            continue;
        }
        let inner = claims[k].span;
        // A containing claim that starts where this one does sorts after it.
        *flag = claims[k.saturating_sub(8)..(k + 8).min(n)]
            .iter()
            .any(|outer| {
                let o = outer.span;
                o.contains(&inner) && o.len() > inner.len() && 2 * inner.len() >= o.len()
            });
    }
    let mut k = 0;
    claims.retain(|_| {
        k += 1;
        !echo[k - 1]
    });
}

/// Most claims a content may hold before it is cut: news nests a belief inside a report inside
/// a quote ("Officials said they believe …"), rarely deeper.
const MAX_NESTED_CLAIMS: usize = 3;

/// Cuts a content before the attribution that would be its fourth nested one. Without the cut a
/// run of cues with no sentence end ("according to according to …", or hundreds of unbalanced
/// quotes) makes every content run over all the later ones: output quadratic in the input.
// Once per document: out of line, so that profiles show its cost.
#[inline(never)]
fn bound_nesting(text: &str, claims: &mut Vec<Claim>) {
    // Where each claim's attribution is marked: its cue, else its source, else its content.
    let mut openings: Vec<(usize, usize)> = claims
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let marker = c.cue.or(c.source.as_ref().map(|s| s.span));
            (marker.unwrap_or(c.span).start, k)
        })
        .collect();
    openings.sort_unstable();
    for (k, claim) in claims.iter_mut().enumerate() {
        let outer = claim.span;
        let first = openings.partition_point(|&(at, _)| at <= outer.start);
        let cut = openings[first..]
            .iter()
            .take_while(|&&(at, _)| at < outer.end)
            .filter(|&&(_, j)| j != k)
            .nth(MAX_NESTED_CLAIMS)
            .map(|&(at, _)| at);
        let Some(cut) = cut else {
            continue;
        };
        let end = outer.start
            + text[outer.start..cut]
                .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-'))
                .len();
        claim.span.end = end;
        claim.fragments.retain(|f| f.start < end);
        for f in &mut claim.fragments {
            f.end = f.end.min(end);
        }
    }
    claims.retain(|c| !c.span.is_empty());
}

/// Records modal hedges ("might", "could") inside the contents.
// Once per document: out of line, so that profiles show its cost.
#[inline(never)]
fn add_modal_hedges(v: &DocView, claims: &mut [Claim]) {
    for claim in claims {
        add_modal_hedges_to(v, claim);
    }
}

fn add_modal_hedges_to(v: &DocView, claim: &mut Claim) {
    for k in 0..claim.fragments.len() {
        let f = claim.fragments[k];
        // The modal words starting inside the fragment, as `token_at` of its ends bounds them.
        let starts = |i: u32| v.tokens[i as usize].span().start;
        let first = v.modals.partition_point(|&i| starts(i) < f.start);
        let inside = v.modals[first..].iter().take_while(|&&i| starts(i) < f.end);
        for i in inside.map(|&i| i as usize) {
            // A hedge word is a lexicon word, so its id names it in lower case.
            let word = v.lexicon.word(v.id(i));
            if !claim.hedges.iter().any(|h| h == word) {
                claim.hedges.push(word.to_string());
            }
        }
    }
}

/// Links each claim to the figures and entities inside its fragments.
// Once per document: out of line, so that profiles show its cost.
#[inline(never)]
fn link(v: &DocView, figures: &[Figure], claims: &mut [Claim]) {
    for claim in claims {
        link_one(v, figures, claim);
    }
}

/// Links the figures and entities whose spans lie inside the claim's fragments.
fn link_one(v: &DocView, figures: &[Figure], claim: &mut Claim) {
    let inside = |s: &Span| claim.fragments.iter().any(|f| f.contains(s));
    // Figures are in text order and never overlap: only those starting inside the claim.
    debug_assert!(figures
        .windows(2)
        .all(|w| w[0].span.start <= w[1].span.start));
    let first = figures.partition_point(|f| f.span.start < claim.span.start);
    claim.figures = (first..figures.len())
        .take_while(|&i| figures[i].span.start < claim.span.end)
        .filter(|&i| inside(&figures[i].span))
        .collect();
    let first = v
        .mentions
        .partition_point(|(m, _)| m.start < claim.span.start);
    let mut entities: Vec<usize> = v.mentions[first..]
        .iter()
        .take_while(|(m, _)| m.start < claim.span.end)
        .filter(|(m, _)| inside(m))
        .map(|&(_, e)| e)
        .collect();
    entities.sort_unstable();
    entities.dedup();
    claim.entities = entities;
}

#[cfg(test)]
mod tests {
    use crate::document::{ClaimKind, Document};
    use crate::{Config, Extractor};

    fn extract(text: &str) -> Document {
        Extractor::new(&Config::default())
            .expect("extractor")
            .extract(text)
    }

    #[test]
    fn text_order_sort_is_the_stable_sort() {
        use crate::document::{Claim, Span};
        // Spans with ties (told apart by `via`) in an order with long and short cycles.
        let spans = [
            (5, 9),
            (1, 2),
            (5, 9),
            (0, 3),
            (1, 2),
            (7, 8),
            (0, 3),
            (5, 6),
            (2, 4),
        ];
        let mut claims: Vec<Claim> = spans
            .iter()
            .enumerate()
            .map(|(k, &(start, end))| {
                Claim::whole(Span::new(start, end), ClaimKind::Indirect, k.to_string())
            })
            .collect();
        let mut stable = claims.clone();
        stable.sort_by_key(|c| (c.span.start, c.span.end));
        super::sort_in_text_order(&mut claims);
        assert_eq!(claims, stable);
        super::sort_in_text_order(&mut claims);
        assert_eq!(claims, stable, "sorted input stays as it is");
    }

    /// The first claim that has a source.
    fn first_sourced(doc: &Document) -> &crate::document::Claim {
        doc.claims
            .iter()
            .find(|c| c.source.is_some())
            .expect("a claim with a source")
    }

    /// (source, cue, content, kind) of every claim with a cue or a source.
    fn attributed(text: &str) -> Vec<(Option<String>, Option<String>, String, ClaimKind)> {
        let doc = extract(text);
        doc.claims
            .iter()
            .filter(|c| c.cue.is_some() || c.source.is_some())
            .map(|c| {
                (
                    c.source.as_ref().map(|s| s.span.text(text).to_string()),
                    c.cue.map(|s| s.text(text).to_string()),
                    c.span.text(text).to_string(),
                    c.kind,
                )
            })
            .collect()
    }

    /// One table row: a text and the source, cue, start of the content and kind a reader
    /// finds in it.
    struct Case {
        text: &'static str,
        source: Option<&'static str>,
        cue: Option<&'static str>,
        content: &'static str,
        kind: ClaimKind,
    }

    const fn case(
        text: &'static str,
        source: Option<&'static str>,
        cue: Option<&'static str>,
        content: &'static str,
        kind: ClaimKind,
    ) -> Case {
        Case {
            text,
            source,
            cue,
            content,
            kind,
        }
    }

    #[test]
    fn finds_each_construct() {
        use ClaimKind::*;
        let table = [
            case(
                "According to the ministry, prices rose by 4 percent.",
                Some("the ministry"),
                Some("According to"),
                "prices rose by 4 percent",
                AccordingTo,
            ),
            case(
                "Prices rose by 4 percent, according to the ministry.",
                Some("the ministry"),
                Some("according to"),
                "Prices rose by 4 percent",
                AccordingTo,
            ),
            case(
                "The mayor said that the bridge would reopen in May.",
                Some("The mayor"),
                Some("said"),
                "that the bridge would re",
                Indirect,
            ),
            case(
                "The mayor said the bridge would reopen in May.",
                Some("The mayor"),
                Some("said"),
                "the bridge would reopen ",
                Indirect,
            ),
            case(
                "The bridge will reopen in May, the mayor said on Friday.",
                Some("the mayor"),
                Some("said"),
                "The bridge will reopen i",
                Indirect,
            ),
            case(
                "The bridge will reopen in May, said Anna Berg, a city engineer.",
                Some("Anna Berg"),
                Some("said"),
                "The bridge will reopen i",
                Indirect,
            ),
            case(
                "Anna Berg told reporters on Friday that the bridge was safe.",
                Some("Anna Berg"),
                Some("told"),
                "that the bridge was safe",
                Indirect,
            ),
            case(
                "\"The bridge is safe,\" she said.",
                Some("she"),
                Some("said"),
                "\"The bridge is safe,\"",
                Direct,
            ),
            case(
                "\u{201C}The bridge is safe,\u{201D} said Anna Berg, a city engineer.",
                Some("Anna Berg"),
                Some("said"),
                "\u{201C}The bridge is safe,\u{201D}",
                Direct,
            ),
            case(
                "Anna Berg said: \"The bridge is safe and open.\"",
                Some("Anna Berg"),
                Some("said"),
                "\"The bridge is safe and ",
                Direct,
            ),
            case(
                "The mayor described the plan as \"a waste of money.\"",
                Some("The mayor"),
                Some("described"),
                "\"a waste of money.\"",
                Direct,
            ),
            case(
                "The mayor said the plan was \"a waste of money.\"",
                Some("The mayor"),
                Some("said"),
                "the plan was \"a waste of",
                Mixed,
            ),
            case(
                "Officials believe the fire was set deliberately.",
                Some("Officials"),
                Some("believe"),
                "the fire was set deliber",
                Indirect,
            ),
            case(
                "The union vowed to continue the strike until March.",
                Some("The union"),
                Some("vowed"),
                "to continue the strike u",
                Indirect,
            ),
            case(
                "A survey released on Monday shows that most voters oppose the plan.",
                Some("A survey released on Monday"),
                Some("shows"),
                "that most voters oppose ",
                Indirect,
            ),
            case(
                "The fire is thought to have started in the kitchen.",
                None,
                Some("is thought"),
                "The fire is thought to h",
                Indirect,
            ),
            case(
                "It was reported that the minister had resigned.",
                None,
                Some("It was reported that"),
                "the minister had resigne",
                Indirect,
            ),
            case(
                "The rebels claimed responsibility for the attack on the base.",
                Some("The rebels"),
                Some("claimed responsibility"),
                "responsibility for the a",
                Responsibility,
            ),
            case(
                "The vote was close, and it came late, as critics have said.",
                Some("critics"),
                Some("said"),
                "The vote was close",
                Indirect,
            ),
            case(
                "The minister was quoted as saying in a statement that the bridge was safe.",
                Some("The minister"),
                Some("saying"),
                "that the bridge was safe",
                Indirect,
            ),
            case(
                "The mayor has also said the bridge would reopen in May.",
                Some("The mayor"),
                Some("said"),
                "the bridge would reopen ",
                Indirect,
            ),
            case(
                "We are ready for the storm. \u{2014} Jane Doe (@janedoe) May 3, 2016",
                Some("Jane Doe"),
                Some("\u{2014}"),
                "We are ready for the storm",
                Indirect,
            ),
            case(
                "\"The bridge will reopen in May,\" Sinclair states.",
                Some("Sinclair"),
                Some("states"),
                "\"The bridge will reopen",
                Direct,
            ),
            case(
                "The post read: \"We will reopen the bridge in May.\"",
                Some("The post"),
                Some("read"),
                "\"We will reopen the brid",
                Direct,
            ),
            case(
                "The price, she said, would double by next year.",
                Some("she"),
                Some("said"),
                "The price, she said, wou",
                Indirect,
            ),
        ];
        for c in table {
            let got = attributed(c.text);
            let found = got.iter().any(|(source, cue, content, kind)| {
                source.as_deref() == c.source
                    && cue.as_deref() == c.cue
                    && content.starts_with(c.content)
                    && *kind == c.kind
            });
            assert!(
                found,
                "{}\n  want {:?} {:?} {:?} {:?}\n  got  {got:?}",
                c.text, c.source, c.cue, c.content, c.kind
            );
        }
    }

    #[test]
    fn ignores_what_is_no_attribution() {
        let table = [
            "The attack claimed the lives of 24 people.",
            "The so-called \"peace plan\" was never published.",
            "She starred in \"Night Train\" last year.",
            "The tax plans were unpopular, as the vote showed.",
            "A group calling itself the Front left leaflets.",
            "The bridge was told to be closed.",
            "The claim that the bridge was safe was false.",
            "The bridge he's building was never safe.",
            "Update: The bridge reopened on Monday.",
            "The strike added to the delays.",
            // Words that are no reporting verb here (issue 13).
            "It could be a tricky earnings call for the company.",
            "The party has no plans to change its leader before May.",
            "He made little mention of the budget in the speech.",
            "The company continues to grow in every region.",
            "That is all he said about Uber.",
            "The newspaper took note of the ruling on Monday.",
            "The club confirmed the move on Friday.",
            "Police closed the road \u{2014} Main Street (the old one) stays shut.",
            "Voters in 12 states that border the lake oppose the plan.",
            "He read the report on the bridge on Monday.",
            // Page furniture.
            "Story continues below advertisement",
            "READ MORE: Minister says the bridge will reopen in May",
            "Related: Mayor says the bridge is safe",
        ];
        for text in table {
            let got = attributed(text);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_nested_claim_that_repeats_its_report_is_dropped() {
        // Positive: the inner belief or intention is most of what "said" reports.
        for text in [
            "The mayor said she plans to run for a second term.",
            "The coach said he feels the team is ready for the final.",
            "Officials said they believe the fire was set deliberately.",
        ] {
            let got = attributed(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
        }
        // Negative: a short nested report inside a long content stays, and so does a
        // quotation with its speaker.
        let text = "The mayor said the budget, which the council approved in a long and heated \
                    session on Monday night after weeks of talks, shows that officials know \
                    the city's limits.";
        assert_eq!(attributed(text).len(), 2, "{text}");
        let text =
            "Officials said \"We believe the fire was set, and we will find out who set it.\"";
        assert!(attributed(text)
            .iter()
            .any(|(_, _, _, kind)| *kind == ClaimKind::Direct));
    }

    #[test]
    fn a_source_is_no_prepositional_fragment() {
        // Positive: the cue word is a noun, so the "source" before it is no speaker.
        let text = "The senator unleashed a flurry of tweets shaming the former mayor.";
        let got = attributed(text);
        assert!(
            got.iter().all(|(s, _, _, _)| s.as_deref().is_none_or(|s| {
                let s = s.to_lowercase();
                !s.starts_with("of ") && !s.ends_with(" of")
            })),
            "{text}: {got:?}"
        );
        // Negative: a preposition inside the source keeps it.
        let got = attributed("The head of the agency said the plan would work.");
        assert!(
            got.iter()
                .any(|(s, _, _, _)| s.as_deref() == Some("The head of the agency")),
            "{got:?}"
        );
    }

    #[test]
    fn content_ends_at_its_clause() {
        // (text, source, the whole content of that source's claim)
        let table = [
            // A semicolon opens the writer's next clause.
            (
                "The owners said the repairs were finished; the bridge stays shut until May.",
                "The owners",
                "the repairs were finished",
            ),
            // Negative: a semicolon inside brackets keeps the content.
            (
                "The firm said the fee would be 900 rupees ($20; 10 pounds) per tonne.",
                "The firm",
                "the fee would be 900 rupees ($20; 10 pounds) per tonne",
            ),
            // ", but" after a comma inside a closing quote.
            (
                "Protesters said they want \u{201c}a fair hearing,\u{201d} but promised to stay calm.",
                "Protesters",
                "they want \u{201c}a fair hearing,\u{201d}",
            ),
            // A short subject and a speech cue after a comma: another speaker's report.
            (
                "The minister told reporters the talks had failed, aides said.",
                "The minister",
                "the talks had failed",
            ),
            // Negative: a comma inside the content with no cue after it keeps the content.
            (
                "The mayor said the road would be raised by two feet, at a cost of three million dollars.",
                "The mayor",
                "the road would be raised by two feet, at a cost of three million dollars",
            ),
            // Negative: a cue inside a quotation does not cut it.
            (
                "She said \u{201c}the plan, critics said, was never funded.\u{201d}",
                "She",
                "\u{201c}the plan, critics said, was never funded.\u{201d}",
            ),
        ];
        for (text, source, content) in table {
            let got = attributed(text);
            assert!(
                got.iter()
                    .any(|(s, _, c, _)| s.as_deref() == Some(source) && c == content),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn cues_carry_their_class() {
        use crate::document::ReportClass::{self, *};
        // (text, the class of its one attributed claim; None: no attributed claim)
        let table: [(&str, Option<ReportClass>); 16] = [
            (
                "The mayor said the bridge would reopen in May.",
                Some(Speech),
            ),
            (
                "According to the ministry, prices rose by 4 percent.",
                Some(Speech),
            ),
            ("The strike added to the delays.", None),
            (
                "Officials believe the fire was set deliberately.",
                Some(Belief),
            ),
            (
                "She hopes the bridge will reopen before the winter.",
                Some(Belief),
            ),
            ("Their hopes were high before the vote.", None),
            ("The union plans to strike again in March.", Some(Intention)),
            (
                "The union vowed to continue the strike until March.",
                Some(Intention),
            ),
            (
                "The party has no plans to change its leader before May.",
                None,
            ),
            (
                "A survey released on Monday shows that most voters oppose the plan.",
                Some(Evidence),
            ),
            (
                "A report found that the bridge was unsafe for lorries.",
                Some(Evidence),
            ),
            ("Police found a body in the river on Sunday.", None),
            (
                "In the north, the slow rise in the price of bread expects to end.",
                None,
            ),
            (
                "By May, the long delay to the new bridge hopes to end.",
                None,
            ),
            ("\"The bridge is safe,\" she said.", Some(Speech)),
            (
                "Officials are thought to have left the city by Friday.",
                Some(Belief),
            ),
        ];
        for (text, want) in table {
            let doc = extract(text);
            let got: Vec<Option<ReportClass>> = doc
                .claims
                .iter()
                .filter(|c| c.cue.is_some() || c.source.is_some())
                .map(|c| c.cue_class)
                .collect();
            let want: Vec<Option<ReportClass>> = want.into_iter().map(Some).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn furniture_lines_hold_no_claims() {
        let text = "ENERGY: Oil prices fell 2 percent on Tuesday.\n\
                    Photo: 3 protesters outside the court. Jane Doe/Reuters\n\
                    The council approved a $48 million budget.";
        let doc = extract(text);
        let claims: Vec<&str> = doc.claims.iter().map(|c| c.span.text(text)).collect();
        assert_eq!(claims, ["The council approved a $48 million budget"]);
    }

    #[test]
    fn split_quotes_are_one_claim_with_fragments() {
        let text = "\"The bridge is safe,\" she said. \"We checked it twice.\"";
        let doc = extract(text);
        let claims: Vec<_> = doc.claims.iter().filter(|c| c.source.is_some()).collect();
        assert_eq!(claims.len(), 1, "{claims:?}");
        let texts: Vec<&str> = claims[0].fragments.iter().map(|f| f.text(text)).collect();
        assert_eq!(
            texts,
            ["\"The bridge is safe,\"", "\"We checked it twice.\""]
        );
        assert_eq!(claims[0].kind, ClaimKind::Direct);
    }

    #[test]
    fn a_quote_of_several_sentences_is_one_claim() {
        let text = "“Crews are ready. The pumps run all night. We will hold,” the mayor said.";
        let doc = extract(text);
        assert_eq!(doc.sentences.len(), 3);
        let claims: Vec<_> = doc.claims.iter().filter(|c| c.source.is_some()).collect();
        assert_eq!(claims.len(), 1, "{claims:?}");
        let source = claims[0].source.as_ref().expect("source");
        assert_eq!(source.span.text(text), "the mayor");
        assert!(claims[0].span.text(text).starts_with("“Crews are ready."));
        assert!(claims[0].span.text(text).ends_with("We will hold,”"));
    }

    #[test]
    fn quote_only_paragraph_takes_the_previous_speaker() {
        let text = "\"We are ready,\" said Anna Berg.\n\n\"The crews start at dawn.\"";
        let doc = extract(text);
        let last = doc.claims.last().expect("claims");
        assert_eq!(last.span.text(text), "\"The crews start at dawn.\"");
        let source = last.source.as_ref().expect("source");
        assert_eq!(source.span.text(text), "Anna Berg");
        assert_eq!(last.cue, None);
    }

    #[test]
    fn a_quote_after_a_parenthesised_aside_keeps_its_speaker() {
        // (text, whether the second quote continues the first speaker's claim)
        let table = [
            (
                "\"The fines are too small,\" said Sen. Ann Ruiz (D-Ore.), a member of the \
                 budget panel. \"The agency must answer for this.\"",
                true,
            ),
            (
                "\"The fines are too small,\" said Ann Ruiz (left), a city engineer. \
                 \"The agency must answer for this.\"",
                true,
            ),
            (
                "\"The fines are too small,\" said Ann Ruiz (D-Ore.).\n\n\
                 The agency did not answer. \"We will look at it,\" a spokesman said.",
                false,
            ),
        ];
        for (text, continues) in table {
            let doc = extract(text);
            let first = first_sourced(&doc);
            assert_eq!(
                first.span.text(text).contains("must answer"),
                continues,
                "{text}: {:?}",
                first.span.text(text)
            );
        }
    }

    #[test]
    fn multi_paragraph_quote_continues_until_it_closes() {
        let text = "Anna Berg said: \"The first part ends here.\n\n\"The second part closes it.\"";
        let doc = extract(text);
        let c = first_sourced(&doc);
        assert_eq!(
            c.span.text(text),
            "\"The first part ends here.\n\n\"The second part closes it.\""
        );
    }

    #[test]
    fn unclosed_quote_ends_at_its_paragraph() {
        let text = "\"The bridge is safe and open, she said.\n\nThe council met on Monday.";
        let doc = extract(text);
        assert!(doc
            .claims
            .iter()
            .all(|c| !c.span.text(text).contains("council")));
    }

    #[test]
    fn pronoun_and_description_sources_resolve_to_the_last_compatible_entity() {
        let text = "Antony Blinken spoke in Kabul. He said the airport was secure.";
        let doc = extract(text);
        let c = first_sourced(&doc);
        let source = c.source.as_ref().expect("source");
        assert_eq!(source.span.text(text), "He");
        if let Some(e) = source.entity {
            assert_eq!(doc.entities[e].name, "Antony Blinken");
        }
    }

    #[test]
    fn a_group_description_continues_the_sentence_topic_not_the_last_group() {
        let text = "The Taliban took Kabul before the United Nations left. \
                    The group said its fighters were ready.";
        let doc = extract(text);
        let c = first_sourced(&doc);
        let source = c.source.as_ref().expect("source");
        assert_eq!(source.span.text(text), "The group");
        let e = source.entity.expect("resolved");
        assert_eq!(doc.entities[e].name, "Taliban");
    }

    #[test]
    fn pronouns_inside_a_report_are_its_speaker_and_places_do_not_speak() {
        let text = "CNN aired the video. Officials in Kabul said they believe the Taliban left.";
        let doc = extract(text);
        for c in doc.claims.iter().filter(|c| c.source.is_some()) {
            let source = c.source.as_ref().expect("source");
            assert_eq!(source.entity, None, "{}", source.span.text(text));
        }
    }

    #[test]
    fn appositive_gives_role_and_affiliation() {
        let text =
            "The factions differ, according to Colin Clarke, head of research at the Soufan Group.";
        let doc = extract(text);
        let c = first_sourced(&doc);
        let source = c.source.as_ref().expect("source");
        assert_eq!(source.span.text(text), "Colin Clarke");
        assert_eq!(source.role.map(|r| r.text(text)), Some("head of research"));
        let affiliation = source.affiliation.expect("affiliation");
        assert_eq!(doc.entities[affiliation].name, "Soufan Group");
    }

    #[test]
    fn hedges_are_recorded() {
        let text = "According to the agency, the storm might reach the coast by Friday.";
        let doc = extract(text);
        let c = first_sourced(&doc);
        assert_eq!(c.hedges, ["might"]);
    }

    #[test]
    fn figures_in_the_writers_voice_are_unattributed() {
        let text = "The council approved a $48 million budget. Nobody objected.";
        let doc = extract(text);
        let c = &doc.claims[0];
        assert_eq!(c.kind, ClaimKind::Unattributed);
        assert_eq!(c.cue, None);
        assert!(c.source.is_none());
        assert_eq!(
            c.span.text(text),
            "The council approved a $48 million budget"
        );
        assert_eq!(c.figures, [0]);
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "\"",
            "“",
            "said",
            "according to",
            "\"A,\" said",
            "He said:",
            "''",
            "``x''",
            "“é”, dit-il. «Ça va»",
            "Mr. said. \"\" — ― --",
            "X, Y, said, Z, according to, W.",
            "it was reported that",
            "\n\n\"\n\n\"\n",
        ] {
            let doc = extract(text);
            for c in &doc.claims {
                assert!(text.get(c.span.start..c.span.end).is_some());
            }
        }
    }
}
