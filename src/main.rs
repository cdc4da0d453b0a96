//! The `claimex` command: parse arguments, build the pipeline once, hand the inputs to the
//! library's batch runner, report errors and pick the exit code (0 ok, 1 some input failed or
//! outputs differ, 2 usage or configuration error).

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use claimex::batch::{self, BatchOptions, OnError, Summary};
use claimex::check::check_fixtures;
use claimex::error::io_message;
use claimex::input::{self, Filter, Glob};
use claimex::output::diff;
use claimex::output::html::{self, report};
use claimex::output::outdir::OutDir;
use claimex::output::writer::Format;
use claimex::{Config, Extractor};

mod cli;
use cli::{
    Cli, Command, DiffFormat, ErrorPolicy, ExtractArgs, Generate, InputFormat, OutputFormat,
};

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
        Some(Command::Diff {
            old,
            new,
            format,
            update,
        }) => run_diff(&old, &new, format, update),
        Some(Command::Check {
            fixtures,
            bless,
            format,
            gazetteers,
        }) => run_check(&fixtures, bless, format, gazetteers),
        Some(Command::Report { input, output }) => run_report(&input, output.as_deref()),
        Some(Command::Generate { what }) => generate(what),
        None => run_extract(cli.extract),
    };
    ExitCode::from(code)
}

/// Test hook, only in builds with `--features test-hooks` (so it is in no help, completion or
/// release binary): `CLAIMEX_SIMULATE_FULL_DISK=BYTES` makes `--out` writes fail as on a full
/// disk past that many bytes per file.
fn simulated_full_disk() -> Option<u64> {
    if cfg!(feature = "test-hooks") {
        std::env::var("CLAIMEX_SIMULATE_FULL_DISK")
            .ok()?
            .parse()
            .ok()
    } else {
        None
    }
}

fn build_extractor(config: Config) -> Option<Extractor> {
    match Extractor::new(&config) {
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
    // A path that does not exist stops the run before anything is written (exit 2, as ripgrep).
    let mut missing = false;
    for path in paths.iter().filter(|p| p.as_os_str() != input::STDIN) {
        if let Err(source) = std::fs::metadata(path) {
            let path = path.clone();
            report!("{}", claimex::Error::Io { path, source });
            missing = true;
        }
    }
    if missing {
        return fail_config();
    }
    let config = Config {
        gazetteers: args.gazetteers.clone(),
        claims: args.claims.clone().unwrap_or_default(),
        date: args.date,
    };
    let Some(extractor) = build_extractor(config) else {
        return fail_config();
    };
    let mut filter = Filter::default();
    if !args.globs.is_empty() {
        filter.globs = args.globs.iter().map(|g| Glob::new(g)).collect();
    }
    filter.excludes = args.excludes.iter().map(|g| Glob::new(g)).collect();
    filter.hidden = args.hidden;
    filter.ignore_files = !args.no_ignore;
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
    if records && args.format == Some(OutputFormat::Json) {
        report!("--format json writes one document, and JSON Lines input gives one per record: use --format jsonl (the default) and, for one JSON array, `jq -s .`");
        return fail_config();
    }
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
    let jsonl = records || args.format == Some(OutputFormat::Jsonl);
    let extension = match (html, jsonl) {
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
            Ok(d) => Some(d.simulate_full_disk_after(simulated_full_disk())),
            Err(e) => {
                report!(
                    "{}: cannot create the output folder: {}",
                    dir.display(),
                    io_message(&e)
                );
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
    let options_out_dir = out_dir.is_some();
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
        // Only when stderr is a terminal and the documents are not being written to that same
        // screen: a progress line between output lines would garble both.
        progress: batch
            && !records
            && !args.quiet
            && io::stderr().is_terminal()
            && (options_out_dir || !io::stdout().is_terminal()),
        ids: match (args.path_ids, args.id_prefix) {
            (true, _) => input::Ids::AsGiven,
            (false, Some(prefix)) => input::Ids::Prefix(prefix),
            (false, None) => input::Ids::Relative,
        },
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
            report!("writing output: {}", io_message(&e));
            return 1;
        }
    };
    if let (Some(dir), Some(root), false) = (&options.out_dir, &args.out, summary.pages.is_empty())
    {
        let mut index = Vec::new();
        let written = html::write_index(&mut index, &summary.pages)
            .and_then(|()| dir.write(&root.join("index.html"), &index));
        if let Err(e) = written {
            report!("{}: {}", root.join("index.html").display(), io_message(&e));
            summary.failures += 1;
        }
    }
    // Entries that could not even be listed count as failed inputs too.
    summary.failures += walk_errors.len();
    if batch && !records && !args.quiet {
        if summary.closed_output {
            // `| head` stopped reading: say so rather than reading as a finished run.
            report!(
                "output closed early after {} of {} files",
                summary.documents,
                sources.len()
            );
        } else {
            report!("{}", summary.line("file"));
        }
    }
    if summary.failures > 0 {
        1
    } else {
        0
    }
}

fn run_diff(old: &std::path::Path, new: &std::path::Path, format: DiffFormat, update: bool) -> u8 {
    if update && (old.is_dir() || new.is_dir()) {
        report!("--update replaces one file with another; give two files, not folders");
        return 2;
    }
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
            report!("writing output: {}", io_message(&e));
            return 2;
        }
    }
    if diff::no_common_ids(&diffs) {
        report!("no document ids in common: were they made from different folders? (ids are relative to the folder argument; see --id-prefix)");
    }
    if format == DiffFormat::Text {
        report!("{}", diff::total(&diffs));
    }
    if update && !diffs.is_empty() {
        return match replace_file(old, new) {
            Ok(()) => {
                report!("{} updated from {}", old.display(), new.display());
                0
            }
            Err(e) => {
                report!("{}: cannot update: {}", old.display(), io_message(&e));
                2
            }
        };
    }
    u8::from(!diffs.is_empty())
}

