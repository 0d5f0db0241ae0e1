//! The family's closed word lists, loaded once from the commented data files in `data/wording/`.
//! Rust keeps the grammar (which list is consulted where); the words are data.

use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use std::sync::LazyLock;

/// A set of lower-case words.
pub type Words = HashSet<String>;

/// `data/wording/contexts.toml`: the built-in contexts `@attributed`, `@physical`, `@reported`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contexts {
    pub labelling_verbs: Words,
    pub call_forms: Words,
    pub call_particles: Words,
    pub as_markers: Words,
    pub as_label_verbs: Words,
    pub as_fillers: Words,
    pub as_compounds: Words,
    pub tag_participles: Words,
    pub tag_only_verbs: Words,
    pub aside_verbs: Words,
    pub claim_verbs: Words,
    pub portrayal_aims: Words,
    pub make_forms: Words,
    pub appearance_verbs: Words,
    pub reporting_verbs: Words,
    pub said_verbs: Words,
    pub content_nouns: Words,
    pub physical_subjects: Words,
    pub column_labels: Words,
    pub signed_labels: Words,
    pub first_person: Words,
    pub clause_breaks: Words,
    pub finding_verbs: Words,
    pub that_verbs: Words,
    pub relative_pronouns: Words,
    pub outer_predicates: Words,
    pub relative_modals: Words,
    pub first_person_sentences: usize,
    pub record_phrases: Vec<String>,
    pub fiction_works: Words,
    pub plot_verbs: Vec<String>,
    pub self_subjects: Words,
    pub viewpoint_openers: Words,
    pub viewpoint_quantifiers: Words,
    pub reporter_verbs: Words,
    pub reporter_objects: Words,
    pub reporter_acts: Words,
    pub reporter_nouns: Words,
    pub reporter_sentences: usize,
    pub second_person: Words,
    pub second_person_sentences: usize,
    pub verb_auxiliaries: Words,
    pub plural_auxiliaries: Words,
    pub object_determiners: Words,
    pub object_articles: Words,
    pub affected_people: Words,
    pub pleading_pronouns: Words,
    pub pleading_nouns: Words,
    pub court_words: Words,
    pub past_ruler_titles: Words,
    pub past_ruler_events: Words,
    pub past_ruler_links: Words,
    pub tag_settings: Words,
    pub tag_continuations: Words,
    pub that_settings: Words,
    pub conditional_openers: Words,
    pub conditional_not_after: Words,
    pub conditional_continuations: Words,
    pub conditional_subjects: Words,
    pub conditional_stops: Words,
    pub wrongdoing_words: Words,
    pub confession_stops: Words,
    pub confession_negators: Words,
    pub obligation_modals: Words,
    pub obligation_stops: Words,
    pub finding_nouns: Words,
    pub people_modifiers: Words,
    pub adjective_leads: Words,
    pub finding_links: Words,
    pub finding_not_openers: Words,
    pub apology_verbs: Words,
    pub apology_skips: Words,
    pub mocking_verbs: Words,
    pub object_list_words: Words,
    pub object_stops: Words,
    pub object_ends: Words,
}

/// `data/wording/speech.toml`: the function words that show a verb reports speech.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speech {
    pub passive_auxiliaries: Words,
    pub noun_markers: Words,
    pub subject_pronouns: Words,
    pub complementisers: Words,
    pub to_complements: Words,
    pub to_markers: Words,
    pub not_gerunds: Words,
    pub adverbials: Words,
    pub dummy_subjects: Words,
    pub clause_determiners: Words,
    pub finite_verbs: Words,
    pub clause_stops: Words,
    pub subject_words: Words,
    pub subject_determiners: Words,
    pub conjunctions: Words,
    pub name_linkers: Words,
    pub singular_subjects: Words,
    pub irregular_pasts: Words,
    pub not_bare_verbs: Words,
    pub demand_determiners: Words,
    pub demand_verbs: Words,
    pub demand_modals: Words,
    pub plural_pronouns: Words,
}

/// `data/wording/inflection.toml`: irregular verbs and plurals for fitted fixes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inflection {
    pub irregular_verbs: Vec<[String; 4]>,
    pub irregular_plurals: Vec<[String; 2]>,
    pub post_head: Words,
    pub agreement: Vec<[String; 2]>,
    pub number_neutral: Words,
    pub verb_adverbs: Words,
    pub phrase_openers: Words,
    pub relative_pronouns: Words,
    pub singular_determiners: Words,
}

/// `data/wording/senses.toml`: alternatives that name a particular act, and the cue words that
/// show the copy is about that act.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Senses {
    pub cues: std::collections::BTreeMap<String, Vec<String>>,
}

/// `data/wording/groups.toml`: naming the armed group a label belongs to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Groups {
    pub not_a_group: Words,
    pub name_particles: Words,
    pub back_reference: Words,
}

/// `data/wording/categories.toml`: other spellings of the lexicon's category names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Categories {
    pub aliases: std::collections::BTreeMap<String, String>,
}

pub static CONTEXTS: LazyLock<Contexts> = LazyLock::new(|| {
    crate::vocab::parse(
        "wording/contexts.toml",
        include_str!("../../../data/wording/contexts.toml"),
    )
});

pub static SPEECH: LazyLock<Speech> = LazyLock::new(|| {
    crate::vocab::parse(
        "wording/speech.toml",
        include_str!("../../../data/wording/speech.toml"),
    )
});

pub static INFLECTION: LazyLock<Inflection> = LazyLock::new(|| {
    crate::vocab::parse(
        "wording/inflection.toml",
        include_str!("../../../data/wording/inflection.toml"),
    )
});

pub static SENSES: LazyLock<Senses> = LazyLock::new(|| {
    crate::vocab::parse(
        "wording/senses.toml",
        include_str!("../../../data/wording/senses.toml"),
    )
});

pub static GROUPS: LazyLock<Groups> = LazyLock::new(|| {
    crate::vocab::parse(
        "wording/groups.toml",
        include_str!("../../../data/wording/groups.toml"),
    )
});

pub static CATEGORIES: LazyLock<Categories> = LazyLock::new(|| {
    crate::vocab::parse(
        "wording/categories.toml",
        include_str!("../../../data/wording/categories.toml"),
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_loads_and_is_lower_case() {
        let sets: Vec<&Words> = vec![
            &CONTEXTS.labelling_verbs,
            &CONTEXTS.reporting_verbs,
            &CONTEXTS.physical_subjects,
            &SPEECH.finite_verbs,
            &SPEECH.subject_words,
            &INFLECTION.post_head,
            &INFLECTION.number_neutral,
            &INFLECTION.verb_adverbs,
            &INFLECTION.phrase_openers,
            &INFLECTION.singular_determiners,
            &GROUPS.not_a_group,
        ];
        for s in sets {
            assert!(!s.is_empty());
            assert!(
                s.iter().all(|w| *w == w.to_lowercase() && !w.contains(' ')),
                "{s:?}"
            );
        }
        assert!(!INFLECTION.irregular_verbs.is_empty());
        assert!(!INFLECTION.agreement.is_empty());
        assert!(SENSES
            .cues
            .iter()
            .all(|(k, v)| *k == k.to_lowercase() && v.iter().all(|c| *c == c.to_lowercase())));
        assert!(!CATEGORIES.aliases.is_empty());
    }
}
