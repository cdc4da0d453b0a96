//! What the splitter needs to know about a block before deciding on its periods: which quotes
//! and brackets pair up (a period inside a pair does not end the sentence), and which list
//! markers ("1.", "b)", "(iv)") or bullets start a new item.
//!
//! All positions are byte offsets into the block.

use std::collections::HashMap;

use super::chars::{
    char_at, char_before, is_bullet, is_closing_punct, is_elision, is_opening_punct,
};

/// The longest quotation (in bytes) whose inner periods are protected; longer pairs are more
/// likely a stray quote meeting another one far away than one quotation.
const MAX_QUOTE: usize = 600;
/// The same for brackets.
const MAX_BRACKET: usize = 1000;
/// Deeper nesting is not followed (it only happens in garbage, and would cost time).
const MAX_DEPTH: usize = 32;

/// A matched pair: `open` is where the opening mark starts, `close` where the closing one starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub open: usize,
    pub close: usize,
}

/// What a quotation mark turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteRole {
    /// Opens a quotation that closes later in the block.
    Open,
    /// Closes one.
    Close,
    /// Looks like a closing mark but nothing is open (the quotation began before this text).
    StrayClose,
    /// Opens a quotation that never closes; `first` when no quote of its kind came before it.
    Unclosed { first: bool },
}

#[derive(Clone, Copy, Debug)]
pub struct QuoteMark {
    pub pos: usize,
    pub len: usize,
    pub role: QuoteRole,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// How a straight quote sits between its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flank {
    Open,
    Close,
    /// Spaces (or letters) on both sides ("said , '' Stanley"): decided by what is open.
    Either,
}

/// Quotes, brackets and list markers of one block, reused from block to block.
#[derive(Debug, Default)]
pub struct Marks {
    /// Every quotation mark, ordered by position.
    pub quotes: Vec<QuoteMark>,
    /// Quote pairs, ordered by `open`.
    pub quote_pairs: Vec<Pair>,
    /// Bracket pairs, ordered by `open`.
    pub bracket_pairs: Vec<Pair>,
    /// Where a new list item or bullet forces a new sentence, ascending.
    pub forced: Vec<usize>,
    /// Where a terminator or a dash may start, ascending: every ".", "!", "?", "-" and
    /// character from U+2000. Found here so that the splitter does not read the block again.
    pub terminators: Vec<usize>,
    double: Vec<usize>,
    single: Vec<usize>,
    seen_double: bool,
    seen_single: bool,
    brackets: Vec<(char, usize)>,
    markers: Vec<Marker>,
    bullets: Vec<usize>,
}

impl Marks {
    /// Finds the quotes, brackets, list markers and bullets of `block`, which starts at
    /// `offset` in a text whose landmarks in the block are `landmarks` (every mark starts at
    /// one).
    pub fn scan(&mut self, block: &str, offset: usize, landmarks: &[usize]) {
        self.quotes.clear();
        self.quote_pairs.clear();
        self.bracket_pairs.clear();
        self.forced.clear();
        self.terminators.clear();
        self.double.clear();
        self.single.clear();
        self.seen_double = false;
        self.seen_single = false;
        self.brackets.clear();
        self.markers.clear();
        self.bullets.clear();

        // At most one terminator a landmark: one allocation rather than a doubling series.
        self.terminators.reserve(landmarks.len());
        let bytes = block.as_bytes();
        // Where the mark before ended: the second quote of "''" is not another mark.
        let mut resume = 0;
        for &at in landmarks {
            let i = at - offset;
            if i < resume {
                continue;
            }
            let b = bytes[i];
            let stop = STOPS[usize::from(b)];
            if stop & TERMINATOR != 0 {
                self.terminators.push(i);
            }
            if stop & MARK == 0 {
                continue;
            }
            if b == b'.' || b == b')' {
                self.try_marker(block, i);
            }
            if b == b'.' {
                continue;
            }
            let Some(c) = char_at(block, i) else {
                continue;
            };
            if is_bullet(c) && char_before(block, i).is_some_and(char::is_whitespace) {
                self.bullets.push(i);
            }
            resume = i + self.mark(block, i, c);
        }
        self.quote_pairs.sort_unstable_by_key(|p| p.open);
        self.bracket_pairs.sort_unstable_by_key(|p| p.open);
        self.find_forced(block);
    }

