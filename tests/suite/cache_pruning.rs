//! `.folio-cache/` does not grow for ever: after a successful `folio build`, entries no build used
//! for `cache.max_age` are removed (with `--gc`, every entry the build did not use), and nothing
//! else — not a failed build, not while `folio serve` runs, never a file outside the cache.

use crate::support;

use std::path::Path;
use std::time::{Duration, SystemTime};
use support::site::TestSite;

const DAY: Duration = Duration::from_secs(24 * 3600);

/// Writes `rel` and dates its last change `age` ago.
fn aged_file(site: &TestSite, rel: &str, age: Duration) {
    site.file(rel, "old bytes");
    set_age(&site.path(rel), age);
}

fn set_age(path: &Path, age: Duration) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

fn age(path: &Path) -> Duration {
    SystemTime::now().duration_since(std::fs::metadata(path).unwrap().modified().unwrap()).unwrap_or_default()
}

/// The cache files of `dir` (`images`, `cards`) the last build used: the ones its output names.
fn cached(site: &TestSite, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.path(&format!(".folio-cache/{dir}")))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn site() -> TestSite {
    let site = TestSite::new();
    site.picture("static/images/chart.png", 700, 350).page(
        "kb/a.md",
        "title: A",
        "Intro.\n\n![Chart](/images/chart.png)\n",
    );
    site
}

#[test]
fn stale_unused_entries_go_used_ones_stay_and_nothing_outside_is_touched() {
    let site = site();
    let first = site.run(&["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let (copies, cards) = (cached(&site, "images"), cached(&site, "cards"));
    assert!(!copies.is_empty() && !cards.is_empty());
    // A used copy that no build touched for long is kept, and its time is renewed.
    let used = site.path(&format!(".folio-cache/images/{}", copies[0]));
    set_age(&used, 90 * DAY);
    aged_file(&site, ".folio-cache/images/renamed-320w-0000.webp", 40 * DAY);
    aged_file(&site, ".folio-cache/cards/gone.png", 31 * DAY);
    aged_file(&site, ".folio-cache/images/recent-320w-0000.webp", 2 * DAY);
    // Never touched: files outside the two folders, and what other commands keep in the cache.
    aged_file(&site, ".folio-cache/links.json", 400 * DAY);
    aged_file(&site, "static/old-320w-0000.webp", 400 * DAY);
    aged_file(&site, "outside/kept.webp", 400 * DAY);
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.path("outside/kept.webp"), site.path(".folio-cache/images/link.webp")).unwrap();

    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\n  removed 2 unused cache entries ("), "{}", run.stdout);
    assert!(!site.path(".folio-cache/images/renamed-320w-0000.webp").exists());
    assert!(!site.path(".folio-cache/cards/gone.png").exists());
    assert!(site.path(".folio-cache/images/recent-320w-0000.webp").exists(), "younger than cache.max_age");
    assert!(used.exists() && age(&used) < DAY, "a used entry is kept and marked as used");
    for kept in [".folio-cache/links.json", "static/old-320w-0000.webp", "outside/kept.webp"] {
        assert!(site.path(kept).exists(), "{kept} is not the build's to remove");
    }
    #[cfg(unix)]
    assert!(std::fs::symlink_metadata(site.path(".folio-cache/images/link.webp")).is_ok(), "links are not followed");

    // `--gc` removes what this build did not use, however young.
    let gc = site.run(&["build", "--gc"]);
    assert_eq!(gc.code, 0, "{}", gc.stderr);
    assert!(gc.stdout.contains("removed 1 unused cache entry ("), "{}", gc.stdout);
    assert!(!site.path(".folio-cache/images/recent-320w-0000.webp").exists());
    let mut left = copies.clone();
    #[cfg(unix)]
    left.push("link.webp".into());
    left.sort();
    assert_eq!(cached(&site, "images"), left);
    assert_eq!(cached(&site, "cards"), cards);
    assert!(site.path("outside/kept.webp").exists() && site.path(".folio-cache/links.json").exists());
    // Nothing left to remove: nothing said.
    let quiet = site.run(&["build"]).stdout;
    assert!(!quiet.contains("cache entr") && !quiet.contains("not pruned"), "{quiet}");
}

#[test]
fn max_age_comes_from_site_yaml() {
    let site = site();
    site.file("site.yaml", &format!("{}cache:\n  max_age: 1d\n", support::site::MINIMAL_CONFIG));
    aged_file(&site, ".folio-cache/images/recent-320w-0000.webp", 2 * DAY);
    // The lease of a preview that crashed long ago stops nothing, and is cleared away.
    aged_file(&site, ".folio-cache/serving/999999-0", DAY);
    let run = site.run(&["build"]);
    assert!(run.stdout.contains("removed 1 unused cache entry"), "{}{}", run.stdout, run.stderr);
    assert!(!site.path(".folio-cache/images/recent-320w-0000.webp").exists());
    assert!(!site.path(".folio-cache/serving/999999-0").exists());
}

#[test]
fn a_failed_build_removes_nothing() {
    let site = site();
    aged_file(&site, ".folio-cache/images/renamed-320w-0000.webp", 400 * DAY);
    site.page("kb/b.md", "title: B", "![gone](/images/gone.png)\n");
    for args in [&["build"][..], &["build", "--gc"]] {
        let run = site.run(args);
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert!(site.path(".folio-cache/images/renamed-320w-0000.webp").exists(), "{args:?}");
    }
}

#[test]
fn nothing_is_removed_while_the_site_is_served() {
    let site = site();
    let (server, lines) = support::serve::serve(&site, false);
    support::serve::wait_for_log(&lines, "Built");
    aged_file(&site, ".folio-cache/images/renamed-320w-0000.webp", 400 * DAY);
    let run = site.run(&["build", "--gc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("cache not pruned: a `folio serve` of this site is running"), "{}", run.stdout);
    assert!(site.path(".folio-cache/images/renamed-320w-0000.webp").exists());
    // The preview's own copies were marked as used when it built.
    let copies = cached(&site, "images");
    assert!(copies.iter().any(|c| c.ends_with(".webp") && c != "renamed-320w-0000.webp"), "{copies:?}");

    server.stop();
    let run = site.run(&["build", "--gc"]);
    assert!(run.stdout.contains("removed 1 unused cache entry"), "{}", run.stdout);
    assert!(!site.path(".folio-cache/images/renamed-320w-0000.webp").exists());
}
