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
    site.file("static/images/dana.png", "png")
        .page("authors/dana.md", "name: Dana Levi\nrole: CEO\nphoto: /images/dana.png", "Dana's bio.\n")
        .page("authors/omer.md", "name: Omer Cohen", "Omer's bio.\n")
        .file("content/blog/2026-03-01-launch/chart.png", "png")
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
fn posts_get_opengraph_article_tags_and_a_twitter_card() {
    let built = blog_site(CONFIG).build();
    let post = built.text("blog/launch/index.html");
    assert_eq!(meta(&post, "og:type"), ["article"]);
    assert_eq!(meta(&post, "og:locale"), ["en_US"]);
    assert_eq!(meta(&post, "og:url"), ["https://example.com/help/blog/launch/"]);
    assert_eq!(meta(&post, "og:image"), ["https://example.com/help/images/dana.png"], "the author's photo stands in");
    assert_eq!(meta(&post, "article:published_time"), ["2026-03-01T00:00:00Z"]);
    assert_eq!(meta(&post, "article:modified_time"), ["2026-03-05T10:00:00+02:00"]);
    assert_eq!(meta(&post, "article:author"), ["https://example.com/help/authors/dana/"]);
    assert_eq!(meta(&post, "article:tag"), ["News", "Rust"]);
    assert_eq!(meta(&post, "twitter:card"), ["summary_large_image"]);
    assert_eq!(meta(&post, "twitter:title"), ["We launched &lt;today&gt;"]);
    assert_eq!(meta(&post, "twitter:image"), ["https://example.com/help/images/dana.png"]);
    let hello = built.text("blog/hello/index.html");
    assert_eq!(meta(&hello, "twitter:card"), ["summary"], "no photo, no large image");
    assert!(meta(&hello, "og:image").is_empty());
    let home = built.text("index.html");
    assert_eq!(meta(&home, "og:type"), ["website"]);
    assert!(meta(&home, "article:published_time").is_empty());
}

#[test]
fn json_ld_describes_posts_authors_breadcrumbs_and_the_organization() {
    let built = blog_site(CONFIG).build();
    let ld = json_ld(&built.text("blog/launch/index.html"));
    let posting = ld_node(&ld, "BlogPosting");
    assert_eq!(posting["headline"], "We launched <today>");
    assert_eq!(posting["author"][0]["@type"], "Person");
    assert_eq!(posting["author"][0]["name"], "Dana Levi");
    assert_eq!(posting["author"][0]["url"], "https://example.com/help/authors/dana/");
    assert_eq!(posting["author"][0]["image"], "https://example.com/help/images/dana.png");
    assert_eq!(posting["dateModified"], "2026-03-05");
    assert_eq!(posting["keywords"], serde_json::json!(["News", "Rust"]));
    assert_eq!(posting["publisher"]["@type"], "Organization");
    let trail = ld_node(&ld, "BreadcrumbList");
    let items: Vec<(u64, &str, &str)> = trail["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["position"].as_u64().unwrap(), i["name"].as_str().unwrap(), i["item"].as_str().unwrap()))
        .collect();
    assert_eq!(
        items,
        [
            (1, "Home", "https://example.com/help/"),
            (2, "blog", "https://example.com/help/blog/"),
            (3, "We launched <today>", "https://example.com/help/blog/launch/")
        ]
    );
    assert_eq!(ld_node(&json_ld(&built.text("kb/start/index.html")), "TechArticle")["headline"], "Start here");

    let profile = ld_node(&json_ld(&built.text("authors/dana/index.html")), "ProfilePage");
    assert_eq!(profile["mainEntity"]["@type"], "Person");
    assert_eq!(profile["mainEntity"]["jobTitle"], "CEO");
    assert_eq!(profile["mainEntity"]["image"], "https://example.com/help/images/dana.png");

    let home = json_ld(&built.text("index.html"));
    let org = ld_node(&home, "Organization");
    assert_eq!((org["name"].as_str(), org["url"].as_str()), (Some("Acme"), Some("https://example.com/help/")));
    assert!(home.as_array().unwrap().iter().all(|n| n["@type"] != "BreadcrumbList"), "home has no trail");
}

#[test]
fn aliases_become_redirect_pages() {
    let site = blog_site(CONFIG);
    site.page(
        "blog/2026-04-01-moved.md",
        "title: Moved\naliases:\n  - /2019/05/moved/\n  - /old/moved.html",
        "Here now.\n",
    );
    let built = site.build();
    for path in ["2019/05/moved/index.html", "old/moved.html"] {
        let html = built.text(path);
        assert_eq!(meta(&html, "refresh"), ["0; url=https://example.com/help/blog/moved/"], "{path}");
        assert_eq!(meta(&html, "robots"), ["noindex"]);
        assert_contains(
            &html,
            &[
                "<link rel=\"canonical\" href=\"https://example.com/help/blog/moved/\">",
                "This page has moved to <a href=\"https://example.com/help/blog/moved/\">Moved</a>.",
            ],
        );
    }
    assert!(!built.text("sitemap.xml").contains("2019"), "redirects are not in the sitemap");
}

#[test]
fn hebrew_alias_redirects_in_hebrew() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: he\n");
    site.page("about.md", "title: אודות\naliases: [/מי-אנחנו/]", "טקסט.\n");
    let html = site.build().text("מי-אנחנו/index.html");
    assert_contains(
        &html,
        &["<html lang=\"he\" dir=\"rtl\">", "העמוד עבר אל <a href=\"https://example.com/about/\">אודות</a>."],
    );
}

