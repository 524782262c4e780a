//! Plain text for AI assistants, after llmstxt.org: `llms.txt` (the site's verified knowledge as a list of
//! links, with a Markdown copy of each page beside its HTML: `/kb/refunds/index.md`) and, with
//! `llms.full` set, `llms-full.txt` (every listed page's text in one file). One set per language, since each language is built as a site.
//! Verified knowledge comes first; community contributions are left out unless `llms.community` is set,
//! so an assistant quotes what the company stands behind. Drafts, withheld and borrowed pages never appear.

use crate::content::front_matter::ContentSource;
use crate::diagnostics::Diagnostic;
use crate::markdown::SiteMarkdown;
use crate::memo::fingerprint;
use crate::render::{PageSink, PreviousPages, RenderedFile};
use crate::site::{Page, PageKind, Site};
use rayon::prelude::*;
use std::sync::Arc;

/// `llms.txt`, each listed page's Markdown copy and, with `llms.full`, `llms-full.txt`. A copy made from the same page,
/// links and address as the one in `previous` is reused, so a dev-server rebuild writes only the
/// edited page's copy (and joins the copies into `llms-full.txt` again). With a `sink` (`folio build`),
/// each copy is handed to it as soon as it is made and kept without its bytes: together the copies are
/// as large as the site's text. `llms-full.txt` needs them all at once, so with `llms.full` they are kept.
pub fn render_llms_files(
    site: &Site,
    markdown: &SiteMarkdown,
    previous: &PreviousPages,
    sink: Option<PageSink>,
) -> Result<Vec<RenderedFile>, Diagnostic> {
    let config = &site.config.llms;
    if !config.enabled {
        return Ok(Vec::new());
    }
    let listed = |page: &&Page| page.withheld.is_none() && page.borrowed.is_none() && page.kind != PageKind::Author;
    let community = |page: &Page| page.front.is_unverified_community();
    // A promoted community page counts by its own `verified_by:`; the site's default covers company pages.
    let verified = |page: &Page| {
        page.front.verified_by.is_some()
            || (site.config.trust.verified_by.is_some() && page.front.source != ContentSource::Community)
    };
    // Knowledge first (verified before the rest), then products, then the blog and other pages.
    let group = |page: &Page| match page.kind {
        PageKind::Article | PageKind::Guide if community(page) => 4,
        PageKind::Article | PageKind::Guide if verified(page) => 0,
        PageKind::Article | PageKind::Guide => 1,
        PageKind::Product => 2,
        _ => 3,
    };
    let mut pages: Vec<(usize, &Page)> =
        site.pages.iter().enumerate().filter(|(_, p)| listed(p) && (config.community || !community(p))).collect();
    // llms.txt shows, of each page it lists, only these: when none changed, it is the previous one.
    let shown: Vec<_> =
        pages.iter().map(|(_, p)| (group(p), &p.url_path, &p.title, &p.front.description, &p.front.summary)).collect();
    let config_shown = (&site.config.title, &site.config.description, &site.config.base_url, &site.config.base_path);
    let index_key = fingerprint((config_shown, shown));
    let previous_index = previous.get(INDEX).filter(|(key, _)| *key == index_key && !config.full);
    let mut index = format!("# {}\n", one_line(&site.config.title));
    if !site.config.description.trim().is_empty() {
        index.push_str(&format!("\n> {}\n", one_line(&site.config.description)));
    }
    let header = index.clone();
    if previous_index.is_none() {
        pages.sort_by(|(_, a), (_, b)| (group(a), &a.url_path).cmp(&(group(b), &b.url_path)));
    }
    let mut heading = None;
    for &(_, page) in pages.iter().filter(|_| previous_index.is_none()) {
        let title = match group(page) {
            0 | 1 => "Knowledge base",
            2 => "Products",
            4 => "Community contributions (not verified by the company)",
            _ => "Blog and other pages",
        };
        if heading != Some(title) {
            index.push_str(&format!("\n## {title}\n\n"));
            heading = Some(title);
        }
        let copy = markdown_path(&page.url_path);
        let summary = page.front.description.as_deref().or(page.front.summary.as_deref()).map(one_line);
        let link = site.permalink(&format!("/{copy}"));
        match summary.filter(|s| !s.is_empty()) {
            Some(summary) => index.push_str(&format!("- [{}]({link}): {summary}\n", one_line(&page.title))),
            None => index.push_str(&format!("- [{}]({link})\n", one_line(&page.title))),
        }
    }
    // The copies, made in parallel: together they are as large as the site's text.
    let sink = sink.filter(|_| !config.full);
    let mut files: Vec<RenderedFile> = pages
        .par_iter()
        .map(|&(i, page)| {
            let copy = markdown_copy(site, markdown, i, page, previous, config.full);
            match sink {
                // A reused copy (`folio build` takes it from the output folder) has no bytes to hand on.
                Some(sink) if !copy.reused => {
                    sink(&copy.path, &copy.bytes).map(|()| RenderedFile { bytes: Arc::from(&[][..]), ..copy })
                }
                _ => Ok(copy),
            }
        })
        .collect::<Result<_, _>>()?;
    // Fingerprint 0 is never looked up: llms-full.txt is joined afresh by every build.
    let joined = |path: &str, bytes: Vec<u8>| RenderedFile {
        path: path.to_string(),
        bytes: bytes.into(),
        fingerprint: 0,
        reused: false,
    };
    let full = config.full.then(|| joined("llms-full.txt", join_copies(&header, &files)));
    files.push(match previous_index {
        Some((_, bytes)) => {
            RenderedFile { path: INDEX.into(), bytes: bytes.clone(), fingerprint: index_key, reused: true }
        }
        None => RenderedFile { fingerprint: index_key, ..joined(INDEX, index.into_bytes()) },
    });
    files.extend(full);
    Ok(files)
}

