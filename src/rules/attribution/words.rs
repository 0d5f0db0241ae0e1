//! Small closed-class word lists and word scanning used by the attribution family.
//!
//! No part-of-speech tagger: news attribution is built from a small set of function words
//! (determiners, pronouns, auxiliaries, saying verbs), and these lists are cheaper and more
//! predictable than a statistical tagger on the per-keystroke path.

/// A word of `text` with its byte range (relative to `text`). Words are runs of letters, digits,
/// apostrophes, hyphens, periods inside abbreviations ("U.S.") and commas inside numbers.
#[derive(Clone, Copy, Debug)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '&')
}

/// Splits `text` into words.
pub fn words(text: &str) -> Vec<Word<'_>> {
    iter(text).collect()
}

/// The words of `text`, lazily (no allocation).
pub fn iter(text: &str) -> impl Iterator<Item = Word<'_>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < text.len() {
            // Skip to a word character.
            let b = bytes[i];
            if b < 0x80 && !(b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-' | b'&')) {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next()?;
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
            let s = i;
            let mut end = text.len();
            let mut j = i;
            while j < text.len() {
                let b = bytes[j];
                // ASCII fast path: letters, digits, apostrophe, hyphen and ampersand continue the word.
                if b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-' | b'&') {
                    j += 1;
                    continue;
                }
                let c = text[j..].chars().next()?;
                let n = j + c.len_utf8();
                let next = text[n..].chars().next();
                let inner = matches!(c, '.' | ',')
                    && next.is_some_and(|n| n.is_alphanumeric())
                    && (c == '.' || j > 0 && bytes[j - 1].is_ascii_digit());
                if is_word_char(c) || inner {
                    j = n;
                    continue;
                }
                // Keep the final period of an abbreviation like "U.S." or "Dr." attached.
                end = if c == '.' && text[s..j].contains('.') {
                    j + 1
                } else {
                    j
                };
                break;
            }
            if j >= text.len() {
                end = text.len();
            }
            i = j.max(end);
            // Strip possessive/quote apostrophes hanging at the word's start.
            let w = &text[s..end];
            let t = w.trim_start_matches(['\'', '’']);
            let start = s + (w.len() - t.len());
            if t.chars().any(char::is_alphanumeric) {
                return Some(Word {
                    start,
                    end,
                    text: t,
                });
            }
        }
        None
    })
}

/// The last word of `text` (looking only at its tail).
pub fn last(text: &str) -> Option<Word<'_>> {
    let mut from = text.len().saturating_sub(48);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    // Start the scan at a word break so the first word found is whole.
    if let Some(k) = text[from..].find(|c: char| c.is_whitespace()) {
        if from > 0 {
            from += k;
        }
    }
    iter(&text[from..]).last().map(|w| Word {
        start: w.start + from,
        end: w.end + from,
        text: w.text,
    })
}

pub fn lower_eq(word: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
}

pub fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

pub const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i", "you"];

pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "this", "that", "these", "those",
    "some", "many", "several", "most", "other", "another", "each", "every", "both", "all", "one",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "multiple", "numerous",
    "various", "certain",
];

pub const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "several", "multiple", "a", "an",
];

/// Nouns for groups and roles that are capitalised only because they open a sentence.
pub const COMMON_SUBJECTS: &[&str] = &[
    "police",
    "officials",
    "official",
    "authorities",
    "witnesses",
    "residents",
    "prosecutors",
    "investigators",
    "protesters",
    "doctors",
    "firefighters",
    "rescuers",
    "troops",
    "analysts",
    "economists",
    "traders",
    "forecasters",
    "scientists",
    "researchers",
    "organisers",
    "organizers",
    "supporters",
    "opponents",
    "critics",
    "lawmakers",
    "diplomats",
    "officers",
    "medics",
    "paramedics",
    "villagers",
    "survivors",
    "relatives",
    "neighbours",
    "neighbors",
    "parents",
    "teachers",
    "students",
    "workers",
    "employees",
    "staff",
    "experts",
    "observers",
    "insiders",
    "sources",
    "source",
    "people",
    "voters",
    "jurors",
    "lawyers",
    "attorneys",
    "defenders",
    "officers",
    "agents",
    "soldiers",
    "militants",
    "rebels",
    "activists",
    "campaigners",
    "unions",
    "regulators",
    "executives",
    "shareholders",
    "investors",
    "fans",
    "players",
    "coaches",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "authors",
    "scholars",
    "historians",
    "data",
    "figures",
    "records",
    "documents",
    "minutes",
    "filings",
    "polls",
    "surveys",
    "studies",
    "reports",
    "statistics",
    "others",
    "aides",
    "members",
    "leaders",
    "ministers",
    "judges",
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "some",
    "many",
    "several",
    "most",
    "one",
    "two",
    "three",
    "four",
    "five",
    "both",
    "all",
    "another",
    "each",
    "government",
    "company",
    "ministry",
    "agency",
    "council",
    "court",
    "army",
    "military",
    "hospital",
    "school",
    "city",
    "state",
    "county",
    "department",
    "office",
    "board",
    "committee",
    "campaign",
    "group",
    "union",
    "party",
    "team",
    "club",
    "family",
    "study",
    "report",
    "survey",
    "poll",
    "researchers",
    "scientists",
    "rescue",
    "local",
    "senior",
    "top",
    "security",
    "health",
    "election",
    "federal",
    "regional",
    "national",
    "former",
    "community",
    "hospital",
    "church",
    "airport",
    "airline",
    "rebel",
    "opposition",
    "militia",
    "emergency",
    "fire",
    "coast",
    "border",
    "prison",
    "interim",
    "acting",
    "provincial",
    "defence",
    "defense",
    "foreign",
    "interior",
];

/// Adverbs and auxiliaries that sit between a subject and its saying verb.
pub const TRAILING_AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "earlier",
    "previously",
    "repeatedly",
    "frequently",
    "publicly",
    "privately",
    "separately",
    "then",
    "again",
    "would",
    "will",
    "could",
    "may",
    "might",
    "did",
    "does",
    "do",
    "not",
    "never",
    "initially",
    "first",
    "recently",
    "already",
    "once",
    "further",
    "now",
    "still",
    "long",
    "often",
    "both",
    "all",
    "too",
    "himself",
    "herself",
    "itself",
    "themselves",
    "reportedly",
    "allegedly",
];

/// Words that open a clause before its subject.
pub const LEADING_CONJ: &[&str] = &[
    "and",
    "but",
    "or",
    "so",
    "then",
    "also",
    "with",
    "while",
    "as",
    "because",
    "after",
    "before",
    "when",
    "where",
    "though",
    "although",
    "yet",
    "meanwhile",
    "however",
    "since",
    "until",
    "if",
    "whereas",
    "once",
    "instead",
    "separately",
    "earlier",
    "later",
    "still",
    "nonetheless",
    "moreover",
];

/// Words that cannot be part of a short source noun phrase (finite verbs and the like).
pub const FINITE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "had", "has", "have", "would", "will",
    "could", "should", "can", "may", "might", "must", "did", "does", "do", "that", "it", "he",
    "she", "they", "we", "i", "there", "not",
];
