//! The work every `wording/` rule shares, done once per story: the lexicon's matches, what
//! their context makes of each (quotation, headline, exception, speech, the group a label names),
//! and the neutral labels the story gives each group. Each rule file turns its own candidates
//! into findings.

use super::lexicon::{lexicon_for, Category, Hit, Lexicon, Term};
use super::pattern::{self, reports_speech, Tok};
use super::words::{CONTEXTS, GROUPS, SPEECH};
use crate::config::Config;
use crate::document::Document;
use crate::finding::Span;
use crate::rules::memo::{Local, Para, Paragraphs};
use crate::rules::{Context, Facts};
use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// The story's wording candidates, computed once through [`Context::facts`].
pub struct Story {
    pub lex: Arc<Lexicon>,
    /// The lexicon is the configuration's and the analysis has a memo: work on its terms may be
    /// kept (each paragraph's matches, the terms' messages).
    pub kept: bool,
    /// The lexicon is the configuration's and the analysis leaves fixes for later: the fixes of
    /// a term's finding are made from the term when asked (see [`super::fixes::later`]).
    pub later: bool,
    pub cands: Vec<Cand>,
    pub neutral: NeutralUse,
}

impl Facts for Story {
    fn compute(cx: &Context) -> Self {
        Story::with(lexicon_for(cx.config), cx)
    }
}

impl Story {
    /// The candidates under a given lexicon (the benchmark passes its own).
    ///
    /// What each paragraph's own text makes of its matches ([`ParaWords`]) is local work, kept
    /// between analyses by the server's memo; the passes here read the whole story: quotations
    /// (which cross paragraphs), headlines, readers' contributions, a signed story, and terms
    /// the story has already used in a harmless sense.
    pub fn with(lex: Arc<Lexicon>, cx: &Context) -> Story {
        let doc = cx.doc;
        let paras = cx.facts::<Paragraphs>();
        // The memo's work builds the configuration's lexicon itself: only that one is kept.
        let configured = Arc::ptr_eq(&lex, &lexicon_for(cx.config));
        let kept = cx.has_memo() && configured;
        let later = cx.leaves_fixes() && configured;
        let allow = allow_list(cx.config);
        let local: Vec<Local<ParaWords>> = if kept {
            cx.local_paras(&paras, doc.paragraphs.len(), |i| (i, &[]), para_words)
        } else {
            cx.map(doc.paragraphs.len(), |i| {
                Local::Made(judge_para(&lex, &allow, paras.para(doc, i)))
            })
        };
        let mut cands = Vec::new();
        if local.iter().all(|l| l.0.is_empty()) {
            return Story {
                lex,
                kept,
                later,
                cands,
                neutral: HashMap::new(),
            };
        }
        // Terms the story has already used in a harmless sense ("a new tariff regime"): a later
        // "the regime" refers back to that, not to a government.
        let mut benign = vec![false; lex.len()];
        let has = |c: Category| {
            local
                .iter()
                .flat_map(|l| &l.0)
                .any(|(h, _)| lex.terms[h.term].category == c)
        };
        let intensifiers = has(Category::Intensifier);
        // A column in its author's voice: a signed op-ed closed by its contributor note ("Ana
        // Ruiz is a lecturer in law at ..."), a column under its rubric or translated from
        // another paper, as the attribution rules read it. Its verbs of speech ("boasted",
        // "claimed") are the columnist's judgement, as its adjectives are (the eval conventions:
        // "a columnist's first-person judgement is left unmarked"); its other labels are still
        // checked.
        // So is a story told in the first person under its columnist's name ("Ana Ruiz: The
        // Ferry We Deserve"); a story merely told in the first person keeps its verbs checked:
        // news copy quotes its speakers' "I" without marks often enough. Its labels for armed
        // groups (terms with a `label_family`), governments and policies (`column_labels`) are its
        // argument too; its name-calling ("a serial liar") is still checked.
        let argument = |term: usize| {
            lex.terms[term].label_family.is_some()
                || CONTEXTS
                    .column_labels
                    .contains(lex.terms[term].key.as_str())
        };
        let group_label = local
            .iter()
            .flat_map(|l| &l.0)
            .any(|(h, _)| argument(h.term));
        // Each paragraph's first-person words, made once: the column, person and reporter
        // readings each ask (without a memo, each made them again).
        let first = FirstTokens {
            cx,
            paras: &paras,
            cells: (0..doc.paragraphs.len())
                .map(|_| std::cell::OnceCell::new())
                .collect(),
        };
        // Whether the story speaks in the first person: the column and the signed readings
        // both ask, and it is counted once.
        let first_person = std::cell::OnceCell::new();
        let first_person_story = || {
            *first_person.get_or_init(|| {
                person_story(
                    cx,
                    &paras,
                    first_person_tokens,
                    CONTEXTS.first_person_sentences,
                    Some(&first),
                )
            })
        };
        let column = (intensifiers
            || has(Category::JudgementalVerb)
            || has(Category::Headlinese)
            || group_label)
            && (crate::document::genre::signed_opinion(&doc.prose, &doc.paragraphs)
                || crate::document::genre::named_headline(&doc.prose, &doc.paragraphs)
                    && first_person_story()
                // under a rubric that heads news too ("DealBook"), a writer who asks its own
                // question: "Which raises the question: why buy the ferry at all?"
                || crate::document::genre::shared_rubric(&doc.prose, &doc.paragraphs)
                    && own_question(doc)
                // a page that calls itself a column in its own voice: "would not comment for
                // this column"
                || crate::document::genre::self_references(&doc.prose).any(|s| !in_quote(doc, s))
                // a writer who reports in the first person ("the economist told me this week")
                // and asks its own question ("So why did the city wait?") on a page with no
                // wire dateline: on 14,249 stories, columns but for an interview printed as
                // questions and answers and a page of readers' comments; a news feature whose
                // reporter says "he told me" asks no question of its own
                || doc.wire_dateline.is_none()
                    && own_question(doc)
                    && reporter_story(cx, &paras, &first));
        let signed = intensifiers
            && (column
                || doc.review
                // a game reviewed under no rubric, which speaks to its reader: "the gameplay is
                // simple, and you learn it in minutes" (a news story about a game studio may
                // name its gameplay too)
                || crate::document::genre::review_vocabulary(&doc.prose)
                    && person_story(cx, &paras, second_person_tokens, 1, None)
                // a match report: "a stunning volley" is the genre's register for the play
                || match_report(cx, &paras)
                || first_person_story()
                || person_story(
                    cx,
                    &paras,
                    second_person_tokens,
                    CONTEXTS.second_person_sentences,
                    None,
                )
                // the writer reports in the first person: "X came to talk to me"
                || reporter_story(cx, &paras, &first));
        // A writer who speaks in the first person (a column, a story told or reported in the
        // first person) signs the labels it chooses for people where they are not name-calling
        // (`signed_labels`: "illegal immigrants"), as a column signs its labels for governments
        // and policies. Asked only when such a label is in the story.
        let first_person_signed = std::cell::OnceCell::new();
        let by_first_person = || {
            *first_person_signed.get_or_init(|| {
                column || first_person_story() || reporter_story(cx, &paras, &first)
            })
        };
        for (para, l) in doc.paragraphs.iter().zip(&local) {
            let at = para.span.start;
            for (h, judged) in &l.0 {
                let hit = Hit {
                    start: h.start + at,
                    end: h.end + at,
                    ..*h
                };
                // A reader's letter or comment is the reader's voice, not the newsroom's.
                if doc.is_contribution(hit.start) {
                    continue;
                }
                match lex.terms[hit.term].category {
                    // a column, a review, readers' comments: the writer's signed view
                    Category::Intensifier if signed => continue,
                    Category::JudgementalVerb | Category::Headlinese if column => continue,
                    _ if CONTEXTS
                        .signed_labels
                        .contains(lex.terms[hit.term].key.as_str())
                        && by_first_person() =>
                    {
                        continue
                    }
                    // What a columnist calls an armed group ("terrorists", "extremists"), a
                    // government or a policy ("the regime", `column_labels`) is the column's
                    // argument, as its verbs are; name-calling is still checked.
                    _ if column && argument(hit.term) => continue,
                    _ => {}
                }
                if in_quote(doc, Span::new(hit.start, hit.end)) {
                    continue;
                }
                match judged {
                    Judged::Skip | Judged::Voiced => {}
                    Judged::Benign => benign[hit.term] = true,
                    // "the regime" after "a new tariff regime": that regime (already benign).
                    Judged::Flag { back_ref: true, .. } if benign[hit.term] => {}
                    // A plea or a conviction in an earlier paragraph puts the admission on the
                    // record (`@on_record`), a court case makes a claim a party's (`@in_court`), a
                    // ruler named earlier as former or toppled puts a regime in the past
                    // (`@past_ruler`):
                    // the paragraph's own judgement saw only its text.
                    Judged::Flag { .. }
                        if lex.terms[hit.term]
                            .exceptions
                            .iter()
                            .any(|e| holds_before(cx, e, &doc.prose, hit.start)) =>
                    {
                        benign[hit.term] = true;
                    }
                    Judged::Flag {
                        label,
                        group,
                        group_shown,
                        ..
                    } => cands.push(Cand {
                        hit,
                        flag: !para.headline,
                        label: *label,
                        group: group.clone(),
                        group_shown: group_shown.clone(),
                    }),
                }
            }
        }
        resolve_groups(&mut cands);
        let neutral = neutral_uses(&lex, doc, &cands);
        Story {
            lex,
            kept,
            later,
            cands,
            neutral,
        }
    }

