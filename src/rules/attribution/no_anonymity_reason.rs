//! `attribution/no-anonymity-reason` (off by default): an anonymous source, however well
//! described, with no word on why anonymity was granted. AP asks for the reason; many newsrooms
//! do not, so this is a house-style option (`[rules] "attribution/no-anonymity-reason" = "info"`).

use super::facts::Attribution;
use crate::finding::{Edit, Finding, Fix, Safety};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static NO_ANONYMITY_REASON: Rule = Rule {
    id: "attribution/no-anonymity-reason",
    family: Family::Attribution,
    default_level: Level::Off,
    fix: FixAvailability::Always,
    summary: "An anonymous source with no reason given for anonymity (house style, off by default)",
    explanation: "AP's rule on anonymous sources asks the copy to say why the source was granted anonymity and, where it can, what motivated the source to speak (\"who spoke on condition of anonymity because the talks are private\"). Many newsrooms do not require it, and stock reasons can become boilerplate, so this check is off unless the house style turns it on. It looks for a reason in the source's sentence and the next one.",
    bad: "A senior official at the finance ministry said the minister would resign.",
    good: "A senior official at the finance ministry, who spoke on condition of anonymity because the decision had not been announced, said the minister would resign.",
    context: "",
    source: "AP Stylebook, 'anonymous sources' (2005); New York Times, 'Confidential News Sources' (2004)",
};

pub struct NoAnonymityReason;

impl Check for NoAnonymityReason {
    fn rule(&self) -> &'static Rule {
        &NO_ANONYMITY_REASON
    }

    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<Attribution>();
        facts.give_sources(cx, report);
        let doc = cx.doc;
        for hit in facts.anonymous.iter().filter(|h| !h.reason) {
            let head = hit.head;
            let phrase = &doc.text[head.range()];
            // Insert the reason after the whole source phrase, minding a comma already there.
            let np_end = hit.np.end.max(head.end);
            let reason = if doc.text[np_end..].starts_with(',') {
                ", who spoke on condition of anonymity because TK"
            } else {
                ", who spoke on condition of anonymity because TK,"
            };
            let f = Finding::new(
                &NO_ANONYMITY_REASON,
                head,
                format!("“{phrase}”: the copy does not say why this source was granted anonymity."),
            )
            .with_fix(
                Fix::new(
                    "Add the reason for anonymity",
                    Safety::NeedsInput,
                    vec![Edit::insert(np_end, reason)],
                )
                .preferred(),
            );
            report.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::Level;
    use crate::{analyze, Config, Severity};

    fn found(text: &str, on: bool) -> Vec<&str> {
        let mut config = Config::default();
        if on {
            config.rules.insert(
                super::NO_ANONYMITY_REASON.id.to_string(),
                Level::On(Severity::Info),
            );
        }
        analyze(text, &config)
            .findings
            .iter()
            .filter(|f| f.rule == super::NO_ANONYMITY_REASON.id)
            .map(|f| &text[f.span.range()])
            .collect()
    }

    #[test]
    fn off_by_default_and_quiet_when_a_reason_is_given() {
        let bare = "A senior official at the finance ministry said the minister would resign.\n";
        assert!(found(bare, false).is_empty());
        assert_eq!(
            found(bare, true),
            ["A senior official at the finance ministry"]
        );
        let why = "A senior official at the finance ministry, who spoke on condition of anonymity because the talks are private, said the minister would resign.\n";
        assert!(found(why, true).is_empty());
    }
}
