//! CORS for the help widget: a product page on another origin fetches each language's
//! `help/context.json`, the search index and the search client's modules, so the host must answer
//! those with `Access-Control-Allow-Origin` for `help_widget.allowed_origins`. Only those files get
//! it; the pages themselves stay same-origin. Each host says it in its own syntax
//! (`host_formats`); this module decides what to say.

use crate::site::Site;

/// The widget's files and the origins that may read them.
pub(super) struct CorsPlan {
    /// Host path patterns with a trailing `*` for a folder: `/help/search/*`, `/help/en/help/context.json`.
    pub paths: Vec<String>,
    /// Origins, or `*` alone.
    pub origins: Vec<String>,
}

impl CorsPlan {
    /// The one value a host that cannot choose per request sends: the only origin, or `*` for several.
    pub fn single_value(&self) -> &str {
        match self.origins.as_slice() {
            [one] => one,
            _ => "*",
        }
    }

    /// Whether a host that cannot choose per request has to fall back to `*`.
    pub fn needs_wildcard(&self) -> bool {
        self.origins.len() > 1
    }
}

/// The plan, when site.yaml has `help_widget:` with `allowed_origins:`.
pub(super) fn cors_plan(site: &Site) -> Option<CorsPlan> {
    let widget = site.config.help_widget.as_ref()?;
    if widget.allowed_origins.is_empty() {
        return None;
    }
    let origin =
        |url: &str| url.split_once("://").map_or(0, |(s, rest)| s.len() + 3 + rest.find('/').unwrap_or(rest.len()));
    let own_path = |url: &str| url[origin(url)..].trim_end_matches('/').to_string();
    let mut language_bases: Vec<String> = site.languages.bases().iter().map(|(_, url)| own_path(url)).collect();
    if language_bases.is_empty() {
        language_bases.push(site.config.base_path.clone());
    }
    // The search client's modules are published once, with the theme's files.
    let assets = site.config.view.asset_path.clone();
    let mut paths = vec![format!("{assets}/search/*"), format!("{assets}/{}", super::help_context::CONTEXT_FILE)];
    for base in language_bases {
        paths.push(format!("{base}/search/*"));
        paths.push(format!("{base}/{}", super::help_context::CONTEXT_FILE));
    }
    paths.sort();
    paths.dedup();
    let paths = paths.iter().map(|p| super::host_files::encode_path(p)).collect();
    Some(CorsPlan { paths, origins: widget.allowed_origins.clone() })
}
