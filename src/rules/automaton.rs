//! An aho-corasick automaton that gets faster as it is used.
//!
//! A check of one short story pays more to build a DFA (a table row per state) than it saves in
//! the search, so a search starts on the cheap automaton its owner built and switches to a DFA of
//! the same words once enough copy has been searched: a large story, or a server's stream of
//! edits. Both give the same matches (same words, same match kind), so the switch is invisible
//! except in time.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

pub struct Warming {
    /// The words, for the DFA.
    words: Vec<String>,
    kind: MatchKind,
    /// What searches use until `dfa_after` bytes have been searched.
    first: AhoCorasick,
    dfa: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
    dfa_after: usize,
}

impl Warming {
    /// `first` must be built from `words` with ASCII case folding and match kind `kind`.
    pub fn new(words: Vec<String>, kind: MatchKind, first: AhoCorasick, dfa_after: usize) -> Self {
        Warming {
            words,
            kind,
            first,
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
            dfa_after,
        }
    }

    /// The automaton for a search of `len` bytes.
    pub fn for_search(&self, len: usize) -> &AhoCorasick {
        let before = self.searched.fetch_add(len, Ordering::Relaxed);
        if before.saturating_add(len) < self.dfa_after {
            return &self.first;
        }
        self.dfa
            .get_or_init(|| {
                // A DFA without a prefilter: one table lookup per byte of copy whatever the
                // number of words, so the per-keystroke cost stays flat as a list grows (a
                // prefilter is faster for a handful of words and slower past a few hundred).
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(self.kind)
                    .kind(Some(AhoCorasickKind::DFA))
                    .prefilter(false)
                    .build(&self.words)
                    .ok()
            })
            .as_ref()
            .unwrap_or(&self.first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dfa_finds_what_the_first_automaton_found() {
        let words: Vec<String> = ["war", "warlord", "lord"].map(String::from).into();
        let first = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .unwrap();
        let w = Warming::new(words, MatchKind::LeftmostLongest, first, 40);
        let text = "The Warlord spoke of war.";
        let spans = |a: &AhoCorasick| a.find_iter(text).map(|m| m.span()).collect::<Vec<_>>();
        let before = spans(w.for_search(text.len()));
        assert!(w.dfa.get().is_none());
        let after = spans(w.for_search(text.len()));
        assert_eq!(
            w.dfa.get().and_then(Option::as_ref).map(|a| a.kind()),
            Some(AhoCorasickKind::DFA)
        );
        assert_eq!(before, after);
        assert_eq!(before.len(), 2);
    }
}