    /// Records a list marker ending with the "." or ")" at `i`, if there is one: up to five
    /// letters or digits back to the start of a word, after white space or a bullet.
    fn try_marker(&mut self, block: &str, i: usize) {
        let bytes = block.as_bytes();
        // Most periods end a word whose last two bytes are letters ("said."); a body of two or
        // more bytes must be digits or a Roman numeral (see `may_count`), so that is no marker.
        let roman_or_digit =
            |b: u8| matches!(b, b'0'..=b'9' | b'i' | b'v' | b'x' | b'I' | b'V' | b'X');
        if i >= 2 && bytes[i - 2].is_ascii_alphanumeric() && !roman_or_digit(bytes[i - 1]) {
            return;
        }
        let mut start = i;
        while start > 0 && bytes[start - 1].is_ascii_alphanumeric() && i - start <= 5 {
            start -= 1;
        }
        if start == i || (start > 0 && bytes[start - 1].is_ascii_alphanumeric()) {
            return;
        }
        // Most periods end a word that counts nothing ("said."): no need to look further.
        if !may_count(&bytes[start..i]) {
            return;
        }
        let pos = if bytes[i] == b')' && start > 0 && bytes[start - 1] == b'(' {
            start - 1
        } else {
            start
        };
        let before = char_before(block, pos);
        if !before.is_none_or(|c| c.is_whitespace() || is_bullet(c)) {
            return;
        }
        let mut back = pos;
        while let Some(c) = char_before(block, back).filter(|c| c.is_whitespace()) {
            back -= c.len_utf8();
        }
        let after_bullet = char_before(block, back).is_some_and(is_bullet);
        if let Some(marker) = Marker::parse(block, pos, after_bullet) {
            self.markers.push(marker);
        }
    }

    /// The quotation mark starting at `pos`, if any.
    pub fn quote_at(&self, pos: usize) -> Option<QuoteMark> {
        self.quotes
            .binary_search_by_key(&pos, |q| q.pos)
            .ok()
            .map(|k| self.quotes[k])
    }

