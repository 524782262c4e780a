//! Which pages an edit re-renders in `folio serve`: a body, title, tag, date or summary edit of one
//! page, in a site of one language and of two. After each edit the cached build equals a full build,
//! every page whose HTML changed was rendered again, and the pages rendered are exactly those listed.
//!
//! The lists are what the render keys give today. Where they hold pages whose HTML did not change
//! (a tag or date edit re-renders the lists and related lists showing the page, because a card's key
//! covers its whole front matter while the theme shows only part of it), a narrower key shows up
//! here as a shorter list.

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Built, Output};
use std::collections::BTreeSet;
use support::site::TestSite;

const POST: &str = "title: One\ndescription: First.\ntags: [launch]";
const ARTICLE: &str = "title: Invoices\ndescription: Sending invoices.\ntags: [money]";

/// A blog with an author and tags, and a knowledge base whose category pages show neighbours and a
/// navigation; `prefix` puts the content of a second language beside it (`.he.md` files).
fn site(config: &str, suffixes: &[&str]) -> TestSite {
    let site = TestSite::with_config(config);
    for suffix in suffixes {
        let file = |rel: &str| format!("{rel}{suffix}.md");
        site.page(&file("authors/dana"), "name: Dana", "Bio.\n")
            .page(&file("blog/2026-01-01-one"), POST, "First post about invoices and refunds.\n")
            .page(&file("blog/2026-01-02-two"), "title: Two\ntags: [launch, news]", "Second post about invoices.\n")
            .page(&file("blog/2026-01-03-three"), "title: Three\ntags: [news]", "Third post about the team.\n")
            .page(&file("kb/billing/invoices"), ARTICLE, "## Sending\n\nInvoices and refunds.\n")
            .page(&file("kb/billing/refunds"), "title: Refunds\ntags: [money]", "Refunds of invoices.\n")
            .page(&file("kb/billing/taxes"), "title: Taxes", "Taxes on invoices.\n")
            .page(&file("kb/setup/start"), "title: Start", "Steps to set up.\n")
            .page(&file("about"), "title: About", "About us.\n");
    }
    site
}

fn one_language() -> TestSite {
    site("title: T\nbase_url: https://example.com\nauthor: dana\n", &[""])
}

fn two_languages() -> TestSite {
    site(
        "title: T\nbase_url: https://example.com\nauthor: dana\nlanguage: en\nlanguages:\n  he:\n    title: ט\n",
        &["", ".he"],
    )
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), serve_mode: true, ..Default::default() }
}

/// The HTML files whose bytes differ between `before` and `after`, or that only one has.
fn changed_pages(before: &Output, after: &Output) -> BTreeSet<String> {
    let paths: BTreeSet<&String> = before.files.keys().chain(after.files.keys()).collect();
    paths.into_iter().filter(|p| p.ends_with(".html")).filter(|p| before.text(p) != after.text(p)).cloned().collect()
}

/// Saves `rel` with `front` and `body`, rebuilds told only of that file, checks the result against a
/// full build and returns the pages rendered again, which must include every page that changed.
fn edit(
    site: &TestSite,
    cache: &mut BuildCache,
    last: &mut Built,
    (rel, front, body): (&str, &str, &str),
) -> Vec<String> {
    site.page(rel, front, body);
    cache.changed = Some(vec![site.path(&format!("content/{rel}"))]);
    let built = build_site_cached(&options(site), cache).unwrap();
    let full = build_site(&options(site)).unwrap();
    let names = |o: &Output| o.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&built.output), names(&full.output));
    for path in full.output.files.keys() {
        assert_eq!(built.output.text(path), full.output.text(path), "{path} differs from a full build");
    }
    let rendered: BTreeSet<String> = cache.rendered.iter().filter(|p| p.ends_with(".html")).cloned().collect();
    let changed = changed_pages(&last.output, &built.output);
    let missed: Vec<&String> = changed.difference(&rendered).collect();
    assert!(missed.is_empty(), "after editing {rel}, these changed but were not rendered: {missed:?}");
    *last = built;
    rendered.into_iter().collect()
}

/// A saved file (path inside content/, front matter, body) and the pages it must render again.
type Edit<'a> = ((&'a str, &'a str, &'a str), &'a [&'a str]);

