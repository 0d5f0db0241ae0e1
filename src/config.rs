//! Configuration: house style, per-rule levels, lexicon additions, the dateline override.
//!
//! `copydesk.toml` has the same shape as [`Config`]. Parsing, validation and merging with editor
//! settings live here, so the CLI and the server configure copydesk the same way; reading and
//! writing the file is the workspace's job (`crate::workspace`).
//!
//! These are plain types below the rules: what validation must ask of the rules and the lexicon
//! (is this a rule id? a lexicon category? a valid pattern?) comes in as a [`Catalog`], which the
//! engine supplies (`crate::engine::catalog`).

use crate::finding::Severity;
pub use crate::rule::Level;
use crate::rule::{Family, Rule};
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
/// changes only the alternatives. `forms` and `exceptions` given are added to the built-in ones;
/// `alternatives` and `only_in` replace them; a new `source` brings its own `edition`. A new term needs a `category` (it defaults to `contested-label`).
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
    /// `!a|b` any other word, `...` up to four words, `<Cap>` a capitalised word, a leading `^`
    /// the sentence start; `@attributed` stands for the writer
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
    /// Example sentences, run as tests: the flagged word in `[brackets]`; a sentence with no
    /// brackets must not be flagged for this term (a sense or context in which it is fine).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
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

impl Style {
    pub const ALL: [Style; 3] = [Style::Ap, Style::Reuters, Style::Bbc];
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Ap => "ap",
            Style::Reuters => "reuters",
            Style::Bbc => "bbc",
        }
    }
    pub fn parse(s: &str) -> Option<Style> {
        Style::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One configuration key: the single source of truth for `copydesk rules --json` (from which the
/// editors' settings are generated), `copydesk init` and the README's Configuration section.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Setting {
    /// The key in `copydesk.toml` and in editor settings.
    pub key: &'static str,
    /// `string`, `boolean`, `date`, `array` (of strings) or `table`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The default, as JSON text (`null` for none).
    pub default: &'static str,
    /// The values accepted (for a table: the values of its entries); empty when free.
    pub allowed: &'static [&'static str],
    pub description: &'static str,
    /// A `copydesk.toml` fragment setting it.
    pub example: &'static str,
}

/// Every configuration key, in the order `copydesk init` writes them.
pub static SETTINGS: &[Setting] = &[
    Setting {
        key: "style",
        kind: "string",
        default: "\"ap\"",
        allowed: &["ap", "reuters", "bbc"],
        description: "The house style: picks the built-in lexicon (AP, Reuters or BBC) and the style-guide basis quoted in explanations.",
        example: "style = \"reuters\"",
    },
    Setting {
        key: "rules",
        kind: "table",
        default: "{}",
        allowed: &["off", "hint", "info", "warning", "error"],
        description: "The level of a rule (by id, such as \"wording/intensifier\") or of a whole family (\"attribution\", \"dates\", \"wording\", \"style\"): a severity, or \"off\". A rule id wins over its family.",
        example: "[rules]\nattribution = \"warning\"\n\"style/tk-placeholder\" = \"error\"",
    },
    Setting {
        key: "terms",
        kind: "table",
        default: "{}",
        allowed: &[],
        description: "Lexicon entries to add or override, one [terms.<word>] table each, in the same shape as the built-in lexicon files: category (contested-label, neutral-label, judgemental-verb, headlinese or intensifier), alternatives (house-preferred first), and optionally forms, exceptions, only_in, speech, label_family, explanation, severity, source and edition. An entry for a built-in term changes only the fields it sets.",
        example: "[terms.boondoggle]\ncategory = \"intensifier\"\nalternatives = [\"costly project\"]\nexplanation = \"Says the project is a waste; let the figures say it.\"",
    },
    Setting {
        key: "remove",
        kind: "array",
        default: "[]",
        allowed: &[],
        description: "Built-in lexicon terms to drop for this project.",
        example: "remove = [\"slammed\"]",
    },
    Setting {
        key: "allow",
        kind: "array",
        default: "[]",
        allowed: &[],
        description: "Words never flagged in this project (the editor's \"Allow this word in this project\" adds to it).",
        example: "allow = [\"regime\"]",
    },
    Setting {
        key: "dateline",
        kind: "date",
        default: "null",
        allowed: &[],
        description: "The story's date, overriding any dateline found in the copy; every relative date (\"on Thursday\", \"yesterday\") is resolved against it. A quoted \"YYYY-MM-DD\" or a bare TOML date.",
        example: "dateline = 2021-08-15",
    },
    Setting {
        key: "attribution_scope",
        kind: "string",
        default: "\"paragraph\"",
        allowed: &["sentence", "paragraph"],
        description: "How far one attribution carries: the rest of its paragraph (wire practice) or only its own sentence.",
        example: "attribution_scope = \"sentence\"",
    },
    Setting {
        key: "inlay_hints",
        kind: "boolean",
        default: "true",
        allowed: &[],
        description: "Show the resolved calendar date inline after relative days in the editor.",
        example: "inlay_hints = false",
    },
];

