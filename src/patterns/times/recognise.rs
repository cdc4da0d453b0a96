//! Finds time expressions in the token stream and gives each its TIMEX3 type and value.
//! Rules follow the TimeML/TIMEX3 span conventions: a leading "the" and modifiers ("early",
//! "earlier this") belong to the expression, prepositions do not.

use super::lexicon::{Key, Lex, TimeLexicon, Unit};
use super::normalise::{Anchor, Dir};
use crate::document::{Span, TimeType};
use crate::text::tokens::{Token, TokenKind};

/// A word of the stream: tokens, with hyphenated words split ("third-quarter", "mid-1990s").
#[derive(Clone, Copy, Debug)]
pub struct Piece<'t> {
    pub span: Span,
    pub text: &'t str,
    pub lex: Option<Lex>,
    pub digits: bool,
}

/// Splits tokens into pieces and looks each word up once.
pub fn pieces<'t>(text: &'t str, tokens: &[Token], lexicon: &TimeLexicon) -> Vec<Piece<'t>> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let mut span = t.span();
        // "Friday's", "last year's": the expression ends before the possessive.
        for possessive in ["'s", "\u{2019}s"] {
            if t.kind == TokenKind::Word && text[span.start..span.end].ends_with(possessive) {
                span.end -= possessive.len();
            }
        }
        let word = &text[span.start..span.end];
        let mut push = |start: usize, part: &'t str| {
            out.push(Piece {
                span: Span::new(start, start + part.len()),
                text: part,
                lex: lexicon.get(part),
                digits: part.as_bytes()[0].is_ascii_digit(),
            })
        };
        if t.kind == TokenKind::Punct || !word.contains('-') || word.len() > 24 {
            push(span.start, word);
            continue;
        }
        // Hyphenated words whose whole is in the lexicon ("year-ago") stay whole.
        if lexicon.get(word).is_some() {
            push(span.start, word);
            continue;
        }
        let mut at = span.start;
        for part in word.split('-') {
            if !part.is_empty() {
                push(at, part);
            }
            at += part.len() + 1;
        }
    }
    out
}

/// One expression found: pieces `[start, end)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub time_type: TimeType,
    pub value: String,
    pub relative: bool,
}

pub struct Matcher<'a, 't> {
    /// The first piece naming a quarter (or the end): the document reports quarterly.
    pub first_quarter: usize,
    pub text: &'t str,
    pub p: &'a [Piece<'t>],
    pub lexicon: &'a TimeLexicon,
    pub anchor: Anchor,
}

fn hit(start: usize, end: usize, time_type: TimeType, value: String, relative: bool) -> Hit {
    Hit {
        start,
        end,
        time_type,
        value,
        relative,
    }
}

impl<'a, 't> Matcher<'a, 't> {
    fn lex(&self, i: usize) -> Option<Lex> {
        self.p.get(i).and_then(|p| p.lex)
    }

    fn key(&self, i: usize, k: Key) -> bool {
        self.lex(i) == Some(Lex::Key(k))
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.p
            .get(i)
            .is_some_and(|p| p.text.eq_ignore_ascii_case(word))
    }

    fn capitalised(&self, i: usize) -> bool {
        self.p
            .get(i)
            .is_some_and(|p| p.text.as_bytes()[0].is_ascii_uppercase())
    }

    /// Piece `i` is a "." right after piece `i - 1` (an abbreviation's dot).
    fn dot(&self, i: usize) -> bool {
        i > 0 && self.is(i, ".") && self.p[i].span.start == self.p[i - 1].span.end
    }

    /// A count: digits ("10"), a number word ("three"), or two ("twenty four").
    fn count(&self, i: usize) -> Option<(u32, usize)> {
        let piece = self.p.get(i)?;
        if piece.digits {
            return piece.text.parse().ok().map(|n| (n, i + 1));
        }
        match piece.lex? {
            Lex::Count(n) if n >= 20 && n % 10 == 0 => match self.lex(i + 1) {
                Some(Lex::Count(m)) if m < 10 && !self.is(i + 1, "a") => Some((n + m, i + 2)),
                _ => Some((n, i + 1)),
            },
            Lex::Count(n) => Some((n, i + 1)),
            _ => None,
        }
    }