    /// The term a candidate matched.
    pub fn term(&self, c: &Cand) -> &Term {
        &self.lex.terms[c.hit.term]
    }

    /// The neutral labels the story gives the group a contested label names, when it gives any:
    /// then the label is `inconsistent-label`'s, not `contested-label`'s.
    pub fn neutral_for(&self, c: &Cand) -> Option<&Vec<(usize, String, usize)>> {
        if self.term(c).label_family.is_none() {
            return None;
        }
        self.neutral
            .get(c.group.as_ref()?)
            .filter(|u| !u.is_empty())
    }

    /// Candidates to flag in body copy for terms of `category`.
    pub fn flagged(&self, category: Category) -> impl Iterator<Item = &Cand> {
        self.cands
            .iter()
            .filter(move |c| c.flag && self.term(c).category == category)
    }
}

/// [`pattern::Context::holds_before`]: with a memo, kept under the text it reads (the copy in
/// the window before `at`, which it reads as a text of its own).
fn holds_before(cx: &Context, e: &pattern::Context, prose: &str, at: usize) -> bool {
    let (tag, reach) = match e {
        pattern::Context::Builtin(pattern::Builtin::OnRecord) => (0u8, 3000),
        pattern::Context::Builtin(pattern::Builtin::InCourt) => (1, 600),
        pattern::Context::Builtin(pattern::Builtin::PastRuler) => (2, 3000),
        pattern::Context::Builtin(pattern::Builtin::Apology) => (3, 600),
        _ => return false,
    };
    if !cx.has_memo() {
        return e.holds_before(prose, at);
    }
    let mut lo = at.saturating_sub(reach);
    while !prose.is_char_boundary(lo) {
        lo -= 1;
    }
    let Some(window) = prose.get(lo..at) else {
        return false;
    };
    *cx.keep((tag, Box::from(window)), window_holds)
}

/// [`holds_before`]'s work: `@on_record` (tag 0), `@in_court` (1), `@past_ruler` (2) or
/// `@apology` (3) in the whole of `window`.
fn window_holds((tag, window): &(u8, Box<str>), _: &Config) -> bool {
    let at = window.len();
    match tag {
        0 => pattern::record_before(window, at),
        1 => pattern::court_before(window, at),
        3 => pattern::apology_before(window, at),
        _ => pattern::past_ruler_before(window, at),
    }
}

/// A lexicon match with what the context says about it.
pub struct Cand {
    pub hit: Hit,
    /// Flag it (when not a neutral label): body copy, writer's voice, no exception.
    pub flag: bool,
    /// Counts as the writer's label for a group (body or headline, writer's voice, no exception).
    pub label: bool,
    /// The group it names ("taliban"), when the copy says.
    pub group: Option<String>,
    /// The group as written ("Taliban").
    pub group_shown: Option<String>,
}

/// What one paragraph's own text makes of its lexicon matches, offsets from its start: each
/// match with its verdict, in text order.
pub struct ParaWords(Vec<(Hit, Judged)>);

