//! Linear-time matching for `exceptions` / `only_in` context patterns (issue 14, defect 1).
//!
//! Patterns come from newsroom config files, so no pattern may cost more than a small multiple
//! of the text it is matched against. The old recursive matchers tried every split of every `*`
//! and every length of every `...` gap, which is exponential in the number of wildcards and gaps
//! (12 gaps took 7.5 s, 18 never finished). Here:
//!
//! - [`glob`]: a `*` wildcard word, matched with the two-pointer algorithm that backs up only to
//!   the last star: O(word × pattern) at worst, no recursion.
//! - [`anchored`]: a sequence of token tests and gaps against tokens read away from the hit,
//!   memoised over (pattern item, token) pairs: every pair is decided once, so the cost is at
//!   most items × reachable tokens × gap width.
//! - [`size_problem`]: the limits checked when a config file is validated, so that even the
//!   linear cost stays small.

/// The most words (including gaps and placeholders) a pattern may have.
pub const MAX_PATTERN_ITEMS: usize = 16;
/// The most `*` wildcards a pattern may have, over all its words.
pub const MAX_PATTERN_STARS: usize = 16;
/// The most `a|b|...` alternatives one pattern word may list.
pub const MAX_ALTERNATIVES: usize = 32;

/// True when `pat` (which may hold `*` wildcards, each matching any run of characters) matches
/// the whole of `s`.
pub fn glob(pat: &str, s: &str) -> bool {
    // Bytes, not chars, and no copies: `*` is one byte that never occurs inside a UTF-8
    // sequence, and a literal character's first byte never equals a continuation byte, so a
    // match over bytes starts and ends every run on character boundaries: the same matches.
    let (p, t) = (pat.as_bytes(), s.as_bytes());
    let (mut i, mut j) = (0, 0);
    // The position just after the last star seen, and the text position it is tried from.
    let mut star: Option<(usize, usize)> = None;
    while j < t.len() {
        if i < p.len() && p[i] == b'*' {
            star = Some((i + 1, j));
            i += 1;
        } else if i < p.len() && p[i] == t[j] {
            i += 1;
            j += 1;
        } else if let Some((pi, tj)) = star {
            // Let the last star take one more character, and retry what follows it.
            i = pi;
            j = tj + 1;
            star = Some((pi, tj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == b'*')
}

/// One item of a pattern, as [`anchored`] sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// Zero to `gap` tokens.
    Gap,
    /// Exactly one token, which `test(item, token)` must accept.
    Token,
    /// No token: the run has reached the last of the `n` tokens (a pattern's `^`, read from the
    /// hit back to the sentence start).
    End,
}

/// True when `items` matches a run of tokens starting at token 0 (anchored there, free at the
/// other end), where there are `n` tokens and `test(i, j)` says whether item `i` accepts token
/// `j`. A gap takes 0 to `gap` tokens; `End` holds only once all `n` tokens are taken. Each
/// (item, token) pair is decided at most once.
pub fn anchored(
    items: &[Item],
    n: usize,
    gap: usize,
    test: impl FnMut(usize, usize) -> bool,
) -> bool {
    // Without a gap, each item takes one token or none (`End`), in order: nothing to search,
    // and nothing to remember (most patterns are so: this runs for each around every term).
    if !items.contains(&Item::Gap) {
        return in_order(items, n, test);
    }
    // Every pattern's reach fits a word of bits (16 items of at most 4 tokens each).
    if reach(items, n, gap) < 64 {
        return by_bits(items, n, gap, test);
    }
    memoised(items, n, gap, test)
}

/// No item takes more than max(gap, 1) tokens: no token beyond this one can be reached.
fn reach(items: &[Item], n: usize, gap: usize) -> usize {
    n.min(items.len().saturating_mul(gap.max(1)))
}

/// [`anchored`] item by item over the set of token positions the items so far can end at, a
/// bit each (`reach` below 64): what `memoised` decides, without its recursion and tables.
/// Tests each (item, token) pair at most once, as `memoised` does.
fn by_bits(
    items: &[Item],
    n: usize,
    gap: usize,
    mut test: impl FnMut(usize, usize) -> bool,
) -> bool {
    let reach = reach(items, n, gap);
    debug_assert!(reach < 64);
    let within = u64::MAX >> (63 - reach);
    let mut at: u64 = 1;
    for (i, item) in items.iter().enumerate() {
        at = match item {
            Item::Token => {
                let mut next = 0;
                let mut from = at & !(1 << reach);
                while from != 0 {
                    let j = from.trailing_zeros() as usize;
                    from &= from - 1;
                    if test(i, j) {
                        next |= 1 << (j + 1);
                    }
                }
                next
            }
            Item::Gap => (0..=gap).fold(0, |m, k| m | at << k) & within,
            Item::End => at & (1u64.checked_shl(n as u32).unwrap_or(0)),
        };
        if at == 0 {
            return false;
        }
    }
    true
}

/// [`anchored`] for items without a gap: item `i` is tested against the token after those the
/// items before it took, as `memoised` tests it.
fn in_order(items: &[Item], n: usize, mut test: impl FnMut(usize, usize) -> bool) -> bool {
    let mut j = 0;
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Token => {
                if j >= n || !test(i, j) {
                    return false;
                }
                j += 1;
            }
            Item::End => {
                if j != n {
                    return false;
                }
            }
            Item::Gap => unreachable!("in_order is for items without a gap"),
        }
    }
    true
}

