//! The `host:` setting of site.yaml: which static host the site is published to, so the build can
//! write that host's own redirect and header files (`_redirects`, `vercel.json`, …).

use crate::diagnostics::{closest, Diagnostic, Location};
use std::path::Path;

/// A static host Folio writes configuration files for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Host {
    /// `_redirects` and `_headers`.
    Netlify,
    /// Cloudflare Pages: `_redirects` and `_headers`.
    Cloudflare,
    /// `vercel.json` with redirects and headers.
    Vercel,
    /// `nginx-folio.conf` for the server block and `nginx-folio-maps.conf` for the http block.
    Nginx,
    /// An S3 website's `routing-rules.json`.
    S3,
}

/// Every host by the name site.yaml uses for it.
const HOSTS: &[(&str, Host)] = &[
    ("netlify", Host::Netlify),
    ("cloudflare", Host::Cloudflare),
    ("vercel", Host::Vercel),
    ("nginx", Host::Nginx),
    ("s3", Host::S3),
];

impl Host {
    /// The name site.yaml uses.
    pub fn name(self) -> &'static str {
        HOSTS.iter().find(|(_, h)| *h == self).map_or("", |(name, _)| name)
    }
}

/// Checks `host:`; `text` and `path` locate the error in site.yaml.
pub(super) fn check_host(raw: Option<String>, text: &str, path: &Path) -> Result<Option<Host>, Diagnostic> {
    let Some(raw) = raw else { return Ok(None) };
    let name = raw.trim().to_ascii_lowercase();
    if let Some((_, host)) = HOSTS.iter().find(|(n, _)| *n == name) {
        return Ok(Some(*host));
    }
    let names: Vec<&str> = HOSTS.iter().map(|(n, _)| *n).collect();
    let line = crate::yaml::key_line(text, "host").unwrap_or(0);
    let diagnostic = Diagnostic::new(Location::new(path, line, 0), format!("unknown host `{}`", raw.trim()));
    Err(match closest(&name, names.iter().copied()) {
        Some(best) => diagnostic.with_help(format!("did you mean `{best}`?")),
        None => {
            diagnostic.with_help(format!("write one of {}, or remove `host:` to write no host files", names.join(", ")))
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::config::parse_config;
    use std::path::Path;

    fn parse(host: &str) -> Result<Option<super::Host>, String> {
        let text = format!("title: A\nbase_url: https://e.com\n{host}");
        parse_config(&text, Path::new("/site"), Path::new("site.yaml")).map(|c| c.host).map_err(|e| e.to_string())
    }

    #[test]
    fn host_is_read_by_name() {
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse("host: netlify\n"), Ok(Some(super::Host::Netlify)));
        assert_eq!(parse("host: S3\n"), Ok(Some(super::Host::S3)));
    }

    #[test]
    fn unknown_host_is_an_error_with_a_suggestion() {
        assert_eq!(
            parse("host: netlfy\n").unwrap_err(),
            "error: site.yaml:3: unknown host `netlfy`\n  help: did you mean `netlify`?"
        );
        let far = parse("host: github-pages\n").unwrap_err();
        assert!(far.contains("help: write one of netlify, cloudflare, vercel, nginx, s3"), "{far}");
    }
}
