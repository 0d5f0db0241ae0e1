//! Regexes compiled for the characters a story uses.
//!
//! The attribution patterns are long alternations in Unicode mode: `\w`, `\s` and `\d` stand for
//! hundreds of ranges of code points, and `(?i)` folds every class and letter over all of Unicode.
//! Compiling that costs millions of instructions per pattern, most of it for scripts news copy in
//! English never uses. Almost every story is written in [`NARROW`]: ASCII, the Latin letters with
//! their combining accents, general punctuation (curly quotes, dashes) and currency signs.
//!
//! A [`Tiered`] regex keeps its sources and compiles, on first use, one of two regexes:
//! - the narrow one, in which every class (after case folding) is intersected with [`NARROW`],
//!   used on a haystack whose characters all lie in [`NARROW`];
//! - the full one, the sources as written, used on any other haystack.
//!
//! On a haystack made only of characters in [`NARROW`] both give the same matches, capture groups
//! and pattern ids: a class (or a case-folded letter) is tested only against the haystack's
//! characters, and for a character `c` in [`NARROW`], `c` is in `C` exactly when it is in
//! `C ∩ NARROW`. Nothing else changes: the same alternatives in the same order, the same
//! repetitions, captures and look-around assertions (a Unicode `\b` still tests Unicode word
//! characters, which are only read from the haystack). A class left empty matches nothing, as
//! its characters could not occur.
//!
//! Before parsing, the Perl classes `\w`, `\s` and `\d` are written out as their [`NARROW`]
//! ranges (see [`narrow_source`]), which also spares the parser folding them over all of Unicode.
//! This is exact because these classes are closed under case folding: folding `\w ∩ NARROW` and
//! intersecting again with [`NARROW`] gives `\w ∩ NARROW`.

use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::Input;
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition,
};
use std::sync::{LazyLock, OnceLock};

/// The characters of the narrow regexes: ASCII, Latin-1, Latin Extended-A and -B, combining
/// diacritical marks, general punctuation and currency symbols.
pub const NARROW: [(char, char); 4] = [
    ('\0', '\u{24F}'),
    ('\u{300}', '\u{36F}'),
    ('\u{2000}', '\u{206F}'),
    ('\u{20A0}', '\u{20CF}'),
];

fn narrow_class() -> &'static ClassUnicode {
    static C: LazyLock<ClassUnicode> = LazyLock::new(|| {
        ClassUnicode::new(NARROW.iter().map(|&(a, b)| ClassUnicodeRange::new(a, b)))
    });
    &C
}

