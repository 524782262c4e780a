//! Every feed of both example sites, read by a feed reader library we did not write (feed-rs): each
//! parses, has a title, and has entries with an absolute link, a date and text; the Atom, RSS and JSON
//! versions of one feed hold the same entries in the same order.

use feed_rs::model::Feed;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

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

fn read(path: &Path) -> Feed {
    let bytes = std::fs::read(path).unwrap();
    feed_rs::parser::parse(bytes.as_slice())
        .unwrap_or_else(|e| panic!("{}: a feed reader cannot read it: {e}", path.display()))
}

fn check_example(name: &str, base_url: &str) {
    let site = build_example(name);
    // Feeds by folder: the three formats of one feed sit side by side.
    let mut folders: BTreeMap<String, Vec<(String, Feed)>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(site.path()).into_iter().filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().to_string();
        if !["atom.xml", "rss.xml", "feed.json"].contains(&file.as_str()) {
            continue;
        }
        let feed = read(entry.path());
        let folder = entry.path().parent().unwrap().strip_prefix(site.path()).unwrap().display().to_string();
        let at = format!("{name}/{folder}/{file}");
        assert!(feed.title.as_ref().is_some_and(|t| !t.content.trim().is_empty()), "{at}: no title");
        assert!(!feed.entries.is_empty(), "{at}: no entries");
        for item in &feed.entries {
            let link = item.links.first().map(|l| l.href.as_str()).unwrap_or_default();
            assert!(link.starts_with(base_url), "{at}: entry link {link:?} is not absolute on {base_url}");
            assert!(item.published.is_some() || item.updated.is_some(), "{at}: {link} has no date");
            let text =
                item.content.as_ref().and_then(|c| c.body.clone()).or(item.summary.as_ref().map(|s| s.content.clone()));
            assert!(text.is_some_and(|t| !t.trim().is_empty()), "{at}: {link} has no text");
            assert!(item.title.as_ref().is_some_and(|t| !t.content.trim().is_empty()), "{at}: {link} has no title");
        }
        folders.entry(folder).or_default().push((file, feed));
    }
    assert!(folders.len() >= 3, "{name}: expected the blog's, an author's and a tag's feeds: {:?}", folders.keys());
    for (folder, feeds) in &folders {
        let links = |feed: &Feed| -> Vec<String> {
            feed.entries.iter().map(|e| e.links.first().map(|l| l.href.clone()).unwrap_or_default()).collect()
        };
        let (first_format, first) = &feeds[0];
        for (format, other) in &feeds[1..] {
            assert_eq!(links(first), links(other), "{name}/{folder}: {first_format} and {format} differ");
        }
    }
}

#[test]
fn hebrew_example_feeds_read_cleanly_in_a_feed_reader() {
    check_example("hebrew-company", "https://machberet.example.co.il/");
}

#[test]
fn english_example_feeds_read_cleanly_in_a_feed_reader() {
    check_example("help-center", "https://help.calderhome.example.com/");
}
