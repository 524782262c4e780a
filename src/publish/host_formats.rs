//! Each host's own syntax for the same plan (`host_files::HostPlan`): Netlify's and Cloudflare's
//! `_redirects` and `_headers`, `vercel.json`, nginx `map`s and `add_header` lines, and an S3
//! website's routing rules.

use super::host_cors::CorsPlan;
use super::host_files::{encode_path, HostPlan, HostRedirect};
use crate::config::Host;
use serde_json::{json, Value};

const WRITTEN_BY: &str =
    "Written by Folio from site.yaml and the pages' `aliases:`; a file of this name in static/ replaces it.";

/// `_redirects`: one line for each old address. Netlify serves an existing file before a rule
/// unless the rule is forced (`301!`), and the redirect pages exist, so its rules are forced;
/// Cloudflare always follows a rule first and knows no `!`.
pub(super) fn redirects_file(plan: &HostPlan, host: Host) -> String {
    let status = if host == Host::Netlify { "301!" } else { "301" };
    let mut out = format!("# {WRITTEN_BY}\n");
    for redirect in &plan.redirects {
        for from in sources(redirect) {
            out.push_str(&format!("{from} {} {status}\n", redirect.to));
        }
    }
    out.push_str(&not_found_rules(plan, host));
    out
}

/// Each language's 404 page for the missing addresses under its prefix, after every redirect:
/// the first rule that matches wins. Netlify applies an unforced rule only where no file exists,
/// so `/en/* /en/404.html 404` leaves the pages alone. Cloudflare Pages would apply it to every
/// address under `/en/` and takes no `404` status in `_redirects`; it serves the nearest
/// `404.html` up the folder tree by itself, so it needs no rule.
fn not_found_rules(plan: &HostPlan, host: Host) -> String {
    if plan.not_found.is_empty() {
        return String::new();
    }
    if host == Host::Cloudflare {
        return "# Each language's 404.html: Cloudflare Pages serves the nearest one by itself.\n".into();
    }
    let mut out = "# Each language's 404 page for missing addresses under it.\n".to_string();
    for language in &plan.not_found {
        out.push_str(&format!("{}* {} 404\n", encode_path(&language.prefix), encode_path(&language.page)));
    }
    out
}

/// The old address as requested, and a folder's also without its trailing slash.
fn sources(redirect: &HostRedirect) -> Vec<String> {
    let mut sources = vec![redirect.from_ascii.clone()];
    if redirect.folder {
        sources.push(redirect.from_ascii.trim_end_matches('/').to_string());
    }
    sources
}

