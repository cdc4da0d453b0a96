//! The side panel "Who says what": claims grouped by who makes them, each group in the order of
//! its first claim and its claims in text order. A source resolved to an entity groups by the
//! entity; one that is not (`officials`) by its words; unattributed figure statements and
//! claims with no source at all have a group each.

use std::collections::HashMap;
use std::io::{self, Write};

use super::escape::{self, kb_url};
use crate::document::{Claim, ClaimKind, Document};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Group {
    Entity(usize),
    Words(String),
    Unattributed,
    NoSource,
}

fn group_of(text: &str, claim: &Claim) -> Group {
    match &claim.source {
        Some(source) => match source.entity {
            Some(e) => Group::Entity(e),
            None => Group::Words(source.span.text(text).to_lowercase()),
        },
        None if claim.kind == ClaimKind::Unattributed => Group::Unattributed,
        None => Group::NoSource,
    }
}

/// The longest piece of a claim's text shown in the panel, in characters.
const SNIPPET_CHARS: usize = 160;

pub fn write_panel(out: &mut dyn Write, text: &str, doc: &Document) -> io::Result<()> {
    let mut order: Vec<(Group, Vec<usize>)> = Vec::new();
    let mut index: HashMap<Group, usize> = HashMap::new();
    for (i, claim) in doc.claims.iter().enumerate() {
        let group = group_of(text, claim);
        let at = *index.entry(group.clone()).or_insert_with(|| {
            order.push((group, Vec::new()));
            order.len() - 1
        });
        order[at].1.push(i);
    }
    writeln!(
        out,
        "<section class=\"who\" aria-labelledby=\"who-h\"><h2 id=\"who-h\">Who says what</h2>"
    )?;
    if order.is_empty() {
        writeln!(out, "<p class=\"none\">No claims found.</p>")?;
    }
    for (group, claims) in &order {
        out.write_all(b"<section class=\"group\"><h3>")?;
        match group {
            Group::Entity(e) => {
                let entity = &doc.entities[*e];
                escape::write_text(out, &entity.name)?;
                write!(out, " <span class=\"type\">{}</span>", entity.entity_type)?;
                if let Some(kb) = &entity.kb_id {
                    write_kb(out, kb)?;
                }
            }
            Group::Words(words) => {
                out.write_all(b"\xe2\x80\x9c")?;
                escape::write_text(out, words)?;
                out.write_all(b"\xe2\x80\x9d <span class=\"type\">not resolved</span>")?;
            }
            Group::Unattributed => out.write_all(b"Unattributed figure claims")?,
            Group::NoSource => out.write_all(b"No source found")?,
        }
        let n = claims.len();
        write!(
            out,
            " <span class=\"count\">{n} claim{}</span></h3><ol>",
            if n == 1 { "" } else { "s" }
        )?;
        for &i in claims {
            let claim = &doc.claims[i];
            write!(
                out,
                "<li><a href=\"#c{n}\" data-claim=\"c{n}\"><span class=\"kind\">{}</span> ",
                claim.kind.as_str().replace('_', " "),
                n = i + 1
            )?;
            escape::write_text(out, &snippet(claim.span.text(text)))?;
            out.write_all(b"</a></li>")?;
        }
        writeln!(out, "</ol></section>")?;
    }
    writeln!(out, "</section>")
}

/// A kb id, as a link when it names a knowledge base the page knows.
pub fn write_kb(out: &mut dyn Write, kb: &str) -> io::Result<()> {
    out.write_all(b" ")?;
    match kb_url(kb) {
        Some(url) => {
            write!(
                out,
                "<a class=\"kb\" href=\"{url}\" rel=\"noopener noreferrer\">"
            )?;
            escape::write_text(out, kb)?;
            out.write_all(b"</a>")
        }
        None => {
            out.write_all(b"<span class=\"kb\">")?;
            escape::write_text(out, kb)?;
            out.write_all(b"</span>")
        }
    }
}

/// The start of `s`, cut at a character boundary, with an ellipsis when cut.
pub fn snippet(s: &str) -> String {
    match s.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}
