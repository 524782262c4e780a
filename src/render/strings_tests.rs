use super::*;
use crate::render::plural::{plural_category, PluralCategory};

fn written(files: &[(&str, &str)]) -> WrittenStrings {
    let mut strings = WrittenStrings::default();
    for (lang, text) in files {
        let map: BTreeMap<String, String> = serde_yaml::from_str(text).unwrap();
        strings.by_lang.insert(lang.to_string(), map);
    }
    strings
}

#[test]
fn missing_and_empty_strings_come_from_english_and_are_reported() {
    let strings = UiStrings::complete(written(&[
        ("en", "home: Home\nblog: Blog\nsearch: Search\n"),
        ("ru", "home: Главная\nblog: \"\"\n"),
    ]));
    let ru = strings.for_lang("ru").unwrap();
    assert_eq!(ru["home"], "Главная");
    assert_eq!(ru["blog"], "Blog");
    let warnings = strings.missing_warnings(["ru", "en"], Path::new("/site"));
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].message,
        "2 UI strings are missing for language `ru`: `blog`, `search`; pages in `ru` show them in English"
    );
    assert_eq!(warnings[0].location.to_string(), "/site/i18n/ru.yaml");
}

#[test]
fn a_language_without_any_strings_is_one_warning() {
    let strings = UiStrings::complete(written(&[("en", "home: Home\n")]));
    let warnings = strings.missing_warnings(["it-CH", "it"], Path::new("/site"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].message, "UI string `home` is missing for language `it`; pages in `it` show it in English");
    assert_eq!(warnings[0].location.to_string(), "/site/i18n/it.yaml");
    assert!(warnings[0].help.as_deref().unwrap().starts_with("add a `key: text` line for each to this file"));
}

#[test]
fn a_region_borrows_from_its_language_before_english() {
    let strings = UiStrings::complete(written(&[
        ("en", "home: Home\nblog: Blog\n"),
        ("he", "home: דף הבית\nblog: בלוג\n"),
        ("he-IL", "home: בית\n"),
    ]));
    assert_eq!(strings.for_lang("he-IL").unwrap()["blog"], "בלוג");
    assert_eq!(strings.for_lang("he-IL").unwrap()["home"], "בית");
    assert!(strings.missing_warnings(["he-IL", "he"], Path::new("/s")).is_empty());
}

#[test]
fn plural_variants_are_not_borrowed_without_their_plain_key() {
    let strings = UiStrings::complete(written(&[
        ("en", "count: \"{n} articles\"\ncount_one: 1 article\nother: x\n"),
        ("ru", "count: \"{n} статей\"\nother: у\n"),
        ("fr", "other: z\n"),
    ]));
    let ru = strings.for_lang("ru").unwrap();
    assert!(!ru.contains_key("count_one"), "Russian must not say `1 article`");
    // French has no `count` at all: the English pair comes together, and is reported once.
    let fr = strings.for_lang("fr").unwrap();
    assert_eq!((fr["count"].as_str(), fr["count_one"].as_str()), (Some("{n} articles"), Some("1 article")));
    let warnings = strings.missing_warnings(["fr"], Path::new("/s"));
    assert_eq!(warnings[0].message, "UI string `count` is missing for language `fr`; pages in `fr` show it in English");
}

// ---- The shipped files stay in step ----

fn shipped() -> BTreeMap<String, BTreeMap<String, String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let lang = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let map: BTreeMap<String, String> =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        files.insert(lang, map);
    }
    files
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else { break };
        found.insert(rest[start + 1..start + end].to_string());
        rest = &rest[start + end + 1..];
    }
    found
}

/// The categories `lang` gives whole numbers: all of them may have a variant, and those of 1 to
/// 1000 except `other` must, for every counted string.
fn categories(lang: &str, numbers: impl Iterator<Item = u64>) -> BTreeSet<&'static str> {
    numbers.filter_map(|n| plural_category(lang, n).suffix()).collect()
}

#[test]
fn shipped_languages_include_the_issue_languages() {
    let files = shipped();
    for lang in ["en", "he", "ar", "ru", "fr", "de", "es"] {
        assert!(files.contains_key(lang), "themes/default/i18n/{lang}.yaml is missing");
    }
}

#[test]
fn shipped_strings_have_the_same_keys_placeholders_and_plural_forms() {
    let files = shipped();
    let english = &files[FALLBACK_LANGUAGE];
    let english_json: Map<String, Value> = english.iter().map(|(k, v)| (k.clone(), Value::from(v.clone()))).collect();
    let base = |key: &str| variant_base(key, &english_json).map(str::to_string);
    let plain: BTreeSet<&String> = english.keys().filter(|k| base(k).is_none()).collect();
    let counted: BTreeSet<String> = english.keys().filter_map(|k| base(k)).collect();
    let mut problems = Vec::new();
    for (lang, map) in &files {
        let allowed = categories(lang, (0..=1000).chain([1_000_000]));
        let needed = categories(lang, 1..=1000);
        for key in &plain {
            match map.get(*key) {
                None => problems.push(format!("{lang}.yaml lacks `{key}`")),
                Some(text) if text.trim().is_empty() => problems.push(format!("{lang}.yaml: `{key}` is empty")),
                Some(text) if placeholders(text) != placeholders(&english[*key]) => problems.push(format!(
                    "{lang}.yaml: `{key}` has placeholders {:?}, English has {:?}",
                    placeholders(text),
                    placeholders(&english[*key])
                )),
                Some(_) => {}
            }
        }
        let mut written_counted = counted.clone();
        for (key, text) in map {
            if plain.contains(key) {
                continue;
            }
            let Some((key_base, suffix)) = key.rsplit_once('_').filter(|(b, _)| plain.contains(&b.to_string())) else {
                problems.push(format!("{lang}.yaml: `{key}` is not a key of en.yaml"));
                continue;
            };
            if !allowed.contains(suffix) {
                problems.push(format!("{lang}.yaml: `{key}`: `{lang}` has no `{suffix}` plural form"));
            }
            if text.trim().is_empty() {
                problems.push(format!("{lang}.yaml: `{key}` is empty"));
            }
            if !placeholders(text).is_subset(&placeholders(&english[key_base])) {
                problems.push(format!("{lang}.yaml: `{key}` has a placeholder `{key_base}` lacks"));
            }
            written_counted.insert(key_base.to_string());
        }
        for key in &written_counted {
            for suffix in &needed {
                if !map.contains_key(&format!("{key}_{suffix}")) {
                    problems.push(format!("{lang}.yaml lacks `{key}_{suffix}` (a plural form of `{key}`)"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn english_plural_variant_needs_its_category() {
    // The check above relies on these: English and German need `_one` only, Russian three forms.
    assert_eq!(categories("en", 1..=1000), BTreeSet::from(["one"]));
    assert_eq!(categories("ru", 1..=1000), BTreeSet::from(["one", "few", "many"]));
    assert_eq!(categories("ar", 1..=1000), BTreeSet::from(["one", "two", "few", "many"]));
    assert_eq!(plural_category("he", 2), PluralCategory::Two);
}
