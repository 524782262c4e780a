//! A 2,000-page bilingual help site with a long-tail vocabulary, written the same on every run: common words
//! on most pages (so their results are spread over the whole index), Hebrew words with prefixes and plural
//! endings, and rare words on one or two pages.

use crate::support::site::TestSite;

/// Pages of the fixture site.
pub const PAGES: usize = 2_000;

/// Common words, most frequent first; a page draws from them Zipf-wise.
const HEBREW: &[&str] = &[
    "לקוח",
    "חשבונית",
    "תשלום",
    "הגדרות",
    "משתמש",
    "דוח",
    "הזמנה",
    "קבלה",
    "גבייה",
    "הרשאות",
    "ייבוא",
    "ייצוא",
    "מנוי",
    "חשבון",
    "כרטיס",
    "אשראי",
    "ספק",
    "מוצר",
    "מחיר",
    "הנחה",
    "מע\"מ",
    "תמיכה",
    "שאלה",
    "תשובה",
];
const ENGLISH: &[&str] = &[
    "customer",
    "invoice",
    "payment",
    "settings",
    "user",
    "report",
    "order",
    "receipt",
    "billing",
    "permissions",
    "import",
    "export",
    "subscription",
    "account",
    "card",
    "credit",
    "supplier",
    "product",
    "price",
    "discount",
    "webhook",
    "support",
    "question",
    "answer",
];
/// Hebrew prefixes and endings a word is written with.
const PREFIXES: &[&str] = &["", "", "", "ה", "ל", "ו", "ב", "של", "וה", "מה", "כש"];
const ENDINGS: &[&str] = &["", "", "", "ות", "ים"];

/// A small deterministic generator (a 64-bit LCG): the same site on every run and machine.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// An index below `n`, small ones far more often (about 1/rank).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        (((n as f64 + 1.0).powf(u)) as usize).saturating_sub(1).min(n - 1)
    }
}

/// A made-up word from syllables: the long tail, most of it on a page or two.
fn rare_word(n: usize) -> String {
    const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ru", "ze", "ta", "vo", "ni", "pe", "su", "da", "go"];
    let mut word = String::new();
    let mut n = n + 1;
    while n > 0 {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    word.push('x');
    word
}

fn sentence(draw: &mut Draw, english: bool) -> String {
    let words: Vec<String> = (0..12)
        .map(|_| match draw.below(10) {
            0 => rare_word(draw.zipf(20_000)),
            _ if english => ENGLISH[draw.zipf(ENGLISH.len())].to_string(),
            _ => {
                let word = HEBREW[draw.zipf(HEBREW.len())];
                let prefix = PREFIXES[draw.below(PREFIXES.len())];
                let ending =
                    if word.ends_with('ה') || word.contains('"') { "" } else { ENDINGS[draw.below(ENDINGS.len())] };
                format!("{prefix}{word}{ending}")
            }
        })
        .collect();
    format!("{}.", words.join(" "))
}

/// The fixture: `PAGES` pages, a quarter English (their own index), in the knowledge base, the blog and
/// guides, some for a product.
pub fn large_site() -> TestSite {
    let site = TestSite::with_config("title: עזרה\nbase_url: https://example.com\nlanguage: he\n");
    site.page("products/crm.md", "title: מחברת CRM", "ניהול לקוחות.\n");
    let mut draw = Draw(2026);
    for n in 0..PAGES {
        let english = n % 4 == 3;
        let (lang, words) = if english { ("\nlang: en", ENGLISH) } else { ("", HEBREW) };
        let title = format!("{} {} {n}", words[draw.zipf(words.len())], words[draw.below(words.len())]);
        let products = if n % 7 == 0 { "\nproducts: [crm]" } else { "" };
        let date = format!("2025-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
        let rel = match n % 5 {
            0..=2 => format!("kb/cat-{}/article-{n:04}.md", n % 9),
            3 => format!("blog/{date}-post-{n:04}.md"),
            _ => format!("guides/guide-{n:04}.md"),
        };
        let mut body = String::new();
        for part in 0..3 {
            if part > 0 {
                body.push_str(&format!("## {}\n\n", words[draw.below(words.len())]));
            }
            for _ in 0..2 {
                body.push_str(&sentence(&mut draw, english));
                body.push(' ');
            }
            body.push_str("\n\n");
        }
        site.page(&rel, &format!("title: '{title}'\ndate: {date}{lang}{products}"), &body);
    }
    site
}
