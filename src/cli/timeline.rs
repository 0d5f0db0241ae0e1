//! `copydesk timeline FILE`: the story's dated events in calendar order, each with its sentence,
//! so an editor can see at a glance whether the chronology holds together.

use crate::config::Config;
use crate::document::{Document, Format};
use crate::rules::dates::recognise::Kind;
use crate::rules::dates::{self, house as style, resolve};

/// One event of the timeline: where it is placed, where it is in the file, and what is wrong
/// with its date, if anything.
struct Event {
    date: Option<jiff::civil::Date>,
    at: usize,
    line: usize,
    sentence: String,
    quoted: bool,
    warning: Option<String>,
}

/// The timeline as printed: one line per dated sentence with its line in the file, the dateline
/// marked in its place; a weekday that does not fall on its date is marked, and a date that is
/// not on the calendar is listed last, marked, rather than dropped.
pub(crate) fn render(path: &str, text: &str, config: &Config) -> String {
    let doc = Document::parse(text, Format::from_path(path), config.dateline);
    let r = doc.dateline.map(|d| d.date);
    let mut events: Vec<Event> = Vec::new();
    for x in dates::resolve_all(&doc) {
        if x.headline {
            continue;
        }
        let written = match x.expr.kind {
            Kind::Date(w) | Kind::WeekdayDate { date: w, .. } => Some(w),
            _ => None,
        };
        let impossible = written.and_then(|w| resolve::impossible(&w, r));
        let warning = match (x.expr.kind, x.date, &impossible) {
            (_, _, Some(why)) => Some(format!("no such date: {why}")),
            (Kind::WeekdayDate { weekday, .. }, Some(d), None)
                if d.weekday() != weekday.weekday =>
            {
                Some(format!(
                    "the copy says {}, but {d} is a {}",
                    style::weekday_name(weekday.weekday),
                    style::weekday_name(d.weekday())
                ))
            }
            _ => None,
        };
        if x.date.is_none() && impossible.is_none() {
            continue;
        }
        let sentence = doc
            .sentence_at(x.expr.span.start)
            .map_or(x.expr.span, |(_, s)| s.span);
        let line = one_line(&doc.text[sentence.range()]);
        let date = if impossible.is_some() { None } else { x.date };
        if events
            .iter()
            .any(|e| e.date == date && e.sentence == line && e.warning == warning)
        {
            continue;
        }
        events.push(Event {
            date,
            at: x.expr.span.start,
            line: 1 + doc.text[..x.expr.span.start].matches('\n').count(),
            sentence: line,
            quoted: x.quoted,
            warning,
        });
    }
    // Dated events in calendar order; the dates that are not on the calendar after them.
    events.sort_by_key(|e| (e.date.is_none(), e.date, e.at));
    let mut out = String::new();
    match r {
        Some(r) => out.push_str(&format!(
            "{path}: dateline {r} ({})\n",
            style::weekday_name(r.weekday())
        )),
        None => out.push_str(&format!(
            "{path}: no dateline; only dates written in full are placed\n"
        )),
    }
    let mark = |r: jiff::civil::Date| {
        format!(
            "{r} {}  ── dateline ──\n",
            style::weekday_short(r.weekday())
        )
    };
    let mut marked = false;
    for e in &events {
        if let (Some(r), Some(d)) = (r, e.date) {
            if !marked && d > r {
                out.push_str(&mark(r));
                marked = true;
            }
            if d == r {
                marked = true;
            }
        }
        let when = match e.date {
            Some(d) => format!("{d} {}", style::weekday_short(d.weekday())),
            None => "????-??-?? ???".to_string(),
        };
        let q = if e.quoted { " (quoted)" } else { "" };
        let w = e
            .warning
            .as_ref()
            .map_or(String::new(), |w| format!("  ⚠ {w}"));
        out.push_str(&format!("{when}  line {}  {}{q}{w}\n", e.line, e.sentence));
    }
    if let (Some(r), false) = (r, marked) {
        out.push_str(&mark(r));
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_in_calendar_order_with_the_dateline_marked() {
        let t = "---\ndate: 2021-08-15\n---\n\nThe rebels took the capital on Sunday. They had taken two cities on Thursday. Talks will open on Aug. 20. Late Saturday, the north fell.\n";
        let out = render("story.md", t, &Config::default());
        assert_eq!(
            out,
            "story.md: dateline 2021-08-15 (Sunday)\n\
             2021-08-12 Thu  line 5  They had taken two cities on Thursday.\n\
             2021-08-14 Sat  line 5  Late Saturday, the north fell.\n\
             2021-08-15 Sun  line 5  The rebels took the capital on Sunday.\n\
             2021-08-20 Fri  line 5  Talks will open on Aug. 20.\n"
        );
    }

    #[test]
    fn without_a_dateline_only_full_dates() {
        let t = "The rebels took the capital on Sunday, Aug. 15, 2021, after taking Herat on Thursday.\n";
        let out = render("story.txt", t, &Config::default());
        assert_eq!(out, "story.txt: no dateline; only dates written in full are placed\n2021-08-15 Sun  line 1  The rebels took the capital on Sunday, Aug. 15, 2021, after taking Herat on Thursday.\n");
    }

    #[test]
    fn a_wrong_weekday_and_a_day_off_the_calendar_are_marked() {
        let t = "---\ndate: 2025-03-10\n---\n\nThe board meets on Thursday, March 13.\n\nThe vote is set for Thursday, March 20.\n\nBids close on Feb. 30, the clerk said.\n";
        let out = render("story.md", t, &Config::default());
        assert_eq!(
            out,
            "story.md: dateline 2025-03-10 (Monday)\n\
             2025-03-10 Mon  ── dateline ──\n\
             2025-03-13 Thu  line 5  The board meets on Thursday, March 13.\n\
             2025-03-20 Thu  line 7  The vote is set for Thursday, March 20.\n\
             ????-??-?? ???  line 9  Bids close on Feb. 30, the clerk said.  ⚠ no such date: February has only 29 days.\n"
        );
        let t = "---\ndate: 2025-03-10\n---\n\nThe board meets on Thursday, March 14.\n";
        let out = render("story.md", t, &Config::default());
        assert!(
            out.ends_with("2025-03-14 Fri  line 5  The board meets on Thursday, March 14.  ⚠ the copy says Thursday, but 2025-03-14 is a Friday\n"),
            "{out}"
        );
    }
}
