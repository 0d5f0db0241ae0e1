//! `attribution/unattributed-quote`: a direct quotation with no speaker.

use super::facts::Attribution;
use super::lists::{expand, has, GRAMMAR, SOURCES, VAGUE};
use super::words::{self, starts_upper};
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
use regex::Regex;
use std::sync::LazyLock;

pub static UNATTRIBUTED_QUOTE: Rule = Rule {
    id: "attribution/unattributed-quote",
    family: Family::Attribution,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "A direct quotation with no speaker",
    explanation: "Every direct quotation needs a speaker, named early (Reuters: after the first sentence of the quote) in the quotation's sentence or paragraph. A quotation that continues the previous paragraph's speaker may carry on without a new attribution; a quotation standing alone in a new paragraph after narration reads as the outlet's own words.",
    bad: "\"The money is gone and nobody will say where.\"",
    good: "\"The money is gone and nobody will say where,\" said Ana Ruiz, a depositor.",
    context: "",
    source: "AP Stylebook, 'quotations in the news'; Reuters Handbook, 'quotes'",
};

pub struct UnattributedQuote;

/// Words that introduce a quoted title, slogan or sign rather than speech (run on lower case;
/// vocabulary in `data/attribution/vague.toml` `[title_lead]`).
pub(crate) static TITLE_LEAD_T: &str = r"(?-u:\b){words}(?-u:\b)[^.!?]{0,40}$";

pub(crate) static TITLE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&expand(TITLE_LEAD_T, &[&VAGUE.title_lead]))
        .unwrap_or_else(|e| panic!("title pattern: {e}"))
});

impl Check for UnattributedQuote {
    fn rule(&self) -> &'static Rule {
        &UNATTRIBUTED_QUOTE
    }

    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<Attribution>();
        facts.give_sources(cx.doc, report);
        let doc = cx.doc;
        let para_speaker = &facts.para_speaker;
        for q in doc.quotes.iter().filter(|q| q.depth == 0) {
            let (p0, p1) = q.paragraphs;
            if doc.paragraphs.get(p0).is_none_or(|p| p.headline) {
                continue;
            }
            // A quotation that runs over paragraphs (no closing mark, next paragraph reopens) is one
            // quotation: a speaker in any of its paragraphs covers all of it. A fresh quotation in a
            // new paragraph needs its own speaker, as wire copy gives it.
            let spoken_here = (p0..=p1).any(|p| para_speaker.get(p).copied().unwrap_or(false));
            if spoken_here {
                continue;
            }
            let inner = doc.prose_of(q.span);
            let n_words = words::words(inner).len();
            // Short quoted phrases are labels, titles or scare quotes (the wording family's business).
            if n_words < 4 {
                continue;
            }
            // A partial quotation woven into the writer's sentence ("called for reform “that makes us
            // safer”") is the words of that sentence's subject.
            if inner
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(char::is_lowercase)
            {
                continue;
            }
            // A title ("How the Grinch Stole Christmas") is quoted without a speaker.
            let ws = words::words(inner);
            let long: Vec<&str> = ws.iter().map(|w| w.text).filter(|w| w.len() > 3).collect();
            if !long.is_empty() && long.iter().all(|w| starts_upper(w)) {
                continue;
            }
            // A quotation opening the paragraph after one that closes on its speaker ("..., she
            // wrote.") carries on that speaker.
            let opens_paragraph = doc
                .prose
                .get(doc.paragraphs[p0].span.start..q.span.start)
                .is_some_and(|t| t.trim().is_empty());
            if opens_paragraph && p0 > 0 {
                let last = doc.paragraphs[p0 - 1].sentences.end.saturating_sub(1);
                // Or ends on a colon: "She put it this way:".
                let ends_colon = doc
                    .sentences
                    .get(last)
                    .is_some_and(|s| doc.prose_of(s.span).trim_end().ends_with(':'));
                if ends_colon || facts.cues.iter().any(|c| c.sentence == last) {
                    continue;
                }
            }
            // Slogans, signs, titles and chants are quoted without a speaker.
            let sent_start = doc
                .sentence_at(q.span.start)
                .map_or(q.span.start, |(_, s)| s.span.start);
            let lead_in = doc.prose[sent_start..q.span.start].to_ascii_lowercase();
            if TITLE_LEAD.is_match(&lead_in) {
                continue;
            }
            if introduced(doc, q.span, p0, sent_start) {
                continue;
            }
            let mut f = Finding::new(&UNATTRIBUTED_QUOTE, q.span, "Who said this? The quotation has no speaker in its sentence or paragraph, so it reads as the outlet's own words. Name the speaker.");
            if let Some(fix) = quote_fix(doc, q.span) {
                f = f.with_fix(fix);
            }
            report.push(f);
        }
    }
}

