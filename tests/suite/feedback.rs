//! Feedback and comments in built sites: where the widget appears, where its form goes with each
//! transport, the thank-you pages, `feedback.data` on pages, exact configuration errors, and
//! `folio feedback report` on real export files.

use crate::support;

use std::collections::BTreeMap;
use support::site::{assert_contains, assert_lacks, TestSite};

pub(crate) const ENDPOINT_CONFIG: &str = "title: Help\nbase_url: https://help.example.com\nlanguage: en\n\
feedback:\n  transport: endpoint\n  endpoint: https://forms.example.com/f/abc\n  email: docs@example.com\n";

/// A site with one page of every kind the widget cares about, in English and Hebrew.
pub(crate) fn content_site(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    site.page("blog/2026-01-01-hello.md", "title: Hello", "A post.\n")
        .page("kb/billing/invoices.md", "title: Invoices", "An article.\n")
        .page("kb/billing/hebrew.md", "title: חשבוניות\nlang: he", "מאמר.\n")
        .page("kb/billing/quiet.md", "title: Quiet\nfeedback: false\ncomments: false", "No widget here.\n")
        .page("guides/setup.md", "title: Setup", "A guide.\n")
        .page("products/box.md", "title: Box", "A product.\n")
        .page("about.md", "title: About", "A plain page.\n");
    site
}

/// The attributes of the first tag that starts with `opening` (e.g. `<form class="feedback-form"`).
pub(crate) fn tag_attributes(html: &str, opening: &str) -> BTreeMap<String, String> {
    let start = html.find(opening).unwrap_or_else(|| panic!("no {opening} in:\n{html}"));
    let tag = &html[start..start + html[start..].find('>').unwrap()];
    let mut attributes = BTreeMap::new();
    let mut rest = tag.split_once(' ').map_or("", |(_, r)| r);
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].split_whitespace().last().unwrap_or("").to_string();
        let value_end = rest[eq + 2..].find('"').unwrap();
        attributes.insert(name, rest[eq + 2..eq + 2 + value_end].to_string());
        rest = &rest[eq + 2 + value_end + 1..];
    }
    attributes
}

/// Hidden inputs of the feedback form: name → value.
pub(crate) fn hidden_fields(html: &str) -> BTreeMap<String, String> {
    let start = html.find("<form class=\"feedback-form\"").unwrap();
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    form.match_indices("<input type=\"hidden\"")
        .map(|(i, _)| tag_attributes(&form[i..], "<input"))
        .map(|a| (a["name"].clone(), a["value"].clone()))
        .collect()
}

#[test]
fn widget_is_on_content_pages_by_default_and_off_where_asked() {
    let built = content_site(ENDPOINT_CONFIG).build();
    for page in [
        "blog/hello/index.html",
        "kb/billing/invoices/index.html",
        "guides/setup/index.html",
        "products/box/index.html",
    ] {
        let html = built.text(page);
        assert_contains(
            &html,
            &[
                "<section class=\"feedback\" id=\"feedback\"",
                "<a class=\"feedback-jump\" href=\"#feedback\">Feedback</a>",
                "<script type=\"module\" src=\"/feedback.js\"></script>",
            ],
        );
        // No comments are configured, so their loader stays off the page.
        assert_lacks(&html, &["comments.js"]);
    }
    for page in ["kb/billing/quiet/index.html", "about/index.html"] {
        assert_lacks(&built.text(page), &["class=\"feedback", "feedback-jump", "feedback.js", "comments.js"]);
    }
    // Lists get the short "Didn't find what you need?" form instead of the widget (list_feedback.rs).
    for page in ["index.html", "kb/index.html"] {
        assert_lacks(&built.text(page), &["class=\"feedback\"", "feedback-jump", "comments.js"]);
    }
    assert!(built.has("feedback.js") && built.has("comments.js"));
    assert!(!built.has("folio-feedback.js"), "the old combined script is gone");
}

#[test]
fn sections_override_the_defaults() {
    let config = format!("{ENDPOINT_CONFIG}  sections: {{ blog: false, company: true }}\n");
    let site = content_site(&config);
    site.page("company/team.md", "title: Team", "Plain page in a folder.\n");
    let built = site.build();
    assert_lacks(&built.text("blog/hello/index.html"), &["class=\"feedback\""]);
    assert_contains(&built.text("company/team/index.html"), &["class=\"feedback\""]);
    assert_contains(&built.text("kb/billing/invoices/index.html"), &["class=\"feedback\""]);
}

