//! `wording/judgemental-verb`: an attribution verb that judges the speaker.

use super::facts::Story;
use super::fixes::push_term_finding;
use super::lexicon::Category;
use crate::finding::Severity;
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static JUDGEMENTAL_VERB: Rule = Rule {
    id: "wording/judgemental-verb",
    family: Family::Wording,
    default_level: Level::On(Severity::Info),
    fix: FixAvailability::Sometimes,
    summary: "An attribution verb that judges the speaker (claimed, admitted, insisted)",
    explanation: "\"Said\" is the wire services' verb of attribution because it judges nothing. \"Claimed\" hints the writer doubts the speaker, \"admitted\" and \"conceded\" that something was dragged out of them, \"insisted\" that they protest too much. copydesk flags these only when they report speech: \"claimed responsibility\", \"claimed the title\", \"admitted to hospital\" are left alone. The fix is \"said\" in the same tense.",
    bad: "The spokesman claimed that crossings fell by half.",
    good: "The spokesman said crossings fell by half.",
    context: "",
    source: "Bender et al., Writing and Reporting for the Media, 'Verbs to avoid for attribution'; AP practice: 'said'",
};

pub struct JudgementalVerb;

impl Check for JudgementalVerb {
    fn fixes_later(
        &self,
        doc: &crate::document::Document,
        config: &crate::config::Config,
        f: &crate::finding::Finding,
    ) -> Vec<crate::finding::Fix> {
        super::fixes::later(doc, config, f)
    }
    fn rule(&self) -> &'static Rule {
        &JUDGEMENTAL_VERB
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        emit(&cx.facts::<Story>(), cx, report);
    }
}

/// Writes the rule's findings from the story's candidates.
pub fn emit(story: &Story, cx: &Context, report: &mut Report) {
    for c in story.flagged(Category::JudgementalVerb) {
        push_term_finding(&JUDGEMENTAL_VERB, cx, story, c, report);
    }
}

#[cfg(test)]
mod tests {

    fn found(text: &str) -> Vec<&str> {
        crate::rules::flagged_by(text, super::JUDGEMENTAL_VERB.id)
    }

    #[test]
    fn only_when_the_verb_reports_speech() {
        assert_eq!(
            found("# Head\n\nThe mayor claimed that the fence works.\n"),
            ["claimed"]
        );
        assert!(found("# Head\n\nThe group claimed responsibility for the blast.\n").is_empty());
        assert!(found("# Head\n\nShe was admitted to hospital.\n").is_empty());
    }
}
