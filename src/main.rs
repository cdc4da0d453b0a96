//! The `claimex` command: parse arguments, build the pipeline once, hand the inputs to the
//! library's batch runner, report errors and pick the exit code (0 ok, 1 some input failed or
//! outputs differ, 2 usage or configuration error).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use claimex::batch::{self, BatchOptions, OnError, Summary};
use claimex::check::check_fixtures;
use claimex::input::{self, Filter, Glob, DEFAULT_MAX_BYTES};
use claimex::output::diff;
use claimex::output::html::{self, report};
use claimex::output::outdir::OutDir;
use claimex::output::writer::Format;
use claimex::{Config, Extractor, Ymd};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Pretty JSON, one document (the default for one file or stdin).
    Json,
    /// One compact JSON document per line (the default for folders and several inputs).
    Jsonl,
    /// A review page to open in a browser; with --out, one page per article and an index.html.
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    /// Each input is one article.
    Text,
    /// Each input line is a record {"id": ..., "text": ...}; one output line per record.
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ErrorPolicy {
    /// Report a bad record on stderr and write nothing for it.
    Skip,
    /// Report it and write {"id", "line", "error"} in its place (keeps one line per record).
    Record,
    /// Report it and stop (the rest of stdin is still read, not processed).
    Fail,
}

/// Extracts entities, figures and attributed claims from news articles, as JSON.
#[derive(Parser, Debug)]
#[command(
    name = "claimex",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  claimex < article.txt                      one article from stdin, pretty JSON
  claimex articles/ > out.jsonl              every *.txt below a folder, JSON Lines
  claimex articles/ --out results/           one results/…/NAME.json per article
  claimex --input-format jsonl < recs.jsonl  one {\"id\",\"text\"} record per line
  claimex --gazetteer my-names.tsv a.txt     add your own names to the defaults
  claimex --format html a.txt > a.html       a review page to open in a browser
  claimex articles/ --format html --out site/  one page per article + site/index.html
  claimex report out.jsonl -o report.html    sources, figures, entities of a corpus
  claimex diff old.jsonl new.jsonl           what changed between two runs
  claimex check fixtures/                    X.txt against X.json, for CI

Exit status: 0 all inputs done, 1 some input failed (reported on stderr as
`claimex: PATH: message`, the rest still processed), 2 usage or configuration error.
A file named like a subcommand (diff, check, report) is read with `claimex ./diff`."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    extract: ExtractArgs,
}

#[derive(Args, Debug)]
struct ExtractArgs {
    /// Files or folders to read; `-` or nothing reads stdin. Folders are walked recursively,
    /// in sorted path order.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format [default: json for one file or stdin, jsonl otherwise].
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,

    /// How to read each input.
    #[arg(long, value_enum, default_value = "text")]
    input_format: InputFormat,

    /// With --input-format jsonl, what to do with a line that is not a valid record.
    #[arg(long, value_enum, default_value = "record")]
    on_error: ErrorPolicy,

    /// A gazetteer file (TSV) to add to the embedded defaults; repeatable, later wins.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,

    /// The reference date for relative time expressions ("yesterday", "last year"); overrides
    /// a record's "date", the header line and a dateline.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Ymd>,

    /// In folders, read files matching this pattern (repeatable) [default: *.txt].
    #[arg(long = "glob", value_name = "PATTERN")]
    globs: Vec<String>,

    /// In folders, skip files and folders matching this pattern (repeatable).
    #[arg(long = "exclude", value_name = "PATTERN")]
    excludes: Vec<String>,

    /// Write one NAME.json per input below this folder, mirroring the input tree
    /// (NAME.jsonl per input with --input-format jsonl), each written atomically.
    #[arg(long, short = 'o', value_name = "OUTDIR")]
    out: Option<PathBuf>,

    /// Worker threads [default: all cores; at most 4 per core, and fewer when the system
    /// cannot start more]. Output is the same for any number.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,

    /// Largest input (or JSON Lines record) accepted, in bytes (at most 4 GiB - 1: token
    /// offsets are 32-bit).
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES,
          value_parser = clap::value_parser!(u64).range(1..=u64::from(u32::MAX)))]
    max_bytes: u64,

    /// No progress line and no summary on stderr (errors are still reported).
    #[arg(long, short = 'q')]
    quiet: bool,

    /// Add to every result the list or rule that produced it (`via`).
    #[arg(long)]
    explain: bool,

    /// Test hook: --out writes fail as on a full disk past this many bytes per file.
    #[arg(long, hide = true, value_name = "BYTES")]
    simulate_full_disk: Option<u64>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Compare two outputs (files or folders of them) by meaning: entities by type and name,
    /// figures by text and value, claims by source and content. Exit 1 when they differ.
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// Report format.
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
    },
    /// Run every X.txt below FIXTURES and compare with X.json beside it. Exit 1 on any
    /// difference.
    Check {
        fixtures: PathBuf,
        /// Rewrite the expected X.json files with the current output.
        #[arg(long)]
        bless: bool,
        /// A gazetteer file to add, as for extraction; repeatable.
        #[arg(long = "gazetteer", value_name = "FILE")]
        gazetteers: Vec<PathBuf>,
    },
    /// Draw a report page (HTML) from claimex's JSON Lines output: the most-cited sources, the
    /// figure claims without a source, the most-mentioned entities, and the documents.
    Report {
        /// claimex's JSON Lines output (`-` for stdin); read a line at a time.
        input: PathBuf,
        /// Where to write the page [default: stdout]; documents link to their pages
        /// (from --format html --out) when those sit beside it.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print a man page or shell completions generated from these definitions.
    #[command(hide = true)]
    Generate {
        #[command(subcommand)]
        what: Generate,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
enum Generate {
    /// The man page, as roff: `claimex generate man > claimex.1`.
    Man,
    /// A completion script: `claimex generate completions bash > claimex.bash`.
    Completions { shell: clap_complete::Shell },
}

/// Reports one message on stderr; a closed stderr is ignored (there is no one to tell).
macro_rules! report {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr(), "claimex: {}", format_args!($($arg)*));
    }};
}

