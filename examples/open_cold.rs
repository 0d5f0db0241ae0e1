//! The server's open of a long story, in process (a development aid for issue 16): the allocator
//! set up as the server sets it (`server`) or left alone (`default`); on a fresh thread, as on
//! the server's analysis thread, a warm-up analysis, the idle release of free memory, then the
//! story's publication (analysis, conversion, JSON), cold; then `RUNS - 1` more, each after the
//! idle release. Prints wall time and the process's minor faults and user / sys CPU (Linux).
//!     target/release/examples/open_cold FILE [server|default] [RUNS]
/// Minor faults, user and system CPU in ms (`/proc/self/stat`, clock ticks of 10 ms).
fn usage() -> (u64, f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let f: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let n = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    (n(7), n(11) as f64 * 10.0, n(12) as f64 * 10.0)
}

fn main() {
    let path = std::env::args().nth(1).expect("a story file");
    let mode = std::env::args().nth(2).unwrap_or_else(|| "server".into());
    let runs: usize = std::env::args()
        .nth(3)
        .map_or(1, |n| n.parse().expect("a number"));
    if mode == "server" {
        copydesk::lsp::tune_allocator();
    }
    // The text arrives as the server's transport sees it: inside a message, parsed as a value.
    let text = std::fs::read_to_string(path).expect("a readable story");
    let body = serde_json::to_vec(&serde_json::json!({"jsonrpc": "2.0",
        "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///story.md",
        "languageId": "markdown", "version": 1, "text": text}}}))
    .expect("JSON");
    drop(text);
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let analyst = std::thread::spawn(move || {
        let warm = "date 2021-08-15\n\nKABUL — The council met on Thursday, officials said. “It was TK,” she said.\n";
        let config = copydesk::Config::default();
        let _ = copydesk::engine::analyze_as(warm, copydesk::document::Format::Markdown, &config);
        copydesk::lsp::release_free_memory();
        let text = rx.recv().expect("the story");
        for i in 0..runs {
            let (f0, u0, s0) = usage();
            let t = std::time::Instant::now();
            let out = copydesk::lsp::publication(&text);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            let (f1, u1, s1) = usage();
            println!(
                "{mode} run {i}: publication {ms:.1} ms ({} B), faults {}, user {:.0} ms, sys {:.0} ms",
                out.len(),
                f1 - f0,
                u1 - u0,
                s1 - s0
            );
            drop(out);
            copydesk::lsp::release_free_memory();
        }
    });
    let v: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    drop(body);
    let text = v["params"]["textDocument"]["text"]
        .as_str()
        .expect("a text")
        .to_string();
    drop(v);
    tx.send(text).expect("the analysis thread");
    analyst.join().expect("no panic");
}
