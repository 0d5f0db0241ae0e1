//! `copydesk rules [--json]` and `copydesk explain RULE`: the rule documentation, from the
//! registry, and the settings, from [`crate::config::SETTINGS`].

use crate::config::SETTINGS;
use crate::engine::registry;
use crate::rule::{Family, Rule};
use serde_json::{json, Value};

/// The levels a rule or family can be set to in `[rules]`.
pub const LEVELS: &[&str] = &["off", "hint", "info", "warning", "error"];

/// `copydesk rules`: one line per rule.
pub fn table() -> String {
    let mut out = String::new();
    for r in registry::rules() {
        out.push_str(&format!(
            "{:<34} {:<8} {}\n",
            r.id,
            r.default_level.as_str(),
            r.summary
        ));
    }
    out
}

/// `copydesk rules --json`: every rule and every setting. The VS Code extension's settings are
/// generated from (and tested against) this, so it is a contract: keys are only ever added.
pub fn json() -> Value {
    let rules: Vec<Value> = registry::rules().map(rule_json).collect();
    let settings: Vec<Value> = SETTINGS
        .iter()
        .map(|s| {
            let mut v = json!({
                "key": s.key,
                "type": s.kind,
                "default": serde_json::from_str::<Value>(s.default).unwrap_or(Value::Null),
                "allowed": s.allowed,
                "description": s.description,
                "example": s.example,
            });
            v["schema"] = schema(s);
            if s.key == "rules" {
                // The keys a [rules] table accepts: every family and every rule id.
                let keys: Vec<&str> = Family::ALL
                    .iter()
                    .map(|f| f.as_str())
                    .chain(registry::rules().map(|r| r.id))
                    .collect();
                v["keys"] = json!(keys);
            }
            v
        })
        .collect();
    json!({
        "version": 1,
        "families": Family::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        "levels": LEVELS,
        "rules": rules,
        "settings": settings,
    })
}

/// A JSON Schema for one setting, in the form VS Code's `contributes.configuration` takes.
fn schema(s: &crate::config::Setting) -> Value {
    let default = serde_json::from_str::<Value>(s.default).unwrap_or(Value::Null);
    let mut v = match s.kind {
        "boolean" => json!({"type": "boolean"}),
        "date" => json!({"type": ["string", "null"], "pattern": "^(\\d{4}-\\d{2}-\\d{2})?$"}),
        "array" => json!({"type": "array", "items": {"type": "string"}}),
        "table" if !s.allowed.is_empty() => {
            json!({"type": "object", "additionalProperties": {"type": "string", "enum": s.allowed}})
        }
        "table" => json!({"type": "object"}),
        _ if !s.allowed.is_empty() => json!({"type": "string", "enum": s.allowed}),
        _ => json!({"type": "string"}),
    };
    v["default"] = default;
    v["description"] = json!(s.description);
    v
}

