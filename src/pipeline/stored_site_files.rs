//! The site-wide files across `folio build` runs, kept as the pages are (`stored_pages`): the feeds,
//! the sitemap, `llms.txt` and each page's Markdown copy are keyed by the publish stage itself
//! (`RenderedFile::fingerprint`, as the dev server reuses them); `folio build` keeps, for each such
//! file, that key and a checksum of the bytes it wrote (`site-files.bin`). The next build hands the
//! keys to the publish stage as its previous files, and a file whose key is unchanged is taken from
//! the output folder if it still holds the recorded checksum. At 10,000 pages the Markdown copies
//! alone are as large as the site's text: a build with nothing changed no longer makes them again.

use super::persist::StageStore;
use super::staged::Sink;
use super::stored_pages::{record_holds, Written};
use crate::diagnostics::Diagnostic;
use crate::markdown::SiteMarkdown;
use crate::memo::{checking, checksum};
use crate::publish::{render_site_files, FeedEntries};
use crate::render::{PageSink, PreviousPages, RenderedFile, Theme};
use crate::site::feeds::{site_feeds, Feed};
use crate::site::Site;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// What the publish stage is given besides the site and the store.
pub(super) struct SiteFilesInput<'a> {
    pub markdown: &'a SiteMarkdown,
    pub theme: &'a Theme,
    pub drafts: bool,
    pub generated: &'a [&'a str],
}

impl SiteFilesInput<'_> {
    /// Every site-wide file, made now except those `previous` holds under an unchanged key, with no
    /// feed entry kept from before.
    fn render(
        &self,
        site: &Site,
        previous: &PreviousPages,
        feeds: &[Feed],
        sink: Option<PageSink>,
    ) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
        let previous = (previous, feeds, &mut FeedEntries::default());
        render_site_files(site, self.markdown, self.theme, self.drafts, self.generated, previous, sink)
    }
}

/// The site-wide files of a staged build (the Markdown copies handed to `sink` as they are made),
/// with `store`, those whose key is unchanged taken from the output folder.
pub(super) fn render_site_files_staged(
    site: &Site,
    input: &SiteFilesInput,
    store: Option<&StageStore>,
    sink: Sink,
) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
    if let Some(store) = store {
        return render_site_files_stored(site, input, store, sink);
    }
    let stage = |path: &str, bytes: &[u8]| sink.put(path, bytes);
    input.render(site, &PreviousPages::default(), &site_feeds(site), Some(&stage as PageSink))
}

/// The site-wide files, those whose key is unchanged taken from the output folder; every other
/// one made now.
fn render_site_files_stored(
    site: &Site,
    input: &SiteFilesInput,
    store: &StageStore,
    sink: Sink,
) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
    // Output path → (the file's key, the checksum of its bytes).
    let recorded: HashMap<String, (u64, u64)> = store.load_entries("site-files").unwrap_or_default();
    let feeds = site_feeds(site);
    let written = Written::default();
    let stage = |path: &str, bytes: &[u8]| {
        written.note(path, bytes);
        sink.put(path, bytes)
    };
    let render = |previous: &PreviousPages| input.render(site, previous, &feeds, Some(&stage as PageSink));
    let empty: Arc<[u8]> = Arc::from(&[][..]);
    let previous: PreviousPages =
        recorded.iter().map(|(path, (key, _))| (path.clone(), (*key, empty.clone()))).collect();
    let mut files = render(&previous)?;
    // A reused file's bytes are those the output folder holds, if they are what was written.
    let all_kept = files
        .par_iter()
        .filter(|file| file.reused)
        .all(|file| recorded.get(&file.path).is_some_and(|(_, sum)| sink.keep_if_holds(&file.path, *sum)));
    if !all_kept {
        // Rare (a file edited or removed in the output folder, another `--output`): all made again,
        // since some files are reused only together (the sitemap's parts).
        files = render(&PreviousPages::default())?;
    }
    if checking() {
        verify_reused(site, input, &feeds, &files, &recorded);
    }
    // Files without a key (made on every build) are not recorded.
    if record_holds(files.iter().filter(|file| file.fingerprint != 0), &recorded) {
        return Ok(files);
    }
    let record: HashMap<String, (u64, u64)> = files
        .iter()
        .filter(|file| file.fingerprint != 0)
        .filter_map(|file| {
            let sum = match file.reused {
                true => recorded.get(&file.path).map(|(_, sum)| *sum)?,
                // A file handed to the sink kept no bytes here.
                false => written.get(&file.path).unwrap_or_else(|| checksum(&file.bytes)),
            };
            Some((file.path.clone(), (file.fingerprint, sum)))
        })
        .collect();
    if record != recorded {
        store.store_entries("site-files", &record);
    }
    Ok(files)
}

/// The checked mode: every file taken from the output folder made again, byte for byte the same.
fn verify_reused(
    site: &Site,
    input: &SiteFilesInput,
    feeds: &[Feed],
    files: &[RenderedFile],
    recorded: &HashMap<String, (u64, u64)>,
) {
    if !files.iter().any(|file| file.reused) {
        return;
    }
    let fresh = input.render(site, &PreviousPages::default(), feeds, None).expect("the site files rendered before");
    let fresh: HashMap<&str, u64> = fresh.iter().map(|file| (file.path.as_str(), checksum(&file.bytes))).collect();
    for file in files.iter().filter(|file| file.reused) {
        let kept = recorded.get(&file.path).map(|(_, sum)| *sum);
        assert!(
            fresh.get(file.path.as_str()).copied() == kept,
            "cache check failed: the publish stage reused a stale file from the output folder: {}; its key misses an input",
            file.path
        );
    }
}
