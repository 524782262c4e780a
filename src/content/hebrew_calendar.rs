//! The Hebrew calendar: a Gregorian day as day, month and year of the Hebrew calendar, and numbers
//! written in Hebrew numerals (ה׳, ט״ו, תשפ״ו).
//!
//! Written here because no well-kept, permissively licensed crate does only this (ICU's calendars
//! are Unicode-licensed and large). The arithmetic is the fixed calendar's: years of 12 or 13
//! months in a 19-year cycle, the new year set by the molad of Tishrei and the four postponements.

use time::Date;

/// A day of the Hebrew calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HebrewDate {
    pub year: i32,
    pub month: HebrewMonth,
    pub day: u8,
}

/// The months in the order of the year that starts at Tishrei; `Adar` is Adar of a common year,
/// `AdarI` and `AdarII` those of a leap year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HebrewMonth {
    Tishrei,
    Heshvan,
    Kislev,
    Tevet,
    Shevat,
    Adar,
    AdarI,
    AdarII,
    Nisan,
    Iyar,
    Sivan,
    Tammuz,
    Av,
    Elul,
}

impl HebrewMonth {
    /// The name in Hebrew: כסלו, אדר ב׳.
    pub fn hebrew_name(self) -> &'static str {
        use HebrewMonth::*;
        match self {
            Tishrei => "תשרי",
            Heshvan => "חשוון",
            Kislev => "כסלו",
            Tevet => "טבת",
            Shevat => "שבט",
            Adar => "אדר",
            AdarI => "אדר א׳",
            AdarII => "אדר ב׳",
            Nisan => "ניסן",
            Iyar => "אייר",
            Sivan => "סיוון",
            Tammuz => "תמוז",
            Av => "אב",
            Elul => "אלול",
        }
    }

    /// The name in Latin letters, as English writes it: Kislev, Adar II.
    pub fn latin_name(self) -> &'static str {
        use HebrewMonth::*;
        match self {
            Tishrei => "Tishrei",
            Heshvan => "Heshvan",
            Kislev => "Kislev",
            Tevet => "Tevet",
            Shevat => "Shevat",
            Adar => "Adar",
            AdarI => "Adar I",
            AdarII => "Adar II",
            Nisan => "Nisan",
            Iyar => "Iyar",
            Sivan => "Sivan",
            Tammuz => "Tammuz",
            Av => "Av",
            Elul => "Elul",
        }
    }
}

/// A leap year (13 months) is year 3, 6, 8, 11, 14, 17 or 19 of the 19-year cycle.
pub fn is_leap_year(year: i32) -> bool {
    (7 * i64::from(year) + 1).rem_euclid(19) < 7
}

/// Days from the calendar's epoch to 1 Tishrei of `year`, after the postponements.
fn elapsed_days(year: i32) -> i64 {
    let before = i64::from(year) - 1;
    let months = 235 * before.div_euclid(19) + 12 * before.rem_euclid(19) + (7 * before.rem_euclid(19) + 1) / 19;
    // The molad of Tishrei, in days and parts (1080 parts to the hour) from the epoch's first molad.
    let parts = 204 + 793 * (months % 1080);
    let hours = 5 + 12 * months + 793 * (months / 1080) + parts / 1080;
    let mut day = 1 + 29 * months + hours / 24;
    let parts = 1080 * (hours % 24) + parts % 1080;
    // Postponed a day when the molad is at noon or later, or on a Tuesday or Monday late enough
    // that the year would be too long or too short.
    if parts >= 19440
        || (day % 7 == 2 && parts >= 9924 && !is_leap_year(year))
        || (day % 7 == 1 && parts >= 16789 && is_leap_year(year - 1))
    {
        day += 1;
    }
    // Never on a Sunday, Wednesday or Friday.
    if matches!(day % 7, 0 | 3 | 5) {
        day += 1;
    }
    day
}

/// The Julian day number of the calendar's epoch day 0: 1 Tishrei 5786 is 23 September 2025.
const EPOCH_JULIAN_DAY: i64 = 347_997;

fn new_year(year: i32) -> i64 {
    EPOCH_JULIAN_DAY + elapsed_days(year)
}

/// The months of `year` with their lengths: Heshvan and Kislev vary with the length of the year.
fn months(year: i32) -> Vec<(HebrewMonth, i64)> {
    use HebrewMonth::*;
    let length = new_year(year + 1) - new_year(year);
    let (heshvan, kislev) = match length % 10 {
        3 => (29, 29),
        5 => (30, 30),
        _ => (29, 30),
    };
    let adar: &[(HebrewMonth, i64)] = if is_leap_year(year) { &[(AdarI, 30), (AdarII, 29)] } else { &[(Adar, 29)] };
    let mut list = vec![(Tishrei, 30), (Heshvan, heshvan), (Kislev, kislev), (Tevet, 29), (Shevat, 30)];
    list.extend_from_slice(adar);
    list.extend_from_slice(&[(Nisan, 30), (Iyar, 29), (Sivan, 30), (Tammuz, 29), (Av, 30), (Elul, 29)]);
    list
}

