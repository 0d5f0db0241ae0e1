//! Direct quotations: which words belong to a speaker rather than to the writer.
//!
//! Handles straight and curly double quotes, the LDC newswire / NYT archive pair ``...'',
//! single quotes nested inside them, British-style single curly quotes, and the wire convention for a quotation that runs over paragraphs: the
//! first paragraph has no closing mark and the next one opens with a quote mark.

use crate::finding::Span;
use crate::narrow::{self, Tiered};
use serde::Deserialize;
use std::sync::LazyLock;

/// `data/document/embeds.toml`: the element names of embedded posts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Embeds {
    elements: Vec<String>,
    block_intros: Vec<String>,
    list_intros: Vec<String>,
}

static EMBEDS: LazyLock<Embeds> = LazyLock::new(|| {
    crate::vocab::parse(
        "document/embeds.toml",
        include_str!("../../data/document/embeds.toml"),
    )
});

/// `<tweet ...>` ... `</tweet>` (any of the listed elements; the closing tag may name another,
/// which copy exported from a CMS never does).
static EMBED: LazyLock<Tiered> = LazyLock::new(|| {
    narrow::para_regex(super::text_patterns::embed(&crate::vocab::alternation(
        &EMBEDS.elements,
    )))
});

/// The straight double mark (spelt by its code so that no string-literal scan pairs it).
const STRAIGHT: char = '\u{22}';

/// A paragraph of at most 20 words closed by a colon that introduces a quotation set as the
/// next paragraph, without marks: "The governor added:", "Ana Ruiz wrote in her blog:", "From
/// the Harbour Times:" (a `block_intros` verb then at most four words, or "From" and a name).
static BLOCK_INTRO: LazyLock<Tiered> = LazyLock::new(|| {
    narrow::para_regex(super::text_patterns::block_intro(
        &crate::vocab::alternation(&EMBEDS.block_intros),
    ))
});

/// The patterns of this module and of `super::directives`, by name (for a test).
#[cfg(test)]
pub(crate) fn patterns() -> [(&'static str, &'static Tiered); 3] {
    [
        ("embed", &EMBED),
        ("block_intro", &BLOCK_INTRO),
        ("directive", &super::directives::DIRECTIVE),
    ]
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark, inclusive; across paragraphs for a continued quote.
    pub span: Span,
    /// Paragraph indices the quotation touches (first, last).
    pub paragraphs: (usize, usize),
    /// Nesting depth: 0 for a quotation in the writer's text, 1 for one quoted inside a quotation.
    pub depth: u8,
    /// Set as a block (`> ...`, or a paragraph a colon line introduces) rather than in marks:
    /// someone else's words, whose speaker the attribution rules do not ask for (a pull quote,
    /// an excerpt).
    pub block: bool,
}

/// A quotation mark that does not pair up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrayMark {
    /// The mark itself.
    pub span: Span,
    /// The paragraph it sits in.
    pub paragraph: usize,
    /// True for an opening mark never closed, false for a closing mark never opened.
    pub opening: bool,
}

/// The marks a quotation was opened with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marks {
    Straight,
    Curly,
    /// Two backticks (LDC newswire, the NYT archive): only `''` closes it.
    Newswire,
}

struct Open {
    start: usize,
    paragraph: usize,
    marks: Marks,
    /// Carried into a paragraph that opened with a quote mark: the end of the last such
    /// paragraph, when the quotation is a block quotation whose paragraphs each open with a mark.
    carried_to: Option<usize>,
    /// How far its words have been read for a sentence end, and whether one was found (read
    /// on from there each time, so a long quotation is read once).
    read_to: usize,
    sentence_ended: bool,
    /// Evidently runs on past a quotation inside it that closed with the paragraph's last
    /// closing mark: the quotation opens its paragraph and quotes someone else again further on
    /// (a letter quoted over paragraphs that quotes a phrase, then a remark). Its words then run
    /// at least to the end of the paragraph.
    runs_on: bool,
}

impl Open {
    fn new(start: usize, paragraph: usize, marks: Marks) -> Self {
        Open {
            start,
            paragraph,
            marks,
            carried_to: None,
            read_to: start,
            sentence_ended: false,
            runs_on: false,
        }
    }

    /// Whether a sentence ends between its opening mark and `at` ("... tenth. She said"): then
    /// another opening mark before `at` opens a new quotation rather than one inside this one.
    fn sentence_ended_before(&mut self, prose: &str, at: usize) -> bool {
        if !self.sentence_ended && at > self.read_to {
            let from = self.read_to;
            self.sentence_ended = prose
                .get(from..at)
                .is_some_and(|t| t.contains(['.', '?', '!', '…']) && ends_sentence(t));
            // Keep the last bytes: a mark and its space may straddle two reads.
            self.read_to = at.saturating_sub(1).max(from);
        }
        self.sentence_ended
    }

    fn straight(&self) -> bool {
        self.marks == Marks::Straight
    }

    /// Its opening mark, as a mark that never found its close.
    fn stray(&self, prose: &str) -> StrayMark {
        StrayMark {
            span: Span::new(self.start, self.start + mark_len(prose, self.start)),
            paragraph: self.paragraph,
            opening: true,
        }
    }

