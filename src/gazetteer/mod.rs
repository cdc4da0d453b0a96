//! Gazetteers: name lists (embedded defaults plus user files) and the matcher over them.
//!
//! Entity lists are TSV, one entity per line: `canonical<TAB>type[/subtype]<TAB>kb_id<TAB>aliases`
//! with aliases separated by `|`; blank lines and lines starting with `#` are ignored.
//!
//! The defaults are compiled by `build.rs` into an `fst` map (lower-cased surface form → its
//! entities) embedded in the binary, so start-up costs nothing however long the lists are. The
//! matcher walks that map from each word start, case-insensitively, and then keeps a match only
//! when the text's case fits the listed form ("US" matches "US", not "us"; an all-capitals
//! headline matches any form). User files are parsed at run time into a second, small map that
//! takes precedence over the defaults.

mod form_key;
pub mod lists;
mod table;
mod tsv;

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use fst::raw::{CompiledAddr, Fst, Node, Output};
use fst::Map;

use crate::document::{EntityType, Span};
use crate::error::{Error, Result};
use crate::text::tokens::{Token, TokenKind};

pub use form_key::form_key;

pub use lists::WordLists;
use table::EmbeddedTable;

static ENTITIES_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/entities.fst"));
static ENTITIES_TXT: &str = include_str!(concat!(env!("OUT_DIR"), "/entities.txt"));
static ENTITIES_IDX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/entities.idx"));
static FORMS_TXT: &str = include_str!(concat!(env!("OUT_DIR"), "/forms.txt"));
static LOWER_STARTS: &str = include_str!(concat!(env!("OUT_DIR"), "/lower_starts.txt"));
static HEADS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/heads.bin"));

/// Longest surface form the matcher tries, in bytes.
const MAX_FORM_BYTES: usize = 160;

/// Longest head pair in the head table, in bytes (as build.rs `MAX_HEAD_PAIR_BYTES`).
const MAX_HEAD_PAIR_BYTES: usize = 64;

/// One gazetteer entity, borrowed from the lists it was read from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GazetteerEntry<'g> {
    pub name: &'g str,
    pub entity_type: EntityType,
    pub subtype: Option<&'g str>,
    pub kb_id: Option<&'g str>,
    /// Which list it came from, for provenance.
    pub list: &'g str,
}

impl GazetteerEntry<'_> {
    /// The embedded entity `ordinal`, its columns located by the index build.rs writes.
    fn embedded(ordinal: u32) -> GazetteerEntry<'static> {
        let at = ordinal as usize * 20;
        let bound = |k: usize| {
            ENTITIES_IDX
                .get(at + 4 * k..at + 4 * k + 4)
                .and_then(|b| b.try_into().ok())
                .map_or(0, |b| u32::from_le_bytes(b) as usize)
        };
        let column = |k: usize| {
            let start = if k == 0 { bound(0) } else { bound(k) + 1 };
            ENTITIES_TXT.get(start..bound(k + 1)).unwrap_or("")
        };
        let (name, type_col, kb_id, list) = (column(0), column(1), column(2), column(3));
        // A byte scan: str::split_once(char) sets up a searcher, dear for so short a column.
        let (type_name, subtype) = match type_col.bytes().position(|b| b == b'/') {
            Some(at) => (&type_col[..at], Some(&type_col[at + 1..])),
            None => (type_col, None),
        };
        GazetteerEntry {
            name,
            entity_type: EntityType::parse(type_name).unwrap_or(EntityType::Group),
            subtype,
            kb_id: (!kb_id.is_empty()).then_some(kb_id),
            list,
        }
    }

    /// True when the subtype is one of `subtypes`.
    pub fn is(&self, subtypes: &[&str]) -> bool {
        self.subtype.is_some_and(|s| subtypes.contains(&s))
    }
}

/// A listed entity, as a handle that [`Gazetteer::entry`] reads: matching only collects
/// these, so a match costs no parsing and no allocation until a rule looks at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryId {
    /// Ordinal of the entity in the embedded entity table.
    Embedded(u32),
    /// Index into the user lists' entities.
    User(u32),
}

/// A listed name found in a text, with every entity it may name.
#[derive(Clone, Debug, PartialEq)]
pub struct GazetteerMatch<'g> {
    pub span: Span,
    /// Candidate readings; more than one when the name is ambiguous (Georgia, Jordan).
    pub entries: Vec<GazetteerEntry<'g>>,
}

/// An entity of a user list.
struct UserEntry {
    name: String,
    entity_type: EntityType,
    subtype: Option<String>,
    kb_id: Option<String>,
    /// The list's name, shared by its entries.
    list: Arc<str>,
}

