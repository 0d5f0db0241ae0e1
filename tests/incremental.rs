//! Issue 16, the server's incremental analysis: work local to one paragraph is kept in a
//! [`Memo`] between analyses of the same story and taken from there when the paragraph (and the
//! settings) did not change. That must never show: after every edit of a random sequence, the
//! analysis made with the memo equals a fresh one of the same text (findings with their
//! messages, severities, fixes and positions; dates; sources; the dateline).
//!
//! The stories are ours (never corpus text), built to reach the passes that read the whole story:
//! quotations that run over several paragraphs, headlines, front matter and wire datelines,
//! labels with and without a named group, a term first used in a harmless sense, first- and
//! second-person copy, letters pages, transcripts, lists and tables.
//!
//! `COPYDESK_FUZZ_CASES=N` sets the number of edit sequences; `COPYDESK_FUZZ_RANDOM=1` draws
//! fresh ones.

mod proptest_seed;

use copydesk::config::{AttributionScope, Config, Style};
use copydesk::document::Format;
use copydesk::engine::{analyze_lean, analyze_lean_memo, make_fixes_later, Analysis};
use copydesk::rules::memo::Memo;
use proptest::prelude::*;
use proptest::test_runner::Config as PtConfig;
use proptest_seed::{cases, runner};

/// Paragraphs of our own, each reaching some rule or story-wide pass.
const PARAS: &[&str] = &[
    "The shocking regime slammed the so-called rebels on Tuesday, and militants claimed the mob admitted TK losses.",
    "One source said the insurgents had fled last Monday. Critics blasted the embattled regime over the plan.",
    "Officials will meet on Thursday, March 14, 2024. The brutal junta is said to have slammed TK protesters yesterday.",
    "Many analysts believe the extremists seized the town. A spokesman claimed the thugs admitted the attack.",
    "“We have never seen the river this high,” said Ines Calder, who runs a bakery on Mill Street.",
    "“The water came through the door at midnight,” said Tomas Reyne, a ferry pilot.",
    "“It started in the cellar and nobody came to help us.",
    "“By morning the whole street was a lake,” he said.",
    "The Northern Front fighters shelled the bridge. The militants withdrew at dawn, the army said.",
    "Northern Front insurgents held the ridge, while the rebels said they had taken the pass.",
    "The council approved a new tariff regime for grain. The regime takes effect in May.",
    "I think the plan is a huge mistake, and I have said so before.",
    "We were shocked by the brutal cold. I wrote about it last winter.",
    "You will love the stunning views, and you get time to marvel at the gorgeous coast.",
    "Aid groups said they had delivered 40 tonnes of food. Many analysts believe the damage will top $2 billion.",
    "Output at the Harlow mill rose 4.2 pct in the third quarter, the company said in a statement.",
    "Two officials, who asked not to be named because they were not authorised to speak, said the talks stalled.",
    "Officials said the road would reopen Friday.",
    "The ministry said the dam was safe. A spokesperson added that repairs would start next week.",
    "HALVERSEN: The shocking truth is that the regime lied.",
    "Dear editor, the brutal parking rules are a disgrace. — Mara Quill, Eastfield",
    "Residents fled as the flood rose on Wednesday, Dec. 3, and returned two days later.",
    "The mayor admitted the plan was rushed, sources said.",
    "It is widely believed that the terrorists planned the raid for months.",
    "The vote is set for tomorrow. Observers said it would be close.",
    "Police said 12 people were hurt. Witnesses said the blast shook the street.",
    "The so-called reform was slammed by unions, who called it a shocking betrayal.",
    // The same words after a label in two sentences that differ before it: a fix is fitted to
    // its sentence ("gunmen" suits a shooting), so the fixes kept for one are not the other's.
    "After the shooting, the terrorists fled.",
    "After the vote, the terrorists fled.",
    // Words of play (a match report's intensifiers are its register): two here, two there and
    // a scoreline make a report only together, and a table's cells are read with the story.
    "Ruiz headed in a corner before half-time and the referee waved play on.",
    "Lee volleyed against the crossbar in a stunning second half.",
    "Harlow won 2-1 at home.",
    // Dates read with their paragraph (the server keeps each paragraph's resolved dates): a
    // "today" that means nowadays, a weekday with an ordinal, dates in a quotation, a column's
    // first person, and a date over a soft line break.
    "Today, the mill employs 40 people, far fewer than in 1990, the union said.",
    "“We will vote on Friday,” the mayor said on Monday, and the count is due Tuesday the 18th.",
    "I went back on Sunday. We found the house empty, and I think we were right to leave today.",
    "The hearing was set for Aug.\n15, and the ruling comes tomorrow.",
    // An anonymous source and the reason given for it, in the next sentence or paragraph.
    "A senior official said the talks had stalled.",
    "The official was not authorised to speak publicly. Talks resume in June.",
];

