//! `folio import feed`: RSS 2.0 (as Wix writes it, in Hebrew) and Atom (as Blogger writes it), from
//! files and from a local HTTP server, checked in the Markdown written and in the built site.

use crate::import_wordpress::{build, fixture, read};
use crate::support;

use folio::import::{import_feed, ImportOptions, ImportReport};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use support::site::{assert_contains, assert_lacks};

fn import(root: &Path, feed: &str) -> ImportReport {
    let options = ImportOptions { root: root.to_path_buf(), uploads: None };
    import_feed(feed, &options).unwrap_or_else(|e| panic!("import failed: {e}"))
}

const COLOUR: &str = "content/blog/2021-09-14-איך-בוחרים-צבע.md";

#[test]
fn hebrew_rss_becomes_posts_with_authors_tags_and_images() {
    let dir = tempfile::tempdir().unwrap();
    let report = import(dir.path(), fixture("feed-rss-he.xml").to_str().unwrap());
    assert_eq!((report.posts, report.pages, report.authors, report.tags, report.aliases), (2, 0, 1, 2, 2));
    assert_eq!(
        read(dir.path(), COLOUR),
        "---\ntitle: איך בוחרים צבע לקיר\ndate: 2021-09-14T08:00:00Z\nauthor: ד-ר-מוריה-לוי\n\
         description: שלושה כללים פשוטים לבחירת צבע.\ntags: [עיצוב, צבע]\n\
         image: \"https://static.wixstatic.example.com/media/wall.jpg\"\naliases:\n  - \"/post/איך-בוחרים-צבע\"\n---\n\n\
         הכלל הראשון: **אור**.\n\n![קיר ירוק](https://static.wixstatic.example.com/media/wall.jpg)\n\n1. אור\n2. גודל\n3. רהיטים\n"
    );
    // Without content:encoded the description is the text; `&amp;` is decoded once, not twice.
    assert_contains(
        &read(dir.path(), "content/blog/2021-08-02-news.md"),
        &["date: 2021-08-02T10:30:00+03:00\n", "\nפתחנו חלל תצוגה חדש & נשמח לראותכם.\n"],
    );
    assert_eq!(read(dir.path(), "content/authors/ד-ר-מוריה-לוי.md"), "---\nname: \"ד\\\"ר מוריה לוי\"\n---\n\n");
    // The feed's link is the blog's list page; the site lives at the host's root.
    assert_contains(
        &read(dir.path(), "site.yaml"),
        &["title: סטודיו גליל\n", "base_url: https://www.studio-galil.example.co.il\nlanguage: he\n"],
    );
    assert_eq!(report.remote_files, ["https://static.wixstatic.example.com/media/wall.jpg"]);

    let site = build(dir.path());
    assert_contains(
        &site.text("post/איך-בוחרים-צבע/index.html"),
        &["url=https://www.studio-galil.example.co.il/blog/איך-בוחרים-צבע/"],
    );
    let post = site.text("blog/איך-בוחרים-צבע/index.html");
    assert_contains(
        &post,
        &[
            "<html lang=\"he\" dir=\"rtl\"",
            "<p>הכלל הראשון: <strong>אור</strong>.</p>",
            "ד&quot;ר מוריה לוי",
            "<li>רהיטים</li>",
        ],
    );
    assert_lacks(&post, &["&lt;p&gt;", "&amp;lt;"]);
}

#[test]
fn atom_entries_keep_their_html_summary_updated_date_and_old_html_address() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), fixture("feed-atom-en.xml").to_str().unwrap());
    assert_eq!(
        read(dir.path(), "content/blog/2020-11-18-winter-kit-list.md"),
        "---\ntitle: Winter kit list\ndate: 2020-11-18T09:00:00-05:00\nupdated: 2020-11-25T09:00:00-05:00\nauthor: jo-park\n\
         description: What we carry when it is cold.\ntags: [gear, Winter]\nimage: \"https://images.example.org/boots.jpg\"\n\
         aliases:\n  - \"/2020/11/winter-kit-list.html\"\n---\n\nPack *layers*.\n\n### Boots\n\n![Boots](https://images.example.org/boots.jpg)\n"
    );
    assert_contains(
        &read(dir.path(), "content/blog/2020-10-01-hello.md"),
        &["author: field-team\n", "\nFirst **post**.\n"],
    );
    let site = build(dir.path());
    assert_contains(
        &site.text("2020/11/winter-kit-list.html"),
        &["url=https://fieldnotes.example.org/blog/winter-kit-list/"],
    );
    assert_contains(&site.text("blog/winter-kit-list/index.html"), &["<html lang=\"en\" dir=\"ltr\"", "Jo Park"]);
}

#[test]
fn importing_a_feed_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let feed = fixture("feed-atom-en.xml");
    let first = import(dir.path(), feed.to_str().unwrap());
    let again = import(dir.path(), feed.to_str().unwrap());
    assert!(again.written.is_empty());
    assert_eq!(again.unchanged, first.written.len() - 2, "site.yaml and the blog's _index.md are written once");
    assert!(dir.path().join(".folio/import-feed.json").is_file());
}

/// Serves `body` with `status` to every request, on 127.0.0.1 only.
fn serve_once(status: &'static str, body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut stream = stream;
            let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    format!("http://{address}/blog-feed.xml")
}

#[test]
fn a_feed_is_read_from_its_address() {
    let dir = tempfile::tempdir().unwrap();
    let url = serve_once("200 OK", std::fs::read_to_string(fixture("feed-rss-he.xml")).unwrap());
    let report = import(dir.path(), &url);
    assert_eq!(report.posts, 2);
    assert!(dir.path().join(COLOUR).is_file());

    let missing = serve_once("404 Not Found", "gone".into());
    let options = ImportOptions { root: dir.path().join("other"), uploads: None };
    let err = import_feed(&missing, &options).unwrap_err().to_string();
    assert_contains(&err, &[&missing, "cannot download the feed: http status: 404", "/blog-feed.xml"]);
}

#[test]
fn malformed_feeds_name_the_line_and_other_xml_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("feed-atom-en.xml")).unwrap();
    let broken = dir.path().join("feed.xml");
    std::fs::write(&broken, text.replace("<title>Hello</title>", "<title>Hello</titel>")).unwrap();
    let options = ImportOptions { root: dir.path().join("site"), uploads: None };
    let err = import_feed(broken.to_str().unwrap(), &options).unwrap_err().to_string();
    let line = text.lines().position(|l| l.contains("<title>Hello</title>")).unwrap() + 1;
    assert!(err.starts_with(&format!("{}:{line}:", broken.display())), "{err}");
    assert!(!dir.path().join("site").exists());

    let other = dir.path().join("page.xml");
    std::fs::write(&other, "<html><body/></html>").unwrap();
    let err = import_feed(other.to_str().unwrap(), &options).unwrap_err().to_string();
    assert_contains(&err, &["this is not an RSS 2.0 or Atom feed (it starts with <html>)", "/feed, /rss.xml"]);
    let wxr = import_feed(fixture("wordpress-en.xml").to_str().unwrap(), &options).unwrap_err().to_string();
    assert_contains(&wxr, &["this is a WordPress export, not a feed", "folio import wordpress"]);
}
