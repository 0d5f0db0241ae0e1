//! Sentence splitting tuned for news copy: it survives AP abbreviations, initials, decimals and
//! quotations that end a sentence inside the marks.

use crate::finding::Span;
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use std::sync::LazyLock;

/// `data/document/abbreviations.toml`: the abbreviations and sentence openers the splitter
/// consults.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Abbreviations {
    never_final: HashSet<String>,
    maybe_final: HashSet<String>,
    openers: HashSet<String>,
    number_abbreviations: HashSet<String>,
}

static ABBREVIATIONS: LazyLock<Abbreviations> = LazyLock::new(|| {
    crate::vocab::parse(
        "document/abbreviations.toml",
        include_str!("../../data/document/abbreviations.toml"),
    )
});

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn is_opener_char(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '—' | '–')
}

/// Splits the paragraph `text` (starting at byte `offset` in the document) into sentence spans,
/// trimmed of surrounding whitespace.
pub fn split(text: &str, offset: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut terminals = Terminals::new(text);
    while let Some(pos) = terminals.next_from(i) {
        let c = text[pos..].chars().next().unwrap_or('.');
        // Take runs of terminal punctuation and closing marks: `."`, `?”`, `.)`, `!!`.
        let after = &text[pos + c.len_utf8()..];
        let run = after
            .find(|ch: char| !(matches!(ch, '.' | '?' | '!' | '…') || is_closer(ch)))
            .unwrap_or(after.len());
        let closed_by_mark = after[..run].chars().next().is_some_and(is_closer);
        let end = pos + c.len_utf8() + run;
        let rest = &text[end..];
        let trimmed = rest.trim_start();
        let boundary = match trimmed.chars().next() {
            None => true,
            Some(_) if trimmed.len() == rest.len() => false, // no whitespace after: "3.5", "U.S.-led"
            Some(next) => {
                is_opener_char(next)
                    && (c != '.'
                        || closed_by_mark
                        || run > 0
                        || !abbreviation_blocks(text, pos, trimmed))
            }
        };
        if boundary {
            push_trimmed(text, offset, start, end, &mut out);
            start = end;
        }
        i = end.max(pos + c.len_utf8());
    }
    push_trimmed(text, offset, start, text.len(), &mut out);
    out
}

/// The terminal punctuation of one paragraph, found in order: the first `.`, `?`, `!` or `…`
/// at or after a byte, by byte search (the ellipsis is the only one outside ASCII). The next
/// ellipsis is kept from one call to the next and searched for again only once passed (a
/// search per call cost more than the split's own work: most paragraphs hold none).
struct Terminals<'a> {
    bytes: &'a [u8],
    /// The first ellipsis at or after the last `from` asked about, if any.
    ellipsis: Option<usize>,
}

/// The first `…` (E2 80 A6) in `bytes`: the first A6 after E2 80. `memmem::find` built a
/// searcher on every call (once per paragraph, some 400 instructions); A6 is rare in prose.
fn find_ellipsis(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = memchr::memchr(0xA6, &bytes[from..]) {
        let i = from + k;
        if i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80 {
            return Some(i - 2);
        }
        from = i + 1;
    }
    None
}

impl<'a> Terminals<'a> {
    fn new(text: &'a str) -> Terminals<'a> {
        let bytes = text.as_bytes();
        Terminals {
            bytes,
            ellipsis: find_ellipsis(bytes),
        }
    }

    /// The first terminal at or after byte `from`, which never decreases from one call to the
    /// next.
    fn next_from(&mut self, from: usize) -> Option<usize> {
        if self.ellipsis.is_some_and(|e| e < from) {
            self.ellipsis = find_ellipsis(&self.bytes[from..]).map(|k| from + k);
        }
        let ascii = memchr::memchr3(b'.', b'?', b'!', &self.bytes[from..]).map(|k| from + k);
        match (ascii, self.ellipsis) {
            (Some(a), Some(e)) => Some(a.min(e)),
            (a, e) => a.or(e),
        }
    }
}

/// The first `.`, `?`, `!` or `…` in `text` at or after byte `from`, each time searched afresh
/// (what [`Terminals`] finds: the tests' reference).
#[cfg(test)]
fn next_terminal(text: &str, from: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[from..];
    let ascii = memchr::memchr3(b'.', b'?', b'!', bytes);
    let end = ascii.unwrap_or(bytes.len());
    memchr::memmem::find(&bytes[..end], "…".as_bytes())
        .or(ascii)
        .map(|k| from + k)
}

/// True when the full stop at `dot` closes an abbreviation rather than the sentence.
fn abbreviation_blocks(text: &str, dot: usize, next: &str) -> bool {
    let word_start = text[..dot]
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '—'))
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &text[word_start..dot];
    if word.is_empty() {
        return false;
    }
    let next_word = &next[..next
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(next.len())];
    let a = &*ABBREVIATIONS;
    if a.never_final.contains(word) {
        return true;
    }
    if a.number_abbreviations.contains(word) {
        return next.starts_with(|c: char| c.is_ascii_digit());
    }
    if a.maybe_final.contains(word) {
        return !a.openers.contains(next_word);
    }
    // Initials: "J.", "J.R.R.", "F.B.I." and similar dotted capitals.
    let mut letters = word.split('.');
    if letters.all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase)) {
        return true;
    }
    false
}

