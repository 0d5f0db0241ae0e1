//! `dates/relative-word`: "yesterday", "today", "tomorrow", "tonight" in the writer's voice.

use super::facts::DateFacts;
use super::house;
use super::recognise::{Kind, RelWord};
use super::resolve;
use crate::config::Style;
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::rules::{Check, Context, Family, FixAvailability, Level, Report, Rule};
use jiff::civil::Date;

pub static RELATIVE_WORD: Rule = Rule {
    id: "dates/relative-word",
    family: Family::Dates,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "\"yesterday\", \"today\", \"tomorrow\" or \"tonight\" in the writer's voice",
    explanation: "Wire copy is read in many time zones and on many days after it is written, so \"yesterday\" and \"tomorrow\" drift. AP and Reuters name the day of the week instead (the date, for a day more than a week away). Inside a direct quotation the words are the speaker's and stay.",
    bad: "The ferry service will resume tomorrow.",
    good: "The ferry service will resume Monday.",
    context: "---\ndate: 2023-05-20\n---",
    source: "AP Stylebook, 'today, tonight'; 'days of the week'",
};

pub struct RelativeWord;

impl Check for RelativeWord {
    fn rule(&self) -> &'static Rule {
        &RELATIVE_WORD
    }
    fn check(&self, cx: &Context, report: &mut Report) {
        let facts = cx.facts::<DateFacts>();
        facts.report_mentions(report);
        for x in facts.checked() {
            let Kind::Relative(word) = x.expr.kind else {
                continue;
            };
            if let (Some(d), Some(r)) = (x.date, facts.r) {
                report.push(relative_word(cx.doc, x.expr.span, word, d, r, facts.style));
            }
        }
    }
}