/// Whether every character of `hay` is in [`NARROW`].
pub fn fits(hay: &str) -> bool {
    // ASCII eight bytes at a time; only the other characters are looked up (news copy is ASCII
    // with a few curly quotes and dashes).
    let b = hay.as_bytes();
    let mut i = 0;
    loop {
        while let Some(chunk) = b.get(i..i + 8) {
            let high =
                u64::from_le_bytes(chunk.try_into().expect("8 bytes")) & 0x8080_8080_8080_8080;
            if high != 0 {
                i += (high.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        while b.get(i).is_some_and(u8::is_ascii) {
            i += 1;
        }
        let Some(c) = hay[i..].chars().next() else {
            return true;
        };
        if !NARROW.iter().any(|&(a, z)| a <= c && c <= z) {
            return false;
        }
        i += c.len_utf8();
    }
}

/// Private-use characters that stand for `\w`, `\s` and `\d` in a narrowed source: each Perl
/// class is written as a class of two of them (two, so that the class is not made a literal),
/// and [`narrow_hir`] puts the class's [`NARROW`] ranges in their place.
const MARKS: [(char, char); 3] = [
    ('\u{F0000}', '\u{F0002}'),
    ('\u{F0004}', '\u{F0006}'),
    ('\u{F0008}', '\u{F000A}'),
];

/// The [`NARROW`] ranges of `\w`, `\s` and `\d`.
fn perl_classes() -> &'static [ClassUnicode; 3] {
    static C: LazyLock<[ClassUnicode; 3]> = LazyLock::new(|| {
        [r"\w", r"\s", r"\d"].map(|p| {
            let hir = regex_syntax::parse(p).expect("a Perl class");
            let HirKind::Class(Class::Unicode(c)) = hir.kind() else {
                unreachable!("a Perl class is a Unicode class")
            };
            let mut c = c.clone();
            c.intersect(narrow_class());
            c
        })
    });
    &C
}

/// A class intersected with [`NARROW`], with the marks of [`MARKS`] replaced by their classes.
fn narrow_class_of(mut c: ClassUnicode, marks: bool) -> ClassUnicode {
    let last = c.ranges().last().map_or('\0', |r| r.end());
    if last <= NARROW[0].1 {
        // Within the first range (ASCII and Latin letters): nothing to take out.
        return c;
    }
    let mut add = Vec::new();
    if marks && last >= MARKS[0].0 {
        for (i, &(a, b)) in MARKS.iter().enumerate() {
            let mark =
                ClassUnicode::new([ClassUnicodeRange::new(a, a), ClassUnicodeRange::new(b, b)]);
            let mut has = c.clone();
            has.intersect(&mark);
            if !has.ranges().is_empty() {
                add.push(i);
            }
        }
    }
    c.intersect(narrow_class());
    for i in add {
        c.union(&perl_classes()[i]);
    }
    c
}

/// Whether the characters a search of `hay` from byte `at` on can read are all in [`NARROW`]:
/// those from the character before `at` (for `\b`) to the end.
pub fn fits_from(hay: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(1).min(hay.len());
    while !hay.is_char_boundary(from) {
        from -= 1;
    }
    fits(&hay[from..])
}

/// Whether [`narrow_hir`] changes anything in `h`: a class reaching past the first range of
/// [`NARROW`] (the only ones [`narrow_class_of`] changes).
fn needs_narrowing(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) => false,
        HirKind::Class(Class::Bytes(_)) => false,
        HirKind::Class(Class::Unicode(c)) => {
            c.ranges().last().map_or('\0', |r| r.end()) > NARROW[0].1
        }
        HirKind::Repetition(r) => needs_narrowing(&r.sub),
        HirKind::Capture(c) => needs_narrowing(&c.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(needs_narrowing),
    }
}

/// `h` with every class intersected with [`NARROW`] (and the marks of [`MARKS`] replaced).
/// A part with nothing to change is kept as it is, not rebuilt: most words of a case-insensitive
/// list fold only to Latin letters.
fn narrow_hir(h: Hir, marks: bool) -> Hir {
    if !needs_narrowing(&h) {
        return h;
    }
    match h.into_kind() {
        k @ (HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_)) => rebuild(k),
        HirKind::Class(Class::Bytes(c)) => Hir::class(Class::Bytes(c)),
        HirKind::Class(Class::Unicode(c)) => Hir::class(Class::Unicode(narrow_class_of(c, marks))),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(narrow_hir(*r.sub, marks)),
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            index: c.index,
            name: c.name,
            sub: Box::new(narrow_hir(*c.sub, marks)),
        }),
        HirKind::Concat(v) => Hir::concat(v.into_iter().map(|h| narrow_hir(h, marks)).collect()),
        HirKind::Alternation(v) => {
            Hir::alternation(v.into_iter().map(|h| narrow_hir(h, marks)).collect())
        }
    }
}

/// The leaf `k` as a [`Hir`] again.
fn rebuild(k: HirKind) -> Hir {
    match k {
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Look(l) => Hir::look(l),
        _ => Hir::empty(),
    }
}

/// `source` with `\w`, `\s` and `\d` written as classes of their marks ([`MARKS`]), in or out of
/// a bracketed class; `None` when the source has anything else that could put a mark in a class
/// (`.`, a negated class, `\W`, `\S`, `\D`, `\p`, `\P`, a code point escape, a nested class or a
/// set operation, a private-use character) or turns Unicode off other than for `(?-u:\b)`: such
/// a source is parsed as written (correct, only slower to compile).
pub fn narrow_source(source: &str) -> Option<String> {
    if source.replace(r"(?-u:\b)", "").contains("-u") || source.chars().any(|c| c >= MARKS[0].0) {
        return None;
    }
    let mut out = String::with_capacity(source.len() + 64);
    let mut class = false;
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let e = chars.next()?;
                let mark = match e {
                    'w' => MARKS[0],
                    's' => MARKS[1],
                    'd' => MARKS[2],
                    'W' | 'S' | 'D' | 'p' | 'P' | 'x' | 'u' | 'U' => return None,
                    _ => {
                        out.push(c);
                        out.push(e);
                        continue;
                    }
                };
                if !class {
                    out.push('[');
                }
                out.push(mark.0);
                out.push(mark.1);
                if !class {
                    out.push(']');
                }
            }
            '[' if class => return None,
            '[' => {
                class = true;
                out.push(c);
                match chars.peek() {
                    Some('^') => return None,
                    // A `]` first in a class is a literal.
                    Some(']') => out.push(chars.next()?),
                    _ => {}
                }
            }
            ']' if class => {
                class = false;
                out.push(c);
            }
            '&' | '-' | '~' if class && chars.peek() == Some(&c) => return None,
            '.' if !class => return None,
            _ => out.push(c),
        }
    }
    Some(out)
}

