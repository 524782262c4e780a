use super::*;

fn terms(text: &str) -> Vec<String> {
    index_terms(text, "he")
}

fn surfaces(text: &str) -> Vec<String> {
    analyze(text, "he").into_iter().filter_map(|w| w.forms.first().map(|f| f.term.clone())).collect()
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
    let forms = word_forms("הדרכה", "he");
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
    let words = analyze(text, "he");
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

fn arabic(text: &str) -> Vec<String> {
    index_terms(text, "ar")
}

#[test]
fn arabic_harakat_tatweel_and_letter_forms_are_unified() {
    // كتاب may also be ك + تاب, a reduced form like Hebrew ביטול → יטול.
    assert_eq!(arabic("كِتَابٌ"), vec!["كتاب", "تاب"]);
    assert_eq!(arabic("كتـــاب"), vec!["كتاب", "تاب"]);
    for alef in ["أحمد", "إحمد", "آحمد", "ٱحمد", "احمد"] {
        assert_eq!(arabic(alef)[0], "احمد", "{alef}");
    }
    assert_eq!(arabic("مستشفى")[0], "مستشفي");
    assert_eq!(arabic("مدرسة")[0], "مدرسه");
    assert_eq!(arabic("قرآن")[0], "قران");
    assert_eq!(arabic("مسؤول")[0], "مسوول");
}

#[test]
fn arabic_article_and_prefixes_reduce_to_the_plain_word() {
    assert_eq!(arabic("الكتاب"), vec!["الكتاب", "كتاب"]);
    assert_eq!(arabic("بالكتاب"), vec!["بالكتاب", "الكتاب", "كتاب"]);
    assert_eq!(arabic("وللكتاب"), vec!["وللكتاب", "للكتاب", "لكتاب", "كتاب"]);
    let forms = word_forms("والمعلمات", "ar");
    assert_eq!(forms[0], Form { term: "والمعلمات".into(), kind: FormKind::Surface });
    assert!(forms[1..].iter().all(|f| f.kind == FormKind::Reduced));
    let finds = |query: &str, text: &str| {
        let doc = arabic(text);
        arabic(query).iter().any(|t| doc.contains(t))
    };
    assert!(finds("كتاب", "وبالكتاب"));
    assert!(finds("معلمة", "المعلمات"));
    assert!(finds("الحساب", "لحسابات"));
    // A word too short to lose a letter keeps it: ولد (a boy) is not و + لد.
    assert_eq!(arabic("ولد"), vec!["ولد"]);
}

#[test]
fn arabic_stop_words_digits_and_latin_words() {
    assert_eq!(arabic("في على إلى"), Vec::<String>::new());
    assert_eq!(arabic("سنة ٢٠٢٤ ۱۲"), vec!["سنه", "2024", "12"]);
    assert_eq!(arabic("بـAPI"), vec!["api"]);
    assert_eq!(arabic("3٫5"), vec!["3.5"]);
}

#[test]
fn russian_case_endings_share_a_stem_on_a_page_in_any_language() {
    for word in ["поиск", "поиска", "поиском", "поиске", "Поиску"] {
        assert_eq!(index_terms(word, "ru"), vec!["поиск"], "{word}");
    }
    assert_eq!(index_terms("новый новая", "ru"), vec!["нов", "нов"]);
    assert_eq!(index_terms("ёлка елка", "ru"), vec!["елк", "елк"]);
    assert_eq!(index_terms("и в для поиска", "en"), vec!["поиск"]);
    assert!(is_mapped("поиска", "he") && is_mapped("facturas", "es") && !is_mapped("invoices", "en"));
}

#[test]
fn latin_words_are_stemmed_by_the_page_language_with_accents_then_folded() {
    assert_eq!(index_terms("información informaciones", "es"), vec!["inform", "inform"]);
    assert_eq!(index_terms("configuración", "es"), vec!["configur"]);
    assert_eq!(index_terms("les paramètres créés", "fr"), vec!["parametr", "cre"]);
    assert_eq!(index_terms("die Rechnungen Straße", "de"), vec!["rechnung", "strass"]);
    assert_eq!(index_terms("Häuser", "de-AT"), vec!["haus"]);
    // The same words on an English page get the English stemmer.
    assert_eq!(index_terms("informaciones", "en"), vec!["informacion"]);
    assert_eq!(normal_words("Información"), vec!["información"]);
}

#[test]
fn french_elisions_are_not_part_of_the_word_but_english_apostrophes_are_dropped() {
    assert_eq!(index_terms("l'utilisateur d’un utilisateur", "fr"), vec!["utilis", "utilis"]);
    assert_eq!(normal_words("l'utilisateur"), vec!["l'utilisateur"]);
    assert_eq!(fold_written("l'utilisateur"), "lutilisateur");
    assert_eq!(index_terms("Don't", "en"), vec!["dont"]);
    assert_eq!(index_terms("דוא\"ל", "fr"), vec!["דואל"]);
}
