//! Golden fixtures: every `fixtures/X.txt` against its expected `fixtures/X.json`, through the
//! same library code as `claimex check fixtures`.
//!
//! After an intended change of output, re-bless and review the diff of the JSON files:
//!
//!     UPDATE_FIXTURES=1 cargo test --release --test golden
//!     git diff fixtures/

use std::path::Path;

use claimex::check::check_fixtures;
use claimex::{Config, Extractor};

#[test]
fn fixtures_match_their_expected_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let extractor = Extractor::new(&Config::default()).expect("embedded data loads");
    let bless = std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| !v.is_empty() && v != "0");
    let report = check_fixtures(&extractor, &dir, bless);
    assert!(report.fixtures > 0, "no fixtures in {}", dir.display());
    for path in &report.blessed {
        eprintln!("blessed {}", path.display());
    }
    assert!(
        report.passed(),
        "{}\n{} of {} fixtures differ; if the change is intended, re-bless with \
         `UPDATE_FIXTURES=1 cargo test --release --test golden` and review `git diff fixtures/`",
        report.describe(),
        report.failures.len(),
        report.fixtures
    );
}
