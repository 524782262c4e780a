//! `folio build` keeps its expensive stages' results in `.folio-cache/build/` (the pages' parsed
//! front matter, related pages, the search index, the rendered pages' keys). Whatever changed between two builds, the second must
//! write exactly what a cold build of the same files writes; a damaged, foreign or unwritable cache
//! only means computing again. The test binary's `folio` runs in the checked mode, so every result
//! taken from the cache is also computed again there, and a stale one fails the build.

use crate::support;

use std::collections::BTreeMap;
use std::path::Path;
use support::site::{assert_contains, TestSite};

const CONFIG: &str = "title: Cache Site\nbase_url: https://example.com\nlanguage: en\nsocial_cards: false\n";

/// The entries a one-language site keeps.
const ENTRIES: [&str; 5] = ["front-matter.bin", "related.bin", "search.bin", "pages.bin", "markdown.bin"];

/// Articles, posts and a guide, with tags, related pages, search and feeds.
fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("kb/_index.md", "title: Help", "All help.\n");
    for n in 0..12 {
        let body = format!("Refunds and invoices, part {n}. Customers ask about billing.\n\n## Steps\n\nDo it.\n");
        site.page(&format!("kb/article-{n:02}.md"), &format!("title: Article {n}\ntags: [t{}]", n % 3), &body);
    }
    for n in 0..6 {
        let front = format!("title: Post {n}\ndate: 2026-01-{:02}\ntags: [t{}]", n + 1, n % 2);
        site.page(&format!("blog/post-{n:02}.md"), &front, "News about invoices and refunds.\n");
    }
    site
}

/// Every file under `dir`, by relative path.
pub(crate) fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
        let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        found.insert(rel, std::fs::read(entry.path()).unwrap());
    }
    found
}

/// Builds `site` with its cache, then a copy of its files without any cache, and fails naming
/// the first file whose bytes differ. Returns the cached build's standard output.
pub(crate) fn build_like_a_cold_build(site: &TestSite, step: &str) -> String {
    let run = site.run(&["build", "--root", "."]);
    assert_eq!(run.code, 0, "{step}: {}{}", run.stdout, run.stderr);
    let cold = TestSite::new();
    for (rel, bytes) in files(site.root()) {
        if !rel.starts_with("public/") && !rel.starts_with(".folio-cache/") {
            std::fs::create_dir_all(cold.path(&rel).parent().unwrap()).unwrap();
            std::fs::write(cold.path(&rel), bytes).unwrap();
        }
    }
    let cold_run = cold.run(&["build", "--root", "."]);
    assert_eq!(cold_run.code, 0, "{step}: {}", cold_run.stderr);
    let (warm, cold) = (files(&site.path("public")), files(&cold.path("public")));
    assert_eq!(warm.keys().collect::<Vec<_>>(), cold.keys().collect::<Vec<_>>(), "{step}: the files differ");
    for (path, bytes) in &warm {
        assert!(bytes == &cold[path], "{step}: {path} differs from a cold build's");
    }
    run.stdout
}

fn entry(site: &TestSite, name: &str) -> std::path::PathBuf {
    site.path(&format!(".folio-cache/build/{name}"))
}

fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

pub(crate) fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    site.file(rel, &text.replacen(from, to, 1));
}

/// One kind of edit to the site, named.
type Edit = Box<dyn Fn(&TestSite)>;

