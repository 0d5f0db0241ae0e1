//! Word automatons cheap to build.
//!
//! A check of one short story pays more to build an aho-corasick automaton (a trie, failure links,
//! a table row per state for its DFA) than it spends searching with it. A [`Trie`] of the words
//! costs a sort and one node per byte to build and is walked from each position of the text; it
//! finds what aho-corasick finds (same words, same match kind, ASCII case folded). A [`WordTrie`]
//! is walked only from word starts, where a lexicon or a list of phrases wants its matches: a
//! megabyte of copy is read in fewer instructions than an aho-corasick DFA reads it, with no DFA to
//! build.

/// No node, no word.
const NONE: u32 = u32::MAX;

/// The words as a trie over their ASCII-lowercased bytes, in pre-order: a node's first child is the
/// node after it, and its siblings follow in byte order through `sibling`.
pub struct Trie {
    /// The node of each byte of the text as a word's first byte (case folded), or [`NONE`].
    root: Box<[u32; 256]>,
    /// The node of each pair of the text's bytes as a word's first two bytes (case folded), plus
    /// one, or 0: most starts in copy end at this one lookup instead of a walk through the first
    /// node's children. Zeroed (untouched pages cost nothing), 65,536 entries.
    pairs: Vec<u32>,
    nodes: Vec<Node>,
}

#[derive(Clone, Copy)]
struct Node {
    /// The (lowercased) byte that leads here from the parent.
    label: u8,
    /// Whether the next node is this one's first child.
    child: bool,
    /// The next sibling, or [`NONE`].
    sibling: u32,
    /// The word that ends here (the lowest id of those that fold to it), or [`NONE`].
    word: u32,
}

impl Trie {
    /// The trie of `words` (no word may be empty).
    pub fn new<S: AsRef<str>>(words: &[S]) -> Trie {
        let folded: Vec<std::borrow::Cow<[u8]>> = words
            .iter()
            .map(|w| {
                let b = w.as_ref().as_bytes();
                assert!(!b.is_empty(), "an empty word in a trie");
                if b.iter().any(u8::is_ascii_uppercase) {
                    b.to_ascii_lowercase().into()
                } else {
                    b.into()
                }
            })
            .collect();
        let mut order: Vec<(&[u8], u32)> = folded
            .iter()
            .zip(0u32..)
            .map(|(w, id)| (&w[..], id))
            .collect();
        order.sort_unstable();
        let mut nodes: Vec<Node> = Vec::with_capacity(words.len() * 4);
        let mut root = Box::new([NONE; 256]);
        // The nodes of the previous word's bytes.
        let mut path: Vec<u32> = Vec::new();
        let mut prev: &[u8] = &[];
        for &(w, id) in &order {
            let common = w.iter().zip(prev).take_while(|(a, b)| a == b).count();
            // The previous word's node at the first new depth: the new node is its next sibling.
            let sibling_of = path.get(common).copied();
            path.truncate(common);
            for (d, &b) in w.iter().enumerate().skip(common) {
                let at = nodes.len() as u32;
                match sibling_of {
                    Some(s) if d == common => nodes[s as usize].sibling = at,
                    // The first child: the node after its parent (just made, or the end of the
                    // previous word, a prefix of this one).
                    _ if d > 0 => nodes[path[d - 1] as usize].child = true,
                    _ => {}
                }
                if d == 0 {
                    root[b as usize] = at;
                    if b.is_ascii_lowercase() {
                        root[b.to_ascii_uppercase() as usize] = at;
                    }
                }
                nodes.push(Node {
                    label: b,
                    child: false,
                    sibling: NONE,
                    word: NONE,
                });
                path.push(at);
            }
            let last = path[w.len() - 1] as usize;
            if nodes[last].word == NONE {
                nodes[last].word = id;
            }
            prev = w;
        }
        let mut pairs = vec![0u32; 1 << 16];
        for (b0, &first) in root.iter().enumerate() {
            if first == NONE || !nodes[first as usize].child {
                continue;
            }
            let mut c = first + 1;
            loop {
                let label = nodes[c as usize].label;
                pairs[b0 << 8 | label as usize] = c + 1;
                pairs[b0 << 8 | label.to_ascii_uppercase() as usize] = c + 1;
                match nodes[c as usize].sibling {
                    NONE => break,
                    s => c = s,
                }
            }
        }
        Trie { root, pairs, nodes }
    }

