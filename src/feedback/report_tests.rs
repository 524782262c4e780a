use super::export::{parse_csv, parse_json_lines};
use super::report::{build_report, url_path, ReasonCount};
use std::path::Path;

/// A sample export as the widget writes it: three pages, one with a broken link.
const SAMPLE_JSONL: &str = r#"{"url":"https://help.example.com/kb/billing/invoices/","page_id":"kb/billing/invoices.md","title":"Invoices","lang":"en","vote":"no","reason":"inaccurate","text":"The VAT screen moved.","email":"dana@example.com","timestamp":"2026-11-20T10:00:00Z"}
{"url":"https://help.example.com/kb/billing/invoices/","page_id":"kb/billing/invoices.md","title":"Invoices","lang":"en","vote":"no","reason":"inaccurate","text":"","email":"","timestamp":"2026-11-21T09:00:00Z"}
{"url":"https://help.example.com/kb/billing/invoices/","page_id":"kb/billing/invoices.md","title":"Invoices","lang":"en","vote":"yes","reason":"","text":"Clear, thanks","email":"","timestamp":"2026-11-22T08:00:00Z"}
{"url":"https://help.example.com/guides/setup/","page_id":"guides/setup.md","title":"Setup","lang":"en","vote":"yes","reason":"","text":"","email":"","timestamp":"2026-11-19T08:00:00Z"}
{"url":"https://help.example.com/guides/setup/","page_id":"guides/setup.md","title":"Setup","lang":"en","vote":"yes","reason":"","text":"","email":"","timestamp":"2026-11-19T09:00:00Z"}
{"url":"https://help.example.com/he/about/","page_id":"","title":"אודות","lang":"he","vote":"yes","reason":"broken_link","text":"הקישור לתקנון שבור","email":"","timestamp":"2026-11-18T08:00:00Z"}
"#;

#[test]
fn report_groups_pages_and_puts_attention_first() {
    let submissions = parse_json_lines(SAMPLE_JSONL, Path::new("f.jsonl")).unwrap();
    let report = build_report(&submissions);
    assert_eq!(report.submissions, 6);
    assert_eq!(report.percent_helpful, 66);
    let order: Vec<&str> = report.pages.iter().map(|p| p.page.as_str()).collect();
    assert_eq!(order, ["kb/billing/invoices.md", "/he/about/", "guides/setup.md"]);
    let invoices = &report.pages[0];
    assert_eq!((invoices.votes, invoices.helpful, invoices.not_helpful, invoices.percent_helpful), (3, 1, 2, 33));
    assert!(invoices.needs_attention);
    assert_eq!(invoices.reasons, vec![ReasonCount { reason: "inaccurate".into(), count: 2 }]);
    let texts: Vec<&str> = invoices.recent.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["Clear, thanks", "The VAT screen moved."]);
    assert!(report.pages[1].needs_attention, "a broken link needs attention even on a helpful page");
    assert!(!report.pages[2].needs_attention);
}

#[test]
fn report_reads_csv_like_json_lines() {
    let csv = "timestamp,url,page_id,title,vote,reason,text,email\n\
               2026-11-20T10:00:00Z,https://help.example.com/kb/billing/invoices/,kb/billing/invoices.md,Invoices,no,inaccurate,\"The VAT screen moved.\",dana@example.com\n\
               2026-11-22T08:00:00Z,/kb/billing/invoices/,kb/billing/invoices.md,Invoices,yes,,\"Clear, thanks\",\n\
               2026-11-19T08:00:00Z,https://help.example.com/guides/setup/,,Setup,yes,,,\n";
    let report = build_report(&parse_csv(csv, Path::new("f.csv")).unwrap());
    let pages: Vec<(&str, usize, u32)> =
        report.pages.iter().map(|p| (p.page.as_str(), p.votes, p.percent_helpful)).collect();
    assert_eq!(pages, [("kb/billing/invoices.md", 2, 50), ("/guides/setup/", 1, 100)]);
    assert_eq!(report.pages[0].recent[0].text, "Clear, thanks");
    assert_eq!(report.pages[0].recent[1].email, "dana@example.com");
}

#[test]
fn text_report_marks_attention_and_lists_comments() {
    let report = build_report(&parse_json_lines(SAMPLE_JSONL, Path::new("f.jsonl")).unwrap());
    let text = report.to_text();
    let first_page: Vec<&str> = text.lines().skip(2).take(6).collect();
    assert_eq!(
        first_page,
        [
            "! kb/billing/invoices.md — Invoices",
            "    https://help.example.com/kb/billing/invoices/",
            "    3 votes: 33% helpful (1 yes, 2 no); needs attention",
            "    reasons: inaccurate ×2",
            "    2026-11-22T08:00:00Z yes: \"Clear, thanks\"",
            "    2026-11-20T10:00:00Z no [inaccurate]: \"The VAT screen moved.\" (reply to dana@example.com)",
        ]
    );
    assert!(text.starts_with("6 submissions on 3 pages; 66% found the page helpful\n"), "{text}");
}

