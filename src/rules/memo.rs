//! Work that reads one paragraph and nothing else, kept between analyses of the same story.
//!
//! The server re-checks a story on every keystroke, and all but one of its paragraphs are the
//! same as last time. A facts module splits its per-story work in two: what one paragraph's own
//! text decides (tokens, lexicon matches and what their sentence makes of them), and the passes
//! that read the whole story (quotations that cross paragraphs, label consistency, the source
//! audit). The first part goes through [`Context::local`](super::Context::local), which keeps its
//! result in a [`Memo`] when the caller has one (the server, one per edited story) and simply
//! runs it when not (the CLI).
//!
//! The cache cannot go stale by construction:
//! - the work is a plain `fn` (it captures nothing), and it sees only a [`Para`] (the
//!   paragraph's masked prose, its text and its sentences, offsets from the paragraph's start,
//!   plus any marks the caller adds) and the configuration. Whatever it reads is its key: a rule
//!   that starts reading a neighbour must pass the neighbour in, and the key grows with it;
//! - an entry is found only under the same `fn`, the same result type and an equal [`Para`];
//! - every entry is dropped when the configuration or the format differs from the last
//!   analysis's (the lexicon, allow lists and styles come from there);
//! - the memo lives in one process: a rule changed in the code is a new binary with an empty memo.
//!
//! Memory stays bounded: [`Memo::sweep`] (after each complete analysis) drops every entry the
//! analysis did not use, so a memo holds one version of one story's paragraphs.

use super::{Context, Facts};
use crate::config::Config;
use crate::document::reuse::Shared;
use crate::document::{Document, Format};
use crate::finding::Span;
use std::any::{Any, TypeId};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// One paragraph (or part of one) as local work sees it. Offsets are from `prose`'s start.
#[derive(Clone, Copy, Debug)]
pub struct Para<'a> {
    /// The masked prose (see [`crate::document::Document::prose`]).
    pub prose: &'a str,
    /// The text as written, same length.
    pub text: &'a str,
    /// Its sentences.
    pub sentences: &'a [Span],
    /// Anything else from the story the work reads, as spans (e.g. markers to skip).
    pub marks: &'a [Span],
    /// [`Para::digest_of`] the fields but `marks`, when the caller made it already (the story's
    /// paragraphs are hashed once per analysis, not once per work); 0 when not. Not part of
    /// the key: equal fields give an equal digest.
    pub digest: u64,
    /// The memo's number for the fields but `marks` ([`Memo::intern`]), when the caller has
    /// it: the story's paragraphs are compared with the kept ones once per analysis, and
    /// each work's entry is found by number (and marks) without a copy of the text per work.
    /// 0 when not. Not part of the key: within one memo, equal numbers are equal fields.
    pub id: u32,
}

impl PartialEq for Para<'_> {
    fn eq(&self, o: &Self) -> bool {
        self.prose == o.prose
            && self.text == o.text
            && self.sentences == o.sentences
            && self.marks == o.marks
    }
}

impl Eq for Para<'_> {}

impl<'a> Para<'a> {
    /// A part of a paragraph: no sentences, no digest.
    pub fn of(prose: &'a str, text: &'a str, marks: &'a [Span]) -> Para<'a> {
        Para {
            prose,
            text,
            sentences: &[],
            marks,
            digest: 0,
            id: 0,
        }
    }

    /// The hash of a paragraph's prose, text and sentences (what [`Para::digest`] holds).
    pub fn digest_of(prose: &str, text: &str, sentences: &[Span]) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        prose.hash(&mut h);
        // The text is usually the prose itself (the same slice): hashed once then.
        if std::ptr::eq(prose, text) || prose == text {
            h.write_u8(0);
        } else {
            text.hash(&mut h);
        }
        sentences.hash(&mut h);
        h.finish()
    }
}

#[derive(PartialEq, Eq)]
struct OwnedPara {
    prose: Box<str>,
    text: Box<str>,
    sentences: Box<[Span]>,
    marks: Box<[Span]>,
}

impl OwnedPara {
    fn of(p: Para) -> OwnedPara {
        OwnedPara {
            prose: p.prose.into(),
            // The text is usually the prose itself: kept once then.
            text: if std::ptr::eq(p.text, p.prose) || p.text == p.prose {
                Box::from("")
            } else {
                p.text.into()
            },
            sentences: p.sentences.into(),
            marks: p.marks.into(),
        }
    }

