//! Figures: numeric quantities normalised to numbers, with hedges and the counted noun.
//!
//! A fast scan finds anchors (digits, number words, vague quantity words); around each one a
//! small tokenizer reads the number (`number.rs`), then its context: currency before or after,
//! hedge ("at least", "or more"), range ("between 300 and 400", "10-15"), ratio ("one in five"),
//! percent, and the counted noun ("250 incidents"). Rules then drop what is not a quantity:
//! years, dates, times, phone numbers, labels and model names ("Flight 370", "Boeing 737",
//! "F-35"), and "one" used as a pronoun. Every word list lives in `gazetteers/figures/`.
//!
//! Conventions (see `/work/notes/readme-figures.md` for the user-facing summary):
//! - hedges that mean "approximately" ("about", "nearly", "almost", "some") give `about` and
//!   `approximate`; bounds ("at least", "over", "up to", "fewer than") give their qualifier
//!   with `value` set to the bound and `approximate` false.
//! - vague amounts ("dozens of", "a few thousand") give `low`/`high`, qualifier `about`, and a
//!   `value` only where the phrase has a conventional one ("a few" = 3, "a couple" = 2).
//! - "a"/"an" is a number only before a scale, fraction or vague word ("a million", "a
//!   quarter of", "a few"). A bare "one" is a number only with a unit, sign, hedge, range or
//!   ratio, or when it closes a clause ("the answer is one."); "one of", "no one", "one day"
//!   are not figures.

mod anchors;
mod lexicon;
mod number;
mod scan;
#[cfg(test)]
mod tests;

use crate::document::{Figure, Qualifier, Span};
use anchors::Anchors;
use lexicon::{Lexicon, NeedsOf, Vague};
use number::{Core, Parsed, Reading};
use scan::{char_at, char_before, next_tok, prev_tok, Text, Tok};

/// Finds figures in text.
pub struct FigureParser {
    lex: Lexicon,
    /// Digits, number words, vague words, fractions: where a figure may start.
    anchors: Anchors,
}

impl Default for FigureParser {
    fn default() -> Self {
        Self::new()
    }
}

/// What an anchor gave.
enum Step {
    Figure(Figure),
    /// Not a figure, and nothing before this byte is one either.
    Skip(usize),
    Nothing,
}

/// Where a figure's unit came from, for `via` and for what may follow.
#[derive(Clone, Copy, Debug, PartialEq)]
enum UnitKind {
    None,
    Money,
    Percent,
    Noun,
}

impl FigureParser {
    pub fn new() -> FigureParser {
        let lex = Lexicon::embedded();
        let anchors = Anchors::new(lex.anchor_words(), lex.vulgar.keys().copied());
        FigureParser { anchors, lex }
    }

