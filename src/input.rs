//! Input: stdin, files, folders and JSON Lines records, each turned into `(id, text)`.
//!
//! Folders are walked recursively in sorted path order, following symlinks but never around a
//! loop; entries that cannot be read are returned as errors next to the files found, so one bad
//! entry never stops a batch.

use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::patterns::times::Ymd;

/// Default largest input accepted, in bytes (news articles are rarely over 1 MB; a larger file
/// is more likely a dump or a mistake, and is reported instead of filling memory).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The UTF-8 byte-order mark some editors write at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The path that names standard input.
pub const STDIN: &str = "-";

/// One document to read: where it is, and where it sits below the folder argument it was found
/// in (its file name for a file argument), which `--out` mirrors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    pub relative: PathBuf,
    /// Found by listing a folder (not named on the command line): only a regular file is read,
    /// so that a FIFO swapped in after the listing is reported instead of blocking the batch.
    pub in_folder: bool,
}

impl Source {
    pub fn stdin() -> Source {
        Source {
            path: PathBuf::from(STDIN),
            relative: PathBuf::from("stdin"),
            in_folder: false,
        }
    }

    pub fn is_stdin(&self) -> bool {
        self.path == Path::new(STDIN)
    }

    /// The document id of the output, as `ids` asks (see [`Ids`]); `-` for stdin.
    pub fn id(&self, ids: &Ids) -> String {
        if self.is_stdin() {
            return STDIN.to_string();
        }
        let slashed = |p: &Path| p.to_string_lossy().replace('\\', "/");
        match ids {
            // A file named on the command line keeps its path as typed: two such files may
            // share a name.
            Ids::Relative if self.in_folder => slashed(&self.relative),
            Ids::Relative | Ids::AsGiven => slashed(&self.path),
            Ids::Prefix(prefix) => format!("{prefix}{}", slashed(&self.relative)),
        }
    }
}

/// How documents found in folders are named in the output (`id`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Ids {
    /// Relative to the folder argument (`business/001.txt` for `corpus` and `./corpus`), so
    /// that two runs over the same folder compare whatever path was typed (issue 14).
    #[default]
    Relative,
    /// The path as found (`./corpus/business/001.txt`): `--path-ids`.
    AsGiven,
    /// This text, then the path relative to the folder argument (or a file's name):
    /// `--id-prefix`.
    Prefix(String),
}

/// Decodes raw bytes as UTF-8 text, rejecting binary data with a clear error naming `path`.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if let Some(byte) = memchr::memchr(0, &bytes) {
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

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// An error for a condition that is not an OS error but reads like one: `PATH: message`.
fn plain_error(path: &Path, message: String) -> Error {
    io_error(path, io::Error::other(message))
}

/// Opens an input file for reading. A file found in a folder is opened without blocking
/// (`O_NONBLOCK`: opening a FIFO for reading otherwise waits for a writer) and must be a regular
/// file, checked on the opened handle so that nothing can be swapped in between; a file named
/// on the command line may be anything readable (`claimex <(cmd)`).
pub fn open(source: &Source) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if source.in_folder {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(&source.path)
        .map_err(|e| io_error(&source.path, e))?;
    if source.in_folder {
        let meta = file.metadata().map_err(|e| io_error(&source.path, e))?;
        if !meta.is_file() {
            return Err(not_regular(&source.path));
        }
    }
    Ok(file)
}

fn not_regular(path: &Path) -> Error {
    plain_error(
        path,
        "not a regular file (a pipe, socket or device), skipped".into(),
    )
}

