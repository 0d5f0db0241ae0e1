//! Issue 14 point 6: the "Ignore … here" fix is marked safe, so applying it must silence its
//! finding and do nothing else. For handwritten and generated Markdown (lists, nested lists,
//! blockquotes, paragraphs opening with bold or a link, setext and ATX headings, tables, code,
//! every line ending and mixes of them) and plain text, every finding's ignore fix is applied and
//!
//! - the edit inserts one whole line at a line start, so nothing else in the text changes;
//! - the Markdown structure is the same (pulldown-cmark's events, the inserted comment aside);
//! - the finding is gone, the new comment is not reported unused, nothing new is reported, and
//!   the only other findings that go are of the same rule in the same block as the finding.
//!
//! `COPYDESK_FUZZ_RANDOM=1 COPYDESK_FUZZ_CASES=20000 cargo test --release --test ignore_fix` for a long run.

use copydesk::document::{Document, Format};
use copydesk::{analyze_as, Config, Finding, Span};
mod proptest_seed;

use proptest::prelude::*;
use proptest::test_runner::{Config as PtConfig, TestRunner};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const UNUSED: &str = "style/unused-suppression";

/// The shared seeded runner with `default_cases` (or `COPYDESK_FUZZ_CASES`).
fn runner(default_cases: u32) -> TestRunner {
    proptest_seed::runner(PtConfig::with_cases(proptest_seed::cases(default_cases)))
}

/// Every family on, off-by-default rules included, so more kinds of finding are exercised.
fn all_on() -> Config {
    Config::from_toml(
        "[rules]\nattribution = \"warning\"\ndates = \"warning\"\nwording = \"warning\"\nstyle = \"warning\"\n",
    )
    .unwrap()
}

