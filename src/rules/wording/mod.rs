//! The `wording/` family: loaded words in the writer's own voice.
//!
//! The terms are data (`lexicon/*.toml`, see [`lexicon`]); the shared per-story work
//! ([`facts::Story`]) decides, in context, whether a match is the writer taking a side:
//! - never inside a direct quotation (the speaker's word) or a headline;
//! - not where the lexicon entry lists an exception ("claimed responsibility", "tax regime",
//!   "the ministry called them terrorists");
//! - judgemental verbs only when they report speech;
//! - labels for one armed group are compared across the story: a contested label next to
//!   neutral ones is `inconsistent-label`, and variation among neutral words says nothing.
//!
//! One file per rule: [`contested_label`], [`inconsistent_label`], [`judgemental_verb`],
//! [`headlinese`], [`intensifier`]. Messages and fixes they share are in [`fixes`]; the closed
//! word lists of the grammar are in `data/wording/` ([`words`]).

pub mod contested_label;
pub mod context_match;
pub mod facts;
pub mod fixes;
pub mod headlinese;
pub mod inconsistent_label;
pub mod inflect;
pub mod intensifier;
pub mod judgemental_verb;
pub mod lexicon;
pub mod pattern;
pub mod scope;
pub mod words;

use crate::rules::{Context, Report, Rule};
use lexicon::Lexicon;
use std::sync::Arc;

pub use contested_label::CONTESTED_LABEL;
pub use headlinese::HEADLINESE;
pub use inconsistent_label::INCONSISTENT_LABEL;
pub use intensifier::INTENSIFIER;
pub use judgemental_verb::JUDGEMENTAL_VERB;
pub use lexicon::{lexicon_for, specs_for};

pub static RULES: &[&Rule] = &[
    &CONTESTED_LABEL,
    &INCONSISTENT_LABEL,
    &JUDGEMENTAL_VERB,
    &HEADLINESE,
    &INTENSIFIER,
];

/// Runs every rule of the family (tests use this).
pub fn check(cx: &Context, report: &mut Report) {
    check_with(&lexicon_for(cx.config), cx, report);
}

/// Runs every rule of the family with a given lexicon (the benchmark uses this).
pub fn check_with(lex: &Arc<Lexicon>, cx: &Context, report: &mut Report) {
    let story = facts::Story::with(lex.clone(), cx);
    contested_label::emit(&story, cx, report);
    inconsistent_label::emit(&story, cx, report);
    judgemental_verb::emit(&story, cx, report);
    headlinese::emit(&story, cx, report);
    intensifier::emit(&story, cx, report);
}

#[cfg(test)]
mod tests;
