//! Authors as people write them: ids, names of author files, plain names with no file, inline
//! (Docusaurus) authors, the authors data file, and where typos still stop the build.

use crate::support;

use serde_json::Value;
use support::site::{assert_contains, assert_lacks, TestSite};

const HEBREW: &str = "title: הבלוג\nbase_url: https://example.com\nlanguage: he\n";

/// Every JSON-LD node of a page whose `@type` is `kind`.
fn ld_node(html: &str, kind: &str) -> Value {
    for script in html.split("<script type=\"application/ld+json\">").skip(1) {
        let value: Value = serde_json::from_str(&script[..script.find("</script>").unwrap()]).unwrap();
        let nodes = value["@graph"].as_array().cloned().unwrap_or_else(|| vec![value.clone()]);
        if let Some(node) = nodes.into_iter().find(|n| n["@type"] == kind) {
            return node;
        }
    }
    panic!("no {kind} in:\n{html}")
}

/// The part of `html` between `start` and the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start:?} in:\n{html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn a_hugo_post_with_a_hebrew_plain_name_builds_with_its_byline() {
    let site = TestSite::with_config(HEBREW);
    site.page(
        "blog/2024-05-01-shalom.md",
        "title: \"שלום עולם\"\ndate: 2024-05-01\nauthor: 'ד\"ר מוריה לוי'\ntags: [חדשות]",
        "טקסט ראשון.\n",
    );
    let built = site.build();
    let post = built.text("blog/shalom/index.html");
    let byline = between(&post, "<div class=\"byline\">", "</div>\n</div>\n</div>");
    assert_contains(byline, &["<span class=\"byline-name\" dir=\"auto\">ד&quot;ר מוריה לוי</span>", "avatar-initial"]);
    assert_lacks(byline, &["<a ", "<img"]);

    let posting = ld_node(&post, "BlogPosting");
    assert_eq!(posting["author"], serde_json::json!([{ "@type": "Person", "name": "ד\"ר מוריה לוי" }]));

    let atom = built.text("blog/atom.xml");
    assert_contains(&atom, &["    <author>\n      <name>ד&quot;ר מוריה לוי</name>\n    </author>\n"]);
    assert_contains(&built.text("blog/rss.xml"), &["<dc:creator>ד&quot;ר מוריה לוי</dc:creator>"]);
    let json: Value = serde_json::from_str(&built.text("blog/feed.json")).unwrap();
    assert_eq!(json["items"][0]["authors"], serde_json::json!([{ "name": "ד\"ר מוריה לוי" }]));

    // No author page and no author feed for a name.
    assert!(!built.built.output.files.keys().any(|path| path.starts_with("authors/")), "an author page was made");
    assert_eq!(
        built.notes(),
        ["content: 1 author has no author file, so their bylines show the name only: ד\"ר מוריה לוי (1 page)\n  \
          help: to give an author a page, photo and feed, create their file in content/authors/ (or list them in content/authors.yaml):\n    \
          folio new author 'ד\"ר מוריה לוי'"]
    );
    assert!(built.warnings().is_empty(), "{:?}", built.warnings());
}

