//! `attribution/unattributed-claim`: a claim of a kind that needs a source, with none in its
//! sentence or paragraph. What counts as such a claim is `claims.rs` (vocabulary in
//! `data/attribution/claims.toml`); what counts as a source is the shared facts.

use super::facts::{end_stop, Attribution};
use super::lists::{has, slot, CLAIMS, GRAMMAR};
use super::{claims, cues};
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::narrow::{self, Tiered};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
use std::sync::LazyLock;

pub static UNATTRIBUTED_CLAIM: Rule = Rule {
    id: "attribution/unattributed-claim",
    family: Family::Attribution,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "A claim that needs a source has none in its sentence or paragraph",
    explanation: "A copy editor's first question is \"who says so?\". Casualty, damage and crowd figures, statistics, predictions, accusations, claims about who controls territory and statements about what other people intend, fear or believe are things the reporter did not see for themselves, so the reader must be told where they come from. Attribution may come before or after the claim, and under wire practice one attribution covers the rest of its paragraph; a new paragraph with a new claim needs its own. The outlet's own observations and public record (a score, a share move, a verdict, a vote count, the weather, a scheduled event) need no source.",
    bad: "More than 40 people were killed in the fighting.",
    good: "More than 40 people were killed in the fighting, the provincial health office said.",
    context: "",
    source: "AP Stylebook, 'attribution'; Reuters Handbook of Journalism, 'sourcing'; BBC Editorial Guidelines 3.2.3",
};

pub struct UnattributedClaim;

pub(super) static YEAR: LazyLock<Tiered> =
    LazyLock::new(|| narrow::regex(super::patterns::YEAR_T.to_string()));

/// Whether a sentence names a year before the story's own (or any year when the story is undated).
fn mentions_past_year(sentence: &str, this_year: Option<i16>) -> bool {
    YEAR.find_iter(sentence)
        .filter_map(|m| m.as_str().parse::<i16>().ok())
        .any(|y| this_year.is_none_or(|t| y < t))
}

/// Whether a sentence dates its event to the past without a year ("three years ago", "last
/// year").
fn mentions_past_marker(sentence: &str) -> bool {
    let l = sentence.to_ascii_lowercase();
    GRAMMAR.past_markers.iter().any(|m| {
        l.match_indices(m.as_str()).any(|(i, _)| {
            let end = i + m.len();
            (i == 0 || !l.as_bytes()[i - 1].is_ascii_alphanumeric())
                && l.as_bytes()
                    .get(end)
                    .is_none_or(|b| !b.is_ascii_alphanumeric())
        })
    })
}

/// Whether a sentence dates its event before the story's own day: a month before the dateline's
/// ("on Aug. 7" in a September story, "in early December" in a January one), or the dateline's
/// month with an earlier day. Recaps of earlier events are background, sourced when first reported.
fn mentions_earlier_date(sentence: &str, dateline: Option<jiff::civil::Date>) -> bool {
    let Some(d) = dateline else { return false };
    let (cur_m, cur_d) = (i32::from(d.month()), i32::from(d.day()));
    let ws = super::words::words(sentence);
    ws.iter().enumerate().any(|(i, w)| {
        if !super::words::starts_upper(w.text) || i == 0 {
            return false;
        }
        let Some(m) = crate::document::dateline::CALENDAR.months.index_of(w.text) else {
            return false;
        };
        let m = m as i32 + 1;
        let day = ws
            .get(i + 1)
            .and_then(|x| {
                x.text
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .parse::<i32>()
                    .ok()
            })
            .filter(|n| (1..=31).contains(n));
        m < cur_m || m - cur_m >= 9 || m == cur_m && day.is_some_and(|n| n < cur_d)
    })
}

