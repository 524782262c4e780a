//! The progress line `folio build` shows on a terminal while a build runs longer than a second:
//! "rendering pages: 3400/10000 (2.1 s)". Silent when stderr is not a terminal or in CI, so logs
//! and pipes get only the summary.

use folio::progress::Progress;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A running progress line; `finish` clears it.
pub struct ProgressLine {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ProgressLine {
    /// Starts showing `progress` after a second, if `wanted` and stderr is a terminal outside CI.
    pub fn start(progress: Arc<Progress>, wanted: bool) -> ProgressLine {
        let stop = Arc::new(AtomicBool::new(false));
        let shown = wanted && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let thread = shown.then(|| {
            let stop = stop.clone();
            std::thread::spawn(move || show(&progress, &stop))
        });
        ProgressLine { stop, thread }
    }

    /// Stops and clears the line.
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn show(progress: &Progress, stop: &AtomicBool) {
    let started = Instant::now();
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        if started.elapsed() < Duration::from_secs(1) {
            continue;
        }
        eprint!("\r\x1b[2K{} ({:.1} s)", progress.line(), started.elapsed().as_secs_f64());
        let _ = std::io::stderr().flush();
        drawn = true;
    }
    if drawn {
        eprint!("\r\x1b[2K");
    }
}
