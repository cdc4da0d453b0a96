//! Semantic diff of two outputs: entities keyed by type + name, figures by text + value, claims
//! by source text + content, so that offsets and ids that shift when the text moves are not
//! differences, but a changed qualifier, cue or source is.
//!
//! Reads only the fields it compares, leniently (missing fields are null), so it reads outputs
//! of any claimex version. Memory stays near the size of the two largest documents: an output
//! file is first indexed (each document's id and where it lies), then the paired documents are
//! read and compared one pair at a time, into compact items that borrow their text.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::input::{self, Filter, Glob};

/// One document of an output file: its id, and where its JSON lies in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocAt {
    pub id: String,
    /// 1-based line of its start, for messages.
    line: usize,
    start: u64,
    len: usize,
}

/// An output file's documents, in file order; their JSON stays on disk until compared.
#[derive(Debug)]
pub struct OutputFile {
    path: PathBuf,
    pub docs: Vec<DocAt>,
}

/// Only the id of a document (serde skips the rest without keeping it).
#[derive(Deserialize)]
struct IdOnly<'a> {
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
}

fn parse_error(path: &Path, line: usize, e: impl std::fmt::Display) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line,
        message: format!("not a claimex output document: {e}"),
    }
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The id of one document's JSON text.
fn id_of(json: &[u8]) -> serde_json::Result<String> {
    let doc: IdOnly = serde_json::from_slice(json)?;
    Ok(match doc.id.map(RawValue::get) {
        Some(raw) if raw.starts_with('"') => serde_json::from_str(raw)?,
        Some("null") | None => String::new(),
        Some(raw) => raw.to_string(),
    })
}

impl OutputFile {
    /// Indexes an output file: JSON Lines, or one JSON document (pretty or not).
    pub fn index(path: &Path) -> Result<OutputFile> {
        let file = File::open(path).map_err(|e| io_error(path, e))?;
        let mut reader = BufReader::new(file);
        let mut docs = Vec::new();
        let mut line = Vec::new();
        let (mut offset, mut number) = (0u64, 0usize);
        loop {
            line.clear();
            let read = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| io_error(path, e))?;
            if read == 0 {
                break;
            }
            number += 1;
            let start = offset;
            offset += read as u64;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match id_of(&line) {
                Ok(id) => docs.push(DocAt {
                    id,
                    line: number,
                    start,
                    len: read,
                }),
                // Not a document on one line: the first line of a pretty document, maybe.
                Err(e) if docs.is_empty() => return Self::whole(path, number, e),
                Err(e) => return Err(parse_error(path, number, e)),
            }
        }
        // Freed before the documents are read: it held the longest line.
        drop(line);
        Ok(OutputFile {
            path: path.to_path_buf(),
            docs,
        })
    }

    /// The whole file as one document; `first` is why its first line was not one.
    fn whole(path: &Path, line: usize, first: serde_json::Error) -> Result<OutputFile> {
        let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
        let id = id_of(&bytes).map_err(|_| parse_error(path, line, first))?;
        Ok(OutputFile {
            path: path.to_path_buf(),
            docs: vec![DocAt {
                id,
                line: 1,
                start: 0,
                len: bytes.len(),
            }],
        })
    }

    /// The JSON text of one of its documents.
    fn read(&self, doc: &DocAt) -> Result<String> {
        let mut file = File::open(&self.path).map_err(|e| io_error(&self.path, e))?;
        file.seek(SeekFrom::Start(doc.start))
            .map_err(|e| io_error(&self.path, e))?;
        let mut bytes = Vec::with_capacity(doc.len);
        file.take(doc.len as u64)
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(&self.path, e))?;
        input::decode(&self.path, bytes)
    }
}

