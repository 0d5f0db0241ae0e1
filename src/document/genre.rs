//! What kind of page a draft is, as far as its voice goes: a page of readers' letters or
//! comments is a string of contributions, each in its reader's own voice, not the newsroom's.
//!
//! [`contributions`] finds them (the lists are in `data/document/genre.toml`):
//! - signed: at least two contributions end on a signature line ("Jane Roe, Leeds"), at least two
//!   of them in the first person. Where a page signs with names alone, each a paragraph by itself
//!   ("Jane Roe."), it needs three contributions. Each contribution runs from the previous signature; the first
//!   one is its paragraph and the first-person paragraphs just before it;
//! - unsigned (comments exported without their signatures): after some newsroom copy, a run of
//!   paragraphs to the end of the page, opening on a reader's answer ("I agree with ...", "these
//!   comments"), with at least two answers, and at least half of its paragraphs in the first
//!   person or answering. Each of its paragraphs is a contribution.
//!
//!   A long run (eight paragraphs or more) that readers open without answering anybody counts
//!   too when at least two of its paragraphs exclaim ("... in an expensive suit!") and at least
//!   half of them exclaim, answer or speak in the first person: newsroom copy does not exclaim
//!   outside quotation marks.
//! - paid: a page under a paid-notice rubric ("Paid Notice: Deaths ...", see `paid_rubrics`) is
//!   the family's or the advertiser's words from end to end: one contribution.
//!
//! A single-author column, however personal, has no signature lines between its paragraphs and
//! does not answer other readers, so it stays the writer's copy.

use super::reuse::{Reuse, Slot};
use super::{Paragraph, Quote};
use crate::automaton::{Joins, WordTrie};
use crate::finding::Span;
use crate::narrow::{self, Tiered};
use aho_corasick::AhoCorasick;
use serde::Deserialize;
use std::cell::OnceCell;
use std::sync::{Arc, LazyLock, OnceLock};

/// `data/document/genre.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    first_person: Vec<String>,
    agreement: Vec<String>,
    responses: Vec<String>,
    contributor_roles: Vec<String>,
    contributor_links: Vec<String>,
    paid_rubrics: Vec<String>,
    letters_rubrics: Vec<String>,
    review_rubrics: Vec<String>,
    rating_labels: Vec<String>,
    release_phrases: Vec<String>,
    release_times: Vec<String>,
    release_places: Vec<String>,
    column_rubrics: Vec<String>,
    translation_credits: Vec<String>,
    signoff_labels: Vec<String>,
    review_words: Vec<String>,
    shared_rubrics: Vec<String>,
    self_references: Vec<String>,
    match_words: Vec<String>,
    match_words_needed: usize,
}

struct Patterns {
    /// Letters-page rubrics, lower-case (`letters_rubrics`).
    letters: Vec<String>,
    /// A review's closing line: `release_phrases`, `release_times`, `release_places`, lower-case.
    release: (Vec<String>, Vec<String>, Vec<String>),
    /// First-person words (the bare pronoun "I" is checked apart, as it needs its capital).
    first_person: Tiered,
    /// "I agree", "I do not agree", "these comments".
    answer: Tiered,
    /// A name and a place on a line of their own: "Jane Roe, Leeds", "- J. Roe, Cork, Ireland".
    signature: Tiered,
    /// A contributor note: "Ana Ruiz is a lecturer in law at ...".
    contributor: Tiered,
    /// A name alone as a paragraph, where a page prints the place apart or not at all: "Jane
    /// Roe.", "Tom J. O'Hara". Each word opens with a capital and a lower-case letter (or is an
    /// initial), so "FULL TEXT." is not one.
    bare_name: Tiered,
    /// A paid-notice rubric opening a line: "Paid Notice: Deaths", "Sponsored content -".
    paid: Tiered,
    /// A review rubric heading the page: "Review: ...", "DVD review: ...", "Game review - ...".
    review: Tiered,
    /// A rating on a line of its own: "Rating: 4/5", "Verdict: four stars", "★★★★☆".
    rating: Tiered,
    /// One word of each `agreement` and `responses` entry (its longest), ASCII case folded:
    /// every match of `answer` holds one, so a paragraph without any cannot answer. `None` when
    /// an entry has a letter outside ASCII that has a case (the prefilter would miss its folds).
    answer_hints: Option<AhoCorasick>,
    /// Column rubrics, lower-case (`column_rubrics`; "*" stands for one to three capitalised
    /// words).
    rubrics: Vec<String>,
    /// Translation credits, lower-case (`translation_credits`).
    credits: Vec<String>,
    /// A columnist's sign-off labels, lower-case (`signoff_labels`).
    signoffs: Vec<String>,
    /// Words only a review uses, lower-case (`review_words`).
    review_words: Vec<String>,
    /// Rubrics that head news and columns alike, lower-case (`shared_rubrics`).
    shared: Vec<String>,
    /// What a column calls itself (`self_references`, lower-case), by the tail of its last word.
    self_references: Vec<Tail>,
    /// The words of play of a match report (`match_words`).
    play: Play,
    /// How many different words of play (a scoreline counts as one) make a match report.
    play_needed: usize,
}

/// The words of play, searched from word starts by a [`WordTrie`] built on first use (a sort and
/// a node per byte; every story asks, short ones too). An aho-corasick DFA read every byte of a
/// megabyte in 19 M instructions after a 3.3 M build; the trie skips most words by the masks of
/// 64 bytes at once and walks from the few that open like a word of play.
struct Play {
    /// ASCII lower-cased, in `match_words`' order.
    words: Vec<String>,
    /// For each word, the index of its first spelling (a hyphen and a space are the same word:
    /// "free-kick", "free kick").
    first_spelling: Vec<usize>,
    trie: OnceLock<WordTrie>,
}

impl Play {
    /// Calls `f` with the first spelling of each word of play that stands as a whole word in
    /// `prose` (no ASCII letter, digit or hyphen on either side), in order, as aho-corasick's
    /// leftmost-longest search (ASCII case folded) finds them.
    fn each(&self, prose: &str, mut f: impl FnMut(usize)) {
        let trie = self
            .trie
            .get_or_init(|| WordTrie::new(&self.words, Joins::AsciiBytes));
        let bytes = prose.as_bytes();
        // (Each match starts where the byte before does not join: `Joins::AsciiBytes` joins
        // as `whole_word_at` reads.)
        trie.leftmost_longest(prose, |start, end, id| {
            if whole_word_at(bytes, start, end) {
                f(self.first_spelling[id]);
            }
        });
    }
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let lists: Lists = crate::vocab::parse(
        "document/genre.toml",
        include_str!("../../data/document/genre.toml"),
    );
    use super::text_patterns as t;
    let alt = |l: &[String]| crate::vocab::alternation(l);
    let hints: Vec<&str> = lists
        .agreement
        .iter()
        .chain(&lists.responses)
        // The longest word, the first of equally long ones ("well" of "well said").
        .filter_map(|e| e.split_whitespace().rev().max_by_key(|w| w.len()))
        .collect();
    let caseless = |w: &&str| w.chars().all(|c| c.is_ascii() || !has_case(c));
    let answer_hints = hints.iter().all(caseless).then(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&hints)
            .expect("data/document/genre.toml: answer hints")
    });
    let lower = |l: &[String]| l.iter().map(|r| r.to_lowercase()).collect::<Vec<_>>();
    let play_words = lower(&lists.match_words);
    let spelling = |w: &String| w.replace('-', " ");
    let first_spelling = play_words
        .iter()
        .map(|w| {
            play_words
                .iter()
                .position(|o| spelling(o) == spelling(w))
                .unwrap_or_default()
        })
        .collect();
    Patterns {
        rubrics: lower(&lists.column_rubrics),
        credits: lower(&lists.translation_credits),
        signoffs: lower(&lists.signoff_labels),
        review_words: lower(&lists.review_words),
        shared: lower(&lists.shared_rubrics),
        self_references: tails(&lower(&lists.self_references)),
        play: Play {
            words: play_words,
            first_spelling,
            trie: OnceLock::new(),
        },
        play_needed: lists.match_words_needed.max(1),
        release: (
            lists
                .release_phrases
                .iter()
                .map(|r| r.to_lowercase())
                .collect(),
            lists
                .release_times
                .iter()
                .map(|r| r.to_lowercase())
                .collect(),
            lists
                .release_places
                .iter()
                .map(|r| r.to_lowercase())
                .collect(),
        ),
        letters: lists
            .letters_rubrics
            .iter()
            .map(|r| r.to_lowercase())
            .collect(),
        answer_hints,
        paid: narrow::para_regex(t::paid(&alt(&lists.paid_rubrics))),
        review: narrow::para_regex(t::review(&alt(&lists.review_rubrics))),
        rating: narrow::para_regex(t::rating(&alt(&lists.rating_labels))),
        contributor: narrow::para_regex(t::contributor(
            &alt(&lists.contributor_links),
            &alt(&lists.contributor_roles),
        )),
        first_person: narrow::para_regex(t::first_person(&alt(&t::first_person_words(
            &lists.first_person,
        )))),
        answer: narrow::para_regex(t::answer(&alt(&lists.agreement), &alt(&lists.responses))),
        signature: narrow::para_regex(t::signature()),
        bare_name: narrow::para_regex(t::bare_name()),
    }
});

