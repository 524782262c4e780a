//! The `llms:` block: the plain-text copies of the site written for AI assistants (`llms.txt`,
//! `llms-full.txt` and a Markdown copy of each page).

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LlmsConfig {
    /// Write the files (on by default; `false` writes none).
    pub enabled: bool,
    /// Include community contributions, in a section of their own. Off by default, so assistants quote
    /// only what the company stands behind.
    pub community: bool,
}

impl Default for LlmsConfig {
    fn default() -> Self {
        LlmsConfig { enabled: true, community: false }
    }
}
