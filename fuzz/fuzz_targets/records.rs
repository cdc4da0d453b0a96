//! Fuzzes the JSON Lines path (issue 11): bytes → a record (`input::read_record`) → extract →
//! one compact output line, then checks the record contract: no panic; only a JSON object is
//! a record; the output is one line ending in `\n`, without raw U+2028, U+2029 or U+0085; it
//! parses back with the record's id unchanged; and `diff` finds the document equal to itself.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use claimex::output::diff::diff_texts;
use claimex::output::writer::{render, Format};
use claimex::output::DocumentJson;
use claimex::{input, Config, Extractor};
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(&Config::default()).expect("default pipeline builds"));

fuzz_target!(|data: &[u8]| {
    let Ok((id, text)) = input::read_record(Path::new("fuzz.jsonl"), 1, data) else {
        // A refused line still gets an error record; reading its id must not panic either.
        let _ = input::salvage_id(data);
        return;
    };
    let first = data.iter().find(|b| !b" \t\r\n".contains(b));
    assert_eq!(first, Some(&b'{'), "only an object is a record");
    let doc = EXTRACTOR.extract(&text);
    let line = render(&DocumentJson::new(&id, &text, &doc, false), Format::Jsonl);
    let line = String::from_utf8(line).expect("output is UTF-8");
    assert!(line.ends_with('\n') && !line[..line.len() - 1].contains('\n'));
    assert!(!line.contains(['\u{2028}', '\u{2029}', '\u{85}']), "{line}");
    let value: serde_json::Value = serde_json::from_str(&line).expect("output is JSON");
    assert_eq!(value["id"], id.as_str());
    assert!(diff_texts(&id, &line, &line)
        .expect("diff reads it")
        .is_none());
});
