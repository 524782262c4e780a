//! The numbers a build reports: pages by kind, files, what was left out, and each stage's time.

use crate::output::Output;
use crate::site::Site;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Pages by kind (`post`, `article`…).
    pub pages: BTreeMap<&'static str, usize>,
    pub lists: usize,
    /// Pages left out of this build, by reason (`draft`, `future`, `expired`, `unapproved`).
    pub withheld: BTreeMap<&'static str, usize>,
    pub files: usize,
    pub elapsed: Duration,
    /// Pages rendered by this build; the rest were reused from the previous one.
    pub rendered: usize,
    /// How long each stage took, in order.
    pub stages: Vec<(&'static str, Duration)>,
    /// The slowest pages this build rendered, slowest first (output path, time).
    pub slowest: Vec<(Duration, String)>,
    /// Pages readers flagged in `feedback.data`: "kb/a.md: 40% helpful of 12 votes".
    pub feedback_attention: Vec<String>,
    /// Image copies this build encoded, and those it found in the disk cache.
    pub images: (usize, usize),
}

/// Times the stages of a build.
pub(crate) struct Stopwatch {
    progress: std::sync::Arc<crate::progress::Progress>,
    pub started: Instant,
    last: Instant,
    pub laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    pub fn new(progress: std::sync::Arc<crate::progress::Progress>) -> Stopwatch {
        let now = Instant::now();
        Stopwatch { progress, started: now, last: now, laps: Vec::new() }
    }

    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.progress.finished(stage);
        self.last = now;
    }

    /// Stages that ran side by side, each with its own time (together more than the wall time).
    pub fn laps_side_by_side(&mut self, stages: impl IntoIterator<Item = (&'static str, Duration)>) {
        for (stage, took) in stages {
            self.laps.push((stage, took));
            self.progress.finished(stage);
        }
        self.last = Instant::now();
    }
}

pub(crate) fn summarize(site: &Site, output: &Output, elapsed: Duration) -> Summary {
    let mut pages = BTreeMap::new();
    for page in &site.pages {
        *pages.entry(page.kind.name()).or_insert(0) += 1;
    }
    Summary {
        pages,
        lists: site.sections.len(),
        withheld: site.withheld.clone(),
        files: output.files.len(),
        elapsed,
        ..Default::default()
    }
}

impl Summary {
    /// "12 posts, 20 articles, 3 products, 9 lists; 61 files in 85 ms (left out: 2 draft, 1 future)".
    pub fn line(&self) -> String {
        let mut parts: Vec<String> =
            self.pages.iter().map(|(kind, n)| format!("{n} {kind}{}", if *n == 1 { "" } else { "s" })).collect();
        parts.push(format!("{} list{}", self.lists, if self.lists == 1 { "" } else { "s" }));
        let mut line = format!("{}; {} files in {} ms", parts.join(", "), self.files, self.elapsed.as_millis());
        let (made, cached) = self.images;
        if made + cached > 0 {
            line.push_str(&format!("; image copies: {made} made, {cached} from the cache"));
        }
        if !self.withheld.is_empty() {
            let left_out: Vec<String> = self.withheld.iter().map(|(why, n)| format!("{n} {why}")).collect();
            line.push_str(&format!(" (left out: {})", left_out.join(", ")));
        }
        line
    }

    /// "read content 41 ms, assemble site 3 ms, …".
    pub fn stage_line(&self) -> String {
        let stages: Vec<String> =
            self.stages.iter().map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0)).collect();
        stages.join(", ")
    }

    /// "slowest pages: kb/a/index.html 12.0 ms, …", or nothing when no page was rendered.
    pub fn slowest_line(&self) -> Option<String> {
        let pages: Vec<String> =
            self.slowest.iter().map(|(d, path)| format!("{path} {:.1} ms", d.as_secs_f64() * 1000.0)).collect();
        (!pages.is_empty()).then(|| format!("slowest pages: {}", pages.join(", ")))
    }
}
