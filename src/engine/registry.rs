//! The registry: every rule copydesk knows, one line each, and how it runs.
//!
//! Rules that are off (by default or by the configuration) are not run. A rule whose check
//! panics on some unforeseen input loses its own findings for that draft and nothing else: the
//! writer keeps the other rules, and the server keeps running.

use crate::report::Report;
use crate::rule::{Family, Rule};
use crate::rules::{attribution, dates, style, wording, Check, Context};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How a rule's findings are produced.
pub enum Runs {
    /// By its own check.
    Check(&'static dyn Check),
    /// By a pass that reports every rule of its family at once (run once when any is on).
    FamilyPass(fn(&Context, &mut Report)),
    /// By the engine itself, after the other rules (suppression).
    Engine,
}

/// One registered rule.
pub struct Entry {
    pub rule: &'static Rule,
    pub runs: Runs,
}

const fn check(rule: &'static Rule, check: &'static dyn Check) -> Entry {
    Entry {
        rule,
        runs: Runs::Check(check),
    }
}

#[allow(dead_code)] // for a family that runs as one pass
const fn pass(rule: &'static Rule, pass: fn(&Context, &mut Report)) -> Entry {
    Entry {
        rule,
        runs: Runs::FamilyPass(pass),
    }
}

/// Every rule, grouped by family in a stable order (the order of `copydesk rules`).
pub static REGISTRY: &[Entry] = &[
    check(
        &attribution::UNATTRIBUTED_CLAIM,
        &attribution::UnattributedClaim,
    ),
    check(&attribution::VAGUE_SOURCE, &attribution::VagueSource),
    check(
        &attribution::ANONYMOUS_SOURCE,
        &attribution::AnonymousSource,
    ),
    check(
        &attribution::NO_ANONYMITY_REASON,
        &attribution::NoAnonymityReason,
    ),
    check(
        &attribution::UNATTRIBUTED_QUOTE,
        &attribution::UnattributedQuote,
    ),
    check(
        &dates::weekday_mismatch::WEEKDAY_MISMATCH,
        &dates::weekday_mismatch::WeekdayMismatch,
    ),
    check(
        &dates::impossible_date::IMPOSSIBLE_DATE,
        &dates::impossible_date::ImpossibleDate,
    ),
    check(
        &dates::relative_word::RELATIVE_WORD,
        &dates::relative_word::RelativeWord,
    ),
    check(
        &dates::ambiguous_relative::AMBIGUOUS_RELATIVE,
        &dates::ambiguous_relative::AmbiguousRelative,
    ),
    check(
        &dates::stale_weekday::STALE_WEEKDAY,
        &dates::stale_weekday::StaleWeekday,
    ),
    check(
        &dates::tense_conflict::TENSE_CONFLICT,
        &dates::tense_conflict::TenseConflict,
    ),
    check(&dates::style::DATE_STYLE, &dates::style::DateStyle),
    check(
        &dates::no_dateline::NO_DATELINE,
        &dates::no_dateline::NoDateline,
    ),
    check(
        &wording::CONTESTED_LABEL,
        &wording::contested_label::ContestedLabel,
    ),
    check(
        &wording::INCONSISTENT_LABEL,
        &wording::inconsistent_label::InconsistentLabel,
    ),
    check(
        &wording::JUDGEMENTAL_VERB,
        &wording::judgemental_verb::JudgementalVerb,
    ),
    check(&wording::HEADLINESE, &wording::headlinese::Headlinese),
    check(&wording::INTENSIFIER, &wording::intensifier::Intensifier),
    check(
        &style::tk_placeholder::TK_PLACEHOLDER,
        &style::tk_placeholder::TkPlaceholder,
    ),
    check(
        &style::unbalanced_quote::UNBALANCED_QUOTE,
        &style::unbalanced_quote::UnbalancedQuote,
    ),
    Entry {
        rule: &style::unused_suppression::UNUSED_SUPPRESSION,
        runs: Runs::Engine,
    },
];

/// Every rule's metadata, in registry order.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    REGISTRY.iter().map(|e| e.rule)
}

