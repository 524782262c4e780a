//! `folio import wordpress`: Hebrew and English exports (Gutenberg blocks, classic-editor text,
//! shortcodes, drafts, pages, comments, percent-encoded permalinks) into new and existing sites,
//! checked in the Markdown written and in the site built from it.

use crate::support;

use folio::import::{import_wordpress, ImportOptions, ImportReport};
use std::path::{Path, PathBuf};
use support::site::{assert_contains, assert_lacks, BuiltSite, TestSite};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn import(root: &Path, export: &str, uploads: bool) -> ImportReport {
    let options = ImportOptions { root: root.to_path_buf(), uploads: uploads.then(|| fixture("uploads")) };
    import_wordpress(&fixture(export), &options).unwrap_or_else(|e| panic!("import failed: {e}"))
}

pub fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn build(root: &Path) -> BuiltSite {
    let options = folio::BuildOptions { root: root.to_path_buf(), ..Default::default() };
    BuiltSite { built: folio::build_site(&options).unwrap_or_else(|e| panic!("build failed:\n{e}")) }
}

const POST: &str = "content/blog/2020-05-01-שלום-עולם.md";
const CLASSIC: &str = "content/blog/2021-01-10-classic-post.md";

#[test]
fn hebrew_export_becomes_markdown_with_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), "wordpress-he.xml", true);
    let post = read(dir.path(), POST);
    assert!(
        post.starts_with(
            "---\ntitle: \"שלום עולם: איך התחלנו\"\ndate: 2020-05-01T10:00:00+03:00\nupdated: 2020-06-10T12:30:00+03:00\n\
             author: noa\ndescription: איך התחלנו לבנות את מחברת.\ncategories: [חדשות]\ntags: [עסקים קטנים]\n\
             image: \"/wp-content/uploads/2020/05/cat.png\"\naliases:\n  - \"/2020/05/שלום-עולם/\"\n"
        ),
        "{post}"
    );
    // Gutenberg's blocks become plain Markdown: nothing of the editor's HTML, comments or entities is left.
    assert_contains(
        &post,
        &[
            "\n---\n\nבחורף של 2019 ישבנו במשרד הקטן וחשבנו על “מערכת אחת” לכל העסק.\n\n## מה ניסינו קודם\n\n",
            "- גיליון אקסל **ענק**\n- מערכת [CRM](https://example.com/crm) אמריקאית\n",
            "![החתול של המשרד](/wp-content/uploads/2020/05/cat-300x200.png)\n\n*החתול שלנו*\n",
            "\n<https://www.youtube.com/watch?v=abc123>\n",
            "\n> לא היה לנו חסר רצון טוב.\n",
            "| חודש  | לקוחות |\n| ----- | ------ |\n| ינואר | 12     |\n",
            "[בפוסט הבא](@/blog/2021-01-10-classic-post.md), וגם [בקישור הקצר](@/blog/2021-01-10-classic-post.md).",
        ],
    );
    let body = post.split("\n---\n").nth(1).unwrap();
    assert_lacks(body, &["<p", "<figure", "<div", "wp:", "&nbsp;", "&#8220;", "class=", "\u{a0}", "\n\n\n"]);

    let classic = read(dir.path(), CLASSIC);
    assert_contains(
        &classic,
        &[
            "author: איתי-שרעבי\n",
            "זו פסקה ראשונה שנכתבה בעורך הקלאסי.\\\nעם שורה שנייה באותה פסקה.\n",
            "[![חתול](/wp-content/uploads/2020/05/cat-300x200.png)](/wp-content/uploads/2020/05/cat.png)\n\n*החתול בתפקיד*\n",
            "נוסחה: E=mc<sup>2</sup>\n",
            "\\[contact-form-7 id=\"5\" title=\"צור קשר\"\\]",
            "\n<https://www.youtube.com/watch?v=xyz789>\n",
            "טקסט עם סגנון ו’גרש’.",
        ],
    );
    assert_eq!(read(dir.path(), "content/authors/noa.md"), "---\nname: \"ד\\\"ר נועה כהן\"\n---\n\n");
    assert_eq!(read(dir.path(), "content/authors/איתי-שרעבי.md"), "---\nname: איתי שרעבי\n---\n\n");
}

