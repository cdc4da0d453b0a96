//! Links time expressions to what they date: a claim's `time` (when the statement was made:
//! "said on Thursday"), its `period` (what the content speaks of) and a figure's `period`
//! ("250 incidents between January 2017 and 2018").

use crate::document::{sentence_index, Claim, Figure, Span, Time, TimeType};

/// How far (bytes) a time may sit from the cue or the figure it belongs to: a few words.
const NEAR: usize = 40;

pub fn link_times(
    times: &[Time],
    sentences: &[Span],
    claims: &mut [Claim],
    figures: &mut [Figure],
) {
    if times.is_empty() {
        return;
    }
    for c in claims.iter_mut() {
        c.period = first_within(times, c.span);
        c.time = c.cue.and_then(|cue| {
            let outside = |t: &Time| !c.fragments.iter().any(|f| f.overlaps(&t.span));
            nearest(times, sentences, cue, |t| {
                matches!(t.time_type, TimeType::Date | TimeType::Time) && outside(t)
            })
        });
    }
    for f in figures.iter_mut() {
        f.period = nearest(times, sentences, f.span, |t| t.time_type != TimeType::Set);
    }
}

/// The first time expression inside `span`.
fn first_within(times: &[Time], span: Span) -> Option<usize> {
    let i = times.partition_point(|t| t.span.start < span.start);
    (times.get(i).is_some_and(|t| span.contains(&t.span))).then_some(i)
}

/// A time expression of `span`'s sentence within [`NEAR`] bytes of it that `ok` accepts: the
/// first after it ("said on Thursday", "250 incidents between January 2017 and 2018"), else
/// the nearest before ("On Thursday, officials said").
fn nearest(
    times: &[Time],
    sentences: &[Span],
    span: Span,
    ok: impl Fn(&Time) -> bool,
) -> Option<usize> {
    let sentence = sentence_index(sentences, span.start);
    let same = |t: &Time| sentence_index(sentences, t.span.start) == sentence;
    let i = times.partition_point(|t| t.span.start < span.start);
    let after = (i..times.len())
        .take_while(|&k| times[k].span.start <= span.end + NEAR)
        .find(|&k| ok(&times[k]) && same(&times[k]) && times[k].span.start >= span.end);
    let before = (0..i)
        .rev()
        .take_while(|&k| times[k].span.end + NEAR >= span.start)
        .find(|&k| ok(&times[k]) && same(&times[k]) && times[k].span.end <= span.start);
    after.or(before)
}

#[cfg(test)]
mod tests {
    use crate::extractor::Extractor;

    #[test]
    fn claims_and_figures_get_their_times() {
        let extractor = Extractor::new(&Default::default()).unwrap();
        let text = "date 2021-08-27 Test\n\nOfficials said on Thursday that at least 250 \
                    incidents happened between January 2017 and 2018.";
        let doc = extractor.extract(text);
        let named = |i: Option<usize>| i.map(|i| doc.times[i].span.text(text));
        let claim = doc
            .claims
            .iter()
            .find(|c| c.cue.is_some())
            .expect("a claim");
        assert_eq!(named(claim.time), Some("Thursday"));
        assert_eq!(named(claim.period), Some("January 2017"));
        assert_eq!(named(doc.figures[0].period), Some("January 2017"));
    }
}
