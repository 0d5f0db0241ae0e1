//! Finding the prose: which bytes of a draft are the writer's text, and which are markup, code,
//! URLs or comments. The result is a *mask*: a copy of the text, byte for byte the same length,
//! with everything that is not prose blanked to spaces (line breaks kept). Rules search the mask,
//! so every offset they report is valid in the original text.

use crate::finding::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

/// A block of running text: a paragraph, a heading or a list item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub heading: bool,
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:https?://|www\.)[^\s<>()\[\]]+").expect("url pattern"));

/// E-mail addresses, found from their `@` (a regex starting at every word would be slow).
fn emails(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    memchr::memchr_iter(b'@', bytes).filter_map(move |at| {
        let mut s = at;
        while s > 0 && local(bytes[s - 1]) {
            s -= 1;
        }
        let mut e = at + 1;
        while e < bytes.len() && domain(bytes[e]) {
            e += 1;
        }
        while e > at + 1 && bytes[e - 1] == b'.' {
            e -= 1;
        }
        (s < at && bytes[at + 1..e].contains(&b'.')).then(|| Span::new(s, e))
    })
}

/// Blanks every byte in `span` to a space, keeping line breaks.
pub fn blank(mask: &mut [u8], span: Span) {
    for b in &mut mask[span.range()] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

fn into_string(mask: Vec<u8>) -> String {
    // Only whole characters were blanked (to ASCII spaces), so the bytes stay valid UTF-8.
    String::from_utf8(mask).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Masks a Markdown draft (from `start`, after any front matter) and returns its text blocks.
pub fn markdown(text: &str, start: usize) -> (String, Vec<Block>) {
    let mut mask = vec![b' '; text.len()];
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' || b == b'\r' {
            mask[i] = b;
        }
    }
    let mut blocks = Vec::new();
    let mut stack: Vec<(usize, bool, bool)> = Vec::new(); // (start, heading, had_inner_paragraph)
    let mut in_code = 0usize;
    let body = &text[start..];
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .into_offset_iter();
    for (event, range) in parser {
        let span = Span::new(range.start + start, range.end + start);
        match event {
            Event::Text(_) if in_code == 0 => {
                mask[span.range()].copy_from_slice(&text.as_bytes()[span.range()])
            }
            // LDC newswire and the NYT archive quote with ``...'': Markdown reads the text from
            // one `` to the next as inline code, but it is prose with its quotation marks.
            Event::Code(_) if in_code == 0 && newswire_quote(&text[span.range()]) => {
                mask[span.range()].copy_from_slice(&text.as_bytes()[span.range()])
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                in_code += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                in_code = in_code.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item) => {
                if let Some(top) = stack.last_mut() {
                    top.2 = true;
                }
                let heading = matches!(event, Event::Start(Tag::Heading { .. }));
                stack.push((span.start, heading, false));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                if let Some((s, heading, had_inner)) = stack.pop() {
                    // A loose list item holds paragraphs of its own; a tight one is the block.
                    if !had_inner {
                        blocks.push(Block {
                            span: Span::new(s, span.end),
                            heading,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    let mut prose = into_string(mask);
    mask_urls(&mut prose);
    super::directives::mask_directives(&mut prose);
    blocks.sort_by_key(|b| b.span.start);
    let blocks = blocks.into_iter().filter_map(|b| trim(&prose, b)).collect();
    (prose, blocks)
}

/// An inline code span that is really newswire quotation marks: it opens with two backticks
/// and holds a closing `''` (code in news copy never does).
fn newswire_quote(source: &str) -> bool {
    source.starts_with("``") && !source.starts_with("```") && source.contains("''")
}

/// Masks a plain-text draft: only URLs and e-mail addresses are blanked; blank lines part blocks.
pub fn plain(text: &str, start: usize) -> (String, Vec<Block>) {
    let mut prose = text.to_owned();
    // SAFETY of offsets: blanking replaces whole characters with spaces of the same byte length.
    let mut bytes = std::mem::take(&mut prose).into_bytes();
    blank(&mut bytes, Span::new(0, start));
    let mut prose = into_string(bytes);
    mask_urls(&mut prose);
    super::directives::mask_directives(&mut prose);
    let mut blocks = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        let blank_line = line.trim().is_empty();
        match (blank_line, block_start) {
            (true, Some(s)) => {
                blocks.extend(trim(
                    &prose,
                    Block {
                        span: Span::new(s, at),
                        heading: false,
                    },
                ));
                block_start = None;
            }
            (false, None) => block_start = Some(at),
            _ => {}
        }
        at += line.len();
    }
    if let Some(s) = block_start {
        blocks.extend(trim(
            &prose,
            Block {
                span: Span::new(s, text.len()),
                heading: false,
            },
        ));
    }
    (prose, blocks)
}

fn mask_urls(prose: &mut String) {
    let spans: Vec<Span> = URL
        .find_iter(prose)
        .map(|m| Span::new(m.start(), m.end()))
        .chain(emails(prose))
        .collect();
    if spans.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(prose).into_bytes();
    for s in spans {
        blank(&mut bytes, s);
    }
    *prose = into_string(bytes);
}

/// Shrinks a block to its first and last prose bytes; drops blocks with no prose.
fn trim(prose: &str, b: Block) -> Option<Block> {
    let slice = &prose[b.span.range()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (lead + trail < slice.len()).then(|| Block {
        span: Span::new(b.span.start + lead, b.span.end - trail),
        heading: b.heading,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_code_urls_comments_and_link_targets() {
        let t = "# Head\n\nSee [the report](https://x.org/r) and `code here`.\n\n```\nfenced terrorists\n```\n\n<!-- note terrorists -->\nVisit https://a.b/c now.\n";
        let (prose, blocks) = markdown(t, 0);
        assert_eq!(prose.len(), t.len());
        assert!(!prose.contains("https"));
        assert!(!prose.contains("code here"));
        assert!(!prose.contains("fenced"));
        assert!(!prose.contains("note terrorists"));
        assert!(prose.contains("the report"));
        assert!(prose.contains("Visit"));
        let texts: Vec<&str> = blocks.iter().map(|b| b.span.text(&prose)).collect();
        assert_eq!(texts[0], "Head");
        assert!(blocks[0].heading);
        assert!(texts[1].starts_with("See"));
    }

    #[test]
    fn newswire_quote_marks_are_prose_not_code() {
        let t = "The mayor said ``we will rebuild'' on Monday and left on Tuesday to say ``not now''.\n\nRun `make test` and ``a `b` c`` too.\n";
        let (prose, _) = markdown(t, 0);
        assert!(prose.contains("left on Tuesday"));
        assert!(prose.contains("``we will rebuild''"));
        assert!(!prose.contains("make test"));
        assert!(!prose.contains("a `b` c"));
    }

    #[test]
    fn plain_blocks_split_on_blank_lines() {
        let t = "One line.\nStill one.\n\n  \nTwo.\n";
        let (_, blocks) = plain(t, 0);
        let texts: Vec<&str> = blocks.iter().map(|b| &t[b.span.range()]).collect();
        assert_eq!(texts, ["One line.\nStill one.", "Two."]);
    }

    #[test]
    fn multibyte_text_keeps_offsets() {
        let t = "“Quote” — café 🎉 https://é.example/x end";
        let (prose, _) = plain(t, 0);
        assert_eq!(prose.len(), t.len());
        assert!(prose.starts_with("“Quote” — café 🎉 "));
        assert!(prose.ends_with(" end"));
        let (prose, _) = plain("Write to desk@news.example.org. Or @handle.", 0);
        assert_eq!(
            prose,
            format!(
                "Write to {}. Or @handle.",
                " ".repeat("desk@news.example.org".len())
            )
        );
    }
}
