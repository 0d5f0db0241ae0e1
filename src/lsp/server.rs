//! The tower-lsp backend. Every handler that changes state does so synchronously, under the one
//! `std::sync::Mutex`, before its first `.await`; analysis runs on the blocking pool; everything
//! sent to the client goes through one ordered channel (so a publish for version 5 can never
//! overtake the one for version 6, or the clear on close).

use super::convert;
use super::features::{self, EditShape, FIX_ALL_KIND};
use super::state::{self, analyze_snapshot, Analyzed, ClientCaps, Doc, DocKind, State};
use crate::config::ConfigError;
use crate::finding::Span;
use crate::position::Encoding;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::mpsc;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

/// How long typing must pause before a document is re-analysed.
const DEBOUNCE: Duration = Duration::from_millis(120);
/// How long a request waits for a scheduled analysis before running its own.
const REQUEST_WAIT: Duration = Duration::from_millis(1500);
/// How long to wait for the client to answer `workspace/configuration`.
const CONFIG_PULL_TIMEOUT: Duration = Duration::from_secs(3);

enum Out {
    Publish(Url, Vec<Diagnostic>, Option<i32>),
    Show(MessageType, String),
    Log(MessageType, String),
}

struct Inner {
    client: Client,
    /// Bumped whenever an analysis is stored; requests waiting for one watch it.
    analyzed: tokio::sync::watch::Sender<u64>,
    state: Mutex<State>,
    out: mpsc::UnboundedSender<Out>,
    shutdown: Arc<AtomicBool>,
}

#[derive(Clone)]
pub struct Backend {
    inner: Arc<Inner>,
}