    /// A day of the month: "27", "27th".
    fn day(&self, i: usize) -> Option<u32> {
        let p = self.p.get(i)?;
        if !p.digits {
            return None;
        }
        let digits = p.text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &p.text[digits.len()..];
        let n: u32 = digits.parse().ok()?;
        (matches!(suffix, "" | "st" | "nd" | "rd" | "th") && (1..=31).contains(&n)).then_some(n)
    }

    /// A four-digit year, unless it reads as a quantity ("2000 people", "$1990").
    fn year(&self, i: usize) -> Option<i32> {
        let p = self.p.get(i)?;
        if !p.digits || p.text.len() != 4 || !p.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = p.text.parse().ok()?;
        if !(1800..=2100).contains(&y) {
            return None;
        }
        let before = i.checked_sub(1).map(|b| self.p[b].text);
        if matches!(before, Some("$" | "#" | "£" | "€")) {
            return None;
        }
        if let Some(next) = self.p.get(i + 1) {
            let t = next.text;
            let quantity = t == "%"
                || matches!(
                    t,
                    "percent" | "million" | "billion" | "people" | "men" | "women" | "children"
                )
                || (t.len() > 3
                    && t.ends_with('s')
                    && t.as_bytes()[0].is_ascii_lowercase()
                    && next.lex.is_none());
            if quantity && next.span.start <= p.span.end + 1 {
                return None;
            }
        }
        Some(y)
    }

    fn dir(&self, i: usize) -> Option<Dir> {
        match self.lex(i)? {
            Lex::Key(Key::Last | Key::Past) => Some(Dir::Last),
            Lex::Key(Key::Next | Key::Coming) => Some(Dir::Next),
            Lex::Key(Key::This | Key::Current) => Some(Dir::This),
            _ => None,
        }
    }

    /// The longest expression starting at piece `i`.
    pub fn at(&self, i: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        let mut take = |h: Option<Hit>| {
            if let Some(h) = h {
                if best.as_ref().is_none_or(|b| h.end > b.end) {
                    best = Some(h);
                }
            }
        };
        take(self.phrase(i));
        take(self.modified(i));
        take(self.core(i));
        best
    }

    fn phrase(&self, i: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        for ph in &self.lexicon.phrases {
            let n = ph.words.len();
            if !(0..n).all(|k| self.is(i + k, ph.words[k])) {
                continue;
            }
            if best.as_ref().is_some_and(|b| b.end >= i + n) {
                continue;
            }
            let h = if ph.holiday {
                let (m, d) = ph.value.split_once('-')?;
                let (m, d) = (m.parse().ok()?, d.parse().ok()?);
                match self.year(i + n) {
                    Some(y) => hit(i, i + n + 1, TimeType::Date, ymd(y, m, d), false),
                    None => {
                        let v = self.anchor.month_day(m, d, Dir::Tense);
                        hit(i, i + n, TimeType::Date, v, true)
                    }
                }
            } else {
                hit(i, i + n, TimeType::Date, ph.value.into(), true)
            };
            best = Some(h);
        }
        // "recent" alone is a date only before a time word ("recent weeks") or on its own.
        best
    }

    /// "early 2020", "late November", "mid-1990s", "earlier this month": the value is the
    /// expression's own (TIMEX3 puts the modifier in `mod`).
    fn modified(&self, i: usize) -> Option<Hit> {
        match self.lex(i)? {
            Lex::Key(Key::Early | Key::Late | Key::Mid | Key::Earlier | Key::Later) => {}
            _ => return None,
        }
        let next = if self.is(i + 1, "in") { i + 2 } else { i + 1 };
        let mut h = self.core(next)?;
        if h.time_type != TimeType::Date {
            return None;
        }
        h.start = i;
        Some(h)
    }

