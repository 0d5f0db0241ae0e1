//! One benchmark per row of issue 16's table, on copy we write here (never corpus text):
//!
//! - `short_story/cli`: `copydesk check` on a ~330-word story, process start-up included (the
//!   one-time set-up: lexicon and regex compilation); `short_story/analyze` is the analysis
//!   alone, set-up already paid.
//! - `wire_copy/analyze/{1,2,4} MB`: throughput on plain wire copy, to read as MB/s and check
//!   it is linear; `1MB_curly` is the same megabyte with curly quotation marks and apostrophes
//!   (multi-byte characters the regex scans and the word scanner decode).
//! - `dense/analyze/{paragraphs,one_paragraph,one_line}`: a finding-dense 480 KB story with
//!   paragraph breaks, as one paragraph and on one line: the same cost for all three, or a
//!   quadratic cost is back.
//! - `json_report/cli`: `copydesk check --format json` on a 1 MB finding-dense story (its peak
//!   memory is printed by `tools/callgrind.sh`).
//! - `server/analyze_5000_words`: the analysis the server runs per edit of a 5,000-word story.
//!
//! Instruction counts, stable on a loaded machine, come from `tools/callgrind.sh`.
//! Run: `cargo bench --bench table` (`-- dense` for one group).

use copydesk::document::Format;
use copydesk::{analyze, analyze_as, Config};
mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Wire copy with few problems: business and weather news of our own.
const WIRE: &[&str] = &[
    "Output at the Harlow steel works rose 4.2 pct in the third quarter to 1.31 mln tonnes, the company said in a statement on its results.",
    "The company said it expected demand from carmakers to stay firm through the first half of next year, although prices for flat steel had eased since August.",
    "Shares in the group closed 12 cents higher at 8.45 dlrs on the Toronto exchange, where 2.3 mln shares changed hands.",
    "The board declared a quarterly dividend of 18 cents a share, payable on December 15 to holders of record on November 30.",
    "Rainfall in the northern wheat belt was below average for the fourth week running, the state weather bureau said, and growers expect a smaller crop.",
    "Exports of coffee from the port fell to 312,000 bags in October from 355,000 a year earlier, shipping agents said.",
];

/// Copy dense with findings: loaded words, unattributed claims, relative dates, TKs.
const DENSE: &[&str] = &[
    "The shocking regime slammed the so-called rebels on Tuesday, and militants claimed the terrorist mob admitted TK losses.",
    "One source said the insurgents had fled last Monday. Critics blasted the embattled regime over the controversial plan.",
    "Officials will meet on Thursday, March 14, 2024. The brutal junta is said to have slammed TK protesters yesterday.",
    "Many analysts believe the extremists seized the town. A spokesman claimed the thugs admitted the shocking attack.",
    "“We have never seen the river this high,” said Ines Calder, who runs a bakery on Mill Street.",
];

const HEAD: &str =
    "---\ntitle: Floods sweep Marrow valley\ndate: 2025-03-12\n---\n\nMARROW, Ore. (AP) — ";

/// `text` with a quoted remark in each paragraph and curly marks for its quotes and apostrophes.
fn curly(text: &str) -> String {
    text.replace(
        "the company said",
        "\u{201c}it\u{2019}s a steady year,\u{201d} the company said",
    )
    .replace('\'', "\u{2019}")
}

/// About `bytes` of `paras` in order, joined by `sep`.
fn sized(paras: &[&str], bytes: usize, sep: &str) -> String {
    let mut s = String::from(HEAD);
    for (i, p) in paras.iter().cycle().enumerate() {
        if s.len() >= bytes {
            break;
        }
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(p);
    }
    s.push('\n');
    s
}

/// A ~330-word news story (the size of the seed article).
fn short_story() -> String {
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
    common::story(HEAD, PARAS, 330)
}

/// Runs the built binary on `text` (through standard input), as a user would.
fn run_cli(args: &[&str], text: &str) -> usize {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("copydesk runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = text.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("copydesk finishes");
    writer.join().unwrap();
    out.stdout.len()
}

fn bench(c: &mut Criterion) {
    let config = Config::default();

    let mut g = c.benchmark_group("short_story");
    g.sample_size(20);
    let text = short_story();
    g.bench_function("cli", |b| b.iter(|| run_cli(&["check"], &text)));
    g.bench_function("analyze", |b| b.iter(|| analyze(&text, &config)));
    g.finish();

    let mut g = c.benchmark_group("wire_copy");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for mb in [1usize, 2, 4] {
        let text = sized(WIRE, mb * 1_000_000, "\n\n");
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("analyze", format!("{mb}MB")),
            &text,
            |b, t| b.iter(|| analyze_as(t, Format::Plain, &config)),
        );
    }
    let text = curly(&sized(WIRE, 1_000_000, "\n\n"));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_with_input(BenchmarkId::new("analyze", "1MB_curly"), &text, |b, t| {
        b.iter(|| analyze_as(t, Format::Plain, &config))
    });
    g.finish();

    let mut g = c.benchmark_group("dense");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for (name, sep) in [
        ("paragraphs", "\n\n"),
        ("one_paragraph", "\n"),
        ("one_line", " "),
    ] {
        let text = sized(DENSE, 480_000, sep);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("analyze", name), &text, |b, t| {
            b.iter(|| analyze(t, &config))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("json_report");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let text = sized(DENSE, 1_000_000, "\n\n");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("cli", |b| {
        b.iter(|| run_cli(&["check", "--format", "json"], &text))
    });
    g.finish();

    let mut g = c.benchmark_group("server");
    let text = common::story(HEAD, DENSE, 5_000);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("analyze_5000_words", |b| b.iter(|| analyze(&text, &config)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
