//! The dateline: the date every relative day in the story is measured from, and where it came from.

use crate::finding::Span;
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

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
}

const MONTHS: &str = "Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|January|February|March|April|May|June|July|August|September|October|November|December";

static WIRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*)*)(?:, (?:(?P<m1>{MONTHS})\.? (?P<d1>\d{{1,2}})|[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)*(?:, (?P<m2>{MONTHS})\.? (?P<d2>\d{{1,2}}))?))? \([A-Z][A-Za-z .\-]{{0,30}}\) ?[—–-]{{1,2}} ?"
    ))
    .expect("wire dateline pattern")
});

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[Dd]ate[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*").expect("date line pattern")
});

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?m)^Date:[ \t]*(?:(\d{{4}}-\d{{2}}-\d{{2}})|(?:[A-Z][a-z]+day,? )?({MONTHS})\.? (\d{{1,2}}),? (\d{{4}})|(\d{{1,2}}) ({MONTHS}) (\d{{4}}))[^\n]*\n?"
    ))
    .expect("header pattern")
});

/// Reads `date YYYY-MM-DD` at the very start of `line`. Returns the date and the bytes it takes.
pub fn date_line(line: &str) -> Option<(Date, usize)> {
    let c = DATE_LINE.captures(line)?;
    let date = c[1].parse::<Date>().ok()?;
    Some((date, c.get(0)?.end()))
}

/// Finds a `Date:` header line anywhere before the body; returns the date and the line's span.
pub fn header(text: &str) -> Option<(Date, Span)> {
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
    let c = WIRE.captures(paragraph)?;
    let whole = c.get(0)?;
    let month_day = match (c.name("m1").or(c.name("m2")), c.name("d1").or(c.name("d2"))) {
        (Some(m), Some(d)) => Some((month_number(m.as_str())?, d.as_str().parse().ok()?)),
        _ => None,
    };
    Some(WireDateline {
        span: Span::new(offset, offset + whole.end()),
        month_day,
    })
}

/// "Aug", "Sept", "August" → 8.
pub fn month_number(name: &str) -> Option<i8> {
    let n = name.trim_end_matches('.');
    let lower = n.to_ascii_lowercase();
    let m = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
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
        assert!(wire("Taliban fighters are closing in.", 0).is_none());
    }

    #[test]
    fn date_line_and_header() {
        assert_eq!(
            date_line("date 2021-08-15 Taliban militants"),
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
