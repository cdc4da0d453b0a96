//! The number itself: digits ("1,234.5", "10k", "1 234 567") and number words ("two hundred
//! and five", "a quarter million", "two and a half"), combined ("4 thousand 3 hundred and 21").

use super::lexicon::{Lexicon, WordKind};
use super::scan::{char_at, char_before, next_tok, Text, Tok};

/// A number without its context (hedge, currency, counted noun).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Core {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Contains number words.
    pub spelled: bool,
    /// Digits only: no separators, decimals, words or scales (years, labels, days).
    pub plain: bool,
    /// The scale closing the number ("4 million" → 1e6), for ranges that share it.
    pub tail_scale: Option<f64>,
    /// Exactly the word "one" (a pronoun or determiner unless something makes it a number).
    pub bare_one: bool,
    /// A fraction below one read from words ("a quarter", "two-thirds"): "of" may follow.
    pub fraction: bool,
    /// A unit glued to the digits ("10km"): its byte range.
    pub glued_unit: Option<(usize, usize)>,
    /// "2m" with a lower-case m on a whole number: million, metres or minutes.
    pub ambiguous_m: bool,
}

impl Core {
    /// A fraction below one read from words ("a quarter", "two-thirds"), spanning `start..end`.
    pub fn word_fraction(start: usize, end: usize, value: f64) -> Core {
        Core {
            start,
            end,
            value,
            spelled: true,
            plain: false,
            tail_scale: None,
            bare_one: false,
            fraction: true,
            glued_unit: None,
            ambiguous_m: false,
        }
    }
}

/// What reading a number at a position gave.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Parsed {
    Number(Core),
    /// Not a quantity, and nothing up to this byte is (a code, date, phone number, ordinal).
    Skip(usize),
    Nothing,
}

/// Where the previous piece left the number, to decide what may follow.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Last {
    Unit,
    Teen,
    Ten,
    Digits,
    Hundred,
    Scale(f64),
    Fraction,
}

/// A number being read piece by piece: `total` holds what the scales closed, `cur` the rest.
#[derive(Clone, Copy, Debug)]
pub(super) struct Reading {
    total: f64,
    cur: f64,
    last: Last,
    spelled: bool,
}

impl Reading {
    /// A number that starts with a value ("a" = 1 before "million", "half" = 0.5).
    pub fn start(value: f64, fraction: bool) -> Reading {
        Reading {
            total: 0.0,
            cur: value,
            last: if fraction { Last::Fraction } else { Last::Unit },
            spelled: true,
        }
    }
}

/// Digits read at a position, before any words.
struct Digits {
    end: usize,
    value: f64,
    plain: bool,
    decimal: bool,
}

fn is_space_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

