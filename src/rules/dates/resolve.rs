//! Resolution: the calendar date an expression names, measured from the dateline, and the tense
//! that decides which way a bare weekday points.

use super::recognise::{Expr, Kind, Modifier, Written};
use super::words::TENSE;
use crate::finding::Span;
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

/// The tense that governs a date expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// What the words around a date say about when it happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TenseCue {
    pub tense: Tense,
    /// The deciding verb is close and in the same clause: safe to build a finding on.
    pub strong: bool,
    /// "could", "if", "might": a hypothetical, never a contradiction.
    pub hypothetical: bool,
    /// The deciding verb comes before the date, close (a past verb within four words, with
    /// nothing between that points at a plan, "agreed to a debate on"; a future marker within
    /// six): firm enough to call a contradiction.
    pub direct: bool,
    /// The word before the expression is "on" or the deciding verb itself.
    pub on_or_adjacent: bool,
    /// "by Friday", "until Friday": a deadline, still to come unless a verb says otherwise.
    pub deadline: bool,
    /// "as soon as Tuesday", "ahead of Sunday's vote": a phrase earlier in the clause that
    /// looks forward, whatever the verb.
    pub future_phrase: bool,
    /// The deciding word is a form of "be" just before the date ("the deadline was April 15"):
    /// it states what a date is, not when something happened.
    pub copula: bool,
    /// The deciding cue is a future seen from the past ("would close", "was expected to meet",
    /// "the offer, due to lapse"): it points forward but may itself be past by the dateline, so
    /// it never makes a tense conflict.
    pub backshifted: bool,
}

impl TenseCue {
    pub const UNKNOWN: TenseCue = TenseCue {
        tense: Tense::Unknown,
        strong: false,
        hypothetical: false,
        direct: false,
        on_or_adjacent: false,
        deadline: false,
        future_phrase: false,
        copula: false,
        backshifted: false,
    };
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    to.since(from).map_or(0, |s| s.get_days() as i64)
}

pub fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

/// The most recent `wd` on or before `r` (`strict`: before).
pub fn on_or_before(r: Date, wd: Weekday, strict: bool) -> Option<Date> {
    let mut back = i64::from(wd.until(r.weekday()));
    if strict && back == 0 {
        back = 7;
    }
    add_days(r, -back)
}

/// The next `wd` on or after `r` (`strict`: after).
pub fn on_or_after(r: Date, wd: Weekday, strict: bool) -> Option<Date> {
    let mut fwd = i64::from(r.weekday().until(wd));
    if strict && fwd == 0 {
        fwd = 7;
    }
    add_days(r, fwd)
}

/// How far a month-day without a year may lie in the tense's direction before the nearer
/// reading on the other side wins (a misread tense must not throw a date a year away).
const TENSE_REACH_DAYS: i64 = 200;

/// How far a weekday-date pair without a year may lie from the dateline and still take the
/// year in which its weekday matches.
const MATCHING_YEAR_REACH_DAYS: i64 = 250;

/// The year for a month-day written without one: nearest the dateline in the tense's direction,
/// or nearest either way when the tense is unknown or that would be far off.
pub fn year_for(month: i8, day: i8, r: Date, tense: Tense) -> Option<Date> {
    let candidates: Vec<Date> = (-1..=1)
        .filter_map(|dy| Date::new(r.year().checked_add(dy)?, month, day).ok())
        .collect();
    let nearest = candidates
        .iter()
        .copied()
        .min_by_key(|d| days_between(r, *d).abs())?;
    let directed = match tense {
        Tense::Past => candidates.iter().copied().filter(|d| *d <= r).max(),
        Tense::Future => candidates.iter().copied().filter(|d| *d >= r).min(),
        Tense::Unknown => None,
    };
    Some(match directed {
        Some(d) if days_between(r, d).abs() <= TENSE_REACH_DAYS => d,
        _ => nearest,
    })
}

/// The written calendar date, if it is a real one (with the year inferred when missing).
pub fn written_date(w: &Written, r: Option<Date>, tense: Tense) -> Option<Date> {
    match w.year {
        Some(y) => Date::new(y, w.month, w.day).ok(),
        // "Nov. 30 last year": the year is the dateline's, moved.
        None if w.year_shift.is_some() => Date::new(
            r?.year().checked_add(i16::from(w.year_shift?))?,
            w.month,
            w.day,
        )
        .ok(),
        None => year_for(w.month, w.day, r?, tense),
    }
}

/// Why a written date cannot exist, if it cannot.
pub fn impossible(w: &Written, r: Option<Date>) -> Option<String> {
    if !(1..=12).contains(&w.month) {
        return Some(format!("There is no month {}.", w.month));
    }
    let month_name = super::house::full_month(w.month);
    if w.day < 1 {
        return Some("There is no day 0 in a month.".to_string());
    }
    let max = match w.month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if w.day > max {
        return Some(format!("{month_name} has only {max} days."));
    }
    if w.month == 2 && w.day == 29 {
        let year = w
            .year
            .or_else(|| Some(r?.year().checked_add(i16::from(w.year_shift?))?));
        match year {
            Some(y) if Date::new(y, 2, 29).is_err() => {
                return Some(format!("{y} is not a leap year: February has 28 days."))
            }
            None => {
                let r = r?;
                // Only a Feb. 29 within reach of the dateline is meant.
                let near = (-1..=1)
                    .filter_map(|dy| Date::new(r.year() + dy, 2, 29).ok())
                    .any(|d| days_between(r, d).abs() <= TENSE_REACH_DAYS);
                if !near {
                    return Some(format!(
                        "{} is not a leap year: February has 28 days.",
                        nearest_year(r)
                    ));
                }
            }
            _ => {}
        }
    }
    None
}

fn nearest_year(r: Date) -> i16 {
    // The February nearest the dateline.
    if r.month() >= 9 {
        r.year() + 1
    } else {
        r.year()
    }
}

