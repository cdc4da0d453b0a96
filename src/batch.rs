//! Batch processing: many documents or records through one [`Extractor`], in parallel, with
//! output in input order (byte for byte the same as a one-thread run), a bounded number of
//! documents in memory, atomic `--out` files, a progress line and a closing summary.
//!
//! Nothing here prints by itself: messages go to the `errors` writer the caller passes (the
//! binary passes stderr), documents to `out` or to files.

use std::collections::BTreeMap;
use std::io::{self, BufReader, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::document::Document;
use crate::extractor::Extractor;
use crate::input::{self, LineBuffered, LineReader, RecordText, Source};
use crate::output::html::{href, DocRow};
use crate::output::outdir::{output_relative, OutDir};
use crate::output::writer::{render, write_document, ErrorRecord, Format};
use crate::output::DocumentJson;
use crate::patterns::times::Ymd;

/// What to do with a JSON Lines record that cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnError {
    /// Report it on stderr and write nothing for it.
    Skip,
    /// Report it on stderr and write an error record `{"id", "line", "error"}` in its place,
    /// so that the output keeps one line per input record (the default).
    Record,
    /// Report it and stop; the rest of the input is read but not processed.
    Fail,
}

/// How to run a batch.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    pub format: Format,
    /// Worker threads; 1 runs everything on the calling thread. See [`jobs`] for a sane
    /// number; fewer run when the system cannot start that many.
    pub jobs: usize,
    /// Write one file per input here instead of to `out`.
    pub out_dir: Option<OutDir>,
    pub max_bytes: u64,
    pub on_error: OnError,
    /// Add `via` to every result.
    pub explain: bool,
    /// Draw a progress line on `errors` (for a terminal).
    pub progress: bool,
    /// How documents are named in the output.
    pub ids: input::Ids,
}

/// Totals of a run, for the closing summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Documents (or records) read.
    pub documents: usize,
    /// Inputs that failed: unreadable, not text, too large, malformed, or not written.
    pub failures: usize,
    pub entities: usize,
    pub claims: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    /// Output stopped early because its reader went away (`| head`): not an error.
    pub closed_output: bool,
    /// The pages written (HTML with an output folder), in input order, for their index.
    pub pages: Vec<DocRow>,
}

impl Summary {
    /// Counts a finished document and writes its output; its error message, if it failed
    /// (a failure counted here, for the caller to report).
    fn take(
        &mut self,
        done: Done,
        options: &BatchOptions,
        out: &mut dyn Write,
    ) -> io::Result<Option<String>> {
        self.pages.extend(done.page);
        self.documents += 1;
        self.bytes += done.bytes;
        self.entities += done.entities;
        self.claims += done.claims;
        let mut error = done.error;
        match write_output(done.output, options, out) {
            Ok(written) => written?,
            // A bug while rendering: the output may be cut short; reported like any other.
            Err(message) => error = Some(message),
        }
        if error.is_some() {
            self.failures += 1;
        }
        Ok(error)
    }

    /// One line for stderr (`noun` singular): `12 files, 1 failed, 340 entities, 95 claims, 0.41 s (2.3 MB/s)`.
    pub fn line(&self, noun: &str) -> String {
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            format!(" ({:.1} MB/s)", self.bytes as f64 / 1e6 / secs)
        } else {
            String::new()
        };
        format!(
            "{} {noun}{}, {} failed, {} entities, {} claims, {secs:.2} s{rate}",
            self.documents,
            if self.documents == 1 { "" } else { "s" },
            self.failures,
            self.entities,
            self.claims
        )
    }
}

/// How many worker threads a run may start: `requested` (all cores when `None` or 0), at most
/// [`JOBS_PER_CORE`] per core. More threads only cost memory: `-j 20000` used to abort with
/// "failed to spawn thread" (issue 11).
pub fn jobs(requested: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    requested
        .filter(|&n| n > 0)
        .unwrap_or(cores)
        .min(cores * JOBS_PER_CORE)
}

/// The cap of [`jobs`], per core: some headroom for inputs on slow disks or network mounts.
pub const JOBS_PER_CORE: usize = 4;

