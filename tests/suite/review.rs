//! Review cadence: `owner:` and `review_every:` inherited page > section > site, the last review
//! from `verified_on`, `updated` (or git) or `date`, the build's warning, and `folio review` as
//! text, JSON and iCalendar. Dates are fixed through the library's `today`.

use crate::support;

use folio::review::{load_reviews, to_ics, ReviewItem, ReviewList};
use support::site::{assert_contains, TestSite};
use time::macros::{date, datetime};

const CONFIG: &str = "title: Acme Help\nbase_url: https://help.example.com\nlanguage: en\n";

fn reviews(site: &TestSite, today: time::Date, owner: Option<&str>) -> ReviewList {
    match load_reviews(site.root(), today, owner) {
        Ok((list, _)) => list,
        Err(e) => panic!("review failed:\n{e}"),
    }
}

fn item<'l>(list: &'l ReviewList, page: &str) -> &'l ReviewItem {
    list.pages.iter().find(|p| p.page == page).unwrap_or_else(|| panic!("{page} not listed in {list:#?}"))
}

#[test]
fn owner_and_cadence_come_from_the_page_then_its_sections_then_the_site() {
    let site = TestSite::with_config(&format!("{CONFIG}trust:\n  owner: Support\n  review_every: 1y\n"));
    site.page("kb/_index.md", "title: Help\nowner: Docs team", "")
        .page("kb/billing/_index.md", "title: Billing\nreview_every: 30d", "")
        .page("kb/billing/refunds.md", "title: Refunds\ndate: 2026-01-01", "Text.\n")
        .page("kb/billing/vat.md", "title: VAT\ndate: 2026-01-01\nowner: Ana\nreview_every: 2w", "Text.\n")
        .page("kb/start.md", "title: Start\ndate: 2025-03-01", "Text.\n")
        .page("guides/setup.md", "title: Setup\ndate: 2025-03-01", "Text.\n")
        .page("blog/news.md", "title: News\ndate: 2020-01-01", "Text.\n");
    let list = reviews(&site, date!(2026 - 03 - 01), None);
    let refunds = item(&list, "content/kb/billing/refunds.md");
    assert_eq!((refunds.owner.as_deref(), refunds.due.as_deref()), (Some("Docs team"), Some("2026-01-31")));
    let vat = item(&list, "content/kb/billing/vat.md");
    assert_eq!((vat.owner.as_deref(), vat.due.as_deref()), (Some("Ana"), Some("2026-01-15")));
    let start = item(&list, "content/kb/start.md");
    assert_eq!((start.owner.as_deref(), start.due.as_deref()), (Some("Docs team"), Some("2026-03-01")));
    let setup = item(&list, "content/guides/setup.md");
    assert_eq!((setup.owner.as_deref(), setup.due.as_deref()), (Some("Support"), Some("2026-03-01")));
    assert!(list.pages.iter().all(|p| p.page != "content/blog/news.md"), "blog posts take no site-wide cadence");
}

#[test]
fn the_last_review_is_verified_on_else_updated_else_date() {
    let site = TestSite::with_config(&format!("{CONFIG}trust:\n  review_every: 90d\n"));
    site.page("kb/a.md", "title: A\ndate: 2025-01-01\nupdated: 2025-06-01\nverified_on: 2025-12-01", "Text.\n")
        .page("kb/b.md", "title: B\ndate: 2025-01-01\nupdated: 2025-06-01", "Text.\n")
        .page("kb/c.md", "title: C\ndate: 2025-01-01", "Text.\n")
        .page("kb/d.md", "title: D", "Text.\n");
    let list = reviews(&site, date!(2026 - 03 - 15), None);
    let last = |page: &str| {
        let p = item(&list, page);
        (p.last_reviewed.clone(), p.due.clone())
    };
    assert_eq!(last("content/kb/a.md"), (Some("2025-12-01".into()), Some("2026-03-01".into())));
    assert_eq!(last("content/kb/b.md"), (Some("2025-06-01".into()), Some("2025-08-30".into())));
    assert_eq!(last("content/kb/c.md"), (Some("2025-01-01".into()), Some("2025-04-01".into())));
    assert_eq!(last("content/kb/d.md"), (None, None), "a page never dated is due now");
    assert_eq!(item(&list, "content/kb/d.md").status, "overdue");
}

