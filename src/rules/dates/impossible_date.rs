//! `dates/impossible-date`: a date that is not on the calendar.

use super::facts::DateFacts;
use super::recognise::{Kind, Written};
use super::resolve;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static IMPOSSIBLE_DATE: Rule = Rule {
    id: "dates/impossible-date",
    family: Family::Dates,
    default_level: Level::On(Severity::Error),
    fix: FixAvailability::Sometimes,
    summary: "A date that is not on the calendar (\"June 31\", \"Feb. 29, 2023\")",
    explanation: "Thirty days hath September, April, June and November; February has 29 days only in a leap year. A date that cannot exist is a typo for some other day, and only the reporter's notes can say which.",
    bad: "Bidders have until Sept. 31 to submit offers.",
    good: "Bidders have until Sept. 30 to submit offers.",
    context: "",
    source: "Gregorian calendar",
};

pub struct ImpossibleDate;

impl Check for ImpossibleDate {
    fn rule(&self) -> &'static Rule {
        &IMPOSSIBLE_DATE
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<DateFacts>();
        facts.report_mentions(report);
        for x in facts.checked() {
            let (Kind::Date(w) | Kind::WeekdayDate { date: w, .. }) = x.expr.kind else {
                continue;
            };
            if let Some(why) = resolve::impossible(&w, facts.r) {
                report.push(impossible(cx.doc.text, x.expr.span, &w, &why));
            }
        }
    }
}

fn impossible(text: &str, span: Span, w: &Written, why: &str) -> Finding {
    Finding::new(
        &IMPOSSIBLE_DATE,
        span,
        format!("This date does not exist: {why} Check the reporting for the intended day."),
    )
    .with_fix(Fix::new(
        "Replace the day with TK until it is checked",
        Safety::NeedsInput,
        vec![Edit::replace(day_span(text, w), "TK")],
    ))
}

/// The day's figure in a written date, with any ordinal ending ("30" in "Feb. 30, 2023",
/// "31st" in "the 31st of June"): the month and year stay. The whole date if none is found.
fn day_span(text: &str, w: &Written) -> Span {
    let written = &text[w.span.range()];
    let bytes = written.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let boundary_before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if boundary_before && i - start <= 2 && written[start..i].parse() == Ok(w.day) {
            let mut end = i;
            let suffix = written[i..]
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .count();
            if suffix == 2 {
                end += 2; // st, nd, rd, th
            }
            if end == bytes.len() || !bytes[end].is_ascii_alphanumeric() {
                return Span::new(w.span.start + start, w.span.start + end);
            }
        }
    }
    w.span
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;
    use crate::analyze;

    /// The texts this rule flags in `text`, with the rule on.
    fn flagged(text: &str) -> Vec<&str> {
        crate::rules::flagged_on(text, &super::IMPOSSIBLE_DATE)
    }

    #[test]
    fn the_tk_fix_replaces_the_day_and_keeps_the_month() {
        let t = "---\ndate: 2023-09-20\n---\n\nBids close Sept. 31 or on the 31st of June, or Feb. 29, 2023.\n";
        let config = crate::rules::config_with(&super::IMPOSSIBLE_DATE);
        let a = analyze(t, &config);
        let fixed: Vec<String> = a
            .findings
            .iter()
            .filter(|f| f.rule == super::IMPOSSIBLE_DATE.id)
            .map(|f| {
                let fix = &f.fixes[0];
                assert!(fix.title.contains("day"));
                let out = fix.apply(t);
                out[t.find("Bids").unwrap()..].trim_end().to_string()
            })
            .collect();
        assert_eq!(
            fixed,
            [
                "Bids close Sept. TK or on the 31st of June, or Feb. 29, 2023.",
                "Bids close Sept. 31 or on the TK of June, or Feb. 29, 2023.",
                "Bids close Sept. 31 or on the 31st of June, or Feb. TK, 2023.",
            ]
        );
    }

    #[test]
    fn dates_off_the_calendar() {
        let t =
            "---\ndate: 2023-09-20\n---\n\nBids close Sept. 31 and Feb. 29, 2023, not Sept. 30.\n";
        assert_eq!(flagged(t), ["Sept. 31", "Feb. 29, 2023"]);
    }

    #[test]
    fn a_month_and_a_two_digit_year_is_no_day() {
        // A results table headed by month and year: "87" is 1987, not a 87th day.
        let t = "---\ndate: 1987-04-07\n---\n\nVolumes were as follows-\n\nApril 87     April 86\n\nCorn options      1,182       9,046\n";
        assert!(flagged(t).is_empty());
        let t = "---\ndate: 1987-04-07\n---\n\nThe quota for 45 March deliveries was set on 31 April.\n";
        assert_eq!(flagged(t), ["31 April"]);
    }

    // Moved from the family-level tests.
    #[test]
    fn impossible_dates() {
        let r = date(2024, 8, 27);
        let t = "Bidders have until Sept. 31 to apply, and the auction on June 31 went ahead.";
        let a = run(t, r);
        assert_eq!(
            found(&a, t),
            [
                ("dates/impossible-date", "Sept. 31"),
                ("dates/impossible-date", "June 31")
            ]
        );
        assert_eq!(a.dates[0].resolved, None);
        assert_eq!(a.findings[0].fixes[0].safety, Safety::NeedsInput);
        let t = "The deal closed on Feb. 29, 2023.";
        assert_eq!(
            found(&run(t, r), t),
            [("dates/impossible-date", "Feb. 29, 2023")]
        );
        let t = "The deal closed on Feb. 29.";
        assert_eq!(
            found(&run(t, date(2023, 3, 10)), t),
            [("dates/impossible-date", "Feb. 29")]
        );
        let t = "The deal closed on Thursday, Feb. 29. The rally was on June 30. The filing is due Sept. 30.";
        assert!(found(&run(t, date(2024, 3, 10)), t).is_empty());
        let t = "The deal closed on Feb. 29.";
        assert!(found(&run(t, date(2024, 3, 10)), t).is_empty());
    }
}
