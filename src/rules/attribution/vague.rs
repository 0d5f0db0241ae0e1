//! The weak-source audit, first half: vague and weasel attribution ("are said to", "critics
//! say", "reportedly", "polls show") found once per story. The `vague-source` rule turns these
//! hits into findings; `unattributed-claim` skips sentences holding one (they are already flagged).
//! Vocabulary: `data/attribution/vague.toml` and the group nouns of `sources.toml`.

use super::alternatives::Alternatives;
use super::cues::{Cue, NpKind};
use super::lists::{has, slot, CUES, GRAMMAR, SOURCES, VAGUE};
use super::prefilter::Prefilter;
use super::quotes::QuoteMask;
use super::words::{self, starts_upper};
use crate::document::Document;
use crate::finding::Span;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// A vague-source pattern: its template filled from its table of `data/attribution/vague.toml`
/// and the source nouns (by `build.rs`).
fn vague_pattern(b: &super::patterns::Built) -> Alternatives {
    Alternatives::built(b)
}

pub(crate) static VAGUE_PASSIVE: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(&super::patterns::VAGUE_PASSIVE));
pub(crate) static VAGUE_WIDELY: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(&super::patterns::VAGUE_WIDELY));
pub(crate) static VAGUE_IT: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(&super::patterns::VAGUE_IT));
pub(crate) static VAGUE_ADVERB: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(&super::patterns::VAGUE_ADVERB));
pub(crate) static VAGUE_SUBJECT: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(&super::patterns::VAGUE_SUBJECT));
pub(crate) static VAGUE_QUANT: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(&super::patterns::VAGUE_QUANT));
pub(crate) static VAGUE_DOCS: LazyLock<Alternatives> =
    LazyLock::new(|| vague_pattern(&super::patterns::VAGUE_DOCS));

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
    /// An unnamed single person ("One man wrote", "said another commenter").
    Someone,
}

#[derive(Clone, Debug)]
pub struct VagueHit {
    pub sentence: usize,
    pub span: Span,
    pub kind: VagueKind,
}

