//! Command-line conventions shared with ripgrep, fd and jq (issue 14), through the real binary.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const ARTICLE: &str = "Mayor Helen Osei opened the plant on Monday.\n\n\
Ms Osei said 40 people were moved.\n";

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("claimex runs")
}

mod common;
use common::{code, stderr, stdout};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-conv-{name}"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn ids(out: &Output) -> Vec<String> {
    (stdout(out).lines())
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn help_lists_generate_and_hides_no_test_hook() {
    let dir = scratch("help");
    let help = stdout(&run_in(&dir, &["--help"]));
    assert!(help.contains("  generate "), "{help}");
    assert!(!help.contains("simulate"), "{help}");
    for shell in ["bash", "zsh", "fish"] {
        let script = run_in(&dir, &["generate", "completions", shell]);
        assert_eq!(code(&script), 0);
        assert!(!stdout(&script).contains("simulate"), "{shell}");
        assert!(stdout(&script).contains("id-prefix"), "{shell}");
    }
    let man = stdout(&run_in(&dir, &["generate", "man"]));
    assert!(man.contains("claimex diff"), "{man}");
    assert!(!man.contains("(1)"), "names only pages that exist: {man}");
    let tcsh = run_in(&dir, &["generate", "completions", "tcsh"]);
    assert_eq!(code(&tcsh), 2);
    assert!(
        stderr(&tcsh).contains("possible values: bash, elvish, fish, powershell, zsh"),
        "{}",
        stderr(&tcsh)
    );
}

#[test]
fn a_missing_path_stops_the_run_with_exit_2() {
    let dir = scratch("missing");
    write(&dir.join("a.txt"), ARTICLE);
    let out = run_in(&dir, &["a.txt", "nope.txt"]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty(), "nothing is run");
    assert_eq!(stderr(&out), "claimex: nope.txt: no such file or folder\n");

    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("gone.txt", dir.join("link.txt")).unwrap();
        let out = run_in(&dir, &["link.txt"]);
        assert_eq!(code(&out), 2);
        assert!(
            stderr(&out).contains("link.txt: a dangling symlink"),
            "{}",
            stderr(&out)
        );
        // Inside a folder it is one failed document: exit 1, the rest still done.
        std::fs::create_dir(dir.join("in")).unwrap();
        std::fs::rename(dir.join("link.txt"), dir.join("in/link.txt")).unwrap();
        std::fs::copy(dir.join("a.txt"), dir.join("in/a.txt")).unwrap();
        let out = run_in(&dir, &["in", "-q"]);
        assert_eq!(code(&out), 1);
        assert_eq!(ids(&out), ["a.txt"]);
        assert!(
            stderr(&out).contains("in/link.txt: a dangling symlink"),
            "{}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("os error"), "{}", stderr(&out));
    }
}

#[test]
fn hidden_files_and_folders_are_skipped_unless_asked_for() {
    let dir = scratch("hidden");
    write(&dir.join("in/a.txt"), ARTICLE);
    write(&dir.join("in/.git/notes.txt"), ARTICLE);
    write(&dir.join("in/.draft.txt"), ARTICLE);
    assert_eq!(ids(&run_in(&dir, &["in", "-q"])), ["a.txt"]);
    assert_eq!(
        ids(&run_in(&dir, &["in", "-q", "--hidden"])),
        [".draft.txt", ".git/notes.txt", "a.txt"]
    );
    // A hidden file named on the command line is read.
    let named = run_in(&dir, &["in/.draft.txt"]);
    assert_eq!(code(&named), 0);
}

