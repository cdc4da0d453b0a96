//! Escaping for HTML text, double-quoted attributes and JSON inside a `<script>` element:
//! every piece of article or user text passes through here, so that no input can become markup.

use std::io::{self, Write};

/// The replacement of each byte that text and attribute values must not carry raw; `None` for
/// bytes written as they are. A carriage return is written as a reference because the HTML
/// parser would turn a raw CR LF into LF, and the page must keep the text character for
/// character. NUL is the one character HTML cannot hold (the parser drops it from text):
/// it shows as U+FFFD, which keeps the count of characters and so every later offset.
fn replacement(byte: u8) -> Option<&'static [u8]> {
    match byte {
        b'&' => Some(b"&amp;"),
        b'<' => Some(b"&lt;"),
        b'>' => Some(b"&gt;"),
        b'"' => Some(b"&quot;"),
        b'\r' => Some(b"&#13;"),
        b'\0' => Some(b"&#xFFFD;"),
        _ => None,
    }
}

/// Writes `s` escaped for element content or a double-quoted attribute value.
pub fn write_text(out: &mut dyn Write, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if let Some(r) = replacement(b) {
            out.write_all(&bytes[from..i])?;
            out.write_all(r)?;
            from = i + 1;
        }
    }
    out.write_all(&bytes[from..])
}

/// `s` escaped as [`write_text`] writes it.
pub fn text(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    write_text(&mut out, s).expect("writing to a Vec");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// Writes JSON for a `<script type="application/json">` element: `<` appears in JSON only
/// inside strings, where `\u003c` means the same, so no `</script>` or `<!--` can end or
/// confuse the element.
pub fn write_script_json(out: &mut dyn Write, json: &[u8]) -> io::Result<()> {
    let mut from = 0;
    for i in memchr::memchr_iter(b'<', json) {
        out.write_all(&json[from..i])?;
        out.write_all(b"\\u003c")?;
        from = i + 1;
    }
    out.write_all(&json[from..])
}

/// A link to a knowledge-base entry, for the ids the gazetteers use (`wikidata:Q…`,
/// `geonames:…`); `None` for anything else, so a user list can never plant a `javascript:` URL.
pub fn kb_url(kb_id: &str) -> Option<String> {
    let (base, key) = if let Some(q) = kb_id.strip_prefix("wikidata:") {
        ("https://www.wikidata.org/wiki/", q)
    } else if let Some(n) = kb_id.strip_prefix("geonames:") {
        ("https://www.geonames.org/", n)
    } else {
        return None;
    };
    let plain =
        !key.is_empty() && key.len() <= 20 && key.bytes().all(|b| b.is_ascii_alphanumeric());
    plain.then(|| format!("{base}{key}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_becomes_text() {
        let s = "<script>alert(1)</script>\"onmouseover=x '</textarea>&amp;\r\n";
        assert_eq!(
            text(s),
            "&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=x '&lt;/textarea&gt;&amp;amp;&#13;\n"
        );
    }

    #[test]
    fn nul_shows_as_the_replacement_character() {
        assert_eq!(text("a\0b"), "a&#xFFFD;b");
    }

    #[test]
    fn script_json_cannot_close_its_element() {
        let mut out = Vec::new();
        write_script_json(&mut out, br#"{"t":"</script><!--x"}"#).unwrap();
        assert_eq!(out, br#"{"t":"\u003c/script>\u003c!--x"}"#);
        let back: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(back["t"], "</script><!--x");
    }

    #[test]
    fn only_known_knowledge_bases_are_linked() {
        assert_eq!(
            kb_url("wikidata:Q19690735").as_deref(),
            Some("https://www.wikidata.org/wiki/Q19690735")
        );
        assert_eq!(
            kb_url("geonames:1138958").as_deref(),
            Some("https://www.geonames.org/1138958")
        );
        for bad in [
            "javascript:alert(1)",
            "wikidata:Q1\"x",
            "wikidata:",
            "geonames:1/../x",
        ] {
            assert_eq!(kb_url(bad), None, "{bad}");
        }
    }
}
