//! `dates/style`: a date out of the story's house style (month form, ordinals, figures, needless year).

use super::facts::DateFacts;
use super::facts::Resolved;
use super::house;
use super::recognise::{self, Kind, Written};
use super::resolve;
use crate::config::Style;
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
use jiff::civil::Date;
use std::collections::HashMap;

pub static DATE_STYLE: Rule = Rule {
    id: "dates/style",
    family: Family::Dates,
    default_level: Level::On(Severity::Info),
    fix: FixAvailability::Sometimes,
    summary: "A date out of house style (month form, ordinals, needless year)",
    explanation: "AP abbreviates Jan., Feb., Aug., Sept., Oct., Nov. and Dec. before a day and spells out March to July; Reuters writes the same abbreviations without a full stop; the BBC puts the day first and spells the month out. None uses ordinals (\"Aug. 15\", not \"August 15th\"), and the year is given only when it is not the dateline's year. The house is set by `style` in copydesk.toml.",
    bad: "Rovers begin their defence on August 15th.",
    good: "Rovers begin their defence on Aug. 15.",
    context: "",
    source: "AP Stylebook, 'months', 'dates'; Reuters Handbook of Journalism, 'dates'; BBC News style guide, 'dates'",
};

pub struct DateStyle;

impl Check for DateStyle {
    fn rule(&self) -> &'static Rule {
        &DATE_STYLE
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<DateFacts>();
        facts.report_mentions(report);
        let (doc, r, style) = (cx.doc, facts.r, facts.style);
        let years = years_by_paragraph(doc, &facts);
        let mut read = rustc_hash::FxHashMap::default();
        for x in facts.checked() {
            let e = x.expr;
            if is_a_date_stamp(doc, e.span) {
                continue;
            }
            match e.kind {
                Kind::MonthAlone { month } => report.push(month_alone(doc, e.span, month, style)),
                Kind::OrdinalDay { .. } => {
                    if let Some(d) = x.date {
                        report.push(ordinal_day(doc, e.span, d, r, style));
                    }
                }
                Kind::Date(w) => {
                    if resolve::impossible(&w, r).is_none() {
                        let r = if year_set_against_another(
                            &years,
                            doc.paragraph_at(e.span.start).map(|(i, _)| i),
                            &w,
                        ) || in_caption(doc, x, &mut read)
                        {
                            None
                        } else {
                            r
                        };
                        written_style(doc, x, &w, r, facts.house_for(&w), report);
                    }
                }
                Kind::WeekdayDate { weekday, date } => {
                    if resolve::impossible(&date, r).is_some() {
                        continue;
                    }
                    if weekday.abbreviated {
                        report.push(abbreviated_weekday(doc, weekday.word, weekday.weekday));
                    }
                    // "Thursday, June 16, 2016": the full form a caption or a notice gives,
                    // year and all, on purpose; only the spelling is held to house style.
                    let r = if date.year.is_some() { None } else { r };
                    written_style(doc, x, &date, r, facts.house_for(&date), report);
                }
                _ => {}
            }
        }
    }
}

/// A year that matches the dateline's is still wanted when a date nearby (this paragraph or the
/// ones either side) gives another year: "the deadline moved to April 15, 1988; it was April
/// 15, 1987" sets one year against the other.
fn year_set_against_another(
    years: &HashMap<usize, Vec<i16>>,
    here: Option<usize>,
    w: &Written,
) -> bool {
    let (Some(y), Some(here)) = (w.year, here) else {
        return false;
    };
    (here.saturating_sub(1)..=here + 1)
        .filter_map(|i| years.get(&i))
        .any(|ys| ys.iter().any(|&o| o != y))
}

