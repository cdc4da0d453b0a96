//! The words time expressions are built from: month and day names, number words, units,
//! seasons, fixed expressions and holidays from `gazetteers/times/`, plus the grammar words
//! the recogniser reasons about.

use std::collections::HashMap;

/// What one word can be in a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lex {
    Month(u32),
    Weekday(u32),
    /// A number word ("three", "a").
    Count(u32),
    Unit(Unit),
    Season(&'static str),
    /// "first" … "fourth": quarters and halves.
    Ordinal(u32),
    /// The first word of a fixed expression or a holiday (tried by phrase).
    Phrase,
    Key(Key),
}

/// A TIMEX3 duration unit; `Q` is a quarter year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Y,
    M,
    W,
    D,
    H,
    Min,
    S,
    Q,
    De,
    Ce,
}

impl Unit {
    /// The unit as a duration value writes it (`P3W`, `PT2H`).
    pub fn duration(self, n: &str) -> String {
        match self {
            Unit::H => format!("PT{n}H"),
            Unit::Min => format!("PT{n}M"),
            Unit::S => format!("PT{n}S"),
            Unit::Q => format!("P{n}Q"),
            Unit::De => format!("P{n}DE"),
            Unit::Ce => format!("P{n}CE"),
            Unit::Y => format!("P{n}Y"),
            Unit::M => format!("P{n}M"),
            Unit::W => format!("P{n}W"),
            Unit::D => format!("P{n}D"),
        }
    }
}

/// Grammar words: the recogniser's rules name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Last,
    Next,
    This,
    Past,
    Coming,
    Ago,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    The,
    Every,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Weekend,
    Morning,
    Afternoon,
    Evening,
    Night,
    Noon,
    Midnight,
    Of,
    Fiscal,
    Half,
    Latest,
    Current,
    /// "daily", "weekly", … (a set of the unit).
    Per(Unit),
    YearAgo,
}

const KEYS: &[(&str, Key)] = &[
    ("last", Key::Last),
    ("next", Key::Next),
    ("this", Key::This),
    ("past", Key::Past),
    ("previous", Key::Past),
    ("coming", Key::Coming),
    ("ago", Key::Ago),
    ("earlier", Key::Earlier),
    ("later", Key::Later),
    ("early", Key::Early),
    ("late", Key::Late),
    ("mid", Key::Mid),
    ("the", Key::The),
    ("every", Key::Every),
    ("each", Key::Every),
    ("today", Key::Today),
    ("yesterday", Key::Yesterday),
    ("tomorrow", Key::Tomorrow),
    ("tonight", Key::Tonight),
    ("weekend", Key::Weekend),
    ("morning", Key::Morning),
    ("afternoon", Key::Afternoon),
    ("evening", Key::Evening),
    ("night", Key::Night),
    ("noon", Key::Noon),
    ("midday", Key::Noon),
    ("midnight", Key::Midnight),
    ("of", Key::Of),
    ("fiscal", Key::Fiscal),
    ("half", Key::Half),
    ("latest", Key::Latest),
    ("current", Key::Current),
    ("daily", Key::Per(Unit::D)),
    ("weekly", Key::Per(Unit::W)),
    ("monthly", Key::Per(Unit::M)),
    ("annually", Key::Per(Unit::Y)),
    ("yearly", Key::Per(Unit::Y)),
    ("hourly", Key::Per(Unit::H)),
    ("year-ago", Key::YearAgo),
    ("year-earlier", Key::YearAgo),
];

const ORDINALS: &[(&str, u32)] = &[("first", 1), ("second", 2), ("third", 3), ("fourth", 4)];

/// A phrase from `fixed.tsv` or `holidays.tsv`: its words and value.
#[derive(Clone, Debug)]
pub struct Phrase {
    pub words: Vec<&'static str>,
    pub value: &'static str,
    /// A holiday's `MM-DD`, to be given a year; else a fixed value.
    pub holiday: bool,
}

