//! Name recognition by rule, disambiguation by context and in-document propagation, on texts
//! written for these tests. Each case lists (mention text, type) pairs that must be found, and
//! mention texts that must not be entities.

use claimex::document::EntityType::{self, Group, Person, Place};
use claimex::{Config, Extractor};

struct Case {
    text: &'static str,
    want: &'static [(&'static str, EntityType)],
    not: &'static [&'static str],
}

const CASES: &[Case] = &[
    // Titles, first names and "X said".
    Case {
        text: "Foreign Minister Ruslan Kovar met Dr. Elena Marsh in the capital.",
        want: &[("Ruslan Kovar", Person), ("Elena Marsh", Person)],
        not: &["Foreign Minister Ruslan Kovar", "Dr"],
    },
    Case {
        text: "The deal was signed on Monday, Abelard Quist said.",
        want: &[("Abelard Quist", Person)],
        not: &["Monday", "The"],
    },
    // Organisation suffixes and heads.
    Case {
        text: "Analysts at the Brenner Policy Institute and Valdez Holdings Corp. disagreed with the Ministry of Water Resources.",
        want: &[
            ("Brenner Policy Institute", Group),
            ("Ministry of Water Resources", Group),
        ],
        not: &["Analysts"],
    },
    // Acronym defined in the text joins its full name.
    Case {
        text: "The Council for Arctic Shipping Safety (CASS) warned on Tuesday. CASS said ice was thinning.",
        want: &[("Council for Arctic Shipping Safety", Group), ("CASS", Group)],
        not: &["Tuesday"],
    },
    // Places by list and by "in X"; demonyms are not places.
    Case {
        text: "Pakistani officials said the convoy left Kabul for Peshawar-based units in Zorvania.",
        want: &[("Kabul", Place), ("Zorvania", Place)],
        not: &["Pakistani", "Officials"],
    },
    // Sentence-initial capitals and months are not names.
    Case {
        text: "May was wet. Will the talks resume? Last May, Bill Hadley resigned.",
        want: &[("Bill Hadley", Person)],
        not: &["May", "Will", "Last May", "Last"],
    },
    // Jordan the country, Jordan the person.
    Case {
        text: "Troops crossed into Jordan. Later, Michael Jordan spoke to fans.",
        want: &[("Jordan", Place), ("Michael Jordan", Person)],
        not: &[],
    },
    // Title-case headline: no names from common words.
    Case {
        text: "Officials Have Issued a Stern Warning Ahead of the Vote\n\nThe vote in Ukraine was calm.",
        want: &[("Ukraine", Place)],
        not: &["Have Issued", "Stern Warning", "Officials", "Stern Warning Ahead"],
    },
];

fn mentions(extractor: &Extractor, text: &str) -> Vec<(String, EntityType, String)> {
    let doc = extractor.extract(text);
    doc.entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| (m.span.text(text).to_string(), e.entity_type, e.name.clone()))
        })
        .collect()
}

#[test]
fn rules_and_disambiguation() {
    let extractor = Extractor::new(&Config::default()).unwrap();
    for case in CASES {
        let found = mentions(&extractor, case.text);
        for (text, t) in case.want {
            assert!(
                found.iter().any(|(m, ft, _)| m == text && ft == t),
                "{:?}: want {text:?} as {t}, found {found:?}",
                case.text
            );
        }
        for text in case.not {
            assert!(
                found.iter().all(|(m, _, _)| m != text),
                "{:?}: {text:?} is no entity, found {found:?}",
                case.text
            );
        }
    }
}

#[test]
fn surname_and_headline_mentions_join_the_full_name() {
    let extractor = Extractor::new(&Config::default()).unwrap();
    let text = "HADLEY QUITS BOARD\nLONDON 2024-03-01\nBill Hadley resigned on Friday. \
                Hadley said he was tired.";
    let doc = extractor.extract(text);
    let hadley = doc
        .entities
        .iter()
        .find(|e| e.name == "Bill Hadley")
        .unwrap_or_else(|| panic!("{:#?}", doc.entities));
    assert_eq!(hadley.entity_type, Person);
    let texts: Vec<&str> = hadley.mentions.iter().map(|m| m.span.text(text)).collect();
    assert_eq!(texts, ["HADLEY", "Bill Hadley", "Hadley"]);
    assert!(hadley.mentions[2].via.starts_with("propagated"));
    // The dateline city stays a place.
    assert!(doc
        .entities
        .iter()
        .any(|e| e.entity_type == Place && e.mentions[0].span.text(text) == "LONDON"));
}