/// A match's verdict from its own paragraph, for when it is in the writer's voice (not in a
/// quotation: quotations may cross paragraphs, so the story decides that).
pub enum Judged {
    Skip,
    /// An exception or `only_in` showed a harmless sense.
    Benign,
    /// Only a context of voice held (`@reported`, `@attributed`): the word is someone else's
    /// here, which says nothing about its sense, so a later "the <term>" is still judged.
    Voiced,
    Flag {
        /// Preceded by a word that refers back ("the"): harmless when the story has already
        /// used the term in a harmless sense.
        back_ref: bool,
        label: bool,
        group: Option<String>,
        group_shown: Option<String>,
    },
}

/// The memo's work: [`judge_para`] under the configuration's lexicon and allow list.
fn para_words(para: Para, config: &Config) -> ParaWords {
    judge_para(&lexicon_for(config), &allow_list(config), para)
}

fn allow_list(config: &Config) -> Vec<String> {
    config
        .allow
        .iter()
        .map(|a| a.trim().to_lowercase())
        .collect()
}

/// Every lexicon match in one paragraph, judged by its own sentence.
fn judge_para(lex: &Lexicon, allow: &[String], para: Para) -> ParaWords {
    let hits = lex.hits(para.prose);
    let mut out = Vec::with_capacity(hits.len());
    if hits.is_empty() {
        return ParaWords(out);
    }
    // A transcript line ("SMITH: ...") is the speaker's words, like a quotation.
    let speaker = pattern::speaker_line(para.prose) || pattern::quoted_line(para.prose);
    let mut tokens = Tokens {
        para,
        cache: Vec::new(),
    };
    for hit in hits {
        let judged = if speaker {
            None
        } else {
            judge(lex, &mut tokens, allow, hit)
        };
        out.push((hit, judged.unwrap_or(Judged::Skip)));
    }
    ParaWords(out)
}

/// Sentence tokens, built once per sentence that has a match, with the words they hold (what
/// a pattern's words are looked up in before it is matched).
struct Tokens<'d> {
    para: Para<'d>,
    /// By sentence index (the last slot: the paragraph, for an offset outside every sentence).
    cache: Vec<Option<(Vec<Tok>, pattern::Present)>>,
}

impl Tokens<'_> {
    fn sentence(&mut self, offset: usize) -> &(Vec<Tok>, pattern::Present) {
        let sentences = self.para.sentences;
        let i = sentences.partition_point(|s| s.end <= offset);
        let (span, key) = match sentences.get(i).filter(|s| s.start <= offset) {
            Some(s) => (*s, i),
            None => (Span::new(0, self.para.prose.len()), sentences.len()),
        };
        let prose = self.para.prose;
        if self.cache.is_empty() {
            self.cache.resize_with(sentences.len() + 1, || None);
        }
        self.cache[key].get_or_insert_with(|| {
            let toks = pattern::tokenize(prose, span.start, span.end);
            let present = pattern::Present::of(prose, &toks);
            (toks, present)
        })
    }
}

