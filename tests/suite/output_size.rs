//! What every page repeats, kept small: no template indentation, no inline icon, no Twitter tags
//! that only copy the OpenGraph ones — with code blocks, the search box and social cards intact.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

fn site_with_code() -> TestSite {
    let site = TestSite::with_config("title: Acme\nbase_url: https://example.com\n");
    site.page("kb/_index.md", "title: Help", "").page(
        "kb/setup.md",
        "title: Setup\ndescription: Ten minutes.",
        "## Install\n\n```python\ndef main():\n    if ready:\n\n        run()\n```\n\n- one\n- two\n",
    );
    site
}

#[test]
fn pages_carry_no_template_indentation_but_code_keeps_its_own() {
    let html = site_with_code().build().text("kb/setup/index.html");
    let (before, rest) = html.split_once("<pre").expect("the code block");
    let (code, after) = rest.split_once("</pre>").expect("the end of the code block");
    for line in before.lines().chain(after.lines().skip(1)) {
        // after: the rest of the </pre> line first
        assert!(!line.starts_with([' ', '\t']), "an indented line outside <pre>: {line:?}");
        assert!(!line.trim().is_empty(), "a blank line outside <pre>");
    }
    assert!(code.contains("\n    "), "the code's own indentation is kept: {code}");
    assert!(code.matches('\n').count() >= 4, "the code's lines, the blank one too, are kept: {code}");
    assert_contains(&html, &["<nav class=\"breadcrumbs", "<li>one</li>"]);
}

#[test]
fn the_search_button_icon_comes_from_the_stylesheet() {
    let built = site_with_code().build();
    let html = built.text("kb/setup/index.html");
    assert_contains(
        &html,
        &[
            "<button class=\"search-submit\" type=\"submit\">",
            "<span class=\"search-icon\" aria-hidden=\"true\"></span>",
        ],
    );
    assert_lacks(&html, &["<svg"]);
    assert_contains(&built.text("folio.css"), &[".search-icon {", "mask: var(--search-icon)", "forced-colors: active"]);
}
