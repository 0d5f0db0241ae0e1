//! The core is layered: no import loop may cross modules. Reads every `crate::` path in the
//! non-test Rust under `src/` (in `use` declarations and inline), resolves each to the file that
//! defines it, and fails on any cycle between files that are not in the same small folder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A folder may hold a cycle among its own files only when it has at most this many files.
const SMALL_FOLDER: usize = 8;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b.rs` -> `a::b`; `src/a/mod.rs` -> `a`; `src/lib.rs` -> `` (the crate root).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The text without test modules (`#[cfg(test)] mod ... {` to the end of the file, the crate's
/// convention) and without comments.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expands `crate::a::{b::C, d}` into `a::b::C`, `a::d`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim_end_matches("::");
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let base = join(prefix, head);
        let mut depth = 0;
        let mut start = 0;
        for (i, ch) in inner.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&base, &inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&base, &inner[start..], out);
    } else if !tree.is_empty() {
        let path = tree.split(" as ").next().unwrap().trim();
        if path != "self" {
            out.push(join(prefix, path));
        } else {
            out.push(prefix.to_string());
        }
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}::{b}"),
    }
}

/// Every `crate::` path a file's code names.
fn paths_in(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let is_use = rest[..i].trim_end().ends_with("use");
        if is_use {
            let end = after.find(';').unwrap_or(after.len());
            expand("", &after[..end], &mut out);
            rest = &after[end..];
        } else {
            let end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(after.len());
            out.push(after[..end].trim_end_matches(':').to_string());
            rest = &after[end..];
        }
    }
    out
}

/// The module a path lives in: its longest prefix that is a module of the crate.
fn resolve<'m>(path: &str, modules: &'m BTreeSet<String>) -> Option<&'m String> {
    let parts: Vec<&str> = path.split("::").collect();
    (0..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find_map(|p| modules.get(&p))
}

/// Strongly connected components (Tarjan), each as a sorted list of modules.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'g> {
        g: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(t: &mut T<'g>, v: &'g str) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

fn parent(module: &str) -> &str {
    module.rsplit_once("::").map_or("", |(p, _)| p)
}

fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut graph = BTreeMap::new();
    for f in &files {
        let m = module_of(&src, f);
        if m == "main" || m.ends_with("tests") {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        let deps: BTreeSet<String> = paths_in(&code)
            .iter()
            .filter_map(|p| resolve(p, &modules))
            .filter(|d| **d != m)
            .cloned()
            .collect();
        graph.insert(m, deps);
    }
    graph
}

#[test]
fn no_import_loop_crosses_modules() {
    let graph = import_graph();
    assert!(graph.len() > 30, "the walk found the crate's files");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for comp in cycles(&graph) {
        let folder = parent(&comp[0]);
        let same_folder = comp.iter().all(|m| parent(m) == folder);
        let folder_files = std::fs::read_dir(src.join(folder.replace("::", "/")))
            .map(|d| d.count())
            .unwrap_or(usize::MAX);
        if !(same_folder && folder_files <= SMALL_FOLDER) {
            bad.push(comp.join(" -> "));
        }
    }
    assert!(
        bad.is_empty(),
        "import loops across modules:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_core_does_not_import_its_adapters() {
    for (module, deps) in import_graph() {
        let adapter = |m: &str| {
            m == "cli"
                || m.starts_with("cli::")
                || m == "lsp"
                || m.starts_with("lsp::")
                || m == "workspace"
        };
        if adapter(&module) || module.is_empty() {
            continue;
        }
        let wrong: Vec<&String> = deps.iter().filter(|d| adapter(d)).collect();
        assert!(wrong.is_empty(), "{module} imports {wrong:?}");
    }
}

#[test]
fn the_core_does_no_io_and_prints_nothing() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for f in files {
        let m = module_of(&src, &f);
        if ["cli", "lsp", "workspace", "main"]
            .iter()
            .any(|a| m == *a || m.starts_with(&format!("{a}::")))
        {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&f).unwrap());
        for banned in [
            "std::fs",
            "println!",
            "eprintln!",
            "print!(",
            "std::io::stdout",
            "std::io::stderr",
            "std::env",
        ] {
            assert!(
                !code.contains(banned),
                "{m} uses {banned}: the core does no I/O"
            );
        }
    }
}

#[test]
fn the_walker_sees_loops_it_must_refuse() {
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b::c".to_string()]));
    g.insert("b::c".to_string(), BTreeSet::from(["a".to_string()]));
    g.insert("d".to_string(), BTreeSet::new());
    assert_eq!(cycles(&g), [["a", "b::c"]]);
    let mut out = Vec::new();
    expand(
        "",
        "rules::{self, Family, wording::{x::Y, Z as W}}",
        &mut out,
    );
    assert_eq!(
        out,
        [
            "rules",
            "rules::Family",
            "rules::wording::x::Y",
            "rules::wording::Z"
        ]
    );
}