    fn core(&self, i: usize) -> Option<Hit> {
        let piece = self.p.get(i)?;
        if piece.digits {
            return self.numeric(i);
        }
        match piece.lex? {
            Lex::Key(Key::The) => self.the(i),
            Lex::Key(k) => self.keyword(i, k),
            Lex::Month(m) => self.month(i, m),
            Lex::Weekday(wd) => self.weekday(i, wd),
            Lex::Count(_) => self.counted(i, i),
            Lex::Ordinal(n) => self.ordinal(i, i, n),
            Lex::Season(code) => {
                let y = self.year(i + 1)?;
                Some(hit(
                    i,
                    i + 2,
                    TimeType::Date,
                    format!("{y:04}-{code}"),
                    false,
                ))
            }
            Lex::Unit(_) | Lex::Phrase => None,
        }
    }

    /// Expressions after "the": "the 1990s", "the third quarter", "the past three weeks",
    /// "the nine months", "the weekend", "the quarter".
    fn the(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        let h = match self.lex(j) {
            Some(Lex::Key(Key::Past | Key::Last | Key::Next | Key::Coming)) => {
                let (n, k) = self.count(j + 1).unwrap_or((1, j + 1));
                let Some(Lex::Unit(u)) = self.lex(k) else {
                    return None;
                };
                hit(
                    i,
                    k + 1,
                    TimeType::Duration,
                    u.duration(&n.to_string()),
                    false,
                )
            }
            // "the first nine months"
            Some(Lex::Ordinal(_)) if self.count(j + 1).is_some() => {
                let h = self.counted(i, j + 1)?;
                (h.time_type == TimeType::Duration).then_some(h)?
            }
            // "the third-quarter results", "the two-year plan": "the" belongs to the noun.
            _ if self.hyphenated(j) => return None,
            Some(Lex::Ordinal(n)) => return self.ordinal(i, j, n),
            Some(Lex::Count(_)) => return self.counted(i, j),
            Some(Lex::Key(Key::YearAgo)) if self.is(j + 1, "period") => hit(
                i,
                j + 2,
                TimeType::Date,
                self.anchor.latest_quarter(1),
                true,
            ),
            Some(Lex::Key(Key::Latest)) if self.is(j + 1, "period") => hit(
                i,
                j + 2,
                TimeType::Date,
                self.anchor.latest_quarter(0),
                true,
            ),
            Some(Lex::Key(Key::Weekend)) => {
                let back = self.weekend_back();
                hit(
                    i,
                    j + 1,
                    TimeType::Date,
                    format!("{}-WE", self.anchor.week(back)),
                    true,
                )
            }
            Some(Lex::Key(Key::Latest | Key::Current)) if self.is_unit(j + 1, Unit::Q) => {
                let v = if self.key(j, Key::Latest) {
                    self.anchor.latest_quarter(0)
                } else {
                    self.anchor.quarter(0)
                };
                hit(i, j + 2, TimeType::Date, v, true)
            }
            Some(Lex::Key(Key::YearAgo)) if self.is_unit(j + 1, Unit::Q) => {
                let v = self.anchor.latest_quarter(1);
                hit(i, j + 2, TimeType::Date, v, true)
            }
            Some(Lex::Unit(Unit::Q)) => hit(
                i,
                j + 1,
                TimeType::Date,
                self.anchor.latest_quarter(0),
                true,
            ),
            _ if self.p.get(j).is_some_and(|p| p.digits) => {
                let mut h = self.numeric(j)?;
                // "the 1990s" but "the 1988 period": "the" goes with a decade only.
                if h.time_type == TimeType::Duration || h.value.len() != 3 {
                    return None;
                }
                h.start = i;
                h
            }
            _ => return None,
        };
        Some(h)
    }