/// A match in a haystack: its byte range and text (as `regex::Match`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn new(hay: &'h str, start: usize, end: usize) -> Match<'h> {
        Match { hay, start, end }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

/// The capture groups of one match (as `regex::Captures`).
pub struct Caps<'h> {
    hay: &'h str,
    caps: Captures,
}

impl<'h> Caps<'h> {
    pub fn new(hay: &'h str, caps: Captures) -> Caps<'h> {
        Caps { hay, caps }
    }

    /// Group `i` (0: the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps
            .get_group(i)
            .map(|s| Match::new(self.hay, s.start, s.end))
    }

    /// The named group, if the pattern has it and it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps
            .get_group_by_name(name)
            .map(|s| Match::new(self.hay, s.start, s.end))
    }
}

impl<'h> std::ops::Index<usize> for Caps<'h> {
    type Output = str;

    /// The text of group `i`; panics when it did not take part in the match (as `regex`).
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group at index '{i}'"))
    }
}

/// One pattern with the `regex` crate's semantics and defaults, compiled per tier on first use.
pub fn regex(source: String) -> Tiered {
    Tiered::new(vec![source], meta::Config::new())
}

/// One or more patterns (a multi-pattern regex when more), compiled per tier on first use.
pub struct Tiered {
    sources: Vec<String>,
    config: meta::Config,
    narrow: OnceLock<Regex>,
    full: OnceLock<Regex>,
}

impl Tiered {
    /// Checks nothing: a pattern that does not compile panics on first use.
    pub fn new(sources: Vec<String>, config: meta::Config) -> Tiered {
        Tiered {
            sources,
            config,
            narrow: OnceLock::new(),
            full: OnceLock::new(),
        }
    }

    /// The regex for a haystack: the narrow one when `fits` (see [`fits`]), else the full one.
    pub fn pick(&self, fits: bool) -> &Regex {
        if fits {
            self.narrow.get_or_init(|| {
                self.build_narrow()
                    .unwrap_or_else(|e| panic!("pattern: {e}"))
            })
        } else {
            self.full
                .get_or_init(|| self.build_full().unwrap_or_else(|e| panic!("pattern: {e}")))
        }
    }

    /// The regex for `hay`.
    pub fn get(&self, hay: &str) -> &Regex {
        self.pick(fits(hay))
    }

