//! Addresses inside imported text: links to other imported posts become internal links (checked
//! by every build), files under `wp-content/uploads/` are copied in from `--uploads DIR` when given,
//! and everything still served by the old site is listed.

use super::urls::{percent_decode_lossy, split_url};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

const UPLOADS: &str = "/wp-content/uploads/";

/// What links and images point at, and what the import must copy.
pub struct LinkMap {
    /// The old site's address, when known.
    old_site: Option<String>,
    /// Old path (decoded, without trailing slash) → content file (`blog/2020-05-01-x.md`).
    by_path: HashMap<String, String>,
    /// Old post id → content file.
    by_id: HashMap<String, String>,
    uploads: Option<PathBuf>,
    /// Site path (`/wp-content/uploads/a.jpg`) → the file to copy there.
    pub copies: BTreeMap<String, PathBuf>,
    pub missing: BTreeSet<String>,
    pub remote: BTreeSet<String>,
}

impl LinkMap {
    pub fn new(old_site: Option<&str>, uploads: Option<&Path>) -> LinkMap {
        LinkMap {
            old_site: old_site.map(str::to_string),
            by_path: HashMap::new(),
            by_id: HashMap::new(),
            uploads: uploads.map(Path::to_path_buf),
            copies: BTreeMap::new(),
            missing: BTreeSet::new(),
            remote: BTreeSet::new(),
        }
    }

    /// Records where a published post or page now lives, under its old address and id.
    pub fn add_target(&mut self, old_url: &str, id: Option<&str>, content_rel: &str) {
        if let Some(path) = self.old_path(old_url) {
            self.by_path.insert(normalize(&percent_decode_lossy(&path)), content_rel.to_string());
        }
        if let Some(id) = id {
            self.by_id.insert(id.to_string(), content_rel.to_string());
        }
    }

    /// The new address for a link or image in imported text, or `None` to keep it.
    /// Image sources are returned as site paths (`/wp-content/…`), without the site's base path.
    pub fn rewrite(&mut self, url: &str, is_image: bool) -> Option<String> {
        let Some(path) = self.old_path(url) else {
            if is_image && (url.starts_with("http://") || url.starts_with("https://")) {
                self.remote.insert(url.to_string());
            }
            return None;
        };
        if let Some(upload) = path.find(UPLOADS).map(|i| &path[i + UPLOADS.len()..]) {
            return self.upload(url, upload);
        }
        if is_image {
            self.remote.insert(url.to_string());
            return None;
        }
        let fragment = url.split_once('#').map(|(_, f)| format!("#{f}")).unwrap_or_default();
        let query_id = url.split_once('?').and_then(|(_, q)| {
            q.split(['&', '#']).find_map(|pair| pair.strip_prefix("p=").or_else(|| pair.strip_prefix("page_id=")))
        });
        let target = match query_id {
            Some(id) => self.by_id.get(id),
            None => self.by_path.get(&normalize(&percent_decode_lossy(&path))),
        };
        target.map(|rel| format!("@/{rel}{fragment}"))
    }

    /// The path of `url` on the old site, or `None` for another site (or a link inside the page).
    fn old_path(&self, url: &str) -> Option<String> {
        if url.starts_with('/') && !url.starts_with("//") {
            return Some(url.split(['?', '#']).next().unwrap_or(url).to_string());
        }
        let url = if url.starts_with("//") { format!("https:{url}") } else { url.to_string() };
        let (origin, path) = split_url(&url)?;
        let (site_origin, site_path) = split_url(self.old_site.as_deref()?)?;
        if host(origin) != host(site_origin) {
            return None;
        }
        let site_path = site_path.trim_end_matches('/');
        Some(path.strip_prefix(site_path).filter(|r| r.starts_with('/')).unwrap_or(path).to_string())
    }

    /// A file under the uploads folder: copied in when it is there, listed when not.
    fn upload(&mut self, url: &str, rel_encoded: &str) -> Option<String> {
        let Some(dir) = &self.uploads else {
            self.remote.insert(url.to_string());
            return None;
        };
        let rel = percent_decode_lossy(rel_encoded);
        let safe = Path::new(&rel).components().all(|c| matches!(c, Component::Normal(_)));
        let file = dir.join(&rel);
        if !safe || !file.is_file() {
            self.missing.insert(url.to_string());
            return None;
        }
        let site_path = format!("{UPLOADS}{rel_encoded}");
        self.copies.insert(format!("{}{rel}", &UPLOADS[1..]), file);
        Some(site_path)
    }
}

/// `/a/b/` and `/a/b` are one address.
fn normalize(path: &str) -> String {
    path.trim_end_matches('/').to_string()
}

fn host(origin: &str) -> String {
    let host = origin.split_once("://").map_or(origin, |(_, h)| h).to_ascii_lowercase();
    host.strip_prefix("www.").map(str::to_string).unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_imported_posts_become_internal_links() {
        let mut map = LinkMap::new(Some("https://ex.co.il"), None);
        map.add_target("https://ex.co.il/2020/05/%d7%a9%d7%9c%d7%95%d7%9d/", Some("12"), "blog/2020-05-01-שלום.md");
        assert_eq!(
            map.rewrite("https://ex.co.il/2020/05/%D7%A9%D7%9C%D7%95%D7%9D/#top", false).as_deref(),
            Some("@/blog/2020-05-01-שלום.md#top")
        );
        assert_eq!(map.rewrite("http://www.ex.co.il/?p=12", false).as_deref(), Some("@/blog/2020-05-01-שלום.md"));
        assert_eq!(map.rewrite("/2020/05/שלום", false).as_deref(), Some("@/blog/2020-05-01-שלום.md"));
        assert_eq!(map.rewrite("https://other.com/2020/05/x/", false), None);
        assert_eq!(map.rewrite("#section", false), None);
    }

    #[test]
    fn uploads_are_copied_when_present_and_listed_when_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("2020/05")).unwrap();
        std::fs::write(dir.path().join("2020/05/a b.jpg"), "x").unwrap();
        let mut map = LinkMap::new(Some("https://ex.com"), Some(dir.path()));
        let url = "https://ex.com/wp-content/uploads/2020/05/a%20b.jpg";
        assert_eq!(map.rewrite(url, true).as_deref(), Some("/wp-content/uploads/2020/05/a%20b.jpg"));
        assert_eq!(map.copies["wp-content/uploads/2020/05/a b.jpg"], dir.path().join("2020/05/a b.jpg"));
        assert_eq!(map.rewrite("https://ex.com/wp-content/uploads/../../etc/passwd", true), None);
        assert_eq!(map.rewrite("https://ex.com/wp-content/uploads/2020/05/gone.png", true), None);
        assert_eq!(map.missing.len(), 2);
        let mut without = LinkMap::new(Some("https://ex.com"), None);
        assert_eq!(without.rewrite(url, true), None);
        assert!(without.remote.contains(url));
    }
}
