//! The CLI side of configuration: discovery of copydesk.toml, bad configs, init, rules --json,
//! explain and strip.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run copydesk")
}

/// A scratch folder under target/, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const STORY: &str = "The fire destroyed TK homes, the county fire chief said.\n";

#[test]
fn check_finds_the_nearest_config_above_the_file() {
    let s = Scratch::new("discover");
    s.write("drafts/fire/story.md", STORY);
    let o = copydesk(&s.0, &["check", "drafts/fire/story.md"]);
    assert!(
        stdout(&o).contains("style/tk-placeholder"),
        "{}",
        stdout(&o)
    );
    assert_eq!(o.status.code(), Some(1));

    s.write(
        "drafts/copydesk.toml",
        "# desk config\n[rules]\nstyle = \"off\"\n",
    );
    let o = copydesk(&s.0, &["check", "drafts/fire/story.md"]);
    assert_eq!(stdout(&o), "", "the family is off");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // From another working directory, with an absolute path: the same file is found.
    let abs = s.0.join("drafts/fire/story.md");
    let o = copydesk(
        std::env::temp_dir().as_path(),
        &["check", abs.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0));

    // A nearer file wins; --config beats discovery.
    s.write(
        "drafts/fire/copydesk.toml",
        "[rules]\n\"style/tk-placeholder\" = \"error\"\n",
    );
    let o = copydesk(&s.0, &["check", "--format", "json", "drafts/fire/story.md"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["findings"][0]["severity"], "error");
    let o = copydesk(
        &s.0,
        &[
            "check",
            "--config",
            "drafts/copydesk.toml",
            "drafts/fire/story.md",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_bad_config_exits_2_with_file_and_line() {
    let s = Scratch::new("badconfig");
    s.write("story.md", STORY);
    let cases = [
        ("style = \"ap\"\n[rules\n", ":2: TOML syntax error"),
        (
            "style = \"ap\"\ncolour = \"red\"\n",
            ":2: unknown field `colour`",
        ),
        (
            "[rules]\n\n\"wording/intensifiers\" = \"off\"\n",
            ":3: unknown rule or family `wording/intensifiers`",
        ),
        (
            "[terms.slam]\ncategory = \"judgemental-verb\"\nexceptions = [\"@physicl\"]\n",
            ":3: [terms.slam] exceptions: invalid pattern `@physicl`",
        ),
        (
            "dateline = \"15 August\"\n",
            ":1: dateline must be a calendar date",
        ),
    ];
    for (toml, want) in cases {
        s.write("copydesk.toml", toml);
        let o = copydesk(&s.0, &["check", "story.md"]);
        assert_eq!(o.status.code(), Some(2), "{toml}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(
            err.starts_with("copydesk: ") && err.contains("copydesk.toml") && err.contains(want),
            "{toml}: {err}"
        );
        assert_eq!(stdout(&o), "", "nothing is checked with a bad config");
    }
    s.write(
        "copydesk.toml",
        &format!("allow = [\"{}\"]\n", "x".repeat(2 << 20)),
    );
    let o = copydesk(&s.0, &["check", "story.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("over 1 MiB"), "{}", stderr(&o));
    let o = copydesk(&s.0, &["check", "--config", "nowhere.toml", "story.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere.toml"));
}

#[test]
fn rules_json_describes_every_rule_and_setting() {
    let s = Scratch::new("rulesjson");
    let o = copydesk(&s.0, &["rules", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let table = stdout(&copydesk(&s.0, &["rules"]));
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), table.lines().count());
    for r in rules {
        let id = r["id"].as_str().unwrap();
        assert!(table.contains(id));
        assert_eq!(r["family"].as_str().unwrap(), id.split('/').next().unwrap());
        for key in ["default_severity", "summary", "explanation", "source"] {
            assert!(
                r[key].as_str().is_some_and(|t| !t.is_empty()),
                "{id}: {key}"
            );
        }
        assert!(
            r["examples"]["bad"].is_string() && r["examples"]["good"].is_string(),
            "{id}"
        );
    }
    let settings = v["settings"].as_array().unwrap();
    let keys: Vec<&str> = settings
        .iter()
        .map(|x| x["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        copydesk::config::SETTINGS
            .iter()
            .map(|s| s.key)
            .collect::<Vec<_>>()
    );
    let style = &settings[keys.iter().position(|k| *k == "style").unwrap()];
    assert_eq!(style["default"], "ap");
    assert_eq!(
        style["allowed"],
        serde_json::json!(["ap", "reuters", "bbc"])
    );
    assert_eq!(style["type"], "string");
    assert_eq!(
        style["schema"],
        serde_json::json!({"type": "string", "enum": ["ap", "reuters", "bbc"], "default": "ap", "description": style["description"]})
    );
    for x in settings {
        assert_eq!(x["schema"]["default"], x["default"], "{}", x["key"]);
        assert!(x["schema"]["type"].is_string() || x["schema"]["type"].is_array());
    }
    let rules_setting = &settings[keys.iter().position(|k| *k == "rules").unwrap()];
    assert!(rules_setting["keys"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k == "style/tk-placeholder"));
    assert!(rules_setting["keys"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k == "attribution"));
    // Each setting's example is a copydesk.toml that the checker accepts.
    for x in settings {
        s.write("copydesk.toml", x["example"].as_str().unwrap());
        s.write("story.md", "Clean copy, the clerk said.\n");
        let o = copydesk(&s.0, &["check", "story.md"]);
        assert_ne!(o.status.code(), Some(2), "{}: {}", x["key"], stderr(&o));
    }
}

#[test]
fn explain_rule_family_and_typo() {
    let s = Scratch::new("explain");
    let o = copydesk(&s.0, &["explain", "style/tk-placeholder"]);
    let t = stdout(&o);
    assert!(
        t.contains("Bad:\n  The fire destroyed TK homes")
            && t.contains("Good:\n")
            && t.contains("Basis: Newsroom practice"),
        "{t}"
    );
    assert!(t.contains("<!-- copydesk-ignore style/tk-placeholder -->"));
    let t = stdout(&copydesk(&s.0, &["explain", "style"]));
    assert!(
        t.contains("style/unbalanced-quote") && t.contains("style/unused-suppression"),
        "{t}"
    );
    let o = copydesk(&s.0, &["explain", "style/tk-placehoder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `style/tk-placeholder`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn init_writes_a_commented_config_and_never_overwrites() {
    let s = Scratch::new("init");
    let o = copydesk(&s.0, &["init", "--style", "bbc"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(s.0.join("copydesk.toml")).unwrap();
    assert!(text.contains("style = \"bbc\"") && text.contains("#[rules]"));
    assert_eq!(
        copydesk::Config::from_toml(&text).unwrap().style,
        copydesk::config::Style::Bbc
    );
    // The written file is found by check and accepted.
    s.write("story.md", STORY);
    assert_eq!(
        copydesk(&s.0, &["check", "story.md"]).status.code(),
        Some(1)
    );
    let o = copydesk(&s.0, &["init", "--style", "ap"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists") && stderr(&o).lines().count() == 1);
    assert_eq!(
        std::fs::read_to_string(s.0.join("copydesk.toml")).unwrap(),
        text,
        "untouched"
    );
    let o = copydesk(&s.0, &["init", "--style", "nyt"]);
    assert_eq!(o.status.code(), Some(2));
    let o = copydesk(&s.0, &["init", "--style", "reuters", "desk.toml"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(s.0.join("desk.toml"))
        .unwrap()
        .contains("style = \"reuters\""));
}

#[test]
fn strip_prints_clean_copy() {
    let s = Scratch::new("strip");
    let text = "Fire destroys homes\n\n[copydesk-ignore style/tk-placeholder]\nThe fire destroyed TK homes.\n\n[copydesk-disable]\nMore copy.\n[copydesk-enable]\n";
    s.write("story.txt", text);
    let o = copydesk(&s.0, &["check", "story.txt"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "the note silences the TK: {}",
        stdout(&o)
    );
    let o = copydesk(&s.0, &["strip", "story.txt"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "Fire destroys homes\n\nThe fire destroyed TK homes.\n\nMore copy.\n"
    );
    let o = copydesk(&s.0, &["strip", "missing.txt"]);
    assert_eq!(o.status.code(), Some(2));
}