/// Checks that no two inputs would write the same output file below an output folder (two
/// file arguments `a/x.txt` and `b/x.txt` both map to `x.json`); names the first clash.
pub fn find_clash<'s>(sources: &'s [Source], extension: &str) -> Option<(&'s Source, &'s Source)> {
    let mut seen = std::collections::HashMap::new();
    for source in sources {
        // A name that cannot be mirrored is reported when its turn comes.
        let Ok(target) = output_relative(&source.relative, extension) else {
            continue;
        };
        if let Some(first) = seen.insert(target, source) {
            return Some((first, source));
        }
    }
    None
}

/// The result of one document, made on a worker thread.
struct Done {
    /// What to write (stdout mode).
    output: Output,
    /// What went wrong, if anything; `output` may still hold an error record.
    error: Option<String>,
    entities: usize,
    claims: usize,
    bytes: u64,
    /// The page written, for the index (HTML with an output folder).
    page: Option<DocRow>,
}

/// A document's output on its way to stdout.
enum Output {
    /// Already rendered (or nothing, or an error record).
    Bytes(Vec<u8>),
    /// Extracted but not rendered: with one thread nothing else waits to be written, so the
    /// JSON goes straight to the output instead of into a buffer of its whole size.
    Document(Box<Extracted>),
}

/// A document and what its output needs.
struct Extracted {
    id: String,
    text: String,
    doc: Document,
}

/// Extracts `text` and hands it to `deliver`, which renders or writes it; returns
/// what `deliver` returns, and the numbers of entities and claims.
fn extract_counted<T>(
    extractor: &Extractor,
    id: &str,
    text: &str,
    date: Option<Ymd>,
    explain: bool,
    deliver: impl FnOnce(&DocumentJson) -> T,
) -> Result<(T, usize, usize), String> {
    // A panic in one document must not take the batch down with it.
    catch_unwind(AssertUnwindSafe(|| {
        let doc = extractor.extract_dated(text, date);
        let json = DocumentJson::new(id, text, &doc, explain);
        (deliver(&json), doc.entities.len(), doc.claims.len())
    }))
    .map_err(|_| INTERNAL_ERROR.into())
}

const INTERNAL_ERROR: &str =
    "internal error while extracting (a bug: please report it with this input)";

/// Extracts a document whose output [`write_output`] renders when its turn comes.
fn extract_unrendered(extractor: &Extractor, (id, text, date): RecordText, mut done: Done) -> Done {
    match catch_unwind(AssertUnwindSafe(|| extractor.extract_dated(&text, date))) {
        Ok(doc) => {
            done.entities = doc.entities.len();
            done.claims = doc.claims.len();
            done.output = Output::Document(Box::new(Extracted { id, text, doc }));
        }
        Err(_) => done.error = Some(format!("{id}: {INTERNAL_ERROR}")),
    }
    done
}

/// Writes a document's output to `out`; a document not yet rendered is rendered now, and a
/// panic while doing so (a bug) is reported as the document's error, as in [`extract_counted`].
fn write_output(
    output: Output,
    options: &BatchOptions,
    out: &mut dyn Write,
) -> Result<io::Result<()>, String> {
    match output {
        Output::Bytes(bytes) => Ok(out.write_all(&bytes)),
        Output::Document(extracted) => catch_unwind(AssertUnwindSafe(|| {
            let Extracted { id, text, doc } = &*extracted;
            let json = DocumentJson::new(id, text, doc, options.explain);
            write_document(&json, options.format, out)
        }))
        .map_err(|_| format!("{}: {INTERNAL_ERROR}", extracted.id)),
    }
}

