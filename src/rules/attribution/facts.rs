//! Work every attribution rule shares, computed once per story through
//! [`Context::facts`](crate::rules::Context::facts): the quotation mask, the attribution cues and
//! what they cover, the prefilter over the story, the weak-source audit (vague and anonymous
//! sources) and the source list that `copydesk sources`, the outline and the code lens show.

use super::alternatives::Alternatives;
use super::cues::{self, AnonLevel, Cue, NpKind};
use super::lists::{has, GRAMMAR, SOURCES};
use super::quotes::QuoteMask;
use super::vague::{self, VagueHit};
use super::{claims, prefilter, words};
use crate::config::{AttributionScope, Config};
use crate::document::{Document, Sentence};
use crate::finding::Span;
use crate::report::{Source, SourceKind};
use crate::rules::memo::{Local, Para, Paragraphs};
use crate::rules::{Context, Facts, Report};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::LazyLock;

/// One prefilter for the claim patterns (patterns 0-8, in [`claims::patterns`] order) and the
/// vague-source patterns (from [`VAGUE_FIRST`], in [`vague::patterns`] order).
pub(super) static PREFILTER: LazyLock<prefilter::Prefilter> = LazyLock::new(|| {
    let mut pats: Vec<&'static Alternatives> = claims::patterns().to_vec();
    pats.extend(vague::patterns());
    prefilter::Prefilter::new(&pats)
});
const VAGUE_FIRST: usize = 9;

/// An unnamed source found by the audit.
#[derive(Clone, Debug)]
pub struct AnonHit {
    /// Its cue, an index into [`Attribution::cues`].
    pub cue: usize,
    pub level: AnonLevel,
    /// The core of the source phrase ("two officials") and the whole phrase.
    pub head: Span,
    pub np: Span,
    /// A bare plural group ("Officials said").
    pub group: bool,
    /// The copy says why anonymity was granted (this sentence or the next).
    pub reason: bool,
}

impl AnonHit {
    /// Whether `attribution/anonymous-source` flags it: an unnamed source with no affiliation
    /// (the eval conventions' line); a described source is only a matter of the reason.
    pub fn unaffiliated(&self) -> bool {
        matches!(self.level, AnonLevel::Bare | AnonLevel::Unspecific)
    }
}

/// The attribution facts of one story.
pub struct Attribution {
    pub quotes: QuoteMask,
    pub cues: Vec<Cue>,
    /// Sentences and paragraphs that hold an attributing cue.
    pub sent_attr: Vec<bool>,
    pub para_attr: Vec<bool>,
    /// Paragraphs that hold any cue (a speaker for their quotations).
    pub para_speaker: Vec<bool>,
    /// Per sentence: which alternatives of the claim and vague patterns can match there (bits of
    /// [`PREFILTER`]).
    pub masks: Vec<u128>,
    pub vague: Vec<VagueHit>,
    pub anonymous: Vec<AnonHit>,
    /// Sentences already flagged for a weak source: their claims are not flagged again.
    pub sourcing_flagged: Vec<bool>,
    /// The page is a signed opinion or analysis column (a contributor note closes it): the
    /// columnist's own judgements are not claims to source.
    pub opinion: bool,
    scope: AttributionScope,
    sources_given: AtomicBool,
    /// Words the story capitalises inside a sentence (names), asked about on use.
    capitals_inside: Capitals,
}

