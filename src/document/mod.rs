//! The document model: a draft split into front matter, headline, dateline, paragraphs,
//! sentences and direct quotations, with non-prose masked out.
//!
//! Built once per analysis; every rule reads it and none re-parses the text.

pub mod date_patterns;
pub mod dateline;
pub mod directives;
pub mod frontmatter;
pub mod genre;
pub mod lines;
pub mod prose;
pub mod quotes;
pub mod reuse;
pub mod sentences;
pub mod text_patterns;

use crate::finding::Span;
pub use dateline::{Dateline, DatelineSource, WireDateline};
pub use frontmatter::FrontMatter;
use jiff::civil::Date;
pub use prose::{ListItem, Structure};
pub use quotes::{Quote, StrayMark};
pub use reuse::Reuse;

/// How the draft is marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Plain,
}

impl Format {
    /// Guesses from a file name: `.txt` and `.text` are plain, everything else Markdown.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".txt") || lower.ends_with(".text") {
            Format::Plain
        } else {
            Format::Markdown
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Index range into [`Document::sentences`].
    pub sentences: std::ops::Range<usize>,
    /// A headline or subhead: never body copy, so the body rules leave it alone.
    pub headline: bool,
    /// Where its markup opens, on its first line: a tight list item's marker, the `**` of a
    /// paragraph that starts in bold (`span` starts at the first prose).
    pub opens: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub format: Format,
    /// `text` with non-prose blanked to spaces; same length, same offsets.
    pub prose: String,
    pub front_matter: Option<FrontMatter>,
    pub dateline: Option<Dateline>,
    /// The wire dateline at the head of the copy (`KABUL, Aug. 15 (AP) —`), dated or not.
    pub wire_dateline: Option<WireDateline>,
    /// Lines that carry the date for the tools (`date 2021-08-15`, `Date: ...`), masked from prose.
    pub date_markers: Vec<Span>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// Direct quotations in document order (nested ones after their container).
    pub quotes: Vec<Quote>,
    /// Quotation marks that do not pair.
    pub stray_marks: Vec<StrayMark>,
    /// List items and tables (Markdown only): where a comment line may go without changing
    /// the structure.
    pub structure: Structure,
    /// On a page of readers' letters or comments, each contribution (a reader's own voice, not
    /// the newsroom's), in order; empty for any other copy. See [`genre`].
    pub contributions: Vec<Span>,
    /// A review (a review rubric heads it, or it gives a rating): the critic's signed
    /// judgement. See [`genre::review`].
    pub review: bool,
    /// The outermost quotations' spans, overlapping ones merged, in order: whether a span is
    /// quoted is a binary search (a scan of every quotation for every date or word was
    /// quadratic in long copy).
    quoted: Vec<Span>,
    /// Whether every character of `prose` is one the narrow regexes read ([`crate::narrow::fits`]).
    prose_fits: bool,
}

