//! Attribution cues: where the copy says who supplied a fact ("the ministry said", "said Ana Ruiz",
//! "according to the agency", "told Reuters", "in a statement"), and the source each one names.

use super::lists::{has, slot, CLAIMS, CUES, GRAMMAR, SOURCES};
use super::quotes::QuoteMask;
use super::words::{self, starts_upper, Word};
use crate::config::Config;
use crate::document::{Document, Sentence};
use crate::finding::Span;
use crate::narrow::Tiered;
use crate::rules::memo::{Para, Paragraphs};
use crate::rules::Context;
use std::sync::LazyLock;

/// How a source is identified, as far as these rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NpKind {
    Named,
    Described,
    /// "he", "they": refers back to an earlier source.
    Pronoun,
    /// A "TK" left by a fix: a source is promised.
    Placeholder,
    /// Attribution without a recoverable source phrase ("in a statement").
    Unknown,
    /// Weasel attribution: "critics", "some experts", "polls".
    Vague,
    Anon(AnonLevel),
}

/// The anonymous-source ladder, from worst to acceptable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnonLevel {
    /// "a source", "sources", "one source".
    Bare,
    /// "an official", "two authorities": no agency, no rank.
    Unspecific,
    /// "a senior official at the ministry", "two people familiar with the talks".
    Described,
}

impl NpKind {
    /// A number for each kind, distinct, as a memo key spells a cue's kind.
    pub fn code(self) -> usize {
        match self {
            NpKind::Named => 0,
            NpKind::Described => 1,
            NpKind::Pronoun => 2,
            NpKind::Placeholder => 3,
            NpKind::Unknown => 4,
            NpKind::Vague => 5,
            NpKind::Anon(AnonLevel::Bare) => 6,
            NpKind::Anon(AnonLevel::Unspecific) => 7,
            NpKind::Anon(AnonLevel::Described) => 8,
        }
    }

    /// Whether this cue supplies attribution for the sentences it covers.
    pub fn attributes(self) -> bool {
        !matches!(self, NpKind::Vague)
    }
}

#[derive(Clone, Debug)]
pub struct Cue {
    /// The cue words ("said", "according to", "in a statement").
    pub verb: Span,
    pub sentence: usize,
    pub paragraph: usize,
    /// The whole source phrase, with any appositive ("Dana Ruiz, a council member").
    pub np: Option<Span>,
    /// The core of the source phrase (up to its first comma): what the audit shows and the
    /// anonymous/vague findings mark.
    pub head: Option<Span>,
    pub kind: NpKind,
    /// News outlets that received the statement ("told Reuters and AFP"): cited outlets.
    pub outlets: Vec<Span>,
    /// A prepositional cue ("in a statement") rather than a verb.
    pub prep: bool,
}

pub(super) static CUE: LazyLock<Tiered> = LazyLock::new(|| {
    Tiered::new(
        super::patterns::CUE
            .sources
            .iter()
            .map(|s| s.to_string())
            .collect(),
        regex_automata::meta::Config::new().auto_prefilter(false),
    )
});

/// Run on one sentence at a time: built without literal prefilters.
pub(super) static REASON: LazyLock<Tiered> =
    LazyLock::new(|| super::alternatives::tiered(super::patterns::REASON.sources[0].to_string()));

/// Whether a reason for anonymity is given in sentence `si` or the next one.
pub fn reason_near(doc: &Document, si: usize) -> bool {
    (si..(si + 2).min(doc.sentences.len()))
        .any(|i| REASON.is_match(doc.prose_of(doc.sentences[i].span)))
}

/// Every attribution cue in the writer's voice, in document order.
/// `named` tells whether the story capitalises a word inside its sentences (a name).
///
/// What one paragraph's cues are depends on its own prose and sentences, the quotations over it
/// and the cue words found in it: that part is local work ([`para_cues`], kept in the server's
/// memo). The story adds the rest: the cue words are found over the whole prose (a match that
/// runs across a paragraph break is no cue, but it hides the words it covers), the outlet of the
/// story's own dateline is no cited outlet, and a speaker label counts only when the story
/// capitalises its name inside a sentence.
pub fn find(cx: &Context, quotes: &QuoteMask, named: &dyn Fn(&str) -> bool) -> Vec<Cue> {
    let doc = cx.doc;
    let own_outlet = own_outlet(doc);
    // Windows only for a long story: a short one is scanned at once, and its windows would
    // be kept in the memo at twice its length.
    let words = match cx.has_memo() && doc.prose.len() >= WINDOWS_FROM {
        true => cue_words_windowed(cx),
        false => None,
    };
    let words = words.unwrap_or_else(|| cue_words(&doc.prose));
    // The cue words, by paragraph (document order).
    let mut found: Vec<(usize, Span, usize)> = Vec::with_capacity(words.len());
    // The words are in story order: the sentence and the quotation at each are found by
    // walking on from the last word's (as `Document::sentence_at` and `QuoteMask::contains`
    // find them, without a search of the whole story per word).
    let (mut si, mut qi) = (0, 0);
    let spans = quotes.spans();
    for (verb, pattern) in words {
        let off = verb.start;
        while qi < spans.len() && spans[qi].end <= off {
            qi += 1;
        }
        if spans.get(qi).is_some_and(|s| s.start <= off) {
            continue;
        }
        while si < doc.sentences.len() && doc.sentences[si].span.end <= off {
            si += 1;
        }
        let Some(s) = doc.sentences.get(si).filter(|s| s.span.start <= off) else {
            continue;
        };
        if doc.paragraphs.get(s.paragraph).is_none_or(|p| p.headline) {
            continue;
        }
        found.push((s.paragraph, verb, pattern));
    }
    let paras = cx.facts::<Paragraphs>();
    let mut labels = Vec::new();
    // About one cue per cue word: room made once, not by doubling a long story's list.
    let mut out = Vec::with_capacity(found.len());
    // Each paragraph's marks (its quotations and cue words), then its local work (shared with
    // a helper thread on a long story: see `Context::map`), then its cues put in place. The
    // marks of all paragraphs are kept in one list (not a list each): `marked` holds each
    // one's paragraph and its part of the list.
    let mut flat: Vec<Span> = Vec::with_capacity(3 * doc.paragraphs.len() + 2 * found.len());
    let mut marked: Vec<(usize, usize, usize)> = Vec::new();
    let mut next = 0;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let from = next;
        while next < found.len() && found[next].0 == pi {
            next += 1;
        }
        if p.headline || p.sentences.is_empty() {
            continue;
        }
        let at = p.span.start;
        let first = flat.len();
        // The count, the quotations, the cue words and their groups.
        flat.push(Span {
            start: 0,
            end: next - from,
        });
        quotes.within(p.span, &mut flat);
        flat[first].start = flat.len() - first - 1;
        flat.extend(
            found[from..next]
                .iter()
                .map(|&(_, v, _)| Span::new(v.start - at, v.end - at)),
        );
        flat.extend(found[from..next].iter().map(|&(.., g)| Span::new(g, g)));
        marked.push((pi, first, flat.len()));
    }
    let locals = cx.map(marked.len(), |k| {
        let (pi, a, b) = marked[k];
        cx.local(
            Para {
                marks: &flat[a..b],
                ..paras.para(doc, pi)
            },
            para_cues,
        )
    });
    for (&(pi, ..), local) in marked.iter().zip(&locals) {
        let p = &doc.paragraphs[pi];
        let at = p.span.start;
        let place = |c: &Cue| Cue {
            verb: c.verb.shift(at),
            sentence: p.sentences.start + c.sentence,
            paragraph: pi,
            np: c.np.map(|s| s.shift(at)),
            head: c.head.map(|s| s.shift(at)),
            kind: c.kind,
            outlets: c
                .outlets
                .iter()
                .map(|o| o.shift(at))
                .filter(|o| {
                    let o = &doc.prose[o.range()];
                    let c = &*CUES;
                    own_outlet.as_deref().is_none_or(|own| {
                        !own.eq_ignore_ascii_case(o)
                            && !c
                                .own_outlet_aliases
                                .iter()
                                .any(|g| has(g, own) && has(g, o))
                    })
                })
                .collect(),
            prep: c.prep,
        };
        for (c, word) in &local.labels {
            if word.is_none_or(|w| named(&doc.prose[w.shift(at).range()])) {
                labels.push(place(c));
            }
        }
        out.extend(local.cues.iter().map(place));
    }
    // Labels first (a story rarely has any: the cues are not copied then).
    let mut out = if labels.is_empty() {
        out
    } else {
        labels.append(&mut out);
        labels
    };
    // "the ministry said in a statement": the verb carries the source; drop the prepositional cue.
    let mut verb_sentence = vec![false; doc.sentences.len()];
    for c in out.iter().filter(|c| !c.prep) {
        verb_sentence[c.sentence] = true;
    }
    out.retain(|c| !c.prep || !verb_sentence[c.sentence]);
    out.sort_by_key(|c| c.verb.start);
    out
}

