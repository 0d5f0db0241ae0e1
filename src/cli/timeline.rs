//! `copydesk timeline FILE`: the story's dated events in calendar order, each with its sentence,
//! so an editor can see at a glance whether the chronology holds together.

use crate::config::Config;
use crate::document::{Document, Format};
use crate::rules::dates::{self, house as style};

/// The timeline as printed: one line per dated sentence, the dateline marked in its place.
pub(crate) fn render(path: &str, text: &str, config: &Config) -> String {
    let doc = Document::parse(text, Format::from_path(path), config.dateline);
    let mut events: Vec<(jiff::civil::Date, usize, String, bool)> = Vec::new();
    for x in dates::resolve_all(&doc) {
        let Some(d) = x.date else { continue };
        if x.headline {
            continue;
        }
        let sentence = doc
            .sentence_at(x.expr.span.start)
            .map_or(x.expr.span, |(_, s)| s.span);
        let line = one_line(&doc.text[sentence.range()]);
        if events.iter().any(|(ed, _, s, _)| *ed == d && *s == line) {
            continue;
        }
        events.push((d, x.expr.span.start, line, x.quoted));
    }
    events.sort_by_key(|e| (e.0, e.1));
    let mut out = String::new();
    let dateline = doc.dateline.map(|d| d.date);
    match dateline {
        Some(r) => out.push_str(&format!(
            "{path}: dateline {r} ({})\n",
            style::weekday_name(r.weekday())
        )),
        None => out.push_str(&format!(
            "{path}: no dateline; only dates written in full are placed\n"
        )),
    }
    let mut marked = false;
    for (d, _, line, quoted) in &events {
        if let Some(r) = dateline {
            if !marked && *d > r {
                out.push_str(&format!(
                    "{r} {}  ── dateline ──\n",
                    style::weekday_short(r.weekday())
                ));
                marked = true;
            }
            if *d == r {
                marked = true;
            }
        }
        let q = if *quoted { " (quoted)" } else { "" };
        out.push_str(&format!(
            "{d} {}  {line}{q}\n",
            style::weekday_short(d.weekday())
        ));
    }
    if let (Some(r), false) = (dateline, marked) {
        out.push_str(&format!(
            "{r} {}  ── dateline ──\n",
            style::weekday_short(r.weekday())
        ));
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
             2021-08-12 Thu  They had taken two cities on Thursday.\n\
             2021-08-14 Sat  Late Saturday, the north fell.\n\
             2021-08-15 Sun  The rebels took the capital on Sunday.\n\
             2021-08-20 Fri  Talks will open on Aug. 20.\n"
        );
    }

    #[test]
    fn without_a_dateline_only_full_dates() {
        let t = "The rebels took the capital on Sunday, Aug. 15, 2021, after taking Herat on Thursday.\n";
        let out = render("story.txt", t, &Config::default());
        assert_eq!(out, "story.txt: no dateline; only dates written in full are placed\n2021-08-15 Sun  The rebels took the capital on Sunday, Aug. 15, 2021, after taking Herat on Thursday.\n");
    }
}