/// The distinct years written out in each paragraph's dates (by paragraph index), computed once
/// per story.
fn years_by_paragraph(doc: &Document<'_>, facts: &DateFacts) -> HashMap<usize, Vec<i16>> {
    let mut years: HashMap<usize, Vec<i16>> = HashMap::new();
    for o in &facts.all {
        let year = match o.expr.kind {
            Kind::Date(ow) | Kind::WeekdayDate { date: ow, .. } => ow.year,
            _ => None,
        };
        if let (Some(y), Some((i, _))) = (year, doc.paragraph_at(o.expr.span.start)) {
            let ys = years.entry(i).or_default();
            if !ys.contains(&y) {
                ys.push(y);
            }
        }
    }
    years
}

/// Is the date a paragraph of its own, with at most a label ("Saturday, Dec. 19, 2015.",
/// "Correction: Oct. 2, 2016, Sunday.")? That is a stamp of the page (the print date, a
/// correction's date), set by the publishing system, not running text.
fn is_a_date_stamp(doc: &Document<'_>, span: Span) -> bool {
    let Some((_, p)) = doc.paragraph_at(span.start) else {
        return false;
    };
    // A stamp is a short line; a long paragraph is running text (and is not copied per date).
    if !p.span.contains_span(span) || p.span.end - p.span.start > STAMP_MAX_BYTES {
        return false;
    }
    // The words of the paragraph around the date (joined with a space, no word runs from one
    // side into the other: the count is the two sides' counts added), counted up to two.
    let words = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(2)
            .count()
    };
    let before = words(&doc.text[p.span.start..span.start]);
    before <= 1 && before + words(&doc.text[span.end..p.span.end]) <= 1
}

/// Is the date in a photo caption (a credit in its paragraph or the one before)?
/// `read` holds what was found in each stretch of the text read so far (dates in one short
/// paragraph read the same stretches).
fn in_caption(
    doc: &Document<'_>,
    x: &Resolved,
    read: &mut rustc_hash::FxHashMap<(usize, usize), bool>,
) -> bool {
    let Some((i, p)) = doc.paragraph_at(x.expr.span.start) else {
        return false;
    };
    // Whether `doc.text[lo..hi]` holds a credit.
    let mut has_credit = |lo: usize, hi: usize| {
        *read.entry((lo, hi)).or_insert_with(|| {
            let text = &doc.text[lo..hi];
            super::words::NOT_A_DAY
                .caption_credits
                .iter()
                .any(|c| text.contains(c.as_str()))
        })
    };
    // Near the date in its own paragraph, or a short credit line just before it.
    let lo = floor_char(
        doc.text,
        x.expr
            .span
            .start
            .saturating_sub(CAPTION_REACH)
            .max(p.span.start),
    );
    let hi = floor_char(doc.text, (x.expr.span.end + CAPTION_REACH).min(p.span.end));
    has_credit(lo, hi)
        || i.checked_sub(1)
            .map(|k| doc.paragraphs[k].span)
            .is_some_and(|q| q.end - q.start <= CAPTION_REACH && has_credit(q.start, q.end))
}

/// How far from a date a photo credit may be for the date to be a caption's, in bytes.
const CAPTION_REACH: usize = 400;
/// The longest paragraph read as a date stamp, in bytes.
const STAMP_MAX_BYTES: usize = 120;

fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// "in Sept." / "Aug. 2021": a month without a day is spelled out in every house style.
fn month_alone(doc: &Document<'_>, span: Span, month: i8, style: Style) -> Finding {
    let full = house::full_month(month);
    let text = &doc.text[span.range()];
    // The full stop also ends the sentence when nothing or a new sentence follows.
    let rest = doc.text[span.end..].trim_start_matches([' ', '\u{a0}']);
    let ends_sentence = rest.is_empty()
        || rest.starts_with(['\n', '\r', '"', '”', '’', ')'])
        || (doc.text[span.end..].starts_with(' ') && rest.starts_with(char::is_uppercase));
    let new = if ends_sentence {
        format!("{full}.")
    } else {
        full.to_string()
    };
    let msg = format!(
        "{} style spells out a month that stands without a day: “{full}”, not “{text}”.",
        house::style_name(style)
    );
    Finding::new(&DATE_STYLE, span, msg).with_fix(
        Fix::new(
            format!("Write “{full}”"),
            Safety::Safe,
            vec![Edit::replace(span, new)],
        )
        .preferred(),
    )
}