/// The date an expression names, given the dateline `r`.
pub fn resolve(e: &Expr, r: Option<Date>, cue: TenseCue) -> Option<Date> {
    match e.kind {
        Kind::Date(w) => written_date(&w, r, cue.tense),
        Kind::WeekdayDate { date: w, weekday } => {
            let d = written_date(&w, r, cue.tense)?;
            match (w.year, r) {
                // No year given: when another year near the dateline puts the named weekday on
                // this date, that is the year meant ("Thursday, Oct. 3" in March copy is the
                // coming October, not the last one), unless the tense points the other way.
                (None, Some(r)) if d.weekday() != weekday.weekday => Some(
                    (-1..=1)
                        .filter_map(|dy| Date::new(r.year().checked_add(dy)?, w.month, w.day).ok())
                        .filter(|c| {
                            c.weekday() == weekday.weekday
                                && days_between(r, *c).abs() <= MATCHING_YEAR_REACH_DAYS
                        })
                        .find(|c| match cue.tense {
                            Tense::Past if cue.strong => *c <= r,
                            Tense::Future if cue.strong => *c >= r,
                            _ => true,
                        })
                        .unwrap_or(d),
                ),
                _ => Some(d),
            }
        }
        Kind::Relative(word) => add_days(r?, word.offset()),
        Kind::MonthAlone { .. } => None,
        Kind::OrdinalDay { day } => {
            // This month's day, or the next (future) or last (past) month's when that is nearer
            // the tense's side of the dateline.
            let r = r?;
            let this = Date::new(r.year(), r.month(), day).ok();
            let first = r.first_of_month();
            let other = match cue.tense {
                Tense::Future => first.checked_add(1.month()).ok(),
                Tense::Past => first.checked_sub(1.month()).ok(),
                Tense::Unknown => None,
            }
            .and_then(|m| Date::new(m.year(), m.month(), day).ok());
            match (this, cue.tense) {
                (Some(d), Tense::Future) if d >= r => Some(d),
                (Some(d), Tense::Past) if d <= r => Some(d),
                (Some(d), Tense::Unknown) => Some(d),
                _ => other.or(this),
            }
        }
        Kind::Weekday(w) => {
            let r = r?;
            let d = match w.modifier {
                Modifier::Last => on_or_before(r, w.weekday, true),
                Modifier::Next => on_or_after(r, w.weekday, true),
                Modifier::Previous => {
                    on_or_before(r, w.weekday, true).and_then(|d| add_days(d, -7))
                }
                Modifier::This => match cue.tense {
                    Tense::Past => on_or_before(r, w.weekday, false),
                    _ => on_or_after(r, w.weekday, false),
                },
                Modifier::None | Modifier::Late if cue.future_phrase => {
                    on_or_after(r, w.weekday, false)
                }
                // "Wednesday's ruling" names an event, most often one already reported: a
                // future verb makes it the nearer of the two readings ("will attend Friday's
                // meeting"), not the coming one.
                Modifier::None | Modifier::Late if w.possessive => match cue.tense {
                    Tense::Future if cue.strong && cue.direct => {
                        let (b, a) = (
                            on_or_before(r, w.weekday, false)?,
                            on_or_after(r, w.weekday, false)?,
                        );
                        Some(if days_between(b, r) <= days_between(r, a) {
                            b
                        } else {
                            a
                        })
                    }
                    _ => on_or_before(r, w.weekday, false),
                },
                Modifier::None | Modifier::Late => match cue.tense {
                    Tense::Future if cue.strong => on_or_after(r, w.weekday, false),
                    Tense::Unknown if cue.deadline => on_or_after(r, w.weekday, false),
                    _ => on_or_before(r, w.weekday, false),
                },
            }?;
            add_days(d, i64::from(w.shift))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tense

/// The end of the word of [`tokens`] that starts at `s` (an ASCII letter): ASCII letters and
/// apostrophes, straight or curly; and how many curly ones it holds (three bytes each, which
/// folding writes as one).
#[inline]
fn word_end(b: &[u8], s: usize) -> (usize, usize) {
    const APOSTROPHE: &[u8] = "’".as_bytes();
    let (mut i, mut curly) = (s + 1, 0);
    loop {
        match b.get(i) {
            Some(&d) if d.is_ascii_alphabetic() || d == b'\'' => i += 1,
            Some(0xE2) if b[i..].starts_with(APOSTROPHE) => {
                i += APOSTROPHE.len();
                curly += 1;
            }
            _ => return (i, curly),
        }
    }
}

/// Words (ASCII letters with apostrophes) and clause punctuation, with their offsets in `text`
/// plus `base`. Byte by byte: every character it keeps or ends a word on is ASCII or one of the
/// three-byte marks `’`, `—` and `–` (the bytes of other characters match none of them).
fn tokens(text: &str, base: usize) -> Vec<(usize, &str)> {
    const EM_DASH: &[u8] = "—".as_bytes();
    const EN_DASH: &[u8] = "–".as_bytes();
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_alphabetic() {
            let (end, _) = word_end(b, i);
            out.push((base + i, &text[i..end]));
            i = end;
            continue;
        }
        let len = match c {
            // "1,000": a thousands separator is no clause boundary.
            b',' if i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(u8::is_ascii_digit) =>
            {
                0
            }
            b',' | b';' | b':' | b'(' | b')' => 1,
            0xE2 if b[i..].starts_with(EM_DASH) || b[i..].starts_with(EN_DASH) => 3,
            _ => 0,
        };
        if len > 0 {
            out.push((base + i, &text[i..i + len]));
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// [`tokens`] one decoded character at a time (what the byte scan must agree with).
#[cfg(test)]
fn tokens_by_char(text: &str, base: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_alphabetic() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_alphabetic() || d == '\'' || d == '’' {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push((base + i, &text[i..end]));
        } else if matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')') {
            // "1,000": a thousands separator is no clause boundary.
            let in_figure = c == ','
                && text[..i].ends_with(|d: char| d.is_ascii_digit())
                && text[i + 1..].starts_with(|d: char| d.is_ascii_digit());
            if !in_figure {
                out.push((base + i, &text[i..i + c.len_utf8()]));
            }
        }
    }
    out
}

/// The infinitive marker: "is to vote" is a plan.
const INFINITIVE: &str = "to";

/// The tense one word marks, given the (up to three) words before it and the word after it.
/// `reporting_close`: the word sits just before the date with no punctuation between.
/// `t` lower-cased (ASCII) with `’` written `'`, as `t.to_ascii_lowercase().replace('’', "'")`,
/// into `buf` (cleared first): no allocation per token.
fn fold_into<'b>(t: &str, buf: &'b mut Vec<u8>) -> &'b str {
    buf.clear();
    fold_push(t, buf);
    std::str::from_utf8(buf).expect("folding keeps UTF-8")
}

/// Appends `t` folded as [`fold_into`] does to `buf`.
fn fold_push(t: &str, buf: &mut Vec<u8>) {
    const APOSTROPHE: &[u8] = "’".as_bytes();
    let b = t.as_bytes();
    if !b.contains(&APOSTROPHE[0]) {
        buf.extend(b.iter().map(u8::to_ascii_lowercase));
        return;
    }
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == APOSTROPHE[0] && b[i..].starts_with(APOSTROPHE) {
            buf.push(b'\'');
            i += APOSTROPHE.len();
        } else {
            buf.push(c.to_ascii_lowercase());
            i += 1;
        }
    }
}