impl<'a> Document<'a> {
    /// Parses `text`. `dateline_override` (from config or the editor) wins over anything in the copy.
    pub fn parse(text: &'a str, format: Format, dateline_override: Option<Date>) -> Document<'a> {
        Document::parse_reusing(text, format, dateline_override, None)
    }

    /// [`Document::parse`] that takes what each paragraph's own text decides from `reuse`,
    /// where an earlier parse of the story made it, and keeps this parse's there (the same
    /// document either way; see [`reuse`]). The caller brackets the parse with
    /// [`Reuse::begin`] and [`Reuse::sweep`].
    pub fn parse_reusing(
        text: &'a str,
        format: Format,
        dateline_override: Option<Date>,
        reuse: Option<&Reuse>,
    ) -> Document<'a> {
        let front_matter = if format == Format::Markdown {
            frontmatter::parse(text)
        } else {
            None
        };
        let body_start = front_matter.as_ref().map_or(0, |f| f.span.end);
        let (mut prose, blocks, structure) = match format {
            Format::Markdown => {
                prose::markdown_reusing(text, body_start, reuse.map(Reuse::markdown))
            }
            Format::Plain => {
                let (prose, blocks) = prose::plain(text, body_start);
                (prose, blocks, Structure::default())
            }
        };

        let mut date_markers = Vec::new();
        let mut dateline = dateline_override.map(|date| Dateline {
            date,
            source: DatelineSource::Config,
        });
        if let (None, Some(d)) = (dateline, front_matter.as_ref().and_then(|f| f.date)) {
            dateline = Some(Dateline {
                date: d,
                source: DatelineSource::FrontMatter,
            });
        }

        let mut blocks = blocks;
        // A first line `date YYYY-MM-DD`, perhaps followed by the headline on the same line.
        let mut headline_from_date_line = false;
        if let Some(first) = blocks.first_mut() {
            if let Some((date, len)) = dateline::date_line(&text[first.span.range()]) {
                let marker = Span::new(first.span.start, first.span.start + len);
                date_markers.push(marker);
                blank_in(&mut prose, marker);
                if dateline.is_none() {
                    dateline = Some(Dateline {
                        date,
                        source: DatelineSource::DateLine,
                    });
                }
                let first_line_end = text[first.span.range()]
                    .find('\n')
                    .map_or(first.span.end, |i| first.span.start + i);
                if marker.end >= first_line_end {
                    blocks.remove(0);
                } else {
                    first.span.start = marker.end;
                    headline_from_date_line = true;
                }
            }
        }
        if let Some((date, span)) = dateline::header(&text[body_start..]) {
            let span = span.shift(body_start);
            // Only a header near the top counts: one in the body is copy, not metadata.
            if blocks.iter().take(2).any(|b| b.span.overlaps(span)) {
                date_markers.push(span);
                blank_in(&mut prose, span);
                blocks.retain(|b| !span.contains_span(b.span));
                if dateline.is_none() {
                    dateline = Some(Dateline {
                        date,
                        source: DatelineSource::Header,
                    });
                }
            }
        }

        // The wire dateline opens the first paragraph of copy (after any headline).
        let mut wire_dateline = None;
        for b in blocks.iter().filter(|b| !b.heading).take(3) {
            if let Some(w) = dateline::wire(&prose[b.span.range()], b.span.start) {
                wire_dateline = Some(w);
                break;
            }
        }
        if let (
            None,
            Some(WireDateline {
                month_day: Some((m, d)),
                ..
            }),
        ) = (dateline, wire_dateline)
        {
            let year = front_matter.as_ref().and_then(|f| f.date).map(|d| d.year());
            if let Some(date) = year.and_then(|y| Date::new(y, m, d).ok()) {
                dateline = Some(Dateline {
                    date,
                    source: DatelineSource::Wire,
                });
            }
        }
        // The wire dateline's day is the day where the story happens ("MELBOURNE, April 6 -"
        // filed on April 5 by the desk's clock): within two days of the filing date, it is the
        // day "today" means.
        if let (
            Some(Dateline {
                date: filed,
                source,
            }),
            Some(WireDateline {
                month_day: Some((m, d)),
                ..
            }),
        ) = (dateline, wire_dateline)
        {
            let local = [filed.year() - 1, filed.year(), filed.year() + 1]
                .into_iter()
                .filter_map(|y| Date::new(y, m, d).ok())
                .find(|l| filed.until(*l).is_ok_and(|span| span.get_days().abs() <= 2));
            if let (true, Some(date)) = (
                source != DatelineSource::Config,
                local.filter(|l| *l != filed),
            ) {
                dateline = Some(Dateline {
                    date,
                    source: DatelineSource::Wire,
                });
            }
        }

        // A long story's sentences are split on a second thread while this one finds the
        // quotations and reads the page (neither reads sentences): the parse is the one stage
        // before the rules, which share two threads (see `crate::engine::registry`). Not when
        // the parse reuses an earlier one's work (the server's edits), nor below
        // [`SPLIT_ASIDE_FROM`] (a short story never starts a thread).
        let split_aside = reuse.is_none() && text.len() >= SPLIT_ASIDE_FROM;
        let mut paragraphs = Vec::with_capacity(blocks.len());
        let mut sentences = Vec::new();
        let (mut spans, mut slots) = (Vec::new(), Vec::new());
        let first_body = blocks.iter().position(|b| !b.heading);
        for (i, b) in blocks.iter().enumerate() {
            let headline = b.heading
                || (i == 0 && headline_from_date_line)
                || (Some(i) == first_body
                    && front_matter.as_ref().is_none_or(|f| f.title.is_none())
                    && looks_like_headline(
                        &prose[b.span.range()],
                        blocks.len(),
                        wire_dateline.map(|w| {
                            if b.span.contains(w.span.start) {
                                DatelineAt::Here
                            } else {
                                DatelineAt::Later
                            }
                        }),
                        i > 0,
                    ));
            let start = sentences.len();
            match reuse {
                Some(r) => {
                    spans.clear();
                    slots.push(r.sentences(&prose[b.span.range()], b.span.start, &mut spans));
                    sentences.extend(spans.iter().map(|&s| Sentence {
                        span: s,
                        paragraph: paragraphs.len(),
                    }));
                }
                // Split on a second thread below, while this one reads the page.
                None if split_aside => {}
                None => {
                    for s in sentences::split(&prose[b.span.range()], b.span.start) {
                        sentences.push(Sentence {
                            span: s,
                            paragraph: paragraphs.len(),
                        });
                    }
                }
            }
            paragraphs.push(Paragraph {
                span: b.span,
                sentences: start..sentences.len(),
                headline,
                opens: b.opens.min(b.span.start),
            });
        }

        // The prose is final from here on: whether it fits the narrow regexes is scanned once.
        let fits = crate::narrow::FitsScope::new(&prose);
        let para_spans: Vec<Span> = paragraphs.iter().map(|p| p.span).collect();
        let page = || {
            let (mut quotes, stray_marks) = quotes::find_marked(&prose, &text, &para_spans);
            // Quotations set as blocks: Markdown's `> ...`, and a paragraph introduced by a colon
            // line ("The governor added:").
            let mut blocks: Vec<(Span, (usize, usize))> = structure
                .block_quotes
                .iter()
                .filter_map(|b| {
                    let first = para_spans.partition_point(|p| p.end <= b.start);
                    let last = para_spans.partition_point(|p| p.start < b.end);
                    (first < last).then(|| {
                        let span = Span::new(para_spans[first].start, para_spans[last - 1].end);
                        (span, (first, last - 1))
                    })
                })
                .collect();
            // Both in order: a paragraph inside a Markdown block is found by binary search.
            let marked = blocks.len();
            for i in quotes::introduced_blocks(&prose, &para_spans) {
                let p = para_spans[i];
                let k = blocks[..marked].partition_point(|(b, _)| b.end <= p.start);
                if blocks[..marked]
                    .get(k)
                    .is_none_or(|(b, _)| !b.contains_span(p))
                {
                    blocks.push((p, (i, i)));
                }
            }
            blocks.sort_by_key(|(b, _)| b.start);
            quotes::add_blocks(&mut quotes, &blocks);
            let title = front_matter.as_ref().and_then(|f| f.title.as_deref());
            let reading = genre::Reading::new(
                &prose,
                &paragraphs,
                &quotes,
                reuse.map(|r| (r, slots.as_slice())),
            );
            let contributions = genre::contributions(&reading, title);
            let review = genre::review(&reading, title);
            drop(reading);
            (quotes, stray_marks, contributions, review)
        };
        let (quotes, stray_marks, contributions, review) = if split_aside {
            let (split, page) = std::thread::scope(|scope| {
                let split = scope.spawn(|| split_all(&prose, &paragraphs));
                let page = page();
                let split = split
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (split, page)
            });
            sentences = split;
            let mut at = 0;
            for (i, p) in paragraphs.iter_mut().enumerate() {
                let start = at;
                while sentences.get(at).is_some_and(|s| s.paragraph == i) {
                    at += 1;
                }
                p.sentences = start..at;
            }
            page
        } else {
            page()
        };

        let mut quoted: Vec<Span> = Vec::new();
        for q in quotes.iter().filter(|q| q.depth == 0) {
            match quoted.last_mut() {
                Some(last) if q.span.start < last.end => last.end = last.end.max(q.span.end),
                _ => quoted.push(q.span),
            }
        }

        let prose_fits = fits.fits();
        drop(fits);
        Document {
            prose_fits,
            quoted,
            text,
            format,
            prose,
            front_matter,
            dateline,
            wire_dateline,
            date_markers,
            paragraphs,
            sentences,
            quotes,
            stray_marks,
            structure,
            contributions,
            review,
        }
    }

