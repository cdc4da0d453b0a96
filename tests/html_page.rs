//! The review page (issue 15), read back in Rust: it keeps the article's text character for
//! character, marks every result the JSON has, turns hostile text into text and never into
//! markup, and is the same bytes every time. The browser's view is `tests/browser.rs`.

use std::sync::LazyLock;

use claimex::output::html::write_page;
use claimex::{Config, Document, Extractor};

#[path = "html/page_text.rs"]
mod page_text;
use page_text::{article_text, expected_text, marked};

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(&Config::default()).expect("default pipeline builds"));

fn page_of(id: &str, text: &str) -> (String, Document) {
    let doc = EXTRACTOR.extract(text);
    let mut out = Vec::new();
    write_page(&mut out, id, text, &doc).unwrap();
    (String::from_utf8(out).expect("the page is UTF-8"), doc)
}

/// The text comes back whole and every non-empty result is marked, under its JSON id.
fn assert_faithful(id: &str, text: &str) -> String {
    let (page, doc) = page_of(id, text);
    assert!(
        article_text(&page) == expected_text(text),
        "{id}: the page's text differs from the input"
    );
    let mentions: usize = doc
        .entities
        .iter()
        .flat_map(|e| &e.mentions)
        .filter(|m| !m.span.is_empty())
        .count();
    assert_eq!(marked(&page, "e").len(), mentions, "{id}: mentions");
    let figures = doc.figures.iter().filter(|f| !f.span.is_empty()).count();
    assert_eq!(marked(&page, "f").len(), figures, "{id}: figures");
    let claims = doc.claims.iter().filter(|c| !c.span.is_empty()).count();
    assert_eq!(marked(&page, "c").len(), claims, "{id}: claims");
    page
}

fn fixtures() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    texts.sort();
    assert!(!texts.is_empty());
    texts
}

#[test]
fn fixture_pages_keep_the_text_and_mark_every_result() {
    for (id, text) in fixtures() {
        assert_faithful(&id, &text);
    }
}

#[test]
fn seed_page_has_its_structure() {
    let (id, text) = fixtures()
        .into_iter()
        .find(|(id, _)| id.ends_with("isis-k-2021-08-27.txt"))
        .unwrap();
    let page = assert_faithful(&id, &text);
    assert_only_own_markup(&page);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("<title>ISIS-K: What Is It? Officials Have Issued"));
    assert!(page.contains("<time>2021-08-27</time>"));
    for part in [
        "<ul class=\"legend\"",
        "<main>",
        "<h2 id=\"who-h\">Who says what</h2>",
        "<script type=\"application/json\" id=\"claimex-data\">",
        "@media print",
        "href=\"https://www.wikidata.org/wiki/Q2429253\"",
    ] {
        assert!(page.contains(part), "missing {part}");
    }
    // Self-contained: nothing is fetched.
    for fetch in [" src=", "<link", "@import", "url("] {
        assert!(!page.contains(fetch), "the page fetches something: {fetch}");
    }
    // Paragraphs are blocks of their own.
    assert!(page.matches("<div class=\"b\">").count() >= 8);
}

