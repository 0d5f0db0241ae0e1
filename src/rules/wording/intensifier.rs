//! `wording/intensifier`: an editorialising adjective or adverb in the writer's voice.

use super::facts::Story;
use super::fixes::push_term_finding;
use super::lexicon::Category;
use crate::finding::Severity;
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static INTENSIFIER: Rule = Rule {
    id: "wording/intensifier",
    family: Family::Wording,
    default_level: Level::On(Severity::Info),
    fix: FixAvailability::Sometimes,
    summary: "An editorialising adjective or adverb in the writer's voice (shocking, outrageous)",
    explanation: "Words like \"shocking\", \"outrageous\" and \"stunning\" tell readers how to feel instead of giving them the facts that would make them feel it. Cut the word and, if the point matters, add the comparison or the named person who is shocked. Shown as a hint unless the house style raises it.",
    bad: "The outrageous plan ends Saturday hours.",
    good: "The plan ends Saturday hours.",
    context: "",
    source: "Wikipedia Manual of Style, 'Words to watch' (editorializing, puffery); house style",
};

pub struct Intensifier;

impl Check for Intensifier {
    fn fixes_later(
        &self,
        doc: &crate::document::Document,
        config: &crate::config::Config,
        f: &crate::finding::Finding,
    ) -> Vec<crate::finding::Fix> {
        super::fixes::later(doc, config, f)
    }
    fn rule(&self) -> &'static Rule {
        &INTENSIFIER
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        emit(&cx.facts::<Story>(), cx, report);
    }
}

/// Writes the rule's findings from the story's candidates.
pub fn emit(story: &Story, cx: &Context, report: &mut Report) {
    for c in story.flagged(Category::Intensifier) {
        push_term_finding(&INTENSIFIER, cx, story, c, report);
    }
}

#[cfg(test)]
mod tests {

    fn found(text: &str) -> Vec<&str> {
        crate::rules::flagged_by(text, super::INTENSIFIER.id)
    }

    #[test]
    fn the_writers_adjective_not_a_speakers() {
        assert_eq!(
            found("# Head\n\nThe council approved a shocking rise.\n"),
            ["shocking"]
        );
        assert!(found("# Head\n\nThe mayor said the rise was shocking.\n").is_empty());
    }

    #[test]
    fn a_signed_first_person_piece_keeps_its_adjectives() {
        // a column: the writer speaks as "I" in three sentences
        let column = "# Head\n\nI have covered the council for a decade. My view has not changed. \
                      I think the new rota is a shocking idea.\n";
        assert!(found(column).is_empty());
        // news: "I" only inside quotation marks
        let news = "# Head\n\n“I was there,” the nurse said. “I saw it,” she said. \
                    “My shift ended,” she said. The council approved a shocking rise.\n";
        assert_eq!(found(news), ["shocking"]);
    }

    #[test]
    fn a_review_that_speaks_to_the_reader_keeps_its_adjectives() {
        let review = "# Head

You start the game on a night train. Your torch is weak.                       You will want to save often. The maps reward you for looking around.                       If you stay patient, the jaw-dropping final level is yours.
";
        assert!(found(review).is_empty());
        // a news story with one line of advice stays checked
        let news = "# Head

The council approved a shocking rise. You can appeal by June.
";
        assert_eq!(found(news), ["shocking"]);
    }
}
