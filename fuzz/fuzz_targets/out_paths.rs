//! Fuzzes the file-safety paths of issue 11 that take arbitrary bytes:
//! - the output name `--out` and `check --bless` give an input's relative path: when accepted,
//!   it is plain (no root, `.` or `..`), so it stays below OUTDIR, and is never named `.`/`..`;
//! - reading JSON Lines in chunks: taking only already-buffered lines (`next_buffered`) between
//!   ordinary reads yields exactly the lines a plain read does, in order.
#![no_main]

use std::path::{Component, Path};

use claimex::input::LineReader;
use claimex::output::outdir::output_relative;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let relative = Path::new(&*text);
    if let Ok(out) = output_relative(relative, "json") {
        assert!(
            out.components().all(|c| matches!(c, Component::Normal(_))),
            "{out:?}"
        );
        assert!(out.file_name().is_some_and(|n| n != "." && n != ".."));
        assert_eq!(out.parent(), relative.parent(), "same folder");
    }

    let numbers = |mixed: bool| {
        let mut lines = LineReader::new(data, Path::new("-"), 64);
        let mut seen = Vec::new();
        loop {
            if mixed {
                while let Some(line) = lines.next_buffered() {
                    seen.push((line.number, line.held()));
                }
            }
            match lines.next() {
                Some(line) => seen.push((line.number, line.held())),
                None => return seen,
            }
        }
    };
    assert_eq!(numbers(true), numbers(false));
});