/// `.gitignore`d files are skipped as ripgrep and fd skip them (no git repository needed);
/// `--no-ignore` reads them; `--glob`/`--exclude` use the same gitignore-style patterns.
#[test]
fn ignored_files_are_skipped_unless_asked_for() {
    let dir = scratch("ignore");
    write(&dir.join("in/a.txt"), ARTICLE);
    write(&dir.join("in/build/b.txt"), ARTICLE);
    write(&dir.join("in/2021/drafts/c.txt"), ARTICLE);
    write(&dir.join("in/2021/d.txt"), ARTICLE);
    write(&dir.join("in/.gitignore"), "build/\n");
    assert_eq!(
        ids(&run_in(&dir, &["in", "-q"])),
        ["2021/d.txt", "2021/drafts/c.txt", "a.txt"]
    );
    assert_eq!(
        ids(&run_in(&dir, &["in", "-q", "--no-ignore"])),
        ["2021/d.txt", "2021/drafts/c.txt", "a.txt", "build/b.txt"]
    );
    assert_eq!(
        ids(&run_in(&dir, &["in", "-q", "--exclude", "drafts"])),
        ["2021/d.txt", "a.txt"]
    );
    assert_eq!(
        ids(&run_in(&dir, &["in", "-q", "--glob", "2021/**/*.txt"])),
        ["2021/d.txt", "2021/drafts/c.txt"]
    );
    assert_eq!(
        ids(&run_in(&dir, &["in", "-q", "--glob", "[ab].txt"])),
        ["a.txt"]
    );
}

#[test]
fn sizes_jobs_and_formats() {
    let dir = scratch("options");
    write(&dir.join("in/a.txt"), ARTICLE);
    write(&dir.join("in/big.txt"), ARTICLE.repeat(30));
    let ok = run_in(&dir, &["in", "-q", "--max-bytes", "64M"]);
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    let small = run_in(&dir, &["in", "-q", "--max-bytes", "1K"]);
    assert_eq!(code(&small), 1);
    assert!(stderr(&small).contains("more than the limit of 1024 bytes"));
    for bad in ["0", "4G", "12X"] {
        assert_eq!(code(&run_in(&dir, &["in", "--max-bytes", bad])), 2, "{bad}");
    }
    // -j 0 is all cores, and output is the same for any number.
    let all = run_in(&dir, &["in", "-q", "-j", "0"]);
    assert_eq!(code(&all), 0);
    assert_eq!(all.stdout, ok.stdout);

    let out = run_in(&dir, &["in", "-q", "--format", "jsonl", "--out", "res"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(dir.join("res/a.jsonl").is_file() && !dir.join("res/a.json").exists());

    let records = dir.join("recs.jsonl");
    write(
        &records,
        "{\"id\": 7, \"text\": \"Police said 7 cars burned.\"}\nnot json\n",
    );
    let refused = run_in(
        &dir,
        &["--input-format", "jsonl", "--format", "json", "recs.jsonl"],
    );
    assert_eq!(code(&refused), 2);
    assert!(
        stderr(&refused).contains("--format jsonl"),
        "{}",
        stderr(&refused)
    );

    let lines = run_in(&dir, &["--input-format", "jsonl", "recs.jsonl"]);
    assert_eq!(code(&lines), 1);
    let error: Value = serde_json::from_str(stdout(&lines).lines().nth(1).unwrap()).unwrap();
    assert_eq!(error["line"], 2);
    let message = error["error"].as_str().unwrap();
    assert!(
        message.starts_with("not a {\"id\", \"text\"} record"),
        "{message}"
    );
    // stderr still says where.
    assert!(
        stderr(&lines).contains("claimex: recs.jsonl:2: not a"),
        "{}",
        stderr(&lines)
    );
}

/// After `| head`, the summary says the output was closed early, not that the run finished.
#[test]
fn an_early_closed_output_is_not_a_finished_run() {
    let dir = scratch("head");
    for i in 0..300 {
        write(&dir.join(format!("in/{i:03}.txt")), ARTICLE.repeat(4));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["in", "-j", "1"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?} {err}");
    assert!(err.contains("output closed early after"), "{err}");
    assert!(!err.contains("300 files, 0 failed"), "{err}");
}
