//! The lexicon: house-style terms loaded from the embedded TOML files, merged with the
//! newsroom's `[terms]`, `remove` and `allow`, and compiled into one trie.
//!
//! Compiling happens once per (style, terms, remove) combination: the built-in presets live in
//! `LazyLock`s and configured lexicons in a small cache keyed by a hash of the config's term
//! fields, so a keystroke costs one automaton pass however many terms there are.

use super::pattern::Context;
use crate::automaton::{Joins, WordTrie};
use crate::config::{Config, Style, TermSpec};
use crate::finding::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

/// The lexicon files, embedded at build time. `ap.toml` is the base; the others overlay it.
pub const AP: &str = include_str!("../../../lexicon/ap.toml");
pub const REUTERS: &str = include_str!("../../../lexicon/reuters.toml");
pub const BBC: &str = include_str!("../../../lexicon/bbc.toml");

/// One lexicon file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// Terms of the base this preset drops.
    #[serde(default)]
    pub remove: Vec<String>,
    /// Severity by category for this preset ("intensifier" = "info").
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    #[serde(default)]
    pub terms: BTreeMap<String, TermSpec>,
}

impl LexiconFile {
    pub fn parse(src: &str) -> Result<LexiconFile, String> {
        crate::vocab::deserialize(src)
    }
}

/// What a term is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    ContestedLabel,
    NeutralLabel,
    JudgementalVerb,
    Headlinese,
    Intensifier,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::ContestedLabel,
        Category::NeutralLabel,
        Category::JudgementalVerb,
        Category::Headlinese,
        Category::Intensifier,
    ];

    /// A category by its name or an alias (`data/wording/categories.toml`); anything else is a
    /// contested label.
    pub fn parse(s: &str) -> Category {
        let s = super::words::CATEGORIES
            .aliases
            .get(s)
            .map_or(s, String::as_str);
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .unwrap_or(Category::ContestedLabel)
    }

    /// The kebab-case name used in lexicon files: `ContestedLabel` is "contested-label".
    pub fn as_str(self) -> &'static str {
        static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
            Category::ALL
                .iter()
                .map(|c| {
                    let mut out = String::new();
                    for (i, ch) in format!("{c:?}").chars().enumerate() {
                        if ch.is_uppercase() && i > 0 {
                            out.push('-');
                        }
                        out.push(ch.to_ascii_lowercase());
                    }
                    out
                })
                .collect()
        });
        let i = Category::ALL.iter().position(|c| *c == self).unwrap_or(0);
        &NAMES[i]
    }
    pub fn is_verb(self) -> bool {
        matches!(self, Category::JudgementalVerb | Category::Headlinese)
    }
}

/// One compiled term.
#[derive(Debug)]
pub struct Term {
    /// The table key: "terrorist", "so-called".
    pub key: String,
    pub category: Category,
    /// The key and its forms, lowercased.
    pub forms: Vec<String>,
    pub alternatives: Vec<String>,
    pub exceptions: Contexts,
    pub only_in: Contexts,
    pub speech: bool,
    pub label_family: Option<String>,
    pub explanation: Option<String>,
    pub severity: Option<Severity>,
    pub source: Option<String>,
    pub edition: Option<u16>,
}

/// A term's contexts (its `exceptions` or `only_in`), parsed the first time they are read: a
/// story meets a few of the lexicon's terms, and parsing every term's contexts up front cost more
/// than the rest of a short story's wording check. Patterns that do not parse are left out.
#[derive(Debug, Default)]
pub struct Contexts {
    sources: Vec<String>,
    parsed: OnceLock<Vec<Context>>,
}

impl Contexts {
    pub fn new(sources: &[String]) -> Contexts {
        Contexts {
            sources: sources.to_vec(),
            parsed: OnceLock::new(),
        }
    }

    fn get(&self) -> &[Context] {
        if self.sources.is_empty() {
            return &[];
        }
        self.parsed.get_or_init(|| {
            self.sources
                .iter()
                .filter_map(|e| Context::parse(e))
                .collect()
        })
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Context> {
        self.get().iter()
    }

    pub fn is_empty(&self) -> bool {
        self.get().is_empty()
    }
}

/// A compiled lexicon.
pub struct Lexicon {
    pub terms: Vec<Term>,
    /// Pattern id -> (term index, form index).
    patterns: Vec<(usize, usize)>,
    matcher: Option<Matcher>,
}

/// The lexicon's automaton: a trie (a sort and a node per byte to build), walked only from word
/// starts. A hit must start at a word start, and the trie skips the places inside words, which
/// the leftmost-longest search walked (from every byte, or a DFA's table lookup per byte after an
/// 18 M instruction build) only to drop what it found there; the hits are the same.
struct Matcher(WordTrie);

/// One place the lexicon matched, at word boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub term: usize,
    pub form: usize,
}

