use super::*;

fn prepare(text: &str) -> Prepared {
    let attachments = BTreeMap::from([("7".to_string(), "https://ex.com/wp-content/uploads/a.jpg".to_string())]);
    prepare_post_html(text, &attachments)
}

#[test]
fn block_comments_are_removed_and_other_comments_kept() {
    let p = prepare("<!-- wp:paragraph {\"align\":\"center\"} -->\n<p>Hi</p>\n<!-- /wp:paragraph --><!--more-->");
    assert_eq!(p.html, "\n<p>Hi</p>\n<!--more-->");
}

#[test]
fn classic_text_gets_paragraphs_and_line_breaks() {
    let p = prepare("First line\nsecond line\n\n  \nNext <b>para</b>\n\n<ul><li>x</li></ul>\n\n<pre>a\n\nb</pre>");
    assert_eq!(
        p.html,
        "<p>First line<br>second line</p>\n\n<p>Next <b>para</b></p>\n\n<ul><li>x</li></ul>\n\n<pre>a\n\nb</pre>"
    );
}

#[test]
fn captions_become_figures() {
    let p = prepare("[caption id=\"attachment_7\" align=\"alignnone\" width=\"300\"]<a href=\"https://ex.com/a.jpg\"><img src=\"https://ex.com/a-300x200.jpg\" alt=\"A cat\" /></a> כיתוב לתמונה[/caption]");
    assert!(p.html.contains("<figure><a href=\"https://ex.com/a.jpg\"><img src=\"https://ex.com/a-300x200.jpg\" alt=\"A cat\" /></a><figcaption>כיתוב לתמונה</figcaption></figure>"), "{}", p.html);
    assert!(p.kept_shortcodes.is_empty());
}

#[test]
fn embeds_and_media_become_links() {
    let p = prepare("[embed]https://youtu.be/abc[/embed]\n\n[youtube=https://www.youtube.com/watch?v=xyz&w=640]\n\n[audio mp3=\"https://ex.com/a.mp3\"][/audio]");
    for url in ["https://youtu.be/abc", "https://www.youtube.com/watch?v=xyz", "https://ex.com/a.mp3"] {
        assert!(p.html.contains(&format!("<a href=\"{url}\">{url}</a>")), "{url} in {}", p.html);
    }
}

#[test]
fn galleries_become_images_of_known_attachments() {
    assert!(prepare("[gallery ids=\"7\"]")
        .html
        .contains("<img src=\"https://ex.com/wp-content/uploads/a.jpg\" alt=\"\">"));
    let unknown = prepare("[gallery ids=\"7,8\"]");
    assert!(unknown.html.contains("[gallery ids=\"7,8\"]"));
    assert_eq!(unknown.kept_shortcodes, ["gallery"]);
}

#[test]
fn code_shortcodes_become_escaped_code_blocks() {
    let p = prepare("[code lang=\"php\"]\necho \"<b>\";\n[/code]");
    assert!(
        p.html.contains("<pre><code class=\"language-php\">echo &quot;&lt;b&gt;&quot;;</code></pre>"),
        "{}",
        p.html
    );
}

#[test]
fn unknown_shortcodes_are_kept_and_listed_but_bracketed_text_is_not() {
    let p = prepare("Write to us: [contact-form-7 id=\"5\" title=\"Contact\"] or [[caption]] [citation needed] [1]");
    assert!(p.html.contains("[contact-form-7 id=\"5\" title=\"Contact\"]"), "{}", p.html);
    assert!(p.html.contains("[caption] [citation needed] [1]"), "{}", p.html);
    assert_eq!(p.kept_shortcodes, ["contact-form-7"]);
}
