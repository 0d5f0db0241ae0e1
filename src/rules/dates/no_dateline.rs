//! `dates/no-dateline`: relative dates in a story with no date to measure them from (off by
//! default).
//!
//! Off by default because a missing date is a gap in the file, not an error in the copy: most
//! newsroom systems stamp the filing date outside the text, and a story pasted without it reads
//! "on Thursday" correctly to everyone who edits it that week. Real undated copy (BBC stories
//! without their page date) is never marked for it by the labelled conventions. A desk whose files
//! must carry their own date turns it on in copydesk.toml.

use super::facts::DateFacts;
use crate::document::{Document, Format};
use crate::finding::{Edit, Finding, Fix, Safety, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static NO_DATELINE: Rule = Rule {
    id: "dates/no-dateline",
    family: Family::Dates,
    default_level: Level::Off,
    fix: FixAvailability::Sometimes,
    summary: "Relative dates in a story with no dateline to measure them from (off by default)",
    explanation: "\"On Thursday\" means nothing until the reader knows when the story was written. copydesk looks for the date in front matter (`date:`), a first line `date YYYY-MM-DD`, a `Date:` header or a dated wire dateline; without one it cannot check relative days. Add the date the story is filed. Off by default: the date is usually stamped by the publishing system outside the text, so a story without one is not wrong; set `[rules] \"dates/no-dateline\" = \"info\"` where every file must carry its date. It is said once per story, at the first relative day in the writer's voice.",
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
    use crate::finding::Safety;
    use crate::rules::Level;
    use crate::{analyze, Analysis, Config, Severity};
    use jiff::civil::date;

    fn on() -> Config {
        let mut config = Config::default();
        config
            .rules
            .insert(super::NO_DATELINE.id.to_string(), Level::On(Severity::Info));
        config
    }

    /// The texts this rule flags in `text` when it is turned on.
    fn flagged(a: &Analysis, text: &str) -> Vec<String> {
        a.findings
            .iter()
            .filter(|f| f.rule == super::NO_DATELINE.id)
            .map(|f| text[f.span.range()].to_string())
            .collect()
    }

    #[test]
    fn off_by_default_an_undated_story_is_not_wrong() {
        assert_eq!(super::NO_DATELINE.default_level, Level::Off);
        let t = "Fighters took the city on Thursday and the airport on Friday.\n";
        let a = analyze(t, &Config::default());
        assert!(flagged(&a, t).is_empty());
        // The relative days are still shown as unresolved.
        assert!(!a.dates.is_empty() && a.dates.iter().all(|d| d.resolved.is_none()));
    }

    #[test]
    fn said_once_per_story_at_the_first_relative_day_as_set() {
        let t = "Fighters took the city on Thursday and the airport on Friday.\n";
        let a = analyze(t, &on());
        assert_eq!(flagged(&a, t), ["Thursday"]);
        let f = a
            .findings
            .iter()
            .find(|f| f.rule == super::NO_DATELINE.id)
            .unwrap();
        assert_eq!(f.severity, Severity::Info);
        // A quotation or a headline does not count: the writer's own first relative day does.
        let t =
            "# Talks resume Friday\n\n“We fight on Monday,” he said. The army left on Tuesday.\n";
        assert_eq!(flagged(&analyze(t, &on()), t), ["Tuesday"]);
        // With a date, or with no relative day, nothing.
        let t = "---\ndate: 2021-08-15\n---\n\nFighters took the city on Thursday.\n";
        assert!(flagged(&analyze(t, &on()), t).is_empty());
        let t = "The talks opened on Aug. 13, 2021.\n";
        let a = analyze(t, &on());
        assert!(flagged(&a, t).is_empty());
        assert_eq!(a.dates[0].resolved, Some(date(2021, 8, 13)));
    }

    #[test]
    fn the_fix_asks_for_the_date_where_the_story_keeps_it() {
        let fix_of = |t: &str| {
            let a = analyze(t, &on());
            let f = a
                .findings
                .iter()
                .find(|f| f.rule == super::NO_DATELINE.id)
                .unwrap();
            assert_eq!(f.fixes[0].safety, Safety::NeedsInput);
            f.fixes[0].apply(t)
        };
        assert_eq!(
            fix_of("Fighters took the city on Thursday.\n"),
            "---\ndate: TK\n---\n\nFighters took the city on Thursday.\n"
        );
        assert_eq!(
            fix_of("---\ntitle: Fall of the city\n---\n\nFighters took the city on Thursday.\n"),
            "---\ntitle: Fall of the city\ndate: TK\n---\n\nFighters took the city on Thursday.\n"
        );
    }
}