#[test]
fn endpoint_form_posts_the_documented_fields_and_returns_to_a_thank_you_page() {
    let built = content_site(ENDPOINT_CONFIG).build();
    let html = built.text("kb/billing/invoices/index.html");
    let form = tag_attributes(&html, "<form class=\"feedback-form\"");
    assert_eq!(form["action"], "https://forms.example.com/f/abc");
    assert_eq!(form["method"], "post");
    let hidden = hidden_fields(&html);
    assert_eq!(hidden["url"], "https://help.example.com/kb/billing/invoices/");
    assert_eq!(hidden["page_id"], "kb/billing/invoices.md");
    assert_eq!(hidden["title"], "Invoices");
    assert_eq!(hidden["lang"], "en");
    assert_eq!(hidden["redirect"], "https://help.example.com/feedback/thanks/");
    assert_contains(
        &html,
        &[
            "name=\"vote\" value=\"yes\" required",
            "name=\"vote\" value=\"no\"",
            "name=\"reason\" value=\"broken_link\"",
            "<textarea name=\"text\"",
            "name=\"email\"",
            "name=\"website\" tabindex=\"-1\"",
        ],
    );
    let hebrew = built.text("kb/billing/hebrew/index.html");
    assert_eq!(hidden_fields(&hebrew)["redirect"], "https://help.example.com/feedback/thanks/he/");
    assert_contains(&hebrew, &["האם הדף הזה עזר לך?", ">משוב</a>"]);
}

#[test]
fn thank_you_pages_exist_in_each_language_with_the_widget() {
    let built = content_site(ENDPOINT_CONFIG).build();
    let english = built.text("feedback/thanks/index.html");
    assert_contains(
        &english,
        &[
            "<html lang=\"en\" dir=\"ltr\">",
            "<h1>Thank you for your feedback</h1>",
            "<meta name=\"robots\" content=\"noindex\">",
        ],
    );
    let hebrew = built.text("feedback/thanks/he/index.html");
    assert_contains(&hebrew, &["<html lang=\"he\" dir=\"rtl\">", "<h1>תודה על המשוב</h1>"]);
}

#[test]
fn mailto_form_opens_the_mail_program() {
    let config =
        "title: Help\nbase_url: https://help.example.com\nfeedback:\n  transport: mailto\n  email: docs@example.com\n";
    let html = content_site(config).build().text("guides/setup/index.html");
    let form = tag_attributes(&html, "<form class=\"feedback-form\"");
    assert_eq!(form["action"], "mailto:docs@example.com?subject=Feedback%3A%20Help");
    assert_eq!(form["enctype"], "text/plain");
    assert_contains(&html, &["Sending opens your mail program"]);
    assert!(!hidden_fields(&html).contains_key("redirect"));
}

#[test]
fn github_form_opens_a_prefilled_issue() {
    let config = "title: Help\nbase_url: https://help.example.com\nfeedback:\n  transport: github\n  repo: acme/help\n  labels: [feedback, docs]\n";
    let html = content_site(config).build().text("guides/setup/index.html");
    let form = tag_attributes(&html, "<form class=\"feedback-form\"");
    assert_eq!(form["action"], "https://github.com/acme/help/issues/new");
    assert_eq!(form["method"], "get");
    let hidden = hidden_fields(&html);
    assert_eq!(hidden["title"], "Feedback: Setup (/guides/setup/)");
    assert_eq!(hidden["labels"], "feedback,docs");
    assert_contains(&html, &["<textarea name=\"body\""]);
}

#[test]
fn serve_mode_points_the_widget_at_the_local_endpoint_and_says_so() {
    let site = content_site(ENDPOINT_CONFIG);
    let built = site.try_build_with(folio::BuildOptions { serve_mode: true, ..Default::default() }).unwrap();
    let html = built.output.text("kb/billing/invoices/index.html").unwrap();
    let form = tag_attributes(&html, "<form class=\"feedback-form\"");
    assert_eq!(form["action"], "/__folio/feedback");
    assert_contains(&html, &["Preview: feedback goes to folio serve on this computer"]);
}

#[test]
fn no_transport_means_no_widget_and_a_warning() {
    let site = content_site("title: Help\nbase_url: https://help.example.com\nfeedback:\n  email: docs@example.com\n");
    let built = site.build();
    assert_lacks(&built.text("kb/billing/invoices/index.html"), &["class=\"feedback\"", "feedback-jump"]);
    assert!(!built.has("feedback/thanks/index.html"));
    assert_eq!(
        built.warnings(),
        ["site.yaml:3: `feedback` has no `transport`, so no page shows the feedback widget\n  help: add transport: endpoint, mailto or github (with endpoint:, email: or repo:)"]
    );
}

