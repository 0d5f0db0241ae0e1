//! Every rule's documented examples are tests: its "bad" copy must be flagged by that rule, its
//! "good" copy must not be, and its declared fix availability must hold on the bad copy.

use copydesk::config::Level;
use copydesk::engine::registry;
use copydesk::rule::FixAvailability;
use copydesk::{analyze, Config, Severity};

/// The rule switched on (at its default level, or at warning when it is off by default).
fn config_for(rule: &copydesk::rule::Rule) -> Config {
    let mut config = Config::default();
    if rule.default_level == Level::Off {
        config
            .rules
            .insert(rule.id.to_string(), Level::On(Severity::Warning));
    }
    config
}

fn with_context(context: &str, example: &str) -> String {
    if context.is_empty() {
        example.to_string()
    } else {
        format!("{context}\n\n{example}\n")
    }
}

#[test]
fn every_rule_flags_its_bad_example_and_not_its_good_one() {
    let mut problems = Vec::new();
    for rule in registry::rules() {
        let config = config_for(rule);
        let bad = with_context(rule.context, rule.bad);
        let a = analyze(&bad, &config);
        assert!(
            a.failed.is_empty(),
            "{}: a rule failed on its example",
            rule.id
        );
        let hits: Vec<_> = a.findings.iter().filter(|f| f.rule == rule.id).collect();
        if hits.is_empty() {
            problems.push(format!(
                "{}: bad example not flagged: {:?}",
                rule.id, rule.bad
            ));
        }
        // The ignore-here fix is added to every finding; count the rule's own fixes.
        let own_fixes = |f: &copydesk::Finding| {
            f.fixes
                .iter()
                .filter(|x| !x.title.starts_with("Ignore "))
                .count()
        };
        match rule.fix {
            FixAvailability::None if hits.iter().any(|f| own_fixes(f) > 0) => {
                problems.push(format!("{}: declares no fix but offers one", rule.id))
            }
            FixAvailability::Always if hits.iter().any(|f| own_fixes(f) == 0) => {
                problems.push(format!(
                    "{}: declares a fix always but the bad example has none",
                    rule.id
                ))
            }
            _ => {}
        }
        let good = with_context(rule.context, rule.good);
        let a = analyze(&good, &config);
        if let Some(f) = a.findings.iter().find(|f| f.rule == rule.id) {
            problems.push(format!(
                "{}: good example flagged at {:?}: {}",
                rule.id,
                &good[f.span.range()],
                f.message
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn off_by_default_rules_do_not_run_unless_named() {
    let off: Vec<_> = registry::rules()
        .filter(|r| r.default_level == Level::Off)
        .collect();
    assert!(
        off.iter().any(|r| r.id == "dates/stale-weekday"),
        "dates/stale-weekday is off by default"
    );
    for rule in off {
        let bad = with_context(rule.context, rule.bad);
        let a = analyze(&bad, &Config::default());
        assert!(
            a.findings.iter().all(|f| f.rule != rule.id),
            "{} fired while off",
            rule.id
        );
    }
}
