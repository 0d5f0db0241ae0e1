//! One aho-corasick pass that tells, for every sentence, which of the family's big patterns can
//! match in it, so each pattern runs only on the few sentences that hold one of its required words
//! instead of over the whole story.
//!
//! The required words are not kept by hand: each top-level alternative of a pattern reads them off
//! its template (see [`super::alternatives`]) as lists, one per required part, and gets a bit of
//! its own, set for a sentence that holds a word of each list. An alternative with no required
//! words runs on every sentence (correct, just slower).

use super::alternatives::Alternatives;
use crate::rules::automaton::Warming;
use aho_corasick::MatchKind;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// Bytes searched with the trie before the prefilter builds its DFA: its build costs about as
/// much as the DFA saves on half a megabyte to a megabyte of copy.
const DFA_AFTER: usize = 1 << 20;

/// The prefilter for a fixed list of patterns split into alternatives (at most 128 in all).
pub struct Prefilter {
    /// The words: a trie, cheap to build, for a short story; a DFA once [`DFA_AFTER`]
    /// bytes have been searched. Both give the same overlapping matches.
    ac: Warming,
    /// For each aho-corasick pattern id, the word lists (numbered over all alternatives) it is
    /// in, as a bit set over lists (`width` words from `id * width`).
    owner: Vec<u64>,
    /// For each alternative: its bit and the lists it needs a word of, as a bit set over lists.
    need: Vec<(u128, Vec<u64>)>,
    /// For each list, the alternatives in `need` whose first list it is: a sentence is tested
    /// only for the alternatives whose first list it holds a word of.
    by_first_list: Vec<Vec<usize>>,
    /// Alternatives with no lists: run everywhere.
    always: u128,
    /// Each pattern's first bit.
    first: Vec<u32>,
    /// Words of the bit sets over lists.
    width: usize,
}

impl Prefilter {
    pub fn new(patterns: &[&Alternatives]) -> Prefilter {
        let mut words: Vec<String> = Vec::new();
        // By the word as matched (ASCII case folded): one automaton word per spelling.
        let mut index: HashMap<Cow<str>, usize> = HashMap::default();
        let mut owner: Vec<Vec<u32>> = Vec::new();
        let mut lists: Vec<(u128, Vec<u32>)> = Vec::new();
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
                for set in b.sets() {
                    for w in set {
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
                        owner[k].push(n);
                    }
                    ids.push(n);
                    n += 1;
                }
                if !ids.is_empty() {
                    lists.push((1u128 << bit, ids));
                }
                bit += 1;
            }
        }
        let width = (n as usize).div_ceil(64).max(1);
        let mut owner_bits = vec![0u64; owner.len() * width];
        for (k, ids) in owner.iter().enumerate() {
            for &i in ids {
                owner_bits[k * width + i as usize / 64] |= 1 << (i % 64);
            }
        }
        let mut by_first_list = vec![Vec::new(); n as usize];
        for (k, (_, ids)) in lists.iter().enumerate() {
            by_first_list[ids[0] as usize].push(k);
        }
        let need = lists
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
            ac: Warming::new(words, MatchKind::Standard, DFA_AFTER),
            owner: owner_bits,
            need,
            by_first_list,
            always,
            first,
            width,
        }
    }

    /// For each span (sentences, in order and not overlapping), the bit set of the alternatives
    /// that can match inside it: those with a word of each of their lists there.
    pub fn masks(&self, text: &str, spans: &[crate::finding::Span]) -> Vec<u128> {
        let (hits, touched) = self.hits(text, spans);
        let w = self.width;
        let mut out = vec![self.always; spans.len()];
        for (k, o) in out.iter_mut().enumerate() {
            if !touched[k] {
                continue;
            }
            let h = &hits[k * w..(k + 1) * w];
            for (wi, &word) in h.iter().enumerate() {
                let mut lists = word;
                while lists != 0 {
                    let list = wi * 64 + lists.trailing_zeros() as usize;
                    lists &= lists - 1;
                    for &a in &self.by_first_list[list] {
                        let (bit, set) = &self.need[a];
                        if set.iter().zip(h).all(|(n, h)| n & h == *n) {
                            *o |= bit;
                        }
                    }
                }
            }
        }
        out
    }

    /// Per span, the lists it holds a word of (`width` words each), and whether it holds any.
    fn hits(&self, text: &str, spans: &[crate::finding::Span]) -> (Vec<u64>, Vec<bool>) {
        let w = self.width;
        let mut hits = vec![0u64; spans.len() * w];
        let mut touched = vec![false; spans.len()];
        // Matches come in order of their starts (the trie) or of their ends (the DFA: their starts
        // go back at most by the length of a word): move the sentence index back or forth from
        // where it was.
        let mut k = 0usize;
        self.ac.overlapping(text, |at, _, p| {
            while k > 0 && spans[k - 1].end > at {
                k -= 1;
            }
            while spans.get(k).is_some_and(|s| s.end <= at) {
                k += 1;
            }
            if !spans.get(k).is_some_and(|s| s.start <= at) {
                return;
            }
            touched[k] = true;
            let h = &mut hits[k * w..(k + 1) * w];
            for (h, o) in h.iter_mut().zip(&self.owner[p * w..(p + 1) * w]) {
                *h |= o;
            }
        });
        (hits, touched)
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
