//! Search per language: a site with pages in Arabic, Russian, German, Spanish, French, Hebrew and English is
//! built, and the real client (under Node) queries each language's index with inflected words.

use crate::support;

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use support::site::TestSite;

/// One page per language and theme; `crm` appears in Hebrew, English and Russian for the all-languages test.
pub fn languages_site() -> TestSite {
    let site = TestSite::with_config(
        "title: Multi\nbase_url: https://example.com\nlanguage: he\nsearch:\n  synonyms:\n    - [וורדפרס, WordPress, wp]\n",
    );
    site.page("kb/he-settings.md", "title: הגדרת החשבון", "מגדירים את החשבון ואת חיבור ה-CRM.\n")
        .page("kb/he-wp.md", "title: התקנת WordPress", "מתקינים את האתר.\n")
        .page("kb/he-plugin.md", "title: תוסף לוורדפרס", "מוסיפים טופס.\n")
        .page("kb/he-other.md", "title: יומן", "תורים ופגישות.\n")
        .page("kb/en.md", "title: Exporting invoices\nlang: en", "Export invoices from the CRM.\n")
        .page("kb/ru.md", "title: Настройка поиска\nlang: ru", "Как настроить поиск по сайту и CRM. Поисковик сайта.\n")
        .page("kb/ru-other.md", "title: Оплата\nlang: ru", "Счета и платежи.\n")
        .page("kb/de.md", "title: Rechnung herunterladen\nlang: de", "Die Rechnung als PDF speichern.\n")
        .page("kb/de-address.md", "title: Rechnungsadresse ändern\nlang: de", "Die Adresse im Konto ändern.\n")
        .page("kb/es.md", "title: Información de la cuenta\nlang: es", "Datos y facturas.\n")
        .page("kb/fr.md", "title: Paramètres du compte\nlang: fr", "Modifier le mot de passe de l'utilisateur.\n")
        .page("kb/ar.md", "title: إعدادات الحساب\nlang: ar", "تغيير كلمة المرور في حسابك.\n")
        .page("kb/ar-book.md", "title: الكتاب الأول\nlang: ar", "فصول قصيرة.\n");
    site
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON ({e}): {text}"))
}

#[test]
fn each_language_gets_an_index_and_the_languages_file_lists_them_with_their_direction() {
    let built = languages_site().build();
    let languages = json(&built.text("search/languages.json"));
    let codes: Vec<(&str, &str)> = languages
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["lang"].as_str().unwrap(), l["dir"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [("ar", "rtl"), ("de", "ltr"), ("en", "ltr"), ("es", "ltr"), ("fr", "ltr"), ("he", "rtl"), ("ru", "ltr")]
    );
    // Words the browser cannot stem are mapped to their stems inside the term shards.
    let russian = built.text("search/ru/terms-0.json");
    assert!(russian.contains(r#"["поиска","поиск"]"#), "{russian}");
    let manifest = json(&built.text("search/index-he.json"));
    assert_eq!(manifest["synonyms"], serde_json::json!([["וורדפרס", "WordPress", "wp"]]));
    let english = built.text("search/en/terms-0.json");
    assert!(!english.contains(r#"["invoices","#), "English needs no aliases: {english}");
}

#[test]
fn node_client_finds_inflected_queries_in_every_language() {
    let out = tempfile::tempdir().unwrap();
    folio::write_output(&languages_site().build().built.output, out.path()).unwrap();
    let run = Command::new("node")
        .args(["--test", "tests/js/languages.mjs"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("FOLIO_LANG_SITE", out.path() as &Path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `node` ({e}): the search client's tests need Node.js 18 or newer"));
    let report = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "node --test failed:\n{report}");
    assert!(report.contains("# fail 0") && report.contains("# pass 8"), "{report}");
}