/// The shortest prose scanned by windows ([`cue_words_windowed`]).
const WINDOWS_FROM: usize = crate::document::prose::KEEP_FROM;

/// Every match of [`CUE`] in `prose` (successive, non-overlapping) and its pattern.
fn cue_words(prose: &str) -> Vec<(Span, usize)> {
    CUE.get(prose)
        .find_iter(prose)
        .map(|m| (Span::new(m.start(), m.end()), m.pattern().as_usize()))
        .collect()
}

/// [`cue_words`] of the story's prose, made from windows of it kept in the server's memo (an
/// edit rescans the windows that hold the changed paragraph, not the story); None when the
/// story must be scanned whole.
///
/// Why it is the same: the prose is cut into regions, each a paragraph and the gap after it
/// (the first also what comes before it). A scan of the whole prose is the scans of the regions
/// one after another as long as no match runs from one region into the next (the scan then
/// enters each region at its start, as a scan of the region alone does). A match has at most
/// [`CUE_RUNS`] runs of white space, so a match starting in a region ends before the end of the
/// first paragraph by which the text after the region has more runs than that: the region's
/// window (region and text up to there) holds every match that starts in the region, and the
/// scan of the window from its start finds the whole scan's matches in the region, and sees
/// any that runs out of it (then the story is scanned whole). A window is cut where the
/// characters on either side are white space (`\b` reads them as it reads the ends of text).
fn cue_words_windowed(cx: &Context) -> Option<Vec<(Span, usize)>> {
    let doc = cx.doc;
    let prose = &doc.prose;
    let bytes = prose.as_bytes();
    let runs = (*CUE_RUNS)?;
    let paras = &doc.paragraphs;
    if paras.len() < 2 {
        return None;
    }
    let space = |at: usize| bytes.get(at).is_none_or(|b| b.is_ascii_whitespace());
    let mut out = Vec::new();
    let mut next = 0;
    for i in 0..paras.len() {
        let start = if i == 0 { 0 } else { paras[i].span.start };
        // The region ends where the next paragraph starts.
        let own = paras.get(i + 1).map_or(prose.len(), |p| p.span.start);
        // The window's end: the end of the paragraph by which the text from `own` has more
        // than `runs` runs of white space (each counted at an ASCII white space that follows a
        // character that is not white space: its run starts there).
        let mut end = prose.len();
        if own < prose.len() {
            let mut seen = 0;
            let mut at = own + 1;
            while at < bytes.len() {
                if bytes[at].is_ascii_whitespace() && !white_before(prose, at) {
                    seen += 1;
                    if seen > runs {
                        break;
                    }
                }
                at += 1;
            }
            if at < bytes.len() {
                // The first paragraph ending after that run's start: the run ends inside it
                // or before it (a paragraph ends on a character that is not white space).
                next = next.max(i + 1);
                while next < paras.len() && paras[next].span.end <= at {
                    next += 1;
                }
                end = paras.get(next).map_or(prose.len(), |p| p.span.end);
            }
        }
        if !(start == 0 || space(start - 1)) || !space(end) {
            return None;
        }
        let window = &prose[start..end];
        let mark = [Span::new(own - start, own - start)];
        let w = cx.local(Para::of(window, window, &mark), window_cues);
        if w.runs_out {
            return None;
        }
        out.extend(w.words.iter().map(|&(s, e, p)| {
            (
                Span::new(start + s as usize, start + e as usize),
                p as usize,
            )
        }));
    }
    Some(out)
}

/// Whether the character before byte `at` (a character boundary) of `text` is white space.
fn white_before(text: &str, at: usize) -> bool {
    let b = text.as_bytes()[at - 1];
    if b.is_ascii() {
        return b.is_ascii_whitespace();
    }
    text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_whitespace)
}

/// The [`CUE`] matches of a window that start in its region (see [`cue_words_windowed`]).
struct WindowCues {
    /// From the window's start, and the pattern.
    words: Vec<(u32, u32, u32)>,
    /// A match starting in the region ends after it.
    runs_out: bool,
}

/// [`WindowCues`] of the window `p.prose` whose region ends at `p.marks[0].start`.
fn window_cues(p: Para, _: &Config) -> WindowCues {
    let own = p.marks.first().map_or(p.prose.len(), |m| m.start);
    let mut words = Vec::new();
    for m in CUE.get(p.prose).find_iter(p.prose) {
        if m.start() >= own {
            break;
        }
        if m.end() > own {
            return WindowCues {
                words,
                runs_out: true,
            };
        }
        words.push((
            m.start() as u32,
            m.end() as u32,
            m.pattern().as_usize() as u32,
        ));
    }
    WindowCues {
        words,
        runs_out: false,
    }
}

/// The most runs of white space one match of [`CUE`] can hold (None: no bound, or the patterns
/// do not parse here), from the patterns: a run needs an element that can match white space,
/// and a repeated element that matches only white space makes one run however often it repeats.
static CUE_RUNS: LazyLock<Option<usize>> = LazyLock::new(|| {
    super::patterns::CUE
        .sources
        .iter()
        .map(|s| regex_syntax::parse(s).ok().and_then(|h| max_runs(&h)))
        .try_fold(0, |m, r| Some(m.max(r?)))
});

fn max_runs(h: &regex_syntax::hir::Hir) -> Option<usize> {
    use regex_syntax::hir::{Class, HirKind};
    let white = |c: char| c.is_whitespace();
    // (can match white space, matches nothing else)
    let class = |c: &Class| -> (bool, bool) {
        match c {
            Class::Unicode(u) => {
                // White space is below U+3001: look no further.
                let any = u
                    .iter()
                    .any(|r| (r.start()..=r.end().min('\u{3001}')).any(white));
                let only = u.iter().all(|r| (r.start()..=r.end()).all(white));
                (any, any && only)
            }
            Class::Bytes(b) => {
                let any = b
                    .iter()
                    .any(|r| (r.start()..=r.end()).any(|x| x.is_ascii_whitespace() || x >= 0x80));
                let only = b
                    .iter()
                    .all(|r| (r.start()..=r.end()).all(|x| x.is_ascii_whitespace()));
                (any, any && only)
            }
        }
    };
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(l) => Some(
            String::from_utf8_lossy(&l.0)
                .chars()
                .filter(|&c| white(c) || c == char::REPLACEMENT_CHARACTER)
                .count(),
        ),
        HirKind::Class(c) => Some(usize::from(class(c).0)),
        HirKind::Repetition(r) => {
            let n = max_runs(&r.sub)?;
            let only_white = matches!(r.sub.kind(), HirKind::Class(c) if class(c).1);
            match (n, only_white, r.max) {
                (0, ..) => Some(0),
                (_, true, _) => Some(n),
                (_, false, Some(m)) => Some(n * m as usize),
                (_, false, None) => None,
            }
        }
        HirKind::Capture(c) => max_runs(&c.sub),
        HirKind::Concat(v) => v.iter().try_fold(0, |t, h| Some(t + max_runs(h)?)),
        HirKind::Alternation(v) => v.iter().try_fold(0, |t, h| Some(t.max(max_runs(h)?))),
    }
}

/// One paragraph's cues (see [`find`]), offsets from its start: its speaker labels, each with
/// the name the story must capitalise inside a sentence (if any), and what its cue words make.
pub struct ParaCues {
    labels: Vec<(Cue, Option<Span>)>,
    cues: Vec<Cue>,
}

/// [`ParaCues`] of one paragraph. Its marks: a count (quotations, cue words), the quotations
/// over it, its cue words, and each cue word's group as an empty span.
fn para_cues(para: Para, _: &Config) -> ParaCues {
    let (nq, nm) = (para.marks[0].start, para.marks[0].end);
    let quotes = QuoteMask::from_spans(para.marks[1..1 + nq].to_vec());
    let verbs = &para.marks[1 + nq..1 + nq + nm];
    let groups = &para.marks[1 + nq + nm..];
    let sentence_at = |off: usize| {
        let i = para.sentences.partition_point(|s| s.end <= off);
        para.sentences
            .get(i)
            .filter(|s| s.start <= off)
            .map(|&s| (i, s))
    };
    let mut cues = Vec::new();
    for (&verb, g) in verbs.iter().zip(groups) {
        let Some((si, sent)) = sentence_at(verb.start) else {
            continue;
        };
        let group = match g.start {
            0 | 1 => Group::SourceAfter,
            2 => Group::Prep,
            _ => Group::Verb,
        };
        if let Some(cue) = analyse(para.prose, sent, &quotes, verb, group, si) {
            cues.push(cue);
        }
    }
    ParaCues {
        labels: speaker_label(para.prose, &sentence_at)
            .into_iter()
            .collect(),
        cues,
    }
}

