//! The configured host's own files (`host:` in site.yaml), made from one source: the aliases
//! become 301 redirects, and every response gets the Content-Security-Policy, `nosniff` and a
//! referrer policy, with modest caching for the theme's stylesheets and scripts. The redirect
//! pages stay: they work on any host. A file of the same name in the site's `static/` wins. A
//! multilingual site's languages are joined into one set at the root by `host_languages`.

use super::aliases::Alias;
use super::csp::{content_security_policy, widget_policy};
use super::host_cors::{cors_plan, CorsPlan};
use super::host_formats::{headers_file, nginx_files, redirects_file, routing_rules, s3_cors, vercel_json};
use crate::config::Host;
use crate::diagnostics::{Diagnostic, Location};
use crate::render::absolute_links::ascii_url;
use crate::render::Theme;
use crate::site::Site;
use std::path::Path;

/// One 301 as a host sees it. Paths include the base path (`/help/old/`).
pub(super) struct HostRedirect {
    /// The old address, decoded (`/help/ישן/`), as nginx's `$uri` and S3's keys hold it.
    pub from: String,
    /// The old address as a browser sends it: non-ASCII, spaces and `%` percent-encoded.
    pub from_ascii: String,
    /// The page's address, percent-encoded: `/help/kb/%D7%90/`.
    pub to: String,
    /// A folder address (`/old/`) rather than a file (`/old.html`).
    pub folder: bool,
}