/// Every token folded as [`fold_into`] does, in one string: the string and each token's end.
fn fold_all(toks: &[(usize, &str)]) -> (String, Vec<usize>) {
    let mut buf = Vec::with_capacity(toks.iter().map(|(_, t)| t.len()).sum());
    let mut ends = Vec::with_capacity(toks.len());
    for (_, t) in toks {
        fold_push(t, &mut buf);
        ends.push(buf.len());
    }
    let text = String::from_utf8(buf).expect("folding keeps UTF-8");
    (text, ends)
}

/// Every token of `text` ([`tokens`] with offsets plus `base`) folded as [`fold_all`] folds them:
/// one string and each token's bounds in it. Folding changes a length only where it writes a
/// curly apostrophe as a straight one: a sentence without one (most) is lower-cased at once and
/// each token keeps its place (the string holds the bytes between tokens too); else the tokens
/// are folded one by one.
fn fold_sentence(text: &str, base: usize, toks: &[(usize, &str)]) -> (String, Vec<(usize, usize)>) {
    const APOSTROPHE: &[u8] = "’".as_bytes();
    if memchr::memmem::find(text.as_bytes(), APOSTROPHE).is_none() {
        let bounds = toks
            .iter()
            .map(|&(o, t)| (o - base, o - base + t.len()))
            .collect();
        return (text.to_ascii_lowercase(), bounds);
    }
    let (folded, ends) = fold_all(toks);
    let mut from = 0;
    let bounds = ends
        .iter()
        .map(|&e| {
            let b = (from, e);
            from = e;
            b
        })
        .collect();
    (folded, bounds)
}

/// The tokens of [`fold_all`]'s string, as slices of it.
fn folded<'s>(text: &'s str, ends: &[usize]) -> Vec<&'s str> {
    let mut from = 0;
    ends.iter()
        .map(|&e| {
            let w = &text[from..e];
            from = e;
            w
        })
        .collect()
}

fn classify(
    w: &str,
    original: &str,
    recent: &[&str],
    next: &str,
    reporting_close: bool,
) -> Option<Tense> {
    let t = &*TENSE;
    let prev = recent.last().copied().unwrap_or("");
    if t.future.has(w) || w.ends_with("'ll") || t.expect.has(w) {
        return Some(Tense::Future);
    }
    // "is set to", "was set for": "set" alone ("set to work") is not a cue.
    let as_verb = !t.after_be_only.has(w) || t.be.has(prev) || next == INFINITIVE;
    if t.future_before_to.has(w) && t.future_followers.has(next) && as_verb {
        return Some(Tense::Future);
    }
    // "the council is to vote"
    if w == INFINITIVE && t.be_present.has(prev) {
        return Some(Tense::Future);
    }
    if t.reporting.has(w) {
        // Only "said on Thursday", "told reporters Wednesday", "said in a statement on Monday".
        return (reporting_close && !t.reporting_never.has(w)).then_some(Tense::Past);
    }
    if t.past.has(w) {
        // "were planning to", "was due to": the past of a plan, which still looks forward.
        if t.be.has(w) && t.plan_participles.has(next) {
            return None;
        }
        // "to be held", "must be paid": a participle after "be", "will" or "to" is no past.
        let passive = recent
            .iter()
            .any(|k| t.passive_aux.has(k) || t.linking.has(k));
        if passive && !t.be.has(w) && w.len() > 3 {
            return None;
        }
        return Some(Tense::Past);
    }
    let past_ed = w.len() >= 4
        && w.ends_with("ed")
        && w == original
        && !t.not_past_ed.has(w)
        && !t.determiners.has(prev)
        // "will stay closed", "to be reconnected", "is expected": part of another verb.
        && !recent.iter().any(|k| t.passive_aux.has(k) || t.linking.has(k));
    past_ed.then_some(Tense::Past)
}