/// Decides what its sentence makes of one match (in the writer's voice).
fn judge(lex: &Lexicon, tokens: &mut Tokens, allow: &[String], hit: Hit) -> Option<Judged> {
    let term = &lex.terms[hit.term];
    let span = Span::new(hit.start, hit.end);
    let text = &tokens.para.text[span.range()];
    // Lower-cased only under an allow list (most configurations have none).
    let lower = if allow.is_empty() {
        String::new()
    } else {
        text.to_lowercase()
    };
    if allow
        .iter()
        .any(|a| *a == lower || a.eq_ignore_ascii_case(&term.key) || term.forms.contains(a))
    {
        return None;
    }
    let prose = tokens.para.prose;
    let (toks, present) = tokens.sentence(hit.start);
    let hs = toks.binary_search_by_key(&hit.start, |t| t.start).ok()?;
    let he = toks.binary_search_by_key(&hit.end, |t| t.end).ok()? + 1;
    if he <= hs {
        return None;
    }
    // A capital in mid-sentence, or a capitalised run, is a proper name: "the Pro-Life Action
    // League", "the Mob".
    if text.chars().next().is_some_and(char::is_uppercase)
        && !term.key.chars().next().is_some_and(char::is_uppercase)
    {
        let initial = toks[..hs].iter().all(|t| !t.word);
        let next_cap = toks.get(he).is_some_and(|t| {
            t.word
                && prose[t.start..t.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        });
        if !initial || next_cap {
            return None;
        }
    }
    // A word or a short phrase in single quotation marks is quoted, as BBC copy quotes a
    // speaker's word: "the plot is 'laughable', a bishop said".
    if single_quoted(prose, toks, hs, he) {
        return None;
    }
    // A label that makes a sentence by itself ("Liar. Cheat. Fraud.") names the word, as a
    // story lists the insults traded: it is mentioned, not applied by the writer to anyone.
    if term.category == Category::ContestedLabel
        && toks[..hs].iter().chain(&toks[he..]).all(|t| !t.word)
    {
        return None;
    }
    // Senses first: a context of voice that holds too does not make the sense harmless.
    let voice = |e: &&pattern::Context| {
        matches!(
            e,
            pattern::Context::Builtin(pattern::Builtin::Reported | pattern::Builtin::Attributed)
        )
    };
    if term
        .exceptions
        .iter()
        .filter(|e| !voice(e))
        .any(|e| e.holds_in(present, prose, toks, hs, he))
    {
        return Some(Judged::Benign);
    }
    if term
        .exceptions
        .iter()
        .filter(voice)
        .any(|e| e.holds_in(present, prose, toks, hs, he))
    {
        return Some(Judged::Voiced);
    }
    // The writer's own admission ("I confessed I had never read it", "we revealed last week")
    // judges no one else.
    if term.category == Category::JudgementalVerb && self_subject(prose, toks, hs) {
        return Some(Judged::Benign);
    }
    // A columnist's first-person judgement ("I'm bitter and cynical about it") is signed
    // opinion, not the news voice: adjectives and adverbs are left to the writer there.
    if term.category == Category::Intensifier && pattern::first_person(prose, toks) {
        return Some(Judged::Benign);
    }
    if !term.only_in.is_empty()
        && !term
            .only_in
            .iter()
            .any(|e| e.holds_in(present, prose, toks, hs, he))
    {
        return Some(Judged::Benign);
    }
    let back_ref = hs > 0
        && GROUPS
            .back_reference
            .contains(pattern::norm(prose, toks[hs - 1]).as_ref());
    if term.speech && !reports_speech(prose, toks, hs, he) {
        return None;
    }
    let (group, group_shown) = if term.label_family.is_some() {
        group_of(prose, toks, hs)
    } else {
        (None, None)
    };
    Some(Judged::Flag {
        back_ref,
        label: term.label_family.is_some(),
        group,
        group_shown,
    })
}

/// The hit `toks[hs..he]` stands inside single quotation marks with at most three other words:
/// an opening `'` or `‘` after a space (not a plural possessive, "the players' absurd
/// demands"), and a closing `'` or `’` before anything but a letter.
fn single_quoted(prose: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
    let mark = |i: usize, marks: &[&str]| {
        toks.get(i)
            .is_some_and(|t| !t.word && marks.contains(&&prose[t.start..t.end]))
    };
    let open = (hs.saturating_sub(4)..hs).rev().find(|&i| !toks[i].word);
    let Some(open) = open else {
        return false;
    };
    let opens = mark(open, &["'", "‘"])
        && prose[..toks[open].start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'));
    if !opens {
        return false;
    }
    let close = (he..(he + 4).min(toks.len())).find(|&i| !toks[i].word);
    close.is_some_and(|c| {
        mark(c, &["'", "’"])
            && prose[toks[c].end..]
                .chars()
                .next()
                .is_none_or(|x| !x.is_alphabetic())
    })
}

/// The verb's subject is the writer: "I" or "we" right before it, or before one adverb ("I
/// freely admit").
fn self_subject(prose: &str, toks: &[Tok], hs: usize) -> bool {
    let mut words = toks[..hs].iter().rev().take_while(|t| t.word);
    let Some(mut w) = words.next() else {
        return false;
    };
    if pattern::adverb(&pattern::norm(prose, *w)) {
        match words.next() {
            Some(x) => w = x,
            None => return false,
        }
    }
    CONTEXTS
        .self_subjects
        .contains(pattern::norm(prose, *w).as_ref())
}

/// [`crate::document::genre::match_report`] of the story: with a memo, from each paragraph's
/// words of play, kept (an edit reads the edited paragraph, not the story), where the story
/// can be read so ([`crate::document::genre::reads_by_paragraph`]).
fn match_report(cx: &Context, paras: &Paragraphs) -> bool {
    use crate::document::genre;
    let doc = cx.doc;
    if !cx.has_memo() || !genre::reads_by_paragraph(&doc.prose, &doc.paragraphs) {
        return genre::match_report(&doc.prose);
    }
    let play: Vec<Local<genre::PlayIn>> =
        cx.local_paras(paras, doc.paragraphs.len(), |i| (i, &[]), play_in);
    genre::match_report_of(play.iter().map(|p| &**p))
}

/// [`crate::document::genre::play_in`] of a paragraph.
fn play_in(para: Para, _: &Config) -> crate::document::genre::PlayIn {
    crate::document::genre::play_in(para.prose)
}

/// The story speaks in the first person (with [`first_person_tokens`]; a column, a review or
/// readers' comments) or to the reader (with [`second_person_tokens`]; a review or a guide, whose
/// adjectives are the writer's signed view: "you get time to marvel at the jaw-dropping
/// graphics"), outside quotation marks, in at least `need` sentences.
fn person_story(
    cx: &Context,
    paras: &Paragraphs,
    tokens: fn(Para, &Config) -> Vec<Vec<Span>>,
    need: usize,
    kept: Option<&FirstTokens>,
) -> bool {
    let doc = cx.doc;
    let need = need.max(1);
    let mut seen = 0;
    // What the memo holds, found at once; the rest made as the count needs them (the
    // first-person words from `kept`, made once per analysis).
    let held = cx.kept_paras(paras, doc.paragraphs.len(), |i| (i, &[]), tokens);
    for ((i, p), held) in doc.paragraphs.iter().enumerate().zip(held) {
        let made;
        let sentences = match (held, kept) {
            (Some(v), _) => {
                made = Local::Kept(v);
                &made
            }
            (None, Some(k)) => k.get(i),
            (None, None) => {
                made = cx.local(paras.para(doc, i), tokens);
                &made
            }
        };
        for sentence in sentences.iter() {
            if sentence
                .iter()
                .any(|t| !in_quote(doc, t.shift(p.span.start)))
            {
                seen += 1;
                if seen >= need {
                    return true;
                }
            }
        }
    }
    false
}

/// [`first_person_tokens`] of each paragraph of a story, made when first asked for.
struct FirstTokens<'c> {
    cx: &'c Context<'c, 'c>,
    paras: &'c Paragraphs,
    cells: Vec<std::cell::OnceCell<Local<Vec<Vec<Span>>>>>,
}

impl FirstTokens<'_> {
    fn get(&self, i: usize) -> &Local<Vec<Vec<Span>>> {
        self.cells[i].get_or_init(|| {
            self.cx
                .local(self.paras.para(self.cx.doc, i), first_person_tokens)
        })
    }
}

/// Per sentence of one paragraph: its first-person words ("I", "we"), offsets from the
/// paragraph's start.
fn first_person_tokens(para: Para, _: &Config) -> Vec<Vec<Span>> {
    para.sentences
        .iter()
        .map(|s| {
            if !para.prose.get(s.range()).is_some_and(may_be_first_person) {
                return Vec::new();
            }
            let toks = pattern::tokenize(para.prose, s.start, s.end);
            (0..toks.len())
                .filter(|&i| pattern::first_person_at(para.prose, &toks, i))
                .map(|i| Span::new(toks[i].start, toks[i].end))
                .collect()
        })
        .collect()
}

/// Whether the writer reports in the first person outside quotation marks ([`reporter_tokens`]:
/// "X came to talk to me", "the scholars I interviewed") and speaks in it in at least
/// `reporter_sentences` sentences in all, counting those: a column or a first-person feature.
/// A reporter's single "every activist I spoke to" in a news feature is not enough.
fn reporter_story(cx: &Context, paras: &Paragraphs, first: &FirstTokens) -> bool {
    let doc = cx.doc;
    let need = CONTEXTS.reporter_sentences.max(1);
    let (mut seen, mut reports) = (0, false);
    let outside = |toks: &[Span], at: usize| toks.iter().any(|t| !in_quote(doc, t.shift(at)));
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let para = paras.para(doc, i);
        let reporter = cx.local(para, reporter_tokens);
        for (r, f) in reporter.iter().zip(first.get(i).iter()) {
            let r = outside(r, p.span.start);
            if r || outside(f, p.span.start) {
                seen += 1;
                reports |= r;
                if reports && seen >= need {
                    return true;
                }
            }
        }
    }
    false
}