/// Headers for one path pattern: `/*` (every response) or one exact file.
pub(super) struct HeaderRule {
    pub path: String,
    pub headers: Vec<(&'static str, String)>,
}

/// What the host files say, whatever their format.
pub(super) struct HostPlan {
    pub redirects: Vec<HostRedirect>,
    /// The base path, `""` or `/help`.
    pub base: String,
    /// Headers for every response.
    pub all: Vec<(&'static str, String)>,
    /// Exact files with a Cache-Control of their own.
    pub cached: Vec<HeaderRule>,
    /// `https`, and the host name with any port, for hosts that need absolute redirects.
    pub scheme: String,
    pub authority: String,
    /// Decoded output paths (no leading slash) of everything the site publishes besides the
    /// redirect pages, so a prefix rule (S3) can be kept from catching them.
    pub published: Vec<String>,
    /// The help widget's files and the product origins that may read them (`help_widget:`).
    pub cors: Option<CorsPlan>,
    /// What a product page embedding the widget must allow in its own policy, for a comment.
    pub widget_policy: Option<String>,
    /// Each language under its own prefix and its 404 page, for hosts that can serve it for
    /// missing addresses there; empty for a site of one language.
    pub not_found: Vec<NotFoundPage>,
}

/// A language's 404 page and the addresses it answers for, decoded and with the base path:
/// `/help/en/` and `/help/en/404.html`.
pub(super) struct NotFoundPage {
    pub prefix: String,
    pub page: String,
}

/// How long browsers may keep the theme's stylesheets and scripts. Their names carry no
/// fingerprint, so nothing is `immutable`: an updated theme reaches readers within the hour.
pub(super) const ASSET_CACHE: &str = "public, max-age=3600, stale-while-revalidate=86400";

/// The host's files, without those the site publishes itself.
pub fn render_host_files(site: &Site, theme: &Theme, aliases: &[Alias]) -> Vec<(String, Vec<u8>)> {
    let Some(host) = site.config.host else { return Vec::new() };
    let plan = host_plan(site, theme, aliases);
    let files = host_files(&plan, host);
    // The site's own file wins, as with robots.txt and sitemap.xml.
    files.into_iter().filter(|(path, _)| !site.files.contains_key(path)).collect()
}

/// The files in `host`'s syntax for `plan`.
pub(super) fn host_files(plan: &HostPlan, host: Host) -> Vec<(String, Vec<u8>)> {
    let files = match host {
        Host::Netlify | Host::Cloudflare => {
            vec![("_redirects".to_string(), redirects_file(plan, host)), ("_headers".to_string(), headers_file(plan))]
        }
        Host::Vercel => vec![("vercel.json".to_string(), vercel_json(plan))],
        Host::Nginx => nginx_files(plan),
        Host::S3 => {
            let mut files = vec![("routing-rules.json".to_string(), routing_rules(plan).0)];
            files.extend(plan.cors.as_ref().map(|cors| ("s3-cors.json".to_string(), s3_cors(cors))));
            files
        }
    };
    files.into_iter().map(|(path, text)| (path, text.into_bytes())).collect()
}

/// Warnings when the host cannot do what the site asks: S3 takes at most 50 routing rules, and
/// Netlify's and Cloudflare's header files cannot name each of several origins.
pub fn host_warnings(site: &Site, theme: &Theme, aliases: &[Alias]) -> Vec<Diagnostic> {
    let Some(host) = site.config.host else { return Vec::new() };
    let own_rules = site.files.contains_key("routing-rules.json");
    plan_warnings(&host_plan(site, theme, aliases), host, &site.config.root, own_rules)
}

/// The warnings for `plan` on `host`; `own_rules` when the site publishes its own routing-rules.json.
pub(super) fn plan_warnings(plan: &HostPlan, host: Host, root: &Path, own_rules: bool) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let at = || Location::file(root.join("site.yaml"));
    let fixed_headers = matches!(host, Host::Netlify | Host::Cloudflare);
    if let Some(cors) = plan.cors.as_ref().filter(|c| fixed_headers && c.needs_wildcard()) {
        let host = host.name();
        warnings.push(
            Diagnostic::new(
                at(),
                format!(
                    "`host: {host}` sends one Access-Control-Allow-Origin for all {} of help_widget.allowed_origins, so the widget's files get `*`",
                    cors.origins.len()
                ),
            )
            .with_help("the files are public anyway; to name each origin, list one, or use host: vercel or nginx, which choose per request"),
        );
    }
    if host != Host::S3 || own_rules {
        return warnings;
    }
    let (_, left_out) = routing_rules(plan);
    if left_out == 0 {
        return warnings;
    }
    warnings.push(Diagnostic::new(
        at(),
        format!(
            "`host: s3`: {left_out} of the site's redirects are not in routing-rules.json, which S3 limits to {} rules",
            super::host_formats::S3_MAX_RULES
        ),
    )
    .with_help("those old addresses still redirect through their pages; for real 301s for all of them, put a CloudFront function in front of the bucket"));
    warnings
}

/// What the host files of `site` say, without the other languages of a multilingual site.
pub(super) fn host_plan(site: &Site, theme: &Theme, aliases: &[Alias]) -> HostPlan {
    let config = &site.config;
    let base = config.base_path.clone();
    let redirects = aliases
        .iter()
        .map(|alias| {
            let folder = alias.output.ends_with("/index.html");
            let path = if folder { alias.output.trim_end_matches("index.html") } else { &alias.output };
            let from = format!("{base}/{path}");
            HostRedirect {
                from_ascii: encode_path(&from),
                from,
                to: ascii_url(&site.url(alias.target_url_path())),
                folder,
            }
        })
        .collect();
    let all = vec![
        ("Content-Security-Policy", content_security_policy(config)),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("Referrer-Policy", "strict-origin-when-cross-origin".to_string()),
    ];
    let mut assets: Vec<&str> = theme
        .static_files
        .keys()
        .map(String::as_str)
        .chain(["syntax-light.css", "syntax-dark.css"])
        .filter(|p| p.ends_with(".css") || p.ends_with(".js"))
        .collect();
    assets.sort();
    assets.dedup();
    // The theme's files are published once, beside the default language (`asset_path`).
    let assets_base = &config.view.asset_path;
    let cached = assets
        .into_iter()
        .map(|p| HeaderRule {
            path: encode_path(&format!("{assets_base}/{p}")),
            headers: vec![("Cache-Control", ASSET_CACHE.into())],
        })
        .collect();
    let (scheme, rest) = config.base_url.split_once("://").unwrap_or(("https", &config.base_url));
    let authority = rest.split('/').next().unwrap_or_default().to_string();
    let published = site
        .pages
        .iter()
        .map(|p| p.url_path.as_str())
        .chain(site.sections.iter().map(|s| s.url_path.as_str()))
        .chain(
            site.taxonomies
                .iter()
                .flat_map(|t| std::iter::once(&t.url_path).chain(t.terms.iter().map(|term| &term.url_path)))
                .map(String::as_str),
        )
        // Made after this stage: the search index and the feedback thank-you pages.
        .chain(["/search/", "/feedback/thanks/"])
        .map(|u| format!("{}index.html", u.trim_start_matches('/')))
        .chain(site.files.keys().cloned())
        .chain(theme.static_files.keys().cloned())
        .collect();
    let cors = cors_plan(site);
    let widget_policy = config.help_widget.as_ref().map(|_| widget_policy(config));
    HostPlan {
        redirects,
        base,
        all,
        cached,
        scheme: scheme.to_string(),
        authority,
        published,
        cors,
        widget_policy,
        not_found: Vec::new(),
    }
}

/// A decoded path as a browser puts it on the wire: non-ASCII (as UTF-8), spaces, controls and
/// the characters that would end or escape a path percent-encoded; the rest as it is.
pub(super) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_graphic() && !matches!(byte, b'%' | b'"' | b'#' | b'?' | b'<' | b'>' | b'`' | b'{' | b'}') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_as_browsers_send_them() {
        assert_eq!(encode_path("/help/ישן/"), "/help/%D7%99%D7%A9%D7%9F/");
        assert_eq!(encode_path("/a b/100%/x?.html"), "/a%20b/100%25/x%3F.html");
        assert_eq!(encode_path("/old-(1)/"), "/old-(1)/");
    }
}
