//! "Didn't find what you need? Tell us" on list pages (home, folders, KB categories, tags and their
//! terms, products, search), where it is turned off, and the reason choices after a "No" in each
//! shipped language.

use crate::feedback::{content_site, hidden_fields, tag_attributes, ENDPOINT_CONFIG};
use crate::support::site::{assert_contains, assert_lacks, TestSite};

/// `content_site` with a tagged post, so tag pages exist.
fn site_with_tags(config: &str) -> TestSite {
    let site = content_site(config);
    site.page("blog/2026-02-01-tagged.md", "title: Tagged\ntags: [billing]", "A tagged post.\n");
    site
}

const LIST_FORM: &str = "<section class=\"feedback list-feedback\" id=\"list-feedback\"";

#[test]
fn every_list_kind_gets_the_form_naming_the_list() {
    let built = site_with_tags(ENDPOINT_CONFIG).build();
    let lists = [
        ("index.html", "home", "https://help.example.com/"),
        ("blog/index.html", "blog", "https://help.example.com/blog/"),
        ("kb/index.html", "kb", "https://help.example.com/kb/"),
        ("kb/billing/index.html", "kb/billing", "https://help.example.com/kb/billing/"),
        ("guides/index.html", "guides", "https://help.example.com/guides/"),
        ("products/index.html", "products", "https://help.example.com/products/"),
        ("tags/index.html", "tags", "https://help.example.com/tags/"),
        ("tags/billing/index.html", "tags/billing", "https://help.example.com/tags/billing/"),
        ("search/index.html", "search", "https://help.example.com/search/"),
    ];
    for (file, page_id, url) in lists {
        let html = built.text(file);
        assert_contains(
            &html,
            &[
                LIST_FORM,
                "<h2 id=\"list-feedback-title\" class=\"feedback-title\">Didn&#39;t find what you need?</h2>",
                "<span>Tell us what you were looking for</span>",
                "<textarea name=\"text\" rows=\"2\" maxlength=\"4000\" required>",
                "name=\"email\"",
                "name=\"website\" tabindex=\"-1\"",
                "<button type=\"submit\" class=\"feedback-send\">Tell us</button>",
                "<script type=\"module\" src=\"/feedback.js\"></script>",
            ],
        );
        let form = tag_attributes(&html, "<form class=\"feedback-form\"");
        assert_eq!((form["action"].as_str(), form["method"].as_str()), ("https://forms.example.com/f/abc", "post"));
        let hidden = hidden_fields(&html);
        assert_eq!(hidden["page_id"], page_id, "{file}");
        assert_eq!(hidden["url"], url, "{file}");
        // A vote-less "not found" request, not a "No".
        assert_eq!(hidden["type"], "not_found", "{file}");
        assert!(!hidden.contains_key("vote") && !hidden.contains_key("reason"), "{file}: {hidden:?}");
        assert_eq!(hidden["redirect"], "https://help.example.com/feedback/thanks/", "{file}");
        // The list has no "Was this helpful?" widget of its own.
        assert_lacks(&html, &["name=\"vote\" value=\"yes\"", "feedback-jump"]);
    }
    // Content pages keep the full widget and get no list form.
    assert_lacks(&built.text("kb/billing/invoices/index.html"), &[LIST_FORM]);
}

#[test]
fn sections_and_index_front_matter_turn_the_form_off() {
    let config = format!("{ENDPOINT_CONFIG}  sections: {{ blog: false, tags: false, search: false }}\n");
    let site = site_with_tags(&config);
    site.page("kb/billing/_index.md", "title: Billing\nfeedback: false", "Invoices and payments.\n");
    let built = site.build();
    for off in
        ["blog/index.html", "tags/index.html", "tags/billing/index.html", "search/index.html", "kb/billing/index.html"]
    {
        assert_lacks(&built.text(off), &[LIST_FORM, "feedback.js"]);
    }
    for on in ["index.html", "kb/index.html", "products/index.html"] {
        assert_contains(&built.text(on), &[LIST_FORM]);
    }
    // `tags` and `search` are known keys, not misspelt folders.
    assert!(built.warnings().iter().all(|w| !w.contains("feedback.sections")), "{:?}", built.warnings());
}

