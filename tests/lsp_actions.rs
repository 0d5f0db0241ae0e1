//! End-to-end code actions: quick fixes linked to their diagnostics, applied by the test as an
//! editor would, and `source.fixAll.copydesk`.

mod common;

use common::*;
use serde_json::{json, Value};

fn actions(lsp: &mut Lsp, uri: &str, diag: &Value, only: &[&str]) -> Vec<Value> {
    let r = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag], "only": only}}),
    );
    r["result"].as_array().cloned().unwrap_or_default()
}

#[test]
fn applying_a_quick_fix_removes_its_diagnostic() {
    for caps in [caps_utf16(), caps_utf8_only()] {
        let mut lsp = Lsp::start(caps, None, None);
        let enc = lsp.encoding.clone();
        let uri = "file:///tmp/copydesk-actions/fix.md";
        let text = "# Fire — “update” 🚒\n\nThe fire destroyed TK homes on Elm Street.\n";
        lsp.open(uri, "markdown", 1, text);
        let diags = lsp.diagnostics(uri, 1);
        let d = diags
            .iter()
            .find(|d| d["code"] == "style/tk-placeholder")
            .expect("TK finding")
            .clone();
        let acts = actions(&mut lsp, uri, &d, &["quickfix"]);
        assert!(!acts.is_empty(), "no quick fix offered");
        for a in &acts {
            assert_eq!(a["kind"], "quickfix");
            assert_eq!(
                a["diagnostics"][0], d,
                "action linked to the diagnostic as published"
            );
        }
        let act = &acts[0];
        let edits = edits_for(&act["edit"], uri);
        assert!(!edits.is_empty());
        let fixed = apply_text_edits(text, &edits, &enc);
        assert_ne!(fixed, text);
        lsp.change(uri, 2, json!([{"text": fixed}]));
        let after = lsp.diagnostics(uri, 2);
        assert!(
            !codes(&after).contains(&"style/tk-placeholder".to_string()),
            "{fixed}\n{after:#?}"
        );
    }
}

#[test]
fn preferred_fix_and_incremental_edit_application() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    let uri = "file:///tmp/copydesk-actions/unused.md";
    let text = "Intro — “quoted” 🎉 line.\n\n<!-- copydesk-ignore style/tk-placeholder -->\nNothing to come here.\n";
    lsp.open(uri, "markdown", 1, text);
    let diags = lsp.diagnostics(uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "style/unused-suppression")
        .expect("unused suppression")
        .clone();
    let acts = actions(&mut lsp, uri, &d, &["quickfix"]);
    let preferred: Vec<&Value> = acts.iter().filter(|a| a["isPreferred"] == true).collect();
    assert_eq!(preferred.len(), 1, "{acts:#?}");
    // Apply it as an incremental didChange, the way an editor does.
    let edits = edits_for(&preferred[0]["edit"], uri);
    let changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    lsp.change(uri, 2, Value::Array(changes));
    let after = lsp.diagnostics(uri, 2);
    assert!(after.is_empty(), "{after:#?}");
}

#[test]
fn fix_all_applies_safe_fixes_but_never_adds_suppressions() {
    let mut caps = caps_utf16();
    caps["workspace"]["workspaceEdit"] = json!({"documentChanges": true});
    let mut lsp = Lsp::start(caps, style_only(), None);
    let uri = "file:///tmp/copydesk-actions/all.md";
    let text = "<!-- copydesk-ignore style/tk-placeholder -->\nClean line.\n\nThe fire destroyed TK homes.\n\n<!-- copydesk-ignore style/unbalanced-quote -->\nAnother clean line.\n";
    lsp.open(uri, "markdown", 4, text);
    let diags = lsp.diagnostics(uri, 4);
    assert!(codes(&diags).contains(&"style/tk-placeholder".to_string()));
    let r = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let acts = r["result"].as_array().unwrap();
    assert_eq!(acts.len(), 1, "{acts:#?}");
    assert_eq!(acts[0]["kind"], "source.fixAll.copydesk");
    // A versioned edit against the current version.
    assert_eq!(
        acts[0]["edit"]["documentChanges"][0]["textDocument"]["version"],
        4
    );
    let fixed = apply_text_edits(text, &edits_for(&acts[0]["edit"], uri), "utf-16");
    assert_eq!(
        fixed,
        "Clean line.\n\nThe fire destroyed TK homes.\n\nAnother clean line.\n"
    );
    lsp.change(uri, 5, json!([{"text": fixed}]));
    assert_eq!(codes(&lsp.diagnostics(uri, 5)), ["style/tk-placeholder"]);
}

#[test]
fn allow_a_word_in_the_project_edits_copydesk_toml() {
    let root = scratch("lsp-allow-word");
    let toml = root.join("copydesk.toml");
    std::fs::write(&toml, "style = \"ap\"\n").unwrap();
    let story = root.join("fire.md");
    let text = "Police said the thugs set fire to three cars on Elm Street.\n";
    let uri = url(&story);
    let mut lsp = Lsp::start(caps_utf16(), None, Some(&root));
    lsp.open(&uri, "markdown", 1, text);
    let diags = lsp.diagnostics(&uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"].as_str().unwrap().starts_with("wording/"))
        .expect("a wording finding")
        .clone();
    let acts = actions(&mut lsp, &uri, &d, &["quickfix"]);
    let allow = acts
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Allow"))
        .expect("allow action");
    assert_eq!(allow["diagnostics"][0], d);
    // Apply it as the editor would (the file is not open: write it), then the editor saves.
    let edits = edits_for(&allow["edit"], &url(&toml));
    let old = std::fs::read_to_string(&toml).unwrap();
    let new = apply_text_edits(&old, &edits, "utf-16");
    assert!(
        new.contains("style = \"ap\"") && new.contains("thugs"),
        "{new}"
    );
    std::fs::write(&toml, new).unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&toml), "type": 2}]}),
    );
    lsp.diagnostics_where(&uri, "the word allowed", |d| {
        d.iter()
            .all(|d| !d["code"].as_str().unwrap().starts_with("wording/"))
    });

    // No copydesk.toml yet: offered as a file creation at the workspace root when the editor can create files.
    let root2 = scratch("lsp-allow-word-new");
    let story2 = root2.join("fire.md");
    let mut caps = caps_utf16();
    caps["workspace"]["workspaceEdit"] =
        json!({"documentChanges": true, "resourceOperations": ["create"]});
    let mut lsp = Lsp::start(caps, None, Some(&root2));
    lsp.open(&url(&story2), "markdown", 1, text);
    let diags = lsp.diagnostics(&url(&story2), 1);
    let d = diags
        .iter()
        .find(|d| d["code"].as_str().unwrap().starts_with("wording/"))
        .unwrap()
        .clone();
    let acts = actions(&mut lsp, &url(&story2), &d, &["quickfix"]);
    let allow = acts
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Allow"))
        .expect("allow action");
    let ops = allow["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["uri"], url(&root2.join("copydesk.toml")));
    assert!(ops[1]["edits"][0]["newText"]
        .as_str()
        .unwrap()
        .contains("thugs"));
}
