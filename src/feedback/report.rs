//! Closing the loop: submissions grouped per page, with votes, the share found helpful, reasons and
//! the latest comments; pages needing attention come first. "Not found" requests from list pages
//! are counted apart: they are not votes, so they never make a list "need attention". Search gaps —
//! queries that found nothing, or whose results nobody opened — are grouped by query as the search
//! index reads it (`analysis`), so `חשבונית`, `החשבונית` and `בחשבוניות` count as one, into a
//! "write these next" list.

use super::export::Submission;
use super::gaps::search_gaps;
pub use super::gaps::{query_forms, SearchGap};
use serde::Serialize;
use std::collections::BTreeMap;

/// Below this share of "yes" votes a page needs attention.
pub const ATTENTION_SHARE: f64 = 0.7;
/// How many recent comments a page's report keeps.
const RECENT: usize = 5;

/// What readers said about one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageFeedback {
    /// The page id (its path in content/) when known, else its URL path.
    pub page: String,
    pub url: String,
    pub title: String,
    pub votes: usize,
    /// "Not found" requests: readers of a list who did not find what they were looking for.
    pub requests: usize,
    pub helpful: usize,
    pub not_helpful: usize,
    /// Whole percent of votes that were "yes".
    pub percent_helpful: u32,
    /// Each reason and how many readers gave it, most given first.
    pub reasons: Vec<ReasonCount>,
    /// The latest submissions with text, newest first.
    pub recent: Vec<Comment>,
    pub needs_attention: bool,
}

/// How many readers gave one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    pub reason: String,
    pub count: usize,
}

/// A reader's words, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub timestamp: String,
    pub helpful: bool,
    /// A "not found" request rather than a vote.
    pub request: bool,
    pub reason: String,
    pub text: String,
    pub email: String,
}

/// All pages' feedback, pages needing attention first.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub submissions: usize,
    pub percent_helpful: u32,
    pub pages: Vec<PageFeedback>,
    /// What readers searched for and did not find, most asked first.
    pub searches: Vec<SearchGap>,
}

/// The URL path of a page URL: scheme, host, query and fragment dropped.
pub fn url_path(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r.find('/').map_or("/", |i| &r[i..])).unwrap_or(url);
    let path = rest.split(['?', '#']).next().unwrap_or("/");
    if path.is_empty() {
        "/".into()
    } else {
        path.to_string()
    }
}

/// Groups submissions by page: by `page_id` when given, else by URL path.
pub fn build_report(all: &[Submission]) -> Report {
    let (searches, submissions): (Vec<&Submission>, Vec<&Submission>) = all.iter().partition(|s| s.search);
    let mut groups: BTreeMap<String, Vec<&Submission>> = BTreeMap::new();
    for s in submissions.iter().copied() {
        let key = if s.page_id.trim().is_empty() { url_path(&s.url) } else { s.page_id.trim().to_string() };
        groups.entry(key).or_default().push(s);
    }
    let mut pages: Vec<PageFeedback> = groups.into_iter().map(|(key, list)| page_feedback(key, &list)).collect();
    pages.sort_by(|a, b| {
        (b.needs_attention, a.percent_helpful, b.not_helpful, b.votes)
            .cmp(&(a.needs_attention, b.percent_helpful, a.not_helpful, a.votes))
            .then_with(|| a.page.cmp(&b.page))
    });
    let helpful = submissions.iter().filter(|s| s.helpful).count();
    let votes = submissions.iter().filter(|s| !s.request).count();
    Report { submissions: all.len(), percent_helpful: percent(helpful, votes), pages, searches: search_gaps(&searches) }
}

fn page_feedback(page: String, list: &[&Submission]) -> PageFeedback {
    let helpful = list.iter().filter(|s| s.helpful).count();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for s in list.iter().filter(|s| !s.request && !s.reason.trim().is_empty()) {
        *reasons.entry(s.reason.trim().to_string()).or_default() += 1;
    }
    let mut reasons: Vec<ReasonCount> =
        reasons.into_iter().map(|(reason, count)| ReasonCount { reason, count }).collect();
    reasons.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    let mut with_text: Vec<&&Submission> = list.iter().filter(|s| !s.text.trim().is_empty()).collect();
    // ISO timestamps sort as text; later lines of an export are newer when times are equal or missing.
    with_text.reverse();
    with_text.sort_by(|a, b| b.timestamp.cmp(&a.timestamp));
    let recent = with_text
        .into_iter()
        .take(RECENT)
        .map(|s| Comment {
            timestamp: s.timestamp.clone(),
            helpful: s.helpful,
            request: s.request,
            reason: if s.request { String::new() } else { s.reason.clone() },
            text: s.text.trim().to_string(),
            email: s.email.clone(),
        })
        .collect();
    let latest = |f: fn(&Submission) -> &String| list.iter().rev().map(|s| f(s)).find(|v| !v.is_empty()).cloned();
    let requests = list.iter().filter(|s| s.request).count();
    let votes = list.len() - requests;
    let broken = reasons.iter().any(|r| r.reason == "broken_link");
    PageFeedback {
        url: latest(|s| &s.url).unwrap_or_default(),
        title: latest(|s| &s.title).unwrap_or_default(),
        page,
        votes,
        requests,
        helpful,
        not_helpful: votes - helpful,
        percent_helpful: percent(helpful, votes),
        reasons,
        recent,
        needs_attention: votes > 0 && ((helpful as f64) < ATTENTION_SHARE * votes as f64 || broken),
    }
}

