//! The `attribution/` family: "who says so?" for every sentence in the writer's own voice.
//!
//! - `unattributed-claim`: a claim of a kind that needs a source (casualty, damage and crowd
//!   figures, statistics, predictions, control of territory, accusations, what others intend or
//!   believe, characterisations) with no attribution in its sentence or paragraph.
//! - `vague-source`: weasel attribution ("are said to", "critics say", "reportedly").
//! - `anonymous-source`: unnamed sources, on the AP ladder (bare "a source" worst; a described
//!   source with no reason for anonymity next).
//! - `unattributed-quote`: a direct quotation with no speaker.
//!
//! The same pass fills the source audit ([`crate::report::Source`]) that `copydesk sources`,
//! the outline and the code lens show.
//!
//! Design: closed-class word lists and a handful of patterns compiled once, run over the masked
//! prose of the whole document; no part-of-speech tagger (see `words.rs`).

pub mod claims;
pub mod cues;
pub mod lists;
pub mod prefilter;
pub mod words;

use crate::config::AttributionScope;
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::report::{Source, SourceKind};
use crate::rules::{Context, Report};
use crate::rules::{Family, FixAvailability, Level, Rule};
use cues::{AnonLevel, Cue, NpKind};
use lists::{expand, has, slot, Slots, CUES, GRAMMAR, SOURCES, VAGUE};
use regex::Regex;
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

pub static ANONYMOUS_SOURCE: Rule = Rule {
    id: "attribution/anonymous-source",
    family: Family::Attribution,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "An unnamed source with no description or no reason for anonymity",
    explanation: "Anonymous sources are the weakest sourcing there is. AP allows them only for essential information that cannot be had on the record from a source in a position to know, and requires the copy to describe the source as precisely as possible and to say why anonymity was granted. A bare \"a source\" or \"sources\" is the worst case; \"an official\" or \"two authorities\" with no agency or rank is next; a described source (\"a senior State Department official\") with no stated reason is the mildest. Reuters adds: never write \"sources\" for one source.",
    bad: "A source said the minister would resign.",
    good: "A senior government official, who spoke on condition of anonymity because the decision had not been announced, said the minister would resign.",
    context: "",
    source: "AP Stylebook, 'anonymous sources' (2005); Reuters Handbook, 'sourcing'; BBC Editorial Guidelines, 'anonymity'",
};

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

pub static RULES: &[&Rule] = &[
    &UNATTRIBUTED_CLAIM,
    &VAGUE_SOURCE,
    &ANONYMOUS_SOURCE,
    &UNATTRIBUTED_QUOTE,
];

/// The depth-0 quotations of a document, for fast "is this offset quoted?" look-ups.
pub struct QuoteMask {
    spans: Vec<Span>,
}

impl QuoteMask {
    pub fn new(doc: &Document) -> Self {
        let mut spans: Vec<Span> = doc
            .quotes
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| q.span)
            .collect();
        spans.sort_by_key(|s| s.start);
        QuoteMask { spans }
    }
    pub fn contains(&self, off: usize) -> bool {
        let i = self.spans.partition_point(|s| s.end <= off);
        self.spans.get(i).is_some_and(|s| s.start <= off)
    }
    /// The last quotation that opens before `off`.
    pub fn last_starting_before(&self, off: usize) -> Option<Span> {
        let i = self.spans.partition_point(|s| s.start < off);
        i.checked_sub(1).map(|i| self.spans[i])
    }
    pub fn overlaps(&self, span: Span) -> bool {
        let i = self.spans.partition_point(|s| s.end <= span.start);
        self.spans.get(i).is_some_and(|s| s.start < span.end)
    }
}

/// Passive hearsay with no agent: "are said to", "is believed to", "was reported to".
static VAGUE_PASSIVE_T: &str = r"(?i)(?-u:\b){be}\s+(?:{hedges}\s+)?(?P<v>{verbs})\s+to(?-u:\b)";