impl Facts for Attribution {
    fn compute(cx: &Context) -> Self {
        let doc = cx.doc;
        let quotes = QuoteMask::new(doc);
        let capitals_inside = Capitals::default();
        let cues = if doc.sentences.is_empty() {
            Vec::new()
        } else {
            let named = |w: &str| capitals_inside.contains(&doc.prose, w);
            cues::find(cx, &quotes, &named)
        };
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
        // Per paragraph, so that the server's memo keeps each one's (the masks of a sentence
        // are the words in it; the vague patterns' matches, its words and the character before
        // the paragraph).
        let paras = cx.facts::<Paragraphs>();
        let before: Vec<Option<Span>> = doc
            .paragraphs
            .iter()
            .map(|p| {
                doc.prose[..p.span.start]
                    .chars()
                    .next_back()
                    .map(|c| Span::new(0, c as usize))
            })
            .collect();
        let local = cx.local_paras(
            &paras,
            doc.paragraphs.len(),
            |i| (i, before[i].as_slice()),
            para_local,
        );
        let mut masks = Vec::with_capacity(doc.sentences.len());
        for l in &local {
            masks.extend_from_slice(&l.masks);
        }
        let raw: Vec<&vague::ParaHits> = local.iter().map(|l| &l.vague).collect();
        let vague = if cx.has_memo() {
            vague_kept(cx, &paras, &raw, &quotes, &cues, &sent_attr, &para_attr)
        } else {
            vague::find(doc, &raw, &quotes, &cues, &sent_attr, &para_attr)
        };
        let anonymous = anonymous(doc, &cues, &vague, &|si| reason_near(cx, &paras, si));
        let mut sourcing_flagged = vec![false; doc.sentences.len()];
        for h in &vague {
            sourcing_flagged[h.sentence] = true;
        }
        for h in anonymous.iter().filter(|h| h.unaffiliated()) {
            sourcing_flagged[cues[h.cue].sentence] = true;
        }
        Attribution {
            quotes,
            cues,
            sent_attr,
            para_attr,
            para_speaker,
            masks,
            vague,
            anonymous,
            sourcing_flagged,
            opinion: doc.review
                || crate::document::genre::signed_opinion(&doc.prose, &doc.paragraphs),
            scope: cx.config.attribution_scope,
            sources_given: AtomicBool::new(false),
            capitals_inside,
        }
    }
}

/// One paragraph's vague hits, each with its pass ([`vague::find_in`]): offsets from the
/// paragraph's start, sentences from its first.
struct ParaVague(Vec<(u8, VagueHit)>);

/// [`vague::find`] with each paragraph's hits kept in the server's memo: the hits of a
/// paragraph found alone ([`vague::find_in`]) read its text and sentences, its raw matches
/// (the character before it), whether it is a headline, the quotations and readers'
/// contributions over it and its cues; those are its key. The lede's are found each time (the
/// next paragraph may name its documents). Paragraphs with no raw match and no vague cue have
/// none. Put together pass by pass, in story order, as `find` gives them.
#[allow(clippy::too_many_arguments)]
fn vague_kept(
    cx: &Context,
    paras: &Paragraphs,
    raw: &[&vague::ParaHits],
    quotes: &QuoteMask,
    cues: &[Cue],
    sent_attr: &[bool],
    para_attr: &[bool],
) -> Vec<VagueHit> {
    let doc = cx.doc;
    let lede = doc
        .paragraphs
        .iter()
        .position(|q| !q.headline && !q.sentences.is_empty());
    let none = Span {
        start: usize::MAX,
        end: usize::MAX,
    };
    let mut found = Vec::new();
    let mut marks: Vec<Span> = Vec::new();
    let mut next = 0;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        while next < cues.len() && cues[next].paragraph < pi {
            next += 1;
        }
        let from = next;
        while next < cues.len() && cues[next].paragraph == pi {
            next += 1;
        }
        let own = &cues[from..next];
        if raw[pi].iter().all(Vec::is_empty) && !own.iter().any(|c| c.kind == NpKind::Vague) {
            continue;
        }
        let (at, base) = (p.span.start, p.sentences.start);
        let make = || {
            ParaVague(
                vague::find_in(doc, raw, quotes, cues, sent_attr, para_attr, Some(pi))
                    .into_iter()
                    .map(|(pass, h)| (pass, h.moved(at, base, false)))
                    .collect(),
            )
        };
        if lede == Some(pi) {
            found.push((pi, Local::Made(make())));
            continue;
        }
        let rel = |s: Span| Span {
            start: s.start - at,
            end: s.end - at,
        };
        let before = doc.prose[..at]
            .chars()
            .next_back()
            .map_or(0, |c| c as usize + 1);
        marks.clear();
        marks.push(Span {
            start: usize::from(p.headline),
            end: before,
        });
        marks.push(none);
        quotes.within(p.span, &mut marks);
        let nq = marks.len() - 2;
        let c0 = doc.contributions.partition_point(|s| s.end <= at);
        for s in doc.contributions[c0..]
            .iter()
            .take_while(|s| s.start < p.span.end)
        {
            marks.push(Span {
                start: s.start.max(at) - at,
                end: s.end.min(p.span.end) - at,
            });
        }
        marks[1] = Span {
            start: nq,
            end: marks.len() - 2 - nq,
        };
        for c in own {
            marks.push(rel(c.verb));
            marks.push(c.np.map_or(none, rel));
            marks.push(c.head.map_or(none, rel));
            marks.push(Span {
                start: c.kind.code(),
                end: (c.sentence - base) * 2 + usize::from(c.prep),
            });
        }
        let para = Para {
            marks: &marks,
            ..paras.para(doc, pi)
        };
        found.push((pi, cx.local_made(para, make)));
    }
    let mut out: Vec<(u8, VagueHit)> = Vec::new();
    for (pi, hits) in &found {
        let p = &doc.paragraphs[*pi];
        out.extend(hits.0.iter().map(|(pass, h)| {
            (
                *pass,
                h.clone().moved(p.span.start, p.sentences.start, true),
            )
        }));
    }
    // A stable sort keeps story order within each pass.
    out.sort_by_key(|(pass, _)| *pass);
    out.into_iter().map(|(_, h)| h).collect()
}