/// Entities of user lists, and a small map over their surface forms.
#[derive(Default)]
struct UserLists {
    entries: Vec<UserEntry>,
    /// Every surface form read, in file order until [`Gazetteer::build_user_map`] sorts them
    /// by key and keeps each surface of a key once.
    forms: Vec<UserForm>,
    /// key → index into `records`
    map: Option<Map<Vec<u8>>>,
    /// The range of `forms` that each key lists.
    records: Vec<Range<usize>>,
    /// First words of the user's surface forms that start in lower case.
    lower_starts: HashSet<String>,
    /// Surface forms compared while loading: linear in the forms read (a test checks it; the
    /// per-form `retain` it replaces made 80k case variants of one name take 16 s).
    comparisons: u64,
}

/// One surface form of a user list: its matching key, as written, and its entry's index.
struct UserForm {
    key: Box<str>,
    surface: Box<str>,
    entry: u32,
}

/// Name lists and a matcher over every surface form.
pub struct Gazetteer {
    embedded: Map<&'static [u8]>,
    /// The embedded map's first steps, by input byte.
    embedded_roots: RootSteps,
    /// The embedded map's state after each ASCII head of a form (see build.rs `head_table`).
    heads: EmbeddedTable,
    /// First words of embedded forms that start in lower case, sorted.
    lower_starts: Vec<&'static str>,
    /// Their shapes: by first byte, a bit for each length in bytes (63 for any longer).
    lower_start_shapes: Box<[u64; 256]>,
    /// The same by last byte.
    lower_end_shapes: Box<[u64; 256]>,
    user: UserLists,
    words: WordLists,
}

impl Gazetteer {
    /// The embedded default lists. Costs no parsing: the maps are built at compile time.
    pub fn embedded() -> Gazetteer {
        let embedded = Map::new(ENTITIES_FST).expect("embedded gazetteer fst is valid");
        Gazetteer {
            embedded_roots: RootSteps::new(embedded.as_fst()),
            heads: EmbeddedTable::new(HEADS, 8),
            embedded,
            lower_starts: {
                let mut starts: Vec<&'static str> = LOWER_STARTS.lines().collect();
                starts.sort_unstable();
                starts
            },
            lower_start_shapes: lower_shapes(|w| w.first()),
            lower_end_shapes: lower_shapes(|w| w.last()),
            user: UserLists::default(),
            words: WordLists::embedded(),
        }
    }

    /// The embedded word lists (first names, titles, common words, …).
    pub fn words(&self) -> &WordLists {
        &self.words
    }