/// Looks a setting up by key.
pub fn setting(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

/// What validation must ask of the rules and the lexicon. The settings sit below the rules, so
/// the engine supplies it (`crate::engine::catalog::CATALOG`).
pub trait Catalog {
    /// Every rule id, for checking `[rules]` keys and suggesting the nearest one.
    fn rule_ids(&self) -> Vec<&'static str>;
    /// What is wrong with a `[terms.*]` category, if anything.
    fn category_problem(&self, category: &str) -> Option<String>;
    /// What is wrong with an `exceptions` / `only_in` pattern, if anything (size aside).
    fn pattern_problem(&self, pattern: &str) -> Option<String>;
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

impl ConfigError {
    fn at(src: &str, offset: Option<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            line: offset.map(|o| line_of(src, o)),
            message: one_line(&message.into()),
        }
    }
}

/// A `copydesk.toml` larger than this is refused unread: no newsroom's stylebook needs it, and a
/// runaway file must not stall the editor.
pub const MAX_CONFIG_BYTES: usize = 1 << 20;
/// At most this many `[terms.*]` entries, and this many words in `allow` or `remove`.
pub const MAX_ENTRIES: usize = 10_000;
/// The longest term, alternative or pattern accepted, in characters.
pub const MAX_TERM_CHARS: usize = 500;
/// Keys in editor settings that belong to the client, not to copydesk's configuration
/// (VS Code's `copydesk.trace.server`, a server path): ignored by [`ConfigPatch::from_json`].
pub const CLIENT_ONLY_KEYS: &[&str] = &[
    "trace",
    "path",
    "server",
    "serverPath",
    "executable",
    "enable",
];

/// A partial configuration: what one layer (a `copydesk.toml`, the editor's settings) sets.
/// Layers apply in order over the defaults: file, then editor settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct ConfigPatch {
    pub style: Option<Style>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub rules: BTreeMap<String, Level>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub terms: BTreeMap<String, TermSpec>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub remove: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub allow: Vec<String>,
    /// A quoted `"2021-08-15"` or a bare TOML date `2021-08-15`.
    #[serde(default, deserialize_with = "de_dateline")]
    pub dateline: Option<Date>,
    pub attribution_scope: Option<AttributionScope>,
    pub inlay_hints: Option<bool>,
}

/// Editors send `null` for a setting the user never set.
fn null_as_default<'de, D: serde::Deserializer<'de>, T: Default + Deserialize<'de>>(
    d: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn de_dateline<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    use serde::de::Error;
    let bad = |what: &str| {
        D::Error::custom(format!(
            "dateline must be a calendar date like 2021-08-15, not {what}"
        ))
    };
    match Option::<toml::Value>::deserialize(d)? {
        None => Ok(None),
        Some(toml::Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(toml::Value::String(s)) => s
            .trim()
            .parse::<Date>()
            .map(Some)
            .map_err(|_| bad(&format!("\"{s}\""))),
        Some(toml::Value::Datetime(dt)) => match (dt.date, dt.time) {
            (Some(date), None) => Date::new(date.year as i16, date.month as i8, date.day as i8)
                .map(Some)
                .map_err(|_| bad(&dt.to_string())),
            _ => Err(bad(&format!("the date and time {dt}"))),
        },
        Some(other) => Err(bad(&format!("{} {other}", other.type_str()))),
    }
}

impl ConfigPatch {
    /// Parses `copydesk.toml` text: the first problem, located by line. See [`diagnose`] for all.
    pub fn from_toml_in(src: &str, cat: &dyn Catalog) -> Result<ConfigPatch, ConfigError> {
        parse_toml(src, cat).map_err(|mut errors| errors.swap_remove(0))
    }

