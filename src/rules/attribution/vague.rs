//! The weak-source audit, first half: vague and weasel attribution ("are said to", "critics
//! say", "reportedly", "polls show") found once per story. The `vague-source` rule turns these
//! hits into findings; `unattributed-claim` skips sentences holding one (they are already flagged).
//! Vocabulary: `data/attribution/vague.toml` and the group nouns of `sources.toml`.

use super::alternatives::Alternatives;
use super::cues::{Cue, NpKind};
use super::lists::{self, has, slot, Slots, CUES, GRAMMAR, SOURCES, VAGUE};
use super::prefilter::Prefilter;
use super::quotes::QuoteMask;
use super::words::{self, starts_upper};
use crate::document::Document;
use crate::finding::Span;
use std::sync::LazyLock;

/// Passive hearsay with no agent: "are said to", "is believed to", "was reported to".
pub(crate) static VAGUE_PASSIVE_T: &str =
    r"(?i)(?-u:\b){be}\s+(?:{hedges}\s+)?(?P<v>{verbs})\s+to(?-u:\b)";

/// "is widely seen as": judged by whom?
pub(crate) static VAGUE_WIDELY_T: &str = r"(?i)(?-u:\b){be}\s+{widely}\s+{seen}\s+{as_to}(?-u:\b)
    |(?-u:\b){have}\s+been\s+(?:{often}\s+)?{described}\s+as(?-u:\b)
    |(?-u:\b){be_simple}\s+{often_simple}\s+{described_simple}(?-u:\b)
    |(?-u:\b){be_simple}\s+{seen_plain}\s+as(?-u:\b)
    |(?-u:\b){be_simple}\s+(?:{often_simple}\s+)?{considered}\s+(?:to\s+be|one|among|the|a|an)(?-u:\b)
    |(?-u:\b){widely}\s+{held_view}(?-u:\b)
    |(?-u:\b){emerged}(?-u:\b)
    |(?-u:\b){have}\s+been\s+(?:{often}\s+)?{named}\s+(?:(?:a|an|the)\s+)?(?:[“\x22][^”\x22]{1,60}[”\x22]|(?:a|an|the)(?-u:\b))
    |,\s*(?P<span>to\s+{to_holders})\s*,
    |(?-u:\b)there\s+{there_be}\s+(?:{growing}\s+)?{fears}(?:\s+{that_of})?(?-u:\b)";

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
pub(crate) static VAGUE_DOCS_T: &str = r"(?i)(?-u:\b)(?P<source_np>(?:{mods}\s+)?{docs})(?:\s+in\s+(?P<place>(?-i:[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)?)))?
    \s+(?:{aux}\s+){0,2}{verbs}(?-u:\b)";

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

/// "... by the port authority", "... by Ana Ruiz": an agent named after a passive ("by many" is
/// no agent).
fn by_agent(rest: &str) -> bool {
    let ws = words::words(rest);
    ws.iter().enumerate().any(|(i, w)| {
        w.text == "by"
            && ws.get(i + 1).is_some_and(|x| {
                starts_upper(x.text) || x.text == "the" || has(&GRAMMAR.possessive_dets, x.text)
            })
    })
}

/// Whether sentence `si` names who is speaking (a named, described, anonymous or pronoun
/// source): a hedge inside it ("it is said to be struggling, said Mr Ruiz") is the speaker's.
fn spoken(cues: &[Cue], si: usize) -> bool {
    cues.iter().any(|c| {
        c.sentence == si
            && matches!(
                c.kind,
                NpKind::Named | NpKind::Described | NpKind::Pronoun | NpKind::Anon(_)
            )
    })
}

/// Like [`spoken`], for a source other than the one at `np` ("Media reports in Kenya have said":
/// the cue's subject is the reports themselves).
fn spoken_apart(cues: &[Cue], si: usize, np: Span) -> bool {
    cues.iter().any(|c| {
        c.sentence == si
            && c.np.is_none_or(|n| !n.overlaps(np))
            && matches!(
                c.kind,
                NpKind::Named | NpKind::Described | NpKind::Pronoun | NpKind::Anon(_)
            )
    })
}

/// A group noun phrase grown leftwards from its matched core.
struct Extension {
    start: usize,
    /// Modifiers taken in ("housing" of "housing advocates").
    mods: usize,
    /// A quantifier opens it ("many political analysts").
    quantified: bool,
    /// A determiner opens it ("the bill's proponents", "their critics").
    det: bool,
}

