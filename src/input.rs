//! Input: stdin, files, folders and JSON Lines records, each turned into `(id, text)`.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// Default largest input accepted, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Decodes raw bytes as UTF-8 text, rejecting binary data with a clear error naming `path`.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if let Some(byte) = memchr_nul(&bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            byte,
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: path.to_path_buf(),
        byte: e.utf8_error().valid_up_to(),
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Reads a whole file (or stdin for `-`) as text, up to `max_bytes`.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
    } else {
        let file = std::fs::File::open(path).map_err(io_error)?;
        file.take(max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
    }
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    decode(path, bytes)
}

/// Expands command-line paths into the documents to read: files as given, folders walked for
/// `*.txt` files in sorted path order. Unreadable folders are returned as errors, not fatal.
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut errors);
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    (files, errors)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            errors.push(Error::Io {
                path: dir.to_path_buf(),
                source,
            });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(source) => {
                errors.push(Error::Io {
                    path: dir.to_path_buf(),
                    source,
                });
                continue;
            }
        };
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            walk(&path, found, errors);
        } else if path.extension().is_some_and(|e| e == "txt") {
            found.push(path);
        }
    }
}

/// One JSON Lines input record; fields other than `id` and `text` are ignored.
#[derive(Deserialize, Debug)]
pub struct Record {
    #[serde(default)]
    pub id: Option<serde_json::Value>,
    pub text: String,
}

impl Record {
    /// The record's id as a string (numbers are written as they are).
    pub fn id_string(&self) -> Option<String> {
        match &self.id {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(other) => Some(other.to_string()),
        }
    }
}

/// Parses one JSON Lines record; `line` (1-based) is for the error message.
pub fn parse_record(source: &Path, line: usize, json: &str) -> Result<Record> {
    serde_json::from_str(json).map_err(|e| Error::Parse {
        path: source.to_path_buf(),
        line,
        message: format!("not a {{\"id\", \"text\"}} record: {e}"),
    })
}