#[test]
fn hostile_text_stays_text() {
    let hostile = "date 2021-08-27 <script>alert('title')</script>\n\n\
        Officials said <script>alert(1)</script> at least 250 people fled Kabul.\r\n\r\n\
        \"</textarea><img src=x onerror=alert(1)>,\" said John Smith, \"onmouseover=alert(1) x=\".\n\
        According to the United Nations, <a href=\"javascript:alert(1)\">40%</a> <!-- </script> \
        <style>body{display:none}</style> ]]> &amp; &#x3c; \u{2028} were hurt.\n";
    let id = "<img src=x onerror=alert(2)>\"";
    let page = assert_faithful(id, hostile);
    // The document's JSON, which holds the text too, cannot end its element: it has no `<`.
    let open = "<script type=\"application/json\" id=\"claimex-data\">";
    let start = page.find(open).unwrap() + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(json["id"], id);
    assert!(!page[start..end].contains('<'));
    let markup = format!("{}{}", &page[..start], &page[end..]);
    assert_only_own_markup(&markup);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

/// Every tag in `markup` is one the page writes, with attributes it writes, and every link
/// goes to a place in the page or to a knowledge base: text never becomes markup.
fn assert_only_own_markup(markup: &str) {
    const TAGS: &[&str] = &[
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
        "p", "time", "span", "div", "ul", "ol", "li", "main", "article", "aside", "section", "a",
        "script",
    ];
    const ATTRIBUTES: &[&str] = &[
        "lang",
        "charset",
        "name",
        "content",
        "id",
        "class",
        "tabindex",
        "href",
        "rel",
        "type",
        "role",
        "hidden",
        "aria-label",
        "aria-labelledby",
        "aria-live",
        "html",
    ];
    let (mut scripts, mut styles) = (0, 0);
    let mut rest = markup;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>').expect("tags end");
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert!(TAGS.contains(&name), "closing tag from the text: <{tag}>");
            continue;
        }
        let name = tag.split([' ', '\n']).next().unwrap();
        assert!(TAGS.contains(&name), "tag from the text: <{tag}>");
        scripts += usize::from(name == "script");
        styles += usize::from(name == "style");
        // The page's own style sheet and script are not markup; skip to their end.
        if name == "script" || name == "style" {
            rest = &rest[rest.find(&format!("</{name}>")).expect("element ends")..];
        }
        // Attribute values are quoted and hold no `"` (escaped), so they split cleanly.
        for (i, part) in tag[name.len()..].split('"').enumerate() {
            if i % 2 == 1 {
                continue;
            }
            let attr = part.trim().trim_end_matches('=');
            if attr.is_empty() {
                continue;
            }
            assert!(
                ATTRIBUTES.contains(&attr) || attr.starts_with("data-"),
                "attribute from the text: {attr} in <{tag}>"
            );
        }
        if let Some(at) = tag.find(" href=\"") {
            let url = &tag[at + 7..];
            assert!(
                [
                    "#",
                    "https://www.wikidata.org/wiki/",
                    "https://www.geonames.org/"
                ]
                .iter()
                .any(|ok| url.starts_with(ok)),
                "link from the text: <{tag}>"
            );
        }
    }
    assert_eq!(
        (scripts, styles),
        (2, 2),
        "only the page's own scripts and styles"
    );
}

#[test]
fn hostile_kb_ids_are_never_links() {
    let dir = std::env::temp_dir().join(format!("claimex-html-kb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("names.tsv");
    std::fs::write(
        &list,
        "Acme Widgets\tgroup/company\tjavascript:alert(1)\t\n",
    )
    .unwrap();
    let extractor = Extractor::new(&Config {
        gazetteers: vec![list],
        ..Config::default()
    })
    .unwrap();
    let text = "Acme Widgets said it sold 40 widgets.";
    let doc = extractor.extract(text);
    assert_eq!(
        doc.entities[0].kb_id.as_deref(),
        Some("javascript:alert(1)")
    );
    let mut out = Vec::new();
    write_page(&mut out, "kb", text, &doc).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(!page.contains("href=\"javascript"), "{page}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn pages_are_the_same_bytes_every_time() {
    for (id, text) in fixtures() {
        assert_eq!(page_of(&id, &text).0, page_of(&id, &text).0, "{id}");
    }
}

#[test]
fn huge_and_odd_inputs_give_pages() {
    const MB: usize = 1_000_000;
    let news = "Officials said at least 250 people fled Kabul on Monday. \"We are counting,\" \
        said Amina Bello of the Red Cross, adding that about 40% were children.\n\n";
    let cases = [
        ("1 MB of news", news.repeat(MB / news.len())),
        ("1 MB line", news.replace('\n', " ").repeat(MB / news.len())),
        ("newlines", "\n".repeat(MB / 10)),
        ("CRLF", "He said \"250\".\r\n\r\n".repeat(10_000)),
        ("quotes", "\"A,\" he said, \"B.\" ".repeat(10_000)),
        (
            "nested brackets",
            format!("{}Iran{}", "(".repeat(50_000), ")".repeat(50_000)),
        ),
        ("empty", String::new()),
        (
            "NUL and controls",
            "Iran\0said\x01 250\x0b people\x7f.\0".repeat(1_000),
        ),
        ("astral", "\u{1f600}\u{1d7d8} ".repeat(20_000)),
    ];
    for (name, text) in cases {
        let started = std::time::Instant::now();
        assert_faithful(name, &text);
        let secs = started.elapsed().as_secs_f64();
        assert!(secs < 20.0, "{name}: {secs:.1} s");
    }
}
