//! What must hold for every input, whatever the rules find: shared by the property test
//! (`tests/properties.rs`) and the fuzz target (`fuzz/fuzz_targets/extract.rs`).
//!
//! Only stable public APIs are used (`Document`'s spans and `output::to_wire`), so the checks
//! survive rewrites of the stages.

use std::collections::HashSet;

use claimex::document::Span;
use claimex::output::to_wire;
use claimex::Document;
use serde_json::Value;

/// Character index → byte offset for every character boundary of `text` (one past the end
/// included), so that checking a span costs O(1) instead of a walk from the start.
struct CharIndex<'t> {
    text: &'t str,
    byte_of_char: Vec<usize>,
}

impl<'t> CharIndex<'t> {
    fn new(text: &'t str) -> CharIndex<'t> {
        let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of_char.push(text.len());
        CharIndex { text, byte_of_char }
    }

    fn chars(&self) -> usize {
        self.byte_of_char.len() - 1
    }

    /// The text between two character offsets, as `text.chars().skip(start).take(end - start)`
    /// would give it, or an error when the offsets are out of range or reversed.
    fn slice(&self, start: usize, end: usize) -> Result<&'t str, String> {
        if start > end || end > self.chars() {
            return Err(format!(
                "char range {start}..{end} invalid for a text of {} chars",
                self.chars()
            ));
        }
        Ok(&self.text[self.byte_of_char[start]..self.byte_of_char[end]])
    }

    /// Checks that a wire span's offsets give back its text.
    fn check(&self, what: &str, start: usize, end: usize, text: &str) -> Result<(), String> {
        let got = self.slice(start, end).map_err(|e| format!("{what}: {e}"))?;
        if got != text {
            return Err(format!(
                "{what} {start}..{end}: offsets give {got:?} but text is {text:?}"
            ));
        }
        Ok(())
    }
}

fn check_byte_span(text: &str, what: &str, span: Span) -> Result<(), String> {
    if span.start > span.end
        || span.end > text.len()
        || !text.is_char_boundary(span.start)
        || !text.is_char_boundary(span.end)
    {
        return Err(format!(
            "{what}: byte span {}..{} is not a valid range of a {}-byte text",
            span.start,
            span.end,
            text.len()
        ));
    }
    Ok(())
}

/// Every byte span of the document is a valid range of `text` (checked before `to_wire`, which
/// would panic on a bad one).
fn check_byte_spans(text: &str, doc: &Document) -> Result<(), String> {
    if let Some(t) = doc.header.title {
        check_byte_span(text, "title", t)?;
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        check_byte_span(text, &format!("sentence {i}"), *s)?;
    }
    for (i, e) in doc.entities.iter().enumerate() {
        for m in &e.mentions {
            check_byte_span(text, &format!("entity {i} mention"), m.span)?;
        }
    }
    for (i, f) in doc.figures.iter().enumerate() {
        check_byte_span(text, &format!("figure {i}"), f.span)?;
    }
    for (i, c) in doc.claims.iter().enumerate() {
        check_byte_span(text, &format!("claim {i}"), c.span)?;
        for f in &c.fragments {
            check_byte_span(text, &format!("claim {i} fragment"), *f)?;
        }
        if let Some(cue) = c.cue {
            check_byte_span(text, &format!("claim {i} cue"), cue)?;
        }
        if let Some(src) = &c.source {
            check_byte_span(text, &format!("claim {i} source"), src.span)?;
            if let Some(role) = src.role {
                check_byte_span(text, &format!("claim {i} source role"), role)?;
            }
        }
    }
    Ok(())
}

/// Field `key` of a JSON object as a count, or an error naming `what`.
fn num(v: &Value, key: &str, what: &str) -> Result<usize, String> {
    v.get(key)
        .and_then(Value::as_u64)
        .map(|n| n as usize)
        .ok_or_else(|| format!("{what}: no numeric {key:?}"))
}

fn list<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Checks that a JSON span `{start, end, text}` gives back its text.
fn check_span(index: &CharIndex, what: &str, span: &Value) -> Result<(), String> {
    let text = span
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{what}: no \"text\""))?;
    index.check(
        what,
        num(span, "start", what)?,
        num(span, "end", what)?,
        text,
    )
}