/// Reads a whole input (a file, or stdin for `-`) as text, up to `max_bytes`. An empty input
/// is an error: in a batch it is almost always a failed download or export.
///
/// On failure stdin is still read to its end, so that the program writing to it (a shell
/// pipeline, Spark, Hadoop Streaming) never sees a broken pipe.
pub fn read_text(source: &Source, max_bytes: u64) -> Result<String> {
    let path = source.path.as_path();
    let mut bytes = Vec::new();
    if source.is_stdin() {
        let mut stdin = io::stdin().lock();
        let read = (&mut stdin)
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes);
        if read.is_err() || bytes.len() as u64 > max_bytes {
            drain(&mut stdin);
        }
        read.map_err(|e| io_error(path, e))?;
    } else {
        let file = open(source)?;
        // A regular file's size is known up front: refuse a huge one without reading it, and
        // read the rest into one allocation of the right size (`take` hides the size hint).
        if let Ok(meta) = file.metadata() {
            if meta.is_file() && meta.len() > max_bytes {
                return Err(Error::TooLarge {
                    path: path.to_path_buf(),
                    size: meta.len(),
                    limit: max_bytes,
                });
            }
            if meta.is_file() {
                // One spare byte lets read_to_end see the end without growing the buffer.
                bytes.reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
            }
        }
        file.take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(path, e))?;
    }
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    // A byte-order mark is not text (JSON Lines input skips it too): offsets count from the
    // first byte after it.
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    if bytes.is_empty() {
        return Err(plain_error(path, "empty input, nothing to extract".into()));
    }
    decode(path, bytes)
}

/// Reads and discards the rest of a stream, ignoring errors.
pub fn drain(reader: &mut impl Read) {
    let _ = io::copy(reader, &mut io::sink());
}

/// A file name pattern for `--glob`/`--exclude`, in gitignore syntax as ripgrep's `--glob`
/// (matched by the `ignore` crate's globset): `*` any run of characters except `/`, `**/`
/// and `/**` any folders, `?` one character, `[abc]`/`[a-z]`/`[!a]` a class. A pattern
/// without `/` matches a file or folder name at any depth, one with `/` the path below the
/// folder argument.
#[derive(Clone, Debug)]
pub struct Glob(String);

impl Glob {
    pub fn new(pattern: &str) -> Glob {
        Glob(pattern.to_string())
    }
}

/// Which files a folder walk keeps.
#[derive(Clone, Debug)]
pub struct Filter {
    /// A file is read when it matches any of these.
    pub globs: Vec<Glob>,
    /// Files and folders matching any of these are skipped.
    pub excludes: Vec<Glob>,
    /// Walk hidden files and folders (names starting with `.`) too.
    pub hidden: bool,
    /// Honour `.gitignore`, `.ignore` and `.git/info/exclude` files, as ripgrep and fd do.
    pub ignore_files: bool,
}

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            globs: vec![Glob::new("*.txt")],
            excludes: Vec::new(),
            hidden: false,
            ignore_files: true,
        }
    }
}

/// Expands command-line paths into the documents to read: `-` is stdin, files are read as
/// given (whatever their name), folders are walked for files that pass `filter`, in sorted
/// path order. Entries that cannot be listed are returned as errors, not fatal.
pub fn expand_paths(paths: &[PathBuf], filter: &Filter) -> (Vec<Source>, Vec<Error>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path == Path::new(STDIN) {
            sources.push(Source::stdin());
        } else if path.is_dir() {
            walk(path, filter, &mut sources, &mut errors);
        } else {
            let relative = path
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| path.clone());
            sources.push(Source {
                path: path.clone(),
                relative,
                in_folder: false,
            });
        }
    }
    (sources, errors)
}