/// One paragraph's local attribution work: the [`PREFILTER`] masks of its sentences and the
/// vague patterns' matches in them.
struct ParaLocal {
    masks: Vec<u128>,
    vague: vague::ParaHits,
}

/// [`ParaLocal`] of one paragraph. Its mark, if any: the character before the paragraph (as
/// the end of a span from 0), which counts for word boundaries.
fn para_local(para: Para, _: &Config) -> ParaLocal {
    let masks = PREFILTER.masks(para.prose, para.sentences);
    // Most paragraphs hold no word a vague pattern needs: nothing to search, no copy to make.
    if !masks.iter().any(|&m| PREFILTER.any_from(m, VAGUE_FIRST)) {
        return ParaLocal {
            masks,
            vague: Default::default(),
        };
    }
    let lead = para
        .marks
        .first()
        .and_then(|m| char::from_u32(m.end as u32));
    let hay = match lead {
        Some(c) => {
            let mut h = String::with_capacity(c.len_utf8() + para.prose.len());
            h.push(c);
            h.push_str(para.prose);
            std::borrow::Cow::Owned(h)
        }
        None => std::borrow::Cow::Borrowed(para.prose),
    };
    // The copy fits when the paragraph and its lead character do: told once here, so that no
    // search of a sentence (two per open pattern) scans it again (see `narrow::FitsScope`).
    let fits = crate::narrow::fits(para.prose)
        && lead.is_none_or(|c| crate::narrow::fits(c.encode_utf8(&mut [0; 4])));
    let _fits = crate::narrow::FitsScope::known(&hay, fits);
    let vague = vague::para_hits(
        &hay,
        lead.map_or(0, char::len_utf8),
        para.sentences,
        &masks,
        &PREFILTER,
        VAGUE_FIRST,
    );
    ParaLocal { masks, vague }
}

impl Attribution {
    /// Whether `word` is capitalised somewhere in the story other than at a sentence start (a
    /// name, not "But" or "Still"). One pass over the story, on first use.
    pub fn capitalised_inside(&self, doc: &Document, word: &str) -> bool {
        self.capitals_inside.contains(&doc.prose, word)
    }

    /// Whether sentence `si` is covered by an attribution under the configured scope.
    pub fn covered(&self, doc: &Document, si: usize) -> bool {
        match self.scope {
            AttributionScope::Sentence => self.sent_attr[si],
            AttributionScope::Paragraph => self.para_attr[doc.sentences[si].paragraph],
        }
    }

    /// Adds the story's source list to `report`, once per story whichever attribution rules
    /// are on (each rule's check calls this).
    pub fn give_sources(&self, cx: &Context, report: &mut Report) {
        if self.sources_given.swap(true, Ordering::Relaxed) {
            return;
        }
        let doc = cx.doc;
        if cx.leaves_sources() {
            // What the audit reads, copied out of the story: the cues and the sentences.
            let (cues, sentences, scope) = (self.cues.clone(), doc.sentences.clone(), self.scope);
            report.later_sources = Some(crate::report::LaterSources::new(move |text| {
                sources(text, &sentences, &cues, scope)
            }));
        } else {
            report
                .sources
                .extend(sources(doc.text, &doc.sentences, &self.cues, self.scope));
        }
    }
}

/// The searches [`Capitals`] makes for single words before it makes the whole set: each reads
/// the story once (a vectorised substring search, a small part of what the set costs), so a story
/// that asks about more words than this pays for the set instead.
const CAPITALS_ASKED: usize = 64;

