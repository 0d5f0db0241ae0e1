//! `style/unused-suppression`: a suppression comment that silences nothing.
//!
//! Only the engine can tell (it needs every other rule's findings), so this rule has no
//! [`crate::rules::Check`]: the engine's suppression pass (`crate::engine::suppress`) reports it.

use crate::finding::Severity;
use crate::rules::{Family, FixAvailability, Level, Rule};

pub static UNUSED_SUPPRESSION: Rule = Rule {
    id: "style/unused-suppression",
    family: Family::Style,
    default_level: Level::On(Severity::Info),
    fix: FixAvailability::Always,
    summary: "A copydesk-ignore or copydesk-disable comment that silences nothing",
    explanation: "A suppression comment tells the desk \"we know, and it stands\". Once the copy around it changes, the comment may silence nothing at all, or name a rule that does not exist; left in place it would hide the next real problem in that paragraph. Remove it, or correct the rule it names.",
    bad: "<!-- copydesk-ignore wording -->\nThe council approved the budget on Tuesday.",
    good: "The council approved the budget on Tuesday.",
    context: "",
    source: "copydesk (after ruff's unused-noqa check)",
};