/// Walks one folder with the `ignore` crate (ripgrep's walker): sorted by name at each level,
/// symlinks followed (a loop is reported), hidden and ignored files skipped as `filter` says.
fn walk(root: &Path, filter: &Filter, sources: &mut Vec<Source>, errors: &mut Vec<Error>) {
    let mut patterns = ignore::overrides::OverrideBuilder::new(root);
    let globs = (filter.globs.iter()).map(|g| g.0.clone());
    let excludes = filter.excludes.iter().map(|g| format!("!{}", g.0));
    for pattern in globs.chain(excludes) {
        if let Err(e) = patterns.add(&pattern) {
            return errors.push(plain_error(root, format!("bad pattern: {e}")));
        }
    }
    let patterns = match patterns.build() {
        Ok(p) => p,
        Err(e) => return errors.push(plain_error(root, format!("bad pattern: {e}"))),
    };
    let hidden = filter.hidden;
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        // A --glob that matches a hidden file would let it through the walker's own hidden
        // rule (overrides come first there), so hidden names are dropped here.
        .filter_entry(move |e| {
            hidden || e.depth() == 0 || e.file_name().as_encoded_bytes().first() != Some(&b'.')
        })
        .ignore(filter.ignore_files)
        .git_ignore(filter.ignore_files)
        .git_exclude(filter.ignore_files)
        .require_git(false)
        .follow_links(true)
        .overrides(patterns.clone())
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // A dangling symlink the globs want is kept as a file, so that reading it
                // reports it, in its place, as before the walker was the `ignore` crate's.
                if let Some(path) = dangling(&e) {
                    if patterns.matched(&path, false).is_whitelist() {
                        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                        sources.push(Source {
                            path,
                            relative,
                            in_folder: true,
                        });
                        continue;
                    }
                }
                errors.push(walk_error(root, e));
                continue;
            }
        };
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            continue;
        }
        let path = entry.into_path();
        if !kind.is_file() {
            // A pipe, socket or device matching the globs: reported, never opened.
            errors.push(not_regular(&path));
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        sources.push(Source {
            path,
            relative,
            in_folder: true,
        });
    }
}

/// The path of a walk error that is a symlink to nothing.
fn dangling(error: &ignore::Error) -> Option<PathBuf> {
    let path = match error {
        ignore::Error::WithDepth { err, .. } => return dangling(err),
        ignore::Error::WithPath { path, .. } => path,
        _ => return None,
    };
    let is_link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
    (is_link && path.metadata().is_err()).then(|| path.clone())
}

/// An error of the walk as this crate's `PATH: message`: a symlink loop says where it leads,
/// a dangling symlink and an unreadable folder are named by their path.
fn walk_error(root: &Path, error: ignore::Error) -> Error {
    match error {
        ignore::Error::WithDepth { err, .. } => walk_error(root, *err),
        ignore::Error::Loop { ancestor, child } => plain_error(
            &child,
            format!(
                "symlink loop (leads back to {}), skipped",
                ancestor.display()
            ),
        ),
        ignore::Error::WithPath { path, err } => match err.io_error() {
            // Rebuilt from the OS code: the wrapped error's text repeats the path.
            Some(source) => match source.raw_os_error() {
                Some(code) => io_error(&path, io::Error::from_raw_os_error(code)),
                None => plain_error(&path, source.to_string()),
            },
            None => plain_error(&path, err.to_string()),
        },
        ignore::Error::Io(source) => io_error(root, source),
        other => plain_error(root, other.to_string()),
    }
}

/// One JSON Lines input record; fields other than `id` and `text` are ignored.
#[derive(Deserialize, Debug)]
pub struct Record<'a> {
    /// The id's JSON text as written: a number such as `1e2` or a 23-digit one would lose its
    /// spelling, or collide with another, if it went through `f64`.
    #[serde(default, borrow)]
    pub id: Option<&'a RawValue>,
    pub text: String,
    /// The reference date for relative time expressions (`YYYY-MM-DD`), when given.
    #[serde(default)]
    pub date: Option<String>,
}

impl Record<'_> {
    /// The record's id as a string: a string's value, any other JSON value's text exactly as
    /// written (`1e2` stays `1e2`); `None` for a missing or null id.
    pub fn id_string(&self) -> Option<String> {
        id_string(self.id)
    }
}

fn id_string(id: Option<&RawValue>) -> Option<String> {
    let raw = id?.get();
    match raw.as_bytes().first() {
        Some(b'"') => serde_json::from_str(raw).ok(),
        _ if raw == "null" => None,
        _ => Some(raw.to_string()),
    }
}

/// Only an object is a record: serde would also take an array (`[7, "text"]`) as one, by
/// field order.
fn starts_an_object(json: &[u8]) -> bool {
    json.iter().find(|b| !b" \t\r\n".contains(b)) == Some(&b'{')
}