/// Looks a rule up by its id.
pub fn lookup(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// The shortest story whose families run on two threads ([`run`]). Below it, one thread: the
/// gain is a few milliseconds at most, and a second thread's regex caches would cost memory
/// with fifty 5,000-word stories open in the server.
pub const TWO_THREADS_FROM: usize = 64 * 1024;

/// The families from the heaviest shared work to the lightest (on the megabyte of wire copy
/// the server benchmark opens, in instructions over both threads: wording's candidates 790 M,
/// attribution's facts 445 M, resolved dates 195 M, style a few M). A long story's two threads
/// take its entries in the order [`schedule`] makes from it.
const HEAVIEST_FIRST: [Family; 4] = [
    Family::Wording,
    Family::Attribution,
    Family::Dates,
    Family::Style,
];

fn weight(family: Family) -> usize {
    HEAVIEST_FIRST
        .iter()
        .position(|f| *f == family)
        .unwrap_or(HEAVIEST_FIRST.len())
}

/// The order in which two threads take a long story's entries (indices into `registry`): the
/// first entry of each family, heaviest family first (each computes its family's facts, the
/// bulk of the work, so the two threads start on the two heaviest), then the other entries,
/// lightest family first (the facts they read are the likeliest to be ready by then; a thread
/// that asks for facts the other is still computing waits for them). Entries that do not run
/// (off, the engine's own, a family pass already listed) are left out.
fn schedule(registry: &[Entry], cx: &Context) -> Vec<usize> {
    let mut passes: Vec<usize> = Vec::new();
    let mut firsts: Vec<Family> = Vec::new();
    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for (i, entry) in registry.iter().enumerate() {
        let family = entry.rule.family;
        if cx.config.level_for(entry.rule).is_none() {
            continue;
        }
        match &entry.runs {
            Runs::Engine => continue,
            Runs::Check(_) => {}
            Runs::FamilyPass(f) => {
                let key = *f as usize;
                if passes.contains(&key) {
                    continue;
                }
                passes.push(key);
            }
        }
        let w = weight(family);
        if firsts.contains(&family) {
            order.push((1, HEAVIEST_FIRST.len() - w, i));
        } else {
            firsts.push(family);
            order.push((0, w, i));
        }
    }
    order.sort_unstable();
    order.into_iter().map(|(.., i)| i).collect()
}

/// Runs every rule the configuration turns on, each at most once; false (and the report
/// incomplete) as soon as `stop`, asked before each rule or family pass, says so.
/// Each rule's findings (and dates, sources) are pushed to `parts` in registry order; a failed
/// family is recorded in `report`. With `two_threads`, two threads take the entries one at a
/// time in the order of [`schedule`], over the one context: the same parts in the same order
/// and the same failed families in the same order as on one thread.
pub(crate) fn run(
    cx: &Context,
    report: &mut Report,
    parts: &mut Vec<Report>,
    stop: &(dyn Fn() -> bool + Sync),
    two_threads: bool,
) -> bool {
    run_in(REGISTRY, cx, report, parts, stop, two_threads)
}

fn run_in(
    registry: &[Entry],
    cx: &Context,
    report: &mut Report,
    parts: &mut Vec<Report>,
    stop: &(dyn Fn() -> bool + Sync),
    two_threads: bool,
) -> bool {
    let ran = if two_threads {
        let order = schedule(registry, cx);
        let next = AtomicUsize::new(0);
        let take = || order.get(next.fetch_add(1, Ordering::Relaxed)).copied();
        let (mut first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| {
                // The narrow regexes' "this text fits" is kept per thread.
                let _fits = cx.doc.fits_scope();
                run_taken(registry, cx, stop, take)
            });
            let first = run_taken(registry, cx, stop, take);
            // A panic outside any check (never in a rule: those are caught) goes on.
            let second = second
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (first, second)
        });
        first.complete &= second.complete;
        first.parts.extend(second.parts);
        first.failed.extend(second.failed);
        // Back in registry order (each entry is run by one thread).
        first.parts.sort_by_key(|(i, _)| *i);
        first.failed.sort_by_key(|(i, _)| *i);
        first
    } else {
        run_some(registry, cx, stop)
    };
    if !ran.complete {
        return false;
    }
    for (_, family) in ran.failed {
        if !report.failed.contains(&family) {
            report.failed.push(family);
        }
    }
    parts.extend(ran.parts.into_iter().map(|(_, part)| part));
    true
}

/// What running some entries gave, by index in the registry.
struct Ran {
    parts: Vec<(usize, Report)>,
    failed: Vec<(usize, Family)>,
    /// False when `stop` ended the run.
    complete: bool,
}

/// Runs every entry that is on, in registry order.
fn run_some(registry: &[Entry], cx: &Context, stop: &(dyn Fn() -> bool + Sync)) -> Ran {
    let mut order = schedule(registry, cx);
    order.sort_unstable();
    let mut order = order.into_iter();
    run_taken(registry, cx, stop, || order.next())
}

