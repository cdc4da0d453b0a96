//! Compiles the default name lists into `fst` maps at build time, so that start-up only maps
//! bytes that are already in the binary instead of building an automaton over every name
//! (issue 3: an aho-corasick automaton over 100k names takes ~0.3 s to build).
//!
//! Inputs, discovered automatically (a new file needs no code change):
//! - `gazetteers/entities/*.tsv`: `canonical<TAB>type[/subtype]<TAB>kb_id<TAB>alias|alias…`.
//! - `gazetteers/names/*.{txt,tsv}` and `gazetteers/ner/*.{txt,tsv}`: word lists; the first
//!   column of each line is a word, the file stem names the list (same stems are merged).
//!
//! Outputs in `OUT_DIR`:
//! - `entities.fst`: lower-cased surface form (whitespace collapsed) → byte offset of its
//!   record in `forms.txt`; a record is `surface\x1fentry;surface\x1fentry…\n`, where `entry`
//!   is the ordinal of the entity's line `canonical\ttype\tkb_id\tlist\n` in `entities.txt`.
//! - `entities.idx`: per entity ordinal, where its line and columns lie (see `entity_index`).
//! - `lower_starts.txt`: first words of the surface forms that start in lower case.
//! - `heads.bin`: a hash table, ASCII head of a form (and head pair) → the fst state after it
//!   (`head_table`).
//! - `words.bin`: a hash table, lower-cased word → bit set of the word lists (by stem) that
//!   contain it (format in `hash_table`).
//! - `lists.rs`: `WORD_LIST_STEMS`, the stems in bit order, and `WORDS_FST`.

#[path = "src/gazetteer/form_key.rs"]
mod form_key;
#[path = "src/gazetteer/tsv.rs"]
mod tsv;
use form_key::form_key;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    build_entities(&root.join("gazetteers/entities"), &out);
    build_word_lists(
        &[root.join("gazetteers/names"), root.join("gazetteers/ner")],
        &out,
    );
    println!("cargo:rerun-if-changed=build.rs");
}

/// Files in `dir` whose names end with one of `exts`, sorted; the directory is watched.
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| exts.contains(&e))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    for f in &found {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    found
}

fn build_entities(dir: &Path, out: &Path) {
    let mut entities = String::new();
    // Per entity, by ordinal: where its line and each of its columns end (see `entity_index`).
    let mut index: Vec<u8> = Vec::new();
    // key → surface → entry offsets; the hand-checked `curated` list overrides the others for
    // a surface form it lists, so a generated list cannot add a wrong reading to it.
    let mut forms: BTreeMap<String, BTreeMap<String, Vec<(bool, usize)>>> = BTreeMap::new();
    // identity → ordinal
    let mut seen_entities: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for path in files(dir, &["tsv"]) {
        let list = path.file_stem().unwrap().to_string_lossy().into_owned();
        let curated = list == "curated";
        let contents = fs::read_to_string(&path).unwrap();
        for tsv::Row {
            line: n,
            name,
            type_col,
            kb_id,
            aliases,
        } in tsv::rows(&contents)
        {
            let type_name = type_col.split('/').next().unwrap_or("");
            assert!(
                !name.is_empty() && matches!(type_name, "person" | "group" | "place"),
                "{}:{}: expected canonical<TAB>person|group|place[/subtype]<TAB>kb_id<TAB>aliases",
                path.display(),
                n + 1
            );
            let identity = (name.to_string(), type_col.to_string(), kb_id.to_string());
            let ordinal = seen_entities.len();
            let offset = *seen_entities.entry(identity).or_insert_with(|| {
                let start = entities.len();
                writeln!(entities, "{name}\t{type_col}\t{kb_id}\t{list}").unwrap();
                index.extend(entity_index(&entities, start));
                ordinal
            });
            let surfaces = std::iter::once(name).chain(aliases.split('|').map(str::trim));
            for surface in surfaces.filter(|s| !s.is_empty()) {
                let k = form_key(surface);
                if k.is_empty() {
                    continue;
                }
                let entries = forms
                    .entry(k)
                    .or_default()
                    .entry(surface.to_string())
                    .or_default();
                if !entries.iter().any(|&(_, o)| o == offset) {
                    entries.push((curated, offset));
                }
            }
        }
    }
    // First words of surface forms written in lower case ("al-Qaeda", "dpa"): the matcher
    // walks from a lower-case word only when it is one of these.
    let lower_starts: BTreeSet<&str> = forms
        .values()
        .flat_map(|surfaces| surfaces.keys())
        .filter(|s| s.chars().next().is_some_and(char::is_lowercase))
        .filter_map(|s| s.split_whitespace().next())
        .collect();
    let lower_starts: Vec<&str> = lower_starts.into_iter().collect();
    fs::write(out.join("lower_starts.txt"), lower_starts.join("\n")).unwrap();
    let mut records = String::new();
    let mut builder = fst::MapBuilder::memory();
    for (k, surfaces) in &forms {
        let offset = records.len() as u64;
        let mut first = true;
        for (surface, entries) in surfaces {
            let any_curated = entries.iter().any(|&(c, _)| c);
            for &(c, entry) in entries {
                if any_curated && !c {
                    continue;
                }
                if !first {
                    records.push(';');
                }
                first = false;
                write!(records, "{surface}\x1f{entry}").unwrap();
            }
        }
        records.push('\n');
        builder.insert(k, offset).unwrap();
    }
    let fst_bytes = builder.into_inner().unwrap();
    fs::write(out.join("heads.bin"), head_table(&fst_bytes, forms.keys())).unwrap();
    fs::write(out.join("entities.fst"), fst_bytes).unwrap();
    fs::write(out.join("entities.txt"), entities).unwrap();
    fs::write(out.join("entities.idx"), index).unwrap();
    fs::write(out.join("forms.txt"), records).unwrap();
}

