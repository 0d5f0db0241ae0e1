//! `wording/headlinese`: headline shorthand for criticism in body copy.

use super::facts::Story;
use super::fixes::push_term_finding;
use super::lexicon::Category;
use crate::finding::Severity;
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static HEADLINESE: Rule = Rule {
    id: "wording/headlinese",
    family: Family::Wording,
    default_level: Level::On(Severity::Info),
    fix: FixAvailability::Sometimes,
    summary: "Headline shorthand for criticism in body copy (slammed, blasted, lashed out at)",
    explanation: "Headline writers squeeze \"criticized\" into \"slams\" for space. In the body of a story the same words dramatise a statement and read as the writer's excitement. Say what the person said. Literal senses (\"slammed the door\", \"blasted through the rock\") are fine, and headlines are never checked.",
    bad: "The council leader lashed out at the force's tactics.",
    good: "The council leader criticized the force's tactics.",
    context: "",
    source: "Newsroom banned-word lists for body copy (headlinese)",
};

pub struct Headlinese;

impl Check for Headlinese {
    fn fixes_later(
        &self,
        doc: &crate::document::Document,
        config: &crate::config::Config,
        f: &crate::finding::Finding,
    ) -> Vec<crate::finding::Fix> {
        super::fixes::later(doc, config, f)
    }
    fn rule(&self) -> &'static Rule {
        &HEADLINESE
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        emit(&cx.facts::<Story>(), cx, report);
    }
}

/// Writes the rule's findings from the story's candidates.
pub fn emit(story: &Story, cx: &Context, report: &mut Report) {
    for c in story.flagged(Category::Headlinese) {
        push_term_finding(&HEADLINESE, cx, story, c, report);
    }
}

#[cfg(test)]
mod tests {

    fn found(text: &str) -> Vec<&str> {
        crate::rules::flagged_by(text, super::HEADLINESE.id)
    }

    #[test]
    fn figurative_sense_only() {
        assert_eq!(
            found("# Head\n\nThe senator slammed the budget.\n"),
            ["slammed"]
        );
        assert!(found("# Head\n\nThe car slammed into a wall.\n").is_empty());
    }
}