/// Runs the entries `take` gives (indices into `registry`, each an entry that is on and runs)
/// until it gives none.
fn run_taken(
    registry: &[Entry],
    cx: &Context,
    stop: &(dyn Fn() -> bool + Sync),
    mut take: impl FnMut() -> Option<usize>,
) -> Ran {
    let mut ran = Ran {
        parts: Vec::new(),
        failed: Vec::new(),
        complete: true,
    };
    while let Some(i) = take() {
        let entry = &registry[i];
        if stop() {
            ran.complete = false;
            return ran;
        }
        let part = match &entry.runs {
            Runs::Engine => continue,
            Runs::Check(c) => guarded(|part| c.check(cx, part)),
            Runs::FamilyPass(f) => guarded(|part| f(cx, part)),
        };
        match part {
            Some(mut part) => {
                // Compact each rule's findings as they come, not the whole report at the end:
                // the slack of every finding of every rule would otherwise be held at once.
                // (The server's analyses keep each distinct message once: theirs are not.)
                super::compact(&mut part.findings, !cx.leaves_fixes());
                ran.parts.push((i, part));
            }
            None => ran.failed.push((i, entry.rule.family)),
        }
    }
    ran
}

/// Runs one check into a fresh report; None when it panicked.
fn guarded(run: impl FnOnce(&mut Report)) -> Option<Report> {
    let mut part = Report::default();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&mut part))) {
        Ok(()) => Some(part),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::document::{Document, Format};

    /// A check with a bug: it panics on every story.
    struct Panics(&'static Rule);

    impl Check for Panics {
        fn rule(&self) -> &'static Rule {
            self.0
        }
        fn check(&self, _: &Context, report: &mut Report) {
            report.push(crate::finding::Finding::new(
                self.0,
                crate::finding::Span::new(0, 1),
                "half written",
            ));
            panic!("a bug in {}", self.0.id);
        }
    }

    static PANICS: [Panics; 3] = [
        Panics(&attribution::VAGUE_SOURCE),
        Panics(&dates::style::DATE_STYLE),
        Panics(&wording::HEADLINESE),
    ];

    /// The registry with the checks of `broken` (rule ids) replaced by ones that panic.
    fn with_bugs(broken: &[&str]) -> Vec<Entry> {
        REGISTRY
            .iter()
            .map(|e| Entry {
                rule: e.rule,
                runs: match &e.runs {
                    Runs::Check(_) if broken.contains(&e.rule.id) => Runs::Check(
                        PANICS
                            .iter()
                            .find(|p| p.0.id == e.rule.id)
                            .expect("a panicking check for it"),
                    ),
                    Runs::Check(c) => Runs::Check(*c),
                    Runs::FamilyPass(f) => Runs::FamilyPass(*f),
                    Runs::Engine => Runs::Engine,
                },
            })
            .collect()
    }

    #[test]
    fn a_family_that_panics_on_either_thread_is_reported_as_on_one() {
        let para =
            "Sources said the embattled junta met on Tuesday, March 4, 2025, and TK officials \
                    slammed the plan.\n\n";
        let text = para.repeat(TWO_THREADS_FROM / para.len() + 1);
        assert!(text.len() >= TWO_THREADS_FROM);
        let doc = Document::parse(&text, Format::Markdown, None);
        let config = Config::default();
        let cases: [(&[&str], &[Family]); 4] = [
            (&[], &[]),
            (&["wording/headlinese"], &[Family::Wording]),
            (
                &["dates/style", "wording/headlinese"],
                &[Family::Dates, Family::Wording],
            ),
            (
                &[
                    "wording/headlinese",
                    "attribution/vague-source",
                    "dates/style",
                ],
                &[Family::Attribution, Family::Dates, Family::Wording],
            ),
        ];
        for (broken, failed) in cases {
            let registry = with_bugs(broken);
            let mut got = Vec::new();
            for two_threads in [false, true] {
                let cx = Context::new(&doc, &config);
                let (mut report, mut parts) = (Report::default(), Vec::new());
                assert!(run_in(
                    &registry,
                    &cx,
                    &mut report,
                    &mut parts,
                    &|| false,
                    two_threads
                ));
                assert_eq!(
                    report.failed, failed,
                    "{broken:?}, two threads {two_threads}"
                );
                let findings: Vec<_> = parts.into_iter().map(|p| p.findings).collect();
                // A panicking check's half-written findings are dropped; the others' kept.
                assert!(findings
                    .iter()
                    .flatten()
                    .all(|f| f.message != "half written"));
                assert!(findings.len() > 10, "{}", findings.len());
                got.push(findings);
            }
            assert_eq!(got[0], got[1], "{broken:?}");
        }
    }

    #[test]
    fn ids_are_unique_and_name_their_family() {
        let mut ids: Vec<&str> = rules().map(|r| r.id).collect();
        for r in rules() {
            assert!(
                r.id.starts_with(&format!("{}/", r.family.as_str())),
                "{}",
                r.id
            );
        }
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule ids");
    }

    #[test]
    fn a_check_is_registered_under_its_own_rule() {
        for e in REGISTRY {
            if let Runs::Check(c) = e.runs {
                assert_eq!(c.rule().id, e.rule.id);
            }
        }
    }
}
