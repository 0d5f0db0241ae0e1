//! Context patterns for lexicon exceptions and `only_in`, and the word tokens they match.
//!
//! A pattern is a few words: `claim* responsibility`, `designat* ... <term>`. Words match
//! case-insensitively; `*` inside a word is a wildcard, `a|b` either word, `!a|b` any word but
//! those, `...` up to four tokens, `<Cap>` a capitalised word, `<term>` the matched term, and a
//! leading `^` the start of the sentence (quotation marks and brackets before the first word do
//! not count). Punctuation (`,`) matches itself.
//! `@attributed` and `@physical` are built-in contexts checked in code (see [`attributed`] and
//! [`physical`]).

use super::words::{CONTEXTS, SPEECH};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A word or a punctuation mark in a sentence, as a byte range into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‑' | '.' | '&')
}

/// Splits `text[range]` into word and punctuation tokens. A word runs over letters and digits
/// and over `'`, `’`, `-`, `.` and `&` between two of them ("U.S", "al-Shabab", "Assad's").
///
/// Read by bytes, each character decoded where it is looked at (most are ASCII, one byte): no
/// table of the sentence's characters is made (this runs on every sentence with a lexicon hit
/// and every sentence that may speak in the first or second person).
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Tok> {
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let bytes = slice.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 5 + 1);
    // The character at byte `p` (a character boundary) and its length, if any.
    let at = |p: usize| -> Option<(char, usize)> {
        match *bytes.get(p)? {
            b if b < 0x80 => Some((char::from(b), 1)),
            _ => slice[p..].chars().next().map(|c| (c, c.len_utf8())),
        }
    };
    let word_char_at = |p: usize| at(p).is_some_and(|(c, _)| is_word_char(c));
    // An apostrophe at `p`, of `len` bytes, after a letter or digit and followed by `s` and
    // then no more letters or digits ("Assad's"): [`possessive`] by bytes.
    let possessive_at = |p: usize, len: usize| {
        slice[..p]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && matches!(bytes.get(p + len), Some(b's' | b'S'))
            && at(p + len + 1).is_none_or(|(c, _)| !c.is_alphanumeric())
    };
    let mut i = 0;
    while let Some((c, len)) = at(i) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + len;
            while let Some((cj, lj)) = at(j) {
                if is_word_char(cj) {
                    j += lj;
                    continue;
                }
                if !joins(cj) || matches!(cj, '\'' | '’') && possessive_at(j, lj) {
                    break; // "Assad's": the possessive is its own token
                }
                match at(j + lj) {
                    Some((n, _)) if is_word_char(n) => j += lj,
                    Some((n, ln))
                        if joins(n) && !matches!(n, '\'' | '’') && word_char_at(j + lj + ln) =>
                    {
                        j += lj + ln; // "U.S.-designated"
                    }
                    _ => break,
                }
            }
            out.push(Tok {
                start: start + i,
                end: start + j,
                word: true,
            });
            i = j;
        } else if matches!(c, '\'' | '’') && i > 0 && possessive_at(i, len) {
            // The apostrophe and the `s` (one byte).
            out.push(Tok {
                start: start + i,
                end: start + i + len + 1,
                word: true,
            });
            i += len + 1;
        } else {
            out.push(Tok {
                start: start + i,
                end: start + i + len,
                word: false,
            });
            i += len;
        }
    }
    out
}

/// The lowercased text of a token, with curly apostrophes straightened.
pub fn norm(text: &str, t: Tok) -> Cow<'_, str> {
    let s = &text[t.start..t.end];
    if s.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'\'' | b'.'))
    {
        Cow::Borrowed(s) // most words: no allocation
    } else if s.is_ascii() {
        // A capitalised word, the usual other case: one copy (no apostrophe to straighten).
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Owned(s.to_lowercase().replace('’', "'"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum P {
    /// One of these (lowercased) words.
    Word(Alts),
    /// Any word but these (`!have|had`).
    Not(Alts),
    /// The start of the sentence (`^`, first item only).
    Start,
    /// Zero to four tokens.
    Gap,
    Cap,
    Term,
}

/// The alternatives of one pattern word (`a|b|c*`, lowercased, curly apostrophes straightened),
/// ready for the test a pattern makes of every token around every term: the exact words sorted
/// by length, then bytes (a token is looked up by binary search, not compared with each: a
/// lexicon word lists up to a hundred), the globs apart.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Alts {
    /// Shortest first, then in byte order.
    exact: Vec<String>,
    globs: Vec<String>,
}

impl Alts {
    fn new(words: impl IntoIterator<Item = String>) -> Alts {
        let (mut exact, mut globs) = (Vec::new(), Vec::new());
        for w in words {
            if w.contains('*') {
                globs.push(w);
            } else {
                exact.push(w);
            }
        }
        exact.sort_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
        exact.shrink_to_fit();
        globs.shrink_to_fit();
        Alts { exact, globs }
    }

    /// Whether `word` (a token's [`norm`]) is one of the alternatives.
    fn has(&self, word: &str) -> bool {
        self.exact
            .binary_search_by(|a| (a.len(), a.as_str()).cmp(&(word.len(), word)))
            .is_ok()
            || self.globs.iter().any(|g| glob(g, word))
    }

    /// [`Alts::has`] of an ASCII word's lower case, compared in place.
    fn has_ascii(&self, raw: &str) -> bool {
        let exact = self
            .exact
            .binary_search_by(|a| {
                a.len().cmp(&raw.len()).then_with(|| {
                    // Of one length: `raw`'s lower case compared byte by byte.
                    let differ = a
                        .bytes()
                        .zip(raw.bytes().map(|y| y.to_ascii_lowercase()))
                        .find(|(x, y)| x != y);
                    differ.map_or(std::cmp::Ordering::Equal, |(x, y)| x.cmp(&y))
                })
            })
            .is_ok();
        exact || self.has_glob_ascii(raw)
    }

    /// Whether an ASCII word's lower case matches one of the globs.
    fn has_glob_ascii(&self, raw: &str) -> bool {
        if self.globs.is_empty() {
            return false;
        }
        if !raw.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.globs.iter().any(|g| glob(g, raw));
        }
        let low = raw.to_ascii_lowercase();
        self.globs.iter().any(|g| glob(g, &low))
    }
}

/// A compiled context pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    toks: Vec<P>,
    /// What each of `toks` is to [`super::context_match::anchored`], in order and in reverse
    /// (the items before an anchor are matched from it backwards): made once, not per match.
    items: Vec<super::context_match::Item>,
    rev: Vec<super::context_match::Item>,
    /// The [`Present::key`]s of the exact alternatives of each word the pattern cannot match
    /// without (a word with a glob is left out), fewest alternatives first: a sentence without
    /// one of each cannot hold the pattern ([`Pattern::may_match`]).
    required: Box<[Box<[u32]>]>,
}

/// The words of a sentence as a Bloom filter (1,024 bits, two a word) over the hashes of their
/// [`norm`]s: a pattern word none of whose alternatives is in it matches no token of the
/// sentence, so the pattern cannot hold there and is not matched. Around every lexicon hit each
/// of its term's patterns was matched, reading tokens around the hit; most patterns name a word
/// the sentence does not hold.
#[derive(Clone, Debug, Default)]
pub struct Present([u64; 16]);

impl Present {
    /// The filter of the tokens `toks` of `text` (every token a pattern matched against them
    /// may test: the hit's and those around it).
    pub fn of(text: &str, toks: &[Tok]) -> Present {
        let mut bits = [0u64; 16];
        for &t in toks {
            let raw = &text[t.start..t.end];
            // An ASCII token's `norm` is its ASCII lower case (as `any_of` compares it).
            let k = if raw.is_ascii() {
                Present::key(raw.bytes().map(|b| b.to_ascii_lowercase()))
            } else {
                Present::key(norm(text, t).bytes())
            };
            for bit in [k & 0x3ff, k >> 16] {
                bits[bit as usize >> 6] |= 1 << (bit & 63);
            }
        }
        Present(bits)
    }

    /// Whether a word of key `k` may be in the sentence (never false when it is).
    fn may_have(&self, k: u32) -> bool {
        [k & 0x3ff, k >> 16]
            .iter()
            .all(|&bit| self.0[bit as usize >> 6] >> (bit & 63) & 1 == 1)
    }

    /// The two bits (10 bits each, at 0 and 16) of a normalised word: FNV-1a of its bytes,
    /// its best-mixed high bits.
    fn key(bytes: impl Iterator<Item = u8>) -> u32 {
        let h = bytes.fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        ((h >> 54) as u32) | ((((h >> 44) & 0x3ff) as u32) << 16)
    }
}

/// The built-in contexts a pattern string may name instead of words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Attributed,
    Physical,
    Reported,
    Demand,
    OnRecord,
    Fiction,
    VerbObject,
    Pleading,
    InCourt,
    PastRuler,
    Conditional,
    Confession,
    Apology,
    Obligation,
    Finding,
}

/// A parsed exception: a word pattern or a built-in context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    Pattern(Pattern),
    Builtin(Builtin),
}

impl Context {
    pub fn parse(src: &str) -> Option<Context> {
        match src.trim() {
            "@attributed" => return Some(Context::Builtin(Builtin::Attributed)),
            "@physical" => return Some(Context::Builtin(Builtin::Physical)),
            "@reported" => return Some(Context::Builtin(Builtin::Reported)),
            "@demand" => return Some(Context::Builtin(Builtin::Demand)),
            "@on_record" => return Some(Context::Builtin(Builtin::OnRecord)),
            "@fiction" => return Some(Context::Builtin(Builtin::Fiction)),
            "@verb_object" => return Some(Context::Builtin(Builtin::VerbObject)),
            "@pleading" => return Some(Context::Builtin(Builtin::Pleading)),
            "@in_court" => return Some(Context::Builtin(Builtin::InCourt)),
            "@past_ruler" => return Some(Context::Builtin(Builtin::PastRuler)),
            "@conditional" => return Some(Context::Builtin(Builtin::Conditional)),
            "@confession" => return Some(Context::Builtin(Builtin::Confession)),
            "@apology" => return Some(Context::Builtin(Builtin::Apology)),
            "@obligation" => return Some(Context::Builtin(Builtin::Obligation)),
            "@finding" => return Some(Context::Builtin(Builtin::Finding)),
            s if s.starts_with('@') => return None,
            _ => {}
        }
        let alts = |w: &str| -> Alts {
            Alts::new(
                w.split('|')
                    .filter(|a| !a.is_empty())
                    .map(|a| a.to_lowercase().replace('’', "'")),
            )
        };
        let mut toks = Vec::new();
        for w in src.split_whitespace() {
            toks.push(match w {
                "..." | "…" => P::Gap,
                "<Cap>" => P::Cap,
                "<term>" => P::Term,
                // The sentence start is a pattern's first item or nothing.
                "^" if toks.is_empty() => P::Start,
                "^" => return None,
                _ if w.len() > 1 && w.starts_with('!') => P::Not(alts(&w[1..])),
                _ => P::Word(alts(w)),
            });
        }
        if toks.iter().all(|t| *t == P::Start) {
            None
        } else {
            let items = items(&toks);
            let rev = items.iter().rev().copied().collect();
            let required = required(&toks);
            Some(Context::Pattern(Pattern {
                toks,
                items,
                rev,
                required,
            }))
        }
    }

    /// [`Context::holds`], where `present` is [`Present::of`] the sentence `toks`: a pattern
    /// one of whose words the sentence lacks is not matched.
    pub fn holds_in(
        &self,
        present: &Present,
        text: &str,
        toks: &[Tok],
        hs: usize,
        he: usize,
    ) -> bool {
        match self {
            Context::Pattern(p) => p.may_match(present) && p.matches(text, toks, hs, he),
            _ => self.holds(text, toks, hs, he),
        }
    }

    /// True when this context holds around the hit `toks[hs..he]` of a sentence.
    pub fn holds(&self, text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
        match self {
            Context::Builtin(Builtin::Attributed) => attributed(text, toks, hs, he),
            Context::Builtin(Builtin::Physical) => physical(text, toks, hs),
            Context::Builtin(Builtin::Reported) => {
                reported(text, toks, hs) || super::scope::mocked(text, toks, hs, he)
            }
            Context::Builtin(Builtin::Conditional) => super::scope::conditional(text, toks, hs),
            Context::Builtin(Builtin::Confession) => super::scope::confession(text, toks, hs, he),
            Context::Builtin(Builtin::Obligation) => super::scope::obligation(text, toks, he),
            Context::Builtin(Builtin::Finding) => super::scope::finding(text, toks, hs),
            Context::Builtin(Builtin::Apology) => {
                toks.get(hs).is_some_and(|t| apology_before(text, t.start))
            }
            Context::Builtin(Builtin::Demand) => demand(text, toks, hs, he),
            Context::Builtin(Builtin::OnRecord) => on_record(text, toks, hs),
            Context::Builtin(Builtin::Fiction) => fiction(text, toks, hs),
            Context::Builtin(Builtin::VerbObject) => verb_object(text, toks, hs, he),
            Context::Builtin(Builtin::Pleading) => pleading(text, toks, hs),
            Context::Builtin(Builtin::InCourt) => {
                toks.get(hs).is_some_and(|t| court_before(text, t.start))
            }
            Context::Builtin(Builtin::PastRuler) => toks
                .get(hs)
                .is_some_and(|t| past_ruler_before(text, t.start)),
            Context::Pattern(p) => p.matches(text, toks, hs, he),
        }
    }
}

/// An -ing form: "saying", "adding".
fn participle(w: &str) -> bool {
    w.ends_with("ing")
}

/// `toks[i]` is one of `reporting_verbs`, and not a participle with "to" after it, which says
/// nothing ("adding to the pressure", "pointing to the figures"), unless it is one of
/// `tag_participles` ("according to police").
fn reporting_at(text: &str, toks: &[Tok], i: usize) -> bool {
    let Some(w) = word_at(text, toks, i) else {
        return false;
    };
    CONTEXTS.reporting_verbs.contains(w.as_ref())
        && !(participle(&w)
            && !CONTEXTS.tag_participles.contains(w.as_ref())
            && word_at(text, toks, i + 1).is_some_and(|n| SPEECH.to_markers.contains(n.as_ref())))
}

fn glob(pat: &str, s: &str) -> bool {
    // Linear: a config pattern must not be able to hang the checker (issue 14).
    super::context_match::glob(pat, s)
}

/// Whether the token `t`'s [`norm`] is one of `alts`.
fn any_of(alts: &Alts, text: &str, t: Tok) -> bool {
    let raw = &text[t.start..t.end];
    // An ASCII token's `norm` is its ASCII lower case: compared in place rather than in a
    // lower-cased copy for every capitalised word each pattern item tests (this runs per
    // (pattern item, token) pair around every term).
    if raw.is_ascii() {
        return alts.has_ascii(raw);
    }
    alts.has(&norm(text, t))
}

