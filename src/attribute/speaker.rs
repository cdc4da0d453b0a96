//! Which entity a pronoun or description source stands for (issue 12). Names keep the entity
//! they overlap; "he"/"she" link only to a person of agreeing gender, "it"/"they" only to a
//! group, "I"/"we" only to the speaker of the quote around them, "the senator" only to the one
//! person given that role earlier. Among agreeing candidates the current quote chain's speaker
//! comes first, then the subject of the sentence or of the one before, then a candidate alone
//! in its window (Lappin–Leass salience, Stanford's sieve). When evidence is weak or two
//! candidates tie the source stays unlinked: a wrong speaker is worse than none.

use super::gender::{entity_genders, topic_pronouns, Gender, GenderLexicon};
use super::lexicon::Referent;
use super::lexicon::WordRole;
use super::view::DocView;
use crate::document::{Claim, Entity, EntityType, Mention, MentionKind, Span};
use crate::hash::FastMap;

const TITLE_ROLES: &str = include_str!("../../gazetteers/attribution/title_roles.tsv");

/// How many sentences before the pronoun's own its antecedent may lie in.
const WINDOW_SENTENCES: usize = 2;
/// How many claims before a source are looked at for one whose content holds it.
const OUTER_LOOKBACK: usize = 16;
/// Longest description source, in tokens ("the former state senator").
const MAX_DESCRIPTION: usize = 4;
/// Words before a name that may give its title ("Secretary of State X").
const TITLE_WORDS: usize = 4;

/// The lists speaker resolution needs, built once.
#[derive(Clone, Debug, Default)]
pub struct SpeakerLexicon {
    genders: GenderLexicon,
    /// Abbreviated title ("sen") → the role noun a description uses ("senator").
    title_roles: FastMap<String, String>,
}

impl SpeakerLexicon {
    pub fn embedded() -> SpeakerLexicon {
        let title_roles = TITLE_ROLES
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(a, r)| (a.to_string(), r.to_string()))
            .collect();
        SpeakerLexicon {
            genders: GenderLexicon::embedded(),
            title_roles,
        }
    }

    /// The role noun a title word stands for, in lower case ("Sen." → "senator").
    fn role_of(&self, word: &str) -> String {
        let word = word.trim_end_matches('.');
        let lower = if word
            .bytes()
            .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
        {
            word.to_lowercase()
        } else {
            word.to_string()
        };
        match self.title_roles.get(&lower) {
            Some(role) => role.clone(),
            None => lower,
        }
    }
}

/// What a pronoun asks of its antecedent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she: a person of that gender.
    Person(Gender),
    /// I, me: the speaker of the quotation around it.
    Speaker,
    /// we, us: the group speaking.
    We,
    /// it, they: a group.
    Group,
    /// you: never resolved.
    Addressee,
}

/// The pronoun a word is, in any case.
pub fn pronoun(word: &str) -> Option<Pronoun> {
    // Lower case in a stack buffer: no allocation per source.
    let mut buf = [0u8; 10];
    let lower = buf.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let p = match &*lower {
        b"he" | b"him" | b"his" | b"himself" => Pronoun::Person(Gender::Male),
        b"she" | b"her" | b"hers" | b"herself" => Pronoun::Person(Gender::Female),
        b"i" | b"me" | b"my" | b"myself" => Pronoun::Speaker,
        b"we" | b"us" | b"our" | b"ourselves" => Pronoun::We,
        b"it" | b"its" | b"itself" | b"they" | b"them" | b"their" | b"themselves" => Pronoun::Group,
        b"you" | b"your" | b"yourself" | b"yourselves" => Pronoun::Addressee,
        _ => return None,
    };
    Some(p)
}

/// What kind of phrase a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phrase {
    /// It overlaps an entity mention: resolution already linked it.
    Name,
    /// "who", "which": the phrase it hangs on, as resolution linked it.
    Relative,
    Pronoun(Pronoun),
    /// "the senator", "the group": a definite description headed by token `head`.
    Description {
        head: usize,
    },
    /// "officials", "a spokesman", "analysts": no single entity.
    Other,
}

