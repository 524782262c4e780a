//! Browser tests: a Hebrew page really lays out right to left, an English page left to right.
//!
//! These build a small fixture site with the real `folio` binary, serve the result on a
//! local port, open it in headless Chromium and measure the layout. Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::support;

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use support::chromium::{browser_or_skip, Browser, StaticServer};

/// The Hebrew knowledge-base article's first paragraph (short enough to fit on one line).
const HEBREW_PARAGRAPH: &str = "חשבונית מס היא מסמך שאי אפשר למחוק.";
/// The English page's first paragraph (short enough to fit on one line).
const ENGLISH_PARAGRAPH: &str = "An invoice cannot be deleted.";

/// Writes a small Hebrew site, with one English page, into `root`.
fn write_fixture(root: &Path) {
    let files: &[(&str, &str)] = &[
        ("site.yaml", "title: אתר בדיקה\nbase_url: https://example.com\nlanguage: he\n"),
        ("content/_index.md", "---\ntitle: דף הבית\n---\n\nברוכים הבאים לאתר הבדיקה.\n"),
        ("content/kb/_index.md", "---\ntitle: מרכז ידע\n---\n\nתשובות לשאלות נפוצות.\n"),
        ("content/kb/billing/_index.md", "---\ntitle: חשבוניות ותשלומים\n---\n\nמאמרים על חשבוניות.\n"),
        (
            "content/kb/billing/invoices.md",
            "---\ntitle: הפקת חשבונית מס וביטולה\n---\n\n\
             חשבונית מס היא מסמך שאי אפשר למחוק.\n\n\
             ## ביטול חשבונית\n\n\
             כדי לבטל חשבונית מפיקים חשבונית זיכוי.\n\n\
             ```bash\nfolio build --root . --output public\n```\n",
        ),
        (
            "content/kb/billing/english.md",
            "---\ntitle: Issuing an invoice\nlang: en\n---\n\n\
             An invoice cannot be deleted.\n\n\
             ## Cancelling an invoice\n\n\
             Issue a credit note instead.\n\n\
             ```bash\nfolio build --root . --output public\n```\n",
        ),
    ];
    for (rel, text) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
}