fn tok_matches(p: &P, text: &str, t: Tok) -> bool {
    match p {
        P::Word(alts) => any_of(alts, text, t),
        P::Not(alts) => t.word && !any_of(alts, text, t),
        P::Cap => {
            t.word
                && text[t.start..t.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        }
        P::Gap | P::Term | P::Start => false,
    }
}

const GAP: usize = 4;

/// [`Pattern::required`] of a pattern's words: each word (`a|b|c`, not `!a|b`) takes one token
/// of the sentence wherever the pattern matches, so one of its alternatives is in the sentence;
/// a word with a glob is left out (its matches are not one key each).
fn required(p: &[P]) -> Box<[Box<[u32]>]> {
    let mut words: Vec<Box<[u32]>> = p
        .iter()
        .filter_map(|x| match x {
            P::Word(alts) if alts.globs.is_empty() => {
                let mut keys: Vec<u32> =
                    alts.exact.iter().map(|a| Present::key(a.bytes())).collect();
                keys.sort_unstable();
                keys.dedup();
                Some(keys.into_boxed_slice())
            }
            _ => None,
        })
        .collect();
    words.sort_by_key(|w| w.len());
    words.into_boxed_slice()
}

impl Pattern {
    /// Whether the sentence of `present` holds a word of each of [`Pattern::required`]: when it
    /// does not, the pattern cannot match there.
    fn may_match(&self, present: &Present) -> bool {
        self.required
            .iter()
            .all(|word| word.iter().any(|&k| present.may_have(k)))
    }

    fn matches(&self, text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
        let n = he - hs;
        let p = &self.toks;
        // Anchor: an explicit <term>, or a run of word patterns matching the hit's tokens.
        for j in 0..p.len() {
            let anchor_len = match &p[j] {
                P::Term => 1,
                P::Word(_) | P::Not(_) => {
                    if j + n > p.len()
                        || !(0..n).all(|k| tok_matches(&p[j + k], text, toks[hs + k]))
                    {
                        continue;
                    }
                    n
                }
                _ => continue,
            };
            let after = j + anchor_len;
            let rev = &self.rev[p.len() - j..];
            // An aside set off by dashes right before the term ("Dozens of interviews — with
            // chairs from every county — revealed ...") stands between the term and the words
            // it goes with: they are read as if it were not there.
            let before = |to: usize| back(&p[..j], rev, text, &toks[..to]);
            if (before(hs) || j > 0 && dashed_aside_before(text, toks, hs).is_some_and(before))
                && fwd(&p[after..], &self.items[after..], text, &toks[he..])
            {
                return true;
            }
        }
        false
    }
}

/// An aside set off by dashes ("—", "–" or "--") that closes right before the token `hs`: the
/// index of its opening dash. At most 40 tokens long, with no mark that ends a sentence or a
/// quotation in it.
pub(super) fn dashed_aside_before(text: &str, toks: &[Tok], hs: usize) -> Option<usize> {
    let mark = |i: usize| (!toks[i].word).then(|| &text[toks[i].start..toks[i].end]);
    let close = hs.checked_sub(1)?;
    let dash = mark(close)?;
    let double = dash == "-" && close > 0 && mark(close - 1) == Some("-");
    if !matches!(dash, "—" | "–") && !double {
        return None;
    }
    let close = if double { close - 1 } else { close };
    for i in (close.saturating_sub(40)..close).rev() {
        match mark(i) {
            None | Some("," | "'" | "’" | "(" | ")" | "%" | "$") => {}
            Some(m) if m == dash && i + 1 < close => {
                let open = if double && i > 0 && mark(i - 1) == Some("-") {
                    i - 1
                } else {
                    i
                };
                return (!double || open < i).then_some(open);
            }
            Some(_) => return None,
        }
    }
    None
}

/// What each item of `p` is to [`super::context_match::anchored`].
fn items(p: &[P]) -> Vec<super::context_match::Item> {
    use super::context_match::Item;
    p.iter()
        .map(|x| match x {
            P::Gap => Item::Gap,
            P::Start => Item::End,
            _ => Item::Token,
        })
        .collect()
}

/// Matches `p` against the tokens ending right before the hit (anchored at the right); `rev`
/// is `items(p)` reversed. Memoised (see [`super::context_match::anchored`]): linear whatever
/// the gaps. A leading `^` must meet the sentence's first word: quotation marks and brackets
/// before it are passed over.
fn back(p: &[P], rev: &[super::context_match::Item], text: &str, toks: &[Tok]) -> bool {
    if p.is_empty() {
        return true;
    }
    let toks = if p.first() == Some(&P::Start) {
        &toks[toks.iter().position(|t| t.word).unwrap_or(toks.len())..]
    } else {
        toks
    };
    let (np, n) = (p.len(), toks.len());
    super::context_match::anchored(rev, n, GAP, |i, j| {
        tok_matches(&p[np - 1 - i], text, toks[n - 1 - j])
    })
}

/// Matches `p` against the tokens starting right after the hit (anchored at the left); `items`
/// is `items(p)`.
fn fwd(p: &[P], items: &[super::context_match::Item], text: &str, toks: &[Tok]) -> bool {
    if p.is_empty() {
        return true;
    }
    super::context_match::anchored(items, toks.len(), GAP, |i, j| {
        tok_matches(&p[i], text, toks[j])
    })
}

/// The word at `toks[i]`, lower-cased, if it is a word.
pub(super) fn word_at<'t>(text: &'t str, toks: &[Tok], i: usize) -> Option<Cow<'t, str>> {
    toks.get(i).filter(|t| t.word).map(|t| norm(text, *t))
}

/// The last hyphen-joined part of a word: "u.s.-designated" -> "designated".
fn last_part(w: &str) -> &str {
    w.rsplit('-').next().unwrap_or(w)
}

/// An aside set off by commas right before the term (an article, "as" or "as a" may stand
/// between its closing comma and the term), at most 24 tokens long with no other mark of a
/// clause or quotation in it (an apostrophe is passed over): the index of its opening comma, and
/// whether "as" stood after it.
fn aside_before(text: &str, toks: &[Tok], hs: usize) -> Option<(usize, bool)> {
    let mut close = hs.checked_sub(1)?;
    let mut as_ = false;
    for _ in 0..2 {
        match word_at(text, toks, close) {
            Some(w) if SPEECH.noun_markers.contains(w.as_ref()) => {}
            Some(w) if CONTEXTS.as_markers.contains(w.as_ref()) => as_ = true,
            _ => break,
        }
        close = close.checked_sub(1)?;
    }
    if toks[close].word || &text[toks[close].start..toks[close].end] != "," {
        return None;
    }
    for j in (close.saturating_sub(25)..close).rev() {
        if toks[j].word {
            continue;
        }
        return match &text[toks[j].start..toks[j].end] {
            "'" | "’" => continue,
            "," if j + 1 < close => Some((j, as_)),
            _ => None,
        };
    }
    None
}

/// The writer attributes the label: "the ministry called them terrorists", "which Washington
/// designates a terrorist organisation", "terrorists, as the government calls them".
/// A past form or a finite verb: after "as" it makes a clause ("as terrorists stormed the gate").
fn verb_like(w: &str) -> bool {
    w.ends_with("ed") || SPEECH.finite_verbs.contains(w)
}

/// The "as" before a list of labels, each with at most one word before it: "paints them as
/// hateful bigots, racists and misogynists". A longer phrase after "as" ("as a meeting of
/// extremists") is not a list of labels. The words between are no verbs ("as police arrested
/// extremists" is a clause), and the "as" is not part of "such as" or "as well as"
/// (`as_compounds`).
fn as_before_list(text: &str, toks: &[Tok], hs: usize) -> Option<usize> {
    // words of the current item before its label, and whether an item ended (a comma or a
    // conjunction after it)
    let mut before = 0;
    let mut listed = false;
    for j in (hs.saturating_sub(12)..hs).rev() {
        let t = toks[j];
        let w = norm(text, t);
        if !t.word {
            if w != "," {
                return None;
            }
            before = 0;
            listed = true;
            continue;
        }
        if CONTEXTS.as_markers.contains(w.as_ref()) {
            let compound = word_at(text, toks, j.checked_sub(1)?)
                .is_some_and(|b| CONTEXTS.as_compounds.contains(b.as_ref()));
            return (!compound && (listed || before > 0)).then_some(j);
        }
        if SPEECH.conjunctions.contains(w.as_ref()) {
            before = 0;
            listed = true;
            continue;
        }
        if CONTEXTS.as_fillers.contains(w.as_ref()) {
            continue; // "as a violent extremist"
        }
        // the item's label itself (after a separator), then at most one word before it
        let limit = if listed { 2 } else { 1 };
        before += 1;
        if before > limit || verb_like(&w) {
            return None;
        }
    }
    None
}

pub fn attributed(text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
    // Backwards, up to seven tokens, not across a semicolon or a quotation mark.
    if as_label(text, toks, hs, he) || aimed_portrayal(text, toks, hs) {
        return true;
    }
    let lo = hs.saturating_sub(7);
    for i in (lo..hs).rev() {
        let t = toks[i];
        if !t.word {
            let c = &text[t.start..t.end];
            if matches!(c, ";" | ":" | "“" | "”" | "\"") {
                break;
            }
            continue;
        }
        let w = norm(text, t);
        let verb = last_part(&w);
        if CONTEXTS.labelling_verbs.contains(verb) {
            // "called for calm", "called on the rebels": not a label.
            let next = word_at(text, toks, i + 1);
            if CONTEXTS.call_forms.contains(verb)
                && next
                    .as_deref()
                    .is_some_and(|n| CONTEXTS.call_particles.contains(n))
            {
                continue;
            }
            return true;
        }
    }
    // An aside between the verb's object and the label is passed over: "the decision against
    // labeling the militia, responsible for more deaths than any other group, a terrorist group".
    // So after "as": "portrayed the founder, a man who built the firm from nothing, as obsessed
    // with costs".
    if let Some((open, as_)) = aside_before(text, toks, hs) {
        for i in (open.saturating_sub(5)..open).rev() {
            let w = norm(text, toks[i]);
            let verb = last_part(&w);
            if toks[i].word
                && (CONTEXTS.labelling_verbs.contains(verb)
                    || as_ && CONTEXTS.as_label_verbs.contains(verb))
            {
                return true;
            }
        }
    }
    // A claim verb earlier in the clause: "he has claimed the convoy is full of smugglers and
    // terrorists" puts the label in the claim, not in the writer's voice.
    let lo = hs.saturating_sub(16);
    for i in (lo..hs).rev() {
        let t = toks[i];
        if !t.word {
            if matches!(
                &text[t.start..t.end],
                ";" | ":" | "“" | "”" | "\"" | "." | "?" | "!"
            ) {
                break;
            }
            continue;
        }
        if CONTEXTS.claim_verbs.contains(last_part(&norm(text, t))) {
            return true;
        }
    }
    // Forwards: "terrorists, as the government calls them".
    let hi = (he + 7).min(toks.len());
    let mut saw_as = false;
    for t in &toks[he..hi] {
        if !t.word {
            continue;
        }
        let w = norm(text, *t);
        if CONTEXTS.as_markers.contains(w.as_ref()) {
            saw_as = true;
        } else if saw_as && CONTEXTS.labelling_verbs.contains(last_part(&w)) {
            return true;
        }
    }
    false
}

/// The term is in the picture an act is meant to paint: "punches designed to make him look like
/// a calculating, hypocritical politician". One of `portrayal_aims`, "to", one of `make_forms`,
/// at most three words, one of `appearance_verbs`, then at most eight tokens to the term, none
/// of them a sentence break, a colon, a quotation mark, a finite verb or a subject pronoun (a
/// clause of its own: "tried to make him look rich, and he was petty"). Without the aim ("the delay made the
/// board look incompetent") the verdict is the writer's.
fn aimed_portrayal(text: &str, toks: &[Tok], hs: usize) -> bool {
    for k in (hs.saturating_sub(8)..hs).rev() {
        let t = toks[k];
        if !t.word {
            if matches!(
                &text[t.start..t.end],
                ";" | ":" | "." | "?" | "!" | "“" | "”" | "\""
            ) {
                return false;
            }
            continue;
        }
        let w = norm(text, t);
        if !CONTEXTS.appearance_verbs.contains(w.as_ref()) {
            // a clause of its own between: "look rich, and he was petty"
            if SPEECH.finite_verbs.contains(w.as_ref())
                || SPEECH.subject_pronouns.contains(w.as_ref())
            {
                return false;
            }
            continue;
        }
        let is = |i: usize, words: &super::words::Words| {
            word_at(text, toks, i).is_some_and(|w| words.contains(w.as_ref()))
        };
        return (k.saturating_sub(4)..k).rev().any(|m| {
            m >= 2
                && is(m, &CONTEXTS.make_forms)
                && is(m - 1, &SPEECH.to_markers)
                && is(m - 2, &CONTEXTS.portrayal_aims)
                && toks[m + 1..k].iter().all(|t| t.word)
        });
    }
    false
}

/// The term is the complement of "as" after a verb that casts someone in a role: "the media
/// attack the group as racist", "singled out the movement as a terrorist group", "assailed him
/// as 'racist'". "as" must stand right before the term (an article, "being" or a quotation mark
/// may come between, and no verb may follow it), so "saw the smoke as terrorists stormed the
/// gate" (a conjunction) is not a label.
fn as_label(text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
    if word_at(text, toks, he).is_some_and(|next| verb_like(&next)) {
        return false;
    }
    let mut i = hs;
    let mut skipped = 0;
    loop {
        let Some(j) = i.checked_sub(1) else {
            return false;
        };
        let t = toks[j];
        let w = norm(text, t);
        if !t.word && is_quote_mark(&w) || t.word && CONTEXTS.as_fillers.contains(w.as_ref()) {
            skipped += 1;
            if skipped > 2 {
                return false;
            }
            i = j;
            continue;
        }
        if !(t.word && CONTEXTS.as_markers.contains(w.as_ref())) {
            match as_before_list(text, toks, hs) {
                Some(a) => i = a,
                None => return false,
            }
            break;
        }
        i = j;
        break;
    }
    let lo = i.saturating_sub(8);
    for j in (lo..i).rev() {
        let t = toks[j];
        if !t.word {
            if matches!(&text[t.start..t.end], ";" | ":" | "." | "?" | "!") {
                return false;
            }
            continue;
        }
        if CONTEXTS.as_label_verbs.contains(last_part(&norm(text, t))) {
            return true;
        }
    }
    false
}

/// The sentence speaks in the first person outside any quotation: "I", "I'm", "my" (a Roman
/// numeral after a capitalised word, "World War I", is not a pronoun).
pub fn first_person(text: &str, toks: &[Tok]) -> bool {
    let mut quoted = false;
    toks.iter().enumerate().any(|(i, t)| {
        if !t.word {
            match &text[t.start..t.end] {
                "“" => quoted = true,
                "”" => quoted = false,
                "\"" => quoted = !quoted,
                _ => {}
            }
            return false;
        }
        !quoted && first_person_at(text, toks, i)
    })
}