    /// Piece `i` is joined to the next by a hyphen ("third-quarter").
    fn hyphenated(&self, i: usize) -> bool {
        match (self.p.get(i), self.p.get(i + 1)) {
            (Some(a), Some(b)) => {
                b.span.start == a.span.end + 1 && &self.text[a.span.end..b.span.start] == "-"
            }
            _ => false,
        }
    }

    fn is_unit(&self, i: usize, unit: Unit) -> bool {
        self.lex(i) == Some(Lex::Unit(unit))
    }

    /// "the weekend" in past reporting on a weekday is the one before.
    fn weekend_back(&self) -> i64 {
        match self.anchor.dct {
            Some(d) if !self.anchor.future && d.weekday() < 5 => -1,
            _ => 0,
        }
    }

    fn keyword(&self, i: usize, k: Key) -> Option<Hit> {
        let day = |n: i64| self.anchor.day(n);
        let (end, value) = match k {
            Key::Today => (i + 1, day(0)),
            Key::Yesterday => (i + 1, day(-1)),
            Key::Tomorrow => (i + 1, day(1)),
            Key::Tonight => (i + 1, format!("{}TNI", day(0))),
            Key::Last | Key::Next | Key::This | Key::Past | Key::Coming | Key::Current => {
                return self.directed(i)
            }
            Key::Every => return self.every(i),
            Key::Per(u) => return Some(hit(i, i + 1, TimeType::Set, u.duration("1"), false)),
            Key::Fiscal => {
                let j = if self.is_unit(i + 1, Unit::Y) {
                    i + 2
                } else {
                    i + 1
                };
                let y = self.year(j)?;
                return Some(hit(i, j + 1, TimeType::Date, format!("{y:04}"), false));
            }
            Key::YearAgo => (i + 1, self.anchor.latest_quarter(1)),
            _ => return None,
        };
        let (end, value) = self.part_of_day(end, value);
        Some(hit(i, end, TimeType::Date, value, true))
    }

    /// "yesterday morning", "Wednesday night": the day with TIMEX3's part of day.
    fn part_of_day(&self, i: usize, value: String) -> (usize, String) {
        let part = match self.lex(i) {
            Some(Lex::Key(Key::Morning)) => "MO",
            Some(Lex::Key(Key::Afternoon)) => "AF",
            Some(Lex::Key(Key::Evening)) => "EV",
            Some(Lex::Key(Key::Night)) => "NI",
            _ => return (i, value),
        };
        (i + 1, format!("{value}T{part}"))
    }

    /// "last year", "next month", "this week", "last Thursday", "this summer", "the past
    /// three weeks" without "the", "this morning".
    fn directed(&self, i: usize) -> Option<Hit> {
        let dir = self.dir(i)?;
        let j = i + 1;
        let n = step(dir);
        let date = |end: usize, v: String| Some(hit(i, end, TimeType::Date, v, true));
        match self.lex(j)? {
            Lex::Unit(u) if !self.p[j].text.ends_with('s') => {
                date(j + 1, self.anchor.offset(u, n)?)
            }
            Lex::Weekday(wd) => {
                let (end, v) = self.part_of_day(j + 1, self.anchor.weekday(wd, dir));
                date(end, v)
            }
            Lex::Month(m) if self.capitalised(j) => date(j + 1, self.anchor.month_named(m, dir)),
            Lex::Season(code) => date(j + 1, self.anchor.season(code, dir)),
            Lex::Key(Key::Weekend) => date(j + 1, format!("{}-WE", self.anchor.week(i64::from(n)))),
            Lex::Key(Key::Morning | Key::Afternoon | Key::Evening | Key::Night)
                if dir == Dir::This =>
            {
                let (end, v) = self.part_of_day(j, self.anchor.day(0));
                date(end, v)
            }
            Lex::Count(_) if matches!(dir, Dir::Last | Dir::Next) => {
                let (c, k) = self.count(j)?;
                let Some(Lex::Unit(u)) = self.lex(k) else {
                    return None;
                };
                Some(hit(
                    i,
                    k + 1,
                    TimeType::Duration,
                    u.duration(&c.to_string()),
                    false,
                ))
            }
            _ => None,
        }
    }

