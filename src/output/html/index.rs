//! `index.html` of a folder of review pages: every page with its counts.

use std::io::{self, Write};

use super::shell::write_head;
use super::table::{write_doc_table, DocRow};
use super::REPORT_STYLE;

/// Writes the index of `rows` (their `href`s relative to the index's folder).
pub fn write_index(out: &mut dyn Write, rows: &[DocRow]) -> io::Result<()> {
    write_head(out, "Articles", REPORT_STYLE)?;
    out.write_all(b"<h1>Articles</h1>\n")?;
    let claims: usize = rows.iter().map(|r| r.claims).sum();
    let entities: usize = rows.iter().map(|r| r.entities).sum();
    writeln!(
        out,
        "<p class=\"meta\">{} pages, {entities} entities, {claims} claims. Open a page to see its article with every result marked.</p>",
        rows.len()
    )?;
    write_doc_table(out, rows)?;
    out.write_all(b"</body>\n</html>\n")
}