/// Output files below a folder (`*.json`, `*.jsonl`), keyed by their path below it.
fn output_files(dir: &Path) -> Result<BTreeMap<PathBuf, PathBuf>> {
    let filter = Filter {
        globs: vec![Glob::new("*.json"), Glob::new("*.jsonl")],
        // claimex's own outputs: an ignore file meant for sources does not apply.
        ignore_files: false,
        ..Filter::default()
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
            let a = olds.get(name).map(|p| OutputFile::index(p)).transpose()?;
            let b = news.get(name).map(|p| OutputFile::index(p)).transpose()?;
            diffs.extend(diff_files(a.as_ref(), b.as_ref())?);
        }
        return Ok(diffs);
    }
    diff_files(
        Some(&OutputFile::index(old)?),
        Some(&OutputFile::index(new)?),
    )
}

/// Pairs documents by id, the n-th of an id on one side with its n-th on the other (a lone
/// document on each side is paired whatever its id), and compares each pair, reading one pair
/// at a time; returns only the documents that differ.
pub fn diff_files(old: Option<&OutputFile>, new: Option<&OutputFile>) -> Result<Vec<DocDiff>> {
    let no_docs = &[][..];
    let olds = old.map_or(no_docs, |f| f.docs.as_slice());
    let news = new.map_or(no_docs, |f| f.docs.as_slice());
    let compare = |a: &DocAt, b: &DocAt| -> Result<Option<DocDiff>> {
        let (old, new) = (old.expect("has docs"), new.expect("has docs"));
        let (x, y) = (old.read(a)?, new.read(b)?);
        let x = Doc::parse(&x).map_err(|e| parse_error(&old.path, a.line, e))?;
        let y = Doc::parse(&y).map_err(|e| parse_error(&new.path, b.line, e))?;
        Ok(diff_doc(&a.id, &x, &y))
    };
    if olds.len() == 1 && news.len() == 1 {
        return Ok(compare(&olds[0], &news[0])?.into_iter().collect());
    }
    let pairs = pair_by_id(olds, news);
    let mut diffs = Vec::new();
    for (a, partner) in olds.iter().zip(&pairs.partners) {
        match partner {
            Some(b) => diffs.extend(compare(a, &news[*b])?),
            None => diffs.push(DocDiff::whole(&a.id, Status::Removed)),
        }
    }
    for (b, taken) in news.iter().zip(&pairs.taken) {
        if !taken {
            diffs.push(DocDiff::whole(&b.id, Status::Added));
        }
    }
    Ok(diffs)
}

/// Which new document each old one pairs with, and which new ones are paired.
struct Pairs {
    partners: Vec<Option<usize>>,
    taken: Vec<bool>,
}

/// The n-th old document of an id pairs with the n-th new one of that id, so a file with
/// repeated ids compares equal to itself.
fn pair_by_id(olds: &[DocAt], news: &[DocAt]) -> Pairs {
    let mut by_id: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, b) in news.iter().enumerate() {
        by_id.entry(b.id.as_str()).or_default().push_back(i);
    }
    let mut taken = vec![false; news.len()];
    let partners = olds
        .iter()
        .map(|a| {
            let b = by_id.get_mut(a.id.as_str())?.pop_front()?;
            taken[b] = true;
            Some(b)
        })
        .collect();
    Pairs { partners, taken }
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
    /// Time expressions, keyed by text and value.
    pub times: Changes,
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
            times: Changes::default(),
        }
    }

    fn is_empty(&self) -> bool {
        self.document.is_empty()
            && self.entities.is_empty()
            && self.figures.is_empty()
            && self.claims.is_empty()
            && self.times.is_empty()
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

/// A string field, borrowed from the document's text unless it has escapes.
type Text<'a> = Option<Cow<'a, str>>;

/// A field compared as it is (a number, a name, null when missing).
type Raw<'a> = Option<&'a RawValue>;

/// What the diff reads of one output document. Items stay raw (a slice of the text each) until
/// [`Doc::entities`] and the others read the fields they compare.
#[derive(Deserialize, Default)]
pub struct Doc<'a> {
    #[serde(default, borrow)]
    document: Raw<'a>,
    #[serde(default, borrow)]
    entities: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    figures: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    claims: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    times: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct EntityFields<'a> {
    #[serde(default, borrow)]
    id: Text<'a>,
    #[serde(default, borrow, rename = "type")]
    entity_type: Text<'a>,
    #[serde(default, borrow)]
    name: Text<'a>,
    #[serde(default, borrow)]
    kb_id: Raw<'a>,
    #[serde(default, borrow)]
    subtype: Raw<'a>,
    #[serde(default, borrow)]
    mentions: Vec<Mention<'a>>,
}

