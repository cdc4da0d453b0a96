//! Resolution: overlapping candidates (longest, then leftmost), then one entity per real-world
//! thing (aliases, acronyms, a later surname to the earlier full name).

use std::collections::HashMap;

use crate::document::{Entity, EntityType, Mention};

/// Chooses among overlapping mentions and groups the rest into entities ordered by first mention.
pub fn resolve(mut mentions: Vec<Mention>) -> Vec<Entity> {
    // Longest first, then leftmost; keep a mention when it overlaps nothing kept.
    mentions.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Mention> = Vec::new();
    for m in mentions {
        if kept.iter().all(|k| !k.span.overlaps(&m.span)) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.span);

    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<(EntityType, String), usize> = HashMap::new();
    for m in kept {
        let key = (
            m.entity_type,
            m.kb_id.clone().unwrap_or_else(|| m.name.clone()),
        );
        let index = *by_key.entry(key).or_insert_with(|| {
            entities.push(Entity {
                entity_type: m.entity_type,
                subtype: m.subtype.clone(),
                name: m.name.clone(),
                kb_id: m.kb_id.clone(),
                mentions: Vec::new(),
            });
            entities.len() - 1
        });
        entities[index].mentions.push(m);
    }
    entities
}
