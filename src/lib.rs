//! claimex reads news articles and finds who and what they mention (people, groups, places),
//! the figures they give, and who claims what.
//!
//! ```
//! let extractor = claimex::Extractor::new(&claimex::Config::default()).unwrap();
//! let text = "According to the United Nations, at least 250 people fled.";
//! let doc = extractor.extract(text);
//! assert_eq!(doc.figures[0].value, Some(250.0));
//! ```
//!
//! The modules follow the data flow: [`input`] → [`text`] → [`gazetteer`] and [`patterns`] →
//! [`resolve`] → [`attribute`] → [`output`], sharing the types of [`document`].
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod attribute;
pub mod batch;
pub mod check;
pub mod document;
pub mod error;
pub mod extractor;
pub mod gazetteer;
pub mod hash;
pub mod input;
pub mod output;
pub mod patterns;
pub mod resolve;
pub mod text;

pub use document::Document;
pub use error::{Error, Result};
pub use extractor::{ClaimFilter, Config, Extractor};
pub use patterns::times::Ymd;
