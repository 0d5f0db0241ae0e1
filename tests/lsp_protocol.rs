//! End-to-end: the real `copydesk lsp` binary over stdio. Sync, positions, lifecycle, robustness.

mod common;

use common::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Curly quotes, an em dash and an emoji before the finding, on the second line.
const COPY: &str = "# Fire\n“Smoke,” she said — 🔥 the blaze destroyed TK homes.\n";

fn tk_range(text: &str, enc: &str) -> Value {
    let at = text.find("TK").unwrap();
    range_json(text, at, at + 2, enc)
}

#[test]
fn diagnostics_after_open_have_exact_utf16_ranges() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    assert_eq!(
        lsp.init_result["capabilities"]["positionEncoding"],
        "utf-16"
    );
    let uri = "file:///tmp/copydesk-test/fire.md";
    lsp.open(uri, "markdown", 1, COPY);
    let diags = lsp.diagnostics(uri, 1);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    // Hand-counted: “(1) Smoke,(6) ”(1) space(1) "she said "(9) —(1) space(1) 🔥(2 units) space(1)
    // "the blaze destroyed "(20) = 43.
    assert_eq!(
        d["range"],
        json!({"start": {"line": 1, "character": 43}, "end": {"line": 1, "character": 45}})
    );
    assert_eq!(d["range"], tk_range(COPY, "utf-16"));
    assert_eq!(d["code"], "style/tk-placeholder");
    assert_eq!(d["source"], "copydesk");
    assert_eq!(d["severity"], 2);
    let (t, code) = lsp.shutdown_and_exit();
    assert!(t < Duration::from_secs(1), "exit took {t:?}");
    assert_eq!(code, Some(0));
}

#[test]
fn utf8_when_the_client_offers_only_utf8() {
    let mut lsp = Lsp::start(caps_utf8_only(), style_only(), None);
    assert_eq!(lsp.init_result["capabilities"]["positionEncoding"], "utf-8");
    let uri = "file:///tmp/copydesk-test/fire8.md";
    lsp.open(uri, "markdown", 3, COPY);
    let diags = lsp.diagnostics(uri, 3);
    assert_eq!(diags.len(), 1);
    // Bytes: “(3) Smoke,(6) ”(3) space(1) "she said "(9) —(3) space(1) 🔥(4) space(1) "the blaze destroyed "(20) = 51.
    assert_eq!(
        diags[0]["range"],
        json!({"start": {"line": 1, "character": 51}, "end": {"line": 1, "character": 53}})
    );
    assert_eq!(diags[0]["range"], tk_range(COPY, "utf-8"));
}

#[test]
fn stdio_flag_and_text_language_id() {
    let mut lsp = Lsp::start_with(&["--stdio"], caps_utf16(), style_only(), None);
    let uri = "file:///tmp/copydesk-test/note.txt";
    // Emacs and Neovim send `text` for plain text.
    lsp.open(uri, "text", 1, "The council will vote on TK.\n");
    assert_eq!(codes(&lsp.diagnostics(uri, 1)), ["style/tk-placeholder"]);
    let uri2 = "file:///tmp/copydesk-test/note2.txt";
    lsp.open(uri2, "plaintext", 1, "TKTK\n");
    assert_eq!(codes(&lsp.diagnostics(uri2, 1)), ["style/tk-placeholder"]);
    // Other languages are not checked.
    let uri3 = "file:///tmp/copydesk-test/main.rs";
    lsp.open(uri3, "rust", 1, "// TK\n");
    assert!(lsp
        .try_wait_for(|m| m["params"]["uri"] == uri3, Duration::from_millis(300))
        .is_none());
}

