//! What `folio check` found, grouped by the file the writer must open: each problem with its line,
//! address, what went wrong and what to do. Text for people, JSON for other tools.

use super::probe::Verdict;
use crate::config::LinkProblem;
use crate::diagnostics::Diagnostic;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The line in the file, when the link could be found there.
    pub line: Option<usize>,
    /// `internal` for the build's own errors (internal links and anchors among them), else the
    /// external kind: `broken`, `redirect`, `timeout`, `unreachable`, `server`, `rate_limited`, `anchor`.
    pub kind: &'static str,
    /// The external address as written; `None` for internal problems.
    pub url: Option<String>,
    /// The HTTP status of the last answer, when there was one.
    pub status: Option<u16>,
    /// What went wrong.
    pub detail: String,
    /// What to do.
    pub help: String,
    /// Whether this problem makes the run fail.
    pub fatal: bool,
}

/// The problems of one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileProblems {
    /// Relative to the site root: `content/blog/launch.md`, `site.yaml`, or an output page when
    /// the link is made by the theme.
    pub file: String,
    pub problems: Vec<Problem>,
}

/// The numbers of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Distinct external addresses in the built pages.
    pub links: usize,
    /// Distinct full addresses of the site itself, checked against the build instead.
    pub own_site: usize,
    /// Of those, asked of their servers in this run.
    pub requested: usize,
    /// Of those, answered from the cache.
    pub cached: usize,
    /// Of those, left alone because of `check.skip` or `--skip`.
    pub skipped: usize,
    pub problems: usize,
    pub fatal: usize,
}

/// The whole result of `folio check`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub files: Vec<FileProblems>,
    pub totals: Totals,
    /// False when external links were not checked (the build failed, or `--offline`).
    pub external_checked: bool,
    /// Things worth saying that are not problems with links (a cache that could not be saved).
    pub notes: Vec<String>,
}

/// Collects problems by file while a run goes.
#[derive(Default)]
pub struct ReportBuilder {
    files: BTreeMap<String, Vec<Problem>>,
}

impl ReportBuilder {
    /// The build's errors: internal links and anchors, and anything else that stops a build.
    pub fn add_build_error(&mut self, error: &Diagnostic) {
        let file = error.location.file.to_string_lossy().replace('\\', "/");
        let line = Some(error.location.line).filter(|l| *l > 0);
        let help = error.help.clone().unwrap_or_default();
        let problem = Problem {
            line,
            kind: "internal",
            url: None,
            status: None,
            detail: error.message.clone(),
            help,
            fatal: true,
        };
        self.files.entry(file).or_default().push(problem);
    }

    /// An external link's problem at one place.
    pub fn add_link(&mut self, file: &str, line: Option<usize>, url: &str, verdict: &Verdict, fatal: &[LinkProblem]) {
        let Some(kind) = verdict.problem else { return };
        let problem = Problem {
            line,
            kind: kind.name(),
            url: Some(url.to_string()),
            status: verdict.status,
            detail: verdict.detail.clone(),
            help: advice(kind, verdict),
            fatal: fatal.contains(&kind),
        };
        self.files.entry(file.to_string()).or_default().push(problem);
    }

    pub fn finish(self, mut totals: Totals, external_checked: bool, notes: Vec<String>) -> Report {
        let files: Vec<FileProblems> = self
            .files
            .into_iter()
            .map(|(file, mut problems)| {
                problems.sort_by(|a, b| (a.line, &a.url).cmp(&(b.line, &b.url)));
                FileProblems { file, problems }
            })
            .collect();
        totals.problems = files.iter().map(|f| f.problems.len()).sum();
        totals.fatal = files.iter().flat_map(|f| &f.problems).filter(|p| p.fatal).count();
        Report { files, totals, external_checked, notes }
    }
}

/// What the writer can do about a problem of `kind`.
fn advice(kind: LinkProblem, verdict: &Verdict) -> String {
    match kind {
        LinkProblem::Broken if matches!(verdict.status, Some(401 | 403)) => {
            "the server refuses Folio (a login, or robots kept out): open it in a browser; if it works there, add it to check.skip".into()
        }
        // Only the site's own addresses are judged without a status: against the build.
        LinkProblem::Broken if verdict.status.is_none() => {
            "fix the address, or link to the page's Markdown file (@/kb/refunds.md) so every build checks it".into()
        }
        LinkProblem::Broken => "the page is gone: link to where it moved, or remove the link".into(),
        LinkProblem::Redirect => match &verdict.moved_to {
            Some(to) => format!("write the new address instead: {to}"),
            None => "write the address it moved to instead".into(),
        },
        LinkProblem::Timeout => {
            "the server did not answer in time: try again later, raise check.timeout, or skip the host".into()
        }
        LinkProblem::Unreachable => "check the address for typos; if the site is gone, remove the link".into(),
        LinkProblem::Server => "the server failed: try again later; if it stays broken, remove the link".into(),
        LinkProblem::RateLimited => "the host limits how often it is asked: lower check.per_host, or skip the host".into(),
        LinkProblem::Anchor => "link to the page without the #fragment, or to a heading it does have".into(),
    }
}

impl Report {
    /// True when a problem the user asked to be fatal was found.
    pub fn failed(&self) -> bool {
        self.totals.fatal > 0
    }

    /// The report for a terminal: each file, then its problems by line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for file in &self.files {
            let _ = writeln!(out, "{}", file.file);
            for p in &file.problems {
                let severity = if p.fatal { "error" } else { "warning" };
                let at = p.line.map(|l| format!("{l}: ")).unwrap_or_default();
                match &p.url {
                    Some(url) => {
                        let _ = writeln!(out, "  {at}{severity}[{}] {url}: {}", p.kind, p.detail);
                    }
                    None => {
                        let _ = writeln!(out, "  {at}{severity}[{}] {}", p.kind, p.detail);
                    }
                }
                if !p.help.is_empty() {
                    let _ = writeln!(out, "    help: {}", p.help);
                }
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        let t = &self.totals;
        if t.own_site > 0 {
            let _ = writeln!(
                out,
                "{} address{} of this site checked against the build",
                t.own_site,
                if t.own_site == 1 { "" } else { "es" }
            );
        }
        if self.external_checked {
            let _ = writeln!(
                out,
                "{} external link{} ({} asked, {} from the cache, {} skipped): {} problem{}, {} fatal",
                t.links,
                plural(t.links),
                t.requested,
                t.cached,
                t.skipped,
                t.problems,
                plural(t.problems),
                t.fatal
            );
        } else {
            let _ = writeln!(
                out,
                "external links not checked: {} problem{}, {} fatal",
                t.problems,
                plural(t.problems),
                t.fatal
            );
        }
        out
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
