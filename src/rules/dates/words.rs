//! The dates family's vocabulary, loaded once from `data/dates/*.toml` (see each file's header
//! for what its lists do and how a newsroom adds an entry). Month and weekday names live in
//! `data/dates/calendar.toml`, read by [`crate::document::dateline`].

use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use std::sync::LazyLock;

/// `data/dates/relative.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relative {
    pub day: Vec<RelativeDay>,
    pub weekday: WeekdayWords,
    pub shift: Vec<Shift>,
    pub year: Vec<YearShift>,
}

/// A phrase after a month and day that gives its year from the dateline's ("last year").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearShift {
    pub text: String,
    pub years: i8,
}

/// A phrase before a weekday that moves it by whole days ("the day before").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    pub text: String,
    pub days: i8,
}

/// A relative day word ("yesterday", "this morning").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeDay {
    pub text: String,
    /// Days from the dateline.
    pub offset: i8,
    /// The part of the day kept when the word is rewritten as a weekday.
    #[serde(default)]
    pub part: Option<String>,
    /// May mean "nowadays" when no verb dates it.
    #[serde(default)]
    pub nowadays: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekdayWords {
    pub last: Vec<String>,
    pub next: Vec<String>,
    pub this: Vec<String>,
    pub same: Vec<String>,
    pub previous: Vec<String>,
    pub parts: Vec<String>,
}

/// `data/dates/not_a_day.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotADay {
    pub name_before: Vec<String>,
    pub name_after: Vec<String>,
    pub slot_after: Vec<String>,
    pub habit_before: Vec<String>,
    pub range_before: Vec<String>,
    pub range_after: Vec<String>,
    pub final_before: Vec<String>,
    pub idiom_before: Vec<String>,
    pub final_night_before: Vec<String>,
    pub nowadays_after: Vec<String>,
    pub event_after: Vec<String>,
    pub time_before: Vec<String>,
    pub not_a_noun_after_date: Vec<String>,
    pub caption_credits: Vec<String>,
    pub month_alone_before: Vec<String>,
    pub amount_after: Vec<String>,
    pub ordinal_day_before: Vec<String>,
}

/// `data/dates/tense.toml`, as read from the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TenseFile {
    future: Vec<String>,
    expect: Vec<String>,
    future_before_to: Vec<String>,
    future_followers: Vec<String>,
    future_phrases: Vec<String>,
    schedule_present: Vec<String>,
    plan_participles: Vec<String>,
    after_be_only: Vec<String>,
    be: Vec<String>,
    be_present: Vec<String>,
    past: Vec<String>,
    reporting: Vec<String>,
    reporting_never: Vec<String>,
    not_past_ed: Vec<String>,
    passive_aux: Vec<String>,
    linking: Vec<String>,
    determiners: Vec<String>,
    clause_openers: Vec<String>,
    plan_preps: Vec<String>,
    future_in_past: Vec<String>,
    plan_without_tense: Vec<String>,
    plan_present_markers: Vec<String>,
    hypothetical: Vec<String>,
    anchor: Vec<String>,
    deadline: Vec<String>,
    nowadays_verbs: Vec<String>,
    then_phrases: Vec<String>,
    column_pronouns: Vec<String>,
    column_sentences: usize,
    be_present_contracted: Vec<String>,
    state_participles: Vec<String>,
    counterfactual_if: Vec<String>,
    counterfactual_verbs: Vec<String>,
}

/// A set of lower-case words, looked up by a (lower-cased) token.
///
/// Most tokens of a sentence are in none of the tense sets, and each is looked up in several: a
/// table of the lengths the set's words have, per first byte, turns most of them away before
/// any hashing.
#[derive(Debug)]
pub struct WordSet {
    words: HashSet<String>,
    /// Per first byte, bit `min(len, 31)` for each word of that length starting with it.
    shapes: [u32; 256],
}

/// The bit of a word's length in [`WordSet::shapes`].
fn length_bit(len: usize) -> u32 {
    1 << len.min(31)
}

impl WordSet {
    fn new(words: Vec<String>) -> WordSet {
        let words: HashSet<String> = words.into_iter().map(|w| w.trim().to_lowercase()).collect();
        let mut shapes = [0u32; 256];
        for w in &words {
            if let Some(&b) = w.as_bytes().first() {
                shapes[b as usize] |= length_bit(w.len());
            }
        }
        WordSet { words, shapes }
    }

    /// Whether a word of `len` bytes (folded) that starts with the byte `first` may be in the
    /// set: false rules it out without a lookup.
    #[inline]
    pub fn may_hold(&self, first: u8, len: usize) -> bool {
        self.shapes[first as usize] & length_bit(len) != 0
    }

    #[inline]
    pub fn has(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&b) if self.shapes[b as usize] & length_bit(word.len()) == 0 => false,
            _ => self.words.contains(word),
        }
    }
}

