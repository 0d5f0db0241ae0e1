//! End-to-end configuration through the server: editor settings (initializationOptions,
//! didChangeConfiguration, workspace/configuration), copydesk.toml discovery, hot reload and
//! bad files.

mod common;

use common::*;
use serde_json::{json, Value};
use std::time::Duration;

const TK_COPY: &str = "The fire destroyed TK homes.\n";

fn severities(diags: &[Value]) -> Vec<i64> {
    diags
        .iter()
        .map(|d| d["severity"].as_i64().unwrap())
        .collect()
}

#[test]
fn initialization_options_switch_a_family_off() {
    for opts in [
        json!({"rules": {"style": "off"}}),
        json!({"copydesk": {"rules": {"style": "off"}}}),
    ] {
        let mut lsp = Lsp::start(caps_utf16(), Some(opts), None);
        let uri = "file:///tmp/copydesk-cfg/off.md";
        lsp.open(uri, "markdown", 1, "“Unclosed quote, TK said.\n");
        let d = lsp.diagnostics(uri, 1);
        assert!(
            d.iter()
                .all(|d| !d["code"].as_str().unwrap().starts_with("style/")),
            "{d:#?}"
        );
    }
    // Control: without the setting the same copy has style findings.
    let mut lsp = Lsp::start(caps_utf16(), None, None);
    let uri = "file:///tmp/copydesk-cfg/on.md";
    lsp.open(uri, "markdown", 1, "“Unclosed quote, TK said.\n");
    assert!(codes(&lsp.diagnostics(uri, 1)).contains(&"style/tk-placeholder".to_string()));
}

#[test]
fn did_change_configuration_pushes_and_pulls_settings() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    let uri = "file:///tmp/copydesk-cfg/push.md";
    lsp.open(uri, "markdown", 1, TK_COPY);
    assert_eq!(severities(&lsp.diagnostics(uri, 1)), [2]);
    // Pushed settings (VS Code style).
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"style/tk-placeholder": "error"}}}}),
    );
    let d = lsp.diagnostics_where(uri, "error severity after push", |d| severities(d) == [1]);
    assert_eq!(d.len(), 1);
    // Empty settings (Emacs sends `{}`): the server pulls the `copydesk` section instead.
    *lsp.settings.lock().unwrap() = json!({"rules": {"style/tk-placeholder": "hint"}});
    lsp.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    lsp.diagnostics_where(uri, "hint severity after pull", |d| severities(d) == [4]);
    // Malformed settings: reported once, the server keeps the last good settings and runs on.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"style/tk-placeholder": "loud"}}}}),
    );
    let m = lsp.wait_for("showMessage for bad settings", |m| {
        m["method"] == "window/showMessage"
    });
    assert!(
        m["params"]["message"]
            .as_str()
            .unwrap()
            .contains("settings"),
        "{m}"
    );
    lsp.change(uri, 2, json!([{"text": "TK and TK.\n"}]));
    assert_eq!(severities(&lsp.diagnostics(uri, 2)), [4, 4]);
}