/// Markdown and plain-text structure around the paragraphs.
const SHAPES: &[&str] = &[
    "{}",
    "- {}",
    "> {}",
    "## {}",
    "**{}**",
    "| {} | cell |",
    "1. {}",
    "```\n{}\n```",
    "<!-- copydesk-ignore-next-line -->\n{}",
];

const HEADS: &[&str] = &[
    "",
    "---\ntitle: Floods sweep Marrow valley\ndate: 2025-03-12\n---\n\n",
    "---\ntitle: Letters to the editor\ndate: 2025-03-12\n---\n\n",
    "Floods sweep the valley\n\nMARROW, Ore. (AP) — ",
    "date 2025-03-12\n\nHARLOW, March 11 (Reuters) - ",
    "Dateline: 2025-03-12\n\n",
];

/// An edit to the story, as a writer makes them.
#[derive(Clone, Debug)]
enum Op {
    /// Types `s` at a fraction of the text.
    Type(f64, &'static str),
    /// Deletes `n` bytes at a fraction of the text.
    Delete(f64, usize),
    /// Inserts a paragraph (of PARAS, in a SHAPE) before a fraction of the text.
    Paragraph(f64, usize, usize),
    /// Re-analyses the same text (nothing changed).
    Same,
}

const TYPED: &[&str] = &[
    "a",
    " ",
    "e",
    "TK",
    "\n",
    "\n\n",
    "“",
    "”",
    "\"",
    "'",
    ".",
    ",",
    "regime",
    " said ",
    "yesterday",
    "Monday",
    "I",
    "you",
    "—",
    "é",
    "🎉",
    "\r\n",
    "# ",
    "- ",
    "> ",
    "half-time",
    "Tuesday the 18th",
    "today",
];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0.0..1.0f64, prop::sample::select(TYPED)).prop_map(|(at, s)| Op::Type(at, s)),
        2 => (0.0..1.0f64, 1..40usize).prop_map(|(at, n)| Op::Delete(at, n)),
        2 => (0.0..1.0f64, 0..PARAS.len(), 0..SHAPES.len())
            .prop_map(|(at, p, s)| Op::Paragraph(at, p, s)),
        1 => Just(Op::Same),
    ]
}

fn char_at(text: &str, at: f64) -> usize {
    let mut i = ((text.len() as f64) * at) as usize;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, op: &Op) {
    match *op {
        Op::Type(at, s) => {
            let i = char_at(text, at);
            text.insert_str(i, s);
        }
        Op::Delete(at, n) => {
            let i = char_at(text, at);
            let mut j = (i + n).min(text.len());
            while !text.is_char_boundary(j) {
                j += 1;
            }
            text.replace_range(i..j, "");
        }
        Op::Paragraph(at, p, s) => {
            // At the start of a line, so that the shape is markup.
            let i = char_at(text, at);
            let i = text[..i].rfind('\n').map_or(0, |n| n + 1);
            let para = SHAPES[s].replace("{}", PARAS[p]);
            text.insert_str(i, &format!("{para}\n\n"));
        }
        Op::Same => {}
    }
}

fn config(style: usize, allow: bool, paragraph_scope: bool, dateline: bool) -> Config {
    let mut c = Config::default();
    c.style = [Style::Ap, Style::Reuters, Style::Bbc][style];
    if allow {
        c.allow.push("mob".into());
        // Off by default: whether an anonymous source's sentence, or the next, says why.
        c.rules.insert(
            "attribution/no-anonymity-reason".into(),
            copydesk::rule::Level::On(copydesk::finding::Severity::Info),
        );
    }
    if paragraph_scope {
        c.attribution_scope = AttributionScope::Paragraph;
    }
    if dateline {
        c.dateline = Some("2025-03-10".parse().unwrap());
    }
    c
}