#[test]
fn no_transport_means_no_list_form() {
    let built = site_with_tags("title: Help\nbase_url: https://help.example.com\nlanguage: en\n").build();
    for file in ["index.html", "kb/billing/index.html", "tags/billing/index.html", "search/index.html"] {
        assert_lacks(&built.text(file), &["list-feedback", "feedback.js"]);
    }
}

#[test]
fn mailto_and_github_list_forms_go_where_the_widget_goes() {
    let mailto = "title: Help\nbase_url: https://help.example.com\nlanguage: en\n\
                  feedback:\n  transport: mailto\n  email: docs@example.com\n";
    let html = content_site(mailto).build().text("kb/billing/index.html");
    let form = tag_attributes(&html, "<form class=\"feedback-form\"");
    assert_eq!(form["action"], "mailto:docs@example.com?subject=Feedback%3A%20Help");
    assert_eq!(form["enctype"], "text/plain");
    let github = "title: Help\nbase_url: https://help.example.com\nlanguage: en\n\
                  feedback:\n  transport: github\n  repo: acme/help\n";
    let html = content_site(github).build().text("kb/billing/index.html");
    let form = tag_attributes(&html, "<form class=\"feedback-form\"");
    assert_eq!(form["action"], "https://github.com/acme/help/issues/new");
    assert_contains(&html, &["<textarea name=\"body\"", "name=\"title\" value=\"Feedback: billing\""]);
}

#[test]
fn hebrew_lists_get_hebrew_labels_and_their_own_thank_you_page() {
    let config = "title: עזרה\nbase_url: https://help.example.com\nlanguage: he\n\
                  feedback:\n  transport: endpoint\n  endpoint: https://forms.example.com/f/abc\n";
    let site = TestSite::with_config(config);
    site.page("kb/billing/a.md", "title: חשבוניות", "מאמר.\n");
    let built = site.build();
    let html = built.text("kb/billing/index.html");
    assert_contains(
        &html,
        &[
            "<html lang=\"he\" dir=\"rtl\">",
            LIST_FORM,
            ">לא מצאתם את מה שחיפשתם?</h2>",
            "<span>ספרו לנו מה חיפשתם</span>",
            ">ספרו לנו</button>",
        ],
    );
    assert_eq!(hidden_fields(&html)["lang"], "he");
    assert_eq!(hidden_fields(&html)["redirect"], "https://help.example.com/feedback/thanks/");
}

#[test]
fn a_no_offers_the_six_reasons_in_each_language_without_javascript() {
    let built = content_site(ENDPOINT_CONFIG).build();
    let ids = ["inaccurate", "out_of_date", "hard_to_follow", "missing_information", "broken_link", "other"];
    let english = built.text("kb/billing/invoices/index.html");
    let labels =
        ["Inaccurate", "Out of date", "Hard to follow", "Missing information", "Broken link or example", "Other"];
    let hebrew = built.text("kb/billing/hebrew/index.html");
    let hebrew_labels = ["לא מדויק", "לא עדכני", "קשה לעקוב", "חסר מידע", "קישור או דוגמה שבורים", "אחר"];
    for (html, labels) in [(&english, labels), (&hebrew, hebrew_labels)] {
        let mut at = 0;
        for (id, label) in ids.iter().zip(labels) {
            let choice = format!("<label><input type=\"radio\" name=\"reason\" value=\"{id}\"> {label}</label>");
            let found = html[at..].find(&choice).unwrap_or_else(|| panic!("no {choice} after byte {at}"));
            at += found + choice.len();
        }
        assert_lacks(html, &["hard_to_understand"]);
    }
}