    /// The child of `node` by the text's byte `b`.
    #[inline]
    fn step(&self, node: u32, b: u8) -> u32 {
        let n = &self.nodes[node as usize];
        if !n.child {
            return NONE;
        }
        let b = b.to_ascii_lowercase();
        let mut c = node + 1;
        loop {
            let n = &self.nodes[c as usize];
            if n.label == b {
                return c;
            }
            if n.label > b || n.sibling == NONE {
                return NONE;
            }
            c = n.sibling;
        }
    }

    /// Calls `f(end, word)` for every word that starts at `start`, shortest first.
    #[inline]
    pub fn walk(&self, text: &[u8], start: usize, mut f: impl FnMut(usize, u32)) {
        let first = self.root[text[start] as usize];
        if first == NONE {
            return;
        }
        let word = self.nodes[first as usize].word;
        if word != NONE {
            f(start + 1, word);
        }
        let Some(&b) = text.get(start + 1) else {
            return;
        };
        // 0 (no pair) becomes NONE.
        let mut node = self.pairs[(text[start] as usize) << 8 | b as usize].wrapping_sub(1);
        let mut end = start + 2;
        while node != NONE {
            let word = self.nodes[node as usize].word;
            if word != NONE {
                f(end, word);
            }
            let Some(&b) = text.get(end) else { break };
            node = self.step(node, b);
            end += 1;
        }
    }

    /// Aho-corasick's leftmost-longest matches: from the left, the longest word that starts
    /// first, then the next after its end, never overlapping.
    pub fn leftmost_longest(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let text = text.as_bytes();
        let mut at = 0;
        while at < text.len() {
            let mut best = None;
            self.walk(text, at, |end, word| best = Some((end, word)));
            match best {
                Some((end, word)) => {
                    f(at, end, word as usize);
                    at = end;
                }
                None => at += 1,
            }
        }
    }

    /// Every occurrence of every word (aho-corasick's overlapping matches), in order of their
    /// starts. Words that fold to the same bytes are reported once, as the lowest id.
    pub fn overlapping(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let text = text.as_bytes();
        for at in 0..text.len() {
            self.walk(text, at, |end, word| f(at, end, word as usize));
        }
    }
}

/// What joins a character to a word, for [`WordTrie`]: a match counts only where the character
/// before it does not join (a word start), as a lexicon or a list of phrases reads copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joins {
    /// An ASCII letter or digit, or a hyphen; every byte outside ASCII stands apart.
    AsciiBytes,
    /// A letter or digit (Unicode), a hyphen or a non-breaking hyphen (U+2011).
    Chars,
}

/// Per byte: 1 when it joins a word, 0 when it does not, 2 when it opens a character outside
/// ASCII (read as a character by [`Joins::Chars`]).
const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() || c == b'-' {
            1
        } else if c >= 0x80 {
            2
        } else {
            0
        };
        b += 1;
    }
    t
}
static CLASSES: [u8; 256] = byte_classes();

impl Joins {
    #[inline]
    fn char_joins(c: char) -> bool {
        c.is_alphanumeric() || c == '-' || c == '\u{2011}'
    }

    /// Whether the unit (byte, or character) at `i` joins, and its length in bytes. `i` is on a
    /// character boundary for [`Joins::Chars`].
    #[inline(always)]
    fn unit(self, text: &str, i: usize) -> (bool, usize) {
        match CLASSES[text.as_bytes()[i] as usize] {
            0 => (false, 1),
            1 => (true, 1),
            _ => match self {
                Joins::AsciiBytes => (false, 1),
                Joins::Chars => {
                    // `i` is on a boundary, below the end: a character stands there.
                    let c = text[i..].chars().next().unwrap_or('\0');
                    (Joins::char_joins(c), c.len_utf8())
                }
            },
        }
    }

    /// Whether the unit that ends at `i` joins (false at the start of the text).
    #[inline]
    pub fn before(self, text: &str, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let b = text.as_bytes()[i - 1];
        match (self, CLASSES[b as usize]) {
            (_, 0) => false,
            (_, 1) => true,
            (Joins::AsciiBytes, _) => false,
            (Joins::Chars, _) => text[..i].chars().next_back().is_some_and(Joins::char_joins),
        }
    }

