//! Bench inputs, shared by the bench targets.
//!
//! The news corpus lives outside the repository (research-only licence) at
//! `../shared/corpus/bbc` relative to the crate root; it is read at bench time and never copied
//! in. Without it the benches fall back to the repository's own `fixtures/*.txt`, so they still
//! run (with less meaningful numbers) on a checkout that has no corpus beside it.

#![allow(dead_code)] // each bench target uses a different part of this module

use std::path::{Path, PathBuf};

/// Where the inputs came from, printed once so a reader knows what the numbers measure.
pub struct Inputs {
    pub origin: String,
    pub docs: Vec<String>,
}

impl Inputs {
    pub fn bytes(&self) -> usize {
        self.docs.iter().map(String::len).sum()
    }

    /// All documents joined into one paragraph (newlines become spaces), repeated or cut to
    /// about `target` bytes on a character boundary: a worst case for anything per-paragraph.
    pub fn single_paragraph(&self, target: usize) -> String {
        let mut out = String::with_capacity(target + 4096);
        'fill: loop {
            for doc in &self.docs {
                for line in doc.lines().filter(|l| !l.trim().is_empty()) {
                    out.push_str(line.trim());
                    out.push(' ');
                    if out.len() >= target {
                        break 'fill;
                    }
                }
            }
            if out.is_empty() {
                break; // nothing to repeat
            }
        }
        let mut cut = target.min(out.len());
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out
    }
}

/// The corpus folder: `CLAIMEX_BENCH_CORPUS`, else the BBC corpus beside the repository
/// (relative to the crate root, so the bench runs from any directory).
pub fn corpus_dir() -> PathBuf {
    match std::env::var_os("CLAIMEX_BENCH_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/bbc"),
    }
}

/// Every `*.txt` below `dir` in sorted path order, at most `max_bytes` in all.
fn read_txt_files(dir: &Path, max_bytes: usize) -> Vec<String> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut docs = Vec::new();
    let mut total = 0;
    for path in paths {
        if total >= max_bytes {
            break;
        }
        // Non-UTF-8 files are skipped: the benches measure the pipeline, not decoding.
        if let Ok(text) = std::fs::read_to_string(&path) {
            total += text.len();
            docs.push(text);
        }
    }
    docs
}

/// Up to `max_bytes` of the news corpus, or the repository fixtures when it is absent.
pub fn load(max_bytes: usize) -> Inputs {
    let dir = corpus_dir();
    let docs = read_txt_files(&dir, max_bytes);
    if !docs.is_empty() {
        return Inputs {
            origin: format!("{} ({} docs)", dir.display(), docs.len()),
            docs,
        };
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let docs = read_txt_files(&fixtures, max_bytes);
    assert!(
        !docs.is_empty(),
        "no bench input: neither {} nor {} has *.txt files",
        dir.display(),
        fixtures.display()
    );
    Inputs {
        origin: format!(
            "{} ({} docs; corpus {} absent)",
            fixtures.display(),
            docs.len(),
            dir.display()
        ),
        docs,
    }
}
