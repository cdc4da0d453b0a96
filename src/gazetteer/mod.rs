//! Gazetteers: name lists (embedded defaults plus user files) and the matcher over them.
//!
//! Entity lists are TSV, one entity per line: `canonical<TAB>type[/subtype]<TAB>kb_id<TAB>aliases`
//! with aliases separated by `|`; blank lines and lines starting with `#` are ignored.

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::document::{EntityType, Mention, Span};
use crate::error::{Error, Result};

/// The embedded default entity lists, as (name, contents).
const EMBEDDED_LISTS: &[(&str, &str)] = &[(
    "curated",
    include_str!("../../gazetteers/entities/curated.tsv"),
)];

/// One gazetteer entity.
#[derive(Clone, Debug, PartialEq)]
pub struct GazetteerEntry {
    pub name: String,
    pub entity_type: EntityType,
    pub subtype: Option<String>,
    pub kb_id: Option<String>,
    /// Which list it came from, for provenance.
    pub list: String,
}

/// Name lists and a matcher over every surface form.
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    /// (surface form, entry index)
    forms: Vec<(String, usize)>,
    matcher: Option<AhoCorasick>,
}

impl Gazetteer {
    /// The embedded default lists.
    pub fn embedded() -> Gazetteer {
        let mut g = Gazetteer {
            entries: Vec::new(),
            forms: Vec::new(),
            matcher: None,
        };
        for (name, contents) in EMBEDDED_LISTS {
            g.add_tsv(Path::new(name), contents)
                .expect("embedded gazetteer is valid");
        }
        g.build();
        g
    }

    /// Adds a user list; its entries take precedence over the defaults for the same surface form.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let contents = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        self.add_tsv(path, &contents)?;
        self.build();
        Ok(())
    }

    fn add_tsv(&mut self, path: &Path, contents: &str) -> Result<()> {
        let list = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        for (n, line) in contents.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim();
            let type_col = cols.next().unwrap_or("").trim();
            let kb_id = cols.next().map(str::trim).filter(|s| !s.is_empty());
            let aliases = cols.next().unwrap_or("");
            let (type_name, subtype) = match type_col.split_once('/') {
                Some((t, s)) => (t, Some(s.to_string())),
                None => (type_col, None),
            };
            let parse_error = |message: String| Error::Parse {
                path: path.to_path_buf(),
                line: n + 1,
                message,
            };
            if name.is_empty() {
                return Err(parse_error("empty name".into()));
            }
            let entity_type = EntityType::parse(type_name).ok_or_else(|| {
                parse_error(format!(
                    "unknown type {type_col:?}; expected person, group or place (optionally /subtype)"
                ))
            })?;
            let index = self.entries.len();
            self.entries.push(GazetteerEntry {
                name: name.to_string(),
                entity_type,
                subtype,
                kb_id: kb_id.map(str::to_string),
                list: list.clone(),
            });
            self.forms.push((name.to_string(), index));
            for alias in aliases.split('|').map(str::trim).filter(|a| !a.is_empty()) {
                self.forms.push((alias.to_string(), index));
            }
        }
        Ok(())
    }

    fn build(&mut self) {
        // Later lists win: keep the last entry for each surface form.
        let mut seen = std::collections::HashSet::new();
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (form, index) in self.forms.iter().rev() {
            if seen.insert(form.clone()) {
                forms.push((form.clone(), *index));
            }
        }
        forms.reverse();
        self.forms = forms;
        self.matcher = Some(
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(self.forms.iter().map(|(f, _)| f.as_str()))
                .expect("gazetteer automaton builds"),
        );
    }

    pub fn entries(&self) -> &[GazetteerEntry] {
        &self.entries
    }

    /// Every whole-word occurrence of a known name, leftmost-longest, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut mentions = Vec::new();
        for m in matcher.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            if !is_word_boundary(text, span.start, span.end) {
                continue;
            }
            let entry = &self.entries[self.forms[m.pattern().as_usize()].1];
            mentions.push(Mention {
                span,
                entity_type: entry.entity_type,
                subtype: entry.subtype.clone(),
                name: entry.name.clone(),
                kb_id: entry.kb_id.clone(),
                via: format!("gazetteer:{}", entry.list),
            });
        }
        mentions
    }
}

/// True when `text[start..end]` is not glued to letters or digits on either side.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
