//! Vocabulary as data: every closed word list copydesk uses lives in a commented TOML file under
//! `data/`, embedded at build time and parsed once.
//!
//! A family declares its lists as a `#[derive(Deserialize)]` struct (with
//! `#[serde(deny_unknown_fields)]`, so a misspelt key is an error, not a silently empty list) and
//! loads it with [`parse`] inside a `LazyLock`. The files are part of the build, so a file that
//! does not parse is a bug caught by the tests that force every list to load; it is never a
//! user-facing error (a newsroom's own terms go in `copydesk.toml`, which is validated).
//!
//! This module sits at the bottom of the core: it imports nothing from the crate.

use serde::de::DeserializeOwned;

/// Parses one embedded data file. `name` is its path under `data/`, for the panic message.
pub fn parse<T: DeserializeOwned>(name: &str, text: &str) -> T {
    match toml::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("data/{name} does not parse: {e}"),
    }
}

/// Builds a case-insensitive regex alternation of whole words or phrases from a data list.
///
/// Entries are literal text (escaped), longest first so that "said to be" wins over "said";
/// a space in an entry matches any run of whitespace, as copy wraps lines anywhere.
pub fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&str> = words
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    let parts: Vec<String> = sorted
        .iter()
        .map(|w| {
            w.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect();
    format!("(?:{})", parts.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternation_prefers_longer_phrases_and_escapes() {
        let alt = alternation(&[
            "said".into(),
            "said to be".into(),
            "U.S.".into(),
            "said".into(),
        ]);
        assert_eq!(alt, r"(?:said\s+to\s+be|U\.S\.|said)");
        let re = regex::Regex::new(&format!(r"(?i)\b{alt}\b")).unwrap();
        assert_eq!(
            re.find("He is SAID  to be ill").unwrap().as_str(),
            "SAID  to be"
        );
    }

    #[test]
    #[should_panic(expected = "data/x.toml does not parse")]
    fn a_broken_file_names_itself() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct L {
            words: Vec<String>,
        }
        let _: L = parse("x.toml", "words = [");
    }
}