    /// The quotation ends unclosed after paragraph `last`, which ends at `last_end`: its opening
    /// mark is a stray, and a block quotation set as paragraphs that each open with a mark (none
    /// closing) is still the speaker's words up to the last of them, as one that evidently runs
    /// on (`runs_on`) is to the end of its paragraph.
    fn unclosed(
        self,
        last: usize,
        last_end: usize,
        prose: &str,
        quotes: &mut Vec<Quote>,
        strays: &mut Vec<StrayMark>,
    ) {
        strays.push(self.stray(prose));
        if let Some(end) = self.carried_to.or(self.runs_on.then_some(last_end)) {
            quotes.push(Quote {
                span: Span::new(self.start, end),
                paragraphs: (self.paragraph, last),
                depth: 0,
                block: false,
            });
        }
    }
}

/// Finds the quotations in `prose` given its paragraph spans (in order).
pub fn find(prose: &str, paragraphs: &[Span]) -> (Vec<Quote>, Vec<StrayMark>) {
    find_marked(prose, prose, paragraphs)
}

/// As [`find`], with the embedded posts looked up in `markup`, the copy before its markup was
/// blanked out of `prose` (same length, same offsets): a `<tweet …>` tag is markup, so it is
/// only in the copy.
pub fn find_marked(prose: &str, markup: &str, paragraphs: &[Span]) -> (Vec<Quote>, Vec<StrayMark>) {
    let mut quotes = Vec::new();
    let mut strays = Vec::new();
    let mut open: Option<Open> = None;
    // The opening mark and paragraph of a quotation whose next paragraph lost its opening mark.
    let mut bridge: Option<(usize, usize)>;
    for (pi, para) in paragraphs.iter().enumerate() {
        let text = &prose[para.range()];
        // The next byte to read. Only quotation marks matter, so the loop jumps from one
        // mark's first byte to the next (`"`, `'`, a backtick, or 0xE2, which starts the curly
        // marks) with memchr instead of decoding every character.
        let mut pos = 0;
        bridge = None;
        // A quotation left open at the end of the previous paragraph continues only when this
        // paragraph opens with a quote mark; otherwise it was never closed.
        if let Some(o) = &mut open {
            let first = text.trim_start().chars().next();
            if matches!(first, Some('“' | '"'))
                || text.trim_start().starts_with("``")
                || (o.marks == Marks::Newswire && text.trim_start().starts_with("''"))
            {
                let lead = text.len() - text.trim_start().len();
                pos = text[lead..]
                    .chars()
                    .next()
                    .map_or(text.len(), |c| lead + c.len_utf8());
                o.carried_to = Some(para.end);
            } else if let Some(o) = open.take() {
                // A curly quotation left open, and this paragraph closes one before it opens any:
                // the continuation paragraph lost its opening mark. Both marks stay strays for the
                // style rule, but the words between are the speaker's.
                if o.marks == Marks::Curly && closes_before_opening(&prose[para.range()]) {
                    bridge = Some((o.start, o.paragraph));
                }
                o.unclosed(
                    pi - 1,
                    paragraphs[pi - 1].end,
                    prose,
                    &mut quotes,
                    &mut strays,
                );
            }
        }
        let mut nested: Option<usize> = None;
        let bytes = text.as_bytes();
        let mut tick = memchr::memchr(b'`', &bytes[pos.min(bytes.len())..]).map(|k| pos + k);
        while pos < bytes.len() {
            if tick.is_some_and(|t| t < pos) {
                tick = memchr::memchr(b'`', &bytes[pos..]).map(|k| pos + k);
            }
            let mark = memchr::memchr3(b'"', b'\'', 0xE2, &bytes[pos..]).map(|k| pos + k);
            let Some(i) = [mark, tick].into_iter().flatten().min() else {
                break;
            };
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            pos = i + c.len_utf8();
            let at = para.start + i;
            match c {
                // Curly marks inside a quotation opened with straight ones: a quotation within
                // the quotation, set in the other style (`"He called it “a joke” and left.`).
                '“' if open.as_ref().is_some_and(Open::straight)
                    && text[i + c.len_utf8()..].contains('”') =>
                {
                    let close = i + c.len_utf8() + text[i + c.len_utf8()..].find('”').unwrap_or(0);
                    let end = para.start + close + '”'.len_utf8();
                    quotes.push(Quote {
                        span: Span::new(at, end),
                        paragraphs: (pi, pi),
                        depth: 1,
                        block: false,
                    });
                    pos = pos.max(end - para.start);
                }
                // A curly quotation inside a curly one, where the outer has not ended its
                // sentence ("“His claim that the deal “has nothing to do with us” is wrong,”"):
                // the inner one closes at the next closing mark. When no other closing mark
                // follows in the paragraph, that mark closes both ("... in the so-called “dead
                // hours.”"); the outer's opening mark is then a stray for the style
                // rule, but the words are still the speaker's.
                '“' if text[i + c.len_utf8()..].contains('”')
                    && opening_shaped(prose, at)
                    && open.as_mut().is_some_and(|o| {
                        o.marks == Marks::Curly
                            && opening_shaped(prose, o.start)
                            && (!o.sentence_ended_before(prose, at)
                                || outer_closes_after(text, i + c.len_utf8()))
                    }) =>
                {
                    let from = i + c.len_utf8();
                    let close = from + text[from..].find('”').unwrap_or(0);
                    let end = close + '”'.len_utf8();
                    quotes.push(Quote {
                        span: Span::new(at, para.start + end),
                        paragraphs: (pi, pi),
                        depth: 1,
                        block: false,
                    });
                    pos = pos.max(end);
                    if !text[end..].contains('”') {
                        // The quotation opens its paragraph and quotes again further on: it runs
                        // on past this mark ("“Needless to say, it was not “a war of choice.” ...
                        // your statement “puts you at odds ...").
                        if let Some(o) = open.as_mut().filter(|o| {
                            o.paragraph == pi
                                && text[..o.start - para.start].trim().is_empty()
                                && opens_later(prose, para.start + end, para.end)
                        }) {
                            o.runs_on = true;
                        } else if let Some(o) = open.take() {
                            shared_close(o, para.start + end, pi, prose, &mut quotes, &mut strays);
                        }
                    }
                    nested = None;
                }
                // A quotation inside one that runs on, never closed in the paragraph: its mark
                // is a stray, and the words stay the outer speaker's.
                '“' if open.as_ref().is_some_and(|o| o.runs_on) => {
                    strays.push(StrayMark {
                        span: Span::new(at, at + c.len_utf8()),
                        paragraph: pi,
                        opening: true,
                    });
                }
                '“' => {
                    if let Some(o) = open.take() {
                        // An opening mark inside an open quote: the earlier one never closed.
                        strays.push(o.stray(prose));
                    }
                    open = Some(Open::new(at, pi, Marks::Curly));
                    nested = None;
                }
                '`' if text[i + 1..].starts_with('`') => {
                    pos += 1;
                    if let Some(o) = open.take() {
                        strays.push(o.stray(prose));
                    }
                    open = Some(Open::new(at, pi, Marks::Newswire));
                    nested = None;
                }
                '\'' if text[i + 1..].starts_with('\'') => {
                    pos += 1;
                    match open.take() {
                        Some(o) if o.marks == Marks::Newswire => quotes.push(Quote {
                            span: Span::new(o.start, at + 2),
                            paragraphs: (o.paragraph, pi),
                            depth: 0,
                            block: false,
                        }),
                        // The NYT archive opens with '' too: with nothing open, after a
                        // space or the start and before a letter, it opens a quotation.
                        None if opens_double_apostrophe(text, i) => {
                            open = Some(Open::new(at, pi, Marks::Newswire))
                        }
                        // Two apostrophes inside other marks, or with nothing open (an inch
                        // mark, a typo): not a quotation mark to pair.
                        other => open = other,
                    }
                    nested = None;
                }
                '”' => match open.take() {
                    Some(o) => {
                        quotes.push(Quote {
                            span: Span::new(o.start, at + c.len_utf8()),
                            paragraphs: (o.paragraph, pi),
                            depth: 0,
                            block: false,
                        });
                    }
                    // `”Yes,” she said`: a closing mark keyed where an opening one belongs
                    // (nothing open, nothing or a space before it, a letter after it) opens.
                    None if opens_curly_keyed_as_closing(text, i) => {
                        open = Some(Open::new(at, pi, Marks::Curly));
                    }
                    None => {
                        if let Some((start, first)) = bridge.take() {
                            quotes.push(Quote {
                                span: Span::new(start, at + c.len_utf8()),
                                paragraphs: (first, pi),
                                depth: 0,
                                block: false,
                            });
                        }
                        strays.push(StrayMark {
                            span: Span::new(at, at + c.len_utf8()),
                            paragraph: pi,
                            opening: false,
                        })
                    }
                },
                // `it"s`, `the president"s`: an apostrophe keyed as a double mark, between
                // two letters, is not a quotation mark.
                '"' if text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
                    && text[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic) => {}
                '"' => {
                    let inner = opens_straight(text, i)
                        && open.as_mut().is_some_and(|o| {
                            o.straight()
                                && opening_shaped(prose, o.start)
                                && !o.sentence_ended_before(prose, at)
                        })
                        && straight_inner_close(text, i).is_some();
                    match open.take() {
                        // `"We will rebuild. "Every house."`: a mark that opens a new sentence while a
                        // straight quotation is open is the next paragraph of the same quotation run
                        // into this one (copy whose paragraph breaks were lost), which by the
                        // multi-paragraph convention leaves the first part unclosed. The first part
                        // ends with its sentence; the new one opens here.
                        Some(o) if o.straight() && continues_quote(text, i) => {
                            let end = para.start + text[..i].trim_end().len();
                            quotes.push(Quote {
                                span: Span::new(o.start, end),
                                paragraphs: (o.paragraph, pi),
                                depth: 0,
                                block: false,
                            });
                            open = Some(Open::new(at, pi, Marks::Straight));
                            nested = None;
                        }
                        // An opening-shaped mark inside an open straight quotation that has not ended
                        // its sentence, with a closing-shaped mark after it: a quotation inside the
                        // quotation (`"... in the so-called "dead hours," he said`), closed
                        // as the curly one above.
                        Some(o) if inner => {
                            let end = straight_inner_close(text, i).unwrap_or(i) + 1;
                            quotes.push(Quote {
                                span: Span::new(at, para.start + end),
                                paragraphs: (pi, pi),
                                depth: 1,
                                block: false,
                            });
                            pos = pos.max(end);
                            if text[end..].contains(STRAIGHT) {
                                open = Some(o);
                            } else {
                                shared_close(
                                    o,
                                    para.start + end,
                                    pi,
                                    prose,
                                    &mut quotes,
                                    &mut strays,
                                );
                            }
                            nested = None;
                        }
                        // An opening-shaped mark (a space before it, a letter after it) while a
                        // straight quotation is open: that one was never closed, and this one opens
                        // (`lists were "only a tenth. She said after "tremendous change".`).
                        Some(o) if o.straight() && opens_straight(text, i) => {
                            strays.push(o.stray(prose));
                            open = Some(Open::new(at, pi, Marks::Straight));
                            nested = None;
                        }
                        Some(o) if o.straight() || closes_here(text, i) => {
                            quotes.push(Quote {
                                span: Span::new(o.start, at + 1),
                                paragraphs: (o.paragraph, pi),
                                depth: 0,
                                block: false,
                            });
                        }
                        Some(o) => {
                            strays.push(o.stray(prose));
                            open = Some(Open::new(at, pi, Marks::Straight));
                        }
                        None => {
                            open = Some(Open::new(at, pi, Marks::Straight));
                            nested = None;
                        }
                    }
                }
                '‘' if opens_single(text, i) => {
                    if open.is_some() {
                        nested = Some(at);
                    } else if let Some(end) = find_single_close(text, i + c.len_utf8()) {
                        // A British-style quotation in single marks.
                        quotes.push(Quote {
                            span: Span::new(at, para.start + end),
                            paragraphs: (pi, pi),
                            depth: 0,
                            block: false,
                        });
                        pos = pos.max(end);
                    }
                }
                '’' | '\'' if nested.is_some() && !next_is_letter(text, i + c.len_utf8()) => {
                    let s = nested.take().unwrap_or(at);
                    quotes.push(Quote {
                        span: Span::new(s, at + c.len_utf8()),
                        paragraphs: (pi, pi),
                        depth: 1,
                        block: false,
                    });
                }
                '\'' if open.is_some() && nested.is_none() && opens_single(text, i) => {
                    nested = Some(at)
                }
                _ => {}
            }
        }
    }
    if let Some(o) = open {
        let last = paragraphs.len() - 1;
        o.unclosed(last, paragraphs[last].end, prose, &mut quotes, &mut strays);
    }
    // Embedded posts: someone else's words whatever their marks.
    let para_of = |at: usize| paragraphs.iter().rposition(|p| p.start <= at).unwrap_or(0);
    for m in EMBED.find_iter(markup) {
        let span = Span::new(m.start(), m.end());
        strays.retain(|s| !span.contains_span(s.span));
        quotes.retain(|q| !span.contains_span(q.span));
        quotes.push(Quote {
            span,
            paragraphs: (para_of(m.start()), para_of(m.end().saturating_sub(1))),
            depth: 0,
            block: false,
        });
    }
    quotes.sort_by_key(|q| (q.span.start, q.depth));
    (quotes, strays)
}

