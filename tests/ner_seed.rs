//! The seed article's people, groups and places (issue 2), and the words that are not names.

use claimex::document::EntityType;
use claimex::{Config, Extractor};

const SEED: &str = include_str!("../fixtures/isis-k-2021-08-27.txt");

fn entities() -> Vec<(EntityType, String, Vec<String>)> {
    let extractor = Extractor::new(&Config::default()).unwrap();
    let doc = extractor.extract(SEED);
    doc.entities
        .iter()
        .map(|e| {
            let mentions = e
                .mentions
                .iter()
                .map(|m| m.span.text(SEED).to_string())
                .collect();
            (e.entity_type, e.name.clone(), mentions)
        })
        .collect()
}

#[test]
fn seed_entities_are_found_and_resolved() {
    use EntityType::*;
    let found = entities();
    let expected: &[(EntityType, &str, &[&str])] = &[
        (Person, "Antony Blinken", &["Antony Blinken"]),
        (Person, "Colin Clarke", &["Colin Clarke", "Clarke"]),
        (Group, "Islamic State", &["Islamic State", "ISIS"]),
        (Group, "ISIS-K", &["ISIS-K"]),
        (Group, "Taliban", &["Taliban"]),
        (
            Group,
            "Center for Strategic and International Studies",
            &["Center for Strategic and International Studies", "CSIS"],
        ),
        (Group, "United Nations", &["United Nations"]),
        (Group, "CNN", &["CNN"]),
        (Group, "Soufan Group", &["Soufan Group"]),
        (Place, "Afghanistan", &["Afghanistan"]),
        (Place, "Kabul", &["Kabul"]),
        (Place, "Khorasan", &["Khorasan"]),
        (Place, "Iran", &["Iran"]),
        (Place, "Pakistan", &["Pakistan"]),
        (Place, "Iraq", &["Iraq"]),
        (Place, "Syria", &["Syria"]),
        (Place, "Jerusalem", &["Jerusalem"]),
        (Place, "Israel", &["Israel"]),
        (Place, "United States", &["United States", "US"]),
    ];
    for (t, name, mentions) in expected {
        let entity = found
            .iter()
            .find(|(et, n, _)| et == t && n == name)
            .unwrap_or_else(|| panic!("no {t} {name:?} in {found:#?}"));
        for m in *mentions {
            assert!(
                entity.2.iter().any(|x| x == m),
                "{name:?} lacks mention {m:?}: {:?}",
                entity.2
            );
        }
    }
}

#[test]
fn seed_common_words_are_not_entities() {
    let found = entities();
    for word in [
        "Officials",
        "Secretary",
        "Thursday",
        "Last May",
        "May",
        "God",
        "Afghan",
    ] {
        assert!(
            found.iter().all(|(_, _, ms)| ms.iter().all(|m| m != word)),
            "{word:?} should not be an entity: {found:#?}"
        );
    }
}

#[test]
fn seed_entities_are_ordered_by_first_mention() {
    let extractor = Extractor::new(&Config::default()).unwrap();
    let doc = extractor.extract(SEED);
    let firsts: Vec<usize> = doc
        .entities
        .iter()
        .map(|e| e.mentions[0].span.start)
        .collect();
    assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{firsts:?}");
}