/// "is widely seen as": judged by whom?
static VAGUE_WIDELY_T: &str = r"(?i)(?-u:\b){be}\s+{widely}\s+{seen}\s+{as_to}(?-u:\b)
    |(?-u:\b){have}\s+been\s+(?:{often}\s+)?{described}\s+as(?-u:\b)
    |(?-u:\b){be_simple}\s+{often_simple}\s+{described_simple}(?-u:\b)
    |(?-u:\b){emerged}(?-u:\b)
    |(?-u:\b)there\s+{there_be}\s+(?:{growing}\s+)?{fears}\s+{that_of}(?-u:\b)";

/// "It is understood (that)", "it has been reported".
static VAGUE_IT_T: &str = r"(?-u:\b)[Ii]t\s+{be}\s+(?:{hedges}\s+)?{verbs}(?-u:\b)";

static VAGUE_ADVERB_T: &str = r"(?i)(?-u:\b){adverbs}(?-u:\b)";

/// A weasel group as the subject of a saying or believing verb: "critics argue", "many analysts have
/// questioned", "some experts believe".
static VAGUE_SUBJECT_T: &str = r"(?i)(?-u:\b)(?P<source_np>(?:{quantifiers}\s+)?(?:{weasel_groups}|{quantified_groups}))
    (?:\s+of\s+(?:the\s+)?{W}(?:\s+{W})?)?\s+(?:{aux}\s+){0,2}(?P<v>{verbs})(?-u:\b)";

/// "Many believe", "some say": a bare quantifier as the holder of an opinion.
static VAGUE_QUANT_T: &str =
    r"(?i)(?-u:\b)(?P<source_np>{quantifiers})\s+(?:{aux}\s+)?(?:{verbs})(?-u:\b)";

/// "polls show" with no poll named.
static VAGUE_DOCS_T: &str =
    r"(?i)(?-u:\b)(?P<source_np>(?:{mods}\s+)?{docs})\s+(?:{aux}\s+){0,2}{verbs}(?-u:\b)";

/// Words that introduce a quoted title, slogan or sign rather than speech (run on lower case).
static TITLE_LEAD_T: &str = r"(?-u:\b){words}(?-u:\b)[^.!?]{0,40}$";

fn vague_pattern(template: &str, table: &Slots) -> Regex {
    Regex::new(&expand(template, &[table, &lists::source_slots()]))
        .unwrap_or_else(|e| panic!("vague pattern: {e}"))
}

static VAGUE_PASSIVE: LazyLock<Regex> =
    LazyLock::new(|| vague_pattern(VAGUE_PASSIVE_T, &VAGUE.passive));
static VAGUE_WIDELY: LazyLock<Regex> =
    LazyLock::new(|| vague_pattern(VAGUE_WIDELY_T, &VAGUE.widely));
static VAGUE_IT: LazyLock<Regex> = LazyLock::new(|| vague_pattern(VAGUE_IT_T, &VAGUE.it));
static VAGUE_ADVERB: LazyLock<Regex> =
    LazyLock::new(|| vague_pattern(VAGUE_ADVERB_T, &VAGUE.adverbs));
static VAGUE_SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| vague_pattern(VAGUE_SUBJECT_T, &VAGUE.subject));
static VAGUE_QUANT: LazyLock<Regex> = LazyLock::new(|| vague_pattern(VAGUE_QUANT_T, &VAGUE.quant));
static VAGUE_DOCS: LazyLock<Regex> = LazyLock::new(|| vague_pattern(VAGUE_DOCS_T, &VAGUE.docs));
static TITLE_LEAD: LazyLock<Regex> =
    LazyLock::new(|| vague_pattern(TITLE_LEAD_T, &VAGUE.title_lead));

/// One prefilter for the claim patterns (bits 0-8, in [`claims::patterns`] order) and the
/// vague-source patterns (bits 9-15, in the order `vague_findings` uses).
static PREFILTER: LazyLock<prefilter::Prefilter> = LazyLock::new(|| {
    let mut pats: Vec<&'static Regex> = claims::patterns().to_vec();
    pats.extend([
        &*VAGUE_PASSIVE,
        &*VAGUE_IT,
        &*VAGUE_WIDELY,
        &*VAGUE_ADVERB,
        &*VAGUE_SUBJECT,
        &*VAGUE_DOCS,
        &*VAGUE_QUANT,
    ]);
    prefilter::Prefilter::new(&pats)
});
const VAGUE_BIT: u32 = 9;