    /// The length of the first unit of `word` that does not join, from its start: its first
    /// segment (all of it when every unit joins).
    fn segment(self, word: &str) -> usize {
        let mut i = 0;
        while i < word.len() {
            let (joins, len) = self.unit(word, i);
            if !joins {
                return i;
            }
            i += len;
        }
        word.len()
    }
}

/// Of sixteen bytes, a bit for each that joins a word (an ASCII letter or digit, or a hyphen), bit
/// `i` for byte `i` (SSE2, part of x86_64).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn joining(v: std::arch::x86_64::__m128i) -> i32 {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of x86_64; these read and write registers only.
    unsafe {
        // Unsigned "x - low < span" as a signed compare, both sides moved by 128.
        let within = |x: __m128i, low: u8, span: u8| {
            let moved = _mm_add_epi8(x, _mm_set1_epi8(0u8.wrapping_sub(low) as i8 ^ -128));
            _mm_cmplt_epi8(moved, _mm_set1_epi8((span ^ 0x80) as i8))
        };
        let letter = within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26);
        let digit = within(v, b'0', 10);
        let hyphen = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'-' as i8));
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), hyphen))
    }
}

/// The end of the run of ASCII letters, digits and hyphens that starts at `i`. `SIMD`: sixteen
/// bytes at a time (SSE2, on x86_64), else one at a time (the fallback, and its test).
#[inline(always)]
fn ascii_run_end<const SIMD: bool>(t: &[u8], mut i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    while SIMD && i + 16 <= t.len() {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of x86_64; the load reads t[i..i + 16], within the slice.
        let joins = unsafe { joining(_mm_loadu_si128(t.as_ptr().add(i).cast::<__m128i>())) as u32 };
        if joins != 0xFFFF {
            return i + (!joins).trailing_zeros() as usize;
        }
        i += 16;
    }
    while i < t.len() && CLASSES[t[i] as usize] == 1 {
        i += 1;
    }
    i
}

/// Of the 64 bytes from `at` (zero bytes past the text's end): a bit for each that joins a word
/// (an ASCII letter or digit, or a hyphen) and one for each from 0x80 on, bit `i` for the byte at
/// `at + i`. `SIMD`: sixteen bytes at a time (SSE2, on x86_64), else by [`CLASSES`].
#[inline(always)]
fn block<const SIMD: bool>(t: &[u8], at: usize) -> (u64, u64) {
    match t.get(at..at + 64) {
        Some(b) => block64::<SIMD>(b),
        None => {
            let mut b = [0u8; 64];
            let rest = &t[at.min(t.len())..];
            b[..rest.len()].copy_from_slice(rest);
            block64::<SIMD>(&b)
        }
    }
}

/// [`block`] of 64 bytes.
#[inline(always)]
fn block64<const SIMD: bool>(b: &[u8]) -> (u64, u64) {
    debug_assert_eq!(b.len(), 64);
    #[cfg(target_arch = "x86_64")]
    if SIMD && b.len() >= 64 {
        use std::arch::x86_64::*;
        let (mut joins, mut high) = (0u64, 0u64);
        for k in 0..4 {
            // SAFETY: SSE2 is part of x86_64; the load reads b[16k..16k + 16], within the 64.
            let (j, h) = unsafe {
                let v = _mm_loadu_si128(b.as_ptr().add(16 * k).cast::<__m128i>());
                (joining(v) as u16, _mm_movemask_epi8(v) as u16)
            };
            joins |= u64::from(j) << (16 * k);
            high |= u64::from(h) << (16 * k);
        }
        return (joins, high);
    }
    let (mut joins, mut high) = (0u64, 0u64);
    for (i, &x) in b.iter().enumerate().take(64) {
        let c = CLASSES[x as usize];
        joins |= u64::from(c == 1) << i;
        high |= u64::from(c == 2) << i;
    }
    (joins, high)
}

