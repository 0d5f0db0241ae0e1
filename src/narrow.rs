//! Regexes compiled for the characters a story uses.
//!
//! The attribution patterns are long alternations in Unicode mode: `\w`, `\s` and `\d` stand for
//! hundreds of ranges of code points, and `(?i)` folds every class and letter over all of Unicode.
//! Compiling that costs millions of instructions per pattern, most of it for scripts news copy in
//! English never uses. Almost every story is written in [`NARROW`]: ASCII, the Latin letters with
//! their combining accents, general punctuation (curly quotes, dashes) and currency signs.
//!
//! A [`Tiered`] regex keeps its sources and compiles, on first use, one of two regexes:
//! - the narrow one, in which every class (after case folding) is intersected with [`NARROW`],
//!   used on a haystack whose characters all lie in [`NARROW`];
//! - the full one, the sources as written, used on any other haystack.
//!
//! On a haystack made only of characters in [`NARROW`] both give the same matches, capture groups
//! and pattern ids: a class (or a case-folded letter) is tested only against the haystack's
//! characters, and for a character `c` in [`NARROW`], `c` is in `C` exactly when it is in
//! `C ∩ NARROW`. Nothing else changes: the same alternatives in the same order, the same
//! repetitions, captures and look-around assertions (a Unicode `\b` still tests Unicode word
//! characters, which are only read from the haystack). A class left empty matches nothing, as
//! its characters could not occur.
//!
//! Before parsing, the Perl classes `\w`, `\s` and `\d` are written out as their [`NARROW`]
//! ranges (see [`narrow_source`]), which also spares the parser folding them over all of Unicode.
//! This is exact because these classes are closed under case folding: folding `\w ∩ NARROW` and
//! intersecting again with [`NARROW`] gives `\w ∩ NARROW`.

use regex_automata::dfa::{dense, sparse, Automaton};
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::{self, pikevm, pikevm::PikeVM};
use regex_automata::util::captures::{Captures, GroupInfo};
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::Pool;
use regex_automata::util::primitives::{NonMaxUsize, StateID};
use regex_automata::util::start;
use regex_automata::{Anchored, Input, PatternID};
use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

mod hir;
mod nfa_words;
pub use hir::{narrow_source, NARROW};

thread_local! {
    /// The byte range (start and end addresses) of a text known to fit while a [`FitsScope`]
    /// on it lives on this thread; (0, 0) for none.
    static KNOWN: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// Whether `hay` lies inside the text of the live [`FitsScope`] (which fits).
fn known(hay: &str) -> bool {
    let (a, z) = KNOWN.get();
    let p = hay.as_ptr() as usize;
    a < z && a <= p && p + hay.len() <= z
}

/// Whether every character of `hay` is in [`NARROW`] (see [`hir::fits`]); a slice of the text of
/// a live [`FitsScope`] is answered without a scan.
pub fn fits(hay: &str) -> bool {
    known(hay) || hir::fits(hay)
}

/// Whether a search of `hay` from byte `at` on reads only characters in [`NARROW`] (see
/// [`hir::fits_from`]).
pub fn fits_from(hay: &str, at: usize) -> bool {
    known(hay) || hir::fits_from(hay, at)
}

/// While it lives, [`fits`] answers for any slice of one text that fits without scanning it
/// again: a story's prose is checked once, not once per sentence by every caller. The borrow
/// keeps the text alive and unchanged, so an address inside it is a slice of it. Not `Send`: the
/// range is the current thread's.
pub struct FitsScope<'a> {
    prev: (usize, usize),
    fits: bool,
    _text: PhantomData<(&'a str, *const ())>,
}

impl<'a> FitsScope<'a> {
    /// A scope on `text`, scanned once.
    pub fn new(text: &'a str) -> FitsScope<'a> {
        FitsScope::known(text, hir::fits(text))
    }

    /// A scope on `text` whose [`fits`] answer is already known (`fits`).
    pub fn known(text: &'a str, fits: bool) -> FitsScope<'a> {
        let prev = KNOWN.get();
        if fits {
            let a = text.as_ptr() as usize;
            KNOWN.set((a, a + text.len()));
        }
        FitsScope {
            prev,
            fits,
            _text: PhantomData,
        }
    }

    /// Whether the scope's text fits.
    pub fn fits(&self) -> bool {
        self.fits
    }
}

impl Drop for FitsScope<'_> {
    fn drop(&mut self) {
        KNOWN.set(self.prev);
    }
}

/// A match in a haystack: its byte range and text (as `regex::Match`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn new(hay: &'h str, start: usize, end: usize) -> Match<'h> {
        Match { hay, start, end }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

/// The capture groups of one match (as `regex::Captures`).
pub struct Caps<'h> {
    hay: &'h str,
    caps: Captures,
}

impl<'h> Caps<'h> {
    pub fn new(hay: &'h str, caps: Captures) -> Caps<'h> {
        Caps { hay, caps }
    }

    /// Group `i` (0: the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps
            .get_group(i)
            .map(|s| Match::new(self.hay, s.start, s.end))
    }

    /// The named group, if the pattern has it and it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps
            .get_group_by_name(name)
            .map(|s| Match::new(self.hay, s.start, s.end))
    }

    /// The number of each named group of the matched pattern, by name ([`Caps::get`] of the
    /// number is [`Caps::name`] of the name).
    pub fn group_numbers(&self) -> rustc_hash::FxHashMap<String, usize> {
        let pid = self.caps.pattern().unwrap_or(PatternID::ZERO);
        self.caps
            .group_info()
            .pattern_names(pid)
            .enumerate()
            .filter_map(|(i, n)| Some((n?.to_string(), i)))
            .collect()
    }
}

impl<'h> std::ops::Index<usize> for Caps<'h> {
    type Output = str;

    /// The text of group `i`; panics when it did not take part in the match (as `regex`).
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group at index '{i}'"))
    }
}

/// One pattern with the `regex` crate's semantics and defaults, compiled per tier on first use.
pub fn regex(source: String) -> Tiered {
    Tiered::new(vec![source], meta::Config::new())
}

/// As [`regex`], for a pattern run on every paragraph of a story, which reads at most
/// [`PARA_READ`] bytes with its automaton before it is compiled.
pub fn para_regex(source: String) -> Tiered {
    let mut t = regex(source);
    t.auto_read = PARA_READ;
    t
}

/// The automata `build.rs` compiled ahead of time (see [`Auto`]).
mod embedded {
    /// Bytes aligned for the automata read from them.
    #[repr(C, align(8))]
    pub struct Aligned<T: ?Sized>(pub T);

    include!(concat!(env!("OUT_DIR"), "/automata.rs"));
}

/// The key of a list of sources in the embedded table: the sources joined by a NUL.
fn key_of(sources: &[String]) -> String {
    sources.join("\0")
}

/// A narrow regex compiled at build time: a DFA, anchored, leftmost-first, forward only.
///
/// A search tries each character boundary in turn and runs the DFA anchored there; the first
/// start with a match gives the leftmost-first match with its end, as the unanchored regex would
/// find it. A table of the bytes that can begin a match (per byte before it, which fixes the
/// start state) skips most starts with one lookup. The DFA answers what it can: it stops (and the
/// search falls back to the regex compiled at run time, which gives the same result) on a byte it
/// cannot handle (a non-ASCII byte under a Unicode `\b`) or after reading more than a few times
/// the haystack, so a search stays linear.
struct Auto {
    /// Its entry in the embedded tables.
    index: usize,
    dfa: Dfa,
    /// Per byte before a start (index 0: the text's start), the offset in `ok` of its table
    /// (256 times its index in `starts`), or of the table for a computed start state (any
    /// character may begin a match; the start state is computed).
    before: [u32; 257],
    /// 256 bytes per table (the embedded ones, then the one for a computed start): 1 when a
    /// match may begin with that byte. A UTF-8 continuation byte begins none (it is no character
    /// boundary), so the scan skips it with the same lookup.
    ok: Vec<u8>,
    /// The start state of each embedded table.
    starts: Vec<StateID>,
    /// No match can begin after a byte, only at the start of the text (a pattern opening on
    /// `^`): a search tries its first position alone.
    only_first: bool,
    /// When at most three bytes can begin a match whatever comes before (a pattern that opens
    /// on a quotation mark or a rare letter): those bytes (repeated to fill three), so the scan
    /// jumps from one to the next with `memchr3` instead of looking every byte up.
    rare: Option<[u8; 3]>,
    /// The DFA's class of each byte, and how many classes.
    classes: &'static [u8],
    nclasses: usize,
    /// Per embedded table (`pair_len` bytes each), a bit per pair of classes (first major): set
    /// when a match may begin with a byte of the first class then one of the second. A start
    /// that passes `ok` but not this is dead after two bytes: the scan skips it without
    /// running the DFA.
    pairs: &'static [u8],
    pair_len: usize,
    /// Per embedded table ([`hir::QUAD_BITS`] bits each), the same for the first four bytes,
    /// hashed ([`hir::quad_bit`] of their classes): a start that passes `pairs` but not this
    /// is dead after four bytes. Empty: no test (the tests' old search).
    quads: &'static [u8],
    /// The skip over starts sixteen at a time, when the processor has the shuffles it needs.
    skip: Option<Box<Skip>>,
    /// The unanchored forward DFA and the reverse DFA `build.rs` compiled (see [`Auto::search`]),
    /// used for an unanchored search where a match may begin at many starts.
    fr: Option<Box<FwdRev>>,
}

/// A forward DFA that finds where the leftmost-first match ends, reading each byte once, and a
/// reverse DFA that finds where it starts, as `regex_automata::dfa::regex::Regex` searches.
type FwdRev = regex_automata::dfa::regex::Regex<dense::DFA<&'static [u32]>>;

