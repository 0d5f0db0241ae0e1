//! Byte offsets to line/column and back, in UTF-16 code units (LSP's default) or UTF-8 bytes.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as LSP says; nothing else breaks a line. Every
//! conversion between the core's byte offsets and an editor's positions goes through here.

/// The unit a client counts columns in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf16,
    Utf8,
}

/// A 0-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: u32,
    pub character: u32,
}

/// Line starts of a text, and where its non-ASCII characters are, for repeated conversions in
/// O(log n): a column in UTF-16 units is the column in bytes less what the line's non-ASCII
/// characters save (a 2-byte character is one unit, a 3-byte one unit, a 4-byte one two).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// The byte offset of every non-ASCII character, in order.
    wide: Vec<usize>,
    /// `saved[k]`: UTF-8 bytes minus UTF-16 units over the first `k` non-ASCII characters
    /// (one more entry than `wide`).
    saved: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(k) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + k;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next);
            i = next;
        }
        let mut wide = Vec::new();
        let mut saved = vec![0];
        let mut total = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // Eight ASCII bytes at a time (copy is mostly ASCII).
            if let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            // Lead bytes only: 110xxxxx (2 bytes, 1 unit), 1110xxxx (3, 1), 11110xxx (4, 2).
            if b >= 0xC0 {
                total += if b >= 0xE0 { 2 } else { 1 };
                wide.push(i);
                saved.push(total);
            }
            i += 1;
        }
        LineIndex {
            starts,
            len: text.len(),
            wide,
            saved,
        }
    }

    /// The index of `text`, made from `old`, the index of `old_text` (the same result as
    /// [`LineIndex::new`]): an edit changes the bytes between a common prefix and a common
    /// suffix, so only those are read; the rest of the index is copied, the suffix's moved.
    ///
    /// Whether byte `t` starts a line depends only on bytes `t - 1` and `t` (a line break
    /// before it, and no `\n` after a `\r`), and whether a byte starts a non-ASCII character
    /// only on that byte: the prefix's starts below it and the suffix's from its second byte
    /// on hold in both texts.
    pub fn edited(old_text: &str, old: &LineIndex, text: &str) -> LineIndex {
        let (a, b) = (old_text.as_bytes(), text.as_bytes());
        debug_assert_eq!(old.len, a.len());
        use crate::document::prose::{common_prefix, common_suffix};
        let p = common_prefix(a, b);
        let s = common_suffix(&a[p..], &b[p..]);
        // The changed bytes: `a[p..a_end]` became `b[p..b_end]`.
        let (a_end, b_end) = (a.len() - s, b.len() - s);
        // Line starts: those below `lo` are the old ones; `lo..=b_end` are found again (a start
        // `t` is read at byte `t - 1`); those from `b_end + 1` on are the old ones moved.
        let lo = p.max(1);
        let keep = old.starts.partition_point(|&t| t < lo);
        let moved = old.starts.partition_point(|&t| t <= a_end);
        let mut starts = Vec::with_capacity(keep + (old.starts.len() - moved) + 16);
        starts.extend_from_slice(&old.starts[..keep]);
        let mut i = lo - 1;
        while i < b_end {
            let Some(k) = memchr::memchr2(b'\n', b'\r', &b[i..b_end]) else {
                break;
            };
            let at = i + k;
            if b[at] == b'\n' || b.get(at + 1) != Some(&b'\n') {
                starts.push(at + 1);
            }
            i = at + 1;
        }
        starts.extend(old.starts[moved..].iter().map(|&t| t - a_end + b_end));
        // Non-ASCII characters: those before `p` are the old ones, `p..b_end` found again,
        // those from `a_end` on moved (and their running totals moved by the difference).
        let keep = old.wide.partition_point(|&w| w < p);
        let moved = old.wide.partition_point(|&w| w < a_end);
        let mut wide = Vec::with_capacity(keep + (old.wide.len() - moved) + 16);
        let mut saved = Vec::with_capacity(wide.capacity() + 1);
        wide.extend_from_slice(&old.wide[..keep]);
        saved.extend_from_slice(&old.saved[..=keep]);
        let mut total = old.saved[keep];
        for (k, &c) in b[p..b_end].iter().enumerate() {
            if c >= 0xC0 {
                total += if c >= 0xE0 { 2 } else { 1 };
                wide.push(p + k);
                saved.push(total);
            }
        }
        let base = old.saved[moved];
        wide.extend(old.wide[moved..].iter().map(|&w| w - a_end + b_end));
        saved.extend(old.saved[moved + 1..].iter().map(|&v| v - base + total));
        LineIndex {
            starts,
            len: b.len(),
            wide,
            saved,
        }
    }

    /// UTF-8 bytes minus UTF-16 units over the characters before byte `offset`.
    fn saved_before(&self, offset: usize) -> usize {
        self.saved[self.wide.partition_point(|&w| w < offset)]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The position of byte `offset` (clamped to the text).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        let mut offset = offset.min(self.len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = match enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => {
                offset - start - (self.saved_before(offset) - self.saved_before(start))
            }
        };
        LineCol {
            line: line as u32,
            character: character as u32,
        }
    }

    /// The byte offset of a position, clamped: a line past the end gives the end of the text, a
    /// column past the end of its line gives the line's end, and a column inside a character
    /// (half a surrogate pair, the middle of a UTF-8 sequence) rounds down to its start.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return self.len;
        };
        let end = self.line_end(text, pos.line as usize);
        let want = pos.character as usize;
        match enc {
            Encoding::Utf8 => {
                let mut at = start.saturating_add(want).min(end);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                at
            }
            Encoding::Utf16 => {
                // The line's non-ASCII characters; ASCII between them is one unit a byte.
                let first = self.wide.partition_point(|&w| w < start);
                let last = self.wide.partition_point(|&w| w < end);
                let base = self.saved[first];
                let units_at = |k: usize| self.wide[k] - start - (self.saved[k] - base);
                let width = |k: usize| {
                    let b = text.as_bytes()[self.wide[k]];
                    if b >= 0xF0 {
                        2
                    } else {
                        1
                    }
                };
                // The first non-ASCII character that ends past the column.
                let mut lo = first;
                let mut hi = last;
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if units_at(mid) + width(mid) <= want {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                // Everything before `lo` fits; after the last of them the line is ASCII up to
                // the next non-ASCII character (or the line's end).
                let ascii = start.saturating_add(want) + (self.saved[lo] - base);
                let limit = if lo < last { self.wide[lo] } else { end };
                ascii.min(limit)
            }
        }
    }

    /// A cursor for many conversions in text order (a story's findings, sorted by start): the
    /// same positions as [`LineIndex::position`], found by stepping on from the last one when
    /// the next offset is near it, by binary search otherwise.
    pub fn cursor<'a>(&'a self, text: &'a str) -> Cursor<'a> {
        Cursor {
            index: self,
            text,
            line: 0,
            wide: 0,
            at: 0,
            character: 0,
            next: self.starts.get(1).copied().unwrap_or(usize::MAX),
            unit: Encoding::Utf16,
        }
    }

    /// The end of line `line`'s content (before its line break).
    fn line_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        let mut end = next;
        if end > self.starts[line] && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > self.starts[line] && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        end.max(self.starts[line])
    }
}

