// How an attribution pattern becomes regex text: how a template's `{slots}` are filled from the
// tables of `data/attribution/*.toml`, and how a gated pattern splits into its branches. The
// templates themselves, and the tables each takes, are data: `data/attribution/patterns.toml`
// (their constants are in `super::patterns`).
//
// This file is pure (std and `crate::vocab::alternation` only) so that `build.rs` can include it
// too: it rebuilds every source from the same templates and data, and compiles its automaton at
// build time (see `crate::narrow`). A line comment, not `//!`: `build.rs` includes the file with
// `include!`, where inner attributes are not allowed.

use std::collections::BTreeMap;

/// Named word slots of a pattern table.
pub type Slots = BTreeMap<String, Vec<String>>;

/// A template with its line breaks and the indentation after them dropped (templates are laid
/// out freely over lines).
pub fn join_lines(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut lines = template.lines();
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    for l in lines {
        out.push_str(l.trim_start());
    }
    out
}

/// Fills a pattern template: `{APPROX}`, `{NUM}` and `{W}` are fixed sub-patterns; any other
/// `{name}` (lower case and underscores) is the alternation of the first table holding `name`.
/// Line breaks and the indentation after them are dropped, so templates can be laid out freely.
pub fn expand(template: &str, tables: &[&Slots]) -> String {
    let t = macros(&join_lines(template));
    let mut out = String::with_capacity(t.len() * 4);
    let mut rest = t.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
                let list = tables
                    .iter()
                    .find_map(|t| t.get(n))
                    .unwrap_or_else(|| panic!("data/attribution: no list `{n}` for a pattern"));
                out.push_str(&crate::vocab::alternation(list));
                rest = &after[n.len() + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The fixed sub-patterns of [`expand`], written out so their slots are seen.
pub fn macros(t: &str) -> String {
    t.replace("{APPROX}", r"(?:{approximators}\s+)?")
        .replace("{NUM}", r"(?:\d[\d,.]*|{number_words})")
        .replace("{W}", r"[\w’'-]+")
}

/// The branches of a gated pattern: for each top-level alternative of `template`, its text with
/// the fixed sub-patterns written out (for reading off required words) and its regex source (with
/// the pattern's leading flags).
pub fn branches(template: &str, tables: &[&Slots]) -> Vec<(String, String)> {
    let t = join_lines(template);
    let (flags, body) = leading_flags(&t);
    split_top(body)
        .into_iter()
        .map(|b| {
            let b = macros(&b);
            let source = format!("{flags}{}", expand(&b, tables));
            (b, source)
        })
        .collect()
}

/// A leading flag group such as `(?i)`, which applies to every branch.
pub fn leading_flags(t: &str) -> (&str, &str) {
    if t.starts_with("(?") {
        if let Some(close) = t.find(')') {
            let inner = &t[2..close];
            if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
                return t.split_at(close + 1);
            }
        }
    }
    ("", t)
}

/// `t` split at its top-level `|` (outside groups and classes). A pattern that is one group of
/// alternatives after zero-width assertions, such as `\b(?:a|b)`, is split inside that group.
pub fn split_top(t: &str) -> Vec<String> {
    let parts = split_at_depth0(t);
    if parts.len() > 1 {
        return parts.into_iter().map(str::to_string).collect();
    }
    // `(?-u:\b)(?:A|B|C)`: distribute the leading assertion over the inner alternatives.
    let lead = r"(?-u:\b)";
    if let Some(rest) = t.strip_prefix(lead) {
        if rest.starts_with("(?:") {
            if let Some(end) = group_end(rest) {
                if end + 1 == rest.len() {
                    let inner = &rest[3..end];
                    let parts = split_at_depth0(inner);
                    if parts.len() > 1 {
                        return parts.into_iter().map(|p| format!("{lead}{p}")).collect();
                    }
                }
            }
        }
    }
    vec![t.to_string()]
}

/// Walks a regex source, skipping escapes and character classes, and calls `visit` with each
/// `(`, `)` or `|` and the group depth after it, until `visit` returns false.
fn walk_structure(t: &str, mut visit: impl FnMut(usize, u8, i32) -> bool) {
    let b = t.as_bytes();
    let (mut depth, mut class, mut i) = (0i32, false, 0);
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' if !class => class = true,
            b']' if class => class = false,
            c @ (b'(' | b')' | b'|') if !class => {
                depth += match c {
                    b'(' => 1,
                    b')' => -1,
                    _ => 0,
                };
                if !visit(i, c, depth) {
                    return;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// The byte index of the `)` closing the group that opens at byte 0 of `t`.
fn group_end(t: &str) -> Option<usize> {
    let mut end = None;
    walk_structure(t, |i, c, depth| {
        if c == b')' && depth == 0 {
            end = Some(i);
        }
        end.is_none()
    });
    end
}

fn split_at_depth0(t: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut from = 0;
    walk_structure(t, |i, c, depth| {
        if c == b'|' && depth == 0 {
            parts.push(&t[from..i]);
            from = i + 1;
        }
        true
    });
    parts.push(&t[from..]);
    parts
}
