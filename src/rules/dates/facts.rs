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
            for (i, p) in doc.paragraphs.iter().enumerate() {
                let has = cx.local(paras.para(doc, i), para_column_pronouns);
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
    // Each line's expressions, then each expression resolved: both shared with a helper thread
    // on a long story (see `Context::map`), in order.
    let lines: Vec<_> = recognise::lines(&doc.prose, &skip).collect();
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
    let resolved: Vec<Option<Resolved>> = map_with(cx, found.len(), |k| {
        let expr = found[k];
        {
            let sentence = doc
                .sentence_at(expr.span.start)
                .map(|(_, s)| s.span)
                .filter(|s| s.contains_span(expr.span))
                .unwrap_or(expr.span);
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
                None => resolve::tense_at(&doc.prose, sentence, expr.span),
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
        }
    });
    let mut all: Vec<Resolved> = Vec::with_capacity(resolved.len());
    all.extend(resolved.into_iter().flatten());
    weekday_with_ordinal(&doc.prose, r, &mut all);
    all
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
