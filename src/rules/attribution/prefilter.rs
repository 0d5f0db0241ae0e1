//! One aho-corasick pass that tells, for every sentence, which of the family's big patterns can
//! match in it, so each pattern runs only on the few sentences that hold one of its required words
//! instead of over the whole story.
//!
//! The required words are not kept by hand: they are the prefix or suffix literals of each
//! top-level alternative of the pattern, extracted with `regex-syntax`. A pattern for which some
//! alternative has no usable literals runs on every sentence (correct, just slower).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

/// Required literals of `pattern` (lower case): every match contains one of them. None when no
/// list of words of three letters or more covers every match.
pub fn anchors(pattern: &str) -> Option<Vec<String>> {
    let p = pattern.strip_prefix("(?i)").unwrap_or(pattern);
    let hir = regex_syntax::ParserBuilder::new().build().parse(p).ok()?;
    let mut v = best(&hir)?;
    v.sort();
    v.dedup();
    Some(v)
}

/// The best literal set for `hir`: its own prefix or suffix literals, those of any required part
/// of a concatenation, or the union over the branches of an alternation.
fn best(hir: &Hir) -> Option<Vec<String>> {
    let mut cands: Vec<Vec<String>> = [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .filter_map(|k| usable(Extractor::new().kind(k).limit_total(400).extract(hir)))
        .collect();
    match hir.kind() {
        HirKind::Concat(parts) => cands.extend(parts.iter().filter_map(best)),
        HirKind::Capture(c) => cands.extend(best(&c.sub)),
        HirKind::Repetition(r) if r.min >= 1 => cands.extend(best(&r.sub)),
        HirKind::Alternation(bs) => {
            let mut all = Vec::new();
            for b in bs {
                all.extend(best(b)?);
            }
            cands.push(all);
        }
        _ => {}
    }
    cands.into_iter().max_by_key(|v| {
        (
            v.iter().map(String::len).min().unwrap_or(0).min(6),
            usize::MAX - v.len(),
        )
    })
}

fn usable(seq: Seq) -> Option<Vec<String>> {
    let lits = seq.literals()?;
    let v: Vec<String> = lits
        .iter()
        .map(|l| String::from_utf8_lossy(l.as_bytes()).to_ascii_lowercase())
        .collect();
    (v.iter().all(|s| s.trim().len() >= 2)).then_some(v)
}

/// The prefilter for a fixed list of patterns (at most 64).
pub struct Prefilter {
    ac: AhoCorasick,
    /// For each aho-corasick pattern id, the bit of the regex it belongs to.
    owner: Vec<u64>,
    /// Regexes with no anchors: run everywhere.
    always: u64,
}

impl Prefilter {
    pub fn new(patterns: &[&Regex]) -> Prefilter {
        let mut lits = Vec::new();
        let mut owner = Vec::new();
        let mut always = 0u64;
        for (i, re) in patterns.iter().enumerate() {
            match anchors(re.as_str()) {
                Some(a) if !a.is_empty() => {
                    for l in a {
                        lits.push(l);
                        owner.push(1u64 << i);
                    }
                }
                _ => always |= 1 << i,
            }
        }
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&lits)
            .expect("prefilter automaton");
        Prefilter { ac, owner, always }
    }

    /// For each span (sentences, in order and not overlapping), the bit set of the patterns that
    /// can match inside it.
    pub fn masks(&self, text: &str, spans: &[crate::finding::Span]) -> Vec<u64> {
        let mut out = vec![self.always; spans.len()];
        for m in self.ac.find_overlapping_iter(text) {
            let k = spans.partition_point(|s| s.end <= m.start());
            if spans.get(k).is_some_and(|s| s.start <= m.start()) {
                out[k] |= self.owner[m.pattern().as_usize()];
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::anchors;

    #[test]
    fn anchors_cover_every_alternative() {
        let a = anchors(r"(?i)(?-u:\b)\d+\s+(?:killed|dead)(?-u:\b)|(?-u:\b)death toll")
            .expect("anchors");
        assert!(
            a.contains(&"killed".to_string())
                && a.contains(&"dead".to_string())
                && a.iter().any(|x| x.starts_with("death")),
            "{a:?}"
        );
        assert!(anchors(r"(?i)\d+|[a-z]+").is_none());
    }
}
