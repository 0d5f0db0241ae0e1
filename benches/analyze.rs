//! Whole-story analysis time: the number the per-keystroke budget rests on (a 5,000-word story
//! in about 2 ms), and CLI-style throughput in MB/s.

use copydesk::{analyze, Config};
mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// A wire story of about `words` words built from varied paragraphs of our own, with quotes,
/// dates, attributions and a few problems, so every family has work to do.
pub fn story(words: usize) -> String {
    const PARAS: &[&str] = &[
        "Flood waters rose across the Marrow valley on Tuesday, forcing about 3,000 people from their homes, the regional emergency office said.",
        "“We have never seen the river this high,” said Ines Calder, who runs a bakery on Mill Street. “The water came up through the floor in minutes.”",
        "At least 12 people were killed and dozens more are missing. Rescuers are said to have reached the upper villages late Monday.",
        "The governor, Paul Ardent, claimed the dams had been inspected last year and slammed critics for what he called a shocking rush to judgment.",
        "One source said the spillway gates had jammed. Officials will meet on Thursday, March 14, to review the response, according to a statement.",
        "The weather service forecast more rain through the weekend, with up to 80 millimetres expected in the hills.",
        "Insurgents in the south have also exploited the chaos, and the regime in the capital has deployed troops, witnesses said.",
        "Aid groups said they had delivered 40 tonnes of food. Many analysts believe the damage will top $2 billion.",
    ];
    common::story(
        "---\ntitle: Floods sweep Marrow valley\ndate: 2025-03-12\n---\n\nMARROW, Ore. (AP) — ",
        PARAS,
        words,
    )
}

fn bench(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("analyze");
    for words in [500usize, 5_000] {
        let text = story(words);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("words", words), &text, |b, t| {
            b.iter(|| analyze(t, &config))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