#[test]
fn updated_git_is_the_last_review_when_nothing_newer_says_so() {
    let site = TestSite::with_config(&format!("{CONFIG}trust:\n  review_every: 6m\n"));
    site.page("kb/a.md", "title: A\ndate: 2020-01-01\nupdated: git", "Text.\n");
    support::git::commit_all(site.root(), "2025-11-30T12:00:00Z");
    let list = reviews(&site, date!(2026 - 05 - 01), None);
    let a = item(&list, "content/kb/a.md");
    assert_eq!((a.last_reviewed.as_deref(), a.due.as_deref()), (Some("2025-11-30"), Some("2026-05-30")));
    assert_eq!(a.status, "upcoming");
}

#[test]
fn overdue_pages_come_first_then_those_due_within_30_days() {
    let site = TestSite::with_config(&format!("{CONFIG}trust:\n  review_every: 30d\n"));
    site.page("kb/soon.md", "title: Soon\ndate: 2026-02-20", "Text.\n")
        .page("kb/today.md", "title: Today\ndate: 2026-02-01", "Text.\n")
        .page("kb/late.md", "title: Late\ndate: 2025-12-01", "Text.\n")
        .page("kb/later.md", "title: Fresh\nverified_on: 2026-03-01", "Text.\n")
        .page("kb/pinned.md", "title: Pinned\nverified_on: 2026-03-01\nreview_by: 2026-03-02", "Text.\n");
    let list = reviews(&site, date!(2026 - 03 - 03), None);
    let order: Vec<(&str, &str, Option<&str>)> =
        list.pages.iter().map(|p| (p.page.as_str(), p.status, p.due.as_deref())).collect();
    assert_eq!(
        order,
        [
            ("content/kb/late.md", "overdue", Some("2025-12-31")),
            ("content/kb/pinned.md", "overdue", Some("2026-03-02")),
            ("content/kb/today.md", "overdue", Some("2026-03-03")),
            ("content/kb/soon.md", "upcoming", Some("2026-03-22")),
            ("content/kb/later.md", "upcoming", Some("2026-03-31")),
        ]
    );
    assert!(reviews(&site, date!(2025 - 01 - 01), None).pages.is_empty(), "nothing due yet");
}

#[test]
fn owner_filter_keeps_one_owners_pages_regardless_of_case() {
    let site = TestSite::with_config(&format!("{CONFIG}trust:\n  review_every: 30d\n"));
    site.page("kb/a.md", "title: A\ndate: 2020-01-01\nowner: Billing Team", "Text.\n").page(
        "kb/b.md",
        "title: B\ndate: 2020-01-01\nowner: Docs",
        "Text.\n",
    );
    let list = reviews(&site, date!(2026 - 01 - 01), Some("billing team"));
    let pages: Vec<&str> = list.pages.iter().map(|p| p.page.as_str()).collect();
    assert_eq!(pages, ["content/kb/a.md"]);

    let run = site.run(&["review", "--owner", "Docs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, &["Docs — 1 overdue, 0 due within 30 days", "content/kb/b.md  \"B\""]);
    assert!(!run.stdout.contains("kb/a.md"), "{}", run.stdout);
}

