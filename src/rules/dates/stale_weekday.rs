//! `dates/stale-weekday`: a weekday given with a date more than a week from the dateline (off by default).

use super::facts::DateFacts;
use super::recognise::{Expr, Kind, WeekdayRef};
use super::resolve;
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Safety, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
use jiff::civil::Date;

pub static STALE_WEEKDAY: Rule = Rule {
    id: "dates/stale-weekday",
    family: Family::Dates,
    default_level: Level::Off,
    fix: FixAvailability::Sometimes,
    summary: "A weekday given with a date more than a week from the dateline (off by default)",
    explanation: "AP uses the weekday for the seven days either side of the dateline and the month and day beyond that, so \"Monday, Sept. 11\" in a story dated Sept. 28 carries a weekday the reader does not need. Houses differ on pairing a weekday with a date, so this rule is off until `[rules] \"dates/stale-weekday\"` sets a level.",
    bad: "The trial opened Monday, Sept. 11.",
    good: "The trial opened Sept. 11.",
    context: "---\ndate: 2023-09-28\n---",
    source: "AP Stylebook, 'days of the week'",
};

pub struct StaleWeekday;

impl Check for StaleWeekday {
    fn rule(&self) -> &'static Rule {
        &STALE_WEEKDAY
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<DateFacts>();
        facts.report_mentions(report);
        let Some(r) = facts.r else { return };
        for x in facts.checked() {
            let Kind::WeekdayDate { weekday, date } = x.expr.kind else {
                continue;
            };
            if resolve::impossible(&date, facts.r).is_some() {
                continue;
            }
            let Some(d) = x.date.filter(|d| d.weekday() == weekday.weekday) else {
                continue;
            };
            if let Some(f) = stale(cx.doc, &x.expr, &weekday, d, r) {
                report.push(f);
            }
        }
    }
}

fn stale(doc: &Document<'_>, e: &Expr, wd: &WeekdayRef, d: Date, r: Date) -> Option<Finding> {
    let days = resolve::days_between(r, d).abs();
    if days <= 7 {
        return None;
    }
    // Remove the weekday and what joins it to the date: "Monday, " or ", a Monday".
    let (start, end) = if wd.word.start == e.span.start
        || wd.modifier_span.is_some_and(|m| m.start == e.span.start)
    {
        let from = wd.modifier_span.map_or(wd.word.start, |m| m.start);
        let Kind::WeekdayDate { date, .. } = e.kind else {
            return None;
        };
        (from, date.span.start)
    } else {
        let Kind::WeekdayDate { date, .. } = e.kind else {
            return None;
        };
        (date.span.end, e.span.end)
    };
    let msg = format!("This date is {days} days from the dateline: wire style gives the date alone beyond a week. Drop “{}”.", doc.text[start..end].trim_matches([',', ' ', '(', ')']));
    Some(Finding::new(&STALE_WEEKDAY, e.span, msg).with_fix(Fix::new(
        "Drop the weekday",
        Safety::Safe,
        vec![Edit::replace(Span::new(start, end), "")],
    )))
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;
    use crate::analyze;

    /// The texts this rule flags in `text`, with the rule on.
    fn flagged(text: &str) -> Vec<&str> {
        crate::rules::flagged_on(text, &super::STALE_WEEKDAY)
    }

    #[test]
    fn a_weekday_weeks_from_the_dateline() {
        let t = "---\ndate: 2023-09-28\n---\n\nThe trial opened Monday, Sept. 11, and resumes Monday, Oct. 2.\n";
        assert_eq!(flagged(t), ["Monday, Sept. 11"]);
    }

    #[test]
    fn off_by_default() {
        assert_eq!(super::STALE_WEEKDAY.default_level, crate::rules::Level::Off);
    }

    // Moved from the family-level tests.
    #[test]
    fn stale_weekday_is_off_by_default_and_fixes_when_on() {
        let t = "The trial opened Monday, Sept. 11, in Manhattan.";
        let r = date(2023, 9, 28);
        assert!(found(&run(t, r), t).is_empty());
        let mut c = config(Some(r), Style::Ap);
        c.rules
            .insert("dates/stale-weekday".into(), Level::On(Severity::Info));
        let a = analyze(t, &c);
        assert_eq!(found(&a, t), [("dates/stale-weekday", "Monday, Sept. 11")]);
        assert_eq!(
            a.findings[0].fixes[0].apply(t),
            "The trial opened Sept. 11, in Manhattan."
        );
        let t = "The trial opens Monday, Oct. 2.";
        assert!(found(&analyze(t, &c), t).is_empty(), "within a week");
    }
}
