//! Semantic diff of two outputs: entities keyed by type + name, figures by text + value, claims
//! by source text + content, so that offsets and ids that shift when the text moves are not
//! differences, but a changed qualifier, cue or source is.
//!
//! Works on plain JSON values, so it reads outputs of any claimex version.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::input::{self, Filter, Glob};

/// One document of an output: its id and its JSON.
pub type Doc = (String, Value);

/// Reads an output file: one JSON document (pretty or not), or JSON Lines.
pub fn read_docs(path: &Path) -> Result<Vec<Doc>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = input::decode(path, bytes)?;
    if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(&text) {
        return Ok(vec![(doc_id(&value), value)]);
    }
    let mut docs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            line: n + 1,
            message: format!("not a claimex output document: {e}"),
        })?;
        docs.push((doc_id(&value), value));
    }
    Ok(docs)
}

fn doc_id(value: &Value) -> String {
    match value.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Output files below a folder (`*.json`, `*.jsonl`), keyed by their path below it.
fn output_files(dir: &Path) -> Result<BTreeMap<PathBuf, PathBuf>> {
    let filter = Filter {
        globs: vec![Glob::new("*.json"), Glob::new("*.jsonl")],
        excludes: Vec::new(),
    };
    let (sources, mut errors) = input::expand_paths(&[dir.to_path_buf()], &filter);
    if let Some(e) = errors.drain(..).next() {
        return Err(e);
    }
    Ok(sources.into_iter().map(|s| (s.relative, s.path)).collect())
}

/// Compares two outputs, each a file or a folder of files (paired by path below it).
pub fn diff_paths(old: &Path, new: &Path) -> Result<Vec<DocDiff>> {
    if old.is_dir() && new.is_dir() {
        let olds = output_files(old)?;
        let news = output_files(new)?;
        let mut diffs = Vec::new();
        let mut names: Vec<&PathBuf> = olds.keys().chain(news.keys()).collect();
        names.sort();
        names.dedup();
        for name in names {
            let a = olds.get(name).map(|p| read_docs(p)).transpose()?;
            let b = news.get(name).map(|p| read_docs(p)).transpose()?;
            diffs.extend(diff_docs(a.unwrap_or_default(), b.unwrap_or_default()));
        }
        return Ok(diffs);
    }
    Ok(diff_docs(read_docs(old)?, read_docs(new)?))
}

/// Pairs documents by id (a lone document on each side is paired whatever its id) and
/// compares each pair; returns only the documents that differ.
pub fn diff_docs(old: Vec<Doc>, new: Vec<Doc>) -> Vec<DocDiff> {
    if old.len() == 1 && new.len() == 1 {
        let (id, a) = &old[0];
        let (_, b) = &new[0];
        return diff_doc(id, a, b).into_iter().collect();
    }
    let mut news: HashMap<&str, &Value> = new.iter().map(|(id, v)| (id.as_str(), v)).collect();
    let mut diffs = Vec::new();
    for (id, a) in &old {
        match news.remove(id.as_str()) {
            Some(b) => diffs.extend(diff_doc(id, a, b)),
            None => diffs.push(DocDiff::whole(id, Status::Removed)),
        }
    }
    for (id, _) in &new {
        if news.contains_key(id.as_str()) {
            diffs.push(DocDiff::whole(id, Status::Added));
        }
    }
    diffs
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Added,
    Removed,
    Changed,
}

/// How one document differs.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct DocDiff {
    pub id: String,
    pub status: Status,
    /// Differences of the document as a whole (title, date).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub document: Vec<FieldChange>,
    pub entities: Changes,
    pub figures: Changes,
    pub claims: Changes,
}

impl DocDiff {
    fn whole(id: &str, status: Status) -> DocDiff {
        DocDiff {
            id: id.to_string(),
            status,
            document: Vec::new(),
            entities: Changes::default(),
            figures: Changes::default(),
            claims: Changes::default(),
        }
    }

    fn is_empty(&self) -> bool {
        self.document.is_empty()
            && self.entities.is_empty()
            && self.figures.is_empty()
            && self.claims.is_empty()
    }
}

