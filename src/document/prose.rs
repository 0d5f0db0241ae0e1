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

// `/{2}`, not two slashes: line-based tools (the word-literal count among them) read `//` in a
// string as the start of a comment.
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:https?:/{2}|www\.)[^\s<>()\[\]]+").expect("url pattern"));

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
    markdown_reusing(text, start, None)
}

/// What a parse leaves for the next parse of the same story (see [`markdown_reusing`]).
pub struct MarkdownKeep {
    last: Option<Parsed>,
    /// Parses that took the last one's and re-parsed a part (for tests).
    pub(crate) spliced: u64,
    /// The shortest story kept (see [`KEEP_FROM`]).
    from: usize,
}

/// Stories shorter than this are parsed whole: the parse is cheap, and the copy kept (the
/// text and its mask) would be twice the story in memory for each of the server's open stories.
pub const KEEP_FROM: usize = 64 * 1024;

impl Default for MarkdownKeep {
    fn default() -> Self {
        MarkdownKeep {
            last: None,
            spliced: 0,
            from: KEEP_FROM,
        }
    }
}

impl MarkdownKeep {
    /// One that keeps stories of any length (for tests).
    #[cfg(test)]
    pub(crate) fn any_size() -> Self {
        MarkdownKeep {
            from: 0,
            ..MarkdownKeep::default()
        }
    }
}

/// One parse's text and what the Markdown parser made of it, before URLs and directives are
/// masked and the blocks trimmed.
struct Parsed {
    text: Box<str>,
    start: usize,
    raw: Raw,
}

/// What the Markdown events make, in order.
#[derive(Default, Clone, Debug, PartialEq, Eq)]
struct Raw {
    mask: Vec<u8>,
    blocks: Vec<Block>,
    structure: Structure,
    /// The blocks at the top level (inside no list, quotation or other container).
    tops: Vec<Top>,
}

