//! The language server (`copydesk lsp`, `copydesk --stdio`): a thin adapter from LSP to the
//! core, over tower-lsp 0.20 on stdio.
//!
//! What it offers: push diagnostics (code = rule id, source `copydesk`, tagged with the document
//! version; an edit to an idle document is analysed at once, a stream of edits or edits during
//! a running analysis wait until typing pauses for 60 ms; never for a stale version, cleared on
//! close);
//! `quickfix` code actions linked to their diagnostic (`isPreferred` from `Fix::preferred`) and
//! `source.fixAll.copydesk` (every safe fix except "ignore here" comments, non-overlapping);
//! hover (the rule's explanation over a finding, the resolved date over a date); inlay hints
//! after relative days (`inlay_hints` setting); the source audit as document symbols and as a
//! code lens on the first line. Languages: `markdown`, `plaintext` and `text`; a `copydesk.toml`
//! open in the editor gets diagnostics for its problems.
//!
//! How it stays correct: handlers run concurrently (each in its own task, see `transport`), so
//! every mutation (open, change, close, settings) happens synchronously under one `std::sync::Mutex`
//! before any `.await`, with versions checked (older or equal versions are logged and ignored).
//! Every open and every change gives the text a new generation; a document has at most one
//! analysis worker, whose analyses run, one at a time across documents, on the one analysis
//! thread (one set of regex caches); it checks the generation between stages and publishes only
//! results for the current text. Requests compute on the blocking pool, so the runtime threads
//! only route messages. Publications go straight to the one writer queue. An analysis is kept
//! lean: "ignore here" fixes are made when code actions ask, and each distinct message is kept
//! once; an idle story's text is kept once (its rope is made again on the next change).
//! Positions are negotiated (`utf-8` when offered, else `utf-16`) and converted only in
//! [`crate::position`]; out-of-range positions are clamped and logged.
//!
//! Configuration: defaults, then the nearest `copydesk.toml` (discovered from the document's
//! folder up to its workspace root; re-read on `didChangeWatchedFiles`, which the server
//! registers for, and on `didSave`), then `initializationOptions`, then
//! `workspace/didChangeConfiguration` settings (or, when those are empty, a pull of section
//! `copydesk`). A bad file is shown once (`window/showMessage`) and as a diagnostic on its line;
//! the last good version stays in force.
//!
//! - `state`: documents (a rope each, or the text of an idle one), versions, configuration
//!   layers; all synchronous.
//! - `server`: the tower-lsp handlers, scheduling (debounce, the analysis thread) and publishing.
//! - `features`: code actions, hover, inlay hints, the source outline, the code lens.
//! - `convert`: core types to LSP types (positions via [`crate::position`] only).
//! - `transport`: the stdio transport (framing with resynchronisation, JSON-RPC errors for
//!   malformed messages, one task per handler, one ordered writer).

mod convert;
mod features;

/// The fix choice of the editors' fix-all, shared with `copydesk check --fix`.
pub use features::bulk_edits;
mod server;
mod state;
mod transport;

use futures::FutureExt;
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tower_lsp::jsonrpc::{Request, Response};
use tower_lsp::LspService;
use tower_service::Service;

/// What the server does for one version of a story, from its text to the bytes of its
/// `textDocument/publishDiagnostics`: the analysis (Markdown, default settings), the conversion
/// to LSP diagnostics (UTF-16 positions) and the serialisation. The `server` benchmarks time it;
/// not otherwise part of the library's interface.
#[doc(hidden)]
pub fn publication(text: &str) -> Vec<u8> {
    let text: Arc<str> = Arc::from(text);
    let Some(a) = state::analyze_snapshot(
        state::DocKind::Prose(crate::document::Format::Markdown),
        text,
        Arc::new(crate::Config::default()),
        0,
        &|| false,
    ) else {
        return Vec::new();
    };
    publish(&a)
}

/// [`publication`] with the story's paragraph memo, as the server makes it for an edit.
#[doc(hidden)]
pub fn publication_memo(text: &str, memo: Option<&crate::rules::memo::Memo>) -> Vec<u8> {
    let text: Arc<str> = Arc::from(text);
    let Some(a) = state::analyze_snapshot_memo(
        state::DocKind::Prose(crate::document::Format::Markdown),
        text,
        Arc::new(crate::Config::default()),
        0,
        &|| false,
        memo,
    ) else {
        return Vec::new();
    };
    publish(&a)
}

fn publish(a: &state::Analyzed) -> Vec<u8> {
    let uri = tower_lsp::lsp_types::Url::parse("file:///story.md").expect("a valid URI");
    convert::publication(a, crate::position::Encoding::Utf16, &uri, Some(1))
}