#[test]
fn drafts_pages_and_what_was_left_out_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let report = import(dir.path(), "wordpress-he.xml", true);
    assert_eq!((report.posts, report.pages, report.drafts, report.authors), (4, 3, 2, 3));
    assert_eq!((report.tags, report.categories, report.aliases, report.comments, report.id_redirects), (2, 1, 3, 2, 5));
    let skipped: Vec<(&str, usize)> = report.skipped.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        skipped,
        [
            ("comments not approved (pending or spam)", 1),
            ("in the trash", 1),
            ("menu items (menus are set in site.yaml)", 1),
            ("password-protected", 1),
            ("pingbacks and trackbacks", 1),
            ("private", 1),
            ("theme and editor settings", 1),
        ]
    );
    assert_eq!(report.raw_html.get(CLASSIC).map(Vec::as_slice), Some(&["sup".to_string()][..]));
    assert_eq!(report.shortcodes.get(CLASSIC).map(Vec::as_slice), Some(&["contact-form-7".to_string()][..]));
    assert_contains(
        &read(dir.path(), "content/blog/2021-02-01-טיוטה-על-תמחור.md"),
        &["date: 2021-02-01 09:00\n", "draft: true\n"],
    );
    assert_contains(&read(dir.path(), "content/blog/2021-02-02-pending-review.md"), &["draft: true\n"]);
    for gone in ["פרטי", "נמחק", "מוגן-בסיסמה"] {
        assert!(!std::fs::read_dir(dir.path().join("content/blog")).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(gone)));
    }
    // Pages are top-level; a child page keeps its old nested address as an alias; a page named like
    // the blog steps aside.
    assert_eq!(read(dir.path(), "content/אודות.md"), "---\ntitle: אודות\n---\n\nאנחנו **מחברת**.\n");
    assert_contains(&read(dir.path(), "content/הצוות.md"), &["aliases:\n  - \"/אודות/הצוות/\"\n"]);
    assert!(dir.path().join("content/blog-page.md").is_file());
    let text = report.to_text();
    assert_contains(
        &text,
        &[
            "Imported 4 posts, 3 pages, 2 of them drafts, 3 authors, 2 tags, 1 category, 3 old addresses kept as redirects, 2 comments\n",
            "      1  private\n",
            "Pages that kept some HTML (Markdown has no way to say it; check them):\n  content/blog/2021-01-10-classic-post.md: <sup>\n",
            "Shortcodes left as text (nothing to convert them to):\n  content/blog/2021-01-10-classic-post.md: [contact-form-7]\n",
            "Wrote 16 files.\n",
        ],
    );
}

#[test]
fn the_imported_site_builds_and_old_addresses_redirect() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), "wordpress-he.xml", true);
    assert_contains(
        &read(dir.path(), "site.yaml"),
        &["title: \"מחברת — הבלוג\"\n", "base_url: https://blog.example.co.il\nlanguage: he\n", "unsafe_html: true"],
    );
    let site = build(dir.path());
    assert!(site.warnings().is_empty(), "{:?}", site.warnings());
    let redirect = site.text("2020/05/שלום-עולם/index.html");
    assert_contains(
        &redirect,
        &["<meta http-equiv=\"refresh\" content=\"0; url=https://blog.example.co.il/blog/שלום-עולם/\">"],
    );
    assert_contains(&site.text("אודות/הצוות/index.html"), &["url=https://blog.example.co.il/הצוות/"]);
    let post = site.text("blog/שלום-עולם/index.html");
    assert_contains(
        &post,
        &[
            "<html lang=\"he\" dir=\"rtl\"",
            "<p>בחורף של 2019 ישבנו במשרד הקטן וחשבנו על “מערכת אחת” לכל העסק.</p>",
            "<th>חודש</th>",
            "<a href=\"/blog/classic-post/\">בפוסט הבא</a>",
            // The copied upload is sized and offered as WebP like any picture of the site.
            "<img src=\"/wp-content/uploads/2020/05/cat-300x200.png\" alt=\"החתול של המשרד\" width=\"1\" height=\"1\"></picture>",
        ],
    );
    assert_contains(&site.text("blog/classic-post/index.html"), &["E=mc<sup>2</sup>"]);
    // An author id written in Hebrew (from the display name, as the login was an e-mail address).
    assert_contains(&site.text("authors/index.html"), &["href=\"/authors/איתי-שרעבי/\">איתי שרעבי</a>"]);
    assert!(site.has("wp-content/uploads/2020/05/cat.png"));
    assert!(!site.has("blog/טיוטה-על-תמחור/index.html"), "drafts stay out of the build");
    // `/?p=12` is answered by the home page's script, with the table of old ids.
    assert_contains(&site.text("index.html"), &["<script src=\"/wordpress-ids.js\"></script>"]);
    assert_lacks(&post, &["wordpress-ids.js"]);
    assert_contains(
        &site.text("wordpress-ids.js"),
        &["\"12\":\"blog/שלום-עולם/\"", "\"41\":\"הצוות/\"", "(?:p|page_id)="],
    );
    assert_lacks(&site.text("wordpress-ids.js"), &["\"20\""]);
}

