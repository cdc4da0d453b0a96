//! Real outputs of the binary against `schema/claimex-v1.schema.json`, with a small validator
//! for the JSON Schema keywords the schema uses (no network, no extra dependency). The
//! validator is strict about properties: a field the binary writes but the schema does not
//! describe fails, so the published contract cannot fall behind the code.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use regex::Regex;
use serde_json::Value;

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/claimex-v1.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

struct Validator<'s> {
    root: &'s Value,
    /// Report properties that the schema does not list.
    strict: bool,
}

impl Validator<'_> {
    fn validate(&self, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let Some(schema) = schema.as_object() else {
            return;
        };
        if let Some(Value::String(reference)) = schema.get("$ref") {
            let target = reference
                .strip_prefix('#')
                .and_then(|p| self.root.pointer(p))
                .unwrap_or_else(|| panic!("unresolved $ref {reference}"));
            self.validate(target, value, at, errors);
        }
        if let Some(types) = schema.get("type") {
            let names: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            if !names.iter().any(|t| has_type(value, t)) {
                errors.push(format!("{at}: {value} is not of type {types}"));
                return;
            }
        }
        if let Some(c) = schema.get("const") {
            if c != value {
                errors.push(format!("{at}: {value} is not {c}"));
            }
        }
        if let Some(Value::Array(options)) = schema.get("enum") {
            if !options.contains(value) {
                errors.push(format!("{at}: {value} is not one of {options:?}"));
            }
        }
        if let Some(Value::Array(options)) = schema.get("anyOf") {
            let fits = options.iter().any(|option| {
                let mut sub = Vec::new();
                self.validate(option, value, at, &mut sub);
                sub.is_empty()
            });
            if !fits {
                errors.push(format!("{at}: {value} fits none of anyOf"));
            }
        }
        if let (Some(min), Some(n)) = (schema.get("minimum"), value.as_f64()) {
            if n < min.as_f64().unwrap() {
                errors.push(format!("{at}: {n} < {min}"));
            }
        }
        if let (Some(Value::String(pattern)), Some(s)) = (schema.get("pattern"), value.as_str()) {
            if !Regex::new(pattern).unwrap().is_match(s) {
                errors.push(format!("{at}: {s:?} does not match {pattern}"));
            }
        }
        if let Value::Object(object) = value {
            let properties = schema.get("properties").and_then(Value::as_object);
            if let Some(Value::Array(required)) = schema.get("required") {
                for name in required.iter().filter_map(Value::as_str) {
                    if !object.contains_key(name) {
                        errors.push(format!("{at}: missing required {name}"));
                    }
                }
            }
            for (name, v) in object {
                match properties.and_then(|p| p.get(name)) {
                    Some(sub) => self.validate(sub, v, &format!("{at}/{name}"), errors),
                    None if self.strict && properties.is_some() => errors.push(format!(
                        "{at}/{name}: written by claimex but not described in the schema"
                    )),
                    None => {}
                }
            }
        }
        if let Value::Array(items) = value {
            if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
                if (items.len() as u64) < min {
                    errors.push(format!("{at}: fewer than {min} items"));
                }
            }
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    self.validate(item_schema, item, &format!("{at}/{i}"), errors);
                }
            }
        }
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_u64() || value.is_i64(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("unknown type {other}"),
    }
}

fn errors_for(schema: &Value, pointer: &str, value: &Value) -> Vec<String> {
    let validator = Validator {
        root: schema,
        strict: true,
    };
    let mut errors = Vec::new();
    validator.validate(schema.pointer(pointer).unwrap(), value, "", &mut errors);
    errors
}

/// Every span's character offsets give back its text.
fn check_offsets(doc: &Value, text: &str, errors: &mut Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    collect_spans(doc, "", &mut spans);
    for (at, start, end, expected) in spans {
        let got: Option<String> = chars.get(start..end).map(|c| c.iter().collect());
        if got.as_deref() != Some(expected.as_str()) {
            errors.push(format!(
                "{at}: [{start}, {end}) is {got:?}, not {expected:?}"
            ));
        }
    }
}

