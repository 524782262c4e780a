//! "Still need help?" after a "No" (`feedback.next_step`): the link on each page carries the page's
//! address, title and language (the reason is left for the widget to fill), the e-mail and chat
//! variants, the thank-you page, and exact configuration errors.

use crate::feedback::{content_site, tag_attributes, ENDPOINT_CONFIG};
use crate::support;

use support::site::{assert_contains, assert_lacks};

fn with_next_step(step: &str) -> String {
    format!("{ENDPOINT_CONFIG}  next_step:\n{step}")
}

#[test]
fn a_ticket_link_carries_the_encoded_page_address_and_leaves_the_reason_to_the_widget() {
    let config = with_next_step(
        "    link: https://support.example.com/new?page={url}&subject={title}&why={reason}&lang={lang}\n",
    );
    let out = content_site(&config).build();
    let html = out.text("kb/billing/hebrew/index.html");
    let next = tag_attributes(&html, "<div class=\"feedback-next");
    let page = "https%3A%2F%2Fhelp.example.com%2Fkb%2Fbilling%2Fhebrew%2F";
    let title = "%D7%97%D7%A9%D7%91%D7%95%D7%A0%D7%99%D7%95%D7%AA";
    assert_eq!(
        next["data-href"],
        format!("https://support.example.com/new?page={page}&amp;subject={title}&amp;why={{reason}}&amp;lang=he")
    );
    let link = tag_attributes(&html, "<a class=\"feedback-next-link\"");
    assert_eq!(
        link["href"],
        format!("https://support.example.com/new?page={page}&amp;subject={title}&amp;why=&amp;lang=he")
    );
    assert_contains(&html, &["<p class=\"feedback-next-title\">עדיין צריכים עזרה?</p>", ">פנו לתמיכה</a>"]);
    // Pages without the widget have no next step either.
    assert_lacks(&out.text("about/index.html"), &["feedback-next"]);
    assert_lacks(&out.text("kb/billing/quiet/index.html"), &["feedback-next"]);
}

#[test]
fn a_contact_page_gets_the_base_path_and_the_thank_you_page_offers_it_too() {
    let config = with_next_step("    link: /contact/?from={url}\n")
        .replace("base_url: https://help.example.com\n", "base_url: https://example.com/help\n");
    let out = content_site(&config).build();
    let html = out.text("kb/billing/invoices/index.html");
    let link = tag_attributes(&html, "<a class=\"feedback-next-link\"");
    assert_eq!(link["href"], "/help/contact/?from=https%3A%2F%2Fexample.com%2Fhelp%2Fkb%2Fbilling%2Finvoices%2F");
    assert_contains(&html, &[">Contact support</a>"]);
    let thanks = out.text("feedback/thanks/index.html");
    assert_contains(
        &thanks,
        &["Still need help? <a class=\"feedback-next-link\" href=\"/help/contact/?from=\">Contact support</a>"],
    );
}

#[test]
fn an_email_next_step_prefills_the_page_and_a_chat_needs_the_script() {
    let config = with_next_step("    email: support@example.com\n    chat: openSupportChat\n");
    let html = content_site(&config).build().text("guides/setup/index.html");
    let link = tag_attributes(&html, "<a class=\"feedback-next-link\"");
    assert_eq!(
        link["href"],
        "mailto:support@example.com?subject=Help%20with%3A%20Setup&amp;body=Page%3A%20https%3A%2F%2Fhelp.example.com%2Fguides%2Fsetup%2F%0AReason%3A%20"
    );
    assert_contains(
        &html,
        &[
            ">E-mail support</a>",
            "data-chat=\"openSupportChat\"",
            "<button type=\"button\" class=\"feedback-next-chat\" hidden>Chat with us</button>",
        ],
    );

    let chat_only =
        content_site(&with_next_step("    chat: openSupportChat\n")).build().text("guides/setup/index.html");
    assert_contains(
        &chat_only,
        &["<div class=\"feedback-next needs-js\" data-href=\"\" data-chat=\"openSupportChat\">"],
    );
    assert_lacks(&chat_only, &["feedback-next-link"]);
}

#[test]
fn next_step_errors_name_the_line_and_what_to_write() {
    let site = content_site(&with_next_step("    link: /contact/?page={page}\n"));
    assert_eq!(
        site.build_error(),
        "error: site.yaml:9: `feedback.next_step.link` has an unknown placeholder `{page}`\n  help: the placeholders are {url}, {title}, {reason} and {lang}"
    );
    let site = content_site(&with_next_step("    link: /contact/\n    email: help@example.com\n"));
    assert_eq!(
        site.build_error(),
        "error: site.yaml:10: `feedback.next_step` has both `link` and `email`\n  help: keep one: a contact page or ticket form as link:, or an address as email:"
    );
    let site = content_site(&with_next_step("    chat: open-chat\n"));
    assert!(site.build_error().starts_with(
        "error: site.yaml:9: `feedback.next_step.chat` must name a JavaScript function, found `open-chat`"
    ));
    let site = content_site(&with_next_step("    url: /contact/\n"));
    assert!(site.build_error().contains("unknown key `url` in `feedback.next_step`"), "{}", site.build_error());
}