/// See [`LineIndex::cursor`]. A copy goes on from where the cursor is (the end of a span from
/// its start) and leaves the cursor where it was.
#[derive(Clone, Copy)]
pub struct Cursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    /// The line of the last offset, and how many non-ASCII characters come before it (kept by
    /// UTF-16 conversions only: UTF-8 ones do not need it).
    line: usize,
    wide: usize,
    /// The last offset, its column and the unit it was asked in.
    at: usize,
    character: usize,
    unit: Encoding,
    /// Where the line after `line` starts (`usize::MAX` on the last line).
    next: usize,
}

/// How far a cursor steps before it searches instead.
const STEPS: usize = 8;

impl Cursor<'_> {
    /// [`LineIndex::position`] of `offset`.
    pub fn position(&mut self, offset: usize, enc: Encoding) -> LineCol {
        let ix = self.index;
        let mut offset = offset.min(ix.len);
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        // On along the same line, over ASCII only (no non-ASCII character starts between the
        // last offset and this one): as many units as bytes further. Most of a story's spans
        // start and end on one line, often after the span before.
        if offset >= self.at && offset < self.next && enc == self.unit {
            let ascii = match enc {
                Encoding::Utf8 => true,
                Encoding::Utf16 => ix.wide.get(self.wide).is_none_or(|&w| w >= offset),
            };
            if ascii {
                self.character += offset - self.at;
                self.at = offset;
                return LineCol {
                    line: self.line as u32,
                    character: self.character as u32,
                };
            }
        }
        // The last line starting at or before `offset`.
        self.line = seek(&ix.starts, self.line, |s| s <= offset) - 1;
        let start = ix.starts[self.line];
        let character = match enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => {
                // Non-ASCII characters before `offset`, then before the line's start.
                self.wide = seek(&ix.wide, self.wide, |w| w < offset);
                let before_start = seek(&ix.wide, self.wide.min(ix.wide.len()), |w| w < start);
                offset - start - (ix.saved[self.wide] - ix.saved[before_start])
            }
        };
        self.at = offset;
        self.character = character;
        self.unit = enc;
        self.next = ix.starts.get(self.line + 1).copied().unwrap_or(usize::MAX);
        LineCol {
            line: self.line as u32,
            character: character as u32,
        }
    }
}

