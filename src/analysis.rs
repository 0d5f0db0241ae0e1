//! The pure core: text in, findings (and what the editors show besides) out.

use crate::config::Config;
use crate::document::{Dateline, Document, Format};
use crate::finding::{Finding, Span};
use jiff::civil::Date;
use serde::Serialize;

/// What every rule sees: the parsed draft and the configuration in force.
pub struct Context<'d, 'a> {
    pub doc: &'d Document<'a>,
    pub config: &'d Config,
}

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

/// What the families write into while they run.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub dates: Vec<DateMention>,
    pub sources: Vec<Source>,
    /// Families whose checks failed on this draft (a bug): their findings are missing.
    pub failed: Vec<crate::rules::Family>,
}

impl Report {
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Takes over everything another report holds.
    pub fn extend(&mut self, other: Report) {
        self.findings.extend(other.findings);
        self.dates.extend(other.dates);
        self.sources.extend(other.sources);
        self.failed.extend(other.failed);
    }
}

/// The result of checking one draft.
#[derive(Debug, Default)]
pub struct Analysis {
    pub dateline: Option<Dateline>,
    /// Sorted by position, at the severities the configuration asks for; rules switched off and
    /// findings suppressed in the copy are already gone.
    pub findings: Vec<Finding>,
    pub dates: Vec<DateMention>,
    pub sources: Vec<Source>,
    /// Families that failed on this draft and were skipped (always empty unless there is a bug).
    pub failed: Vec<crate::rules::Family>,
}

/// Checks a Markdown draft.
pub fn analyze(text: &str, config: &Config) -> Analysis {
    analyze_as(text, Format::Markdown, config)
}

/// Checks a draft in the given format.
pub fn analyze_as(text: &str, format: Format, config: &Config) -> Analysis {
    let doc = Document::parse(text, format, config.dateline);
    let cx = Context { doc: &doc, config };
    let mut report = Report::default();
    crate::rules::run_all(&cx, &mut report);
    let mut findings = report.findings;
    findings.retain_mut(
        |f| match crate::rules::lookup(f.rule).and_then(|r| config.level_for(r)) {
            Some(level) => {
                // A rule may pick a severity other than its default per finding (a ladder); the
                // configuration only overrides when it names the rule or its family explicitly.
                if config.overrides(f.rule) {
                    f.severity = level;
                }
                true
            }
            None => false,
        },
    );
    crate::suppress::apply(&doc, config, &mut findings);
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    crate::suppress::add_ignore_fixes(&doc, &mut findings);
    let mut dates = report.dates;
    dates.sort_by_key(|d| d.span.start);
    Analysis {
        dateline: doc.dateline,
        findings,
        dates,
        sources: report.sources,
        failed: report.failed,
    }
}
