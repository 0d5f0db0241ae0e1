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

/// Line starts of a text, for repeated conversions.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(k) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + k;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
            starts.push(next);
            i = next;
        }
        LineIndex { starts, len: text.len() }
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
            Encoding::Utf16 => text[start..offset].chars().map(char::len_utf16).sum(),
        };
        LineCol { line: line as u32, character: character as u32 }
    }

    /// The byte offset of a position, clamped: a line past the end gives the end of the text, a
    /// column past the end of its line gives the line's end, and a column inside a character
    /// (half a surrogate pair, the middle of a UTF-8 sequence) rounds down to its start.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else { return self.len };
        let end = self.line_end(text, pos.line as usize);
        let line = &text[start..end];
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns() {
        let t = "a\n“Hi” — 🎉 TK\r\nnext\rlast\u{2028}same";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_count(), 4);
        let tk = t.find("TK").unwrap();
        assert_eq!(idx.position(t, tk, Encoding::Utf16), LineCol { line: 1, character: 10 });
        assert_eq!(idx.position(t, tk, Encoding::Utf8), LineCol { line: 1, character: 18 });
        assert_eq!(idx.offset(t, LineCol { line: 1, character: 10 }, Encoding::Utf16), tk);
        assert_eq!(idx.offset(t, LineCol { line: 1, character: 18 }, Encoding::Utf8), tk);
        let same = t.find("same").unwrap();
        assert_eq!(idx.position(t, same, Encoding::Utf16).line, 3, "U+2028 is not a line break");
    }

    #[test]
    fn clamping() {
        let t = "ab\n🎉x";
        let idx = LineIndex::new(t);
        assert_eq!(idx.offset(t, LineCol { line: 9, character: 0 }, Encoding::Utf16), t.len());
        assert_eq!(idx.offset(t, LineCol { line: 0, character: 99 }, Encoding::Utf16), 2);
        // Column 1 is inside the surrogate pair: round down to the emoji's start.
        assert_eq!(idx.offset(t, LineCol { line: 1, character: 1 }, Encoding::Utf16), 3);
        assert_eq!(idx.position(t, 999, Encoding::Utf16), LineCol { line: 1, character: 3 });
        assert_eq!(idx.position(t, 4, Encoding::Utf8), LineCol { line: 1, character: 0 });
    }
}
