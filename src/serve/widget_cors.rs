//! The help widget against `folio serve`: a product running on this machine (another port of
//! `localhost` or `127.0.0.1`) may read the widget's files — each language's `help/context.json`, the
//! search index and the search client — as it would read them from the published site with the host's
//! CORS headers. Only loopback origins, and only with `help_widget:` in site.yaml: the preview may hold
//! drafts, which no page on another machine may read (see `trust`).

use crate::config::Config;

/// The `Access-Control-Allow-Origin` to send for `path` (an output path) asked for from `origin`.
pub fn widget_cors_origin<'a>(path: &str, origin: Option<&'a str>, config: Option<&Config>) -> Option<&'a str> {
    config?.help_widget.as_ref()?;
    let widget_file = path.ends_with("help/context.json") || path.split('/').any(|segment| segment == "search");
    let origin = origin?;
    (widget_file && is_loopback_origin(origin)).then_some(origin)
}

/// `http://localhost:3000`, `http://127.0.0.1:8080`, `http://[::1]:5173` (any port, or none).
fn is_loopback_origin(origin: &str) -> bool {
    let Some(authority) = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) else {
        return false;
    };
    // The host, and what follows it: nothing or `:port`.
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let Some((host, rest)) = v6.split_once(']') else { return false };
        (host, rest)
    } else {
        authority.find(':').map_or((authority, ""), |i| (&authority[..i], &authority[i..]))
    };
    let port_fine = port.is_empty()
        || port.strip_prefix(':').is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    port_fine && loopback
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(widget: bool) -> Config {
        let block = if widget { "help_widget: {}\n" } else { "" };
        let text = format!("title: A\nbase_url: https://e.com\n{block}");
        crate::config::parse_config(&text, std::path::Path::new("/site"), std::path::Path::new("site.yaml")).unwrap()
    }

    #[test]
    fn a_product_on_this_machine_may_read_the_widgets_files() {
        let on = config(true);
        let local = Some("http://localhost:3000");
        assert_eq!(widget_cors_origin("help/context.json", local, Some(&on)), local);
        assert_eq!(
            widget_cors_origin("he/search/index-he.json", Some("http://127.0.0.1:8080"), Some(&on)),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            widget_cors_origin("search/core.js", Some("http://[::1]:5173"), Some(&on)),
            Some("http://[::1]:5173")
        );
    }

    #[test]
    fn pages_other_origins_and_sites_without_the_widget_get_nothing() {
        let on = config(true);
        let local = Some("http://localhost:3000");
        assert_eq!(widget_cors_origin("kb/a/index.html", local, Some(&on)), None);
        assert_eq!(widget_cors_origin("help/context.json", Some("https://app.example.com"), Some(&on)), None);
        assert_eq!(widget_cors_origin("help/context.json", Some("http://localhost.example.com"), Some(&on)), None);
        assert_eq!(widget_cors_origin("help/context.json", Some("http://127.0.0.1.evil.example"), Some(&on)), None);
        assert_eq!(widget_cors_origin("help/context.json", Some("http://localhost:3000/x"), Some(&on)), None);
        assert_eq!(widget_cors_origin("help/context.json", None, Some(&on)), None);
        assert_eq!(widget_cors_origin("help/context.json", local, Some(&config(false))), None);
    }
}
