//! Figures: numeric quantities normalised to numbers, with hedges and the counted noun.

use regex::Regex;

use crate::document::{Figure, Qualifier, Span};

/// Finds figures in text.
pub struct FigureParser {
    number: Regex,
}

impl Default for FigureParser {
    fn default() -> Self {
        Self::new()
    }
}

impl FigureParser {
    pub fn new() -> FigureParser {
        FigureParser {
            number: Regex::new(r"(?i)\b(?:(at least|over|more than|nearly|about|up to|fewer than|less than)\s+)?(\d[\d,]*(?:\.\d+)?)(?:\s+([a-z]+))?")
                .expect("figure regex compiles"),
        }
    }

    /// Figures in text order.
    pub fn find(&self, text: &str) -> Vec<Figure> {
        let mut figures = Vec::new();
        for caps in self.number.captures_iter(text) {
            let whole = caps.get(0).expect("match");
            let digits = caps.get(2).expect("number group").as_str();
            let Ok(value) = digits.replace(',', "").parse::<f64>() else {
                continue;
            };
            if !digits.contains(',') && digits.len() == 4 && (1800.0..2100.0).contains(&value) {
                continue; // a year
            }
            let qualifier = caps
                .get(1)
                .map(|q| match q.as_str().to_ascii_lowercase().as_str() {
                    "at least" => Qualifier::AtLeast,
                    "over" | "more than" => Qualifier::MoreThan,
                    "up to" => Qualifier::AtMost,
                    "fewer than" | "less than" => Qualifier::LessThan,
                    _ => Qualifier::About,
                });
            figures.push(Figure {
                span: Span::new(whole.start(), whole.end()),
                value: Some(value),
                low: None,
                high: None,
                qualifier,
                approximate: qualifier == Some(Qualifier::About),
                unit: caps.get(3).map(|u| u.as_str().to_string()),
                via: "figure:number".into(),
            });
        }
        figures
    }
}
