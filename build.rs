//! Build-time work, so that a check does not pay for it at start-up.
//!
//! The data files (`data/**/*.toml`, `lexicon/*.toml`) stay the only source of copydesk's words:
//! commented TOML, read by people. Parsing TOML costs about a hundred instructions a byte, which
//! on a short story was a tenth of the whole check. So this script parses each file once, at build
//! time, and writes it out as JSON (no comments, a fifth of the cost to read) in `OUT_DIR`;
//! `src/vocab.rs` embeds both and reads the JSON of a file whose TOML text it is given.
//! A file that does not parse fails the build, naming the file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");

    let mut files = Vec::new();
    for dir in ["data", "lexicon"] {
        println!("cargo:rerun-if-changed={dir}");
        toml_files(&root.join(dir), &mut files);
    }
    files.sort();

    let mut table = String::from(
        "/// Every embedded data file: its TOML text and the same data as JSON.\n\
         pub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for (i, path) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let value: serde_json::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
        let json = serde_json::to_string(&value).expect("JSON from TOML");
        let json_file = out.join(format!("vocab_{i}.json"));
        std::fs::write(&json_file, json).expect("write JSON");
        writeln!(
            table,
            "    (include_str!({:?}), include_str!({:?})),",
            path.display().to_string(),
            json_file.display().to_string()
        )
        .unwrap();
    }
    table.push_str("];\n");
    std::fs::write(out.join("vocab_embedded.rs"), table).expect("write vocab_embedded.rs");
}

/// The `.toml` files under `dir`, recursively.
fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            toml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}
