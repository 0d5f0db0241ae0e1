//! The `dates/` family: every date expression resolved against the dateline, and the problems a
//! copy desk catches in them.
//!
//! - [`recognise`] finds the expressions (one regex pass over the prose),
//! - [`resolve`] turns them into calendar dates (tense decides which way a bare weekday points),
//! - [`style`] writes dates in house style,
//! - this file holds the rules, the check that runs them, and the hover / inlay text.

pub mod recognise;
pub mod resolve;
pub mod style;
mod words;

use crate::config::Style;
use crate::document::{Dateline, Document, Format};
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::report::DateMention;
use crate::rules::{Context, Report};
use crate::rules::{Family, FixAvailability, Level, Rule};
use jiff::civil::Date;
use recognise::{Expr, Kind, Modifier, RelWord, WeekdayRef, Written};
use resolve::{Tense, TenseCue};

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

pub static IMPOSSIBLE_DATE: Rule = Rule {
    id: "dates/impossible-date",
    family: Family::Dates,
    default_level: Level::On(Severity::Error),
    fix: FixAvailability::Sometimes,
    summary: "A date that is not on the calendar (\"June 31\", \"Feb. 29, 2023\")",
    explanation: "Thirty days hath September, April, June and November; February has 29 days only in a leap year. A date that cannot exist is a typo for some other day, and only the reporter's notes can say which.",
    bad: "Opponents have until Sept. 31 to file a challenge.",
    good: "Opponents have until Sept. 30 to file a challenge.",
    context: "",
    source: "Gregorian calendar",
};

pub static RELATIVE_WORD: Rule = Rule {
    id: "dates/relative-word",
    family: Family::Dates,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "\"yesterday\", \"today\", \"tomorrow\" or \"tonight\" in the writer's voice",
    explanation: "Wire copy is read in many time zones and on many days after it is written, so \"yesterday\" and \"tomorrow\" drift. AP and Reuters name the day of the week instead (the date, for a day more than a week away). Inside a direct quotation the words are the speaker's and stay.",
    bad: "The squad will parade the trophy tomorrow.",
    good: "The squad will parade the trophy Monday.",
    context: "---\ndate: 2023-05-20\n---",
    source: "AP Stylebook, 'today, tonight'; 'days of the week'",
};

pub static AMBIGUOUS_RELATIVE: Rule = Rule {
    id: "dates/ambiguous-relative",
    family: Family::Dates,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "\"last Friday\", \"next Friday\", \"this Friday\" that could name two days",
    explanation: "In copy dated a Tuesday, \"next Tuesday\" may mean a week from today or two weeks, and \"last Tuesday\" a week ago or today. The same holds for \"next Wednesday\" written on a Tuesday. AP calls \"last\" and \"next\" with a weekday redundant: write the weekday alone for the coming or past seven days, or give the date.",
    bad: "The candidates will meet again next Tuesday.",
    good: "The candidates will meet again on Aug. 15.",
    context: "---\ndate: 2023-08-08\n---",
    source: "AP Stylebook, 'days of the week'; 'last'",
};

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

pub static RULES: &[&Rule] = &[
    &WEEKDAY_MISMATCH,
    &IMPOSSIBLE_DATE,
    &RELATIVE_WORD,
    &AMBIGUOUS_RELATIVE,
    &STALE_WEEKDAY,
    &TENSE_CONFLICT,
    &DATE_STYLE,
    &NO_DATELINE,
];

/// One recognised expression, resolved: what the timeline and the editors need.
#[derive(Clone, Copy, Debug)]
pub struct Resolved {
    pub expr: Expr,
    pub cue: TenseCue,
    pub date: Option<Date>,
    pub quoted: bool,
    pub headline: bool,
}

/// Recognises and resolves every date expression in the document, in order.
pub fn resolve_all(doc: &Document<'_>) -> Vec<Resolved> {
    let mut skip: Vec<Span> = doc.date_markers.clone();
    if let Some(w) = doc.wire_dateline {
        skip.push(w.span);
    }
    let r = doc.dateline.map(|d| d.date);
    recognise::find(&doc.prose, &skip)
        .into_iter()
        .map(|expr| {
            let sentence = doc
                .sentence_at(expr.span.start)
                .map(|(_, s)| s.span)
                .filter(|s| s.contains_span(expr.span))
                .unwrap_or(expr.span);
            let cue = resolve::tense_at(&doc.prose, sentence, expr.span);
            let date = resolve::resolve(&expr, r, cue);
            let quoted = !doc.is_writers_voice(expr.span);
            let headline = doc
                .paragraph_at(expr.span.start)
                .is_some_and(|(_, p)| p.headline);
            Resolved {
                expr,
                cue,
                date,
                quoted,
                headline,
            }
        })
        .collect()
}

