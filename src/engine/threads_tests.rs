//! A long story's families run on two threads ([`registry::TWO_THREADS_FROM`]): the analysis
//! must be the one a single thread makes, byte for byte (findings with their messages, fixes
//! and order; dates; sources; failed families), with and without the "ignore here" fixes, the
//! deferred source audit and the server's memo; and `stop` must still end it.
//!
//! The stories are built by repeating paragraphs written here, each reaching some rule or
//! story-wide pass (attribution cues and anonymous sources, quotations over several
//! paragraphs, relative and absolute dates, loaded labels and their neutral names, TK marks).

use super::*;
use crate::rule::Level;
use std::sync::atomic::{AtomicUsize, Ordering};

const PARAS: &[&str] = &[
    "The embattled cartel bosses slammed the inquiry on Monday, and a lawyer claimed the gang admitted TK charges.",
    "A person familiar with the talks said the envoys had left the harbour late on Sunday.",
    "“Nobody told us the bridge was closing,” said Orla Penrith, who sells fish at the quay.",
    "“The lorries queued for six hours,",
    "and then the police turned them back,” she added.",
    "Port officials will reopen the gates on Friday, June 6, 2025. Traders said the delay cost them dearly.",
    "It is widely thought that the smugglers bribed the guards. Critics lambasted the so-called reform.",
    "Shipments through Kessock fell 3.1 pct in May to 88,000 tonnes, the harbour board said in a filing.",
    "The Eastern Brigade militants shelled the depot yesterday. The rebels pulled back at noon, a colonel said.",
    "Two diplomats, who spoke on condition of anonymity because the talks are private, said a deal was close.",
    "The board approved a new pricing regime for berths. The regime starts next month.",
    "Many observers believe the blockade will last until the spring, according to a report by the union.",
    "Residents returned on Tuesday, May 3, and found the warehouses flooded two days later.",
];

/// A story of at least `bytes` bytes: a dated head, then the paragraphs over and over.
fn story(bytes: usize) -> String {
    let mut s = String::from("---\ntitle: Harbour strike spreads\ndate: 2025-06-04\n---\n\n");
    s.push_str("KESSOCK, June 4 (Reuters) - ");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(PARAS[i % PARAS.len()]);
        s.push_str("\n\n");
        i += 1;
    }
    s
}

/// Everything an analysis holds, written out (the deferred source audit made).
fn written(mut a: Analysis, text: &str) -> String {
    a.make_sources(text);
    format!(
        "{:?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}",
        a.dateline, a.findings, a.dates, a.sources, a.failed
    )
}

fn both(text: &str, config: &Config, ignore_fixes: bool, later: bool) -> (String, String) {
    let one = analyze_threads(
        text,
        Format::Markdown,
        config,
        &|| false,
        ignore_fixes,
        None,
        later,
        false,
    )
    .unwrap();
    let two = analyze_threads(
        text,
        Format::Markdown,
        config,
        &|| false,
        ignore_fixes,
        None,
        later,
        true,
    )
    .unwrap();
    (written(one, text), written(two, text))
}

#[test]
fn two_threads_give_what_one_gives() {
    let text = story(registry::TWO_THREADS_FROM + 4096);
    let config = Config::default();
    for (ignore_fixes, later) in [(true, false), (false, true), (false, false)] {
        let (one, two) = both(&text, &config, ignore_fixes, later);
        assert!(one.len() > 100_000, "the story reaches few rules");
        assert_eq!(
            one, two,
            "ignore fixes {ignore_fixes}, later sources {later}"
        );
    }
    // Every family found something (else the comparison says little).
    let a = analyze(&text, &config);
    for family in ["attribution/", "dates/", "wording/", "style/"] {
        assert!(
            a.findings.iter().any(|f| f.rule.starts_with(family)),
            "no {family} finding"
        );
    }
    assert!(!a.dates.is_empty() && !a.sources.is_empty());
}

#[test]
fn two_threads_give_what_one_gives_under_other_settings() {
    let text = story(registry::TWO_THREADS_FROM + 100);
    let mut config = Config::default();
    config.attribution_scope = crate::config::AttributionScope::Paragraph;
    config.style = crate::config::Style::Reuters;
    for rule in registry::rules() {
        config
            .rules
            .insert(rule.id.to_string(), Level::On(crate::Severity::Warning));
    }
    let (one, two) = both(&text, &config, true, false);
    assert_eq!(one, two);
}