/// What one paragraph's own words decide for the page reader, each answer made the first time
/// a parse asks for it. A pure function of the paragraph's prose and the quotations (depth 0)
/// that overlap it, clipped to it: kept across parses of a story under those (see
/// [`super::reuse`]).
#[derive(Debug, Default)]
pub struct ParaGenre {
    /// On its last line: (a name alone, as a paragraph by itself; that or a signature line).
    signature: OnceLock<(bool, bool)>,
    first_person: OnceLock<bool>,
    /// Answers other readers ("I agree with ...").
    answering: OnceLock<bool>,
    exclaiming: OnceLock<bool>,
    /// A short paragraph with a rating on a line of its own.
    rating: OnceLock<bool>,
}

/// The story's paragraphs as the page reader reads them: each one's quotations and answers.
pub struct Reading<'a> {
    prose: &'a str,
    paragraphs: &'a [Paragraph],
    /// Each paragraph's quotations (depth 0, overlapping it).
    inside: Vec<Vec<Span>>,
    answers: Vec<Arc<ParaGenre>>,
    /// Each paragraph's own words (its prose with its quotations blanked), made when an answer
    /// needs them.
    own: Vec<OnceCell<String>>,
}

impl<'a> Reading<'a> {
    /// `kept`: the parse's [`Reuse`] and each paragraph's slot in it, to take the answers from.
    pub(super) fn new(
        prose: &'a str,
        paragraphs: &'a [Paragraph],
        quotes: &[Quote],
        kept: Option<(&Reuse, &[Slot])>,
    ) -> Reading<'a> {
        // Each paragraph's quotations, found by binary search (paragraphs are in order and do
        // not overlap): a scan of every quotation for every paragraph was quadratic (a megabyte
        // of copy spent 1.4 s here).
        let mut inside: Vec<Vec<Span>> = vec![Vec::new(); paragraphs.len()];
        for q in quotes.iter().filter(|q| q.depth == 0) {
            let first = paragraphs.partition_point(|p| p.span.end <= q.span.start);
            for (i, p) in paragraphs.iter().enumerate().skip(first) {
                if p.span.start >= q.span.end {
                    break;
                }
                if q.span.overlaps(p.span) {
                    inside[i].push(q.span);
                }
            }
        }
        let answers = match kept {
            Some((reuse, slots)) => {
                let mut clipped = Vec::new();
                paragraphs
                    .iter()
                    .zip(slots)
                    .zip(&inside)
                    .map(|((p, slot), qs)| {
                        clipped.clear();
                        clipped.extend(qs.iter().map(|q| {
                            Span::new(
                                q.start.max(p.span.start) - p.span.start,
                                q.end.min(p.span.end) - p.span.start,
                            )
                        }));
                        reuse.genre(*slot, &prose[p.span.range()], &clipped)
                    })
                    .collect()
            }
            None => paragraphs.iter().map(|_| Arc::default()).collect(),
        };
        Reading {
            prose,
            paragraphs,
            inside,
            answers,
            own: vec![OnceCell::new(); paragraphs.len()],
        }
    }

    fn text(&self, i: usize) -> &'a str {
        &self.prose[self.paragraphs[i].span.range()]
    }

    fn own(&self, i: usize) -> &str {
        self.own[i]
            .get_or_init(|| outside_quotes(self.prose, self.paragraphs[i].span, &self.inside[i]))
    }

    fn first_person(&self, i: usize) -> bool {
        *self.answers[i]
            .first_person
            .get_or_init(|| first_person(self.own(i)))
    }

    fn answering(&self, i: usize) -> bool {
        *self.answers[i]
            .answering
            .get_or_init(|| may_answer(self.text(i)) && answers(self.own(i)))
    }

    fn exclaiming(&self, i: usize) -> bool {
        *self.answers[i]
            .exclaiming
            .get_or_init(|| self.text(i).contains('!') && exclaims(self.own(i)))
    }

    fn signature(&self, i: usize) -> (bool, bool) {
        *self.answers[i].signature.get_or_init(|| {
            let text = self.text(i);
            let last_line = text.trim_end().rsplit('\n').next().unwrap_or(text);
            let own_line = text.trim_end().contains('\n');
            // A bare name counts only as a paragraph by itself.
            let bare = !own_line && PATTERNS.bare_name.is_match(last_line);
            (bare, bare || PATTERNS.signature.is_match(last_line))
        })
    }

    fn rating(&self, i: usize) -> bool {
        *self.answers[i].rating.get_or_init(|| {
            let t = self.text(i);
            t.len() <= 200 && t.lines().any(|l| PATTERNS.rating.is_match(l))
        })
    }
}

/// The contributions of a letters or comments page, in order; empty for any other copy.
/// `title`: the front matter's title, if any.
pub fn contributions(reading: &Reading, title: Option<&str>) -> Vec<Span> {
    let (prose, paragraphs) = (reading.prose, reading.paragraphs);
    if let (Some(first), Some(last)) = (paragraphs.first(), paragraphs.last()) {
        let first_line = prose[first.span.range()].lines().next().unwrap_or("");
        if title.is_some_and(paid_rubric) || paid_rubric(first_line) {
            return vec![Span::new(first.span.start, last.span.end)];
        }
    }
    // The body's paragraphs, and each one's index among all paragraphs.
    let (ids, body): (Vec<usize>, Vec<&Paragraph>) = paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.headline)
        .unzip();
    if body.len() < 3 {
        return Vec::new();
    }
    // A letters page under its rubric: everything from the rubric on.
    if let (Some(rubric), Some(last)) = (
        body.iter()
            .take(3)
            .find(|p| letters_rubric(&prose[p.span.range()])),
        body.last(),
    ) {
        return vec![Span::new(rubric.span.start, last.span.end)];
    }
    // Most paragraphs' own words are read only by the byte prefilter of `answers`.
    let first = |i: usize| reading.first_person(ids[i]);
    let signature = |i: usize| reading.signature(ids[i]);
    let signed = signed(prose, &body, &first, &signature);
    if !signed.is_empty() {
        return signed;
    }
    let answering: Vec<bool> = ids.iter().map(|&i| reading.answering(i)).collect();
    let exclaiming: Vec<bool> = ids.iter().map(|&i| reading.exclaiming(i)).collect();
    unsigned(&body, &answering, &exclaiming, &first)
}

