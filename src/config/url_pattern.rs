//! URL patterns of a product's screens, as `context:` in front matter and `help_widget.contexts` in
//! site.yaml write them: `/settings/team` (that path), `/projects/*/settings` (`*` is one segment)
//! and `/billing/*` (a `*` at the end is everything below, `/billing` itself included). The help
//! widget matches `location.pathname` against them in the same way (themes/default/static/help-widget.js).

/// One segment of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Segment {
    Literal(String),
    /// `*` inside the pattern: any one segment.
    One,
}

/// A checked URL pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UrlPattern {
    /// As normalised: no trailing slash (except `/` itself), so `/a/` and `/a` are one pattern.
    pub text: String,
    segments: Vec<Segment>,
    /// Ends in `/*`: matches the path before it and everything below.
    rest: bool,
}

impl UrlPattern {
    /// Reads a pattern; the error says what is wrong, for a message naming the file and line.
    pub fn parse(raw: &str) -> Result<UrlPattern, String> {
        let text = raw.trim();
        if !text.starts_with('/') || text.starts_with("//") {
            return Err(format!("`{text}` is not a URL pattern: it must be a path starting with `/`"));
        }
        if let Some(c) = text.chars().find(|c| c.is_whitespace() || matches!(c, '?' | '#' | '"' | '<' | '>' | '\\')) {
            let what = if c.is_whitespace() { "a space".to_string() } else { format!("`{c}`") };
            return Err(format!("`{text}` is not a URL pattern: it holds {what} (a pattern is a path, no query)"));
        }
        let trimmed = text.trim_end_matches('/');
        let mut segments: Vec<Segment> = Vec::new();
        for part in trimmed.split('/').skip(1) {
            match part {
                "" => return Err(format!("`{text}` is not a URL pattern: it has an empty segment (`//`)")),
                "*" => segments.push(Segment::One),
                _ if part.contains('*') => {
                    return Err(format!("`{text}` is not a URL pattern: `*` stands for whole segments, as in `/a/*`"))
                }
                _ => segments.push(Segment::Literal(part.to_string())),
            }
        }
        let rest = segments.last() == Some(&Segment::One);
        if rest {
            segments.pop();
        }
        let normal = if trimmed.is_empty() { "/".to_string() } else { trimmed.to_string() };
        Ok(UrlPattern { text: normal, segments, rest })
    }

    /// No `*` at all: the pattern names one screen.
    pub fn is_exact(&self) -> bool {
        !self.rest && !self.segments.contains(&Segment::One)
    }

    /// How closely the pattern names a screen, for ordering: exact patterns first, then those
    /// with more literal segments, then those without a trailing `*`.
    pub fn rank(&self) -> (bool, std::cmp::Reverse<usize>, bool) {
        let literal = self.segments.iter().filter(|s| matches!(s, Segment::Literal(_))).count();
        (!self.is_exact(), std::cmp::Reverse(literal), self.rest)
    }

    /// Whether the path (`location.pathname`, decoded) is one this pattern names.
    pub fn matches(&self, path: &str) -> bool {
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
        let fits = |(segment, part): (&Segment, &&str)| match segment {
            Segment::Literal(text) => text == part,
            Segment::One => !part.is_empty(),
        };
        let enough = if self.rest { parts.len() >= self.segments.len() } else { parts.len() == self.segments.len() };
        enough && self.segments.iter().zip(&parts).all(fits)
    }
}

#[cfg(test)]
mod tests {
    use super::UrlPattern;

    fn pattern(text: &str) -> UrlPattern {
        UrlPattern::parse(text).unwrap()
    }

    #[test]
    fn exact_patterns_match_their_path_with_or_without_a_slash() {
        let p = pattern("/settings/team/");
        assert_eq!(p.text, "/settings/team");
        assert!(p.is_exact());
        assert!(p.matches("/settings/team") && p.matches("/settings/team/"));
        assert!(!p.matches("/settings") && !p.matches("/settings/team/roles"));
        assert!(pattern("/").matches("/") && !pattern("/").matches("/a"));
    }

    #[test]
    fn a_star_is_one_segment_and_a_trailing_star_everything_below() {
        let one = pattern("/projects/*/settings");
        assert!(one.matches("/projects/42/settings") && !one.matches("/projects/settings"));
        let below = pattern("/billing/*");
        assert!(below.matches("/billing") && below.matches("/billing/invoices/2024"));
        assert!(!below.matches("/billings") && !below.matches("/"));
        assert!(pattern("/*").matches("/") && pattern("/*").matches("/anything/at/all"));
    }

    #[test]
    fn more_literal_patterns_rank_first() {
        let mut patterns = [pattern("/*"), pattern("/billing/*"), pattern("/billing/invoices"), pattern("/a/*/b")];
        patterns.sort_by_key(UrlPattern::rank);
        let order: Vec<&str> = patterns.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(order, ["/billing/invoices", "/a/*/b", "/billing/*", "/*"]);
    }

    #[test]
    fn malformed_patterns_say_why() {
        let error = |text: &str| UrlPattern::parse(text).unwrap_err();
        assert!(error("billing/*").contains("must be a path starting with `/`"));
        assert!(error("https://app.example.com/billing").contains("starting with `/`"));
        assert!(error("/billing?tab=1").contains("holds `?`"));
        assert!(error("/bill*").contains("whole segments"));
        assert!(error("/a//b").contains("empty segment"));
        assert!(error("/a b").contains("a space"));
    }
}