fn classify(v: &DocView, span: Span) -> Phrase {
    if v.entity_overlapping(span).is_some() {
        return Phrase::Name;
    }
    let a = v.token_at(span.start);
    let b = v.token_at(span.end);
    if b <= a {
        return Phrase::Other;
    }
    let head = b - 1;
    let word = v.word(head);
    if b - a == 1 && (v.is(head, "who") || v.is(head, "which")) {
        return Phrase::Relative;
    }
    if let Some(p) = pronoun(word) {
        // "I" in capitals only: "US" or "IT" are names.
        let shouted = word.len() > 1 && word.bytes().all(|c| c.is_ascii_uppercase());
        if !shouted {
            return Phrase::Pronoun(p);
        }
    }
    let definite = ["the", "this", "that"].iter().any(|d| v.is(a, d));
    if definite && b - a <= MAX_DESCRIPTION && b - a >= 2 {
        return Phrase::Description { head };
    }
    Phrase::Other
}

/// Where a pronoun stands and what may precede it.
struct Place {
    pos: usize,
    sentence: usize,
    /// Byte where the window of candidates starts.
    window_start: usize,
}

/// Re-resolves the entity of every pronoun and description source; names keep theirs.
// Once per document: out of line, so that profiles show its cost.
#[inline(never)]
pub fn resolve_sources(v: &DocView, lex: &SpeakerLexicon, claims: &mut [Claim]) {
    let mut order: Vec<(usize, usize)> = claims
        .iter()
        .enumerate()
        .filter_map(|(k, c)| c.source.as_ref().map(|s| (s.span.start, k)))
        .collect();
    if order.is_empty() {
        return;
    }
    order.sort_unstable();
    let phrases: Vec<Phrase> = claims
        .iter()
        .map(|c| {
            c.source
                .as_ref()
                .map_or(Phrase::Other, |s| classify(v, s.span))
        })
        .collect();
    // A claim's speaker is settled once its phrase is a name or it was resolved here.
    let mut settled: Vec<bool> = phrases
        .iter()
        .map(|p| matches!(p, Phrase::Name | Phrase::Relative))
        .collect();
    // Found at the first "he" or "she": most documents' sources are names.
    // With the biography's subject and the gender of its pronouns.
    let mut genders: Option<(Vec<Option<Gender>>, Option<Topic>)> = None;
    // Built at the first description that needs it: most documents have none.
    let mut roles: Option<RoleIndex> = None;
    let mut state = Chain {
        linked: Vec::new(),
        last_speaker: None,
    };
    for &(_, k) in &order {
        let span = claims[k].source.as_ref().expect("sourced").span;
        let place = place_of(v, span.start);
        let entity = match phrases[k] {
            Phrase::Name | Phrase::Relative => claims[k].source.as_ref().and_then(|s| s.entity),
            Phrase::Pronoun(Pronoun::Person(g)) => {
                let outer = outer_speaker(claims, &settled, k).flatten();
                let (genders, bio) = genders
                    .get_or_insert_with(|| (entity_genders(v, &lex.genders), topic_pronouns(v)));
                let bio = bio.filter(|&(_, t)| t == g).map(|(e, _)| e);
                let own = &claims[k].fragments;
                let e = resolve_person(v, genders, &state, &place, own, g, outer, bio);
                if let Some(e) = e {
                    // A linked pronoun is evidence of its person's gender.
                    genders[e].get_or_insert(g);
                }
                e
            }
            Phrase::Pronoun(Pronoun::Group) => {
                // "Officials said they believe …": they are the officials, whoever came
                // before.
                match outer_speaker(claims, &settled, k) {
                    Some(outer) => {
                        outer.filter(|&e| v.entities[e].entity_type == EntityType::Group)
                    }
                    None => resolve_group(v, &state, &place, &claims[k].fragments),
                }
            }
            Phrase::Pronoun(_) => None,
            Phrase::Description { head } => match v.info(head).noun {
                Some(Referent::Group) => claims[k].source.as_ref().and_then(|s| s.entity),
                Some(Referent::Document) => None,
                _ => {
                    let roles = roles.get_or_insert_with(|| RoleIndex::new(v, lex, claims));
                    let e = roles.unique_before(&lex.role_of(v.word(head)), span.start);
                    // "The foreign secretary" is not the home secretary: each word before
                    // the head must have been given to the same person too.
                    let a = v.token_at(span.start);
                    e.filter(|&e| {
                        (a + 1..head).all(|i| {
                            !v.is_word(i) || roles.given(&lex.role_of(v.word(i)), span.start, e)
                        })
                    })
                }
            },
            Phrase::Other => None,
        };
        claims[k].source.as_mut().expect("sourced").entity = entity;
        settled[k] = true;
        if let Some(e) = entity {
            if !matches!(phrases[k], Phrase::Name | Phrase::Relative) {
                state.linked.push((span, e));
            }
            state.last_speaker = Some((place.sentence, e));
        }
    }
    // "I" and "we" speak for the speaker of the quotation around them, once every speaker is
    // known.
    for &(_, k) in &order {
        let wanted = match phrases[k] {
            Phrase::Pronoun(Pronoun::Speaker) => EntityType::Person,
            Phrase::Pronoun(Pronoun::We) => EntityType::Group,
            _ => continue,
        };
        let entity = outer_speaker(claims, &settled, k)
            .flatten()
            .filter(|&e| v.entities[e].entity_type == wanted);
        claims[k].source.as_mut().expect("sourced").entity = entity;
    }
}

