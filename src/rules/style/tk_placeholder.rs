//! `style/tk-placeholder`: "TK" (to come) left in copy.

use crate::finding::{Finding, Severity, Span};
use crate::narrow::{self, Tiered};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
use std::sync::LazyLock;

pub static TK_PLACEHOLDER: Rule = Rule {
    id: "style/tk-placeholder",
    family: Family::Style,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::None,
    summary: "\"TK\" (to come) left in copy",
    explanation: "TK is the newsroom's marker for a fact still to come: a name, a figure, a source. It is spelled so that it cannot be mistaken for a real word and is easy to search for. A story must not be published while any TK remains, so copydesk keeps every one visible until it is filled in.",
    bad: "The fire destroyed TK homes, TK said.",
    good: "The fire destroyed 40 homes, the county fire chief said.",
    context: "",
    source: "Newsroom practice (AP, Reuters, BBC)",
};

pub struct TkPlaceholder;

static TK: LazyLock<Tiered> = LazyLock::new(|| narrow::regex(r"\bTK(?:TK)*\b".to_string()));

impl Check for TkPlaceholder {
    fn rule(&self) -> &'static Rule {
        &TK_PLACEHOLDER
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        // Most stories have no "TK": skip compiling the regex for them.
        if memchr::memmem::find(cx.doc.prose.as_bytes(), b"TK").is_none() {
            return;
        }
        for m in TK.find_iter(&cx.doc.prose) {
            report.push(Finding::new(
                &TK_PLACEHOLDER,
                Span::new(m.start(), m.end()),
                "“TK” marks a fact still to come: fill it in before the story runs.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {

    fn found(text: &str) -> Vec<&str> {
        crate::rules::flagged_by(text, "style/tk-placeholder")
    }

    #[test]
    fn tk_found_but_not_in_words_or_code() {
        assert_eq!(
            found("The fire destroyed TK homes, TKTK said."),
            ["TK", "TKTK"]
        );
        assert!(found("The TKO came late. `TK` in code.").is_empty());
    }
}