/// Per sentence of one paragraph: where its writer reports in the first person ("X told me",
/// "came to talk to me", "the scholars I interviewed", "my colleagues": see `reporter_verbs` in
/// data/wording/contexts.toml), offsets from the paragraph's start.
fn reporter_tokens(para: Para, _: &Config) -> Vec<Vec<Span>> {
    let c = &*CONTEXTS;
    para.sentences
        .iter()
        .map(|s| {
            let Some(text) = para.prose.get(s.range()) else {
                return Vec::new();
            };
            // One scan for the objects ("me") and the first-person words.
            if REPORTER_WORDS.as_ref().is_some_and(|w| !w.may_hold(text)) {
                return Vec::new();
            }
            let toks = pattern::tokenize(para.prose, s.start, s.end);
            let word = |i: usize, words: &super::words::Words| {
                toks.get(i)
                    .filter(|t| t.word)
                    .is_some_and(|t| words.contains(pattern::norm(para.prose, *t).as_ref()))
            };
            (0..toks.len())
                .filter(|&i| {
                    if word(i, &c.reporter_objects) {
                        // "told me", "suggested to me"
                        i >= 1 && word(i - 1, &c.reporter_verbs)
                            || i >= 2
                                && word(i - 1, &SPEECH.to_markers)
                                && word(i - 2, &c.reporter_verbs)
                    } else {
                        // "I interviewed", "my colleagues"
                        (word(i + 1, &c.reporter_acts) || word(i + 1, &c.reporter_nouns))
                            && pattern::first_person_at(para.prose, &toks, i)
                    }
                })
                .map(|i| Span::new(toks[i].start, toks[i].end))
                .collect()
        })
        .collect()
}

/// Per sentence of one paragraph: its second-person words ("you"), offsets from the
/// paragraph's start.
fn second_person_tokens(para: Para, _: &Config) -> Vec<Vec<Span>> {
    para.sentences
        .iter()
        .map(|s| {
            let Some(text) = para.prose.get(s.range()) else {
                return Vec::new();
            };
            if !SECOND_PERSON_STEM.is_match(text) {
                return Vec::new();
            }
            pattern::tokenize(para.prose, s.start, s.end)
                .into_iter()
                .filter(|t| {
                    t.word
                        && CONTEXTS
                            .second_person
                            .contains(pattern::norm(para.prose, *t).as_ref())
                })
                .map(|t| Span::new(t.start, t.end))
                .collect()
        })
        .collect()
}

/// The longest common start of the second-person words ("you"), to skip sentences without one.
static SECOND_PERSON_STEM: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words: Vec<&String> = CONTEXTS.second_person.iter().collect();
    let first = words.first().map_or("", |w| w.as_str());
    let stem_len = first
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take_while(|&end| words.iter().all(|w| w.starts_with(&first[..end])))
        .last()
        .unwrap_or(0);
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([&first[..stem_len]])
        .expect("data/wording/contexts.toml: second_person")
});

/// The first-person words in every spelling of their apostrophes (`'` and `’`); `None` when a
/// word does not start with an ASCII letter or digit (then every sentence is tokenized).
static FIRST_PERSON_WORDS: LazyLock<Option<FirstPersonWords>> =
    LazyLock::new(|| FirstPersonWords::new(CONTEXTS.first_person.iter()));

/// [`FIRST_PERSON_WORDS`] and the reporter's objects ("me"): a sentence without any cannot
/// report in the first person ([`reporter_tokens`]).
static REPORTER_WORDS: LazyLock<Option<FirstPersonWords>> = LazyLock::new(|| {
    let c = &*CONTEXTS;
    FirstPersonWords::new(c.first_person.iter().chain(c.reporter_objects.iter()))
});

/// The spellings of the first-person words, by the byte they start with (in either case), and
/// what each byte is to the scan of [`may_be_first_person`].
struct FirstPersonWords {
    by_first: Vec<Vec<String>>,
    /// Per byte: [`ALNUM`] when an ASCII letter or digit, [`FIRST`] when a spelling starts
    /// with it.
    class: [u8; 256],
    /// Per byte: the longest run of ASCII letters and digits a spelling starting with it opens
    /// with ("my": 2, "i'm": 1). Where a spelling matches, the sentence's run from there is
    /// exactly the spelling's own (what follows the run in the spelling, or after the match in
    /// the sentence, is no letter or digit), so a longer run ("in", "million") holds none.
    run: [u8; 256],
    /// When every spelling starts with a letter and they start with at most three letters
    /// (lower case, each in every byte of a word): the letters, searched eight bytes at a time.
    letters: Option<Vec<u64>>,
    /// With `letters`: each letter (lower case, the list padded by repeating the first) and
    /// whether its spellings' `run` is one (then a letter or digit right after it ends the
    /// candidate: "in", "it", "is"), for the sixteen-byte steps.
    padded: [(u8, bool); 3],
}

const ALNUM: u8 = 1;
const FIRST: u8 = 2;