/// Does "today" at `expr` (read with `cue`) mean "nowadays"? When no verb dates it and it heads
/// its sentence before a comma ("Today, women hold..."), or when its sentence has a present-state
/// verb and no future or close past verb governs it ("nobody involved remains there today").
pub fn means_nowadays(
    prose: &str,
    sentence: Span,
    expr: Span,
    cue: &TenseCue,
    dateline: Option<Date>,
    column: bool,
) -> bool {
    let toks = tokens(&prose[sentence.range()], sentence.start);
    let mut buf = Vec::new();
    // In a column, a sentence in the present with nothing that dates "today" speaks of the
    // present: "that's the picture today", "the Democrats are acting as though they want to lose".
    if column
        && cue.tense == Tense::Unknown
        && !cue.direct
        && toks.iter().any(|(_, t)| {
            let w = fold_into(t, &mut buf);
            TENSE.be_present.has(w) || TENSE.be_present_contracted.has(w)
        })
    {
        return true;
    }
    // Now set against then: a past year or a phrase of past time in the sentence, and no verb
    // close by that dates "today".
    if !cue.direct
        && !cue.strong
        && cue.tense != Tense::Future
        && sets_then_against_now(&prose[sentence.range()], &toks, dateline)
    {
        return true;
    }
    let Some(first) = toks.iter().position(|(o, _)| *o >= expr.start) else {
        return false;
    };
    // "If the vote were held today": a condition contrary to fact speaks of now.
    let lower = |i: usize| toks[i].1.to_ascii_lowercase();
    if let Some(cond) = (0..first).find(|&i| TENSE.counterfactual_if.has(&lower(i))) {
        if (cond + 1..first).any(|i| TENSE.counterfactual_verbs.has(&lower(i))) {
            return true;
        }
    }
    let is_punct = |i: usize| {
        toks.get(i)
            .is_some_and(|(_, t)| !t.starts_with(|c: char| c.is_ascii_alphabetic()))
    };
    let heads = first == 0 && toks.get(1).is_some_and(|(_, t)| *t == ",");
    // "Today, it is owned by a trust", "and, today, 100,000 troops are deployed": set off by
    // commas, it contrasts now with then, unless the clause after it dates an event.
    let set_off =
        (first == 0 || is_punct(first - 1)) && toks.get(first + 1).is_some_and(|(_, t)| *t == ",");
    if set_off && states_the_present(&toks, first + 2) {
        return true;
    }
    // "Today the agency screens travellers by country": heading its sentence, the bare word
    // (not "Today's") before a subject with a determiner and a clause in the present ("Today we
    // celebrate" is a speaker's day).
    if first == 0
        && toks[0].1.eq_ignore_ascii_case("today")
        && !set_off
        && toks
            .get(1)
            .is_some_and(|(_, t)| TENSE.determiners.has(&t.to_ascii_lowercase()))
        && states_the_present(&toks, 1)
    {
        return true;
    }
    let state = toks.iter().any(|(_, t)| {
        buf.clear();
        buf.extend(t.bytes().map(|b| b.to_ascii_lowercase()));
        TENSE
            .nowadays_verbs
            .has(std::str::from_utf8(&buf).expect("lower-casing keeps UTF-8"))
    });
    let undated = cue.tense != Tense::Future && !cue.direct;
    (heads && cue.tense == Tense::Unknown)
        || (state && undated)
        || (undated && !cue.strong && present_state_in_clause(&toks, first))
        // "anyone today who wants to save": people of the present, not of one day.
        // (whatever the relative clause's own verb: "who wants to save").
        || (!cue.direct && toks.get(first + 1).is_some_and(|(_, t)| t.eq_ignore_ascii_case("who")))
}

/// Signed copy: `column_sentences` or more sentences in the writer's voice that speak in the
/// first or second person (a column, an analysis, a newsletter). `voice` says whether a
/// sentence (by its span) is outside quotation marks.
pub fn is_column<'t>(
    sentences: impl Iterator<Item = (Span, &'t str)>,
    voice: impl Fn(Span) -> bool,
) -> bool {
    sentences
        .filter(|(span, text)| voice(*span) && has_column_pronoun(text))
        .take(TENSE.column_sentences)
        .count()
        >= TENSE.column_sentences
}

/// The sentences [`is_column`] needs to see.
pub fn column_sentences() -> usize {
    TENSE.column_sentences
}

/// Whether a sentence holds a pronoun of a column ([`is_column`]). It reads every sentence of a
/// story that is no column (58 M instructions on a megabyte when each word was a token in a
/// list, folded, then looked up): the words are found as [`tokens`] finds them, without the
/// list, and only a word whose first letter and folded length some pronoun has is folded and
/// looked up. The token list and a lookup of every word is the tests' oracle.
pub fn has_column_pronoun(text: &str) -> bool {
    let set = &TENSE.column_pronouns;
    let b = text.as_bytes();
    let mut buf = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Nothing but a letter starts a word ([`tokens`] steps over everything else).
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let s = i;
        let curly;
        (i, curly) = word_end(b, s);
        // Folding writes each ’ (three bytes) as ' (one).
        let folded_len = i - s - 2 * curly;
        if set.may_hold(b[s].to_ascii_lowercase(), folded_len) {
            let t = &text[s..i];
            let w = fold_into(t, &mut buf);
            // "I" only as a capital standing alone, not a Roman numeral after a name
            if (w != "i" || t == "I") && set.has(w) {
                return true;
            }
        }
    }
    false
}

/// Does the clause around token `at` state something with "is" or "are" and no participle
/// ("the candidate is the strongest in the field today", "the picture is different today"), as
/// against an event ("shares are trading higher today", "the market is closed today")?
fn present_state_in_clause(toks: &[(usize, &str)], at: usize) -> bool {
    let word = |i: usize| {
        toks.get(i)
            .map_or(String::new(), |(_, w)| w.to_ascii_lowercase())
    };
    let is_punct = |i: usize| !word(i).starts_with(|c: char| c.is_ascii_alphabetic());
    let start = (0..at).rev().find(|&i| is_punct(i)).map_or(0, |i| i + 1);
    let end = (at + 1..toks.len())
        .find(|&i| is_punct(i))
        .unwrap_or(toks.len());
    (start..end).any(|i| {
        let (w, next) = (word(i), word(i + 1));
        TENSE.be_present.has(&w)
            && (TENSE.state_participles.has(&next)
                || !(next.ends_with("ed") || next.ends_with("ing") || next == INFINITIVE))
            && !TENSE.future_before_to.has(&next)
            && !TENSE.future.has(&next)
            && !TENSE.past.has(&next)
    })
}