    fn is(&self, p: Para) -> bool {
        *self.prose == *p.prose
            && (if self.text.is_empty() {
                // Usually the same slice: not compared byte by byte then.
                std::ptr::eq(p.text, p.prose) || p.text == p.prose
            } else {
                *self.text == *p.text
            })
            && *self.sentences == *p.sentences
            && *self.marks == *p.marks
    }
}

/// A result of local work: shared from the memo, or made for this analysis only.
pub enum Local<V> {
    Kept(Arc<V>),
    Made(V),
}

impl<V> std::ops::Deref for Local<V> {
    type Target = V;
    fn deref(&self) -> &V {
        match self {
            Local::Kept(v) => v,
            Local::Made(v) => v,
        }
    }
}

/// Local results kept across analyses of one story (see the module docs). `Send`, so the server
/// can hand it to its analysis thread; used by one analysis at a time, and `Sync`, as a long
/// story's rule families run on two threads of that analysis. Two threads may make the same
/// entry at once (each outside the lock): the first kept is the one both use from then on.
#[derive(Default)]
pub struct Memo {
    inner: Shared<Inner>,
    /// The document layer's own: each paragraph's sentences and page-reader answers.
    doc: crate::document::Reuse,
    /// The line index of the last text the server analysed with this memo (a long story's),
    /// the next one is made from ([`Memo::line_index`]). The text is the one its analysis
    /// holds: no copy.
    lines: std::sync::Mutex<Option<(Arc<str>, Arc<crate::position::LineIndex>)>>,
}

#[derive(Default)]
struct Inner {
    /// What the entries were made under.
    config: Option<(Config, Format)>,
    round: u64,
    tables: Vec<(TableId, Box<dyn AnyTable>)>,
    /// Where a work's table was last found in `tables`, in the slot of its `fn`'s address
    /// ([`slot`]): a story's paragraphs are looked up some 44,000 times an edit of a megabyte,
    /// across a few dozen tables, and a walk along the list took 13 steps on average.
    slots: Vec<Option<(TableId, u32)>>,
    /// The paragraphs numbered by [`Memo::intern`], by digest: (text, number, last round used).
    paras: rustc_hash::FxHashMap<u64, Vec<(OwnedPara, u32, u64)>>,
    /// The last number given (numbers are never given twice).
    last_id: u32,
    /// The last [`Memo::intern_all`]'s paragraphs in story order: (digest, number).
    last: Vec<(u64, u32)>,
    found: u64,
    made: u64,
}

/// The work's `fn` (its address) and its result type.
type TableId = (usize, TypeId);

trait AnyTable: Send {
    fn sweep(&mut self, round: u64);
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool;
    fn as_any(&mut self) -> &mut dyn Any;
}

struct Table<V> {
    /// By hash of the [`Para`]: (key, last round used, result).
    entries: rustc_hash::FxHashMap<u64, Vec<(OwnedPara, u64, Arc<V>)>>,
    /// A numbered [`Para`]'s ([`Para::id`]), by number: (marks, last round used, result).
    by_id: rustc_hash::FxHashMap<u32, Vec<(Box<[Span]>, u64, Arc<V>)>>,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            entries: Default::default(),
            by_id: Default::default(),
        }
    }
}

impl<V: Send + Sync + 'static> AnyTable for Table<V> {
    fn sweep(&mut self, round: u64) {
        self.entries.retain(|_, v| {
            v.retain(|(_, r, _)| *r == round);
            !v.is_empty()
        });
        self.by_id.retain(|_, v| {
            v.retain(|(_, r, _)| *r == round);
            !v.is_empty()
        });
    }
    fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum::<usize>()
            + self.by_id.values().map(Vec::len).sum::<usize>()
    }
    fn is_empty(&self) -> bool {
        // A key is removed with its last entry (see `sweep`) or holds one.
        self.entries.is_empty() && self.by_id.is_empty()
    }
    fn as_any(&mut self) -> &mut dyn Any {
        self
    }
}

fn hash_of(p: Para) -> u64 {
    // Equality is checked in full: the hash only picks the bucket, so a fast one will do.
    let digest = match p.digest {
        0 => Para::digest_of(p.prose, p.text, p.sentences),
        d => d,
    };
    let mut h = rustc_hash::FxHasher::default();
    h.write_u64(digest);
    p.marks.hash(&mut h);
    h.finish()
}

impl Memo {
    pub fn new() -> Memo {
        Memo::default()
    }