/// Runs the server on stdin/stdout until the client sends `exit` (or closes stdin).
pub fn run_stdio() -> ExitCode {
    malloc_tuning();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk: cannot start the language server: {e}");
            return ExitCode::from(2);
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    rt.block_on(async move {
        let (out, out_rx) = tokio::sync::mpsc::unbounded_channel();
        let raw = out.clone();
        let (service, socket) =
            LspService::new(|client| server::Backend::new(client, flag.clone(), raw));
        let service = Guard {
            inner: service,
            shutdown: flag,
        };
        transport::serve(
            tokio::io::stdin(),
            raw_stdout(),
            service,
            socket,
            out,
            out_rx,
        )
        .await;
    });
    // stdin closed without `exit`: the blocking stdin reader must not keep us alive.
    rt.shutdown_timeout(std::time::Duration::from_millis(100));
    if shutdown.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Standard output without the standard library's line buffer (its lock and its copy of every
/// line): the writer thread writes whole frames with vectored writes and flushes nothing else.
fn raw_stdout() -> Box<dyn std::io::Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(std::io::stdout())
}

/// The server is long-lived and analyses on several threads: glibc's allocator would give each
/// of them an arena of its own (memory freed in one is not reused by the others; typing in a
/// 600 KB story peaked at 59 MB with one per thread, issue 14). Two arenas, not one: a long
/// story's analysis runs on two threads and more (the rules' per-paragraph helpers), and with
/// one arena every allocation they make takes the same lock. On two cores the 1 MB open then
/// spent some 60 ms more CPU, most of it in the kernel, waiting for that lock: open ->
/// diagnostics 200 ms with one arena, 118 ms with two, 115-118 ms with three or four, whose
/// peaks were 47, 50, 55 and 57 MB (issue 16).
///
/// Within the arenas, an analysis's memory is reused from one analysis to the next, and given
/// back only once the analysis thread has been idle for a while (see `server::Analyst`): a page
/// first touched costs a fault, about 4 µs on the machine of issue 16, and a 1 MB story's
/// analysis touches some 20 MB. So buffers up to 32 MB (glibc's largest setting) come from the
/// heap, not each from a mapping of its own that is unmapped when freed and faulted in afresh
/// when made again (a 1 MB story's publication alone is 5 MB), and a free never shrinks the heap
/// under 128 MB: the idle release does. With buffers of 256 KB and more mapped and the heap
/// trimmed on every free and after every analysis, each edit of a 1 MB story faulted in about
/// 6,900 pages (28 MB) and the open 8,600; now an edit made while the writer types faults about
/// 250 and the open 4,900. Must run before any thread starts.
fn malloc_tuning() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
        }
        const M_TRIM_THRESHOLD: std::ffi::c_int = -1;
        const M_MMAP_THRESHOLD: std::ffi::c_int = -3;
        const M_ARENA_MAX: std::ffi::c_int = -8;
        // SAFETY: mallopt only sets allocator parameters; called before any other thread runs.
        unsafe {
            mallopt(M_ARENA_MAX, 2);
            mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
            mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
        }
    }
}

/// Sets the allocator up as the server does (see [`run_stdio`]), for the examples that time
/// the server's work in process; before any thread starts. Not otherwise part of the library's
/// interface.
#[doc(hidden)]
pub fn tune_allocator() {
    malloc_tuning();
}

/// Gives the heap's free pages back to the system, as the server's analysis thread does when
/// idle (for the examples that time the server's work in process).
#[doc(hidden)]
pub fn release_free_memory() {
    server::release_free_memory();
}

/// Wraps the tower-lsp service: ends the process as soon as `exit` arrives (tower-lsp 0.20
/// otherwise keeps reading stdin until the client closes it), and turns a panicking handler into
/// an error response instead of a dead server.
struct Guard<S> {
    inner: S,
    shutdown: Arc<AtomicBool>,
}

impl<S> Service<Request> for Guard<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future =
        futures::future::BoxFuture<'static, std::result::Result<Option<Response>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<std::result::Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        if req.method() == "exit" {
            // The spec: exit code 0 after `shutdown`, 1 otherwise.
            let code = if self.shutdown.load(Ordering::SeqCst) {
                0
            } else {
                1
            };
            std::process::exit(code);
        }
        // Emacs' eglot sends `shutdown` with `"params": null`, which tower-lsp 0.20 rejects as
        // invalid params (the editor then never sees a clean shutdown): drop the null.
        let req = match (req.method(), req.params(), req.id()) {
            ("shutdown", Some(serde_json::Value::Null), Some(id)) => {
                Request::build("shutdown").id(id.clone()).finish()
            }
            _ => req,
        };
        let id = req.id().cloned();
        let method = req.method().to_string();
        let fut = match std::panic::catch_unwind(AssertUnwindSafe(|| self.inner.call(req))) {
            Ok(f) => f,
            Err(_) => {
                eprintln!("copydesk: handler for {method} panicked");
                return Box::pin(async move {
                    Ok(id.map(|id| {
                        Response::from_error(id, tower_lsp::jsonrpc::Error::internal_error())
                    }))
                });
            }
        };
        Box::pin(AssertUnwindSafe(fut).catch_unwind().map(move |r| match r {
            Ok(r) => r,
            Err(_) => {
                eprintln!("copydesk: handler for {method} panicked");
                Ok(id.map(|id| {
                    Response::from_error(id, tower_lsp::jsonrpc::Error::internal_error())
                }))
            }
        }))
    }
}