    /// Figures in text order, never overlapping.
    pub fn find(&self, text: &str) -> Vec<Figure> {
        let text = &Text::new(text);
        let bytes = text.as_bytes();
        let mut figures = Vec::new();
        // Nothing before `floor` may join a new figure; scanning resumes at `pos`.
        let mut floor = 0;
        let mut pos = 0;
        while let Some((start, end)) = self.anchors.next(text, pos) {
            let first = bytes[start];
            let run_end = if first.is_ascii_digit() {
                start
                    + bytes[start..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count()
            } else {
                end
            };
            pos = run_end;
            match self.at_anchor(text, start, end, floor) {
                Step::Figure(f) => {
                    floor = f.span.end;
                    pos = pos.max(floor);
                    figures.push(f);
                }
                Step::Skip(end) => {
                    floor = floor.max(end);
                    pos = pos.max(floor);
                }
                Step::Nothing => {}
            }
        }
        figures
    }

    fn at_anchor(&self, text: &Text, start: usize, end: usize, floor: usize) -> Step {
        let lex = &self.lex;
        let first = text.as_bytes()[start];
        if first.is_ascii_digit() {
            return match lex.digits_number(text, start, true) {
                Parsed::Number(core) => self.build(text, core, floor),
                Parsed::Skip(end) => Step::Skip(end),
                Parsed::Nothing => Step::Nothing,
            };
        }
        if !first.is_ascii() {
            let Some(value) = char_at(text, start).and_then(|c| lex.vulgar.get(&c)) else {
                return Step::Nothing;
            };
            let core = Core::word_fraction(start, end, *value);
            return self.build(text, core, floor);
        }
        let tok = Tok {
            start,
            end,
            gap: false,
        };
        let word = tok.text(text);
        if lex.number_word(word).is_some() {
            return match lex.word_number(text, tok) {
                Parsed::Number(core) => self.build(text, core, floor),
                Parsed::Skip(end) => Step::Skip(end),
                Parsed::Nothing => Step::Nothing,
            };
        }
        if let Some(vague) = lex.vague(word) {
            return self.vague(text, tok, vague, floor);
        }
        self.fraction_or_scale(text, tok, floor)
    }

    /// "a million", "half a dozen", "a quarter of the population", "half of them".
    fn fraction_or_scale(&self, text: &Text, tok: Tok, floor: usize) -> Step {
        let lex = &self.lex;
        let word = tok.text(text);
        let prev = prev_tok(text, tok.start, floor);
        if prev.is_some_and(|t| {
            t.is_word(text) && Lexicon::in_set(&lex.fraction_blockers, t.text(text))
        }) {
            return Step::Nothing; // "the second half of the year"
        }
        let article = prev.filter(|t| t.is(text, "a") || t.is(text, "an"));
        let next = next_tok(text, tok.end);
        let is_scale =
            |t: Option<Tok>| t.is_some_and(|t| t.gap && lex.scale_word(t.text(text)).is_some());
        let is_of = |t: Option<Tok>| t.is_some_and(|t| t.is(text, "of"));
        let (value, start) = if word.eq_ignore_ascii_case("half") {
            (0.5, article.map_or(tok.start, |a| a.start))
        } else if let Some(den) = lex.denominator(word) {
            match article {
                Some(a) if den > 2.0 || word.eq_ignore_ascii_case("half") => (1.0 / den, a.start),
                _ => return Step::Nothing,
            }
        } else if lex.scale_word(word).is_some() {
            // "a million"; "half a million" is read from "half".
            return match article {
                Some(a) => {
                    match lex.scaled_number(text, a.start, Reading::start(1.0, false), a.end) {
                        Some(core) => self.build(text, core, floor),
                        None => Step::Nothing,
                    }
                }
                None => Step::Nothing,
            };
        } else {
            return Step::Nothing;
        };
        // "half a dozen", "half a million".
        if word.eq_ignore_ascii_case("half") {
            if let Some(a) = next.filter(|t| t.is(text, "a") || t.is(text, "an")) {
                if is_scale(next_tok(text, a.end)) {
                    return match lex.scaled_number(text, start, Reading::start(0.5, true), a.end) {
                        Some(core) => self.build(text, core, floor),
                        None => Step::Nothing,
                    };
                }
            }
        }
        if is_scale(next) {
            return match lex.scaled_number(text, start, Reading::start(value, true), tok.end) {
                Some(core) => self.build(text, core, floor),
                None => Step::Nothing,
            };
        }
        if is_of(next) {
            let core = Core::word_fraction(start, tok.end, value);
            return self.build(text, core, floor);
        }
        Step::Nothing
    }

    /// "a few thousand members", "dozens of protesters", "tens of thousands", "several".
    fn vague(&self, text: &Text, tok: Tok, mut v: Vague, floor: usize) -> Step {
        let lex = &self.lex;
        let mut start = tok.start;
        if v.needs_a {
            match prev_tok(text, tok.start, floor) {
                Some(a) if a.is(text, "a") => start = a.start,
                _ => return Step::Nothing,
            }
        }
        let (mut low, mut high, mut nominal) = (v.low, v.high, v.nominal);
        let mut end = tok.end;
        if v.quantifier {
            // "a few thousand": the scales multiply the amount.
            while let Some(t) = next_tok(text, end).filter(|t| t.gap) {
                let Some(scale) = lex.scale_word(t.text(text)) else {
                    break;
                };
                low *= scale;
                high *= scale;
                nominal = nominal.map(|n| n * scale);
                end = t.end;
            }
        } else {
            // "hundreds of thousands": each "of <plural scale>" shifts the range.
            let chain_start = end;
            while let Some(of) = next_tok(text, end).filter(|t| t.is(text, "of")) {
                let Some(t) = next_tok(text, of.end) else {
                    break;
                };
                let w = t.text(text);
                let singular = w.strip_suffix('s').unwrap_or("");
                let Some(scale) = lex.vague(w).and(lex.scale_word(singular)) else {
                    break;
                };
                low *= scale;
                high = (high + 1.0) * scale - 1.0;
                end = t.end;
            }
            if end > chain_start && v.needs_of == NeedsOf::Always {
                // "tens of thousands have fled": the chain had its "of".
                v = Vague {
                    needs_of: NeedsOf::Optional,
                    ..v
                };
            }
        }
        let next = next_tok(text, end);
        let of_next = next.is_some_and(|t| t.is(text, "of"));
        let ok = match v.needs_of {
            NeedsOf::Optional => true,
            NeedsOf::Always => of_next,
            NeedsOf::OrEnd => {
                of_next || next.is_none_or(|t| !t.is_word(text) && !t.is_digits(text))
            }
        };
        // "scores of 30", "tens of 1,000s": "of" before a number is not a vague amount.
        let number_after_of = of_next
            && next
                .and_then(|of| next_tok(text, of.end))
                .is_some_and(|t| t.is_digits(text) || lex.number_word(t.text(text)).is_some());
        if !ok || number_after_of {
            return Step::Nothing;
        }
        let noun = if of_next {
            self.partitive_noun(text, end, false)
        } else {
            self.counted_noun(text, end)
        };
        if let Some((_, e)) = noun {
            end = e;
        }
        let mut qualifier = Some(Qualifier::About);
        if let Some((s, q)) = self.hedge_before(text, start, floor) {
            start = s;
            qualifier = Some(q);
        }
        let exact = low == high;
        Step::Figure(Figure {
            span: Span::new(start, end),
            value: nominal,
            low: (!exact).then_some(low),
            high: (!exact).then_some(high),
            qualifier: if exact && qualifier == Some(Qualifier::About) {
                None
            } else {
                qualifier
            },
            approximate: !exact,
            unit: noun.map(|(s, e)| self.noun_unit(&text[s..e])),
            period: None,
            via: "figure:vague".into(),
        })
    }

    /// A counted noun as the unit: money words become their code ("dollars" → USD).
    fn noun_unit(&self, noun: &str) -> String {
        self.money_word(noun).unwrap_or_else(|| noun.to_lowercase())
    }

    fn money_word(&self, word: &str) -> Option<String> {
        match self.lex.currency_suffixes.longest_fwd(&Text::new(word), 0) {
            Some((end, unit)) if end == word.len() => Some(unit.to_string()),
            _ => None,
        }
    }

    /// The figure around a number, in stages: left context (sign, currency, hedge), what it
    /// counts (unit, money, percent), how far it reaches (range, ratio, counted noun), and
    /// last the rules for what is not a quantity after all. A stage may end in a skip.
    fn build(&self, text: &Text, core: Core, floor: usize) -> Step {
        if let Some(end) = self.word_period_or_ordinal(text, &core, floor) {
            return Step::Skip(end);
        }
        let mut d = Draft::new(&core);
        let opener = self.left_context(text, floor, &mut d);
        let stages = self
            .unit_after(text, &core, &mut d)
            .or_else(|| self.extent(text, &core, opener, &mut d))
            .or_else(|| self.not_a_quantity(text, &core, floor, &d));
        match stages {
            Some(end) => Step::Skip(end),
            None => Step::Figure(d.finish()),
        }
    }

    /// "the preceding three quarters" (periods, not a fraction), "twenty-first" (an ordinal).
    fn word_period_or_ordinal(&self, text: &Text, core: &Core, floor: usize) -> Option<usize> {
        if !core.spelled {
            return None;
        }
        let lex = &self.lex;
        let blocked = prev_tok(text, core.start, floor).is_some_and(|t| {
            t.is_word(text) && Lexicon::in_set(&lex.fraction_blockers, t.text(text))
        });
        if core.fraction && blocked {
            return Some(core.end);
        }
        let dash = next_tok(text, core.end).filter(|t| t.text(text) == "-" && !t.gap)?;
        let w = next_tok(text, dash.end).filter(|w| !w.gap && w.is_word(text))?;
        let word = w.text(text);
        let ordinal = word.eq_ignore_ascii_case("first")
            || word.eq_ignore_ascii_case("second")
            || lex.denominator(word).is_some();
        ordinal.then_some(w.end)
    }

    /// Sign, currency, "minus" and hedge before the number; returns a range opener
    /// ("between", "from") if one comes before them.
    fn left_context<'p>(&'p self, text: &Text, floor: usize, d: &mut Draft<'p>) -> Option<Tok> {
        if let Some(s) = glued_minus(text, d.start, floor) {
            d.negative = true;
            d.start = s;
        }
        if let Some((s, unit)) = self.currency_prefix(text, d.start, floor) {
            d.money = Some(unit);
            d.start = s;
            if let Some(s) = glued_minus(text, d.start, floor) {
                d.negative = true;
                d.start = s;
            }
        }
        if let Some(t) = prev_tok(text, d.start, floor) {
            if t.is(text, "minus") || t.is(text, "negative") {
                d.negative = true;
                d.start = t.start;
            }
        }
        if let Some((s, q)) = self.hedge_before(text, d.start, floor) {
            d.qualifier = Some(q);
            d.start = s;
        }
        prev_tok(text, d.start, floor).filter(|t| t.is(text, "between") || t.is(text, "from"))
    }