/// `toks[i]` is a first-person word: "I" (not a Roman numeral after a name), "I'm", "my".
pub fn first_person_at(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = toks[i];
    if !t.word {
        return false;
    }
    let raw = &text[t.start..t.end];
    // Run on every word of a story: a short ASCII word is lower-cased on the stack (what `norm`
    // gives it) instead of in a new string.
    let mut buf = [0u8; 16];
    let first = if raw.len() <= buf.len() && raw.is_ascii() {
        let b = &mut buf[..raw.len()];
        b.copy_from_slice(raw.as_bytes());
        b.make_ascii_lowercase();
        CONTEXTS
            .first_person
            .contains(std::str::from_utf8(b).unwrap_or_default())
    } else {
        CONTEXTS.first_person.contains(norm(text, t).as_ref())
    };
    if !first {
        return false;
    }
    if raw == "I" {
        // a capitalised word before it that does not open the sentence: "World War I"
        let after_name = i > 0
            && toks[..i - 1].iter().any(|t| t.word)
            && toks[i - 1].word
            && text[toks[i - 1].start..toks[i - 1].end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        return !after_name;
    }
    raw != "i"
}

/// A transcript line: a speaker's name in capitals and a colon open the paragraph
/// ("SMITH: We will win.", "SEN. JONES: ..."). What follows is that speaker's words.
pub fn speaker_line(para: &str) -> bool {
    // Every character of the head, after trimming, is a capital or a name mark, so the search
    // for the colon stops at the first character that could not be part of one: a long
    // paragraph without a colon is not read to its end for every match in it.
    let head_char =
        |c: char| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-' | '(' | ')');
    let Some(colon) = para.find(|c: char| c == ':' || !(head_char(c) || c.is_whitespace())) else {
        return false;
    };
    if para.as_bytes()[colon] != b':' {
        return false;
    }
    let head = para[..colon].trim();
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && head.len() <= 40 && head.chars().all(head_char)
}

/// The whole line is a quotation in single marks, as headlines quote: "'The plan is dead,
/// minister says'". The document's quotation finder reads double marks in body copy.
pub fn quoted_line(para: &str) -> bool {
    let t = para.trim().trim_end_matches(['.', ',', ';', ':']);
    let open = t.starts_with(['\'', '‘']);
    let close = t.ends_with(['\'', '’']);
    // an inner closing mark followed by a space would end the quotation early
    let inner = &t[t.char_indices().nth(1).map_or(t.len(), |(i, _)| i)..];
    let inner = inner.trim_end_matches(['\'', '’']);
    open && close && t.chars().count() > 2 && !inner.contains("' ") && !inner.contains("’ ")
}

/// The word sits in reported speech: "the mayor said the plan was outrageous" (the speaker's
/// judgement, paraphrased), not the writer's own.
pub fn reported(text: &str, toks: &[Tok], hs: usize) -> bool {
    if closing_tag(text, toks, hs)
        || tag_then_clause(text, toks, hs)
        || heads_sentence(text, toks, hs)
        || viewpoint(text, toks, hs)
        || tag_after(text, toks, hs)
    {
        return true;
    }
    // Twelve tokens: "said in remarks last week that both rival extremists ...". Further back,
    // only a verb that opens a "that" clause, and no ", but" between: "traders maintain that
    // trading for their own accounts makes up for the errors they make in chaotic pits".
    let near = hs.saturating_sub(12);
    let mut comma = false;
    // Crossed ", but", ", then", ...: further back is another clause.
    let mut broken = false;
    // Read past a quotation: then only a verb of saying or one opening a "that" clause reports
    // what follows it ("has been called "the tsar" for his controversial remarks" is the
    // writer's).
    let mut past_quote = false;
    // The comma just before ", but that ..." (see below).
    let mut coordinated = false;
    let mut i = hs;
    while i > 0 {
        i -= 1;
        let t = toks[i];
        if !t.word {
            match &text[t.start..t.end] {
                ";" | ":" | "“" => break,
                // A quotation set inside the clause is read past ("said claims that activists
                // "judge people by their looks" were false and appalling").
                "”" | "\"" => match embedded_quote(text, toks, i, hs) {
                    Some(open) => {
                        i = open;
                        past_quote = true;
                    }
                    None => break,
                },
                "," if coordinated => coordinated = false,
                "," => comma = true,
                _ => {}
            }
            continue;
        }
        let w = norm(text, t);
        // In a relative clause still open at the term, the words describe, in the writer's
        // voice: "experts warned that the port, which lies in a shocking state, ...".
        if !comma
            && CONTEXTS.relative_pronouns.contains(w.as_ref())
            && writers_relative(text, toks, i)
            && !relative_closed(text, toks, i, hs)
        {
            break;
        }
        let verb = (reporting_at(text, toks, i)
            && (!past_quote
                || CONTEXTS.said_verbs.contains(w.as_ref())
                || that_after(text, toks, i)))
            || (CONTEXTS.that_verbs.contains(w.as_ref()) && that_soon(text, toks, i));
        if i >= near && (verb || finding_that(text, toks, i) || content_that(text, toks, i)) {
            return true;
        }
        if i < near && !broken && verb && far_speaker(text, toks, i) {
            return true;
        }
        // "suggested Thursday that the senator's use of a private jet while ... was absurd": a
        // verb that opens its "that" clause after a short setting governs it as "said" does,
        // up to 25 tokens on, while no comma or clause break intervenes.
        if i < near
            && i + 25 >= hs
            && !broken
            && !comma
            && verb
            && that_soon(text, toks, i)
            && (speaker_before(text, toks, i) || opening_participle(text, toks, i))
        {
            return true;
        }
        // "repeated his contention that naming the group as ... would only serve as propaganda":
        // a noun for someone's view opens a "that" clause that runs on, up to 25 tokens, while
        // no comma or clause break intervenes.
        if i < near && i + 25 >= hs && !broken && !comma && content_that(text, toks, i) {
            return true;
        }
        // "the chancellor said the severity of the rout on world markets was an absurd ...":
        // a verb of saying governs its clause, however long, while no comma intervenes.
        if i < near
            && i + 25 >= hs
            && !broken
            && !comma
            && CONTEXTS.said_verbs.contains(w.as_ref())
            && speaker_before(text, toks, i)
            && !tag_of_quote(text, toks, i)
        {
            return true;
        }
        // ", but the pits are chaotic": a clause of the writer's own starts after the comma.
        // Not ", but that ...": a second "that" clause of the same verb ("said the error was
        // only on paper, but that the money had indeed been sent"), its comma the coordination's.
        if CONTEXTS.clause_breaks.contains(w.as_ref())
            && i > 0
            && &text[toks[i - 1].start..toks[i - 1].end] == ","
        {
            if word_at(text, toks, i + 1)
                .is_some_and(|x| SPEECH.complementisers.contains(x.as_ref()))
            {
                coordinated = true;
            } else {
                broken = true;
            }
        }
    }
    false
}

/// The quotation closed by the mark at `close` stands inside a clause that runs on to the term
/// at `hs`: a word right before its opening mark and a word right after its closing mark, not a
/// conjunction opening a clause of the writer's (`said "no" and the ...`), and at most twenty
/// tokens inside. A quoted noun phrase (a determiner right before the opening mark: `argued that
/// he was a "reckless gambler" and a poor manager who would ...`) may be followed by a
/// conjunction that joins the next noun phrase. Returns the opening mark.
fn embedded_quote(text: &str, toks: &[Tok], close: usize, hs: usize) -> Option<usize> {
    let mark = &text[toks[close].start..toks[close].end];
    let opening = if mark == "”" { "“" } else { "\"" };
    let after = word_at(text, toks, close + 1)?;
    if close + 1 >= hs {
        return None;
    }
    let open = (close.saturating_sub(21)..close)
        .rev()
        .find(|&j| !toks[j].word && is_quote_mark(&text[toks[j].start..toks[j].end]))?;
    if &text[toks[open].start..toks[open].end] != opening || open == 0 || !toks[open - 1].word {
        return None;
    }
    let noun_phrase =
        word_at(text, toks, open - 1).is_some_and(|w| SPEECH.noun_markers.contains(w.as_ref()));
    (noun_phrase || !CONTEXTS.clause_breaks.contains(after.as_ref())).then_some(open)
}

/// The relative pronoun at `pron` opens a clause in the writer's voice: one set off by a comma,
/// a dash or a bracket ("warned that the port, which lies in a shocking state, ..."), or one
/// that describes ("said the drivers who ignored the alarming new limit were fined"). Not a
/// clause with no mark before it whose verb is one of `relative_modals`: it restricts the noun
/// inside the reported clause with the speaker's forecast ("argued that he was a poor manager
/// who would be a disastrous mayor").
fn writers_relative(text: &str, toks: &[Tok], pron: usize) -> bool {
    let set_off = pron > 0
        && !toks[pron - 1].word
        && matches!(
            &text[toks[pron - 1].start..toks[pron - 1].end],
            "," | "—" | "–" | "-" | "--" | "("
        );
    set_off
        || !word_at(text, toks, pron + 1)
            .is_some_and(|w| CONTEXTS.relative_modals.contains(w.as_ref()))
}

/// The relative clause opened by the pronoun at `pron` has ended before the term at `hs`: one of
/// `outer_predicates`, the third word after the pronoun or later and not right after another,
/// is the outer clause's verb ("officials who had ignored the rule | were worrying").
fn relative_closed(text: &str, toks: &[Tok], pron: usize, hs: usize) -> bool {
    let mut k = 0;
    let mut after_predicate = false;
    for t in &toks[pron + 1..hs] {
        if !t.word {
            continue;
        }
        k += 1;
        let predicate = CONTEXTS.outer_predicates.contains(norm(text, *t).as_ref());
        if predicate && k >= 3 && !after_predicate {
            return true;
        }
        after_predicate = predicate;
    }
    false
}

/// A tag set off by commas right after the term gives its speaker: "Ironically, diplomats
/// said, the move could spark a row" (the comma within three tokens of the term, then at most
/// five words ending on a finite verb of reporting, then a comma).
fn tag_after(text: &str, toks: &[Tok], hs: usize) -> bool {
    let is = |t: &Tok, s: &str| !t.word && &text[t.start..t.end] == s;
    let Some(open) = (hs + 1..toks.len().min(hs + 4)).find(|&i| !toks[i].word) else {
        return false;
    };
    if !is(&toks[open], ",") {
        return false;
    }
    let Some(close) = (open + 1..toks.len().min(open + 7)).find(|&i| !toks[i].word) else {
        return false;
    };
    let verb = norm(text, toks[close - 1]);
    close > open + 1
        && is(&toks[close], ",")
        && toks[close - 1].word
        && (CONTEXTS.tag_only_verbs.contains(verb.as_ref())
            || CONTEXTS.reporting_verbs.contains(verb.as_ref()) && !participle(&verb))
}

/// The verb at `i` is an -ing form that opens the sentence ("Promising that his next book would
/// look at the appalling delays, Ruiz said ..."): its subject is the main clause's, named after
/// the participle's clause, so its "that" clause is that speaker's, as after "Ruiz promised".
fn opening_participle(text: &str, toks: &[Tok], i: usize) -> bool {
    toks[..i].iter().all(|t| !t.word) && word_at(text, toks, i).is_some_and(|w| participle(&w))
}

/// A verb of reporting far before the term still governs it when it opens a "that" clause and
/// has a subject of its own: not "to say that" (the writer's infinitive) nor "we know that".
fn far_speaker(text: &str, toks: &[Tok], i: usize) -> bool {
    that_after(text, toks, i) && speaker_before(text, toks, i)
}

/// "that" right after the verb at `i`, or after a short setting of up to four words, each one of
/// `that_settings` or an adverb ([`adverb`]): "suggested Thursday that", "said on Friday that".
fn that_soon(text: &str, toks: &[Tok], i: usize) -> bool {
    (i + 1..i + 6)
        .map(|j| word_at(text, toks, j))
        .take_while(Option::is_some)
        .flatten()
        .take_while(|w| {
            SPEECH.complementisers.contains(w.as_ref())
                || CONTEXTS.that_settings.contains(w.as_ref())
                || adverb(w)
        })
        .any(|w| SPEECH.complementisers.contains(w.as_ref()))
}

/// The verb closes a quotation or the clause before it (`"...," she said at the launch`): its
/// subject, up to four words, follows a comma or a quotation mark, so what comes after the verb
/// is the writer's narration, not the speaker's clause. Not when "that" opens the subject's
/// clause after the comma ("It is no secret, for example, that officials believe ...").
fn tag_of_quote(text: &str, toks: &[Tok], i: usize) -> bool {
    (i.saturating_sub(5)..i)
        .rev()
        .find(|&j| !toks[j].word)
        .is_some_and(|j| {
            matches!(
                &text[toks[j].start..toks[j].end],
                "," | "\"" | "”" | "'" | "’"
            ) && !that_after(text, toks, j)
        })
}

/// Something stands before the verb (its subject, or a comma after "however"); when it is a
/// word, it is not "to" nor "I"/"we": not the writer's infinitive nor the writer speaking.
fn speaker_before(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0
        && word_at(text, toks, i - 1).is_none_or(|b| {
            !SPEECH.to_markers.contains(b.as_ref()) && !CONTEXTS.self_subjects.contains(b.as_ref())
        })
}

/// The sentence opens on whose view it gives: "For many activists, the delay is infuriating",
/// "To some critics, ...": "for" or "to", a quantifier, at most three more words, a comma.
fn viewpoint(text: &str, toks: &[Tok], hs: usize) -> bool {
    let words: Vec<Cow<str>> = toks
        .iter()
        .take(hs)
        .take_while(|t| t.word)
        .take(6)
        .map(|t| norm(text, *t))
        .collect();
    let n = words.len();
    n >= 3
        && n < hs
        && &text[toks[n].start..toks[n].end] == ","
        && CONTEXTS.viewpoint_openers.contains(words[0].as_ref())
        && CONTEXTS.viewpoint_quantifiers.contains(words[1].as_ref())
}

/// "the auditors found that ...": a verb of finding right before "that" reports a finding.
fn finding_that(text: &str, toks: &[Tok], i: usize) -> bool {
    CONTEXTS
        .finding_verbs
        .contains(norm(text, toks[i]).as_ref())
        && that_after(text, toks, i)
}

/// "the unfair perception that ...": a noun for someone's view right before "that".
fn content_that(text: &str, toks: &[Tok], i: usize) -> bool {
    CONTEXTS
        .content_nouns
        .contains(norm(text, toks[i]).as_ref())
        && that_after(text, toks, i)
}

fn that_after(text: &str, toks: &[Tok], i: usize) -> bool {
    word_at(text, toks, i + 1).is_some_and(|w| SPEECH.complementisers.contains(w.as_ref()))
}

/// The sentence opens with its speaker: a verb of reporting among its first five words ("port
/// officials said while the storm may explain part of it, the trend is worrying"), and nothing
/// between it and the term that ends the reported clause (a semicolon, a colon, a quotation
/// mark, ", but", ", then") or opens a relative clause still open at the term.
fn heads_sentence(text: &str, toks: &[Tok], hs: usize) -> bool {
    // An aside ("The plan, the head nurse conceded, ...") may come a little later, among the
    // first eight words, as its commas mark it off.
    let Some(v) = (0..hs)
        .filter(|&i| toks[i].word)
        .take(8)
        .enumerate()
        .position(|(k, i)| (k < 5 && reporting_at(text, toks, i)) || aside_tag(text, toks, i))
        .or_else(|| {
            // "the auditors found that ...", counted among the same first five words
            let idx: Vec<usize> = (0..hs).filter(|&i| toks[i].word).take(5).collect();
            idx.iter().position(|&i| finding_that(text, toks, i))
        })
    else {
        return false;
    };
    let v = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.word)
        .nth(v)
        .map_or(hs, |(i, _)| i);
    let between = &toks[v + 1..hs];
    // Inside a relative clause with no comma after it, the words describe, in the writer's
    // voice: "experts warned that Syria, which is mired in a chaotic war, ...".
    let mut relative = false;
    for (k, t) in between.iter().enumerate() {
        let s = &text[t.start..t.end];
        let after_comma = k > 0 && &text[between[k - 1].start..between[k - 1].end] == ",";
        if !t.word && (matches!(s, ";" | ":") || is_quote_mark(s)) {
            return false;
        }
        if t.word && after_comma && CONTEXTS.clause_breaks.contains(norm(text, *t).as_ref()) {
            return false;
        }
        if s == "," {
            relative = false;
        } else if t.word
            && CONTEXTS.relative_pronouns.contains(norm(text, *t).as_ref())
            && writers_relative(text, toks, v + 1 + k)
        {
            relative = !relative_closed(text, toks, v + 1 + k, hs);
        }
    }
    !relative
}

