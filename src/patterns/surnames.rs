//! People in the news known by surname alone ("Putin said", "Obama's visit"; issue 12): a
//! surname unique among the news lists' people (`gazetteers/people/known_surnames.tsv`) names
//! that person, unless the document names someone else of that surname in full, or the place
//! reading wins ("Clinton, Iowa", "in Clinton").

use crate::document::{Candidate, EntityType, Span};
use crate::hash::FastMap;
use crate::text::tokens::{Token, TokenKind};
use std::borrow::Cow;

const KNOWN_SURNAMES: &str = include_str!("../../gazetteers/people/known_surnames.tsv");

/// Words after a name that make it a speaker ("Clinton said").
const SAID: &[&str] = &["added", "argued", "said", "says", "told", "wrote"];
/// Words before a place name that make a surname read as the place ("in Clinton").
const PLACE_PREPOSITIONS: &[&str] = &["at", "from", "in", "near", "outside", "to"];

struct Known {
    /// The canonical name; for a surname several listed people share, the surname itself.
    name: &'static str,
    /// Several listed people bear it ("Clinton"): a person, but not one the list can name.
    shared: bool,
    subtype: Option<&'static str>,
    kb_id: Option<&'static str>,
}

/// The surnames that name one person in the news, built once.
pub struct KnownSurnames {
    by_surname: FastMap<&'static str, Known>,
    /// Bit `length` of entry `initial - 'A'`: some surname has that capital and length, so
    /// most capitalised words are ruled out without a look-up.
    shapes: [u32; 26],
}

impl KnownSurnames {
    pub fn embedded() -> KnownSurnames {
        let by_surname: FastMap<&'static str, Known> = KNOWN_SURNAMES
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let cells: Vec<&'static str> = l.split('\t').collect();
                let cell = |i: usize| cells.get(i).copied().filter(|c| !c.is_empty());
                let shared = cell(1).is_none();
                let known = Known {
                    name: if shared { cells[0] } else { cells[1] },
                    shared,
                    subtype: cell(2).and_then(|t| t.split_once('/')).map(|(_, s)| s),
                    kb_id: cell(3),
                };
                (cells[0], known)
            })
            .collect();
        let mut shapes = [0u32; 26];
        for s in by_surname.keys() {
            let initial = s.as_bytes()[0];
            if initial.is_ascii_uppercase() && s.len() < 32 {
                shapes[usize::from(initial - b'A')] |= 1 << s.len();
            }
        }
        KnownSurnames { by_surname, shapes }
    }

    /// True when some surname starts with `initial` and is `len` bytes long.
    fn may_be(&self, initial: u8, len: usize) -> bool {
        initial.is_ascii_uppercase()
            && len < 32
            && self.shapes[usize::from(initial - b'A')] & (1 << len) != 0
    }

    /// Adds a person candidate for each known surname standing alone, and gives a surname the
    /// recogniser found alone ("Mr. Trump" → "Trump") its person's canonical name and id.
    pub fn apply<'a>(
        &'a self,
        text: &'a str,
        tokens: &[Token],
        candidates: &mut Vec<Candidate<'a>>,
    ) {
        if self.by_surname.is_empty() {
            return;
        }
        // "Melania Trump" in the document: "Trump" alone is no longer one person. Found at
        // the first known surname: most documents have none.
        let mut contested: Option<Vec<&str>> = None;
        let word = |i: usize| tokens[i].text(text);
        let capitalised =
            |i: usize| tokens[i].kind == TokenKind::Word && word(i).starts_with(char::is_uppercase);
        let mut added = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            // Every listed surname starts with an ASCII capital: a byte test and a bit test
            // rule out most tokens.
            let initial = text.as_bytes()[t.span().start];
            let len = t.span().len();
            let possessive = |n: usize| len > n && self.may_be(initial, len - n);
            if t.kind != TokenKind::Word
                || !(self.may_be(initial, len) || possessive(2) || possessive(4))
            {
                continue;
            }
            // "Obama's" may be one token: the name is the part before the possessive.
            let surname = word(i)
                .strip_suffix("'s")
                .or_else(|| word(i).strip_suffix("\u{2019}s"))
                .unwrap_or(word(i));
            let Some(known) = self.by_surname.get(surname) else {
                continue;
            };
            // A shared surname is a person only where the text says so: "Clinton's ability",
            // "Clinton said".
            let possessive = surname.len() < word(i).len()
                || i + 1 < tokens.len() && matches!(word(i + 1), "'s" | "\u{2019}s");
            let speaks = i + 1 < tokens.len() && SAID.iter().any(|w| word(i + 1) == *w);
            if known.shared && !possessive && !speaks {
                continue;
            }
            let contested = contested.get_or_insert_with(|| {
                candidates
                    .iter()
                    .filter(|c| c.entity_type == EntityType::Person)
                    .filter_map(|c| {
                        let (_, last) = c.name.rsplit_once(' ')?;
                        let known = self.by_surname.get(last)?;
                        (known.name != c.name).then_some(known.name)
                    })
                    .collect()
            });
            if !known.shared && contested.contains(&known.name) {
                continue;
            }
            let span = Span::new(t.span().start, t.span().start + surname.len());
            // Known surnames are rare: a scan of the candidates for each is cheaper than
            // sorting them for every document.
            let overlapping = candidates.iter_mut().find(|c| c.span.overlaps(&span));
            let as_person = |c: &mut Candidate<'a>| {
                c.entity_type = EntityType::Person;
                c.name = Cow::Borrowed(known.name);
                c.subtype = known.subtype;
                c.kb_id = known.kb_id;
                c.via = "gazetteer:known_surnames".into();
            };
            match overlapping {
                // "Mr. Trump": the title's surname becomes the known person.
                Some(c) if c.entity_type == EntityType::Person => {
                    if c.kb_id.is_none() && c.name == surname {
                        as_person(c);
                    }
                }
                // "Clinton's ability" is the person; "Clinton, Iowa" and "in Clinton" the place.
                Some(c) if c.span == span => {
                    let comma_place =
                        i + 2 < tokens.len() && word(i + 1) == "," && capitalised(i + 2);
                    let preposition = i > 0 && PLACE_PREPOSITIONS.iter().any(|p| word(i - 1) == *p);
                    if !comma_place && !preposition {
                        as_person(c);
                    }
                }
                Some(_) => {}
                // "Trump Tower" is no person.
                None if i + 1 < tokens.len() && capitalised(i + 1) => {}
                None => added.push(Candidate {
                    span,
                    entity_type: EntityType::Person,
                    subtype: known.subtype,
                    name: Cow::Borrowed(known.name),
                    kb_id: known.kb_id,
                    via: "gazetteer:known_surnames".into(),
                }),
            }
        }
        candidates.extend(added);
    }
}

