//! The site-wide check that every link to a `#anchor` names a heading its target page has.

use super::Rendered;
use crate::diagnostics::Diagnostic;
use crate::site::{PerPage, Site};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Links to `#anchors` must name a heading the target page has. Only the pages some link points
/// into are looked at, so this stays cheap on large sites.
pub(super) fn check_anchors(
    site: &Site,
    pages: &PerPage<Arc<Rendered>>,
    sections: &[Option<Arc<Rendered>>],
) -> Vec<Diagnostic> {
    let own_urls = site.pages.iter().map(|p| &p.url_path).chain(site.sections.iter().map(|s| &s.url_path));
    let all_rendered: Vec<Option<&Rendered>> =
        pages.iter().map(|r| Some(&**r)).chain(sections.iter().map(|r| r.as_deref())).collect();
    let mut links = Vec::new();
    for (own_url, r) in own_urls.clone().zip(&all_rendered) {
        for anchor_ref in r.iter().flat_map(|r| &r.anchor_refs) {
            let target =
                if anchor_ref.target_url.is_empty() { site.url(own_url) } else { anchor_ref.target_url.clone() };
            links.push((target, anchor_ref));
        }
    }
    if links.is_empty() {
        return Vec::new();
    }
    let wanted: HashSet<&str> = links.iter().map(|(target, _)| target.as_str()).collect();
    let mut ids: HashMap<String, HashSet<&str>> = HashMap::new();
    for (url_path, r) in own_urls.zip(&all_rendered) {
        let url = site.url(url_path);
        if wanted.contains(url.as_str()) {
            ids.insert(url, r.iter().flat_map(|r| r.headings.iter().map(|h| h.id.as_str())).collect());
        }
    }
    let mut errors = Vec::new();
    for (target, anchor_ref) in &links {
        let Some(known) = ids.get(target) else { continue };
        if known.contains(anchor_ref.anchor.as_str()) {
            continue;
        }
        // With `slugs: transliterate`, a link written with the heading's own words names its Latin id.
        let spelled =
            comrak::Anchorizer::new().anchorize(&crate::site::anchor_text(&anchor_ref.anchor, site.config.slugs));
        let help = match crate::diagnostics::closest(&anchor_ref.anchor, known.iter().copied()) {
            _ if spelled != anchor_ref.anchor && known.contains(spelled.as_str()) => {
                format!("did you mean #{spelled}? (with `slugs: transliterate` anchors are spelled in Latin letters)")
            }
            Some(best) => format!("did you mean #{best}?"),
            None => "anchors are heading ids: lowercase, spaces as `-`, punctuation removed".to_string(),
        };
        let message = format!("link to `#{}`: no such heading on {target}", anchor_ref.anchor);
        errors.push(Diagnostic::new(anchor_ref.location.clone(), message).with_help(help));
    }
    errors
}