#[test]
fn one_note_lists_every_name_without_a_file_with_its_page_count() {
    let site = TestSite::new();
    site.page("authors/dana.md", "name: Dana Levi", "")
        .page("blog/a.md", "title: A\nauthor: Maya Friedman", "")
        .page("blog/b.md", "title: B\nauthors: [Maya Friedman, dana, admin]", "")
        .page("blog/c.md", "title: C\nauthor: Dana Levy", "")
        .page("kb/d.md", "title: D\nauthor: \"Dan O'Brien\"", "");
    let built = site.build();
    assert_eq!(
        built.notes(),
        ["content: 4 authors have no author file, so their bylines show the name only: \
          Dan O'Brien (1 page), Dana Levy (1 page; did you mean `Dana Levi`?), Maya Friedman (2 pages), admin (1 page)\n  \
          help: to give an author a page, photo and feed, create their file in content/authors/ (or list them in content/authors.yaml):\n    \
          folio new author \"Dan O'Brien\"\n    \
          folio new author 'Dana Levy'\n    \
          folio new author 'Maya Friedman'\n    \
          folio new author 'admin'"]
    );
    let b = built.text("blog/b/index.html");
    let byline = between(&b, "<div class=\"byline\">", "</div>\n</div>\n</div>");
    let names: Vec<&str> =
        byline.split("byline-name").skip(1).map(|s| &s[s.find('>').unwrap() + 1..s.find('<').unwrap()]).collect();
    assert_eq!(names, ["Maya Friedman", "Dana Levi", "admin"], "in the order the front matter gives");
    assert_contains(byline, &["<a class=\"byline-name\" href=\"/authors/dana/\" dir=\"auto\">Dana Levi</a>"]);
    // The author page and feed of Dana list the post that names her among others.
    assert_contains(&built.text("authors/dana/index.html"), &["href=\"/blog/b/\""]);
    assert_contains(&built.text("authors/dana/atom.xml"), &["<title>B</title>"]);
}

#[test]
fn a_name_matching_an_author_files_name_links_to_that_author() {
    let site = TestSite::with_config(HEBREW);
    site.picture("static/images/maya.png", 8, 8)
        .page("authors/maya.md", "name: Maya Friedman\nrole: CMO\nphoto: /images/maya.png", "Maya writes.\n")
        .page("authors/moriah.md", "name: ד\"ר מוריה לוי", "")
        .page("blog/2024-01-01-exact.md", "title: Exact\nauthor: Maya Friedman", "")
        .page("blog/2024-01-02-spacing.md", "title: Spacing\nauthor: \"  maya   FRIEDMAN \"", "")
        .page("blog/2024-01-03-gershayim.md", "title: Gershayim\nauthors: ['ד״ר מוריה לוי']", "");
    let built = site.build();
    for post in ["blog/exact/index.html", "blog/spacing/index.html"] {
        let html = built.text(post);
        assert_contains(
            &html,
            &[
                "<a class=\"byline-name\" href=\"/authors/maya/\" dir=\"auto\">Maya Friedman</a>",
                "src=\"/images/maya.png\"",
                "CMO",
            ],
        );
        assert_eq!(ld_node(&html, "BlogPosting")["author"][0]["url"], "https://example.com/authors/maya/");
    }
    assert_contains(
        &built.text("blog/gershayim/index.html"),
        &["href=\"/authors/moriah/\" dir=\"auto\">ד&quot;ר מוריה לוי</a>"],
    );
    let feed = built.text("authors/maya/atom.xml");
    assert_contains(&feed, &["<title>Exact</title>", "<title>Spacing</title>"]);
    assert!(built.notes().is_empty(), "{:?}", built.notes());
}

#[test]
fn docusaurus_inline_authors_show_photo_role_and_link_without_a_page() {
    let site = TestSite::with_config("title: Acme\nbase_url: https://example.com/help/\nlanguage: en\n");
    site.picture("static/images/omer.png", 8, 8)
        .page("authors/dana.md", "name: Dana Levi", "")
        .page(
            "blog/2026-01-01-launch.md",
            "title: Launch\nauthors:\n  - name: Noa Bar\n    title: Staff Engineer\n    url: https://noa.dev\n    image_url: https://github.com/noa.png\n    socials: {github: noa}\n  - dana",
            "",
        )
        .page(
            "blog/2026-01-02-one.md",
            "title: One\nauthor: {name: Omer Cohen, role: CTO, photo: /images/omer.png}",
            "",
        );
    let built = site.build();
    let launch = built.text("blog/launch/index.html");
    assert_contains(
        &launch,
        &[
            "<img class=\"avatar\" src=\"https://github.com/noa.png\"",
            "<a class=\"byline-name\" href=\"https://noa.dev\" dir=\"auto\">Noa Bar</a>",
            "<span class=\"byline-role\">Staff Engineer</span>",
            "<a class=\"byline-name\" href=\"/help/authors/dana/\" dir=\"auto\">Dana Levi</a>",
        ],
    );
    assert_eq!(
        ld_node(&launch, "BlogPosting")["author"][0],
        serde_json::json!({ "@type": "Person", "name": "Noa Bar", "url": "https://noa.dev", "jobTitle": "Staff Engineer", "image": "https://github.com/noa.png" })
    );
    let one = built.text("blog/one/index.html");
    assert_contains(
        &one,
        &["src=\"/help/images/omer.png\"", "<span class=\"byline-name\" dir=\"auto\">Omer Cohen</span>", "CTO"],
    );
    let json: Value = serde_json::from_str(&built.text("blog/feed.json")).unwrap();
    let omer = &json["items"].as_array().unwrap().iter().find(|i| i["title"] == "One").unwrap()["authors"][0];
    assert_eq!(
        omer,
        &serde_json::json!({ "name": "Omer Cohen", "avatar": "https://example.com/help/images/omer.png" })
    );
    assert!(!built.has("authors/noa-bar/index.html") && !built.has("authors/omer-cohen/index.html"));
    assert!(built.notes().is_empty(), "{:?}", built.notes());
}

