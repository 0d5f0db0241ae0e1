//! Vocabulary as data: every closed word list copydesk uses lives in a commented TOML file under
//! `data/`, embedded at build time and parsed once.
//!
//! A family declares its lists as a `#[derive(Deserialize)]` struct (with
//! `#[serde(deny_unknown_fields)]`, so a misspelt key is an error, not a silently empty list) and
//! loads it with [`parse`] inside a `LazyLock`. The files are part of the build, so a file that
//! does not parse is a bug caught by the tests that force every list to load; it is never a
//! user-facing error (a newsroom's own terms go in `copydesk.toml`, which is validated).
//!
//! Reading TOML costs about a hundred instructions a byte, a tenth of a short story's check, so
//! `build.rs` parses every file under `data/` and `lexicon/` at build time and embeds it also as
//! JSON, which [`deserialize`] reads instead when it is given the text of an embedded file.
//! The TOML files stay the only source; the JSON is generated in the build directory.
//!
//! This module sits at the bottom of the core: it imports nothing from the crate.

use serde::de::DeserializeOwned;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/vocab_embedded.rs"));
}

/// Parses one embedded data file. `name` is its path under `data/`, for the panic message.
pub fn parse<T: DeserializeOwned>(name: &str, text: &str) -> T {
    match deserialize(text) {
        Ok(v) => v,
        Err(e) => panic!("data/{name} does not parse: {e}"),
    }
}

/// The JSON that `build.rs` made of the embedded data file whose TOML text is `text`, if it is one.
fn json_of(text: &str) -> Option<&'static str> {
    embedded::EMBEDDED
        .iter()
        .find(|(toml, _)| toml.len() == text.len() && *toml == text)
        .map(|&(_, json)| json)
}

/// Reads TOML text: through its JSON form when it is an embedded data file (the same data, read
/// faster), else as TOML.
pub fn deserialize<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    match json_of(text) {
        Some(json) => serde_json::from_str(json).map_err(|e| e.to_string()),
        None => toml::from_str(text).map_err(|e| e.to_string()),
    }
}

mod alternation;
pub use alternation::alternation;

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
        // Escaped as `regex::escape` does; no entry, no alternative.
        let odd = [
            "a-b (c)".to_string(),
            "  ".to_string(),
            "x|y\tz".to_string(),
        ];
        assert_eq!(alternation(&odd), r"(?:a\-b\s+\(c\)|x\|y\s+z)");
        assert_eq!(alternation(&[]), "(?:)");
        let re = regex::Regex::new(&format!(r"(?i)\b{alt}\b")).unwrap();
        assert_eq!(
            re.find("He is SAID  to be ill").unwrap().as_str(),
            "SAID  to be"
        );
    }

    #[test]
    fn every_data_file_is_embedded_as_the_same_data_in_json() {
        assert!(embedded::EMBEDDED.len() >= 15);
        for (toml, json) in embedded::EMBEDDED {
            assert_eq!(json_of(toml), Some(*json));
            let a: serde_json::Value = toml::from_str(toml).unwrap();
            let b: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(a, b);
        }
        assert!(json_of(include_str!("../data/document/genre.toml")).is_some());
        assert!(json_of(include_str!("../lexicon/ap.toml")).is_some());
        // Other text (a newsroom's file, a test's) is read as TOML.
        assert_eq!(json_of("words = []\n"), None);
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct L {
            words: Vec<String>,
        }
        assert_eq!(
            deserialize::<L>("words = [\"a\"] # a comment\n"),
            Ok(L {
                words: vec!["a".into()]
            })
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