/// `v.partition_point(pred)` for a `pred` true on a prefix of `v`, found from `hint` (the last
/// answer): a few steps either way, else a binary search.
fn seek(v: &[usize], hint: usize, pred: impl Fn(usize) -> bool) -> usize {
    let mut i = hint.min(v.len());
    if i > 0 && !pred(v[i - 1]) {
        // Backwards.
        for _ in 0..STEPS {
            i -= 1;
            if i == 0 || pred(v[i - 1]) {
                return i;
            }
        }
        return v[..i].partition_point(|&x| pred(x));
    }
    for _ in 0..STEPS {
        if i == v.len() || !pred(v[i]) {
            return i;
        }
        i += 1;
    }
    i + v[i..].partition_point(|&x| pred(x))
}

/// Conversions for the server's ropes (one per open document). Ropey is built with only the
/// `cr_lines` feature, so it breaks lines exactly where [`LineIndex`] does (`\n`, `\r\n`, `\r`).
pub mod rope {
    use super::{Encoding, LineCol};
    use ropey::Rope;

    /// The char index in `rope` of an editor position, and whether it had to be clamped (a line
    /// past the end, a column past its line's end, a column inside a character). Never panics.
    pub fn char_index(rope: &Rope, pos: LineCol, enc: Encoding) -> (usize, bool) {
        let line = pos.line as usize;
        if line >= rope.len_lines() {
            return (rope.len_chars(), true);
        }
        let start = rope.line_to_char(line);
        let slice = rope.line(line);
        let content = slice.len_chars() - terminator_chars(&slice);
        let slice = slice.slice(..content);
        let want = pos.character as usize;
        let (idx, exact) = match enc {
            Encoding::Utf16 => {
                let len = slice.len_utf16_cu();
                let cu = want.min(len);
                let c = slice.utf16_cu_to_char(cu);
                (c, cu == want && slice.char_to_utf16_cu(c) == cu)
            }
            Encoding::Utf8 => {
                let len = slice.len_bytes();
                let b = want.min(len);
                let c = slice.byte_to_char(b);
                (c, b == want && slice.char_to_byte(c) == b)
            }
        };
        (start + idx, !exact)
    }

    /// The position of char index `idx` (clamped to the rope).
    pub fn position(rope: &Rope, idx: usize, enc: Encoding) -> LineCol {
        let idx = idx.min(rope.len_chars());
        let line = rope.char_to_line(idx);
        let start = rope.line_to_char(line);
        let slice = rope.line(line);
        let col = match enc {
            Encoding::Utf16 => slice.char_to_utf16_cu(idx - start),
            Encoding::Utf8 => slice.char_to_byte(idx - start),
        };
        LineCol {
            line: line as u32,
            character: col as u32,
        }
    }