/// A [`Trie`] searched for the leftmost-longest matches that start at a word start (where the
/// unit before does not join, by [`Joins`]): those of [`Trie::leftmost_longest`], found without
/// walking the trie from inside words.
///
/// Inside a word (the unit before the cursor joins), the leftmost-longest search walks the trie
/// from each place up to the word's end, and any match it takes there starts inside the word and
/// is not wanted. Those walks matter only when a match taken inside the word runs over the
/// character that ends it (then the next word start is covered and not searched). Such a match
/// starts inside the word's run of joining units, so its first segment (its bytes before its first
/// unit that does not join) is the end of that run, and the rest of it stands after the run: a
/// "bridge". Where no word of the trie bridges the run's end, the search skips to the next word
/// start; where one does, it walks from each place of the run, as the plain search does.
pub struct WordTrie {
    trie: Trie,
    joins: Joins,
    /// Whether runs may be skipped: no word opens on a unit that does not join (such a word
    /// could start at a run's end and cover the next word start).
    skips: bool,
    /// The first segments of the words with a unit that does not join (lower-cased), each
    /// with the rests of its words.
    bridges: Vec<Bridge>,
    /// The bridges by [`suffix_key`] of their segment's last three bytes (segments of three bytes
    /// or more).
    by_suffix: Vec<Vec<u16>>,
    /// The bridges whose segment is shorter than three bytes.
    short: Vec<u16>,
    /// A bit for each [`follow_key`] of a segment of two bytes or more and a rest of two bytes
    /// or more: its last three bytes (two, after each byte) and the rest's second byte (the first
    /// after the unit that ends the run, commonly the next word's first letter). A run whose end
    /// has no bit is bridged by no segment of two bytes or more. (A rest of one byte is the
    /// unit that ends the run, an ASCII byte that does not join: a match with it ends where the
    /// search goes on anyway, and covers no word start.)
    follows: Box<[u64; END_KEYS / 64]>,
    /// Whether a segment is one byte long (checked at every run's end).
    one_byte: bool,
    /// A bit for each [`prefix_key`] of a word's first four bytes, and of a three-byte word's
    /// bytes with each byte after them (and 0, for the text's end): a word start whose four
    /// bytes (or three, then 0) have no bit opens no word of three bytes or more.
    prefixes: Box<[u64; PREFIX_KEYS / 64]>,
    /// The first bytes (both cases) of the words shorter than three bytes.
    short_firsts: Box<[bool; 256]>,
}

/// A first segment and what follows it in the words that open on it.
struct Bridge {
    segment: Box<[u8]>,
    rests: Vec<Box<[u8]>>,
}

/// The bucket of three bytes (ASCII case folded) in [`WordTrie::by_suffix`].
#[inline]
fn suffix_key(a: u8, b: u8, c: u8) -> usize {
    let f = |x: u8| usize::from(x.to_ascii_lowercase());
    (f(a) * 961 + f(b) * 31 + f(c)) & (SUFFIX_KEYS - 1)
}
const SUFFIX_KEYS: usize = 4096;

/// The bit of four bytes, ASCII letters folded by their case bit (other bytes may share a bit:
/// two words that fold to the same bytes have the same bit), by a multiplier: `mul`'s bits 16
/// to 31 of the product.
#[inline(always)]
fn key4(a: u8, b: u8, c: u8, d: u8, mul: u32) -> usize {
    let x = u32::from_le_bytes([a, b, c, d]) | 0x2020_2020;
    (x.wrapping_mul(mul) >> 16) as usize
}

/// The bit of a run's last three bytes and the byte after the unit that ends it, in
/// [`WordTrie::follows`].
#[inline(always)]
fn follow_key(a: u8, b: u8, c: u8, d: u8) -> usize {
    key4(a, b, c, d, 0x9E37_79B1) & (END_KEYS - 1)
}
const END_KEYS: usize = 1 << 16;

/// The bit of a word's first four bytes in [`WordTrie::prefixes`].
#[inline(always)]
fn prefix_key(a: u8, b: u8, c: u8, d: u8) -> usize {
    key4(a, b, c, d, 0x85EB_CA6B) & (PREFIX_KEYS - 1)
}

const PREFIX_KEYS: usize = 1 << 16;