/// A skip over the starts where no match can begin, sixteen at a time: a start can be one only
/// when the byte before it picks a table (see [`Auto::before`]) in which the byte there may
/// begin a match. Per table, the bytes that pick it and the bytes it lets begin one are byte
/// sets, each tested on sixteen bytes at once by two nibble-indexed shuffles (a set's bit for
/// a byte lives in the row of its low nibble, at the bit of its high nibble). Exact: a start it
/// passes over is one the byte-at-a-time scan skips too.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
struct Skip {
    /// Per table that lets a match begin after some byte: the nibble rows of the bytes that
    /// pick it (none for the last when the tables before it are all the others: every byte
    /// they do not pick), then of the bytes it lets a match begin with.
    sets: [[[u8; 16]; 4]; 3],
    n: usize,
    /// Whether the last table's bytes before are all those the others' are not.
    rest: bool,
    /// Whether the processor has AVX2: the skip then passes over thirty-two starts at a time.
    avx2: bool,
}

#[cfg(not(target_arch = "x86_64"))]
#[derive(Clone, Copy)]
struct Skip;

#[cfg(target_arch = "x86_64")]
impl Skip {
    /// The skip for the tables of `before` (offsets into `ok`, per byte before a start, index 0
    /// the text's start, which the skip never reads), if the processor has SSSE3 and at most
    /// three tables let a match begin.
    fn new(before: &[u32; 257], ok: &[u8]) -> Option<Skip> {
        if !std::arch::is_x86_feature_detected!("ssse3") {
            return None;
        }
        // The tables picked after some byte, each with how many bytes pick it (offsets are
        // multiples of 256 below `ok.len()`).
        let mut picks = vec![0usize; ok.len() / 256];
        for &t in &before[1..] {
            picks[t as usize / 256] += 1;
        }
        let begins = |t: usize| ok[t * 256..t * 256 + 256].iter().any(|&x| x != 0);
        let tables = picks.iter().filter(|&&n| n > 0).count();
        let mut live: Vec<usize> = (0..picks.len())
            .filter(|&t| picks[t] > 0 && begins(t))
            .collect();
        if live.len() > 3 {
            return None;
        }
        // The last table tests its bytes before by elimination when every table lets a match
        // begin; put the one most bytes pick there.
        let rest = live.len() == tables && !live.is_empty();
        if rest {
            live.sort_by_key(|&t| picks[t]);
        }
        let mut sets = [[[0u8; 16]; 4]; 3];
        let mut set_bit = |k: usize, row: usize, c: usize| {
            let (hi, lo) = (c >> 4, c & 15);
            sets[k][row + hi / 8][lo] |= 1 << (hi % 8);
        };
        // Each byte before in the rows of the table it picks (none for the last under `rest`),
        // then each table's bytes that may begin a match (few: whole zero words skipped).
        let mut of = vec![usize::MAX; picks.len()];
        for (k, &t) in live.iter().enumerate() {
            of[t] = k;
        }
        let explicit = if rest { live.len() - 1 } else { live.len() };
        for c in 0..256 {
            let k = of[before[c + 1] as usize / 256];
            if k < explicit {
                set_bit(k, 0, c);
            }
        }
        for (k, &t) in live.iter().enumerate() {
            for (w, chunk) in ok[t * 256..t * 256 + 256].chunks_exact(8).enumerate() {
                if chunk.iter().all(|&x| x == 0) {
                    continue;
                }
                for (i, _) in chunk.iter().enumerate().filter(|(_, &x)| x != 0) {
                    set_bit(k, 2, w * 8 + i);
                }
            }
        }
        Some(Skip {
            sets,
            n: live.len(),
            rest,
            avx2: std::arch::is_x86_feature_detected!("avx2"),
        })
    }

    /// As [`Skip::run`], thirty-two starts at a time: the first start at or after `p` (at
    /// least 1) where the single-byte scan stops, or the first from which fewer than
    /// thirty-two bytes are left.
    #[cfg(test)]
    #[target_feature(enable = "avx2")]
    unsafe fn run32(&self, scan: &[u8], mut p: usize) -> usize {
        let regs = self.regs32();
        while p + 32 <= scan.len() {
            let m = Skip::block32(&regs, scan, p);
            if m != 0 {
                return p + m.trailing_zeros() as usize;
            }
            p += 32;
        }
        p
    }

    /// The sets of [`Skip::block32`] loaded into registers (each row in both lanes), once per
    /// search. Only inlined into a function compiled for AVX2.
    #[inline(always)]
    unsafe fn regs32(&self) -> Regs32 {
        use std::arch::x86_64::*;
        let row = |r: &[u8; 16]| _mm256_broadcastsi128_si256(_mm_loadu_si128(r.as_ptr().cast()));
        // Each set written out: `std::array::from_fn` is not compiled for AVX2, so whether the
        // closure it calls is inlined varies from build to build; in one build it was not, and
        // the loads cost a call each (some 400 instructions per search, 5.9 M on a megabyte of
        // wire copy).
        let set = |k: usize| {
            let s = &self.sets[k];
            [row(&s[0]), row(&s[1]), row(&s[2]), row(&s[3])]
        };
        Regs32 {
            sets: [set(0), set(1), set(2)],
            n: self.n,
            rest: self.rest,
        }
    }

    /// [`Skip::block`] for the thirty-two starts from `p`: the shuffles look up within each
    /// 128-bit lane, and every row is in both. Only inlined into a function compiled for AVX2,
    /// with `1 <= p` and `p + 32 <= scan.len()`.
    #[inline(always)]
    unsafe fn block32(regs: &Regs32, scan: &[u8], p: usize) -> u32 {
        use std::arch::x86_64::*;
        debug_assert!(p >= 1 && p + 32 <= scan.len());
        let bits = _mm256_broadcastsi128_si256(_mm_setr_epi8(
            1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128,
        ));
        let low = _mm256_set1_epi8(0x0F);
        let top = _mm256_set1_epi8(i8::MIN);
        let zero = _mm256_setzero_si256();
        let prep = |v: __m256i| {
            let nib = _mm256_and_si256(_mm256_srli_epi16::<4>(v), low);
            (v, _mm256_xor_si256(v, top), _mm256_shuffle_epi8(bits, nib))
        };
        let has = |(v, flipped, bit): (__m256i, __m256i, __m256i), lo, hi| {
            let row = _mm256_or_si256(_mm256_shuffle_epi8(lo, v), _mm256_shuffle_epi8(hi, flipped));
            _mm256_and_si256(row, bit)
        };
        // SAFETY (of both loads): `1 <= p` and `p + 32 <= scan.len()`.
        let cur = prep(_mm256_loadu_si256(scan.as_ptr().add(p).cast()));
        let prev = prep(_mm256_loadu_si256(scan.as_ptr().add(p - 1).cast()));
        let mut none = _mm256_set1_epi8(-1);
        let mut picked = zero;
        for k in 0..3 {
            if k >= regs.n {
                break;
            }
            let s = &regs.sets[k];
            let before = if regs.rest && k + 1 == regs.n {
                _mm256_cmpeq_epi8(picked, zero)
            } else {
                has(prev, s[0], s[1])
            };
            picked = _mm256_or_si256(picked, before);
            let begin = has(cur, s[2], s[3]);
            let neither = _mm256_or_si256(
                _mm256_cmpeq_epi8(before, zero),
                _mm256_cmpeq_epi8(begin, zero),
            );
            none = _mm256_and_si256(none, neither);
        }
        !(_mm256_movemask_epi8(none) as u32)
    }

    /// The first start at or after `p` (at least 1) where the single-byte scan stops, or the
    /// first from which fewer than sixteen bytes are left.
    #[cfg(test)]
    #[target_feature(enable = "ssse3")]
    unsafe fn run(&self, scan: &[u8], mut p: usize) -> usize {
        let regs = self.regs();
        while p + 16 <= scan.len() {
            let m = Skip::block(&regs, scan, p);
            if m != 0 {
                return p + m.trailing_zeros() as usize;
            }
            p += 16;
        }
        p
    }

    /// The sets of [`Skip::block`] loaded into registers, once per search.
    #[inline(always)]
    unsafe fn regs(&self) -> Regs {
        use std::arch::x86_64::*;
        let row = |r: &[u8; 16]| _mm_loadu_si128(r.as_ptr().cast());
        // Written out, as in `regs32`.
        let set = |k: usize| {
            let s = &self.sets[k];
            [row(&s[0]), row(&s[1]), row(&s[2]), row(&s[3])]
        };
        Regs {
            sets: [set(0), set(1), set(2)],
            n: self.n,
            rest: self.rest,
        }
    }

    /// Bit `i` set when the byte-at-a-time scan stops at `p + i` (the byte before it picks a
    /// table in which the byte there may begin a match), for the sixteen starts from `p`.
    /// Only inlined into a function compiled for SSSE3, with `1 <= p` and `p + 16 <= scan.len()`.
    #[inline(always)]
    unsafe fn block(regs: &Regs, scan: &[u8], p: usize) -> u32 {
        use std::arch::x86_64::*;
        debug_assert!(p >= 1 && p + 16 <= scan.len());
        let bits = _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128);
        let low = _mm_set1_epi8(0x0F);
        let top = _mm_set1_epi8(i8::MIN);
        let zero = _mm_setzero_si128();
        // A vector, itself with the top bit flipped, and the bit of its high nibble in a row.
        let prep = |v: __m128i| {
            let nib = _mm_and_si128(_mm_srli_epi16::<4>(v), low);
            (v, _mm_xor_si128(v, top), _mm_shuffle_epi8(bits, nib))
        };
        // Zero where the byte is not in the set of rows `lo` (bytes below 0x80), `hi` (others).
        let has = |(v, flipped, bit): (__m128i, __m128i, __m128i), lo, hi| {
            let row = _mm_or_si128(_mm_shuffle_epi8(lo, v), _mm_shuffle_epi8(hi, flipped));
            _mm_and_si128(row, bit)
        };
        // SAFETY (of both loads): `1 <= p` and `p + 16 <= scan.len()`.
        let cur = prep(_mm_loadu_si128(scan.as_ptr().add(p).cast()));
        let prev = prep(_mm_loadu_si128(scan.as_ptr().add(p - 1).cast()));
        // All ones where no byte before picks a table that lets the byte there begin a match.
        let mut none = _mm_set1_epi8(-1);
        let mut picked = zero;
        for k in 0..3 {
            if k >= regs.n {
                break;
            }
            let s = &regs.sets[k];
            let before = if regs.rest && k + 1 == regs.n {
                // Picked by none of the others: all ones where `picked` is zero.
                _mm_cmpeq_epi8(picked, zero)
            } else {
                has(prev, s[0], s[1])
            };
            picked = _mm_or_si128(picked, before);
            let begin = has(cur, s[2], s[3]);
            let neither = _mm_or_si128(_mm_cmpeq_epi8(before, zero), _mm_cmpeq_epi8(begin, zero));
            none = _mm_and_si128(none, neither);
        }
        !(_mm_movemask_epi8(none) as u32) & 0xFFFF
    }
}

