//! The attribution family's vocabulary, loaded once from the commented data files under
//! `data/attribution/` (see each file's header for what its lists are for and how to add a word).
//!
//! Rust keeps the grammar: the patterns in `claims.rs` and `vague.rs` are templates whose word
//! slots (`{name}`) are filled from a table of the data file; the scanners in `cues.rs` test words
//! against the typed lists here.

use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use std::sync::LazyLock;

pub use super::templates::{expand, Slots};

/// Whether `word` is in `list`, ignoring ASCII case: a hash lookup for a [`List`] of a data
/// file, a scan for any other list of words.
#[inline]
pub fn has<L: Lookup + ?Sized>(list: &L, word: &str) -> bool {
    list.has_word(word)
}

/// A list of words that [`has`] looks a word up in.
pub trait Lookup {
    fn has_word(&self, word: &str) -> bool;
}

impl Lookup for [String] {
    fn has_word(&self, word: &str) -> bool {
        self.iter().any(|x| x.eq_ignore_ascii_case(word))
    }
}

impl<T: Lookup + ?Sized> Lookup for &T {
    #[inline]
    fn has_word(&self, word: &str) -> bool {
        (**self).has_word(word)
    }
}

impl Lookup for Vec<String> {
    fn has_word(&self, word: &str) -> bool {
        self.as_slice().has_word(word)
    }
}

/// A closed word list of a data file: its words as written (what `Deref` gives), and their ASCII
/// lower-case forms in hash sets, so that [`has`] is one lookup however long the list (the cue
/// analysis asks tens of thousands of times per story). A table of the lengths the words have,
/// per first byte, turns most words away before any folding or hashing (inline, at the caller:
/// five of six lookups end there).
#[derive(Deserialize)]
#[serde(from = "Vec<String>")]
pub struct List {
    words: Vec<String>,
    /// The words of at most [`SHORT`] bytes, folded into [`Short`] keys (no slice to hash or
    /// compare byte by byte).
    short: HashSet<Short>,
    /// The longer words, folded.
    lower: HashSet<Box<[u8]>>,
    /// Whether the list holds the empty word.
    empty: bool,
    /// Per lower-case first byte, bit `min(len, 31)` for each word of that length.
    shapes: [u32; 256],
}

/// Words longer than this are looked up by a scan (no list holds one).
const LOOKUP_MAX: usize = 64;

/// Words of at most this many bytes are kept and looked up as [`Short`] keys.
const SHORT: usize = 16;

/// A word of at most [`SHORT`] bytes, ASCII-lowercased, as two little-endian words padded with
/// zeros, and its length.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Short {
    lo: u64,
    hi: u64,
    len: u8,
}

impl std::hash::Hash for Short {
    /// One word written (the set's hasher mixes it): the halves and the length folded together.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.lo ^ self.hi.rotate_left(29) ^ (u64::from(self.len) << 58));
    }
}

impl Short {
    /// `w` (at most [`SHORT`] bytes) folded.
    #[inline(always)]
    fn of(w: &[u8]) -> Short {
        debug_assert!(w.len() <= SHORT);
        let (a, b) = w.split_at(w.len().min(8));
        let pack = |part: &[u8]| {
            part.iter().enumerate().fold(0u64, |k, (i, &c)| {
                k | u64::from(c.to_ascii_lowercase()) << (8 * i)
            })
        };
        Short {
            lo: pack(a),
            hi: pack(b),
            len: w.len() as u8,
        }
    }
}

fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

impl From<Vec<String>> for List {
    fn from(words: Vec<String>) -> List {
        let mut shapes = [0u32; 256];
        let mut short = HashSet::default();
        let mut lower = HashSet::default();
        let mut empty = false;
        for w in &words {
            let l = w.as_bytes().to_ascii_lowercase();
            match l.first() {
                None => empty = true,
                Some(&b) => shapes[b as usize] |= length_bit(l.len()),
            }
            if l.len() <= SHORT {
                short.insert(Short::of(&l));
            } else {
                lower.insert(l.into_boxed_slice());
            }
        }
        List {
            words,
            short,
            lower,
            empty,
            shapes,
        }
    }
}

impl std::ops::Deref for List {
    type Target = Vec<String>;
    fn deref(&self) -> &Vec<String> {
        &self.words
    }
}

impl<'a> IntoIterator for &'a List {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.words.iter()
    }
}

impl Lookup for List {
    #[inline]
    fn has_word(&self, word: &str) -> bool {
        let w = word.as_bytes();
        match w.first() {
            None => self.empty,
            Some(&b) => {
                self.shapes[b.to_ascii_lowercase() as usize] & length_bit(w.len()) != 0
                    && self.has_shaped(w)
            }
        }
    }
}