/// The Hebrew date of a Gregorian day (the daytime part: the Hebrew day begins the evening before).
pub fn to_hebrew(date: Date) -> HebrewDate {
    let julian = i64::from(date.to_julian_day());
    let mut year = date.year() + 3761;
    if julian < new_year(year) {
        year -= 1;
    }
    let mut left = julian - new_year(year);
    for (month, length) in months(year) {
        if left < length {
            return HebrewDate { year, month, day: (left + 1) as u8 };
        }
        left -= length;
    }
    // Unreachable for a real year: the months add up to the year's length.
    HebrewDate { year, month: HebrewMonth::Elul, day: 29 }
}

/// `n` (1–999) in Hebrew numerals with a geresh after one letter or gershayim before the last of
/// several: 5 → ה׳, 15 → ט״ו (not י״ה), 786 → תשפ״ו. The thousands of a year are left out, as
/// is usual (5786 → תשפ״ו).
pub fn hebrew_numeral(n: u32) -> String {
    const HUNDREDS: [&str; 4] = ["ק", "ר", "ש", "ת"];
    const TENS: [&str; 9] = ["י", "כ", "ל", "מ", "נ", "ס", "ע", "פ", "צ"];
    const ONES: [&str; 9] = ["א", "ב", "ג", "ד", "ה", "ו", "ז", "ח", "ט"];
    let mut n = n % 1000;
    let mut letters: Vec<&str> = Vec::new();
    while n >= 100 {
        let hundred = (n / 100).min(4);
        letters.push(HUNDREDS[hundred as usize - 1]);
        n -= hundred * 100;
    }
    // 15 and 16 are written 9+6 and 9+7: the plain spelling would spell the name of God.
    match n {
        15 => letters.extend(["ט", "ו"]),
        16 => letters.extend(["ט", "ז"]),
        _ => {
            if n >= 10 {
                letters.push(TENS[(n / 10) as usize - 1]);
            }
            if n % 10 > 0 {
                letters.push(ONES[(n % 10) as usize - 1]);
            }
        }
    }
    match letters.as_slice() {
        [] => String::new(),
        [one] => format!("{one}׳"),
        [rest @ .., last] => format!("{}״{last}", rest.concat()),
    }
}

#[cfg(test)]
mod tests {
    use super::HebrewMonth::*;
    use super::*;
    use time::macros::date;

    fn hebrew(year: i32, month: HebrewMonth, day: u8) -> HebrewDate {
        HebrewDate { year, month, day }
    }

    #[test]
    fn rosh_hashanah_falls_on_the_known_days() {
        let known = [
            (5779, date!(2018 - 09 - 10)),
            (5780, date!(2019 - 09 - 30)),
            (5781, date!(2020 - 09 - 19)),
            (5782, date!(2021 - 09 - 07)),
            (5783, date!(2022 - 09 - 26)),
            (5784, date!(2023 - 09 - 16)),
            (5785, date!(2024 - 10 - 03)),
            (5786, date!(2025 - 09 - 23)),
            (5787, date!(2026 - 09 - 12)),
            (5788, date!(2027 - 10 - 02)),
        ];
        for (year, day) in known {
            assert_eq!(to_hebrew(day), hebrew(year, Tishrei, 1), "{day}");
            assert_eq!(to_hebrew(day.previous_day().unwrap()), hebrew(year - 1, Elul, 29), "{day}");
        }
    }

    #[test]
    fn leap_years_have_adar_i_and_adar_ii() {
        assert!(is_leap_year(5784) && !is_leap_year(5785) && is_leap_year(5787));
        // Purim Katan and Purim of 5784, a leap year; Purim and Passover of 5785, a common one.
        assert_eq!(to_hebrew(date!(2024 - 02 - 23)), hebrew(5784, AdarI, 14));
        assert_eq!(to_hebrew(date!(2024 - 03 - 24)), hebrew(5784, AdarII, 14));
        assert_eq!(to_hebrew(date!(2025 - 03 - 14)), hebrew(5785, Adar, 14));
        assert_eq!(to_hebrew(date!(2025 - 04 - 13)), hebrew(5785, Nisan, 15));
    }

    #[test]
    fn days_inside_the_year() {
        assert_eq!(to_hebrew(date!(2025 - 11 - 25)), hebrew(5786, Kislev, 5));
        assert_eq!(to_hebrew(date!(2025 - 12 - 15)), hebrew(5786, Kislev, 25));
        assert_eq!(to_hebrew(date!(2025 - 11 - 06)), hebrew(5786, Heshvan, 15));
        assert_eq!(to_hebrew(date!(2026 - 05 - 22)), hebrew(5786, Sivan, 6));
        assert_eq!(to_hebrew(date!(2000 - 01 - 01)), hebrew(5760, Tevet, 23));
    }

    #[test]
    fn numerals_take_geresh_and_gershayim() {
        assert_eq!(hebrew_numeral(5), "ה׳");
        assert_eq!(hebrew_numeral(10), "י׳");
        assert_eq!(hebrew_numeral(15), "ט״ו");
        assert_eq!(hebrew_numeral(16), "ט״ז");
        assert_eq!(hebrew_numeral(25), "כ״ה");
        assert_eq!(hebrew_numeral(30), "ל׳");
        assert_eq!(hebrew_numeral(5786), "תשפ״ו");
        assert_eq!(hebrew_numeral(5784), "תשפ״ד");
        assert_eq!(hebrew_numeral(5800), "ת״ת");
        assert_eq!(hebrew_numeral(5760), "תש״ס");
    }
}