/// Added, removed and changed items of one kind, each named by its key.
#[derive(Serialize, Debug, Clone, PartialEq, Default)]
pub struct Changes {
    pub added: Vec<Item>,
    pub removed: Vec<Item>,
    pub changed: Vec<Change>,
}

/// An item present on one side only: its key, and the item as that side wrote it.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Item {
    pub key: String,
    pub item: Value,
}

/// The whole result of `claimex diff --format json`.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct DiffReport<'a> {
    pub differ: bool,
    pub documents: &'a [DocDiff],
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Change {
    pub key: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub old: Value,
    pub new: Value,
}

/// Compares two documents; `None` when they agree on everything the diff looks at.
pub fn diff_doc(id: &str, old: &Value, new: &Value) -> Option<DocDiff> {
    let mut diff = DocDiff::whole(id, Status::Changed);
    for field in ["title", "date"] {
        let a = old.pointer(&format!("/document/{field}")).cloned();
        let b = new.pointer(&format!("/document/{field}")).cloned();
        push_change(&mut diff.document, field, a, b);
    }
    let old_view = View::new(old);
    let new_view = View::new(new);
    diff.entities = compare(&old_view.entities(), &new_view.entities());
    diff.figures = compare(&old_view.figures(), &new_view.figures());
    diff.claims = compare(&old_view.claims(), &new_view.claims());
    (!diff.is_empty()).then_some(diff)
}

fn push_change(out: &mut Vec<FieldChange>, field: &str, old: Option<Value>, new: Option<Value>) {
    let old = old.unwrap_or(Value::Null);
    let new = new.unwrap_or(Value::Null);
    if old != new {
        out.push(FieldChange {
            field: field.to_string(),
            old,
            new,
        });
    }
}

/// An item reduced to its key and the fields compared under that key.
struct Keyed<'a> {
    key: String,
    fields: Vec<(&'static str, Value)>,
    item: &'a Value,
}

/// Reads a document's items with ids replaced by what they name.
struct View<'a> {
    doc: &'a Value,
    entity_names: HashMap<&'a str, String>,
    figure_texts: HashMap<&'a str, String>,
}

fn items<'a>(doc: &'a Value, field: &str) -> &'a [Value] {
    doc[field].as_array().map_or(&[], |a| a.as_slice())
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

impl<'a> View<'a> {
    fn new(doc: &'a Value) -> View<'a> {
        let named = |field: &str, name: fn(&Value) -> String| {
            items(doc, field)
                .iter()
                .filter_map(|item| Some((item["id"].as_str()?, name(item))))
                .collect::<HashMap<_, _>>()
        };
        View {
            doc,
            entity_names: named("entities", |e| {
                format!("{} \"{}\"", text(&e["type"]), text(&e["name"]))
            }),
            figure_texts: named("figures", |f| text(&f["text"])),
        }
    }

    fn names(&self, ids: &Value, table: &HashMap<&str, String>) -> Value {
        let mut names: Vec<String> = ids
            .as_array()
            .map(|a| a.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|id| {
                let id = id.as_str().unwrap_or_default();
                table.get(id).cloned().unwrap_or_else(|| id.to_string())
            })
            .collect();
        names.sort();
        Value::from(names)
    }

    fn entities(&self) -> Vec<Keyed<'a>> {
        items(self.doc, "entities")
            .iter()
            .map(|e| {
                let mut mentions: Vec<String> = items(e, "mentions")
                    .iter()
                    .map(|m| text(&m["text"]))
                    .collect();
                mentions.sort();
                Keyed {
                    key: format!("{} \"{}\"", text(&e["type"]), text(&e["name"])),
                    fields: vec![
                        ("kb_id", e["kb_id"].clone()),
                        ("subtype", e["subtype"].clone()),
                        ("mentions", Value::from(mentions)),
                    ],
                    item: e,
                }
            })
            .collect()
    }

