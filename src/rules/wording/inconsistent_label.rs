//! `wording/inconsistent-label`: one group called by labels from different families in one
//! story. The labels and their groups are the story's shared facts ([`Story`]).

use super::facts::{Cand, Story};
use super::fixes::{fixes_for, later_note};
use super::lexicon::Category;
use crate::finding::{Finding, Severity, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static INCONSISTENT_LABEL: Rule = Rule {
    id: "wording/inconsistent-label",
    family: Family::Wording,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "One group called by labels from different families in one story",
    explanation: "A story that calls a group \"militants\" in one paragraph and \"terrorists\" in the next has taken a side by accident, and readers notice. The BBC cites inconsistent labelling as an impartiality risk. Moving between neutral words (militants, fighters, insurgents, rebels) is fine; mixing a neutral label with a loaded one is not. copydesk flags the odd one out, says which label the rest of the story uses and how often, and offers to switch to it.",
    bad: "Taliban militants entered the city. ... Later, Taliban terrorists took the airport.",
    good: "Taliban militants entered the city. ... Later, Taliban militants took the airport.",
    context: "",
    source: "BBC Editorial Guidelines, 'Language when reporting terrorism' (2014 advice on consistency)",
};

pub struct InconsistentLabel;

impl Check for InconsistentLabel {
    fn fixes_later(
        &self,
        doc: &crate::document::Document,
        config: &crate::config::Config,
        f: &crate::finding::Finding,
    ) -> Vec<crate::finding::Fix> {
        super::fixes::later(doc, config, f)
    }
    fn rule(&self) -> &'static Rule {
        &INCONSISTENT_LABEL
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        emit(&cx.facts::<Story>(), cx, report);
    }
}

/// Writes the rule's findings from the story's candidates.
pub fn emit(story: &Story, cx: &Context, report: &mut Report) {
    // Each group's list of labels, written once (a story's labels of one group share it).
    let mut lists = Vec::new();
    for c in story.flagged(Category::ContestedLabel) {
        if let Some(f) = finding(story, cx, c, &mut lists) {
            report.push(f);
        }
    }
}

/// The labels used for a group and how often, as a message lists them ("“militants” twice and
/// “fighters” once").
fn label_list(used: &[(usize, String, usize)]) -> String {
    let counts: Vec<String> = used
        .iter()
        .map(|(_, w, n)| match n {
            1 => format!("“{w}” once"),
            2 => format!("“{w}” twice"),
            n => format!("“{w}” {n} times"),
        })
        .collect();
    match counts.len() {
        1 => counts[0].clone(),
        n => format!("{} and {}", counts[..n - 1].join(", "), counts[n - 1]),
    }
}

/// The finding for a contested label whose group the story elsewhere calls by neutral labels.
/// `lists`: each group's [`label_list`] made so far, by the address of its uses.
fn finding<'s>(
    story: &'s Story,
    cx: &Context,
    me: &Cand,
    lists: &mut Vec<(&'s Vec<(usize, String, usize)>, String)>,
) -> Option<Finding> {
    let doc = cx.doc;
    let lex = &story.lex;
    let term = story.term(me);
    // Neutral labels for the same group elsewhere (a contested label is never one of them).
    let used = story.neutral_for(me)?;
    // The house-preferred alternative the story already uses, else the story's most used label.
    // A one-word label ("terrorists") can take the story's word; a phrase ("terror group")
    // keeps its own alternatives.
    let choice = if term.key.contains(' ') {
        None
    } else {
        term.alternatives
            .iter()
            .find_map(|a| {
                used.iter()
                    .find(|(k, ..)| lex.terms[*k].key.eq_ignore_ascii_case(a))
            })
            .or_else(|| used.iter().max_by_key(|u| u.2))
            .map(|u| u.0)
    };
    let span = Span::new(me.hit.start, me.hit.end);
    let text = &doc.text[span.range()];
    let list = match lists.iter().position(|(u, _)| std::ptr::eq(*u, used)) {
        Some(k) => &lists[k].1,
        None => {
            lists.push((used, label_list(used)));
            &lists[lists.len() - 1].1
        }
    };
    let who = me
        .group_shown
        .as_deref()
        .map_or("them".to_string(), |s| format!("the {s}"));
    let msg = format!(
        "“{text}” takes a side the rest of the story does not: elsewhere it calls {who} {list}. Keep to the neutral label; a contested one belongs in quotes or attributed."
    );
    let mut f = Finding::new(&INCONSISTENT_LABEL, span, msg);
    if story.later {
        f.later = Some(later_note(me.hit.term, choice));
    } else {
        let choice = choice.map(|c| lex.terms[c].key.as_str());
        f.fixes = fixes_for(doc, term, span, choice);
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config};

    fn found(text: &str) -> Vec<(&str, String)> {
        analyze(text, &Config::default())
            .findings
            .iter()
            .filter(|f| f.rule == super::INCONSISTENT_LABEL.id)
            .map(|f| (&text[f.span.range()], f.message.clone()))
            .collect()
    }

    #[test]
    fn the_odd_label_out_names_the_storys_own() {
        let t = "# Head\n\nRed Hand militants entered the city.\n\nLater, Red Hand terrorists took the airport.\n";
        let got = found(t);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "terrorists");
        assert!(got[0].1.contains("“militants” once"), "{}", got[0].1);
    }

    #[test]
    fn party_rebels_are_not_the_armed_group() {
        let t = "# Head\n\nTerrorists may strike before the vote, the police chief said.\n\n\
Later, forty Labour rebels voted against the bill.\n";
        assert!(found(t).is_empty(), "{:?}", found(t));
    }

    #[test]
    fn neutral_words_vary_freely() {
        let t = "# Head\n\nRed Hand militants entered the city.\n\nLater, Red Hand fighters took the airport.\n";
        assert!(found(t).is_empty());
    }
}
