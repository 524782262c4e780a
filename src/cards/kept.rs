//! The last build's cards, handed back whole to a rebuild that changed no page's front matter,
//! place or publication (`site::SiteChanges::Bodies`): a card shows only those, the configuration,
//! the colours and the fonts, so every card and its file are as they were. Describing and naming
//! 10,000 cards again for a saved paragraph was most of the stage.

use super::{CardFile, CardsMemo, DrawnCards};
use crate::memo::checking;
use std::path::Path;
use std::sync::Arc;

/// The kept cards, when the pages' front matter did not change, every card shares what it shared
/// last time (`shared`), and the cache folder `dir` is as the last build left it (a card removed
/// from it by hand or by `folio build`'s pruning changes the folder's time).
pub(super) fn kept_cards(memo: &CardsMemo, shared: u64, fronts_unchanged: bool, dir: &Path) -> Option<Arc<DrawnCards>> {
    let (_, drawn) = memo.kept.as_ref().filter(|(key, _)| fronts_unchanged && *key == shared)?;
    let stamp = std::fs::metadata(dir).and_then(|m| m.modified()).ok();
    (memo.folder_stamp.is_some() && stamp == memo.folder_stamp).then(|| drawn.clone())
}

/// The checked mode: the kept cards are those drawing every card again gives, with the same warnings.
pub(super) fn verify_kept(
    kept: &DrawnCards,
    fresh: impl FnOnce() -> Result<DrawnCards, Vec<crate::diagnostics::Diagnostic>>,
) {
    if !checking() {
        return;
    }
    let fresh = fresh().expect("the cards were drawn before");
    assert!(
        summary(&fresh) == summary(kept),
        "cache check failed: the cards kept from the last build differ from the cards drawn again"
    );
}

/// Each card's path and where its bytes are, and the warnings, as text to compare.
fn summary(drawn: &DrawnCards) -> (Vec<(String, String)>, Vec<String>) {
    let files = drawn
        .files
        .iter()
        .map(|(path, file)| {
            let at = match file {
                CardFile::Cached(at) => at.display().to_string(),
                CardFile::Bytes(bytes) => format!("{} bytes, {:x}", bytes.len(), crate::memo::checksum(bytes)),
            };
            (path.clone(), at)
        })
        .collect();
    (files, drawn.warnings.iter().map(ToString::to_string).collect())
}