enum Prepared {
    Ready(Arc<Analyzed>),
    Need {
        kind: DocKind,
        text: Arc<str>,
        hash: u64,
        config: Arc<crate::Config>,
        gen: u64,
    },
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        let (tx, mut rx) = mpsc::unbounded_channel::<Out>();
        let c = client.clone();
        tokio::spawn(async move {
            while let Some(msg) = rx.recv().await {
                match msg {
                    Out::Publish(uri, diags, version) => {
                        c.publish_diagnostics(uri, diags, version).await
                    }
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
                state: Mutex::new(State::default()),
                out: tx,
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
                self.send(Out::Publish(
                    uri,
                    convert::diagnostics(&a, st.encoding),
                    None,
                ));
            }
        }
    }

    fn clear_config_problem(&self, st: &mut State, path: &Path) {
        // Fixed: the next time it breaks is news again.
        let prefix = format!("copydesk: {}: ", path.display());
        st.shown.retain(|m| !m.starts_with(&prefix));
        if let Ok(uri) = Url::from_file_path(path) {
            if !st.docs.contains_key(&uri) {
                self.send(Out::Publish(uri, Vec::new(), None));
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

    /// Schedules analysis (and publication) of `uri` at `version` after `delay`.
    fn schedule(&self, st: &mut State, uri: Url, version: i32, delay: Duration) {
        if let Some(d) = st.docs.get_mut(&uri) {
            d.pending = Some(version);
        }
        let this = self.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
                // A newer change has its own task.
                if this.lock().docs.get(&uri).map(|d| d.version) != Some(version) {
                    return;
                }
            }
            this.analyze(&uri, version, true).await;
        });
    }

    /// Re-analyses every open document (after a configuration change).
    fn schedule_all(&self, st: &mut State) {
        let docs: Vec<(Url, i32)> = st
            .docs
            .iter()
            .filter(|(_, d)| matches!(d.kind, DocKind::Prose(_)))
            .map(|(u, d)| (u.clone(), d.version))
            .collect();
        for (uri, version) in docs {
            self.schedule(st, uri, version, Duration::ZERO);
        }
    }

    fn prepare(&self, st: &mut State, uri: &Url, version: Option<i32>) -> Option<(Prepared, i32)> {
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
        let gen = st.config_gen;
        let doc = st.docs.get_mut(uri)?;
        if version.is_some_and(|v| v != doc.version) {
            return None;
        }
        let v = doc.version;
        let text = doc.text();
        let hash = state::hash_text(&text);
        if let Some(a) = &doc.analyzed {
            if a.hash == hash && a.config_gen == gen && *a.text == *text {
                return Some((Prepared::Ready(a.clone()), v));
            }
        }
        Some((
            Prepared::Need {
                kind,
                text,
                hash,
                config,
                gen,
            },
            v,
        ))
    }

    /// The analysis of `uri` (at `version`, or the current one), from the cache when the text
    /// and configuration are unchanged. Publishes diagnostics when `publish` is set and the
    /// document has not moved on meanwhile.
    async fn analyze(&self, uri: &Url, version: i32, publish: bool) -> Option<Arc<Analyzed>> {
        let (prepared, v) = {
            let mut st = self.lock();
            self.prepare(&mut st, uri, Some(version))?
        };
        let a = match prepared {
            Prepared::Ready(a) => a,
            Prepared::Need {
                kind,
                text,
                hash,
                config,
                gen,
            } => {
                let started = std::time::Instant::now();
                let len = text.len();
                match tokio::task::spawn_blocking(move || {
                    analyze_snapshot(kind, text, hash, config, gen)
                })
                .await
                {
                    Ok(a) => {
                        let ms = started.elapsed().as_secs_f64() * 1000.0;
                        self.log(
                            MessageType::LOG,
                            format!("analysed {uri} v{v} ({len} bytes) in {ms:.1} ms"),
                        );
                        Arc::new(a)
                    }
                    Err(e) => {
                        self.log(
                            MessageType::ERROR,
                            format!("copydesk: analysis of {uri} failed: {e}"),
                        );
                        return None;
                    }
                }
            }
        };
        let enc = self.lock().encoding;
        let diags = if publish {
            Some(convert::diagnostics(&a, enc))
        } else {
            None
        };
        let mut st = self.lock();
        let gen = st.config_gen;
        let Some(doc) = st.docs.get_mut(uri) else {
            return Some(a);
        };
        if doc.version != v {
            return Some(a); // stale: never published, never cached as current
        }
        if a.config_gen == gen {
            doc.analyzed = Some(a.clone());
            if doc.pending == Some(v) && publish {
                doc.pending = None;
            }
            self.inner.analyzed.send_modify(|n| *n += 1);
            if let Some(diags) = diags {
                doc.published = Some(v);
                self.send(Out::Publish(uri.clone(), diags, Some(v)));
            }
        }
        Some(a)
    }

    /// The current analysis of a document for a request, with its version and the encoding.
    /// While typing, editors ask for code actions (and more) after every keystroke: rather than
    /// analyse each intermediate version, a request waits (boundedly) for the debounced analysis
    /// of the current version, and only analyses by itself when none is coming.
    async fn current(&self, uri: &Url) -> Option<(Arc<Analyzed>, i32, Encoding, ClientCaps)> {
        let deadline = tokio::time::Instant::now() + REQUEST_WAIT;
        loop {
            let (version, enc, caps, wait) = {
                let mut st = self.lock();
                let (enc, caps) = (st.encoding, st.caps);
                let d = st.docs.get(uri)?;
                let version = d.version;
                let pending = d.pending == Some(version);
                if let (Prepared::Ready(a), v) = self.prepare(&mut st, uri, Some(version))? {
                    return Some((a, v, enc, caps));
                }
                // Subscribed under the lock: no notification can slip between check and wait.
                let wait = (pending && tokio::time::Instant::now() < deadline)
                    .then(|| self.inner.analyzed.subscribe());
                (version, enc, caps, wait)
            };
            match wait {
                Some(mut rx) => {
                    if tokio::time::timeout_at(deadline, rx.changed())
                        .await
                        .is_err()
                    {
                        continue; // waited long enough: analyse below on the next turn
                    }
                }
                None => {
                    let a = self.analyze(uri, version, false).await?;
                    return Some((a, version, enc, caps));
                }
            }
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
            let new_text = match crate::workspace::allow_word_in_file(&path, &word) {
                Ok(t) => t,
                Err(e) => {
                    self.log(
                        MessageType::WARNING,
                        format!("cannot offer to allow “{word}”: {e}"),
                    );
                    continue;
                }
            };
            let edit = if path.exists() {
                let old = std::fs::read_to_string(&path).unwrap_or_default();
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
                                version: None,
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
        hash: 0,
        config_gen: 0,
        index: crate::position::LineIndex::new(&text),
        text,
        analysis: Default::default(),
        config: Default::default(),
        skipped: None,
        config_errors: errors,
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
        // during the first document's analysis.
        tokio::task::spawn_blocking(|| {
            let warm = "date 2021-08-15\n\nKABUL — The council met on Thursday, officials said. “It was TK,” she said.\n";
            let _ = crate::engine::analyze_as(
                warm,
                crate::document::Format::Markdown,
                &crate::Config::default(),
            );
        });
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
            st.docs
                .insert(td.uri.clone(), Doc::new(&td.text, td.version, kind));
            if kind != DocKind::Other {
                self.schedule(&mut st, td.uri, td.version, Duration::ZERO);
            }
        }
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let version = p.text_document.version;
        let mut st = self.lock();
        let enc = st.encoding;
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
        if doc.kind != DocKind::Other {
            self.schedule(&mut st, uri.clone(), version, DEBOUNCE);
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
        if st.docs.remove(&p.text_document.uri).is_some() {
            self.send(Out::Publish(p.text_document.uri.clone(), Vec::new(), None));
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
                Ok(None) => st.caps.configuration,
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
            actions.extend(self.allow_word_actions(&a, &p.text_document.uri, req, enc, caps));
        }
        Ok(Some(actions))
    }

    /// `copydesk.allowWord` writes a new copydesk.toml for an editor that cannot create one
    /// through an edit. `copydesk.saveConfig` is run by the editor itself (see
    /// `features::save_config_command`); a client that sends it here gets a no-op.
    async fn execute_command(
        &self,
        p: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
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
        let off = convert::offset(&a, p.text_document_position_params.position, enc);
        Ok(features::hover(&a, off, enc))
    }

    async fn inlay_hint(&self, p: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some((a, _, enc, _)) = self.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        let start = convert::offset(&a, p.range.start, enc);
        let end = convert::offset(&a, p.range.end, enc);
        Ok(Some(features::inlay_hints(
            &a,
            Span::new(start.min(end), start.max(end)),
            enc,
        )))
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some((a, _, enc, _)) = self.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(
            features::document_symbols(&a, enc),
        )))
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
        Ok(Some(features::code_lenses(&a)))
    }
}
