//! The public evaluation articles (`../shared/eval/public/`) are a regression check, not a source
//! of vocabulary: no run of six words from them may appear in copydesk's code, data or lexicon
//! (rule examples, comments and word lists are written for the class of copy, not copied from
//! the one sentence a rule was tuned on). Fails when the public set is missing.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

const RUN: usize = 6;

/// Runs of words that any news story may share (boilerplate attribution), allowed anywhere.
const COMMON: &[&str] = &[
    "said in a statement",
    "was not involved in the",
    "who was not involved in",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, exts, out);
        } else if p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)) {
            out.push(p);
        }
    }
}

#[test]
fn no_public_article_is_quoted_in_code_or_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Beside the repository (a checkout at work/main) or one level further up (a worktree).
    let public = ["../shared/eval/public", "../../shared/eval/public"]
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| root.join("../shared/eval/public"));
    let mut articles = Vec::new();
    files(&public, &["md", "txt"], &mut articles);
    articles.retain(|p| !p.ends_with("INDEX.md") && !p.ends_with("README.md"));
    assert!(
        articles.len() >= 10,
        "the public eval set is missing at {}",
        public.display()
    );
    let mut runs: HashMap<String, String> = HashMap::new();
    for a in &articles {
        let text = std::fs::read_to_string(a).unwrap();
        // Without the [[A|...]] marks the labelled files carry.
        let text = text
            .replace("]]", " ")
            .replace("[[A|", " ")
            .replace("[[D|", " ")
            .replace("[[W|", " ");
        let w = words(&text);
        for run in w.windows(RUN) {
            let run = run.join(" ");
            runs.insert(run, a.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    let common: HashSet<&str> = COMMON.iter().copied().collect();
    let mut ours = Vec::new();
    for dir in ["src", "data", "lexicon"] {
        files(&root.join(dir), &["rs", "toml"], &mut ours);
    }
    let mut quoted = Vec::new();
    for f in ours {
        let w = words(&std::fs::read_to_string(&f).unwrap());
        let mut seen = HashSet::new();
        for run in w.windows(RUN) {
            let run = run.join(" ");
            if common.iter().any(|c| run.contains(c)) {
                continue;
            }
            if let Some(article) = runs.get(&run) {
                if seen.insert(article.clone()) {
                    quoted.push(format!(
                        "{}: \"{run}\" (from {article})",
                        f.strip_prefix(root).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        quoted.is_empty(),
        "public articles quoted:\n{}",
        quoted.join("\n")
    );
}