/// A deterministic pseudo-random sequence (no external crates, no clock).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn two_hundred_incremental_edits_match_a_fresh_open() {
    for enc_caps in [caps_utf16(), caps_utf8_only()] {
        let mut lsp = Lsp::start(enc_caps, None, None); // every family on
        let enc = lsp.encoding.clone();
        let uri = "file:///tmp/copydesk-test/burst.md";
        let mut text = String::from(
            "# Héadline — “draft”\r\n\r\nThe mayor 🎉 said TK people came.\rLine two.\n",
        );
        lsp.open(uri, "markdown", 1, &text);
        let pieces = [
            "TK", " ", "é", "🎉", "—", "\r\n", "\n", "word", "“", "”", "TKTK ", "x",
        ];
        let mut rng = Lcg(42);
        let mut version = 1;
        for i in 0..200 {
            // Pick char boundaries for a range, never splitting a \r\n pair.
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .filter(|&b| {
                    !(b > 0
                        && text.as_bytes()[b - 1] == b'\r'
                        && text.as_bytes().get(b) == Some(&b'\n'))
                })
                .collect();
            let a = bounds[rng.next(bounds.len())];
            let del = if i % 3 == 0 { rng.next(6) } else { 0 };
            let bi = bounds.iter().position(|&x| x == a).unwrap();
            let b = bounds[(bi + del).min(bounds.len() - 1)];
            let insert = if i % 5 == 4 {
                ""
            } else {
                pieces[rng.next(pieces.len())]
            };
            let range = range_json(&text, a, b, &enc);
            text.replace_range(a..b, insert);
            version += 1;
            lsp.change(uri, version, json!([{"range": range, "text": insert}]));
        }
        let burst = lsp.diagnostics(uri, version);
        // Publishes for intermediate versions may have come before (typing pauses on a busy
        // machine); none may come after.
        lsp.inbox.retain(|m| m["params"]["uri"] != uri);
        let fresh_uri = "file:///tmp/copydesk-test/fresh.md";
        lsp.open(fresh_uri, "markdown", 1, &text);
        let fresh = lsp.diagnostics(fresh_uri, 1);
        assert!(
            !fresh.is_empty(),
            "the final text should have findings: {text:?}"
        );
        assert_eq!(burst, fresh, "final text: {text:?}");
        // And the ranges are where the test's own arithmetic puts the TKs.
        for d in &fresh {
            if d["code"] == "style/tk-placeholder" {
                let r = &d["range"];
                let s = offset_of(
                    &text,
                    r["start"]["line"].as_u64().unwrap() as u32,
                    r["start"]["character"].as_u64().unwrap() as u32,
                    &enc,
                );
                assert!(text[s..].starts_with("TK"), "{d}");
            }
        }
        // No diagnostics for an intermediate version arrive after the final ones.
        assert!(lsp
            .try_wait_for(
                |m| m["params"]["uri"] == uri && m["params"]["version"] != json!(version),
                Duration::from_millis(300)
            )
            .is_none());
    }
}

#[test]
fn code_actions_while_typing_wait_for_the_debounced_analysis() {
    // Every family on, so that an analysis is not free.
    let mut lsp = Lsp::start(caps_utf16(), None, None);
    let uri = "file:///tmp/copydesk-test/typing.md";
    let text = "The council met on Thursday, officials said. TK people came. ".repeat(200);
    lsp.open(uri, "markdown", 1, &text);
    let _ = lsp.diagnostics(uri, 1);
    lsp.inbox.clear();
    // An editor asks for code actions at the cursor after every keystroke, without waiting.
    let mut ids = Vec::new();
    for i in 0..30u32 {
        lsp.change(uri, 2 + i as i64, json!([{"range": {"start": {"line": 0, "character": i}, "end": {"line": 0, "character": i}}, "text": "x"}]));
        ids.push(lsp.send_request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": i + 1}, "end": {"line": 0, "character": i + 1}}, "context": {"diagnostics": []}})));
    }
    for id in ids {
        let r = lsp.response(id);
        assert!(r.get("error").is_none(), "{r}");
    }
    let _ = lsp.diagnostics(uri, 31);
    let analyses = lsp
        .inbox
        .iter()
        .filter(|m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("analysed")
        })
        .count();
    assert!(
        analyses <= 15,
        "{analyses} analyses for 30 keystrokes: requests should share the debounced analysis"
    );
}

#[test]
fn out_of_range_and_stale_edits_do_not_kill_the_server() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    let uri = "file:///tmp/copydesk-test/range.md";
    lsp.open(uri, "markdown", 1, "First line.\nSecond line.\n");
    assert!(lsp.diagnostics(uri, 1).is_empty());
    // Far past the end: clamped to the end of the document.
    lsp.change(uri, 2, json!([{"range": {"start": {"line": 99, "character": 5}, "end": {"line": 120, "character": 0}}, "text": "TK "}]));
    let d = lsp.diagnostics(uri, 2);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["range"]["start"], json!({"line": 2, "character": 0}));
    // A column past the end of its line is the end of that line; a huge number is no problem.
    lsp.change(uri, 3, json!([{"range": {"start": {"line": 0, "character": 4000000000u64}, "end": {"line": 0, "character": 4000000000u64}}, "text": " TK"}]));
    let d = lsp.diagnostics(uri, 3);
    assert_eq!(
        d[0]["range"],
        json!({"start": {"line": 0, "character": 12}, "end": {"line": 0, "character": 14}})
    );
    // Inside a surrogate pair: rounds down, no panic.
    lsp.change(uri, 4, json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "🎉"}]));
    lsp.change(uri, 5, json!([{"range": {"start": {"line": 1, "character": 1}, "end": {"line": 1, "character": 1}}, "text": "x"}]));
    let _ = lsp.diagnostics(uri, 5);
    // A stale version is ignored (the text does not change), and so is an unknown document.
    lsp.change(uri, 3, json!([{"range": null, "text": "TK TK TK"}]));
    lsp.change(
        "file:///tmp/copydesk-test/never-opened.md",
        9,
        json!([{"text": "TK"}]),
    );
    lsp.change(uri, 6, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "A"}]));
    let d = lsp.diagnostics(uri, 6);
    assert_eq!(codes(&d), ["style/tk-placeholder", "style/tk-placeholder"]);
    // Garbage params to a request: an error response, not a crash.
    let r = lsp.request("textDocument/hover", json!({"nope": 1}));
    assert!(r.get("error").is_some());
    let r = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 7777, "character": 7777}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    assert!(lsp.alive());
    let (t, code) = lsp.shutdown_and_exit();
    assert!(t < Duration::from_secs(1), "exit took {t:?}");
    assert_eq!(code, Some(0));
}

