//! What pages tell other sites: OpenGraph, JSON-LD, share links, redirects from old addresses
//! and `updated: git` dates.

use super::*;

#[test]
fn posts_get_opengraph_article_tags_and_a_twitter_card() {
    // With generated cards off, a post without a picture shows its author's photo (see social_cards.rs).
    let built = blog_site(&format!("{CONFIG}social_cards: false\n")).build();
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
    assert_eq!(meta(&post, "og:title"), ["We launched &lt;today&gt;"], "X reads the card's title from og:title");
    for duplicate in ["twitter:title", "twitter:description", "twitter:image"] {
        assert!(meta(&post, duplicate).is_empty(), "{duplicate} repeats an og: tag X falls back to");
    }
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
    // What a page lacks is left out, not written empty, and `url` is not repeated as mainEntityOfPage.
    let article = ld_node(&json_ld(&built.text("kb/start/index.html")), "TechArticle");
    let keys: Vec<&str> = article.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert!(!keys.iter().any(|k| ["image", "mainEntityOfPage", "datePublished"].contains(k)), "{keys:?}");
    assert_eq!(article["url"], "https://example.com/help/kb/start/");
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
fn alias_colliding_with_a_tag_page_names_the_tag() {
    let site = blog_site(CONFIG);
    site.page("kb/tagged.md", "title: Tagged\ntags: [Billing]", "Text.\n");
    site.page("about.md", "title: About\naliases:\n  - /tags/billing/", "About.\n");
    assert_eq!(
        site.build_error(),
        "error: content/about.md:4: alias `/tags/billing/` is also the address of the `tags` page for `Billing`\n  help: remove one of them; an alias cannot replace a page or another alias"
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