/// Whether the copy's own conventions introduce quotation `q` (in paragraph `p0`, sentence
/// from `sent_start`) where no listed saying verb does:
/// - an answer after a question: "The governor? “Solid as a rock.”";
/// - a lead-in ending in a colon: "Ruiz added on Twitter: “…”", "Rep. Ana Ruiz: “…”";
/// - a subject and a verb of manner before a comma: "He went on to say, “…”", "Ruiz boomed, “…”";
/// - a speech tag after it: "“…,” Ruiz gushed.";
/// - a headline or blurb in capitals before it.
fn introduced(doc: &Document, q: Span, p0: usize, sent_start: usize) -> bool {
    let para_lead = doc.prose[doc.paragraphs[p0].span.start..q.start].trim_end();
    if para_lead.ends_with('?') {
        return true;
    }
    let lead = doc.prose[sent_start.max(doc.paragraphs[p0].span.start)..q.start].trim_end();
    let lw = words::words(lead);
    if lead.ends_with(':') && !lw.is_empty() {
        return true;
    }
    let named = |i: usize, w: &str| {
        (has(&GRAMMAR.pronouns, w) && !w.eq_ignore_ascii_case("it"))
            || starts_upper(w) && (i > 0 || !has(&SOURCES.common_subjects, w))
    };
    // A verb-like word in the lead-in: "As Ruiz pointed out in June, “…”", "Ruiz also backed
    // the plan -- “…”".
    let verb_like = |w: &str| {
        w.starts_with(char::is_lowercase)
            && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with('s') || w == "say")
    };
    let dash = lead.ends_with('—') || lead.ends_with("--") || lead.ends_with('–');
    if (lead.ends_with(',') || dash)
        && (lw
            .last()
            .is_some_and(|w| w.text.starts_with(char::is_lowercase))
            || lw.iter().any(|w| verb_like(w.text)))
        && lw.iter().enumerate().any(|(i, w)| named(i, w.text))
    {
        return true;
    }
    // Capitals: "CITY HALL IN CRISIS “…”".
    let caps: Vec<&str> = lw
        .iter()
        .map(|w| w.text)
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if caps.len() >= 2 && caps.iter().all(|w| !w.chars().any(char::is_lowercase)) {
        return true;
    }
    // A speech tag after the quotation, up to the end of its sentence or a comma.
    let sent_end = doc
        .sentence_at(q.start)
        .map_or(q.end, |(_, s)| s.span.end)
        .max(q.end);
    let after = &doc.prose[q.end..sent_end];
    let tail = after
        .split([',', ';', '.', '“', '\u{22}'])
        .next()
        .unwrap_or("");
    let tw = words::words(tail);
    if tw.len() >= 2 && after[..tw[0].start].trim().is_empty() {
        let subject_named = named(1, tw[0].text)
            || has(&GRAMMAR.determiners, tw[0].text) && tw[0].text.starts_with(char::is_lowercase);
        let verb = tw.iter().take(4).skip(1).any(|v| {
            v.text.starts_with(char::is_lowercase)
                && (v.text.ends_with("ed") || v.text.ends_with('s') && !v.text.ends_with("ss"))
        });
        if subject_named && verb {
            return true;
        }
        // Inverted: "“…,” scoffed Ana Ruiz".
        if verb_like(tw[0].text) && starts_upper(tw[1].text) {
            return true;
        }
    }
    false
}

/// `"…."` → `"…," TK said.` for a quotation that ends its sentence; otherwise "TK said, " before it.
fn quote_fix(doc: &Document, q: Span) -> Option<Fix> {
    let t = doc.text.get(q.range())?;
    let close = t.chars().next_back()?;
    let inner_end = q.end - close.len_utf8();
    let last_inner = doc.text[..inner_end].chars().next_back()?;
    let (_, sent) = doc.sentence_at(q.start)?;
    // A quotation can run past the sentence it opens in ("Go. Now?"): then it ends its own.
    let ends_sentence = doc
        .text
        .get(q.end..sent.span.end)
        .is_none_or(|rest| rest.trim().is_empty());
    if ends_sentence && last_inner == '.' {
        let dot = inner_end - 1;
        return Some(
            Fix::new(
                "Name the speaker: “…,” TK said.",
                Safety::NeedsInput,
                vec![
                    Edit::replace(Span::new(dot, dot + 1), ","),
                    Edit::insert(q.end, " TK said."),
                ],
            )
            .preferred(),
        );
    }
    if ends_sentence && matches!(last_inner, '?' | '!') {
        return Some(
            Fix::new(
                "Name the speaker: “…” TK said.",
                Safety::NeedsInput,
                vec![Edit::insert(q.end, " TK said.")],
            )
            .preferred(),
        );
    }
    Some(
        Fix::new(
            "Name the speaker: “TK said, …”",
            Safety::NeedsInput,
            vec![Edit::insert(q.start, "TK said, ")],
        )
        .preferred(),
    )
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config};

    fn found(text: &str) -> usize {
        analyze(text, &Config::default())
            .findings
            .iter()
            .filter(|f| f.rule == super::UNATTRIBUTED_QUOTE.id)
            .count()
    }

    #[test]
    fn a_quotation_needs_a_speaker_in_its_paragraph() {
        assert_eq!(
            found("The vote was close.\n\n\"We will not give up on this town,\" she added.\n"),
            0
        );
        assert_eq!(
            found("The vote was close.\n\n\"We will not give up on this town.\"\n"),
            1
        );
        assert_eq!(
            found("Marchers carried banners reading \"Save our town from the closures\".\n"),
            0
        );
    }

    #[test]
    fn partial_quotations_titles_and_continued_speakers_are_attributed() {
        // Woven into an attributed sentence.
        assert_eq!(found("Ruiz criticised the plan, calling for a budget \"that pays for the roads we already have.\"\n"), 0);
        // A title.
        assert_eq!(
            found("The theatre will stage \"Death of a Salesman Revisited Again\" in June.\n"),
            0
        );
        // The speaker closes the previous paragraph.
        assert_eq!(found("\"We were not told about the closure,\" one parent wrote.\n\n\"Nobody at the council ever asked us what we needed.\"\n"), 0);
        // Narration, then a fresh quotation: no speaker.
        assert_eq!(found("The school closed in June.\n\n\"Nobody at the council ever asked us what we needed.\"\n"), 1);
    }
}
