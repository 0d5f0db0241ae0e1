//! A guard against costs that grow with the square of a paragraph or a line (issue 16), not a
//! benchmark: a 1 MB story written as one paragraph and a 1 MB story on one line, dense with
//! findings, go through the CLI and the server with a generous time limit. Quadratic code took
//! 30 s on the one-line story in a release build (minutes in a debug one); linear code takes well
//! under a second in release. The speed itself is measured by `benches/` and `tools/callgrind.sh`.

mod common;

use common::*;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Generous: a debug build on a loaded two-core machine.
const LIMIT: Duration = Duration::from_secs(150);

/// About `bytes` of finding-dense copy of our own (loaded words, unattributed claims, relative
/// dates, TK placeholders), its sentences joined by `sep`.
fn story(bytes: usize, sep: &str) -> String {
    const SENTENCES: &[&str] = &[
        "The shocking regime slammed the so-called rebels on Tuesday, and militants claimed the terrorist mob admitted TK losses.",
        "One source said the insurgents had fled last Monday. Critics blasted the embattled regime over the controversial plan.",
        "Officials will meet on Thursday, March 14, 2024. The brutal junta is said to have slammed TK protesters yesterday.",
        "Many analysts believe the extremists seized the town. A spokesman claimed the thugs admitted the shocking attack.",
        "“We have never seen the river this high,” said Ines Calder, who runs a bakery 🥖 on Mill Street.",
    ];
    let mut s = String::from("---\ntitle: Test\ndate: 2025-03-12\n---\n\nMARROW, Ore. (AP) — ");
    for (i, p) in SENTENCES.iter().cycle().enumerate() {
        if s.len() >= bytes {
            break;
        }
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(p);
    }
    s.push('\n');
    s
}

/// Runs `text` through `copydesk check` and wants at least `dense` findings within [`LIMIT`].
fn cli(name: &str, text: &str, dense: usize) {
    let t = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copydesk runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("copydesk finishes");
    writer.join().unwrap().unwrap();
    let took = t.elapsed();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let n = report["files"][0]["findings"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(n >= dense, "{name}: {n} findings, {dense} wanted");
    assert!(took < LIMIT, "{name}: {took:?} for {} bytes", text.len());
}

/// Opens `text` in the server and wants its first diagnostics, at least `dense` of them, within
/// [`LIMIT`].
fn server(name: &str, text: &str, dense: usize) {
    let mut lsp = Lsp::start(caps_utf16(), None, None);
    let uri = format!("file:///tmp/copydesk-guard/{name}.md");
    let t = Instant::now();
    lsp.open(&uri, "markdown", 1, text);
    let m = lsp
        .try_wait_for(
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri.as_str()
                    && m["params"]["version"] == 1
            },
            LIMIT,
        )
        .unwrap_or_else(|| panic!("server, {name}: no diagnostics within {LIMIT:?}"));
    assert!(t.elapsed() < LIMIT);
    let n = m["params"]["diagnostics"].as_array().map_or(0, Vec::len);
    assert!(n >= dense, "{name}: {n} diagnostics, {dense} wanted");
    lsp.shutdown_and_exit();
}

#[test]
fn one_megabyte_in_one_paragraph_and_on_one_line() {
    let one_paragraph = story(1_000_000, "\n");
    let one_line = story(1_000_000, " ");
    let body = one_line.find("MARROW").unwrap();
    assert!(!one_line[body..].trim_end().contains('\n'));
    cli("one paragraph", &one_paragraph, 1000);
    cli("one line", &one_line, 1000);
    server("one-paragraph", &one_paragraph, 1000);
    server("one-line", &one_line, 1000);
}

/// A paragraph that is one long run of short quotations with no full stop ("“x” “x” …", a
/// transcript's replies or a list with its stops lost). Each quotation's lead-in was read from
/// the start of the sentence, and its title-case test from the start of the paragraph: 40 KB
/// took 5.3 s in a release build, so 300 KB about five minutes. The lead-in is read only a
/// sentence's reach back now.
#[test]
fn a_paragraph_of_short_quotations_without_a_full_stop() {
    // No lower-case word of four letters or more: the old title-case test read the whole lead-in.
    let mut text = String::new();
    while text.len() < 300_000 {
        text.push_str("é “x” ");
    }
    text.push('\n');
    cli("short quotations", &text, 0);
    server("short-quotations", &text, 0);
}
