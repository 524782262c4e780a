//! The external links of a built site, each with the places it is written: the Markdown (or YAML)
//! file and line where the writer can change it, found by looking for the address in the file the
//! page was made from, then in the site's other files; failing both, the page that shows it.

use super::html_scan::scan_tags;
use crate::config::Config;
use crate::pipeline::Built;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Where a link is written: a file relative to the site root, and its line when known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Place {
    pub file: String,
    pub line: Option<usize>,
}

/// Classes the default theme gives its own outgoing links (share buttons, the feedback form's
/// "still need help?" step): they are the theme's infrastructure, not what the writer linked.
const THEME_LINK_CLASSES: &[&str] = &["share-link", "feedback-next-link"];

/// Hosts the comment providers load from: infrastructure, checked by their own operators.
const PROVIDER_HOSTS: &[&str] = &["giscus.app", "utteranc.es", "disqus.com", "disquscdn.com", "cusdis.com"];

/// Every http(s) link the built pages make (the site's own full addresses included), URL → where
/// it is written, sorted.
pub fn collect_links(built: &Built, root: &Path) -> BTreeMap<String, Vec<Place>> {
    let excluded = infrastructure_hosts(&built.config);
    let mut shown_on: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, file) in built.output.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let Ok(bytes) = file.read() else { continue };
        for url in page_links(&String::from_utf8_lossy(&bytes)) {
            if host_of(&url).is_some_and(|h| excluded.iter().any(|e| host_matches(h, e))) {
                continue;
            }
            let pages = shown_on.entry(url).or_default();
            if !pages.contains(path) {
                pages.push(path.clone());
            }
        }
    }
    let mut files = SourceFiles::new(root, built);
    shown_on.into_iter().map(|(url, pages)| (url.clone(), files.places(&url, &pages))).collect()
}

/// The external URLs of one page's links, images and media, in order.
pub fn page_links(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    scan_tags(html, |tag| {
        let class = tag.get("class").unwrap_or("");
        if class.split_whitespace().any(|c| THEME_LINK_CLASSES.contains(&c)) {
            return;
        }
        let attributes: &[&str] = match tag.name.as_str() {
            "a" | "area" => &["href"],
            "img" | "source" => &["src", "srcset"],
            "video" => &["src", "poster"],
            "audio" | "iframe" | "track" | "embed" => &["src"],
            _ => return,
        };
        for name in attributes {
            let Some(value) = tag.get(name) else { continue };
            let candidates: Vec<&str> = if *name == "srcset" {
                value.split(',').filter_map(|c| c.split_whitespace().next()).collect()
            } else {
                vec![value.trim()]
            };
            for url in candidates.into_iter().filter(|u| is_external(u)) {
                urls.push(url.to_string());
            }
        }
    });
    urls
}

fn is_external(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `https://user@Docs.Example.com:8443/a` → `docs.example.com`.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = if host.starts_with('[') { host.split(']').next()? } else { host.split(':').next()? };
    Some(host).filter(|h| !h.is_empty())
}

/// `docs.example.com` matches `example.com`; case does not matter.
pub fn host_matches(host: &str, pattern: &str) -> bool {
    let (host, pattern) = (host.to_ascii_lowercase(), pattern.to_ascii_lowercase());
    host == pattern || host.ends_with(&format!(".{pattern}"))
}

/// Whether `pattern` from `check.skip` or `--skip` covers `url`: with `*`, the pattern must match
/// the whole address (`*` matching anything); with `://`, it is a prefix; otherwise a host name,
/// covering its subdomains.
pub fn skip_matches(pattern: &str, url: &str) -> bool {
    if pattern.contains('*') {
        return wildcard_match(pattern, url);
    }
    if pattern.contains("://") {
        return url.starts_with(pattern);
    }
    host_of(url).is_some_and(|host| host_matches(host, pattern.trim_matches('/')))
}

fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// The comment provider's and feedback endpoint's hosts.
fn infrastructure_hosts(config: &Config) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    if let Some(comments) = &config.comments {
        hosts.extend(PROVIDER_HOSTS.iter().map(|h| h.to_string()));
        hosts.extend(comments.url.as_deref().and_then(host_of).map(str::to_string));
    }
    if let Some(feedback) = &config.feedback {
        hosts.extend(feedback.endpoint.as_deref().and_then(host_of).map(str::to_string));
    }
    hosts
}

