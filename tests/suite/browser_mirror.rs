//! Browser tests: the theme's chrome mirrors. The same small knowledge site is built once in Hebrew and
//! once in English, and headless Chromium measures where things land (bounding boxes and computed
//! styles, never the markup): the header's start side, breadcrumbs, callout borders, table cells,
//! the table of contents, previous/next and pagination, the search list and the feedback button —
//! and code, which stays left to right inside the Hebrew page.

use crate::support;

use serde_json::Value;
use support::chromium::{browser_or_skip, Browser, StaticServer};
use support::site::TestSite;

/// The words of the fixture in one language: (site title, menu names, article titles, body texts).
struct Words {
    lang: &'static str,
    site: &'static str,
    menu: [&'static str; 3],
    titles: [&'static str; 6],
    run: &'static str,
    note: &'static str,
    cell: [&'static str; 2],
    quote: &'static str,
    item: &'static str,
    steps: [&'static str; 2],
}

const HEBREW: Words = Words {
    lang: "he",
    site: "עזרה",
    menu: ["מרכז ידע", "אודות", "בלוג"],
    titles: ["חשבוניות", "מה חדש ב-Folio?", "מדריך התחלה", "החזרים", "קבלות", "זיכויים"],
    run: "הריצו את",
    note: "הערה חשובה.",
    cell: ["שם", "ערך"],
    quote: "ציטוט קצר.",
    item: "פריט",
    steps: ["שלב ראשון", "שלב שני"],
};

const ENGLISH: Words = Words {
    lang: "en",
    site: "Help",
    menu: ["Knowledge base", "About", "Blog"],
    titles: ["Invoices", "מה חדש ב-Folio?", "Getting started", "Refunds", "Receipts", "Credits"],
    run: "Run",
    note: "An important note.",
    cell: ["Name", "Value"],
    quote: "A short quote.",
    item: "Item",
    steps: ["First step", "Second step"],
};

/// Builds the fixture in `w.lang` with the real binary into `<site>/public`: a category of five
/// articles, two to a list page. The first article is Hebrew in both sites (a Hebrew title ending in
/// an English word and "?"); the second, between two others, holds every block measured.
fn build(w: &Words) -> TestSite {
    let config = format!(
        "title: {}\nbase_url: https://help.example.com\nlanguage: {}\npaginate: 2\n\
         feedback:\n  transport: endpoint\n  endpoint: https://feedback.example.com/votes\n\
         menus:\n  main:\n    - {{ name: {}, url: /kb/ }}\n    - {{ name: {}, url: /about/ }}\n    - {{ name: {}, url: /blog/ }}\n",
        w.site, w.lang, w.menu[0], w.menu[1], w.menu[2]
    );
    let site = TestSite::with_config(&config);
    site.page("about.md", &format!("title: {}", w.menu[1]), "…\n")
        .page("kb/_index.md", &format!("title: {}", w.menu[0]), "…\n")
        .page("kb/billing/_index.md", &format!("title: {}", w.titles[0]), "…\n");
    let body = format!(
        "{run} `folio build --out public` {run}.\n\n> [!NOTE]\n> {note}\n\n\
         | {c0} {c0} {c0} | {c1} |\n|:---|---|\n| {c0} | {c1} |\n\n\
         ```\nfolio serve --port 1111\n```\n\n> {quote}\n\n- {item}\n- {item}\n\n\
         ## {s0}\n\n{note}\n\n## {s1}\n\n{note}\n",
        run = w.run,
        note = w.note,
        c0 = w.cell[0],
        c1 = w.cell[1],
        quote = w.quote,
        item = w.item,
        s0 = w.steps[0],
        s1 = w.steps[1],
    );
    for (i, title) in w.titles.iter().enumerate().skip(1) {
        let lang = if i == 1 { "\nlang: he" } else { "" };
        let text = if i == 2 { body.as_str() } else { "…\n" };
        site.page(&format!("kb/billing/a{i}.md"), &format!("title: \"{title}\"\nweight: {i}{lang}"), text);
    }
    let run = site.run(&["build", "-q"]);
    assert_eq!(run.code, 0, "folio build failed: {run:?}");
    site
}

/// Serves the built site and opens `page`.
fn open(browser: &mut Browser, site: &TestSite, page: &str) -> StaticServer {
    let server = StaticServer::serve(&site.path("public"));
    browser.navigate(&server.url(page));
    server
}

/// Everything measured on the guide article: each value is a side (`"left"`/`"right"`) or a direction.
const MEASURE_ARTICLE: &str = r#"(() => {
  const $ = (s) => { const e = document.querySelector(s); if (!e) throw new Error('missing ' + s); return e; };
  const box = (e) => e.getBoundingClientRect();
  // The generated text, without its empty alternative text for screen readers (`"→ " / ""`).
  const arrow = (e, pseudo) => getComputedStyle(e, pseudo).content.replace(/ \/ ""$/, '');
  const side = (a, b) => (box(a).left > box(b).left ? 'right' : 'left');
  const inner = $('.site-header-inner');
  const pad = parseFloat(getComputedStyle(inner).paddingLeft);
  const title = box($('.site-title'));
  const menu = [...document.querySelectorAll('.menu-main a')];
  const crumbs = [...document.querySelectorAll('.breadcrumbs a')];
  const alert = getComputedStyle($('.markdown-alert'));
  const quote = getComputedStyle($('.prose blockquote'));
  const list = getComputedStyle($('.prose ul'));
  // The header cell above is three times as long, so this cell's text has room to sit at either side.
  const cell = $('.prose td');
  const cellText = document.createRange();
  cellText.selectNodeContents(cell);
  const cellStyle = getComputedStyle(cell);
  const cellInnerLeft = box(cell).left + parseFloat(cellStyle.paddingLeft) + 1;
  const cellInnerRight = box(cell).right - parseFloat(cellStyle.paddingRight) - 1;
  const pre = $('main pre');
  const preText = document.createRange();
  preText.selectNodeContents($('main pre code'));
  const preStyle = getComputedStyle(pre);
  // Inline code inside the sentence: does "folio" come before "public" from left to right?
  const code = $('.prose p code');
  const node = code.firstChild;
  const at = (word) => { const r = document.createRange(); const i = node.textContent.indexOf(word); r.setStart(node, i); r.setEnd(node, i + word.length); return r.getBoundingClientRect(); };
  const jump = box($('.feedback-jump'));
  // The search list, shown as the script would show it.
  const form = $('.search-form');
  const popup = $('.search-popup');
  popup.hidden = false;
  const pop = box(popup), frm = box(form);
  const prevNav = $('.page-nav-previous'), nextNav = $('.page-nav-next');
  return {
    dir: document.documentElement.dir,
    titleSide: (title.left - box(inner).left - pad) < 2 ? 'left' : ((box(inner).right - pad - title.right) < 2 ? 'right' : 'middle'),
    menuFirstSide: side(menu[0], menu[menu.length - 1]),
    crumbHomeSide: side(crumbs[0], crumbs[crumbs.length - 1]),
    alertBorder: parseFloat(alert.borderRightWidth) > parseFloat(alert.borderLeftWidth) ? 'right' : 'left',
    quoteBorder: parseFloat(quote.borderRightWidth) > parseFloat(quote.borderLeftWidth) ? 'right' : 'left',
    listIndent: parseFloat(list.paddingRight) > parseFloat(list.paddingLeft) ? 'right' : 'left',
    cellAlign: cellStyle.textAlign,
    cellTextSide: Math.abs(cellText.getBoundingClientRect().right - cellInnerRight) < 3 ? 'right'
      : (Math.abs(cellText.getBoundingClientRect().left - cellInnerLeft) < 3 ? 'left' : 'middle'),
    tocSide: side($('.toc'), $('.doc-body')),
    preDirection: preStyle.direction,
    preTextSide: Math.abs(preText.getBoundingClientRect().left - box(pre).left - parseFloat(preStyle.paddingLeft) - parseFloat(preStyle.borderLeftWidth)) < 2 ? 'left' : 'not-left',
    inlineCodeOrder: at('folio').left < at('public').left ? 'folio-then-public' : 'public-then-folio',
    previousSide: side(prevNav, nextNav),
    previousArrow: arrow($('.page-nav-previous .page-nav-label'), '::before'),
    crumbSeparator: arrow(crumbs[1].parentElement, '::before'),
    // Drawn in a left-to-right isolate, the separator is never mirrored: what is written is what shows.
    crumbSeparatorDirection: getComputedStyle(crumbs[1].parentElement, '::before').direction,
    feedbackJumpSide: jump.left < innerWidth - jump.right ? 'left' : 'right',
    popupGrowsFrom: Math.abs(pop.right - frm.right) < 2 ? 'right' : (Math.abs(pop.left - frm.left) < 2 ? 'left' : 'neither'),
    popupInView: pop.left >= 0 && pop.right <= document.documentElement.clientWidth,
    popupWiderThanBox: pop.width > frm.width,
  };
})()"#;

/// The pagination of the category's second page: which side "previous" is on and its arrow.
const MEASURE_PAGINATION: &str = r#"(() => {
  const prev = document.querySelector('.pagination a[rel="prev"]');
  const next = document.querySelector('.pagination a[rel="next"]');
  const arrow = (e, pseudo) => getComputedStyle(e, pseudo).content.replace(/ \/ ""$/, '');
  if (!prev || !next) throw new Error('page 2 should link both ways');
  return {
    previousSide: prev.getBoundingClientRect().left > next.getBoundingClientRect().left ? 'right' : 'left',
    previousArrow: arrow(prev, '::before'),
    nextArrow: arrow(next, '::after'),
  };
})()"#;

