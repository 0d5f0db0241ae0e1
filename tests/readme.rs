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
