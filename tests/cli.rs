//! Command-line cases: each runs the real `claimex` binary, as a user or a pipeline would.
//! Texts here are written for these tests.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const ARTICLE: &str = "Officials said at least 40 people were hurt in Lagos on Monday.\n\n\
\"We are still counting,\" said Amina Bello, a spokeswoman for the Red Cross.\n";

fn claimex() -> Command {
    Command::new(env!("CARGO_BIN_EXE_claimex"))
}

/// Runs claimex with `args`, feeding `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_in(None, args, stdin)
}

fn run_in(dir: Option<&Path>, args: &[&str], stdin: &[u8]) -> Output {
    let mut cmd = claimex();
    cmd.args(args);
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    feed(&mut cmd, stdin).0
}

/// Runs `cmd` feeding `stdin` from another thread; also says whether all of it was written
/// (a writer that sees a broken pipe is what the stream contract rules out).
fn feed(cmd: &mut Command, stdin: &[u8]) -> (Output, std::io::Result<()>) {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("claimex runs");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let out = child.wait_with_output().unwrap();
    (out, writer.join().unwrap())
}

mod common;
use common::{code, stderr, stdout};

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    if dir.exists() {
        make_readable(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn make_readable(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let is_link = entry.file_type().map(|t| t.is_symlink()).unwrap_or(true);
            if !is_link {
                let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
                if path.is_dir() {
                    make_readable(&path);
                }
            }
        }
    }
}

fn write(path: &Path, contents: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// A small corpus of distinct articles below `dir`, in nested folders.
fn corpus(dir: &Path, n: usize) {
    for i in 0..n {
        let text = format!(
            "Police in Nairobi said {} people were arrested on day {i}.\n\nAccording to the \
             United Nations, about {} families fled.\n",
            i + 3,
            (i + 1) * 100
        );
        write(&dir.join(format!("part{}/story-{i:03}.txt", i % 3)), text);
    }
}

fn files_below(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn stdin_gives_one_pretty_document() {
    for args in [&[][..], &["-"][..]] {
        let out = run(args, ARTICLE.as_bytes());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.starts_with("{\n  \"version\": 1,"), "{text}");
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["id"], "-");
        assert!(!doc["sentences"].as_array().unwrap().is_empty());
        assert!(stderr(&out).is_empty(), "no summary for one document");
    }
}

#[test]
fn claims_filter_keeps_the_named_cue_classes() {
    let text = b"The mayor said the bridge would reopen in May. Officials believe the fire was \
                 set. A poll shows that most voters oppose the plan. The council approved a $48 \
                 million budget.";
    let cues = |args: &[&str]| -> Vec<String> {
        let out = run(args, text);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let doc: Value = serde_json::from_str(&stdout(&out)).expect("json");
        doc["claims"]
            .as_array()
            .expect("claims")
            .iter()
            .map(|c| c["cue"]["class"].as_str().unwrap_or("none").to_string())
            .collect()
    };
    assert_eq!(cues(&[]), ["speech", "belief", "evidence", "none"]);
    assert_eq!(cues(&["--claims", "speech"]), ["speech"]);
    assert_eq!(
        cues(&["--claims", "belief,evidence,unattributed"]),
        ["belief", "evidence", "none"]
    );
    let out = run(&["--claims", "gossip"], text);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unknown claim class"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn files_give_one_document_each_in_argument_order() {
    let dir = scratch("files");
    write(&dir.join("b.txt"), ARTICLE);
    write(&dir.join("a.md"), "The mayor said 12 roads were closed.");
    let one = run_in(Some(&dir), &["b.txt"], b"");
    assert_eq!(code(&one), 0);
    let doc: Value = serde_json::from_str(&stdout(&one)).unwrap();
    assert_eq!(doc["id"], "b.txt");

    // Several inputs: JSON Lines by default, in the order given; a file is read whatever its
    // extension.
    let two = run_in(Some(&dir), &["b.txt", "a.md"], b"");
    assert_eq!(code(&two), 0, "{}", stderr(&two));
    let ids: Vec<Value> = json_lines(&two).iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, ["b.txt", "a.md"]);
    assert!(
        stderr(&two).contains("2 files, 0 failed"),
        "{}",
        stderr(&two)
    );

    let forced = run_in(Some(&dir), &["--format", "json", "b.txt", "a.md"], b"");
    assert!(stdout(&forced).starts_with("{\n"));
    let quiet = run_in(Some(&dir), &["-q", "b.txt", "a.md"], b"");
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));
}

