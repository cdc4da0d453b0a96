//! The article as written, every result marked in place: one `<span>` per segment of the sweep,
//! carrying what covers it as classes (for the look) and ids (for the script):
//!
//! | mark            | class        | attribute                 |
//! |-----------------|--------------|---------------------------|
//! | entity mention  | `m p/g/l`    | `data-e="e3.2"` (entity 3, its 2nd mention) |
//! | figure          | `f`          | `data-f="f1"`, `data-v` on its last piece   |
//! | claim content   | `c` (`u` when unattributed) | `data-c="c4"` |
//! | claim cue       | `k`          | `data-k="c4"`             |
//! | claim source    | `s`          | `data-s="c4"`             |
//!
//! Paragraphs (text after a blank line) become blocks of their own, so that the browser can
//! skip laying out the ones off screen; the blocks' text, concatenated, is the input.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::escape;
use super::sweep::sweep;
use crate::document::{ClaimKind, Document, EntityType, Figure, Qualifier, Span};

/// What a mark is, with the indexes (from 0) of the result it belongs to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Layer {
    Mention { entity: usize, mention: usize },
    Figure(usize),
    Content(usize),
    Cue(usize),
    Source(usize),
}

/// Every mark of `doc`, with its layer; marks off character boundaries (never made by the
/// pipeline) are dropped rather than allowed to split a character.
fn marks(text: &str, doc: &Document) -> (Vec<Span>, Vec<Layer>) {
    let mut spans = Vec::new();
    let mut layers = Vec::new();
    let mut add = |span: Span, layer: Layer| {
        if span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
        {
            spans.push(span);
            layers.push(layer);
        }
    };
    for (entity, e) in doc.entities.iter().enumerate() {
        for (mention, m) in e.mentions.iter().enumerate() {
            add(m.span, Layer::Mention { entity, mention });
        }
    }
    for (i, f) in doc.figures.iter().enumerate() {
        add(f.span, Layer::Figure(i));
    }
    for (i, c) in doc.claims.iter().enumerate() {
        // A split quotation is marked piece by piece, so that "she said" between is not content.
        if c.fragments.is_empty() {
            add(c.span, Layer::Content(i));
        }
        for &f in &c.fragments {
            add(f, Layer::Content(i));
        }
        if let Some(cue) = c.cue {
            add(cue, Layer::Cue(i));
        }
        if let Some(source) = &c.source {
            add(source.span, Layer::Source(i));
        }
    }
    (spans, layers)
}

/// Offsets where a paragraph starts: after a run of blank space holding two line breaks.
fn paragraph_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let (mut newlines, mut after_last) = (0, 0);
    for (i, &b) in text.as_bytes().iter().enumerate() {
        match b {
            b'\n' => {
                newlines += 1;
                after_last = i + 1;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => {
                if newlines >= 2 {
                    starts.push(after_last);
                }
                newlines = 0;
            }
        }
    }
    starts
}

/// Writes the blocks of the article (`<div class="b">…</div>` each) to `out`.
pub fn write_article(out: &mut dyn Write, text: &str, doc: &Document) -> io::Result<()> {
    let (spans, layers) = marks(text, doc);
    let starts = paragraph_starts(text);
    let mut next_block = 0;
    let mut open_tag = String::new();
    let mut result = Ok(());
    out.write_all(b"<div class=\"b\">")?;
    sweep(text.len(), &spans, &starts, |seg, active| {
        if result.is_err() {
            return;
        }
        result = (|| {
            if starts.get(next_block) == Some(&seg.start) {
                next_block += 1;
                out.write_all(b"</div><div class=\"b\">")?;
            }
            if active.is_empty() {
                return escape::write_text(out, seg.text(text));
            }
            open_tag.clear();
            segment_tag(&mut open_tag, seg, active, &spans, &layers, doc);
            out.write_all(open_tag.as_bytes())?;
            escape::write_text(out, seg.text(text))?;
            out.write_all(b"</span>")
        })();
    });
    result?;
    out.write_all(b"</div>")
}

/// Classes, in the order they are written; a segment's set is a bit mask of them.
const CLASSES: [&str; 9] = ["m", "p", "g", "l", "f", "c", "u", "k", "s"];

fn class_bits(layer: Layer, doc: &Document) -> u16 {
    let bit = |name: &str| 1 << CLASSES.iter().position(|c| *c == name).unwrap_or(0);
    match layer {
        Layer::Mention { entity, .. } => {
            bit("m")
                | match doc.entities[entity].entity_type {
                    EntityType::Person => bit("p"),
                    EntityType::Group => bit("g"),
                    EntityType::Place => bit("l"),
                }
        }
        Layer::Figure(_) => bit("f"),
        Layer::Content(i) if doc.claims[i].kind == ClaimKind::Unattributed => bit("c") | bit("u"),
        Layer::Content(_) => bit("c"),
        Layer::Cue(_) => bit("k"),
        Layer::Source(_) => bit("s"),
    }
}

