//! Which file a request path names, decided without touching the disk, so no request can reach
//! outside the built site: `..`, encoded or not, backslashes and NUL are refused outright.

use crate::output::Output;

/// What to answer for a path.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// Serve this output file.
    File(String),
    /// `/guides` where `/guides/` exists: send the browser to the folder URL.
    Redirect(String),
    NotFound,
}

/// Maps a request target (`/kb/billing/?q=x`) to a file of `output`.
pub fn route(target: &str, output: &Output) -> Route {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(path) else { return Route::NotFound };
    if !is_safe(&decoded) {
        return Route::NotFound;
    }
    let key = decoded.trim_start_matches('/');
    if key.is_empty() || key.ends_with('/') {
        let index = format!("{key}index.html");
        return if output.files.contains_key(&index) { Route::File(index) } else { Route::NotFound };
    }
    if output.files.contains_key(key) {
        return Route::File(key.to_string());
    }
    if output.files.contains_key(&format!("{key}/index.html")) {
        let query = target.find('?').map(|i| &target[i..]).unwrap_or("");
        return Route::Redirect(format!("{path}/{query}"));
    }
    Route::NotFound
}

/// No parent or current-folder segments, no backslashes (`..\`), no NUL, no drive letters.
fn is_safe(path: &str) -> bool {
    !path.contains('\\')
        && !path.contains('\0')
        && !path.contains(':')
        && path.split('/').all(|segment| segment != ".." && segment != ".")
        && !path.starts_with("//")
}

// Aliases decode old addresses the same way the server decodes requests.
use crate::url::percent_decode;

/// The Content-Type for an output path.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == "javascript" || mime.subtype() == "json" => format!("{mime}; charset=utf-8"),
        _ => mime.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::FileSource;

    fn output() -> Output {
        let mut o = Output::default();
        for path in ["index.html", "kb/index.html", "kb/a/index.html", "folio.css", "מדריך/index.html"] {
            o.files.insert(path.to_string(), FileSource::Bytes(Vec::new().into()));
        }
        o
    }

    #[test]
    fn folders_serve_their_index() {
        assert_eq!(route("/", &output()), Route::File("index.html".into()));
        assert_eq!(route("/kb/a/", &output()), Route::File("kb/a/index.html".into()));
        assert_eq!(route("/folio.css?v=2", &output()), Route::File("folio.css".into()));
        assert_eq!(route("/%D7%9E%D7%93%D7%A8%D7%99%D7%9A/", &output()), Route::File("מדריך/index.html".into()));
    }

    #[test]
    fn folder_without_slash_redirects() {
        assert_eq!(route("/kb/a", &output()), Route::Redirect("/kb/a/".into()));
        assert_eq!(route("/kb?q=x", &output()), Route::Redirect("/kb/?q=x".into()));
    }

    #[test]
    fn traversal_is_not_found() {
        for target in [
            "/../etc/passwd",
            "/kb/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2e%2e%2fetc%2fpasswd",
            "/..%5c..%5cwindows",
            "/kb/..\\..\\x",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/kb/%00",
            "/%zz",
        ] {
            assert_eq!(route(target, &output()), Route::NotFound, "{target}");
        }
    }

    #[test]
    fn mime_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("folio.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x.svg"), "image/svg+xml");
        assert_eq!(content_type("x.woff2"), "font/woff2");
        assert_eq!(content_type("x.unknown"), "application/octet-stream");
    }
}
