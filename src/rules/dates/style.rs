//! House style for dates: how AP, Reuters and the BBC write a month and day.

use super::recognise::{MonthForm, Order, Written};
use crate::config::Style;
use jiff::civil::{Date, Weekday};

pub const FULL_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const AP_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
const REUTERS_MONTHS: [&str; 12] = [
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];

/// The month as the house writes it before a day.
pub fn month_with_day(style: Style, month: i8) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match style {
        Style::Ap => AP_MONTHS[i],
        Style::Reuters => REUTERS_MONTHS[i],
        Style::Bbc => FULL_MONTHS[i],
    }
}

/// A month and day (and a year when given) in house style: "Aug. 15", "Aug 15, 2020", "15 August".
pub fn format(style: Style, month: i8, day: i8, year: Option<i16>) -> String {
    let m = month_with_day(style, month);
    match (style, year) {
        (Style::Bbc, Some(y)) => format!("{day} {m} {y}"),
        (Style::Bbc, None) => format!("{day} {m}"),
        (_, Some(y)) => format!("{m} {day}, {y}"),
        (_, None) => format!("{m} {day}"),
    }
}

pub fn weekday_name(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

pub fn weekday_short(wd: Weekday) -> &'static str {
    &weekday_name(wd)[..3]
}

pub fn style_name(style: Style) -> &'static str {
    match style {
        Style::Ap => "AP",
        Style::Reuters => "Reuters",
        Style::Bbc => "BBC",
    }
}

/// A date in house style, keeping the year only when it is not the dateline's year.
pub fn house(style: Style, date: Date, dateline: Option<Date>) -> String {
    let year = if dateline.is_some_and(|r| r.year() == date.year()) {
        None
    } else {
        Some(date.year())
    };
    format(style, date.month(), date.day(), year)
}

/// A written date out of house style: the reasons, and the house form to put in its place.
pub fn check(
    style: Style,
    w: &Written,
    written_text: &str,
    dateline: Option<Date>,
) -> Option<(Vec<String>, String)> {
    let year = match (w.year, dateline) {
        (Some(y), Some(r)) if y == r.year() => None,
        (y, _) => y,
    };
    let want = format(style, w.month, w.day, year);
    if written_text.replace('\u{a0}', " ") == want {
        return None;
    }
    let house = style_name(style);
    let i = (w.month.clamp(1, 12) - 1) as usize;
    let mut reasons = Vec::new();
    if w.ordinal {
        reasons.push("dates take figures alone, with no “st”, “nd”, “rd” or “th”".to_string());
    }
    let month_ok = match (style, w.form) {
        (_, MonthForm::Numeric) => false,
        (Style::Bbc, f) => f == MonthForm::Full,
        (Style::Ap, MonthForm::AbbrPeriod) => {
            AP_MONTHS[i].ends_with('.') && written_text.contains(AP_MONTHS[i])
        }
        (Style::Ap, MonthForm::Full) => !AP_MONTHS[i].ends_with('.'),
        (Style::Reuters, MonthForm::AbbrBare) => {
            REUTERS_MONTHS[i] != FULL_MONTHS[i] && written_text.contains(REUTERS_MONTHS[i])
        }
        (Style::Reuters, MonthForm::Full) => REUTERS_MONTHS[i] == FULL_MONTHS[i],
        _ => false,
    };
    if w.form == MonthForm::Numeric {
        reasons.push("a date in running text is written out, not in numbers".to_string());
    } else if !month_ok {
        let m = month_with_day(style, w.month);
        if m == FULL_MONTHS[i] {
            reasons.push(format!("{house} style spells out {m} before a day"));
        } else if style == Style::Reuters {
            reasons.push(format!("Reuters style writes “{m}”, with no full stop"));
        } else {
            reasons.push(format!(
                "{house} style abbreviates the month before a day: “{m}”"
            ));
        }
    }
    let order_ok = match style {
        Style::Bbc => w.order == Order::DayMonth,
        _ => w.order == Order::MonthDay,
    };
    if !order_ok && w.form != MonthForm::Numeric {
        reasons.push(if style == Style::Bbc {
            "BBC style puts the day first".to_string()
        } else {
            format!("{house} style puts the month first")
        });
    }
    if w.year.is_some() && year.is_none() {
        reasons.push("the year is the dateline's: give it only when it differs".to_string());
    }
    if reasons.is_empty() {
        // Spacing or punctuation: "Aug.15", "Aug. 15 2020".
        reasons.push(format!("{house} style writes it “{want}”"));
    }
    Some((reasons, want))
}
