//! Feeds (Atom, RSS, JSON Feed), the sitemap and robots.txt, parsed as a reader would.

use super::*;

#[test]
fn blog_atom_feed_has_what_the_validator_requires() {
    let built = blog_site(CONFIG).build();
    let text = built.text("blog/atom.xml");
    let doc = xml(&text);
    let feed = doc.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ATOM), "feed"));
    assert_eq!(text_of(feed, "title"), "Acme · blog");
    assert_eq!(text_of(feed, "id"), "https://example.com/help/blog/");
    assert!(is_rfc3339(text_of(feed, "updated")));
    assert_eq!(text_of(child(feed, "author"), "name"), "Acme");
    let links: Vec<(&str, &str)> =
        children(feed, "link").iter().map(|l| (l.attribute("rel").unwrap(), l.attribute("href").unwrap())).collect();
    assert_eq!(
        links,
        [("self", "https://example.com/help/blog/atom.xml"), ("alternate", "https://example.com/help/blog/")]
    );
    let entries = children(feed, "entry");
    let titles: Vec<&str> = entries.iter().map(|e| text_of(*e, "title")).collect();
    assert_eq!(titles, ["We launched <today>", "Hello"], "newest first, the draft left out");
    let launch = entries[0];
    assert_eq!(text_of(launch, "id"), "https://example.com/help/blog/launch/");
    assert_eq!(text_of(launch, "published"), "2026-03-01T00:00:00Z");
    assert_eq!(text_of(launch, "updated"), "2026-03-05T10:00:00+02:00");
    assert_eq!(text_of(child(launch, "author"), "uri"), "https://example.com/help/authors/dana/");
    let tags: Vec<&str> = children(launch, "category").iter().map(|c| c.attribute("term").unwrap()).collect();
    assert_eq!(tags, ["News", "Rust"]);
    assert_eq!(text_of(launch, "summary"), "The launch &amp; more");
    let content = child(launch, "content");
    assert_eq!(content.attribute("type"), Some("html"));
    assert_contains(
        content.text().unwrap(),
        &[
            "href=\"https://example.com/help/kb/start/\"",
            "href=\"https://example.com/help/blog/launch/#part-two\"",
            "src=\"https://example.com/help/blog/launch/chart.png\"",
        ],
    );
    for entry in &entries {
        assert!(is_rfc3339(text_of(*entry, "updated")));
    }
}

#[test]
fn blog_rss_feed_has_channel_items_guids_and_rfc_822_dates() {
    let built = blog_site(CONFIG).build();
    let text = built.text("blog/rss.xml");
    let doc = xml(&text);
    let rss = doc.root_element();
    assert_eq!((rss.tag_name().name(), rss.attribute("version")), ("rss", Some("2.0")));
    let channel = child(rss, "channel");
    assert_eq!(text_of(channel, "title"), "Acme · blog");
    assert_eq!(text_of(channel, "link"), "https://example.com/help/blog/");
    assert_eq!(text_of(channel, "description"), "News and help");
    let this = child(channel, "link");
    let self_link = channel
        .children()
        .find(|n| n.tag_name().namespace() == Some(ATOM) && n.tag_name().name() == "link")
        .expect("atom:link");
    assert_eq!(this.text(), Some("https://example.com/help/blog/"));
    assert_eq!(self_link.attribute("rel"), Some("self"));
    assert_eq!(self_link.attribute("href"), Some("https://example.com/help/blog/rss.xml"));
    assert!(is_rfc822(text_of(channel, "lastBuildDate")));
    let items = children(channel, "item");
    assert_eq!(items.len(), 2);
    let guid = child(items[0], "guid");
    assert_eq!(
        (guid.text(), guid.attribute("isPermaLink")),
        (Some("https://example.com/help/blog/launch/"), Some("true"))
    );
    assert_eq!(text_of(items[0], "pubDate"), "Sun, 01 Mar 2026 00:00:00 +0000");
    assert_eq!(text_of(items[0], "creator"), "Dana Levi");
    assert!(text_of(items[1], "description").contains("<p>First words.</p>"));
}

