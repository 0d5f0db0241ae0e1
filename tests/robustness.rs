//! No input makes a rule fail: random drafts assembled from the pieces that trip up text
//! handling (curly and straight quotes, dashes, emoji, abbreviations, dates, markup, directives).

use copydesk::document::Format;
use copydesk::{analyze_as, Config};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "said",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "—",
    "–",
    "-",
    "🎉",
    "é",
    "\u{2028}",
    "\u{feff}",
    ".",
    ",",
    "?",
    "!",
    "…",
    "(",
    ")",
    "[",
    "]",
    "*",
    "_",
    "`",
    "```",
    "#",
    ">",
    "<!--",
    "-->",
    "copydesk-ignore",
    "[copydesk-ignore]",
    "---",
    "+++",
    "date 2021-08-15",
    "date:",
    "Date:",
    "KABUL, Aug. 15 (AP) —",
    "GOMA, Feb 14 (Reuters) -",
    "U.S.",
    "Gov.",
    "Sept.",
    "a.m.",
    "J.R.R.",
    "3.5",
    "No. 2",
    "TK",
    "Thursday",
    "on Thursday",
    "last Friday",
    "Aug. 13, 2021",
    "Feb. 29",
    "June 31",
    "15 August 2021",
    "August 15th",
    "yesterday",
    "tonight",
    "will meet",
    "terrorists",
    "Terrorists",
    "regime",
    "claimed",
    "admitted",
    "slammed",
    "shocking",
    "militants",
    "according to",
    "a source",
    "sources said",
    "are said to",
    "critics say",
    "police said",
    "the ministry said",
    "One source",
    "killed 23 people",
    "Taliban",
    "he said",
    "she told Reuters",
    "in a statement",
    "many analysts",
    "http://x.org/a",
    "x@y.org",
];

fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_family_fails_and_spans_are_sound(text in draft(), plain in any::<bool>()) {
        let format = if plain { Format::Plain } else { Format::Markdown };
        let a = analyze_as(&text, format, &Config::default());
        prop_assert!(a.failed.is_empty(), "families failed: {:?} on {:?}", a.failed, text);
        for f in &a.findings {
            prop_assert!(f.span.end <= text.len() && text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end), "{f:?}");
            for fix in &f.fixes {
                for e in &fix.edits {
                    prop_assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end), "{fix:?}");
                }
            }
        }
        for d in &a.dates {
            prop_assert!(text.get(d.span.range()).is_some());
        }
    }
}

#[test]
fn quotation_running_past_its_sentence() {
    // Regression: a two-sentence quotation with no speaker in its paragraph.
    let text = "Parents spoke.\n\n\"My son walks to school. Where is he supposed to go?\" asked one mother.\n\n\"We will fight this. All of it.\"\n";
    let a = analyze_as(text, Format::Markdown, &Config::default());
    assert!(a.failed.is_empty());
}

/// Pathological drafts finish quickly: every family's work stays near-linear in the text.
#[test]
fn huge_run_on_drafts_stay_fast() {
    let one_sentence =
        "Officials said the militants claimed the regime slammed critics and 23 people died "
            .repeat(4_000);
    let many_sentences =
        "Officials said the militants took the town. “It was shocking,” he said on Thursday. "
            .repeat(2_500);
    for text in [one_sentence, many_sentences] {
        let started = std::time::Instant::now();
        let a = analyze_as(&text, Format::Markdown, &Config::default());
        assert!(a.failed.is_empty());
        // Generous even for an unoptimised build on a busy machine; quadratic work takes minutes.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{:?} for {} bytes",
            started.elapsed(),
            text.len()
        );
    }
}