/// The paragraph has a closing curly mark and no opening mark before it.
fn closes_before_opening(text: &str) -> bool {
    text.find('”')
        .is_some_and(|close| !text[..close].contains(['“', STRAIGHT]))
}

/// After the inner curly quotation opened just before `from` closes, the rest of the paragraph
/// has exactly one closing mark more than opening ones: the one that closes the outer quotation.
/// A block quotation of several sentences that quotes a name in the same marks ("“... It would
/// render most “Safety Statements” contentious.”") then nests, where reading the inner mark as a
/// new quotation would leave the outer one unclosed and its closing mark stray.
fn outer_closes_after(text: &str, from: usize) -> bool {
    let Some(close) = text[from..].find('”') else {
        return false;
    };
    let rest = &text[from + close + '”'.len_utf8()..];
    rest.matches('”').count() == rest.matches('“').count() + 1
}

/// The mark at `at` has the shape of an opening one: the start of the text, whitespace, an
/// opening bracket or a dash before it, a letter or digit after it. Only such a pair of marks
/// can nest (`about"joint plans." He said "soon"` is a closing mark keyed without its space).
fn opening_shaped(prose: &str, at: usize) -> bool {
    let after = prose[at..].chars().nth(1);
    prose[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'))
        && after.is_some_and(char::is_alphanumeric)
}

/// An opening-shaped curly mark stands in `prose[from..to]`.
fn opens_later(prose: &str, from: usize, to: usize) -> bool {
    prose[from..to]
        .match_indices('“')
        .any(|(k, _)| opening_shaped(prose, from + k))
}

/// One closing mark for a quotation and the one inside it: the outer quotation ends there
/// too, and its opening mark, left without a mark of its own, is a stray.
fn shared_close(
    o: Open,
    end: usize,
    pi: usize,
    prose: &str,
    quotes: &mut Vec<Quote>,
    strays: &mut Vec<StrayMark>,
) {
    strays.push(o.stray(prose));
    quotes.push(Quote {
        span: Span::new(o.start, end),
        paragraphs: (o.paragraph, pi),
        depth: 0,
        block: false,
    });
}

/// Whether `t` holds a sentence end: ".", "?", "!" or "…" then whitespace (the paragraph's
/// words across lines count as one run).
fn ends_sentence(t: &str) -> bool {
    let b = t.as_bytes();
    t.match_indices(['.', '?', '!', '…'])
        .any(|(k, m)| b.get(k + m.len()).is_some_and(|c| c.is_ascii_whitespace()))
}

/// Where a straight quotation opened at `i` inside another one closes: the next straight mark
/// after text (`"dead hours."`), within the paragraph.
fn straight_inner_close(text: &str, i: usize) -> Option<usize> {
    let from = i + 1;
    let k = from + text[from..].find(STRAIGHT)?;
    closes_here(text, k).then_some(k)
}

/// The paragraphs set as quotations without marks: each one after a short paragraph that
/// introduces it with a colon ("The governor added:"), unless it opens with a quotation mark of
/// its own; when it opens with a bullet, the run of paragraphs that open with the same bullet
/// (a statement set as a list: "The campaign said in a statement:" then "- ...", "- ...").
/// A list is also introduced by a short colon line with one of `list_intros` anywhere in it
/// ("On Tuesday a set of response points were circulated by the campaign:"). Returns
/// (first, last) indexes into `paragraphs`, in order.
pub fn introduced_blocks(prose: &str, paragraphs: &[Span]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < paragraphs.len() {
        let intro = prose[paragraphs[i].range()].trim_end();
        i += 1;
        if !intro.ends_with(':') || intro.split_whitespace().nth(20).is_some() {
            continue;
        }
        let next = prose[paragraphs[i].range()].trim_start();
        if next.starts_with([STRAIGHT, '“', '\'', '‘', '`']) {
            continue;
        }
        let mark = bullet(next);
        if !(BLOCK_INTRO.is_match(intro) || mark.is_some() && list_intro(intro)) {
            continue;
        }
        let first = i;
        if let Some(mark) = mark {
            while paragraphs
                .get(i + 1)
                .is_some_and(|p| bullet(&prose[p.range()]) == Some(mark))
            {
                i += 1;
            }
        }
        out.push((first, i));
    }
    out
}

/// The bullet a paragraph opens with (`-`, `--`, `•`, `*`, `–`, `—`, with or without a space),
/// when words follow it.
fn bullet(text: &str) -> Option<char> {
    let t = text.trim_start();
    let c = t.chars().next()?;
    let rest = t.trim_start_matches(c).trim_start();
    (matches!(c, '-' | '•' | '*' | '–' | '—')
        && rest.chars().next().is_some_and(char::is_alphanumeric))
    .then_some(c)
}

/// The colon line has one of `list_intros` among its words: it hands over a list of someone
/// else's points.
fn list_intro(intro: &str) -> bool {
    intro
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| EMBEDS.list_intros.iter().any(|l| l.eq_ignore_ascii_case(w)))
}