/// Runs the edits in turn on `site`, each against the expected rendered pages.
fn check_edits(site: &TestSite, edits: &[Edit]) {
    let mut cache = BuildCache::default();
    let mut last = build_site_cached(&options(site), &mut cache).unwrap();
    for (saved, expected) in edits {
        let rendered = edit(site, &mut cache, &mut last, *saved);
        let expected: Vec<String> = expected.iter().map(|p| p.to_string()).collect();
        assert_eq!(rendered, expected, "pages rendered after saving {} with {:?}", saved.0, saved.1);
    }
}

const POST_BODY: &str = "First post about invoices and refunds.\n";
const ARTICLE_BODY: &str = "## Sending\n\nInvoices and refunds.\n";

/// A body edit renders its page, and the pages whose related list it reorders (the first post lists
/// the invoices article differently after this edit's words).
#[test]
fn a_body_edit_renders_its_page_and_the_related_lists_it_moves() {
    let site = one_language();
    check_edits(
        &site,
        &[
            (
                ("blog/2026-01-01-one.md", POST, "First post, rewritten about invoices and refunds.\n"),
                &["blog/one/index.html"],
            ),
            (
                ("kb/billing/invoices.md", ARTICLE, "## Sending\n\nInvoices and refunds, rewritten.\n"),
                &["blog/one/index.html", "kb/billing/invoices/index.html"],
            ),
        ],
    );
}

#[test]
fn title_tag_date_and_summary_edits_of_a_post_render_the_pages_that_show_it() {
    let site = one_language();
    let post = "blog/2026-01-01-one.md";
    check_edits(
        &site,
        &[
            (
                (post, "title: One, retitled\ndescription: First.\ntags: [launch]", POST_BODY),
                &[
                    "authors/dana/index.html",
                    "blog/index.html",
                    "blog/one/index.html",
                    "blog/three/index.html",
                    "blog/two/index.html",
                    "index.html",
                    "kb/billing/invoices/index.html",
                    "kb/billing/refunds/index.html",
                    "kb/billing/taxes/index.html",
                    "tags/launch/index.html",
                ],
            ),
            (
                (post, "title: One, retitled\ndescription: First.\ntags: [launch, money]", POST_BODY),
                &[
                    "authors/dana/index.html",
                    "blog/index.html",
                    "blog/one/index.html",
                    "blog/three/index.html",
                    "blog/two/index.html",
                    "index.html",
                    "kb/billing/invoices/index.html",
                    "kb/billing/refunds/index.html",
                    "kb/billing/taxes/index.html",
                    "tags/index.html",
                    "tags/launch/index.html",
                    "tags/money/index.html",
                ],
            ),
            (
                (post, "title: One, retitled\ndescription: First.\ntags: [launch, money]\ndate: 2026-01-05", POST_BODY),
                &[
                    "authors/dana/index.html",
                    "blog/index.html",
                    "blog/one/index.html",
                    "blog/three/index.html",
                    "blog/two/index.html",
                    "index.html",
                    "kb/billing/invoices/index.html",
                    "kb/billing/refunds/index.html",
                    "kb/billing/taxes/index.html",
                    "tags/launch/index.html",
                    "tags/money/index.html",
                ],
            ),
            (
                (
                    post,
                    "title: One, retitled\ndescription: The first.\ntags: [launch, money]\ndate: 2026-01-05",
                    POST_BODY,
                ),
                &[
                    "authors/dana/index.html",
                    "blog/index.html",
                    "blog/one/index.html",
                    "blog/three/index.html",
                    "blog/two/index.html",
                    "index.html",
                    "kb/billing/invoices/index.html",
                    "kb/billing/refunds/index.html",
                    "kb/billing/taxes/index.html",
                    "tags/launch/index.html",
                    "tags/money/index.html",
                ],
            ),
        ],
    );
}

