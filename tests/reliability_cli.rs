//! Issue 14 through the CLI: config patterns cannot hang a run (defect 1), `--config` reads only
//! a bounded regular file, and a failed write to standard output fails the run (defect 8). The
//! time limits are generous bounds against a hang, not performance figures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let d =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs copydesk, killing it (and failing) after `limit`.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the output while waiting (a full pipe would block the child).
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("copydesk {args:?} still running after {limit:?}");
        }
    }
}

/// Patterns that made the old matcher exponential: twelve `...` gaps that never close, and ten
/// `*a` wildcards before `*b` against a long word. Used by the LSP test too.
pub const HEAVY_CONFIG: &str = r#"
[terms.boondoggle]
category = "intensifier"
alternatives = ["costly project"]
explanation = "Says the project is a waste; let the figures say it."
exceptions = [
  "<term> ... ... ... ... ... ... ... ... ... ... ... ... zzz",
  "zzz ... ... ... ... ... ... ... ... ... ... ... ... <term>",
  "*a*a*a*a*a*a*a*a*a*a*b <term>",
]
"#;

pub fn heavy_story() -> String {
    let words = "aaaa ".repeat(60);
    let long = "a".repeat(60);
    format!(
        "{words}{long} boondoggle {words}\n\n{words}{long} boondoggle {words}\n\n{words}{long} boondoggle {words}\n"
    )
}

#[test]
fn config_patterns_with_many_gaps_and_wildcards_cannot_hang_a_run() {
    let dir = scratch("rel-heavy-patterns");
    std::fs::write(dir.join("copydesk.toml"), HEAVY_CONFIG).unwrap();
    std::fs::write(dir.join("story.md"), heavy_story()).unwrap();
    let t = Instant::now();
    let o = run_within(&dir, &["check", "story.md"], Duration::from_secs(30));
    eprintln!("check with heavy patterns: {:?}", t.elapsed());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        out.lines().filter(|l| l.contains("intensifier")).count(),
        3,
        "{out}"
    );
}

#[test]
fn oversized_patterns_are_refused_at_validation() {
    let dir = scratch("rel-big-pattern");
    let gaps = "... ".repeat(30);
    std::fs::write(
        dir.join("copydesk.toml"),
        format!("[terms.boondoggle]\ncategory = \"intensifier\"\nalternatives = [\"costly project\"]\nexceptions = [\"<term> {gaps}zzz\"]\n"),
    )
    .unwrap();
    std::fs::write(dir.join("story.md"), "A boondoggle.\n").unwrap();
    let o = run_within(&dir, &["check", "story.md"], Duration::from_secs(30));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("limit"), "{err}");
    let stars = "*a".repeat(20);
    std::fs::write(
        dir.join("copydesk.toml"),
        format!("[terms.boondoggle]\ncategory = \"intensifier\"\nalternatives = [\"costly project\"]\nonly_in = [\"{stars} <term>\"]\n"),
    )
    .unwrap();
    let o = run_within(&dir, &["check", "story.md"], Duration::from_secs(30));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("limit"), "{err}");
}

#[test]
fn config_that_is_a_device_or_a_fifo_is_refused_without_reading() {
    let dir = scratch("rel-config-device");
    std::fs::write(dir.join("story.md"), "A TK story.\n").unwrap();
    let o = run_within(
        &dir,
        &["check", "--config", "/dev/zero", "story.md"],
        Duration::from_secs(20),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("not a regular file"), "{err}");
    let fifo = dir.join("fifo.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let o = run_within(
            &dir,
            &["check", "--config", fifo.to_str().unwrap(), "story.md"],
            Duration::from_secs(20),
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("not a regular file"), "{err}");
    }
}

#[test]
fn a_failed_write_to_standard_output_fails_the_run_with_a_reason() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full here
    };
    let dir = scratch("rel-dev-full");
    std::fs::write(dir.join("story.md"), "A TK story.\n").unwrap();
    for args in [&["rules"][..], &["check", "story.md"][..]] {
        let o = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .current_dir(&dir)
            .args(args)
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("cannot write to standard output"), "{err}");
    }
}

/// Defect 7, bounded: a one-megabyte single-paragraph story is checked in reasonable time (the
/// bound is a guard against quadratic work, generous for a debug build on a busy machine).
#[test]
fn a_megabyte_paragraph_is_checked_without_quadratic_work() {
    let dir = scratch("rel-megabyte");
    let mut line = String::new();
    while line.len() < 1_000_000 {
        line.push_str("The council said TK homes were lost on Thursday, “officials” said. ");
    }
    std::fs::write(dir.join("story.md"), &line).unwrap();
    let o = run_within(&dir, &["check", "story.md"], Duration::from_secs(180));
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).lines().count() > 10_000);
}
