//! The attribution constructs of the news fixtures written for claimex (fixtures/quotes-*.txt):
//! `"…," she said`, pronoun sources, split and multi-paragraph quotes, money and percentages,
//! hedged reports.

use claimex::document::{Claim, ClaimKind, Document};
use claimex::{Config, Extractor};

fn extract(text: &str) -> Document {
    Extractor::new(&Config::default())
        .expect("extractor")
        .extract(text)
}

fn find<'d>(doc: &'d Document, text: &str, source: Option<&str>, content: &str) -> &'d Claim {
    doc.claims
        .iter()
        .find(|c| {
            c.source.as_ref().map(|s| s.span.text(text)) == source
                && c.span.text(text).starts_with(content)
        })
        .unwrap_or_else(|| panic!("no claim {source:?} → {content:?}"))
}

#[test]
fn council_budget() {
    let text = include_str!("../fixtures/quotes-council-budget.txt");
    let doc = extract(text);
    let delgado = find(
        &doc,
        text,
        Some("Maria Delgado"),
        "\"We had no good options left,\"",
    );
    assert_eq!(delgado.kind, ClaimKind::Direct);
    assert_eq!(delgado.fragments.len(), 2, "split quote");
    let role = delgado.source.as_ref().and_then(|s| s.role).expect("role");
    assert_eq!(role.text(text), "the council's finance chair");
    find(
        &doc,
        text,
        Some("He"),
        "the city could not keep drawing down",
    );
    let becker = find(
        &doc,
        text,
        Some("Becker"),
        "\"This is not the budget I wanted,\"",
    );
    assert_eq!(becker.fragments.len(), 2);
    find(&doc, text, Some("Delgado"), "that the parking increase");
    find(&doc, text, Some("She"), "\"painful but temporary.\"");
    let expected = find(&doc, text, None, "The council is expected to revisit");
    assert!(expected.hedges.contains(&"might".to_string()));
    let budget = find(
        &doc,
        text,
        None,
        "The Riverton city council approved a $48.5 million",
    );
    assert_eq!(budget.kind, ClaimKind::Unattributed);
    assert!(!budget.figures.is_empty());
}

#[test]
fn flood_relief() {
    let text = include_str!("../fixtures/quotes-flood-relief.txt");
    let doc = extract(text);
    find(
        &doc,
        text,
        Some("the regional emergency agency"),
        "More than 2,000 homes",
    );
    find(
        &doc,
        text,
        Some("Officials"),
        "repairs could cost as much as $120 million",
    );
    // The second quote runs over two paragraphs before "she said" closes it.
    let multi = find(
        &doc,
        text,
        Some("she"),
        "\"By midnight the ground floor was gone.",
    );
    assert!(multi.span.text(text).contains("\n\n\"We moved people"));
    // A quote-only paragraph takes the previous paragraph's speaker.
    let alone = find(
        &doc,
        text,
        Some("she"),
        "\"Nobody expected the levee to fail.\"",
    );
    assert!(alone.cue.is_none());
    let thought = find(
        &doc,
        text,
        None,
        "The levee is thought to have been weakened",
    );
    assert_eq!(thought.hedges, ["is thought to"]);
    find(&doc, text, None, "an inspection in 2019 flagged cracks");
    find(
        &doc,
        text,
        Some("A poll released on Monday"),
        "that 64 percent of residents",
    );
}

#[test]
fn transit_strike() {
    let text = include_str!("../fixtures/quotes-transit-strike.txt");
    let doc = extract(text);
    find(
        &doc,
        text,
        Some("Omar Haddad"),
        "\"That does not even keep up with rent,\"",
    );
    find(
        &doc,
        text,
        Some("the transit authority"),
        "the average driver earns $61,000",
    );
    let whitaker = find(
        &doc,
        text,
        Some("she"),
        "\"There is a deal to be had here,\"",
    );
    assert_eq!(whitaker.fragments.len(), 2, "split quote in one sentence");
    find(
        &doc,
        text,
        Some("Haddad"),
        "that the union would not return",
    );
    let front = doc
        .claims
        .iter()
        .find(|c| c.kind == ClaimKind::Responsibility)
        .expect("claim of responsibility");
    assert!(front.span.text(text).contains("graffiti"));
    // Scare quotes and titles are no statements.
    assert!(doc
        .claims
        .iter()
        .all(|c| !c.span.text(text).starts_with("\"final offer\"")
            && !c.span.text(text).starts_with("\"roadmap")));
}
