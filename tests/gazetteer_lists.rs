//! Every list under `gazetteers/` stays normalised, so that diffs of data stay readable and the
//! loader never meets a surprise (as typos' `verify.rs` keeps its dictionary in order).
//!
//! Rules, for every file:
//! - UTF-8, ends with a newline, no empty lines, no line with surrounding whitespace other
//!   than the tab before an empty last cell, no CR;
//! - comment lines (`#`) only at the top, before the first item.
//!
//! Entity lists (`entities/*.tsv`): exactly four tab-separated cells
//! `canonical, type/subtype, kb_id, aliases`; type is person, group or place; the subtype, when
//! present, is lower-case ASCII (`place/city`); kb_id is empty or `wikidata:Q…` / `geonames:…`;
//! aliases are `|`-separated, sorted, distinct and differ from the canonical name; lines are
//! sorted by (canonical, type, kb_id) in byte order and distinct; within one file a surface form
//! (canonical or alias) names one entity.
//!
//! Pair lists (`names/*.tsv`): two non-empty cells, lines sorted and distinct. Other tables
//! (`figures/*.tsv`, …) keep only the shared rules; their modules check their columns.
//! Word lists (`*.txt`): one item a line, sorted in byte order, distinct.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

fn gazetteer_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("gazetteers/ is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("tsv" | "txt")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The item lines of a list, after checking the rules shared by every format.
fn item_lines<'a>(path: &Path, text: &'a str, errors: &mut Vec<String>) -> Vec<(usize, &'a str)> {
    let name = path.display();
    if !text.is_empty() && !text.ends_with('\n') {
        errors.push(format!("{name}: does not end with a newline"));
    }
    let mut items = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.contains('\r') {
            errors.push(format!("{name}:{n}: carriage return"));
        }
        if line.trim().is_empty() {
            errors.push(format!("{name}:{n}: empty line"));
            continue;
        }
        // A trailing tab is an empty last cell (no aliases), not stray whitespace.
        if line.trim_matches(|c: char| c.is_whitespace() && c != '\t') != line {
            errors.push(format!("{name}:{n}: surrounding whitespace"));
        }
        if line.starts_with('#') {
            if !items.is_empty() {
                errors.push(format!("{name}:{n}: comment after the first item"));
            }
            continue;
        }
        items.push((n, line));
    }
    items
}

fn check_sorted<K: Ord + std::fmt::Debug>(
    path: &Path,
    keys: &[(usize, K)],
    errors: &mut Vec<String>,
) {
    for pair in keys.windows(2) {
        let ((_, a), (n, b)) = (&pair[0], &pair[1]);
        if a >= b {
            let what = if a == b { "duplicate" } else { "out of order" };
            errors.push(format!("{}:{n}: {what}: {b:?} after {a:?}", path.display()));
        }
    }
}

fn valid_kb_id(id: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    id.is_empty()
        || id.strip_prefix("wikidata:Q").is_some_and(digits)
        || id.strip_prefix("geonames:").is_some_and(digits)
}

fn check_entity_list(path: &Path, items: &[(usize, &str)], errors: &mut Vec<String>) {
    let name = path.display();
    let mut keys = Vec::new();
    let mut owners: HashMap<&str, usize> = HashMap::new();
    for &(n, line) in items {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != 4 {
            errors.push(format!("{name}:{n}: {} cells, expected 4", cells.len()));
            continue;
        }
        let (canonical, type_col, kb_id, aliases) = (cells[0], cells[1], cells[2], cells[3]);
        for cell in [canonical, type_col, kb_id, aliases] {
            if cell.trim() != cell {
                errors.push(format!(
                    "{name}:{n}: cell {cell:?} has surrounding whitespace"
                ));
            }
        }
        if canonical.is_empty() {
            errors.push(format!("{name}:{n}: empty canonical name"));
        }
        let (top, subtype) = match type_col.split_once('/') {
            Some((t, s)) => (t, Some(s)),
            None => (type_col, None),
        };
        if !matches!(top, "person" | "group" | "place") {
            errors.push(format!(
                "{name}:{n}: type {type_col:?} is not person, group or place"
            ));
        }
        if let Some(s) = subtype {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                errors.push(format!("{name}:{n}: bad subtype {s:?}"));
            }
        }
        if !valid_kb_id(kb_id) {
            errors.push(format!("{name}:{n}: bad kb_id {kb_id:?}"));
        }
        let alias_list: Vec<&str> = if aliases.is_empty() {
            Vec::new()
        } else {
            aliases.split('|').collect()
        };
        for alias in &alias_list {
            if alias.is_empty() || alias.trim() != *alias {
                errors.push(format!(
                    "{name}:{n}: empty or untrimmed alias in {aliases:?}"
                ));
            }
            if *alias == canonical {
                errors.push(format!("{name}:{n}: alias repeats the canonical name"));
            }
        }
        if alias_list.windows(2).any(|w| w[0] >= w[1]) {
            errors.push(format!(
                "{name}:{n}: aliases not sorted and distinct: {aliases:?}"
            ));
        }
        for form in std::iter::once(canonical).chain(alias_list.iter().copied()) {
            if let Some(first) = owners.insert(form, n) {
                if first != n {
                    errors.push(format!(
                        "{name}:{n}: surface form {form:?} also names the entity on line {first}"
                    ));
                }
            }
        }
        keys.push((n, (canonical, type_col, kb_id)));
    }
    check_sorted(path, &keys, errors);
}