/// [`Skip`]'s sets in 256-bit registers.
#[cfg(target_arch = "x86_64")]
struct Regs32 {
    sets: [[std::arch::x86_64::__m256i; 4]; 3],
    n: usize,
    rest: bool,
}

/// [`Skip`]'s sets in registers.
#[cfg(target_arch = "x86_64")]
struct Regs {
    sets: [[std::arch::x86_64::__m128i; 4]; 3],
    n: usize,
    rest: bool,
}

/// In [`Auto::before`]: no table, the start state is computed for the byte before.
const COMPUTED: u8 = 0xFF;

/// A small DFA is embedded dense, a big one sparse (see `build.rs`).
enum Dfa {
    Dense(dense::DFA<&'static [u32]>),
    Sparse(sparse::DFA<&'static [u8]>),
}

/// The anchored start configuration after byte `lb` (None: the text's start).
fn start_config(lb: Option<u8>) -> start::Config {
    start::Config::new().anchored(Anchored::Yes).look_behind(lb)
}

impl Auto {
    /// The automaton of `sources`, if `build.rs` compiled it and it loads.
    fn load(sources: &[String]) -> Option<Auto> {
        Auto::load_key(&key_of(sources))
    }

    /// The twin of the automaton of `sources` with ASCII word boundaries, if it has Unicode ones
    /// and `build.rs` compiled it: it answers as the automaton on text of [`hir::ascii_words`].
    fn load_twin(sources: &[String]) -> Option<Auto> {
        Auto::load_key(&format!("{}{}", hir::ASCII_TWIN, key_of(sources)))
    }

    /// The embedded automaton with key `key`.
    fn load_key(key: &str) -> Option<Auto> {
        let i = embedded::KEYS.binary_search(&key).ok()?;
        let (off, len, first, dense) = embedded::ENTRIES[i];
        let blob = &embedded::BLOB.0;
        let bytes = blob.get(off as usize..(off + len) as usize)?;
        // SAFETY: `build.rs` wrote these bytes with `to_bytes_native_endian` in this very build,
        // at an offset aligned to 8 in an 8-aligned blob, and
        // `the_embedded_automata_match_as_the_narrow_regexes` checks that every one of them passes
        // `from_bytes`, which validates what this skips (a walk over every state and transition:
        // a third of a short story's check).
        let dfa = if dense {
            Dfa::Dense(unsafe { dense::DFA::from_bytes_unchecked(bytes) }.ok()?.0)
        } else {
            Dfa::Sparse(unsafe { sparse::DFA::from_bytes_unchecked(bytes) }.ok()?.0)
        };
        let before = blob.get(first as usize..first as usize + 257)?;
        let n = before
            .iter()
            .filter(|&&t| t != 0xFF)
            .map(|&t| t as usize + 1)
            .max()
            .unwrap_or(0);
        let tables = blob.get(first as usize + 257..first as usize + 257 + n * 256)?;
        let at = first as usize + 257 + n * 256;
        let classes = blob.get(at..at + 256)?;
        let nclasses = u16::from_le_bytes([*blob.get(at + 256)?, *blob.get(at + 257)?]) as usize;
        let pair_len = (nclasses * nclasses).div_ceil(8);
        let pairs = blob.get(at + 258..at + 258 + n * pair_len)?;
        let at = at + 258 + n * pair_len;
        let quads = blob.get(at..at + n * (hir::QUAD_BITS / 8))?;
        if classes.iter().any(|&c| c as usize >= nclasses) {
            return None;
        }
        // The embedded tables, then one for a computed start (any character may begin a match
        // there); in each, no match begins on a continuation byte.
        let mut ok = tables.to_vec();
        ok.extend_from_slice(&[1; 256]);
        for row in ok.chunks_exact_mut(256) {
            row[0x80..0xC0].fill(0);
        }
        let offsets: [u32; 257] = std::array::from_fn(|i| match before[i] {
            COMPUTED => n as u32 * 256,
            t => t as u32 * 256,
        });
        let mut starts = Vec::with_capacity(n);
        for t in 0..n {
            let i = before.iter().position(|&x| x as usize == t)?;
            let lb = i.checked_sub(1).map(|b| b as u8);
            let sid = match &dfa {
                Dfa::Dense(d) => d.start_state(&start_config(lb)),
                Dfa::Sparse(d) => d.start_state(&start_config(lb)),
            };
            starts.push(sid.ok()?);
        }
        let dead = |t: u8| {
            t != COMPUTED
                && match &dfa {
                    Dfa::Dense(d) => d.is_dead_state(starts[t as usize]),
                    Dfa::Sparse(d) => d.is_dead_state(starts[t as usize]),
                }
        };
        // A start after a byte whose table lets no byte begin a match (every first byte leads
        // to the dead state) and whose start state matches nothing at the end of the text is
        // one no match begins at: a pattern opening on `^`, whose start state after a byte is
        // not the dead state itself but dies on the next byte, has only such starts after a
        // byte, and the search tries its first position alone instead of skipping through
        // every later one. (A match begins after a byte only with a byte whose transition from
        // the start state is not dead, an empty one included: the DFA reports it a byte late,
        // or at the end of the text through its end-of-input transition.)
        // Per embedded table, once (the bytes before a start name a few tables, each many times).
        let begins_none: Vec<bool> = (0..n)
            .map(|t| {
                ok[t * 256..][..256].iter().all(|&x| x == 0)
                    && match &dfa {
                        Dfa::Dense(d) => !d.is_match_state(d.next_eoi_state(starts[t])),
                        Dfa::Sparse(d) => !d.is_match_state(d.next_eoi_state(starts[t])),
                    }
            })
            .collect();
        let only_first = before[1..]
            .iter()
            .all(|&t| dead(t) || t != COMPUTED && begins_none[t as usize]);
        // The bytes that can begin a match after some byte (or at the start), over the tables
        // in use: the computed start's table (any character) is among them when it is used.
        // Each table once: `offsets` names at most `n + 1` of them, most many times over.
        let mut used = vec![false; n + 1];
        for &off in &offsets {
            used[off as usize / 256] = true;
        }
        let mut can_begin = [false; 256];
        for (row, _) in ok.chunks_exact(256).zip(&used).filter(|(_, &u)| u) {
            for (b, &yes) in row.iter().enumerate() {
                can_begin[b] |= yes != 0;
            }
        }
        let firsts: Vec<u8> = (0..=255u8).filter(|&b| can_begin[b as usize]).collect();
        let rare = match firsts[..] {
            [a] => Some([a, a, a]),
            [a, b] => Some([a, b, b]),
            [a, b, c] => Some([a, b, c]),
            _ => None,
        };
        #[cfg(target_arch = "x86_64")]
        let skip = if rare.is_none() && !only_first {
            Skip::new(&offsets, &ok).map(Box::new)
        } else {
            None
        };
        #[cfg(not(target_arch = "x86_64"))]
        let skip = None;
        // Where a match can begin after many bytes (not a pattern on `^` nor one opening on a
        // rare byte, which the scan jumps between), the forward and reverse DFAs read each byte
        // about once, where starting the anchored DFA at each candidate reads it many times.
        let fr = if rare.is_none() && !only_first {
            Auto::load_fr(i)
        } else {
            None
        };
        Some(Auto {
            index: i,
            dfa,
            before: offsets,
            ok,
            starts,
            only_first,
            rare,
            classes,
            nclasses,
            pairs,
            pair_len,
            quads,
            skip,
            fr,
        })
    }

    /// The forward and reverse DFAs of embedded entry `i`, if `build.rs` compiled them.
    fn load_fr(i: usize) -> Option<Box<FwdRev>> {
        let (fo, fl, ro, rl) = *embedded::FR.get(i)?;
        if fl == 0 || rl == 0 {
            return None;
        }
        let blob = &embedded::BLOB.0;
        let fwd = blob.get(fo as usize..(fo + fl) as usize)?;
        let rev = blob.get(ro as usize..(ro + rl) as usize)?;
        // SAFETY: as for the anchored DFA in `load_key`: `build.rs` wrote these bytes with
        // `to_bytes_native_endian` at 8-aligned offsets of the 8-aligned blob, and
        // `the_embedded_automata_match_as_the_narrow_regexes` checks that they pass `from_bytes`.
        let fwd = unsafe { dense::DFA::from_bytes_unchecked(fwd) }.ok()?.0;
        let rev = unsafe { dense::DFA::from_bytes_unchecked(rev) }.ok()?.0;
        Some(Box::new(
            regex_automata::dfa::regex::Builder::new().build_from_dfas(fwd, rev),
        ))
    }

    /// The leftmost-first match in `input`; Err when the automaton cannot tell (see [`Auto`]).
    /// An unanchored search runs the forward and reverse DFAs when it has them (see
    /// [`Auto::fr`]), which stop where the anchored DFA would (a quit byte) and otherwise find
    /// the same match.
    fn search(&self, input: &Input) -> Result<Option<regex_automata::Match>, ()> {
        if let (Some(fr), Anchored::No) = (&self.fr, input.get_anchored()) {
            if let Ok(m) = fr.try_search(input) {
                return Ok(m);
            }
        }
        self.search_anchored(input)
    }

    /// [`Auto::search`] with the anchored DFA from each candidate start.
    fn search_anchored(&self, input: &Input) -> Result<Option<regex_automata::Match>, ()> {
        match &self.dfa {
            Dfa::Dense(d) => self.search_with(d, input),
            Dfa::Sparse(d) => self.search_with(d, input),
        }
    }

    /// Whether a match may begin with bytes `a` then `b` after a byte of embedded table `table`.
    #[inline(always)]
    fn pair(&self, table: usize, a: u8, b: u8) -> bool {
        // SAFETY: `classes` holds 256 classes, each below `nclasses` (`load` checks), so `k`
        // is below `nclasses` squared; `pairs` holds `pair_len` bytes (a bit per such pair) for
        // each embedded table, and `table` is one of them.
        unsafe {
            let k = *self.classes.get_unchecked(a as usize) as usize * self.nclasses
                + *self.classes.get_unchecked(b as usize) as usize;
            debug_assert!(table * self.pair_len + k / 8 < self.pairs.len());
            *self.pairs.get_unchecked(table * self.pair_len + k / 8) >> (k % 8) & 1 != 0
        }
    }

    /// Whether a match may begin with the four bytes at `q` (`q + 4 <= hay.len()`) after a byte
    /// of embedded table `table` (see [`Auto::quads`]).
    #[inline(always)]
    fn quad(&self, table: usize, hay: &[u8], q: usize) -> bool {
        if self.quads.is_empty() {
            return true;
        }
        // SAFETY: `classes` holds 256 entries; `q + 4 <= hay.len()` (the callers check it against
        // the search's end); `quads` holds `QUAD_BITS / 8` bytes for each embedded table, and
        // `quad_bit` is below `QUAD_BITS`.
        unsafe {
            let c = |i: usize| {
                *self
                    .classes
                    .get_unchecked(*hay.get_unchecked(q + i) as usize)
            };
            let bit = hir::quad_bit([c(0), c(1), c(2), c(3)], self.nclasses);
            debug_assert!(table * (hir::QUAD_BITS / 8) + bit / 8 < self.quads.len());
            *self
                .quads
                .get_unchecked(table * (hir::QUAD_BITS / 8) + bit / 8)
                >> (bit % 8)
                & 1
                != 0
        }
    }

    fn search_with<A: Automaton>(
        &self,
        dfa: &A,
        input: &Input,
    ) -> Result<Option<regex_automata::Match>, ()> {
        #[cfg(target_arch = "x86_64")]
        if let Some(skip) = &self.skip {
            if skip.avx2 {
                // SAFETY: `Skip::new` found AVX2 (and SSSE3) on the processor.
                return unsafe { self.search_avx2(dfa, input, skip) };
            }
            // SAFETY: `Skip::new` made the skip only where the processor has SSSE3.
            return unsafe { self.search_ssse3(dfa, input, skip) };
        }
        // SAFETY: no skip: the body runs no SSSE3 instruction.
        unsafe { self.search_body::<A, 0>(dfa, input, None) }
    }

    /// [`Auto::search_with`] with the skip, compiled for SSSE3.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "ssse3")]
    unsafe fn search_ssse3<A: Automaton>(
        &self,
        dfa: &A,
        input: &Input,
        skip: &Skip,
    ) -> Result<Option<regex_automata::Match>, ()> {
        self.search_body::<A, 1>(dfa, input, Some(skip))
    }

    /// [`Auto::search_with`] with the skip thirty-two starts at a time, compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn search_avx2<A: Automaton>(
        &self,
        dfa: &A,
        input: &Input,
        skip: &Skip,
    ) -> Result<Option<regex_automata::Match>, ()> {
        self.search_body::<A, 2>(dfa, input, Some(skip))
    }

    /// The search; with `SIMD` 1 (only inlined into [`Auto::search_ssse3`]) it passes over
    /// sixteen starts at a time with [`Skip::block`] where that many are left, with `SIMD` 2
    /// (only inlined into [`Auto::search_avx2`]) thirty-two at a time with [`Skip::block32`]
    /// first.
    #[inline(always)]
    unsafe fn search_body<A: Automaton, const SIMD: u8>(
        &self,
        dfa: &A,
        input: &Input,
        #[allow(unused_variables)] skip: Option<&Skip>,
    ) -> Result<Option<regex_automata::Match>, ()> {
        #[cfg(target_arch = "x86_64")]
        let regs = skip.filter(|_| SIMD >= 1).map(|s| s.regs());
        #[cfg(target_arch = "x86_64")]
        let regs32 = skip.filter(|_| SIMD == 2).map(|s| s.regs32());
        let hay = input.haystack();
        let (from, end) = (input.start(), input.end());
        let mut budget = 8 * (end - from) as isize + 4096;
        let last = match input.get_anchored() {
            // After any byte the start state is dead: no later start can match.
            Anchored::No if self.only_first => from,
            Anchored::No => end,
            Anchored::Yes => from,
            Anchored::Pattern(_) => return Err(()),
        };
        let computed = self.starts.len() * 256;
        let scan = &hay[..last.min(end)];
        let mut p = from;
        while p <= last {
            let mut t = self.before[p.checked_sub(1).map_or(0, |i| hay[i] as usize + 1)] as usize;
            // Skip the starts where no match can begin: to the next byte that may begin one
            // when there are few, then one lookup each, carrying the table of the byte before
            // along.
            if let Some([x, y, z]) = self.rare {
                // No byte between two of these can begin a match, whatever precedes it.
                while p < scan.len() && self.ok[t + scan[p] as usize] == 0 {
                    p = memchr::memchr3(x, y, z, &scan[p + 1..]).map_or(scan.len(), |k| p + 1 + k);
                    t = self.before[hay[p - 1] as usize + 1] as usize;
                }
            }
            'scan: loop {
                // The starts the single-byte scan stops at among the `$w` from `p` (bit `i` of
                // `$m` for `p + i`), each tested in turn; past them all when none passes.
                macro_rules! stops {
                    ($m:expr, $w:expr) => {{
                        let mut m = $m;
                        while m != 0 {
                            let q = p + m.trailing_zeros() as usize;
                            m &= m - 1;
                            // SAFETY: `1 <= p <= q < p + $w <= scan.len()`, and the byte after
                            // `q` is read only when `q + 2 <= end <= hay.len()`.
                            let (a, b) = (*scan.get_unchecked(q - 1), *scan.get_unchecked(q));
                            let tq = self.before[a as usize + 1] as usize;
                            if tq == computed
                                || q + 2 > end
                                || self.pair(tq / 256, b, *hay.get_unchecked(q + 1))
                                    && (q + 4 > end || self.quad(tq / 256, hay, q))
                            {
                                (p, t) = (q, tq);
                                break 'scan;
                            }
                        }
                        p += $w;
                        t = self.before[scan[p - 1] as usize + 1] as usize;
                        continue;
                    }};
                }
                #[cfg(target_arch = "x86_64")]
                if let (2, Some(regs)) = (SIMD, &regs32) {
                    if p > 0 && p + 32 <= scan.len() {
                        stops!(Skip::block32(regs, scan, p), 32);
                    }
                }
                #[cfg(target_arch = "x86_64")]
                if let (1.., Some(regs)) = (SIMD, &regs) {
                    if p > 0 && p + 16 <= scan.len() {
                        stops!(Skip::block(regs, scan, p), 16);
                    }
                }
                let Some(&b) = scan.get(p) else { break };
                // SAFETY: `t` is an offset from `before`, each a multiple of 256 below
                // `ok.len()` (see `load`), and `b` is below 256.
                if unsafe { *self.ok.get_unchecked(t + b as usize) } != 0
                    // Both bytes inside the search, read by the DFA as its first two.
                    && (t == computed
                        || p + 2 > end
                        || self.pair(t / 256, b, hay[p + 1])
                            && (p + 4 > end || self.quad(t / 256, hay, p)))
                {
                    break;
                }
                t = self.before[b as usize + 1] as usize;
                p += 1;
            }
            if p < end && self.ok[t + hay[p] as usize] == 0 {
                p += 1;
                continue;
            }
            if p < hay.len() && (hay[p] as i8) < -0x40 {
                p += 1; // not a character boundary: no match of a UTF-8 regex starts here
                continue;
            }
            let sid = if t == computed {
                dfa.start_state(&start_config(p.checked_sub(1).map(|i| hay[i])))
                    .map_err(|_| ())?
            } else {
                self.starts[t / 256]
            };
            if let Some((pid, e)) = anchored(dfa, sid, hay, p, end, &mut budget)? {
                return Ok(Some(regex_automata::Match::new(pid, p..e)));
            }
            p += 1;
        }
        Ok(None)
    }
}

