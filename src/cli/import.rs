//! `folio import wordpress|feed`: arguments, and the summary printed afterwards.

use super::style::Style;
use clap::Subcommand;
use folio::import::{import_feed, import_wordpress, ImportOptions, ImportReport};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import a WordPress export (Tools → Export → All content): posts, pages, drafts, authors,
    /// categories, tags, comments and every old address as a redirect.
    Wordpress {
        /// The export file (.xml).
        export: PathBuf,
        /// The site folder; a new site.yaml is written from the export when it has none.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// A copy of the old site's wp-content/uploads folder: images and files the posts use are
        /// copied into static/. Without it they stay at their old addresses, and are listed.
        #[arg(long)]
        uploads: Option<PathBuf>,
    },
    /// Import the posts of an RSS 2.0 or Atom feed (Wix, Blogger, Medium, Ghost…), from a file or
    /// an http(s) address.
    Feed {
        /// The feed: a file, or an address such as https://example.com/blog-feed.xml.
        feed: String,
        /// The site folder; a new site.yaml is written from the feed when it has none.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Runs the import and prints its summary; running it again is safe and says nothing changed.
pub fn run(command: ImportCommand, style: &Style) -> ExitCode {
    let result: Result<ImportReport, _> = match command {
        ImportCommand::Wordpress { export, root, uploads } => {
            import_wordpress(&export, &ImportOptions { root, uploads })
        }
        ImportCommand::Feed { feed, root } => import_feed(&feed, &ImportOptions { root, uploads: None }),
    };
    match result {
        Ok(report) => {
            print!("{}", report.to_text());
            ExitCode::SUCCESS
        }
        Err(e) => {
            style.error(&e);
            eprintln!("{} nothing was written", style.red("import failed:"));
            ExitCode::from(1)
        }
    }
}
