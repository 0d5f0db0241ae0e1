//! The tower-lsp backend. Every handler that changes state does so synchronously, under the one
//! `std::sync::Mutex`, before its first `.await`; analysis runs on its own thread; everything
//! sent to the client goes through one ordered channel (so a publish for version 5 can never
//! overtake the one for version 6, or the clear on close).

use super::convert;
use super::features::{self, EditShape, FIX_ALL_KIND};
use super::state::{self, analyze_snapshot_memo, Analyzed, ClientCaps, Doc, DocKind, State};
use crate::config::ConfigError;
use crate::finding::Span;
use crate::position::Encoding;
use crate::rules::memo::Memo;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::mpsc;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

/// An edit to an idle document is analysed at once (the writer sees the result as they type).
/// Only while edits stream in (each within `STREAM_GAP` of the one before) or while the
/// document's previous analysis is still running does the analysis wait until the edits have
/// paused this long: a burst of edits then costs one analysis, not one per edit.
const DEBOUNCE: Duration = Duration::from_millis(60);
/// Edits closer together than this are a stream (a paste, a replace-all, key repeat, a script),
/// not a writer typing.
const STREAM_GAP: Duration = Duration::from_millis(30);
/// How long a request waits for a scheduled analysis before running its own.
const REQUEST_WAIT: Duration = Duration::from_millis(1500);
/// How long to wait for the client to answer `workspace/configuration`.
const CONFIG_PULL_TIMEOUT: Duration = Duration::from_secs(3);
/// How long the analysis thread waits for its next job before it gives the memory its analyses
/// freed back to the system. While the writer types, each analysis reuses the pages the last one
/// touched: given back after every analysis, they were faulted in again by the next, about
/// 6,900 pages (28 MB, a third of the analysis's time) for an edit of a 1 MB story.
const IDLE_RELEASE: Duration = Duration::from_secs(1);

enum Out {
    Show(MessageType, String),
    Log(MessageType, String),
}

/// The body of a `textDocument/publishDiagnostics` notification. Built where the diagnostics are
/// made (off the runtime for analyses) and queued on the writer directly, under the state lock, so
/// publications leave in the order the state changed (a clear on close is never overtaken).
pub fn publish_body(uri: &Url, diagnostics: &[Diagnostic], version: Option<i32>) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Params<'a> {
        uri: &'a Url,
        diagnostics: &'a [Diagnostic],
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i32>,
    }
    #[derive(serde::Serialize)]
    struct Note<'a> {
        jsonrpc: &'static str,
        method: &'static str,
        params: Params<'a>,
    }
    serde_json::to_vec(&Note {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: Params {
            uri,
            diagnostics,
            version,
        },
    })
    .unwrap_or_default()
}

/// `COPYDESK_TRACE=1` in the server's environment: each publication's stages (from the change
/// that asked for it to the body handed to the writer) and each large write are timed on stderr,
/// a development aid for the latency rows of issue 16.
pub(super) static TRACE: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os("COPYDESK_TRACE").is_some_and(|v| !v.is_empty()));

/// When each stage of one publication ended (see [`TRACE`]).
#[derive(Default, Clone, Copy)]
struct Stages {
    /// The change that asked for the analysis arrived (None for an open or a request).
    changed: Option<std::time::Instant>,
    /// The job (the text as one string) was made.
    job: Option<std::time::Instant>,
    /// The analysis thread picked it up.
    started: Option<std::time::Instant>,
    analysed: Option<std::time::Instant>,
    converted: Option<std::time::Instant>,
}

fn between(a: Option<std::time::Instant>, b: Option<std::time::Instant>) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) => b.saturating_duration_since(a).as_secs_f64() * 1000.0,
        _ => f64::NAN,
    }
}

/// One analysis to run for a document's worker: a snapshot of everything it needs.
struct Job {
    uri: Url,
    gen: u64,
    version: i32,
    latest: Arc<std::sync::atomic::AtomicU64>,
    kind: DocKind,
    text: Arc<str>,
    config: Arc<crate::Config>,
    config_gen: u64,
    enc: Encoding,
    /// An analysis of this exact text and configuration (only the publication is missing).
    cached: Option<Arc<Analyzed>>,
    /// The document's paragraph memo, when it is being edited (see [`state::Doc::memo`]).
    memo: Option<Arc<std::sync::Mutex<Memo>>>,
    stages: Stages,
}

impl Job {
    fn current(&self) -> bool {
        self.latest.load(Ordering::SeqCst) == self.gen
    }

    /// Blocking: analyses (unless cached), converts and serialises; None once superseded (the
    /// generation is checked between stages).
    fn run(mut self) -> Option<(Arc<Analyzed>, Vec<u8>, Option<f64>, Stages)> {
        if !self.current() {
            return None;
        }
        if *TRACE {
            self.stages.started = Some(std::time::Instant::now());
            // The tests read this line to act while an analysis runs (not at a guessed time).
            eprintln!(
                "trace start {} v{} {} B",
                self.uri,
                self.version,
                self.text.len()
            );
        }
        let (a, ms) = match self.cached.clone() {
            Some(a) => (a, None),
            None => {
                let started = std::time::Instant::now();
                // The generation is also checked between the core's stages (after parsing,
                // between rules): a superseded analysis of a large story ends early.
                // The memo is this document's alone, and its analyses take turns: never waited on.
                let memo = self
                    .memo
                    .as_ref()
                    .map(|m| m.lock().unwrap_or_else(|e| e.into_inner()));
                let mut a = analyze_snapshot_memo(
                    self.kind,
                    self.text.clone(),
                    self.config.clone(),
                    self.config_gen,
                    &|| !self.current(),
                    memo.as_deref(),
                )?;
                a.gen = self.gen;
                (Arc::new(a), Some(started.elapsed().as_secs_f64() * 1000.0))
            }
        };
        if *TRACE {
            self.stages.analysed = Some(std::time::Instant::now());
        }
        if !self.current() {
            return None;
        }
        let body = convert::publication(&a, self.enc, &self.uri, Some(self.version));
        if *TRACE {
            self.stages.converted = Some(std::time::Instant::now());
        }
        Some((a, body, ms, self.stages))
    }
}