impl List {
    /// [`Lookup::has_word`] of a word of a length some word with its first byte has.
    #[inline(never)]
    fn has_shaped(&self, w: &[u8]) -> bool {
        if w.len() <= SHORT {
            return self.short.contains(&Short::of(w));
        }
        if w.len() > LOOKUP_MAX {
            return self
                .words
                .iter()
                .any(|x| x.as_bytes().eq_ignore_ascii_case(w));
        }
        let mut buf = [0u8; LOOKUP_MAX];
        let l = &mut buf[..w.len()];
        l.copy_from_slice(w);
        l.make_ascii_lowercase();
        self.lower.contains(&*l)
    }
}

/// The list `name` of a slot table; a missing name is a bug in the data file or the caller.
pub fn slot<'a>(t: &'a Slots, name: &str) -> &'a [String] {
    t.get(name)
        .unwrap_or_else(|| panic!("data/attribution: no list `{name}`"))
}

/// The slot names a template uses (for the test that every list in a table is used).
#[cfg(test)]
pub fn slot_names(template: &str) -> Vec<String> {
    let mut v = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(c) = after.find('}') {
            let n = &after[..c];
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                v.push(n.to_string());
            }
        }
        rest = after;
    }
    v
}

macro_rules! data {
    ($file:literal) => {
        crate::vocab::parse(
            concat!("attribution/", $file),
            include_str!(concat!("../../../data/attribution/", $file)),
        )
    };
}

/// `data/attribution/claims.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    pub shared: Slots,
    pub casualty: Slots,
    pub damage: Slots,
    pub crowd: Slots,
    pub statistic: Slots,
    pub prediction: Slots,
    pub consequence: Consequence,
    pub territory: Slots,
    pub accusation: Slots,
    pub intention: Slots,
    pub characterisation: Slots,
    pub public_record: Slots,
    pub describe: Describe,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consequence {
    pub figure_words: List,
    pub cost_starts: List,
    pub push_verbs: List,
    pub push_marks: List,
    pub lead_verbs: List,
    pub lead_not: List,
    pub force_marks: List,
    pub mean_starts: List,
    pub always_verbs: List,
    pub leave_verbs: List,
    pub leave_marks: List,
    pub cost_verbs: List,
    pub mean_verbs: List,
    pub force_verbs: List,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Describe {
    pub casualty: String,
    pub damage: String,
    pub crowd: String,
    pub statistic: String,
    pub prediction: String,
    pub territory: String,
    pub accusation: String,
    pub intention: String,
    pub characterisation: String,
}

pub static CLAIMS: LazyLock<Claims> = LazyLock::new(|| data!("claims.toml"));

/// `data/attribution/grammar.toml`: function words.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    pub pronouns: List,
    pub determiners: List,
    pub possessive_dets: List,
    pub function_words: List,
    pub definite: List,
    pub trailing_aux: List,
    pub leading_conj: List,
    pub finite: List,
    pub relatives: List,
    pub that: List,
    pub reported_openers: List,
    pub statement_dets: List,
    pub appositive_relatives: List,
    pub not_a_statement_before: List,
    pub negations: List,
    pub characterised_objects: List,
    pub to: List,
    pub np_after_stops: List,
    pub subject_stops: List,
    pub not_adverbs: List,
    pub inverted_stops: List,
    pub inverted_ends: List,
    pub inverted_followers: List,
    pub not_names: List,
    pub lowerable: List,
    pub clause_openers: List,
    pub event_preps: List,
    pub event_dets: List,
    pub demonstratives: List,
    pub past_markers: List,
    pub content_openers: List,
    pub noun_dets: List,
    pub modifier_suffixes: List,
    pub time_subordinators: List,
    pub dated_events: List,
}

/// `data/attribution/sources.toml`: source nouns.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    pub common_subjects: List,
    pub plural_role_suffixes: List,
    pub authorities: List,
    pub evidence_subjects: List,
    pub statement_nouns: List,
    pub anon_bare: List,
    pub anon_heads: List,
    pub collective_heads: List,
    pub institutional_plurals: List,
    pub bare_groups: List,
    pub vantage_heads: List,
    pub vantage_dets: List,
    pub vantage_words: List,
    pub irregular_plurals: List,
    pub group_of: List,
    pub spokespeople: List,
    pub indefinite: List,
    pub weasel_groups: List,
    pub bare_vague_groups: List,
    pub quantified_groups: List,
    pub quantifiers: List,
    pub vague_docs: List,
    pub vague_doc_mods: List,
    pub doc_tails: List,
    pub generic_present_groups: List,
    pub pp_start: List,
    pub generic_mods: List,
    pub examples_given: List,
    pub number_of: List,
    pub org_words: List,
    pub office_holders: List,
    pub org_pronouns: List,
    pub person_pronouns: List,
}

