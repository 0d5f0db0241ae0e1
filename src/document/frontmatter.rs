//! Front matter: a YAML (`---`) or TOML (`+++`) block at the very top of a Markdown draft.

use crate::finding::Span;
use jiff::civil::Date;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// The whole block, fences included.
    pub span: Span,
    pub title: Option<String>,
    /// `date:` as a plain date or the date part of an RFC 3339 date-time.
    pub date: Option<Date>,
    /// Set when a `date:` key is present but unreadable, so the writer can be told.
    pub bad_date: Option<Span>,
    /// `style:` as written (the house style the story follows, such as "reuters").
    pub style: Option<String>,
}

/// Finds front matter at the start of `text` (after an optional BOM).
pub fn parse(text: &str) -> Option<FrontMatter> {
    let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[body_start..];
    let fence = if rest.starts_with("---") {
        "---"
    } else if rest.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let first_nl = rest.find('\n')?;
    if rest[..first_nl].trim_end() != fence {
        return None;
    }
    let mut at = body_start + first_nl + 1;
    let mut title = None;
    let mut date = None;
    let mut bad_date = None;
    let mut style = None;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = &text[at..line_end];
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed.trim_end() == fence {
            return Some(FrontMatter {
                span: Span::new(0, line_end),
                title,
                date,
                bad_date,
                style,
            });
        }
        if let Some((key, value)) = split_key(trimmed) {
            let value_str = unquote(value);
            match key {
                "title" => title = Some(value_str.to_string()),
                "style" => style = Some(value_str.trim().to_ascii_lowercase()),
                "date" => match parse_date_prefix(value_str) {
                    Some(d) => date = Some(d),
                    None => {
                        let off = at + (value.as_ptr() as usize - trimmed.as_ptr() as usize);
                        bad_date = Some(Span::new(off, off + value.len()));
                    }
                },
                _ => {}
            }
        }
        at = line_end;
    }
    None // no closing fence: not front matter
}

fn split_key(line: &str) -> Option<(&str, &str)> {
    let idx = line.find([':', '='])?;
    let key = line[..idx].trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    Some((key, line[idx + 1..].trim()))
}

fn unquote(v: &str) -> &str {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// Reads `YYYY-MM-DD` at the start of `s`, accepting an RFC 3339 time after it.
pub fn parse_date_prefix(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() < 10 || !s.is_char_boundary(10) {
        return None;
    }
    let (head, tail) = s.split_at(10);
    if !(tail.is_empty() || tail.starts_with(['T', 't', ' '])) {
        return None;
    }
    if !tail.is_empty() && tail.len() > 1 {
        // A time part must itself be a valid RFC 3339 / civil time, or the value is suspect.
        let ok = s.parse::<jiff::Timestamp>().is_ok() || s.parse::<jiff::civil::DateTime>().is_ok();
        if !ok {
            return None;
        }
    }
    head.parse::<Date>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn yaml_plain_date_and_title() {
        let fm = parse("---\ntitle: Floods hit Kentucky\ndate: 2023-07-12\n---\n\nBody.").unwrap();
        assert_eq!(fm.date, Some(date(2023, 7, 12)));
        assert_eq!(fm.title.as_deref(), Some("Floods hit Kentucky"));
        assert_eq!(
            fm.span,
            Span::new(
                0,
                "---\ntitle: Floods hit Kentucky\ndate: 2023-07-12\n---\n".len()
            )
        );
    }

    #[test]
    fn style_key() {
        let fm = parse("---\ndate: 2023-07-12\n---\n").unwrap();
        assert_eq!(fm.style, None);
        let fm = parse("---\ndate: 2023-07-12\nstyle: Reuters\n---\n").unwrap();
        assert_eq!(fm.style.as_deref(), Some("reuters"));
    }

    #[test]
    fn yaml_rfc3339_and_toml() {
        let fm = parse("---\ndate: 2024-10-16T09:00:00Z\n---\n").unwrap();
        assert_eq!(fm.date, Some(date(2024, 10, 16)));
        let fm = parse("+++\ndate = \"2024-03-05\"\n+++\n").unwrap();
        assert_eq!(fm.date, Some(date(2024, 3, 5)));
    }

    #[test]
    fn unclosed_or_bad() {
        assert!(parse("---\ndate: 2024-01-01\nno fence").is_none());
        let fm = parse("---\ndate: someday\n---\n").unwrap();
        assert_eq!(fm.date, None);
        assert!(fm.bad_date.is_some());
        assert!(parse("---\ndate: 2023-02-30\n---\n")
            .unwrap()
            .date
            .is_none());
    }
}
