//! Reader feedback and comments: "Was this helpful?" on content pages, sent by the transport
//! site.yaml chooses; comment threads from a provider that loads only when the reader asks; and
//! the loop back to writers (`folio feedback report`, and `feedback.data` shown on built pages).
//!
//! The payload the widget sends (JSON, or form fields of the same names): `url`, `page_id`,
//! `title`, `lang`, `vote` (`yes`/`no`), `reason`, `text`, `email`, `timestamp` (ISO 8601, UTC).

pub mod export;
pub mod gaps;
pub mod lists;
pub mod report;
#[cfg(test)]
mod report_tests;

pub use crate::config::feedback::{
    CommentsConfig, FeedbackConfig, LoadOn, PostFormat, Provider, RawComments, RawFeedback, Transport,
};
pub use export::{read_exports, Submission};
pub use report::{build_report, PageFeedback, Report};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use crate::site::{Page, Site};
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};

/// Where `folio serve` receives feedback, on its own address.
pub const LOCAL_ENDPOINT: &str = "/__folio/feedback";

/// The reasons a reader can pick after a "No", in the order shown; their labels are UI strings.
/// `broken_link` reads "broken link or example"; older ids are mapped by [`export::current_reason`].
pub const REASONS: &[&str] =
    &["inaccurate", "out_of_date", "hard_to_follow", "missing_information", "broken_link", "other"];

/// The top-level folder of a page (`kb` for `kb/billing/a.md`); empty for pages at the root.
fn top_folder(page: &Page) -> &str {
    page.id.split_once('/').map_or("", |(first, _)| first)
}

/// Whether `page` shows "Was this helpful?": never without a transport; else its front matter,
/// then its folder in `feedback.sections`, then by kind (posts, articles, guides and products).
pub fn shows_feedback(config: &Config, page: &Page) -> bool {
    let Some(feedback) = config.feedback.as_ref().filter(|f| f.transport.is_some()) else { return false };
    page.front
        .feedback
        .or_else(|| feedback.sections.get(top_folder(page)).copied())
        .unwrap_or(page.kind.rules().feedback)
}

/// Whether `page` shows comments: never without a provider; else its front matter, then its folder
/// in `comments.sections`, then by kind (posts, articles and guides).
pub fn shows_comments(config: &Config, page: &Page) -> bool {
    let Some(comments) = &config.comments else { return false };
    page.front
        .comments
        .or_else(|| comments.sections.get(top_folder(page)).copied())
        .unwrap_or(page.kind.rules().comments)
}

/// The thank-you page a reader without JavaScript returns to, per language: the site's language
/// at `/feedback/thanks/`, others at `/feedback/thanks/<lang>/`.
pub fn thanks_path(lang: &str, site_language: &str) -> String {
    if lang == site_language {
        "/feedback/thanks/".into()
    } else {
        format!("/feedback/thanks/{lang}/")
    }
}

/// The languages that get a thank-you page: the site's, and every language of a page with the widget.
pub fn thanks_languages(site: &Site) -> Vec<String> {
    if site.config.feedback.as_ref().and_then(|f| f.transport).is_none() {
        return Vec::new();
    }
    let mut langs: BTreeSet<String> =
        site.pages.iter().filter(|p| shows_feedback(&site.config, p)).map(|p| p.lang.clone()).collect();
    // List pages in other languages send readers without JavaScript back to their own language too.
    let lists = site.sections.iter().filter(|s| lists::for_section(site, s, String::new()).is_some());
    langs.extend(lists.map(|s| s.lang.clone()));
    langs.insert(site.config.language.clone());
    langs.into_iter().collect()
}

/// `site.feedback` and `site.comments` for templates. In the dev server every transport is replaced
/// by its local endpoint, so the whole path can be tried on a laptop.
pub fn template_values(site: &Site, serve_mode: bool) -> (Value, Value) {
    let config = &site.config;
    let feedback = match config.feedback.as_ref().filter(|f| f.transport.is_some()) {
        Some(f) => feedback_value(site, f, serve_mode),
        None => Value::Null,
    };
    let comments = match &config.comments {
        Some(c) => serde_json::to_value(c).unwrap_or(Value::Null),
        None => Value::Null,
    };
    (feedback, comments)
}