impl FirstPersonWords {
    fn new<'w>(words: impl Iterator<Item = &'w String>) -> Option<FirstPersonWords> {
        let mut pats: Vec<String> = Vec::new();
        for w in words {
            if !w.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                return None;
            }
            let mut forms = vec![String::new()];
            for c in w.chars() {
                forms = match c {
                    '\'' | '’' => forms
                        .iter()
                        .flat_map(|f| [format!("{f}'"), format!("{f}’")])
                        .collect(),
                    _ => forms
                        .into_iter()
                        .map(|f| f + c.encode_utf8(&mut [0; 4]))
                        .collect(),
                };
            }
            pats.extend(forms);
        }
        let mut by_first: Vec<Vec<String>> = vec![Vec::new(); 256];
        for p in pats {
            let b = p.as_bytes()[0];
            by_first[b.to_ascii_lowercase() as usize].push(p.clone());
            if b.to_ascii_uppercase() != b.to_ascii_lowercase() {
                by_first[b.to_ascii_uppercase() as usize].push(p);
            }
        }
        let class = std::array::from_fn(|b| {
            let alnum = if (b as u8).is_ascii_alphanumeric() {
                ALNUM
            } else {
                0
            };
            alnum | if by_first[b].is_empty() { 0 } else { FIRST }
        });
        let run = std::array::from_fn(|b| {
            by_first[b]
                .iter()
                .map(|p| p.bytes().take_while(u8::is_ascii_alphanumeric).count())
                .max()
                .unwrap_or(0)
                .min(255) as u8
        });
        let mut starts: Vec<u8> = (0..=255u8)
            .filter(|&b| !by_first[b as usize].is_empty())
            .map(|b| b.to_ascii_lowercase())
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let letters = (starts.len() <= 3 && starts.iter().all(u8::is_ascii_lowercase))
            .then(|| starts.iter().map(|&l| u64::from(l) * LANES).collect());
        let padded = std::array::from_fn(|k| {
            let l = starts.get(k).or(starts.first()).copied().unwrap_or(b'a');
            (l, run[l as usize] == 1)
        });
        Some(FirstPersonWords {
            by_first,
            class,
            run,
            letters,
            padded,
        })
    }

    /// Whether `sentence` may hold one of the words: one of their spellings (any ASCII case)
    /// starts where no letter or digit comes before it and ends where none follows. A token
    /// of one always does: a token that starts with a letter follows a character that is not
    /// one (or the sentence start), and every word token ends before one that is not
    /// ([`tokenize`] joins letters and digits). Lower-casing maps no other character to ASCII
    /// than the Kelvin sign, so a sentence with a character that lower-cases to ASCII always
    /// may.
    ///
    /// Sixteen or eight bytes at a time (when the spellings start with at most three letters),
    /// else one table lookup per byte; the spellings are tried only where a run of letters and
    /// digits that one may open starts, no longer than theirs.
    ///
    /// [`tokenize`]: pattern::tokenize
    fn may_hold(&self, sentence: &str) -> bool {
        if !sentence.is_ascii()
            && sentence
                .chars()
                .any(|c| !c.is_ascii() && c.to_lowercase().all(|l| l.is_ascii()))
        {
            return true;
        }
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let b = sentence.as_bytes();
        let (class, run) = (&self.class, &self.run);
        let mut from = 0;
        if let Some(letters) = &self.letters {
            #[cfg(target_arch = "x86_64")]
            {
                let (found, to) = self.sixteen_at_a_time(sentence, &alnum);
                if found {
                    return true;
                }
                from = to;
            }
            // Eight bytes at a time: the bytes that are one of the letters in either case (a
            // byte with bit 5 set is one only if it is the letter or its capital), each tried
            // where it does not follow an ASCII letter or digit.
            while from + 8 <= b.len() {
                let mut x = [0u8; 8];
                x.copy_from_slice(&b[from..from + 8]);
                let low = u64::from_le_bytes(x) | (0x20 * LANES);
                let mut hits = letters.iter().fold(0, |h, l| h | zero_bytes(low ^ l));
                while hits != 0 {
                    let i = from + (hits.trailing_zeros() / 8) as usize;
                    hits &= hits - 1;
                    if (i == 0 || class[b[i - 1] as usize] & ALNUM == 0)
                        && self.starts_at(sentence, i, b[i], run, &alnum)
                    {
                        return true;
                    }
                }
                from += 8;
            }
        }
        // Whether the byte before is an ASCII letter or digit (then no word starts here).
        let mut after_alnum = from > 0 && class[b[from - 1] as usize] & ALNUM != 0;
        for (i, &c) in b.iter().enumerate().skip(from) {
            let k = class[c as usize];
            if k & FIRST != 0 && !after_alnum && self.starts_at(sentence, i, c, run, &alnum) {
                return true;
            }
            after_alnum = k & ALNUM != 0;
        }
        false
    }

    /// [`FirstPersonWords::may_hold`]'s scan of `sentence` sixteen bytes at a time, where the
    /// spellings start with at most three letters (`letters`): each byte that is one of them in
    /// either case and follows no ASCII letter or digit (and, for a letter whose spellings' run
    /// is one, is followed by none within the sixteen) is tried. Whether a spelling was found,
    /// and where the scan stopped (fewer than sixteen bytes on).
    #[cfg(target_arch = "x86_64")]
    fn sixteen_at_a_time(
        &self,
        sentence: &str,
        alnum: &dyn Fn(Option<char>) -> bool,
    ) -> (bool, usize) {
        use std::arch::x86_64::*;
        let b = sentence.as_bytes();
        let letters = &self.padded;
        let mut from = 0;
        // 1 when the byte before `from` is an ASCII letter or digit.
        let mut before = 0u32;
        // SAFETY: SSE2 is part of every x86_64 processor, and each load reads the sixteen bytes
        // at `from`, all within `b`.
        unsafe {
            let fold = _mm_set1_epi8(0x20);
            let wanted = letters.map(|(l, _)| _mm_set1_epi8(l as i8));
            // Per letter, all sixteen bits when its spellings' run is one.
            let single = letters.map(|(_, one)| if one { 0xffff } else { 0 });
            // Signed comparisons: a byte from 0x80 on is negative, below each bound.
            let (below_a, above_z) = (_mm_set1_epi8(b'a' as i8 - 1), _mm_set1_epi8(b'z' as i8 + 1));
            let (below_0, above_9) = (_mm_set1_epi8(b'0' as i8 - 1), _mm_set1_epi8(b'9' as i8 + 1));
            while from + 16 <= b.len() {
                let x = _mm_loadu_si128(b.as_ptr().add(from).cast());
                // Letters folded to lower case (a byte is one of them, folded, only if it is the
                // letter or its capital).
                let low = _mm_or_si128(x, fold);
                let (mut all, mut ones) = (0u32, 0u32);
                for (w, &one) in wanted.iter().zip(&single) {
                    let m = _mm_movemask_epi8(_mm_cmpeq_epi8(low, *w)) as u32;
                    all |= m;
                    ones |= m & one;
                }
                if all == 0 {
                    before = u32::from(b[from + 15].is_ascii_alphanumeric());
                    from += 16;
                    continue;
                }
                let letter =
                    _mm_and_si128(_mm_cmpgt_epi8(low, below_a), _mm_cmpgt_epi8(above_z, low));
                let digit = _mm_and_si128(_mm_cmpgt_epi8(x, below_0), _mm_cmpgt_epi8(above_9, x));
                let a = _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u32;
                let mut hits = all & !(ones & (a >> 1)) & !((a << 1) | before);
                before = a >> 15;
                while hits != 0 {
                    let i = from + hits.trailing_zeros() as usize;
                    hits &= hits - 1;
                    if self.starts_at(sentence, i, b[i], &self.run, alnum) {
                        return (true, from);
                    }
                }
                from += 16;
            }
        }
        (false, from)
    }

    /// A spelling starts a word at `i` (where the byte `c` is one a spelling starts with, not
    /// after an ASCII letter or digit).
    fn starts_at(
        &self,
        sentence: &str,
        i: usize,
        c: u8,
        run: &[u8; 256],
        alnum: &dyn Fn(Option<char>) -> bool,
    ) -> bool {
        let b = sentence.as_bytes();
        let word_start = i == 0 || b[i - 1].is_ascii() || !alnum(sentence[..i].chars().next_back());
        let most = usize::from(run[c as usize]);
        word_start
            && b[i..]
                .iter()
                .take(most + 1)
                .take_while(|x| x.is_ascii_alphanumeric())
                .count()
                <= most
            && self.by_first[c as usize].iter().any(|p| {
                b.len() - i >= p.len()
                    && b[i..i + p.len()].eq_ignore_ascii_case(p.as_bytes())
                    && !alnum(sentence[i + p.len()..].chars().next())
            })
    }
}