/// A mention: only its text is compared (half the size of a [`Spanned`]; mentions are most
/// of a document).
#[derive(Deserialize)]
struct Mention<'a> {
    #[serde(default, borrow)]
    text: Text<'a>,
}

/// A mention, a cue or a source: the diff reads their text (and a source's entity).
#[derive(Deserialize)]
struct Spanned<'a> {
    #[serde(default, borrow)]
    text: Text<'a>,
    #[serde(default, borrow)]
    entity: Text<'a>,
}

#[derive(Deserialize)]
struct FigureFields<'a> {
    #[serde(default, borrow)]
    id: Text<'a>,
    #[serde(default, borrow)]
    text: Text<'a>,
    #[serde(default, borrow)]
    value: Raw<'a>,
    #[serde(default, borrow)]
    low: Raw<'a>,
    #[serde(default, borrow)]
    high: Raw<'a>,
    #[serde(default, borrow)]
    qualifier: Raw<'a>,
    #[serde(default, borrow)]
    approximate: Raw<'a>,
    #[serde(default, borrow)]
    unit: Raw<'a>,
}

#[derive(Deserialize)]
struct TimeFields<'a> {
    #[serde(default, borrow)]
    text: Text<'a>,
    #[serde(default, borrow, rename = "type")]
    time_type: Raw<'a>,
    #[serde(default, borrow)]
    value: Raw<'a>,
    #[serde(default, borrow)]
    relative: Raw<'a>,
}

#[derive(Deserialize)]
struct ClaimFields<'a> {
    #[serde(default, borrow)]
    text: Text<'a>,
    #[serde(default, borrow)]
    kind: Raw<'a>,
    #[serde(default, borrow)]
    cue: Option<Spanned<'a>>,
    #[serde(default, borrow)]
    source: Option<Spanned<'a>>,
    #[serde(default, borrow)]
    figures: Vec<Text<'a>>,
    #[serde(default, borrow)]
    entities: Vec<Text<'a>>,
}

fn value(raw: Raw) -> Value {
    raw.and_then(|r| serde_json::from_str(r.get()).ok())
        .unwrap_or(Value::Null)
}

fn text<'t>(t: &'t Text) -> &'t str {
    t.as_deref().unwrap_or_default()
}