impl WordTrie {
    /// The trie of `words` (no word may be empty), read by `joins`.
    pub fn new<S: AsRef<str>>(words: &[S], joins: Joins) -> WordTrie {
        let trie = Trie::new(words);
        let mut skips = true;
        let mut bridges: Vec<Bridge> = Vec::new();
        for w in words {
            let lower = w.as_ref().to_ascii_lowercase();
            let seg = joins.segment(&lower);
            if seg == 0 {
                skips = false;
            } else if seg < lower.len() {
                let (segment, rest) = lower.as_bytes().split_at(seg);
                match bridges.iter_mut().find(|b| *b.segment == *segment) {
                    Some(b) => b.rests.push(rest.into()),
                    None => bridges.push(Bridge {
                        segment: segment.into(),
                        rests: vec![rest.into()],
                    }),
                }
            }
        }
        let mut prefixes = Box::new([0u64; PREFIX_KEYS / 64]);
        let mut short_firsts = Box::new([false; 256]);
        for w in words {
            match *w.as_ref().as_bytes() {
                [a, b, c, d, ..] => {
                    let k = prefix_key(a, b, c, d);
                    prefixes[k / 64] |= 1 << (k % 64);
                }
                [a, b, c] => {
                    for d in 0..=255 {
                        let k = prefix_key(a, b, c, d);
                        prefixes[k / 64] |= 1 << (k % 64);
                    }
                }
                [a, ..] => {
                    short_firsts[a.to_ascii_lowercase() as usize] = true;
                    short_firsts[a.to_ascii_uppercase() as usize] = true;
                }
                [] => {}
            }
        }
        let mut by_suffix = vec![Vec::new(); SUFFIX_KEYS];
        let mut short = Vec::new();
        let mut follows = Box::new([0u64; END_KEYS / 64]);
        let mut one_byte = false;
        let set = |bits: &mut [u64; END_KEYS / 64], k: usize| bits[k / 64] |= 1 << (k % 64);
        for (i, b) in bridges.iter().enumerate() {
            let i = u16::try_from(i).expect("fewer than 65,536 segments");
            match *b.segment {
                [.., x, y, z] => {
                    by_suffix[suffix_key(x, y, z)].push(i);
                    // (A rest of one byte needs no bit.)
                    for rest in &b.rests {
                        if let [_, d, ..] = **rest {
                            set(&mut follows, follow_key(x, y, z, d));
                        }
                    }
                }
                [y, z] => {
                    short.push(i);
                    for rest in &b.rests {
                        if let [_, d, ..] = **rest {
                            for a in 0..=255 {
                                set(&mut follows, follow_key(a, y, z, d));
                            }
                        }
                    }
                }
                _ => {
                    short.push(i);
                    one_byte = true;
                }
            }
        }
        WordTrie {
            trie,
            joins,
            skips,
            bridges,
            by_suffix,
            short,
            prefixes,
            short_firsts,
            follows,
            one_byte,
        }
    }

    /// Whether a word of the trie may bridge the end `r` of the run of joining units that starts
    /// at `x` (its first segment ends the run, its rest follows, ASCII case folded).
    #[inline(always)]
    fn bridged(&self, t: &[u8], x: usize, r: usize) -> bool {
        let run = r - x;
        if run >= 2 {
            // The run's last two bytes and the byte before them (the run's, or any: a two-byte
            // segment has the bit with every byte before it). Past the text's end no rest of two
            // bytes follows (0 may share a bit: no harm).
            let a = r.checked_sub(3).map_or(0, |i| t[i]);
            let (b, c) = (t[r - 2], t[r - 1]);
            let k = follow_key(a, b, c, t.get(r + 1).copied().unwrap_or(0));
            if self.follows[k / 64] & (1 << (k % 64)) != 0 {
                let ids = &self.by_suffix[suffix_key(a, b, c)];
                if run >= 3 && !ids.is_empty() && self.bridges_any(ids, t, run, r) {
                    return true;
                }
                if !self.short.is_empty() && self.bridges_any(&self.short, t, run, r) {
                    return true;
                }
            }
        }
        self.one_byte && self.bridges_any(&self.short, t, run, r)
    }

    /// Whether one of the bridges `ids` ends the run of `run` bytes before `r`.
    #[inline(never)]
    fn bridges_any(&self, ids: &[u16], t: &[u8], run: usize, r: usize) -> bool {
        ids.iter().any(|&i| {
            let b = &self.bridges[usize::from(i)];
            let seg = b.segment.len();
            seg <= run
                && t[r - seg..r].eq_ignore_ascii_case(&b.segment)
                && b.rests.iter().any(|rest| {
                    t[r..]
                        .get(..rest.len())
                        .is_some_and(|got| got.eq_ignore_ascii_case(rest))
                })
        })
    }