/// Every word of the lexicon, found by its lower-case form.
pub struct TimeLexicon {
    words: HashMap<&'static str, Lex>,
    pub phrases: Vec<Phrase>,
    /// Bit per (length, first letter, last character): most words are rejected before hashing.
    filter: [[u32; 26]; 16],
}

fn pairs(data: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    data.lines().filter(|l| !l.starts_with('#')).map(|l| {
        l.split_once('\t')
            .expect("built-in time list rows are key<TAB>value")
    })
}

impl TimeLexicon {
    pub fn new() -> TimeLexicon {
        let mut words = HashMap::new();
        let number = |v: &str| v.parse::<u32>().expect("built-in time list numbers");
        for (w, v) in pairs(include_str!("../../../gazetteers/times/months.tsv")) {
            words.insert(w, Lex::Month(number(v)));
        }
        for (w, v) in pairs(include_str!("../../../gazetteers/times/weekdays.tsv")) {
            words.insert(w, Lex::Weekday(number(v)));
        }
        for (w, v) in pairs(include_str!("../../../gazetteers/times/numbers.tsv")) {
            words.insert(w, Lex::Count(number(v)));
        }
        for (w, v) in pairs(include_str!("../../../gazetteers/times/seasons.tsv")) {
            words.insert(w, Lex::Season(v));
        }
        for (w, v) in pairs(include_str!("../../../gazetteers/times/units.tsv")) {
            let unit = match v {
                "Y" => Unit::Y,
                "M" => Unit::M,
                "W" => Unit::W,
                "D" => Unit::D,
                "H" => Unit::H,
                "MIN" => Unit::Min,
                "S" => Unit::S,
                "Q" => Unit::Q,
                "DE" => Unit::De,
                "CE" => Unit::Ce,
                other => panic!("unknown time unit {other} in units.tsv"),
            };
            words.insert(w, Lex::Unit(unit));
        }
        for &(w, n) in ORDINALS {
            words.insert(w, Lex::Ordinal(n));
        }
        for &(w, k) in KEYS {
            words.insert(w, Lex::Key(k));
        }
        let mut phrases = Vec::new();
        let fixed = pairs(include_str!("../../../gazetteers/times/fixed.tsv")).map(|p| (p, false));
        let holidays =
            pairs(include_str!("../../../gazetteers/times/holidays.tsv")).map(|p| (p, true));
        for ((phrase, value), holiday) in fixed.chain(holidays) {
            let list: Vec<&'static str> = phrase.split(' ').collect();
            // A phrase's first word may also be a grammar word ("the"): phrases are tried first.
            words.entry(list[0]).or_insert(Lex::Phrase);
            phrases.push(Phrase {
                words: list,
                value,
                holiday,
            });
        }
        let mut filter = [[0u32; 26]; 16];
        for w in words.keys() {
            if let Some((len, first, bit)) = filter_bit(w.as_bytes()) {
                filter[len][first] |= bit;
            }
        }
        TimeLexicon {
            words,
            phrases,
            filter,
        }
    }

    /// What `word` is, matched without regard to case.
    pub fn get(&self, word: &str) -> Option<Lex> {
        let bytes = word.as_bytes();
        let (len, first, bit) = filter_bit(bytes)?;
        if self.filter[len][first] & bit == 0 {
            return None;
        }
        let mut buf = [0u8; 15];
        for (o, b) in buf.iter_mut().zip(bytes) {
            *o = b.to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(&buf[..bytes.len()]).ok()?;
        self.words.get(lower).copied()
    }
}

fn filter_bit(bytes: &[u8]) -> Option<(usize, usize, u32)> {
    let first = bytes.first()?.to_ascii_lowercase();
    let last = bytes.last()?.to_ascii_lowercase();
    // Letters a-z take bits 0-25; any other last character ('.', digits) bit 26.
    let bit = if last.is_ascii_lowercase() {
        1u32 << (last - b'a')
    } else {
        1 << 26
    };
    (bytes.len() < 16 && first.is_ascii_lowercase())
        .then(|| (bytes.len(), usize::from(first - b'a'), bit))
}
