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
    iter(text).collect()
}

/// The words of `text`, lazily (no allocation).
pub fn iter(text: &str) -> impl Iterator<Item = Word<'_>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < text.len() {
            // Skip to a word character.
            let b = bytes[i];
            if b < 0x80 {
                if !(b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-' | b'&')) {
                    i += 1;
                    continue;
                }
            } else {
                let c = text[i..].chars().next()?;
                if !is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            let s = i;
            let mut end = text.len();
            let mut j = i;
            while j < text.len() {
                let b = bytes[j];
                // ASCII fast path: letters, digits, apostrophe, hyphen and ampersand continue the word.
                if b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-' | b'&') {
                    j += 1;
                    continue;
                }
                // Any other ASCII but `.` and `,` (which may be inside the word) ends it.
                if b < 0x80 && b != b'.' && b != b',' {
                    end = j;
                    break;
                }
                let c = text[j..].chars().next()?;
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
                return Some(Word {
                    start: s,
                    end,
                    text: w,
                });
            }
            // Strip possessive/quote apostrophes hanging at the word's start.
            let t = w.trim_start_matches(['\'', '’']);
            let start = s + (w.len() - t.len());
            if t.chars().any(char::is_alphanumeric) {
                return Some(Word {
                    start,
                    end,
                    text: t,
                });
            }
        }
        None
    })
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
