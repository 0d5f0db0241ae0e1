//! The fuzzing harness (issue 14): proptest generators of news-like text, Markdown structure,
//! editor edits and configuration files, checking that
//!
//! - no analysis panics or loses a family, every span and fix edit sits on char boundaries inside
//!   the text, and a fix's edits never overlap;
//! - any generated config either fails validation with a message or checks a draft (patterns
//!   with gaps and wildcards included: they must not hang);
//! - over the real server's stdio, any sequence of edits (UTF-16 and UTF-8, CRLF and CR, astral
//!   characters) ends with the same text and diagnostics as a fresh open of that text.
//!
//! - (in tests/ignore_fix.rs) every "Ignore … here" fix, the one fix marked safe on every
//!   finding, silences exactly its finding and leaves the Markdown structure as it was.
//!
//! `cargo test` runs a short budget with a fixed seed. A long run on fresh cases:
//! `COPYDESK_FUZZ_RANDOM=1 COPYDESK_FUZZ_CASES=20000 cargo test --release --test fuzz` (every
//! property gets that many cases; the LSP one a tenth of them).

mod common;
mod proptest_seed;

use common::*;
use copydesk::document::Format;
use copydesk::{analyze_as, Config};
use proptest::prelude::*;
use proptest::test_runner::Config as PtConfig;
use proptest_seed::{cases, runner};
use serde_json::json;

const WORDS: &[&str] = &[
    "The",
    "council",
    "said",
    "officials",
    "told",
    "reporters",
    "militants",
    "regime",
    "claimed",
    "slammed",
    "TK",
    "Thursday",
    "yesterday",
    "Aug. 12",
    "2021",
    "police",
    "witnesses",
    "according to",
    "a source",
    "boondoggle",
    "huge",
    "U.S.",
    "Gov.",
    "3.5",
    "é",
    "🎉",
    "—",
    "–",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "(",
    ")",
    ",",
    ".",
    "?",
    "!",
    "…",
    ":",
    ";",
];

const MARKUP: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\r\n\r\n",
    "# ",
    "## ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "**",
    "_",
    "`",
    "```\n",
    "[",
    "](http://x.org)",
    "| a | b |\n|---|---|\n| ",
    " | ",
    "\n===\n",
    "\n---\n",
    "    ",
    "<!-- copydesk-ignore -->",
    "<!-- copydesk-ignore wording -->",
    "\\",
];

/// News-like copy in Markdown structure.
fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(WORDS).prop_map(|w| format!("{w} ")),
            1 => prop::sample::select(MARKUP).prop_map(String::from),
        ],
        0..150,
    )
    .prop_map(|v| {
        let mut s = String::from("date 2021-08-15\n\nKABUL — ");
        s.extend(v);
        s
    })
}

fn sound(text: &str, format: Format, config: &Config) -> Result<(), TestCaseError> {
    let a = analyze_as(text, format, config);
    prop_assert!(
        a.failed.is_empty(),
        "families failed: {:?} on {:?}",
        a.failed,
        text
    );
    let ok = |s: copydesk::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for f in &a.findings {
        prop_assert!(ok(f.span), "{f:?} in {text:?}");
        for fix in &f.fixes {
            let mut spans: Vec<_> = fix.edits.iter().map(|e| e.span).collect();
            for s in &spans {
                prop_assert!(ok(*s), "{fix:?} in {text:?}");
            }
            spans.sort_by_key(|s| (s.start, s.end));
            for w in spans.windows(2) {
                prop_assert!(
                    w[0].end <= w[1].start,
                    "overlapping edits {fix:?} in {text:?}"
                );
            }
            let _ = fix.apply(text);
        }
    }
    Ok(())
}

#[test]
fn analyses_are_sound_on_generated_copy() {
    let mut runner = runner(PtConfig::with_cases(cases(300)));
    runner
        .run(&(draft(), any::<bool>()), |(text, plain)| {
            let format = if plain {
                Format::Plain
            } else {
                Format::Markdown
            };
            sound(&text, format, &Config::default())
        })
        .unwrap();
}

