//! Unit tests for the family on invented copy. (Integration tests: tests/wording.rs.)

use crate::{analyze, Config};

fn wording(text: &str) -> Vec<(&'static str, String)> {
    analyze(text, &Config::default())
        .findings
        .iter()
        .filter(|f| f.family() == "wording")
        .map(|f| (f.rule, text[f.span.range()].to_string()))
        .collect()
}

#[test]
fn smoke() {
    let got = wording("Body text here.\n\nPolice said the terrorists fled.\n");
    assert_eq!(got, [("wording/contested-label", "terrorists".to_string())]);
}

#[test]
fn every_rule_example_shows_the_rule() {
    for rule in super::RULES {
        let bad = format!("# Head\n\n{}\n", rule.bad.replace(" ... ", "\n\n"));
        let got = wording(&bad);
        assert!(
            got.iter().any(|(r, _)| *r == rule.id),
            "{}: bad example not flagged: {got:?}",
            rule.id
        );
        let good = format!("# Head\n\n{}\n", rule.good.replace(" ... ", "\n\n"));
        let got = wording(&good);
        assert!(
            !got.iter().any(|(r, _)| *r == rule.id),
            "{}: good example flagged: {got:?}",
            rule.id
        );
    }
}
