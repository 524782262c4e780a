use super::*;

fn terms(text: &str) -> Vec<String> {
    index_terms(text)
}

fn surfaces(text: &str) -> Vec<String> {
    analyze(text).into_iter().filter_map(|w| w.forms.first().map(|f| f.term.clone())).collect()
}

/// True when some form of `query` is a form of some word of `text`: the query side's matching rule.
fn finds(query: &str, text: &str) -> bool {
    let doc = terms(text);
    terms(query).iter().any(|t| doc.contains(t))
}

#[test]
fn prefixed_and_plural_hebrew_forms_meet_the_plain_word() {
    for text in ["ללקוחות", "הלקוח", "ולקוח", "שהלקוחות", "וכשהלקוח", "לקוחות"] {
        assert!(finds("לקוח", text), "לקוח should find {text}");
    }
}

#[test]
fn a_word_that_only_looks_prefixed_keeps_its_surface_form() {
    let forms = word_forms("הדרכה");
    assert_eq!(forms[0], Form { term: "הדרכה".into(), kind: FormKind::Surface });
    assert!(finds("הדרכה", "ההדרכה"));
    assert!(finds("ביטול", "לביטול"));
    assert!(forms[1..].iter().all(|f| f.kind == FormKind::Reduced));
}

#[test]
fn niqqud_and_cantillation_are_removed() {
    assert_eq!(surfaces("שָׁלוֹם"), vec!["שלומ"]);
    assert_eq!(surfaces("בְּרֵאשִׁ֖ית"), vec!["בראשית"]);
}

#[test]
fn quote_variants_inside_hebrew_abbreviations_are_one_word() {
    for text in ["דוא\"ל", "דוא״ל", "דואל", "דוא'ל"] {
        assert_eq!(surfaces(text), vec!["דואל"], "{text}");
    }
}

#[test]
fn final_letters_become_ordinary() {
    assert_eq!(normalize("ךםןףץ"), "כמנפצ");
    assert!(finds("חשבון", "חשבונות"));
}

#[test]
fn english_is_stemmed_without_stop_words() {
    assert_eq!(terms("The customers are running invoices"), vec!["custom", "run", "invoic"]);
    assert_eq!(terms("Café"), vec!["cafe"]);
}

#[test]
fn mixed_text_keeps_latin_words_and_drops_attached_particles() {
    assert_eq!(surfaces("חיבור ה-CRM לחשבון"), vec!["חיבור", "crm", "לחשבונ"]);
    assert_eq!(surfaces("בCRM"), vec!["crm"]);
    assert_eq!(surfaces("מפתחות API keys"), vec!["מפתחות", "api", "key"]);
    assert_eq!(surfaces("ב־2024"), vec!["2024"]);
}

#[test]
fn numbers_keep_their_decimal_point_and_lose_thousands_separators() {
    assert_eq!(surfaces("version 3.5 costs 1,000 units."), vec!["version", "3.5", "cost", "1000", "unit"]);
}

#[test]
fn word_ranges_point_into_the_original_text() {
    let text = "שָׁלוֹם, API";
    let words = analyze(text);
    assert_eq!(&text[words[0].start..words[0].end], "שָׁלוֹם");
    assert_eq!(&text[words[1].start..words[1].end], "API");
    assert_eq!(words[1].position, 1);
}

#[test]
fn hebrew_stop_words_and_single_letters_are_dropped() {
    assert_eq!(surfaces("זה של ו לקוח"), vec!["לקוח"]);
}

#[test]
fn overlong_words_are_not_indexed() {
    assert!(terms(&"a".repeat(MAX_WORD_CHARS + 1)).is_empty());
}
