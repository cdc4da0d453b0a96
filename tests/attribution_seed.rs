//! The seed article's claims, as issue 2 lists them: each source with the start of its content.

use claimex::document::{Claim, Document};
use claimex::{Config, Extractor};

const SEED: &str = include_str!("../fixtures/isis-k-2021-08-27.txt");

fn extract(text: &str) -> Document {
    Extractor::new(&Config::default())
        .expect("extractor")
        .extract(text)
}

/// The claim whose source text is `source` and whose content starts with `content`.
fn find<'d>(doc: &'d Document, source: &str, content: &str) -> &'d Claim {
    doc.claims
        .iter()
        .find(|c| {
            c.source
                .as_ref()
                .is_some_and(|s| s.span.text(SEED) == source)
                && c.span.text(SEED).starts_with(content)
        })
        .unwrap_or_else(|| {
            let seen: Vec<(Option<&str>, &str)> = doc
                .claims
                .iter()
                .map(|c| {
                    (
                        c.source.as_ref().map(|s| s.span.text(SEED)),
                        c.span.text(SEED),
                    )
                })
                .collect();
            panic!("no claim {source:?} → {content:?}; claims: {seen:#?}")
        })
}

#[test]
fn seed_claims_have_their_sources() {
    let doc = extract(SEED);
    let table = [
        ("Officials", "the Islamic State militant group"),
        (
            "Secretary of State Antony Blinken",
            "that there is a “very real chance” of an ISIS-K strike",
        ),
        (
            "the Center for Strategic and International Studies",
            "the group is responsible for at least 250 incidents",
        ),
        (
            "a United Nations investigation",
            "the militant group has a few thousand members",
        ),
        ("the CSIS", "ISIS aspires to establish a caliphate"),
        ("CNN", "that ISIS-K is a “sworn opponent” of the Taliban"),
        (
            "Colin Clarke",
            "The two factions have political, ideological, and military differences",
        ),
        ("Clarke", "“a little more hardcore.”"),
    ];
    for (source, content) in table {
        find(&doc, source, content);
    }
}

#[test]
fn seed_claims_link_figures_entities_and_appositives() {
    let doc = extract(SEED);
    let csis = find(
        &doc,
        "the Center for Strategic and International Studies",
        "the group",
    );
    assert_eq!(csis.kind.as_str(), "according_to");
    let figure = &doc.figures[csis.figures[0]];
    assert_eq!(figure.value, Some(250.0));

    let un = find(&doc, "a United Nations investigation", "the militant group");
    let entity = un
        .source
        .as_ref()
        .and_then(|s| s.entity)
        .expect("UN entity");
    assert_eq!(doc.entities[entity].name, "United Nations");
    assert_eq!(un.hedges, ["might"]);

    let clarke = find(&doc, "Colin Clarke", "The two factions");
    let source = clarke.source.as_ref().expect("source");
    let role = source.role.expect("role").text(SEED);
    assert_eq!(role, "head of policy and research");
    let affiliation = source.affiliation.expect("affiliation");
    assert_eq!(doc.entities[affiliation].name, "Soufan Group");

    // The later "Clarke" is the same person once entity resolution links the surname.
    let later = find(&doc, "Clarke", "“a little more hardcore.”");
    if let (Some(a), Some(b)) = (
        later.source.as_ref().and_then(|s| s.entity),
        clarke.source.as_ref().and_then(|s| s.entity),
    ) {
        assert_eq!(a, b);
    }
}

#[test]
fn seed_negatives_stay_unattributed() {
    let doc = extract(SEED);
    for c in &doc.claims {
        let source = c.source.as_ref().map(|s| s.span.text(SEED));
        assert_ne!(source, Some("The attack"), "{c:?}");
        if c.span.text(SEED).contains("24 individuals") {
            assert_eq!(c.kind.as_str(), "unattributed");
            assert!(c.cue.is_none() && c.source.is_none());
        }
    }
    let hedged = doc
        .claims
        .iter()
        .find(|c| c.span.text(SEED).starts_with("the gang is thought to"))
        .expect("hedged claim");
    assert!(hedged.source.is_none());
    assert_eq!(hedged.hedges, ["is thought to"]);
    let responsibility = doc
        .claims
        .iter()
        .find(|c| c.kind.as_str() == "responsibility")
        .expect("claim of responsibility");
    assert!(responsibility
        .span
        .text(SEED)
        .contains("attacks on election centers"));
}
