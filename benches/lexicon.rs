//! Lexicon matching cost against lexicon size: one Aho-Corasick pass over the story, so the time
//! to scan a 5,000-word story should stay flat from 50 to 5,000 entries. Also the whole
//! `wording/` family (matching plus context checks) at the same sizes, and the one-off cost of
//! compiling a lexicon (paid once per configuration, then cached).

use copydesk::config::TermSpec;
use copydesk::document::{Document, Format};
use copydesk::rules::wording::lexicon::Lexicon;
use copydesk::rules::wording::{check_with, specs_for};
use copydesk::rules::{Context, Report};
use copydesk::Config;
mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::collections::BTreeMap;

/// About `words` words of invented wire copy, with quotes and some loaded wording.
fn story(words: usize) -> String {
    const PARAS: &[&str] = &[
        "Delta Front militants attacked a border post near Keshar on Tuesday, killing four guards, the interior ministry said.",
        "“We held the post for six hours before help came,” said Captain Ilya Morov, who commands the garrison.",
        "The fighters withdrew into the hills, and the regime in the capital has sent two battalions, witnesses said.",
        "A spokesman for the governor claimed that the border had been reinforced last month and slammed the opposition for its criticism.",
        "The group claimed responsibility for the attack in a statement posted online. Two wounded guards were admitted to hospital.",
        "Aid agencies said a shocking number of families had fled the valley, and the United Nations will send food on Thursday.",
    ];
    common::story("# Attack on border post\n\n", PARAS, words)
}

/// The built-in entries the story uses (so every size finds the same matches), padded with
/// invented terms up to `n` entries.
fn specs(n: usize) -> BTreeMap<String, TermSpec> {
    const USED: &[&str] = &[
        "militant",
        "fighter",
        "regime",
        "claim",
        "slammed",
        "shocking",
        "admit",
        "terrorist",
        "mob",
        "so-called",
    ];
    let mut specs: BTreeMap<String, TermSpec> = specs_for(&Config::default())
        .into_iter()
        .filter(|(k, _)| USED.contains(&k.as_str()))
        .collect();
    let mut i = 0;
    while specs.len() < n {
        // Pronounceable, never-occurring words: "zabovek0", "zabovek1", ...
        let word = format!(
            "{}{}{}vek{i}",
            ["za", "qu", "mo", "te"][i % 4],
            ["bo", "ri", "ka"][i % 3],
            ["x", "l", "n", "s", "d"][i % 5]
        );
        specs.insert(
            word.clone(),
            TermSpec {
                category: "contested-label".into(),
                forms: vec![format!("{word}s")],
                alternatives: vec!["group".into()],
                ..TermSpec::default()
            },
        );
        i += 1;
    }
    specs
}

fn bench(c: &mut Criterion) {
    let text = story(5_000);
    let doc = Document::parse(&text, Format::Markdown, None);
    let mut scan = c.benchmark_group("lexicon_scan_5000_words");
    scan.throughput(Throughput::Bytes(text.len() as u64));
    for n in [50usize, 500, 5_000] {
        let lex = Lexicon::compile(&specs(n));
        scan.bench_with_input(BenchmarkId::new("entries", n), &lex, |b, lex| {
            b.iter(|| lex.hits(&doc.prose).len())
        });
    }
    scan.finish();

    let mut family = c.benchmark_group("wording_family_5000_words");
    let config = Config::default();
    let cx = Context::new(&doc, &config);
    for n in [50usize, 500, 5_000] {
        let lex = std::sync::Arc::new(Lexicon::compile(&specs(n)));
        family.bench_with_input(BenchmarkId::new("entries", n), &lex, |b, lex| {
            b.iter(|| {
                let mut report = Report::default();
                check_with(lex, &cx, &mut report);
                report.findings.len()
            });
        });
    }
    family.finish();

    let mut compile = c.benchmark_group("lexicon_compile");
    compile.sample_size(10);
    for n in [50usize, 5_000] {
        let s = specs(n);
        compile.bench_with_input(BenchmarkId::new("entries", n), &s, |b, s| {
            b.iter(|| Lexicon::compile(s).len())
        });
    }
    compile.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
