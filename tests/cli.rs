//! The command line as a user (or the evaluation) runs it: exit codes, the human format and the
//! JSON report, which is a public contract.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn copydesk(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn copydesk");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn tmp_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const COPY: &str = "---\ndate: 2025-03-12\n---\n\nPORTLAND, Ore. (AP) — “Stop,” she said — 🎉 the fire destroyed TK homes, officials said.\n";

#[test]
fn json_report_matches_the_contract() {
    let path = tmp_file("contract.md", COPY);
    let out = copydesk(&["check", "--format", "json", path.to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a warning exits 1; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON object");
    assert_eq!(report["version"], 1);
    let file = &report["files"][0];
    assert_eq!(file["path"], path.to_str().unwrap());
    assert_eq!(file["dateline"], "2025-03-12");
    assert!(file["dates"].is_array());
    let tk = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "style/tk-placeholder")
        .expect("TK finding");
    let start = COPY.find("TK").unwrap();
    assert_eq!(tk["byte_start"], start);
    assert_eq!(tk["byte_end"], start + 2);
    assert_eq!(tk["text"], "TK");
    assert_eq!(tk["severity"], "warning");
    assert!(tk["message"].as_str().unwrap().len() > 10);
    // Line 4 (0-based); the column counts UTF-16 units: curly quotes and the em dash are one
    // unit each, the emoji two.
    let line = COPY.lines().nth(4).unwrap();
    let col16: usize = line[..line.find("TK").unwrap()]
        .chars()
        .map(char::len_utf16)
        .sum();
    assert_eq!(
        tk["start"],
        serde_json::json!({"line": 4, "character": col16})
    );
    assert_eq!(
        tk["end"],
        serde_json::json!({"line": 4, "character": col16 + 2})
    );
    for fix in tk["fixes"].as_array().unwrap() {
        assert!(fix["title"].is_string());
        assert!(["safe", "unsafe", "needs-input"].contains(&fix["safety"].as_str().unwrap()));
        for e in fix["edits"].as_array().unwrap() {
            assert!(
                e["byte_start"].is_u64() && e["byte_end"].is_u64() && e["new_text"].is_string()
            );
        }
    }
}

#[test]
fn human_format_is_one_line_per_finding() {
    let path = tmp_file("human.md", COPY);
    let out = copydesk(&["check", path.to_str().unwrap()], None);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.contains("[style/tk-placeholder]"))
        .expect("TK line");
    let line16: usize = COPY
        .lines()
        .nth(4)
        .unwrap()
        .split("TK")
        .next()
        .unwrap()
        .chars()
        .map(char::len_utf16)
        .sum();
    assert!(
        line.starts_with(&format!(
            "{}:5:{}: warning[style/tk-placeholder] ",
            path.display(),
            line16 + 1
        )),
        "{line}"
    );
    assert!(line.ends_with("“TK”"), "{line}");
}

#[test]
fn stdin_and_clean_copy_exit_zero() {
    let out = copydesk(
        &["check", "--format", "json", "-"],
        Some("The council met on Tuesday, the clerk said.\n"),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["path"], "-");
}

#[test]
fn bad_usage_and_io_exit_two_with_one_line() {
    for args in [
        &["check", "/definitely/not/here.md"][..],
        &["check"],
        &["frobnicate"],
        &["check", "--format", "xml", "x.md"],
        &["explain", "nope/nothing"],
    ] {
        let out = copydesk(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
    let bin = tmp_file("binary.md", "");
    std::fs::write(&bin, [0xffu8, 0xfe, 0x00, 0x80]).unwrap();
    let out = copydesk(&["check", bin.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
}

#[test]
fn rules_and_explain() {
    let out = copydesk(&["rules"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text
        .lines()
        .any(|l| l.starts_with("style/tk-placeholder") && l.contains("warning")));
    let out = copydesk(&["explain", "style/unbalanced-quote"], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Bad:") && text.contains("Good:"));
}

/// The source audit of the bundled story (issue 11): every source the copy cites, each under
/// its kind and its whole name, and nobody listed twice or as someone else.
#[test]
fn the_source_audit_of_the_example_lists_who_is_cited() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/harbor-fire.md");
    let out = copydesk(&["sources", "--format", "json", example], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed: Vec<(String, String)> = report["files"][0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let field = |k: &str| s[k].as_str().unwrap().to_string();
            (field("kind"), field("name"))
        })
        .collect();
    let has = |kind: &str, name: &str| listed.iter().any(|(k, n)| k == kind && n == name);
    for (kind, name) in [
        ("named", "Fire Chief Dana Morales"),
        ("named", "Mayor Rick Tanaka"),
        ("named", "The company's lawyer, Priya Nair"),
        ("named", "Tom Greer"),
        ("described", "Protesters outside City Hall"),
        ("described", "Several neighbours"),
        ("described", "The union representing dock workers"),
        ("anonymous", "One source"),
        ("anonymous", "a spokesman"),
    ] {
        assert!(has(kind, name), "{kind} {name:?} missing from {listed:?}");
    }
    let names: Vec<&str> = listed.iter().map(|(_, n)| n.as_str()).collect();
    let unique: std::collections::BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "listed twice: {names:?}");
    assert!(
        !listed
            .iter()
            .any(|(k, n)| k == "named" && n.starts_with("Protesters")),
        "{listed:?}"
    );
}

#[test]
fn bundled_example_shows_every_rule() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/harbor-fire.md");
    let out = copydesk(&["check", "--format", "json", example], None);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: std::collections::BTreeSet<String> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    // Every rule that is on by default (an off rule does not run on the example).
    let rules = copydesk(&["rules", "--json"], None);
    let rules: Value = serde_json::from_slice(&rules.stdout).unwrap();
    let missing: Vec<String> = rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["default_level"] != "off")
        .map(|r| r["id"].as_str().unwrap().to_string())
        .filter(|id| !found.contains(id) && !EXAMPLE_EXEMPT.contains(&id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "the example article shows no finding for: {missing:?}"
    );
}

/// Rules the example cannot show in the same article as the others (each needs its own setup).
const EXAMPLE_EXEMPT: &[&str] = &[];