/// A paragraph's prose with its quotations (the writer's, depth 0, that overlap it) blanked out.
fn outside_quotes(prose: &str, span: Span, quotes: &[Span]) -> String {
    let mut bytes = prose.as_bytes()[span.range()].to_vec();
    for q in quotes {
        let from = q.start.max(span.start) - span.start;
        let to = q.end.min(span.end) - span.start;
        bytes[from..to].fill(b' ');
    }
    // Blanking whole quotations keeps character boundaries: marks and text go together.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Whether the page is a signed opinion or analysis column: its last paragraph, or the one
/// before a short closing line ("Follow her on Twitter."), is a contributor note of at most 60
/// words ("Ana Ruiz is a lecturer in law at the university."); or a line of its first paragraph
/// (or of the second, under a one-line kicker) is a column rubric ([`column_rubric`]: "Letter
/// From Lisbon", "Harbour Scene"); or it closes on a translator's credit ("Translated by Ana
/// Ruiz."): a column from another paper, in its author's voice; or it closes on a columnist's
/// sign-off, a label and a handle alone ("Twitter: @anaruiz.").
pub fn signed_opinion(prose: &str, paragraphs: &[Paragraph]) -> bool {
    let body: Vec<&Paragraph> = paragraphs.iter().filter(|p| !p.headline).collect();
    let note = |p: &Paragraph| {
        let t = &prose[p.span.range()];
        t.split_whitespace().count() <= 60 && PATTERNS.contributor.is_match(t)
    };
    let n = body.len();
    if n < 3 {
        return false;
    }
    let last = body[n - 1];
    let short = |p: &Paragraph| prose[p.span.range()].split_whitespace().count() <= 12;
    note(last)
        || short(last) && note(body[n - 2])
        || translation_credit(&prose[last.span.range()])
        || signoff(&prose[last.span.range()])
        || head_lines(prose, paragraphs).any(column_rubric)
}

/// The lines of the page's first two paragraphs, and the parts of a headline after its
/// semicolon, where a rubric stands.
fn head_lines<'p>(prose: &'p str, paragraphs: &'p [Paragraph]) -> impl Iterator<Item = &'p str> {
    paragraphs
        .iter()
        .take(2)
        .flat_map(move |p| prose[p.span.range()].lines())
        .flat_map(|l| l.split(';'))
}

/// Whether a rubric that heads news and columns alike (`shared_rubrics`: "DealBook") stands where
/// a column's rubric does ([`signed_opinion`]). The wording rules read such a page as a column
/// only when its writer also asks a question in its own voice.
pub fn shared_rubric(prose: &str, paragraphs: &[Paragraph]) -> bool {
    head_lines(prose, paragraphs).any(|l| rubric_in(l, &PATTERNS.shared))
}

/// Whether the page's headline (the first line of its first paragraph) opens on a person's name
/// and a colon, as a column's headline names its columnist ("Ana Ruiz: The Ferry We Deserve"):
/// two or three capitalised words, then ":". News headlines open the same way on a speaker
/// ("Ruiz: 'We Will Win'"), so the wording rules read it as a column only when the story is
/// told in the first person too.
pub fn named_headline(prose: &str, paragraphs: &[Paragraph]) -> bool {
    let Some(first) = paragraphs.first() else {
        return false;
    };
    let line = prose[first.span.range()].lines().next().unwrap_or("");
    let Some((name, rest)) = line.split_once(':') else {
        return false;
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        })
        && rest.starts_with(' ')
}

/// A column's standing name on a line of its own (or after the headline's semicolon, as archives
/// print it: "Harbour plan stalls; \nLetter From Lisbon."): one of `column_rubrics`, whatever
/// the case, with each word a "*" stands for capitalised ("Letter From Lisbon", "Harbour
/// Scene"), at most six words in all.
fn column_rubric(line: &str) -> bool {
    rubric_in(line, &PATTERNS.rubrics)
}

/// [`column_rubric`] for the rubrics `rubrics` (lower-case).
fn rubric_in(line: &str, rubrics: &[String]) -> bool {
    let t = line.trim().trim_end_matches(['.', ':']).trim_end();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || !t.starts_with(char::is_uppercase) {
        return false;
    }
    let lower = t.to_lowercase();
    let capitalised = |ws: &[&str]| {
        (1..=3).contains(&ws.len()) && ws.iter().all(|w| w.starts_with(char::is_uppercase))
    };
    rubrics.iter().any(|r| {
        let n = r.split_whitespace().count();
        if let Some(fixed) = r.strip_suffix(" *") {
            words.len() > n - 1
                && lower.starts_with(&format!("{fixed} "))
                && capitalised(&words[n - 1..])
        } else if let Some(fixed) = r.strip_prefix("* ") {
            words.len() > n - 1
                && lower.ends_with(&format!(" {fixed}"))
                && capitalised(&words[..words.len() - (n - 1)])
        } else {
            lower == *r
        }
    })
}

/// A columnist's sign-off closing the page: one of `signoff_labels`, a colon and a handle, and
/// nothing else ("Twitter: @anaruiz.").
fn signoff(paragraph: &str) -> bool {
    let t = paragraph.trim().trim_end_matches('.');
    t.split_once(':').is_some_and(|(label, handle)| {
        let handle = handle.trim();
        PATTERNS.signoffs.contains(&label.trim().to_lowercase())
            && handle.len() > 1
            && handle.starts_with('@')
            && handle[1..].chars().all(|c| c.is_alphanumeric() || c == '_')
    })
}

/// A translator's credit closing the page: one of `translation_credits` and a name, at most
/// eight words ("Translated by Ana Ruiz.", "Translated from the Spanish by Tom Lee.").
fn translation_credit(paragraph: &str) -> bool {
    let t = paragraph.trim();
    let lower = t.to_lowercase();
    t.split_whitespace().count() <= 8
        && PATTERNS.credits.iter().any(|c| {
            lower.starts_with(c.as_str())
                && t[c.len()..]
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
        })
}

/// Whether the page is a match report: it describes play. At least `match_words_needed`
/// different words of play (`match_words`: "half-time", "free-kick", "tie-break", "the
/// crossbar") stand in it, a scoreline ("2-1", "6-4") counting as one. In such a report
/// "a stunning volley" or "a tremendous rally" is the genre's register for the play, not the
/// newsroom's verdict on anyone; its labels and verbs of speech are still checked.
pub fn match_report(prose: &str) -> bool {
    let p = &*PATTERNS;
    let mut seen = vec![false; p.play.first_spelling.len()];
    let mut n = usize::from(has_scoreline(prose));
    p.play.each(prose, |id| {
        if !std::mem::replace(&mut seen[id], true) {
            n += 1;
        }
    });
    n >= p.play_needed
}

/// The words of play and the scoreline one paragraph holds, as [`match_report`] reads them: the
/// first spelling of each word of play (sorted, once each) and whether a scoreline stands
/// there. A story's verdict is [`match_report_of`] its paragraphs' (when [`reads_by_paragraph`]),
/// so the server reads only an edited paragraph again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlayIn {
    pub words: Vec<u16>,
    pub scoreline: bool,
}

