//! The `dates/` family: every date expression resolved against the dateline, and the problems a
//! copy desk catches in them. One rule per file; the work they share is [`facts`]:
//!
//! - [`recognise`] finds the expressions (one regex pass over the prose),
//! - [`resolve`] turns them into calendar dates (tense decides which way a bare weekday points),
//! - [`house`] writes dates in house style,
//! - [`facts`] does all of that once per story for every rule,
//! - the vocabulary is data: `data/dates/*.toml`, loaded by `words` (and the calendar's names
//!   by [`crate::document::dateline`]),
//! - this file holds the hover and inlay text the editors show.

pub mod ambiguous_relative;
pub mod facts;
pub mod house;
pub mod impossible_date;
pub mod no_dateline;
pub mod recognise;
pub mod relative_word;
pub mod resolve;
pub mod stale_weekday;
pub mod style;
pub mod tense_conflict;
pub mod weekday_mismatch;
mod words;

pub use ambiguous_relative::AMBIGUOUS_RELATIVE;
pub use facts::{resolve_all, story_style, Resolved};
pub use impossible_date::IMPOSSIBLE_DATE;
pub use no_dateline::NO_DATELINE;
pub use relative_word::RELATIVE_WORD;
pub use stale_weekday::STALE_WEEKDAY;
pub use style::DATE_STYLE;
pub use tense_conflict::TENSE_CONFLICT;
pub use weekday_mismatch::WEEKDAY_MISMATCH;

use crate::config::Style;
use crate::document::Dateline;
use crate::report::DateMention;
use jiff::civil::Date;
use resolve::days_between;

// ---------------------------------------------------------------------------------------------
// What the editors show

fn number_words(n: i64) -> String {
    crate::document::dateline::CALENDAR
        .numbers
        .words
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// "Thu, Aug. 12, 2021"
fn long_date(d: Date) -> String {
    format!(
        "{}, {}",
        house::weekday_short(d.weekday()),
        house::format(Style::Ap, d.month(), d.day(), Some(d.year()))
    )
}

/// Hover text for a date expression: the date it resolves to and its distance from the dateline,
/// e.g. "Thu, Aug. 12, 2021: three days before the dateline, Sun, Aug. 15".
pub fn hover_text(m: &DateMention, dateline: Option<&Dateline>) -> String {
    let quoted = if m.quoted {
        " (in a quotation: the speaker's words, not checked)"
    } else {
        ""
    };
    match (m.resolved, dateline) {
        (Some(d), Some(dl)) => {
            let r = dl.date;
            let days = days_between(r, d);
            let dl_text = format!("{}, {}", house::weekday_short(r.weekday()), house::house(Style::Ap, r, Some(d)));
            let rel = match days {
                0 => format!("the dateline day, {dl_text}"),
                1 => format!("the day after the dateline, {dl_text}"),
                -1 => format!("the day before the dateline, {dl_text}"),
                n if n < 0 => format!("{} days before the dateline, {dl_text}", number_words(-n)),
                n => format!("{} days after the dateline, {dl_text}", number_words(n)),
            };
            format!("{}: {rel}{quoted}", long_date(d))
        }
        (Some(d), None) => format!("{}{quoted}", long_date(d)),
        (None, Some(_)) => format!("This date is not on the calendar.{quoted}"),
        (None, None) => format!("This date cannot be resolved: the story has no dateline. Add the filing date (front matter `date: YYYY-MM-DD`).{quoted}"),
    }
}

/// The label an editor shows inline after a relative day ("Aug. 12"), if any.
pub fn inlay_label(m: &DateMention) -> Option<String> {
    let d = m.resolved?;
    m.relative
        .then(|| house::format(Style::Ap, d.month(), d.day(), None))
}

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
