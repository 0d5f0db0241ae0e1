//! `copydesk check --fix` / `--unsafe-fixes`: apply fixes in place, as `ruff check --fix` and
//! `textlint --fix` do, then report what is left.
//!
//! The fixes chosen are the editors' fix-all choice ([`crate::lsp::bulk_edits`]): one per finding,
//! the preferred one, never an overlap, never an "ignore here" note and never a TK to fill in.
//! A fix can uncover or clear others, so the story is checked again after each pass (at most
//! [`MAX_PASSES`]). A file is rewritten through a temporary file in its own folder and a rename:
//! a reader (or a crash) sees the old story or the new one, never half of each.

use super::{analyze_all, Checked};
use crate::config::Config;
use crate::document::Format;
use crate::engine::analyze_as;
use std::io::Write;
use std::path::Path;

/// Which fixes to apply.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Level {
    Safe,
    Unsafe,
}

const MAX_PASSES: usize = 8;

pub(super) struct Outcome {
    /// Every input, analysed after its fixes.
    pub checked: Vec<Checked>,
    /// The fixed copy read from standard input, to print.
    pub stdin_text: Option<String>,
    /// What was changed, for standard error ("fixed 3 findings in a.md", then a total).
    pub summary: String,
}

/// The text with fixes applied pass after pass, and how many fixes were applied.
pub(super) fn fix_text(
    text: &str,
    format: Format,
    config: &Config,
    level: Level,
) -> (String, usize) {
    let mut text = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let analysis = analyze_as(&text, format, config);
        let edits = crate::lsp::bulk_edits(&analysis.findings, text.len(), level == Level::Unsafe);
        if edits.is_empty() {
            break;
        }
        let next = crate::finding::apply_edits(&text, &edits);
        if next == text {
            break;
        }
        // One fix may carry several edits; count fixes as findings fixed, by distinct edit groups.
        applied += count_fixes(&analysis.findings, &edits);
        text = next;
    }
    (text, applied)
}

/// How many findings the chosen edits fix (a fix counts once however many edits it has).
fn count_fixes(findings: &[crate::finding::Finding], edits: &[crate::finding::Edit]) -> usize {
    findings
        .iter()
        .filter(|f| {
            f.fixes
                .iter()
                .any(|x| !x.edits.is_empty() && x.edits.iter().all(|e| edits.contains(e)))
        })
        .count()
        .max(1)
}

/// Writes `text` to `path` whole or not at all: a temporary file beside it (same folder, so the
/// rename stays on one file system), flushed to disk, given the old file's permissions, then
/// renamed over it.
pub(super) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "story".into());
    let perms = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut n = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.copydesk-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    };
    let result = (|| {
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
        if let Some(p) = perms {
            std::fs::set_permissions(&tmp, p)?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Fixes every input; files are written, standard input's fixed copy is returned. Every file's
/// fixes are computed before the first write, and a failed write stops the run with the files
/// already written named.
pub(super) fn run(
    inputs: Vec<(String, String, Config)>,
    level: Level,
    stdin_shown: Option<&str>,
) -> Result<Outcome, String> {
    let mut fixed = Vec::with_capacity(inputs.len());
    let mut summary = String::new();
    let mut stdin_text = None;
    let mut total = 0;
    let mut files_changed = 0;
    let mut written: Vec<String> = Vec::new();
    for (path, text, config) in inputs {
        let (new, n) = fix_text(&text, Format::from_path(&path), &config, level);
        let from_stdin = stdin_shown == Some(path.as_str()) && stdin_text.is_none();
        if from_stdin {
            stdin_text = Some(new.clone());
        } else if new != text {
            write_atomically(Path::new(&path), &new).map_err(|e| {
                let done = if written.is_empty() {
                    "no file was changed".to_string()
                } else {
                    format!("already fixed: {}", written.join(", "))
                };
                format!("cannot write {path}: {e} ({done})")
            })?;
            written.push(path.clone());
        }
        if new != text {
            total += n;
            files_changed += 1;
            summary.push_str(&format!(
                "fixed {n} finding{} in {path}\n",
                if n == 1 { "" } else { "s" }
            ));
        }
        fixed.push((path, new, config));
    }
    let checked = analyze_all(fixed);
    let left: usize = checked.iter().map(|c| c.analysis.findings.len()).sum();
    summary.push_str(&format!(
        "copydesk: fixed {total} finding{} in {files_changed} file{}; {left} left{}\n",
        if total == 1 { "" } else { "s" },
        if files_changed == 1 { "" } else { "s" },
        if level == Level::Safe && left > 0 {
            " (--unsafe-fixes also applies the fixes that change wording)"
        } else {
            ""
        }
    ));
    Ok(Outcome {
        checked,
        stdin_text,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("copydesk-fixwrite-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("story.md");
        std::fs::write(&path, "old copy\n").unwrap();
        write_atomically(&path, "new copy\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new copy\n");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1, "the temporary file is gone");
        // A folder that cannot be written: an error, and the story is untouched.
        let missing = dir.join("no-such-folder/story.md");
        assert!(write_atomically(&missing, "x").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
