//! Internal links written by source path (`@/kb/billing/invoices.md`, `../billing/invoices.md#refunds`)
//! become the target page's URL; a link to a page that does not exist is an error.

use crate::diagnostics::{closest, Location};
use std::collections::HashMap;

/// Where internal links can point: source path inside `content/` → URL path.
pub struct LinkTargets<'a> {
    pub urls: &'a HashMap<String, String>,
    pub base_path: &'a str,
    /// The site's images, for sizes and copies; `None` leaves images as written.
    pub images: Option<&'a crate::images::SiteImages>,
}

/// A link to `#anchor` on a page, checked when all headings are known.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AnchorRef {
    /// The target's URL as written into the page; empty for an anchor on the same page.
    pub target_url: String,
    pub anchor: String,
    pub location: Location,
}

pub enum Resolved {
    /// Not an internal link (external URL, plain path, file): left as written.
    Unchanged,
    /// The new URL, and the anchor it names if any.
    Rewritten(String, Option<String>),
    /// `#anchor` on the same page.
    OwnAnchor(String),
}

/// A broken link: what is wrong, and what to do.
pub struct Broken(pub String, pub String);

/// Resolves one link (or, with `is_image`, image) destination found in the page `page_rel`.
///
/// Relative paths are read from the Markdown file's folder, as an editor previews them, and become
/// the published URL; a `.md` file or image that does not exist is an error.
pub fn resolve(url: &str, page_rel: &str, targets: &LinkTargets, is_image: bool) -> Result<Resolved, Broken> {
    if let Some(anchor) = url.strip_prefix('#') {
        return Ok(if anchor.is_empty() { Resolved::Unchanged } else { Resolved::OwnAnchor(anchor.to_string()) });
    }
    let (path, anchor) = match url.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor.to_string()).filter(|a| !a.is_empty())),
        None => (url, None),
    };
    let rooted = path.strip_prefix("@/");
    if rooted.is_none() && !is_relative_path(path) {
        return Ok(Resolved::Unchanged);
    }
    let must_exist = rooted.is_some() || is_image || path.ends_with(".md");
    let source_path = match rooted {
        Some(rooted) => normalize(rooted),
        None => {
            let dir = page_rel.rfind('/').map_or("", |i| &page_rel[..i]);
            normalize(&format!("{dir}/{path}"))
        }
    };
    let Some(source_path) = source_path else {
        if !must_exist {
            return Ok(Resolved::Unchanged);
        }
        return Err(Broken(
            format!("link `{url}` leads outside content/"),
            "internal links name a file inside content/, e.g. @/kb/billing/invoices.md".into(),
        ));
    };
    match targets.urls.get(&source_path) {
        Some(url_path) => {
            let mut resolved = format!("{}{url_path}", targets.base_path);
            if let Some(anchor) = &anchor {
                resolved.push('#');
                resolved.push_str(anchor);
            }
            Ok(Resolved::Rewritten(resolved, anchor))
        }
        None if !must_exist => Ok(Resolved::Unchanged),
        None => {
            let what = if is_image { "image" } else { "link" };
            let missing = if path.ends_with(".md") { "page" } else { "file" };
            let help = match closest(&source_path, targets.urls.keys().map(String::as_str)) {
                Some(best) => format!("did you mean @/{best}?"),
                None if missing == "file" => {
                    format!("put the file at content/{source_path}, or in static/ and write its path from the site root (/{})", file_name(&source_path))
                }
                None => "internal links name a Markdown file inside content/, e.g. @/kb/billing/invoices.md; drafts are left out unless --drafts".into(),
            };
            Err(Broken(format!("{what} `{url}` points to a missing {missing}: content/{source_path}"), help))
        }
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A path like `invoices.md`, `../billing/invoices.md` or `chart.png`: no scheme, not rooted, not empty.
fn is_relative_path(path: &str) -> bool {
    let has_scheme = path.split_once(':').is_some_and(|(scheme, _)| !scheme.contains('/'));
    !has_scheme && !path.is_empty() && !path.starts_with('/') && !path.starts_with('?')
}

/// Resolves `.` and `..`; `None` if the path climbs above `content/`.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> HashMap<String, String> {
        HashMap::from([
            ("kb/billing/invoices.md".to_string(), "/kb/billing/invoices/".to_string()),
            ("kb/_index.md".to_string(), "/kb/".to_string()),
            ("kb/setup/wiring.png".to_string(), "/kb/setup/wiring.png".to_string()),
        ])
    }

    fn run(url: &str) -> Result<String, String> {
        let urls = targets();
        let t = LinkTargets { urls: &urls, base_path: "/help", images: None };
        match resolve(url, "kb/setup/start.md", &t, url.ends_with(".png")) {
            Ok(Resolved::Unchanged) => Ok(format!("unchanged {url}")),
            Ok(Resolved::Rewritten(u, _)) => Ok(u),
            Ok(Resolved::OwnAnchor(a)) => Ok(format!("own #{a}")),
            Err(Broken(m, h)) => Err(format!("{m} / {h}")),
        }
    }

    #[test]
    fn rewrites_rooted_and_relative_links() {
        assert_eq!(run("@/kb/billing/invoices.md").unwrap(), "/help/kb/billing/invoices/");
        assert_eq!(run("../billing/invoices.md#refunds").unwrap(), "/help/kb/billing/invoices/#refunds");
        assert_eq!(run("@/kb/_index.md").unwrap(), "/help/kb/");
    }

    #[test]
    fn leaves_external_links_alone() {
        for url in ["https://example.com/a.md", "mailto:a@b.c", "/about/", "../billing/", "notes.txt"] {
            assert_eq!(run(url).unwrap(), format!("unchanged {url}"));
        }
        assert_eq!(run("#intro").unwrap(), "own #intro");
    }

    #[test]
    fn relative_files_become_published_urls_and_missing_images_are_errors() {
        assert_eq!(run("wiring.png").unwrap(), "/help/kb/setup/wiring.png");
        assert_eq!(run("./wiring.png").unwrap(), "/help/kb/setup/wiring.png");
        let err = run("wirring.png").unwrap_err();
        assert_eq!(
            err,
            "image `wirring.png` points to a missing file: content/kb/setup/wirring.png / did you mean @/kb/setup/wiring.png?"
        );
    }

    #[test]
    fn missing_target_suggests_closest() {
        let err = run("@/kb/billing/invoice.md").unwrap_err();
        assert_eq!(
            err,
            "link `@/kb/billing/invoice.md` points to a missing page: content/kb/billing/invoice.md / did you mean @/kb/billing/invoices.md?"
        );
        assert!(run("../../../etc/passwd.md").unwrap_err().contains("leads outside content/"));
    }
}