#[test]
fn the_memo_on_two_threads_gives_a_fresh_analysis() {
    let mut text = story(registry::TWO_THREADS_FROM * 2);
    let config = Config::default();
    let memo = Memo::new();
    for round in 0..3 {
        let got = analyze_lean_memo(&text, Format::Markdown, &config, &|| false, &memo).unwrap();
        let want = analyze_threads(
            &text,
            Format::Markdown,
            &config,
            &|| false,
            false,
            None,
            true,
            false,
        )
        .unwrap();
        assert_eq!(written(got, &text), written(want, &text), "round {round}");
        // An edit in the middle of the story: most paragraphs come from the memo next time.
        let at = text.len() / 2;
        let at = text[at..].find("\n\n").map_or(at, |i| at + i);
        text.insert_str(
            at,
            "\n\nSources said the shocking raid was planned last Thursday.",
        );
    }
    assert!(memo.stats().1 > 0, "nothing was taken from the memo");
}

#[test]
fn stop_ends_an_analysis_on_two_threads() {
    let text = story(registry::TWO_THREADS_FROM + 10);
    let config = Config::default();
    let asked = AtomicUsize::new(0);
    let full = analyze_until(&text, Format::Markdown, &config, &|| {
        asked.fetch_add(1, Ordering::Relaxed);
        false
    });
    assert!(full.is_some());
    let stages = asked.load(Ordering::Relaxed);
    assert!(stages > 5, "asked only {stages} times");
    for at in [1, 2, stages / 2, stages - 1, stages] {
        let n = AtomicUsize::new(0);
        let got = analyze_until(&text, Format::Markdown, &config, &|| {
            n.fetch_add(1, Ordering::Relaxed) + 1 >= at
        });
        assert!(got.is_none(), "stopped at {at} of {stages}");
    }
}

#[test]
fn a_memo_filled_by_a_stopped_analysis_gives_a_fresh_one() {
    // The server fills a long story's memo after its open has been published, on two threads
    // (the memo holds nothing yet), and stops as soon as an edit wants the thread: the edit
    // then takes whatever the stopped analysis made.
    let mut text = story(registry::TWO_THREADS_FROM * 2);
    // Each paragraph its own (a figure changes), as in real copy.
    let mut k = 0;
    while let Some(at) = text.find("88,000") {
        text.replace_range(at..at + 6, &format!("{}", 10_000 + k));
        k += 1;
    }
    let config = Config::default();
    let asked = AtomicUsize::new(0);
    analyze_lean_until(&text, Format::Markdown, &config, &|| {
        asked.fetch_add(1, Ordering::Relaxed);
        false
    })
    .unwrap();
    let stages = asked.load(Ordering::Relaxed);
    let mut edited = text.clone();
    let at = edited.len() / 2;
    let at = edited[at..].find("\n\n").map_or(at, |i| at + i);
    edited.insert_str(
        at,
        "\n\nSources said the shocking raid was planned last Thursday.",
    );
    let want = analyze_threads(
        &edited,
        Format::Markdown,
        &config,
        &|| false,
        false,
        None,
        true,
        false,
    )
    .unwrap();
    let want = written(want, &edited);
    for stop_at in [1, stages / 3, stages / 2, 2 * stages / 3, stages + 1] {
        let memo = Memo::new();
        assert!(runs_on_two_threads(text.len(), Some(&memo)));
        let n = AtomicUsize::new(0);
        let seeded = analyze_lean_memo(
            &text,
            Format::Markdown,
            &config,
            &|| n.fetch_add(1, Ordering::Relaxed) + 1 >= stop_at,
            &memo,
        );
        assert_eq!(
            seeded.is_some(),
            stop_at > stages,
            "stopped at {stop_at} of {stages}"
        );
        if stop_at >= stages / 2 {
            assert!(
                !memo.holds_nothing(),
                "nothing kept by {stop_at} of {stages}"
            );
            assert!(!runs_on_two_threads(text.len(), Some(&memo)));
        }
        let got = analyze_lean_memo(&edited, Format::Markdown, &config, &|| false, &memo).unwrap();
        assert_eq!(
            written(got, &edited),
            want,
            "stopped at {stop_at} of {stages}"
        );
    }
}