/// One in each byte of a word.
const LANES: u64 = 0x0101_0101_0101_0101;

/// The top bit of each byte of `t` that is zero (exactly: no carry runs between bytes).
fn zero_bytes(t: u64) -> u64 {
    let high = 0x80 * LANES;
    !(((t & !high) + !high) | t | !high)
}

/// Whether `sentence` may hold a first-person word ([`FirstPersonWords::may_hold`] of
/// [`FIRST_PERSON_WORDS`]; always, without them).
fn may_be_first_person(sentence: &str) -> bool {
    FIRST_PERSON_WORDS
        .as_ref()
        .is_none_or(|w| w.may_hold(sentence))
}

/// True when `span` touches a direct quotation. Same answer as `!doc.is_writers_voice(span)`,
/// by binary search, so a draft with thousands of quotes and matches stays fast.
/// Whether a sentence of the body ends on a question mark outside quotation marks: the writer
/// asks in its own voice.
fn own_question(doc: &Document) -> bool {
    doc.sentences.iter().any(|s| {
        let text = doc.prose[s.span.range()].trim_end();
        text.ends_with('?')
            && !doc.paragraphs.get(s.paragraph).is_some_and(|p| p.headline)
            && !in_quote(
                doc,
                Span::new(s.span.start + text.len() - 1, s.span.start + text.len()),
            )
    })
}

fn in_quote(doc: &Document, span: Span) -> bool {
    let quotes = &doc.quotes; // sorted by start, nested ones after their container
    let idx = quotes.partition_point(|q| q.span.start < span.end);
    for q in quotes[..idx].iter().rev() {
        if q.span.end > span.start {
            return true;
        }
        if q.depth == 0 {
            return false; // outer quotations do not overlap each other: nothing earlier reaches
        }
    }
    false
}

/// The named group a label belongs to: the capitalised words right before it ("Taliban
/// militants", "Islamic State fighters", "Hamas’s fighters").
fn group_of(prose: &str, toks: &[Tok], hs: usize) -> (Option<String>, Option<String>) {
    let mut i = hs;
    if i > 0
        && prose[toks[i - 1].start..toks[i - 1].end]
            .replace('’', "'")
            .eq_ignore_ascii_case("'s")
    {
        i -= 1;
    }
    let end = i;
    while i > 0 {
        let t = toks[i - 1];
        let w = &prose[t.start..t.end];
        let proper = w.chars().any(char::is_uppercase)
            && !GROUPS.not_a_group.contains(w.to_lowercase().as_str());
        if t.word && (proper || (GROUPS.name_particles.contains(w) && i < end)) {
            i -= 1;
        } else {
            break;
        }
    }
    while i < end
        && GROUPS
            .name_particles
            .contains(&prose[toks[i].start..toks[i].end])
    {
        i += 1;
    }
    if i == end {
        return (None, None);
    }
    let shown = prose[toks[i].start..toks[end - 1].end].to_string();
    (Some(shown.to_lowercase()), Some(shown))
}

/// Gives unnamed labels ("the militants") to the story's one named group, if it has exactly one.
fn resolve_groups(cands: &mut [Cand]) {
    let mut named: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in cands.iter().filter(|c| c.label) {
        if let (Some(g), Some(s)) = (&c.group, &c.group_shown) {
            if seen.insert(g.clone()) {
                named.push((g.clone(), s.clone()));
            }
        }
    }
    let fallback = match named.len() {
        0 => Some((String::new(), String::new())),
        1 => Some(named[0].clone()),
        _ => None,
    };
    for c in cands.iter_mut().filter(|c| c.label && c.group.is_none()) {
        if let Some((k, s)) = &fallback {
            c.group = Some(k.clone());
            c.group_shown = if s.is_empty() { None } else { Some(s.clone()) };
        }
    }
}

/// Neutral labels by group: (term, as first written, count), in order of first use.
pub type NeutralUse = HashMap<String, Vec<(usize, String, usize)>>;

