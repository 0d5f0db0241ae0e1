//! The `dates/` family. (Rules arrive with their issue.)

use crate::analysis::{Context, DateMention, Report};
use crate::document::Dateline;
use crate::rules::Rule;

pub static RULES: &[&Rule] = &[];

pub fn check(_cx: &Context, _report: &mut Report) {}

/// Hover text for a date expression: the date it resolves to and its distance from the dateline.
pub fn hover_text(m: &DateMention, dateline: Option<&Dateline>) -> String {
    match (m.resolved, dateline) {
        (Some(d), Some(dl)) => format!("{d}: {} days from the dateline, {}", (d - dl.date).get_days(), dl.date),
        (Some(d), None) => d.to_string(),
        (None, _) => "This date cannot be resolved: the story has no dateline.".to_string(),
    }
}

/// The label an editor shows inline after a relative day ("Aug. 12"), if any.
pub fn inlay_label(m: &DateMention) -> Option<String> {
    let d = m.resolved?;
    m.relative.then(|| d.strftime("%b %-d").to_string())
}