/// A biography's subject and the gender of its pronouns.
type Topic = (usize, Gender);

/// State carried along the sources in text order.
struct Chain {
    /// Pronoun and description sources linked so far: mentions of their entities.
    linked: Vec<(Span, usize)>,
    /// (sentence, entity) of the last source with an entity: the quote chain's speaker.
    last_speaker: Option<(usize, usize)>,
}

fn place_of(v: &DocView, pos: usize) -> Place {
    let sentence = v.sentence_of(pos);
    let first = sentence.saturating_sub(WINDOW_SENTENCES);
    let window_start = v
        .units
        .get(first)
        .map_or(0, |&(a, _)| v.tokens.get(a).map_or(0, |t| t.span().start));
    Place {
        pos,
        sentence,
        window_start,
    }
}

/// The speaker of the nearest other claim whose content holds claim `k`'s source ("Officials
/// said they believe …"; "“I will,” she said"), when that speaker is settled: `Some(None)`
/// when it is a speaker of no entity ("officials").
fn outer_speaker(claims: &[Claim], settled: &[bool], k: usize) -> Option<Option<usize>> {
    let span = claims[k].source.as_ref()?.span;
    let inside = |c: &Claim| c.fragments.iter().any(|f| f.contains(&span));
    // Claims are in text order: those holding the source start before it, and nest a few
    // deep at most, so a short look back finds them.
    let end = claims.partition_point(|c| c.span.start <= span.start);
    let j = (end.saturating_sub(OUTER_LOOKBACK)..end)
        .map(|j| (j, &claims[j]))
        .filter(|&(j, c)| j != k && inside(c))
        .filter(|(_, c)| c.source.as_ref().is_some_and(|s| !c.span.contains(&s.span)))
        .min_by_key(|(_, c)| c.span.len())
        .map(|(j, _)| j)?;
    if !settled[j] {
        return None;
    }
    Some(claims[j].source.as_ref()?.entity)
}

/// The entities mentioned in the window before the pronoun, with the type `wanted`: (first
/// position, entity) by last mention, most recent first. Mentions inside the claim's own
/// content (`own`) are left out: in "“The tackle on Heinze was terrible,” he said" the
/// speaker is not someone he talks about.
fn candidates(
    v: &DocView,
    chain: &Chain,
    place: &Place,
    own: &[Span],
    wanted: EntityType,
) -> Vec<(usize, usize)> {
    let first = v
        .mentions
        .partition_point(|(m, _)| m.start < place.window_start);
    // Linked sources are pushed in text order.
    let linked = chain
        .linked
        .partition_point(|(m, _)| m.start < place.window_start);
    let mut found: Vec<(usize, usize)> = v.mentions[first..]
        .iter()
        .take_while(|(m, _)| m.start < place.pos)
        .chain(chain.linked[linked..].iter())
        .filter(|(m, e)| {
            m.start >= place.window_start
                && m.end <= place.pos
                && v.entities[*e].entity_type == wanted
                && !possessor(v, *m)
                && !own.iter().any(|f| f.contains(m))
        })
        .map(|&(m, e)| (m.start, e))
        .collect();
    found.sort_unstable_by(|a, b| b.cmp(a));
    let mut seen = Vec::new();
    found.retain(|&(_, e)| {
        let new = !seen.contains(&e);
        seen.push(e);
        new
    });
    found
}

