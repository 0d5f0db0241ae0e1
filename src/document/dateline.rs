//! The dateline: the date every relative day in the story is measured from, and where it came from.

use crate::finding::Span;
use crate::narrow::{self, Tiered};
use jiff::civil::{Date, Weekday};
use serde::Deserialize;
use std::sync::LazyLock;

/// The calendar's words (`data/dates/calendar.toml`): month and weekday names and their short
/// forms, and how each house writes a month before a day.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    pub months: Names,
    pub weekdays: Names,
    pub house: Houses,
    pub numbers: Numbers,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// In calendar order (January first, Monday first).
    pub names: Vec<String>,
    /// Each names the entry whose full name it begins.
    pub abbreviations: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Houses {
    pub ap: House,
    pub reuters: House,
    pub bbc: House,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct House {
    pub name: String,
    /// January first.
    pub months_with_day: Vec<String>,
    /// Any spelling of a month before a day is in style (only order, ordinals and figures are
    /// checked).
    #[serde(default)]
    pub any_month_form: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Numbers {
    /// Zero first.
    pub words: Vec<String>,
}

pub static CALENDAR: LazyLock<Calendar> = LazyLock::new(|| {
    crate::vocab::parse(
        "dates/calendar.toml",
        include_str!("../../data/dates/calendar.toml"),
    )
});

impl Names {
    /// The 0-based index of a full name or a short form (a trailing full stop allowed),
    /// compared without regard to case.
    pub fn index_of(&self, word: &str) -> Option<usize> {
        let w = word.trim_end_matches('.');
        if let Some(i) = self.names.iter().position(|n| n.eq_ignore_ascii_case(w)) {
            return Some(i);
        }
        let abbr = self
            .abbreviations
            .iter()
            .find(|a| a.eq_ignore_ascii_case(w))?;
        self.names
            .iter()
            .position(|n| n.len() >= abbr.len() && n[..abbr.len()].eq_ignore_ascii_case(abbr))
    }
    /// A regex alternation of the full names (case-sensitive, whole words).
    pub fn names_pattern(&self) -> String {
        crate::vocab::alternation(&self.names)
    }
    /// A regex alternation of the short forms.
    pub fn abbreviations_pattern(&self) -> String {
        crate::vocab::alternation(&self.abbreviations)
    }
}

/// The weekday a full name or short form names ("Thursday", "Thurs.").
pub fn weekday_of(word: &str) -> Option<Weekday> {
    let i = CALENDAR.weekdays.index_of(word)?;
    Some(Weekday::from_monday_one_offset(i as i8 + 1).ok()?)
}

/// The full name of a weekday.
pub fn weekday_name(wd: Weekday) -> &'static str {
    &CALENDAR.weekdays.names[(wd.to_monday_one_offset() - 1) as usize]
}

/// The full name of month `month` (1-12, clamped).
pub fn month_name(month: i8) -> &'static str {
    &CALENDAR.months.names[(month.clamp(1, 12) - 1) as usize]
}

/// Where the reference date was found, in order of precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatelineSource {
    /// `dateline = ...` in config, or an editor override.
    Config,
    FrontMatter,
    /// A first line `date YYYY-MM-DD`, as in wire exports.
    DateLine,
    /// A `Date:` header line.
    Header,
    /// `KABUL, Aug. 15 (AP) —`.
    Wire,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dateline {
    pub date: Date,
    pub source: DatelineSource,
}

/// A wire dateline at the head of the first paragraph: `CITY, Region, Mon. D (Agency) —`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WireDateline {
    /// From the city to the dash and the space after it.
    pub span: Span,
    /// Month and day when the dateline carries them.
    pub month_day: Option<(i8, i8)>,
    /// The agency's name between the brackets ("Reuters" in "(Reuters)"), when given.
    pub agency: Option<Span>,
}

/// Every month name and short form, as a regex alternation.
static MONTHS: LazyLock<String> = LazyLock::new(|| {
    let c = &CALENDAR.months;
    let all: Vec<String> = c.names.iter().chain(&c.abbreviations).cloned().collect();
    crate::vocab::alternation(&all)
});

pub(crate) static WIRE: LazyLock<Tiered> =
    LazyLock::new(|| narrow::regex(super::date_patterns::wire(MONTHS.as_str())));

pub(crate) static DATE_LINE: LazyLock<Tiered> =
    LazyLock::new(|| narrow::regex(super::date_patterns::DATE_LINE.to_string()));

pub(crate) static HEADER: LazyLock<Tiered> =
    LazyLock::new(|| narrow::regex(super::date_patterns::header(MONTHS.as_str())));

/// Reads `date YYYY-MM-DD` at the very start of `line`. Returns the date and the bytes it takes.
pub fn date_line(line: &str) -> Option<(Date, usize)> {
    // Every match starts with the word: most lines are refused without compiling the regex.
    if !(line.starts_with("Date") || line.starts_with("date")) {
        return None;
    }
    let c = DATE_LINE.captures(line)?;
    let date = c[1].parse::<Date>().ok()?;
    Some((date, c.get(0)?.end()))
}

