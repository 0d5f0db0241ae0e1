//! What a rule reports: a [`Finding`] with its byte span, message and [`Fix`]es.
//!
//! Everything here is plain data in UTF-8 byte offsets; the server and the CLI translate to
//! line/column at the edge (see [`crate::position`]).

use serde::Serialize;
use std::fmt;
use std::ops::Range;

/// A half-open byte range into the checked text. Always on `char` boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
    pub fn text(self, source: &str) -> &str {
        &source[self.range()]
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// How loudly a finding is shown. Ordered from quietest to loudest.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "hint" => Severity::Hint,
            "info" | "information" => Severity::Info,
            "warning" | "warn" => Severity::Warning,
            "error" => Severity::Error,
            _ => return None,
        })
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a fix can be trusted without a human looking at it (ruff's applicability).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Safety {
    /// Keeps the meaning; a "fix all" may apply it.
    Safe,
    /// Changes meaning or tone; offered one at a time, never applied in bulk.
    Unsafe,
    /// Leaves a "TK" placeholder the writer must fill in.
    NeedsInput,
}

/// One replacement in the checked text. An insertion has an empty span.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Edit {
    pub span: Span,
    pub new_text: String,
}

impl Edit {
    pub fn replace(span: Span, new_text: impl Into<String>) -> Self {
        Edit {
            span,
            new_text: new_text.into(),
        }
    }
    pub fn insert(at: usize, new_text: impl Into<String>) -> Self {
        Edit {
            span: Span::new(at, at),
            new_text: new_text.into(),
        }
    }
}

/// A fix the writer can apply with one keystroke.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub safety: Safety,
    /// Non-overlapping edits, in any order.
    pub edits: Vec<Edit>,
    /// The house-preferred fix among several (shown first, `isPreferred` in LSP).
    pub preferred: bool,
}

impl Fix {
    pub fn new(title: impl Into<String>, safety: Safety, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            safety,
            edits,
            preferred: false,
        }
    }
    pub fn preferred(mut self) -> Self {
        self.preferred = true;
        self
    }
    /// Applies the fix to `text`, returning the new text.
    pub fn apply(&self, text: &str) -> String {
        apply_edits(text, &self.edits)
    }
}

/// Applies non-overlapping edits to `text`.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for e in sorted {
        if e.span.start < at || e.span.end > text.len() {
            continue; // overlapping or out-of-range edits are dropped rather than corrupting text
        }
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.new_text);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// What a finding needs of its rule. Implemented by the rule metadata (`crate::rule::Rule`),
/// which sits above this file: findings are the bottom type.
pub trait RuleRef {
    fn id(&self) -> &'static str;
    fn default_severity(&self) -> Severity;
}

/// One problem found in the copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `family/name`, e.g. `wording/contested-label`; always an id from the engine's registry.
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    /// Written for a journalist: what is wrong and what a copy editor would do.
    pub message: String,
    pub fixes: Vec<Fix>,
    /// Set when the analysis left the rule's fixes for later (the server's analyses: an
    /// unchanged finding then costs no fix made, cloned and dropped on every edit): what the
    /// rule noted to make them when a code action asks, with `crate::engine::fixes_later`.
    /// `fixes` is then empty. Never in the JSON report (whose analyses make fixes at once).
    #[serde(skip)]
    pub later: Option<Later>,
}

/// What a rule notes at a finding to make its fixes later: two numbers whose meaning is the
/// rule's own (the wording rules: the lexicon term and the preferred label's term).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Later(pub u32, pub u32);

impl Finding {
    /// A finding at the rule's default severity.
    pub fn new(rule: &'static impl RuleRef, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.id(),
            severity: rule.default_severity(),
            span,
            message: message.into(),
            fixes: Vec::new(),
            later: None,
        }
    }
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    pub fn family(&self) -> &'static str {
        self.rule.split('/').next().unwrap_or(self.rule)
    }
}