    /// "every Monday", "each year", "every two weeks".
    fn every(&self, i: usize) -> Option<Hit> {
        let set = |end: usize, v: String| Some(hit(i, end, TimeType::Set, v, false));
        match self.lex(i + 1)? {
            Lex::Weekday(wd) => set(i + 2, format!("XXXX-WXX-{wd}")),
            Lex::Unit(u) => set(i + 2, u.duration("1")),
            Lex::Count(_) => {
                let (n, k) = self.count(i + 1)?;
                let Some(Lex::Unit(u)) = self.lex(k) else {
                    return None;
                };
                set(k + 1, u.duration(&n.to_string()))
            }
            _ => None,
        }
    }

    /// "three weeks", "two days ago", "a year earlier", "10-year" (`start` may be a "the").
    fn counted(&self, start: usize, i: usize) -> Option<Hit> {
        let (n, k) = self.count(i)?;
        let Some(Lex::Unit(u)) = self.lex(k) else {
            return None;
        };
        let after = k + 1;
        let sign = if self.key(after, Key::Ago) || self.key(after, Key::Earlier) {
            -1
        } else if self.key(after, Key::Later) {
            1
        } else {
            // "$900,000 a year", "2 percent a year": a rate, so a set.
            if k == i + 1 && (self.is(i, "a") || self.is(i, "an")) && self.after_amount(i) {
                return Some(hit(start, after, TimeType::Set, u.duration("1"), false));
            }
            let value = u.duration(&n.to_string());
            return Some(hit(start, after, TimeType::Duration, value, false));
        };
        let offset = sign * n as i32;
        // "a year ago" in quarterly reporting is the same quarter a year before.
        let value = if u == Unit::Y && n == 1 && self.sentence_mentions_quarter(i) {
            self.anchor.latest_quarter(1)
        } else {
            self.anchor.offset(u, offset)?
        };
        Some(hit(start, after + 1, TimeType::Date, value, true))
    }

    /// Piece `i` follows an amount ("$900,000", "2 percent", "5 million").
    fn after_amount(&self, i: usize) -> bool {
        i.checked_sub(1)
            .and_then(|b| self.p.get(b))
            .is_some_and(|b| {
                b.digits || matches!(b.text, "%" | "percent" | "million" | "billion" | "times")
            })
    }

    /// Quarterly reporting: a quarter was named before piece `i`.
    fn sentence_mentions_quarter(&self, i: usize) -> bool {
        self.first_quarter < i + 25
    }

    /// "the third quarter (of 1989)", "third-quarter", "the first half".
    fn ordinal(&self, start: usize, i: usize, n: u32) -> Option<Hit> {
        let j = i + 1;
        let quarter = self.is_unit(j, Unit::Q);
        if !quarter && (!self.key(j, Key::Half) || n > 2) {
            return None;
        }
        let mut end = j + 1;
        let mut year = None;
        if self.key(end, Key::Of) {
            let k = if self.key(end + 1, Key::Fiscal) {
                end + 2
            } else {
                end + 1
            };
            if let Some(y) = self.year(k) {
                year = Some(y);
                end = k + 1;
            }
        }
        let value = match (quarter, year) {
            (true, Some(y)) => format!("{y:04}-Q{n}"),
            (true, None) => self.anchor.quarter_named(n, 0),
            (false, Some(y)) => format!("{y:04}-H{n}"),
            (false, None) => match self.anchor.dct {
                Some(d) if n == 1 || d.m > 6 => format!("{:04}-H{n}", d.y),
                Some(d) => format!("{:04}-H{n}", d.y - 1),
                None => format!("XXXX-H{n}"),
            },
        };
        Some(hit(start, end, TimeType::Date, value, year.is_none()))
    }

