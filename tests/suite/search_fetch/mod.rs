//! What the search page fetches on a large site, and that the answers are the ones the client gave before the
//! index was laid out for it: a 2,000-page fixture site (`fixture`) built once per test.

use crate::support;

mod browser;
mod fixture;

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The fixture site built into a temporary folder.
fn built_fixture() -> (support::site::TestSite, tempfile::TempDir) {
    let site = fixture::large_site();
    let out = tempfile::tempdir().unwrap();
    folio::write_output(&site.build().built.output, out.path()).unwrap();
    (site, out)
}

/// The client's answers to the queries of `tests/js/ranking.mjs` equal `tests/snapshots/search-answers.json`,
/// recorded from the client of index format 2 (whole document chunks): the same results in the same order,
/// with the same excerpts and highlights.
#[test]
fn answers_on_a_large_site_equal_the_recorded_ones() {
    let (_site, out) = built_fixture();
    let run = Command::new("node")
        .arg("tests/js/ranking.mjs")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("FOLIO_SEARCH_SITE", out.path())
        .output()
        .expect("cannot run `node`: the search client's tests need Node.js 18 or newer on PATH");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "ranking.mjs failed:\n{stdout}{}", String::from_utf8_lossy(&run.stderr));
    let file = repo("tests/snapshots/search-answers.json");
    if std::env::var_os("FOLIO_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&file, stdout.as_bytes()).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file).expect("tests/snapshots/search-answers.json");
    let (expected, actual): (serde_json::Value, serde_json::Value) =
        (serde_json::from_str(&expected).unwrap(), serde_json::from_str(&stdout).unwrap());
    for (want, got) in expected.as_array().unwrap().iter().zip(actual.as_array().unwrap()) {
        assert_eq!(got, want, "the answer to {} changed", want["query"]);
    }
    assert_eq!(expected.as_array().unwrap().len(), actual.as_array().unwrap().len());
}
