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
use super::templates::branches;
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

    fn captures_at<'h>(&self, hay: &'h str, at: usize, fits: bool) -> Option<Caps<'h>> {
        self.re
            .pick(fits)
            .captures(hay, &Input::new(hay).range(at..))
    }

    /// The lists of required words (see [`required_sets`]).
    pub fn sets(&self) -> &[Vec<String>] {
        &self.sets
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
            .map(|(b, source)| Branch {
                re: tiered(source.clone()),
                sets: required_sets(&b, tables),
                source,
            })
            .collect();
        assert!(
            branches.len() <= 64,
            "a pattern of more than 64 alternatives"
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
        self.find_from(hay, start, open).map(move |(i, m)| {
            self.branches[i]
                .captures_at(hay, m.start(), fits)
                .expect("the branch matches where it was found")
        })
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

/// A parsed template, just enough to tell which words every match must contain.
enum Node {
    /// Alternatives of sequences of atoms, each with its quantifier: None for none, else
    /// whether it still requires the atom (`+`, `{2,}`) or not (`?`, `*`, `{0,3}`).
    Alt(Vec<Vec<(Node, Option<bool>)>>),
    /// A literal ASCII letter, digit or punctuation mark.
    Char(u8),
    Slot(String),
    /// Anything else: classes, escapes, assertions.
    Other,
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn alt(&mut self) -> Node {
        let mut branches = vec![self.concat()];
        while self.b.get(self.i) == Some(&b'|') {
            self.i += 1;
            branches.push(self.concat());
        }
        Node::Alt(branches)
    }

    /// Atoms with their quantifiers.
    fn concat(&mut self) -> Vec<(Node, Option<bool>)> {
        let mut out = Vec::new();
        while let Some(&c) = self.b.get(self.i) {
            if c == b'|' || c == b')' {
                break;
            }
            let atom = self.atom();
            let quant = self.quantifier();
            out.push((atom, quant));
        }
        out
    }

    fn atom(&mut self) -> Node {
        let c = self.b[self.i];
        self.i += 1;
        match c {
            b'(' => {
                if self.b.get(self.i) == Some(&b'?') {
                    // `(?:`, `(?P<name>`, `(?flags:` or a bare `(?flags)`.
                    let rest = &self.b[self.i..];
                    if rest.starts_with(b"?P<") {
                        let close = rest.iter().position(|&x| x == b'>').unwrap_or(0);
                        self.i += close + 1;
                    } else {
                        let stop = rest
                            .iter()
                            .position(|&x| x == b':' || x == b')')
                            .unwrap_or(0);
                        if rest.get(stop) == Some(&b')') {
                            self.i += stop + 1;
                            return Node::Other;
                        }
                        self.i += stop + 1;
                    }
                }
                let inner = self.alt();
                if self.b.get(self.i) == Some(&b')') {
                    self.i += 1;
                }
                inner
            }
            b'[' => {
                // A class: skip to its closing bracket (a `]` first in the class is literal).
                let mut first = true;
                while let Some(&x) = self.b.get(self.i) {
                    self.i += 1;
                    match x {
                        b'\\' => self.i += 1,
                        b']' if !first => break,
                        b'^' if first => continue,
                        _ => {}
                    }
                    first = false;
                }
                Node::Other
            }
            b'\\' => {
                // An escaped punctuation mark is itself; `\s`, `\d`, `\b`... are not literals.
                let e = self.b.get(self.i).copied().unwrap_or(b' ');
                self.i += 1;
                if e.is_ascii_punctuation() {
                    Node::Char(e)
                } else {
                    Node::Other
                }
            }
            b'{' => {
                let rest = &self.b[self.i..];
                let close = rest.iter().position(|&x| x == b'}');
                match close {
                    Some(n)
                        if n > 0
                            && rest[..n]
                                .iter()
                                .all(|x| x.is_ascii_lowercase() || *x == b'_') =>
                    {
                        self.i += n + 1;
                        Node::Slot(String::from_utf8_lossy(&rest[..n]).into_owned())
                    }
                    _ => Node::Other,
                }
            }
            c if c.is_ascii_alphanumeric() || b"%,'-/:;!\"&#@=<>~_".contains(&c) => Node::Char(c),
            _ => {
                // Skip the rest of a multi-byte character.
                while self.b.get(self.i).is_some_and(|x| x & 0xC0 == 0x80) {
                    self.i += 1;
                }
                Node::Other
            }
        }
    }

    /// Reads a quantifier after an atom: None when there is none, else whether the atom is still
    /// required.
    fn quantifier(&mut self) -> Option<bool> {
        let required = match self.b.get(self.i) {
            Some(b'?') | Some(b'*') => {
                self.i += 1;
                false
            }
            Some(b'+') => {
                self.i += 1;
                true
            }
            Some(b'{') => {
                let rest = &self.b[self.i + 1..];
                let close = rest.iter().position(|&x| x == b'}');
                match close {
                    Some(n)
                        if n > 0 && rest[..n].iter().all(|x| x.is_ascii_digit() || *x == b',') =>
                    {
                        self.i += n + 2;
                        let min = rest[..n].split(|&x| x == b',').next().unwrap_or(b"");
                        !(min.is_empty() || min.iter().all(|&x| x == b'0'))
                    }
                    _ => return None,
                }
            }
            _ => return None,
        };
        // A lazy or possessive mark after the quantifier.
        if matches!(self.b.get(self.i), Some(b'?') | Some(b'+')) {
            self.i += 1;
        }
        Some(required)
    }
}

/// Lower-case words one of which every match of the template `t` contains, or None.
pub fn anchors(t: &str, tables: &[&Slots]) -> Option<Vec<String>> {
    let mut p = Parser {
        b: t.as_bytes(),
        i: 0,
    };
    let node = p.alt();
    if p.i != t.len() {
        return None;
    }
    let mut v = required(&node, tables)?;
    v.sort();
    v.dedup();
    (!v.is_empty()).then_some(v)
}

/// Every list of words that the template `t` requires at its top level: each match contains a word
/// of each list (so a sentence can hold a match only if it holds a word of every list).
pub fn required_sets(t: &str, tables: &[&Slots]) -> Vec<Vec<String>> {
    let mut p = Parser {
        b: t.as_bytes(),
        i: 0,
    };
    let node = p.alt();
    if p.i != t.len() {
        return Vec::new();
    }
    let Node::Alt(branches) = &node else {
        return Vec::new();
    };
    let mut sets = if let [atoms] = branches.as_slice() {
        let mut sets = Vec::new();
        each_required(atoms, tables, |v| sets.push(v));
        sets
    } else {
        required(&node, tables).into_iter().collect()
    };
    for v in &mut sets {
        v.sort();
        v.dedup();
    }
    sets.retain(|v| !v.is_empty());
    sets.sort();
    sets.dedup();
    sets
}

fn required(node: &Node, tables: &[&Slots]) -> Option<Vec<String>> {
    match node {
        Node::Alt(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(concat_required(b, tables)?);
            }
            Some(all)
        }
        Node::Slot(name) => {
            let list = tables.iter().find_map(|t| t.get(name))?;
            let mut out = Vec::new();
            for w in list.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
                // Whitespace inside an entry matches any run of whitespace: keep its longest word.
                let longest = w.split_whitespace().max_by_key(|x| x.len()).unwrap_or("");
                if longest.len() < 2 {
                    return None;
                }
                out.push(longest.to_ascii_lowercase());
            }
            (!out.is_empty()).then_some(out)
        }
        Node::Char(_) | Node::Other => None,
    }
}