#[test]
fn json_lists_each_page_with_its_owner_dates_and_status() {
    let site = TestSite::with_config(&format!("{CONFIG}trust:\n  review_every: 1y\n  owner: Support\n"));
    site.page("kb/a.md", "title: A\ndate: 2020-01-01", "Text.\n");
    let run = site.run(&["review", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert!(json["today"].as_str().is_some_and(|t| t.len() == 10), "{json}");
    assert_eq!(
        json["pages"],
        serde_json::json!([{
            "page": "content/kb/a.md",
            "title": "A",
            "url": "https://help.example.com/kb/a/",
            "owner": "Support",
            "last_reviewed": "2020-01-01",
            "due": "2021-01-01",
            "status": "overdue",
        }])
    );
}

#[test]
fn ics_has_one_all_day_event_per_page_with_crlf_folding_and_escaping() {
    let site = TestSite::with_config(&format!("{CONFIG}trust:\n  review_every: 90d\n"));
    let long = "Refunds, credits; and everything else you wanted to know about getting money back";
    site.page("kb/refunds.md", &format!("title: \"{long}\"\ndate: 2026-01-01\nowner: Billing, EU"), "Text.\n").page(
        "kb/vat.md",
        "title: VAT\ndate: 2026-02-01",
        "Text.\n",
    );
    let (list, host) = load_reviews(site.root(), date!(2026 - 04 - 15), None).expect("reviews");
    let ics = to_ics(&list, datetime!(2026-04-15 09:30:00 UTC), &host);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 2);
    assert_contains(
        &unfolded,
        &[
            "UID:review-kb-refunds.md@help.example.com\r\n",
            "DTSTAMP:20260415T093000Z\r\n",
            "DTSTART;VALUE=DATE:20260401\r\n",
            "SUMMARY:Review: Refunds\\, credits\\; and everything else you wanted to know about getting \
             money back (Billing\\, EU)\r\n",
            "URL:https://help.example.com/kb/refunds/\r\n",
            "DTSTART;VALUE=DATE:20260502\r\n",
        ],
    );
    assert!(ics.contains("\r\n "), "the long summary is folded");
}

#[test]
fn a_bad_review_every_names_the_file_line_column_and_accepted_forms() {
    let site = TestSite::with_config(CONFIG);
    site.page("kb/a.md", "title: A\nreview_every: 3 months", "Text.\n");
    assert_eq!(
        site.build_error(),
        "error: content/kb/a.md:3:15: `review_every`: `3 months` is not a review interval; write a whole \
         number and a unit: 90d (days), 12w (weeks), 6m (months) or 1y (years)\n  help: e.g. review_every: 90d"
    );
    let config = TestSite::with_config(&format!("{CONFIG}trust:\n  review_every: 90x\n"));
    let run = config.run(&["review"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stderr,
        &["site.yaml:5:17: `review_every`: `90x` is not a review interval; write a whole number and a unit"],
    );
}

#[test]
fn the_build_warns_once_grouping_due_pages_by_owner() {
    let site = TestSite::with_config(&format!("{CONFIG}trust:\n  review_every: 1y\n  review_notice: true\n"));
    site.page("kb/_index.md", "title: Help\nowner: Docs", "")
        .page("kb/a.md", "title: A\ndate: 2001-05-01", "Text.\n")
        .page("kb/b.md", "title: B\ndate: 2000-05-01\nowner: Billing", "Text.\n")
        .page("kb/c.md", "title: C\ndate: 2000-01-01", "Text.\n")
        .page("kb/fresh.md", "title: Fresh\nverified_on: 2999-01-01", "Text.\n");
    let out = site.build();
    assert_eq!(
        out.warnings(),
        ["content: 3 pages are due for review\n  help: verify each one, then set `verified_on:` to that day \
          (or move `review_by:` forward); `folio review` lists them with due dates:\n    Billing:\n      \
          content/kb/b.md (due 2001-05-01)\n    Docs:\n      content/kb/c.md (due 2001-01-01)\n      \
          content/kb/a.md (due 2002-05-01)"]
    );
    assert_contains(
        &out.text("kb/a/index.html"),
        &["This article may be out of date: it was due for review on May 1, 2002."],
    );
    assert!(!out.text("kb/fresh/index.html").contains("notice-outdated"));
}
