use super::*;
use crate::config::dates::parse_pattern;
use time::macros::date;

fn style(format: DateFormat) -> DateStyle {
    DateStyle { format, ..DateStyle::default() }
}

fn shown(lang: &str, format: DateFormat) -> String {
    show_date(date!(2025 - 11 - 06), lang, &style(format))
}

#[test]
fn long_dates_in_every_shipped_language() {
    let expected = [
        ("en", "November 6, 2025"),
        ("he", "6 בנובמבר 2025"),
        ("ar", "6 نوفمبر 2025"),
        ("ru", "6 ноября 2025"),
        ("fr", "6 novembre 2025"),
        ("de", "6. November 2025"),
        ("es", "6 de noviembre de 2025"),
        ("he-IL", "6 בנובמבר 2025"),
        ("it", "2025-11-06"),
    ];
    for (lang, text) in expected {
        assert_eq!(shown(lang, DateFormat::Long), text, "{lang}");
    }
}

#[test]
fn short_dates_in_every_shipped_language() {
    let expected = [
        ("en", "Nov 6, 2025"),
        ("he", "6 בנוב׳ 2025"),
        ("ar", "6 نوفمبر 2025"),
        ("ru", "6 нояб. 2025"),
        ("fr", "6 nov. 2025"),
        ("de", "6. Nov. 2025"),
        ("es", "6 nov 2025"),
    ];
    for (lang, text) in expected {
        assert_eq!(shown(lang, DateFormat::Short), text, "{lang}");
    }
    // May has no shorter form in Hebrew, and March none in French.
    assert_eq!(show_date(date!(2026 - 05 - 01), "he", &style(DateFormat::Short)), "1 במאי 2026");
    assert_eq!(show_date(date!(2026 - 03 - 09), "fr", &style(DateFormat::Short)), "9 mars 2026");
}

#[test]
fn numeric_dates_follow_each_language() {
    let expected = [
        ("en", "11/6/2025"),
        ("he", "6.11.2025"),
        ("ar", "6/11/2025"),
        ("ru", "06.11.2025"),
        ("fr", "06/11/2025"),
        ("de", "06.11.2025"),
        ("es", "6/11/2025"),
        ("pt", "2025-11-06"),
    ];
    for (lang, text) in expected {
        assert_eq!(shown(lang, DateFormat::Numeric), text, "{lang}");
    }
}

#[test]
fn french_says_premier_for_the_first() {
    assert_eq!(show_date(date!(2026 - 03 - 01), "fr", &style(DateFormat::Long)), "1er mars 2026");
    assert_eq!(show_date(date!(2026 - 03 - 01), "ru", &style(DateFormat::Long)), "1 марта 2026");
}

#[test]
fn patterns_fill_named_fields_in_the_page_language() {
    let pattern = |p: &str| DateFormat::Pattern(parse_pattern(p).unwrap());
    assert_eq!(shown("de", pattern("{day_padded}.{month_padded}.{year}")), "06.11.2025");
    assert_eq!(shown("ru", pattern("{day} {month} {year} г.")), "6 ноября 2025 г.");
    assert_eq!(shown("en", pattern("{month_short} {day}")), "Nov 6");
    assert_eq!(shown("it", pattern("{day} {month}")), "6 November");
}

#[test]
fn arabic_may_use_arabic_indic_digits() {
    let native = DateStyle { digits: Digits::Native, ..DateStyle::default() };
    assert_eq!(show_date(date!(2025 - 11 - 06), "ar", &native), "٦ نوفمبر ٢٠٢٥");
    // Only Arabic has digits of its own here.
    assert_eq!(show_date(date!(2025 - 11 - 06), "he", &native), "6 בנובמבר 2025");
}

#[test]
fn hebrew_calendar_in_hebrew_and_in_english() {
    let hebrew = |format| DateStyle { format, calendar: Calendar::Hebrew, digits: Digits::Western };
    let day = date!(2025 - 11 - 25);
    assert_eq!(show_date(day, "he", &hebrew(DateFormat::Long)), "ה׳ בכסלו תשפ״ו");
    assert_eq!(show_date(day, "he", &hebrew(DateFormat::Short)), "ה׳ כסלו תשפ״ו");
    assert_eq!(show_date(day, "en", &hebrew(DateFormat::Long)), "5 Kislev 5786");
    assert_eq!(show_date(date!(2024 - 03 - 24), "he", &hebrew(DateFormat::Long)), "י״ד באדר ב׳ תשפ״ד");
    let pattern = DateFormat::Pattern(parse_pattern("{day} {month}").unwrap());
    assert_eq!(show_date(date!(2025 - 11 - 06), "he", &hebrew(pattern)), "ט״ו חשוון");
}