/// Processes text documents (one per source) and writes them in order to `out`, or to one file
/// each below the options' output folder.
pub fn run_documents(
    extractor: &Extractor,
    sources: &[Source],
    options: &BatchOptions,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut progress = Progress::new(options.progress, sources.len());
    // No threads to start for a single document.
    let jobs = options.jobs.min(sources.len());
    let work = |source: &Source| -> Done {
        let mut done = Done {
            output: Output::Bytes(Vec::new()),
            error: None,
            entities: 0,
            claims: 0,
            bytes: 0,
            page: None,
        };
        let text = match input::read_text(source, options.max_bytes) {
            Ok(text) => text,
            Err(e) => {
                done.error = Some(e.to_string());
                return done;
            }
        };
        done.bytes = text.len() as u64;
        let id = source.id(&options.ids);
        if jobs <= 1 && options.out_dir.is_none() {
            return extract_unrendered(extractor, (id, text, None), done);
        }
        // `deliver` leaves the rendered output (stdout) or the file's error (`--out`) in `done`.
        let extracted = match &options.out_dir {
            None => extract_counted(extractor, &id, &text, None, options.explain, |json| {
                done.output = Output::Bytes(render(json, options.format));
            }),
            Some(dir) => {
                let target = match dir.target(&source.relative, options.format.file_extension()) {
                    Ok(target) => target,
                    Err(e) => {
                        done.error = Some(format!("{}: {e}", source.path.display()));
                        return done;
                    }
                };
                extract_counted(extractor, &id, &text, None, options.explain, |json| {
                    let written = dir.open(&target).and_then(|mut file| {
                        write_document(json, options.format, &mut file)?;
                        file.commit()
                    });
                    match written {
                        Err(e) => done.error = Some(format!("{}: {e}", target.display())),
                        Ok(()) if options.format == Format::Html => {
                            let (id, text, doc) = json.parts();
                            let mut row = DocRow::of(id, text, doc);
                            row.href = output_relative(&source.relative, "html")
                                .ok()
                                .map(|p| href(&p));
                            done.page = Some(row);
                        }
                        Ok(()) => {}
                    }
                })
            }
        };
        match extracted {
            Ok(((), entities, claims)) => {
                done.entities = entities;
                done.claims = claims;
            }
            Err(message) => done.error = Some(format!("{}: {message}", source.path.display())),
        }
        done
    };
    let mut items = sources.iter();
    let result = ordered_map(jobs, &mut items, work, |done: Done| {
        if let Some(message) = summary.take(done, options, out)? {
            progress.clear(errors);
            let _ = writeln!(errors, "claimex: {message}");
        }
        progress.update(errors, summary.documents, summary.bytes);
        Ok(Flow::Continue)
    });
    progress.clear(errors);
    finish(result, &mut summary, started, out)?;
    Ok(summary)
}

/// Records with more text than this are rendered as they are written rather than by their
/// worker, so that their JSON is never held whole.
const STREAM_RECORD_BYTES: usize = 1024 * 1024;

/// Processes JSON Lines inputs: each line a record `{"id", "text"}`, one output line per record
/// in the same order, flushed as soon as it is ready so that a stream consumer sees each one.
/// With an output folder, each input file gives one `.jsonl` file there.
pub fn run_records(
    extractor: &Extractor,
    sources: &[Source],
    options: &BatchOptions,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> io::Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary::default();
    for source in sources {
        let reader: Box<dyn Read + Send> = if source.is_stdin() {
            Box::new(io::stdin())
        } else {
            match input::open(source) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    summary.failures += 1;
                    let _ = writeln!(errors, "claimex: {e}");
                    continue;
                }
            }
        };
        let mut lines = LineReader::new(
            BufReader::with_capacity(64 * 1024, reader),
            &source.path,
            options.max_bytes,
        );
        let flow = match &options.out_dir {
            // Pages are written one per record by `run_lines`, not into one file per input.
            Some(_) if options.format == Format::Html => run_lines(
                extractor,
                source,
                &mut lines,
                options,
                &mut io::sink(),
                errors,
                &mut summary,
            ),
            None => run_lines(
                extractor,
                source,
                &mut lines,
                options,
                out,
                errors,
                &mut summary,
            ),
            Some(dir) => {
                let target = dir.target(&source.relative, "jsonl");
                let name = target.as_ref().unwrap_or(&source.path).clone();
                let written = target
                    .and_then(|target| dir.open(&target))
                    .and_then(|mut file| {
                        let flow = run_lines(
                            extractor,
                            source,
                            &mut lines,
                            options,
                            &mut file,
                            errors,
                            &mut summary,
                        )?;
                        // Stopped at a bad record (--on-error fail): no partial file.
                        if flow == Flow::Continue {
                            file.commit()?;
                        }
                        Ok(flow)
                    });
                written.or_else(|e| {
                    if e.kind() == io::ErrorKind::BrokenPipe {
                        return Err(e);
                    }
                    summary.failures += 1;
                    let _ = writeln!(errors, "claimex: {}: {e}", name.display());
                    Ok(Flow::Continue)
                })
            }
        };
        // Whatever happened to the output (a full disk, a file that could not be opened), the
        // writer of stdin must not die of a broken pipe: read it to its end.
        let closed = matches!(&flow, Err(e) if e.kind() == io::ErrorKind::BrokenPipe);
        if !closed && (source.is_stdin() || !matches!(flow, Ok(Flow::Continue))) {
            lines.drain();
        }
        match flow {
            Ok(Flow::Continue) => {}
            Ok(Flow::Stop) => break,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                summary.closed_output = true;
                break;
            }
            Err(e) => return Err(e),
        }
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

