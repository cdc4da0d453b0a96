//! Where a figure may start: a digit, a whole word from the anchor list ("seven", "dozens",
//! "half", any case), or a vulgar fraction ("½").
//!
//! One pass over the bytes, word by word. It replaced an Aho-Corasick automaton plus a
//! separate digit scan (a third of the figure parser's cost, issue 6): the automaton also
//! reported words inside words ("one" in "someone") that were then thrown away, while here a
//! run of ASCII letters is looked up only when its length and first letter can be an anchor's.
//! The anchors found are the same (a test compares with the automaton).

use super::scan::Set;

/// The anchor words and fractions, ready for scanning.
pub(super) struct Anchors {
    /// Lower-case ASCII anchor words, as bytes so that a lookup needs no UTF-8 check.
    words: Set<Box<[u8]>>,
    /// Bit `z` of `shapes[n][a]`: some anchor word has `n` letters, starts with letter `a` and
    /// ends with letter `z` (see [`letter`]). Nineteen words in twenty fail this test, unhashed.
    shapes: [[u32; 32]; MAX_WORD + 1],
    fractions: Set<char>,
}

/// The longest anchor word we index; longer ones are rejected when built.
const MAX_WORD: usize = 24;

/// What a byte is to the scanner: one table load per byte keeps the loop short.
const OTHER: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
/// The first byte of a multi-byte UTF-8 character (0x80..0xC0 only continue one).
const MULTIBYTE: u8 = 3;

static CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            0xC0.. => MULTIBYTE,
            _ => OTHER,
        };
        b += 1;
    }
    table
};

impl Anchors {
    /// `words` must be ASCII letters only; `fractions` are single non-ASCII characters.
    pub fn new<'w>(
        words: impl IntoIterator<Item = &'w str>,
        fractions: impl IntoIterator<Item = char>,
    ) -> Anchors {
        let mut anchors = Anchors {
            words: Set::default(),
            shapes: [[0; 32]; MAX_WORD + 1],
            fractions: fractions.into_iter().collect(),
        };
        for word in words {
            let lower = word.to_ascii_lowercase().into_bytes();
            assert!(
                !lower.is_empty()
                    && lower.len() <= MAX_WORD
                    && lower.iter().all(u8::is_ascii_lowercase),
                "anchor word {word:?} must be 1 to {MAX_WORD} ASCII letters"
            );
            let (first, last) = (lower[0], lower[lower.len() - 1]);
            anchors.shapes[lower.len()][letter(first)] |= 1 << letter(last);
            anchors.words.insert(lower.into_boxed_slice());
        }
        assert!(
            anchors.fractions.iter().all(|c| !c.is_ascii()),
            "fractions are non-ASCII characters"
        );
        anchors
    }

    /// The first anchor starting at or after `pos` (a char boundary), as a byte range: a
    /// single digit (the caller reads the number), a whole word, or a fraction character. A
    /// word is whole when no ASCII letter touches it on either side; a run of letters that
    /// began before `pos` is never an anchor.
    // Not inlined: in the caller's frame the scan's state was spilled to the stack.
    #[inline(never)]
    pub fn next(&self, text: &str, pos: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        // Skip the rest of a run of letters that began before `pos`.
        let mut i = pos;
        if pos > 0 && bytes.get(pos - 1).is_some_and(u8::is_ascii_alphabetic) {
            i += letters_at(bytes, i);
        }
        while let Some(&b) = bytes.get(i) {
            match CLASS[usize::from(b)] {
                DIGIT => return Some((i, i + 1)),
                LETTER => {
                    // A run of letters after a non-letter: a whole word where it ends.
                    let start = i;
                    i += letters_at(bytes, i);
                    if self.is_word(&bytes[start..i]) {
                        return Some((start, i));
                    }
                    // Most words end at a space, which starts nothing: step over it here.
                    if bytes.get(i) == Some(&b' ') {
                        i += 1;
                    }
                }
                MULTIBYTE => {
                    let c = text[i..].chars().next()?;
                    if self.fractions.contains(&c) {
                        return Some((i, i + c.len_utf8()));
                    }
                    i += c.len_utf8();
                }
                _ => i += 1,
            }
        }
        None
    }

    /// Whether `word`, a run of ASCII letters, is an anchor word.
    #[inline(always)]
    fn is_word(&self, word: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
            return false;
        };
        let shape = self.shapes.get(word.len()).map_or(0, |s| s[letter(first)]);
        shape & (1 << letter(last)) != 0 && self.is_listed(word)
    }

    /// Whether `word`, of a shape some anchor word has, is one.
    #[inline(never)]
    fn is_listed(&self, word: &[u8]) -> bool {
        let mut buf = [0u8; MAX_WORD];
        let lower = &mut buf[..word.len()];
        for (l, b) in lower.iter_mut().zip(word) {
            *l = b.to_ascii_lowercase();
        }
        self.words.contains(&*lower)
    }
}