/// "by the 25th": a day of the month as an ordinal with no month.
fn ordinal_day(doc: &Document<'_>, span: Span, d: Date, r: Option<Date>, style: Style) -> Finding {
    let text = &doc.text[span.range()];
    let want = house::house(style, d, r);
    let msg = format!("“{text}” gives a day as an ordinal with no month: dates take the month and a figure. Here that reads as “{want}”; check it.");
    Finding::new(&DATE_STYLE, span, msg).with_fix(Fix::new(
        format!("Write “{want}”"),
        Safety::Unsafe,
        vec![Edit::replace(span, want)],
    ))
}

/// "Tues., Aug. 10": a weekday is spelled out in every house.
fn abbreviated_weekday(doc: &Document<'_>, word: Span, wd: jiff::civil::Weekday) -> Finding {
    let full = house::weekday_name(wd);
    let text = &doc.text[word.range()];
    Finding::new(
        &DATE_STYLE,
        word,
        format!("Days of the week are spelled out: “{full}”, not “{text}”."),
    )
    .with_fix(
        Fix::new(
            format!("Write “{full}”"),
            Safety::Safe,
            vec![Edit::replace(word, full)],
        )
        .preferred(),
    )
}

/// A written date out of house style.
fn written_style(
    doc: &Document<'_>,
    x: &Resolved,
    w: &Written,
    r: Option<Date>,
    style: Style,
    report: &mut Report,
) {
    let _ = x;
    let text = &doc.text[w.span.range()];
    if w.range {
        return; // "March 13-14, 2021": a range is left to the writer
    }
    // "[Remarks to a trade group, 10/24/13.]": a figure date closing a bracketed source citation
    // is reference matter, like a table, not running text.
    if w.form == recognise::MonthForm::Numeric
        && doc.text[w.span.end..]
            .trim_start_matches('.')
            .starts_with([']', ')'])
    {
        return;
    }
    if let Some((reasons, want)) = house::check(style, w, text, r) {
        // "5/6/2024" reads as May 6 in the U.S. and 5 June elsewhere: the rewrite is a guess.
        let ambiguous = w.order == recognise::Order::Slashed
            && w.month <= 12
            && w.day <= 12
            && w.month != w.day;
        let (msg, safety) = if ambiguous {
            (format!("“{text}” is out of house style and ambiguous (month first in the U.S., day first elsewhere): {}. Read month first, that is “{want}”.", reasons.join("; ")), Safety::Unsafe)
        } else {
            (
                format!(
                    "“{text}” is out of house style: {}. Write “{want}”.",
                    reasons.join("; ")
                ),
                Safety::Safe,
            )
        };
        report.push(
            Finding::new(&DATE_STYLE, w.span, msg).with_fix(
                Fix::new(
                    format!("Write “{want}”"),
                    safety,
                    vec![Edit::replace(w.span, want)],
                )
                .preferred(),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;
    use crate::Config;

    /// The texts this rule flags in `text`, with the rule on.
    fn flagged(text: &str) -> Vec<&str> {
        crate::rules::flagged_on(text, &super::DATE_STYLE)
    }

    #[test]
    fn ordinals_and_month_forms_in_ap_copy() {
        let t = "---\ndate: 2023-05-01\n---\n\nRovers begin on August 15th and play again Aug. 22 and in Sept.\n";
        assert_eq!(flagged(t), ["August 15th", "Sept."]);
    }

    #[test]
    fn a_date_inside_a_name_keeps_the_names_spelling() {
        let t = "---\ndate: 2016-09-29\n---\n\nA co-chair of September 11th Families United criticised the veto, as did the October 7 Memorial Fund.\n";
        assert!(flagged(t).is_empty());
        // A preposition or a weekday before it makes it a day again, capital after it or not.
        let t = "---\ndate: 2016-09-29\n---\n\nOn September 12th President Ford spoke, and on Monday, September 19th Congress met.\n";
        assert_eq!(flagged(t), ["September 12th", "September 19th"]);
    }

    #[test]
    fn a_year_given_on_purpose_is_kept() {
        // A caption's full form, weekday and year.
        let t = "---\ndate: 2016-06-16\n---\n\nThe senator greets supporters at the airport on Thursday, June 16, 2016.\n";
        assert!(flagged(t).is_empty());
        let t = "---\ndate: 2016-02-03\n---\n\nThis is the newsletter for Wednesday, February 3, 2016.\n";
        assert_eq!(flagged(t), ["February 3, 2016"]);
        let a = crate::analyze(t, &Config::default());
        assert!(
            a.findings[0].message.contains("Write “Feb. 3, 2016”"),
            "{}",
            a.findings[0].message
        );
        // A caption: a photo credit in the paragraph.
        let t = "---\ndate: 2016-02-07\n---\n\nCandidates take the stage at the college February 6, 2016 in Manchester. (AP Photo/Staff)\n";
        assert_eq!(flagged(t), ["February 6, 2016"]);
        let a = crate::analyze(t, &Config::default());
        assert!(
            a.findings[0].message.contains("Write “Feb. 6, 2016”"),
            "{}",
            a.findings[0].message
        );
        // One year set against another nearby.
        let t = "---\ndate: 1987-03-04\nstyle: reuters\n---\n\nThe firm moved the maturity of its notes to June 1, 1989. The first maturity date was June 1, 1987.\n";
        assert!(flagged(t).is_empty());
        // Otherwise the dateline's year is needless.
        let t = "---\ndate: 1987-03-04\nstyle: reuters\n---\n\nFuel taxes rise from July 1, 1987, the ministry said.\n";
        assert_eq!(flagged(t), ["July 1, 1987"]);
    }

    #[test]
    fn a_figure_date_closing_a_citation_is_reference_matter() {
        let t = "---\ndate: 2016-10-12\n---\n\n“We need every part of the engine running.” [Remarks to a builders' forum, 10/24/13.] The talk ran on 10/24/13 in Denver.\n";
        assert_eq!(flagged(t), ["10/24/13"]);
        let a = crate::analyze(t, &Config::default());
        let f = a
            .findings
            .iter()
            .find(|f| f.rule == super::DATE_STYLE.id)
            .unwrap();
        assert!(f.span.start > t.find("Denver").unwrap() - 20);
    }

    #[test]
    fn the_article_of_a_noun_after_a_date_is_not_the_dates() {
        let bbc = "---\nstyle: bbc\n---\n\n";
        let t = format!("{bbc}The winger had aimed at the 27 February match, after the 7 July bombings had delayed the tour.\n");
        assert!(flagged(&t).is_empty(), "{t}");
        let t = format!("{bbc}The search run on the morning of the 22 December found little.\n");
        assert_eq!(flagged(&t), ["the 22 December"]);
        // In AP copy the date takes the house form and the article stays with its noun.
        let t = "---\ndate: 2023-01-10\n---\n\nThe club targeted the 27 February match.\n";
        assert_eq!(flagged(t), ["27 February"]);
        let a = crate::analyze(t, &Config::default());
        let f = a
            .findings
            .iter()
            .find(|f| f.rule == super::DATE_STYLE.id)
            .unwrap();
        assert_eq!(f.fixes[0].apply(t), t.replace("27 February", "Feb. 27"));
    }

    #[test]
    fn the_date_line_of_an_embedded_post_is_not_copy() {
        let t = "---\ndate: 2016-08-08\n---\n\n<tweet>The vote was close. — A. Writer (@a_writer) August 2, 2016</tweet>\n\nThe count ended August 3.\n";
        assert_eq!(flagged(t), ["August 3"]);
    }

    // Moved from the family-level tests.
    #[test]
    fn ap_style_fixes() {
        let r = date(2024, 5, 26);
        for (bad, good) in [
            ("August 15th", "Aug. 15"),
            ("Aug 17th", "Aug. 17"),
            ("Aug 15", "Aug. 15"),
            ("Mar. 7", "March 7"),
            ("Sep. 5", "Sept. 5"),
            ("September 5", "Sept. 5"),
            ("15 August", "Aug. 15"),
            ("the 3rd of May", "May 3"),
            ("Aug. 15, 2024", "Aug. 15"),
            ("15 August 2021", "Aug. 15, 2021"),
            ("2024-08-15", "Aug. 15"),
        ] {
            let t = format!("The club plays on {bad} at home.");
            let a = run_style(&t, r, Style::Ap);
            let fs: Vec<_> = a
                .findings
                .iter()
                .filter(|f| f.rule == "dates/style")
                .collect();
            assert_eq!(fs.len(), 1, "{bad}: {:?}", found(&a, &t));
            assert_eq!(fs[0].fixes[0].safety, Safety::Safe);
            assert_eq!(
                fs[0].fixes[0].apply(&t),
                format!("The club plays on {good} at home."),
                "{bad}"
            );
        }
        for good in [
            "Aug. 15",
            "March 7",
            "Sept. 5",
            "May 3",
            "Aug. 15, 2021",
            "Jan. 18",
        ] {
            let t = format!("The club plays on {good} at home.");
            assert!(found(&run_style(&t, r, Style::Ap), &t).is_empty(), "{good}");
        }
        // The sentence's full stop survives a rewrite.
        let t = "Rovers play on 15 Aug.";
        assert_eq!(
            run_style(t, r, Style::Ap).findings[0].fixes[0].apply(t),
            "Rovers play on Aug. 15."
        );
    }

    #[test]
    fn reuters_and_bbc_style_fixes() {
        let r = date(2024, 5, 26);
        for (style, bad, good) in [
            (Style::Reuters, "August 15th", "Aug 15"),
            (Style::Reuters, "15 Aug", "Aug 15"),
            (Style::Reuters, "Mar 7", "March 7"),
            (Style::Bbc, "Aug. 15", "15 August"),
            (Style::Bbc, "the 3rd of May", "3 May"),
        ] {
            let t = format!("The club plays on {bad} at home.");
            let a = run_style(&t, r, style);
            let fs: Vec<_> = a
                .findings
                .iter()
                .filter(|f| f.rule == "dates/style")
                .collect();
            assert_eq!(fs.len(), 1, "{bad}");
            assert_eq!(
                fs[0].fixes[0].apply(&t),
                format!("The club plays on {good} at home."),
                "{style:?} {bad}"
            );
        }
        for (style, good) in [
            (Style::Reuters, "Aug 15"),
            (Style::Reuters, "March 7"),
            // Reuters copy spells months every way (see data/dates/calendar.toml).
            (Style::Reuters, "Aug. 15"),
            (Style::Reuters, "January 28"),
            (Style::Bbc, "15 August"),
        ] {
            let t = format!("The club plays on {good} at home.");
            assert!(found(&run_style(&t, r, style), &t).is_empty(), "{good}");
        }
    }

    #[test]
    fn a_story_written_in_day_month_order_is_held_to_british_style() {
        let r = date(2023, 3, 15);
        let t =
            "Drivers will strike on 23 March and 1 April. Talks last took place on 28 February.";
        assert!(found(&run(t, r), t).is_empty());
        let t = "Drivers will strike on 23 March and on the 1st of April.";
        assert_eq!(found(&run(t, r), t), [("dates/style", "the 1st of April")]);
        let t = "Drivers will strike on 23 March and on April 1.";
        assert_eq!(found(&run(t, r), t), [("dates/style", "23 March")]);
    }

    #[test]
    fn ranges_keep_their_year() {
        let t = "It was the worst storm since the blizzard of March 13-14, 2021, officials said.";
        let a = run(t, date(2024, 11, 20));
        assert_eq!(
            resolved(&a, t),
            [("March 13-14, 2021".to_string(), Some(date(2021, 3, 13)))]
        );
        assert!(found(&a, t).is_empty());
    }

    #[test]
    fn abbreviated_weekdays_only_with_a_date() {
        let r = date(2024, 6, 5);
        let t = "The hearing on Tues., June 4 was short, and the one on Thurs., June 4 was shorter. The Sun. reported it.";
        let a = run(t, r);
        assert_eq!(
            resolved(&a, t),
            [
                ("Tues., June 4".to_string(), Some(date(2024, 6, 4))),
                ("Thurs., June 4".to_string(), Some(date(2024, 6, 4)))
            ]
        );
        assert_eq!(
            found(&a, t),
            [
                ("dates/style", "Tues."),
                ("dates/style", "Thurs."),
                ("dates/weekday-mismatch", "Thurs., June 4")
            ]
        );
        assert_eq!(
            a.findings[0].fixes[0].apply(t),
            t.replacen("Tues.", "Tuesday", 1)
        );
    }

    #[test]
    fn month_without_a_day_is_spelled_out() {
        let r = date(2024, 5, 26);
        let t =
            "The junta seized power in Sept. 2022 and promised a vote by Aug. The talks resume in Oct.";
        let a = run(t, r);
        assert_eq!(
            found(&a, t),
            [
                ("dates/style", "Sept."),
                ("dates/style", "Aug."),
                ("dates/style", "Oct.")
            ]
        );
        let mut fixed = t.to_string();
        for f in a.findings.iter().rev() {
            fixed = f.fixes[0].apply(&fixed);
        }
        assert_eq!(fixed, "The junta seized power in September 2022 and promised a vote by August. The talks resume in October.");
        assert!(a.dates.is_empty(), "a month alone is not a date");
        let t = "The junta seized power in September 2022, on Sept. 30.";
        assert!(found(&run(t, r), t).is_empty());
    }

    #[test]
    fn slashed_dates() {
        let r = date(2024, 5, 26);
        let t = "The ruling of 5/6/2024 stands, and the appeal filed 25/4/2024 failed.";
        let a = run(t, r);
        assert_eq!(
            resolved(&a, t),
            [
                ("5/6/2024".to_string(), Some(date(2024, 5, 6))),
                ("25/4/2024".to_string(), Some(date(2024, 4, 25)))
            ]
        );
        let fs: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.rule == "dates/style")
            .collect();
        assert_eq!(fs.len(), 2);
        assert_eq!(fs[0].fixes[0].safety, Safety::Unsafe, "5/6 could be June 5");
        assert_eq!(fs[1].fixes[0].safety, Safety::Safe);
        assert_eq!(
            fs[1].fixes[0].apply(t),
            "The ruling of 5/6/2024 stands, and the appeal filed April 25 failed."
        );
        let t = "Open 24/7, and 1/2 of the votes, and 9/11.";
        assert!(run(t, r).dates.is_empty());
    }

    #[test]
    fn a_date_standing_as_its_own_paragraph_is_a_stamp() {
        let t = "---\ndate: 2015-12-14\n---\n\nThe panel met on December 12.\n\nSaturday, December 19, 2015.\n\nCorrection: December 20, 2015, Sunday.\n";
        assert_eq!(flagged(t), ["December 12"]);
    }

    #[test]
    fn an_abbreviated_month_alone_needs_a_word_of_time_or_a_year() {
        let t = "---\nstyle: bbc\n---\n\nThe contestants were told by hosts Ant and Dec. The show ends in Dec. and returns Jan. 2026.\n";
        assert_eq!(flagged(t), ["Dec.", "Jan."]);
    }
}
