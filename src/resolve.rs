//! Resolution: overlapping candidates (longest, then leftmost), then one entity per real-world
//! thing: aliases share the gazetteer's canonical name and id, acronyms defined in the text
//! ("… Studies (CSIS)") join their full name, and a later surname joins the earlier full name
//! ("Clarke" → "Colin Clarke").

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use crate::document::{Candidate, Entity, EntityType, Mention, MentionKind, Span, Via};
use crate::hash::{write_words, FastMap};

/// Chooses among overlapping candidates and groups the rest into entities ordered by first
/// mention.
pub fn resolve(text: &str, candidates: Vec<Candidate<'_>>) -> Vec<Entity> {
    let mut kept = without_overlaps(candidates);
    define_acronyms(text, &mut kept);

    // One entity per key. Mentions move into their entities once every entity's count is
    // known, so each list is allocated once at its size (on a huge document, growth by
    // doubling would waste a third of their memory).
    let presized = kept.len().min(PRESIZED_ENTITIES);
    let mut entities: Vec<Entity> = Vec::with_capacity(presized);
    let mut entity_of = Vec::with_capacity(kept.len());
    let mut counts: Vec<usize> = Vec::with_capacity(presized);
    let mut index_of: FastMap<EntityKey, usize> =
        HashMap::with_capacity_and_hasher(presized, Default::default());
    for c in &kept {
        let name: &str = &c.name;
        let key = EntityKey {
            entity_type: c.entity_type,
            kb_id: c.kb_id,
            name,
        };
        let index = *index_of.entry(key).or_insert_with(|| {
            entities.push(Entity {
                entity_type: c.entity_type,
                subtype: c.subtype.map(str::to_string),
                name: name.to_string(),
                kb_id: c.kb_id.map(str::to_string),
                mentions: Vec::new(),
            });
            counts.push(0);
            entities.len() - 1
        });
        counts[index] += 1;
        entity_of.push(index);
    }
    for (entity, count) in entities.iter_mut().zip(counts) {
        entity.mentions.reserve_exact(count);
    }
    for (c, index) in kept.into_iter().zip(entity_of) {
        entities[index].mentions.push(Mention {
            span: c.span,
            via: c.via,
            kind: MentionKind::Name,
        });
    }
    entities
}

/// The candidates that overlap no longer one (at equal length, no one further left), in text
/// order.
fn without_overlaps(mut candidates: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    candidates.sort_by_key(|c| c.span);
    // The recogniser's candidates rarely overlap: then all are kept, and the search below
    // (a tree node allocation every few candidates) is not needed.
    let disjoint = candidates
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start && w[0].span.start != w[1].span.start);
    if disjoint {
        return candidates;
    }
    // Longest first, then leftmost; keep a candidate when it overlaps nothing kept.
    candidates.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut taken = SpanSet::default();
    candidates.retain(|c| taken.insert_if_free(c.span));
    candidates.sort_by_key(|c| c.span);
    candidates
}

/// Most entities a document's key map is sized for before it is filled: an article has fewer;
/// a huge document repeats its names, so its map grows to the entities it holds rather than
/// taking a slot per mention.
const PRESIZED_ENTITIES: usize = 1 << 12;

/// What makes candidates one entity: the same type and kb id, or, without kb ids, the same
/// type and name in lower case.
#[derive(Clone, Copy)]
struct EntityKey<'k> {
    entity_type: EntityType,
    kb_id: Option<&'k str>,
    name: &'k str,
}

impl PartialEq for EntityKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entity_type == other.entity_type
            && match (self.kb_id, other.kb_id) {
                (Some(a), Some(b)) => a == b,
                (None, None) => same_lower_case(self.name, other.name),
                _ => false,
            }
    }
}

impl Eq for EntityKey<'_> {}

impl Hash for EntityKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u8(self.entity_type as u8);
        match self.kb_id {
            Some(id) => state.write(id.as_bytes()),
            // Both branches feed the lower-case bytes, so names equal in lower case hash alike.
            None if self.name.is_ascii() => {
                write_words(self.name.as_bytes(), |b| b.to_ascii_lowercase(), state)
            }
            None => write_words(self.name.to_lowercase().as_bytes(), |b| b, state),
        }
        state.write_u8(0xff);
    }
}

/// `a.to_lowercase() == b.to_lowercase()`, without allocating for ASCII names.
fn same_lower_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// Non-overlapping spans, with a logarithmic test for overlap.
#[derive(Default)]
pub(crate) struct SpanSet {
    /// start → end
    spans: BTreeMap<usize, usize>,
}

