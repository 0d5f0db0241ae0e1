//! `dates/tense-conflict`: a past event dated after the dateline, or a future one dated before it.

use super::ambiguous_relative::is_ambiguous;
use super::facts::DateFacts;
use super::house;
use super::recognise::{Expr, Kind, Modifier, WeekdayRef, Written};
use super::resolve::{self, Tense, TenseCue};
use crate::config::Style;
use crate::document::Document;
use crate::finding::{Finding, Severity, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
use jiff::civil::Date;

pub static TENSE_CONFLICT: Rule = Rule {
    id: "dates/tense-conflict",
    family: Family::Dates,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "A past event dated after the dateline, or a future one dated before it",
    explanation: "\"The council voted on Oct. 25\" in a story dated Oct. 19 cannot be right: either the verb or the date is wrong. The same goes for \"will meet\" with a date already past. Hypotheticals and plans (\"could\", \"if\") are left alone.",
    bad: "Militants shelled the airstrip on Oct. 25.",
    good: "Militants shelled the airstrip on Oct. 15.",
    context: "---\ndate: 2023-10-19\n---",
    source: "AP Stylebook, 'days of the week'; newsroom practice",
};

pub struct TenseConflict;

impl Check for TenseConflict {
    fn rule(&self) -> &'static Rule {
        &TENSE_CONFLICT
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<DateFacts>();
        facts.report_mentions(report);
        let Some(r) = facts.r else { return };
        for x in facts.checked() {
            let e = x.expr;
            match e.kind {
                // A weekday that is ambiguous is reported as that, not as a conflict.
                Kind::Weekday(w) => {
                    if !is_ambiguous(&w, &x.cue, r) {
                        if let Some(f) = weekday_tense_conflict(cx.doc, &e, &w, &x.cue) {
                            report.push(f);
                        }
                    }
                }
                Kind::Date(w) | Kind::WeekdayDate { date: w, .. } => {
                    if resolve::impossible(&w, facts.r).is_some() {
                        continue;
                    }
                    if let Some(f) = x
                        .date
                        .and_then(|d| tense_conflict(e.span, &w, d, r, &x.cue))
                    {
                        report.push(f);
                    }
                }
                _ => {}
            }
        }
    }
}

fn weekday_tense_conflict(
    doc: &Document<'_>,
    e: &Expr,
    w: &WeekdayRef,
    cue: &TenseCue,
) -> Option<Finding> {
    if !cue.direct || cue.hypothetical || cue.backshifted {
        return None;
    }
    let text = &doc.text[e.span.range()];
    let msg = match (w.modifier, cue.tense) {
        (Modifier::Last, Tense::Future) => format!("“{text}” is already past, but the verb puts the event in the future. Fix the verb or the day."),
        (Modifier::Next, Tense::Past) => format!("“{text}” is still to come, but the verb puts the event in the past. Fix the verb or the day."),
        _ => return None,
    };
    Some(Finding::new(&TENSE_CONFLICT, e.span, msg))
}

