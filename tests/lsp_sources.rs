//! End-to-end: the source audit through the server. The outline (documentSymbol) lists the
//! sources with the sentences each covers; the code lens says the same as `copydesk sources`.

mod common;

use common::*;
use serde_json::{json, Value};

const STORY: &str = "---\ndate: 2021-08-15\n---\n\nKABUL — “Chaos” 🚁: Taliban fighters entered the city on Sunday, the Interior Ministry said. The group controls 20 provinces, according to Reuters.\n\nA source said 300 people had fled. Many analysts believe the government will fall.\n";

fn range_of(text: &str, needle: &str, enc: &str) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the story"));
    range_json(text, at, at + needle.len(), enc)
}

#[test]
fn outline_lists_sources_with_the_sentences_they_cover() {
    for caps in [caps_utf16(), caps_utf8_only()] {
        let mut lsp = Lsp::start(caps, None, None);
        let enc = lsp.encoding.clone();
        let uri = "file:///tmp/copydesk-sources/kabul.md";
        lsp.open(uri, "markdown", 1, STORY);
        let _ = lsp.diagnostics(uri, 1);
        let r = lsp.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        let symbols = r["result"].as_array().unwrap().clone();
        let names: Vec<&str> = symbols
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        for want in ["the Interior Ministry", "Reuters", "A source"] {
            assert!(
                names.iter().any(|n| n.eq_ignore_ascii_case(want)),
                "{want} missing from {names:?}"
            );
        }
        let ministry = symbols
            .iter()
            .find(|s| {
                s["name"]
                    .as_str()
                    .unwrap()
                    .eq_ignore_ascii_case("the Interior Ministry")
            })
            .unwrap();
        assert!(
            ministry["detail"]
                .as_str()
                .unwrap()
                .starts_with("named source"),
            "{ministry}"
        );
        // Issue 15 point 3: kinds that read as words where editors print them ("[Key] the
        // Interior Ministry", "[Event] ..." in Neovim), never Object, Class, Null or String;
        // the kind of source is in the detail.
        const KEY: u64 = 20;
        const EVENT: u64 = 24;
        for s in &symbols {
            assert_eq!(s["kind"], KEY, "{s}");
            let detail = s["detail"].as_str().unwrap();
            assert!(
                ["named source", "described source", "anonymous source"]
                    .iter()
                    .any(|k| detail.starts_with(k)),
                "{detail}"
            );
            for c in s["children"].as_array().unwrap() {
                assert_eq!(c["kind"], EVENT, "{c}");
            }
        }
        let source = symbols
            .iter()
            .find(|s| s["name"].as_str().unwrap().eq_ignore_ascii_case("A source"))
            .unwrap();
        assert!(source["detail"]
            .as_str()
            .unwrap()
            .starts_with("anonymous source"));
        // The selection is the mention, in the negotiated encoding (an emoji and curly quotes precede it).
        assert_eq!(
            ministry["selectionRange"],
            range_of(STORY, "the Interior Ministry", &enc)
        );
        let children = ministry["children"].as_array().unwrap();
        assert!(!children.is_empty());
        assert!(
            children.iter().any(|c| c["name"]
                .as_str()
                .unwrap()
                .contains("Taliban fighters entered the city")),
            "{children:#?}"
        );
        // Each child lies inside its parent's range.
        let key = |p: &Value| {
            (
                p["line"].as_u64().unwrap(),
                p["character"].as_u64().unwrap(),
            )
        };
        for c in children {
            assert!(
                key(&c["range"]["start"]) >= key(&ministry["range"]["start"])
                    && key(&c["range"]["end"]) <= key(&ministry["range"]["end"]),
                "{c}"
            );
        }
        let anon = symbols
            .iter()
            .find(|s| s["name"].as_str().unwrap().eq_ignore_ascii_case("A source"))
            .unwrap();
        assert!(
            anon["detail"].as_str().unwrap().starts_with("anonymous"),
            "{anon}"
        );
    }
}

#[test]
fn code_lens_matches_the_sources_command() {
    let dir = scratch("lsp-sources");
    let path = dir.join("kabul.md");
    std::fs::write(&path, STORY).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("sources")
        .arg(&path)
        .output()
        .unwrap();
    let cli = String::from_utf8(out.stdout).unwrap();
    let summary = cli.lines().last().unwrap().trim().to_string();
    let mut lsp = Lsp::start(caps_utf16(), None, Some(&dir));
    let uri = url(&path);
    lsp.open(&uri, "markdown", 1, STORY);
    let _ = lsp.diagnostics(&uri, 1);
    let r = lsp.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let lenses = r["result"].as_array().unwrap();
    assert_eq!(lenses.len(), 1);
    assert_eq!(
        lenses[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_eq!(
        lenses[0]["command"]["title"],
        summary.as_str(),
        "CLI said:\n{cli}"
    );
    assert!(summary.contains("1 anonymous"), "{summary}");
}
