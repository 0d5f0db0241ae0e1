//! The registry: every rule copydesk knows, one line each, and how it runs.
//!
//! Rules that are off (by default or by the configuration) are not run. A rule whose check
//! panics on some unforeseen input loses its own findings for that draft and nothing else: the
//! writer keeps the other rules, and the server keeps running.

use crate::report::Report;
use crate::rule::{Family, Rule};
use crate::rules::{attribution, dates, style, wording, Check, Context};

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

/// Runs every rule the configuration has on, each at most once.
/// Runs every rule the configuration turns on; false (and the report incomplete) as soon as
/// `stop`, asked before each rule or family pass, says so.
/// Each rule's findings (and dates, sources) are pushed to `parts` as they come; a failed
/// family is recorded in `report`.
pub(crate) fn run(
    cx: &Context,
    report: &mut Report,
    parts: &mut Vec<Report>,
    stop: &dyn Fn() -> bool,
) -> bool {
    let mut passes_run: Vec<usize> = Vec::new();
    for entry in REGISTRY {
        if cx.config.level_for(entry.rule).is_none() {
            continue;
        }
        if stop() {
            return false;
        }
        let family = entry.rule.family;
        let part = match &entry.runs {
            Runs::Engine => continue,
            Runs::Check(c) => guarded(family, report, |part| c.check(cx, part)),
            Runs::FamilyPass(f) => {
                // Several entries share one pass: run it once.
                let key = *f as usize;
                if passes_run.contains(&key) {
                    continue;
                }
                passes_run.push(key);
                guarded(family, report, |part| f(cx, part))
            }
        };
        if let Some(mut part) = part {
            // Compact each rule's findings as they come, not the whole report at the end: the
            // slack of every finding of every rule would otherwise be held at once.
            super::compact(&mut part.findings);
            parts.push(part);
        }
    }
    true
}

/// Runs one check into a fresh report; a panic is recorded against its family.
fn guarded(family: Family, report: &mut Report, run: impl FnOnce(&mut Report)) -> Option<Report> {
    let mut part = Report::default();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&mut part))) {
        Ok(()) => Some(part),
        Err(_) => {
            if !report.failed.contains(&family) {
                report.failed.push(family);
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
