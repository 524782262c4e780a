//! Finding the glossary's variants and misspelled product names in each page's title and text.

use super::load::{Glossary, Phrase};
use crate::analysis::{analyze, Word};
use crate::diagnostics::{Diagnostic, Location};
use crate::memo::{fingerprint, Memo};
use crate::site::{Page, Site};
use rayon::prelude::*;

/// Each page's findings, by digest of the glossary and the page's file and language.
pub type GlossaryMemo = Memo<Vec<Diagnostic>>;

/// Every finding of the site, pages in order. Pages unchanged since the previous build reuse theirs.
pub fn check_site(site: &Site, glossary: &Glossary, memo: &mut GlossaryMemo) -> Vec<Diagnostic> {
    let seed = fingerprint(glossary);
    let results: Vec<(u64, Vec<Diagnostic>)> = site
        .pages
        .par_iter()
        .map(|page| {
            let key = fingerprint((seed, page.source.fingerprint, &page.lang));
            let check = || Ok::<_, ()>(check_page(page, glossary));
            let found = memo.get_or_try(key, || page.source.rel.clone(), check).map(|(v, _)| v).unwrap_or_default();
            (key, found)
        })
        .collect();
    let findings = results.iter().flat_map(|(_, found)| found.iter().cloned()).collect();
    memo.replace(results);
    findings
}

/// The findings of one page: its title, then its text.
fn check_page(page: &Page, glossary: &Glossary) -> Vec<Diagnostic> {
    let parsed = &page.source.parsed;
    let lang = page.lang.split('-').next().unwrap_or_default().to_ascii_lowercase();
    let mut found = Vec::new();
    // The front matter starts on the file's second line, after `---`.
    if let Some(line) = crate::yaml::key_line(&parsed.front_text, "title") {
        let text = parsed.front_text.lines().nth(line - 1).unwrap_or_default();
        find(text, line + 1, glossary, &lang, &page.source.path, &mut found);
    }
    let body = mask_code(&parsed.body);
    find(&body, parsed.body_line, glossary, &lang, &page.source.path, &mut found);
    found
}

/// Adds a finding for every variant and misspelled product in `text`, whose first line is `first_line`.
fn find(
    text: &str,
    first_line: usize,
    glossary: &Glossary,
    lang: &str,
    file: &std::path::Path,
    out: &mut Vec<Diagnostic>,
) {
    let words = analyze(text, lang);
    let keys: Vec<Vec<&str>> = words
        .iter()
        .map(|w| std::iter::once(w.normal.as_str()).chain(w.forms.iter().map(|f| f.term.as_str())).collect())
        .collect();
    let at = |start: usize| {
        let before = &text[..start];
        let line = first_line + before.matches('\n').count();
        let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        Location::new(file, line, column)
    };
    for i in 0..words.len() {
        for term in glossary.terms.iter().filter(|t| t.lang.as_deref().is_none_or(|l| l == lang)) {
            for variant in &term.avoid {
                if let Some(end) = matches(&keys[i..], variant) {
                    let written = &text[words[i].start..words[i + end].end];
                    let help = match &term.note {
                        Some(note) => note.clone(),
                        None => {
                            format!("write `{}`; {} lists the words to avoid", term.preferred, super::GLOSSARY_FILE)
                        }
                    };
                    out.push(
                        Diagnostic::new(
                            at(words[i].start),
                            format!("`{written}`: the glossary prefers `{}`", term.preferred),
                        )
                        .with_help(help),
                    );
                }
            }
        }
        for product in &glossary.products {
            if let Some(end) = spelled(&words[i..], &product.phrase) {
                let written = &text[words[i].start..words[i + end].end];
                if written.split_whitespace().ne(product.name.split_whitespace()) {
                    out.push(
                        Diagnostic::new(
                            at(words[i].start),
                            format!("`{written}`: the product is spelled `{}`", product.name),
                        )
                        .with_help(format!(
                            "write `{}` exactly, as {} has it",
                            product.name,
                            super::GLOSSARY_FILE
                        )),
                    );
                }
            }
        }
    }
}

/// The index of the last text word when the words from the start match `phrase`, word by word.
fn matches(keys: &[Vec<&str>], phrase: &Phrase) -> Option<usize> {
    if keys.len() < phrase.words.len() {
        return None;
    }
    let all = phrase.words.iter().zip(keys).all(|(wanted, found)| wanted.iter().any(|w| found.contains(&w.as_str())));
    all.then(|| phrase.words.len() - 1)
}

/// Like `matches`, but a product name is compared as written, letter for letter but for case.
fn spelled(words: &[Word], phrase: &Phrase) -> Option<usize> {
    if words.len() < phrase.words.len() {
        return None;
    }
    let all = phrase.words.iter().zip(words).all(|(wanted, word)| wanted.first() == Some(&word.normal));
    all.then(|| phrase.words.len() - 1)
}

/// `body` with its code blanked out, every byte kept in place so positions stay true: fenced and
/// indented-by-fence blocks, inline code, link and image addresses, autolinks and HTML tags. Code and
/// addresses are not prose; a variable named `login` is not a wording choice.
fn mask_code(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<String> = None;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
        match &fence {
            Some(open) => {
                if marker.len() >= open.len() && marker.starts_with(&open[..1]) {
                    fence = None;
                }
                blank(line, &mut out);
            }
            None if marker.len() >= 3 => {
                fence = Some(marker);
                blank(line, &mut out);
            }
            None => mask_inline(line, &mut out),
        }
    }
    out
}

fn mask_inline(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(i) = rest.find(['`', '<', ']']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let close = match rest.as_bytes()[0] {
            b'`' => rest[1..].find('`').map(|j| j + 2),
            b'<' => rest[1..].find('>').map(|j| j + 2),
            _ if rest[1..].starts_with('(') => rest.find(')').map(|j| j + 1).map(|j| {
                out.push(']');
                rest = &rest[1..];
                j - 1
            }),
            _ => None,
        };
        let take = close.unwrap_or(1);
        if close.is_some() {
            blank(&rest[..take], out);
        } else {
            out.push_str(&rest[..take]);
        }
        rest = &rest[take..];
    }
    out.push_str(rest);
}

/// Spaces in place of `text`, as many bytes as it has, keeping its line breaks.
fn blank(text: &str, out: &mut String) {
    for c in text.chars() {
        if c == '\n' {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_addresses_are_blanked_in_place() {
        let body = "Use `login()` or [log in](https://x.example/login) <b>now</b>\n```\nlogin\n```\nlogin\n";
        let masked = mask_code(body);
        assert_eq!(masked.len(), body.len());
        assert!(!masked[..masked.find('\n').unwrap()].contains("login"), "{masked}");
        assert!(masked.contains("[log in]"), "{masked}");
        assert!(masked.ends_with("\nlogin\n"), "{masked}");
        let hebrew = "ראו `קוד` כאן";
        assert_eq!(mask_code(hebrew).len(), hebrew.len());
    }
}
