//! Helpers the dates rules' unit tests share: an analysis against a given dateline and house
//! style, and the dates findings it makes.

pub(super) use super::{house, resolve};
pub(super) use crate::config::{Config, Level, Style};
pub(super) use crate::finding::{Safety, Severity, Span};
pub(super) use crate::{analyze, Analysis};
pub(super) use jiff::civil::{date, Date, Weekday};

pub(super) fn config(dateline: Option<Date>, style: Style) -> Config {
    Config {
        dateline,
        style,
        ..Config::default()
    }
}

pub(super) fn run(text: &str, dateline: Date) -> Analysis {
    analyze(text, &config(Some(dateline), Style::Ap))
}

pub(super) fn run_style(text: &str, dateline: Date, style: Style) -> Analysis {
    analyze(text, &config(Some(dateline), style))
}

/// (rule, marked text) for every dates/ finding.
pub(super) fn found<'a>(a: &Analysis, text: &'a str) -> Vec<(&'static str, &'a str)> {
    a.findings
        .iter()
        .filter(|f| f.family() == "dates")
        .map(|f| (f.rule, &text[f.span.range()]))
        .collect()
}

/// (text, resolved date) for every date mention.
pub(super) fn resolved(a: &Analysis, text: &str) -> Vec<(String, Option<Date>)> {
    a.dates
        .iter()
        .map(|d| (text[d.span.range()].to_string(), d.resolved))
        .collect()
}

/// The date the first mention resolves to.
pub(super) fn first_resolved(text: &str, dateline: Date) -> Option<Date> {
    run(text, dateline).dates.first().and_then(|d| d.resolved)
}
