//! Broken input gets an exact, helpful error, the right exit code, and never a half-written site.

use crate::support;

use support::site::{assert_contains, TestSite};

#[test]
fn unterminated_front_matter() {
    let site = TestSite::new();
    site.file("content/about.md", "---\ntitle: About\n\nNo closing fence.\n");
    assert_eq!(
        site.build_error(),
        "error: content/about.md:1:1: front matter starts with `---` but is never closed\n  help: add a line with just `---` after the last front-matter key"
    );
}

#[test]
fn yaml_error_points_at_the_line_in_the_file() {
    let site = TestSite::new();
    site.file("content/about.md", "---\ntitle: About\ntags: [a, b\ndate: 2026-01-01\n---\nText\n");
    let err = site.build_error();
    assert!(err.starts_with("error: content/about.md:4:"), "{err}");
}

#[test]
fn wrong_type_names_the_field_and_line() {
    let site = TestSite::new();
    site.page("about.md", "title: About\ntags: billing", "Text\n");
    assert_eq!(
        site.build_error(),
        "error: content/about.md:3:7: `tags`: expected a different type, found the text \"billing\"; expected a list\n  help: write a list, e.g. `tags: [billing, invoices]`"
    );
}

#[test]
fn bad_date_names_the_field_and_line() {
    let site = TestSite::new();
    site.page("blog/a.md", "title: A\ndate: next tuesday", "Text\n");
    assert_eq!(
        site.build_error(),
        "error: content/blog/a.md:3:7: `date`: `next tuesday` is not a date; write YYYY-MM-DD (2026-03-01) or an RFC 3339 time (2026-03-01T09:30:00+02:00)"
    );
}

#[test]
fn unknown_config_key() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlangauge: he\n");
    assert_eq!(site.build_error(), "error: site.yaml:3:1: unknown key `langauge`\n  help: did you mean `language`?");
}

#[test]
fn missing_link_target() {
    let site = TestSite::new();
    site.page("kb/a.md", "title: A", "Intro.\n\nSee [b](@/kb/bb.md) and [c](c.md).\n").page("kb/b.md", "title: B", "");
    assert_eq!(
        site.build_error(),
        "error: content/kb/a.md:6:5: link `@/kb/bb.md` points to a missing page: content/kb/bb.md\n  help: did you mean @/kb/b.md?\n\
         error: content/kb/a.md:6:25: link `c.md` points to a missing page: content/kb/c.md\n  help: did you mean @/kb/a.md?"
    );
}

#[test]
fn missing_image() {
    let site = TestSite::new();
    site.page("kb/a.md", "title: A", "![chart](chart.png)\n");
    assert_eq!(
        site.build_error(),
        "error: content/kb/a.md:4:1: image `chart.png` points to a missing file: content/kb/chart.png\n  help: put the file at content/kb/chart.png, or in static/ and write its path from the site root (/chart.png)"
    );
}

#[test]
fn missing_anchor() {
    let site = TestSite::new();
    site.page("kb/a.md", "title: A", "[b](b.md#refundz)\n").page("kb/b.md", "title: B", "## Refunds\n");
    assert_eq!(
        site.build_error(),
        "error: content/kb/a.md:4:1: link to `#refundz`: no such heading on /kb/b/\n  help: did you mean #refunds?"
    );
}

#[test]
fn url_collision_names_both_files() {
    let site = TestSite::new();
    site.page("blog/hello.md", "title: A", "").page("blog/2026-01-01-hello.md", "title: B", "");
    assert_eq!(
        site.build_error(),
        "error: content/blog/hello.md: URL /blog/hello/ is also claimed by content/blog/2026-01-01-hello.md\n  help: give one of them a different `slug:` or file name"
    );
}

#[test]
fn unknown_author_and_product_suggest_the_closest() {
    let site = TestSite::new();
    site.page("authors/dana.md", "name: Dana", "")
        .page("products/crm.md", "title: CRM", "")
        .page("blog/a.md", "title: A\nauthor: danna", "")
        .page("kb/a.md", "title: A\nproducts: [crn]", "");
    assert_eq!(
        site.build_error(),
        "error: content/blog/a.md:3: unknown author `danna`\n  help: did you mean `dana`?\n\
         error: content/kb/a.md:3: unknown product `crn`\n  help: did you mean `crm`?"
    );
}

#[test]
fn slug_cannot_escape_the_output_folder() {
    let site = TestSite::new();
    site.page("blog/a.md", "title: A\nslug: ../../etc", "");
    assert_eq!(
        site.build_error(),
        "error: content/blog/a.md:3: `slug` `../../etc` is not a valid URL segment\n  help: use lowercase letters, digits and `-`, e.g. slug: etc"
    );
}

#[test]
fn all_errors_of_a_build_are_listed_together() {
    let site = TestSite::new();
    site.page("a.md", "title: A\ndraft: maybe", "").page("b.md", "tags: x", "").file("content/c.md", "---\ntitle: C\n");
    let err = site.build_error();
    assert_eq!(err.matches("error: ").count(), 3, "{err}");
    assert_contains(&err, &["content/a.md:3:8", "content/b.md:2:7", "content/c.md:1:1"]);
}