    /// Adds a user list; its entries take precedence over the defaults for the same surface form.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let contents = String::from_utf8(bytes).map_err(|e| not_utf8(path, e.as_bytes()))?;
        self.add_tsv(path, &contents)?;
        // The forms own their text: the file need not stay while the map is built.
        drop(contents);
        self.build_user_map();
        Ok(())
    }

    fn add_tsv(&mut self, path: &Path, contents: &str) -> Result<()> {
        let list = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let list: Arc<str> = list.into();
        for tsv::Row {
            line: n,
            name,
            type_col,
            kb_id,
            aliases,
        } in tsv::rows(contents)
        {
            let kb_id = Some(kb_id).filter(|s| !s.is_empty());
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
            let index = self.user.entries.len();
            self.user.entries.push(UserEntry {
                name: name.to_string(),
                entity_type,
                subtype,
                kb_id: kb_id.map(str::to_string),
                list: list.clone(),
            });
            let surfaces = std::iter::once(name).chain(aliases.split('|').map(str::trim));
            for surface in surfaces.filter(|s| !s.is_empty()) {
                let entry = u32::try_from(index)
                    .map_err(|_| parse_error("more than 4 billion user entries".into()))?;
                self.user.forms.push(UserForm {
                    key: form_key(surface).into(),
                    surface: surface.into(),
                    entry,
                });
            }
        }
        Ok(())
    }

    fn build_user_map(&mut self) {
        let user = &mut self.user;
        // Stable: the forms of one key stay in the order they were read.
        user.forms.sort_by(|a, b| a.key.cmp(&b.key));
        user.comparisons += keep_last_of_each_surface(&mut user.forms);
        let mut builder = fst::MapBuilder::memory();
        user.records.clear();
        let mut start = 0;
        while start < user.forms.len() {
            let end = run_end(&user.forms, start);
            let key = &user.forms[start].key;
            if !key.is_empty() {
                builder
                    .insert(key.as_bytes(), user.records.len() as u64)
                    .expect("keys are sorted");
                user.records.push(start..end);
            }
            start = end;
        }
        for form in &user.forms {
            if form.surface.starts_with(char::is_lowercase) {
                if let Some(w) = form.surface.split_whitespace().next() {
                    user.lower_starts.insert(w.to_string());
                }
            }
        }
        user.map = Some(Map::new(builder.into_inner().expect("in memory")).expect("valid"));
    }

    /// The entity behind `id`.
    pub fn entry(&self, id: EntryId) -> GazetteerEntry<'_> {
        match id {
            EntryId::Embedded(ordinal) => GazetteerEntry::embedded(ordinal),
            EntryId::User(index) => {
                let e = &self.user.entries[index as usize];
                GazetteerEntry {
                    name: &e.name,
                    entity_type: e.entity_type,
                    subtype: e.subtype.as_deref(),
                    kb_id: e.kb_id.as_deref(),
                    list: &e.list,
                }
            }
        }
    }

    /// Every entity listed under exactly the surface `form` (case as in [`Gazetteer::find`]).
    pub fn lookup(&self, form: &str) -> Vec<GazetteerEntry<'_>> {
        let key = form_key(form);
        let mut ids = Vec::new();
        if let Some(map) = &self.user.map {
            if let Some(i) = map.get(&key) {
                self.user_entries(i, form, &mut ids);
            }
        }
        if ids.is_empty() {
            if let Some(offset) = self.embedded.get(&key) {
                embedded_entries(offset, form, &mut ids);
            }
        }
        ids.into_iter().map(|id| self.entry(id)).collect()
    }

    /// The longest listed name starting at each word token, whole words only.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<GazetteerMatch<'_>> {
        let mut matcher = self.matcher();
        let mut matches = Vec::new();
        for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            if let Some((end, ids)) = matcher.longest_at(text, t.span()) {
                matches.push(GazetteerMatch {
                    span: Span::new(t.span().start, end),
                    entries: ids.iter().map(|&id| self.entry(id)).collect(),
                });
            }
        }
        matches
    }

    /// A matcher over these lists, with buffers reused from one word to the next.
    pub fn matcher(&self) -> Matcher<'_> {
        Matcher {
            gazetteer: self,
            ends: Vec::new(),
            ids: Vec::new(),
        }
    }

    /// Walks the embedded map from `start` (see `walk`), the first run of letters looked up.
    fn walk_embedded(&self, text: &str, start: usize, ends: &mut Vec<(usize, u64, bool)>) {
        let embedded = self.embedded.as_fst();
        let mut key = HeadKey::default();
        match self.head_at(text, start, &mut key) {
            Head::Unknown => walk(
                embedded,
                Some(&self.embedded_roots),
                text,
                start,
                false,
                ends,
            ),
            Head::Unlisted => {}
            Head::Listed { end, addr, output } => {
                let node = embedded.node(addr);
                if node.is_final() && is_word_boundary(text, start, end) {
                    ends.push((end, output.cat(node.final_output()).value(), false));
                }
                match self.pair_at(text, start, end, &mut key) {
                    Head::Unknown => {
                        walk_from(embedded, text, start, end, (node, output), false, ends)
                    }
                    Head::Unlisted => {}
                    Head::Listed { end, addr, output } => {
                        let node = embedded.node(addr);
                        if node.is_final() && is_word_boundary(text, start, end) {
                            ends.push((end, output.cat(node.final_output()).value(), false));
                        }
                        walk_from(embedded, text, start, end, (node, output), false, ends);
                    }
                }
            }
        }
    }

    /// The embedded map's state after the run of letters and digits at `start`, when that run
    /// is short and ASCII: one lookup instead of a step per letter, and most runs that start
    /// no listed name stop here. `key` is left holding the run, lower-cased.
    fn head_at(&self, text: &str, start: usize, key: &mut HeadKey) -> Head {
        let rest = &text.as_bytes()[start..];
        let Some(len) = key.push_run(rest).filter(|&len| len > 0) else {
            return Head::Unknown;
        };
        // The run goes on in a letter beyond ASCII ("Zürich"): walk it.
        if rest.get(len).is_some_and(|b| !b.is_ascii())
            && text[start + len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            return Head::Unknown;
        }
        self.state_after(key, start + len)
    }

    /// The embedded map's state after the head `start..head_end` (in `key`), whitespace and
    /// the next run of letters and digits, when all are ASCII and the pair short (see build.rs
    /// `head_table`): most words after a listed head ("The", "President") start no name with
    /// it, which one lookup tells instead of a walk over the space and the word.
    fn pair_at(&self, text: &str, start: usize, head_end: usize, key: &mut HeadKey) -> Head {
        let after_head = &text.as_bytes()[head_end..];
        // Whitespace as `char::is_whitespace` has it in ASCII.
        let spaces = after_head
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t'..=b'\r'))
            .unwrap_or(after_head.len());
        let rest = &after_head[spaces..];
        if spaces == 0 || !key.push(b" ") {
            return Head::Unknown;
        }
        let Some(len) = key.push_run(rest) else {
            return Head::Unknown;
        };
        let end = head_end + spaces + len;
        // The walk reads these bytes as they are only if nothing beyond ASCII is near and the
        // walk would not stop for length first. (On `Unknown` the key is not read again.)
        if len == 0 || end - start > MAX_FORM_BYTES || rest.get(len).is_some_and(|b| !b.is_ascii())
        {
            return Head::Unknown;
        }
        self.state_after(key, end)
    }

    /// What the head table says of `key`, which ends in the text at `end`.
    fn state_after(&self, key: &HeadKey, end: usize) -> Head {
        let Some(state) = self.heads.get_hashed(key.bytes(), key.hash) else {
            return Head::Unlisted;
        };
        // Two u32 LE (build.rs `head_table`).
        let u32_at = |at: usize| {
            state
                .get(at..at + 4)
                .and_then(|b| b.try_into().ok())
                .map_or(0, u32::from_le_bytes)
        };
        Head::Listed {
            end,
            addr: u32_at(0) as CompiledAddr,
            output: Output::new(u64::from(u32_at(4))),
        }
    }

    fn may_start_in_lower_case(&self, word: &str) -> bool {
        // Most lower-case words share no first and last letter and length with these; skip
        // the search for them.
        let bytes = word.as_bytes();
        let (first, last) = (bytes.first().copied(), bytes.last().copied());
        (self.lower_start_shape_fits(first.unwrap_or(0), last.unwrap_or(0), word.len())
            && self.lower_starts.binary_search(&word).is_ok())
            || (!self.user.lower_starts.is_empty() && self.user.lower_starts.contains(word))
    }

    /// False only when no first word of a form (embedded or the user's) in lower case could be
    /// a word of `len` bytes from `first` to `last`.
    #[inline]
    fn may_be_lower_start(&self, first: u8, last: u8, len: usize) -> bool {
        self.lower_start_shape_fits(first, last, len) || !self.user.lower_starts.is_empty()
    }

    /// True when some embedded first word in lower case starts with `first`, ends with `last`
    /// and is `len` bytes long (63 for any longer).
    #[inline]
    fn lower_start_shape_fits(&self, first: u8, last: u8, len: usize) -> bool {
        let len_bit = 1 << len.min(63);
        self.lower_start_shapes[usize::from(first)] & len_bit != 0
            && self.lower_end_shapes[usize::from(last)] & len_bit != 0
    }

    /// Pushes the entities of user record `record` whose surface form fits `text`'s case.
    fn user_entries(&self, record: u64, text: &str, ids: &mut Vec<EntryId>) {
        let Some(range) = self.user.records.get(record as usize) else {
            return;
        };
        ids.extend(
            self.user.forms[range.clone()]
                .iter()
                .filter(|f| case_fits(&f.surface, text))
                .map(|f| EntryId::User(f.entry)),
        );
    }
}

