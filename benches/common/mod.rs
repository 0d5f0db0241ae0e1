//! The story builder the benchmarks and the profiling example share.

/// About `words` words of invented copy: `head`, then `paras` repeated in order.
pub fn story(head: &str, paras: &[&str], words: usize) -> String {
    let mut out = String::from(head);
    let mut n = 0;
    for p in paras.iter().cycle() {
        if n >= words {
            break;
        }
        out.push_str(p);
        out.push_str("\n\n");
        n += p.split_whitespace().count();
    }
    out
}

/// The server benchmarks' story head (front matter and dateline).
#[allow(dead_code)] // not every bench target builds the server story
pub const SERVER_HEAD: &str =
    "---\ntitle: Floods sweep Marrow valley\ndate: 2025-03-12\n---\n\nMARROW, Ore. (AP) — ";

/// News copy of our own, with problems for every family (loaded words, unattributed claims,
/// relative dates, TKs) and clean paragraphs between them.
#[allow(dead_code)]
pub const SERVER_PARAS: &[&str] = &[
    "The shocking regime slammed the so-called rebels on Tuesday, and militants claimed the terrorist mob admitted TK losses.",
    "One source said the insurgents had fled last Monday. Critics blasted the embattled regime over the controversial plan.",
    "Officials will meet on Thursday, March 14, 2024. The brutal junta is said to have slammed TK protesters yesterday.",
    "Many analysts believe the extremists seized the town. A spokesman claimed the thugs admitted the shocking attack.",
    "“We have never seen the river this high,” said Ines Calder, who runs a bakery on Mill Street.",
    "Output at the Harlow steel works rose 4.2 pct in the third quarter to 1.31 mln tonnes, the company said in a statement on its results.",
    "Flood waters rose across the Marrow valley on Tuesday, forcing about 3,000 people from their homes, the regional emergency office said.",
    "The governor, Paul Ardent, claimed the dams had been inspected last year and slammed critics for what he called a shocking rush to judgment.",
    "Aid groups said they had delivered 40 tonnes of food. Many analysts believe the damage will top $2 billion.",
];