impl VagueHit {
    /// The hit with its offsets and sentence moved from the story's to a paragraph's (starting
    /// at `at`, its first sentence `base`), or back (`back`).
    pub fn moved(mut self, at: usize, base: usize, back: bool) -> VagueHit {
        let by = |x: usize| if back { x + at } else { x - at };
        self.sentence = if back {
            self.sentence + base
        } else {
            self.sentence - base
        };
        self.span = Span {
            start: by(self.span.start),
            end: by(self.span.end),
        };
        if let VagueKind::Passive { verb_end, .. } = &mut self.kind {
            *verb_end = by(*verb_end);
        }
        self
    }
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

/// The cues of sentence `si`: the cues are in story order, so a sentence's are together (a scan
/// of every cue for every hit was quadratic in long copy).
fn of_sentence(cues: &[Cue], si: usize) -> &[Cue] {
    let from = cues.partition_point(|c| c.sentence < si);
    let to = from + cues[from..].partition_point(|c| c.sentence == si);
    &cues[from..to]
}

/// Whether sentence `si` names who is speaking (a named, described, anonymous or pronoun
/// source): a hedge inside it ("it is said to be struggling, said Mr Ruiz") is the speaker's.
fn spoken(cues: &[Cue], si: usize) -> bool {
    of_sentence(cues, si).iter().any(|c| {
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
    of_sentence(cues, si).iter().any(|c| {
        c.sentence == si
            && c.np.is_none_or(|n| !n.overlaps(np))
            && matches!(
                c.kind,
                NpKind::Named | NpKind::Described | NpKind::Pronoun | NpKind::Anon(_)
            )
    })
}

/// Whether a cue of sentence `si` other than one whose verb lies in `own` attributes it.
fn attributed_apart(cues: &[Cue], si: usize, own: Span) -> bool {
    of_sentence(cues, si)
        .iter()
        .any(|c| c.sentence == si && c.kind.attributes() && !c.verb.overlaps(own))
}

/// Whether the verb `v` of a group or quantifier, followed by `after`, holds an opinion: not a
/// passive participle ("people believed to have left", "studies cited by") and, for a perception
/// verb, only before a clause or "as" ("some felt that", not "some felt the tremor").
fn held_opinion(v: &str, before: &str, after: &str) -> bool {
    let v = v.to_ascii_lowercase();
    // Only the first eight words are read.
    let ws: Vec<words::Word> = words::iter(after).take(8).collect();
    let next = ws
        .first()
        .map_or(String::new(), |w| w.text.to_ascii_lowercase());
    let subject = &VAGUE.subject;
    let participle = v.ends_with("ed") || has(slot(subject, "irregular_past"), &v);
    // "what many people believed to be": the object moved to the front, so the verb is active.
    let wh_before = words::last(before)
        .is_some_and(|w| has(slot(subject, "wh_objects"), &w.text.to_ascii_lowercase()));
    if participle && !wh_before && (has(&GRAMMAR.to, &next) || next == "by") {
        return false;
    }
    // "some analysts see the merger as a rescue": a judgement with "as" a few words on.
    !has(slot(subject, "perception_verbs"), &v)
        || has(slot(subject, "perception_next"), &next)
        || ws.iter().take(8).any(|w| w.text == "as")
}

/// Whether a quantified phrase ("many collectors", "some military historians") is a group of
/// people holding a view: its head a plural noun that counts no occasions, any modifier a plain
/// lower-case word.
fn opinion_holder(np: &str) -> bool {
    let ws = words::words(np);
    let subject = &VAGUE.subject;
    let g = &*GRAMMAR;
    let Some(head) = ws.last() else { return false };
    let h = head.text.to_ascii_lowercase();
    let plural =
        (h.ends_with('s') && !h.ends_with("ss") && !h.ends_with("us") && !h.ends_with("is"))
            || has(slot(subject, "plural_heads"), &h);
    if !plural || has(slot(subject, "not_holders"), &h) || has(&g.function_words, &h) {
        return false;
    }
    let mods = &ws[1..ws.len() - 1];
    mods.iter().all(|w| {
        let l = w.text.to_ascii_lowercase();
        let plain_s = !l.ends_with('s') || l.ends_with("ss") || l.ends_with("ous");
        // "a number of": the quantifier's own words.
        has(slot(subject, "gq_quantifiers"), &l)
            || l == "of"
            || (w.text.starts_with(char::is_lowercase)
                && plain_s
                && !has(&g.function_words, &l)
                && !has(&g.determiners, &l)
                && !has(&g.finite, &l)
                && !has(&SOURCES.pp_start, &l))
    }) && (mods.is_empty() || head.text.starts_with(char::is_lowercase))
}

/// "…, Ana Ruiz,", "named Ana Ruiz", "identified as": a name follows the unnamed person.
fn named_after(tail: &str) -> bool {
    let t = tail.trim_start();
    let first = |s: &str| words::words(s).first().map(|w| w.text.to_string());
    if let Some(rest) = t.strip_prefix(',') {
        if first(rest).is_some_and(|w| starts_upper(&w)) {
            return true;
        }
    }
    first(t).is_some_and(|w| {
        has(
            slot(&VAGUE.subject, "naming_words"),
            &w.to_ascii_lowercase(),
        )
    })
}

/// "… published by the ministry", "… conducted for the BBC": the document's owner follows.
fn owned_after(after: &str) -> bool {
    let ws = words::words(after);
    ws.iter().enumerate().any(|(i, w)| {
        has(
            slot(&VAGUE.docs, "owner_words"),
            &w.text.to_ascii_lowercase(),
        ) && ws[i + 1..].iter().take(3).any(|x| starts_upper(x.text))
    })
}

/// Like [`spoken_apart`], for a named or pronoun speaker only ("According to Ms Ruiz, research
/// suggests"; not "the new poll finds X, while other surveys show Y").
fn spoken_by_name(cues: &[Cue], si: usize, np: Span) -> bool {
    of_sentence(cues, si).iter().any(|c| {
        c.sentence == si
            && c.np.is_none_or(|n| !n.overlaps(np))
            && matches!(c.kind, NpKind::Named | NpKind::Pronoun)
    })
}

/// "… figures that were released on Thursday by the trade body": a few words on, the document's
/// publisher is named ("released", "published" … then "by" and a name or "the").
fn released_by(after: &str) -> bool {
    let ws = words::words(after);
    ws.iter()
        .take(6)
        .position(|w| has(&SOURCES.doc_tails, w.text))
        .is_some_and(|i| by_agent(&after[ws[i].end..]))
}

/// Whether `phrase` (lower case) occurs in `text` (lower case) as whole words.
fn has_phrase(text: &str, phrase: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase).any(|(i, _)| {
        !word(text[..i].chars().next_back()) && !word(text[i + phrase.len()..].chars().next())
    })
}

/// "faces charges for allegedly taking bribes", "was suspended for allegedly cheating": a charge,
/// arrest or suspension a few words before the adverb and a preposition right before it. The
/// charge (or the body acting on it) is the accuser.
fn legal_frame(before: &str) -> bool {
    let scope = &VAGUE.scope;
    let ws = words::words(before);
    let Some(prev) = ws.last() else { return false };
    has(slot(scope, "frame_preps"), prev.text)
        && ws
            .iter()
            .rev()
            .skip(1)
            .take(10)
            .any(|w| has(slot(scope, "legal_frames"), w.text))
}

/// "a supposedly secure site", "a fund that supposedly held cash but in fact held none": doubt
/// about a claim the story itself weighs, not hearsay lent authority.
fn doubted(before: &str, after: &str) -> bool {
    let scope = &VAGUE.scope;
    let attributive =
        words::last(before).is_some_and(|w| has(slot(scope, "attributive_dets"), w.text));
    let after = after.to_ascii_lowercase();
    attributive
        || slot(scope, "refuting_words")
            .iter()
            .any(|r| has_phrase(&after, &r.to_ascii_lowercase()))
}

/// Whether `text` reports a poll: a survey word ("respondents", "polled") or a share of people
/// answering ("60% said", "45 per cent of voters thought").
fn reports_poll(text: &str) -> bool {
    let scope = &VAGUE.scope;
    if words::iter(text).any(|w| has(slot(scope, "respondent_cues"), w.text)) {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    slot(scope, "share_marks").iter().any(|m| {
        lower.match_indices(m.as_str()).any(|(i, _)| {
            let clause = lower[i + m.len()..].split([',', ';']).next().unwrap_or("");
            let ws = words::words(clause);
            lower[..i]
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit())
                && ws
                    .iter()
                    .take(5)
                    .any(|w| has(slot(scope, "share_verbs"), w.text))
                && ws.first().is_some_and(|w| {
                    has(slot(scope, "share_links"), w.text)
                        || has(slot(scope, "share_verbs"), w.text)
                })
        })
    })
}

/// Whether sentence `si` or the one before it in its paragraph reports a poll: a quantifier
/// there ("Many said they were confused") counts the people who answered it.
fn polled(doc: &Document, si: usize) -> bool {
    let para = doc.sentences[si].paragraph;
    let from = if si > 0 && doc.sentences[si - 1].paragraph == para {
        si - 1
    } else {
        si
    };
    (from..=si).any(|k| reports_poll(&doc.prose[doc.sentences[k].span.range()]))
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

/// The capture groups of the vague patterns that [`find`] reads.
const GROUPS: [&str; 8] = [
    "span",
    "holder",
    "v",
    "source_np",
    "place",
    "person",
    "gq",
    "one",
];

/// One match of a vague pattern in a paragraph, offsets from the paragraph's start: the whole
/// match and the groups of [`GROUPS`] that took part in it.
#[derive(Clone, Debug)]
pub struct RawHit {
    whole: Span,
    groups: [Option<Span>; GROUPS.len()],
}

/// The matches of each vague pattern ([`patterns`] order) in one paragraph's sentences, in order:
/// local work, kept in the server's memo.
pub type ParaHits = [Vec<RawHit>; 7];

/// [`ParaHits`] of one paragraph. `hay` is the character before the paragraph (`lead` bytes: it
/// counts for word boundaries), then the paragraph's prose; `sentences` are offsets from the
/// paragraph's start, `masks` their bits of `prefilter`, whose patterns from `first` on follow
/// [`patterns`]. Each sentence is searched as [`find`] did over the whole prose: the text before
/// it counts for `\b` (only its last character can), the text after it is not seen.
pub fn para_hits(
    hay: &str,
    lead: usize,
    sentences: &[Span],
    masks: &[u128],
    prefilter: &Prefilter,
    first: usize,
) -> ParaHits {
    let mut out: ParaHits = Default::default();
    for (k, p) in patterns().into_iter().enumerate() {
        for (s, &mask) in sentences.iter().zip(masks) {
            let open = prefilter.of(mask, first + k);
            if open == 0 {
                continue;
            }
            for c in p.captures_from(&hay[..lead + s.end], lead + s.start, open) {
                let back = |m: crate::narrow::Match| Span::new(m.start() - lead, m.end() - lead);
                let whole = back(c.get(0).expect("group 0"));
                let groups = GROUPS.map(|g| c.name(g).map(back));
                out[k].push(RawHit { whole, groups });
            }
        }
    }
    out
}

/// A [`RawHit`] placed in the story, read as the captures it was made from.
struct Caught<'a> {
    prose: &'a str,
    at: usize,
    hit: &'a RawHit,
}

impl<'a> Caught<'a> {
    fn m(&self, s: Span) -> crate::narrow::Match<'a> {
        crate::narrow::Match::new(self.prose, s.start + self.at, s.end + self.at)
    }
    /// Group 0 only (the whole match); the others by name.
    fn get(&self, i: usize) -> Option<crate::narrow::Match<'a>> {
        (i == 0).then(|| self.m(self.hit.whole))
    }
    fn name(&self, name: &str) -> Option<crate::narrow::Match<'a>> {
        let i = GROUPS
            .iter()
            .position(|g| *g == name)
            .expect("a group find reads");
        self.hit.groups[i].map(|s| self.m(s))
    }
}

