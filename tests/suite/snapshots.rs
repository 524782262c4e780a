//! Whole-page snapshots: a few pages of a small bilingual fixture site compared byte for byte with
//! the files in `tests/snapshots/`, beside the substring checks elsewhere. A change to the theme
//! shows up here as a reviewable diff: run `FOLIO_UPDATE_SNAPSHOTS=1 cargo test --test suite
//! snapshots` to write the new pages, then read `git diff tests/snapshots/` before committing.

use crate::support;

use std::path::PathBuf;
use support::site::TestSite;

fn fixture() -> TestSite {
    let site = TestSite::with_config(
        "title: Acme Help\nbase_url: https://help.example.com\nlanguage: en\n\
         feedback:\n  endpoint: https://feedback.example.com/votes\n",
    );
    site.page("authors/dana.md", "name: Dana Levi\nrole: CEO", "Dana leads Acme.\n")
        .page("products/router.md", "title: Router X1\ndescription: The home router.", "A router.\n")
        .page(
            "blog/2026-03-01-next-chapter.md",
            "title: Our next chapter\nauthor: dana\ntags: [news, roadmap]\ndescription: Where we go next.",
            "We are moving **fast**.\n\n## What changes\n\nEverything, see [billing](../kb/billing/invoices.md).\n",
        )
        .page(
            "blog/2026-03-02-hebrew.md",
            "title: פרק חדש\nlang: he\nauthor: dana\ntags: [חדשות]",
            "אנחנו ממשיכים עם Router X1 ו-API חדש.\n\n```rust\nfn main() {}\n```\n",
        )
        .page("kb/billing/_index.md", "title: Billing", "Money matters.\n")
        .page(
            "kb/billing/invoices.md",
            "title: Invoices\nproducts: [router]\nverified_by: Support team\nverified_on: 2026-02-01",
            "## Download an invoice\n\n1. Open **Billing**.\n2. Choose a month.\n\n> [!TIP]\n> Invoices are PDFs.\n",
        );
    site
}

/// The page with what changes by itself between runs (the year in the footer) made constant.
fn stable(html: &str) -> String {
    let year = time::OffsetDateTime::now_utc().year().to_string();
    html.replace(&format!("© {year}"), "© YEAR").replace(concat!("Folio ", env!("CARGO_PKG_VERSION")), "Folio VERSION")
}

fn check(name: &str, actual: &str) {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("FOLIO_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file).unwrap_or_else(|_| {
        panic!("no snapshot {}; write it with FOLIO_UPDATE_SNAPSHOTS=1 and review it", file.display())
    });
    if expected != actual {
        let at = expected.lines().zip(actual.lines()).position(|(e, a)| e != a).unwrap_or(0);
        let show = |text: &str| text.lines().skip(at.saturating_sub(2)).take(5).collect::<Vec<_>>().join("\n");
        panic!(
            "{name} differs from its snapshot at line {}:\n--- snapshot ---\n{}\n--- built ---\n{}\n\
             (if the change is intended: FOLIO_UPDATE_SNAPSHOTS=1 cargo test --test suite snapshots)",
            at + 1,
            show(&expected),
            show(actual)
        );
    }
}

#[test]
fn key_pages_match_their_snapshots() {
    let site = fixture();
    let built = site.build();
    for (page, name) in [
        ("index.html", "home.html"),
        ("blog/next-chapter/index.html", "post-en.html"),
        ("blog/hebrew/index.html", "post-he.html"),
        ("kb/billing/invoices/index.html", "article.html"),
        ("kb/billing/index.html", "category.html"),
    ] {
        let html = built.text(page);
        check(name, &stable(&html));
    }
}