    fn terminator_chars(slice: &ropey::RopeSlice) -> usize {
        let n = slice.len_chars();
        if n == 0 {
            return 0;
        }
        match slice.char(n - 1) {
            '\n' if n >= 2 && slice.char(n - 2) == '\r' => 2,
            '\n' | '\r' => 1,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A cursor gives what a lone conversion gives, whatever the order of the offsets.
        #[test]
        fn a_cursor_converts_as_position_does(
            parts in proptest::collection::vec(proptest::sample::select(vec!["a", "word ", "\n", "\r\n", "\r", "é", "“", "🎉", "\n\n", "x\u{2028}y"]), 0..60),
            offsets in proptest::collection::vec((0usize..400, proptest::bool::ANY), 0..60),
            sorted in proptest::bool::ANY,
        ) {
            let text: String = parts.concat();
            let ix = LineIndex::new(&text);
            let mut offsets = offsets;
            if sorted {
                offsets.sort();
            }
            let mut c = ix.cursor(&text);
            for (o, utf8) in offsets {
                let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
                proptest::prop_assert_eq!(c.position(o, enc), ix.position(&text, o, enc), "{:?} at {}", text, o);
                // A copy goes on from there (a span's end from its start) and leaves `c` be.
                let mut end = c;
                for e in [o + 3, o + 1, o + 40] {
                    proptest::prop_assert_eq!(end.position(e, enc), ix.position(&text, e, enc), "{:?} at {} after {}", text, e, o);
                }
            }
        }
    }

    proptest::proptest! {
        /// An index made from the last one is the index made afresh, whatever the edit: a
        /// replacement anywhere, a line break split or joined (`\r` then `\n`), characters
        /// of one to four bytes, long runs on either side (the 32-byte compares).
        #[test]
        fn an_edited_index_is_a_fresh_one(
            parts in proptest::collection::vec(proptest::sample::select(vec!["a", "word ", "\n", "\r\n", "\r", "é", "“", "🎉", "\n\n", "x\u{2028}y", "0123456789abcdefghijklmnopqrstuvwxyz"]), 0..60),
            cut in (0usize..2000, 0usize..40),
            insert in proptest::collection::vec(proptest::sample::select(vec!["", "b", "\n", "\r", "\r\n", "é", "🎉", "“", "word "]), 0..4),
        ) {
            let old: String = parts.concat();
            let mut from = cut.0 % (old.len() + 1);
            while !old.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (from + cut.1).min(old.len());
            while !old.is_char_boundary(to) {
                to -= 1;
            }
            let new = format!("{}{}{}", &old[..from], insert.concat(), &old[to..]);
            let ix = LineIndex::new(&old);
            proptest::prop_assert_eq!(LineIndex::edited(&old, &ix, &new), LineIndex::new(&new), "{:?} -> {:?}", old, new);
            // And back.
            let nx = LineIndex::new(&new);
            proptest::prop_assert_eq!(LineIndex::edited(&new, &nx, &old), ix, "{:?} -> {:?}", new, old);
        }
    }

    #[test]
    fn utf16_and_utf8_columns() {
        let t = "a\n“Hi” — 🎉 TK\r\nnext\rlast\u{2028}same";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_count(), 4);
        let tk = t.find("TK").unwrap();
        assert_eq!(
            idx.position(t, tk, Encoding::Utf16),
            LineCol {
                line: 1,
                character: 10
            }
        );
        assert_eq!(
            idx.position(t, tk, Encoding::Utf8),
            LineCol {
                line: 1,
                character: 18
            }
        );
        assert_eq!(
            idx.offset(
                t,
                LineCol {
                    line: 1,
                    character: 10
                },
                Encoding::Utf16
            ),
            tk
        );
        assert_eq!(
            idx.offset(
                t,
                LineCol {
                    line: 1,
                    character: 18
                },
                Encoding::Utf8
            ),
            tk
        );
        let same = t.find("same").unwrap();
        assert_eq!(
            idx.position(t, same, Encoding::Utf16).line,
            3,
            "U+2028 is not a line break"
        );
    }