/// The one thread every analysis runs on, in turn. The rules' regexes keep a search cache per
/// thread that uses them (the first thread's without a lock, the others' in a shared pool): on
/// blocking-pool threads, two analyses at a time and the warm-up on a third, that was three
/// sets of caches, several megabytes each. One thread keeps one set, used without a lock; on a
/// machine of two cores, a second analysis at a time only shared the cores with the first.
struct Analyst {
    tx: std::sync::mpsc::Sender<Box<dyn FnOnce() + Send>>,
}

impl Analyst {
    fn start() -> std::io::Result<Analyst> {
        let (tx, rx) = std::sync::mpsc::channel::<Box<dyn FnOnce() + Send>>();
        std::thread::Builder::new()
            .name("copydesk-analysis".into())
            .spawn(move || {
                use std::sync::mpsc::RecvTimeoutError;
                loop {
                    let job = match rx.recv_timeout(IDLE_RELEASE) {
                        Ok(job) => job,
                        Err(RecvTimeoutError::Disconnected) => break,
                        Err(RecvTimeoutError::Timeout) => {
                            // Idle: give back the pages the last analyses freed, so that open
                            // stories hold what they keep rather than each analysis's high tide.
                            release_free_memory();
                            match rx.recv() {
                                Ok(job) => job,
                                Err(_) => break,
                            }
                        }
                    };
                    // A job that panics (it catches its own) must not take the thread down.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                }
            })?;
        Ok(Analyst { tx })
    }

    /// Queues `f` on the analysis thread, after the jobs queued before it.
    fn submit<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Option<tokio::sync::oneshot::Receiver<T>> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.tx
            .send(Box::new(move || {
                let _ = tx.send(f());
            }))
            .ok()?;
        Some(rx)
    }
}

/// Returns the heap's free pages to the system (glibc keeps them for reuse otherwise). It costs
/// a walk over the free lists, so it runs only when the analysis thread has nothing queued.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(super) fn release_free_memory() {
    // SAFETY: malloc_trim only releases memory that no allocation holds.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(super) fn release_free_memory() {}

/// Runs `f` on the analysis thread when there is one, else on the blocking pool; None if it
/// panicked.
async fn analysis_thread<T: Send + 'static>(
    analyst: &Option<Analyst>,
    f: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    match analyst {
        Some(a) => a.submit(f)?.await.ok(),
        None => tokio::task::spawn_blocking(f).await.ok(),
    }
}

struct Inner {
    client: Client,
    /// Where analyses run (None only if its thread could not be started).
    analyst: Option<Analyst>,
    /// Bumped whenever an analysis is stored; requests waiting for one watch it.
    analyzed: tokio::sync::watch::Sender<u64>,
    /// The permit to run an analysis (one at a time; see [`Analyst`]): a job takes its
    /// document's text only once it holds it.
    analyses: Arc<tokio::sync::Semaphore>,
    state: Mutex<State>,
    out: mpsc::UnboundedSender<Out>,
    /// How many document workers wait for the permit (see `seed_memo`).
    waiting: Arc<std::sync::atomic::AtomicUsize>,
    /// The transport's writer queue (pre-serialised message bodies).
    raw: super::transport::Outgoing,
    shutdown: Arc<AtomicBool>,
}

#[derive(Clone)]
pub struct Backend {
    inner: Arc<Inner>,
}

