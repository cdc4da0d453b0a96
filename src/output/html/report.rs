//! `claimex report`: a corpus at a glance, drawn from claimex's own JSON Lines (made by a
//! batch, by Spark, or kept in CI). The input is read a line at a time: memory grows with the
//! number of distinct entities, not with the number of lines, and the table of documents keeps
//! the first [`MAX_ROWS`] of them.
//!
//! Sections: the most-cited sources with their claims split by kind; the share of figure
//! claims with no source, overall and per document; the entities mentioned most, by type; the
//! documents, linked to their pages when those sit beside the report.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::escape;
use super::panel::write_kb;
use super::shell::write_head;
use super::table::{href, write_doc_table, DocRow};
use super::REPORT_STYLE;
use crate::error::{Error, Result};
use crate::input::STDIN;
use crate::output::outdir::OutDir;

/// Documents listed in the table; the rest are counted, not listed.
pub const MAX_ROWS: usize = 5000;
/// Rows of the sources chart and of each entity list.
const TOP_SOURCES: usize = 25;
const TOP_ENTITIES: usize = 15;

/// Claim kinds in the order the charts stack them, with their colours (Okabe & Ito).
const KINDS: [(&str, &str); 7] = [
    ("direct", "#0072b2"),
    ("indirect", "#e69f00"),
    ("mixed", "#009e73"),
    ("according_to", "#cc79a7"),
    ("responsibility", "#d55e00"),
    ("unattributed", "#8c8c8c"),
    ("other", "#56b4e9"),
];

/// A kind as people read it: `according to`.
fn label(kind: &str) -> String {
    kind.replace('_', " ")
}

/// Kinds a source's claims can have (an unattributed statement has no source).
const SOURCED_KINDS: usize = 5;

fn kind_index(kind: &str) -> usize {
    KINDS
        .iter()
        .position(|(k, _)| *k == kind)
        .unwrap_or(KINDS.len() - 1)
}

// What the report reads of an output line; every other field is skipped unread.
#[derive(Deserialize)]
struct Line {
    version: Option<IgnoredAny>,
    error: Option<IgnoredAny>,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    document: Meta,
    #[serde(default)]
    entities: Vec<LineEntity>,
    #[serde(default)]
    figures: Vec<IgnoredAny>,
    #[serde(default)]
    claims: Vec<LineClaim>,
}

#[derive(Deserialize, Default)]
struct Meta {
    title: Option<String>,
    date: Option<String>,
}

#[derive(Deserialize)]
struct LineEntity {
    id: String,
    #[serde(rename = "type")]
    entity_type: String,
    name: String,
    kb_id: Option<String>,
    #[serde(default)]
    mentions: Vec<IgnoredAny>,
}

#[derive(Deserialize)]
struct LineClaim {
    kind: String,
    source: Option<LineSource>,
    #[serde(default)]
    figures: Vec<IgnoredAny>,
}

#[derive(Deserialize)]
struct LineSource {
    entity: Option<String>,
}

/// An entity as the corpus knows it: the same type, name and kb id in any document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct EntityKey {
    entity_type: String,
    name: String,
    kb_id: Option<String>,
}

#[derive(Default)]
struct Cited {
    by_kind: [u64; KINDS.len()],
    documents: u64,
}

impl Cited {
    fn total(&self) -> u64 {
        self.by_kind.iter().sum()
    }
}

#[derive(Default)]
struct Mentioned {
    mentions: u64,
    documents: u64,
}

/// Buckets of documents by the share of their figure claims without a source.
const SHARE_BUCKETS: [&str; 7] = [
    "no figure claims",
    "0%",
    "1–25%",
    "26–50%",
    "51–75%",
    "76–99%",
    "100%",
];

fn share_bucket(unsourced: usize, total: usize) -> usize {
    if total == 0 {
        return 0;
    }
    if unsourced == 0 {
        return 1;
    }
    if unsourced == total {
        return 6;
    }
    let pct = unsourced as f64 * 100.0 / total as f64;
    match pct {
        p if p <= 25.0 => 2,
        p if p <= 50.0 => 3,
        p if p <= 75.0 => 4,
        _ => 5,
    }
}