/// Merges `over` into `base` field by field: set fields win; `forms` and `exceptions` add to the
/// base's; `alternatives` and `only_in` replace it.
pub fn merge(base: &mut TermSpec, over: &TermSpec) {
    if !over.category.is_empty() {
        base.category = over.category.clone();
    }
    for f in &over.forms {
        if !base.forms.contains(f) {
            base.forms.push(f.clone());
        }
    }
    if !over.alternatives.is_empty() {
        base.alternatives = over.alternatives.clone();
    }
    for e in &over.exceptions {
        if !base.exceptions.contains(e) {
            base.exceptions.push(e.clone());
        }
    }
    for e in &over.examples {
        if !base.examples.contains(e) {
            base.examples.push(e.clone());
        }
    }
    if !over.only_in.is_empty() {
        base.only_in = over.only_in.clone();
    }
    macro_rules! opt {
        ($($f:ident),*) => { $( if over.$f.is_some() { base.$f = over.$f.clone(); } )* };
    }
    opt!(speech, label_family, explanation, severity, source, edition);
    // The edition belongs to its source: a new source without a year drops the old year.
    if over.source.is_some() {
        base.edition = over.edition;
    }
}

fn base_specs(style: Style) -> BTreeMap<String, TermSpec> {
    let base = LexiconFile::parse(AP).expect("lexicon/ap.toml parses (tested)");
    let mut terms = base.terms;
    let mut severity = base.severity;
    let overlay = match style {
        Style::Ap => None,
        Style::Reuters => {
            Some(LexiconFile::parse(REUTERS).expect("lexicon/reuters.toml parses (tested)"))
        }
        Style::Bbc => Some(LexiconFile::parse(BBC).expect("lexicon/bbc.toml parses (tested)")),
    };
    if let Some(o) = overlay {
        for r in &o.remove {
            terms.remove(r);
        }
        severity.extend(o.severity);
        for (k, spec) in o.terms {
            merge(terms.entry(k).or_default(), &spec);
        }
    }
    for spec in terms.values_mut() {
        if spec.severity.is_none() {
            if let Some(s) = severity.get(&spec.category) {
                spec.severity = Some(*s);
            }
        }
    }
    terms
}

/// The merged term specs in force for a configuration (built-in preset, then `[terms]`, minus
/// `remove`).
pub fn specs_for(config: &Config) -> BTreeMap<String, TermSpec> {
    let mut terms = base_specs(config.style);
    for (k, spec) in &config.terms {
        // Keys match case-insensitively for words; a key with capitals ("Hamas soldiers") keeps them.
        let key = terms
            .keys()
            .find(|b| b.eq_ignore_ascii_case(k))
            .cloned()
            .unwrap_or_else(|| k.clone());
        merge(terms.entry(key).or_default(), spec);
    }
    // `remove` names a term by its key or by any of its forms ("slammed" drops "slam").
    for r in &config.remove {
        let r = r.trim();
        terms.retain(|k, spec| {
            !k.eq_ignore_ascii_case(r) && !spec.forms.iter().any(|f| f.eq_ignore_ascii_case(r))
        });
    }
    terms
}

impl Lexicon {
    /// Compiles term specs. Terms with no usable form are skipped.
    pub fn compile(specs: &BTreeMap<String, TermSpec>) -> Lexicon {
        let mut terms = Vec::with_capacity(specs.len());
        let mut patterns = Vec::new();
        let mut words: Vec<String> = Vec::new();
        for (key, spec) in specs {
            let mut forms = vec![key.trim().to_lowercase()];
            for f in &spec.forms {
                let f = f.trim().to_lowercase();
                if !f.is_empty() && !forms.contains(&f) {
                    forms.push(f);
                }
            }
            forms.retain(|f| !f.is_empty());
            if forms.is_empty() {
                continue;
            }
            let t = terms.len();
            for (i, f) in forms.iter().enumerate() {
                patterns.push((t, i));
                words.push(f.clone());
            }
            terms.push(Term {
                key: key.clone(),
                category: Category::parse(&spec.category),
                forms,
                alternatives: spec.alternatives.clone(),
                exceptions: Contexts::new(&spec.exceptions),
                only_in: Contexts::new(&spec.only_in),
                speech: spec.speech.unwrap_or(false),
                label_family: spec.label_family.clone(),
                explanation: spec.explanation.clone(),
                severity: spec.severity,
                source: spec.source.clone(),
                edition: spec.edition,
            });
        }
        let matcher = if words.is_empty() {
            None
        } else {
            Some(Matcher(WordTrie::new(&words, Joins::Chars)))
        };
        Lexicon {
            terms,
            patterns,
            matcher,
        }
    }

