//! Issue 14: no input, config or client can hang, wedge or corrupt the server. Each test drives
//! the real `copydesk lsp` binary over its stdio. Time limits here are generous bounds against a
//! hang, not performance figures (those are printed, and measured by the benchmarks).

mod common;

use common::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn raw_frame(body: &str, length: usize) -> Vec<u8> {
    let mut out = format!("Content-Length: {length}\r\n\r\n").into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

fn response_with_id(lsp: &mut Lsp, id: Value) -> Value {
    lsp.wait_for(&format!("response {id}"), |m| {
        m.get("method").is_none() && m["id"] == id
    })
}

/// Defect 2: a frame whose Content-Length counts characters rather than bytes (too small), one
/// a byte too large, a truncated body, an invalid request: the stream stays in step, requests
/// are answered with JSON-RPC errors, the user is told once, and `exit` still works.
#[test]
fn a_bad_content_length_does_not_desynchronise_the_stream() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    let uri = "file:///tmp/copydesk-rel/chars.md";
    // Character count, not bytes: “ ” and é are several bytes each.
    let open = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "“Café TK” — done.\n"}}}).to_string();
    lsp.send_raw(&raw_frame(&open, open.chars().count()));
    // One byte too many: the next header's first byte is swallowed.
    let hover = json!({"jsonrpc": "2.0", "id": 9001, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}}).to_string();
    lsp.send_raw(&raw_frame(&hover, hover.len() + 1));
    let r = lsp.request("copydesk/noSuchRequest", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = response_with_id(&mut lsp, json!(9001));
    assert!(r.get("error").is_none(), "{r}");
    // The character-counted didOpen was still understood.
    assert_eq!(codes(&lsp.diagnostics(uri, 1)), ["style/tk-placeholder"]);

    // A body cut short and followed by the next frame: a parse error for its id.
    let broken = r#"{"jsonrpc":"2.0","id":9002,"method":"textDocument/hover","params":{"#;
    lsp.send_raw(&raw_frame(broken, broken.len()));
    lsp.send_raw(b"garbage between frames\r\n");
    let r = lsp.request("copydesk/noSuchRequest", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = response_with_id(&mut lsp, json!(9002));
    assert_eq!(r["error"]["code"], -32700, "{r}");
    // Well-formed JSON that is not a request: invalid request, with its id; unknown id: null.
    let bad = r#"{"jsonrpc":"2.0","id":9003,"method":5}"#;
    lsp.send_raw(&raw_frame(bad, bad.len()));
    let r = response_with_id(&mut lsp, json!(9003));
    assert_eq!(r["error"]["code"], -32600, "{r}");
    lsp.send_raw(&raw_frame("[1,2]", 5));
    let r = response_with_id(&mut lsp, Value::Null);
    assert_eq!(r["error"]["code"], -32600, "{r}");
    let r = lsp.request("copydesk/noSuchRequest", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");

    // Told once, logged every time.
    let shown = lsp
        .inbox
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .count();
    assert_eq!(shown, 1, "{:#?}", lsp.inbox);
    let (t, code) = lsp.shutdown_and_exit();
    assert!(t < Duration::from_secs(2), "exit took {t:?}");
    assert_eq!(code, Some(0));
}

/// Defect 8: a header line that never ends is not buffered without limit, and a message over
/// the 64 MiB limit is answered with an error rather than dropped silently.
#[test]
fn endless_headers_and_oversized_messages_are_answered() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    lsp.send_raw(&vec![b'X'; 200_000]);
    let r = lsp.request("copydesk/noSuchRequest", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // 65 MiB: skipped as it streams in, answered with its id.
    let len = 65 * 1024 * 1024;
    let head = r#"{"jsonrpc":"2.0","id":9100,"method":"textDocument/hover","params":{"pad":""#;
    lsp.send_raw(format!("Content-Length: {len}\r\n\r\n").as_bytes());
    lsp.send_raw(head.as_bytes());
    let chunk = vec![b'a'; 1 << 20];
    let mut left = len - head.len() - 3;
    while left > 0 {
        let n = left.min(chunk.len());
        lsp.send_raw(&chunk[..n]);
        left -= n;
    }
    lsp.send_raw(b"\"}}");
    let r = response_with_id(&mut lsp, json!(9100));
    assert_eq!(r["error"]["code"], -32600, "{r}");
    assert!(
        r["error"]["message"].as_str().unwrap().contains("limit"),
        "{r}"
    );
    let r = lsp.request("copydesk/noSuchRequest", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    assert!(lsp.alive());
}

/// A one-line document with many findings: heavy to analyse and to convert.
fn heavy_line(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 16);
    while s.len() < bytes {
        s.push_str("TK é “x” ");
    }
    s
}

/// Defect 3: analysis and diagnostic conversion run off the async runtime: while two large
/// one-line documents are analysed, a hover on a small one and `exit` are answered at once.
#[test]
fn requests_and_exit_are_answered_while_big_documents_are_analysed() {
    let mut lsp = Lsp::start(caps_utf16(), style_only(), None);
    let small = "file:///tmp/copydesk-rel/small.md";
    lsp.open(small, "markdown", 1, "A TK here.\n");
    assert_eq!(lsp.diagnostics(small, 1).len(), 1);
    let big = heavy_line(300_000);
    let (b1, b2) = (
        "file:///tmp/copydesk-rel/big1.md",
        "file:///tmp/copydesk-rel/big2.md",
    );
    lsp.open(b1, "markdown", 1, &big);
    lsp.open(b2, "markdown", 1, &big);
    // Hover on the small document until both big ones are published (their analysis and
    // conversion are over), timing each answer.
    let mut worst = Duration::ZERO;
    let t0 = Instant::now();
    let published = |lsp: &Lsp, uri: &str| {
        lsp.inbox
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
    };
    let mut hovers = 0;
    while !(published(&lsp, b1) && published(&lsp, b2)) && t0.elapsed() < Duration::from_secs(60) {
        let before = (published(&lsp, b1), published(&lsp, b2));
        let t = Instant::now();
        let r = lsp.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": small}, "position": {"line": 0, "character": 3}}),
        );
        let took = t.elapsed();
        // A hover that queued behind a megabyte-sized publication measures the pipe and this
        // test's JSON parser, not the server: count only the others.
        if before == (published(&lsp, b1), published(&lsp, b2)) {
            worst = worst.max(took);
        }
        hovers += 1;
        if std::env::var("REL_DEBUG").is_ok() {
            eprintln!("{:?} hover {took:?} pubs {before:?}", t0.elapsed());
        }
        assert!(r.get("error").is_none(), "{r}");
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!("{hovers} hovers in {:?}", t0.elapsed());
    eprintln!("hover on a small document while two 300 KB lines are analysed: worst {worst:?}");
    assert!(worst < Duration::from_secs(1), "hover took {worst:?}");
    lsp.notify("exit", Value::Null);
    let t = Instant::now();
    while lsp.alive() {
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "still running 2 s after exit"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    eprintln!("exit took {:?}", t.elapsed());
}

fn logs(lsp: &Lsp, prefix: &str, uri: &str) -> usize {
    lsp.inbox
        .iter()
        .filter(|m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.starts_with(prefix) && s.contains(uri))
        })
        .count()
}

/// The publications for `uri` in the inbox, in the order they arrived.
fn publications<'a>(lsp: &'a Lsp, uri: &str) -> Vec<&'a Value> {
    lsp.inbox
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .collect()
}

