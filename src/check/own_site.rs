//! Links written as full addresses of the site itself (`https://example.com/kb/refunds/`): checked
//! against the build rather than the network, since the pages may not be published yet — or may
//! be published in an older version that still has a page this build no longer makes.

use super::html_scan::element_ids;
use super::probe::Verdict;
use crate::config::LinkProblem;
use crate::output::Output;

/// Whether `url` is an address of the site published at `base_url` (no trailing slash).
pub fn is_own(url: &str, base_url: &str) -> bool {
    url.strip_prefix(base_url).is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
}

/// Whether the build made the page `url` names, and the element its `#fragment` names.
pub fn check_own(url: &str, base_url: &str, output: &Output) -> Verdict {
    let rest = &url[base_url.len()..];
    let (path, fragment) = match rest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment).filter(|f| !f.is_empty())),
        None => (rest, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let shown = if path.is_empty() { "/" } else { path };
    let Some(file) = output_files(path).into_iter().find(|f| output.files.contains_key(f)) else {
        return Verdict {
            problem: Some(LinkProblem::Broken),
            status: None,
            detail: format!("this site has no page at {shown} (checked against the build)"),
            moved_to: None,
        };
    };
    if let Some(fragment) = fragment.filter(|_| file.ends_with(".html")) {
        let ids = output.text(&file).map(|html| element_ids(&html)).unwrap_or_default();
        let decoded = crate::url::percent_decode(fragment).unwrap_or_else(|| fragment.to_string());
        if !ids.contains(fragment) && !ids.contains(&decoded) {
            return Verdict {
                problem: Some(LinkProblem::Anchor),
                status: None,
                detail: format!("{shown} has no element with id `{decoded}` (checked against the build)"),
                moved_to: None,
            };
        }
    }
    Verdict { problem: None, status: None, detail: format!("{shown} is in the build"), moved_to: None }
}

/// The output files an address path may be served from: `/kb/` → `kb/index.html`; `/kb` → `kb`
/// or `kb/index.html`.
fn output_files(path: &str) -> Vec<String> {
    let path = path.trim_start_matches('/');
    let path = crate::url::percent_decode(path).unwrap_or_else(|| path.to_string());
    if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.clone(), format!("{path}/index.html")]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::FileSource;

    fn output() -> Output {
        let mut output = Output::default();
        let page = |html: &str| FileSource::Bytes(html.as_bytes().to_vec().into());
        output.files.insert("index.html".into(), page("<h1 id=\"top\">Home</h1>"));
        output.files.insert("kb/refunds/index.html".into(), page("<h2 id=\"how\">How</h2>"));
        output.files.insert("files/guide.pdf".into(), page(""));
        output
    }

    #[test]
    fn own_addresses_are_looked_up_in_the_build() {
        let base = "https://example.com/help";
        assert!(is_own("https://example.com/help/kb/", base) && is_own(base, base));
        assert!(!is_own("https://example.com/helpdesk/", base) && !is_own("https://other.com/help/", base));
        let problem = |url: &str| check_own(url, base, &output()).problem;
        assert_eq!(problem("https://example.com/help"), None);
        assert_eq!(problem("https://example.com/help/kb/refunds/#how"), None);
        assert_eq!(problem("https://example.com/help/kb/refunds"), None);
        assert_eq!(problem("https://example.com/help/files/guide.pdf?v=2"), None);
        assert_eq!(problem("https://example.com/help/kb/refunds/#why"), Some(LinkProblem::Anchor));
        let missing = check_own("https://example.com/help/kb/gone/", base, &output());
        assert_eq!(missing.problem, Some(LinkProblem::Broken));
        assert_eq!(missing.detail, "this site has no page at /kb/gone/ (checked against the build)");
    }
}