#[test]
fn uploads_are_copied_when_given_and_listed_when_not() {
    let dir = tempfile::tempdir().unwrap();
    let report = import(dir.path(), "wordpress-he.xml", true);
    assert_eq!(
        std::fs::read(dir.path().join("static/wp-content/uploads/2020/05/cat.png")).unwrap(),
        std::fs::read(fixture("uploads/2020/05/cat.png")).unwrap()
    );
    assert_eq!(report.copied_files, 2);
    assert_eq!(report.missing_files, ["https://blog.example.co.il/wp-content/uploads/2020/05/graph.png"]);

    let bare = tempfile::tempdir().unwrap();
    let report = import(bare.path(), "wordpress-he.xml", false);
    assert!(!bare.path().join("static/wp-content").exists());
    assert_contains(
        &read(bare.path(), POST),
        &[
            "image: \"https://blog.example.co.il/wp-content/uploads/2020/05/cat.png\"\n",
            "](https://blog.example.co.il/wp-content/uploads/2020/05/cat-300x200.png)",
        ],
    );
    assert_eq!(report.remote_files.len(), 3, "{:?}", report.remote_files);
    assert_contains(&report.to_text(), &["Images and files still loaded from their old addresses:\n  https://blog.example.co.il/wp-content/uploads/2020/05/cat-300x200.png\n"]);
}

#[test]
fn approved_comments_are_in_the_front_matter_for_a_template_to_show() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), "wordpress-he.xml", true);
    assert_contains(
        &read(dir.path(), POST),
        &["comments_archive:\n  - id: \"5\"\n    author: דנה לוי\n    date: 2020-05-02T09:15:00+03:00\n    url: \"https://dana.example.com\"\n    text: \"פוסט מעולה!\\n\\nתודה ששיתפתם.\"\n  - id: \"6\"\n    author: \"ד\\\"ר נועה כהן\"\n    parent: \"5\"\n"],
    );
    assert_lacks(&read(dir.path(), POST), &["buy now", "linked here"]);
    // The snippet from the Moving in page shows them.
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/post.html"),
        "{% extends \"document.html\" %}{% block doc_footer %}{% for c in page.extra.comments_archive | default(value=[]) %}<div class=\"old-comment\"><b>{{ c.author }}</b> {{ c.text | escape | linebreaksbr | safe }}</div>{% endfor %}{% endblock doc_footer %}",
    )
    .unwrap();
    let post = build(dir.path()).text("blog/שלום-עולם/index.html");
    assert_contains(&post, &["<div class=\"old-comment\"><b>דנה לוי</b> פוסט מעולה!<br><br>תודה ששיתפתם.</div>"]);
}

#[test]
fn importing_again_changes_nothing_and_edited_files_are_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), "wordpress-he.xml", true);
    let again = import(dir.path(), "wordpress-he.xml", true);
    assert!(again.written.is_empty(), "{:?}", again.written);
    assert_eq!((again.unchanged, again.copied_files), (14, 0));
    assert_contains(&again.to_text(), &["Nothing changed: all 14 files are as the last import left them.\n"]);

    let edited = format!("{}\nA line the writer added.\n", read(dir.path(), POST));
    std::fs::write(dir.path().join(POST), &edited).unwrap();
    std::fs::remove_file(dir.path().join("content/הצוות.md")).unwrap();
    let third = import(dir.path(), "wordpress-he.xml", true);
    assert_eq!(third.conflicts, [POST]);
    assert_eq!(third.deleted_by_user, ["content/הצוות.md"]);
    assert_eq!(read(dir.path(), POST), edited, "an edited file is never overwritten");
    assert!(!dir.path().join("content/הצוות.md").exists());
    assert_contains(
        &third.to_text(),
        &[
            "Conflicts — these files differ from what the import would write",
            &format!("  {POST}\n"),
            "Nothing written (12 files unchanged).\n",
        ],
    );
}