fn neutral_uses(lex: &Lexicon, doc: &Document, cands: &[Cand]) -> NeutralUse {
    let mut out: NeutralUse = HashMap::new();
    for c in cands.iter().filter(|c| c.label) {
        let (Some(group), t) = (&c.group, &lex.terms[c.hit.term]) else {
            continue;
        };
        if t.category != Category::NeutralLabel {
            continue;
        }
        let used = out.entry(group.clone()).or_default();
        match used.iter_mut().find(|(k, ..)| *k == c.hit.term) {
            Some(u) => u.2 += 1,
            None => used.push((
                c.hit.term,
                doc.text[c.hit.start..c.hit.end].to_lowercase(),
                1,
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`may_be_first_person`] as it was, trying every byte a spelling starts with: the
    /// reference for [`first_person_scans_find_what_they_found`].
    fn may_be_first_person_by_bytes(sentence: &str) -> bool {
        may_hold_by_bytes(&FIRST_PERSON_WORDS, sentence)
    }

    /// The reporter's scan ([`REPORTER_WORDS`]), the same way.
    fn may_be_reported_by_bytes(sentence: &str) -> bool {
        may_hold_by_bytes(&REPORTER_WORDS, sentence)
    }

    #[rustfmt::skip]
    fn may_hold_by_bytes(words: &Option<FirstPersonWords>, sentence: &str) -> bool {
    let Some(FirstPersonWords { by_first, class, .. }) = words else {
        return true;
    };
    if !sentence.is_ascii()
        && sentence
            .chars()
            .any(|c| !c.is_ascii() && c.to_lowercase().all(|l| l.is_ascii()))
    {
        return true;
    }
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let b = sentence.as_bytes();
    let first: [bool; 256] = std::array::from_fn(|b| class[b] & FIRST != 0);
    let mut from = 0;
    // One table lookup per byte; the rest only where a word may start.
    while let Some(k) = b[from..].iter().position(|&c| first[c as usize]) {
        let i = from + k;
        let c = b[i];
        from = i + 1;
        let word_start = i == 0
            || !b[i - 1].is_ascii_alphanumeric()
                && !(!b[i - 1].is_ascii() && alnum(sentence[..i].chars().next_back()));
        if word_start
            && by_first[c as usize].iter().any(|p| {
                b.len() - i >= p.len()
                    && b[i..i + p.len()].eq_ignore_ascii_case(p.as_bytes())
                    && !alnum(sentence[i + p.len()..].chars().next())
            })
        {
            return true;
        }
    }
    false
}

    /// Sentence pieces for the scans' property tests: first-person words and "me" in several
    /// cases and apostrophes, words that open like them, letters outside ASCII around them, the
    /// Kelvin sign.
    const PIECES: &str = "(I|i|my|My|MY|I'm|I’M|i've|I'd|I'll|me|Me|ME|mine|myself|in|It|immy|éI|Ié|I2|2I|me2|éme|K|\\u{212a}| |'|’|,|\\.|-|“|a|s){0,12}";

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Byte by byte with a run's length checked first, a sentence may speak in the first
        /// person where, trying every byte a spelling starts with, it might.
        #[test]
        fn first_person_scans_find_what_they_found(s in PIECES) {
            proptest::prop_assert_eq!(may_be_first_person(&s), may_be_first_person_by_bytes(&s));
        }

        /// The same over longer runs of the letters, marks and digits around the spellings, so
        /// that every place in the sixteen- and eight-byte steps meets them.
        #[test]
        fn first_person_scans_of_long_runs_find_what_they_found(
            s in "[iImMyYn '’e2é,.K\u{212a}-]{0,64}"
        ) {
            proptest::prop_assert_eq!(may_be_first_person(&s), may_be_first_person_by_bytes(&s));
            let reporter = REPORTER_WORDS.as_ref().is_none_or(|w| w.may_hold(&s));
            proptest::prop_assert_eq!(reporter, may_be_reported_by_bytes(&s));
        }

        /// The reporter's scan passes every sentence with an object ("me", whole, as written)
        /// or a first-person word.
        #[test]
        fn the_reporter_scan_passes_objects_and_first_person_words(s in PIECES) {
            let object = CONTEXTS.reporter_objects.iter().any(|w| {
                s.match_indices(w.as_str()).any(|(i, _)| {
                    !s[..i].ends_with(char::is_alphanumeric)
                        && !s[i + w.len()..].starts_with(char::is_alphanumeric)
                })
            });
            if object || may_be_first_person_by_bytes(&s) {
                proptest::prop_assert!(REPORTER_WORDS.as_ref().is_none_or(|w| w.may_hold(&s)), "{}", s);
            }
        }
    }

    /// The server keeps `@on_record` and `@in_court` under the window before the term: read as
    /// a text of its own, the window says what the story says at that place.
    #[test]
    fn the_window_before_a_term_holds_what_the_story_does() {
        let mut text = String::new();
        for i in 0..60 {
            text.push_str(match i % 5 {
                0 => "The café owner spoke to reporters — at length. ",
                1 => "A judge heard the case. ",
                2 => "He pleaded guilty in March. ",
                3 => "He apologised on Tuesday. ",
                _ => "Naïve résumés piled up. ",
            });
        }
        let config = Config::default();
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for (tag, reach) in [(0u8, 3000), (1, 600), (3, 600)] {
                let mut lo = at.saturating_sub(reach);
                while !text.is_char_boundary(lo) {
                    lo -= 1;
                }
                let whole = match tag {
                    0 => pattern::record_before(&text, at),
                    1 => pattern::court_before(&text, at),
                    _ => pattern::apology_before(&text, at),
                };
                let kept = window_holds(&(tag, Box::from(&text[lo..at])), &config);
                assert_eq!(kept, whole, "tag {tag} at {at}");
            }
        }
    }

    /// The sentence prefilter never skips a sentence that has a first-person token, and skips
    /// sentences whose only "i" or "my" sits inside longer words.
    #[test]
    fn first_person_prefilter_keeps_every_first_person_sentence() {
        let sentences = [
            "I think the plan will fail.",
            "“I’m not leaving,” the owner said.",
            "In my view, the vote was rushed.",
            "The mayor said I'd be told.",
            "We knew I'll never learn, she wrote (I've tried).",
            "MY TURN: the columnist writes in capitals.",
            "The committee of the Ministry met in Miami.",
            "A myth about tidal mills, said Ilya Timms.",
            "The I-95 corridor was shut for hours.",
            "Bright ideas: the iPhone sold in Mumbai.",
            "The \u{212A}elvin sign is a character of its own.",
            "Nobody wrote in the first person here.",
        ];
        let mut skipped = 0;
        for s in sentences {
            let toks = pattern::tokenize(s, 0, s.len());
            let first = (0..toks.len()).any(|i| pattern::first_person_at(s, &toks, i));
            if !may_be_first_person(s) {
                assert!(!first, "skipped a first-person sentence: {s}");
                skipped += 1;
            }
        }
        assert!(
            skipped >= 4,
            "the prefilter skips sentences without the words"
        );
    }
}