#[test]
fn alias_colliding_with_a_page_names_both_files() {
    let site = blog_site(CONFIG);
    site.page("about.md", "title: About\naliases:\n  - /kb/start/", "About.\n");
    assert_eq!(
        site.build_error(),
        "error: content/about.md:4: alias `/kb/start/` is also the address of content/kb/start.md\n  help: remove one of them; an alias cannot replace a page or another alias"
    );
}

#[test]
fn alias_colliding_with_another_alias_names_both_files_and_lines() {
    let site = blog_site(CONFIG);
    site.page("about.md", "title: About\naliases: [/old/]", "About.\n");
    site.page("team.md", "title: Team\n\naliases:\n  - /x/\n  - /old", "Team.\n");
    assert_eq!(
        site.build_error(),
        "error: content/team.md:6: alias `/old` is also an alias in content/about.md:3\n  help: remove one of them; an alias cannot replace a page or another alias"
    );
}

#[test]
fn alias_that_is_not_a_site_path_is_an_error() {
    let site = blog_site(CONFIG);
    site.page("about.md", "title: About\naliases: [old-about]", "About.\n");
    assert_eq!(
        site.build_error(),
        "error: content/about.md:3: alias `old-about` is not a path on this site\n  help: write the old address as a path from the site root, e.g. /2019/05/our-story/ or /old/page.html"
    );
}

#[test]
fn posts_get_share_links_without_third_party_scripts() {
    let built = blog_site(CONFIG).build();
    let post = built.text("blog/launch/index.html");
    let hrefs: Vec<&str> = post
        .split("class=\"share-link share-")
        .skip(1)
        .filter_map(|l| {
            let l = &l[..l.find('>')?];
            let start = l.find("href=\"")? + 6;
            Some(&l[start..start + l[start..].find('"')?])
        })
        .collect();
    let url = "https%3A%2F%2Fexample.com%2Fhelp%2Fblog%2Flaunch%2F";
    assert_eq!(
        hrefs,
        [
            format!("https://www.linkedin.com/sharing/share-offsite/?url={url}"),
            format!("https://x.com/intent/tweet?url={url}&amp;text=We%20launched%20%3Ctoday%3E"),
            format!("https://www.facebook.com/sharer/sharer.php?u={url}"),
            format!("https://wa.me/?text=We%20launched%20%3Ctoday%3E%20{url}"),
            format!("mailto:?subject=We%20launched%20%3Ctoday%3E&amp;body={url}"),
        ]
    );
    assert_contains(
        &post,
        &[
            "<button type=\"button\" class=\"share-link share-copy\" data-url=\"https://example.com/help/blog/launch/\"",
            "<script src=\"/help/share.js\" defer></script>",
            "aria-label=\"Share on LinkedIn\"",
        ],
    );
    let scripts: Vec<&str> = post.split("<script").skip(1).map(|s| &s[..s.find('>').unwrap()]).collect();
    // No third-party script: only the page's data (JSON-LD) and the site's own files.
    assert!(scripts.contains(&" src=\"/help/share.js\" defer"), "{scripts:?}");
    for script in &scripts {
        let own = script.contains("src=\"/help/") && !script.contains("//");
        assert!(*script == " type=\"application/ld+json\"" || own, "unexpected script {script:?} in {scripts:?}");
    }
    assert!(built.has("share.js"));
    assert!(!built.text("kb/start/index.html").contains("share-links"), "share links are for posts");
}

#[test]
fn hebrew_share_labels() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: he\n");
    site.page("blog/2026-01-01-a.md", "title: שלום", "טקסט.\n");
    let post = site.build().text("blog/a/index.html");
    assert_contains(&post, &[">שיתוף</h2>", "aria-label=\"שיתוף ב־LinkedIn\"", ">דוא״ל</a>", ">העתקת קישור</button>"]);
}

