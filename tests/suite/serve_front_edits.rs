//! Front-matter edits in the dev server settle only the pages they touch (`site::replace`): the
//! edited pages' bylines and references, the taxonomy terms they held or hold now, and the folders
//! listing them. After every edit of a sequence — a tag's spelling, a new tag, a tag's last page
//! gone, dates and titles that reorder lists, an author renamed — the served output equals a full
//! build's (and, in debug builds, the checked mode compares the refreshed site with a fresh one).

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Output};
use support::site::TestSite;

fn site() -> TestSite {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nauthor: dana\n");
    site.page("authors/dana.md", "name: Dana", "Bio.\n")
        .page("authors/noa.md", "name: Noa", "Another bio.\n")
        .page("blog/2026-01-01-one.md", "title: One\ntags: [launch, news]", "First post.\n")
        .page("blog/2026-01-02-two.md", "title: Two\ntags: [launch]\nauthor: noa", "Second post.\n")
        .page("blog/2026-01-03-three.md", "title: Three\ntags: [news, Money]", "Third post.\n")
        .page("kb/billing/invoices.md", "title: Invoices\ntags: [money]", "Invoices.\n")
        .page("kb/billing/refunds.md", "title: Refunds\ntags: [money]", "Refunds.\n");
    site
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), serve_mode: true, ..Default::default() }
}

fn assert_same_output(served: &Output, full: &Output, step: &str) {
    let names = |o: &Output| o.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(served), names(full), "after {step}");
    for path in full.files.keys() {
        assert_eq!(served.text(path), full.text(path), "after {step}: {path} differs from a full build");
    }
}

#[test]
fn a_sequence_of_front_matter_edits_serves_what_a_full_build_makes() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    let steps: [(&str, &str, &str, &str); 10] = [
        (
            "a tag spelled otherwise on its first page",
            "blog/2026-01-01-one.md",
            "title: One\ntags: [Launch, news]",
            "First post.\n",
        ),
        ("a new tag", "blog/2026-01-02-two.md", "title: Two\ntags: [launch, fresh]\nauthor: noa", "Second post.\n"),
        (
            "a tag's only page leaves it",
            "blog/2026-01-02-two.md",
            "title: Two\ntags: [launch]\nauthor: noa",
            "Second post.\n",
        ),
        (
            "two spellings of one tag on a page",
            "kb/billing/refunds.md",
            "title: Refunds\ntags: [Money, money, refunds]",
            "Refunds.\n",
        ),
        (
            "a date that makes a post the newest",
            "blog/2026-01-01-one.md",
            "title: One\ndate: 2026-02-01\ntags: [Launch, news]",
            "First post.\n",
        ),
        (
            "a title that reorders a folder",
            "kb/billing/invoices.md",
            "title: Zebra invoices\ntags: [money]",
            "Invoices.\n",
        ),
        (
            "the first spelling's page drops the tag",
            "blog/2026-01-01-one.md",
            "title: One\ndate: 2026-02-01\ntags: [news]",
            "First post.\n",
        ),
        (
            "another author",
            "blog/2026-01-03-three.md",
            "title: Three\ntags: [news, Money]\nauthor: noa",
            "Third post.\n",
        ),
        ("an author renamed", "authors/noa.md", "name: Noa Bar", "Another bio.\n"),
        ("every tag gone from a page", "blog/2026-01-03-three.md", "title: Three\nauthor: noa", "Third post.\n"),
    ];
    for (step, rel, front, body) in steps {
        site.page(rel, front, body);
        cache.changed = Some(vec![site.path(&format!("content/{rel}"))]);
        let served = build_site_cached(&options(&site), &mut cache).unwrap();
        let full = build_site(&options(&site)).unwrap();
        assert_same_output(&served.output, &full.output, step);
    }
}