impl<'a> Doc<'a> {
    /// Reads an output document's JSON text.
    pub fn parse(json: &'a str) -> serde_json::Result<Doc<'a>> {
        serde_json::from_str(json)
    }

    /// Its `document` field (title, date).
    fn header(&self, field: &str) -> Value {
        value(self.document)
            .get(field)
            .cloned()
            .unwrap_or(Value::Null)
    }
}

fn parse_items<'a, T: Deserialize<'a>>(items: &[&'a RawValue]) -> Vec<(T, &'a RawValue)> {
    // An item of an unexpected shape is left out rather than failing the whole document.
    items
        .iter()
        .filter_map(|raw| Some((serde_json::from_str(raw.get()).ok()?, *raw)))
        .collect()
}

/// Compares two documents; `None` when they agree on everything the diff looks at.
pub fn diff_doc(id: &str, old: &Doc, new: &Doc) -> Option<DocDiff> {
    let mut diff = DocDiff::whole(id, Status::Changed);
    for field in ["title", "date", "date_source"] {
        push_change(
            &mut diff.document,
            field,
            old.header(field),
            new.header(field),
        );
    }
    let (old, new) = (Items::new(old), Items::new(new));
    let (old, new) = (View::new(&old), View::new(&new));
    diff.entities = compare(&old.entities(), &new.entities(), |side, e| {
        [&old, &new][side].entity_fields(e)
    });
    diff.figures = compare(&old.figures(), &new.figures(), |_, f| {
        View::figure_fields(f)
    });
    diff.claims = compare(&old.claims(), &new.claims(), |side, c| {
        [&old, &new][side].claim_fields(c)
    });
    diff.times = compare(&old.times(), &new.times(), |_, t| View::time_fields(t));
    (!diff.is_empty()).then_some(diff)
}

/// Compares two documents' JSON texts (for `check`).
pub fn diff_texts(id: &str, old: &str, new: &str) -> serde_json::Result<Option<DocDiff>> {
    Ok(diff_doc(id, &Doc::parse(old)?, &Doc::parse(new)?))
}

fn push_change(out: &mut Vec<FieldChange>, field: &str, old: Value, new: Value) {
    if old != new {
        out.push(FieldChange {
            field: field.to_string(),
            old,
            new,
        });
    }
}

/// An item reduced to its key; the fields compared under it are read only when it is paired.
struct Keyed<'v, T> {
    key: String,
    fields: &'v T,
    item: &'v RawValue,
}

/// A document's items, each read into the fields the diff compares, beside its raw text.
struct Items<'a> {
    entities: Vec<(EntityFields<'a>, &'a RawValue)>,
    figures: Vec<(FigureFields<'a>, &'a RawValue)>,
    claims: Vec<(ClaimFields<'a>, &'a RawValue)>,
    times: Vec<(TimeFields<'a>, &'a RawValue)>,
}

impl<'a> Items<'a> {
    fn new(doc: &Doc<'a>) -> Items<'a> {
        Items {
            entities: parse_items(&doc.entities),
            figures: parse_items(&doc.figures),
            claims: parse_items(&doc.claims),
            times: parse_items(&doc.times),
        }
    }
}

/// Reads a document's items with ids replaced by what they name.
struct View<'i, 'a> {
    items: &'i Items<'a>,
    entity_names: HashMap<&'i str, String>,
    figure_texts: HashMap<&'i str, &'i str>,
}

fn entity_key(e: &EntityFields) -> String {
    format!("{} {}", text(&e.entity_type), quoted(text(&e.name)))
}

impl<'i, 'a> View<'i, 'a> {
    fn new(items: &'i Items<'a>) -> View<'i, 'a> {
        View {
            items,
            entity_names: (items.entities.iter())
                .filter_map(|(e, _)| Some((e.id.as_deref()?, entity_key(e))))
                .collect(),
            figure_texts: (items.figures.iter())
                .filter_map(|(f, _)| Some((f.id.as_deref()?, text(&f.text))))
                .collect(),
        }
    }

    fn entity_names(&self, ids: &[Text]) -> Value {
        let mut names: Vec<String> = (ids.iter().map(text))
            .map(|id| {
                self.entity_names
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| id.to_string())
            })
            .collect();
        names.sort();
        Value::from(names)
    }

    fn figure_texts(&self, ids: &[Text]) -> Value {
        let mut texts: Vec<&str> = (ids.iter().map(text))
            .map(|id| self.figure_texts.get(id).copied().unwrap_or(id))
            .collect();
        texts.sort();
        Value::from(texts)
    }

    fn entities(&self) -> Vec<Keyed<'i, EntityFields<'a>>> {
        (self.items.entities.iter())
            .map(|(e, item)| Keyed {
                key: entity_key(e),
                fields: e,
                item,
            })
            .collect()
    }

    fn entity_fields(&self, e: &EntityFields) -> Vec<(&'static str, Value)> {
        let mut mentions: Vec<&str> = e.mentions.iter().map(|m| text(&m.text)).collect();
        mentions.sort();
        vec![
            ("kb_id", value(e.kb_id)),
            ("subtype", value(e.subtype)),
            ("mentions", Value::from(mentions)),
        ]
    }

