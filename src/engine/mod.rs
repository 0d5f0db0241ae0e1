//! The engine: runs the registered rules over a draft at the levels the configuration asks
//! for, applies in-copy suppression, sorts, and adds the "ignore here" fixes. The top of the
//! pure core: it does no I/O and prints nothing (a rule that panics is recorded in
//! [`Analysis::failed`] for the adapters to report).

pub mod catalog;
pub mod registry;
pub mod suppress;
#[cfg(test)]
mod threads_tests;

use crate::config::Config;
use crate::document::{Dateline, Document, Format};
use crate::report::{DateMention, LaterSources, Report, Source};
use crate::rule::Family;
use crate::rules::memo::Memo;
use crate::rules::Context;

/// The result of checking one draft.
#[derive(Debug, Default)]
pub struct Analysis {
    pub dateline: Option<Dateline>,
    /// Sorted by position, at the severities the configuration asks for; rules switched off and
    /// findings suppressed in the copy are already gone.
    pub findings: Vec<crate::finding::Finding>,
    pub dates: Vec<DateMention>,
    pub sources: Vec<Source>,
    /// The source audit left for later (the server's analyses; see
    /// [`Analysis::make_sources`]): `sources` is empty until it is made.
    pub later_sources: Option<LaterSources>,
    /// Families that failed on this draft and were skipped (always empty unless there is a bug).
    pub failed: Vec<Family>,
}

impl Analysis {
    /// Makes the source audit an analysis left for later (`text` is the story it analysed):
    /// `sources` is then what an analysis that made it at once gives.
    pub fn make_sources(&mut self, text: &str) {
        if let Some(later) = self.later_sources.take() {
            self.sources = later.make(text);
        }
    }
}

/// The shortest story whose source audit the server's analyses leave for later.
pub const LATER_SOURCES_FROM: usize = 64 * 1024;

/// Checks a Markdown draft.
pub fn analyze(text: &str, config: &Config) -> Analysis {
    analyze_as(text, Format::Markdown, config)
}

/// Checks a draft in the given format.
pub fn analyze_as(text: &str, format: Format, config: &Config) -> Analysis {
    analyze_until(text, format, config, &|| false).unwrap_or_default()
}