    /// Parses editor settings (the same keys as `copydesk.toml`, as JSON). `null` means unset;
    /// client-only keys ([`CLIENT_ONLY_KEYS`]) are ignored.
    pub fn from_json_in(
        settings: &serde_json::Value,
        cat: &dyn Catalog,
    ) -> Result<ConfigPatch, ConfigError> {
        let settings = match settings {
            serde_json::Value::Null => return Ok(ConfigPatch::default()),
            serde_json::Value::Object(map) => serde_json::Value::Object(
                map.iter()
                    .filter(|(k, _)| !CLIENT_ONLY_KEYS.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
            other => other.clone(),
        };
        let patch: ConfigPatch = serde_json::from_value(settings).map_err(|e| ConfigError {
            line: None,
            message: format!("editor settings: {}", one_line(&e.to_string())),
        })?;
        let mut errors = Vec::new();
        for key in patch.rules.keys() {
            if let Some(msg) = unknown_rule_message(key, cat) {
                errors.push(ConfigError {
                    line: None,
                    message: format!("editor settings: {msg}"),
                });
            }
        }
        for (list, n) in [
            ("terms", patch.terms.len()),
            ("allow", patch.allow.len()),
            ("remove", patch.remove.len()),
        ] {
            if n > MAX_ENTRIES {
                errors.push(ConfigError {
                    line: None,
                    message: format!(
                        "editor settings: `{list}` has {n} entries; the limit is {MAX_ENTRIES}"
                    ),
                });
            }
        }
        if let Some(w) = patch
            .allow
            .iter()
            .chain(&patch.remove)
            .find(|w| w.chars().count() > MAX_TERM_CHARS)
        {
            errors.push(ConfigError { line: None, message: format!("editor settings: an `allow` or `remove` entry is {} characters long; the limit is {MAX_TERM_CHARS}", w.chars().count()) });
        }
        for (word, term) in &patch.terms {
            if let Some(msg) = term_problem(word, term, cat) {
                errors.push(ConfigError {
                    line: None,
                    message: format!("editor settings: {msg}"),
                });
            }
        }
        match errors.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(patch),
        }
    }
}

/// Every problem in a `copydesk.toml`, in line order (empty when it is good). For the server's
/// diagnostics on the config file.
pub fn diagnose_in(src: &str, cat: &dyn Catalog) -> Vec<ConfigError> {
    parse_toml(src, cat).err().unwrap_or_default()
}

fn parse_toml(src: &str, cat: &dyn Catalog) -> Result<ConfigPatch, Vec<ConfigError>> {
    if src.len() > MAX_CONFIG_BYTES {
        return Err(vec![ConfigError {
            line: None,
            message: format!(
                "the file is {} bytes; a copydesk.toml over 1 MiB is refused",
                src.len()
            ),
        }]);
    }
    let doc = toml_edit::Document::parse(src).map_err(|e| {
        vec![ConfigError::at(
            src,
            e.span().map(|s| s.start),
            format!("TOML syntax error: {}", e.message()),
        )]
    })?;
    let mut errors = check_document(src, &doc, cat);
    let patch = match toml::from_str::<ConfigPatch>(src) {
        Ok(p) => Some(p),
        Err(e) => {
            let offset = e.span().map(|s| s.start);
            let message = e.message().trim().to_string();
            let message = if message.starts_with("unknown field") {
                format!("{message} (see the Configuration section of the README)")
            } else {
                message
            };
            // The same problem may already be reported from the document walk.
            if !errors
                .iter()
                .any(|x| x.line == offset.map(|o| line_of(src, o)))
            {
                errors.push(ConfigError::at(src, offset, message));
            }
            None
        }
    };
    errors.sort_by_key(|e| e.line.unwrap_or(0));
    match (patch, errors.is_empty()) {
        (Some(p), true) => Ok(p),
        _ => Err(errors),
    }
}

/// Checks what serde cannot: rule ids, patterns, sizes. Located by the document's spans.
fn check_document(
    src: &str,
    doc: &toml_edit::Document<&str>,
    cat: &dyn Catalog,
) -> Vec<ConfigError> {
    let mut errors = Vec::new();
    let root = doc.as_table();
    let key_at = |k: &toml_edit::Key| k.span().map(|s| s.start);
    if let Some(rules) = root.get("rules").and_then(|i| i.as_table_like()) {
        for (name, _) in rules.iter() {
            if let Some(msg) = unknown_rule_message(name, cat) {
                let at = rules.get_key_value(name).and_then(|(k, _)| key_at(k));
                errors.push(ConfigError::at(src, at, msg));
            }
        }
    }
    if let Some((terms_key, item)) = root.get_key_value("terms") {
        if let Some(terms) = item.as_table_like() {
            if terms.len() > MAX_ENTRIES {
                errors.push(ConfigError::at(
                    src,
                    key_at(terms_key).or(item.span().map(|s| s.start)),
                    format!(
                        "[terms] has {} entries; the limit is {MAX_ENTRIES}",
                        terms.len()
                    ),
                ));
            }
            for (word, entry) in terms.iter() {
                let key = terms.get_key_value(word).map(|(k, _)| k);
                let at = key.and_then(key_at);
                if word.chars().count() > MAX_TERM_CHARS {
                    errors.push(ConfigError::at(
                        src,
                        at,
                        format!(
                            "a term is {} characters long; the limit is {MAX_TERM_CHARS}",
                            word.chars().count()
                        ),
                    ));
                }
                let Some(entry) = entry.as_table_like() else {
                    continue;
                };
                if let Some((ck, Some(category))) = entry
                    .get_key_value("category")
                    .map(|(k, v)| (k, v.as_str()))
                {
                    if let Some(msg) = category_problem(category, cat) {
                        errors.push(ConfigError::at(
                            src,
                            key_at(ck).or(at),
                            format!("[terms.{word}] {msg}"),
                        ));
                    }
                }
                for field in ["exceptions", "only_in"] {
                    let Some((fk, value)) = entry.get_key_value(field) else {
                        continue;
                    };
                    let pats: Vec<(&str, Option<usize>)> = match value.as_value() {
                        Some(toml_edit::Value::Array(a)) => a
                            .iter()
                            .filter_map(|v| Some((v.as_str()?, v.span().map(|s| s.start))))
                            .collect(),
                        _ => Vec::new(),
                    };
                    for (p, pat_at) in pats {
                        if let Some(why) = context_problem(p, cat) {
                            errors.push(ConfigError::at(
                                src,
                                pat_at.or(key_at(fk)).or(at),
                                format!("[terms.{word}] {field}: {why}"),
                            ));
                        }
                    }
                }
                for (field, value) in entry.iter() {
                    let long = match value.as_value() {
                        Some(toml_edit::Value::String(s)) if field != "explanation" => {
                            s.value().chars().count() > MAX_TERM_CHARS
                        }
                        Some(toml_edit::Value::Array(a)) => a
                            .iter()
                            .filter_map(|v| v.as_str())
                            .any(|s| s.chars().count() > MAX_TERM_CHARS),
                        _ => false,
                    };
                    if long {
                        let fat = entry.get_key_value(field).and_then(|(k, _)| key_at(k));
                        errors.push(ConfigError::at(src, fat.or(at), format!("[terms.{word}] {field}: an entry is over {MAX_TERM_CHARS} characters long")));
                    }
                }
            }
        }
    }
    for list in ["allow", "remove"] {
        if let Some((k, item)) = root.get_key_value(list) {
            if let Some(a) = item.as_array() {
                if a.len() > MAX_ENTRIES {
                    errors.push(ConfigError::at(
                        src,
                        key_at(k),
                        format!("`{list}` has {} words; the limit is {MAX_ENTRIES}", a.len()),
                    ));
                }
                if a.iter()
                    .filter_map(|v| v.as_str())
                    .any(|s| s.chars().count() > MAX_TERM_CHARS)
                {
                    errors.push(ConfigError::at(
                        src,
                        key_at(k),
                        format!("`{list}` has an entry over {MAX_TERM_CHARS} characters long"),
                    ));
                }
            }
        }
    }
    errors
}

/// What is wrong with a term given in settings, if anything (patterns are checked by the document
/// walk for files; editor settings arrive as JSON, so check the parsed value here).
fn term_problem(word: &str, term: &TermSpec, cat: &dyn Catalog) -> Option<String> {
    if word.chars().count() > MAX_TERM_CHARS {
        return Some(format!(
            "a term is {} characters long; the limit is {MAX_TERM_CHARS}",
            word.chars().count()
        ));
    }
    if let Some(msg) = category_problem(&term.category, cat) {
        return Some(format!("[terms.{word}] {msg}"));
    }
    let patterns = term
        .exceptions
        .iter()
        .map(|p| ("exceptions", p))
        .chain(term.only_in.iter().map(|p| ("only_in", p)));
    patterns.into_iter().find_map(|(field, p)| {
        context_problem(p, cat).map(|why| format!("[terms.{word}] {field}: {why}"))
    })
}

/// The categories a lexicon entry may have (the wording rules own their meaning).
pub const TERM_CATEGORIES: &[&str] = &[
    "contested-label",
    "neutral-label",
    "judgemental-verb",
    "headlinese",
    "intensifier",
];

/// What is wrong with a `[terms.*]` category, if anything. Empty means the default.
fn category_problem(category: &str, cat: &dyn Catalog) -> Option<String> {
    if category.is_empty() {
        return None;
    }
    cat.category_problem(category)
}

/// What is wrong with an `exceptions` / `only_in` pattern, if anything.
fn context_problem(pattern: &str, cat: &dyn Catalog) -> Option<String> {
    if pattern.chars().count() > MAX_TERM_CHARS {
        return Some(format!(
            "a pattern is over {MAX_TERM_CHARS} characters long"
        ));
    }
    cat.pattern_problem(pattern)
}

/// The message for a pattern the wording rules cannot read (for [`Catalog::pattern_problem`]).
pub fn invalid_pattern_message(pattern: &str) -> String {
    format!("invalid pattern `{pattern}`: use words (`a|b` for either, `*` inside a word as a wildcard), `!a|b` for any other word, `...` for a gap, `<Cap>`, `<term>`, a leading `^`, `@attributed`, `@physical` or `@reported`")
}

/// The message for a `[rules]` key that names no rule or family, or None when it is known.
fn unknown_rule_message(key: &str, cat: &dyn Catalog) -> Option<String> {
    if Family::parse(key).is_some() || cat.rule_ids().contains(&key) {
        return None;
    }
    Some(match nearest_rule_in(key, cat) {
        Some(c) => format!("unknown rule or family `{key}` in [rules]; did you mean `{c}`? (`copydesk rules` lists them)"),
        None => format!("unknown rule or family `{key}` in [rules]; `copydesk rules` lists them"),
    })
}

/// The rule id or family closest to a misspelt one, if any is close.
pub fn nearest_rule_in(key: &str, cat: &dyn Catalog) -> Option<&'static str> {
    let candidates = Family::ALL.iter().map(|f| f.as_str()).chain(cat.rule_ids());
    candidates
        .map(|c| (edit_distance(key, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 5))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Config {
    /// Parses `copydesk.toml` text over the defaults.
    pub fn from_toml_in(src: &str, cat: &dyn Catalog) -> Result<Config, ConfigError> {
        Ok(Config::default().with(ConfigPatch::from_toml_in(src, cat)?))
    }

    /// The configuration for the file `layers` came from: defaults, then each layer in order
    /// (`copydesk.toml`, then the editor's settings).
    pub fn layered(layers: impl IntoIterator<Item = ConfigPatch>) -> Config {
        layers.into_iter().fold(Config::default(), Config::with)
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
        let level = self
            .rules
            .get(rule.id)
            .or_else(|| self.rules.get(rule.family.as_str()));
        match level {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(*s),
            None => rule.default_level.severity(),
        }
    }

    /// True when the configuration sets this rule's level (by id or family).
    pub fn overrides(&self, rule_id: &str) -> bool {
        self.rules.contains_key(rule_id)
            || rule_id
                .split_once('/')
                .is_some_and(|(fam, _)| self.rules.contains_key(fam))
    }
}

/// The text of `copydesk.toml` with `word` added to `allow` (the editor's "Allow this word in
/// this project"). Comments, order and formatting of the rest are kept; a word already allowed
/// leaves the text as it was. `existing` is None when there is no file yet.
pub fn allow_word(existing: Option<&str>, word: &str) -> Result<String, ConfigError> {
    let word = word.trim();
    if word.is_empty() || word.chars().count() > MAX_TERM_CHARS {
        return Err(ConfigError {
            line: None,
            message: "nothing to allow: the word is empty or too long".into(),
        });
    }
    let src = existing.unwrap_or("");
    let mut doc: toml_edit::DocumentMut = src.parse().map_err(|e: toml_edit::TomlError| {
        ConfigError::at(
            src,
            e.span().map(|s| s.start),
            format!("TOML syntax error: {}", e.message()),
        )
    })?;
    if !doc.contains_key("allow") {
        doc.insert("allow", toml_edit::value(toml_edit::Array::new()));
    }
    let item = doc.get_mut("allow").expect("just inserted");
    let Some(array) = item.as_array_mut() else {
        return Err(ConfigError {
            line: None,
            message: "`allow` is not a list of words; fix it by hand".into(),
        });
    };
    if array
        .iter()
        .any(|v| v.as_str().is_some_and(|w| w.eq_ignore_ascii_case(word)))
    {
        return Ok(src.to_string());
    }
    array.push(word);
    if array.len() > 4 {
        // A long list reads best one word a line.
        for v in array.iter_mut() {
            v.decor_mut().set_prefix("\n    ");
        }
        array.set_trailing("\n");
        array.set_trailing_comma(true);
    }
    let mut out = doc.to_string();
    if existing.is_none() {
        out.insert_str(
            0,
            "# copydesk configuration: see `copydesk init` for a commented example.\n",
        );
    }
    Ok(out)
}

fn line_of(src: &str, offset: usize) -> usize {
    src.as_bytes()[..offset.min(src.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::diagnose;
    use crate::finding::Severity;
    use crate::workspace::{allow_word_in_file, discover, discover_for_file, load};

    #[test]
    fn parses_levels_and_style() {
        let c = Config::from_toml(
            "style = \"reuters\"\n[rules]\nstyle = \"off\"\n\"style/tk-placeholder\" = \"error\"\n",
        )
        .unwrap();
        assert_eq!(c.style, Style::Reuters);
        let tk = crate::engine::registry::lookup("style/tk-placeholder").unwrap();
        assert_eq!(c.level_for(tk), Some(Severity::Error));
        let uq = crate::engine::registry::lookup("style/unbalanced-quote").unwrap();
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

    fn err(src: &str) -> ConfigError {
        Config::from_toml(src).unwrap_err()
    }

    #[test]
    fn dateline_quoted_or_bare() {
        let want = Date::new(2021, 8, 15).unwrap();
        assert_eq!(
            Config::from_toml("dateline = \"2021-08-15\"\n")
                .unwrap()
                .dateline,
            Some(want)
        );
        assert_eq!(
            Config::from_toml("dateline = 2021-08-15\n")
                .unwrap()
                .dateline,
            Some(want)
        );
        let e = err("style = \"ap\"\ndateline = 2021-08-15T10:00:00\n");
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("calendar date"), "{e}");
        let e = err("\n\ndateline = \"Aug 15\"\n");
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("2021-08-15"), "{e}");
        let e = err("dateline = 2021-02-30\n");
        assert_eq!(e.line, Some(1), "{e}");
        // Editors send the same key as JSON, and an empty string when unset.
        let p = ConfigPatch::from_json(&serde_json::json!({"dateline": "2021-08-15"})).unwrap();
        assert_eq!(p.dateline, Some(want));
        assert_eq!(
            ConfigPatch::from_json(&serde_json::json!({"dateline": ""}))
                .unwrap()
                .dateline,
            None
        );
    }

    #[test]
    fn syntax_error_has_its_line() {
        let e = err("style = \"ap\"\n[rules\nstyle = \"off\"\n");
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.starts_with("TOML syntax error"), "{e}");
        assert!(!e.message.contains('\n'));
    }

    #[test]
    fn unknown_keys_are_named() {
        let e = err("style = \"ap\"\n\ninlay_hint = false\n");
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("inlay_hint"), "{e}");
        let e = err(
            "[terms.boondoggle]\ncategory = \"intensifier\"\nalternative = [\"costly project\"]\n",
        );
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("alternative"), "{e}");
        let e = err("style = \"nyt\"\n");
        assert!(
            e.message.contains("nyt") && e.message.contains("reuters"),
            "{e}"
        );
    }