    /// A scope in which [`crate::narrow::fits`] answers for slices of the prose without a scan.
    pub fn fits_scope(&self) -> crate::narrow::FitsScope<'_> {
        crate::narrow::FitsScope::known(&self.prose, self.prose_fits)
    }

    /// The innermost-first outermost quotation containing `offset`, if any.
    pub fn quote_at(&self, offset: usize) -> Option<&Quote> {
        // Quotations are sorted by start, nested ones after their container.
        let i = self.quotes.partition_point(|q| q.span.start <= offset);
        self.quotes[..i]
            .iter()
            .rev()
            .find(|q| q.depth == 0)
            .filter(|q| q.span.contains(offset))
    }

    /// The quotations outside others, merged where they overlap, in order (what
    /// [`Document::is_writers_voice`] reads).
    pub fn quoted_spans(&self) -> &[Span] {
        &self.quoted
    }

    /// True when every byte of `span` is the writer's own words (outside any quotation).
    pub fn is_writers_voice(&self, span: Span) -> bool {
        let i = self.quoted.partition_point(|q| q.start < span.end);
        // Merged spans are in order of their ends too: the last one opened before the span
        // ends is the only one that can reach into it.
        !(i > 0 && self.quoted[i - 1].overlaps(span))
    }

    /// True when `offset` is inside a reader's contribution on a letters or comments page: the
    /// reader's voice, not the newsroom's.
    pub fn is_contribution(&self, offset: usize) -> bool {
        let i = self.contributions.partition_point(|s| s.end <= offset);
        self.contributions.get(i).is_some_and(|s| s.start <= offset)
    }

    /// The sentence containing `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<(usize, &Sentence)> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences
            .get(i)
            .filter(|s| s.span.start <= offset)
            .map(|s| (i, s))
    }

    /// The paragraph containing `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<(usize, &Paragraph)> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= offset);
        self.paragraphs
            .get(i)
            .filter(|p| p.span.start <= offset)
            .map(|p| (i, p))
    }

    /// Body paragraphs: everything but headlines and subheads.
    pub fn body(&self) -> impl Iterator<Item = (usize, &Paragraph)> {
        self.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.headline)
    }

    /// The masked prose of a span.
    pub fn prose_of(&self, span: Span) -> &str {
        &self.prose[span.range()]
    }

    /// The headline: the first headline paragraph, or the front matter title.
    pub fn headline(&self) -> Option<Span> {
        self.paragraphs.iter().find(|p| p.headline).map(|p| p.span)
    }
}