impl Raw {
    /// How far what this parse opened reaches: the end of its last top-level block or block,
    /// `floor` when it has none. A part may be joined to what follows only when this stops
    /// before the blank line at the boundary.
    fn reach(&self, floor: usize) -> usize {
        self.tops
            .iter()
            .map(|t| t.span.end)
            .chain(self.blocks.iter().map(|b| b.span.end))
            .max()
            .unwrap_or(floor)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Top {
    span: Span,
    /// A paragraph or a heading: nothing after a blank line can join it.
    simple: bool,
}

/// [`markdown`] that re-parses only the part of the story an edit changed, when the last
/// parse (kept in `keep`) and the edit allow it; the same result either way.
///
/// The Markdown parser reads a story top to bottom, and at the start of a paragraph or heading
/// that follows a blank line after a paragraph or heading, nothing is open: it reads on as at
/// the start of a document. So the parse of a story is the parse of its text up to such a
/// boundary, then the parse from there, as if alone, as long as nothing the second part opens
/// runs past its end. The parse kept from the last version of the story holds the boundaries
/// (its top-level blocks). The edited text is re-parsed from the last boundary before the
/// change to the first one after it (kept text on both sides); what comes before and after is
/// taken from the last parse, moved. Not when: the text has lone carriage returns (parsed
/// apart), link reference definitions (they change links anywhere), or the re-parsed part opens
/// a block that runs to its end (a fence or a comment left open, a list or quotation reaching
/// the blank line before the next boundary): then the story is parsed whole.
pub fn markdown_reusing(
    text: &str,
    start: usize,
    keep: Option<&super::reuse::Shared<MarkdownKeep>>,
) -> (String, Vec<Block>, Structure) {
    // A lone `\r` ends a line (CommonMark), but pulldown-cmark ends an HTML block only at a
    // `\n`: a comment line in copy with `\r` line ends would take the rest of the story into
    // the comment. Parse with each lone `\r` read as `\n` (one byte for one: offsets hold).
    let lone_cr = memchr::memchr_iter(b'\r', text[start..].as_bytes())
        .any(|i| text.as_bytes().get(start + i + 1) != Some(&b'\n'));
    let keep = keep.filter(|k| {
        let short = text.len() < k.borrow().from;
        if short {
            k.borrow_mut().last = None;
        }
        !short
    });
    let mut spliced = None;
    if let (Some(k), false) = (keep, lone_cr) {
        let k = k.borrow();
        if let Some(last) = k.last.as_ref().filter(|l| l.start == start) {
            spliced = splice(last, text);
        }
    }
    let raw = match spliced {
        Some(raw) => {
            if let Some(k) = keep {
                k.borrow_mut().spliced += 1;
            }
            raw
        }
        None => {
            // A long story's cold parse, in two halves on two threads.
            let split = (!lone_cr && text.len() - start >= SPLIT_PARSE_FROM)
                .then(|| split_point(text, start))
                .flatten()
                .and_then(|b| parse_split(text, start, b));
            match split {
                Some(raw) => {
                    if let Some(k) = keep {
                        k.borrow_mut().last = None;
                    }
                    raw
                }
                None => match whole(text, start, lone_cr, keep) {
                    Ok(raw) => raw,
                    Err(done) => return done,
                },
            }
        }
    };
    if let Some(k) = keep {
        k.borrow_mut().last = Some(Parsed {
            text: text.into(),
            start,
            raw: raw.clone(),
        });
    }
    finish(raw)
}

/// A parse of the whole story, as [`markdown_reusing`] makes it when it cannot reuse or split
/// one; `Err` with the finished result when it must not be kept.
#[allow(clippy::type_complexity)]
fn whole(
    text: &str,
    start: usize,
    lone_cr: bool,
    keep: Option<&super::reuse::Shared<MarkdownKeep>>,
) -> Result<Raw, (String, Vec<Block>, Structure)> {
    let mut raw = Raw {
        mask: blank_mask(text, 0, text.len()),
        ..Raw::default()
    };
    let unified;
    let body = if lone_cr {
        unified = lone_cr_as_lf(&text[start..]);
        unified.as_str()
    } else {
        &text[start..]
    };
    let refs = parse_range(text, body, start, 0, &mut raw);
    if let Some(k) = keep {
        // Only a parse without link reference definitions can be taken apart.
        k.borrow_mut().last = None;
        if refs || lone_cr {
            return Err(finish(raw));
        }
    }
    Ok(raw)
}

/// Stories from this long (after any front matter) are parsed cold in two halves on two
/// threads ([`parse_split`]).
const SPLIT_PARSE_FROM: usize = 128 * 1024;

/// Where a cold parse may split the story: the start of the first line from the middle on
/// that opens with a letter after a blank line (a paragraph after a paragraph, in copy).
/// [`parse_split`] checks that nothing runs over it.
fn split_point(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = start + (text.len() - start) / 2;
    for _ in 0..512 {
        let b = at + memchr::memchr(b'\n', &bytes[at..])? + 1;
        if bytes.get(b).is_some_and(u8::is_ascii_alphabetic)
            && after_blank_line(text, b).is_some_and(|pls| pls > start)
        {
            return Some(b);
        }
        at = b;
    }
    None
}

/// The parse of `text` (from `start`) made of the parse of `text[start..b]` and that of
/// `text[b..]`, each as if alone, on two threads; the same as the parse of the whole when
/// nothing is open at `b`, as at a boundary of [`splice`]: the first part's last top-level
/// block is a paragraph or a heading, nothing in it reaches the blank line before `b`, and
/// the second part's first block starts at `b`. None when that does not hold or either part
/// defines link references (they change links anywhere).
fn parse_split(text: &str, start: usize, b: usize) -> Option<Raw> {
    let blank = after_blank_line(text, b)?;
    let ((refs_first, first), (refs_second, second)) = std::thread::scope(|scope| {
        // The second half's mask is made on its thread too.
        let helper = scope.spawn(|| {
            let mut second = Raw {
                mask: blank_mask(text, b, text.len()),
                ..Raw::default()
            };
            (parse_range(text, &text[b..], b, b, &mut second), second)
        });
        let mut first = Raw {
            mask: blank_mask(text, 0, b),
            ..Raw::default()
        };
        let refs = parse_range(text, &text[start..b], start, 0, &mut first);
        let theirs = helper
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        ((refs, first), theirs)
    });
    if refs_first || refs_second {
        return None;
    }
    if !first.tops.last()?.simple {
        return None;
    }
    if first.reach(start) > blank || second.tops.first()?.span.start != b {
        return None;
    }
    let mut raw = first;
    raw.mask.extend_from_slice(&second.mask);
    raw.blocks.extend(second.blocks);
    raw.tops.extend(second.tops);
    let (st, ps) = (&mut raw.structure, second.structure);
    st.items.extend(ps.items);
    st.tables.extend(ps.tables);
    st.code.extend(ps.code);
    st.block_quotes.extend(ps.block_quotes);
    Some(raw)
}

/// A mask of `text[from..to]` with nothing in it yet: spaces, the line breaks kept.
fn blank_mask(text: &str, from: usize, to: usize) -> Vec<u8> {
    let bytes = &text.as_bytes()[from..to];
    let mut mask = vec![b' '; bytes.len()];
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        mask[i] = bytes[i];
    }
    mask
}

/// The masked prose, blocks and structure of a parse.
fn finish(raw: Raw) -> (String, Vec<Block>, Structure) {
    let Raw {
        mask,
        mut blocks,
        mut structure,
        ..
    } = raw;
    structure.items.sort_by_key(|i| i.marker);
    let mut prose = into_string(mask);
    mask_urls(&mut prose);
    super::directives::mask_directives(&mut prose);
    blocks.sort_by_key(|b| b.span.start);
    let blocks = blocks.into_iter().filter_map(|b| trim(&prose, b)).collect();
    (prose, blocks, structure)
}

/// Whether the line before byte `at` is blank and `at` starts its line (after indentation):
/// the start of the blank line, if so.
fn after_blank_line(text: &str, at: usize) -> Option<usize> {
    let ls = super::lines::line_start(text, at);
    if !text[ls..at].bytes().all(|b| b == b' ' || b == b'\t') || ls == 0 {
        return None;
    }
    let pls = super::lines::line_start(text, ls - 1);
    text[pls..ls].trim().is_empty().then_some(pls)
}

/// The parse of `text` made from `last` (the parse of the story's last version) and a parse of
/// the part that changed (see [`markdown_reusing`]); None when it cannot be.
fn splice(last: &Parsed, text: &str) -> Option<Raw> {
    let (old, new) = (last.text.as_bytes(), text.as_bytes());
    let start = last.start;
    if old.len() < start || new.len() < start || old[..start] != new[..start] {
        return None;
    }
    // The unchanged head and tail.
    let head = common_prefix(old, new);
    let most = old.len().min(new.len()) - head;
    let tail = common_suffix(&old[old.len() - most..], &new[new.len() - most..]);
    let delta = new.len() as isize - old.len() as isize;
    let tops = &last.raw.tops;
    let old_text = &*last.text;
    // A top-level block whose start is a boundary: after a blank line after a paragraph or
    // heading (or the first one, with only blank text before it). The boundary is the start
    // of its line, and the blank line must be in kept text up to `limit`.
    let boundary = |i: usize| -> Option<(usize, usize)> {
        let t = tops[i];
        let ls = super::lines::line_start(old_text, t.span.start);
        if !old_text[ls..t.span.start]
            .bytes()
            .all(|b| b == b' ' || b == b'\t')
        {
            return None;
        }
        if i == 0 {
            return old_text[start..ls].trim().is_empty().then_some((ls, start));
        }
        let pls = after_blank_line(old_text, t.span.start)?;
        (tops[i - 1].simple && tops[i - 1].span.end <= pls).then_some((ls, pls))
    };
    // The last boundary at or before the change, with its blank line before the change.
    let first_changed = tops.partition_point(|t| t.span.start <= head);
    let from = (0..first_changed)
        .rev()
        .find_map(|i| boundary(i).filter(|&(ls, _)| ls <= head).map(|(ls, _)| ls))
        .unwrap_or(start);
    if from != start && from > head {
        return None;
    }
    // The first boundary after the change whose blank line is kept text.
    let kept_from = old.len() - tail;
    let after = tops.partition_point(|t| t.span.start < kept_from);
    // Its line not indented: nothing the changed part leaves open can take it in.
    let to = (after..tops.len()).find_map(|i| {
        let (ls, pls) = boundary(i)?;
        (pls >= kept_from && ls > from && ls == tops[i].span.start).then_some((ls, pls))
    });
    let (old_to, new_to, blank) = match to {
        Some((ls, pls)) => (
            ls,
            (ls as isize + delta) as usize,
            Some((pls as isize + delta) as usize),
        ),
        None => (old.len(), new.len(), None),
    };
    if new_to < from {
        return None;
    }
    // The changed part, parsed as if alone.
    let mut part = Raw {
        mask: Vec::new(),
        ..Raw::default()
    };
    let mut mask = Vec::with_capacity(new.len());
    mask.extend_from_slice(&last.raw.mask[..from]);
    mask.extend_from_slice(&blank_mask(text, from, new_to));
    mask.extend_from_slice(&last.raw.mask[old_to..]);
    part.mask = mask;
    if parse_range(text, &text[from..new_to], from, 0, &mut part) {
        return None;
    }
    // Nothing it opened may reach the blank line before the boundary after it.
    if let Some(blank) = blank {
        if part.reach(from) > blank {
            return None;
        }
    }
    let moved = |s: Span| {
        Span::new(
            (s.start as isize + delta) as usize,
            (s.end as isize + delta) as usize,
        )
    };
    let o = &last.raw;
    let mut raw = Raw {
        mask: part.mask,
        ..Raw::default()
    };
    raw.blocks
        .extend(o.blocks.iter().filter(|b| b.span.start < from));
    raw.blocks.extend(part.blocks);
    raw.blocks.extend(
        o.blocks
            .iter()
            .filter(|b| b.span.start >= old_to)
            .map(|b| Block {
                span: moved(b.span),
                heading: b.heading,
                opens: (b.opens as isize + delta) as usize,
            }),
    );
    raw.tops
        .extend(o.tops.iter().filter(|t| t.span.start < from));
    raw.tops.extend(part.tops);
    raw.tops.extend(
        o.tops
            .iter()
            .filter(|t| t.span.start >= old_to)
            .map(|t| Top {
                span: moved(t.span),
                simple: t.simple,
            }),
    );
    let (os, ps) = (&o.structure, part.structure);
    let st = &mut raw.structure;
    st.items.extend(os.items.iter().filter(|i| i.marker < from));
    st.items.extend(ps.items);
    st.items.extend(
        os.items
            .iter()
            .filter(|i| i.marker >= old_to)
            .map(|i| ListItem {
                marker: (i.marker as isize + delta) as usize,
                after: i.after,
            }),
    );
    for (out, old, part) in [
        (&mut st.tables, &os.tables, ps.tables),
        (&mut st.code, &os.code, ps.code),
        (&mut st.block_quotes, &os.block_quotes, ps.block_quotes),
    ] {
        out.extend(old.iter().filter(|s| s.start < from));
        out.extend(part);
        out.extend(old.iter().filter(|s| s.start >= old_to).map(|&s| moved(s)));
    }
    Some(raw)
}

/// How many bytes `a` and `b` start with in common (also the server's line index, for an edit).
pub(crate) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 64 <= n && a[i..i + 64] == b[i..i + 64] {
        i += 64;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many bytes `a` and `b` end with in common.
pub(crate) fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + 64 <= n && a[n - i - 64..n - i] == b[n - i - 64..n - i] {
        i += 64;
    }
    while i < n && a[n - i - 1] == b[n - i - 1] {
        i += 1;
    }
    i
}

/// Parses `body` (`text` from `start`, or a copy with lone carriage returns read as line
/// feeds) and writes what its events make into `raw` (its mask covers `text` from
/// `mask_from`); true when it defines link references.
fn parse_range(text: &str, body: &str, start: usize, mask_from: usize, raw: &mut Raw) -> bool {
    let Raw {
        mask,
        blocks,
        structure,
        tops,
    } = raw;
    let mut stack: Vec<Frame> = Vec::new();
    // Per open list: the content column of its last item so far.
    let mut lists: Vec<Option<usize>> = Vec::new();
    let mut in_code = 0usize;
    let mut in_block_quote = 0usize;
    // How many blocks are open: a block opened at depth 0 is a top-level one.
    let mut depth = 0usize;
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .into_offset_iter();
    let refs = parser.reference_definitions().iter().next().is_some();
    for (event, range) in parser {
        let span = Span::new(range.start + start, range.end + start);
        match &event {
            Event::Start(tag) => {
                if depth == 0 {
                    tops.push(Top {
                        span,
                        simple: matches!(tag, Tag::Paragraph | Tag::Heading { .. }),
                    });
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => tops.push(Top {
                span,
                simple: false,
            }),
            _ => {}
        }
        match event {
            Event::Text(_) if in_code == 0 => mask[span.start - mask_from..span.end - mask_from]
                .copy_from_slice(&text.as_bytes()[span.range()]),
            // LDC newswire and the NYT archive quote with ``...'': Markdown reads the text from
            // one `` to the next as inline code, but it is prose with its quotation marks.
            Event::Code(_) if in_code == 0 && newswire_quote(&text[span.range()]) => mask
                [span.start - mask_from..span.end - mask_from]
                .copy_from_slice(&text.as_bytes()[span.range()]),
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
                    top.flush(text, span.start, blocks);
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
                    f.flush(text, span.end, blocks);
                }
            }
            _ => {}
        }
    }
    refs
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

    /// Lines of our own that reach every kind of block and container: paragraphs (several
    /// lines, lazy continuations), headings (ATX and setext), lists (tight, loose, nested,
    /// ordered), quotations, fenced and indented code, HTML blocks and comments left open,
    /// tables, link reference definitions, thematic breaks, and blank lines.
    const LINES: &[&str] = &[
        "The council met on Tuesday.",
        "It voted to close the pier, the mayor said.",
        "",
        "",
        "",
        "# Harbour news",
        "Council delays vote",
        "===",
        "- first point",
        "- second point",
        "  still the second point",
        "1. one",
        "2) two",
        "> a quotation",
        "> more of it",
        "```",
        "~~~",
        "    indented code",
        "<!-- a comment",
        "-->",
        "<div>",
        "</div>",
        "| a | b |",
        "|---|---|",
        "[ref]: https://example.org",
        "See [the report][ref] and [ref].",
        "---",
        "  - nested item",
        "**Bold start** of a paragraph.",
        "Visit https://example.org/x now.",
        "<!-- copydesk-ignore-next-line -->",
        "\tTabbed line",
    ];

    fn doc(lines: &[usize]) -> String {
        let mut out = String::new();
        for &l in lines {
            out.push_str(LINES[l % LINES.len()]);
            out.push('\n');
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// After every edit of a random sequence (lines replaced, inserted, removed, characters
        /// typed), the parse that re-parses only the changed part is the fresh parse.
        #[test]
        fn a_spliced_parse_is_a_fresh_parse(
            start in proptest::collection::vec(0usize..64, 0..40),
            edits in proptest::collection::vec((0usize..5, 0usize..64, 0usize..64, proptest::sample::select(vec!["x", " ", "\n", "\n\n", "`", "-", ">", "#", "<!--", "]"])), 1..12),
            front in 0usize..3,
        ) {
            let keep = crate::document::reuse::Shared::new(MarkdownKeep::any_size());
            let mut lines = start;
            let mut typed: Vec<(usize, &str)> = Vec::new();
            for (kind, at, l, ch) in edits {
                match kind {
                    0 if !lines.is_empty() => { let i = at % lines.len(); lines[i] = l; }
                    1 => { let i = at % (lines.len() + 1); lines.insert(i, l); }
                    2 if !lines.is_empty() => { lines.remove(at % lines.len()); }
                    _ => typed.push((at * 31 + l, ch)),
                }
                let mut text = doc(&lines);
                for &(at, ch) in &typed {
                    let mut i = at % (text.len() + 1);
                    while !text.is_char_boundary(i) { i -= 1; }
                    text.insert_str(i, ch);
                }
                let head = ["", "---\ntitle: x\n---\n", "Lead line\n\n"][front];
                let start = if front == 1 { head.len() } else { 0 };
                let text = format!("{head}{text}");
                let got = markdown_reusing(&text, start, Some(&keep));
                let want = markdown(&text, start);
                proptest::prop_assert_eq!(got, want, "{:?}", text);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// A parse split at any line start, where the split is taken, is the whole parse: its
        /// mask, blocks, top-level blocks and structure.
        #[test]
        fn a_split_parse_is_the_whole_parse(
            lines in proptest::collection::vec(0usize..64, 0..48),
            front in 0usize..3,
        ) {
            let head = ["", "---\ntitle: x\n---\n", "Lead line\n\n"][front];
            let start = if front == 1 { head.len() } else { 0 };
            let text = format!("{head}{}", doc(&lines));
            let want = whole(&text, start, false, None).expect("not kept");
            for (b, _) in text.match_indices('\n') {
                let b = b + 1;
                if b <= start || b >= text.len() {
                    continue;
                }
                if let Some(got) = parse_split(&text, start, b) {
                    proptest::prop_assert_eq!(&got, &want, "{:?} split at {}", text, b);
                }
            }
        }
    }

    /// A long story of paragraphs is parsed in two halves; the parse is the whole one, and a
    /// split that something runs over is refused.
    #[test]
    fn a_long_story_is_parsed_in_two_halves() {
        let mut text = String::new();
        for i in 0..5000 {
            text.push_str(&format!(
                "Paragraph {i} says the council met on Tuesday.\n\n"
            ));
        }
        assert!(text.len() >= SPLIT_PARSE_FROM);
        let b = split_point(&text, 0).expect("a split point");
        let want = whole(&text, 0, false, None).expect("not kept");
        assert_eq!(parse_split(&text, 0, b).as_ref(), Some(&want));
        assert_eq!(markdown(&text, 0), finish(want));
        // A fence left open before the split, a list the second half continues, a reference
        // definition: no split.
        for (from, to) in [
            ("Paragraph 10 says", "```\nParagraph 10 says"),
            (
                "Paragraph 4999 says",
                "[council]: /c\n\nParagraph 4999 says",
            ),
        ] {
            let t = text.replacen(from, to, 1);
            assert_eq!(parse_split(&t, 0, b), None, "{from}");
            assert_eq!(markdown(&t, 0), finish(whole(&t, 0, false, None).unwrap()));
        }
        let listed = text.replacen("Paragraph 0 says", "- Paragraph 0 says", 1);
        let listed = listed.replace("\n\nParagraph", "\n\n- Paragraph");
        let b = split_point(&listed, 0);
        assert_eq!(b, None, "no line after the middle opens with a letter");
    }

    /// Edits inside one paragraph of a long story re-parse a part; a reference definition, a
    /// fence left open or a list that the edit joins make the parse whole, and all agree.
    #[test]
    fn edits_reparse_a_part_unless_they_reach_further() {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&format!("Paragraph {i} says the council met.\n\n"));
        }
        let keep = crate::document::reuse::Shared::new(MarkdownKeep::any_size());
        let same = |t: &str| {
            assert_eq!(markdown_reusing(t, 0, Some(&keep)), markdown(t, 0), "{t:?}");
        };
        same(&text);
        let typed = text.replace("Paragraph 20 says", "Paragraph 20 now says");
        same(&typed);
        assert_eq!(keep.borrow().spliced, 1);
        for edit in [
            typed.replace("Paragraph 21 says", "```\nParagraph 21 says"),
            typed.replace("Paragraph 21 says", "- Paragraph 21 says"),
            typed.replace("Paragraph 22 says", "[council]: /c\n\nParagraph 22 says"),
            typed.replace("Paragraph 23 says", "<!-- Paragraph 23 says"),
            typed.replace("Paragraph 24 says the council met.", "> Paragraph 24"),
            typed.replace("Paragraph 25 says", "    Paragraph 25 says"),
            typed.clone(),
        ] {
            same(&edit);
        }
        assert!(keep.borrow().spliced >= 4, "{}", keep.borrow().spliced);
    }
}
