//! The word lists the splitter consults, embedded from `gazetteers/sentences/`.
//!
//! Each list gives its words one role; a word may have several ("ft" is a unit after a number
//! and a title before a name, "st" a title or a street). The splitter resolves them in context.

use crate::hash::FastMap;
use std::sync::LazyLock;

/// The roles a word can play before a period (or, for starters, after a boundary).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Roles(u16);

impl Roles {
    pub const NONE: Roles = Roles(0);
    /// Written before a name: "Dr.", "Sen.", "Mt.".
    pub const TITLE: Roles = Roles(1);
    /// Follows a street name: "St.", "Ave.".
    pub const STREET: Roles = Roles(1 << 1);
    /// Usually followed by a number: "No.", "p.", "Vol.", and month abbreviations.
    pub const BEFORE_NUMBER: Roles = Roles(1 << 2);
    /// A unit after a number: "ft.", "oz.".
    pub const UNIT: Roles = Roles(1 << 3);
    /// Never ends a sentence: "e.g.", "vs.".
    pub const MID_SENTENCE: Roles = Roles(1 << 4);
    /// Ends a sentence only before a sentence starter: "Inc.", "U.S.".
    pub const GENERAL: Roles = Roles(1 << 5);
    /// Like `GENERAL`, but only when capitalised: "Ind.", "Calif.".
    pub const REGION: Roles = Roles(1 << 6);
    /// Usually ends what it belongs to: "Ph.D.", "etc.".
    pub const FINAL: Roles = Roles(1 << 7);
    /// Clock times and eras: "a.m.", "B.C.".
    pub const TIME: Roles = Roles(1 << 8);
    /// Opens a fronted time phrase: "At", "On", "In".
    pub const FRONTING: Roles = Roles(1 << 9);
    /// Commonly starts a sentence: "The", "He", "However".
    pub const STARTER: Roles = Roles(1 << 10);
    /// A name spelled with "!": "Yahoo".
    pub const BANG_NAME: Roles = Roles(1 << 11);
    /// Goes on after a clock time: "EST", "Friday".
    pub const AFTER_TIME: Roles = Roles(1 << 12);

    pub fn has(self, role: Roles) -> bool {
        self.0 & role.0 != 0
    }

    /// Whether the word is an abbreviation of any kind (not just a starter or a time word).
    pub fn is_abbreviation(self) -> bool {
        const ANY: u16 = Roles::TITLE.0
            | Roles::STREET.0
            | Roles::BEFORE_NUMBER.0
            | Roles::UNIT.0
            | Roles::MID_SENTENCE.0
            | Roles::GENERAL.0
            | Roles::REGION.0
            | Roles::FINAL.0
            | Roles::TIME.0;
        self.0 & ANY != 0
    }

    pub fn without(self, role: Roles) -> Roles {
        Roles(self.0 & !role.0)
    }

    fn with(self, role: Roles) -> Roles {
        Roles(self.0 | role.0)
    }
}

/// One embedded list: file name (for tests and messages), contents, role.
pub(super) struct List {
    pub name: &'static str,
    pub text: &'static str,
    pub role: Roles,
}

macro_rules! list {
    ($name:literal, $role:expr) => {
        List {
            name: $name,
            text: include_str!(concat!("../../../gazetteers/sentences/", $name)),
            role: $role,
        }
    };
}

pub(super) const LISTS: &[List] = &[
    list!("titles.txt", Roles::TITLE),
    list!("streets.txt", Roles::STREET),
    list!("before_number.txt", Roles::BEFORE_NUMBER),
    list!("months.txt", Roles::BEFORE_NUMBER),
    list!("units.txt", Roles::UNIT),
    list!("mid_sentence.txt", Roles::MID_SENTENCE),
    list!("general.txt", Roles::GENERAL),
    list!("regions.txt", Roles::REGION),
    list!("final.txt", Roles::FINAL),
    list!("time.txt", Roles::TIME),
    list!("fronting.txt", Roles::FRONTING),
    list!("sentence_starters.txt", Roles::STARTER),
    list!("bang_names.txt", Roles::BANG_NAME),
    list!("after_time.txt", Roles::AFTER_TIME),
];

/// The entries of a list file: every line that is neither blank nor a `#` comment.
pub(super) fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

type Words = FastMap<Box<[u8]>, Roles>;

/// Lower-cased words (without their final period) and their roles.
#[derive(Debug)]
pub struct Lexicon {
    words: Words,
}

static EMBEDDED: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut words = Words::default();
    for list in LISTS {
        for word in entries(list.text) {
            debug_assert!(!word.ends_with('.'), "{}: {word} ends with '.'", list.name);
            let roles = words.entry(word.as_bytes().into()).or_default();
            *roles = roles.with(list.role);
        }
    }
    Lexicon { words }
});

impl Lexicon {
    /// The lists embedded in the binary, built once per process.
    pub fn embedded() -> &'static Lexicon {
        &EMBEDDED
    }

    /// Roles of `word`, compared case-insensitively ("’" counts as "'").
    pub fn roles(&self, word: &str) -> Roles {
        const MAX: usize = 24;
        if word.is_empty() || word.len() > 4 * MAX {
            return Roles::NONE;
        }
        if word.is_ascii() && word.len() <= MAX {
            let mut buf = [0u8; MAX];
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return self.get(lower);
        }
        let lower = word.to_lowercase().replace('’', "'");
        self.get(lower.as_bytes())
    }

    fn get(&self, lower: &[u8]) -> Roles {
        self.words.get(lower).copied().unwrap_or_default()
    }
}
