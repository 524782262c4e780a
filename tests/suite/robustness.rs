//! No input makes Folio panic: mangled pages and configs come back as errors or as a built site.

use crate::support;

use support::site::TestSite;

const SAMPLE_PAGE: &str = "---\ntitle: \"Billing: FAQ\"\ndate: 2026-03-01\ntags: [a, b]\nproducts: [crm]\nauthor: dana\nslug: faq\nweight: 3\n---\n\
# Heading\n\n> [!NOTE]\n> text [link](@/kb/other.md#part) ![img](pic.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n[^1]: note\n";

const SAMPLE_CONFIG: &str =
    "title: T\nbase_url: https://example.com/x\nlanguage: he\nmenus:\n  main:\n    - { name: A, url: \"@/kb/other.md\" }\nmarkdown:\n  unsafe_html: false\n";

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// Deletes, duplicates or inserts troublesome characters at random places.
fn mangle(text: &str, rng: &mut Lcg) -> String {
    const NASTY: &[&str] = &[
        "---\n", ":", "\"", "'", "[", "]", "{", "}", "*a", "&a ", "\n", "#", "@/", "../", "\u{0}", "\u{5b0}", "ש", "|",
        "`", "-", "\t", "!",
    ];
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..=rng.next(4) {
        let at = rng.next(chars.len() + 1);
        match rng.next(3) {
            0 if at < chars.len() => {
                let end = (at + rng.next(8) + 1).min(chars.len());
                chars.drain(at..end);
            }
            1 if at < chars.len() => {
                let end = (at + rng.next(12) + 1).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                chars.splice(at..at, copy);
            }
            _ => {
                let insert: Vec<char> = NASTY[rng.next(NASTY.len())].chars().collect();
                chars.splice(at..at, insert);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mangled_pages_and_configs_never_panic() {
    let mut rng = Lcg(0x5eed);
    for round in 0..150 {
        let site =
            TestSite::with_config(&if round % 5 == 0 { mangle(SAMPLE_CONFIG, &mut rng) } else { SAMPLE_CONFIG.into() });
        site.page("authors/dana.md", "name: Dana", "")
            .page("products/crm.md", "title: CRM", "")
            .page("kb/other.md", "title: Other", "## Part\n")
            .file("content/kb/pic.png", "png")
            .file("content/kb/faq.md", &mangle(SAMPLE_PAGE, &mut rng));
        // Either outcome is fine; a panic fails the test and shows the round.
        let result = std::panic::catch_unwind(|| site.try_build().map(|_| ()));
        assert!(result.is_ok(), "round {round} panicked");
    }
}