/// What the server's analysis left for later, made now: the source audit and the fixes the
/// rules leave for later (made from the text as a code action makes them). Returns how many
/// findings had their fixes left for later.
fn make_later(got: &mut Analysis, text: &str, format: Format, config: &Config) -> usize {
    got.make_sources(text);
    let later = got.findings.iter().filter(|f| f.later.is_some()).count();
    assert!(
        got.findings
            .iter()
            .all(|f| f.later.is_none() || f.fixes.is_empty()),
        "a finding whose fixes are left for later carries none"
    );
    make_fixes_later(text, format, config, &mut got.findings);
    later
}

fn assert_same(got: &Analysis, want: &Analysis, text: &str, step: usize) {
    let ctx = || format!("after edit {step}, text:\n{text}");
    assert_eq!(got.failed, want.failed, "{}", ctx());
    assert_eq!(got.dateline, want.dateline, "{}", ctx());
    assert_eq!(got.findings, want.findings, "{}", ctx());
    assert_eq!(got.dates, want.dates, "{}", ctx());
    assert_eq!(got.sources, want.sources, "{}", ctx());
}

/// Every edit of a random sequence: the analysis with the memo equals a fresh one.
#[test]
fn memo_analysis_equals_a_fresh_analysis_after_every_edit() {
    let story = (
        0..HEADS.len(),
        prop::collection::vec((0..PARAS.len(), 0..SHAPES.len(), any::<bool>()), 1..10),
    );
    let settings = (
        0..3usize,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    );
    let used = std::cell::Cell::new(0);
    let later = std::cell::Cell::new(0);
    let n = cases(48);
    let mut runner = runner(PtConfig {
        cases: n,
        failure_persistence: None,
        ..PtConfig::default()
    });
    runner
        .run(
            &(story, settings, prop::collection::vec(op(), 1..14)),
            |((head, paras), (style, allow, scope, dateline, plain), ops)| {
                let mut text = HEADS[head].to_string();
                for (p, s, tight) in paras {
                    text.push_str(&SHAPES[s].replace("{}", PARAS[p]));
                    text.push_str(if tight { "\n" } else { "\n\n" });
                }
                let format = if plain {
                    Format::Plain
                } else {
                    Format::Markdown
                };
                let config = config(style, allow, scope, dateline);
                let memo = Memo::new();
                let edits = std::iter::once(&Op::Same).chain(&ops).chain([&Op::Same]);
                for (step, op) in edits.enumerate() {
                    apply(&mut text, op);
                    let mut got = analyze_lean_memo(&text, format, &config, &|| false, &memo)
                        .expect("never stopped");
                    // The server's analysis may leave the source audit and fixes for later:
                    // made now, they are the fresh analysis's.
                    later.set(later.get() + make_later(&mut got, &text, format, &config));
                    let want = analyze_lean(&text, format, &config);
                    assert_same(&got, &want, &text, step);
                }
                // The last analysis was of the same text as the one before: it took everything
                // it kept from the memo.
                let (kept, found, _) = memo.stats();
                assert!(
                    kept == 0 || found > 0,
                    "nothing was ever taken from the memo"
                );
                if found > 0 {
                    used.set(used.get() + 1);
                }
                Ok(())
            },
        )
        .unwrap();
    assert!(
        used.get() * 2 > n,
        "the memo was used in {} of {n} sequences",
        used.get()
    );
    assert!(later.get() > 0, "no fix was ever left for later");
}