fn check_pair_list(path: &Path, items: &[(usize, &str)], errors: &mut Vec<String>) {
    let mut keys = Vec::new();
    for &(n, line) in items {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != 2 || cells.iter().any(|c| c.is_empty() || c.trim() != *c) {
            errors.push(format!(
                "{}:{n}: expected two trimmed cells",
                path.display()
            ));
        }
        keys.push((n, line));
    }
    check_sorted(path, &keys, errors);
}

fn check_word_list(path: &Path, items: &[(usize, &str)], errors: &mut Vec<String>) {
    for &(n, line) in items {
        if line.contains('\t') {
            errors.push(format!("{}:{n}: tab in a word list", path.display()));
        }
    }
    check_sorted(path, items, errors);
}

#[test]
fn every_gazetteer_list_is_normalised() {
    let files = gazetteer_files();
    assert!(
        files.len() >= 5,
        "expected the default lists under gazetteers/, found {files:?}"
    );
    let mut errors = Vec::new();
    for path in &files {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let items = item_lines(path, &text, &mut errors);
        let folder = path.parent().and_then(Path::file_name);
        match path.extension().and_then(|e| e.to_str()) {
            Some("tsv") if folder == Some("entities".as_ref()) => {
                check_entity_list(path, &items, &mut errors)
            }
            Some("tsv") if folder == Some("names".as_ref()) => {
                check_pair_list(path, &items, &mut errors)
            }
            // Other tables (figures, attribution) are keyed lexicons whose own module tests
            // check their columns; here they only keep the shared rules above.
            Some("tsv") => {}
            _ => check_word_list(path, &items, &mut errors),
        }
    }
    let shown: Vec<&String> = errors.iter().take(40).collect();
    assert!(
        errors.is_empty(),
        "{} problems in gazetteers/ (rebuild with `python3 gazetteers/build/build.py`):\n{}",
        errors.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn checker_rejects_unnormalised_lists() {
    // Table of (file name, contents, expected to pass).
    let cases: &[(&str, &str, bool)] = &[
        (
            "e.tsv",
            "# header\nA\tplace/city\t\t\nB\tgroup\twikidata:Q1\tX|Y\n",
            true,
        ),
        ("e.tsv", "B\tplace\t\t\nA\tplace\t\t\n", false), // out of order
        ("e.tsv", "A\tplace\t\t\nA\tplace\t\t\n", false), // duplicate
        ("e.tsv", "A\tthing\t\t\n", false),               // bad type
        ("e.tsv", "A\tplace\t\t\n\nB\tplace\t\t\n", false), // empty line
        ("e.tsv", "A\tplace\t\tY|X\n", false),            // aliases unsorted
        ("e.tsv", "A\tplace\tQ1\t\n", false),             // kb_id without scheme
        ("e.tsv", "A\tplace\t\tB\nB\tplace\t\t\n", false), // B names two entities
        ("e.tsv", "A\tplace\t\n", false),                 // three cells
        ("w.txt", "Alpha\nBeta\n", true),
        ("w.txt", "Beta\nAlpha\n", false),
        ("w.txt", "Alpha \nBeta\n", false),
        ("w.txt", "Alpha\nBeta", false), // no final newline
    ];
    for (file, text, ok) in cases {
        let path = Path::new(file);
        let mut errors = Vec::new();
        let items = item_lines(path, text, &mut errors);
        if file.ends_with(".tsv") {
            check_entity_list(path, &items, &mut errors);
        } else {
            check_word_list(path, &items, &mut errors);
        }
        assert_eq!(errors.is_empty(), *ok, "{file}: {text:?}: {errors:?}");
    }
}

/// The items (first cells) of one list under gazetteers/, comments skipped.
fn items_of(relative: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("gazetteers")
        .join(relative);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn first_names_leave_out_words_titles_and_places() {
    let names = items_of("names/first_names.txt");
    let has = |w: &str| names.binary_search_by(|n| n.as_str().cmp(w)).is_ok();
    // (word, expected in the list): names news uses as names, and words, titles, dates and
    // places that the build leaves out (build.py `not_first_name`).
    let cases: &[(&str, bool)] = &[
        ("Mark", true),
        ("John", true),
        ("Grace", true),
        ("Bill", true),
        ("Virginia", true),
        ("April", true),
        ("Li", true),
        ("Will", false),
        ("May", false),
        ("My", false),
        ("So", false),
        ("In", false),
        ("King", false),
        ("Prince", false),
        ("Major", false),
        ("General", false),
        ("Secretary-General", false),
        ("Sunday", false),
        ("Paris", false),
        ("Florida", false),
        ("Watson", false),
        ("Bundeskanzler", false),
    ];
    for &(word, expected) in cases {
        assert_eq!(has(word), expected, "{word} in first_names.txt");
    }
}

#[test]
fn cities_leave_out_groups_surnames_and_words() {
    let cities = items_of("entities/places_cities.tsv");
    let ambiguous = items_of("entities/places_cities_ambiguous.tsv");
    let in_list = |list: &[String], w: &str| list.iter().any(|c| c == w);
    // (name, in places_cities, in places_cities_ambiguous)
    let cases: &[(&str, bool, bool)] = &[
        ("London", true, false),
        ("Kabul", true, false),
        ("Boston", true, false),
        ("Xinhua", false, false),    // the news agency
        ("Brookings", false, false), // the think tank
        ("Wimbledon", false, false), // the tournament
        ("Olympic", false, false),
        ("Magna", false, false),
        ("Martinez", false, true), // a common surname
        ("Eastwood", false, true),
        ("Reading", false, true), // an English word
        ("Male", false, true),    // a capital named like a frequent word
        ("Batman", false, true),  // listed by hand
    ];
    for &(name, main, amb) in cases {
        assert_eq!(in_list(&cities, name), main, "{name} in places_cities.tsv");
        assert_eq!(
            in_list(&ambiguous, name),
            amb,
            "{name} in places_cities_ambiguous.tsv"
        );
    }
}

#[test]
fn no_alias_reads_as_a_date_a_description_or_a_lower_case_word() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers/entities");
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let generic = [
        "airport",
        "province",
        "region",
        "basin",
        "territories",
        "islands",
    ];
    let mut errors = Vec::new();
    for path in gazetteer_files() {
        if path.parent() != Some(root.as_path()) {
            continue;
        }
        let text = fs::read_to_string(&path).expect("readable list");
        let place = path
            .file_name()
            .and_then(|f| f.to_str())
            .is_some_and(|f| f.starts_with("places_"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let cells: Vec<&str> = line.split('\t').collect();
            let aliases = cells.get(3).copied().unwrap_or("");
            // Canonical names keep their own spelling ("easyJet"); aliases must not start in
            // lower case, and no form may be a date, a number or a place description.
            let forms = std::iter::once((cells[0], false)).chain(
                aliases
                    .split('|')
                    .filter(|a| !a.is_empty())
                    .map(|a| (a, true)),
            );
            for (form, alias) in forms {
                let words: Vec<&str> = form.split_whitespace().collect();
                let date = words.len() == 2
                    && ((months.contains(&words[0])
                        && words[1].bytes().all(|b| b.is_ascii_digit()))
                        || (months.contains(&words[1])
                            && words[0].bytes().all(|b| b.is_ascii_digit())));
                let number = form.bytes().all(|b| b.is_ascii_digit());
                let lower = alias
                    && form.starts_with(|c: char| c.is_lowercase())
                    && !["al-", "al ", "el-", "as-", "ad-", "an-", "ash-"]
                        .iter()
                        .any(|p| form.starts_with(p));
                let description =
                    place && words.len() >= 2 && words.last().is_some_and(|w| generic.contains(w));
                if date || number || lower || description {
                    errors.push(format!("{}: {form:?}", path.display()));
                }
            }
        }
    }
    assert!(
        errors.is_empty(),
        "surface forms that read as something else:\n{}",
        errors.join("\n")
    );
}
