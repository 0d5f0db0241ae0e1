//! One edit of a story as the server handles it, in process, for profilers (a development aid):
//! the story is analysed once with its paragraph memo, then `EDITS` one-character edits (typed
//! near the middle, taken out again) go through analysis, conversion and serialisation in
//! `measured`. Under callgrind: `valgrind --tool=callgrind --toggle-collect='*measured*'
//! target/release/examples/edit_profile 5000|1MB|330|FILE [EDITS]`; without, it prints the
//! time per edit.
#[path = "../benches/common/mod.rs"]
mod common;
use common::{SERVER_HEAD as HEAD, SERVER_PARAS as PARAS};

#[inline(never)]
fn measured(texts: &[String], memo: &copydesk::rules::memo::Memo) -> usize {
    texts
        .iter()
        .map(|t| copydesk::lsp::publication_memo(t, Some(memo)).len())
        .sum()
}

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "5000".into());
    let edits: usize = std::env::args()
        .nth(2)
        .map_or(8, |n| n.parse().expect("a number of edits"));
    let text = match arg.as_str() {
        "330" => common::story(HEAD, PARAS, 330),
        "5000" => common::story(HEAD, PARAS, 5_000),
        "1MB" => {
            // Distinct paragraphs (a number changes), as in a real story.
            let mut mb = String::from(HEAD);
            let mut i = 0;
            while mb.len() < 1_000_000 {
                mb.push_str(
                    &PARAS[i % PARAS.len()].replace("40 tonnes", &format!("{} tonnes", 40 + i)),
                );
                mb.push_str("\n\n");
                i += 1;
            }
            mb
        }
        path => std::fs::read_to_string(path).expect("a readable file"),
    };
    let memo = copydesk::rules::memo::Memo::new();
    copydesk::lsp::publication_memo(&text, Some(&memo));
    let mid = text[..text.len() / 2].rfind(". ").expect("a sentence") + 1;
    let texts: Vec<String> = (0..edits)
        .map(|i| {
            let mut t = text.clone();
            if i % 2 == 0 {
                t.insert(mid, 'x');
            }
            t
        })
        .collect();
    let t = std::time::Instant::now();
    let n = measured(&texts, &memo);
    println!(
        "{} bytes, {n} bytes published, {:?} per edit; memo {:?}",
        text.len(),
        t.elapsed() / edits.max(1) as u32,
        memo.stats()
    );
}