#[test]
fn template_include_cycle_is_an_error_not_a_crash() {
    let site = TestSite::new();
    site.page("about.md", "title: About", "")
        .file("templates/page.html", "{% include \"partials/loop.html\" %}")
        .file("templates/partials/loop.html", "{% include \"page.html\" %}");
    let err = site.build_error();
    assert_contains(&err, &["templates include each other in a cycle: page.html → partials/loop.html → page.html"]);
}

#[test]
fn template_error_names_template_and_page() {
    let site = TestSite::new();
    site.page("about.md", "title: About", "").file("templates/page.html", "{{ page.nope.deeper }}");
    let err = site.build_error();
    assert_contains(&err, &["content/about.md: cannot render with template `page.html`", "nope"]);
}

#[test]
fn yaml_alias_bomb_is_refused() {
    let mut front = String::from("title: Bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10u8 {
        let (prev, name) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        front.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    let site = TestSite::new();
    site.file("content/bomb.md", &format!("---\n{front}---\n"));
    let started = std::time::Instant::now();
    let err = site.build_error();
    assert_contains(&err, &["content/bomb.md", "repetition limit"]);
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn huge_front_matter_is_refused() {
    let site = TestSite::new();
    let long = "x".repeat(70 * 1024);
    site.page("a.md", &format!("title: A\nnote: {long}"), "");
    assert_contains(&site.build_error(), &["content/a.md:2:1: YAML block is 70 KiB; the limit is 64 KiB"]);
}

#[test]
fn cli_exit_codes_are_0_1_and_2() {
    let site = TestSite::new();
    site.page("about.md", "title: About", "");
    assert_eq!(site.run(&["build", "-q"]).code, 0);
    assert_eq!(site.run(&["build", "--no-such-flag"]).code, 2);
    site.page("about.md", "title: [", "");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_contains(&run.stderr, &["error: content/about.md:2:", "build failed: 1 error; nothing was written"]);
}

#[test]
fn quiet_build_prints_only_errors() {
    let site = TestSite::new();
    // A byline without an author file gives a note.
    site.page("about.md", "title: About\nauthor: Dana Levi", "Our plans.\n");
    let loud = site.run(&["build"]);
    assert_eq!(loud.code, 0, "{}", loud.stderr);
    assert_contains(&loud.stderr, &["note: content: 1 author has no author file"]);
    assert_contains(&loud.stdout, &["Built "]);
    let quiet = site.run(&["build", "-q"]);
    assert_eq!(quiet.code, 0, "{}", quiet.stderr);
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));
    site.page("about.md", "title: [", "");
    let failed = site.run(&["build", "--quiet"]);
    assert_eq!(failed.code, 1);
    assert_contains(&failed.stderr, &["error: content/about.md:2:", "build failed: 1 error"]);
}

#[test]
fn failed_build_leaves_the_previous_site_untouched() {
    let site = TestSite::new();
    site.page("about.md", "title: About", "First version.\n");
    assert_eq!(site.run(&["build", "-q"]).code, 0);
    let before = std::fs::read_to_string(site.path("public/about/index.html")).unwrap();
    site.page("about.md", "title: About", "Second version with [a broken link](@/nope.md).\n");
    assert_eq!(site.run(&["build", "-q"]).code, 1);
    assert_eq!(std::fs::read_to_string(site.path("public/about/index.html")).unwrap(), before);
}

#[test]
fn rebuild_removes_only_files_folio_wrote() {
    let site = TestSite::new();
    site.page("about.md", "title: About", "").page("old.md", "title: Old", "");
    assert_eq!(site.run(&["build", "-q"]).code, 0);
    site.file("public/CNAME", "docs.example.com");
    std::fs::remove_file(site.path("content/old.md")).unwrap();
    assert_eq!(site.run(&["build", "-q"]).code, 0);
    assert!(!site.path("public/old/index.html").exists(), "stale page removed");
    assert!(!site.path("public/old").exists(), "emptied folder removed");
    assert_eq!(std::fs::read_to_string(site.path("public/CNAME")).unwrap(), "docs.example.com");
}

#[test]
fn output_folder_over_the_site_is_refused() {
    let site = TestSite::new();
    site.page("about.md", "title: About", "");
    for target in [".", "content", "content/blog", ".."] {
        let run = site.run(&["build", "--output", target]);
        assert_eq!(run.code, 1, "{target}");
        assert_contains(&run.stderr, &["refusing to write the site here"]);
    }
    assert!(site.path("content/about.md").exists());
}

#[test]
fn missing_site_yaml_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_contains(&stderr, &["site.yaml: cannot read the site configuration", "folio init DIR"]);
}

#[test]
fn template_syntax_error_names_file_line_and_column() {
    let site = TestSite::new();
    site.page("about.md", "title: About", "").file("templates/page.html", "<p>\n{{ page.title \n</p>\n");
    let err = site.build_error();
    assert!(err.contains("templates/page.html:3:2: template error: Failed to parse 'page.html'"), "{err}");
}
