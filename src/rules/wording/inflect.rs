//! Fitting an alternative to the word it replaces: number ("terrorists" -> "militants"), tense
//! ("claims" -> "says", "admitted" -> "said") and case ("Terrorists" -> "Militants").

use super::words::INFLECTION;

/// The shape of a verb form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Base,
    ThirdPerson,
    Past,
    Gerund,
}

/// The tense of the first word of a matched verb phrase.
pub fn tense_of(word: &str) -> Tense {
    let w = word.to_lowercase();
    for [b, s, p, g] in &INFLECTION.irregular_verbs {
        if w == *p && p != b {
            return Tense::Past;
        }
        if w == *s {
            return Tense::ThirdPerson;
        }
        if w == *g {
            return Tense::Gerund;
        }
        if w == *b {
            // "hit out at" is past in narrative copy far more often than present.
            return if b == p { Tense::Past } else { Tense::Base };
        }
    }
    if w.ends_with("ing") {
        Tense::Gerund
    } else if w.ends_with("ed") {
        Tense::Past
    } else if w.ends_with('s') && !w.ends_with("ss") {
        Tense::ThirdPerson
    } else {
        Tense::Base
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Inflects a base-form verb.
pub fn inflect_verb(base: &str, tense: Tense) -> String {
    if let Some([b, s, p, g]) = INFLECTION.irregular_verbs.iter().find(|v| v[0] == base) {
        return match tense {
            Tense::Base => b,
            Tense::ThirdPerson => s,
            Tense::Past => p,
            Tense::Gerund => g,
        }
        .to_string();
    }
    let last = base.chars().next_back().unwrap_or(' ');
    let before = base.chars().rev().nth(1).unwrap_or(' ');
    match tense {
        Tense::Base => base.to_string(),
        Tense::ThirdPerson => {
            if base.ends_with('s')
                || base.ends_with("sh")
                || base.ends_with("ch")
                || base.ends_with('x')
                || base.ends_with('z')
            {
                format!("{base}es")
            } else if last == 'y' && !is_vowel(before) {
                format!("{}ies", &base[..base.len() - 1])
            } else {
                format!("{base}s")
            }
        }
        Tense::Past => {
            if last == 'e' {
                format!("{base}d")
            } else if last == 'y' && !is_vowel(before) {
                format!("{}ied", &base[..base.len() - 1])
            } else {
                format!("{base}ed")
            }
        }
        Tense::Gerund => {
            if last == 'e' && before != 'e' {
                format!("{}ing", &base[..base.len() - 1])
            } else {
                format!("{base}ing")
            }
        }
    }
}

/// Puts the first word of a verb phrase ("decline to comment") in `tense`.
pub fn inflect_phrase(phrase: &str, tense: Tense) -> String {
    match phrase.split_once(' ') {
        Some((first, rest)) => format!("{} {rest}", inflect_verb(first, tense)),
        None => inflect_verb(phrase, tense),
    }
}

/// The plural of one noun.
pub fn plural(word: &str) -> String {
    let lower = word.to_lowercase();
    for [s, p] in &INFLECTION.irregular_plurals {
        if lower.ends_with(s.as_str()) {
            return format!("{}{}", &word[..word.len() - s.len()], p);
        }
    }
    let last = lower.chars().next_back().unwrap_or(' ');
    let before = lower.chars().rev().nth(1).unwrap_or(' ');
    if lower.ends_with('s')
        || lower.ends_with("sh")
        || lower.ends_with("ch")
        || lower.ends_with('x')
    {
        format!("{word}es")
    } else if last == 'y' && !is_vowel(before) {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

/// The index of a noun phrase's head among its words: the word before any post-modifier.
fn head_index(words: &[&str]) -> usize {
    words
        .iter()
        .position(|w| INFLECTION.post_head.contains(*w))
        .map_or(words.len(), |i| i)
        .saturating_sub(1)
}

/// True when a noun phrase is plural, judged by its head: "authorities", "gunmen",
/// "immigrants living in the country illegally"; not "government" or "press".
pub fn is_plural_noun(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let Some(head) = words.get(head_index(&words)) else {
        return false;
    };
    let w = head.to_lowercase();
    INFLECTION
        .irregular_plurals
        .iter()
        .any(|[s, p]| w.ends_with(p.as_str()) && !w.ends_with(s.as_str()))
        || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is"))
}

/// The plural of a noun phrase: its head (the word before any post-modifier) takes the plural.
/// A phrase that is plural already ("authorities") stays as it is.
pub fn plural_phrase(phrase: &str) -> String {
    if is_plural_noun(phrase) {
        return phrase.to_string();
    }
    let words: Vec<&str> = phrase.split(' ').collect();
    let head = head_index(&words);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == head {
                plural(w)
            } else {
                (*w).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `form` is the plural of `singular` (by its last word).
pub fn is_plural_of(form: &str, singular: &str) -> bool {
    let f = form.to_lowercase();
    let s = singular.to_lowercase();
    let (fl, sl) = (
        f.rsplit(' ').next().unwrap_or(&f),
        s.rsplit(' ').next().unwrap_or(&s),
    );
    f != s && (plural(sl) == fl || (fl.ends_with('s') && !sl.ends_with('s')))
}

/// Gives `replacement` the capitalisation of `original`: all caps, initial capital or as is.
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut c = replacement.chars();
        return match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs() {
        assert_eq!(inflect_verb("say", tense_of("claims")), "says");
        assert_eq!(inflect_verb("say", tense_of("admitted")), "said");
        assert_eq!(inflect_verb("say", tense_of("insisting")), "saying");
        assert_eq!(inflect_verb("say", tense_of("claim")), "say");
        assert_eq!(inflect_verb("criticize", tense_of("slammed")), "criticized");
        assert_eq!(inflect_verb("criticize", tense_of("slams")), "criticizes");
        assert_eq!(
            inflect_verb("criticize", tense_of("slamming")),
            "criticizing"
        );
        assert_eq!(inflect_verb("criticise", tense_of("hit")), "criticised");
        assert_eq!(
            inflect_verb("acknowledge", tense_of("conceded")),
            "acknowledged"
        );
        assert_eq!(
            inflect_phrase("decline to comment", tense_of("refused")),
            "declined to comment"
        );
        assert_eq!(inflect_verb("disclose", tense_of("reveals")), "discloses");
        assert_eq!(inflect_verb("criticize", tense_of("took")), "criticized");
        assert_eq!(inflect_verb("criticize", tense_of("laid")), "criticized");
    }

    #[test]
    fn nouns_and_case() {
        assert_eq!(plural_phrase("militant"), "militants");
        assert_eq!(plural_phrase("gunman"), "gunmen");
        assert_eq!(plural_phrase("armed group"), "armed groups");
        assert_eq!(
            plural_phrase("immigrant living in the country illegally"),
            "immigrants living in the country illegally"
        );
        assert_eq!(plural_phrase("U.S.-born child"), "U.S.-born children");
        assert_eq!(plural_phrase("authorities"), "authorities");
        assert!(is_plural_noun("authorities") && is_plural_noun("gunmen"));
        assert!(is_plural_noun("immigrants living in the country illegally"));
        assert!(
            !is_plural_noun("government") && !is_plural_noun("crowd") && !is_plural_noun("woman")
        );
        assert!(is_plural_of("terrorists", "terrorist"));
        assert!(is_plural_of("illegal immigrants", "illegal immigrant"));
        assert!(!is_plural_of("terrorist", "terrorist"));
        assert_eq!(match_case("Terrorists", "militants"), "Militants");
        assert_eq!(match_case("TERRORISTS", "militants"), "MILITANTS");
        assert_eq!(match_case("terrorist", "militant"), "militant");
    }
}
