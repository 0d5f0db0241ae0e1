//! What one paragraph's own text decides in a parse, kept for the next parse of the same story
//! (the server re-parses a story on every keystroke, and all but one of its paragraphs are the
//! same as last time).
//!
//! Two things are kept per paragraph, both pure functions of what they are kept under:
//! - its sentences ([`super::sentences::split`] of the paragraph's prose, as offsets from the
//!   paragraph's start: `split` only adds its `offset`), under the paragraph's prose;
//! - the page reader's answers about it ([`super::genre::ParaGenre`]: a signature line, the
//!   first person, an answer to other readers, an exclamation, a rating), under the paragraph's
//!   prose and the spans, from the paragraph's start and clipped to it, of the quotations that
//!   overlap it (its own words are its prose with those blanked). Each answer is made the first
//!   time a parse asks for it, as a parse without a [`Reuse`] makes it.
//!
//! Equality is checked on the whole key (the hash only picks the bucket). [`Reuse::sweep`] after
//! a parse drops what that parse did not use, so a `Reuse` holds one version of one story.

use super::genre::ParaGenre;
use crate::finding::Span;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

/// A `RefCell` that is `Sync`: a `Mutex` whose `borrow`/`borrow_mut` take the lock (held only
/// for a lookup or an insert, never while work is done). The kept state of a story is used by
/// one analysis at a time, but a long story's rule families run on two threads of that
/// analysis (see `crate::engine::registry`), which share its memo.
#[derive(Default)]
pub struct Shared<T>(Mutex<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Mutex::new(value))
    }

    /// The value, locked. A thread that panicked while holding it (a rule's bug, caught by the
    /// engine) left it as whole as a `RefCell` would have: taken as it is.
    pub fn borrow_mut(&self) -> MutexGuard<'_, T> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The same as [`Shared::borrow_mut`] (one lock for reading and writing).
    pub fn borrow(&self) -> MutexGuard<'_, T> {
        self.borrow_mut()
    }
}

/// Kept paragraphs of one story (see the module docs). `Send + Sync`; used by one parse at a time.
#[derive(Default)]
pub struct Reuse {
    inner: Shared<Inner>,
    /// The last Markdown parse (see [`super::prose::markdown_reusing`]).
    markdown: Shared<super::prose::MarkdownKeep>,
}

#[derive(Default)]
struct Inner {
    round: u64,
    /// By hash of the paragraph's prose.
    table: rustc_hash::FxHashMap<u64, Vec<Kept>>,
    found: u64,
    made: u64,
}

struct Kept {
    prose: Box<str>,
    round: u64,
    /// From the paragraph's start.
    sentences: Box<[Span]>,
    /// By the quotations overlapping the paragraph (from its start, clipped).
    genre: Vec<(Box<[Span]>, u64, Arc<ParaGenre>)>,
}

/// A paragraph's place in the table, for the page reader's lookup after the sentences'.
#[derive(Clone, Copy)]
pub(super) struct Slot {
    hash: u64,
}

fn hash_of(prose: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    prose.hash(&mut h);
    h.finish()
}

impl Reuse {
    pub fn new() -> Reuse {
        Reuse::default()
    }

    /// The last Markdown parse of the story.
    pub(super) fn markdown(&self) -> &Shared<super::prose::MarkdownKeep> {
        &self.markdown
    }

    /// Starts a parse.
    pub fn begin(&self) {
        self.inner.borrow_mut().round += 1;
    }

    /// Drops every paragraph the parse since [`Reuse::begin`] did not use.
    pub fn sweep(&self) {
        let mut m = self.inner.borrow_mut();
        let round = m.round;
        m.table.retain(|_, v| {
            v.retain_mut(|k| {
                k.genre.retain(|(_, r, _)| *r == round);
                k.round == round
            });
            !v.is_empty()
        });
    }

    /// Paragraphs kept, and (found, made) since the `Reuse` was created.
    pub fn stats(&self) -> (usize, u64, u64) {
        let m = self.inner.borrow();
        (m.table.values().map(Vec::len).sum(), m.found, m.made)
    }

    /// The sentences of the paragraph whose prose is `prose`, starting at `offset`: kept, or
    /// split (and kept).
    pub(super) fn sentences(&self, prose: &str, offset: usize, out: &mut Vec<Span>) -> Slot {
        let hash = hash_of(prose);
        let mut m = self.inner.borrow_mut();
        let round = m.round;
        if let Some(k) = m
            .table
            .get_mut(&hash)
            .and_then(|v| v.iter_mut().find(|k| *k.prose == *prose))
        {
            k.round = round;
            out.extend(k.sentences.iter().map(|s| s.shift(offset)));
            m.found += 1;
            return Slot { hash };
        }
        m.made += 1;
        let sentences: Box<[Span]> = super::sentences::split(prose, 0).into();
        out.extend(sentences.iter().map(|s| s.shift(offset)));
        m.table.entry(hash).or_default().push(Kept {
            prose: prose.into(),
            round,
            sentences,
            genre: Vec::new(),
        });
        Slot { hash }
    }