/// "Russell's interpreter", "Galois' cousin": a possessor modifies the phrase's head, which is
/// the antecedent more often than the possessor is (Lappin–Leass rank it below a subject).
fn possessor(v: &DocView, m: Span) -> bool {
    let rest = &v.text[m.end.min(v.text.len())..];
    rest.starts_with("'s")
        || rest.starts_with("’s")
        || v.text[..m.end].ends_with('s') && (rest.starts_with("' ") || rest.starts_with("’ "))
}

/// The entity of the subject of the pronoun's sentence (a mention opening it, before the
/// pronoun), else of the sentence before; never one inside the claim's own content (`own`).
fn subject(v: &DocView, place: &Place, own: &[Span], wanted: EntityType) -> Option<usize> {
    let opening = |k: usize| -> Option<usize> {
        let &(a, b) = v.units.get(k)?;
        // "But X said", "However, X …": a word or two may come first.
        let start = v.tokens[a].span().start;
        // "[8] That year, X …": citations and numbers do not count.
        let words = (a..b).find(|&i| v.is_word(i)).unwrap_or(a);
        let limit = v.tokens[(words + 3).min(b - 1)].span().start;
        let first = v.mentions.partition_point(|(m, _)| m.start < start);
        let &(m, e) = v.mentions.get(first)?;
        // "Retired U.S. Air Force Gen. X is …": a title of capitalised words before the name.
        let title =
            || (a..v.token_at(m.start)).all(|i| v.is_capitalised(i) || v.is_abbreviation_dot(i));
        let opens = m.start <= limit || m.start < place.pos && title();
        // "On Obama, …", "Galois' cousin …": a preposition's object or a possessor is no subject.
        let i = v.token_at(m.start);
        let governed = i > a && v.role(i - 1) == Some(WordRole::Preposition);
        if governed || possessor(v, m) || own.iter().any(|f| f.contains(&m)) {
            return None;
        }
        (opens && m.end <= place.pos && v.entities[e].entity_type == wanted).then_some(e)
    };
    opening(place.sentence).or_else(|| opening(place.sentence.checked_sub(1)?))
}

/// "he"/"she": the antecedent of agreeing gender; `outer` is the speaker whose content holds
/// the pronoun.
#[allow(clippy::too_many_arguments)]
fn resolve_person(
    v: &DocView,
    genders: &[Option<Gender>],
    chain: &Chain,
    place: &Place,
    own: &[Span],
    gender: Gender,
    outer: Option<usize>,
    bio: Option<usize>,
) -> Option<usize> {
    let found = candidates(v, chain, place, own, EntityType::Person);
    let agrees = |e: usize| genders[e].is_none_or(|g| g == gender);
    // The biography's subject agrees with the pronouns that made it the subject.
    let known = |e: usize| genders[e] == Some(gender) || bio == Some(e);
    // Someone known to agree, named in the passage before the window.
    let known_near = known_before(v, place, known);
    // An unknown gender agrees only when no other person, in the window or in the passage
    // before, is known to agree ("Mathematical Exercises" misread as a person, the
    // biography's subject three sentences back).
    let acceptable = |e: usize| {
        v.entities[e].entity_type == EntityType::Person
            && agrees(e)
            && (known(e)
                || !found.iter().any(|&(_, c)| c != e && known(c))
                    && known_near.is_none_or(|c| c == e))
    };
    let speaker = chain
        .last_speaker
        .filter(|&(s, _)| s + 1 >= place.sentence)
        .map(|(_, e)| e);
    let agreeing: Vec<usize> = found
        .iter()
        .map(|&(_, e)| e)
        .filter(|&e| agrees(e))
        .collect();
    // In a biography a pronoun of its subject's gender is the subject's unless the sentence
    // says otherwise: someone merely named nearby ("he met John Edleston") is no antecedent.
    let not_bio = |e: &usize| bio.is_none_or(|b| b == *e);
    let alone = (agreeing.len() == 1).then(|| agreeing[0]).filter(not_bio);
    // Of several, the most recent when it alone is known to agree.
    let known_alone = found
        .first()
        .map(|&(_, e)| e)
        .filter(|&e| known(e) && agreeing.iter().filter(|&&c| known(c)).count() == 1)
        .filter(not_bio);
    // The passage's topic only when known to agree: "she" is not a man's passage's topic.
    let topic = if agreeing.is_empty() {
        topic(v, place, EntityType::Person).filter(|&e| known(e))
    } else {
        None
    };
    [
        outer,
        speaker,
        subject(v, place, own, EntityType::Person),
        alone,
        known_alone,
        topic,
    ]
    .into_iter()
    .flatten()
    .find(|&e| acceptable(e))
}

