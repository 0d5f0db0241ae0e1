//! `dates/ambiguous-relative`: "last Friday", "next Friday", "this Friday" that could name two days.

use super::facts::DateFacts;
use super::house;
use super::recognise::{Expr, Kind, Modifier, WeekdayRef};
use super::resolve::{self, Tense, TenseCue};
use crate::config::Style;
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
use jiff::civil::Date;

pub static AMBIGUOUS_RELATIVE: Rule = Rule {
    id: "dates/ambiguous-relative",
    family: Family::Dates,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "\"last Friday\", \"next Friday\", \"this Friday\" that could name two days",
    explanation: "In copy dated a Tuesday, \"next Tuesday\" may mean a week from today or two weeks, and \"last Tuesday\" a week ago or today. The same holds for \"next Wednesday\" written on a Tuesday. AP calls \"last\" and \"next\" with a weekday redundant: write the weekday alone for the coming or past seven days, or give the date.",
    bad: "The two sides will talk again next Tuesday.",
    good: "The two sides will talk again on Aug. 15.",
    context: "---\ndate: 2023-08-08\n---",
    source: "AP Stylebook, 'days of the week'; 'last'",
};

pub struct AmbiguousRelative;

impl Check for AmbiguousRelative {
    fn rule(&self) -> &'static Rule {
        &AMBIGUOUS_RELATIVE
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<DateFacts>();
        facts.report_mentions(report);
        let Some(r) = facts.r else { return };
        for x in facts.checked() {
            let Kind::Weekday(w) = x.expr.kind else {
                continue;
            };
            if let Some(f) = ambiguous(cx.doc, &x.expr, &w, &x.cue, r, facts.style) {
                report.push(f);
            }
        }
    }
}

pub(super) fn ambiguous(
    doc: &Document<'_>,
    e: &Expr,
    w: &WeekdayRef,
    cue: &TenseCue,
    r: Date,
    style: Style,
) -> Option<Finding> {
    let (readings, why) = readings(w, cue, r, Some(style))?;
    let replace = w
        .modifier_span
        .map_or(w.word, |m| Span::new(m.start, w.word.end));
    let text = &doc.text[e.span.range()];
    let mut f = Finding::new(
        &AMBIGUOUS_RELATIVE,
        e.span,
        format!("“{text}” is ambiguous: {why}. Give the date."),
    );
    for (i, d) in readings.iter().enumerate() {
        let new = format!(
            "{}, {}",
            house::weekday_name(d.weekday()),
            house::house(style, *d, Some(r))
        );
        let mut fix = Fix::new(
            format!("Write “{new}”"),
            Safety::Unsafe,
            vec![Edit::replace(replace, new)],
        );
        if i == 0 {
            fix = fix.preferred();
        }
        f = f.with_fix(fix);
    }
    Some(f)
}

/// Whether [`ambiguous`] finds the weekday ambiguous (without making the finding).
pub(super) fn is_ambiguous(w: &WeekdayRef, cue: &TenseCue, r: Date) -> bool {
    readings(w, cue, r, None).is_some()
}