/// The matches of `re` inside `span` of `prose`, with offsets into `prose` (the text before the
/// span still counts for word boundaries).
fn caps_in<'h>(
    re: &'static Regex,
    prose: &'h str,
    span: Span,
) -> impl Iterator<Item = regex::Captures<'h>> + 'h {
    let hay = &prose[..span.end];
    let mut at = span.start;
    std::iter::from_fn(move || {
        if at >= hay.len() {
            return None;
        }
        let c = re.captures_at(hay, at)?;
        let m = c.get(0)?;
        at = if m.end() > m.start() {
            m.end()
        } else {
            m.end() + hay[m.end()..].chars().next().map_or(1, char::len_utf8)
        };
        Some(c)
    })
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:1[89]\d\d|20\d\d)(?-u:\b)").expect("year pattern: 4 digits")
});

/// Whether a sentence names a year before the story's own (or any year when the story is undated).
fn mentions_past_year(sentence: &str, this_year: Option<i16>) -> bool {
    YEAR.find_iter(sentence)
        .filter_map(|m| m.as_str().parse::<i16>().ok())
        .any(|y| this_year.is_none_or(|t| y < t))
}

pub fn check(cx: &Context, report: &mut Report) {
    let doc = cx.doc;
    if doc.sentences.is_empty() {
        return;
    }
    let quotes = QuoteMask::new(doc);
    let cues = cues::find(doc, &quotes);
    let scope = cx.config.attribution_scope;

    let mut sent_attr = vec![false; doc.sentences.len()];
    let mut para_attr = vec![false; doc.paragraphs.len()];
    let mut para_speaker = vec![false; doc.paragraphs.len()];
    for c in &cues {
        para_speaker[c.paragraph] = true;
        if c.kind.attributes() {
            sent_attr[c.sentence] = true;
            para_attr[c.paragraph] = true;
        }
    }
    let covered = |si: usize| -> bool {
        let p = doc.sentences[si].paragraph;
        match scope {
            AttributionScope::Sentence => sent_attr[si],
            AttributionScope::Paragraph => para_attr[p],
        }
    };

    let mut sourcing_flagged = vec![false; doc.sentences.len()];
    let mut marked: Vec<Span> = Vec::new();
    let spans: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
    let masks = PREFILTER.masks(&doc.prose, &spans);
    vague_findings(
        doc,
        &masks,
        &quotes,
        &cues,
        &sent_attr,
        &para_attr,
        report,
        &mut sourcing_flagged,
        &mut marked,
    );
    anonymous_findings(doc, &cues, report, &mut sourcing_flagged, &mut marked);

    // Unattributed claims.
    let gates = claims::Gates::from_masks(masks);
    for (si, s) in doc.sentences.iter().enumerate() {
        if doc.paragraphs[s.paragraph].headline || covered(si) || sourcing_flagged[si] {
            continue;
        }
        let Some((class, _)) = gates.detect(&doc.prose, si, s.span, |off| {
            quotes.contains(s.span.start + off)
        }) else {
            continue;
        };
        // "the 2010 earthquake, which killed more than 200,000 people": history is background.
        if matches!(
            class,
            claims::ClaimClass::Casualty
                | claims::ClaimClass::Damage
                | claims::ClaimClass::Crowd
                | claims::ClaimClass::Territory
                | claims::ClaimClass::Characterisation
        ) && mentions_past_year(doc.prose_of(s.span), doc.dateline.map(|d| d.date.year()))
        {
            continue;
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

    // Unattributed quotations.
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
        // Slogans, signs, titles and chants are quoted without a speaker.
        let sent_start = doc
            .sentence_at(q.span.start)
            .map_or(q.span.start, |(_, s)| s.span.start);
        let lead_in = doc.prose[sent_start..q.span.start].to_ascii_lowercase();
        if TITLE_LEAD.is_match(&lead_in) {
            continue;
        }
        let mut f = Finding::new(&UNATTRIBUTED_QUOTE, q.span, "Who said this? The quotation has no speaker in its sentence or paragraph, so it reads as the outlet's own words. Name the speaker.");
        if let Some(fix) = quote_fix(doc, q.span) {
            f = f.with_fix(fix);
        }
        report.push(f);
    }

    report.sources.extend(sources(doc, &cues, scope));
}

#[allow(clippy::too_many_arguments)]
fn vague_findings(
    doc: &Document,
    masks: &[u64],
    quotes: &QuoteMask,
    cues: &[Cue],
    sent_attr: &[bool],
    para_attr: &[bool],
    report: &mut Report,
    flagged: &mut [bool],
    marked: &mut Vec<Span>,
) {
    let body = |off: usize| -> Option<usize> {
        let (si, s) = doc.sentence_at(off)?;
        (!doc.paragraphs[s.paragraph].headline && !quotes.contains(off)).then_some(si)
    };
    let mut push = |report: &mut Report,
                    si: usize,
                    span: Span,
                    msg: String,
                    fix: Option<Fix>,
                    marked: &mut Vec<Span>| {
        if marked.iter().any(|m| m.overlaps(span)) {
            return;
        }
        marked.push(span);
        flagged[si] = true;
        let mut f = Finding::new(&VAGUE_SOURCE, span, msg);
        if let Some(fix) = fix {
            f = f.with_fix(fix);
        }
        report.push(f);
    };
    let hits = |bit: u32, re: &'static Regex| {
        doc.sentences
            .iter()
            .enumerate()
            .filter(move |(i, _)| masks[*i] >> (bit + VAGUE_BIT) & 1 == 1)
            .flat_map(move |(_, s)| caps_in(re, &doc.prose, s.span))
    };
    for c in hits(0, &VAGUE_PASSIVE) {
        let m = c.get(0).expect("group 0");
        let Some(si) = body(m.start()) else { continue };
        let v = c.name("v").expect("verb group");
        let vs = v.as_str().to_ascii_lowercase();
        // "is expected to" is only weasel when nobody in the sentence or paragraph is doing the expecting.
        if has(slot(&VAGUE.passive, "sourced_verbs"), &vs)
            && (sent_attr[si] || para_attr[doc.sentences[si].paragraph])
        {
            continue;
        }
        let span = Span::new(m.start(), m.end());
        let phrase = &doc.text[span.range()];
        let fix = Fix::new(
            format!("Name who {vs} it: “{vs} by TK to”"),
            Safety::NeedsInput,
            vec![Edit::insert(v.end(), " by TK")],
        )
        .preferred();
        push(report, si, span, format!("“{phrase}” by whom? The passive hides the source: name who {vs} it, or drop the claim."), Some(fix), marked);
    }
    for m in hits(1, &VAGUE_IT).map(|c| c.get(0).expect("group 0")) {
        let Some(si) = body(m.start()) else { continue };
        let span = Span::new(m.start(), m.end());
        let phrase = &doc.text[span.range()];
        let cap = doc.text[span.range()].starts_with('I');
        let fix = Fix::new(
            "Name the source: “TK said”",
            Safety::NeedsInput,
            vec![Edit::replace(span, if cap { "TK said" } else { "TK said" })],
        )
        .preferred();
        push(
            report,
            si,
            span,
            format!("“{phrase}” by whom? Say who told the reporter, or drop the claim."),
            Some(fix),
            marked,
        );
    }
    for m in hits(2, &VAGUE_WIDELY).map(|c| c.get(0).expect("group 0")) {
        let Some(si) = body(m.start()) else { continue };
        if sent_attr[si] {
            continue;
        }
        let span = Span::new(m.start(), m.end());
        let phrase = &doc.text[span.range()];
        push(
            report,
            si,
            span,
            format!("“{phrase}” by whom? Say who sees it that way, or drop the judgement."),
            None,
            marked,
        );
    }
    for m in hits(3, &VAGUE_ADVERB).map(|c| c.get(0).expect("group 0")) {
        let Some(si) = body(m.start()) else { continue };
        // "allegedly", "reportedly" next to a source in the same sentence is attributed.
        if sent_attr[si] {
            continue;
        }
        let span = Span::new(m.start(), m.end());
        let word = doc.text[span.range()].to_ascii_lowercase();
        let sent = doc.sentences[si].span;
        let mut edits = Vec::new();
        // Remove the adverb with one neighbouring space, and attribute the sentence instead.
        let after = &doc.text[span.end..];
        let del = if after.starts_with(' ') {
            Span::new(span.start, span.end + 1)
        } else if doc.text[..span.start].ends_with(' ') {
            Span::new(span.start - 1, span.end)
        } else {
            span
        };
        edits.push(Edit::replace(del, ""));
        let fix = match end_stop(doc, sent) {
            Some(at) if at > del.end => {
                edits.push(Edit::insert(at, ", according to TK"));
                Some(
                    Fix::new(
                        "Replace with “…, according to TK.”",
                        Safety::NeedsInput,
                        edits,
                    )
                    .preferred(),
                )
            }
            _ => None,
        };
        push(
            report,
            si,
            span,
            format!("“{word}” by whom? Name who reported or alleges it."),
            fix,
            marked,
        );
    }
    for (bit, re) in [(4, &*VAGUE_SUBJECT), (5, &*VAGUE_DOCS), (6, &*VAGUE_QUANT)] {
        for c in hits(bit, re) {
            let np = c.name("source_np").expect("source group");
            let Some(si) = body(np.start()) else { continue };
            let text = np.as_str();
            let ws = words::words(text);
            let quantified = ws.len() > 1;
            let head = ws.last().map_or("", |w| w.text);
            let is_docs = std::ptr::eq(re, &*VAGUE_DOCS);
            let is_quant = std::ptr::eq(re, &*VAGUE_QUANT);
            // A bare professional group speaking in the generic present ("analysts say",
            // "scientists warn") names nobody; "analysts said" on an occasion is a described source.
            let src = &*SOURCES;
            let generic_present = c.name("v").is_some_and(|v| {
                let v = v.as_str();
                !v.to_ascii_lowercase().ends_with("ed")
                    && !has(slot(&VAGUE.subject, "irregular_past"), v)
            }) && has(&src.generic_present_groups, head)
                && !text.contains(' ');
            if !is_docs
                && !is_quant
                && !quantified
                && !has(&src.weasel_groups, head)
                && !generic_present
            {
                continue;
            }
            // Must open its clause: "critics argue", "but many analysts", not "the critics' union".
            let before = doc.prose[doc.sentences[si].span.start..np.start()].trim_end();
            let prev = before
                .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                .next()
                .unwrap_or("");
            let clause_open = before.is_empty()
                || before.ends_with([',', ';', ':', '—', '–', '(', '“', '\u{22}'])
                || has(&GRAMMAR.clause_openers, prev);
            // "to" opens a clause only as "according to".
            let according = CUES.according.iter().any(|a| {
                before
                    .to_ascii_lowercase()
                    .ends_with(a.to_ascii_lowercase().as_str())
            });
            if !clause_open || (has(&GRAMMAR.to, prev) && !according) {
                continue;
            }
            let span = Span::new(np.start(), np.end());
            let fix = if is_docs {
                Fix::new(
                    "Name the source: “… by TK”",
                    Safety::NeedsInput,
                    vec![Edit::insert(span.end, " by TK")],
                )
            } else {
                Fix::new(
                    "Name them: “…, including TK,”",
                    Safety::NeedsInput,
                    vec![Edit::insert(span.end, ", including TK,")],
                )
            }
            .preferred();
            let phrase = &doc.text[span.range()];
            push(report, si, span, format!("“{phrase}”: which ones? Weasel attribution names nobody; name them or cut the claim."), Some(fix), marked);
        }
    }
    // Cue subjects classified as vague ("according to many analysts", "said some experts").
    for c in cues {
        if c.kind != NpKind::Vague {
            continue;
        }
        let Some(head) = c.head else { continue };
        let phrase = &doc.text[head.range()];
        let fix = Fix::new(
            "Name them: “…, including TK,”",
            Safety::NeedsInput,
            vec![Edit::insert(
                head.end,
                if doc.text[head.end..].starts_with(',') {
                    ", including TK"
                } else {
                    ", including TK,"
                },
            )],
        )
        .preferred();
        push(report, c.sentence, head, format!("“{phrase}”: which ones? Weasel attribution names nobody; name them or cut the claim."), Some(fix), marked);
    }
}

