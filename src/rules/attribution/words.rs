//! Word scanning used by the attribution family.
//!
//! No part-of-speech tagger: news attribution is built from a small set of function words
//! (determiners, pronouns, auxiliaries, saying verbs; see `data/attribution/grammar.toml`), and
//! these lists are cheaper and more predictable than a statistical tagger on the per-keystroke
//! path.

/// A word of `text` with its byte range (relative to `text`). Words are runs of letters, digits,
/// apostrophes, hyphens, periods inside abbreviations ("U.S.") and commas inside numbers.
#[derive(Clone, Copy, Debug)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '&')
}

/// Splits `text` into words.
pub fn words(text: &str) -> Vec<Word<'_>> {
    // Room for a word per five bytes up front: collecting from an iterator with no size hint
    // starts at four and regrows (most callers split a clause of ten to twenty words).
    let mut v = Vec::with_capacity(text.len() / 5 + 1);
    v.extend(iter(text));
    v
}

/// What a byte is to the word scanner: part of a word (an ASCII letter or digit, `'`, `-`, `&`),
/// maybe inside one (`.` and `,`: "U.S.", "1,000"), a break (any other ASCII), or the start or
/// the rest of a character outside ASCII (decoded).
const WORD: u8 = 1;
const INNER: u8 = 2;
const BREAK: u8 = 0;
const WIDE: u8 = 3;
static CLASS: [u8; 256] = {
    let mut t = [BREAK; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            WIDE
        } else if c.is_ascii_alphanumeric() || c == b'\'' || c == b'-' || c == b'&' {
            WORD
        } else if c == b'.' || c == b',' {
            INNER
        } else {
            BREAK
        };
        b += 1;
    }
    t
};

/// The words of `text`, lazily (no allocation).
pub fn iter(text: &str) -> impl Iterator<Item = Word<'_>> + '_ {
    Words { text, at: 0 }
}

/// The words of `text` that start at or after `at`, with offsets in `text`: those the whole scan
/// finds there when `at` is 0 or a break ([`break_before`]). Every word before a break ends by it
/// (a word holds no break byte), and the scan passes every break as it would from there.
pub fn iter_from(text: &str, at: usize) -> impl Iterator<Item = Word<'_>> + '_ {
    debug_assert!(at == 0 || CLASS[text.as_bytes()[at] as usize] == BREAK);
    Words { text, at }
}

/// The last break before byte `at` of `text` (an ASCII byte that is neither inside a word nor
/// maybe inside one: not a letter, digit, `'`, `-`, `&`, `.` or `,`), or 0.
pub fn break_before(text: &str, at: usize) -> usize {
    text.as_bytes()[..at]
        .iter()
        .rposition(|&b| CLASS[b as usize] == BREAK)
        .unwrap_or(0)
}

/// The iterator of [`iter`]: the scan's position lives in a local while it runs.
struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    /// A word of ASCII letters and digits (and `'`, `-`, `&` after its first byte) that ends at
    /// a break, at the end, or at a `.` or `,` not followed by a letter or digit (most words of
    /// running text) is read here; anything else goes to [`Words::scan`] from where the word or
    /// the character outside ASCII starts, which reads it as it would have from further back
    /// (its state is only the position, and every byte skipped here it skips too).
    #[inline]
    fn next(&mut self) -> Option<Word<'a>> {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let mut i = self.at;
        while i < len && CLASS[bytes[i] as usize] & 1 == 0 {
            i += 1;
        }
        if i >= len {
            self.at = len;
            return None;
        }
        let s = i;
        if !bytes[s].is_ascii_alphanumeric() {
            self.at = s;
            return self.scan();
        }
        i += 1;
        while i < len && CLASS[bytes[i] as usize] == WORD {
            i += 1;
        }
        if i < len {
            match CLASS[bytes[i] as usize] {
                BREAK => {}
                // The word has no period yet: one here ends it, as a comma does, unless a
                // letter or digit follows (or a character outside ASCII: decoded there).
                INNER
                    if bytes
                        .get(i + 1)
                        .is_none_or(|&b| b.is_ascii() && !b.is_ascii_alphanumeric()) => {}
                _ => {
                    self.at = s;
                    return self.scan();
                }
            }
        }
        self.at = i;
        Some(Word {
            start: s,
            end: i,
            text: &self.text[s..i],
        })
    }
}