#[test]
fn towns_are_clubs_in_team_sports_copy_but_not_in_datelines() {
    let extractor = Extractor::new(&Config::default()).unwrap();
    let text = "SOCCER - LEEDS BEAT CHELSEA\nLONDON 2024-03-02\nLeeds beat Chelsea 2-1 in London \
                on Saturday.\nLeeds 2 Chelsea 1";
    let found = mentions(&extractor, text);
    let type_of = |s: &str| {
        found
            .iter()
            .filter(|(m, _, _)| m == s)
            .map(|(_, t, _)| *t)
            .collect::<Vec<_>>()
    };
    assert!(type_of("Leeds").iter().all(|t| *t == Group), "{found:?}");
    assert!(type_of("Chelsea").iter().all(|t| *t == Group), "{found:?}");
    assert_eq!(type_of("LONDON"), [Place]);
    assert_eq!(type_of("London"), [Place]);
}

#[test]
fn user_list_wins_and_reports_its_provenance() {
    let dir = std::env::temp_dir().join(format!("claimex-ner-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("clubs.tsv");
    std::fs::write(&path, "Kabul Lions\tgroup/club\twikidata:Q1\tKabul\n").unwrap();
    let config = Config {
        gazetteers: vec![path],
        ..Config::default()
    };
    let extractor = Extractor::new(&config).unwrap();
    let text = "Kabul won again.";
    let doc = extractor.extract(text);
    let e = &doc.entities[0];
    assert_eq!((e.entity_type, e.name.as_str()), (Group, "Kabul Lions"));
    assert_eq!(e.kb_id.as_deref(), Some("wikidata:Q1"));
    assert_eq!(e.mentions[0].via, "gazetteer:clubs");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn odd_inputs_never_panic_and_spans_stay_on_char_boundaries() {
    let extractor = Extractor::new(&Config::default()).unwrap();
    let inputs = [
        "",
        "'s",
        "’s Ünïcödé’s Zoë’s",
        "The",
        "A B C D E F G",
        "SOCCER - \n\n1996-08-30\n",
        "X 1 Y 2\nZ 3",
        "Mr. . . Dr. ( ) ( CSIS )",
        "van der de la",
        "ÉCOLE NATIONALE D'ADMINISTRATION ( ENA ) said",
        "Secretary of State",
        "São Paulo-based Ωmega Group’s chief, Zoë Ñúñez, said in Zürich.",
        "of of of and and &",
        "\u{200b}Kabul\u{200b}",
    ];
    for text in inputs {
        let doc = extractor.extract(text);
        for e in &doc.entities {
            for m in &e.mentions {
                assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                assert!(
                    !m.span.text(text).trim().is_empty(),
                    "{text:?}: empty mention"
                );
            }
        }
    }
}

#[test]
fn a_later_partial_organisation_name_joins_the_full_name() {
    let extractor = Extractor::new(&Config::default()).unwrap();
    let text = "Analysts at the Brenner Group said so. Brenner declined to comment.";
    let doc = extractor.extract(text);
    let group = doc
        .entities
        .iter()
        .find(|e| e.name == "Brenner Group")
        .unwrap_or_else(|| panic!("{:#?}", doc.entities));
    let texts: Vec<&str> = group.mentions.iter().map(|m| m.span.text(text)).collect();
    assert_eq!(texts, ["Brenner Group", "Brenner"]);
    assert_eq!(doc.entities.len(), 1, "{:#?}", doc.entities);
}

#[test]
fn an_acronym_recognised_again_joins_its_defined_full_name() {
    let extractor = Extractor::new(&Config::default()).unwrap();
    // The later "HPA"s are recognised from "HPA said", then renamed by the definition: they
    // must join the full name, not become an entity named after their provenance.
    let text = "The Harbour Pilots Association (HPA) met on Monday. HPA said fees would rise. \
                Members of HPA voted later, and the HPA board agreed.";
    let doc = extractor.extract(text);
    let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Harbour Pilots Association"], "{:#?}", doc.entities);
    let texts: Vec<&str> = doc.entities[0]
        .mentions
        .iter()
        .map(|m| m.span.text(text))
        .collect();
    assert_eq!(
        texts,
        ["Harbour Pilots Association", "HPA", "HPA", "HPA", "HPA"]
    );
}