#[test]
fn json_report_has_the_documented_fields() {
    let report = build_report(&parse_json_lines(SAMPLE_JSONL, Path::new("f.jsonl")).unwrap());
    let value = serde_json::to_value(&report).unwrap();
    let page = &value["pages"][0];
    assert_eq!(page["page"], "kb/billing/invoices.md");
    assert_eq!(page["percent_helpful"], 33);
    assert_eq!(page["needs_attention"], true);
    assert_eq!(page["reasons"][0], serde_json::json!({ "reason": "inaccurate", "count": 2 }));
    assert_eq!(page["recent"][1]["email"], "dana@example.com");
}

#[test]
fn url_paths_drop_host_and_query() {
    assert_eq!(url_path("https://e.com/kb/a/?x=1#top"), "/kb/a/");
    assert_eq!(url_path("https://e.com"), "/");
    assert_eq!(url_path("/kb/a/"), "/kb/a/");
}

#[test]
fn old_reason_ids_count_under_their_new_names() {
    let old = r#"{"page_id":"kb/a.md","vote":"no","reason":"hard_to_understand"}
{"page_id":"kb/a.md","vote":"no","reason":"hard_to_follow"}
{"page_id":"kb/a.md","vote":"no","reason":"inaccurate"}
"#;
    let report = build_report(&parse_json_lines(old, Path::new("f.jsonl")).unwrap());
    let reasons = &report.pages[0].reasons;
    assert_eq!(reasons[0], ReasonCount { reason: "hard_to_follow".into(), count: 2 });
    assert_eq!(reasons[1], ReasonCount { reason: "inaccurate".into(), count: 1 });
}

#[test]
fn requests_from_lists_are_not_votes_and_need_no_attention() {
    let text = r#"{"url":"https://help.example.com/kb/billing/","page_id":"kb/billing","title":"Billing","type":"not_found","text":"How do I cancel an invoice?","timestamp":"2026-11-20T10:00:00Z"}
{"url":"https://help.example.com/kb/billing/","page_id":"kb/billing","title":"Billing","vote":"no","reason":"not_found","text":"Refund form","timestamp":"2026-11-19T10:00:00Z"}
{"url":"https://help.example.com/kb/billing/invoices/","page_id":"kb/billing/invoices.md","title":"Invoices","vote":"yes"}
"#;
    let report = build_report(&parse_json_lines(text, Path::new("f.jsonl")).unwrap());
    assert_eq!((report.submissions, report.percent_helpful), (3, 100), "requests are not counted as unhelpful votes");
    let billing = report.pages.iter().find(|p| p.page == "kb/billing").unwrap();
    assert_eq!((billing.votes, billing.requests, billing.not_helpful), (0, 2, 0));
    assert!(!billing.needs_attention, "a list with requests is not a page that failed its readers");
    assert!(billing.reasons.is_empty());
    let text = report.to_text();
    assert!(
        text.contains(
            "  kb/billing — Billing\n    https://help.example.com/kb/billing/\n    2 requests: readers did not find what they were looking for\n    2026-11-20T10:00:00Z request: \"How do I cancel an invoice?\"\n"
        ),
        "{text}"
    );
}

/// Search gaps as the search page sends them: Hebrew inflections of one query, an English query, and a
/// query whose results nobody opened, beside one ordinary vote.
const SEARCHES_JSONL: &str = r#"{"type":"search","reason":"no_results","text":"החזר מס","lang":"he","url":"https://h.example/search/","page_id":"search"}
{"type":"search","reason":"no_results","text":"להחזר  מס","lang":"he","url":"https://h.example/search/","page_id":"search"}
{"type":"search","reason":"no_results","text":"והחזר מס","lang":"he","url":"https://h.example/search/","page_id":"search"}
{"type":"search","reason":"not_opened","text":"invoices","lang":"en","url":"https://h.example/en/search/","page_id":"search"}
{"type":"search","reason":"no_results","text":"invoice","lang":"en","url":"https://h.example/en/search/","page_id":"search"}
{"type":"search","reason":"no_results","text":"webhooks","lang":"en","url":"https://h.example/en/search/","page_id":"search"}
{"url":"/kb/a/","page_id":"kb/a.md","title":"A","lang":"en","vote":"yes"}
"#;

