//! Pattern matchers: figures, time expressions, and names recognised by their shape rather than a list.

pub mod figures;
pub mod names;
pub mod surnames;
pub mod times;