/// Does the sentence name a past time to set against the present: a year before the dateline's
/// ("in 2008") or one of the `then_phrases` ("that year")?
fn sets_then_against_now(text: &str, toks: &[(usize, &str)], dateline: Option<Date>) -> bool {
    let earlier_year = dateline.is_some_and(|r| {
        text.split(|c: char| !c.is_ascii_digit())
            .filter(|d| d.len() == 4)
            .filter_map(|d| d.parse::<i16>().ok())
            .any(|y| (1800..r.year()).contains(&y))
    });
    let lower: Vec<String> = toks.iter().map(|(_, w)| w.to_ascii_lowercase()).collect();
    earlier_year
        || TENSE.then_phrases.iter().any(|p| {
            lower
                .windows(p.len())
                .any(|w| w.iter().zip(p).all(|(a, b)| a == b))
        })
}

/// Does the clause opening at token `start` state the present rather than date an event? Its first
/// verb decides: "is" or "are" (not "is to", "is expected to") or a verb of lasting state says
/// yes; a past or future form says no; a clause with no verb form copydesk knows says yes ("that
/// same membership costs twice as much").
fn states_the_present(toks: &[(usize, &str)], start: usize) -> bool {
    let t = &*TENSE;
    let (text, ends) = fold_all(toks);
    let lower = folded(&text, &ends);
    let word = |i: usize| lower.get(i).copied().unwrap_or("");
    for i in start..toks.len() {
        let w = word(i);
        if !w.starts_with(|c: char| c.is_ascii_alphabetic()) {
            break;
        }
        let next = word(i + 1);
        if t.be_present.has(w) {
            let plan = t.future_before_to.has(next)
                || t.future.has(next)
                || t.expect.has(next)
                || next == INFINITIVE;
            return !plan;
        }
        if t.nowadays_verbs.has(w) {
            return true;
        }
        let recent = &lower[i.saturating_sub(3)..i];
        if classify(w, toks[i].1, recent, next, true).is_some() {
            return false;
        }
    }
    true
}

/// Reads the tense that governs the expression at `expr` inside `sentence` (both spans into `prose`).
/// Several expressions of one sentence: [`SentenceTense`], made once.
pub fn tense_at(prose: &str, sentence: Span, expr: Span) -> TenseCue {
    SentenceTense::new(prose, sentence).at(expr)
}

/// What [`tense_at`] reads of one sentence whatever the expression: its tokens, folded, and the
/// tense each one marks. Made once per sentence and asked for each of its expressions.
pub struct SentenceTense<'a> {
    sentence: Span,
    toks: Vec<(usize, &'a str)>,
    /// Every token folded ([`fold_sentence`]); token `i` is `folded[bounds[i].0..bounds[i].1]`.
    folded: String,
    bounds: Vec<(usize, usize)>,
    /// Per token, how many punctuation marks, clause openers and plan prepositions come before
    /// it (one more entry than tokens).
    punct: Vec<i32>,
    openers: Vec<i32>,
    plan_preps: Vec<i32>,
    /// The tense each token marks when it is not a reporting verb close before the date.
    class: Vec<Option<Tense>>,
    /// The tense each token marks when it sits close before the date, no punctuation between
    /// (a reporting verb: "said on Thursday").
    class_close: Vec<Option<Tense>>,
    /// A hypothetical marker ("could", "if").
    hypothetical: Vec<bool>,
}

impl<'a> SentenceTense<'a> {
    /// The sentence at `sentence` (a span of `prose`).
    pub fn new(prose: &'a str, sentence: Span) -> Self {
        let t = &*TENSE;
        let text = &prose[sentence.range()];
        let toks = tokens(text, sentence.start);
        // Every token folded once, into one string.
        let (folded_text, bounds) = fold_sentence(text, sentence.start, &toks);
        let lower: Vec<&str> = bounds.iter().map(|&(s, e)| &folded_text[s..e]).collect();
        let word = |i: usize| lower.get(i).copied().unwrap_or("");
        let n = toks.len();
        let mut punct = Vec::with_capacity(n + 1);
        let mut openers = Vec::with_capacity(n + 1);
        let mut plan_preps = Vec::with_capacity(n + 1);
        let mut class = Vec::with_capacity(n);
        let mut class_close = Vec::with_capacity(n);
        let mut hypothetical = Vec::with_capacity(n);
        let (mut np, mut no, mut npp) = (0i32, 0i32, 0i32);
        for k in 0..=n {
            punct.push(np);
            openers.push(no);
            plan_preps.push(npp);
            if k < n {
                let w = word(k);
                np += i32::from(is_clause_punct(w));
                no += i32::from(t.clause_openers.has(w));
                npp += i32::from(t.plan_preps.has(w));
                let recent = &lower[k.saturating_sub(3)..k];
                let far = classify(w, toks[k].1, recent, word(k + 1), false);
                class.push(far);
                // Only a reporting verb reads otherwise when close.
                class_close.push(if t.reporting.has(w) {
                    classify(w, toks[k].1, recent, word(k + 1), true)
                } else {
                    far
                });
                hypothetical.push(t.hypothetical.has(w));
            }
        }
        drop(lower);
        SentenceTense {
            sentence,
            toks,
            folded: folded_text,
            bounds,
            punct,
            openers,
            plan_preps,
            class,
            class_close,
            hypothetical,
        }
    }

