//! One document as the attribution rules see it: tokens with their lexicon entries, quotes,
//! sentences and entity mentions, with the small queries every rule needs.

use super::lexicon::{CueLexicon, WordId, WordInfo, WordRole};
use super::quotes::find_quotes;
use crate::document::{sentence_index, Entity, EntityType, Span};
use crate::text::tokens::{Token, TokenKind};

/// Marks beyond ASCII as the bytes of a token (see [`DocView::bytes`]).
pub const EM_DASH: &[u8] = "\u{2014}".as_bytes();
pub const EN_DASH: &[u8] = "\u{2013}".as_bytes();
pub const HORIZONTAL_BAR: &[u8] = "\u{2015}".as_bytes();
pub const ELLIPSIS: &[u8] = "\u{2026}".as_bytes();
pub const LEFT_QUOTE: &[u8] = "\u{201C}".as_bytes();
pub const RIGHT_QUOTE: &[u8] = "\u{201D}".as_bytes();
pub const LEFT_SINGLE_QUOTE: &[u8] = "\u{2018}".as_bytes();
pub const RIGHT_SINGLE_QUOTE: &[u8] = "\u{2019}".as_bytes();

/// Most tokens in one unit the rules see. News sentences stay far below it (the longest of
/// 2,225 BBC articles has about 250 tokens, of PolNeAR about 200); a longer run is a list, a
/// table or an unpunctuated transcript, cut into pieces (see [`DocView::cap_units`]).
pub const MAX_UNIT_TOKENS: usize = 400;

/// Counts the token queries of the rules, so that a test can measure their cost on an input
/// without timing it (issue 11); compiled only into tests. One counter per thread, as tests
/// run in parallel.
#[cfg(test)]
pub mod ops {
    use std::cell::Cell;

    thread_local!(static COUNT: Cell<u64> = const { Cell::new(0) });

    #[inline]
    pub fn tick() {
        COUNT.with(|c| c.set(c.get() + 1));
    }

    /// The count since the last call, reset to zero.
    pub fn take() -> u64 {
        COUNT.with(|c| c.replace(0))
    }
}

#[cfg(not(test))]
mod ops {
    #[inline(always)]
    pub fn tick() {}
}

/// Iterator over the set bits of [`DocView::listed`] in a token range.
pub struct ListedTokens<'v> {
    bits: &'v [u64],
    next: usize,
    end: usize,
}

impl Iterator for ListedTokens<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.next < self.end {
            let word = self.bits[self.next / 64] >> (self.next % 64);
            if word == 0 {
                // No bit left in this word: on to the next one.
                self.next = (self.next / 64 + 1) * 64;
                continue;
            }
            let i = self.next + word.trailing_zeros() as usize;
            if i >= self.end {
                break;
            }
            self.next = i + 1;
            return Some(i);
        }
        self.next = self.end;
        None
    }
}

/// A document prepared for the attribution rules.
pub struct DocView<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Per token: its word in the lexicon (see [`DocView::info`]).
    ids: Vec<WordId>,
    /// One bit per token: its word is a cue or starts a hedge phrase. Set with the ids, so
    /// that the rules visit these few tokens, not every token of every sentence; bits, not
    /// indexes, as a huge document holds hundreds of thousands of them.
    listed: Vec<u64>,
    /// Tokens whose word alone is a modal hedge ("might"), ascending.
    pub modals: Vec<u32>,
    pub sentences: &'a [Span],
    /// Quotations, quote marks included, in text order and never overlapping.
    pub quotes: Vec<Span>,
    pub entities: &'a [Entity],
    /// Byte offsets where paragraphs start (after each run of line breaks), ascending.
    pub paragraphs: Vec<usize>,
    /// The sentences the rules work on, as token ranges: the pipeline's sentences, cut at
    /// line breaks, joined again after a name's abbreviation ("Mr. Obama"), and cut into
    /// pieces of at most [`MAX_UNIT_TOKENS`].
    pub units: Vec<(usize, usize)>,
    /// Every entity mention as (span, entity index), by start.
    pub mentions: Vec<(Span, usize)>,
    /// Lines of page furniture ("READ MORE: …"), in text order.
    furniture: Vec<Span>,
    pub lexicon: &'a CueLexicon,
}

