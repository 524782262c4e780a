//! Reading `glossary.yaml`: unknown keys and empty or clashing entries are errors naming the line.

use crate::analysis::{analyze, FormKind};
use crate::diagnostics::{Diagnostic, Location};
use serde::Deserialize;
use std::path::Path;

/// The glossary's file name, beside `site.yaml`.
pub const GLOSSARY_FILE: &str = "glossary.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    /// Publish the glossary as a page of the site (`/glossary/` in each language).
    #[serde(default)]
    publish: bool,
    #[serde(default)]
    terms: Vec<RawTerm>,
    #[serde(default)]
    products: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    #[serde(rename = "use")]
    preferred: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    avoid: Vec<String>,
    #[serde(default)]
    note: Option<String>,
    /// What the term means, for readers of the published glossary.
    #[serde(default)]
    definition: Option<String>,
}

/// A checked glossary, its phrases already analysed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Glossary {
    /// Whether the glossary is a page of the site too (`publish: true`).
    pub publish: bool,
    pub terms: Vec<Term>,
    pub products: Vec<Product>,
}

impl Glossary {
    /// The terms that apply to language `lang` (`he`, `en-GB`): its own and those for every language.
    pub fn terms_for<'a>(&'a self, lang: &str) -> impl Iterator<Item = &'a Term> + 'a {
        let primary = lang.split('-').next().unwrap_or(lang).to_ascii_lowercase();
        self.terms.iter().filter(move |t| t.lang.as_deref().is_none_or(|l| l == primary))
    }
}

/// A preferred term and the variants that should be written as it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub preferred: String,
    /// The primary language subtag (`he`), or `None` for every language.
    pub lang: Option<String>,
    pub avoid: Vec<Phrase>,
    pub note: Option<String>,
    pub definition: Option<String>,
}

/// A product name and how it is spelled.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Product {
    pub name: String,
    pub phrase: Phrase,
}

/// A phrase as the analysis sees it: for each word, the terms it may stand for in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phrase {
    pub text: String,
    pub words: Vec<Vec<String>>,
}

impl Phrase {
    fn new(text: &str, lang: &str) -> Phrase {
        let words = analyze(text, lang)
            .into_iter()
            .map(|w| {
                // The variant as written and its exact stems only: a guessed prefix removed from the variant
                // itself would match words the writer never meant.
                let mut keys = vec![w.normal.clone()];
                keys.extend(w.forms.into_iter().filter(|f| f.kind == FormKind::Surface).map(|f| f.term));
                keys.dedup();
                keys
            })
            .collect();
        Phrase { text: text.trim().to_string(), words }
    }
}

/// Reads `glossary.yaml` in `root`; `None` when there is none.
pub fn load_glossary(root: &Path) -> Result<Option<Glossary>, Vec<Diagnostic>> {
    let path = root.join(GLOSSARY_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(vec![Diagnostic::new(Location::file(&path), format!("cannot read: {e}"))]),
    };
    let raw: RawGlossary = crate::yaml::parse(&text, &path, 1).map_err(|e| vec![e])?;
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1).unwrap_or(1);
    let mut errors = Vec::new();
    let mut terms = Vec::new();
    for raw in raw.terms {
        let at = Location::new(&path, line_of(&raw.preferred), 0);
        let lang = raw.lang.map(|l| l.split('-').next().unwrap_or_default().to_ascii_lowercase());
        // A term for every language is read as English would be; Hebrew and Arabic words are read by their script.
        let analysed_as = lang.as_deref().unwrap_or("en");
        let preferred = Phrase::new(&raw.preferred, analysed_as);
        let definition = raw.definition.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
        if preferred.words.is_empty() || (raw.avoid.is_empty() && definition.is_none()) {
            errors.push(
                Diagnostic::new(
                    at,
                    format!("glossary term `{}` needs a preferred term and words to avoid or a definition", raw.preferred),
                )
                .with_help("write e.g. `- use: sign in` with `avoid: [log in, login]`, or `definition:` for the published glossary"),
            );
            continue;
        }
        let mut avoid = Vec::new();
        for variant in &raw.avoid {
            let phrase = Phrase::new(variant, analysed_as);
            if phrase.words.is_empty() || phrase.words == preferred.words {
                errors.push(
                    Diagnostic::new(
                        Location::new(&path, line_of(variant), 0),
                        format!("`{variant}` cannot be avoided in favour of `{}`: to the search they are the same words", raw.preferred),
                    )
                    .with_help("remove it from `avoid`; the glossary compares words, not spelling (see `products` for exact spelling)"),
                );
                continue;
            }
            avoid.push(phrase);
        }
        terms.push(Term { preferred: raw.preferred.trim().to_string(), lang, avoid, note: raw.note, definition });
    }
    let products = raw
        .products
        .iter()
        .map(|name| Product { name: name.trim().to_string(), phrase: Phrase::new(name, "") })
        .filter(|p| !p.phrase.words.is_empty())
        .collect();
    if errors.is_empty() {
        Ok(Some(Glossary { publish: raw.publish, terms, products }))
    } else {
        Err(errors)
    }
}