    /// Records the mark at `i` (a quote or bracket); returns the bytes it takes.
    fn mark(&mut self, block: &str, i: usize, c: char) -> usize {
        let len = c.len_utf8();
        match c {
            '"' => self.straight(block, i, 1, Family::Double),
            '\'' if block[i + 1..].starts_with('\'') => self.straight(block, i, 2, Family::Double),
            '`' if block[i + 1..].starts_with('`') => {
                self.open(i, 2, Family::Double);
                2
            }
            '\'' | '`' => self.straight(block, i, 1, Family::Single),
            '“' | '„' | '«' | '「' | '『' => {
                self.open(i, len, Family::Double);
                len
            }
            '”' | '»' | '」' | '』' => {
                self.close(i, len, Family::Double);
                len
            }
            '‘' | '‚' => {
                self.open(i, len, Family::Single);
                len
            }
            '’' => {
                let prev = char_before(block, i);
                let next = char_at(block, i + len);
                // "’nineties" and "don’t" are apostrophes, not closing quotes.
                let elision = prev.is_none_or(char::is_whitespace);
                let inner = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphabetic);
                if !elision && !inner {
                    self.close(i, len, Family::Single);
                }
                len
            }
            '(' | '[' | '{' | '（' | '［' | '｛' => {
                if self.brackets.len() < MAX_DEPTH {
                    self.brackets.push((c, i));
                }
                len
            }
            ')' | ']' | '}' | '）' | '］' | '｝' => {
                let opener = match c {
                    ')' => '(',
                    ']' => '[',
                    '}' => '{',
                    '）' => '（',
                    '］' => '［',
                    _ => '｛',
                };
                if let Some(&(top, open)) = self.brackets.last() {
                    if top == opener {
                        self.brackets.pop();
                        if i - open <= MAX_BRACKET {
                            self.bracket_pairs.push(Pair { open, close: i });
                        }
                    }
                }
                len
            }
            _ => len,
        }
    }

    /// A straight quote of `len` bytes (`"`, `''`, `'` or `` ` ``): an apostrophe, an opening
    /// or a closing mark depending on its neighbours and on what is open.
    fn straight(&mut self, block: &str, i: usize, len: usize, family: Family) -> usize {
        let prev = char_before(block, i);
        let next = char_at(block, i + len);
        let open_left = prev.is_none_or(|c| c.is_whitespace() || is_opening_punct(c));
        let open_right = next.is_none_or(|c| c.is_whitespace() || is_closing_punct(c));
        if family == Family::Single && len == 1 {
            let inner =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            if inner || (open_left && is_elision(&block[i + 1..])) {
                return len;
            }
        }
        let flank = match (open_left, open_right) {
            (true, false) => Flank::Open,
            (false, true) => Flank::Close,
            _ => {
                // Set off by spaces ("itself '' .", "Wizards '' is"): what follows a closing
                // mark is lower case or punctuation; anything else is decided by what is open.
                let rest = block[i + len..].trim_start();
                let ellipsis = rest.starts_with("..") || rest.starts_with('…');
                let after = rest.chars().next();
                if !ellipsis && after.is_some_and(|c| c.is_lowercase() || is_closing_punct(c)) {
                    Flank::Close
                } else {
                    Flank::Either
                }
            }
        };
        let nothing_open = match family {
            Family::Double => self.double.is_empty(),
            Family::Single => self.single.is_empty(),
        };
        match flank {
            Flank::Open => self.open(i, len, family),
            Flank::Close => self.close(i, len, family),
            Flank::Either if nothing_open => self.open(i, len, family),
            Flank::Either => self.close(i, len, family),
        }
        len
    }

    fn open(&mut self, pos: usize, len: usize, family: Family) {
        let seen = match family {
            Family::Double => std::mem::replace(&mut self.seen_double, true),
            Family::Single => std::mem::replace(&mut self.seen_single, true),
        };
        let index = self.quotes.len();
        self.quotes.push(QuoteMark {
            pos,
            len,
            role: QuoteRole::Unclosed { first: !seen },
        });
        let stack = match family {
            Family::Double => &mut self.double,
            Family::Single => &mut self.single,
        };
        if stack.len() < MAX_DEPTH {
            stack.push(index);
        }
    }

    fn close(&mut self, pos: usize, len: usize, family: Family) {
        let stack = match family {
            Family::Double => {
                self.seen_double = true;
                &mut self.double
            }
            Family::Single => {
                self.seen_single = true;
                &mut self.single
            }
        };
        let role = match stack.pop() {
            Some(open) if pos - self.quotes[open].pos <= MAX_QUOTE => {
                self.quotes[open].role = QuoteRole::Open;
                self.quote_pairs.push(Pair {
                    open: self.quotes[open].pos,
                    close: pos,
                });
                QuoteRole::Close
            }
            _ => QuoteRole::StrayClose,
        };
        self.quotes.push(QuoteMark { pos, len, role });
    }

    /// List items in sequence ("1. … 2. …", "a) … b) … c) …") and bullets after a space start
    /// new sentences. A lone "1." or a pair followed by lower case ("for 1. above … 2. above")
    /// does not.
    fn find_forced(&mut self, block: &str) {
        let first = block.len() - block.trim_start().len();
        let mut forced: Vec<usize> = self
            .bullets
            .iter()
            .copied()
            .filter(|&b| b > first)
            .collect();
        if self.markers.len() >= 2 {
            let chains = chain_lengths(&self.markers);
            for (marker, &chain) in self.markers.iter().zip(&chains) {
                // "John A. Smith … Jane B. Smith" are initials, not a list of two.
                let initial_like = marker.capital_period;
                let listy = chain >= 3 || (chain == 2 && !marker.before_lower && !initial_like);
                if listy && marker.pos > first && !marker.after_bullet {
                    forced.push(marker.pos);
                }
            }
        }
        forced.sort_unstable();
        forced.dedup();
        self.forced = forced;
    }
}

/// What the scan of a block does at a landmark, as bits: `MARK` for bytes that may start a
/// quote, a bracket, a bullet or end a list marker (all multi-byte marks start with a byte from
/// 0xC0), `TERMINATOR` for those that may start a terminator or a dash (multi-byte ones start
/// with a byte from 0xE2). Every such byte is a landmark.
static STOPS: [u8; 256] = {
    let mut table = [0; 256];
    let marks = b"\"'`()[]{}.";
    let mut k = 0;
    while k < marks.len() {
        table[marks[k] as usize] = MARK;
        k += 1;
    }
    table[b'.' as usize] |= TERMINATOR;
    table[b'!' as usize] = TERMINATOR;
    table[b'?' as usize] = TERMINATOR;
    table[b'-' as usize] = TERMINATOR;
    let mut b = 0xC0;
    while b < 256 {
        table[b] = if b >= 0xE2 { MARK | TERMINATOR } else { MARK };
        b += 1;
    }
    table
};

