//! Sentence ends inside one block: periods, question and exclamation marks, ellipses.
//!
//! Every terminator is looked at once, with a bounded look around it, so the cost is linear.
//! A terminator ends a sentence when the text after it (past closing quotes, brackets and
//! citations) is white space and then something that can start a sentence; what precedes a
//! period (an abbreviation, an initial, a number) decides how much evidence that takes.

use super::chars::{
    char_at, char_before, is_bullet, is_closing_bracket, is_dash, is_opening_bracket, is_quote,
    is_terminator, is_wide_terminator,
};
use super::lexicon::{Lexicon, Roles};
use super::marks::{Marker, Marks, Pair, QuoteRole};

/// How far (in bytes) the splitter looks back for the word before a period.
const MAX_WORD: usize = 64;
/// The longest fronted phrase ("On the day they all left at 6 a.m.") it recognises.
const MAX_FRONTED: usize = 80;

/// What to do after looking at a terminator.
enum Step {
    /// No boundary; go on scanning at this offset.
    Continue(usize),
    /// A new sentence starts at this offset.
    Boundary(usize),
}

/// A run of terminators: "?!", "...", ". . .", "! ! !".
#[derive(Clone, Copy, Debug, Default)]
struct Run {
    end: usize,
    periods: u32,
    /// Terminators other than ".": "!", "?", "…".
    others: u32,
    exclamation: bool,
    question: bool,
    ellipsis_char: bool,
    wide: bool,
    /// Speech broken off by a dash before its closing quote: "If you please, sir--" The …
    dash: bool,
}

impl Run {
    fn is_single_period(&self) -> bool {
        self.periods == 1 && self.others == 0
    }

    fn is_ellipsis(&self) -> bool {
        self.periods >= 2 || self.ellipsis_char
    }
}

/// What follows the white space after a terminator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Upper,
    Lower,
    Digit,
    /// Punctuation that cannot start a sentence: ",", ";", ":", ")".
    Punct,
    /// Any other symbol.
    Other,
    End,
}

#[derive(Clone, Copy, Debug)]
struct Next {
    kind: Kind,
    /// The next text starts with "(" or "[".
    paren: bool,
    /// Where the next word starts and ends, when it is capitalised (empty otherwise). Its roles
    /// ("The" starts sentences, "EST" goes on after a time) are looked up only when a rule asks
    /// (see [`Scanner::next_roles`]): most periods are decided without them.
    word: (usize, usize),
    /// The next word is a single letter with a period: another initial.
    initial: bool,
    /// The next word is "I", "I'm", "I'll"…: capitalised whatever its position.
    pronoun_i: bool,
    /// The next word is a Roman numeral ("Vol. II").
    roman: bool,
}

/// The scanner of one block; its marks are reused from block to block.
pub struct Scanner<'l> {
    lexicon: &'l Lexicon,
    marks: Marks,
    active_quotes: Vec<Pair>,
    active_brackets: Vec<Pair>,
}

