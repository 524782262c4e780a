//! `sitemap.xml` (split into a sitemap index when large) and a `robots.txt` that points at it.
//!
//! Only what a search engine should index is listed: published pages and list pages, never drafts
//! (a `--drafts` preview marks them noindex too), redirects or the 404 page.

use super::xml::push_element;
use crate::content::dates::PageDate;
use crate::memo::fingerprint;
use crate::render::absolute_links::ascii_url;
use crate::render::{PreviousPages, RenderedFile};
use crate::site::{Alternate, Site};

/// The most URLs one sitemap file may hold (sitemaps.org); above it the sitemap becomes an index.
pub const SITEMAP_URL_LIMIT: usize = 50_000;

/// One URL of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<PageDate>,
    /// The same page in the site's other languages (`xhtml:link` alternates); empty for one language.
    pub alternates: Vec<Alternate>,
}

/// `sitemap.xml` and, for large sites, `sitemap-1.xml`…; a site that publishes its own
/// `sitemap.xml` keeps it. `generated` are the addresses of pages the build makes besides the
/// content's (`/glossary/`). When no address or date changed since `previous`, as after an edit
/// of a page's text, the previous build's files are reused.
pub fn render_sitemap(site: &Site, generated: &[&str], previous: &PreviousPages) -> Vec<RenderedFile> {
    if site.files.contains_key("sitemap.xml") {
        return Vec::new();
    }
    let key = sitemap_key(site, generated);
    if let Some(reused) = reuse_sitemaps(previous, key) {
        return reused;
    }
    write_sitemaps(&sitemap_urls(site, generated), &ascii_url(&site.permalink("/")), SITEMAP_URL_LIMIT)
        .into_iter()
        .map(|(path, bytes)| RenderedFile { path, bytes: bytes.into(), fingerprint: key, reused: false })
        .collect()
}

/// The fingerprint of everything the sitemap shows: the configuration (with the base URL) and
/// each page's and folder's address, dates and whether it is withheld.
fn sitemap_key(site: &Site, generated: &[&str]) -> u64 {
    let pages: Vec<_> =
        site.pages.iter().map(|p| (&p.url_path, p.section, p.date, p.front.updated, p.withheld)).collect();
    let sections: Vec<_> = site.sections.iter().map(|s| (&s.url_path, s.parent)).collect();
    let terms: Vec<_> =
        site.taxonomies.iter().flat_map(|t| t.terms.iter().map(|term| (&term.url_path, &term.pages))).collect();
    fingerprint((site.config.fingerprint, pages, sections, terms, site.languages.fingerprint, generated))
}

/// The previous build's `sitemap.xml` and its parts, if they were made under `key`.
fn reuse_sitemaps(previous: &PreviousPages, key: u64) -> Option<Vec<RenderedFile>> {
    let (index_key, _) = previous.get("sitemap.xml")?;
    if *index_key != key {
        return None;
    }
    let mut files = Vec::new();
    for n in 0.. {
        let path = if n == 0 { "sitemap.xml".to_string() } else { format!("sitemap-{n}.xml") };
        match previous.get(&path) {
            Some((old, bytes)) if *old == key => {
                files.push(RenderedFile { path, bytes: bytes.clone(), fingerprint: key, reused: true })
            }
            _ => break,
        }
    }
    Some(files)
}

/// Every indexable URL: pages with their updated (or publication) date, list pages with the
/// newest date of the pages they hold, and the `generated` pages, which have no date.
pub fn sitemap_urls(site: &Site, generated: &[&str]) -> Vec<SitemapUrl> {
    let published = |i: &usize| site.pages[*i].withheld.is_none() && site.pages[*i].borrowed.is_none();
    let page_date = |i: usize| site.pages[i].front.updated.or(site.pages[i].date);
    // A folder is as new as the newest page anywhere below it: walk each page's folder chain once.
    let mut newest: Vec<Option<PageDate>> = vec![None; site.sections.len()];
    for i in (0..site.pages.len()).filter(published) {
        let date = page_date(i);
        let mut section = Some(site.pages[i].section);
        while let Some(s) = section {
            newest[s] = newest[s].max(date);
            section = site.sections[s].parent;
        }
    }
    let url = |url_path: &str, lastmod: Option<PageDate>| {
        let mut alternates = site.languages.alternates(&site.config.language, url_path);
        for alternate in &mut alternates {
            alternate.href = ascii_url(&alternate.href);
        }
        SitemapUrl { loc: ascii_url(&site.permalink(url_path)), lastmod, alternates }
    };
    let mut urls: Vec<SitemapUrl> =
        site.sections.iter().zip(newest).map(|(s, lastmod)| url(&s.url_path, lastmod)).collect();
    urls.extend((0..site.pages.len()).filter(published).map(|i| url(&site.pages[i].url_path, page_date(i))));
    urls.extend(generated.iter().map(|path| url(path, None)));
    // Tag and category pages, as new as their newest page.
    for taxonomy in &site.taxonomies {
        let newest = |pages: &[usize]| pages.iter().filter_map(|&i| page_date(i)).max();
        let all: Vec<usize> = taxonomy.terms.iter().flat_map(|t| t.pages.iter().copied()).collect();
        urls.push(url(&taxonomy.url_path, newest(&all)));
        for term in &taxonomy.terms {
            urls.push(url(&term.url_path, newest(&term.pages)));
        }
    }
    urls.sort_by(|a, b| a.loc.cmp(&b.loc));
    urls
}