impl SpanSet {
    /// The set of `spans`, each added in turn if free.
    pub(crate) fn of<I>(spans: I) -> SpanSet
    where
        I: IntoIterator<Item = Span>,
        I::IntoIter: Clone,
    {
        let spans = spans.into_iter();
        // Nearly always the spans are in order, apart and not empty, so every one is added:
        // the map is then built in one go instead of a search per span.
        let mut previous: Option<Span> = None;
        let apart = spans.clone().all(|span| {
            let fits = !span.is_empty() && previous.is_none_or(|p| p.end <= span.start);
            previous = Some(span);
            fits
        });
        if apart {
            return SpanSet {
                spans: spans.map(|span| (span.start, span.end)).collect(),
            };
        }
        let mut set = SpanSet::default();
        for span in spans {
            set.insert_if_free(span);
        }
        set
    }

    /// True when `span` overlaps a span in the set.
    pub(crate) fn overlaps(&self, span: Span) -> bool {
        // The last span starting before `span` ends is the only one that can overlap it.
        self.spans
            .range(..span.end.max(span.start + 1))
            .next_back()
            .is_some_and(|(&start, &end)| {
                Span::new(start, end).overlaps(&span) || start == span.start
            })
    }

    /// Adds `span` unless it overlaps the set; says whether it was added.
    pub(crate) fn insert_if_free(&mut self, span: Span) -> bool {
        if self.overlaps(span) {
            return false;
        }
        self.spans.insert(span.start, span.end);
        true
    }
}

/// `Full Name (FN)`: later mentions of the acronym take the full name's type, name and id.
fn define_acronyms<'a>(text: &'a str, candidates: &mut [Candidate<'a>]) {
    type Definition<'a> = (EntityType, Option<&'a str>, Cow<'a, str>, Option<&'a str>);
    let mut defined: HashMap<&'a str, Definition<'a>> = HashMap::new();
    for c in candidates.iter() {
        let after = text[c.span.end..].trim_start_matches([' ', '\t']);
        let Some(inner) = after.strip_prefix('(') else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let acronym = inner[..close].trim();
        if acronym.len() < 2
            || acronym.len() > 10
            || !acronym
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '-' || c == '.')
        {
            continue;
        }
        if initials_fit(acronym, c.span.text(text)) {
            defined.insert(acronym, (c.entity_type, c.subtype, c.name.clone(), c.kb_id));
        }
    }
    if defined.is_empty() {
        return;
    }
    for c in candidates.iter_mut() {
        if let Some((t, subtype, name, kb_id)) = defined.get(c.span.text(text)) {
            if c.name == *name {
                continue;
            }
            c.entity_type = *t;
            c.subtype = *subtype;
            c.name.clone_from(name);
            c.kb_id = *kb_id;
            c.via = Via::from([&*c.via, "+acronym"].concat());
        }
    }
}

