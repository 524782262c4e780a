//! Reading exported feedback: the JSON-lines file the widget's payload makes (one submission per
//! line), or CSV with the same names as columns. Both name the file and line of a bad record.

use crate::diagnostics::{Diagnostic, Location};
use serde_json::Value;
use std::path::Path;

/// One reader's submission, as exported. Empty text means "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Submission {
    pub url: String,
    pub page_id: String,
    pub title: String,
    pub lang: String,
    /// Whether the reader found the page helpful (false for a request).
    pub helpful: bool,
    /// A vote-less "not found" request from a list page's form (`type: not_found`): the reader
    /// did not find what they were looking for. Records from before the type existed, which list
    /// forms sent as `vote: no, reason: not_found`, are read as requests too.
    pub request: bool,
    /// A search the reader ran on the /search/ page (`type: search`): `text` is the query and `reason`
    /// `no_results`, `not_opened` (results were shown, none was opened) or `reached` (`url` is the page the
    /// reader opened next, after such a search). Not a vote.
    pub search: bool,
    pub reason: String,
    pub text: String,
    pub email: String,
    pub timestamp: String,
}

/// The CSV columns Folio reads; `vote` (or `type`) and one of `url`/`page_id` are required.
pub const CSV_COLUMNS: &[&str] =
    &["url", "page_id", "title", "lang", "type", "vote", "reason", "text", "email", "timestamp"];

/// The `type` of a vote-less "not found" request; a submission without a `type` is a vote.
pub const NOT_FOUND: &str = "not_found";
/// The `type` of a search gap reported by the search page.
pub const SEARCH: &str = "search";
/// What a search gap says happened, and the page read after one.
pub const SEARCH_OUTCOMES: &[&str] = &["no_results", "not_opened", "reached"];

/// Reads every file: `.csv` as CSV, anything else as JSON lines. All bad records are reported.
pub fn read_exports(paths: &[impl AsRef<Path>]) -> Result<Vec<Submission>, Vec<Diagnostic>> {
    let mut all = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                errors.push(
                    Diagnostic::new(Location::file(path), format!("cannot read the feedback export: {e}"))
                        .with_help("pass a JSON-lines file (.jsonl) or a CSV file (.csv) of feedback"),
                );
                continue;
            }
        };
        let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let parsed = if is_csv { parse_csv(&text, path) } else { parse_json_lines(&text, path) };
        match parsed {
            Ok(found) => all.extend(found),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(all)
    } else {
        Err(errors)
    }
}