/// Every vague attribution in the writer's voice, first found first, never two overlapping.
/// `raw` holds each paragraph's [`ParaHits`] ([`para_hits`]).
#[allow(clippy::too_many_arguments)]
pub fn find<H: std::ops::Deref<Target = ParaHits>>(
    doc: &Document,
    raw: &[H],
    quotes: &QuoteMask,
    cues: &[Cue],
    sent_attr: &[bool],
    para_attr: &[bool],
) -> Vec<VagueHit> {
    find_in(doc, raw, quotes, cues, sent_attr, para_attr, None)
        .into_iter()
        .map(|(_, h)| h)
        .collect()
}

/// The passes of [`find`], in order: each pattern's ([`patterns`]), then the cues' vague sources.
pub const PASSES: u8 = 8;

/// [`find`], each hit with the pass that found it (see [`PASSES`]); of paragraph `only`'s hits
/// alone when asked. Whether a hit is found reads its paragraph and nothing else but in the
/// story's first paragraph (the lede, whose documents the next paragraph may name), so `find`
/// is, pass by pass and paragraph by paragraph in story order, the hits of each paragraph
/// found alone.
#[allow(clippy::too_many_arguments)]
pub fn find_in<H: std::ops::Deref<Target = ParaHits>>(
    doc: &Document,
    raw: &[H],
    quotes: &QuoteMask,
    cues: &[Cue],
    sent_attr: &[bool],
    para_attr: &[bool],
    only: Option<usize>,
) -> Vec<(u8, VagueHit)> {
    debug_assert!(cues.windows(2).all(|w| w[0].sentence <= w[1].sentence));
    let mut out: Vec<(u8, VagueHit)> = Vec::new();
    // The sentences read: the story's, or the paragraph's.
    let (base, sentences) = match only {
        Some(p) => {
            let r = &doc.paragraphs[p].sentences;
            (r.start, r.len())
        }
        None => (0, doc.sentences.len()),
    };
    // The paragraphs read (a paragraph alone is looked up, not searched for among all).
    let read = only.map_or(0..raw.len(), |p| p..p + 1);
    let body = |off: usize| -> Option<usize> {
        let (si, s) = doc.sentence_at(off)?;
        // A reader's letter or comment is the reader's voice ("some people say" there is no
        // sourcing failure of the newsroom's).
        (!doc.paragraphs[s.paragraph].headline
            && !quotes.contains(off)
            && !doc.is_contribution(off)
            && !super::facts::title_case(doc, si))
        .then_some(si)
    };
    // The spans found so far, by sentence: every hit lies inside its sentence, so a new hit
    // can overlap only hits of the same sentence (a scan of all hits was quadratic in them).
    let mut taken: Vec<Vec<Span>> = vec![Vec::new(); sentences];
    let mut push =
        |out: &mut Vec<(u8, VagueHit)>, pass: u8, sentence: usize, span: Span, kind: VagueKind| {
            let here = &mut taken[sentence - base];
            if !here.iter().any(|h| h.overlaps(span)) {
                here.push(span);
                out.push((
                    pass,
                    VagueHit {
                        sentence,
                        span,
                        kind,
                    },
                ));
            }
        };
    // The matches of pattern `k` in story order, with offsets into the prose.
    let hits = |k: usize, _: &'static Alternatives| {
        raw[read.clone()]
            .iter()
            .zip(read.clone())
            .flat_map(move |(r, pi)| {
                let at = doc.paragraphs[pi].span.start;
                r[k].iter().map(move |hit| Caught {
                    prose: &doc.prose,
                    at,
                    hit,
                })
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
        // "the Senate is expected to vote next week": a timetable, not a prediction.
        let next = words::iter(&doc.prose[m.end()..doc.sentences[si].span.end]).next();
        if has(slot(&VAGUE.passive, "sourced_verbs"), &vs)
            && next.is_some_and(|w| has(slot(&VAGUE.scope, "timetable_verbs"), w.text))
        {
            continue;
        }
        let kind = VagueKind::Passive {
            verb: vs,
            verb_end: v.end(),
        };
        push(&mut out, 0, si, Span::new(m.start(), m.end()), kind);
    }
    for m in hits(1, &VAGUE_IT).map(|c| c.get(0).expect("group 0")) {
        let Some(si) = body(m.start()) else { continue };
        if spoken(cues, si) {
            continue;
        }
        push(
            &mut out,
            1,
            si,
            Span::new(m.start(), m.end()),
            VagueKind::It,
        );
    }
    for c in hits(2, &VAGUE_WIDELY) {
        // ", to some,": the hedge without its commas.
        let m = c.name("span").unwrap_or_else(|| c.get(0).expect("group 0"));
        let Some(si) = body(m.start()) else { continue };
        // A source elsewhere in the sentence holds the judgement; the vague holders themselves
        // ("expected by some") may be read as a cue of their own.
        // (Not the hit's own verb read as a cue: "It is often described as".)
        let holder = c.name("holder").map(|h| Span::new(h.start(), h.end()));
        let own = Span::new(m.start(), m.end());
        if holder.map_or_else(
            || attributed_apart(cues, si, own),
            |h| spoken_apart(cues, si, h),
        ) {
            continue;
        }
        // "has been called a hero by the mayor": the agent follows.
        let rest = &doc.prose[m.end()..doc.sentences[si].span.end];
        if by_agent(rest) {
            continue;
        }
        // "considered by many to be": the vague holders are the finding, unless examples follow
        // ("praised by critics including Ana Ruiz").
        if let Some(h) = c.name("holder") {
            let tail =
                doc.prose[h.end()..doc.sentences[si].span.end].trim_start_matches([',', ' ']);
            if SOURCES
                .examples_given
                .iter()
                .any(|e| tail.starts_with(e.as_str()))
            {
                continue;
            }
            // "according to some accounts", not "according to some of the documents".
            if words::words(h.as_str()).len() == 2 && !opinion_holder(h.as_str()) {
                continue;
            }
            push(
                &mut out,
                2,
                si,
                Span::new(h.start(), h.end()),
                VagueKind::Group,
            );
            continue;
        }

        push(
            &mut out,
            2,
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
        let adverb = m.as_str().to_ascii_lowercase();
        let sent = doc.sentences[si].span;
        let (before, after) = (
            &doc.prose[sent.start..m.start()],
            &doc.prose[m.end()..sent.end],
        );
        let scope = &VAGUE.scope;
        if (has(slot(scope, "legal_adverbs"), &adverb) && legal_frame(before))
            || (has(slot(scope, "doubt_adverbs"), &adverb) && doubted(before, after))
        {
            continue;
        }
        push(
            &mut out,
            3,
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
            let sent_end = doc.sentences[si].span.end;
            let after = &doc.prose[c.get(0).expect("group 0").end()..sent_end];
            // "Many people believed to have left", "some residents felt the tremor": a passive
            // participle or a perception, not an opinion.
            if let Some(v) = c.name("v") {
                if !held_opinion(v.as_str(), &doc.prose[sent_start..np0.start()], after) {
                    continue;
                }
            }
            // "One man wrote", "said another commenter": an unnamed single person, unless a name
            // follows ("said one woman, Ana Ruiz").
            if c.name("person").is_some() {
                let tail = &doc.prose[np0.end()..sent_end];
                if !named_after(tail) {
                    push(
                        &mut out,
                        k as u8,
                        si,
                        Span::new(np0.start(), np0.end()),
                        VagueKind::Someone,
                    );
                }
                continue;
            }
            // "many collectors believe": any plural group, but not "many times" or "some other".
            // "Most voters feel …, according to a poll by …": the group answered a named poll.
            let gq = c.name("gq").is_some();
            if gq
                && (!opinion_holder(np0.as_str())
                    || spoken_apart(cues, si, Span::new(np0.start(), np0.end())))
            {
                continue;
            }
            // "60% said they would switch. Many said the price was too high": the quantifier
            // counts the people who answered a poll.
            let is_quant = std::ptr::eq(re, &*VAGUE_QUANT);
            if (is_quant || gq) && polled(doc, si) {
                continue;
            }
            // "the average of recent polls compiled by …": the tail says whose.
            let first_after = words::words(&doc.prose[np0.end()..sent_end])
                .first()
                .map(|w| w.text.to_ascii_lowercase());
            if first_after.is_some_and(|w| has(&SOURCES.doc_tails, &w)) {
                continue;
            }
            // "a new study found", not "a new study by the health ministry found".
            if c.name("one").is_some() && (by_agent(after) || owned_after(after)) {
                continue;
            }
            let is_docs = std::ptr::eq(re, &*VAGUE_DOCS);
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
            // "Sanders and his supporters argue", "the Labour Party and observers alike": a
            // named subject shares the view, or the phrase is the tail of a name.
            if with_named(before) {
                continue;
            }
            let kind = if is_docs {
                VagueKind::Docs
            } else {
                VagueKind::Group
            };
            push(&mut out, k as u8, si, Span::new(np_start, np0.end()), kind);
        }
    }
    // Cue subjects classified as vague ("according to many analysts", "said some experts").
    let para_cues = match only {
        Some(p) => {
            let from = cues.partition_point(|c| c.paragraph < p);
            &cues[from..from + cues[from..].partition_point(|c| c.paragraph == p)]
        }
        None => cues,
    };
    for c in para_cues {
        if c.kind != NpKind::Vague {
            continue;
        }
        let Some(head) = c.head else { continue };
        // "According to Ms Ruiz, research suggests": the document is the speaker's.
        let doc_head = words::words(&doc.text[head.range()])
            .last()
            .is_some_and(|w| has(&SOURCES.vague_docs, w.text));
        if doc_head
            && (released_by(&doc.prose[head.end..doc.sentences[c.sentence].span.end])
                || spoken_by_name(cues, c.sentence, head))
        {
            continue;
        }
        // "Mr. Ruiz's supporters showed no sign of backing down": a group's evidence verb with an
        // object and no reported clause after it is an action, not a finding.
        let verb = &doc.text[c.verb.range()];
        if !doc_head && has(&CUES.evidence_verbs, verb.trim()) {
            let rest = &doc.prose[c.verb.end..doc.sentences[c.sentence].span.end];
            let clause = rest.split([',', ';']).next().unwrap_or("");
            if !words::iter(clause)
                .take(8)
                .any(|w| has(&GRAMMAR.finite, w.text))
            {
                continue;
            }
        }
        // "Many said" after a poll's results: the people who answered it (not "other polls show").
        let quantified = words::words(&doc.text[head.range()])
            .first()
            .is_some_and(|w| {
                has(&SOURCES.quantifiers, w.text)
                    || has(slot(&VAGUE.subject, "gq_quantifiers"), w.text)
            });
        if quantified && !doc_head && polled(doc, c.sentence) {
            continue;
        }
        push(&mut out, 7, c.sentence, head, VagueKind::CueSource);
    }
    // "Analysts said the bid may rise. “…,” said Mark Pervan, an analyst at a broker.": a named
    // or affiliated member of the group speaks in the same paragraph, so the group has a name.
    // Built per paragraph, for the paragraphs holding such a group only.
    let mut members: HashMap<usize, Members> = HashMap::default();
    out.retain(|(_, h)| {
        let phrase = &doc.text[h.span.range()];
        let doc_head = words::words(phrase)
            .last()
            .is_some_and(|w| has(&SOURCES.vague_docs, w.text));
        if (h.kind == VagueKind::Docs || h.kind == VagueKind::CueSource && doc_head)
            && named_next(doc, cues, h.sentence)
        {
            return false;
        }
        if !matches!(h.kind, VagueKind::Group | VagueKind::CueSource) {
            return true;
        }
        let Some(noun) = group_stem(&doc.text[h.span.range()]) else {
            return true;
        };
        let para = doc.sentences[h.sentence].paragraph;
        // The cues are in story order: a paragraph's are together.
        let from = cues.partition_point(|c| c.paragraph < para);
        let to = from + cues[from..].partition_point(|c| c.paragraph == para);
        // Not the group's own phrase read as a described source. A paragraph of a few cues is
        // read for the noun; a longer one's nouns are gathered once.
        if to - from <= FEW_CUES {
            let named = member_named(doc, &cues[from..to], &noun, h.span);
            // Checked against the gathered nouns wherever the tests reach this.
            debug_assert_eq!(
                named,
                members_named(doc, &cues[from..to])
                    .get(&noun)
                    .is_some_and(|nps| nps.iter().any(|np| !np.overlaps(h.span)))
            );
            return !named;
        }
        let members = members
            .entry(para)
            .or_insert_with(|| members_named(doc, &cues[from..to]));
        !members
            .get(&noun)
            .is_some_and(|nps| nps.iter().any(|np| !np.overlaps(h.span)))
    });
    out
}

/// Whether the words right before a group phrase (`before`, its sentence up to the phrase) name
/// someone who shares its view ("But Ruiz and her allies say"; a capital opening the sentence
/// may be any noun) or end inside a name ("the Labour" of "the Labour Party and observers alike").
fn with_named(before: &str) -> bool {
    let ws = words::words(before);
    let n = ws.len();
    let capital_inside = |k: usize| {
        // A capital after another word: a name, not a sentence opener.
        k > 0 && starts_upper(ws[k].text) && !has(&GRAMMAR.not_names, ws[k].text)
    };
    if n >= 2 && ws[n - 1].text == "and" && before[ws[n - 1].end..].trim().is_empty() {
        let k = n - 2;
        return before[ws[k].end..ws[n - 1].start].trim().is_empty() && capital_inside(k);
    }
    n >= 1 && before[ws[n - 1].end..].trim().is_empty() && capital_inside(n - 1)
}

/// "Retail sales rose in May, figures show. ¶ The statistics office said …": a document in the
/// story's first paragraph whose owner the next paragraph names at its head (delayed attribution):
/// an attributing named source in its first sentence, or "The study, commissioned by Acme, …".
fn named_next(doc: &Document, cues: &[Cue], si: usize) -> bool {
    let p = doc.sentences[si].paragraph;
    let lede = doc
        .paragraphs
        .iter()
        .position(|q| !q.headline && !q.sentences.is_empty());
    let Some(next) = doc.paragraphs.get(p + 1).filter(|_| lede == Some(p)) else {
        return false;
    };
    if next.headline || next.sentences.is_empty() {
        return false;
    }
    let ns = next.sentences.start;
    let k = cues.partition_point(|c| c.sentence < ns);
    if cues[k..]
        .iter()
        .take_while(|c| c.sentence == ns)
        .any(|c| matches!(c.kind, NpKind::Named | NpKind::Described))
    {
        return true;
    }
    let text = &doc.prose[doc.sentences[ns].span.range()];
    let ws = words::words(text);
    ws.len() > 2
        && has(&GRAMMAR.definite, ws[0].text)
        && (has(&SOURCES.vague_docs, ws[1].text) || has(slot(&VAGUE.docs, "one_docs"), ws[1].text))
        && owned_after(&text[ws[1].end..])
}

/// The singular, lower-case noun of a group phrase ending in a plural ("some analysts" →
/// "analyst"); none for a bare quantifier ("many") or a document ("reports").
fn group_stem(phrase: &str) -> Option<String> {
    let last = words::words(phrase).last()?.text.to_ascii_lowercase();
    if has(&SOURCES.quantifiers, &last) || has(&SOURCES.vague_docs, &last) {
        return None;
    }
    last.strip_suffix('s')
        .filter(|s| !s.ends_with('s'))
        .map(str::to_string)
}

/// Singular noun to the source phrases of one paragraph holding it.
type Members = HashMap<String, Vec<Span>>;

/// The most cues a paragraph has for its [`members_named`] to be read for one noun at a time
/// ([`member_named`]).
const FEW_CUES: usize = 8;

/// The words [`members_named`] reads for the source phrase of cue `c`, if it is a named or
/// described source: the phrase's words, then at most 12 of its appositive's.
fn member_words<'d>(
    doc: &'d Document,
    c: &Cue,
) -> Option<(Span, impl Iterator<Item = words::Word<'d>>)> {
    if !matches!(c.kind, NpKind::Named | NpKind::Described) {
        return None;
    }
    let np = c.np?;
    // An inverted name's appositive follows its phrase ("said Mark Pervan, an analyst at …").
    let end = doc.sentences[c.sentence].span.end.max(np.end);
    let rest = &doc.prose[np.end..end];
    let appositive = rest.strip_prefix(',').map_or("", |r| {
        r.split([',', ';', '.', '—', '(']).next().unwrap_or("")
    });
    let phrase = &doc.text[np.range()];
    Some((
        np,
        words::iter(phrase).chain(words::iter(appositive).take(12)),
    ))
}

/// Whether `members_named(doc, cues).get(noun)` holds a phrase that does not overlap `span`,
/// read without gathering every noun (`noun` is in ASCII lower case, as [`group_stem`] gives).
fn member_named(doc: &Document, cues: &[Cue], noun: &str, span: Span) -> bool {
    cues.iter().any(|c| {
        member_words(doc, c).is_some_and(|(np, mut ws)| {
            !np.overlaps(span)
                && ws.any(|w| {
                    // The word in ASCII lower case without one final "s": the noun.
                    let t = w.text;
                    let t = match t.as_bytes().last() {
                        Some(b's' | b'S') => &t[..t.len() - 1],
                        _ => t,
                    };
                    t.eq_ignore_ascii_case(noun)
                })
        })
    })
}

/// The singular noun of every word of a named or described source phrase among `cues` (one
/// paragraph's: "Mark Pervan, an analyst at a broker" gives "analyst").
fn members_named(doc: &Document, cues: &[Cue]) -> Members {
    let mut set = Members::default();
    for c in cues {
        let Some((np, ws)) = member_words(doc, c) else {
            continue;
        };
        for w in ws {
            let l = w.text.to_ascii_lowercase();
            let stem = l.strip_suffix('s').map_or(l.as_str(), |s| s).to_string();
            set.entry(stem).or_default().push(np);
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::{doubted, held_opinion, legal_frame, named_after, opinion_holder, reports_poll};

    #[test]
    fn a_quantified_group_holds_an_opinion_only_as_people_with_a_view() {
        assert!(opinion_holder("many collectors"));
        assert!(opinion_holder("some military historians"));
        assert!(opinion_holder("most people"));
        assert!(!opinion_holder("many times"));
        assert!(!opinion_holder("some of"));
        assert!(!opinion_holder("many cases officials"));
    }

    #[test]
    fn participles_and_perceptions_are_not_opinions() {
        assert!(held_opinion("believe", "", " the bridge is older."));
        assert!(!held_opinion("believed", "", " to have left the city."));
        assert!(held_opinion("believed", "what ", " to be a mistake."));
        assert!(!held_opinion("felt", "", " the tremor at midnight."));
        assert!(held_opinion("felt", "", " that the plan was unfair."));
        assert!(held_opinion("see", "", " the merger as a rescue."));
    }

    #[test]
    fn a_name_after_an_unnamed_person_names_them() {
        assert!(named_after(", Ana Ruiz, said"));
        assert!(named_after(" named Ana Ruiz"));
        assert!(!named_after(", who lives nearby."));
        assert!(!named_after("."));
    }

    #[test]
    fn a_charge_before_allegedly_names_the_accuser() {
        assert!(legal_frame("The clerk was arrested on Monday for "));
        assert!(legal_frame("She faces two charges of "));
        assert!(!legal_frame("The clerk "));
        assert!(!legal_frame("The clerk, who was arrested last year, "));
    }

    #[test]
    fn supposedly_as_doubt_is_attributive_or_refuted() {
        assert!(doubted("They bought a ", " safe car."));
        assert!(doubted("The fund ", " held cash but in fact held none."));
        assert!(!doubted("The fund ", " held cash in three banks."));
        assert!(!doubted("The fund ", " held factual records."));
    }

    #[test]
    fn a_poll_is_a_survey_word_or_a_share_answering() {
        assert!(reports_poll("Of those polled, most backed the plan."));
        assert!(reports_poll("About 60% said they would move."));
        assert!(reports_poll(
            "Some 45 per cent of drivers thought the toll was fair."
        ));
        assert!(!reports_poll("Prices rose 5 pct, the ministry said."));
        assert!(!reports_poll("Fares rose by 10% last year."));
    }
}