#[cfg(test)]
mod tests {
    use crate::{Config, Extractor};

    /// The entity type and name a word should be; `None`: no entity.
    type Expected = Option<(&'static str, &'static str)>;

    /// (text, word, what it should be)
    const CASES: &[(&str, &str, Expected)] = &[
        (
            "Putin said the talks had failed.",
            "Putin",
            Some(("person", "Vladimir Putin")),
        ),
        (
            "Voters trust Obama's judgement, the poll found.",
            "Obama",
            Some(("person", "Barack Obama")),
        ),
        (
            "Russian President Vladimir Putin spoke first. Putin then left.",
            "Vladimir Putin",
            Some(("person", "Vladimir Putin")),
        ),
        (
            "Mr. Trump said nothing on Monday.",
            "Trump",
            Some(("person", "Donald Trump")),
        ),
        // Someone else of that name: no guess.
        (
            "Eric Trump spoke first. Trump said the deal was done.",
            "Eric Trump",
            Some(("person", "Eric Trump")),
        ),
        ("The Trump Tower lobby was closed.", "Trump", None),
        // Several listed people are called Clinton: a person, of no listed identity, where
        // the text makes it one; a place where it is one.
        (
            "Voters doubt Clinton's ability to win.",
            "Clinton",
            Some(("person", "Clinton")),
        ),
        (
            "The factory in Clinton, Iowa, closed on Monday.",
            "Clinton",
            Some(("place", "Clinton")),
        ),
    ];

    #[test]
    fn known_surnames_name_their_person() {
        let extractor = Extractor::new(&Config::default()).expect("extractor");
        for &(text, word, want) in CASES {
            let doc = extractor.extract(text);
            let at = text.find(word).expect("word in text");
            let got = doc.entities.iter().find(|e| {
                e.mentions
                    .iter()
                    .any(|m| m.span.start == at && m.span.text(text) == word)
            });
            let got = got.map(|e| (e.entity_type.as_str(), e.name.as_str()));
            assert_eq!(got, want, "{text}");
        }
        // The document's "Trump" after "Eric Trump" stays his.
        let text = "Eric Trump spoke first. Trump said the deal was done.";
        let doc = extractor.extract(text);
        assert!(
            doc.entities.iter().all(|e| e.name != "Donald Trump"),
            "{text}"
        );
    }
}
