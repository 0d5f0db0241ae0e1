//! The engine's answers to what configuration validation must ask of the rules and the lexicon
//! ([`Catalog`]), and the validating entry points the adapters call.

use super::registry;
use crate::config::{self, Catalog, Config, ConfigError, ConfigPatch};
use crate::rules::wording::lexicon::Category;
use crate::rules::wording::pattern;

/// The registry and the wording lexicon, as configuration validation sees them.
pub struct Registered;

/// The catalogue every adapter validates against.
pub static CATALOG: Registered = Registered;

impl Catalog for Registered {
    fn rule_ids(&self) -> Vec<&'static str> {
        registry::rules().map(|r| r.id).collect()
    }
    fn category_problem(&self, category: &str) -> Option<String> {
        // The wording rules read any unknown category as a contested label: catch the typo here.
        let known =
            category == "contested-label" || Category::parse(category) != Category::ContestedLabel;
        (!known).then(|| {
            format!(
                "category: `{category}` is not a category copydesk knows; use one of {}",
                config::TERM_CATEGORIES.join(", ")
            )
        })
    }
    fn pattern_problem(&self, p: &str) -> Option<String> {
        if let Some(why) = crate::rules::wording::context_match::size_problem(p) {
            return Some(why);
        }
        pattern::Context::parse(p)
            .is_none()
            .then(|| config::invalid_pattern_message(p))
    }
}

impl Config {
    /// Parses and validates `copydesk.toml` text over the defaults.
    pub fn from_toml(src: &str) -> Result<Config, ConfigError> {
        Config::from_toml_in(src, &CATALOG)
    }
}

impl ConfigPatch {
    /// Parses and validates `copydesk.toml` text: the first problem, located by line. See
    /// [`diagnose`] for all.
    pub fn from_toml(src: &str) -> Result<ConfigPatch, ConfigError> {
        ConfigPatch::from_toml_in(src, &CATALOG)
    }
    /// Parses and validates editor settings (the same keys as `copydesk.toml`, as JSON).
    pub fn from_json(settings: &serde_json::Value) -> Result<ConfigPatch, ConfigError> {
        ConfigPatch::from_json_in(settings, &CATALOG)
    }
}

/// Every problem in a `copydesk.toml`, in line order (empty when it is good).
pub fn diagnose(src: &str) -> Vec<ConfigError> {
    config::diagnose_in(src, &CATALOG)
}

/// The rule id or family closest to a misspelt one, if any is close.
pub fn nearest_rule(key: &str) -> Option<&'static str> {
    config::nearest_rule_in(key, &CATALOG)
}