#[test]
fn copydesk_toml_is_discovered_hot_reloaded_and_bad_files_reported() {
    let root = scratch("lsp-config-reload");
    let sub = root.join("stories/metro");
    std::fs::create_dir_all(&sub).unwrap();
    let toml = root.join("copydesk.toml");
    std::fs::write(&toml, "[rules]\n\"style/tk-placeholder\" = \"error\"\n").unwrap();
    let story = sub.join("fire.md");
    std::fs::write(&story, TK_COPY).unwrap();
    let uri = url(&story);
    let toml_uri = url(&toml);

    let mut lsp = Lsp::start(caps_utf16(), style_only(), Some(&root));
    // The server asks to watch copydesk.toml files.
    let reg = lsp.wait_for("registerCapability", |m| {
        m["method"] == "client/registerCapability"
    });
    assert!(reg.to_string().contains("copydesk.toml"), "{reg}");
    lsp.open(&uri, "markdown", 1, TK_COPY);
    assert_eq!(
        severities(&lsp.diagnostics(&uri, 1)),
        [1],
        "found two folders up"
    );

    // Hot reload: the severity changes in the open document without a restart.
    std::fs::write(&toml, "[rules]\n\"style/tk-placeholder\" = \"info\"\n").unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": toml_uri, "type": 2}]}),
    );
    let d = lsp.diagnostics_where(&uri, "info severity after reload", |d| severities(d) == [3]);
    assert_eq!(d.len(), 1);

    // A bad file: reported with its line (a diagnostic on the file and one message); the story
    // keeps being checked with the last good configuration.
    std::fs::write(
        &toml,
        "# house rules\n[rules]\n\"style/tk-placeholder\" = \"loud\"\n",
    )
    .unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": toml_uri, "type": 2}]}),
    );
    let cfg = lsp.diagnostics_where(&toml_uri, "diagnostic on copydesk.toml", |d| !d.is_empty());
    assert_eq!(cfg[0]["range"]["start"]["line"], 2, "{cfg:#?}");
    assert_eq!(cfg[0]["severity"], 1);
    let msg = lsp.wait_for("showMessage", |m| m["method"] == "window/showMessage");
    let text = msg["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("copydesk.toml") && text.contains("line 3"),
        "{text}"
    );
    let d = lsp.diagnostics_where(&uri, "story still published", |d| !d.is_empty());
    assert_eq!(
        severities(&d),
        [3],
        "last good configuration stays in force"
    );
    lsp.change(&uri, 2, json!([{"text": "TK, TK.\n"}]));
    assert_eq!(severities(&lsp.diagnostics(&uri, 2)), [3, 3]);
    // The same problem again is not shown again.
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": toml_uri, "type": 2}]}),
    );
    assert!(lsp
        .try_wait_for(
            |m| m["method"] == "window/showMessage",
            Duration::from_millis(400)
        )
        .is_none());

    // Fixed on disk and saved from the editor: cleared, and the new setting applies.
    std::fs::write(&toml, "[rules]\nstyle = \"hint\"\n").unwrap();
    lsp.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": toml_uri}}),
    );
    lsp.diagnostics_where(&toml_uri, "config diagnostic cleared", |d| d.is_empty());
    lsp.diagnostics_where(&uri, "hint after fix", |d| severities(d) == [4, 4]);
    // Broken again the same way: that is news again.
    std::fs::write(
        &toml,
        "# house rules\n[rules]\n\"style/tk-placeholder\" = \"loud\"\n",
    )
    .unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": toml_uri, "type": 2}]}),
    );
    lsp.wait_for("showMessage again", |m| m["method"] == "window/showMessage");
    lsp.diagnostics_where(&uri, "still hint (last good)", |d| severities(d) == [4, 4]);
    std::fs::write(&toml, "[rules]\nstyle = \"hint\"\n").unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": toml_uri, "type": 2}]}),
    );
    lsp.diagnostics_where(&toml_uri, "config diagnostic cleared again", |d| {
        d.is_empty()
    });

    // Deleted: back to the defaults.
    std::fs::remove_file(&toml).unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": toml_uri, "type": 3}]}),
    );
    lsp.diagnostics_where(&uri, "defaults after delete", |d| severities(d) == [2, 2]);

    // A new file nearer the story wins.
    let near = sub.join("copydesk.toml");
    std::fs::write(
        &near,
        "[rules]
\"style/tk-placeholder\" = \"error\"\n",
    )
    .unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&near), "type": 1}]}),
    );
    lsp.diagnostics_where(&uri, "nearest file after create", |d| {
        severities(d) == [1, 1]
    });
}