/// [`PlayIn`] of one paragraph's prose.
pub fn play_in(prose: &str) -> PlayIn {
    let mut words = Vec::new();
    PATTERNS.play.each(prose, |id| words.push(id as u16));
    words.sort_unstable();
    words.dedup();
    PlayIn {
        words,
        scoreline: has_scoreline(prose),
    }
}

/// [`match_report`] of a story from its paragraphs' [`PlayIn`] (the same verdict when
/// [`reads_by_paragraph`] says so).
pub fn match_report_of<'a>(paragraphs: impl Iterator<Item = &'a PlayIn>) -> bool {
    let p = &*PATTERNS;
    let mut seen = vec![false; p.play.first_spelling.len()];
    let mut n = 0;
    let mut scoreline = false;
    for play in paragraphs {
        if play.scoreline && !scoreline {
            scoreline = true;
            n += 1;
        }
        for &w in &play.words {
            if !std::mem::replace(&mut seen[usize::from(w)], true) {
                n += 1;
            }
        }
        if n >= p.play_needed {
            return true;
        }
    }
    false
}

/// Whether [`match_report`] of `prose` can be read paragraph by paragraph ([`play_in`] of each,
/// then [`match_report_of`]): every byte outside `paragraphs` is ASCII white space and each gap
/// between two paragraphs holds a line break, while no word of play holds a line break or
/// starts or ends on white space. No match of a word of play can then touch a gap (it would
/// start or end on its white space, or hold its line break), so the whole story's matches are
/// each paragraph's, with white space (or the text's end) on either side of each paragraph
/// where the word and scoreline tests look past its ends.
pub fn reads_by_paragraph(prose: &str, paragraphs: &[Paragraph]) -> bool {
    if !PATTERNS.play.words.iter().all(|w| {
        !w.contains('\n')
            && !w.starts_with(|c: char| c.is_whitespace())
            && !w.ends_with(|c: char| c.is_whitespace())
    }) {
        return false;
    }
    let bytes = prose.as_bytes();
    let white = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_whitespace);
    let mut at = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        if p.span.start < at || !white(at..p.span.start) {
            return false;
        }
        if i > 0 && !bytes[at..p.span.start].contains(&b'\n') {
            return false;
        }
        at = p.span.end;
    }
    at <= bytes.len() && white(at..bytes.len())
}

/// A scoreline: one or two digits, a hyphen or an en dash, one or two digits, standing alone
/// ("won 2-1", "6-4 6-3"); not a range of figures ("$2-3", "1.5-2", "2004-05", "20-30%").
fn has_scoreline(prose: &str) -> bool {
    let bytes = prose.as_bytes();
    let digits_back = |mut i: usize| {
        let end = i;
        while i > 0 && bytes[i - 1].is_ascii_digit() {
            i -= 1;
        }
        (i, end - i)
    };
    let digits_on = |mut i: usize| {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        (i, i - start)
    };
    let stops_before = |i: usize| {
        i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || matches!(bytes[i - 1], b'.' | b',' | b'-' | b'/' | b'$')
                || bytes[i - 1] >= 0x80)
    };
    let stops_after = |i: usize| {
        i >= bytes.len()
            || !(bytes[i].is_ascii_alphanumeric()
                || matches!(bytes[i], b'%' | b'-' | b'/')
                || (bytes[i] == b'.' || bytes[i] == b',')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    };
    // Each hyphen and en dash (E2 80 93), found by bytes: the server asks on every edit of
    // the story, and a scan by characters cost a megabyte 16 M instructions.
    memchr::memchr2_iter(b'-', 0xE2, bytes).any(|i| {
        let dash = match bytes[i] {
            b'-' => 1,
            _ if bytes[i..].starts_with("\u{2013}".as_bytes()) => 3,
            _ => return false,
        };
        let (from, left) = digits_back(i);
        let (to, right) = digits_on(i + dash);
        (1..=2).contains(&left) && (1..=2).contains(&right) && stops_before(from) && stops_after(to)
    })
}

/// Whether the page is a review: its headline (the first paragraph, or the front matter's
/// `title`) opens on a review rubric ("DVD review: ...", see `review_rubrics`), or a line of its
/// own gives a rating ("Rating: 4/5", "★★★★☆"), or the last paragraph says where the work is
/// out ([`release_line`]). A review is the critic's signed judgement, as a
/// signed column is: its adjectives are the critic's, not the newsroom's.
pub fn review(reading: &Reading, title: Option<&str>) -> bool {
    let (prose, paragraphs) = (reading.prose, reading.paragraphs);
    let first_line = paragraphs
        .first()
        .map_or("", |p| prose[p.span.range()].lines().next().unwrap_or(""));
    if title.is_some_and(|t| PATTERNS.review.is_match(t)) || PATTERNS.review.is_match(first_line) {
        return true;
    }
    // Ratings are short lines: only short paragraphs are read.
    (0..paragraphs.len()).any(|i| reading.rating(i))
        || paragraphs
            .iter()
            .rfind(|p| !p.headline)
            .is_some_and(|p| release_line(&prose[p.span.range()]))
}

/// Whether the page uses one of `review_words` ("gameplay"), whatever the case, as a whole
/// word: a review of a game under no rubric and with no rating. Read by the wording rules with
/// [`review`] (a critic's adjectives), not by the attribution rules.
pub fn review_vocabulary(prose: &str) -> bool {
    PATTERNS
        .review_words
        .iter()
        .any(|w| has_whole_word(prose.as_bytes(), w.as_bytes()))
}

/// Whether `bytes` holds `word` (lower-case) as a whole word, whatever the ASCII case: only the
/// places where its first byte stands, in either case, are compared (this runs over the whole
/// story on every analysis; a comparison at every byte cost ~30 M instructions a megabyte).
fn has_whole_word(bytes: &[u8], word: &[u8]) -> bool {
    let Some(&first) = word.first() else {
        return false;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes).any(|i| {
        bytes
            .get(i..i + word.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(word))
            && whole_word_at(bytes, i, i + word.len())
    })
}

/// Whether `bytes[start..end]` stands as a whole word: no letter, digit or hyphen joins it on
/// either side.
fn whole_word_at(bytes: &[u8], start: usize, end: usize) -> bool {
    let in_word = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
    };
    (start == 0 || !in_word(start - 1)) && !in_word(end)
}

/// Phrases that share the last word's tail (its bytes after the first: "olumn"), searched once
/// for all of them.
struct Tail {
    finder: memchr::memmem::Finder<'static>,
    phrases: Vec<String>,
}

/// `phrases` (lower-case) grouped by the tail of their last word.
fn tails(phrases: &[String]) -> Vec<Tail> {
    let mut out: Vec<Tail> = Vec::new();
    for p in phrases {
        let last = p.rsplit(' ').next().unwrap_or(p);
        let tail = last.get(1..).filter(|t| !t.is_empty()).unwrap_or(last);
        match out
            .iter_mut()
            .find(|t| t.finder.needle() == tail.as_bytes())
        {
            Some(t) => t.phrases.push(p.clone()),
            None => out.push(Tail {
                finder: memchr::memmem::Finder::new(tail.as_bytes()).into_owned(),
                phrases: vec![p.clone()],
            }),
        }
    }
    out
}