/// Fixes made later (when a code action asks) follow everything they read: a label's words the
/// same up to the end of its sentence, its sentence not (the fix fitted to a shooting is not
/// the fix for a vote).
#[test]
fn fixes_made_later_follow_the_whole_sentence() {
    let text = "After the shooting, the terrorists fled.\n\nAfter the vote, the terrorists fled.\n";
    let config = config(0, false, false, false);
    let memo = Memo::new();
    let want = analyze_lean(text, Format::Markdown, &config);
    let fixes = |a: &Analysis| -> Vec<Vec<String>> {
        a.findings
            .iter()
            .map(|f| f.fixes.iter().map(|x| x.title.clone()).collect())
            .collect()
    };
    let w = fixes(&want);
    assert!(
        w.len() == 2 && w[0] != w[1],
        "the two labels' fixes differ: {w:?}"
    );
    for step in 0..2 {
        let mut got = analyze_lean_memo(text, Format::Markdown, &config, &|| false, &memo).unwrap();
        assert_eq!(make_later(&mut got, text, Format::Markdown, &config), 2);
        assert_same(&got, &want, text, step);
    }
}

/// Settings changed between two analyses with one memo: nothing made under the old ones is used.
#[test]
fn a_memo_follows_the_settings() {
    let text = "The shocking regime slammed critics on Monday.\n\n\
                “We will rebuild,” said Ines Calder.\n\nThe mob claimed the vote was rigged.\n";
    let memo = Memo::new();
    let mut counts = Vec::new();
    for (style, allow, scope, dateline) in [
        (0, false, false, false),
        (0, true, false, false),
        (1, true, true, false),
        (2, false, true, true),
        (0, false, false, false),
    ] {
        let c = config(style, allow, scope, dateline);
        let mut got = analyze_lean_memo(text, Format::Markdown, &c, &|| false, &memo).unwrap();
        make_later(&mut got, text, Format::Markdown, &c);
        let want = analyze_lean(text, Format::Markdown, &c);
        assert_same(&got, &want, text, 0);
        counts.push(got.findings.len());
    }
    // The settings change the findings (else this would test nothing).
    assert_ne!(counts[0], counts[1], "allowing \"mob\" drops its finding");
    assert_eq!(counts[0], counts[4]);
}

/// A story long enough for the server's windows over the cue words and its re-parse of the
/// changed part of the Markdown (both from 64 KB): a few edits of each kind, with the memo,
/// equal a fresh analysis, among them edits that make the whole scan or parse needed (a match
/// over a paragraph break, a fence left open, a reference definition).
#[test]
fn a_long_story_edited_with_the_memo_equals_a_fresh_analysis() {
    let mut text = HEADS[3].to_string();
    let mut i = 0;
    while text.len() < 70_000 {
        text.push_str(&SHAPES[i % 5].replace("{}", PARAS[i % PARAS.len()]));
        text.push_str(if i % 7 == 3 { "\n" } else { "\n\n" });
        i += 1;
    }
    let config = config(0, false, false, false);
    let memo = Memo::new();
    let ops = [
        Op::Same,
        Op::Type(0.5, "a"),
        Op::Type(0.3, " said "),
        Op::Paragraph(0.6, 0, 0),
        Op::Type(0.7, "\n\nin an\n\ninterview "),
        Op::Paragraph(0.4, 4, 7),
        Op::Type(0.2, "\n\n[regime]: /r\n\n"),
        Op::Delete(0.45, 30),
        Op::Same,
    ];
    for (step, op) in ops.iter().enumerate() {
        apply(&mut text, op);
        let mut got = analyze_lean_memo(&text, Format::Markdown, &config, &|| false, &memo)
            .expect("never stopped");
        // A long story's audit is left for later.
        assert!(got.sources.is_empty() && got.later_sources.is_some());
        assert!(make_later(&mut got, &text, Format::Markdown, &config) > 0);
        let want = analyze_lean(&text, Format::Markdown, &config);
        assert_same(&got, &want, "(a long story)", step);
    }
}

/// A match report whose words of play stand in a table (whose cells are no paragraph): the
/// memo's reading by paragraph must not miss them, and the report's intensifier stays its own.
#[test]
fn words_of_play_in_a_table_make_a_match_report_with_the_memo() {
    let text = "The stunning win delighted the town.\n\n\
                | Ruiz headed in before half-time | the referee waved play on |\n\
                |---|---|\n\
                | Lee volleyed against the crossbar | 2-1 |\n\n\
                Harlow meet Marrow next week.\n";
    let config = config(0, false, false, false);
    let memo = Memo::new();
    let want = analyze_lean(text, Format::Markdown, &config);
    let plain = analyze_lean(
        "The stunning win delighted the town.\n",
        Format::Markdown,
        &config,
    );
    assert!(
        want.findings.len() < plain.findings.len(),
        "the report's intensifier is left alone: {:?}",
        want.findings
    );
    for step in 0..2 {
        let mut got = analyze_lean_memo(text, Format::Markdown, &config, &|| false, &memo).unwrap();
        make_later(&mut got, text, Format::Markdown, &config);
        assert_same(&got, &want, text, step);
    }
}