    /// What the number counts when it is written right after it: a glued unit ("12km",
    /// "5pc", "247p"), percent, money, or a hedge ("or more"). Times, days of the month and
    /// house numbers end here as skips.
    fn unit_after<'p>(&'p self, text: &Text, core: &Core, d: &mut Draft<'p>) -> Option<usize> {
        let lex = &self.lex;
        if let Some((s, e)) = core.glued_unit {
            let glued = &text[s..e];
            let percent = lex
                .units
                .longest_fwd(&Text::new(glued), 0)
                .filter(|(end, _)| *end == glued.len());
            if let Some((_, u)) = percent {
                d.unit = Some(u.to_string());
                d.kind = UnitKind::Percent;
            } else if let Some(m) = self.money_word(glued).filter(|_| d.money.is_none()) {
                d.unit = Some(m);
                d.kind = UnitKind::Money;
            } else {
                d.unit = Some(glued.to_ascii_lowercase());
                d.kind = UnitKind::Noun;
            }
        }
        if d.money.is_none() && !core.spelled {
            if let Some((e, _)) = lex.time_words.longest_fwd(text, d.end) {
                return Some(e); // 5 p.m., 1700 GMT
            }
        }
        let day = core.plain && (1.0..=31.0).contains(&d.value);
        if day && d.money.is_none() && d.qualifier.is_none() && !d.negative {
            if let Some(e) = self.month_after(text, d.end) {
                return Some(e);
            }
            if self.month_before(text, core.start) {
                return Some(d.end);
            }
        }
        if d.kind == UnitKind::None && d.money.is_none() {
            if let Some((e, u)) = self.percent_after(text, d.end) {
                d.unit = Some(u.to_string());
                d.kind = UnitKind::Percent;
                d.end = e;
            } else if let Some((e, u, v)) = self.currency_after(text, d.end, d.value) {
                d.money = Some(u);
                d.value = v;
                d.end = e;
            }
        }
        if d.money.is_some() {
            d.kind = UnitKind::Money;
        }
        if core.plain && d.kind == UnitKind::None && self.street_after(text, d.end) {
            return Some(d.end);
        }
        if let Some((e, q)) = self.hedge_after(text, d.end) {
            d.qualifier = Some(q);
            d.end = e;
            d.after_hedge = true;
        }
        None
    }

    /// How far the figure reaches: a range, a ratio, or a counted noun (and a hedge after it).
    fn extent<'p>(
        &'p self,
        text: &Text,
        core: &Core,
        opener: Option<Tok>,
        d: &mut Draft<'p>,
    ) -> Option<usize> {
        if !d.after_hedge && d.kind != UnitKind::Noun {
            let range = self.range_after(
                text,
                core,
                d.value,
                d.end,
                d.money,
                (d.kind, d.unit.as_deref()),
                opener.is_some(),
                d.qualifier,
            );
            match range {
                RangeEnd::Range {
                    low,
                    high,
                    end,
                    unit,
                    money,
                } => {
                    d.range = Some((low, high));
                    d.end = end;
                    if let Some(s) = opener {
                        d.start = s.start;
                    }
                    if let (UnitKind::None, Some((u, k))) = (d.kind, unit) {
                        d.unit = Some(u);
                        d.kind = k;
                    }
                    if money.is_some() {
                        d.money = money;
                        d.kind = UnitKind::Money;
                    }
                }
                RangeEnd::Years(e) | RangeEnd::Score(e) => return Some(e),
                RangeEnd::None => {}
            }
        }
        if d.range.is_none() && d.kind == UnitKind::None && !d.after_hedge {
            if let Some((divisor, e)) = self.ratio_after(text, core, d.end) {
                d.value /= divisor;
                d.end = e;
                d.ratio = true;
            }
        }
        if d.kind != UnitKind::None {
            return None;
        }
        d.noun = if core.fraction && !d.ratio {
            self.partitive_noun(text, d.end, true)
        } else {
            self.hyphen_unit(text, d.end)
                .or_else(|| self.counted_noun(text, d.end))
        };
        if let Some((s, e)) = d.noun {
            d.unit = Some(self.noun_unit(&text[s..e]));
            d.kind = UnitKind::Noun;
            d.end = e;
        }
        if !d.after_hedge && d.range.is_none() {
            // "100 people or more"
            if let Some((e, q)) = self.hedge_after(text, d.end) {
                d.qualifier = Some(q);
                d.end = e;
            }
        }
        None
    }

    /// The last rules: ambiguous "m", a bare "one", years, labels.
    fn not_a_quantity(&self, text: &Text, core: &Core, floor: usize, d: &Draft) -> Option<usize> {
        let bounded = d.qualifier.is_some() || d.range.is_some() || d.ratio || d.negative;
        // "2.3m people" but not "1m isn't", "the 800m final": metres or minutes.
        let article = prev_tok(text, core.start, floor)
            .is_some_and(|t| t.is(text, "a") || t.is(text, "an") || t.is(text, "the"));
        if core.ambiguous_m && d.money.is_none() && (d.noun.is_none() || article) {
            return Some(d.end);
        }
        // A bare "one" is a pronoun or determiner ("one of", "no one", "a quiet one", "one
        // day") unless money, percent, a hedge, a sign, a range or a ratio makes it a number.
        let counts = d.money.is_some() || d.kind == UnitKind::Percent;
        if core.bare_one && !counts && !bounded {
            return Some(core.end);
        }
        // "zero tolerance", "ground zero" are not amounts; "fell to zero." and "zero deaths" are.
        let next_word = next_tok(text, d.end).is_some_and(|t| t.is_word(text));
        let bare_zero = core.spelled && core.value == 0.0 && core.end - core.start <= 6;
        if bare_zero && d.noun.is_none() && !counts && !bounded && next_word {
            return Some(core.end);
        }
        if core.plain && !counts && d.range.is_none() && !d.ratio {
            if let Some(e) = self.year(text, core, d.noun.is_some(), floor) {
                return Some(e);
            }
        }
        // Labels: "Flight 370", "Boeing 737"; spelled only in title case ("BBC One").
        let title_case = !core.spelled || text.as_bytes()[core.start].is_ascii_uppercase();
        if d.money.is_none() && !bounded && title_case && self.label_before(text, core.start, floor)
        {
            return Some(core.end);
        }
        None
    }
}

