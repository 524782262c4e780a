//! `folio check`: builds the site in memory (nothing is written), reports the build's errors —
//! internal links and anchors among them, always fatal — and asks every external address the pages
//! link to whether it still works, politely (a limit per host, retries with pauses) and only once
//! per address however many pages name it. Good results are kept in a cache between runs.
//!
//! The run, top to bottom: `build_site` → `links::collect_links` (addresses and where they are
//! written; the site's own full addresses are judged against the build by `own_site`) → `store`
//! (what is still known to work) → `pool::run_bounded` over `probe::Prober`
//! (one request chain per document) → `report` (by file, with what to do).

mod html_scan;
mod links;
mod own_site;
mod pool;
mod probe;
mod report;
mod store;

pub use links::{page_links, skip_matches};
pub use report::{FileProblems, Problem, Report, Totals};
pub use store::{CACHE_DIR, LINKS_FILE};

use crate::config::{CheckConfig, LinkProblem};
use crate::pipeline::{build_site, BuildOptions};
use crate::progress::Progress;
use links::{host_of, Place};
use probe::{Prober, Verdict};
use report::ReportBuilder;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use store::{now_seconds, LinkCache};

/// The first pause before a retry without `Retry-After`; each later pause is twice as long.
const RETRY_BACKOFF: Duration = Duration::from_secs(1);

/// What to check and how; `None` settings keep what site.yaml's `check:` says.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Build drafts and future pages too, and check their links.
    pub drafts: bool,
    /// Read and write `.folio-cache/links.json`.
    pub use_cache: bool,
    /// Check only what the build checks: no network.
    pub offline: bool,
    /// Added to `check.skip`.
    pub skip: Vec<String>,
    pub fatal: Option<Vec<LinkProblem>>,
    pub timeout: Option<Duration>,
    pub max_age: Option<Duration>,
    pub concurrency: Option<usize>,
    pub per_host: Option<usize>,
    pub retries: Option<u32>,
    pub anchors: Option<bool>,
    /// Where the run reports how far it has got (the build, then the addresses asked).
    pub progress: Option<Arc<Progress>>,
}

impl CheckOptions {
    /// site.yaml's settings with the options' overrides applied.
    fn settings(&self, configured: &CheckConfig) -> CheckConfig {
        let mut settings = configured.clone();
        settings.skip.extend(self.skip.iter().cloned());
        settings.fatal = self.fatal.clone().unwrap_or(settings.fatal);
        settings.timeout = self.timeout.unwrap_or(settings.timeout);
        settings.max_age = self.max_age.unwrap_or(settings.max_age);
        settings.concurrency = self.concurrency.unwrap_or(settings.concurrency).max(1);
        settings.per_host = self.per_host.unwrap_or(settings.per_host).max(1);
        settings.retries = self.retries.unwrap_or(settings.retries);
        settings.anchors = self.anchors.unwrap_or(settings.anchors);
        settings
    }
}

/// Checks the site at `options.root`. Never fails: a build that fails is reported as its errors.
pub fn check_site(options: &CheckOptions) -> Report {
    let build = BuildOptions {
        root: options.root.clone(),
        drafts: options.drafts,
        future: options.drafts,
        progress: options.progress.clone(),
        ..BuildOptions::default()
    };
    let mut report = ReportBuilder::default();
    let built = match build_site(&build) {
        Ok(built) => built,
        Err(e) => {
            for error in &e.errors {
                report.add_build_error(error);
            }
            return report.finish(Totals::default(), false, Vec::new());
        }
    };
    let settings = options.settings(&built.config.check);
    let base_url = &built.config.base_url;
    let (own, links): (Vec<_>, Vec<_>) =
        links::collect_links(&built, &options.root).into_iter().partition(|(url, _)| own_site::is_own(url, base_url));
    let mut totals = Totals { links: links.len(), own_site: own.len(), ..Totals::default() };
    for (url, places) in &own {
        let verdict = own_site::check_own(url, base_url, &built.output);
        for Place { file, line } in places {
            report.add_link(file, *line, url, &verdict, &settings.fatal);
        }
    }
    if options.offline {
        return report.finish(totals, false, Vec::new());
    }
    let (wanted, skipped): (Vec<_>, Vec<_>) =
        links.into_iter().partition(|(url, _)| !settings.skip.iter().any(|p| skip_matches(p, url)));
    totals.skipped = skipped.len();
    let urls: Vec<&String> = wanted.iter().map(|(url, _)| url).collect();
    let (verdicts, notes) = judge_external(&urls, &settings, options, &mut totals);
    for (url, places) in &wanted {
        for Place { file, line } in places {
            report.add_link(file, *line, url, &verdicts[url], &settings.fatal);
        }
    }
    report.finish(totals, true, notes)
}

