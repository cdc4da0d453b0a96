//! The library's one error type: every variant says where (path, line, byte) and what to do.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// Reading a file or stream failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The input is not UTF-8; `byte` is the offset of the first invalid byte.
    InvalidUtf8 { path: PathBuf, byte: usize },
    /// The input looks binary (it contains NUL bytes or other control data).
    Binary { path: PathBuf, byte: usize },
    /// The input is larger than the configured limit.
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// A line of a data file (gazetteer, lexicon, JSON Lines input) is malformed.
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => {
                let dangling = source.kind() == std::io::ErrorKind::NotFound
                    && path.symlink_metadata().is_ok_and(|m| m.is_symlink());
                if dangling {
                    write!(f, "{}: a dangling symlink (its target does not exist)", path.display())
                } else {
                    write!(f, "{}: {}", path.display(), io_message(source))
                }
            }
            Error::InvalidUtf8 { path, byte } => write!(
                f,
                "{}: not valid UTF-8 (first invalid byte at offset {byte}); convert it first, e.g. `iconv -f latin1 -t utf-8`",
                path.display()
            ),
            Error::Binary { path, byte } => write!(
                f,
                "{}: looks like a binary file (NUL byte at offset {byte}); claimex reads plain text",
                path.display()
            ),
            Error::TooLarge { path, size, limit } => write!(
                f,
                "{}: {size} bytes is more than the limit of {limit} bytes; raise it with --max-bytes",
                path.display()
            ),
            Error::Parse { path, line, message } => {
                write!(f, "{}:{line}: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// An I/O error as a sentence, without the " (os error 2)" the standard library appends.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound if e.raw_os_error().is_some() => "no such file or folder".into(),
        ErrorKind::PermissionDenied if e.raw_os_error().is_some() => "permission denied".into(),
        _ => {
            let text = e.to_string();
            match text.rfind(" (os error ") {
                Some(at) if text.ends_with(')') => text[..at].to_string(),
                _ => text,
            }
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