const MARK: u8 = 1;
const TERMINATOR: u8 = 2;

/// A list marker such as "1.", "2)", "(c)", "iv.)" at the start of a word.
#[derive(Clone, Copy, Debug)]
pub struct Marker {
    pub pos: usize,
    /// Where the marker ends (after its "." or ")").
    pub end: usize,
    /// What it counts in two readings ("i" is a letter and a Roman numeral).
    keys: [Option<Key>; 2],
    before_lower: bool,
    after_bullet: bool,
    /// A capital letter with a period ("A."), which may as well be an initial.
    capital_period: bool,
}

/// What a marker counts: kind (0 number, 1 small letter, 2 Roman, 3 capital letter), style of
/// punctuation, value.
type Key = (u8, u8, u32);

impl Marker {
    /// Parses a marker at `pos`; it must be followed by white space and then more text.
    pub fn parse(block: &str, pos: usize, after_bullet: bool) -> Option<Marker> {
        let bytes = block.as_bytes();
        let mut i = pos;
        let paren = bytes.get(i) == Some(&b'(');
        if paren {
            i += 1;
        }
        let body_start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() && i - body_start < 5 {
            i += 1;
        }
        let body = &block[body_start..i];
        if !may_count(body.as_bytes()) {
            return None;
        }
        let style = if paren {
            if bytes.get(i) != Some(&b')') {
                return None;
            }
            i += 1;
            0
        } else if block[i..].starts_with(".)") {
            i += 2;
            1
        } else if bytes.get(i) == Some(&b'.') {
            i += 1;
            2
        } else if bytes.get(i) == Some(&b')') {
            i += 1;
            3
        } else {
            return None;
        };
        let end = i;
        let after = &block[end..];
        let rest = after.trim_start();
        if after.len() == rest.len() || rest.is_empty() {
            return None;
        }
        let keys = keys(body, style)?;
        let capital_period =
            style == 2 && body.len() == 1 && body.as_bytes()[0].is_ascii_uppercase();
        Some(Marker {
            pos,
            end,
            keys,
            before_lower: rest.starts_with(char::is_lowercase),
            after_bullet,
            capital_period,
        })
    }
}

fn keys(body: &str, style: u8) -> Option<[Option<Key>; 2]> {
    if body.is_empty() {
        return None;
    }
    if body.bytes().all(|b| b.is_ascii_digit()) {
        if body.len() > 2 {
            return None;
        }
        let n: u32 = body.parse().ok()?;
        return Some([Some((0, style, n)), None]);
    }
    if !body.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let roman = roman_value(body).map(|n| (2, style, n));
    if body.len() == 1 {
        let b = body.as_bytes()[0];
        // Upper and lower case letters count separately: "a. … b." is a list, "a. … B." not.
        let kind = if b.is_ascii_uppercase() { 3 } else { 1 };
        let letter = (kind, style, u32::from(b.to_ascii_lowercase() - b'a') + 1);
        return Some([Some(letter), roman]);
    }
    roman.map(|r| [Some(r), None])
}

/// Whether a marker body may count something (see [`keys`]): one or two digits, one letter,
/// or the letters of a Roman numeral. A cheap test that turns most words away.
fn may_count(body: &[u8]) -> bool {
    match body {
        [] => false,
        [b] => b.is_ascii_alphanumeric(),
        [_, _] if body.iter().all(u8::is_ascii_digit) => true,
        _ => body
            .iter()
            .all(|b| matches!(b, b'i' | b'v' | b'x' | b'I' | b'V' | b'X')),
    }
}