/// The block structure and inline content, without HTML (the inserted comment is HTML). A lone
/// `\r` ends a line (CommonMark); pulldown-cmark misreads it in fences and HTML blocks, so it
/// reads `\n` there (as copydesk's own parse does).
fn structure(text: &str) -> Vec<String> {
    let unified: String = text
        .char_indices()
        .map(|(i, c)| {
            if c == '\r' && !text[i + 1..].starts_with('\n') {
                '\n'
            } else {
                c
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut in_html = 0;
    for e in Parser::new_ext(
        &unified,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match e {
            Event::Start(Tag::HtmlBlock) => in_html += 1,
            Event::End(TagEnd::HtmlBlock) => in_html -= 1,
            Event::Html(_) | Event::InlineHtml(_) => {}
            e if in_html == 0 => out.push(format!("{e:?}")),
            _ => {}
        }
    }
    out
}

fn is_line_start(text: &str, at: usize) -> bool {
    at == 0
        || text[..at].ends_with('\n')
        || (text[..at].ends_with('\r') && !text[at..].starts_with('\n'))
}

/// The end of the block a finding starts in: its paragraph, heading, list item or table (its
/// line's end when it is in none).
fn block_end(doc: &Document, f: &Finding) -> usize {
    let at = f.span.start;
    if let Some((_, p)) = doc.paragraph_at(at) {
        return p.span.end;
    }
    if let Some(t) = doc.structure.tables.iter().find(|t| t.contains(at)) {
        return t.end;
    }
    doc.text[at..]
        .find(['\n', '\r'])
        .map_or(doc.text.len(), |i| at + i)
}

/// Applies every finding's ignore fix to `text` and checks it; the error names the case.
fn check(text: &str, format: Format, config: &Config) -> Result<usize, String> {
    let a = analyze_as(text, format, config);
    let doc = Document::parse(text, format, config.dateline);
    let before: Vec<(&str, Span)> = a.findings.iter().map(|f| (f.rule, f.span)).collect();
    let mut checked = 0;
    for f in a.findings.iter().filter(|f| f.rule != UNUSED) {
        let ctx = |what: &str, fixed: &str| {
            format!(
                "{what}\nfinding: {} at {:?} ({:?})\ntext:  {text:?}\nfixed: {fixed:?}",
                f.rule,
                f.span,
                &text[f.span.range()]
            )
        };
        let Some(fix) = f.fixes.iter().find(|x| x.title.starts_with("Ignore ")) else {
            return Err(ctx("no ignore fix", ""));
        };
        let fixed = fix.apply(text);
        if fix.edits.len() != 1 {
            return Err(ctx("the ignore fix is not one edit", &fixed));
        }
        let edit = &fix.edits[0];
        let (at, new) = (edit.span.start, edit.new_text.as_str());
        let body = new.trim_end_matches(['\r', '\n']);
        if !edit.span.is_empty()
            || !is_line_start(text, at)
            || body.contains(['\r', '\n'])
            || body.len() == new.len()
        {
            return Err(ctx("the ignore fix does not insert one whole line", &fixed));
        }
        if format == Format::Markdown && structure(&fixed) != structure(text) {
            return Err(ctx("the ignore fix changed the Markdown structure", &fixed));
        }
        let after = analyze_as(&fixed, format, config);
        let shift = new.len();
        let mut mapped = Vec::new();
        for g in &after.findings {
            if g.span.start >= at && g.span.start < at + shift {
                return Err(ctx(
                    &format!("finding on the new comment: {}: {}", g.rule, g.message),
                    &fixed,
                ));
            }
            let back = |o: usize| if o >= at + shift { o - shift } else { o };
            mapped.push((g.rule, Span::new(back(g.span.start), back(g.span.end))));
        }
        if mapped.contains(&(f.rule, f.span)) {
            return Err(ctx("the finding is still reported", &fixed));
        }
        if let Some(extra) = mapped.iter().find(|m| !before.contains(m)) {
            return Err(ctx(&format!("a new finding appeared: {extra:?}"), &fixed));
        }
        let end = block_end(&doc, f);
        for gone in before.iter().filter(|b| !mapped.contains(b)) {
            if gone.0 != f.rule || gone.1.start < at || gone.1.start > end {
                return Err(ctx(&format!("another finding went too: {gone:?}"), &fixed));
            }
        }
        checked += 1;
    }
    Ok(checked)
}

fn check_both_configs(text: &str, format: Format) -> Result<usize, String> {
    Ok(check(text, format, &Config::default())? + check(text, format, &all_on())?)
}

/// Sentences of our own that draw findings from every family.
const LINES: &[&str] = &[
    "The fire destroyed TK homes near the river.",
    "The mayor slammed the huge plan yesterday.",
    "The militants seized the depot, sources said.",
    "The regime has lost control of the northern roads.",
    "Officials will meet again on Thursday, Feb. 30.",
    "\u{201c}We will rebuild the bridge,\u{201d} said a spokesman.",
    "The council approved the budget after a long debate.",
    "Critics called the scheme a boondoggle last week.",
    "The authorities has expelled two reporters, according to a source.",
];

/// Inline openings: plain, bold, emphasis, a link, code.
const OPENERS: &[&str] = &[
    "",
    "**Breaking:** ",
    "_Update:_ ",
    "[Report](http://example.org/r) ",
    "`note` ",
];

const EOLS: &[&str] = &["\n", "\r\n", "\r"];

/// How many block shapes [`block`] knows.
const SHAPES: u8 = 35;

/// One block of Markdown, its lines joined by `eol`.
fn block(shape: u8, a: &str, b: &str, eol: &str) -> String {
    let lines: Vec<String> = match shape % SHAPES {
        0 => vec![a.into(), b.into()],
        1 => vec![format!("## {a}")],
        2 => vec![a.into(), "===".into()],
        3 => vec![a.into(), b.into(), "---".into()],
        4 => vec![format!("- {a}"), format!("- {b}")],
        5 => vec![format!("* {a}"), format!("  {b}"), format!("* {a}")],
        6 => vec![format!("1. {a}"), format!("2. {b}"), format!("3. {a}")],
        7 => vec![format!("9. {a}"), format!("10. {b}")],
        8 => vec![format!("- {a}"), format!("  - {b}"), format!("- {a}")],
        9 => vec![format!("- {a}"), String::new(), format!("- {b}")],
        10 => vec![
            format!("- {a}"),
            String::new(),
            format!("  {b}"),
            format!("- {a}"),
        ],
        11 => vec![format!("> {a}"), format!("> {b}")],
        12 => vec![format!("> {a}"), b.into()],
        13 => vec![format!("> {a}"), ">".into(), format!("> > {b}")],
        14 => vec![format!("> - {a}"), format!("> - {b}")],
        15 => vec![format!("- > {a}"), format!("- > {b}")],
        16 => vec![
            format!("| {a} | x |"),
            "|---|---|".into(),
            format!("| {b} | y |"),
        ],
        17 => vec!["```".into(), a.into(), "```".into()],
        18 => vec![format!("- {a}"), b.into()],
        19 => vec![format!("+ {a}"), format!("+ {b}"), format!("  + {a}")],
        20 => vec![format!("-\t{a}"), format!("-\t{b}")],
        21 => vec![format!("1) {a}"), format!("   {b}"), format!("2) {a}")],
        22 => vec![format!("  - {a}"), format!("   - {b}")],
        23 => vec![format!("- - {a}"), format!("  - {b}"), format!("- {a}")],
        24 => vec![
            format!("3. {a}"),
            format!("4. {b}"),
            String::new(),
            format!("   {a}"),
        ],
        25 => vec![format!("   {a}"), format!("  {b}")],
        26 => vec![format!("{a}  "), format!("{b}\\"), a.into()],
        27 => vec![format!("### {a} ###"), "***".into(), b.into()],
        28 => vec!["[ref]: http://example.org/r".into(), a.into()],
        29 => vec!["<div>".into(), a.into(), String::new(), b.into()],
        30 => vec![format!("> - {a}"), format!(">   - {b}"), format!("> - {a}")],
        31 => vec![
            format!("- {a}"),
            String::new(),
            "      indented code".into(),
            format!("- {b}"),
        ],
        32 => vec![format!("* {a}"), format!("- {b}")],
        33 => vec![format!("> > {a}"), format!("> {b}")],
        _ => vec![format!("1. {a}"), format!("   > {b}"), format!("2. {a}")],
    };
    lines.join(eol)
}

/// A generated draft: blocks of our sentences, parted by blank lines or not at all.
fn draft() -> impl Strategy<Value = (String, bool)> {
    let piece = (
        any::<u8>(),
        prop::sample::select(OPENERS),
        prop::sample::select(LINES),
        prop::sample::select(OPENERS),
        prop::sample::select(LINES),
        prop::sample::select(EOLS),
        prop::sample::select(&["", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r"][..]),
    );
    (prop::collection::vec(piece, 1..6), any::<bool>()).prop_map(|(pieces, plain)| {
        let mut s = String::new();
        for (shape, o1, l1, o2, l2, eol, gap) in pieces {
            if !s.is_empty() {
                s.push_str(eol);
                s.push_str(gap);
            }
            s.push_str(&block(
                shape,
                &format!("{o1}{l1}"),
                &format!("{o2}{l2}"),
                eol,
            ));
        }
        (s, plain)
    })
}

/// Pieces of Markdown syntax for token soup: structure the shapes above do not think of.
const MARKUP: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\r\r",
    "# ",
    "## ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "> ",
    "> > ",
    "**",
    "_",
    "`",
    "```\n",
    "~~~\r",
    "[",
    "](http://x.org)",
    "| a | b |\n|---|---|\n| ",
    " | ",
    "\n===\n",
    "\n---\n",
    "    ",
    "  ",
    "\t",
    "<!-- copydesk-ignore -->\n",
    "<!-- copydesk-ignore wording -->\r",
    "[copydesk-ignore style]\n",
    "<div>\n",
    "\\",
    "---\ntitle: x\n---\n",
];

const WORDS: &[&str] = &[
    "The",
    "council",
    "said",
    "officials",
    "slammed",
    "TK",
    "Thursday",
    "yesterday",
    "militants",
    "regime",
    "claimed",
    "huge",
    "sources",
    "according to",
    "a source",
    "é",
    "\u{201c}",
    "\u{201d}",
    ".",
    ",",
    "Feb. 30",
];

/// Token soup of words and Markdown pieces.
fn soup() -> impl Strategy<Value = (String, bool)> {
    (
        prop::collection::vec(
            prop_oneof![
                3 => prop::sample::select(WORDS).prop_map(|w| format!("{w} ")),
                1 => prop::sample::select(MARKUP).prop_map(String::from),
            ],
            0..80,
        ),
        any::<bool>(),
    )
        .prop_map(|(v, plain)| (v.concat(), plain))
}

/// Runs the ignore-fix property on generated (text, plain?) cases.
fn holds_on(cases: impl Strategy<Value = (String, bool)>) {
    runner(200)
        .run(&cases, |(text, plain)| {
            let format = if plain {
                Format::Plain
            } else {
                Format::Markdown
            };
            check_both_configs(&text, format).map_err(TestCaseError::fail)?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn generated_soup() {
    holds_on(soup());
}

#[test]
fn handwritten_shapes() {
    let mut total = 0;
    for shape in 0..SHAPES {
        for eol in EOLS {
            for opener in OPENERS {
                let a = format!("{opener}The fire destroyed TK homes near the river.");
                let b = format!("{opener}The mayor slammed the huge plan yesterday.");
                let body = block(shape, &a, &b, eol);
                for text in [
                    body.clone(),
                    format!("Para before it.{eol}{body}{eol}"),
                    format!("Para before it.{eol}{eol}{body}{eol}{eol}Para after it.{eol}"),
                    format!("- item before{eol}{body}"),
                    format!("> quote before{eol}{body}"),
                ] {
                    for format in [Format::Markdown, Format::Plain] {
                        match check_both_configs(&text, format) {
                            Ok(n) => total += n,
                            Err(e) => panic!("shape {shape} ({format:?}): {e}"),
                        }
                    }
                }
            }
        }
    }
    assert!(total > 5000, "only {total} fixes checked");
}

#[test]
fn mixed_line_endings_and_setext_headings() {
    for text in [
        "Intro line.\r\nThe fire destroyed TK homes.\n===\r\n",
        "Intro line.\rThe fire destroyed TK homes.\r\n---\n\nMore TK.\r",
        "The fire destroyed TK homes.\r\n===\rThe mayor slammed it.\n",
        "> The fire destroyed TK homes.\r> ===\n",
        "date 2021-08-15\r\rKABUL \u{2014} The fire destroyed TK homes yesterday.\rThe mayor slammed it.\r",
        // A fence inside an HTML block is no fence: the comment after it is no example.
        "The ```\n<div>\n```\nThe \n\nThe fire destroyed TK homes on Feb. 30.\n",
        // A label opening a list item ("Breaking:") reads the same with a comment above it.
        "> - **Breaking:** The regime has lost control of the northern roads.\n>   - The fire \
         destroyed TK homes near the river.\n> - **Breaking:** The regime has lost control of the \
         northern roads.",
    ] {
        for format in [Format::Markdown, Format::Plain] {
            if let Err(e) = check_both_configs(text, format) {
                panic!("{format:?}: {e}");
            }
        }
    }
}

#[test]
fn generated_markdown() {
    holds_on(draft());
}
