//! The server's state: open documents (one rope each), the negotiated encoding and the
//! configuration layers. Everything here is plain synchronous code, called under the one
//! `std::sync::Mutex` before any `.await` (handlers run concurrently).

use crate::config::{Config, ConfigError, ConfigPatch};
use crate::document::Format;
use crate::engine::Analysis;
use crate::position::{self, Encoding, LineCol, LineIndex};
use crate::rules::memo::Memo;
use ropey::Rope;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

/// Documents bigger than this are not analysed (one information diagnostic says so).
pub const MAX_ANALYSIS_BYTES: usize = 2 * 1024 * 1024;

/// What an open document is to us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// Copy to check, in this format.
    Prose(Format),
    /// A `copydesk.toml`: checked for configuration errors only.
    ConfigFile,
    /// A language we do not check; tracked so that versions stay consistent.
    Other,
}

impl DocKind {
    pub fn of(uri: &Url, language_id: &str) -> DocKind {
        if file_name(uri) == Some("copydesk.toml") {
            return DocKind::ConfigFile;
        }
        match language_id {
            "markdown" | "md" => DocKind::Prose(Format::Markdown),
            // Emacs without markdown-mode opens `.md` in text-mode and says "text": the file
            // name is the better witness there.
            "plaintext" | "text" | "txt" if file_name(uri).is_some_and(is_markdown_name) => {
                DocKind::Prose(Format::Markdown)
            }
            "plaintext" | "text" | "txt" => DocKind::Prose(Format::Plain),
            _ => DocKind::Other,
        }
    }
}

fn is_markdown_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".md", ".markdown", ".mdown", ".mkd"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

fn file_name(uri: &Url) -> Option<&str> {
    uri.path_segments().and_then(|mut s| s.next_back())
}

/// A finished analysis of one exact text under one configuration.
pub struct Analyzed {
    /// The text generation (see [`Doc::gen`]) it was made for.
    pub gen: u64,
    pub config_gen: u64,
    pub text: Arc<str>,
    /// Shared with the memo, which makes the next edit's from it.
    pub index: Arc<LineIndex>,
    pub analysis: Analysis,
    pub config: Arc<Config>,
    /// Why the text was not analysed, if it was not (too large, binary).
    pub skipped: Option<Skipped>,
    /// For a `copydesk.toml`: its problems, in line order.
    pub config_errors: Vec<ConfigError>,
    /// Set when the findings were made without their "ignore here" fixes (the format the text
    /// was parsed in): [`Analyzed::ignore_fixes`] makes them when a code action asks.
    pub lean: Option<Format>,
    /// The findings' messages, each kept once (see [`Analyzed::intern_messages`]); empty when
    /// the findings keep their own.
    pub messages: Messages,
    /// The source audit, made on first use when the analysis left it for later (see
    /// [`Analyzed::sources`]).
    pub sources: std::sync::OnceLock<Vec<crate::report::Source>>,
}

/// The distinct messages of an analysis and, for each finding in order, the index of its own.
#[derive(Default)]
pub struct Messages {
    pub distinct: Vec<Box<str>>,
    pub of: Vec<u32>,
}

impl Analyzed {
    /// The story's sources (the outline, the code lens): the analysis's own, or made now from
    /// what it left for later (publishing an edit's diagnostics does not wait for the audit).
    pub fn sources(&self) -> &[crate::report::Source] {
        match &self.analysis.later_sources {
            Some(later) => self.sources.get_or_init(|| later.make(&self.text)),
            None => &self.analysis.sources,
        }
    }