fn anonymous_findings(
    doc: &Document,
    cues: &[Cue],
    report: &mut Report,
    flagged: &mut [bool],
    marked: &mut Vec<Span>,
) {
    for c in cues {
        let NpKind::Anon(level) = c.kind else {
            continue;
        };
        let (Some(head), Some(np)) = (c.head, c.np) else {
            continue;
        };
        if marked.iter().any(|m| m.overlaps(head)) {
            continue;
        }
        if cues::reason_near(doc, c.sentence) {
            continue;
        }
        let phrase = &doc.text[head.range()];
        let hw = words::words(phrase);
        let spokes = hw
            .last()
            .is_some_and(|w| has(&SOURCES.spokespeople, w.text));
        let group = hw.len() == 1 && has(&SOURCES.bare_groups, hw[0].text);
        if spokes && speaks_for_subject(doc, cues, c) {
            continue;
        }
        // "Officials said" after the paragraph has named whose officials: described by context.
        if group
            && cues.iter().any(|o| {
                o.paragraph == c.paragraph
                    && o.sentence < c.sentence
                    && matches!(o.kind, NpKind::Named | NpKind::Described)
            })
        {
            continue;
        }
        let (severity, msg) = match level {
            AnonLevel::Unspecific if group => (Severity::Info, format!("“{phrase}”: whose? Say which government, agency or body, and why they were not named.")),
            // Reuters' "never write sources for one source" only where the copy says "sources".
            AnonLevel::Bare if phrase.to_lowercase().ends_with("sources") => (Severity::Warning, format!("“{phrase}”: anonymous sources with no description. Say who they are (agency, rank, how they know) and why anonymity was granted. One source is never “sources”.")),
            AnonLevel::Bare => (Severity::Warning, format!("“{phrase}”: an anonymous source with no description. Say who the source is (agency, rank, how they know) and why anonymity was granted.")),
            AnonLevel::Unspecific => (Severity::Warning, format!("“{phrase}”: which? Give the source's agency or rank, and why anonymity was granted.")),
            AnonLevel::Described => (Severity::Hint, format!("“{phrase}”: the copy does not say why this source was granted anonymity.")),
        };
        marked.push(head);
        flagged[c.sentence] = true;
        // Insert the reason after the whole source phrase, minding a comma already there.
        let np_end = np.end.max(head.end);
        let next_comma = doc.text[np_end..].starts_with(',');
        let reason = if next_comma {
            ", who spoke on condition of anonymity because TK"
        } else {
            ", who spoke on condition of anonymity because TK,"
        };
        let mut f = Finding::new(&ANONYMOUS_SOURCE, head, msg).with_severity(severity);
        f = f.with_fix(
            Fix::new(
                "Add the reason for anonymity",
                Safety::NeedsInput,
                vec![Edit::insert(np_end, reason)],
            )
            .preferred(),
        );
        let cap = phrase.starts_with(char::is_uppercase);
        f = f.with_fix(Fix::new(
            "Name the source",
            Safety::NeedsInput,
            vec![Edit::replace(head, if cap { "TK" } else { "TK" })],
        ));
        report.push(f);
    }
}

