//! The weak-source audit, first half: vague and weasel attribution ("are said to", "critics
//! say", "reportedly", "polls show") found once per story. The `vague-source` rule turns these
//! hits into findings; `unattributed-claim` skips sentences holding one (they are already flagged).
//! Vocabulary: `data/attribution/vague.toml` and the group nouns of `sources.toml`.

use super::cues::{Cue, NpKind};
use super::lists::{self, has, slot, Slots, CUES, GRAMMAR, SOURCES, VAGUE};
use super::quotes::QuoteMask;
use super::words;
use crate::document::Document;
use crate::finding::Span;
use super::alternatives::Alternatives;
use super::prefilter::Prefilter;
use std::sync::LazyLock;

/// Passive hearsay with no agent: "are said to", "is believed to", "was reported to".
pub(crate) static VAGUE_PASSIVE_T: &str =
    r"(?i)(?-u:\b){be}\s+(?:{hedges}\s+)?(?P<v>{verbs})\s+to(?-u:\b)";

/// "is widely seen as": judged by whom?
pub(crate) static VAGUE_WIDELY_T: &str = r"(?i)(?-u:\b){be}\s+{widely}\s+{seen}\s+{as_to}(?-u:\b)
    |(?-u:\b){have}\s+been\s+(?:{often}\s+)?{described}\s+as(?-u:\b)
    |(?-u:\b){be_simple}\s+{often_simple}\s+{described_simple}(?-u:\b)
    |(?-u:\b){be_simple}\s+{seen_plain}\s+as(?-u:\b)
    |(?-u:\b){emerged}(?-u:\b)
    |(?-u:\b)there\s+{there_be}\s+(?:{growing}\s+)?{fears}\s+{that_of}(?-u:\b)";

/// "It is understood (that)", "it has been reported".
pub(crate) static VAGUE_IT_T: &str = r"(?-u:\b)[Ii]t\s+{be}\s+(?:{hedges}\s+)?{verbs}(?-u:\b)";

pub(crate) static VAGUE_ADVERB_T: &str = r"(?i)(?-u:\b){adverbs}(?-u:\b)";

/// A weasel group as the subject of a saying or believing verb: "critics argue", "many analysts have
/// questioned", "some experts believe".
pub(crate) static VAGUE_SUBJECT_T: &str = r"(?i)(?-u:\b)(?P<source_np>(?:{quantifiers}\s+)?(?:{weasel_groups}|{quantified_groups}))
    (?:\s+of\s+(?:the\s+)?{W}(?:\s+{W})?)?\s+(?:{aux}\s+){0,2}(?P<v>{verbs})(?-u:\b)";

/// "Many believe", "some say": a bare quantifier as the holder of an opinion.
pub(crate) static VAGUE_QUANT_T: &str =
    r"(?i)(?-u:\b)(?P<source_np>{quantifiers})\s+(?:{aux}\s+)?(?:{verbs})(?-u:\b)";

/// "polls show" with no poll named.
pub(crate) static VAGUE_DOCS_T: &str =
    r"(?i)(?-u:\b)(?P<source_np>(?:{mods}\s+)?{docs})\s+(?:{aux}\s+){0,2}{verbs}(?-u:\b)";

fn vague_pattern(template: &str, table: &Slots) -> Alternatives {
    Alternatives::new(template, &[table, &lists::source_slots()])
}

pub(crate) static VAGUE_PASSIVE: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(VAGUE_PASSIVE_T, &VAGUE.passive));
pub(crate) static VAGUE_WIDELY: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(VAGUE_WIDELY_T, &VAGUE.widely));
pub(crate) static VAGUE_IT: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(VAGUE_IT_T, &VAGUE.it));
pub(crate) static VAGUE_ADVERB: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(VAGUE_ADVERB_T, &VAGUE.adverbs));
pub(crate) static VAGUE_SUBJECT: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(VAGUE_SUBJECT_T, &VAGUE.subject));
pub(crate) static VAGUE_QUANT: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(VAGUE_QUANT_T, &VAGUE.quant));
pub(crate) static VAGUE_DOCS: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(VAGUE_DOCS_T, &VAGUE.docs));