    #[test]
    fn clamping() {
        let t = "ab\n🎉x";
        let idx = LineIndex::new(t);
        assert_eq!(
            idx.offset(
                t,
                LineCol {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            t.len()
        );
        assert_eq!(
            idx.offset(
                t,
                LineCol {
                    line: 0,
                    character: 99
                },
                Encoding::Utf16
            ),
            2
        );
        // Column 1 is inside the surrogate pair: round down to the emoji's start.
        assert_eq!(
            idx.offset(
                t,
                LineCol {
                    line: 1,
                    character: 1
                },
                Encoding::Utf16
            ),
            3
        );
        assert_eq!(
            idx.position(t, 999, Encoding::Utf16),
            LineCol {
                line: 1,
                character: 3
            }
        );
        assert_eq!(
            idx.position(t, 4, Encoding::Utf8),
            LineCol {
                line: 1,
                character: 0
            }
        );
    }

    /// The O(log n) conversions agree with counting characters one by one.
    #[test]
    fn agrees_with_counting() {
        fn naive_position(text: &str, idx: &LineIndex, offset: usize, enc: Encoding) -> LineCol {
            let line = idx.starts.partition_point(|&s| s <= offset) - 1;
            let start = idx.starts[line];
            let character = match enc {
                Encoding::Utf8 => offset - start,
                Encoding::Utf16 => text[start..offset].chars().map(char::len_utf16).sum(),
            };
            LineCol {
                line: line as u32,
                character: character as u32,
            }
        }
        fn naive_offset(text: &str, idx: &LineIndex, pos: LineCol, enc: Encoding) -> usize {
            let Some(&start) = idx.starts.get(pos.line as usize) else {
                return text.len();
            };
            let end = idx.line_end(text, pos.line as usize);
            let mut units = 0usize;
            for (i, c) in text[start..end].char_indices() {
                let w = match enc {
                    Encoding::Utf8 => c.len_utf8(),
                    Encoding::Utf16 => c.len_utf16(),
                };
                if units + w > pos.character as usize {
                    return start + i;
                }
                units += w;
            }
            end
        }
        for t in [
            "",
            "plain ascii",
            "é\n“Hi” — 🎉 TK\r\nnext\rlast\u{2028}same\u{b}x\u{85}y\n",
            "🎉🎉a\r\n\r\nßü€ 😀 end",
            "\n\n„quoted“ café 𝒳",
        ] {
            let idx = LineIndex::new(t);
            for enc in [Encoding::Utf16, Encoding::Utf8] {
                for (b, _) in t.char_indices().chain([(t.len(), ' ')]) {
                    assert_eq!(
                        idx.position(t, b, enc),
                        naive_position(t, &idx, b, enc),
                        "{t:?} byte {b} {enc:?}"
                    );
                }
                for line in 0..idx.line_count() as u32 + 2 {
                    for character in 0..40 {
                        let pos = LineCol { line, character };
                        assert_eq!(
                            idx.offset(t, pos, enc),
                            naive_offset(t, &idx, pos, enc),
                            "{t:?} {pos:?} {enc:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn rope_agrees_with_line_index() {
        use ropey::Rope;
        let t = "a\n“Hi” — 🎉 TK\r\nnext\rlast\u{2028}same\u{b}x\u{85}y\n";
        let rope = Rope::from_str(t);
        let idx = LineIndex::new(t);
        assert_eq!(
            rope.len_lines(),
            idx.line_count(),
            "rope breaks lines where LSP does"
        );
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            for (b, _) in t.char_indices().chain([(t.len(), ' ')]) {
                let pos = idx.position(t, b, enc);
                let c = rope.byte_to_char(b);
                let at_break = matches!(t.as_bytes().get(b), Some(b'\n'))
                    && b > 0
                    && t.as_bytes()[b - 1] == b'\r';
                if at_break {
                    continue; // between \r and \n: not a position LSP can name
                }
                assert_eq!(rope::position(&rope, c, enc), pos, "byte {b} {enc:?}");
                let (back, clamped) = rope::char_index(&rope, pos, enc);
                assert_eq!(back, c, "byte {b} {enc:?}");
                assert!(!clamped);
            }
        }
    }

    #[test]
    fn rope_clamps() {
        use ropey::Rope;
        let rope = Rope::from_str("ab\r\n🎉x");
        assert_eq!(
            rope::char_index(
                &rope,
                LineCol {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            (6, true)
        );
        assert_eq!(
            rope::char_index(
                &rope,
                LineCol {
                    line: 0,
                    character: 99
                },
                Encoding::Utf16
            ),
            (2, true)
        );
        assert_eq!(
            rope::char_index(
                &rope,
                LineCol {
                    line: 1,
                    character: 1
                },
                Encoding::Utf16
            ),
            (4, true)
        );
        assert_eq!(
            rope::char_index(
                &rope,
                LineCol {
                    line: 1,
                    character: 2
                },
                Encoding::Utf8
            ),
            (4, true)
        );
        assert_eq!(
            rope::char_index(
                &rope,
                LineCol {
                    line: 1,
                    character: 4
                },
                Encoding::Utf8
            ),
            (5, false)
        );
        assert_eq!(
            rope::position(&rope, 999, Encoding::Utf16),
            LineCol {
                line: 1,
                character: 3
            }
        );
    }

    /// The UTF-16 columns agree with a plain scan, on long mixed lines.
    #[test]
    fn utf16_checkpoints_agree_with_a_scan() {
        let mut t = String::new();
        for i in 0..3000 {
            t.push_str(["a", "é", "🎉", "“", "\r\n", "x", "\n", "—"][i * 7 % 8]);
        }
        let idx = LineIndex::new(&t);
        let starts: Vec<usize> = (0..idx.line_count()).map(|l| idx.starts[l]).collect();
        for off in (0..=t.len()).filter(|&o| t.is_char_boundary(o)) {
            let line = starts.partition_point(|&s| s <= off) - 1;
            let want: usize = t[starts[line]..off].chars().map(char::len_utf16).sum();
            assert_eq!(
                idx.position(&t, off, Encoding::Utf16),
                LineCol {
                    line: line as u32,
                    character: want as u32
                },
                "at {off}"
            );
        }
    }
}