/// What a corpus's output lines add up to.
#[derive(Default)]
pub struct Corpus {
    /// Lines read, blank ones included.
    pub lines: u64,
    pub documents: u64,
    /// Lines that are not JSON, or not a claimex document or error record.
    pub unreadable: u64,
    /// Error records (`{"id", "line", "error"}`) written for inputs that failed.
    pub failed: u64,
    claims_by_kind: [u64; KINDS.len()],
    cited: HashMap<EntityKey, Cited>,
    /// Claims whose source is not resolved to an entity, and claims with no source (other
    /// than unattributed statements).
    unresolved: u64,
    no_source: u64,
    mentioned: HashMap<EntityKey, Mentioned>,
    figure_claims: u64,
    unsourced: u64,
    share_buckets: [u64; SHARE_BUCKETS.len()],
    rows: Vec<DocRow>,
}

impl Corpus {
    /// Reads JSON Lines from `input` to its end, a line at a time.
    pub fn read(mut input: impl BufRead) -> io::Result<Corpus> {
        let mut corpus = Corpus::default();
        let mut line = Vec::new();
        loop {
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                return Ok(corpus);
            }
            corpus.add_line(&line);
        }
    }

    /// Adds one line of output.
    pub fn add_line(&mut self, line: &[u8]) {
        self.lines += 1;
        if line.trim_ascii().is_empty() {
            return;
        }
        match serde_json::from_slice::<Line>(line) {
            Ok(l) if l.version.is_some() => self.add_document(l),
            Ok(l) if l.error.is_some() => self.failed += 1,
            _ => self.unreadable += 1,
        }
    }

    fn add_document(&mut self, line: Line) {
        self.documents += 1;
        let keys: HashMap<&str, EntityKey> = line
            .entities
            .iter()
            .map(|e| {
                let key = EntityKey {
                    entity_type: e.entity_type.clone(),
                    name: e.name.clone(),
                    kb_id: e.kb_id.clone(),
                };
                (e.id.as_str(), key)
            })
            .collect();
        for e in &line.entities {
            let m = self
                .mentioned
                .entry(keys[e.id.as_str()].clone())
                .or_default();
            m.mentions += e.mentions.len() as u64;
            m.documents += 1;
        }
        let mut cited_here = HashSet::new();
        let (mut figure_claims, mut unsourced) = (0, 0);
        for c in &line.claims {
            let kind = kind_index(&c.kind);
            self.claims_by_kind[kind] += 1;
            if !c.figures.is_empty() {
                figure_claims += 1;
                unsourced += usize::from(c.source.is_none());
            }
            match &c.source {
                Some(LineSource {
                    entity: Some(entity),
                }) => match keys.get(entity.as_str()) {
                    Some(key) => {
                        let cited = self.cited.entry(key.clone()).or_default();
                        cited.by_kind[kind] += 1;
                        if cited_here.insert(key) {
                            cited.documents += 1;
                        }
                    }
                    None => self.unresolved += 1,
                },
                Some(_) => self.unresolved += 1,
                None if c.kind != "unattributed" => self.no_source += 1,
                None => {}
            }
        }
        self.figure_claims += figure_claims as u64;
        self.unsourced += unsourced as u64;
        self.share_buckets[share_bucket(unsourced, figure_claims)] += 1;
        if self.rows.len() < MAX_ROWS {
            self.rows.push(DocRow {
                id: match line.id {
                    Some(serde_json::Value::String(s)) => s,
                    Some(serde_json::Value::Null) | None => String::new(),
                    Some(other) => other.to_string(),
                },
                title: line.document.title,
                date: line.document.date,
                href: None,
                entities: line.entities.len(),
                mentions: line.entities.iter().map(|e| e.mentions.len()).sum(),
                figures: line.figures.len(),
                claims: line.claims.len(),
                figure_claims,
                unsourced,
            });
        }
    }

    /// Links each listed document to its page when one sits in `folder`: the document's id
    /// with `.html` for its extension, or the shortest tail of that path found there (pages
    /// written with `--out` mirror the input tree below the folder given).
    pub fn link_pages(&mut self, folder: &Path) {
        for row in &mut self.rows {
            let page = Path::new(&row.id).with_extension("html");
            let parts: Vec<_> = page.components().collect();
            let plain = |c: &std::path::Component| matches!(c, std::path::Component::Normal(_));
            for start in (0..parts.len()).rev() {
                if !parts[start..].iter().all(plain) {
                    break;
                }
                let tail: std::path::PathBuf = parts[start..].iter().collect();
                if folder.join(&tail).is_file() {
                    row.href = Some(href(&tail));
                    break;
                }
            }
        }
    }

    /// Writes the report page; `input` names what was read.
    pub fn write(&self, out: &mut dyn Write, input: &str) -> io::Result<()> {
        write_head(out, "Corpus report", REPORT_STYLE)?;
        out.write_all(b"<h1>Corpus report</h1>\n<p class=\"meta\">")?;
        escape::write_text(out, input)?;
        let claims: u64 = self.claims_by_kind.iter().sum();
        writeln!(
            out,
            ": {} lines, {} documents, {claims} claims; {} failed inputs (error records); <strong>{} lines skipped as unreadable</strong>.</p>",
            self.lines, self.documents, self.failed, self.unreadable
        )?;
        self.write_sources(out)?;
        self.write_unsourced(out)?;
        self.write_entities(out)?;
        writeln!(out, "<h2 id=\"documents\">Documents</h2>")?;
        if self.documents as usize > self.rows.len() {
            writeln!(
                out,
                "<p class=\"note\">The first {} of {} documents.</p>",
                self.rows.len(),
                self.documents
            )?;
        }
        write_doc_table(out, &self.rows)?;
        out.write_all(b"</body>\n</html>\n")
    }

    fn write_sources(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<h2 id=\"sources\">Most-cited sources</h2>")?;
        let mut top: Vec<(&EntityKey, &Cited)> = self.cited.iter().collect();
        top.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then_with(|| a.0.cmp(b.0)));
        top.truncate(TOP_SOURCES);
        writeln!(
            out,
            "<p class=\"note\">Claims attributed to a source resolved to an entity. Not resolved to an entity: {} claims; no source found: {} (unattributed figure statements aside).</p>",
            self.unresolved, self.no_source
        )?;
        out.write_all(b"<ul class=\"legend\" aria-label=\"Claim kinds\">")?;
        for (kind, colour) in KINDS {
            write!(
                out,
                "<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"{colour}\"/></svg> {}</li>",
                label(kind)
            )?;
        }
        out.write_all(b"</ul>\n")?;
        if top.is_empty() {
            return writeln!(out, "<p class=\"note\">No attributed claims.</p>");
        }
        let most = top[0].1.total();
        out.write_all(b"<table><thead><tr><th scope=\"col\">Source</th><th scope=\"col\" class=\"n\">Claims</th><th scope=\"col\">By kind</th>")?;
        for (kind, _) in &KINDS[..SOURCED_KINDS] {
            write!(out, "<th scope=\"col\" class=\"n\">{}</th>", label(kind))?;
        }
        out.write_all(b"<th scope=\"col\" class=\"n\">Documents</th></tr></thead>\n<tbody>\n")?;
        for (key, cited) in top {
            out.write_all(b"<tr><td>")?;
            write_entity(out, key)?;
            write!(out, "</td><td class=\"n\">{}</td><td>", cited.total())?;
            stacked_bar(out, &cited.by_kind, most)?;
            out.write_all(b"</td>")?;
            for n in &cited.by_kind[..SOURCED_KINDS] {
                write!(out, "<td class=\"n\">{n}</td>")?;
            }
            writeln!(out, "<td class=\"n\">{}</td></tr>", cited.documents)?;
        }
        out.write_all(b"</tbody></table>\n")
    }

    fn write_unsourced(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "<h2 id=\"unsourced\">Figure claims without a source</h2>"
        )?;
        let pct = if self.figure_claims == 0 {
            0.0
        } else {
            self.unsourced as f64 * 100.0 / self.figure_claims as f64
        };
        writeln!(
            out,
            "<p><span class=\"big\">{pct:.1}%</span> of {} claims holding a figure name no source ({} of them).</p>",
            self.figure_claims, self.unsourced
        )?;
        writeln!(
            out,
            "<h3>Documents by their share of figure claims without a source</h3>"
        )?;
        let most = self.share_buckets.iter().copied().max().unwrap_or(0).max(1);
        let (w, h, bar) = (560, 170, 70);
        writeln!(
            out,
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Documents by share of unsourced figure claims\">"
        )?;
        for (i, (label, n)) in SHARE_BUCKETS.iter().zip(self.share_buckets).enumerate() {
            let height = (n as f64 / most as f64 * 110.0).round();
            let x = 10 + i * (bar + 8);
            writeln!(
                out,
                "<rect x=\"{x}\" y=\"{}\" width=\"{bar}\" height=\"{height}\" fill=\"{}\"><title>{label}: {n} documents</title></rect><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{n}</text><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{label}</text>",
                130.0 - height,
                if i == 0 { "#bbbbbb" } else { "#d55e00" },
                x + bar / 2,
                125.0 - height,
                x + bar / 2,
                150
            )?;
        }
        out.write_all(b"</svg>\n")
    }

    fn write_entities(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "<h2 id=\"entities\">Most-mentioned entities</h2>\n<div class=\"columns\">"
        )?;
        for (entity_type, colour) in [
            ("person", "#0072b2"),
            ("group", "#e69f00"),
            ("place", "#009e73"),
        ] {
            let mut top: Vec<(&EntityKey, &Mentioned)> = self
                .mentioned
                .iter()
                .filter(|(k, _)| k.entity_type == entity_type)
                .collect();
            top.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then_with(|| a.0.cmp(b.0)));
            top.truncate(TOP_ENTITIES);
            writeln!(out, "<section><h3>{entity_type}</h3>")?;
            if top.is_empty() {
                writeln!(out, "<p class=\"note\">None.</p></section>")?;
                continue;
            }
            let most = top[0].1.mentions.max(1);
            out.write_all(b"<table><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\" class=\"n\">Mentions</th><th scope=\"col\" class=\"n\">Docs</th></tr></thead><tbody>\n")?;
            for (key, m) in top {
                out.write_all(b"<tr><td>")?;
                write_entity(out, key)?;
                let width = (m.mentions as f64 / most as f64 * 100.0).round();
                writeln!(
                    out,
                    "<br><svg width=\"100\" height=\"6\" aria-hidden=\"true\"><rect width=\"{width}\" height=\"6\" fill=\"{colour}\"/></svg></td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    m.mentions, m.documents
                )?;
            }
            out.write_all(b"</tbody></table></section>\n")?;
        }
        out.write_all(b"</div>\n")
    }
}

