//! The parts of a page Folio writes in Rust while the theme's templates are the built-in ones (the
//! head's tags, breadcrumbs, a post's share links and byline, …) are the templates' own to the byte:
//! a site whose templates are copies of the built-in ones, which tera then renders as written, gets
//! the very same pages.

use crate::support;

use std::path::Path;
use support::site::TestSite;

const CONFIG: &str = "title: Acme & <Co>\ndescription: Tools \"for\" shops\nbase_url: https://example.com\n\
                      language: en\nlanguages:\n  he:\n    title: אקמה\n    fallback: original\n";

/// Posts with authors, tags and a picture, articles with code and folders, a guide, a product,
/// and Hebrew translations (some pages borrowed, so `hreflang` links and notices show).
fn rich_site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("_index.md", "title: Welcome", "Home.\n")
        .page("authors/noa.md", "title: Noa <Levi>\nrole: Editor & writer", "Writes.\n")
        .page("blog/_index.md", "title: Blog", "")
        .page(
            "blog/launch.md",
            "title: Launch & \"more\"\ndate: 2026-01-02\nupdated: 2026-02-01\nauthors: [noa]\ntags: [news, \"a&b\"]\n\
             description: The <day>.",
            "## One\n\nText.\n\n## Two\n\nText about the launch day.\n",
        )
        .page("blog/launch.he.md", "title: השקה\ndate: 2026-01-02\nauthors: [noa]", "השקנו.\n")
        .page("blog/later.md", "title: Later\ndate: 2026-02-03\nauthors: [Dana Inline]\ntags: [news]", "Later.\n")
        .page("kb/_index.md", "title: Help", "All help.\n")
        .page("kb/billing/_index.md", "title: Billing", "")
        .page("kb/billing/refunds.md", "title: Refunds\ntags: [money]", "```rust\nfn main() {}\n```\n")
        .page("kb/billing/vat.md", "title: VAT\ndescription: ''", "Text.\n")
        .page("kb/billing/vat.he.md", "title: מע\"מ", "טקסט.\n")
        .page("products/_index.md", "title: Products", "")
        .page("products/widget.md", "title: Widget", "A widget.\n")
        .page("guides/_index.md", "title: Guides", "")
        .page("guides/widget/_index.md", "title: Widget guides\nproduct: widget", "")
        .page("guides/widget/setup.md", "title: Set up\nproducts: [widget]", "Steps.\n")
        .page("about.md", "title: About", "About us.\n");
    site
}

/// Every template of the default theme, as the built-in theme loads it (without indentation).
fn copy_templates(site: &TestSite) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let text: String = text.split_inclusive('\n').map(|line| line.trim_start_matches([' ', '\t'])).collect();
            let rel = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            site.file(&format!("templates/{rel}"), &text);
        }
    }
}

#[test]
fn copies_of_the_built_in_templates_render_the_same_pages() {
    let built_in = rich_site().build();
    let copies = rich_site();
    copy_templates(&copies);
    let copied = copies.build();
    let pages: Vec<&String> = built_in.built.output.files.keys().filter(|p| p.ends_with(".html")).collect();
    assert!(pages.len() > 20, "{pages:?}");
    for page in pages {
        let (ours, theirs) = (built_in.text(page), copied.text(page));
        if ours != theirs {
            let line = ours.lines().zip(theirs.lines()).position(|(a, b)| a != b).unwrap_or(0);
            let show = |text: &str| text.lines().skip(line.saturating_sub(2)).take(5).collect::<Vec<_>>().join("\n");
            panic!(
                "{page} differs at line {}:\n--- built-in\n{}\n--- copies\n{}",
                line + 1,
                show(&ours),
                show(&theirs)
            );
        }
    }
}

/// Cards are written in Rust only while their partials are the built-in ones: a site's own date
/// line is in every card of its lists.
#[test]
fn a_site_s_own_card_partial_is_rendered_in_every_card() {
    let site = rich_site();
    site.file("templates/partials/meta.html", "<p class=\"my-meta\">{{ p.title }}</p>\n");
    let built = site.build();
    let list = built.text("blog/index.html");
    assert_eq!(list.matches("<p class=\"my-meta\">").count(), 2, "{list}");
    assert!(list.contains("<p class=\"my-meta\">Later</p>"), "{list}");
}

/// A folder's list gets only the cards' HTML while its templates are the built-in ones: a site's
/// own list template reads every field of its cards.
#[test]
fn a_site_s_own_list_template_gets_whole_cards() {
    let site = rich_site();
    let blog = "{% extends \"list.html\" %}{% block subsections %}{% for p in section.pages %}\
                <i class=\"t\">{{ p.title }} {{ p.kind }}</i>{% endfor %}{% endblock subsections %}";
    site.file("templates/blog.html", blog);
    let list = site.build().text("blog/index.html");
    assert!(list.contains("<i class=\"t\">Later post</i>"), "{list}");
    assert!(list.contains("<p class=\"card-authors\">"), "{list}");
}

/// A site in one language whose long lists are split into numbered pages (a folder's and a tag's):
/// the top of each body, the lists of cards and the links between numbered pages are the default
/// templates' to the byte, whether Folio writes them or tera renders copies of the templates.
#[test]
fn copies_of_the_built_in_templates_render_the_same_pages_of_a_one_language_site() {
    let site = || {
        let site = TestSite::with_config(
            "title: Acme & <Co>\ndescription: Tools\nbase_url: https://example.com\nlanguage: en\npaginate: 2\n",
        );
        site.page("_index.md", "title: Welcome", "Home.\n")
            .page("blog/_index.md", "title: Blog", "")
            .page("kb/_index.md", "title: Help", "All help.\n")
            .page("kb/billing/_index.md", "title: Billing & <tax>", "")
            .page("kb/billing/vat.md", "title: VAT", "Text.\n")
            .page("kb/intro.md", "title: Intro", "Text.\n")
            .page("about.md", "title: About", "About us.\n");
        for n in 1..=5 {
            let front = format!("title: Post <{n}>\ndate: 2026-03-0{n}\ntags: [news]");
            site.page(&format!("blog/post-{n}.md"), &front, "Text.\n");
        }
        site
    };
    let built_in = site().build();
    let copies = site();
    copy_templates(&copies);
    let copied = copies.build();
    let pages: Vec<&String> = built_in.built.output.files.keys().filter(|p| p.ends_with(".html")).collect();
    assert!(pages.iter().any(|p| p.starts_with("tags/news/page/")), "{pages:?}");
    assert!(built_in.text("blog/page/2/index.html").contains("<nav class=\"pagination\""));
    for page in pages {
        assert_eq!(built_in.text(page), copied.text(page), "{page}");
    }
}