/// The leftmost-first match of `dfa` from its start state `sid` at `p`, ending by `end` (the
/// bytes around count for look-around), as `regex_automata::dfa::Automaton::try_search_fwd`
/// finds it, counting the bytes read against `budget`.
#[inline(always)]
fn anchored<A: Automaton>(
    dfa: &A,
    mut sid: StateID,
    hay: &[u8],
    p: usize,
    end: usize,
    budget: &mut isize,
) -> Result<Option<(PatternID, usize)>, ()> {
    let mut mat = None;
    let mut at = p;
    while at < end {
        sid = dfa.next_state(sid, hay[at]);
        if dfa.is_special_state(sid) {
            if dfa.is_match_state(sid) {
                mat = Some((dfa.match_pattern(sid, 0), at));
            } else if dfa.is_dead_state(sid) {
                break;
            } else if dfa.is_quit_state(sid) {
                return Err(());
            }
        }
        at += 1;
    }
    *budget -= (at - p) as isize + 1;
    if *budget < 0 {
        return Err(());
    }
    if at < end {
        return Ok(mat); // dead
    }
    match hay.get(end) {
        Some(&b) => {
            sid = dfa.next_state(sid, b);
            if dfa.is_match_state(sid) {
                mat = Some((dfa.match_pattern(sid, 0), end));
            } else if dfa.is_quit_state(sid) {
                return Err(());
            }
        }
        None => {
            sid = dfa.next_eoi_state(sid);
            if dfa.is_match_state(sid) {
                mat = Some((dfa.match_pattern(sid, 0), hay.len()));
            }
        }
    }
    Ok(mat)
}