/// `_headers`: the policy and its companions for every response, then each cached file.
pub(super) fn headers_file(plan: &HostPlan) -> String {
    let mut out = format!("# {WRITTEN_BY}\n{}/*\n", plan.base);
    for (name, value) in &plan.all {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    for rule in &plan.cached {
        out.push_str(&format!("\n{}\n", rule.path));
        for (name, value) in &rule.headers {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    if let Some(cors) = &plan.cors {
        out.push_str(&widget_comment(plan, "#"));
        let value = cors.single_value();
        for path in &cors.paths {
            out.push_str(&format!("{path}\n  Access-Control-Allow-Origin: {value}\n"));
            if value != "*" {
                out.push_str("  Vary: Origin\n");
            }
        }
    }
    out
}

/// Comment lines before the widget's rules: what they are for, and the product page's policy.
fn widget_comment(plan: &HostPlan, mark: &str) -> String {
    let mut out = format!("\n{mark} The help widget's files, readable from help_widget.allowed_origins.\n");
    if let Some(policy) = &plan.widget_policy {
        out.push_str(&format!("{mark} A product page embedding help-widget.js allows in its own policy: {policy}\n"));
    }
    out
}

/// An S3 bucket's CORS configuration (`aws s3api put-bucket-cors`): it names every origin, but
/// covers the whole bucket, not only the widget's files.
pub(super) fn s3_cors(cors: &CorsPlan) -> String {
    let doc = json!({ "CORSRules": [{
        "AllowedOrigins": cors.origins,
        "AllowedMethods": ["GET", "HEAD"],
        "AllowedHeaders": ["*"],
        "MaxAgeSeconds": 3600,
    }] });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// `vercel.json`. `permanent: true` would answer 308, so the status is given as 301.
pub(super) fn vercel_json(plan: &HostPlan) -> String {
    let redirects: Vec<Value> = plan
        .redirects
        .iter()
        .flat_map(|r| {
            sources(r)
                .into_iter()
                .map(|from| json!({ "source": vercel_pattern(&from), "destination": r.to, "statusCode": 301 }))
        })
        .collect();
    let header_list = |headers: &[(&str, String)]| -> Vec<Value> {
        headers.iter().map(|(k, v)| json!({ "key": k, "value": v })).collect()
    };
    let mut headers = vec![json!({ "source": format!("{}/(.*)", plan.base), "headers": header_list(&plan.all) })];
    headers.extend(
        plan.cached
            .iter()
            .map(|rule| json!({ "source": vercel_pattern(&rule.path), "headers": header_list(&rule.headers) })),
    );
    if let Some(cors) = &plan.cors {
        headers.extend(vercel_cors(cors));
    }
    let doc = json!({ "redirects": redirects, "headers": headers });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// One rule per widget path and origin: Vercel answers only a request whose `Origin` is that one.
fn vercel_cors(cors: &CorsPlan) -> Vec<Value> {
    let mut rules = Vec::new();
    for path in &cors.paths {
        let source = match path.strip_suffix("/*") {
            Some(folder) => format!("{}/(.*)", vercel_pattern(folder)),
            None => vercel_pattern(path),
        };
        for origin in &cors.origins {
            let mut headers = vec![json!({ "key": "Access-Control-Allow-Origin", "value": origin })];
            let mut rule = json!({ "source": source });
            if origin != "*" {
                headers.push(json!({ "key": "Vary", "value": "Origin" }));
                let exact = format!("^{}$", regex_escape(origin));
                rule["has"] = json!([{ "type": "header", "key": "origin", "value": exact }]);
            }
            rule["headers"] = Value::Array(headers);
            rules.push(rule);
        }
    }
    rules
}

fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Vercel reads sources as path-to-regexp patterns: its special characters are escaped.
fn vercel_pattern(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if matches!(c, '(' | ')' | '{' | '}' | ':' | '*' | '+' | '?' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// nginx allows `map` only in the `http` block, so the maps are one file (`include` it there)
/// and the rules that read them another (`include` it in the `server` block).
pub(super) fn nginx_files(plan: &HostPlan) -> Vec<(String, String)> {
    let mut maps = format!(
        "# {WRITTEN_BY}\n# Include in the http block; nginx-folio.conf, in the server block, reads these.\n\
         map $uri $folio_redirect {{\n    default \"\";\n"
    );
    for redirect in &plan.redirects {
        // `$uri` is the decoded path, so the keys are too; `$` would start a variable in a value.
        let to = redirect.to.replace('$', "%24");
        let mut froms = vec![redirect.from.clone()];
        if redirect.folder {
            froms.push(redirect.from.trim_end_matches('/').to_string());
        }
        for from in froms {
            maps.push_str(&format!("    {} {};\n", nginx_quote(&from), nginx_quote(&to)));
        }
    }
    maps.push_str("}\n\nmap $uri $folio_cache_control {\n    default \"\";\n");
    for rule in &plan.cached {
        let path = crate::url::percent_decode(&rule.path).unwrap_or_else(|| rule.path.clone());
        for (_, value) in &rule.headers {
            maps.push_str(&format!("    {} {};\n", nginx_quote(&path), nginx_quote(value)));
        }
    }
    maps.push_str("}\n");
    if let Some(cors) = &plan.cors {
        maps.push_str(&nginx_cors_maps(plan, cors));
    }
    maps.push_str(&nginx_not_found_map(plan));
    let mut server = format!(
        "# {WRITTEN_BY}\n# Include in the server block; nginx-folio-maps.conf must be included in the http block.\n\
         # A location with add_header lines of its own drops these: repeat them there.\n\
         if ($folio_redirect) {{\n    return 301 $folio_redirect;\n}}\n"
    );
    for (name, value) in &plan.all {
        server.push_str(&format!("add_header {name} {} always;\n", nginx_quote(value)));
    }
    // An empty value sends no header: only the mapped files get one.
    server.push_str("add_header Cache-Control $folio_cache_control;\n");
    if plan.cors.is_some() {
        server.push_str("add_header Access-Control-Allow-Origin $folio_widget_origin always;\n");
        server.push_str("add_header Vary $folio_widget_vary;\n");
    }
    if !plan.not_found.is_empty() {
        // error_page takes variables: one directive, no `location` blocks to clash with the server's own.
        server.push_str("error_page 404 $folio_not_found;\n");
    }
    vec![("nginx-folio-maps.conf".into(), maps), ("nginx-folio.conf".into(), server)]
}

/// `$folio_widget_origin`: the request's `Origin` when it is allowed and the file is one of the
/// widget's, else empty (no header); `$folio_widget_vary` tells caches the answer depends on it.
fn nginx_cors_maps(plan: &HostPlan, cors: &CorsPlan) -> String {
    let mut out = widget_comment(plan, "#");
    out.push_str("map $uri $folio_widget_file {\n    default 0;\n");
    for path in &cors.paths {
        let decoded = crate::url::percent_decode(path).unwrap_or_else(|| path.clone());
        match decoded.strip_suffix('*') {
            Some(folder) => out.push_str(&format!("    {} 1;\n", nginx_quote(&format!("~^{}", regex_escape(folder))))),
            None => out.push_str(&format!("    {} 1;\n", nginx_quote(&decoded))),
        }
    }
    out.push_str("}\n\nmap \"$folio_widget_file:$http_origin\" $folio_widget_origin {\n    default \"\";\n");
    for origin in &cors.origins {
        if origin == "*" {
            out.push_str("    \"~^1:\" \"*\";\n");
        } else {
            out.push_str(&format!("    {} {};\n", nginx_quote(&format!("1:{origin}")), nginx_quote(origin)));
        }
    }
    out.push_str("}\n\nmap $folio_widget_file $folio_widget_vary {\n    default \"\";\n    1 \"Origin\";\n}\n");
    out
}

/// `$folio_not_found`: the 404 page of the language whose prefix the missing address is under,
/// else the root's. Regular expressions are tried in the order written.
fn nginx_not_found_map(plan: &HostPlan) -> String {
    if plan.not_found.is_empty() {
        return String::new();
    }
    let root = format!("{}/404.html", plan.base);
    let mut out = format!("\nmap $uri $folio_not_found {{\n    default {};\n", nginx_quote(&root));
    for language in &plan.not_found {
        let pattern = format!("~^{}", regex_escape(&language.prefix));
        out.push_str(&format!("    {} {};\n", nginx_quote(&pattern), nginx_quote(&language.page)));
    }
    out.push_str("}\n");
    out
}

fn nginx_quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// S3 website routing rules. A rule matches a key *prefix*, so an alias whose prefix would also
/// catch another published file is left to its redirect page. Redirects name the site's host:
/// behind CloudFront, S3 would otherwise send readers to the bucket's own address.
/// S3 refuses a website configuration with more routing rules than this, all of it.
pub const S3_MAX_RULES: usize = 50;

/// The routing rules, at most `S3_MAX_RULES` (the first by old address; the rest keep their redirect pages),
/// and how many were left out.
pub(super) fn routing_rules(plan: &HostPlan) -> (String, usize) {
    let base = plan.base.trim_start_matches('/');
    let outputs: Vec<String> = plan.redirects.iter().map(|r| output_of(r, &plan.base)).collect();
    let rules: Vec<Value> = plan
        .redirects
        .iter()
        .zip(&outputs)
        .filter(|(redirect, own)| {
            let key = redirect.from.trim_start_matches('/');
            let relative = key.strip_prefix(base).unwrap_or(key).trim_start_matches('/');
            !plan.published.iter().chain(&outputs).any(|p| p != *own && p.starts_with(relative))
        })
        .map(|(redirect, _)| {
            json!({
                "Condition": { "KeyPrefixEquals": redirect.from.trim_start_matches('/') },
                "Redirect": {
                    "Protocol": plan.scheme,
                    "HostName": plan.authority,
                    "ReplaceKeyWith": redirect.to.trim_start_matches('/'),
                    "HttpRedirectCode": "301",
                },
            })
        })
        .collect();
    let left_out = rules.len().saturating_sub(S3_MAX_RULES);
    let kept = &rules[..rules.len().min(S3_MAX_RULES)];
    (serde_json::to_string_pretty(kept).unwrap_or_default() + "\n", left_out)
}

/// The redirect page's output path again, relative to the base path.
fn output_of(redirect: &HostRedirect, base: &str) -> String {
    let path = redirect.from.strip_prefix(base).unwrap_or(&redirect.from).trim_start_matches('/');
    if redirect.folder {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}
