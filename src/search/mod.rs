//! Site search: the language analysis shared with related articles, and the JSON index the browser queries.

pub mod analysis;