    /// The sentence this was made from.
    pub fn sentence(&self) -> Span {
        self.sentence
    }

    /// Token `i` folded; "" past the end.
    fn word(&self, i: usize) -> &str {
        match self.bounds.get(i) {
            Some(&(s, e)) => &self.folded[s..e],
            None => "",
        }
    }

    fn is_punct(&self, i: usize) -> bool {
        i < self.toks.len() && self.punct[i + 1] > self.punct[i]
    }

    /// The tense that governs the expression at `expr` (a span of the prose, in the sentence),
    /// as [`tense_at`] reads it.
    pub fn at(&self, expr: Span) -> TenseCue {
        let toks = &self.toks;
        let first = toks.partition_point(|(o, _)| *o < expr.start);
        let last = toks
            .partition_point(|(o, _)| *o < expr.end)
            .checked_sub(1)
            .unwrap_or(0);
        let word = |i: usize| self.word(i);
        let is_punct = |i: usize| self.is_punct(i);

        // A forward-looking phrase in the clause before the expression ("as early as", "ahead of"):
        // up to six words back, no punctuation between.
        let future_phrase = (first.saturating_sub(6)..first).any(|start| {
            !(start..first).any(is_punct)
                && TENSE.future_phrases.iter().any(|p| {
                    p.len() <= first - start
                        && p.iter().enumerate().all(|(k, pw)| word(start + k) == pw)
                })
        });
        // A present-tense verb of schedule just before the day ("meet Monday", "opens on Friday").
        // One adverb may sit between ("meet separately Monday").
        let verb_before = |f: usize| {
            let f = if f >= 2 && TENSE.anchor.has(word(f - 1)) {
                f - 1
            } else {
                f
            };
            let f = if f >= 2 && word(f - 1).ends_with("ly") {
                f - 1
            } else {
                f
            };
            (f >= 1 && TENSE.schedule_present.has(word(f - 1))).then(|| f - 1)
        };
        let schedule_at = verb_before(first)
            // Only a verb on its own: after "will", "to", "could" or a past form the usual cues decide.
            .filter(|&i| {
                let p = if i == 0 { "" } else { word(i - 1) };
                !(TENSE.past.has(p)
                    || TENSE.be.has(p)
                    || TENSE.future.has(p)
                    || TENSE.passive_aux.has(p)
                    || TENSE.hypothetical.has(p))
            });

        // A future seen from the past: "would", or a plan word with no "is" or "will" before it.
        let backshifted_at = |i: usize| {
            let w = word(i);
            TENSE.future_in_past.has(w)
                || TENSE.plan_without_tense.has(w)
                    && !(i.saturating_sub(3)..i)
                        .any(|k| TENSE.plan_present_markers.has(word(k)) || word(k).ends_with("'s"))
        };
        // How many of `counts` lie in the tokens `a..b` (none when the range is empty).
        let between =
            |counts: &[i32], a: usize, b: usize| if a < b { counts[b] - counts[a] } else { 0 };
        let (punct, openers, plan_preps) = (&self.punct, &self.openers, &self.plan_preps);
        let mut best: Option<(i32, Tense, bool, bool)> = None;
        let mut best_index: Option<usize> = None;
        let mut hypothetical = false;
        for i in 0..toks.len() {
            if i >= first && i <= last {
                continue;
            }
            if self.hypothetical[i] {
                hypothetical = true;
            }
            let tense = if schedule_at == Some(i) {
                Some(Tense::Future)
            } else if i < first && first - i <= 6 && between(punct, i, first) == 0 {
                self.class_close[i]
            } else {
                self.class[i]
            };
            let Some(tense) = tense else {
                continue;
            };
            let (lo, hi) = if i < first { (i, first) } else { (last, i) };
            let crossings = between(punct, lo + 1, hi);
            let openers = between(openers, lo + 1, hi);
            let words = hi.saturating_sub(lo + 1) as i32 - crossings;
            let dist = words + 1 + 3 * crossings + 3 * openers + if i > last { 1 } else { 0 };
            // A timetable verb ("plays Monday") points a weekday forward but is never firm enough
            // to call a written date wrong (it may be a historic present).
            let direct = i < first
                && schedule_at != Some(i)
                && match tense {
                    Tense::Future => dist <= 6,
                    _ => dist <= 4 && between(plan_preps, lo + 1, hi) == 0,
                };
            // A modal governs its whole clause: "would attend a reception at the town hall on Monday".
            let strong = dist <= 8
                || (tense == Tense::Future && crossings == 0 && openers == 0 && dist <= 12);
            if best.is_none_or(|(d, _, _, _)| dist < d) {
                best = Some((dist, tense, direct, strong));
                best_index = Some(i);
            }
        }
        let before = if first > 0 { word(first - 1) } else { "" };
        let on_or_adjacent =
            TENSE.anchor.has(before) || (first > 0 && best_index == Some(first - 1));
        let deadline = TENSE.deadline.has(before);
        let copula = first > 0 && best_index == Some(first - 1) && TENSE.be.has(before);
        let backshifted = best.is_some_and(|(_, t, _, _)| t == Tense::Future)
            && best_index.is_some_and(backshifted_at);
        match best {
            Some((_, tense, direct, strong)) => TenseCue {
                tense,
                strong,
                hypothetical,
                direct,
                on_or_adjacent,
                deadline,
                future_phrase,
                copula,
                backshifted,
            },
            None => TenseCue {
                hypothetical,
                on_or_adjacent,
                deadline,
                future_phrase,
                ..TenseCue::UNKNOWN
            },
        }
    }
}

/// A token that parts clauses for [`tense_at`]'s distances.
fn is_clause_punct(w: &str) -> bool {
    matches!(w, "," | ";" | ":" | "—" | "–" | "(" | ")")
}

#[cfg(test)]
mod oracle {
    use super::*;

