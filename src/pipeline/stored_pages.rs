//! Rendered pages across `folio build` runs. The renderer already keys every page by a digest of
//! all it is made from (`RenderedFile::fingerprint`); `folio build` keeps, for each output file,
//! that key and a checksum of the bytes it wrote. The next build hands the keys to the renderer as
//! its previous pages, and a page whose key is unchanged is taken from the output folder — but
//! only if the file there still has the checksum recorded (a file edited by hand, or another
//! `--output` folder, is rendered again). The bytes themselves are never stored twice.

use super::persist::StageStore;
use super::staged::Sink;
use crate::diagnostics::Diagnostic;
use crate::memo::checking;
use crate::memo::checksum;
use crate::render::{render_pages, KeptKeys, NavKeys, PreviousPages, RenderInput, RenderedFile};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// The checksums of the pages a build hands to its staging folder, by output path.
#[derive(Debug, Default)]
pub(super) struct Written(Mutex<HashMap<String, u64>>);

impl Written {
    pub fn note(&self, path: &str, bytes: &[u8]) {
        let sum = checksum(bytes);
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_string(), sum);
    }

    pub fn get(&self, path: &str) -> Option<u64> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).get(path).copied()
    }
}

/// The entry of the section navigations' digests (see `render::NavKeys`).
const NAV_KEYS: &str = "nav-keys";

/// Every page rendered into `sink`, or taken from the output folder when the previous build
/// rendered it from the same inputs and the folder still holds what it wrote. The section
/// navigations' digests are kept on disk too: finding a page's key otherwise builds its
/// navigation, which at 10,000 pages was half the work of a build with nothing changed.
pub(super) fn render_stored(
    input: &RenderInput,
    store: &StageStore,
    sink: Sink,
    written: &Written,
) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
    let stored: Vec<(u64, u64)> = store.load_entries(NAV_KEYS).unwrap_or_default();
    let mut nav_keys = NavKeys::from_digests(stored.clone());
    let files = render_with(&RenderInput { nav_keys: &nav_keys, ..*input }, store, sink, written);
    if files.is_ok() {
        nav_keys.finish();
        let digests = nav_keys.digests();
        if digests != stored {
            store.store_entries(NAV_KEYS, &digests);
        }
    }
    files
}

/// `render_stored` with the navigation digests in `input`.
fn render_with(
    input: &RenderInput,
    store: &StageStore,
    sink: Sink,
    written: &Written,
) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
    // Output path → (the page's key, the checksum of its bytes).
    let recorded: HashMap<String, (u64, u64)> = store.load_entries("pages").unwrap_or_default();
    let empty: Arc<[u8]> = Arc::from(&[][..]);
    let previous: PreviousPages =
        recorded.iter().map(|(path, (key, _))| (path.clone(), (*key, empty.clone()))).collect();
    let mut files = render_pages(input, &previous)?;
    // A reused page's bytes are those the output folder holds, if they are what was written;
    // the others are rendered again.
    let missing: HashSet<String> = files
        .par_iter()
        .filter(|file| file.reused)
        .filter_map(|file| {
            let sum = recorded.get(&file.path).map(|(_, sum)| *sum);
            let kept = sum.is_some_and(|sum| sink.keep_if_holds(&file.path, sum));
            (!kept).then(|| file.path.clone())
        })
        .collect();
    if !missing.is_empty() {
        // Rendered again: every other page is passed as the previous build's, so only these are.
        let previous: PreviousPages = files
            .iter()
            .filter(|file| !missing.contains(&file.path))
            .map(|file| (file.path.clone(), (file.fingerprint, empty.clone())))
            .collect();
        let mut again: HashMap<String, RenderedFile> =
            render_pages(input, &previous)?.into_iter().map(|file| (file.path.clone(), file)).collect();
        for file in files.iter_mut().filter(|file| missing.contains(&file.path)) {
            if let Some(fresh) = again.remove(&file.path) {
                *file = fresh;
            }
        }
    }
    if checking() {
        verify_reused(input, &files, &recorded);
    }
    if record_holds(files.iter(), &recorded) {
        return Ok(files);
    }
    let record: HashMap<String, (u64, u64)> = files
        .iter()
        .filter_map(|file| {
            let sum = match file.reused {
                true => recorded.get(&file.path).map(|(_, sum)| *sum),
                // A file not handed to the sink (a product's JSON) is staged with the output.
                false => written.get(&file.path).or_else(|| (!file.bytes.is_empty()).then(|| checksum(&file.bytes))),
            };
            Some((file.path.clone(), (file.fingerprint, sum?)))
        })
        .collect();
    if record != recorded {
        store.store_entries("pages", &record);
    }
    Ok(files)
}

/// Whether the record of `files` (output path → key and checksum) would be `recorded` as it is:
/// every file reused under the key recorded for it, and no other file recorded. At 10,000 pages,
/// copying 20,000 paths into a new record to find that out was the last serial step of rendering.
pub(super) fn record_holds<'a>(
    mut files: impl Iterator<Item = &'a RenderedFile>,
    recorded: &HashMap<String, (u64, u64)>,
) -> bool {
    let mut count = 0;
    let reused = |file: &RenderedFile| {
        count += 1;
        file.reused && recorded.get(&file.path).is_some_and(|(key, _)| *key == file.fingerprint)
    };
    files.all(reused) && count == recorded.len()
}

/// The checked mode: every page taken from the output folder rendered again, byte for byte the same.
fn verify_reused(input: &RenderInput, files: &[RenderedFile], recorded: &HashMap<String, (u64, u64)>) {
    if !files.iter().any(|file| file.reused) {
        return;
    }
    let (nav_keys, kept) = (&NavKeys::default(), &KeptKeys::default());
    let fresh = render_pages(&RenderInput { sink: None, nav_keys, kept, ..*input }, &PreviousPages::default())
        .expect("the pages rendered before");
    let fresh: HashMap<&str, u64> = fresh.iter().map(|file| (file.path.as_str(), checksum(&file.bytes))).collect();
    for file in files.iter().filter(|file| file.reused) {
        let kept = recorded.get(&file.path).map(|(_, sum)| *sum);
        assert!(
            fresh.get(file.path.as_str()).copied() == kept,
            "cache check failed: the render stage reused a stale page from the output folder: {}; its key misses an input",
            file.path
        );
    }
}