impl<'a> Words<'a> {
    /// The scan of [`Iterator::next`] for any word: decodes characters outside ASCII, keeps
    /// `.` and `,` inside words ("U.S.", "1,000") and strips leading apostrophes.
    #[inline(never)]
    fn scan(&mut self) -> Option<Word<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.at;
        let found = loop {
            // Skip to a word character.
            while i < bytes.len() {
                // Breaks and `.`/`,` outside a word, without decoding.
                i += bytes[i..]
                    .iter()
                    .position(|&b| CLASS[b as usize] & 1 == 1)
                    .unwrap_or(bytes.len() - i);
                let Some(&b) = bytes.get(i) else { break };
                match CLASS[b as usize] {
                    WORD => break,
                    WIDE => {
                        let c = text[i..].chars().next().expect("a character boundary");
                        if is_word_char(c) {
                            break;
                        }
                        i += c.len_utf8();
                    }
                    _ => i += 1,
                }
            }
            if i >= bytes.len() {
                break None;
            }
            let s = i;
            let mut end = text.len();
            let mut j = i;
            while j < text.len() {
                // Letters, digits, apostrophe, hyphen and ampersand continue the word.
                j += bytes[j..]
                    .iter()
                    .position(|&b| CLASS[b as usize] != WORD)
                    .unwrap_or(bytes.len() - j);
                let Some(&b) = bytes.get(j) else { break };
                match CLASS[b as usize] {
                    WORD => unreachable!("a run of word bytes ends before a byte of another class"),
                    // Any other ASCII but `.` and `,` (which may be inside the word) ends it.
                    BREAK => {
                        end = j;
                        break;
                    }
                    // `.` or `,`: inside the word before a letter or digit ("U.S.", and "1,000"
                    // after a digit), without decoding when the next byte is ASCII.
                    INNER => {
                        let c = bytes[j];
                        let next_alnum = match bytes.get(j + 1) {
                            None => false,
                            Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
                            Some(_) => text[j + 1..]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphanumeric),
                        };
                        if next_alnum && (c == b'.' || j > 0 && bytes[j - 1].is_ascii_digit()) {
                            j += 1;
                            continue;
                        }
                        // Keep the final period of an abbreviation like "U.S." or "Dr." attached.
                        end = if c == b'.' && bytes[s..j].contains(&b'.') {
                            j + 1
                        } else {
                            j
                        };
                        break;
                    }
                    _ => {}
                }
                let c = text[j..].chars().next().expect("a character boundary");
                let n = j + c.len_utf8();
                let next = text[n..].chars().next();
                let inner = matches!(c, '.' | ',')
                    && next.is_some_and(|n| n.is_alphanumeric())
                    && (c == '.' || j > 0 && bytes[j - 1].is_ascii_digit());
                if is_word_char(c) || inner {
                    j = n;
                    continue;
                }
                // Keep the final period of an abbreviation like "U.S." or "Dr." attached.
                end = if c == '.' && text[s..j].contains('.') {
                    j + 1
                } else {
                    j
                };
                break;
            }
            if j >= text.len() {
                end = text.len();
            }
            i = j.max(end);
            let w = &text[s..end];
            if bytes[s].is_ascii_alphanumeric() {
                break Some(Word {
                    start: s,
                    end,
                    text: w,
                });
            }
            // Strip possessive/quote apostrophes hanging at the word's start.
            let t = w.trim_start_matches(['\'', '’']);
            let start = s + (w.len() - t.len());
            if t.chars().any(char::is_alphanumeric) {
                break Some(Word {
                    start,
                    end,
                    text: t,
                });
            }
        };
        self.at = i;
        found
    }
}

/// The last word of `text` (looking only at its tail).
pub fn last(text: &str) -> Option<Word<'_>> {
    let mut from = text.len().saturating_sub(48);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    // Start the scan at a word break so the first word found is whole.
    if let Some(k) = text[from..].find(|c: char| c.is_whitespace()) {
        if from > 0 {
            from += k;
        }
    }
    iter(&text[from..]).last().map(|w| Word {
        start: w.start + from,
        end: w.end + from,
        text: w.text,
    })
}

pub fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The scanner as the word rules define it, one decoded character at a time.
    fn reference(text: &str) -> Vec<(usize, usize, &str)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let c = text[i..].chars().next().unwrap();
            if !super::is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
            let s = i;
            let mut j = i;
            let mut end = text.len();
            while j < text.len() {
                let c = text[j..].chars().next().unwrap();
                let n = j + c.len_utf8();
                let next = text[n..].chars().next();
                let inner = matches!(c, '.' | ',')
                    && next.is_some_and(char::is_alphanumeric)
                    && (c == '.' || j > 0 && text.as_bytes()[j - 1].is_ascii_digit());
                if super::is_word_char(c) || inner {
                    j = n;
                    continue;
                }
                end = if c == '.' && text[s..j].contains('.') {
                    j + 1
                } else {
                    j
                };
                break;
            }
            i = j.max(end);
            let w = &text[s..end];
            let t = w.trim_start_matches(['\'', '’']);
            if t.chars().any(char::is_alphanumeric) {
                out.push((s + w.len() - t.len(), end, t));
            }
        }
        out
    }

    proptest! {
        /// From any break, the scan finds the whole scan's words that start there or later.
        #[test]
        fn a_scan_from_a_break_finds_the_words_of_the_whole_scan(parts in proptest::collection::vec(
            prop_oneof![
                Just("U"), Just("S"), Just("a"), Just("7"), Just("."), Just(","), Just(" "),
                Just("'"), Just("’"), Just("-"), Just("&"), Just("é"), Just("—"), Just("\n"),
            ],
            0..40,
        )) {
            let text: String = parts.concat();
            let all: Vec<_> = super::iter(&text).map(|w| (w.start, w.end, w.text)).collect();
            for at in 0..=text.len() {
                let q = super::break_before(&text, at);
                prop_assert!(q <= at);
                let got: Vec<_> = super::iter_from(&text, q).map(|w| (w.start, w.end, w.text)).collect();
                let want: Vec<_> = all.iter().copied().filter(|w| w.0 >= q).collect();
                prop_assert_eq!(got, want);
            }
        }

        #[test]
        fn scanner_matches_the_reference(parts in proptest::collection::vec(
            prop_oneof![
                Just("U"), Just("S"), Just("a"), Just("7"), Just("."), Just(","), Just(" "),
                Just("'"), Just("’"), Just("-"), Just("&"), Just("é"), Just("Ж"), Just("—"),
                Just("\u{a0}"), Just("“"), Just("\n"), Just("½"), Just("said"), Just("Dr"),
            ],
            0..40,
        )) {
            let text: String = parts.concat();
            let got: Vec<_> = super::iter(&text).map(|w| (w.start, w.end, w.text)).collect();
            prop_assert_eq!(got, reference(&text));
        }
    }
}