/// Where the "?" of `מה חדש ב-Folio?` lands against the "F" of "Folio", in the element `selector`.
fn measure_question_mark(selector: &str) -> String {
    format!(
        r#"(() => {{
  const el = document.querySelector({selector:?});
  if (!el) throw new Error('missing {selector}');
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode()) && !node.textContent.includes('Folio?')) {{}}
  if (!node) throw new Error('no "Folio?" text in {selector}');
  const rect = (i) => {{ const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); }};
  const f = node.textContent.indexOf('Folio?');
  const q = rect(f + 5), F = rect(f), first = rect(node.textContent.indexOf('מ'));
  return {{
    questionMark: q.right <= F.left + 0.5 ? 'left-of-Folio' : 'right-of-Folio',
    hebrewStart: first.left > F.left ? 'right-of-Folio' : 'left-of-Folio',
  }};
}})()"#
    )
}

/// The sides in Hebrew, and the opposite ones expected in English.
fn assert_sides(m: &Value, start: &str, end: &str) {
    let expect = |key: &str, want: &str| assert_eq!(m[key], want, "{key} should be {want}: {m:#}");
    expect("titleSide", start);
    expect("menuFirstSide", start);
    expect("crumbHomeSide", start);
    expect("alertBorder", start);
    expect("quoteBorder", start);
    expect("listIndent", start);
    expect("cellTextSide", start);
    expect("previousSide", start);
    expect("tocSide", end);
    expect("feedbackJumpSide", end);
    // The list hangs from the search box's end edge and opens toward the page, never off screen.
    expect("popupGrowsFrom", end);
    assert_eq!(m["popupInView"], true, "the search list should stay on screen: {m:#}");
    assert_eq!(m["popupWiderThanBox"], true, "the search list should be wider than the box: {m:#}");
    // Code reads left to right in both.
    expect("preDirection", "ltr");
    expect("preTextSide", "left");
    expect("inlineCodeOrder", "folio-then-public");
}

