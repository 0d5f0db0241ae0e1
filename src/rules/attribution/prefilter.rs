//! One aho-corasick pass that tells, for every sentence, which of the family's big patterns can
//! match in it, so each pattern runs only on the few sentences that hold one of its required words
//! instead of over the whole story.
//!
//! The required words are not kept by hand: each top-level alternative of a pattern reads them off
//! its template (see [`super::alternatives`]) as lists, one per required part, and gets a bit of
//! its own, set for a sentence that holds a word of each list. An alternative with no required
//! words runs on every sentence (correct, just slower).

use super::alternatives::Alternatives;
use crate::rules::automaton::Trie;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::Mutex;

/// Bytes a word of a run may hold: ASCII letters and digits, `'`, `-` and `&`. A word made only
/// of these lies inside one run of them, so what a run holds is a function of its text alone
/// (kept by text: the same words recur all through a story).
static RUN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'\'' || c == b'-' || c == b'&';
        b += 1;
    }
    t
};

/// Runs longer than this are walked, not kept (no key grows without bound).
const KEEP_RUN: usize = 32;
/// Kept runs before the table starts over (bounds a long-lived server's memory).
const KEEP_RUNS: usize = 1 << 15;
/// No list: the run holds no word.
const NO_LISTS: u32 = u32::MAX;

/// The prefilter for a fixed list of patterns split into alternatives (at most 128 in all).
pub struct Prefilter {
    /// The words made only of [`RUN`] bytes, and the owner row of each.
    runs: Trie,
    run_ids: Vec<u32>,
    /// The other words (marks such as `%`), walked from every byte that may start one.
    loose: Trie,
    loose_ids: Vec<u32>,
    /// The bytes that start a word of `loose`, and whether any is a [`RUN`] byte.
    loose_first: [bool; 256],
    loose_in_runs: bool,
    /// The bytes that start a word of `runs` that counts for some list inside a word (after a
    /// letter or digit, see [`edges`]). From any other byte after a letter or digit no word
    /// counts (every list of today's words needs them to start a word), so no walk starts there.
    inner_first: [bool; 256],
    /// For each word, four rows of `width` words: the word lists (numbered over all
    /// alternatives) it counts for, as a bit set over lists, where it stands at neither edge, at
    /// its left edge only, its right edge only, both (see [`edges`]; a word whose list needs it
    /// to stand at an edge counts only there: "is" in "this" holds no word "it is said" needs).
    /// A loose word reads the last row.
    owner: Vec<u64>,
    /// For each alternative: its bit and the lists it needs a word of, as a bit set over lists
    /// (the tests' reference; the search reads `test_bits` and `need_sets`).
    #[cfg(test)]
    need: Vec<(u128, Vec<u64>)>,
    /// For each list, the alternatives it triggers (a sentence is tested only for the
    /// alternatives it holds a word of the trigger list of; see `Prefilter::new`). Those that
    /// need no other list are open wherever the list is hit: their bits are `alone[l]`, set
    /// without a test. The others of list `l` are tests `first_from[l]..first_from[l + 1]`, test
    /// `j` with its alternative's bit at `test_bits[j]` and its lists, as a bit set over lists in
    /// chunks of four words, at `need_sets[j * width / 4..]`.
    alone: Vec<u128>,
    first_from: Vec<u32>,
    test_bits: Vec<u128>,
    need_sets: Vec<[u64; 4]>,
    /// The lists that trigger some alternative, as a bit set over lists: the others open
    /// nothing by themselves.
    firsts: Vec<u64>,
    /// Alternatives with no lists: run everywhere.
    always: u128,
    /// Each pattern's first bit.
    first: Vec<u32>,
    /// Words of the bit sets over lists: whole chunks of four.
    width: usize,
    /// Every word, in owner-row order (the tests' reference walks them all).
    #[cfg(test)]
    words: Vec<String>,
    /// The lists each run seen so far holds (a pure function of the run's text), and scratch
    /// space. Taken with `try_lock`: a search that finds it busy walks every run instead. Two
    /// of them: a long story's attribution facts are made on two threads at once (see
    /// `Context::map`), and one busy table made the other thread walk every run (+15 M
    /// instructions on a megabyte of wire copy); the second is used only then.
    seen: [Mutex<Seen>; 2],
}