    /// Whether a word may open at `at` (its first four bytes, its three for a three-byte word,
    /// or its first byte for a word shorter than that).
    #[inline(always)]
    fn may_open(&self, t: &[u8], at: usize) -> bool {
        if self.short_firsts[t[at] as usize] {
            return true;
        }
        let has = |k: usize| self.prefixes[k / 64] & (1 << (k % 64)) != 0;
        match *t.get(at..).unwrap_or_default() {
            [a, b, c, d, ..] => has(prefix_key(a, b, c, d)),
            [a, b, c] => has(prefix_key(a, b, c, 0)),
            _ => false,
        }
    }

    /// The longest word at `at`, as (end, word).
    #[inline]
    fn longest(&self, t: &[u8], at: usize) -> Option<(usize, u32)> {
        let mut best = None;
        self.trie.walk(t, at, |end, word| best = Some((end, word)));
        best
    }

    /// From `p`, where the unit before does not join, the first place where
    /// [`WordTrie::leftmost_longest`]'s search must look: a word start where a word opens, or
    /// whose run of joining bytes ends on a byte outside ASCII or is bridged
    /// ([`WordTrie::bridged`]); or a byte outside ASCII outside a word; or the text's end when
    /// none is ahead. At each word start passed over, the search takes no match there, then
    /// finds its run ends on an ASCII byte that does not join and no word bridges that end, so
    /// it walks nothing inside the word and goes on after it, outside a word.
    ///
    /// The word starts and run ends come from 64 bytes' masks at once ([`block`]), so a word
    /// costs two bit tests and the masks' bits, not a loop over its bytes.
    #[inline(always)]
    fn skip<const SIMD: bool>(&self, t: &[u8], mut p: usize) -> usize {
        let n = t.len();
        'blocks: while p < n {
            let (joins, high) = block::<SIMD>(t, p);
            // The first byte outside ASCII (64 when none): a start after it is the search's.
            let stop = high.trailing_zeros();
            // The byte before `p` does not join: bit 0 starts a word when it joins.
            let mut starts = joins & !(joins << 1);
            while starts != 0 {
                let k = starts.trailing_zeros();
                if k > stop {
                    break;
                }
                let w = p + k as usize;
                // A word opens here: the search takes it from here. (Most walks find none.)
                if self.may_open(t, w) && self.longest(t, w).is_some() {
                    return w;
                }
                // The run's end: the first byte from `w` that does not join (within the block,
                // where bytes past the text's end are zero), or past the block.
                let ends = !joins >> k;
                let r = if ends != 0 {
                    w + ends.trailing_zeros() as usize
                } else {
                    ascii_run_end::<SIMD>(t, p + 64)
                };
                if r >= n {
                    return n;
                }
                if t[r] >= 0x80 || self.bridged(t, w + 1, r) {
                    return w;
                }
                if ends == 0 {
                    // After the run's end, which does not join.
                    p = r + 1;
                    continue 'blocks;
                }
                starts &= starts - 1;
            }
            if stop < 64 {
                return p + stop as usize;
            }
            p += 64;
        }
        n
    }

    /// The matches of [`Trie::leftmost_longest`] that start at a word start, as
    /// `f(start, end, word)`, in order.
    pub fn leftmost_longest(&self, text: &str, f: impl FnMut(usize, usize, usize)) {
        self.search::<true>(text, f)
    }

    /// [`WordTrie::leftmost_longest`]; `SIMD`: with SSE2 (on x86_64), else the portable code.
    #[inline(always)]
    fn search<const SIMD: bool>(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        if !self.skips {
            let joins = self.joins;
            self.trie.leftmost_longest(text, |s, e, w| {
                if !joins.before(text, s) {
                    f(s, e, w)
                }
            });
            return;
        }
        let t = text.as_bytes();
        let n = t.len();
        let mut at = 0;
        // Whether the unit before `at` joins (`at` is inside a word).
        let mut inside = false;
        while at < n {
            if !inside {
                at = self.skip::<SIMD>(t, at);
                if at >= n {
                    return;
                }
                // Nothing opens on a unit that does not join (`skips`).
                if CLASSES[t[at] as usize] == 0 {
                    at += 1;
                    continue;
                }
                let longest = if self.may_open(t, at) {
                    self.longest(t, at)
                } else {
                    None
                };
                match longest {
                    Some((end, word)) => {
                        f(at, end, word as usize);
                        at = end;
                        inside = self.joins.before(text, at);
                    }
                    None => {
                        let (joins, len) = self.joins.unit(text, at);
                        at += len;
                        inside = joins;
                    }
                }
                continue;
            }
            // Inside a word: the run of joining units from `at` ends at `r`, the next word start
            // is after the unit at `r`.
            let mut r = at;
            let next = loop {
                r = ascii_run_end::<SIMD>(t, r);
                if r >= n {
                    // No word start ahead: nothing more to report.
                    return;
                }
                let (joins, len) = self.joins.unit(text, r);
                if !joins {
                    break r + len;
                }
                r += len;
            };
            if !self.bridged(t, at, r) {
                at = next;
                inside = false;
                continue;
            }
            // Walk from each place of the run, as the plain search does (its matches start
            // inside the word and are not reported).
            while at < r {
                match self.longest(t, at) {
                    Some((end, _)) => at = end,
                    None => at += self.joins.unit(text, at).1,
                }
            }
            // At the run's end (nothing opens on the unit there) or past it.
            inside = self.joins.before(text, at);
            if at == r {
                at = next;
                inside = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};
    use proptest::prelude::*;

    fn ac(words: &[String], kind: MatchKind) -> AhoCorasick {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(kind)
            .build(words)
            .unwrap()
    }

    fn trie_longest(words: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        Trie::new(words).leftmost_longest(text, |s, e, w| out.push((s, e, w)));
        out
    }

    fn trie_overlapping(words: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        Trie::new(words).overlapping(text, |s, e, w| out.push((s, e, w)));
        out.sort_unstable();
        out
    }

    fn ac_longest(words: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        ac(words, MatchKind::LeftmostLongest)
            .find_iter(text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    fn ac_overlapping(words: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let mut out: Vec<_> = ac(words, MatchKind::Standard)
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn the_trie_finds_what_aho_corasick_finds() {
        let words: Vec<String> = [
            "war",
            "warlord",
            "lord",
            "a b",
            "b c d",
            "so-called",
            "so",
            "Said",
            "café",
            "ward",
        ]
        .map(String::from)
        .into();
        for text in [
            "The Warlord spoke of war.",
            "xa b c d and a b c d",
            "The so-called SO-CALLED warden said café CAFÉ Café",
            "",
            "w",
            "lordwarlordward",
        ] {
            assert_eq!(
                trie_longest(&words, text),
                ac_longest(&words, text),
                "{text}"
            );
            assert_eq!(
                trie_overlapping(&words[..], text),
                ac_overlapping(&words, text),
                "{text}"
            );
        }
        // Words that fold to the same bytes: leftmost-longest reports the first.
        let dup: Vec<String> = ["Terror", "terror", "terrorist"].map(String::from).into();
        let text = "terror and TERRORISTS";
        assert_eq!(trie_longest(&dup, text), ac_longest(&dup, text));
    }

    proptest! {
        #[test]
        fn the_trie_matches_as_aho_corasick_on_any_text(
            words in proptest::collection::btree_set("[abAB -é]{1,5}", 1..12),
            text in "[abcAB -é]{0,40}",
        ) {
            let words: Vec<String> = words.into_iter().collect();
            prop_assert_eq!(trie_longest(&words, &text), ac_longest(&words, &text));
            // Overlapping reports one id per folded word: compare on distinct folded words.
            let mut seen = std::collections::HashSet::new();
            let distinct: Vec<String> = words
                .iter()
                .filter(|w| seen.insert(w.to_ascii_lowercase()))
                .cloned()
                .collect();
            prop_assert_eq!(trie_overlapping(&distinct, &text), ac_overlapping(&distinct, &text));
        }
    }

    /// The matches of the trie that start at a word start, as [`WordTrie`] should find them.
    fn plain_at_words(words: &[String], joins: Joins, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        Trie::new(words).leftmost_longest(text, |s, e, w| {
            if !joins.before(text, s) {
                out.push((s, e, w))
            }
        });
        out
    }

    fn at_words(words: &[String], joins: Joins, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        WordTrie::new(words, joins).leftmost_longest(text, |s, e, w| out.push((s, e, w)));
        out
    }

    /// [`at_words`] by the portable code (no SSE2).
    fn at_words_portable(words: &[String], joins: Joins, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        WordTrie::new(words, joins).search::<false>(text, |s, e, w| out.push((s, e, w)));
        out
    }

    #[test]
    fn word_starts_skip_words_unless_a_phrase_bridges_their_end() {
        let words: Vec<String> = ["act of war", "war", "of war", "so", "warlord", "on target"]
            .map(String::from)
            .into();
        for joins in [Joins::Chars, Joins::AsciiBytes] {
            for text in [
                // "act of war" from inside "contact" covers "of war", which is not searched.
                "contact of war",
                "An act of war, of war.",
                "son of war; reason on target",
                "postwar warlords war-lord so‑so",
            ] {
                assert_eq!(
                    at_words(&words, joins, text),
                    plain_at_words(&words, joins, text),
                    "{joins:?} {text}"
                );
            }
        }
        assert!(at_words(&words, Joins::Chars, "contact of war").is_empty());
        assert_eq!(at_words(&words, Joins::Chars, "contact, of war").len(), 1);
        // A phrase that opens where a match inside the word ends: "c d" from the end of "ab"
        // covers "d".
        let words: Vec<String> = ["ab", "c d", "d"].map(String::from).into();
        for joins in [Joins::Chars, Joins::AsciiBytes] {
            assert_eq!(at_words(&words, joins, "abc d"), [(0, 2, 0)]);
            assert_eq!(plain_at_words(&words, joins, "abc d"), [(0, 2, 0)]);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Walked from word starts, the trie finds the plain search's matches that start at one:
        /// phrases that run over a word's end from inside it, words that open on a unit that does
        /// not join, hyphens (and the non-breaking one), letters outside ASCII.
        #[test]
        fn word_starts_find_what_the_plain_search_finds_there(
            words in proptest::collection::btree_set("[abAB][abAB ,é\u{2011}-]{0,5}", 1..12),
            odd in proptest::collection::btree_set("[abAB ,é\u{2011}×-]{1,5}", 0..3),
            text in "[abcAB ,é\u{2011}×-]{0,60}",
        ) {
            let mut words: Vec<String> = words.into_iter().collect();
            for joins in [Joins::Chars, Joins::AsciiBytes] {
                prop_assert_eq!(at_words(&words, joins, &text), plain_at_words(&words, joins, &text));
            }
            words.extend(odd);
            for joins in [Joins::Chars, Joins::AsciiBytes] {
                prop_assert_eq!(at_words(&words, joins, &text), plain_at_words(&words, joins, &text));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// Over stories longer than the 64 bytes read at once: words and runs across the
        /// blocks' edges, runs longer than a block, letters outside ASCII among ASCII words, by
        /// SSE2 and by the portable code.
        #[test]
        fn word_starts_by_blocks_find_what_the_plain_search_finds_there(
            words in proptest::collection::btree_set("[abAB][abAB ,é\u{2011}-]{0,6}", 1..12),
            text in "([abcAB]{1,9}[ ,é\u{2011}×-]{0,2}|[ab]{60,70} ){0,40}",
        ) {
            let words: Vec<String> = words.into_iter().collect();
            for joins in [Joins::Chars, Joins::AsciiBytes] {
                let plain = plain_at_words(&words, joins, &text);
                prop_assert_eq!(&at_words(&words, joins, &text), &plain);
                prop_assert_eq!(&at_words_portable(&words, joins, &text), &plain);
            }
        }

        /// The SSE2 masks of 64 bytes are the portable ones.
        #[test]
        fn block_masks_by_sse2_are_the_portable_ones(
            bytes in proptest::collection::vec(any::<u8>(), 0..200),
            at in 0usize..200,
        ) {
            let at = at.min(bytes.len());
            prop_assert_eq!(block::<true>(&bytes, at), block::<false>(&bytes, at));
            prop_assert_eq!(
                ascii_run_end::<true>(&bytes, at),
                ascii_run_end::<false>(&bytes, at)
            );
        }
    }
}
