//! Resolution: overlapping candidates (longest, then leftmost), then one entity per real-world
//! thing: aliases share the gazetteer's canonical name and id, acronyms defined in the text
//! ("… Studies (CSIS)") join their full name, and a later surname joins the earlier full name
//! ("Clarke" → "Colin Clarke").

use std::collections::{BTreeMap, HashMap};

use crate::document::{Entity, EntityType, Mention, Span};

/// Chooses among overlapping mentions and groups the rest into entities ordered by first mention.
pub fn resolve(text: &str, mut mentions: Vec<Mention>) -> Vec<Entity> {
    // Longest first, then leftmost; keep a mention when it overlaps nothing kept.
    mentions.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut taken = SpanSet::default();
    mentions.retain(|m| taken.insert_if_free(m.span));
    let mut kept = mentions;
    kept.sort_by_key(|m| m.span);
    define_acronyms(text, &mut kept);
    // A propagated mention carries the name it was recognised by: "propagated:Colin Clarke".
    for m in kept.iter_mut() {
        if m.kb_id.is_none() {
            if let Some(full) = m.via.strip_prefix("propagated:") {
                m.name = full.to_string();
            }
        }
    }

    // One entity per type and key (the kb id, else the lower-cased name). The key is built in
    // a reused buffer and only allocated for a new entity. Mentions move into their entities
    // once every entity's count is known, so each list is allocated once at its size (on a
    // huge document, growth by doubling would waste a third of their memory).
    let mut entities: Vec<Entity> = Vec::new();
    let mut entity_of = Vec::with_capacity(kept.len());
    let mut counts: Vec<usize> = Vec::new();
    let mut by_key: [HashMap<String, usize>; 3] = Default::default(); // one per EntityType
    let mut lowered = String::new();
    for m in &kept {
        let key: &str = match &m.kb_id {
            Some(id) => id,
            None => {
                lower_case_into(&m.name, &mut lowered);
                &lowered
            }
        };
        let of_type = &mut by_key[m.entity_type as usize];
        let index = match of_type.get(key) {
            Some(&index) => index,
            None => {
                of_type.insert(key.to_string(), entities.len());
                entities.push(Entity {
                    entity_type: m.entity_type,
                    subtype: m.subtype.clone(),
                    name: m.name.clone(),
                    kb_id: m.kb_id.clone(),
                    mentions: Vec::new(),
                });
                counts.push(0);
                entities.len() - 1
            }
        };
        counts[index] += 1;
        entity_of.push(index);
    }
    for (entity, count) in entities.iter_mut().zip(counts) {
        entity.mentions.reserve_exact(count);
    }
    for (m, index) in kept.into_iter().zip(entity_of) {
        entities[index].mentions.push(m);
    }
    entities
}

/// `name.to_lowercase()` written into `out`, without allocating for ASCII names.
fn lower_case_into(name: &str, out: &mut String) {
    out.clear();
    if name.is_ascii() {
        out.extend(name.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&name.to_lowercase());
    }
}

/// Non-overlapping spans, with a logarithmic test for overlap.
#[derive(Default)]
pub(crate) struct SpanSet {
    /// start → end
    spans: BTreeMap<usize, usize>,
}

impl SpanSet {
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
fn define_acronyms(text: &str, mentions: &mut [Mention]) {
    let mut defined: HashMap<String, (EntityType, Option<String>, String, Option<String>)> =
        HashMap::new();
    for m in mentions.iter() {
        let after = text[m.span.end..].trim_start_matches([' ', '\t']);
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
        if initials_fit(acronym, m.span.text(text)) {
            defined.insert(
                acronym.to_string(),
                (
                    m.entity_type,
                    m.subtype.clone(),
                    m.name.clone(),
                    m.kb_id.clone(),
                ),
            );
        }
    }
    if defined.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if let Some((t, subtype, name, kb_id)) = defined.get(m.span.text(text)) {
            if m.name == *name {
                continue;
            }
            m.entity_type = *t;
            m.subtype.clone_from(subtype);
            m.name.clone_from(name);
            m.kb_id.clone_from(kb_id);
            m.via = format!("{}+acronym", m.via);
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

    fn mention(text: &str, word: &str, t: EntityType, via: &str) -> Mention {
        let start = text.find(word).unwrap();
        Mention {
            span: Span::new(start, start + word.len()),
            entity_type: t,
            subtype: None,
            name: word.to_string(),
            kb_id: None,
            via: via.to_string(),
        }
    }

    #[test]
    fn longest_then_leftmost_and_acronyms() {
        let text = "The Centre for Policy Studies (CPS) said CPS and Policy agree.";
        let ms = vec![
            mention(text, "Policy", EntityType::Person, "x"),
            mention(
                text,
                "Centre for Policy Studies",
                EntityType::Group,
                "rule:org_head",
            ),
            mention(text, "CPS", EntityType::Group, "rule:acronym"),
        ];
        let mut ms = ms;
        // The second CPS.
        let second = text.rfind("CPS").unwrap();
        ms.push(Mention {
            span: Span::new(second, second + 3),
            ..ms[2].clone()
        });
        let entities = resolve(text, ms);
        assert_eq!(entities[0].name, "Centre for Policy Studies");
        assert_eq!(entities[0].mentions.len(), 3, "{entities:#?}");
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