    /// Starts an analysis under `config` and `format`: entries made under anything else go.
    pub fn begin(&self, config: &Config, format: Format) {
        let mut m = self.inner.borrow_mut();
        if m.config
            .as_ref()
            .is_none_or(|(c, f)| c != config || *f != format)
        {
            m.tables.clear();
            m.slots.clear();
            m.config = Some((config.clone(), format));
        }
        m.round += 1;
        self.doc.begin();
    }

    /// The line index of `text`: made from the last one asked for when the story is long
    /// ([`crate::position::LineIndex::edited`]: an edit's bytes are read, not the story's),
    /// else afresh; the same index either way.
    pub fn line_index(&self, text: &Arc<str>) -> Arc<crate::position::LineIndex> {
        use crate::position::LineIndex;
        /// Below this a fresh index is as quick, and nothing is kept.
        const EDITED_FROM: usize = 16 * 1024;
        let mut last = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        let index = match last.as_ref() {
            Some((old, ix)) if text.len() >= EDITED_FROM => {
                Arc::new(LineIndex::edited(old, ix, text))
            }
            _ => Arc::new(LineIndex::new(text)),
        };
        *last = (text.len() >= EDITED_FROM).then(|| (text.clone(), index.clone()));
        index
    }

    /// What the story's parse keeps (see [`crate::document::reuse`]).
    pub fn document(&self) -> &crate::document::Reuse {
        &self.doc
    }

    /// Drops every entry the analysis since [`Memo::begin`] did not use.
    pub fn sweep(&self) {
        let mut m = self.inner.borrow_mut();
        let round = m.round;
        for (_, t) in &mut m.tables {
            t.sweep(round);
        }
        m.paras.retain(|_, v| {
            v.retain(|(.., r)| *r == round);
            !v.is_empty()
        });
        self.doc.sweep();
    }

    /// The number of a paragraph's prose, text and sentences (`digest` is
    /// [`Para::digest_of`] them): the same as an earlier analysis gave equal fields, if the
    /// memo still holds them, else a new one. Never 0.
    pub fn intern(&self, prose: &str, text: &str, sentences: &[Span], digest: u64) -> u32 {
        let p = Para {
            prose,
            text,
            sentences,
            marks: &[],
            digest,
            id: 0,
        };
        intern_in(&mut self.inner.borrow_mut(), p, digest)
    }

    /// [`Memo::intern`] of each of a story's `n` paragraphs (`para(i)`: the prose, text and
    /// sentences of the `i`th), in order, with their digests. A paragraph equal to the last
    /// call's at the same place counted from the start, or from the end (all but those an edit
    /// touched), takes its digest and number from there: it is compared with the kept copy,
    /// not hashed. Other digests are made here.
    pub fn intern_all<'a>(
        &self,
        n: usize,
        para: impl Fn(usize) -> (&'a str, &'a str, &'a [Span]),
    ) -> (Vec<u64>, Vec<u32>) {
        let mut m = self.inner.borrow_mut();
        let round = m.round;
        let last = std::mem::take(&mut m.last);
        let (mut digests, mut ids) = (vec![0; n], vec![0; n]);
        let of = |i: usize| {
            let (prose, text, sentences) = para(i);
            Para {
                prose,
                text,
                sentences,
                marks: &[],
                digest: 0,
                id: 0,
            }
        };
        // Whether paragraph `p` is the kept one numbered `id` (of digest `d`).
        let same = |m: &mut Inner, (d, id): (u64, u32), p: Para| {
            let Some(e) = m
                .paras
                .get_mut(&d)
                .and_then(|v| v.iter_mut().find(|e| e.1 == id))
            else {
                return false;
            };
            let is = e.0.is(p);
            if is {
                e.2 = round;
            }
            is
        };
        let mut front = 0;
        while front < n.min(last.len()) && same(&mut m, last[front], of(front)) {
            (digests[front], ids[front]) = last[front];
            front += 1;
        }
        let mut back = 0;
        while back < (n - front).min(last.len() - front)
            && same(&mut m, last[last.len() - 1 - back], of(n - 1 - back))
        {
            (digests[n - 1 - back], ids[n - 1 - back]) = last[last.len() - 1 - back];
            back += 1;
        }
        for i in front..n - back {
            let p = of(i);
            let d = Para::digest_of(p.prose, p.text, p.sentences);
            digests[i] = d;
            ids[i] = intern_in(&mut m, p, d);
        }
        m.last = digests.iter().copied().zip(ids.iter().copied()).collect();
        (digests, ids)
    }

