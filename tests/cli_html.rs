//! The HTML commands as a user runs them (issue 15): a page from stdin, a folder of pages with
//! its index, pages from JSON Lines records, and the report over JSON Lines with unreadable
//! lines counted and documents linked to their pages. Texts here are written for these tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ARTICLE: &str = "date 2024-03-01 Floods in Lagos\n\nOfficials said at least 40 people were hurt in Lagos on Monday.\n\n\
\"We are still counting,\" said Amina Bello, a spokeswoman for the Red Cross.\n";

fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimex runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimex-cli-html-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_page_from_stdin() {
    let dir = scratch("stdin");
    let out = run_in(&dir, &["--format", "html"], ARTICLE.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<title>Floods in Lagos – claimex</title>"));
    assert!(page.contains("data-v=\"≥40\""));
    assert!(page.ends_with("</html>\n"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_gives_pages_an_index_and_a_report_that_links_them() {
    let dir = scratch("folder");
    std::fs::create_dir_all(dir.join("in/world")).unwrap();
    std::fs::write(dir.join("in/a.txt"), ARTICLE).unwrap();
    std::fs::write(
        dir.join("in/world/b <c>.txt"),
        "Iran said 250 people fled.\n",
    )
    .unwrap();
    // Pages need a folder to go to.
    let out = run_in(&dir, &["in", "--format", "html"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out DIR"));

    let out = run_in(
        &dir,
        &["in", "--format", "html", "--out", "site", "-q"],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(read(&dir.join("site/a.html")).contains("Amina Bello"));
    let index = read(&dir.join("site/index.html"));
    assert!(index.contains("<a href=\"a.html\">a.txt</a>"), "{index}");
    assert!(index.contains("<a href=\"world/b%20%3Cc%3E.html\">world/b &lt;c&gt;.txt</a>"));

    // The report beside the pages links to them, and says what it skipped.
    let jsonl = run_in(&dir, &["in", "-q"], b"").stdout;
    let mut lines = jsonl.clone();
    lines.extend_from_slice(b"not json\n{\"id\":\"x\",\"line\":3,\"error\":\"bad\"}\n\n");
    std::fs::write(dir.join("out.jsonl"), &lines).unwrap();
    let out = run_in(
        &dir,
        &["report", "out.jsonl", "-o", "site/report.html"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("2 documents, 1 failed inputs, 1 lines skipped as unreadable"));
    let report = read(&dir.join("site/report.html"));
    assert!(report.contains("<strong>1 lines skipped as unreadable</strong>"));
    assert!(report.contains("<a href=\"a.html\">a.txt</a>"), "{report}");
    assert!(report.contains("Amina Bello"));
    // From stdin to stdout, nothing to link.
    let out = run_in(&dir, &["report", "-"], &jsonl);
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8(out.stdout)
        .unwrap()
        .contains("<a href=\"a.html\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn records_give_a_page_each() {
    let dir = scratch("records");
    let records = "{\"id\":\"a1\",\"text\":\"Officials said 40 people were hurt.\"}\n\
        {\"id\":\"../../etc/x\",\"text\":\"Iran said 250 people fled.\"}\n";
    let out = run_in(
        &dir,
        &[
            "--input-format",
            "jsonl",
            "--format",
            "html",
            "--out",
            "site",
        ],
        records.as_bytes(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(read(&dir.join("site/stdin/1-a1.html")).contains("Officials"));
    // An id that is no safe file name is left out of the page's name.
    assert!(read(&dir.join("site/stdin/2.html")).contains("Iran"));
    let index = read(&dir.join("site/index.html"));
    assert!(index.contains("<a href=\"stdin/1-a1.html\">a1</a>"));
    std::fs::remove_dir_all(&dir).unwrap();
}