/// A verb that reports only as an aside set off by commas, its subject of one to three words
/// after the first comma: "That view, Smith continued, rests on claims ...", "The plan, the
/// agency reported, ...". Not after a clause break ("Prices fell, and trading continued, ...").
fn aside_tag(text: &str, toks: &[Tok], i: usize) -> bool {
    let w = norm(text, toks[i]);
    if !(CONTEXTS.aside_verbs.contains(w.as_ref()) || CONTEXTS.tag_only_verbs.contains(w.as_ref()))
    {
        return false;
    }
    let comma = |t: &Tok| !t.word && &text[t.start..t.end] == ",";
    if !toks.get(i + 1).is_some_and(comma) {
        return false;
    }
    let Some(open) = (0..i).rev().find(|&j| !toks[j].word) else {
        return false;
    };
    let subject = open + 1..i;
    comma(&toks[open])
        && open > 0
        && (1..=3).contains(&subject.len())
        && !CONTEXTS
            .clause_breaks
            .contains(norm(text, toks[open + 1]).as_ref())
}

/// The verb introduces a demand, not a claim: after it (and "that"), a plural subject and a
/// verb in its bare form ("would insist that banks identify their clients", "insisted the
/// lenders appoint auditors"). A verb with tense or a modal ("banks were", "banks had",
/// "banks identified", "banks would") makes it a claim; a bare form cannot be told from an
/// irregular past ("the banks knew"), which is left as a claim's verb is: unflagged.
pub fn demand(text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
    if compound_demand(text, toks, he)
        || singular_demand(text, toks, he)
        || modal_demand(text, toks, hs, he)
    {
        return true;
    }
    // The words after the verb, up to other punctuation; an opening quotation mark may stand
    // before the demanded verb: `insisted that Lisbon "end its blockade"`.
    let mut words: Vec<Tok> = Vec::new();
    let mut quote_before: Option<usize> = None;
    for t in &toks[he..] {
        if t.word {
            words.push(*t);
        } else if is_quote_mark(&text[t.start..t.end]) && quote_before.is_none() {
            quote_before = Some(words.len());
        } else {
            break;
        }
        if words.len() == 5 {
            break;
        }
    }
    let mut i = 0;
    let w = |i: usize| words.get(i).map(|t| norm(text, *t));
    if w(i).is_some_and(|x| SPEECH.complementisers.contains(x.as_ref())) {
        i += 1;
    }
    if w(i).is_some_and(|x| SPEECH.subject_determiners.contains(x.as_ref())) {
        i += 1;
    }
    // The subject: one or two words, the last a plural ("banks", "foreign lenders").
    let plural = plural_noun;
    // Or any one- or two-word subject when the quotation opens on the verb: a quotation that
    // starts with a bare verb is the demand itself.
    let subject_end = (i..(i + 2).min(words.len()))
        .find(|&k| w(k).is_some_and(|x| plural(&x)))
        .or_else(|| quote_before.filter(|&q| q > i && q <= i + 2).map(|q| q - 1));
    let Some(k) = subject_end else { return false };
    if quote_before.is_some_and(|q| q <= k) {
        return false; // the quotation opens before the verb: it is not the verb's
    }
    // The subject is a noun phrase: no verb or pronoun in it ("insisted it was 'premature'").
    if (i..=k).any(|j| {
        w(j).is_some_and(|x| {
            SPEECH.finite_verbs.contains(x.as_ref())
                || SPEECH.dummy_subjects.contains(x.as_ref())
                || SPEECH.subject_pronouns.contains(x.as_ref())
        })
    }) {
        return false;
    }
    let Some(verb) = w(k + 1) else { return false };
    let lower = words[k + 1..=k + 1]
        .iter()
        .all(|t| text[t.start..t.end].starts_with(|c: char| c.is_lowercase()));
    lower && bare_verb(&verb)
}

/// "that", a singular subject, then a verb without "-s": a subjunctive ("insisting that Congress
/// approve the money", "insisted that he resign", "insists that the board meet weekly"). The
/// subject is one of `singular_subjects` or one to three capitalised words (a common noun is
/// left alone: "that his legal work did not" and "that the annual investment in" read as a
/// subject and a bare verb); the verb is lower-case, a bare form ([`bare_verb`]), not one of
/// `irregular_pasts` ("insisted that Smith won") nor `not_bare_verbs`, and no finite verb
/// follows it ("that New Town budget was").
fn singular_demand(text: &str, toks: &[Tok], he: usize) -> bool {
    let words: Vec<Tok> = toks[he..]
        .iter()
        .take_while(|t| t.word)
        .take(15)
        .copied()
        .collect();
    let w = |i: usize| words.get(i).map(|t| norm(text, *t));
    let cap = |i: usize| {
        words
            .get(i)
            .is_some_and(|t| text[t.start..t.end].starts_with(char::is_uppercase))
    };
    if !w(0).is_some_and(|x| SPEECH.complementisers.contains(x.as_ref())) {
        return false;
    }
    let verb_at = if w(1).is_some_and(|x| SPEECH.singular_subjects.contains(x.as_ref())) {
        2
    } else if cap(1) {
        let mut k = 2;
        while k < 4 && cap(k) {
            k += 1;
        }
        k
    } else if w(1).is_some_and(|x| SPEECH.demand_determiners.contains(x.as_ref())) {
        // "any spending bill include": a closed list of demanded verbs after a common noun,
        // which may run on in a phrase of its own ("any spending bill to keep the agencies
        // open include"); a demanded verb right after "to" is that phrase's infinitive.
        let Some(k) = (3..words.len()).find(|&k| {
            w(k).is_some_and(|x| SPEECH.demand_verbs.contains(x.as_ref()))
                && !w(k - 1).is_some_and(|x| SPEECH.to_markers.contains(x.as_ref()))
        }) else {
            return false;
        };
        let noun_phrase = (2..k).all(|j| {
            w(j).is_some_and(|x| {
                (j + 1 < k || !cap(j))
                    && !SPEECH.finite_verbs.contains(x.as_ref())
                    && !SPEECH.subject_pronouns.contains(x.as_ref())
                    && !SPEECH.clause_stops.contains(x.as_ref())
            })
        });
        let head_plural = w(k - 1).is_some_and(|x| plural_noun(&x));
        if !noun_phrase || head_plural {
            return false;
        }
        k
    } else {
        return false;
    };
    let Some(verb) = w(verb_at) else {
        return false;
    };
    // A finite verb after it shows the "verb" was a noun: "insisted that the state budget was".
    let noun_after = w(verb_at + 1).is_some_and(|x| {
        SPEECH.finite_verbs.contains(x.as_ref()) || SPEECH.irregular_pasts.contains(x.as_ref())
    });
    !cap(verb_at)
        && !noun_after
        && bare_verb(&verb)
        && !SPEECH.irregular_pasts.contains(verb.as_ref())
        && !SPEECH.not_bare_verbs.contains(verb.as_ref())
}

/// A modal right before the verb, then "that", a plural pronoun and a bare verb: a requirement
/// that may or will be set ("the regulator may insist that they deduct the sum"), where without
/// the modal the same words read as a claim in the present ("officials insist that they give
/// no aid"). The verb is lower-case and a bare form ([`bare_verb`]), not one of
/// `irregular_pasts` nor `not_bare_verbs` ("may insist that they only ...").
fn modal_demand(text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
    let modal = hs
        .checked_sub(1)
        .and_then(|i| toks.get(i))
        .is_some_and(|t| t.word && SPEECH.demand_modals.contains(norm(text, *t).as_ref()));
    if !modal {
        return false;
    }
    let words: Vec<Tok> = toks[he..]
        .iter()
        .take_while(|t| t.word)
        .take(3)
        .copied()
        .collect();
    let w = |i: usize| words.get(i).map(|t| norm(text, *t));
    let lower = words
        .get(2)
        .is_some_and(|t| text[t.start..t.end].starts_with(char::is_lowercase));
    w(0).is_some_and(|x| SPEECH.complementisers.contains(x.as_ref()))
        && w(1).is_some_and(|x| SPEECH.plural_pronouns.contains(x.as_ref()))
        && lower
        && w(2).is_some_and(|v| {
            bare_verb(&v)
                && !SPEECH.irregular_pasts.contains(v.as_ref())
                && !SPEECH.not_bare_verbs.contains(v.as_ref())
        })
}

/// A word that reads as a plural noun: "banks", "lenders" (not "press", "boss").
fn plural_noun(x: &str) -> bool {
    x.len() > 3 && x.ends_with('s') && !x.ends_with("ss")
}

/// A lower-case word that can be a verb's bare form: no tense ending, not an adverb, pronoun,
/// finite verb, conjunction or noun marker.
fn bare_verb(verb: &str) -> bool {
    verb.chars().all(|c| c.is_ascii_alphabetic())
        && !verb.ends_with('s')
        && !verb.ends_with("ed")
        && !participle(&verb)
        && !(verb.len() > 5 && verb.ends_with("ly"))
        && !SPEECH.subject_words.contains(verb)
        && !SPEECH.finite_verbs.contains(verb)
        && !SPEECH.clause_stops.contains(verb)
        && !SPEECH.noun_markers.contains(verb)
        && !SPEECH.adverbials.contains(verb)
}

/// An adverb between a subject and its verb: any -ly word, or one of `adverbials`.
pub fn adverb(word: &str) -> bool {
    (word.len() > 3 && word.ends_with("ly")) || SPEECH.adverbials.contains(word)
}

/// A compound subject, then a bare verb: "insisted that it and the Dealers Association, the
/// DA, come up with a plan", "insisted that he and the lenders appoint auditors". The first part
/// is at most three words; after "and", a determiner, then a capitalised name (its linking "of"
/// included) or one lower-case noun; then perhaps an appositive between commas; then the verb.
fn compound_demand(text: &str, toks: &[Tok], he: usize) -> bool {
    let seq: Vec<Tok> = toks[he..]
        .iter()
        .take(30)
        .take_while(|t| t.word || &text[t.start..t.end] == ",")
        .copied()
        .collect();
    let w = |i: usize| seq.get(i).filter(|t| t.word).map(|t| norm(text, *t));
    let cap = |i: usize| {
        seq.get(i)
            .is_some_and(|t| t.word && text[t.start..t.end].starts_with(char::is_uppercase))
    };
    let mut i = 0;
    if w(i).is_some_and(|x| SPEECH.complementisers.contains(x.as_ref())) {
        i += 1;
    }
    let Some(and) = (i + 1..(i + 4).min(seq.len()))
        .find(|&k| w(k).is_some_and(|x| SPEECH.conjunctions.contains(x.as_ref())))
    else {
        return false;
    };
    if !(i..and).all(|k| seq[k].word) {
        return false;
    }
    let mut k = and + 1;
    if w(k).is_some_and(|x| SPEECH.subject_determiners.contains(x.as_ref())) {
        k += 1;
    }
    if cap(k) {
        while cap(k)
            || (cap(k + 1) && w(k).is_some_and(|x| SPEECH.name_linkers.contains(x.as_ref())))
        {
            k += 1;
        }
    } else if w(k).is_some() {
        k += 1;
    } else {
        return false;
    }
    // An appositive between commas: ", the DA,".
    if seq.get(k).is_some_and(|t| !t.word) {
        let close = (k + 1..(k + 5).min(seq.len())).find(|&j| !seq[j].word);
        match close {
            Some(j) if j > k + 1 => k = j + 1,
            _ => return false,
        }
    }
    let Some(verb) = w(k) else { return false };
    text[seq[k].start..seq[k].end].starts_with(char::is_lowercase) && bare_verb(&verb)
}