    /// The page reader's answers for the paragraph `prose` (looked up by [`Reuse::sentences`]
    /// in this parse) with the quotations `inside` (from its start, clipped to it).
    pub(super) fn genre(&self, slot: Slot, prose: &str, inside: &[Span]) -> Arc<ParaGenre> {
        let mut m = self.inner.borrow_mut();
        let round = m.round;
        let Some(k) = m
            .table
            .get_mut(&slot.hash)
            .and_then(|v| v.iter_mut().find(|k| *k.prose == *prose))
        else {
            // Not looked up by `sentences` in this parse: made for this parse only.
            return Arc::default();
        };
        if let Some((_, r, g)) = k.genre.iter_mut().find(|(q, ..)| **q == *inside) {
            *r = round;
            return g.clone();
        }
        let g = Arc::<ParaGenre>::default();
        k.genre.push((inside.into(), round, g.clone()));
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};
    use proptest::prelude::*;

    /// Paragraphs of our own for the page reader and the splitter: signatures, names alone,
    /// answers to other readers, exclamations, ratings, a quotation over two paragraphs,
    /// abbreviations.
    const PARAS: &[&str] = &[
        "I agree with the columnist about the ferry timetable.",
        "What a waste of a harbour! Every summer the same queues.",
        "Jane Roe, Leeds",
        "Tom J. O'Hara.",
        "My street floods every spring, and I have written to the council twice.",
        "Rating: 4/5",
        "“The pier will close in May,” said Ana Ruiz, the harbour master.",
        "“We asked for a survey first.",
        "“Nobody answered,” she said.",
        "The council met on Tuesday. Dr. Lee said the U.S. grant was 3.5 mln dlrs.",
        "Reading these comments, I doubt anyone rode the ferry.",
        "Blue Harbour 2 is out on the Switch now.",
        "Letters to the editor",
        "The ferry firm said fares would rise 4 pct on Jan. 1.",
        "The governor added:",
        "I agree with the harbour master, and I said so at the meeting.",
    ];

    fn story(parts: &[(usize, usize)]) -> String {
        let mut out = String::new();
        for &(p, sep) in parts {
            out.push_str(PARAS[p % PARAS.len()]);
            out.push_str(["\n\n", "\n", " ", "\n\n# ", "\n\n- "][sep % 5]);
        }
        out
    }

    fn parsed(doc: &Document) -> String {
        format!("{doc:?}")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// After every edit of a random sequence (a paragraph replaced, inserted or removed, a
        /// character typed), the parse that reuses the last one's paragraphs is the fresh parse,
        /// field for field.
        #[test]
        fn a_reusing_parse_is_a_fresh_parse(
            start in prop::collection::vec((0usize..16, 0usize..5), 0..16),
            edits in prop::collection::vec((0usize..4, 0usize..32, 0usize..16, 0usize..5, prop::sample::select(vec!["x", "!", "“", "”", "\n", "\n\n", ".", "I "])), 1..12),
            plain in any::<bool>(),
        ) {
            let format = if plain { Format::Plain } else { Format::Markdown };
            let reuse = Reuse::new();
            let mut parts = start;
            let mut typed: Option<(usize, &str)> = None;
            for (kind, at, p, sep, ch) in edits {
                match kind {
                    0 if !parts.is_empty() => { let i = at % parts.len(); parts[i] = (p, sep); }
                    1 => { let i = at % (parts.len() + 1); parts.insert(i, (p, sep)); }
                    2 if !parts.is_empty() => { parts.remove(at % parts.len()); }
                    _ => typed = Some((at, ch)),
                }
                let mut text = story(&parts);
                if let Some((at, ch)) = typed {
                    let mut i = (at * 37) % (text.len() + 1);
                    while !text.is_char_boundary(i) { i -= 1; }
                    text.insert_str(i, ch);
                }
                reuse.begin();
                let kept = Document::parse_reusing(&text, format, None, Some(&reuse));
                reuse.sweep();
                let fresh = Document::parse(&text, format, None);
                prop_assert_eq!(parsed(&kept), parsed(&fresh));
            }
        }
    }

    #[test]
    fn paragraphs_are_taken_from_the_last_parse_and_swept_when_gone() {
        let reuse = Reuse::new();
        let a = "I agree with the columnist.\n\nWhat a waste! Again.\n\nJane Roe, Leeds\n\nMy idea, I said.\n\nTom Lee, Cork\n";
        reuse.begin();
        let first = Document::parse_reusing(a, Format::Markdown, None, Some(&reuse));
        reuse.sweep();
        assert_eq!(reuse.stats(), (5, 0, 5));
        assert!(!first.contributions.is_empty());
        // One paragraph changed: four are taken, one is made, the old one goes.
        let b = a.replace("What a waste! Again.", "What a waste! Again and again.");
        reuse.begin();
        let second = Document::parse_reusing(&b, Format::Markdown, None, Some(&reuse));
        reuse.sweep();
        assert_eq!(reuse.stats(), (5, 4, 6));
        assert_eq!(
            format!("{second:?}"),
            format!("{:?}", Document::parse(&b, Format::Markdown, None))
        );
    }
}