impl Backend {
    pub fn new(
        client: Client,
        shutdown: Arc<AtomicBool>,
        raw: super::transport::Outgoing,
    ) -> Backend {
        let (tx, mut rx) = mpsc::unbounded_channel::<Out>();
        let c = client.clone();
        tokio::spawn(async move {
            while let Some(msg) = rx.recv().await {
                match msg {
                    Out::Show(t, m) => c.show_message(t, m).await,
                    Out::Log(t, m) => c.log_message(t, m).await,
                }
            }
        });
        let (analyzed, _) = tokio::sync::watch::channel(0);
        Backend {
            inner: Arc::new(Inner {
                client,
                analyzed,
                analyst: Analyst::start().ok(),
                analyses: Arc::new(tokio::sync::Semaphore::new(1)),
                waiting: Default::default(),
                state: Mutex::new(State::default()),
                out: tx,
                raw,
                shutdown,
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere must not take the server down with a poisoned lock.
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn send(&self, msg: Out) {
        let _ = self.inner.out.send(msg);
    }

    fn publish(&self, uri: &Url, diags: &[Diagnostic], version: Option<i32>) {
        let _ = self.inner.raw.send(publish_body(uri, diags, version));
    }

    fn log(&self, typ: MessageType, msg: impl Into<String>) {
        self.send(Out::Log(typ, msg.into()));
    }

    /// Reports a configuration problem: a message once per distinct problem, and a diagnostic on
    /// the file when it is not open (an open file's own analysis shows it).
    fn report_config_problem(&self, st: &mut State, path: &Path, e: &ConfigError) {
        let what = format!(
            "copydesk: {}: {e}. Using the last good configuration.",
            path.display()
        );
        self.log(MessageType::ERROR, what.clone());
        if st.shown.insert(what.clone()) {
            self.send(Out::Show(MessageType::ERROR, what));
        }
        if let Ok(uri) = Url::from_file_path(path) {
            if !st.docs.contains_key(&uri) {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                let mut errors = crate::engine::catalog::diagnose(&text);
                if errors.is_empty() {
                    errors.push(e.clone()); // unreadable, too large, ...
                }
                let a = disk_config_analyzed(text, errors);
                self.publish(&uri, &convert::diagnostics(&a, st.encoding), None);
            }
        }
    }

    fn clear_config_problem(&self, st: &mut State, path: &Path) {
        // Fixed: the next time it breaks is news again.
        let prefix = format!("copydesk: {}: ", path.display());
        st.shown.retain(|m| !m.starts_with(&prefix));
        if let Ok(uri) = Url::from_file_path(path) {
            if !st.docs.contains_key(&uri) {
                self.publish(&uri, &[], None);
            }
        }
    }

    fn settings_error(&self, st: &mut State, e: &ConfigError) {
        let what = format!("copydesk: ignoring invalid editor settings: {}", e.message);
        self.log(MessageType::ERROR, what.clone());
        if st.shown.insert(what.clone()) {
            self.send(Out::Show(MessageType::ERROR, what));
        }
    }

    /// Schedules analysis (and publication) of `uri`'s current text after `delay`.
    fn schedule(&self, st: &mut State, uri: Url, delay: Duration) {
        let Some(d) = st.docs.get_mut(&uri) else {
            return;
        };
        let gen = d.gen;
        if delay.is_zero() {
            d.pending = None;
            d.ready = true;
            return self.kick(st, &uri);
        }
        d.pending = Some(gen);
        let this = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let mut st = this.lock();
            let Some(d) = st.docs.get_mut(&uri) else {
                return;
            };
            if d.gen != gen {
                return; // a newer change has its own timer
            }
            d.pending = None;
            d.ready = true;
            this.kick(&mut st, &uri);
        });
    }

    /// Starts `uri`'s analysis worker unless it is running: at most one analysis per document at
    /// a time; a running worker picks up what is wanted when it finishes.
    fn kick(&self, st: &mut State, uri: &Url) {
        if !st.running.insert(uri.clone()) {
            return;
        }
        let this = self.clone();
        let uri = uri.clone();
        tokio::spawn(async move { this.work(uri).await });
    }

    /// Re-analyses every open document (after a configuration change).
    fn schedule_all(&self, st: &mut State) {
        let docs: Vec<Url> = st
            .docs
            .iter()
            .filter(|(_, d)| matches!(d.kind, DocKind::Prose(_)))
            .map(|(u, _)| u.clone())
            .collect();
        for uri in docs {
            self.schedule(st, uri, Duration::ZERO);
        }
    }

    /// A snapshot of what analysing `uri` needs now (None when it is not open).
    fn job(&self, st: &mut State, uri: &Url) -> Option<Job> {
        let kind = st.docs.get(uri)?.kind;
        let config = if matches!(kind, DocKind::Prose(_)) {
            let (c, problem) = st.config_for(uri);
            if let Some((path, e)) = problem {
                self.report_config_problem(st, &path, &e);
            }
            c
        } else {
            Arc::new(crate::Config::default())
        };
        let config_gen = st.config_gen;
        let enc = st.encoding;
        let doc = st.docs.get_mut(uri)?;
        let text = doc.text();
        // Compared as they are (no hash of a megabyte under the lock): texts of different
        // lengths differ at once, and an edit's text differs from the last one's by its edit.
        let cached = doc
            .analyzed
            .as_ref()
            .filter(|a| {
                a.config_gen == config_gen && (Arc::ptr_eq(&a.text, &text) || *a.text == *text)
            })
            .cloned();
        Some(Job {
            uri: uri.clone(),
            gen: doc.gen,
            version: doc.version,
            latest: doc.latest.clone(),
            kind,
            text,
            config,
            config_gen,
            enc,
            cached,
            memo: doc.memo.clone(),
            stages: Stages {
                changed: doc.last_change,
                job: TRACE.then(std::time::Instant::now),
                ..Stages::default()
            },
        })
    }

    /// The document's worker: runs the analyses wanted, one at a time, off the runtime threads,
    /// and publishes each result if, and only if, its text is still the document's text.
    async fn work(&self, uri: Url) {
        loop {
            if !self.wanted(&uri) {
                return;
            }
            // One analysis at a time, whatever the number of documents: an editor that
            // restores fifty stories at once gets them analysed in turn (memory stays that of
            // one analysis), and the requests keep the other core.
            // Counted while it waits: a memo's filling gives way to it (see `seed_memo`).
            self.inner.waiting.fetch_add(1, Ordering::SeqCst);
            let _permit = self.inner.analyses.clone().acquire_owned().await;
            self.inner.waiting.fetch_sub(1, Ordering::SeqCst);
            // The text is taken once the permit is held: the newest, not the one of the wait.
            let job = {
                let mut st = self.lock();
                match st.docs.get_mut(&uri) {
                    Some(d) if d.ready => d.ready = false,
                    _ => {
                        st.running.remove(&uri);
                        return;
                    }
                }
                self.job(&mut st, &uri)
            };
            let Some(job) = job else { continue };
            // A long story analysed without a memo (its open) fills one once published.
            let seed = (job.cached.is_none()
                && job.memo.is_none()
                && matches!(job.kind, DocKind::Prose(_))
                && (state::MEMO_AT_OPEN_FROM..=state::MAX_ANALYSIS_BYTES)
                    .contains(&job.text.len()))
            .then_some(job.gen);
            // The analysis thread also publishes (see [`Backend::finish`]): the publication
            // leaves for the writer without a hop back to the runtime.
            let this = self.clone();
            let u = uri.clone();
            let finished = analysis_thread(&self.inner.analyst, move || {
                let (gen, config_gen, version, len) =
                    (job.gen, job.config_gen, job.version, job.text.len());
                // A long story analysed afresh (an open, or an edit whose memo holds nothing
                // yet) runs on two threads and more, whose memory goes to both arenas (see
                // `lsp::malloc_tuning`); the edits that follow run on this thread alone and
                // would never reuse the other arena's. Given back once published: typing in a
                // 600 KB story peaked at 42-49 MB, not 37, with it kept.
                let spread = job.cached.is_none()
                    && crate::engine::runs_on_two_threads(
                        len,
                        job.memo
                            .as_ref()
                            .map(|m| m.lock().unwrap_or_else(|e| e.into_inner()))
                            .as_deref(),
                    );
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run()));
                this.finish(&u, gen, config_gen, version, len, result);
                if spread {
                    release_free_memory();
                }
            })
            .await;
            if finished.is_none() {
                self.log(
                    MessageType::ERROR,
                    format!("copydesk: analysis of {uri} failed"),
                );
            } else if let Some(gen) = seed {
                let this = self.clone();
                let u = uri.clone();
                tokio::spawn(async move { this.seed_memo(u, gen).await });
            }
        }
    }

