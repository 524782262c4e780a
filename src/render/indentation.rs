//! Template indentation taken out of rendered pages. Templates are indented for their readers, and
//! that indentation was about 1 KB of every page (3–4 % of an article) that no browser shows: outside
//! `<pre>`, `<textarea>`, `<script>` and `<style>`, a run of spaces after a line break renders as the
//! line break alone, so removing it — and lines left blank — changes no rendering. Inside those four
//! elements every byte is kept.

/// Elements whose text is shown (or run) as written.
const RAW: [&str; 4] = ["pre", "textarea", "script", "style"];

/// `html` without the spaces and tabs that start its lines and without blank lines, except inside
/// the elements of [`RAW`].
pub fn strip_indentation(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut raw: Option<&str> = None; // the element whose closing tag ends the raw text
    for line in html.split_inclusive('\n') {
        let text = if raw.is_none() { line.trim_start_matches([' ', '\t']) } else { line };
        if raw.is_none() && (text == "\n" || text == "\r\n") {
            continue;
        }
        out.push_str(text);
        raw = raw_after(text, raw);
    }
    out
}

/// Whether a raw element is still open at the end of `line`, given the one open at its start.
fn raw_after<'a>(line: &str, mut raw: Option<&'a str>) -> Option<&'a str> {
    let bytes = line.as_bytes();
    let mut at = 0;
    while let Some(lt) = line[at..].find('<').map(|i| i + at) {
        at = lt + 1;
        match raw {
            Some(name) => {
                if tag_at(bytes, lt + 1, "/", name) {
                    raw = None;
                }
            }
            None => raw = RAW.into_iter().find(|name| tag_at(bytes, lt + 1, "", name)),
        }
    }
    raw
}

/// Whether `bytes[at..]` is `slash` + `name` (any case) followed by the end of the tag name.
fn tag_at(bytes: &[u8], at: usize, slash: &str, name: &str) -> bool {
    let end = at + slash.len() + name.len();
    end <= bytes.len()
        && bytes[at..at + slash.len()] == *slash.as_bytes()
        && bytes[at + slash.len()..end].eq_ignore_ascii_case(name.as_bytes())
        && bytes.get(end).is_none_or(|b| matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::strip_indentation;

    #[test]
    fn leading_spaces_and_blank_lines_go() {
        let html = "<ul>\n  <li><a href=\"/\">Home</a></li>\n\n    \n\t<li>Two</li>\n</ul>\n";
        assert_eq!(strip_indentation(html), "<ul>\n<li><a href=\"/\">Home</a></li>\n<li>Two</li>\n</ul>\n");
    }

    #[test]
    fn preformatted_text_keeps_every_byte() {
        let html =
            "  <div>\n    <pre class=\"code\"><code>fn main() {\n    run();\n\n}</code></pre>\n    <p>after</p>\n";
        assert_eq!(
            strip_indentation(html),
            "<div>\n<pre class=\"code\"><code>fn main() {\n    run();\n\n}</code></pre>\n<p>after</p>\n"
        );
    }

    #[test]
    fn scripts_styles_and_textareas_are_kept_and_closed_in_any_case() {
        let html = "<SCRIPT>\n  let a = `\n  x`;\n</Script>\n  <textarea name=\"t\">\n  typed\n</textarea>\n  <style>\n  a {}\n</style>\n  <p>end</p>";
        assert_eq!(
            strip_indentation(html),
            "<SCRIPT>\n  let a = `\n  x`;\n</Script>\n<textarea name=\"t\">\n  typed\n</textarea>\n<style>\n  a {}\n</style>\n<p>end</p>"
        );
    }

    #[test]
    fn a_tag_that_only_starts_like_a_raw_one_is_not_raw() {
        let html = "<preview>\n  <p>x</p>\n<pre>\n  y</pre><p>\n  z</p>\n";
        assert_eq!(strip_indentation(html), "<preview>\n<p>x</p>\n<pre>\n  y</pre><p>\nz</p>\n");
    }
}