/// The readings of an ambiguous weekday, most likely first, and why it is ambiguous (written
/// in `style` when asked for; empty when not); None when it is not ambiguous.
fn readings(
    w: &WeekdayRef,
    cue: &TenseCue,
    r: Date,
    style: Option<Style>,
) -> Option<(Vec<Date>, String)> {
    let same = w.weekday == r.weekday();
    let name = house::weekday_name(w.weekday);
    // The dateline as the message gives it, made only for a message.
    let dl = || {
        style.map(|style| {
            format!(
                "{}, {}",
                house::weekday_name(r.weekday()),
                house::house(style, r, Some(r))
            )
        })
    };
    let why = |f: &dyn Fn(&str) -> String| dl().map_or(String::new(), |dl| f(&dl));
    // The readings, most likely first.
    Some(match w.modifier {
        Modifier::Last if same => (
            vec![resolve::add_days(r, -7)?],
            why(&|dl| {
                format!("the story is dated {dl}, so “last {name}” could be read as today or as a week ago")
            }),
        ),
        Modifier::Last
            if resolve::on_or_before(r, w.weekday, true)? == resolve::add_days(r, -1)? =>
        {
            (
                vec![resolve::add_days(r, -1)?, resolve::add_days(r, -8)?],
                why(&|dl| {
                    format!("the story is dated {dl}, so “last {name}” could mean yesterday or the {name} of the week before")
                }),
            )
        }
        Modifier::Next if same => (
            vec![resolve::add_days(r, 7)?, resolve::add_days(r, 14)?],
            why(&|dl| {
                format!("the story is dated {dl}, so “next {name}” could mean a week from today or the {name} after that")
            }),
        ),
        Modifier::Next if resolve::on_or_after(r, w.weekday, true)? == resolve::add_days(r, 1)? => {
            (
                vec![resolve::add_days(r, 1)?, resolve::add_days(r, 8)?],
                why(&|dl| {
                    format!("the story is dated {dl}, so “next {name}” could mean tomorrow or the {name} of the week after")
                }),
            )
        }
        Modifier::This if same => (
            vec![
                r,
                resolve::add_days(r, if cue.tense == Tense::Past { -7 } else { 7 })?,
            ],
            why(&|dl| {
                format!("the story is dated {dl}, so “this {name}” could mean today or a week away")
            }),
        ),
        // A bare weekday is never one of two days: "will testify on Thursday" in Thursday's
        // copy is today (a week away would be the date or "next Thursday"), and in past copy
        // the most recent one.
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;

    /// The texts this rule flags in `text`, with the rule on.
    fn flagged(text: &str) -> Vec<&str> {
        crate::rules::flagged_on(text, &super::AMBIGUOUS_RELATIVE)
    }

    #[test]
    fn next_tuesday_on_a_tuesday() {
        let t = "---\ndate: 2023-08-08\n---\n\nThe candidates meet again next Tuesday and debated last Friday.\n";
        assert_eq!(flagged(t), ["next Tuesday"]);
    }

    // Moved from the family-level tests.
    #[test]
    fn ambiguous_relative_same_weekday() {
        let t = "The two sides will talk again next Tuesday.";
        let a = run(t, date(2023, 8, 8)); // a Tuesday
        assert_eq!(found(&a, t), [("dates/ambiguous-relative", "next Tuesday")]);
        assert_eq!(
            a.findings[0].fixes[0].apply(t),
            "The two sides will talk again Tuesday, Aug. 15."
        );
        let t =
            "Residents spoke against the cuts at a hearing last Tuesday, according to the minutes.";
        let a = run(t, date(2024, 3, 5)); // a Tuesday
        assert_eq!(found(&a, t), [("dates/ambiguous-relative", "last Tuesday")]);
        assert_eq!(
            a.findings[0].fixes[0].apply(t),
            "Residents spoke against the cuts at a hearing Tuesday, Feb. 27, according to the minutes."
        );
        let t = "The market reopens this Friday.";
        assert_eq!(
            found(&run(t, date(2024, 3, 8)), t),
            [("dates/ambiguous-relative", "this Friday")]
        );
    }

    #[test]
    fn ambiguous_relative_adjacent_day() {
        let t = "The board meets next Thursday.";
        assert_eq!(
            found(&run(t, date(2024, 3, 6)), t),
            [("dates/ambiguous-relative", "next Thursday")]
        ); // a Wednesday
        let t = "The board met last Tuesday.";
        assert_eq!(
            found(&run(t, date(2024, 3, 6)), t),
            [("dates/ambiguous-relative", "last Tuesday")]
        );
    }

    #[test]
    fn unambiguous_relatives_are_quiet() {
        for t in [
            "The board met last Friday.",
            "The board meets next Monday.",
            "The board meets this Saturday.",
            "The vote was held Wednesday.",
            "The last Friday of the month is payday.",
        ] {
            assert!(found(&run(t, date(2024, 3, 6)), t).is_empty(), "{t}");
        }
        // A bare weekday equal to the dateline's, in past copy, is the dateline day.
        let t = "The council voted 4-3 on Tuesday to close two branches.";
        assert!(found(&run(t, date(2024, 3, 5)), t).is_empty());
    }

    #[test]
    fn a_bare_weekday_still_to_come_on_its_own_day_is_today() {
        // Papers write the day's own name for later the same day: not ambiguous, and it is today.
        for t in [
            "The council will vote on Tuesday.",
            "The minister is scheduled to testify on Tuesday afternoon.",
            "The bank is expected to announce on Tuesday, after a two-day meeting, that it will hold.",
        ] {
            let a = run(t, date(2024, 3, 5));
            assert!(found(&a, t).is_empty(), "{t}");
            assert_eq!(a.dates[0].resolved, Some(date(2024, 3, 5)), "{t}");
        }
        // Tonight, a possession, a range, a habit: not two days.
        for t in [
            "The council will vote late Tuesday.",
            "The council will vote Tuesday night.",
            "Voters will cast ballots in Tuesday's runoff.",
            "The office will be open Monday to Friday, and Tuesday through Thursday.",
            "The club will meet every Tuesday.",
            "Worshippers will attend Tuesday prayers.",
        ] {
            assert!(found(&run(t, date(2024, 3, 5)), t).is_empty(), "{t}");
        }
        // A subordinate "would" does not make a past event future.
        let t = "The council passed a bylaw on Tuesday that would ban the practice.";
        assert!(found(&run(t, date(2024, 8, 27)), t).is_empty());
    }
}
