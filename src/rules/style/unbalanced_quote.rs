//! `style/unbalanced-quote`: quotation marks that do not pair up. The pairing itself is the
//! document model's (`crate::document::quotes`), which every quote-aware rule shares.

use crate::finding::{Finding, Severity};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static UNBALANCED_QUOTE: Rule = Rule {
    id: "style/unbalanced-quote",
    family: Family::Style,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::None,
    summary: "Quotation marks that do not pair up",
    explanation: "An opening quotation mark with no closing mark (or the reverse) leaves the reader unsure where the speaker's words end and the reporter's begin, and it breaks every check that depends on knowing what is quoted. A quotation that runs on into the next paragraph is fine without a closing mark, as long as the next paragraph opens with a quotation mark.",
    bad: "“We will rebuild every house, the mayor said.",
    good: "“We will rebuild every house,” the mayor said.",
    context: "",
    source: "AP Stylebook, 'quotation marks'",
};

pub struct UnbalancedQuote;

impl Check for UnbalancedQuote {
    fn rule(&self) -> &'static Rule {
        &UNBALANCED_QUOTE
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        for stray in &cx.doc.stray_marks {
            let message = if stray.opening {
                "This quotation is never closed. Close it, or if it runs on, open the next paragraph with a quotation mark."
            } else {
                "This closing quotation mark has no opening mark. Find where the quotation starts."
            };
            report.push(Finding::new(&UNBALANCED_QUOTE, stray.span, message));
        }
    }
}

#[cfg(test)]
mod tests {

    fn found(text: &str) -> Vec<&str> {
        crate::rules::flagged_by(text, "style/unbalanced-quote")
    }

    #[test]
    fn unbalanced_quotes() {
        assert_eq!(
            found("“We will rebuild, the mayor said.\n\nNext paragraph.\n"),
            ["“"]
        );
        assert!(
            found("“We will rebuild.\n\n“Every house,” she said.\n").is_empty(),
            "a continued quotation is balanced"
        );
        assert_eq!(found("He left.” Then more."), ["”"]);
    }
}
