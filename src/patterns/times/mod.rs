//! Time expressions (TIMEX3 dates, times, durations and sets), normalised against the
//! document's reference date (issue 16).
//!
//! recognise: token pieces → expressions with values; normalise: relative values against the
//! reference date and tense; lexicon: the word lists of `gazetteers/times/`; civil: calendar
//! arithmetic.

mod civil;
mod lexicon;
mod link;
mod normalise;
mod recognise;
#[cfg(test)]
mod tests;

pub use civil::Ymd;
pub use link::link_times;

use crate::document::{sentence_index, Span, Time};
use crate::text::tokens::Token;
use lexicon::TimeLexicon;
use normalise::Anchor;
use recognise::{pieces, Matcher, Piece};

/// Finds and normalises time expressions. Build once; `find` is thread-safe.
pub struct TimeParser {
    lexicon: TimeLexicon,
}

impl Default for TimeParser {
    fn default() -> Self {
        TimeParser::new()
    }
}

impl TimeParser {
    pub fn new() -> TimeParser {
        TimeParser {
            lexicon: TimeLexicon::new(),
        }
    }

    /// Every time expression of `text`, in order, resolved against `dct` when given.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Span],
        dct: Option<Ymd>,
    ) -> Vec<Time> {
        let p = pieces(text, tokens, &self.lexicon);
        let mut times = Vec::new();
        let mut tense = TenseCache::default();
        let first_quarter = (p.iter())
            .position(|q| q.lex == Some(lexicon::Lex::Unit(lexicon::Unit::Q)))
            .unwrap_or(usize::MAX - 64);
        let mut i = 0;
        while i < p.len() {
            if p[i].lex.is_none() && !p[i].digits {
                i += 1;
                continue;
            }
            // Tense matters only to names and day numbers; finding it costs a look back.
            let named = matches!(
                p[i].lex,
                Some(lexicon::Lex::Month(_) | lexicon::Lex::Weekday(_))
            );
            let future = (named || p[i].digits) && tense.future(text, &p, sentences, i);
            let matcher = Matcher {
                first_quarter,
                text,
                p: &p,
                lexicon: &self.lexicon,
                anchor: Anchor { dct, future },
            };
            match matcher.at(i) {
                Some(h) if h.end > h.start => {
                    times.push(Time {
                        span: Span::new(p[h.start].span.start, p[h.end - 1].span.end),
                        time_type: h.time_type,
                        value: h.value,
                        relative: h.relative,
                    });
                    i = h.end;
                }
                _ => i += 1,
            }
        }
        times
    }

    /// The date of a dateline near the start of the text ("Tuesday, September 22, 2015",
    /// "LONDON, Aug. 27, 2021 (Reuters) -"): a full date with its year in the first 200 bytes.
    pub fn dateline(&self, text: &str, tokens: &[Token], sentences: &[Span]) -> Option<Ymd> {
        let head = tokens.iter().take_while(|t| t.span().end <= 200).count();
        self.find(text, &tokens[..head], sentences, None)
            .into_iter()
            .find(|t| !t.relative && t.value.len() == 10)
            .and_then(|t| Ymd::parse(&t.value))
    }
}

/// Whether the expression at piece `i` is in future reporting: a "will" (or "'ll", "shall")
/// shortly before it in its sentence ("will meet on Thursday"). One after it usually belongs to
/// reported content ("said Wednesday it will …").
#[derive(Default)]
struct TenseCache {
    sentence_start: usize,
}

impl TenseCache {
    fn future(&mut self, text: &str, p: &[Piece], sentences: &[Span], i: usize) -> bool {
        let s = sentence_index(sentences, p[i].span.start);
        self.sentence_start = sentences.get(s).map_or(0, |s| s.start).min(text.len());
        (i.saturating_sub(8)..i)
            .filter(|&k| p[k].span.start >= self.sentence_start)
            .any(|k| is_future_marker(p, k))
    }
}

/// Words that put what follows in the future: "will", "'ll", "shall", "scheduled (to)",
/// "planned", "due", "until", "set to", "is to".
fn is_future_marker(p: &[Piece], k: usize) -> bool {
    let word = p[k].text;
    let is = |w: &str| word.eq_ignore_ascii_case(w);
    let next_is_to = p.get(k + 1).is_some_and(|q| q.text == "to");
    [
        "will",
        "won't",
        "shall",
        "scheduled",
        "planned",
        "plans",
        "due",
        "until",
        "slated",
        "expected",
    ]
    .iter()
    .any(|w| is(w))
        || (next_is_to && ["set", "is", "are", "going"].iter().any(|w| is(w)))
        || word.ends_with("'ll")
        || word.ends_with("\u{2019}ll")
}
