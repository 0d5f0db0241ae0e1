//! A small LSP client for end-to-end tests: spawns the real `copydesk lsp` binary and speaks
//! Content-Length framed JSON-RPC over its stdio. Server-to-client requests
//! (`workspace/configuration`, `client/registerCapability`, ...) are answered by the reader
//! thread, so the server never waits on the test.
//!
//! Position arithmetic here is written independently of `copydesk::position`, so the tests
//! check the server's conversions rather than repeat them.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(10);

pub fn caps_utf16() -> Value {
    json!({
        "textDocument": {"publishDiagnostics": {"versionSupport": true}, "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source"]}}}},
        "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true}}
    })
}

pub fn caps_utf8_only() -> Value {
    let mut c = caps_utf16();
    c["general"] = json!({"positionEncodings": ["utf-8"]});
    c
}

/// initializationOptions that leave only the `style/` family on, for tests about the server
/// mechanics that should not move when the detector families change.
pub fn style_only() -> Option<Value> {
    Some(json!({"rules": {"attribution": "off", "dates": "off", "wording": "off"}}))
}

/// What the fake editor answers to `workspace/configuration` (the `copydesk` section).
pub type Settings = Arc<Mutex<Value>>;

pub struct Lsp {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    rx: Receiver<Value>,
    /// Messages received but not yet consumed by a wait.
    pub inbox: Vec<Value>,
    next_id: i64,
    pub settings: Settings,
    pub init_result: Value,
    /// "utf-16" or "utf-8", as negotiated.
    pub encoding: String,
    /// The server's stderr lines, when started with [`Lsp::start_traced`].
    trace: Option<Receiver<String>>,
    /// Trace lines received but not yet consumed by [`Lsp::wait_trace`].
    pub traces: Vec<String>,
}

fn write_msg(w: &mut impl Write, v: &Value) {
    let body = serde_json::to_string(v).unwrap();
    // The server may have exited (the exit test); ignore broken pipes.
    let _ = write!(w, "Content-Length: {}\r\n\r\n{}", body.len(), body);
    let _ = w.flush();
}

/// `shutdown` and `exit` take no params; send none rather than `null`.
fn params_absent(m: &Value) -> bool {
    m["params"].is_null()
}

impl Lsp {
    pub fn start(
        capabilities: Value,
        init_options: Option<Value>,
        root: Option<&std::path::Path>,
    ) -> Lsp {
        Self::start_with(&["lsp"], capabilities, init_options, root)
    }

    pub fn start_with(
        args: &[&str],
        capabilities: Value,
        init_options: Option<Value>,
        root: Option<&std::path::Path>,
    ) -> Lsp {
        Self::spawn(args, capabilities, init_options, root, false)
    }

    /// A server run with `COPYDESK_TRACE=1`, whose stderr lines are read by [`Lsp::wait_trace`]:
    /// the order of what happens inside the server (an analysis job starting), not its timing.
    pub fn start_traced(capabilities: Value, init_options: Option<Value>) -> Lsp {
        Self::spawn(&["lsp"], capabilities, init_options, None, true)
    }