fn digit_run(bytes: &[u8], pos: usize) -> usize {
    bytes[pos.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// Reads "1,234,567.89", "1 234 567", "12", ".5" starting at the first digit `pos`.
/// `Err(end)` when the digits are part of something else (version "1.2.3").
fn read_digits(text: &Text, pos: usize) -> Result<Digits, usize> {
    let bytes = text.as_bytes();
    let first = digit_run(bytes, pos);
    let mut end = pos + first;
    let mut plain = true;
    // Thousands separators: commas, or spaces of any width, with groups of exactly three.
    if first <= 3 {
        let comma = bytes.get(end) == Some(&b',');
        while let Some(sep) = char_at(text, end) {
            let next = end + sep.len_utf8();
            let ok_sep = if comma { sep == ',' } else { is_space_sep(sep) };
            if !ok_sep || digit_run(bytes, next) != 3 {
                break;
            }
            let after = bytes.get(next + 3).copied();
            let decimal_next = after == Some(b'.') && digit_run(bytes, next + 4) > 0;
            if !comma && !decimal_next && matches!(after, Some(b'-' | b'.' | b',' | b'/' | b':')) {
                // "5 100-metre": a space group needs a clean end.
                break;
            }
            if !comma && after.is_some_and(|b| b.is_ascii_alphabetic()) {
                break; // "5 100m": two numbers ("1,500m" is one)
            }
            end = next + 3;
            plain = false;
        }
    }
    let int_text = &text[pos..end];
    let mut decimal = false;
    if bytes.get(end) == Some(&b'.') && digit_run(bytes, end + 1) > 0 {
        let frac_end = end + 1 + digit_run(bytes, end + 1);
        if bytes.get(frac_end) == Some(&b'.') && digit_run(bytes, frac_end + 1) > 0 {
            // 1.2.3, 27.08.2021: a version or a date.
            let mut e = frac_end;
            while bytes.get(e) == Some(&b'.') && digit_run(bytes, e + 1) > 0 {
                e += 1 + digit_run(bytes, e + 1);
            }
            return Err(e);
        }
        end = frac_end;
        decimal = true;
        plain = false;
    }
    let mut value = 0.0;
    for b in int_text.bytes().filter(|b| b.is_ascii_digit()) {
        value = value * 10.0 + f64::from(b - b'0');
    }
    if decimal {
        let mut scale = 0.1;
        let dot = text[..end].rfind('.').unwrap_or(end);
        for b in text[dot + 1..end].bytes() {
            value += f64::from(b - b'0') * scale;
            scale /= 10.0;
        }
    }
    Ok(Digits {
        end,
        value,
        plain,
        decimal,
    })
}

/// "3/4", "1/5", "20/100": a fraction below one whose denominator is a small or round
/// number; "9/11", "24/7", "27/08" are dates, names and ratios. Returns the value and end.
fn fraction(text: &Text, pos: usize) -> Option<(f64, usize)> {
    let bytes = text.as_bytes();
    let n_len = digit_run(bytes, pos);
    let slash = pos + n_len;
    if n_len == 0 || bytes.get(slash) != Some(&b'/') {
        return None;
    }
    let d_len = digit_run(bytes, slash + 1);
    let end = slash + 1 + d_len;
    if d_len == 0 || bytes[pos] == b'0' || bytes[slash + 1] == b'0' {
        return None;
    }
    if matches!(bytes.get(end), Some(b'/' | b'-' | b'.' | b':')) && digit_run(bytes, end + 1) > 0
        || glued_after(text, end)
    {
        return None;
    }
    let n: f64 = text[pos..slash].parse().ok()?;
    let d: f64 = text[slash + 1..end].parse().ok()?;
    let round = d <= 10.0 || d % 5.0 == 0.0;
    (n < d && d <= 1000.0 && round).then_some((n / d, end))
}

/// The end of a run of letters and digits (to skip a whole code like "5G" or "MH17").
fn alnum_end(text: &Text, pos: usize) -> usize {
    pos + text.as_bytes()[pos..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

/// Phone numbers and dates written as digit groups: "555-0142", "+1-222-2222/2222",
/// "020 7946 0018", "2021-08-27", "27/08/2021". Returns the end of the whole sequence.
fn phone_or_date(text: &Text, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let lead = start
        .checked_sub(1)
        .and_then(|i| bytes.get(i))
        .is_some_and(|b| matches!(b, b'+' | b'('));
    let mut pos = start;
    let mut groups = 0;
    let mut digits = 0;
    let mut leading_zero = false;
    let mut all_space_triples = true;
    let mut first_len = 0;
    let mut seps = 0;
    loop {
        let n = digit_run(bytes, pos);
        if n == 0 {
            break;
        }
        if groups == 0 {
            first_len = n;
        } else if n != 3 {
            all_space_triples = false;
        }
        if n > 1 && bytes[pos] == b'0' {
            leading_zero = true;
        }
        groups += 1;
        digits += n;
        pos += n;
        let sep_len = match bytes.get(pos) {
            Some(b'-' | b'.' | b'/') => {
                all_space_triples = false;
                1
            }
            Some(b' ') => 1,
            Some(b')') if bytes.get(pos + 1) == Some(&b' ') => {
                all_space_triples = false;
                2
            }
            _ => 0,
        };
        if sep_len == 0 || digit_run(bytes, pos + sep_len) == 0 {
            break;
        }
        seps += 1;
        pos += sep_len;
    }
    let _ = seps;
    let thousands = all_space_triples && first_len <= 3 && !leading_zero;
    // "2021-08-27", "27/08/2021", "5/6/21": one separator throughout.
    let dashed_date = groups == 3 && digits >= 4 && {
        let s = &text[start..pos];
        [b'-', b'/', b'.']
            .iter()
            .any(|&sep| s.bytes().filter(|b| !b.is_ascii_digit()).all(|b| b == sep))
    };
    // "555-1234", "555 0143": the local phone shape (but "100-1000" is a range).
    let local = groups == 2 && first_len == 3 && digits == 7 && {
        let last: u32 = text[pos - 4..pos].parse().unwrap_or(0);
        last % 100 != 0
    };
    let phone =
        digits >= 7 && groups >= 2 && (lead || groups >= 3 || leading_zero || local) && !thousands;
    (phone || dashed_date).then_some(pos)
}

impl Core {
    /// A number written in digits alone, with nothing more to say about it.
    fn digits(start: usize, end: usize, value: f64) -> Core {
        Core {
            start,
            end,
            value,
            spelled: false,
            plain: false,
            tail_scale: None,
            bare_one: false,
            fraction: false,
            glued_unit: None,
            ambiguous_m: false,
        }
    }
}

impl Lexicon {
    /// Reads the number whose first digit is at `pos`.
    /// `check_left` is false for the second number of a range ("10-15").
    pub(super) fn digits_number(&self, text: &Text, pos: usize, check_left: bool) -> Parsed {
        let bytes = text.as_bytes();
        let mut start = pos;
        let before = if check_left {
            char_before(text, pos)
        } else {
            None
        };
        match before {
            Some('.') => match char_before(text, pos - 1) {
                Some(c) if c.is_alphanumeric() => return Parsed::Skip(alnum_end(text, pos)),
                _ => start = pos - 1,
            },
            // "G7", "MH17", "covid19" are names; "Rs500", "US$5" are handled by currency.
            Some(c) if c.is_ascii_alphabetic() && !self.currency_before(text, pos) => {
                return Parsed::Skip(alnum_end(text, pos));
            }
            // "F-35", "COVID-19", "mid-1972", or the tail of "2-1".
            Some(hyphen @ ('-' | '\u{2010}' | '\u{2011}'))
                if char_before(text, pos - hyphen.len_utf8())
                    .is_some_and(|c| c.is_alphanumeric()) =>
            {
                return Parsed::Skip(alnum_end(text, pos));
            }
            Some('/' | ':') if pos >= 2 && bytes[pos - 2].is_ascii_digit() => {
                return Parsed::Skip(alnum_end(text, pos));
            }
            Some('#') => return Parsed::Skip(alnum_end(text, pos)),
            // "P5+1", "N+1"
            Some('+') if pos >= 2 && bytes[pos - 2].is_ascii_alphanumeric() => {
                return Parsed::Skip(alnum_end(text, pos));
            }
            Some('\'' | '\u{2019}') if digit_run(bytes, pos) == 2 => {
                return Parsed::Skip(alnum_end(text, pos)); // '90s
            }
            _ => {}
        }
        if start == pos {
            if let Some(end) = phone_or_date(text, pos) {
                return Parsed::Skip(end);
            }
        }
        let d = match read_digits(text, pos) {
            Ok(d) => d,
            Err(end) => return Parsed::Skip(end),
        };
        if start == pos && d.plain && d.end - pos > 1 && bytes[pos] == b'0' {
            return Parsed::Skip(d.end); // "007", "0142": codes
        }
        let end = d.end;
        let value = if start < pos {
            // ".08": read_digits saw "08" as a whole number.
            d.value / 10f64.powi((d.end - pos) as i32)
        } else {
            d.value
        };
        match bytes.get(end) {
            Some(b':') if digit_run(bytes, end + 1) > 0 => {
                return Parsed::Skip(alnum_end(text, end + 1)); // 3:30, a time or a score
            }
            Some(b'/') if digit_run(bytes, end + 1) > 0 => {
                if let Some((v, e)) = fraction(text, pos) {
                    let core = Core {
                        fraction: true,
                        ..Core::digits(start, e, v)
                    };
                    return Parsed::Number(core);
                }
                let mut e = end;
                while bytes.get(e) == Some(&b'/') && digit_run(bytes, e + 1) > 0 {
                    e += 1 + digit_run(bytes, e + 1);
                }
                return Parsed::Skip(e); // 24/7, 9/11, 27/08: dates and ratios
            }
            _ => {}
        }
        let mut value = value;
        let mut end = end;
        if d.plain && start == pos {
            // "2 1/2": a whole number and a fraction.
            if let Some(sp) = char_at(text, end).filter(|&c| is_space_sep(c)) {
                if let Some((f, e)) = fraction(text, end + sp.len_utf8()) {
                    return Parsed::Number(Core::digits(start, e, value + f));
                }
            }
        }
        // "1.5e-3", "6e23": scientific notation.
        if matches!(bytes.get(end), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(bytes.get(end + 1), Some(b'-' | b'+')));
            let n = digit_run(bytes, end + 1 + sign);
            if n > 0 && n <= 3 && !glued_after(text, end + 1 + sign + n) {
                let exp: i32 = text[end + 1..end + 1 + sign + n].parse().unwrap_or(0);
                value *= 10f64.powi(exp);
                end += 1 + sign + n;
                return Parsed::Number(Core::digits(start, end, value));
            }
        }
        let mut core = Core {
            start,
            end,
            value,
            spelled: false,
            plain: d.plain && start == pos && end == d.end,
            tail_scale: None,
            bare_one: false,
            fraction: false,
            glued_unit: None,
            ambiguous_m: false,
        };
        // Letters glued to the digits: a scale, a unit, an ordinal, a decade or a code.
        let letters = bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        if letters > 0 {
            let word = &text[end..end + letters];
            let after = end + letters;
            if bytes.get(after).is_some_and(|b| b.is_ascii_digit()) {
                return Parsed::Skip(alnum_end(text, after));
            }
            let lower = word.to_ascii_lowercase();
            if let Some(scale) = self.scale_suffix(word) {
                core.value *= scale;
                core.end = after;
                core.plain = false;
                core.tail_scale = Some(scale);
                core.ambiguous_m = word == "m" && !d.decimal;
                return Parsed::Number(core);
            }
            if matches!(lower.as_str(), "st" | "nd" | "rd" | "th" | "s") {
                return Parsed::Skip(after); // 4th, 1990s
            }
            // "12km", "10GB"; a single capital is a model name ("5G", "3D").
            let unit_case = word.len() > 1 || word.bytes().all(|b| b.is_ascii_lowercase());
            if unit_case && self.unit_words.contains(lower.as_str()) {
                core.glued_unit = Some((end, after));
                core.end = after;
                core.plain = false;
                return Parsed::Number(core);
            }
            return Parsed::Skip(after); // 5G, 3D, 10am
        }
        // Number words after digits: "3 hundred and 21", "2.5 million".
        let reading = Reading {
            total: 0.0,
            cur: core.value,
            last: Last::Digits,
            spelled: false,
        };
        let (r, e, tail) = self.continue_words(text, reading, end);
        if e > end {
            core.value = r.total + r.cur;
            core.end = e;
            core.plain = false;
            core.spelled = r.spelled;
            core.tail_scale = tail;
        }
        Parsed::Number(core)
    }

    /// Reads a number that starts with the number word at `tok`.
    pub(super) fn word_number(&self, text: &Text, tok: Tok) -> Parsed {
        let Some((value, kind)) = self.number_word(tok.text(text)) else {
            return Parsed::Nothing;
        };
        let reading = Reading {
            total: 0.0,
            cur: value,
            last: match kind {
                WordKind::Unit => Last::Unit,
                WordKind::Teen => Last::Teen,
                WordKind::Ten => Last::Ten,
            },
            spelled: true,
        };
        let (r, end, tail) = self.continue_words(text, reading, tok.end);
        Parsed::Number(Core {
            start: tok.start,
            end,
            value: r.total + r.cur,
            spelled: true,
            plain: false,
            tail_scale: tail,
            bare_one: end == tok.end && value == 1.0 && kind == WordKind::Unit,
            fraction: r.last == Last::Fraction && r.total + r.cur < 1.0,
            glued_unit: None,
            ambiguous_m: false,
        })
    }

    /// Reads a number that starts with a value given by the caller ("a", "half a") and goes on
    /// with the scale word at `pos` ("a million", "half a dozen").
    pub(super) fn scaled_number(
        &self,
        text: &Text,
        start: usize,
        r: Reading,
        pos: usize,
    ) -> Option<Core> {
        let (r, end, tail) = self.continue_words(text, r, pos);
        (end > pos).then_some(Core {
            start,
            end,
            value: r.total + r.cur,
            spelled: true,
            plain: false,
            tail_scale: tail,
            bare_one: false,
            fraction: false,
            glued_unit: None,
            ambiguous_m: false,
        })
    }

    /// Reads the words (and digits after scale words) that continue a number from `pos`.
    /// Returns the reading, where it ends, and the scale that closes it, if any.
    fn continue_words(
        &self,
        text: &Text,
        mut r: Reading,
        mut pos: usize,
    ) -> (Reading, usize, Option<f64>) {
        let mut max_scale = f64::INFINITY;
        let mut tail = None;
        while let Some(mut tok) = next_tok(text, pos) {
            // A hyphen joins words only: "twenty-one", "one-third" (not "two-year", "10-15").
            if tok.text(text) == "-" && !tok.gap {
                match next_tok(text, tok.end) {
                    Some(t) if !t.gap && t.is_word(text) => tok = t,
                    _ => break,
                }
            } else if !tok.gap && tok.start > 0 {
                break; // glued to the number: handled by the caller ("10km", "5%")
            }
            let Some(step) = self.piece(text, &r, tok, max_scale) else {
                break;
            };
            r = step.0;
            pos = step.1;
            if let Last::Scale(s) = r.last {
                max_scale = s;
                tail = Some(s);
            } else {
                tail = None;
            }
        }
        (r, pos, tail)
    }

    /// One more piece of a number, if `tok` can continue it.
    fn piece(
        &self,
        text: &Text,
        r: &Reading,
        tok: Tok,
        max_scale: f64,
    ) -> Option<(Reading, usize)> {
        let mut r = *r;
        let word = tok.text(text);
        if tok.is_digits(text) {
            // Digits go on only after a scale: "4 thousand 3 hundred".
            let bound = match r.last {
                Last::Hundred => 100.0,
                Last::Scale(s) => s,
                _ => return None,
            };
            let d = read_digits(text, tok.start).ok()?;
            if d.value >= bound || d.decimal || glued_after(text, d.end) {
                return None;
            }
            r.cur += d.value;
            r.last = Last::Digits;
            return Some((r, d.end));
        }
        if !tok.is_word(text) {
            return None;
        }
        if let Some((v, kind)) = self.number_word(word) {
            let ok = match kind {
                WordKind::Unit => matches!(r.last, Last::Ten | Last::Hundred | Last::Scale(_)),
                _ => matches!(r.last, Last::Hundred | Last::Scale(_)),
            };
            if !ok {
                // "three quarters": a numerator before a denominator is read below.
                return None;
            }
            r.cur += v;
            r.last = match kind {
                WordKind::Unit => Last::Unit,
                WordKind::Teen => Last::Teen,
                WordKind::Ten => Last::Ten,
            };
            r.spelled = true;
            return Some((r, tok.end));
        }
        if let Some(scale) = self.scale_word(word) {
            if scale == 100.0 {
                let ok = matches!(
                    r.last,
                    Last::Unit | Last::Teen | Last::Digits | Last::Fraction
                ) && r.cur > 0.0
                    && r.cur < 100.0;
                if !ok {
                    return None;
                }
                r.cur *= 100.0;
                r.last = Last::Hundred;
            } else {
                if r.cur <= 0.0 || scale >= max_scale || matches!(r.last, Last::Scale(_)) {
                    return None;
                }
                r.total += r.cur * scale;
                r.cur = 0.0;
                r.last = Last::Scale(scale);
            }
            r.spelled = true;
            return Some((r, tok.end));
        }
        if let Some(den) = self.denominator(word) {
            // "one sixth", "three quarters", "two thirds"; "twenty-third" is an ordinal.
            if !matches!(r.last, Last::Unit | Last::Teen) || r.total > 0.0 || r.cur <= 0.0 {
                return None;
            }
            r.cur /= den;
            r.last = Last::Fraction;
            r.spelled = true;
            return Some((r, tok.end));
        }
        if word.eq_ignore_ascii_case("and") {
            return self.after_and(text, r, tok.end);
        }
        if word.eq_ignore_ascii_case("point")
            && matches!(r.last, Last::Unit | Last::Teen | Last::Ten)
        {
            // "two point two": decimals as digit words.
            let mut pos = tok.end;
            let mut scale = 0.1;
            let mut any = false;
            while let Some(t) = next_tok(text, pos) {
                match self.number_word(t.text(text)) {
                    Some((v, WordKind::Unit)) if t.gap => {
                        r.cur += v * scale;
                        scale /= 10.0;
                        pos = t.end;
                        any = true;
                    }
                    _ => break,
                }
            }
            if any {
                r.last = Last::Fraction;
                return Some((r, pos));
            }
        }
        None
    }

    /// "and" inside a number: "hundred and two", "thousand and 21", "two and a half",
    /// "a million and a half" (the fraction is of the last scale).
    fn after_and(&self, text: &Text, mut r: Reading, pos: usize) -> Option<(Reading, usize)> {
        let t = joined_tok(text, pos)?;
        // A fraction: "and a half", "and one half", "and three quarters".
        let numerator = if t.is(text, "a") {
            Some(1.0)
        } else {
            match self.number_word(t.text(text)) {
                Some((v, WordKind::Unit)) if v > 0.0 => Some(v),
                _ => None,
            }
        };
        if let Some(n) = numerator {
            if let Some(den_tok) = joined_tok(text, t.end) {
                if let Some(den) = self.denominator(den_tok.text(text)) {
                    let frac = n / den;
                    match r.last {
                        Last::Scale(s) => r.total += frac * s,
                        Last::Unit | Last::Teen | Last::Ten | Last::Digits | Last::Hundred => {
                            r.cur += frac
                        }
                        Last::Fraction => return None,
                    }
                    r.last = Last::Fraction;
                    return Some((r, den_tok.end));
                }
            }
        }
        if !matches!(r.last, Last::Hundred | Last::Scale(_)) {
            return None;
        }
        self.piece(text, &r, t, f64::INFINITY)
            .and_then(|(next, end)| {
                // Only a smaller number may follow "and": "thousand and five", not "thousand and a".
                (!matches!(next.last, Last::Scale(_) | Last::Hundred | Last::Fraction))
                    .then_some((next, end))
            })
    }
}

/// The next token, stepping over a hyphen that joins words ("two-and-a-half").
fn joined_tok(text: &Text, pos: usize) -> Option<Tok> {
    let t = next_tok(text, pos)?;
    if t.text(text) == "-" && !t.gap {
        return next_tok(text, t.end).filter(|w| !w.gap && w.is_word(text));
    }
    Some(t)
}

/// True when a letter or digit is glued at `pos` (the number is part of a code).
fn glued_after(text: &Text, pos: usize) -> bool {
    text.as_bytes()
        .get(pos)
        .is_some_and(|b| b.is_ascii_alphanumeric())
}