    /// The tense reading as it was written before [`super::SentenceTense`]: the oracle.
    pub(super) fn tense_at_per_expression(prose: &str, sentence: Span, expr: Span) -> TenseCue {
        let text = &prose[sentence.range()];
        let toks = tokens(text, sentence.start);
        let first = toks
            .iter()
            .position(|(o, _)| *o >= expr.start)
            .unwrap_or(toks.len());
        let last = toks.iter().rposition(|(o, _)| *o < expr.end).unwrap_or(0);
        // Every token folded once, into one string.
        let (folded_text, ends) = fold_all(&toks);
        let lower = folded(&folded_text, &ends);
        let word = |i: usize| lower.get(i).copied().unwrap_or("");
        let puncts: Vec<bool> = lower
            .iter()
            .map(|w| matches!(*w, "," | ";" | ":" | "—" | "–" | "(" | ")"))
            .collect();
        let is_punct = |i: usize| puncts.get(i).copied().unwrap_or(false);

        // A forward-looking phrase in the clause before the expression ("as early as", "ahead of"):
        // up to six words back, no punctuation between.
        let future_phrase = (first.saturating_sub(6)..first).any(|start| {
            !(start..first).any(is_punct)
                && TENSE.future_phrases.iter().any(|p| {
                    p.len() <= first - start
                        && p.iter().enumerate().all(|(k, pw)| word(start + k) == pw)
                })
        });
        // A present-tense verb of schedule just before the day ("meet Monday", "opens on Friday").
        // One adverb may sit between ("meet separately Monday").
        let verb_before = |f: usize| {
            let f = if f >= 2 && TENSE.anchor.has(word(f - 1)) {
                f - 1
            } else {
                f
            };
            let f = if f >= 2 && word(f - 1).ends_with("ly") {
                f - 1
            } else {
                f
            };
            (f >= 1 && TENSE.schedule_present.has(word(f - 1))).then(|| f - 1)
        };
        let schedule_at = verb_before(first)
            // Only a verb on its own: after "will", "to", "could" or a past form the usual cues decide.
            .filter(|&i| {
                let p = if i == 0 { "" } else { word(i - 1) };
                !(TENSE.past.has(p)
                    || TENSE.be.has(p)
                    || TENSE.future.has(p)
                    || TENSE.passive_aux.has(p)
                    || TENSE.hypothetical.has(p))
            });

        // A future seen from the past: "would", or a plan word with no "is" or "will" before it.
        let backshifted_at = |i: usize| {
            let w = word(i);
            TENSE.future_in_past.has(w)
                || TENSE.plan_without_tense.has(w)
                    && !(i.saturating_sub(3)..i)
                        .any(|k| TENSE.plan_present_markers.has(word(k)) || word(k).ends_with("'s"))
        };
        // Per token, how many punctuation marks, clause openers and plan prepositions come before
        // it: each range below is counted in one subtraction, not rescanned per verb.
        let mut punct = Vec::with_capacity(toks.len() + 1);
        let mut openers = Vec::with_capacity(toks.len() + 1);
        let mut plan_preps = Vec::with_capacity(toks.len() + 1);
        let (mut np, mut no, mut npp) = (0i32, 0i32, 0i32);
        for k in 0..=toks.len() {
            punct.push(np);
            openers.push(no);
            plan_preps.push(npp);
            if k < toks.len() {
                np += i32::from(is_punct(k));
                no += i32::from(TENSE.clause_openers.has(word(k)));
                npp += i32::from(TENSE.plan_preps.has(word(k)));
            }
        }
        // How many of `counts` lie in the tokens `a..b` (none when the range is empty).
        let between =
            |counts: &[i32], a: usize, b: usize| if a < b { counts[b] - counts[a] } else { 0 };
        let mut best: Option<(i32, Tense, bool, bool)> = None;
        let mut best_index: Option<usize> = None;
        let mut hypothetical = false;
        for (i, tok) in toks.iter().enumerate() {
            if i >= first && i <= last {
                continue;
            }
            let w = word(i);
            if TENSE.hypothetical.has(w) {
                hypothetical = true;
            }
            let recent = &lower[i.saturating_sub(3)..i];
            let reporting_close = i < first && first - i <= 6 && between(&punct, i, first) == 0;
            let tense = if schedule_at == Some(i) {
                Some(Tense::Future)
            } else {
                classify(w, tok.1, recent, word(i + 1), reporting_close)
            };
            let Some(tense) = tense else {
                continue;
            };
            let (lo, hi) = if i < first { (i, first) } else { (last, i) };
            let crossings = between(&punct, lo + 1, hi);
            let openers = between(&openers, lo + 1, hi);
            let words = hi.saturating_sub(lo + 1) as i32 - crossings;
            let dist = words + 1 + 3 * crossings + 3 * openers + if i > last { 1 } else { 0 };
            // A timetable verb ("plays Monday") points a weekday forward but is never firm enough
            // to call a written date wrong (it may be a historic present).
            let direct = i < first
                && schedule_at != Some(i)
                && match tense {
                    Tense::Future => dist <= 6,
                    _ => dist <= 4 && between(&plan_preps, lo + 1, hi) == 0,
                };
            // A modal governs its whole clause: "would attend a reception at the town hall on Monday".
            let strong = dist <= 8
                || (tense == Tense::Future && crossings == 0 && openers == 0 && dist <= 12);
            if best.is_none_or(|(d, _, _, _)| dist < d) {
                best = Some((dist, tense, direct, strong));
                best_index = Some(i);
            }
        }
        let before = if first > 0 { word(first - 1) } else { "" };
        let on_or_adjacent =
            TENSE.anchor.has(before) || (first > 0 && best_index == Some(first - 1));
        let deadline = TENSE.deadline.has(before);
        let copula = first > 0 && best_index == Some(first - 1) && TENSE.be.has(before);
        let backshifted = best.is_some_and(|(_, t, _, _)| t == Tense::Future)
            && best_index.is_some_and(backshifted_at);
        match best {
            Some((_, tense, direct, strong)) => TenseCue {
                tense,
                strong,
                hypothetical,
                direct,
                on_or_adjacent,
                deadline,
                future_phrase,
                copula,
                backshifted,
            },
            None => TenseCue {
                hypothetical,
                on_or_adjacent,
                deadline,
                future_phrase,
                ..TenseCue::UNKNOWN
            },
        }
    }
}

