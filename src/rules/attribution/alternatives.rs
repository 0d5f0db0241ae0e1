//! A big pattern kept as its top-level alternatives, each compiled only when a sentence may hold
//! one of its matches.
//!
//! Compiling a pattern with word lists of a few hundred entries costs tens of millions of
//! instructions, far more than checking a short story with it, and most alternatives never match
//! a given story. So each alternative ("branch") gets its own regex, built on first use, and its own
//! required words for the story-wide aho-corasick prefilter ([`super::prefilter`]). The required
//! words are read off the template itself (a word-list slot or a literal word that every match must
//! contain), not from a compiled regex, so start-up compiles nothing.
//!
//! Searching the open branches together gives exactly the matches of the whole alternation under
//! leftmost-first semantics: at each step the match that starts first wins, and of two starting at
//! the same place the earlier branch wins, with that branch's own match there.
//!
//! A branch runs on one sentence at a time, so it is built without the literal prefilters the
//! regex engine would extract for long haystacks (a fifth to a third of its compile time).

#[cfg(test)]
use super::lists::expand;
use super::lists::Slots;
use super::patterns::Built;
use super::templates::{branches, required_sets_edged};
use crate::narrow::Tiered;
use regex_automata::meta::{self, Regex};
use regex_automata::Input;

pub use crate::narrow::{Caps, Match};

/// One alternative of a pattern.
pub struct Branch {
    /// The regex source (with the pattern's leading flags).
    source: String,
    /// Lists of lower-case words: every match contains a word of each list. Empty: no such list
    /// (the branch runs everywhere).
    sets: Vec<Vec<String>>,
    /// For each word of `sets`, its edges (see [`super::templates::LEFT`]).
    edges: Vec<Vec<u8>>,
    re: Tiered,
}

impl Branch {
    /// The leftmost match starting at or after `at` (the text before `at` counts for `\b`);
    /// `fits`: whether `hay` fits the narrow regex ([`crate::narrow::fits`]).
    fn find_at<'h>(&self, hay: &'h str, at: usize, fits: bool) -> Option<Match<'h>> {
        self.re
            .pick(fits)
            .search(&Input::new(hay).range(at..))
            .map(|m| Match::new(hay, m.start(), m.end()))
    }

    #[cfg(test)]
    pub(super) fn captures_at<'h>(&self, hay: &'h str, at: usize, fits: bool) -> Option<Caps<'h>> {
        self.re
            .pick(fits)
            .captures(hay, &Input::new(hay).range(at..))
    }

    /// The capture groups of `m`, the match [`Branch::find_at`] found (as [`Branch::captures_at`]
    /// from its start reads them, without the search again where it can).
    fn captures_of<'h>(&self, hay: &'h str, m: Match<'h>, fits: bool) -> Caps<'h> {
        debug_assert_eq!(self.re.pattern_len(), 1);
        let m = regex_automata::Match::new(regex_automata::PatternID::ZERO, m.range());
        self.re.pick(fits).captures_of(hay, &Input::new(hay), m)
    }

    /// The lists of required words (see [`super::templates::required_sets`]).
    pub fn sets(&self) -> &[Vec<String>] {
        &self.sets
    }

    /// The edges of each word of [`Branch::sets`], list by list (see
    /// [`super::templates::required_sets_edged`]).
    pub fn edges(&self) -> &[Vec<u8>] {
        &self.edges
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether `build.rs` compiled this branch's automaton (see [`crate::narrow::Tiered`]).
    pub fn has_automaton(&self) -> bool {
        self.re.has_automaton()
    }
}

/// The configuration of a branch's regex: the `regex` crate's semantics (leftmost-first, Unicode,
/// matches on `char` boundaries) without the literal prefilters.
pub fn config() -> meta::Config {
    meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .auto_prefilter(false)
}

/// A pattern run on one sentence at a time, with the configuration of a branch, compiled for the
/// characters of the sentences it meets ([`Tiered`]).
pub fn tiered(source: String) -> Tiered {
    Tiered::new(vec![source], config())
}

/// A branch's regex as written (the full tier), once both tiers are known to compile: to check a
/// pattern.
pub fn compile(source: &str) -> Result<Regex, meta::BuildError> {
    let t = tiered(source.to_string());
    t.build_narrow()?;
    t.build_full()
}

/// A pattern as its top-level alternatives (at most 64).
pub struct Alternatives {
    branches: Vec<Branch>,
}

/// Every branch open.
pub const ALL: u64 = u64::MAX;

impl Alternatives {
    /// From a template (see [`expand`]) and the tables its `{slots}` are filled from.
    pub fn new(template: &str, tables: &[&Slots]) -> Alternatives {
        let branches: Vec<Branch> = branches(template, tables)
            .into_iter()
            .map(|(b, source)| {
                let edged = required_sets_edged(&b, tables);
                Branch {
                    re: tiered(source.clone()),
                    sets: edged
                        .iter()
                        .map(|l| l.iter().map(|(w, _)| w.clone()).collect())
                        .collect(),
                    edges: edged
                        .iter()
                        .map(|l| l.iter().map(|(_, e)| *e).collect())
                        .collect(),
                    source,
                }
            })
            .collect();
        assert!(
            branches.len() <= 64,
            "a pattern of more than 64 alternatives"
        );
        Alternatives { branches }
    }

