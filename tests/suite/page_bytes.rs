//! What every page no longer repeats: the default templates' indentation, and the code colours'
//! stylesheets on pages without code.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

const LIGHT: &str =
    "<link rel=\"stylesheet\" href=\"/syntax-light.css\" media=\"not all and (prefers-color-scheme: dark)\">";
const DARK: &str = "<link rel=\"stylesheet\" href=\"/syntax-dark.css\" media=\"(prefers-color-scheme: dark)\">";

fn site() -> TestSite {
    let site = TestSite::with_config("title: Acme\nbase_url: https://example.com\nlanguage: en\n");
    site.page("kb/_index.md", "title: Help", "")
        .page("kb/api.md", "title: API", "Call it:\n\n```json\n{\n  \"a\": 1\n}\n```\n")
        .page("kb/plain.md", "title: Plain", "Only `inline code` here.\n");
    site
}

#[test]
fn only_pages_with_code_blocks_and_lists_link_the_code_colours() {
    let out = site().build();
    assert_contains(&out.text("kb/api/index.html"), &[LIGHT, DARK]);
    assert_lacks(&out.text("kb/plain/index.html"), &["syntax-light.css", "syntax-dark.css"]);
    // A list may show any text, its own `_index.md` with code included: it keeps them.
    assert_contains(&out.text("kb/index.html"), &[LIGHT, DARK]);
    assert!(out.has("syntax-light.css") && out.has("syntax-dark.css"), "the stylesheets are still written");
}

#[test]
fn pages_carry_no_template_indentation_but_code_keeps_its_own() {
    let out = site().build();
    let html = out.text("kb/api/index.html");
    let (before, rest) = html.split_once("<pre").expect("a code block");
    let (_, after) = rest.split_once("</pre>").expect("its end");
    for line in before.lines().chain(after.lines()) {
        assert!(!line.starts_with(' ') && !line.starts_with('\t'), "indented line {line:?} in\n{html}");
    }
    // The code block's own indentation is the author's, and stays.
    let code = rest.split_once("</pre>").map_or("", |(code, _)| code);
    let mut text = String::new();
    let mut in_tag = false;
    for c in code.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    assert!(text.contains("{\n  "), "{text:?}");
}

#[test]
fn a_sites_own_template_keeps_its_indentation() {
    let site = site();
    site.file("templates/page.html", "{% extends \"base.html\" %}{% block content %}\n    <p class=\"mine\">{{ page.title }}</p>\n{% endblock content %}");
    site.page("about.md", "title: About", "Text.\n");
    assert_contains(&site.build().text("about/index.html"), &["\n    <p class=\"mine\">About</p>"]);
}