/// Parses one JSON Lines record; `line` (1-based) is for the error message.
pub fn parse_record<'a>(source: &Path, line: usize, json: &'a str) -> Result<Record<'a>> {
    let error = |message: String| Error::Parse {
        path: source.to_path_buf(),
        line,
        message,
    };
    if !starts_an_object(json.as_bytes()) {
        return Err(error(
            "not a {\"id\", \"text\"} record: a record must be a JSON object".into(),
        ));
    }
    serde_json::from_str(json).map_err(|e| error(format!("not a {{\"id\", \"text\"}} record: {e}")))
}

/// The `id` of a line that is not a valid record, when one can still be read from it (the
/// line is a JSON object with an `id` but no string `text`, for example).
pub fn salvage_id(line: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly<'a> {
        #[serde(default, borrow)]
        id: Option<&'a RawValue>,
    }
    if !starts_an_object(line) {
        return None;
    }
    let record: IdOnly = serde_json::from_slice(line).ok()?;
    id_string(record.id)
}

/// One line of a JSON Lines input: its 1-based number and its bytes, or why it was refused.
pub struct Line {
    pub number: usize,
    pub bytes: std::result::Result<Vec<u8>, Error>,
}

impl Line {
    /// Bytes held (none for a refused line).
    pub fn held(&self) -> usize {
        self.bytes.as_ref().map_or(0, Vec::len)
    }
}

/// Reads lines of at most `max_bytes` each; a longer line is skipped (not held in memory) and
/// reported, and reading goes on with the next line. Blank lines are skipped silently.
pub struct LineReader<R> {
    reader: R,
    path: PathBuf,
    max_bytes: u64,
    number: usize,
    done: bool,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(reader: R, path: &Path, max_bytes: u64) -> LineReader<R> {
        LineReader {
            reader,
            path: path.to_path_buf(),
            max_bytes,
            number: 0,
            done: false,
        }
    }

    /// Reads the rest of the input without keeping it (see [`read_text`] for why).
    pub fn drain(&mut self) {
        loop {
            match self.reader.fill_buf() {
                Ok([]) | Err(_) => return,
                Ok(buf) => {
                    let n = buf.len();
                    self.reader.consume(n);
                }
            }
        }
    }

    /// Reads one line into `line` (without its `\n`); returns whether anything was read and
    /// the full length of the line, which is more than `line.len()` when it was cut.
    fn read_line(&mut self, line: &mut Vec<u8>) -> io::Result<Option<u64>> {
        let mut total: u64 = 0;
        let mut any = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(any.then_some(total));
            }
            any = true;
            let (chunk, used, end) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (&buf[..i], i + 1, true),
                None => (buf, buf.len(), false),
            };
            total += chunk.len() as u64;
            if total <= self.max_bytes {
                line.extend_from_slice(chunk);
            } else {
                // Too long: keep counting, but hold none of it.
                line.clear();
            }
            self.reader.consume(used);
            if end {
                return Ok(Some(total));
            }
        }
    }
}

impl<R: BufRead> LineReader<R> {
    /// The next line; before reading each line, `ready` is asked whether to go on (a `false`
    /// returns `None` and leaves the stream where it is).
    fn next_if(&mut self, ready: impl Fn(&R) -> bool) -> Option<Line> {
        while !self.done {
            if !ready(&self.reader) {
                return None;
            }
            let mut bytes = Vec::new();
            let read = self.read_line(&mut bytes);
            self.number += 1;
            let number = self.number;
            let length = match read {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(length)) => length,
                Err(e) => {
                    self.done = true;
                    let error = io_error(&self.path, e);
                    return Some(Line {
                        number,
                        bytes: Err(error),
                    });
                }
            };
            if length > self.max_bytes {
                let error = Error::Parse {
                    path: self.path.clone(),
                    line: number,
                    message: format!(
                        "line of {length} bytes is more than the limit of {} bytes; raise it with --max-bytes",
                        self.max_bytes
                    ),
                };
                return Some(Line {
                    number,
                    bytes: Err(error),
                });
            }
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            // A byte-order mark, as some Windows tools write, is not part of the first record.
            if number == 1 && bytes.starts_with(b"\xef\xbb\xbf") {
                bytes.drain(..3);
            }
            if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(Line {
                number,
                bytes: Ok(bytes),
            });
        }
        None
    }
}