/// The last person mentioned in the `TOPIC_WINDOW` bytes before the pronoun for whom `known`
/// holds.
fn known_before(v: &DocView, place: &Place, known: impl Fn(usize) -> bool) -> Option<usize> {
    let from = v
        .mentions
        .partition_point(|(m, _)| m.start + TOPIC_WINDOW < place.pos);
    let mut found = None;
    for &(m, e) in &v.mentions[from..] {
        if m.end > place.pos {
            break;
        }
        if v.entities[e].entity_type == EntityType::Person && known(e) {
            found = Some(e);
        }
    }
    found
}

/// How far back the topic of a passage is counted, in bytes.
const TOPIC_WINDOW: usize = 4000;

/// The entity the passage is about: mentioned at least three times in the last
/// `TOPIC_WINDOW` bytes, and more than twice as often as any other of its type.
fn topic(v: &DocView, place: &Place, wanted: EntityType) -> Option<usize> {
    let from = v
        .mentions
        .partition_point(|(m, _)| m.start + TOPIC_WINDOW < place.pos);
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &(m, e) in &v.mentions[from..] {
        if m.end > place.pos {
            break;
        }
        if v.entities[e].entity_type != wanted {
            continue;
        }
        match counts.iter_mut().find(|(c, _)| *c == e) {
            Some((_, n)) => *n += 1,
            None => counts.push((e, 1)),
        }
    }
    counts.sort_unstable_by_key(|&(_, n)| std::cmp::Reverse(n));
    let &(e, n) = counts.first()?;
    let runner_up = counts.get(1).map_or(0, |c| c.1);
    (n >= 3 && n > 2 * runner_up).then_some(e)
}

/// "it"/"they": a group, by the same preferences; no group is ever a person's pronoun.
fn resolve_group(v: &DocView, chain: &Chain, place: &Place, own: &[Span]) -> Option<usize> {
    let speaker = chain
        .last_speaker
        .filter(|&(s, _)| s + 1 >= place.sentence)
        .map(|(_, e)| e);
    [speaker, subject(v, place, own, EntityType::Group)]
        .into_iter()
        .flatten()
        .find(|&e| v.entities[e].entity_type == EntityType::Group)
}

/// Roles given to people: a title before a mention ("Sen. X", "Secretary of State X"), an
/// appositive after it ("X, a spokeswoman for …") or a source's role.
struct RoleIndex {
    /// (role noun in lower case, where it was given, entity).
    roles: FastMap<String, Vec<(usize, usize)>>,
}

impl RoleIndex {
    fn new(v: &DocView, lex: &SpeakerLexicon, claims: &[Claim]) -> RoleIndex {
        let mut roles: Vec<(String, usize, usize)> = Vec::new();
        for &(span, e) in &v.mentions {
            if v.entities[e].entity_type != EntityType::Person {
                continue;
            }
            let first = v.token_at(span.start);
            let mut i = first;
            while i > 0 && first - i < TITLE_WORDS {
                let w = i - 1;
                let title = v.is_abbreviation_dot(w)
                    || v.is_word(w) && (v.is_capitalised(w) || v.is(w, "of"));
                if !title {
                    break;
                }
                if v.is_word(w) {
                    roles.push((lex.role_of(v.word(w)), span.start, e));
                }
                i = w;
            }
            let after = v.token_at(span.end);
            if after + 2 < v.tokens.len()
                && v.word(after) == ","
                && ["a", "an", "the"].iter().any(|d| v.is(after + 1, d))
            {
                for j in (after + 2..v.tokens.len()).take(TITLE_WORDS) {
                    if !v.is_word(j) || v.role(j).is_some() {
                        break;
                    }
                    roles.push((v.word(j).to_lowercase(), span.start, e));
                }
            }
        }
        for c in claims {
            let Some(s) = &c.source else { continue };
            let (Some(role), Some(e)) = (s.role, s.entity) else {
                continue;
            };
            if v.entities[e].entity_type == EntityType::Person {
                for w in role.text(v.text).split(|c: char| !c.is_alphanumeric()) {
                    if !w.is_empty() {
                        roles.push((w.to_lowercase(), s.span.start, e));
                    }
                }
            }
        }
        let mut by_role: FastMap<String, Vec<(usize, usize)>> = FastMap::default();
        for (role, at, e) in roles {
            by_role.entry(role).or_default().push((at, e));
        }
        RoleIndex { roles: by_role }
    }

