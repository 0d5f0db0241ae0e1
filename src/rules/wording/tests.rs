//! Unit tests for the family on invented copy. (Integration tests: tests/wording.rs.)

use crate::{analyze, Config};

fn wording(text: &str) -> Vec<(&'static str, String)> {
    analyze(text, &Config::default()).findings.iter().filter(|f| f.family() == "wording").map(|f| (f.rule, text[f.span.range()].to_string())).collect()
}

#[test]
fn smoke() {
    let got = wording("Body text here.\n\nPolice said the terrorists fled.\n");
    assert_eq!(got, [("wording/contested-label", "terrorists".to_string())]);
}
