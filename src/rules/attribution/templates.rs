// How an attribution pattern becomes regex text: how a template's `{slots}` are filled from the
// tables of `data/attribution/*.toml`, and how a gated pattern splits into its branches. The
// templates themselves, and the tables each takes, are data: `data/attribution/patterns.toml`
// (their constants are in `super::patterns`).
//
// This file is pure (std and `crate::vocab::alternation` only) so that `build.rs` can include it
// too: it rebuilds every source from the same templates and data, and compiles its automaton at
// build time (see `crate::narrow`). A line comment, not `//!`: `build.rs` includes the file with
// `include!`, where inner attributes are not allowed.

use std::collections::BTreeMap;

/// Named word slots of a pattern table.
pub type Slots = BTreeMap<String, Vec<String>>;

/// A template with its line breaks and the indentation after them dropped (templates are laid
/// out freely over lines).
pub fn join_lines(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut lines = template.lines();
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    for l in lines {
        out.push_str(l.trim_start());
    }
    out
}

/// Fills a pattern template: `{APPROX}`, `{NUM}` and `{W}` are fixed sub-patterns; any other
/// `{name}` (lower case and underscores) is the alternation of the first table holding `name`.
/// Line breaks and the indentation after them are dropped, so templates can be laid out freely.
pub fn expand(template: &str, tables: &[&Slots]) -> String {
    let t = macros(&join_lines(template));
    let mut out = String::with_capacity(t.len() * 4);
    let mut rest = t.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
                let list = tables
                    .iter()
                    .find_map(|t| t.get(n))
                    .unwrap_or_else(|| panic!("data/attribution: no list `{n}` for a pattern"));
                out.push_str(&crate::vocab::alternation(list));
                rest = &after[n.len() + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The fixed sub-patterns of [`expand`], written out so their slots are seen.
pub fn macros(t: &str) -> String {
    t.replace("{APPROX}", r"(?:{approximators}\s+)?")
        .replace("{NUM}", r"(?:\d[\d,.]*|{number_words})")
        .replace("{W}", r"[\w’'-]+")
}

/// The branches of a gated pattern: for each top-level alternative of `template`, its text with
/// the fixed sub-patterns written out (for reading off required words) and its regex source (with
/// the pattern's leading flags).
pub fn branches(template: &str, tables: &[&Slots]) -> Vec<(String, String)> {
    let t = join_lines(template);
    let (flags, body) = leading_flags(&t);
    split_top(body)
        .into_iter()
        .map(|b| {
            let b = macros(&b);
            let source = format!("{flags}{}", expand(&b, tables));
            (b, source)
        })
        .collect()
}

/// A leading flag group such as `(?i)`, which applies to every branch.
pub fn leading_flags(t: &str) -> (&str, &str) {
    if t.starts_with("(?") {
        if let Some(close) = t.find(')') {
            let inner = &t[2..close];
            if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
                return t.split_at(close + 1);
            }
        }
    }
    ("", t)
}

/// `t` split at its top-level `|` (outside groups and classes). A pattern that is one group of
/// alternatives after zero-width assertions, such as `\b(?:a|b)`, is split inside that group.
pub fn split_top(t: &str) -> Vec<String> {
    let parts = split_at_depth0(t);
    if parts.len() > 1 {
        return parts.into_iter().map(str::to_string).collect();
    }
    // `(?-u:\b)(?:A|B|C)`: distribute the leading assertion over the inner alternatives.
    let lead = r"(?-u:\b)";
    if let Some(rest) = t.strip_prefix(lead) {
        if rest.starts_with("(?:") {
            if let Some(end) = group_end(rest) {
                if end + 1 == rest.len() {
                    let inner = &rest[3..end];
                    let parts = split_at_depth0(inner);
                    if parts.len() > 1 {
                        return parts.into_iter().map(|p| format!("{lead}{p}")).collect();
                    }
                }
            }
        }
    }
    vec![t.to_string()]
}

/// Walks a regex source, skipping escapes and character classes, and calls `visit` with each
/// `(`, `)` or `|` and the group depth after it, until `visit` returns false.
fn walk_structure(t: &str, mut visit: impl FnMut(usize, u8, i32) -> bool) {
    let b = t.as_bytes();
    let (mut depth, mut class, mut i) = (0i32, false, 0);
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' if !class => class = true,
            b']' if class => class = false,
            c @ (b'(' | b')' | b'|') if !class => {
                depth += match c {
                    b'(' => 1,
                    b')' => -1,
                    _ => 0,
                };
                if !visit(i, c, depth) {
                    return;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// The byte index of the `)` closing the group that opens at byte 0 of `t`.
fn group_end(t: &str) -> Option<usize> {
    let mut end = None;
    walk_structure(t, |i, c, depth| {
        if c == b')' && depth == 0 {
            end = Some(i);
        }
        end.is_none()
    });
    end
}

fn split_at_depth0(t: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut from = 0;
    walk_structure(t, |i, c, depth| {
        if c == b'|' && depth == 0 {
            parts.push(&t[from..i]);
            from = i + 1;
        }
        true
    });
    parts.push(&t[from..]);
    parts
}

/// A parsed template, just enough to tell which words every match must contain.
enum Node {
    /// Alternatives of sequences of atoms, each with its quantifier: None for none, else
    /// whether it still requires the atom (`+`, `{2,}`) or not (`?`, `*`, `{0,3}`).
    Alt(Vec<Vec<(Node, Option<bool>)>>),
    /// A literal ASCII letter, digit or punctuation mark.
    Char(u8),
    Slot(String),
    /// What is never an ASCII letter or digit, or a word boundary: `\s`, `\b`, a space.
    Edge,
    /// Anything else: classes, escapes, assertions.
    Other,
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn alt(&mut self) -> Node {
        let mut branches = vec![self.concat()];
        while self.b.get(self.i) == Some(&b'|') {
            self.i += 1;
            branches.push(self.concat());
        }
        Node::Alt(branches)
    }

    /// Atoms with their quantifiers.
    fn concat(&mut self) -> Vec<(Node, Option<bool>)> {
        let mut out = Vec::new();
        while let Some(&c) = self.b.get(self.i) {
            if c == b'|' || c == b')' {
                break;
            }
            let atom = self.atom();
            let quant = self.quantifier();
            out.push((atom, quant));
        }
        out
    }

    fn atom(&mut self) -> Node {
        let c = self.b[self.i];
        self.i += 1;
        match c {
            b'(' => {
                if self.b.get(self.i) == Some(&b'?') {
                    // `(?:`, `(?P<name>`, `(?flags:` or a bare `(?flags)`.
                    let rest = &self.b[self.i..];
                    if rest.starts_with(b"?P<") {
                        let close = rest.iter().position(|&x| x == b'>').unwrap_or(0);
                        self.i += close + 1;
                    } else {
                        let stop = rest
                            .iter()
                            .position(|&x| x == b':' || x == b')')
                            .unwrap_or(0);
                        if rest.get(stop) == Some(&b')') {
                            self.i += stop + 1;
                            return Node::Other;
                        }
                        self.i += stop + 1;
                    }
                }
                let inner = self.alt();
                if self.b.get(self.i) == Some(&b')') {
                    self.i += 1;
                }
                inner
            }
            b'[' => {
                // A letter in either case, as `[Ii]`: the letter (required words are matched
                // without regard to ASCII case).
                if let [a, b, b']', ..] = self.b[self.i..] {
                    if a.is_ascii_alphabetic() && a != b && a.eq_ignore_ascii_case(&b) {
                        self.i += 3;
                        return Node::Char(a.to_ascii_lowercase());
                    }
                }
                // A class: skip to its closing bracket (a `]` first in the class is literal).
                let mut first = true;
                while let Some(&x) = self.b.get(self.i) {
                    self.i += 1;
                    match x {
                        b'\\' => self.i += 1,
                        b']' if !first => break,
                        b'^' if first => continue,
                        _ => {}
                    }
                    first = false;
                }
                Node::Other
            }
            b'\\' => {
                // An escaped punctuation mark is itself; `\s`, `\d`, `\b`... are not literals.
                let e = self.b.get(self.i).copied().unwrap_or(b' ');
                self.i += 1;
                if e.is_ascii_punctuation() {
                    Node::Char(e)
                } else if e == b's' || e == b'b' {
                    Node::Edge
                } else {
                    Node::Other
                }
            }
            b'{' => {
                let rest = &self.b[self.i..];
                let close = rest.iter().position(|&x| x == b'}');
                match close {
                    Some(n)
                        if n > 0
                            && rest[..n]
                                .iter()
                                .all(|x| x.is_ascii_lowercase() || *x == b'_') =>
                    {
                        self.i += n + 1;
                        Node::Slot(String::from_utf8_lossy(&rest[..n]).into_owned())
                    }
                    _ => Node::Other,
                }
            }
            c if c.is_ascii_alphanumeric() || b"%,'-/:;!\"&#@=<>~_".contains(&c) => Node::Char(c),
            b' ' => Node::Edge,
            _ => {
                // Skip the rest of a multi-byte character.
                while self.b.get(self.i).is_some_and(|x| x & 0xC0 == 0x80) {
                    self.i += 1;
                }
                Node::Other
            }
        }
    }

    /// Reads a quantifier after an atom: None when there is none, else whether the atom is still
    /// required.
    fn quantifier(&mut self) -> Option<bool> {
        let required = match self.b.get(self.i) {
            Some(b'?') | Some(b'*') => {
                self.i += 1;
                false
            }
            Some(b'+') => {
                self.i += 1;
                true
            }
            Some(b'{') => {
                let rest = &self.b[self.i + 1..];
                let close = rest.iter().position(|&x| x == b'}');
                match close {
                    Some(n)
                        if n > 0 && rest[..n].iter().all(|x| x.is_ascii_digit() || *x == b',') =>
                    {
                        self.i += n + 2;
                        let min = rest[..n].split(|&x| x == b',').next().unwrap_or(b"");
                        !(min.is_empty() || min.iter().all(|&x| x == b'0'))
                    }
                    _ => return None,
                }
            }
            _ => return None,
        };
        // A lazy or possessive mark after the quantifier.
        if matches!(self.b.get(self.i), Some(b'?') | Some(b'+')) {
            self.i += 1;
        }
        Some(required)
    }
}

/// The template `t` parsed as one alternation, or None when the parser stops before its end.
fn parse_whole(t: &str) -> Option<Node> {
    let mut p = Parser {
        b: t.as_bytes(),
        i: 0,
    };
    let node = p.alt();
    (p.i == t.len()).then_some(node)
}

/// Lower-case words one of which every match of the template `t` contains, or None.
pub fn anchors(t: &str, tables: &[&Slots]) -> Option<Vec<String>> {
    let node = parse_whole(t)?;
    let mut v: Vec<String> = required(&node, tables, false, false)?
        .into_iter()
        .map(|(w, _)| w)
        .collect();
    v.sort();
    v.dedup();
    (!v.is_empty()).then_some(v)
}

/// Edges of a required word (see [`required_sets_edged`]): in every match, the byte before it
/// is not an ASCII letter or digit (or there is none).
pub const LEFT: u8 = 1;
/// In every match, the byte after the word is not an ASCII letter or digit (or there is none).
pub const RIGHT: u8 = 2;

/// A required word with its edges.
type Edged = (String, u8);

/// Every list of words that the template `t` requires at its top level: each match contains a word
/// of each list (so a sentence can hold a match only if it holds a word of every list).
pub fn required_sets(t: &str, tables: &[&Slots]) -> Vec<Vec<String>> {
    required_sets_edged(t, tables)
        .into_iter()
        .map(|l| l.into_iter().map(|(w, _)| w).collect())
        .collect()
}

/// [`required_sets`], each word with its edges ([`LEFT`], [`RIGHT`]): what every match holds
/// around it, so that a prefilter may count a word only where it stands at those edges ("is" is
/// required by "it is said" as a word of its own, not inside "this"). A word listed twice has
/// the edges both places give it; a list found twice, the edges of both.
pub fn required_sets_edged(t: &str, tables: &[&Slots]) -> Vec<Vec<(String, u8)>> {
    let Some(node) = parse_whole(t) else {
        return Vec::new();
    };
    let Node::Alt(branches) = &node else {
        return Vec::new();
    };
    let mut sets = if let [atoms] = branches.as_slice() {
        let mut sets = Vec::new();
        each_required(atoms, tables, false, false, |v| sets.push(v));
        sets
    } else {
        required(&node, tables, false, false).into_iter().collect()
    };
    for v in &mut sets {
        v.sort();
        v.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 &= b.1;
            }
            same
        });
    }
    sets.retain(|v| !v.is_empty());
    sets.sort_by(|a, b| {
        a.iter()
            .map(|(w, _)| w)
            .cmp(b.iter().map(|(w, _)| w))
            .then_with(|| a.iter().map(|(_, e)| e).cmp(b.iter().map(|(_, e)| e)))
    });
    sets.dedup_by(|b, a| {
        let same = a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.0 == y.0);
        if same {
            for (x, y) in a.iter_mut().zip(b.iter()) {
                x.1 &= y.1;
            }
        }
        same
    });
    sets
}