#[test]
fn blog_json_feed_is_version_1_1_with_absolute_item_urls() {
    let built = blog_site(CONFIG).build();
    let feed: Value = serde_json::from_str(&built.text("blog/feed.json")).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Acme · blog");
    assert_eq!(feed["home_page_url"], "https://example.com/help/blog/");
    assert_eq!(feed["feed_url"], "https://example.com/help/blog/feed.json");
    assert_eq!(feed["language"], "en");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let launch = &items[0];
    assert_eq!(launch["id"], "https://example.com/help/blog/launch/");
    assert_eq!(launch["url"], launch["id"]);
    assert_eq!(launch["date_published"], "2026-03-01T00:00:00Z");
    assert_eq!(launch["date_modified"], "2026-03-05T10:00:00+02:00");
    assert_eq!(launch["authors"][0]["avatar"], "https://example.com/help/images/dana.png");
    assert_eq!(launch["tags"], serde_json::json!(["News", "Rust"]));
    assert_eq!(launch["summary"], "The launch & more");
    assert!(launch["content_html"].as_str().unwrap().contains("https://example.com/help/kb/start/"));
}

#[test]
fn author_and_tag_feeds_list_only_their_pages() {
    let built = blog_site(CONFIG).build();
    let titles = |path: &str| -> Vec<String> {
        let text = built.text(path);
        let doc = xml(&text);
        children(doc.root_element(), "entry").iter().map(|e| text_of(*e, "title").to_string()).collect()
    };
    assert_eq!(titles("authors/dana/atom.xml"), ["We launched <today>"]);
    assert_eq!(titles("authors/omer/atom.xml"), ["Hello"]);
    // `Rust` and `rust` are one tag; the knowledge-base article is in its tag's feed too.
    assert_eq!(titles("tags/rust/atom.xml"), ["We launched <today>", "Hello"]);
    assert_eq!(titles("tags/news/atom.xml"), ["We launched <today>", "Start here"]);
    let text = built.text("tags/news/atom.xml");
    let doc = xml(&text);
    let alternate = children(doc.root_element(), "link").into_iter().find(|l| l.attribute("rel") == Some("alternate"));
    assert_eq!(alternate.unwrap().attribute("href"), Some("https://example.com/help/tags/news/"));
    let rss = built.text("authors/dana/rss.xml");
    assert_eq!(text_of(child(xml(&rss).root_element(), "channel"), "description"), "CEO");
}

#[test]
fn feeds_config_chooses_formats_length_and_summaries() {
    let config = format!("{CONFIG}feeds:\n  formats: [atom]\n  content: summary\n  limit: 1\n  tags: false\n");
    let built = blog_site(&config).build();
    assert!(built.has("blog/atom.xml"));
    for missing in ["blog/rss.xml", "blog/feed.json", "tags/news/atom.xml"] {
        assert!(!built.has(missing), "{missing}");
    }
    let text = built.text("blog/atom.xml");
    let doc = xml(&text);
    let entries = children(doc.root_element(), "entry");
    assert_eq!(entries.len(), 1);
    assert!(entries[0].children().all(|n| n.tag_name().name() != "content"), "summary only");
    assert_eq!(text_of(entries[0], "summary"), "The launch &amp; more");
    let post = built.text("blog/launch/index.html");
    assert_contains(&post, &["<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/help/blog/atom.xml\""]);
    assert_lacks(&post, &["rss.xml", "/tags/news/atom.xml"]);
}

#[test]
fn pages_link_to_their_feeds_in_the_head() {
    let built = blog_site(CONFIG).build();
    let post = built.text("blog/launch/index.html");
    let hrefs: Vec<&str> = post
        .split("<link rel=\"alternate\" ")
        .skip(1)
        .map(|l| {
            let start = l.find("href=\"").unwrap() + 6;
            &l[start..start + l[start..].find('"').unwrap()]
        })
        .collect();
    assert_eq!(
        hrefs,
        [
            "/help/blog/atom.xml",
            "/help/blog/rss.xml",
            "/help/blog/feed.json",
            "/help/authors/dana/atom.xml",
            "/help/tags/news/atom.xml",
            "/help/tags/rust/atom.xml"
        ]
    );
    assert_contains(&built.text("index.html"), &["href=\"/help/blog/atom.xml\" title=\"Acme · blog (Atom)\""]);
}

#[test]
fn feeds_config_errors_name_the_line() {
    let site = blog_site(&format!("{CONFIG}feeds:\n  limit: 0\n"));
    assert_eq!(
        site.build_error(),
        "error: site.yaml:7: `feeds.limit` must be 1 or more, found 0\n  help: write how many of the newest entries each feed holds, e.g. limit: 20; to turn feeds off write formats: []"
    );
    let site = blog_site(&format!("{CONFIG}feeds:\n  formats: [atom, rdf]\n"));
    let err = site.build_error();
    assert!(err.starts_with("error: site.yaml:7:"), "{err}");
    assert_contains(&err, &["unknown variant `rdf`", "atom", "rss", "json"]);
}

