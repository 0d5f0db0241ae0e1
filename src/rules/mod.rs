//! The rule registry: every rule copydesk knows, with the metadata that feeds `copydesk rules`,
//! `copydesk explain`, hover text and the editors' settings.
//!
//! One module per family. Each family module owns its `RULES` list and a `check` entry point;
//! this file only strings them together, so a newcomer finds any rule by its family name.

pub mod attribution;
pub mod dates;
pub mod style;
pub mod wording;

use crate::analysis::{Context, Report};
use crate::finding::Severity;
use serde::Serialize;

/// The four families of findings. The family is the part of a rule id before the `/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Attribution,
    Dates,
    Wording,
    Style,
}

impl Family {
    pub const ALL: [Family; 4] = [
        Family::Attribution,
        Family::Dates,
        Family::Wording,
        Family::Style,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Attribution => "attribution",
            Family::Dates => "dates",
            Family::Wording => "wording",
            Family::Style => "style",
        }
    }
    pub fn parse(s: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// A rule's identity and documentation. Declared as a `static` in its family module.
#[derive(Debug, Serialize)]
pub struct Rule {
    /// `family/name`.
    pub id: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    /// One line for `copydesk rules`.
    pub summary: &'static str,
    /// One paragraph in newsroom terms: why a copy editor cares.
    pub explanation: &'static str,
    /// Copy that triggers the rule.
    pub bad: &'static str,
    /// The same copy, fixed.
    pub good: &'static str,
    /// The style-guide basis, e.g. "AP Stylebook 2024, 'said'".
    pub source: &'static str,
}

impl Rule {
    pub fn name(&self) -> &'static str {
        self.id.split_once('/').map_or(self.id, |(_, n)| n)
    }
}

/// Every rule, grouped by family in a stable order.
pub fn registry() -> impl Iterator<Item = &'static Rule> {
    attribution::RULES
        .iter()
        .chain(dates::RULES)
        .chain(wording::RULES)
        .chain(style::RULES)
        .copied()
}

/// Looks a rule up by its id.
pub fn lookup(id: &str) -> Option<&'static Rule> {
    registry().find(|r| r.id == id)
}

/// Runs every family over the document.
///
/// A family that panics on some unforeseen input loses its own findings for that draft and
/// nothing else: the writer keeps the other families, and the server keeps running.
pub(crate) fn run_all(cx: &Context, report: &mut Report) {
    let families: [(Family, fn(&Context, &mut Report)); 4] = [
        (Family::Style, style::check),
        (Family::Attribution, attribution::check),
        (Family::Dates, dates::check),
        (Family::Wording, wording::check),
    ];
    for (family, check) in families {
        // A family the configuration switches off entirely is not run at all.
        if registry()
            .filter(|r| r.family == family)
            .all(|r| cx.config.level_for(r).is_none())
        {
            continue;
        }
        let mut part = Report::default();
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(cx, &mut part)));
        match ran {
            Ok(()) => report.extend(part),
            Err(_) => {
                eprintln!("copydesk: the {} checks failed on this draft and were skipped; please report it", family.as_str());
                report.failed.push(family);
            }
        }
    }
}
