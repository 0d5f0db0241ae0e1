//! The README's Configuration section documents every setting in `config::SETTINGS`, and each of
//! its `toml` examples is a configuration copydesk accepts.

use std::collections::BTreeSet;

fn section() -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("\n## Configuration\n")
        .expect("a ## Configuration section");
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    rest[..end].to_string()
}

#[test]
fn every_setting_is_documented_and_nothing_else() {
    let s = section();
    let documented: BTreeSet<&str> = s
        .lines()
        .filter_map(|l| l.strip_prefix("### `"))
        .filter_map(|l| l.strip_suffix('`'))
        .collect();
    let code: BTreeSet<&str> = copydesk::config::SETTINGS.iter().map(|s| s.key).collect();
    assert_eq!(
        documented, code,
        "README Configuration headings vs config::SETTINGS"
    );
    // Each key's subsection has an example setting it.
    for key in code {
        let at = s.find(&format!("### `{key}`")).unwrap();
        let sub = &s[at..];
        let sub = &sub[..sub[4..].find("\n### ").map_or(sub.len(), |i| i + 4)];
        assert!(sub.contains("```toml\n"), "{key} has no example");
        let setting = copydesk::config::setting(key).unwrap();
        for v in setting.allowed.iter().filter(|_| setting.kind == "string") {
            assert!(
                sub.contains(&format!("\"{v}\"")),
                "{key}: allowed value {v} undocumented"
            );
        }
    }
}

#[test]
fn every_toml_example_parses() {
    let s = section();
    let mut n = 0;
    for block in s.split("```toml\n").skip(1) {
        let body = &block[..block.find("```").unwrap()];
        copydesk::Config::from_toml(body)
            .unwrap_or_else(|e| panic!("README example does not parse: {e}\n{body}"));
        n += 1;
    }
    assert_eq!(n, copydesk::config::SETTINGS.len());
}
