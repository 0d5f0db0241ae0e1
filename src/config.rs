//! Configuration: house style, per-rule levels, lexicon additions, the dateline override.
//!
//! `copydesk.toml` has the same shape as [`Config`]. Loading, discovery and merging with editor
//! settings live here too, so the CLI and the server configure copydesk the same way.

use crate::finding::Severity;
use crate::rules::{Family, Rule};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The house style a newsroom follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    #[default]
    Ap,
    Reuters,
    Bbc,
}

/// A rule's level: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    Off,
    On(Severity),
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "off" {
            return Ok(Level::Off);
        }
        Severity::parse(&s)
            .map(Level::On)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a level: use \"off\", \"hint\", \"info\", \"warning\" or \"error\"")))
    }
}

/// How far one attribution carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionScope {
    Sentence,
    /// Wire practice: an attribution covers the rest of its paragraph.
    #[default]
    Paragraph,
}

/// A lexicon entry, in the same shape in the built-in lexicon files (`lexicon/*.toml`) and in
/// `[terms.<word>]` of `copydesk.toml`. The table key is the term itself.
///
/// A user entry whose key names a built-in term overrides it field by field: a field left out
/// (empty list, no value) keeps the built-in one, so `[terms.regime] alternatives = ["government"]`
/// changes only the alternatives. A new term needs a `category` (it defaults to `contested-label`).
/// The `wording/` rules own the meaning of each field (see `src/rules/wording/`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermSpec {
    /// `contested-label`, `neutral-label`, `judgemental-verb`, `headlinese` or `intensifier`.
    #[serde(default)]
    pub category: String,
    /// Inflected forms matched besides the key ("terrorists" for "terrorist").
    #[serde(default)]
    pub forms: Vec<String>,
    /// Neutral alternatives, house-preferred first, written in the base form ("militant", "say");
    /// fixes keep the number, tense and case of the word they replace. `""` offers a deletion.
    #[serde(default)]
    pub alternatives: Vec<String>,
    /// Contexts in which the term is fine ("claimed responsibility", "designat* ... terrorist").
    /// Words match case-insensitively; `*` inside a word is a wildcard, `a|b` either word,
    /// `...` up to four words, `<Cap>` a capitalised word; `@attributed` stands for the writer
    /// attributing the label ("the ministry called them terrorists").
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// When not empty, the term is flagged only in one of these contexts (same pattern syntax).
    #[serde(default)]
    pub only_in: Vec<String>,
    /// Flag only when the word reports speech ("claimed that ...", not "claimed the title").
    #[serde(default)]
    pub speech: Option<bool>,
    /// Labels for an armed group: terms of the same family are interchangeable (`neutral`:
    /// militant, fighter, insurgent, rebel); a story mixing families gets `inconsistent-label`.
    #[serde(default)]
    pub label_family: Option<String>,
    /// Why a copy editor changes it, in newsroom terms.
    #[serde(default)]
    pub explanation: Option<String>,
    #[serde(default)]
    pub severity: Option<Severity>,
    /// The style guide (and entry) the term follows.
    #[serde(default)]
    pub source: Option<String>,
    /// The edition year of that style guide or guidance.
    #[serde(default)]
    pub edition: Option<u16>,
}

/// The configuration in force for one draft. Build it from layers with [`Config::with`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub style: Style,
    /// Level per rule id (`wording/intensifier`) or whole family (`attribution`).
    pub rules: BTreeMap<String, Level>,
    /// Lexicon additions and overrides.
    pub terms: BTreeMap<String, TermSpec>,
    /// Built-in terms to drop.
    pub remove: Vec<String>,
    /// Words never flagged in this project.
    pub allow: Vec<String>,
    /// Overrides the dateline found in the copy.
    pub dateline: Option<Date>,
    pub attribution_scope: AttributionScope,
    /// Show resolved dates inline after relative days.
    pub inlay_hints: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            style: Style::default(),
            rules: BTreeMap::new(),
            terms: BTreeMap::new(),
            remove: Vec::new(),
            allow: Vec::new(),
            dateline: None,
            attribution_scope: AttributionScope::default(),
            inlay_hints: true,
        }
    }
}

/// A configuration problem, located for the writer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// 1-based line in the config file, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A partial configuration: what one layer (a `copydesk.toml`, the editor's settings) sets.
/// Layers apply in order over the defaults: file, then editor settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct ConfigPatch {
    pub style: Option<Style>,
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    #[serde(default)]
    pub terms: BTreeMap<String, TermSpec>,
    #[serde(default)]
    pub remove: Vec<String>,
    #[serde(default)]
    pub allow: Vec<String>,
    pub dateline: Option<Date>,
    pub attribution_scope: Option<AttributionScope>,
    pub inlay_hints: Option<bool>,
}

