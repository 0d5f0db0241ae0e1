//! `attribution/unattributed-quote`: a direct quotation with no speaker.

use super::facts::Attribution;
use super::lists::{has, CUES, GRAMMAR, SOURCES};
use super::words::{self, starts_upper};
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::narrow::Tiered;
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
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

pub(crate) static TITLE_LEAD: LazyLock<Tiered> = LazyLock::new(|| {
    super::alternatives::tiered(super::patterns::TITLE_LEAD.sources[0].to_string())
});

/// Wording mentioned, not quoted: the lead-in (lower case) ends on one of `mention_leads`.
pub(super) static MENTION_LEAD: LazyLock<Tiered> = LazyLock::new(|| {
    super::alternatives::tiered(super::patterns::MENTION_LEAD.sources[0].to_string())
});

impl Check for UnattributedQuote {
    fn rule(&self) -> &'static Rule {
        &UNATTRIBUTED_QUOTE
    }

    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<Attribution>();
        facts.give_sources(cx, report);
        let doc = cx.doc;
        let mut quotes: Vec<(Span, (usize, usize))> = doc
            .quotes
            .iter()
            // A block quotation (an excerpt, a pull quote) is not asked for a speaker.
            .filter(|q| q.depth == 0 && !q.block)
            .map(|q| (q.span, q.paragraphs))
            .collect();
        quotes.sort_by_key(|q| q.0.start);
        // A paragraph where one quotation is tagged ("“…?” Hannity pressed.") has its speaker for
        // every quotation in it, as a paragraph with a listed saying verb does.
        let mut speaker = facts.para_speaker.clone();
        for &(q, (p0, p1)) in &quotes {
            if doc.paragraphs.get(p0).is_none_or(|p| p.headline) {
                continue;
            }
            if introduced(doc, q, p0, sentence_start(doc, q.start)) {
                for p in p0..=p1.min(speaker.len().saturating_sub(1)) {
                    speaker[p] = true;
                }
            }
        }
        // The previous quotation of the same paragraph and whether it had a speaker.
        let mut prev: Option<(Span, usize, bool)> = None;
        for (q, (p0, p1)) in quotes {
            if doc.paragraphs.get(p0).is_none_or(|p| p.headline) {
                continue;
            }
            // Quotations run together ("“We will rebuild. “Every house.”", the multi-paragraph
            // convention with its paragraph breaks lost) are one speaker's.
            let chained = prev.is_some_and(|(pq, pp, ok)| {
                ok && pp == p0
                    && doc
                        .prose
                        .get(pq.end..q.start)
                        .is_some_and(|t| t.chars().all(|c| !c.is_alphanumeric()))
            });
            let ok = chained || attributed(doc, &facts, &speaker, q, p0, p1);
            prev = Some((q, p1, ok));
            if ok {
                continue;
            }
            let mut f = Finding::new(&UNATTRIBUTED_QUOTE, q, "Who said this? The quotation has no speaker in its sentence or paragraph, so it reads as the outlet's own words. Name the speaker.");
            if let Some(fix) = quote_fix(doc, q) {
                f = f.with_fix(fix);
            }
            report.push(f);
        }
    }
}

/// Where the sentence holding `at` starts.
fn sentence_start(doc: &Document, at: usize) -> usize {
    doc.sentence_at(at).map_or(at, |(_, s)| s.span.start)
}

/// How far back a quotation's lead-in is read: a sentence's worth of words and more. A
/// quotation's speaker, frame or headline stands within it; a "sentence" longer than this is a
/// run of quotations or a list with its full stops lost, and reading all of it again for each
/// of its quotations made a paragraph of short quotations cost the square of its length.
const LEAD_BYTES: usize = 1_000;

