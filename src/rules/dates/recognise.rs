//! Recognition: every date expression in the prose, in one regex pass.
//!
//! Atoms (a weekday phrase, a written calendar date, a relative day word) are found by a single
//! compiled pattern; a weekday next to a calendar date ("Thursday, Aug. 12", "Nov. 10, 2022, a
//! Tuesday") is then joined into one expression.

use super::words::{self, RelativeDay, NOT_A_DAY, RELATIVE};
use crate::document::dateline::{month_number, weekday_of, CALENDAR};
use crate::finding::Span;
use crate::narrow::{self, Caps, Tiered};
use crate::vocab;
use jiff::civil::Weekday;
use std::sync::LazyLock;

/// A word in front of a weekday.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    None,
    Last,
    Next,
    This,
    /// "late Saturday", "early Monday": the same day.
    Late,
    /// "the previous Friday": the one before the last.
    Previous,
}

/// A day named relative to the day of writing: an entry of `data/dates/relative.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelWord(u8);

impl RelWord {
    fn entry(self) -> &'static RelativeDay {
        &RELATIVE.day[self.0 as usize]
    }
    /// The entry for a word as written ("Yesterday", "last  night").
    fn lookup(text: &str) -> Option<RelWord> {
        let norm = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let i = RELATIVE
            .day
            .iter()
            .position(|d| d.text.eq_ignore_ascii_case(&norm))?;
        Some(RelWord(i as u8))
    }
    /// Days from the dateline.
    pub fn offset(self) -> i64 {
        i64::from(self.entry().offset)
    }
    /// The part of the day the word carries, to keep in a rewrite ("tonight" -> "Sunday night").
    pub fn part_of_day(self) -> Option<&'static str> {
        self.entry().part.as_deref()
    }
    /// The word may mean "nowadays" ("today").
    pub fn may_mean_nowadays(self) -> bool {
        self.entry().nowadays
    }
    /// One word ("today", "tonight"), as opposed to a phrase ("last night", "this morning").
    fn single_word(self) -> bool {
        !self.entry().text.contains(' ')
    }
    /// A phrase opening with a word for "last" ("last night").
    fn opens_with_last(self) -> bool {
        let first = self.entry().text.split(' ').next().unwrap_or("");
        self.entry().text.contains(' ') && words::any_eq(&RELATIVE.weekday.last, first)
    }
}

/// How the month is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthForm {
    /// "August"
    Full,
    /// "Aug." / "Sept."
    AbbrPeriod,
    /// "Aug" / "Sept"
    AbbrBare,
    /// "08" in an ISO date
    Numeric,
}

/// The order the parts are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// "Aug. 15, 2021"
    MonthDay,
    /// "15 August 2021", "the 3rd of May"
    DayMonth,
    /// "2021-08-15"
    Iso,
    /// "8/15/2021": month first unless the first figure cannot be a month.
    Slashed,
}

/// A calendar date as written: not validated (it may be "June 31").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    pub span: Span,
    pub month: i8,
    pub day: i8,
    pub year: Option<i16>,
    pub form: MonthForm,
    pub ordinal: bool,
    pub order: Order,
    /// The first day of a range ("March 13-14, 2021"): the span covers the range.
    pub range: bool,
    /// Years from the dateline's, given in words after it ("Nov. 30 last year": -1).
    pub year_shift: Option<i8>,
}

