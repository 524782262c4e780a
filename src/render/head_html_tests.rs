use super::*;
use serde_json::json;

fn parts() -> HeadParts {
    HeadParts {
        site_title: json!("Acme & Co"),
        site_description: json!("Tools"),
        generator: json!("Folio 0.1.0"),
        asset_path: "/docs".into(),
        search: true,
    }
}

fn own(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

fn page_context() -> Value {
    json!({
        "page": { "title": "A <b>", "description": null, "permalink": "https://x/a/", "kind": "post", "has_code": false },
        "json_ld": "{\"a\":\"<\"}",
        "json_ld_breadcrumbs": "",
        "noindex": true,
        "feeds": [{ "type": "application/atom+xml", "url": "/atom.xml", "title": "Acme's" }],
        "social": { "locale": "en_US", "image": null, "width": null, "published": "2026", "modified": null,
                    "authors": ["https://x/noa/"], "tags": ["a&b"], "card": "summary" },
        "languages": { "alternates": [{ "hreflang": "he", "href": "https://x/he/a/" }] },
    })
}

#[test]
fn a_post_s_head_has_its_tags_escaped_as_tera_prints_them() {
    let html = parts().html(&own(page_context()), &json!({})).unwrap();
    for needle in [
        "\n<meta name=\"description\" content=\"Tools\">\n<link rel=\"canonical\" href=\"https://x/a/\">",
        "<meta property=\"og:title\" content=\"A &lt;b&gt;\">",
        "<meta property=\"og:type\" content=\"article\">",
        "<link rel=\"stylesheet\" href=\"/docs/folio.css\">\n<script type=\"application/ld+json\">{\"a\":\"<\"}</script>\n",
        "\n<meta name=\"robots\" content=\"noindex\">",
        "title=\"Acme&#39;s\">",
        "<meta property=\"article:published_time\" content=\"2026\">",
        "<meta property=\"article:tag\" content=\"a&amp;b\">\n<meta name=\"twitter:card\" content=\"summary\">\n",
        "\n\n<link rel=\"alternate\" hreflang=\"he\" href=\"https://x/he/a/\">\n",
        "\n<script type=\"module\" src=\"/docs/search/ui.js\"></script>",
    ] {
        assert!(html.contains(needle), "{needle:?} not in {html}");
    }
    assert!(!html.contains("syntax-light"), "{html}");
}

#[test]
fn a_page_without_page_or_section_is_titled_as_not_found() {
    let mut context = own(page_context());
    context.remove("page");
    let html = parts().html(&context, &json!({ "not_found_title": "Gone" })).unwrap();
    assert!(html.contains("<meta property=\"og:title\" content=\"Gone\">"), "{html}");
    assert!(!html.contains("canonical"), "{html}");
    assert!(html.contains("syntax-light.css"), "{html}");
}

#[test]
fn what_tera_would_stop_at_is_left_to_the_templates() {
    for key in ["feeds", "social"] {
        let mut context = own(page_context());
        match key {
            "social" => context["social"].as_object_mut().unwrap().remove("locale"),
            _ => context.remove(key),
        };
        assert_eq!(parts().html(&context, &json!({})), None, "{key}");
    }
    // No `not_found_title` among the strings.
    let mut context = own(page_context());
    context.remove("page");
    assert_eq!(parts().html(&context, &json!({})), None);
}
