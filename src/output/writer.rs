//! Writers: a document as pretty JSON or one JSON Lines line, error records, and files written
//! atomically (temp file + rename) so that an interrupted run never leaves a half file.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
            Format::Json | Format::Jsonl => "json",
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
        let mut out = serde_json::to_vec(self).expect("error records always serialize");
        out.push(b'\n');
        out
    }
}

/// A folder that receives one output file per input, mirroring the inputs' tree.
#[derive(Clone, Debug)]
pub struct OutDir {
    root: PathBuf,
    /// Test hook: every file write fails with "no space left" after this many bytes, to prove
    /// that a full disk leaves no partial files.
    fail_after: Option<u64>,
}

impl OutDir {
    /// Creates the folder (and its parents) when missing.
    pub fn create(root: &Path) -> io::Result<OutDir> {
        std::fs::create_dir_all(root)?;
        Ok(OutDir {
            root: root.to_path_buf(),
            fail_after: None,
        })
    }

    /// Makes every write fail as on a full disk once a file reaches `bytes` bytes.
    pub fn simulate_full_disk_after(mut self, bytes: Option<u64>) -> OutDir {
        self.fail_after = bytes;
        self
    }

    /// Where the output of an input at `relative` (below its folder argument) goes: the same
    /// path below the output folder, with the extension replaced by `extension`.
    pub fn target(&self, relative: &Path, extension: &str) -> PathBuf {
        self.root.join(relative).with_extension(extension)
    }

    /// Starts writing `target`: the data goes to a hidden temporary file beside it, which
    /// [`AtomicFile::commit`] renames into place and dropping removes.
    pub fn open(&self, target: &Path) -> io::Result<AtomicFile> {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = target.with_file_name(format!(
            ".{name}.{}-{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let file = File::create(&temp)?;
        Ok(AtomicFile {
            file: Some(file),
            temp,
            target: target.to_path_buf(),
            written: 0,
            fail_after: self.fail_after,
        })
    }

    /// Writes `bytes` to `target` atomically: either the whole new file is there, or the old
    /// state is left untouched.
    pub fn write(&self, target: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = self.open(target)?;
        file.write_all(bytes)?;
        file.commit()
    }
}

/// A file being written under a temporary name; see [`OutDir::open`].
pub struct AtomicFile {
    file: Option<File>,
    temp: PathBuf,
    target: PathBuf,
    written: u64,
    fail_after: Option<u64>,
}

impl AtomicFile {
    /// Flushes the data to disk and renames the file into place.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file.take().expect("committed once");
        file.sync_all()?;
        drop(file);
        std::fs::rename(&self.temp, &self.target)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let file = self.file.as_mut().expect("not yet committed");
        let buf = match self.fail_after {
            Some(limit) if self.written + buf.len() as u64 > limit => {
                let room = (limit - self.written.min(limit)) as usize;
                if room == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::StorageFull,
                        "No space left on device (simulated)",
                    ));
                }
                &buf[..room]
            }
            _ => buf,
        };
        let n = file.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() || self.temp.exists() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("claimex-writer-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn files_below(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = scratch("ok");
        let out = OutDir::create(&dir).unwrap();
        let target = out.target(Path::new("sub/a.txt"), "json");
        assert_eq!(target, dir.join("sub/a.json"));
        out.write(&target, b"first").unwrap();
        out.write(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        assert_eq!(files_below(&dir.join("sub")), ["a.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn full_disk_leaves_no_file_and_keeps_the_old_one() {
        let dir = scratch("full");
        let out = OutDir::create(&dir).unwrap();
        let target = dir.join("a.json");
        out.write(&target, b"old").unwrap();
        let full = out.clone().simulate_full_disk_after(Some(4));
        let err = full.write(&target, b"much longer").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        assert_eq!(files_below(&dir), ["a.json"]);
        let err = full.write(&dir.join("b.json"), b"12345").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(files_below(&dir), ["a.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

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