impl Check for UnattributedClaim {
    fn rule(&self) -> &'static Rule {
        &UNATTRIBUTED_CLAIM
    }

    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<Attribution>();
        facts.give_sources(cx, report);
        let doc = cx.doc;
        let quotes = &facts.quotes;
        let sourcing_flagged = &facts.sourcing_flagged;
        let covered = |si: usize| facts.covered(doc, si);
        let gates = claims::Gates::new(&facts.masks, &super::facts::PREFILTER);
        // (paragraph, next sentence to read, a past date seen) for recaps.
        let mut recap = (usize::MAX, 0, false);
        for (si, s) in doc.sentences.iter().enumerate() {
            // A reader's letter or comment, or a paid notice, is not the newsroom's claim.
            if doc.paragraphs[s.paragraph].headline
                || doc.is_contribution(s.span.start)
                || covered(si)
                || sourcing_flagged[si]
                || super::facts::title_case(doc, si)
            {
                continue;
            }
            let Some((class, at)) = gates.detect(&doc.prose, si, s.span, |off| {
                quotes.contains(s.span.start + off)
            }) else {
                continue;
            };
            // On a signed opinion page a forecast, a characterisation, an imputed motive or a
            // reading of minds is the columnist's own judgement; figures still need a source.
            if facts.opinion
                && matches!(
                    class,
                    claims::ClaimClass::Prediction
                        | claims::ClaimClass::Characterisation
                        | claims::ClaimClass::Accusation
                        | claims::ClaimClass::Intention
                )
            {
                continue;
            }
            // "Her advisers think she can win": the view of a named or described holder.
            // "The couple worried that …", "the governor wants to …": a state of mind held by a
            // named or particular holder is that holder's, as is what it holds.
            if cues::held(doc, si, &facts).is_some_and(|(verb, from)| {
                let at = s.span.start + at;
                at >= from || class == claims::ClaimClass::Intention && at >= verb
            }) {
                continue;
            }
            // "an accusation he made that …", "making the same arguments: …", "the budget
            // office's outlook": the claim is the content of a statement or document the
            // sentence credits.
            if reported_content(doc.prose_of(s.span), at) {
                continue;
            }
            // "Only about 4 in 10 Republican voters want …" after a paragraph citing exit polls:
            // a share of the people polled is the poll's figure.
            if class == claims::ClaimClass::Statistic && poll_share(doc, si, at) {
                continue;
            }
            // A question asks; it states no claim ("So is the mayor lying about the ferry?").
            if doc.prose_of(s.span).trim_end().ends_with('?') {
                continue;
            }
            // "Marek is accused of a massacre": the charge is reported as a charge, all of it.
            let text = doc.prose_of(s.span);
            if REPORTED_CHARGE
                .get(text)
                .find(text)
                .is_some_and(|m| m.start() <= at)
            {
                continue;
            }
            // The paragraph after one that ends on a colon ("She made the following comment:")
            // is the material it introduces.
            if colon_introduced(doc, s.paragraph) {
                continue;
            }
            // "the 2010 earthquake, which killed more than 200,000 people": history is background,
            // and so is the rest of a recap that opens with it ("Of those killed, 11 were ...").
            let historic = matches!(
                class,
                claims::ClaimClass::Casualty
                    | claims::ClaimClass::Damage
                    | claims::ClaimClass::Crowd
                    | claims::ClaimClass::Territory
                    | claims::ClaimClass::Characterisation
            );
            if historic {
                // Read each sentence of the paragraph once, up to this one.
                let p = &doc.paragraphs[s.paragraph];
                if recap.0 != s.paragraph {
                    recap = (s.paragraph, p.sentences.start, false);
                }
                while !recap.2 && recap.1 <= si {
                    let t = doc.prose_of(doc.sentences[recap.1].span);
                    recap.2 = mentions_past_year(t, doc.dateline.map(|d| d.date.year()))
                        || mentions_earlier_date(t, doc.dateline.map(|d| d.date))
                        || mentions_past_marker(t);
                    recap.1 += 1;
                }
                if recap.2 || follows_dated_event(doc, s.paragraph, si) {
                    continue;
                }
            }
            let msg = format!(
            "Who says so? This sentence states {} with no source in its sentence or paragraph. Attribute it, or confirm it is the reporter's own observation or public record.",
            class.describe()
        );
            let mut f = Finding::new(&UNATTRIBUTED_CLAIM, s.span, msg);
            for fix in attribution_fixes(doc, s.span) {
                f = f.with_fix(fix);
            }
            report.push(f);
        }
    }
}

/// "The film covers the 2012 siege of the embassy. \n\n Four guards died in the attack.": a
/// sentence opening its paragraph that refers back to "the attack" when the paragraph before ends
/// on the same event dated to a past year is background to it.
fn follows_dated_event(doc: &Document, p: usize, si: usize) -> bool {
    let para = &doc.paragraphs[p];
    if si != para.sentences.start || p == 0 || doc.paragraphs[p - 1].headline {
        return false;
    }
    let Some(last) = doc.paragraphs[p - 1].sentences.end.checked_sub(1) else {
        return false;
    };
    let year = doc.dateline.map(|d| d.date.year());
    if !mentions_past_year(doc.prose_of(doc.sentences[last].span), year) {
        return false;
    }
    let harms = &GRAMMAR.dated_events;
    let ws = super::words::words(doc.prose_of(doc.sentences[si].span));
    ws.windows(2)
        .any(|w| has(&GRAMMAR.event_dets, w[0].text) && has(harms, w[1].text))
}