    #[test]
    fn unknown_rule_ids_suggest_the_nearest() {
        let e = err("[rules]\nattribution = \"off\"\n\"style/tk-placeholders\" = \"error\"\n");
        assert_eq!(e.line, Some(3));
        assert!(
            e.message.contains("`style/tk-placeholders`")
                && e.message.contains("did you mean `style/tk-placeholder`"),
            "{e}"
        );
        let e = err("[rules]\nspelling = \"off\"\n");
        assert_eq!(e.line, Some(2));
        assert!(!e.message.contains("did you mean"), "{e}");
        let e = ConfigPatch::from_json(&serde_json::json!({"rules": {"style/nope": "off"}}))
            .unwrap_err();
        assert!(
            e.message.starts_with("editor settings:") && e.message.contains("style/nope"),
            "{e}"
        );
    }

    #[test]
    fn invalid_patterns_and_categories() {
        let e = err("style = \"ap\"\n[terms.regime]\ncategory = \"contested-label\"\nexceptions = [\n  \"tax regime\",\n  \"@atributed\",\n]\n");
        assert_eq!(e.line, Some(6), "the line of the bad pattern itself: {e}");
        assert!(
            e.message.contains("[terms.regime] exceptions") && e.message.contains("`@atributed`"),
            "{e}"
        );
        let e = err("[terms.slam]\ncategory = \"judgemental-verb\"\nonly_in = [\"\"]\n");
        assert_eq!(e.line, Some(3), "{e}");
        let e = err("[terms.boondoggle]\ncategory = \"intensifer\"\n");
        assert_eq!(e.line, Some(2), "{e}");
        assert!(
            e.message.contains("`intensifer`") && e.message.contains("intensifier"),
            "{e}"
        );
        let e = ConfigPatch::from_json(&serde_json::json!({"terms": {"x": {"category": "nope"}}}))
            .unwrap_err();
        assert!(e.message.contains("`nope`"), "{e}");
        // Every category the table names is one the wording rules know.
        use crate::rules::wording::lexicon::Category;
        for c in TERM_CATEGORIES {
            assert_eq!(Category::parse(c).as_str(), *c);
        }
        assert!(Config::from_toml("[terms.regime]\nexceptions = [\"tax|treatment <term>\", \"@attributed\", \"designat* ... <term>\"]\n").is_ok());
    }