fn run_lines<R: LineBuffered + Send>(
    extractor: &Extractor,
    source: &Source,
    lines: &mut LineReader<R>,
    options: &BatchOptions,
    out: &mut dyn Write,
    errors: &mut dyn Write,
    summary: &mut Summary,
) -> io::Result<Flow> {
    let work_one = |line: input::Line| -> Done {
        let mut done = Done {
            output: Output::Bytes(Vec::new()),
            error: None,
            entities: 0,
            claims: 0,
            bytes: 0,
            page: None,
        };
        let (salvaged, error) = match line.bytes {
            Err(e) => (None, e.to_string()),
            Ok(bytes) => {
                done.bytes = bytes.len() as u64;
                let record = input::read_record(&source.path, line.number, &bytes);
                let record = match record {
                    Err(e) => Err((input::salvage_id(&bytes), e.to_string())),
                    Ok(record) => Ok(record),
                };
                // The record's text is a copy: free the line before extracting.
                drop(bytes);
                match record {
                    Err(failed) => failed,
                    // One worker, or a large record: its JSON (often ten times the text) goes
                    // straight to the output when its turn comes, not into a buffer.
                    // (Pages of records written below --out are rendered by their worker.)
                    Ok((id, text, date))
                        if (options.jobs <= 1 || text.len() > STREAM_RECORD_BYTES)
                            && !(options.format == Format::Html && options.out_dir.is_some()) =>
                    {
                        done = extract_unrendered(extractor, (id.clone(), text, date), done);
                        match done.error {
                            None => return done,
                            Some(_) => (
                                Some(id),
                                format!(
                                    "{}:{}: {INTERNAL_ERROR}",
                                    source.path.display(),
                                    line.number
                                ),
                            ),
                        }
                    }
                    Ok((id, text, date)) => {
                        match extract_counted(
                            extractor,
                            &id,
                            &text,
                            date,
                            options.explain,
                            |json| {
                                let row = (options.format == Format::Html).then(|| {
                                    let (id, text, doc) = json.parts();
                                    DocRow::of(id, text, doc)
                                });
                                (render(json, options.format), row)
                            },
                        ) {
                            Ok(((mut bytes, row), entities, claims)) => {
                                // A chunk holds hundreds of these until its turn: not 8 KB each.
                                bytes.shrink_to_fit();
                                done.entities = entities;
                                done.claims = claims;
                                match (&options.out_dir, row) {
                                    // A page per record, named by its line and id.
                                    (Some(dir), Some(mut row)) => {
                                        let relative = record_page(source, line.number, &id);
                                        let written = dir
                                            .target(&relative, "html")
                                            .and_then(|target| dir.write(&target, &bytes));
                                        match written {
                                            Ok(()) => {
                                                row.href = Some(href(&relative));
                                                done.page = Some(row);
                                                return done;
                                            }
                                            Err(e) => {
                                                (None, format!("{}: {e}", relative.display()))
                                            }
                                        }
                                    }
                                    _ => {
                                        done.output = Output::Bytes(bytes);
                                        return done;
                                    }
                                }
                            }
                            Err(message) => (
                                Some(id),
                                format!("{}:{}: {message}", source.path.display(), line.number),
                            ),
                        }
                    }
                }
            }
        };
        if options.on_error == OnError::Record {
            // The record has its own `line`: its message goes without the `PATH:LINE: ` that
            // stderr needs.
            let location = format!("{}:{}: ", source.path.display(), line.number);
            done.output = Output::Bytes(
                ErrorRecord {
                    id: salvaged.as_deref(),
                    line: line.number,
                    error: error.strip_prefix(&location).unwrap_or(&error),
                }
                .render(),
            );
        }
        done.error = Some(error);
        done
    };
    let work = |chunk: Vec<input::Line>| -> Vec<Done> { chunk.into_iter().map(work_one).collect() };
    let mut chunks = Chunks(lines);
    ordered_map(options.jobs, &mut chunks, work, |chunk: Vec<Done>| {
        for done in chunk {
            if let Some(message) = summary.take(done, options, out)? {
                let _ = writeln!(errors, "claimex: {message}");
                if options.on_error == OnError::Fail {
                    out.flush()?;
                    return Ok(Flow::Stop);
                }
            }
        }
        out.flush()?;
        Ok(Flow::Continue)
    })
}