/// Real sentences in news copy run to a few dozen words. Text that runs on far longer (a pasted
/// table, a list with no full stops) is cut into pieces of at most this many bytes at a space,
/// so that no rule's per-sentence work can grow without bound.
pub const MAX_SENTENCE: usize = 2_000;

fn push_trimmed(text: &str, offset: usize, mut start: usize, end: usize, out: &mut Vec<Span>) {
    while end - start > MAX_SENTENCE {
        let mut cut = start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[start..cut]
            .rfind(char::is_whitespace)
            .filter(|&i| i > 0)
            .map_or(cut, |i| start + i);
        push_one(text, offset, start, cut, out);
        start = cut;
    }
    push_one(text, offset, start, end, out);
}

fn push_one(text: &str, offset: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(Span::new(offset + start + lead, offset + end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The ellipsis found by its last byte is the one `memmem` finds, among characters that
        /// share its bytes (`†` E2 80 A0, `₦` E2 82 A6, `¦` C2 A6, `ঁ` E0 A6 81).
        #[test]
        fn an_ellipsis_found_by_its_last_byte_is_memmems(
            parts in proptest::collection::vec(
                proptest::sample::select(&["…", "†", "₦", "¦", "x", " ", ".", "ঁ", "€"][..]),
                0..24,
            ),
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(
                find_ellipsis(text.as_bytes()),
                memchr::memmem::find(text.as_bytes(), "…".as_bytes())
            );
        }

        /// The terminals found in order, with the next ellipsis kept between calls, are those a
        /// fresh search from each position finds, for any rising sequence of positions.
        #[test]
        fn terminals_kept_in_order_are_those_searched_afresh(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("word"), Just(" "), Just("."), Just("…"), Just("?"), Just("!"),
                    Just("é"), Just("”"), Just("U.S."), Just("...")
                ],
                0..40,
            ),
            steps in proptest::collection::vec(0usize..8, 0..40),
        ) {
            let text: String = parts.concat();
            let mut t = Terminals::new(&text);
            let mut from = 0;
            for step in steps {
                prop_assert_eq!(t.next_from(from), next_terminal(&text, from), "{:?} at {}", text, from);
                from += step;
                while from < text.len() && !text.is_char_boundary(from) {
                    from += 1;
                }
                if from > text.len() {
                    break;
                }
            }
        }
    }

    fn sents(t: &str) -> Vec<&str> {
        split(t, 0).into_iter().map(|s| &t[s.range()]).collect()
    }

    #[test]
    fn news_abbreviations() {
        assert_eq!(
            sents("Gov. Ann Lee of Calif. met Sen. Bo Park on Aug. 5 at 9 a.m. in the U.S. Capitol. He left."),
            ["Gov. Ann Lee of Calif. met Sen. Bo Park on Aug. 5 at 9 a.m. in the U.S. Capitol.", "He left."]
        );
        assert_eq!(
            sents("Mr. Smith and Dr. Jones spoke. No. 2 was next."),
            ["Mr. Smith and Dr. Jones spoke.", "No. 2 was next."]
        );
        assert_eq!(
            sents("It met on Sept. 5 in St. Paul. Then it ended."),
            ["It met on Sept. 5 in St. Paul.", "Then it ended."]
        );
        assert_eq!(
            sents("Troops left the U.S. The war ended."),
            ["Troops left the U.S.", "The war ended."]
        );
        assert_eq!(
            sents("It ended at 4 p.m. Officials said so."),
            ["It ended at 4 p.m.", "Officials said so."]
        );
    }

    #[test]
    fn run_on_text_is_cut_into_bounded_pieces() {
        let t = "word ".repeat(3_000) + "end.";
        let pieces = split(&t, 0);
        assert!(pieces.len() >= 7, "{}", pieces.len());
        assert!(pieces.iter().all(|s| s.len() <= MAX_SENTENCE));
        assert_eq!(pieces.first().unwrap().start, 0);
        assert_eq!(pieces.last().unwrap().end, t.len());
        let t = "é".repeat(2_000); // no spaces at all, multibyte: cut on a char boundary
        assert!(split(&t, 0)
            .iter()
            .all(|s| t.is_char_boundary(s.start) && t.is_char_boundary(s.end)));
    }

    #[test]
    fn initials_and_decimals() {
        assert_eq!(
            sents("J.R.R. Tolkien wrote it. Prices rose 3.5 percent."),
            ["J.R.R. Tolkien wrote it.", "Prices rose 3.5 percent."]
        );
        assert_eq!(sents("John F. Kennedy spoke."), ["John F. Kennedy spoke."]);
    }

    #[test]
    fn quotes_end_sentences_inside_the_marks() {
        assert_eq!(
            sents("He said, “We are leaving.” “The embassy is open.” It closed."),
            [
                "He said, “We are leaving.”",
                "“The embassy is open.”",
                "It closed."
            ]
        );
        assert_eq!(
            sents("\"We won,\" she said. \"Really?\" he asked."),
            ["\"We won,\" she said.", "\"Really?\" he asked."]
        );
        assert_eq!(sents("“Stop!” he said."), ["“Stop!” he said."]);
    }
}