#[test]
fn title_tag_and_summary_edits_of_an_article_render_the_pages_that_show_it() {
    let site = one_language();
    let article = "kb/billing/invoices.md";
    check_edits(
        &site,
        &[
            (
                (article, "title: Invoices, retitled\ndescription: Sending invoices.\ntags: [money]", ARTICLE_BODY),
                &[
                    "blog/one/index.html",
                    "blog/two/index.html",
                    "kb/billing/index.html",
                    "kb/billing/invoices/index.html",
                    "kb/billing/refunds/index.html",
                    "kb/billing/taxes/index.html",
                    "kb/setup/index.html",
                    "kb/setup/start/index.html",
                    "tags/money/index.html",
                ],
            ),
            (
                (
                    article,
                    "title: Invoices, retitled\ndescription: Sending invoices.\ntags: [money, news]",
                    ARTICLE_BODY,
                ),
                &[
                    "blog/one/index.html",
                    "blog/three/index.html",
                    "blog/two/index.html",
                    "kb/billing/index.html",
                    "kb/billing/invoices/index.html",
                    "kb/billing/refunds/index.html",
                    "kb/billing/taxes/index.html",
                    "tags/index.html",
                    "tags/money/index.html",
                    "tags/news/index.html",
                ],
            ),
            (
                (article, "title: Invoices, retitled\ndescription: How to send.\ntags: [money, news]", ARTICLE_BODY),
                &[
                    "blog/one/index.html",
                    "blog/three/index.html",
                    "blog/two/index.html",
                    "kb/billing/index.html",
                    "kb/billing/invoices/index.html",
                    "kb/billing/refunds/index.html",
                    "kb/billing/taxes/index.html",
                    "tags/money/index.html",
                    "tags/news/index.html",
                ],
            ),
        ],
    );
}

#[test]
fn edits_in_one_language_of_two_render_only_that_language_pages() {
    let site = two_languages();
    let post = "blog/2026-01-01-one.he.md";
    check_edits(
        &site,
        &[
            ((post, POST, "First post, rewritten about invoices and refunds.\n"), &["he/blog/one/index.html"]),
            (
                (post, "title: One, retitled\ndescription: First.\ntags: [launch]", POST_BODY),
                &[
                    "he/authors/dana/index.html",
                    "he/blog/index.html",
                    "he/blog/one/index.html",
                    "he/blog/three/index.html",
                    "he/blog/two/index.html",
                    "he/index.html",
                    "he/kb/billing/invoices/index.html",
                    "he/kb/billing/refunds/index.html",
                    "he/kb/billing/taxes/index.html",
                    "he/tags/launch/index.html",
                ],
            ),
            (
                (post, "title: One, retitled\ndescription: First.\ntags: [launch, money]", POST_BODY),
                &[
                    "he/authors/dana/index.html",
                    "he/blog/index.html",
                    "he/blog/one/index.html",
                    "he/blog/three/index.html",
                    "he/blog/two/index.html",
                    "he/index.html",
                    "he/kb/billing/invoices/index.html",
                    "he/kb/billing/refunds/index.html",
                    "he/kb/billing/taxes/index.html",
                    "he/tags/index.html",
                    "he/tags/launch/index.html",
                    "he/tags/money/index.html",
                ],
            ),
            (
                (post, "title: One, retitled\ndescription: First.\ntags: [launch, money]\ndate: 2026-01-05", POST_BODY),
                &[
                    "he/authors/dana/index.html",
                    "he/blog/index.html",
                    "he/blog/one/index.html",
                    "he/blog/three/index.html",
                    "he/blog/two/index.html",
                    "he/index.html",
                    "he/kb/billing/invoices/index.html",
                    "he/kb/billing/refunds/index.html",
                    "he/kb/billing/taxes/index.html",
                    "he/tags/launch/index.html",
                    "he/tags/money/index.html",
                ],
            ),
            (
                (
                    post,
                    "title: One, retitled\ndescription: The first.\ntags: [launch, money]\ndate: 2026-01-05",
                    POST_BODY,
                ),
                &[
                    "he/authors/dana/index.html",
                    "he/blog/index.html",
                    "he/blog/one/index.html",
                    "he/blog/three/index.html",
                    "he/blog/two/index.html",
                    "he/index.html",
                    "he/kb/billing/invoices/index.html",
                    "he/kb/billing/refunds/index.html",
                    "he/kb/billing/taxes/index.html",
                    "he/tags/launch/index.html",
                    "he/tags/money/index.html",
                ],
            ),
        ],
    );
}