/// Records go to workers in chunks of about this many bytes: handing over one tiny record at a
/// time cost more in locking than extracting it (`-j2` was 4x slower than `-j1` on 200k tiny
/// records, issue 11), while a chunk this small still spreads a stream over the workers.
const CHUNK_BYTES: usize = 64 * 1024;

/// Groups records into chunks of about [`CHUNK_BYTES`], taking into a chunk only lines that are
/// already buffered, so that a co-process that waits for each answer is never kept waiting.
struct Chunks<'a, R>(&'a mut LineReader<R>);

impl<R: LineBuffered> Iterator for Chunks<'_, R> {
    type Item = Vec<input::Line>;

    fn next(&mut self) -> Option<Vec<input::Line>> {
        let first = self.0.next()?;
        let mut bytes = first.held();
        let mut chunk = vec![first];
        while bytes < CHUNK_BYTES {
            let Some(line) = self.0.next_buffered() else {
                break;
            };
            bytes += line.held();
            chunk.push(line);
        }
        Some(chunk)
    }
}

/// Where the page of the record on line `line` of `source` goes below the output folder:
/// `NAME/LINE-ID.html` for input `NAME.jsonl`, unique per line; an id with characters unsafe in
/// a file name is left out.
fn record_page(source: &Source, line: usize, id: &str) -> std::path::PathBuf {
    let safe = !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    let name = if safe {
        format!("{line}-{id}.html")
    } else {
        format!("{line}.html")
    };
    source.relative.with_extension("").join(name)
}

fn finish(
    result: io::Result<Flow>,
    summary: &mut Summary,
    started: Instant,
    out: &mut dyn Write,
) -> io::Result<()> {
    let flushed = result.and_then(|_| out.flush());
    summary.elapsed = started.elapsed();
    match flushed {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            summary.closed_output = true;
            Ok(())
        }
        other => other,
    }
}

/// Whether to go on after a result was emitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

struct Shared<R> {
    /// Index the next item taken from the items gets.
    taken: usize,
    /// Index of the next result to emit.
    emitted: usize,
    /// Results waiting for their turn.
    ready: BTreeMap<usize, R>,
    /// Number of items, once they have run out.
    total: Option<usize>,
    stop: bool,
}

