//! A cache that is correct by construction must survive any edit: a seeded sequence of random edits
//! (texts, titles, tags, dates, drafts, `related:` pins, pages, bundles and folders added, moved and
//! deleted, authors, products, site.yaml, templates of the site and of its theme folder, UI strings,
//! static files, feedback data; one at a time or in bursts) is applied to a realistic site, and
//! after every one the dev server's cached rebuild must equal a full build byte for byte (search
//! index, feeds and copied files included), or both must fail with the same errors. Edits that
//! break the build are allowed; a repair step undoes them now and then.
//!
//! `FOLIO_RANDOM_SEED=n` replays a sequence and `FOLIO_RANDOM_STEPS=n` sets its length, e.g.
//! `for s in $(seq 1 20); do FOLIO_RANDOM_SEED=$s cargo test --test suite cache_random; done`.
//! A failure names the seed, the step and every edit before it.

mod edits;
mod fixture;
mod layout;
mod regressions;
mod repair;
mod site_files;

use crate::support::site::TestSite;
use fixture::{Model, Rng};
use folio::{build_site, build_site_cached, BuildCache, BuildError, BuildOptions, Built};
use std::collections::BTreeMap;
use std::time::Instant;

/// Steps per sequence when `FOLIO_RANDOM_STEPS` is not set: both sequences side by side take about
/// 30 s in a debug build on two quiet cores (5 steps a second each), a minute or two on busy ones.
const DEFAULT_STEPS: usize = 150;
const DEFAULT_SEED: u64 = 20_260_110;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

#[test]
fn random_edits_rebuild_like_a_full_build() {
    let options = BuildOptions::default();
    run_random_edits(options, "folio build", Cached::InMemory);
}

#[test]
fn random_edits_rebuild_like_a_full_build_from_folio_builds_disk_cache() {
    // Each `folio build` is a new process: only `.folio-cache/build/` and the output folder remain.
    run_random_edits(BuildOptions::default(), "folio build, from .folio-cache/build/", Cached::OnDisk);
}

/// Where the cached build finds what the previous one made.
#[derive(Clone, Copy, PartialEq)]
enum Cached {
    /// In the `BuildCache` it was left in, as in the dev server.
    InMemory,
    /// In the cache folder and the output folder, as `folio build` does.
    OnDisk,
}

/// `folio build`: staged into `out` and committed, with the files read back from there.
fn build_on_disk(options: &BuildOptions, out: &std::path::Path) -> Result<Built, BuildError> {
    let staging = folio::output::Staging::open(out).map_err(|e| BuildError::from_many(vec![e]))?;
    let mut built = folio::build_site_staged(options, &staging)?;
    staging.commit(&built.output).map_err(|e| BuildError::from_many(vec![e]))?;
    for (path, source) in std::sync::Arc::make_mut(&mut built.output).files.iter_mut() {
        let bytes = std::fs::read(out.join(path)).unwrap_or_default();
        *source = folio::output::FileSource::Bytes(bytes.into());
    }
    Ok(built)
}

#[test]
fn random_edits_rebuild_like_a_full_build_in_the_dev_server() {
    // What `folio serve --drafts --future` builds: its own address, drafts and future pages shown,
    // the dev-server markup.
    let options = BuildOptions {
        base_url: Some("http://127.0.0.1:1111".into()),
        drafts: true,
        future: true,
        serve_mode: true,
        ..Default::default()
    };
    run_random_edits(options, "folio serve --drafts --future", Cached::InMemory);
}

/// Applies a seeded random sequence of edits; after each, a cached rebuild (told the changed
/// paths like the watcher tells it, or sometimes nothing) must equal a full build.
fn run_random_edits(options: BuildOptions, mode: &str, cached: Cached) {
    let seed = env_number("FOLIO_RANDOM_SEED", DEFAULT_SEED);
    // A build from disk is a whole build checked against a fresh one: fewer steps.
    let default_steps = if cached == Cached::OnDisk { DEFAULT_STEPS / 3 } else { DEFAULT_STEPS };
    let steps = env_number("FOLIO_RANDOM_STEPS", default_steps as u64) as usize;
    let site = TestSite::new();
    // The watcher reports absolute, canonical paths; the dev server canonicalizes its root too.
    let root = site.root().canonicalize().expect("site root");
    let options = BuildOptions { root: root.clone(), ..options };
    let mut model = Model::create(&root);
    let mut rng = Rng::new(seed);
    let mut cache = BuildCache::default();
    // `folio build`'s output folder, kept from one step to the next like the cache folder.
    let out = tempfile::tempdir().expect("output folder");
    let mut log: Vec<String> = Vec::new();
    let (mut succeeded, started) = (0, Instant::now());
    let (mut last_failed, mut last_error) = (false, String::new());
    for step in 0..=steps {
        if step > 0 {
            let edit = if last_failed && rng.chance(50) {
                repair::repair(&mut model)
            } else {
                edits::random_step(&mut model, &mut rng)
            };
            let told = !rng.chance(10);
            log.push(format!("{step}. {}{}", edit.what, if told { "" } else { " [changed: None]" }));
            cache.changed = told.then_some(edit.changed);
        }
        let cached = match cached {
            Cached::InMemory => snapshot(|| build_site_cached(&options, &mut cache)),
            Cached::OnDisk => snapshot(|| build_on_disk(&options, out.path())),
        };
        let full = snapshot(|| build_site(&options));
        let difference = match (&cached, &full) {
            (Ok(cached), Ok(full)) => {
                cached.difference(full).map(|d| format!("the cached build differs from a full build.\n{d}"))
            }
            (Err(panic), _) | (_, Err(panic)) => Some(format!("a build panicked: {panic}")),
        };
        if let Some(difference) = difference {
            panic!(
                "{mode}: seed {seed}, step {step}: {difference}\n\
                 Replay with FOLIO_RANDOM_SEED={seed} FOLIO_RANDOM_STEPS={step}.\nSteps:\n{}",
                log.join("\n")
            );
        }
        let full = full.expect("checked above");
        last_failed = match full {
            Snapshot::Failed(error) => {
                last_error = format!("step {step}: {error}");
                true
            }
            Snapshot::Built { .. } => false,
        };
        succeeded += usize::from(!last_failed);
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{mode}: seed {seed}: {steps} steps in {seconds:.1} s ({:.1} steps/s), {succeeded} of {} builds succeeded",
        steps as f64 / seconds,
        steps + 1
    );
    // A sequence that mostly fails would test little of the cache.
    assert!(
        succeeded * 2 > steps + 1,
        "{mode}: only {succeeded} of {} builds succeeded; the last error, {last_error}",
        steps + 1
    );
}

