//! Gender evidence for the people of a document, so that "he" and "she" link only to a person
//! they agree with (issue 12). Evidence, strongest first: the gazetteer's gender list, an
//! honorific before a mention ("Mrs"), a gendered role noun before a mention or in its
//! appositive ("Congresswoman X", "X, a spokeswoman for …"), the first name (US Census names
//! that are ≥ 95% one gender). The curated list decides; other evidence must agree, else the
//! gender stays unknown, and an unknown gender never makes a link certain.

use super::view::DocView;
use crate::document::EntityType;
use crate::hash::FastMap;

const PEOPLE: &str = include_str!("../../gazetteers/gender/people.tsv");
const HONORIFICS: &str = include_str!("../../gazetteers/gender/honorifics.tsv");
const ROLE_NOUNS: &str = include_str!("../../gazetteers/gender/role_nouns.tsv");
const FIRST_NAMES: &str = include_str!("../../gazetteers/gender/first_names.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    fn parse(s: &str) -> Gender {
        match s {
            "m" => Gender::Male,
            "f" => Gender::Female,
            other => panic!("gazetteers/gender: unknown gender {other:?}"),
        }
    }

    fn bit(self) -> u8 {
        match self {
            Gender::Male => 1,
            Gender::Female => 2,
        }
    }
}

/// The gender lists, built once.
#[derive(Clone, Debug, Default)]
pub struct GenderLexicon {
    /// Canonical gazetteer name → gender.
    people: FastMap<String, Gender>,
    /// Honorific without its dot ("Mrs") → gender.
    honorifics: FastMap<String, Gender>,
    /// Lower-case role noun → gender.
    roles: FastMap<String, Gender>,
    /// First name as capitalised ("Mary") → gender.
    first_names: FastMap<String, Gender>,
}

fn table(contents: &str, key: impl Fn(&str) -> String) -> FastMap<String, Gender> {
    contents
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, g)| (key(k), Gender::parse(g.trim())))
        .collect()
}

impl GenderLexicon {
    /// The lexicon of the embedded lists (static data: a bad row is a build bug the tests catch).
    pub fn embedded() -> GenderLexicon {
        GenderLexicon {
            people: table(PEOPLE, str::to_string),
            honorifics: table(HONORIFICS, |k| k.trim_end_matches('.').to_string()),
            roles: table(ROLE_NOUNS, str::to_string),
            first_names: table(FIRST_NAMES, str::to_string),
        }
    }

    /// The gender a role noun or title names ("spokeswoman", "Congressman"), in any case.
    pub fn role(&self, word: &str) -> Option<Gender> {
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            return self.roles.get(word).copied();
        }
        self.roles.get(&word.to_lowercase()).copied()
    }

    fn honorific(&self, word: &str) -> Option<Gender> {
        self.honorifics.get(word.trim_end_matches('.')).copied()
    }

    /// The gender of a name's first word; a name of one word ("Betty") counts too, as news
    /// names people by surname only after their full name.
    fn first_name(&self, name: &str) -> Option<Gender> {
        let first = name.split_whitespace().next()?;
        self.first_names.get(first).copied()
    }
}

/// Evidence bits per level: people list, honorific, role noun, first name.
#[derive(Clone, Copy, Default)]
struct Evidence([u8; 4]);

impl Evidence {
    fn add(&mut self, level: usize, gender: Option<Gender>) {
        if let Some(g) = gender {
            self.0[level] |= g.bit();
        }
    }

    /// The curated list decides; other evidence counts when it all agrees ("Mr. Marbles" was
    /// Jenna Marbles's dog).
    fn decide(self) -> Option<Gender> {
        let bits = match self.0[0] {
            0 => self.0.iter().fold(0, |all, &b| all | b),
            listed => listed,
        };
        match bits {
            1 => Some(Gender::Male),
            2 => Some(Gender::Female),
            _ => None,
        }
    }
}

/// Most words an appositive role is looked for in ("X, a former party spokeswoman").
const APPOSITIVE_WORDS: usize = 5;

/// The gender of each entity of the document (people only; `None` when unknown).
pub fn entity_genders(v: &DocView, lex: &GenderLexicon) -> Vec<Option<Gender>> {
    let mut evidence = vec![Evidence::default(); v.entities.len()];
    for (e, entity) in v.entities.iter().enumerate() {
        if entity.entity_type == EntityType::Person {
            evidence[e].add(0, lex.people.get(entity.name.as_str()).copied());
            evidence[e].add(3, lex.first_name(&entity.name));
        }
    }
    for &(span, e) in &v.mentions {
        if v.entities[e].entity_type != EntityType::Person {
            continue;
        }
        let first = v.token_at(span.start);
        let ev = &mut evidence[e];
        if first < v.tokens.len() {
            // "Mrs. Claus" may be the mention itself.
            ev.add(1, lex.honorific(v.word(first)));
            ev.add(3, lex.first_name(span.text(v.text)));
        }
        // The word before, over an abbreviation's dot: "Mr. X", "Congresswoman X".
        let mut before = first;
        if before > 0 && v.is_abbreviation_dot(before - 1) {
            before -= 1;
        }
        if before > 0 && v.is_word(before - 1) {
            ev.add(1, lex.honorific(v.word(before - 1)));
            ev.add(2, lex.role(v.word(before - 1)));
        }
        // "X, a spokeswoman for …": a determiner, then role words up to a preposition.
        let after = v.token_at(span.end);
        if after + 2 < v.tokens.len()
            && v.word(after) == ","
            && ["a", "an", "the"].iter().any(|d| v.is(after + 1, d))
        {
            for i in (after + 2..v.tokens.len()).take(APPOSITIVE_WORDS) {
                if !v.is_word(i) || v.role(i).is_some() {
                    break;
                }
                ev.add(2, lex.role(v.word(i)));
            }
        }
    }
    evidence.into_iter().map(Evidence::decide).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_name_genders() {
        let lex = GenderLexicon::embedded();
        assert_eq!(lex.honorific("Mrs."), Some(Gender::Female));
        assert_eq!(lex.honorific("Mr"), Some(Gender::Male));
        assert_eq!(lex.role("Spokeswoman"), Some(Gender::Female));
        assert_eq!(lex.role("chairman"), Some(Gender::Male));
        assert_eq!(lex.role("official"), None);
        assert_eq!(lex.first_name("Mary Smith"), Some(Gender::Female));
        assert_eq!(lex.first_name("Betty"), Some(Gender::Female));
        assert_eq!(
            lex.first_name("Leslie Smith"),
            None,
            "a name of both genders"
        );
        assert_eq!(
            lex.people.get("Hillary Clinton").copied(),
            Some(Gender::Female)
        );
    }

    #[test]
    fn the_list_decides_else_evidence_must_agree() {
        let mut e = Evidence::default();
        e.add(3, Some(Gender::Female));
        e.add(2, Some(Gender::Female));
        assert_eq!(e.decide(), Some(Gender::Female));
        e.add(1, Some(Gender::Male));
        assert_eq!(e.decide(), None, "a conflict leaves the gender unknown");
        e.add(0, Some(Gender::Male));
        assert_eq!(e.decide(), Some(Gender::Male), "the curated list decides");
        assert_eq!(Evidence::default().decide(), None);
    }
}