/// The vague patterns in prefilter order (after the claim patterns).
pub fn patterns() -> [&'static Alternatives; 7] {
    [
        &VAGUE_PASSIVE,
        &VAGUE_IT,
        &VAGUE_WIDELY,
        &VAGUE_ADVERB,
        &VAGUE_SUBJECT,
        &VAGUE_DOCS,
        &VAGUE_QUANT,
    ]
}

/// What kind of vague attribution was found (each has its own message and fix).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VagueKind {
    /// "are said to": the verb (lower case) and where it ends, for "said by TK to".
    Passive { verb: String, verb_end: usize },
    /// "it is understood".
    It,
    /// "is widely seen as".
    Widely,
    /// "reportedly".
    Adverb,
    /// "critics say", "many believe".
    Group,
    /// "polls show".
    Docs,
    /// A cue whose source is vague ("according to many analysts").
    CueSource,
}

#[derive(Clone, Debug)]
pub struct VagueHit {
    pub sentence: usize,
    pub span: Span,
    pub kind: VagueKind,
}

/// Every vague attribution in the writer's voice, first found first, never two overlapping.
/// `masks` holds, per sentence, the bits of `prefilter`, whose patterns from `first` on follow
/// [`patterns`].
#[allow(clippy::too_many_arguments)]
pub fn find(
    doc: &Document,
    masks: &[u128],
    prefilter: &Prefilter,
    first: usize,
    quotes: &QuoteMask,
    cues: &[Cue],
    sent_attr: &[bool],
    para_attr: &[bool],
) -> Vec<VagueHit> {
    let mut out: Vec<VagueHit> = Vec::new();
    let body = |off: usize| -> Option<usize> {
        let (si, s) = doc.sentence_at(off)?;
        (!doc.paragraphs[s.paragraph].headline && !quotes.contains(off)).then_some(si)
    };
    let push = |out: &mut Vec<VagueHit>, sentence: usize, span: Span, kind: VagueKind| {
        if !out.iter().any(|h| h.span.overlaps(span)) {
            out.push(VagueHit {
                sentence,
                span,
                kind,
            });
        }
    };
    // The matches of `p` in each sentence where it may match, with offsets into the prose (the
    // text before the sentence still counts for word boundaries).
    let hits = |k: usize, p: &'static Alternatives| {
        doc.sentences
            .iter()
            .enumerate()
            .map(move |(i, s)| (prefilter.of(masks[i], first + k), s))
            .filter(|(open, _)| *open != 0)
            .flat_map(move |(open, s)| p.captures_from(&doc.prose[..s.span.end], s.span.start, open))
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
        let kind = VagueKind::Passive {
            verb: vs,
            verb_end: v.end(),
        };
        push(&mut out, si, Span::new(m.start(), m.end()), kind);
    }
    for m in hits(1, &VAGUE_IT).map(|c| c.get(0).expect("group 0")) {
        let Some(si) = body(m.start()) else { continue };
        push(&mut out, si, Span::new(m.start(), m.end()), VagueKind::It);
    }
    for m in hits(2, &VAGUE_WIDELY).map(|c| c.get(0).expect("group 0")) {
        let Some(si) = body(m.start()) else { continue };
        if sent_attr[si] {
            continue;
        }
        push(
            &mut out,
            si,
            Span::new(m.start(), m.end()),
            VagueKind::Widely,
        );
    }
    for m in hits(3, &VAGUE_ADVERB).map(|c| c.get(0).expect("group 0")) {
        let Some(si) = body(m.start()) else { continue };
        // "allegedly", "reportedly" next to a source in the same sentence is attributed.
        if sent_attr[si] {
            continue;
        }
        push(
            &mut out,
            si,
            Span::new(m.start(), m.end()),
            VagueKind::Adverb,
        );
    }
    for (k, re) in [(4, &*VAGUE_SUBJECT), (5, &*VAGUE_DOCS), (6, &*VAGUE_QUANT)] {
        for c in hits(k, re) {
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
            let kind = if is_docs {
                VagueKind::Docs
            } else {
                VagueKind::Group
            };
            push(&mut out, si, Span::new(np.start(), np.end()), kind);
        }
    }
    // Cue subjects classified as vague ("according to many analysts", "said some experts").
    for c in cues {
        if c.kind != NpKind::Vague {
            continue;
        }
        let Some(head) = c.head else { continue };
        push(&mut out, c.sentence, head, VagueKind::CueSource);
    }
    out
}