/// The index record of the entity line starting at byte `start` of `entities`: five
/// little-endian u32, the line's start and the end of each of its four tab-separated columns,
/// so that reading an entity at run time needs no scanning.
fn entity_index(entities: &str, start: usize) -> Vec<u8> {
    let line = entities[start..].split('\n').next().unwrap_or("");
    let mut bounds = vec![start];
    let mut cols = line.split('\t');
    for k in 0..4 {
        let col = cols.next().expect("entity lines have four columns");
        let col_start = if k == 0 { start } else { bounds[k] + 1 };
        bounds.push(col_start + col.len());
    }
    bounds
        .iter()
        .flat_map(|&b| {
            u32::try_from(b)
                .expect("entity table under 4 GiB")
                .to_le_bytes()
        })
        .collect()
}

/// Longest head pair (`head_table`) the table holds, in bytes; `src/gazetteer/mod.rs` looks up
/// no longer ones.
const MAX_HEAD_PAIR_BYTES: usize = 64;

/// The heads of the forms (each key's leading run of letters and digits) that are ASCII, each
/// with the state of `fst` after reading it: node address and output, two u32 LE. A name can
/// only match from a word whose whole first run is such a head (its end must be a word
/// boundary), so the matcher looks the run up instead of walking it letter by letter.
///
/// The same table holds head pairs: a head, one space and the next run, when the key goes on
/// so ("new york" of "new york city"), both runs ASCII and the pair at most
/// `MAX_HEAD_PAIR_BYTES` long. After a head and a space, a name goes on only when the pair is
/// listed: one lookup settles most words after a listed head ("The", "President").
fn head_table<'k>(fst_bytes: &[u8], keys: impl Iterator<Item = &'k String>) -> Vec<u8> {
    let fst = fst::raw::Fst::new(fst_bytes).unwrap();
    let mut heads: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    let run_len = |s: &str| s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    let state_after = |prefix: &'k str, heads: &mut BTreeMap<&'k str, (u64, u64)>| {
        if heads.contains_key(prefix) {
            return;
        }
        let (mut node, mut output) = (fst.root(), fst::raw::Output::zero());
        for &b in prefix.as_bytes() {
            let t = node.transition(node.find_input(b).expect("a key's prefix is in the fst"));
            output = output.cat(t.out);
            node = fst.node(t.addr);
        }
        heads.insert(prefix, (node.addr() as u64, output.value()));
    };
    for key in keys {
        let len = run_len(key);
        let head = &key[..len];
        if head.is_empty() || !head.is_ascii() {
            continue;
        }
        state_after(head, &mut heads);
        let Some(rest) = key[len..].strip_prefix(' ') else {
            continue;
        };
        let pair = &key[..len + 1 + run_len(rest)];
        if pair.len() > len + 1 && pair.is_ascii() && pair.len() <= MAX_HEAD_PAIR_BYTES {
            state_after(pair, &mut heads);
        }
    }
    // Both fit in 32 bits (the fst and the records it points into are a few MB), which keeps
    // the table, and the pages a long document touches in it, small.
    hash_table(heads.iter().map(|(head, &(addr, output))| {
        let mut value = u32::try_from(addr)
            .expect("fst under 4 GiB")
            .to_le_bytes()
            .to_vec();
        value.extend_from_slice(
            &u32::try_from(output)
                .expect("records under 4 GiB")
                .to_le_bytes(),
        );
        (head.as_bytes(), value)
    }))
}

