//! What every page repeats, kept small: the search button's icon comes from the stylesheet, not an
//! inline SVG in every page (the Twitter tags that only copied OpenGraph ones: publish/pages.rs).

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

fn site_with_search() -> TestSite {
    let site = TestSite::with_config("title: Acme\nbase_url: https://example.com\n");
    site.page("kb/_index.md", "title: Help", "").page(
        "kb/setup.md",
        "title: Setup\ndescription: Ten minutes.",
        "## Install\n\n```python\ndef main():\n    if ready:\n\n        run()\n```\n\n- one\n- two\n",
    );
    site
}

#[test]
fn the_search_button_icon_comes_from_the_stylesheet() {
    let built = site_with_search().build();
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
