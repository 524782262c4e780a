//! Author and tag feeds carry summaries of their newest pages (`feeds.taxonomy_content`,
//! `feeds.taxonomy_limit`), while the blog's feed keeps the whole text of its posts.

use super::*;

/// Three posts by Dana tagged `news`, with text that only a full entry shows.
fn three_posts(config: &str) -> BuiltSite {
    let site = TestSite::with_config(config);
    site.page("authors/dana.md", "name: Dana Levi", "Dana's bio.\n");
    for day in 1..=3 {
        site.page(
            &format!("blog/2026-03-0{day}-post-{day}.md"),
            &format!("title: Post {day}\ndescription: Summary {day}\ntags: [News]"),
            &format!("Body of post {day}, only in full entries. See [the start](../kb/start.md).\n"),
        );
    }
    site.page("kb/start.md", "title: Start here", "Begin.\n").build()
}

fn atom_entries(built: &BuiltSite, path: &str) -> Vec<(String, String, Option<String>)> {
    let text = built.text(path);
    let doc = xml(&text);
    children(doc.root_element(), "entry")
        .iter()
        .map(|e| {
            let content =
                e.children().find(|n| n.has_tag_name((ATOM, "content"))).map(|n| n.text().unwrap().to_string());
            (text_of(*e, "title").to_string(), text_of(*e, "summary").to_string(), content)
        })
        .collect()
}

#[test]
fn tag_and_author_feeds_carry_summaries_while_the_blog_feed_carries_the_whole_text() {
    let built = three_posts(CONFIG);
    for path in ["tags/news/atom.xml", "authors/dana/atom.xml"] {
        let entries = atom_entries(&built, path);
        assert_eq!(entries.len(), 3, "{path}");
        assert_eq!((entries[0].0.as_str(), entries[0].1.as_str()), ("Post 3", "Summary 3"), "{path}");
        assert!(entries.iter().all(|(_, _, content)| content.is_none()), "{path}: summary only: {entries:?}");
    }
    let blog = atom_entries(&built, "blog/atom.xml");
    let content = blog[0].2.as_deref().expect("the blog's feed has the whole text");
    assert!(content.contains("Body of post 3, only in full entries."), "{content}");
    assert!(content.contains("href=\"https://example.com/help/kb/start/\""), "links made absolute: {content}");

    let rss = built.text("tags/news/rss.xml");
    let doc = xml(&rss);
    let item = child(child(doc.root_element(), "channel"), "item");
    assert_eq!(text_of(item, "description"), "Summary 3");
    let json: Value = serde_json::from_str(&built.text("tags/news/feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["items"][0]["content_html"], "Summary 3");
    assert!(json["items"][0].get("summary").is_none(), "{}", json["items"][0]);
    let blog: Value = serde_json::from_str(&built.text("blog/feed.json")).unwrap();
    assert!(blog["items"][0]["content_html"].as_str().unwrap().contains("Body of post 3"), "{}", blog["items"][0]);
    assert_eq!(blog["items"][0]["summary"], "Summary 3");
}

#[test]
fn taxonomy_limit_bounds_author_and_tag_feeds_but_not_the_blogs() {
    let built = three_posts(&format!("{CONFIG}feeds:\n  taxonomy_limit: 2\n"));
    let titles = |path: &str| atom_entries(&built, path).into_iter().map(|(title, _, _)| title).collect::<Vec<_>>();
    assert_eq!(titles("tags/news/atom.xml"), ["Post 3", "Post 2"]);
    assert_eq!(titles("authors/dana/atom.xml"), ["Post 3", "Post 2"]);
    assert_eq!(titles("blog/atom.xml"), ["Post 3", "Post 2", "Post 1"]);
    let json: Value = serde_json::from_str(&built.text("tags/news/feed.json")).unwrap();
    assert_eq!(json["items"].as_array().unwrap().len(), 2);
}

#[test]
fn taxonomy_content_full_gives_tag_feeds_the_whole_text_and_summary_keeps_the_blogs_short() {
    let config = format!("{CONFIG}feeds:\n  content: summary\n  taxonomy_content: full\n");
    let built = three_posts(&config);
    let tag = atom_entries(&built, "tags/news/atom.xml");
    assert!(tag[0].2.as_deref().unwrap().contains("Body of post 3"), "{tag:?}");
    let blog = atom_entries(&built, "blog/atom.xml");
    assert!(blog.iter().all(|(_, _, content)| content.is_none()), "{blog:?}");
    assert_eq!(blog[0].1, "Summary 3");
}
