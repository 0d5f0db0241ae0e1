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

/// Opens `text` at `uri` and returns its first wording diagnostic with that diagnostic's
/// "Allow …" quick fix.
fn allow_action(lsp: &mut Lsp, uri: &str, text: &str) -> (Value, Value) {
    lsp.open(uri, "markdown", 1, text);
    let diags = lsp.diagnostics(uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"].as_str().unwrap().starts_with("wording/"))
        .expect("a wording finding")
        .clone();
    let acts = actions(lsp, uri, &d, &["quickfix"]);
    let allow = acts
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Allow"))
        .unwrap_or_else(|| panic!("no Allow action: {acts:#?}"))
        .clone();
    (d, allow)
}

/// Waits until the story shows no wording finding (the word is allowed).
fn wait_for_the_word_allowed(lsp: &mut Lsp, uri: &str) {
    lsp.diagnostics_where(uri, "the word allowed", |d| {
        d.iter()
            .all(|d| !d["code"].as_str().unwrap().starts_with("wording/"))
    });
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
    let (d, allow) = allow_action(&mut lsp, &uri, text);
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
    wait_for_the_word_allowed(&mut lsp, &uri);

    // No copydesk.toml yet: offered as a file creation at the workspace root when the editor can create files.
    let root2 = scratch("lsp-allow-word-new");
    let story2 = root2.join("fire.md");
    let mut caps = caps_utf16();
    caps["workspace"]["workspaceEdit"] =
        json!({"documentChanges": true, "resourceOperations": ["create"]});
    let mut lsp = Lsp::start(caps, None, Some(&root2));
    let (_, allow) = allow_action(&mut lsp, &url(&story2), text);
    let ops = allow["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["uri"], url(&root2.join("copydesk.toml")));
    assert!(ops[1]["edits"][0]["newText"]
        .as_str()
        .unwrap()
        .contains("thugs"));
}

/// The quick fixes at the cursor, as VS Code asks for them (the diagnostics under the cursor in
/// the context, no `only`): in the order sent, with their `isPreferred` and linked rule.
fn actions_at(
    lsp: &mut Lsp,
    uri: &str,
    line: usize,
    character: usize,
    diags: &[Value],
) -> Vec<(String, bool, String)> {
    let at = json!({"line": line, "character": character});
    let under: Vec<&Value> = diags
        .iter()
        .filter(|d| {
            let (s, e) = (&d["range"]["start"], &d["range"]["end"]);
            let key = |p: &Value| {
                (
                    p["line"].as_u64().unwrap(),
                    p["character"].as_u64().unwrap(),
                )
            };
            let c = (line as u64, character as u64);
            key(s) <= c && c <= key(e)
        })
        .collect();
    let r = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at}, "context": {"diagnostics": under}}),
    );
    r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["title"].as_str().unwrap().to_string(),
                a["isPreferred"] == true,
                a["diagnostics"][0]["code"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn the_fix_for_the_word_under_the_cursor_comes_first_and_alone_is_preferred() {
    let mut lsp = Lsp::start(caps_utf16(), None, None);
    let uri = "file:///tmp/copydesk-actions/order.md";
    // A sentence-wide finding (an unsourced casualty figure) around a word-wide one ("terrorists"),
    // and a second story line with "yesterday" inside an unsourced prediction.
    let text = "---\ndate: 2021-08-18\n---\n\nThe terrorists attacked the town on Elm Street and killed 12 people.\n\nWork began yesterday on the bridge, which will cost $4 million.\n";
    lsp.open(uri, "markdown", 1, text);
    let diags = lsp.diagnostics(uri, 1);
    for (word, rule) in [
        ("terrorists", "wording/contested-label"),
        ("yesterday", "dates/relative-word"),
    ] {
        let line = text[..text.find(word).unwrap()].matches('\n').count();
        let col = text.lines().nth(line).unwrap().find(word).unwrap() + 2; // inside the word (ASCII line)
        let wide = diags
            .iter()
            .find(|d| {
                d["code"] == "attribution/unattributed-claim" && d["range"]["start"]["line"] == line
            })
            .unwrap_or_else(|| {
                panic!("the test needs an unsourced-claim finding around {word:?}: {diags:#?}")
            });
        assert_eq!(wide["range"]["start"]["character"], 0);
        let acts = actions_at(&mut lsp, uri, line, col, &diags);
        assert!(acts.len() >= 2, "{acts:#?}");
        // First: a fix for the word under the cursor, the preferred one, and no other preferred.
        assert_eq!(acts[0].2, rule, "{word}: {acts:#?}");
        assert!(
            acts[0].1,
            "{word}: the first action is not preferred: {acts:#?}"
        );
        assert_eq!(acts.iter().filter(|a| a.1).count(), 1, "{word}: {acts:#?}");
        // Every fix for the word comes before any fix for the sentence ("Allow this word in the
        // project" is not a fix to the copy: it comes last).
        let last_word = acts
            .iter()
            .rposition(|a| a.2 == rule && !a.0.starts_with("Allow"))
            .unwrap();
        let first_claim = acts
            .iter()
            .position(|a| a.2 == "attribution/unattributed-claim")
            .expect("the sentence's fixes are still offered");
        assert!(last_word < first_claim, "{word}: {acts:#?}");
        // The library's preferred fix for the word is the one marked.
        let f = copydesk::analyze(text, &copydesk::Config::default())
            .findings
            .into_iter()
            .find(|f| f.rule == rule && &text[f.span.range()] == word)
            .unwrap();
        let preferred = f
            .fixes
            .iter()
            .find(|x| x.preferred)
            .expect("a preferred fix");
        assert_eq!(acts[0].0, preferred.title);
    }
    // On the first word of the sentence, the sentence's own fix leads.
    let line = text[..text.find("The terrorists").unwrap()]
        .matches('\n')
        .count();
    let acts = actions_at(&mut lsp, uri, line, 1, &diags);
    assert_eq!(acts[0].2, "attribution/unattributed-claim", "{acts:#?}");
}

#[test]
fn allow_a_word_creates_copydesk_toml_for_an_editor_that_cannot_create_files() {
    // Neovim announces no documentChanges: the action carries a command the server runs.
    let root = scratch("lsp-allow-word-command");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let story = root.join("fire.md");
    let text = "Police said the thugs set fire to three cars on Elm Street.\n";
    let uri = url(&story);
    let mut lsp = Lsp::start(caps_utf16(), None, Some(&root));
    let (_, allow) = allow_action(&mut lsp, &uri, text);
    assert!(allow.get("edit").is_none_or(Value::is_null), "{allow:#?}");
    let cmd = &allow["command"];
    assert_eq!(cmd["command"], "copydesk.allowWord");
    let toml = root.join("copydesk.toml");
    assert!(
        !toml.exists(),
        "offering the action must not write anything"
    );
    let r = lsp.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    );
    assert!(r.get("error").is_none(), "{r:#?}");
    let written = std::fs::read_to_string(&toml).expect("copydesk.toml created at the root");
    assert!(written.contains("thugs"), "{written}");
    wait_for_the_word_allowed(&mut lsp, &uri);
}

