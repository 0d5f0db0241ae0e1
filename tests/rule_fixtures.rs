//! Fixtures, ruff-style: `tests/rules/<family>/<rule>/flags.md` is copy the rule must flag and
//! `clean.md` copy it must leave alone. The findings on `flags.md` are snapshot-tested (insta),
//! so a change in what a rule flags, or in its message and fixes, shows up in review.

use copydesk::config::Level;
use copydesk::engine::registry;
use copydesk::{analyze, Config, Severity};
use std::fmt::Write;
use std::path::Path;

fn config_for(rule: &copydesk::rule::Rule) -> Config {
    let mut config = Config::default();
    if rule.default_level == Level::Off {
        config
            .rules
            .insert(rule.id.to_string(), Level::On(Severity::Warning));
    }
    config
}

/// The rule's findings, one block each: the text flagged, the message and the fixes.
fn render(text: &str, rule: &str, config: &Config) -> String {
    let a = analyze(text, config);
    assert!(a.failed.is_empty(), "{rule}: a rule failed: {:?}", a.failed);
    let mut out = String::new();
    for f in a.findings.iter().filter(|f| f.rule == rule) {
        let line = text[..f.span.start].matches('\n').count() + 1;
        writeln!(out, "{line}: {:?} ({})", &text[f.span.range()], f.severity).unwrap();
        writeln!(out, "  {}", f.message).unwrap();
        for fix in &f.fixes {
            writeln!(out, "  fix [{:?}] {}", fix.safety, fix.title).unwrap();
        }
    }
    out
}

#[test]
fn fixtures_flag_what_they_should_and_nothing_in_clean_copy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let mut seen = 0;
    for rule in registry::rules() {
        let dir = root.join(rule.family.as_str()).join(rule.name());
        if !dir.exists() {
            // Every rule of a family that has moved to one file per rule has fixtures.
            let family_has_fixtures = root.join(rule.family.as_str()).exists();
            assert!(
                !family_has_fixtures,
                "{}: no fixtures in {}",
                rule.id,
                dir.display()
            );
            continue;
        }
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name))
                .unwrap_or_else(|e| panic!("{}: {name}: {e}", rule.id))
        };
        let config = config_for(rule);
        let flags = read("flags.md");
        let found = render(&flags, rule.id, &config);
        assert!(!found.is_empty(), "{}: flags.md is not flagged", rule.id);
        insta::assert_snapshot!(rule.id.replace('/', "__"), found);
        let clean = read("clean.md");
        let stray = render(&clean, rule.id, &config);
        assert!(stray.is_empty(), "{}: clean.md flagged:\n{stray}", rule.id);
        seen += 1;
    }
    assert!(seen >= 3, "fixtures found for {seen} rules");
}