/// Where a figure's range ended, if it has one.
enum RangeEnd<'a> {
    Range {
        low: f64,
        high: f64,
        end: usize,
        unit: Option<(String, UnitKind)>,
        money: Option<&'a str>,
    },
    /// "2017-18", "between 1990 and 2000": years.
    Years(usize),
    /// "2-1", "52-48": a score or vote tally.
    Score(usize),
    None,
}

/// A figure being assembled around a number, left context first, then right.
struct Draft<'p> {
    start: usize,
    end: usize,
    value: f64,
    negative: bool,
    money: Option<&'p str>,
    unit: Option<String>,
    kind: UnitKind,
    qualifier: Option<Qualifier>,
    /// A hedge came after the number ("200 or more"): no range after it.
    after_hedge: bool,
    range: Option<(f64, f64)>,
    ratio: bool,
    noun: Option<(usize, usize)>,
}

impl<'p> Draft<'p> {
    fn new(core: &Core) -> Draft<'p> {
        Draft {
            start: core.start,
            end: core.end,
            value: core.value,
            negative: false,
            money: None,
            unit: None,
            kind: UnitKind::None,
            qualifier: None,
            after_hedge: false,
            range: None,
            ratio: false,
            noun: None,
        }
    }

    fn finish(self) -> Figure {
        let sign = if self.negative { -1.0 } else { 1.0 };
        let via = match (self.range.is_some(), self.kind) {
            (true, _) => "figure:range",
            (_, UnitKind::Money) => "figure:money",
            (_, UnitKind::Percent) => "figure:percent",
            _ if self.ratio => "figure:ratio",
            _ => "figure:number",
        };
        let (value, low, high, qualifier) = match self.range {
            Some((low, high)) => (
                None,
                Some(tidy(sign * low)),
                Some(tidy(high)),
                Some(Qualifier::Range),
            ),
            None => (Some(tidy(sign * self.value)), None, None, self.qualifier),
        };
        Figure {
            span: Span::new(self.start, self.end),
            value,
            low,
            high,
            qualifier,
            // Bounds ("at least 250") are exact; "about 300 to 400" stays approximate.
            approximate: self.qualifier == Some(Qualifier::About),
            unit: self.money.map(str::to_string).or(self.unit),
            period: None,
            via: via.into(),
        }
    }
}