/// How long a trace line or a log line may take to come: a bound against a hang (a debug build
/// analyses a few megabytes in seconds), not a figure.
const HANG: Duration = Duration::from_secs(120);

/// Defect 4: closing and reopening (versions restart at 1) while the old text is analysed must
/// never publish the old text's diagnostics for the new text. The close and the reopen are sent
/// once the server's trace says the old text's analysis has started, whatever the speed of the
/// build. If that analysis was over before the close arrived anyway (its publication comes
/// before the close's clear), nothing was tested: the text doubles and the test runs again.
#[test]
fn reopening_during_an_analysis_never_publishes_the_old_text() {
    let mut lsp = Lsp::start_traced(caps_utf16(), style_only());
    let small = "TK\n";
    let mut bytes = 150_000;
    loop {
        let uri = format!("file:///tmp/copydesk-rel/reopen-{bytes}.md");
        let big = heavy_line(bytes);
        lsp.inbox.clear();
        lsp.open(&uri, "markdown", 1, &big);
        let started = format!("trace start {uri} v1 {} B", big.len());
        lsp.wait_trace(|l| l == started, HANG)
            .expect("the old text's analysis starts");
        lsp.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        lsp.open(&uri, "markdown", 1, small);
        // The document's analyses run one at a time, in order: once the reopened text's
        // diagnostics are in, whatever the old analysis published has come before them.
        let reopened = lsp.wait_for("the reopened text's diagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| d.len() == 1 && d[0]["range"]["end"]["line"] == 0)
        });
        // And the old analysis has ended (run to the end, or dropped) and said so.
        let ended = format!("({} bytes)", big.len());
        let t = Instant::now();
        while lsp.inbox.iter().all(|m| {
            m["method"] != "window/logMessage"
                || !m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains(uri.as_str()) && s.contains(&ended))
        }) {
            assert!(t.elapsed() < HANG, "the old text's analysis never ended");
            lsp.collect_for(Duration::from_millis(20));
        }
        let pubs = publications(&lsp, &uri);
        // The close clears the document's diagnostics (no version: it is not a text's).
        let clear = pubs
            .iter()
            .position(|p| {
                p["params"]["diagnostics"] == json!([]) && p["params"].get("version").is_none()
            })
            .expect("the close clears the diagnostics");
        let after: Vec<(&Value, usize)> = pubs[clear + 1..]
            .iter()
            .map(|p| {
                let n = p["params"]["diagnostics"].as_array().map_or(0, |d| d.len());
                (&p["params"]["version"], n)
            })
            .collect();
        assert!(
            after.is_empty(),
            "{bytes} bytes: published (version, diagnostics) {after:?} after the close, before the reopened text's {reopened}"
        );
        if clear == 0 {
            eprintln!("{bytes} bytes: the close came while the old text was analysed");
            break;
        }
        // The old text was published before the close arrived: not the case under test.
        assert!(
            bytes < 3_000_000,
            "the old text's analysis always ended before the close arrived"
        );
        eprintln!("{bytes} bytes: analysed before the close arrived; again with twice the text");
        bytes *= 2;
    }
}