    fn spawn(
        args: &[&str],
        capabilities: Value,
        init_options: Option<Value>,
        root: Option<&std::path::Path>,
        traced: bool,
    ) -> Lsp {
        // COPYDESK_LSP_BIN runs the tests against another build (say, the release binary).
        let bin = std::env::var("COPYDESK_LSP_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_copydesk").to_string());
        let mut command = Command::new(bin);
        command
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if traced {
                Stdio::piped()
            } else {
                Stdio::null()
            });
        if traced {
            command.env("COPYDESK_TRACE", "1");
        }
        let mut child = command.spawn().expect("spawn copydesk lsp");
        let trace = child.stderr.take().map(|stderr| {
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { return };
                    if tx.send(line).is_err() {
                        return;
                    }
                }
            });
            rx
        });
        let stdin = Arc::new(Mutex::new(child.stdin.take().unwrap()));
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let settings: Settings = Arc::new(Mutex::new(Value::Null));
        {
            let stdin = stdin.clone();
            let settings = settings.clone();
            std::thread::spawn(move || {
                let mut r = BufReader::new(stdout);
                loop {
                    let mut len = None;
                    loop {
                        let mut line = String::new();
                        if r.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        let line = line.trim_end();
                        if line.is_empty() {
                            break;
                        }
                        if let Some(v) = line.strip_prefix("Content-Length: ") {
                            len = v.parse::<usize>().ok();
                        }
                    }
                    let mut buf = vec![0; len.expect("Content-Length header")];
                    if r.read_exact(&mut buf).is_err() {
                        return;
                    }
                    let msg: Value =
                        serde_json::from_slice(&buf).expect("server sent invalid JSON");
                    if msg.get("method").is_some() && msg.get("id").is_some() {
                        let result = match msg["method"].as_str().unwrap() {
                            "workspace/configuration" => {
                                let n = msg["params"]["items"].as_array().map_or(1, |a| a.len());
                                let s = settings.lock().unwrap().clone();
                                Value::Array(vec![s; n])
                            }
                            _ => Value::Null,
                        };
                        write_msg(
                            &mut *stdin.lock().unwrap(),
                            &json!({"jsonrpc": "2.0", "id": msg["id"].clone(), "result": result}),
                        );
                    }
                    if tx.send(msg).is_err() {
                        return;
                    }
                }
            });
        }
        let mut lsp = Lsp {
            child,
            stdin,
            rx,
            inbox: Vec::new(),
            next_id: 1,
            settings,
            init_result: Value::Null,
            encoding: String::new(),
            trace,
            traces: Vec::new(),
        };
        let root_uri = root.map(url);
        let folders = root
            .map(|p| json!([{"uri": url(p), "name": "ws"}]))
            .unwrap_or(Value::Null);
        let mut params = json!({"processId": null, "rootUri": root_uri, "workspaceFolders": folders, "capabilities": capabilities});
        if let Some(o) = init_options {
            params["initializationOptions"] = o;
        }
        let res = lsp.request("initialize", params);
        lsp.init_result = res["result"].clone();
        lsp.encoding = lsp.init_result["capabilities"]["positionEncoding"]
            .as_str()
            .unwrap_or("utf-16")
            .to_string();
        lsp.notify("initialized", json!({}));
        lsp
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let mut m = json!({"jsonrpc": "2.0", "method": method, "params": params});
        if params_absent(&m) {
            m.as_object_mut().unwrap().remove("params");
        }
        write_msg(&mut *self.stdin.lock().unwrap(), &m);
    }

    /// Sends a request without waiting; returns its id (see [`Lsp::response`]).
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        write_msg(
            &mut *self.stdin.lock().unwrap(),
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        );
        id
    }

    /// Waits for the response to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |m| {
            m.get("method").is_none() && m["id"] == json!(id)
        })
    }

    /// Sends a request and waits for its response (the whole response object).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut m = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        if params_absent(&m) {
            m.as_object_mut().unwrap().remove("params");
        }
        write_msg(&mut *self.stdin.lock().unwrap(), &m);
        self.wait_for(&format!("response to {method}"), |m| {
            m.get("method").is_none() && m["id"] == json!(id)
        })
    }

    /// Waits for a message matching `pred` (looking at already-received ones first).
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.try_wait_for(pred, TIMEOUT)
            .unwrap_or_else(|| panic!("timed out waiting for {what}; inbox: {:#?}", self.inbox))
    }

    pub fn try_wait_for(
        &mut self,
        pred: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Option<Value> {
        if let Some(i) = self.inbox.iter().position(&pred) {
            return Some(self.inbox.remove(i));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return Some(m),
                Ok(m) => self.inbox.push(m),
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return None
                }
            }
        }
    }

    /// Waits (up to `timeout`) for a line of the server's trace matching `pred`, looking at the
    /// lines already received first (which it consumes, with the one found).
    pub fn wait_trace(&mut self, pred: impl Fn(&str) -> bool, timeout: Duration) -> Option<String> {
        let rx = self
            .trace
            .as_ref()
            .expect("a server started with start_traced");
        if let Some(i) = self.traces.iter().position(|l| pred(l)) {
            return Some(self.traces.drain(..=i).last().unwrap());
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(l) if pred(&l) => {
                    self.traces.clear();
                    return Some(l);
                }
                Ok(l) => self.traces.push(l),
                Err(_) => return None,
            }
        }
    }

    /// Collects the messages that arrive within `d` into the inbox.
    pub fn collect_for(&mut self, d: Duration) {
        let _ = self.try_wait_for(|_| false, d);
    }

    /// The diagnostics published for `uri` at `version` (waits for them).
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The next diagnostics published for `uri` satisfying `pred`.
    pub fn diagnostics_where(
        &mut self,
        uri: &str,
        what: &str,
        pred: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let m = self.wait_for(what, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && pred(
                    m["params"]["diagnostics"]
                        .as_array()
                        .map(|v| v.as_slice())
                        .unwrap_or(&[]),
                )
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}));
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// Sends `shutdown` and `exit`; returns how long the process took to end after `exit`, and its status.
    pub fn shutdown_and_exit(&mut self) -> (Duration, Option<i32>) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", Value::Null);
        let t = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (t.elapsed(), status.code());
            }
            if t.elapsed() > Duration::from_secs(5) {
                return (t.elapsed(), None);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// `shutdown` with `"params": null`, as Emacs' eglot sends it; then `exit`.
    pub fn shutdown_null_params_and_exit(&mut self) -> (Duration, Option<i32>) {
        let id = self.next_id;
        self.next_id += 1;
        write_msg(
            &mut *self.stdin.lock().unwrap(),
            &json!({"jsonrpc": "2.0", "id": id, "method": "shutdown", "params": null}),
        );
        let r = self.wait_for("response to shutdown", |m| {
            m.get("method").is_none() && m["id"] == json!(id)
        });
        assert!(
            r.get("error").is_none(),
            "shutdown with null params failed: {r}"
        );
        self.notify("exit", Value::Null);
        let t = Instant::now();
        while self.alive() {
            if t.elapsed() > Duration::from_secs(5) {
                return (t.elapsed(), None);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        (
            t.elapsed(),
            self.child.try_wait().unwrap().and_then(|s| s.code()),
        )
    }

    /// Writes raw bytes to the server's stdin (for malformed-input tests).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let mut w = self.stdin.lock().unwrap();
        let _ = w.write_all(bytes);
        let _ = w.flush();
    }

    /// True while the server process is running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn url(p: &std::path::Path) -> String {
    format!("file://{}", p.display())
}

/// A fresh scratch directory under the target dir.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

// ---- Independent position arithmetic (LSP lines end at \n, \r\n or \r) ----

/// Byte offsets where each line starts.
pub fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            starts.push(i + 2);
            i += 2;
        } else if b[i] == b'\n' || b[i] == b'\r' {
            starts.push(i + 1);
            i += 1;
        } else {
            i += 1;
        }
    }
    starts
}

