//! What a rule is, as data: its id, family, default level, fix availability and docs.
//!
//! This is a bottom type of the core (it imports only [`crate::finding`]): findings, settings,
//! the CLI's `rules`/`explain`, hover text and the editors' settings all read it. The check that
//! goes with a rule is the [`crate::rules::Check`] trait, one implementation per rule file.

use crate::finding::{RuleRef, Severity};
use serde::{Deserialize, Serialize};

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

/// A rule's level: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    /// The severity when on.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::On(s) => Some(s),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::On(s) => s.as_str(),
        }
    }
    pub fn parse(s: &str) -> Option<Level> {
        if s == "off" {
            Some(Level::Off)
        } else {
            Severity::parse(s).map(Level::On)
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Level::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a level: use \"off\", \"hint\", \"info\", \"warning\" or \"error\""
            ))
        })
    }
}

/// Whether a rule's findings come with a fix, and how far it can be trusted (ruff's "fix
/// availability"). Every finding also gets an "ignore here" fix; that is not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixAvailability {
    /// No fix: the writer must rework the copy.
    None,
    /// Some findings have a fix, some do not.
    Sometimes,
    /// Every finding has a fix.
    Always,
}

/// A rule's identity and documentation. Declared as a `static` in the rule's own file.
#[derive(Debug, Serialize)]
pub struct Rule {
    /// `family/name`.
    pub id: &'static str,
    pub family: Family,
    /// The level it runs at when the configuration does not name it; `Off` rules are not run.
    pub default_level: Level,
    pub fix: FixAvailability,
    /// One line for `copydesk rules`.
    pub summary: &'static str,
    /// One paragraph in newsroom terms: why a copy editor cares.
    pub explanation: &'static str,
    /// Copy that triggers the rule (run as a test: it must be flagged by this rule).
    pub bad: &'static str,
    /// The same copy, fixed (run as a test: it must not be flagged by this rule).
    pub good: &'static str,
    /// What the examples need around them to be read as intended, e.g. a dateline
    /// ("WASHINGTON, March 4, 2026 (Reuters) -") or front matter; empty when nothing.
    pub context: &'static str,
    /// The style-guide basis, e.g. "AP Stylebook 2024, 'said'".
    pub source: &'static str,
}

impl Rule {
    /// The part of the id after the family.
    pub fn name(&self) -> &'static str {
        self.id.split_once('/').map_or(self.id, |(_, n)| n)
    }
    /// A stable anchor for its documentation (`#attribution-unattributed-claim`).
    pub fn anchor(&self) -> String {
        self.id.replace('/', "-")
    }
}

impl RuleRef for Rule {
    fn id(&self) -> &'static str {
        self.id
    }
    /// The severity its findings carry when it is on and the configuration names no level
    /// (an off-by-default rule is only on when the configuration names its level).
    fn default_severity(&self) -> Severity {
        self.default_level.severity().unwrap_or(Severity::Info)
    }
}
