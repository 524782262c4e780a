//! The host files of a multilingual site. Hosts read `_redirects`, `vercel.json` and the rest only
//! at the root of what they serve, so one set is written there for all languages: every
//! language's aliases (each under its prefix), and each language's 404 page for missing addresses
//! under its prefix where the host can say so. The languages' own builds write none.

use super::aliases::site_aliases;
use super::host_files::{host_files, host_plan, plan_warnings, HostPlan, NotFoundPage};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::render::Theme;
use crate::site::Site;

/// Files by output path, with their bytes.
pub type NamedFiles = Vec<(String, Vec<u8>)>;

/// The root host files for `sites` (the default language first) and the warnings about them;
/// nothing without `host:`. `own_file` says whether the site's `static/` has a file of that name,
/// which wins. A language whose aliases are in error is left out: its own build reports them.
pub fn render_language_host_files(
    sites: &[Site],
    config: &Config,
    theme: &Theme,
    own_file: impl Fn(&str) -> bool,
) -> (NamedFiles, Vec<Diagnostic>) {
    let Some(host) = config.host else { return (Vec::new(), Vec::new()) };
    let Some(plan) = joined_plan(sites, config, theme) else { return (Vec::new(), Vec::new()) };
    let warnings = plan_warnings(&plan, host, &config.root, own_file("routing-rules.json"));
    let files = host_files(&plan, host).into_iter().filter(|(path, _)| !own_file(path)).collect();
    (files, warnings)
}

/// One plan for all languages: the root's headers and base path, every language's redirects, and
/// the 404 page of each language under a prefix.
fn joined_plan(sites: &[Site], config: &Config, theme: &Theme) -> Option<HostPlan> {
    let mut plans = sites.iter().map(|site| {
        let aliases = site_aliases(site).unwrap_or_default();
        (site.config.view.prefix.trim_matches('/').to_string(), host_plan(site, theme, &aliases))
    });
    let (_, mut joined) = plans.next()?;
    let base = config.base_path.clone();
    let default_prefix = sites[0].config.view.prefix.trim_matches('/');
    // Paths the S3 rules must not catch are relative to the root, not to one language.
    joined.published = within(default_prefix, std::mem::take(&mut joined.published));
    joined.published.extend(theme.static_files.keys().cloned());
    for (prefix, plan) in plans {
        joined.redirects.extend(plan.redirects);
        joined.published.extend(within(&prefix, plan.published));
    }
    joined.redirects.sort_by(|a, b| a.from.cmp(&b.from));
    joined.not_found = sites
        .iter()
        .map(|site| site.config.view.prefix.trim_matches('/'))
        .filter(|prefix| !prefix.is_empty())
        .map(|prefix| NotFoundPage { prefix: format!("{base}/{prefix}/"), page: format!("{base}/{prefix}/404.html") })
        .collect();
    joined.base = base;
    Some(joined)
}

/// Output paths of one language, relative to the root.
fn within(prefix: &str, paths: Vec<String>) -> Vec<String> {
    if prefix.is_empty() {
        return paths;
    }
    paths.into_iter().map(|path| format!("{prefix}/{path}")).collect()
}