/// The sentence ends in a speech tag after its last comma, and the term comes before it: "the
/// plan is outrageous, the mayor said." (at most six words in the tag, one of them a
/// reporting verb; no quotation mark between the term and the tag).
fn closing_tag(text: &str, toks: &[Tok], hs: usize) -> bool {
    let Some(comma) = toks
        .iter()
        .rposition(|t| !t.word && &text[t.start..t.end] == ",")
    else {
        return false;
    };
    if comma <= hs {
        return false;
    }
    if toks[hs..comma]
        .iter()
        .any(|t| !t.word && is_quote_mark(&text[t.start..t.end]))
    {
        return false;
    }
    let tail = &toks[comma + 1..];
    let words: Vec<Tok> = tail.iter().copied().filter(|t| t.word).collect();
    let closes = tail.iter().filter(|t| !t.word).all(|t| {
        matches!(
            &text[t.start..t.end],
            "." | "!" | "?" | "'s" | "’s" | "'" | "’" | "(" | ")"
        )
    });
    // A long subject is still a tag when the verb ends the sentence: ", French Cereals Office
    // (ONIC) director Anne Roy said."
    let last_verb = words
        .last()
        .is_some_and(|t| CONTEXTS.said_verbs.contains(norm(text, *t).as_ref()));
    // a finite tag ("the mayor said", "according to police"), not a participle clause
    // (", citing fears of crime", ", saying it would appeal")
    let finite = |t: &Tok| {
        let w = norm(text, *t);
        CONTEXTS.tag_only_verbs.contains(w.as_ref())
            || CONTEXTS.reporting_verbs.contains(w.as_ref())
                && (!participle(&w) || CONTEXTS.tag_participles.contains(w.as_ref()))
    };
    // ", as the senator noted in a column last week.": "as", a finite verb among the next six
    // words, and after it nothing or a setting (`tag_settings`).
    let as_tag = words.len() <= 16
        && words
            .first()
            .is_some_and(|t| CONTEXTS.as_markers.contains(norm(text, *t).as_ref()))
        && (1..words.len().min(7)).any(|k| {
            finite(&words[k])
                && words
                    .get(k + 1)
                    .is_none_or(|t| CONTEXTS.tag_settings.contains(norm(text, *t).as_ref()))
        });
    // ", and the talks concluded on Friday." opens a clause of the writer's, not a tag.
    let clause = words
        .first()
        .is_some_and(|t| CONTEXTS.clause_breaks.contains(norm(text, *t).as_ref()));
    closes
        && !words.is_empty()
        && !clause
        && (as_tag
            || (words.len() <= 6 || (words.len() <= 12 && last_verb)) && words.iter().any(finite))
}

/// A speech tag between two commas after the term, and the sentence runs on past it in the
/// speaker's clause: "the delay is an insult to every driver, union leaders said Friday, as they
/// met the mayor", "the cuts are sickening, the mayor said in a speech, noting that ...". The tag
/// is at most six words, a finite verb of reporting after its first word and no relative pronoun;
/// no quotation mark stands between the term and the tag; the word after the tag's second comma
/// is one of `tag_continuations` or an -ing participle.
fn tag_then_clause(text: &str, toks: &[Tok], hs: usize) -> bool {
    let punct = |i: usize, s: &str| !toks[i].word && &text[toks[i].start..toks[i].end] == s;
    for c in hs + 1..toks.len() {
        if toks[c].word {
            continue;
        }
        if !punct(c, ",") {
            if is_quote_mark(&text[toks[c].start..toks[c].end]) {
                return false;
            }
            continue;
        }
        let Some(d) = (c + 1..toks.len().min(c + 8)).find(|&i| !toks[i].word) else {
            return false;
        };
        if !punct(d, ",") || d == c + 1 {
            continue;
        }
        let words = &toks[c + 1..d];
        let tag = words.iter().enumerate().any(|(k, t)| {
            let w = norm(text, *t);
            k > 0
                && (CONTEXTS.tag_only_verbs.contains(w.as_ref())
                    || CONTEXTS.reporting_verbs.contains(w.as_ref()) && !participle(&w))
        }) && !words
            .iter()
            .any(|t| CONTEXTS.relative_pronouns.contains(norm(text, *t).as_ref()));
        if !tag {
            continue;
        }
        let Some(next) = word_at(text, toks, d + 1) else {
            return false;
        };
        return CONTEXTS.tag_continuations.contains(next.as_ref())
            || (next.len() > 4 && participle(&next));
    }
    false
}

/// The story has put a plea or a conviction on the record before the verb (in the ~3,000 bytes
/// before its sentence, about 500 words): "He pleaded guilty to fraud. He admitted taking the
/// money."
pub fn on_record(text: &str, toks: &[Tok], hs: usize) -> bool {
    let Some(first) = toks.first() else {
        return false;
    };
    let mut lo = first.start.saturating_sub(3000);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    RECORD.is_match(&text[lo..toks[hs].start])
}

/// A plea or a conviction in the ~3,000 bytes of `text` before `at`: [`on_record`] for a story
/// pass, which reads across paragraphs ("He pleaded guilty to fraud.\n\nHe admitted ...").
pub fn record_before(text: &str, at: usize) -> bool {
    let mut lo = at.saturating_sub(3000);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    text.get(lo..at).is_some_and(|w| RECORD.is_match(w))
}

/// One of the `court_words` in the ~600 bytes of `text` before `at` (`@in_court`).
pub fn court_before(text: &str, at: usize) -> bool {
    let mut lo = at.saturating_sub(600);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    text.get(lo..at).is_some_and(has_court_word)
}

/// The lengths of the `court_words` (fewest and most bytes) and the bytes they start with: a
/// word of another length or start is not looked up.
static COURT_SHAPE: LazyLock<(usize, usize, [bool; 256])> = LazyLock::new(|| {
    let words = &CONTEXTS.court_words;
    let fewest = words.iter().map(String::len).min().unwrap_or(0);
    let most = words.iter().map(String::len).max().unwrap_or(0);
    let mut first = [false; 256];
    for w in words {
        if let Some(&b) = w.as_bytes().first() {
            first[b as usize] = true;
        }
    }
    (fewest, most, first)
});

/// [`court_before`]'s test of its window, by bytes: its words (its runs of letters and digits,
/// what splitting it at every character that is no letter or digit gives) are each looked up in
/// lower case. A word in ASCII is lower-cased on the stack and looked up only where one of the
/// `court_words` has its length and first letter; a word with a letter outside ASCII, as before.
fn has_court_word(window: &str) -> bool {
    let (fewest, most, first) = &*COURT_SHAPE;
    let b = window.as_bytes();
    let mut buf = [0u8; 32];
    // A letter or digit at `i` (a character's first byte), and its length.
    let alnum_at = |i: usize| -> Option<usize> {
        match b[i] {
            x if x.is_ascii() => x.is_ascii_alphanumeric().then_some(1),
            _ => window[i..]
                .chars()
                .next()
                .filter(|c| c.is_alphanumeric())
                .map(char::len_utf8),
        }
    };
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let mut ascii = true;
        while i < b.len() {
            match alnum_at(i) {
                Some(n) => {
                    ascii &= n == 1;
                    i += n;
                }
                None => break,
            }
        }
        if i == start {
            // No letter or digit: the next character.
            i += window[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if !ascii {
            if CONTEXTS
                .court_words
                .contains(window[start..i].to_lowercase().as_str())
            {
                return true;
            }
            continue;
        }
        let len = i - start;
        if len < *fewest || len > *most || !first[b[start].to_ascii_lowercase() as usize] {
            continue;
        }
        let found = if len <= buf.len() {
            let word = &mut buf[..len];
            word.copy_from_slice(&b[start..i]);
            word.make_ascii_lowercase();
            CONTEXTS
                .court_words
                .contains(std::str::from_utf8(word).unwrap_or_default())
        } else {
            CONTEXTS
                .court_words
                .contains(window[start..i].to_ascii_lowercase().as_str())
        };
        if found {
            return true;
        }
    }
    false
}

/// `@past_ruler`: the term follows a possessive name ("under Vela's regime") and the copy before
/// it (up to ~3,000 bytes, the sentence itself included) has put that ruler in the past: one of
/// `past_ruler_titles` up to five words before the name with no "of" between ("former military
/// ruler Jorge Vela", "the late Jorge Vela"), or one of `past_ruler_events` up to three words
/// before it ("the toppling of Vela", "after deposing Jorge Vela").
pub fn past_ruler_before(text: &str, at: usize) -> bool {
    let mut lo = at.saturating_sub(3000);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let Some(window) = text.get(lo..at) else {
        return false;
    };
    let mut tail = window.len().saturating_sub(80);
    while !window.is_char_boundary(tail) {
        tail -= 1;
    }
    let toks = tokenize(window, tail, window.len());
    let [.., name, poss] = toks.as_slice() else {
        return false;
    };
    let name_text = &window[name.start..name.end];
    if !matches!(&window[poss.start..poss.end], "'s" | "’s")
        || !name_text.starts_with(char::is_uppercase)
    {
        return false;
    }
    window.match_indices(name_text).any(|(i, _)| {
        let whole = window[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            && window[i + name_text.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        let mut from = i.saturating_sub(120);
        while !window.is_char_boundary(from) {
            from -= 1;
        }
        whole && past_marker_before(window, &tokenize(window, from, i))
    })
}

/// `@apology`: the ~600 bytes of `text` before `at` (the verb) show its subject apologising
/// (see [`super::scope::apology_before`]).
pub fn apology_before(text: &str, at: usize) -> bool {
    let mut lo = at.saturating_sub(600);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    text.get(lo..at).is_some_and(super::scope::apology_before)
}

/// One of `past_ruler_titles` (no "of" between) or `past_ruler_events` among the words at the end
/// of `toks`, within the same sentence.
fn past_marker_before(text: &str, toks: &[Tok]) -> bool {
    let mut of = false;
    for (k, t) in toks
        .iter()
        .rev()
        .filter(|t| t.word || matches!(&text[t.start..t.end], "." | ";" | ":" | "?" | "!" | ","))
        .enumerate()
    {
        if !t.word || k >= 5 {
            return false;
        }
        let w = norm(text, *t);
        if CONTEXTS.past_ruler_links.contains(w.as_ref()) {
            of = true;
            continue;
        }
        let parts = || w.split('-');
        if (!of && parts().any(|p| CONTEXTS.past_ruler_titles.contains(p)))
            || (k < 3 && parts().any(|p| CONTEXTS.past_ruler_events.contains(p)))
        {
            return true;
        }
    }
    false
}

impl Context {
    /// `@on_record` or `@in_court`, whose windows reach back past the paragraph: true when the
    /// story's copy before `at` holds it.
    pub fn holds_before(&self, text: &str, at: usize) -> bool {
        match self {
            Context::Builtin(Builtin::OnRecord) => record_before(text, at),
            Context::Builtin(Builtin::InCourt) => court_before(text, at),
            Context::Builtin(Builtin::PastRuler) => past_ruler_before(text, at),
            Context::Builtin(Builtin::Apology) => apology_before(text, at),
            _ => false,
        }
    }
}

/// The `record_phrases`, any case, a space matching any run of white space.
/// A plain `Regex`, not a [`crate::narrow::Tiered`] one: it runs on a window of up to 3,000 bytes
/// before every term, and choosing a tier would read the window once more each time.
static RECORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    let phrases = crate::vocab::alternation(&CONTEXTS.record_phrases);
    regex::Regex::new(&format!(r"(?i)(?-u:\b){phrases}(?-u:\b)"))
        .expect("data/wording/contexts.toml: record_phrases")
});

/// The copy right before the sentence `toks` holds, at most `bytes` of it (to a character
/// boundary): its start and the sentence's first token's start. None for an empty sentence.
fn just_before(text: &str, toks: &[Tok], bytes: usize) -> Option<(usize, usize)> {
    let start = toks.first()?.start;
    let mut lo = start.saturating_sub(bytes);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    Some((lo, start))
}

/// The sentence summarises a plot: a work of fiction, then a verb of plot, before the term ("The
/// thriller follows a crew whose ship is seized by terrorists").
pub fn fiction(text: &str, toks: &[Tok], hs: usize) -> bool {
    if plot(text, &toks[..hs]) {
        return true;
    }
    // A summary runs on over the paragraph's next sentences: "Her new book is out. It tells the
    // story of a young hunter. He sets out to rid the forest of an evil force." (the two
    // sentences before, within the paragraph's 600 or so bytes before the sentence).
    let Some((lo, start)) = just_before(text, toks, 600) else {
        return false;
    };
    let before = tokenize(text, lo, start);
    let ends: Vec<usize> = (0..before.len())
        .filter(|&i| {
            !before[i].word && matches!(&text[before[i].start..before[i].end], "." | "!" | "?")
        })
        .collect();
    let from = ends.len().checked_sub(3).map_or(0, |k| ends[k] + 1);
    plot(text, &before[from..])
}

/// A work of fiction, then a verb of plot, among `toks`.
fn plot(text: &str, toks: &[Tok]) -> bool {
    let words: Vec<Tok> = toks.iter().copied().filter(|t| t.word).collect();
    let Some(work) = words
        .iter()
        .position(|t| CONTEXTS.fiction_works.contains(norm(text, *t).as_ref()))
    else {
        return false;
    };
    (work + 1..words.len()).any(|j| {
        PLOT_VERBS.iter().any(|v| {
            v.len() <= words.len() - j
                && v.iter()
                    .zip(&words[j..])
                    .all(|(p, t)| *p == norm(text, *t).as_ref())
        })
    })
}

/// The -ing word is a verb with its object, not an adjective: "the cuts are alarming the
/// unions", "the figures are alarming investors", "he keeps astonishing his coaches". A form of
/// "be" or "keep" stands right before it; right after it comes a noun for people, or a
/// determiner (an adjective is never followed by one). After "is", "was" or "been", "the" and
/// "many" count only with a noun for people within three words ("was stunning the home fans"):
/// "it is shocking the way he spoke" puts the adjective first and its subject after.
///
/// With no auxiliary, a noun for people right after it (or after one of `people_modifiers`:
/// "policy makers") is its object too, the -ing word a participle ("the gluts now worrying
/// policy makers in the capital"), unless one of `adjective_leads` stands before it ("the most
/// worrying people").
pub fn verb_object(text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
    let before = hs.checked_sub(1).and_then(|i| word_at(text, toks, i));
    let Some(aux) = before
        .clone()
        .filter(|w| CONTEXTS.verb_auxiliaries.contains(w.as_ref()))
    else {
        let people = |i: usize| {
            word_at(text, toks, i).is_some_and(|w| CONTEXTS.affected_people.contains(w.as_ref()))
        };
        let modifier =
            word_at(text, toks, he).is_some_and(|w| CONTEXTS.people_modifiers.contains(w.as_ref()));
        return !before.is_some_and(|w| CONTEXTS.adjective_leads.contains(w.as_ref()))
            && (people(he) || modifier && people(he + 1));
    };
    let Some(next) = word_at(text, toks, he) else {
        return false;
    };
    let next = next.as_ref();
    if CONTEXTS.affected_people.contains(next) || CONTEXTS.object_determiners.contains(next) {
        return true;
    }
    CONTEXTS.object_articles.contains(next)
        && (CONTEXTS.plural_auxiliaries.contains(aux.as_ref())
            || (he + 1..(he + 4).min(toks.len())).any(|i| {
                word_at(text, toks, i)
                    .is_some_and(|w| CONTEXTS.affected_people.contains(w.as_ref()))
            }))
}

/// The verb's subject is "it" or "they" (perhaps with an adverb: "it also claims") and the
/// copy just before (about a sentence) names a lawsuit or a complaint: "The suit alleges fraud. It also claims the
/// directors hid losses." The pleading asserts; the verb is its term of art.
pub fn pleading(text: &str, toks: &[Tok], hs: usize) -> bool {
    let mut i = hs;
    let subject = loop {
        let Some(j) = i.checked_sub(1) else {
            return false;
        };
        let Some(w) = word_at(text, toks, j) else {
            return false;
        };
        if adverb(&w) {
            i = j;
            continue;
        }
        break w;
    };
    if !CONTEXTS.pleading_pronouns.contains(subject.as_ref()) {
        return false;
    }
    // The copy just before this sentence: up to 300 bytes, about a sentence.
    let Some((lo, start)) = just_before(text, toks, 300) else {
        return false;
    };
    text[lo..start]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && CONTEXTS.pleading_nouns.contains(w.to_lowercase().as_str()))
}

