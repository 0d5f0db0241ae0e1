//! The README's rule list is the registry's: a rule added in code and not documented fails here.

#[test]
fn readme_lists_every_rule() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- rules:start").expect("rules:start marker");
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    let section = &readme[start..end];
    let expected = rules_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let marker_end = start + readme[start..].find('\n').unwrap() + 1;
        let updated = format!("{}{}{}", &readme[..marker_end], expected, &readme[end..]);
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), updated).unwrap();
        return;
    }
    if !section.contains(expected.trim()) {
        panic!("README rule list is out of date: run `UPDATE_README=1 cargo test --test readme`, or put between the markers:\n\n{expected}");
    }
    let listed = section.lines().filter(|l| l.starts_with("| `")).count();
    assert_eq!(
        listed,
        copydesk::engine::registry::rules().count(),
        "README lists rules that no longer exist"
    );
}

fn rules_table() -> String {
    let mut out = String::from("| rule | default | what it catches |\n| --- | --- | --- |\n");
    for r in copydesk::engine::registry::rules() {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            r.id, r.default_level, r.summary
        ));
    }
    out
}

/// The README's "Vocabulary is data" table names the files a newsroom edits: each must exist
/// and be a commented data file, so the documentation cannot drift from the repository.
#[test]
fn vocabulary_files_named_in_the_readme_exist() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let section = readme
        .split("## Vocabulary is data")
        .nth(1)
        .expect("a Vocabulary is data section")
        .split("\n## ")
        .next()
        .unwrap();
    let mut named = 0;
    for word in section.split('`') {
        if (word.starts_with("data/") || word.starts_with("lexicon/")) && word.ends_with(".toml") {
            let text = std::fs::read_to_string(format!("{root}/{word}"))
                .unwrap_or_else(|e| panic!("README names {word}: {e}"));
            assert!(
                text.starts_with('#'),
                "{word} opens with a comment saying what it is for"
            );
            named += 1;
        }
    }
    assert!(named >= 8, "{named} files named");
}
