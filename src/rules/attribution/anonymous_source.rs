//! `attribution/anonymous-source`: an unnamed source with no affiliation ("a source", "sources",
//! "two officials", "one senior official"). A source with an affiliation or a described vantage
//! ("a ministry official", "people familiar with the talks") is not flagged; whether the copy says
//! why it was granted anonymity is the off-by-default `attribution/no-anonymity-reason`.

use super::cues::{AnonLevel, Cue, NpKind};
use super::facts::Attribution;
use super::lists::{has, slot, GRAMMAR, SOURCES, VAGUE};
use super::words;
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Later, Safety, Severity, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
use rustc_hash::FxHashMap as HashMap;

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
        facts.give_sources(cx, report);
        let doc = cx.doc;
        // The story in lower case, made once for every bare plural source: ASCII lower-casing
        // keeps every byte offset, so a position in it is a position in the story.
        let lower = std::cell::OnceCell::new();
        let named_groups = std::cell::OnceCell::new();
        for hit in facts.anonymous.iter().filter(|h| h.unaffiliated()) {
            let head = hit.head;
            if affiliated_around(doc, head)
                || one_of_named(doc, &facts.cues, hit.cue, &named_groups)
            {
                continue;
            }
            let phrase = &doc.text[head.range()];
            let (severity, msg) = match hit.level {
                AnonLevel::Unspecific if hit.group => (Severity::Info, format!("“{phrase}”: whose? Say which government, agency or body they speak for.")),
                // Reuters' "never write sources for one source" only where the copy also speaks
                // of the source in the singular ("Sources said ... The source added").
                AnonLevel::Bare if plural_noun(phrase).is_some() => {
                    let one = plural_noun(phrase)
                        .filter(|(_, singular)| {
                            let lower = lower.get_or_init(|| doc.prose.to_ascii_lowercase());
                            singular_elsewhere(doc, lower, singular)
                        })
                        .map_or(String::new(), |(plural, singular)| {
                            format!(" If it is one {singular}, do not write “{plural}”.")
                        });
                    (Severity::Warning, format!("“{phrase}”: anonymous sources with no description. Say who they are (agency or body, rank, how they know).{one}"))
                }
                AnonLevel::Bare => (Severity::Warning, format!("“{phrase}”: an anonymous source with no description. Say who the source is (agency or body, rank, how they know).")),
                _ => (Severity::Warning, format!("“{phrase}”: which? Give the source's agency or body, not only a rank.")),
            };
            let mut f = Finding::new(&ANONYMOUS_SOURCE, head, msg).with_severity(severity);
            if cx.leaves_fixes() {
                // Made from the span when a code action asks (see `Check::fixes_later`).
                f.later = Some(Later(0, 0));
            } else {
                f.fixes.push(name_the_source(head));
            }
            report.push(f);
        }
    }

    fn fixes_later(
        &self,
        _doc: &Document,
        _config: &crate::config::Config,
        f: &Finding,
    ) -> Vec<Fix> {
        vec![name_the_source(f.span)]
    }
}

/// The fix for a source phrase `head`: a TK for the writer to fill in.
fn name_the_source(head: Span) -> Fix {
    Fix::new(
        "Name the source",
        Safety::NeedsInput,
        vec![Edit::replace(head, "TK")],
    )
    .preferred()
}

/// Whether the words around a source phrase give its body where the source scan could not see it:
/// dotted initials just before it ("U.S. Officials said", where the sentence splitter ended a
/// sentence at "U.S.") or a bracketed company name just after it ("an official at <Acme Corp>",
/// the wire's mark for a company).
fn affiliated_around(doc: &Document, head: Span) -> bool {
    let before = doc.prose[..head.start].trim_end();
    let token = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let initials = token.len() >= 4
        && token.chars().enumerate().all(|(i, c)| {
            if i % 2 == 0 {
                c.is_ascii_uppercase()
            } else {
                c == '.'
            }
        });
    // The text, not the prose: the prose blanks a bracketed name out as markup.
    let after = &doc.text[head.end..];
    // The first word only, lazily: collecting the rest of the story's words here, once per
    // source, was quadratic (a megabyte took 2 s instead of 0.3 s).
    let bracketed = words::iter(after).next().is_some_and(|w| {
        has(&SOURCES.pp_start, w.text)
            && after[w.end..].trim_start().starts_with('<')
            && after[..w.start].trim().is_empty()
    });
    initials || bracketed
}

/// A source noun as the groups are compared: its last word, lower case, without a plural "s".
fn stem(t: &str) -> Option<String> {
    words::words(t).last().map(|w| {
        let l = w.text.to_lowercase();
        l.strip_suffix('s').map_or(l.clone(), str::to_string)
    })
}

/// The cues whose source is a named or described group of more than one word, by the stem of
/// its noun, each list in cue order: built once per story, so each source looks its group up
/// instead of reading every earlier cue (quadratic on a long paragraph of sources).
type NamedGroups = HashMap<String, Vec<usize>>;

fn named_groups(doc: &Document, cues: &[Cue]) -> NamedGroups {
    let mut out = NamedGroups::default();
    let mut lower = String::new();
    for (i, o) in cues.iter().enumerate() {
        if !matches!(o.kind, NpKind::Named | NpKind::Described) {
            continue;
        }
        let Some(h) = o.head else { continue };
        // More than one word, and the last one's stem ([`stem`], without a list of the words
        // or a new string for a noun already seen).
        let mut ws = words::iter(&doc.text[h.range()]);
        let (Some(_), Some(last)) = (ws.next(), ws.last()) else {
            continue;
        };
        lower.clear();
        if last.text.is_ascii() {
            lower.push_str(last.text);
            lower.make_ascii_lowercase();
        } else {
            // `str::to_lowercase`: a final sigma is not a char's own lower case.
            lower.push_str(&last.text.to_lowercase());
        }
        let noun = lower.strip_suffix('s').unwrap_or(&lower);
        match out.get_mut(noun) {
            Some(list) => list.push(i),
            None => {
                out.insert(noun.to_string(), vec![i]);
            }
        }
    }
    out
}