/// The id a layer writes under attribute `data-NAME`, if it writes under that one.
fn attribute_id(name: char, layer: Layer) -> Option<(char, usize, Option<usize>)> {
    match (name, layer) {
        ('e', Layer::Mention { entity, mention }) => Some(('e', entity + 1, Some(mention + 1))),
        ('f', Layer::Figure(i)) => Some(('f', i + 1, None)),
        ('c', Layer::Content(i)) | ('k', Layer::Cue(i)) | ('s', Layer::Source(i)) => {
            Some(('c', i + 1, None))
        }
        _ => None,
    }
}

/// The opening tag of a segment covered by the marks `active`, written into `tag` without an
/// allocation per id: a 1 MB article has some hundred thousand segments.
fn segment_tag(
    tag: &mut String,
    seg: Span,
    active: &[usize],
    spans: &[Span],
    layers: &[Layer],
    doc: &Document,
) {
    let mut classes = 0u16;
    let mut starts_here = false;
    let mut claim_anchor = None;
    let mut figure_value = None;
    for &i in active {
        let span = spans[i];
        starts_here |= span.start == seg.start;
        classes |= class_bits(layers[i], doc);
        match layers[i] {
            Layer::Figure(f) if span.end == seg.end => figure_value = Some(f),
            Layer::Content(c) if claim_anchor.is_none() => {
                let claim = &doc.claims[c];
                let first = claim.fragments.first().map_or(claim.span, |s| *s);
                if first.start == seg.start {
                    claim_anchor = Some(c + 1);
                }
            }
            _ => {}
        }
    }
    tag.push_str("<span class=\"");
    let names = CLASSES
        .iter()
        .enumerate()
        .filter(|(b, _)| classes & (1 << b) != 0);
    for (n, (_, name)) in names.enumerate() {
        if n > 0 {
            tag.push(' ');
        }
        tag.push_str(name);
    }
    tag.push('"');
    if let Some(n) = claim_anchor {
        let _ = write!(tag, " id=\"c{n}\"");
    }
    for name in ['e', 'f', 'c', 'k', 's'] {
        // Marks of one result are adjacent in `active` (a claim's fragments): skip repeats.
        let mut last = None;
        for &i in active {
            let Some(id) = attribute_id(name, layers[i]) else {
                continue;
            };
            if last == Some(id) {
                continue;
            }
            tag.push_str(if last.is_none() { " data-" } else { " " });
            if last.is_none() {
                tag.push(name);
                tag.push_str("=\"");
            }
            let _ = match id {
                (prefix, n, Some(m)) => write!(tag, "{prefix}{n}.{m}"),
                (prefix, n, None) => write!(tag, "{prefix}{n}"),
            };
            last = Some(id);
        }
        if last.is_some() {
            tag.push('"');
        }
    }
    if let Some(f) = figure_value {
        let _ = write!(
            tag,
            " data-v=\"{}\"",
            escape::text(&figure_label(&doc.figures[f]))
        );
    }
    if starts_here {
        tag.push_str(" tabindex=\"0\"");
    }
    tag.push('>');
}

/// A figure's normalised value, short enough to show beside it: `≥250`, `1,000–2,000`, `≈40%`.
pub fn figure_label(f: &Figure) -> String {
    let value = match (f.qualifier, f.value, f.low, f.high) {
        (Some(Qualifier::Range), _, Some(low), Some(high)) => {
            format!("{}–{}", number(low), number(high))
        }
        (q, Some(v), ..) => {
            let sign = match q {
                Some(Qualifier::About) => "≈",
                Some(Qualifier::AtLeast) => "≥",
                Some(Qualifier::MoreThan) => ">",
                Some(Qualifier::AtMost) => "≤",
                Some(Qualifier::LessThan) => "<",
                _ if f.approximate => "≈",
                _ => "",
            };
            format!("{sign}{}", number(v))
        }
        _ => "?".to_string(),
    };
    match f.unit.as_deref() {
        Some("percent") => format!("{value}%"),
        Some(u @ ("USD" | "GBP" | "EUR")) => format!("{value} {u}"),
        _ => value,
    }
}

/// A number as people write it: `1,500,000`, `2.5`, `0.04`.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = format!("{}", v.abs() as u64);
        let mut out = String::new();
        if v < 0.0 {
            out.push('-');
        }
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(d);
        }
        return out;
    }
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(1_500_000.0), "1,500,000");
        assert_eq!(number(250.0), "250");
        assert_eq!(number(-1000.0), "-1,000");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(0.04), "0.04");
    }

    #[test]
    fn paragraphs_start_after_blank_lines() {
        let text = "a\nb\n\nc\r\n \r\nd\n";
        assert_eq!(paragraph_starts(text), [5, 11]);
    }
}