#[test]
fn an_inline_author_needs_a_name_and_an_existing_photo() {
    let site = TestSite::new();
    site.page("blog/a.md", "title: A\nauthors:\n  - title: CEO", "").page(
        "blog/b.md",
        "title: B\nauthor: {name: Noa, photo: /images/noa.png}",
        "",
    );
    assert_eq!(
        site.build_error(),
        "error: content/blog/a.md:3: an author written out in `authors` needs a `name`\n  \
         help: e.g. authors: [{name: Dana Levi, title: CEO, image_url: /images/dana.jpg}]\n\
         error: content/blog/b.md:3: the photo of `Noa`, `/images/noa.png`, does not exist (looked for /images/noa.png)\n  \
         help: put the file in static/ and write its path from there (/images/x.jpg), or give a full https:// URL"
    );
}

#[test]
fn a_misspelt_key_of_an_inline_author_is_an_error_at_the_key() {
    let site = TestSite::new();
    site.page("blog/c.md", "title: C\nauthor: {name: Noa, phot: noa.png}", "");
    assert_eq!(
        site.build_error(),
        "error: content/blog/c.md:3:21: unknown key `phot` in `author`\n  help: did you mean `photo`?"
    );
}

#[test]
fn authors_data_file_gives_bylines_with_photo_role_link_and_bio() {
    let site = TestSite::new();
    site.picture("static/images/maya.png", 8, 8)
        .file(
            "content/authors.yaml",
            "maya:\n  name: Maya Friedman\n  role: VP Marketing\n  photo: /images/maya.png\n  url: https://maya.example\n  bio: \"Maya runs <marketing>.\\n\\nShe writes weekly.\"\n  links:\n    - {name: LinkedIn, url: https://linkedin.example/maya}\n",
        )
        .page("blog/2026-01-01-by-id.md", "title: By id\nauthor: maya", "")
        .page("blog/2026-01-02-by-name.md", "title: By name\nauthor: maya friedman", "");
    let built = site.build();
    for post in ["blog/by-id/index.html", "blog/by-name/index.html"] {
        let html = built.text(post);
        assert_contains(
            &html,
            &[
                "<a class=\"byline-name\" href=\"https://maya.example\" dir=\"auto\">Maya Friedman</a>",
                "<span class=\"byline-role\">VP Marketing</span>",
                "src=\"/images/maya.png\"",
                "<section class=\"author-box\" aria-labelledby=\"about-maya\">",
                "<p>Maya runs &lt;marketing&gt;.</p>\n<p>She writes weekly.</p>",
            ],
        );
    }
    assert!(!built.has("authors.yaml"), "the data file is read, not published");
    assert!(!built.has("authors/maya/index.html"));
    assert!(built.notes().is_empty(), "{:?}", built.notes());
}

