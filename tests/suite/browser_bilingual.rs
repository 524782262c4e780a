//! Browser test on the bilingual example: a Hebrew page and its English translation in one site lay out as
//! mirror images — the menu starts on the reading side, text starts on it, the previous/next arrows point
//! the way each language reads — and a page borrowed from Hebrew keeps its own direction inside the
//! English frame. Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::support;

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use support::chromium::{browser_or_skip, Browser, StaticServer};

/// Where things are on the open page: menu links, the first paragraph's first word, the previous/next links
/// and their arrows.
const MEASURE: &str = r#"(() => {
  const x = el => el ? el.getBoundingClientRect() : null;
  const menu = [...document.querySelectorAll('.menu-main a')].map(a => x(a).left);
  const para = document.querySelector('main .prose p');
  const range = document.createRange();
  const text = para.firstChild.nodeType === 3 ? para.firstChild : para.querySelector('*').firstChild;
  range.setStart(text, 0); range.setEnd(text, 1);
  const first = range.getBoundingClientRect();
  const prev = document.querySelector('.page-nav-previous'), next = document.querySelector('.page-nav-next');
  const arrow = (el, where) => el ? getComputedStyle(el.querySelector('.page-nav-label'), where).content : null;
  return {
    dir: document.documentElement.dir, lang: document.documentElement.lang,
    menu, para: { left: x(para).left, right: x(para).right }, first: { left: first.left, right: first.right },
    textAlign: getComputedStyle(para).textAlign,
    prev: prev && { left: x(prev).left, arrow: arrow(prev, '::before') },
    next: next && { left: x(next).left, arrow: arrow(next, '::after') },
  };
})()"#;

fn measure(browser: &mut Browser, url: &str) -> Value {
    browser.navigate(url);
    browser.eval(MEASURE)
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

#[test]
fn hebrew_page_and_its_english_translation_are_mirror_images() {
    let Some(mut browser) = browser_or_skip() else { return };
    let out = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bilingual-company");
    let run = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "-q", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let server = StaticServer::serve(out.path());
    browser.set_viewport(1200, 900);

    let he = measure(&mut browser, &server.url("/kb/billing/invoices/"));
    let en = measure(&mut browser, &server.url("/en/kb/billing/invoices/"));
    assert_eq!((he["lang"].as_str(), he["dir"].as_str()), (Some("he"), Some("rtl")), "{he}");
    assert_eq!((en["lang"].as_str(), en["dir"].as_str()), (Some("en"), Some("ltr")), "{en}");

    // The menu's first link sits on the reading side: right in Hebrew, left in English.
    let (he_menu, en_menu) = (he["menu"].as_array().unwrap(), en["menu"].as_array().unwrap());
    assert!(he_menu.len() >= 2 && en_menu.len() >= 2, "{he} {en}");
    assert!(f(&he_menu[0]) > f(&he_menu[1]), "Hebrew menu should start at the right: {he_menu:?}");
    assert!(f(&en_menu[0]) < f(&en_menu[1]), "English menu should start at the left: {en_menu:?}");

    // Text starts at the reading side of its paragraph.
    assert_eq!(he["textAlign"], "start");
    assert!(f(&he["para"]["right"]) - f(&he["first"]["right"]) < 2.0, "Hebrew text should start at the right: {he}");
    assert!(f(&en["first"]["left"]) - f(&en["para"]["left"]) < 2.0, "English text should start at the left: {en}");

    // Previous/next: "previous" on the reading-start side, its arrow pointing back that way.
    for (page, start_is_right) in [(&he, true), (&en, false)] {
        let (prev, next) = (&page["prev"], &page["next"]);
        assert!(!prev.is_null() || !next.is_null(), "expected previous/next links: {page}");
        if !prev.is_null() && !next.is_null() {
            assert_eq!(f(&prev["left"]) > f(&next["left"]), start_is_right, "{page}");
        }
        let back = if start_is_right { "→" } else { "←" };
        let forward = if start_is_right { "←" } else { "→" };
        if !prev.is_null() {
            assert!(prev["arrow"].as_str().unwrap_or_default().contains(back), "previous arrow: {page}");
        }
        if !next.is_null() {
            assert!(next["arrow"].as_str().unwrap_or_default().contains(forward), "next arrow: {page}");
        }
    }

    // Refunds has no English translation: the English site shows the Hebrew original, right to left, in its
    // left-to-right frame, with a notice.
    browser.navigate(&server.url("/en/kb/billing/refunds/"));
    let borrowed = browser.eval(
        "({ frame: document.documentElement.dir, main: document.querySelector('main').dir,
            mainLang: document.querySelector('main').lang,
            notice: !!document.querySelector('.translation-notice, [class*=translation]'),
            align: getComputedStyle(document.querySelector('main .prose p')).direction })",
    );
    assert_eq!(borrowed["frame"], "ltr", "{borrowed}");
    assert_eq!(borrowed["main"], "rtl", "{borrowed}");
    assert_eq!(borrowed["mainLang"], "he", "{borrowed}");
    assert_eq!(borrowed["align"], "rtl", "{borrowed}");
    assert_eq!(borrowed["notice"], true, "{borrowed}");

    // The Arabic page is right to left too.
    browser.navigate(&server.url("/ar/about/"));
    assert_eq!(browser.eval("document.documentElement.dir + ' ' + document.documentElement.lang"), "rtl ar");
}