/// Defect 5: typing slowly in a large document runs at most one analysis at a time; superseded
/// ones are dropped, and the last version's diagnostics come. Each edit is sent once the
/// server's trace says the analysis of the edit before has started, so that it arrives while
/// that analysis runs, whatever the speed of the build. Should every analysis still end before
/// the next edit arrives (a tiny text on a fast build), the text doubles and the test types
/// again: never dropping a job by then is the failure.
#[test]
fn newer_edits_supersede_older_analyses() {
    let mut lsp = Lsp::start_traced(caps_utf16(), style_only());
    let insert = |lsp: &mut Lsp, uri: &str, version: i64| {
        lsp.change(uri, version, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]));
    };
    // One line, so each edit analyses all of it again; with quotations, for work, and no
    // findings, so the client's parsing of publications does not set the pace.
    let text = |bytes: usize| {
        let mut s = String::with_capacity(bytes + 16);
        while s.len() < bytes {
            s.push_str("é “x” ");
        }
        s
    };
    let edits = 8;
    let mut bytes = 200_000;
    loop {
        let uri = format!("file:///tmp/copydesk-rel/typing-{bytes}.md");
        let uri = uri.as_str();
        lsp.inbox.clear();
        lsp.open(uri, "markdown", 1, &text(bytes));
        let _ = lsp.diagnostics(uri, 1);
        for v in 2..2 + edits {
            insert(&mut lsp, uri, v);
            let started = format!("trace start {uri} v{v} ");
            lsp.wait_trace(|l| l.starts_with(&started), HANG)
                .unwrap_or_else(|| panic!("the analysis of v{v} starts"));
        }
        let last = 1 + edits;
        assert!(lsp.diagnostics(uri, last).is_empty());
        // Every job that started ends with one log line: published (or found stale when done)
        // or dropped at a stage boundary.
        let ended = |lsp: &Lsp| logs(lsp, "analysed", uri) + logs(lsp, "dropped", uri);
        let t = Instant::now();
        while ended(&lsp) < 1 + edits as usize && t.elapsed() < HANG {
            lsp.collect_for(Duration::from_millis(20));
        }
        let analysed = logs(&lsp, "analysed", uri);
        let dropped = logs(&lsp, "dropped", uri);
        eprintln!("{bytes} bytes: {analysed} analyses ended and {dropped} dropped, of {edits} edits and the open");
        // Only the edits' versions that ran to the end may be published, the last one included.
        let published: Vec<i64> = publications(&lsp, uri)
            .iter()
            .filter_map(|p| p["params"]["version"].as_i64())
            .collect();
        assert!(
            published.len() <= 1 + edits as usize - dropped,
            "published {published:?} though {dropped} analyses were dropped"
        );
        if dropped > 0 {
            assert!(
                analysed <= edits as usize,
                "{analysed} analyses for {edits} edits and the open"
            );
            break;
        }
        assert!(
            bytes < 3_000_000,
            "{analysed} analyses ended and none was dropped for {edits} edits: superseded analyses should be dropped"
        );
        bytes *= 2;
    }
}

