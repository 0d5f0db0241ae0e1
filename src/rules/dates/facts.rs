//! Work every dates rule shares, done once per story: each date expression recognised,
//! resolved against the dateline and read for tense, and the house style the story follows.

use super::house;
use super::recognise::{self, Expr, Kind, Written};
use super::resolve::{self, TenseCue};
use crate::config::{Config, Style};
use crate::document::Document;
use crate::finding::Span;
use crate::report::DateMention;
use crate::rules::memo::{Para, Paragraphs};
use crate::rules::{Context, Facts, Report};
use jiff::civil::Date;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// One recognised expression, resolved: what the rules, the timeline and the editors need.
#[derive(Clone, Copy, Debug)]
pub struct Resolved {
    pub expr: Expr,
    pub cue: TenseCue,
    pub date: Option<Date>,
    pub quoted: bool,
    pub headline: bool,
}

/// The story's dates, for every dates rule.
pub struct DateFacts {
    /// The dateline's date.
    pub r: Option<Date>,
    /// The story's house style ([`story_style`]).
    pub style: Style,
    /// Written throughout in day-month order: held to British style.
    pub british: bool,
    /// Every expression, in order.
    pub all: Vec<Resolved>,
    mentions_reported: AtomicBool,
}

impl Facts for DateFacts {
    fn compute(cx: &Context) -> Self {
        let doc = cx.doc;
        let all = resolve(doc, Some(cx));
        // A story written throughout in day-month order ("23 March", "1 April") follows a
        // British house: its dates are held to BBC style rather than flagged one by one.
        let (mut day_first, mut month_first) = (0, 0);
        for x in all.iter().filter(|x| !x.quoted && !x.headline) {
            if let Kind::Date(w) | Kind::WeekdayDate { date: w, .. } = x.expr.kind {
                match w.order {
                    recognise::Order::DayMonth => day_first += 1,
                    recognise::Order::MonthDay => month_first += 1,
                    _ => {}
                }
            }
        }
        DateFacts {
            r: doc.dateline.map(|d| d.date),
            style: story_style(doc, cx.config.style),
            british: month_first == 0 && day_first >= 2,
            all,
            mentions_reported: AtomicBool::new(false),
        }
    }
}

impl DateFacts {
    /// The expressions a rule checks: the writer's own words in the body, and relative days
    /// only when there is a dateline to measure them from.
    pub fn checked(&self) -> impl Iterator<Item = &Resolved> {
        self.all.iter().filter(move |x| {
            !x.quoted && !x.headline && !(self.r.is_none() && x.expr.is_relative())
        })
    }

    /// Writes the story's date mentions (for hover, inlay hints and the timeline) into the
    /// report of the first dates rule that runs; later calls do nothing.
    pub fn report_mentions(&self, report: &mut Report) {
        if self.mentions_reported.swap(true, Ordering::Relaxed) {
            return;
        }
        for x in self.all.iter().filter(|x| x.expr.is_date()) {
            report.dates.push(DateMention {
                span: x.expr.span,
                resolved: x.date,
                relative: x.expr.is_relative(),
                quoted: x.quoted,
            });
        }
    }

    /// The house a written date is held to.
    pub fn house_for(&self, w: &Written) -> Style {
        house_for(self.style, w, self.british)
    }
}

/// Recognises and resolves every date expression in the document, in order.
pub fn resolve_all(doc: &Document<'_>) -> Vec<Resolved> {
    resolve(doc, None)
}

/// The tense its sentence gives an expression: local to the sentence, so the server's memo keeps
/// it (key: the sentence's prose and the expression's place in it).
fn tense_local(sentence: Para, _: &Config) -> TenseCue {
    let expr = sentence.marks.first().copied().unwrap_or_default();
    resolve::tense_at(sentence.prose, Span::new(0, sentence.prose.len()), expr)
}

/// Which sentences of one paragraph hold a pronoun of a column ([`resolve::is_column`]).
fn para_column_pronouns(para: Para, _: &Config) -> Vec<bool> {
    para.sentences
        .iter()
        .map(|s| resolve::has_column_pronoun(&para.prose[s.range()]))
        .collect()
}

