//! In-copy suppression directives, as the copy writes them: parsing only.
//!
//! Markdown, an HTML comment on a line of its own (never rendered):
//!
//! ```text
//! <!-- copydesk-ignore attribution/unattributed-claim -->
//! The ministry has lost control of three provinces.
//!
//! <!-- copydesk-disable wording -->
//! ... paragraphs quoted from a statement ...
//! <!-- copydesk-enable wording -->
//! ```
//!
//! Plain text, a bracketed editor's note on a line of its own, which `copydesk strip` removes
//! before the copy is filed: `[copydesk-ignore dates]`, `[copydesk-disable]` ... `[copydesk-enable]`.
//! Both spellings are honoured in both formats. What a directive silences, and reporting the
//! ones that silence nothing, is the engine's job (`crate::engine::suppress`).

use super::Format;
use crate::finding::Span;
use crate::narrow::{self, Tiered};
use std::sync::LazyLock;

/// What a directive does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The next line of copy and the rest of the block it opens (paragraph, heading, list
    /// item or table).
    Ignore,
    /// From here to the matching `enable`.
    Disable,
    Enable,
}

/// One suppression comment or editor's note in the copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    /// The comment or note itself (without the line's indentation or line break).
    pub span: Span,
    /// The whole line, with its line break: what `strip` removes.
    pub line: Span,
    /// Rule ids or families, lower-cased; empty means every rule.
    pub selectors: Vec<String>,
}

impl Directive {
    /// True when this directive applies to `rule_id`.
    pub fn selects(&self, rule_id: &str) -> bool {
        if self.selectors.is_empty() {
            return true;
        }
        let family = rule_id.split('/').next().unwrap_or(rule_id);
        self.selectors.iter().any(|s| s == rule_id || s == family)
    }
}

pub(super) static DIRECTIVE: LazyLock<Tiered> =
    LazyLock::new(|| narrow::regex(super::text_patterns::DIRECTIVE.to_string()));

/// Every suppression directive in `text`, in order, none inside `code` (the code blocks of a
/// Markdown draft, [`super::Structure::code`], where a directive is an example; plain text has
/// none).
pub fn directives(text: &str, code: &[Span]) -> Vec<Directive> {
    if !text.contains("copydesk-") {
        return Vec::new();
    }
    let fences = code;
    DIRECTIVE
        .captures_iter(text)
        .filter(|c| {
            c.get(0)
                .is_some_and(|m| !fences.iter().any(|f| f.contains(m.start())))
        })
        .filter_map(|c| {
            let whole = c.get(0)?;
            let body = c.get(1)?;
            let kind = match c.get(2).or(c.get(4))?.as_str() {
                "ignore" => Kind::Ignore,
                "disable" => Kind::Disable,
                _ => Kind::Enable,
            };
            let list = c.get(3).or(c.get(5)).map_or("", |m| m.as_str());
            let mut selectors: Vec<String> = list
                .split(|ch: char| ch.is_whitespace() || ch == ',')
                .filter(|s| !s.is_empty())
                .map(str::to_lowercase)
                .collect();
            // Sorted, so `disable a, b` pairs with `enable b a`.
            selectors.sort();
            selectors.dedup();
            let line_end = whole.end() + super::lines::ending_at(text, whole.end()).len();
            Some(Directive {
                kind,
                span: Span::new(body.start(), body.end()),
                line: Span::new(whole.start(), line_end),
                selectors,
            })
        })
        .collect()
}

/// The copy without its suppression comments and editor's notes: what goes to print.
pub fn strip(text: &str, format: Format) -> String {
    let code = match format {
        Format::Markdown => super::prose::markdown(text, 0).2.code,
        Format::Plain => Vec::new(),
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for d in directives(text, &code) {
        out.push_str(&text[at..d.line.start]);
        at = d.line.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Blanks the directive lines of a prose mask (so the rules never read them as copy).
pub(crate) fn mask_directives(prose: &mut String) {
    if !prose.contains("copydesk-") {
        return;
    }
    let spans: Vec<Span> = DIRECTIVE
        .find_iter(prose)
        .map(|m| Span::new(m.start(), m.end()))
        .collect();
    if spans.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(prose).into_bytes();
    for s in spans {
        super::prose::blank(&mut bytes, s);
    }
    *prose = String::from_utf8(bytes).unwrap_or_default();
}