/// A line that ends on a closing quotation mark, a dash and a name (a pull quote or a reader's
/// comment: "“…” ― Ana Ruiz"): its name.
pub(super) static SIGNED_LINE: LazyLock<Tiered> =
    LazyLock::new(|| super::alternatives::tiered(super::patterns::SIGNED_LINE_T.to_string()));

/// [`SIGNED_LINE`]'s first match in `text`. Every match opens on `”`, `"` or `’` (the pattern's
/// first class): a paragraph with none of their last bytes (9D, 22, 99) has none, and is not
/// searched.
fn signed_line(text: &str) -> Option<crate::narrow::Caps<'_>> {
    memchr::memchr3(b'\x22', 0x9D, 0x99, text.as_bytes())?;
    SIGNED_LINE.captures(text)
}

/// "Ruiz: We will appeal.", "Okafor: ‘Not this year.’": a paragraph opened by a speaker's name
/// and a colon (an interview transcript, a quote box) is that speaker's. The name is one to three
/// capitalised words the story also capitalises inside its sentences (so "Update:" or "Note:"
/// is no speaker: the word to look up is returned beside the cue), not in capitals throughout
/// (a dateline). One paragraph's prose (not a headline, with sentences), offsets from its start.
fn speaker_label(
    text: &str,
    sentence_at: &dyn Fn(usize) -> Option<(usize, Span)>,
) -> Option<(Cue, Option<Span>)> {
    // Signed lines: the line is its signer's (one cue per paragraph covers it).
    if let Some(c) = signed_line(text) {
        let g = c.get(1).expect("group 1");
        let name = Span::new(g.start(), g.end());
        if let Some((si, _)) = sentence_at(name.start) {
            let verb = Span::new(c.get(0).expect("group 0").start(), name.start);
            return Some((named_cue(name, verb, si, 0), None));
        }
    }
    let colon = text.get(..text.len().min(40)).and_then(|t| t.find(':'))?;
    let label = &text[..colon];
    let ws = words::words(label);
    let all_caps = |w: &str| w.len() > 1 && !w.chars().any(char::is_lowercase);
    let ok = (1..=3).contains(&ws.len())
        && label.trim().len() == label.len()
        && ws.iter().all(|w| starts_upper(w.text) && !all_caps(w.text))
        && !label.contains(['.', ',', '“', '\u{22}', '(', '—'])
        && text[colon + 1..].starts_with(' ');
    if !ok {
        return None;
    }
    let last = ws.last()?;
    let name = Span::new(0, colon);
    let verb = Span::new(name.end, name.end + 1);
    Some((
        named_cue(name, verb, 0, 0),
        Some(Span::new(last.start, last.end)),
    ))
}

/// A cue whose whole source is the name at `name` (a speaker label or a signature).
fn named_cue(name: Span, verb: Span, sentence: usize, paragraph: usize) -> Cue {
    Cue {
        verb,
        sentence,
        paragraph,
        np: Some(name),
        head: Some(name),
        kind: NpKind::Named,
        outlets: Vec::new(),
        prep: false,
    }
}

/// The agency in the story's own wire dateline ("(Reuters)"), whose "told Reuters" is first-hand.
fn own_outlet(doc: &Document) -> Option<String> {
    let w = doc.wire_dateline?;
    let t = doc.text.get(w.span.range())?;
    let open = t.find('(')?;
    let close = t[open..].find(')')? + open;
    Some(t[open + 1..close].trim().to_string())
}

/// Which kind of cue matched.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    /// "according to X", "was said by X": the source follows.
    SourceAfter,
    /// "in a statement": the clause subject is the source.
    Prep,
    Verb,
}

