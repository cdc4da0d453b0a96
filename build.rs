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
//!   is the byte offset of the entity's line `canonical\ttype\tkb_id\tlist\n` in `entities.txt`.
//! - `lower_starts.txt`: first words of the surface forms that start in lower case.
//! - `list_<stem>.fst`: the lower-cased words of each word list.
//! - `lists.rs`: `WORD_LISTS: &[(&str, &[u8])]` naming each word list's fst.

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

/// The matching key of a surface form: lower case, runs of whitespace as one space.
fn key(form: &str) -> String {
    let mut k = String::with_capacity(form.len());
    let mut space = false;
    for c in form.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            k.push(' ');
            space = false;
        }
        k.extend(c.to_lowercase());
    }
    k
}

fn build_entities(dir: &Path, out: &Path) {
    let mut entities = String::new();
    // key → surface → entry offsets; the hand-checked `curated` list overrides the others for
    // a surface form it lists, so a generated list cannot add a wrong reading to it.
    let mut forms: BTreeMap<String, BTreeMap<String, Vec<(bool, usize)>>> = BTreeMap::new();
    let mut seen_entities: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for path in files(dir, &["tsv"]) {
        let list = path.file_stem().unwrap().to_string_lossy().into_owned();
        let curated = list == "curated";
        let contents = fs::read_to_string(&path).unwrap();
        for (n, line) in contents.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim();
            let type_col = cols.next().unwrap_or("").trim();
            let kb_id = cols.next().unwrap_or("").trim();
            let aliases = cols.next().unwrap_or("");
            let type_name = type_col.split('/').next().unwrap_or("");
            assert!(
                !name.is_empty() && matches!(type_name, "person" | "group" | "place"),
                "{}:{}: expected canonical<TAB>person|group|place[/subtype]<TAB>kb_id<TAB>aliases",
                path.display(),
                n + 1
            );
            let identity = (name.to_string(), type_col.to_string(), kb_id.to_string());
            let offset = *seen_entities.entry(identity).or_insert_with(|| {
                let offset = entities.len();
                writeln!(entities, "{name}\t{type_col}\t{kb_id}\t{list}").unwrap();
                offset
            });
            let surfaces = std::iter::once(name).chain(aliases.split('|').map(str::trim));
            for surface in surfaces.filter(|s| !s.is_empty()) {
                let k = key(surface);
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
    fs::write(out.join("entities.fst"), builder.into_inner().unwrap()).unwrap();
    fs::write(out.join("entities.txt"), entities).unwrap();
    fs::write(out.join("forms.txt"), records).unwrap();
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
                let word = key(line.split('\t').next().unwrap_or(""));
                if !word.is_empty() {
                    words.insert(word);
                }
            }
        }
    }
    let mut index = String::from("/// Word lists compiled by build.rs: (file stem, fst set).\n");
    index.push_str("pub const WORD_LISTS: &[(&str, &[u8])] = &[\n");
    for (stem, words) in &lists {
        let mut builder = fst::SetBuilder::memory();
        for w in words {
            builder.insert(w).unwrap();
        }
        let file = format!("list_{stem}.fst");
        fs::write(out.join(&file), builder.into_inner().unwrap()).unwrap();
        writeln!(
            index,
            "    ({stem:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\"))),"
        )
        .unwrap();
    }
    index.push_str("];\n");
    fs::write(out.join("lists.rs"), index).unwrap();
}