/// `data/attribution/cues.toml`: attribution verbs and frames.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    pub verbs: List,
    pub according: List,
    pub passive_by: List,
    pub source_after: List,
    pub statements: List,
    pub statement_mods: List,
    pub study_nouns: List,
    pub study_dets: List,
    pub venues: List,
    pub phrases: List,
    pub evidence_verbs: List,
    pub frame_verbs: List,
    pub noun_like_verbs: List,
    pub speech_objects: List,
    pub clause_frame_verbs: List,
    pub holding_verbs: List,
    pub holding_be: List,
    pub desire_words: List,
    pub characterising_verbs: List,
    pub object_frame_verbs: List,
    pub say_forms: List,
    pub belief_verbs: List,
    pub subjectless: List,
    pub told: List,
    pub owned_documents: List,
    pub document_owners: List,
    pub mention_leads: List,
    pub outlets: List,
    pub own_outlet_aliases: Vec<Vec<String>>,
    pub anonymity: Slots,
}

/// `data/attribution/vague.toml`: slots of the vague-source patterns.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vague {
    pub passive: Slots,
    pub widely: Slots,
    pub it: Slots,
    pub adverbs: Slots,
    pub subject: Slots,
    pub quant: Slots,
    pub docs: Slots,
    pub title_lead: Slots,
    /// Words around a hit that show it is no weasel source (not pattern slots).
    pub scope: Slots,
}

pub static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| data!("grammar.toml"));
pub static SOURCES: LazyLock<Sources> = LazyLock::new(|| data!("sources.toml"));
pub static CUES: LazyLock<Cues> = LazyLock::new(|| data!("cues.toml"));
pub static VAGUE: LazyLock<Vague> = LazyLock::new(|| data!("vague.toml"));

/// The source-noun lists that the vague-subject pattern shares with the classifier, as slots.
pub fn source_slots() -> Slots {
    let s = &*SOURCES;
    let mut t = Slots::new();
    t.insert("weasel_groups".into(), s.weasel_groups.clone());
    t.insert("quantified_groups".into(), s.quantified_groups.clone());
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_finds_what_a_scan_finds() {
        let long = "x".repeat(LOOKUP_MAX + 5);
        let words: Vec<String> = ["said", "Told", "according to", "a", "O'Neill", "café"]
            .iter()
            .map(|w| w.to_string())
            .chain([long.clone()])
            .collect();
        let list = List::from(words.clone());
        let asked = "said|SAID|Said|told|tolD|according to|ACCORDING TO|a|A|o'neill|CAFÉ|café|Café|sai|saids||b|according  to";
        for w in asked
            .split('|')
            .chain([long.as_str(), &long[1..], &long.to_uppercase()])
        {
            assert_eq!(has(&list, w), has(words.as_slice(), w), "{w:?}");
        }
        assert!(has(&list, "SAID") && !has(&list, "CAFÉ") && has(&list, &long.to_uppercase()));
    }

    /// Pieces of words: ASCII letters on both sides of the case bit's reach (`@`/`` ` ``,
    /// `[`/`{`, `Z`/`z`), bytes outside ASCII whose lower bits are a letter's (`é` C3 A9, `É`
    /// C3 89, `ŝ` C5 9D, `’` E2 80 99, the Kelvin sign E2 84 AA), and runs that cross the 8, 16
    /// and 64 byte edges of the keys.
    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("S"),
                Just("aid"),
                Just("Z"),
                Just("z"),
                Just("@"),
                Just("`"),
                Just("["),
                Just("{"),
                Just("é"),
                Just("É"),
                Just("ŝ"),
                Just("’"),
                Just("\u{212a}"),
                Just("k"),
                Just(" "),
                Just("'"),
                Just("-"),
                Just("0"),
                Just("xxxxxxx"),
                Just("ABCDEFGHIJKLMNOPQRSTUVWXYZABCD"),
            ],
            0..6,
        )
        .prop_map(|p| p.concat())
    }

    proptest::proptest! {
        /// A list's lookup (shapes, folded keys, the long set and the scan beyond it) says what a
        /// scan of its words ignoring ASCII case says, for its own words in any case and others.
        #[test]
        fn a_list_looks_up_what_a_scan_finds(
            words in proptest::collection::vec(word(), 0..10),
            others in proptest::collection::vec(word(), 0..10),
        ) {
            let list = List::from(words.clone());
            for w in words.iter().chain(&others) {
                let alternating: String = w
                    .chars()
                    .enumerate()
                    .map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c })
                    .collect();
                for q in [
                    w.clone(),
                    w.to_ascii_uppercase(),
                    w.to_ascii_lowercase(),
                    w.to_uppercase(),
                    w.to_lowercase(),
                    alternating,
                ] {
                    proptest::prop_assert_eq!(
                        has(&list, &q),
                        has(words.as_slice(), &q),
                        "{:?} in {:?}",
                        q,
                        words
                    );
                }
            }
        }
    }

    #[test]
    fn every_data_file_loads() {
        let _ = (&*CLAIMS, &*GRAMMAR, &*SOURCES, &*CUES, &*VAGUE);
    }

    #[test]
    fn expand_fills_slots_and_keeps_counts() {
        let mut t = Slots::new();
        t.insert("verbs".into(), vec!["said".into(), "said to be".into()]);
        let p = expand("x{0,3}{verbs}\n    |y", &[&t]);
        assert_eq!(p, r"x{0,3}(?:said\s+to\s+be|said)|y");
    }
}
