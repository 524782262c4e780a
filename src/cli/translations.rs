//! `folio translations`: where each translation stands against its original, and `--stamp` to
//! record that a translation now follows the current version of its original.

use super::style::Style;
use clap::Args;
use folio::config::load_config;
use folio::content::discover_content;
use folio::content::translations::{list_translations, stamp_front_matter, Status, TranslationEntry};
use folio::diagnostics::{Diagnostic, Location};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct TranslationsArgs {
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Record in these translations' front matter (`translated_from:`) the version of the original
    /// they now follow. Paths as given, or inside the site root or its content/ folder.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    stamp: Vec<PathBuf>,
}

/// Lists the site's translations, or stamps the files named.
pub fn run(args: TranslationsArgs, style: &Style) -> ExitCode {
    let entries = load_config(&args.root)
        .map_err(|e| e.errors)
        .and_then(|config| Ok((discover_content(&args.root)?, config)))
        .and_then(|(found, config)| list_translations(&config, &found));
    let entries = match entries {
        Ok(entries) => entries,
        Err(errors) => {
            for d in &errors {
                style.error(&d.clone().relative_to(&args.root));
            }
            return ExitCode::from(1);
        }
    };
    let show = |p: &Path| p.strip_prefix(&args.root).unwrap_or(p).display().to_string();
    if args.stamp.is_empty() {
        if entries.is_empty() {
            println!("No translations: name them name.CODE.md for the codes listed under `languages:` in site.yaml.");
        }
        for entry in &entries {
            let state = match entry.status {
                Status::Current => "up to date",
                Status::Outdated => "OUTDATED",
                Status::Unstamped => "not stamped",
                Status::NoOriginal => "only in this language",
            };
            let original =
                entry.original.as_ref().map(|(p, _)| format!(" (original: {})", show(p))).unwrap_or_default();
            println!("{}  {}  {state}{original}", entry.lang, show(&entry.file));
        }
        return ExitCode::SUCCESS;
    }
    let mut failed = false;
    for file in &args.stamp {
        match stamp(file, &args.root, &entries) {
            Ok((entry, hash)) => {
                println!("stamped {} (follows {} at {hash})", show(&entry.file), original_of(entry, &show))
            }
            Err(d) => {
                style.error(&d.relative_to(&args.root));
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn original_of(entry: &TranslationEntry, show: &dyn Fn(&Path) -> String) -> String {
    entry.original.as_ref().map(|(p, _)| show(p)).unwrap_or_default()
}

/// Writes the original's current hash into the translation `file`.
fn stamp<'a>(
    file: &Path,
    root: &Path,
    entries: &'a [TranslationEntry],
) -> Result<(&'a TranslationEntry, String), Diagnostic> {
    let candidates = [file.to_path_buf(), root.join(file), root.join("content").join(file)];
    let canonical = |p: &Path| p.canonicalize().ok();
    let wanted: Vec<PathBuf> = candidates.iter().filter_map(|p| canonical(p)).collect();
    let entry = entries.iter().find(|e| canonical(&e.file).is_some_and(|c| wanted.contains(&c))).ok_or_else(|| {
        Diagnostic::new(Location::file(file), "not a translation of this site").with_help(
            "name a file such as content/kb/refunds.he.md, whose language is listed under `languages:` in site.yaml",
        )
    })?;
    let Some((_, hash)) = &entry.original else {
        return Err(Diagnostic::new(
            Location::file(&entry.file),
            "this page has no original in the default language to follow",
        )
        .with_help("only translations of a page written in the default language can be stamped"));
    };
    let text = std::fs::read_to_string(&entry.file)
        .map_err(|e| Diagnostic::new(Location::file(&entry.file), format!("cannot read: {e}")))?;
    let stamped = stamp_front_matter(&text, hash).map_err(|why| {
        Diagnostic::new(Location::file(&entry.file), format!("cannot stamp: {why}"))
            .with_help("start the file with a YAML front matter block between `---` lines")
    })?;
    std::fs::write(&entry.file, stamped)
        .map_err(|e| Diagnostic::new(Location::file(&entry.file), format!("cannot write: {e}")))?;
    Ok((entry, hash.clone()))
}