/// A minus sign glued to `pos` and not joining two words ("-15", not "F-35").
fn glued_minus(text: &Text, pos: usize, floor: usize) -> Option<usize> {
    let c = char_before(text, pos)?;
    if !matches!(c, '-' | '\u{2212}') {
        return None;
    }
    let s = pos - c.len_utf8();
    if s < floor || char_before(text, s).is_some_and(|p| p.is_alphanumeric()) {
        return None;
    }
    Some(s)
}

/// True when `tok` is a word that starts with an upper-case letter.
fn capitalised(text: &Text, tok: Tok) -> bool {
    text.as_bytes()[tok.start].is_ascii_uppercase()
}

impl FigureParser {
    fn hedge_before(&self, text: &Text, pos: usize, floor: usize) -> Option<(usize, Qualifier)> {
        let (start, q) = self.lex.hedges_before.longest_back(text, pos, floor)?;
        Some((start, *q))
    }

    fn hedge_after(&self, text: &Text, pos: usize) -> Option<(usize, Qualifier)> {
        let (end, q) = self.lex.hedges_after.longest_fwd(text, pos)?;
        Some((end, *q))
    }

    fn currency_prefix(&self, text: &Text, pos: usize, floor: usize) -> Option<(usize, &str)> {
        let (start, unit) = self.lex.currency_prefixes.longest_back(text, pos, floor)?;
        Some((start, unit))
    }

    fn currency_prefix_fwd(&self, text: &Text, pos: usize) -> Option<(usize, &str)> {
        let (end, unit) = self.lex.currency_prefixes.longest_fwd(text, pos)?;
        Some((end, unit))
    }

    fn percent_after(&self, text: &Text, pos: usize) -> Option<(usize, &str)> {
        let (end, unit) = self.lex.units.longest_fwd(text, pos)?;
        Some((end, unit))
    }

    /// A currency after the number ("5 €", "420 million finnish markka", "75 USD million",
    /// "thirteen dollars and forty-five cents"): its end, unit and the adjusted value.
    fn currency_after(&self, text: &Text, pos: usize, value: f64) -> Option<(usize, &str, f64)> {
        let lex = &self.lex;
        let (mut end, unit) = lex.currency_suffixes.longest_fwd(text, pos)?;
        let unit = &**unit;
        let mut value = value;
        // "75 USD million"
        if let Some(t) = next_tok(text, end).filter(|t| t.gap) {
            if let Some(scale) = lex.scale_word(t.text(text)) {
                if scale > 100.0 {
                    value *= scale;
                    end = t.end;
                }
            }
        }
        // "… dollars and forty-five cents"
        if unit != "cents" && unit != "pence" {
            let mut at = end;
            if let Some(t) = next_tok(text, at).filter(|t| t.is(text, "and")) {
                at = t.end;
            }
            if let Some(t) = next_tok(text, at) {
                let minor = if t.is_digits(text) {
                    lex.digits_number(text, t.start, false)
                } else {
                    lex.word_number(text, t)
                };
                if let Parsed::Number(c) = minor {
                    if c.value < 100.0 {
                        let minor_unit = lex.currency_suffixes.longest_fwd(text, c.end);
                        if let Some((e, _)) =
                            minor_unit.filter(|(_, u)| &***u == "cents" || &***u == "pence")
                        {
                            value += c.value / 100.0;
                            end = e;
                        }
                    }
                }
            }
        }
        Some((end, unit, value))
    }

    /// "3 March", and "22 and 23 June", "1-3 May": a day of the month.
    fn month_after(&self, text: &Text, pos: usize) -> Option<usize> {
        let t = next_tok(text, pos)?;
        if t.gap && self.is_month(text, t) {
            return Some(t.end);
        }
        let joins =
            t.is(text, "and") || t.is(text, "to") || matches!(t.text(text), "-" | "\u{2013}");
        let day = next_tok(text, t.end).filter(|d| {
            joins
                && d.is_digits(text)
                && d.end - d.start <= 2
                && !text.as_bytes()[d.end..]
                    .first()
                    .is_some_and(|b| b.is_ascii_alphanumeric())
        })?;
        let m = next_tok(text, day.end).filter(|m| m.gap && self.is_month(text, *m))?;
        Some(m.end)
    }

    fn month_before(&self, text: &Text, pos: usize) -> bool {
        let Some(mut t) = prev_tok(text, pos, 0) else {
            return false;
        };
        if t.text(text) == "." {
            match prev_tok(text, t.start, 0) {
                Some(m) => t = m,
                None => return false,
            }
        }
        self.is_month(text, t)
    }

    /// A month name; "may" and "march" only capitalised.
    fn is_month(&self, text: &Text, t: Tok) -> bool {
        let w = t.text(text);
        t.is_word(text)
            && Lexicon::in_set(&self.lex.months, w)
            && (capitalised(text, t)
                || !(w.eq_ignore_ascii_case("may") || w.eq_ignore_ascii_case("march")))
    }