    fn figures(&self) -> Vec<Keyed<'a>> {
        items(self.doc, "figures")
            .iter()
            .map(|f| Keyed {
                key: format!("\"{}\" = {}", text(&f["text"]), f["value"]),
                fields: ["low", "high", "qualifier", "approximate", "unit"]
                    .into_iter()
                    .map(|k| (k, f[k].clone()))
                    .collect(),
                item: f,
            })
            .collect()
    }

    fn claims(&self) -> Vec<Keyed<'a>> {
        items(self.doc, "claims")
            .iter()
            .map(|c| {
                let source = c["source"]["text"].as_str().unwrap_or("(no source)");
                let source_entity = c["source"]["entity"]
                    .as_str()
                    .and_then(|id| self.entity_names.get(id).cloned())
                    .map_or(Value::Null, Value::from);
                Keyed {
                    key: format!("{source}: \"{}\"", text(&c["text"])),
                    fields: vec![
                        ("kind", c["kind"].clone()),
                        ("cue", c["cue"]["text"].clone()),
                        ("source entity", source_entity),
                        ("figures", self.names(&c["figures"], &self.figure_texts)),
                        ("entities", self.names(&c["entities"], &self.entity_names)),
                    ],
                    item: c,
                }
            })
            .collect()
    }
}

/// Pairs items with equal keys (the n-th with the n-th when a key repeats) and lists what was
/// added, removed or changed.
fn compare(old: &[Keyed], new: &[Keyed]) -> Changes {
    type Sides<'k, 'a> = (Vec<&'k Keyed<'a>>, Vec<&'k Keyed<'a>>);
    let mut by_key: BTreeMap<&str, Sides> = BTreeMap::new();
    let mut order = Vec::new();
    for (side, list) in [(0, old), (1, new)] {
        for item in list {
            let entry = by_key.entry(&item.key).or_insert_with(|| {
                order.push(item.key.as_str());
                Default::default()
            });
            if side == 0 {
                entry.0.push(item);
            } else {
                entry.1.push(item);
            }
        }
    }
    let mut changes = Changes::default();
    for key in order {
        let (a, b) = &by_key[key];
        for pair in 0..a.len().max(b.len()) {
            match (a.get(pair), b.get(pair)) {
                (Some(x), None) => changes.removed.push(Item {
                    key: key.to_string(),
                    item: x.item.clone(),
                }),
                (None, Some(y)) => changes.added.push(Item {
                    key: key.to_string(),
                    item: y.item.clone(),
                }),
                (Some(x), Some(y)) => {
                    let mut fields = Vec::new();
                    for ((name, va), (_, vb)) in x.fields.iter().zip(&y.fields) {
                        push_change(&mut fields, name, Some(va.clone()), Some(vb.clone()));
                    }
                    if !fields.is_empty() {
                        changes.changed.push(Change {
                            key: key.to_string(),
                            fields,
                        });
                    }
                }
                (None, None) => {}
            }
        }
    }
    changes
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{cut}…")
}

/// A readable report: one block per document, `+` added, `-` removed, `~` changed.
pub fn report(diffs: &[DocDiff]) -> String {
    let mut out = String::new();
    for d in diffs {
        let status = match d.status {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
        };
        let _ = writeln!(out, "{status} {}", d.id);
        for f in &d.document {
            let _ = writeln!(out, "  ~ {}: {} → {}", f.field, f.old, f.new);
        }
        for (kind, changes) in [
            ("entity", &d.entities),
            ("figure", &d.figures),
            ("claim", &d.claims),
        ] {
            for removed in &changes.removed {
                let _ = writeln!(out, "  - {kind} {}", shorten(&removed.key, 100));
            }
            for added in &changes.added {
                let _ = writeln!(out, "  + {kind} {}", shorten(&added.key, 100));
            }
            for c in &changes.changed {
                let _ = writeln!(out, "  ~ {kind} {}", shorten(&c.key, 100));
                for f in &c.fields {
                    let _ = writeln!(out, "      {}: {} → {}", f.field, f.old, f.new);
                }
            }
        }
    }
    out
}