/// Where the lead-in of a quotation opening at `q_start` is read from: `from` (the start of
/// its sentence or paragraph), or, when that is more than [`LEAD_BYTES`] back, the first word
/// that starts within that reach (past the first space after it).
fn lead_start(prose: &str, from: usize, q_start: usize) -> usize {
    if q_start - from <= LEAD_BYTES {
        return from;
    }
    let reach = q_start - LEAD_BYTES;
    // By bytes: `reach` may fall inside a character; the byte after a space starts one.
    prose.as_bytes()[reach..q_start]
        .iter()
        .position(|&b| b == b' ')
        .map_or(q_start, |i| reach + i + 1)
}

/// Whether quotation `q` (paragraphs `p0..=p1`) has a speaker or needs none (a title, a label, a
/// partial quotation woven into an attributed sentence).
fn attributed(
    doc: &Document,
    facts: &Attribution,
    speaker: &[bool],
    q: Span,
    p0: usize,
    p1: usize,
) -> bool {
    // A quotation that runs over paragraphs (no closing mark, next paragraph reopens) is one
    // quotation: a speaker in any of its paragraphs covers all of it. A fresh quotation in a
    // new paragraph needs its own speaker, as wire copy gives it.
    if (p0..=p1).any(|p| speaker.get(p).copied().unwrap_or(false)) {
        return true;
    }
    let inner = doc.prose_of(q);
    let ws = words::words(inner);
    // Short quoted phrases are labels, titles or scare quotes (the wording family's business).
    if ws.len() < 4 {
        return true;
    }
    // A partial quotation woven into the writer's sentence ("called for reform “that makes us
    // safer”") is the words of that sentence's subject.
    if inner
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(char::is_lowercase)
    {
        return true;
    }
    // A title ("How the Grinch Stole Christmas", "The Late Show with Ana Ruiz"): every word
    // capitalised but the function words.
    let content: Vec<&str> = ws
        .iter()
        .map(|w| w.text)
        .filter(|w| {
            !has(&GRAMMAR.function_words, w)
                && !has(&GRAMMAR.determiners, w)
                && !(w.len() <= 3 && w.starts_with(char::is_lowercase))
        })
        .collect();
    if content.len() >= 2
        && content
            .iter()
            .all(|w| starts_upper(w) || w.starts_with(|c: char| c.is_ascii_digit()))
    {
        return true;
    }
    // Garbled nesting: straight marks around a passage that holds curly ones ("“…,” Ruiz
    // answered" wrapped again in straight marks) are markup around the writer's narration.
    let outer = doc.text[q.range()].chars().next();
    if outer == Some('\u{22}') && inner.contains(['“', '”']) {
        return true;
    }
    // "“… for the harbour. Councillor Ana Ruiz.”": the speaker's name closes the quotation
    // inside its marks.
    if signed_inside(inner) {
        return true;
    }
    // "“Rates will rise, said Ana Ruiz of the bank. “…”": a tag caught inside marks that were
    // never closed names the paragraph's speaker.
    if tag_inside(doc, q, p0) {
        return true;
    }
    let sent_start = sentence_start(doc, q.start);
    let para_start = doc.paragraphs[p0].span.start;
    let lead = &doc.prose[lead_start(&doc.prose, sent_start.max(para_start), q.start)..q.start];
    let lead_in = lead.to_ascii_lowercase();
    // "In the letter, the Utah Republican asks for an inquiry into whether “…”": the
    // quotation is the content clause of a named subject's request or statement.
    if content_clause_of_named(lead) {
        return true;
    }
    // A quotation named as a thing ("the “90 percent” figure", "describes himself as a “…”").
    if words::last(&lead_in).is_some_and(|w| {
        has(&GRAMMAR.statement_dets, w.text) || has(&GRAMMAR.possessive_dets, w.text)
    }) {
        return true;
    }
    let opens_sentence = lead_in.trim().is_empty();
    // A quotation opening the paragraph after one that closes on its speaker ("..., she
    // wrote."), on a colon ("She put it this way:"), on that speaker's own quotation, or on a
    // sentence about a named person ("He is now selling the rifle.") carries on that speaker.
    let opens_paragraph = doc
        .prose
        .get(para_start..q.start)
        .is_some_and(|t| t.trim().is_empty());
    if opens_paragraph && p0 > 0 {
        let last = doc.paragraphs[p0 - 1].sentences.end.saturating_sub(1);
        let last_text = doc
            .sentences
            .get(last)
            .map_or("", |s| doc.prose_of(s.span).trim_end());
        let ends_colon = last_text.ends_with(':');
        let ends_quoted =
            speaker.get(p0 - 1).copied().unwrap_or(false) && last_text.ends_with(['”', '"', '\'']);
        if ends_colon
            || ends_quoted
            || facts.cues.iter().any(|c| c.sentence == last)
            || person_subject(doc, facts, last)
        {
            return true;
        }
    } else if opens_sentence {
        // A quotation after a sentence about a named person in its own paragraph ("Morrison
        // is seen quizzing an official.") is that person's.
        if let Some((si, _)) = doc.sentence_at(q.start) {
            if si > 0 && doc.sentences[si - 1].paragraph == p0 && person_subject(doc, facts, si - 1)
            {
                return true;
            }
        }
    }
    // Slogans, signs, titles and chants are quoted without a speaker; so is wording mentioned
    // rather than quoted ("rather than “…”", "the line “…”").
    if TITLE_LEAD.is_match(&lead_in) || MENTION_LEAD.is_match(&lead_in) {
        return true;
    }
    introduced(doc, q, p0, sent_start)
}