/// The words the story capitalises inside a sentence ([`capitals_inside`]), answered one word
/// at a time by a search for it ([`capitalised_inside`]) while few are asked about: a wire story
/// asks about a few dozen, and the set of every name costs a pass over every capital.
#[derive(Default)]
struct Capitals {
    all: std::sync::OnceLock<HashSet<String>>,
    /// The words asked about so far (while `all` is not made), and their answers.
    asked: std::sync::Mutex<HashMap<String, bool>>,
}

impl Capitals {
    fn contains(&self, prose: &str, word: &str) -> bool {
        if let Some(all) = self.all.get() {
            return all.contains(word);
        }
        let mut asked = self
            .asked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&known) = asked.get(word) {
            return known;
        }
        if asked.len() >= CAPITALS_ASKED {
            drop(asked);
            return self
                .all
                .get_or_init(|| capitals_inside(prose))
                .contains(word);
        }
        let known = capitalised_inside(prose, word);
        asked.insert(word.to_string(), known);
        known
    }
}

/// Capitals and the first bytes of characters outside ASCII.
static CAPITAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_uppercase() || c >= 0xC0;
        c += 1;
    }
    t
};

/// The words of `p` capitalised after another word with nothing but spaces or commas between
/// (inside a sentence), without a trailing `'s`. Only the words that start after a space or a
/// comma with a capital or a character outside ASCII are read ([`inside_at`]).
fn capitals_inside(p: &str) -> HashSet<String> {
    let b = p.as_bytes();
    let mut set = HashSet::default();
    let mut next = 1;
    while let Some(k) = b
        .get(next..)
        .and_then(|r| r.iter().position(|&c| CAPITAL[c as usize]))
    {
        let at = next + k;
        next = at + 1;
        if let Some(t) = inside_at(p, at) {
            if !set.contains(t) {
                set.insert(t.to_string());
            }
        }
    }
    set
}

/// Whether [`capitals_inside`] of `p` holds `word`: the word is found where it is, by a search
/// for its bytes. Each place the set's word starts is a place `word` starts.
fn capitalised_inside(p: &str, word: &str) -> bool {
    word.as_bytes()
        .first()
        .is_some_and(|&c| CAPITAL[c as usize])
        && memchr::memmem::find_iter(p.as_bytes(), word.as_bytes())
            .any(|at| at >= 1 && inside_at(p, at) == Some(word))
}

/// The word of `p` that starts at byte `at` (a capital or a character outside ASCII, after a
/// space or a comma) without its trailing `'s`, if it is capitalised after another word with
/// nothing but spaces or commas between: read with the word before it, by a scan from a break
/// before both ([`words::iter_from`]).
fn inside_at(p: &str, at: usize) -> Option<&str> {
    let b = p.as_bytes();
    let gap = at - 1;
    if !matches!(b[gap], b' ' | b',') {
        return None;
    }
    // The word that starts at `at`, if one does, and the word before it.
    let mut from = gap;
    let (before, this) = loop {
        let q = words::break_before(p, from);
        let (mut before, mut this) = (None, None);
        for w in words::iter_from(p, q) {
            if w.start < at {
                before = Some(w);
                continue;
            }
            if w.start == at {
                this = Some(w);
            }
            break;
        }
        if before.is_some() || q == 0 {
            break (before, this);
        }
        from = q;
    };
    // The story's first word follows no word, whatever markup before it was blanked out.
    let (Some(before), Some(w)) = (before, this) else {
        return None;
    };
    let upper = match w.text.as_bytes()[0] {
        c if c.is_ascii() => c.is_ascii_uppercase(),
        _ => words::starts_upper(w.text),
    };
    let gap = &b[before.end..w.start];
    // After a word or a comma, with nothing but spaces between: inside a sentence.
    if upper && !gap.is_empty() && gap.iter().all(|&c| c == b' ' || c == b',') {
        // `trim_end_matches("'s")` then `("’s")`, without building a searcher per word.
        let mut t = w.text;
        while let Some(r) = t.strip_suffix("'s") {
            t = r;
        }
        while let Some(r) = t.strip_suffix("’s") {
            t = r;
        }
        return Some(t);
    }
    None
}