    fn month(&self, i: usize, m: u32) -> Option<Hit> {
        if !self.capitalised(i) {
            return None;
        }
        let abbreviated = abbreviated_month(self.p[i].text);
        let mut j = i + 1;
        // A full name's dot ends the sentence; an abbreviation's belongs to it.
        let dotted = abbreviated && self.dot(j);
        if dotted {
            j += 1;
        }
        if let Some(d) = self.day(j) {
            let mut k = j + 1;
            let comma = self.is(k, ",");
            if comma {
                k += 1;
            }
            if let Some(y) = self.year(k) {
                return Some(hit(i, k + 1, TimeType::Date, ymd(y, m, d), false));
            }
            let v = self.anchor.month_day(m, d, Dir::Tense);
            return Some(hit(i, j + 1, TimeType::Date, v, true));
        }
        if let Some(y) = self.year(j) {
            return Some(hit(
                i,
                j + 1,
                TimeType::Date,
                format!("{y:04}-{m:02}"),
                false,
            ));
        }
        // A bare "May" is usually the verb; a bare abbreviation needs its dot.
        if abbreviated && !dotted {
            return None;
        }
        if m == 5 && !self.month_context(i) {
            return None;
        }
        let end = if dotted { i + 2 } else { i + 1 };
        // "January this year", "June last year".
        if let (Some(dir), true) = (self.dir(end), self.is_unit(end + 1, Unit::Y)) {
            if let Some(Ok(y)) = self
                .anchor
                .offset(Unit::Y, step(dir))
                .map(|y| y.parse::<i32>())
            {
                return Some(hit(
                    i,
                    end + 2,
                    TimeType::Date,
                    format!("{y:04}-{m:02}"),
                    true,
                ));
            }
        }
        let v = self.anchor.month_named(m, Dir::Tense);
        Some(hit(i, end, TimeType::Date, v, true))
    }

    /// A preposition or modifier before a month name that could be a verb.
    fn month_context(&self, i: usize) -> bool {
        let Some(b) = i.checked_sub(1) else {
            return false;
        };
        [
            "in", "since", "until", "by", "early", "late", "mid", "from", "through", "of", "last",
        ]
        .iter()
        .any(|w| self.is(b, w))
    }

    fn weekday(&self, i: usize, wd: u32) -> Option<Hit> {
        if !self.capitalised(i) || self.p[i].text.len() < 6 {
            return None;
        }
        // "Tuesday, September 22, 2015": the date says it all.
        let k = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
        if let Some(Lex::Month(m)) = self.lex(k) {
            if let Some(h) = self
                .month(k, m)
                .filter(|h| h.value.len() == 10 && !h.relative)
            {
                return Some(Hit { start: i, ..h });
            }
        }
        // "Friday night": news annotation mostly gives the day alone.
        let part = matches!(self.lex(i + 1), Some(Lex::Key(k)) if matches!(k, Key::Morning | Key::Afternoon | Key::Evening | Key::Night));
        let end = if part { i + 2 } else { i + 1 };
        let v = self.anchor.weekday(wd, Dir::Tense);
        Some(hit(i, end, TimeType::Date, v, true))
    }

