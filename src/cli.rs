//! The command line's definitions (clap derive): arguments, subcommands and their help, shared
//! by `--help`, the man page and the completion scripts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use claimex::input::DEFAULT_MAX_BYTES;
use claimex::{ClaimFilter, Ymd};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Pretty JSON, one document (the default for one file or stdin).
    Json,
    /// One compact JSON document per line (the default for folders and several inputs).
    Jsonl,
    /// A review page to open in a browser; with --out, one page per article and an index.html.
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Each input is one article.
    Text,
    /// Each input line is a record {"id": ..., "text": ...}; one output line per record.
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ErrorPolicy {
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
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub extract: ExtractArgs,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files or folders to read; `-` or nothing reads stdin. Folders are walked recursively,
    /// in sorted path order.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format [default: json for one file or stdin, jsonl otherwise].
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,

    /// How to read each input.
    #[arg(long, value_enum, default_value = "text")]
    pub input_format: InputFormat,

    /// With --input-format jsonl, what to do with a line that is not a valid record.
    #[arg(long, value_enum, default_value = "record")]
    pub on_error: ErrorPolicy,

    /// A gazetteer file (TSV) to add to the embedded defaults; repeatable, later wins.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,

    /// In folders, read files matching this pattern (repeatable) [default: *.txt].
    #[arg(long = "glob", value_name = "PATTERN")]
    pub globs: Vec<String>,

    /// In folders, read hidden files and folders too (names starting with `.`, such as
    /// `.git/`); they are skipped by default. Files named on the command line are always read.
    #[arg(long)]
    pub hidden: bool,

    /// In folders, read files that `.gitignore`, `.ignore` or `.git/info/exclude` leave out
    /// too; they are skipped by default, as ripgrep and fd do.
    #[arg(long)]
    pub no_ignore: bool,

    /// In folders, skip files and folders matching this pattern (repeatable).
    #[arg(long = "exclude", value_name = "PATTERN")]
    pub excludes: Vec<String>,

    /// Write one NAME.json per input below this folder, mirroring the input tree
    /// (NAME.jsonl per input with --input-format jsonl), each written atomically.
    #[arg(long, short = 'o', value_name = "OUTDIR")]
    pub out: Option<PathBuf>,

    /// Worker threads; 0 or none means all cores [at most 4 per core, and fewer when the
    /// system cannot start more]. Output is the same for any number.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Largest input (or JSON Lines record) accepted: bytes, or with a K, M or G suffix
    /// (powers of 1024: `64M`); at most 4G - 1, as token offsets are 32-bit [default: 64M].
    #[arg(long, value_name = "SIZE", default_value_t = DEFAULT_MAX_BYTES, hide_default_value = true,
          value_parser = parse_size)]
    pub max_bytes: u64,

    /// No progress line and no summary on stderr (errors are still reported).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Add to every result the list or rule that produced it (`via`).
    #[arg(long)]
    pub explain: bool,

    /// Keep only claims whose cue reports one of these classes: speech, belief, intention,
    /// evidence, and unattributed for the writer's own figure statements [default: all].
    #[arg(long, value_name = "CLASSES", value_parser = ClaimFilter::parse)]
    pub claims: Option<ClaimFilter>,

    /// The reference date for relative time expressions ("yesterday", "last year"); overrides
    /// a record's "date", the header line and a dateline.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Ymd>,

    /// Name documents found in folders by their path as found (`./corpus/a/1.txt`), not
    /// relative to the folder argument (`a/1.txt`, the default).
    #[arg(long, conflicts_with = "id_prefix")]
    pub path_ids: bool,

    /// Name documents PREFIX followed by their path relative to the folder argument (or a
    /// file argument's name): `--id-prefix corpus/` gives `corpus/a/1.txt`.
    #[arg(long, value_name = "PREFIX")]
    pub id_prefix: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Compare two outputs (files or folders of them) by meaning: entities by type and name,
    /// figures by text and value, claims by source and content. Exit 1 when they differ.
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// Report format.
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
        /// After reporting, write NEW over OLD (two files) when they differ, and exit 0: how a
        /// committed baseline is refreshed on purpose.
        #[arg(long)]
        update: bool,
    },
    /// Run every X.txt below FIXTURES and compare with X.json beside it. Exit 1 on any
    /// difference.
    Check {
        /// A folder of fixtures, or one X.txt.
        fixtures: PathBuf,
        /// Rewrite the expected X.json files with the current output.
        #[arg(long)]
        bless: bool,
        /// Report format.
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
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
    /// Print the man page or a shell completion script (bash, elvish, fish, powershell, zsh).
    Generate {
        #[command(subcommand)]
        what: Generate,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum Generate {
    /// The man page, as roff: `claimex generate man > claimex.1`.
    Man,
    /// A completion script: `claimex generate completions bash > claimex.bash`.
    Completions { shell: clap_complete::Shell },
}

/// Reads a size as ripgrep's `--max-filesize` does: `4096`, `64K`, `64M`, `1G` (powers of
/// 1024), within 1 ..= 4G - 1.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, ""),
    };
    let shift = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => {
            return Err(format!(
                "`{text}` is not a size: write bytes, or a number with K, M or G (64M)"
            ))
        }
    };
    let number: u64 = digits.parse().map_err(|_| {
        format!("`{text}` is not a size: write bytes, or a number with K, M or G (64M)")
    })?;
    let bytes = number.checked_shl(shift).filter(|b| b >> shift == number);
    match bytes {
        Some(b) if (1..=u64::from(u32::MAX)).contains(&b) => Ok(b),
        _ => Err(format!(
            "`{text}` is out of range: from 1 byte to 4G - 1 (token offsets are 32-bit)"
        )),
    }
}

fn parse_date(s: &str) -> Result<Ymd, String> {
    Ymd::parse(s).ok_or_else(|| format!("{s:?} is not a date YYYY-MM-DD"))
}