/// The date expressions of one line of the prose ([`recognise::lines`]); its marks: the spans
/// to skip.
fn line_exprs(line: Para, _: &Config) -> Vec<recognise::Expr> {
    recognise::find(line.prose, line.marks)
}

/// `f(i)` for `i` in `0..n`, in order: through [`Context::map`] when there is a context.
fn map_with<V: Send>(cx: Option<&Context>, n: usize, f: impl Fn(usize) -> V + Sync) -> Vec<V> {
    match cx {
        Some(cx) => cx.map(n, f),
        None => (0..n).map(f).collect(),
    }
}

/// [`resolve_all`], with each expression's tense taken from `cx`'s memo when there is one.
fn resolve(doc: &Document<'_>, cx: Option<&Context>) -> Vec<Resolved> {
    let mut skip: Vec<Span> = doc.date_markers.clone();
    if let Some(w) = doc.wire_dateline {
        skip.push(w.span);
    }
    let r = doc.dateline.map(|d| d.date);
    let column = match cx.filter(|cx| cx.has_memo()) {
        // Each paragraph's pronouns from the memo (all of them, so that the memo keeps them).
        Some(cx) => {
            let paras = cx.facts::<Paragraphs>();
            let mut n = 0;
            let all = cx.local_paras(
                &paras,
                doc.paragraphs.len(),
                |i| (i, &[]),
                para_column_pronouns,
            );
            for (p, has) in doc.paragraphs.iter().zip(&all) {
                for (k, &has) in has.iter().enumerate() {
                    if has && doc.is_writers_voice(doc.sentences[p.sentences.start + k].span) {
                        n += 1;
                    }
                }
            }
            n >= resolve::column_sentences()
        }
        // As `resolve::is_column`, shared with a helper thread on a long story: a sentence
        // is read until enough have been found, so the count reaches the need exactly when
        // the sentences hold that many.
        None if cx.is_some() => {
            let need = resolve::column_sentences();
            let found = AtomicUsize::new(0);
            map_with(cx, doc.sentences.len(), |i| {
                let s = doc.sentences[i].span;
                if found.load(Ordering::Relaxed) < need
                    && doc.is_writers_voice(s)
                    && resolve::has_column_pronoun(&doc.prose[s.range()])
                {
                    found.fetch_add(1, Ordering::Relaxed);
                }
            });
            found.into_inner() >= need
        }
        None => resolve::is_column(
            doc.sentences
                .iter()
                .map(|s| (s.span, &doc.prose[s.span.range()])),
            |span| doc.is_writers_voice(span),
        ),
    };
    let lines: Vec<_> = recognise::lines(&doc.prose, &skip).collect();
    let mut all = match cx.filter(|cx| cx.has_memo()) {
        Some(cx) => resolve_by_paragraph(cx, &lines, r, column),
        None => resolve_lines(doc, cx, &lines, r, column),
    };
    weekday_with_ordinal(&doc.prose, r, &mut all);
    all
}

