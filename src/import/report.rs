//! What an import did, as a summary for people: what came in, what was left out and why, what a
//! writer should look at, and which files were written, left alone or in conflict.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Lists longer than this are cut in the printed summary; the manifest holds them all.
const SHOWN: usize = 10;

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct ImportReport {
    /// `wordpress` or `feed`.
    pub importer: String,
    pub posts: usize,
    pub pages: usize,
    /// Posts and pages kept as drafts.
    pub drafts: usize,
    pub authors: usize,
    pub tags: usize,
    pub categories: usize,
    pub aliases: usize,
    pub comments: usize,
    /// Old `?p=ID` addresses that lead to their page through the redirect table.
    pub id_redirects: usize,
    /// Reason → how many were left out.
    pub skipped: BTreeMap<String, usize>,
    /// Content file → HTML tags it kept.
    pub raw_html: BTreeMap<String, Vec<String>>,
    /// Content file → shortcodes left as text.
    pub shortcodes: BTreeMap<String, Vec<String>>,
    /// Images and files still loaded from the old site.
    pub remote_files: Vec<String>,
    /// Uploads copied into static/ by this run.
    pub copied_files: usize,
    /// Uploads named by a post but missing from the `--uploads` folder.
    pub missing_files: Vec<String>,
    /// Old addresses that could not become redirects, with the reason.
    pub dropped_aliases: Vec<String>,
    /// Comments left out of a post's front matter to stay within its size limit: file → count.
    pub trimmed_comments: BTreeMap<String, usize>,
    /// Things worth knowing that are not counts.
    pub notes: Vec<String>,
    /// Files created or updated.
    pub written: Vec<String>,
    pub unchanged: usize,
    /// Files changed since the last import (or not written by it), left as they are.
    pub conflicts: Vec<String>,
    /// Files the last import wrote that have since been deleted, and were not written again.
    pub deleted_by_user: Vec<String>,
}

impl ImportReport {
    /// The summary printed after an import.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut counts = vec![count(self.posts, "post"), count(self.pages, "page")];
        if self.drafts > 0 {
            counts.push(format!("{} of them draft{}", self.drafts, plural(self.drafts)));
        }
        counts.extend([
            count(self.authors, "author"),
            count(self.tags, "tag"),
            format!("{} categor{}", self.categories, if self.categories == 1 { "y" } else { "ies" }),
            format!("{} old address{} kept as redirects", self.aliases, if self.aliases == 1 { "" } else { "es" }),
        ]);
        if self.comments > 0 {
            counts.push(count(self.comments, "comment"));
        }
        let _ = writeln!(out, "Imported {}", counts.join(", "));
        if self.id_redirects > 0 {
            let _ = writeln!(
                out,
                "  {} old ?p=ID addresses lead to their pages (see Moving in: old addresses)",
                self.id_redirects
            );
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(out, "Skipped:");
            for (reason, n) in &self.skipped {
                let _ = writeln!(out, "  {n:>5}  {reason}");
            }
        }
        section(
            &mut out,
            "Pages that kept some HTML (Markdown has no way to say it; check them):",
            self.raw_html.iter().map(|(f, t)| format!("{f}: <{}>", t.join("> <"))),
        );
        section(
            &mut out,
            "Shortcodes left as text (nothing to convert them to):",
            self.shortcodes.iter().map(|(f, s)| format!("{f}: [{}]", s.join("] ["))),
        );
        section(
            &mut out,
            "Comments left out to keep the front matter within its size limit:",
            self.trimmed_comments.iter().map(|(f, n)| format!("{f}: {n} oldest")),
        );
        section(&mut out, "Images and files still loaded from their old addresses:", self.remote_files.iter().cloned());
        section(
            &mut out,
            "Files missing from the uploads folder (their old addresses are kept):",
            self.missing_files.iter().cloned(),
        );
        section(&mut out, "Old addresses that did not become redirects:", self.dropped_aliases.iter().cloned());
        for note in &self.notes {
            let _ = writeln!(out, "Note: {note}");
        }
        section(&mut out, "Conflicts — these files differ from what the import would write (edited since the last import, or not written by it), so they were left as they are:", self.conflicts.iter().cloned());
        section(&mut out, "Deleted since the last import, so not written again:", self.deleted_by_user.iter().cloned());
        let unchanged = match self.unchanged {
            0 => String::new(),
            1 => " (1 file unchanged)".to_string(),
            n => format!(" ({n} files unchanged)"),
        };
        match (self.written.len(), self.conflicts.len()) {
            (0, 0) => {
                let _ =
                    writeln!(out, "Nothing changed: all {} files are as the last import left them.", self.unchanged);
            }
            (0, _) => {
                let _ = writeln!(out, "Nothing written{unchanged}.");
            }
            (n, _) => {
                let _ = writeln!(out, "Wrote {}{unchanged}.", count(n, "file"));
            }
        }
        if self.copied_files > 0 {
            let _ = writeln!(out, "Copied {} from the uploads folder into static/.", count(self.copied_files, "file"));
        }
        out
    }
}

fn section(out: &mut String, title: &str, lines: impl ExactSizeIterator<Item = String>) {
    let total = lines.len();
    if total == 0 {
        return;
    }
    let _ = writeln!(out, "{title}");
    for line in lines.take(SHOWN) {
        let _ = writeln!(out, "  {line}");
    }
    if total > SHOWN {
        let _ = writeln!(out, "  … and {} more (all are listed in the import manifest in .folio/)", total - SHOWN);
    }
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
