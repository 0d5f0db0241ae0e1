//! A word automaton that gets faster as it is used.
//!
//! A check of one short story pays more to build an aho-corasick automaton (a trie, failure links,
//! a table row per state for its DFA) than it spends searching with it. So a search starts on a
//! [`Trie`] of the words, which costs a sort and one node per byte to build and is walked from
//! each position of the text, and switches to an aho-corasick DFA of the same words once enough
//! copy has been searched: a large story, or a server's stream of edits. Both give the same
//! matches (same words, same match kind, ASCII case folded), so the switch is invisible except in
//! time.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

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

/// A word automaton: a [`Trie`] first, an aho-corasick DFA after `dfa_after` bytes searched.
pub struct Warming {
    /// The words, for the DFA.
    words: Vec<String>,
    kind: MatchKind,
    /// What searches use until `dfa_after` bytes have been searched.
    first: Trie,
    dfa: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
    dfa_after: usize,
}

impl Warming {
    /// `kind` is `LeftmostLongest` (for [`Warming::leftmost_longest`]) or `Standard` (for
    /// [`Warming::overlapping`]). No word may be empty; for `Standard`, no two words may fold to
    /// the same bytes.
    pub fn new(words: Vec<String>, kind: MatchKind, dfa_after: usize) -> Self {
        Warming {
            first: Trie::new(&words),
            words,
            kind,
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
            dfa_after,
        }
    }

    /// The DFA once `len` more bytes are searched, if it is due.
    fn dfa(&self, len: usize) -> Option<&AhoCorasick> {
        let before = self.searched.fetch_add(len, Ordering::Relaxed);
        if before.saturating_add(len) < self.dfa_after {
            return None;
        }
        self.dfa
            .get_or_init(|| {
                // A DFA without a prefilter: one table lookup per byte of copy whatever the
                // number of words, so the per-keystroke cost stays flat as a list grows (a
                // prefilter is faster for a handful of words and slower past a few hundred).
                // Case-sensitive, over the words ASCII-lowercased, searched in a lowercased copy
                // of the text (same bytes, same places): a case-insensitive DFA keeps 'a' and 'A'
                // in byte classes apart, and so builds a table about twice as wide (20 -> 14 M
                // instructions for the AP lexicon, searching a megabyte at about the same cost).
                let lower: Vec<String> =
                    self.words.iter().map(|w| w.to_ascii_lowercase()).collect();
                AhoCorasick::builder()
                    .match_kind(self.kind)
                    .kind(Some(AhoCorasickKind::DFA))
                    .prefilter(false)
                    .build(&lower)
                    .ok()
            })
            .as_ref()
    }

    /// The leftmost-longest matches, as `f(start, end, word)`, in order.
    pub fn leftmost_longest(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        debug_assert_eq!(self.kind, MatchKind::LeftmostLongest);
        match self.dfa(text.len()) {
            Some(ac) => with_lower(text, |lower| {
                for m in ac.find_iter(lower) {
                    f(m.start(), m.end(), m.pattern().as_usize());
                }
            }),
            None => self.first.leftmost_longest(text, f),
        }
    }

    /// Every occurrence of every word, as `f(start, end, word)`, in no set order.
    pub fn overlapping(&self, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        debug_assert_eq!(self.kind, MatchKind::Standard);
        match self.dfa(text.len()) {
            Some(ac) => with_lower(text, |lower| {
                for m in ac.find_overlapping_iter(lower) {
                    f(m.start(), m.end(), m.pattern().as_usize());
                }
            }),
            None => self.first.overlapping(text, f),
        }
    }
}

thread_local! {
    /// The lowercased copy [`with_lower`] writes into, kept from one search to the next (a
    /// paragraph at a time, a long story made one copy per paragraph).
    static LOWER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The largest buffer [`with_lower`] keeps between searches.
const KEEP_LOWER: usize = 1 << 16;

/// `f` of `text` ASCII-lowercased (the same bytes at the same places), in this thread's buffer;
/// a fresh copy when the buffer is in use (a search inside `f`).
fn with_lower<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    LOWER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut lower) => {
            lower.clear();
            lower.push_str(text);
            lower.make_ascii_lowercase();
            let out = f(&lower);
            // A copy of a long paragraph is not kept for the next one (a server's memory).
            if lower.capacity() > KEEP_LOWER {
                *lower = String::new();
            }
            out
        }
        Err(_) => f(&text.to_ascii_lowercase()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
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

    /// Every match, from the trie or from the DFA (built before the first search).
    fn warming(
        words: &[String],
        kind: MatchKind,
        dfa: bool,
        text: &str,
    ) -> Vec<(usize, usize, usize)> {
        let w = Warming::new(words.to_vec(), kind, if dfa { 0 } else { usize::MAX });
        let mut out = Vec::new();
        match kind {
            MatchKind::LeftmostLongest => w.leftmost_longest(text, |s, e, p| out.push((s, e, p))),
            _ => w.overlapping(text, |s, e, p| out.push((s, e, p))),
        }
        assert_eq!(w.dfa.get().is_some(), dfa);
        out.sort_unstable();
        out
    }

    proptest! {
        /// The lowercased DFA finds what the trie (and a case-insensitive automaton) finds, in
        /// any case on either side.
        #[test]
        fn the_dfa_matches_as_the_trie_on_any_text(
            words in proptest::collection::btree_set("[abAB -é]{1,5}", 1..12),
            text in "[abcAB -é]{0,40}",
        ) {
            let words: Vec<String> = words.into_iter().collect();
            let kind = MatchKind::LeftmostLongest;
            prop_assert_eq!(warming(&words, kind, true, &text), warming(&words, kind, false, &text));
            let mut seen = std::collections::HashSet::new();
            let distinct: Vec<String> = words
                .iter()
                .filter(|w| seen.insert(w.to_ascii_lowercase()))
                .cloned()
                .collect();
            let kind = MatchKind::Standard;
            prop_assert_eq!(
                warming(&distinct, kind, true, &text),
                warming(&distinct, kind, false, &text)
            );
        }
    }

    #[test]
    fn the_dfa_finds_what_the_trie_found() {
        let words: Vec<String> = ["war", "warlord", "lord"].map(String::from).into();
        let w = Warming::new(words, MatchKind::LeftmostLongest, 40);
        let text = "The Warlord spoke of war.";
        let spans = || {
            let mut out = Vec::new();
            w.leftmost_longest(text, |s, e, p| out.push((s, e, p)));
            out
        };
        let before = spans();
        assert!(w.dfa.get().is_none());
        let after = spans();
        assert_eq!(
            w.dfa.get().and_then(Option::as_ref).map(|a| a.kind()),
            Some(AhoCorasickKind::DFA)
        );
        assert_eq!(before, after);
        assert_eq!(before.len(), 2);
    }
}