impl<'l> Scanner<'l> {
    pub fn new(lexicon: &'l Lexicon) -> Scanner<'l> {
        Scanner {
            lexicon,
            marks: Marks::default(),
            active_quotes: Vec::new(),
            active_brackets: Vec::new(),
        }
    }

    /// Pushes to `out` the start (plus `offset`) of every sentence after the first in `block`,
    /// which starts at `offset` in a text whose landmarks in the block are `landmarks`.
    pub fn split(&mut self, block: &str, offset: usize, landmarks: &[usize], out: &mut Vec<usize>) {
        let s = block;
        self.marks.scan(s, offset, landmarks);
        self.active_quotes.clear();
        self.active_brackets.clear();
        let mut next_quote_pair = 0;
        let mut next_bracket_pair = 0;
        let mut next_forced = 0;

        let mut alnum = NextAlnum::default();
        let mut sentence = Sentence::at(s, 0, &mut alnum);
        let mut i = sentence.start;
        let mut next_terminator = 0;
        loop {
            // `i` only moves forward, so the terminators before it are behind for good.
            let terminators = &self.marks.terminators;
            while terminators.get(next_terminator).is_some_and(|&t| t < i) {
                next_terminator += 1;
            }
            i = terminators.get(next_terminator).copied().unwrap_or(s.len());
            while let Some(&forced) = self.marks.forced.get(next_forced) {
                if forced > i {
                    break;
                }
                next_forced += 1;
                if forced > sentence.start {
                    out.push(offset + forced);
                    sentence = Sentence::at(s, forced, &mut alnum);
                }
            }
            if i >= s.len() {
                break;
            }
            let Some(c) = char_at(s, i) else {
                i += 1;
                continue;
            };
            if !(is_terminator(c) || self.interrupted(s, i).is_some()) || i < sentence.marker_end {
                i += c.len_utf8();
                continue;
            }
            enclosing(
                &self.marks.quote_pairs,
                &mut next_quote_pair,
                &mut self.active_quotes,
                i,
            );
            enclosing(
                &self.marks.bracket_pairs,
                &mut next_bracket_pair,
                &mut self.active_brackets,
                i,
            );
            match self.decide(s, i, &sentence) {
                Step::Continue(next) => i = next.max(i + c.len_utf8()),
                Step::Boundary(at) => {
                    out.push(offset + at);
                    sentence = Sentence::at(s, at, &mut alnum);
                    i = at;
                }
            }
        }
    }

    fn decide(&self, s: &str, i: usize, sentence: &Sentence) -> Step {
        let run = match self.interrupted(s, i) {
            Some(end) => Run {
                end,
                others: 1,
                dash: true,
                ..Run::default()
            },
            None => scan_run(s, i),
        };
        if sentence.content >= i {
            // Nothing but punctuation before it: ". . . The practice" opens a sentence.
            return Step::Continue(run.end);
        }
        let tail = self.scan_tail(s, i, &run, sentence.start);
        // Inside a quotation a period ends a sentence only in news's attributed quote that
        // opens its sentence ("“We are ready. We will win,” she said."), as news treebanks
        // split it; elsewhere (fiction's "Ah, well! It …," said the Duchess, a quote standing
        // alone) the quotation stays whole, as the golden rules want.
        let news_quote = |p: &&Pair| {
            run.is_single_period()
                && s[..p.close].ends_with(',')
                // (A quote opened before the sentence was split at an earlier period.)
                && (p.open < sentence.start || s[sentence.start..p.open].trim().is_empty())
        };
        let protected = self
            .active_quotes
            .iter()
            .filter(|p| !news_quote(p))
            .chain(&self.active_brackets)
            .any(|p| p.close >= tail.end);
        if protected {
            return Step::Continue(run.end);
        }
        let Some(after) = char_at(s, tail.end) else {
            return Step::Continue(s.len());
        };
        if !after.is_whitespace() {
            if run.wide {
                return Step::Boundary(tail.end);
            }
            if run.is_single_period() && tail.end == run.end && self.glued(s, i, sentence.start) {
                return Step::Boundary(i + 1);
            }
            return Step::Continue(run.end);
        }
        let gap_end = skip_space(s, tail.end);
        let next = self.next(s, gap_end);
        if next.paren && self.parenthesis_continues(s, gap_end, tail.quote) {
            return Step::Continue(tail.end);
        }
        if matches!(next.kind, Kind::Lower | Kind::Punct | Kind::End) {
            return Step::Continue(tail.end);
        }
        let ends = if run.exclamation || run.question || run.dash {
            self.bang_ends(s, i, sentence, &run, &next)
        } else if run.is_ellipsis() {
            if next.pronoun_i {
                false
            } else if let Some(at) = ellipsis_after_period(s, i, &run) {
                return Step::Boundary(at);
            } else {
                true
            }
        } else {
            self.period_ends(s, i, sentence, &next)
        };
        if ends {
            Step::Boundary(gap_end)
        } else {
            Step::Continue(tail.end)
        }
    }

    /// Whether the bracket opening at `open`, right after a sentence end, still belongs to that
    /// sentence: a gloss starting with a number ("at 11 a.m. (0800 GMT) in …"), a short
    /// citation closing a sentence of its own ("… in 2018. (CSIS). Next"), or a comment on a
    /// quotation (`"…" (Smith 55).`) unless it is a whole sentence followed by more text.
    fn parenthesis_continues(&self, s: &str, open: usize, after_quote: bool) -> bool {
        let pairs = &self.marks.bracket_pairs;
        let Ok(k) = pairs.binary_search_by_key(&open, |p| p.open) else {
            return after_quote;
        };
        let close = pairs[k].close;
        let open_len = char_at(s, open).map_or(1, char::len_utf8);
        let close_len = char_at(s, close).map_or(1, char::len_utf8);
        let inner = s[open + open_len..close].trim();
        let after = &s[close + close_len..];
        if inner.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        let citation = inner.len() <= 40
            && !inner.contains(is_terminator)
            && (after.trim().is_empty()
                || after
                    .chars()
                    .next()
                    .is_some_and(|t| is_terminator(t) && ends_run(after, t.len_utf8())));
        if citation {
            return true;
        }
        let capital = inner.starts_with(char::is_uppercase);
        let sentence = capital && inner.ends_with(is_terminator);
        let more = after.chars().take(64).any(char::is_alphanumeric);
        after_quote && !(sentence && more)
    }

    /// Where a dash that breaks off a quotation ("sir--\"", "sir—”") ends, if one starts at `i`.
    fn interrupted(&self, s: &str, i: usize) -> Option<usize> {
        let dashes = if s[i..].starts_with("--") {
            2
        } else if s[i..].starts_with('—') {
            '—'.len_utf8()
        } else {
            return None;
        };
        if char_before(s, i).is_none_or(char::is_whitespace) {
            return None;
        }
        let quote = self.marks.quote_at(i + dashes)?;
        matches!(quote.role, QuoteRole::Close | QuoteRole::StrayClose).then_some(i + dashes)
    }

    /// "!" and "?" end a sentence before anything that can start one, except after a name
    /// spelled with "!" ("Yahoo! Research").
    fn bang_ends(&self, s: &str, i: usize, sentence: &Sentence, run: &Run, next: &Next) -> bool {
        if run.exclamation && !run.question && run.others == 1 && run.periods == 0 {
            let word = WordBefore::find(s, i, sentence.start);
            if self.lexicon.roles(word.core(s)).has(Roles::BANG_NAME) {
                return self.next_roles(s, next).has(Roles::STARTER);
            }
        }
        true
    }

    /// Whether a single period ends the sentence, given what comes before and after it.
    fn period_ends(&self, s: &str, i: usize, sentence: &Sentence, next: &Next) -> bool {
        let mut word = WordBefore::find(s, i, sentence.start);
        if word.start == word.end {
            // A period set off by a space ("Mr . Robinson"): judge the word before it.
            let end = skip_space_back(s, i, sentence.start);
            word = WordBefore::find(s, end, sentence.start);
        }
        let core = word.core(s);
        let at_start = word.core_start(s) <= sentence.content;
        let roles = self.roles(core);
        if !roles.is_abbreviation() && next.kind == Kind::Upper {
            // The common case: a plain word before a capital.
            if let Shape::Number | Shape::Word = Shape::of(core) {
                return true;
            }
        }
        let prev = PrevWord::find(self.lexicon, s, word.start, sentence.start);
        let after_number = prev.number || prev.unit || word.digit_prefix(s);
        // Whether the next word is a sentence starter ("The", "He", "However").
        let starter = || {
            next.kind == Kind::Upper
                && !next.initial
                && self.next_roles(s, next).has(Roles::STARTER)
        };
        let before_number = |next: &Next| next.kind == Kind::Upper && !next.roman;

        if roles.has(Roles::UNIT) && after_number {
            return before_number(next);
        }
        if roles.has(Roles::MID_SENTENCE) {
            return false;
        }
        if roles.has(Roles::TITLE) || roles.has(Roles::STREET) {
            // "Dr. Watson" never ends; "Main St. The" does.
            return roles.has(Roles::STREET) && prev.capitalised && starter();
        }
        if roles.has(Roles::TIME) {
            return match next.kind {
                Kind::Digit => after_number,
                // "EST", "Friday": words that go on after a clock time.
                Kind::Upper if self.next_roles(s, next).has(Roles::AFTER_TIME) => false,
                Kind::Upper => starter() || !self.fronted(s, sentence, word.start),
                _ => true,
            };
        }
        if roles.has(Roles::FINAL) {
            return next.kind != Kind::Digit;
        }
        if roles.has(Roles::BEFORE_NUMBER) {
            return before_number(next);
        }
        if roles.has(Roles::GENERAL) || roles.has(Roles::REGION) {
            return starter();
        }
        match Shape::of(core) {
            Shape::Number | Shape::Word => true,
            Shape::Initial => !at_start && starter(),
            Shape::LowerLetter => !at_start,
            Shape::Initialism => starter(),
        }
    }

    /// Roles of the word before a period; "7a.m" counts as "a.m", titles and regions need a
    /// capital.
    fn roles(&self, core: &str) -> Roles {
        let mut roles = self.lexicon.roles(core);
        if !roles.is_abbreviation() {
            let letters = core.trim_start_matches(|c: char| c.is_ascii_digit());
            if letters.len() < core.len() && letters.contains('.') {
                roles = self.lexicon.roles(letters);
            }
        }
        if !core.starts_with(char::is_uppercase) {
            // Titles and state names are capitalised; "a sales rep." or "I miss." are words.
            roles = roles.without(Roles::REGION).without(Roles::TITLE);
        }
        roles
    }

    /// Whether the clause holding the word at `word_start` opens with a fronted time phrase
    /// ("At 5 a.m.", "In 44 B.C."), after which a name does not start a new sentence.
    fn fronted(&self, s: &str, sentence: &Sentence, word_start: usize) -> bool {
        let mut from = word_start.saturating_sub(MAX_FRONTED).max(sentence.start);
        while !s.is_char_boundary(from) {
            from += 1;
        }
        // A clause starts after ": " or "; " (not the colon of "11:58").
        let window = &s[from..word_start];
        let colon = window
            .rmatch_indices([':', ';'])
            .find(|&(k, _)| window[k + 1..].starts_with(char::is_whitespace));
        let clause = match colon {
            Some((k, _)) => from + k + 1,
            None if from == sentence.start => from,
            None => return false,
        };
        let first: &str = s[clause..word_start]
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        self.lexicon.roles(first).has(Roles::FRONTING)
    }

    /// "world.Today": a period with no space, between a lower-case word (or a number) and a
    /// capitalised word, outside URLs and e-mail addresses.
    fn glued(&self, s: &str, i: usize, floor: usize) -> bool {
        let Some(first) = char_at(s, i + 1).filter(|c| c.is_uppercase()) else {
            return false;
        };
        let mut j = i + 1 + first.len_utf8();
        let mut lowers = 0;
        while let Some(c) = char_at(s, j).filter(|c| c.is_lowercase()) {
            lowers += 1;
            j += c.len_utf8();
        }
        let right_ok = lowers > 0
            && match char_at(s, j) {
                None => true,
                Some(c) if c.is_alphanumeric() || matches!(c, '@' | '/' | '_') => false,
                Some('.') => !char_at(s, j + 1).is_some_and(char::is_alphanumeric),
                Some(_) => true,
            };
        if !right_ok {
            return false;
        }
        let left_ok = match char_before(s, i) {
            Some(c) if c.is_ascii_digit() => true,
            Some(c) if c.is_lowercase() => {
                char_before(s, i - c.len_utf8()).is_some_and(char::is_lowercase)
            }
            _ => false,
        };
        if !left_ok {
            return false;
        }
        let token = token_around(s, i);
        if token.contains("://") || token.contains("www.") || token.contains('@') {
            return false;
        }
        let word = WordBefore::find(s, i, floor);
        !self.lexicon.roles(word.core(s)).is_abbreviation()
    }

    /// What follows the gap at `at`: past opening quotes, brackets and dashes.
    fn next(&self, s: &str, at: usize) -> Next {
        let mut next = Next {
            kind: Kind::End,
            paren: matches!(char_at(s, at), Some('(' | '[')),
            word: (at, at),
            initial: false,
            pronoun_i: false,
            roman: false,
        };
        let mut j = at;
        let mut after_dash = false;
        let mut steps = 0;
        let c = loop {
            let Some(c) = char_at(s, j) else {
                return next;
            };
            let skip = is_opening_bracket(c)
                || is_quote(c)
                || is_dash(c)
                || is_bullet(c)
                || matches!(c, '¡' | '¿')
                || (after_dash && c.is_whitespace());
            if !skip || steps >= 8 {
                break c;
            }
            after_dash = is_dash(c) || (after_dash && c.is_whitespace());
            j += c.len_utf8();
            steps += 1;
        };
        next.kind = if c.is_lowercase() {
            Kind::Lower
        } else if c.is_uppercase() {
            Kind::Upper
        } else if c.is_numeric() || matches!(c, '$' | '£' | '€' | '¥' | '₹' | '#') {
            Kind::Digit
        } else if c.is_alphabetic() {
            // Scripts without case: nothing suggests the sentence goes on.
            Kind::Upper
        } else if matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '.' | '%' | '…') {
            Kind::Punct
        } else {
            Kind::Other
        };
        if next.kind != Kind::Upper {
            return next;
        }
        let mut end = j;
        for (k, ch) in s[j..].char_indices() {
            if !(ch.is_alphabetic() || ch == '\'' || ch == '’') || k > 24 {
                break;
            }
            end = j + k + ch.len_utf8();
        }
        let word = s[j..end].trim_end_matches(['\'', '’']);
        let after = char_at(s, j + word.len());
        next.word = (j, j + word.len());
        next.initial = word.chars().count() == 1 && after == Some('.');
        next.pronoun_i = word == "I" || word.starts_with("I'") || word.starts_with("I’");
        next.roman = word.len() <= 4
            && word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
            && !after.is_some_and(char::is_alphanumeric);
        next
    }