    /// Every match in `text` that starts and ends on a word boundary (a hyphen joins words, so
    /// "counter-terrorism" never matches "terrorism").
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        let Some(m) = &self.matcher else { return out };
        m.0.leftmost_longest(text, |s, e, pattern| {
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                return;
            }
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            let joined =
                |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '‑');
            if joined(before) || joined(after) {
                return;
            }
            let (term, form) = self.patterns[pattern];
            out.push(Hit {
                start: s,
                end: e,
                term,
                form,
            });
        });
        out
    }

    /// The number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The built-in lexicons, each compiled the first time a story in its style needs it (a run in
/// one style never pays for the other two).
static PRESETS: [LazyLock<Arc<Lexicon>>; 3] = [
    LazyLock::new(|| Arc::new(Lexicon::compile(&base_specs(Style::Ap)))),
    LazyLock::new(|| Arc::new(Lexicon::compile(&base_specs(Style::Reuters)))),
    LazyLock::new(|| Arc::new(Lexicon::compile(&base_specs(Style::Bbc)))),
];

type Cache = Mutex<Vec<(u64, Arc<Lexicon>)>>;
static CACHE: LazyLock<Cache> = LazyLock::new(|| Mutex::new(Vec::new()));
const CACHE_SIZE: usize = 8;

fn config_key(config: &Config) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    config.style.hash(&mut h);
    config.terms.hash(&mut h);
    config.remove.hash(&mut h);
    h.finish()
}

/// The compiled lexicon for a configuration, built once and cached.
pub fn lexicon_for(config: &Config) -> Arc<Lexicon> {
    if config.terms.is_empty() && config.remove.is_empty() {
        let i = match config.style {
            Style::Ap => 0,
            Style::Reuters => 1,
            Style::Bbc => 2,
        };
        return Arc::clone(&PRESETS[i]);
    }
    let key = config_key(config);
    if let Ok(cache) = CACHE.lock() {
        if let Some((_, l)) = cache.iter().find(|(k, _)| *k == key) {
            return l.clone();
        }
    }
    let lexicon = Arc::new(Lexicon::compile(&specs_for(config)));
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= CACHE_SIZE {
            cache.remove(0);
        }
        cache.push((key, lexicon.clone()));
    }
    lexicon
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_file_parses_and_every_pattern_compiles() {
        for (name, src) in [("ap", AP), ("reuters", REUTERS), ("bbc", BBC)] {
            let file =
                LexiconFile::parse(src).unwrap_or_else(|e| panic!("lexicon/{name}.toml: {e}"));
            for (key, spec) in &file.terms {
                for e in spec.exceptions.iter().chain(&spec.only_in) {
                    assert!(
                        Context::parse(e).is_some(),
                        "{name}.toml [{key}]: bad pattern {e:?}"
                    );
                }
            }
        }
        for style in [Style::Ap, Style::Reuters, Style::Bbc] {
            let specs = base_specs(style);
            for (key, spec) in &specs {
                assert!(!spec.category.is_empty(), "{style:?} {key}: no category");
                let cat = Category::parse(&spec.category);
                assert_eq!(
                    cat.as_str(),
                    spec.category,
                    "{style:?} {key}: unknown category"
                );
                if cat != Category::NeutralLabel {
                    assert!(
                        spec.explanation.is_some(),
                        "{style:?} {key}: no explanation"
                    );
                }
                assert!(spec.source.is_some(), "{style:?} {key}: no source");
            }
        }
    }

    #[test]
    fn hits_respect_word_boundaries() {
        let l = &PRESETS[0];
        let text = "Counter-terrorism police said terrorists, not Terrorists' allies, were seen. Mobile phones.";
        let got: Vec<&str> = l.hits(text).iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(got, ["terrorists", "Terrorists"]);
    }

    #[test]
    fn config_cache_reuses_lexicons() {
        let c = Config::from_toml("[terms.blorp]\ncategory = \"contested-label\"\n").unwrap();
        let a = lexicon_for(&c);
        let b = lexicon_for(&c.clone());
        assert!(Arc::ptr_eq(&a, &b));
        assert!(a.terms.iter().any(|t| t.key == "blorp"));
        assert!(Arc::ptr_eq(
            &lexicon_for(&Config::default()),
            &lexicon_for(&Config::default())
        ));
    }
}