/// Writes `urls` as one sitemap, or as `limit`-sized parts listed by a sitemap index at
/// `sitemap.xml`. `root` is the site's absolute home URL, ending in `/`.
pub fn write_sitemaps(urls: &[SitemapUrl], root: &str, limit: usize) -> Vec<(String, Vec<u8>)> {
    if urls.len() <= limit {
        return vec![("sitemap.xml".into(), write_urlset(urls).into_bytes())];
    }
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    index.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, part) in urls.chunks(limit.max(1)).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str("  <sitemap>\n");
        push_element(&mut index, "    ", "loc", &format!("{root}{name}"));
        if let Some(newest) = part.iter().filter_map(|u| u.lastmod).max() {
            push_element(&mut index, "    ", "lastmod", &newest.rfc3339());
        }
        index.push_str("  </sitemap>\n");
        files.push((name, write_urlset(part).into_bytes()));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index.into_bytes()));
    files
}

fn write_urlset(urls: &[SitemapUrl]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    if urls.iter().any(|u| !u.alternates.is_empty()) {
        out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    } else {
        out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    }
    for url in urls {
        out.push_str("  <url>\n");
        push_element(&mut out, "    ", "loc", &url.loc);
        if let Some(lastmod) = url.lastmod {
            push_element(&mut out, "    ", "lastmod", &lastmod.rfc3339());
        }
        for alternate in &url.alternates {
            let (lang, href) = (crate::html::escape_xml(&alternate.hreflang), crate::html::escape_xml(&alternate.href));
            out.push_str(&format!("    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\"/>\n"));
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt` allowing everything and naming the sitemap, unless the site publishes its own.
/// A `--drafts` build asks robots to stay away altogether: it is a preview, not the site.
pub fn render_robots(site: &Site, drafts: bool) -> Option<(String, Vec<u8>)> {
    if site.files.contains_key("robots.txt") {
        return None;
    }
    let rules = if drafts { "Disallow: /" } else { "Allow: /" };
    let text = format!("User-agent: *\n{rules}\n\nSitemap: {}\n", ascii_url(&site.permalink("/sitemap.xml")));
    Some(("robots.txt".into(), text.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<SitemapUrl> {
        (0..n)
            .map(|i| SitemapUrl {
                loc: format!("https://e.com/p{i:03}/"),
                lastmod: PageDate::parse(&format!("2026-01-{:02}", i % 28 + 1)),
                alternates: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn small_sites_get_one_sitemap() {
        let files = write_sitemaps(&urls(3), "https://e.com/", 3);
        assert_eq!(files.len(), 1);
        let doc = String::from_utf8(files[0].1.clone()).unwrap();
        let xml = roxmltree::Document::parse(&doc).unwrap();
        assert_eq!(xml.root_element().tag_name().name(), "urlset");
        assert_eq!(xml.root_element().children().filter(|n| n.has_tag_name("url")).count(), 3);
    }

    #[test]
    fn above_the_limit_the_sitemap_becomes_an_index_of_parts() {
        let files = write_sitemaps(&urls(7), "https://e.com/", 3);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        let index = String::from_utf8(files[0].1.clone()).unwrap();
        let xml = roxmltree::Document::parse(&index).unwrap();
        assert_eq!(xml.root_element().tag_name().name(), "sitemapindex");
        let locs: Vec<&str> = xml.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
        assert_eq!(locs, ["https://e.com/sitemap-1.xml", "https://e.com/sitemap-2.xml", "https://e.com/sitemap-3.xml"]);
        let parts: Vec<usize> = files[1..]
            .iter()
            .map(|(_, bytes)| {
                let text = String::from_utf8(bytes.clone()).unwrap();
                let doc = roxmltree::Document::parse(&text).unwrap();
                let count = doc.descendants().filter(|n| n.has_tag_name("url")).count();
                count
            })
            .collect();
        assert_eq!(parts, [3, 3, 1]);
    }
}