/// The lede's documents ("figures show") are the source the next paragraph names, when it
/// names one: the lede is read again when only that paragraph changed.
#[test]
fn a_lede_is_read_with_the_paragraph_after_it() {
    let named = "Retail sales rose in May, figures show.\n\n\
                 The statistics office said the rise was the largest in a year.\n";
    let unnamed = "Retail sales rose in May, figures show.\n\n\
                   Shoppers spent more on food than a year before.\n";
    let config = config(0, false, false, false);
    let memo = Memo::new();
    let counts: Vec<usize> = [named, unnamed, named, unnamed]
        .iter()
        .enumerate()
        .map(|(step, text)| {
            let mut got =
                analyze_lean_memo(text, Format::Markdown, &config, &|| false, &memo).unwrap();
            make_later(&mut got, text, Format::Markdown, &config);
            let want = analyze_lean(text, Format::Markdown, &config);
            assert_same(&got, &want, text, step);
            want.findings
                .iter()
                .filter(|f| f.span.start < text.find("\n\n").unwrap())
                .count()
        })
        .collect();
    assert!(
        counts[0] < counts[1],
        "the named source takes the lede's documents: {counts:?}"
    );
}

/// Under a paid notice's rubric every paragraph is the advertiser's (no sourcing failure of
/// the newsroom's): a rubric edited in or out changes what the paragraphs after it hold.
#[test]
fn a_paid_rubric_changes_the_paragraphs_after_it() {
    let body = "Many analysts believe the ferry plan will fail.\n\n\
                The council meets on the plan next month.\n\n\
                It is widely believed that the fares will rise.\n";
    let paid = format!("Sponsored content\n\n{body}");
    let news = format!("Sponsored contest\n\n{body}");
    let config = config(0, false, false, false);
    let memo = Memo::new();
    let mut counts = Vec::new();
    for (step, text) in [&paid, &news, &paid, &news].iter().enumerate() {
        let mut got = analyze_lean_memo(text, Format::Markdown, &config, &|| false, &memo).unwrap();
        make_later(&mut got, text, Format::Markdown, &config);
        let want = analyze_lean(text, Format::Markdown, &config);
        assert_same(&got, &want, text, step);
        counts.push(want.findings.len());
    }
    assert!(
        counts[0] < counts[1],
        "the advertiser's hedges are its own: {counts:?}"
    );
}

/// Whether an anonymous source's sentence, or the next one, says why it was granted anonymity
/// (`attribution/no-anonymity-reason`) is read sentence by sentence in the memo: the same with
/// it as without, for a reason in the source's sentence, in the next sentence, and in the next
/// paragraph.
#[test]
fn a_reason_for_anonymity_is_read_with_the_memo() {
    let text = "Two officials, who asked not to be named because they were not authorised to speak, said the talks stalled.\n\n\
                A senior official said the talks had stalled. The official was not authorised to speak publicly.\n\n\
                A senior official said the vote was close.\n\n\
                The official was not authorised to speak publicly.\n\n\
                A senior official said the count was slow.\n";
    let config = config(0, true, false, false);
    let memo = Memo::new();
    let want = analyze_lean(text, Format::Markdown, &config);
    let reasons = want
        .findings
        .iter()
        .filter(|f| f.rule == "attribution/no-anonymity-reason")
        .count();
    assert!(
        (1..3).contains(&reasons),
        "some sources give a reason and some do not: {:?}",
        want.findings
    );
    for step in 0..2 {
        let mut got = analyze_lean_memo(text, Format::Markdown, &config, &|| false, &memo).unwrap();
        make_later(&mut got, text, Format::Markdown, &config);
        assert_same(&got, &want, text, step);
    }
}