#[test]
fn sitemap_lists_published_pages_with_lastmod_and_robots_points_at_it() {
    let built = blog_site(CONFIG).build();
    let text = built.text("sitemap.xml");
    let doc = xml(&text);
    let urlset = doc.root_element();
    assert_eq!(urlset.tag_name().namespace(), Some("http://www.sitemaps.org/schemas/sitemap/0.9"));
    let entries: Vec<(String, Option<String>)> = children(urlset, "url")
        .iter()
        .map(|u| {
            (
                text_of(*u, "loc").to_string(),
                u.children().find(|n| n.has_tag_name("lastmod")).and_then(|n| n.text()).map(str::to_string),
            )
        })
        .collect();
    let locs: Vec<&str> = entries.iter().map(|(l, _)| l.as_str()).collect();
    assert!(locs.contains(&"https://example.com/help/"));
    assert!(locs.contains(&"https://example.com/help/kb/start/"));
    assert!(!locs.iter().any(|l| l.contains("secret")), "drafts are never listed");
    let lastmod = |loc: &str| entries.iter().find(|(l, _)| l == loc).unwrap().1.clone();
    assert_eq!(lastmod("https://example.com/help/blog/launch/").as_deref(), Some("2026-03-05T10:00:00+02:00"));
    assert_eq!(lastmod("https://example.com/help/blog/hello/").as_deref(), Some("2026-02-01T00:00:00Z"));
    assert_eq!(lastmod("https://example.com/help/blog/").as_deref(), Some("2026-03-05T10:00:00+02:00"));
    assert_eq!(built.text("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.com/help/sitemap.xml\n");
}

#[test]
fn a_sites_own_robots_txt_and_sitemap_are_kept() {
    let site = blog_site(CONFIG);
    site.file("static/robots.txt", "User-agent: *\nDisallow: /private/\n");
    site.file("static/sitemap.xml", "<urlset/>");
    let built = site.build();
    assert_eq!(built.text("robots.txt"), "User-agent: *\nDisallow: /private/\n");
    assert_eq!(built.text("sitemap.xml"), "<urlset/>");
}

#[test]
fn drafts_builds_are_kept_out_of_search_engines() {
    let site = blog_site(CONFIG);
    let built =
        BuiltSite { built: site.try_build_with(folio::BuildOptions { drafts: true, ..Default::default() }).unwrap() };
    assert_eq!(meta(&built.text("blog/secret/index.html"), "robots"), ["noindex"]);
    assert!(meta(&built.text("blog/launch/index.html"), "robots").is_empty());
    assert!(!built.text("sitemap.xml").contains("secret"));
    assert!(!built.text("blog/atom.xml").contains("Secret"));
    assert_eq!(
        built.text("robots.txt"),
        "User-agent: *\nDisallow: /\n\nSitemap: https://example.com/help/sitemap.xml\n"
    );
}

#[test]
fn feeds_can_be_turned_off() {
    let built = blog_site(&format!("{CONFIG}feeds:\n  formats: []\n")).build();
    assert!(built.built.output.files.keys().all(|p| !p.ends_with("atom.xml") && !p.ends_with("feed.json")));
    assert_lacks(&built.text("blog/launch/index.html"), &["rel=\"alternate\""]);
    assert!(built.has("sitemap.xml"));
}

#[test]
fn sitemap_and_rss_addresses_are_percent_encoded() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: he\n");
    site.page("blog/2026-01-01-שלום.md", "title: שלום\ntags: [דוחות]", "טקסט.\n");
    let built = site.build();
    let sitemap = built.text("sitemap.xml");
    let doc = xml(&sitemap);
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    assert!(locs.contains(&"https://example.com/blog/%D7%A9%D7%9C%D7%95%D7%9D/"), "{locs:?}");
    assert!(locs.iter().all(|l| l.is_ascii()), "{locs:?}");
    let rss = built.text("tags/דוחות/rss.xml");
    let doc = xml(&rss);
    let channel = child(doc.root_element(), "channel");
    assert_eq!(text_of(channel, "link"), "https://example.com/tags/%D7%93%D7%95%D7%97%D7%95%D7%AA/");
    assert_eq!(text_of(child(channel, "item"), "guid"), "https://example.com/blog/%D7%A9%D7%9C%D7%95%D7%9D/");
    assert_eq!(text_of(channel, "language"), "he");
}
