//! The table of documents shared by a folder's `index.html` and the report: one row per
//! document with its counts, linked to its page when there is one.

use std::io::{self, Write};

use super::escape;
use crate::document::Document;

/// One document's line in a table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocRow {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    /// The page's address relative to the table's page, when there is one.
    pub href: Option<String>,
    pub entities: usize,
    pub mentions: usize,
    pub figures: usize,
    pub claims: usize,
    /// Claims that hold a figure, and those of them with no source.
    pub figure_claims: usize,
    pub unsourced: usize,
}

impl DocRow {
    /// The row of an extracted document.
    pub fn of(id: &str, text: &str, doc: &Document) -> DocRow {
        let figure_claims = doc.claims.iter().filter(|c| !c.figures.is_empty());
        DocRow {
            id: id.to_string(),
            title: doc.header.title.map(|t| t.text(text).to_string()),
            date: doc.header.date.clone(),
            href: None,
            entities: doc.entities.len(),
            mentions: doc.entities.iter().map(|e| e.mentions.len()).sum(),
            figures: doc.figures.len(),
            claims: doc.claims.len(),
            figure_claims: figure_claims.clone().count(),
            unsourced: figure_claims.filter(|c| c.source.is_none()).count(),
        }
    }
}

/// Writes `rows` as a table.
pub fn write_doc_table(out: &mut dyn Write, rows: &[DocRow]) -> io::Result<()> {
    out.write_all(
        b"<table class=\"docs\"><thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Title</th>\
<th scope=\"col\">Date</th><th scope=\"col\" class=\"n\">Entities</th><th scope=\"col\" class=\"n\">Mentions</th>\
<th scope=\"col\" class=\"n\">Figures</th><th scope=\"col\" class=\"n\">Claims</th>\
<th scope=\"col\" class=\"n\">Figure claims without source</th></tr></thead>\n<tbody>\n",
    )?;
    for row in rows {
        out.write_all(b"<tr><td class=\"id\">")?;
        match &row.href {
            Some(href) => {
                out.write_all(b"<a href=\"")?;
                escape::write_text(out, href)?;
                out.write_all(b"\">")?;
                escape::write_text(out, &row.id)?;
                out.write_all(b"</a>")?;
            }
            None => escape::write_text(out, &row.id)?,
        }
        out.write_all(b"</td><td>")?;
        escape::write_text(out, row.title.as_deref().unwrap_or(""))?;
        out.write_all(b"</td><td>")?;
        escape::write_text(out, row.date.as_deref().unwrap_or(""))?;
        writeln!(
            out,
            "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            row.entities,
            row.mentions,
            row.figures,
            row.claims,
            if row.figure_claims == 0 {
                "–".to_string()
            } else {
                format!("{} of {}", row.unsourced, row.figure_claims)
            }
        )?;
    }
    out.write_all(b"</tbody></table>\n")
}

/// A relative address for a path below the table's folder: `/`-separated, with every byte
/// outside a safe set percent-encoded, so that no file name can break out of the attribute or
/// become a `javascript:` URL.
pub fn href(relative: &std::path::Path) -> String {
    let mut out = String::new();
    for (i, part) in relative.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        for &b in part.as_encoded_bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_relative_and_encoded() {
        assert_eq!(href("a b/x:y.html".as_ref()), "a%20b/x%3Ay.html");
        assert_eq!(
            href("javascript:alert(1)".as_ref()),
            "javascript%3Aalert%281%29"
        );
    }
}
