//! Landmarks: the offsets of the bytes the sentence splitter stops at. Most of a text is
//! letters, digits and spaces; the splitter only looks at line breaks, terminators, dashes,
//! quotes, brackets and characters outside ASCII. The tokenizer reads every byte anyway and
//! notes these on its way ([`tokenize_with_landmarks`](super::tokens::tokenize_with_landmarks)),
//! so that the splitter need not read the whole text again; [`Landmarks::find`] is the same
//! search on its own.

/// Whether byte `b` is a landmark: a line break (LF, VT, FF, CR), a terminator or dash
/// (`.` `!` `?` `-`), a quote or bracket, or the first byte of a character outside ASCII (every
/// multi-byte mark, NEL and the Unicode line separators start with one from 0xC0).
pub const fn is_landmark(b: u8) -> bool {
    matches!(
        b,
        b'\n'
            | 0x0B
            | 0x0C
            | b'\r'
            | b'.'
            | b'!'
            | b'?'
            | b'-'
            | b'"'
            | b'\''
            | b'`'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | 0xC0..=0xFF
    )
}

static LANDMARK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_landmark(b as u8);
        b += 1;
    }
    table
};

/// The landmarks of one text, ascending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Landmarks {
    offsets: Vec<usize>,
    /// The length of the text they were found in, to catch landmarks of another text.
    text_len: usize,
}

impl Landmarks {
    /// Reads `text` for its landmarks.
    pub fn find(text: &str) -> Landmarks {
        let mut landmarks = Landmarks::with_capacity(text.len());
        landmarks.find_from(text, 0);
        landmarks
    }

    /// An empty list with room for the landmarks of a typical text of `text_len` bytes (news
    /// text has about one in forty bytes).
    pub(super) fn with_capacity(text_len: usize) -> Landmarks {
        Landmarks {
            offsets: Vec::with_capacity(text_len / 32),
            text_len,
        }
    }

    /// Adds the landmarks of `text` from byte `start` on.
    pub(super) fn find_from(&mut self, text: &str, start: usize) {
        debug_assert_eq!(text.len(), self.text_len);
        let bytes = text.as_bytes();
        for (k, &b) in bytes[start..].iter().enumerate() {
            if LANDMARK[usize::from(b)] {
                self.offsets.push(start + k);
            }
        }
    }

    /// Records the landmark at `at`, after every landmark recorded so far.
    pub(super) fn push(&mut self, at: usize) {
        self.offsets.push(at);
    }

    pub fn offsets(&self) -> &[usize] {
        &self.offsets
    }

    /// Whether these are the landmarks of a text of `len` bytes.
    pub fn fit(&self, len: usize) -> bool {
        self.text_len == len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_breaks_marks_and_non_ascii_starts() {
        let text = "Plain words, 3 digits; then \"quoted.\"\n(Brackets) [x] {y} `z` it's \
                    well-known! Or? Zürich\u{2019}s \u{2028}";
        let found: Vec<char> = Landmarks::find(text)
            .offsets()
            .iter()
            .map(|&i| text[i..].chars().next().unwrap())
            .collect();
        let want: Vec<char> = "\".\"\n()[]{}``'-!?ü\u{2019}\u{2028}".chars().collect();
        assert_eq!(found, want);
    }

    #[test]
    fn no_continuation_byte_is_a_landmark() {
        assert!((0x80..0xC0).all(|b| !is_landmark(b)));
        assert!(!is_landmark(b' ') && !is_landmark(b',') && !is_landmark(b'a'));
    }
}
