//! Site search: the language analysis shared with related articles, and the JSON index the browser queries.
//! The index files under `search/` win over same-named static files, which would otherwise break
//! the search box.

mod files;
pub mod index;
mod json;
mod page_terms;
mod patch;
mod postings;
mod text;
mod vocabulary;
mod words;

pub use index::{build_search_index, ExtraPage, SearchCache};
