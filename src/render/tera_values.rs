//! Reading a page's context as tera does, for the parts Folio writes in Rust instead of through
//! the default partials: the same truthiness, the same printing and the same escaping. Each reader
//! returns `None` where tera would stop with an error (a missing key, a value it cannot print), so
//! the caller leaves that part to the partial, which reports it as before.

use crate::html::escape_html;
use serde_json::{Map, Value};

/// Whether tera's `{% if value %}` holds: not null, false, zero, or empty.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i != 0,
            (_, Some(u), _) => u != 0,
            (_, _, f) => f.is_some_and(|f| f != 0.0 && !f.is_nan()),
        },
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// `{% if map.key %}`: a missing key is false, as in tera.
pub fn truthy_key(map: &Map<String, Value>, key: &str) -> bool {
    map.get(key).is_some_and(truthy)
}

/// Appends `{{ value }}` as tera prints it in an HTML template: strings escaped, numbers and
/// booleans as written, null as nothing. `None` for arrays and objects, which the parts never print.
pub fn print(out: &mut String, value: &Value) -> Option<()> {
    match value {
        Value::String(s) => push_escaped(out, s),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => {}
        Value::Array(_) | Value::Object(_) => return None,
    }
    Some(())
}

/// `{{ map.key }}`; `None` when the key is missing (tera's "variable not found").
pub fn print_key(out: &mut String, map: &Map<String, Value>, key: &str) -> Option<()> {
    print(out, map.get(key)?)
}

/// Appends `text` escaped for HTML, without the intermediate string when there is nothing to escape.
pub fn push_escaped(out: &mut String, text: &str) {
    if text.bytes().any(|b| matches!(b, b'&' | b'"' | b'<' | b'>' | b'\'')) {
        out.push_str(&escape_html(text));
    } else {
        out.push_str(text);
    }
}

/// The object under `key`, or `None` when it is missing or not an object.
pub fn object<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Map<String, Value>> {
    map.get(key)?.as_object()
}

/// The array under `key` (what `{% for x in map.key %}` walks), or `None`.
pub fn array<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a [Value]> {
    map.get(key)?.as_array().map(Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn truthiness_and_printing_follow_tera() {
        for (value, expected) in [
            (json!(null), false),
            (json!(0), false),
            (json!(0.0), false),
            (json!(2), true),
            (json!(""), false),
            (json!("a"), true),
            (json!([]), false),
            (json!({}), false),
            (json!({ "a": 1 }), true),
        ] {
            assert_eq!(truthy(&value), expected, "{value}");
        }
        let mut out = String::new();
        for value in [json!("<a & 'b'>"), json!(1200), json!(null), json!(true)] {
            print(&mut out, &value).unwrap();
        }
        assert_eq!(out, "&lt;a &amp; &#39;b&#39;&gt;1200true");
        assert_eq!(print(&mut out, &json!([1])), None);
    }
}