/// Whole percent, rounded down so 99.6% never shows as 100%.
fn percent(part: usize, whole: usize) -> u32 {
    (part * 100).checked_div(whole).unwrap_or(0) as u32
}

impl Report {
    /// The report for a terminal.
    pub fn to_text(&self) -> String {
        if self.pages.is_empty() && self.searches.is_empty() {
            return "No feedback yet.\n".into();
        }
        let mut out = self.pages_text();
        if !self.searches.is_empty() {
            out.push_str("\nSearches that did not help — write these next:\n");
            for gap in &self.searches {
                let mut line = format!("  {} [{}]: {} found nothing", gap.query, gap.lang, gap.no_results);
                if gap.not_opened > 0 {
                    line.push_str(&format!(", {} opened no result", gap.not_opened));
                }
                if gap.spellings.len() > 1 {
                    line.push_str(&format!(" (also: {})", gap.spellings[1..].join(", ")));
                }
                out.push_str(&line);
                out.push('\n');
                if !gap.reached.is_empty() {
                    out.push_str(&format!("    then read: {}\n", gap.reached_text()));
                }
            }
        }
        out
    }

    /// CSV for spreadsheets and other tools: one row per page and one per search gap, told apart by `kind`.
    pub fn to_csv(&self) -> String {
        let cell = |v: &str| {
            if v.contains([',', '"', '\n']) {
                format!("\"{}\"", v.replace('"', "\"\""))
            } else {
                v.to_string()
            }
        };
        let mut out = String::from(
            "kind,page,url,title,votes,helpful,percent_helpful,requests,query,lang,no_results,not_opened,reached\n",
        );
        for p in &self.pages {
            let row = [
                "page".into(),
                cell(&p.page),
                cell(&p.url),
                cell(&p.title),
                p.votes.to_string(),
                p.helpful.to_string(),
                p.percent_helpful.to_string(),
                p.requests.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
        for g in &self.searches {
            let row = [
                "search".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                cell(&g.query),
                cell(&g.lang),
                g.no_results.to_string(),
                g.not_opened.to_string(),
                cell(&g.reached_text()),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }

    fn pages_text(&self) -> String {
        if self.pages.is_empty() {
            return format!("{} submission{}, all searches\n", self.submissions, plural(self.submissions));
        }
        let mut out = format!(
            "{} submission{} on {} page{}; {}% found the page helpful\n",
            self.submissions,
            plural(self.submissions),
            self.pages.len(),
            plural(self.pages.len()),
            self.percent_helpful
        );
        for p in &self.pages {
            out.push('\n');
            out.push_str(&page_text(p));
        }
        out
    }
}

fn page_text(p: &PageFeedback) -> String {
    let mark = if p.needs_attention { "! " } else { "  " };
    let title = if p.title.is_empty() { String::new() } else { format!(" — {}", p.title) };
    let mut out = format!("{mark}{}{title}\n", p.page);
    if !p.url.is_empty() && p.url != p.page {
        out.push_str(&format!("    {}\n", p.url));
    }
    let attention = if p.needs_attention { "; needs attention" } else { "" };
    if p.votes > 0 {
        out.push_str(&format!(
            "    {} vote{}: {}% helpful ({} yes, {} no){attention}\n",
            p.votes,
            plural(p.votes),
            p.percent_helpful,
            p.helpful,
            p.not_helpful
        ));
    }
    if p.requests > 0 {
        out.push_str(&format!(
            "    {} request{}: readers did not find what they were looking for\n",
            p.requests,
            plural(p.requests)
        ));
    }
    if !p.reasons.is_empty() {
        let reasons: Vec<String> = p.reasons.iter().map(ReasonCount::label).collect();
        out.push_str(&format!("    reasons: {}\n", reasons.join(", ")));
    }
    for c in &p.recent {
        let vote = if c.request {
            "request"
        } else if c.helpful {
            "yes"
        } else {
            "no"
        };
        let reason = if c.reason.is_empty() { String::new() } else { format!(" [{}]", c.reason.replace('_', " ")) };
        let reply = if c.email.is_empty() { String::new() } else { format!(" (reply to {})", c.email) };
        let text = c.text.replace('\n', " ");
        let when = if c.timestamp.is_empty() { "-" } else { &c.timestamp };
        out.push_str(&format!("    {when} {vote}{reason}: \"{text}\"{reply}\n"));
    }
    out
}

impl ReasonCount {
    /// "broken link ×2".
    pub fn label(&self) -> String {
        format!("{} ×{}", self.reason.replace('_', " "), self.count)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