/// [`analyze_as`] that gives up (`None`) as soon as `stop` says so. It is asked between stages
/// (after parsing, before each rule or family pass, before suppression), so an analysis the
/// server no longer needs (the text changed again) ends within one stage's time.
pub fn analyze_until(
    text: &str,
    format: Format,
    config: &Config,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Analysis> {
    analyze_with(text, format, config, stop, true, None, false)
}

/// [`analyze_as`] without the "ignore here" fixes, for a caller that makes them as it needs them
/// with [`suppress::IgnoreFixes`] (over a [`Document`] parsed with the same format and
/// `config.dateline`): a third of a finding-dense report's memory.
pub fn analyze_lean(text: &str, format: Format, config: &Config) -> Analysis {
    analyze_with(text, format, config, &|| false, false, None, false).unwrap_or_default()
}

/// [`analyze_lean`] that gives up as [`analyze_until`] does, leaves the source audit of a long
/// story ([`LATER_SOURCES_FROM`]) for later ([`Analysis::make_sources`]) and the fixes of the
/// rules that can make them later ([`fixes_later`], [`make_fixes_later`]): the server keeps
/// every open story's findings, makes a finding's fixes and its "ignore here" fix only when its
/// code actions are asked for (a sixth of a story's memory, and no fix made, cloned and dropped
/// for every unchanged finding on every edit) and the source audit only when the outline or the
/// code lens asks for it (publishing an edit's diagnostics does not wait for it).
pub fn analyze_lean_until(
    text: &str,
    format: Format,
    config: &Config,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Analysis> {
    analyze_with(text, format, config, stop, false, None, true)
}

/// [`analyze_lean_until`] that keeps the work local to one paragraph in `memo` and takes it
/// from there on the next analysis of the same story (the server's edits): same result as
/// [`analyze_lean`] (once [`Analysis::make_sources`] and [`make_fixes_later`] are called),
/// whatever the memo holds. See [`crate::rules::memo`].
pub fn analyze_lean_memo(
    text: &str,
    format: Format,
    config: &Config,
    stop: &(dyn Fn() -> bool + Sync),
    memo: &Memo,
) -> Option<Analysis> {
    memo.begin(config, format);
    let out = analyze_with(text, format, config, stop, false, Some(memo), true);
    if out.is_some() {
        memo.sweep();
    }
    out
}

/// Whether an analysis of `len` bytes with `memo` runs its families on two threads: a long
/// story's, unless its memo holds an earlier analysis's work. A memo'd analysis (the server's
/// edits) stays on one thread: most of its per-paragraph work is memo lookups, and two threads
/// contending for the memo's lock made a 1 MB edit slower (edit -> publish median 60-68 ms on
/// two threads, 51-57 ms on one, idle machine). A memo that holds nothing (the one the server
/// fills after a long story's open, or makes at a first edit) is all making, as no memo is.
pub fn runs_on_two_threads(len: usize, memo: Option<&Memo>) -> bool {
    len >= registry::TWO_THREADS_FROM && memo.is_none_or(Memo::holds_nothing)
}

fn analyze_with(
    text: &str,
    format: Format,
    config: &Config,
    stop: &(dyn Fn() -> bool + Sync),
    ignore_fixes: bool,
    memo: Option<&Memo>,
    later_sources: bool,
) -> Option<Analysis> {
    let two_threads = runs_on_two_threads(text.len(), memo);
    analyze_threads(
        text,
        format,
        config,
        stop,
        ignore_fixes,
        memo,
        later_sources,
        two_threads,
    )
}

/// [`analyze_with`] on one thread or two, as asked (the tests compare both).
#[allow(clippy::too_many_arguments)]
fn analyze_threads(
    text: &str,
    format: Format,
    config: &Config,
    stop: &(dyn Fn() -> bool + Sync),
    ignore_fixes: bool,
    memo: Option<&Memo>,
    later_sources: bool,
    two_threads: bool,
) -> Option<Analysis> {
    let doc = Document::parse_reusing(text, format, config.dateline, memo.map(Memo::document));
    if stop() {
        return None;
    }
    let _fits = doc.fits_scope();
    let mut cx = match memo {
        Some(m) => Context::with_memo(&doc, config, m),
        None => Context::new(&doc, config),
    };
    // The server's analyses leave the rules' fixes for later (made when a code action asks).
    if later_sources {
        cx = cx.leaving_fixes();
    }
    // Only a long story's audit waits (a short one's is quick, and what it would keep for
    // later is more than the audit: 1.9 MB with 50 five-thousand-word stories open).
    if later_sources && text.len() >= LATER_SOURCES_FROM {
        cx = cx.sources_later();
    }
    if two_threads {
        cx = cx.helped();
    }
    let mut report = Report::default();
    let mut parts = Vec::new();
    if !registry::run(&cx, &mut report, &mut parts, stop, two_threads) {
        return None;
    }
    // The per-story facts are done with: free them before the rules' findings are put together
    // and post-processed (on a megabyte of finding-dense copy, facts and findings together are
    // the peak of memory).
    drop(cx);
    report.concat(parts);
    let mut findings = report.findings;
    // Each rule's level and whether the configuration names it, found once per rule (the
    // findings of a rule share its id's address), not once per finding.
    let mut levels: Vec<(&'static str, Option<crate::finding::Severity>, bool)> = Vec::new();
    let mut level_of = |rule: &'static str| {
        let known = levels
            .iter()
            .find(|(r, ..)| std::ptr::eq(*r, rule))
            .map(|&(_, l, o)| (l, o));
        known.unwrap_or_else(|| {
            let level = registry::lookup(rule).and_then(|r| config.level_for(r));
            let over = config.overrides(rule);
            levels.push((rule, level, over));
            (level, over)
        })
    };
    findings.retain_mut(|f| {
        let (level, overrides) = level_of(f.rule);
        match level {
            Some(level) => {
                // A rule may pick a severity other than its default per finding (a ladder); the
                // configuration only overrides when it names the rule or its family explicitly.
                if overrides {
                    f.severity = level;
                }
                true
            }
            None => false,
        }
    });
    suppress::apply(&doc, config, &mut findings);
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    if ignore_fixes {
        suppress::add_ignore_fixes(&doc, &mut findings);
    }
    findings.shrink_to_fit();
    let mut dates = report.dates;
    dates.sort_by_key(|d| d.span.start);
    dates.shrink_to_fit();
    Some(Analysis {
        dateline: doc.dateline,
        findings,
        dates,
        sources: report.sources,
        later_sources: report.later_sources,
        failed: report.failed,
    })
}

/// The fixes of a finding whose fixes its analysis left for later ([`analyze_lean_until`]:
/// `f.later` is set), made by its rule from `doc` (the story parsed as the analysis parsed it:
/// same format, `config.dateline`): exactly what an analysis that makes fixes at once gives the
/// finding, before its "ignore here" fix. Empty for any other finding.
pub fn fixes_later(
    doc: &Document,
    config: &Config,
    f: &crate::finding::Finding,
) -> Vec<crate::finding::Fix> {
    if f.later.is_none() {
        return Vec::new();
    }
    registry::REGISTRY
        .iter()
        .find(|e| e.rule.id == f.rule)
        .and_then(|e| match e.runs {
            registry::Runs::Check(c) => Some(c.fixes_later(doc, config, f)),
            _ => None,
        })
        .unwrap_or_default()
}

/// Makes the fixes every finding of `findings` (found in `text`, parsed in `format`) left for
/// later ([`fixes_later`]): the findings are then those of an analysis that made them at once.
pub fn make_fixes_later(
    text: &str,
    format: Format,
    config: &Config,
    findings: &mut [crate::finding::Finding],
) {
    if findings.iter().all(|f| f.later.is_none()) {
        return;
    }
    let doc = Document::parse(text, format, config.dateline);
    for f in findings.iter_mut().filter(|f| f.later.is_some()) {
        let mut made = fixes_later(&doc, config, f);
        made.append(&mut f.fixes);
        f.fixes = made;
        f.later = None;
    }
}

/// Gives back the spare capacity of every finding's strings and lists. The server keeps each
/// open story's findings (50 stories of 5,000 words) and the CLI holds a whole report's (50,000
/// findings in a megabyte of dense copy): a pushed-to `Vec` holds room for four fixes and a
/// formatted message up to twice its length. `messages`: the messages too (the server keeps
/// each distinct message once, shrunk then, and frees the findings' own).
pub(crate) fn compact(findings: &mut Vec<crate::finding::Finding>, messages: bool) {
    findings.shrink_to_fit();
    for f in findings {
        if messages {
            f.message.shrink_to_fit();
        }
        f.fixes.shrink_to_fit();
        for fix in &mut f.fixes {
            fix.title.shrink_to_fit();
            fix.edits.shrink_to_fit();
            for e in &mut fix.edits {
                e.new_text.shrink_to_fit();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn an_analysis_stops_between_stages_when_asked() {
        let text =
            "The fire destroyed TK homes yesterday, officials said.\n\nThe regime slammed it.\n";
        let config = Config::default();
        let asked = AtomicUsize::new(0);
        let full = analyze_until(text, Format::Markdown, &config, &|| {
            asked.fetch_add(1, Ordering::Relaxed);
            false
        })
        .unwrap();
        assert_eq!(full.findings, analyze(text, &config).findings);
        let stages = asked.load(Ordering::Relaxed);
        assert!(stages > 5, "asked only {stages} times");
        // Superseded part-way through: no result, and no stage after the one that saw it.
        for at in [1, stages / 2, stages] {
            let n = AtomicUsize::new(0);
            let got = analyze_until(text, Format::Markdown, &config, &|| {
                n.fetch_add(1, Ordering::Relaxed) + 1 >= at
            });
            assert!(got.is_none());
            assert_eq!(n.load(Ordering::Relaxed), at);
        }
    }
}