/// Calls `f` with the list of each required part of a sequence: a run of literal characters
/// (two or more, or one mark that is not a letter or digit), a required slot or group.
fn each_required(
    atoms: &[(Node, Option<bool>)],
    tables: &[&Slots],
    mut f: impl FnMut(Vec<String>),
) {
    let mut run = String::new();
    let flush = |run: &mut String, f: &mut dyn FnMut(Vec<String>)| {
        if run.len() >= 2 || run.len() == 1 && !run.as_bytes()[0].is_ascii_alphanumeric() {
            f(vec![run.to_ascii_lowercase()]);
        }
        run.clear();
    };
    for (node, quant) in atoms {
        match node {
            // A quantified character ends the run ("an?", "ab+").
            Node::Char(c) if quant.is_none() => run.push(*c as char),
            _ => {
                flush(&mut run, &mut f);
                if quant.unwrap_or(true) {
                    if let Some(v) = required(node, tables) {
                        f(v);
                    }
                }
            }
        }
    }
    flush(&mut run, &mut f);
}

/// The best list among the required parts of a sequence (see [`each_required`]): the one whose
/// shortest word is longest (up to six letters), then the shortest list.
fn concat_required(atoms: &[(Node, Option<bool>)], tables: &[&Slots]) -> Option<Vec<String>> {
    let mut cands: Vec<Vec<String>> = Vec::new();
    each_required(atoms, tables, |v| cands.push(v));
    cands.into_iter().max_by_key(|v| {
        (
            v.iter().map(String::len).min().unwrap_or(0).min(6),
            usize::MAX - v.len(),
        )
    })
}

#[cfg(test)]
mod tests {
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
