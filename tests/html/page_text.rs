//! Reading a review page back as a browser would, for the tests: the article's text (tags
//! dropped, references resolved) and the results marked in it.

use std::collections::BTreeSet;

/// The inside of `<article id="text" …>…</article>`.
pub fn article_html(page: &str) -> &str {
    let start = page
        .find("<article id=\"text\"")
        .expect("the page has the article");
    let open_end = start + page[start..].find('>').expect("the article tag ends");
    let end = page.rfind("</article>").expect("the article ends");
    &page[open_end + 1..end]
}

/// The article's text as the DOM holds it: every `<` in the article starts a tag (text is
/// escaped), and the page uses only these six references.
pub fn article_text(page: &str) -> String {
    let html = article_html(page);
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').expect("tags end") + open;
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#13;", "\r")
        .replace("&#xFFFD;", "\u{FFFD}")
        .replace("&amp;", "&")
}

/// The distinct ids in every `data-NAME="…"` attribute of the article.
pub fn marked(page: &str, name: &str) -> BTreeSet<String> {
    let html = article_html(page);
    let key = format!(" data-{name}=\"");
    let mut ids = BTreeSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(&key) {
        rest = &rest[at + key.len()..];
        let end = rest.find('"').expect("attribute ends");
        ids.extend(rest[..end].split(' ').map(str::to_string));
        rest = &rest[end..];
    }
    ids
}

/// What the page's text must be for `input`: the input, with NUL (which HTML cannot hold) as
/// U+FFFD.
pub fn expected_text(input: &str) -> String {
    input.replace('\0', "\u{FFFD}")
}
