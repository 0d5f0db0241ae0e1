//! What rules report besides findings: the dates the copy names and the sources it cites, and
//! the [`Report`] every rule writes into. A bottom type of the core.

use crate::finding::{Finding, Span};
use crate::rule::Family;
use jiff::civil::Date;
use serde::Serialize;

/// A date expression in the copy and the calendar date it names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateMention {
    pub span: Span,
    /// None when it cannot be resolved (no dateline, or an impossible date).
    #[serde(serialize_with = "ser_date")]
    pub resolved: Option<Date>,
    /// A relative day ("on Thursday", "yesterday"): editors show the resolved date inline.
    pub relative: bool,
    /// Inside a direct quotation: resolved for hover, but no date rule fires on it.
    pub quoted: bool,
}

fn ser_date<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// How well a source is identified, from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A person or organisation by name: "Interior Minister Ana Ruiz", "the State Department".
    Named,
    /// A described group or role: "witnesses", "police", "residents".
    Described,
    /// Unnamed: "a source", "two officials".
    Anonymous,
}

/// One source the story quotes or cites, for the source audit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// As first written in the copy ("the Afghan Interior Ministry").
    pub name: String,
    pub kind: SourceKind,
    /// Where the copy names it.
    pub mentions: Vec<Span>,
    /// Sentences whose claims it covers.
    pub covers: Vec<Span>,
}

/// The source audit of an analysis that left it for later (the server's: publishing the
/// diagnostics of an edit does not need it, the outline and the code lens ask for it after):
/// what it is made of, copied out of the story, and the `fn` that makes it from there and the
/// story's text. Making it gives what the analysis would have put in [`Report::sources`].
pub struct LaterSources(Box<dyn Fn(&str) -> Vec<Source> + Send + Sync>);

impl LaterSources {
    pub fn new(make: impl Fn(&str) -> Vec<Source> + Send + Sync + 'static) -> LaterSources {
        LaterSources(Box::new(make))
    }

    /// The source audit, from the text of the story the analysis was made of.
    pub fn make(&self, text: &str) -> Vec<Source> {
        (self.0)(text)
    }
}

impl std::fmt::Debug for LaterSources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LaterSources")
    }
}

/// What the rules write into while they run.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub dates: Vec<DateMention>,
    pub sources: Vec<Source>,
    /// Set instead of `sources` when the analysis was asked to leave the audit for later.
    pub later_sources: Option<LaterSources>,
    /// Families whose checks failed on this draft (a bug): their findings are missing.
    pub failed: Vec<Family>,
}

impl Report {
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Appends several reports, each list grown once to its exact final size.
    pub fn concat(&mut self, parts: Vec<Report>) {
        self.findings
            .reserve_exact(parts.iter().map(|p| p.findings.len()).sum());
        self.dates
            .reserve_exact(parts.iter().map(|p| p.dates.len()).sum());
        for p in parts {
            self.extend(p);
        }
    }

    /// Takes over everything another report holds.
    pub fn extend(&mut self, other: Report) {
        self.findings.extend(other.findings);
        self.dates.extend(other.dates);
        self.sources.extend(other.sources);
        if other.later_sources.is_some() {
            self.later_sources = other.later_sources;
        }
        self.failed.extend(other.failed);
    }
}