    /// From a gated pattern as `build.rs` expanded it: its branches' sources and required words.
    pub fn built(b: &Built) -> Alternatives {
        let branches: Vec<Branch> = b
            .sources
            .iter()
            .zip(b.sets)
            .zip(b.edges)
            .map(|((source, sets), edges)| Branch {
                re: tiered(source.to_string()),
                sets: sets
                    .iter()
                    .map(|l| l.iter().map(|w| w.to_string()).collect())
                    .collect(),
                edges: edges.iter().map(|l| l.to_vec()).collect(),
                source: source.to_string(),
            })
            .collect();
        assert!(
            branches.len() <= 64
                && b.sets.len() == b.sources.len()
                && b.edges.len() == b.sources.len(),
            "a gated pattern of more than 64 alternatives, or without its required words"
        );
        Alternatives { branches }
    }

    pub fn branches(&self) -> &[Branch] {
        &self.branches
    }

    /// The matches of the open branches (bit `i` of `open` for branch `i`) in `hay` from byte
    /// `start` on, as the whole alternation would find them; the text before `start` still counts
    /// for word boundaries.
    pub fn find_from<'h>(
        &'h self,
        hay: &'h str,
        start: usize,
        open: u64,
    ) -> impl Iterator<Item = (usize, Match<'h>)> + 'h {
        let mut next: Vec<Option<Option<Match<'h>>>> = vec![None; self.branches.len()];
        let mut at = start;
        let fits = crate::narrow::fits_from(hay, start);
        std::iter::from_fn(move || {
            if at > hay.len() {
                return None;
            }
            let mut best: Option<(usize, Match<'h>)> = None;
            for (i, b) in self.branches.iter().enumerate() {
                if open >> i & 1 == 0 {
                    continue;
                }
                // A branch's next match from an earlier position is still its next match from
                // `at` when it starts at or after `at`.
                let stale = match next[i] {
                    None => true,
                    Some(Some(m)) => m.start() < at,
                    Some(None) => false,
                };
                if stale {
                    next[i] = Some(b.find_at(hay, at, fits));
                }
                if let Some(Some(m)) = next[i] {
                    if best.is_none_or(|(_, bm)| m.start() < bm.start()) {
                        best = Some((i, m));
                    }
                }
            }
            let (i, m) = best?;
            at = if m.end() > m.start() {
                m.end()
            } else {
                m.end() + hay[m.end()..].chars().next().map_or(1, char::len_utf8)
            };
            Some((i, m))
        })
    }

    /// The matches of the open branches in `hay`.
    pub fn find_iter<'h>(
        &'h self,
        hay: &'h str,
        open: u64,
    ) -> impl Iterator<Item = Match<'h>> + 'h {
        self.find_from(hay, 0, open).map(|(_, m)| m)
    }

    /// As [`Alternatives::find_from`], with the capture groups of the branch that matched.
    pub fn captures_from<'h>(
        &'h self,
        hay: &'h str,
        start: usize,
        open: u64,
    ) -> impl Iterator<Item = Caps<'h>> + 'h {
        let fits = crate::narrow::fits_from(hay, start);
        self.find_from(hay, start, open)
            .map(move |(i, m)| self.branches[i].captures_of(hay, m, fits))
    }

    /// The captures of the open branches in `hay`.
    pub fn captures_iter<'h>(
        &'h self,
        hay: &'h str,
        open: u64,
    ) -> impl Iterator<Item = Caps<'h>> + 'h {
        self.captures_from(hay, 0, open)
    }
}

#[cfg(test)]
mod tests {
    use super::super::templates::{anchors, required_sets};
    use super::*;

