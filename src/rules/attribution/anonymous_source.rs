//! `attribution/anonymous-source`: an unnamed source with no affiliation ("a source", "sources",
//! "two officials", "one senior official"). A source with an affiliation or a described vantage
//! ("a ministry official", "people familiar with the talks") is not flagged; whether the copy says
//! why it was granted anonymity is the off-by-default `attribution/no-anonymity-reason`.

use super::cues::AnonLevel;
use super::facts::Attribution;
use crate::finding::{Edit, Finding, Fix, Safety, Severity};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static ANONYMOUS_SOURCE: Rule = Rule {
    id: "attribution/anonymous-source",
    family: Family::Attribution,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Always,
    summary: "An unnamed source with no affiliation (\"a source\", \"two officials\")",
    explanation: "Anonymous sources are the weakest sourcing there is. AP allows them only for essential information that cannot be had on the record from a source in a position to know, and requires the copy to describe the source as precisely as possible: \"a senior State Department official\", \"two people familiar with the talks\", not \"a source\". A bare \"a source\" or \"sources\" is the worst case; \"an official\", \"one senior official\" or \"two authorities\" with no agency or body is next. Reuters adds: never write \"sources\" for one source. Whether the copy says why anonymity was granted is a house-style check of its own (`attribution/no-anonymity-reason`, off by default).",
    bad: "A source said the minister would resign.",
    good: "A senior official at the finance ministry said the minister would resign.",
    context: "",
    source: "AP Stylebook, 'anonymous sources' (2005); Reuters Handbook, 'sourcing'; BBC Editorial Guidelines, 'anonymity'",
};

pub struct AnonymousSource;

impl Check for AnonymousSource {
    fn rule(&self) -> &'static Rule {
        &ANONYMOUS_SOURCE
    }

    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<Attribution>();
        facts.give_sources(cx.doc, report);
        let doc = cx.doc;
        for hit in facts.anonymous.iter().filter(|h| h.unaffiliated()) {
            let head = hit.head;
            let phrase = &doc.text[head.range()];
            let (severity, msg) = match hit.level {
                AnonLevel::Unspecific if hit.group => (Severity::Info, format!("“{phrase}”: whose? Say which government, agency or body they speak for.")),
                // Reuters' "never write sources for one source" only where the copy says "sources".
                AnonLevel::Bare if phrase.to_lowercase().ends_with("sources") => (Severity::Warning, format!("“{phrase}”: anonymous sources with no description. Say who they are (agency or body, rank, how they know). One source is never “sources”.")),
                AnonLevel::Bare => (Severity::Warning, format!("“{phrase}”: an anonymous source with no description. Say who the source is (agency or body, rank, how they know).")),
                _ => (Severity::Warning, format!("“{phrase}”: which? Give the source's agency or body, not only a rank.")),
            };
            let f = Finding::new(&ANONYMOUS_SOURCE, head, msg)
                .with_severity(severity)
                .with_fix(
                    Fix::new(
                        "Name the source",
                        Safety::NeedsInput,
                        vec![Edit::replace(head, "TK")],
                    )
                    .preferred(),
                );
            report.push(f);
        }
    }
}

#[cfg(test)]
mod tests {

    fn found(text: &str) -> Vec<&str> {
        crate::rules::flagged_by(text, super::ANONYMOUS_SOURCE.id)
    }

    #[test]
    fn unaffiliated_sources_are_flagged_with_or_without_a_reason() {
        assert_eq!(
            found("A source said the minister would resign.\n"),
            ["A source"]
        );
        assert_eq!(
            found("A source, who asked not to be named, said the minister would resign.\n"),
            ["A source"]
        );
    }

    #[test]
    fn affiliated_sources_are_not() {
        assert!(found("Ministry sources said the minister would resign.\n").is_empty());
        assert!(found(
            "A senior official at the finance ministry said the minister would resign.\n"
        )
        .is_empty());
        assert!(found("Two people familiar with the talks said a deal was near.\n").is_empty());
    }
}
