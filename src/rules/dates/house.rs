//! House style for dates: how AP, Reuters and the BBC write a month and day.

use super::recognise::{MonthForm, Order, Written};
use crate::config::Style;
use crate::document::dateline::{self, House, CALENDAR};
use jiff::civil::{Date, Weekday};

/// The house's entry in `data/dates/calendar.toml`.
fn house_data(style: Style) -> &'static House {
    let h = &CALENDAR.house;
    match style {
        Style::Ap => &h.ap,
        Style::Reuters => &h.reuters,
        Style::Bbc => &h.bbc,
    }
}

/// The month spelled out (1-12).
pub fn full_month(month: i8) -> &'static str {
    dateline::month_name(month)
}

/// The month as the house writes it before a day.
pub fn month_with_day(style: Style, month: i8) -> &'static str {
    &house_data(style).months_with_day[(month.clamp(1, 12) - 1) as usize]
}

/// A month and day (and a year when given) in house style: "Aug. 15", "Aug 15, 2020", "15 August".
/// Written piece by piece, not through `format!` (a tenth of the work: the date rules write one
/// or two for each finding on every edit).
pub fn format(style: Style, month: i8, day: i8, year: Option<i16>) -> String {
    let m = month_with_day(style, month);
    let mut out = String::with_capacity(m.len() + 10);
    match style {
        Style::Bbc => {
            decimal(&mut out, day.into());
            out.push(' ');
            out.push_str(m);
            if let Some(y) = year {
                out.push(' ');
                decimal(&mut out, y.into());
            }
        }
        _ => {
            out.push_str(m);
            out.push(' ');
            decimal(&mut out, day.into());
            if let Some(y) = year {
                out.push_str(", ");
                decimal(&mut out, y.into());
            }
        }
    }
    out
}

/// `n` in decimal, as `Display` writes it (for messages written without `format!`).
pub(crate) fn decimal(out: &mut String, n: i64) {
    out.push_str(itoa::Buffer::new().format(n));
}

pub fn weekday_name(wd: Weekday) -> &'static str {
    dateline::weekday_name(wd)
}

pub fn weekday_short(wd: Weekday) -> &'static str {
    &weekday_name(wd)[..3]
}

pub fn style_name(style: Style) -> &'static str {
    &house_data(style).name
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
    let full = full_month(w.month);
    let house_month = month_with_day(style, w.month);
    let mut reasons = Vec::new();
    if w.ordinal {
        reasons.push("dates take figures alone, with no “st”, “nd”, “rd” or “th”".to_string());
    }
    let month_ok = match (style, w.form) {
        (_, MonthForm::Numeric) => false,
        (Style::Bbc, f) => f == MonthForm::Full,
        // A house that takes any spelling of the month (see calendar.toml).
        _ if house_data(style).any_month_form => {
            w.form == MonthForm::Full || written_text.contains(house_month.trim_end_matches('.'))
        }
        // The house abbreviates with a full stop: the copy must use its form.
        (_, MonthForm::AbbrPeriod) => {
            house_month.ends_with('.') && written_text.contains(house_month)
        }
        // The house abbreviates without one.
        (_, MonthForm::AbbrBare) => house_month != full && written_text.contains(house_month),
        (_, MonthForm::Full) => house_month == full,
    };
    if w.form == MonthForm::Numeric {
        reasons.push("a date in running text is written out, not in numbers".to_string());
    } else if !month_ok {
        let m = house_month;
        if m == full {
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
    if reasons.is_empty() && house_data(style).any_month_form {
        return None; // the month's spelling is the only difference, and the house takes any
    }
    if reasons.is_empty() {
        // Spacing or punctuation: "Aug.15", "Aug. 15 2020".
        reasons.push(format!("{house} style writes it “{want}”"));
    }
    Some((reasons, want))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`format`] writes what `format!` wrote, for every house, month, day and year form.
    #[test]
    fn format_is_what_format_wrote() {
        fn reference(style: Style, month: i8, day: i8, year: Option<i16>) -> String {
            let m = month_with_day(style, month);
            match (style, year) {
                (Style::Bbc, Some(y)) => format!("{day} {m} {y}"),
                (Style::Bbc, None) => format!("{day} {m}"),
                (_, Some(y)) => format!("{m} {day}, {y}"),
                (_, None) => format!("{m} {day}"),
            }
        }
        for style in [Style::Ap, Style::Reuters, Style::Bbc] {
            for month in -1..=13 {
                for day in [-128, -5, 0, 1, 9, 10, 15, 31, 99, 100, 127] {
                    for year in [
                        None,
                        Some(i16::MIN),
                        Some(-44),
                        Some(0),
                        Some(7),
                        Some(99),
                        Some(476),
                        Some(2024),
                        Some(i16::MAX),
                    ] {
                        assert_eq!(
                            format(style, month, day, year),
                            reference(style, month, day, year)
                        );
                    }
                }
            }
        }
        for n in [i64::MIN, i64::MIN + 1, -100, -1, 0, 1, 10, 12345, i64::MAX] {
            let mut out = String::from("x");
            decimal(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }
}