    /// "10 Downing Street": a house number.
    fn street_after(&self, text: &Text, pos: usize) -> bool {
        let mut at = pos;
        for i in 0..4 {
            let Some(t) =
                next_tok(text, at).filter(|t| t.gap && t.is_word(text) && capitalised(text, *t))
            else {
                return false;
            };
            if i > 0 && Lexicon::in_set(&self.lex.street_words, t.text(text)) {
                return true;
            }
            at = t.end;
        }
        false
    }

    /// The second half of a range after the number ending at `pos`.
    #[allow(clippy::too_many_arguments)]
    fn range_after(
        &self,
        text: &Text,
        core: &Core,
        value: f64,
        pos: usize,
        money: Option<&str>,
        (kind, unit1): (UnitKind, Option<&str>),
        opener: bool,
        qualifier: Option<Qualifier>,
    ) -> RangeEnd<'_> {
        let lex = &self.lex;
        // "rose by 5% to 10%", "fell 11,000 to 813,200": an amount of change, then the level.
        let change = prev_tok(text, core.start, 0)
            .is_some_and(|t| t.is_word(text) && Lexicon::in_set(&lex.change_words, t.text(text)));
        let Some(sep) = next_tok(text, pos) else {
            return RangeEnd::None;
        };
        let s = sep.text(text);
        let glued = !sep.gap && s == "-";
        let lower_bound = matches!(qualifier, Some(Qualifier::MoreThan | Qualifier::AtLeast));
        let upper_bound = matches!(qualifier, Some(Qualifier::LessThan | Qualifier::AtMost));
        let both_bounds = (sep.is(text, "and") || sep.is(text, "but")) && !opener;
        let ok = match s {
            _ if both_bounds => lower_bound || upper_bound,
            "-" | "\u{2013}" | "\u{2014}" => true,
            _ if sep.is(text, "to") => !change,
            _ if sep.is(text, "through") || sep.is(text, "thru") => true,
            _ if sep.is(text, "and") => opener,
            _ if sep.is(text, "or") => !opener,
            _ => false,
        };
        if !ok || (qualifier.is_some() && !both_bounds && qualifier != Some(Qualifier::About)) {
            return RangeEnd::None;
        }
        let mut at = sep.end;
        // "above 1000 and below 1500", "less than 30 but more than 10": two opposite bounds.
        if both_bounds {
            match self.hedge_fwd(text, at) {
                Some((e, Qualifier::LessThan | Qualifier::AtMost)) if lower_bound => at = e,
                Some((e, Qualifier::MoreThan | Qualifier::AtLeast)) if upper_bound => at = e,
                _ => return RangeEnd::None,
            }
        }
        let mut money2 = None;
        if let Some((e, unit)) = self.currency_prefix_fwd(text, at) {
            money2 = Some(unit);
            at = e;
        }
        let prefixed2 = money2.is_some();
        let Some(t) = next_tok(text, at) else {
            return RangeEnd::None;
        };
        if glued && (t.gap || at != sep.end) {
            return RangeEnd::None;
        }
        let parsed = if t.is_digits(text) {
            if core.spelled {
                return RangeEnd::None;
            }
            lex.digits_number(text, t.start, false)
        } else if t.is_word(text) && core.spelled {
            lex.word_number(text, t)
        } else {
            return RangeEnd::None;
        };
        let Parsed::Number(c2) = parsed else {
            return RangeEnd::None;
        };
        if c2.glued_unit.is_some() || c2.ambiguous_m {
            return RangeEnd::None;
        }
        let mut end = c2.end;
        let mut high = c2.value;
        let mut low_first = value;
        let mut unit2 = None;
        if money2.is_none() {
            if let Some((e, u)) = self.percent_after(text, end) {
                unit2 = Some((u.to_string(), UnitKind::Percent));
                end = e;
            } else if let Some((e, u, v)) = self.currency_after(text, end, high) {
                money2 = Some(u);
                high = v;
                end = e;
            }
        }
        // Units must agree: "12% to €150 million" is two figures.
        if money2.is_some() && money2 != money && (money.is_some() || kind != UnitKind::None) {
            return RangeEnd::None;
        }
        if unit2.is_some()
            && kind != UnitKind::None
            && unit2.as_ref().map(|u| u.0.as_str()) != unit1
        {
            // "0.3 percentage points to 5.1%"
            return RangeEnd::None;
        }
        if money.is_some() && money2.is_none() && unit2.is_some() {
            return RangeEnd::None;
        }
        if upper_bound && both_bounds {
            (low_first, high) = (high, value);
        }
        let mut low = low_first;
        if let (Some(scale), None) = (c2.tail_scale, core.tail_scale) {
            // "between 3 and 4 million"
            if low * scale <= high {
                low *= scale;
            }
        }
        let year = |c: &Core, v: f64| c.plain && (1000.0..=2100.0).contains(&v);
        let c2_year = c2.plain && (c2.end - c2.start == 2 || year(&c2, c2.value));
        if core.plain
            && core.end - core.start == 4
            && (1800.0..=2100.0).contains(&value)
            && !c2_year
        {
            // "in 2003 to £2.89bn": a year, then the figure it changed to.
            return RangeEnd::None;
        }
        if prefixed2 && money.is_none() && kind == UnitKind::None {
            return RangeEnd::None;
        }
        if qualifier.is_none()
            && year(core, value)
            && c2_year
            && money.is_none()
            && kind == UnitKind::None
            && self.counted_noun(text, end).is_none()
        {
            return RangeEnd::Years(end);
        }
        // "737-800", "72-500": a model and its variant.
        let model = glued && value >= 10.0 && value % 10.0 != 0.0 && c2.value % 100.0 == 0.0;
        // "rose a higher than expected 17,000 to 4.483 million": a change and a level.
        let far = sep.is(text, "to") && !opener && low > 0.0 && high > 20.0 * low;
        if low >= high || model || far {
            return if glued {
                RangeEnd::Score(end)
            } else {
                RangeEnd::None
            };
        }
        RangeEnd::Range {
            low,
            high,
            end,
            unit: unit2,
            money: money2,
        }
    }

    /// A hedge written after a range's "and": "and below 1500".
    fn hedge_fwd(&self, text: &Text, pos: usize) -> Option<(usize, Qualifier)> {
        let (end, q) = self.lex.hedges_before.longest_fwd(text, pos)?;
        Some((end, *q))
    }

    /// "one in five", "3 out of 4": the divisor and where it ends.
    fn ratio_after(&self, text: &Text, core: &Core, pos: usize) -> Option<(f64, usize)> {
        let t = next_tok(text, pos)?;
        let mut at = if t.is(text, "in") {
            t.end
        } else if t.is(text, "out") {
            next_tok(text, t.end).filter(|o| o.is(text, "of"))?.end
        } else {
            return None;
        };
        let n = next_tok(text, at)?;
        let parsed = if n.is_digits(text) {
            self.lex.digits_number(text, n.start, false)
        } else if n.is(text, "a") {
            // "one in a million"
            let s = next_tok(text, n.end)?;
            self.lex
                .scaled_number(text, n.start, Reading::start(1.0, false), n.end)
                .filter(|_| self.lex.scale_word(s.text(text)).is_some())
                .map_or(Parsed::Nothing, Parsed::Number)
        } else {
            self.lex.word_number(text, n)
        };
        let Parsed::Number(c2) = parsed else {
            return None;
        };
        let years = c2.plain && (1000.0..=2100.0).contains(&c2.value);
        if years
            || c2.glued_unit.is_some()
            || c2.value <= core.value
            || core.value <= 0.0
            || core.value.fract() != 0.0
        {
            return None;
        }
        at = c2.end;
        Some((c2.value, at))
    }

    /// "two-year", "12-cent": a unit glued with a hyphen.
    fn hyphen_unit(&self, text: &Text, pos: usize) -> Option<(usize, usize)> {
        let dash = next_tok(text, pos).filter(|t| !t.gap && t.text(text) == "-")?;
        let w = next_tok(text, dash.end).filter(|t| !t.gap && t.is_word(text))?;
        let word = w.text(text);
        if self.lex.number_word(word).is_some() || Lexicon::in_set(&self.lex.noun_stopwords, word) {
            return None;
        }
        Some((w.start, w.end))
    }

    /// The counted noun after a number: up to two modifiers and a plural head ("250 civilian
    /// casualties"), an invariant plural ("people") or a unit word ("5 km").
    fn counted_noun(&self, text: &Text, pos: usize) -> Option<(usize, usize)> {
        let lex = &self.lex;
        let mut at = pos;
        for i in 0..3 {
            let t = next_tok(text, at).filter(|t| t.gap && t.is_word(text))?;
            let end = compound_end(text, t.end);
            let w = &text[t.start..end];
            if Lexicon::in_set(&lex.noun_stopwords, w) || lex.number_word(w).is_some() {
                return None;
            }
            let head = &text[last_segment(text, t.start, end)..end];
            if Lexicon::in_set(&lex.invariant_plurals, head)
                || plural_like(head)
                || (i == 0 && Lexicon::in_set(&lex.unit_words, w))
            {
                return Some((t.start, end));
            }
            at = end;
        }
        None
    }

    /// The noun after "of": "of the population", "of protesters", "of them" (none).
    fn partitive_noun(&self, text: &Text, pos: usize, any_head: bool) -> Option<(usize, usize)> {
        let lex = &self.lex;
        let of = next_tok(text, pos).filter(|t| t.is(text, "of"))?;
        let mut at = of.end;
        for _ in 0..2 {
            let t = next_tok(text, at)?;
            if !t.is_word(text) || !Lexicon::in_set(&lex.noun_stopwords, t.text(text)) {
                break;
            }
            if t.is(text, "them") || t.is(text, "us") || t.is(text, "it") {
                return None;
            }
            at = t.end;
        }
        if any_head {
            let t = next_tok(text, at).filter(|t| t.is_word(text))?;
            let end = compound_end(text, t.end);
            if Lexicon::in_set(&lex.noun_stopwords, &text[t.start..end]) {
                return None;
            }
            // "a third of the company's profits": the possessed noun is what is counted.
            let possessive = matches!(char_at(text, end), Some('\'' | '\u{2019}'))
                && next_tok(text, end)
                    .and_then(|q| next_tok(text, q.end))
                    .is_some_and(|s| !s.gap && s.is(text, "s"));
            if possessive {
                let mut at = end + char_at(text, end).map_or(0, char::len_utf8) + 1;
                let mut last = None;
                for _ in 0..3 {
                    let Some(w) = next_tok(text, at).filter(|w| w.gap && w.is_word(text)) else {
                        break;
                    };
                    let e = compound_end(text, w.end);
                    if Lexicon::in_set(&lex.noun_stopwords, &text[w.start..e]) {
                        break;
                    }
                    last = Some((w.start, e));
                    at = e;
                }
                if last.is_some() {
                    return last;
                }
            }
            // "of all economic activity", "of civilian casualties": past an adjective.
            if adjective_like(&text[t.start..end]) {
                if let Some(n) = next_tok(text, end).filter(|n| n.gap && n.is_word(text)) {
                    let n_end = compound_end(text, n.end);
                    if !Lexicon::in_set(&lex.noun_stopwords, &text[n.start..n_end]) {
                        return Some((n.start, n_end));
                    }
                }
            }
            return Some((t.start, end));
        }
        self.counted_noun(text, at)
    }

    /// A four-digit year: where to skip to ("2013-14" as a whole), or None for a quantity.
    fn year(&self, text: &Text, core: &Core, counted: bool, floor: usize) -> Option<usize> {
        if core.end - core.start != 4 || !(1000.0..=2100.0).contains(&core.value) {
            return None;
        }
        // "1776's Wealth of Nations", "above 2004's average".
        let possessive = matches!(char_at(text, core.end), Some('\'' | '\u{2019}'))
            && text
                .as_bytes()
                .get(core.end + char_at(text, core.end).map_or(0, char::len_utf8))
                == Some(&b's');
        if possessive {
            return Some(core.end);
        }
        let year_word = prev_tok(text, core.start, floor).is_some_and(|t| {
            t.is_word(text) && Lexicon::in_set(&self.lex.year_words, t.text(text))
        });
        // "2000 people" counts; "had 1988 sales", "the 2016 elections" are years; so are
        // hedged ones without a noun: "about 2005", "up to 2010".
        let round = core.value % 50.0 == 0.0;
        let is_year = if core.value >= 1800.0 {
            !counted || year_word || !round
        } else {
            year_word && !counted
        };
        if !is_year {
            return None;
        }
        let bytes = text.as_bytes();
        let mut end = core.end;
        if let Some(c) = char_at(text, end) {
            if matches!(c, '-' | '/' | '\u{2013}') {
                let after = end + c.len_utf8();
                let n = bytes[after..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if n == 2 || n == 4 {
                    end = after + n;
                }
            }
        }
        Some(end)
    }

    /// "Article 5", "Flight 370", "Boeing 737", "Windows 10": a number that names something.
    fn label_before(&self, text: &Text, pos: usize, floor: usize) -> bool {
        let lex = &self.lex;
        if lex.label_words.longest_back(text, pos, floor).is_some() {
            return true;
        }
        // Capitalised or camel-cased: "Boeing 737", "iPhone 12".
        let Some(w) = prev_tok(text, pos, floor)
            .filter(|t| t.is_word(text) && t.text(text).bytes().any(|b| b.is_ascii_uppercase()))
        else {
            return false;
        };
        // The first word of a sentence is capitalised anyway ("Some 40 people", "Only 5").
        let sentence_start = match prev_tok(text, w.start, 0) {
            None => true,
            Some(p) => {
                let gap = &text[p.end..w.start];
                gap.contains('\n')
                    || matches!(
                        p.text(text),
                        "." | "!"
                            | "?"
                            | ":"
                            | "\""
                            | "\u{201c}"
                            | "\u{201d}"
                            | "'"
                            | "\u{2018}"
                            | "\u{2019}"
                            | "("
                            | "["
                            | "\u{2014}"
                            | "\u{2013}"
                    )
            }
        };
        let word = w.text(text);
        !sentence_start
            && !Lexicon::in_set(&lex.year_words, word)
            && !Lexicon::in_set(&lex.weekdays, word)
    }
}

