//! One aho-corasick pass that tells, for every sentence, which of the family's big patterns can
//! match in it, so each pattern runs only on the few sentences that hold one of its required words
//! instead of over the whole story.
//!
//! The required words are not kept by hand: each top-level alternative of a pattern reads them off
//! its template (see [`super::alternatives`]), and gets a bit of its own. An alternative with no
//! required words runs on every sentence (correct, just slower).

use super::alternatives::Alternatives;
use aho_corasick::{AhoCorasick, MatchKind};

/// The prefilter for a fixed list of patterns split into alternatives (at most 128 in all).
pub struct Prefilter {
    ac: AhoCorasick,
    /// For each aho-corasick pattern id, the bit of the alternative it belongs to.
    owner: Vec<u128>,
    /// Alternatives with no anchors: run everywhere.
    always: u128,
    /// Each pattern's first bit.
    first: Vec<u32>,
}

impl Prefilter {
    pub fn new(patterns: &[&Alternatives]) -> Prefilter {
        let mut lits: Vec<&str> = Vec::new();
        let mut owner = Vec::new();
        let mut always = 0u128;
        let mut first = Vec::new();
        let mut bit = 0u32;
        for p in patterns {
            first.push(bit);
            for b in p.branches() {
                assert!(bit < 128, "more than 128 alternatives behind one prefilter");
                match b.anchors() {
                    Some(a) => {
                        for l in a {
                            lits.push(l);
                            owner.push(1u128 << bit);
                        }
                    }
                    None => always |= 1 << bit,
                }
                bit += 1;
            }
        }
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&lits)
            .expect("prefilter automaton");
        Prefilter {
            ac,
            owner,
            always,
            first,
        }
    }

    /// For each span (sentences, in order and not overlapping), the bit set of the alternatives
    /// that can match inside it.
    pub fn masks(&self, text: &str, spans: &[crate::finding::Span]) -> Vec<u128> {
        let mut out = vec![self.always; spans.len()];
        for m in self.ac.find_overlapping_iter(text) {
            let k = spans.partition_point(|s| s.end <= m.start());
            if spans.get(k).is_some_and(|s| s.start <= m.start()) {
                out[k] |= self.owner[m.pattern().as_usize()];
            }
        }
        out
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