fn collect_spans(value: &Value, at: &str, out: &mut Vec<(String, usize, usize, String)>) {
    match value {
        Value::Object(o) => {
            if let (Some(s), Some(e), Some(Value::String(t))) = (
                o.get("start").and_then(Value::as_u64),
                o.get("end").and_then(Value::as_u64),
                o.get("text"),
            ) {
                out.push((at.to_string(), s as usize, e as usize, t.clone()));
            }
            for (k, v) in o {
                collect_spans(v, &format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                collect_spans(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Texts written for this test, with what the seed lacks: curly quotes, non-ASCII names,
/// money, percentages, a dateline, CRLF.
fn texts() -> Vec<String> {
    let mut texts = vec![
        "date 2024-03-01 Floods in the delta\n\nAbout 1,200 homes were flooded, \
         according to the Red Cross. “We need €4 million,” said Zoë Okafor, a spokeswoman.\r\n\
         Officials said prices rose 12% in March."
            .to_string(),
        "The United Nations said at least 300 people fled Mosul. Amnesty International \
         told reporters that dozens of villages were empty."
            .to_string(),
        "Ärzte ohne Grenzen berichtet: 😀 “Ja.”".to_string(),
    ];
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut names: Vec<_> = std::fs::read_dir(fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    texts.extend(names.iter().map(|p| std::fs::read_to_string(p).unwrap()));
    texts
}

fn run_records(records: &str, extra: &[&str]) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["--input-format", "jsonl"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = records.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(data.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn real_outputs_follow_the_schema_and_their_offsets_give_back_their_text() {
    let schema = schema();
    let texts = texts();
    let records: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "{}\n",
                serde_json::json!({"id": format!("t{i}"), "text": t})
            )
        })
        .collect();
    for extra in [&[][..], &["--explain"][..]] {
        let docs = run_records(&records, extra);
        assert_eq!(docs.len(), texts.len());
        for (doc, text) in docs.iter().zip(&texts) {
            let mut errors = errors_for(&schema, "", doc);
            check_offsets(doc, text, &mut errors);
            assert!(errors.is_empty(), "{}:\n{}", doc["id"], errors.join("\n"));
        }
    }
}

#[test]
fn error_records_follow_the_schema() {
    let schema = schema();
    let lines = run_records("{\"id\": \"x\"}\nnot json\n", &[]);
    assert_eq!(lines.len(), 2);
    for line in &lines {
        let errors = errors_for(&schema, "/$defs/errorRecord", line);
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}

#[test]
fn the_validator_rejects_what_breaks_the_contract() {
    let schema = schema();
    let good = run_records(
        "{\"id\":\"g\",\"text\":\"The UN said 5 people died.\"}\n",
        &[],
    )
    .remove(0);
    assert!(errors_for(&schema, "", &good).is_empty());
    let breakages: [(&str, Value); 6] = [
        ("/version", Value::from(2)),
        ("/entities/0/type", Value::from("animal")),
        ("/figures/0/value", Value::from("five")),
        ("/claims/0/kind", Value::from("rumour")),
        ("/claims/0/source/entity", Value::from("x1")),
        ("/sentences/0/start", Value::from(-1)),
    ];
    for (pointer, bad) in breakages {
        let mut doc = good.clone();
        *doc.pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}")) = bad;
        assert!(!errors_for(&schema, "", &doc).is_empty(), "{pointer}");
    }
    let mut extra = good.clone();
    extra["surprise"] = Value::from(1);
    assert!(errors_for(&schema, "", &extra)[0].contains("not described in the schema"));
    let mut missing = good;
    missing.as_object_mut().unwrap().remove("claims");
    assert!(!errors_for(&schema, "", &missing).is_empty());
}
