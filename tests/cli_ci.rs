//! The CI diff workflow through the real binary (issue 14): ids relative to the folder
//! argument, the baseline recipe of the README and `examples/ci-check.sh`, and reports that
//! read well in a CI log.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const ARTICLE: &str = "Mayor Helen Osei opened the plant on Monday.\n\n\
Ms Osei said 40 people were moved.\n";

fn claimex_path() -> &'static str {
    env!("CARGO_BIN_EXE_claimex")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(claimex_path())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("claimex runs")
}

/// Runs the README's CI script in `dir`, with this build as `claimex`.
fn ci_script(dir: &Path, args: &[&str]) -> Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci-check.sh");
    Command::new("sh")
        .arg(script)
        .args(args)
        .env("CLAIMEX", claimex_path())
        .current_dir(dir)
        .output()
        .expect("sh runs")
}

mod common;
use common::{code, stderr, stdout};

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

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-ci-{name}"));
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

fn corpus(dir: &Path) {
    write(&dir.join("corpus/business/001.txt"), ARTICLE);
    write(
        &dir.join("corpus/sport/002.txt"),
        "The coach said 12 players were injured.\n",
    );
}

#[test]
fn ids_are_relative_to_the_folder_argument() {
    let dir = scratch("ids");
    corpus(&dir);
    let plain = run_in(&dir, &["-q", "corpus"]);
    let dotted = run_in(&dir, &["-q", "./corpus/"]);
    assert_eq!(code(&plain), 0, "{}", stderr(&plain));
    assert_eq!(ids(&plain), ["business/001.txt", "sport/002.txt"]);
    assert_eq!(plain.stdout, dotted.stdout);

    let as_given = run_in(&dir, &["-q", "--path-ids", "./corpus"]);
    assert_eq!(
        ids(&as_given),
        ["./corpus/business/001.txt", "./corpus/sport/002.txt"]
    );
    let prefixed = run_in(&dir, &["-q", "--id-prefix", "news/", "corpus"]);
    assert_eq!(
        ids(&prefixed),
        ["news/business/001.txt", "news/sport/002.txt"]
    );
    // A file named on the command line keeps its path as typed.
    let file = run_in(&dir, &["--format", "jsonl", "corpus/sport/002.txt"]);
    assert_eq!(ids(&file), ["corpus/sport/002.txt"]);

    // Outputs with no id in common say what probably happened.
    std::fs::write(dir.join("a.jsonl"), &plain.stdout).unwrap();
    std::fs::write(dir.join("b.jsonl"), &as_given.stdout).unwrap();
    let diff = run_in(&dir, &["diff", "a.jsonl", "b.jsonl"]);
    assert_eq!(code(&diff), 1);
    assert!(
        stderr(&diff).contains("no document ids in common: were they made from different folders?"),
        "{}",
        stderr(&diff)
    );
}

/// The README's recipe, step by step: make the baseline, check it, see a change fail, update
/// on purpose, check again.
#[test]
fn ci_recipe_script_makes_checks_and_updates_the_baseline() {
    let dir = scratch("recipe");
    corpus(&dir);
    let made = ci_script(&dir, &["corpus", "baseline.jsonl"]);
    assert_eq!(code(&made), 0, "{}", stderr(&made));
    assert!(stderr(&made).contains("created baseline.jsonl"));
    let baseline = std::fs::read(dir.join("baseline.jsonl")).unwrap();
    assert_eq!(baseline.iter().filter(|&&b| b == b'\n').count(), 2);

    // Any spelling of the corpus path checks against the same baseline.
    let same = ci_script(&dir, &["./corpus/", "baseline.jsonl"]);
    assert_eq!(code(&same), 0, "{}{}", stdout(&same), stderr(&same));
    assert!(stderr(&same).contains("no differences"));

    write(
        &dir.join("corpus/sport/002.txt"),
        "The coach said 15 players were injured.\n",
    );
    let failed = ci_script(&dir, &["corpus", "baseline.jsonl"]);
    assert_eq!(code(&failed), 1);
    let report = stdout(&failed);
    assert!(
        report.starts_with("changed sport/002.txt: figures +1 -1 ~0"),
        "{report}"
    );
    assert!(
        report.contains("  + figure \"15 players\" = 15.0"),
        "{report}"
    );
    assert!(stderr(&failed).contains("1 document differs (1 changed, 0 added, 0 removed)"));
    assert_eq!(std::fs::read(dir.join("baseline.jsonl")).unwrap(), baseline);

    let updated = ci_script(&dir, &["corpus", "baseline.jsonl", "--update"]);
    assert_eq!(code(&updated), 0, "{}", stderr(&updated));
    assert_ne!(std::fs::read(dir.join("baseline.jsonl")).unwrap(), baseline);
    let again = ci_script(&dir, &["corpus", "baseline.jsonl"]);
    assert_eq!(code(&again), 0, "{}", stdout(&again));
    // No temporary files left beside the baseline.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

/// The GitHub Actions snippet reads the committed baseline from the working tree (a default
/// `actions/checkout` of a pull request fetches nothing else) and runs the tested script.
#[test]
fn readme_workflow_uses_the_committed_baseline() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        !readme.contains("origin/main:"),
        "the README still reads origin/main:"
    );
    let start = readme.find("```yaml").expect("a workflow snippet");
    let yaml = &readme[start..start + readme[start..].find("\n```\n").unwrap()];
    assert!(yaml.contains("actions/checkout@v4"), "{yaml}");
    assert!(yaml.contains("cargo install --locked --path ."), "{yaml}");
    assert!(yaml.contains("sh examples/ci-check.sh "), "{yaml}");
    assert!(readme.contains("examples/ci-check.sh corpus ci/baseline.jsonl --update"));
}

