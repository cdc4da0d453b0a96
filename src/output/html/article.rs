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

/// The opening tag of a segment covered by the marks `active`.
fn segment_tag(
    tag: &mut String,
    seg: Span,
    active: &[usize],
    spans: &[Span],
    layers: &[Layer],
    doc: &Document,
) {
    let mut class = String::new();
    let (mut e, mut f, mut c, mut k, mut s) =
        (Ids::new(), Ids::new(), Ids::new(), Ids::new(), Ids::new());
    let mut starts_here = false;
    let mut claim_anchor = None;
    let mut figure_value = None;
    for &i in active {
        let span = spans[i];
        starts_here |= span.start == seg.start;
        match layers[i] {
            Layer::Mention { entity, mention } => {
                let letter = match doc.entities[entity].entity_type {
                    EntityType::Person => "p",
                    EntityType::Group => "g",
                    EntityType::Place => "l",
                };
                add_class(&mut class, "m");
                add_class(&mut class, letter);
                e.push(format_args!("e{}.{}", entity + 1, mention + 1));
            }
            Layer::Figure(i) => {
                add_class(&mut class, "f");
                f.push(format_args!("f{}", i + 1));
                if span.end == seg.end {
                    figure_value = Some(figure_label(&doc.figures[i]));
                }
            }
            Layer::Content(i) => {
                add_class(&mut class, "c");
                if doc.claims[i].kind == ClaimKind::Unattributed {
                    add_class(&mut class, "u");
                }
                c.push(format_args!("c{}", i + 1));
                let first = doc.claims[i]
                    .fragments
                    .first()
                    .map_or(doc.claims[i].span, |s| *s);
                if first.start == seg.start && claim_anchor.is_none() {
                    claim_anchor = Some(i + 1);
                }
            }
            Layer::Cue(i) => {
                add_class(&mut class, "k");
                k.push(format_args!("c{}", i + 1));
            }
            Layer::Source(i) => {
                add_class(&mut class, "s");
                s.push(format_args!("c{}", i + 1));
            }
        }
    }
    let _ = write!(tag, "<span class=\"{class}\"");
    if let Some(n) = claim_anchor {
        let _ = write!(tag, " id=\"c{n}\"");
    }
    for (name, ids) in [("e", e), ("f", f), ("c", c), ("k", k), ("s", s)] {
        if !ids.0.is_empty() {
            let _ = write!(tag, " data-{name}=\"{}\"", ids.0);
        }
    }
    if let Some(value) = figure_value {
        let _ = write!(tag, " data-v=\"{}\"", escape::text(&value));
    }
    if starts_here {
        tag.push_str(" tabindex=\"0\"");
    }
    tag.push('>');
}

/// A space-separated list of ids, without repeats (a claim's pieces may meet in one segment).
struct Ids(String);

impl Ids {
    fn new() -> Ids {
        Ids(String::new())
    }

    fn push(&mut self, id: std::fmt::Arguments) {
        let id = id.to_string();
        if self.0.split(' ').any(|x| x == id) {
            return;
        }
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        self.0.push_str(&id);
    }
}

fn add_class(class: &mut String, name: &str) {
    if !class.split(' ').any(|c| c == name) {
        if !class.is_empty() {
            class.push(' ');
        }
        class.push_str(name);
    }
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
