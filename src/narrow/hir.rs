// The narrowing of [`crate::narrow`]: pure functions of the pattern text, in a file of their own
// so that `build.rs` can include it (with `include!`: hence line comments here, not `//!`) and
// compile the same narrow regexes into automata at build time.

use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};
use std::sync::LazyLock;

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

/// Bits in a start table's set of the first four byte classes a match can begin with (see
/// `crate::narrow::Auto::quads`): a power of two.
#[allow(dead_code)] // build.rs writes the sets; the binary reads them.
pub const QUAD_BITS: usize = 1 << 13;

/// The bit of the four byte classes `c` (of `n`) in a set of [`QUAD_BITS`]: a multiplicative
/// hash of their number.
#[allow(dead_code)] // build.rs writes the sets; the binary reads them.
#[inline(always)]
pub fn quad_bit(c: [u8; 4], n: usize) -> usize {
    let n = n as u64;
    let k = ((u64::from(c[0]) * n + u64::from(c[1])) * n + u64::from(c[2])) * n + u64::from(c[3]);
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - QUAD_BITS.trailing_zeros())) as usize
}

/// Whether every character of `hay` is in [`NARROW`].
pub fn fits(hay: &str) -> bool {
    every_non_ascii(hay, |c| NARROW.iter().any(|&(a, z)| a <= c && c <= z))
}

/// Whether `keep` holds for every character of `hay` outside ASCII. ASCII is skipped eight
/// bytes at a time, since news copy is ASCII with a few curly quotes and dashes.
fn every_non_ascii(hay: &str, keep: impl Fn(char) -> bool) -> bool {
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
        if !keep(c) {
            return false;
        }
        i += c.len_utf8();
    }
}

/// Private-use characters that stand for `\w`, `\s` and `\d` in a narrowed source: each Perl
/// class is written as a class of two of them (two, so that the class is not made a literal),
/// and [`narrow_hir`] puts the class's [`NARROW`] ranges in their place.
pub const MARKS: [(char, char); 3] = [
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

/// Whether no character of `hay` outside ASCII is a word character (`\w`): then a Unicode word
/// boundary (`\b`, `\B`, `\b{start}`...) and its ASCII form hold at the same places, since
/// each side of a position is a word character for both or for neither.
pub fn ascii_words(hay: &str) -> bool {
    every_non_ascii(hay, |c| !regex_syntax::is_word_character(c))
}

/// Whether `h` has a Unicode word boundary (which a DFA answers only on ASCII text).
#[allow(dead_code)] // build.rs compiles the twins (see `ASCII_TWIN`); the binary loads them.
pub fn has_unicode_word_look(h: &Hir) -> bool {
    h.properties().look_set().contains_word_unicode()
}

/// `h` with its Unicode word boundaries made ASCII ones: the same matches on a haystack of
/// [`ascii_words`], and a DFA of it reads any byte.
#[allow(dead_code)] // build.rs compiles the twins (see `ASCII_TWIN`); the binary loads them.
pub fn ascii_word_looks(h: Hir) -> Hir {
    if !has_unicode_word_look(&h) {
        return h;
    }
    match h.into_kind() {
        HirKind::Look(l) => Hir::look(match l {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            l => l,
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(ascii_word_looks(*r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            index: c.index,
            name: c.name,
            sub: Box::new(ascii_word_looks(*c.sub)),
        }),
        HirKind::Concat(v) => Hir::concat(v.into_iter().map(ascii_word_looks).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(ascii_word_looks).collect()),
        k => rebuild_any(k),
    }
}

/// A leaf as a [`Hir`] again (one without a Unicode word boundary: never reached).
#[allow(dead_code)]
fn rebuild_any(k: HirKind) -> Hir {
    match k {
        HirKind::Class(c) => Hir::class(c),
        k => rebuild(k),
    }
}

/// The key of the ASCII-boundary twin of an automaton in the embedded table: its own key (its
/// sources joined by a NUL) after this mark.
pub const ASCII_TWIN: &str = "\u{1}ascii-words\0";

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

/// The narrow [`Hir`]s of `sources` (see [`narrow_source`] and [`narrow_hir`]), or `None` when
/// one does not parse.
pub fn narrow_hirs(sources: &[String]) -> Option<Vec<Hir>> {
    let mut hirs = Vec::with_capacity(sources.len());
    for s in sources {
        let marked = narrow_source(s);
        let h = regex_syntax::ParserBuilder::new()
            .utf8(true)
            .build()
            .parse(marked.as_deref().unwrap_or(s))
            .ok()?;
        hirs.push(narrow_hir(h, marked.is_some()));
    }
    Some(hirs)
}