const INDEX: &str = "llms.txt";

/// `llms-full.txt`: the header, then every copy after a `---` line.
fn join_copies(header: &str, copies: &[RenderedFile]) -> Vec<u8> {
    // Sized once: the file is as large as every copy together (megabytes on a large site), and
    // growing it step by step would copy it again and again.
    const SEPARATOR: &[u8] = b"\n---\n\n";
    let size = header.len() + copies.iter().map(|f| SEPARATOR.len() + f.bytes.len()).sum::<usize>();
    let mut full = Vec::with_capacity(size);
    full.extend_from_slice(header.as_bytes());
    for file in copies {
        full.extend_from_slice(SEPARATOR);
        full.extend_from_slice(&file.bytes);
    }
    full
}

/// Page `i`'s Markdown copy, reused from `previous` when made from the same inputs.
fn markdown_copy(
    site: &Site,
    markdown: &SiteMarkdown,
    i: usize,
    page: &Page,
    previous: &PreviousPages,
    full: bool,
) -> RenderedFile {
    let copy = markdown_path(&page.url_path);
    // The copy shows the file's text and front matter, resolves its `@/` links as its Markdown
    // does (the Markdown key covers the whole file, the link table and the base path), and the
    // page's title and absolute address, which the site stage may derive from more than the file.
    let key = fingerprint((markdown.keys[i], &page.title, &page.url_path, &site.config.base_url));
    // `llms-full.txt` joins the copies' bytes, which a previous copy `folio build` keeps in the output
    // folder does not carry (a copy is never empty: it starts with its title).
    match previous.get(&copy).filter(|(old, bytes)| *old == key && !(full && bytes.is_empty())) {
        Some((_, bytes)) => RenderedFile { path: copy, bytes: bytes.clone(), fingerprint: key, reused: true },
        None => {
            let bytes: Arc<[u8]> = page_markdown(site, page).into_bytes().into();
            RenderedFile { path: copy, bytes, fingerprint: key, reused: false }
        }
    }
}

/// A page's Markdown copy: its title, address and summary, then its text as written, with `@/` links made
/// absolute so they work away from the site.
fn page_markdown(site: &Site, page: &Page) -> String {
    let mut text = format!("# {}\n\nSource: {}\n", one_line(&page.title), site.permalink(&page.url_path));
    if let Some(summary) = page.front.description.as_deref().or(page.front.summary.as_deref()) {
        text.push_str(&format!("\n> {}\n", one_line(summary)));
    }
    text.push('\n');
    text.push_str(&absolute_links(site, page.source.parsed.body.trim()));
    text.push('\n');
    text
}

/// `](@/kb/a.md)` → `](https://…/kb/a/)`, for the pages the site has; anything else stays as written.
fn absolute_links(site: &Site, body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("](@/") {
        out.push_str(&rest[..i + 2]);
        rest = &rest[i + 2..];
        let end = rest.find(')').unwrap_or(rest.len());
        let (target, anchor) = rest[2..end].split_once('#').map_or((&rest[2..end], None), |(t, a)| (t, Some(a)));
        // The site's own table of link targets: one lookup, not a walk over every page per link.
        match site.link_targets.get(target) {
            Some(url_path) => {
                out.push_str(&site.permalink(url_path));
                if let Some(anchor) = anchor {
                    out.push('#');
                    out.push_str(anchor);
                }
            }
            None => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `/kb/refunds/` → `kb/refunds/index.md`.
fn markdown_path(url_path: &str) -> String {
    // Joined by hand, not with `format!`: made for every page on every rebuild.
    let path = url_path.trim_start_matches('/');
    let (stem, end) = if path.is_empty() || path.ends_with('/') {
        (path, "index.md")
    } else {
        (path.trim_end_matches(".html"), ".md")
    };
    let mut copy = String::with_capacity(stem.len() + end.len());
    copy.push_str(stem);
    copy.push_str(end);
    copy
}

fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    // Most titles and summaries are one line already: llms.txt lists 10,000 of them at 10,000 pages.
    let mut previous_space = true;
    let spread = text.chars().any(|c| {
        let odd = c.is_whitespace() && (c != ' ' || previous_space);
        previous_space = c == ' ';
        odd
    });
    if !spread && !previous_space {
        return text.into();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ").into()
}

#[cfg(test)]
mod tests {
    use super::{markdown_path, one_line};

    #[test]
    fn a_copy_sits_beside_its_page() {
        assert_eq!(markdown_path("/kb/refunds/"), "kb/refunds/index.md");
        assert_eq!(markdown_path("/"), "index.md");
        assert_eq!(markdown_path("/old/page.html"), "old/page.md");
    }

    #[test]
    fn one_line_takes_a_line_as_it_is_and_joins_the_others_as_split_whitespace_does() {
        for text in ["Refunds", "Two words", " lead", "trail ", "two  spaces", "a\nb", "tab\there", "", " ", "נ\u{a0}ב"]
        {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(one_line(text), joined, "{text:?}");
        }
        assert!(matches!(one_line("Already one line"), std::borrow::Cow::Borrowed(_)));
    }
}