fn tense_conflict(span: Span, w: &Written, d: Date, r: Date, cue: &TenseCue) -> Option<Finding> {
    if !cue.direct
        || cue.hypothetical
        || cue.copula
        || cue.backshifted
        || cue.tense == Tense::Unknown
    {
        return None;
    }
    let days = resolve::days_between(r, d);
    // Only a date the verb takes directly ("shelled the airstrip on Oct. 25", "voted Oct. 25"):
    // "the anniversary of the Sept. 11, 2001, attacks" names another event.
    if !cue.on_or_adjacent {
        return None;
    }
    // A date without a year is only trusted this close to the dateline.
    if w.year.is_none() && w.year_shift.is_none() && days.abs() > 60 {
        return None;
    }
    let shown = house::house(Style::Ap, d, Some(r));
    let dl = house::house(Style::Ap, r, Some(d));
    // Joined from its pieces, not written with `format!` (the same text for a fraction of the
    // work: every edit writes it again).
    let (opening, apart, side) = match cue.tense {
        Tense::Past if days > 0 => (
            "The verb puts this in the past, but ",
            days,
            " days after the dateline, ",
        ),
        Tense::Future if days < 0 => (
            "The verb puts this in the future, but ",
            -days,
            " days before the dateline, ",
        ),
        _ => return None,
    };
    let mut msg = String::with_capacity(160);
    msg.push_str(opening);
    msg.push_str(&shown);
    msg.push_str(" is ");
    house::decimal(&mut msg, apart);
    msg.push_str(side);
    msg.push_str(&dl);
    msg.push_str(". Fix the verb or the date.");
    Some(Finding::new(&TENSE_CONFLICT, span, msg))
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;
    use crate::{analyze, Config};

    /// The texts this rule flags in `text`, with the rule on.
    fn flagged(text: &str) -> Vec<&str> {
        crate::rules::flagged_on(text, &super::TENSE_CONFLICT)
    }

    #[test]
    fn a_copula_states_a_date_and_dates_nothing() {
        let t = "---\ndate: 2023-03-20\n---\n\nThe company extended the deadline to June 1. The original deadline was April 15.\n";
        assert!(flagged(t).is_empty());
    }

    #[test]
    fn a_past_verb_with_a_date_to_come() {
        let t = "---\ndate: 2023-10-19\n---\n\nMilitants shelled the airstrip on Oct. 25. The council will vote on Oct. 30.\n";
        assert_eq!(flagged(t), ["Oct. 25"]);
    }

    #[test]
    fn a_future_seen_from_the_past_may_be_past_now() {
        // Reported plans, and plan words with no "is" or "will": the day may have gone by.
        for t in [
            "The company said it would close the plant on March 3.",
            "The board was expected to meet on March 3 but put the meeting off.",
            "The union was scheduled to strike on March 3.",
            "The offer, due to lapse on March 3, was extended to April 1.",
            "The offer, due to lapse last Thursday, was extended to April 1.",
            "The union planned to strike on March 3.",
            "Officials said the two sides would meet to discuss the dispute last Wednesday, but the talks collapsed.",
        ] {
            let t = format!("---\ndate: 2024-03-10\n---\n\n{t}\n");
            assert!(flagged(&t).is_empty(), "{t}");
        }
        // A plan anchored in the present, or "will", still contradicts a day gone by.
        for (t, want) in [
            ("The board is expected to meet on March 3.", "March 3"),
            ("The board will meet on March 3.", "March 3"),
            ("The board will meet last Thursday.", "last Thursday"),
            ("The board is due to meet last Thursday.", "last Thursday"),
            ("It's due to reopen on March 3.", "March 3"),
        ] {
            let t = format!("---\ndate: 2024-03-10\n---\n\n{t}\n");
            assert_eq!(flagged(&t), [want], "{t}");
        }
    }

    #[test]
    fn a_year_given_in_words_is_the_dates_year() {
        let t = "---\ndate: 1987-10-19\n---\n\nThe chain earned 14 cents a share in the quarter ended November 30 last year, on higher sales.\n";
        assert!(flagged(t).is_empty());
        let a = analyze(t, &Config::default());
        assert_eq!(a.dates[0].resolved, Some(jiff::civil::date(1986, 11, 30)));
        let t = "---\ndate: 1987-10-19\n---\n\nThe plant reopened on March 2 next year.\n";
        assert_eq!(flagged(t), ["March 2"]);
        let a = analyze(t, &Config::default());
        assert_eq!(a.dates[0].resolved, Some(jiff::civil::date(1988, 3, 2)));
    }

    // Moved from the family-level tests.
    #[test]
    fn tense_conflicts() {
        let r = date(2023, 10, 19);
        let t = "Militants shelled the airstrip on Oct. 25, 2023.";
        assert_eq!(
            found(&run(t, r), t),
            [
                ("dates/style", "Oct. 25, 2023"),
                ("dates/tense-conflict", "Oct. 25, 2023")
            ]
        );
        let t = "Militants shelled the airstrip on Oct. 25.";
        assert_eq!(found(&run(t, r), t), [("dates/tense-conflict", "Oct. 25")]);
        let t = "Mediators will meet the junta on Oct. 2, 2022.";
        assert_eq!(
            found(&run(t, r), t),
            [("dates/tense-conflict", "Oct. 2, 2022")]
        );
        for t in [
            "The two unions have agreed to a joint rally on Oct. 25.",
            "Mediators will meet the junta on Oct. 25.",
            "The airstrip was shelled on Oct. 12.",
            "The army could have retaken the town on Oct. 25, 2023.",
            "The judge set sentencing for Jan. 18.",
            "Mourners will mark the anniversary of the Oct. 7, 2022, attack.",
        ] {
            let a = run(t, r);
            assert!(
                found(&a, t)
                    .iter()
                    .all(|(rule, _)| *rule != "dates/tense-conflict"),
                "{t}: {:?}",
                found(&a, t)
            );
        }
    }
}