/// Maps `work` over `items` on `jobs` threads and hands the results to `emit` in input order.
/// At most `2 × jobs` items (plus the one being emitted) are taken but not yet emitted, so memory stays flat however long
/// the input. `emit` runs on the calling thread; an error or [`Flow::Stop`] from it stops the
/// workers (items not yet taken stay in `items`).
///
/// Taking the next item (which may block on a slow stream) holds only the items' lock, never
/// the results' one, so a finished result is emitted while the next input is still awaited.
pub fn ordered_map<I, T, R, W, E>(
    jobs: usize,
    items: &mut I,
    work: W,
    mut emit: E,
) -> io::Result<Flow>
where
    I: Iterator<Item = T> + Send,
    R: Send,
    W: Fn(T) -> R + Sync,
    E: FnMut(R) -> io::Result<Flow>,
{
    if jobs <= 1 {
        return map_in_order(items, work, emit);
    }
    let window = 2 * jobs;
    let items = Mutex::new(items);
    let shared = Mutex::new(Shared {
        taken: 0,
        emitted: 0,
        ready: BTreeMap::new(),
        total: None,
        stop: false,
    });
    let changed = Condvar::new();
    let lock = || shared.lock().unwrap_or_else(|e| e.into_inner());
    let wait = |guard| changed.wait(guard).unwrap_or_else(|e| e.into_inner());
    let outcome = std::thread::scope(|scope| {
        let mut started = 0;
        for _ in 0..jobs {
            // When the system refuses a thread (too many, no memory for its stack), go on with
            // the workers started so far instead of aborting.
            let spawned = worker_builder().spawn_scoped(scope, || {
                // If `work` panics, wake the emitter so that it stops instead of waiting; the
                // panic itself is raised again when the scope ends.
                let _wake = WakeOnPanic(&shared, &changed);
                loop {
                    // Lock order: items, then results.
                    let mut items = items.lock().unwrap_or_else(|e| e.into_inner());
                    let mut state = lock();
                    while !state.stop
                        && state.total.is_none()
                        && state.taken >= state.emitted + window
                    {
                        state = wait(state);
                    }
                    if state.stop || state.total.is_some() {
                        return;
                    }
                    drop(state);
                    let item = items.next();
                    let mut state = lock();
                    let Some(item) = item else {
                        state.total = Some(state.taken);
                        changed.notify_all();
                        return;
                    };
                    let index = state.taken;
                    state.taken += 1;
                    drop(state);
                    drop(items);
                    let result = work(item);
                    let mut state = lock();
                    state.ready.insert(index, result);
                    changed.notify_all();
                }
            });
            if spawned.is_err() {
                break;
            }
            started += 1;
        }
        if started == 0 {
            return None;
        }
        let outcome = loop {
            let mut state = lock();
            let next = loop {
                let index = state.emitted;
                if let Some(result) = state.ready.remove(&index) {
                    break Some(result);
                }
                if state.total == Some(index) || state.stop {
                    break None;
                }
                state = wait(state);
            };
            let Some(result) = next else {
                break Ok(Flow::Continue);
            };
            state.emitted += 1;
            changed.notify_all();
            drop(state);
            match emit(result) {
                Ok(Flow::Continue) => {}
                other => break other,
            }
        };
        let mut state = lock();
        state.stop = true;
        changed.notify_all();
        Some(outcome)
    });
    match outcome {
        Some(outcome) => outcome,
        None => map_in_order(
            items.into_inner().unwrap_or_else(|e| e.into_inner()),
            work,
            emit,
        ),
    }
}

/// The builder of one worker thread (a test makes it fail).
fn worker_builder() -> std::thread::Builder {
    let builder = std::thread::Builder::new();
    #[cfg(test)]
    if let Some(size) = tests::WORKER_STACK.get() {
        return builder.stack_size(size);
    }
    builder
}

/// [`ordered_map`] on the calling thread alone.
fn map_in_order<I, T, R, W, E>(items: &mut I, work: W, mut emit: E) -> io::Result<Flow>
where
    I: Iterator<Item = T>,
    W: Fn(T) -> R,
    E: FnMut(R) -> io::Result<Flow>,
{
    for item in items {
        if emit(work(item))? == Flow::Stop {
            return Ok(Flow::Stop);
        }
    }
    Ok(Flow::Continue)
}