/// Finds a `Date:` header line anywhere before the body; returns the date and the line's span.
pub fn header(text: &str) -> Option<(Date, Span)> {
    if memchr::memmem::find(text.as_bytes(), b"Date:").is_none() {
        return None; // every match holds it: no need to compile the regex
    }
    let c = HEADER.captures(text)?;
    let whole = c.get(0)?;
    let date = if let Some(iso) = c.get(1) {
        iso.as_str().parse::<Date>().ok()?
    } else if let Some(m) = c.get(2) {
        let month = month_number(m.as_str())?;
        Date::new(c[4].parse().ok()?, month, c[3].parse().ok()?).ok()?
    } else {
        let month = month_number(&c[6])?;
        Date::new(c[7].parse().ok()?, month, c[5].parse().ok()?).ok()?
    };
    Some((date, Span::new(whole.start(), whole.end())))
}

/// Reads a wire dateline at the start of `paragraph` (whose first byte is at `offset`).
pub fn wire(paragraph: &str, offset: usize) -> Option<WireDateline> {
    // Every match opens with a capital A-Z: other paragraphs are refused without the regex.
    if !paragraph.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let c = WIRE.captures(paragraph)?;
    let whole = c.get(0)?;
    let month_day = match (c.name("m1").or(c.name("m2")), c.name("d1").or(c.name("d2"))) {
        (Some(m), Some(d)) => Some((month_number(m.as_str())?, d.as_str().parse().ok()?)),
        _ => None,
    };
    let agency = c
        .name("agency")
        .map(|a| Span::new(offset + a.start(), offset + a.end()));
    // Without the agency's name, only a dated line is a dateline ("SALVADOR, Feb 26 -"):
    // "NEW YORK - " alone may open any sentence in capitals.
    if agency.is_none() && month_day.is_none() {
        return None;
    }
    Some(WireDateline {
        span: Span::new(offset, offset + whole.end()),
        month_day,
        agency,
    })
}

/// "Aug", "Sept", "August" → 8.
pub fn month_number(name: &str) -> Option<i8> {
    CALENDAR.months.index_of(name).map(|i| i as i8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn wire_forms() {
        let w = wire("KABUL, Aug. 15 (AP) — Taliban fighters", 0).unwrap();
        assert_eq!(w.month_day, Some((8, 15)));
        assert_eq!(
            &"KABUL, Aug. 15 (AP) — Taliban"[w.span.range()],
            "KABUL, Aug. 15 (AP) — "
        );
        let w = wire("GOMA, Feb 14 (Reuters) - Rebels", 10).unwrap();
        assert_eq!(w.month_day, Some((2, 14)));
        assert_eq!(w.span.start, 10);
        let w = wire("HAZARD, Ky. (AP) — Rescue crews", 0).unwrap();
        assert_eq!(w.month_day, None);
        let w = wire("NEW YORK (AP) — A jury", 0).unwrap();
        assert_eq!(w.span.end, "NEW YORK (AP) — ".len());
        let w = wire("SANTA FE, Texas, Nov. 3 (Reuters) – Police", 0).unwrap();
        assert_eq!(w.month_day, Some((11, 3)));
        assert!(wire("The mayor (D) - said", 0).is_none());
        // A wire's own dateline with no agency, as 1980s wire copy wrote it.
        let t = "SALVADOR, Feb 26 - Showers continued";
        let w = wire(t, 0).unwrap();
        assert_eq!((w.month_day, w.agency), (Some((2, 26)), None));
        assert_eq!(&t[w.span.range()], "SALVADOR, Feb 26 - ");
        let t = "PORTLAND, Ore., Feb 26 - A bank";
        assert_eq!(wire(t, 0).unwrap().month_day, Some((2, 26)));
        assert!(wire("NEW YORK - A jury", 0).is_none());
        let t = "LISBON, Oct 2 (Reuters) - Talks";
        let w = wire(t, 0).unwrap();
        assert_eq!(&t[w.agency.unwrap().range()], "Reuters");
        assert!(wire("Taliban fighters are closing in.", 0).is_none());
    }

    #[test]
    fn calendar_data_is_complete() {
        let c = &*CALENDAR;
        assert_eq!(c.months.names.len(), 12);
        assert_eq!(c.weekdays.names.len(), 7);
        for h in [&c.house.ap, &c.house.reuters, &c.house.bbc] {
            assert_eq!(h.months_with_day.len(), 12, "{}", h.name);
            for (i, m) in h.months_with_day.iter().enumerate() {
                assert_eq!(month_number(m), Some(i as i8 + 1), "{m}");
            }
        }
        for a in c
            .months
            .abbreviations
            .iter()
            .chain(&c.weekdays.abbreviations)
        {
            assert!(
                c.months.index_of(a).is_some() || c.weekdays.index_of(a).is_some(),
                "{a}"
            );
        }
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("sept"), Some(9));
        assert_eq!(month_number("Mayor"), None);
        assert_eq!(weekday_of("Thurs."), Some(Weekday::Thursday));
        assert_eq!(weekday_name(Weekday::Sunday), "Sunday");
    }

    #[test]
    fn date_line_and_header() {
        assert_eq!(
            date_line("date 2021-08-15 Rebel columns advance"),
            Some((date(2021, 8, 15), 16))
        );
        assert_eq!(date_line("date 2021-13-15"), None);
        assert_eq!(
            header("Slug: x\nDate: 2021-08-15\n\nBody").map(|d| d.0),
            Some(date(2021, 8, 15))
        );
        assert_eq!(
            header("Date: Sunday, Aug. 15, 2021\n").map(|d| d.0),
            Some(date(2021, 8, 15))
        );
        assert_eq!(
            header("Date: 15 August 2021\n").map(|d| d.0),
            Some(date(2021, 8, 15))
        );
    }
}