    fn figures(&self) -> Vec<Keyed<'i, FigureFields<'a>>> {
        (self.items.figures.iter())
            .map(|(f, item)| Keyed {
                key: format!("{} = {}", quoted(text(&f.text)), value(f.value)),
                fields: f,
                item,
            })
            .collect()
    }

    fn figure_fields(f: &FigureFields) -> Vec<(&'static str, Value)> {
        vec![
            ("low", value(f.low)),
            ("high", value(f.high)),
            ("qualifier", value(f.qualifier)),
            ("approximate", value(f.approximate)),
            ("unit", value(f.unit)),
        ]
    }

    fn times(&self) -> Vec<Keyed<'i, TimeFields<'a>>> {
        (self.items.times.iter())
            .map(|(t, item)| Keyed {
                key: format!("\"{}\" = {}", text(&t.text), value(t.value)),
                fields: t,
                item,
            })
            .collect()
    }

    fn time_fields(t: &TimeFields) -> Vec<(&'static str, Value)> {
        vec![
            ("type", value(t.time_type)),
            ("relative", value(t.relative)),
        ]
    }

    fn claims(&self) -> Vec<Keyed<'i, ClaimFields<'a>>> {
        (self.items.claims.iter())
            .map(|(c, item)| {
                let source = c.source.as_ref().and_then(|s| s.text.as_deref());
                Keyed {
                    key: format!(
                        "{}: {}",
                        source.unwrap_or("(no source)"),
                        quoted(text(&c.text))
                    ),
                    fields: c,
                    item,
                }
            })
            .collect()
    }

    fn claim_fields(&self, c: &ClaimFields) -> Vec<(&'static str, Value)> {
        let cue =
            (c.cue.as_ref().and_then(|cue| cue.text.as_deref())).map_or(Value::Null, Value::from);
        let source_entity = (c.source.as_ref().and_then(|s| s.entity.as_deref()))
            .and_then(|id| self.entity_names.get(id).cloned())
            .map_or(Value::Null, Value::from);
        vec![
            ("kind", value(c.kind)),
            ("cue", cue),
            ("source entity", source_entity),
            ("figures", self.figure_texts(&c.figures)),
            ("entities", self.entity_names(&c.entities)),
        ]
    }
}