#[cfg(test)]
mod sentence_tense_tests {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "will",
        "said",
        "says",
        "told",
        "reporters",
        "on",
        "by",
        "until",
        "would",
        "could",
        "if",
        "was",
        "were",
        "is",
        "are",
        "to",
        "be",
        "been",
        "meet",
        "meets",
        "opens",
        "play",
        "expected",
        "due",
        "set",
        "planned",
        "plans",
        "planning",
        "held",
        "ahead",
        "of",
        "as",
        "early",
        "soon",
        "the",
        "a",
        "announced",
        "voted",
        "closed",
        "reopened",
        "separately",
        "Monday",
        "Tuesday",
        "March",
        "5",
        "2024",
        "last",
        "next",
        "week",
        "he’ll",
        "it's",
        "council’s",
        "Will",
        "SAID",
        "and",
        "but",
        "when",
        "after",
        "for",
        "in",
        "at",
        "may",
        "might",
        "scheduled",
        "agreed",
        "statement",
        ",",
        ";",
        ":",
        "(",
        ")",
        "—",
        "–",
        "1,000",
        "é",
        "later",
        "deadline",
        "before",
        "since",
    ];

    proptest! {
        /// One reading per sentence gives, for every expression, what the reading per
        /// expression gave.
        #[test]
        fn a_sentence_read_once_reads_every_expression_as_before(
            lead in 0usize..4,
            words in proptest::collection::vec(0..WORDS.len(), 0..30),
            exprs in proptest::collection::vec((0usize..200, 0usize..12), 1..6),
        ) {
            let body: Vec<&str> = words.iter().map(|&k| WORDS[k]).collect();
            let sentence_text = body.join(" ");
            let prose = format!("{}{} Then more.", "x ".repeat(lead), sentence_text);
            let sentence = Span::new(2 * lead, 2 * lead + sentence_text.len());
            let once = SentenceTense::new(&prose, sentence);
            for (start, len) in exprs {
                let start = sentence.start + start % (sentence_text.len() + 1);
                let end = (start + len).min(sentence.end);
                let expr = Span::new(start, end);
                let want = super::oracle::tense_at_per_expression(&prose, sentence, expr);
                prop_assert_eq!(once.at(expr), want);
                prop_assert_eq!(tense_at(&prose, sentence, expr), want);
            }
        }
    }
}

#[cfg(test)]
mod token_tests {
    use proptest::prelude::*;

    /// [`super::has_column_pronoun`] as it was: every token folded and looked up.
    fn has_column_pronoun_by_tokens(text: &str) -> bool {
        let mut buf = Vec::new();
        super::tokens(text, 0).iter().any(|(_, t)| {
            let w = super::fold_into(t, &mut buf);
            (w != "i" || *t == "I") && super::TENSE.column_pronouns.has(w)
        })
    }

    proptest! {
        #[test]
        fn a_column_pronoun_is_found_as_the_tokens_find_it(parts in proptest::collection::vec(
            prop_oneof![
                Just("I"), Just("i"), Just("me"), Just("Me"), Just("WE"), Just("we’re"),
                Just("We're"), Just("you’"), Just("your"), Just("yourself"), Just("let’s"),
                Just("us"), Just("o"), Just("ur"), Just("m"), Just("y"), Just("x"), Just("7"),
                Just(" "), Just("'"), Just("’"), Just("—"), Just(","), Just("é"), Just("€"),
                Just("‘"), Just("."),
            ],
            0..24,
        )) {
            let text: String = parts.concat();
            prop_assert_eq!(super::has_column_pronoun(&text), has_column_pronoun_by_tokens(&text), "{:?}", text);
        }
    }

    proptest! {
        #[test]
        fn byte_tokens_match_the_char_tokens(parts in proptest::collection::vec(
            prop_oneof![
                Just("a"), Just("Z"), Just("7"), Just(","), Just(";"), Just(":"), Just("("),
                Just(")"), Just(" "), Just("'"), Just("’"), Just("—"), Just("–"), Just("‘"),
                Just("é"), Just("€"), Just("."), Just("\u{a0}"),
            ],
            0..40,
        )) {
            let text: String = parts.concat();
            prop_assert_eq!(super::tokens(&text, 3), super::tokens_by_char(&text, 3));
            // Folding in place is lower-casing then writing ’ as '.
            let toks = super::tokens(&text, 0);
            let (all, ends) = super::fold_all(&toks);
            let folded = super::folded(&all, &ends);
            let mut buf = Vec::new();
            for ((_, t), f) in toks.iter().zip(&folded) {
                let want = t.to_ascii_lowercase().replace('’', "'");
                prop_assert_eq!(*f, want.as_str());
                prop_assert_eq!(super::fold_into(t, &mut buf), want.as_str());
            }
            prop_assert_eq!(super::fold_into(&text, &mut buf), text.to_ascii_lowercase().replace('’', "'"));
            // The sentence folded at once gives each token as folding it alone does.
            let toks = super::tokens(&text, 5);
            let (all, bounds) = super::fold_sentence(&text, 5, &toks);
            prop_assert_eq!(bounds.len(), toks.len());
            for ((_, t), &(s, e)) in toks.iter().zip(&bounds) {
                prop_assert_eq!(&all[s..e], super::fold_into(t, &mut buf));
            }
        }
    }
}