/// Defect 8: a client without `workspace/configuration` that sends `{}` or `null` settings has
/// cleared them: the defaults apply again.
#[test]
fn clearing_settings_without_pull_restores_the_defaults() {
    let caps = json!({"textDocument": {"publishDiagnostics": {"versionSupport": true}}});
    let mut lsp = Lsp::start(caps, None, None);
    let uri = "file:///tmp/copydesk-rel/settings.md";
    lsp.open(uri, "markdown", 1, "A TK here.\n");
    assert_eq!(codes(&lsp.diagnostics(uri, 1)), ["style/tk-placeholder"]);
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"style": "off"}}}}),
    );
    lsp.diagnostics_where(uri, "style off", |d| d.is_empty());
    for cleared in [json!({}), Value::Null] {
        lsp.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": cleared}),
        );
        lsp.diagnostics_where(uri, "defaults again", |d| d.len() == 1);
        lsp.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"copydesk": {"rules": {"style": "off"}}}}),
        );
        lsp.diagnostics_where(uri, "style off", |d| d.is_empty());
    }
}

/// Defect 9: "Allow this word" edits the open buffer of copydesk.toml, unsaved changes and all.
#[test]
fn allow_word_uses_the_open_buffer_of_copydesk_toml() {
    let root = scratch("rel-allow-open");
    let toml = root.join("copydesk.toml");
    std::fs::write(&toml, "style = \"ap\"\n").unwrap();
    let story = root.join("fire.md");
    let text = "Police said the thugs set fire to three cars on Elm Street.\n";
    let mut caps = caps_utf16();
    caps["workspace"]["workspaceEdit"] = json!({"documentChanges": true});
    let mut lsp = Lsp::start(caps, None, Some(&root));
    // The editor has the file open with an unsaved comment block the disk does not have.
    let buffer = "# Desk rules for the metro team.\n# Keep this list short.\nstyle = \"ap\"\nallow = [\"mob\"]\n";
    lsp.open(&url(&toml), "toml", 1, "style = \"ap\"\n");
    lsp.change(&url(&toml), 2, json!([{"text": buffer}]));
    lsp.open(&url(&story), "markdown", 1, text);
    let diags = lsp.diagnostics(&url(&story), 1);
    let d = diags
        .iter()
        .find(|d| d["code"].as_str().unwrap().starts_with("wording/"))
        .expect("a wording finding")
        .clone();
    let r = lsp.request("textDocument/codeAction", json!({"textDocument": {"uri": url(&story)}, "range": d["range"], "context": {"diagnostics": [d], "only": ["quickfix"]}}));
    let allow = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Allow"))
        .expect("allow action")
        .clone();
    let change = &allow["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["version"], 2, "{allow}");
    let edits = edits_for(&allow["edit"], &url(&toml));
    let new = apply_text_edits(buffer, &edits, "utf-16");
    assert!(new.starts_with("# Desk rules"), "{new}");
    assert!(new.contains("mob") && new.contains("thugs"), "{new}");
    assert_eq!(new.matches("style").count(), 1, "{new}");
}

/// Defect 1: config patterns with many `...` gaps and `*` wildcards are matched in linear time:
/// the server publishes, and keeps answering, with such a copydesk.toml in force.
#[test]
fn heavy_config_patterns_do_not_wedge_the_server() {
    let root = scratch("rel-lsp-heavy-patterns");
    std::fs::write(
        root.join("copydesk.toml"),
        "[terms.boondoggle]\ncategory = \"intensifier\"\nalternatives = [\"costly project\"]\nexceptions = [\n  \"<term> ... ... ... ... ... ... ... ... ... ... ... ... zzz\",\n  \"zzz ... ... ... ... ... ... ... ... ... ... ... ... <term>\",\n  \"*a*a*a*a*a*a*a*a*a*a*b <term>\",\n]\n",
    )
    .unwrap();
    let words = "aaaa ".repeat(60);
    let long = "a".repeat(60);
    let text = format!("{words}{long} boondoggle {words}\n\n").repeat(4);
    let story = root.join("story.md");
    let mut lsp = Lsp::start(caps_utf16(), None, Some(&root));
    let uri = url(&story);
    let t = Instant::now();
    lsp.open(&uri, "markdown", 1, &text);
    let d = lsp.diagnostics(&uri, 1);
    eprintln!("published in {:?}", t.elapsed());
    assert_eq!(
        d.iter()
            .filter(|d| d["message"].as_str().unwrap_or("").contains("boondoggle"))
            .count(),
        4,
        "{d:#?}"
    );
    let r = lsp.request("copydesk/noSuchRequest", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let (t, code) = lsp.shutdown_and_exit();
    assert!(t < Duration::from_secs(2), "exit took {t:?}");
    assert_eq!(code, Some(0));
}

/// Defect 7 (the fuzz case, bounded) and the acceptance test: a one-megabyte single-line story
/// is analysed and published, and requests on another document stay answered meanwhile. The
/// bound only guards against a hang or a quadratic conversion; the figure is printed.
#[test]
fn a_megabyte_line_is_published_and_requests_stay_answered() {
    let mut lsp = Lsp::start(caps_utf16(), None, None);
    let small = "file:///tmp/copydesk-rel/small-mb.md";
    lsp.open(small, "markdown", 1, "A TK here.\n");
    assert_eq!(lsp.diagnostics(small, 1).len(), 1);
    let mut line = String::new();
    while line.len() < 1_000_000 {
        line.push_str("The council said TK homes were lost on Thursday, “officials” said. ");
    }
    let big = "file:///tmp/copydesk-rel/megabyte.md";
    lsp.open(big, "markdown", 1, &line);
    let t0 = Instant::now();
    let mut worst = Duration::ZERO;
    let published = |lsp: &Lsp| {
        lsp.inbox
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == big)
    };
    while !published(&lsp) {
        assert!(
            t0.elapsed() < Duration::from_secs(180),
            "no diagnostics for a 1 MB line after 180 s"
        );
        let t = Instant::now();
        let r = lsp.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": small}, "position": {"line": 0, "character": 3}}),
        );
        if !published(&lsp) {
            worst = worst.max(t.elapsed());
        }
        assert!(r.get("error").is_none(), "{r}");
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!(
        "1 MB line published after {:?}; worst hover meanwhile {worst:?}",
        t0.elapsed()
    );
    assert!(worst < Duration::from_secs(1), "a hover took {worst:?}");
    let (t, code) = lsp.shutdown_and_exit();
    assert!(t < Duration::from_secs(2), "exit took {t:?}");
    assert_eq!(code, Some(0));
}