#[test]
fn shutdown_with_null_params_as_eglot_sends_it() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    let (t, code) = lsp.shutdown_null_params_and_exit();
    assert!(t < Duration::from_secs(1), "exit took {t:?}");
    assert_eq!(code, Some(0));
}

#[test]
fn exit_without_shutdown_ends_promptly_with_status_1() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    lsp.notify("exit", Value::Null);
    let t = Instant::now();
    while lsp.alive() {
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "still running a second after exit"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn malformed_messages_and_settings_do_not_kill_the_server() {
    let mut lsp = Lsp::start(caps_utf16(), Some(json!({"rules": 7})), None);
    // Bad initializationOptions: said once, defaults used.
    let m = lsp.wait_for("showMessage", |m| m["method"] == "window/showMessage");
    assert!(
        m["params"]["message"]
            .as_str()
            .unwrap()
            .contains("settings"),
        "{m}"
    );
    lsp.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    lsp.send_raw(b"Garbage-Header\r\n\r\n");
    lsp.send_raw(b"Content-Length: 30\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":5}  ");
    lsp.notify("textDocument/didOpen", json!({"textDocument": {"uri": 5}}));
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///x.md", "version": "one"}, "contentChanges": 3}),
    );
    lsp.notify("$/unknownNotification", json!({}));
    let r = lsp.request("copydesk/noSuchRequest", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let uri = "file:///tmp/copydesk-test/after-garbage.md";
    lsp.open(uri, "markdown", 1, "Still TK.\n");
    assert_eq!(codes(&lsp.diagnostics(uri, 1)), ["style/tk-placeholder"]);
    assert!(lsp.alive());
}

#[test]
fn close_clears_diagnostics() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    let uri = "file:///tmp/copydesk-test/close.md";
    lsp.open(uri, "markdown", 1, "TK\n");
    assert_eq!(lsp.diagnostics(uri, 1).len(), 1);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let m = lsp.wait_for("clear on close", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    assert_eq!(m["params"]["diagnostics"], json!([]));
}

#[test]
fn hover_explains_the_finding_and_lens_summarises_sources() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    let uri = "file:///tmp/copydesk-test/hover.md";
    lsp.open(uri, "markdown", 1, COPY);
    let d = lsp.diagnostics(uri, 1);
    let r = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": d[0]["range"]["start"]}),
    );
    let value = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("style/tk-placeholder"), "{value}");
    assert!(
        value.contains("to come"),
        "hover carries the rule's explanation: {value}"
    );
    assert_eq!(r["result"]["range"], d[0]["range"]);
    // Nothing to say on plain words.
    let r = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
    );
    assert_eq!(r["result"], Value::Null);
    let r = lsp.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let title = r["result"][0]["command"]["title"].as_str().unwrap();
    assert!(
        title.contains("named source") && title.contains("anonymous"),
        "{title}"
    );
    let r = lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(r["result"].is_array(), "{r}");
    let r = lsp.request("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}));
    assert!(r["result"].is_array(), "{r}");
}

#[test]
fn huge_and_binary_documents_are_skipped_quietly() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    let uri = "file:///tmp/copydesk-test/huge.md";
    let huge = "The fire destroyed TK homes, officials said. ".repeat(60_000); // ~2.7 MB
    lsp.open(uri, "markdown", 1, &huge);
    let d = lsp.diagnostics(uri, 1);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["severity"], 3);
    assert!(d[0]["message"].as_str().unwrap().contains("too large"));
    let uri = "file:///tmp/copydesk-test/blob.md";
    lsp.open(uri, "markdown", 1, "\u{0}\u{1}TK\u{0}\u{7f}");
    assert!(lsp.diagnostics(uri, 1).is_empty());
    assert!(lsp.alive());
}