#[test]
fn search_gaps_group_inflections_and_stay_out_of_page_votes() {
    let report = build_report(&parse_json_lines(SEARCHES_JSONL, Path::new("f.jsonl")).unwrap());
    assert_eq!(report.submissions, 7);
    assert_eq!(report.pages.len(), 1, "searches are not pages: {:?}", report.pages);
    assert_eq!((report.pages[0].votes, report.percent_helpful), (1, 100));
    let gaps: Vec<(&str, &str, usize, usize)> =
        report.searches.iter().map(|g| (g.query.as_str(), g.lang.as_str(), g.no_results, g.not_opened)).collect();
    assert_eq!(gaps[0], ("החזר מס", "he", 3, 0), "{gaps:?}");
    assert_eq!(report.searches[0].spellings.len(), 3);
    assert!(gaps.contains(&("invoices", "en", 1, 1)), "invoice and invoices are one query: {gaps:?}");
    assert!(gaps.contains(&("webhooks", "en", 1, 0)), "{gaps:?}");

    let text = report.to_text();
    assert!(
        text.contains("Searches that did not help — write these next:\n  החזר מס [he]: 3 found nothing (also:"),
        "{text}"
    );
    let csv = report.to_csv();
    assert!(csv.starts_with(
        "kind,page,url,title,votes,helpful,percent_helpful,requests,query,lang,no_results,not_opened,reached\n"
    ));
    assert!(csv.contains("\nsearch,,,,,,,,החזר מס,he,3,0,\n"), "{csv}");
    assert!(csv.contains("\npage,kb/a.md,/kb/a/,A,1,1,100,0,,,,,\n"), "{csv}");
}

#[test]
fn a_search_record_needs_its_query_and_outcome() {
    let bad = r#"{"type":"search","reason":"bored","text":"x","url":"/search/"}"#;
    let errors = parse_json_lines(bad, Path::new("f.jsonl")).unwrap_err();
    assert!(errors[0].to_string().contains("a search record needs its query in `text`"), "{:?}", errors);
}

/// After a query that did not help, the next page each reader opened is sent as `reason: reached`.
const REACHED_JSONL: &str = r#"{"type":"search","reason":"no_results","text":"החזר מס","lang":"he","url":"https://h.example/search/","page_id":"search"}
{"type":"search","reason":"reached","text":"החזר מס","lang":"he","url":"https://h.example/kb/refunds/?x=1","page_id":"search"}
{"type":"search","reason":"no_results","text":"להחזר מס","lang":"he","url":"https://h.example/search/","page_id":"search"}
{"type":"search","reason":"reached","text":"להחזר מס","lang":"he","url":"https://h.example/kb/refunds/","page_id":"search"}
{"type":"search","reason":"reached","text":"והחזר מס","lang":"he","url":"https://h.example/kb/tax/","page_id":"search"}
{"type":"search","reason":"reached","text":"webhooks","lang":"en","url":"https://h.example/en/kb/api/","page_id":"search"}
"#;

#[test]
fn search_gaps_list_the_pages_readers_reached_instead() {
    let report = build_report(&parse_json_lines(REACHED_JSONL, Path::new("f.jsonl")).unwrap());
    assert_eq!(report.searches.len(), 1, "a reached page without its gap counts nothing: {:?}", report.searches);
    let gap = &report.searches[0];
    assert_eq!((gap.no_results, gap.not_opened), (2, 0), "reached pages are not searches: {gap:?}");
    assert_eq!(gap.spellings, ["החזר מס", "להחזר מס"]);
    assert_eq!(gap.reached, [("/kb/refunds/".to_string(), 2), ("/kb/tax/".to_string(), 1)]);
    let text = report.to_text();
    assert!(
        text.contains("החזר מס [he]: 2 found nothing (also: להחזר מס)\n    then read: /kb/refunds/ (2), /kb/tax/\n"),
        "{text}"
    );
    assert!(report.to_csv().contains("\nsearch,,,,,,,,החזר מס,he,2,0,\"/kb/refunds/ (2), /kb/tax/\"\n"));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["searches"][0]["reached"][0], serde_json::json!(["/kb/refunds/", 2]));
}

#[test]
fn a_construct_plural_groups_with_its_singular() {
    let lines = r#"{"type":"search","reason":"no_results","text":"החזרי מס","lang":"he","url":"/search/"}
{"type":"search","reason":"no_results","text":"החזר מס","lang":"he","url":"/search/"}
{"type":"search","reason":"no_results","text":"מנוי","lang":"he","url":"/search/"}
{"type":"search","reason":"no_results","text":"מנו","lang":"he","url":"/search/"}
"#;
    let report = build_report(&parse_json_lines(lines, Path::new("f.jsonl")).unwrap());
    let gaps: Vec<(&str, usize)> = report.searches.iter().map(|g| (g.query.as_str(), g.no_results)).collect();
    assert!(gaps.contains(&("החזרי מס", 2)), "החזרי מס is החזר מס: {gaps:?}");
    assert!(gaps.contains(&("מנוי", 1)) && gaps.contains(&("מנו", 1)), "מנוי is a word of its own: {gaps:?}");
}
