//! HTML views of claimex output: an article's review page (`--format html`), the index of a
//! folder of pages, and the report over a corpus's JSON Lines (`claimex report`). Static
//! pages: inline style sheet and script, no network.

mod article;
pub mod escape;
mod index;
mod page;
mod panel;
pub mod report;
mod shell;
mod sweep;
mod table;

pub use index::write_index;
pub use page::write_page;
pub use report::Corpus;
pub use table::{href, DocRow};

/// The pages' style sheet and script, kept as files so that they read as CSS and JavaScript.
const STYLE: &str = include_str!("assets/page.css");
const SCRIPT: &str = include_str!("assets/page.js");
/// The report's and index's style sheet.
const REPORT_STYLE: &str = include_str!("assets/report.css");