/// Value of a Roman numeral written with i, v, x only (1 to 39), all in one case.
fn roman_value(s: &str) -> Option<u32> {
    const MAX: usize = 6;
    let lower = s.bytes().all(|b| b.is_ascii_lowercase());
    let upper = s.bytes().all(|b| b.is_ascii_uppercase());
    if !(lower || upper) || s.len() > MAX {
        return None;
    }
    let digit = |b: u8| match b.to_ascii_lowercase() {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        _ => None,
    };
    let mut values = [0; MAX];
    for (v, b) in values.iter_mut().zip(s.bytes()) {
        *v = digit(b)?;
    }
    let values = &values[..s.len()];
    let mut total: i64 = 0;
    for (k, &v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|&next| next > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    let total = u32::try_from(total).ok()?;
    // Only canonical spellings: "iiii" or "vx" are not numerals.
    let mut canonical = [0u8; 16];
    let len = write_roman(total, &mut canonical)?;
    canonical[..len]
        .eq_ignore_ascii_case(s.as_bytes())
        .then_some(total)
}

/// Writes `n` in small Roman numerals to `out`; its length, or `None` if it does not fit.
fn write_roman(mut n: u32, out: &mut [u8]) -> Option<usize> {
    let mut len = 0;
    for (value, digits) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= value {
            out.get_mut(len..len + digits.len())?
                .copy_from_slice(digits.as_bytes());
            len += digits.len();
            n -= value;
        }
    }
    Some(len)
}

/// For each marker, the length of the longest run of consecutive values (same kind and style,
/// in text order) it belongs to.
fn chain_lengths(markers: &[Marker]) -> Vec<usize> {
    // Per (marker, reading): chain length ending here, and the predecessor it extends.
    let n = markers.len();
    let mut ending = vec![[0usize; 2]; n];
    let mut pred: Vec<[Option<(usize, usize)>; 2]> = vec![[None; 2]; n];
    let mut latest: HashMap<Key, (usize, usize)> = HashMap::new();
    for (m, marker) in markers.iter().enumerate() {
        for (r, key) in marker.keys.iter().enumerate() {
            let Some((kind, style, value)) = *key else {
                continue;
            };
            let before = latest.get(&(kind, style, value.wrapping_sub(1))).copied();
            ending[m][r] = before.map_or(1, |(pm, pr)| ending[pm][pr] + 1);
            pred[m][r] = before;
        }
        for (r, key) in marker.keys.iter().enumerate() {
            if let Some(key) = *key {
                latest.insert(key, (m, r));
            }
        }
    }
    // Spread each chain's full length back to its earlier members.
    let mut best = ending.clone();
    for m in (0..n).rev() {
        for r in 0..2 {
            if let Some((pm, pr)) = pred[m][r] {
                best[pm][pr] = best[pm][pr].max(best[m][r]);
            }
        }
    }
    best.iter().map(|b| b[0].max(b[1])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::landmarks::{is_landmark, Landmarks};

    fn scan(marks: &mut Marks, text: &str) {
        marks.scan(text, 0, Landmarks::find(text).offsets());
    }

    #[test]
    fn every_stop_is_a_landmark() {
        for b in 0..=255u8 {
            assert!(STOPS[usize::from(b)] == 0 || is_landmark(b), "{b:#x}");
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("Iv"), None);
        assert_eq!(roman_value("mix"), None);
        assert_eq!(roman_value("xxxviii"), None);
        assert_eq!(roman_value("xxxix"), Some(39));
        assert_eq!(roman_value("ix"), Some(9));
        assert_eq!(roman_value("vx"), None);
    }

    #[test]
    fn only_possible_counters_pass_the_quick_test() {
        for (body, want) in [
            ("1", true),
            ("12", true),
            ("123", false),
            ("a", true),
            ("B", true),
            ("iv", true),
            ("XIV", true),
            ("ab", false),
            ("said", false),
            ("1a", false),
            ("", false),
        ] {
            assert_eq!(may_count(body.as_bytes()), want, "{body}");
            if !want {
                assert!(keys(body, 2).is_none(), "{body}");
            }
        }
    }

    #[test]
    fn quotes_pair_and_apostrophes_do_not() {
        let mut marks = Marks::default();
        scan(
            &mut marks,
            "He said \"it's fine\" and 'they're' in the '80s.",
        );
        assert_eq!(marks.quote_pairs.len(), 2);
        scan(&mut marks, "“Go,” she said, ‘now’ — don’t wait.");
        assert_eq!(marks.quote_pairs.len(), 2);
    }

    #[test]
    fn list_markers_in_sequence_are_forced() {
        let mut marks = Marks::default();
        let text = "1. Wash it 2. Dry it 3. Fold it";
        scan(&mut marks, text);
        let starts: Vec<&str> = marks.forced.iter().map(|&p| &text[p..p + 2]).collect();
        assert_eq!(starts, ["2.", "3."]);
        scan(&mut marks, "Pay for 1. above and for 2. above.");
        assert!(marks.forced.is_empty());
    }
}