    /// The roles of the capitalised word after a boundary (none if there is none).
    fn next_roles(&self, s: &str, next: &Next) -> Roles {
        self.lexicon.roles(&s[next.word.0..next.word.1])
    }

    /// Closing quotes and brackets, more terminators, citations ("[1]") and footnote numbers
    /// after a run: all belong to the sentence that ends.
    fn scan_tail(&self, s: &str, i: usize, run: &Run, floor: usize) -> Tail {
        let mut j = run.end;
        let mut quote = false;
        while let Some(c) = char_at(s, j) {
            if is_closing_bracket(c) {
                j += c.len_utf8();
                quote = false;
                continue;
            }
            if is_quote(c) {
                match self.marks.quote_at(j) {
                    Some(q) if q.role == QuoteRole::Open => break,
                    Some(q) => j += q.len,
                    None if matches!(c, '’' | '\'' | '"' | '”' | '»') => j += c.len_utf8(),
                    None => break,
                }
                quote = true;
                continue;
            }
            if is_terminator(c) {
                j += c.len_utf8();
                continue;
            }
            if c == ' ' {
                if let Some(q) = self.marks.quote_at(j + 1) {
                    let closes = matches!(
                        q.role,
                        QuoteRole::Close
                            | QuoteRole::StrayClose
                            | QuoteRole::Unclosed { first: true }
                    );
                    let after = char_at(s, j + 1 + q.len);
                    if closes && after.is_none_or(|a| a.is_whitespace() || is_terminator(a)) {
                        j += 1 + q.len;
                        quote = true;
                        continue;
                    }
                }
                if let Some(t) = char_at(s, j + 1).filter(|&t| is_terminator(t)) {
                    if ends_run(s, j + 1 + t.len_utf8()) {
                        j += 1 + t.len_utf8();
                        continue;
                    }
                }
            }
            break;
        }
        loop {
            let at = if s[j..].starts_with(" [") { j + 1 } else { j };
            match citation_end(s, at) {
                Some(end) => j = end,
                None => break,
            }
        }
        if run.is_single_period() && j == run.end {
            if let Some(end) = self.footnote_end(s, i, j, floor) {
                j = end;
            }
        }
        Tail { end: j, quote }
    }

