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
    let mut v = required(&node, tables)?;
    v.sort();
    v.dedup();
    (!v.is_empty()).then_some(v)
}

/// Every list of words that the template `t` requires at its top level: each match contains a word
/// of each list (so a sentence can hold a match only if it holds a word of every list).
pub fn required_sets(t: &str, tables: &[&Slots]) -> Vec<Vec<String>> {
    let Some(node) = parse_whole(t) else {
        return Vec::new();
    };
    let Node::Alt(branches) = &node else {
        return Vec::new();
    };
    let mut sets = if let [atoms] = branches.as_slice() {
        let mut sets = Vec::new();
        each_required(atoms, tables, |v| sets.push(v));
        sets
    } else {
        required(&node, tables).into_iter().collect()
    };
    for v in &mut sets {
        v.sort();
        v.dedup();
    }
    sets.retain(|v| !v.is_empty());
    sets.sort();
    sets.dedup();
    sets
}

fn required(node: &Node, tables: &[&Slots]) -> Option<Vec<String>> {
    match node {
        Node::Alt(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(concat_required(b, tables)?);
            }
            Some(all)
        }
        Node::Slot(name) => {
            let list = tables.iter().find_map(|t| t.get(name))?;
            let mut out = Vec::new();
            for w in list.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
                // Whitespace inside an entry matches any run of whitespace: keep its longest word.
                let longest = w.split_whitespace().max_by_key(|x| x.len()).unwrap_or("");
                if longest.len() < 2 {
                    return None;
                }
                out.push(longest.to_ascii_lowercase());
            }
            (!out.is_empty()).then_some(out)
        }
        Node::Char(_) | Node::Other => None,
    }
}

/// Calls `f` with the list of each required part of a sequence: a run of literal characters
/// (two or more, or one mark that is not a letter or digit), a required slot or group.
fn each_required(
    atoms: &[(Node, Option<bool>)],
    tables: &[&Slots],
    mut f: impl FnMut(Vec<String>),
) {
    let mut run = String::new();
    let flush = |run: &mut String, f: &mut dyn FnMut(Vec<String>)| {
        if run.len() >= 2 || run.len() == 1 && !run.as_bytes()[0].is_ascii_alphanumeric() {
            f(vec![run.to_ascii_lowercase()]);
        }
        run.clear();
    };
    for (node, quant) in atoms {
        match node {
            // A quantified character ends the run ("an?", "ab+").
            Node::Char(c) if quant.is_none() => run.push(*c as char),
            _ => {
                flush(&mut run, &mut f);
                if quant.unwrap_or(true) {
                    if let Some(v) = required(node, tables) {
                        f(v);
                    }
                }
            }
        }
    }
    flush(&mut run, &mut f);
}

/// The best list among the required parts of a sequence (see [`each_required`]): the one whose
/// shortest word is longest (up to six letters), then the shortest list.
fn concat_required(atoms: &[(Node, Option<bool>)], tables: &[&Slots]) -> Option<Vec<String>> {
    let mut cands: Vec<Vec<String>> = Vec::new();
    each_required(atoms, tables, |v| cands.push(v));
    cands.into_iter().max_by_key(|v| {
        (
            v.iter().map(String::len).min().unwrap_or(0).min(6),
            usize::MAX - v.len(),
        )
    })
}
