//! Publishing: feeds, sitemap, robots.txt, social tags, JSON-LD, aliases, share links and
//! `updated: git`, checked by parsing the XML, JSON and head tags the build writes.

use crate::support;

use serde_json::Value;
use support::git::commit_all;
use support::site::{assert_contains, assert_lacks, BuiltSite, TestSite};

const CONFIG: &str =
    "title: Acme\ndescription: News and help\nbase_url: https://example.com/help/\nlanguage: en\nauthor: dana\n";

/// A blog with two authors, tags, an image, a relative link and a draft.
fn blog_site(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    site.picture("static/images/dana.png", 8, 8)
        .page("authors/dana.md", "name: Dana Levi\nrole: CEO\nphoto: /images/dana.png", "Dana's bio.\n")
        .page("authors/omer.md", "name: Omer Cohen", "Omer's bio.\n")
        .picture("content/blog/2026-03-01-launch/chart.png", 8, 8)
        .page(
            "blog/2026-03-01-launch/index.md",
            "title: We launched <today>\ndescription: The launch & more\ntags: [News, Rust]\nupdated: 2026-03-05T10:00:00+02:00",
            "Read [the guide](../../kb/start.md) and [part two](#part-two), or see ![a chart](chart.png).\n\n## Part two\n\nMore.\n",
        )
        .page("blog/2026-02-01-hello.md", "title: Hello\nauthor: omer\ntags: [rust]", "First words.\n")
        .page("blog/2026-01-01-secret.md", "title: Secret\ndraft: true\ntags: [News]", "Not yet.\n")
        .page("kb/start.md", "title: Start here\ntags: [News]", "Begin.\n");
    site
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed XML ({e}):\n{text}"))
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
    node.children()
        .find(|n| n.tag_name().name() == name)
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

fn children<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children().filter(|n| n.tag_name().name() == name).collect()
}

fn text_of<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    child(node, name).text().unwrap_or("")
}

fn is_rfc3339(text: &str) -> bool {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).is_ok()
}

fn is_rfc822(text: &str) -> bool {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc2822).is_ok()
}

/// The `content` of every `<meta property|name="key">` in a page's head.
fn meta(html: &str, key: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in html.split("<meta ").skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let attr = |name: &str| {
            let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
            Some(tag[start..start + tag[start..].find('"')?].to_string())
        };
        if [attr("property"), attr("name"), attr("http-equiv")].iter().any(|a| a.as_deref() == Some(key)) {
            found.extend(attr("content"));
        }
    }
    found
}

/// Every JSON-LD script of a page, parsed, as one list of nodes (`@graph`s flattened).
fn json_ld(html: &str) -> Value {
    let mut nodes = Vec::new();
    for script in html.split("<script type=\"application/ld+json\">").skip(1) {
        let value: Value = serde_json::from_str(&script[..script.find("</script>").unwrap()]).unwrap();
        match value["@graph"].as_array() {
            Some(graph) => nodes.extend(graph.iter().cloned()),
            None => nodes.push(value),
        }
    }
    Value::Array(nodes)
}

/// The node of `@type` `kind` among a page's JSON-LD nodes.
fn ld_node(ld: &Value, kind: &str) -> Value {
    let nodes = ld.as_array().unwrap();
    nodes.iter().find(|n| n["@type"] == kind).cloned().unwrap_or_else(|| panic!("no {kind} in {ld:#}"))
}

mod feed_reader;
mod feeds;
mod pages;
mod taxonomy_feeds;
