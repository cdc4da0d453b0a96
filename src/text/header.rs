//! The optional first line `date YYYY-MM-DD Title` (the seed article's format).

use crate::document::{Header, Span};

/// Reads the header line when the text starts with one; leading whitespace is allowed.
pub fn parse_header(text: &str) -> Header {
    let trimmed_start = text.len() - text.trim_start().len();
    let line_end = text[trimmed_start..]
        .find('\n')
        .map_or(text.len(), |i| trimmed_start + i);
    let line = &text[trimmed_start..line_end];
    let Some(rest) = line.strip_prefix("date ") else {
        return Header::default();
    };
    let date = rest.get(..10).filter(|d| is_iso_date(d));
    let Some(date) = date else {
        return Header::default();
    };
    let title_text = &rest[10..];
    let title_start = line_end - title_text.trim_start().len();
    let title_end = trimmed_start + line.trim_end().len();
    let title = (title_start < title_end).then(|| Span::new(title_start, title_end));
    Header {
        date: Some(date.to_string()),
        title,
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_seed_style_header() {
        let text = " date 2021-08-27 ISIS-K: What Is It?\n\nBody.";
        let h = parse_header(text);
        assert_eq!(h.date.as_deref(), Some("2021-08-27"));
        assert_eq!(h.title.unwrap().text(text), "ISIS-K: What Is It?");
    }

    #[test]
    fn no_header_without_date_line() {
        assert_eq!(parse_header("dated 2021 stuff"), Header::default());
        assert_eq!(parse_header("date 2021-8-27 x"), Header::default());
        assert_eq!(parse_header(""), Header::default());
    }
}
