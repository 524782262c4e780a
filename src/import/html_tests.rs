use super::*;

fn md(html: &str) -> Converted {
    html_to_markdown(html, &mut |_: &str, _: bool| None)
}

#[test]
fn styling_empty_paragraphs_and_entities_go() {
    let c = md("<div class=\"x\"><p class=\"has-text-align-center\" style=\"color:red\">Hello&nbsp;<strong>world</strong> &#8220;q&#8221;</p><p>&nbsp;</p><p><br></p></div><div>Second <span style=\"x\">part</span></div>");
    assert_eq!(c.markdown, "Hello **world** \u{201c}q\u{201d}\n\nSecond part\n");
    assert!(c.kept_html.is_empty());
}

#[test]
fn lists_links_images_and_captions_become_markdown() {
    let c = md("<ul class=\"wp-block-list\"><li>One</li><li>Two <a href=\"https://x.com\" target=\"_blank\" rel=\"noopener\">link</a></li></ul>\
        <figure class=\"wp-block-image\"><img src=\"https://ex.com/a.jpg\" alt=\"A cat\" class=\"wp-image-5\" srcset=\"x 1x\"/><figcaption>The cat</figcaption></figure>");
    assert_eq!(c.markdown, "- One\n- Two [link](https://x.com)\n\n![A cat](https://ex.com/a.jpg)\n\n*The cat*\n");
}

#[test]
fn embeds_become_links() {
    let c = md("<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=abc\n</div></figure>\
        <p>See <iframe src=\"https://www.youtube.com/embed/xyz?feature=oembed\" title=\"My video\"></iframe></p><iframe src=\"https://player.vimeo.com/video/123\"></iframe>");
    assert_eq!(c.markdown, "<https://www.youtube.com/watch?v=abc>\n\nSee [My video](https://www.youtube.com/watch?v=xyz)\n\n<https://vimeo.com/123>\n");
    assert!(c.kept_html.is_empty(), "{:?}", c.kept_html);
}

#[test]
fn tables_get_a_header_row_unless_cells_are_merged() {
    let c = md("<figure class=\"wp-block-table\"><table><tbody><tr><td>שם</td><td>מחיר</td></tr><tr><td>א</td><td>5</td></tr></tbody></table></figure>");
    assert_eq!(c.markdown, "| שם | מחיר |\n| -- | ---- |\n| א  | 5    |\n");
    let merged = md("<table><tr><td colspan=\"2\">wide</td></tr><tr><td>a</td><td>b</td></tr></table>");
    assert!(merged.markdown.contains("<td colspan=\"2\">wide</td>"), "{}", merged.markdown);
    assert_eq!(merged.kept_html, ["table", "tbody", "td", "tr"]);
}

#[test]
fn code_quotes_headings_and_what_markdown_cannot_say() {
    let c = md("<pre class=\"wp-block-code\"><code>if a &lt; b {}</code></pre><p>a &lt;b&gt; c <code>x&lt;y</code> E=mc<sup>2</sup></p>\
        <blockquote class=\"wp-block-quote\"><p>Quote</p></blockquote><h2 class=\"wp-block-heading\" id=\"h\">Head</h2><p>a<br>b <del>gone</del></p>");
    assert_eq!(
        c.markdown,
        "```\nif a < b {}\n```\n\na \\<b> c `x<y` E=mc<sup>2</sup>\n\n> Quote\n\n## Head\n\na\\\nb ~~gone~~\n"
    );
    assert_eq!(c.kept_html, ["sup"]);
}

#[test]
fn links_and_images_are_rewritten() {
    let mut seen = Vec::new();
    let c = html_to_markdown(
        "<p><a href=\"https://old/x\">x</a> <img src=\"https://old/a.png\" alt=\"\"></p>",
        &mut |url: &str, image: bool| {
            seen.push((url.to_string(), image));
            Some(if image { "/a.png".into() } else { "@/blog/x.md".into() })
        },
    );
    assert_eq!(c.markdown, "[x](@/blog/x.md) ![](/a.png)\n");
    assert_eq!(seen, [("https://old/x".to_string(), false), ("https://old/a.png".to_string(), true)]);
}

#[test]
fn plain_text_keeps_paragraphs() {
    assert_eq!(plain_text("Great <a href=\"x\">post</a>!\n\nThanks.<br>Dana"), "Great post!\n\nThanks.\nDana");
    assert_eq!(plain_text("<p>One</p><p>Two&nbsp;words</p>"), "One\n\nTwo words");
}

#[test]
fn finds_html_outside_code_only() {
    assert_eq!(find_html_tags("a <sup>2</sup> `<b>` \\<i> <https://x.com>\n```\n<div>\n```\n"), ["sup"]);
}