/// Grows the group phrase that starts at `at` leftwards over up to two plain modifiers
/// ("housing advocates", "the bill's proponents") and a quantifier or possessive determiner
/// before them. None when a modifier names a body ("bank economists", "the bank's analysts"): an
/// affiliated source, not a vague one.
fn extend_group(prose: &str, sent_start: usize, at: usize, head: &str) -> Option<Extension> {
    let (g, src) = (&*GRAMMAR, &*SOURCES);
    let before = &prose[sent_start..at];
    let ws = words::words(before);
    let mut ext = Extension {
        start: at,
        mods: 0,
        quantified: false,
        det: false,
    };
    let mut k = ws.len();
    // Only words joined by spaces belong to the phrase.
    let joined = |k: usize, end: usize| before[ws[k].end..end - sent_start].trim().is_empty();
    while k > 0 && joined(k - 1, ext.start) {
        let w = ws[k - 1];
        let l = w.text.to_ascii_lowercase();
        let opens_sentence = k == 1 && before[..w.start].trim().is_empty();
        if has(&src.quantifiers, &l) {
            ext.start = sent_start + w.start;
            ext.quantified = true;
            break;
        }
        if has(&g.determiners, &l) {
            // "their critics", "the bill's proponents"; not "the critics" alone (named earlier).
            if has(&g.possessive_dets, &l) || (ext.mods > 0 && has(&g.definite, &l)) {
                ext.start = sent_start + w.start;
                ext.det = true;
            }
            break;
        }
        let possessive = l.ends_with("'s") || l.ends_with("’s") || l.ends_with("s'");
        let plain =
            w.text.chars().next().is_some_and(char::is_lowercase) || opens_sentence || possessive;
        if ext.mods == 2
            || !plain
            || w.text.chars().any(|c| c.is_ascii_digit())
            || has(&g.function_words, &l)
            || has(&g.clause_openers, &l)
            || has(&g.leading_conj, &l)
            || has(&g.finite, &l)
            || has(&src.pp_start, &l)
            || l.ends_with("ly")
            || l.ends_with("ed")
        {
            break;
        }
        // "the plan's critics" are critics of the plan; "the bank's economists" work there.
        if possessive && !has(&src.weasel_groups, head) {
            return None;
        }
        if !possessive && has(&src.org_words, &l) {
            return None;
        }
        ext.start = sent_start + w.start;
        ext.mods += 1;
        k -= 1;
    }
    Some(ext)
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
        (!doc.paragraphs[s.paragraph].headline
            && !quotes.contains(off)
            && !super::facts::title_case(doc, si))
        .then_some(si)
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
            .flat_map(move |(open, s)| {
                p.captures_from(&doc.prose[..s.span.end], s.span.start, open)
            })
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
        if spoken(cues, si) || by_agent(&doc.prose[m.end()..doc.sentences[si].span.end]) {
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
        if spoken(cues, si) {
            continue;
        }
        push(&mut out, si, Span::new(m.start(), m.end()), VagueKind::It);
    }
    for c in hits(2, &VAGUE_WIDELY) {
        // ", to some,": the hedge without its commas.
        let m = c.name("span").unwrap_or_else(|| c.get(0).expect("group 0"));
        let Some(si) = body(m.start()) else { continue };
        if sent_attr[si] {
            continue;
        }
        // "has been called a hero by the mayor": the agent follows.
        let rest = &doc.prose[m.end()..doc.sentences[si].span.end];
        if by_agent(rest) {
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
            let np0 = c.name("source_np").expect("source group");
            let Some(si) = body(np0.start()) else {
                continue;
            };
            // "reports in Kenya said", not "reports in the Daily Nation said" (a named outlet).
            if c.name("place")
                .is_some_and(|p| has(&CUES.outlets, p.as_str()))
            {
                continue;
            }
            let sent_start = doc.sentences[si].span.start;
            let is_docs = std::ptr::eq(re, &*VAGUE_DOCS);
            let is_quant = std::ptr::eq(re, &*VAGUE_QUANT);
            // "housing advocates", "many political analysts", "the bill's proponents": the
            // group's own modifiers and determiner belong to the source phrase.
            // "figures show, he added": the figures are the speaker's.
            if is_docs && spoken_apart(cues, si, Span::new(np0.start(), np0.end())) {
                continue;
            }
            // A document's modifiers are in the pattern: "official figures", "the sales
            // figures" say whose.
            let starts_quantified = words::words(np0.as_str()).len() > 1;
            let ext = if is_quant || is_docs || starts_quantified {
                Some(Extension {
                    start: np0.start(),
                    mods: 0,
                    quantified: false,
                    det: false,
                })
            } else {
                let head = words::words(np0.as_str()).last().map_or("", |w| w.text);
                extend_group(&doc.prose, sent_start, np0.start(), head)
            };
            let Some(ext) = ext else { continue };
            let np_start = ext.start;
            let text = &doc.prose[np_start..np0.end()];
            let ws = words::words(text);
            let quantified = ext.quantified || words::words(np0.as_str()).len() > 1;
            let head = ws.last().map_or("", |w| w.text);
            let src = &*SOURCES;
            // A bare professional group speaking in the generic present ("analysts say",
            // "scientists warn") names nobody; "analysts said" on an occasion is a described source.
            let generic_present = c.name("v").is_some_and(|v| {
                let v = v.as_str();
                !v.to_ascii_lowercase().ends_with("ed")
                    && !has(slot(&VAGUE.subject, "irregular_past"), v)
            }) && has(&src.generic_present_groups, head)
                && ws.len() == 1;
            // "Analysts said", "oil analysts speculated": a bare group with no names and no
            // affiliation, whatever the tense (the eval conventions).
            let bare_vague = has(&src.bare_vague_groups, head) && !ext.det && !quantified;
            if !is_docs
                && !is_quant
                && !quantified
                && !has(&src.weasel_groups, head)
                && !generic_present
                && !bare_vague
            {
                continue;
            }
            // Must open its clause: "critics argue", "but many analysts", not "the critics' union".
            // A quantified group ("led many analysts to predict") is vague wherever it stands.
            let before = doc.prose[sent_start..np_start].trim_end();
            let prev = before
                .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                .next()
                .unwrap_or("");
            let clause_open = before.is_empty()
                || before.ends_with([',', ';', ':', '—', '–', '(', '“', '\u{22}'])
                || has(&GRAMMAR.clause_openers, prev)
                || quantified && !is_quant;
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
            push(&mut out, si, Span::new(np_start, np0.end()), kind);
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