/// Subcommand names: a file argument spelled like one must be written `./NAME`.
const SUBCOMMANDS: [&str; 4] = ["diff", "check", "report", "generate"];

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            let first = std::env::args_os().nth(1).unwrap_or_default();
            let first = first.to_string_lossy();
            if e.use_stderr() && SUBCOMMANDS.contains(&&*first) && PathBuf::from(&*first).exists() {
                report!("note: to read the file `{first}`, write `claimex ./{first}` or `claimex -- {first}`");
            }
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let code = match cli.command {
        Some(Command::Diff { old, new, format }) => run_diff(&old, &new, format),
        Some(Command::Check {
            fixtures,
            bless,
            gazetteers,
        }) => run_check(&fixtures, bless, gazetteers),
        Some(Command::Report { input, output }) => run_report(&input, output.as_deref()),
        Some(Command::Generate { what }) => generate(what),
        None => run_extract(cli.extract),
    };
    ExitCode::from(code)
}

fn parse_date(s: &str) -> Result<Ymd, String> {
    Ymd::parse(s).ok_or_else(|| format!("{s:?} is not a date YYYY-MM-DD"))
}

fn build_extractor(gazetteers: Vec<PathBuf>, date: Option<Ymd>) -> Option<Extractor> {
    match Extractor::new(&Config { gazetteers, date }) {
        Ok(e) => Some(e),
        Err(e) => {
            report!("{e}");
            None
        }
    }
}

