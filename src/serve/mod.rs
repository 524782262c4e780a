//! `folio serve`: build the site into memory, serve it on 127.0.0.1, rebuild on every change and
//! tell open pages to reload. A broken edit never stops the server: it keeps the last good site and
//! shows the errors over it until the file is fixed. `trust` screens every request first: only
//! local `Host` names, same-origin live reload and feedback, and the methods each path needs.

mod feedback;
mod feedback_endpoint;
pub mod http;
mod inject;
mod requests;
mod routes;
mod trust;
mod watch;
mod widget_cors;

use crate::diagnostics::{BuildError, Diagnostic, Location};
use crate::output::Output;
use crate::pipeline::BuildCache;
use crate::pipeline::{build_site_cached, BuildOptions, Built};
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use requests::handle;

pub use feedback_endpoint::{start_endpoint, EndpointLog, EndpointOptions, RunningEndpoint};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// The port to try first; 0 lets the system choose.
    pub port: u16,
    /// Preview drafts and unapproved community articles, with a banner.
    pub drafts: bool,
    /// Preview pages dated in the future, with a banner.
    pub future: bool,
}

/// What the server reports as it runs; `main` decides how to show it.
#[derive(Debug)]
pub enum ServeEvent {
    /// Serving at `url`; `busy` is the requested port when it was taken and another was used.
    Listening {
        url: String,
        busy: Option<u16>,
    },
    /// A (re)build succeeded.
    Built {
        summary: String,
        rebuilt_pages: usize,
        elapsed: Duration,
        stages: String,
        /// "slowest pages: …", when the rebuild rendered any.
        slowest: Option<String>,
    },
    Warning(Diagnostic),
    /// Worth knowing, not a problem (authors shown by name only); repeated only when it changes.
    Note(Diagnostic),
    /// The pages `feedback.data` says need attention changed (sent only when the list changes).
    FeedbackAttention(Vec<String>),
    /// The local feedback endpoint received a submission (`line`) and appended it to `file`.
    Feedback {
        line: String,
        file: PathBuf,
    },
    /// A (re)build failed; the last good site stays up with these errors shown over it.
    Failed(BuildError),
}

/// Distinguishes servers started in one process (tests start many).
static SERVERS_STARTED: AtomicUsize = AtomicUsize::new(0);

/// The log callback.
pub type Log = Arc<dyn Fn(ServeEvent) + Send + Sync>;

/// The site as currently served.
struct State {
    output: Arc<Output>,
    unpublished: BTreeMap<String, (String, crate::site::Withheld)>,
    /// The errors of the last build, when it failed.
    errors: Option<String>,
    /// The configuration of the last good build: the feedback sink's settings come from it, so a
    /// post never reads site.yaml (which may be half-edited) again.
    config: Option<crate::config::Config>,
    /// Copied files are served only from inside these folders: the site's, and its theme folder.
    allowed: Vec<PathBuf>,
}