/// The groups of match `m` of patterns with no capture group of their own (`info`, see
/// [`Tiered::plain`]): its pattern's whole match, as a capture engine would read it.
fn whole_match(info: &GroupInfo, m: regex_automata::Match) -> Captures {
    let mut caps = Captures::matches(info.clone());
    caps.set_pattern(Some(m.pattern()));
    let slot = info
        .slot(m.pattern(), 0)
        .expect("a pattern of the automaton");
    let slots = caps.slots_mut();
    slots[slot] = NonMaxUsize::new(m.start());
    slots[slot + 1] = NonMaxUsize::new(m.end());
    caps
}

/// The capture NFA `build.rs` compiled for embedded entry `i`, if any (see `nfa_words.rs`).
fn embedded_nfa(i: usize) -> Option<thompson::NFA> {
    let (at, len) = *embedded::NFAS.get(i)?;
    let bytes = embedded::NFA_BLOB.get(at as usize..(at + len) as usize)?;
    if bytes.is_empty() {
        return None;
    }
    nfa_words::from_words(bytes)
}

type CacheFn<C> =
    Box<dyn Fn() -> C + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;
/// The caches of a [`Tiered`] regex's capture engine, reused from one search to the next.
type CachePool<C> = Pool<C, CacheFn<C>>;

/// The engines that read the capture groups of a match the automaton found, on the match alone:
/// the bounded backtracker (much the faster on a short window) when the window fits its visited
/// set, else the PikeVM. Both give the leftmost-first match with its groups, as the regex would.
struct Groups {
    vm: PikeVM,
    vm_caches: CachePool<pikevm::Cache>,
    bt: BoundedBacktracker,
    bt_caches: CachePool<backtrack::Cache>,
}

/// How many bytes a regex reads with its automaton before it is compiled at run time instead:
/// never. Since the scan skips most starts with one lookup a byte, the automaton reads a
/// megabyte of wire copy no slower than the compiled regex's lazy DFA (measured with callgrind
/// at 1, 2 and 4 MB and on dense copy), so switching only adds the compile (about 25 M
/// instructions for the six regexes a megabyte reaches).
const AUTO_READ: usize = usize::MAX;

/// The same for a pattern tried on every paragraph (the page reader's), anchored to a
/// paragraph's start or end: never either. Its automaton tries more positions than the compiled
/// regex (which jumps to a literal or an anchor), but compiling the five such regexes a long
/// story reaches costs more than that (about 15 M instructions): measured with callgrind,
/// never compiling takes 1 MB of wire copy from 549.7 to 544.4 M instructions and 4 MB from
/// 1.838 to 1.783 G, and the dense 480 KB stories within 0.2%.
const PARA_READ: usize = usize::MAX;

/// One or more patterns (a multi-pattern regex when more), compiled per tier on first use.
///
/// On a haystack that [`fits`], the automaton `build.rs` compiled from the same sources (see
/// [`Auto`]) finds the matches, and capture groups are read by a PikeVM run on the match alone;
/// the narrow regex is compiled at run time only when there is no such automaton or it cannot
/// answer, or once the regex has read [`AUTO_READ`] bytes (long copy). Either way the matches
/// are those of the regex as written.
pub struct Tiered {
    sources: Vec<String>,
    config: meta::Config,
    auto: OnceLock<Option<Auto>>,
    /// The automaton with ASCII word boundaries (see [`Auto::load_twin`]).
    twin: OnceLock<Option<Auto>>,
    /// Bytes read with the automaton so far.
    read: AtomicUsize,
    /// [`AUTO_READ`], or [`PARA_READ`] for a [`para_regex`].
    auto_read: usize,
    vm: OnceLock<Groups>,
    /// For sources with no capture group of their own and an automaton (see [`Tiered::plain`]):
    /// the groups of their patterns, one whole match each.
    plain: OnceLock<Option<GroupInfo>>,
    narrow: OnceLock<Regex>,
    full: OnceLock<Regex>,
}

/// A [`Tiered`] regex picked for a haystack (see [`Tiered::pick`]).
#[derive(Clone, Copy)]
pub struct Engine<'a> {
    t: &'a Tiered,
    fits: bool,
    /// Whether the haystack is of [`hir::ascii_words`], when known.
    ascii_words: Option<bool>,
}

impl<'a> Engine<'a> {
    /// The leftmost-first match in `input` (as `meta::Regex::search`).
    pub fn search(&self, input: &Input) -> Option<regex_automata::Match> {
        if let Ok(m) = self.auto_search(input) {
            let read = m.map_or(input.end(), |m| m.end()) - input.start();
            self.t.read.fetch_add(read, Ordering::Relaxed);
            return m;
        }
        self.t.regex(self.fits).search(input)
    }

    /// The match of the automaton, while it is the cheaper engine (on narrow text, until the
    /// regex has read [`AUTO_READ`] bytes with it, see [`Tiered`]); Err when it cannot tell. An
    /// automaton stopped by a Unicode word boundary hands over to its twin with ASCII ones when
    /// the haystack's only word characters are ASCII (then they match alike).
    fn auto_search(&self, input: &Input) -> Result<Option<regex_automata::Match>, ()> {
        if !self.fits || self.t.read.load(Ordering::Relaxed) > self.t.auto_read {
            return Err(());
        }
        if let Some(a) = self.t.auto() {
            if let Ok(m) = a.search(input) {
                return Ok(m);
            }
        }
        let Some(twin) = self.t.twin() else {
            return Err(());
        };
        let ascii_words = self.ascii_words.unwrap_or_else(|| {
            // The characters the search can read: from the one before its start (for `\b`)
            // to the one at its end.
            let hay = input.haystack();
            let mut from = input.start().saturating_sub(1);
            while from > 0 && (hay[from] as i8) < -0x40 {
                from -= 1;
            }
            let mut to = (input.end() + 1).min(hay.len());
            while to < hay.len() && (hay[to] as i8) < -0x40 {
                to += 1;
            }
            std::str::from_utf8(&hay[from..to]).is_ok_and(hir::ascii_words)
        });
        if !ascii_words {
            return Err(());
        }
        twin.search(input)
    }

    /// The leftmost-first match in `hay`.
    pub fn find(&self, hay: &str) -> Option<regex_automata::Match> {
        self.search(&Input::new(hay))
    }

    /// Whether there is a match in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        self.search(&Input::new(hay)).is_some()
    }

    /// Every successive non-overlapping match in `hay` (as `meta::Regex::find_iter`).
    pub fn find_iter<'h>(self, hay: &'h str) -> impl Iterator<Item = regex_automata::Match> + 'h
    where
        'a: 'h,
    {
        let e = self.knowing_words(hay);
        let mut it = Searcher::new(Input::new(hay));
        std::iter::from_fn(move || it.advance(|input| Ok(e.search(input))))
    }

    /// The engine for many searches of `hay`, told once whether it is of [`hir::ascii_words`]
    /// (when it has a twin to run there), not once per search.
    fn knowing_words(mut self, hay: &str) -> Engine<'a> {
        if self.fits && self.ascii_words.is_none() && self.t.twin().is_some() {
            self.ascii_words = Some(hir::ascii_words(hay));
        }
        self
    }

    /// The capture groups of `m`, the leftmost-first match this engine found in `input` (a
    /// search of `hay`): what [`Engine::captures`] of `input` from `m`'s start reads, without
    /// searching for `m` again where the capture engines read the narrow regex's groups (a
    /// haystack that fits, of a regex with an automaton: on such a haystack the automaton, its
    /// twin and the narrow regex find the same match, and the groups of a match at a given
    /// start are those of the leftmost-first match from there).
    pub fn captures_of<'h>(
        &self,
        hay: &'h str,
        input: &Input<'h>,
        m: regex_automata::Match,
    ) -> Caps<'h> {
        if self.fits && self.t.auto().is_some() {
            if let Some(info) = self.t.plain() {
                return Caps::new(hay, whole_match(info, m));
            }
            return Caps::new(hay, self.t.groups_of(input, m));
        }
        let input = input
            .clone()
            .span(m.start()..input.end())
            .anchored(Anchored::Yes);
        self.captures(hay, &input)
            .expect("a match where one was found")
    }

    /// The capture groups of the leftmost-first match in `input` (a search of `hay`), if any.
    pub fn captures<'h>(&self, hay: &'h str, input: &Input<'h>) -> Option<Caps<'h>> {
        if let Ok(m) = self.auto_search(input) {
            let m = m?;
            if let Some(info) = self.t.plain() {
                return Some(Caps::new(hay, whole_match(info, m)));
            }
            return Some(Caps::new(hay, self.t.groups_of(input, m)));
        }
        let re = self.t.regex(self.fits);
        let mut caps = re.create_captures();
        re.search_captures(input, &mut caps);
        caps.is_match().then(|| Caps::new(hay, caps))
    }
}

impl Tiered {
    /// Checks nothing: a pattern that does not compile panics on first use.
    pub fn new(sources: Vec<String>, config: meta::Config) -> Tiered {
        Tiered {
            sources,
            config,
            auto: OnceLock::new(),
            twin: OnceLock::new(),
            read: AtomicUsize::new(0),
            auto_read: AUTO_READ,
            vm: OnceLock::new(),
            plain: OnceLock::new(),
            narrow: OnceLock::new(),
            full: OnceLock::new(),
        }
    }

    fn auto(&self) -> Option<&Auto> {
        self.auto.get_or_init(|| Auto::load(&self.sources)).as_ref()
    }

    fn twin(&self) -> Option<&Auto> {
        self.twin
            .get_or_init(|| Auto::load_twin(&self.sources))
            .as_ref()
    }