impl ConfigPatch {
    /// Parses `copydesk.toml` text, checking that every rule id it names exists.
    pub fn from_toml(src: &str) -> Result<ConfigPatch, ConfigError> {
        let patch: ConfigPatch = toml::from_str(src).map_err(|e| ConfigError {
            line: e.span().map(|s| line_of(src, s.start)),
            message: e.message().trim().to_string(),
        })?;
        patch.check_rule_ids(|key| src.find(key).map(|i| line_of(src, i)))?;
        Ok(patch)
    }

    /// Parses editor settings (the same keys as `copydesk.toml`, as JSON).
    pub fn from_json(settings: &serde_json::Value) -> Result<ConfigPatch, ConfigError> {
        let patch: ConfigPatch = serde_json::from_value(settings.clone()).map_err(|e| ConfigError { line: None, message: format!("editor settings: {e}") })?;
        patch.check_rule_ids(|_| None)?;
        Ok(patch)
    }

    fn check_rule_ids(&self, line: impl Fn(&str) -> Option<usize>) -> Result<(), ConfigError> {
        for key in self.rules.keys() {
            if Family::parse(key).is_none() && crate::rules::lookup(key).is_none() {
                return Err(ConfigError { line: line(key), message: format!("unknown rule or family `{key}` in [rules]; `copydesk rules` lists them") });
            }
        }
        Ok(())
    }
}

impl Config {
    /// Parses `copydesk.toml` text over the defaults.
    pub fn from_toml(src: &str) -> Result<Config, ConfigError> {
        Ok(Config::default().with(ConfigPatch::from_toml(src)?))
    }

    /// This configuration with a layer applied over it.
    pub fn with(mut self, patch: ConfigPatch) -> Config {
        if let Some(s) = patch.style {
            self.style = s;
        }
        self.rules.extend(patch.rules);
        self.terms.extend(patch.terms);
        self.remove.extend(patch.remove);
        self.allow.extend(patch.allow);
        if patch.dateline.is_some() {
            self.dateline = patch.dateline;
        }
        if let Some(s) = patch.attribution_scope {
            self.attribution_scope = s;
        }
        if let Some(b) = patch.inlay_hints {
            self.inlay_hints = b;
        }
        self
    }

    /// The level a rule runs at, or None when it is off.
    pub fn level_for(&self, rule: &Rule) -> Option<Severity> {
        let level = self.rules.get(rule.id).or_else(|| self.rules.get(rule.family.as_str()));
        match level {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(*s),
            None => Some(rule.default_severity),
        }
    }

    /// True when the configuration sets this rule's level (by id or family).
    pub fn overrides(&self, rule_id: &str) -> bool {
        self.rules.contains_key(rule_id) || rule_id.split_once('/').is_some_and(|(fam, _)| self.rules.contains_key(fam))
    }
}

/// The nearest `copydesk.toml` from `dir` upward, stopping after `root` (the workspace root)
/// or at the filesystem root.
pub fn discover(dir: &std::path::Path, root: Option<&std::path::Path>) -> Option<std::path::PathBuf> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        let candidate = d.join("copydesk.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        if root.is_some_and(|r| d == r) {
            return None;
        }
        cur = d.parent();
    }
    None
}

/// Reads and parses a `copydesk.toml`.
pub fn load(path: &std::path::Path) -> Result<ConfigPatch, ConfigError> {
    const MAX: u64 = 1 << 20;
    let meta = std::fs::metadata(path).map_err(|e| ConfigError { line: None, message: format!("cannot read {}: {e}", path.display()) })?;
    if meta.len() > MAX {
        return Err(ConfigError { line: None, message: format!("{} is {} bytes; a copydesk.toml over 1 MiB is refused", path.display(), meta.len()) });
    }
    let src = std::fs::read_to_string(path).map_err(|e| ConfigError { line: None, message: format!("cannot read {}: {e}", path.display()) })?;
    ConfigPatch::from_toml(&src)
}

fn line_of(src: &str, offset: usize) -> usize {
    src[..offset.min(src.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_levels_and_style() {
        let c = Config::from_toml("style = \"reuters\"\n[rules]\nstyle = \"off\"\n\"style/tk-placeholder\" = \"error\"\n").unwrap();
        assert_eq!(c.style, Style::Reuters);
        let tk = crate::rules::lookup("style/tk-placeholder").unwrap();
        assert_eq!(c.level_for(tk), Some(Severity::Error));
        let uq = crate::rules::lookup("style/unbalanced-quote").unwrap();
        assert_eq!(c.level_for(uq), None);
    }

    #[test]
    fn errors_carry_lines() {
        let e = Config::from_toml("style = \"ap\"\nbogus = 1\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("bogus"), "{e}");
        let e = Config::from_toml("[rules]\n\"style/nope\" = \"off\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = Config::from_toml("[rules]\nstyle = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }
}