    /// Whether one of the patterns matches in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        self.get(hay).is_match(hay)
    }

    /// The leftmost-first match in `hay`.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.get(hay)
            .find(hay)
            .map(|m| Match::new(hay, m.start(), m.end()))
    }

    /// Every successive non-overlapping match in `hay` (as `regex::Regex::find_iter`).
    pub fn find_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = Match<'h>> + 'h {
        self.get(hay)
            .find_iter(hay)
            .map(move |m| Match::new(hay, m.start(), m.end()))
    }

    /// The capture groups of the leftmost-first match in `hay`.
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Caps<'h>> {
        let re = self.get(hay);
        let mut caps = re.create_captures();
        re.search_captures(&Input::new(hay), &mut caps);
        caps.is_match().then(|| Caps::new(hay, caps))
    }

    /// The capture groups of every successive non-overlapping match in `hay` (as
    /// `regex::Regex::captures_iter`).
    pub fn captures_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = Caps<'h>> + 'h {
        self.get(hay)
            .captures_iter(hay)
            .map(move |caps| Caps::new(hay, caps))
    }

    /// Whether both tiers compile.
    pub fn check(&self) -> Result<(), meta::BuildError> {
        self.build_narrow()?;
        self.build_full().map(|_| ())
    }

    /// How many patterns.
    pub fn pattern_len(&self) -> usize {
        self.sources.len()
    }

    /// The full regex, as the sources are written.
    pub fn build_full(&self) -> Result<Regex, meta::BuildError> {
        meta::Builder::new()
            .configure(self.config.clone())
            .build_many(&self.sources)
    }

    /// The narrow regex. A pattern that does not parse gets the full build's error.
    pub fn build_narrow(&self) -> Result<Regex, meta::BuildError> {
        let mut hirs = Vec::with_capacity(self.sources.len());
        for s in &self.sources {
            let marked = narrow_source(s);
            match regex_syntax::ParserBuilder::new()
                .utf8(true)
                .build()
                .parse(marked.as_deref().unwrap_or(s))
            {
                Ok(h) => hirs.push(narrow_hir(h, marked.is_some())),
                Err(_) => return self.build_full(),
            }
        }
        meta::Builder::new()
            .configure(self.config.clone())
            .build_many_from_hir(&hirs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn both(source: &str) -> (Regex, Regex) {
        let t = Tiered::new(vec![source.to_string()], meta::Config::new());
        (t.build_narrow().unwrap(), t.build_full().unwrap())
    }

    /// Every match with its capture groups, from every start.
    fn spans(re: &Regex, hay: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        let mut out = Vec::new();
        let mut caps = re.create_captures();
        for at in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
            re.search_captures(&regex_automata::Input::new(hay).range(at..), &mut caps);
            out.push(
                (0..caps.group_len())
                    .map(|g| caps.get_group(g).map(|s| (s.start, s.end)))
                    .collect(),
            );
        }
        out
    }

    const PATTERNS: [&str; 6] = [
        r"(?i)(?-u:\b)(?P<n>\d[\d,.]*)(?:\s+[\w’'-]+){0,2}?\s+(?P<v>killed|hurt)(?-u:\b)",
        r"(?i)\bstraße\s+\w+|\bkelvin\b",
        r"(?i)(?-u:\b)said\s+(?P<rest>[^.;:!?]{2,20})",
        r"[\W\d]+\s\S+\D",
        r"(?i)[^\w\s]+|\w+",
        r"(?i)(?:über|ſo|Ω)\s\w",
    ];

    #[test]
    fn perl_classes_become_marks_outside_and_inside_plain_classes() {
        let (w1, w2) = MARKS[0];
        let (d1, d2) = MARKS[2];
        assert_eq!(narrow_source(r"a\wb").unwrap(), format!("a[{w1}{w2}]b"));
        assert_eq!(
            narrow_source(r"(?-u:\b)[\w’'-]+\d").unwrap(),
            format!("(?-u:\\b)[{w1}{w2}’'-]+[{d1}{d2}]")
        );
        assert_eq!(
            narrow_source(r"[]\w]\\w").unwrap(),
            format!("[]{w1}{w2}]\\\\w")
        );
        // Anything that could put a mark in a class with other characters: parsed as written.
        for kept in [
            r"[^\w]",
            r"[\w&&a]",
            r"\W|\w",
            r"\S",
            r"\D",
            r"\pL\w",
            r"\x{F0000}",
            r"a.\w",
            r"(?-u:\w)",
            r"[a[b]]\w",
        ] {
            assert_eq!(narrow_source(kept), None, "{kept}");
        }
    }

    #[test]
    fn fits_only_the_narrow_characters() {
        assert!(fits("Reporters left at 5 p.m."));
        assert!(fits("The café’s “owner” — Zoë — paid €40\u{a0}each."));
        assert!(!fits("It was 300 \u{212A} in the lab."));
        assert!(!fits("The sign read Москва."));
        // From a byte on: the character before it counts, the ones further back do not.
        let hay = "Москва и the rest";
        let at = hay.find("the").unwrap();
        assert!(fits_from(hay, at));
        assert!(!fits_from(hay, at - 1));
        // Every place of a character, in and out of the eight-byte steps.
        for n in 0..20 {
            for c in ['’', '\u{212A}', 'Д', 'x'] {
                let hay = format!("{}{c}{}", "a".repeat(n), "b".repeat(n % 9));
                let slow = hay
                    .chars()
                    .all(|c| NARROW.iter().any(|&(a, b)| a <= c && c <= b));
                assert_eq!(fits(&hay), slow, "{hay}");
            }
        }
    }

    #[test]
    fn both_tiers_agree_on_narrow_text() {
        let hays = [
            "At least 12 people were killed, and 3 more hurt.",
            "Officials said the 4,000 displaced families’ homes were hurt.",
            "The Straße Nord and the kelvin scale; über alles ſo weit.",
            "Zoë said “the café was full” — 12\u{a0}tables — then left.",
            "ſo: SO über x Überall 99 problems",
        ];
        for p in PATTERNS {
            let (narrow, full) = both(p);
            for h in hays {
                assert!(fits(h));
                assert_eq!(spans(&narrow, h), spans(&full, h), "{p} on {h}");
            }
        }
    }

    proptest! {
        #[test]
        fn both_tiers_agree_on_any_narrow_text(
            hay in "[a-zA-Z0-9 ,.’'\u{a0}\u{2014}éÉſßẞ-]{0,24}"
        ) {
            prop_assume!(fits(&hay));
            for p in PATTERNS {
                let (narrow, full) = both(p);
                prop_assert_eq!(spans(&narrow, &hay), spans(&full, &hay));
            }
        }
    }
}