/// Whether, in every match, the byte just before atom `i` of `atoms` is not an ASCII letter or
/// digit, given that the atom starts with one (a `\b` there then counts); `ctx`: the same before
/// the sequence.
fn edge_before(atoms: &[(Node, Option<bool>)], i: usize, ctx: bool) -> bool {
    let Some(j) = i.checked_sub(1) else {
        return ctx;
    };
    let (node, quant) = &atoms[j];
    let prev = edge_before(atoms, j, ctx);
    // A quantified atom may follow itself: what comes before its last time is not known.
    let ends = ends_edge(node, quant.is_none() && prev);
    match quant {
        Some(false) => ends && prev,
        _ => ends,
    }
}

/// As [`edge_before`], for the byte just after atom `i - 1` looking right: the byte at the start
/// of atom `i` on.
fn edge_from(atoms: &[(Node, Option<bool>)], i: usize, ctx: bool) -> bool {
    let Some((node, quant)) = atoms.get(i) else {
        return ctx;
    };
    let next = edge_from(atoms, i + 1, ctx);
    let starts = starts_edge(node, quant.is_none() && next);
    match quant {
        Some(false) => starts && next,
        _ => starts,
    }
}

/// Whether `node` ends with an edge (its last byte no letter or digit, or a `\b`); `before`:
/// whether the place before it is one (for a group that may match nothing).
fn ends_edge(node: &Node, before: bool) -> bool {
    match node {
        Node::Edge => true,
        Node::Char(c) => !c.is_ascii_alphanumeric(),
        Node::Slot(_) | Node::Other => false,
        Node::Alt(branches) => branches.iter().all(|b| edge_before(b, b.len(), before)),
    }
}