fn feedback_value(site: &Site, f: &FeedbackConfig, serve_mode: bool) -> Value {
    let config = &site.config;
    let transport = if serve_mode { Transport::Endpoint } else { f.transport.unwrap_or(Transport::Endpoint) };
    let (action, method, enctype) = match (serve_mode, transport) {
        (true, _) => (LOCAL_ENDPOINT.to_string(), "post", ""),
        (false, Transport::Endpoint) => (f.endpoint.clone().unwrap_or_default(), "post", ""),
        (false, Transport::Mailto) => {
            let subject = format!("Feedback: {}", config.title);
            (
                format!(
                    "mailto:{}?subject={}",
                    f.email.clone().unwrap_or_default(),
                    crate::url::percent_encode(&subject)
                ),
                "post",
                "text/plain",
            )
        }
        (false, Transport::Github) => {
            (format!("https://github.com/{}/issues/new", f.repo.clone().unwrap_or_default()), "get", "")
        }
    };
    let thanks: serde_json::Map<String, Value> = thanks_languages(site)
        .into_iter()
        .map(|lang| {
            let url = site.permalink(&thanks_path(&lang, &config.language));
            (lang, Value::String(url))
        })
        .collect();
    json!({
        "transport": transport,
        "action": action,
        "method": method,
        "enctype": enctype,
        "format": if serve_mode { PostFormat::Json } else { f.format },
        "email": f.email,
        "repo": f.repo,
        "labels": f.labels.join(","),
        "redirect_field": f.redirect_field,
        "reasons": REASONS,
        "thanks": thanks,
        "preview": serve_mode,
        "next_step": f.next_step.as_ref().map(|step| next_step_value(site, step)),
    })
}

/// `site.feedback.next_step` for templates: a path on the site gets the site's base path; the
/// placeholders stay for the widget to fill (`{url}`, `{title}`, `{lang}` at build time, `{reason}`
/// when the reader has chosen one).
fn next_step_value(site: &Site, step: &crate::config::next_step::NextStep) -> Value {
    let href = step.href.as_ref().map(|h| if h.starts_with('/') { site.url(h) } else { h.clone() });
    json!({ "kind": step.kind, "href": href, "chat": step.chat })
}

/// What `feedback.data` says about each page of the site, by page index.
#[derive(Debug, Default)]
pub struct FeedbackStats {
    by_page: HashMap<usize, PageFeedback>,
    min_votes: u32,
    /// Pages readers flagged, for the build summary: "kb/a.md: 40% helpful of 12 votes".
    pub attention: Vec<String>,
}

/// What a page shows: "N% of readers found this helpful".
#[derive(Debug, Clone, Hash, serde::Serialize)]
pub struct Helpful {
    pub percent: u32,
    pub votes: usize,
}

impl FeedbackStats {
    /// The share shown on page `i`, when enough readers voted.
    pub fn helpful(&self, i: usize) -> Option<Helpful> {
        let p = self.by_page.get(&i)?;
        (p.votes >= self.min_votes as usize && p.votes > 0)
            .then_some(Helpful { percent: p.percent_helpful, votes: p.votes })
    }
}

/// Reads `feedback.data` (when set) and matches its submissions to the site's pages by page id,
/// else by URL path. Submissions about pages the site no longer has are left out.
pub fn load_stats(site: &Site) -> Result<FeedbackStats, Vec<Diagnostic>> {
    let Some(f) = &site.config.feedback else { return Ok(FeedbackStats::default()) };
    let Some(data) = &f.data else { return Ok(FeedbackStats::default()) };
    if !data.is_file() {
        let file = site.config.root.join(crate::config::CONFIG_FILE);
        let line = crate::config::feedback::nested_key_line(
            &std::fs::read_to_string(&file).unwrap_or_default(),
            "feedback",
            "data",
        );
        return Err(vec![Diagnostic::new(
            Location::new(file, line.unwrap_or(0), 0),
            format!("`feedback.data`: cannot read {}", data.strip_prefix(&site.config.root).unwrap_or(data).display()),
        )
        .with_help("point it at exported feedback (JSON lines or .csv), relative to the site folder, or remove it")]);
    }
    let submissions = read_exports(&[data])?;
    let by_id: HashMap<&str, usize> = site.pages.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let by_url: HashMap<String, usize> =
        site.pages.iter().enumerate().map(|(i, p)| (site.url(&p.url_path), i)).collect();
    let mut matched = Vec::new();
    for mut s in submissions {
        let index = by_id.get(s.page_id.trim()).copied().or_else(|| by_url.get(&report::url_path(&s.url)).copied());
        if let Some(i) = index {
            s.page_id = site.pages[i].id.clone();
            matched.push(s);
        }
    }
    let report = build_report(&matched);
    let attention = report
        .pages
        .iter()
        .filter(|p| p.needs_attention)
        .map(|p| {
            let reasons: Vec<String> = p.reasons.iter().map(report::ReasonCount::label).collect();
            let reasons = if reasons.is_empty() { String::new() } else { format!("; {}", reasons.join(", ")) };
            format!(
                "{}: {}% helpful of {} vote{}{reasons}",
                p.page,
                p.percent_helpful,
                p.votes,
                if p.votes == 1 { "" } else { "s" }
            )
        })
        .collect();
    let by_page = report.pages.into_iter().filter_map(|p| by_id.get(p.page.as_str()).map(|&i| (i, p))).collect();
    Ok(FeedbackStats { by_page, min_votes: f.min_votes, attention })
}

