//! End-to-end and stable-API benchmarks: the whole pipeline, serialisation, sentence splitting
//! and tokenising, with byte throughput. Run with `cargo bench --bench pipeline`.
//!
//! Inputs: the first `CLAIMEX_BENCH_BYTES` bytes (default 1 MB) of `../shared/corpus/bbc` in
//! sorted path order, or the repository fixtures when the corpus is absent (see `common`).
//! Each bench first checks that the pipeline still finds things (more than zero sentences,
//! figures, entities, claims), so a change that is fast because it is broken fails loudly;
//! the checks are deliberately loose because the rules keep changing.

use std::sync::LazyLock;

use claimex::output::to_wire;
use claimex::text::sentences::SentenceSplitter;
use claimex::text::tokens::tokenize;
use claimex::{Config, Document, Extractor};
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};

mod common;

static INPUTS: LazyLock<common::Inputs> = LazyLock::new(|| {
    let max = std::env::var("CLAIMEX_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    common::load(max)
});

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(&Config::default()).expect("default pipeline builds"));

fn main() {
    eprintln!(
        "claimex benches over {} bytes of {}",
        INPUTS.bytes(),
        INPUTS.origin
    );
    divan::main();
}

/// Totals over a set of analysed documents, for the sanity checks.
#[derive(Debug, Default)]
struct Found {
    sentences: usize,
    entities: usize,
    figures: usize,
    claims: usize,
}

fn found(docs: &[Document]) -> Found {
    let mut f = Found::default();
    for d in docs {
        f.sentences += d.sentences.len();
        f.entities += d.entities.len();
        f.figures += d.figures.len();
        f.claims += d.claims.len();
    }
    f
}

fn extract_all() -> Vec<Document> {
    INPUTS.docs.iter().map(|t| EXTRACTOR.extract(t)).collect()
}

/// The pipeline must still find something in news text; zero means it is broken, not fast.
fn assert_sane(f: &Found) {
    assert!(
        f.sentences >= INPUTS.docs.len(),
        "fewer sentences than documents: {f:?}"
    );
    assert!(f.figures > 0, "no figures found: {f:?}");
    assert!(f.entities > 0, "no entities found: {f:?}");
    assert!(f.claims > 0, "no claims found: {f:?}");
}

/// Building the pipeline: embedded gazetteers, automata, regexes. Paid once per process, so it
/// bounds start-up time for one-article-per-process use.
#[divan::bench(sample_count = 20)]
fn build_extractor() -> Extractor {
    Extractor::new(&Config::default()).expect("default pipeline builds")
}

/// `Extractor::extract` over every input document.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn extract(bencher: Bencher) {
    assert_sane(&found(&extract_all()));
    bencher
        .counter(BytesCount::new(INPUTS.bytes()))
        .counter(ItemsCount::new(INPUTS.docs.len()))
        .bench(|| {
            for text in &INPUTS.docs {
                black_box(EXTRACTOR.extract(black_box(text)));
            }
        });
}

/// What the CLI does per document: extract, convert to the wire form, write compact JSON.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn extract_and_serialise(bencher: Bencher) {
    bencher
        .counter(BytesCount::new(INPUTS.bytes()))
        .counter(ItemsCount::new(INPUTS.docs.len()))
        .bench(|| {
            let mut out = Vec::with_capacity(1 << 20);
            for text in &INPUTS.docs {
                let doc = EXTRACTOR.extract(text);
                serde_json::to_writer(&mut out, &to_wire("doc", text, &doc, false))
                    .expect("serialises");
                out.push(b'\n');
            }
            black_box(out)
        });
}

/// Serialisation alone: wire conversion (byte → char offsets) and JSON writing.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn serialise(bencher: Bencher) {
    let docs = extract_all();
    let json_bytes: usize = INPUTS
        .docs
        .iter()
        .zip(&docs)
        .map(|(t, d)| serde_json::to_vec(&to_wire("doc", t, d, false)).map_or(0, |v| v.len()))
        .sum();
    assert!(json_bytes > INPUTS.docs.len(), "empty JSON output");
    bencher.counter(BytesCount::new(INPUTS.bytes())).bench(|| {
        let mut out = Vec::with_capacity(json_bytes + 1024);
        for (text, doc) in INPUTS.docs.iter().zip(&docs) {
            serde_json::to_writer(&mut out, &to_wire("doc", text, doc, true)).expect("serialises");
        }
        black_box(out)
    });
}

/// The review page alone (`--format html`, issue 15): marks swept into segments, the panel,
/// the embedded JSON, over already extracted documents.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn html_page(bencher: Bencher) {
    let docs = extract_all();
    bencher.counter(BytesCount::new(INPUTS.bytes())).bench(|| {
        let mut out = Vec::with_capacity(INPUTS.bytes() * 12);
        for (text, doc) in INPUTS.docs.iter().zip(&docs) {
            claimex::output::html::write_page(&mut out, "doc", text, doc).expect("writes");
        }
        black_box(out)
    });
}

/// Extraction and the review page: what `--format html` does per document.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn extract_and_html_page(bencher: Bencher) {
    bencher.counter(BytesCount::new(INPUTS.bytes())).bench(|| {
        let mut out = Vec::with_capacity(INPUTS.bytes() * 12);
        for text in &INPUTS.docs {
            let doc = EXTRACTOR.extract(text);
            claimex::output::html::write_page(&mut out, "doc", text, &doc).expect("writes");
        }
        black_box(out)
    });
}

/// Sentence splitting alone.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn sentences(bencher: Bencher) {
    let splitter = SentenceSplitter::new();
    let n: usize = INPUTS.docs.iter().map(|t| splitter.split(t).len()).sum();
    assert!(
        n >= INPUTS.docs.len(),
        "fewer sentences than documents: {n}"
    );
    bencher.counter(BytesCount::new(INPUTS.bytes())).bench(|| {
        for text in &INPUTS.docs {
            black_box(splitter.split(black_box(text)));
        }
    });
}

/// Tokenising alone.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn tokens(bencher: Bencher) {
    let n: usize = INPUTS.docs.iter().map(|t| tokenize(t).len()).sum();
    // News text averages well under 10 bytes a token; far fewer tokens means a broken tokenizer.
    assert!(n > INPUTS.bytes() / 20, "only {n} tokens");
    bencher.counter(BytesCount::new(INPUTS.bytes())).bench(|| {
        for text in &INPUTS.docs {
            black_box(tokenize(black_box(text)));
        }
    });
}

/// One document of `mb` megabytes without a single paragraph break: cost must grow linearly,
/// so MB/s here should stay close to `extract`'s at every size.
#[divan::bench(args = [1, 3, 10], sample_count = 2, sample_size = 1)]
fn extract_single_paragraph(bencher: Bencher, mb: usize) {
    let text = INPUTS.single_paragraph(mb * 1_000_000);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| black_box(EXTRACTOR.extract(black_box(&text))));
}