    /// "martyr.11 12 Take": footnote numbers glued to a period after a word.
    fn footnote_end(&self, s: &str, i: usize, at: usize, floor: usize) -> Option<usize> {
        let before = char_before(s, i)?;
        if !(before.is_alphabetic() || before == ')') {
            return None;
        }
        let mut end = digits_end(s, at, 3)?;
        if self
            .lexicon
            .roles(WordBefore::find(s, i, floor).core(s))
            .is_abbreviation()
        {
            return None;
        }
        while s[end..].starts_with(' ') {
            match digits_end(s, end + 1, 3) {
                Some(more) if char_at(s, more).is_none_or(char::is_whitespace) => end = more,
                _ => break,
            }
        }
        let after = skip_space(s, end);
        let upper = char_at(s, after).is_some_and(char::is_uppercase);
        (after > end && upper).then_some(end)
    }
}

/// The sentence being built.
#[derive(Clone, Copy, Debug)]
struct Sentence {
    start: usize,
    /// Its first letter or digit.
    content: usize,
    /// End of a list marker that opens it ("1.", "a.)"), whose period is not a terminator.
    marker_end: usize,
}

impl Sentence {
    fn at(s: &str, at: usize, alnum: &mut NextAlnum) -> Sentence {
        let start = skip_space(s, at);
        let content = alnum.from(s, start);
        let mut item = start;
        // Bullets and spaces before a list marker, a few at most.
        for _ in 0..8 {
            match char_at(s, item).filter(|&c| is_bullet(c) || c.is_whitespace()) {
                Some(c) => item += c.len_utf8(),
                None => break,
            }
        }
        let marker_end = Marker::parse(s, item, false).map_or(0, |m| m.end);
        Sentence {
            start,
            content,
            marker_end,
        }
    }
}

