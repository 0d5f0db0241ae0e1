//! End-to-end: resolved dates through the server (hover and inlay hints), in both encodings.

mod common;

use common::*;
use serde_json::{json, Value};

const STORY: &str = "---\ndate: 2021-08-15\n---\n\nKABUL — “Chaos” 🚁 as the Taliban entered the city on Thursday, the ministry said.\n";

fn whole(text: &str) -> Value {
    let end = position_of(text, text.len(), "utf-16");
    json!({"start": {"line": 0, "character": 0}, "end": {"line": end.0, "character": end.1}})
}

#[test]
fn inlay_hint_after_a_relative_day_and_hover_resolution() {
    for caps in [caps_utf16(), caps_utf8_only()] {
        let mut lsp = Lsp::start(caps, None, None);
        let enc = lsp.encoding.clone();
        let uri = "file:///tmp/copydesk-dates/kabul.md";
        lsp.open(uri, "markdown", 1, STORY);
        let _ = lsp.diagnostics(uri, 1);
        let r = lsp.request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": whole(STORY)}),
        );
        let hints = r["result"].as_array().unwrap();
        assert_eq!(hints.len(), 1, "{hints:#?}");
        assert_eq!(hints[0]["label"], "Aug. 12");
        let after = STORY.find("Thursday").unwrap() + "Thursday".len();
        let (l, c) = position_of(STORY, after, &enc);
        assert_eq!(hints[0]["position"], json!({"line": l, "character": c}));
        let (l, c) = position_of(STORY, STORY.find("Thursday").unwrap() + 2, &enc);
        let r = lsp.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": l, "character": c}}),
        );
        let value = r["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default();
        assert!(
            value.contains("Thu, Aug. 12, 2021: three days before the dateline"),
            "{r}"
        );
    }
}

#[test]
fn inlay_hints_can_be_switched_off() {
    let mut lsp = Lsp::start(caps_utf16(), Some(json!({"inlay_hints": false})), None);
    let uri = "file:///tmp/copydesk-dates/off.md";
    lsp.open(uri, "markdown", 1, STORY);
    let _ = lsp.diagnostics(uri, 1);
    let r = lsp.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": whole(STORY)}),
    );
    assert_eq!(r["result"], json!([]));
    // Switched back on from the editor without a restart.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"inlay_hints": true}}}),
    );
    let _ = lsp.diagnostics_where(uri, "re-analysis after settings", |_| true);
    let r = lsp.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": whole(STORY)}),
    );
    assert_eq!(r["result"].as_array().map(|a| a.len()), Some(1), "{r}");
}

const MIXED: &str = "---\ndate: 2021-08-15\n---\n\nKABUL — The talks began Thursday, Aug. 13, 2021, officials said. The vote came on August 14th, the ministry said. Police said yesterday that 40 people died.\n";

#[test]
fn date_fixes_as_code_actions_and_fix_all() {
    let mut lsp = Lsp::start(caps_utf16(), None, None);
    let uri = "file:///tmp/copydesk-dates/mixed.md";
    lsp.open(uri, "markdown", 1, MIXED);
    let diags = lsp.diagnostics(uri, 1);
    let c = codes(&diags);
    assert!(c.contains(&"dates/weekday-mismatch".to_string()), "{c:?}");
    assert!(c.contains(&"dates/relative-word".to_string()), "{c:?}");

    // The weekday-mismatch quick fix (change the weekday) clears it.
    let d = diags
        .iter()
        .find(|d| d["code"] == "dates/weekday-mismatch")
        .unwrap();
    let r = lsp.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d], "only": ["quickfix"]}}));
    let acts = r["result"].as_array().unwrap();
    let weekday = acts
        .iter()
        .find(|a| {
            a["title"].as_str().unwrap().contains("weekday")
                && a["diagnostics"][0]["code"] == "dates/weekday-mismatch"
        })
        .expect("weekday fix");
    let fixed = apply_text_edits(MIXED, &edits_for(&weekday["edit"], uri), "utf-16");
    lsp.change(uri, 2, json!([{"text": fixed}]));
    assert!(!codes(&lsp.diagnostics(uri, 2)).contains(&"dates/weekday-mismatch".to_string()));

    // Fix all: the safe house-style and relative-day fixes, no suppression comments.
    let r = lsp.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.copydesk"]}}));
    let all = &r["result"][0];
    let after = apply_text_edits(&fixed, &edits_for(&all["edit"], uri), "utf-16");
    assert!(!after.contains("copydesk-ignore"), "{after}");
    assert!(
        after.contains("Aug. 14") && !after.contains("yesterday"),
        "{after}"
    );
    lsp.change(uri, 3, json!([{"text": after}]));
    let left = codes(&lsp.diagnostics(uri, 3));
    assert!(
        !left.contains(&"dates/relative-word".to_string())
            && !left.contains(&"dates/style".to_string()),
        "{left:?}\n{after}"
    );
}