/// Whether the last sentence inside a quotation is a name line ("S.C. Rep. Ana Ruiz."): two to
/// six words, every one capitalised.
fn signed_inside(inner: &str) -> bool {
    let body = inner
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .trim_end();
    let Some(cut) = body.rfind(". ") else {
        return false;
    };
    let line = &body[cut + 2..];
    let ws = words::words(line);
    (2..=6).contains(&ws.len()) && ws.iter().all(|w| starts_upper(w.text))
}

/// Whether the paragraph of quotation `q` (`p0`) holds an inverted tag ", said Ana Ruiz" near
/// it, inside marks or out: reads at most 600 bytes before the quotation.
fn tag_inside(doc: &Document, q: Span, p0: usize) -> bool {
    let p = &doc.paragraphs[p0];
    let mut from = q.start.saturating_sub(600).max(p.span.start);
    while !doc.prose.is_char_boundary(from) {
        from += 1;
    }
    let mut to = q.end.min(p.span.end);
    while !doc.prose.is_char_boundary(to) {
        to -= 1;
    }
    let t = &doc.prose[from..to.max(from)];
    let ws = words::words(t);
    ws.windows(2).any(|w| {
        has(&CUES.say_forms, w[0].text)
            && t[..w[0].start].trim_end().ends_with(',')
            && starts_upper(w[1].text)
            && !has(&SOURCES.common_subjects, w[1].text)
    })
}

/// Whether a lead-in ends on a content-clause opener ("whether", "that", "if") after a named
/// subject and a verb ("the Utah Republican asks for an inquiry into whether").
fn content_clause_of_named(lead: &str) -> bool {
    let ws = words::words(lead);
    let Some(last) = ws.last() else {
        return false;
    };
    if !has(&GRAMMAR.content_openers, last.text)
        || !lead[last.end..]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '“' | '\u{22}' | ':' | ','))
    {
        return false;
    }
    let head = &ws[..ws.len() - 1];
    let named = head.iter().enumerate().any(|(i, w)| {
        starts_upper(w.text)
            && !(i == 0 && has(&SOURCES.common_subjects, w.text))
            && !has(&GRAMMAR.function_words, w.text)
    });
    let verb = head.iter().any(|w| {
        w.text.starts_with(char::is_lowercase) && (w.text.ends_with('s') || w.text.ends_with("ed"))
    });
    named && verb
}