/// True when the acronym's letters are the initials of the name's capitalised words, in order
/// (function words may be skipped): CSIS = Center for Strategic and International Studies.
fn initials_fit(acronym: &str, name: &str) -> bool {
    let letters: Vec<char> = acronym.chars().filter(char::is_ascii_alphabetic).collect();
    let initials: Vec<char> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    letters.len() >= 2 && letters == initials
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::FastHasher;

    fn candidate<'a>(text: &str, word: &'a str, t: EntityType, via: &'static str) -> Candidate<'a> {
        let start = text.find(word).unwrap();
        Candidate {
            span: Span::new(start, start + word.len()),
            entity_type: t,
            subtype: None,
            name: Cow::Borrowed(word),
            kb_id: None,
            via: via.into(),
        }
    }

    #[test]
    fn longest_then_leftmost_and_acronyms() {
        let text = "The Centre for Policy Studies (CPS) said CPS and Policy agree.";
        let ms = vec![
            candidate(text, "Policy", EntityType::Person, "x"),
            candidate(
                text,
                "Centre for Policy Studies",
                EntityType::Group,
                "rule:org_head",
            ),
            candidate(text, "CPS", EntityType::Group, "rule:acronym"),
        ];
        let mut ms = ms;
        // The second CPS.
        let second = text.rfind("CPS").unwrap();
        ms.push(Candidate {
            span: Span::new(second, second + 3),
            ..ms[2].clone()
        });
        let entities = resolve(text, ms);
        assert_eq!(entities[0].name, "Centre for Policy Studies");
        assert_eq!(entities[0].mentions.len(), 3, "{entities:#?}");
    }

    #[test]
    fn overlapping_candidates_keep_the_longest_then_the_leftmost() {
        type Spans = &'static [(usize, usize)];
        // (candidate spans, spans kept in text order)
        let cases: &[(Spans, Spans)] = &[
            (&[], &[]),
            (&[(0, 5), (6, 9)], &[(0, 5), (6, 9)]),
            (&[(6, 9), (0, 5)], &[(0, 5), (6, 9)]),
            (&[(0, 5), (5, 9)], &[(0, 5), (5, 9)]),
            (&[(0, 5), (3, 12)], &[(3, 12)]),
            (&[(0, 5), (3, 8)], &[(0, 5)]),
            (&[(3, 8), (0, 5)], &[(0, 5)]),
            (&[(0, 9), (2, 4), (10, 12)], &[(0, 9), (10, 12)]),
            (&[(2, 4), (2, 6)], &[(2, 6)]),
            (&[(2, 6), (2, 6)], &[(2, 6)]),
        ];
        let text = "abcdefghijklmnop";
        for &(spans, kept) in cases {
            let candidates = spans
                .iter()
                .map(|&(start, end)| Candidate {
                    span: Span::new(start, end),
                    entity_type: EntityType::Group,
                    subtype: None,
                    name: Cow::Borrowed(&text[start..end]),
                    kb_id: None,
                    via: "rule:test".into(),
                })
                .collect();
            let got: Vec<(usize, usize)> = without_overlaps(candidates)
                .iter()
                .map(|c| (c.span.start, c.span.end))
                .collect();
            assert_eq!(got, kept, "{spans:?}");
        }
    }

    #[test]
    fn entity_keys_match_by_id_else_by_name_in_lower_case() {
        use EntityType::{Group, Person};
        let key = |entity_type, kb_id, name| EntityKey {
            entity_type,
            kb_id,
            name,
        };
        let hash = |k: &EntityKey| {
            let mut h = FastHasher::default();
            k.hash(&mut h);
            h.finish()
        };
        for (a, b, same) in [
            (
                key(Person, None, "Jo Bloggs"),
                key(Person, None, "JO BLOGGS"),
                true,
            ),
            (
                key(Person, None, "Élodie"),
                key(Person, None, "ÉLODIE"),
                true,
            ),
            (key(Person, None, "Jo"), key(Person, None, "Joe"), false),
            (key(Person, None, "Jo"), key(Group, None, "Jo"), false),
            (
                key(Group, Some("Q1"), "UN"),
                key(Group, Some("Q1"), "United Nations"),
                true,
            ),
            (
                key(Group, Some("Q1"), "UN"),
                key(Group, Some("Q2"), "UN"),
                false,
            ),
            (key(Group, Some("un"), "UN"), key(Group, None, "UN"), false),
        ] {
            assert_eq!(a == b, same, "{} / {}", a.name, b.name);
            if same {
                assert_eq!(hash(&a), hash(&b), "{} / {}", a.name, b.name);
            }
        }
    }

    #[test]
    fn a_span_set_of_spans_is_the_set_built_one_span_at_a_time() {
        let s = |start, end| Span::new(start, end);
        for spans in [
            vec![],
            vec![s(0, 3), s(3, 5), s(9, 12)],
            vec![s(0, 3), s(2, 5), s(9, 12)],
            vec![s(9, 12), s(0, 3)],
            vec![s(0, 3), s(0, 3)],
            vec![s(0, 3), s(4, 4), s(6, 8)],
        ] {
            let mut one_at_a_time = SpanSet::default();
            for &span in &spans {
                one_at_a_time.insert_if_free(span);
            }
            assert_eq!(
                SpanSet::of(spans.iter().copied()).spans,
                one_at_a_time.spans
            );
        }
    }

    #[test]
    fn span_set_finds_overlaps() {
        let mut set = SpanSet::default();
        assert!(set.insert_if_free(Span::new(10, 20)));
        assert!(set.insert_if_free(Span::new(30, 40)));
        for (s, e, overlaps) in [
            (0, 10, false),
            (0, 11, true),
            (19, 25, true),
            (20, 30, false),
            (35, 36, true),
            (10, 10, true),
            (40, 50, false),
            (5, 45, true),
        ] {
            assert_eq!(set.overlaps(Span::new(s, e)), overlaps, "{s}..{e}");
        }
    }

    #[test]
    fn initials() {
        assert!(initials_fit(
            "CSIS",
            "Center for Strategic and International Studies"
        ));
        assert!(initials_fit("U.N.", "United Nations"));
        assert!(!initials_fit("UN", "United States"));
        assert!(!initials_fit("A", "Alpha"));
    }
}