#[test]
fn hebrew_chrome_mirrors_the_english_chrome() {
    let Some(mut browser) = browser_or_skip() else { return };
    let he = build(&HEBREW);
    let en = build(&ENGLISH);

    let _server = open(&mut browser, &he, "/kb/billing/a2/");
    let m = browser.eval(MEASURE_ARTICLE);
    assert_eq!(m["dir"], "rtl", "{m:#}");
    assert_sides(&m, "right", "left");
    assert_eq!(m["cellAlign"], "start", "cells align to the start, `:---` included: {m:#}");
    assert_eq!(m["previousArrow"], "\"→ \"", "previous points right, to where Hebrew starts: {m:#}");
    assert_eq!(m["crumbSeparator"], "\"‹\"", "crumbs point the way Hebrew reads: {m:#}");
    assert_eq!(m["crumbSeparatorDirection"], "ltr", "{m:#}");

    let _server = open(&mut browser, &en, "/kb/billing/a2/");
    let m = browser.eval(MEASURE_ARTICLE);
    assert_eq!(m["dir"], "ltr", "{m:#}");
    assert_sides(&m, "left", "right");
    assert_eq!(m["previousArrow"], "\"← \"", "{m:#}");
    assert_eq!(m["crumbSeparator"], "\"›\"", "{m:#}");
    assert_eq!(m["crumbSeparatorDirection"], "ltr", "{m:#}");
}

#[test]
fn pagination_previous_is_on_the_reading_start_side() {
    let Some(mut browser) = browser_or_skip() else { return };
    for (words, side, previous, next) in
        [(&HEBREW, "right", "\"→ \"", "\" ←\""), (&ENGLISH, "left", "\"← \"", "\" →\"")]
    {
        let site = build(words);
        let _server = open(&mut browser, &site, "/kb/billing/page/2/");
        let m = browser.eval(MEASURE_PAGINATION);
        assert_eq!(m["previousSide"], side, "{}: {m:#}", words.lang);
        assert_eq!(m["previousArrow"], previous, "{}: {m:#}", words.lang);
        assert_eq!(m["nextArrow"], next, "{}: {m:#}", words.lang);
    }
}

#[test]
fn a_question_mark_after_an_english_word_stays_at_the_end_of_a_hebrew_title() {
    let Some(mut browser) = browser_or_skip() else { return };
    // On the Hebrew page itself, and as a card in the English site's list (isolated by its lang/dir).
    let he = build(&HEBREW);
    let _server = open(&mut browser, &he, "/kb/billing/a1/");
    let m = browser.eval(&measure_question_mark("main h1"));
    assert_eq!(m["questionMark"], "left-of-Folio", "in Hebrew the ? ends the line on the left: {m:#}");
    assert_eq!(m["hebrewStart"], "right-of-Folio", "{m:#}");

    let en = build(&ENGLISH);
    let _server = open(&mut browser, &en, "/kb/billing/");
    let m = browser.eval(&measure_question_mark("main .card-title a[lang=\"he\"]"));
    assert_eq!(m["questionMark"], "left-of-Folio", "the Hebrew card keeps its ? on the left: {m:#}");
    assert_eq!(m["hebrewStart"], "right-of-Folio", "{m:#}");
    // And as "previous" below the next English article.
    let _server = open(&mut browser, &en, "/kb/billing/a2/");
    let m = browser.eval(&measure_question_mark(".page-nav-previous .page-nav-title"));
    assert_eq!(m["questionMark"], "left-of-Folio", "the Hebrew previous title keeps its ? on the left: {m:#}");
}
