//! One language across channels: `glossary.yaml` names the preferred term per language, the variants to
//! avoid, and product names with their exact spelling. Every page's title and text are checked with the
//! search's analysis (`analysis`), so a Hebrew variant is caught with its prefixes and inflections too
//! (`לוגין` also finds `וללוגין`), and an English one with its endings (`log in` finds `logged in`).
//! Findings are build warnings naming file:line:column and the preferred term; code is never checked.
//!
//! ```yaml
//! terms:
//!   - use: sign in
//!     lang: en               # optional: without it the term applies to every language
//!     avoid: [log in, login]
//!     note: The product says "sign in" everywhere.
//! products: [Machberet, Machberet Cloud]
//! ```

mod check;
mod load;

pub use check::{check_site, GlossaryMemo};
pub use load::{load_glossary, Glossary, Term, GLOSSARY_FILE};