thread_local! {
    /// The [`Prefilter::seen`] table this thread used last.
    static LAST_SEEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// What [`Prefilter::masks`] keeps between calls.
#[derive(Default)]
struct Seen {
    kept: Kept,
    scratch: Scratch,
}

/// Runs already walked, by their text (ASCII case folded): an open-addressed table.
#[derive(Default)]
struct Kept {
    /// An index into `entries` plus one, or 0 for none; made when first used (of a fixed
    /// length, so a probe's masked index needs no bounds check).
    slots: Option<Box<[u32; SLOTS]>>,
    /// A run's text folded and zero-padded to [`KEEP_RUN`] bytes, its length, and where its lists
    /// start in `bits` (or [`NO_LISTS`]).
    entries: Vec<([u64; KEEP_RUN / 8], u32, u32)>,
    bits: Vec<u64>,
}

/// Slots of [`Kept`]: at most half of them full.
const SLOTS: usize = 2 * KEEP_RUNS;

impl Kept {
    /// Sets up an empty table for rows of `width` words: its slots, and room for as many runs
    /// as it keeps (growing the entries by doubling copied them over and over, about 1.5 M
    /// instructions on a megabyte of copy; the room is only address space until used).
    fn open(&mut self, width: usize) {
        self.slots = Some(
            vec![0; SLOTS]
                .into_boxed_slice()
                .try_into()
                .expect("SLOTS slots"),
        );
        self.entries.reserve(KEEP_RUNS);
        self.bits.reserve(KEEP_RUNS * width);
    }

    /// Where the lists of the run with `key`, `len` and hash `h` start in `bits` (or
    /// [`NO_LISTS`]), or the free slot where it goes.
    #[inline(always)]
    fn probe(&self, key: &[u64; KEEP_RUN / 8], len: u32, h: u64) -> Result<u32, usize> {
        let Some(slots) = &self.slots else {
            return Err(0);
        };
        let mask = SLOTS - 1;
        let mut i = (h >> 32) as usize & mask;
        loop {
            match slots[i] {
                0 => return Err(i),
                e => {
                    let (k, l, at) = &self.entries[e as usize - 1];
                    if *l == len && k == key {
                        return Ok(*at);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }
}

/// `run` (at most [`KEEP_RUN`] bytes of [`RUN`]), ASCII-lowercased, as little-endian words padded
/// with zeros. Every byte of a run but the upper-case letters already has the case bit (`0x20`):
/// setting it in every byte lowercases the run.
fn fold(run: &[u8]) -> [u64; KEEP_RUN / 8] {
    let mut k = [0u64; KEEP_RUN / 8];
    let mut chunks = run.chunks_exact(8);
    for (w, c) in k.iter_mut().zip(chunks.by_ref()) {
        *w = u64::from_le_bytes(c.try_into().expect("eight bytes")) | 0x2020_2020_2020_2020;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut t = 0u64;
        for (j, &b) in rest.iter().enumerate() {
            t |= u64::from(b | 0x20) << (8 * j);
        }
        k[run.len() / 8] = t;
    }
    k
}

/// The key of the run `b[s..e]` (at most [`KEEP_RUN`] bytes of [`RUN`]): [`fold`] of it. A run of
/// at most eight bytes with eight bytes of text from its start is read as one word and masked
/// (most runs: a word of running text).
#[inline(always)]
fn key_of(b: &[u8], s: usize, e: usize) -> [u64; KEEP_RUN / 8] {
    let len = e - s;
    match b.get(s..s + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        Some(w) if len <= 8 => {
            let w = u64::from_le_bytes(w);
            let m = u64::MAX >> (64 - 8 * len);
            [(w | 0x2020_2020_2020_2020) & m, 0, 0, 0]
        }
        _ => fold(&b[s..e]),
    }
}

/// Where a key lands in [`Kept::slots`]. A key of one word (a run of at most eight bytes: no run
/// byte is zero, so the padding tells the length) is mixed alone.
#[inline(always)]
fn hash_of(key: &[u64; KEEP_RUN / 8]) -> u64 {
    if key[1] == 0 {
        return (key[0] ^ key[0] >> 29).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    key.iter().fold(0, |h: u64, &w| {
        (h.rotate_left(23) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    })
}

/// Where the run of [`RUN`] bytes that goes on at `i` ends: the first byte at or after `i` that
/// is not one, or the end of `b`.
#[inline(always)]
fn run_end(b: &[u8], i: usize) -> usize {
    i + b[i..]
        .iter()
        .position(|&c| !RUN[c as usize])
        .unwrap_or(b.len() - i)
}

/// Which row of [`Prefilter::owner`] a word found at `b[j..e]` reads, `lo..hi` the run it lies
/// in (or the part of it inside a span, when the run starts before the span or goes on past
/// its end): whether it starts at `lo` or after a byte that is no ASCII letter or digit, and
/// whether it ends at `hi` or before one. The edges of the words inside a run read its text
/// alone (the run's own ends are edges), so a kept run's lists still go by its text.
#[inline(always)]
fn edges(b: &[u8], lo: usize, j: usize, e: usize, hi: usize) -> usize {
    let left = j <= lo || !b[j - 1].is_ascii_alphanumeric();
    let right = e >= hi || !b[e].is_ascii_alphanumeric();
    left as usize | (right as usize) << 1
}

impl Prefilter {
    /// Whether a word that starts at `b[j]`, in a run (or a run's part) from `lo`, may count
    /// for a list: one at its left edge may, one inside a word only if its first byte is in
    /// [`Prefilter::inner_first`] (the walks start only where this holds).
    #[inline(always)]
    fn may_start(&self, b: &[u8], lo: usize, j: usize) -> bool {
        j <= lo || !b[j - 1].is_ascii_alphanumeric() || self.inner_first[b[j] as usize]
    }
}

/// The row of [`Prefilter::owner`] for a word at both edges (a loose word's: its lists need
/// no edge).
const BOTH_EDGES: usize = 3;

/// The per-span hits of one search, reused from one paragraph to the next.
#[derive(Default)]
struct Scratch {
    hits: Vec<u64>,
    touched: Vec<bool>,
}

impl Prefilter {
    pub fn new(patterns: &[&Alternatives]) -> Prefilter {
        let mut words: Vec<String> = Vec::new();
        // By the word as matched (ASCII case folded): one automaton word per spelling.
        let mut index: HashMap<Cow<str>, usize> = HashMap::default();
        // Each word's lists, each with the edges it needs there (see `super::templates::LEFT`).
        let mut owner: Vec<Vec<(u32, u8)>> = Vec::new();
        let mut lists: Vec<(u128, Vec<u32>)> = Vec::new();
        // Each list's shortest word, in bytes.
        let mut shortest: Vec<usize> = Vec::new();
        let mut always = 0u128;
        let mut first = Vec::new();
        let mut bit = 0u32;
        let mut n = 0u32;
        for p in patterns {
            first.push(bit);
            for b in p.branches() {
                assert!(bit < 128, "more than 128 alternatives behind one prefilter");
                if b.sets().is_empty() {
                    always |= 1 << bit;
                }
                let mut ids = Vec::new();
                for (set, edges) in b.sets().iter().zip(b.edges()) {
                    for (w, &e) in set.iter().zip(edges) {
                        let key = if w.bytes().any(|b| b.is_ascii_uppercase()) {
                            Cow::Owned(w.to_ascii_lowercase())
                        } else {
                            Cow::Borrowed(w.as_str())
                        };
                        let k = *index.entry(key).or_insert_with(|| {
                            words.push(w.clone());
                            owner.push(Vec::new());
                            words.len() - 1
                        });
                        owner[k].push((n, e));
                    }
                    shortest.push(set.iter().map(String::len).min().unwrap_or(0));
                    ids.push(n);
                    n += 1;
                }
                if !ids.is_empty() {
                    lists.push((1u128 << bit, ids));
                }
                bit += 1;
            }
        }
        // Whole chunks of four words: an alternative's lists are tested four words at a time.
        let width = (n as usize).div_ceil(256).max(1) * 4;
        let (mut run_words, mut run_ids, mut loose_words, mut loose_ids) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut loose_first = [false; 256];
        for (k, w) in words.iter().enumerate() {
            if w.bytes().all(|b| RUN[b as usize]) {
                run_words.push(w.as_str());
                run_ids.push(k as u32);
            } else {
                let b = w.as_bytes()[0];
                loose_first[b as usize] = true;
                loose_first[b.to_ascii_uppercase() as usize] = true;
                loose_first[b.to_ascii_lowercase() as usize] = true;
                loose_words.push(w.as_str());
                loose_ids.push(k as u32);
            }
        }
        let mut owner_bits = vec![0u64; owner.len() * 4 * width];
        for (k, ids) in owner.iter().enumerate() {
            // Loose words are walked without their edges: their lists need none.
            let loose = !words[k].bytes().all(|b| RUN[b as usize]);
            for &(i, e) in ids {
                let e = if loose { 0 } else { e as usize };
                for row in 0..4 {
                    if e & !row == 0 {
                        owner_bits[(k * 4 + row) * width + i as usize / 64] |= 1 << (i % 64);
                    }
                }
            }
        }
        let mut inner_first = [false; 256];
        for (k, w) in words.iter().enumerate() {
            let row = |r: usize| &owner_bits[(k * 4 + r) * width..][..width];
            if w.bytes().all(|b| RUN[b as usize]) && row(0).iter().chain(row(2)).any(|&x| x != 0) {
                let b = w.as_bytes()[0];
                inner_first[b.to_ascii_lowercase() as usize] = true;
                inner_first[b.to_ascii_uppercase() as usize] = true;
            }
        }
        // Each alternative is tested only in a span that holds a word of one of its lists (its
        // trigger: any of them would do, since it needs them all), the list whose shortest word
        // is longest (the last of those): short words are the common ones ("it" of "it is
        // said"), and the fewer spans hold a trigger, the fewer tests fail.
        let mut by_first_list = vec![Vec::new(); n as usize];
        for (k, (_, ids)) in lists.iter().enumerate() {
            let trigger = ids
                .iter()
                .max_by_key(|&&l| shortest[l as usize])
                .expect("a list");
            by_first_list[*trigger as usize].push(k);
        }
        let mut firsts = vec![0u64; width];
        for (list, alts) in by_first_list.iter().enumerate() {
            if !alts.is_empty() {
                firsts[list / 64] |= 1 << (list % 64);
            }
        }
        // An alternative whose only list is its trigger is open wherever that list is hit.
        let mut alone = vec![0u128; n as usize];
        let mut first_from = vec![0u32];
        let (mut test_bits, mut need_sets) = (Vec::new(), Vec::new());
        for (list, alts) in by_first_list.iter().enumerate() {
            for &a in alts {
                let (bit, ids) = &lists[a];
                if let [_] = ids[..] {
                    alone[list] |= bit;
                    continue;
                }
                let mut set = vec![0u64; width];
                for &i in ids {
                    set[i as usize / 64] |= 1 << (i % 64);
                }
                test_bits.push(*bit);
                need_sets.extend_from_slice(set.as_chunks::<4>().0);
            }
            first_from.push(test_bits.len() as u32);
        }
        #[cfg(test)]
        let need: Vec<(u128, Vec<u64>)> = lists
            .into_iter()
            .map(|(bit, ids)| {
                let mut set = vec![0u64; width];
                for i in ids {
                    set[i as usize / 64] |= 1 << (i % 64);
                }
                (bit, set)
            })
            .collect();
        Prefilter {
            alone,
            first_from,
            test_bits,
            need_sets,
            runs: Trie::new(&run_words),
            run_ids,
            loose: Trie::new(&loose_words),
            loose_ids,
            loose_in_runs: (0..256).any(|b| loose_first[b] && RUN[b]),
            loose_first,
            inner_first,
            owner: owner_bits,
            #[cfg(test)]
            need,
            firsts,
            always,
            first,
            width,
            seen: Default::default(),
            #[cfg(test)]
            words,
        }
    }

    /// For each span (sentences, in order and not overlapping), the bit set of the alternatives
    /// that can match inside it: those with a word of each of their lists there.
    pub fn masks(&self, text: &str, spans: &[crate::finding::Span]) -> Vec<u128> {
        // The table this thread took last, first: a thread that keeps to one table meets there
        // the runs it has walked before (taking whichever is free made each thread walk, in
        // turn, the runs of both tables' paragraphs).
        let first = LAST_SEEN.get();
        let mut took = 0;
        let mut guard = (0..self.seen.len()).find_map(|k| {
            let k = (first + k) % self.seen.len();
            let g = self.seen[k].try_lock().ok()?;
            LAST_SEEN.set(k);
            took = k;
            Some(g)
        });
        let mut own = Scratch::default();
        let (kept, scratch) = match guard.as_deref_mut() {
            Some(Seen { kept, scratch }) => (Some(kept), scratch),
            None => (None, &mut own),
        };
        // A run this thread's table has not seen, the other table may have (both threads meet
        // the story's common words): its lists are copied from there when that table is free.
        let other = &self.seen[(took + 1) % self.seen.len()];
        self.hits_into(text, spans, kept.map(|k| (k, other)), scratch);
        let Scratch { hits, touched } = &*scratch;
        let w = self.width;
        // Filled, not zeroed by the allocator (`vec![0; n]` asks for zeroed memory, which cost
        // more than the fill for a paragraph's few sentences).
        let mut out = Vec::with_capacity(spans.len());
        out.resize(spans.len(), self.always);
        for ((o, &t), h) in out.iter_mut().zip(touched).zip(hits.chunks_exact(w)) {
            if !t {
                continue;
            }
            // In chunks of four words (`width` is a multiple of four).
            let h4 = h.as_chunks::<4>().0;
            for (wi, (&word, &firsts)) in h.iter().zip(&self.firsts).enumerate() {
                let mut lists = word & firsts;
                while lists != 0 {
                    let list = wi * 64 + lists.trailing_zeros() as usize;
                    lists &= lists - 1;
                    *o |= self.alone[list];
                    let (from, to) = (
                        self.first_from[list] as usize,
                        self.first_from[list + 1] as usize,
                    );
                    let sets = &self.need_sets[from * h4.len()..to * h4.len()];
                    for (set, bit) in sets.chunks_exact(h4.len()).zip(&self.test_bits[from..to]) {
                        // Four words at a time, with no early exit inside a chunk.
                        let held = set.iter().zip(h4).all(|(n, h)| {
                            (n[0] & !h[0]) | (n[1] & !h[1]) | (n[2] & !h[2]) | (n[3] & !h[3]) == 0
                        });
                        if held {
                            *o |= bit;
                        }
                    }
                }
            }
        }
        out
    }

    /// Per span, the lists it holds a word of (`width` words each), and whether it holds any,
    /// into `scratch`.
    fn hits_into(
        &self,
        text: &str,
        spans: &[crate::finding::Span],
        kept: Option<(&mut Kept, &Mutex<Seen>)>,
        scratch: &mut Scratch,
    ) {
        let w = self.width;
        {
            let Scratch { hits, touched } = &mut *scratch;
            hits.clear();
            hits.resize(spans.len() * w, 0);
            touched.clear();
            touched.resize(spans.len(), false);
        }
        match kept {
            Some((kept, other)) if !self.loose_in_runs => {
                self.hits_kept(text, spans, kept, other, scratch)
            }
            kept => self.hits_walked(text, spans, kept, scratch),
        }
    }

    /// [`Prefilter::hits_into`] with a table of kept runs and no loose word that starts inside
    /// a run, span by span, each word in the span it starts in (as [`Prefilter::hits_walked`]
    /// does): a span's bytes are read from its start, so a run that starts before the span is
    /// read from there, as a run of its own (the words inside it that start in the span are
    /// those of that part); a run inside the span, of at most [`KEEP_RUN`] bytes, is looked up
    /// by its text, and a longer one or one that runs past the span's end is walked from each of
    /// its bytes inside the span (the spans after it read the rest).
    fn hits_kept(
        &self,
        text: &str,
        spans: &[crate::finding::Span],
        kept: &mut Kept,
        other: &Mutex<Seen>,
        scratch: &mut Scratch,
    ) {
        let w = self.width;
        let Scratch { hits, touched } = scratch;
        if kept.slots.is_none() {
            kept.open(self.width);
        }
        let b = text.as_bytes();
        let owner = |id: u32, row: usize| &self.owner[(id as usize * 4 + row) * w..][..w];
        // Four words at a time (`width` is a multiple of four).
        let or = |h: &mut [u64], row: &[u64]| {
            for (h, o) in h
                .as_chunks_mut::<4>()
                .0
                .iter_mut()
                .zip(row.as_chunks::<4>().0)
            {
                for k in 0..4 {
                    h[k] |= o[k];
                }
            }
        };
        for (sp, (h, t)) in spans
            .iter()
            .zip(hits.chunks_exact_mut(w).zip(touched.iter_mut()))
        {
            let end = sp.end.min(b.len());
            let mut i = sp.start;
            let mut any = false;
            while i < end {
                let c = b[i] as usize;
                if !RUN[c] {
                    if self.loose_first[c] {
                        self.loose.walk(b, i, |_, word| {
                            any = true;
                            or(h, owner(self.loose_ids[word as usize], BOTH_EDGES));
                        });
                    }
                    i += 1;
                    continue;
                }
                let s = i;
                i = run_end(b, i + 1);
                if i <= end && i - s <= KEEP_RUN {
                    let at = self.kept(kept, other, b, s, i);
                    if at != NO_LISTS {
                        any = true;
                        or(h, &kept.bits[at as usize..at as usize + w]);
                    }
                } else {
                    // The run's part inside the span: a word that reaches the span's end ends
                    // at an edge of its sentence.
                    let hi = i.min(end);
                    for j in (s..hi).filter(|&j| self.may_start(b, s, j)) {
                        self.runs.walk(b, j, |e, word| {
                            any = true;
                            let row = edges(b, s, j, e, hi);
                            or(h, owner(self.run_ids[word as usize], row));
                        });
                    }
                }
            }
            *t |= any;
        }
    }

    /// [`Prefilter::hits_into`] run by run over the whole text, each run's span found as it
    /// goes (any table, or none: every run walked).
    fn hits_walked(
        &self,
        text: &str,
        spans: &[crate::finding::Span],
        mut kept: Option<(&mut Kept, &Mutex<Seen>)>,
        scratch: &mut Scratch,
    ) {
        let w = self.width;
        let Scratch { hits, touched } = scratch;
        if let Some((kept, _)) = &mut kept {
            if kept.slots.is_none() {
                kept.open(w);
            }
        }
        // The span of a match that starts at `at`, if any. Matches come in order of their
        // starts but for those of loose words inside a run: move the index back or forth.
        let mut k = 0usize;
        let mut span_of = |at: usize| {
            while k > 0 && spans[k - 1].end > at {
                k -= 1;
            }
            while spans.get(k).is_some_and(|s| s.end <= at) {
                k += 1;
            }
            spans.get(k).is_some_and(|s| s.start <= at).then_some(k)
        };
        let mut add = |k: usize, row: &[u64]| {
            touched[k] = true;
            for (h, o) in hits[k * w..(k + 1) * w].iter_mut().zip(row) {
                *h |= o;
            }
        };
        let owner = |id: u32, row: usize| &self.owner[(id as usize * 4 + row) * w..][..w];
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i] as usize;
            if !RUN[c] {
                if self.loose_first[c] {
                    if let Some(k) = span_of(i) {
                        self.loose.walk(b, i, |_, word| {
                            add(k, owner(self.loose_ids[word as usize], BOTH_EDGES))
                        });
                    }
                }
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && RUN[b[i] as usize] {
                i += 1;
            }
            // Loose words that start inside the run (none in today's lists).
            if self.loose_in_runs {
                for j in s..i {
                    if self.loose_first[b[j] as usize] {
                        if let Some(k) = span_of(j) {
                            self.loose.walk(b, j, |_, word| {
                                add(k, owner(self.loose_ids[word as usize], BOTH_EDGES))
                            });
                        }
                    }
                }
            }
            let Some(k) = span_of(s) else {
                // Past the spans, or between two: walked, for the part inside one.
                for j in s..i {
                    if let Some(k) =
                        span_of(j).filter(|&k| self.may_start(b, s.max(spans[k].start), j))
                    {
                        self.runs.walk(b, j, |e, word| {
                            // Edges within the run's part inside the span.
                            let row = edges(b, s.max(spans[k].start), j, e, i.min(spans[k].end));
                            add(k, owner(self.run_ids[word as usize], row))
                        });
                    }
                }
                continue;
            };
            match &mut kept {
                Some((kept, other)) if i <= spans[k].end && i - s <= KEEP_RUN => {
                    let at = self.kept(kept, other, b, s, i);
                    if at != NO_LISTS {
                        add(k, &kept.bits[at as usize..at as usize + w]);
                    }
                }
                _ => {
                    for j in s..i {
                        if let Some(k) =
                            span_of(j).filter(|&k| self.may_start(b, s.max(spans[k].start), j))
                        {
                            self.runs.walk(b, j, |e, word| {
                                // Edges within the run's part inside the span.
                                let row =
                                    edges(b, s.max(spans[k].start), j, e, i.min(spans[k].end));
                                add(k, owner(self.run_ids[word as usize], row))
                            });
                        }
                    }
                }
            }
        }
    }

    /// Where the lists the run `b[s..e]` (of [`RUN`] bytes) holds a word of start in
    /// `kept.bits`, or [`NO_LISTS`]: kept from an earlier run of the same text (ASCII case
    /// folded), or walked now.
    #[inline(always)]
    fn kept(&self, kept: &mut Kept, other: &Mutex<Seen>, b: &[u8], s: usize, e: usize) -> u32 {
        let key = key_of(b, s, e);
        let len = (e - s) as u32;
        let h = hash_of(&key);
        match kept.probe(&key, len, h) {
            Ok(at) => at,
            Err(i) => self.kept_miss(kept, other, &b[s..e], key, h, i),
        }
    }

    /// [`Prefilter::kept`] of a run its table has not seen: copied from the other table or
    /// walked, and kept in free slot `i`.
    #[inline(never)]
    fn kept_miss(
        &self,
        kept: &mut Kept,
        other: &Mutex<Seen>,
        run: &[u8],
        key: [u64; KEEP_RUN / 8],
        h: u64,
        mut i: usize,
    ) -> u32 {
        let len = run.len() as u32;
        if kept.entries.len() >= KEEP_RUNS {
            if let Some(slots) = &mut kept.slots {
                slots.fill(0);
            }
            kept.entries.clear();
            kept.bits.clear();
            i = (h >> 32) as usize & (SLOTS - 1);
        }
        let w = self.width;
        let at = kept.bits.len();
        kept.bits.resize(at + w, 0);
        let mut any = false;
        let row = &mut kept.bits[at..at + w];
        // The other table's lists for the run, if it is free and has them; else a walk.
        let copied = other.try_lock().ok().and_then(|o| {
            let o = &o.kept;
            let found = o.probe(&key, len, h).ok()?;
            if found != NO_LISTS {
                row.copy_from_slice(&o.bits[found as usize..found as usize + w]);
                any = true;
            }
            Some(())
        });
        if copied.is_none() {
            for j in (0..run.len()).filter(|&j| self.may_start(run, 0, j)) {
                self.runs.walk(run, j, |e, word| {
                    any = true;
                    let r = edges(run, 0, j, e, run.len());
                    let o = &self.owner[(self.run_ids[word as usize] as usize * 4 + r) * w..][..w];
                    for (h, o) in row.iter_mut().zip(o) {
                        *h |= o;
                    }
                });
            }
        }
        let at = if any {
            at as u32
        } else {
            kept.bits.truncate(at);
            NO_LISTS
        };
        kept.entries.push((key, len, at));
        if let Some(slots) = &mut kept.slots {
            slots[i] = kept.entries.len() as u32;
        }
        at
    }

    /// Per span, the lists it holds a word of (`width` words each), and whether it holds any.
    #[cfg(test)]
    fn hits(&self, text: &str, spans: &[crate::finding::Span]) -> (Vec<u64>, Vec<bool>) {
        let mut s = Scratch::default();
        self.hits_into(text, spans, None, &mut s);
        (s.hits, s.touched)
    }

    /// Whether `mask` opens any alternative of pattern `p` or of a pattern after it.
    pub fn any_from(&self, mask: u128, p: usize) -> bool {
        self.first
            .get(p)
            .is_some_and(|&from| from < 128 && mask >> from != 0)
    }

    /// The open alternatives of pattern `p` in `mask`, bit `i` for its alternative `i`.
    pub fn of(&self, mask: u128, p: usize) -> u64 {
        let from = self.first[p];
        let to = self.first.get(p + 1).copied().unwrap_or(128);
        let width = to - from;
        let bits = mask >> from;
        if width >= 64 {
            bits as u64
        } else {
            (bits as u64) & ((1u64 << width) - 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Span;
    use proptest::prelude::*;

    /// The masks as one trie of every word, walked from every byte, finds them.
    fn reference(p: &super::Prefilter, text: &str, spans: &[Span]) -> Vec<u128> {
        static TRIE: std::sync::OnceLock<crate::rules::automaton::Trie> =
            std::sync::OnceLock::new();
        let trie = TRIE.get_or_init(|| crate::rules::automaton::Trie::new(&p.words));
        let hits = reference_hits(p, trie, text, spans);
        let w = p.width;
        (0..spans.len())
            .map(|k| {
                let h = &hits[k * w..(k + 1) * w];
                let mut m = p.always;
                for (bit, set) in &p.need {
                    if set.iter().zip(h).all(|(n, h)| n & h == *n) {
                        m |= bit;
                    }
                }
                m
            })
            .collect()
    }

    /// The lists each span holds a word of, by one trie of every word walked from every byte,
    /// each word at the edges it has in its span.
    /// `trie`: one of `p.words`.
    fn reference_hits(
        p: &super::Prefilter,
        trie: &crate::rules::automaton::Trie,
        text: &str,
        spans: &[Span],
    ) -> Vec<u64> {
        let w = p.width;
        let mut hits = vec![0u64; spans.len() * w];
        let b = text.as_bytes();
        trie.overlapping(text, |at, end, id| {
            if let Some(k) = spans.iter().position(|s| s.start <= at && at < s.end) {
                // A word of run bytes at the edges it has in its span; a loose word at both.
                let run = p.words[id].bytes().all(|c| super::RUN[c as usize]);
                let (s, e) = (spans[k].start, spans[k].end);
                let left = at == s || !b[at - 1].is_ascii_alphanumeric();
                let right = end >= e || !b[end].is_ascii_alphanumeric();
                let row = if run {
                    left as usize | (right as usize) << 1
                } else {
                    3
                };
                let o = &p.owner[(id * 4 + row) * w..];
                for (h, o) in hits[k * w..(k + 1) * w].iter_mut().zip(o) {
                    *h |= o;
                }
            }
        });
        hits
    }

    /// Every span of a few texts, each the only span searched, in runs cut anywhere (words at a
    /// cut, runs longer than a kept one, words inside words and beside marks): the lists a
    /// kept-run search and a walk of every run find are the reference's.
    #[test]
    fn every_span_holds_the_words_at_their_edges() {
        use super::super::alternatives::Alternatives;
        use super::{Kept, Scratch, Seen};
        use std::sync::Mutex;
        let long = "a".repeat(36);
        // Today's patterns, and two whose words count inside words too ("xalpha", "betas").
        let t: super::super::lists::Slots = [
            ("a".to_string(), vec!["alpha".to_string()]),
            (
                "b".to_string(),
                vec!["beta".to_string(), "said".to_string()],
            ),
        ]
        .into_iter()
        .collect();
        let own = [
            Alternatives::new(r"(?i)x{a}\b|\b{b}s", &[&t]),
            Alternatives::new(r"\b{a}\s+{b}\b", &[&t]),
        ];
        let made = super::Prefilter::new(&[&own[0], &own[1]]);
        assert!(made.inner_first[b'a' as usize] && made.inner_first[b'A' as usize]);
        assert!(!made.inner_first[b'b' as usize]);
        let texts = [
            format!("{long}said{long} it is said, un-said"),
            "It is widely believed critics-say thisis'said".to_string(),
            format!("x{long}reportedly{long}reportedly7"),
            format!("xalpha betas-alphabeta {long}alpha{long}xalpha said"),
        ];
        for (p, text) in [&*super::super::facts::PREFILTER, &made]
            .into_iter()
            .flat_map(|p| texts.iter().map(move |t| (p, t)))
        {
            let trie = crate::rules::automaton::Trie::new(&p.words);
            let idle = Mutex::new(Seen::default());
            let mut kept = Kept::default();
            for from in 0..text.len() {
                for to in from + 1..=text.len() {
                    let spans = [Span::new(from, to)];
                    let want = reference_hits(p, &trie, text, &spans);
                    let mut got = Scratch::default();
                    p.hits_into(text, &spans, Some((&mut kept, &idle)), &mut got);
                    assert_eq!(got.hits, want, "kept, {from}..{to} of {text:?}");
                    assert_eq!(
                        p.hits(text, &spans).0,
                        want,
                        "walked, {from}..{to} of {text:?}"
                    );
                }
            }
        }
    }

    /// Words with and without lists, in several cases, and runs that hold a word inside them.
    const WORDS: &[&str] = &[
        "said",
        "Said",
        "SAID",
        "officials",
        "expected",
        "per",
        "cent",
        "un-said",
        "believed",
        "7",
        "according",
        "to",
        "sources",
        "widely",
        "x",
        "can't",
        "analysts",
        "unexpectedly",
        "Expected",
        "harbour",
    ];

    /// The cuts that fall inside `text` on a character boundary, with its two ends, in order
    /// and once each: the bounds of the sentences a proptest cuts `text` into.
    fn bounds(text: &str, cuts: Vec<usize>) -> Vec<usize> {
        let mut cuts: Vec<usize> = cuts
            .into_iter()
            .map(|c| c.min(text.len()))
            .filter(|&c| text.is_char_boundary(c))
            .chain([0, text.len()])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }

    /// Pieces that make and unmake the patterns' matches: phrases that match, the words they
    /// need, words that hold those words inside them, and the bytes that stand around words.
    const PIECES: &[&str] = &[
        "It is said",
        "it was widely believed",
        "It has been reported",
        "It",
        "it",
        "is",
        "was",
        "this",
        "This",
        "Tis",
        "his",
        " said",
        " believed",
        " are said to",
        " is thought to",
        "are",
        "said",
        "to",
        "critics say",
        "Critics",
        "many",
        "believe",
        "reportedly",
        "polls show",
        "analysts",
        "12 people were killed",
        "killed",
        "people",
        "were",
        "3 in 10",
        "in",
        "of",
        "every",
        "will",
        "is expected to",
        "expected",
        "was accused",
        "accused",
        "control",
        "according to",
        "sources",
        "un",
        "-",
        "'",
        "é",
        "_",
        " ",
        " ",
        " ",
        ",",
        ".",
        "x",
        "7",
        "%",
        "s",
        "ly",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// No match is lost: wherever an alternative of a pattern matches in a sentence, as the
        /// vague patterns search it (the text before counts for `\b`) and as the claim
        /// patterns do (the sentence alone), its bit is set. Sentences cut anywhere, words
        /// inside words and next to marks, at the required words' edges and not.
        #[test]
        fn every_match_is_in_an_open_alternative(
            parts in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(PIECES).prop_map(str::to_string),
                    proptest::sample::select(super::super::facts::PREFILTER.words.clone()),
                ],
                0..24,
            ),
            cuts in proptest::collection::vec(0usize..200, 0..4),
        ) {
            let p = &*super::super::facts::PREFILTER;
            let text: String = parts.concat();
            let cuts = bounds(&text, cuts);
            let spans: Vec<Span> = cuts.windows(2).map(|w| Span::new(w[0], w[1])).collect();
            let masks = p.masks(&text, &spans);
            let mut pats = super::super::claims::patterns().to_vec();
            pats.extend(super::super::vague::patterns());
            for (s, &mask) in spans.iter().zip(&masks) {
                for (q, pat) in pats.iter().enumerate() {
                    let open = p.of(mask, q);
                    for bi in 0..pat.branches().len() {
                        let vague = pat.find_from(&text[..s.end], s.start, 1 << bi).next().map(|(_, m)| m);
                        let claim = pat.find_iter(&text[s.range()], 1 << bi).next();
                        prop_assert!(
                            (vague.is_none() && claim.is_none()) || open >> bi & 1 == 1,
                            "pattern {} branch {} matches {:?} in {:?} (of {:?})",
                            q, bi, vague.or(claim).map(|m| m.as_str()), &text[s.range()], text
                        );
                    }
                }
            }
        }
    }

    proptest! {
        /// Kept runs, walked runs, runs across sentences and marks between them: the same masks
        /// as walking every word from every byte, whatever was kept before.
        #[test]
        fn masks_match_walking_every_word_from_every_byte(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("said"), Just("Said"), Just("SAID"), Just("officials"), Just("expected"),
                    Just("per"), Just("cent"), Just("%"), Just(","), Just("."), Just(" "),
                    Just("un"), Just("'"), Just("-"), Just("can't"), Just("believed"), Just("7"),
                    Just("é"), Just("”"), Just("according"), Just("to"), Just("sources"),
                    Just("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), Just("widely"), Just("x"),
                ],
                0..60,
            ),
            cuts in proptest::collection::vec(0usize..400, 0..6),
        ) {
            let p = &*super::super::facts::PREFILTER;
            let text: String = parts.concat();
            let cuts = bounds(&text, cuts);
            // Sentences between every other pair of cuts: some text lies outside every span.
            let spans: Vec<Span> = cuts
                .windows(2)
                .enumerate()
                .filter(|(i, _)| i % 3 != 2)
                .map(|(_, w)| Span::new(w[0], w[1]))
                .collect();
            let want = reference(p, &text, &spans);
            prop_assert_eq!(p.masks(&text, &spans), want.clone());
            // Again, from what the first search kept.
            prop_assert_eq!(p.masks(&text, &spans), want);
        }

        /// Runs whose lists are copied from the other thread's table hold the lists a walk
        /// finds: a table filled from one text, then another table filled from a second text
        /// with the first as the other table, and the second text's hits match a walk of
        /// every run.
        #[test]
        fn lists_copied_from_the_other_table_are_the_walked_lists(
            first in proptest::collection::vec(proptest::sample::select(WORDS), 0..40),
            second in proptest::collection::vec(proptest::sample::select(WORDS), 0..40),
        ) {
            use super::{Kept, Scratch, Seen};
            use std::sync::Mutex;
            let p = &*super::super::facts::PREFILTER;
            let whole = |t: &str| vec![Span::new(0, t.len())];
            let (first, second) = (first.join(" "), second.join(" "));
            let idle = Mutex::new(Seen::default());
            let mut a = Kept::default();
            p.hits_into(&first, &whole(&first), Some((&mut a, &idle)), &mut Scratch::default());
            let other = Mutex::new(Seen { kept: a, scratch: Scratch::default() });
            let mut b = Kept::default();
            let mut got = Scratch::default();
            p.hits_into(&second, &whole(&second), Some((&mut b, &other)), &mut got);
            let (hits, touched) = p.hits(&second, &whole(&second));
            prop_assert_eq!(got.hits, hits);
            prop_assert_eq!(got.touched, touched);
        }

        /// The groups of each match of the open branches, read on the match found
        /// (`Alternatives::captures_from`), are those a capture search from its start reads
        /// (`Branch::captures_at`, the old way), in any run of the pieces and the prefilter's
        /// words, from any start.
        #[test]
        fn captures_of_a_found_match_are_those_searched_again(
            parts in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(PIECES).prop_map(str::to_string),
                    proptest::sample::select(super::super::facts::PREFILTER.words.clone()),
                ],
                0..24,
            ),
            start in 0usize..200,
        ) {
            let text: String = parts.concat();
            let mut start = start.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let fits = crate::narrow::fits_from(&text, start);
            let mut pats = super::super::claims::patterns().to_vec();
            pats.extend(super::super::vague::patterns());
            for pat in &pats {
                let all = u64::MAX >> (64 - pat.branches().len().min(64));
                let found: Vec<_> = pat.find_from(&text, start, all).collect();
                let caps: Vec<_> = pat.captures_from(&text, start, all).collect();
                prop_assert_eq!(found.len(), caps.len());
                for ((i, m), got) in found.into_iter().zip(caps) {
                    let want = pat.branches()[i]
                        .captures_at(&text, m.start(), fits)
                        .expect("the branch matches where it was found");
                    let names = want.group_numbers();
                    prop_assert_eq!(got.group_numbers(), names.clone());
                    for g in 0..64 {
                        prop_assert_eq!(
                            got.get(g).map(|m| m.range()),
                            want.get(g).map(|m| m.range()),
                            "{} group {}", pat.branches()[i].source(), g
                        );
                    }
                }
            }
        }

        /// `any_from` is "some pattern from `p` on has an open alternative".
        #[test]
        fn any_from_is_an_open_alternative_of_a_pattern_from_there_on(
            lo in any::<u64>(),
            hi in any::<u64>(),
            bit in 0u32..128,
            p in 0usize..20,
        ) {
            let pf = &*super::super::facts::PREFILTER;
            let n = pf.first.len();
            for mask in [(hi as u128) << 64 | lo as u128, 1u128 << bit, 0] {
                let want = (p..n).any(|q| pf.of(mask, q) != 0);
                prop_assert_eq!(pf.any_from(mask, p), want);
            }
        }
    }

    #[test]
    fn masks_open_the_alternatives_whose_every_list_is_hit() {
        let p = &*super::super::facts::PREFILTER;
        let text = "Officials said the storm killed at least 12 people. Some critics believe the \
            plan will fail, it is widely believed. Many analysts expect prices to rise by 5 \
            percent. The mayor is expected to resign. Nothing here.";
        let mut spans = Vec::new();
        let mut from = 0;
        for (i, _) in text.match_indices(". ") {
            spans.push(Span::new(from, i + 1));
            from = i + 2;
        }
        spans.push(Span::new(from, text.len()));
        let (hits, touched) = p.hits(text, &spans);
        let masks = p.masks(text, &spans);
        let w = p.width;
        for (k, &m) in masks.iter().enumerate() {
            // Every alternative, each tested in full.
            let h = &hits[k * w..(k + 1) * w];
            let mut expected = p.always;
            if touched[k] {
                for (bit, set) in &p.need {
                    if set.iter().zip(h).all(|(n, h)| n & h == *n) {
                        expected |= bit;
                    }
                }
            }
            assert_eq!(m, expected, "sentence {k}");
        }
        assert!(
            masks.iter().any(|&m| m != p.always),
            "some alternative opens"
        );
    }
}
