//! `updated: git`: a page's updated date is the date of the last commit that touched its file.
//!
//! One `git log` for the whole site, read newest first and stopped as soon as every asked-for file
//! has its date, so a 10,000-page site costs one process, not 10,000.

use super::Site;
use crate::content::dates::PageDate;
use crate::content::front_matter::front_key_line;
use crate::diagnostics::{Diagnostic, Location};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use time::format_description::well_known::Rfc3339;

/// Sets `front.updated` of every page that asks for `updated: git`; returns warnings for what
/// could not be dated (git missing, not a checkout, a file never committed). Those pages keep no
/// updated date, as if they had not asked.
pub fn apply_git_dates(site: &mut Site) -> Vec<Diagnostic> {
    let root = site.config.root.clone();
    let wanted: HashSet<String> = site
        .pages
        .iter()
        .filter(|p| p.front.updated_from_git)
        .filter_map(|p| p.path.strip_prefix(&root).ok().map(slash_path))
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let dates = match last_commit_dates(&root, &wanted) {
        Ok(dates) => dates,
        Err(reason) => {
            let first =
                site.pages.iter().find(|p| p.front.updated_from_git).map(|p| p.path.clone()).unwrap_or_default();
            return vec![Diagnostic::new(
                Location::file(first),
                format!("`updated: git` cannot be used here: {reason}; {}", pages_get(wanted.len())),
            )
            .with_help("build from a git checkout with git installed, or write the date: updated: 2026-03-01")];
        }
    };
    let mut warnings = Vec::new();
    for page in site.pages.iter_mut().filter(|p| p.front.updated_from_git) {
        let rel = page.path.strip_prefix(&root).map(slash_path).unwrap_or_default();
        page.front.updated = dates.get(&rel).copied();
        if page.front.updated.is_none() {
            let line = front_key_line(&page.source.parsed.front_text, "updated");
            warnings.push(
                Diagnostic::new(Location::new(&page.path, line, 0), "`updated: git`: this file has no commits yet")
                    .with_help("commit it to give the page the commit's date; until then it has no updated date"),
            );
        }
    }
    warnings
}

/// "1 page gets no updated date", "3 pages get no updated date".
fn pages_get(n: usize) -> String {
    if n == 1 {
        "1 page gets no updated date".to_string()
    } else {
        format!("{n} pages get no updated date")
    }
}

/// `content/blog/a.md`, with `/` on every platform, as git prints paths.
fn slash_path(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The last commit date of each file in `wanted` (paths relative to `root`) that git knows.
fn last_commit_dates(root: &Path, wanted: &HashSet<String>) -> Result<HashMap<String, PageDate>, String> {
    let mut child = Command::new("git")
        // Without quotePath git would print Hebrew file names as octal escapes.
        .args(["-c", "core.quotePath=false", "log", "--relative", "--no-renames", "--name-only"])
        .args(["--format=%x1e%cI", "--", "content"])
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "git is not installed (or not on PATH)".to_string(),
            _ => format!("cannot run git: {e}"),
        })?;
    let stdout = child.stdout.take().ok_or("cannot read git's output")?;
    let mut dates = HashMap::new();
    let mut current: Option<PageDate> = None;
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        if let Some(stamp) = line.strip_prefix('\u{1e}') {
            current = time::OffsetDateTime::parse(stamp.trim(), &Rfc3339).ok().map(PageDate);
        } else if let (Some(date), true) = (current, wanted.contains(line.as_str())) {
            // Newest commits come first, so the first date seen for a file is its last change.
            dates.entry(line).or_insert(date);
            if dates.len() == wanted.len() {
                // Everything is dated: the rest of the history is not needed.
                let _ = child.kill();
                break;
            }
        }
    }
    let mut errors = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_string(&mut errors);
    }
    let status = child.wait().map_err(|e| format!("cannot run git: {e}"))?;
    if !status.success() && dates.len() < wanted.len() {
        let first = errors.lines().next().unwrap_or("").trim().trim_start_matches("fatal: ").to_string();
        return Err(if first.contains("not a git repository") {
            "the site is not in a git checkout".to_string()
        } else if first.contains("does not have any commits") {
            "the git repository has no commits yet".to_string()
        } else {
            format!("git log failed: {first}")
        });
    }
    Ok(dates)
}
