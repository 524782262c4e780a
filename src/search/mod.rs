//! Site search: the language analysis shared with related articles, and the JSON index the browser queries.

pub mod analysis;
pub mod index;
mod postings;
mod text;

use crate::markdown::SiteMarkdown;
use crate::output::{FileSource, Output};
use crate::site::Site;

/// Adds the search index files under `search/` to `output`. They win over same-named static files, which
/// would otherwise break the search box.
pub fn add_search_index(output: &mut Output, site: &Site, markdown: &SiteMarkdown, cache: &mut index::SearchCache) {
    for (path, bytes) in index::build_search_index(site, markdown, cache) {
        output.files.insert(path, FileSource::Bytes(bytes.into()));
    }
}
