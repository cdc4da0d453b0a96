//! The pipeline, built once and run on many texts: text → match → resolve → attribute.

use std::path::PathBuf;

use crate::attribute::speaker::add_source_mentions;
use crate::attribute::Attributor;
use crate::document::{Claim, DateSource, Document, ReportClass};
use crate::error::Result;
use crate::gazetteer::Gazetteer;
use crate::patterns::figures::FigureParser;
use crate::patterns::names::NameRecognizer;
use crate::patterns::surnames::KnownSurnames;
use crate::patterns::times::{link_times, TimeParser, Ymd};
use crate::resolve::resolve;
use crate::text::header::parse_header;
use crate::text::sentences::SentenceSplitter;
use crate::text::tokens::tokenize_with_landmarks;

/// What to build the pipeline from.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// User gazetteer files, added to the embedded defaults; later files take precedence.
    pub gazetteers: Vec<PathBuf>,
    /// Which claims to keep (default: all).
    pub claims: ClaimFilter,
    /// The reference date (`--date YYYY-MM-DD`) for relative time expressions; it overrides a
    /// record's, the header's and a dateline's.
    pub date: Option<Ymd>,
}

/// Which claims a document keeps (`--claims speech,belief`): those whose cue reports one of
/// `classes`, and, with `unattributed`, the writer's own figure statements. A quotation with
/// a speaker but no cue word reports speech.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimFilter {
    pub classes: Vec<ReportClass>,
    pub unattributed: bool,
}

impl Default for ClaimFilter {
    fn default() -> Self {
        ClaimFilter {
            classes: ReportClass::ALL.to_vec(),
            unattributed: true,
        }
    }
}

impl ClaimFilter {
    /// Parses a comma-separated list of `speech`, `belief`, `intention`, `evidence` and
    /// `unattributed`.
    pub fn parse(list: &str) -> std::result::Result<ClaimFilter, String> {
        let mut filter = ClaimFilter {
            classes: Vec::new(),
            unattributed: false,
        };
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match ReportClass::parse(name) {
                Some(class) => filter.classes.push(class),
                None if name == "unattributed" => filter.unattributed = true,
                None => {
                    return Err(format!(
                        "unknown claim class {name:?}: use speech, belief, intention, evidence \
                         or unattributed"
                    ))
                }
            }
        }
        Ok(filter)
    }

    pub fn keeps(&self, claim: &Claim) -> bool {
        if claim.cue.is_none() && claim.source.is_none() {
            return self.unattributed;
        }
        let class = claim.cue_class.unwrap_or(ReportClass::Speech);
        self.classes.contains(&class)
    }
}

/// The whole pipeline. Build it once per process; `extract` takes `&self` and is thread-safe.
pub struct Extractor {
    splitter: SentenceSplitter,
    gazetteer: Gazetteer,
    names: NameRecognizer,
    surnames: KnownSurnames,
    figures: FigureParser,
    times: TimeParser,
    date: Option<Ymd>,
    attributor: Attributor,
    claims: ClaimFilter,
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
            times: TimeParser::new(),
            date: config.date,
            attributor: Attributor::new(),
            claims: config.claims.clone(),
        })
    }

    /// Analyses one text. Never panics; every span is a valid range of `text`.
    pub fn extract(&self, text: &str) -> Document {
        self.extract_dated(text, None)
    }

    /// [`extract`](Self::extract) with a record's reference date (`"date"` of a JSON Lines
    /// record), used unless the configuration gives one.
    pub fn extract_dated(&self, text: &str, record_date: Option<Ymd>) -> Document {
        let header = parse_header(text);
        // One pass over the bytes finds the tokens and what the splitter needs to look at.
        let (tokens, landmarks) = tokenize_with_landmarks(text);
        let sentences = self.splitter.split_with(text, &landmarks);
        drop(landmarks);
        let mut candidates = self.names.find(text, &tokens, &sentences, &self.gazetteer);
        self.surnames.apply(text, &tokens, &mut candidates);
        let entities = resolve(text, candidates);
        let figures = self.figures.find(text);
        let date = self.reference_date(text, &header, record_date, &tokens, &sentences);
        // The header line's own date is metadata, not an expression of the text.
        let body = match header.date {
            Some(_) => text
                .find("date ")
                .map_or(0, |at| at + "date YYYY-MM-DD".len()),
            None => 0,
        };
        let body_tokens = &tokens[tokens.partition_point(|t| t.span().start < body)..];
        let times = (self.times).find(text, body_tokens, &sentences, date.map(|d| d.0));
        let mut figures = figures;
        let mut entities = entities;
        let mut claims = self
            .attributor
            .attribute(text, &sentences, &tokens, &entities, &figures);
        // Pronoun and description mentions belong to their entity whatever claims are kept.
        add_source_mentions(text, &claims, &mut entities);
        if self.claims != ClaimFilter::default() {
            claims.retain(|c| self.claims.keeps(c));
        }
        link_times(&times, &sentences, &mut claims, &mut figures);
        Document {
            header,
            sentences,
            entities,
            figures,
            claims,
            times,
            date: date.map(|(d, source)| (d.iso(), source)),
        }
    }

    /// The reference date, in order: configuration, record, header line, dateline.
    fn reference_date(
        &self,
        text: &str,
        header: &crate::document::Header,
        record: Option<Ymd>,
        tokens: &[crate::text::tokens::Token],
        sentences: &[crate::document::Span],
    ) -> Option<(Ymd, DateSource)> {
        let header_date = header.date.as_deref().and_then(Ymd::parse);
        (self.date.map(|d| (d, DateSource::Option)))
            .or(record.map(|d| (d, DateSource::Record)))
            .or(header_date.map(|d| (d, DateSource::Header)))
            .or_else(|| {
                let d = self.times.dateline(text, tokens, sentences)?;
                Some((d, DateSource::Dateline))
            })
    }
}
