//! Golden fixtures: every `X.txt` in a folder is extracted and compared with its expected
//! output `X.json` beside it; `bless` rewrites the expected files instead.
//!
//! The project's own golden test (`tests/golden.rs`) and `claimex check` both use this.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::extractor::Extractor;
use crate::input::{self, Filter};
use crate::output::diff::{diff_texts, first_difference, report};
use crate::output::outdir::{output_relative, OutDir};
use crate::output::writer::{render, Format};
use crate::output::DocumentJson;

/// The outcome of checking one folder of fixtures.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Fixtures (`.txt` files) found.
    pub fixtures: usize,
    /// Expected files rewritten (with `bless`).
    pub blessed: Vec<PathBuf>,
    /// Fixtures whose output differs from what is expected, or that could not be checked,
    /// with a readable explanation.
    pub failures: Vec<(PathBuf, String)>,
}

impl CheckReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// All failures, each headed by its fixture.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for (path, message) in &self.failures {
            let _ = writeln!(out, "FAIL {}", path.display());
            for line in message.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        out
    }

    /// The report for machines: `{"passed", "fixtures", "blessed", "failures": [{"path",
    /// "message"}]}`, pretty, one trailing newline.
    pub fn to_json(&self) -> String {
        let failures: Vec<Value> = (self.failures.iter())
            .map(|(path, message)| {
                serde_json::json!({"path": path.to_string_lossy(), "message": message})
            })
            .collect();
        let blessed: Vec<_> = self.blessed.iter().map(|p| p.to_string_lossy()).collect();
        let report = serde_json::json!({
            "passed": self.passed(),
            "fixtures": self.fixtures,
            "blessed": blessed,
            "failures": failures,
        });
        let mut text = serde_json::to_string_pretty(&report).expect("a report serializes");
        text.push('\n');
        text
    }
}

/// What claimex now writes for a fixture: pretty JSON whose `id` is the file name, so the
/// expected output does not depend on where the check runs from.
pub fn expected_output(extractor: &Extractor, id: &str, text: &str) -> Vec<u8> {
    let doc = extractor.extract(text);
    render(&DocumentJson::new(id, text, &doc, false), Format::Json)
}

/// Checks (or with `bless`, rewrites) every fixture below `dir`.
pub fn check_fixtures(extractor: &Extractor, dir: &Path, bless: bool) -> CheckReport {
    let mut report = CheckReport::default();
    let (sources, errors) = input::expand_paths(&[dir.to_path_buf()], &Filter::default());
    for e in errors {
        report.failures.push((dir.to_path_buf(), e.to_string()));
    }
    // One fixture file: its expected X.json sits beside it, its id is its name.
    let dir = match dir.parent() {
        _ if dir.is_dir() => dir,
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let out = OutDir::create(dir);
    for source in sources {
        report.fixtures += 1;
        // The same name `--out` would give: `..txt` must not expect `..`.
        let expected_path = match output_relative(&source.relative, "json") {
            Ok(relative) => dir.join(relative),
            Err(e) => {
                report.failures.push((source.path.clone(), e.to_string()));
                continue;
            }
        };
        let text = match input::read_text(&source, input::DEFAULT_MAX_BYTES) {
            Ok(text) => text,
            Err(e) => {
                report.failures.push((source.path.clone(), e.to_string()));
                continue;
            }
        };
        let id = source.relative.to_string_lossy().replace('\\', "/");
        let actual = expected_output(extractor, &id, &text);
        let old = std::fs::read(&expected_path).ok();
        if bless {
            if old.as_deref() != Some(actual.as_slice()) {
                let written = match &out {
                    Ok(out) => out.write(&expected_path, &actual),
                    Err(e) => Err(std::io::Error::new(e.kind(), e.to_string())),
                };
                match written {
                    Ok(()) => report.blessed.push(expected_path),
                    Err(e) => report
                        .failures
                        .push((expected_path, format!("cannot write: {e}"))),
                }
            }
            continue;
        }
        if let Some(message) = compare(&expected_path, old, &actual) {
            report.failures.push((source.path.clone(), message));
        }
    }
    report
}

/// Explains how `actual` differs from the expected file's content, or `None` when it does
/// not (formatting aside).
fn compare(expected_path: &Path, expected: Option<Vec<u8>>, actual: &[u8]) -> Option<String> {
    let Some(expected) = expected else {
        return Some(format!(
            "{} is missing; create it with `claimex check --bless`",
            expected_path.display()
        ));
    };
    let expected_bytes = expected;
    let expected: Value = match serde_json::from_slice(&expected_bytes) {
        Ok(v) => v,
        Err(e) => return Some(format!("{} is not JSON: {e}", expected_path.display())),
    };
    let actual_bytes = actual;
    let actual: Value = serde_json::from_slice(actual_bytes).expect("claimex writes JSON");
    if expected == actual {
        return None;
    }
    let id = actual["id"].as_str().unwrap_or_default();
    // Both parsed as JSON above, so both are UTF-8.
    let texts = (
        std::str::from_utf8(&expected_bytes),
        std::str::from_utf8(actual_bytes),
    );
    let mut message = match texts {
        (Ok(old), Ok(new)) => match diff_texts(id, old, new) {
            Ok(Some(d)) => report(&[d]),
            _ => String::new(),
        },
        _ => String::new(),
    };
    if message.is_empty() {
        // Same entities, figures and claims; something else moved.
        if let Some((pointer, old, new)) = first_difference(&expected, &actual) {
            message = format!("offsets, ids or order changed: at {pointer}: {old} → {new}\n");
        }
    }
    Some(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_explains_missing_bad_and_changed_files() {
        let p = Path::new("x.json");
        let actual = br#"{"id":"x","figures":[],"entities":[],"claims":[],"sentences":[]}"#;
        assert!(compare(p, None, actual).unwrap().contains("--bless"));
        assert!(compare(p, Some(b"{".to_vec()), actual)
            .unwrap()
            .contains("not JSON"));
        assert_eq!(compare(p, Some(actual.to_vec()), actual), None);
        let moved =
            br#"{"id":"x","figures":[],"entities":[],"claims":[],"sentences":[],"extra":1}"#;
        assert!(compare(p, Some(moved.to_vec()), actual)
            .unwrap()
            .contains("at /extra: 1 → null"));
    }
}