/// [`anchored`], whatever the items: every (item, token) pair is decided once.
fn memoised(
    items: &[Item],
    n: usize,
    gap: usize,
    mut test: impl FnMut(usize, usize) -> bool,
) -> bool {
    let reach = reach(items, n, gap);
    let width = reach + 1;
    // 0: unknown, 1: no, 2: yes. Indexed [item][token]. On the stack when small, as nearly
    // every pattern is: this runs for each pattern around every term.
    let cells = (items.len() + 1) * width;
    let mut stack = [0u8; 512];
    let mut heap = Vec::new();
    let buf: &mut [u8] = match stack.get_mut(..2 * cells) {
        Some(b) => b,
        None => {
            heap.resize(2 * cells, 0);
            &mut heap
        }
    };
    let (memo, tests) = buf.split_at_mut(cells);
    #[allow(clippy::too_many_arguments)]
    fn go(
        i: usize,
        j: usize,
        n: usize,
        items: &[Item],
        reach: usize,
        gap: usize,
        width: usize,
        memo: &mut [u8],
        tests: &mut [u8],
        test: &mut dyn FnMut(usize, usize) -> bool,
    ) -> bool {
        if i == items.len() {
            return true;
        }
        let key = i * width + j;
        if memo[key] != 0 {
            return memo[key] == 2;
        }
        let ok = match items[i] {
            Item::Gap => (0..=gap)
                .take_while(|k| j + k <= reach)
                .any(|k| go(i + 1, j + k, n, items, reach, gap, width, memo, tests, test)),
            Item::End => j == n && go(i + 1, j, n, items, reach, gap, width, memo, tests, test),
            Item::Token => {
                j < reach
                    && {
                        let t = &mut tests[i * width + j];
                        if *t == 0 {
                            *t = if test(i, j) { 2 } else { 1 };
                        }
                        *t == 2
                    }
                    && go(i + 1, j + 1, n, items, reach, gap, width, memo, tests, test)
            }
        };
        memo[key] = if ok { 2 } else { 1 };
        ok
    }
    go(0, 0, n, items, reach, gap, width, memo, tests, &mut test)
}