/// Whether sentence `si` has a person for its subject: a personal pronoun, or a name
/// ("Campbell signalled …", "Her friend Ana Ruiz chimed in.", "Speaking later, Ruiz added …"),
/// a capitalised word that the story also capitalises inside a sentence.
fn person_subject(doc: &Document, facts: &Attribution, si: usize) -> bool {
    let Some(s) = doc.sentences.get(si) else {
        return false;
    };
    let text = doc.prose_of(s.span);
    let mut ws = words::words(text);
    // Past an opening phrase: "Speaking on his plans, Campbell …", "But after the trial, he …".
    if let Some(w0) = ws.first() {
        let opener = w0.text.ends_with("ing")
            || has(&GRAMMAR.function_words, w0.text)
            || has(&GRAMMAR.leading_conj, w0.text);
        if let Some(comma) = text.find(',').filter(|_| opener) {
            if ws.iter().take_while(|w| w.start < comma).count() <= 10 {
                ws.retain(|w| w.start > comma);
            }
        }
    }
    let Some(first) = ws.first() else {
        return false;
    };
    let person_pronoun = |w: &str| {
        has(&GRAMMAR.pronouns, w) && !["it", "you"].iter().any(|x| w.eq_ignore_ascii_case(x))
    };
    if person_pronoun(first.text) {
        return true;
    }
    let possessive_start = has(&GRAMMAR.possessive_dets, first.text);
    for (i, w) in ws.iter().take(4).enumerate() {
        let t = w.text.trim_end_matches("'s").trim_end_matches("’s");
        if i == 0 && possessive_start {
            continue;
        }
        if !starts_upper(t) {
            // "Her friend Ana Ruiz": a plain noun after a possessive may come before the name.
            if possessive_start && i == 1 {
                continue;
            }
            return false;
        }
        if i == 0 {
            // "The …", "Police …", "But …": not a name; "Presumptive nominee Ana Ruiz": a
            // capitalised modifier before one.
            if has(&SOURCES.common_subjects, t) || has(&GRAMMAR.function_words, t) {
                return false;
            }
            if facts.capitalised_inside(doc, t) {
                return true;
            }
            continue;
        }
        return true;
    }
    false
}

