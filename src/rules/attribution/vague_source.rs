//! `attribution/vague-source`: weasel attribution that names nobody.

use super::facts::{end_stop, Attribution};
use super::vague::VagueKind;
use crate::finding::{Edit, Finding, Fix, Safety, Severity};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};

pub static VAGUE_SOURCE: Rule = Rule {
    id: "attribution/vague-source",
    family: Family::Attribution,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "Weasel attribution that names nobody (\"critics say\", \"is believed to\", \"reportedly\")",
    explanation: "Phrases such as \"are said to\", \"it is understood\", \"reportedly\", \"critics say\", \"some experts believe\" or \"polls show\" look like attribution but name nobody, so the reader cannot judge the claim and the outlet ends up asserting it. Name who said, believes or reported it, or cut the claim. \"Allegedly\" is fine next to a named accuser or charge; on its own it hides who alleges.",
    bad: "The mayor is said to have lobbied council members for weeks.",
    good: "The mayor lobbied council members for weeks, two council members said.",
    context: "",
    source: "Wikipedia Manual of Style, 'Unsupported attributions'; AP Stylebook, 'attribution'",
};

pub struct VagueSource;

impl Check for VagueSource {
    fn rule(&self) -> &'static Rule {
        &VAGUE_SOURCE
    }

    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<Attribution>();
        facts.give_sources(cx, report);
        let doc = cx.doc;
        for hit in &facts.vague {
            let span = hit.span;
            let phrase = &doc.text[span.range()];
            let which = format!(
                "“{phrase}”: which ones? Weasel attribution names nobody; name them or cut the claim."
            );
            let (msg, fix) = match &hit.kind {
                VagueKind::Passive { verb, verb_end } => (
                    format!("“{phrase}” by whom? The passive hides the source: name who {verb} it, or drop the claim."),
                    Some(Fix::new(
                        format!("Name who {verb} it: “{verb} by TK to”"),
                        Safety::NeedsInput,
                        vec![Edit::insert(*verb_end, " by TK")],
                    )),
                ),
                VagueKind::It => (
                    format!("“{phrase}” by whom? Say who told the reporter, or drop the claim."),
                    Some(Fix::new(
                        "Name the source: “TK said”",
                        Safety::NeedsInput,
                        vec![Edit::replace(span, "TK said")],
                    )),
                ),
                VagueKind::Widely => (
                    format!("“{phrase}” by whom? Say who sees it that way, or drop the judgement."),
                    None,
                ),
                VagueKind::Adverb => {
                    let word = phrase.to_ascii_lowercase();
                    let sent = doc.sentences[hit.sentence].span;
                    // Remove the adverb with one neighbouring space, and attribute the sentence instead.
                    let after = &doc.text[span.end..];
                    let del = if after.starts_with(' ') {
                        crate::finding::Span::new(span.start, span.end + 1)
                    } else if doc.text[..span.start].ends_with(' ') {
                        crate::finding::Span::new(span.start - 1, span.end)
                    } else {
                        span
                    };
                    let fix = match end_stop(doc, sent) {
                        Some(at) if at > del.end => Some(Fix::new(
                            "Replace with “…, according to TK.”",
                            Safety::NeedsInput,
                            vec![Edit::replace(del, ""), Edit::insert(at, ", according to TK")],
                        )),
                        _ => None,
                    };
                    (format!("“{word}” by whom? Name who reported or alleges it."), fix)
                }
                VagueKind::Docs => (
                    // "one recent poll": a single document.
                    if phrase.ends_with('s') {
                        which
                    } else {
                        format!("“{phrase}”: whose? Name who carried it out or published it, or cut the claim.")
                    },
                    Some(Fix::new(
                        "Name the source: “… by TK”",
                        Safety::NeedsInput,
                        vec![Edit::insert(span.end, " by TK")],
                    )),
                ),
                VagueKind::Group => (
                    which,
                    Some(Fix::new(
                        "Name them: “…, including TK,”",
                        Safety::NeedsInput,
                        vec![Edit::insert(span.end, ", including TK,")],
                    )),
                ),
                VagueKind::Someone => (
                    format!("“{phrase}”: who? An unnamed person gives the reader nothing to judge; name them, say how they know, or cut the quote."),
                    Some(Fix::new(
                        "Name them: “…, TK,”",
                        Safety::NeedsInput,
                        vec![Edit::insert(span.end, ", TK,")],
                    )),
                ),
                VagueKind::CueSource => {
                    let insert = if doc.text[span.end..].starts_with(',') {
                        ", including TK"
                    } else {
                        ", including TK,"
                    };
                    (
                        which,
                        Some(Fix::new(
                            "Name them: “…, including TK,”",
                            Safety::NeedsInput,
                            vec![Edit::insert(span.end, insert)],
                        )),
                    )
                }
            };
            let mut f = Finding::new(&VAGUE_SOURCE, span, msg);
            if let Some(fix) = fix {
                f = f.with_fix(fix.preferred());
            }
            report.push(f);
        }
    }
}

#[cfg(test)]
mod tests {

    fn found(text: &str) -> Vec<&str> {
        crate::rules::flagged_by(text, super::VAGUE_SOURCE.id)
    }

    #[test]
    fn weasel_groups_passives_and_hearsay_adverbs() {
        assert_eq!(found("Critics say the plan will fail.\n"), ["Critics"]);
        assert_eq!(
            found("The mayor is said to have lobbied for weeks.\n"),
            ["is said to"]
        );
        assert_eq!(
            found("The minister reportedly resigned on Tuesday.\n"),
            ["reportedly"]
        );
        assert_eq!(found("Polls show the race is close.\n"), ["Polls"]);
    }

    #[test]
    fn named_or_affiliated_sources_are_not_vague() {
        assert!(found("Critics of the plan, including Ana Ruiz, say it will fail.\n").is_empty());
        assert!(found("The minister resigned on Tuesday, the ministry said.\n").is_empty());
    }

    /// Readers' letters and comments are the readers' voice; the newsroom's introduction and a
    /// single-author column stay checked.
    #[test]
    fn readers_letters_are_not_the_newsrooms_sourcing() {
        let letters = "Critics say the bypass will ruin the valley. Readers wrote in.\n\n\
I think some people say the bypass is needed only because they never walk there.\n\
Mary Okafor, Stockport\n\n\
My family has farmed there for years. Many believe the road will flood the fields.\n\
Tom Alvarez, Hull\n";
        assert_eq!(found(letters), ["Critics"]);
        let column = "I have walked this valley for a decade.\n\n\
I think the council was wrong. Many believe the road will flood the fields.\n\n\
By Ana Ruiz\n";
        assert_eq!(found(column), ["Many"]);
    }
}