/// The first place where two JSON values differ, as a JSON pointer with both values; for
/// changes the semantic diff does not look at (offsets, ids, order).
pub fn first_difference(old: &Value, new: &Value) -> Option<(String, Value, Value)> {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let x = a.get(k).unwrap_or(&Value::Null);
                let y = b.get(k).unwrap_or(&Value::Null);
                first_difference(x, y).map(|(p, x, y)| (format!("/{k}{p}"), x, y))
            })
        }
        (Value::Array(a), Value::Array(b)) => {
            let found = a.iter().zip(b).enumerate().find_map(|(i, (x, y))| {
                first_difference(x, y).map(|(p, x, y)| (format!("/{i}{p}"), x, y))
            });
            found.or_else(|| {
                (a.len() != b.len()).then(|| {
                    (
                        "/length".to_string(),
                        Value::from(a.len()),
                        Value::from(b.len()),
                    )
                })
            })
        }
        _ => (old != new).then(|| (String::new(), old.clone(), new.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "version": 1, "id": "a", "document": {"title": "T"},
            "sentences": [{"start": 0, "end": 10}],
            "entities": [
                {"id": "e1", "type": "group", "name": "CNN", "mentions": [{"text": "CNN", "start": 0, "end": 3}]},
                {"id": "e2", "type": "place", "name": "Kabul", "mentions": [{"text": "Kabul", "start": 20, "end": 25}]}
            ],
            "figures": [{"id": "f1", "text": "over 100 attacks", "value": 100.0, "low": 100.0, "high": null, "qualifier": "more_than", "approximate": false, "unit": "attacks", "start": 30, "end": 46}],
            "claims": [{"id": "c1", "text": "over 100 attacks happened", "kind": "indirect", "cue": {"text": "said"}, "source": {"text": "CNN", "entity": "e1"}, "figures": ["f1"], "entities": ["e2"], "start": 30, "end": 55}]
        })
    }

    #[test]
    fn moved_offsets_and_renumbered_ids_are_no_difference() {
        let mut moved = doc();
        moved["entities"].as_array_mut().unwrap().reverse();
        moved["entities"][0]["id"] = json!("e9");
        moved["claims"][0]["entities"] = json!(["e9"]);
        moved["figures"][0]["start"] = json!(31);
        assert_eq!(diff_doc("a", &doc(), &moved), None);
        assert!(first_difference(&doc(), &moved).is_some());
    }

    #[test]
    fn added_removed_and_changed_items_are_named_by_key() {
        let mut new = doc();
        new["entities"][1]["name"] = json!("Kabul City");
        new["figures"][0]["qualifier"] = json!("at_least");
        new["claims"][0]["kind"] = json!("direct");
        let d = diff_doc("a", &doc(), &new).unwrap();
        assert_eq!(d.entities.removed[0].key, "place \"Kabul\"");
        assert_eq!(d.entities.removed[0].item["name"], "Kabul");
        assert_eq!(d.entities.added[0].key, "place \"Kabul City\"");
        assert_eq!(d.figures.changed[0].key, "\"over 100 attacks\" = 100.0");
        assert_eq!(d.figures.changed[0].fields[0].field, "qualifier");
        let claim = &d.claims.changed[0];
        assert_eq!(claim.key, "CNN: \"over 100 attacks happened\"");
        let fields: Vec<&str> = claim.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["kind", "entities"]);
        let text = report(&[d]);
        assert!(text.contains("  - entity place \"Kabul\""), "{text}");
        assert!(
            text.contains("      kind: \"indirect\" → \"direct\""),
            "{text}"
        );
    }

    #[test]
    fn documents_pair_by_id() {
        let mut b = doc();
        b["id"] = json!("b");
        let diffs = diff_docs(
            vec![("a".into(), doc()), ("b".into(), b.clone())],
            vec![("b".into(), b), ("c".into(), doc())],
        );
        let got: Vec<(&str, Status)> = diffs.iter().map(|d| (d.id.as_str(), d.status)).collect();
        assert_eq!(got, [("a", Status::Removed), ("c", Status::Added)]);
    }

    #[test]
    fn repeated_keys_pair_in_order() {
        let mut new = doc();
        let f = new["figures"][0].clone();
        new["figures"].as_array_mut().unwrap().push(f);
        let d = diff_doc("a", &doc(), &new).unwrap();
        assert_eq!(d.figures.added.len(), 1);
        assert!(d.figures.changed.is_empty());
    }
}
