//! Character classes and safe character access by byte offset.

/// The character starting at byte `i`, if `i` is inside `s` and on a character boundary.
pub fn char_at(s: &str, i: usize) -> Option<char> {
    match *s.as_bytes().get(i)? {
        // An ASCII byte is a character of its own.
        b if b.is_ascii() => Some(char::from(b)),
        _ => s.get(i..)?.chars().next(),
    }
}

/// The character ending at byte `i`, if `i` is on a character boundary.
pub fn char_before(s: &str, i: usize) -> Option<char> {
    let before = *s.as_bytes().get(i.checked_sub(1)?)?;
    if before.is_ascii() && s.is_char_boundary(i) {
        return Some(char::from(before));
    }
    s.get(..i)?.chars().next_back()
}

/// Marks that can end a sentence.
pub fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉') || is_wide_terminator(c)
}

/// Full-width and ideographic terminators, which need no space after them.
pub fn is_wide_terminator(c: char) -> bool {
    matches!(c, '。' | '．' | '！' | '？' | '｡')
}

/// List bullets that start a new item even in the middle of a line.
pub fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦' | '▪' | '▫' | '‣' | '⁃' | '●' | '■' | '□' | '►' | '▶'
    )
}

/// Punctuation after which a straight quote opens rather than closes.
pub fn is_opening_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '“' | '‘' | '«' | '—' | '–' | '-' | '/' | '（' | '［' | '「' | '『'
    ) || is_bullet(c)
}

/// Punctuation before which a straight quote closes rather than opens.
pub fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '”' | '’' | '»' | '…' | '—' | '–'
    ) || is_wide_terminator(c)
}

/// Closing brackets, which belong to the sentence that ends before them.
pub fn is_closing_bracket(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '）' | '］' | '｝' | '〉' | '》' | '】' | '〕'
    )
}

/// Opening brackets.
pub fn is_opening_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '（' | '［' | '｛' | '〈' | '《' | '【' | '〔'
    )
}

/// Any quotation mark, straight or curly.
pub fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '„'
            | '‚'
            | '«'
            | '»'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// Dashes, which may stand between a sentence end and the next sentence ("see? - Posted").
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―')
}

/// Text right after an apostrophe that makes it part of a word, not a quote: "'s", "'re",
/// "'tis", "'80s", "'em".
pub fn is_elision(after: &str) -> bool {
    let word: &str = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    const ELISIONS: &[&str] = &[
        "s", "re", "ll", "ve", "d", "m", "t", "em", "tis", "twas", "til", "cause", "n",
    ];
    ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_at_and_before_any_offset() {
        let s = "a.é—\u{1f600}\"z";
        for i in 0..=s.len() + 1 {
            assert_eq!(
                char_at(s, i),
                s.get(i..).and_then(|t| t.chars().next()),
                "{i}"
            );
            let before = s.get(..i).and_then(|t| t.chars().next_back());
            assert_eq!(char_before(s, i), before, "{i}");
        }
    }
}