#[test]
fn hover_leads_with_the_date_and_the_explanation_never_the_message_again() {
    let mut lsp = Lsp::start(caps_utf16(), None, None);
    let uri = "file:///tmp/copydesk-actions/hover.md";
    let text = "---\ndate: 2021-08-18\n---\n\nWork began yesterday, the city engineer said.\n";
    lsp.open(uri, "markdown", 1, text);
    let diags = lsp.diagnostics(uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "dates/relative-word")
        .expect("yesterday flagged")
        .clone();
    let rule = copydesk::engine::registry::lookup("dates/relative-word").unwrap();
    // Inside the word, and just after it (where a keyboard hover lands after a double-click).
    for at in [
        json!({"line": 4, "character": 13}),
        d["range"]["end"].clone(),
    ] {
        let r = lsp.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": at}),
        );
        let value = r["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_else(|| panic!("no hover at {at}: {r}"))
            .to_string();
        let date = value.find("**Date:**").expect("the resolved date");
        let summary = value.find(rule.summary).expect("the rule's summary");
        assert!(date < summary, "the date comes first: {value}");
        assert!(value[date..summary].contains("Aug"), "{value}");
        let message = d["message"].as_str().unwrap();
        assert!(
            !value.contains(message),
            "the editor shows the message already: {value}"
        );
    }
}