    fn table(pairs: &[(&str, &[&str])]) -> Slots {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn anchors_are_a_required_slot_or_word() {
        let t = table(&[
            ("outcomes", &["killed", "were wounded"]),
            ("hedges", &["reportedly"]),
        ]);
        assert_eq!(
            anchors(r"(?-u:\b)\d+(?:\s+{hedges})?\s+{outcomes}(?-u:\b)", &[&t]),
            Some(vec!["killed".to_string(), "wounded".to_string()])
        );
        // An optional slot is not required; a literal word is.
        assert_eq!(
            anchors(r"(?:{hedges}\s+)?death\s+toll", &[&t]),
            Some(vec!["death".to_string()])
        );
        // Every alternative must bring a word.
        assert_eq!(anchors(r"{outcomes}|\d+", &[&t]), None);
        // A quantified letter breaks the literal run.
        assert_eq!(
            anchors(r"in\s+an?\s+statement", &[&t]),
            Some(vec!["statement".to_string()])
        );
        assert_eq!(anchors(r"(?:\s+{hedges}){0,3}\d", &[&t]), None);
        assert_eq!(anchors(r"ab+c", &[&t]), None);
        // Every required part is a list of its own; a mark counts even alone.
        assert_eq!(
            required_sets(
                r"(?-u:\b){hedges}\s+\d+(?:\s?%|\s+per\s+cent)\s+of\s+{outcomes}",
                &[&t]
            ),
            vec![
                vec!["%".to_string(), "cent".to_string()],
                vec!["killed".to_string(), "wounded".to_string()],
                vec!["of".to_string()],
                vec!["reportedly".to_string()],
            ]
        );
        assert_eq!(
            required_sets(r"(?:{hedges})?\d+", &[&t]),
            Vec::<Vec<String>>::new()
        );
        assert_eq!(
            anchors(r"(?:\s+{hedges}){1,3}\d", &[&t]),
            Some(vec!["reportedly".to_string()])
        );
    }

    #[test]
    fn required_words_know_the_edges_every_match_gives_them() {
        use super::super::templates::required_sets_edged;
        let t = table(&[("a", &["alpha", "big beta"]), ("h", &["hedge"])]);
        let edged = |tpl: &str| -> Vec<Vec<(String, u8)>> { required_sets_edged(tpl, &[&t]) };
        let w = |s: &str, e: u8| (s.to_string(), e);
        // Word boundaries and whitespace on both sides; none at the pattern's own ends.
        assert_eq!(
            edged(r"(?-u:\b){a}(?-u:\b)"),
            vec![vec![w("alpha", 3), w("beta", 3)]]
        );
        assert_eq!(edged(r"{a}"), vec![vec![w("alpha", 0), w("beta", 1)]]);
        assert_eq!(edged(r"\s+{a}s"), vec![vec![w("alpha", 1), w("beta", 1)]]);
        // An optional group before a word: an edge only if there is one both with it and
        // without it.
        assert_eq!(
            edged(r"\s(?:{h}\s+)?{a}\b"),
            vec![vec![w("alpha", 3), w("beta", 3)]]
        );
        assert_eq!(
            edged(r"x(?:{h}\s+)?{a}\b"),
            vec![vec![w("alpha", 2), w("beta", 3)]]
        );
        // A repeated group: what follows a word may be the group again.
        assert_eq!(edged(r"(?:\s{h})+"), vec![vec![w("hedge", 1)]]);
        assert_eq!(edged(r"(?:\s{h})+\b"), vec![vec![w("hedge", 3)]]);
        assert_eq!(edged(r"(?:\s{h}x)+\b"), vec![vec![w("hedge", 1)]]);
        // A letter in either case is the letter; a mark is an edge for a letter beside it.
        assert_eq!(
            edged(r"\b[Ii]t\s+{h}'s"),
            vec![vec![w("'s", 0)], vec![w("hedge", 3)], vec![w("it", 3)]]
        );
        assert_eq!(edged(r"[Ab]t\s+{h}\b"), vec![vec![w("hedge", 3)]]);
        // A word listed twice keeps the edges both places give it.
        assert_eq!(edged(r"\b(?:hedge\b|x{h}\b)"), vec![vec![w("hedge", 2)]]);
    }

    #[test]
    fn a_pattern_splits_into_its_alternatives() {
        let t = table(&[("a", &["alpha"]), ("b", &["beta"])]);
        let p = Alternatives::new(
            "(?i)(?-u:\\b){a}(?-u:\\b)\n    |(?-u:\\b){b}s(?-u:\\b)",
            &[&t],
        );
        assert_eq!(p.branches().len(), 2);
        assert_eq!(p.branches()[0].source(), r"(?i)(?-u:\b)(?:alpha)(?-u:\b)");
        let p = Alternatives::new(r"(?i)(?-u:\b)(?:(?P<x>{a})|{b})", &[&t]);
        assert_eq!(p.branches().len(), 2);
        assert_eq!(p.branches()[1].source(), r"(?i)(?-u:\b)(?:beta)");
    }

    #[test]
    fn the_branches_together_match_as_the_alternation() {
        let t = table(&[("a", &["ab", "abc"]), ("b", &["b", "bcd"])]);
        let tpl = r"(?i){a}|x{b}|{b}d";
        let whole = regex::Regex::new(&expand(tpl, &[&t])).unwrap();
        let p = Alternatives::new(tpl, &[&t]);
        for hay in ["ABCD xbcd bd abcbd", "xbd abd bcdd", "b xb ab bd"] {
            let want: Vec<_> = whole.find_iter(hay).map(|m| m.range()).collect();
            let got: Vec<_> = p.find_iter(hay, ALL).map(|m| m.range()).collect();
            assert_eq!(got, want, "{hay}");
        }
    }
}
