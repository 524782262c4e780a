use super::*;
use std::collections::HashMap;

fn render_with(config: MarkdownConfig, text: &str, lang: &str) -> Result<Rendered, Vec<Diagnostic>> {
    let urls = HashMap::from([("kb/a.md".to_string(), "/kb/a/".to_string())]);
    let targets = LinkTargets { urls: &urls, base_path: "", images: None };
    let source = MarkdownSource { text, path: Path::new("content/kb/b.md"), rel: "kb/b.md", first_line: 5, lang };
    MarkdownRenderer::new(&config).render(&source, &targets)
}

fn render(text: &str) -> Rendered {
    render_with(MarkdownConfig::default(), text, "en").unwrap()
}

#[test]
fn hebrew_heading_ids_keep_hebrew_letters() {
    let r = render("## ביטול חשבונית\n");
    assert_eq!(r.headings[0].id, "ביטול-חשבונית");
    assert!(r.html.contains("<h2 id=\"ביטול-חשבונית\">ביטול חשבונית<a class=\"heading-anchor\""), "{}", r.html);
}

#[test]
fn headings_never_take_the_theme_ids() {
    let r = render("## Comments\n\n## Feedback\n\n## Comments\n");
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["comments-1", "feedback-1", "comments-2"]);
}

#[test]
fn transliterated_heading_ids_are_latin_and_still_unique() {
    let urls = HashMap::new();
    let targets = LinkTargets { urls: &urls, base_path: "", images: None };
    let text = "## ביטול חשבונית\n\n## ביטול חשבונית\n\n## Setup_v1.2\n";
    let source = MarkdownSource { text, path: Path::new("content/kb/b.md"), rel: "kb/b.md", first_line: 1, lang: "he" };
    let renderer =
        MarkdownRenderer::new(&MarkdownConfig::default()).with_slugs(crate::config::SlugStyle::Transliterate);
    let r = renderer.render(&source, &targets).unwrap();
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    // Latin headings keep today's GitHub-style ids in either style.
    assert_eq!(ids, ["bitol-chshbonit", "bitol-chshbonit-1", "setup_v12"]);
    assert!(
        r.html
            .contains("<h2 id=\"bitol-chshbonit\">ביטול חשבונית<a class=\"heading-anchor\" href=\"#bitol-chshbonit\""),
        "{}",
        r.html
    );
}

#[test]
fn gfm_tables_tasks_strikethrough_footnotes_autolinks() {
    let r = render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ www.example.com and a note[^1]\n\n[^1]: note\n",
    );
    for needle in ["<table>", "type=\"checkbox\"", "<del>old</del>", "href=\"http://www.example.com\"", "footnote"] {
        assert!(r.html.contains(needle), "missing {needle} in {}", r.html);
    }
}

#[test]
fn callouts_get_classes_and_hebrew_titles() {
    let r = render_with(MarkdownConfig::default(), "> [!WARNING]\n> זהירות\n", "he").unwrap();
    assert!(r.html.contains("markdown-alert-warning"), "{}", r.html);
    assert!(r.html.contains(">אזהרה</p>"), "{}", r.html);
}

#[test]
fn code_is_highlighted_with_classes_and_always_ltr() {
    let r = render("```rust\nfn main() {}\n```\n");
    assert!(
        r.html.contains("<pre class=\"code\" dir=\"ltr\" tabindex=\"0\"><code class=\"language-rust\">"),
        "{}",
        r.html
    );
    assert!(r.html.contains("class=\"hl-"), "{}", r.html);
    assert!(!r.html.contains("style="), "{}", r.html);
}

#[test]
fn raw_html_is_escaped_unless_allowed() {
    let r = render("<script>alert(1)</script>\n");
    assert!(!r.html.contains("<script>"), "{}", r.html);
    assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
    let config = MarkdownConfig { unsafe_html: true, ..MarkdownConfig::default() };
    let r = render_with(config, "<b>bold</b>\n", "en").unwrap();
    assert!(r.html.contains("<b>bold</b>"), "{}", r.html);
}

#[test]
fn broken_internal_link_names_file_line_column() {
    let errors = render_with(MarkdownConfig::default(), "Intro\n\nSee [x](@/kb/aa.md).\n", "en").unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "content/kb/b.md:7:5: link `@/kb/aa.md` points to a missing page: content/kb/aa.md\n  help: did you mean @/kb/a.md?"
    );
}

#[test]
fn internal_links_are_rewritten() {
    let r = render("[a](a.md#top)\n");
    assert!(r.html.contains("href=\"/kb/a/#top\""), "{}", r.html);
    assert_eq!(r.anchor_refs[0].anchor, "top");
}

#[test]
fn counts_hebrew_words() {
    assert_eq!(render("שלום לכם, מה שלומכם? ok - 3\n").word_count, 6);
    assert_eq!(count_words("שלום — עולם"), 2);
    // The maqaf joins two words; niqqud marks do not make extra words.
    assert_eq!(count_words("בית־ספר חָדָשׁ"), 3);
}

#[test]
fn first_paragraph_is_kept_for_summaries() {
    let r = render("# T\n\nFirst *para*.\n\nSecond.\n");
    assert_eq!(r.first_paragraph.trim(), "<p>First <em>para</em>.</p>");
}

#[test]
fn direction_marks_written_as_character_references_reach_the_page() {
    // The docs tell writers to glue punctuation to an English phrase with `&lrm;`: it must work
    // without `unsafe_html`, and come out as the invisible mark itself.
    let r = render_with(MarkdownConfig::default(), "המוצר נקרא Folio Cloud!&lrm; והוא זמין.\n", "he").unwrap();
    assert!(r.html.contains("Folio Cloud!\u{200E} והוא"), "{}", r.html);
}
