//! Watching the site folder: file-system events, filtered and gathered into one rebuild per burst.

use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// A burst of edits ends when the folder has been quiet this long…
const QUIET: Duration = Duration::from_millis(10);
/// …or, during a long burst (a `git checkout`), after this long at most.
const LONGEST_BURST: Duration = Duration::from_millis(400);

/// Watches `root` recursively; `changes` yields the changed paths of each burst.
pub struct SiteWatcher {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    /// Files the build reads that the folder rules would skip (hidden, or outside the site).
    extra: Vec<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching.
    pub fn start(root: &Path) -> notify::Result<SiteWatcher> {
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender)?;
        watcher.watch(root, RecursiveMode::Recursive)?;
        Ok(SiteWatcher { _watcher: watcher, events, root: root.to_path_buf(), extra: Vec::new() })
    }

    /// Also reports changes to `file` (such as `feedback.data`), wherever it is.
    pub fn watch_file(&mut self, file: &Path) -> notify::Result<()> {
        if !file.starts_with(&self.root) {
            if let Some(dir) = file.parent() {
                self._watcher.watch(dir, RecursiveMode::NonRecursive)?;
            }
        }
        self.extra.push(file.to_path_buf());
        Ok(())
    }

    /// Blocks until a burst of relevant changes has settled; returns the changed paths, or `None`
    /// when the watcher failed or `stop` was set.
    pub fn next_burst(&self, stop: &AtomicBool) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            match self.events.recv_timeout(Duration::from_millis(100)) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        let started = Instant::now();
        loop {
            let left = LONGEST_BURST.saturating_sub(started.elapsed());
            match self.events.recv_timeout(QUIET.min(left)) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if started.elapsed() >= LONGEST_BURST {
                break;
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    fn collect(&self, event: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>) {
        let Ok(event) = event else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        changed.extend(
            event
                .paths
                .into_iter()
                .filter(|p| self.extra.contains(p) || (p.starts_with(&self.root) && is_relevant(p, &self.root))),
        );
    }
}

/// Site files count; version control, build output, editor temp files and hidden files do not.
pub fn is_relevant(path: &Path, root: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut components = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = components.next().unwrap_or_default();
    if matches!(first.as_ref(), "target" | "public" | "node_modules") {
        return false;
    }
    rel.components().all(|c| !crate::content::is_ignored(&c.as_os_str().to_string_lossy())) && !is_editor_temp(path)
}

/// Editors' scratch files: vim's `4913` probe, emacs lock files, JetBrains' `___jb_tmp___`.
fn is_editor_temp(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name == "4913"
        || name.starts_with(".#")
        || name.contains("___jb_")
        || name.ends_with(".bak")
        || name.ends_with(".orig")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_git_output_and_editor_files() {
        let root = Path::new("/site");
        for path in [
            "/site/.git/index",
            "/site/public/x",
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/4913",
            "/site/content/.#a.md",
        ] {
            assert!(!is_relevant(Path::new(path), root), "{path}");
        }
        for path in ["/site/content/a.md", "/site/site.yaml", "/site/templates/page.html", "/site/static/x.css"] {
            assert!(is_relevant(Path::new(path), root), "{path}");
        }
    }
}