    /// Whether the memo holds nothing an earlier analysis made (a story just opened): an
    /// analysis with it makes every entry, as one without a memo does, and so runs on two
    /// threads as that one does ([`crate::engine::runs_on_two_threads`]).
    pub fn holds_nothing(&self) -> bool {
        let m = self.inner.borrow();
        m.paras.is_empty() && m.tables.iter().all(|(_, t)| t.is_empty())
    }

    /// Entries kept, and (found, made) since the memo was created.
    pub fn stats(&self) -> (usize, u64, u64) {
        let m = self.inner.borrow();
        (m.tables.iter().map(|(_, t)| t.len()).sum(), m.found, m.made)
    }

    /// `work(para, config)`, kept or made.
    pub(super) fn get<V: Send + Sync + 'static>(
        &self,
        para: Para,
        config: &Config,
        work: fn(Para, &Config) -> V,
    ) -> Arc<V> {
        let id: TableId = (work as usize, TypeId::of::<V>());
        self.get_in(para, id, || work(para, config))
    }

    /// `make()`, kept or made as [`Memo::get`] keeps a work's result, in the table of `V` (a
    /// type only this work makes), for work that reads the story through its caller: `make`
    /// must read nothing that `para` (its paragraph and its marks: everything else from the
    /// story the work reads) and the settings do not fix. Unlike [`Memo::get`], this is the
    /// caller's to keep true (and its tests' to check: break the key once and see them fail).
    pub(super) fn get_made<V: Send + Sync + 'static>(
        &self,
        para: Para,
        make: impl FnOnce() -> V,
    ) -> Arc<V> {
        // No `fn` lies at address 1.
        self.get_in(para, (1, TypeId::of::<V>()), make)
    }

    fn get_in<V: Send + Sync + 'static>(
        &self,
        para: Para,
        id: TableId,
        make: impl FnOnce() -> V,
    ) -> Arc<V> {
        if para.id != 0 {
            return self.get_by_id(para, make, id);
        }
        let hash = hash_of(para);
        {
            let mut m = self.inner.borrow_mut();
            let round = m.round;
            if let Some(table) = table::<Table<V>>(&mut m, id) {
                if let Some(e) = table
                    .entries
                    .get_mut(&hash)
                    .and_then(|v| v.iter_mut().find(|(k, ..)| k.is(para)))
                {
                    e.1 = round;
                    let v = e.2.clone();
                    m.found += 1;
                    return v;
                }
            }
        }
        // Made outside the borrow.
        let v = Arc::new(make());
        let mut m = self.inner.borrow_mut();
        m.made += 1;
        let round = m.round;
        if let Some(table) = table_or_new::<Table<V>>(&mut m, id) {
            let bucket = table.entries.entry(hash).or_default();
            // Made meanwhile by the other thread of this analysis: the same value, kept once.
            if let Some(e) = bucket.iter_mut().find(|(k, ..)| k.is(para)) {
                e.1 = round;
                return e.2.clone();
            }
            bucket.push((OwnedPara::of(para), round, v.clone()));
        }
        v
    }
}

impl Memo {
    /// [`Memo::get`]'s kept results for `work` of many numbered paragraphs at once, in order:
    /// `keys` gives each one's [`Para::id`] and marks. One lock and one table search for all
    /// (not one per paragraph: the story's paragraphs are looked up work after work on every
    /// edit); None where the memo holds none (or the number is 0), for the caller to make
    /// through [`Memo::get`].
    pub(super) fn kept_each<'k, V: Send + Sync + 'static>(
        &self,
        work: fn(Para, &Config) -> V,
        keys: impl ExactSizeIterator<Item = (u32, &'k [Span])>,
    ) -> Vec<Option<Arc<V>>> {
        let id: TableId = (work as usize, TypeId::of::<V>());
        let mut m = self.inner.borrow_mut();
        let round = m.round;
        let mut found = 0;
        let out = match table::<Table<V>>(&mut m, id) {
            None => keys.map(|_| None).collect(),
            Some(t) => keys
                .map(|(pid, marks)| {
                    let e = t
                        .by_id
                        .get_mut(&pid)?
                        .iter_mut()
                        .find(|(k, ..)| **k == *marks)?;
                    e.1 = round;
                    found += 1;
                    Some(e.2.clone())
                })
                .collect(),
        };
        m.found += found;
        out
    }

    /// [`Memo::get`] of a numbered paragraph.
    fn get_by_id<V: Send + Sync + 'static>(
        &self,
        para: Para,
        make: impl FnOnce() -> V,
        id: TableId,
    ) -> Arc<V> {
        {
            let mut m = self.inner.borrow_mut();
            let round = m.round;
            if let Some(e) = table::<Table<V>>(&mut m, id)
                .and_then(|t| t.by_id.get_mut(&para.id))
                .and_then(|v| v.iter_mut().find(|(k, ..)| **k == *para.marks))
            {
                e.1 = round;
                let v = e.2.clone();
                m.found += 1;
                return v;
            }
        }
        // Made outside the borrow.
        let v = Arc::new(make());
        let mut m = self.inner.borrow_mut();
        m.made += 1;
        let round = m.round;
        if let Some(table) = table_or_new::<Table<V>>(&mut m, id) {
            table
                .by_id
                .entry(para.id)
                .or_default()
                .push((para.marks.into(), round, v.clone()));
        }
        v
    }
}