/// The end of the run of forms (sorted by key) that share the key of `forms[start]`. A scan,
/// not a binary search: runs are short, and the search cost a log factor of string compares.
fn run_end(forms: &[UserForm], start: usize) -> usize {
    let key = &forms[start].key;
    start + forms[start..].iter().take_while(|f| f.key == *key).count()
}

/// Names the line and column of a gazetteer's first invalid UTF-8 byte.
fn not_utf8(path: &Path, bytes: &[u8]) -> Error {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), str::len);
    let before = &bytes[..valid];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Error::Parse {
        path: path.to_path_buf(),
        line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
        message: format!(
            "not valid UTF-8 (first invalid byte at column {}); convert it first, e.g. `iconv -f latin1 -t utf-8`",
            valid - line_start + 1
        ),
    }
}

/// Within each run of forms of one key (sorted, in reading order), keeps the last form of each
/// surface, where it was last read: a later user file wins over an earlier one for the same
/// surface form. Linear: one hash set per run. Returns the surfaces compared.
fn keep_last_of_each_surface(forms: &mut Vec<UserForm>) -> u64 {
    let mut keep = vec![true; forms.len()];
    let mut comparisons = 0;
    let mut start = 0;
    while start < forms.len() {
        let end = run_end(forms, start);
        if end - start > 1 {
            let mut seen = HashSet::new();
            for i in (start..end).rev() {
                comparisons += 1;
                keep[i] = seen.insert(&forms[i].surface);
            }
        }
        start = end;
    }
    let mut kept = keep.into_iter();
    forms.retain(|_| kept.next().unwrap_or(true));
    comparisons
}

/// Finds listed names word by word (see [`Gazetteer::matcher`]).
pub struct Matcher<'g> {
    gazetteer: &'g Gazetteer,
    /// Whole-word ends of listed forms: (end, record, from a user list).
    ends: Vec<(usize, u64, bool)>,
    ids: Vec<EntryId>,
}