/// The first letter or digit at or after a position, remembered so that sentences opening
/// one after another in a long run of punctuation do not scan it again and again.
#[derive(Clone, Copy, Debug, Default)]
struct NextAlnum {
    searched_from: usize,
    found: usize,
}

impl NextAlnum {
    fn from(&mut self, s: &str, start: usize) -> usize {
        if start < self.searched_from || start > self.found || self.found == 0 {
            self.searched_from = start;
            self.found = s[start..]
                .find(char::is_alphanumeric)
                .map_or(s.len(), |k| start + k);
        }
        self.found
    }
}

#[derive(Clone, Copy, Debug)]
struct Tail {
    end: usize,
    /// The tail ends with a closing quote.
    quote: bool,
}

/// The token before a period, up to white space or an opening bracket or quote.
#[derive(Clone, Copy, Debug)]
struct WordBefore {
    start: usize,
    end: usize,
}

impl WordBefore {
    /// The token ending at `end`, not reaching back before `floor`.
    fn find(s: &str, end: usize, floor: usize) -> WordBefore {
        let mut start = end;
        while let Some(c) = char_before(s, start).filter(|_| start > floor) {
            let stop = c.is_whitespace()
                || is_opening_bracket(c)
                || matches!(c, '"' | '“' | '‘' | '«' | '/' | '—' | '–');
            if stop || end - start > MAX_WORD {
                break;
            }
            start -= c.len_utf8();
        }
        WordBefore { start, end }
    }