struct WakeOnPanic<'a, R>(&'a Mutex<Shared<R>>, &'a Condvar);

impl<R> Drop for WakeOnPanic<'_, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut state = self.0.lock().unwrap_or_else(|e| e.into_inner());
            state.stop = true;
            self.1.notify_all();
        }
    }
}

/// The progress line (files, MB/s, ETA) on stderr, drawn by indicatif at most ten times a
/// second; messages go above it (`clear` first) so that it never cuts one in half.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
}

impl Progress {
    fn new(enabled: bool, total: usize) -> Progress {
        let bar = enabled.then(|| {
            let target = indicatif::ProgressDrawTarget::stderr_with_hz(10);
            let bar = indicatif::ProgressBar::with_draw_target(Some(total as u64), target);
            let style = indicatif::ProgressStyle::with_template(
                "claimex: {pos}/{len} files  {msg}  ETA {eta}",
            )
            .expect("a valid template");
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
        }
    }

    fn update(&mut self, _errors: &mut dyn Write, done: usize, bytes: u64) {
        if let Some(bar) = &self.bar {
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{:.1} MB/s", bytes as f64 / 1e6 / secs));
            bar.set_position(done as u64);
        }
    }

    fn clear(&mut self, _errors: &mut dyn Write) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
            // Drawn again by the next update, below what was just written.
            bar.reset();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    thread_local! {
        /// Test hook: the stack size of workers started from this thread; one too large for
        /// the address space makes every spawn fail, as `-j 20000` did.
        pub(super) static WORKER_STACK: std::cell::Cell<Option<usize>> =
            const { std::cell::Cell::new(None) };
    }

    #[cfg(target_pointer_width = "64")]
    #[test]
    fn ordered_map_runs_alone_when_no_thread_starts() {
        WORKER_STACK.set(Some(1 << 46));
        let mut items = 0..100;
        let mut seen = Vec::new();
        let flow = ordered_map(
            4,
            &mut items,
            |i| i * 2,
            |r| {
                seen.push(r);
                Ok(Flow::Continue)
            },
        );
        WORKER_STACK.set(None);
        assert_eq!(flow.unwrap(), Flow::Continue);
        assert_eq!(seen, (0..100).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn ordered_map_keeps_order_and_bounds_work_in_flight() {
        for jobs in [1, 2, 4, 8] {
            let in_flight = AtomicUsize::new(0);
            let most = AtomicUsize::new(0);
            let mut items = 0..500u64;
            let mut seen = Vec::new();
            let work = |i: u64| {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                // Later items finish first, to shuffle completion order.
                std::thread::sleep(Duration::from_micros((500 - i) % 7 * 50));
                i * 2
            };
            let flow = ordered_map(jobs, &mut items, work, |r| {
                in_flight.fetch_sub(1, Ordering::SeqCst);
                seen.push(r);
                Ok(Flow::Continue)
            })
            .unwrap();
            assert_eq!(flow, Flow::Continue);
            assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>());
            let most = most.load(Ordering::SeqCst);
            // The window, plus the one result being emitted.
            assert!(most <= 2 * jobs + 1, "jobs {jobs}: {most} in flight");
        }
    }

    #[test]
    fn ordered_map_stops_and_leaves_the_rest() {
        for jobs in [1, 3] {
            let mut items = 0..1000;
            let mut seen = Vec::new();
            let flow = ordered_map(
                jobs,
                &mut items,
                |i| i,
                |r| {
                    seen.push(r);
                    Ok(if r == 10 { Flow::Stop } else { Flow::Continue })
                },
            )
            .unwrap();
            assert_eq!(flow, Flow::Stop);
            assert_eq!(seen, (0..=10).collect::<Vec<_>>());
            // Taken but not emitted items are dropped; the rest are still there.
            assert!(items.next().unwrap() <= 11 + 2 * jobs);
        }
    }

    #[test]
    fn ordered_map_passes_emit_errors_on() {
        let mut items = 0..100;
        let err = ordered_map(
            2,
            &mut items,
            |i| i,
            |_| Err::<Flow, _>(io::Error::from(io::ErrorKind::BrokenPipe)),
        )
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn records_go_to_workers_in_chunks() {
        let mut input = Vec::new();
        for i in 0..10_000 {
            input.extend_from_slice(format!("{{\"id\":{i}}}\n").as_bytes());
        }
        let long = format!("{}\n", "x".repeat(CHUNK_BYTES * 2));
        input.extend_from_slice(long.as_bytes());
        input.extend_from_slice(b"last\n");
        let mut lines = LineReader::new(&input[..], std::path::Path::new("-"), 1 << 20);
        let chunks: Vec<Vec<usize>> = Chunks(&mut lines)
            .map(|c| c.iter().map(|l| l.number).collect())
            .collect();
        assert_eq!(chunks.concat(), (1..=10_002).collect::<Vec<_>>());
        // 129 KB of small records: two chunks; the long line is whole in this reader's buffer,
        // so it joins the second (a chunk passes CHUNK_BYTES by at most one line, and a line
        // whole in the binary's 64 KB read buffer is shorter than that); then the last.
        assert_eq!(
            chunks.len(),
            3,
            "{:?}",
            chunks.iter().map(Vec::len).collect::<Vec<_>>()
        );
        assert_eq!(chunks[2], [10_002]);
    }

    #[test]
    fn clashing_outputs_are_found() {
        let source = |path: &str, rel: &str| Source {
            path: path.into(),
            relative: rel.into(),
            in_folder: false,
        };
        let ok = [source("a/x.txt", "x.txt"), source("d/y.txt", "y.txt")];
        assert!(find_clash(&ok, "json").is_none());
        let clash = [source("a/x.txt", "x.txt"), source("b/x.md", "x.md")];
        let (a, b) = find_clash(&clash, "json").unwrap();
        assert_eq!(
            (a.path.to_str(), b.path.to_str()),
            (Some("a/x.txt"), Some("b/x.md"))
        );
    }

    #[test]
    fn summary_reads_well() {
        let s = Summary {
            documents: 3,
            failures: 1,
            entities: 10,
            claims: 4,
            bytes: 2_000_000,
            elapsed: Duration::from_secs(1),
            closed_output: false,
            pages: Vec::new(),
        };
        assert_eq!(
            s.line("file"),
            "3 files, 1 failed, 10 entities, 4 claims, 1.00 s (2.0 MB/s)"
        );
    }

    /// A writer that keeps the size of its largest single write.
    #[derive(Default)]
    struct Pieces {
        total: usize,
        largest: usize,
    }

    impl Write for Pieces {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.total += buf.len();
            self.largest = self.largest.max(buf.len());
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn large_records_are_streamed_not_buffered_whole() {
        // Issue 11: a 50 MB record's 650 MB line was rendered into one buffer first.
        let dir = std::env::temp_dir().join(format!("claimex-batch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.jsonl");
        let text = "The UN said 5 people died in Kabul, Maria Lopez said. ".repeat(40_000);
        let record = serde_json::json!({"id": "big", "text": text}).to_string();
        std::fs::write(&path, format!("{record}\n")).unwrap();
        let extractor = Extractor::new(&crate::extractor::Config::default()).unwrap();
        let sources = [Source {
            path: path.clone(),
            relative: "big.jsonl".into(),
            in_folder: false,
        }];
        for jobs in [1, 2] {
            let options = BatchOptions {
                format: Format::Jsonl,
                jobs,
                out_dir: None,
                max_bytes: input::DEFAULT_MAX_BYTES,
                on_error: OnError::Record,
                explain: false,
                progress: false,
                ids: input::Ids::default(),
            };
            let mut out = Pieces::default();
            let summary = run_records(&extractor, &sources, &options, &mut out, &mut io::sink());
            assert_eq!(summary.unwrap().failures, 0);
            assert!(out.total > 10 * text.len(), "{}", out.total);
            assert!(
                out.largest <= 1 << 20,
                "jobs {jobs}: a write of {} bytes",
                out.largest
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