impl<'a> DocView<'a> {
    // Once per document: out of line, so that profiles show what the view costs.
    #[inline(never)]
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Span],
        entities: &'a [Entity],
        lexicon: &'a CueLexicon,
    ) -> DocView<'a> {
        let mut ids = Vec::with_capacity(tokens.len());
        let mut listed = vec![0u64; tokens.len().div_ceil(64)];
        let mut modals = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let id = match t.kind {
                TokenKind::Word => lexicon.id_at(text, t.span()),
                _ => WordId::UNKNOWN,
            };
            ids.push(id);
            let info = lexicon.entry(id);
            if info.listed {
                if info.cue.is_some() || info.hedge_start {
                    listed[i / 64] |= 1 << (i % 64);
                }
                if info.modal {
                    // Tokens end before 4 GiB (see `Token`), so their indexes fit.
                    modals.push(i as u32);
                }
            }
        }
        let mut mentions = Vec::with_capacity(entities.iter().map(|e| e.mentions.len()).sum());
        for (i, e) in entities.iter().enumerate() {
            mentions.extend(e.mentions.iter().map(|m| (m.span, i)));
        }
        // Unstable: elements with equal keys are equal.
        mentions.sort_unstable_by_key(|&(s, i)| (s.start, s.end, i));
        let mut paragraphs = vec![0];
        // A byte search: '\n' is never part of a longer UTF-8 sequence.
        paragraphs.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let furniture = lexicon.furniture.lines(text, &paragraphs);
        let mut view = DocView {
            text,
            furniture,
            paragraphs,
            units: Vec::new(),
            tokens,
            ids,
            listed,
            modals,
            sentences,
            quotes: find_quotes(text, sentences),
            entities,
            mentions,
            lexicon,
        };
        view.units = view.cap_units(view.sentence_units());
        view
    }

    /// Cuts every unit longer than [`MAX_UNIT_TOKENS`] into pieces, each ending after the last
    /// clause mark (`. ? ! ; : ,` or a dash) in the second half of its window, else at the cap.
    /// Every rule scans at most its unit from a cue, so the cap keeps the cost per cue constant
    /// and the whole pass linear on a text with no sentence end (a transcript, `he said. he
    /// said. …`: issue 11).
    // Once per document: out of line, so that profiles show its cost.
    #[inline(never)]
    fn cap_units(&self, units: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
        if units.iter().all(|&(a, b)| b - a <= MAX_UNIT_TOKENS) {
            return units;
        }
        let mut capped = Vec::with_capacity(units.len());
        for (mut a, b) in units {
            while b - a > MAX_UNIT_TOKENS {
                let cap = a + MAX_UNIT_TOKENS;
                let cut = (a + MAX_UNIT_TOKENS / 2..cap)
                    .rev()
                    .find(|&i| self.is_clause_mark(i))
                    .map_or(cap, |i| i + 1);
                capped.push((a, cut));
                a = cut;
            }
            capped.push((a, b));
        }
        capped
    }

    /// A mark after which a long unit may be cut.
    fn is_clause_mark(&self, i: usize) -> bool {
        matches!(
            self.bytes(i),
            b"." | b"?" | b"!" | b";" | b":" | b"," | EM_DASH | EN_DASH | HORIZONTAL_BAR
        )
    }

    // Once per document: out of line, so that profiles show its cost.
    #[inline(never)]
    fn sentence_units(&self) -> Vec<(usize, usize)> {
        let mut units: Vec<(usize, usize)> = Vec::with_capacity(self.sentences.len());
        // Sentences come in text order, each mostly starting where the last ended: the last
        // sentence's end token is the next one's start token, and the first line break after a
        // sentence's first token is searched from the last one found.
        let mut last_end = 0;
        let mut next_break = 0;
        for s in self.sentences {
            let starts_here = |i: usize| {
                (i == 0 || self.tokens[i - 1].span().start < s.start)
                    && self.tokens.get(i).is_none_or(|t| t.span().start >= s.start)
            };
            let a = if starts_here(last_end) {
                last_end
            } else {
                self.token_at(s.start)
            };
            let b = self.token_at(s.end);
            last_end = b;
            if a == b {
                continue;
            }
            // A line break between two of its tokens cuts the sentence before the second. Line
            // breaks are few: visit them, not every pair of tokens.
            let mut start = a;
            let after_first = self.tokens[a].span().end;
            let last_start = self.tokens[b - 1].span().start;
            if next_break > 0 && self.paragraphs[next_break - 1] > after_first {
                next_break = self.paragraphs.partition_point(|&p| p <= after_first);
            }
            while self
                .paragraphs
                .get(next_break)
                .is_some_and(|&p| p <= after_first)
            {
                next_break += 1;
            }
            for &p in &self.paragraphs[next_break..] {
                let line_break = p - 1;
                if line_break >= last_start {
                    break;
                }
                let i = self.token_at(line_break);
                if i > start {
                    units.push((start, i));
                    start = i;
                }
            }
            let joins = units.last().is_some_and(|&(_, end)| {
                end == start
                    && self.is_abbreviation_dot(end - 1)
                    && !self.paragraph_break_between(
                        self.tokens[end - 1].span().end,
                        self.tokens[end].span().start,
                    )
            });
            match units.last_mut() {
                Some(last) if joins => last.1 = b,
                _ => units.push((start, b)),
            }
        }
        units
    }

    #[inline]
    pub fn word(&self, i: usize) -> &'a str {
        ops::tick();
        self.tokens[i].text(self.text)
    }

    /// The bytes of token `i`. Punctuation is compared as bytes: slicing the text as a `str`
    /// checks char boundaries, at a cost the rules pay on most tokens they pass.
    #[inline]
    pub fn bytes(&self, i: usize) -> &'a [u8] {
        ops::tick();
        let t = self.tokens[i].span();
        &self.text.as_bytes()[t.start..t.end]
    }

    /// The tokens in `[a, b)` whose word is a cue or starts a hedge phrase, ascending.
    pub fn listed(&self, a: usize, b: usize) -> ListedTokens<'_> {
        ListedTokens {
            bits: &self.listed,
            next: a,
            end: b.min(self.tokens.len()),
        }
    }

    /// True when token `i` is the word `w` (ASCII case-insensitive).
    #[inline]
    pub fn is(&self, i: usize, w: &str) -> bool {
        ops::tick();
        // Bytes: the token's span needs no char-boundary check to be compared.
        self.tokens.get(i).is_some_and(|t| {
            self.text.as_bytes()[t.span().start..t.span().end].eq_ignore_ascii_case(w.as_bytes())
        })
    }

    /// The lexicon's word for token `i` (lower-cased; unknown words and punctuation share one).
    #[inline]
    pub fn id(&self, i: usize) -> WordId {
        ops::tick();
        self.ids[i]
    }

    /// What the lexicon knows about token `i`.
    #[inline]
    pub fn info(&self, i: usize) -> WordInfo {
        ops::tick();
        self.lexicon.entry(self.ids[i])
    }

    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        ops::tick();
        self.tokens[i].kind != TokenKind::Punct
    }

    #[inline]
    pub fn is_punct(&self, i: usize) -> bool {
        ops::tick();
        self.tokens[i].kind == TokenKind::Punct
    }

    /// The lexicon role of token `i` (none past the end).
    #[inline]
    pub fn role(&self, i: usize) -> Option<WordRole> {
        ops::tick();
        self.ids.get(i).and_then(|&id| self.lexicon.entry(id).role)
    }

    /// True when token `i` starts with an upper-case letter (false past the end).
    #[inline]
    pub fn is_capitalised(&self, i: usize) -> bool {
        ops::tick();
        self.tokens
            .get(i)
            .is_some_and(|t| t.is_capitalised(self.text))
    }

    /// True for a quotation mark token (straight, curly or a doubled apostrophe/backtick).
    pub fn is_quote_mark(&self, i: usize) -> bool {
        matches!(
            self.bytes(i),
            b"\"" | b"'" | b"`" | LEFT_QUOTE | RIGHT_QUOTE | LEFT_SINGLE_QUOTE | RIGHT_SINGLE_QUOTE
        )
    }

    /// The dot of an abbreviation inside a name ("Mr.", "Sen.", "U.S."), not a full stop.
    pub fn is_abbreviation_dot(&self, i: usize) -> bool {
        if self.bytes(i) != b"." || i == 0 || !self.is_word(i - 1) {
            return false;
        }
        // Closures, so that the tests run only as far as needed: every full stop asks.
        let short_title = || {
            // One character: at most 4 bytes, counted only then.
            let initial = || self.bytes(i - 1).len() <= 4 && self.word(i - 1).chars().count() == 1;
            (self.role(i - 1) == Some(WordRole::Title) || initial()) && self.is_capitalised(i - 1)
        };
        let glued = self.tokens[i - 1].span().end == self.tokens[i].span().start;
        let next_capital = || {
            i + 1 < self.tokens.len()
                && self.is_capitalised(i + 1)
                && self.text[self.tokens[i].span().end..self.tokens[i + 1].span().start]
                    .chars()
                    .all(|c| c.is_whitespace() && c != '\n')
        };
        // "R-Ky.,", "N.C.,": a dot before a comma ends no sentence.
        let before_comma = || {
            i + 1 < self.tokens.len()
                && self.bytes(i + 1) == b","
                && self.tokens[i + 1].span().start == self.tokens[i].span().end
        };
        glued && (short_title() && next_capital() || before_comma())
    }

    /// Walks back from cue token `i` over auxiliaries and adverbs ("has also said").
    pub fn cue_start(&self, i: usize, floor: usize) -> usize {
        let mut start = i;
        while start > floor
            && (matches!(self.role(start - 1), Some(WordRole::Aux | WordRole::Adverb))
                && !self.is_surname(start - 1)
                || self.is_manner_adverb(start - 1, floor))
        {
            start -= 1;
        }
        start
    }

    /// "Elizabeth May", "Ms. May", "Sen. Will": a capitalised modal after a first name or a
    /// title is a surname.
    pub fn is_surname(&self, i: usize) -> bool {
        if i == 0 || !self.is_capitalised(i) || self.role(i) != Some(WordRole::Aux) {
            return false;
        }
        let p = i - 1;
        let title = |k: usize| self.role(k) == Some(WordRole::Title);
        let first_name = self.is_word(p)
            && self.is_capitalised(p)
            && self.role(p).is_none()
            && self.info(p).cue.is_none()
            && self.info(p).pronoun.is_none();
        first_name || title(p) || p > 0 && self.is_abbreviation_dot(p) && title(p - 1)
    }

    /// "loudly", "cynically" before a cue: a lower-case "-ly" word after a name, a pronoun or
    /// an auxiliary ("the family" stays a noun after its determiner).
    fn is_manner_adverb(&self, i: usize, floor: usize) -> bool {
        let w = self.word(i);
        w.len() > 4
            && w.ends_with("ly")
            && !self.is_capitalised(i)
            && i > floor
            && (self.is_capitalised(i - 1)
                || self.info(i - 1).pronoun.is_some()
                || matches!(self.role(i - 1), Some(WordRole::Aux | WordRole::Adverb)))
    }

    /// True when byte `pos` lies on a line of page furniture.
    pub fn in_furniture(&self, pos: usize) -> bool {
        let next = self.furniture.partition_point(|s| s.start <= pos);
        next > 0 && pos <= self.furniture[next - 1].end
    }

    /// Index of the quotation containing byte `pos`.
    #[inline]
    pub fn quote_at(&self, pos: usize) -> Option<usize> {
        let i = self.quotes.partition_point(|q| q.end <= pos);
        (i < self.quotes.len() && self.quotes[i].start <= pos).then_some(i)
    }

    /// Index of the quotation that starts at token `i`'s opening mark.
    pub fn quote_starting_at(&self, i: usize) -> Option<usize> {
        // A quotation opens at a mark, which is a token of its own: a word needs no search.
        if !self.is_punct(i) {
            return None;
        }
        let pos = self.tokens[i].span().start;
        self.quote_at(pos).filter(|&q| self.quotes[q].start == pos)
    }

    /// Index of the first token starting at or after byte `pos`.
    #[inline]
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span().start < pos)
    }

    /// The token that `span` covers when it covers exactly one (`token_at` of its start,
    /// when `token_at` of its end is the next): one search, not two.
    pub fn single_token(&self, span: Span) -> Option<usize> {
        let a = self.token_at(span.start);
        let starts_inside = |i: usize| {
            self.tokens
                .get(i)
                .is_some_and(|t| t.span().start < span.end)
        };
        (starts_inside(a) && !starts_inside(a + 1)).then_some(a)
    }

    /// How many sentences the rules see (see [`units`]).
    pub fn sentence_count(&self) -> usize {
        self.units.len()
    }

    /// Token range `[a, b)` of sentence `k`.
    #[inline]
    pub fn sentence_tokens(&self, k: usize) -> (usize, usize) {
        self.units[k]
    }

    /// Index of the sentence holding byte `pos` (or the one before it, between sentences).
    pub fn sentence_of(&self, pos: usize) -> usize {
        self.units
            .partition_point(|&(a, _)| self.tokens[a].span().start <= pos)
            .saturating_sub(1)
    }

    /// Span from the start of token `a` to the end of token `b - 1`.
    #[inline]
    pub fn span(&self, a: usize, b: usize) -> Span {
        debug_assert!(a < b);
        Span::new(self.tokens[a].span().start, self.tokens[b - 1].span().end)
    }

    /// Index of the paragraph (line) containing byte `pos`.
    pub fn paragraph_of(&self, pos: usize) -> usize {
        self.paragraphs.partition_point(|&p| p <= pos) - 1
    }

    /// Byte offset of the first line break at or after `pos`, else the end of the text. Found
    /// among the paragraph starts: a scan of the text would run to its end, once per call, in
    /// a text of one paragraph.
    pub fn line_end(&self, pos: usize) -> usize {
        let next = self.paragraphs.partition_point(|&p| p <= pos);
        self.paragraphs
            .get(next)
            .map_or(self.text.len(), |&p| p - 1)
    }

    /// True when a paragraph break (a line break) lies between bytes `a` and `b`.
    pub fn paragraph_break_between(&self, a: usize, b: usize) -> bool {
        // A byte scan: the gaps asked about are short, where str::contains(char) costs a searcher.
        a < b && self.text.as_bytes()[a..b].contains(&b'\n')
    }

    /// The entity with a mention overlapping `span`, preferring people, then the longest.
    pub fn entity_overlapping(&self, span: Span) -> Option<usize> {
        let first = self.mentions.partition_point(|(m, _)| m.end <= span.start);
        let hits = self.mentions[first.saturating_sub(8)..]
            .iter()
            .take_while(|(m, _)| m.start < span.end)
            .filter(|(m, _)| m.overlaps(&span));
        hits.max_by_key(|(m, e)| (self.entities[*e].entity_type == EntityType::Person, m.len()))
            .map(|&(_, e)| e)
    }

    /// The entity a description ("the group", "the organization") most likely continues: the
    /// first compatible mention of the nearest sentence before `pos` that has one. News puts
    /// the topic first, so in "ISIS wants to reach Jerusalem and the White House. The
    /// organization has also called for …" the organization is ISIS, not the White House.
    pub fn salient_entity_before(
        &self,
        pos: usize,
        window: usize,
        accepts: impl Fn(EntityType) -> bool,
    ) -> Option<usize> {
        let (nearest, _) = self.last_mention_before(pos, window, &accepts)?;
        let sentence_start = self.sentences[sentence_index(self.sentences, nearest.start)].start;
        let first = self
            .mentions
            .partition_point(|(m, _)| m.start < sentence_start);
        self.mentions[first..]
            .iter()
            .take_while(|(m, _)| m.start <= nearest.start)
            .find(|(_, e)| accepts(self.entities[*e].entity_type))
            .map(|&(_, e)| e)
    }

    /// The entity of the last mention before `pos` whose type `accepts`, within `window` bytes.
    pub fn last_entity_before(
        &self,
        pos: usize,
        window: usize,
        accepts: impl Fn(EntityType) -> bool,
    ) -> Option<usize> {
        self.last_mention_before(pos, window, &accepts)
            .map(|&(_, e)| e)
    }

    /// The last mention ending before `pos` whose entity type `accepts`, within `window` bytes.
    fn last_mention_before(
        &self,
        pos: usize,
        window: usize,
        accepts: &impl Fn(EntityType) -> bool,
    ) -> Option<&(Span, usize)> {
        let end = self.mentions.partition_point(|(m, _)| m.start < pos);
        self.mentions[..end]
            .iter()
            .rev()
            .take_while(|(m, _)| m.end + window >= pos)
            .find(|(m, e)| m.end <= pos && accepts(self.entities[*e].entity_type))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    #[test]
    fn sentences_are_cut_at_line_breaks_and_joined_after_a_title() {
        let lexicon = CueLexicon::embedded();
        let table: &[(&str, &[&str])] = &[
            (
                "Title line\nThe body goes on.",
                &["Title line", "The body goes on."],
            ),
            ("One\n\nTwo\nThree four.", &["One", "Two", "Three four."]),
            ("No break here at all.", &["No break here at all."]),
        ];
        for (text, want) in table {
            let tokens = tokenize(text);
            let sentences = [Span::new(0, text.len())];
            let v = DocView::new(text, &tokens, &sentences, &[], &lexicon);
            let got: Vec<&str> = (0..v.sentence_count())
                .map(|k| {
                    let (a, b) = v.sentence_tokens(k);
                    v.span(a, b).text(text)
                })
                .collect();
            assert_eq!(&got, want, "{text:?}");
        }
        // "Mr." ends no sentence: the splitter's two sentences are one unit.
        let text = "He met Mr. Smith today.";
        let tokens = tokenize(text);
        let sentences = [Span::new(0, 11), Span::new(11, text.len())];
        let v = DocView::new(text, &tokens, &sentences, &[], &lexicon);
        assert_eq!(v.sentence_count(), 1);
    }

    /// Issue 11: runs of cues with no sentence end cost the rules operations in proportion to
    /// their length. Counted token queries, not time: four times the text must cost about four
    /// times the queries (a scan to the end of the sentence from every cue made it sixteen).
    #[test]
    fn cue_runs_cost_linear_operations() {
        let extractor = crate::Extractor::new(&crate::Config::default()).expect("pipeline");
        let patterns = [
            "he said. ",
            "according to ",
            "\"yes,\" he said \"no,\"",
            "(he said) ",
            "he said \u{2014} ",
            "the man said the plan was a good one, I agree. ",
            "officials believe that the storm, which they said ",
        ];
        let ops_for = |pattern: &str, bytes: usize| {
            let text = pattern.repeat(bytes / pattern.len());
            ops::take();
            extractor.extract(&text);
            ops::take()
        };
        for pattern in patterns {
            let small = ops_for(pattern, 16_000);
            let large = ops_for(pattern, 64_000);
            let ratio = large as f64 / small.max(1) as f64;
            assert!(
                (3.0..5.0).contains(&ratio),
                "{pattern:?}: {small} then {large} operations, ratio {ratio:.1} for 4x the text"
            );
        }
    }

    #[test]
    fn long_units_are_cut_after_a_clause_mark() {
        let lexicon = CueLexicon::embedded();
        let text = "one two three, ".repeat(200);
        let tokens = tokenize(&text);
        let sentences = [Span::new(0, text.len())];
        let v = DocView::new(&text, &tokens, &sentences, &[], &lexicon);
        assert!(v.sentence_count() > 1);
        for k in 0..v.sentence_count() {
            let (a, b) = v.sentence_tokens(k);
            assert!(b - a <= MAX_UNIT_TOKENS);
            assert!(
                b == tokens.len() || v.bytes(b - 1) == b",",
                "cut after {:?}",
                v.word(b - 1)
            );
        }
        let tiled: Vec<(usize, usize)> = v.units.windows(2).map(|w| (w[0].1, w[1].0)).collect();
        assert!(tiled.iter().all(|(end, start)| end == start));
    }

    #[test]
    fn listed_tokens_are_the_set_bits_in_range() {
        let set = [0, 5, 63, 64, 65, 127, 200];
        let mut bits = vec![0u64; 4];
        for i in set {
            bits[i / 64] |= 1 << (i % 64);
        }
        let table = [
            (0, 256),
            (1, 64),
            (63, 64),
            (64, 66),
            (66, 127),
            (128, 200),
            (5, 5),
        ];
        for (a, b) in table {
            let got: Vec<usize> = ListedTokens {
                bits: &bits,
                next: a,
                end: b,
            }
            .collect();
            let want: Vec<usize> = set.into_iter().filter(|i| (a..b).contains(i)).collect();
            assert_eq!(got, want, "[{a}, {b})");
        }
    }

    #[test]
    fn line_end_is_the_next_line_break() {
        let lexicon = CueLexicon::embedded();
        for text in ["", "one line", "a\nb", "\n\nx\n", "“é”\nsaid\n\n“ü”"] {
            let tokens = tokenize(text);
            let sentences = [Span::new(0, text.len())];
            let v = DocView::new(text, &tokens, &sentences, &[], &lexicon);
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                let want = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
                assert_eq!(v.line_end(pos), want, "{text:?} at {pos}");
            }
        }
    }
}
