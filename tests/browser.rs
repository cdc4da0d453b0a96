//! The pages in a real browser (issue 15): headless Chromium loads the seed article's review
//! page and a report page, driven over the DevTools protocol by `browser/drive.mjs` (Node 20,
//! nothing from npm). Fails on any console error or uncaught exception; checks that the DOM
//! marks as many entity mentions, figures and claims as the JSON has and holds the article's
//! text character for character; saves screenshots under `target/browser/`.
//!
//! Needs `chromium` (Debian's package; `.ci/run` installs it) and `node` 20 or later. Without
//! them the test prints a loud note and passes, unless `CLAIMEX_REQUIRE_BROWSER=1` (set by
//! `.ci/run` once it has installed Chromium), when it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const SEED: &str = "fixtures/isis-k-2021-08-27";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Chromium and Node, or why not.
fn tools() -> Result<(PathBuf, PathBuf), String> {
    let chromium = std::env::var_os("CLAIMEX_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| {
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
                .iter()
                .map(PathBuf::from)
                .find(|p| p.exists())
        })
        .ok_or("no chromium (apt-get install -y chromium, or set CLAIMEX_CHROMIUM)")?;
    let node = PathBuf::from(std::env::var_os("CLAIMEX_NODE").unwrap_or("node".into()));
    let version = Command::new(&node)
        .arg("--version")
        .output()
        .map_err(|e| format!("no node ({e})"))?;
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(format!("node {version} is older than 20 (WebSocket)"));
    }
    Ok((chromium, node))
}

/// Loads `page` in Chromium and returns what `drive.mjs` reports.
fn drive(tools: &(PathBuf, PathBuf), page: &Path, shot: &Path) -> Value {
    let out = Command::new(&tools.1)
        .arg("--experimental-websocket")
        .arg("--no-warnings")
        .arg(root().join("tests/browser/drive.mjs"))
        .arg(&tools.0)
        .arg(page)
        .arg(shot)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "drive.mjs failed on {}: {}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("drive.mjs prints JSON")
}

fn count_of(json: &Value, key: &str) -> u64 {
    json[key].as_array().unwrap().len() as u64
}

fn claimex(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("claimex runs");
    assert!(
        out.status.success(),
        "claimex {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn pages_work_in_chromium() {
    let tools = match tools() {
        Ok(t) => t,
        Err(why) if std::env::var_os("CLAIMEX_REQUIRE_BROWSER").is_none() => {
            eprintln!(
                "\n!!!!!!!! SKIPPED: the browser test needs Chromium and Node 20: {why} !!!!!!!!\n"
            );
            return;
        }
        Err(why) => panic!("CLAIMEX_REQUIRE_BROWSER is set but {why}"),
    };
    let dir = root().join("target/browser");
    std::fs::create_dir_all(&dir).unwrap();

    // The seed article's page.
    let txt = format!("{SEED}.txt");
    let page = dir.join("seed.html");
    std::fs::write(&page, claimex(&["--format", "html", &txt])).unwrap();
    let json: Value = serde_json::from_slice(&claimex(&[&txt])).unwrap();
    let got = drive(&tools, &page, &dir.join("seed.png"));
    assert_eq!(got["errors"], Value::Array(vec![]), "errors on the page");
    let count = |key: &str| count_of(&json, key);
    let mentions: usize = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["mentions"].as_array().unwrap().len())
        .sum();
    assert_eq!(got["mentions"], mentions as u64);
    assert_eq!(got["entities"], count("entities"));
    assert_eq!(got["figures"], count("figures"));
    assert_eq!(got["claims"], count("claims"));
    let text = std::fs::read_to_string(root().join(&txt)).unwrap();
    assert!(
        got["text"] == text.as_str(),
        "the page's visible text differs from the input"
    );
    assert_eq!(got["lang"], "en");
    assert_eq!(got["external"], 0);
    assert!(got["title"]
        .as_str()
        .unwrap()
        .starts_with("ISIS-K: What Is It?"));
    // The script ran: hover showed details, a click selected, Escape cleared.
    for step in ["tipShown", "picked", "claimPicked", "cleared"] {
        assert_eq!(got[step], true, "{step}");
    }
    assert_eq!(
        got["highlighted"], 3,
        "ISIS-K's three mentions are highlighted together"
    );

    // A 1 MB article: loads without freezing, and every mark is still there.
    let big = dir.join("big.txt");
    let body = text.split_once("\n\n").map_or(text.as_str(), |(_, b)| b);
    std::fs::write(&big, body.repeat(1_000_000 / body.len() + 1)).unwrap();
    let big = big.to_str().unwrap();
    let page = dir.join("big.html");
    std::fs::write(&page, claimex(&["--format", "html", big])).unwrap();
    let json: Value = serde_json::from_slice(&claimex(&[big])).unwrap();
    let got = drive(&tools, &page, &dir.join("big.png"));
    assert_eq!(
        got["errors"],
        Value::Array(vec![]),
        "errors on the 1 MB page"
    );
    assert_eq!(got["claims"], count_of(&json, "claims"));
    assert_eq!(got["figures"], count_of(&json, "figures"));
    let load = got["loadMs"].as_u64().unwrap();
    eprintln!("1 MB article: page loaded in {load} ms");
    assert!(load < 15_000, "the 1 MB page took {load} ms to load");

    // A report over every fixture, beside a page it links to.
    // Paths relative to the repository, as a user would type them (the page shows its input).
    std::fs::write(dir.join("fixtures.jsonl"), claimex(&["fixtures/", "-q"])).unwrap();
    let report = dir.join("report.html");
    claimex(&[
        "report",
        "target/browser/fixtures.jsonl",
        "-o",
        "target/browser/report.html",
    ]);
    let got = drive(&tools, &report, &dir.join("report.png"));
    assert_eq!(got["errors"], Value::Array(vec![]), "errors on the report");
    assert_eq!(got["scripts"], 0);
    assert!(got["svgs"].as_u64().unwrap() > 5);
    // One row per document, plus the rows of the sources and entity tables.
    assert!(got["rows"].as_u64().unwrap() > 4);
}
