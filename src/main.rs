//! The `claimex` command: parse arguments, build the pipeline once, run it over every input,
//! report errors and pick the exit code (0 ok, 1 some input failed, 2 usage or configuration).

use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use claimex::input::{self, DEFAULT_MAX_BYTES};
use claimex::output::to_wire;
use claimex::{Config, Extractor};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Pretty JSON, one document (the default for a single input).
    Json,
    /// One compact JSON document per line (the default for several inputs).
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    /// Each input is one article.
    Text,
    /// Each input line is a record {"id": ..., "text": ...}; one output line per record.
    Jsonl,
}

/// Extracts entities, figures and attributed claims from news articles, as JSON.
#[derive(Parser, Debug)]
#[command(
    version,
    about,
    after_help = "Examples:
  claimex < article.txt                      one article from stdin, pretty JSON
  claimex articles/ > out.jsonl              every *.txt below a folder, JSON Lines
  claimex --input-format jsonl < recs.jsonl  one {\"id\",\"text\"} record per line
  claimex --gazetteer my-names.tsv a.txt     add your own names to the defaults"
)]
struct Cli {
    /// Files or folders to read; `-` or nothing reads stdin.
    paths: Vec<PathBuf>,

    /// Output format [default: json for one document, jsonl for several].
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,

    /// How to read each input.
    #[arg(long, value_enum, default_value = "text")]
    input_format: InputFormat,

    /// A gazetteer file (TSV) to add to the embedded defaults; repeatable, later wins.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,

    /// Largest input accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,

    /// Add to every result the list or rule that produced it (`via`).
    #[arg(long)]
    explain: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let extractor = match Extractor::new(&Config {
        gazetteers: cli.gazetteers.clone(),
    }) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("claimex: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&cli, &extractor) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimex: writing output: {e}");
            ExitCode::from(1)
        }
    }
}

/// Runs every input; `Ok(false)` when some input failed (already reported on stderr).
fn run(cli: &Cli, extractor: &Extractor) -> io::Result<bool> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_ok = true;
    let paths = if cli.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        cli.paths.clone()
    };
    let (files, walk_errors) = input::expand_paths(&paths);
    for e in walk_errors {
        eprintln!("claimex: {e}");
        all_ok = false;
    }
    let single = files.len() == 1 && cli.input_format == InputFormat::Text;
    let format = cli.format.unwrap_or(if single {
        OutputFormat::Json
    } else {
        OutputFormat::Jsonl
    });
    for path in &files {
        let ok = match cli.input_format {
            InputFormat::Text => run_text(cli, extractor, path, format, &mut out)?,
            InputFormat::Jsonl => run_records(cli, extractor, path, format, &mut out)?,
        };
        all_ok &= ok;
    }
    out.flush()?;
    Ok(all_ok)
}

fn display_id(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn run_text(
    cli: &Cli,
    extractor: &Extractor,
    path: &Path,
    format: OutputFormat,
    out: &mut impl Write,
) -> io::Result<bool> {
    match input::read_text(path, cli.max_bytes) {
        Ok(text) => {
            write_document(cli, extractor, &display_id(path), &text, format, out)?;
            Ok(true)
        }
        Err(e) => {
            eprintln!("claimex: {e}");
            Ok(false)
        }
    }
}

fn run_records(
    cli: &Cli,
    extractor: &Extractor,
    path: &Path,
    format: OutputFormat,
    out: &mut impl Write,
) -> io::Result<bool> {
    let reader: Box<dyn BufRead> = if path == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(io::BufReader::new(f)),
            Err(e) => {
                eprintln!("claimex: {}: {e}", path.display());
                return Ok(false);
            }
        }
    };
    let mut all_ok = true;
    for (n, line) in reader.split(b'\n').enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("claimex: {}: {e}", path.display());
                return Ok(false);
            }
        };
        let parsed = input::decode(path, line).and_then(|l| {
            if l.trim().is_empty() {
                Ok(None)
            } else {
                input::parse_record(path, n + 1, &l).map(Some)
            }
        });
        match parsed {
            Ok(None) => {}
            Ok(Some(record)) => {
                let id = record
                    .id_string()
                    .unwrap_or_else(|| format!("{}:{}", display_id(path), n + 1));
                write_document(cli, extractor, &id, &record.text, format, out)?;
            }
            Err(e) => {
                eprintln!("claimex: {e}");
                all_ok = false;
            }
        }
    }
    Ok(all_ok)
}

fn write_document(
    cli: &Cli,
    extractor: &Extractor,
    id: &str,
    text: &str,
    format: OutputFormat,
    out: &mut impl Write,
) -> io::Result<()> {
    let doc = extractor.extract(text);
    let wire = to_wire(id, text, &doc, cli.explain);
    match format {
        OutputFormat::Json => serde_json::to_writer_pretty(&mut *out, &wire)?,
        OutputFormat::Jsonl => serde_json::to_writer(&mut *out, &wire)?,
    }
    out.write_all(b"\n")
}