#[test]
fn an_id_both_in_a_file_and_in_the_data_file_is_an_error_naming_both() {
    let site = TestSite::new();
    site.file("content/authors.yaml", "noa:\n  name: Noa\ndana:\n  name: Dana Levi\n")
        .page("authors/dana.md", "name: Dana Levi", "")
        .page("blog/a.md", "title: A\nauthor: dana", "");
    assert_eq!(
        site.build_error(),
        "error: content/authors.yaml:3: author `dana` is defined twice: in content/authors.yaml and in content/authors/dana.md\n  \
         help: keep one of them: remove `dana` from content/authors.yaml, or delete content/authors/dana.md"
    );
}

#[test]
fn a_data_file_author_without_a_name_is_an_error_on_its_line() {
    let site = TestSite::new();
    site.file("content/authors.yml", "# the team\nnoa:\n  role: CTO\n").page("blog/a.md", "title: A", "");
    assert_eq!(
        site.build_error(),
        "error: content/authors.yml:2: author `noa` has no `name`\n  help: add the name the byline shows, e.g.\nnoa:\n  name: Dana Levi"
    );
}

#[test]
fn a_typo_of_a_known_id_is_still_an_error_but_a_name_is_not() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: en\nauthor: dana-levy\n");
    site.page("authors/dana-levi.md", "name: Dana Levi", "")
        .page("blog/a.md", "title: A\nauthor: danna-levi", "")
        .page("blog/b.md", "title: B\nauthors: [dana-levi, dana-levi2]", "")
        .page("blog/c.md", "title: C\nauthor: Dana Levy", "")
        .page("blog/d.md", "title: D", "");
    assert_eq!(
        site.build_error(),
        "error: content/blog/a.md:3: unknown author `danna-levi`\n  help: did you mean `dana-levi`?\n\
         error: content/blog/b.md:3: unknown author `dana-levi2`\n  help: did you mean `dana-levi`?\n\
         error: site.yaml: unknown author `dana-levy`\n  help: did you mean `dana-levi`?"
    );
}

#[test]
fn a_name_shared_by_two_authors_must_be_given_by_id() {
    let site = TestSite::new();
    site.page("authors/dana.md", "name: Dana Levi", "")
        .file("content/authors.yaml", "dana-l:\n  name: Dana Levi\n")
        .page("blog/a.md", "title: A\nauthor: Dana Levi", "");
    assert_eq!(
        site.build_error(),
        "error: content/blog/a.md:3: `Dana Levi` is the name of more than one author: `dana`, `dana-l`\n  help: name the author by id"
    );
}

#[test]
fn the_default_author_may_be_a_plain_name() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: en\nauthor: The Editors\n");
    site.page("blog/a.md", "title: A", "");
    let built = site.build();
    assert_contains(&built.text("blog/a/index.html"), &["<span class=\"byline-name\" dir=\"auto\">The Editors</span>"]);
    assert_eq!(built.notes().len(), 1);
}

#[test]
fn folio_build_prints_the_note_once_and_folio_new_author_makes_the_name_a_page() {
    let site = TestSite::with_config(HEBREW);
    site.page("blog/a.md", "title: א\nauthor: 'ד\"ר מוריה לוי'", "").page(
        "blog/b.md",
        "title: ב\nauthor: 'ד\"ר מוריה לוי'",
        "",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.matches("note:").count(), 1, "{}", run.stderr);
    assert_contains(&run.stderr, &["note: content: 1 author has no author file", "ד\"ר מוריה לוי (2 pages)"]);

    let created = site.run(&["new", "author", "ד\"ר מוריה לוי"]);
    assert_eq!(created.code, 0, "{}", created.stderr);
    assert_eq!(
        std::fs::read_to_string(site.path("content/authors/ד-ר-מוריה-לוי.md")).unwrap(),
        "---\nname: \"ד\\\"ר מוריה לוי\"\n---\n\n"
    );
    let run = site.run(&["build"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let post = std::fs::read_to_string(site.path("public/blog/a/index.html")).unwrap();
    assert_contains(&post, &["href=\"/authors/ד-ר-מוריה-לוי/\" dir=\"auto\">ד&quot;ר מוריה לוי</a>"]);
}
