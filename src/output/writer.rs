//! Writers: a document as pretty JSON or one JSON Lines line, and error records. Files below an
//! output folder are written by `outdir`.

use std::io::{self, Write};

use serde::Serialize;

use super::html;
use super::json::Json;
use super::DocumentJson;

/// How documents are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Pretty JSON, one document followed by a newline.
    Json,
    /// One compact JSON document per line.
    Jsonl,
    /// A review page: the article with its results marked (see [`super::html`]).
    Html,
}

impl Format {
    /// The extension of a file holding one document in this format.
    pub fn file_extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
        }
    }
}

/// One document in `format`, ending with a newline: the bytes serde_json would write, from
/// a faster encoder (`json.rs`). A JSON Lines line never contains a raw newline (strings
/// escape them), so it can never be split.
pub fn render(doc: &DocumentJson, format: Format) -> Vec<u8> {
    // A news article's document is a few kilobytes: start there rather than grow from 128.
    let mut out = Vec::with_capacity(8 * 1024);
    if format == Format::Html {
        let (id, text, analysis) = doc.parts();
        html::write_page(&mut out, id, text, analysis).expect("writing to a Vec");
        return out;
    }
    Json::new(&mut out, format == Format::Json).value(doc);
    out.push(b'\n');
    out
}

/// Writes what [`render`] returns to `sink`, a piece at a time: a 10 MB document's JSON is
/// some 50 MB, which need not all be in memory at once.
pub fn write_document(doc: &DocumentJson, format: Format, sink: &mut dyn Write) -> io::Result<()> {
    if format == Format::Html {
        let (id, text, analysis) = doc.parts();
        let mut buffered = io::BufWriter::with_capacity(STREAM_PIECE, sink);
        html::write_page(&mut buffered, id, text, analysis)?;
        return buffered.flush();
    }
    let mut out = Vec::with_capacity(STREAM_PIECE);
    let mut json = Json::streaming(&mut out, format == Format::Json, sink);
    json.value(doc);
    json.finish()?;
    sink.write_all(b"\n")
}

/// The size of the pieces [`write_document`] writes.
const STREAM_PIECE: usize = 64 * 1024;

/// The line written in place of a JSON Lines record that could not be read:
/// `{"id": <id or null>, "line": N, "error": "..."}`.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ErrorRecord<'a> {
    pub id: Option<&'a str>,
    pub line: usize,
    pub error: &'a str,
}

impl ErrorRecord<'_> {
    pub fn render(&self) -> Vec<u8> {
        let json = serde_json::to_vec(self).expect("error records always serialize");
        let mut out = super::escape_separators(json);
        out.push(b'\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_records_are_one_line() {
        let r = ErrorRecord {
            id: None,
            line: 3,
            error: "bad\nthing",
        };
        assert_eq!(
            r.render(),
            b"{\"id\":null,\"line\":3,\"error\":\"bad\\nthing\"}\n"
        );
    }
}