/// What makes a pattern too big to accept, if anything: checked when a config is validated.
pub fn size_problem(pattern: &str) -> Option<String> {
    let words: Vec<&str> = pattern.split_whitespace().collect();
    if words.len() > MAX_PATTERN_ITEMS {
        return Some(format!(
            "pattern `{pattern}` has {} words; the limit is {MAX_PATTERN_ITEMS}",
            words.len()
        ));
    }
    let stars = pattern.matches('*').count();
    if stars > MAX_PATTERN_STARS {
        return Some(format!(
            "pattern `{pattern}` has {stars} `*` wildcards; the limit is {MAX_PATTERN_STARS}"
        ));
    }
    if let Some(w) = words
        .iter()
        .find(|w| w.split('|').count() > MAX_ALTERNATIVES)
    {
        return Some(format!(
            "pattern word `{w}` lists more than {MAX_ALTERNATIVES} alternatives"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old recursive glob, kept as the reference for the property test.
    fn reference(pat: &str, s: &str) -> bool {
        match pat.find('*') {
            None => pat == s,
            Some(i) => {
                let (pre, rest) = (&pat[..i], &pat[i + 1..]);
                if !s.starts_with(pre) {
                    return false;
                }
                let tail = &s[pre.len()..];
                rest.is_empty()
                    || (0..=tail.len())
                        .filter(|&k| tail.is_char_boundary(k))
                        .any(|k| reference(rest, &tail[k..]))
            }
        }
    }

    #[test]
    fn globs() {
        assert!(glob("designat*", "designated"));
        assert!(glob("*ist", "terrorist"));
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*b*c", "axxbyy"));
        assert!(glob("*", ""));
        assert!(glob("é*é", "éaé"));
        assert!(!glob("abc", "abcd"));
        // The case that took over 50 s: ten `*a` then `*b`, against a long run of a's.
        let pat = format!("{}*b", "*a".repeat(10));
        assert!(!glob(&pat, &"a".repeat(200)));
    }

    #[test]
    fn many_gaps_are_linear() {
        // 18 gaps that cannot match: every split would be tried by a naive matcher.
        let mut items = vec![Item::Gap; 18];
        items.push(Item::Token);
        let mut calls = 0;
        assert!(!anchored(&items, 100, 4, |_, _| {
            calls += 1;
            false
        }));
        assert!(calls <= 19 * 100, "{calls} token tests");
        // And a match through gaps.
        let items = [Item::Token, Item::Gap, Item::Token];
        assert!(anchored(&items, 6, 4, |i, j| (i, j) == (0, 0) || (i, j) == (2, 4)));
        assert!(!anchored(&items, 7, 4, |i, j| (i, j) == (0, 0) || (i, j) == (2, 6)));
    }

    /// Random items without a gap (at most one `End`, last, as a `^` is read) and a table of
    /// which (item, token) pairs pass.
    fn gapless() -> impl proptest::strategy::Strategy<Value = (Vec<Item>, usize, Vec<bool>)> {
        use proptest::prelude::*;
        (
            0usize..6,
            any::<bool>(),
            0usize..8,
            proptest::collection::vec(any::<bool>(), 64),
        )
            .prop_map(|(k, end, n, table)| {
                let mut items = vec![Item::Token; k];
                if end {
                    items.push(Item::End);
                }
                (items, n, table)
            })
    }

    /// Random items (with gaps, `End`s anywhere), a token count, and a table of which (item,
    /// token) pairs pass.
    fn any_items() -> impl proptest::strategy::Strategy<Value = (Vec<Item>, usize, Vec<bool>)> {
        use proptest::prelude::*;
        let item = prop_oneof![Just(Item::Token), Just(Item::Gap), Just(Item::End)];
        (
            proptest::collection::vec(item, 0..10),
            0usize..40,
            proptest::collection::vec(any::<bool>(), 1024),
        )
    }

    proptest::proptest! {
        /// Item by item over bits, the search decides what the memoised search decides, and
        /// tests no pair twice.
        #[test]
        fn by_bits_agrees_with_the_memoised_search((items, n, table) in any_items(), gap in 0usize..6) {
            let test = |i: usize, j: usize| table[(i * 64 + j) % 1024];
            if reach(&items, n, gap) < 64 {
                let mut seen = std::collections::HashSet::new();
                let bits = by_bits(&items, n, gap, |i, j| {
                    assert!(seen.insert((i, j)), "({i}, {j}) tested twice");
                    test(i, j)
                });
                proptest::prop_assert_eq!(bits, memoised(&items, n, gap, test));
            }
        }

        /// Without gaps, the test in order gives what the memoised search gives.
        #[test]
        fn in_order_agrees_with_the_memoised_search((items, n, table) in gapless(), gap in 0usize..5) {
            let test = |i: usize, j: usize| table[(i * 8 + j) % 64];
            proptest::prop_assert_eq!(anchored(&items, n, gap, test), memoised(&items, n, gap, test));
        }

        #[test]
        fn glob_agrees_with_the_reference(pat in "[ab*éè]{0,8}", s in "[abéè]{0,10}") {
            proptest::prop_assert_eq!(glob(&pat, &s), reference(&pat, &s));
        }
    }
}