#[test]
fn every_kind_of_edit_builds_what_a_cold_build_builds() {
    let site = site();
    build_like_a_cold_build(&site, "first build");
    for name in ENTRIES {
        assert!(entry(&site, name).is_file(), "{name} was not kept");
    }
    let stamps: Vec<_> = ENTRIES.map(|n| modified(&entry(&site, n))).into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let stdout = build_like_a_cold_build(&site, "no change");
    assert_contains(&stdout, &["(nothing changed)"]);
    let again: Vec<_> = ENTRIES.map(|n| modified(&entry(&site, n))).into();
    assert_eq!(stamps, again, "an unchanged site reuses every entry and rewrites none");

    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let template = std::fs::read_to_string(theme.join("article.html")).unwrap();
    let partial = std::fs::read_to_string(theme.join("partials/tags.html")).unwrap();
    let steps: Vec<(&str, Edit)> = vec![
        ("body", Box::new(|s| edit(s, "content/kb/article-03.md", "part 3.", "part three, now about taxes."))),
        ("title", Box::new(|s| edit(s, "content/kb/article-04.md", "title: Article 4", "title: Taxes"))),
        ("tag", Box::new(|s| edit(s, "content/kb/article-05.md", "tags: [t2]", "tags: [t1, taxes]"))),
        ("date", Box::new(|s| edit(s, "content/blog/post-02.md", "2026-01-03", "2026-02-20"))),
        ("front matter only", Box::new(|s| edit(s, "content/blog/post-03.md", "tags: [t1]", "tags: [t1]\nweight: 2"))),
        (
            "a page moved",
            Box::new(|s| std::fs::rename(s.path("content/kb/article-08.md"), s.path("content/blog/eight.md")).unwrap()),
        ),
        (
            "template",
            Box::new(move |s| {
                s.file("templates/article.html", &format!("{template}<!-- edited -->\n"));
            }),
        ),
        (
            "theme file",
            Box::new(move |s| {
                s.file("templates/partials/tags.html", &format!("{partial}<b>tags</b>"));
            }),
        ),
        (
            "config",
            Box::new(|s| {
                s.file("site.yaml", &CONFIG.replace("Cache Site", "Renamed Site"));
            }),
        ),
        (
            "add page",
            Box::new(|s| {
                s.page("kb/taxes.md", "title: Taxes at year end\ntags: [t1]", "Refunds.\n");
            }),
        ),
        ("delete page", Box::new(|s| std::fs::remove_file(s.path("content/kb/article-07.md")).unwrap())),
        (
            "image",
            Box::new(|s| {
                s.picture("content/kb/chart.png", 40, 30);
                edit(s, "content/kb/article-01.md", "Do it.", "![A chart](chart.png)\n\nDo it.");
            }),
        ),
        (
            "image changed",
            Box::new(|s| {
                s.picture("content/kb/chart.png", 60, 20);
            }),
        ),
    ];
    for (step, apply) in steps {
        apply(&site);
        build_like_a_cold_build(&site, step);
    }
}

#[test]
fn damaged_or_foreign_entries_are_computed_again() {
    let site = site();
    build_like_a_cold_build(&site, "first build");
    for name in ENTRIES {
        let bytes = std::fs::read(entry(&site, name)).unwrap();
        std::fs::write(entry(&site, name), &bytes[..bytes.len() / 2]).unwrap();
    }
    edit(&site, "content/kb/article-02.md", "part 2.", "part two.");
    build_like_a_cold_build(&site, "truncated entries");
    for name in ENTRIES {
        let mut bytes = std::fs::read(entry(&site, name)).unwrap();
        // The header names the Folio that wrote the entry: another one's is not read.
        bytes[20] ^= 1;
        std::fs::write(entry(&site, name), &bytes).unwrap();
    }
    build_like_a_cold_build(&site, "entries of another Folio");
    std::fs::write(entry(&site, "pages.bin"), b"garbage").unwrap();
    build_like_a_cold_build(&site, "garbage");
}

#[test]
fn a_page_edited_in_the_output_folder_is_rendered_again() {
    let site = site();
    build_like_a_cold_build(&site, "first build");
    let page = site.path("public/kb/article-06/index.html");
    std::fs::write(&page, "edited by hand").unwrap();
    let stdout = build_like_a_cold_build(&site, "page edited in the output folder");
    assert_contains(&stdout, &["1 file changed"]);
    std::fs::remove_file(&page).unwrap();
    build_like_a_cold_build(&site, "page removed from the output folder");
}

#[test]
fn a_cache_folder_that_cannot_be_written_is_only_slower() {
    let site = site();
    site.file(".folio-cache/build", "a file where the folder should be");
    build_like_a_cold_build(&site, "first build");
    edit(&site, "content/kb/article-02.md", "part 2.", "part two.");
    build_like_a_cold_build(&site, "second build");
}