pub fn check(cx: &Context, report: &mut Report) {
    let doc = cx.doc;
    let r = doc.dateline.map(|d| d.date);
    let style = story_style(doc, cx.config.style);
    let stale_on = cx.config.level_for(&STALE_WEEKDAY).is_some();
    let mut told_no_dateline = false;
    let all = resolve_all(doc);
    // A story written throughout in day-month order ("23 March", "1 April") follows a British
    // house: its dates are held to BBC style rather than flagged one by one for their order.
    let british = {
        let written = all
            .iter()
            .filter(|x| !x.quoted && !x.headline)
            .filter_map(|x| match x.expr.kind {
                Kind::Date(w) | Kind::WeekdayDate { date: w, .. } => Some(w),
                _ => None,
            });
        let (mut day_first, mut month_first) = (0, 0);
        for w in written {
            match w.order {
                recognise::Order::DayMonth => day_first += 1,
                recognise::Order::MonthDay => month_first += 1,
                _ => {}
            }
        }
        month_first == 0 && day_first >= 2
    };
    for x in all {
        let e = x.expr;
        if e.is_date() {
            report.dates.push(DateMention {
                span: e.span,
                resolved: x.date,
                relative: e.is_relative(),
                quoted: x.quoted,
            });
        }
        if x.quoted || x.headline {
            continue;
        }
        if r.is_none() && e.is_relative() {
            if !told_no_dateline {
                told_no_dateline = true;
                report.push(no_dateline(doc, e.span));
            }
            continue;
        }
        match e.kind {
            Kind::MonthAlone { month } => report.push(month_alone(doc, e.span, month, style)),
            Kind::OrdinalDay { .. } => {
                if let Some(d) = x.date {
                    report.push(ordinal_day(doc, e.span, d, r, style));
                }
            }
            Kind::Relative(word) => {
                if let (Some(d), Some(r)) = (x.date, r) {
                    report.push(relative_word(doc, e.span, word, d, r, style));
                }
            }
            Kind::Weekday(w) => {
                if let Some(r) = r {
                    if let Some(f) = ambiguous(doc, &e, &w, &x.cue, r, style) {
                        report.push(f);
                    } else if let Some(f) = weekday_tense_conflict(doc, &e, &w, &x.cue) {
                        report.push(f);
                    }
                }
            }
            Kind::Date(wr) => {
                if let Some(why) = resolve::impossible(&wr, r) {
                    report.push(impossible(e.span, &wr, &why));
                    continue;
                }
                date_checks(doc, &x, &wr, r, house_for(style, &wr, british), report);
            }
            Kind::WeekdayDate { weekday, date } => {
                if let Some(why) = resolve::impossible(&date, r) {
                    report.push(impossible(e.span, &date, &why));
                    continue;
                }
                if weekday.abbreviated {
                    let full = style::weekday_name(weekday.weekday);
                    let text = &doc.text[weekday.word.range()];
                    report.push(
                        Finding::new(
                            &DATE_STYLE,
                            weekday.word,
                            format!("Days of the week are spelled out: “{full}”, not “{text}”."),
                        )
                        .with_fix(
                            Fix::new(
                                format!("Write “{full}”"),
                                Safety::Safe,
                                vec![Edit::replace(weekday.word, full)],
                            )
                            .preferred(),
                        ),
                    );
                }
                if let Some(d) = x.date {
                    if d.weekday() != weekday.weekday {
                        report.push(mismatch(e.span, &weekday, &date, d, style));
                    } else if stale_on {
                        if let Some(f) = r.and_then(|r| stale(doc, &e, &weekday, d, r)) {
                            report.push(f);
                        }
                    }
                }
                date_checks(doc, &x, &date, r, house_for(style, &date, british), report);
            }
        }
    }
}

/// The house style the story follows: its front matter's `style:`, else the agency named in its
/// wire dateline ("(Reuters)"), else the configured one.
pub fn story_style(doc: &Document<'_>, configured: Style) -> Style {
    let named = |name: &str| {
        Style::ALL.into_iter().find(|s| {
            s.as_str().eq_ignore_ascii_case(name)
                || style::style_name(*s).eq_ignore_ascii_case(name)
        })
    };
    if let Some(s) = doc
        .front_matter
        .as_ref()
        .and_then(|f| f.style.as_deref())
        .and_then(named)
    {
        return s;
    }
    if let Some(s) = doc
        .wire_dateline
        .and_then(|w| w.agency)
        .and_then(|a| named(doc.text[a.range()].trim()))
    {
        return s;
    }
    configured
}