/// Whether `node` starts with an edge; `after`: whether the place after it is one.
fn starts_edge(node: &Node, after: bool) -> bool {
    match node {
        Node::Edge => true,
        Node::Char(c) => !c.is_ascii_alphanumeric(),
        Node::Slot(_) | Node::Other => false,
        Node::Alt(branches) => branches.iter().all(|b| edge_from(b, 0, after)),
    }
}

/// The edges of a required word `w` found between places that are edges or not: an edge counts
/// only on the side of a letter or digit.
fn edges_of(w: &str, left: bool, right: bool) -> u8 {
    let b = w.as_bytes();
    let alnum = |c: Option<&u8>| c.is_some_and(u8::is_ascii_alphanumeric);
    let mut e = 0;
    if left && alnum(b.first()) {
        e |= LEFT;
    }
    if right && alnum(b.last()) {
        e |= RIGHT;
    }
    e
}

/// The required words of `node` with their edges, `left` and `right` telling whether the places
/// before and after it are edges.
fn required(node: &Node, tables: &[&Slots], left: bool, right: bool) -> Option<Vec<Edged>> {
    match node {
        Node::Alt(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(concat_required(b, tables, left, right)?);
            }
            Some(all)
        }
        Node::Slot(name) => {
            let list = tables.iter().find_map(|t| t.get(name))?;
            let mut out = Vec::new();
            for w in list.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
                // Whitespace inside an entry matches any run of whitespace: keep its longest word.
                let parts: Vec<&str> = w.split_whitespace().collect();
                let (k, longest) = parts
                    .iter()
                    .enumerate()
                    .max_by_key(|(_, x)| x.len())
                    .map_or((0, ""), |(k, x)| (k, *x));
                if longest.len() < 2 {
                    return None;
                }
                // Inside the entry, whitespace stands on either side of a word.
                let e = edges_of(longest, k > 0 || left, k + 1 < parts.len() || right);
                out.push((longest.to_ascii_lowercase(), e));
            }
            (!out.is_empty()).then_some(out)
        }
        Node::Char(_) | Node::Edge | Node::Other => None,
    }
}

