//! A real run on Apache Spark (local mode): `examples/spark/claimex_spark.py` pipes a JSON
//! Lines corpus through the binary with `RDD.pipe`. Runs only where `import pyspark` works
//! (`.ci/run` installs it in a virtualenv); set `CLAIMEX_PYTHON` to pick the interpreter.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn python() -> String {
    std::env::var("CLAIMEX_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn has_pyspark(python: &str) -> bool {
    Command::new(python)
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn spark_pipes_a_corpus_through_claimex_in_order() {
    let python = python();
    if !has_pyspark(&python) {
        eprintln!(
            "note: skipping the Spark run: `{python} -c 'import pyspark'` fails \
             (pip install pyspark, or set CLAIMEX_PYTHON)"
        );
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-spark");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut input = String::new();
    let mut expected = Vec::new();
    for i in 0..60 {
        let text = format!(
            "Officials in Accra said {} buses were stopped on day {i}.",
            i + 2
        );
        input.push_str(&serde_json::json!({"id": format!("doc-{i}"), "text": text}).to_string());
        input.push('\n');
        expected.push(Value::from(format!("doc-{i}")));
        if i == 30 {
            input.push_str("{\"id\": \"broken\"\n");
            expected.push(Value::Null);
        }
    }
    std::fs::write(dir.join("corpus.jsonl"), input).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/spark/claimex_spark.py");
    let out = Command::new(&python)
        .arg(script)
        .args([
            "corpus.jsonl",
            "results",
            "--partitions",
            "3",
            "--cores",
            "2",
        ])
        .args(["--claimex", env!("CARGO_BIN_EXE_claimex")])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("claimex on spark: 60 documents, 1 bad records"),
        "{stderr}"
    );
    let mut parts: Vec<_> = std::fs::read_dir(dir.join("results"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    let docs: Vec<Value> = parts
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    let ids: Vec<Value> = docs
        .iter()
        .map(|d| {
            if d.get("error").is_some() {
                Value::Null
            } else {
                d["id"].clone()
            }
        })
        .collect();
    assert_eq!(ids, expected, "one line per record, in input order");
    assert!(docs[0]["figures"][0]["value"] == 2.0, "{}", docs[0]);
}