/// The expressions of `lines` (of [`recognise::lines`]), each resolved, in order.
fn resolve_lines(
    doc: &Document<'_>,
    cx: Option<&Context>,
    lines: &[(usize, &str, Vec<Span>)],
    r: Option<Date>,
    column: bool,
) -> Vec<Resolved> {
    // Each line's expressions, then each expression resolved: both shared with a helper thread
    // on a long story (see `Context::map`), in order.
    let by_line: Vec<Vec<recognise::Expr>> = map_with(cx, lines.len(), |k| {
        let (at, line, cut) = &lines[k];
        let para = Para::of(line, line, cut);
        match cx {
            Some(cx) => cx
                .local(para, line_exprs)
                .iter()
                .map(|x| x.shifted(*at))
                .collect::<Vec<_>>(),
            None => recognise::find(line, cut)
                .into_iter()
                .map(|x| x.shifted(*at))
                .collect(),
        }
    });
    // Made at their size (a list grown by doubling copies a long story's several times).
    let mut found = Vec::with_capacity(by_line.iter().map(Vec::len).sum());
    for mut line in by_line {
        found.append(&mut line);
    }
    // Each expression's sentence; the expressions of one sentence are resolved together, the
    // sentence read once for all of them.
    let sentences: Vec<Span> = found
        .iter()
        .map(|x| {
            doc.sentence_at(x.span.start)
                .map(|(_, s)| s.span)
                .filter(|s| s.contains_span(x.span))
                .unwrap_or(x.span)
        })
        .collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for k in 0..found.len() {
        match groups.last_mut() {
            Some((_, end)) if sentences[*end - 1] == sentences[k] => *end = k + 1,
            _ => groups.push((k, k + 1)),
        }
    }
    let resolved: Vec<Vec<Option<Resolved>>> = map_with(cx, groups.len(), |g| {
        let (from, to) = groups[g];
        let mut reading: Option<resolve::SentenceTense> = None;
        (from..to)
            .map(|k| {
                let expr = found[k];
                let sentence = sentences[k];
                let cue = match cx.filter(|cx| cx.has_memo()) {
                    Some(cx) => {
                        let prose = &doc.prose[sentence.range()];
                        let at = [Span::new(
                            expr.span.start - sentence.start,
                            expr.span.end - sentence.start,
                        )];
                        let para = Para::of(prose, prose, &at);
                        *cx.local(para, tense_local)
                    }
                    None => reading
                        .get_or_insert_with(|| resolve::SentenceTense::new(&doc.prose, sentence))
                        .at(expr.span),
                };
                // "Today, women hold a fifth of the seats": nowadays, not a day.
                if let Kind::Relative(w) = expr.kind {
                    if w.may_mean_nowadays()
                        && resolve::means_nowadays(&doc.prose, sentence, expr.span, &cue, r, column)
                    {
                        return None;
                    }
                }
                let date = resolve::resolve(&expr, r, cue);
                let quoted = !doc.is_writers_voice(expr.span);
                let headline = doc
                    .paragraph_at(expr.span.start)
                    .is_some_and(|(_, p)| p.headline);
                Some(Resolved {
                    expr,
                    cue,
                    date,
                    quoted,
                    headline,
                })
            })
            .collect()
    });
    let mut all: Vec<Resolved> = Vec::with_capacity(found.len());
    all.extend(resolved.into_iter().flatten().flatten());
    all
}

