//! Attribution: find reporting cues, the content they introduce and the source that speaks,
//! and mark figure-bearing sentences in the writer's own voice.
//!
//! The rules run in passes over one [`view::DocView`]:
//! 1. [`quoted`]: quotations with a speaker next to them (`"Q," X said`, `X said: "Q"`),
//!    split quotes and their continuations;
//! 2. [`reported`]: cue words with a source before or after (`X said (that) C`, `C, X said`,
//!    `According to X, C`, `X claimed responsibility for C`);
//! 3. quotations left over: a quote-only paragraph takes the previous paragraph's speaker;
//! 4. [`hedged`]: passive and hedged reports with no source (`is thought to`, `reportedly`);
//! 5. [`unattributed`]: figures in the writer's own voice.

mod content;
mod hedged;
pub mod lexicon;
mod quoted;
mod quotes;
mod reported;
mod source;
mod unattributed;
mod view;

use crate::document::{Claim, ClaimKind, Entity, Figure, Source, Span};
use crate::text::tokens::Token;
use lexicon::{CueLexicon, HedgeRole};
use view::DocView;

/// Attributes claims to sources. Build once, use for many documents.
#[derive(Clone, Debug, Default)]
pub struct Attributor {
    lexicon: CueLexicon,
}

/// Claims found so far and what they used up.
struct Found {
    claims: Vec<Claim>,
    /// Per token: this cue word already introduced a claim.
    used_cue: Vec<bool>,
    /// Per quotation: already part of a claim.
    used_quote: Vec<bool>,
}

impl Found {
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
    }
}

/// A claim over `fragments` (in text order, at least one), without figure and entity links.
fn claim(
    v: &DocView,
    kind: Option<ClaimKind>,
    fragments: Vec<Span>,
    cue: Option<Span>,
    source: Option<Source>,
    via: &str,
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
        source,
        hedges: Vec::new(),
        figures: Vec::new(),
        entities: Vec::new(),
        via: format!("attribute:{via}"),
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
        let mut found = Found {
            claims: Vec::new(),
            used_cue: vec![false; tokens.len()],
            used_quote: vec![false; v.quotes.len()],
        };
        quoted::with_speaker(&v, &mut found);
        reported::claims(&v, &mut found);
        quoted::leftovers(&v, &mut found);
        hedged::claims(&v, &mut found);
        let mut claims = found.claims;
        claims.sort_by_key(|c| (c.span.start, c.span.end));
        claims.dedup_by(|a, b| a.span == b.span && a.source == b.source);
        for c in &mut claims {
            add_modal_hedges(&v, c);
        }
        unattributed::claims(&v, figures, &mut claims);
        claims.sort_by_key(|c| (c.span.start, c.span.end));
        for c in &mut claims {
            link(&v, figures, c);
        }
        claims
    }
}

/// Records modal hedges ("might", "could") inside the content.
fn add_modal_hedges(v: &DocView, claim: &mut Claim) {
    for f in claim.fragments.clone() {
        for i in v.token_at(f.start)..v.token_at(f.end) {
            if !v.info[i].hedge_start {
                continue;
            }
            let modal = v
                .lexicon
                .hedges_starting(v.info[i])
                .any(|h| h.role == HedgeRole::Modal && h.words.len() == 1);
            let word = v.word(i).to_lowercase();
            if modal && !claim.hedges.contains(&word) {
                claim.hedges.push(word);
            }
        }
    }
}

/// Links the figures and entities whose spans lie inside the claim's fragments.
fn link(v: &DocView, figures: &[Figure], claim: &mut Claim) {
    let inside = |s: &Span| claim.fragments.iter().any(|f| f.contains(s));
    claim.figures = (0..figures.len())
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