    /// Fills the paragraph memo of a long story whose open (generation `gen`) was just
    /// published, when the analysis thread is free: the first edit then takes the open's work
    /// as later edits take the last edit's, where without a memo it was a cold analysis of the
    /// whole story (about 300 ms on a megabyte of wire copy, against 100 with the memo). It runs
    /// after the publication, not in it: an open that made the memo as it went took 1.7 times
    /// as long on the same copy. It gives way as a superseded analysis does: any analysis that
    /// wants to run (an edit's, another story's), a close or the shutdown stops it at the end
    /// of its current stage, and an edit finds what it made so far (the memo's entries are
    /// right whatever the analysis that made them).
    async fn seed_memo(&self, uri: Url, gen: u64) {
        // After the analyses queued before it: one at a time, as every analysis runs.
        let _permit = self.inner.analyses.clone().acquire_owned().await;
        let seed = {
            let mut st = self.lock();
            if st.shutdown {
                return;
            }
            let config_gen = st.config_gen;
            let Some(d) = st.docs.get_mut(&uri) else {
                return;
            };
            // Only the text the open published, unchanged since, under the same settings,
            // with no memo yet and no analysis wanted.
            let Some(a) = d.analyzed.clone().filter(|a| {
                a.gen == gen
                    && a.config_gen == config_gen
                    && a.skipped.is_none()
                    && a.lean.is_some()
            }) else {
                return;
            };
            if d.gen != gen || d.memo.is_some() || d.ready || d.pending.is_some() {
                return;
            }
            let memo = Arc::new(Mutex::new(Memo::new()));
            d.memo = Some(memo.clone());
            let (kind, latest) = (d.kind, d.latest.clone());
            st.trim_memos();
            // Kept only if it is among the few stories that keep one.
            if !st
                .docs
                .get(&uri)
                .and_then(|d| d.memo.as_ref())
                .is_some_and(|m| Arc::ptr_eq(m, &memo))
            {
                return;
            }
            (a, memo, kind, latest)
        };
        let (a, memo, kind, latest) = seed;
        let (shutdown, waiting) = (self.inner.shutdown.clone(), self.inner.waiting.clone());
        let _ = analysis_thread(&self.inner.analyst, move || {
            // Superseded by a change or a close, or any analysis waiting to run (this story's
            // edit, another story's open, new settings), or the shutdown.
            let stop = || {
                latest.load(Ordering::SeqCst) != gen
                    || waiting.load(Ordering::SeqCst) > 0
                    || shutdown.load(Ordering::SeqCst)
            };
            if stop() {
                return;
            }
            let m = memo.lock().unwrap_or_else(|e| e.into_inner());
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                analyze_snapshot_memo(
                    kind,
                    a.text.clone(),
                    a.config.clone(),
                    a.config_gen,
                    &stop,
                    Some(&m),
                )
            }));
            drop(m);
            drop(a);
            // On two threads, as the open ran (see `work`).
            release_free_memory();
        })
        .await;
    }

    /// What an analysis job ends with (on the analysis thread): the log lines, and the
    /// publication if, and only if, its text is still the document's text under the same
    /// configuration (checked under the state lock, which handlers hold only briefly). The
    /// analysis it replaces is dropped after the lock is released and the publication queued.
    #[allow(clippy::type_complexity)]
    fn finish(
        &self,
        uri: &Url,
        gen: u64,
        config_gen: u64,
        version: i32,
        len: usize,
        result: std::thread::Result<Option<(Arc<Analyzed>, Vec<u8>, Option<f64>, Stages)>>,
    ) {
        let (a, body, ms, stages) = match result {
            Ok(Some(r)) => r,
            Ok(None) => {
                return self.log(
                    MessageType::LOG,
                    format!(
                        "dropped the analysis of {uri} v{version} ({len} bytes): its text changed"
                    ),
                );
            }
            Err(_) => {
                return self.log(
                    MessageType::ERROR,
                    format!("copydesk: analysis of {uri} failed"),
                );
            }
        };
        if !a.analysis.failed.is_empty() {
            let families: Vec<_> = a.analysis.failed.iter().map(|f| f.as_str()).collect();
            self.log(
                MessageType::ERROR,
                format!(
                    "copydesk: internal error: the {} checks failed on {uri} v{version}; their findings are missing",
                    families.join(" and ")
                ),
            );
        }
        if let Some(ms) = ms {
            self.log(
                MessageType::LOG,
                format!("analysed {uri} v{version} ({len} bytes) in {ms:.1} ms"),
            );
        }
        let old = {
            let mut st = self.lock();
            let current_config = st.config_gen;
            let Some(doc) = st.docs.get_mut(uri) else {
                return; // closed meanwhile: never published
            };
            if doc.gen != gen || config_gen != current_config {
                return; // stale: never published, never cached as current
            }
            let old = doc.analyzed.replace(a);
            doc.shed_rope();
            if doc.published != Some((gen, config_gen)) {
                doc.published = Some((gen, config_gen));
                let bytes = body.len();
                let _ = self.inner.raw.send(body);
                if *TRACE {
                    let sent = Some(std::time::Instant::now());
                    let s = stages;
                    eprintln!(
                        "trace {uri} v{version} {len} B: change->job {:.2} ms, job->thread {:.2}, analysis {:.2}, publication {:.2} ({bytes} B), thread->queued {:.2}; change->queued {:.2}",
                        between(s.changed, s.job),
                        between(s.job, s.started),
                        between(s.started, s.analysed),
                        between(s.analysed, s.converted),
                        between(s.converted, sent),
                        between(s.changed, sent),
                    );
                }
            }
            old
        };
        self.inner.analyzed.send_modify(|n| *n += 1);
        drop(old);
    }

    /// Whether `uri`'s worker has an analysis to run; when not, the worker ends (under the lock,
    /// so a change that wants one afterwards starts a new worker).
    fn wanted(&self, uri: &Url) -> bool {
        let mut st = self.lock();
        if st.docs.get(uri).is_some_and(|d| d.ready) {
            return true;
        }
        st.running.remove(uri);
        false
    }

    /// The current analysis of a document for a request, with its version and the encoding.
    /// While typing, editors ask for code actions (and more) after every keystroke: a request
    /// waits (boundedly) for the document's worker rather than analyse each intermediate
    /// version, and asks for an analysis when none is coming. Never answers from another text.
    async fn current(&self, uri: &Url) -> Option<(Arc<Analyzed>, i32, Encoding, ClientCaps)> {
        let deadline = tokio::time::Instant::now() + REQUEST_WAIT;
        loop {
            let mut rx = {
                let mut st = self.lock();
                let (enc, caps, config_gen) = (st.encoding, st.caps, st.config_gen);
                let d = st.docs.get_mut(uri)?;
                let version = d.version;
                if let Some(a) = d.analyzed.clone() {
                    if a.config_gen == config_gen && (a.gen == d.gen || *a.text == *d.text()) {
                        return Some((a, version, enc, caps));
                    }
                }
                if tokio::time::Instant::now() >= deadline {
                    return None;
                }
                if d.pending != Some(d.gen) {
                    d.ready = true;
                    self.kick(&mut st, uri);
                }
                // Subscribed under the lock: no notification can slip between check and wait.
                self.inner.analyzed.subscribe()
            };
            let _ = tokio::time::timeout_at(deadline, rx.changed()).await;
        }
    }

    /// "Allow “word” in this project": adds the flagged word to `allow` in the project's
    /// copydesk.toml (created at the workspace root when there is none and the editor can create
    /// files). For loaded-wording findings only; the file is re-read when the editor saves it.
    fn allow_word_actions(
        &self,
        a: &Analyzed,
        uri: &Url,
        req: Span,
        enc: Encoding,
        caps: ClientCaps,
    ) -> Vec<CodeActionOrCommand> {
        let mut out = Vec::new();
        let mut done = Vec::new();
        for f in &a.analysis.findings {
            if f.family() != "wording" || !(f.span.start <= req.end && req.start <= f.span.end) {
                continue;
            }
            let Some(word) = a.text.get(f.span.range()).map(|w| w.trim().to_string()) else {
                continue;
            };
            if word.is_empty() || done.contains(&word) {
                continue;
            }
            let Some(path) = self.lock().allow_target(uri) else {
                continue;
            };
            let Ok(target) = Url::from_file_path(&path) else {
                continue;
            };
            // The text the edit applies to: the editor's buffer when the file is open there
            // (it may hold unsaved changes), else the file on disk, read once.
            let open = self
                .lock()
                .docs
                .get_mut(&target)
                .map(|d| (d.text().to_string(), d.version));
            let (base, open_version) = match open {
                Some((t, v)) => (Some(t), Some(v)),
                None => match std::fs::read_to_string(&path) {
                    Ok(t) => (Some(t), None),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, None),
                    Err(e) => {
                        self.log(
                            MessageType::WARNING,
                            format!(
                                "cannot offer to allow “{word}”: cannot read {}: {e}",
                                path.display()
                            ),
                        );
                        continue;
                    }
                },
            };
            let new_text = match crate::config::allow_word(base.as_deref(), &word) {
                Ok(t) => t,
                Err(e) => {
                    self.log(
                        MessageType::WARNING,
                        format!("cannot offer to allow “{word}”: {e}"),
                    );
                    continue;
                }
            };
            let edit = if let Some(old) = base {
                let idx = crate::position::LineIndex::new(&old);
                let end = idx.position(&old, old.len(), enc);
                let edit = TextEdit {
                    range: Range::new(Position::new(0, 0), Position::new(end.line, end.character)),
                    new_text,
                };
                if caps.document_changes {
                    WorkspaceEdit {
                        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                            text_document: OptionalVersionedTextDocumentIdentifier {
                                uri: target.clone(),
                                version: open_version,
                            },
                            edits: vec![OneOf::Left(edit)],
                        }])),
                        ..Default::default()
                    }
                } else {
                    WorkspaceEdit {
                        changes: Some(std::collections::HashMap::from([(
                            target.clone(),
                            vec![edit],
                        )])),
                        ..Default::default()
                    }
                }
            } else if caps.document_changes && caps.create_files {
                WorkspaceEdit {
                    document_changes: Some(DocumentChanges::Operations(vec![
                        DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                            uri: target.clone(),
                            options: Some(CreateFileOptions {
                                overwrite: Some(false),
                                ignore_if_exists: Some(true),
                            }),
                            annotation_id: None,
                        })),
                        DocumentChangeOperation::Edit(TextDocumentEdit {
                            text_document: OptionalVersionedTextDocumentIdentifier {
                                uri: target.clone(),
                                version: None,
                            },
                            edits: vec![OneOf::Left(TextEdit {
                                range: Range::default(),
                                new_text,
                            })],
                        }),
                    ])),
                    ..Default::default()
                }
            } else {
                // The editor cannot create the file through an edit (Neovim does not announce
                // documentChanges): the server writes the new copydesk.toml when the action runs.
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Allow “{word}” in this project (new copydesk.toml)"),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![convert::diagnostic(a, f, enc)]),
                    command: Some(features::allow_word_command(&target, &word)),
                    ..Default::default()
                }));
                done.push(word);
                continue;
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Allow “{word}” in this project (copydesk.toml)"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![convert::diagnostic(a, f, enc)]),
                edit: Some(edit),
                // Editors that leave the edited file unsaved (Neovim) save it on this command.
                command: Some(features::save_config_command(&target)),
                ..Default::default()
            }));
            done.push(word);
        }
        out
    }

    fn pull_configuration(&self) {
        let this = self.clone();
        let seq = self.lock().settings_seq;
        tokio::spawn(async move {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("copydesk".into()),
            };
            let reply = tokio::time::timeout(
                CONFIG_PULL_TIMEOUT,
                this.inner.client.configuration(vec![item]),
            )
            .await;
            let value = match reply {
                Ok(Ok(mut values)) if !values.is_empty() => values.swap_remove(0),
                Ok(Ok(_)) => return,
                Ok(Err(e)) => {
                    return this.log(
                        MessageType::WARNING,
                        format!("workspace/configuration failed: {e}"),
                    )
                }
                Err(_) => {
                    return this.log(
                        MessageType::WARNING,
                        "workspace/configuration: no answer from the editor",
                    )
                }
            };
            let mut st = this.lock();
            if st.settings_seq != seq {
                return; // the editor pushed newer settings meanwhile
            }
            match state::settings_patch(&value) {
                Ok(p) => {
                    if st.settings != p {
                        st.settings = p;
                        st.config_changed();
                        this.schedule_all(&mut st);
                    }
                }
                Err(e) => this.settings_error(&mut st, &e),
            }
        });
    }

    fn config_path_changed(&self, path: PathBuf) {
        let mut st = self.lock();
        match st.reload_config_file(&path) {
            Some(e) => {
                // Keep the last good version; say what is wrong once.
                self.report_config_problem(&mut st, &path, &e);
            }
            None => self.clear_config_problem(&mut st, &path),
        }
        self.schedule_all(&mut st);
    }
}