/// One JSON object per line; blank lines are skipped.
pub fn parse_json_lines(text: &str, path: &Path) -> Result<Vec<Submission>, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = Location::new(path, i + 1, 0);
        let record = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                errors.push(Diagnostic::new(at, "each line must be a JSON object").with_help(JSON_HELP));
                continue;
            }
            Err(e) => {
                errors.push(Diagnostic::new(at, format!("not JSON: {e}")).with_help(JSON_HELP));
                continue;
            }
        };
        let field = |name: &str| match record.get(name) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        match submission(&field, at) {
            Ok(s) => found.push(s),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

const JSON_HELP: &str = "write one submission per line, e.g. {\"url\": \"/kb/a/\", \"vote\": \"yes\"}";

/// CSV with a header row naming the columns (any order; unknown columns are ignored).
pub fn parse_csv(text: &str, path: &Path) -> Result<Vec<Submission>, Vec<Diagnostic>> {
    let rows = csv_rows(text).map_err(|line| {
        vec![Diagnostic::new(Location::new(path, line, 0), "a quoted CSV field is never closed")
            .with_help("close the field with a double quote; write a quote inside a field as two quotes (\"\")")]
    })?;
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else { return Ok(Vec::new()) };
    let header: Vec<String> = header.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase()).collect();
    let has = |name: &str| header.iter().any(|h| h == name);
    if !(has("vote") || has("type")) || !(has("url") || has("page_id")) {
        return Err(vec![Diagnostic::new(
            Location::new(path, 1, 0),
            "the CSV header needs a `vote` column and a `url` or `page_id` column",
        )
        .with_help(format!("the columns Folio reads: {}", CSV_COLUMNS.join(", ")))]);
    }
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for (line, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let field =
            |name: &str| header.iter().position(|h| h == name).and_then(|i| cells.get(i)).cloned().unwrap_or_default();
        match submission(&field, Location::new(path, line, 0)) {
            Ok(s) => found.push(s),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// Builds a submission from named fields, checking the vote and that the page is named.
fn submission(field: &dyn Fn(&str) -> String, at: Location) -> Result<Submission, Diagnostic> {
    let kind = field("type").trim().to_lowercase();
    let vote = field("vote");
    let helpful = match (kind.as_str(), vote.trim().to_lowercase().as_str()) {
        (NOT_FOUND, _) => false,
        (SEARCH, _) if SEARCH_OUTCOMES.contains(&field("reason").trim()) && !field("text").trim().is_empty() => false,
        (SEARCH, _) => {
            return Err(Diagnostic::new(
                at,
                "a search record needs its query in `text` and `reason` no_results, not_opened or reached",
            )
            .with_help("search records are written by the search page; check the export was not edited by hand"));
        }
        ("" | "vote", "yes" | "true" | "1" | "helpful") => true,
        ("" | "vote", "no" | "false" | "0" | "not_helpful") => false,
        ("" | "vote", other) => {
            let shown = if other.is_empty() { "nothing".to_string() } else { format!("`{other}`") };
            return Err(Diagnostic::new(at, format!("`vote` must be yes or no, found {shown}"))
                .with_help("every vote records whether the page helped: vote: yes or vote: no"));
        }
        (other, _) => {
            return Err(Diagnostic::new(at, format!("`type` must be vote, not_found or search, found `{other}`"))
                .with_help("leave `type` out for a vote; list pages' requests are type: not_found, the search page's reports type: search"));
        }
    };
    let reason = current_reason(field("reason").trim()).to_string();
    // Before the type existed, list forms sent their requests as a "No" with this reason.
    let request = kind == NOT_FOUND || (kind.is_empty() && !helpful && reason == NOT_FOUND);
    let (url, page_id) = (field("url"), field("page_id"));
    if url.trim().is_empty() && page_id.trim().is_empty() {
        return Err(Diagnostic::new(at, "a submission names no page (no `url` or `page_id`)")
            .with_help("each record needs the page's url or its page_id (its path inside content/)"));
    }
    let timestamp = Some(field("timestamp")).filter(|t| !t.is_empty()).unwrap_or_else(|| field("received"));
    Ok(Submission {
        url,
        page_id,
        title: field("title"),
        lang: field("lang"),
        helpful,
        request,
        search: kind == SEARCH,
        reason,
        text: field("text"),
        email: field("email"),
        timestamp,
    })
}

/// A reason id as the widget names it today: exports from before the reasons were reworded keep
/// counting under the new id (`hard_to_understand` is now `hard_to_follow`); any other id stays.
pub fn current_reason(reason: &str) -> &str {
    match reason {
        "hard_to_understand" => "hard_to_follow",
        other => other,
    }
}

/// Splits CSV text into rows of cells, each with the 1-based line it starts on. `Err(line)` when a
/// quoted field is never closed.
fn csv_rows(text: &str) -> Result<Vec<(usize, Vec<String>)>, usize> {
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut line, mut row_line, mut quoted_from) = (1, 1, None);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted_from.is_some(), c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted_from = None,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            (false, '"') if cell.is_empty() => quoted_from = Some(line),
            (false, ',') => cells.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                cells.push(std::mem::take(&mut cell));
                rows.push((row_line, std::mem::take(&mut cells)));
                line += 1;
                row_line = line;
            }
            (false, c) => cell.push(c),
        }
    }
    if let Some(start) = quoted_from {
        return Err(start);
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        rows.push((row_line, cells));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_handles_quotes_commas_and_newlines() {
        let rows = csv_rows("a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\nlast,1").unwrap();
        assert_eq!(rows[0], (1, vec!["a".to_string(), "b".to_string()]));
        assert_eq!(rows[1], (2, vec!["x, y".to_string(), "say \"hi\"\nthere".to_string()]));
        assert_eq!(rows[2], (4, vec!["last".to_string(), "1".to_string()]));
    }

    #[test]
    fn unclosed_quote_names_its_line() {
        let err = parse_csv("url,vote\n/a/,yes\n\"/b/,no\n", Path::new("f.csv")).unwrap_err();
        assert_eq!(err[0].to_string(), "f.csv:3: a quoted CSV field is never closed\n  help: close the field with a double quote; write a quote inside a field as two quotes (\"\")");
    }

    #[test]
    fn bad_vote_is_reported_with_file_and_line() {
        let text = "{\"url\":\"/a/\",\"vote\":\"yes\"}\n\n{\"url\":\"/a/\",\"vote\":\"maybe\"}\n";
        let err = parse_json_lines(text, Path::new("f.jsonl")).unwrap_err();
        assert_eq!(err[0].to_string(), "f.jsonl:3: `vote` must be yes or no, found `maybe`\n  help: every vote records whether the page helped: vote: yes or vote: no");
    }

    #[test]
    fn requests_need_no_vote_and_old_list_records_are_requests() {
        let text = "{\"page_id\":\"kb/billing\",\"type\":\"not_found\",\"text\":\"refund form\"}\n\
                    {\"page_id\":\"kb/billing\",\"vote\":\"no\",\"reason\":\"not_found\"}\n\
                    {\"page_id\":\"kb/a.md\",\"vote\":\"no\",\"reason\":\"inaccurate\"}\n";
        let found = parse_json_lines(text, Path::new("f.jsonl")).unwrap();
        let requests: Vec<bool> = found.iter().map(|s| s.request).collect();
        assert_eq!(requests, [true, true, false]);
        let err = parse_json_lines("{\"url\":\"/a/\",\"type\":\"rating\"}\n", Path::new("f.jsonl")).unwrap_err();
        assert_eq!(err[0].to_string(), "f.jsonl:1: `type` must be vote, not_found or search, found `rating`\n  help: leave `type` out for a vote; list pages' requests are type: not_found, the search page's reports type: search");
    }

    #[test]
    fn csv_needs_vote_and_page_columns() {
        let err = parse_csv("title,text\nx,y\n", Path::new("f.csv")).unwrap_err();
        assert!(err[0].to_string().starts_with("f.csv:1: the CSV header needs a `vote` column"), "{}", err[0]);
    }
}