/// Whether the statistic at byte `at` of sentence `si` is a share of a population ("about 4 in
/// 10 voters", "62 percent of Democrats") and its paragraph, up to it, or the paragraph before
/// cites a poll or survey. Reads at most 2,000 bytes back (a run-on draft stays linear).
fn poll_share(doc: &Document, si: usize, at: usize) -> bool {
    let s = &doc.sentences[si];
    let text = doc.prose_of(s.span);
    let starts_number = super::words::words(&text[at.min(text.len())..])
        .first()
        .is_some_and(|w| {
            w.text.starts_with(|c: char| c.is_ascii_digit())
                || has(slot(&CLAIMS.shared, "small_numbers"), w.text)
        });
    if !starts_number {
        return false;
    }
    let p = s.paragraph;
    let from = match p.checked_sub(1).map(|q| &doc.paragraphs[q]) {
        Some(prev) if !prev.headline && prev.sentences.start < prev.sentences.end => {
            doc.sentences[prev.sentences.start].span.start
        }
        _ => doc.sentences[doc.paragraphs[p].sentences.start].span.start,
    };
    let end = s.span.end;
    let mut lo = from.max(end.saturating_sub(2000));
    while !doc.prose.is_char_boundary(lo) {
        lo += 1;
    }
    let polls = slot(&CLAIMS.statistic, "poll_words");
    let span = &doc.prose[lo..end];
    // "voters going to the polls" vote; they are not polled.
    super::words::iter(span).any(|w| has(polls, w.text) && !span[..w.start].ends_with("to the "))
}

/// "is accused of", "are suspected in": a charge reported as one (the accusation slots of
/// `data/attribution/claims.toml`).
pub(super) static REPORTED_CHARGE: LazyLock<Tiered> = LazyLock::new(|| {
    super::alternatives::tiered(super::patterns::REPORTED_CHARGE.sources[0].to_string())
});

/// A possessor and its document ("the budget office's 10-year outlook", "its latest survey").
pub(super) static OWNED_DOCUMENT: LazyLock<Tiered> = LazyLock::new(|| {
    super::alternatives::tiered(super::patterns::OWNED_DOCUMENT.sources[0].to_string())
});

/// Whether the claim at byte `at` of `sentence` is the content of something the sentence credits
/// to a source: a statement noun opening a "that" clause before it ("an accusation she made on
/// the floor that …"), a colon after a statement noun ("were making the same arguments: …"), or
/// a document with its owner anywhere in the sentence ("the budget office's outlook").
fn reported_content(sentence: &str, at: usize) -> bool {
    let ws = super::words::words(&sentence[..at.min(sentence.len())]);
    let src = &*super::lists::SOURCES;
    // "investigated departments for allegations of using excessive force": what is alleged.
    let alleged = ws.windows(2).any(|w| {
        has(&src.statement_nouns, w[0].text)
            && w[0].text.ends_with('s')
            && has(&src.group_of, w[1].text)
    });
    let that_clause = ws.iter().enumerate().any(|(i, w)| {
        has(&src.statement_nouns, w.text)
            && ws[i + 1..]
                .iter()
                .take(8)
                .take_while(|x| !sentence[w.end..x.start].contains([',', ';', '.', ':']))
                .position(|x| has(&GRAMMAR.that, x.text))
                .is_some_and(|k| {
                    // "a figure that has doubled": a relative clause, not what the figure says.
                    ws.get(i + 2 + k).is_none_or(|n| {
                        !has(&GRAMMAR.finite, n.text) || has(&GRAMMAR.pronouns, n.text)
                    })
                })
    });
    let colon = sentence[..at.min(sentence.len())]
        .rfind(':')
        .is_some_and(|c| {
            super::words::words(&sentence[..c])
                .last()
                .is_some_and(|w| has(&super::lists::CUES.speech_objects, w.text))
                && sentence[..c].trim_end().len() == sentence[..c].len()
        });
    alleged || that_clause || colon || OWNED_DOCUMENT.is_match(sentence)
}

/// Whether paragraph `p` follows a paragraph whose last sentence ends on a colon, or continues a
/// quotation opened after one.
fn colon_introduced(doc: &Document, p: usize) -> bool {
    let Some(prev) = p.checked_sub(1).and_then(|i| doc.paragraphs.get(i)) else {
        return false;
    };
    if prev.headline {
        return false;
    }
    doc.sentences
        .get(prev.sentences.end.saturating_sub(1))
        .is_some_and(|s| doc.prose_of(s.span).trim_end().ends_with(':'))
}

