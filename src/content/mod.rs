//! Finding the site's files: Markdown pages, the files published beside them, and `static/`.
//!
//! Content is untrusted input. Nothing is read through a symbolic link that leads outside the site
//! root, files are bounded in size, and every problem is collected rather than stopping at the first.

pub mod authors;
pub mod body;
pub mod date_display;
pub mod dates;
pub mod file_stamp;
mod foreign;
pub mod front_matter;
pub mod front_memory;
pub mod hebrew_calendar;
mod listing;
mod toml_front;
pub mod translations;
pub mod trusted;

use crate::diagnostics::{Diagnostic, Location};
use body::{Body, LateReads};
use front_matter::Parsed;
use front_memory::{FrontMemory, StoredPage};
pub use listing::is_ignored;
use listing::{list_site, Listed};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use trusted::{PageStamps, TrustedFile};

/// A Markdown file larger than this is refused; no article is that long, and it bounds memory.
pub const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// A Markdown file read and split, not yet placed in the site.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Absolute path of the file.
    pub path: PathBuf,
    /// Path inside `content/`, with `/` separators: `kb/billing/invoices.md`.
    pub rel: String,
    pub parsed: Parsed,
    /// Likely typos found in the front matter.
    pub warnings: Vec<Diagnostic>,
    /// Fingerprint of the file's path and text, for the build cache.
    pub fingerprint: u64,
}

/// A file published as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Absolute path of the source file.
    pub path: PathBuf,
    /// Path inside its root (`content/` or `static/`), with `/` separators.
    pub rel: String,
}

/// Everything found under the site root.
#[derive(Debug, Default, Clone)]
pub struct Discovered {
    /// Shared, so a rebuild reuses unchanged pages without copying them.
    pub pages: Vec<Arc<SourcePage>>,
    /// Non-Markdown files inside `content/`, published beside their page.
    pub content_assets: Vec<Asset>,
    /// Files of `static/`, published at the output root.
    pub static_files: Vec<Asset>,
    /// `content/authors.yaml`, read rather than published.
    pub authors_file: Option<authors::AuthorsFile>,
}

/// Walks `content/` and `static/` under `root` and reads every page.
pub fn discover_content(root: &Path) -> Result<Discovered, Vec<Diagnostic>> {
    discover(root, None::<fn() -> (FrontMemory, PageStamps)>).map(|(found, _, _)| found)
}

/// What the last `folio build` kept of the pages, and what this one keeps for the next.
#[derive(Debug)]
pub struct Remembered {
    /// The pages' parsed front matter, holding exactly this build's pages.
    pub front: FrontMemory,
    pub front_changed: bool,
    /// The stamps of the page files this build read or trusted (see `trusted`).
    pub stamps: PageStamps,
    pub stamps_changed: bool,
    /// The trusted pages' bodies read late: the build must not be committed when one had changed.
    pub late: Arc<LateReads>,
    /// How many pages were trusted by their stamp, not read.
    pub trusted: usize,
}

/// Like `discover_content`, parsing only the pages whose front matter the memory `load` gives does
/// not hold (see `front_memory`; it is loaded while the folders are walked), and reading only the
/// pages whose file's stamp is not what the last build recorded (see `trusted`).
pub fn discover_content_remembering(
    root: &Path,
    load: impl FnOnce() -> (FrontMemory, PageStamps) + Send,
) -> Result<(Discovered, Remembered), Vec<Diagnostic>> {
    let (found, memory, reads) = discover(root, Some(load))?;
    let Memory { mut front, stamps: before, late, .. } = memory.unwrap_or_default();
    let keys: Vec<u64> = found.pages.iter().map(|p| p.fingerprint).collect();
    let trusted = reads.trusted;
    let front_changed = front.renew(&keys, reads.fresh);
    let stamps = PageStamps::from_files(reads.stamps);
    let stamps_changed = stamps != before;
    // The last build's stamps, 10,000 paths, are freed on a worker while the site is assembled.
    rayon::spawn(move || drop(before));
    Ok((found, Remembered { front, front_changed, stamps, stamps_changed, late, trusted }))
}