/// The verdict on each of `urls`: from the cache while it is fresh, else from its server (a
/// fragment judged against the page's ids when anchors are checked). The cache is saved after.
fn judge_external(
    urls: &[&String],
    settings: &CheckConfig,
    options: &CheckOptions,
    totals: &mut Totals,
) -> (BTreeMap<String, Verdict>, Vec<String>) {
    let now = now_seconds();
    let mut cache = if options.use_cache { LinkCache::load(&options.root) } else { LinkCache::default() };
    let mut verdicts: BTreeMap<String, Verdict> = BTreeMap::new();
    for url in urls {
        if let Some(known) = cache.fresh(&cache_key(url, settings.anchors), settings.max_age, now) {
            verdicts.insert(url.to_string(), known.clone());
        }
    }
    totals.cached = verdicts.len();
    let to_ask: Vec<&String> = urls.iter().copied().filter(|url| !verdicts.contains_key(*url)).collect();
    totals.requested = to_ask.len();
    let answers = ask_servers(&to_ask, settings, &options.progress.clone().unwrap_or_default());
    for url in to_ask {
        let (document, fragment) = split_fragment(url);
        let answer = &answers[document];
        let mut verdict = answer.verdict.clone();
        if let (Some(fragment), Some(ids), true) = (fragment, &answer.ids, settings.anchors) {
            let decoded = crate::url::percent_decode(fragment).unwrap_or_else(|| fragment.to_string());
            if verdict.problem.is_none() && !ids.contains(fragment) && !ids.contains(&decoded) {
                verdict.problem = Some(LinkProblem::Anchor);
                verdict.detail = format!("the page has no element with id `{decoded}`");
            }
        }
        cache.record(&cache_key(url, settings.anchors), &verdict, now);
        verdicts.insert(url.to_string(), verdict);
    }
    let mut notes = Vec::new();
    if options.use_cache {
        if let Err(e) = cache.save(&options.root, settings.max_age, now) {
            notes.push(e.to_string());
        }
    }
    (verdicts, notes)
}

/// Each document (address without fragment) of `urls` asked once, within the limits; its answer,
/// with the page's ids when a link to it names a fragment and anchors are checked.
fn ask_servers(urls: &[&String], settings: &CheckConfig, progress: &Progress) -> BTreeMap<String, probe::Answer> {
    let mut documents: BTreeMap<&str, bool> = BTreeMap::new();
    for url in urls {
        let (document, fragment) = split_fragment(url);
        *documents.entry(document).or_default() |= settings.anchors && fragment.is_some();
    }
    let jobs: Vec<(String, (&str, bool))> = documents
        .into_iter()
        .map(|(document, want_ids)| (host_of(document).unwrap_or("").to_ascii_lowercase(), (document, want_ids)))
        .collect();
    let prober = Prober::new(settings.timeout, settings.retries, RETRY_BACKOFF);
    let limits = pool::Limits { concurrency: settings.concurrency, per_host: settings.per_host };
    let documents: Vec<&str> = jobs.iter().map(|(_, (document, _))| *document).collect();
    progress.start_task("checking links", jobs.len());
    let answers = pool::run_bounded(jobs, limits, |(document, want_ids)| {
        let answer = prober.check(document, want_ids);
        progress.step();
        answer
    });
    documents.into_iter().map(str::to_string).zip(answers).collect()
}

/// `https://a.com/x#y` → (`https://a.com/x`, `Some("y")`); an empty fragment is none, and so is
/// a text fragment (`#:~:text=…`), which names words rather than an element.
fn split_fragment(url: &str) -> (&str, Option<&str>) {
    match url.split_once('#') {
        Some((document, fragment)) => (document, Some(fragment).filter(|f| !f.is_empty() && !f.starts_with(":~:"))),
        None => (url, None),
    }
}

/// Whether an address worked depends on its fragment only when fragments are checked.
fn cache_key(url: &str, anchors: bool) -> String {
    if anchors {
        url.to_string()
    } else {
        split_fragment(url).0.to_string()
    }
}