/// Calls `f` with the list of each required part of a sequence: a run of literal characters
/// (two or more, or one mark that is not a letter or digit), a required slot or group; `left`
/// and `right`: whether the places before and after the sequence are edges.
fn each_required(
    atoms: &[(Node, Option<bool>)],
    tables: &[&Slots],
    left: bool,
    right: bool,
    mut f: impl FnMut(Vec<Edged>),
) {
    let mut run = String::new();
    // Where the run of literal characters starts.
    let mut from = 0;
    let flush = |run: &mut String, from: usize, to: usize, f: &mut dyn FnMut(Vec<Edged>)| {
        if run.len() >= 2 || run.len() == 1 && !run.as_bytes()[0].is_ascii_alphanumeric() {
            let e = edges_of(
                run,
                edge_before(atoms, from, left),
                edge_from(atoms, to, right),
            );
            f(vec![(run.to_ascii_lowercase(), e)]);
        }
        run.clear();
    };
    for (i, (node, quant)) in atoms.iter().enumerate() {
        match node {
            // A quantified character ends the run ("an?", "ab+").
            Node::Char(c) if quant.is_none() => {
                if run.is_empty() {
                    from = i;
                }
                run.push(*c as char)
            }
            _ => {
                flush(&mut run, from, i, &mut f);
                if quant.unwrap_or(true) {
                    // A quantified group may follow itself: its own ends count too.
                    let again = quant.is_some();
                    let l = edge_before(atoms, i, left) && (!again || ends_edge(node, false));
                    let r = edge_from(atoms, i + 1, right) && (!again || starts_edge(node, false));
                    if let Some(v) = required(node, tables, l, r) {
                        f(v);
                    }
                }
            }
        }
    }
    flush(&mut run, from, atoms.len(), &mut f);
}

/// The best list among the required parts of a sequence (see [`each_required`]): the one whose
/// shortest word is longest (up to six letters), then the shortest list.
fn concat_required(
    atoms: &[(Node, Option<bool>)],
    tables: &[&Slots],
    left: bool,
    right: bool,
) -> Option<Vec<Edged>> {
    let mut cands: Vec<Vec<Edged>> = Vec::new();
    each_required(atoms, tables, left, right, |v| cands.push(v));
    cands.into_iter().max_by_key(|v| {
        (
            v.iter().map(|(w, _)| w.len()).min().unwrap_or(0).min(6),
            usize::MAX - v.len(),
        )
    })
}