#[test]
fn folders_are_walked_recursively_in_sorted_order() {
    let dir = scratch("folder");
    corpus(&dir.join("news"), 7);
    write(&dir.join("news/notes.md"), "not an article");
    write(&dir.join("news/drafts/zz.txt"), "A draft said 3 things.");
    let out = run_in(Some(&dir), &["news"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ids: Vec<String> = json_lines(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 8);
    // Ids are relative to the folder argument (issue 14).
    assert_eq!(ids[0], "drafts/zz.txt");
    assert!(
        stderr(&out).contains("8 files, 0 failed"),
        "{}",
        stderr(&out)
    );

    let filtered = run_in(
        Some(&dir),
        &[
            "news",
            "--exclude",
            "drafts",
            "--exclude",
            "story-00[0-3].txt",
        ],
        b"",
    );
    let ids: Vec<Value> = json_lines(&filtered)
        .iter()
        .map(|d| d["id"].clone())
        .collect();
    assert_eq!(
        ids,
        [
            "part0/story-006.txt",
            "part1/story-004.txt",
            "part2/story-005.txt",
        ]
    );

    let md = run_in(Some(&dir), &["news", "--glob", "*.md"], b"");
    assert_eq!(json_lines(&md).len(), 1);
    let none = run_in(Some(&dir), &["news", "--glob", "*.pdf"], b"");
    assert_eq!(code(&none), 1);
    assert!(stderr(&none).contains("no input files found"));
}

#[test]
fn jobs_do_not_change_a_single_byte() {
    let dir = scratch("jobs");
    corpus(&dir, 40);
    let one = run_in(Some(&dir), &["-q", "--jobs", "1", "."], b"");
    assert_eq!(code(&one), 0);
    assert_eq!(json_lines(&one).len(), 40);
    for jobs in ["2", "3", "8"] {
        let many = run_in(Some(&dir), &["-q", "--jobs", jobs, "."], b"");
        assert_eq!(many.stdout, one.stdout, "--jobs {jobs}");
    }
    let records: String = (0..200)
        .map(|i| {
            format!(
                "{}\n",
                serde_json::json!({"id": i, "text": format!("The army said {i} soldiers left Kano.")})
            )
        })
        .collect();
    let one = run(&["--input-format", "jsonl", "-j", "1"], records.as_bytes());
    let four = run(&["--input-format", "jsonl", "-j", "4"], records.as_bytes());
    assert_eq!(json_lines(&one).len(), 200);
    assert_eq!(four.stdout, one.stdout);
}

#[test]
fn records_stream_one_line_each_in_order() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"The UN said 5 people died.\", \"lang\": \"en\"}\n",
        "\n",
        "{\"id\": 7, \"text\": \"Nothing here.\"}\r\n",
        "{\"text\": \"No id, said Ann.\"}\n",
    );
    let out = run(&["--input-format", "jsonl"], input.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().all(|l| !l.starts_with(' ')), "compact lines");
    let ids: Vec<Value> = json_lines(&out).iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, ["a", "7", "-:4"]);
}

#[test]
fn malformed_records_follow_on_error() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"One.\"}\n",
        "not json at all\n",
        "{\"id\": \"b\"}\n",
        "{\"id\": \"c\", \"text\": \"caf\u{e9}\"}\n",
    );
    let mut bytes = input.as_bytes().to_vec();
    bytes.extend_from_slice(b"{\"id\": \"d\", \"text\": \"caf\xe9\"}\n");
    bytes.extend_from_slice(b"{\"id\": \"e\", \"text\": \"Two.\"}\n");

    // Default: an error record in place of each bad line, the stream goes on, exit 1.
    let out = run(&["--input-format", "jsonl"], &bytes);
    assert_eq!(code(&out), 1);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["id"], Value::Null);
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("not a"));
    assert_eq!(lines[2]["id"], "b");
    assert_eq!(lines[2]["line"], 3);
    assert_eq!(lines[3]["id"], "c");
    assert!(lines[3]["version"].is_number());
    assert_eq!(lines[4]["line"], 5);
    assert!(lines[4]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(lines[5]["id"], "e");
    assert!(stderr(&out).contains("claimex: -:2: "), "{}", stderr(&out));

    let skip = run(&["--input-format", "jsonl", "--on-error", "skip"], &bytes);
    assert_eq!(code(&skip), 1);
    let ids: Vec<Value> = json_lines(&skip).iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, ["a", "c", "e"]);

    let fail = run(&["--input-format", "jsonl", "--on-error", "fail"], &bytes);
    assert_eq!(code(&fail), 1);
    assert_eq!(json_lines(&fail).len(), 1);
}

#[test]
fn failing_reads_all_of_stdin() {
    // 8 MB after a bad line: the writer must not see a broken pipe.
    let mut input = b"oops\n".to_vec();
    let line = b"{\"id\": \"x\", \"text\": \"Padding that is never processed.\"}\n";
    while input.len() < 8_000_000 {
        input.extend_from_slice(line);
    }
    let mut child = claimex()
        .args(["--input-format", "jsonl", "--on-error", "fail", "-j", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    let written = writer.join().unwrap();
    assert!(written.is_ok(), "writer saw {written:?}");
    assert_eq!(code(&out), 1);

    // The same for a text input that is too large, and for a bad configuration.
    let big = vec![b'a'; 3_000_000];
    for args in [
        &["--max-bytes", "1000"][..],
        &["--gazetteer", "/nonexistent/list.tsv"][..],
    ] {
        let mut child = claimex()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let data = big.clone();
        let writer = std::thread::spawn(move || stdin.write_all(&data));
        let status = child.wait().unwrap();
        assert!(writer.join().unwrap().is_ok(), "{args:?}");
        assert_ne!(status.code(), Some(0));
    }
}

#[test]
fn empty_stdin_and_empty_environment() {
    let out = run(&["--input-format", "jsonl"], b"");
    assert_eq!(code(&out), 0);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());

    // As PySpark's RDD.pipe starts it: no HOME, PATH, LANG.
    let mut child = claimex()
        .env_clear()
        .args(["--input-format", "jsonl", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\":\"r1\",\"text\":\"Reuters said 9 ships sank.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["id"], "r1");

    // Empty text on stdin is reported.
    let empty = run(&[], b"");
    assert_eq!(code(&empty), 1);
    assert!(stderr(&empty).contains("claimex: -: empty input"));
}

#[test]
fn any_text_gives_exactly_one_line_per_record() {
    // Deterministic pseudo-random texts from pieces that stress every stage: quotes, cues,
    // numbers, non-ASCII, blank lines, stray punctuation.
    let pieces = [
        "The UN",
        " said",
        " told reporters",
        " according to",
        " “",
        "”",
        "\"",
        "'",
        ",",
        ".",
        " Mr.",
        " 250",
        " 1,5",
        " $3bn",
        " 40%",
        " at least",
        " a few thousand",
        "\n\n",
        "\r\n",
        " Zoë",
        " 北京",
        " 😀",
        " (CSIS)",
        " he",
        " ISIS-K",
        "  ",
        "\t",
        "-",
        "…",
        " Smith says",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut records = String::new();
    let count = 300;
    for i in 0..count {
        let len = next(40);
        let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
        records.push_str(&serde_json::json!({"id": format!("r{i}"), "text": text}).to_string());
        records.push('\n');
    }
    let out = run(&["--input-format", "jsonl"], records.as_bytes());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), count, "{}", stderr(&out));
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], format!("r{i}"));
    }
}