/// Where the page calls itself a column (`self_references`: "for this column"), in its writer's
/// voice or not: the caller leaves out those inside quotation marks. Whole words, whatever the
/// ASCII case of the phrase's other letters, its last word's tail as written (lower-case). The
/// search is for that tail ("olumn"), then the phrase is read back from it: a search from each
/// phrase's first letter, or an automaton over all the text, cost ~18–23 M instructions a
/// megabyte (as common as "t" is).
pub fn self_references(prose: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = prose.as_bytes();
    PATTERNS.self_references.iter().flat_map(move |t| {
        let tail = t.finder.needle().len();
        t.finder.find_iter(bytes).flat_map(move |at| {
            let end = at + tail;
            t.phrases.iter().filter_map(move |p| {
                let start = end.checked_sub(p.len())?;
                (bytes.get(start..end)?.eq_ignore_ascii_case(p.as_bytes())
                    && whole_word_at(bytes, start, end))
                .then(|| Span::new(start, end))
            })
        })
    })
}

/// A review's closing line saying where the work is out: at most 14 words, one of
/// `release_phrases` followed by a time or one of `release_places`, and one of `release_times`
/// last ("Blue Harbour 2 is out on the Switch now.", "The album is available today").
fn release_line(paragraph: &str) -> bool {
    let t = paragraph.trim().trim_end_matches(['.', '!']).to_lowercase();
    let (phrases, times, places) = &PATTERNS.release;
    t.split_whitespace().count() <= 14
        && t.rsplit(' ')
            .next()
            .is_some_and(|w| times.iter().any(|x| x == w))
        && phrases.iter().any(|p| {
            // Right after the phrase: the time, or where ("on the Switch now"), not "out of date".
            t.split_once(&format!(" {p} ")).is_some_and(|(_, rest)| {
                let next = rest.split_whitespace().next().unwrap_or("");
                times.iter().chain(places).any(|x| x == next)
            })
        })
}

/// Whether a paragraph is a letters-page rubric and nothing else ("LETTERS", "Letters to the
/// editor:"), whatever its case.
fn letters_rubric(paragraph: &str) -> bool {
    let t = paragraph.trim().trim_end_matches(['.', ':']).trim_end();
    t.len() <= 40 && PATTERNS.letters.iter().any(|r| r.eq_ignore_ascii_case(t))
}

/// Whether a line opens on a paid-notice rubric.
fn paid_rubric(line: &str) -> bool {
    PATTERNS.paid.is_match(line)
}

/// Exclaims in its own words: "!" closing a sentence (then the end, another mark or a new
/// sentence) after a lower-case word ("what a waste!", "not again!! Every year") or after a
/// word that opens its sentence ("Shameful!", "Really?!"). A name that carries the mark inside
/// a sentence ("Yahoo! shares rose", "the show Jeopardy! Fans wrote") does not exclaim.
fn exclaims(own: &str) -> bool {
    own.match_indices('!').any(|(i, _)| {
        let rest = own[i..].trim_start_matches(['!', '?']);
        let ends = rest.is_empty()
            || rest.starts_with(char::is_whitespace)
                && !rest.trim_start().starts_with(char::is_lowercase);
        let before = own[..i].trim_end_matches(['!', '?']);
        let from = before
            .rfind(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .map_or(0, |k| {
                k + before[k..].chars().next().map_or(1, char::len_utf8)
            });
        let word = &before[from..];
        let opens = before[..from]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|c| {
                matches!(
                    c,
                    '.' | '!' | '?' | '\u{22}' | '“' | '(' | ':' | ';' | '-' | '–' | '—'
                )
            });
        ends && (word.starts_with(char::is_lowercase)
            || word.starts_with(char::is_uppercase) && opens)
    })
}

/// Speaks in the first person: "my", "I'm", or the pronoun "I" (not a Roman numeral after a
/// name, "World War I ended": a capitalised word then "I" then punctuation or a capital).
fn first_person(own: &str) -> bool {
    if PATTERNS
        .first_person
        .get(own)
        .find_iter(own)
        .any(|m| &own[m.range()] != "i" && &own[m.range()] != "I")
    {
        return true;
    }
    let bytes = own.as_bytes();
    own.match_indices('I').any(|(i, _)| {
        let word_before = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
        let word_after = bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric());
        if word_before || word_after {
            return false;
        }
        let before = own[..i].trim_end();
        let after = own[i + 1..].trim_start();
        let numeral = before.len() < i
            && before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
            && !after.starts_with(|c: char| c.is_lowercase());
        !numeral
    })
}

fn answers(own: &str) -> bool {
    PATTERNS.answer.is_match(own)
}

/// False when `text` (a paragraph, or any text holding it) holds no answer for sure: none of
/// the hint words (see `Patterns::answer_hints`) and no character that case folds to ASCII
/// ("ſ" matches "s" under `(?i)`).
fn may_answer(text: &str) -> bool {
    let Some(hints) = &PATTERNS.answer_hints else {
        return true;
    };
    hints.is_match(text) || !text.is_ascii() && text.chars().any(folds_to_ascii)
}

/// A character outside ASCII whose case variants include an ASCII letter (the long s, the
/// Kelvin sign, the dotted capital I).
fn folds_to_ascii(c: char) -> bool {
    !c.is_ascii()
        && (c.to_lowercase().any(|l| l.is_ascii()) || c.to_uppercase().any(|u| u.is_ascii()))
}

/// Whether `c` has another case.
fn has_case(c: char) -> bool {
    c.to_lowercase().ne(std::iter::once(c)) || c.to_uppercase().ne(std::iter::once(c))
}

/// Signed contributions, when at least two signatures close first-person contributions.
fn signed(
    prose: &str,
    body: &[&Paragraph],
    first: &dyn Fn(usize) -> bool,
    signature: &dyn Fn(usize) -> (bool, bool),
) -> Vec<Span> {
    let mut out = Vec::new();
    let mut first_person_ones = 0;
    let mut bare_ones = 0;
    let mut from: Option<usize> = None; // the paragraph after the previous signature
    for (i, p) in body.iter().enumerate() {
        let (bare, signs) = signature(i);
        if !signs {
            continue;
        }
        let own_line = prose[p.span.range()].trim_end().contains('\n');
        bare_ones += usize::from(bare);
        let end = if own_line { i } else { i.saturating_sub(1) };
        if !own_line && i == 0 {
            continue;
        }
        let start = match from {
            Some(f) if f <= end => f,
            Some(_) => {
                from = Some(i + 1);
                continue;
            }
            // The first contribution: its last paragraph and the first-person ones before it.
            None => {
                let mut s = end;
                while s > 0 && first(s - 1) {
                    s -= 1;
                }
                s
            }
        };
        if (start..=end).any(first) {
            first_person_ones += 1;
        }
        out.push(Span::new(body[start].span.start, p.span.end));
        from = Some(i + 1);
    }
    // Names alone are a weaker sign than names with places: a page signed that way needs a
    // third contribution.
    let need = if bare_ones > 0 { 3 } else { 2 };
    if out.len() >= need && first_person_ones >= 2 {
        out
    } else {
        Vec::new()
    }
}