/// `claimex report`: reads `input` (`-` for stdin) and writes the page to `output`, atomically
/// and with its documents linked to the pages beside it, or to `stdout`.
pub fn run_report(input: &Path, output: Option<&Path>, stdout: &mut dyn Write) -> Result<Corpus> {
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let reader: Box<dyn BufRead> = if input == Path::new(STDIN) {
        Box::new(io::stdin().lock())
    } else {
        let file = File::open(input).map_err(io_error(input))?;
        Box::new(BufReader::with_capacity(64 * 1024, file))
    };
    let mut corpus = Corpus::read(reader).map_err(io_error(input))?;
    let name = input.display().to_string();
    let Some(path) = output else {
        let mut out = BufWriter::new(stdout);
        match corpus.write(&mut out, &name).and_then(|()| out.flush()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                return Err(io_error(Path::new(STDIN))(e))
            }
            _ => return Ok(corpus),
        }
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    corpus.link_pages(folder);
    let written = OutDir::create(folder).and_then(|dir| {
        // The target as OutDir names it: the folder joined with the file name (a bare
        // `report.html` has the folder `.`).
        let file_name = path.file_name().unwrap_or(path.as_os_str());
        let mut file = dir.open(&folder.join(file_name))?;
        let mut out = BufWriter::new(&mut file);
        corpus.write(&mut out, &name)?;
        out.flush()?;
        drop(out);
        file.commit()
    });
    written.map_err(io_error(path))?;
    Ok(corpus)
}

