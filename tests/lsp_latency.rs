//! A guard against the server stalling on a long story (about 5,000 words): open, a burst of
//! edits, hovers and code actions must each finish within generous bounds. The latency figures
//! themselves are measured by the criterion benchmarks in `benches/`, not here.

mod common;

use common::*;
use serde_json::json;
use std::time::{Duration, Instant};

fn story() -> String {
    let para = "KABUL — The council met on Thursday to discuss the budget, officials said. \
                “We will rebuild every school,” the mayor told reporters — and TK families were moved. \
                Residents said the water had risen 🌊 overnight; the Interior Ministry said 40 homes were destroyed.\n\n";
    let mut s = String::from("# Floods hit the valley\n\n");
    while s.split_whitespace().count() < 5000 {
        s.push_str(para);
    }
    s
}

#[test]
fn latency_on_a_five_thousand_word_story() {
    let text = story();
    let mut lsp = Lsp::start(caps_utf16(), None, None);
    let uri = "file:///tmp/copydesk-latency/long.md";
    let t = Instant::now();
    lsp.open(uri, "markdown", 1, &text);
    let d = lsp.diagnostics(uri, 1);
    let open_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert!(!d.is_empty());

    // 50 keystrokes without waiting, then time until the final version's diagnostics.
    let line = 2u32;
    let t = Instant::now();
    for i in 0..50u32 {
        lsp.change(uri, 2 + i as i64, json!([{"range": {"start": {"line": line, "character": i}, "end": {"line": line, "character": i}}, "text": "x"}]));
    }
    let d = lsp.diagnostics(uri, 51);
    let burst_ms = t.elapsed().as_secs_f64() * 1000.0;

    let t = Instant::now();
    let n = 20;
    for _ in 0..n {
        let r = lsp.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": d[0]["range"]["start"]}),
        );
        assert!(r["result"].is_object());
    }
    let hover_ms = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        let r = lsp.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": d[0]["range"], "context": {"diagnostics": []}}));
        assert!(r["result"].is_array(), "{r}");
    }
    let action_ms = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    assert!(open_ms < 5000.0 && burst_ms < 5000.0 && hover_ms < 500.0 && action_ms < 500.0);
    let (t, _) = lsp.shutdown_and_exit();
    assert!(t < Duration::from_secs(1));
}