/// [`cues::reason_near`], each sentence read in the memo, when there is one (key: its
/// paragraph and its place there): not every anonymous cue's two sentences on every edit.
fn reason_near(cx: &Context, paras: &Paragraphs, si: usize) -> bool {
    let doc = cx.doc;
    if !cx.has_memo() {
        return cues::reason_near(doc, si);
    }
    (si..(si + 2).min(doc.sentences.len())).any(|i| {
        let s = &doc.sentences[i];
        match doc.paragraphs.get(s.paragraph).map(|p| p.span) {
            Some(p) if p.contains_span(s.span) => {
                let at = [Span::new(s.span.start - p.start, s.span.end - p.start)];
                *cx.local(
                    Para {
                        marks: &at,
                        ..paras.para(doc, s.paragraph)
                    },
                    reason_in,
                )
            }
            _ => cues::REASON.is_match(doc.prose_of(s.span)),
        }
    })
}

/// Whether the sentence `p.marks[0]` of paragraph `p` gives a reason for anonymity.
fn reason_in(p: Para, _: &Config) -> bool {
    cues::REASON.is_match(&p.prose[p.marks[0].range()])
}

/// The anonymous sources the copy cites, first found first; none that a vague hit already covers.
fn anonymous(
    doc: &Document,
    cues: &[Cue],
    vague: &[VagueHit],
    reason_near: &dyn Fn(usize) -> bool,
) -> Vec<AnonHit> {
    let mut out = Vec::new();
    // The vague hits in order of their starts, with the furthest end reached so far: those
    // overlapping a span are found by binary search (a scan of every hit for every cue was
    // quadratic in long copy).
    let mut taken: Vec<Span> = vague.iter().map(|v| v.span).collect();
    taken.sort_by_key(|s| s.start);
    let reach: Vec<usize> = taken
        .iter()
        .scan(0, |r, s| {
            *r = s.end.max(*r);
            Some(*r)
        })
        .collect();
    let overlaps_vague = |head: Span| {
        let i = reach.partition_point(|&r| r <= head.start);
        taken[i..]
            .iter()
            .take_while(|s| s.start < head.end)
            .any(|s| s.overlaps(head))
    };
    for (i, c) in cues.iter().enumerate() {
        let NpKind::Anon(level) = c.kind else {
            continue;
        };
        let (Some(head), Some(np)) = (c.head, c.np) else {
            continue;
        };
        if overlaps_vague(head) {
            continue;
        }
        if np.end <= c.verb.start
            && sends_object(&doc.prose[c.verb.end..doc.sentences[c.sentence].span.end])
        {
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
            && cues[..i]
                .iter()
                .rev()
                .take_while(|o| o.paragraph == c.paragraph)
                .any(|o| {
                    o.paragraph == c.paragraph
                        && o.sentence < c.sentence
                        && matches!(o.kind, NpKind::Named | NpKind::Described)
                })
        {
            continue;
        }
        out.push(AnonHit {
            cue: i,
            level,
            head,
            np,
            group,
            reason: reason_near(c.sentence),
        });
    }
    out
}

/// "A staffer emailed Ruiz the guest list under the subject line …": after the verb, a named
/// recipient and a noun phrase with no verb of its own is a thing sent, not a statement ("texted
/// Ruiz the meeting was off" is one).
fn sends_object(after: &str) -> bool {
    let g = &*GRAMMAR;
    let ws = words::words(after);
    let names = ws
        .iter()
        .take_while(|w| words::starts_upper(w.text))
        .count();
    (1..=3).contains(&names)
        && ws.get(names).is_some_and(|w| has(&g.determiners, w.text))
        && !ws[names + 1..]
            .iter()
            .take(6)
            .any(|w| has(&g.finite, w.text) || has(&g.that, w.text))
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
        // "Acme defended the cut, with a spokesperson saying …": the subject's spokesperson.
        let lead = before.trim_end();
        let lead = lead.strip_suffix("with").map_or(lead, str::trim_end);
        if named && lead.ends_with([',', '”', '\u{22}']) {
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

/// Whether sentence `si` is a headline or blurb title set in the body: a paragraph of one
/// sentence whose longer words are all capitalised ("Mayor Reportedly Quits Over Harbour Deal").
pub fn title_case(doc: &Document, si: usize) -> bool {
    let Some(s) = doc.sentences.get(si) else {
        return false;
    };
    let p = &doc.paragraphs[s.paragraph];
    if p.sentences.len() != 1 {
        return false;
    }
    // Stops at the first longer word in lower case: most sentences are read only to there.
    let mut long = 0;
    for w in words::iter(doc.prose_of(s.span)).map(|w| w.text) {
        if w.len() > 3 && w.chars().next().is_some_and(char::is_alphabetic) {
            if !words::starts_upper(w) {
                return false;
            }
            long += 1;
        }
    }
    long >= 3
}

/// The byte offset of a sentence's final full stop when it ends in plain prose (not inside a quotation).
pub fn end_stop(doc: &Document, sent: Span) -> Option<usize> {
    let t = doc.text.get(sent.range())?.trim_end();
    t.ends_with('.')
        .then(|| sent.start + t.len() - 1)
        .filter(|&at| {
            // Not the period of an abbreviation run like "U.S." at the very end? Still a fine place.
            !doc.text[..at].ends_with(['”', '\u{22}', '’'])
        })
}

fn key_of(name: &str) -> String {
    let mut l = name.trim().to_lowercase();
    if l.starts_with("the ") {
        l.drain(..4);
    }
    // Most names hold no apostrophe: one byte scan for both marks (`’` is E2 80 99), no
    // searcher built, no copy made.
    if l.bytes().any(|b| b == b'\'' || b == 0xE2) {
        if l.contains('’') {
            l = l.replace("’s", "");
        }
        if l.contains('\'') {
            l = l.replace("'s", "");
        }
    }
    l
}

/// The sources found so far, with hash indexes so that each cue costs the same however many
/// sources and mentions came before it (a linear `contains` here was 30% of a 4 MB run).
#[derive(Default)]
struct Audit {
    out: Vec<Source>,
    /// Exact keys (see [`key_of`]) to their source.
    keys: HashMap<String, usize>,
    /// The last word of each key of several words to the latest such source.
    heads: HashMap<String, usize>,
    /// The mentions and the covered sentences recorded so far, by source: one set each for
    /// all sources (a set per source cost two table allocations for each new one, and most
    /// sources of wire copy are named once).
    mentions: HashSet<(usize, Span)>,
    covers: HashSet<(usize, Span)>,
}

impl Audit {
    fn add(&mut self, name: &str, kind: SourceKind, mention: Span, covers: &[Span]) -> usize {
        let key = key_of(name);
        // "the ministry" after "Burkina Faso's defence ministry": the same source.
        // "Pellerin" after "Joan Pellerin": the same person.
        let found = self.keys.get(&key).copied().or_else(|| {
            (!key.contains(' '))
                .then(|| self.heads.get(&key).copied())
                .flatten()
        });
        let i = match found {
            Some(i) => i,
            None => {
                // Room for this mention and these covers, made once (most sources are named
                // once: the first push by doubling cost more than the allocation).
                self.out.push(Source {
                    name: name.trim().to_string(),
                    kind,
                    mentions: Vec::with_capacity(1),
                    covers: Vec::with_capacity(covers.len()),
                });
                let i = self.out.len() - 1;
                if key.contains(' ') {
                    let head = key.rsplit(' ').next().unwrap_or("").to_string();
                    self.heads.insert(head, i);
                }
                self.keys.insert(key, i);
                i
            }
        };
        if self.mentions.insert((i, mention)) {
            self.out[i].mentions.push(mention);
        }
        self.cover(i, covers);
        i
    }

    fn cover(&mut self, i: usize, covers: &[Span]) {
        for &c in covers {
            if self.covers.insert((i, c)) {
                self.out[i].covers.push(c);
            }
        }
    }
}

/// The source audit: every source the copy cites, in order of first mention, with the sentences
/// each one covers.
fn sources(
    text: &str,
    sentences: &[Sentence],
    cues: &[Cue],
    scope: AttributionScope,
) -> Vec<Source> {
    // Room for a source per cue, a mention per cue and a few covered sentences per cue, made
    // once (the tables grew by doubling, rehashing each time).
    let mut audit = Audit {
        out: Vec::with_capacity(cues.len()),
        keys: HashMap::with_capacity_and_hasher(cues.len(), Default::default()),
        heads: HashMap::default(),
        mentions: HashSet::with_capacity_and_hasher(cues.len(), Default::default()),
        covers: HashSet::with_capacity_and_hasher(2 * cues.len(), Default::default()),
    };
    let mut last: Option<usize> = None;
    // The latest source named through a cue that reads as an organisation, and as a person not
    // merely described: what "it said" and "she said" refer to.
    let mut last_org: Option<usize> = None;
    let mut last_person: Option<usize> = None;
    // Sentences with their own attribution, to end a cue's coverage at the next one.
    let mut has_cue = vec![false; sentences.len()];
    for c in cues {
        if c.kind.attributes() {
            has_cue[c.sentence] = true;
        }
    }
    // Filled afresh for each cue (one buffer, not a vector allocated per cue).
    let mut covers: Vec<Span> = Vec::new();
    let covers_of = |si: usize, v: &mut Vec<Span>| {
        v.clear();
        v.push(sentences[si].span);
        if scope == AttributionScope::Paragraph {
            let p = sentences[si].paragraph;
            let mut j = si + 1;
            while j < sentences.len() && sentences[j].paragraph == p && !has_cue[j] {
                v.push(sentences[j].span);
                j += 1;
            }
        }
    };
    for c in cues {
        covers_of(c.sentence, &mut covers);
        let covers = covers.as_slice();
        let outlets = |audit: &mut Audit| {
            for o in &c.outlets {
                audit.add(&text[o.range()], SourceKind::Named, *o, covers);
            }
        };
        let Some(head) = c.head else {
            outlets(&mut audit);
            continue;
        };
        let name = &text[head.range()];
        let kind = match c.kind {
            NpKind::Named => SourceKind::Named,
            NpKind::Described => SourceKind::Described,
            NpKind::Anon(_) => SourceKind::Anonymous,
            NpKind::Pronoun => {
                let pron = name.to_ascii_lowercase();
                let pick = if has(&SOURCES.org_pronouns, &pron) {
                    last_org
                } else if has(&SOURCES.person_pronouns, &pron) {
                    last_person
                } else {
                    last
                };
                if let Some(i) = pick.or(last) {
                    audit.out[i].mentions.push(head);
                    audit.mentions.insert((i, head));
                    audit.cover(i, covers);
                }
                outlets(&mut audit);
                continue;
            }
            _ => {
                outlets(&mut audit);
                continue;
            }
        };
        let i = audit.add(name, kind, head, covers);
        last = Some(i);
        if looks_like_org(&audit.out[i].name) {
            last_org = Some(i);
        } else if audit.out[i].kind != SourceKind::Described {
            last_person = Some(i);
        }
        outlets(&mut audit);
    }
    audit.out
}

/// Whether a source name reads as an organisation ("it said") rather than a person ("she said").
fn looks_like_org(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| has(&SOURCES.org_words, w))
}

#[cfg(test)]
mod capitals_tests {
    use super::HashSet;
    use proptest::prelude::*;

    /// [`super::capitals_inside`] as one scan of every word.
    fn capitals_inside_everywhere(p: &str) -> HashSet<String> {
        let mut set = HashSet::default();
        let mut prev_end = 0;
        for w in super::words::iter(p) {
            let gap = &p.as_bytes()[prev_end..w.start];
            // The story's first word follows no word, whatever markup before it was blanked out.
            let after_word = prev_end > 0;
            prev_end = w.end;
            let upper = match w.text.as_bytes()[0] {
                b if b.is_ascii() => b.is_ascii_uppercase(),
                _ => super::words::starts_upper(w.text),
            };
            if !upper {
                continue;
            }
            // After a word or a comma, with nothing but spaces between: inside a sentence.
            let inside =
                after_word && !gap.is_empty() && gap.iter().all(|&b| b == b' ' || b == b',');
            if inside {
                // `trim_end_matches("'s")` then `("’s")`, without building a searcher per word.
                let mut t = w.text;
                while let Some(r) = t.strip_suffix("'s") {
                    t = r;
                }
                while let Some(r) = t.strip_suffix("’s") {
                    t = r;
                }
                if !set.contains(t) {
                    set.insert(t.to_string());
                }
            }
        }
        set
    }

    proptest! {
        #[test]
        fn reading_after_spaces_and_commas_finds_what_one_scan_of_every_word_finds(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("Ann"), Just("ann"), Just("U.S."), Just("Inc."), Just("Lee's"),
                    Just("Émile"), Just("émile"), Just("Ж"), Just(" "), Just(","), Just(", "),
                    Just(". "), Just("."), Just("-"), Just(" - "), Just("'"), Just("’"),
                    Just("’s"), Just("1,000"), Just("7"), Just("“"), Just("\n"), Just("x"),
                    Just("&"), Just("  "),
                ],
                0..40,
            ),
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(super::capitals_inside(&text), capitals_inside_everywhere(&text));
        }

        /// One word at a time, by a search for it, as the whole set answers (every word of the
        /// text, trimmed or not, and a few that are not in it).
        #[test]
        fn a_search_for_one_word_answers_as_the_set_does(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("Ann"), Just("ann"), Just("Anna"), Just("U.S."), Just("Lee's"),
                    Just("Lee"), Just("Émile"), Just(" "), Just(","), Just(", "), Just(". "),
                    Just("-"), Just("'"), Just("’s"), Just("7"), Just("“"), Just("x"),
                    Just("  "), Just("AnnAnn"),
                ],
                0..40,
            ),
        ) {
            let text: String = parts.concat();
            let set = super::capitals_inside(&text);
            let mut asked: Vec<&str> = super::words::iter(&text).map(|w| w.text).collect();
            asked.extend(["Ann", "Lee", "Émile", "U.S", "", "A", "ann"]);
            let capitals = super::Capitals::default();
            for w in asked {
                prop_assert_eq!(super::capitalised_inside(&text, w), set.contains(w), "{}", w);
                prop_assert_eq!(capitals.contains(&text, w), set.contains(w), "{}", w);
            }
        }
    }

    #[test]
    fn past_the_searches_for_single_words_the_whole_set_answers() {
        let text = "The mayor met Ann and Bob, then Carl.";
        let capitals = super::Capitals::default();
        for k in 0..super::CAPITALS_ASKED {
            assert!(!capitals.contains(text, &format!("W{k}")));
        }
        assert!(capitals.all.get().is_none());
        assert!(capitals.contains(text, "Carl") && !capitals.contains(text, "The"));
        assert!(capitals.all.get().is_some());
        assert!(capitals.contains(text, "Ann") && !capitals.contains(text, "mayor"));
    }

    proptest! {
        /// The source key as it was first written: lowercased, one leading "the " dropped,
        /// then every "’s" and every "'s" removed.
        #[test]
        fn source_keys_are_made_as_by_copies(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("The "), Just("the "), Just("THE "), Just("the"), Just(" "), Just("’s"),
                    Just("'s"), Just("'"), Just("’"), Just("s"), Just("Ann"), Just("É"),
                    Just("İ"), Just("x"),
                ],
                0..12,
            ),
        ) {
            let name: String = parts.concat();
            let l = name.trim().to_lowercase();
            let l = l.strip_prefix("the ").unwrap_or(&l).to_string();
            let want = l.replace("’s", "").replace("'s", "");
            prop_assert_eq!(super::key_of(&name), want);
        }
    }

    #[test]
    fn names_inside_sentences_not_at_their_starts() {
        let set =
            super::capitals_inside("Still, the mayor met Ann Lee's aides, and Bob. Carl left.");
        let mut got: Vec<&str> = set.iter().map(String::as_str).collect();
        got.sort_unstable();
        assert_eq!(got, ["Ann", "Bob", "Lee"]);
    }
}

#[cfg(test)]
mod key_tests {
    use proptest::prelude::*;

    /// [`super::key_of`] as it was: a `contains` search for each mark.
    fn key_of_searched(name: &str) -> String {
        let mut l = name.trim().to_lowercase();
        if l.starts_with("the ") {
            l.drain(..4);
        }
        if l.contains('’') {
            l = l.replace("’s", "");
        }
        if l.contains('\'') {
            l = l.replace("'s", "");
        }
        l
    }

    proptest! {
        /// The byte scan for either mark keys a name as the two searches did.
        #[test]
        fn a_key_is_the_key_the_searches_made(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("The "), Just("the "), Just("Ruiz"), Just("’s"), Just("'s"), Just("’"),
                    Just("'"), Just("S"), Just("s"), Just(" "), Just("€"), Just("–"), Just("‘"),
                    Just("İ"), Just("ministry"), Just("\u{2019}S"),
                ],
                0..12,
            ),
        ) {
            let name: String = parts.concat();
            prop_assert_eq!(super::key_of(&name), key_of_searched(&name));
        }
    }
}
