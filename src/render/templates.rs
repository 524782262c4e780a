//! The theme's templates compiled into one tera instance, with errors that name the template
//! file, line and column, and the whole cause chain tera keeps in `source()`.

use super::theme::Theme;
use crate::diagnostics::{Diagnostic, Location};
use serde_json::Value;
use std::collections::HashMap;
use tera::Tera;

/// Turns the theme's templates into a tera instance, after checking for missing includes and cycles.
pub fn compile_templates(theme: &Theme, base_path: &str) -> Result<Tera, Vec<Diagnostic>> {
    let errors = super::theme::check_template_graph(&theme.templates);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    // tera's default also escapes `/`, which is safe but turns every URL into `&#x2F;` soup.
    tera.set_escape_fn(crate::html::escape_html);
    let sources = theme.templates.iter().map(|(name, source)| (name.as_str(), source.text.as_str()));
    if let Err(e) = tera.add_raw_templates(sources) {
        let origin = template_origin(theme, &e);
        let text = error_chain(&e);
        let (line, column) = parse_position(&text).unwrap_or((0, 0));
        return Err(vec![Diagnostic::new(Location::new(origin, line, column), format!("template error: {text}"))
            .with_help("fix the template syntax; tera's rules are those of Jinja2")]);
    }
    tera.register_filter("plural", super::plural::plural_filter);
    let base = base_path.to_string();
    tera.register_function("url_for", move |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).ok_or("url_for needs path=\"...\"")?;
        Ok(Value::String(format!("{base}/{}", path.trim_start_matches('/'))))
    });
    // For addresses built in templates (the feedback's next step): every byte but RFC 3986's
    // unreserved characters is encoded, as JavaScript's encodeURIComponent would.
    tera.register_filter("percent_encode", |value: &Value, _: &HashMap<String, Value>| {
        let text = value.as_str().map_or_else(|| value.to_string(), str::to_string);
        Ok(Value::String(crate::url::percent_encode(&text)))
    });
    Ok(tera)
}

/// The file a tera error is about, found by the template name it mentions.
fn template_origin(theme: &Theme, error: &tera::Error) -> String {
    let text = error_chain(error);
    theme
        .templates
        .iter()
        .find(|(name, _)| text.contains(&format!("'{name}'")))
        .map(|(_, source)| source.origin.clone())
        .unwrap_or_else(|| "templates".into())
}

/// tera's parse errors point at ` --> line:column`.
fn parse_position(text: &str) -> Option<(usize, usize)> {
    let rest = &text[text.find("--> ")? + 4..];
    let (line, rest) = rest.split_once(':')?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// tera keeps the real reason in `source()`; show all of it.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