fn run_extract(args: ExtractArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(input::STDIN)]
    } else {
        args.paths.clone()
    };
    let reads_stdin = paths.iter().any(|p| p == &PathBuf::from(input::STDIN));
    let fail_config = || {
        // Whoever feeds stdin (Spark, Hadoop) should see our exit code, not a broken pipe.
        if reads_stdin && !io::stdin().is_terminal() {
            input::drain(&mut io::stdin().lock());
        }
        2
    };
    let Some(extractor) = build_extractor(args.gazetteers.clone(), args.date) else {
        return fail_config();
    };
    let mut filter = Filter::default();
    if !args.globs.is_empty() {
        filter.globs = args.globs.iter().map(|g| Glob::new(g)).collect();
    }
    filter.excludes = args.excludes.iter().map(|g| Glob::new(g)).collect();
    let (sources, walk_errors) = input::expand_paths(&paths, &filter);
    for e in &walk_errors {
        report!("{e}");
    }
    if sources.is_empty() && walk_errors.is_empty() {
        let wanted = if args.globs.is_empty() {
            "*.txt".to_string()
        } else {
            args.globs.join(", ")
        };
        report!("no input files found (looking for {wanted}; see --glob)");
        return 1;
    }
    let records = args.input_format == InputFormat::Jsonl;
    let html = args.format == Some(OutputFormat::Html);
    let several = records || sources.len() > 1 || paths.iter().any(|p| p.is_dir());
    if html && several && args.out.is_none() {
        report!("--format html writes one page per article: give --out DIR for folders, several files or JSON Lines records");
        return fail_config();
    }
    if html && args.out.is_some() && !records {
        if let Some(s) = sources
            .iter()
            .find(|s| s.relative.with_extension("html") == std::path::Path::new("index.html"))
        {
            report!("{} would be written over the pages' index.html; rename it or give its folder's parent", s.path.display());
            return fail_config();
        }
    }
    let extension = match (html, records) {
        (true, _) => "html",
        (false, true) => "jsonl",
        (false, false) => "json",
    };
    if args.out.is_some() {
        if let Some((a, b)) = batch::find_clash(&sources, extension) {
            report!(
                "{} and {} would both be written to {}; give their folder instead, or run twice",
                a.path.display(),
                b.path.display(),
                a.relative.with_extension(extension).display()
            );
            return fail_config();
        }
    }
    let out_dir = match &args.out {
        None => None,
        Some(dir) => match OutDir::create(dir) {
            Ok(d) => Some(d.simulate_full_disk_after(args.simulate_full_disk)),
            Err(e) => {
                report!("{}: cannot create the output folder: {e}", dir.display());
                return fail_config();
            }
        },
    };
    if let Some(dir) = &out_dir {
        if let Some((source, target)) = dir.find_overwrite(&sources, extension) {
            report!(
                "{}: its output {} is the input itself; give --out another folder",
                source.path.display(),
                target.display()
            );
            return fail_config();
        }
    }
    let any_folder = paths.iter().any(|p| p.is_dir());
    let batch = any_folder || sources.len() > 1;
    let format = match args.format {
        Some(OutputFormat::Json) => Format::Json,
        Some(OutputFormat::Jsonl) => Format::Jsonl,
        Some(OutputFormat::Html) => Format::Html,
        None if records || (batch && out_dir.is_none()) => Format::Jsonl,
        None => Format::Json,
    };
    if reads_stdin && !records && io::stdin().is_terminal() && !args.quiet {
        report!("reading an article from stdin (end it with Ctrl-D; --help for usage)");
    }
    let options = BatchOptions {
        format,
        jobs: batch::jobs(args.jobs),
        out_dir,
        max_bytes: args.max_bytes,
        on_error: match args.on_error {
            ErrorPolicy::Skip => OnError::Skip,
            ErrorPolicy::Record => OnError::Record,
            ErrorPolicy::Fail => OnError::Fail,
        },
        explain: args.explain,
        progress: batch && !records && !args.quiet && io::stderr().is_terminal(),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut stderr = io::stderr();
    let run = if records {
        batch::run_records(&extractor, &sources, &options, &mut out, &mut stderr)
    } else {
        batch::run_documents(&extractor, &sources, &options, &mut out, &mut stderr)
    };
    let mut summary: Summary = match run {
        Ok(s) => s,
        Err(e) => {
            report!("writing output: {e}");
            return 1;
        }
    };
    if let (Some(dir), Some(root), false) = (&options.out_dir, &args.out, summary.pages.is_empty())
    {
        let mut index = Vec::new();
        let written = html::write_index(&mut index, &summary.pages)
            .and_then(|()| dir.write(&root.join("index.html"), &index));
        if let Err(e) = written {
            report!("{}: {e}", root.join("index.html").display());
            summary.failures += 1;
        }
    }
    // Entries that could not even be listed count as failed inputs too.
    summary.failures += walk_errors.len();
    if batch && !records && !args.quiet {
        report!("{}", summary.line("file"));
    }
    if summary.failures > 0 {
        1
    } else {
        0
    }
}

fn run_diff(old: &std::path::Path, new: &std::path::Path, format: DiffFormat) -> u8 {
    let diffs = match diff::diff_paths(old, new) {
        Ok(d) => d,
        Err(e) => {
            report!("{e}");
            return 2;
        }
    };
    let text = match format {
        DiffFormat::Text => diff::report(&diffs).into_bytes(),
        DiffFormat::Json => {
            let report = diff::DiffReport {
                differ: !diffs.is_empty(),
                documents: &diffs,
            };
            let json = serde_json::to_vec_pretty(&report).expect("diffs serialize");
            let mut json = claimex::output::escape_separators(json);
            json.push(b'\n');
            json
        }
    };
    let written = io::stdout().lock().write_all(&text);
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            report!("writing output: {e}");
            return 2;
        }
    }
    u8::from(!diffs.is_empty())
}

fn run_check(fixtures: &std::path::Path, bless: bool, gazetteers: Vec<PathBuf>) -> u8 {
    if !fixtures.is_dir() {
        report!("{}: not a folder of fixtures", fixtures.display());
        return 2;
    }
    let Some(extractor) = build_extractor(gazetteers, None) else {
        return 2;
    };
    let result = check_fixtures(&extractor, fixtures, bless);
    let _ = io::stdout().lock().write_all(result.describe().as_bytes());
    if bless {
        report!(
            "{} fixtures, {} expected files rewritten",
            result.fixtures,
            result.blessed.len()
        );
    } else {
        report!(
            "{} fixtures, {} failed",
            result.fixtures,
            result.failures.len()
        );
    }
    u8::from(!result.passed())
}

fn run_report(input: &std::path::Path, output: Option<&std::path::Path>) -> u8 {
    match report::run_report(input, output, &mut io::stdout().lock()) {
        Ok(corpus) => {
            report!(
                "{} documents, {} failed inputs, {} lines skipped as unreadable",
                corpus.documents,
                corpus.failed,
                corpus.unreadable
            );
            0
        }
        Err(e) => {
            report!("{e}");
            2
        }
    }
}

fn generate(what: Generate) -> u8 {
    let mut command = Cli::command();
    let mut out = io::stdout().lock();
    let written = match what {
        Generate::Man => clap_mangen::Man::new(command).render(&mut out),
        Generate::Completions { shell } => {
            clap_complete::generate(shell, &mut command, "claimex", &mut out);
            Ok(())
        }
    };
    match written {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            report!("writing output: {e}");
            1
        }
    }
}
