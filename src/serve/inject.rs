//! What `folio serve` adds to HTML pages: the live-reload script, the error overlay while the last
//! edit is broken, and the banner on pages that will not be published.

use crate::html::escape_html as escape;
use crate::site::Withheld;

/// The live-reload client, served at `/__folio/live.js`.
pub const LIVE_JS: &str = include_str!("live.js");

const STYLE: &str = "<style>#folio-overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;\
background:rgba(20,20,24,.92);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:2rem}\
#folio-overlay pre{white-space:pre-wrap;direction:ltr;text-align:left;background:#2a1215;border:1px solid #e5484d;\
padding:1rem;border-radius:6px;font:14px/1.5 ui-monospace,monospace}#folio-overlay h2{color:#ff8b8b;margin:0 0 1rem}\
.folio-unpublished{background:#fff3bf;color:#3d2e00;border-block-end:2px solid #e0b000;padding:.5rem 1rem;\
font:600 15px/1.4 system-ui,sans-serif;text-align:center}</style>";

/// What to add to one page.
pub struct Additions<'a> {
    /// The build errors, when the last edit broke the build.
    pub errors: Option<&'a str>,
    /// A note that this page will not be published (draft), in the page's words.
    pub unpublished: Option<&'a str>,
    /// The site version this page comes from; the live-reload client asks for changes since it.
    pub version: u64,
}

/// Adds the script (and overlay or banner) to an HTML page.
pub fn inject(html: &str, additions: &Additions) -> String {
    let mut head = format!("<script src=\"/__folio/live.js?since={}\" defer></script>", additions.version);
    if additions.errors.is_some() || additions.unpublished.is_some() {
        head.push_str(STYLE);
    }
    let mut body = String::new();
    if let Some(errors) = additions.errors {
        body.push_str(&format!(
            "<div id=\"folio-overlay\" role=\"alertdialog\" aria-label=\"Build error\" dir=\"ltr\" lang=\"en\">\
             <h2>Folio could not build the site</h2><p>Showing the last good version. Fix the file and save; \
             this page reloads by itself.</p><pre>{}</pre></div>",
            escape(errors)
        ));
    }
    if let Some(note) = additions.unpublished {
        body.push_str(&format!("<div class=\"folio-unpublished\" role=\"note\">{}</div>", escape(note)));
    }
    let with_head = insert_after_open_tag(html, "<head", &head).unwrap_or_else(|| format!("{head}{html}"));
    if body.is_empty() {
        return with_head;
    }
    insert_after_open_tag(&with_head, "<body", &body).unwrap_or_else(|| format!("{with_head}{body}"))
}

/// Inserts `text` right after the first `<tag …>` of `html`.
fn insert_after_open_tag(html: &str, tag: &str, text: &str) -> Option<String> {
    let start = html.find(tag)?;
    let end = start + html[start..].find('>')? + 1;
    Some(format!("{}{text}{}", &html[..end], &html[end..]))
}

/// The banner text for a page the published site leaves out, in the page's language.
pub fn unpublished_note(lang: &str, why: Withheld) -> &'static str {
    let hebrew = lang.split('-').next() == Some("he");
    match (why, hebrew) {
        (Withheld::Draft, true) => "טיוטה: העמוד הזה מוצג רק בתצוגה המקדימה ולא יפורסם.",
        (Withheld::Draft, false) => "Draft: this page is shown only in preview and will not be published.",
        (Withheld::Unapproved, true) => {
            "תרומת קהילה שטרם אושרה: העמוד מוצג רק בתצוגה המקדימה ויפורסם אחרי שיסומן status: approved."
        }
        (Withheld::Unapproved, false) => {
            "Community contribution awaiting review: shown only in preview; it is published once marked status: approved."
        }
        (Withheld::Future, true) => "מתוזמן: העמוד יפורסם רק בתאריך שלו; כאן הוא מוצג בתצוגה המקדימה בלבד.",
        (Withheld::Future, false) => {
            "Scheduled: this page is published only from its date on; it is shown here in preview only."
        }
        (Withheld::Expired, true) => "פג תוקף: העמוד הזה כבר לא מתפרסם.",
        (Withheld::Expired, false) => "Expired: this page is no longer published.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_into_head_and_overlay_into_body() {
        let html = "<html><head><title>x</title></head><body class=\"a\"><p>hi</p></body></html>";
        let out = inject(html, &Additions { errors: Some("a.md:1: <bad>"), unpublished: None, version: 3 });
        assert!(out.contains("<head><script src=\"/__folio/live.js?since=3\" defer></script>"), "{out}");
        assert!(out.contains("<body class=\"a\"><div id=\"folio-overlay\""), "{out}");
        assert!(out.contains("a.md:1: &lt;bad&gt;"), "{out}");
    }

    #[test]
    fn clean_pages_get_only_the_script() {
        let out = inject("<head></head><body></body>", &Additions { errors: None, unpublished: None, version: 3 });
        assert_eq!(out, "<head><script src=\"/__folio/live.js?since=3\" defer></script></head><body></body>");
    }

    #[test]
    fn drafts_get_a_banner() {
        let out = inject(
            "<head></head><body></body>",
            &Additions { errors: None, unpublished: Some(unpublished_note("he", Withheld::Draft)), version: 3 },
        );
        assert!(out.contains("<body><div class=\"folio-unpublished\" role=\"note\">טיוטה"), "{out}");
    }

    #[test]
    fn the_banner_says_why_a_page_is_not_published() {
        assert!(unpublished_note("en", Withheld::Unapproved).starts_with("Community contribution awaiting review"));
        assert!(unpublished_note("en-GB", Withheld::Future).starts_with("Scheduled:"));
        assert!(unpublished_note("he-IL", Withheld::Future).starts_with("מתוזמן:"));
        assert!(unpublished_note("he", Withheld::Unapproved).starts_with("תרומת קהילה שטרם אושרה"));
    }
}