/// An ASCII letter's place in the alphabet from 1, either case: its low five bits.
fn letter(b: u8) -> usize {
    usize::from(b & 0x1F)
}

/// The number of ASCII letters from `i` on, eight bytes a step: words are short, and a byte
/// loop here cost more than the rest of the scan.
fn letters_at(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let start = i;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Per byte, in bit 7: folded to lower case (bit 5 set), at least `a`, not past `z`,
        // and ASCII. Seven-bit sums cannot carry into the next byte.
        let folded = (word | (ONES * 0x20)) & !HIGHS;
        let at_least_a = folded + ONES * (0x80 - 0x61);
        let past_z = folded + ONES * (0x80 - 0x7B);
        let letters = at_least_a & !past_z & !word & HIGHS;
        let others = !letters & HIGHS;
        if others != 0 {
            return i - start + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i - start
        + bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};

    /// The anchors as the parser used to find them: an ASCII-case-insensitive, leftmost-longest
    /// automaton whose letter matches count only as whole words, plus every digit.
    fn reference(words: &[&str], fractions: &[char], text: &str) -> Vec<(usize, usize)> {
        let mut patterns: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        patterns.extend(fractions.iter().map(char::to_string));
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap();
        let bytes = text.as_bytes();
        let mut found: Vec<(usize, usize)> = automaton
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .filter(|&(s, e)| {
                !bytes[s].is_ascii_alphabetic()
                    || !(s > 0 && bytes[s - 1].is_ascii_alphabetic()
                        || bytes.get(e).is_some_and(u8::is_ascii_alphabetic))
            })
            .collect();
        found.extend(
            (0..bytes.len())
                .filter(|&i| bytes[i].is_ascii_digit())
                .map(|i| (i, i + 1)),
        );
        found.sort();
        found
    }

    #[test]
    fn letter_runs_are_counted_across_chunks() {
        let text = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ 09\u{7f}é£x";
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let naive = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            assert_eq!(letters_at(bytes, i), naive, "from {i}");
        }
        for b in 0..=255u8 {
            let mut chunk = [b'a'; 9];
            chunk[4] = b;
            let want = if b.is_ascii_alphabetic() { 9 } else { 4 };
            assert_eq!(letters_at(&chunk, 0), want, "byte {b:#x}");
        }
    }

    #[test]
    fn anchors_match_the_automaton_from_every_position() {
        let words = [
            "one",
            "ten",
            "tens",
            "half",
            "a",
            "dozens",
            "seventeen",
            "seven",
        ];
        let fractions = ['½', '⅓'];
        let anchors = Anchors::new(words, fractions);
        let texts = [
            "",
            "one",
            "Someone often sent ten, TENS or Tens; half-a-dozen dozens.",
            "A 7-seven, seventeens 17½ ½one one½ ⅓ é ten€ten 1,000,000 x1y2",
            "no anchors at all here",
            "tenten oneone aone one1 1one SEVENTEEN",
            "“Ten” – he said ‘½’.",
        ];
        for text in texts {
            let want = reference(&words, &fractions, text);
            for pos in 0..=text.len() {
                if !text.is_char_boundary(pos) {
                    continue;
                }
                let expected = want.iter().find(|&&(s, _)| s >= pos).copied();
                assert_eq!(anchors.next(text, pos), expected, "{text:?} from {pos}");
            }
        }
    }
}