/// Adds quotations set as blocks (`> ...` in Markdown, or a paragraph a colon line introduces),
/// each `(span, (first paragraph, last paragraph))`, in order and not overlapping: the words
/// inside are someone else's. The quotations found inside a block are quotations within it.
/// A block inside a quotation (an embedded post) or crossed by one adds nothing.
pub fn add_blocks(quotes: &mut Vec<Quote>, blocks: &[(Span, (usize, usize))]) {
    if blocks.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for &(span, paragraphs) in blocks {
        // Quotations are sorted by start: those that start inside the block are one run.
        let from = quotes.partition_point(|q| q.span.start < span.start);
        let to = quotes.partition_point(|q| q.span.start < span.end);
        // Outer quotations do not overlap: only the last one opened before can reach into
        // the block. A block inside one, or one that a quotation crosses, adds nothing.
        let reached = quotes[..from]
            .iter()
            .rev()
            .find(|q| q.depth == 0)
            .is_some_and(|q| q.span.end > span.start);
        let crossed = quotes[from..to]
            .iter()
            .any(|q| q.depth == 0 && q.span.end > span.end);
        if reached || crossed {
            continue;
        }
        for q in &mut quotes[from..to] {
            if span.contains_span(q.span) {
                q.depth = q.depth.saturating_add(1);
            }
        }
        added.push(Quote {
            span,
            paragraphs,
            depth: 0,
            block: true,
        });
    }
    quotes.extend(added);
    quotes.sort_by_key(|q| (q.span.start, q.depth));
}