/// Unsigned comments: a run to the end of the page that opens on a reader's answer, or a long
/// run that opens on a reader's own voice and exclaims at least twice.
/// `answering`, `exclaiming`: which paragraphs answer, which exclaim. Whether a paragraph is in
/// the first person is read only for a run that could count (most pages have neither).
fn unsigned(
    body: &[&Paragraph],
    answering: &[bool],
    exclaiming: &[bool],
    first: &dyn Fn(usize) -> bool,
) -> Vec<Span> {
    let n = body.len();
    // Answers and exclamations from paragraph `s` to the end.
    let mut answers_from = vec![0usize; n + 1];
    let mut exclaims_from = vec![0usize; n + 1];
    for s in (0..n).rev() {
        answers_from[s] = answers_from[s + 1] + usize::from(answering[s]);
        exclaims_from[s] = exclaims_from[s + 1] + usize::from(exclaiming[s]);
    }
    // Whether a paragraph before `scanned` is the newsroom's (not in the first person).
    let (mut scanned, mut newsroom) = (0, false);
    // Paragraphs from `s` to the end that answer, exclaim or speak in the first person, once
    // needed.
    let mut personal_from: Option<Vec<usize>> = None;
    for s in 1..n {
        let answered = answering[s] && n - s >= 4 && answers_from[s] >= 2;
        let exclaimed =
            n - s >= 8 && exclaims_from[s] >= 2 && (answering[s] || exclaiming[s] || first(s));
        if !answered && !exclaimed {
            continue;
        }
        while !newsroom && scanned < s {
            newsroom = !first(scanned);
            scanned += 1;
        }
        if !newsroom {
            continue;
        }
        let personal = personal_from.get_or_insert_with(|| {
            let mut v = vec![0usize; n + 1];
            for i in (s..n).rev() {
                v[i] = v[i + 1] + usize::from(answering[i] || exclaiming[i] || first(i));
            }
            v
        });
        if personal[s] * 2 >= n - s {
            return body[s..].iter().map(|p| p.span).collect();
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns of the page reader, and the quotation reader's, are compiled at build time
    /// (`build.rs`, from `document/text_patterns.rs` and `data/document/*.toml`): one made here
    /// from other words would silently be compiled at run time again, costing start-up time.
    #[test]
    fn the_document_patterns_have_their_automata() {
        let p = &*PATTERNS;
        for (name, t) in [
            ("first_person", &p.first_person),
            ("answer", &p.answer),
            ("signature", &p.signature),
            ("contributor", &p.contributor),
            ("bare_name", &p.bare_name),
            ("paid", &p.paid),
            ("review", &p.review),
            ("rating", &p.rating),
        ] {
            assert!(t.has_automaton(), "no automaton for {name}");
        }
        for (name, t) in crate::document::quotes::patterns() {
            assert!(t.has_automaton(), "no automaton for {name}");
        }
    }

    #[test]
    fn first_person_words() {
        assert!(first_person("Then I went home."));
        assert!(first_person("It was my idea."));
        assert!(first_person("I’m tired."));
        assert!(!first_person("The war after World War I. It ended."));
        assert!(!first_person("The council met on Monday."));
        assert!(!first_person("Item IV and Act II."));
    }

    #[test]
    fn exclamations_and_rubrics() {
        assert!(exclaims("What a waste!"));
        assert!(exclaims("Not again!! Every year."));
        assert!(exclaims("Really?! I doubt it."));
        assert!(!exclaims("Yahoo! shares rose."));
        assert!(!exclaims("The show Jeopardy! moved."));
        assert!(!exclaims("The show Jeopardy! Fans wrote in."));
        assert!(exclaims("Shameful! They knew."));
        assert!(!exclaims("The sign said nothing."));
        assert!(paid_rubric("Paid Notice: Deaths LEE, ANN"));
        assert!(paid_rubric("SPONSORED CONTENT - The best beaches"));
        assert!(paid_rubric("Advertisement feature"));
        assert!(!paid_rubric("Paid notices once filled six pages."));
        assert!(!paid_rubric("Advertisement"));
    }

    #[test]
    fn review_rubrics_and_ratings() {
        let r = &PATTERNS.review;
        assert!(r.check().is_ok());
        assert!(r.is_match("DVD review: The Harbour Ghost"));
        assert!(r.is_match("Review: a slick racer for the price"));
        assert!(r.is_match("Game review - Ferry Tycoon 3"));
        assert!(!r.is_match("Ministers order a review of ferry safety"));
        assert!(!r.is_match("Review of ferry safety ordered after crash"));
        let g = &PATTERNS.rating;
        assert!(g.check().is_ok());
        assert!(g.is_match("Rating: 4/5"));
        assert!(g.is_match("Verdict: four stars out of five"));
        assert!(g.is_match("★★★★☆"));
        assert!(!g.is_match("The rating agency cut the bank's score on Friday."));
        assert!(release_line("Blue Harbour 2 is out on the Switch now."));
        assert!(release_line("The album is available today"));
        assert!(!release_line("The ferry timetable is out of date now."));
        assert!(!release_line(
            "Councillors said the report on the harbour, which is out for consultation, would be debated in the spring and published now."
        ));
    }

    #[test]
    fn answers_to_the_page() {
        assert!(answers("I agree with the columnist."));
        assert!(answers("I could not disagree more."));
        assert!(answers("Reading these comments, the tone is low."));
        assert!(!answers("The unions agree with the plan."));
        assert!(!answers("He said the report was wrong."));
    }

    #[test]
    fn column_rubrics_and_credits() {
        assert!(column_rubric("Letter From Lisbon."));
        assert!(column_rubric("Letter from Harbour Town"));
        assert!(column_rubric(" Harbour Scene."));
        assert!(column_rubric("News Analysis"));
        assert!(column_rubric("OPINION"));
        // a headline that happens to hold the words, or a rubric word in a sentence
        assert!(!column_rubric(
            "Letter from the mayor angers the harbour board"
        ));
        assert!(!column_rubric("Police seal off the scene"));
        assert!(!column_rubric("The crime scene."));
        assert!(!column_rubric("opinion"));
        assert!(review_vocabulary(
            "The Gameplay is simple: run, jump, shoot."
        ));
        assert!(!review_vocabulary(
            "The club's game plan worked; its gameplayers did not."
        ));
        assert!(rubric_in("DealBook.", &PATTERNS.shared));
        let refs = |t: &str| self_references(t).map(|s| s.range()).collect::<Vec<_>>();
        assert_eq!(
            refs("None of the owners would comment for This Column. My column ran on Monday."),
            [37..48, 50..59]
        );
        // Inside a longer word, or a column of smoke that is no "this column": nothing.
        assert!(refs("A column of smoke rose; this columnist disagreed; mycolumn.").is_empty());
        assert!(!rubric_in("DealBook.", &PATTERNS.rubrics));
        assert!(signoff("Twitter: @anaruiz."));
        assert!(signoff("twitter: @Ana_Ruiz"));
        // A line that says more, or a handle that is no handle, is no sign-off.
        assert!(!signoff("Twitter: @anaruiz and @tomlee."));
        assert!(!signoff("Twitter: the mayor's account"));
        assert!(!signoff("Follow Ana Ruiz on Twitter @anaruiz."));
        assert!(translation_credit("Translated by Ana Ruiz."));
        assert!(translation_credit("Translated from the Spanish by Tom Lee"));
        assert!(!translation_credit(
            "Translated by volunteers, the leaflets were handed out at the port on Monday."
        ));
        assert!(!translation_credit("The speech was translated by an aide."));
    }

    /// The words of play as aho-corasick's leftmost-longest search (`kind`) found them, each
    /// standing as a whole word: the oracle of [`Play::each`].
    fn play_by_aho_corasick(prose: &str, kind: aho_corasick::AhoCorasickKind) -> Vec<usize> {
        let play = &PATTERNS.play;
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .build(&play.words)
            .unwrap();
        let bytes = prose.as_bytes();
        let in_word = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
        ac.find_iter(prose)
            .filter(|m| {
                !(m.start() > 0 && in_word(bytes[m.start() - 1]))
                    && !bytes.get(m.end()).is_some_and(|&b| in_word(b))
            })
            .map(|m| play.first_spelling[m.pattern().as_usize()])
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// The trie finds the words of play aho-corasick's DFA and NFA found (phrases over word
        /// ends, hyphens, capitals, letters outside ASCII next to words, runs across the 64-byte
        /// blocks the trie reads at once), and the verdict is theirs.
        #[test]
        fn play_by_the_trie_is_play_by_aho_corasick(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("the"), proptest::strategy::Just("bar"),
                    proptest::strategy::Just("net"), proptest::strategy::Just("The Net"),
                    proptest::strategy::Just("free"), proptest::strategy::Just("kick"),
                    proptest::strategy::Just("half"), proptest::strategy::Just("time"),
                    proptest::strategy::Just("on"), proptest::strategy::Just("target"),
                    proptest::strategy::Just("sin"), proptest::strategy::Just("bin"),
                    proptest::strategy::Just("set"), proptest::strategy::Just("point"),
                    proptest::strategy::Just("semi"), proptest::strategy::Just("final"),
                    proptest::strategy::Just("s"), proptest::strategy::Just("HEADER"),
                    proptest::strategy::Just("volley"), proptest::strategy::Just("ed"),
                    proptest::strategy::Just("bathe"), proptest::strategy::Just("nation"),
                    proptest::strategy::Just("-"), proptest::strategy::Just(" "),
                    proptest::strategy::Just(" "), proptest::strategy::Just("\n"),
                    proptest::strategy::Just(","), proptest::strategy::Just("é"),
                    proptest::strategy::Just("×"), proptest::strategy::Just("2-1"),
                    proptest::strategy::Just("harbourmaster"),
                    proptest::strategy::Just(" the council approved the budget again "),
                ],
                0..60,
            ),
        ) {
            let prose: String = parts.concat();
            let mut by_trie = Vec::new();
            PATTERNS.play.each(&prose, |id| by_trie.push(id));
            for kind in [
                aho_corasick::AhoCorasickKind::DFA,
                aho_corasick::AhoCorasickKind::ContiguousNFA,
            ] {
                proptest::prop_assert_eq!(&by_trie, &play_by_aho_corasick(&prose, kind), "{:?}", prose);
            }
            let mut distinct = by_trie.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let n = distinct.len() + usize::from(has_scoreline(&prose));
            proptest::prop_assert_eq!(match_report(&prose), n >= PATTERNS.play_needed);
        }
    }

    proptest::proptest! {
        /// The scoreline read by bytes is the one read by characters (hyphens and en dashes
        /// among other dashes, quotes, digits and marks).
        #[test]
        fn scorelines_by_bytes_are_scorelines_by_characters(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("2"), proptest::strategy::Just("14"),
                    proptest::strategy::Just("-"), proptest::strategy::Just("\u{2013}"),
                    proptest::strategy::Just("\u{2014}"), proptest::strategy::Just("“"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("a"),
                    proptest::strategy::Just("."), proptest::strategy::Just(","),
                    proptest::strategy::Just("$"), proptest::strategy::Just("%"),
                    proptest::strategy::Just("/"), proptest::strategy::Just("é"),
                    proptest::strategy::Just(" 3\u{2013}"), proptest::strategy::Just("-1 "),
                ],
                0..10,
            ),
        ) {
            let prose: String = parts.concat();
            let bytes = prose.as_bytes();
            // As it was read before: by characters.
            let by_chars = prose.match_indices(['-', '\u{2013}']).any(|(i, dash)| {
                let mut from = i;
                while from > 0 && bytes[from - 1].is_ascii_digit() {
                    from -= 1;
                }
                let mut to = i + dash.len();
                while to < bytes.len() && bytes[to].is_ascii_digit() {
                    to += 1;
                }
                let (left, right) = (i - from, to - i - dash.len());
                let stops_before = from == 0
                    || !(bytes[from - 1].is_ascii_alphanumeric()
                        || matches!(bytes[from - 1], b'.' | b',' | b'-' | b'/' | b'$')
                        || bytes[from - 1] >= 0x80);
                let stops_after = to >= bytes.len()
                    || !(bytes[to].is_ascii_alphanumeric()
                        || matches!(bytes[to], b'%' | b'-' | b'/')
                        || (bytes[to] == b'.' || bytes[to] == b',')
                            && bytes.get(to + 1).is_some_and(u8::is_ascii_digit));
                (1..=2).contains(&left) && (1..=2).contains(&right) && stops_before && stops_after
            });
            proptest::prop_assert_eq!(has_scoreline(&prose), by_chars, "{:?}", prose);
        }

        /// A story read paragraph by paragraph for play, where it can be, is a match report
        /// exactly when the whole story read at once is (words of play split over paragraph
        /// breaks, table cells and list items, scorelines at paragraph ends).
        #[test]
        fn play_read_by_paragraph_is_play_read_whole(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("the"), proptest::strategy::Just("bar"),
                    proptest::strategy::Just("net"), proptest::strategy::Just("header"),
                    proptest::strategy::Just("Volley"), proptest::strategy::Just("free"),
                    proptest::strategy::Just("kick"), proptest::strategy::Just("half-time"),
                    proptest::strategy::Just("-"), proptest::strategy::Just("2-1"),
                    proptest::strategy::Just("2"), proptest::strategy::Just(" "),
                    proptest::strategy::Just("\n"), proptest::strategy::Just("\n\n"),
                    proptest::strategy::Just(" | "), proptest::strategy::Just("|"),
                    proptest::strategy::Just("\n|---|---|\n"), proptest::strategy::Just("> "),
                    proptest::strategy::Just("\n- "), proptest::strategy::Just("# "),
                    proptest::strategy::Just("`"), proptest::strategy::Just("a."),
                    proptest::strategy::Just("\n\n| a | b |\n|---|---|\n| "),
                    proptest::strategy::Just("the|bar"), proptest::strategy::Just(" |\n| "),
                ],
                0..40,
            ),
            plain in proptest::bool::ANY,
        ) {
            let text: String = parts.concat();
            let format = if plain { super::super::Format::Plain } else { super::super::Format::Markdown };
            let doc = super::super::Document::parse(&text, format, None);
            if reads_by_paragraph(&doc.prose, &doc.paragraphs) {
                let play: Vec<PlayIn> = doc
                    .paragraphs
                    .iter()
                    .map(|p| play_in(&doc.prose[p.span.range()]))
                    .collect();
                proptest::prop_assert_eq!(
                    match_report_of(play.iter()),
                    match_report(&doc.prose),
                    "{:?}",
                    text
                );
                // And what is seen, not only the verdict, which needs four words.
                let mut words: Vec<u16> = play.iter().flat_map(|p| p.words.clone()).collect();
                words.sort_unstable();
                words.dedup();
                let seen = PlayIn { words, scoreline: play.iter().any(|p| p.scoreline) };
                proptest::prop_assert_eq!(seen, play_in(&doc.prose), "{:?}", text);
            }
        }
    }

    #[test]
    fn named_headlines() {
        let named = |text: &str| {
            let p = Paragraph {
                span: Span::new(0, text.len()),
                sentences: 0..0,
                headline: true,
                opens: 0,
            };
            named_headline(text, &[p])
        };
        assert!(named("Ana Ruiz: The Ferry We Deserve"));
        assert!(named("Tom J. Lee: why the pier must go"));
        assert!(!named("Ruiz: the ferry must go"));
        assert!(!named("The ferry firm and its new owners: a guide"));
        assert!(!named("Update 2: ferry sinks"));
    }

    #[test]
    fn match_reports_and_scorelines() {
        assert!(has_scoreline("Harbour Town won 2-1 at home."));
        assert!(has_scoreline("Harbour Town won 2\u{2013}1 at home."));
        assert!(!has_scoreline(
            "Harbour Town won 2\u{2014}1 at home, “3” 4\u{2013}a."
        ));
        assert!(has_scoreline("She took it 6-4 6–3."));
        assert!(!has_scoreline(
            "Prices rose 2-3% in the 2004-05 season, or $1-2 a share."
        ));
        assert!(!has_scoreline("A 1.5-2 point gap, pages 10-12/13."));
        let report = "Harbour Town won 2-1. Ruiz headed in a corner before half-time and \
                      Lee hit the crossbar, then volleyed the winner in stoppage time.";
        assert!(match_report(report));
        // the words of a sport, but no play described
        assert!(!match_report(
            "The striker signed a new contract on Monday. The club paid 2m for him."
        ));
        // a company's halves and a lawyer's bar are not play
        assert!(!match_report(
            "Profit rose 3-4% in the first half and fell in the second half, the bar said."
        ));
    }

    #[test]
    fn play_is_read_by_paragraph_only_where_no_word_can_run_over_a_break() {
        let by_paragraph = |text: &str| {
            let doc = super::super::Document::parse(text, super::super::Format::Markdown, None);
            let play: Vec<PlayIn> = doc
                .paragraphs
                .iter()
                .map(|p| play_in(&doc.prose[p.span.range()]))
                .collect();
            (
                reads_by_paragraph(&doc.prose, &doc.paragraphs),
                match_report_of(play.iter()),
                match_report(&doc.prose),
            )
        };
        let report = "Ruiz headed in a corner before half-time.\n\nLee hit the crossbar.\n\n\
                      He volleyed the winner, 2-1.";
        assert_eq!(by_paragraph(report), (true, true, true));
        assert_eq!(
            by_paragraph("Ruiz headed in a corner.\n\nLee hit the crossbar."),
            (true, false, false)
        );
        // Words of play over a gap with no line break ("free kick" in two parts), or text
        // outside the paragraphs (a table's cells): the story is read whole.
        let para = |start, end| Paragraph {
            span: Span::new(start, end),
            sentences: 0..0,
            headline: false,
            opens: 0,
        };
        assert!(!reads_by_paragraph("free kick", &[para(0, 4), para(5, 9)]));
        assert!(reads_by_paragraph("free\nkick", &[para(0, 4), para(5, 9)]));
        assert!(!reads_by_paragraph(
            "free\nkick the bar",
            &[para(0, 4), para(5, 9)]
        ));
    }

    #[test]
    fn a_long_story_is_read_for_play_as_a_short_one_is() {
        // Many blocks of words skipped before the play: the verdicts must not change.
        let filler = "The council met on Tuesday and approved the harbour budget. ".repeat(2400);
        let report = "Ruiz headed in a corner before half-time and Lee hit the crossbar, then \
                      volleyed the winner in stoppage time.";
        let one_word = "Ruiz was the referee for the second time this season.";
        for (story, is_report) in [(report, true), (one_word, false)] {
            assert_eq!(match_report(story), is_report, "{story}");
            assert_eq!(
                match_report(&format!("{filler}\n\n{story}")),
                is_report,
                "{story}"
            );
        }
    }

    #[test]
    fn contributor_notes() {
        let c = &PATTERNS.contributor;
        assert!(c.check().is_ok());
        assert!(c.is_match("Ana Ruiz is a lecturer in law at the island college."));
        assert!(c.is_match("Tom (T.J.) Lee is the former mayor of Riverside."));
        assert!(c.is_match("Dana Okafor is an economist and a columnist for the Post."));
        assert!(c.is_match("Mr. Lee is Director of the Harbour Institute at the college."));
        assert!(c.is_match(
            "Ana Ruiz, a member of the paper's board of contributors, is editor emeritus of the Harbour Review."
        ));
        // Initials in the role's title, ", Jr." in the appositive, capitalised words before a
        // role after bare "is", the paper's board of contributors, a co-author or a playwright.
        assert!(c.is_match(
            "Ana J. Ruiz Jr., a former aide to the council, is the Tom K. Lee Professor of Law at the island college."
        ));
        assert!(c.is_match(
            "Tom Lee, former adviser to Governor (then-Mayor) Ana J. Ruiz, Jr., is Senior Fellow at the Harbour Institute."
        ));
        assert!(c.is_match(
            "Dana Okafor, a law lecturer at the college, is a member of the Post's Board of Contributors."
        ));
        assert!(c.is_match("Ana Ruiz is co-author of the book Harbour Days."));
        assert!(c.is_match("Tom Lee is playwright-in-residence at the island college."));
        // The appositive holds no other comma or full stop: a speaker's words are no note.
        assert!(!c.is_match(
            "Ana Lee, who was arrested on Monday, said the mayor, Tom Ruiz, is the director of the port."
        ));
        assert!(!c.is_match("Ana Lee, 42, was arrested. Tom Ruiz, her lawyer, is the director."));
        // Bare "is" only right before the role: a company's plans are no note.
        assert!(!c.is_match("Harbour Lines is expected to name a new director."));
        // A possessive, a thing or a party is no contributor.
        assert!(!c.is_match("The ferry firm’s chief Ana Ruiz is a Republican."));
        assert!(!c.is_match("Harbour Lines is the owner of the old pier."));
        assert!(!c.is_match("The new ferry is a very slick package for the price."));
    }

    #[test]
    fn signature_lines() {
        let s = &PATTERNS.signature;
        assert!(s.check().is_ok());
        assert!(s.is_match("Jane Roe, Leeds"));
        assert!(s.is_match("- Tom O'Hara, Cork, Ireland"));
        assert!(s.is_match("Priya K. Shah, New Delhi"));
        assert!(!s.is_match("The mayor, Ann Lee, said so."));
        assert!(!s.is_match("Leeds"));
        let b = &PATTERNS.bare_name;
        assert!(b.check().is_ok());
        assert!(b.is_match("Jane Roe."));
        assert!(b.is_match("Tom J. O'Hara"));
        assert!(b.is_match("- Ruth McBride"));
        assert!(!b.is_match("FULL TEXT."));
        assert!(!b.is_match("Demanding equality."));
        assert!(!b.is_match("The mayor said so."));
        assert!(!b.is_match("Leeds."));
    }
}