/// What the last build kept, and the moment (in the content folder's file clock) before this
/// build looked at any page file.
#[derive(Default)]
struct Memory {
    front: FrontMemory,
    stamps: PageStamps,
    moment: Option<i128>,
    late: Arc<LateReads>,
}

/// One page as `discover` found it: the page, its front matter to keep (when it was parsed) and
/// its file's entry in the next build's stamps (when it may be trusted then).
struct Read {
    /// Shared as soon as it is made: see `discover`.
    page: Arc<SourcePage>,
    kept: Option<(u64, StoredPage)>,
    stamp: Option<(String, TrustedFile)>,
    trusted: bool,
}

/// What the pages read leave for the memory.
#[derive(Default)]
struct Reads {
    fresh: Vec<(u64, StoredPage)>,
    stamps: Vec<(String, TrustedFile)>,
    trusted: usize,
}

/// The site's files; the memory `load` gives (when there is one), and what the pages read leave
/// for it.
fn discover(
    root: &Path,
    load: Option<impl FnOnce() -> (FrontMemory, PageStamps) + Send>,
) -> Result<(Discovered, Option<Memory>, Reads), Vec<Diagnostic>> {
    let (listed, memory) = rayon::join(|| list_site(root), || load.map(|load| load()));
    let Listed { mut markdown, content_assets, static_files, authors_file, mut errors } = listed;
    // Taken before any page file is looked at: a stamp older than this moment moves with any
    // later write (see `trusted`).
    let memory = memory.map(|(front, stamps)| {
        let moment = file_stamp::file_clock(&root.join("content"));
        Memory { front, stamps, moment, late: Arc::default() }
    });
    // The pages come out in the order of their paths, each one shared (`Arc`) as it is read: a
    // page is large, and sorting or moving 10,000 of them on one core held up every build.
    markdown.sort_by(|a, b| a.rel.cmp(&b.rel));
    let results: Vec<Result<Read, Diagnostic>> =
        markdown.into_par_iter().map(|asset| read_or_trust(asset, memory.as_ref())).collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut reads = Reads::default();
    for result in results {
        match result {
            Ok(read) => {
                pages.push(read.page);
                reads.fresh.extend(read.kept);
                reads.stamps.extend(read.stamp);
                reads.trusted += usize::from(read.trusted);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    collapse_warnings(&mut pages);
    Ok((Discovered { pages, content_assets, static_files, authors_file }, memory, reads))
}

/// A key from another generator is named once for the site, not once per page. The pages were
/// just made, so each is changed in place (only those with warnings).
fn collapse_warnings(pages: &mut [Arc<SourcePage>]) {
    let mut warnings: Vec<Vec<Diagnostic>> = pages.iter().map(|p| p.warnings.clone()).collect();
    foreign::collapse_repeated_warnings(&mut warnings);
    for (page, list) in pages.iter_mut().zip(warnings) {
        if page.warnings != list {
            Arc::make_mut(page).warnings = list;
        }
    }
}

/// Like `discover_content`, but when `changed` lists every file changed since `previous` was
/// discovered and none was added or removed, only the changed pages are read again.
pub fn rediscover_content(
    root: &Path,
    previous: Option<&Discovered>,
    changed: Option<&[PathBuf]>,
) -> Result<Discovered, Vec<Diagnostic>> {
    match (previous, changed) {
        (Some(previous), Some(changed)) => match reread_changed(root, previous, changed) {
            Some(result) => result,
            None => discover_content(root),
        },
        _ => discover_content(root),
    }
}

/// `None` when the changes could add, remove or move files: then only a full walk is right.
fn reread_changed(
    root: &Path,
    previous: &Discovered,
    changed: &[PathBuf],
) -> Option<Result<Discovered, Vec<Diagnostic>>> {
    let mut found = previous.clone();
    let mut errors = Vec::new();
    let (content, statics) = (root.join("content"), root.join("static"));
    for path in changed {
        let is_plain_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
        // The authors data file is rare to change and read with everything else.
        let is_authors_file =
            path.strip_prefix(&content).is_ok_and(|rel| authors::is_authors_file(&rel.to_string_lossy()));
        if !is_plain_file || is_authors_file {
            return None;
        }
        if let Some(page) = found.pages.iter_mut().find(|p| &p.path == path) {
            let asset = Asset { path: page.path.clone(), rel: page.rel.clone() };
            match read_page(asset, None).map(|read| read.page) {
                // A save that did not change the bytes keeps the page as it was, so every later
                // stage sees the very same page (and `pipeline::unchanged` can reuse the whole build).
                Ok(fresh) if same_text(&fresh, page) => {}
                Ok(fresh) => *page = fresh,
                Err(e) => errors.push(e),
            }
        } else if path.starts_with(&content) || path.starts_with(&statics) {
            let known = found.content_assets.iter().chain(&found.static_files).any(|a| &a.path == path);
            if !known {
                return None;
            }
        }
    }
    Some(if errors.is_empty() { Ok(found) } else { Err(errors) })
}

/// Whether a page read again has the text it had.
fn same_text(fresh: &SourcePage, page: &SourcePage) -> bool {
    fresh.fingerprint == page.fingerprint
        && fresh.parsed.front_text == page.parsed.front_text
        && fresh.parsed.body == page.parsed.body
}

/// The page in `asset`: trusted by its file's stamp when `memory` knows it unchanged, else read.
fn read_or_trust(asset: Asset, memory: Option<&Memory>) -> Result<Read, Diagnostic> {
    let Some(read) = memory.and_then(|memory| trust(&asset, memory)) else { return read_page(asset, memory) };
    if crate::memo::checking() {
        check_trusted(&read, asset, memory)?;
    }
    Ok(read)
}

/// The page in `asset` as the last build knew it, its body left in the file (`Body::later`), when
/// the file's stamp is the one recorded and the front-matter memory holds its fingerprint.
fn trust(asset: &Asset, memory: &Memory) -> Option<Read> {
    let stamp = file_stamp::Stamp::of(&asset.path);
    let known = memory.stamps.unchanged(&asset.rel, &asset.path, stamp)?;
    let fingerprint = known.fingerprint;
    let body = |start| Body::later(asset.path.clone(), asset.rel.clone(), fingerprint, start, memory.late.clone());
    let parsed = memory.front.recall_front(fingerprint, known.front_text.clone(), body)?;
    let page =
        SourcePage { path: asset.path.clone(), rel: asset.rel.clone(), parsed, warnings: Vec::new(), fingerprint };
    Some(Read { page: Arc::new(page), kept: None, stamp: Some((asset.rel.clone(), known.clone())), trusted: true })
}

/// The checked mode: a trusted page is read too, and must be the page read (unless its file
/// changed meanwhile, which is no fault of the cache).
fn check_trusted(read: &Read, asset: Asset, memory: Option<&Memory>) -> Result<(), Diagnostic> {
    let fresh = read_page(asset, memory)?;
    let unchanged =
        fresh.stamp.as_ref().is_none_or(|(_, file)| Some(file.stamp) == read.stamp.as_ref().map(|s| s.1.stamp));
    if unchanged {
        // A copy of the trusted page, so that its own body is still read only when a stage uses it.
        let (trusted, fresh) = (&SourcePage::clone(&read.page), &fresh.page);
        assert!(
            trusted.fingerprint == fresh.fingerprint && format!("{:?}", trusted.parsed) == format!("{:?}", fresh.parsed),
            "cache check failed: {} was trusted by its stamp but differs from the file.\ntrusted: {:.2000}\nfresh:   {:.2000}",
            fresh.path.display(),
            format!("{:?}", trusted.parsed),
            format!("{:?}", fresh.parsed),
        );
    }
    Ok(())
}

/// The page in `asset`, its front matter recalled from `memory` when it holds the page; a page
/// parsed instead comes with the entry for `memory` to keep (when there is a memory), and a page
/// read with its file's stamp older than the memory's moment with its entry in the next stamps.
fn read_page(asset: Asset, memory: Option<&Memory>) -> Result<Read, Diagnostic> {
    let (mut text, stamp) = read_text(&asset.path)?;
    let fingerprint = crate::memo::fingerprint((&text, &asset.rel, &asset.path));
    let front = memory.map(|memory| &memory.front);
    let trusted_next = |parsed: &Parsed| {
        let memory = memory?;
        let stamp = stamp.filter(|stamp| stamp.older_than(memory.moment))?;
        let path = crate::memo::fingerprint(&asset.path);
        let file = TrustedFile { stamp, path, fingerprint, front_text: parsed.front_text.clone() };
        Some((asset.rel.clone(), file))
    };
    if let Some(parsed) = front.and_then(|front| recall(front, fingerprint, &mut text, &asset.path)) {
        let stamp = trusted_next(&parsed);
        let page = SourcePage { path: asset.path, rel: asset.rel, parsed, warnings: Vec::new(), fingerprint };
        return Ok(Read { page: Arc::new(page), kept: None, stamp, trusted: false });
    }
    let (length, front_start) = (text.len(), front_matter::front_text_start(&text));
    let mut warnings = Vec::new();
    let parsed = front_matter::parse_page_owned(text, &asset.path, &mut warnings)?;
    // Warnings are not kept: a page that has them is parsed on every build, so they are always said.
    let kept = (front.is_some() && warnings.is_empty())
        .then(|| (fingerprint, StoredPage::keep(&parsed, front_start, length - parsed.body.len())));
    let stamp = kept.as_ref().and_then(|_| trusted_next(&parsed));
    Ok(Read {
        page: Arc::new(SourcePage { path: asset.path, rel: asset.rel, parsed, warnings, fingerprint }),
        kept,
        stamp,
        trusted: false,
    })
}

/// The page with fingerprint `key` as `memory` holds it, its body taken from `text` (which is left
/// as it was when the memory does not hold the page). In the checked mode the text is parsed too,
/// and a remembered page that differs is a panic.
fn recall(memory: &FrontMemory, key: u64, text: &mut String, path: &Path) -> Option<Parsed> {
    let original = crate::memo::checking().then(|| text.clone());
    let parsed = memory.recall(key, text)?;
    if let Some(original) = original {
        let mut warnings = Vec::new();
        let fresh = front_matter::parse_page_owned(original, path, &mut warnings);
        let same =
            fresh.as_ref().is_ok_and(|fresh| warnings.is_empty() && format!("{fresh:?}") == format!("{parsed:?}"));
        assert!(
            same,
            "cache check failed: the front matter remembered for {} differs from the file's.\nremembered: {:.2000}\nfresh:      {:.2000}",
            path.display(),
            format!("{parsed:?}"),
            format!("{fresh:?}"),
        );
    }
    Some(parsed)
}

/// The file's text, and its stamp taken before it was read (a write after moves the stamp).
fn read_text(path: &Path) -> Result<(String, Option<file_stamp::Stamp>), Diagnostic> {
    use std::io::Read;
    let at = || Location::file(path);
    let cannot_read = |e: std::io::Error| Diagnostic::new(at(), format!("cannot read: {e}"));
    // Opened once and measured through the open file: one path lookup per page, not three.
    let mut file = std::fs::File::open(path).map_err(cannot_read)?;
    let meta = file.metadata().map_err(cannot_read)?;
    let (size, stamp) = (meta.len(), file_stamp::Stamp::from_metadata(&meta));
    if size > MAX_PAGE_BYTES {
        return Err(Diagnostic::new(at(), format!("file is {} MiB; pages are limited to 8 MiB", size >> 20))
            .with_help("split it into several pages"));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.read_to_end(&mut bytes).map_err(cannot_read)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count();
        Diagnostic::new(Location::new(path, line, 0), "file is not valid UTF-8").with_help("save the file as UTF-8")
    })?;
    Ok((text, stamp))
}
