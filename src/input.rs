//! Input: stdin, files, folders and JSON Lines records, each turned into `(id, text)`.
//!
//! Folders are walked recursively in sorted path order, following symlinks but never around a
//! loop; entries that cannot be read are returned as errors next to the files found, so one bad
//! entry never stops a batch.

use std::collections::HashSet;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::patterns::times::Ymd;

/// Default largest input accepted, in bytes (news articles are rarely over 1 MB; a larger file
/// is more likely a dump or a mistake, and is reported instead of filling memory).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

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

    /// The document id of the output: the path as given on the command line, `-` for stdin.
    pub fn id(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }
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
    if bytes.is_empty() {
        return Err(plain_error(path, "empty input, nothing to extract".into()));
    }
    decode(path, bytes)
}

/// Reads and discards the rest of a stream, ignoring errors.
pub fn drain(reader: &mut impl Read) {
    let _ = io::copy(reader, &mut io::sink());
}

/// A shell-style file name pattern: `*` any run of characters except `/`, `**` any run
/// including `/`, `?` one character, `[abc]`/`[a-z]`/`[!a]` a class. A pattern without `/` is
/// matched against the file name, one with `/` against the path below the folder argument.
#[derive(Clone, Debug)]
pub struct Glob {
    pattern: Vec<char>,
    on_path: bool,
}

impl Glob {
    pub fn new(pattern: &str) -> Glob {
        Glob {
            pattern: pattern.chars().collect(),
            on_path: pattern.contains('/'),
        }
    }

    /// Whether the pattern matches `relative` (a path below a folder argument).
    pub fn matches(&self, relative: &Path) -> bool {
        let subject = if self.on_path {
            relative.to_string_lossy().replace('\\', "/")
        } else {
            match relative.file_name() {
                Some(name) => name.to_string_lossy().into_owned(),
                None => return false,
            }
        };
        let subject: Vec<char> = subject.chars().collect();
        glob_match(&self.pattern, &subject)
    }
}