/// Results kept under an owned key: work whose input is not one paragraph.
struct Keyed<K, V> {
    /// Key to (last round used, result).
    entries: rustc_hash::FxHashMap<K, (u64, Arc<V>)>,
}

impl<K, V> Default for Keyed<K, V> {
    fn default() -> Self {
        Keyed {
            entries: Default::default(),
        }
    }
}

impl<K: Hash + Eq + Send + 'static, V: Send + Sync + 'static> AnyTable for Keyed<K, V> {
    fn sweep(&mut self, round: u64) {
        self.entries.retain(|_, (r, _)| *r == round);
    }
    fn len(&self) -> usize {
        self.entries.len()
    }
    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    fn as_any(&mut self) -> &mut dyn Any {
        self
    }
}

impl Memo {
    /// `work(key, config)`, kept or made: as [`Memo::get`], for work whose whole input is `key`
    /// (an owned value: what the work reads, copied out of the story).
    pub(super) fn get_keyed<K: Hash + Eq + Send + 'static, V: Send + Sync + 'static>(
        &self,
        key: K,
        config: &Config,
        work: fn(&K, &Config) -> V,
    ) -> Arc<V> {
        let id: TableId = (work as usize, TypeId::of::<(K, V)>());
        {
            let mut m = self.inner.borrow_mut();
            let round = m.round;
            if let Some(e) = table::<Keyed<K, V>>(&mut m, id).and_then(|t| t.entries.get_mut(&key))
            {
                e.0 = round;
                let v = e.1.clone();
                m.found += 1;
                return v;
            }
        }
        // Made outside the borrow.
        let v = Arc::new(work(&key, config));
        let mut m = self.inner.borrow_mut();
        m.made += 1;
        let round = m.round;
        if let Some(t) = table_or_new::<Keyed<K, V>>(&mut m, id) {
            // Made meanwhile by the other thread of this analysis: the same value, kept once.
            let e = t.entries.entry(key).or_insert((round, v));
            e.0 = round;
            return e.1.clone();
        }
        v
    }
}

/// Results kept under an owned key found by its hash and a comparison with what the caller
/// has borrowed: work whose key would cost a copy to build for every lookup.
struct Hashed<K, V> {
    /// By hash: (key, last round used, result).
    entries: rustc_hash::FxHashMap<u64, Vec<(K, u64, Arc<V>)>>,
}

impl<K, V> Default for Hashed<K, V> {
    fn default() -> Self {
        Hashed {
            entries: Default::default(),
        }
    }
}

impl<K: Send + 'static, V: Send + Sync + 'static> AnyTable for Hashed<K, V> {
    fn sweep(&mut self, round: u64) {
        self.entries.retain(|_, v| {
            v.retain(|(_, r, _)| *r == round);
            !v.is_empty()
        });
    }
    fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }
    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    fn as_any(&mut self) -> &mut dyn Any {
        self
    }
}