/// What a build should warn about: a widget or thread asked for that nothing can show.
pub fn warnings(site: &Site) -> Vec<Diagnostic> {
    let mut found = config_warnings(&site.config);
    found.extend(section_warnings(site));
    let no_transport = site.config.feedback.as_ref().and_then(|f| f.transport).is_none();
    for page in &site.pages {
        let front = &page.source.parsed.front_text;
        let at = |key: &str| Location::new(&page.path, crate::content::front_matter::front_key_line(front, key), 1);
        if page.front.feedback == Some(true) && no_transport {
            found.push(
                Diagnostic::new(
                    at("feedback"),
                    "`feedback: true`, but site.yaml sets no feedback transport, so no widget is shown",
                )
                .with_help("set feedback.transport (endpoint, mailto or github) in site.yaml"),
            );
        }
        if page.front.comments == Some(true) && site.config.comments.is_none() {
            found.push(
                Diagnostic::new(
                    at("comments"),
                    "`comments: true`, but site.yaml sets no comments provider, so no thread is shown",
                )
                .with_help("set comments.provider in site.yaml"),
            );
        }
    }
    found
}

/// `sections:` keys that name no top-level folder of content/ (a typo turns nothing on or off).
fn section_warnings(site: &Site) -> Vec<Diagnostic> {
    let folders: BTreeSet<&str> = site.pages.iter().map(top_folder).filter(|f| !f.is_empty()).collect();
    // Feedback can also switch the forms of generated lists (`tags`, `search`).
    let generated: BTreeSet<&str> = lists::generated_keys(site).collect();
    let file = site.config.root.join(crate::config::CONFIG_FILE);
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let blocks = [
        ("feedback", site.config.feedback.as_ref().map(|f| &f.sections)),
        ("comments", site.config.comments.as_ref().map(|c| &c.sections)),
    ];
    let mut found = Vec::new();
    for (block, sections) in blocks {
        let known = |k: &str| folders.contains(k) || (block == "feedback" && generated.contains(k));
        for folder in sections.into_iter().flat_map(|s| s.keys()).filter(|k| !known(k)) {
            let line = crate::config::feedback::nested_key_line(&text, block, "sections").unwrap_or(0);
            let help = match crate::diagnostics::closest(folder, folders.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("top-level folders: {}", folders.iter().copied().collect::<Vec<_>>().join(", ")),
            };
            found.push(
                Diagnostic::new(
                    Location::new(&file, line, 0),
                    format!("`{block}.sections` names `{folder}`, but content/ has no folder `{folder}` with pages"),
                )
                .with_help(help),
            );
        }
    }
    found
}

/// Warnings about the configuration: a `feedback:` block with no way to send is shown nowhere.
fn config_warnings(config: &Config) -> Vec<Diagnostic> {
    let Some(f) = &config.feedback else { return Vec::new() };
    if f.transport.is_some() {
        return Vec::new();
    }
    let file = config.root.join(crate::config::CONFIG_FILE);
    let line = crate::yaml::key_line(&std::fs::read_to_string(&file).unwrap_or_default(), "feedback").unwrap_or(0);
    vec![Diagnostic::new(
        Location::new(file, line, 0),
        "`feedback` has no `transport`, so no page shows the feedback widget",
    )
    .with_help("add transport: endpoint, mailto or github (with endpoint:, email: or repo:)")]
}