/// Writes the fixture into a new temporary folder and builds it with the real binary into `<tmp>/public`.
fn build_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_fixture(dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("build")
        .arg("--root")
        .arg(dir.path())
        .arg("--output")
        .arg(dir.path().join("public"))
        .arg("-q")
        .output()
        .expect("run folio");
    assert!(
        output.status.success(),
        "folio build failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

/// Serves the built site and opens `page` (a path like `/kb/billing/invoices/`).
///
/// Over HTTP, not `file://`: the pages link their stylesheets from the site root
/// (`/folio.css`), which a `file://` page would look for at the file system's root,
/// and the layout under test is the theme's, not the browser's default.
fn open(browser: &mut Browser, site: &tempfile::TempDir, page: &str) -> StaticServer {
    let public = site.path().join("public");
    let file = public.join(page.trim_matches('/')).join("index.html");
    assert!(file.is_file(), "the build did not write {}", file.display());
    let server = StaticServer::serve(&public);
    browser.navigate(&server.url(page));
    server
}

/// Where the first paragraph of the article body sits: the bounding box of its text
/// (a Range over the text node) against the paragraph's own box, plus what the page
/// says about direction.
const MEASURE: &str = r#"(() => {
  const p = document.querySelector('main .doc-body p');
  if (!p) throw new Error('no paragraph in main .doc-body');
  const text = [...p.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  if (!text) throw new Error('the first paragraph has no text node');
  const range = document.createRange();
  range.selectNodeContents(text);
  const t = range.getBoundingClientRect();
  const box = p.getBoundingClientRect();
  const style = getComputedStyle(p);
  const innerLeft = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
  const innerRight = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  const pre = document.querySelector('main pre');
  const themeSheet = [...document.styleSheets].find(s => (s.href || '').endsWith('/folio.css'));
  return {
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    bodyDirection: getComputedStyle(document.body).direction,
    paragraphDirection: style.direction,
    paragraphText: p.textContent.trim(),
    lines: range.getClientRects().length,
    textWidth: t.width,
    containerWidth: innerRight - innerLeft,
    leftGap: t.left - innerLeft,
    rightGap: innerRight - t.right,
    preDirection: pre ? getComputedStyle(pre).direction : null,
    skipLinkTarget: document.querySelector('a.skip-link')?.getAttribute('href') ?? null,
    mainId: document.querySelector('main')?.id ?? null,
    themeRules: themeSheet ? themeSheet.cssRules.length : 0,
  };
})()"#;

fn num(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} is not a number in {v:#}"))
}

/// The assertions both directions share: landmarks, a left-to-right code block, and a
/// one-line paragraph much narrower than its container (so which edge it hugs means something).
fn assert_common(m: &Value, paragraph: &str) {
    assert!(num(m, "themeRules") > 0.0, "the theme's folio.css did not load: {m:#}");
    assert_eq!(m["paragraphText"], paragraph, "unexpected first paragraph: {m:#}");
    assert_eq!(m["skipLinkTarget"], "#main", "the skip link should point at #main: {m:#}");
    assert_eq!(m["mainId"], "main", "the page should have <main id=\"main\">: {m:#}");
    assert_eq!(m["preDirection"], "ltr", "code blocks must stay left to right: {m:#}");
    assert_eq!(m["lines"], 1, "the paragraph should fit on one line: {m:#}");
    assert!(
        num(m, "textWidth") > 0.0 && num(m, "containerWidth") > num(m, "textWidth") + 100.0,
        "the paragraph text should be much narrower than its container: {m:#}"
    );
}

#[test]
fn hebrew_page_lays_out_right_to_left() {
    let Some(mut browser) = browser_or_skip() else { return };
    let site = build_fixture();
    let _server = open(&mut browser, &site, "/kb/billing/invoices/");
    let m = browser.eval(MEASURE);

    assert_eq!(m["dir"], "rtl", "<html dir> should be rtl: {m:#}");
    assert_eq!(m["lang"], "he", "<html lang> should be he: {m:#}");
    assert_eq!(m["bodyDirection"], "rtl", "body's computed direction should be rtl: {m:#}");
    assert_eq!(m["paragraphDirection"], "rtl", "the paragraph's computed direction should be rtl: {m:#}");
    assert_common(&m, HEBREW_PARAGRAPH);
    let (left, right) = (num(&m, "leftGap"), num(&m, "rightGap"));
    assert!(right < left, "Hebrew text should hug the right edge (right gap {right} < left gap {left}): {m:#}");
    assert!(right.abs() < 2.0, "Hebrew text should start at the right edge (right gap {right}): {m:#}");
}

#[test]
fn english_page_lays_out_left_to_right() {
    let Some(mut browser) = browser_or_skip() else { return };
    let site = build_fixture();
    let _server = open(&mut browser, &site, "/kb/billing/english/");
    let m = browser.eval(MEASURE);

    assert_eq!(m["dir"], "ltr", "<html dir> should be ltr: {m:#}");
    assert_eq!(m["lang"], "en", "<html lang> should be en: {m:#}");
    assert_eq!(m["bodyDirection"], "ltr", "body's computed direction should be ltr: {m:#}");
    assert_eq!(m["paragraphDirection"], "ltr", "the paragraph's computed direction should be ltr: {m:#}");
    assert_common(&m, ENGLISH_PARAGRAPH);
    let (left, right) = (num(&m, "leftGap"), num(&m, "rightGap"));
    assert!(left < right, "English text should hug the left edge (left gap {left} < right gap {right}): {m:#}");
    assert!(left.abs() < 2.0, "English text should start at the left edge (left gap {left}): {m:#}");
}
