//! "Didn't find what you need? Tell us": the short form on list pages (home, folders, KB
//! categories, taxonomies and their terms, products, search). It goes by the same transport as the
//! page widget and sends the same payload, but as a vote-less request (`type: not_found`, see
//! `export::NOT_FOUND`), which the sinks record and `folio feedback report` counts apart from
//! votes; `page_id` names the list (`kb/billing`, `home`, `tags/billing`, `search`).

use crate::config::Config;
use crate::site::{Section, Site};
use serde::Serialize;

/// What a list page's form names: the list, its address and title.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct ListFeedback {
    pub page_id: String,
    pub permalink: String,
    pub title: String,
}

/// Whether a list shows the form: never without a transport; else its `_index.md` front matter,
/// then `feedback.sections` under `key` (the top folder, the taxonomy's name or `search`), else yes.
pub fn shows_list_feedback(config: &Config, key: &str, front: Option<bool>) -> bool {
    let Some(feedback) = config.feedback.as_ref().filter(|f| f.transport.is_some()) else { return false };
    front.or_else(|| feedback.sections.get(key).copied()).unwrap_or(true)
}

/// The form for section `section` (the home page is `home`), when it shows one.
pub fn for_section(site: &Site, section: &Section, permalink: String) -> Option<ListFeedback> {
    let front = section.index.as_ref().and_then(|s| s.parsed.front.feedback);
    let top = section.dir.split('/').next().unwrap_or("");
    shows_list_feedback(&site.config, top, front).then(|| ListFeedback {
        page_id: if section.dir.is_empty() { "home".into() } else { section.dir.clone() },
        permalink,
        title: section.title.clone(),
    })
}

/// The form for a generated list at `url_path` (a taxonomy, one of its terms, the search page),
/// switched by `feedback.sections` under `key`.
pub fn for_generated(site: &Site, key: &str, url_path: &str, title: &str) -> Option<ListFeedback> {
    shows_list_feedback(&site.config, key, None).then(|| ListFeedback {
        page_id: url_path.trim_matches('/').to_string(),
        permalink: site.permalink(url_path),
        title: title.to_string(),
    })
}

/// The `feedback.sections` keys that switch generated lists: each taxonomy's name, and `search`.
pub fn generated_keys(site: &Site) -> impl Iterator<Item = &str> {
    site.taxonomies.iter().map(|t| t.name.as_str()).chain(std::iter::once("search"))
}