fn mark_len(prose: &str, at: usize) -> usize {
    if prose[at..].starts_with("``") || prose[at..].starts_with("''") {
        return 2;
    }
    prose[at..].chars().next().map_or(1, char::len_utf8)
}

/// A straight `"` at `i` opens a new sentence of quoted speech: it follows sentence-final
/// punctuation and a space, and a letter, digit or ellipsis follows it.
fn continues_quote(text: &str, i: usize) -> bool {
    let before = &text[..i];
    let trimmed = before.trim_end();
    // A sentence may end inside a nested quotation: `... think: 'Not my day.' "But then`.
    trimmed.len() < before.len()
        && trimmed
            .trim_end_matches(['\'', '’'])
            .ends_with(['.', '?', '!', '…'])
        && text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '…')
}

/// `''` at `i` opens a quotation (NYT archive style): whitespace, an opening bracket or the
/// start of the paragraph before it, a letter, digit or ellipsis after it.
fn opens_double_apostrophe(text: &str, i: usize) -> bool {
    let before_ok = text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'));
    before_ok
        && text[i + 2..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '…')
}

/// A straight `"` has the shape of an opening mark: whitespace (or an opening bracket or dash)
/// before it, a letter or digit after it.
fn opens_straight(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'))
        && text[i + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// A `”` with nothing open has the shape of an opening mark: the paragraph start, whitespace,
/// an opening bracket or dash before it (invisible direction and joining marks pasted from the
/// web are skipped), a letter or digit after it, or an ellipsis and then a letter or digit
/// when a closing mark follows in the paragraph ([`elided_opening`]).
fn opens_curly_keyed_as_closing(text: &str, i: usize) -> bool {
    let invisible = |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
    let after = &text[i + '”'.len_utf8()..];
    text[..i]
        .chars()
        .rev()
        .find(|c| !invisible(*c))
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'))
        && (after.chars().next().is_some_and(char::is_alphanumeric) || elided_opening(after))
}

/// What follows a `”` keyed as an opening mark is a quotation that starts mid-sentence on an
/// ellipsis (`” … if the plan fails, then surely ...,” it read.`): spaces, `…` or `...`, spaces,
/// a letter or digit, and a closing `”` later in the paragraph. A closing mark that ends a
/// quotation before an ellipsis follows text, not a space (`“for whom?” … She`), so it never
/// gets here.
fn elided_opening(after: &str) -> bool {
    let rest = after.trim_start_matches(' ');
    let Some(rest) = rest.strip_prefix('…').or_else(|| rest.strip_prefix("...")) else {
        return false;
    };
    let rest = rest.trim_start_matches(' ');
    rest.chars().next().is_some_and(char::is_alphanumeric) && rest.contains('”')
}

/// A straight `"` closes when it follows text rather than whitespace.
fn closes_here(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
}

/// An opening single mark follows whitespace, an opening bracket or a dash, and precedes a letter.
fn opens_single(text: &str, i: usize) -> bool {
    let before_ok = text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '“' | '"'));
    before_ok && text[i..].chars().nth(1).is_some_and(char::is_alphanumeric)
}