    /// True when `role` was given to person `e` before `pos`.
    fn given(&self, role: &str, pos: usize, e: usize) -> bool {
        self.roles
            .get(role)
            .is_some_and(|found| found.iter().any(|&(at, c)| at < pos && c == e))
    }

    /// The one person given `role` before `pos`; none when no one or several were.
    fn unique_before(&self, role: &str, pos: usize) -> Option<usize> {
        let mut found = self
            .roles
            .get(role)?
            .iter()
            .filter(|&&(at, _)| at < pos)
            .map(|&(_, e)| e);
        let first = found.next()?;
        found.all(|e| e == first).then_some(first)
    }
}

/// Adds each resolved pronoun or description source to its entity's mentions, so that users
/// count every reference ("he" → Jane Doe); a source that is already a mention stays one.
pub fn add_source_mentions(text: &str, claims: &[Claim], entities: &mut [Entity]) {
    let mut added: Vec<(usize, Mention)> = Vec::new();
    for c in claims {
        let Some(s) = &c.source else { continue };
        let Some(e) = s.entity else { continue };
        let mentions = &entities[e].mentions;
        let next = mentions.partition_point(|m| m.span.end <= s.span.start);
        if mentions.get(next).is_some_and(|m| m.span.overlaps(&s.span)) {
            continue;
        }
        let phrase = s.span.text(text);
        // "Well he": the pronoun is the last word.
        let last = phrase
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |i| i + 1);
        let (span, kind) = match pronoun(&phrase[last..]) {
            Some(_) => (
                Span::new(s.span.start + last, s.span.end),
                MentionKind::Pronoun,
            ),
            None if phrase.contains(|c: char| c.is_whitespace()) => {
                (s.span, MentionKind::Description)
            }
            // "who" and other single words are no mention.
            None => continue,
        };
        added.push((
            e,
            Mention {
                span,
                via: "attribute:source".into(),
                kind,
            },
        ));
    }
    if added.is_empty() {
        return;
    }
    // One sort per entity that gained mentions, not an insertion each.
    added.sort_by_key(|(e, m)| (*e, m.span));
    added.dedup_by_key(|(e, m)| (*e, m.span));
    let mut touched: Vec<usize> = added.iter().map(|&(e, _)| e).collect();
    touched.dedup();
    for (e, m) in added {
        entities[e].mentions.push(m);
    }
    for e in touched {
        entities[e].mentions.sort_by_key(|m| m.span);
    }
}

#[cfg(test)]
mod tests {
    use crate::{Config, Extractor};