/// Whether the copy's own conventions introduce quotation `q` (in paragraph `p0`, sentence
/// from `sent_start`) where no listed saying verb does:
/// - an answer after a question: "The governor? “Solid as a rock.”";
/// - a lead-in ending in a colon: "Ruiz added on Twitter: “…”", "Rep. Ana Ruiz: “…”";
/// - a subject and a verb of manner before a comma: "He went on to say, “…”", "Ruiz boomed, “…”";
/// - a speech tag after it: "“…,” Ruiz gushed.";
/// - a headline or blurb in capitals before it.
fn introduced(doc: &Document, q: Span, p0: usize, sent_start: usize) -> bool {
    let para_start = doc.paragraphs[p0].span.start;
    let para_lead = doc.prose[para_start..q.start].trim_end();
    if para_lead.ends_with('?') {
        return true;
    }
    let lead =
        doc.prose[lead_start(&doc.prose, sent_start.max(para_start), q.start)..q.start].trim_end();
    let lw = words::words(lead);
    // "… platform: “ “Radical …”": stray marks between the colon and the quotation.
    if lead
        .trim_end_matches(['“', '"', '‘', '\'', ' '])
        .ends_with(':')
        && !lw.is_empty()
    {
        return true;
    }
    // A lead-in in title case ("Ruiz Said The Plan “Will Fail.” “…”"): a headline or a
    // list item naming the speaker, its verb capitalised.
    // Read only up to the first longer word in lower case: a story written as one paragraph
    // would otherwise read its paragraph from the start for every quotation in it.
    // A lead-in longer than a sentence's reach is no headline.
    let title_case = (para_lead.len() <= LEAD_BYTES)
        .then(|| {
            words::iter(para_lead)
                .map(|w| w.text)
                .filter(|w| w.len() > 3 && w.starts_with(char::is_alphabetic))
                .try_fold(0, |n, w| starts_upper(w).then_some(n + 1))
        })
        .flatten();
    if title_case.is_some_and(|n| n >= 3) {
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
    // "As the band sang in 1985, “…”": a frame naming who said it.
    if lead.ends_with(',')
        && lw.first().is_some_and(|w| w.text == "As")
        && lw.iter().skip(1).any(|w| starts_upper(w.text))
    {
        return true;
    }
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
    // Capitals right before it: "CITY HALL IN CRISIS “…”", a newsletter's blurb heading.
    let caps = lw
        .iter()
        .rev()
        .map(|w| w.text)
        .filter(|w| w.chars().any(char::is_alphabetic))
        .take_while(|w| !w.chars().any(char::is_lowercase))
        .count();
    let all_words = lw
        .iter()
        .filter(|w| w.text.chars().any(char::is_alphabetic))
        .count();
    if caps >= 2 && (caps == all_words || caps >= 3) {
        return true;
    }
    // A speech tag after the quotation, up to the end of its sentence or a comma. A quotation
    // ending on "?" or "!" ends its sentence for the splitter, but not for the tag after it.
    let asks = doc.prose[..q.end]
        .trim_end_matches(['”', '"', '\'', '’'])
        .ends_with(['?', '!', ',']);
    let sent_end = if asks {
        doc.paragraph_at(q.start)
            .map_or(q.end, |(_, p)| p.span.end)
            .min(q.end + 160)
    } else {
        doc.sentence_at(q.start).map_or(q.end, |(_, s)| s.span.end)
    }
    .max(q.end);
    let mut sent_end = sent_end;
    while !doc.prose.is_char_boundary(sent_end) {
        sent_end -= 1;
    }
    let after = &doc.prose[q.end..sent_end];
    // Up to a comma, a semicolon, a quotation mark or a full stop that is not an abbreviation's
    // ("Ms. Abedin answered").
    let mut cut = after.len();
    for (i, c) in after.char_indices() {
        if matches!(c, ',' | ';' | '“' | '\u{22}') {
            cut = i;
            break;
        }
        if c == '.' {
            let prev = words::last(&after[..i]).map_or("", |w| w.text);
            let title = prev.len() <= 3 && starts_upper(prev) && after[..i].ends_with(prev);
            if !title {
                cut = i;
                break;
            }
        }
    }
    let tail = &after[..cut];
    let tw = words::words(tail);
    // The quotation as the subject of the writer's sentence: "“…” sounds great in Ohio."
    let opens = doc.prose[sent_start.max(doc.paragraphs[p0].span.start)..q.start]
        .trim()
        .is_empty();
    if opens
        && after.starts_with(' ')
        && tw.first().is_some_and(|w| {
            w.start == 1
                && w.text.starts_with(char::is_lowercase)
                && !has(&GRAMMAR.pronouns, w.text)
                && !has(&GRAMMAR.determiners, w.text)
                && (w.text.ends_with('s') || w.text.ends_with("ed"))
        })
    {
        return true;
    }
    if tw.len() >= 2 && after[..tw[0].start].trim().is_empty() {
        // After "?" or "!" a capital may open the next sentence ("“Why?” The council voted."):
        // only a name there is a speaker.
        let subject_named = if asks && starts_upper(tw[0].text) {
            !has(&SOURCES.common_subjects, tw[0].text) && named(1, tw[0].text)
        } else {
            named(1, tw[0].text)
        } || has(&GRAMMAR.determiners, tw[0].text)
            && tw[0].text.starts_with(char::is_lowercase);
        let verb = tw.iter().take(4).skip(1).any(|v| {
            v.text.starts_with(char::is_lowercase)
                && (v.text.ends_with("ed")
                    || v.text.ends_with('s') && !v.text.ends_with("ss")
                    || has(&CUES.verbs, v.text))
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
    fn a_block_quotation_is_not_asked_for_a_speaker() {
        // An excerpt set as a Markdown block, and the same words in marks with no speaker.
        let block = "The ferry report was published on Monday.\n\n> The crossing will close in winter. Nobody will be left behind.\n";
        assert_eq!(found(block), 0);
        let marked = "The ferry report was published on Monday.\n\n\"The crossing will close in winter. Nobody will be left behind.\"\n";
        assert_eq!(found(marked), 1);
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
