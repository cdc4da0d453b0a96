//! The rows of a gazetteer entity file: `canonical<TAB>type[/subtype]<TAB>kb_id<TAB>aliases`,
//! one per line, `#` comments and blank lines skipped. Shared by `build.rs`, which compiles the
//! embedded lists, and by the loader of user files, so both read the format the same way.

/// One entity line, its fields trimmed (missing fields are empty).
pub struct Row<'a> {
    /// Zero-based line number, for messages.
    pub line: usize,
    pub name: &'a str,
    pub type_col: &'a str,
    pub kb_id: &'a str,
    /// `|`-separated, untrimmed.
    pub aliases: &'a str,
}

/// The entity rows of a file's contents, in order.
pub fn rows(contents: &str) -> impl Iterator<Item = Row<'_>> {
    contents.lines().enumerate().filter_map(|(line, text)| {
        let text = text.trim_end_matches('\r');
        if text.trim().is_empty() || text.starts_with('#') {
            return None;
        }
        let mut cols = text.split('\t');
        let mut next = || cols.next().unwrap_or("");
        Some(Row {
            line,
            name: next().trim(),
            type_col: next().trim(),
            kb_id: next().trim(),
            aliases: next(),
        })
    })
}