/// [`resolve_lines`] with the memo: the lines that lie in one paragraph are read with their
/// paragraph, as one piece of local work ([`para_dates`], kept in the memo under the paragraph
/// and all else it reads: its lines, with their cuts and the few bytes of white space a line
/// holds before or after the paragraph (a line starts after a line break, the paragraph after
/// the run of white space), the quotations over it, its headline flag, the dateline's date and
/// whether the story is a column). A line that runs over more than one paragraph or far out of
/// one (a table row), and every line of a paragraph such a line touches, is read alone, as
/// without the memo.
fn resolve_by_paragraph(
    cx: &Context,
    lines: &[(usize, &str, Vec<Span>)],
    r: Option<Date>,
    column: bool,
) -> Vec<Resolved> {
    /// The most bytes a line may hold before or after its paragraph.
    const OUT: usize = 8;
    let doc = cx.doc;
    let ps = &doc.paragraphs;
    // Each line's paragraph, when it lies in one.
    let mut owner: Vec<Option<usize>> = Vec::with_capacity(lines.len());
    let mut alone = vec![false; ps.len()];
    let mut pi = 0;
    for (at, line, _) in lines {
        let (s, e) = (*at, at + line.len());
        while pi < ps.len() && ps[pi].span.end < s {
            pi += 1;
        }
        if ps.get(pi).is_some_and(|p| {
            s < p.span.end
                && p.span.start < e
                && p.span.start.saturating_sub(s) <= OUT
                && e.saturating_sub(p.span.end) <= OUT
                && ps.get(pi + 1).is_none_or(|n| n.span.start >= e)
        }) {
            owner.push(Some(pi));
            continue;
        }
        owner.push(None);
        // Every paragraph the line touches is read line by line.
        let mut j = pi;
        while j < ps.len() && ps[j].span.start <= e {
            if ps[j].span.end >= s {
                alone[j] = true;
            }
            j += 1;
        }
    }
    for o in &mut owner {
        if o.is_some_and(|p| alone[p]) {
            *o = None;
        }
    }
    let paras = cx.facts::<Paragraphs>();
    let date = match r {
        Some(d) => mark(
            ((d.year() as i64 + 20_000) * 10_000 + d.month() as i64 * 100 + d.day() as i64)
                as usize,
            1,
        ),
        None => Span::default(),
    };
    let bytes = doc.prose.as_bytes();
    let quoted = doc.quoted_spans();
    let mut out = Vec::new();
    let mut marks = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let Some(pi) = owner[k] else {
            out.extend(resolve_lines(doc, Some(cx), &lines[k..k + 1], r, column));
            k += 1;
            continue;
        };
        let p = ps[pi].span;
        let n = owner[k..].iter().take_while(|o| **o == Some(pi)).count();
        // The key: see `para_dates`.
        marks.clear();
        marks.push(mark(n, 0));
        marks.push(mark(
            usize::from(column) | usize::from(ps[pi].headline) << 1,
            0,
        ));
        marks.push(date);
        for (s, line, cut) in &lines[k..k + n] {
            let (s, e) = (*s, s + line.len());
            let (a, b) = (s.max(p.start), e.min(p.end));
            marks.push(Span::new(a - p.start, b - p.start));
            marks.push(mark(a - s, e - b));
            marks.push(mark(cut.len(), 0));
            marks.extend(bytes[s..a].iter().map(|&c| mark(c as usize, 0)));
            marks.extend(bytes[b..e].iter().map(|&c| mark(c as usize, 0)));
            marks.extend_from_slice(cut);
        }
        let from = quoted.partition_point(|q| q.end < p.start);
        let q0 = marks.len();
        marks.extend(
            quoted[from..]
                .iter()
                .take_while(|q| q.start <= p.end)
                .map(|q| {
                    let start = q.start.max(p.start);
                    mark(start - p.start, q.end.min(p.end).max(start) - p.start)
                }),
        );
        marks[0].end = marks.len() - q0;
        let local = cx.local(
            Para {
                marks: &marks,
                ..paras.para(doc, pi)
            },
            para_dates,
        );
        match &*local {
            Some(found) => out.extend(found.iter().map(|x| Resolved {
                expr: x.expr.shifted(p.start),
                ..*x
            })),
            None => out.extend(resolve_lines(doc, Some(cx), &lines[k..k + n], r, column)),
        }
        k += n;
    }
    out
}

/// A pair of numbers in a key (a [`Span`] whose end may come before its start).
fn mark(start: usize, end: usize) -> Span {
    Span { start, end }
}

