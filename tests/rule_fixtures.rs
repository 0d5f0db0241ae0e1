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

/// The server's analyses leave the fixes of some rules for later and make them when a code
/// action asks (`copydesk::engine::fixes_later`): made then, they are exactly the fixes an
/// analysis that makes them at once gives, for every rule that has fixes, on its documented
/// bad example and its fixtures, in both formats (the rules' other findings there included).
#[test]
fn fixes_made_later_are_the_fixes_made_at_once() {
    use copydesk::document::Format;
    use copydesk::engine::{analyze_lean, analyze_lean_until, make_fixes_later};
    use copydesk::rule::FixAvailability;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let (mut compared, mut later) = (0, 0);
    let mut left: std::collections::BTreeSet<&str> = Default::default();
    for rule in registry::rules() {
        if rule.fix == FixAvailability::None {
            continue;
        }
        let dir = root.join(rule.family.as_str()).join(rule.name());
        let mut texts = vec![if rule.context.is_empty() {
            rule.bad.to_string()
        } else {
            format!("{}\n\n{}\n", rule.context, rule.bad)
        }];
        for name in ["flags.md", "clean.md"] {
            texts.extend(std::fs::read_to_string(dir.join(name)).ok());
        }
        let config = config_for(rule);
        for text in &texts {
            for format in [Format::Markdown, Format::Plain] {
                let want = analyze_lean(text, format, &config);
                let mut got = analyze_lean_until(text, format, &config, &|| false).unwrap();
                for f in got.findings.iter().filter(|f| f.later.is_some()) {
                    assert!(f.fixes.is_empty(), "{}: fixes made at once too", f.rule);
                    left.insert(f.rule);
                    later += 1;
                }
                make_fixes_later(text, format, &config, &mut got.findings);
                assert_eq!(
                    got.findings, want.findings,
                    "{}: {format:?}\n{text}",
                    rule.id
                );
                compared += want
                    .findings
                    .iter()
                    .filter(|f| f.rule == rule.id && !f.fixes.is_empty())
                    .count();
            }
        }
    }
    assert!(
        compared > 50,
        "only {compared} findings with fixes compared"
    );
    assert!(
        later > 20,
        "only {later} findings left their fixes for later"
    );
    // Every rule that leaves its fixes for later was seen doing so.
    for id in [
        "attribution/vague-source",
        "attribution/anonymous-source",
        "wording/contested-label",
        "wording/inconsistent-label",
        "wording/judgemental-verb",
        "wording/headlinese",
        "wording/intensifier",
    ] {
        assert!(left.contains(id), "{id} never left its fixes for later");
    }
}