#[test]
fn malformed_or_truncated_exports_name_the_line_and_write_nothing() {
    let text = std::fs::read_to_string(fixture("wordpress-he.xml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("export.xml");
    let cut = text.find("<title><![CDATA[פוסט מהעורך הקלאסי]]>").unwrap();
    std::fs::write(&truncated, &text[..cut]).unwrap();
    let site = dir.path().join("site");
    let options = ImportOptions { root: site.clone(), uploads: None };
    let err = import_wordpress(&truncated, &options).unwrap_err().to_string();
    let last_line = text[..cut].lines().count();
    assert!(err.contains(&format!("export.xml:{last_line}:")), "{err}");
    assert_contains(&err, &["the file ends before <item> (opened on line", "it was cut short"]);
    assert!(!site.exists(), "nothing is written for a damaged export");

    let broken = dir.path().join("broken.xml");
    std::fs::write(&broken, text.replacen("</wp:post_id>", "</wp:post_idx>", 3)).unwrap();
    let err = import_wordpress(&broken, &options).unwrap_err().to_string();
    let line = text.lines().position(|l| l.contains("<wp:post_id>30</wp:post_id>")).unwrap() + 1;
    assert!(err.starts_with(&format!("{}:{line}:", broken.display())), "{err}");
    assert_contains(&err, &["malformed XML", "help: the file is damaged or was cut short"]);
    assert!(!site.exists());
}

#[test]
fn a_feed_given_to_the_wordpress_importer_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let options = ImportOptions { root: dir.path().join("site"), uploads: None };
    let err = import_wordpress(&fixture("feed-rss-he.xml"), &options).unwrap_err().to_string();
    assert_contains(&err, &["feed-rss-he.xml:2:1: this is not a WordPress export", "use `folio import feed`"]);
}

#[test]
fn english_export_under_a_path_keeps_old_paths_below_it() {
    let dir = tempfile::tempdir().unwrap();
    let report = import(dir.path(), "wordpress-en.xml", false);
    let post = read(dir.path(), "content/blog/2019-03-04-café-opening.md");
    assert_contains(
        &post,
        &[
            "date: 2019-03-04T09:00:00-05:00\n",
            "aliases:\n  - \"/2019/03/café-opening/\"\n",
            "We opened a café in the office — ‘finally’.\n\n<https://vimeo.com/76979871>\n",
            "```python\nprint(\"hello <world>\")\n```\n",
            "<th colspan=\"2\">Menu</th>",
            "Read [the spring update](@/blog/2019-04-01-spring-update.md) too.",
        ],
    );
    assert!(report.raw_html.contains_key("content/blog/2019-03-04-café-opening.md"));
    let site = build(dir.path());
    assert_contains(
        &site.text("2019/03/café-opening/index.html"),
        &["url=https://acme.example.com/news/blog/café-opening/"],
    );
    assert_contains(
        &site.text("blog/café-opening/index.html"),
        &["<a href=\"/news/blog/spring-update/\">the spring update</a>", "<th colspan=\"2\">Menu</th>"],
    );
    assert_contains(&site.text("index.html"), &["<script src=\"/news/wordpress-ids.js\"></script>"]);
}

#[test]
fn importing_into_an_existing_site_follows_its_folders_and_language() {
    let site = TestSite::with_config(
        "title: Acme\nbase_url: https://blog.example.co.il\nlanguage: en\nsections:\n  news: { kind: blog }\n",
    );
    site.page("about.md", "title: About us", "Ours.\n");
    let report = import(site.root(), "wordpress-he.xml", false);
    assert_eq!(
        read(site.root(), "site.yaml"),
        "title: Acme\nbase_url: https://blog.example.co.il\nlanguage: en\nsections:\n  news: { kind: blog }\n"
    );
    let post = read(site.root(), "content/news/2020-05-01-שלום-עולם.md");
    assert_contains(&post, &["lang: he\n"]);
    assert!(!site.path("content/blog").exists());
    assert_contains(
        &report.to_text(),
        &["Note: pages that kept HTML show it as text until site.yaml sets `markdown: { unsafe_html: true }`"],
    );
    let built = site.build();
    assert_contains(
        &built.text("news/שלום-עולם/index.html"),
        &["<html lang=\"he\" dir=\"rtl\"", "href=\"/news/classic-post/\""],
    );
    // Without unsafe_html, what kept HTML shows it as text, as the note says.
    assert_contains(&built.text("news/classic-post/index.html"), &["E=mc&lt;sup&gt;2&lt;/sup&gt;"]);
    assert_contains(&built.text("2020/05/שלום-עולם/index.html"), &["url=https://blog.example.co.il/news/שלום-עולם/"]);
}

#[test]
fn the_command_prints_the_summary_and_errors_with_their_line() {
    let site = TestSite::new();
    std::fs::remove_file(site.path("site.yaml")).unwrap();
    let export = fixture("wordpress-he.xml");
    let run =
        site.run(&["import", "wordpress", export.to_str().unwrap(), "--uploads", fixture("uploads").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(
        &run.stdout,
        &["Imported 4 posts, 3 pages", "Copied 2 files from the uploads folder into static/.\n"],
    );
    let again =
        site.run(&["import", "wordpress", export.to_str().unwrap(), "--uploads", fixture("uploads").to_str().unwrap()]);
    assert_contains(&again.stdout, &["Nothing changed: all 14 files are as the last import left them.\n"]);
    let build = site.run(&["build", "-q"]);
    assert_eq!(build.code, 0, "{}", build.stderr);

    site.file("bad.xml", "<rss>\n<channel>\n<item>\n</channel>\n");
    let bad = site.run(&["import", "wordpress", "bad.xml", "--root", "other"]);
    assert_eq!(bad.code, 1);
    assert_contains(&bad.stderr, &["error: bad.xml:4:", "malformed XML", "import failed: nothing was written"]);
    assert!(!site.path("other").exists());
}