/// Pairs items with equal keys (the n-th with the n-th when a key repeats) and lists what was
/// added, removed or changed; `fields(side, item)` reads an item's fields (0 old, 1 new).
fn compare<T>(
    old: &[Keyed<T>],
    new: &[Keyed<T>],
    fields: impl Fn(usize, &T) -> Vec<(&'static str, Value)>,
) -> Changes {
    type Sides<'k, 'v, T> = (Vec<&'k Keyed<'v, T>>, Vec<&'k Keyed<'v, T>>);
    let mut by_key: BTreeMap<&str, Sides<T>> = BTreeMap::new();
    let mut order = Vec::new();
    for (side, list) in [(0, old), (1, new)] {
        for item in list {
            let entry = by_key.entry(&item.key).or_insert_with(|| {
                order.push(item.key.as_str());
                (Vec::new(), Vec::new())
            });
            if side == 0 {
                entry.0.push(item);
            } else {
                entry.1.push(item);
            }
        }
    }
    let whole = |key: &str, item: &RawValue| Item {
        key: key.to_string(),
        item: serde_json::from_str(item.get()).unwrap_or(Value::Null),
    };
    let mut changes = Changes::default();
    for key in order {
        let (a, b) = &by_key[key];
        for pair in 0..a.len().max(b.len()) {
            match (a.get(pair), b.get(pair)) {
                (Some(x), None) => changes.removed.push(whole(key, x.item)),
                (None, Some(y)) => changes.added.push(whole(key, y.item)),
                (Some(x), Some(y)) => {
                    let mut changed = Vec::new();
                    let (fa, fb) = (fields(0, x.fields), fields(1, y.fields));
                    for ((name, va), (_, vb)) in fa.into_iter().zip(fb) {
                        push_change(&mut changed, name, va, vb);
                    }
                    if !changed.is_empty() {
                        changes.changed.push(Change {
                            key: key.to_string(),
                            fields: changed,
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
        return printable(s).into_owned();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", printable(&cut))
}

/// `s` safe to print on a terminal: control characters (an ANSI escape starts with ESC), line
/// and paragraph separators and bidirectional overrides are written as Rust escapes (`\n`,
/// `\u{1b}`), so an id or a name from a document can neither break the report's lines nor
/// drive the terminal.
fn printable(s: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.contains(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A readable report for a CI log: one line per document with its counts (`changed ID:
/// entities +1 -0 ~2, …`), then one line per item, `+` added, `-` removed, `~` changed, with
/// the changed fields as plain text (`source entity: person "A" → person "B"`).
pub fn report(diffs: &[DocDiff]) -> String {
    let mut out = String::new();
    for d in diffs {
        let id = printable(&d.id);
        let _ = match d.status {
            Status::Added => writeln!(out, "added {id}"),
            Status::Removed => writeln!(out, "removed {id}"),
            Status::Changed => writeln!(out, "changed {id}: {}", counts(d)),
        };
        for f in &d.document {
            let _ = writeln!(
                out,
                "  ~ {}: {} → {}",
                f.field,
                show(&f.field, &f.old),
                show(&f.field, &f.new)
            );
        }
        for (kind, changes) in [
            ("entity", &d.entities),
            ("figure", &d.figures),
            ("claim", &d.claims),
            ("time", &d.times),
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
                    let (old, new) = (show(&f.field, &f.old), show(&f.field, &f.new));
                    let _ = writeln!(out, "      {}: {old} → {new}", f.field);
                }
            }
        }
    }
    out
}

/// `entities +1 -0 ~2, figures …, claims …` for a changed document (kinds without changes
/// left out).
fn counts(d: &DocDiff) -> String {
    let mut parts = Vec::new();
    if !d.document.is_empty() {
        parts.push(format!("document ~{}", d.document.len()));
    }
    for (kind, c) in [
        ("entities", &d.entities),
        ("figures", &d.figures),
        ("claims", &d.claims),
    ] {
        if !c.is_empty() {
            let (a, r, x) = (c.added.len(), c.removed.len(), c.changed.len());
            parts.push(format!("{kind} +{a} -{r} ~{x}"));
        }
    }
    parts.join(", ")
}

/// One line for the end of a report: `3 documents differ (2 changed, 1 added, 0 removed)`.
pub fn total(diffs: &[DocDiff]) -> String {
    if diffs.is_empty() {
        return "no differences".into();
    }
    let count = |s: Status| diffs.iter().filter(|d| d.status == s).count();
    format!(
        "{} document{} differ{} ({} changed, {} added, {} removed)",
        diffs.len(),
        if diffs.len() == 1 { "" } else { "s" },
        if diffs.len() == 1 { "s" } else { "" },
        count(Status::Changed),
        count(Status::Added),
        count(Status::Removed)
    )
}

/// Whether two outputs that both hold documents share no id: every document is added or
/// removed, which is what ids made from different folder paths look like.
pub fn no_common_ids(diffs: &[DocDiff]) -> bool {
    let has = |s: Status| diffs.iter().any(|d| d.status == s);
    has(Status::Added) && has(Status::Removed) && !has(Status::Changed)
}

/// A field's value as plain text: entity fields hold `type "name"` keys, written as they are;
/// other text is quoted once; lists as `[a, b]`; a missing value as `none`.
fn show(field: &str, v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::String(s) if field.starts_with("source entity") || field == "entities" => {
            printable(s).into_owned()
        }
        Value::String(s) => printable(&quoted(s)).into_owned(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|i| show(field, i)).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// `s` in double quotes, unless it already starts and ends with quotation marks (a quoted
/// claim), which would read `""The water…""`.
fn quoted(s: &str) -> String {
    const OPEN: &[char] = &['"', '“', '‘', '\'', '«'];
    const CLOSE: &[char] = &['"', '”', '’', '\'', '»'];
    if s.chars().count() >= 2 && s.starts_with(OPEN) && s.ends_with(CLOSE) {
        s.to_string()
    } else {
        format!("\"{s}\"")
    }
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

    fn diff_doc(id: &str, old: &Value, new: &Value) -> Option<DocDiff> {
        diff_texts(id, &old.to_string(), &new.to_string()).unwrap()
    }

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
    fn times_are_keyed_by_text_and_value() {
        let with = |value: &str, relative: bool| {
            let mut d = doc();
            d["times"] = json!([{"id": "t1", "start": 0, "end": 8, "text": "Thursday",
                "type": "date", "value": value, "relative": relative}]);
            d
        };
        let old = with("2021-08-26", true);
        let mut moved = old.clone();
        moved["times"][0]["start"] = json!(3);
        assert_eq!(diff_doc("a", &old, &moved), None);
        let d = diff_doc("a", &old, &with("2021-09-02", true)).unwrap();
        assert_eq!(d.times.removed[0].key, "\"Thursday\" = \"2021-08-26\"");
        assert_eq!(d.times.added[0].key, "\"Thursday\" = \"2021-09-02\"");
        let d = diff_doc("a", &old, &with("2021-08-26", false)).unwrap();
        assert_eq!(d.times.changed[0].fields[0].field, "relative");
        assert!(report(&[d]).contains("  ~ time \"Thursday\""));
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

    fn at(ids: &[&str]) -> Vec<DocAt> {
        (ids.iter().enumerate())
            .map(|(i, id)| DocAt {
                id: id.to_string(),
                line: i + 1,
                start: i as u64,
                len: 1,
            })
            .collect()
    }

    #[test]
    fn documents_pair_by_id() {
        let pairs = pair_by_id(&at(&["a", "b"]), &at(&["b", "c"]));
        assert_eq!(pairs.partners, [None, Some(0)]);
        assert_eq!(pairs.taken, [true, false]);
    }

    #[test]
    fn repeated_ids_pair_in_order() {
        // The n-th "x" with the n-th "x": a file compared with itself pairs every document
        // with itself (it was "changed x", then "removed x").
        let docs = at(&["x", "y", "x", "x"]);
        let pairs = pair_by_id(&docs, &docs);
        assert_eq!(pairs.partners, [Some(0), Some(1), Some(2), Some(3)]);
        let pairs = pair_by_id(&docs, &at(&["x", "x"]));
        assert_eq!(pairs.partners, [Some(0), None, Some(1), None]);
    }

    #[test]
    fn the_text_report_escapes_what_a_terminal_would_act_on() {
        let mut d = DocDiff::whole("a\nremoved b\u{1b}[2J\u{2028}\u{202e}", Status::Removed);
        d.figures.added.push(Item {
            key: "\"5\u{1b}]0;x\u{7}\" = 5.0".into(),
            item: Value::Null,
        });
        let text = report(&[d]);
        assert_eq!(
            text,
            "removed a\\nremoved b\\u{1b}[2J\\u{2028}\\u{202e}\n  + figure \"5\\u{1b}]0;x\\u{7}\" = 5.0\n"
        );
        assert_eq!(printable("Zoë “quoted” — fine"), "Zoë “quoted” — fine");
    }

    #[test]
    fn changed_fields_read_as_plain_text() {
        let entity = Value::from("person \"Helen Osei\"");
        assert_eq!(show("source entity", &entity), "person \"Helen Osei\"");
        assert_eq!(show("cue", &Value::from("said")), "\"said\"");
        assert_eq!(show("cue", &Value::Null), "none");
        assert_eq!(
            show("figures", &serde_json::json!(["5 people", "a\nb"])),
            "[\"5 people\", \"a\\nb\"]"
        );
        assert_eq!(quoted("“We are overwhelmed,”"), "“We are overwhelmed,”");
        assert_eq!(quoted("\"Water\""), "\"Water\"");
        assert_eq!(quoted("\""), "\"\"\"");
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