    /// (text, source text, the entity name it should link to; `None`: unlinked)
    const CASES: &[(&str, &str, Option<&str>)] = &[
        // Gender agreement over recency: the woman quoted inside is not the speaker.
        (
            "Karen Wells accused John Miller of lying. \
             \u{201C}What she said about the mayor is false,\u{201D} he told the Daily Star.",
            "he",
            Some("John Miller"),
        ),
        (
            "Robert Dunn praised Helen Carter on Tuesday. \
             \u{201C}She is far better prepared than anyone,\u{201D} he said.",
            "he",
            Some("Robert Dunn"),
        ),
        (
            "Maria Lopez met Tom Baker on Monday. \u{201C}The plan is wrong,\u{201D} she said.",
            "she",
            Some("Maria Lopez"),
        ),
        // The subject of the sentence before, behind its title.
        (
            "Retired Air Force Gen. Tom Baker spoke after Jim Hall. \
             He said the base would close in May.",
            "He",
            Some("Tom Baker"),
        ),
        // No person of that gender: unlinked, whoever came last.
        (
            "Patty Smith arrived late. \u{201C}I am sorry for the delay,\u{201D} he said.",
            "he",
            None,
        ),
        // "she" never stands for a company.
        (
            "Acme Corporation announced the cuts. \u{201C}We had no choice,\u{201D} she said.",
            "she",
            None,
        ),
        // Two people of the same gender, neither salient: a tie stays unlinked.
        (
            "After the talks between Tom Baker and Jim Hall ended, the room emptied. \
             He said the deal was done.",
            "He",
            None,
        ),
        // A title given earlier to one person.
        (
            "Sen. Paul Avery spoke first on Monday. The senator said the bill would fail.",
            "The senator",
            Some("Paul Avery"),
        ),
        // A description's modifiers must have been given to that person too.
        (
            "Home Secretary Paul Avery spoke first on Monday. \
             The foreign secretary said the bill would fail.",
            "The foreign secretary",
            None,
        ),
        (
            "Foreign Secretary Paul Avery spoke first on Monday. \
             The foreign secretary said the bill would fail.",
            "The foreign secretary",
            Some("Paul Avery"),
        ),
        (
            "Maria Lopez, a spokeswoman for the city, spoke first. \
             Later the spokeswoman said the road would reopen in May.",
            "the spokeswoman",
            Some("Maria Lopez"),
        ),
        // A person of unknown gender does not win over one known to agree a few sentences
        // back: the misread name may be a title or a place.
        (
            "Mary Holt wrote the report in May. It was long. Its tables took weeks. \
             Later the Harbour Review printed it. She said the numbers were right.",
            "She",
            None,
        ),
        // Alone and of unknown gender, with no one known to agree: linked.
        (
            "Kerry Vance opened the meeting. \u{201C}We start now,\u{201D} she said.",
            "she",
            Some("Kerry Vance"),
        ),
        // A possessor is no antecedent: the lawyer, not Tom Baker, is speaking.
        (
            "Tom Baker's lawyer arrived late. He said the case was weak.",
            "He",
            None,
        ),
        (
            "Tom Baker arrived late. He said the case was weak.",
            "He",
            Some("Tom Baker"),
        ),
        // Descriptions no one was given, plurals and indefinites stay unlinked.
        (
            "Helen Carter spoke on Monday. The official, who was not allowed to speak \
             publicly, said the talks had failed.",
            "The official",
            None,
        ),
        (
            "Helen Carter spoke on Monday. Analysts have predicted that the talks will fail.",
            "Analysts",
            None,
        ),
        // Whom a quote talks about is not who speaks it.
        (
            "The coach was angry after the match. \u{201C}We will appeal. The foul on David \
             Moreno was reckless,\u{201D} he said.",
            "he",
            None,
        ),
        (
            "Tom Baker watched the match. \u{201C}The foul on David Moreno was reckless,\u{201D} \
             he said.",
            "he",
            Some("Tom Baker"),
        ),
    ];

    #[test]
    fn sources_link_only_to_an_agreeing_salient_entity() {
        let extractor = Extractor::new(&Config::default()).expect("extractor");
        for &(text, source, want) in CASES {
            let doc = extractor.extract(text);
            let found = doc
                .claims
                .iter()
                .filter_map(|c| c.source.as_ref())
                .find(|s| s.span.text(text) == source);
            let Some(s) = found else {
                panic!("{text}: no source {source:?}");
            };
            let got = s.entity.map(|e| doc.entities[e].name.as_str());
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn resolved_pronouns_become_mentions_of_their_entity() {
        let text =
            "Maria Lopez met Tom Baker on Monday. \u{201C}The plan is wrong,\u{201D} she said.";
        let doc = Extractor::new(&Config::default())
            .expect("extractor")
            .extract(text);
        let maria = doc
            .entities
            .iter()
            .find(|e| e.name == "Maria Lopez")
            .expect("entity");
        let kinds: Vec<(&str, &str)> = maria
            .mentions
            .iter()
            .map(|m| (m.span.text(text), m.kind.as_str()))
            .collect();
        assert_eq!(kinds, [("Maria Lopez", "name"), ("she", "pronoun")]);
    }
}