/// What the request threads, the watcher and the live-reload streams share.
struct Shared {
    state: RwLock<State>,
    /// (version, kind of the last change) — bumped after every rebuild.
    change: Mutex<(u64, &'static str)>,
    changed: Condvar,
    /// Tells reconnecting pages whether this is still the server that served them.
    server_id: String,
    /// Set by `RunningServer::stop`: the watcher and the event streams end.
    stopped: AtomicBool,
    /// The site folder, for the local feedback endpoint's settings.
    root: PathBuf,
    /// The pages needing attention last reported, so a rebuild repeats them only when they change.
    attention: Mutex<Vec<String>>,
    /// The notes last logged.
    notes: Mutex<Vec<String>>,
    log: Log,
    /// Keeps `folio build` from pruning cache entries this preview's pages may still ask for.
    cache_lease: Mutex<crate::disk_cache::ServeLease>,
}

/// A running server; dropping it does not stop it, `stop` does.
pub struct RunningServer {
    http: http::Stopper,
    shared: Arc<Shared>,
    pub url: String,
    pub port: u16,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl RunningServer {
    /// Blocks until the server stops.
    pub fn wait(self) {
        for thread in self.threads {
            let _ = thread.join();
        }
    }

    /// Stops accepting requests, watching, and streaming events (open pages will reconnect to
    /// whatever server next listens on the port).
    pub fn stop(&self) {
        self.shared.stopped.store(true, Ordering::Relaxed);
        self.shared.cache_lease.lock().unwrap_or_else(|e| e.into_inner()).release();
        // Taking the lock first means no stream is between its check and its wait.
        let _change = self.shared.change.lock().unwrap_or_else(|e| e.into_inner());
        self.shared.changed.notify_all();
        self.http.stop();
    }
}

/// Binds, builds, and starts serving and watching in background threads.
pub fn start(mut options: ServeOptions, log: Log) -> Result<RunningServer, Diagnostic> {
    // The watcher reports absolute paths; the build must name files the same way.
    options.root = options.root.canonicalize().map_err(|e| {
        Diagnostic::new(Location::file(&options.root), format!("cannot open the site folder: {e}"))
            .with_help("pass the folder that holds site.yaml with --root")
    })?;
    let (http, port, busy) = bind(options.bind, options.port)?;
    let host = if options.bind.is_ipv6() { format!("[{}]", options.bind) } else { options.bind.to_string() };
    let url = format!("http://{host}:{port}");
    let build_options = BuildOptions {
        root: options.root.clone(),
        base_url: Some(url.clone()),
        drafts: options.drafts,
        future: options.future,
        serve_mode: true,
        progress: None,
    };
    let mut cache = BuildCache::default();
    let started = Instant::now();
    let first = build_site_cached(&build_options, &mut cache);
    // `feedback.data` feeds the pages' "N% found this helpful", so it is watched even when hidden.
    let feedback_data = first.as_ref().ok().and_then(|b| b.config.feedback.as_ref()?.data.clone());
    let shared = Arc::new(Shared {
        state: RwLock::new(State {
            output: Arc::default(),
            unpublished: BTreeMap::new(),
            errors: None,
            config: None,
            allowed: Vec::new(),
        }),
        change: Mutex::new((0, "reload")),
        changed: Condvar::new(),
        server_id: format!("{}-{}-{}", std::process::id(), port, SERVERS_STARTED.fetch_add(1, Ordering::Relaxed)),
        stopped: AtomicBool::new(false),
        root: options.root.clone(),
        cache_lease: Mutex::new(crate::disk_cache::ServeLease::take(&options.root)),
        attention: Mutex::new(Vec::new()),
        notes: Mutex::new(Vec::new()),
        log: log.clone(),
    });
    apply_build(&shared, first, started, &[], &log);
    log(ServeEvent::Listening { url: url.clone(), busy });

    let mut watcher = watch::SiteWatcher::start(&options.root).map_err(|e| {
        Diagnostic::new(Location::file(&options.root), format!("cannot watch the site folder: {e}"))
            .with_help("on Linux, raise fs.inotify.max_user_watches")
    })?;
    if let Some(data) = feedback_data {
        if let Err(e) = watcher.watch_file(&data) {
            log(ServeEvent::Warning(Diagnostic::new(
                Location::file(&data),
                format!("cannot watch feedback.data: {e}"),
            )));
        }
    }
    let serving = shared.clone();
    let (stopper, acceptor) = http.serve(move |request| handle(request, &serving));
    let threads = vec![spawn_watcher(watcher, build_options, cache, shared.clone(), log), acceptor];
    Ok(RunningServer { http: stopper, shared, url, port, threads })
}

/// Binds `port`, or the next free one of the 20 after it.
fn bind(ip: IpAddr, port: u16) -> Result<(http::Listener, u16, Option<u16>), Diagnostic> {
    let tries = if port == 0 { 1 } else { 20 };
    let mut last_error = String::new();
    for offset in 0..tries {
        let candidate = port.saturating_add(offset);
        match http::Listener::bind(ip, candidate) {
            Ok(listener) => {
                let actual = listener.local_addr().map(|a| a.port()).unwrap_or(candidate);
                return Ok((listener, actual, (offset > 0).then_some(port)));
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(Diagnostic::new(Location::file(format!("{ip}:{port}")), format!("cannot listen: {last_error}"))
        .with_help("choose another port with --port"))
}

fn spawn_watcher(
    watcher: watch::SiteWatcher,
    options: BuildOptions,
    mut cache: BuildCache,
    shared: Arc<Shared>,
    log: Log,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while let Some(changed) = watcher.next_burst(&shared.stopped) {
            let started = Instant::now();
            cache.changed = Some(changed.clone());
            let result = build_site_cached(&options, &mut cache);
            apply_build(&shared, result, started, &changed, &log);
        }
    })
}

/// Publishes a build result: a success replaces the site; a failure keeps it and shows the errors.
fn apply_build(shared: &Shared, result: Result<Built, BuildError>, started: Instant, changed: &[PathBuf], log: &Log) {
    let mut recorded = None;
    let kind = match result {
        Ok(built) => {
            for warning in &built.warnings {
                log(ServeEvent::Warning(warning.clone()));
            }
            report_notes(shared, &built.notes, log);
            let only_css = !changed.is_empty() && changed.iter().all(|p| p.extension().is_some_and(|e| e == "css"));
            let mut state = shared.state.write().unwrap_or_else(|e| e.into_inner());
            let was_broken = state.errors.take().is_some();
            let rebuilt_pages = built.summary.rendered;
            let (stages, slowest) = (built.summary.stage_line(), built.summary.slowest_line());
            let elapsed = started.elapsed();
            log(ServeEvent::Built { summary: built.summary.line(), rebuilt_pages, elapsed, stages, slowest });
            report_attention(shared, &built.summary.feedback_attention, log);
            recorded = Some(built.output.clone());
            let previous = std::mem::replace(&mut state.output, built.output);
            state.unpublished = built.unpublished;
            state.allowed = allowed_folders(&shared.root, &built.config);
            state.config = Some(built.config);
            drop(state);
            // Tens of thousands of paths at 10,000 pages: freed on another thread, not before the reload.
            std::thread::spawn(move || drop(previous));
            if only_css && !was_broken {
                "css"
            } else {
                "reload"
            }
        }
        Err(errors) => {
            shared.state.write().unwrap_or_else(|e| e.into_inner()).errors = Some(errors.to_string());
            log(ServeEvent::Failed(errors));
            "reload"
        }
    };
    let mut change = shared.change.lock().unwrap_or_else(|e| e.into_inner());
    *change = (change.0 + 1, kind);
    shared.changed.notify_all();
    drop(change);
    // The cache entries the new site copies from are leased after the pages are told to reload.
    if let Some(output) = recorded {
        shared.cache_lease.lock().unwrap_or_else(|e| e.into_inner()).record(&shared.root, &output);
    }
}

/// The folders copied files may come from: the site's, and the theme folder it names.
fn allowed_folders(root: &Path, config: &crate::config::Config) -> Vec<PathBuf> {
    let mut allowed = vec![root.canonicalize().unwrap_or(root.to_path_buf())];
    if let crate::config::ThemeChoice::Folder(dir) = &config.theme {
        allowed.push(dir.canonicalize().unwrap_or(dir.clone()));
    }
    allowed
}

/// Logs the build's notes when they differ from the last ones logged, so every rebuild of a long
/// session does not repeat them.
fn report_notes(shared: &Shared, notes: &[Diagnostic], log: &Log) {
    let text: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
    let mut last = shared.notes.lock().unwrap_or_else(|e| e.into_inner());
    if *last != text {
        *last = text;
        for note in notes {
            log(ServeEvent::Note(note.clone()));
        }
    }
}

fn report_attention(shared: &Shared, attention: &[String], log: &Log) {
    let mut last = shared.attention.lock().unwrap_or_else(|e| e.into_inner());
    if last.as_slice() != attention {
        *last = attention.to_vec();
        log(ServeEvent::FeedbackAttention(attention.to_vec()));
    }
}