#[test]
fn records_are_flushed_one_by_one() {
    // A co-process: send one record, read its answer before sending the next.
    for jobs in ["1", "2"] {
        let mut child = claimex()
            .args(["--input-format", "jsonl", "-j", jobs])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        for i in 0..3 {
            writeln!(stdin, "{{\"id\":\"{i}\",\"text\":\"Line {i}.\"}}").unwrap();
            stdin.flush().unwrap();
            let mut line = String::new();
            std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
            let doc: Value = serde_json::from_str(&line).unwrap();
            assert_eq!(doc["id"], i.to_string());
        }
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
}

#[test]
fn out_folder_mirrors_the_tree_atomically() {
    let dir = scratch("out");
    corpus(&dir.join("in"), 5);
    write(&dir.join("single.txt"), ARTICLE);
    let out = run_in(Some(&dir), &["in", "single.txt", "--out", "res"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(
        files_below(&dir.join("res")),
        [
            "part0/story-000.json",
            "part0/story-003.json",
            "part1/story-001.json",
            "part1/story-004.json",
            "part2/story-002.json",
            "single.json"
        ]
    );
    let written = std::fs::read_to_string(dir.join("res/single.json")).unwrap();
    let alone = run_in(Some(&dir), &["single.txt"], b"");
    assert_eq!(written, stdout(&alone), "same pretty JSON as on stdout");

    // Records: one NAME.jsonl per input file.
    write(
        &dir.join("recs.jsonl"),
        "{\"id\":\"a\",\"text\":\"A.\"}\n{\"id\":\"b\",\"text\":\"B.\"}\n",
    );
    let recs = run_in(
        Some(&dir),
        &["--input-format", "jsonl", "recs.jsonl", "-o", "res2"],
        b"",
    );
    assert_eq!(code(&recs), 0, "{}", stderr(&recs));
    let lines = std::fs::read_to_string(dir.join("res2/recs.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), 2);

    // Stopping at a bad record leaves no partial file.
    write(
        &dir.join("bad.jsonl"),
        "{\"id\":\"a\",\"text\":\"A.\"}\nnope\n",
    );
    let stopped = run_in(
        Some(&dir),
        &[
            "--input-format",
            "jsonl",
            "--on-error",
            "fail",
            "bad.jsonl",
            "-o",
            "res3",
        ],
        b"",
    );
    assert_eq!(code(&stopped), 1);
    assert!(files_below(&dir.join("res3")).is_empty());
}

/// A full disk under `--out`, simulated by the `test-hooks` build (`.ci/run` runs it).
#[cfg(feature = "test-hooks")]
#[test]
fn full_disk_leaves_no_partial_files() {
    let dir = scratch("full");
    corpus(&dir.join("in"), 4);
    write(&dir.join("res/part0/story-000.json"), "previous run");
    let mut cmd = claimex();
    cmd.args(["in", "--out", "res"])
        .env("CLAIMEX_SIMULATE_FULL_DISK", "200")
        .current_dir(&dir);
    let out = feed(&mut cmd, b"").0;
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert_eq!(err.matches("No space left on device").count(), 4, "{err}");
    assert!(err.contains("claimex: res/part0/story-000.json: "), "{err}");
    assert!(err.contains("4 files, 4 failed"), "{err}");
    // Only the old file, untouched; no temporary files.
    assert_eq!(files_below(&dir.join("res")), ["part0/story-000.json"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("res/part0/story-000.json")).unwrap(),
        "previous run"
    );
}

/// A full stdout (`/dev/full`) is an error that stops the run, said once.
#[cfg(target_os = "linux")]
#[test]
fn full_stdout_in_a_batch_is_reported_once() {
    let dir = scratch("dev-full");
    corpus(&dir.join("in"), 3);
    let full = std::fs::File::create("/dev/full").unwrap();
    let out = claimex()
        .args(["in", "-q"])
        .current_dir(&dir)
        .stdout(full)
        .output()
        .unwrap();
    assert_ne!(code(&out), 0);
    let err = stderr(&out);
    assert_eq!(err.matches("No space left on device").count(), 1, "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn an_output_target_in_the_way_fails_alone() {
    // A target that cannot be replaced (a folder in the way) fails alone.
    let dir = scratch("blocked");
    corpus(&dir.join("in"), 2);
    std::fs::create_dir_all(dir.join("res/part0/story-000.json/x")).unwrap();
    let out = run_in(Some(&dir), &["in", "--out", "res"], b"");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("res/part0/story-000.json"));
    assert_eq!(
        files_below(&dir.join("res")),
        ["part1/story-001.json"],
        "no temporary file left beside the blocked one"
    );

    // Two inputs that would write the same file are refused before anything is written.
    write(&dir.join("x/a.txt"), ARTICLE);
    write(&dir.join("y/a.txt"), ARTICLE);
    let out = run_in(Some(&dir), &["x/a.txt", "y/a.txt", "--out", "clash"], b"");
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("would both be written to a.json"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("clash").exists(), "nothing created");

    // An output folder that cannot be made is a usage error.
    write(&dir.join("plainfile"), "x");
    let out = run_in(Some(&dir), &["in", "--out", "plainfile/sub"], b"");
    assert_eq!(code(&out), 2);
}

#[test]
fn hostile_files_are_reported_and_skipped() {
    let dir = scratch("hostile");
    let d = dir.join("batch");
    write(&d.join("01-good.txt"), ARTICLE);
    write(
        &d.join("02-latin1.txt"),
        b"Le ministre a d\xe9clar\xe9 que 30 maisons.\n",
    );
    write(
        &d.join("03-binary.txt"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00binary",
    );
    write(&d.join("04-empty.txt"), b"");
    // A 200 MB file (sparse: no disk used) is refused without being read.
    let big = std::fs::File::create(d.join("05-huge.txt")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    drop(big);
    write(
        &d.join("09-good.txt"),
        "The council said 14 schools were shut.",
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        // Listed, then gone by the time it is read.
        symlink(d.join("nowhere.txt"), d.join("06-vanished.txt")).unwrap();
        // A loop back to the folder itself.
        symlink(&d, d.join("07-loop")).unwrap();
        // A named pipe would block a naive reader forever.
        let made = Command::new("mkfifo").arg(d.join("08-fifo.txt")).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    }
    let out = run_in(Some(&dir), &["batch", "-j", "2"], b"");
    assert_eq!(code(&out), 1);
    let ids: Vec<Value> = json_lines(&out).iter().map(|d| d["id"].clone()).collect();
    assert_eq!(ids, ["01-good.txt", "09-good.txt"]);
    let err = stderr(&out);
    for expected in [
        "claimex: batch/02-latin1.txt: not valid UTF-8",
        "claimex: batch/03-binary.txt: looks like a binary file",
        "claimex: batch/04-empty.txt: empty input",
        "claimex: batch/05-huge.txt: 209715200 bytes is more than the limit",
    ] {
        assert!(err.contains(expected), "{expected} in {err}");
    }
    #[cfg(unix)]
    {
        assert!(err.contains("claimex: batch/06-vanished.txt: "), "{err}");
        assert!(
            err.contains("claimex: batch/07-loop: symlink loop"),
            "{err}"
        );
        assert!(
            err.contains("claimex: batch/08-fifo.txt: not a regular file"),
            "{err}"
        );
        // 7 files read (2 good), plus 2 entries that could not be listed.
        assert!(err.contains("7 files, 7 failed"), "{err}");
    }
    assert!(!err.contains("panicked"));

    // --max-bytes applies to every input.
    let small = run_in(Some(&dir), &["--max-bytes", "10", "batch/09-good.txt"], b"");
    assert_eq!(code(&small), 1);
    assert!(stderr(&small).contains("raise it with --max-bytes"));
}

#[cfg(unix)]
#[test]
fn unreadable_entries_are_reported_not_fatal() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable");
    write(&dir.join("in/a.txt"), ARTICLE);
    write(&dir.join("in/locked/b.txt"), ARTICLE);
    write(&dir.join("in/c.txt"), ARTICLE);
    // Reading /proc/self/mem at offset 0 fails even for root.
    #[cfg(target_os = "linux")]
    std::os::unix::fs::symlink("/proc/self/mem", dir.join("in/b-mem.txt")).unwrap();
    let locked = dir.join("in/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = std::fs::read_dir(&locked).is_ok();
    let out = run_in(Some(&dir), &["in"], b"");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&out);
    assert_eq!(code(&out), 1, "{err}");
    #[cfg(target_os = "linux")]
    assert!(err.contains("claimex: in/b-mem.txt: "), "{err}");
    if !root {
        assert!(err.contains("claimex: in/locked: "), "{err}");
    }
    let ids: Vec<Value> = json_lines(&out).iter().map(|d| d["id"].clone()).collect();
    assert!(ids.contains(&Value::from("a.txt")) && ids.contains(&Value::from("c.txt")));
}

#[test]
fn closed_stdout_exits_quietly() {
    let dir = scratch("pipe");
    let records: String = (0..3000)
        .map(|i| format!("{{\"id\":{i},\"text\":\"The agency said {i} flights left.\"}}\n"))
        .collect();
    write(&dir.join("recs.jsonl"), &records);
    corpus(&dir.join("docs"), 30);
    for args in [
        &["--input-format", "jsonl", "recs.jsonl"][..],
        &["-j", "2", "docs"][..],
    ] {
        // As `claimex … | head -n 1`.
        let mut child = claimex()
            .args(args)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 10];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.contains("Broken pipe"), "{err}");
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn usage_and_configuration_errors_exit_2() {
    let dir = scratch("usage");
    write(&dir.join("bad.tsv"), "Acme Corp\tanimal\n");
    write(&dir.join("a.txt"), ARTICLE);
    for args in [
        &["--no-such-flag"][..],
        &["--format", "xml"][..],
        &["--gazetteer", "missing.tsv", "a.txt"][..],
        &["--gazetteer", "bad.tsv", "a.txt"][..],
        &["diff", "only-one"][..],
        &["diff", "nope1.json", "nope2.json"][..],
        &["check", "missing-fixtures"][..],
    ] {
        let out = run_in(Some(&dir), args, b"");
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty());
    }
    let out = run_in(Some(&dir), &["--gazetteer", "bad.tsv", "a.txt"], b"");
    assert!(
        stderr(&out).starts_with("claimex: bad.tsv:1: "),
        "{}",
        stderr(&out)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn full_stdout_is_reported() {
    let out = claimex()
        .args(["-"])
        .stdin(Stdio::piped())
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(ARTICLE.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("claimex: writing output: No space left on device"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_and_version() {
    let help = run(&["--help"], b"");
    assert_eq!(code(&help), 0);
    let text = stdout(&help);
    for needle in [
        "Examples:",
        "--input-format",
        "--out",
        "--jobs",
        "Exit status",
        "diff",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    let version = run(&["--version"], b"");
    assert_eq!(
        stdout(&version).trim(),
        format!("claimex {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn files_named_like_subcommands() {
    let dir = scratch("names");
    write(&dir.join("diff"), ARTICLE);
    for args in [&["./diff"][..], &["--", "diff"][..]] {
        let out = run_in(Some(&dir), args, b"");
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert!(doc["id"].as_str().unwrap().ends_with("diff"));
    }
    let bare = run_in(Some(&dir), &["diff"], b"");
    assert_eq!(code(&bare), 2);
    assert!(
        stderr(&bare).contains("write `claimex ./diff`"),
        "{}",
        stderr(&bare)
    );
}

#[test]
fn diff_compares_by_meaning() {
    let dir = scratch("diff");
    write(&dir.join("a.txt"), "The UN said 5 people died in Kabul.");
    write(
        &dir.join("moved.txt"),
        "\n\nThe UN said 5 people died in Kabul.",
    );
    write(&dir.join("b.txt"), "The UN said 7 people died in Kabul.");
    for name in ["a", "moved", "b"] {
        let out = run_in(
            Some(&dir),
            &[&format!("{name}.txt"), "-o", &format!("out-{name}")],
            b"",
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let same = run_in(Some(&dir), &["diff", "out-a/a.json", "out-a/a.json"], b"");
    assert_eq!(code(&same), 0);
    assert!(same.stdout.is_empty());
    // Offsets moved, nothing else: no difference.
    let moved = run_in(
        Some(&dir),
        &["diff", "out-a/a.json", "out-moved/moved.json"],
        b"",
    );
    assert_eq!(code(&moved), 0, "{}", stdout(&moved));

    let changed = run_in(Some(&dir), &["diff", "out-a/a.json", "out-b/b.json"], b"");
    assert_eq!(code(&changed), 1);
    let report = stdout(&changed);
    assert!(report.contains("- figure \"5 people\""), "{report}");
    assert!(report.contains("+ figure \"7 people\""), "{report}");

    let json = run_in(
        Some(&dir),
        &["diff", "--format", "json", "out-a/a.json", "out-b/b.json"],
        b"",
    );
    assert_eq!(code(&json), 1);
    let v: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["differ"], true);
    assert_eq!(v["documents"][0]["status"], "changed");

    // Folders pair files by path; JSON Lines pair documents by id.
    std::fs::copy(dir.join("out-b/b.json"), dir.join("out-a/b.json")).unwrap();
    let folders = run_in(Some(&dir), &["diff", "out-a", "out-b"], b"");
    assert_eq!(code(&folders), 1);
    assert!(
        stdout(&folders).contains("removed a.txt"),
        "{}",
        stdout(&folders)
    );
    let old = run_in(Some(&dir), &["a.txt", "b.txt"], b"");
    let new = run_in(Some(&dir), &["b.txt", "a.txt"], b"");
    write(&dir.join("old.jsonl"), &old.stdout);
    write(&dir.join("new.jsonl"), &new.stdout);
    let lines = run_in(Some(&dir), &["diff", "old.jsonl", "new.jsonl"], b"");
    assert_eq!(code(&lines), 0, "{}", stdout(&lines));
}

#[test]
fn check_and_bless_fixtures() {
    let dir = scratch("check");
    write(&dir.join("fx/one.txt"), ARTICLE);
    write(
        &dir.join("fx/sub/two.txt"),
        "The mayor said 12 roads were closed.",
    );
    let missing = run_in(Some(&dir), &["check", "fx"], b"");
    assert_eq!(code(&missing), 1);
    assert!(stdout(&missing).contains("--bless"), "{}", stdout(&missing));

    let bless = run_in(Some(&dir), &["check", "--bless", "fx"], b"");
    assert_eq!(code(&bless), 0, "{}", stderr(&bless));
    assert!(stderr(&bless).contains("2 fixtures, 2 expected files rewritten"));
    let expected = std::fs::read_to_string(dir.join("fx/sub/two.json")).unwrap();
    let doc: Value = serde_json::from_str(&expected).unwrap();
    assert_eq!(doc["id"], "sub/two.txt");

    let ok = run_in(Some(&dir), &["check", "fx"], b"");
    assert_eq!(code(&ok), 0, "{}", stdout(&ok));
    assert!(stderr(&ok).contains("2 fixtures, 0 failed"));

    let tampered = expected.replace("\"roads\"", "\"streets\"");
    assert_ne!(tampered, expected);
    write(&dir.join("fx/sub/two.json"), &tampered);
    let bad = run_in(Some(&dir), &["check", "fx"], b"");
    assert_eq!(code(&bad), 1);
    let report = stdout(&bad);
    assert!(report.contains("FAIL fx/sub/two.txt"), "{report}");
    assert!(report.contains("unit: \"streets\" → \"roads\""), "{report}");
}

#[test]
fn man_page_and_completions_come_from_the_definitions() {
    let man = run(&["generate", "man"], b"");
    assert_eq!(code(&man), 0);
    let page = stdout(&man);
    assert!(page.contains(".TH claimex"), "{page}");
    assert!(page.contains("input\\-format"), "{page}");
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["generate", "completions", shell], b"");
        assert_eq!(code(&out), 0);
        assert!(stdout(&out).contains("--input-format"), "{shell}");
    }
}

#[test]
fn progress_only_on_a_terminal() {
    let dir = scratch("progress");
    corpus(&dir.join("in"), 5);
    let piped = run_in(Some(&dir), &["in"], b"");
    assert!(!stderr(&piped).contains('\r'));
    // `script` gives claimex a terminal, where the progress line is drawn then cleared.
    let script = Command::new("script")
        .args([
            "-qec",
            &format!("{} in > /dev/null", env!("CARGO_BIN_EXE_claimex")),
            "/dev/null",
        ])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .output();
    match script {
        Ok(out) if out.status.success() => {
            let screen = String::from_utf8_lossy(&out.stdout);
            assert!(screen.contains("5/5 files"), "{screen}");
            assert!(screen.contains("5 files, 0 failed"), "{screen}");
            let quiet = Command::new("script")
                .args([
                    "-qec",
                    &format!("{} -q in > /dev/null", env!("CARGO_BIN_EXE_claimex")),
                    "/dev/null",
                ])
                .current_dir(&dir)
                .stdin(Stdio::null())
                .output()
                .unwrap();
            assert!(!String::from_utf8_lossy(&quiet.stdout).contains("files"));
            // Documents written to the same terminal: no progress line between them (issue 14).
            let shared = Command::new("script")
                .args([
                    "-qec",
                    &format!("{} in", env!("CARGO_BIN_EXE_claimex")),
                    "/dev/null",
                ])
                .current_dir(&dir)
                .stdin(Stdio::null())
                .output()
                .unwrap();
            let screen = String::from_utf8_lossy(&shared.stdout);
            assert!(!screen.contains("5/5 files"), "{screen}");
            assert!(screen.contains("5 files, 0 failed"), "{screen}");
        }
        _ => eprintln!("note: `script` is not available; terminal progress not checked"),
    }
}

// Issue 11: file and CLI safety. Each case failed before its fix.

#[test]
fn out_never_replaces_its_own_input() {
    let dir = scratch("self-overwrite");
    let records = "{\"id\":\"a\",\"text\":\"A said 3 things.\"}\n";
    write(&dir.join("recs.jsonl"), records);
    let out = run_in(
        Some(&dir),
        &["--input-format", "jsonl", "recs.jsonl", "--out", "."],
        b"",
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("recs.jsonl: its output ./recs.jsonl is the input itself"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("recs.jsonl")).unwrap(),
        records
    );

    // Text files matched by --glob in the output folder itself; and the same file reached by
    // another name (a hard link) is caught too, by device and inode.
    write(&dir.join("d/x.json"), ARTICLE);
    write(&dir.join("d/y.txt"), ARTICLE);
    std::fs::hard_link(dir.join("d/y.txt"), dir.join("linked.txt")).unwrap();
    for args in [
        &["--glob", "*.json", "d", "--out", "d"][..],
        &["linked.txt", "--out", "d", "--format", "json"][..],
    ] {
        let _ = std::fs::remove_file(dir.join("d/linked.json"));
        std::fs::hard_link(dir.join("d/y.txt"), dir.join("d/linked.json")).unwrap();
        let out = run_in(Some(&dir), args, b"");
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is the input itself"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            files_below(&dir.join("d")),
            ["linked.json", "x.json", "y.txt"]
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("d/x.json")).unwrap(),
            ARTICLE
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("d/y.txt")).unwrap(),
            ARTICLE
        );
    }
}

#[test]
fn dot_names_are_written_below_out() {
    let dir = scratch("dot-names");
    for name in ["..txt", ".txt", "...txt", "a.txt"] {
        write(&dir.join("in").join(name), ARTICLE);
    }
    // Names starting with a dot are hidden files: read with --hidden.
    let out = run_in(Some(&dir), &["in", "--hidden", "--out", "res"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        files_below(&dir.join("res")),
        ["...txt.json", "..txt.json", ".txt.json", "a.json"]
    );
    let mut top: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    top.sort();
    assert_eq!(
        top,
        ["in", "res"],
        "nothing written beside the output folder"
    );

    write(&dir.join("..jsonl"), "{\"id\":\"a\",\"text\":\"A.\"}\n");
    let out = run_in(
        Some(&dir),
        &["--input-format", "jsonl", "..jsonl", "--out", "res2"],
        b"",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(files_below(&dir.join("res2")), ["..jsonl.jsonl"]);

    // check --bless maps the same way, and check then finds what it wrote (a hidden fixture
    // is checked when named, as folders skip hidden files).
    let bless = run_in(Some(&dir), &["check", "--bless", "in/..txt"], b"");
    assert_eq!(code(&bless), 0, "{}", stderr(&bless));
    let check = run_in(Some(&dir), &["check", "in/..txt"], b"");
    assert_eq!(code(&check), 0, "{}", stdout(&check));
    assert!(dir.join("in/..txt.json").is_file());
    assert!(!dir.join("..json").exists() && !dir.join("in/..json").exists());
}

#[cfg(feature = "test-hooks")]
#[test]
fn stdin_is_drained_when_out_fails() {
    let mut input = Vec::new();
    let line = b"{\"id\": \"x\", \"text\": \"The mayor said 12 roads were closed.\"}\n";
    while input.len() < 8_000_000 {
        input.extend_from_slice(line);
    }
    let dir = scratch("drain-out");
    // The first chunk of output already fails: the rest of stdin must still be read.
    let mut cmd = claimex();
    cmd.args(["--input-format", "jsonl", "-j", "2", "--out", "full"])
        .env("CLAIMEX_SIMULATE_FULL_DISK", "100")
        .current_dir(&dir);
    let (out, written) = feed(&mut cmd, &input);
    assert!(written.is_ok(), "writer saw {written:?}");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("No space left on device"),
        "{}",
        stderr(&out)
    );
    assert!(files_below(&dir.join("full")).is_empty());
}

#[cfg(unix)]
#[test]
fn out_never_writes_through_symlinks() {
    use std::os::unix::fs::symlink;
    let dir = scratch("symlinks");
    write(&dir.join("outside.txt"), "precious");
    write(&dir.join("a.txt"), ARTICLE);

    // A symlink at the output name is replaced, not written through.
    std::fs::create_dir_all(dir.join("res")).unwrap();
    symlink("../outside.txt", dir.join("res/a.json")).unwrap();
    let out = run_in(Some(&dir), &["a.txt", "--out", "res"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("outside.txt")).unwrap(),
        "precious"
    );
    let meta = std::fs::symlink_metadata(dir.join("res/a.json")).unwrap();
    assert!(meta.is_file(), "the link itself was replaced");

    // A symlink planted at the temporary name the old code would use (`.NAME.PID-0.tmp`,
    // predictable once the process runs) is not followed either: temporaries are created new.
    let mut child = claimex()
        .args(["--out", "res"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let planted = format!("res/.stdin.json.{}-0.tmp", child.id());
    symlink("../outside.txt", dir.join(&planted)).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ARTICLE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("outside.txt")).unwrap(),
        "precious"
    );
    assert!(dir.join("res/stdin.json").is_file());

    // A symlinked folder inside OUTDIR that leads outside: that file fails, the rest is written.
    corpus(&dir.join("in"), 3);
    std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
    std::fs::create_dir_all(dir.join("res2")).unwrap();
    symlink("../elsewhere", dir.join("res2/part0")).unwrap();
    let out = run_in(Some(&dir), &["in", "--out", "res2"], b"");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("leads outside the output folder res2"),
        "{}",
        stderr(&out)
    );
    assert!(files_below(&dir.join("elsewhere")).is_empty());
    assert_eq!(
        files_below(&dir.join("res2")),
        ["part1/story-001.json", "part2/story-002.json"]
    );

    // The same for check --bless: a fixture folder linked from outside is read, not written.
    write(
        &dir.join("shared/two.txt"),
        "The mayor said 12 roads were closed.",
    );
    write(&dir.join("fx/one.txt"), ARTICLE);
    symlink("../shared", dir.join("fx/sub")).unwrap();
    let bless = run_in(Some(&dir), &["check", "--bless", "fx"], b"");
    assert_eq!(code(&bless), 1, "{}", stderr(&bless));
    assert!(
        stdout(&bless).contains("leads outside"),
        "{}",
        stdout(&bless)
    );
    assert_eq!(files_below(&dir.join("shared")), ["two.txt"]);
    assert!(dir.join("fx/one.json").is_file());
}

#[test]
fn long_names_fit_their_temporary_file() {
    let dir = scratch("long-name");
    let name = format!("{}.txt", "n".repeat(240));
    write(&dir.join(&name), ARTICLE);
    let out = run_in(Some(&dir), &[&name, "--out", "res"], b"");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        files_below(&dir.join("res")),
        [format!("{}.json", "n".repeat(240))]
    );
}

#[test]
fn huge_jobs_are_capped_not_fatal() {
    let mut records = String::new();
    for i in 0..300 {
        records.push_str(&format!(
            "{{\"id\":\"{i}\",\"text\":\"Officials said {i} people were hurt.\"}}\n"
        ));
    }
    let one = run(&["--input-format", "jsonl", "-j", "1"], records.as_bytes());
    assert_eq!(code(&one), 0);
    let many = run(
        &["--input-format", "jsonl", "-j", "20000"],
        records.as_bytes(),
    );
    assert_eq!(code(&many), 0, "{}", stderr(&many));
    assert_eq!(stdout(&many), stdout(&one));
    // With 1 GB of address space (each thread reserves a stack and a malloc arena), 20,000
    // threads used to abort with "failed to spawn thread".
    #[cfg(unix)]
    {
        let script = format!(
            "ulimit -v 1000000 && exec '{}' --input-format jsonl -j 20000",
            env!("CARGO_BIN_EXE_claimex")
        );
        let (limited, _) = feed(Command::new("sh").args(["-c", &script]), records.as_bytes());
        assert_eq!(code(&limited), 0, "{}", stderr(&limited));
        assert_eq!(stdout(&limited), stdout(&one));
    }
    let help = stdout(&run(&["--help"], b""));
    assert!(help.contains("at most 4 per core"), "{help}");
}

#[cfg(unix)]
#[test]
fn fifo_swapped_in_after_listing_is_reported() {
    let dir = scratch("fifo-swap");
    write(&dir.join("d/a.jsonl"), "{\"id\":\"a\",\"text\":\"A.\"}\n");
    write(&dir.join("d/b.jsonl"), "{\"id\":\"b\",\"text\":\"B.\"}\n");
    // stdin comes first: once its first answer is out, the folder has been listed.
    let mut child = claimex()
        .args([
            "--input-format",
            "jsonl",
            "-j",
            "1",
            "-",
            "d",
            "--glob",
            "*.jsonl",
        ])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    writeln!(stdin, "{{\"id\":\"s\",\"text\":\"S.\"}}").unwrap();
    stdin.flush().unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    assert!(line.contains("\"s\""), "{line}");
    std::fs::remove_file(dir.join("d/a.jsonl")).unwrap();
    let made = Command::new("mkfifo").arg(dir.join("d/a.jsonl")).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    drop(stdin);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("claimex blocked on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1), "{err}");
    assert!(
        err.contains("d/a.jsonl: not a regular file (a pipe, socket or device), skipped"),
        "{err}"
    );
    assert!(rest.contains("\"b\""), "the batch went on: {rest}");
}

/// Issue 11: record ids come out exactly as written, and only objects are records.
#[test]
fn record_ids_are_kept_as_written_and_records_are_objects() {
    let input = concat!(
        "{\"id\": 1e2, \"text\": \"One.\"}\n",
        "{\"id\": -0, \"text\": \"Two.\"}\n",
        "{\"id\": 12345678901234567890123, \"text\": \"Three.\"}\n",
        "{\"id\": 12345678901234567890124, \"text\": \"Four.\"}\n",
        "[7, \"The UN said 5 people died.\"]\n",
        "{\"id\": \"last\", \"text\": \"Five.\"}\n",
    );
    let out = run(&["--input-format", "jsonl"], input.as_bytes());
    assert_eq!(code(&out), 1, "the array is an error");
    let lines = json_lines(&out);
    let ids: Vec<Value> = lines.iter().map(|d| d["id"].clone()).collect();
    assert_eq!(
        ids,
        [
            Value::from("1e2"),
            Value::from("-0"),
            Value::from("12345678901234567890123"),
            Value::from("12345678901234567890124"),
            Value::Null,
            Value::from("last"),
        ]
    );
    assert_eq!(lines[4]["line"], 5);
    assert!(
        lines[4]["error"].as_str().unwrap().contains("JSON object"),
        "{}",
        lines[4]
    );
    assert!(stderr(&out).contains("claimex: -:5: "), "{}", stderr(&out));
}

/// Issue 11: U+2028, U+2029 and U+0085 are valid raw in JSON, but line splitters break a JSON
/// Lines line at them: they are escaped in every JSON output.
#[test]
fn line_separators_are_escaped_in_json_output() {
    let text = "The UN said\u{2028}5 people\u{2029}died in\u{85}Kabul.";
    let record = serde_json::json!({"id": "a\u{2028}b", "text": text}).to_string();
    let input = format!("{record}\n{{\"id\": \"x\u{2029}\", \"text\": 5}}\n");
    let out = run(&["--input-format", "jsonl"], input.as_bytes());
    let dir = scratch("separators");
    let name = "a\u{2028}b\u{85}.txt";
    write(&dir.join(name), text);
    let pretty = run_in(Some(&dir), &[name], b"");
    for out in [&out, &pretty] {
        let written = stdout(out);
        assert!(
            !written.contains(['\u{2028}', '\u{2029}', '\u{85}']),
            "{written}"
        );
        assert!(written.contains("\\u2028"), "{written}");
    }
    // The same strings once parsed, the error record's id included.
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a\u{2028}b");
    assert_eq!(lines[1]["id"], "x\u{2029}");
    let doc: Value = serde_json::from_str(&stdout(&pretty)).unwrap();
    assert_eq!(doc["id"], name);
}

/// Issue 11: `diff` pairs repeated ids in order, and its text report escapes what a terminal
/// would act on.
#[test]
fn diff_pairs_repeated_ids_and_escapes_its_report() {
    let dir = scratch("diff-repeated");
    let records = concat!(
        "{\"id\": \"x\", \"text\": \"The UN said 5 people died in Kabul.\"}\n",
        "{\"id\": \"x\", \"text\": \"Police said 7 cars burned.\"}\n",
        "{\"id\": \"y\\u001b[2J\\nremoved z\", \"text\": \"The UN said 5 people died.\"}\n",
    );
    let out = run(&["--input-format", "jsonl"], records.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    write(&dir.join("a.jsonl"), &out.stdout);
    let same = run_in(Some(&dir), &["diff", "a.jsonl", "a.jsonl"], b"");
    assert_eq!(code(&same), 0, "{}", stdout(&same));
    assert!(same.stdout.is_empty(), "{}", stdout(&same));

    // Only the strange id's document: it is removed, and printed escaped on one line.
    let kept: String = stdout(&out)
        .lines()
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect();
    write(&dir.join("b.jsonl"), kept);
    let removed = run_in(Some(&dir), &["diff", "a.jsonl", "b.jsonl"], b"");
    assert_eq!(code(&removed), 1);
    assert_eq!(stdout(&removed), "removed y\\u{1b}[2J\\nremoved z\n");
}

/// Issue 11: a gazetteer that is not UTF-8 is named with its line, not "stream did not contain
/// valid UTF-8".
#[test]
fn gazetteer_not_utf8_names_its_line() {
    let dir = scratch("gazetteer-latin1");
    write(
        &dir.join("latin1.tsv"),
        b"Zed Corp\tgroup\t\t\nCaf\xe9 Rouge\tgroup\t\t\n",
    );
    let out = run_in(
        Some(&dir),
        &["--gazetteer", "latin1.tsv"],
        ARTICLE.as_bytes(),
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("latin1.tsv:2: not valid UTF-8 (first invalid byte at column 4)"),
        "{}",
        stderr(&out)
    );
}