/// The `plot_verbs`, each split into its words ("is about").
static PLOT_VERBS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    CONTEXTS
        .plot_verbs
        .iter()
        .map(|v| v.split_whitespace().map(str::to_string).collect())
        .collect()
});

/// A physical subject does the slamming or ripping: "the storm ripped into the coast".
pub fn physical(text: &str, toks: &[Tok], hs: usize) -> bool {
    let lo = hs.saturating_sub(5);
    for i in (lo..hs).rev() {
        let t = toks[i];
        if !t.word {
            if matches!(&text[t.start..t.end], "," | ";" | ":") {
                break;
            }
            continue;
        }
        if CONTEXTS.physical_subjects.contains(norm(text, t).as_ref()) {
            return true;
        }
    }
    false
}

fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "‘" | "'")
}

/// True when the verb at `toks[hs..he]` reports speech: "claimed that ...", "admitted he had
/// lied", "..., she insisted." — not "claimed the title", "admitted to hospital", "was admitted".
pub fn reports_speech(text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
    if let Some(prev) = hs.checked_sub(1).and_then(|i| word_at(text, toks, i)) {
        let progressive = participle(&norm(text, toks[hs]));
        if (SPEECH.passive_auxiliaries.contains(prev.as_ref()) && !progressive)
            || SPEECH.noun_markers.contains(prev.as_ref())
        {
            return false;
        }
    }
    if as_tag(text, toks, hs) {
        return true; // "as the senator pointed out in a column, ..."
    }
    let first = norm(text, toks[hs]);
    if !first.ends_with("ed") && !participle(&first) && !has_subject(text, toks, hs, he) {
        return false; // "jobless claims rose", "rejected the claims": a noun
    }
    let next = toks.get(he);
    let Some(&next) = next else {
        return tag_position(text, toks, hs);
    };
    let ns = norm(text, next);
    if !next.word {
        if matches!(ns.as_ref(), ":") || is_quote_mark(&ns) {
            return true;
        }
        if ns == "," {
            // "claimed, “We did nothing wrong.”" or "admitted, under questioning, that ..."
            if toks
                .get(he + 1)
                .is_some_and(|t| is_quote_mark(&text[t.start..t.end]))
            {
                return true;
            }
            return that_ahead(text, toks, he + 1) || tag_position(text, toks, hs);
        }
        if matches!(ns.as_ref(), "." | "!" | "?" | "”" | "\"") {
            return tag_position(text, toks, hs);
        }
        return false;
    }
    if SPEECH.complementisers.contains(ns.as_ref()) {
        // "the claims that were filed": a relative clause after a plural noun, not speech.
        let plural = first.ends_with('s') && !first.ends_with("ss");
        let relative =
            word_at(text, toks, he + 1).is_some_and(|w| SPEECH.finite_verbs.contains(w.as_ref()));
        return !(plural && relative);
    }
    if SPEECH.subject_pronouns.contains(ns.as_ref()) {
        return true;
    }
    if SPEECH.to_markers.contains(ns.as_ref()) {
        // "claimed to have", "admitted to lying"; not "admitted to hospital".
        // "admitted to reporters that ...": a listener, then the clause.
        let that_follows = toks[he..(he + 7).min(toks.len())]
            .iter()
            .take_while(|t| t.word)
            .any(|t| SPEECH.complementisers.contains(norm(text, *t).as_ref()));
        return that_follows
            || word_at(text, toks, he + 1)
                .is_some_and(|w| SPEECH.to_complements.contains(w.as_ref()) || participle(&w));
    }
    if participle(&ns)
        && ns.len() > 4
        && !participle(&first)
        && !SPEECH.not_gerunds.contains(ns.as_ref())
    {
        return true; // "admitted taking the money"; not "by revealing financing arrangements"
    }
    if ns.ends_with("ly") || SPEECH.adverbials.contains(ns.as_ref()) {
        // An adverbial before the clause: "insisted in a statement that ...".
        if that_ahead(text, toks, he) {
            return true;
        }
    }
    if SPEECH.dummy_subjects.contains(ns.as_ref()) {
        return word_at(text, toks, he + 1)
            .is_some_and(|w| SPEECH.finite_verbs.contains(w.as_ref()));
    }
    // "claims the wall works", "insisted the plan worked": determiner, noun, finite verb.
    if SPEECH.clause_determiners.contains(ns.as_ref()) {
        if let (Some(noun), Some(verb)) = (word_at(text, toks, he + 1), word_at(text, toks, he + 2))
        {
            let finite = (verb.ends_with('s') && !verb.ends_with("ss")) || verb.ends_with("ed");
            if finite
                && !noun.ends_with('s')
                && verb.len() > 3
                && !SPEECH.clause_stops.contains(verb.as_ref())
            {
                return true;
            }
        }
    }
    // A noun phrase followed by a verb: "admitted the company was insolvent".
    let hi = (he + 8).min(toks.len());
    for t in &toks[he..hi] {
        if !t.word {
            break;
        }
        let w = norm(text, *t);
        if SPEECH.finite_verbs.contains(w.as_ref()) {
            return true;
        }
        if SPEECH.clause_stops.contains(w.as_ref()) {
            break;
        }
    }
    false
}

/// A present-tense form ("claims", "insists") is a verb only after something that can be its
/// subject: a pronoun, a name, an adverb, or "the company" before "that" or in a speech tag.
fn has_subject(text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
    let Some(prev) = hs.checked_sub(1).map(|i| toks[i]) else {
        return false;
    };
    if !prev.word {
        return matches!(&text[prev.start..prev.end], ")" | "—" | "–");
    }
    let p = norm(text, prev);
    // "she added that claims the mayor lied were false": "that" after a verb of saying opens a
    // clause, and the word right after it is that clause's subject, a noun.
    if SPEECH.complementisers.contains(p.as_ref())
        && hs >= 2
        && word_at(text, toks, hs - 2).is_some_and(|v| {
            CONTEXTS.reporting_verbs.contains(v.as_ref())
                || CONTEXTS.that_verbs.contains(v.as_ref())
        })
    {
        return false;
    }
    if SPEECH.subject_words.contains(p.as_ref()) || p.ends_with("ly") {
        return true;
    }
    // A name or capitalised subject ("Smith claims ..."; the clause test that follows keeps
    // "Insurance claims rose" out), or any plain subject before "that" ("police claim that").
    let capital = text[prev.start..prev.end]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    let next_is_that =
        word_at(text, toks, he).is_some_and(|w| SPEECH.complementisers.contains(w.as_ref()));
    if capital || (next_is_that && !p.ends_with("ed")) {
        return true;
    }
    // "the company claims that ...", "..., the engineer claims."
    let det = hs
        .checked_sub(2)
        .and_then(|i| word_at(text, toks, i))
        .is_some_and(|w| SPEECH.subject_determiners.contains(w.as_ref()));
    let next_that = next_is_that;
    let closes = toks
        .get(he)
        .is_none_or(|t| !t.word && matches!(&text[t.start..t.end], "." | "," | "!" | "?"));
    // "The spokesman claims the wall works": a determiner and noun opening the sentence.
    let opens = hs >= 2 && toks[..hs - 2].iter().all(|t| !t.word);
    det && (next_that || opens || (closes && tag_position(text, toks, hs)))
}

/// A parenthetical speech tag: "as <a few words> <verb>" opening the sentence or following a
/// comma or a bracket ("as the senator pointed out", ", as she admitted,").
fn as_tag(text: &str, toks: &[Tok], hs: usize) -> bool {
    let lo = hs.saturating_sub(5);
    for j in (lo..hs).rev() {
        let t = toks[j];
        if !t.word {
            return false;
        }
        if CONTEXTS.as_markers.contains(norm(text, t).as_ref()) {
            let opens = j == 0
                || toks[..j].iter().all(|t| !t.word)
                || matches!(
                    &text[toks[j - 1].start..toks[j - 1].end],
                    "," | "(" | "—" | "–"
                )
                || SPEECH
                    .clause_stops
                    .contains(norm(text, toks[j - 1]).as_ref());
            return opens && j + 1 < hs;
        }
    }
    false
}

/// "that" or a nominative pronoun within the next eight tokens, before any full stop.
fn that_ahead(text: &str, toks: &[Tok], from: usize) -> bool {
    let hi = (from + 8).min(toks.len());
    for t in toks.get(from..hi).unwrap_or(&[]) {
        if !t.word {
            if matches!(&text[t.start..t.end], "." | ";" | "!" | "?") {
                return false;
            }
            continue;
        }
        let w = norm(text, *t);
        if SPEECH.complementisers.contains(w.as_ref())
            || SPEECH.subject_pronouns.contains(w.as_ref())
        {
            return true;
        }
    }
    false
}

