//! What `check` and `sources` read: the files, folders and globs named on the command line,
//! expanded into files. Folders and globs are walked with the `ignore` crate, so `.gitignore`,
//! `.ignore` and hidden files are honoured the way ripgrep honours them.

use ignore::WalkBuilder;
use std::path::Path;

/// The extensions of the stories a folder walk picks up.
const STORY_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "text"];

fn is_story(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| STORY_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn has_glob_meta(s: &str) -> bool {
    s.contains(['*', '?', '[', '{'])
}

fn walker(root: &Path) -> WalkBuilder {
    let mut b = WalkBuilder::new(root);
    // A desk's archive is often not a git checkout: honour its .gitignore all the same.
    b.require_git(false).sort_by_file_name(|a, b| a.cmp(b));
    b
}

/// Files in a folder that look like stories, in a stable (sorted) order.
fn walk_folder(root: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for entry in walker(root).build() {
        let entry = entry.map_err(|e| format!("cannot walk {}: {e}", root.display()))?;
        if entry.file_type().is_some_and(|t| t.is_file()) && is_story(entry.path()) {
            out.push(entry.path().to_string_lossy().into_owned());
        }
    }
    Ok(out)
}

/// Files matching a glob (`*` stays inside one folder, `**` crosses folders), walked from the
/// longest leading part of the pattern that has no wildcard.
fn walk_glob(pattern: &str) -> Result<Vec<String>, String> {
    let glob = globset::GlobBuilder::new(pattern.strip_prefix("./").unwrap_or(pattern))
        .literal_separator(true)
        .build()
        .map_err(|e| format!("bad glob `{pattern}`: {e}"))?
        .compile_matcher();
    let base: Vec<&str> = pattern
        .split('/')
        .take_while(|part| !has_glob_meta(part))
        .collect();
    let base = if base.is_empty() || base == [""] && !pattern.starts_with('/') {
        ".".to_string()
    } else if base == [""] {
        "/".to_string()
    } else {
        base.join("/")
    };
    let mut out = Vec::new();
    for entry in walker(Path::new(&base)).build() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let shown = entry.path().to_string_lossy();
        let shown = shown.strip_prefix("./").unwrap_or(&shown);
        if glob.is_match(shown) {
            out.push(shown.to_string());
        }
    }
    Ok(out)
}

/// The arguments as files: `-` and files stay as they are (a file named outright is read even
/// when .gitignore lists it), folders and globs are walked. A folder or glob that yields no story
/// is an error, so a typo does not pass as a clean run. Each file is listed once.
pub(super) fn expand(args: &[String]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for arg in args {
        let found = if arg == "-" {
            vec![arg.clone()]
        } else {
            let path = Path::new(arg);
            if path.is_dir() {
                let files = walk_folder(path)?;
                if files.is_empty() {
                    return Err(format!(
                        "no stories (.md, .markdown, .txt, .text) in the folder {arg}"
                    ));
                }
                files
            } else if !path.exists() && has_glob_meta(arg) {
                let files = walk_glob(arg)?;
                if files.is_empty() {
                    return Err(format!("no files match {arg}"));
                }
                files
            } else {
                vec![arg.clone()]
            }
        };
        for f in found {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_walk_honours_gitignore_and_story_extensions() {
        let root = std::env::temp_dir().join(format!("copydesk-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("desk/drafts")).unwrap();
        for f in [
            "desk/a.md",
            "desk/b.txt",
            "desk/notes.json",
            "desk/drafts/c.md",
            "desk/drafts/skip.md",
        ] {
            std::fs::write(root.join(f), "Copy.\n").unwrap();
        }
        std::fs::write(root.join("desk/.gitignore"), "skip.md\n").unwrap();
        let desk = root.join("desk");
        let got = expand(&[desk.to_string_lossy().into_owned()]).unwrap();
        let names: Vec<String> = got
            .iter()
            .map(|p| {
                Path::new(p)
                    .strip_prefix(&desk)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "drafts/c.md"]);
        // Named outright, an ignored file is still read; duplicates are dropped.
        let skip = desk.join("drafts/skip.md").to_string_lossy().into_owned();
        assert_eq!(expand(&[skip.clone(), skip.clone()]).unwrap(), [skip]);
        // A glob: `*` does not cross folders, `**` does.
        let g = format!("{}/*.md", desk.display());
        assert_eq!(expand(&[g]).unwrap().len(), 1);
        let g = format!("{}/**/*.md", desk.display());
        assert_eq!(expand(&[g]).unwrap().len(), 2, "skip.md is ignored");
        assert!(expand(&[format!("{}/*.nothing", desk.display())]).is_err());
        let _ = std::fs::remove_dir_all(&root);
    }
}