    #[test]
    fn absurd_sizes_are_refused() {
        let huge = format!("allow = [\"{}\"]\n", "a".repeat(MAX_CONFIG_BYTES));
        let e = err(&huge);
        assert_eq!(e.line, None);
        assert!(e.message.contains("over 1 MiB"), "{e}");
        let many: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("\"w{i}\"")).collect();
        let e = err(&format!("style = \"ap\"\nallow = [{}]\n", many.join(",")));
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("10000"), "{e}");
        let e = ConfigPatch::from_json(&serde_json::json!({ "allow": (0..=MAX_ENTRIES).map(|i| format!("w{i}")).collect::<Vec<_>>() })).unwrap_err();
        assert!(
            e.message.starts_with("editor settings: `allow` has 10001"),
            "{e}"
        );
        let e = err(&format!(
            "[terms.x]\ncategory = \"intensifier\"\nalternatives = [\"{}\"]\n",
            "b".repeat(600)
        ));
        assert_eq!(e.line, Some(3), "{e}");
        let dir = std::env::temp_dir().join(format!("copydesk-huge-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("copydesk.toml");
        std::fs::write(&path, &huge).unwrap();
        assert!(load(&path).unwrap_err().message.contains("over 1 MiB"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn diagnose_lists_every_problem_in_line_order() {
        let errs = diagnose("[rules]\n\"style/nope\" = \"off\"\n\"dates/nah\" = \"off\"\n");
        assert_eq!(
            errs.iter().map(|e| e.line).collect::<Vec<_>>(),
            [Some(2), Some(3)]
        );
        assert!(diagnose("style = \"bbc\"\n").is_empty());
    }

    #[test]
    fn a_user_term_parses() {
        let c = Config::from_toml("[terms.boondoggle]\ncategory = \"intensifier\"\nalternatives = [\"costly project\"]\nexplanation = \"Loaded.\"\nseverity = \"warning\"\nexceptions = [\"boondoggle act\"]\n").unwrap();
        let t = &c.terms["boondoggle"];
        assert_eq!(t.category, "intensifier");
        assert_eq!(t.alternatives, ["costly project"]);
        assert_eq!(t.severity, Some(Severity::Warning));
        assert_eq!(t.exceptions, ["boondoggle act"]);
    }

    #[test]
    fn precedence_defaults_file_settings() {
        let file = ConfigPatch::from_toml("style = \"reuters\"\nattribution_scope = \"sentence\"\nallow = [\"regime\"]\n[rules]\nstyle = \"off\"\n\"style/tk-placeholder\" = \"info\"\n").unwrap();
        let editor = ConfigPatch::from_json(&serde_json::json!({
            "style": "bbc", "rules": {"style/tk-placeholder": "error"}, "allow": ["junta"],
            "inlay_hints": null, "trace": {"server": "verbose"}
        }))
        .unwrap();
        let defaults = Config::default();
        assert_eq!(
            (
                defaults.style,
                defaults.attribution_scope,
                defaults.inlay_hints
            ),
            (Style::Ap, AttributionScope::Paragraph, true)
        );
        let file_only = Config::layered([file.clone()]);
        assert_eq!(file_only.style, Style::Reuters);
        let tk = crate::engine::registry::lookup("style/tk-placeholder").unwrap();
        let uq = crate::engine::registry::lookup("style/unbalanced-quote").unwrap();
        assert_eq!(file_only.level_for(tk), Some(Severity::Info));
        let both = Config::layered([file, editor]);
        assert_eq!(both.style, Style::Bbc, "editor settings win over the file");
        assert_eq!(both.level_for(tk), Some(Severity::Error));
        assert_eq!(
            both.level_for(uq),
            None,
            "the file's family switch still holds"
        );
        assert_eq!(
            both.attribution_scope,
            AttributionScope::Sentence,
            "unset in the editor: the file's value"
        );
        assert!(both.inlay_hints, "null in the editor: the default");
        assert_eq!(both.allow, ["regime", "junta"]);
    }

    #[test]
    fn discovery_walks_up_and_stops_at_the_root() {
        let base = std::env::temp_dir().join(format!("copydesk-disc-{}", std::process::id()));
        let deep = base.join("ws/desk/drafts");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(base.join("copydesk.toml"), "style = \"bbc\"\n").unwrap();
        let ws = base.join("ws");
        assert_eq!(
            discover(&deep, Some(&ws)),
            None,
            "stops at the workspace root"
        );
        assert_eq!(
            discover(&deep, Some(&base)),
            Some(base.join("copydesk.toml"))
        );
        std::fs::write(base.join("ws/desk/copydesk.toml"), "style = \"reuters\"\n").unwrap();
        assert_eq!(
            discover(&deep, Some(&ws)),
            Some(base.join("ws/desk/copydesk.toml")),
            "the nearest wins"
        );
        let story = deep.join("story.md");
        std::fs::write(&story, "Text.\n").unwrap();
        assert_eq!(
            discover_for_file(&story, Some(&ws)),
            Some(base.join("ws/desk/copydesk.toml"))
        );
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn settings_table_matches_the_config_keys() {
        // serde lists every field it accepts when it meets an unknown one.
        let e = err("zzz = 1\n");
        let listed: std::collections::BTreeSet<String> = e
            .message
            .split('`')
            .skip(3)
            .step_by(2)
            .map(str::to_string)
            .collect();
        let table: std::collections::BTreeSet<String> =
            SETTINGS.iter().map(|s| s.key.to_string()).collect();
        assert_eq!(listed, table, "{e}");
        for s in SETTINGS {
            Config::from_toml(s.example).unwrap_or_else(|e| panic!("example for {}: {e}", s.key));
            let default: serde_json::Value = serde_json::from_str(s.default)
                .unwrap_or_else(|e| panic!("default for {}: {e}", s.key));
            // The documented default is the real default: setting it changes nothing.
            if !default.is_null() {
                let patch = ConfigPatch::from_json(&serde_json::json!({ s.key: default })).unwrap();
                assert_eq!(
                    Config::default().with(patch),
                    Config::default(),
                    "default of {}",
                    s.key
                );
            }
            for v in s.allowed {
                let v = serde_json::Value::String(v.to_string());
                let json = if s.kind == "table" {
                    serde_json::json!({ s.key: {"style": v} })
                } else {
                    serde_json::json!({ s.key: v })
                };
                ConfigPatch::from_json(&json)
                    .unwrap_or_else(|e| panic!("allowed value of {}: {e}", s.key));
            }
        }
    }

    #[test]
    fn allow_word_keeps_the_rest() {
        let src = "# Our desk\nstyle = \"reuters\" # wire house style\n\n[rules]\n# loud\n\"style/tk-placeholder\" = \"error\"\n";
        let out = allow_word(Some(src), "regime").unwrap();
        assert!(
            out.contains("# Our desk")
                && out.contains("# wire house style")
                && out.contains("# loud"),
            "{out}"
        );
        let c = Config::from_toml(&out).unwrap();
        assert_eq!(c.allow, ["regime"]);
        assert_eq!(c.style, Style::Reuters);
        assert_eq!(c.rules.len(), 1);
        let again = allow_word(Some(&out), "junta").unwrap();
        assert_eq!(
            Config::from_toml(&again).unwrap().allow,
            ["regime", "junta"]
        );
        assert_eq!(
            allow_word(Some(&again), "Regime").unwrap(),
            again,
            "already allowed"
        );
        let fresh = allow_word(None, "slammed").unwrap();
        assert_eq!(Config::from_toml(&fresh).unwrap().allow, ["slammed"]);
        let long = (0..6).fold(fresh, |t, i| {
            allow_word(Some(&t), &format!("w{i}")).unwrap()
        });
        assert_eq!(Config::from_toml(&long).unwrap().allow.len(), 7);
        assert!(allow_word(Some("allow = 3\n"), "x").is_err());
        let dir = std::env::temp_dir().join(format!("copydesk-allow-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("copydesk.toml");
        let created = allow_word_in_file(&path, "junta").unwrap();
        assert_eq!(Config::from_toml(&created).unwrap().allow, ["junta"]);
        std::fs::write(&path, "style = \"bbc\"\n").unwrap();
        assert_eq!(
            allow_word_in_file(&path, "junta").unwrap(),
            "style = \"bbc\"\nallow = [\"junta\"]\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            allow_word(Some("style = \"ap\"\nstyle = = 1\n"), "x")
                .unwrap_err()
                .line,
            Some(2)
        );
    }

    #[test]
    fn a_family_switched_off_reports_nothing() {
        let text = "The fire destroyed TK homes, “the chief said.\n\n<!-- copydesk-ignore dates -->\nMore TK.\n";
        let on = crate::analyze(text, &Config::default());
        assert!(
            on.findings.iter().filter(|f| f.family() == "style").count() >= 3,
            "{:?}",
            on.findings
        );
        let off = Config::from_toml("[rules]\nstyle = \"off\"\n").unwrap();
        assert!(crate::analyze(text, &off)
            .findings
            .iter()
            .all(|f| f.family() != "style"));
        // A rule id set explicitly wins over its family being off.
        let one =
            Config::from_toml("[rules]\nstyle = \"off\"\n\"style/tk-placeholder\" = \"info\"\n")
                .unwrap();
        let found = crate::analyze(text, &one).findings;
        assert_eq!(
            found
                .iter()
                .map(|f| (f.rule, f.severity))
                .collect::<Vec<_>>(),
            [("style/tk-placeholder", Severity::Info); 2]
        );
    }

    #[test]
    fn the_dateline_key_reaches_the_analysis() {
        let c = Config::from_toml("dateline = 2021-08-15\n").unwrap();
        let a = crate::analyze(
            "---\ndate: 2020-01-01\n---\n\nThe council met on Tuesday.\n",
            &c,
        );
        assert_eq!(
            a.dateline.map(|d| d.date),
            Some(Date::new(2021, 8, 15).unwrap()),
            "config wins over the copy"
        );
    }

    #[test]
    fn a_user_term_flows_through_to_a_finding_with_its_fix() {
        let text = "The council approved the boondoggle on Tuesday, the clerk said.\n";
        assert!(crate::analyze(text, &Config::default())
            .findings
            .iter()
            .all(|f| f.family() != "wording"));
        let c = Config::from_toml("[terms.boondoggle]\ncategory = \"intensifier\"\nalternatives = [\"costly project\"]\nseverity = \"warning\"\n").unwrap();
        let a = crate::analyze(text, &c);
        let f = a
            .findings
            .iter()
            .find(|f| f.family() == "wording")
            .expect("the user term is flagged");
        assert_eq!(&text[f.span.range()], "boondoggle");
        let fixed = f
            .fixes
            .iter()
            .find(|x| x.edits.iter().any(|e| e.new_text == "costly project"))
            .expect("its alternative is offered")
            .apply(text);
        assert_eq!(fixed, text.replace("boondoggle", "costly project"));
        // Allowed in the project: gone.
        let allowed = c
            .clone()
            .with(ConfigPatch::from_toml("allow = [\"boondoggle\"]\n").unwrap());
        assert!(crate::analyze(text, &allowed)
            .findings
            .iter()
            .all(|f| f.family() != "wording"));
        let via_allow_word = Config::from_toml(
            &allow_word(
                Some("[terms.boondoggle]\ncategory = \"intensifier\"\n"),
                "boondoggle",
            )
            .unwrap(),
        )
        .unwrap();
        assert!(crate::analyze(text, &via_allow_word)
            .findings
            .iter()
            .all(|f| f.family() != "wording"));
    }
}
