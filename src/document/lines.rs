//! Lines as Markdown and LSP count them: `\n`, `\r\n` and a lone `\r` each end a line (copy
//! pasted from old desk systems and classic Mac OS ends lines with `\r` alone).

/// The start of the line holding `offset` (0 or just after a line ending).
pub fn line_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    memchr::memrchr2(b'\n', b'\r', &text.as_bytes()[..offset]).map_or(0, |i| {
        // Between the `\r` and `\n` of a CRLF is not a line start: the line is the one before.
        if text.as_bytes()[i] == b'\r'
            && text.as_bytes().get(i + 1) == Some(&b'\n')
            && i + 1 == offset
        {
            line_start(text, i)
        } else {
            i + 1
        }
    })
}

/// The end of the line starting at or holding `offset`, before its line ending.
pub fn line_end(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    memchr::memchr2(b'\n', b'\r', &text.as_bytes()[offset..]).map_or(text.len(), |i| offset + i)
}

/// The line ending at `end` (a [`line_end`]): `"\r\n"`, `"\r"`, `"\n"`, or `""` at the end of the text.
pub fn ending_at(text: &str, end: usize) -> &'static str {
    let rest = &text.as_bytes()[end.min(text.len())..];
    match rest {
        [b'\r', b'\n', ..] => "\r\n",
        [b'\r', ..] => "\r",
        [b'\n', ..] => "\n",
        _ => "",
    }
}

/// The start of the next line after the line holding `offset` (`text.len()` on the last line).
pub fn next_line(text: &str, offset: usize) -> usize {
    let end = line_end(text, offset);
    end + ending_at(text, end).len()
}

/// The lines of `text`, each with its line ending.
pub fn split(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        (at < text.len()).then(|| {
            let start = at;
            at = next_line(text, at);
            &text[start..at]
        })
    })
}

/// The display column at the end of `prefix` (a line's start up to some byte), tabs to stops of four.
pub fn column(prefix: &str) -> usize {
    prefix.chars().fold(0, |col, ch| {
        if ch == '\t' {
            col + 4 - col % 4
        } else {
            col + 1
        }
    })
}

/// The first line ending used in `text`, or `"\n"` when it has none.
pub fn first_ending(text: &str) -> &'static str {
    let end = line_end(text, 0);
    match ending_at(text, end) {
        "" => "\n",
        e => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_ending_counts() {
        let t = "a\r\nb\rc\nd";
        let starts: Vec<usize> = (0..=t.len()).map(|o| line_start(t, o)).collect();
        assert_eq!(starts, [0, 0, 0, 3, 3, 5, 5, 7, 7]);
        assert_eq!((line_end(t, 0), ending_at(t, 1)), (1, "\r\n"));
        assert_eq!((line_end(t, 3), ending_at(t, 4)), (4, "\r"));
        assert_eq!((line_end(t, 7), ending_at(t, 8)), (8, ""));
        assert_eq!(
            (next_line(t, 0), next_line(t, 3), next_line(t, 7)),
            (3, 5, 8)
        );
        assert_eq!(column("> -\t"), 4);
        assert_eq!(split(t).collect::<Vec<_>>(), ["a\r\n", "b\r", "c\n", "d"]);
        assert_eq!(first_ending("x\ry\n"), "\r");
        assert_eq!(first_ending("x"), "\n");
    }
}
