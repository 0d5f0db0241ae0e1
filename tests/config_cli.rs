//! The CLI side of configuration: discovery of copydesk.toml, bad configs, init, rules --json,
//! explain and strip.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk")).current_dir(dir).args(args).output().expect("run copydesk")
}

/// A scratch folder under target/, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
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

const STORY: &str = "The fire destroyed TK homes on Tuesday, the county fire chief said.\n";

#[test]
fn check_finds_the_nearest_config_above_the_file() {
    let s = Scratch::new("discover");
    s.write("drafts/fire/story.md", STORY);
    let o = copydesk(&s.0, &["check", "drafts/fire/story.md"]);
    assert!(stdout(&o).contains("style/tk-placeholder"), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(1));

    s.write("drafts/copydesk.toml", "# desk config\n[rules]\nstyle = \"off\"\n");
    let o = copydesk(&s.0, &["check", "drafts/fire/story.md"]);
    assert_eq!(stdout(&o), "", "the family is off");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // From another working directory, with an absolute path: the same file is found.
    let abs = s.0.join("drafts/fire/story.md");
    let o = copydesk(std::env::temp_dir().as_path(), &["check", abs.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));

    // A nearer file wins; --config beats discovery.
    s.write("drafts/fire/copydesk.toml", "[rules]\n\"style/tk-placeholder\" = \"error\"\n");
    let o = copydesk(&s.0, &["check", "--format", "json", "drafts/fire/story.md"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["findings"][0]["severity"], "error");
    let o = copydesk(&s.0, &["check", "--config", "drafts/copydesk.toml", "drafts/fire/story.md"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_bad_config_exits_2_with_file_and_line() {
    let s = Scratch::new("badconfig");
    s.write("story.md", STORY);
    let cases = [
        ("style = \"ap\"\n[rules\n", ":2: TOML syntax error"),
        ("style = \"ap\"\ncolour = \"red\"\n", ":2: unknown field `colour`"),
        ("[rules]\n\n\"wording/intensifiers\" = \"off\"\n", ":3: unknown rule or family `wording/intensifiers`"),
        ("[terms.slam]\ncategory = \"judgemental-verb\"\npattern = \"slam(\"\n", ":3: [terms.slam] pattern: invalid pattern"),
        ("dateline = \"15 August\"\n", ":1: dateline must be a calendar date"),
    ];
    for (toml, want) in cases {
        s.write("copydesk.toml", toml);
        let o = copydesk(&s.0, &["check", "story.md"]);
        assert_eq!(o.status.code(), Some(2), "{toml}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.starts_with("copydesk: ") && err.contains("copydesk.toml") && err.contains(want), "{toml}: {err}");
        assert_eq!(stdout(&o), "", "nothing is checked with a bad config");
    }
    s.write("copydesk.toml", &format!("allow = [\"{}\"]\n", "x".repeat(2 << 20)));
    let o = copydesk(&s.0, &["check", "story.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("over 1 MiB"), "{}", stderr(&o));
    let o = copydesk(&s.0, &["check", "--config", "nowhere.toml", "story.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere.toml"));
}