/// Checks every invariant of one analysed text; the error says which and where.
///
/// The wire-level checks read the JSON value of `output::to_wire`, i.e. the output contract
/// itself, so they do not depend on how the wire types are represented in Rust.
pub fn check(text: &str, doc: &Document) -> Result<(), String> {
    check_byte_spans(text, doc)?;
    let wire = serde_json::to_value(to_wire("check", text, doc, true))
        .map_err(|e| format!("JSON serialisation failed: {e}"))?;
    let index = CharIndex::new(text);

    // Sentences tile the text: no gap, no overlap, from the first character to the last.
    let sentences = list(&wire, "sentences");
    let mut at = 0;
    for (i, s) in sentences.iter().enumerate() {
        let what = format!("sentence {i}");
        let (start, end) = (num(s, "start", &what)?, num(s, "end", &what)?);
        if start != at {
            return Err(format!("{what} starts at {start} not {at}"));
        }
        if end <= start {
            return Err(format!("{what} is empty ({start}..{end})"));
        }
        at = end;
    }
    if at != index.chars() && !(sentences.is_empty() && text.trim().is_empty()) {
        return Err(format!(
            "sentences end at {at}, the text has {} chars",
            index.chars()
        ));
    }

    let sentence_ok = |what: &str, v: &Value| {
        let n = num(v, "sentence", what)?;
        if n < sentences.len() {
            Ok(())
        } else {
            Err(format!("{what}: sentence {n} does not exist"))
        }
    };
    let ids = |key: &str| -> HashSet<String> {
        list(&wire, key)
            .iter()
            .filter_map(|x| x.get("id").and_then(Value::as_str).map(str::to_string))
            .collect()
    };
    let entity_ids = ids("entities");
    let figure_ids = ids("figures");
    let refers = |what: &str, id: &Value, known: &HashSet<String>| match id {
        Value::Null => Ok(()),
        Value::String(s) if known.contains(s) => Ok(()),
        other => Err(format!("{what} refers to missing id {other}")),
    };

    for e in list(&wire, "entities") {
        let what = format!("entity {}", e.get("id").unwrap_or(&Value::Null));
        let mentions = list(e, "mentions");
        if mentions.is_empty() {
            return Err(format!("{what} has no mentions"));
        }
        for m in mentions {
            check_span(&index, &format!("{what} mention"), m)?;
            sentence_ok(&what, m)?;
        }
    }
    for f in list(&wire, "figures") {
        let what = format!("figure {}", f.get("id").unwrap_or(&Value::Null));
        check_span(&index, &what, f)?;
        sentence_ok(&what, f)?;
    }
    for c in list(&wire, "claims") {
        let what = format!("claim {}", c.get("id").unwrap_or(&Value::Null));
        check_span(&index, &what, c)?;
        sentence_ok(&what, c)?;
        if let Some(cue) = c.get("cue").filter(|v| !v.is_null()) {
            check_span(&index, &format!("{what} cue"), cue)?;
        }
        for (k, frag) in list(c, "fragments").iter().enumerate() {
            check_span(&index, &format!("{what} fragment {k}"), frag)?;
        }
        if let Some(src) = c.get("source").filter(|v| !v.is_null()) {
            check_span(&index, &format!("{what} source"), src)?;
            if let Some(role) = src.get("role").filter(|v| !v.is_null()) {
                check_span(&index, &format!("{what} role"), role)?;
            }
            for key in ["entity", "affiliation"] {
                if let Some(id) = src.get(key) {
                    refers(&format!("{what} source {key}"), id, &entity_ids)?;
                }
            }
        }
        for id in list(c, "entities") {
            refers(&what, id, &entity_ids)?;
        }
        for id in list(c, "figures") {
            refers(&what, id, &figure_ids)?;
        }
    }
    if let (Some(t), Some(title)) = (
        doc.header.title,
        wire.pointer("/document/title").and_then(Value::as_str),
    ) {
        if t.text(text) != title {
            return Err("title text differs from its span".into());
        }
    }
    Ok(())
}

/// Bugs found by this test or the fuzzer in modules owned elsewhere, tolerated here (so the
/// suite and the fuzzer stay useful) until their owner fixes them; each has an ignored regression
/// test in tests/properties.rs that fails until then. Remove an entry when that test passes.
pub fn known_bug(_text: &str, _error: &str) -> Option<&'static str> {
    None
}