fn rule_json(r: &Rule) -> Value {
    json!({
        "id": r.id,
        "name": r.name(),
        "family": r.family.as_str(),
        // "off" for a rule that does not run unless the configuration sets a level.
        "default_severity": r.default_level,
        "default_level": r.default_level,
        "fix": r.fix,
        "anchor": r.anchor(),
        "examples_context": r.context,
        "summary": r.summary,
        "explanation": r.explanation,
        "examples": { "bad": r.bad, "good": r.good },
        "source": r.source,
    })
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

/// The text `copydesk explain` prints; the server uses it for hover too.
pub fn explain_text(r: &Rule) -> String {
    format!(
        "{id} ({sev} by default)\n{summary}\n\n{explanation}\n\n{context}Bad:\n{bad}Good:\n{good}\nBasis: {source}\n\n\
         To change its level or turn it off, in copydesk.toml:\n  [rules]\n  \"{id}\" = \"off\"\n\
         To let one instance stand, on the line before it:\n  <!-- copydesk-ignore {id} -->   (Markdown)\n  [copydesk-ignore {id}]   (plain text; `copydesk strip` removes it)\n",
        id = r.id,
        sev = r.default_level,
        summary = r.summary,
        explanation = r.explanation,
        context = if r.context.is_empty() { String::new() } else { format!("In copy with:\n{}", indent(r.context)) },
        bad = indent(r.bad),
        good = indent(r.good),
        source = r.source
    )
}

/// `copydesk explain FAMILY`: the family's rules, one a line.
pub fn explain_family(f: Family) -> String {
    let mut out = format!("The {} family:\n\n", f.as_str());
    for r in registry::rules().filter(|r| r.family == f) {
        out.push_str(&format!(
            "  {:<34} {:<8} {}\n",
            r.id,
            r.default_level.as_str(),
            r.summary
        ));
    }
    out.push_str(&format!("\n`copydesk explain RULE` explains one. To turn the whole family off: [rules] {} = \"off\"\n", f.as_str()));
    out
}

/// `copydesk explain NAME`: a rule (by id), a family, a rule by its bare name when one rule has it,
/// a term of the lexicon in force ("terrorists"), or an error with the nearest name.
pub fn explain(name: &str, config: &crate::config::Config) -> Result<String, String> {
    let name = name.trim();
    if let Some(r) = registry::lookup(name) {
        return Ok(explain_text(r));
    }
    // A family name wins over a rule of the same bare name (`style` the family, not `dates/style`).
    if let Some(f) = Family::parse(name) {
        return Ok(explain_family(f));
    }
    let bare: Vec<&Rule> = registry::rules()
        .filter(|r| r.name().eq_ignore_ascii_case(name))
        .collect();
    if let [r] = bare[..] {
        return Ok(explain_text(r));
    }
    if let Some(text) = explain_term(name, config) {
        return Ok(text);
    }
    Err(match crate::engine::catalog::nearest_rule(name) {
        Some(near) => {
            format!("no rule or lexicon term `{name}`; did you mean `{near}`? (`copydesk rules` lists the rules, `copydesk lexicon` the terms)")
        }
        None => format!("no rule or lexicon term `{name}`; `copydesk rules` lists the rules, `copydesk lexicon` the terms"),
    })
}

/// A lexicon term, found by its key or any of its forms, case-insensitively: its category,
/// alternatives, why it is questioned, where it is fine, and which rule flags it.
fn explain_term(name: &str, config: &crate::config::Config) -> Option<String> {
    let specs = crate::rules::wording::specs_for(config);
    let (key, spec) = specs.iter().find(|(k, spec)| {
        k.eq_ignore_ascii_case(name) || spec.forms.iter().any(|f| f.eq_ignore_ascii_case(name))
    })?;
    let mut out = format!("“{key}”");
    if !spec.forms.is_empty() {
        out.push_str(&format!(" ({})", spec.forms.join(", ")));
    }
    out.push_str(&format!(
        ": a {} term in the {} lexicon",
        spec.category,
        config.style.as_str()
    ));
    match (&spec.source, spec.edition) {
        (Some(src), Some(y)) => out.push_str(&format!(" [{src}, {y}]")),
        (Some(src), None) => out.push_str(&format!(" [{src}]")),
        _ => {}
    }
    out.push('\n');
    if let Some(why) = &spec.explanation {
        out.push_str(&format!("\n{}\n", why.trim()));
    }
    let alts: Vec<&str> = spec
        .alternatives
        .iter()
        .map(|a| {
            if a.is_empty() {
                "(delete it)"
            } else {
                a.as_str()
            }
        })
        .collect();
    if !alts.is_empty() {
        out.push_str(&format!("\nOffered instead: {}\n", alts.join(", ")));
    }
    if !spec.exceptions.is_empty() {
        out.push_str("\nNot flagged in these contexts:\n");
        for e in &spec.exceptions {
            out.push_str(&format!("  {e}\n"));
        }
    }
    if !spec.examples.is_empty() {
        out.push_str("\nExamples (the flagged word in [brackets]):\n");
        for e in &spec.examples {
            out.push_str(&format!("  {e}\n"));
        }
    }
    let rule = registry::lookup(&format!("wording/{}", spec.category));
    if let Some(r) = rule {
        out.push_str(&format!(
            "\nFlagged by {} ({} by default): `copydesk explain {}`.\n",
            r.id,
            r.default_level,
            r.name()
        ));
    }
    if config.allow.iter().any(|a| a.eq_ignore_ascii_case(key)) {
        out.push_str("\nThis project allows it (`allow` in copydesk.toml).\n");
    } else {
        out.push_str(&format!(
            "\nTo let it stand in this project: `allow = [\"{key}\"]` in copydesk.toml.\n"
        ));
    }
    Some(out)
}
