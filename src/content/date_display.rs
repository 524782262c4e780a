//! A date as a reader of a language expects to see it, in the format, calendar and digits of the
//! site's `dates:` settings: "6 ноября 2025", "6. November 2025", "6 בנוב׳ 2025", "ה׳ בכסלו תשפ״ו".
//!
//! Month names are those a date uses with its day (Russian and Spanish change the noun's form:
//! "ноября", not "ноябрь"). Languages without names here show ISO dates, which every reader can read.

use super::hebrew_calendar::{hebrew_numeral, to_hebrew};
use crate::config::dates::{Calendar, DateField, DateFormat, DateStyle, Digits, PatternPart};
use time::Date;

/// Month names of one language, January first: in full, then shortened.
struct MonthNames {
    long: [&'static str; 12],
    short: [&'static str; 12],
}

const ENGLISH: MonthNames = MonthNames {
    long: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    short: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};
const HEBREW: MonthNames = MonthNames {
    long: ["ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"],
    short: ["ינו׳", "פבר׳", "מרץ", "אפר׳", "מאי", "יוני", "יולי", "אוג׳", "ספט׳", "אוק׳", "נוב׳", "דצמ׳"],
};
// The names used in Egypt, the Gulf and most Arabic media; they have no shorter forms.
const ARABIC_MONTHS: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const ARABIC: MonthNames = MonthNames { long: ARABIC_MONTHS, short: ARABIC_MONTHS };
// Genitive: a date says "6 ноября", of November.
const RUSSIAN: MonthNames = MonthNames {
    long: [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    short: ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."],
};
const FRENCH: MonthNames = MonthNames {
    long: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    short: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
};
const GERMAN: MonthNames = MonthNames {
    long: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    short: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
};
const SPANISH: MonthNames = MonthNames {
    long: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    short: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
};

fn month_names(language: &str) -> Option<&'static MonthNames> {
    Some(match language {
        "en" => &ENGLISH,
        "he" | "iw" => &HEBREW,
        "ar" => &ARABIC,
        "ru" => &RUSSIAN,
        "fr" => &FRENCH,
        "de" => &GERMAN,
        "es" => &SPANISH,
        _ => return None,
    })
}

/// `date` as shown on a page in `lang`, written as `style` says.
pub fn show_date(date: Date, lang: &str, style: &DateStyle) -> String {
    let language = lang.split('-').next().unwrap_or("");
    let text = match style.calendar {
        Calendar::Gregorian => gregorian(date, language, &style.format),
        Calendar::Hebrew => hebrew_calendar(date, language, &style.format),
    };
    match style.digits {
        Digits::Native => native_digits(&text, language),
        Digits::Western => text,
    }
}

fn gregorian(date: Date, language: &str, format: &DateFormat) -> String {
    let (day, month, year) = (date.day(), u8::from(date.month()), date.year());
    let m = usize::from(month) - 1;
    let Some(names) = month_names(language) else {
        return match format {
            DateFormat::Pattern(parts) => fill_pattern(parts, date, &ENGLISH),
            _ => format!("{year:04}-{month:02}-{day:02}"),
        };
    };
    let name = match format {
        DateFormat::Long => names.long[m],
        DateFormat::Short => names.short[m],
        DateFormat::Numeric => return numeric(language, day, month, year),
        DateFormat::Pattern(parts) => return fill_pattern(parts, date, names),
    };
    match language {
        "en" => format!("{name} {day}, {year}"),
        // Hebrew writes the month with the prefix ב ("in"): 6 בנובמבר 2025, 6 בנוב׳ 2025.
        "he" | "iw" => format!("{day} ב{name} {year}"),
        "de" => format!("{day}. {name} {year}"),
        "es" if *format == DateFormat::Long => format!("{day} de {name} de {year}"),
        // French says "1er" for the first of the month.
        "fr" if day == 1 => format!("1er {name} {year}"),
        _ => format!("{day} {name} {year}"),
    }
}

/// Digits only, in each language's usual order and separators.
fn numeric(language: &str, day: u8, month: u8, year: i32) -> String {
    match language {
        "en" => format!("{month}/{day}/{year}"),
        "ru" | "de" => format!("{day:02}.{month:02}.{year}"),
        "fr" => format!("{day:02}/{month:02}/{year}"),
        "he" | "iw" => format!("{day}.{month}.{year}"),
        _ => format!("{day}/{month}/{year}"),
    }
}

fn fill_pattern(parts: &[PatternPart], date: Date, names: &MonthNames) -> String {
    let (day, month, year) = (date.day(), u8::from(date.month()), date.year());
    let m = usize::from(month) - 1;
    parts
        .iter()
        .map(|part| match part {
            PatternPart::Text(text) => text.clone(),
            PatternPart::Field(DateField::Day) => day.to_string(),
            PatternPart::Field(DateField::DayPadded) => format!("{day:02}"),
            PatternPart::Field(DateField::Month) => names.long[m].to_string(),
            PatternPart::Field(DateField::MonthShort) => names.short[m].to_string(),
            PatternPart::Field(DateField::MonthNumber) => month.to_string(),
            PatternPart::Field(DateField::MonthPadded) => format!("{month:02}"),
            PatternPart::Field(DateField::Year) => year.to_string(),
        })
        .collect()
}

/// The Hebrew calendar: in Hebrew with Hebrew numerals ("ה׳ בכסלו תשפ״ו"); in other languages with
/// the month's name in Latin letters and the year in full ("5 Kislev 5786").
fn hebrew_calendar(date: Date, language: &str, format: &DateFormat) -> String {
    let h = to_hebrew(date);
    let in_hebrew = matches!(language, "he" | "iw");
    let (day, month, year) = if in_hebrew {
        (hebrew_numeral(u32::from(h.day)), h.month.hebrew_name(), hebrew_numeral(h.year as u32))
    } else {
        (h.day.to_string(), h.month.latin_name(), h.year.to_string())
    };
    match format {
        DateFormat::Long if in_hebrew => format!("{day} ב{month} {year}"),
        DateFormat::Pattern(parts) => parts
            .iter()
            .map(|part| match part {
                PatternPart::Text(text) => text.as_str(),
                PatternPart::Field(DateField::Day | DateField::DayPadded) => &day,
                PatternPart::Field(DateField::Year) => &year,
                PatternPart::Field(_) => month,
            })
            .collect(),
        _ => format!("{day} {month} {year}"),
    }
}

/// Western digits replaced by the language's own: Arabic-Indic for Arabic; others keep theirs.
fn native_digits(text: &str, language: &str) -> String {
    match language {
        "ar" => text.chars().map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0x0660 + d).unwrap_or(c))).collect(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
#[path = "date_display_tests.rs"]
mod tests;