#[test]
fn diff_update_refuses_folders() {
    let dir = scratch("update-folders");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    let out = run_in(&dir, &["diff", "--update", "a", "b"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("give two files"), "{}", stderr(&out));
}

#[test]
fn diff_report_writes_changed_fields_as_plain_text() {
    let dir = scratch("report");
    write(&dir.join("t1.txt"), ARTICLE);
    write(&dir.join("t2.txt"), ARTICLE.replace("Helen", "Jane"));
    write(
        &dir.join("q1.txt"),
        "\"The water is safe,\" said Helen Osei on Monday.\n",
    );
    write(
        &dir.join("q2.txt"),
        "\"The water is safe,\" said Helen Mensah on Monday.\n",
    );
    for name in ["t1", "t2", "q1", "q2"] {
        let out = run_in(&dir, &["--id-prefix", "", &format!("{name}.txt")]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        std::fs::write(dir.join(format!("{name}.json")), &out.stdout).unwrap();
    }
    let changed = run_in(&dir, &["diff", "t1.json", "t2.json"]);
    assert_eq!(code(&changed), 1);
    let report = stdout(&changed);
    assert!(
        report.contains("      source entity: person \"Helen Osei\" → person \"Jane Osei\"\n"),
        "{report}"
    );
    assert!(!report.contains('\\'), "no escaped JSON: {report}");
    let quoted = stdout(&run_in(&dir, &["diff", "q1.json", "q2.json"]));
    assert!(
        quoted.contains("claim Helen Mensah: \"The water is safe,\"\n"),
        "{quoted}"
    );
    assert!(!quoted.contains("\"\""), "doubled quotes: {quoted}");

    // `--format json` for machines: the same changes, as data.
    let json = run_in(&dir, &["diff", "--format", "json", "t1.json", "t2.json"]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["differ"], true);
    assert_eq!(
        v["documents"][0]["claims"]["changed"][0]["fields"][0]["new"],
        "person \"Jane Osei\""
    );
}

#[test]
fn check_takes_one_file_and_reports_json() {
    let dir = scratch("check-file");
    write(&dir.join("fx/one.txt"), ARTICLE);
    let missing = run_in(&dir, &["check", "fx/one.txt"]);
    assert_eq!(code(&missing), 1);
    assert!(stdout(&missing).contains("--bless"), "{}", stdout(&missing));
    let blessed = run_in(&dir, &["check", "--bless", "fx/one.txt"]);
    assert_eq!(code(&blessed), 0, "{}", stderr(&blessed));
    let expected: Value =
        serde_json::from_slice(&std::fs::read(dir.join("fx/one.json")).unwrap()).unwrap();
    assert_eq!(expected["id"], "one.txt");
    let passed = run_in(&dir, &["check", "--format", "json", "fx/one.txt"]);
    assert_eq!(code(&passed), 0, "{}", stderr(&passed));
    let v: Value = serde_json::from_slice(&passed.stdout).unwrap();
    assert_eq!(v["passed"], true);
    assert_eq!(v["fixtures"], 1);

    write(&dir.join("fx/one.txt"), ARTICLE.replace("40", "41"));
    let failed = run_in(&dir, &["check", "--format", "json", "fx"]);
    assert_eq!(code(&failed), 1);
    let v: Value = serde_json::from_slice(&failed.stdout).unwrap();
    assert_eq!(v["passed"], false);
    assert!(v["failures"][0]["message"]
        .as_str()
        .unwrap()
        .contains("figure \"41 people\""));
    let nowhere = run_in(&dir, &["check", "no-such"]);
    assert_eq!(code(&nowhere), 2);
}

/// A byte-order mark is not text: offsets count from the byte after it.
#[test]
fn a_byte_order_mark_is_skipped() {
    let dir = scratch("bom");
    write(&dir.join("plain.txt"), ARTICLE);
    write(&dir.join("bom.txt"), format!("\u{feff}{ARTICLE}"));
    let plain = run_in(&dir, &["--id-prefix", "", "plain.txt"]);
    let bom = run_in(&dir, &["--id-prefix", "", "bom.txt"]);
    assert_eq!(code(&bom), 0, "{}", stderr(&bom));
    assert_eq!(
        stdout(&plain).replace("plain.txt", "x"),
        stdout(&bom).replace("bom.txt", "x")
    );
}