    /// Keeps each distinct message once: a story's findings repeat a handful of messages (the
    /// server keeps fifty stories' findings), each finding's own string is freed. A rule's
    /// finding often says what its last one said: that message is compared first, and only a
    /// different one is hashed and looked up.
    fn intern_messages(&mut self) {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let hasher = BuildHasherDefault::<rustc_hash::FxHasher>::default();
        let mut distinct: Vec<Box<str>> = Vec::new();
        // By hash: the numbers of the distinct messages with that hash.
        let mut ids: rustc_hash::FxHashMap<u64, Vec<u32>> = Default::default();
        // Each rule's last message (rules told apart by their id's address).
        let mut last: Vec<(&'static str, u32)> = Vec::new();
        let mut of = Vec::with_capacity(self.analysis.findings.len());
        for f in &mut self.analysis.findings {
            let m = std::mem::take(&mut f.message);
            let rule = last.iter().position(|(r, _)| std::ptr::eq(*r, f.rule));
            if let Some(k) = rule {
                let id = last[k].1;
                if *distinct[id as usize] == *m {
                    of.push(id);
                    continue;
                }
            }
            let hash = hasher.hash_one(m.as_str());
            let same = ids.entry(hash).or_default();
            // Looked up as it is: only a message not seen before is boxed (shrunk) and kept.
            let id = match same.iter().find(|&&id| *distinct[id as usize] == *m) {
                Some(&id) => id,
                None => {
                    let next = distinct.len() as u32;
                    distinct.push(m.into_boxed_str());
                    same.push(next);
                    next
                }
            };
            match rule {
                Some(k) => last[k].1 = id,
                None => last.push((f.rule, id)),
            }
            of.push(id);
        }
        self.messages = Messages { distinct, of };
    }

    /// A finding's message (of this analysis, or any finding: its own when it keeps one).
    pub fn message<'s>(&'s self, f: &'s crate::finding::Finding) -> &'s str {
        if !f.message.is_empty() || self.messages.of.is_empty() {
            return &f.message;
        }
        // The engine sorts findings by (start, end, rule), one per rule and span.
        let key = |g: &crate::finding::Finding| (g.span.start, g.span.end, g.rule);
        self.analysis
            .findings
            .binary_search_by(|g| key(g).cmp(&key(f)))
            .ok()
            .and_then(|i| self.messages.of.get(i))
            .and_then(|&m| self.messages.distinct.get(m as usize))
            .map_or(&f.message, |m| m)
    }

    /// The fixes of `findings` (findings of this analysis, in text order) that a lean analysis
    /// left for later, made now: the rule's own fixes it left ([`crate::engine::fixes_later`])
    /// and the "ignore here" fix the engine adds to a full analysis, in that order (what a full
    /// analysis gives after the finding's `fixes`). Empty when the analysis carries them.
    pub fn fixes_later(&self, findings: &[&crate::finding::Finding]) -> Vec<Vec<crate::Fix>> {
        let Some(format) = self.lean else {
            return findings.iter().map(|_| Vec::new()).collect();
        };
        let doc = crate::document::Document::parse(&self.text, format, self.config.dateline);
        let mut ignore = crate::engine::suppress::IgnoreFixes::new(&doc);
        findings
            .iter()
            .map(|f| {
                let mut fixes = crate::engine::fixes_later(&doc, &self.config, f);
                fixes.extend(ignore.fix_for(f));
                fixes
            })
            .collect()
    }

    /// The findings with every fix a lean analysis left for later made (not the "ignore here"
    /// ones), for a "fix all": the findings of a full analysis, less those.
    pub fn findings_with_fixes(&self) -> std::borrow::Cow<'_, [crate::finding::Finding]> {
        let findings = &self.analysis.findings;
        match self.lean {
            Some(format) if findings.iter().any(|f| f.later.is_some()) => {
                let mut all = findings.clone();
                crate::engine::make_fixes_later(&self.text, format, &self.config, &mut all);
                std::borrow::Cow::Owned(all)
            }
            _ => std::borrow::Cow::Borrowed(findings),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skipped {
    TooLarge,
    Binary,
}

/// A document's text is kept once while it is idle: the rope for edits is made from the text on
/// the next change and dropped again once an analysis of the new text is stored, for texts up to
/// this size (making it again costs microseconds; bigger ones keep theirs).
const SHED_ROPE_BYTES: usize = 256 * 1024;

pub struct Doc {
    /// The text as edits change it. None while `text` holds it (see [`Doc::shed_rope`]): at
    /// least one of the two is always there, and they agree when both are.
    rope: Option<Rope>,
    pub version: i32,
    /// Unique across the session, new on every open and every change: editors restart versions
    /// at 1 when a document is reopened, so versions alone cannot tell two texts apart.
    pub gen: u64,
    /// `gen` as the analysis workers see it (checked between stages, off the lock); set to
    /// `u64::MAX` when the document is closed or replaced.
    pub latest: Arc<AtomicU64>,
    /// An analysis of the current text is wanted (the debounce ran out, a request asked, or the
    /// configuration changed); the document's worker picks it up.
    pub ready: bool,
    pub kind: DocKind,
    /// The current text as one string (tagged with the generation it was made for), made from
    /// the rope on demand; cleared by every change.
    text: Option<(u64, Arc<str>)>,
    /// The last analysis made for this document (possibly of an older text).
    pub analyzed: Option<Arc<Analyzed>>,
    /// The `copydesk.toml` that applies, once discovered (`Some(None)`: none found).
    pub config_path: Option<Option<PathBuf>>,
    /// The (generation, configuration generation) whose diagnostics were sent last.
    pub published: Option<(u64, u64)>,
    /// A generation whose debounce is running: requests wait for it rather than start an
    /// analysis on every keystroke.
    pub pending: Option<u64>,
    /// When the last change arrived (edits close together are debounced).
    pub last_change: Option<std::time::Instant>,
    /// The work each paragraph's own text decided in the last analysis, for the next one to take
    /// (see [`crate::rules::memo`]): made on the first change, kept for the [`MEMO_DOCS`] stories
    /// edited last (a story only opened keeps none, unless it is long ([`MEMO_AT_OPEN_FROM`]): its
    /// memo is filled once its open is published; one left for others keeps none).
    pub memo: Option<Arc<std::sync::Mutex<Memo>>>,
}

/// How many stories keep a paragraph memo (the ones edited last): about the size of their
/// findings each, so fifty open stories cost what four do.
pub const MEMO_DOCS: usize = 4;

/// The shortest story whose memo is filled after its open (a shorter one's is made at its first
/// change): a long story's first edit is then no cold analysis (see `Backend::seed_memo`).
/// Stories of a few thousand words, the fifty an editor may restore at once, keep none until
/// edited.
pub const MEMO_AT_OPEN_FROM: usize = crate::engine::registry::TWO_THREADS_FROM;

impl Doc {
    pub fn new(text: &str, version: i32, gen: u64, kind: DocKind) -> Doc {
        Doc {
            rope: None,
            version,
            gen,
            latest: Arc::new(AtomicU64::new(gen)),
            ready: false,
            kind,
            text: Some((gen, Arc::from(text))),
            analyzed: None,
            config_path: None,
            published: None,
            pending: None,
            last_change: None,
            memo: None,
        }
    }

    /// Moves the document to a new text generation (after a change).
    pub fn set_gen(&mut self, gen: u64) {
        self.gen = gen;
        self.latest.store(gen, Ordering::SeqCst);
    }

    /// Tells any analysis still running for this document that its text is gone.
    pub fn retire(&self) {
        self.latest.store(u64::MAX, Ordering::SeqCst);
    }

    pub fn text(&mut self) -> Arc<str> {
        match &mut self.text {
            Some((g, t)) if *g == self.gen => t.clone(),
            // No change since it was made (every change clears it): only the generation moved.
            Some((g, t)) if self.rope.is_none() => {
                *g = self.gen;
                t.clone()
            }
            _ => {
                // Chunk by chunk into a string made the right size (`to_string` formats each
                // chunk and grows the string as it goes: a megabyte copied about three times).
                let t: Arc<str> = Arc::from(String::from(&*self.rope_mut()));
                self.text = Some((self.gen, t.clone()));
                t
            }
        }
    }

    /// The rope, made from the text if it was dropped.
    fn rope_mut(&mut self) -> &mut Rope {
        let text = &self.text;
        self.rope
            .get_or_insert_with(|| Rope::from_str(text.as_ref().map_or("", |(_, t)| t)))
    }

    /// Drops the rope of a small document whose text is made (an analysis of it is stored):
    /// fifty open stories keep one copy of their text each, not two.
    pub fn shed_rope(&mut self) {
        if self
            .text
            .as_ref()
            .is_some_and(|(_, t)| t.len() <= SHED_ROPE_BYTES)
        {
            self.rope = None;
        }
    }

    /// Applies one content change, in the negotiated encoding. Out-of-range positions are
    /// clamped; the returned note says what was clamped, for the log.
    pub fn apply(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        enc: Encoding,
    ) -> Option<String> {
        let Some(range) = change.range else {
            self.text = None;
            self.rope = Some(Rope::from_str(&change.text));
            return None;
        };
        let rope = self.rope_mut();
        let start = LineCol {
            line: range.start.line,
            character: range.start.character,
        };
        let end = LineCol {
            line: range.end.line,
            character: range.end.character,
        };
        let (mut a, ca) = position::rope::char_index(rope, start, enc);
        let (mut b, cb) = position::rope::char_index(rope, end, enc);
        let mut note = (ca || cb).then(|| {
            format!(
                "clamped out-of-range edit {}:{}-{}:{}",
                start.line, start.character, end.line, end.character
            )
        });
        if b < a {
            std::mem::swap(&mut a, &mut b);
            note = Some(format!(
                "edit range {}:{}-{}:{} ends before it starts; swapped",
                start.line, start.character, end.line, end.character
            ));
        }
        rope.remove(a..b);
        rope.insert(a, &change.text);
        self.text = None;
        note
    }
}

/// A `copydesk.toml` as last read.
#[derive(Default)]
pub struct ConfigFile {
    /// The last version that parsed.
    pub good: Option<ConfigPatch>,
    /// The current problem, if the file on disk is bad.
    pub error: Option<ConfigError>,
}

/// Capabilities of the client that change what we send.
#[derive(Default, Clone, Copy)]
pub struct ClientCaps {
    pub document_changes: bool,
    /// `workspace.workspaceEdit.resourceOperations` includes `create`.
    pub create_files: bool,
    pub configuration: bool,
    pub watched_files_registration: bool,
}

#[derive(Default)]
pub struct State {
    pub encoding: Encoding,
    pub caps: ClientCaps,
    pub roots: Vec<PathBuf>,
    pub docs: HashMap<Url, Doc>,
    /// Editor settings from `initializationOptions`.
    pub init_settings: Option<ConfigPatch>,
    /// Editor settings from `workspace/didChangeConfiguration` or `workspace/configuration`.
    pub settings: Option<ConfigPatch>,
    /// Bumped by every settings push, so that a pull answered after a newer push is dropped.
    pub settings_seq: u64,
    pub config_files: HashMap<PathBuf, ConfigFile>,
    /// Effective configuration per `copydesk.toml` (None: no file), for `config_gen`.
    effective: HashMap<Option<PathBuf>, Arc<Config>>,
    /// Bumped whenever any configuration layer changes; part of the analysis cache key.
    pub config_gen: u64,
    /// Errors already shown with window/showMessage (shown once each).
    pub shown: HashSet<String>,
    pub shutdown: bool,
    /// The last text generation handed out.
    pub last_gen: u64,
    /// Documents whose analysis worker is running (at most one per document).
    pub running: HashSet<Url>,
}

impl State {
    /// Drops the paragraph memos of all but the [`MEMO_DOCS`] stories changed last.
    pub fn trim_memos(&mut self) {
        let mut with: Vec<_> = self
            .docs
            .values_mut()
            .filter(|d| d.memo.is_some())
            .collect();
        if with.len() > MEMO_DOCS {
            with.sort_by_key(|d| std::cmp::Reverse(d.last_change));
            for d in &mut with[MEMO_DOCS..] {
                d.memo = None;
            }
        }
    }

    /// A new, unique text generation.
    pub fn next_gen(&mut self) -> u64 {
        self.last_gen += 1;
        self.last_gen
    }

    /// Forgets every derived configuration; the next analysis re-reads and re-merges.
    pub fn config_changed(&mut self) {
        self.effective.clear();
        self.config_gen += 1;
    }

    /// Forgets which `copydesk.toml` applies to each document (discovery runs again).
    pub fn forget_config_paths(&mut self) {
        for d in self.docs.values_mut() {
            d.config_path = None;
        }
        self.config_changed();
    }

    /// Where "allow this word in the project" writes: the `copydesk.toml` in force for the
    /// document, else a new one at its workspace root (else next to it).
    pub fn allow_target(&mut self, uri: &Url) -> Option<PathBuf> {
        let file = uri.to_file_path().ok()?;
        let dir = file.parent()?.to_path_buf();
        let found = match self.docs.get(uri).and_then(|d| d.config_path.clone()) {
            Some(p) => p,
            None => crate::workspace::discover(&dir, self.root_for(&dir).as_deref()),
        };
        Some(found.unwrap_or_else(|| self.root_for(&dir).unwrap_or(dir).join("copydesk.toml")))
    }

    fn root_for(&self, dir: &Path) -> Option<PathBuf> {
        self.roots
            .iter()
            .filter(|r| dir.starts_with(r))
            .max_by_key(|r| r.as_os_str().len())
            .cloned()
    }

    /// The configuration in force for a document: defaults, then its `copydesk.toml` (the last
    /// good version of it), then the editor's settings. Reads the file system (discovery, one
    /// small file) the first time only. Also returns a newly found config file problem to report.
    pub fn config_for(&mut self, uri: &Url) -> (Arc<Config>, Option<(PathBuf, ConfigError)>) {
        let path = match self.docs.get(uri).and_then(|d| d.config_path.clone()) {
            Some(p) => p,
            None => {
                let found = uri.to_file_path().ok().and_then(|f| {
                    let dir = f.parent()?.to_path_buf();
                    let root = self.root_for(&dir);
                    crate::workspace::discover(&dir, root.as_deref())
                });
                if let Some(d) = self.docs.get_mut(uri) {
                    d.config_path = Some(found.clone());
                }
                found
            }
        };
        let mut problem = None;
        if let Some(p) = &path {
            if !self.config_files.contains_key(p) {
                let mut entry = ConfigFile::default();
                match crate::workspace::load(p) {
                    Ok(patch) => entry.good = Some(patch),
                    Err(e) => {
                        problem = Some((p.clone(), e.clone()));
                        entry.error = Some(e);
                    }
                }
                self.config_files.insert(p.clone(), entry);
                self.effective.remove(&path);
            }
        }
        if let Some(c) = self.effective.get(&path) {
            return (c.clone(), problem);
        }
        let mut config = Config::default();
        if let Some(patch) = path
            .as_ref()
            .and_then(|p| self.config_files.get(p))
            .and_then(|f| f.good.clone())
        {
            config = config.with(patch);
        }
        if let Some(p) = &self.init_settings {
            config = config.with(p.clone());
        }
        if let Some(p) = &self.settings {
            config = config.with(p.clone());
        }
        let config = Arc::new(config);
        self.effective.insert(path, config.clone());
        (config, problem)
    }

    /// Re-reads one `copydesk.toml` after it changed on disk, keeping the last good version when
    /// the new one is bad. Returns its problem, if any.
    pub fn reload_config_file(&mut self, path: &Path) -> Option<ConfigError> {
        let entry = self.config_files.entry(path.to_path_buf()).or_default();
        let result = if path.is_file() {
            Some(crate::workspace::load(path))
        } else {
            None
        };
        let problem = match result {
            Some(Ok(patch)) => {
                entry.good = Some(patch);
                entry.error = None;
                None
            }
            Some(Err(e)) => {
                entry.error = Some(e.clone());
                Some(e)
            }
            None => {
                self.config_files.remove(path);
                None
            }
        };
        // A file that appeared or vanished can change which file applies to each document.
        self.forget_config_paths();
        problem
    }
}

/// Reads editor settings: either the `copydesk` section itself or an object holding it.
/// `null` or `{}` mean "no settings". Keys only the server knows are removed first.
pub fn settings_patch(value: &serde_json::Value) -> Result<Option<ConfigPatch>, ConfigError> {
    let v = match value.get("copydesk") {
        Some(inner) => inner,
        None => value,
    };
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Object(m) if m.is_empty() => Ok(None),
        serde_json::Value::Object(m) => {
            // The keys are copydesk.toml's (snake_case); accept camelCase spellings too, which
            // some editors produce. Client-only keys are dropped by `from_json`.
            let m: serde_json::Map<String, serde_json::Value> = m
                .iter()
                .map(|(k, v)| {
                    (
                        if crate::config::CLIENT_ONLY_KEYS.contains(&k.as_str()) {
                            k.clone()
                        } else {
                            camel_to_snake(k)
                        },
                        v.clone(),
                    )
                })
                .collect();
            ConfigPatch::from_json(&serde_json::Value::Object(m)).map(Some)
        }
        other => Err(ConfigError {
            line: None,
            message: format!("editor settings for copydesk must be an object, not {other}"),
        }),
    }
}

fn camel_to_snake(k: &str) -> String {
    let mut out = String::with_capacity(k.len() + 4);
    for c in k.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Analyses a snapshot. Pure and blocking: run it with `spawn_blocking`. `None` when `stop`
/// (asked between the core's stages) says the text has changed again.
pub fn analyze_snapshot(
    kind: DocKind,
    text: Arc<str>,
    config: Arc<Config>,
    config_gen: u64,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Analyzed> {
    analyze_snapshot_memo(kind, text, config, config_gen, stop, None)
}

/// [`analyze_snapshot`] that takes each paragraph's local work from `memo` where an earlier
/// analysis of the story did it, and keeps this one's there (same result either way).
pub fn analyze_snapshot_memo(
    kind: DocKind,
    text: Arc<str>,
    config: Arc<Config>,
    config_gen: u64,
    stop: &(dyn Fn() -> bool + Sync),
    memo: Option<&Memo>,
) -> Option<Analyzed> {
    let index = match memo {
        Some(m) => m.line_index(&text),
        None => Arc::new(LineIndex::new(&text)),
    };
    let mut out = Analyzed {
        gen: 0,
        config_gen,
        text: text.clone(),
        index,
        analysis: Analysis::default(),
        config: config.clone(),
        skipped: None,
        config_errors: Vec::new(),
        lean: None,
        messages: Messages::default(),
        sources: Default::default(),
    };
    match kind {
        DocKind::Prose(format) => {
            if text.len() > MAX_ANALYSIS_BYTES {
                out.skipped = Some(Skipped::TooLarge);
            } else if memchr::memchr(0, text.as_bytes()).is_some() {
                out.skipped = Some(Skipped::Binary);
            } else {
                out.analysis = match memo {
                    Some(m) => crate::engine::analyze_lean_memo(&text, format, &config, stop, m)?,
                    None => crate::engine::analyze_lean_until(&text, format, &config, stop)?,
                };
                out.lean = Some(format);
                out.intern_messages();
            }
        }
        DocKind::ConfigFile => {
            out.config_errors = crate::engine::catalog::diagnose(&text);
        }
        DocKind::Other => {}
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_and_clamping() {
        let mut d = Doc::new("“Hi” 🎉 TK\r\nnext", 1, 1, DocKind::Prose(Format::Markdown));
        // Replace "TK" (UTF-16 columns 8..10) with "done".
        assert!(d
            .apply(&change(0, 8, 0, 10, "done"), Encoding::Utf16)
            .is_none());
        assert_eq!(&*d.text(), "“Hi” 🎉 done\r\nnext");
        // Past the end: clamped to the end of the text, noted, no panic.
        assert!(d
            .apply(&change(7, 3, 9, 99, "!"), Encoding::Utf16)
            .is_some());
        assert_eq!(&*d.text(), "“Hi” 🎉 done\r\nnext!");
        // Reversed range: swapped.
        assert!(d
            .apply(&change(1, 4, 1, 0, "last"), Encoding::Utf16)
            .is_some());
        assert_eq!(&*d.text(), "“Hi” 🎉 done\r\nlast!");
        // UTF-8 columns.
        assert!(d.apply(&change(0, 0, 0, 8, "Yo"), Encoding::Utf8).is_none());
        assert_eq!(&*d.text(), "Yo 🎉 done\r\nlast!");
    }

    #[test]
    fn settings_shapes() {
        assert_eq!(settings_patch(&serde_json::json!({})).unwrap(), None);
        assert_eq!(settings_patch(&serde_json::json!(null)).unwrap(), None);
        let p = settings_patch(
            &serde_json::json!({"copydesk": {"rules": {"style": "off"}, "inlayHints": false}}),
        )
        .unwrap()
        .unwrap();
        assert_eq!(p.inlay_hints, Some(false));
        assert!(settings_patch(&serde_json::json!({"rules": {"nope/nope": "off"}})).is_err());
        assert!(settings_patch(&serde_json::json!([1])).is_err());
    }

    #[test]
    fn text_language_id_on_a_markdown_file_is_markdown() {
        let md = Url::parse("file:///news/story.md").unwrap();
        let txt = Url::parse("file:///news/story.txt").unwrap();
        assert_eq!(DocKind::of(&md, "text"), DocKind::Prose(Format::Markdown));
        assert_eq!(
            DocKind::of(&md, "markdown"),
            DocKind::Prose(Format::Markdown)
        );
        assert_eq!(
            DocKind::of(&txt, "plaintext"),
            DocKind::Prose(Format::Plain)
        );
        assert_eq!(
            DocKind::of(&txt, "markdown"),
            DocKind::Prose(Format::Markdown)
        );
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use crate::position::LineIndex;
    use proptest::prelude::*;
    use tower_lsp::lsp_types::{Position, Range};

    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "a", "TK", " ", "\n", "\r\n", "\r", "é", "🎉", "“", "”", "—", "\u{2028}", "\u{b}",
            "said", ".", "\"", "Aug. 12", "Thursday",
        ])
        .prop_map(String::from)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any sequence of edits, in range or not, in either encoding: no panic, and the rope
        /// stays consistent with an independent line index of its text.
        #[test]
        fn edits_never_panic(start in prop::collection::vec(piece(), 0..20), edits in prop::collection::vec((0u32..8, 0u32..12, 0u32..8, 0u32..12, prop::collection::vec(piece(), 0..3), any::<bool>(), any::<bool>()), 0..40)) {
            let mut d = Doc::new(&start.concat(), 1, 1, DocKind::Prose(Format::Markdown));
            // The same edits on a document that never drops its rope: the texts agree.
            let mut kept = Doc::new(&start.concat(), 1, 1, DocKind::Prose(Format::Markdown));
            for (l0, c0, l1, c1, text, utf8, shed) in edits {
                let change = TextDocumentContentChangeEvent { range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))), range_length: None, text: text.concat() };
                let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
                d.apply(&change, enc);
                kept.apply(&change, enc);
                d.version += 1;
                d.set_gen(d.gen + 1);
                kept.set_gen(kept.gen + 1);
                let t = d.text();
                prop_assert_eq!(&*t, &*kept.text());
                prop_assert_eq!(kept.rope_mut().len_lines(), LineIndex::new(&t).line_count());
                if shed {
                    d.shed_rope();
                    prop_assert!(d.rope.is_none());
                }
            }
        }

        /// Analysis and every request over arbitrary copy: no panic anywhere.
        #[test]
        fn requests_never_panic(pieces in prop::collection::vec(piece(), 0..60)) {
            let text: Arc<str> = Arc::from(pieces.concat());
            let a = analyze_snapshot(DocKind::Prose(Format::Markdown), text.clone(), Arc::new(Config::default()), 0, &|| false).unwrap();
            let uri = Url::parse("file:///f.md").unwrap();
            for enc in [Encoding::Utf16, Encoding::Utf8] {
                let _ = super::super::convert::diagnostics(&a, enc);
                let whole = crate::finding::Span::new(0, text.len());
                let _ = super::super::features::inlay_hints(&a, whole, enc);
                let _ = super::super::features::document_symbols(&a, enc);
                let _ = super::super::features::code_lenses(&a);
                let _ = super::super::features::code_actions(&a, &uri, whole, &None, 1, enc, super::super::features::EditShape { document_changes: true });
                for off in 0..=text.len() {
                    let _ = super::super::features::hover(&a, off, enc);
                }
            }
        }
    }
}