fn disk_config_analyzed(text: String, errors: Vec<ConfigError>) -> Analyzed {
    let text: Arc<str> = Arc::from(text);
    Analyzed {
        gen: 0,
        config_gen: 0,
        index: std::sync::Arc::new(crate::position::LineIndex::new(&text)),
        text,
        analysis: Default::default(),
        config: Default::default(),
        skipped: None,
        config_errors: errors,
        lean: None,
        messages: Default::default(),
        sources: Default::default(),
    }
}

fn is_config_file(uri: &Url) -> Option<PathBuf> {
    let p = uri.to_file_path().ok()?;
    (p.file_name()? == "copydesk.toml").then_some(p)
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|list| list.contains(&PositionEncodingKind::UTF8));
        let ws = params.capabilities.workspace.as_ref();
        let caps = ClientCaps {
            document_changes: ws
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            create_files: ws
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            watched_files_registration: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
        };
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().ok())
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            roots.extend(params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()));
        }
        {
            let mut st = self.lock();
            st.encoding = if utf8 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            };
            st.caps = caps;
            st.roots = roots;
            if let Some(opts) = &params.initialization_options {
                match state::settings_patch(opts) {
                    Ok(p) => st.init_settings = p,
                    Err(e) => self.settings_error(&mut st, &e),
                }
            }
        }
        let sync = TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            will_save: None,
            will_save_wait_until: None,
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                include_text: Some(false),
            })),
        };
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(if utf8 {
                    PositionEncodingKind::UTF8
                } else {
                    PositionEncodingKind::UTF16
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(sync)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new(FIX_ALL_KIND),
                        ]),
                        work_done_progress_options: Default::default(),
                        resolve_provider: None,
                    },
                )),
                inlay_hint_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![features::ALLOW_WORD_COMMAND.to_string()],
                    work_done_progress_options: Default::default(),
                }),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "copydesk".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Compile the rules' patterns and lexicons now, off the message loop, rather than
        // during the first document's analysis, on the analysis thread (its regex caches are
        // the ones the analyses use). Not waited for: it runs before any analysis queued later.
        let warm_up = || {
            let warm = "date 2021-08-15\n\nKABUL — The council met on Thursday, officials said. “It was TK,” she said.\n";
            let _ = crate::engine::analyze_as(
                warm,
                crate::document::Format::Markdown,
                &crate::Config::default(),
            );
        };
        match &self.inner.analyst {
            Some(a) => drop(a.submit(warm_up)),
            None => drop(tokio::task::spawn_blocking(warm_up)),
        }
        let caps = self.lock().caps;
        if caps.watched_files_registration {
            let this = self.clone();
            tokio::spawn(async move {
                let opts = DidChangeWatchedFilesRegistrationOptions {
                    watchers: vec![FileSystemWatcher {
                        glob_pattern: GlobPattern::String("**/copydesk.toml".into()),
                        kind: None,
                    }],
                };
                let reg = Registration {
                    id: "copydesk-config-watch".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(opts).ok(),
                };
                match tokio::time::timeout(
                    CONFIG_PULL_TIMEOUT,
                    this.inner.client.register_capability(vec![reg]),
                )
                .await
                {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => this.log(
                        MessageType::WARNING,
                        format!("could not watch copydesk.toml: {e}"),
                    ),
                    Err(_) => this.log(
                        MessageType::WARNING,
                        "could not watch copydesk.toml: no answer from the editor",
                    ),
                }
            });
        }
        if caps.configuration {
            self.pull_configuration();
        }
        self.log(
            MessageType::INFO,
            format!("copydesk {} ready", env!("CARGO_PKG_VERSION")),
        );
    }

    async fn shutdown(&self) -> Result<()> {
        self.lock().shutdown = true;
        self.inner.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        let td = p.text_document;
        let kind = DocKind::of(&td.uri, &td.language_id);
        {
            let mut st = self.lock();
            if let Some(old) = st.docs.get(&td.uri) {
                self.log(
                    MessageType::LOG,
                    format!(
                        "didOpen of {} which is already open (v{}); replacing it",
                        td.uri, old.version
                    ),
                );
            }
            let gen = st.next_gen();
            if let Some(old) = st
                .docs
                .insert(td.uri.clone(), Doc::new(&td.text, td.version, gen, kind))
            {
                old.retire();
            }
            if kind != DocKind::Other {
                self.schedule(&mut st, td.uri, Duration::ZERO);
            }
        }
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let version = p.text_document.version;
        let mut st = self.lock();
        let enc = st.encoding;
        let gen = st.next_gen();
        let Some(doc) = st.docs.get_mut(&uri) else {
            drop(st);
            return self.log(
                MessageType::WARNING,
                format!("didChange for {uri}, which is not open; ignored"),
            );
        };
        if version <= doc.version {
            let have = doc.version;
            drop(st);
            return self.log(MessageType::WARNING, format!("didChange v{version} for {uri} arrived after v{have}; ignored (stale or out of order)"));
        }
        // Every change is applied here, in arrival order, before this handler's first (and
        // only) suspension point: there is none.
        let mut notes = Vec::new();
        for change in &p.content_changes {
            if let Some(n) = doc.apply(change, enc) {
                notes.push(n);
            }
        }
        doc.version = version;
        doc.set_gen(gen);
        if doc.kind != DocKind::Other {
            doc.memo.get_or_insert_with(Default::default);
        }
        let now = std::time::Instant::now();
        let streaming = doc
            .last_change
            .is_some_and(|t| now.duration_since(t) < STREAM_GAP);
        doc.last_change = Some(now);
        if doc.kind != DocKind::Other {
            st.trim_memos();
            let busy = st.running.contains(&uri);
            let delay = if streaming || busy {
                DEBOUNCE
            } else {
                Duration::ZERO
            };
            self.schedule(&mut st, uri.clone(), delay);
        }
        drop(st);
        for n in notes {
            self.log(MessageType::WARNING, format!("{uri} v{version}: {n}"));
        }
    }

    async fn did_save(&self, p: DidSaveTextDocumentParams) {
        if let Some(path) = is_config_file(&p.text_document.uri) {
            self.config_path_changed(path);
        }
    }

    async fn did_close(&self, p: DidCloseTextDocumentParams) {
        let mut st = self.lock();
        if let Some(old) = st.docs.remove(&p.text_document.uri) {
            old.retire();
            self.publish(&p.text_document.uri, &[], None);
        }
        // A closed copydesk.toml that is bad on disk keeps its diagnostic.
        if let Some(path) = is_config_file(&p.text_document.uri) {
            if let Some(e) = st.config_files.get(&path).and_then(|f| f.error.clone()) {
                let key = format!(
                    "copydesk: {}: {e}. Using the last good configuration.",
                    path.display()
                );
                st.shown.insert(key); // already said once
                self.report_config_problem(&mut st, &path, &e);
            }
        }
    }

    async fn did_change_configuration(&self, p: DidChangeConfigurationParams) {
        let pull = {
            let mut st = self.lock();
            match state::settings_patch(&p.settings) {
                // A client that can be asked is asked; one that cannot has cleared its settings.
                Ok(None) if st.caps.configuration => true,
                Ok(None) => {
                    st.settings_seq += 1;
                    if st.settings.take().is_some() {
                        st.config_changed();
                        self.schedule_all(&mut st);
                    }
                    false
                }
                Ok(Some(patch)) => {
                    st.settings_seq += 1;
                    if st.settings.as_ref() != Some(&patch) {
                        st.settings = Some(patch);
                        st.config_changed();
                        self.schedule_all(&mut st);
                    }
                    false
                }
                Err(e) => {
                    self.settings_error(&mut st, &e);
                    false
                }
            }
        };
        if pull {
            self.pull_configuration();
        }
    }

    async fn did_change_watched_files(&self, p: DidChangeWatchedFilesParams) {
        let mut seen = Vec::new();
        for change in p.changes {
            if let Some(path) = is_config_file(&change.uri) {
                if !seen.contains(&path) {
                    seen.push(path);
                }
            }
        }
        for path in seen {
            self.config_path_changed(path);
        }
    }

    async fn did_change_workspace_folders(&self, p: DidChangeWorkspaceFoldersParams) {
        let mut st = self.lock();
        for f in &p.event.removed {
            if let Ok(path) = f.uri.to_file_path() {
                st.roots.retain(|r| r != &path);
            }
        }
        for f in &p.event.added {
            if let Ok(path) = f.uri.to_file_path() {
                if !st.roots.contains(&path) {
                    st.roots.push(path);
                }
            }
        }
        // The workspace root bounds copydesk.toml discovery: look again.
        st.forget_config_paths();
        self.schedule_all(&mut st);
    }

    async fn code_action(&self, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some((a, version, enc, caps)) = self.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        let this = self.clone();
        off_runtime(move || {
            let start = convert::offset(&a, p.range.start, enc);
            let end = convert::offset(&a, p.range.end, enc);
            let req = Span::new(start.min(end), start.max(end));
            let mut actions = features::code_actions(
                &a,
                &p.text_document.uri,
                req,
                &p.context.only,
                version,
                enc,
                EditShape {
                    document_changes: caps.document_changes,
                },
            );
            let wants_quickfix = p
                .context
                .only
                .as_ref()
                .is_none_or(|o| o.iter().any(|k| k.as_str() == "quickfix"));
            if wants_quickfix {
                actions.extend(this.allow_word_actions(&a, &p.text_document.uri, req, enc, caps));
            }
            Some(actions)
        })
        .await
    }

    /// `copydesk.allowWord` writes a new copydesk.toml for an editor that cannot create one
    /// through an edit. `copydesk.saveConfig` is run by the editor itself (see
    /// `features::save_config_command`); a client that sends it here gets a no-op.
    async fn execute_command(&self, p: ExecuteCommandParams) -> Result<Option<serde_json::Value>> {
        if p.command == features::SAVE_CONFIG_COMMAND {
            return Ok(None);
        }
        if p.command == features::ALLOW_WORD_COMMAND {
            let (Some(path), Some(word)) = (
                p.arguments
                    .first()
                    .and_then(|v| v.as_str())
                    .and_then(|u| Url::parse(u).ok())
                    .and_then(|u| u.to_file_path().ok())
                    .filter(|p| p.file_name().is_some_and(|n| n == "copydesk.toml")),
                p.arguments.get(1).and_then(|v| v.as_str()),
            ) else {
                return Err(tower_lsp::jsonrpc::Error::invalid_params(
                    "copydesk.allowWord takes a copydesk.toml URI and a word",
                ));
            };
            let written = crate::workspace::allow_word_in_file(&path, word)
                .map_err(|e| e.message)
                .and_then(|text| std::fs::write(&path, text).map_err(|e| e.to_string()));
            if let Err(e) = written {
                let msg = format!("copydesk: cannot allow “{word}” in {}: {e}", path.display());
                self.inner
                    .client
                    .show_message(MessageType::ERROR, msg.clone())
                    .await;
                return Err(tower_lsp::jsonrpc::Error::invalid_params(msg));
            }
            self.config_path_changed(path);
            return Ok(None);
        }
        Err(tower_lsp::jsonrpc::Error::method_not_found())
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        let uri = &p.text_document_position_params.text_document.uri;
        let Some((a, _, enc, _)) = self.current(uri).await else {
            return Ok(None);
        };
        off_runtime(move || {
            let off = convert::offset(&a, p.text_document_position_params.position, enc);
            features::hover(&a, off, enc)
        })
        .await
    }

    async fn inlay_hint(&self, p: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some((a, _, enc, _)) = self.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        off_runtime(move || {
            let start = convert::offset(&a, p.range.start, enc);
            let end = convert::offset(&a, p.range.end, enc);
            Some(features::inlay_hints(
                &a,
                Span::new(start.min(end), start.max(end)),
                enc,
            ))
        })
        .await
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some((a, _, enc, _)) = self.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        off_runtime(move || {
            Some(DocumentSymbolResponse::Nested(features::document_symbols(
                &a, enc,
            )))
        })
        .await
    }

    async fn code_lens(&self, p: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some((a, _, _, _)) = self.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        if a.skipped.is_some()
            || !matches!(
                self.lock().docs.get(&p.text_document.uri).map(|d| d.kind),
                Some(DocKind::Prose(_))
            )
        {
            return Ok(Some(Vec::new()));
        }
        off_runtime(move || Some(features::code_lenses(&a))).await
    }
}

/// Runs a request's work on the blocking pool: the runtime threads only route messages.
async fn off_runtime<T: Send + 'static>(
    f: impl FnOnce() -> Option<T> + Send + 'static,
) -> Result<Option<T>> {
    match tokio::task::spawn_blocking(move || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
    })
    .await
    {
        Ok(Ok(r)) => Ok(r),
        _ => Err(tower_lsp::jsonrpc::Error::internal_error()),
    }
}
