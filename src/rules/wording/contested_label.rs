//! `wording/contested-label`: a label that takes sides, in the writer's own voice.

use super::facts::Story;
use super::fixes::push_term_finding;
use super::inconsistent_label::INCONSISTENT_LABEL;
use super::lexicon::Category;
use crate::finding::Severity;
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static CONTESTED_LABEL: Rule = Rule {
    id: "wording/contested-label",
    family: Family::Wording,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "A label that takes sides, in the writer's own voice",
    explanation: "Some words carry a verdict: \"terrorists\", \"regime\", \"pro-life\", \"illegal immigrants\", \"thugs\", \"mob\". In a quotation they are the speaker's words and fine; in the writer's voice they put the news organisation on one side. Wire styles keep such labels to direct quotes or attribute them (\"which the United States designates a terrorist organization\") and otherwise describe what people did. copydesk offers the house's neutral term, keeping the case and number of the original. Every term comes from the house lexicon, which a newsroom can extend in copydesk.toml.",
    bad: "Taliban terrorists took control of Jalalabad on Sunday.",
    good: "Taliban militants took control of Jalalabad on Sunday.",
    context: "",
    source: "AP Stylebook 2023 ('terrorism', Israel-Hamas war guide); Reuters Handbook of Journalism; BBC Editorial Guidelines 11.3",
};

pub struct ContestedLabel;

impl Check for ContestedLabel {
    fn fixes_later(
        &self,
        doc: &crate::document::Document,
        config: &crate::config::Config,
        f: &crate::finding::Finding,
    ) -> Vec<crate::finding::Fix> {
        super::fixes::later(doc, config, f)
    }
    fn rule(&self) -> &'static Rule {
        &CONTESTED_LABEL
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        emit(&cx.facts::<Story>(), cx, report);
    }
}

/// Writes the rule's findings from the story's candidates.
pub fn emit(story: &Story, cx: &Context, report: &mut Report) {
    // A label beside the story's own neutral one is inconsistent-label's to report, naming that
    // label; with that rule turned off, it is still a contested label.
    let other_rule_says_it = cx.config.level_for(&INCONSISTENT_LABEL).is_some();
    for c in story.flagged(Category::ContestedLabel) {
        if other_rule_says_it && story.neutral_for(c).is_some() {
            continue; // inconsistent-label says it, naming the story's own label
        }
        push_term_finding(&CONTESTED_LABEL, cx, story, c, report);
    }
}

#[cfg(test)]
mod tests {

    fn found(text: &str) -> Vec<&str> {
        crate::rules::flagged_by(text, super::CONTESTED_LABEL.id)
    }

    #[test]
    fn labels_in_the_writers_voice_not_in_quotes_or_attributed() {
        assert_eq!(
            found("# Head\n\nPolice said the terrorists fled.\n"),
            ["terrorists"]
        );
        assert!(found("# Head\n\n“The terrorists fled,” the mayor said.\n").is_empty());
        assert!(found("# Head\n\nThe ministry called them terrorists.\n").is_empty());
    }

    #[test]
    fn a_label_beside_the_storys_neutral_one_is_left_to_inconsistent_label() {
        let t = "# Head\n\nTaliban militants entered the city.\n\nLater, Taliban terrorists took the airport.\n";
        assert!(found(t).is_empty());
    }

    #[test]
    fn with_inconsistent_label_off_the_label_is_still_contested() {
        let t = "# Head\n\nRebel militants entered the city.\n\nLater, rebel terrorists took the airport.\n";
        let mut config = crate::Config::default();
        config.rules.insert(
            super::INCONSISTENT_LABEL.id.to_string(),
            crate::config::Level::Off,
        );
        let a = crate::analyze(t, &config);
        let rules: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.family() == "wording")
            .map(|f| (f.rule, &t[f.span.range()]))
            .collect();
        assert_eq!(rules, [(super::CONTESTED_LABEL.id, "terrorists")]);
        // With it on, the finding is inconsistent-label's.
        let a = crate::analyze(t, &crate::Config::default());
        let rules: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.family() == "wording")
            .map(|f| f.rule)
            .collect();
        assert_eq!(rules, [super::INCONSISTENT_LABEL.id]);
    }
}