#[test]
fn gc_keeps_the_entries_the_build_used() {
    let site = site();
    build_like_a_cold_build(&site, "first build");
    site.file(".folio-cache/build/search-old.bin", "an entry no build uses any more");
    let run = site.run(&["build", "--root", ".", "--gc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!entry(&site, "search-old.bin").exists(), "the unused entry was removed");
    for name in ENTRIES {
        assert!(entry(&site, name).is_file(), "{name} was removed although the build used it");
    }
}

#[test]
fn each_language_keeps_its_own_entries() {
    let config = "title: Acme\nbase_url: https://acme.example\nlanguage: en\nsocial_cards: false\n\
                  languages:\n  he:\n    title: אקמה\n";
    let site = TestSite::with_config(config);
    site.page("kb/_index.md", "title: Help", "All help.\n")
        .page("kb/refunds.md", "title: Refunds\ntags: [money]", "How refunds work.\n")
        .page("kb/refunds.he.md", "title: החזרים\ntags: [כסף]", "איך עובדים החזרים.\n")
        .page("kb/invoices.md", "title: Invoices\ntags: [money]", "How invoices work.\n")
        .page("blog/launch.md", "title: Launch\ndate: 2026-01-05", "We launched.\n");
    build_like_a_cold_build(&site, "first build");
    for name in ["search.bin", "search-he.bin", "pages.bin", "pages-he.bin"] {
        assert!(entry(&site, name).is_file(), "{name} was not kept");
    }
    let stdout = build_like_a_cold_build(&site, "no change");
    assert_contains(&stdout, &["(nothing changed)"]);
    edit(&site, "content/kb/refunds.he.md", "איך עובדים", "כך עובדים");
    build_like_a_cold_build(&site, "a Hebrew body edit");
    edit(&site, "content/kb/refunds.md", "title: Refunds", "title: Money back");
    build_like_a_cold_build(&site, "an English title edit");
}

#[test]
fn front_matter_recalled_from_the_cache_is_the_front_matter_parsed() {
    let site = site();
    // Every form a value takes: authors inline and by id, dates with offsets, TOML, extra keys.
    site.page(
        "kb/people.md",
        "title: People\nauthors: [dana, {name: Dana Levi, title: CEO}]\ndate: 2026-03-01T09:30:00+02:00\n\
         updated: git\nreview_every: 6m\nhero: {colour: red, ratio: 1.5, sizes: [1, -2]}",
        "Who we are.\n",
    );
    site.file("content/kb/toml.md", "+++\ntitle = \"In TOML\"\ndate = 2026-01-02\n+++\nBody.\n");
    build_like_a_cold_build(&site, "first build");
    let stamp = modified(&entry(&site, "front-matter.bin"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    build_like_a_cold_build(&site, "every page recalled");
    assert_eq!(modified(&entry(&site, "front-matter.bin")), stamp, "no page changed: the memory is not rewritten");
    edit(&site, "content/kb/people.md", "ratio: 1.5", "ratio: 2.5");
    build_like_a_cold_build(&site, "an extra key edited");
    assert_ne!(modified(&entry(&site, "front-matter.bin")), stamp, "a changed page is remembered anew");
}

#[test]
fn a_page_with_warnings_warns_on_every_build() {
    let site = site();
    site.page("kb/typo.md", "title: Typo\ntagz: [a]", "Body.\n");
    for step in ["first build", "second build"] {
        let run = site.run(&["build", "--root", "."]);
        assert_eq!(run.code, 0, "{step}: {}", run.stderr);
        assert_contains(&format!("{}{}", run.stdout, run.stderr), &["unknown front-matter key `tagz`"]);
    }
}

#[test]
fn a_damaged_front_matter_memory_is_a_cold_read() {
    let site = site();
    build_like_a_cold_build(&site, "first build");
    let path = entry(&site, "front-matter.bin");
    let mut bytes = std::fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&path, &bytes).unwrap();
    build_like_a_cold_build(&site, "a flipped byte");
    std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    build_like_a_cold_build(&site, "truncated");
    std::fs::write(&path, b"garbage").unwrap();
    build_like_a_cold_build(&site, "garbage");
}