/// The two placeholder attributions a reporter would type: ", TK said." at the end (preferred) and
/// "According to TK, " at the start.
fn attribution_fixes(doc: &Document, sent: Span) -> Vec<Fix> {
    let mut out = Vec::new();
    if let Some(at) = end_stop(doc, sent) {
        out.push(
            Fix::new(
                "Attribute: “…, TK said.”",
                Safety::NeedsInput,
                vec![Edit::insert(at, ", TK said")],
            )
            .preferred(),
        );
    }
    let text = &doc.text[sent.range()];
    if let Some(first) = text.chars().next() {
        let first_word: &str = text
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let lowered = if has(&GRAMMAR.lowerable, first_word) {
            first.to_lowercase().collect::<String>()
        } else {
            first.to_string()
        };
        let edit = Edit::replace(
            Span::new(sent.start, sent.start + first.len_utf8()),
            format!("According to TK, {lowered}"),
        );
        let fix = Fix::new(
            "Attribute: “According to TK, …”",
            Safety::NeedsInput,
            vec![edit],
        );
        out.push(if out.is_empty() { fix.preferred() } else { fix });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Config};

    fn found(text: &str) -> Vec<&str> {
        analyze(text, &Config::default())
            .findings
            .iter()
            .filter(|f| f.rule == super::UNATTRIBUTED_CLAIM.id)
            .map(|f| text[f.span.range()].trim_end())
            .collect()
    }

    #[test]
    fn a_toll_needs_a_source_in_its_sentence_or_paragraph() {
        let bare = "More than 40 people were killed in the fighting.\n";
        assert_eq!(found(bare), [bare.trim_end()]);
        assert!(found(
            "More than 40 people were killed in the fighting, the health office said.\n"
        )
        .is_empty());
        assert!(found(
            "The health office gave the toll. More than 40 people were killed, it said.\n"
        )
        .is_empty());
    }

    #[test]
    fn a_signed_column_keeps_its_judgements_but_not_its_figures() {
        let column = "The island has argued about a bridge for thirty years.\n\n\
            Cutting the winter ferries will certainly empty the harbour towns.\n\n\
            More than 40 people were killed on the old crossing.\n\n\
            Ana Ruiz is a lecturer in transport history at the island college.\n";
        assert_eq!(
            found(column),
            ["More than 40 people were killed on the old crossing."]
        );
        // The same copy with no contributor note is the newsroom's: the forecast needs a source.
        let news = column.replace(
            "Ana Ruiz is a lecturer in transport history at the island college.",
            "The council meets on Friday.",
        );
        assert_eq!(found(&news).len(), 2);
    }

    #[test]
    fn a_review_keeps_its_judgements_but_not_its_figures() {
        let body = "Cutting the winter ferries will certainly empty the harbour towns.\n\n\
            More than 40 people were killed on the old crossing.\n";
        let review = format!("Book review: The Last Crossing\n\n{body}");
        assert_eq!(
            found(&review),
            ["More than 40 people were killed on the old crossing."]
        );
        let news = format!("The Last Crossing is published\n\n{body}");
        assert_eq!(found(&news).len(), 2);
    }

    #[test]
    fn a_readers_comment_is_not_the_newsrooms_claim() {
        let claim = "Cutting the winter ferries will certainly empty the harbour towns.";
        let page = format!(
            "The ferry company will stop the winter crossings, its owners said.\n\n\
             The council will ask the minister to step in.\n\n\
             What a disgrace! The owners have never cared about us.\n\n\
             I sail my own boat, so it makes no odds to me.\n\n\
             {claim}\n\n\
             My father worked on that ferry for thirty years.\n\n\
             Not again! Every winter the same story.\n\n\
             I think the minister will do nothing.\n\n\
             Hand the route to the council.\n\n\
             Good riddance to a slow old boat.\n"
        );
        assert!(found(&page).is_empty(), "{:?}", found(&page));
        // The same sentence in the newsroom's copy needs a source.
        let news = format!("The ferry company will stop the winter crossings.\n\n{claim}\n");
        assert_eq!(found(&news), [claim]);
    }

    #[test]
    fn history_and_public_record_need_no_source() {
        assert!(
            found("The 1998 flood, which killed more than 200 people, is still remembered.\n")
                .is_empty()
        );
        assert!(found("Shares rose 12 percent to a record on Tuesday.\n").is_empty());
    }
}