impl Matcher<'_> {
    /// The longest listed name starting with `word` (a word token's span), whole words only,
    /// whose case fits: its end and the entities it may name.
    #[inline]
    pub fn longest_at(&mut self, text: &str, word: Span) -> Option<(usize, &[EntryId])> {
        // Most words are in lower case and start no listed form: answered here from their
        // first and last bytes and length, before any of the walk's setup.
        let bytes = text.as_bytes();
        if let (Some(&first), Some(&last)) =
            (bytes.get(word.start), bytes.get(word.end.wrapping_sub(1)))
        {
            if first.is_ascii_lowercase()
                && word.end > word.start
                && !self
                    .gazetteer
                    .may_be_lower_start(first, last, word.end - word.start)
            {
                return None;
            }
        }
        self.walk_at(text, word)
    }

    /// `longest_at` for the words its quick test leaves.
    fn walk_at(&mut self, text: &str, word: Span) -> Option<(usize, &[EntryId])> {
        let g = self.gazetteer;
        let word_text = word.text(text);
        // Nearly every listed name starts with a capital: walking from other words only
        // when some form starts with them keeps the scan cheap.
        if word_text.starts_with(char::is_lowercase) && !g.may_start_in_lower_case(word_text) {
            return None;
        }
        let start = word.start;
        let ends = &mut self.ends;
        ends.clear();
        if let Some(map) = &g.user.map {
            walk(map.as_fst(), None, text, start, true, ends);
        }
        g.walk_embedded(text, start, ends);
        // Longest first; at equal length the user's list first. Most words end no form.
        if ends.len() > 1 {
            ends.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.cmp(&a.2)));
        }
        for &(end, value, user) in ends.iter() {
            let surface = &text[start..end];
            self.ids.clear();
            if user {
                g.user_entries(value, surface, &mut self.ids);
            } else {
                embedded_entries(value, surface, &mut self.ids);
            }
            if !self.ids.is_empty() {
                return Some((end, &self.ids));
            }
        }
        None
    }
}