impl Memo {
    /// `work(key, config)`, kept or made, as [`Memo::get_keyed`], where the key is looked up
    /// without being built: `hash` is the key's hash (any function of what `is` compares) and
    /// `is` says whether a kept key is the one wanted; `key` builds it when it is not kept.
    pub(super) fn get_hashed<K: Send + 'static, V: Send + Sync + 'static>(
        &self,
        hash: u64,
        is: &dyn Fn(&K) -> bool,
        key: impl FnOnce() -> K,
        config: &Config,
        work: fn(&K, &Config) -> V,
    ) -> Arc<V> {
        let id: TableId = (work as usize, TypeId::of::<(K, V)>());
        {
            let mut m = self.inner.borrow_mut();
            let round = m.round;
            if let Some(e) = table::<Hashed<K, V>>(&mut m, id)
                .and_then(|t| t.entries.get_mut(&hash))
                .and_then(|v| v.iter_mut().find(|(k, ..)| is(k)))
            {
                e.1 = round;
                let v = e.2.clone();
                m.found += 1;
                return v;
            }
        }
        let key = key();
        debug_assert!(is(&key));
        // Made outside the borrow.
        let v = Arc::new(work(&key, config));
        let mut m = self.inner.borrow_mut();
        m.made += 1;
        let round = m.round;
        if let Some(t) = table_or_new::<Hashed<K, V>>(&mut m, id) {
            t.entries
                .entry(hash)
                .or_default()
                .push((key, round, v.clone()));
        }
        v
    }
}

/// [`Memo::intern`] with the memo locked.
fn intern_in(m: &mut Inner, p: Para, digest: u64) -> u32 {
    let round = m.round;
    if let Some(e) = m
        .paras
        .get_mut(&digest)
        .and_then(|v| v.iter_mut().find(|(k, ..)| k.is(p)))
    {
        e.2 = round;
        return e.1;
    }
    m.last_id += 1;
    let id = m.last_id;
    m.paras
        .entry(digest)
        .or_default()
        .push((OwnedPara::of(p), id, round));
    id
}

/// How many places [`Inner::slots`] has.
const SLOTS: usize = 64;

/// The place of work `id` in [`Inner::slots`]: from its `fn`'s address (works made through
/// [`Memo::get_made`], all at address 1, share one and are mostly found by the walk).
fn slot(id: TableId) -> usize {
    (id.0 >> 4 ^ id.0 >> 10) % SLOTS
}

/// Work `id`'s table, if the memo has one.
#[inline]
fn table<T: 'static>(m: &mut Inner, id: TableId) -> Option<&mut T> {
    let s = slot(id);
    let at = match m.slots.get(s).copied().flatten() {
        Some((kept, at)) if kept == id => at as usize,
        _ => {
            let at = m.tables.iter().position(|(t, _)| *t == id)?;
            if m.slots.is_empty() {
                m.slots = vec![None; SLOTS];
            }
            m.slots[s] = Some((id, at as u32));
            at
        }
    };
    m.tables[at].1.as_any().downcast_mut::<T>()
}

/// Work `id`'s table, made empty first when the memo has none (`None` only where the id is
/// kept with another table type, which the ids' `TypeId` rules out).
fn table_or_new<T: AnyTable + Default + 'static>(m: &mut Inner, id: TableId) -> Option<&mut T> {
    if !m.tables.iter().any(|(t, _)| *t == id) {
        m.tables.push((id, Box::<T>::default()));
    }
    table::<T>(m, id)
}

/// The story's paragraphs as [`Para`]s: each one's sentences as offsets from its start, made
/// once per story.
pub struct Paragraphs {
    /// Every sentence of the story as offsets from its paragraph's start, in story order (a
    /// paragraph's are `sentences[p.sentences]`): one list, not one per paragraph.
    sentences: Vec<Span>,
    /// Each one's [`Para::digest`].
    digests: Vec<u64>,
    /// Each one's [`Para::id`] in the context's memo (all 0 without one).
    ids: Vec<u32>,
}

impl Facts for Paragraphs {
    fn compute(cx: &Context) -> Self {
        let doc = cx.doc;
        let mut sentences = vec![Span::default(); doc.sentences.len()];
        for p in &doc.paragraphs {
            for (rel, s) in sentences[p.sentences.clone()]
                .iter_mut()
                .zip(&doc.sentences[p.sentences.clone()])
            {
                *rel = Span::new(s.span.start - p.span.start, s.span.end - p.span.start);
            }
        }
        let of = |p: &crate::document::Paragraph| &sentences[p.sentences.clone()];
        // Digests only to number the paragraphs (the memo's lookups go by number).
        let (digests, ids) = match cx.memo {
            Some(m) => m.intern_all(doc.paragraphs.len(), |i| {
                let p = &doc.paragraphs[i];
                (&doc.prose[p.span.range()], &doc.text[p.span.range()], of(p))
            }),
            None => (vec![0; doc.paragraphs.len()], vec![0; doc.paragraphs.len()]),
        };
        Paragraphs {
            sentences,
            digests,
            ids,
        }
    }
}

