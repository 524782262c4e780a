//! The `llms:` block: the plain-text copies of the site written for AI assistants (`llms.txt`, a
//! Markdown copy of each page and, when asked for, `llms-full.txt`).

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LlmsConfig {
    /// Write the files (on by default; `false` writes none).
    pub enabled: bool,
    /// Include community contributions, in a section of their own. Off by default, so assistants quote
    /// only what the company stands behind.
    pub community: bool,
    /// Also join every copy into `llms-full.txt`. Off by default: on a large site it is as big as all
    /// the copies together (67 MB at 10,000 pages), more than an assistant reads at once, and the
    /// copies `llms.txt` links to already hold the same text page by page.
    pub full: bool,
}

impl Default for LlmsConfig {
    fn default() -> Self {
        LlmsConfig { enabled: true, community: false, full: false }
    }
}