/// The resolved expressions of the lines of one paragraph (`p.prose`), offsets from its
/// start; None when one of them does not lie in the paragraph (the lines are then read alone).
/// Its marks, as [`resolve_by_paragraph`] writes them: `(lines, quotations)`, `(column |
/// headline << 1, 0)`, the dateline's date (`((y + 20000) * 10000 + m * 100 + d, 1)`, or
/// `(0, 0)` without one); then for each line: the part of it in the paragraph, `(bytes
/// before, bytes after)` the paragraph, `(cuts, 0)`, those bytes (`(byte, 0)` each), its cuts
/// (from the line's start); then the quotations over the paragraph, clipped to it. Resolved as
/// [`resolve_lines`] resolves them: an expression reads its line, its sentence (which lies in
/// the paragraph, as every sentence does) and the quotations.
fn para_dates(p: Para, _: &Config) -> Option<Vec<Resolved>> {
    let m = p.marks;
    let (n, nq) = (m[0].start, m[0].end);
    let column = m[1].start & 1 != 0;
    let headline = m[1].start & 2 != 0;
    let r = (m[2].end == 1).then(|| {
        let v = m[2].start as i64;
        Date::new(
            (v / 10_000 - 20_000) as i16,
            (v / 100 % 100) as i8,
            (v % 100) as i8,
        )
        .expect("a date written by resolve_by_paragraph")
    });
    let quotes = &m[m.len() - nq..];
    let mut out = Vec::new();
    let mut i = 3;
    let mut text: String;
    let mut reading: Option<resolve::SentenceTense> = None;
    for _ in 0..n {
        let inside = m[i];
        let (before, after) = (m[i + 1].start, m[i + 1].end);
        let cuts = m[i + 2].start;
        i += 3;
        let out_bytes = |from: usize, k: usize| -> Vec<u8> {
            m[from..from + k].iter().map(|b| b.start as u8).collect()
        };
        let line: &str = if before + after == 0 {
            &p.prose[inside.range()]
        } else {
            let mut b = out_bytes(i, before);
            b.extend_from_slice(&p.prose.as_bytes()[inside.range()]);
            b.extend(out_bytes(i + before, after));
            text = String::from_utf8(b).ok()?;
            &text
        };
        i += before + after;
        let cut = &m[i..i + cuts];
        i += cuts;
        for x in recognise::find(line, cut) {
            let expr = x.moved(inside.start as isize - before as isize)?;
            if expr.span.end > p.prose.len() {
                return None;
            }
            let k = p.sentences.partition_point(|s| s.end <= expr.span.start);
            let sentence = p
                .sentences
                .get(k)
                .filter(|s| s.start <= expr.span.start && s.contains_span(expr.span))
                .copied()
                .unwrap_or(expr.span);
            // The sentence read once for all its expressions.
            if reading.as_ref().is_some_and(|t| t.sentence() != sentence) {
                reading = None;
            }
            let cue = reading
                .get_or_insert_with(|| resolve::SentenceTense::new(p.prose, sentence))
                .at(expr.span);
            if let Kind::Relative(w) = expr.kind {
                if w.may_mean_nowadays()
                    && resolve::means_nowadays(p.prose, sentence, expr.span, &cue, r, column)
                {
                    continue;
                }
            }
            // As `Document::is_writers_voice`, over the quotations clipped to the paragraph.
            let q = quotes.partition_point(|q| q.start < expr.span.end);
            let quoted = q > 0 && quotes[q - 1].overlaps(expr.span);
            out.push(Resolved {
                expr,
                cue,
                date: resolve::resolve(&expr, r, cue),
                quoted,
                headline,
            });
        }
    }
    Some(out)
}

/// "Tuesday the 18th": the weekday and the day of the month name one day, the 18th of the
/// month next to the dateline's (this one, the one before or the one after) that falls on a
/// Tuesday, nearest the dateline. When no such month is near, each keeps its own reading.
fn weekday_with_ordinal(prose: &str, r: Option<Date>, all: &mut [Resolved]) {
    let Some(r) = r else { return };
    for i in 1..all.len() {
        let (Kind::Weekday(w), Kind::OrdinalDay { day }) = (all[i - 1].expr.kind, all[i].expr.kind)
        else {
            continue;
        };
        let gap = &prose[all[i - 1].expr.span.end..all[i].expr.span.start];
        if !matches!(gap.trim_start_matches(',').trim(), "" | "the") {
            continue;
        }
        let first = r.first_of_month();
        let found = [-1i8, 0, 1]
            .into_iter()
            .filter_map(|k| first.checked_add(jiff::Span::new().months(k)).ok())
            .filter_map(|m| Date::new(m.year(), m.month(), day).ok())
            .filter(|d| d.weekday() == w.weekday)
            .min_by_key(|d| r.until(*d).map_or(i32::MAX, |s| s.get_days().abs()));
        if let Some(d) = found {
            all[i - 1].date = Some(d);
            all[i].date = Some(d);
        }
    }
}

/// The house style the story follows: its front matter's `style:`, else the agency named in its
/// wire dateline ("(Reuters)"), else the configured one.
pub fn story_style(doc: &Document<'_>, configured: Style) -> Style {
    let named = |name: &str| {
        Style::ALL.into_iter().find(|s| {
            s.as_str().eq_ignore_ascii_case(name)
                || house::style_name(*s).eq_ignore_ascii_case(name)
        })
    };
    if let Some(s) = doc
        .front_matter
        .as_ref()
        .and_then(|f| f.style.as_deref())
        .and_then(named)
    {
        return s;
    }
    if let Some(s) = doc
        .wire_dateline
        .and_then(|w| w.agency)
        .and_then(|a| named(doc.text[a.range()].trim()))
    {
        return s;
    }
    configured
}

fn house_for(style: Style, w: &Written, british: bool) -> Style {
    if british && w.order == recognise::Order::DayMonth {
        Style::Bbc
    } else {
        style
    }
}