#[cfg(test)]
mod whole_word_tests {
    use proptest::prelude::*;

    /// [`super::has_whole_word`] as it was first written: a comparison at every byte.
    fn at_every_byte(bytes: &[u8], w: &[u8]) -> bool {
        let in_word = |i: usize| {
            bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
        };
        (0..bytes.len().saturating_sub(w.len() - 1)).any(|i| {
            bytes[i..i + w.len()].eq_ignore_ascii_case(w)
                && (i == 0 || !in_word(i - 1))
                && !in_word(i + w.len())
        })
    }

    proptest! {
        /// Comparing only where the first byte stands finds what a comparison at every byte finds.
        #[test]
        fn the_first_byte_search_is_the_full_scan(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("play"), Just("Play"), Just("PLAY"), Just("game"), Just("Game"),
                    Just("gameplay"), Just("GamePlay"), Just("-"), Just(" "), Just("."),
                    Just("g"), Just("é"), Just("1"), Just("s"), Just("\n"),
                ],
                0..14,
            ),
            word in prop_oneof![Just("gameplay"), Just("play"), Just("g"), Just("1a")],
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(
                super::has_whole_word(text.as_bytes(), word.as_bytes()),
                at_every_byte(text.as_bytes(), word.as_bytes()),
                "{:?} {:?}", text, word
            );
        }
    }
}