impl Paragraphs {
    /// Paragraph `i`'s [`Para::id`] (0 without a memo).
    pub fn id(&self, i: usize) -> u32 {
        self.ids[i]
    }

    /// Paragraph `i` of `doc` (the story these were made for).
    pub fn para<'s>(&'s self, doc: &'s Document, i: usize) -> Para<'s> {
        let p = &doc.paragraphs[i];
        let span = p.span;
        Para {
            prose: &doc.prose[span.range()],
            text: &doc.text[span.range()],
            sentences: &self.sentences[p.sentences.clone()],
            marks: &[],
            digest: self.digests[i],
            id: self.ids[i],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: Para, _: &Config) -> usize {
        p.prose.split_whitespace().count()
    }
    fn bytes(p: Para, _: &Config) -> usize {
        p.prose.len()
    }

    fn para(s: &str) -> Para<'_> {
        Para::of(s, s, &[])
    }

    #[test]
    fn kept_per_work_and_input_swept_when_unused_and_cleared_by_settings() {
        let config = Config::default();
        let memo = Memo::new();
        memo.begin(&config, Format::Markdown);
        assert_eq!(*memo.get(para("two words"), &config, words), 2);
        assert_eq!(*memo.get(para("two words"), &config, bytes), 9);
        assert_eq!(*memo.get(para("two words"), &config, words), 2);
        assert_eq!(memo.stats(), (2, 1, 2));
        // Another text, or the same prose under another written text, is another entry.
        let other = Para {
            text: "two *ords",
            ..para("two words")
        };
        assert_eq!(*memo.get(other, &config, words), 2);
        assert_eq!(memo.stats(), (3, 1, 3));
        memo.begin(&config, Format::Markdown);
        assert_eq!(*memo.get(para("two words"), &config, words), 2);
        memo.sweep();
        assert_eq!(memo.stats().0, 1, "only what the last analysis used stays");
        let mut strict = config.clone();
        strict.allow.push("regime".into());
        memo.begin(&strict, Format::Markdown);
        assert_eq!(memo.stats().0, 0, "other settings, nothing kept");
        memo.begin(&strict, Format::Plain);
        assert_eq!(memo.stats().0, 0);
    }

    #[test]
    fn numbered_paragraphs_are_found_by_number_and_marks() {
        let config = Config::default();
        let memo = Memo::new();
        memo.begin(&config, Format::Markdown);
        let digest = |s: &str| Para::digest_of(s, s, &[]);
        let a = memo.intern("two words", "two words", &[], digest("two words"));
        let b = memo.intern(
            "three words here",
            "three words here",
            &[],
            digest("three words here"),
        );
        assert!(a != 0 && b != 0 && a != b);
        assert_eq!(
            memo.intern("two words", "two words", &[], digest("two words")),
            a,
            "equal fields, the same number"
        );
        // The same prose under another written text is another paragraph.
        let c = memo.intern(
            "two words",
            "two *ords",
            &[],
            Para::digest_of("two words", "two *ords", &[]),
        );
        assert!(c != a && c != b);
        let numbered = |s: &'static str, id: u32, marks: &'static [Span]| Para {
            id,
            marks,
            ..para(s)
        };
        assert_eq!(*memo.get(numbered("two words", a, &[]), &config, words), 2);
        assert_eq!(*memo.get(numbered("two words", a, &[]), &config, words), 2);
        assert_eq!(memo.stats(), (1, 1, 1));
        // Other marks, another entry.
        const MARK: &[Span] = &[Span::new(0, 3)];
        assert_eq!(*memo.get(numbered("two words", a, MARK), &config, words), 2);
        assert_eq!(memo.stats(), (2, 1, 2));
        memo.sweep();
        // A paragraph the next analysis does not number goes, and its number with it: equal
        // text later is a new number, with nothing kept under it.
        memo.begin(&config, Format::Markdown);
        assert_eq!(
            memo.intern(
                "three words here",
                "three words here",
                &[],
                digest("three words here")
            ),
            b
        );
        memo.sweep();
        memo.begin(&config, Format::Markdown);
        let a2 = memo.intern("two words", "two words", &[], digest("two words"));
        assert!(a2 != a && a2 != b && a2 != c);
        assert_eq!(memo.stats().0, 0);
        assert_eq!(*memo.get(numbered("two words", a2, &[]), &config, words), 2);
        assert_eq!(memo.stats(), (1, 1, 3));
    }

    /// What work keyed by its marks makes of a paragraph.
    fn marked(p: Para, _: &Config) -> usize {
        p.prose.len() * 100 + p.marks.iter().map(|m| m.start * 10 + m.end).sum::<usize>()
    }