fn build_word_lists(dirs: &[PathBuf], out: &Path) {
    let mut lists: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for dir in dirs {
        for path in files(dir, &["txt", "tsv"]) {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let words = lists.entry(stem).or_default();
            for line in fs::read_to_string(&path).unwrap().lines() {
                if line.starts_with('#') {
                    continue;
                }
                let word = form_key(line.split('\t').next().unwrap_or(""));
                if !word.is_empty() {
                    words.insert(word);
                }
            }
        }
    }
    // One map for every list: word → bit set of the lists that contain it, so that one
    // lookup answers every role a word may play.
    assert!(lists.len() < 64, "at most 63 word lists");
    let stems: Vec<&String> = lists.keys().collect();
    let mut masks: BTreeMap<&str, u64> = BTreeMap::new();
    for (bit, words) in lists.values().enumerate() {
        for w in words {
            *masks.entry(w.as_str()).or_default() |= 1 << bit;
        }
    }
    let table = hash_table(
        masks
            .iter()
            .map(|(word, mask)| (word.as_bytes(), mask.to_le_bytes().to_vec())),
    );
    fs::write(out.join("words.bin"), table).unwrap();
    let mut index = String::from(
        "/// Word-list stems compiled by build.rs; bit `i` of a word's value is list `i`.\n",
    );
    writeln!(index, "pub const WORD_LIST_STEMS: &[&str] = &{stems:?};").unwrap();
    index.push_str("/// Lower-cased word → bit set of the lists containing it.\n");
    index.push_str("pub static WORDS_TABLE: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/words.bin\"));\n");
    fs::write(out.join("lists.rs"), index).unwrap();
}

/// FNV-1a, the hash the tables are built and probed with (see `src/gazetteer/table.rs`).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// An open-addressing hash table that needs no work at start-up: a header `slots: u32`, then
/// `slots` little-endian u32 offsets into the entries (u32::MAX when empty), then the entries,
/// each `len: u8, key bytes, value` (values all of one length). Lookups hash with FNV-1a and
/// probe linearly (`src/gazetteer/table.rs`).
fn hash_table<'k>(entries: impl ExactSizeIterator<Item = (&'k [u8], Vec<u8>)>) -> Vec<u8> {
    let slots = (entries.len() * 2).next_power_of_two().max(16);
    let mut table = vec![u32::MAX; slots];
    let mut records = Vec::new();
    for (key, value) in entries {
        assert!(key.len() < 256, "table key too long: {key:?}");
        let mut slot = (fnv1a(key) as usize) & (slots - 1);
        while table[slot] != u32::MAX {
            slot = (slot + 1) & (slots - 1);
        }
        table[slot] = records.len() as u32;
        records.push(key.len() as u8);
        records.extend_from_slice(key);
        records.extend_from_slice(&value);
    }
    let mut out = Vec::with_capacity(4 + slots * 4 + records.len());
    out.extend_from_slice(&(slots as u32).to_le_bytes());
    for offset in table {
        out.extend_from_slice(&offset.to_le_bytes());
    }
    out.extend_from_slice(&records);
    out
}