fn write_entity(out: &mut dyn Write, key: &EntityKey) -> io::Result<()> {
    escape::write_text(out, &key.name)?;
    write!(
        out,
        " <span class=\"type\">{}</span>",
        escape::text(&key.entity_type)
    )?;
    if let Some(kb) = &key.kb_id {
        write_kb(out, kb)?;
    }
    Ok(())
}

/// One bar of `counts` stacked in the kinds' colours, `most` filling the width.
fn stacked_bar(out: &mut dyn Write, counts: &[u64], most: u64) -> io::Result<()> {
    const WIDTH: f64 = 220.0;
    write!(
        out,
        "<svg width=\"220\" height=\"14\" role=\"img\" aria-label=\""
    )?;
    let parts: Vec<String> = counts
        .iter()
        .zip(KINDS)
        .filter(|(n, _)| **n > 0)
        .map(|(n, (kind, _))| format!("{n} {}", label(kind)))
        .collect();
    write!(out, "{}\">", parts.join(", "))?;
    let mut x = 0.0;
    for (&n, (kind, colour)) in counts.iter().zip(KINDS) {
        if n == 0 {
            continue;
        }
        let w = n as f64 / most.max(1) as f64 * WIDTH;
        write!(
            out,
            "<rect x=\"{x:.1}\" width=\"{w:.1}\" height=\"14\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1\"><title>{n} {}</title></rect>",
            label(kind)
        )?;
        x += w;
    }
    out.write_all(b"</svg>")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"version":1,"id":"a/x.txt","document":{"title":"T <b>","date":"2021-01-02"},"sentences":[],"entities":[{"id":"e1","type":"person","name":"Ann <script>","kb_id":"javascript:alert(1)","mentions":[{"start":0,"end":3,"text":"Ann","sentence":0},{"start":5,"end":8,"text":"Ann","sentence":0}]}],"figures":[{"id":"f1"}],"claims":[{"id":"c1","kind":"direct","source":{"start":0,"end":3,"text":"Ann","entity":"e1"},"figures":["f1"]},{"id":"c2","kind":"unattributed","source":null,"figures":["f1"]}]}"#;

    #[test]
    fn lines_add_up_and_bad_ones_are_counted() {
        let input =
            format!("{DOC}\nnot json\n\n{{\"id\":\"b\",\"line\":2,\"error\":\"x\"}}\n{{}}\n{DOC}");
        let corpus = Corpus::read(input.as_bytes()).unwrap();
        assert_eq!(
            (
                corpus.lines,
                corpus.documents,
                corpus.unreadable,
                corpus.failed
            ),
            (6, 2, 2, 1)
        );
        assert_eq!((corpus.figure_claims, corpus.unsourced), (4, 2));
        let key = corpus.cited.keys().next().unwrap();
        assert_eq!(corpus.cited[key].by_kind[0], 2);
        assert_eq!(corpus.cited[key].documents, 2);
        assert_eq!(corpus.share_buckets[3], 2);
        let mut page = Vec::new();
        corpus.write(&mut page, "in.jsonl").unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("<strong>2 lines skipped as unreadable</strong>"));
        assert!(!page.contains("<script>") && !page.contains("<b>"));
        assert!(!page.contains("href=\"javascript"));
        assert!(page.contains("Ann &lt;script&gt;"));
    }

    #[test]
    fn shares_fall_in_buckets() {
        assert_eq!(share_bucket(0, 0), 0);
        assert_eq!(share_bucket(0, 3), 1);
        assert_eq!(share_bucket(1, 4), 2);
        assert_eq!(share_bucket(3, 4), 4);
        assert_eq!(share_bucket(4, 4), 6);
    }
}
