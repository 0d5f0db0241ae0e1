//! Issue 16's server rows, on copy we write here (never corpus text):
//!
//! - `server/publication/{330_words,5000_words,1MB}`: what the server does per version of a
//!   story, in process: analysis, conversion to LSP diagnostics, serialisation of the
//!   `publishDiagnostics` body ([`copydesk::lsp::publication`]). The 1 MB row is the open.
//! - `server/memo_edit/{330_words,5000_words,1MB}`: the analysis of a one-character edit with
//!   the story's paragraph memo ([`copydesk::rules::memo`]), as the server makes it.
//! - `lsp/edit/{330_words,5000_words,1MB}`: an edit as the writer sees it: `copydesk lsp` runs
//!   over stdio, one character is typed (or taken out again) on a body line, and the time runs
//!   until the `publishDiagnostics` of that version arrives. `lsp/open/1MB`: `didOpen` to the
//!   first diagnostics.
//!
//! The server's memory with 50 stories open, and the same latencies with load averages beside
//! them, come from `tools/lsp_bench.py`. Run: `cargo bench --bench server` (`-- lsp` for one
//! group).

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use common::{SERVER_HEAD as HEAD, SERVER_PARAS as PARAS};

fn stories() -> Vec<(&'static str, String)> {
    let mut mb = String::from(HEAD);
    for p in PARAS.iter().cycle() {
        if mb.len() >= 1_000_000 {
            break;
        }
        mb.push_str(p);
        mb.push_str("\n\n");
    }
    vec![
        ("330_words", common::story(HEAD, PARAS, 330)),
        ("5000_words", common::story(HEAD, PARAS, 5_000)),
        ("1MB", mb),
    ]
}

/// `copydesk lsp` over stdio, as an editor drives it.
struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: u64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("copydesk lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut s = Server {
            child,
            stdin,
            stdout,
            next_id: 0,
        };
        let id = s.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        s.wait(|m| m["id"] == id);
        s.notify("initialized", json!({}));
        s
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> u64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Reads messages until one satisfies `pred` (requests from the server are answered null).
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let mut len = 0;
            loop {
                let mut line = String::new();
                assert!(
                    self.stdout.read_line(&mut line).unwrap() > 0,
                    "server closed"
                );
                let line = line.trim();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            self.stdout.read_exact(&mut body).unwrap();
            let msg: Value = serde_json::from_slice(&body).unwrap();
            if msg.get("method").is_some() && msg.get("id").is_some() {
                let id = msg["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                continue;
            }
            if pred(&msg) {
                return msg;
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let id = self.request("shutdown", Value::Null);
        self.wait(|m| m["id"] == id);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn bench(c: &mut Criterion) {
    let stories = stories();

    let mut g = c.benchmark_group("server");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    for (name, text) in &stories {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("publication", name), text, |b, t| {
            b.iter(|| copydesk::lsp::publication(t))
        });
        // The analysis of an edited story as the server makes it: one character typed in (or
        // taken out again) on a body line near the middle, with the story's paragraph memo.
        let memo = copydesk::rules::memo::Memo::new();
        let config = copydesk::Config::default();
        let at = text[..text.len() / 2].rfind(". ").expect("a sentence") + 1;
        let mut edited = text.clone();
        edited.insert(at, 'x');
        let versions = [text.as_str(), edited.as_str()];
        let mut k = 0usize;
        g.bench_function(BenchmarkId::new("memo_edit", name), |b| {
            b.iter(|| {
                k += 1;
                copydesk::engine::analyze_lean_memo(
                    versions[k % 2],
                    copydesk::document::Format::Markdown,
                    &config,
                    &|| false,
                    &memo,
                )
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("lsp");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    for (name, text) in &stories {
        let mut srv = Server::start();
        let uri = format!("file:///tmp/copydesk-bench/{name}.md");
        let started = Instant::now();
        srv.open(&uri, text);
        srv.diagnostics(&uri, 1);
        if *name == "1MB" {
            eprintln!(
                "lsp/open/1MB: {:.1} ms (one open; the group below repeats it)",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        // Body lines to type into (not front matter, not the dateline's line).
        let lines: Vec<u32> = text
            .lines()
            .enumerate()
            .filter(|(i, l)| *i > 5 && l.len() > 20)
            .map(|(i, _)| i as u32)
            .collect();
        let mut version = 1i64;
        let mut k = 0usize;
        g.bench_function(BenchmarkId::new("edit", name), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // Pause as a writer between keystrokes (edits 30 ms apart are a stream, which the
                    // server debounces): the server is idle when one comes.
                    std::thread::sleep(Duration::from_millis(50));
                    let line = lines[(k / 2 * 7) % lines.len()];
                    let (range, text) = if k % 2 == 0 {
                        (json!({"start": {"line": line, "character": 5}, "end": {"line": line, "character": 5}}), "x")
                    } else {
                        (json!({"start": {"line": line, "character": 5}, "end": {"line": line, "character": 6}}), "")
                    };
                    k += 1;
                    version += 1;
                    let t = Instant::now();
                    srv.notify(
                        "textDocument/didChange",
                        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": text}]}),
                    );
                    srv.diagnostics(&uri, version);
                    total += t.elapsed();
                }
                total
            })
        });
        drop(srv);
    }
    let (_, mb) = &stories[2];
    let mut n = 0;
    g.bench_function(BenchmarkId::new("open", "1MB"), |b| {
        let mut srv = Server::start();
        b.iter(|| {
            n += 1;
            let uri = format!("file:///tmp/copydesk-bench/open{n}.md");
            srv.open(&uri, mb);
            srv.diagnostics(&uri, 1);
            srv.notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": uri}}),
            );
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