/// The cue that the cue words at `verb` make in sentence `si` (span `sent`) of `prose`: one
/// paragraph, offsets from its start (its paragraph is 0); every outlet told is listed.
fn analyse(
    prose: &str,
    sent: Span,
    quotes: &QuoteMask,
    verb: Span,
    group: Group,
    si: usize,
) -> Option<Cue> {
    let sent = Sentence {
        span: sent,
        paragraph: 0,
    };
    // A cue straddling the end of its sentence is not a cue (and would slice past it).
    if verb.end > sent.span.end {
        return None;
    }
    let vtext = &prose[verb.range()];
    // The words as written: every list lookup ([`has`]) folds ASCII case itself, and suffixes
    // are compared folded ([`ends_folded`]), so nothing is lowercased into a new string.
    let first_word = vtext.split_whitespace().next().unwrap_or("");
    // A cue word capitalised mid-sentence is a name ("United States"), not a verb.
    if starts_upper(vtext)
        && verb.start != sent.span.start
        && !prose[sent.span.start..verb.start]
            .trim_end()
            .ends_with([',', '“', '\u{22}', '—', ':'])
    {
        return None;
    }
    let before = &prose[sent.span.start..verb.start];
    let before_last = last_word(before);
    let prev = before_last.map(|w| w.text);
    let after = &prose[verb.end..sent.span.end];
    // The first nine words after the verb, on the stack.
    let mut nine = [Word {
        start: 0,
        end: 0,
        text: "",
    }; 9];
    let mut n = 0;
    for w in words::iter(after).take(9) {
        nine[n] = w;
        n += 1;
    }
    let after_words = &nine[..n];
    let next = after_words.first().map(|w| w.text);
    let mut cue = Cue {
        verb,
        sentence: si,
        paragraph: sent.paragraph,
        np: None,
        head: None,
        kind: NpKind::Unknown,
        outlets: Vec::new(),
        prep: false,
    };

    // "according to X", "said by X to", "quoting X": the source follows.
    let (g, c) = (&*GRAMMAR, &*CUES);
    if group == Group::SourceAfter || has(&c.source_after, first_word) {
        let np = np_after(prose, verb.end, sent.span.end, quotes);
        if let Some(np) = np {
            cue.kind = classify(&prose[np.range()]);
            // "according to new figures released by the trade body": whose figures follows.
            let tail = words::iter(&prose[np.end..sent.span.end]).next();
            if cue.kind == NpKind::Vague
                && tail.is_some_and(|w| has(&SOURCES.doc_tails, w.text))
                && prose[np.end..sent.span.end]
                    .trim_start()
                    .starts_with(char::is_alphabetic)
            {
                cue.kind = NpKind::Described;
            }
            cue.head = Some(head_of(prose, np));
            cue.np = Some(np);
        }
        return Some(cue);
    }
    // Prepositional cues ("in a statement", "at a news conference"): the source is the clause subject.
    if group == Group::Prep {
        cue.prep = true;
        if let Some(np) = clause_subject(prose, sent.span.start, verb.start, quotes) {
            cue.kind = classify(&prose[np.range()]);
            cue.head = Some(head_of(prose, np));
            cue.np = Some(np);
        }
        return Some(cue);
    }

    let prev_s = prev.unwrap_or("");
    let gap_ok = |w: &Word| before[w.end..].trim().is_empty();
    let prev_adjacent = before_last.as_ref().is_some_and(gap_ok);
    // Passive ("is said to", "was told"), infinitive ("declined to say"), or a modifier
    // ("the alleged", "an estimated 2,000", "4,850 confirmed cases").
    // "is predicting", "was telling": a progressive is a statement, not a passive.
    let progressive = ends_folded(first_word, "ing") && has(&c.holding_be, prev_s);
    if prev_adjacent
        && !progressive
        && (has(&g.not_a_statement_before, prev_s)
            || prev_s.chars().next().is_some_and(|c| c.is_ascii_digit()))
    {
        return None;
    }
    // "did not say", "never confirmed": a statement not made attributes nothing.
    if prev_adjacent && has(&g.negations, prev_s) {
        return None;
    }
    let next_s = next.unwrap_or("");
    let next_gap = after_words.first().map_or(after, |w| &after[..w.start]);
    let framed = next.is_none()
        || has(&g.that, next_s)
        || next_gap.contains([',', '.', ':', '“', '\u{22}', ';', '—'])
        || prev_adjacent && before.trim_end().ends_with([',', '”', '\u{22}'])
        || before.trim_end().ends_with([',', '”', '\u{22}', '’']) && !prev_adjacent;
    // "posted on social media that ...": a "that" clause within a few words also frames it.
    // (A word is before the first comma or semicolon when none is before its start: the first
    // one before the last word looked at is found once, not looked for again before each word.)
    let upto = |n: usize| after_words.get(n - 1).map_or(after.len(), |w| w.start);
    let lim = upto(8);
    let stop = memchr::memchr2(b',', b';', &after.as_bytes()[..lim]).unwrap_or(lim);
    let that_soon = after_words
        .iter()
        .take(8)
        .take_while(|w| w.start <= stop)
        .any(|w| has(&g.that, w.text));
    // "added on Twitter: “...”": a colon opening a quotation within a few words.
    let colon_quote = memchr::memchr(b':', after.as_bytes())
        .filter(|&i| {
            let gap = &after[..i];
            !gap.contains([',', ';', '.', '“', '\u{22}']) && words::words(gap).len() <= 4
        })
        .is_some_and(|i| {
            after[i + 1..]
                .trim_start()
                .starts_with(['“', '\u{22}', '‘', '\''])
        });
    // "continued his scathing remarks", "recalled how ...".
    let lim = upto(3);
    let stop = memchr::memchr3(b',', b';', b'.', &after.as_bytes()[..lim]).unwrap_or(lim);
    let speech_object = after_words
        .iter()
        .take(3)
        .take_while(|w| w.start <= stop)
        .any(|w| has(&c.speech_objects, w.text));
    // `“...” the group shouted`: a short subject right after a closing quotation mark.
    let tag_after_quote = last_close_quote(before).is_some_and(|i| {
        let close = before[i..].chars().next().map_or(1, char::len_utf8);
        let subj = &before[i + close..];
        !subj.contains([',', ';', ':', '.', '(', '—'])
            && (1..=4).contains(&words::words(subj).len())
    });
    // "described the owners as slumlords": a characterisation with "as".
    let as_soon = has(&c.characterising_verbs, first_word)
        && after_words
            .iter()
            .take(6)
            .take_while(|w| !after[..w.start].contains([',', ';', '.']))
            .any(|w| w.text == "as");
    // "claimed the inspections were up to date": a reported clause without "that".
    let clause_soon = has(&c.clause_frame_verbs, first_word)
        && after_words
            .iter()
            .take(5)
            .skip(1)
            .take_while(|w| !after[..w.start].contains([',', ';', '.', ':']))
            .any(|w| has(&g.finite, w.text) && !has(&g.pronouns, w.text) && w.text != "that");
    // "described a rigged system": a description with its object.
    let described = has(&c.object_frame_verbs, first_word) && has(&g.determiners, next_s);
    let framed = framed
        || described
        || as_soon
        || clause_soon
        || that_soon
        || colon_quote
        || speech_object
        || tag_after_quote
        || has(&g.reported_openers, next_s);
    // "Byrne — who guarded the door — states that …" is a statement; "in states that …" and
    // "the states that" are places. A verb form that is also a plural noun is a cue only after
    // a name, a pronoun, or the comma, dash or bracket closing an aside.
    if has(&c.noun_like_verbs, first_word) {
        let named = before_last.as_ref().is_some_and(|w| {
            prev_adjacent && (has(&g.pronouns, w.text) || starts_upper(w.text) && w.start > 0)
        });
        if !(named || before.trim_end().ends_with([',', '—', ')'])) {
            return None;
        }
    }
    // Multi-word cues ("claimed responsibility") frame themselves.
    if has(&c.frame_verbs, first_word) && !framed && !vtext.contains(char::is_whitespace) {
        // "called" and "described" frame a characterisation: "called it a disgrace".
        if !(has(&c.characterising_verbs, first_word)
            && has(&g.characterised_objects, next_s)
            && after.contains(" a "))
        {
            return None;
        }
    }
    let after_to = after_words.get(1).map(|w| w.text);
    let to_object = after_to
        .is_some_and(|w| starts_upper(w) || has(&g.determiners, w) || has(&g.inverted_stops, w));
    if has(&c.say_forms, first_word) && has(&g.to, next_s) && !to_object {
        return None; // "is said to" handled as vague; "said to be" likewise
    }

    // The source before the verb: "the ministry said", "Ana Ruiz, a council member, said".
    let subject_end = match before_last {
        Some(w) if progressive => sent.span.start + w.start,
        _ => verb.start,
    };
    let mut np = clause_subject(prose, sent.span.start, subject_end, quotes);
    let participle = ends_folded(first_word, "ing");
    if np.is_none() && before.trim_end().ends_with(',') && !participle {
        // "Huma Okafor, vice chair of the campaign, emailed supporters": a name and its
        // appositive before the verb are its subject; what follows the verb is its object.
        np = appositive_subject(prose, sent.span.start, verb.start, quotes, false).filter(|s| {
            let t = &prose[s.range()];
            let first = &t[..t.find(',').unwrap_or(t.len())];
            let ws = words::words(first);
            (1..=4).contains(&ws.len())
                && ws.iter().all(|w| starts_upper(w.text))
                && !has(&SOURCES.common_subjects, ws[0].text)
        });
    }
    if np.is_none() {
        // Inverted: `"...," said Ana Ruiz, the mayor.`
        if let Some(inv) = inverted(prose, verb.end, sent.span.end, quotes) {
            np = Some(inv);
        } else if participle || before.trim_end().ends_with(',') {
            np = appositive_subject(prose, sent.span.start, verb.start, quotes, participle);
        }
    }
    // "Police believe", "investigators suspect": an investigating body's conclusion, attributed
    // to it. "The governor believes" is mind-reading, not attribution.
    if has(&c.belief_verbs, first_word) {
        let ok = np.is_some_and(|np| {
            let t = &prose[np.range()];
            let ws = words::words(t);
            ws.last().is_some_and(|w| has(&SOURCES.authorities, w.text))
        });
        if !ok {
            return None;
        }
    }
    if has(&c.evidence_verbs, first_word) {
        // "He concluded: “...”" is a speaker's last word, not a finding.
        let ok = np
            .is_some_and(|np| colon_quote && classify(&prose[np.range()]) == NpKind::Pronoun)
            || np.is_some_and(|np| {
                let t = &prose[np.range()];
                let ws = words::words(t);
                // "Crime experts have concluded": a vague group's finding, cited as such.
                ws.iter().any(|w| has(&SOURCES.evidence_subjects, w.text))
                    || matches!(classify(t), NpKind::Named | NpKind::Vague)
            });
        // "emails that night showing that …": a participle after its document, a few words on.
        let near = || {
            // The last few words only (a run-on draft stays linear).
            let mut cut = before.len().saturating_sub(200);
            while !before.is_char_boundary(cut) {
                cut += 1;
            }
            let from = cut
                + before[cut..]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| matches!(c, ',' | ';' | ':' | '(' | '—'))
                    .map_or(0, |(i, c)| i + c.len_utf8());
            let ws = words::words(&before[from..]);
            ws.iter()
                .rev()
                .take(4)
                .find(|w| has(&SOURCES.evidence_subjects, w.text) && !has(&g.pronouns, w.text))
                .map(|w| {
                    let at = sent.span.start + from + w.start;
                    Span::new(at, at + w.text.len())
                })
        };
        if !ok {
            np = Some(near().filter(|_| participle)?);
        }
    }
    if let Some(np) = np {
        cue.kind = classify(&prose[np.range()]);
        cue.head = Some(head_of(prose, np));
        cue.np = Some(np);
    } else if has(&c.subjectless, first_word) {
        // A present-tense verb with no subject is a noun ("reports", "shows") or an imperative.
        return None;
    }
    // "told Reuters", "told the AP and AFP": outlets cited.
    if has(&c.told, first_word) {
        let mut at = verb.end;
        loop {
            let rest = &prose[at..sent.span.end];
            let lead = rest.len() - rest.trim_start().len();
            let rest_t = rest.trim_start();
            let rest_t = rest_t.strip_prefix("the ").unwrap_or(rest_t);
            let skip = rest.trim_start().len() - rest_t.len();
            let Some(o) = c.outlets.iter().find(|o| {
                rest_t.starts_with(o.as_str())
                    && !rest_t[o.len()..].starts_with(char::is_alphanumeric)
            }) else {
                break;
            };
            let start = at + lead + skip;
            let span = Span::new(start, start + o.len());
            cue.outlets.push(span);
            at = span.end;
            let r = &prose[at..sent.span.end];
            if let Some(r2) = r.strip_prefix(" and ").or_else(|| r.strip_prefix(", ")) {
                at += r.len() - r2.len();
            } else {
                break;
            }
        }
    }
    Some(cue)
}

/// [`words::last`] of `text`, read from the last space, tab or newline before it: the words a
/// scan finds after a break are those the scan from further back finds there (no word spans a
/// break), so the last word after the last such break that has one is the last word. Only
/// breaks at or after where [`words::last`] starts count (its window of 48 bytes, moved on to a
/// white space); without one, it is [`words::last`] itself.
fn last_word(text: &str) -> Option<Word<'_>> {
    let mut from = text.len().saturating_sub(48);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    if from > 0 {
        match text[from..].find(char::is_whitespace) {
            Some(k) => from += k,
            None => return words::last(text),
        }
    }
    let b = text.as_bytes();
    let mut end = b.len();
    while let Some(k) = memchr::memrchr3(b' ', b'\t', b'\n', &b[from..end]) {
        let at = from + k;
        if let Some(w) = words::iter(&text[at..]).last() {
            return Some(Word {
                start: at + w.start,
                end: at + w.end,
                text: w.text,
            });
        }
        end = at;
    }
    words::last(text)
}