/// "The airline expects ..., a spokesperson said", "The union said ... . A spokesman added ...": a
/// spokesperson of the organisation the sentence (or the one before it) is about is an
/// on-the-record, described source.
fn speaks_for_subject(doc: &Document, cues: &[Cue], c: &Cue) -> bool {
    let sent = doc.sentences[c.sentence].span;
    let Some(np) = c.np else { return false };
    let before = &doc.prose[sent.start..np.start];
    let first = words::words(before).into_iter().next();
    if let Some(w) = first {
        let named = w.text.starts_with(char::is_uppercase) && !has(&GRAMMAR.not_names, w.text);
        if named && before.trim_end().ends_with([',', '”', '\u{22}']) {
            return true;
        }
    }
    // At the head of its sentence: the organisation must be the source of the sentence before.
    c.sentence > 0
        && doc.sentences[c.sentence - 1].paragraph == c.paragraph
        && cues.iter().any(|o| {
            o.sentence == c.sentence - 1
                && matches!(o.kind, NpKind::Named | NpKind::Described)
                && o.head.is_some_and(|h| cues_is_org(&doc.text[h.range()]))
        })
}

fn cues_is_org(name: &str) -> bool {
    looks_like_org(name)
        || name.split_whitespace().count() > 1 && name.starts_with(char::is_uppercase)
}