fn next_is_letter(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// The end (exclusive, relative to the paragraph) of a single-quoted passage opened before `from`.
fn find_single_close(text: &str, from: usize) -> Option<usize> {
    let mut it = text[from..].char_indices();
    while let Some((k, c)) = it.next() {
        let at = from + k;
        if c == '’' && !next_is_letter(text, at + c.len_utf8()) {
            let before = text[..at].chars().next_back();
            // "the workers’ union": a plural possessive, not a closing mark.
            if before == Some('s')
                && text[at + c.len_utf8()..].starts_with(' ')
                && text[at + c.len_utf8()..]
                    .trim_start()
                    .starts_with(char::is_lowercase)
            {
                continue;
            }
            return Some(at + c.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(t: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut at = 0;
        for p in t.split("\n\n") {
            out.push(Span::new(at, at + p.len()));
            at += p.len() + 2;
        }
        out
    }

    fn texts<'a>(t: &'a str, q: &[Quote]) -> Vec<&'a str> {
        q.iter().map(|q| &t[q.span.range()]).collect()
    }

    #[test]
    fn straight_and_curly() {
        let t = "He said \"go now,\" and she said “stay.” Done.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["\"go now,\"", "“stay.”"]);
        assert!(s.is_empty());
    }

    #[test]
    fn nested_single_inside_double() {
        let t = "“He told me ‘never again’ and left,” she said. It’s over.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            ["“He told me ‘never again’ and left,”", "‘never again’"]
        );
        assert_eq!(q[1].depth, 1);
        assert!(s.is_empty());
    }

    #[test]
    fn a_block_quotation_that_quotes_a_name_in_the_same_marks() {
        // The outer quotation has ended a sentence before the inner mark; the paragraph's last
        // mark closes it, so the inner pair nests and nothing is stray.
        let t = "The council wrote:\n\n“The rules are clear. They would make most “Safety Statements” contentious.”\n\nAfter.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            [
                "“The rules are clear. They would make most “Safety Statements” contentious.”",
                "“Safety Statements”"
            ]
        );
        assert!(s.is_empty());
        // A new quotation after an unclosed one, with no extra closing mark: not nested.
        let t = "“We will rebuild. “Every house,” she said, “and every road.”";
        let (q, s) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["“Every house,”", "“and every road.”"]);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn a_continuation_paragraph_that_lost_its_opening_mark() {
        let t = "He wrote:\n\n“I had nothing to do with it. I do not hire thugs.\n\nThe rest is his problem.”\n\nAfter.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            ["“I had nothing to do with it. I do not hire thugs.\n\nThe rest is his problem.”"]
        );
        assert_eq!(q[0].paragraphs, (1, 2));
        // Both marks are still reported for the style rule.
        assert_eq!(s.len(), 2);
        // The next paragraph opens a quotation of its own first: no bridge.
        let t = "“I had nothing to do with it.\n\nShe said “no” twice.”\n\nAfter.";
        let (q, _) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["“no”"]);
    }

    #[test]
    fn multi_paragraph_quote() {
        let t = "“We will rebuild,” she said. “Every house.\n\n“Every school.”\n\nAfter.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            ["“We will rebuild,”", "“Every house.\n\n“Every school.”"]
        );
        assert_eq!(q[1].paragraphs, (0, 1));
        assert!(s.is_empty());
    }

    #[test]
    fn run_in_continuation_of_a_straight_quote() {
        // Two paragraphs of one quotation run together: the first part is left unclosed by the
        // multi-paragraph convention, and no mark is stray.
        let t = "She said: \"We will rebuild. \"Every house will stand,\" she said. Then \"soon\" came.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            [
                "\"We will rebuild.",
                "\"Every house will stand,\"",
                "\"soon\""
            ]
        );
        assert!(s.is_empty());
        // The first part may end inside a nested quotation.
        let t = "He said: \"I told myself: 'Not today.' \"Then I won,\" he said.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            [
                "\"I told myself: 'Not today.'",
                "'Not today.'",
                "\"Then I won,\""
            ]
        );
        assert!(s.is_empty());
        // A mid-sentence opening mark inside an open quotation opens one inside it, and the
        // only closing mark closes both: the outer mark is still a stray.
        let t = "He called it \"a plan \"that works\" at last.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["\"a plan \"that works\"", "\"that works\""]);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn block_quotation_whose_paragraphs_never_close() {
        // Each paragraph opens with a mark and none closes: the closing mark is missing (a
        // stray, for the style rule), but the paragraphs are the quoted author's words.
        let t = "The mayor wrote:\n\n\"We will open the bridge tonight.\n\n\"Traffic returns on Monday.\n\nThe council met later.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            ["\"We will open the bridge tonight.\n\n\"Traffic returns on Monday."]
        );
        assert_eq!(q[0].paragraphs, (1, 2));
        assert_eq!(s.len(), 1);
        // At the end of the story too.
        let t = "“We will open the bridge tonight.\n\n“Traffic returns on Monday.";
        let (q, _) = find(t, &paras(t));
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].span.end, t.len());
        // A single paragraph left open is only a stray mark.
        let t = "“We will open the bridge tonight.\n\nThe council met later.";
        let (q, s) = find(t, &paras(t));
        assert!(q.is_empty());
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn curly_quotation_inside_a_straight_one() {
        let t = "She wrote:\n\n\"The mayor called it “a fair deal” on the radio tonight.\n\n\"Nobody agreed.\"\n\nAfter.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            [
                "\"The mayor called it “a fair deal” on the radio tonight.\n\n\"Nobody agreed.\"",
                "“a fair deal”"
            ]
        );
        assert_eq!(q[1].depth, 1);
        assert!(s.is_empty());
    }

    #[test]
    fn a_closing_mark_keyed_as_the_opening_one() {
        let t = "Readers replied. \u{202A}”They are cruel. Stop them,” wrote one reader. Then ”x.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["”They are cruel. Stop them,”"]);
        assert_eq!(s.len(), 1, "the last mark is open and never closed");
    }

    #[test]
    fn a_closing_mark_keyed_as_the_opening_one_before_an_ellipsis() {
        // A quotation that opens mid-sentence on an ellipsis, its opening mark keyed as a
        // closing one, at the start of a paragraph or after a space.
        for t in [
            "The paper did not agree.\n\n” … if the mayor can visit, then surely the minister can too,” it read.",
            "It went on: ”...then surely the rest will follow,” the letter said.",
        ] {
            let (q, s) = find(t, &paras(t));
            assert_eq!(q.len(), 1, "{t}");
            assert!(texts(t, &q)[0].contains("surely"), "{t}");
            assert!(s.is_empty(), "{t}: {s:?}");
        }
        // Not when no closing mark follows, nor when the mark closes a quotation before the
        // ellipsis (text right before it).
        for t in [
            "Then ” … the rest was lost in the noise.",
            "She asked “for whom?” … She went on to name the bills.",
        ] {
            let (q, _) = find(t, &paras(t));
            assert!(
                q.iter()
                    .all(|q| !texts(t, &[q.clone()])[0].contains("rest")),
                "{t}"
            );
            assert!(
                q.iter()
                    .all(|q| !texts(t, &[q.clone()])[0].contains("bills")),
                "{t}"
            );
        }
    }

    #[test]
    fn an_embedded_post_is_quoted() {
        let t = "He posted it. <tweet author=\"@someone\">The \"plan is a disgrace</tweet>. Then he left.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            ["<tweet author=\"@someone\">The \"plan is a disgrace</tweet>"]
        );
        assert!(s.is_empty(), "{s:?}");
    }

    #[test]
    fn an_embedded_post_is_found_in_the_markup_when_its_tags_are_blanked() {
        let t = "He posted it. <tweet author=\"@someone\">Many dead.</tweet> Then he left.";
        let prose = t
            .replace("<tweet author=\"@someone\">", &" ".repeat(25))
            .replace("</tweet>", &" ".repeat(8));
        assert_eq!(prose.len(), t.len());
        let (q, _) = find_marked(&prose, t, &paras(t));
        assert_eq!(
            texts(t, &q),
            ["<tweet author=\"@someone\">Many dead.</tweet>"]
        );
    }

    #[test]
    fn an_opening_mark_while_a_quote_is_open() {
        let t = "The lists were \"only a tenth of it. She said staff want calm after \"sweeping change and reform\". Done.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["\"sweeping change and reform\""]);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn a_quotation_inside_one_in_the_same_marks() {
        // Curly inside curly, each closed.
        let t = "“The mayor’s claim that the ferry “will never pay” is wrong,” wrote a reader. Then “x” came.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            [
                "“The mayor’s claim that the ferry “will never pay” is wrong,”",
                "“will never pay”",
                "“x”"
            ]
        );
        assert_eq!(q[1].depth, 1);
        assert!(s.is_empty());
        // Straight inside straight, one mark closing both: the words are quoted, the outer
        // opening mark is a stray.
        let t = "The board said, \"We have long opposed sailing in the so-called \"dead hours.\"\n\nAfter.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            [
                "\"We have long opposed sailing in the so-called \"dead hours.\"",
                "\"dead hours.\""
            ]
        );
        assert_eq!(s.len(), 1);
        // A quotation run into the next sentence still closes at the sentence before it.
        let t = "She said \"we met the \"old hands\" today. \"Then we left,\" she said.";
        let (q, _) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            [
                "\"we met the \"old hands\" today.",
                "\"old hands\"",
                "\"Then we left,\""
            ]
        );
    }

    #[test]
    fn a_letter_that_quotes_a_phrase_then_a_remark_runs_on() {
        // The letter opens its paragraph, quotes a phrase (whose mark is the paragraph's last
        // closing one) and later opens another quotation: the letter runs on to the paragraph's
        // end, not to the phrase's closing mark.
        let t = "The chairman wrote:\n\n“Let me be plain: the ferry was not “a plan of the mayor’s making.” \
It was drawn up by both parties. Indeed, as the harbour master said, your remark “puts you at odds with the council.\n\n\
And that is no small thing.”\n\nAfter.";
        let (q, s) = find(t, &paras(t));
        let quoted = texts(t, &q);
        assert!(
            quoted
                .iter()
                .any(|q| q.starts_with("“Let me") && q.ends_with("with the council.")),
            "{quoted:?}"
        );
        assert!(
            quoted.contains(&"“a plan of the mayor’s making.”"),
            "{quoted:?}"
        );
        // the letter's opening mark, the remark's and the closing mark of the next paragraph
        assert_eq!(s.len(), 3);
        // A writer's paragraph (not opening on the quotation) keeps one closing mark for both
        // and its own words after it.
        let t = "He said “we met the “old hands.” Later the mayor called it “a joke.\n\nAfter.";
        let (q, s) = find(t, &paras(t));
        assert!(!texts(t, &q).iter().any(|q| q.contains("Later")), "{q:?}");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn marks_of_the_wrong_shape_do_not_nest() {
        // A closing mark keyed as an opening one after a comma is not a quotation inside.
        let t = "“It is rare,“ said Ana Ruiz, a lawyer. “It is hard to do.”";
        let (q, _) = find(t, &paras(t));
        assert!(!texts(t, &q).iter().any(|q| q.contains("said")), "{q:?}");
        // An opening mark keyed without its space opens nothing to nest in.
        let t = "He spoke of\"joint plans for the port.\" He pledged \"help\" and a \"deep\" bond.";
        let (q, _) = find(t, &paras(t));
        assert!(!texts(t, &q).iter().any(|q| q.contains("pledged")), "{q:?}");
    }

    #[test]
    fn apostrophe_keyed_as_a_double_mark() {
        let t = "\"Now it\"s the mayor\"s call,\" she said, and \"soon\" came.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(
            texts(t, &q),
            ["\"Now it\"s the mayor\"s call,\"", "\"soon\""]
        );
        assert!(s.is_empty());
    }

    #[test]
    fn unclosed_quote_not_continued_is_stray() {
        let t = "She said “we will win.\n\nThe end.";
        let (q, s) = find(t, &paras(t));
        assert!(q.is_empty());
        assert_eq!(s.len(), 1);
        assert!(s[0].opening);
        let t = "A stray” mark.";
        let (_, s) = find(t, &paras(t));
        assert!(!s[0].opening);
    }

    #[test]
    fn newswire_backtick_quotes() {
        let t = "The mayor said Friday the city had been ``cut off'' and aides said on Monday ``it is over,'' then left.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["``cut off''", "``it is over,''"]);
        assert!(s.is_empty());
        // Continued over paragraphs, and a nested single quote inside.
        let t =
            "``We will rebuild,'' she said. ``Every `new' house.\n\n``Every school.''\n\nAfter.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(q[0].span.range(), 0..20);
        assert_eq!(
            &t[q[1].span.range()],
            "``Every `new' house.\n\n``Every school.''"
        );
        assert!(s.is_empty());
        // A closing pair with nothing open is left alone (an inch mark, a typo); one inside
        // curly quotes does not close them.
        let t = "A 60'' screen. “It was the boys'' day,” he said.";
        let (q, s) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["“It was the boys'' day,”"]);
        assert!(s.is_empty());
    }

    #[test]
    fn nyt_archive_double_apostrophe_quotes() {
        let t = "''We will win tonight,'' the senator said, and aides called it ''a lock.''";
        let (q, s) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["''We will win tonight,''", "''a lock.''"]);
        assert!(s.is_empty());
        // Continued over paragraphs in the same style.
        let t = "''We will rebuild.\n\n''Every house.'' After.";
        let (q, _) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["''We will rebuild.\n\n''Every house.''"]);
    }

    #[test]
    fn british_single_quotes_and_apostrophes() {
        let t = "The minister called it ‘a disgrace’ on the workers’ behalf. It’s done.";
        let (q, _) = find(t, &paras(t));
        assert_eq!(texts(t, &q), ["‘a disgrace’"]);
    }
}