    /// Whether `build.rs` compiled this regex's narrow automaton (and it loads), or tried and
    /// found it too big (it is then compiled at run time when first used).
    pub fn has_automaton(&self) -> bool {
        self.auto().is_some() || embedded::TOO_BIG.contains(&key_of(&self.sources).as_str())
    }

    /// When `build.rs` found that the sources have no capture group of their own (and compiled
    /// their automaton): the group info of their patterns, each with only its whole match, so
    /// that the groups of a match the automaton found are read without an NFA (building one
    /// costs more than a megabyte of searches with it).
    fn plain(&self) -> Option<&GroupInfo> {
        self.plain
            .get_or_init(|| {
                let a = self.auto()?;
                embedded::PLAIN[a.index].then(|| {
                    GroupInfo::new(vec![[None::<&str>]; self.sources.len()])
                        .expect("one unnamed group per pattern")
                })
            })
            .as_ref()
    }

    /// The groups of the match `m` the automaton found in `input`, read by the capture engines.
    fn groups_of(&self, input: &Input, m: regex_automata::Match) -> Captures {
        let g = self.groups();
        let mut caps = g.vm.create_captures();
        let anchored = if self.sources.len() == 1 {
            Anchored::Yes
        } else {
            Anchored::Pattern(m.pattern())
        };
        let window = input.clone().span(m.range()).anchored(anchored);
        if m.len() <= g.bt.max_haystack_len() {
            g.bt.try_search(&mut g.bt_caches.get(), &window, &mut caps)
                .expect("the window fits the visited set");
        } else {
            g.vm.search(&mut g.vm_caches.get(), &window, &mut caps);
        }
        assert!(
            caps.is_match(),
            "the groups' engine matches where the DFA did"
        );
        caps
    }

    /// The capture engines of the narrow sources, with their caches.
    fn groups(&self) -> &Groups {
        self.vm.get_or_init(|| {
            let nfa = match self.auto().and_then(|a| embedded_nfa(a.index)) {
                Some(nfa) => nfa,
                None => self.capture_nfa(),
            };
            let vm = PikeVM::builder()
                .configure(PikeVM::config().match_kind(regex_automata::MatchKind::LeftmostFirst))
                .build_from_nfa(nfa.clone())
                .unwrap_or_else(|e| panic!("pattern: {e}"));
            let bt = BoundedBacktracker::builder()
                .build_from_nfa(nfa)
                .unwrap_or_else(|e| panic!("pattern: {e}"));
            let for_vm = vm.clone();
            let for_bt = bt.clone();
            let vm_new: CacheFn<pikevm::Cache> = Box::new(move || for_vm.create_cache());
            let bt_new: CacheFn<backtrack::Cache> = Box::new(move || for_bt.create_cache());
            Groups {
                vm,
                vm_caches: Pool::new(vm_new),
                bt,
                bt_caches: Pool::new(bt_new),
            }
        })
    }