/// Copies `new` over `old` through a temporary file beside it, so that `old` is never left
/// half written.
fn replace_file(old: &std::path::Path, new: &std::path::Path) -> io::Result<()> {
    let bytes = std::fs::read(new)?;
    let folder = match old.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder)?;
    temp.write_all(&bytes)?;
    temp.persist(old).map_err(|e| e.error)?;
    Ok(())
}

fn run_check(
    fixtures: &std::path::Path,
    bless: bool,
    format: DiffFormat,
    gazetteers: Vec<PathBuf>,
) -> u8 {
    if !fixtures.exists() {
        report!("{}: no such folder or file of fixtures", fixtures.display());
        return 2;
    }
    let config = Config {
        gazetteers,
        ..Config::default()
    };
    let Some(extractor) = build_extractor(config) else {
        return 2;
    };
    let result = check_fixtures(&extractor, fixtures, bless);
    let text = match format {
        DiffFormat::Text => result.describe(),
        DiffFormat::Json => result.to_json(),
    };
    let _ = io::stdout().lock().write_all(text.as_bytes());
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
        Generate::Man => man_page(command, &mut out),
        Generate::Completions { shell } => {
            clap_complete::generate(shell, &mut command, "claimex", &mut out);
            Ok(())
        }
    };
    match written {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            report!("writing output: {}", io_message(&e));
            1
        }
    }
}

/// The man page: clap_mangen's sections, but the subcommands described in place, since its
/// default section points at `claimex-diff(1)` and other pages that are not installed.
fn man_page(command: clap::Command, out: &mut impl Write) -> io::Result<()> {
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH SUBCOMMANDS")?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let name = sub.get_name();
        writeln!(out, ".TP\n\\fBclaimex {name}\\fR\n{}", roff_text(&about))?;
    }
    writeln!(
        out,
        ".PP\nEach one's options: \\fBclaimex help\\fR \\fISUBCOMMAND\\fR."
    )?;
    man.render_extra_section(out)?;
    man.render_version_section(out)
}

/// Text safe in a roff paragraph: backslashes doubled, and a leading `.` or `'` escaped.
fn roff_text(text: &str) -> String {
    let text = text.replace('\\', "\\e");
    match text.chars().next() {
        Some('.' | '\'') => format!("\\&{text}"),
        _ => text,
    }
}