#[test]
fn bad_copydesk_toml_at_startup_still_publishes() {
    let root = scratch("lsp-config-bad");
    std::fs::write(
        root.join("copydesk.toml"),
        "style = \"ap\"\n\n[rules]\n\"style/nope\" = \"off\"\n",
    )
    .unwrap();
    let story = root.join("a.md");
    let uri = url(&story);
    let mut lsp = Lsp::start(caps_utf16(), style_only(), Some(&root));
    lsp.open(&uri, "markdown", 1, TK_COPY);
    assert_eq!(codes(&lsp.diagnostics(&uri, 1)), ["style/tk-placeholder"]);
    let cfg = lsp.diagnostics_where(
        &url(&root.join("copydesk.toml")),
        "config diagnostic",
        |d| !d.is_empty(),
    );
    assert_eq!(cfg[0]["range"]["start"]["line"], 3);
    assert!(cfg[0]["message"].as_str().unwrap().contains("style/nope"));
    // Editing the open copydesk.toml shows problems as you type.
    let toml_uri = url(&root.join("copydesk.toml"));
    lsp.open(&toml_uri, "toml", 1, "style = \"ap\"\nbogus = 1\n");
    let d = lsp.diagnostics(&toml_uri, 1);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["range"]["start"]["line"], 1);
    lsp.change(&toml_uri, 2, json!([{"text": "style = \"reuters\"\n"}]));
    assert!(lsp.diagnostics(&toml_uri, 2).is_empty());
    // Closed without saving: the file on disk is still bad, and says so again.
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": toml_uri}}),
    );
    let d = lsp.diagnostics_where(&toml_uri, "disk problem after close", |d| !d.is_empty());
    assert_eq!(d[0]["range"]["start"]["line"], 3);
}

/// Every kind of bad copydesk.toml: reported (a message naming the file and line, a diagnostic on
/// that line of the file) while the story keeps being checked.
#[test]
fn each_bad_config_case_is_reported_and_the_server_keeps_publishing() {
    let big = format!("# {}\nstyle = \"ap\"\n", "x".repeat(1_100_000));
    let cases: Vec<(&str, String, Option<u32>)> = vec![
        (
            "syntax error",
            "style = \"ap\"\n[rules\n".to_string(),
            Some(1),
        ),
        (
            "unknown rule id",
            "[rules]\n\"style/no-such-rule\" = \"off\"\n".to_string(),
            Some(1),
        ),
        (
            "unknown key",
            "style = \"ap\"\ncolour = \"blue\"\n".to_string(),
            Some(1),
        ),
        (
            "bad level",
            "[rules]\nstyle = \"loud\"\n".to_string(),
            Some(1),
        ),
        (
            "invalid pattern",
            "[terms.regime]\ncategory = \"contested-label\"\nexceptions = [\"@atributed\"]\n"
                .to_string(),
            Some(2),
        ),
        ("absurd size", big, None),
    ];
    for (what, toml, line) in cases {
        let root = scratch(&format!("lsp-bad-{}", what.replace(' ', "-")));
        let toml_path = root.join("copydesk.toml");
        std::fs::write(&toml_path, &toml).unwrap();
        let story = root.join("story.md");
        let uri = url(&story);
        let mut lsp = Lsp::start(caps_utf16(), style_only(), Some(&root));
        lsp.open(&uri, "markdown", 1, TK_COPY);
        assert_eq!(
            codes(&lsp.diagnostics(&uri, 1)),
            ["style/tk-placeholder"],
            "{what}: the story is still checked"
        );
        let msg = lsp.wait_for(&format!("showMessage for {what}"), |m| {
            m["method"] == "window/showMessage"
        });
        let text = msg["params"]["message"].as_str().unwrap().to_string();
        assert!(text.contains("copydesk.toml"), "{what}: {text}");
        let cfg = lsp.diagnostics_where(&url(&toml_path), &format!("diagnostic for {what}"), |d| {
            !d.is_empty()
        });
        if let Some(l) = line {
            assert!(text.contains(&format!("line {}", l + 1)), "{what}: {text}");
            assert_eq!(cfg[0]["range"]["start"]["line"], l, "{what}: {cfg:#?}");
        }
        assert!(lsp.alive());
    }
}