/// The shortest story whose sentences are split on a second thread during the parse (the
/// length from which the rules run on two threads).
const SPLIT_ASIDE_FROM: usize = 64 * 1024;

/// Every paragraph's sentences, in order (what the parse's loop makes when it splits them).
fn split_all(prose: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        out.extend(
            sentences::split(&prose[p.span.range()], p.span.start)
                .into_iter()
                .map(|s| Sentence {
                    span: s,
                    paragraph: i,
                }),
        );
    }
    out
}

fn blank_in(prose: &mut String, span: Span) {
    let mut bytes = std::mem::take(prose).into_bytes();
    prose::blank(&mut bytes, span);
    *prose = String::from_utf8(bytes).unwrap_or_default();
}

/// Where the wire dateline stands against the first block of copy.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DatelineAt {
    /// It opens this block: the block is copy.
    Here,
    /// It opens a later block: a short line before it is the headline.
    Later,
}

/// A lone short line with no closing punctuation, ahead of the copy, reads as a headline; so
/// does a headline closed by a semicolon with its deck on the next line, a line in title case, a
/// short line in headline grammar ([`headline_grammar`]), and any short line ahead of the wire
/// dateline, which opens the copy. The last two only when no heading stands before it (`headed`):
/// after a headline, a short line is the copy's first sentence.
fn looks_like_headline(
    block: &str,
    blocks: usize,
    dateline: Option<DatelineAt>,
    headed: bool,
) -> bool {
    if blocks < 2 || dateline == Some(DatelineAt::Here) {
        return false;
    }
    if block.contains('\n') {
        return headline_and_deck(block);
    }
    let words = block.split_whitespace().count();
    if !headed && dateline == Some(DatelineAt::Later) && words <= HEADLINES.max_words {
        return true;
    }
    let last = block.trim_end().chars().next_back();
    (words <= 20
        && !matches!(
            last,
            Some('.' | '?' | '!' | '"' | '”' | '\'' | '’' | ')' | ':' | ';' | ',')
        ))
        || title_case(block, words)
        || (!headed && headline_grammar(block, words))
}