fn relative_word(
    doc: &Document<'_>,
    span: Span,
    word: RelWord,
    d: Date,
    r: Date,
    style: Style,
) -> Finding {
    let text = &doc.text[span.range()];
    let days = resolve::days_between(r, d);
    let day = house::weekday_name(d.weekday());
    // Messages and titles are joined from their pieces, not written with `format!` (the same
    // text for a tenth of the work: every edit writes them again).
    let new = match word.part_of_day() {
        Some(part) => [day, " ", part].concat(),
        None => day.to_string(),
    };
    let when = match days {
        0 => "the dateline day",
        -1 => "the day before the dateline",
        1 => "the day after the dateline",
        _ => "",
    };
    let msg = [
        "“",
        text,
        "” drifts once the story is read on another day or in another time zone: wire style names the day. Here it is ",
        day,
        ", ",
        &house::house(style, d, Some(r)),
        " (",
        when,
        ").",
    ]
    .concat();
    Finding::new(&RELATIVE_WORD, span, msg).with_fix(
        Fix::new(
            ["Write “", &new, "”"].concat(),
            Safety::Safe,
            vec![Edit::replace(span, new)],
        )
        .preferred(),
    )
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;

    /// The texts this rule flags in `text`, with the rule on.
    fn flagged(text: &str) -> Vec<&str> {
        crate::rules::flagged_on(text, &super::RELATIVE_WORD)
    }

    #[test]
    fn relative_words_in_copy_but_not_in_quotes() {
        let t = "---\ndate: 2023-05-20\n---\n\nThe squad parades tomorrow. “We party tonight,” the captain said.\n";
        assert_eq!(flagged(t), ["tomorrow"]);
    }

    #[test]
    fn today_set_off_by_commas_in_a_present_clause_is_nowadays() {
        let d = "---\ndate: 2024-03-11\n---\n\n";
        for t in [
            "Fees were $500 a year in 1990. Today, the same pass costs $2,000, and the fee is no longer refunded.",
            "The mill closed in 1970. Today, it is run by a trust that was founded by former workers.",
            "The agency's mandate has grown, and, today, about 4,000 inspectors are posted abroad.",
        ] {
            let t = format!("{d}{t}\n");
            assert!(flagged(&t).is_empty(), "{t}");
        }
        // The clause after the comma dates an event, or plans one: the story's day.
        for t in [
            "Today, the council voted to close the branch.",
            "Today the council voted to close the branch.",
            "Today the minister will visit the plant.",
            "Today, the minister said the plant would close.",
            "Today, the minister will visit the plant.",
            "Today, the bill is expected to pass.",
            "The board met, and, today, it approved 1,000 new posts.",
        ] {
            let t = format!("{d}{t}\n");
            assert_eq!(
                flagged(&t),
                ["Today"].map(|x| if t.contains("Today") { x } else { "today" }),
                "{t}"
            );
        }
    }

    #[test]
    fn today_set_against_a_past_time_is_now() {
        let d = "---\ndate: 2016-09-07\n---\n\n";
        for t in [
            "The mayor's backing today is well below her 60 percent share in 2008.",
            "Turnout today is far below its level of that year.",
        ] {
            let t = format!("{d}{t}\n");
            assert!(flagged(&t).is_empty(), "{t}");
        }
        // A verb that dates it keeps it the story's day, past years or not.
        for t in [
            "The company said today that 2015 profit fell.",
            "Shares fell today to their lowest level since 2008.",
        ] {
            let t = format!("{d}{t}\n");
            assert_eq!(flagged(&t), ["today"], "{t}");
        }
    }

    #[test]
    fn today_in_a_clause_that_states_how_things_are_is_now() {
        let d = "---\ndate: 2015-11-23\n---\n\n";
        for t in [
            "The governor is the strongest candidate in the race today.",
            "Today the mood is completely different after months of layoffs.",
            "Anyone today who wants a pension like theirs can try to build one.",
            "Fifteen years ago checks were random. Today the agency screens travellers by country.",
            "For anyone today who wants to retire early, the plan is a model.",
            "The two mayors are tied in the county today, a new poll shows.",
            "If the vote were held today, the mayor would lose.",
            "Still, if you were betting today, you would back the mayor.",
        ] {
            let t = format!("{d}{t}\n");
            assert!(flagged(&t).is_empty(), "{t}");
        }
        // An event, a plan, a market move: the day.
        for t in [
            "Shares are trading higher today.",
            "A decision is expected today.",
            "The governor is to visit the plant today.",
            "The governor spoke today about the race, which is close.",
            "If the council votes today, the pool will close.",
            "The market is closed today for the holiday.",
        ] {
            let t = format!("{d}{t}\n");
            assert_eq!(flagged(&t), ["today"], "{t}");
        }
    }

    #[test]
    fn today_in_a_column_in_the_present_is_at_present() {
        let d = "---\ndate: 2015-11-23\n---\n\n";
        let column = "I have watched this race for a year. We might recall how it began. Ask yourself what you would have done.";
        for t in [
            "So that's the picture today.",
            "In the polls today, the two candidates are tied.",
        ] {
            let t = format!("{d}{column}\n\n{t}\n");
            assert!(flagged(&t).is_empty(), "{t}");
        }
        // In a column, a day's event still names the day; outside a column, the present
        // progressive is the day's news.
        let t = format!("{d}{column}\n\nThe council voted today to close the pool.\n");
        assert_eq!(flagged(&t), ["today"], "{t}");
        let t = format!("{d}The council is acting today on the pool.\n");
        assert_eq!(flagged(&t), ["today"], "{t}");
        // First-person words inside quotation marks do not make a column.
        let t = format!("{d}\"I think so,\" she said. \"We agree,\" they said. \"You will see,\" he said.\n\nThe council is acting today on the pool.\n");
        assert_eq!(flagged(&t), ["today"], "{t}");
    }

    // Moved from the family-level tests.
    #[test]
    fn relative_word_in_the_writers_voice() {
        let r = date(2024, 5, 22); // a Wednesday
        let t = "Yesterday, the city opened a shelter. The squad parades tomorrow, and a vigil is planned for tonight.";
        let a = run(t, r);
        assert_eq!(
            found(&a, t),
            [
                ("dates/relative-word", "Yesterday"),
                ("dates/relative-word", "tomorrow"),
                ("dates/relative-word", "tonight")
            ]
        );
        let fixed: Vec<String> = a.findings.iter().map(|f| f.fixes[0].apply(t)).collect();
        assert!(
            fixed[0].starts_with("Tuesday, the city opened"),
            "{}",
            fixed[0]
        );
        assert!(fixed[1].contains("parades Thursday,"), "{}", fixed[1]);
        assert!(
            fixed[2].contains("planned for Wednesday night."),
            "{}",
            fixed[2]
        );
        assert!(
            a.findings[0].message.contains("May 21"),
            "{}",
            a.findings[0].message
        );
    }

    #[test]
    fn relative_word_inside_a_quotation_is_the_speakers() {
        let t = "“We will keep digging tonight and tomorrow,” Collins said. “Today we celebrate,” she said.";
        let a = run(t, date(2023, 7, 12));
        assert!(found(&a, t).is_empty());
        assert_eq!(a.dates.len(), 3);
        assert!(a.dates.iter().all(|d| d.quoted && d.resolved.is_some()));
    }

    #[test]
    fn names_and_slots_from_the_data_lists_are_not_days() {
        // One sentence per class the lists in data/dates/not_a_day.toml stand for.
        let t = "Palm Sunday crowds filled the square. The Mail on Sunday printed it. She read the Sunday Mirror. Shoppers wore their Sunday best. Sunday services draw hundreds. The Saturday edition sold out. He plays in a Sunday league. Night Shift workers are paid more for a Sunday shift. Stores closed from Monday to Friday. Saturday and Sunday were dry.";
        let a = run(t, date(2024, 3, 29));
        assert!(found(&a, t).is_empty(), "{:?}", found(&a, t));
        assert!(a.dates.iter().all(|d| !d.relative || d.resolved.is_some()));
        // A weekday before "hours" is a day like any other: only a list entry makes it a slot.
        let t = "The ministry extended its opening on Saturday hours before the vote.";
        assert_eq!(resolved(&run(t, date(2024, 3, 29)), t).len(), 1);
    }

    #[test]
    fn this_coming_weekday_is_the_next_one() {
        let t = "The team flies home this coming Sunday.";
        assert_eq!(
            first_resolved(t, date(2024, 3, 27)),
            Some(date(2024, 3, 31))
        );
    }

    #[test]
    fn capitalised_relative_word_in_mid_sentence_is_a_title() {
        let t = "She presented This Morning for a decade. Viewers of Tonight with the host wrote in. Yesterday the council voted.";
        let a = run(t, date(2024, 3, 27));
        assert_eq!(found(&a, t), [("dates/relative-word", "Yesterday")]);
    }

    #[test]
    fn relative_word_idioms_are_not_days() {
        let t = "The leaders of tomorrow met. He spends like there is no tomorrow. Today's world is online. She told NBC's Today show.";
        assert!(found(&run(t, date(2023, 7, 12)), t).is_empty());
    }
}
