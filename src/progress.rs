//! How far a build has got, for a progress display: the last stage finished, pages rendered out of
//! the total, and the slowest pages. The pipeline and the renderer update it; `folio build` shows
//! it on a terminal. Updating it costs an atomic add per page.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// How many of the slowest pages are kept for `--timings`.
const SLOWEST: usize = 5;

/// A build's progress, shared between the build and whoever displays it.
#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    rendered: AtomicUsize,
    total: AtomicUsize,
    /// What is being counted when it is not pages (`checking links`); empty for pages.
    task: Mutex<&'static str>,
    slowest: Mutex<Vec<(Duration, String)>>,
}

impl Progress {
    /// The stage that just finished (`read content`, `render pages`…).
    pub fn finished(&self, stage: &'static str) {
        *self.stage.lock().unwrap_or_else(|e| e.into_inner()) = stage;
    }

    /// Rendering starts: `total` pages and lists to go.
    pub fn start_pages(&self, total: usize) {
        self.rendered.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One page rendered (not reused), in `took`.
    pub fn page_rendered(&self, path: &str, took: Duration) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        let mut slowest = self.slowest.lock().unwrap_or_else(|e| e.into_inner());
        if slowest.len() < SLOWEST || slowest.last().is_some_and(|(t, _)| took > *t) {
            slowest.push((took, path.to_string()));
            slowest.sort_by_key(|(took, _)| std::cmp::Reverse(*took));
            slowest.truncate(SLOWEST);
        }
    }

    /// Counting something else after the build: `total` of what `label` names (`checking links`).
    pub fn start_task(&self, label: &'static str, total: usize) {
        *self.task.lock().unwrap_or_else(|e| e.into_inner()) = label;
        self.rendered.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more of the task's items done.
    pub fn step(&self) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
    }

    /// One page reused from the previous build.
    pub fn page_reused(&self) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
    }

    /// "render pages: 3400/10000 pages" or "after assemble site".
    pub fn line(&self) -> String {
        let stage = *self.stage.lock().unwrap_or_else(|e| e.into_inner());
        let (done, total) = (self.rendered.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed));
        let task = *self.task.lock().unwrap_or_else(|e| e.into_inner());
        if total > 0 && done < total {
            format!("{}: {done}/{total}", if task.is_empty() { "rendering pages" } else { task })
        } else if stage.is_empty() {
            "reading the site".to_string()
        } else {
            format!("after {stage}")
        }
    }

    /// The slowest pages rendered, slowest first.
    pub fn slowest(&self) -> Vec<(Duration, String)> {
        self.slowest.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_slowest_pages_and_counts_the_rest() {
        let progress = Progress::default();
        progress.start_pages(8);
        for (i, ms) in [3, 9, 1, 7, 5, 2, 8].into_iter().enumerate() {
            progress.page_rendered(&format!("p{i}"), Duration::from_millis(ms));
        }
        assert_eq!(progress.line(), "rendering pages: 7/8");
        let slowest: Vec<String> = progress.slowest().into_iter().map(|(_, p)| p).collect();
        assert_eq!(slowest, ["p1", "p6", "p3", "p4", "p0"]);
        progress.page_reused();
        progress.finished("render pages");
        assert_eq!(progress.line(), "after render pages");
    }

    #[test]
    fn counts_a_task_after_the_build() {
        let progress = Progress::default();
        progress.start_task("checking links", 3);
        progress.step();
        assert_eq!(progress.line(), "checking links: 1/3");
    }
}