/// "Finance ministry officials said … . ¶ “…,” one official said.": one source whose noun repeats
/// the noun of a described or named source of its own or the previous paragraph, given there with
/// its body, is one of them.
fn one_of_named(
    doc: &Document,
    cues: &[Cue],
    at: usize,
    groups: &std::cell::OnceCell<NamedGroups>,
) -> bool {
    let c = &cues[at];
    let Some(head) = c.head else { return false };
    // One member of the group ("one official", "a spokesman"), not another count of it ("two
    // authorities" after "three Afghan authorities").
    let phrase = &doc.text[head.range()];
    let ws = words::words(phrase);
    let member = ws.len() > 1
        && has(slot(&VAGUE.scope, "member_dets"), ws[0].text)
        && !ws[ws.len() - 1].text.ends_with('s');
    let Some(noun) = stem(phrase).filter(|_| member) else {
        return false;
    };
    let Some(list) = groups.get_or_init(|| named_groups(doc, cues)).get(&noun) else {
        return false;
    };
    // Cues are in document order, so paragraphs never decrease along a list: the latest group
    // before this source is the nearest one.
    let before = list.partition_point(|&k| k < at);
    before > 0 && {
        let o = &cues[list[before - 1]];
        o.paragraph == c.paragraph || o.paragraph + 1 == c.paragraph
    }
}

/// The bare plural source noun a phrase ends with, and its singular: ("sources", "source").
fn plural_noun(phrase: &str) -> Option<(String, String)> {
    let last = phrase.rsplit(' ').next()?.to_lowercase();
    let singular = last.strip_suffix('s')?;
    let bare = |w: &str| SOURCES.anon_bare.iter().any(|b| b == w);
    (bare(&last) && bare(singular)).then(|| (last.clone(), singular.to_string()))
}

/// True when the writer's copy speaks of `singular` ("source") with a determiner before it
/// ("the source added", "a source said"): then the plural may stand for that one source.
/// `prose` is the story's prose in ASCII lower case (same offsets).
fn singular_elsewhere(doc: &Document, prose: &str, singular: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    prose.match_indices(singular).any(|(i, _)| {
        let end = i + singular.len();
        if word(prose[..i].chars().next_back()) || word(prose[end..].chars().next()) {
            return false;
        }
        let before = prose[..i].trim_end();
        let det = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        GRAMMAR.determiners.iter().any(|d| d == det) && doc.quote_at(i).is_none()
    })
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
    fn one_source_is_never_sources_only_when_the_copy_has_one_source() {
        let msg = |t: &str| {
            crate::analyze(t, &crate::Config::default())
                .findings
                .iter()
                .find(|f| f.rule == super::ANONYMOUS_SOURCE.id)
                .map(|f| f.message.clone())
                .unwrap()
        };
        let many = msg("Sources said the minister would resign.\n");
        assert!(!many.contains("one source"), "{many}");
        let one = msg(
            "Sources said the minister would resign. The source added that talks had failed.\n",
        );
        assert!(
            one.contains("If it is one source, do not write “sources”."),
            "{one}"
        );
        let single = msg("A source said the minister would resign.\n");
        assert!(!single.contains("“sources”"), "{single}");
        // "the source" inside a quotation is the speaker's, wherever letters before it
        // change length in lower case ("İ" is two bytes, its lower case three).
        let quoted = msg(&format!(
            "{} İzmir. Sources said the minister would resign. “I trust the source,” Ruiz said.\n",
            "İ".repeat(24)
        ));
        assert!(!quoted.contains("one source"), "{quoted}");
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

    #[test]
    fn a_spokesperson_of_the_sentence_subject_speaks_for_it() {
        assert!(found(
            "Harbor Ferries cut two routes, with a spokesperson saying fuel was too dear.\n"
        )
        .is_empty());
        // The reported clause does not say whose spokesman he is (the eval conventions).
        assert_eq!(
            found("A spokesman said Harbor Foods had no comment.\n"),
            ["A spokesman"]
        );
    }

    #[test]
    fn initials_before_or_a_bracketed_company_after_give_the_body() {
        assert!(
            found("Talks will resume in June. U.S. Officials said the tariffs stay.\n").is_empty()
        );
        assert!(
            found("\"Nothing is settled,\" said an official at <Harbor Freight Lines Inc>.\n")
                .is_empty()
        );
        assert_eq!(
            found("Talks will resume in June. Officials said the tariffs stay.\n"),
            ["Officials"]
        );
    }

    #[test]
    fn one_of_the_described_officials_is_one_of_them() {
        let text = "Port authority officials said the quay would reopen.\n\n\
\"We expect ships by Friday,\" one official said.\n";
        assert!(found(text).is_empty());
        let bare = "The quay will reopen, the mayor said.\n\n\
\"We expect ships by Friday,\" one official said.\n";
        assert_eq!(found(bare), ["one official"]);
        let count = "Three port authority officials said the quay would reopen.\n\n\
Ships will dock by Friday, two officials said.\n";
        assert_eq!(found(count), ["two officials"]);
    }
}
