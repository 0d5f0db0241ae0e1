//! The `style/` family: mechanical problems a copy editor catches before anything else.

use crate::analysis::{Context, Report};
use crate::finding::{Finding, Severity, Span};
use crate::rules::{Family, Rule};
use regex::Regex;
use std::sync::LazyLock;

pub static TK_PLACEHOLDER: Rule = Rule {
    id: "style/tk-placeholder",
    family: Family::Style,
    default_severity: Severity::Warning,
    summary: "\"TK\" (to come) left in copy",
    explanation: "TK is the newsroom's marker for a fact still to come: a name, a figure, a source. It is spelled so that it cannot be mistaken for a real word and is easy to search for. A story must not be published while any TK remains, so copydesk keeps every one visible until it is filled in.",
    bad: "The fire destroyed TK homes, TK said.",
    good: "The fire destroyed 40 homes, the county fire chief said.",
    source: "Newsroom practice (AP, Reuters, BBC)",
};

pub static UNBALANCED_QUOTE: Rule = Rule {
    id: "style/unbalanced-quote",
    family: Family::Style,
    default_severity: Severity::Warning,
    summary: "Quotation marks that do not pair up",
    explanation: "An opening quotation mark with no closing mark (or the reverse) leaves the reader unsure where the speaker's words end and the reporter's begin, and it breaks every check that depends on knowing what is quoted. A quotation that runs on into the next paragraph is fine without a closing mark, as long as the next paragraph opens with a quotation mark.",
    bad: "“We will rebuild every house, the mayor said.",
    good: "“We will rebuild every house,” the mayor said.",
    source: "AP Stylebook, 'quotation marks'",
};

pub static RULES: &[&Rule] = &[
    &TK_PLACEHOLDER,
    &UNBALANCED_QUOTE,
    &crate::suppress::UNUSED_SUPPRESSION,
];

static TK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\bTK(?:TK)*\b").expect("the TK regex compiles"));

pub fn check(cx: &Context, report: &mut Report) {
    let doc = cx.doc;
    for m in TK.find_iter(&doc.prose) {
        let span = Span::new(m.start(), m.end());
        report.push(Finding::new(
            &TK_PLACEHOLDER,
            span,
            "“TK” marks a fact still to come: fill it in before the story runs.",
        ));
    }
    for stray in &doc.stray_marks {
        let message = if stray.opening {
            "This quotation is never closed. Close it, or if it runs on, open the next paragraph with a quotation mark."
        } else {
            "This closing quotation mark has no opening mark. Find where the quotation starts."
        };
        report.push(Finding::new(&UNBALANCED_QUOTE, stray.span, message));
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config};

    fn rules_of(text: &str) -> Vec<(&'static str, &str)> {
        analyze(text, &Config::default())
            .findings
            .iter()
            .filter(|f| f.family() == "style")
            .map(|f| (f.rule, &text[f.span.range()]))
            .collect()
    }

    #[test]
    fn tk_found_but_not_in_words_or_code() {
        assert_eq!(
            rules_of("The fire destroyed TK homes, TKTK said."),
            [
                ("style/tk-placeholder", "TK"),
                ("style/tk-placeholder", "TKTK")
            ]
        );
        assert!(rules_of("The TKO came late. `TK` in code.").is_empty());
    }

    #[test]
    fn unbalanced_quotes() {
        assert_eq!(
            rules_of("“We will rebuild, the mayor said.\n\nNext paragraph.\n"),
            [("style/unbalanced-quote", "“")]
        );
        assert!(
            rules_of("“We will rebuild.\n\n“Every house,” she said.\n").is_empty(),
            "a continued quotation is balanced"
        );
        assert_eq!(
            rules_of("He left.” Then more."),
            [("style/unbalanced-quote", "”")]
        );
    }
}