    /// The NFA with capture groups of the narrow sources.
    fn capture_nfa(&self) -> thompson::NFA {
        let hirs = hir::narrow_hirs(&self.sources).expect("a source with an automaton parses");
        thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(true)
                    .nfa_size_limit(self.config.get_nfa_size_limit()),
            )
            .build_many_from_hir(&hirs)
            .unwrap_or_else(|e| panic!("pattern: {e}"))
    }

    /// The regex compiled at run time for a haystack that fits (the narrow one) or not.
    fn regex(&self, fits: bool) -> &Regex {
        if fits {
            self.narrow.get_or_init(|| {
                self.build_narrow()
                    .unwrap_or_else(|e| panic!("pattern: {e}"))
            })
        } else {
            self.full
                .get_or_init(|| self.build_full().unwrap_or_else(|e| panic!("pattern: {e}")))
        }
    }

    /// The engine for a haystack: the narrow tier when `fits` (see [`fits`]), else the full one.
    pub fn pick(&self, fits: bool) -> Engine<'_> {
        Engine {
            t: self,
            fits,
            ascii_words: None,
        }
    }

    /// The engine for `hay`.
    pub fn get(&self, hay: &str) -> Engine<'_> {
        self.pick(fits(hay))
    }

    /// Whether one of the patterns matches in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        self.get(hay).is_match(hay)
    }

    /// The leftmost-first match in `hay`.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.get(hay)
            .search(&Input::new(hay))
            .map(|m| Match::new(hay, m.start(), m.end()))
    }

    /// Every successive non-overlapping match in `hay` (as `regex::Regex::find_iter`).
    pub fn find_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = Match<'h>> + 'h {
        self.get(hay)
            .find_iter(hay)
            .map(move |m| Match::new(hay, m.start(), m.end()))
    }

    /// The capture groups of the leftmost-first match in `hay`.
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Caps<'h>> {
        self.get(hay).captures(hay, &Input::new(hay))
    }

    /// The capture groups of every successive non-overlapping match in `hay` (as
    /// `regex::Regex::captures_iter`).
    pub fn captures_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = Caps<'h>> + 'h {
        let e = self.get(hay).knowing_words(hay);
        e.find_iter(hay)
            .map(move |m| e.captures_of(hay, &Input::new(hay), m))
    }

    /// Whether both tiers compile.
    pub fn check(&self) -> Result<(), meta::BuildError> {
        self.build_narrow()?;
        self.build_full().map(|_| ())
    }

    /// How many patterns.
    pub fn pattern_len(&self) -> usize {
        self.sources.len()
    }

    /// The full regex, as the sources are written.
    pub fn build_full(&self) -> Result<Regex, meta::BuildError> {
        meta::Builder::new()
            .configure(self.config.clone())
            .build_many(&self.sources)
    }

    /// The narrow regex. A pattern that does not parse gets the full build's error.
    pub fn build_narrow(&self) -> Result<Regex, meta::BuildError> {
        match hir::narrow_hirs(&self.sources) {
            Some(hirs) => meta::Builder::new()
                .configure(self.config.clone())
                .build_many_from_hir(&hirs),
            None => self.build_full(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::hir::MARKS;
    use super::*;
    use proptest::prelude::*;

    fn both(source: &str) -> (Regex, Regex) {
        let t = Tiered::new(vec![source.to_string()], meta::Config::new());
        (t.build_narrow().unwrap(), t.build_full().unwrap())
    }

    /// Every match with its capture groups, from every start.
    fn spans(re: &Regex, hay: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        let mut out = Vec::new();
        let mut caps = re.create_captures();
        for at in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
            re.search_captures(&regex_automata::Input::new(hay).range(at..), &mut caps);
            out.push(
                (0..caps.group_len())
                    .map(|g| caps.get_group(g).map(|s| (s.start, s.end)))
                    .collect(),
            );
        }
        out
    }

    const PATTERNS: [&str; 6] = [
        r"(?i)(?-u:\b)(?P<n>\d[\d,.]*)(?:\s+[\w’'-]+){0,2}?\s+(?P<v>killed|hurt)(?-u:\b)",
        r"(?i)\bstraße\s+\w+|\bkelvin\b",
        r"(?i)(?-u:\b)said\s+(?P<rest>[^.;:!?]{2,20})",
        r"[\W\d]+\s\S+\D",
        r"(?i)[^\w\s]+|\w+",
        r"(?i)(?:über|ſo|Ω)\s\w",
    ];

    #[test]
    fn perl_classes_become_marks_outside_and_inside_plain_classes() {
        let (w1, w2) = MARKS[0];
        let (d1, d2) = MARKS[2];
        assert_eq!(narrow_source(r"a\wb").unwrap(), format!("a[{w1}{w2}]b"));
        assert_eq!(
            narrow_source(r"(?-u:\b)[\w’'-]+\d").unwrap(),
            format!("(?-u:\\b)[{w1}{w2}’'-]+[{d1}{d2}]")
        );
        assert_eq!(
            narrow_source(r"[]\w]\\w").unwrap(),
            format!("[]{w1}{w2}]\\\\w")
        );
        // Anything that could put a mark in a class with other characters: parsed as written.
        for kept in [
            r"[^\w]",
            r"[\w&&a]",
            r"\W|\w",
            r"\S",
            r"\D",
            r"\pL\w",
            r"\x{F0000}",
            r"a.\w",
            r"(?-u:\w)",
            r"[a[b]]\w",
        ] {
            assert_eq!(narrow_source(kept), None, "{kept}");
        }
    }

    /// Sentences of our own in which the attribution patterns match in many places, with curly
    /// quotes, accents and dashes (narrow but not ASCII).
    const COPY: [&str; 13] = [
        // Curly marks and dashes, but no word character outside ASCII: a twin answers here.
        "“The agency’s own estimates — and its projections — were wrong,” the mayor’s aide said.",
        "<tweet id=\"7\">“Stay home” — the city’s advice</tweet> and <embed src=x></embed>",
        "The ministry’s analysis: its forecasts_2 and their estimates — <iframe>’</iframe>",
        "At least 12 people were killed and 30 more were wounded on Tuesday, officials said.",
        "Critics argue that the plan, widely seen as a failure, will cost about $4 million.",
        "According to some analysts, rebels captured the town of Dorvik and advanced 20 km.",
        "“We will appeal,” said Ana Ruiz, a spokeswoman for the café’s owners, in a statement.",
        "It is understood that 3 in 10 voters have doubts, the ministry said in an emailed statement.",
        "Many believe the figure was reported to be higher because they feared reprisals.",
        "The company’s 10-year outlook shows that 45% of the workers lost jobs in 1998 and 2021.",
        "Some experts believe it is likely to rise — the death toll stands at 40, police told us.",
        "He was accused by prosecutors of ordering the raid; opponents said he knew of the plan.",
        "Zoë Müller’s group claimed responsibility.\nThousands gathered in the square — Ana Ruiz",
    ];

    #[cfg(target_arch = "x86_64")]
    proptest! {
        /// The skip stops at the first start the byte-at-a-time scan stops at (the byte before
        /// picks a table that lets the byte there begin a match), or after the last whole
        /// sixteen bytes, for every embedded automaton that has one, from every start.
        #[test]
        fn the_skip_stops_where_the_scan_of_single_bytes_does(parts in proptest::collection::vec(
            prop_oneof![
                Just("said"), Just("Who"), Just("the"), Just("According"), Just("to"), Just(" "),
                Just(", "), Just(". "), Just("\n"), Just("é"), Just("’"), Just("“"), Just("—"),
                Just("7"), Just("1,000"), Just("I"), Just("-"), Just("'"), Just("<"), Just("%"),
                Just("Monday"), Just("officials"), Just("x"), Just("\t"), Just("ß"), Just("_"),
            ],
            0..60,
        )) {
            let hay: String = parts.concat();
            let scan = hay.as_bytes();
            static AUTOS: OnceLock<Vec<(&str, Auto)>> = OnceLock::new();
            let autos = AUTOS.get_or_init(|| {
                embedded::KEYS
                    .iter()
                    .filter_map(|k| Some((*k, Auto::load_key(k)?)))
                    .filter(|(_, a)| a.skip.is_some())
                    .collect()
            });
            prop_assert!(!autos.is_empty());
            for (key, a) in autos {
                let skip = a.skip.as_deref().unwrap();
                // The first start at or after each byte where the single-byte scan stops.
                let mut first = vec![scan.len(); scan.len() + 1];
                for q in (1..scan.len()).rev() {
                    let t = a.before[scan[q - 1] as usize + 1] as usize;
                    first[q] = if a.ok[t + scan[q] as usize] != 0 { q } else { first[q + 1] };
                }
                for p in 1..scan.len() {
                    let blocks = p + 16 * ((scan.len() - p) / 16);
                    // SAFETY: the skip exists only where the processor has SSSE3.
                    let got = unsafe { skip.run(scan, p) };
                    prop_assert_eq!(got, first[p].min(blocks), "{} at {}", key, p);
                    if skip.avx2 {
                        let blocks = p + 32 * ((scan.len() - p) / 32);
                        // SAFETY: `avx2` is set only where the processor has AVX2.
                        let got = unsafe { skip.run32(scan, p) };
                        prop_assert_eq!(got, first[p].min(blocks), "{} at {} (32)", key, p);
                    }
                }
            }
        }
    }

    proptest! {
        /// The forward and reverse DFAs find the match the anchored DFA finds from each start
        /// (the old search), for every embedded automaton that uses them, from every start.
        #[test]
        fn the_forward_and_reverse_dfas_find_what_the_anchored_scan_finds(
            picks in proptest::collection::vec((0usize..1000, 0usize..6), 0..40)
        ) {
            static WORDS: OnceLock<Vec<&str>> = OnceLock::new();
            let words = WORDS.get_or_init(|| {
                let dates = [
                    "5", "March", "2021", "Monday", "last", "week", "on", "2021-03-05", "Jan.",
                    "12,", "next", "day", "ago", "year", "1998", "Sept.", "30", "mid-2020",
                ];
                COPY.iter().flat_map(|c| c.split(' ')).chain(dates).collect()
            });
            let seps = [" ", ", ", "\n", ". ", "’", " — "];
            let hay: String = picks
                .iter()
                .map(|&(w, s)| format!("{}{}", words[w % words.len()], seps[s]))
                .collect();
            static AUTOS: OnceLock<Vec<(&str, Auto)>> = OnceLock::new();
            let autos = AUTOS.get_or_init(|| {
                embedded::KEYS
                    .iter()
                    .filter_map(|k| Some((*k, Auto::load_key(k)?)))
                    .filter(|(_, a)| a.fr.is_some())
                    .collect()
            });
            prop_assert!(!autos.is_empty());
            for (key, a) in autos {
                let fr = a.fr.as_ref().unwrap();
                for at in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
                    let input = Input::new(&hay).range(at..);
                    // Neither stops on this copy: these patterns have no Unicode `\b`.
                    prop_assert_eq!(fr.try_search(&input).ok(), a.search_anchored(&input).ok(), "{} at {}", key, at);
                }
            }
        }
    }

    proptest! {
        // Every automaton from every start: fewer, shorter cases than the default keep it to
        // seconds in a debug build.
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The test of a start's first four bytes ([`Auto::quads`]) passes over no start the
        /// anchored DFA would match from: every embedded automaton finds what it finds without
        /// the test (the old search), from every start, with its word boundaries on either side
        /// of every kind of byte.
        #[test]
        fn the_four_byte_test_skips_no_start_that_matches(
            picks in proptest::collection::vec((0usize..1000, 0usize..8), 0..24)
        ) {
            static WORDS: OnceLock<Vec<&str>> = OnceLock::new();
            let words = WORDS.get_or_init(|| {
                let more = [
                    "5", "March", "2021", "Monday", "last", "week", "on", "2021-03-05", "Jan.",
                    "12,", "1998", "Sept.", "30", "mid-2020", "per", "cent", "%", "“", "”",
                    "Jane", "Roe", "Leeds", "Rating:", "4/5", "said:", "told", "AP", "café",
                ];
                COPY.iter().flat_map(|c| c.split(' ')).chain(more).collect()
            });
            let seps = [" ", ", ", "\n", ". ", "’", " — ", "", "\t"];
            let hay: String = picks
                .iter()
                .map(|&(w, s)| format!("{}{}", words[w % words.len()], seps[s]))
                .collect();
            static AUTOS: OnceLock<Vec<(&str, Auto, Auto)>> = OnceLock::new();
            let autos = AUTOS.get_or_init(|| {
                embedded::KEYS
                    .iter()
                    .filter_map(|k| {
                        let a = Auto::load_key(k)?;
                        let mut old = Auto::load_key(k)?;
                        old.quads = &[];
                        Some((*k, a, old))
                    })
                    .collect()
            });
            prop_assert!(autos.len() > 100);
            for (key, a, old) in autos {
                prop_assert!(!a.quads.is_empty());
                for at in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
                    let input = Input::new(&hay).range(at..);
                    prop_assert_eq!(
                        a.search_anchored(&input),
                        old.search_anchored(&input),
                        "{:?} at {}", key, at
                    );
                }
            }
        }
    }

    proptest! {
        /// An automaton that tries only the first position of a search (no match can begin
        /// after a byte: `Auto::only_first`) finds what the scan of every start finds (the old
        /// search), for every embedded automaton that does so, from every start, on copy shaped
        /// like what its patterns look for (names on lines of their own, ratings, rubrics).
        #[test]
        fn an_automaton_that_tries_only_the_first_position_finds_what_the_scan_finds(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("Ana"), Just("Ruiz"), Just("Jane"), Just("Roe"), Just("Leeds"),
                    Just("J."), Just("O’Neill"), Just("the"), Just("said"), Just("Rating"),
                    Just("Verdict"), Just("4/5"), Just("★★★★☆"), Just("Review"), Just("Date"),
                    Just("2021-03-05"), Just("Advertisement feature"), Just("is a"),
                    Just("professor"), Just(" "), Just(", "), Just(": "), Just("."), Just("\n"),
                    Just("\r\n"), Just("— "), Just("-"), Just("\t"), Just("é"), Just("("),
                    Just(")"), Just("<!-- copydesk-ignore -->"), Just("I agree"), Just(""),
                ],
                0..24,
            )
        ) {
            let hay: String = parts.concat();
            static AUTOS: OnceLock<Vec<(&str, Auto, Auto)>> = OnceLock::new();
            let autos = AUTOS.get_or_init(|| {
                embedded::KEYS
                    .iter()
                    .filter_map(|k| {
                        let a = Auto::load_key(k)?;
                        // The old search: every start, one byte at a time.
                        let mut old = Auto::load_key(k)?;
                        (old.only_first, old.skip, old.fr) = (false, None, None);
                        Some((*k, a, old))
                    })
                    .filter(|(_, a, _)| a.only_first)
                    .collect()
            });
            // The signature, bare-name, rating, review, paid and contributor patterns at least.
            prop_assert!(autos.len() >= 6, "{}", autos.len());
            for (key, a, old) in autos {
                for at in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
                    let input = Input::new(&hay).range(at..);
                    prop_assert_eq!(a.search(&input), old.search(&input), "{:?} at {}", key, at);
                }
            }
        }
    }

    proptest! {
        /// For the embedded patterns without capture groups of their own, the groups read off
        /// the automaton's match are those the capture engines read (the NFA path), for every
        /// match in any run of the test copy's words.
        #[test]
        fn a_plain_match_has_the_groups_the_capture_engines_read(
            picks in proptest::collection::vec((0usize..1000, 0usize..4), 0..40)
        ) {
            static WORDS: OnceLock<Vec<&str>> = OnceLock::new();
            let words = WORDS.get_or_init(|| COPY.iter().flat_map(|c| c.split(' ')).collect());
            let seps = [" ", ", ", "\n", ". "];
            let hay: String = picks
                .iter()
                .map(|&(w, s)| format!("{}{}", words[w % words.len()], seps[s]))
                .collect();
            static PLAIN: OnceLock<Vec<Tiered>> = OnceLock::new();
            let plain = PLAIN.get_or_init(|| {
                embedded::KEYS
                    .iter()
                    .filter(|k| !k.starts_with(hir::ASCII_TWIN))
                    .map(|k| Tiered::new(k.split('\0').map(str::to_string).collect(), meta::Config::new()))
                    .filter(|t| t.plain().is_some())
                    .collect()
            });
            prop_assert!(plain.len() > 50);
            for t in plain {
                let e = t.pick(true);
                let info = t.plain().unwrap();
                let mut at = 0;
                while at <= hay.len() {
                    let input = Input::new(&hay).range(at..);
                    let Ok(Some(m)) = e.auto_search(&input) else { break };
                    let got = whole_match(info, m);
                    let want = t.groups_of(&input, m);
                    prop_assert_eq!(got.pattern(), want.pattern());
                    prop_assert_eq!(got.group_len(), want.group_len());
                    for g in 0..want.group_len() {
                        prop_assert_eq!(got.get_group(g), want.get_group(g), "{:?}", t.sources);
                    }
                    at = m.end().max(m.start() + 1);
                    while !hay.is_char_boundary(at.min(hay.len())) {
                        at += 1;
                    }
                }
            }
        }
    }

    /// Every automaton `build.rs` made loads, and finds what the narrow regex compiled at run
    /// time finds, from every start, with the same capture groups.
    #[test]
    fn the_embedded_automata_match_as_the_narrow_regexes() {
        assert!(!embedded::KEYS.is_empty());
        // Determinizing blows up only for a branch with a long run of any characters before a
        // word list (the crowd branch's `[^.]{0,40}?`): such a branch is compiled at run time.
        assert!(embedded::TOO_BIG.len() <= 2, "{:?}", embedded::TOO_BIG);
        let whole = COPY.join(" ");
        let hays: Vec<&str> = COPY.iter().copied().chain([whole.as_str()]).collect();
        for key in embedded::KEYS {
            let Some(twin) = key.strip_prefix(hir::ASCII_TWIN) else {
                continue;
            };
            // A twin answers as its pattern's regex on text whose word characters are ASCII.
            let sources: Vec<String> = twin.split('\0').map(str::to_string).collect();
            let t = Tiered::new(sources, meta::Config::new());
            let narrow = t.build_narrow().unwrap();
            // The twin is the narrow regex with ASCII word boundaries, on any text.
            let hirs: Vec<_> = hir::narrow_hirs(&t.sources)
                .unwrap()
                .into_iter()
                .map(hir::ascii_word_looks)
                .collect();
            let ascii = meta::Builder::new().build_many_from_hir(&hirs).unwrap();
            let twin = t.twin().expect("the twin loads");
            for hay in &hays {
                for at in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
                    let input = Input::new(*hay).range(at..);
                    assert_eq!(
                        twin.search(&input),
                        Ok(ascii.search(&input)),
                        "{key} on {hay} at {at}"
                    );
                    if hir::ascii_words(hay) {
                        assert_eq!(
                            ascii.search(&input),
                            narrow.search(&input),
                            "{key} on {hay} at {at}"
                        );
                    }
                }
            }
        }
        let twins = embedded::KEYS
            .iter()
            .filter(|k| k.starts_with(hir::ASCII_TWIN))
            .count();
        assert!(twins >= 2, "the Unicode-boundary patterns have twins");
        for key in embedded::KEYS {
            if key.starts_with(hir::ASCII_TWIN) {
                continue;
            }
            let sources: Vec<String> = key.split('\0').map(str::to_string).collect();
            let t = Tiered::new(sources, meta::Config::new());
            assert!(t.has_automaton(), "{key}");
            let i = embedded::KEYS.binary_search(key).unwrap();
            let (off, len, _, dense) = embedded::ENTRIES[i];
            let bytes = &embedded::BLOB.0[off as usize..(off + len) as usize];
            if dense {
                assert!(dense::DFA::from_bytes(bytes).is_ok(), "{key}");
            } else {
                assert!(sparse::DFA::from_bytes(bytes).is_ok(), "{key}");
            }
            let (fo, fl, ro, rl) = embedded::FR[i];
            if fl > 0 {
                let blob = &embedded::BLOB.0;
                let fwd = &blob[fo as usize..(fo + fl) as usize];
                let rev = &blob[ro as usize..(ro + rl) as usize];
                assert!(dense::DFA::from_bytes(fwd).is_ok(), "{key}");
                assert!(dense::DFA::from_bytes(rev).is_ok(), "{key}");
            }
            // The capture NFA read back is the one compiled here, state for state.
            if let Some(nfa) = embedded_nfa(i) {
                let want = t.capture_nfa();
                assert_eq!(nfa.states(), want.states(), "{key}");
                assert_eq!(nfa.start_anchored(), want.start_anchored(), "{key}");
                assert_eq!(nfa.start_unanchored(), want.start_unanchored(), "{key}");
                assert_eq!(nfa.pattern_len(), want.pattern_len(), "{key}");
                for p in want.patterns() {
                    assert_eq!(nfa.start_pattern(p), want.start_pattern(p), "{key}");
                    let names = |n: &thompson::NFA| -> Vec<Option<String>> {
                        n.group_info()
                            .pattern_names(p)
                            .map(|x| x.map(str::to_string))
                            .collect()
                    };
                    assert_eq!(names(&nfa), names(&want), "{key}");
                }
                assert_eq!(nfa.is_utf8(), want.is_utf8(), "{key}");
                assert_eq!(
                    format!("{:?}", nfa.byte_classes()),
                    format!("{:?}", want.byte_classes()),
                    "{key}"
                );
                assert_eq!(nfa.look_set_any(), want.look_set_any(), "{key}");
                assert_eq!(
                    nfa.look_set_prefix_any(),
                    want.look_set_prefix_any(),
                    "{key}"
                );
            } else {
                assert!(
                    embedded::NFAS[i].1 == 0,
                    "{key}: an embedded NFA does not read back"
                );
            }
            let narrow = t.build_narrow().unwrap();
            let e = t.pick(true);
            for hay in &hays {
                assert!(fits(hay));
                for at in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
                    let input = Input::new(*hay).range(at..);
                    assert_eq!(
                        e.search(&input),
                        narrow.search(&input),
                        "{key} on {hay} at {at}"
                    );
                }
                let mut caps = narrow.create_captures();
                narrow.search_captures(&Input::new(*hay), &mut caps);
                let got = e.captures(hay, &Input::new(*hay));
                assert_eq!(got.is_some(), caps.is_match());
                if let Some(got) = got {
                    for g in 0..caps.group_len() {
                        assert_eq!(
                            got.get(g).map(|m| m.range()),
                            caps.get_group(g).map(|s| s.range()),
                            "{key} on {hay}: group {g}"
                        );
                    }
                }
                let a: Vec<_> = t.find_iter(hay).map(|m| m.range()).collect();
                let b: Vec<_> = narrow.find_iter(*hay).map(|m| m.range()).collect();
                assert_eq!(a, b, "{key} on {hay}");
                // Every match's groups, read on the match found (`Engine::captures_of`).
                let want: Vec<Vec<_>> = narrow
                    .captures_iter(*hay)
                    .map(|c| {
                        (0..c.group_len())
                            .map(|g| c.get_group(g).map(|s| s.range()))
                            .collect()
                    })
                    .collect();
                let got: Vec<Vec<_>> = t
                    .captures_iter(hay)
                    .zip(&want)
                    .map(|(c, w)| (0..w.len()).map(|g| c.get(g).map(|m| m.range())).collect())
                    .collect();
                assert_eq!(t.captures_iter(hay).count(), want.len(), "{key} on {hay}");
                assert_eq!(got, want, "{key} on {hay}");
            }
        }
    }

    #[test]
    fn ascii_words_tells_text_whose_word_characters_are_ascii() {
        assert!(hir::ascii_words("The mayor’s “plan” — 40\u{a0}€ «each»"));
        assert!(hir::ascii_words(""));
        assert!(!hir::ascii_words("The café’s owner"));
        assert!(!hir::ascii_words("Zoë"));
        // A connector in general punctuation is a word character.
        assert!(!hir::ascii_words("a\u{203F}b"));
        // A combining mark too.
        assert!(!hir::ascii_words("e\u{301}"));
    }

    #[test]
    fn a_fits_scope_answers_for_slices_of_its_text_only() {
        let prose = String::from("The mayor said the café would reopen.");
        let other = String::from("The sign read Москва.");
        {
            let scope = FitsScope::new(&prose);
            assert!(scope.fits());
            assert!(known(&prose[4..20]) && fits(&prose[4..20]));
            // Another text is still scanned.
            assert!(!known(&other) && !fits(&other));
            {
                // A scope on a text that does not fit keeps the outer one.
                let inner = FitsScope::new(&other);
                assert!(!inner.fits());
                assert!(known(&prose[..]) && !fits(&other));
            }
            assert!(known(&prose[..]));
        }
        assert!(!known(&prose[4..20]));
        assert!(fits(&prose[4..20]));
    }

    #[test]
    fn fits_only_the_narrow_characters() {
        assert!(fits("Reporters left at 5 p.m."));
        assert!(fits("The café’s “owner” — Zoë — paid €40\u{a0}each."));
        assert!(!fits("It was 300 \u{212A} in the lab."));
        assert!(!fits("The sign read Москва."));
        // From a byte on: the character before it counts, the ones further back do not.
        let hay = "Москва и the rest";
        let at = hay.find("the").unwrap();
        assert!(fits_from(hay, at));
        assert!(!fits_from(hay, at - 1));
        // Every place of a character, in and out of the eight-byte steps.
        for n in 0..20 {
            for c in ['’', '\u{212A}', 'Д', 'x'] {
                let hay = format!("{}{c}{}", "a".repeat(n), "b".repeat(n % 9));
                let slow = hay
                    .chars()
                    .all(|c| NARROW.iter().any(|&(a, b)| a <= c && c <= b));
                assert_eq!(fits(&hay), slow, "{hay}");
            }
        }
    }

    #[test]
    fn both_tiers_agree_on_narrow_text() {
        let hays = [
            "At least 12 people were killed, and 3 more hurt.",
            "Officials said the 4,000 displaced families’ homes were hurt.",
            "The Straße Nord and the kelvin scale; über alles ſo weit.",
            "Zoë said “the café was full” — 12\u{a0}tables — then left.",
            "ſo: SO über x Überall 99 problems",
        ];
        for p in PATTERNS {
            let (narrow, full) = both(p);
            for h in hays {
                assert!(fits(h));
                assert_eq!(spans(&narrow, h), spans(&full, h), "{p} on {h}");
            }
        }
    }

    proptest! {
        #[test]
        fn both_tiers_agree_on_any_narrow_text(
            hay in "[a-zA-Z0-9 ,.’'\u{a0}\u{2014}éÉſßẞ-]{0,24}"
        ) {
            prop_assume!(fits(&hay));
            for p in PATTERNS {
                let (narrow, full) = both(p);
                prop_assert_eq!(spans(&narrow, &hay), spans(&full, &hay));
            }
        }
    }
}