/// The byte offset of a sentence's final full stop when it ends in plain prose (not inside a quotation).
fn end_stop(doc: &Document, sent: Span) -> Option<usize> {
    let t = doc.text.get(sent.range())?.trim_end();
    t.ends_with('.')
        .then(|| sent.start + t.len() - 1)
        .filter(|&at| {
            // Not the period of an abbreviation run like "U.S." at the very end? Still a fine place.
            !doc.text[..at].ends_with(['”', '\u{22}', '’'])
        })
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

fn key_of(name: &str) -> String {
    let l = name.trim().to_lowercase();
    let l = l.strip_prefix("the ").unwrap_or(&l).to_string();
    l.replace("’s", "").replace("'s", "")
}

/// The source audit: every source the copy cites, in order of first mention, with the sentences
/// each one covers.
fn sources(doc: &Document, cues: &[Cue], scope: AttributionScope) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut last: Option<usize> = None;
    let mut order: Vec<usize> = Vec::new();
    // Sentences with their own attribution, to end a cue's coverage at the next one.
    let mut has_cue = vec![false; doc.sentences.len()];
    for c in cues {
        if c.kind.attributes() {
            has_cue[c.sentence] = true;
        }
    }
    let covers_of = |si: usize| -> Vec<Span> {
        let mut v = vec![doc.sentences[si].span];
        if scope == AttributionScope::Paragraph {
            let p = doc.sentences[si].paragraph;
            let mut j = si + 1;
            while j < doc.sentences.len() && doc.sentences[j].paragraph == p && !has_cue[j] {
                v.push(doc.sentences[j].span);
                j += 1;
            }
        }
        v
    };
    let add = |out: &mut Vec<Source>,
               keys: &mut Vec<String>,
               name: &str,
               kind: SourceKind,
               mention: Span,
               covers: Vec<Span>|
     -> usize {
        let key = key_of(name);
        let head_noun = key.rsplit(' ').next().unwrap_or("").to_string();
        let found = keys.iter().position(|k| *k == key).or_else(|| {
            // "the ministry" after "Burkina Faso's defence ministry": the same source.
            // "Pellerin" after "Joan Pellerin": the same person.
            (!key.contains(' '))
                .then(|| {
                    keys.iter().rposition(|k| {
                        k.rsplit(' ').next() == Some(head_noun.as_str()) && k.contains(' ')
                    })
                })
                .flatten()
        });
        let i = match found {
            Some(i) => i,
            None => {
                out.push(Source {
                    name: name.trim().to_string(),
                    kind,
                    mentions: Vec::new(),
                    covers: Vec::new(),
                });
                keys.push(key);
                out.len() - 1
            }
        };
        let s = &mut out[i];
        if !s.mentions.contains(&mention) {
            s.mentions.push(mention);
        }
        for c in covers {
            if !s.covers.contains(&c) {
                s.covers.push(c);
            }
        }
        i
    };
    for c in cues {
        let covers = covers_of(c.sentence);
        let outlets = |out: &mut Vec<Source>, keys: &mut Vec<String>| {
            for o in &c.outlets {
                add(
                    out,
                    keys,
                    &doc.text[o.range()],
                    SourceKind::Named,
                    *o,
                    covers.clone(),
                );
            }
        };
        let Some(head) = c.head else {
            outlets(&mut out, &mut keys);
            continue;
        };
        let name = &doc.text[head.range()];
        let kind = match c.kind {
            NpKind::Named => SourceKind::Named,
            NpKind::Described => SourceKind::Described,
            NpKind::Anon(_) => SourceKind::Anonymous,
            NpKind::Pronoun => {
                let pron = name.to_ascii_lowercase();
                let want_org = if has(&SOURCES.org_pronouns, &pron) {
                    Some(true)
                } else if has(&SOURCES.person_pronouns, &pron) {
                    Some(false)
                } else {
                    None
                };
                let pick = match want_org {
                    Some(org) => order.iter().rev().copied().find(|&i| {
                        looks_like_org(&out[i].name) == org
                            && (org || out[i].kind != SourceKind::Described)
                    }),
                    None => last,
                };
                if let Some(i) = pick.or(last) {
                    let s = &mut out[i];
                    s.mentions.push(head);
                    for cv in &covers {
                        if !s.covers.contains(cv) {
                            s.covers.push(*cv);
                        }
                    }
                }
                outlets(&mut out, &mut keys);
                continue;
            }
            _ => {
                outlets(&mut out, &mut keys);
                continue;
            }
        };
        let i = add(&mut out, &mut keys, name, kind, head, covers.clone());
        last = Some(i);
        order.push(i);
        outlets(&mut out, &mut keys);
    }
    out
}