/// The tense cues, as sets (see `data/dates/tense.toml` for each list's role).
#[derive(Debug)]
pub struct Tense {
    pub future: WordSet,
    pub expect: WordSet,
    pub future_before_to: WordSet,
    pub future_followers: WordSet,
    /// Each phrase as its lower-case words.
    pub future_phrases: Vec<Vec<String>>,
    pub schedule_present: WordSet,
    pub plan_participles: WordSet,
    pub after_be_only: WordSet,
    pub be: WordSet,
    pub be_present: WordSet,
    pub past: WordSet,
    pub reporting: WordSet,
    pub reporting_never: WordSet,
    pub not_past_ed: WordSet,
    pub passive_aux: WordSet,
    pub linking: WordSet,
    pub determiners: WordSet,
    pub clause_openers: WordSet,
    pub plan_preps: WordSet,
    pub future_in_past: WordSet,
    pub plan_without_tense: WordSet,
    pub plan_present_markers: WordSet,
    pub hypothetical: WordSet,
    pub anchor: WordSet,
    pub deadline: WordSet,
    pub nowadays_verbs: WordSet,
    /// Each phrase as its lower-case words.
    pub then_phrases: Vec<Vec<String>>,
    pub column_pronouns: WordSet,
    pub column_sentences: usize,
    pub be_present_contracted: WordSet,
    pub state_participles: WordSet,
    pub counterfactual_if: WordSet,
    pub counterfactual_verbs: WordSet,
}

pub static RELATIVE: LazyLock<Relative> = LazyLock::new(|| {
    crate::vocab::parse(
        "dates/relative.toml",
        include_str!("../../../data/dates/relative.toml"),
    )
});

pub static NOT_A_DAY: LazyLock<NotADay> = LazyLock::new(|| {
    crate::vocab::parse(
        "dates/not_a_day.toml",
        include_str!("../../../data/dates/not_a_day.toml"),
    )
});

pub static TENSE: LazyLock<Tense> = LazyLock::new(|| {
    let f: TenseFile = crate::vocab::parse(
        "dates/tense.toml",
        include_str!("../../../data/dates/tense.toml"),
    );
    Tense {
        future: WordSet::new(f.future),
        expect: WordSet::new(f.expect),
        future_before_to: WordSet::new(f.future_before_to),
        future_followers: WordSet::new(f.future_followers),
        future_phrases: f
            .future_phrases
            .iter()
            .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
            .collect(),
        schedule_present: WordSet::new(f.schedule_present),
        plan_participles: WordSet::new(f.plan_participles),
        after_be_only: WordSet::new(f.after_be_only),
        be: WordSet::new(f.be),
        be_present: WordSet::new(f.be_present),
        past: WordSet::new(f.past),
        reporting: WordSet::new(f.reporting),
        reporting_never: WordSet::new(f.reporting_never),
        not_past_ed: WordSet::new(f.not_past_ed),
        passive_aux: WordSet::new(f.passive_aux),
        linking: WordSet::new(f.linking),
        determiners: WordSet::new(f.determiners),
        clause_openers: WordSet::new(f.clause_openers),
        plan_preps: WordSet::new(f.plan_preps),
        future_in_past: WordSet::new(f.future_in_past),
        plan_without_tense: WordSet::new(f.plan_without_tense),
        plan_present_markers: WordSet::new(f.plan_present_markers),
        hypothetical: WordSet::new(f.hypothetical),
        anchor: WordSet::new(f.anchor),
        deadline: WordSet::new(f.deadline),
        nowadays_verbs: WordSet::new(f.nowadays_verbs),
        column_pronouns: WordSet::new(f.column_pronouns),
        column_sentences: f.column_sentences,
        be_present_contracted: WordSet::new(f.be_present_contracted),
        state_participles: WordSet::new(f.state_participles),
        counterfactual_if: WordSet::new(f.counterfactual_if),
        counterfactual_verbs: WordSet::new(f.counterfactual_verbs),
        then_phrases: f
            .then_phrases
            .iter()
            .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
            .collect(),
    }
});

/// True when `word` equals an entry, ignoring ASCII case.
pub fn any_eq(list: &[String], word: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_set_turns_away_only_words_it_lacks() {
        let long = "a".repeat(40);
        let set = WordSet::new(vec![
            "will".into(),
            " Won't ".into(),
            "w".into(),
            long.clone(),
        ]);
        for (w, expected) in [
            ("will", true),
            ("won't", true),
            ("w", true),
            (long.as_str(), true),
            ("wall", false),
            ("willing", false),
            ("", false),
            (&long[..35], false),
            ("Will", false),
        ] {
            assert_eq!(set.has(w), expected, "{w:?}");
            assert_eq!(set.has(w), set.words.contains(w), "{w:?}");
        }
    }

    #[test]
    fn every_list_loads_and_is_non_empty() {
        let r = &*RELATIVE;
        assert!(r.day.iter().any(|d| d.offset == -1));
        assert!(!r.weekday.last.is_empty() && !r.weekday.next.is_empty());
        let n = &*NOT_A_DAY;
        assert!(!n.name_before.is_empty() && !n.name_after.is_empty());
        let t = &*TENSE;
        assert!(t.future.has("will") && t.past.has("was") && t.reporting.has("said"));
        // Every entry is lower case (the tokens it is compared with are).
        let f: TenseFile = crate::vocab::parse(
            "dates/tense.toml",
            include_str!("../../../data/dates/tense.toml"),
        );
        for w in f.past.iter().chain(&f.future).chain(&f.expect) {
            assert_eq!(w, &w.to_lowercase());
        }
    }
}
