//! The pipeline, built once and run on many texts: text → match → resolve → attribute.

use std::path::PathBuf;

use crate::attribute::speaker::add_source_mentions;
use crate::attribute::Attributor;
use crate::document::Document;
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::patterns::figures::FigureParser;
use crate::patterns::names::NameRecognizer;
use crate::patterns::surnames::KnownSurnames;
use crate::resolve::resolve;
use crate::text::header::parse_header;
use crate::text::sentences::SentenceSplitter;
use crate::text::tokens::tokenize_with_landmarks;

/// What to build the pipeline from.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// User gazetteer files, added to the embedded defaults; later files take precedence.
    pub gazetteers: Vec<PathBuf>,
}

/// The whole pipeline. Build it once per process; `extract` takes `&self` and is thread-safe.
pub struct Extractor {
    splitter: SentenceSplitter,
    gazetteer: Gazetteer,
    names: NameRecognizer,
    surnames: KnownSurnames,
    figures: FigureParser,
    attributor: Attributor,
}

impl Extractor {
    pub fn new(config: &Config) -> Result<Extractor> {
        let mut gazetteer = Gazetteer::embedded();
        for path in &config.gazetteers {
            gazetteer.add_file(path)?;
        }
        let names = NameRecognizer::new(gazetteer.words());
        Ok(Extractor {
            splitter: SentenceSplitter::new(),
            gazetteer,
            names,
            surnames: KnownSurnames::embedded(),
            figures: FigureParser::new(),
            attributor: Attributor::new(),
        })
    }

    /// Analyses one text. Never panics; every span is a valid range of `text`.
    pub fn extract(&self, text: &str) -> Document {
        let header = parse_header(text);
        // One pass over the bytes finds the tokens and what the splitter needs to look at.
        let (tokens, landmarks) = tokenize_with_landmarks(text);
        let sentences = self.splitter.split_with(text, &landmarks);
        drop(landmarks);
        let mut candidates = self.names.find(text, &tokens, &sentences, &self.gazetteer);
        self.surnames.apply(text, &tokens, &mut candidates);
        let entities = resolve(text, candidates);
        let figures = self.figures.find(text);
        let mut entities = entities;
        let claims = self
            .attributor
            .attribute(text, &sentences, &tokens, &entities, &figures);
        add_source_mentions(text, &claims, &mut entities);
        Document {
            header,
            sentences,
            entities,
            figures,
            claims,
        }
    }
}
