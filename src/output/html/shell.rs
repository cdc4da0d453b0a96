//! The start every page shares: doctype, language, character set, title and inline style.

use std::io::{self, Write};

use super::escape;

/// Writes everything up to and including `<body>`, with `style` inline and an empty
/// `#selection-style` element that the review page's script fills.
pub fn write_head(out: &mut dyn Write, title: &str, style: &str) -> io::Result<()> {
    out.write_all(b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")?;
    out.write_all(b"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")?;
    writeln!(
        out,
        "<meta name=\"generator\" content=\"claimex {}\">",
        env!("CARGO_PKG_VERSION")
    )?;
    out.write_all(b"<title>")?;
    escape::write_text(out, title)?;
    out.write_all(b" \xe2\x80\x93 claimex</title>\n<style>\n")?;
    out.write_all(style.as_bytes())?;
    out.write_all(b"</style>\n<style id=\"selection-style\"></style>\n</head>\n<body>\n")
}
