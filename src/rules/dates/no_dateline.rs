//! `dates/no-dateline`: relative dates in a story with no date to measure them from.

use super::facts::DateFacts;
use crate::document::{Document, Format};
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static NO_DATELINE: Rule = Rule {
    id: "dates/no-dateline",
    family: Family::Dates,
    default_level: Level::On(Severity::Info),
    fix: FixAvailability::Sometimes,
    summary: "Relative dates in a story with no dateline to measure them from",
    explanation: "\"On Thursday\" means nothing until the reader knows when the story was written. copydesk looks for the date in front matter (`date:`), a first line `date YYYY-MM-DD`, a `Date:` header or a dated wire dateline; without one it cannot check relative days. Add the date the story is filed.",
    bad: "Fighters took the city on Thursday. (no date anywhere)",
    good: "---\ndate: 2021-08-15\n---\nFighters took the city on Thursday.",
    context: "",
    source: "AP Stylebook, 'datelines'",
};

pub struct NoDateline;

impl Check for NoDateline {
    fn rule(&self) -> &'static Rule {
        &NO_DATELINE
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<DateFacts>();
        facts.report_mentions(report);
        if facts.r.is_some() {
            return;
        }
        // Once per story, at the first relative day in the writer's voice.
        let first = facts
            .all
            .iter()
            .find(|x| !x.quoted && !x.headline && x.expr.is_relative());
        if let Some(x) = first {
            report.push(no_dateline(cx.doc, x.expr.span));
        }
    }
}

fn no_dateline(doc: &Document<'_>, at: Span) -> Finding {
    let text = &doc.text[at.range()];
    let msg = format!("“{text}” cannot be checked: the story has no dateline, so copydesk does not know which day it is measured from. Add the filing date.");
    let edit = match (doc.format, &doc.front_matter) {
        (Format::Markdown, Some(fm)) => {
            // Before the closing fence.
            let block = &doc.text[fm.span.range()];
            let close = block
                .trim_end_matches(['\n', '\r'])
                .rfind('\n')
                .map_or(fm.span.end, |i| fm.span.start + i + 1);
            let key = if block.starts_with("+++") {
                "date = TK\n"
            } else {
                "date: TK\n"
            };
            Edit::insert(close, key)
        }
        (Format::Markdown, None) => Edit::insert(bom_len(doc.text), "---\ndate: TK\n---\n\n"),
        (Format::Plain, _) => Edit::insert(bom_len(doc.text), "date TK\n\n"),
    };
    Finding::new(&NO_DATELINE, at, msg).with_fix(Fix::new(
        "Add the story's date (TK: YYYY-MM-DD)",
        Safety::NeedsInput,
        vec![edit],
    ))
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        3
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config};

    /// The texts this rule flags in `text`.
    fn flagged(text: &str) -> Vec<&str> {
        let mut config = Config::default();
        config.rules.insert(
            super::NO_DATELINE.id.to_string(),
            crate::rules::Level::On(crate::Severity::Warning),
        );
        analyze(text, &config)
            .findings
            .iter()
            .filter(|f| f.rule == super::NO_DATELINE.id)
            .map(|f| &text[f.span.range()])
            .collect()
    }

    #[test]
    fn said_once_per_story() {
        let t = "Fighters took the city on Thursday and the airport on Friday.\n";
        assert_eq!(flagged(t), ["Thursday"]);
        assert!(
            flagged("---\ndate: 2021-08-15\n---\n\nFighters took the city on Thursday.\n")
                .is_empty()
        );
    }
}
