//! The first stages: the content folder read (again only where it changed) and its pages placed in an
//! assembled site, with the options that decide what is published.

use super::persist::StageStore;
use super::{BuildCache, BuildOptions};
use crate::config::Config;
use crate::content::front_memory::FrontMemory;
use crate::content::trusted::PageStamps;
use crate::content::{discover_content_remembering, rediscover_content, Discovered, Remembered};
use crate::diagnostics::{BuildError, Diagnostic};
use crate::memo::{checking, fingerprint};
use crate::site::git_dates::apply_git_dates;
use crate::site::{
    assemble_site, refresh_site, review_warning, schedule_reviews, PublishOptions, Site, SiteChanges, Withheld,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The entry of `.folio-cache/build/` that keeps the pages' parsed front matter (see
/// `content::front_memory`): one for the whole site, whatever its languages.
const FRONT_MATTER: &str = "front-matter";

/// The entry that keeps the page files' stamps (see `content::trusted`).
const PAGE_STAMPS: &str = "page-stamps";

/// The content folder as it is now, and as the previous build found it. Only files the caller
/// says changed are read again. With `store` (`folio build`), pages whose front matter the last
/// build parsed are not parsed again; the memory to write back for the next build, when this
/// build's pages differ from the last one's, is handed back (see `remember_front_matter`).
pub(super) fn read_content(
    root: &Path,
    cache: &mut BuildCache,
    store: Option<&StageStore>,
) -> Result<(Discovered, Option<Discovered>, Option<Remembered>), Vec<Diagnostic>> {
    let changed = cache.changed.take();
    let before = cache.content.take();
    let (found, remember) = match store {
        Some(store) if before.is_none() => match read_remembering(root, store) {
            Ok((found, remember)) => (Ok(found), remember),
            Err(e) => (Err(e), None),
        },
        _ => (rediscover_content(root, before.as_ref(), changed.as_deref()), None),
    };
    // The cache must mirror the disk: after a failure, the next build looks at everything again.
    cache.content = found.as_ref().ok().cloned();
    Ok((found?, before, remember))
}

/// Every page read (or trusted by its file's stamp), the front matter of those the last `folio
/// build` parsed taken from `store`, and what to write back when this build's pages differ.
fn read_remembering(root: &Path, store: &StageStore) -> Result<(Discovered, Option<Remembered>), Vec<Diagnostic>> {
    // Each about 3.5 MB at 10,000 pages, decoded side by side while the folders are listed: no
    // page is read before both are.
    let load = || {
        rayon::join(
            || store.load_entries::<FrontMemory>(FRONT_MATTER).unwrap_or_default(),
            || store.load_entries::<PageStamps>(PAGE_STAMPS).unwrap_or_default(),
        )
    };
    let (found, kept) = discover_content_remembering(root, load)?;
    store.hold_pages(kept.late.clone(), kept.trusted);
    if !(kept.front_changed || kept.stamps_changed) {
        // Nothing to write back: the memory of 10,000 pages is freed on a worker, not before the
        // site is assembled.
        rayon::spawn(move || drop(kept));
        return Ok((found, None));
    }
    Ok((found, Some(kept)))
}

/// Writes the pages' front-matter memory and stamps, where they changed, for the next `folio build`.
pub(super) fn remember_front_matter(store: &StageStore, kept: &Remembered) {
    if kept.front_changed {
        store.store_entries(FRONT_MATTER, &kept.front);
    }
    if kept.stamps_changed {
        store.store_entries(PAGE_STAMPS, &kept.stamps);
    }
}

/// The assembled site with git dates, and the warnings of its pages. The previous build's site is
/// refreshed instead of assembled again when only text below the front matter changed, or a page's
/// front matter changed without moving or publishing it (see `site::refresh_site`).
pub(super) fn place_pages(
    config: Config,
    found: Discovered,
    before: Option<Discovered>,
    options: &BuildOptions,
    cache: &mut BuildCache,
) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut warnings: Vec<Diagnostic> = found.pages.iter().flat_map(|p| p.warnings.iter().cloned()).collect();
    let publish = (options.drafts, options.future);
    let previous = cache.site.take().filter(|(options, _)| *options == publish).map(|(_, site)| site);
    let now = publish_options(options).now;
    let refreshed = match (previous, &before) {
        (Some(site), Some(before)) => refresh_site(site, &config, (before, &found), now),
        _ => None,
    };
    let today = now.date();
    let assemble = |config, found| {
        let mut site = assemble_site(config, found, &publish_options(options))?;
        let git_warnings = apply_git_dates(&mut site);
        schedule_reviews(&mut site, today);
        Ok::<_, Vec<Diagnostic>>((site, git_warnings))
    };
    cache.changes = SiteChanges::Everything;
    let (site, git_warnings) = match refreshed {
        Some((mut site, changes)) => {
            let before = crate::site::derived(&site);
            let git_warnings = apply_git_dates(&mut site);
            schedule_reviews(&mut site, today);
            cache.changes = changes.and_derived(&before, &site);
            if checking() {
                let (fresh, _) = assemble(config, found).expect("the refreshed site assembled before");
                assert!(
                    fresh.digest() == site.digest(),
                    "cache check failed: the refreshed site differs from a freshly assembled one"
                );
            }
            (site, git_warnings)
        }
        None => assemble(config, found)?,
    };
    warnings.extend(review_warning(&site.pages, &site.config.content_dir()));
    warnings.extend(git_warnings);
    Ok((site, warnings))
}

/// Pages in the output that would not be published, for the dev server's banner.
pub(super) fn unpublished_pages(site: &Site) -> BTreeMap<String, (String, Withheld)> {
    site.pages
        .iter()
        .filter_map(|p| Some((p.withheld?, p)))
        .map(|(why, p)| (format!("{}index.html", p.url_path.trim_start_matches('/')), (p.lang.clone(), why)))
        .collect()
}

/// Each page's and list's HTML file → its Markdown file, relative to the site root.
pub(super) fn page_sources(site: &Site) -> BTreeMap<String, PathBuf> {
    let root = &site.config.root;
    let file = |url_path: &str| format!("{}index.html", url_path.trim_start_matches('/'));
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let pages = site.pages.iter().map(|p| (file(&p.url_path), relative(&p.source.path)));
    let lists = site.sections.iter().filter_map(|s| Some((file(&s.url_path), relative(&s.index.as_ref()?.path))));
    pages.chain(lists).collect()
}

pub(super) fn publish_options(options: &BuildOptions) -> PublishOptions {
    PublishOptions { drafts: options.drafts, future: options.future, ..PublishOptions::default() }
}

pub(super) fn with_base_url(mut config: Config, options: &BuildOptions) -> Result<Config, BuildError> {
    if let Some(url) = &options.base_url {
        let text = format!("title: x\nbase_url: {}\n", serde_json::Value::String(url.clone()));
        let parsed = crate::config::parse_config(&text, &config.root, std::path::Path::new("--base-url"))?;
        config.base_url = parsed.base_url;
        config.view.asset_path = parsed.base_path.clone();
        config.base_path = parsed.base_path;
        config.fingerprint = fingerprint((config.fingerprint, url));
    }
    Ok(config)
}
