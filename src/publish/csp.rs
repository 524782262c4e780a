//! The Content-Security-Policy the host files send: what the default theme needs (its own scripts,
//! styles and images, nothing inline) plus exactly the origins the configured feedback transport
//! and comment provider load from or send to. content/docs/feedback.md lists the same per provider.

use crate::config::feedback::{CommentsConfig, FeedbackConfig, Provider, Transport};
use crate::config::Config;
use std::collections::BTreeMap;

/// The policy for `config`, one line, directives in a fixed order.
pub fn content_security_policy(config: &Config) -> String {
    // Directive → sources; `'self'` first in each, added sources after it in a stable order.
    let mut policy: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for directive in ["script-src", "style-src", "img-src", "font-src", "connect-src", "form-action", "frame-src"] {
        policy.insert(directive, vec!["'self'".into()]);
    }
    if let Some(feedback) = &config.feedback {
        add_feedback(&mut policy, feedback);
    }
    if let Some(comments) = &config.comments {
        add_comments(&mut policy, comments);
    }
    let mut out = String::from("default-src 'self'; base-uri 'self'; object-src 'none'");
    // The order a reader looks for them in, not alphabetical.
    for directive in ["script-src", "style-src", "img-src", "font-src", "connect-src", "form-action", "frame-src"] {
        if let Some(sources) = policy.get(directive) {
            let mut seen = Vec::new();
            for source in sources {
                if !seen.contains(&source) {
                    seen.push(source);
                }
            }
            out.push_str(&format!("; {directive} {}", seen.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")));
        }
    }
    out
}

/// What a product page that embeds the help widget must allow in its own Content-Security-Policy:
/// the help site's origin for the script, its stylesheet and its JSON, and the feedback endpoint's
/// origin for a vote. One line, `directive sources; …`, to merge into the product's policy.
pub fn widget_policy(config: &Config) -> String {
    let site = origin_of(&config.base_url).unwrap_or_default();
    let mut connect = vec![site.clone()];
    if let Some(feedback) = config.feedback.as_ref().filter(|f| f.transport == Some(Transport::Endpoint)) {
        // An endpoint on the help site itself is covered by its origin.
        connect.extend(feedback.endpoint.as_deref().and_then(origin_of).filter(|o| *o != site));
    }
    format!("script-src {site}; style-src {site}; connect-src {}", connect.join(" "))
}

/// The endpoint's origin for the script's POST and the plain form's; mailto and GitHub for forms.
fn add_feedback(policy: &mut BTreeMap<&str, Vec<String>>, feedback: &FeedbackConfig) {
    let mut add = |directive: &'static str, source: String| policy.entry(directive).or_default().push(source);
    match feedback.transport {
        Some(Transport::Endpoint) => {
            // A path on the site itself is already 'self'.
            if let Some(origin) = feedback.endpoint.as_deref().and_then(origin_of) {
                add("connect-src", origin.clone());
                add("form-action", origin);
            }
        }
        Some(Transport::Mailto) => add("form-action", "mailto:".into()),
        Some(Transport::Github) => add("form-action", "https://github.com".into()),
        None => {}
    }
}

/// What each provider's embed loads, as folio-feedback.js starts it.
fn add_comments(policy: &mut BTreeMap<&str, Vec<String>>, comments: &CommentsConfig) {
    let mut add = |directives: &[&'static str], source: &str| {
        for directive in directives {
            policy.entry(directive).or_default().push(source.to_string());
        }
    };
    let server = comments.url.as_deref().and_then(origin_of);
    match comments.provider {
        Provider::Giscus => add(&["script-src", "frame-src"], "https://giscus.app"),
        Provider::Utterances => add(&["script-src", "frame-src"], "https://utteranc.es"),
        Provider::Disqus => {
            let shortname = comments.shortname.as_deref().unwrap_or_default().trim();
            add(&["script-src"], &format!("https://{shortname}.disqus.com"));
            add(&["script-src"], "https://c.disquscdn.com");
            add(&["frame-src"], "https://disqus.com");
            add(&["img-src"], "https://*.disquscdn.com");
        }
        Provider::Isso => {
            if let Some(server) = &server {
                add(&["script-src", "connect-src"], server);
            }
        }
        Provider::Remark42 => {
            if let Some(server) = &server {
                add(&["script-src", "connect-src", "frame-src"], server);
            }
        }
        Provider::Cusdis => {
            let server = server.unwrap_or_else(|| "https://cusdis.com".into());
            add(&["script-src", "connect-src", "frame-src"], &server);
        }
        // The site's own embed code: Folio cannot know what it loads (publishing.md says how to add it).
        Provider::Custom => {}
    }
}

/// `https://forms.example.com/f/abc` → `https://forms.example.com`; `None` for a path on the site.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().filter(|a| !a.is_empty())?;
    // Credentials never belong in a policy.
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    Some(format!("{}://{}", scheme.to_ascii_lowercase(), authority.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn policy(yaml: &str) -> String {
        let text = format!("title: A\nbase_url: https://e.com\n{yaml}");
        content_security_policy(
            &crate::config::parse_config(&text, Path::new("/site"), Path::new("site.yaml")).unwrap(),
        )
    }

    #[test]
    fn the_theme_alone_gets_a_policy_of_its_own_origin() {
        assert_eq!(
            policy(""),
            "default-src 'self'; base-uri 'self'; object-src 'none'; script-src 'self'; style-src 'self'; \
             img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; frame-src 'self'"
        );
    }

    #[test]
    fn the_endpoint_and_the_provider_add_their_origins() {
        let p = policy(
            "feedback:\n  transport: endpoint\n  endpoint: https://Forms.example.com:8443/f/abc?x=1\n\
             comments:\n  provider: remark42\n  url: https://talk.example.com/remark/\n  site_id: s\n",
        );
        assert!(p.contains("; connect-src 'self' https://forms.example.com:8443 https://talk.example.com;"), "{p}");
        assert!(p.contains("; form-action 'self' https://forms.example.com:8443;"), "{p}");
        assert!(p.contains("; script-src 'self' https://talk.example.com;"), "{p}");
        assert!(p.ends_with("; frame-src 'self' https://talk.example.com"), "{p}");
    }

    #[test]
    fn a_path_endpoint_and_mail_add_only_what_they_need() {
        assert!(
            !policy("feedback:\n  transport: endpoint\n  endpoint: /api/feedback\n").contains("connect-src 'self' ")
        );
        let mail = policy("feedback:\n  transport: mailto\n  email: a@b.co\n");
        assert!(mail.contains("; form-action 'self' mailto:;"), "{mail}");
    }

    #[test]
    fn a_product_page_allows_the_help_site_and_the_feedback_endpoint() {
        let text = "title: A\nbase_url: https://help.e.com/docs\nfeedback:\n  transport: endpoint\n  endpoint: https://forms.e.com/f\n";
        let config = crate::config::parse_config(text, Path::new("/site"), Path::new("site.yaml")).unwrap();
        assert_eq!(
            widget_policy(&config),
            "script-src https://help.e.com; style-src https://help.e.com; connect-src https://help.e.com https://forms.e.com"
        );
        let own = policy("feedback:\n  transport: endpoint\n  endpoint: /api/feedback\n");
        assert!(!own.contains("widget"), "the site's own policy is unchanged: {own}");
    }

    #[test]
    fn origins_drop_paths_and_credentials() {
        assert_eq!(origin_of("https://u:p@x.example/a").as_deref(), Some("https://x.example"));
        assert_eq!(origin_of("/api/feedback"), None);
    }
}