/// `data/document/headlines.toml`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Headlines {
    minor_words: std::collections::HashSet<String>,
    copy_words: std::collections::HashSet<String>,
    day_words: std::collections::HashSet<String>,
    max_words: usize,
    max_grammar_words: usize,
}

static HEADLINES: std::sync::LazyLock<Headlines> = std::sync::LazyLock::new(|| {
    crate::vocab::parse(
        "document/headlines.toml",
        include_str!("../../data/document/headlines.toml"),
    )
});

/// A line in title case, whatever closes it: every word of four letters or more (at least four
/// of them) opens with a capital, and every lower-case word is a `minor_words` one ("Senators
/// Say the Vote Will Wait Until Spring."). Copy capitalises names, not its verbs.
fn title_case(block: &str, words: usize) -> bool {
    if words > 25 {
        return false;
    }
    let mut long = 0;
    for w in block
        .split(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '’' | '-')))
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
    {
        let upper = w.starts_with(char::is_uppercase);
        if !upper && !HEADLINES.minor_words.contains(w) {
            return false;
        }
        long += usize::from(w.chars().count() >= 4);
    }
    long >= 4
}

/// A short line in sentence case closed by a full stop (perhaps inside a closing quotation mark)
/// reads as a headline when it is in headline grammar: none of the words copy cannot do without
/// and headlines drop (`copy_words`: articles, auxiliaries, modals), and no day: a lede says
/// when (a month, a weekday or one of `day_words`), a headline seldom does. "Council delays library vote
/// after protest." is a headline; "The council has delayed the vote." and "Police arrested two
/// men, the council said." (too long or with an article) stay copy.
fn headline_grammar(block: &str, words: usize) -> bool {
    let block = block.trim();
    let closed = block.trim_end_matches(['"', '”', '\'', '’']).ends_with('.');
    words <= HEADLINES.max_grammar_words
        && closed
        && block.starts_with(|c: char| c.is_uppercase())
        && outside_quotation_marks(block)
            .split(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '’')))
            .map(|w| w.trim_matches(['\'', '’']))
            .filter(|w| !w.is_empty())
            .all(|w| {
                let lower = w.to_lowercase().replace('’', "'");
                let dated = w.starts_with(char::is_uppercase)
                    && (dateline::CALENDAR.months.index_of(w).is_some()
                        || dateline::CALENDAR.weekdays.index_of(w).is_some());
                !HEADLINES.copy_words.contains(&lower)
                    && !HEADLINES.day_words.contains(&lower)
                    && !dated
            })
}

/// The line with what stands in quotation marks blanked: a headline quotes in single or double
/// marks, and the speaker's words keep their own grammar ("Mayor to council: 'You are wrong.'").
/// A mark opens after a space, a colon or the line's start and closes before a space, a
/// punctuation mark or the end; an apostrophe inside a word ("mayor's", "won't") does neither.
fn outside_quotation_marks(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut inside = false;
    for (i, &c) in chars.iter().enumerate() {
        let mark = matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”');
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let opens = !inside
            && before.is_none_or(|b| b.is_whitespace() || matches!(b, ':' | '('))
            && after.is_some_and(|a| !a.is_whitespace());
        let closes = inside && after.is_none_or(|a| !a.is_alphanumeric());
        if mark && (opens || closes) {
            inside = opens;
            out.push(' ');
        } else {
            out.push(if inside { ' ' } else { c });
        }
    }
    out
}

/// A headline and its deck on two short lines, the headline closed by a semicolon, as some
/// archives print them: "Council delays library vote;\nThe leader wants a survey first."
fn headline_and_deck(block: &str) -> bool {
    let lines: Vec<&str> = block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.len() == 2
        && lines[0].ends_with(';')
        && lines.iter().all(|l| l.split_whitespace().count() <= 25)
}

#[cfg(test)]
mod tests;
