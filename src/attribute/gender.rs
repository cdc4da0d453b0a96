//! Gender evidence for the people of a document, so that "he" and "she" link only to a person
//! they agree with (issue 12). Evidence, strongest first: the gazetteer's gender list, an
//! honorific before a mention ("Mrs"), a gendered role noun before a mention or in its
//! appositive ("Congresswoman X", "X, a spokeswoman for …"), the first name (US Census names
//! that are ≥ 95% one gender). The curated list decides; other evidence must agree, else the
//! gender stays unknown, and an unknown gender never makes a link certain.

use super::view::DocView;
use crate::document::EntityType;
use crate::hash::{FastMap, FastSet};

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
    people: FastMap<&'static str, Gender>,
    /// Honorific without its dot ("Mrs") → gender.
    honorifics: FastMap<&'static str, Gender>,
    /// Lower-case role noun → gender.
    roles: FastMap<&'static str, Gender>,
    /// First name as capitalised ("Mary") → gender.
    first_names: FastMap<&'static str, Gender>,
    /// First names that are common surnames too ("Dean"): alone, they say nothing.
    surnames_too: FastSet<&'static str>,
}

/// The rows of an embedded list, keyed by slices of it (no copy of its thousands of names).
fn table(
    contents: &'static str,
    key: impl Fn(&'static str) -> &'static str,
) -> FastMap<&'static str, Gender> {
    let rows = || {
        contents
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
    };
    // Sized once: growing would hash the thousands of first names again at each doubling.
    let mut map = FastMap::with_capacity_and_hasher(rows().count(), Default::default());
    // "m\tsurname": the gender is the first cell after the key.
    let gender = |g: &str| Gender::parse(g.split('\t').next().unwrap_or(g).trim());
    map.extend(rows().map(|(k, g)| (key(k), gender(g))));
    map
}

impl GenderLexicon {
    /// The lexicon of the embedded lists (static data: a bad row is a build bug the tests catch).
    pub fn embedded() -> GenderLexicon {
        GenderLexicon {
            people: table(PEOPLE, |k| k),
            honorifics: table(HONORIFICS, |k| k.trim_end_matches('.')),
            roles: table(ROLE_NOUNS, |k| k),
            first_names: table(FIRST_NAMES, |k| k),
            surnames_too: FIRST_NAMES
                .lines()
                .filter(|l| l.ends_with("\tsurname"))
                .filter_map(|l| l.split('\t').next())
                .collect(),
        }
    }

    /// The gender a role noun or title names ("spokeswoman", "Congressman"), in any case.
    pub fn role(&self, word: &str) -> Option<Gender> {
        // Role nouns are ASCII and short: lower case in a stack buffer, no allocation.
        let mut buf = [0u8; 16];
        let lower = buf.get_mut(..word.len())?;
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        self.roles.get(std::str::from_utf8(lower).ok()?).copied()
    }

    fn honorific(&self, word: &str) -> Option<Gender> {
        // Honorifics are short and capitalised: most words need no look-up.
        if word.len() > 9 || !word.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        self.honorifics.get(word.trim_end_matches('.')).copied()
    }

    /// The gender of a name's first word, and the evidence level it gives: a full name's
    /// first word is a first name (level 3); a name of one word ("Betty", but also
    /// "Congresswoman Dean") may be a surname, so it is weak evidence (level 4).
    fn first_name(&self, name: &str) -> (usize, Option<Gender>) {
        let mut words = name.split_whitespace();
        let Some(first) = words.next() else {
            return (4, None);
        };
        if words.next().is_some() {
            return (3, self.first_names.get(first).copied());
        }
        if self.surnames_too.contains(first) {
            return (4, None);
        }
        (4, self.first_names.get(first).copied())
    }
}

/// Evidence bits per level: people list, honorific, role noun, first name of a full name, a
/// one-word name's gender (weak: only when there is nothing else).
#[derive(Clone, Copy, Default)]
struct Evidence([u8; 5]);

impl Evidence {
    fn add(&mut self, level: usize, gender: Option<Gender>) {
        if let Some(g) = gender {
            self.0[level] |= g.bit();
        }
    }

    /// The curated list decides; other evidence counts when it all agrees ("Mr. Marbles" was
    /// Jenna Marbles's dog).
    fn decide(self) -> Option<Gender> {
        let strong = self.0[..4].iter().fold(0, |all, &b| all | b);
        let bits = match (self.0[0], strong) {
            (0, 0) => self.0[4],
            (0, strong) => strong,
            (listed, _) => listed,
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
            let (level, gender) = lex.first_name(&entity.name);
            evidence[e].add(level, gender);
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
    if let Some((e, gender)) = topic_pronouns(v) {
        evidence[e].add(4, Some(gender));
    }
    evidence.into_iter().map(Evidence::decide).collect()
}

/// Most mentions by name that make a person the document's topic, against the next person.
const TOPIC_SHARE: usize = 2;

/// A biography's pronouns are its subject's: the person named far more often than anyone
/// else, with the gender of at least four in five of the document's "he"/"she" pronouns (and
/// five at least). Weak evidence, used when there is no other ("Zaha Hadid").
pub fn topic_pronouns(v: &DocView) -> Option<(usize, Gender)> {
    let mut counts: Vec<usize> = vec![0; v.entities.len()];
    for &(_, e) in &v.mentions {
        if v.entities[e].entity_type == EntityType::Person {
            counts[e] += 1;
        }
    }
    let (top, &n) = counts.iter().enumerate().max_by_key(|&(_, n)| n)?;
    let runner_up = counts
        .iter()
        .enumerate()
        .filter(|&(e, _)| e != top)
        .map(|(_, &n)| n)
        .max()
        .unwrap_or(0);
    // A name, not an initial or a misread ("C. I'm").
    let name = &v.entities[top].name;
    let named = name.split_whitespace().next().is_some_and(|w| w.len() > 2)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '.'));
    if n < 3 || n <= TOPIC_SHARE * runner_up || !named {
        return None;
    }
    let (mut male, mut female) = (0usize, 0usize);
    for i in 0..v.tokens.len() {
        match v.bytes(i) {
            b"he" | b"He" | b"him" | b"his" | b"His" | b"himself" => male += 1,
            b"she" | b"She" | b"her" | b"Her" | b"hers" | b"herself" => female += 1,
            _ => {}
        }
    }
    if male >= 5 && male >= 4 * female {
        Some((top, Gender::Male))
    } else if female >= 5 && female >= 4 * male {
        Some((top, Gender::Female))
    } else {
        None
    }
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
        assert_eq!(lex.first_name("Mary Smith"), (3, Some(Gender::Female)));
        assert_eq!(lex.first_name("Betty"), (4, Some(Gender::Female)));
        assert_eq!(lex.first_name("Dean"), (4, None), "a common surname alone");
        assert_eq!(lex.first_name("Dean Smith"), (3, Some(Gender::Male)));
        assert_eq!(
            lex.first_name("Leslie Smith"),
            (3, None),
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
        let mut dean = Evidence::default();
        dean.add(4, Some(Gender::Male));
        assert_eq!(dean.decide(), Some(Gender::Male), "a one-word name alone");
        dean.add(2, Some(Gender::Female));
        assert_eq!(
            dean.decide(),
            Some(Gender::Female),
            "\"Congresswoman Dean\""
        );
        assert_eq!(Evidence::default().decide(), None);
    }
}