/// Iterative wildcard matching with one backtrack point per star: linear in practice and never
/// exponential, whatever the pattern.
fn glob_match(pattern: &[char], subject: &[char]) -> bool {
    let (mut p, mut s) = (0, 0);
    // Where to resume after the last star: (pattern index after it, subject index, crosses `/`).
    let mut star: Option<(usize, usize, bool)> = None;
    while s < subject.len() {
        if p < pattern.len() {
            match pattern[p] {
                '*' => {
                    let double = pattern.get(p + 1) == Some(&'*');
                    let next = if double { p + 2 } else { p + 1 };
                    star = Some((next, s, double));
                    p = next;
                    continue;
                }
                '?' if subject[s] != '/' => {
                    p += 1;
                    s += 1;
                    continue;
                }
                '[' => {
                    if let Some((matched, len)) = class_match(&pattern[p..], subject[s]) {
                        if matched {
                            p += len;
                            s += 1;
                            continue;
                        }
                    } else if subject[s] == '[' {
                        p += 1;
                        s += 1;
                        continue;
                    }
                }
                c if c == subject[s] && c != '?' => {
                    p += 1;
                    s += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((next, start, double)) if double || subject[start] != '/' => {
                star = Some((next, start + 1, double));
                p = next;
                s = start + 1;
            }
            _ => return false,
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// Matches one character against a `[...]` class at the start of `pattern`; returns whether it
/// matched and the class's length, or `None` when the bracket is not closed.
fn class_match(pattern: &[char], c: char) -> Option<(bool, usize)> {
    let mut i = 1;
    let negated = matches!(pattern.get(i), Some('!') | Some('^'));
    if negated {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while i < pattern.len() {
        let lo = pattern[i];
        if lo == ']' && !first {
            return Some((matched != negated, i + 1));
        }
        first = false;
        if pattern.get(i + 1) == Some(&'-') && pattern.get(i + 2).is_some_and(|&h| h != ']') {
            let hi = pattern[i + 2];
            matched |= lo <= c && c <= hi;
            i += 3;
        } else {
            matched |= lo == c;
            i += 1;
        }
    }
    None
}

/// Which files a folder walk keeps.
#[derive(Clone, Debug)]
pub struct Filter {
    /// A file is read when it matches any of these.
    pub globs: Vec<Glob>,
    /// Files and folders matching any of these are skipped.
    pub excludes: Vec<Glob>,
}

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            globs: vec![Glob::new("*.txt")],
            excludes: Vec::new(),
        }
    }
}

impl Filter {
    fn excluded(&self, relative: &Path) -> bool {
        self.excludes.iter().any(|g| g.matches(relative))
    }

    fn wanted(&self, relative: &Path) -> bool {
        self.globs.iter().any(|g| g.matches(relative)) && !self.excluded(relative)
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
            let mut walker = Walker {
                filter,
                ancestors: HashSet::new(),
                sources: &mut sources,
                errors: &mut errors,
            };
            walker.walk(path, Path::new(""));
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

struct Walker<'a> {
    filter: &'a Filter,
    /// Canonical paths of the folders being walked, to notice a symlink that loops back.
    ancestors: HashSet<PathBuf>,
    sources: &'a mut Vec<Source>,
    errors: &'a mut Vec<Error>,
}

impl Walker<'_> {
    fn walk(&mut self, dir: &Path, relative: &Path) {
        let canonical = match dir.canonicalize() {
            Ok(c) => c,
            Err(e) => return self.errors.push(io_error(dir, e)),
        };
        if self.ancestors.contains(&canonical) {
            return self.errors.push(plain_error(
                dir,
                format!(
                    "symlink loop (leads back to {}), skipped",
                    canonical.display()
                ),
            ));
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.errors.push(io_error(dir, e)),
        };
        let mut names = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => names.push(entry.file_name()),
                Err(e) => self.errors.push(io_error(dir, e)),
            }
        }
        names.sort();
        self.ancestors.insert(canonical.clone());
        for name in names {
            let path = dir.join(&name);
            let rel = relative.join(&name);
            if self.filter.excluded(&rel) {
                continue;
            }
            // `metadata` follows symlinks: a link to a folder is walked (loops are caught
            // above), a dangling link is kept as a file so reading it reports the problem.
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.walk(&path, &rel),
                Ok(meta) if !meta.is_file() => {
                    if self.filter.wanted(&rel) {
                        self.errors.push(not_regular(&path));
                    }
                }
                _ => {
                    if self.filter.wanted(&rel) {
                        self.sources.push(Source {
                            path,
                            relative: rel,
                            in_folder: true,
                        });
                    }
                }
            }
        }
        self.ancestors.remove(&canonical);
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

    #[test]
    fn globs_match_file_names_and_paths() {
        let cases = [
            ("*.txt", "a/b/story.txt", true),
            ("*.txt", "story.txt.bak", false),
            ("*.txt", ".txt", true),
            ("story-??.txt", "x/story-01.txt", true),
            ("story-??.txt", "story-1.txt", false),
            ("[ab]*.txt", "b1.txt", true),
            ("[!ab]*.txt", "b1.txt", false),
            ("[a-c]x", "cx", true),
            ("[a-c]x", "dx", false),
            ("2021/*.txt", "2021/a.txt", true),
            ("2021/*.txt", "2021/sub/a.txt", false),
            ("2021/**.txt", "2021/sub/a.txt", true),
            ("**/drafts/*", "x/drafts/a.txt", true),
            ("draft*", "news/drafts", true),
            ("*", "", false),
            (
                "*a*a*a*a*a*b",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                false,
            ),
            ("[unclosed", "[unclosed", true),
        ];
        for (pattern, path, expected) in cases {
            assert_eq!(
                Glob::new(pattern).matches(Path::new(path)),
                expected,
                "{pattern} vs {path}"
            );
        }
    }

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