/// The site's own files, read once each, for finding where an address is written.
struct SourceFiles<'a> {
    root: &'a Path,
    /// HTML file → the Markdown file it was made from.
    sources: &'a BTreeMap<String, PathBuf>,
    /// Every file a link may be written in: the pages' Markdown, then site.yaml and the authors file.
    all: Vec<PathBuf>,
    texts: HashMap<PathBuf, Option<String>>,
}

impl<'a> SourceFiles<'a> {
    fn new(root: &'a Path, built: &'a Built) -> Self {
        let mut all: Vec<PathBuf> = built.sources.values().cloned().collect();
        all.sort();
        all.dedup();
        all.extend(["site.yaml", "content/authors.yaml"].map(PathBuf::from));
        SourceFiles { root, sources: &built.sources, all, texts: HashMap::new() }
    }

    /// Where `url`, shown on the HTML files `pages`, is written.
    fn places(&mut self, url: &str, pages: &[String]) -> Vec<Place> {
        let own: Vec<PathBuf> = pages.iter().filter_map(|p| self.sources.get(p).cloned()).collect();
        let mut places = self.find_in(url, &own);
        if places.is_empty() {
            let all = self.all.clone();
            places = self.find_in(url, &all);
        }
        if places.is_empty() {
            places = pages
                .iter()
                .map(|p| Place { file: self.sources.get(p).map_or(p.clone(), |f| display(f)), line: None })
                .collect();
        }
        places.sort();
        places.dedup();
        places
    }

    fn find_in(&mut self, url: &str, files: &[PathBuf]) -> Vec<Place> {
        let mut places = Vec::new();
        for file in files {
            let root = self.root;
            let text = self.texts.entry(file.clone()).or_insert_with(|| std::fs::read_to_string(root.join(file)).ok());
            if let Some(text) = text {
                places.extend(
                    lines_naming(text, url).into_iter().map(|line| Place { file: display(file), line: Some(line) }),
                );
            }
        }
        places
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The 1-based lines of `text` where `url` is written whole (not as the start of a longer address),
/// as written or percent-decoded.
pub fn lines_naming(text: &str, url: &str) -> Vec<usize> {
    let decoded = crate::url::percent_decode(url).unwrap_or_else(|| url.to_string());
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let names = |needle: &str| {
            line.match_indices(needle).any(|(at, _)| {
                let next = line[at + needle.len()..].chars().next();
                !next.is_some_and(|c| c.is_alphanumeric() || "/-._~%?#&=+".contains(c))
            })
        };
        if names(url) || (decoded != url && names(&decoded)) {
            lines.push(n + 1);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_images_and_srcset_but_not_theme_links() {
        let html = r#"<a href="https://a.com/x">a</a><a href="/local/">l</a><img src="http://b.com/i.png" srcset="https://c.com/1.png 1x, https://c.com/2.png 2x">
<a class="share-link share-x" href="https://x.com/share?u=1">s</a><link href="https://fonts.example.com/f.css"><script src="https://cdn.example.com/s.js"></script>"#;
        assert_eq!(
            page_links(html),
            ["https://a.com/x", "http://b.com/i.png", "https://c.com/1.png", "https://c.com/2.png"]
        );
    }

    #[test]
    fn lines_name_whole_addresses_only() {
        let text = "---\nurl: https://a.com/x\n---\nSee [x](https://a.com/x) and <https://a.com/x/y>.\n[h](https://a.com/%D7%90)\n";
        assert_eq!(lines_naming(text, "https://a.com/x"), [2, 4]);
        assert_eq!(lines_naming("[h](https://a.com/א)", "https://a.com/%D7%90"), [1]);
    }

    #[test]
    fn skip_patterns_are_hosts_prefixes_or_wildcards() {
        assert!(skip_matches("linkedin.com", "https://www.linkedin.com/in/x"));
        assert!(!skip_matches("linkedin.com", "https://example.com/linkedin.com"));
        assert!(skip_matches("https://a.com/private/", "https://a.com/private/x"));
        assert!(skip_matches("https://*.a.com/*.pdf", "https://docs.a.com/f/g.pdf"));
        assert!(!skip_matches("https://*.a.com/*.pdf", "https://docs.a.com/f/g.pdfx"));
    }

    #[test]
    fn hosts_match_subdomains() {
        assert_eq!(host_of("https://u@Docs.Example.com:8443/a?b"), Some("Docs.Example.com"));
        assert!(host_matches("docs.example.com", "example.com") && !host_matches("badexample.com", "example.com"));
    }
}