/// One pattern word: words, wildcards, alternatives, gaps, placeholders.
fn pattern() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "...",
            "…",
            "*a",
            "a*",
            "*",
            "said",
            "claim*",
            "<term>",
            "<Cap>",
            "the|a",
            "zzz",
            "*a*b",
            "@attributed",
            "@physical",
            "@reported",
            "@nope",
            ",",
        ]),
        0..24,
    )
    .prop_map(|v| v.join(" "))
}

#[test]
fn generated_configs_validate_or_check_without_hanging() {
    let mut runner = runner(PtConfig::with_cases(cases(150)));
    runner
        .run(
            &(
                prop::collection::vec(pattern(), 0..4),
                prop::collection::vec(pattern(), 0..3),
                draft(),
            ),
            |(exceptions, only_in, mut text)| {
                let list = |v: &[String]| {
                    v.iter()
                        .map(|p| format!("{p:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let toml = format!(
                    "[terms.boondoggle]\ncategory = \"intensifier\"\nalternatives = [\"costly project\"]\nexceptions = [{}]\nonly_in = [{}]\n",
                    list(&exceptions),
                    list(&only_in)
                );
                text.push_str(" aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa boondoggle aaaa aaaa aaaa aaaa aaaa aaaa.\n");
                match Config::from_toml(&toml) {
                    Ok(config) => sound(&text, Format::Markdown, &config)?,
                    Err(e) => prop_assert!(!e.message.is_empty()),
                }
                Ok(())
            },
        )
        .unwrap();
}

const EDIT_PIECES: &[&str] = &[
    "a", "TK", " ", "\n", "\r\n", "\r", "é", "🎉", "“", "”", "—", "said", ".", "Aug. 12",
    "Thursday", "> ", "- ", "**", "\n\n", "",
];

/// Over the real server: random edits end equal to a fresh open (text and diagnostics).
#[test]
fn edit_streams_equal_a_fresh_open_over_lsp() {
    let mut runner = runner(PtConfig::with_cases((cases(300) / 10).max(3)));
    let edits = prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            0usize..12,
            prop::collection::vec(prop::sample::select(EDIT_PIECES), 0..4),
        ),
        1..40,
    );
    runner
        .run(&(draft(), edits, any::<bool>()), |(start, edits, utf8)| {
            let caps = if utf8 { caps_utf8_only() } else { caps_utf16() };
            let mut lsp = Lsp::start(caps, None, None);
            let enc = lsp.encoding.clone();
            let uri = "file:///tmp/copydesk-fuzz/stream.md";
            let mut text = start.clone();
            lsp.open(uri, "markdown", 1, &text);
            let mut version = 1;
            for (at, len, pieces) in edits {
                // A char boundary to start at, and up to `len` chars after it.
                let bounds: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .collect();
                let a = bounds[at.index(bounds.len())];
                let b = bounds
                    .iter()
                    .copied()
                    .filter(|&i| i >= a)
                    .nth(len)
                    .unwrap_or(text.len());
                // Never split a CRLF: LSP positions cannot address its middle.
                let bytes = text.as_bytes();
                let splits_crlf = |i: usize| {
                    i > 0 && i < bytes.len() && bytes[i - 1] == b'\r' && bytes[i] == b'\n'
                };
                if splits_crlf(a) || splits_crlf(b) {
                    continue;
                }
                let new: String = pieces.concat();
                let range = range_json(&text, a, b, &enc);
                text.replace_range(a..b, &new);
                version += 1;
                lsp.change(uri, version, json!([{"range": range, "text": new}]));
            }
            let streamed = lsp.diagnostics(uri, version);
            let fresh_uri = "file:///tmp/copydesk-fuzz/fresh.md";
            lsp.open(fresh_uri, "markdown", 1, &text);
            let fresh = lsp.diagnostics(fresh_uri, 1);
            prop_assert_eq!(&streamed, &fresh, "text {:?}", text);
            Ok(())
        })
        .unwrap();
}