    proptest::proptest! {
        /// `kept_each` finds what `get` keeps, by number and marks: a key's result is there
        /// exactly when an earlier `get` made it, and it is the work's for that paragraph and
        /// those marks.
        #[test]
        fn finding_at_once_is_finding_what_get_kept(
            made in proptest::collection::vec((0usize..3, 0usize..3), 0..8),
            asked in proptest::collection::vec((0usize..3, 0usize..3), 0..8),
        ) {
            const TEXTS: [&str; 3] = ["one", "two words", "three words here"];
            const MARKS: [&[Span]; 3] = [&[], &[Span::new(0, 1)], &[Span::new(1, 2), Span::new(0, 0)]];
            let config = Config::default();
            let memo = Memo::new();
            memo.begin(&config, Format::Markdown);
            let ids: Vec<u32> = TEXTS
                .iter()
                .map(|t| memo.intern(t, t, &[], Para::digest_of(t, t, &[])))
                .collect();
            let numbered = |t: usize, m: usize| Para {
                id: ids[t],
                marks: MARKS[m],
                ..para(TEXTS[t])
            };
            for &(t, m) in &made {
                memo.get(numbered(t, m), &config, marked);
            }
            let found = memo.kept_each(marked, asked.iter().map(|&(t, m)| (ids[t], MARKS[m])));
            proptest::prop_assert_eq!(found.len(), asked.len());
            for (&(t, m), v) in asked.iter().zip(&found) {
                proptest::prop_assert_eq!(v.is_some(), made.contains(&(t, m)));
                if let Some(v) = v {
                    proptest::prop_assert_eq!(**v, marked(numbered(t, m), &config));
                }
            }
        }

        /// `intern_all` numbers each paragraph as `intern` does (the number of its fields,
        /// the same one an earlier call gave equal fields) and gives its digest, whichever
        /// paragraphs it takes from the last call's places.
        #[test]
        fn interning_a_story_at_once_is_interning_each_paragraph(
            stories in proptest::collection::vec(
                proptest::collection::vec((0usize..5, 0usize..3), 0..8), 1..8),
        ) {
            const WORDS: [&str; 5] = ["one", "two words", "three words here", "one", "x"];
            let config = Config::default();
            let memo = Memo::new();
            for story in stories {
                memo.begin(&config, Format::Markdown);
                let paras: Vec<(String, String, Vec<Span>)> = story
                    .iter()
                    .map(|&(w, k)| {
                        let prose = WORDS[w].to_string();
                        // The same prose under another text, or with other sentences.
                        let text = if k == 1 { prose.replace('o', "*") } else { prose.clone() };
                        let sentences = if k == 2 { vec![Span::new(0, 1)] } else { vec![] };
                        (prose, text, sentences)
                    })
                    .collect();
                let (digests, ids) = memo.intern_all(paras.len(), |i| {
                    (&paras[i].0[..], &paras[i].1[..], &paras[i].2[..])
                });
                for (i, (prose, text, sentences)) in paras.iter().enumerate() {
                    let d = Para::digest_of(prose, text, sentences);
                    proptest::prop_assert_eq!(digests[i], d);
                    proptest::prop_assert_eq!(ids[i], memo.intern(prose, text, sentences, d));
                }
                memo.sweep();
            }
        }
    }

    fn length(k: &String, _: &Config) -> usize {
        k.len()
    }

    #[test]
    fn keyed_work_is_kept_per_key_and_swept_when_unused() {
        let config = Config::default();
        let memo = Memo::new();
        memo.begin(&config, Format::Markdown);
        assert_eq!(*memo.get_keyed("abc".to_string(), &config, length), 3);
        assert_eq!(*memo.get_keyed("abc".to_string(), &config, length), 3);
        assert_eq!(*memo.get_keyed("de".to_string(), &config, length), 2);
        assert_eq!(memo.stats(), (2, 1, 2));
        memo.begin(&config, Format::Markdown);
        assert_eq!(*memo.get_keyed("de".to_string(), &config, length), 2);
        memo.sweep();
        assert_eq!(
            memo.stats(),
            (1, 2, 2),
            "only what the last analysis used stays"
        );
        let mut strict = config.clone();
        strict.allow.push("regime".into());
        memo.begin(&strict, Format::Markdown);
        assert_eq!(memo.stats().0, 0, "other settings, nothing kept");
    }
}