/// Whether `w` ends with `suffix` (ASCII, lower case) in any ASCII case: what `ends_with` says
/// of `w` lowercased.
fn ends_folded(w: &str, suffix: &str) -> bool {
    w.len() >= suffix.len()
        && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// `text.rfind(['”', '"'])`, by bytes: the last `"` or the last `”` (E2 80 9D), whichever is
/// later. 9D is a continuation byte, so it is a `”` only after E2 80.
fn last_close_quote(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut end = b.len();
    while let Some(i) = memchr::memrchr2(b'\x22', 0x9D, &b[..end]) {
        if b[i] == b'\x22' {
            return Some(i);
        }
        if i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80 {
            return Some(i - 2);
        }
        end = i;
    }
    None
}

/// Where the content held by a named or described mind begins in sentence `si`: "Kasich's team
/// thinks he is the candidate with momentum", "The senator is predicting that he will win",
/// "Rescuers fear more bodies lie under the rubble". What follows the verb is that holder's
/// view, attributed to it (PolNeAR annotates these as attributions); an unnamed group's view
/// ("many voters believe") is not (`claims.rs`, intention). None when the sentence has no such frame.
/// The holding frame of sentence `si`: where its verb starts (with any be-form) and where the
/// content held begins (see [`held_from`]).
pub fn held(
    doc: &Document,
    si: usize,
    facts: &super::facts::Attribution,
) -> Option<(usize, usize)> {
    let quotes = &facts.quotes;
    let sent = doc.sentences.get(si)?.span;
    let prose = &doc.prose;
    let text = &prose[sent.range()];
    let ws = words::words(text);
    let (g, c) = (&*GRAMMAR, &*CUES);
    for (i, w) in ws.iter().enumerate() {
        if !has(&c.holding_verbs, w.text) || quotes.contains(sent.start + w.start) {
            continue;
        }
        // "is predicting", "are hopeful": the be-form belongs to the verb, not the subject.
        let mut vstart = w.start;
        if i > 0 && has(&c.holding_be, ws[i - 1].text) {
            vstart = ws[i - 1].start;
        }
        // "Harbour officials, including Mayor Ana Ruiz, are hoping": examples that name the
        // holder, set off by commas before the verb.
        let lead = &prose[sent.start..sent.start + vstart];
        if SOURCES
            .examples_given
            .iter()
            .any(|e| lead.contains(e.as_str()))
            && words::words(lead)
                .iter()
                .skip(1)
                .any(|x| starts_upper(x.text))
        {
            return Some((sent.start + vstart, sent.start + w.end));
        }
        // "Now, many fear they will be unable to collect benefits": the holders' fear for their
        // own prospects describes them, whoever they are; it lends no authority to a claim
        // about anyone else.
        let mut k = i + 1;
        if ws.get(k).is_some_and(|x| has(&g.that, x.text)) {
            k += 1;
        }
        let own = ws.get(k).is_some_and(|x| {
            has(slot(&CLAIMS.intention, "self_pronouns"), x.text)
                && text[w.end..x.start]
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ')
        });
        if own {
            return Some((sent.start + vstart, sent.start + w.end));
        }
        let Some(np) = clause_subject(prose, sent.start, sent.start + vstart, quotes) else {
            continue;
        };
        let subject = &prose[np.range()];
        let mut sw = words::words(subject);
        // "even her fellow players": a focusing adverb before the holder.
        while sw.len() > 1 && has(&g.function_words, sw[0].text) && !has(&g.pronouns, sw[0].text) {
            sw.remove(0);
        }
        let first = sw.first().map_or("", |w| w.text);
        if has(&SOURCES.quantifiers, first) || has(&g.not_names, first) && !has(&g.pronouns, first)
        {
            continue;
        }
        // A named or particular holder ("her advisers", "the mayor's team", "the couple", "the
        // governor"): its view, held as its own. A bare group ("rescuers fear", "local
        // shopkeepers fear") or the public at large ("the voters want") is the writer reading
        // minds (claims.rs, intention).
        let possessive = first.ends_with("'s") || first.ends_with("’s");
        let head = sw.last().map_or("", |w| w.text);
        let definite = sw.len() >= 2
            && has(&g.definite, first)
            && !has(&g.possessive_dets, first)
            && !has(slot(&CLAIMS.intention, "moods_who"), head)
            && !has(&SOURCES.quantifiers, sw[1].text);
        // "Sanders had hoped": a name the story capitalises inside its sentences, though it
        // ends in -s like a group.
        let name = sw.len() == 1 && starts_upper(first) && facts.capitalised_inside(doc, first);
        // "Party leaders hope", "Republican aides think": office holders of a body the story
        // names hold their own view (an affiliated source, not an unnamed group).
        let affiliated = sw.len() >= 2
            && has(&SOURCES.office_holders, head)
            && sw[..sw.len() - 1].iter().any(|w| {
                has(&SOURCES.org_words, w.text)
                    || starts_upper(w.text) && facts.capitalised_inside(doc, w.text)
            });
        // "Climate activists were hopeful that …", "marketers hope to …": a group named by its
        // role holds its own desires; the public at large ("voters want") does not.
        let desirous = has(&c.desire_words, w.text)
            && head.ends_with('s')
            && !has(slot(&CLAIMS.intention, "moods_who"), head)
            && sw.iter().all(|x| !has(&g.function_words, x.text));
        if has(&g.possessive_dets, first)
            || possessive
            || definite
            || name
            || affiliated
            || desirous
            || matches!(classify(subject), NpKind::Named | NpKind::Pronoun)
        {
            return Some((sent.start + vstart, sent.start + w.end));
        }
    }
    None
}

/// The noun phrase after `from` ("according to the ministry's figures, ..."), to the next clause break.
fn np_after(prose: &str, from: usize, end: usize, quotes: &QuoteMask) -> Option<Span> {
    let rest = &prose[from..end];
    let ws = words::words(rest);
    let mut last: Option<Word> = None;
    for (i, w) in ws.iter().enumerate() {
        if quotes.contains(from + w.start) {
            break;
        }
        let gap = if i == 0 {
            &rest[..w.start]
        } else {
            &rest[ws[i - 1].end..w.start]
        };
        if i > 0 && gap.contains([',', ';', ':', '(', ')', '—', '–', '“', '\u{22}', '.']) {
            break;
        }
        // The word as written: the lookup folds ASCII case (no lowercased copy per word).
        if i > 0 && has(&GRAMMAR.np_after_stops, w.text) {
            break;
        }
        if i >= 12 {
            break;
        }
        last = Some(*w);
    }
    let first = ws.first()?;
    let last = last?;
    Some(Span::new(from + first.start, from + last.end))
}

/// The subject right before a verb: back to the nearest clause break, stripped of conjunctions
/// and auxiliaries. None when nothing is left (the verb follows a comma or a quotation).
fn clause_subject(
    prose: &str,
    sent_start: usize,
    verb_start: usize,
    quotes: &QuoteMask,
) -> Option<Span> {
    let seg_start = clause_start(prose, sent_start, verb_start, quotes);
    let seg = &prose[seg_start..verb_start];
    with_words(seg, |ws| {
        let mut a = 0;
        let mut b = ws.len();
        let g = &*GRAMMAR;
        while a < b && has(&g.leading_conj, ws[a].text) {
            a += 1;
        }
        while b > a && (has(&g.trailing_aux, ws[b - 1].text) || is_ly_adverb(ws[b - 1].text)) {
            b -= 1;
        }
        // "..., a claim the army denied": the source is "the army", not the claim.
        if b - a > 3
            && has(&g.statement_dets, ws[a].text)
            && has(&SOURCES.statement_nouns, ws[a + 1].text)
        {
            a += 2;
        }
        if a >= b || b - a > 12 {
            return None;
        }
        // A subject never holds a finite verb ("the storm had passed by noon, and ...") or
        // another cue ("said in a statement posted on Telegram that").
        if ws[a..b].iter().any(|w| has(&g.subject_stops, w.text)) {
            return None;
        }
        Some(Span::new(
            seg_start + ws[a].start,
            seg_start + ws[b - 1].end,
        ))
    })
}

fn is_ly_adverb(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ly")
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !has(&GRAMMAR.not_adverbs, w)
}

/// Where the clause holding `verb_start` begins: after the last comma, semicolon, dash, bracket,
/// quotation or "that" before the verb.
fn clause_start(prose: &str, sent_start: usize, verb_start: usize, quotes: &QuoteMask) -> usize {
    let seg = &prose[sent_start..verb_start];
    let mut start = sent_start;
    if let Some(end) = after_last_clause_mark(seg) {
        start = sent_start + end;
    }
    // After the last quoted character before the verb.
    if let Some(q) = quotes.last_starting_before(verb_start) {
        let q_end = q.end.min(verb_start);
        if q_end > start {
            start = q_end;
        }
    }
    // "X said that Y told Z": the clause after "that".
    // The last relative word, found going forward (no list of the words is made).
    let tail = &prose[start..verb_start];
    let mut after = start;
    for w in words::iter(tail) {
        if has(&GRAMMAR.relatives, w.text) {
            after = start + w.end;
        }
    }
    after
}

/// Where the last clause mark of `seg` ends: `,` `;` `:` `(` `)` `—` `–`, not a comma inside a
/// number ("1,000"). Read by bytes: the dashes are E2 80 94 and E2 80 93, and a continuation byte
/// 93 or 94 after E2 80 ends one.
fn after_last_clause_mark(seg: &str) -> Option<usize> {
    let b = seg.as_bytes();
    let digit_comma = |i: usize| {
        i > 0
            && b[i] == b','
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        match b[i] {
            b',' | b';' | b':' | b'(' | b')' if !digit_comma(i) => return Some(i + 1),
            0x93 | 0x94 if i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// `, said Kiersten Lowe, campaign director` → "Kiersten Lowe". Only when what follows the verb is
/// a short noun phrase ending the clause, not a reported clause ("said the deal would close").
fn inverted(prose: &str, verb_end: usize, sent_end: usize, quotes: &QuoteMask) -> Option<Span> {
    let rest = &prose[verb_end..sent_end];
    let ws = words::words(rest);
    let first = ws.first()?;
    if !rest[..first.start].trim().is_empty() {
        return None;
    }
    let f = first.text;
    let g = &*GRAMMAR;
    if has(&g.finite, f) || has(&g.inverted_stops, f) {
        return None;
    }
    let mut last = *first;
    for (i, w) in ws.iter().enumerate().skip(1) {
        let gap = &rest[ws[i - 1].end..w.start];
        if gap.contains([',', ';', '.', ':', '(', '—', '–']) {
            break;
        }
        if has(&g.finite, w.text)
            || has(&g.inverted_ends, w.text)
            || quotes.contains(verb_end + w.start)
        {
            // "said the deal would close": a reported clause, not a name.
            if has(&g.finite, w.text) {
                return None;
            }
            break;
        }
        if i >= 8 {
            return None;
        }
        last = *w;
    }
    let tail = &rest[last.end..];
    if !(tail.trim().is_empty()
        || tail
            .trim_start()
            .starts_with([',', '.', ';', '—', '–', '('])
        || words::words(tail)
            .first()
            .is_some_and(|w| has(&g.inverted_followers, w.text)))
    {
        return None;
    }
    Some(Span::new(verb_end + first.start, verb_end + last.end))
}

/// For a verb right after a comma: the subject given before an appositive or relative clause
/// ("Qatar, which hosted the talks, said"), or for a participle ("..., saying") the subject of the
/// sentence. Returns the span from that subject up to the last segment before the verb.
fn appositive_subject(
    prose: &str,
    sent_start: usize,
    verb_start: usize,
    quotes: &QuoteMask,
    participle: bool,
) -> Option<Span> {
    let seg = &prose[sent_start..verb_start];
    // Comma-separated segments, in order.
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    for (i, c) in seg.char_indices() {
        if c == ',' || c == ';' || c == '—' || quotes.contains(sent_start + i) {
            if i > s {
                segs.push((s, i));
            }
            s = i + c.len_utf8();
        }
    }
    if seg.len() > s && !seg[s..].trim().is_empty() {
        segs.push((s, seg.len()));
    }
    let usable = |&(a, b): &(usize, usize)| {
        let t = seg[a..b].trim();
        let ws = words::words(t);
        !t.is_empty()
            && ws.len() <= 12
            && !ws
                .first()
                .is_some_and(|w| has(&GRAMMAR.appositive_relatives, w.text))
    };
    if participle {
        // The sentence subject: the first usable segment, up to its own verb ("her deputy
        // rallied supporters, saying …" is the deputy's, not the supporters').
        let &(a, b) = segs.iter().find(|x| usable(x))?;
        let ws = words::words(&seg[a..b]);
        let g = &*GRAMMAR;
        let verb = ws.iter().enumerate().skip(1).find(|(i, w)| {
            w.text.starts_with(char::is_lowercase)
                && !has(&g.determiners, ws[i - 1].text)
                && !has(&g.possessive_dets, ws[i - 1].text)
                && (w.text.len() > 4 && past_form(w.text) || has(&CUES.verbs, w.text))
        });
        let b = verb.map_or(b, |(_, v)| a + v.start);
        return trim_span(prose, sent_start + a, sent_start + b);
    }
    // Walk back over at most three segments; prefer the leftmost that starts with a capital.
    let tail: Vec<(usize, usize)> = segs.iter().rev().take(3).copied().collect();
    let mut pick: Option<(usize, usize)> = None;
    for &x in &tail {
        if !usable(&x) {
            continue;
        }
        let t = seg[x.0..x.1].trim_start();
        if pick.is_none() || starts_upper(t) {
            pick = Some(x);
        }
    }
    let (a, _) = pick?;
    let (_, b) = *segs.last()?;
    trim_span(prose, sent_start + a, sent_start + b)
}

/// Whether a word ends like a past form ("rallied", "emailed").
fn past_form(w: &str) -> bool {
    let mut cs = w.chars().rev();
    cs.next() == Some('d') && cs.next() == Some('e')
}

fn trim_span(prose: &str, a: usize, b: usize) -> Option<Span> {
    let t = &prose[a..b];
    let lead = t.len() - t.trim_start().len();
    let t2 = t.trim();
    if t2.is_empty() {
        return None;
    }
    // Drop leading conjunctions such as "and".
    let ws = words::words(t2);
    let mut k = 0;
    while k < ws.len() && has(&GRAMMAR.leading_conj, ws[k].text) {
        k += 1;
    }
    let start = a + lead + ws.get(k).map_or(0, |w| w.start);
    let end = a + lead + t2.len();
    (start < end).then(|| Span::new(start, end))
}

/// The source phrase up to its first comma ("Dana Ruiz" of "Dana Ruiz, a council member").
fn head_of(prose: &str, np: Span) -> Span {
    let t = &prose[np.range()];
    let mut cut = t.find(',').unwrap_or(t.len());
    // "The company's lawyer, Priya Nair": the name in apposition belongs to the head.
    if cut < t.len() {
        let rest = &t[cut + 1..];
        let end = rest.find(',').unwrap_or(rest.len());
        let ws = words::words(&rest[..end]);
        if (2..=4).contains(&ws.len()) && ws.iter().all(|w| starts_upper(w.text)) {
            cut += 1 + end;
        }
    }
    let h = t[..cut].trim_end();
    Span::new(np.start, np.start + h.len().max(1).min(t.len()))
}

/// Words kept on the stack by [`with_words`]; more spill to a Vec.
const STACK_WORDS: usize = 24;

/// `f` of the words of `text` (what [`words::words`] makes), kept on the stack when there are at
/// most [`STACK_WORDS`] (a clause before its verb, a source phrase: nearly all), else in a Vec.
fn with_words<'t, R>(text: &'t str, f: impl FnOnce(&[Word<'t>]) -> R) -> R {
    let mut buf = [Word {
        start: 0,
        end: 0,
        text: "",
    }; STACK_WORDS];
    let mut it = words::iter(text);
    let mut n = 0;
    while let Some(w) = it.next() {
        if n == STACK_WORDS {
            let mut v = buf.to_vec();
            v.push(w);
            v.extend(it);
            return f(&v);
        }
        buf[n] = w;
        n += 1;
    }
    f(&buf[..n])
}

thread_local! {
    /// [`classify`]'s joined words.
    static JOINED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The searchers of [`SOURCES`]' `examples_given`, built once (`str::contains` built one per
/// phrase on every call).
static EXAMPLES_GIVEN: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
    SOURCES
        .examples_given
        .iter()
        .map(|e| memchr::memmem::Finder::new(e.as_bytes()).into_owned())
        .collect()
});

/// [`classify`] of a phrase with no word (unknown) or with a "TK" among its words (a
/// placeholder), in one scan; None for any other.
fn unknown_or_placeholder(np: &str) -> Option<NpKind> {
    let mut any = false;
    for w in words::iter(np) {
        if w.text == "TK" {
            return Some(NpKind::Placeholder);
        }
        any = true;
    }
    (!any).then_some(NpKind::Unknown)
}

/// Whether `np` holds one of the phrases that introduce examples ("including", "such as").
fn examples_given(np: &str) -> bool {
    EXAMPLES_GIVEN
        .iter()
        .any(|e| e.find(np.as_bytes()).is_some())
}

/// Classifies a source phrase.
pub fn classify(np: &str) -> NpKind {
    let (g, src) = (&*GRAMMAR, &*SOURCES);
    if let Some(kind) = unknown_or_placeholder(np) {
        return kind;
    }
    // "critics, including Ana Ruiz,": examples given, so not weasel words.
    let identified = examples_given(np);
    let first_seg = np.split(',').next().unwrap_or(np);
    // "The company's lawyer, Priya Nair": a name in apposition names the source.
    if let Some(appositive) = np.split(',').nth(1) {
        let (mut n, mut upper) = (0, true);
        for w in words::iter(appositive) {
            n += 1;
            upper &= starts_upper(w.text);
        }
        if (2..=4).contains(&n) && upper {
            return NpKind::Named;
        }
    }
    with_words(first_seg, |fs| {
        if fs.len() == 1 && has(&g.pronouns, fs[0].text) {
            return NpKind::Pronoun;
        }
        // The words as written: every list lookup ([`has`]) folds ASCII case itself.
        let mut lw_buf = [""; STACK_WORDS];
        let lw_vec: Vec<&str>;
        let lw: &[&str] = if fs.len() <= STACK_WORDS {
            for (l, w) in lw_buf.iter_mut().zip(fs) {
                *l = w.text;
            }
            &lw_buf[..fs.len()]
        } else {
            lw_vec = fs.iter().map(|w| w.text).collect();
            &lw_vec
        };
        // Split into determiner, modifiers, head and trailing prepositional phrase.
        let pp = lw
            .iter()
            .position(|w| has(&src.pp_start, w))
            .unwrap_or(lw.len());
        let core = &lw[..pp];
        let det = core.first().is_some_and(|w| {
            has(&g.determiners, w) || w.chars().all(|c| c.is_ascii_digit() || c == ',')
        });
        let Some(head) = core.last() else {
            return NpKind::Described;
        };
        let mods = core.len().saturating_sub(1 + usize::from(det));
        let has_pp = pp < lw.len();
        let quantified = core.first().is_some_and(|w| has(&src.quantifiers, w)) || {
            // The words joined by spaces and lowercased, in this thread's buffer.
            JOINED.with_borrow_mut(|joined| {
                joined.clear();
                for (i, w) in lw.iter().enumerate() {
                    if i > 0 {
                        joined.push(' ');
                    }
                    joined.push_str(w);
                }
                joined.make_ascii_lowercase();
                src.number_of.iter().any(|n| joined.contains(n.as_str()))
            })
        };
        // A prepositional tail that only says which group ("critics of the plan") keeps it vague.
        let of_tail = lw.get(pp).is_some_and(|w| has(&src.group_of, w));
        // Modifiers that leave a group unnamed and unaffiliated ("housing advocates", "the plan's
        // critics", "political analysts"); "bank economists" and "Treasury officials" say whose.
        let first_mod = usize::from(det);
        let plain_mods = |possessive_ok: bool| {
            (first_mod..core.len().saturating_sub(1)).all(|i| {
                let w = fs[i].text;
                let possessive = w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'");
                if possessive {
                    return possessive_ok;
                }
                (!starts_upper(w) || i == 0)
                    && !has(&src.org_words, w)
                    && !w.chars().any(|c| c.is_ascii_digit())
            })
        };
        if !identified {
            if has(&src.weasel_groups, head) && plain_mods(true) && (!has_pp || of_tail) {
                return NpKind::Vague;
            }
            // "some analysts", "many political analysts": a quantified group, whatever its
            // lower-case modifiers.
            let lower_mods = fs
                .iter()
                .all(|w| !starts_upper(w.text) || fs[0].start == w.start);
            if quantified && has(&src.quantified_groups, head) && lower_mods && !has_pp {
                return NpKind::Vague;
            }
            // "Analysts said": a bare plural group with no names and no affiliation.
            if !det && plain_mods(false) && !has_pp && has(&src.bare_vague_groups, head) {
                return NpKind::Vague;
            }
            let doc_mods_ok = core
                .iter()
                .take(core.len().saturating_sub(1))
                .all(|w| has(&src.vague_doc_mods, w));
            if has(&src.vague_docs, head) && doc_mods_ok && !has_pp {
                return NpKind::Vague;
            }
        }
        // "a government official", "a local source": modifiers that name no agency and no rank.
        let generic_mods = mods > 0
            && !has_pp
            && core[first_mod..core.len() - 1]
                .iter()
                .all(|w| has(&src.generic_mods, w));
        if has(&src.anon_bare, head) {
            // "the sources", "those sources": the same sources again, described where first cited.
            if det && has(&g.definite, core[0]) {
                return NpKind::Anon(AnonLevel::Described);
            }
            let bare = mods == 0 && !has_pp;
            return NpKind::Anon(if bare {
                AnonLevel::Bare
            } else if generic_mods {
                AnonLevel::Unspecific
            } else {
                AnonLevel::Described
            });
        }
        // "a spokesman" for nobody in particular; "a ministry spokesman" or "a spokesman for the
        // ministry" is a described, on-the-record role.
        if has(&src.spokespeople, head)
            && core.len() == 2
            && has(&src.indefinite, core[0])
            && !has_pp
        {
            return NpKind::Anon(AnonLevel::Unspecific);
        }
        // A bare plural group with nothing to say whose ("Diplomats said", "Officials said") is as
        // anonymous as "sources"; "Western diplomats", "Treasury officials" are described.
        if core.len() == 1
            && !has_pp
            && has(&src.bare_groups, head)
            && !identified
            && np.split(',').count() == 1
        {
            return NpKind::Anon(AnonLevel::Unspecific);
        }
        if has(&src.anon_heads, head) && !has(&src.collective_heads, head) {
            let plural = head.ends_with(['s', 'S']) || has(&src.irregular_plurals, head);
            if det && !has(&g.definite, core[0]) {
                if mods == 0 && !has_pp || generic_mods {
                    return NpKind::Anon(AnonLevel::Unspecific);
                }
                // Plural officials with a modifier ("three Afghan authorities") read as an institution.
                if plural && has(&src.institutional_plurals, head) {
                    return NpKind::Described;
                }
                return NpKind::Anon(AnonLevel::Described);
            }
            if (!det || has(&src.vantage_dets, core[0]))
                && has(&src.vantage_heads, head)
                && has_pp
                && lw.get(pp).is_some_and(|w| has(&src.vantage_words, w))
            {
                return NpKind::Anon(AnonLevel::Described);
            }
            return NpKind::Described;
        }
        // Named: a capital beyond a sentence-initial common word, before any prepositional tail
        // ("Protesters outside City Hall" are described by a place, not named).
        let named = fs.iter().take(pp.max(1)).enumerate().any(|(i, w)| {
            starts_upper(w.text)
                && !(i == 0 && has(&src.common_subjects, w.text))
                && !(i == 0 && looks_plural_role(w.text))
        });
        if named {
            NpKind::Named
        } else {
            NpKind::Described
        }
    })
}

/// "Forecasters", "Rescuers": a plural role noun capitalised at the start of a sentence.
fn looks_plural_role(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    SOURCES
        .plural_role_suffixes
        .iter()
        .any(|s| l.ends_with(s.as_str()))
        && l.len() > 5
}

#[cfg(test)]
mod window_tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::memo::Memo;
    use proptest::prelude::*;

    /// Pieces of our own that make cue words, some of them only across a paragraph break
    /// ("in an" / "interview", "according" / "to"), and tiny paragraphs a match can run over.
    const BITS: &[&str] = &[
        "according",
        "to the mayor, the pier will close",
        "said",
        "Ana spoke in the",
        "new harbour study found cracks",
        "in an",
        "interview",
        "The council said the ferry was late.",
        "By noon it was over.",
        "She said it in a",
        "statement on Monday",
        "The plan was",
        "criticised by",
        "“It will rise,” said Tom Reyne, a pilot.",
        "x",
        "in their long",
        "analysis",
        "citing",
        "the",
        "Él dijo: café",
    ];
    const SEPS: &[&str] = &[
        "\n\n",
        "\n\n- ",
        "\n\n> ",
        " ",
        "\n",
        "\n\n# ",
        "\n\n\u{a0}",
        "\n\n| a | said |\n|---|---|\n| in an | interview |\n\n",
        "\n\n    ",
        "\n\n**",
    ];

    fn story(parts: &[(usize, usize)]) -> String {
        let mut out = String::new();
        for &(b, s) in parts {
            out.push_str(BITS[b % BITS.len()]);
            out.push_str(SEPS[s % SEPS.len()]);
        }
        out
    }

    /// The windowed scan (None: the whole scan was needed) of `text`, with `memo`.
    fn windowed(text: &str, format: Format, memo: &Memo) -> Option<Vec<(Span, usize)>> {
        let config = Config::default();
        memo.begin(&config, format);
        let doc = Document::parse(text, format, None);
        let _fits = doc.fits_scope();
        let cx = Context::with_memo(&doc, &config, memo);
        let got = cue_words_windowed(&cx);
        memo.sweep();
        got
    }

    #[test]
    fn a_match_has_a_bounded_number_of_runs_of_white_space() {
        // "in their <up to six words> study": after "in", after "their", after each word.
        assert_eq!(*CUE_RUNS, Some(8));
    }

    #[test]
    fn a_match_over_a_paragraph_break_needs_the_whole_scan() {
        let memo = Memo::new();
        let parts =
            "The mayor spoke.\n\nShe said so in an\n\ninterview on Monday.\n\nThe vote was late.\n";
        assert_eq!(windowed(parts, Format::Markdown, &memo), None);
        let apart = "The mayor spoke.\n\nShe said so in an interview.\n\nThe vote was late.\n";
        let got = windowed(apart, Format::Markdown, &memo).expect("no match runs over a break");
        assert_eq!(
            got,
            cue_words(&Document::parse(apart, Format::Markdown, None).prose)
        );
        assert_eq!(got.len(), 2, "{got:?}");
    }

    /// Random stories and edits, as below, with a count of each outcome: both happen (the
    /// windows are used, and a match over a break is seen), and the windows are never wrong.
    #[test]
    fn windows_are_used_and_fall_back_when_they_must() {
        let mut seed: u64 = 0x5eed;
        let mut rand = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let (mut used, mut whole) = (0, 0);
        for _ in 0..200 {
            let memo = Memo::new();
            let format = if rand(3) == 0 {
                Format::Plain
            } else {
                Format::Markdown
            };
            let mut parts: Vec<(usize, usize)> = (0..rand(24))
                .map(|_| (rand(BITS.len()), rand(SEPS.len())))
                .collect();
            for _ in 0..6 {
                let i = rand(parts.len() + 1);
                parts.insert(i, (rand(BITS.len()), rand(SEPS.len())));
                let text = story(&parts);
                match windowed(&text, format, &memo) {
                    Some(got) => {
                        used += 1;
                        let doc = Document::parse(&text, format, None);
                        assert_eq!(got, cue_words(&doc.prose), "{text:?}");
                    }
                    None => whole += 1,
                }
            }
        }
        assert!(
            used > 200 && whole > 50,
            "windows used {used} times, whole scans {whole}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(384))]

        /// After every edit of a random sequence, the windows (kept in the memo from the
        /// analyses before) find what a scan of the whole prose finds, or leave it to one.
        #[test]
        fn windows_find_what_the_whole_scan_finds(
            start in prop::collection::vec((0..BITS.len(), 0..SEPS.len()), 0..24),
            edits in prop::collection::vec((0usize..4, 0usize..64, 0..BITS.len(), 0..SEPS.len()), 1..10),
            plain in any::<bool>(),
        ) {
            let format = if plain { Format::Plain } else { Format::Markdown };
            let memo = Memo::new();
            let mut parts = start;
            for (kind, at, b, s) in edits {
                match kind {
                    0 if !parts.is_empty() => { let i = at % parts.len(); parts[i] = (b, s); }
                    1 => { let i = at % (parts.len() + 1); parts.insert(i, (b, s)); }
                    2 if !parts.is_empty() => { parts.remove(at % parts.len()); }
                    _ => {}
                }
                let text = story(&parts);
                if let Some(got) = windowed(&text, format, &memo) {
                    let doc = Document::parse(&text, format, None);
                    prop_assert_eq!(got, cue_words(&doc.prose), "{:?}", text);
                }
            }
        }
    }
}

#[cfg(test)]
mod byte_tests {
    use proptest::prelude::*;

    /// Pieces of text that hold every byte the scans look for, in and out of place: both
    /// closing quotation marks, both dashes, other characters that share their lead bytes or
    /// end in the same continuation bytes, commas inside and outside numbers.
    const PIECES: &[&str] = &[
        "”", "\"", "—", "–", "…", "‘", "’", "€", "“", ",", ";", ":", "(", ")", "1", "22", " ",
        "said", "SAYING", "ing", "Ing", "é", "x", "ng", "İng",
        // Other characters ending in 9D, 93 or 94: E2 81 9D, E1 80 9D, C5 9D, E2 82 93, E1 80 93.
        "⁝", "ဝ", "ŝ", "ₓ", "ဓ",
    ];

    /// Pieces of sentences: words with inner marks ("U.S.", "1,000", "'tis"), white space of
    /// every kind, a word longer than the window.
    const LAST: &[&str] = &[
        "said",
        " ",
        "  ",
        "\t",
        "\n",
        "\u{a0}",
        "U.S.",
        "1,000",
        ",",
        ".",
        "'tis",
        "’",
        "—",
        "officials",
        "é",
        "x",
        "harbourmasterships-and-longer-words-than-forty-eight-bytes",
        "“",
        "”",
        "(",
        "3",
    ];

    /// Pieces of signed lines and of lines that are not.
    const SIGNED: &[&str] = &[
        "“We stay,”",
        "”",
        "\"",
        "’",
        "'",
        " ",
        "\n",
        "—",
        "―",
        "–",
        "-",
        ".",
        "Ana",
        " Ruiz",
        "harbour",
        "é",
        "x",
        "We stay.",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
    }

    proptest! {
        /// The byte search finds what `rfind` over characters finds.
        #[test]
        fn the_last_closing_quote_by_bytes_is_rfinds(t in text()) {
            prop_assert_eq!(super::last_close_quote(&t), t.rfind(['”', '\u{22}']));
        }

        /// The byte scan ends where the character scan it replaced ends.
        #[test]
        fn the_last_clause_mark_by_bytes_is_the_character_scans(t in text()) {
            let b = t.as_bytes();
            let digit_comma = |i: usize| {
                i > 0
                    && b[i] == b','
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            };
            let want = t
                .char_indices()
                .rev()
                .find(|&(i, c)| {
                    matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')') && !digit_comma(i)
                })
                .map(|(i, c)| i + c.len_utf8());
            prop_assert_eq!(super::after_last_clause_mark(&t), want);
        }

        /// The signed line looked for only where a closing quotation mark is, is the signed
        /// line the pattern finds.
        #[test]
        fn a_signed_line_is_found_where_the_pattern_finds_it(
            parts in prop::collection::vec(prop::sample::select(SIGNED), 0..12),
        ) {
            let t = parts.concat();
            let want = super::SIGNED_LINE
                .captures(&t)
                .map(|c| (c.get(0).map(|m| m.range()), c.get(1).map(|m| m.range())));
            let got = super::signed_line(&t)
                .map(|c| (c.get(0).map(|m| m.range()), c.get(1).map(|m| m.range())));
            prop_assert_eq!(got, want, "{:?}", t);
        }

        /// The last word read from the last break is [`words::last`]'s, on texts longer and
        /// shorter than its window, with and without white space after the last word.
        #[test]
        fn the_last_word_from_the_last_break_is_words_last(
            parts in prop::collection::vec(prop::sample::select(LAST), 0..30),
        ) {
            let t = parts.concat();
            let got = super::last_word(&t).map(|w| (w.start, w.end, w.text));
            let want = super::words::last(&t).map(|w| (w.start, w.end, w.text));
            prop_assert_eq!(got, want, "{:?}", t);
        }

        /// The opening tests of `classify` (no word, a "TK"), its examples test and the colon
        /// found by byte are what the old scans and `str` searches say.
        #[test]
        fn classify_openings_by_one_scan_are_the_old_scans(
            parts in prop::collection::vec(
                prop::sample::select(&[
                    "TK", "tk", "Tk", "TKO", "XTK", "including ", "Including ", "such as ",
                    "such  as ", "such", " as", "as ", "incl", "uding ", ":", "꞉", "：", "ː",
                    ",", ".", " ", "—", "é", "officials", "a",
                ][..]),
                0..12,
            ),
        ) {
            let t = parts.concat();
            let old = if super::words::iter(&t).next().is_none() {
                Some(super::NpKind::Unknown)
            } else if super::words::iter(&t).any(|w| w.text == "TK") {
                Some(super::NpKind::Placeholder)
            } else {
                None
            };
            prop_assert_eq!(super::unknown_or_placeholder(&t), old, "{:?}", t);
            let old = super::SOURCES.examples_given.iter().any(|e| t.contains(e.as_str()));
            prop_assert_eq!(super::examples_given(&t), old, "{:?}", t);
            prop_assert_eq!(memchr::memchr(b':', t.as_bytes()), t.find(':'), "{:?}", t);
        }

        /// The words kept on the stack (or spilled) are the words of `words::words`.
        #[test]
        fn words_on_the_stack_are_the_words(
            parts in prop::collection::vec(prop::sample::select(LAST), 0..100),
        ) {
            // Spaced: some texts have more words than the stack holds.
            let t = parts.join(" ");
            let got = super::with_words(&t, |ws| {
                ws.iter().map(|w| (w.start, w.end, w.text)).collect::<Vec<_>>()
            });
            let want: Vec<_> = super::words::words(&t)
                .iter()
                .map(|w| (w.start, w.end, w.text))
                .collect();
            prop_assert_eq!(got, want);
        }

        /// A suffix compared folded is the suffix of the word lowercased.
        #[test]
        fn a_folded_suffix_is_the_suffix_of_the_lowercased_word(t in text()) {
            for w in t.split_whitespace().chain([t.as_str()]) {
                prop_assert_eq!(
                    super::ends_folded(w, "ing"),
                    w.to_ascii_lowercase().ends_with("ing")
                );
            }
        }
    }
}
