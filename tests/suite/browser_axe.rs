//! Accessibility, checked by a tool we did not write: axe-core finds no WCAG 2.1 A/AA violation of
//! serious or critical impact on any kind of page of the example sites — Hebrew (right to left) and
//! English (left to right) — in the light and the dark colour scheme.
//!
//! axe-core comes from npm (pinned in `.ci/tools/package.json`); the first run installs it with `npm ci`.
//! Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::support;

use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use support::chromium::{browser_or_skip, Browser, StaticServer};

const TOOLS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/tools");

/// The axe-core script, installed on first use. Tests share one install, hence the lock.
pub(crate) fn axe_source() -> String {
    static INSTALL: Mutex<()> = Mutex::new(());
    let _once = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let script = Path::new(TOOLS).join("node_modules/axe-core/axe.min.js");
    if !script.is_file() {
        let status = Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", TOOLS])
            .status()
            .unwrap_or_else(|e| panic!("cannot run npm to install axe-core ({e}); install Node.js 18 or newer"));
        assert!(status.success(), "`npm ci --prefix .ci/tools` failed; it installs axe-core for this test");
    }
    std::fs::read_to_string(&script).unwrap_or_else(|e| panic!("cannot read {}: {e}", script.display()))
}

/// Builds an example site into a temporary folder.
fn build_example(name: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
    let result = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "-q", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    out
}

/// One page of each kind (`<body class="kind-…">`), the one with the most code blocks, so highlighted code and
/// scrolling blocks are always checked.
fn one_page_per_kind(root: &Path) -> BTreeMap<String, PathBuf> {
    let mut best: BTreeMap<String, (usize, PathBuf)> = BTreeMap::new();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    for file in files {
        let html = std::fs::read_to_string(&file).unwrap();
        let Some(kind) = html.split("<body class=\"kind-").nth(1).and_then(|r| r.split('"').next()) else { continue };
        let code = html.matches("<pre").count();
        let entry = best.entry(kind.to_string()).or_insert((code, file.clone()));
        if code > entry.0 {
            *entry = (code, file);
        }
    }
    best.into_iter().map(|(kind, (_, file))| (kind, file.strip_prefix(root).unwrap().to_path_buf())).collect()
}

/// The serious and critical WCAG 2.1 A/AA violations axe finds on the page open in `browser`.
pub(crate) fn violations(browser: &mut Browser, axe: &str) -> Vec<String> {
    if browser.eval("typeof axe") != json!("object") {
        browser.eval(axe);
    }
    let found = browser.eval(
        "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                            resultTypes: ['violations'] })
           .then(r => r.violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
                  v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | ')))",
    );
    found.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

fn check_example(name: &str, kinds: usize) {
    let Some(mut browser) = browser_or_skip() else { return };
    let axe = axe_source();
    let site = build_example(name);
    let server = StaticServer::serve(site.path());
    let pages = one_page_per_kind(site.path());
    assert!(pages.len() >= kinds, "expected every kind of page in {name}: {pages:?}");
    let mut problems = Vec::new();
    for scheme in ["light", "dark"] {
        browser.call(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
        for (kind, path) in &pages {
            let url = server.url(&format!("/{}", path.to_string_lossy().replace("index.html", "")));
            browser.navigate(&url);
            for violation in violations(&mut browser, &axe) {
                problems.push(format!("{name} {scheme} {kind} {url}: {violation}"));
            }
        }
    }
    assert!(problems.is_empty(), "axe found {} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn hebrew_example_has_no_serious_accessibility_violations() {
    check_example("hebrew-company", 15);
}

#[test]
fn english_example_has_no_serious_accessibility_violations() {
    check_example("help-center", 15);
}

/// Three languages in one site: the switcher, the translation notices and a Hebrew page borrowed into the
/// English frame.
#[test]
fn bilingual_example_has_no_serious_accessibility_violations() {
    check_example("bilingual-company", 6);
}