impl<R: LineBuffered> LineReader<R> {
    /// The next line if it is already whole in the buffer; never waits on the stream (a
    /// co-process may be waiting for the answer to the line before).
    pub fn next_buffered(&mut self) -> Option<Line> {
        self.next_if(LineBuffered::has_line)
    }
}

impl<R: BufRead> Iterator for LineReader<R> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        self.next_if(|_| true)
    }
}

/// A buffered reader that can tell whether a whole line is already in its buffer.
pub trait LineBuffered: BufRead {
    fn has_line(&self) -> bool;
}

impl<R: Read> LineBuffered for io::BufReader<R> {
    fn has_line(&self) -> bool {
        memchr::memchr(b'\n', self.buffer()).is_some()
    }
}

impl LineBuffered for &[u8] {
    fn has_line(&self) -> bool {
        memchr::memchr(b'\n', self).is_some()
    }
}

/// Turns one line of a JSON Lines input into `(id, text)`; `path:line` names the record when
/// it has no `id`.
pub fn read_record(path: &Path, number: usize, bytes: &[u8]) -> Result<RecordText> {
    let line = std::str::from_utf8(bytes).map_err(|e| Error::Parse {
        path: path.to_path_buf(),
        line: number,
        message: format!(
            "not valid UTF-8 (first invalid byte at column {})",
            e.valid_up_to() + 1
        ),
    })?;
    let record = parse_record(path, number, line)?;
    let id = record
        .id_string()
        .unwrap_or_else(|| format!("{}:{number}", path.display()));
    let date = match record.date.as_deref() {
        None => None,
        Some(d) => Some(Ymd::parse(d).ok_or_else(|| Error::Parse {
            path: path.to_path_buf(),
            line: number,
            message: format!("record \"date\" {d:?} is not a date YYYY-MM-DD"),
        })?),
    };
    Ok((id, record.text, date))
}