#[cfg(test)]
mod tests;

/// Whether a source name reads as an organisation ("it said") rather than a person ("she said").
fn looks_like_org(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| has(&SOURCES.org_words, w))
}

/// Counts for the source audit's one-line summary (code lens, `copydesk sources`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct AuditCounts {
    pub named: usize,
    pub described: usize,
    pub anonymous: usize,
    pub unattributed_claims: usize,
    pub vague: usize,
    pub unattributed_quotes: usize,
}

impl AuditCounts {
    pub fn of(sources: &[Source], findings: &[Finding]) -> Self {
        let mut c = AuditCounts::default();
        for s in sources {
            match s.kind {
                SourceKind::Named => c.named += 1,
                SourceKind::Described => c.described += 1,
                SourceKind::Anonymous => c.anonymous += 1,
            }
        }
        for f in findings {
            match f.rule {
                "attribution/unattributed-claim" => c.unattributed_claims += 1,
                "attribution/vague-source" => c.vague += 1,
                "attribution/unattributed-quote" => c.unattributed_quotes += 1,
                _ => {}
            }
        }
        c
    }

    /// "4 named sources, 1 described, 2 anonymous; 3 unattributed claims"
    pub fn summary(&self) -> String {
        fn n(k: usize, one: &str, many: &str) -> String {
            format!("{k} {}", if k == 1 { one } else { many })
        }
        let mut s = format!(
            "{}, {} described, {} anonymous",
            n(self.named, "named source", "named sources"),
            self.described,
            self.anonymous
        );
        let mut problems = Vec::new();
        if self.unattributed_claims > 0 {
            problems.push(n(
                self.unattributed_claims,
                "unattributed claim",
                "unattributed claims",
            ));
        }
        if self.vague > 0 {
            problems.push(n(self.vague, "vague attribution", "vague attributions"));
        }
        if self.unattributed_quotes > 0 {
            problems.push(n(
                self.unattributed_quotes,
                "quote without a speaker",
                "quotes without a speaker",
            ));
        }
        if !problems.is_empty() {
            s.push_str("; ");
            s.push_str(&problems.join(", "));
        }
        s
    }
}