/// Rounds away binary noise from decimal scaling (8.2 × 1e9 = 8199999999.999999) by keeping
/// 15 significant digits, as many as an f64 holds exactly.
fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let digits = 14 - v.abs().log10().floor() as i32;
    if digits <= 0 || digits > 300 {
        return v;
    }
    let m = 10f64.powi(digits);
    (v * m).round() / m
}

/// The end of a word and any hyphenated parts glued to it ("so-called", "Afghan-born").
fn compound_end(text: &Text, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    while bytes.get(end) == Some(&b'-')
        && bytes.get(end + 1).is_some_and(|b| b.is_ascii_alphabetic())
    {
        end += 1 + bytes[end + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
    }
    end
}

/// Where the last hyphen-separated part of a compound starts.
fn last_segment(text: &Text, start: usize, end: usize) -> usize {
    text[start..end].rfind('-').map_or(start, |i| start + i + 1)
}

/// A word that looks like an adjective by its ending: "economic", "civilian", "armed".
fn adjective_like(word: &str) -> bool {
    const ENDINGS: [&str; 9] = ["al", "ic", "ive", "ous", "ed", "ful", "less", "ian", "ern"];
    word.len() > 4
        && ENDINGS
            .iter()
            .any(|e| word.len() > e.len() && word[word.len() - e.len()..].eq_ignore_ascii_case(e))
}

/// A plural-looking word: "incidents", "hrs"; not "is", "was", "bus", "glass", "various".
fn plural_like(word: &str) -> bool {
    let w = word.as_bytes();
    w.len() >= 3
        && w[w.len() - 1].eq_ignore_ascii_case(&b's')
        && !matches!(w[w.len() - 2].to_ascii_lowercase(), b's' | b'u' | b'i')
}
