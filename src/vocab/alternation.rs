// `vocab::alternation`, in a file of its own so that `build.rs` can include it (with `include!`:
// hence a line comment here, not `//!`) to rebuild the attribution patterns' sources.

/// Builds a case-insensitive regex alternation of whole words or phrases from a data list.
///
/// Entries are literal text (escaped), longest first so that "said to be" wins over "said";
/// a space in an entry matches any run of whitespace, as copy wraps lines anywhere.
pub fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&str> = words
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    // A total order (length, then text), so an unstable sort gives the same list.
    sorted.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    // Written into one buffer: this runs for every word slot of every pattern at start-up.
    let mut out = String::with_capacity(sorted.iter().map(|w| w.len() + 4).sum::<usize>() + 4);
    out.push_str("(?:");
    for (i, w) in sorted.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        for (j, part) in w.split_whitespace().enumerate() {
            if j > 0 {
                out.push_str(r"\s+");
            }
            regex_syntax::escape_into(part, &mut out);
        }
    }
    out.push(')');
    out
}
