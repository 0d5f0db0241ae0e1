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
    /// Where the block's markup opens: the list marker of a tight list item, the `#` of a
    /// heading, the `**` of a paragraph that starts in bold. `span` starts at its first prose.
    pub opens: usize,
}

/// A list item, as an "ignore here" comment needs it: a comment line before the item must sit
/// inside the item before it, or it would end the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListItem {
    /// The byte offset of the item's marker (`-`, `*`, `+`, `1.`, `1)`).
    pub marker: usize,
    /// The content column of the item before it in the same list; `None` for a list's first item.
    pub after: Option<usize>,
}

/// What the Markdown parse yields besides the mask and blocks: the structure an inserted
/// comment line must respect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    /// Every list item, in order of their markers.
    pub items: Vec<ListItem>,
    /// Every table (its rows are text but not blocks), in order.
    pub tables: Vec<Span>,
    /// Every code block, fenced or indented, in order: a directive there is an example.
    pub code: Vec<Span>,
    /// Every block quotation (`> ...`), outermost only, in order: someone else's words.
    pub block_quotes: Vec<Span>,
}

/// The column where the content of the list item whose marker is at `marker` starts.
fn content_column(text: &str, marker: usize) -> usize {
    let start = super::lines::line_start(text, marker);
    let end = super::lines::line_end(text, marker);
    let line = &text[start..end];
    let at = marker - start;
    let rest = &line[at..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let len = if digits > 0 { digits + 1 } else { 1 }.min(rest.len());
    let marker_end = super::lines::column(&line[..at + len]);
    let after = &line[at + len..];
    let ws = after.len() - after.trim_start_matches([' ', '\t']).len();
    let width = super::lines::column(&line[..at + len + ws]) - marker_end;
    if after.trim().is_empty() || width > 4 || width == 0 {
        marker_end + 1
    } else {
        marker_end + width
    }
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

/// An open paragraph, heading or list item while parsing.
struct Frame {
    start: usize,
    heading: bool,
    item: bool,
    /// For a list item: where its own text (outside any inner block) began, if it is running.
    run: Option<usize>,
}

impl Frame {
    /// Ends the item's own running text at `at` (an inner block starts there). It opens at its
    /// first byte that is not white space: the item's marker, or text after an inner block.
    fn flush(&mut self, text: &str, at: usize, blocks: &mut Vec<Block>) {
        if let Some(run) = self.run.take() {
            let slice = &text[run..at.max(run)];
            blocks.push(Block {
                span: Span::new(run, at),
                heading: false,
                opens: run + slice.len() - slice.trim_start().len(),
            });
        }
    }
}

/// Masks a Markdown draft (from `start`, after any front matter) and returns its text blocks.
pub fn markdown(text: &str, start: usize) -> (String, Vec<Block>, Structure) {
    let mut mask = vec![b' '; text.len()];
    for i in memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()) {
        mask[i] = text.as_bytes()[i];
    }
    let mut blocks = Vec::new();
    let mut structure = Structure::default();
    let mut stack: Vec<Frame> = Vec::new();
    // Per open list: the content column of its last item so far.
    let mut lists: Vec<Option<usize>> = Vec::new();
    let mut in_code = 0usize;
    let mut in_block_quote = 0usize;
    // A lone `\r` ends a line (CommonMark), but pulldown-cmark ends an HTML block only at a
    // `\n`: a comment line in copy with `\r` line ends would take the rest of the story into
    // the comment. Parse with each lone `\r` read as `\n` (one byte for one: offsets hold).
    let unified;
    let body = if memchr::memchr_iter(b'\r', text[start..].as_bytes())
        .any(|i| text.as_bytes().get(start + i + 1) != Some(&b'\n'))
    {
        unified = lone_cr_as_lf(&text[start..]);
        unified.as_str()
    } else {
        &text[start..]
    };
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
            _ => {}
        }
        // A tight list item's own text is a block; it ends where an inner block starts (a
        // nested list, a quotation, code) and may resume after one ends.
        match &event {
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Table(_),
            ) => {
                if let Some(top) = stack.last_mut().filter(|t| t.item) {
                    top.flush(text, span.start, &mut blocks);
                }
            }
            Event::End(
                TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::Table,
            ) => {
                if let Some(top) = stack.last_mut().filter(|t| t.item) {
                    top.run = Some(span.end);
                }
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::List(_)) => lists.push(None),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Table(_)) => structure.tables.push(span),
            Event::Start(Tag::CodeBlock(_)) => structure.code.push(span),
            Event::Start(Tag::BlockQuote(_)) => {
                if in_block_quote == 0 {
                    structure.block_quotes.push(Span::new(span.start, span.end));
                }
                in_block_quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => in_block_quote = in_block_quote.saturating_sub(1),
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item) => {
                let item = matches!(event, Event::Start(Tag::Item));
                if item {
                    let marker = span.start + text[span.range()].len()
                        - text[span.range()].trim_start_matches([' ', '\t']).len();
                    let column = content_column(text, marker);
                    let after = lists.last_mut().and_then(|l| l.replace(column));
                    structure.items.push(ListItem { marker, after });
                }
                stack.push(Frame {
                    start: span.start,
                    heading: matches!(event, Event::Start(Tag::Heading { .. })),
                    item,
                    run: item.then_some(span.start),
                });
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                if let Some(f) = stack.pop() {
                    blocks.push(Block {
                        span: Span::new(f.start, span.end),
                        heading: f.heading,
                        opens: f.start,
                    });
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some(mut f) = stack.pop() {
                    f.flush(text, span.end, &mut blocks);
                }
            }
            _ => {}
        }
    }
    structure.items.sort_by_key(|i| i.marker);
    let mut prose = into_string(mask);
    mask_urls(&mut prose);
    super::directives::mask_directives(&mut prose);
    blocks.sort_by_key(|b| b.span.start);
    let blocks = blocks.into_iter().filter_map(|b| trim(&prose, b)).collect();
    (prose, blocks, structure)
}

/// `text` with every `\r` that is not part of a `\r\n` replaced by `\n`.
fn lone_cr_as_lf(text: &str) -> String {
    let bytes = text.as_bytes();
    let out: Vec<u8> = bytes
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                b'\n'
            } else {
                b
            }
        })
        .collect();
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
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
    for line in super::lines::split(&text[start..]) {
        let blank_line = line.trim().is_empty();
        match (blank_line, block_start) {
            (true, Some(s)) => {
                blocks.extend(trim(
                    &prose,
                    Block {
                        span: Span::new(s, at),
                        heading: false,
                        opens: s,
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
                opens: s,
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
        opens: b.opens,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_code_urls_comments_and_link_targets() {
        let t = "# Head\n\nSee [the report](https://x.org/r) and `code here`.\n\n```\nfenced terrorists\n```\n\n<!-- note terrorists -->\nVisit https://a.b/c now.\n";
        let (prose, blocks, _) = markdown(t, 0);
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
        let (prose, _, _) = markdown(t, 0);
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