    /// The word without leading quotes and symbols ("'nineties" → "nineties", "$100" → "100").
    fn core<'s>(&self, s: &'s str) -> &'s str {
        s[self.start..self.end].trim_start_matches(|c: char| !c.is_alphanumeric())
    }

    fn core_start(&self, s: &str) -> usize {
        self.end - self.core(s).len()
    }

    /// "7a.m": a number glued to a time abbreviation.
    fn digit_prefix(&self, s: &str) -> bool {
        let core = self.core(s);
        core.starts_with(|c: char| c.is_ascii_digit())
            && core
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .contains('.')
    }
}

/// The word before the word before a period, as evidence: "5 ft.", "Main St.".
#[derive(Clone, Copy, Debug, Default)]
struct PrevWord {
    number: bool,
    unit: bool,
    capitalised: bool,
}

impl PrevWord {
    fn find(lexicon: &Lexicon, s: &str, word_start: usize, sentence_start: usize) -> PrevWord {
        let end = skip_space_back(s, word_start, sentence_start);
        if end == word_start || end <= sentence_start {
            return PrevWord::default();
        }
        let word = WordBefore::find(s, end, sentence_start);
        let core = word.core(s).trim_end_matches('.');
        if word.start < sentence_start || core.is_empty() {
            return PrevWord::default();
        }
        PrevWord {
            number: Shape::of(core) == Shape::Number,
            unit: lexicon.roles(core).has(Roles::UNIT),
            capitalised: core.starts_with(char::is_uppercase),
        }
    }
}