#[test]
fn updated_git_takes_the_last_commit_date_of_the_file() {
    let site = blog_site(CONFIG);
    site.page("kb/billing/שאלות.md", "title: Questions\nupdated: git", "Text.\n");
    site.page("kb/setup.md", "title: Setup\nupdated: git", "Text.\n");
    commit_all(site.root(), "2026-04-01T12:00:00+03:00");
    site.page("kb/setup.md", "title: Setup\nupdated: git", "Text, edited.\n");
    commit_all(site.root(), "2026-05-02T08:30:00+00:00");
    let built = site.build();
    assert!(built.warnings().is_empty(), "{:?}", built.warnings());
    let setup = built.text("kb/setup/index.html");
    assert_eq!(ld_node(&json_ld(&setup), "TechArticle")["dateModified"], "2026-05-02");
    let questions = built.text("kb/billing/שאלות/index.html");
    assert_eq!(ld_node(&json_ld(&questions), "TechArticle")["dateModified"], "2026-04-01");
    let sitemap = built.text("sitemap.xml");
    assert_contains(
        &sitemap,
        &["<loc>https://example.com/help/kb/setup/</loc>\n    <lastmod>2026-05-02T08:30:00Z</lastmod>"],
    );
}

#[test]
fn updated_git_outside_a_checkout_warns_and_leaves_no_date() {
    let site = blog_site(CONFIG);
    site.page("kb/setup.md", "title: Setup\nupdated: git", "Text.\n");
    // A temp folder is not inside a git checkout, unless the machine's temp dir is: skip then.
    let inside = std::process::Command::new("git").args(["rev-parse"]).current_dir(site.root()).output();
    if inside.is_ok_and(|o| o.status.success()) {
        return;
    }
    let built = site.build();
    assert_eq!(
        built.warnings(),
        ["content/kb/setup.md: `updated: git` cannot be used here: the site is not in a git checkout; 1 page gets no updated date\n  help: build from a git checkout with git installed, or write the date: updated: 2026-03-01"]
    );
    assert_eq!(ld_node(&json_ld(&built.text("kb/setup/index.html")), "TechArticle")["dateModified"], Value::Null);
}

#[test]
fn updated_git_on_an_uncommitted_file_warns() {
    let site = blog_site(CONFIG);
    commit_all(site.root(), "2026-04-01T12:00:00+03:00");
    site.page("kb/new.md", "title: New\nupdated: git", "Text.\n");
    assert_eq!(
        site.build().warnings(),
        ["content/kb/new.md:3: `updated: git`: this file has no commits yet\n  help: commit it to give the page the commit's date; until then it has no updated date"]
    );
}

#[test]
fn updated_rejects_other_words() {
    let site = blog_site(CONFIG);
    site.page("kb/setup.md", "title: Setup\nupdated: gitt", "Text.\n");
    let err = site.build_error();
    assert!(err.starts_with("error: content/kb/setup.md:3:"), "{err}");
    assert_contains(&err, &["`gitt` is not a date", "or `git` for the date of the file's last commit"]);
}

#[test]
fn a_moved_blog_folder_redirects_from_its_old_address() {
    let site = blog_site(CONFIG);
    site.page("blog/_index.md", "title: Insights\naliases: [/news/]", "");
    let html = site.build().text("news/index.html");
    assert_eq!(meta(&html, "refresh"), ["0; url=https://example.com/help/blog/"]);
    assert_contains(&html, &["<a href=\"https://example.com/help/blog/\">Insights</a>"]);
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

#[test]
fn updated_git_without_git_installed_warns_and_still_builds() {
    let site = blog_site(CONFIG);
    site.page("kb/setup.md", "title: Setup\nupdated: git", "Text.\n");
    // No PATH: the binary itself is found by its full path, git is not found at all.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--output", "public"])
        .current_dir(site.root())
        .env("PATH", "")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_contains(
        &stderr,
        &["warning: content/kb/setup.md: `updated: git` cannot be used here: git is not installed (or not on PATH); 1 page gets no updated date\n  help: build from a git checkout with git installed, or write the date: updated: 2026-03-01"],
    );
    assert!(site.path("public/kb/setup/index.html").is_file());
}

#[test]
fn updated_git_works_for_a_site_in_a_sub_folder_of_the_repository() {
    let repo = TestSite::new();
    repo.file("docs-site/site.yaml", "title: Docs\nbase_url: https://example.com\n");
    repo.file("docs-site/content/kb/a.md", "---\ntitle: A\nupdated: git\n---\nText.\n");
    commit_all(repo.root(), "2026-07-07T07:00:00Z");
    let options = folio::BuildOptions { root: repo.path("docs-site"), ..Default::default() };
    let built = folio::build_site(&options).unwrap();
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    let page = built.output.text("kb/a/index.html").unwrap();
    assert_eq!(ld_node(&json_ld(&page), "TechArticle")["dateModified"], "2026-07-07");
}
