//! Front matter written for imported pages: YAML a person can read and edit (Hebrew unescaped,
//! quotes only where YAML needs them), in the order writers expect.

use super::model::Comment;

/// Front matter larger than this would be refused by the build (see `yaml::MAX_YAML_BYTES`);
/// comments are trimmed to stay below it, with room for the other keys.
pub const COMMENTS_BUDGET: usize = 56 * 1024;

/// One `key: value` line at a time.
#[derive(Default)]
pub struct FrontMatter {
    text: String,
}

impl FrontMatter {
    pub fn text(&mut self, key: &str, value: &str) {
        self.text.push_str(&format!("{key}: {}\n", scalar(value)));
    }

    pub fn optional(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            self.text(key, value);
        }
    }

    /// A date as written by `import::dates`: RFC 3339 or `YYYY-MM-DD HH:MM`, both plain in YAML.
    pub fn date(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.text.push_str(&format!("{key}: {value}\n"));
        }
    }

    pub fn flag(&mut self, key: &str, on: bool) {
        if on {
            self.text.push_str(&format!("{key}: true\n"));
        }
    }

    /// `tags: [a, "b, c"]`, or nothing for an empty list.
    pub fn list(&mut self, key: &str, values: &[String]) {
        if !values.is_empty() {
            let items: Vec<String> = values.iter().map(|v| scalar(v)).collect();
            self.text.push_str(&format!("{key}: [{}]\n", items.join(", ")));
        }
    }

    /// One item a line, for lists of addresses that are long.
    pub fn block_list(&mut self, key: &str, values: &[String]) {
        if !values.is_empty() {
            self.text.push_str(&format!("{key}:\n"));
            for value in values {
                self.text.push_str(&format!("  - {}\n", scalar(value)));
            }
        }
    }

    /// Reader comments, oldest first, as `page.extra.comments_archive`. Returns how many did not
    /// fit in the budget (the newest are kept: they are the ones a reader may look for).
    pub fn comments(&mut self, key: &str, comments: &[Comment]) -> usize {
        if comments.is_empty() {
            return 0;
        }
        let entries: Vec<String> = comments.iter().map(comment_entry).collect();
        let mut start = 0;
        let mut size: usize = entries.iter().map(String::len).sum();
        while size > COMMENTS_BUDGET && start < entries.len() {
            size -= entries[start].len();
            start += 1;
        }
        if start < entries.len() {
            self.text.push_str(&format!("{key}:\n"));
            for entry in &entries[start..] {
                self.text.push_str(entry);
            }
        }
        start
    }

    /// The finished block with its fences.
    pub fn finish(self, body: &str) -> String {
        format!("---\n{}---\n\n{}", self.text, body)
    }
}

fn comment_entry(comment: &Comment) -> String {
    let mut entry = format!("  - id: {}\n    author: {}\n", scalar(&comment.id), scalar(&comment.author));
    if let Some(parent) = &comment.parent {
        entry.push_str(&format!("    parent: {}\n", scalar(parent)));
    }
    if let Some(date) = &comment.date {
        entry.push_str(&format!("    date: {date}\n"));
    }
    if let Some(url) = comment.url.as_deref().filter(|u| u.starts_with("http")) {
        entry.push_str(&format!("    url: {}\n", scalar(url)));
    }
    entry.push_str(&format!("    text: {}\n", quoted(&comment.text)));
    entry
}

/// A YAML scalar: plain when that reads back as the same text, double-quoted otherwise.
pub fn scalar(value: &str) -> String {
    if is_plain_safe(value) {
        value.to_string()
    } else {
        quoted(value)
    }
}

/// JSON's string syntax is valid YAML double-quoted style, and leaves Hebrew unescaped.
fn quoted(value: &str) -> String {
    serde_json::Value::String(value.to_string()).to_string()
}

fn is_plain_safe(value: &str) -> bool {
    let Some(first) = value.chars().next() else { return false };
    let reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
    first.is_alphabetic()
        && !value.ends_with(' ')
        && !reserved.contains(&value.to_ascii_lowercase().as_str())
        && value.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '\'' | '/' | '״' | '׳'))
        && !value.contains("  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_yaml_reads_them_back() {
        assert_eq!(scalar("שלום עולם"), "שלום עולם");
        assert_eq!(scalar("Our story"), "Our story");
        assert_eq!(scalar("ד\"ר מוריה: לוי"), "\"ד\\\"ר מוריה: לוי\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2020"), "\"2020\"");
        assert_eq!(scalar("- a"), "\"- a\"");
        assert_eq!(scalar("a, b"), "\"a, b\"");
        assert_eq!(scalar(""), "\"\"");
    }

    #[test]
    fn comments_beyond_the_budget_lose_the_oldest() {
        let comments: Vec<Comment> = (0..300)
            .map(|i| Comment {
                id: i.to_string(),
                parent: None,
                author: "Dana".into(),
                url: None,
                date: None,
                text: "x".repeat(400),
            })
            .collect();
        let mut front = FrontMatter::default();
        front.text("title", "Busy post");
        let left_out = front.comments("comments_archive", &comments);
        assert!(left_out > 100, "{left_out}");
        let text = front.finish("");
        assert!(text.len() < crate::yaml::MAX_YAML_BYTES, "{}", text.len());
        assert!(text.contains("- id: \"299\"") && !text.contains("- id: \"0\"\n"));
        let parsed =
            crate::content::front_matter::parse_page(&text, std::path::Path::new("a.md"), &mut Vec::new()).unwrap();
        assert_eq!(parsed.extra["comments_archive"].as_array().unwrap().len(), 300 - left_out);
    }

    #[test]
    fn every_value_reads_back_as_written() {
        let mut front = FrontMatter::default();
        let tricky =
            ["a: b", "#x", "[y]", "{z}", "'q'", "\"", "x\ny", "&a", "*b", "!c", "%d", "@e", "`f`", "|", ">", "~"];
        for (i, value) in tricky.iter().enumerate() {
            front.text(&format!("k{i}"), value);
        }
        let text = front.finish("");
        let yaml = text.trim_start_matches("---\n").split("---\n").next().unwrap();
        let map: std::collections::BTreeMap<String, String> = serde_yaml::from_str(yaml).unwrap();
        for (i, value) in tricky.iter().enumerate() {
            assert_eq!(map[&format!("k{i}")], *value);
        }
    }
}