/// The (line, character) of a byte offset, in `encoding` ("utf-16" or "utf-8").
pub fn position_of(text: &str, offset: usize, encoding: &str) -> (u32, u32) {
    let starts = line_starts(text);
    let line = starts.iter().rposition(|&s| s <= offset).unwrap();
    let seg = &text[starts[line]..offset];
    let col = if encoding == "utf-8" {
        seg.len()
    } else {
        seg.encode_utf16().count()
    };
    (line as u32, col as u32)
}

/// The byte offset of (line, character) — exact positions only (the test's own edits).
pub fn offset_of(text: &str, line: u32, character: u32, encoding: &str) -> usize {
    let starts = line_starts(text);
    let start = starts[line as usize];
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units == character as usize {
            return start + i;
        }
        units += if encoding == "utf-8" {
            c.len_utf8()
        } else {
            c.len_utf16()
        };
    }
    assert_eq!(units, character as usize, "position past the end");
    text.len()
}

pub fn range_json(text: &str, start: usize, end: usize, encoding: &str) -> Value {
    let (l0, c0) = position_of(text, start, encoding);
    let (l1, c1) = position_of(text, end, encoding);
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

/// Applies LSP TextEdits (non-overlapping) to `text`.
pub fn apply_text_edits(text: &str, edits: &[Value], encoding: &str) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let a = offset_of(
                text,
                r["start"]["line"].as_u64().unwrap() as u32,
                r["start"]["character"].as_u64().unwrap() as u32,
                encoding,
            );
            let b = offset_of(
                text,
                r["end"]["line"].as_u64().unwrap() as u32,
                r["end"]["character"].as_u64().unwrap() as u32,
                encoding,
            );
            (a, b, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

/// The text edits a WorkspaceEdit makes to `uri` (either `changes` or `documentChanges`).
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(e) = edit["changes"][uri].as_array() {
        return e.clone();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["textDocument"]["uri"] == uri)
        .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// Rule ids of a set of diagnostics.
pub fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}