/// Pushes the entities of the embedded record at `offset` whose surface form fits `text`'s
/// case, each once. Equal ordinals are equal entities: build.rs writes each entity once.
fn embedded_entries(offset: u64, text: &str, ids: &mut Vec<EntryId>) {
    let Some(record) = FORMS_TXT.as_bytes().get(offset as usize..) else {
        return;
    };
    // One pass over the record (`surface\x1fentry;…\n`, see build.rs): records are short, and
    // finding the line's end, then the items, then each separator read each byte three times.
    let mut at = 0;
    while at < record.len() {
        let Some(unit) = record[at..]
            .iter()
            .position(|&b| matches!(b, 0x1f | b';' | b'\n'))
            .map(|u| at + u)
        else {
            return;
        };
        if record[unit] != 0x1f {
            // An item without an entry: none are written, but skip it as the format allows.
            at = unit + 1;
            if record[unit] == b'\n' {
                return;
            }
            continue;
        }
        let digits = record[unit + 1..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(record.len(), |d| unit + 1 + d);
        let end = record.get(digits).copied();
        // Both separators are ASCII, so these are char boundaries.
        let surface = FORMS_TXT
            .get(offset as usize + at..offset as usize + unit)
            .unwrap_or("");
        let entry = std::str::from_utf8(&record[unit + 1..digits])
            .ok()
            .and_then(|e| e.parse::<u32>().ok());
        if let (Some(entry), Some(b';' | b'\n') | None) = (entry, end) {
            if case_fits(surface, text) {
                let id = EntryId::Embedded(entry);
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        match end {
            Some(b';') => at = digits + 1,
            _ => return,
        }
    }
}

/// What the head table says of the run of letters and digits a word starts with.
enum Head {
    /// Not an ASCII run the table can answer for: walk letter by letter.
    Unknown,
    /// No listed form starts with this run as a whole word.
    Unlisted,
    /// Some form does; the walk goes on from `end` in this state.
    Listed {
        end: usize,
        addr: CompiledAddr,
        output: Output,
    },
}

/// A head or head pair being looked up: its bytes in lower case and their FNV-1a hash, built
/// up run by run.
struct HeadKey {
    bytes: [u8; MAX_HEAD_PAIR_BYTES],
    len: usize,
    hash: u64,
}

impl Default for HeadKey {
    fn default() -> HeadKey {
        HeadKey {
            bytes: [0; MAX_HEAD_PAIR_BYTES],
            len: 0,
            hash: table::FNV_START,
        }
    }
}

impl HeadKey {
    /// Appends `run` lower-cased; false, and nothing appended, when it would not fit.
    fn push(&mut self, run: &[u8]) -> bool {
        let Some(to) = self.bytes.get_mut(self.len..self.len + run.len()) else {
            return false;
        };
        for (k, &b) in to.iter_mut().zip(run) {
            *k = b.to_ascii_lowercase();
            self.hash = table::fnv1a_step(self.hash, *k);
        }
        self.len += run.len();
        true
    }

    /// Appends the run of ASCII letters and digits `bytes` starts with, lower-cased, and
    /// returns its length: one pass finds, copies and hashes it (a scan, then a copy, read each
    /// byte twice). `None`, and the key as it was, when the run would not fit.
    fn push_run(&mut self, bytes: &[u8]) -> Option<usize> {
        // In locals over the room left, so the loop neither checks bounds nor stores state.
        let room = self.bytes.get_mut(self.len..).unwrap_or_default();
        let (mut len, mut hash) = (0, self.hash);
        for (k, &b) in room.iter_mut().zip(bytes) {
            let lower = LOWER_ALNUM[usize::from(b)];
            if lower == 0 {
                break;
            }
            *k = lower;
            hash = table::fnv1a_step(hash, lower);
            len += 1;
        }
        // The run goes on beyond the room.
        if bytes
            .get(len)
            .is_some_and(|&b| LOWER_ALNUM[usize::from(b)] != 0)
        {
            return None;
        }
        self.len += len;
        self.hash = hash;
        Some(len)
    }

    fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// By byte: the byte lower-cased when it is an ASCII letter or digit, else 0 (which is
/// neither), so one load both tests and lower-cases.
const LOWER_ALNUM: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// The root's transitions by input byte. Every walk starts at the root, whose many
/// transitions cost the most to search; a table makes that first step one index.
struct RootSteps([Option<(CompiledAddr, Output)>; 256]);

impl RootSteps {
    fn new(fst: &Fst<impl AsRef<[u8]>>) -> RootSteps {
        let mut steps = [None; 256];
        for t in fst.root().transitions() {
            steps[usize::from(t.inp)] = Some((t.addr, t.out));
        }
        RootSteps(steps)
    }
}

/// The shapes of the embedded first words in lower case: by the byte `pick` takes from each,
/// a bit for each length in bytes (63 for any longer).
fn lower_shapes(pick: impl Fn(&[u8]) -> Option<&u8>) -> Box<[u64; 256]> {
    LOWER_STARTS.lines().fold(Box::new([0; 256]), |mut set, w| {
        let b = pick(w.as_bytes()).copied().unwrap_or(0);
        set[usize::from(b)] |= 1 << w.len().min(63);
        set
    })
}

/// Walks `fst` over the lower-cased text from `start`, collecting every whole-word end.
/// `roots`, when given, holds `fst`'s root steps.
fn walk(
    fst: &Fst<impl AsRef<[u8]>>,
    roots: Option<&RootSteps>,
    text: &str,
    start: usize,
    user: bool,
    ends: &mut Vec<(usize, u64, bool)>,
) {
    let first = text[start..].chars().next();
    let (node, output, from) = match (roots, first) {
        (Some(roots), Some(c)) if c.is_ascii() && !c.is_whitespace() => {
            let Some((addr, out)) = roots.0[usize::from(c.to_ascii_lowercase() as u8)] else {
                return;
            };
            let node = fst.node(addr);
            if node.is_final() && is_word_boundary(text, start, start + 1) {
                ends.push((start + 1, out.cat(node.final_output()).value(), user));
            }
            (node, out, start + 1)
        }
        _ => (fst.root(), Output::zero(), start),
    };
    walk_from(fst, text, start, from, (node, output), user, ends);
}

/// Goes on with a walk begun at `start`, from byte `from`, in the state `(node, output)`
/// reached there.
fn walk_from<'f>(
    fst: &'f Fst<impl AsRef<[u8]>>,
    text: &str,
    start: usize,
    from: usize,
    (mut node, mut output): (Node<'f>, Output),
    user: bool,
    ends: &mut Vec<(usize, u64, bool)>,
) {
    let mut pending_space = false;
    let mut buf = [0u8; 4];
    for (i, c) in text[from..].char_indices() {
        let pos = from + i;
        if pos - start > MAX_FORM_BYTES {
            break;
        }
        if c.is_whitespace() {
            if pos == start {
                return;
            }
            pending_space = true;
            continue;
        }
        if pending_space {
            match node.find_input(b' ') {
                Some(t) => {
                    let tr = node.transition(t);
                    output = output.cat(tr.out);
                    node = fst.node(tr.addr);
                }
                None => return,
            }
            pending_space = false;
        }
        if c.is_ascii() {
            match node.find_input(c.to_ascii_lowercase() as u8) {
                Some(t) => {
                    let tr = node.transition(t);
                    output = output.cat(tr.out);
                    node = fst.node(tr.addr);
                }
                None => return,
            }
        } else {
            for lower in c.to_lowercase() {
                for &b in lower.encode_utf8(&mut buf).as_bytes() {
                    match node.find_input(b) {
                        Some(t) => {
                            let tr = node.transition(t);
                            output = output.cat(tr.out);
                            node = fst.node(tr.addr);
                        }
                        None => return,
                    }
                }
            }
        }
        let end = pos + c.len_utf8();
        if node.is_final() && is_word_boundary(text, start, end) {
            ends.push((end, output.cat(node.final_output()).value(), user));
        }
    }
}

/// True when text written as `text` may be the listed form `surface`: the same letters in the
/// same case (whitespace aside), or `text` in capitals throughout (headlines: "UNITED NATIONS").
pub fn case_fits(surface: &str, text: &str) -> bool {
    // The common case, without splitting into words.
    if surface == text {
        return true;
    }
    let mut s = surface.split_whitespace();
    let mut t = text.split_whitespace();
    let mut upper_text = true;
    let mut exact = true;
    loop {
        match (s.next(), t.next()) {
            (None, None) => break,
            (Some(a), Some(b)) => {
                if a != b {
                    exact = false;
                }
                if b.chars().any(char::is_lowercase) {
                    upper_text = false;
                }
                if !exact && (!upper_text || a.to_uppercase() != b) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    exact || upper_text
}

/// True when `text[start..end]` is not glued to letters or digits on either side.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn found(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        g.find(text, &tokenize(text))
            .into_iter()
            .map(|m| (m.span.text(text).to_string(), m.entries[0].name.to_string()))
            .collect()
    }

    #[test]
    fn finds_listed_names_on_word_boundaries_with_fitting_case() {
        let g = Gazetteer::embedded();
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Troops left Afghanistan.",
                &[("Afghanistan", "Afghanistan")],
            ),
            (
                "the US  and the U.N.",
                &[("US", "United States"), ("U.N.", "United Nations")],
            ),
            ("IRAN AND IRAQ TALK", &[("IRAN", "Iran"), ("IRAQ", "Iraq")]),
            ("let us go", &[]),
            ("Irani and Kabulistan", &[]),
            ("the Islamic\nState", &[("Islamic\nState", "Islamic State")]),
        ];
        for (text, expected) in cases {
            let want: Vec<(String, String)> = expected
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(found(&g, text), want, "{text}");
        }
    }

    #[test]
    fn user_lists_take_precedence() {
        let dir = std::env::temp_dir().join(format!("claimex-gaz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("mine.tsv");
        std::fs::write(
            &path,
            "Kabul Football Club\tgroup/club\t\tKabul\nZed Corp\tgroup\t\t\n",
        )
        .unwrap();
        let mut g = Gazetteer::embedded();
        g.add_file(&path).unwrap();
        let text = "Kabul beat Zed Corp.";
        let m = g.find(text, &tokenize(text));
        assert_eq!(m[0].entries[0].name, "Kabul Football Club");
        assert_eq!(m[0].entries[0].list, "mine");
        assert_eq!(m[1].entries[0].name, "Zed Corp");
        std::fs::write(&path, "Bad\tthing\t\t\n").unwrap();
        assert!(Gazetteer::embedded().add_file(&path).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Loads `contents` as a user list; the list and the surfaces compared while loading.
    fn load(contents: &str) -> (Gazetteer, u64) {
        let mut g = Gazetteer::embedded();
        g.add_tsv(Path::new("mine.tsv"), contents).unwrap();
        g.build_user_map();
        let comparisons = g.user.comparisons;
        (g, comparisons)
    }

    /// `n` case variants of one name ("abc", "Abc", "aBc", …), one a line.
    fn case_variants(n: usize) -> String {
        (0..n)
            .map(|bits| {
                let name: String = ("abcdefghijklmnopqrstu".chars().enumerate())
                    .map(|(j, c)| {
                        if bits >> j & 1 == 1 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })
                    .collect();
                format!("{name}\tperson\t\t\n")
            })
            .collect()
    }

    #[test]
    fn loading_case_variants_of_one_name_is_linear() {
        // One key, n surfaces: each surface was compared with every earlier one (issue 11).
        let (_, small) = load(&case_variants(2_000));
        let (g, large) = load(&case_variants(8_000));
        assert!(
            large <= small * 4 + 16,
            "{small} -> {large} comparisons for 4x the forms"
        );
        assert_eq!(g.lookup("aBcdefghijklmnopqrstu").len(), 1);
    }

    #[test]
    fn a_later_list_wins_for_the_same_surface() {
        let mut g = Gazetteer::embedded();
        g.add_tsv(
            Path::new("a.tsv"),
            "Zed Corp\tgroup\t\tZed\nZED\tgroup\t\t\n",
        )
        .unwrap();
        g.build_user_map();
        g.add_tsv(Path::new("b.tsv"), "Zed Inc\tgroup\t\tZed\n")
            .unwrap();
        g.build_user_map();
        let names = |form| -> Vec<String> {
            g.lookup(form)
                .iter()
                .map(|e| format!("{} {}", e.name, e.list))
                .collect()
        };
        assert_eq!(names("Zed"), ["Zed Inc b"]);
        // Capitals fit any case; the order is where each surface was last read.
        assert_eq!(names("ZED"), ["ZED a", "Zed Inc b"]);
        assert_eq!(names("Zed Corp"), ["Zed Corp a"]);
    }

    #[test]
    fn invalid_utf8_names_file_line_and_column() {
        let dir = std::env::temp_dir().join(format!("claimex-gaz-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("latin1.tsv");
        std::fs::write(&path, b"Zed Corp\tgroup\t\t\nCaf\xe9 Rouge\tgroup\t\t\n").unwrap();
        let e = Gazetteer::embedded()
            .add_file(&path)
            .unwrap_err()
            .to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            e.contains("latin1.tsv:2: not valid UTF-8 (first invalid byte at column 4)"),
            "{e}"
        );
    }

    #[test]
    fn head_key_takes_the_leading_run_lower_cased() {
        let long = "a".repeat(MAX_HEAD_PAIR_BYTES + 1);
        for (text, run) in [
            ("New York", Some("new")),
            ("U.S.", Some("u")),
            ("Zürich", Some("z")),
            ("B52s rock", Some("b52s")),
            ("'s", Some("")),
            ("", Some("")),
            (long.as_str(), None),
        ] {
            let mut key = HeadKey::default();
            let pushed = key.push_run(text.as_bytes());
            assert_eq!(pushed, run.map(str::len), "{text}");
            let expected = run.unwrap_or("");
            assert_eq!(key.bytes(), expected.as_bytes(), "{text}");
            assert_eq!(
                key.hash,
                expected.bytes().fold(table::FNV_START, table::fnv1a_step),
                "{text}"
            );
        }
    }

    #[test]
    fn head_lookup_walks_like_letter_by_letter() {
        let g = Gazetteer::embedded();
        let texts = [
            "The Hague and the United States of America met in New York City.",
            "U.S. troops, the U.N. and ISIS-K; al-Qaeda in Zürich and São Paulo.",
            "Saidx Washingtonian Londoner London-based BBC's Kabul\nKabul  Airport",
            "IRAN AND IRAQ TALK; Georgia, Jordan, Chad.",
            // Head pairs: any whitespace between, names that go on after the pair or not.
            "New\t\tYork  City's mayor; THE  UNITED \n STATES\u{a0}of America; New Yorkers",
            "the Bank of\u{a0}England, Bank of Englandx, Bank of 2England, New York\u{e9}",
        ];
        // A gap so long that the walk stops for length inside the second word.
        let far = format!(
            "New{}York and New{}York City",
            " ".repeat(150),
            " ".repeat(155)
        );
        let mut found = 0;
        for text in texts.into_iter().chain([far.as_str()]) {
            for (start, _) in text.char_indices() {
                let (mut looked_up, mut walked) = (Vec::new(), Vec::new());
                g.walk_embedded(text, start, &mut looked_up);
                let (fst, roots) = (g.embedded.as_fst(), Some(&g.embedded_roots));
                walk(fst, roots, text, start, false, &mut walked);
                assert_eq!(looked_up, walked, "{text:?} at {start}");
                found += looked_up.len();
            }
        }
        assert!(found > 20, "the texts name listed places: {found}");
    }

    #[test]
    fn entity_index_reads_each_line_as_split_would() {
        let g = Gazetteer::embedded();
        for (ordinal, line) in ENTITIES_TXT.lines().enumerate() {
            let mut cols = line.split('\t');
            let entry = g.entry(EntryId::Embedded(ordinal as u32));
            assert_eq!(entry.name, cols.next().unwrap());
            let type_col = cols.next().unwrap();
            assert_eq!(entry.subtype, type_col.split_once('/').map(|(_, s)| s));
            let kb_id = cols.next().unwrap();
            assert_eq!(entry.kb_id, (!kb_id.is_empty()).then_some(kb_id));
            assert_eq!(entry.list, cols.next().unwrap());
        }
    }

    #[test]
    fn case_must_fit() {
        for (surface, text, fits) in [
            ("US", "US", true),
            ("US", "us", false),
            ("United States", "UNITED STATES", true),
            ("United States", "united states", false),
            ("United States", "United  States", true),
            ("ISIS-K", "Isis-K", false),
        ] {
            assert_eq!(case_fits(surface, text), fits, "{surface} / {text}");
        }
    }
}