/// Runs a build and takes its snapshot; a panic (which no edit may cause) becomes its message.
fn snapshot(build: impl FnOnce() -> Result<Built, BuildError>) -> Result<Snapshot, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Snapshot::of(&build()))).map_err(|panic| {
        let text = panic.downcast_ref::<String>().cloned();
        text.or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
    })
}

/// What a build produced, in a form to compare: every file's bytes (copied files read from disk),
/// the warnings and notes, and the unpublished pages; or the error report.
pub enum Snapshot {
    Built { files: BTreeMap<String, Vec<u8>>, warnings: Vec<String>, unpublished: Vec<String> },
    Failed(String),
}

impl Snapshot {
    pub fn of(result: &Result<Built, BuildError>) -> Snapshot {
        match result {
            Ok(built) => Snapshot::Built {
                files: built
                    .output
                    .files
                    .iter()
                    .map(|(path, source)| {
                        let bytes = source.read().map(|b| b.into_owned());
                        (path.clone(), bytes.unwrap_or_else(|e| format!("<cannot read: {e}>").into_bytes()))
                    })
                    .collect(),
                // Notes are compared with the warnings: both must not depend on the cache.
                warnings: built.warnings.iter().chain(&built.notes).map(|w| w.to_string()).collect(),
                unpublished: built
                    .unpublished
                    .iter()
                    .map(|(path, (lang, why))| format!("{path} {lang} {why:?}"))
                    .collect(),
            },
            Err(e) => Snapshot::Failed(e.to_string()),
        }
    }

    /// `None` when both are the same; else the first few differences, with context.
    pub fn difference(&self, full: &Snapshot) -> Option<String> {
        match (self, full) {
            (Snapshot::Failed(a), Snapshot::Failed(b)) if a == b => None,
            (Snapshot::Failed(a), Snapshot::Failed(b)) => {
                Some(format!("cached build failed with:\n{a}\nfull build failed with:\n{b}"))
            }
            (Snapshot::Failed(a), Snapshot::Built { .. }) => Some(format!("only the cached build failed:\n{a}")),
            (Snapshot::Built { .. }, Snapshot::Failed(b)) => Some(format!("only the full build failed:\n{b}")),
            (
                Snapshot::Built { files, warnings, unpublished },
                Snapshot::Built { files: full_files, warnings: full_warnings, unpublished: full_unpublished },
            ) => {
                let mut report = Vec::new();
                for path in files.keys().chain(full_files.keys()).collect::<std::collections::BTreeSet<_>>() {
                    match (files.get(path), full_files.get(path)) {
                        (Some(a), Some(b)) if a == b => {}
                        (Some(a), Some(b)) => report.push(format!("{path} differs:\n{}", context(a, b))),
                        (Some(_), None) => report.push(format!("{path} is only in the cached build")),
                        (None, _) => report.push(format!("{path} is missing from the cached build")),
                    }
                }
                if warnings != full_warnings {
                    report.push(format!("warnings differ:\ncached: {warnings:#?}\nfull:   {full_warnings:#?}"));
                }
                if unpublished != full_unpublished {
                    report.push(format!(
                        "unpublished pages differ:\ncached: {unpublished:?}\nfull:   {full_unpublished:?}"
                    ));
                }
                let total = report.len();
                report.truncate(6);
                (total > 0).then(|| format!("{total} difference(s), the first ones:\n\n{}", report.join("\n\n")))
            }
        }
    }
}

/// Both texts around their first difference.
fn context(cached: &[u8], full: &[u8]) -> String {
    let at = cached.iter().zip(full).position(|(a, b)| a != b).unwrap_or(cached.len().min(full.len()));
    let start = at.saturating_sub(100);
    let show = |bytes: &[u8]| String::from_utf8_lossy(&bytes[start..(at + 150).min(bytes.len())]).into_owned();
    format!("  at byte {at}\n  cached: …{}…\n  full:   …{}…", show(cached), show(full))
}