/// The form of the word before a period, when no list names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// "600", "1,000", "$100.00", "11:58".
    Number,
    /// "E", "I".
    Initial,
    /// "a", "x".
    LowerLetter,
    /// "J.C", "I.V", "U.S.A".
    Initialism,
    Word,
}

impl Shape {
    fn of(core: &str) -> Shape {
        let mut chars = core.chars();
        let (Some(first), rest) = (chars.next(), chars.as_str()) else {
            return Shape::Word;
        };
        if core.bytes().any(|b| b.is_ascii_digit())
            && core
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b':' | b'%'))
        {
            return Shape::Number;
        }
        if rest.is_empty() {
            return if first.is_uppercase() {
                Shape::Initial
            } else if first.is_lowercase() {
                Shape::LowerLetter
            } else {
                Shape::Word
            };
        }
        if !core.contains('.') {
            // One part: not an initialism.
            return Shape::Word;
        }
        let mut parts = 0;
        let initialism = core.split('.').all(|part| {
            parts += 1;
            let n = part.chars().count();
            (1..=3).contains(&n) && part.chars().all(char::is_alphabetic)
        });
        if initialism && parts >= 2 {
            Shape::Initialism
        } else {
            Shape::Word
        }
    }
}

/// The terminators starting at `i`, including spaced ones (". . .", "! ! !").
fn scan_run(s: &str, i: usize) -> Run {
    let mut run = Run {
        end: i,
        ..Run::default()
    };
    loop {
        match char_at(s, run.end) {
            Some(c) if is_terminator(c) => {
                match c {
                    '.' => run.periods += 1,
                    _ => run.others += 1,
                }
                run.exclamation |= matches!(c, '!' | '‼' | '⁉' | '⁈' | '！');
                run.question |= matches!(c, '?' | '⁇' | '⁉' | '⁈' | '？');
                run.ellipsis_char |= c == '…';
                run.wide |= is_wide_terminator(c);
                run.end += c.len_utf8();
            }
            Some(' ') => match char_at(s, run.end + 1) {
                Some(t) if is_terminator(t) && ends_run(s, run.end + 1 + t.len_utf8()) => {
                    run.end += 1;
                }
                _ => return run,
            },
            _ => return run,
        }
    }
}

/// Whether a terminator ending at `at` stands alone (". . ." rather than ". .NET").
fn ends_run(s: &str, at: usize) -> bool {
    char_at(s, at).is_none_or(|c| {
        c.is_whitespace() || is_terminator(c) || is_closing_bracket(c) || is_quote(c)
    })
}

