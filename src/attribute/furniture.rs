//! Web page furniture: lines such as "Story continues below advertisement", "READ MORE: …",
//! "Related:", "ENERGY:" or a photo credit "Jane Doe/Reuters" are no one's statement. No rule
//! attributes from them and their figures are no claims of the writer (issue 13). The phrases
//! are data: `gazetteers/attribution/furniture.tsv`.

use crate::document::Span;

const FURNITURE: &str = include_str!("../../gazetteers/attribution/furniture.tsv");

/// Where on a line a furniture phrase stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// The line starts with the phrase.
    Start,
    /// The line is the phrase, or starts with it and a colon.
    Header,
    /// The line ends with the phrase.
    End,
}

/// The furniture phrases, lower case.
#[derive(Clone, Debug)]
pub struct FurnitureList {
    phrases: Vec<(Box<str>, Place)>,
}

impl FurnitureList {
    /// The embedded list. It is static, so a malformed row is a build bug the tests catch.
    pub fn embedded() -> FurnitureList {
        let phrases = FURNITURE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (phrase, place) = l.split_once('\t').expect("furniture.tsv: two columns");
                let place = match place.trim() {
                    "start" => Place::Start,
                    "header" => Place::Header,
                    "end" => Place::End,
                    other => panic!("furniture.tsv: unknown place {other:?}"),
                };
                (phrase.into(), place)
            })
            .collect();
        FurnitureList { phrases }
    }

    /// True when `line` (one line of text, without its line break) is furniture.
    pub fn is_furniture(&self, line: &str) -> bool {
        let line = line.trim();
        // Furniture is short: a long line is a paragraph of the article.
        if line.is_empty() || line.len() > 200 {
            return false;
        }
        let lower = line.to_lowercase();
        let lower = lower.trim_end_matches(['.', ')']);
        self.phrases.iter().any(|(phrase, place)| match place {
            Place::Start => lower.starts_with(&**phrase) && word_ends(lower, phrase.len()),
            Place::Header => {
                lower
                    .strip_prefix(&**phrase)
                    .is_some_and(|rest| rest.is_empty() || rest.trim_start().starts_with(':'))
                    && word_ends(lower, phrase.len())
            }
            Place::End => lower.ends_with(&**phrase),
        })
    }

    /// Byte spans of the furniture lines of `text`, given where its lines start.
    pub fn lines(&self, text: &str, line_starts: &[usize]) -> Vec<Span> {
        let mut found = Vec::new();
        for (k, &start) in line_starts.iter().enumerate() {
            let end = line_starts.get(k + 1).map_or(text.len(), |&next| next - 1);
            if self.is_furniture(&text[start..end]) {
                found.push(Span::new(start, end));
            }
        }
        found
    }
}

/// True when byte `at` of `s` is no letter or digit: a phrase ends on a word boundary.
fn word_ends(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_furniture_lines() {
        let list = FurnitureList::embedded();
        let furniture = [
            "Story continues below advertisement",
            "READ MORE: Council delays the vote on the new bridge",
            "Related: What the budget means for you",
            "Related",
            "ENERGY: Oil prices fell 2 percent on Tuesday.",
            "Photo: Jane Doe/Reuters",
            "A protester holds a sign outside the court. Jane Doe/Reuters",
            "Share this article",
            "Subscribe to our morning newsletter",
            "Sign up for the daily briefing",
            "Advertisement",
        ];
        for line in furniture {
            assert!(list.is_furniture(line), "{line}");
        }
        let article = [
            "Related talks will follow next week, the minister said.",
            "Energy prices rose by 4 percent, the regulator said.",
            "The photo was taken in May, she said.",
            "WALLACE: If I may, sir, what would you do?",
            "Markets: a guide to the week ahead shows",
            "Stocksbridge residents said the plan was unfair.",
            "",
        ];
        for line in article {
            let is = list.is_furniture(line);
            // "Markets: a guide …" is a header line, and furniture.
            assert_eq!(is, line.starts_with("Markets"), "{line}");
        }
    }

    #[test]
    fn list_is_sorted_and_deduplicated() {
        let rows: Vec<&str> = FURNITURE
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut sorted = rows.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(rows, sorted);
        for row in rows {
            assert_eq!(row, row.to_lowercase(), "{row}");
        }
    }
}
