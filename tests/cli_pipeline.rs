//! The command line in a desk's pipeline: `check --fix` / `--unsafe-fixes`, `--format sarif`
//! (validated against the SARIF 2.1.0 schema) and `--format jsonl`, folders and globs that honour
//! .gitignore, `--stdin-filename`, and `explain` by bare rule name or lexicon term.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn copydesk_in(dir: Option<&Path>, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("spawn copydesk");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn copydesk(args: &[&str], stdin: Option<&str>) -> Output {
    copydesk_in(None, args, stdin)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("copydesk-pipe-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Rules and their fixes as the library reports them on `text`.
fn findings(text: &str) -> Vec<copydesk::Finding> {
    copydesk::analyze(text, &copydesk::Config::default()).findings
}

/// A story with a safe fix (an unused suppression note, removed) and an unsafe one (a loaded
/// word, replaced), and a TK whose only fixes need the writer.
const STORY: &str = "The council met on Elm Street, the mayor said.\n\n<!-- copydesk-ignore style/tk-placeholder -->\nThe vote was unanimous, the clerk said.\n\nThe regime has promised aid, officials said.\n";

#[test]
fn fix_applies_safe_fixes_in_place_and_unsafe_fixes_only_when_asked() {
    let rules: Vec<&str> = findings(STORY).iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"style/unused-suppression"), "{rules:?}");
    assert!(rules.contains(&"wording/contested-label"), "{rules:?}");
    let dir = scratch("fix");
    let path = dir.join("story.md");
    std::fs::write(&path, STORY).unwrap();
    let p = path.to_str().unwrap();

    let out = copydesk(&["check", "--fix", p], None);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        !after.contains("copydesk-ignore"),
        "the safe fix was not written: {after}"
    );
    assert!(
        after.contains("The regime has"),
        "--fix alone must not apply an unsafe fix: {after}"
    );
    let err = stderr(&out);
    let left = findings(&after).len();
    assert!(
        err.contains(&format!("fixed 1 finding in {p}"))
            && err.contains(&format!("fixed 1 finding in 1 file; {left} left")),
        "{err}"
    );
    // What is left is reported (the loaded word, a warning): exit 1.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        stdout(&out).contains("wording/contested-label"),
        "{}",
        stdout(&out)
    );
    // No temporary file is left beside the story.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["story.md"]);

    let out = copydesk(&["check", "--unsafe-fixes", p], None);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(!after.contains("regime"), "{after}");
    assert!(after.contains("The government has promised aid"), "{after}");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("fixed 1 finding"), "{}", stderr(&out));

    // Nothing left to fix: the file is not rewritten (its modification time stays).
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = copydesk(&["check", "--fix", p], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
    assert!(
        stderr(&out).contains("fixed 0 findings in 0 files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fix_never_applies_a_fix_that_needs_the_writer() {
    let text = "The fire destroyed TK homes on Elm Street, the chief said.\n";
    let tk = findings(text)
        .into_iter()
        .find(|f| f.rule == "style/tk-placeholder")
        .expect("TK flagged");
    assert!(
        tk.fixes
            .iter()
            .filter(|x| !x
                .edits
                .iter()
                .any(|e| e.new_text.contains("copydesk-ignore")))
            .all(|x| x.safety != copydesk::Safety::Safe),
        "the test needs a TK with no safe fix"
    );
    let dir = scratch("needs-input");
    let path = dir.join("fire.md");
    std::fs::write(&path, text).unwrap();
    let out = copydesk(&["check", "--unsafe-fixes", path.to_str().unwrap()], None);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn fix_on_standard_input_prints_the_fixed_copy() {
    let out = copydesk(
        &["check", "--fix", "--stdin-filename", "desk/story.md", "-"],
        Some(STORY),
    );
    let fixed = stdout(&out);
    assert!(!fixed.contains("copydesk-ignore"), "{fixed}");
    assert!(fixed.contains("The regime has promised aid"), "{fixed}");
    // the report of what is left goes to standard error, under the given name
    assert!(
        stderr(&out).contains("desk/story.md:") && stderr(&out).contains("wording/contested-label"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fix_never_writes_half_a_file() {
    // A story in a folder that cannot be written: the run fails, the story is unchanged and no
    // temporary file is left. (Root ignores permissions: then the write simply succeeds whole.)
    let dir = scratch("readonly");
    let path = dir.join("story.md");
    std::fs::write(&path, STORY).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = copydesk(&["check", "--fix", path.to_str().unwrap()], None);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    let names = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(names, 1, "a temporary file was left behind");
    if out.status.code() == Some(2) {
        assert_eq!(after, STORY);
        assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    } else {
        assert!(!after.contains("copydesk-ignore"), "{after}");
    }
}

/// A story with findings in several rules, for the report formats.
const REPORT_STORY: &str = "---\ndate: 2025-03-12\n---\n\nPORTLAND, Ore. (AP) — “Stop,” she said — 🎉 the fire destroyed TK homes, officials said.\n\nThe regime has promised aid.\n";

#[test]
fn sarif_report_validates_against_the_2_1_0_schema() {
    let dir = scratch("sarif");
    let path = dir.join("a story.md");
    std::fs::write(&path, REPORT_STORY).unwrap();
    let out = copydesk_in(
        Some(&dir),
        &["check", "--format", "sarif", "a story.md"],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "copydesk");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), copydesk::engine::registry::rules().count());
    let results = run["results"].as_array().unwrap();
    let lib = findings(REPORT_STORY);
    assert_eq!(results.len(), lib.len());
    let tk = results
        .iter()
        .find(|r| r["ruleId"] == "style/tk-placeholder")
        .expect("TK result");
    assert_eq!(
        rules[tk["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "style/tk-placeholder"
    );
    assert_eq!(tk["level"], "warning");
    let loc = &tk["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "a%20story.md");
    // 1-based line; the column counts UTF-16 units (curly quotes and em dash one each, the
    // emoji two), 1-based.
    let line = REPORT_STORY.lines().nth(4).unwrap();
    let col16 = line[..line.find("TK").unwrap()].encode_utf16().count();
    assert_eq!(loc["region"]["startLine"], 5);
    assert_eq!(loc["region"]["startColumn"], col16 + 1);
    assert_eq!(loc["region"]["endColumn"], col16 + 3);
    assert_eq!(loc["region"]["snippet"]["text"], "TK");
    assert_eq!(run["columnKind"], "utf16CodeUnits");

    // The 2.1.0 schema (OASIS, as published on SchemaStore), checked with Python's jsonschema.
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json");
    let report = dir.join("report.sarif");
    std::fs::write(&report, &out.stdout).unwrap();
    let validate = |file: &Path| {
        Command::new("python3")
            .arg("-c")
            .arg("import json, sys, jsonschema\nschema = json.load(open(sys.argv[1]))\nlog = json.load(open(sys.argv[2]))\nerrors = sorted(jsonschema.Draft7Validator(schema).iter_errors(log), key=lambda e: list(e.path))\nfor e in errors[:5]: print(list(e.path), e.message)\nsys.exit(1 if errors else 0)\n")
            .arg(&schema)
            .arg(file)
            .output()
            .expect("python3 with jsonschema (the machine's Python has it)")
    };
    let v = validate(&report);
    assert!(
        v.status.success(),
        "the SARIF report does not validate: {}{}",
        String::from_utf8_lossy(&v.stdout),
        String::from_utf8_lossy(&v.stderr)
    );
    // The validator does reject a broken log (a result without a message).
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    let bad = dir.join("broken.sarif");
    std::fs::write(&bad, broken.to_string()).unwrap();
    assert!(
        !validate(&bad).status.success(),
        "the schema check cannot fail"
    );
}

#[test]
fn jsonl_is_one_line_per_story_in_the_json_report_shape() {
    let dir = scratch("jsonl");
    std::fs::write(dir.join("a.md"), REPORT_STORY).unwrap();
    std::fs::write(
        dir.join("b.md"),
        "The council met on Monday, the clerk said.\n",
    )
    .unwrap();
    let a = dir.join("a.md");
    let b = dir.join("b.md");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let lines_out = copydesk(&["check", "--format", "jsonl", a, b], None);
    let text = stdout(&lines_out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let json_out = copydesk(&["check", "--format", "json", a, b], None);
    let report: Value = serde_json::from_slice(&json_out.stdout).unwrap();
    for (i, line) in lines.iter().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v, report["files"][i], "line {i} differs from files[{i}]");
    }
    assert_eq!(lines_out.status.code(), json_out.status.code());
}

#[test]
fn check_walks_folders_and_globs_honouring_gitignore() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("desk/drafts")).unwrap();
    std::fs::create_dir_all(dir.join("desk/.hidden")).unwrap();
    let flagged = "The fire destroyed TK homes, the chief said.\n";
    for f in [
        "desk/a.md",
        "desk/b.txt",
        "desk/drafts/c.md",
        "desk/drafts/old.md",
        "desk/.hidden/d.md",
        "desk/notes.json",
    ] {
        std::fs::write(dir.join(f), flagged).unwrap();
    }
    std::fs::write(dir.join("desk/.gitignore"), "old.md\n").unwrap();
    let paths = |o: &Output| -> Vec<String> {
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    let out = copydesk_in(Some(&dir), &["check", "--format", "json", "desk"], None);
    assert_eq!(
        paths(&out),
        ["desk/a.md", "desk/b.txt", "desk/drafts/c.md"],
        "{}",
        stderr(&out)
    );
    let out = copydesk_in(
        Some(&dir),
        &["check", "--format", "json", "desk/**/*.md"],
        None,
    );
    assert_eq!(
        paths(&out),
        ["desk/a.md", "desk/drafts/c.md"],
        "{}",
        stderr(&out)
    );
    let out = copydesk_in(
        Some(&dir),
        &["check", "--format", "json", "desk/*.txt"],
        None,
    );
    assert_eq!(paths(&out), ["desk/b.txt"]);
    // A file named outright is read even when ignored.
    let out = copydesk_in(
        Some(&dir),
        &["check", "--format", "json", "desk/drafts/old.md"],
        None,
    );
    assert_eq!(paths(&out), ["desk/drafts/old.md"]);
    // A glob that matches nothing is an error, not a clean run.
    let out = copydesk_in(Some(&dir), &["check", "desk/*.nothing"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no files match"), "{}", stderr(&out));
}

#[test]
fn stdin_filename_names_the_input_and_picks_its_format_and_config() {
    let dir = scratch("stdin-name");
    std::fs::create_dir_all(dir.join("desk")).unwrap();
    std::fs::write(
        dir.join("desk/copydesk.toml"),
        "[rules]\n\"style/tk-placeholder\" = \"error\"\n",
    )
    .unwrap();
    let text = "The fire destroyed TK homes, the chief said.\n";
    let out = copydesk_in(
        Some(&dir),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "desk/fire.md",
            "-",
        ],
        Some(text),
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "desk/fire.md");
    let tk = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "style/tk-placeholder")
        .expect("TK");
    assert_eq!(tk["severity"], "error", "desk/copydesk.toml was not used");
    // Without the name: standard input is "-", and the folder's config is not found.
    let out = copydesk_in(Some(&dir), &["check", "--format", "json", "-"], Some(text));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "-");
}

#[test]
fn explain_takes_a_bare_rule_name_and_a_lexicon_term() {
    let full = copydesk(&["explain", "style/tk-placeholder"], None);
    let bare = copydesk(&["explain", "tk-placeholder"], None);
    assert_eq!(bare.status.code(), Some(0), "{}", stderr(&bare));
    assert_eq!(stdout(&bare), stdout(&full));
    let term = copydesk(&["explain", "terrorists"], None);
    assert_eq!(term.status.code(), Some(0), "{}", stderr(&term));
    let text = stdout(&term);
    assert!(text.contains("“terrorist”"), "{text}");
    assert!(text.contains("militant"), "{text}");
    assert!(text.contains("wording/contested-label"), "{text}");
    let none = copydesk(&["explain", "zzzz-not-a-thing"], None);
    assert_eq!(none.status.code(), Some(2));
}

#[test]
fn pre_commit_hook_entries_run_as_pre_commit_runs_them() {
    // pre-commit runs `entry` with the staged file names appended.
    let hooks = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .unwrap();
    let entries: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry:"))
        .map(str::trim)
        .collect();
    assert_eq!(entries, ["copydesk check", "copydesk check --fix"]);
    assert!(hooks.contains("language: rust"));
    let dir = scratch("pre-commit");
    let story = dir.join("story.md");
    for entry in entries {
        std::fs::write(&story, STORY).unwrap();
        let args: Vec<&str> = entry
            .split_whitespace()
            .skip(1)
            .chain([story.to_str().unwrap()])
            .collect();
        let out = copydesk(&args, None);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{entry}: a loaded word blocks the commit"
        );
        let clean = dir.join("clean.md");
        std::fs::write(&clean, "The council met on Elm Street, the mayor said.\n").unwrap();
        let mut args: Vec<&str> = entry.split_whitespace().skip(1).collect();
        args.push(clean.to_str().unwrap());
        assert_eq!(copydesk(&args, None).status.code(), Some(0), "{entry}");
    }
    assert!(!std::fs::read_to_string(&story)
        .unwrap()
        .contains("copydesk-ignore"));
}

#[test]
fn every_rule_that_is_on_by_default_reaches_the_problems_panel() {
    // VS Code's Problems panel does not list hints.
    for r in copydesk::engine::registry::rules() {
        if let copydesk::rule::Level::On(s) = r.default_level {
            assert!(s >= copydesk::Severity::Info, "{} defaults to {s}", r.id);
        }
    }
}

#[test]
fn the_one_source_advice_only_where_sources_may_be_one_source() {
    let message = |text: &str| -> String {
        findings(text)
            .into_iter()
            .find(|f| f.rule == "attribution/anonymous-source")
            .unwrap_or_else(|| panic!("no anonymous-source finding in {text:?}"))
            .message
    };
    // Issue 15 point 5: "sources" alone are several; the advice only when the copy also speaks
    // of the source in the singular.
    let plural = message("Sources said the minister would resign on Friday.\n");
    assert!(!plural.contains("one source"), "{plural}");
    let one = message(
        "Sources said the minister would resign on Friday. The source added that he had told no one.\n",
    );
    assert!(
        one.contains("If it is one source, do not write “sources”."),
        "{one}"
    );
    let singular = message("A source said the minister would resign on Friday.\n");
    assert!(!singular.contains("“sources”"), "{singular}");
}
