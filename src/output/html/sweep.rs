//! Marks over the text (mentions, figures, claim parts) nest and overlap freely, while HTML
//! elements may only nest. The sweep cuts the text at every mark boundary into segments that
//! each know the marks covering them: the 2n boundaries are sorted once and walked once, so a
//! 1 MB article with tens of thousands of marks costs milliseconds, not a quadratic scan.

use crate::document::Span;

/// Cuts `0..len` at the start and end of every non-empty mark in `marks` and at every offset in
/// `cuts` (sorted), and calls `emit` for each piece in order with the indexes (ascending) of
/// the marks covering it. Marks reaching past `len` are ignored.
pub fn sweep(len: usize, marks: &[Span], cuts: &[usize], mut emit: impl FnMut(Span, &[usize])) {
    // (offset, opens, mark): at one offset, closing sorts before opening.
    let mut events: Vec<(usize, bool, usize)> = Vec::with_capacity(marks.len() * 2);
    for (i, m) in marks.iter().enumerate() {
        if m.start < m.end && m.end <= len {
            events.push((m.start, true, i));
            events.push((m.end, false, i));
        }
    }
    events.sort_unstable();
    let mut active: Vec<usize> = Vec::new();
    let (mut e, mut c) = (0, 0);
    let mut at = 0;
    while at < len {
        while let Some(&(offset, opens, mark)) = events.get(e) {
            if offset != at {
                break;
            }
            match (active.binary_search(&mark), opens) {
                (Err(i), true) => active.insert(i, mark),
                (Ok(i), false) => {
                    active.remove(i);
                }
                _ => {}
            }
            e += 1;
        }
        while cuts.get(c).is_some_and(|&cut| cut <= at) {
            c += 1;
        }
        let next_event = events.get(e).map_or(len, |ev| ev.0);
        let next = next_event.min(cuts.get(c).copied().unwrap_or(len)).min(len);
        emit(Span::new(at, next), &active);
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(
        len: usize,
        marks: &[(usize, usize)],
        cuts: &[usize],
    ) -> Vec<(usize, usize, Vec<usize>)> {
        let marks: Vec<Span> = marks.iter().map(|&(s, e)| Span::new(s, e)).collect();
        let mut out = Vec::new();
        sweep(len, &marks, cuts, |span, active| {
            out.push((span.start, span.end, active.to_vec()))
        });
        out
    }

    #[test]
    fn overlapping_and_nested_marks_become_flat_segments() {
        // 0..10 holds 2..6 and overlaps 4..8; an empty mark and one past the end are ignored.
        let got = pieces(12, &[(0, 10), (2, 6), (4, 8), (5, 5), (3, 20)], &[]);
        assert_eq!(
            got,
            [
                (0, 2, vec![0]),
                (2, 4, vec![0, 1]),
                (4, 6, vec![0, 1, 2]),
                (6, 8, vec![0, 2]),
                (8, 10, vec![0]),
                (10, 12, vec![]),
            ]
        );
    }

    #[test]
    fn cuts_split_segments_and_pieces_tile_the_text() {
        let got = pieces(10, &[(2, 8)], &[5, 5, 9]);
        let spans: Vec<(usize, usize)> = got.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(spans, [(0, 2), (2, 5), (5, 8), (8, 9), (9, 10)]);
        assert!(pieces(0, &[], &[]).is_empty());
    }
}