/// "compounds. . . . The": the first period ends the sentence, the spaced ellipsis opens the
/// next one.
fn ellipsis_after_period(s: &str, i: usize, run: &Run) -> Option<usize> {
    let attached = char_before(s, i).is_some_and(|c| c.is_alphanumeric() || is_quote(c));
    let spaced = s[i..].starts_with(". .") && run.periods >= 4 && run.others == 0;
    (attached && spaced).then(|| skip_space(s, i + 1))
}

/// A citation "[12]", "[2–11]", "[7, 8]" starting at `at`, followed by space or another one.
fn citation_end(s: &str, at: usize) -> Option<usize> {
    let rest = s.get(at..)?.strip_prefix('[')?;
    let close = rest.bytes().take(14).position(|b| b == b']')?;
    let inner = &rest[..close];
    let ok = (1..=12).contains(&inner.len())
        && inner.bytes().any(|b| b.is_ascii_digit())
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '–'));
    let end = at + 1 + close + 1;
    let after = char_at(s, end);
    (ok && after.is_none_or(|c| c.is_whitespace() || c == '[')).then_some(end)
}

/// End of 1 to `max` ASCII digits at `at`, not followed by another letter or digit.
fn digits_end(s: &str, at: usize, max: usize) -> Option<usize> {
    let n = s.get(at..)?.bytes().take_while(u8::is_ascii_digit).count();
    let end = at + n;
    let clean = !char_at(s, end).is_some_and(char::is_alphanumeric);
    ((1..=max).contains(&n) && clean).then_some(end)
}

/// The whitespace-delimited token around byte `i`, at most a few hundred bytes.
fn token_around(s: &str, i: usize) -> &str {
    const MAX: usize = 200;
    let mut start = i;
    while let Some(c) = char_before(s, start) {
        if c.is_whitespace() || i - start > MAX {
            break;
        }
        start -= c.len_utf8();
    }
    let mut end = i;
    while let Some(c) = char_at(s, end) {
        if c.is_whitespace() || end - i > MAX {
            break;
        }
        end += c.len_utf8();
    }
    &s[start..end]
}

fn skip_space(s: &str, at: usize) -> usize {
    // ASCII white space byte by byte; from a character outside ASCII on, by `char`.
    let bytes = s.as_bytes();
    let mut j = at;
    while bytes
        .get(j)
        .is_some_and(|&b| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
    {
        j += 1;
    }
    if bytes.get(j).is_some_and(|b| b.is_ascii()) {
        return j;
    }
    s[j..]
        .find(|c: char| !c.is_whitespace())
        .map_or(s.len(), |k| j + k)
}

/// Moves back from `at` over white space, not before `floor`.
fn skip_space_back(s: &str, at: usize, floor: usize) -> usize {
    let mut j = at;
    while j > floor {
        match char_before(s, j) {
            Some(c) if c.is_whitespace() => j -= c.len_utf8(),
            _ => break,
        }
    }
    j
}

/// Keeps in `active` the pairs that enclose `i` (opened before it, closed after it). Pairs
/// nest, so `active` is a stack whose innermost pair closes first.
fn enclosing(pairs: &[Pair], next: &mut usize, active: &mut Vec<Pair>, i: usize) {
    while let Some(&pair) = pairs.get(*next) {
        if pair.open >= i {
            break;
        }
        while active.last().is_some_and(|p| p.close <= pair.open) {
            active.pop();
        }
        active.push(pair);
        *next += 1;
    }
    while active.last().is_some_and(|p| p.close <= i) {
        active.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::skip_space;

    #[test]
    fn skips_ascii_and_unicode_white_space() {
        for (text, at, want) in [
            ("a  b", 1, 3),
            ("a \t\r\n b", 1, 6),
            ("a \u{a0}\u{2003} b", 1, 8),
            ("a   ", 1, 4),
            ("a", 1, 1),
            ("a\u{e9}", 1, 1),
            (" \u{3000}", 0, 4),
        ] {
            assert_eq!(skip_space(text, at), want, "{text:?}");
        }
    }
}
