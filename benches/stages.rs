//! Per-stage benchmarks for the stages whose signatures are still moving: gazetteer scan,
//! names (gazetteer plus shapes), figures, resolution, attribution. Run with `cargo bench --bench stages`.
//!
//! UPDATE HERE when a stage's signature changes: each stage is called in exactly one place,
//! the `Stages` functions below, which mirror `Extractor::extract` in `src/extractor.rs`. If a
//! stage is renamed or merged into another, change or delete its function and its bench; the
//! end-to-end numbers in `benches/pipeline.rs` only use stable APIs and keep working.
//!
//! Inputs and sanity checks as in `benches/pipeline.rs`.

use std::sync::LazyLock;

use claimex::attribute::Attributor;
use claimex::document::{Candidate, Entity, Figure, Span};
use claimex::gazetteer::Gazetteer;
use claimex::patterns::figures::FigureParser;
use claimex::patterns::names::NameRecognizer;
use claimex::resolve::resolve;
use claimex::text::sentences::SentenceSplitter;
use claimex::text::tokens::{tokenize, Token};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};

mod common;

static INPUTS: LazyLock<common::Inputs> = LazyLock::new(|| {
    let max = std::env::var("CLAIMEX_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    common::load(max)
});

/// Every stage, built once, called the way `Extractor::extract` calls it.
struct Stages {
    splitter: SentenceSplitter,
    gazetteer: Gazetteer,
    names: NameRecognizer,
    figures: FigureParser,
    attributor: Attributor,
}

/// One document's intermediate results, the inputs of the later stages.
struct Analysed {
    sentences: Vec<Span>,
    tokens: Vec<Token>,
    /// Borrowed from the static inputs and gazetteer.
    candidates: Vec<Candidate<'static>>,
    entities: Vec<Entity>,
    figures: Vec<Figure>,
}

impl Stages {
    fn new() -> Stages {
        let gazetteer = Gazetteer::embedded();
        let names = NameRecognizer::new(gazetteer.words());
        Stages {
            splitter: SentenceSplitter::new(),
            gazetteer,
            names,
            figures: FigureParser::new(),
            attributor: Attributor::new(),
        }
    }

    /// The gazetteer's own scan (the name recogniser calls it and adds shape-based names).
    fn gazetteer(&self, text: &str, a: &Analysed) -> usize {
        self.gazetteer.find(text, &a.tokens).len()
    }

    fn names(&'static self, text: &'static str, a: &Analysed) -> Vec<Candidate<'static>> {
        self.names
            .find(text, &a.tokens, &a.sentences, &self.gazetteer)
    }

    fn figures(&self, text: &str) -> Vec<Figure> {
        self.figures.find(text)
    }

    fn resolve(&self, text: &str, candidates: Vec<Candidate>) -> Vec<Entity> {
        resolve(text, candidates)
    }

    fn attribute(&self, text: &str, a: &Analysed) -> usize {
        self.attributor
            .attribute(text, &a.sentences, &a.tokens, &a.entities, &a.figures)
            .len()
    }

    fn analyse(&'static self, text: &'static str) -> Analysed {
        let mut a = Analysed {
            sentences: self.splitter.split(text),
            tokens: tokenize(text),
            candidates: Vec::new(),
            entities: Vec::new(),
            figures: self.figures(text),
        };
        a.candidates = self.names(text, &a);
        a.entities = self.resolve(text, a.candidates.clone());
        a
    }
}

static STAGES: LazyLock<Stages> = LazyLock::new(Stages::new);

static ANALYSED: LazyLock<Vec<Analysed>> =
    LazyLock::new(|| INPUTS.docs.iter().map(|t| STAGES.analyse(t)).collect());

fn main() {
    eprintln!(
        "claimex stage benches over {} bytes of {}",
        INPUTS.bytes(),
        INPUTS.origin
    );
    divan::main();
}

fn docs() -> impl Iterator<Item = (&'static String, &'static Analysed)> {
    INPUTS.docs.iter().zip(ANALYSED.iter())
}

fn bytes() -> BytesCount {
    BytesCount::new(INPUTS.bytes())
}

#[divan::bench(sample_count = 20)]
fn gazetteer_build() -> Gazetteer {
    Gazetteer::embedded()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn gazetteer_scan(bencher: Bencher) {
    let n: usize = docs().map(|(t, a)| STAGES.gazetteer(t, a)).sum();
    assert!(n > 0, "the gazetteer found nothing");
    bencher.counter(bytes()).bench(|| {
        for (text, a) in docs() {
            black_box(STAGES.gazetteer(black_box(text), a));
        }
    });
}

/// Names: gazetteer lookups per token plus shape-based people, groups and places.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn names(bencher: Bencher) {
    let n: usize = ANALYSED.iter().map(|a| a.candidates.len()).sum();
    assert!(n > 0, "no names found");
    bencher.counter(bytes()).bench(|| {
        for (text, a) in docs() {
            black_box(STAGES.names(text, a));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn figures(bencher: Bencher) {
    let n: usize = ANALYSED.iter().map(|a| a.figures.len()).sum();
    assert!(n > 0, "no figures found");
    bencher.counter(bytes()).bench(|| {
        for text in &INPUTS.docs {
            black_box(STAGES.figures(black_box(text)));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn resolve_mentions(bencher: Bencher) {
    let n: usize = ANALYSED.iter().map(|a| a.entities.len()).sum();
    assert!(n > 0, "no entities resolved");
    bencher.counter(bytes()).bench(|| {
        for (text, a) in docs() {
            black_box(STAGES.resolve(text, a.candidates.clone()));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn attribution(bencher: Bencher) {
    let n: usize = docs().map(|(t, a)| STAGES.attribute(t, a)).sum();
    assert!(n > 0, "no claims found");
    bencher.counter(bytes()).bench(|| {
        for (text, a) in docs() {
            black_box(STAGES.attribute(text, a));
        }
    });
}
