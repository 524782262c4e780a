use super::*;
use crate::diagnostics::BuildError;
use std::path::Path;

fn parse(text: &str) -> Result<Config, BuildError> {
    parse_config(text, Path::new("/site"), Path::new("site.yaml"))
}

#[test]
fn minimal_config_gets_defaults() {
    let c = parse("title: Acme\nbase_url: https://example.com/help/\n").unwrap();
    assert_eq!(c.base_url, "https://example.com/help");
    assert_eq!(c.base_path, "/help");
    assert_eq!(c.language, "en");
    assert_eq!(c.theme, ThemeChoice::Default);
    assert_eq!(c.section("blog").kind, SectionKind::Blog);
    assert_eq!(c.section("about").kind, SectionKind::Pages);
}

#[test]
fn rejects_unknown_config_key_with_suggestion() {
    let err = parse("title: Acme\nbase_url: https://e.com\ndescripton: x\n").unwrap_err();
    assert_eq!(err.to_string(), "error: site.yaml:3:1: unknown key `descripton`\n  help: did you mean `description`?");
}

#[test]
fn rejects_unknown_nested_key() {
    let err = parse("title: A\nbase_url: https://e.com\nmarkdown:\n  unsafe_htm: true\n").unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("error: site.yaml:4:3: unknown key `unsafe_htm` in `markdown`"), "{text}");
    assert!(text.contains("did you mean `unsafe_html`?"), "{text}");
}

#[test]
fn rejects_bad_base_url_on_its_line() {
    let err = parse("title: A\nbase_url: example.com\n").unwrap_err();
    assert!(err.to_string().starts_with("error: site.yaml:2: `base_url` must be an http(s) URL"), "{err}");
}