fn house_for(style: Style, w: &Written, british: bool) -> Style {
    if british && w.order == recognise::Order::DayMonth {
        Style::Bbc
    } else {
        style
    }
}

/// Tense conflict and house style for a written date.
fn date_checks(
    doc: &Document<'_>,
    x: &Resolved,
    w: &Written,
    r: Option<Date>,
    style: Style,
    report: &mut Report,
) {
    if let (Some(d), Some(r)) = (x.date, r) {
        if let Some(f) = tense_conflict(x.expr.span, w, d, r, &x.cue) {
            report.push(f);
        }
    }
    let text = &doc.text[w.span.range()];
    if w.range {
        return; // "March 13-14, 2021": a range is left to the writer
    }
    if let Some((reasons, want)) = style::check(style, w, text, r) {
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

/// "in Sept." / "Aug. 2021": a month without a day is spelled out in every house style.
fn month_alone(doc: &Document<'_>, span: Span, month: i8, style: Style) -> Finding {
    let full = style::full_month(month);
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
        style::style_name(style)
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
    let want = style::house(style, d, r);
    let msg = format!("“{text}” gives a day as an ordinal with no month: dates take the month and a figure. Here that reads as “{want}”; check it.");
    Finding::new(&DATE_STYLE, span, msg).with_fix(Fix::new(
        format!("Write “{want}”"),
        Safety::Unsafe,
        vec![Edit::replace(span, want)],
    ))
}

fn impossible(span: Span, w: &Written, why: &str) -> Finding {
    Finding::new(
        &IMPOSSIBLE_DATE,
        span,
        format!("This date does not exist: {why} Check the reporting for the intended day."),
    )
    .with_fix(Fix::new(
        "Replace the day with TK until it is checked",
        Safety::NeedsInput,
        vec![Edit::replace(w.span, "TK")],
    ))
}

fn mismatch(span: Span, wd: &WeekdayRef, w: &Written, d: Date, style: Style) -> Finding {
    let actual = style::weekday_name(d.weekday());
    let named = style::weekday_name(wd.weekday);
    let shown = style::format(style, w.month, w.day, w.year);
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
        let new = style::format(style, nd.month(), nd.day(), year);
        f = f.with_fix(Fix::new(
            format!("Change the date to {named}'s date, {new}"),
            Safety::Unsafe,
            vec![Edit::replace(w.span, new)],
        ));
    }
    f
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

fn relative_word(
    doc: &Document<'_>,
    span: Span,
    word: RelWord,
    d: Date,
    r: Date,
    style: Style,
) -> Finding {
    let text = &doc.text[span.range()];
    let days = resolve::days_between(r, d);
    let day = style::weekday_name(d.weekday());
    let new = match word.part_of_day() {
        Some(part) => format!("{day} {part}"),
        None => day.to_string(),
    };
    let when = match days {
        0 => "the dateline day".to_string(),
        -1 => "the day before the dateline".to_string(),
        1 => "the day after the dateline".to_string(),
        _ => String::new(),
    };
    let msg = format!("“{text}” drifts once the story is read on another day or in another time zone: wire style names the day. Here it is {day}, {} ({when}).", style::house(style, d, Some(r)));
    Finding::new(&RELATIVE_WORD, span, msg).with_fix(
        Fix::new(
            format!("Write “{new}”"),
            Safety::Safe,
            vec![Edit::replace(span, new)],
        )
        .preferred(),
    )
}

fn ambiguous(
    doc: &Document<'_>,
    e: &Expr,
    w: &WeekdayRef,
    cue: &TenseCue,
    r: Date,
    style: Style,
) -> Option<Finding> {
    let same = w.weekday == r.weekday();
    let name = style::weekday_name(w.weekday);
    let dl = format!(
        "{}, {}",
        style::weekday_name(r.weekday()),
        style::house(style, r, Some(r))
    );
    // The readings, most likely first.
    let (readings, why): (Vec<Date>, String) = match w.modifier {
        Modifier::Last if same => (vec![resolve::add_days(r, -7)?], format!("the story is dated {dl}, so “last {name}” could be read as today or as a week ago")),
        Modifier::Last if resolve::on_or_before(r, w.weekday, true)? == resolve::add_days(r, -1)? => (
            vec![resolve::add_days(r, -1)?, resolve::add_days(r, -8)?],
            format!("the story is dated {dl}, so “last {name}” could mean yesterday or the {name} of the week before"),
        ),
        Modifier::Next if same => (
            vec![resolve::add_days(r, 7)?, resolve::add_days(r, 14)?],
            format!("the story is dated {dl}, so “next {name}” could mean a week from today or the {name} after that"),
        ),
        Modifier::Next if resolve::on_or_after(r, w.weekday, true)? == resolve::add_days(r, 1)? => (
            vec![resolve::add_days(r, 1)?, resolve::add_days(r, 8)?],
            format!("the story is dated {dl}, so “next {name}” could mean tomorrow or the {name} of the week after"),
        ),
        Modifier::This if same => (
            vec![r, resolve::add_days(r, if cue.tense == Tense::Past { -7 } else { 7 })?],
            format!("the story is dated {dl}, so “this {name}” could mean today or a week away"),
        ),
        Modifier::None if same && cue.tense == Tense::Future && cue.direct && cue.on_or_adjacent && !cue.hypothetical && !w.qualified => (
            vec![r, resolve::add_days(r, 7)?],
            format!("the story is dated {dl} and this is still to come, so “{name}” could mean today or a week from today"),
        ),
        _ => return None,
    };
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
            style::weekday_name(d.weekday()),
            style::house(style, *d, Some(r))
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

fn weekday_tense_conflict(
    doc: &Document<'_>,
    e: &Expr,
    w: &WeekdayRef,
    cue: &TenseCue,
) -> Option<Finding> {
    if !cue.direct || cue.hypothetical {
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
    if !cue.direct || cue.hypothetical || cue.tense == Tense::Unknown {
        return None;
    }
    let days = resolve::days_between(r, d);
    // Only a date the verb takes directly ("shelled the airstrip on Oct. 25", "voted Oct. 25"):
    // "the anniversary of the Sept. 11, 2001, attacks" names another event.
    if !cue.on_or_adjacent {
        return None;
    }
    // A date without a year is only trusted this close to the dateline.
    if w.year.is_none() && days.abs() > 60 {
        return None;
    }
    let shown = style::house(Style::Ap, d, Some(r));
    let dl = style::house(Style::Ap, r, Some(d));
    let msg = match cue.tense {
        Tense::Past if days > 0 => format!("The verb puts this in the past, but {shown} is {days} days after the dateline, {dl}. Fix the verb or the date."),
        Tense::Future if days < 0 => format!("The verb puts this in the future, but {shown} is {} days before the dateline, {dl}. Fix the verb or the date.", -days),
        _ => return None,
    };
    Some(Finding::new(&TENSE_CONFLICT, span, msg))
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

// ---------------------------------------------------------------------------------------------
// What the editors show

fn number_words(n: i64) -> String {
    crate::document::dateline::CALENDAR
        .numbers
        .words
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// "Thu, Aug. 12, 2021"
fn long_date(d: Date) -> String {
    format!(
        "{}, {}",
        style::weekday_short(d.weekday()),
        style::format(Style::Ap, d.month(), d.day(), Some(d.year()))
    )
}

/// Hover text for a date expression: the date it resolves to and its distance from the dateline,
/// e.g. "Thu, Aug. 12, 2021: three days before the dateline, Sun, Aug. 15".
pub fn hover_text(m: &DateMention, dateline: Option<&Dateline>) -> String {
    let quoted = if m.quoted {
        " (in a quotation: the speaker's words, not checked)"
    } else {
        ""
    };
    match (m.resolved, dateline) {
        (Some(d), Some(dl)) => {
            let r = dl.date;
            let days = resolve::days_between(r, d);
            let dl_text = format!("{}, {}", style::weekday_short(r.weekday()), style::house(Style::Ap, r, Some(d)));
            let rel = match days {
                0 => format!("the dateline day, {dl_text}"),
                1 => format!("the day after the dateline, {dl_text}"),
                -1 => format!("the day before the dateline, {dl_text}"),
                n if n < 0 => format!("{} days before the dateline, {dl_text}", number_words(-n)),
                n => format!("{} days after the dateline, {dl_text}", number_words(n)),
            };
            format!("{}: {rel}{quoted}", long_date(d))
        }
        (Some(d), None) => format!("{}{quoted}", long_date(d)),
        (None, Some(_)) => format!("This date is not on the calendar.{quoted}"),
        (None, None) => format!("This date cannot be resolved: the story has no dateline. Add the filing date (front matter `date: YYYY-MM-DD`).{quoted}"),
    }
}

/// The label an editor shows inline after a relative day ("Aug. 12"), if any.
pub fn inlay_label(m: &DateMention) -> Option<String> {
    let d = m.resolved?;
    m.relative
        .then(|| style::format(Style::Ap, d.month(), d.day(), None))
}

#[cfg(test)]
mod tests;
