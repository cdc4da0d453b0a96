//! Fuzzes `Extractor::extract` and checks the output invariants shared with the property test
//! (tests/properties/invariants.rs): no panic, sentences tile the text, every span's offsets
//! give back its text, claims refer only to existing entities and figures.
//!
//! Bytes that are not UTF-8 are decoded lossily, as the CLI's readers would reject or replace
//! them, so every input reaches the pipeline. Known bugs of other modules (listed in
//! `invariants::known_bug`) are skipped unless `CLAIMEX_FUZZ_STRICT` is set.
#![no_main]

use std::sync::LazyLock;

use claimex::{Config, Extractor};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/properties/invariants.rs"]
mod invariants;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(&Config::default()).expect("default pipeline builds"));

static STRICT: LazyLock<bool> = LazyLock::new(|| std::env::var_os("CLAIMEX_FUZZ_STRICT").is_some());

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = EXTRACTOR.extract(&text);
    if let Err(e) = invariants::check(&text, &doc) {
        if *STRICT || invariants::known_bug(&text, &e).is_none() {
            panic!("invariant broken: {e}");
        }
    }
});