/// A weekday as written, with what surrounds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekdayRef {
    /// The weekday word alone.
    pub word: Span,
    pub weekday: Weekday,
    pub modifier: Modifier,
    /// Span of the modifier word ("last ") when there is one, up to the weekday.
    pub modifier_span: Option<Span>,
    /// "Tuesday night", "Tuesday's vote", "every Tuesday", "Monday to Friday": the weekday names
    /// a part of a day, a possession, a habit or one end of a range.
    pub qualified: bool,
    /// "Tues.": only taken with a date next to it, and never house style.
    pub abbreviated: bool,
    /// "Wednesday's ruling": the weekday names an event by its day.
    pub possessive: bool,
    /// Days added by a phrase before it: -1 for "the day before last Tuesday".
    pub shift: i8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// "on Thursday", "late Saturday", "last Friday", "Sunday night".
    Weekday(WeekdayRef),
    /// "Aug. 15", "August 15th, 2021", "15 August", "the 3rd of May", "2021-08-15".
    Date(Written),
    /// "Thursday, Aug. 12" or "Nov. 10, 2022, a Tuesday".
    WeekdayDate { weekday: WeekdayRef, date: Written },
    /// "yesterday", "tonight", "this morning".
    Relative(RelWord),
    /// An abbreviated month with no day ("in Sept.", "Aug. 2021"): not a date, only a style point.
    MonthAlone { month: i8 },
    /// A day of the month given as an ordinal with no month ("by the 25th"): the month is the
    /// dateline's or the one after or before it, as the tense says.
    OrdinalDay { day: i8 },
}

/// One date expression in the copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expr {
    pub span: Span,
    pub kind: Kind,
}

impl Expr {
    /// A relative day: resolved only against the dateline, shown inline in editors.
    pub fn is_relative(&self) -> bool {
        matches!(
            self.kind,
            Kind::Weekday(_) | Kind::Relative(_) | Kind::OrdinalDay { .. }
        )
    }
    /// A date expression proper (everything but a month standing alone).
    pub fn is_date(&self) -> bool {
        !matches!(self.kind, Kind::MonthAlone { .. })
    }

    /// The same expression `by` bytes further on.
    pub fn shifted(self, by: usize) -> Expr {
        self.moved(by as isize)
            .expect("a shift forward keeps every span in range")
    }

    /// The expression with each of its spans moved by `by` bytes, either way; None when one
    /// would start before byte 0.
    pub fn moved(self, by: isize) -> Option<Expr> {
        let m = |s: Span| {
            Some(Span::new(
                s.start.checked_add_signed(by)?,
                s.end.checked_add_signed(by)?,
            ))
        };
        let w = |w: WeekdayRef| {
            Some(WeekdayRef {
                word: m(w.word)?,
                modifier_span: match w.modifier_span {
                    Some(s) => Some(m(s)?),
                    None => None,
                },
                ..w
            })
        };
        let d = |d: Written| {
            Some(Written {
                span: m(d.span)?,
                ..d
            })
        };
        Some(Expr {
            span: m(self.span)?,
            kind: match self.kind {
                Kind::Weekday(x) => Kind::Weekday(w(x)?),
                Kind::Date(x) => Kind::Date(d(x)?),
                Kind::WeekdayDate { weekday, date } => Kind::WeekdayDate {
                    weekday: w(weekday)?,
                    date: d(date)?,
                },
                k => k,
            },
        })
    }
}

