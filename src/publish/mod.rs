//! Files made from the whole site rather than from one page: feeds, the sitemap, robots.txt, the
//! redirect pages of aliases, the search script's strings, `llms.txt` with the pages' Markdown copies and, with `host:` set, that host's
//! redirect and header files (for a multilingual site, once at the root for all languages), and the help widget's `help/context.json`. Feeds and the sitemap are fingerprinted like pages, so a
//! dev-server rebuild rewrites only those an edit changed; the rest is small and always new.

mod aliases;
mod csp;
mod feed_formats;
mod feeds;
mod help_context;
mod host_cors;
mod host_files;
mod host_formats;
mod host_languages;
mod llms;
mod sitemap;
mod xml;

pub use feeds::FeedEntries;
pub use host_languages::{render_language_host_files, NamedFiles};
pub use sitemap::{write_sitemaps, SitemapUrl, SITEMAP_URL_LIMIT};

use crate::diagnostics::Diagnostic;
use crate::markdown::SiteMarkdown;
use crate::render::{search_strings_file, shown_languages, PageSink, PreviousPages, RenderedFile, Theme};
use crate::site::feeds::Feed;
use crate::site::Site;
use aliases::{render_redirect_pages, site_aliases};
use feeds::render_feeds;
use help_context::{render_help_context, unused_context_warning};
use host_files::{host_warnings, render_host_files};
use llms::render_llms_files;
use sitemap::{render_robots, render_sitemap};

/// Warnings about the site-wide files: what the configured host cannot take.
pub fn site_file_warnings(site: &Site, theme: &Theme) -> Vec<Diagnostic> {
    let mut warnings = match site_aliases(site) {
        Ok(aliases) => host_warnings(site, theme, &aliases),
        // Alias errors are reported by `render_site_files`.
        Err(_) => Vec::new(),
    };
    warnings.extend(unused_context_warning(site));
    warnings
}

/// Every site-wide file; `drafts` marks a preview build, which robots.txt keeps out of search
/// engines; `generated` are the addresses of the pages the build makes besides the content's
/// (`/glossary/`), for the sitemap; `feeds` the site's feed plan (`site::feeds::site_feeds`, which
/// the dev server keeps while no page's front matter changes). Feeds unchanged since `previous` are
/// reused, and so are the feed entries `entries` holds; the rest costs little and is always new. With a `sink`, the pages' Markdown copies go to
/// it as they are made.
pub fn render_site_files(
    site: &Site,
    markdown: &SiteMarkdown,
    theme: &Theme,
    drafts: bool,
    generated: &[&str],
    (previous, feeds, entries): (&PreviousPages, &[Feed], &mut FeedEntries),
    sink: Option<PageSink>,
) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
    let aliases = site_aliases(site)?;
    let mut files = render_redirect_pages(site, theme, &aliases);
    files.extend(render_host_files(site, theme, &aliases));
    files.extend(render_robots(site, drafts));
    files.extend(render_help_context(site, theme)?);
    if site.config.search.enabled {
        files.extend(shown_languages(site).into_iter().map(|lang| search_strings_file(theme, lang)));
    }
    // Fingerprint 0 is never looked up: these files are written afresh by every build.
    let mut files: Vec<RenderedFile> = files
        .into_iter()
        .map(|(path, bytes)| RenderedFile { path, bytes: bytes.into(), fingerprint: 0, reused: false })
        .collect();
    files.extend(render_llms_files(site, markdown, previous, sink).map_err(|e| vec![e])?);
    files.extend(render_sitemap(site, generated, previous));
    files.extend(render_feeds(site, markdown, feeds, (previous, entries)));
    Ok(files)
}
