//! `attribution/vague-source`: weasel attribution that names nobody.

use super::facts::{end_stop, Attribution};
use super::vague::VagueKind;
use crate::config::Config;
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Later, Safety, Severity, Span};
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
            let which = || {
                format!(
                    "“{phrase}”: which ones? Weasel attribution names nobody; name them or cut the claim."
                )
            };
            let msg = match &hit.kind {
                VagueKind::Passive { verb, .. } => format!("“{phrase}” by whom? The passive hides the source: name who {verb} it, or drop the claim."),
                VagueKind::It => format!("“{phrase}” by whom? Say who told the reporter, or drop the claim."),
                VagueKind::Widely => format!("“{phrase}” by whom? Say who sees it that way, or drop the judgement."),
                VagueKind::Adverb => format!(
                    "“{}” by whom? Name who reported or alleges it.",
                    phrase.to_ascii_lowercase()
                ),
                // "one recent poll": a single document.
                VagueKind::Docs if !phrase.ends_with('s') => format!("“{phrase}”: whose? Name who carried it out or published it, or cut the claim."),
                VagueKind::Docs | VagueKind::Group | VagueKind::CueSource => which(),
                VagueKind::Someone => format!("“{phrase}”: who? An unnamed person gives the reader nothing to judge; name them, say how they know, or cut the quote."),
            };
            let mut f = Finding::new(&VAGUE_SOURCE, span, msg);
            match note(&hit.kind, hit.sentence) {
                // Made when a code action asks (see `Check::fixes_later`).
                Some(later) if cx.leaves_fixes() => f.later = Some(later),
                _ => f.fixes.extend(fix(doc, span, &hit.kind, hit.sentence)),
            }
            report.push(f);
        }
    }

    fn fixes_later(&self, doc: &Document, _config: &Config, f: &Finding) -> Vec<Fix> {
        let Some(Later(code, at)) = f.later else {
            return Vec::new();
        };
        let (kind, sentence) = match code & 0xff {
            PASSIVE => {
                let verb_end = at as usize;
                let verb =
                    doc.prose[verb_end - (code >> 8) as usize..verb_end].to_ascii_lowercase();
                (VagueKind::Passive { verb, verb_end }, 0)
            }
            IT => (VagueKind::It, 0),
            ADVERB => (VagueKind::Adverb, at as usize),
            DOCS => (VagueKind::Docs, 0),
            GROUP => (VagueKind::Group, 0),
            SOMEONE => (VagueKind::Someone, 0),
            CUE_SOURCE => (VagueKind::CueSource, 0),
            _ => return Vec::new(),
        };
        fix(doc, f.span, &kind, sentence).into_iter().collect()
    }
}

/// The kinds of hit with a fix, as [`note`] writes them.
const PASSIVE: u32 = 1;
const IT: u32 = 2;
const ADVERB: u32 = 3;
const DOCS: u32 = 4;
const GROUP: u32 = 5;
const SOMEONE: u32 = 6;
const CUE_SOURCE: u32 = 7;

/// What a hit notes to make its fix later: its kind (and, for a passive, its verb's length
/// above the low byte) and, for a passive, where its verb ends; for an adverb, its sentence.
/// None for a kind that has no fix.
fn note(kind: &VagueKind, sentence: usize) -> Option<Later> {
    Some(match kind {
        VagueKind::Passive { verb, verb_end } => {
            Later(PASSIVE | (verb.len() as u32) << 8, *verb_end as u32)
        }
        VagueKind::It => Later(IT, 0),
        VagueKind::Widely => return None,
        VagueKind::Adverb => Later(ADVERB, sentence as u32),
        VagueKind::Docs => Later(DOCS, 0),
        VagueKind::Group => Later(GROUP, 0),
        VagueKind::Someone => Later(SOMEONE, 0),
        VagueKind::CueSource => Later(CUE_SOURCE, 0),
    })
}

/// The fix for a hit of `kind` at `span` in sentence `sentence` (none for some).
fn fix(doc: &Document, span: Span, kind: &VagueKind, sentence: usize) -> Option<Fix> {
    let fix = match kind {
        VagueKind::Passive { verb, verb_end } => Fix::new(
            format!("Name who {verb} it: “{verb} by TK to”"),
            Safety::NeedsInput,
            vec![Edit::insert(*verb_end, " by TK")],
        ),
        VagueKind::It => Fix::new(
            "Name the source: “TK said”",
            Safety::NeedsInput,
            vec![Edit::replace(span, "TK said")],
        ),
        VagueKind::Widely => return None,
        VagueKind::Adverb => {
            let sent = doc.sentences[sentence].span;
            // Remove the adverb with one neighbouring space, and attribute the sentence instead.
            let after = &doc.text[span.end..];
            let del = if after.starts_with(' ') {
                Span::new(span.start, span.end + 1)
            } else if doc.text[..span.start].ends_with(' ') {
                Span::new(span.start - 1, span.end)
            } else {
                span
            };
            match end_stop(doc, sent) {
                Some(at) if at > del.end => Fix::new(
                    "Replace with “…, according to TK.”",
                    Safety::NeedsInput,
                    vec![
                        Edit::replace(del, ""),
                        Edit::insert(at, ", according to TK"),
                    ],
                ),
                _ => return None,
            }
        }
        VagueKind::Docs => Fix::new(
            "Name the source: “… by TK”",
            Safety::NeedsInput,
            vec![Edit::insert(span.end, " by TK")],
        ),
        VagueKind::Group => Fix::new(
            "Name them: “…, including TK,”",
            Safety::NeedsInput,
            vec![Edit::insert(span.end, ", including TK,")],
        ),
        VagueKind::Someone => Fix::new(
            "Name them: “…, TK,”",
            Safety::NeedsInput,
            vec![Edit::insert(span.end, ", TK,")],
        ),
        VagueKind::CueSource => {
            let insert = if doc.text[span.end..].starts_with(',') {
                ", including TK"
            } else {
                ", including TK,"
            };
            Fix::new(
                "Name them: “…, including TK,”",
                Safety::NeedsInput,
                vec![Edit::insert(span.end, insert)],
            )
        }
    };
    Some(fix.preferred())
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