/// A record's id, text and reference date.
pub type RecordText = (String, String, Option<Ymd>);

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: u64) -> Vec<(usize, std::result::Result<Vec<u8>, String>)> {
        LineReader::new(input, Path::new("-"), max)
            .map(|l| (l.number, l.bytes.map_err(|e| e.to_string())))
            .collect()
    }

    #[test]
    fn line_reader_numbers_lines_and_skips_blank_ones() {
        let got = lines(b"a\n\n  \r\nb\r\nc", 10);
        assert_eq!(
            got,
            vec![
                (1, Ok(b"a".to_vec())),
                (4, Ok(b"b".to_vec())),
                (5, Ok(b"c".to_vec()))
            ]
        );
        assert!(lines(b"", 10).is_empty());
        assert_eq!(
            lines(b"\xef\xbb\xbf{}\n\xef\xbb\xbf{}", 10),
            vec![(1, Ok(b"{}".to_vec())), (2, Ok(b"\xef\xbb\xbf{}".to_vec()))]
        );
    }

    #[test]
    fn buffered_lines_are_the_lines_a_plain_read_gives() {
        let inputs: [&[u8]; 4] = [
            b"a\n\n  \r\nb\r\nc",
            b"0123456789abc\nok\n\n",
            b"\xef\xbb\xbf{}\nx",
            b"no newline at all",
        ];
        for input in inputs {
            let plain = lines(input, 5);
            let mut reader = LineReader::new(input, Path::new("-"), 5);
            let mut mixed = Vec::new();
            while let Some(first) = reader.next() {
                mixed.push(first);
                while let Some(line) = reader.next_buffered() {
                    mixed.push(line);
                }
            }
            let mixed: Vec<_> = mixed
                .into_iter()
                .map(|l| (l.number, l.bytes.map_err(|e| e.to_string())))
                .collect();
            assert_eq!(mixed, plain, "{input:?}");
        }
    }

    #[test]
    fn line_reader_refuses_long_lines_and_goes_on() {
        let got = lines(b"0123456789abc\nok\n", 5);
        assert_eq!(got.len(), 2);
        assert!(got[0].1.as_ref().unwrap_err().contains("13 bytes"));
        assert_eq!(got[1], (2, Ok(b"ok".to_vec())));
    }

    #[test]
    fn records_give_id_and_text() {
        let p = Path::new("in.jsonl");
        let ok = |l: &str| read_record(p, 3, l.as_bytes());
        assert_eq!(
            ok(r#"{"id":"a","text":"T","x":1}"#).unwrap(),
            ("a".into(), "T".into(), None)
        );
        let dated = ok(r#"{"id":"a","text":"T","date":"2021-08-27"}"#).unwrap();
        assert_eq!(dated.2, Ymd::parse("2021-08-27"));
        assert!(ok(r#"{"text":"T","date":"27 August"}"#).is_err());
        assert_eq!(ok(r#"{"id":7,"text":"T"}"#).unwrap().0, "7");
        assert_eq!(ok(r#"{"text":"T"}"#).unwrap().0, "in.jsonl:3");
        for bad in [r#"{"id":"a"}"#, "not json", r#"["text"]"#, r#"{"text":5}"#] {
            assert!(ok(bad).is_err(), "{bad}");
        }
        assert!(read_record(p, 1, b"{\"text\":\"\xff\"}").is_err());
        assert_eq!(salvage_id(br#"{"id":"a"}"#), Some("a".into()));
        assert_eq!(salvage_id(b"garbage"), None);
    }

    #[cfg(unix)]
    #[test]
    fn files_found_in_folders_must_be_regular() {
        let dir = std::env::temp_dir().join(format!("claimex-input-fifo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("a.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let source = Source {
            path: fifo,
            relative: "a.txt".into(),
            in_folder: true,
        };
        // Returns at once (no writer would ever come), with a clear error.
        let err = read_text(&source, 100).unwrap_err().to_string();
        assert!(err.ends_with("not a regular file (a pipe, socket or device), skipped"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn record_ids_keep_their_json_text() {
        let p = Path::new("in.jsonl");
        let id = |raw: &str| {
            let line = format!(r#"{{"id":{raw},"text":"T"}}"#);
            read_record(p, 1, line.as_bytes()).unwrap().0
        };
        // Through f64 these were "100.0", "-0.0" and twice "1.2345678901234568e+22".
        for raw in [
            "1e2",
            "-0",
            "12345678901234567890123",
            "12345678901234567890124",
            "7",
        ] {
            assert_eq!(id(raw), raw);
        }
        assert_eq!(id(r#""a\u0041""#), "aA");
        assert_eq!(id("null"), "in.jsonl:1");
        assert_eq!(salvage_id(br#"{"id":1e2}"#), Some("1e2".into()));
    }

    #[test]
    fn only_objects_are_records() {
        let p = Path::new("in.jsonl");
        for bad in [r#"[7,"text"]"#, r#"  ["text"]"#, r#""text""#, "7"] {
            let e = read_record(p, 4, bad.as_bytes()).unwrap_err().to_string();
            assert!(
                e.contains("in.jsonl:4: ") && e.contains("JSON object"),
                "{bad}: {e}"
            );
            assert_eq!(salvage_id(bad.as_bytes()), None, "{bad}");
        }
        assert!(read_record(p, 1, b" \t{\"text\":\"T\"}").is_ok());
    }

    #[test]
    fn decode_rejects_binary_and_latin1() {
        let p = Path::new("x");
        assert!(decode(p, b"caf\xe9".to_vec()).is_err());
        assert!(decode(p, b"a\0b".to_vec()).is_err());
        assert_eq!(decode(p, "café".into()).unwrap(), "café");
    }
}
