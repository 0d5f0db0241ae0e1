//! `dates/weekday-mismatch`: a weekday that does not fall on the date it is paired with.

use super::facts::DateFacts;
use super::house;
use super::recognise::{Kind, WeekdayRef, Written};
use super::resolve;
use crate::config::Style;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
use jiff::civil::Date;

pub static WEEKDAY_MISMATCH: Rule = Rule {
    id: "dates/weekday-mismatch",
    family: Family::Dates,
    default_level: Level::On(Severity::Error),
    fix: FixAvailability::Sometimes,
    summary: "A weekday that does not fall on the date it is paired with",
    explanation: "When copy gives both a weekday and a date, they must agree: \"Thursday, Aug. 13, 2021\" is wrong because Aug. 13, 2021 was a Friday. One of the two is a typo, and readers and other outlets will pick up whichever they see first. Check the calendar and the reporting, then fix the weekday or the date.",
    bad: "The talks opened on Thursday, Aug. 13, 2021.",
    good: "The talks opened on Friday, Aug. 13, 2021.",
    context: "",
    source: "AP Stylebook, 'dates'; checked in the proleptic Gregorian calendar",
};

pub struct WeekdayMismatch;

impl Check for WeekdayMismatch {
    fn rule(&self) -> &'static Rule {
        &WEEKDAY_MISMATCH
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<DateFacts>();
        facts.report_mentions(report);
        // A mismatch is a fact error even in a quotation: the speaker's words stay, but the
        // desk checks the date with the speaker (an info there).
        for x in facts.all.iter().filter(|x| !x.headline) {
            let Kind::WeekdayDate { weekday, date } = x.expr.kind else {
                continue;
            };
            if resolve::impossible(&date, facts.r).is_some() {
                continue; // dates/impossible-date says so
            }
            if let Some(d) = x.date.filter(|d| d.weekday() != weekday.weekday) {
                let f = mismatch(x.expr.span, &weekday, &date, d, facts.style);
                report.push(if x.quoted {
                    let msg = format!(
                        "{} It is in a quotation: check it with the speaker.",
                        f.message
                    );
                    Finding { message: msg, ..f }.with_severity(Severity::Info)
                } else {
                    f
                });
            }
        }
    }
}

fn mismatch(span: Span, wd: &WeekdayRef, w: &Written, d: Date, style: Style) -> Finding {
    let actual = house::weekday_name(d.weekday());
    let named = house::weekday_name(wd.weekday);
    let shown = house::format(style, w.month, w.day, w.year);
    let mut f = Finding::new(
        &WEEKDAY_MISMATCH,
        span,
        format!(
            "{shown} is a {actual}, not a {named}{}. Fix the weekday or the date.",
            if w.year.is_none() {
                format!(" (reading the year as {})", d.year())
            } else {
                String::new()
            }
        ),
    );
    f = f.with_fix(Fix::new(
        format!("Change the weekday to {actual}"),
        Safety::Unsafe,
        vec![Edit::replace(wd.word, actual)],
    ));
    // The date of the named weekday nearest the written date.
    let shift = i64::from(d.weekday().until(wd.weekday));
    let shift = if shift > 3 { shift - 7 } else { shift };
    if let Some(nd) = resolve::add_days(d, shift) {
        // Keep the year when the copy gave one, so only the day changes.
        let year = w.year.map(|_| nd.year());
        let new = house::format(style, nd.month(), nd.day(), year);
        f = f.with_fix(Fix::new(
            format!("Change the date to {named}'s date, {new}"),
            Safety::Unsafe,
            vec![Edit::replace(w.span, new)],
        ));
    }
    f
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;
    use crate::{analyze, Config};

    /// The texts this rule flags in `text`, with the rule on.
    fn flagged(text: &str) -> Vec<&str> {
        crate::rules::flagged_on(text, &super::WEEKDAY_MISMATCH)
    }

    #[test]
    fn in_a_quotation_it_is_an_info() {
        let t = "---\ndate: 1987-03-20\n---\n\n“Maybe on Monday, March 15 we will start,” the director said.\n";
        let a = analyze(t, &Config::default());
        let f: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.rule == super::WEEKDAY_MISMATCH.id)
            .collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, crate::Severity::Info);
        assert!(f[0].message.contains("quotation"));
    }

    #[test]
    fn a_weekday_off_its_date_is_flagged_with_both_fixes() {
        let t = "---\ndate: 2021-08-20\n---\n\nThe talks opened on Thursday, Aug. 13, 2021, and closed Friday, Aug. 20.\n";
        assert_eq!(flagged(t), ["Thursday, Aug. 13, 2021"]);
    }

    // Moved from the family-level tests.
    #[test]
    fn weekday_mismatch_with_both_fixes() {
        let t = "The talks opened on Thursday, Aug. 13, 2021, in Doha.";
        let a = run(t, date(2022, 1, 20));
        assert_eq!(
            found(&a, t),
            [("dates/weekday-mismatch", "Thursday, Aug. 13, 2021")]
        );
        let f = &a.findings[0];
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(
            f.fixes
                .iter()
                .filter(|x| !x.title.starts_with("Ignore"))
                .count(),
            2
        );
        assert_eq!(
            f.fixes[0].apply(t),
            "The talks opened on Friday, Aug. 13, 2021, in Doha."
        );
        assert_eq!(
            f.fixes[1].apply(t),
            "The talks opened on Thursday, Aug. 12, 2021, in Doha."
        );
        assert!(f.fixes[..2].iter().all(|x| x.safety == Safety::Unsafe));
    }

    #[test]
    fn weekday_mismatch_date_first_and_without_year() {
        let t = "The bank halted trading on Nov. 17, 2022, a Tuesday, and closed.";
        assert_eq!(
            found(&run(t, date(2023, 9, 28)), t),
            [("dates/weekday-mismatch", "Nov. 17, 2022, a Tuesday")]
        );
        let t = "Union leaders are due to meet the employers on Monday, Oct. 24 over pay, the federation said.";
        let a = run(t, date(2023, 10, 19));
        assert_eq!(
            found(&a, t),
            [("dates/weekday-mismatch", "Monday, Oct. 24")]
        );
        assert_eq!(a.findings[0].fixes[1].apply(t), "Union leaders are due to meet the employers on Monday, Oct. 23 over pay, the federation said.");
        // Without a year, the year near the dateline in which the weekday fits is the one meant.
        let t = "The festival opens on Thursday, Oct. 3.";
        let a = run(t, date(2024, 3, 21));
        assert!(found(&a, t).is_empty(), "{:?}", found(&a, t));
        assert_eq!(a.dates[0].resolved, Some(date(2024, 10, 3)));
        let t = "Forecasters warned of flooding on Sunday (July 9).";
        assert!(found(&run(t, date(2023, 7, 12)), t).is_empty());
    }

    #[test]
    fn weekday_matches_are_quiet() {
        for (t, r) in [
            (
                "The talks opened on Friday, Aug. 13, 2021.",
                date(2022, 1, 20),
            ),
            (
                "The trustees will gather on Thursday, March 7, to vote.",
                date(2024, 3, 5),
            ),
            (
                "Rebels fired on the depot on Thursday, Oct. 12, the army said.",
                date(2023, 10, 19),
            ),
            ("The trial opened Monday, Sept. 11.", date(2023, 9, 28)),
        ] {
            assert!(found(&run(t, r), t).is_empty(), "{t}");
        }
    }
}