#[test]
fn malformed_endpoint_is_a_build_error() {
    let site = content_site("title: Help\nbase_url: https://help.example.com\nfeedback:\n  transport: endpoint\n  endpoint: forms.example.com/f\n");
    assert_eq!(
        site.build_error(),
        "error: site.yaml:5: `feedback.endpoint` must be an http(s) URL or a path on this site, found `forms.example.com/f`\n  help: write the address that accepts the POST, e.g. endpoint: https://forms.example.com/f/abc123"
    );
}

#[test]
fn transport_without_its_address_is_a_build_error() {
    let site = content_site("title: Help\nbase_url: https://help.example.com\nfeedback:\n  transport: github\n");
    assert_eq!(
        site.build_error(),
        "error: site.yaml:4: `feedback.transport: github` needs `feedback.repo`\n  help: add repo: owner/name of the repository that receives the issues"
    );
}

#[test]
fn unknown_feedback_key_suggests_the_right_one() {
    let site = content_site(
        "title: Help\nbase_url: https://help.example.com\nfeedback:\n  transport: mailto\n  emial: a@b.co\n",
    );
    let err = site.build_error();
    assert!(
        err.starts_with("error: site.yaml:5:3: unknown key `emial` in `feedback`\n  help: did you mean `email`?"),
        "{err}"
    );
}

#[test]
fn feedback_data_shows_the_share_above_the_minimum_and_lists_pages_needing_attention() {
    let config = format!("{ENDPOINT_CONFIG}  data: exports/feedback.csv\n  min_votes: 3\n");
    let site = content_site(&config);
    site.file(
        "exports/feedback.csv",
        "url,page_id,vote,reason,text\n\
         https://help.example.com/guides/setup/,,yes,,\n\
         https://help.example.com/guides/setup/,,yes,,\n\
         https://help.example.com/guides/setup/,,no,,\n\
         ,kb/billing/invoices.md,no,broken_link,\"The link to the VAT form, is dead\"\n\
         ,kb/gone.md,no,,\n",
    );
    let built = site.build();
    assert_contains(
        &built.text("guides/setup/index.html"),
        &["<p class=\"feedback-score\">66% of readers found this helpful (3 votes)</p>"],
    );
    assert_lacks(&built.text("kb/billing/invoices/index.html"), &["feedback-score"]);
    assert_eq!(
        built.built.summary.feedback_attention,
        ["kb/billing/invoices.md: 0% helpful of 1 vote; broken link ×1", "guides/setup.md: 66% helpful of 3 votes"]
    );
}

#[test]
fn a_bad_feedback_data_record_is_a_build_error_on_its_line() {
    let site = content_site(&format!("{ENDPOINT_CONFIG}  data: feedback.jsonl\n"));
    site.file(
        "feedback.jsonl",
        "{\"page_id\":\"guides/setup.md\",\"vote\":\"yes\"}\n{\"page_id\":\"guides/setup.md\"}\n",
    );
    assert_eq!(
        site.build_error(),
        "error: feedback.jsonl:2: `vote` must be yes or no, found nothing\n  help: every vote records whether the page helped: vote: yes or vote: no"
    );
}

#[test]
fn comments_wait_for_the_click_and_follow_the_page() {
    let config = "title: Help\nbase_url: https://help.example.com\ncomments:\n  provider: giscus\n  repo: acme/help\n  repo_id: R_1\n  category: Comments\n  category_id: C_1\n";
    let built = content_site(config).build();
    let html = built.text("kb/billing/hebrew/index.html");
    let section = tag_attributes(&html, "<section class=\"comments\"");
    assert_eq!(section["data-provider"], "giscus");
    assert_eq!(section["data-load"], "click");
    assert_eq!(section["data-lang"], "he");
    assert_eq!(section["data-dir"], "rtl");
    assert_eq!(section["data-repo-id"], "R_1");
    assert_contains(
        &html,
        &["<button type=\"button\" class=\"comments-load\" hidden>הצגת התגובות</button>", "<noscript>"],
    );
    assert_lacks(&html, &["giscus.app"]);
    // Only the comments loader: this site asks for no feedback form.
    assert_contains(&html, &["<script type=\"module\" src=\"/comments.js\"></script>"]);
    assert_lacks(&html, &["feedback.js"]);
    assert_lacks(&built.text("kb/billing/quiet/index.html"), &["class=\"comments\"", "comments.js"]);
    assert_lacks(&built.text("products/box/index.html"), &["class=\"comments\"", "comments.js"]);
}

#[test]
fn comment_provider_without_its_keys_is_a_build_error() {
    let site = content_site("title: Help\nbase_url: https://help.example.com\ncomments:\n  provider: remark42\n  url: https://remark.example.com\n");
    assert_eq!(
        site.build_error(),
        "error: site.yaml:4: `comments.provider: remark42` needs `comments.site_id`\n  help: add site_id: … under comments: (see the provider's own setup page for the value)"
    );
}

