//! `copydesk lexicon`: the wording lexicon in force (the house preset, the newsroom's `[terms]`,
//! `remove` and `allow`), so a desk can see exactly which words copydesk questions and what it
//! offers instead.

use crate::config::Config;
use crate::rules::wording::lexicon::Category;
use crate::rules::wording::specs_for;

/// The lexicon as a table for people, or as JSON (`{"style": ..., "terms": {...}}`, each term in
/// the copydesk.toml `[terms.<word>]` shape).
pub(crate) fn render(config: &Config, json: bool) -> String {
    let specs = specs_for(config);
    if json {
        let mut s = serde_json::to_string_pretty(&serde_json::json!({
            "style": config.style,
            "allow": config.allow,
            "terms": specs,
        }))
        .unwrap_or_default();
        s.push('\n');
        return s;
    }
    let mut out = String::new();
    for cat in [
        Category::ContestedLabel,
        Category::JudgementalVerb,
        Category::Headlinese,
        Category::Intensifier,
        Category::NeutralLabel,
    ] {
        let terms: Vec<_> = specs
            .iter()
            .filter(|(_, s)| Category::parse(&s.category) == cat)
            .collect();
        if terms.is_empty() {
            continue;
        }
        out.push_str(&format!("{} ({})\n", cat.as_str(), terms.len()));
        for (key, spec) in terms {
            let mut line = format!("  {key}");
            if !spec.forms.is_empty() {
                line.push_str(&format!(" ({})", spec.forms.join(", ")));
            }
            let alts: Vec<&str> = spec
                .alternatives
                .iter()
                .map(|a| if a.is_empty() { "(delete)" } else { a.as_str() })
                .collect();
            if !alts.is_empty() {
                line.push_str(&format!(" -> {}", alts.join(", ")));
            }
            if config.allow.iter().any(|a| a.eq_ignore_ascii_case(key)) {
                line.push_str("  [allowed in this project]");
            }
            if let Some(src) = &spec.source {
                match spec.edition {
                    Some(y) => line.push_str(&format!("  [{src}, {y}]")),
                    None => line.push_str(&format!("  [{src}]")),
                }
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_terms_with_alternatives_and_the_newsrooms_additions() {
        let c = Config::from_toml("allow = [\"regime\"]\n[terms.hooligan]\ncategory = \"contested-label\"\nalternatives = [\"fan\"]\n").unwrap();
        let text = render(&c, false);
        assert!(text.contains("contested-label ("), "{text}");
        assert!(
            text.contains("  terrorist (terrorists) -> militant, fighter, attacker, gunman"),
            "{text}"
        );
        assert!(text.contains("  hooligan -> fan"), "{text}");
        assert!(
            text.contains("  regime (regimes) -> government")
                && text.contains("[allowed in this project]"),
            "{text}"
        );
        let json: serde_json::Value = serde_json::from_str(&render(&c, true)).unwrap();
        assert_eq!(json["terms"]["hooligan"]["alternatives"][0], "fan");
        assert_eq!(json["style"], "ap");
    }
}