    /// Expressions starting with digits: years, decades, "27 August 2021", "2 p.m.",
    /// "10-year", "three weeks" spelled with digits.
    fn numeric(&self, i: usize) -> Option<Hit> {
        let text = self.p[i].text;
        if let Some(y) = self.year(i) {
            return Some(hit(i, i + 1, TimeType::Date, format!("{y:04}"), false));
        }
        if let Some(decade) = text
            .strip_suffix('s')
            .filter(|d| d.len() == 4 && d.ends_with('0'))
        {
            if decade.bytes().all(|b| b.is_ascii_digit()) {
                return Some(hit(i, i + 1, TimeType::Date, decade[..3].into(), false));
            }
        }
        if let Some(h) = self.clock(i) {
            return Some(h);
        }
        if let Some(d) = self.day(i) {
            if let Some(Lex::Month(m)) = self.lex(i + 1) {
                if self.capitalised(i + 1) {
                    // "3 Oct. 2004" keeps its dot; "on 19 October." ends the sentence.
                    let dotted = abbreviated_month(self.p[i + 1].text) && self.dot(i + 2);
                    let end = if dotted { i + 3 } else { i + 2 };
                    if let Some(y) = self.year(end) {
                        return Some(hit(i, end + 1, TimeType::Date, ymd(y, m, d), false));
                    }
                    let v = self.anchor.month_day(m, d, Dir::Tense);
                    return Some(hit(i, end, TimeType::Date, v, true));
                }
            }
        }
        self.counted(i, i)
    }

    /// "2 p.m.", "10:30 a.m.", "14:00 local time".
    fn clock(&self, i: usize) -> Option<Hit> {
        let hour: u32 = self.p[i].text.parse().ok()?;
        let mut j = i + 1;
        let mut minute = 0;
        if self.is(j, ":") {
            let m = self.p.get(j + 1)?;
            if m.text.len() != 2 {
                return None;
            }
            minute = m.text.parse().ok()?;
            j += 2;
        }
        let hour = match self.meridiem(j) {
            Some((pm, end)) if (1..=12).contains(&hour) => {
                j = end;
                hour % 12 + if pm { 12 } else { 0 }
            }
            None if j > i + 1 && hour < 24 && minute < 60 => hour,
            _ => return None,
        };
        if self.is(j, "local") && self.is(j + 1, "time") {
            j += 2;
        } else if ZONES
            .iter()
            .any(|z| self.p.get(j).is_some_and(|p| p.text == *z))
        {
            j += 1;
        }
        // "10 p.m. Wednesday", "noon yesterday": the day named after the time.
        let (day, j) = match self.lex(j) {
            Some(Lex::Weekday(wd)) if self.capitalised(j) => {
                (self.anchor.weekday(wd, Dir::Tense), j + 1)
            }
            Some(Lex::Key(Key::Yesterday)) => (self.anchor.day(-1), j + 1),
            Some(Lex::Key(Key::Tomorrow)) => (self.anchor.day(1), j + 1),
            Some(Lex::Key(Key::Today)) => (self.anchor.day(0), j + 1),
            _ => (self.anchor.day(0), j),
        };
        let value = format!("{day}T{hour:02}:{minute:02}");
        Some(hit(i, j, TimeType::Time, value, true))
    }
}

impl Matcher<'_, '_> {
    /// "a.m.", "pm", "p.m" however the tokenizer cut it: `(is pm, end piece)`.
    fn meridiem(&self, i: usize) -> Option<(bool, usize)> {
        let mut glued = String::new();
        let mut best = None;
        for k in i..(i + 4).min(self.p.len()) {
            if k > i && self.p[k].span.start != self.p[k - 1].span.end {
                break;
            }
            glued.push_str(&self.p[k].text.to_ascii_lowercase());
            match glued.as_str() {
                "am" | "a.m" | "a.m." => best = Some((false, k + 1)),
                "pm" | "p.m" | "p.m." => best = Some((true, k + 1)),
                _ => {}
            }
        }
        best
    }
}

/// Time zones written after a clock time ("4 a.m. EDT").
const ZONES: &[&str] = &[
    "EDT", "EST", "CDT", "CST", "PDT", "PST", "GMT", "UTC", "BST",
];

/// The unit offset "last", "next" and "this" name.
fn step(dir: Dir) -> i32 {
    match dir {
        Dir::Last => -1,
        Dir::Next => 1,
        Dir::This | Dir::Tense => 0,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// "Oct", "Sept": a month name short enough to be an abbreviation, whose dot belongs to it.
fn abbreviated_month(name: &str) -> bool {
    name.len() <= 4
        && !["june", "july", "may"]
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n))
}