#[test]
fn custom_comments_embed_is_kept_in_a_template_until_asked_for() {
    let site = content_site(
        "title: Help\nbase_url: https://help.example.com\ncomments:\n  provider: custom\n  load: scroll\n",
    );
    site.file("templates/partials/comments-custom.html", "<div id=\"talk\" data-page=\"{{ page.id }}\"></div><script src=\"https://talk.example.com/embed.js\"></script>\n");
    let html = site.build().text("blog/hello/index.html");
    assert_contains(&html, &["data-load=\"scroll\"", "<template class=\"comments-embed\"><div id=\"talk\" data-page=\"blog/2026-01-01-hello.md\"></div><script src=\"https://talk.example.com/embed.js\"></script>"]);
}

#[test]
fn custom_comments_need_their_template() {
    let site = content_site("title: Help\nbase_url: https://help.example.com\ncomments:\n  provider: custom\n");
    assert_eq!(
        site.build_error(),
        "error: site.yaml:4: `comments.provider: custom` needs the template templates/partials/comments-custom.html\n  help: create it with your provider's embed code; its <script src> tags load on the reader's click"
    );
}

#[test]
fn report_command_prints_pages_needing_attention_first() {
    let site = TestSite::new();
    site.file(
        "export.jsonl",
        "{\"url\":\"https://e.com/a/\",\"page_id\":\"a.md\",\"title\":\"A\",\"vote\":\"yes\"}\n\
         {\"url\":\"https://e.com/b/\",\"page_id\":\"b.md\",\"title\":\"B\",\"vote\":\"no\",\"reason\":\"inaccurate\",\"text\":\"Wrong price\",\"timestamp\":\"2026-11-01T10:00:00Z\"}\n",
    );
    site.file("more.csv", "page_id,vote\nb.md,yes\n");
    let run = site.run(&["feedback", "report", "export.jsonl", "more.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "3 submissions on 2 pages; 66% found the page helpful\n\n\
         ! b.md — B\n    https://e.com/b/\n    2 votes: 50% helpful (1 yes, 1 no); needs attention\n    reasons: inaccurate ×1\n    2026-11-01T10:00:00Z no [inaccurate]: \"Wrong price\"\n\n\
         \x20 a.md — A\n    https://e.com/a/\n    1 vote: 100% helpful (1 yes, 0 no)\n"
    );
    let json = site.run(&["feedback", "report", "--format", "json", "export.jsonl"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["pages"][0]["page"], "b.md");
    assert_eq!(value["pages"][0]["recent"][0]["text"], "Wrong price");
}

#[test]
fn report_command_names_the_bad_line() {
    let site = TestSite::new();
    site.file("bad.csv", "url,vote\n/a/,yes\n/b/,perhaps\n");
    let run = site.run(&["feedback", "report", "bad.csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: bad.csv:3: `vote` must be yes or no, found `perhaps`\n  help: every vote records whether the page helped: vote: yes or vote: no\n"
    );
}

#[test]
fn pages_asking_for_what_the_site_cannot_show_get_a_warning() {
    let site = TestSite::new();
    site.page("about.md", "title: About\nfeedback: true\ncomments: true", "Text.\n");
    let built = site.build();
    assert_lacks(&built.text("about/index.html"), &["class=\"feedback\"", "class=\"comments\""]);
    assert_eq!(
        built.warnings(),
        [
            "content/about.md:3:1: `feedback: true`, but site.yaml sets no feedback transport, so no widget is shown\n  help: set feedback.transport (endpoint, mailto or github) in site.yaml",
            "content/about.md:4:1: `comments: true`, but site.yaml sets no comments provider, so no thread is shown\n  help: set comments.provider in site.yaml",
        ]
    );
}

#[test]
fn missing_feedback_data_is_a_build_error() {
    let site = content_site(&format!("{ENDPOINT_CONFIG}  data: exports/missing.jsonl\n"));
    assert_eq!(
        site.build_error(),
        "error: site.yaml:8: `feedback.data`: cannot read exports/missing.jsonl\n  help: point it at exported feedback (JSON lines or .csv), relative to the site folder, or remove it"
    );
}

#[test]
fn a_misspelt_section_gets_a_warning() {
    let built = content_site(&format!("{ENDPOINT_CONFIG}  sections: {{ blgo: false }}\n")).build();
    assert_eq!(
        built.warnings(),
        ["site.yaml:8: `feedback.sections` names `blgo`, but content/ has no folder `blgo` with pages\n  help: did you mean `blog`?"]
    );
    assert_contains(&built.text("blog/hello/index.html"), &["class=\"feedback\""]);
}