pub(crate) static ATOM: LazyLock<Tiered> = LazyLock::new(|| {
    let cal = &CALENDAR;
    let rel = &RELATIVE;
    let month_names = cal.months.names_pattern();
    let month_abbr = cal.months.abbreviations_pattern();
    let weekday = cal.weekdays.names_pattern();
    let weekday_abbr = cal.weekdays.abbreviations_pattern();
    let modifiers: Vec<String> = [
        &rel.weekday.last,
        &rel.weekday.next,
        &rel.weekday.this,
        &rel.weekday.same,
        &rel.weekday.previous,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    let modifiers = vocab::alternation(&modifiers);
    let parts = vocab::alternation(&rel.weekday.parts);
    let days: Vec<String> = rel.day.iter().map(|d| d.text.clone()).collect();
    let days = vocab::alternation(&days);
    let pattern = crate::document::date_patterns::atom(
        &month_names,
        &month_abbr,
        &weekday,
        &weekday_abbr,
        &modifiers,
        &parts,
        &days,
    );
    narrow::regex(pattern)
});

/// The shift a phrase just before a weekday makes ("the day before last Tuesday": -1).
fn day_shift(before: &str) -> i8 {
    let b = before.trim_end_matches(' ');
    RELATIVE
        .shift
        .iter()
        .find(|s| {
            b.len() >= s.text.len()
                && b.is_char_boundary(b.len() - s.text.len())
                && b[b.len() - s.text.len()..].eq_ignore_ascii_case(&s.text)
                && !b[..b.len() - s.text.len()].ends_with(char::is_alphanumeric)
        })
        .map_or(0, |s| s.days)
}

/// The year a phrase after a date gives, from the dateline's ("last year": -1).
fn year_shift(after: &str) -> Option<i8> {
    let rest = after.strip_prefix([' ', '\u{a0}'])?;
    RELATIVE
        .year
        .iter()
        .find(|y| {
            rest.len() >= y.text.len()
                && rest.is_char_boundary(y.text.len())
                && rest[..y.text.len()].eq_ignore_ascii_case(&y.text)
                && !rest[y.text.len()..].starts_with(char::is_alphanumeric)
        })
        .map(|y| y.years)
}

/// Is a month and day with `before` and `after` around it part of a name? A capitalised word
/// follows it (not a month or a weekday), and no word of time or weekday comes before it.
fn opens_a_name(before: &str, after: &str) -> bool {
    let next = next_word(after);
    let mut chars = next.chars();
    let titled = chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_some_and(char::is_lowercase);
    if !titled || month_number(next).is_some() || weekday_of(next).is_some() {
        return false;
    }
    let prev_word = before
        .trim_end_matches([' ', '\u{a0}', ','])
        .rsplit(|ch: char| !ch.is_alphanumeric())
        .next()
        .unwrap_or("");
    !(words::any_eq(&NOT_A_DAY.time_before, prev_word) || weekday_of(prev_word).is_some())
}

/// Does `before` end with a social-media handle in brackets ("(@awriter) "), as the signature
/// line of an embedded post does before its date?
fn signs_a_post(before: &str) -> bool {
    let b = before.trim_end_matches([' ', '\u{a0}']);
    // A handle is short: look no further back than this for its opening bracket.
    let from = (0..=b.len().saturating_sub(40))
        .rev()
        .find(|&i| b.is_char_boundary(i))
        .unwrap_or(0);
    b[from..]
        .strip_suffix(')')
        .and_then(|b| b.rsplit_once('('))
        .is_some_and(|(_, handle)| {
            handle.len() > 1
                && handle.starts_with('@')
                && handle[1..].chars().all(|c| c.is_alphanumeric() || c == '_')
        })
}

/// Does a noun phrase open after a date ("match" in "the 27 February match")? A lower-case word
/// that is neither a function word nor a past verb follows it.
fn noun_follows(after: &str) -> bool {
    let next = next_word(after);
    next.starts_with(|c: char| c.is_ascii_lowercase())
        && !next.ends_with("ed")
        && !words::any_eq(&NOT_A_DAY.not_a_noun_after_date, next)
        && !super::words::TENSE.past.has(next)
        && !super::words::TENSE.reporting.has(next)
}

/// The word that follows `after` (after one space), up to the next non-letter.
fn next_word(after: &str) -> &str {
    let rest = after.strip_prefix(' ').unwrap_or("");
    let end = rest
        .find(|c: char| !c.is_alphanumeric() && c != '-')
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Does `after` open with one of `names` (case-sensitive) as whole words, after one space?
fn opens_with_name(after: &str, names: &[String]) -> bool {
    let Some(r) = after.strip_prefix(' ') else {
        return false;
    };
    names.iter().any(|n| {
        r.starts_with(n.as_str()) && !r[n.len()..].starts_with(|ch: char| ch.is_alphanumeric())
    })
}

/// Where a line break may fall inside an expression: a space in an entry of a list [`ATOM`] is
/// built from matches any run of white space ([`vocab::alternation`]). The characters that end a
/// word followed by another in an entry, and those that start a word following another.
static WRAPS: LazyLock<(Vec<char>, Vec<char>)> = LazyLock::new(|| {
    let (cal, rel) = (&*CALENDAR, &*RELATIVE);
    let wd = &rel.weekday;
    let days: Vec<String> = rel.day.iter().map(|d| d.text.clone()).collect();
    let (mut ends, mut starts) = (Vec::new(), Vec::new());
    for list in [
        &cal.months.names,
        &cal.months.abbreviations,
        &cal.weekdays.names,
        &cal.weekdays.abbreviations,
        &wd.last,
        &wd.next,
        &wd.this,
        &wd.same,
        &wd.previous,
        &wd.parts,
        &days,
    ] {
        for entry in list {
            let parts: Vec<&str> = entry.split_whitespace().collect();
            for w in parts.windows(2) {
                ends.extend(w[0].chars().next_back());
                starts.extend(w[1].chars().next());
            }
        }
    }
    (ends, starts)
});

/// Whether an expression may run over the white space between `before` (its last character
/// that is not white space) and `after` (the first): a letter or a figure on both sides, or a
/// character that ends and one that starts a word of a multi-word entry ([`WRAPS`]).
fn may_wrap(before: char, after: char) -> bool {
    let (ends, starts) = &*WRAPS;
    (before.is_alphanumeric() || ends.contains(&before))
        && (after.is_alphanumeric() || starts.contains(&after))
}

/// The lines of `prose` that may hold a date expression, each with its offset and the spans of
/// `skip` that touch it, cut to it (offsets from the line's start). A line ends at a line break
/// that no expression can run over (see [`may_wrap`]): a line break inside a run of white space
/// between two words may be a space of "last night".
///
/// [`find`] over the whole prose is [`find`] over each line, shifted: no expression holds such a
/// line break, and whatever it reads around an expression stops at one and reads the break as it
/// reads the end or the start of the text (the word before or after, a handle in brackets before
/// it, the gap to the next expression). So the server keeps each line's expressions in its memo.
pub fn lines<'a>(
    prose: &'a str,
    skip: &'a [Span],
) -> impl Iterator<Item = (usize, &'a str, Vec<Span>)> + 'a {
    // The cuts: in each run of white space holding a line break, its first line break, unless
    // an expression may run over it.
    let b = prose.as_bytes();
    let mut cuts = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr_newline(&b[i..]) {
        let nl = i + k;
        let run_start = prose[..nl].trim_end().len();
        let rest = &prose[nl..];
        let run_end = nl + (rest.len() - rest.trim_start().len());
        let before = prose[..run_start].chars().next_back();
        let after = prose[run_end..].chars().next();
        let wraps = matches!((before, after), (Some(x), Some(y)) if may_wrap(x, y));
        if !wraps {
            cuts.push(nl);
        }
        i = run_end.max(nl + 1);
    }
    cuts.push(prose.len());
    let mut from = 0;
    cuts.into_iter().filter_map(move |end| {
        let start = from;
        from = end + 1;
        let line = &prose[start..end];
        // Every expression holds a word or a figure.
        if line.trim().is_empty() {
            return None;
        }
        let cut = skip
            .iter()
            .filter(|s| s.start <= end && s.end >= start)
            .map(|s| Span::new(s.start.max(start) - start, s.end.min(end) - start))
            .collect();
        Some((start, line, cut))
    })
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', b)
}

/// Finds every date expression in `prose`, skipping the given spans (wire dateline, date lines).
pub fn find(prose: &str, skip: &[Span]) -> Vec<Expr> {
    debug_assert_eq!(ATOM.pattern_len(), 1);
    let mut atoms: Vec<Expr> = Vec::new();
    for c in ATOM.captures_iter(prose) {
        let c = Atom(c);
        let Some(whole) = c.get(0) else { continue };
        let span = Span::new(whole.start(), whole.end());
        if skip.iter().any(|s| s.overlaps(span)) {
            continue;
        }
        let after = &prose[whole.end()..];
        let before = &prose[..whole.start()];
        // "— A. Writer (@awriter) Aug. 2, 2016": the signature line of an embedded post, not copy.
        if signs_a_post(before) {
            continue;
        }
        if c.name("iso").is_some() {
            let (Some(y), Some(m), Some(d)) = (num(&c, "iy"), num(&c, "im"), num(&c, "id")) else {
                continue;
            };
            // Part of a longer token (a version number, a range of ISO dates is fine).
            if after.starts_with(|ch: char| {
                ch.is_ascii_digit()
                    || ch == '.' && after[1..].starts_with(|c: char| c.is_ascii_digit())
            }) {
                continue;
            }
            atoms.push(Expr {
                span,
                kind: Kind::Date(Written {
                    span,
                    month: m as i8,
                    day: d as i8,
                    year: Some(y as i16),
                    form: MonthForm::Numeric,
                    ordinal: false,
                    order: Order::Iso,
                    range: false,
                    year_shift: None,
                }),
            });
        } else if c.name("md").is_some() || c.name("dm").is_some() {
            let md = c.name("md").is_some();
            let (mname, dname, oname, yname, rname) = if md {
                ("m1", "d1", "o1", "y1", "r1")
            } else {
                ("m2", "d2", "o2", "y2", "r2")
            };
            let range = c.name(rname).is_some();
            let Some(m) = c.name(mname) else { continue };
            let Some(month) = month_number(m.as_str()) else {
                continue;
            };
            let Some(day) = num(&c, dname) else { continue };
            // "March 87" in a table header is a month and a year; no month has a 32nd day.
            if day > 31 {
                continue;
            }
            let year = num(&c, yname).map(|y| y as i16);
            let ordinal = c.name(oname).is_some();
            // "Aug. 15,000", "May 3.5", "June 20%" or "10:30": not a day of the month.
            if year.is_none() && !ordinal && !range && continues_number(after) {
                continue;
            }
            // "19 Sept. 11 hijackers", "Freights 2 of April 8": a figure after the month is its
            // day, so the figure before it is a count or a number, not a day.
            if !md
                && year.is_none()
                && after
                    .strip_prefix([' ', '\u{a0}'])
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            {
                continue;
            }
            if !md
                && (before.ends_with('$')
                    || before.ends_with(['.', ','])
                        && before[..before.len() - 1].ends_with(|ch: char| ch.is_ascii_digit()))
            {
                continue;
            }
            // "the Sept. 11 attacks" names an event, and "May" may be a modal verb: "as the 3 may".
            if words::any_eq(&NOT_A_DAY.event_after, next_word(after)) {
                continue;
            }
            // "a co-chair of September 11th Families United": a name, not a day.
            if md && year.is_none() && !range && opens_a_name(before, after) {
                continue;
            }
            let text = m.as_str();
            // "on 15 Aug." at the end of a sentence: the full stop also ends the sentence, so
            // it stays out of the span (a rewrite must not eat it).
            let span = if !md && year.is_none() && text.ends_with('.') && m.end() == whole.end() {
                Span::new(span.start, span.end - 1)
            } else {
                span
            };
            // "the 27 February match": "the" is the article of "match", not part of the date.
            let span = if !md
                && whole
                    .as_str()
                    .get(..4)
                    .is_some_and(|t| t.eq_ignore_ascii_case("the "))
                && noun_follows(after)
            {
                Span::new(span.start + 4, span.end)
            } else {
                span
            };
            let form = if text.ends_with('.') {
                MonthForm::AbbrPeriod
            } else if CALENDAR.months.names.iter().any(|n| n == text) {
                MonthForm::Full
            } else {
                MonthForm::AbbrBare
            };
            atoms.push(Expr {
                span,
                kind: Kind::Date(Written {
                    span,
                    month,
                    day: day.min(99) as i8,
                    year,
                    form,
                    ordinal,
                    order: if md { Order::MonthDay } else { Order::DayMonth },
                    range,
                    year_shift: year.is_none().then(|| year_shift(after)).flatten(),
                }),
            });
        } else if let Some(w) = c.name("w") {
            let Some(weekday) = weekday_of(w.as_str()) else {
                continue;
            };
            let prev_word = before
                .trim_end_matches(' ')
                .rsplit(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            // "every Tuesday", "each Friday": a habit, not a day.
            let nad = &*NOT_A_DAY;
            if c.name("mod").is_none()
                && (nad.name_before.iter().any(|n| n == prev_word)
                    || words::any_eq(&nad.habit_before, prev_word))
            {
                continue;
            }
            let after_w = &prose[w.end()..];
            if c.name("tod").is_none() && opens_with_name(after_w, &nad.name_after) {
                continue;
            }
            let modifier_word = c.name("mod");
            let modifier = match modifier_word.map(|m| m.as_str()) {
                None => Modifier::None,
                Some(m) => {
                    let m = m.split_whitespace().collect::<Vec<_>>().join(" ");
                    let wd = &RELATIVE.weekday;
                    if words::any_eq(&wd.last, &m) {
                        Modifier::Last
                    } else if words::any_eq(&wd.next, &m) {
                        Modifier::Next
                    } else if words::any_eq(&wd.this, &m) {
                        Modifier::This
                    } else if words::any_eq(&wd.previous, &m) {
                        Modifier::Previous
                    } else {
                        Modifier::Late
                    }
                }
            };
            // "the last Friday of the month": "last" means final.
            let word_before = before
                .trim_end_matches(' ')
                .rsplit(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            if modifier == Modifier::Last
                && before.ends_with(' ')
                && words::any_eq(&nad.final_before, word_before)
            {
                continue;
            }
            let qualified = c.name("tod").is_some()
                || opens_with_name(after_w, &nad.slot_after)
                || after_w.starts_with(['\'', '’', '-', '–'])
                || words::any_eq(&nad.habit_before, prev_word)
                || words::any_eq(&nad.range_before, prev_word)
                || {
                    let nw = next_word(after_w);
                    !nw.is_empty()
                        && after_w[1 + nw.len()..].starts_with(' ')
                        && words::any_eq(&nad.range_after, nw)
                };
            let wr = WeekdayRef {
                word: Span::new(w.start(), w.end()),
                weekday,
                modifier,
                modifier_span: modifier_word.map(|m| Span::new(m.start(), w.start())),
                qualified,
                abbreviated: w.as_str().ends_with('.'),
                possessive: c.name("tod").is_none()
                    && (after_w.starts_with("'s") || after_w.starts_with("’s")),
                shift: day_shift(&prose[..span.start]),
            };
            atoms.push(Expr {
                span,
                kind: Kind::Weekday(wr),
            });
        } else if c.name("sl").is_some() {
            let (Some(a), Some(b), Some(y)) = (num(&c, "sa"), num(&c, "sb"), c.name("sy")) else {
                continue;
            };
            // Part of a path, a fraction run or a longer figure ("1/2/2024/5", "10/10/10/10").
            if after.starts_with(['/', '.'])
                && after[1..].starts_with(|ch: char| ch.is_ascii_digit())
                || before.ends_with(['/', '.', '-'])
            {
                continue;
            }
            let year: i16 = match y.as_str().parse::<i16>() {
                Ok(v) if y.as_str().len() == 2 => 2000 + v,
                Ok(v) => v,
                Err(_) => continue,
            };
            // Month first (U.S. order) unless the first figure cannot be a month.
            let (month, day) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
            if month == 0 || month > 12 {
                continue;
            }
            atoms.push(Expr {
                span,
                kind: Kind::Date(Written {
                    span,
                    month: month as i8,
                    day: day.min(99) as i8,
                    year: Some(year),
                    form: MonthForm::Numeric,
                    ordinal: false,
                    order: Order::Slashed,
                    range: false,
                    year_shift: None,
                }),
            });
        } else if let Some(m) = c.name("mo") {
            let Some(month) = month_number(m.as_str()) else {
                continue;
            };
            // "in Sept.", "Aug. 2021"; not "Ant and Dec." (a name).
            let prev_word = before
                .trim_end_matches([' ', '\u{a0}', '-'])
                .rsplit(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            let year_after = after
                .strip_prefix([' ', '\u{a0}'])
                .is_some_and(|r| r.len() >= 4 && r.as_bytes()[..4].iter().all(u8::is_ascii_digit));
            if !year_after && !words::any_eq(&NOT_A_DAY.month_alone_before, prev_word) {
                continue;
            }
            atoms.push(Expr {
                span: Span::new(m.start(), m.end()),
                kind: Kind::MonthAlone { month },
            });
        } else if c.name("ord").is_some() {
            let Some(day) = num(&c, "od") else { continue };
            // Only "on the 25th." or "by the 25th, when": a preposition of time before it and
            // the end of a phrase after it ("the 25th anniversary", "the 5th Fleet" are not days).
            let prev_word = before
                .trim_end_matches(' ')
                .rsplit(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            let ends_phrase =
                after.is_empty() || after.starts_with(['.', ',', ';', ':', ')', '—', '–', '\n']);
            if !(1..=31).contains(&day)
                || !ends_phrase
                || !(words::any_eq(&NOT_A_DAY.ordinal_day_before, prev_word)
                    // "Tuesday the 18th", "on Tuesday, the 18th"
                    || before
                        .trim_end_matches([' ', ','])
                        .rsplit(|ch: char| !ch.is_alphanumeric())
                        .next()
                        .is_some_and(|w| weekday_of(w).is_some()))
            {
                continue;
            }
            atoms.push(Expr {
                span,
                kind: Kind::OrdinalDay { day: day as i8 },
            });
        } else if let Some(r) = c.name("rel") {
            let Some(word) = RelWord::lookup(r.as_str()) else {
                continue;
            };
            if !relative_is_a_day(word, r.as_str(), before, after) {
                continue;
            }
            atoms.push(Expr {
                span,
                kind: Kind::Relative(word),
            });
        }
    }
    join_pairs(prose, atoms)
}

fn num(c: &Atom<'_>, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

/// A match of [`ATOM`] (one pattern), whose groups are read by number: the numbers of its names
/// are looked up once (a lookup by name hashes the name with SipHash, about 300 instructions,
/// some seven times per date found).
struct Atom<'h>(Caps<'h>);

/// [`ATOM`]'s group numbers by name.
static ATOM_GROUPS: std::sync::OnceLock<rustc_hash::FxHashMap<String, usize>> =
    std::sync::OnceLock::new();

impl<'h> Atom<'h> {
    /// Group `i` (0: the whole match), if it took part in the match.
    fn get(&self, i: usize) -> Option<narrow::Match<'h>> {
        self.0.get(i)
    }

    /// The named group, if the pattern has it and it took part in the match (as
    /// [`Caps::name`]).
    fn name(&self, name: &str) -> Option<narrow::Match<'h>> {
        let groups = ATOM_GROUPS.get_or_init(|| self.0.group_numbers());
        self.0.get(*groups.get(name)?)
    }
}

fn continues_number(after: &str) -> bool {
    let mut chars = after.chars();
    match (chars.next(), chars.next()) {
        (Some(',' | '.' | ':'), Some(d)) if d.is_ascii_digit() => true,
        (Some('%'), _) => true,
        (Some('-'), Some(d)) if d.is_alphabetic() => true, // "May 15-year-old"
        _ => NOT_A_DAY.amount_after.iter().any(|a| {
            after.strip_prefix(' ').is_some_and(|r| {
                r.starts_with(a.as_str()) && !r[a.len()..].starts_with(char::is_alphanumeric)
            })
        }),
    }
}

/// Is this relative word naming a day, or an idiom ("today's world", "leaders of tomorrow",
/// "USA Today", "the last night of the tour")?
fn relative_is_a_day(word: RelWord, text: &str, before: &str, after: &str) -> bool {
    let nad = &*NOT_A_DAY;
    let prev = before.trim_end_matches([' ', '\u{a0}']);
    let prev_word = prev
        .rsplit(|ch: char| !ch.is_alphanumeric() && ch != '\'')
        .next()
        .unwrap_or("");
    if word.single_word() && words::any_eq(&nad.idiom_before, prev_word) {
        return false;
    }
    if word.opens_with_last() && words::any_eq(&nad.final_night_before, prev_word) {
        return false;
    }
    // Capitalised inside a sentence, it is a title: a programme, a paper, a song.
    if text.starts_with(char::is_uppercase)
        && !(prev.is_empty()
            || prev.ends_with([
                '.', '!', '?', '"', '“', '”', '\n', ':', '—', '–', '-', '(', '\'', '‘', '`', '*',
                '_',
            ]))
    {
        return false;
    }
    if let Some(rest) = after
        .strip_prefix("'s ")
        .or_else(|| after.strip_prefix("’s "))
    {
        let noun: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        if words::any_eq(&nad.nowadays_after, &noun) {
            return false;
        }
    }
    true
}

static PAIR_GAP_WEEKDAY_FIRST: LazyLock<Tiered> = LazyLock::new(|| {
    narrow::regex(r"^(?:,[ \x{a0}]*|[ \x{a0}]+|[ \x{a0}]*\([ \x{a0}]*)$".to_string())
});
static PAIR_GAP_DATE_FIRST: LazyLock<Tiered> = LazyLock::new(|| {
    narrow::regex(r"^(?:,[ \x{a0}]*(?:a[ \x{a0}]+)?|[ \x{a0}]*\([ \x{a0}]*)$".to_string())
});

/// Joins a weekday and an adjacent calendar date into one expression.
fn join_pairs(prose: &str, atoms: Vec<Expr>) -> Vec<Expr> {
    let mut out: Vec<Expr> = Vec::with_capacity(atoms.len());
    let mut i = 0;
    while i < atoms.len() {
        let a = atoms[i];
        if let Some(b) = atoms.get(i + 1) {
            let gap = &prose[a.span.end..b.span.start];
            match (a.kind, b.kind) {
                (Kind::Weekday(w), Kind::Date(d))
                    if gap.len() <= 4 && PAIR_GAP_WEEKDAY_FIRST.is_match(gap) =>
                {
                    let end = close_paren(prose, gap, b.span.end);
                    out.push(Expr {
                        span: Span::new(a.span.start, end),
                        kind: Kind::WeekdayDate {
                            weekday: w,
                            date: d,
                        },
                    });
                    i += 2;
                    continue;
                }
                (Kind::Date(d), Kind::Weekday(w))
                    if gap.len() <= 5
                        && w.modifier == Modifier::None
                        && PAIR_GAP_DATE_FIRST.is_match(gap)
                        && !prose[b.span.end..].starts_with(['\'', '’']) =>
                {
                    let end = close_paren(prose, gap, b.span.end);
                    out.push(Expr {
                        span: Span::new(a.span.start, end),
                        kind: Kind::WeekdayDate {
                            weekday: w,
                            date: d,
                        },
                    });
                    i += 2;
                    continue;
                }
                _ => {}
            }
        }
        // "Sun." alone may be a newspaper or an abbreviation of anything: only a pair counts.
        if !matches!(
            a.kind,
            Kind::Weekday(WeekdayRef {
                abbreviated: true,
                ..
            })
        ) {
            out.push(a);
        }
        i += 1;
    }
    out
}

fn close_paren(prose: &str, gap: &str, end: usize) -> usize {
    if gap.contains('(') && prose[end..].starts_with(')') {
        end + 1
    } else {
        end
    }
}

#[cfg(test)]
mod atom_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every named group read by number ([`Atom::name`]) is the group read by name, for
        /// every match of the recogniser in any run of date words.
        #[test]
        fn a_group_read_by_number_is_the_group_read_by_name(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("2021-03-05"), Just("March"), Just("5"), Just("5th"), Just("2021"),
                    Just("Sept."), Just("Monday"), Just("last"), Just("next"), Just("this"),
                    Just("morning"), Just("yesterday"), Just("the"), Just("The"), Just("of"),
                    Just("12/25/2020"), Just("Jan."), Just("1-3"), Just("Thurs."), Just("on"),
                ],
                0..30,
            ),
            seps in proptest::collection::vec(prop_oneof![Just(" "), Just(", "), Just(". ")], 30),
        ) {
            let text: String = parts.iter().zip(&seps).map(|(p, s)| format!("{p}{s}")).collect();
            let names: Vec<String> = ATOM
                .captures_iter(&text)
                .next()
                .map(|c| c.group_numbers().into_keys().collect())
                .unwrap_or_default();
            for c in ATOM.captures_iter(&text) {
                let atom = Atom(c);
                for n in &names {
                    prop_assert_eq!(atom.name(n), atom.0.name(n), "{} in {:?}", n, text);
                }
                prop_assert_eq!(atom.name("no such group"), None);
            }
        }
    }
}
