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
