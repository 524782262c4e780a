//! `folio import`: an existing blog brought into a Folio site in one command.
//!
//! Every import runs the same stages, each complete before the next begins:
//! 1. read the whole source — a WordPress export (`wordpress`) or an RSS/Atom feed (`feed`) — into
//!    one model (`model::Source`); malformed or truncated XML stops here, before anything is written;
//! 2. `plan` the site in memory: HTML → Markdown (`shortcodes`, `dom`, `html`), posts and pages
//!    placed with front matter, old addresses as aliases (`old_addresses`), links and uploads
//!    (`links`), author files and, for a new site, `site.yaml` (`site_config`);
//! 3. `apply` the plan: write what changed, leave alone what someone edited, record hashes in
//!    `.folio/import-<importer>.json` so a second run changes nothing.
//!
//! The result is an `ImportReport`; like the rest of the library, nothing here prints.

mod apply;
mod dates;
mod dom;
mod feed;
pub mod fetch;
mod front;
mod html;
mod links;
mod model;
mod old_addresses;
mod plan;
mod report;
mod shortcodes;
mod site_config;
mod urls;
mod wordpress;
mod xml;

pub use report::ImportReport;

use crate::diagnostics::{Diagnostic, Location};
use plan::{plan_site, Importer};
use std::path::{Path, PathBuf};

/// Where to import into, and from where to copy uploaded files.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site folder; created with a `site.yaml` when it has none.
    pub root: PathBuf,
    /// A copy of WordPress's `wp-content/uploads` folder.
    pub uploads: Option<PathBuf>,
}

/// Imports a WordPress export file.
pub fn import_wordpress(export: &Path, options: &ImportOptions) -> Result<ImportReport, Diagnostic> {
    let text = read_source(export)?;
    let source = wordpress::read_export(&text, export)?;
    if let Some(uploads) = options.uploads.as_deref().filter(|u| !u.is_dir()) {
        return Err(Diagnostic::new(Location::file(uploads), "the uploads folder does not exist")
            .with_help("give a copy of the old site's wp-content/uploads folder, or leave out --uploads"));
    }
    let plan = plan_site(&source, Importer::WordPress, &options.root, options.uploads.as_deref())?;
    apply::apply_plan(plan, &options.root, Importer::WordPress)
}

/// Imports an RSS 2.0 or Atom feed, from a file or an http(s) address.
pub fn import_feed(feed: &str, options: &ImportOptions) -> Result<ImportReport, Diagnostic> {
    let (text, name) = if feed.starts_with("http://") || feed.starts_with("https://") {
        (fetch::fetch_text(feed)?, PathBuf::from(feed))
    } else {
        (read_source(Path::new(feed))?, PathBuf::from(feed))
    };
    let source = feed::read_feed(&text, &name)?;
    let plan = plan_site(&source, Importer::Feed, &options.root, None)?;
    apply::apply_plan(plan, &options.root, Importer::Feed)
}

fn read_source(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::new(Location::file(path), format!("cannot read: {e}")).with_help("check the file name")
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count();
        Diagnostic::new(Location::new(path, line, 0), "the file is not valid UTF-8")
            .with_help("WordPress exports are UTF-8; was the file changed by another program?")
    })
}