/// The verb closes a speech tag: `..., Reyes claimed.` or `“...,” she insisted.`
fn tag_position(text: &str, toks: &[Tok], hs: usize) -> bool {
    let lo = hs.saturating_sub(6);
    toks[lo..hs]
        .iter()
        .any(|t| !t.word && matches!(&text[t.start..t.end], "," | "”" | "\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The in-place comparison for ASCII tokens agrees with comparing `norm`'s lower case.
        #[test]
        fn any_of_agrees_with_comparing_the_normalised_word(
            word in "[A-Za-z'.’É-]{1,6}|[A-Za-z]{60,70}",
            alts in proptest::collection::vec("[a-zA-Z'.é*-]{1,6}|[a-z]{60,70}", 1..6),
        ) {
            let t = Tok { start: 0, end: word.len(), word: true };
            let s = norm(&word, t);
            let expected = alts.iter().any(|a| {
                if a.contains('*') {
                    glob(a, &s)
                } else {
                    a.as_str() == s.as_ref()
                }
            });
            proptest::prop_assert_eq!(any_of(&Alts::new(alts), &word, t), expected);
        }

        /// `norm`'s short cuts (borrowing a lower-case word, one ASCII copy of a capitalised
        /// one) give what lower-casing every character and straightening apostrophes gives.
        #[test]
        fn norm_is_the_lower_case_with_straight_apostrophes(word in "[A-Za-z0-9'.’ÉéΣ-]{1,8}") {
            let t = Tok { start: 0, end: word.len(), word: true };
            let full = word.to_lowercase().replace('’', "'");
            let short = norm(&word, t);
            proptest::prop_assert_eq!(short.as_ref(), full.as_str());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// A compiled pattern (sorted alternatives, items made once, no search without a gap)
        /// matches where the pattern matched before: every alternative compared with the
        /// token's `norm` in turn, items made per match, the memoised search always.
        #[test]
        fn patterns_match_as_before(
            pattern in proptest::collection::vec(PATTERN_WORDS, 1..7),
            sentence in proptest::collection::vec(SENTENCE_WORDS, 1..12),
            at in 0usize..12,
            len in 1usize..3,
        ) {
            let pattern = pattern.join(" ");
            let text = sentence.join(" ");
            let toks = tokenize(&text, 0, text.len());
            let hs = at % toks.len();
            let he = (hs + len).min(toks.len());
            if let Some(Context::Pattern(p)) = Context::parse(&pattern) {
                proptest::prop_assert_eq!(
                    p.matches(&text, &toks, hs, he),
                    reference::matches(&pattern, &text, &toks, hs, he),
                    "{} in {}", pattern, text
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Behind the filter of the sentence's words, a pattern holds where it held: no word a
        /// match takes is missing from [`Present::of`] the sentence.
        #[test]
        fn the_sentence_filter_keeps_every_match(
            pattern in proptest::collection::vec(PATTERN_WORDS, 1..7),
            sentence in proptest::collection::vec(SENTENCE_WORDS, 1..12),
            at in 0usize..12,
            len in 1usize..3,
        ) {
            let pattern = pattern.join(" ");
            let text = sentence.join(" ");
            let toks = tokenize(&text, 0, text.len());
            let hs = at % toks.len();
            let he = (hs + len).min(toks.len());
            if let Some(c) = Context::parse(&pattern) {
                let present = Present::of(&text, &toks);
                proptest::prop_assert_eq!(
                    c.holds_in(&present, &text, &toks, hs, he),
                    c.holds(&text, &toks, hs, he),
                    "{} in {}", pattern, text
                );
            }
        }
    }

    #[test]
    fn a_pattern_whose_word_the_sentence_lacks_is_not_matched() {
        let text = "The group claimed the attack on Élan’s office.";
        let toks = tokenize(text, 0, text.len());
        let present = Present::of(text, &toks);
        let may = |src: &str| match Context::parse(src) {
            Some(Context::Pattern(p)) => p.may_match(&present),
            _ => unreachable!("{src} is a pattern"),
        };
        assert!(may("claimed ... <term>"));
        assert!(may("élan ’s|'s"));
        assert!(may("claim* responsibility|attack"));
        assert!(!may("claimed responsibility"));
        assert!(!may("responsibility|credit ... <term>"));
    }

    /// The tokenizer as it was, over a table of the sentence's characters: the reference for
    /// [`tokenize_reads_as_before`].
    /// [`court_before`] as it was, reading every window by characters: the reference for
    /// [`court_words_read_by_bytes_are_those_read_by_characters`].
    fn court_before_by_chars(text: &str, at: usize) -> bool {
        let mut lo = at.saturating_sub(600);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        text.get(lo..at).is_some_and(|w| {
            w.split(|c: char| !c.is_alphanumeric())
                .any(|x| !x.is_empty() && CONTEXTS.court_words.contains(x.to_lowercase().as_str()))
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// A window read by bytes holds a court word exactly when, read by characters, it does
        /// (court words in any case, cut short, run into letters and digits, letters and marks
        /// outside ASCII, the Kelvin sign, and windows that reach past 600 bytes).
        #[test]
        fn court_words_read_by_bytes_are_those_read_by_characters(
            parts in proptest::collection::vec(
                "(court|Court|COURTS|judge|Judges|arbitrators|Arbitrator|sued|lawsuit|hearing|cour|t|s|2|x|-|'|é|É|ß|\\u{212a}|\\u{130}|“|”|—|’| |, |\\.|[a-z]{1,12}| {40})",
                0..40,
            ),
            cut in 0usize..2000,
        ) {
            let text: String = parts.concat();
            let mut at = cut.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            proptest::prop_assert_eq!(court_before(&text, at), court_before_by_chars(&text, at), "{:?} {}", text, at);
        }
    }

    fn tokenize_by_chars(text: &str, start: usize, end: usize) -> Vec<Tok> {
        let mut out = Vec::new();
        let Some(slice) = text.get(start..end) else {
            return out;
        };
        let chars: Vec<(usize, char)> = slice.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if is_word_char(c) {
                let mut j = i + 1;
                while j < chars.len() {
                    let cj = chars[j].1;
                    if matches!(cj, '\'' | '’') && possessive(&chars, j) {
                        break; // "Assad's": the possessive is its own token
                    }
                    if is_word_char(cj)
                        || (joins(cj) && j + 1 < chars.len() && is_word_char(chars[j + 1].1))
                    {
                        j += 1;
                    } else if joins(cj)
                        && j + 2 < chars.len()
                        && joins(chars[j + 1].1)
                        && is_word_char(chars[j + 2].1)
                        && !matches!(chars[j + 1].1, '\'' | '’')
                    {
                        j += 2; // "U.S.-designated"
                    } else {
                        break;
                    }
                }
                let e = if j < chars.len() {
                    chars[j].0
                } else {
                    slice.len()
                };
                out.push(Tok {
                    start: start + pos,
                    end: start + e,
                    word: true,
                });
                i = j;
            } else if matches!(c, '\'' | '’') && i > 0 && possessive(&chars, i) {
                let e = chars.get(i + 2).map_or(slice.len(), |x| x.0);
                out.push(Tok {
                    start: start + pos,
                    end: start + e,
                    word: true,
                });
                i += 2;
            } else {
                out.push(Tok {
                    start: start + pos,
                    end: start + pos + c.len_utf8(),
                    word: false,
                });
                i += 1;
            }
        }
        out
    }

    /// An apostrophe at `j` followed by `s` and then no more letters, after a letter: "Assad's".
    fn possessive(chars: &[(usize, char)], j: usize) -> bool {
        j > 0
            && chars[j - 1].1.is_alphanumeric()
            && chars.get(j + 1).is_some_and(|x| x.1 == 's' || x.1 == 'S')
            && chars.get(j + 2).is_none_or(|x| !x.1.is_alphanumeric())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Read by bytes, a sentence splits into the tokens it split into when read from a
        /// table of its characters.
        #[test]
        fn tokenize_reads_as_before(
            text in "([a-zA-Z0-9sS'’.&‑Éé\u{3a3}\u{2163}_ ,;:“”\u{85}\u{b}\u{a0}-]|\\.\\.|'s|’s|’S|U\\.S\\.-){0,24}",
            a in 0usize..40,
            b in 0usize..40,
        ) {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let (lo, hi) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let (lo, hi) = (lo.min(hi), lo.max(hi));
            proptest::prop_assert_eq!(tokenize(&text, lo, hi), tokenize_by_chars(&text, lo, hi));
        }
    }

    /// Pattern words for [`patterns_match_as_before`].
    const PATTERN_WORDS: &str = "the|said|said\\|says|Said|claim\\*|c\\*m\\*|<Cap>|<term>|<term>|\\.\\.\\.|\\.\\.\\.|…|\\^|!and\\|but|,|’s|élan|the\\|a\\|of";
    /// Sentence words for [`patterns_match_as_before`].
    const SENTENCE_WORDS: &str =
        "the|The|a|said|Said|says|claims|Claimed|and|of|Élan|élan|Assad’s|,|“|U.S.-designated";

    /// The matching of patterns as it was before [`Alts`] and the items kept with a pattern:
    /// the reference for [`patterns_match_as_before`].
    mod reference {
        use super::super::super::context_match::{anchored, Item};
        use super::super::{glob, norm, Tok, GAP};

        #[derive(PartialEq)]
        enum P {
            Word(Vec<(String, bool)>),
            Not(Vec<(String, bool)>),
            Start,
            Gap,
            Cap,
            Term,
        }

        fn parse(src: &str) -> Vec<P> {
            let alts = |w: &str| -> Vec<(String, bool)> {
                w.split('|')
                    .filter(|a| !a.is_empty())
                    .map(|a| {
                        let a = a.to_lowercase().replace('’', "'");
                        let star = a.contains('*');
                        (a, star)
                    })
                    .collect()
            };
            let mut toks = Vec::new();
            for w in src.split_whitespace() {
                toks.push(match w {
                    "..." | "…" => P::Gap,
                    "<Cap>" => P::Cap,
                    "<term>" => P::Term,
                    "^" => P::Start,
                    _ if w.len() > 1 && w.starts_with('!') => P::Not(alts(&w[1..])),
                    _ => P::Word(alts(w)),
                });
            }
            toks
        }

        fn any_of(alts: &[(String, bool)], text: &str, t: Tok) -> bool {
            let s = norm(text, t);
            alts.iter().any(|(a, star)| {
                if *star {
                    glob(a, &s)
                } else {
                    a.as_str() == s.as_ref()
                }
            })
        }

        fn tok_matches(p: &P, text: &str, t: Tok) -> bool {
            match p {
                P::Word(alts) => any_of(alts, text, t),
                P::Not(alts) => t.word && !any_of(alts, text, t),
                P::Cap => {
                    t.word
                        && text[t.start..t.end]
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                }
                P::Gap | P::Term | P::Start => false,
            }
        }

        fn items(p: &[P]) -> Vec<Item> {
            p.iter()
                .map(|x| match x {
                    P::Gap => Item::Gap,
                    P::Start => Item::End,
                    _ => Item::Token,
                })
                .collect()
        }

        /// The memoised search whatever the items (as `anchored` was).
        fn search(items: &[Item], n: usize, test: impl FnMut(usize, usize) -> bool) -> bool {
            // A trailing gap of width 0 changes nothing and makes `anchored` search.
            let mut with_gap = items.to_vec();
            with_gap.push(Item::Gap);
            let mut test = test;
            anchored(&with_gap, n, GAP, |i, j| test(i, j))
        }

        pub fn matches(src: &str, text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
            let p = parse(src);
            let n = he - hs;
            for j in 0..p.len() {
                let anchor_len = match &p[j] {
                    P::Term => 1,
                    P::Word(_) | P::Not(_) => {
                        if j + n > p.len()
                            || !(0..n).all(|k| tok_matches(&p[j + k], text, toks[hs + k]))
                        {
                            continue;
                        }
                        n
                    }
                    _ => continue,
                };
                let before = &p[..j];
                let btoks = if before.first() == Some(&P::Start) {
                    &toks[toks[..hs].iter().position(|t| t.word).unwrap_or(hs)..hs]
                } else {
                    &toks[..hs]
                };
                let mut it = items(before);
                it.reverse();
                let (np, nb) = (before.len(), btoks.len());
                let back = search(&it, nb, |i, k| {
                    tok_matches(&before[np - 1 - i], text, btoks[nb - 1 - k])
                });
                let after = &p[j + anchor_len..];
                let atoks = &toks[he..];
                let fwd = search(&items(after), atoks.len(), |i, k| {
                    tok_matches(&after[i], text, atoks[k])
                });
                if back && fwd {
                    return true;
                }
            }
            false
        }
    }

    fn hit(text: &str, word: &str) -> (Vec<Tok>, usize, usize) {
        let toks = tokenize(text, 0, text.len());
        let start = text.find(word).unwrap();
        let end = start + word.len();
        let hs = toks.iter().position(|t| t.start == start).unwrap();
        let he = toks.iter().position(|t| t.end == end).unwrap() + 1;
        (toks, hs, he)
    }

    fn holds(pattern: &str, text: &str, word: &str) -> bool {
        let (toks, hs, he) = hit(text, word);
        Context::parse(pattern).unwrap().holds(text, &toks, hs, he)
    }

    #[test]
    fn tokens() {
        let t = "U.S.-designated al-Shabab’s fighters, 3.5 “now”.";
        let toks = tokenize(t, 0, t.len());
        let words: Vec<&str> = toks.iter().map(|k| &t[k.start..k.end]).collect();
        assert_eq!(
            words,
            [
                "U.S.-designated",
                "al-Shabab",
                "’s",
                "fighters",
                ",",
                "3.5",
                "“",
                "now",
                "”",
                "."
            ]
        );
    }

    #[test]
    fn patterns() {
        assert!(holds(
            "claim* responsibility|credit",
            "The group claimed responsibility.",
            "claimed"
        ));
        assert!(!holds(
            "claim* responsibility",
            "The group claimed victory.",
            "claimed"
        ));
        assert!(holds(
            "<term> the|a ... title",
            "Rovers claimed the league title on Sunday.",
            "claimed"
        ));
        assert!(holds("flash <term>", "A flash mob danced.", "mob"));
        assert!(holds(
            "<Cap> <term>",
            "He fled the Syrian regime.",
            "regime"
        ));
        assert!(!holds("<Cap> <term>", "He fled the tax regime.", "regime"));
        assert!(holds("tax|treatment <term>", "A new tax regime.", "regime"));
        assert!(holds(
            "illegal immigrant*",
            "The illegal immigrants left.",
            "illegal immigrants"
        ));
    }

    #[test]
    fn the_picture_an_act_aims_to_paint() {
        let ads = "Will the ads be designed to make the mayor look like a cynical, petty spender?";
        assert!(holds("@attributed", ads, "petty"));
        assert!(holds(
            "@attributed",
            "The leaflets were an effort to make the board seem incompetent.",
            "incompetent"
        ));
        // no aim: the verdict is the writer's
        assert!(!holds(
            "@attributed",
            "The long delay made the board look incompetent.",
            "incompetent"
        ));
        // the aim's sentence has ended
        assert!(!holds(
            "@attributed",
            "They tried to make him look rich. He was petty.",
            "petty"
        ));
    }

    #[test]
    fn attribution_of_labels() {
        assert!(holds(
            "@attributed",
            "The ministry called them terrorists.",
            "terrorists"
        ));
        assert!(holds(
            "@attributed",
            "The group, which Washington designates a terrorist organization, fled.",
            "terrorist"
        ));
        assert!(holds(
            "@attributed",
            "It is a U.S.-designated terrorist group.",
            "terrorist"
        ));
        assert!(holds(
            "@attributed",
            "The terrorists, as the government calls them, fled.",
            "terrorists"
        ));
        assert!(!holds(
            "@attributed",
            "The ministry called for calm as terrorists fled.",
            "terrorists"
        ));
        assert!(!holds(
            "@attributed",
            "The council said the terrorists fled.",
            "terrorists"
        ));
        // "as" after a verb that casts someone in a role
        assert!(holds(
            "@attributed",
            "Commentators often attack the club as racist.",
            "racist"
        ));
        assert!(holds(
            "@attributed",
            "The memo singled out the collective as a terrorist group.",
            "terrorist"
        ));
        assert!(holds(
            "@attributed",
            "The senator assailed his rival as “racist” on Tuesday.",
            "racist"
        ));
        assert!(!holds(
            "@attributed",
            "Guards saw the smoke as terrorists stormed the gate.",
            "terrorists"
        ));
        assert!(holds(
            "@attributed",
            "Marchers who decry the force as brutal and racist gathered.",
            "racist"
        ));
    }

    #[test]
    fn closing_speech_tag() {
        assert!(holds(
            "@reported",
            "The new rota is outrageous, the union's secretary said.",
            "outrageous"
        ));
        assert!(holds(
            "@reported",
            "The cuts were disastrous for small farms, according to the report.",
            "disastrous"
        ));
        assert!(holds(
            "@reported",
            "The new rota is outrageous, the nurses' union said.",
            "outrageous"
        ));
        assert!(!holds(
            "@reported",
            "The outrageous rota starts Monday, and nurses are angry.",
            "outrageous"
        ));
        assert!(!holds(
            "@reported",
            "Her provocative plan closed the border, citing fears of crime.",
            "provocative"
        ));
        assert!(!holds(
            "@reported",
            "The outrageous rota starts Monday, months after the union said it would strike.",
            "outrageous"
        ));
    }

    #[test]
    fn a_singular_subject_and_a_bare_verb_make_a_demand() {
        for t in [
            "The governor is now insisting that Congress approve the money for the dam.",
            "The union insisted that he resign before the vote.",
            "The club insisted that New Town United pay the fee in full.",
            "The mayor said he would insist that any new spending bill include money for the bridge.",
            "The union insists that the board pay the nurses first.",
            "Rivals have been insisting that the Acme board agree to deep cuts.",
            "The council insisted that any stopgap budget to keep the libraries open include money for roads.",
            "The union insisted that the deal to fund the hospital protect night shifts.",
        ] {
            let verb = t.split(' ').find(|w| w.starts_with("insist")).unwrap();
            assert!(holds("@demand", t, verb), "{t}");
        }
        for t in [
            "The governor insisted that Congress approved the money last year.",
            "The governor insisted that Smith won the vote.",
            "The union insisted that he was innocent.",
            "The governor insisted that the state budget was balanced.",
            "The governor insisted that Congress cut the budget.",
            "The leader had insisted that his legal work with the firm did not sway him.",
            "The minister insisted that the annual investment in water was the main topic.",
            "The union insisted that he only wanted a fair hearing.",
            "The union insisted that the pay rise was fair.",
            "The mayor insisted that the bill would include money for the bridge.",
            "The mayor insisted that the bill to fund the bridge was fair.",
            "The mayor insisted that the plan to include the bridge had support.",
        ] {
            let verb = t.split(' ').find(|w| w.starts_with("insist")).unwrap();
            assert!(!holds("@demand", t, verb), "{t}");
        }
    }

    #[test]
    fn a_tag_between_commas_before_the_speakers_clause() {
        for (t, term) in [
            ("The new rota is an insult to every nurse, union leaders said on Friday, as they met the board.", "insult"),
            ("The queues at the depot are sickening, the mayor said in a speech, noting that two buses were late.", "sickening"),
            ("The outrageous rota is a mistake, the union's secretary said, adding that nurses would strike.", "outrageous"),
        ] {
            assert!(holds("@reported", t, term), "{t}");
        }
        for (t, term) in [
            // the tag governs the clause after it, not the term before it
            (
                "The stunning win came after a campaign that, critics say, was dirty.",
                "stunning",
            ),
            // a quotation between the term and the tag: the tag closes the quotation
            (
                "The outrageous rota, \"a mistake,\" the union said, as nurses met.",
                "outrageous",
            ),
            // a relative clause, not a tag
            (
                "The outrageous rota angered nurses, who said, in a letter, that it was unfair.",
                "outrageous",
            ),
        ] {
            assert!(!holds("@reported", t, term), "{t}");
        }
    }

    #[test]
    fn a_list_of_labels_after_as() {
        let t = "He does not paint all of the mayor's voters as hateful bigots, racists and misogynists.";
        for term in ["bigots", "racists", "misogynists"] {
            assert!(holds("@attributed", t, term), "{term}");
        }
        assert!(holds(
            "@attributed",
            "Critics lumped the marchers together as violent extremists.",
            "extremists"
        ));
        assert!(holds(
            "@attributed",
            "His rivals painted him as a violent extremist.",
            "extremist"
        ));
        for (t, term) in [
            // a phrase, not a list of labels: the label is in the writer's words
            (
                "Critics paint the march as a rally of extremists and racists.",
                "extremists",
            ),
            // "such as" gives examples in the writer's voice
            (
                "The ministry attacked groups such as the violent extremists.",
                "extremists",
            ),
            // a clause after "as", not a label
            (
                "The mayor was attacked as police arrested the extremists.",
                "extremists",
            ),
        ] {
            assert!(!holds("@attributed", t, term), "{t}");
        }
    }

    #[test]
    fn a_belief_governs_its_long_clause() {
        let t = "It is no secret, for example, that the ministry believes the governor is sulking and acting in a petty and deliberately provocative way.";
        assert!(holds("@reported", t, "provocative"));
        // A comma before the subject without "that" still ends a quotation's tag.
        let t = "\"We will see,\" the minister said as he ended a long and rambling speech in a petty and deliberately provocative way.";
        assert!(!holds("@reported", t, "provocative"));
    }

    #[test]
    fn an_aside_tag_after_the_sentences_first_phrase() {
        for (t, term) in [
            (
                "That plan, Ruiz continued, rests on claims that nobody can check.",
                "claims",
            ),
            (
                "The new rota, the head nurse conceded, is an outrageous mistake.",
                "outrageous",
            ),
            (
                "The plan, the agency reported, was a disastrous gamble.",
                "disastrous",
            ),
        ] {
            assert!(holds("@reported", t, term), "{t}");
        }
        for (t, term) in [
            // a clause of the writer's own, not an aside
            (
                "Prices fell, and trading continued, with outrageous losses.",
                "outrageous",
            ),
            // no comma after the verb: the writer's narration
            (
                "The strike continued for an outrageous nine weeks.",
                "outrageous",
            ),
        ] {
            assert!(!holds("@reported", t, term), "{t}");
        }
    }

    #[test]
    fn a_sentence_headed_by_its_speaker() {
        assert!(holds(
            "@reported",
            "Port officials said while the storm may explain some of the delay, the backlog shows a worrying trend in staffing.",
            "worrying"
        ));
        assert!(!holds(
            "@reported",
            "Port officials said little about the cause of the delays at the eastern terminal, but the backlog shows a worrying trend.",
            "worrying"
        ));
        assert!(!holds(
            "@reported",
            "Aid groups warned that the port, which lies in a shocking state of repair, cannot take more ships.",
            "shocking"
        ));
        assert!(holds(
            "@reported",
            "Aid groups warned that the port, which lies in ruins, is in a shocking state.",
            "shocking"
        ));
        assert!(!holds(
            "@reported",
            "The mayor said she backed the plan, then dropped it two days later after tremendous pressure from the unions.",
            "tremendous"
        ));
        assert!(!holds(
            "@reported",
            "After the storm the long queues at every one of the terminals grew into a worrying trend for the board.",
            "worrying"
        ));
    }

    #[test]
    fn a_relative_clause_ends_at_the_outer_verb() {
        // The verdict after the relative clause is the speaker's, however far the verb.
        for t in [
            "The mayor said the number of drivers who had ignored the new limit was alarming.",
            "The inspector told the committee the share of landlords in the city who had never registered their flats with the council was alarming.",
            "Aid workers said the families who fled the town by night have alarming stories to tell.",
            // a restricting clause with a modal: the speaker's forecast
            "The senator argued that the governor was a poor manager who would be an alarming choice.",
            "Inspectors warned that any landlord who could let flats in an alarming state must be fined.",
        ] {
            assert!(holds("@reported", t, "alarming"), "{t}");
        }
        // Inside the relative clause the words are still the writer's.
        for t in [
            "The mayor said the drivers who ignored the alarming new limit were fined.",
            "Officials said the port, whose cranes were in an alarming state, had closed.",
            "Officials said the port belongs to a firm whose owner has been in an alarming dispute with the state.",
            "Officials said the port belongs to a firm which is in an alarming state.",
            "Officials said the port, which would be in an alarming state by spring, had closed.",
            "Officials said the port (which could be in an alarming state) had closed.",
        ] {
            assert!(!holds("@reported", t, "alarming"), "{t}");
        }
    }

    #[test]
    fn an_accusation_or_admission_with_that_reports() {
        for t in [
            "The union has charged that the closure of the depot, delayed twice by the courts, is part of a far-right plan.",
            "The minister acknowledged that the backlog was alarming.",
        ] {
            let term = if t.contains("far-right") { "far-right" } else { "alarming" };
            assert!(holds("@reported", t, term), "{t}");
        }
        // Without "that" the verb has another sense: a price, a charge in court.
        assert!(!holds(
            "@reported",
            "The firm charged drivers an alarming fee for the permit.",
            "alarming"
        ));
    }

    #[test]
    fn a_tag_between_commas_after_the_term() {
        assert!(holds(
            "@reported",
            "Ironically, port officials said, the new crane is already too small.",
            "Ironically"
        ));
        assert!(!holds(
            "@reported",
            "Ironically, port officials who said the crane was big enough have resigned.",
            "Ironically"
        ));
        assert!(!holds(
            "@reported",
            "Ironically, the crane, saying nothing, is already too small.",
            "Ironically"
        ));
    }

    #[test]
    fn a_caret_anchors_the_pattern_at_the_sentence_start() {
        let p = "^ <term> might|could";
        assert!(holds(p, "Terrorists could strike the port.", "Terrorists"));
        assert!(holds(
            p,
            "\"Terrorists could strike the port.\"",
            "Terrorists"
        ));
        assert!(!holds(
            p,
            "The terrorists could strike the port.",
            "terrorists"
        ));
        assert!(!holds(
            p,
            "Police fear terrorists could strike.",
            "terrorists"
        ));
        assert!(holds(
            "^ police fear",
            "Police fear terrorists could strike.",
            "fear"
        ));
        assert!(!holds(
            "^ fear",
            "Police fear terrorists could strike.",
            "fear"
        ));
        // only as the first item
        assert_eq!(Context::parse("<term> ^ could"), None);
        assert_eq!(Context::parse("^"), None);
    }

    #[test]
    fn a_bang_word_is_any_word_but_those() {
        let p = "<term> could|may !have|be";
        assert!(holds(p, "Terrorists may try again.", "Terrorists"));
        assert!(!holds(p, "Terrorists may have planted it.", "Terrorists"));
        assert!(!holds(p, "Terrorists may be behind it.", "Terrorists"));
        // a word, not a mark
        assert!(!holds(p, "Terrorists may.", "Terrorists"));
    }

    #[test]
    fn a_participle_of_saying_reports_unless_to_follows() {
        let t = "He insisted the rows did no harm, adding there was no sign of incompetence.";
        assert!(holds("@reported", t, "incompetence"));
        let t = "The storm hit the port, adding to the chaotic scenes at the docks.";
        assert!(!holds("@reported", t, "chaotic"));
        let t = "Traders cut their bets, pointing to the disastrous figures from the mines.";
        assert!(!holds("@reported", t, "disastrous"));
        let t = "According to the poll, the senator has an incredible lead.";
        assert!(holds("@reported", t, "incredible"));
    }

    #[test]
    fn a_view_noun_governs_its_long_that_clause() {
        let t = "He repeated his contention that naming the sect in every speech by the president would only serve as propaganda.";
        assert!(holds("@reported", t, "propaganda"));
        let t = "He repeated his contention that naming the sect was wrong, but the new ads are pure propaganda.";
        assert!(!holds("@reported", t, "propaganda"));
    }

    #[test]
    fn a_long_tag_opened_by_as() {
        let t =
            "The plan is a classic scare tactic, as Dana Reyes noted in a column for the Tribune.";
        assert!(holds("@reported", t, "scare"));
        let t = "The plan is a classic scare tactic, as Dana Reyes pointed out last week.";
        assert!(holds("@reported", t, "scare"));
        // a verb with its own object is a clause of the sentence, not a tag
        let t =
            "The plan is a classic scare tactic, as the union announced new strikes in the city.";
        assert!(!holds("@reported", t, "scare"));
        let t = "The plan is a classic scare tactic, as prices rose in every town in the region.";
        assert!(!holds("@reported", t, "scare"));
    }

    #[test]
    fn a_verb_right_after_said_that_is_a_noun() {
        let t = "She added that claims the mayor ran the fund were untrue.";
        let (toks, hs, he) = hit(t, "claims");
        assert!(!reports_speech(t, &toks, hs, he));
        let t = "The firm that claims the pills cure colds was fined.";
        let (toks, hs, he) = hit(t, "claims");
        assert!(reports_speech(t, &toks, hs, he));
    }

    #[test]
    fn a_ruler_put_in_the_past_earlier_in_the_story() {
        let past = |text: &str| {
            let at = text.rfind("regime").unwrap();
            past_ruler_before(text, at)
        };
        assert!(past("Victims of former military ruler Jorge Vela sued. Many were jailed under Gen Vela's regime."));
        assert!(past(
            "Years after the toppling of Jorge Vela, few miss Vela's regime."
        ));
        assert!(past("The rebels spent years deposing Jorge Vela's regime."));
        assert!(past(
            "The ex-dictator Vela is ill. Vela's regime jailed thousands."
        ));
        assert!(!past(
            "President Jorge Vela spoke. Vela's regime jailed thousands."
        ));
        assert!(!past(
            "A former aide to Jorge Vela spoke. Vela's regime jailed thousands."
        ));
        assert!(!past(
            "Former minister Ana Ruiz spoke. Vela's regime jailed thousands."
        ));
        assert!(!past("The regime jailed thousands."));
        // the name as a whole word only
        assert!(!past(
            "The former ruler Velasco spoke. Vela's regime jailed thousands."
        ));
    }

    #[test]
    fn a_finding_reported() {
        assert!(holds(
            "@reported",
            "The auditors found that the new projects showed the same worrying signs as the old ones.",
            "worrying"
        ));
        assert!(!holds(
            "@reported",
            "Police found a gruesome scene at the farm.",
            "gruesome"
        ));
    }

    #[test]
    fn a_demand_after_the_verb() {
        for (t, yes) in [
            (
                "The regulator would insist that lenders identify every client.",
                true,
            ),
            (
                "The regulator insisted the lenders appoint outside auditors.",
                true,
            ),
            (
                "The regulator insisted the lenders had appointed auditors.",
                false,
            ),
            ("The regulator insisted that lenders were honest.", false),
            (
                "The regulator insisted that the lenders identified every client.",
                false,
            ),
            ("The regulator insisted the rules apply to everyone.", true),
            ("The regulator insisted he sold the shares in March.", false),
            (
                "The ministry insisted that Lisbon \"end its blockade.\"",
                true,
            ),
            (
                "The ministry insisted that Lisbon \"ended its blockade.\"",
                false,
            ),
            (
                "The ministry insisted that \"Lisbon ended its blockade.\"",
                false,
            ),
            ("The ministry insisted it was \"premature\" to talk.", false),
            // A compound subject, a capitalised name, an appositive.
            (
                "The agency insisted that it and the Board of Pilots, the BOP, draw up new rules.",
                true,
            ),
            (
                "The agency insisted that he and the pilots agree a plan.",
                true,
            ),
            (
                "The agency insisted that he and the pilots were safe.",
                false,
            ),
            (
                "The agency insisted that it and the Board of Pilots had agreed.",
                false,
            ),
            (
                "The agency insisted that he and his deputy often disagree.",
                false,
            ),
        ] {
            let word = if t.contains("insisted") {
                "insisted"
            } else {
                "insist"
            };
            assert_eq!(holds("@demand", t, word), yes, "{t}");
        }
    }

    #[test]
    fn a_plea_on_the_record_and_a_plot() {
        let t = "The trader pleaded guilty to fraud in May. He admitted taking the money.";
        assert!(holds("@on_record", t, "admitted"));
        let t = "The trader spoke to reporters in May. He admitted taking the money.";
        assert!(!holds("@on_record", t, "admitted"));
        let t = "The thriller follows a nurse whose train is seized by terrorists.";
        assert!(holds("@fiction", t, "terrorists"));
        let t = "The film crew fled when terrorists seized the train.";
        assert!(!holds("@fiction", t, "terrorists"));
    }

    #[test]
    fn first_person_and_transcripts() {
        let t = "Frankly I am tired of it.";
        assert!(first_person(t, &tokenize(t, 0, t.len())));
        let t = "I’m bitter about it.";
        assert!(first_person(t, &tokenize(t, 0, t.len())));
        let t = "Veterans of World War I met in the hall.";
        assert!(!first_person(t, &tokenize(t, 0, t.len())));
        let t = "The council met on Tuesday.";
        assert!(!first_person(t, &tokenize(t, 0, t.len())));
        let t = "The mayor called it “a disgrace to my city” on Monday.";
        assert!(!first_person(t, &tokenize(t, 0, t.len())));
        assert!(speaker_line("HOST: And obviously you back him."));
        assert!(speaker_line("SEN. PRICE (R): We will see."));
        assert!(!speaker_line("Note: the figures are provisional."));
        assert!(!speaker_line("The mayor said this: no."));
        assert!(quoted_line("'The council is not a club, guys.'"));
        assert!(!quoted_line("‘We will not move,’ the mayor says."));
        assert!(!quoted_line(
            "'Fair' deal, says the union, and 'final' offer"
        ));
        assert!(!quoted_line("The council's plan is 'outrageous'"));
    }

    #[test]
    fn speech() {
        let yes = [
            ("The mayor claimed that the fence works.", "claimed"),
            ("He admitted he had lied.", "admitted"),
            ("She conceded the plan was flawed.", "conceded"),
            ("The fence works, Reyes claimed.", "claimed"),
            ("“It works,” he insisted.", "insisted"),
            (
                "He insisted in a statement that he was innocent.",
                "insisted",
            ),
            ("She admitted taking the money.", "admitted"),
            ("He claims to have won.", "claims"),
            (
                "She admitted to reporters that the figures were wrong.",
                "admitted",
            ),
        ];
        for (t, w) in yes {
            let (toks, hs, he) = hit(t, w);
            assert!(reports_speech(t, &toks, hs, he), "{t}");
        }
        let no = [
            ("The storm claimed the lives of four fishermen.", "claimed"),
            ("Rovers claimed the title on Saturday.", "claimed"),
            ("She was admitted to hospital.", "admitted"),
            ("He was admitted to the bar in 1990.", "admitted"),
            (
                "Creditors have claimed part of the estate in court.",
                "claimed",
            ),
            ("He rejected the claims that he lied.", "claims"),
            ("The team conceded two goals.", "conceded"),
            ("She insisted on a recount.", "insisted"),
        ];
        for (t, w) in no {
            let (toks, hs, he) = hit(t, w);
            let e = ["<term> to|into ... hospital|bar", "<term> on"];
            let excepted = e
                .iter()
                .any(|p| Context::parse(p).unwrap().holds(t, &toks, hs, he));
            assert!(excepted || !reports_speech(t, &toks, hs, he), "{t}");
        }
    }
}
