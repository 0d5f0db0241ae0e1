//! The attribution family's vocabulary, loaded once from the commented data files under
//! `data/attribution/` (see each file's header for what its lists are for and how to add a word).
//!
//! Rust keeps the grammar: the patterns in `claims.rs` and `vague.rs` are templates whose word
//! slots (`{name}`) are filled from a table of the data file; the scanners in `cues.rs` test words
//! against the typed lists here.

use serde::Deserialize;
use std::sync::LazyLock;

pub use super::templates::{expand, Slots};

/// Whether `word` is in `list`, ignoring ASCII case.
pub fn has(list: &[String], word: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
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
    pub figure_words: Vec<String>,
    pub cost_starts: Vec<String>,
    pub push_verbs: Vec<String>,
    pub push_marks: Vec<String>,
    pub lead_verbs: Vec<String>,
    pub lead_not: Vec<String>,
    pub force_marks: Vec<String>,
    pub mean_starts: Vec<String>,
    pub always_verbs: Vec<String>,
    pub leave_verbs: Vec<String>,
    pub leave_marks: Vec<String>,
    pub cost_verbs: Vec<String>,
    pub mean_verbs: Vec<String>,
    pub force_verbs: Vec<String>,
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
    pub pronouns: Vec<String>,
    pub determiners: Vec<String>,
    pub possessive_dets: Vec<String>,
    pub function_words: Vec<String>,
    pub definite: Vec<String>,
    pub trailing_aux: Vec<String>,
    pub leading_conj: Vec<String>,
    pub finite: Vec<String>,
    pub relatives: Vec<String>,
    pub that: Vec<String>,
    pub reported_openers: Vec<String>,
    pub statement_dets: Vec<String>,
    pub appositive_relatives: Vec<String>,
    pub not_a_statement_before: Vec<String>,
    pub negations: Vec<String>,
    pub characterised_objects: Vec<String>,
    pub to: Vec<String>,
    pub np_after_stops: Vec<String>,
    pub subject_stops: Vec<String>,
    pub not_adverbs: Vec<String>,
    pub inverted_stops: Vec<String>,
    pub inverted_ends: Vec<String>,
    pub inverted_followers: Vec<String>,
    pub not_names: Vec<String>,
    pub lowerable: Vec<String>,
    pub clause_openers: Vec<String>,
    pub event_preps: Vec<String>,
    pub event_dets: Vec<String>,
    pub demonstratives: Vec<String>,
    pub past_markers: Vec<String>,
    pub content_openers: Vec<String>,
    pub noun_dets: Vec<String>,
    pub modifier_suffixes: Vec<String>,
    pub time_subordinators: Vec<String>,
    pub dated_events: Vec<String>,
}

/// `data/attribution/sources.toml`: source nouns.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    pub common_subjects: Vec<String>,
    pub plural_role_suffixes: Vec<String>,
    pub authorities: Vec<String>,
    pub evidence_subjects: Vec<String>,
    pub statement_nouns: Vec<String>,
    pub anon_bare: Vec<String>,
    pub anon_heads: Vec<String>,
    pub collective_heads: Vec<String>,
    pub institutional_plurals: Vec<String>,
    pub bare_groups: Vec<String>,
    pub vantage_heads: Vec<String>,
    pub vantage_dets: Vec<String>,
    pub vantage_words: Vec<String>,
    pub irregular_plurals: Vec<String>,
    pub group_of: Vec<String>,
    pub spokespeople: Vec<String>,
    pub indefinite: Vec<String>,
    pub weasel_groups: Vec<String>,
    pub bare_vague_groups: Vec<String>,
    pub quantified_groups: Vec<String>,
    pub quantifiers: Vec<String>,
    pub vague_docs: Vec<String>,
    pub vague_doc_mods: Vec<String>,
    pub doc_tails: Vec<String>,
    pub generic_present_groups: Vec<String>,
    pub pp_start: Vec<String>,
    pub generic_mods: Vec<String>,
    pub examples_given: Vec<String>,
    pub number_of: Vec<String>,
    pub org_words: Vec<String>,
    pub office_holders: Vec<String>,
    pub org_pronouns: Vec<String>,
    pub person_pronouns: Vec<String>,
}

/// `data/attribution/cues.toml`: attribution verbs and frames.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    pub verbs: Vec<String>,
    pub according: Vec<String>,
    pub passive_by: Vec<String>,
    pub source_after: Vec<String>,
    pub statements: Vec<String>,
    pub statement_mods: Vec<String>,
    pub study_nouns: Vec<String>,
    pub study_dets: Vec<String>,
    pub venues: Vec<String>,
    pub phrases: Vec<String>,
    pub evidence_verbs: Vec<String>,
    pub frame_verbs: Vec<String>,
    pub noun_like_verbs: Vec<String>,
    pub speech_objects: Vec<String>,
    pub clause_frame_verbs: Vec<String>,
    pub holding_verbs: Vec<String>,
    pub holding_be: Vec<String>,
    pub desire_words: Vec<String>,
    pub characterising_verbs: Vec<String>,
    pub object_frame_verbs: Vec<String>,
    pub say_forms: Vec<String>,
    pub belief_verbs: Vec<String>,
    pub subjectless: Vec<String>,
    pub told: Vec<String>,
    pub owned_documents: Vec<String>,
    pub document_owners: Vec<String>,
    pub mention_leads: Vec<String>,
    pub outlets: Vec<String>,
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
