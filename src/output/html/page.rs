//! One article's review page: header and legend, the marked article, the side panel, and the
//! document's JSON (the `--explain` form of the contract) for the script's details, with the
//! style sheet and script inlined so that the file stands alone and asks the network for nothing.

use std::io::{self, Write};

use super::article::write_article;
use super::escape;
use super::panel::write_panel;
use super::{shell, SCRIPT, STYLE};
use crate::document::Document;
use crate::output::writer::{render, Format};
use crate::output::DocumentJson;

/// Writes the page of one extracted document. `id` names it when the text has no title.
pub fn write_page(out: &mut dyn Write, id: &str, text: &str, doc: &Document) -> io::Result<()> {
    let title = doc
        .header
        .title
        .map(|t| t.text(text))
        .filter(|t| !t.trim().is_empty());
    let heading = title.unwrap_or(if id.is_empty() { "Article" } else { id });
    shell::write_head(out, heading, STYLE)?;
    write_header(out, id, heading, doc)?;
    out.write_all(b"<div class=\"layout\">\n<main>\n<article id=\"text\" class=\"text\" aria-label=\"Article text\">")?;
    write_article(out, text, doc)?;
    out.write_all(
        b"</article>\n</main>\n<aside id=\"panel\" aria-label=\"Details and sources\">\n",
    )?;
    out.write_all(b"<section class=\"details\" aria-live=\"polite\"><h2>Details</h2><div id=\"details-body\"><p class=\"hint\">Hover or focus a mark for its details; click it or press Enter to select it and everything that belongs to it (again to cycle through overlapping marks, Esc to clear).</p></div></section>\n")?;
    write_panel(out, text, doc)?;
    out.write_all(b"</aside>\n</div>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n")?;
    out.write_all(b"<script type=\"application/json\" id=\"claimex-data\">")?;
    let json = render(&DocumentJson::new(id, text, doc, true), Format::Jsonl);
    escape::write_script_json(out, json.trim_ascii_end())?;
    out.write_all(b"</script>\n<script>\n")?;
    out.write_all(SCRIPT.as_bytes())?;
    out.write_all(b"</script>\n</body>\n</html>\n")
}

fn write_header(out: &mut dyn Write, id: &str, heading: &str, doc: &Document) -> io::Result<()> {
    out.write_all(b"<header>\n<h1>")?;
    escape::write_text(out, heading)?;
    out.write_all(b"</h1>\n<p class=\"meta\">")?;
    if let Some(date) = &doc.header.date {
        out.write_all(b"<time>")?;
        escape::write_text(out, date)?;
        out.write_all(b"</time> \xc2\xb7 ")?;
    }
    if !id.is_empty() {
        out.write_all(b"<span class=\"id\">")?;
        escape::write_text(out, id)?;
        out.write_all(b"</span> \xc2\xb7 ")?;
    }
    let mentions: usize = doc.entities.iter().map(|e| e.mentions.len()).sum();
    writeln!(
        out,
        "{} entities ({mentions} mentions), {} figures, {} claims</p>",
        doc.entities.len(),
        doc.figures.len(),
        doc.claims.len()
    )?;
    out.write_all(LEGEND.as_bytes())?;
    out.write_all(b"</header>\n")
}

/// Each kind of mark, drawn as it is drawn in the text: colour and line style both tell them
/// apart, so the legend reads without colour vision too.
const LEGEND: &str = "<ul class=\"legend\" aria-label=\"Legend\">\
<li><span class=\"m p\">Person</span></li>\
<li><span class=\"m g\">Group</span></li>\
<li><span class=\"m l\">Place</span></li>\
<li><span class=\"f\" data-v=\"value\">Figure</span></li>\
<li><span class=\"s\">Source</span></li>\
<li><span class=\"k\">cue</span></li>\
<li><span class=\"c\">claim content</span></li>\
<li><span class=\"c u\">unattributed figure claim</span></li>\
</ul>\n";
