use super::testing::*;
use super::*;

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// Walks day by day: an independent statement of the rule the resolver implements.
fn walk(from: Date, wd: Weekday, step: i64) -> Date {
    let mut d = from;
    while d.weekday() != wd {
        d = resolve::add_days(d, step).unwrap();
    }
    d
}

/// Every weekday, in past and future copy, against datelines on each day of a week that spans
/// a month end, a year end, Feb. 29 of a leap year and the end of February in a common year.
#[test]
fn every_weekday_against_every_dateline_weekday_both_tenses() {
    let windows = [
        date(2021, 7, 29),
        date(2020, 12, 28),
        date(2024, 2, 26),
        date(2023, 2, 25),
    ];
    for start in windows {
        for i in 0..7 {
            let r = resolve::add_days(start, i).unwrap();
            for wd in WEEKDAYS {
                let name = house::weekday_name(wd);
                let past = format!("The council voted on {name} to close the library.");
                let future = format!("The council will vote on {name} on the library.");
                assert_eq!(
                    first_resolved(&past, r),
                    Some(walk(r, wd, -1)),
                    "past {name} from {r}"
                );
                assert_eq!(
                    first_resolved(&future, r),
                    Some(walk(r, wd, 1)),
                    "future {name} from {r}"
                );
            }
        }
    }
}

#[test]
fn weekday_boundaries_by_hand() {
    // Leap day, month end, year end.
    assert_eq!(
        first_resolved(
            "Police said on Thursday that six people died.",
            date(2024, 3, 1)
        ),
        Some(date(2024, 2, 29))
    );
    assert_eq!(
        first_resolved("The market fell on Tuesday.", date(2023, 3, 1)),
        Some(date(2023, 2, 28))
    );
    assert_eq!(
        first_resolved("The storm hit on Wednesday.", date(2021, 1, 1)),
        Some(date(2020, 12, 30))
    );
    assert_eq!(
        first_resolved("The court will rule on Monday.", date(2020, 12, 30)),
        Some(date(2021, 1, 4))
    );
    assert_eq!(
        first_resolved(
            "The inspectors are scheduled to arrive on Friday.",
            date(2023, 7, 12)
        ),
        Some(date(2023, 7, 14))
    );
    assert_eq!(
        first_resolved("Schools will stay closed Thursday.", date(2024, 11, 20)),
        Some(date(2024, 11, 21))
    );
    assert_eq!(
        first_resolved(
            "The utility expects most homes to be reconnected by Friday.",
            date(2024, 11, 20)
        ),
        Some(date(2024, 11, 22))
    );
    assert_eq!(
        first_resolved("Claims must be filed by Friday.", date(2024, 11, 20)),
        Some(date(2024, 11, 22))
    );
    assert_eq!(
        first_resolved(
            "The club said fans would attend a reception at the town hall on Monday evening.",
            date(2024, 5, 19)
        ),
        Some(date(2024, 5, 20))
    );
    assert_eq!(
        first_resolved("Power had been restored by Friday.", date(2024, 11, 20)),
        Some(date(2024, 11, 15))
    );
    // The dateline's own weekday is the dateline day, in either tense.
    assert_eq!(
        first_resolved("Shares fell on Thursday.", date(2024, 7, 11)),
        Some(date(2024, 7, 11))
    );
    assert_eq!(
        first_resolved("The board plans to meet Thursday.", date(2024, 7, 11)),
        Some(date(2024, 7, 11))
    );
    // last / next are strict.
    assert_eq!(
        first_resolved("They met last Friday.", date(2024, 3, 6)),
        Some(date(2024, 3, 1))
    );
    assert_eq!(
        first_resolved("They meet next Monday.", date(2024, 3, 6)),
        Some(date(2024, 3, 11))
    );
}

#[test]
fn month_day_without_a_year_takes_the_nearest_year_in_the_tense() {
    assert_eq!(
        first_resolved("The plant closed on Dec. 30.", date(2021, 1, 3)),
        Some(date(2020, 12, 30))
    );
    assert_eq!(
        first_resolved("The plant will reopen on Jan. 4.", date(2020, 12, 30)),
        Some(date(2021, 1, 4))
    );
    assert_eq!(
        first_resolved("The judge set sentencing for Jan. 18.", date(2023, 9, 28)),
        Some(date(2024, 1, 18))
    );
    assert_eq!(
        first_resolved(
            "Shareholders will vote on the merger on Nov. 5.",
            date(2024, 8, 27)
        ),
        Some(date(2024, 11, 5))
    );
    assert_eq!(
        first_resolved(
            "The regulator first noticed the shortfall on Jan. 16.",
            date(2024, 3, 21)
        ),
        Some(date(2024, 1, 16))
    );
    // Past copy in January about December; future copy in December about January.
    assert_eq!(
        first_resolved("Prices rose on Dec. 20.", date(2022, 1, 10)),
        Some(date(2021, 12, 20))
    );
    assert_eq!(
        first_resolved("The law takes effect Jan. 1.", date(2022, 12, 10)),
        Some(date(2023, 1, 1))
    );
    // Feb. 29 lands on the leap year near the dateline.
    assert_eq!(
        first_resolved("The vote was held on Feb. 29.", date(2024, 3, 10)),
        Some(date(2024, 2, 29))
    );
    assert_eq!(
        first_resolved("The vote will be held on Feb. 29.", date(2023, 12, 1)),
        Some(date(2024, 2, 29))
    );
}

#[test]
fn other_written_forms_resolve() {
    let t = "The ceasefire began on 15 August 2021 and ended 2021-08-20. Talks resume on the 3rd of May and on August 15th.";
    let a = run(t, date(2022, 3, 1));
    assert_eq!(
        resolved(&a, t),
        [
            ("15 August 2021".to_string(), Some(date(2021, 8, 15))),
            ("2021-08-20".to_string(), Some(date(2021, 8, 20))),
            ("the 3rd of May".to_string(), Some(date(2022, 5, 3))),
            ("August 15th".to_string(), Some(date(2022, 8, 15))),
        ]
    );
}

#[test]
fn relative_words_resolve() {
    let t = "Police said yesterday that a march is planned for tonight, and the court rules tomorrow. Officers worked through last night and this morning.";
    let a = run(t, date(2023, 6, 11));
    let r = resolved(&a, t);
    assert_eq!(
        r,
        [
            ("yesterday".to_string(), Some(date(2023, 6, 10))),
            ("tonight".to_string(), Some(date(2023, 6, 11))),
            ("tomorrow".to_string(), Some(date(2023, 6, 12))),
            ("last night".to_string(), Some(date(2023, 6, 10))),
            ("this morning".to_string(), Some(date(2023, 6, 11))),
        ]
    );
    assert!(a.dates.iter().all(|d| d.relative && !d.quoted));
}

#[test]
fn not_dates() {
    let t = "Good Friday services drew crowds. The Sunday Times reported it. She scored in the 70th minute. Shares rose 5%. The Saturday Star ran it. Leaders of tomorrow met at USA Today. In 2021 the war ended. Sundays are quiet. The March 2021 report was late. The council meets every Tuesday.";
    let a = run(t, date(2024, 3, 29));
    assert_eq!(resolved(&a, t), Vec::<(String, Option<Date>)>::new());
    assert!(found(&a, t).is_empty());
}

#[test]
fn wire_dateline_and_date_lines_are_skipped() {
    let t = "date 2021-08-15\n\nKABUL, Aug. 15 (AP) — Fighters entered the city on Sunday.\n";
    let a = analyze(t, &Config::default());
    assert_eq!(
        resolved(&a, t),
        [("Sunday".to_string(), Some(date(2021, 8, 15)))]
    );
    assert!(found(&a, t).is_empty());
}

// ---- quotes, headlines

#[test]
fn headlines_are_not_checked() {
    let t = "# Talks to resume tomorrow\n\nThe talks resume on Friday.\n";
    let a = run(t, date(2024, 3, 6));
    assert!(found(&a, t).is_empty());
}

#[test]
fn kabul_style_copy_resolves_and_is_consistent() {
    let t = "date 2021-08-15 Rebels close in on the capital as embassies empty\n\nRebel fighters captured the eastern city of Jalalabad on Sunday without a fight, officials told Reuters on Sunday.\n\nLate Saturday, the rebels took the river port of Tamsin.\n\nThe rebels took two provincial capitals on Thursday.\n";
    let a = analyze_as_plain(t);
    assert_eq!(a.dateline.map(|d| d.date), Some(date(2021, 8, 15)));
    assert_eq!(
        resolved(&a, t),
        [
            ("Sunday".to_string(), Some(date(2021, 8, 15))),
            ("Sunday".to_string(), Some(date(2021, 8, 15))),
            ("Late Saturday".to_string(), Some(date(2021, 8, 14))),
            ("Thursday".to_string(), Some(date(2021, 8, 12))),
        ]
    );
    assert!(found(&a, t).is_empty(), "{:?}", found(&a, t));
    let dl = a.dateline.unwrap();
    let thursday = &a.dates[3];
    assert_eq!(
        hover_text(thursday, Some(&dl)),
        "Thu, Aug. 12, 2021: three days before the dateline, Sun, Aug. 15"
    );
    assert_eq!(inlay_label(thursday).as_deref(), Some("Aug. 12"));
    assert_eq!(
        hover_text(&a.dates[0], Some(&dl)),
        "Sun, Aug. 15, 2021: the dateline day, Sun, Aug. 15"
    );
    assert_eq!(
        hover_text(&a.dates[2], Some(&dl)),
        "Sat, Aug. 14, 2021: the day before the dateline, Sun, Aug. 15"
    );
}

fn analyze_as_plain(t: &str) -> Analysis {
    crate::analyze_as(t, crate::document::Format::Plain, &Config::default())
}

#[test]
fn hover_and_inlay_edge_cases() {
    let dl = Dateline {
        date: date(2023, 7, 12),
        source: crate::document::DatelineSource::Config,
    };
    let m = DateMention {
        span: Span::new(0, 1),
        resolved: Some(date(2022, 7, 28)),
        relative: false,
        quoted: false,
    };
    assert_eq!(
        hover_text(&m, Some(&dl)),
        "Thu, July 28, 2022: 349 days before the dateline, Wed, July 12, 2023"
    );
    assert_eq!(inlay_label(&m), None, "no inlay after a written date");
    let m = DateMention {
        span: Span::new(0, 1),
        resolved: Some(date(2023, 7, 13)),
        relative: true,
        quoted: true,
    };
    assert_eq!(hover_text(&m, Some(&dl)), "Thu, July 13, 2023: the day after the dateline, Wed, July 12 (in a quotation: the speaker's words, not checked)");
    assert_eq!(inlay_label(&m).as_deref(), Some("July 13"));
    let m = DateMention {
        span: Span::new(0, 1),
        resolved: None,
        relative: true,
        quoted: false,
    };
    assert!(hover_text(&m, None).contains("no dateline"));
    assert_eq!(inlay_label(&m), None);
}

#[test]
fn no_panics_on_odd_input() {
    for t in [
        "",
        "Monday",
        "Aug. 99",
        "the 0th of May",
        "2021-13-45",
        "June 31, 9999",
        "“Tuesday",
        "Feb. 29, 1900",
        "on Sunday,\u{a0}Aug.\u{a0}15",
        "é Friday é",
    ] {
        let _ = run(t, date(2024, 1, 1));
        // The engine catches a panicking rule, so "no panic" means no rule failed.
        assert!(analyze(t, &Config::default()).failed.is_empty(), "{t:?}");
    }
    let t = "Feb. 29, 1900 and Feb. 29, 2000.";
    assert_eq!(
        found(&run(t, date(2024, 1, 1)), t),
        [("dates/impossible-date", "Feb. 29, 1900")]
    );
}

/// "last night" broken over two lines is still one expression: recognition line by line
/// keeps such a line break inside its line.
#[test]
fn a_phrase_broken_over_lines_is_recognised_line_by_line() {
    for text in [
        "They met last\nnight.",
        "They met last \n\n night, and again this\r\nmorning.",
        "Monday, last\nnight",
    ] {
        let whole = recognise::find(text, &[]);
        let by_line: Vec<_> = recognise::lines(text, &[])
            .flat_map(|(at, line, cut)| {
                recognise::find(line, &cut)
                    .into_iter()
                    .map(move |x| x.shifted(at))
            })
            .collect();
        assert!(!whole.is_empty(), "{text:?}");
        assert_eq!(whole, by_line, "{text:?}");
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// Fragments that exercise every branch of recognition, glued in random order.
    const PIECES: &[&str] = &[
        "Monday",
        "Tuesday",
        ", ",
        " ",
        "Aug.",
        "Aug",
        "August",
        "Sept.",
        "May",
        "15",
        "31",
        "29",
        "1st",
        "3rd",
        "of",
        "the",
        "2021",
        "2024",
        "-",
        "–",
        "/",
        "12/",
        "2024-02-30",
        "yesterday",
        "Today",
        "tonight",
        "last",
        "next",
        "this",
        "late",
        "night",
        "“",
        "”",
        "\"",
        ".",
        "\n\n",
        "é",
        "—",
        "(",
        ")",
        "will",
        "said",
        "was",
        "on",
        "a",
        "\u{a0}",
        "Feb.",
        "2023",
        "'s",
        "\n",
        "(@ab_1)",
        "day before",
        "every",
    ];

    proptest! {
        #[test]
        fn any_mix_of_date_fragments_is_safe(idx in proptest::collection::vec(0..PIECES.len(), 0..40), day in 0i64..800) {
            let text: String = idx.iter().map(|&i| PIECES[i]).collect();
            let r = resolve::add_days(date(2023, 1, 1), day).unwrap();
            for style in [Style::Ap, Style::Reuters, Style::Bbc] {
                let a = run_style(&text, r, style);
                for d in &a.dates {
                    prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
                }
                for f in a.findings.iter().filter(|f| f.family() == "dates") {
                    prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
                    for fix in &f.fixes {
                        let _ = fix.apply(&text);
                    }
                }
            }
            let _ = analyze(&text, &Config::default());
        }

        /// The server keeps each line's expressions: recognition line by line must be
        /// recognition of the whole prose (see `recognise::lines`).
        #[test]
        fn recognition_line_by_line_is_recognition_of_the_whole(idx in proptest::collection::vec(0..PIECES.len(), 0..60), skip in proptest::collection::vec((0usize..240, 0usize..12), 0..3)) {
            let text: String = idx.iter().map(|&i| PIECES[i]).collect();
            let skip: Vec<crate::finding::Span> = skip.iter().map(|&(a, n)| crate::finding::Span::new(a.min(text.len()), (a + n).min(text.len()))).collect();
            let whole = recognise::find(&text, &skip);
            let by_line: Vec<_> = recognise::lines(&text, &skip)
                .flat_map(|(at, line, cut)| recognise::find(line, &cut).into_iter().map(move |x| x.shifted(at)))
                .collect();
            prop_assert_eq!(whole, by_line);
        }
    }
}

// ---- issue 12: house style from the story, ordinal days, wire datelines

#[test]
fn house_style_comes_from_front_matter_then_wire_dateline_then_config() {
    // Front matter says Reuters: "Oct 20" and "January 28" are Reuters forms, not AP errors.
    let t = "---\ndate: 2023-10-18\nstyle: reuters\n---\n\nThe board meets on Oct 20 and reports on January 28.\n";
    let a = analyze(t, &config(None, Style::Ap));
    assert!(found(&a, t).is_empty(), "{:?}", found(&a, t));
    // BBC: day first, month spelled out.
    let t = "---\ndate: 2023-01-18\nstyle: bbc\n---\n\nThe inquiry reports on 22 January.\n";
    assert!(found(&analyze(t, &config(None, Style::Ap)), t).is_empty());
    // The agency in the wire dateline sets the house when the front matter does not.
    let t =
        "---\ndate: 2023-10-02\n---\n\nLISBON, Oct 2 (Reuters) - Ministers meet again on Oct 9.\n";
    assert!(found(&analyze(t, &config(None, Style::Ap)), t).is_empty());
    // Otherwise the configured house applies, and its name is in the message.
    let t = "---\ndate: 2023-10-02\n---\n\nMinisters meet again on Oct 9.\n";
    let a = analyze(t, &config(None, Style::Ap));
    assert_eq!(found(&a, t), [("dates/style", "Oct 9")]);
    assert!(a.findings[0].message.contains("AP"));
}

#[test]
fn an_undated_wire_dateline_without_agency_is_the_wires_form() {
    let t = "---\ndate: 1987-02-26\nstyle: ap\n---\n\nSALVADOR, Feb 26 - Rains fell on Tuesday across the region.\n";
    let a = analyze(t, &config(None, Style::Ap));
    assert!(found(&a, t).is_empty(), "{:?}", found(&a, t));
    assert_eq!(
        resolved(&a, t),
        [("Tuesday".to_string(), Some(date(1987, 2, 24)))]
    );
}

#[test]
fn ordinal_day_without_a_month_is_flagged_with_its_date() {
    let t = "The contract must be signed by the 25th. Bids closed on the 3rd, officials said.";
    let a = run(t, date(2024, 3, 12));
    assert_eq!(
        found(&a, t),
        [("dates/style", "the 25th"), ("dates/style", "the 3rd")]
    );
    assert!(a.findings[0].message.contains("March 25"));
    // Not days: a rank, an anniversary, a unit.
    let t = "She finished the 25th lap first. It was the 5th anniversary. The 82nd Airborne left on the 3rd floor lift.";
    assert!(
        found(&run(t, date(2024, 3, 12)), t).is_empty(),
        "{:?}",
        found(&run(t, date(2024, 3, 12)), t)
    );
}

#[test]
fn a_weekday_with_an_ordinal_day_names_one_day() {
    // March 12, 2024 is a Tuesday; the 18th is the coming Monday, the 29th of February a
    // Thursday.
    let r = date(2024, 3, 12);
    for (t, want) in [
        ("The count resumes Monday the 18th.", date(2024, 3, 18)),
        ("Voting opens on Monday, the 18th.", date(2024, 3, 18)),
        ("The clinic shut on Thursday the 29th.", date(2024, 2, 29)),
    ] {
        let a = run(t, r);
        let got: Vec<_> = resolved(&a, t).into_iter().map(|(_, d)| d).collect();
        assert_eq!(got, [Some(want), Some(want)], "{t}");
    }
    // No month near the dateline has a Friday the 18th: each keeps its own reading.
    let t = "The count resumes Friday the 18th.";
    let got: Vec<_> = resolved(&run(t, r), t)
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    assert_eq!(got, [Some(date(2024, 3, 15)), Some(date(2024, 3, 18))]);
}

// ---- issue 12: which way a bare weekday points

#[test]
fn forward_looking_phrases_point_a_weekday_forward() {
    let r = date(2024, 3, 11); // a Monday
    for t in [
        "The envoy could arrive as early as Thursday, aides said.",
        "Ministers may sign the deal as soon as Thursday.",
        "Officials postponed until Thursday any decision on the permit.",
        "Markets steadied ahead of Thursday's rate decision.",
        "The two leaders meet separately Thursday with the mediator.",
        "The committee reconvenes on Thursday.",
        "Protesters were planning to march on Thursday, organisers said.",
    ] {
        assert_eq!(first_resolved(t, r), Some(date(2024, 3, 14)), "{t}");
    }
}

#[test]
fn a_possessive_weekday_names_a_reported_event() {
    let r = date(2024, 3, 15); // a Friday
    for t in [
        "Lawyers for the family said they would look for ways around Wednesday's ruling.",
        "The firm's stake before Wednesday's purchases was small.",
    ] {
        assert_eq!(first_resolved(t, r), Some(date(2024, 3, 13)), "{t}");
    }
    // A future verb takes the nearer reading: here the coming Saturday.
    let t = "Fans will attend Saturday's final in large numbers.";
    assert_eq!(first_resolved(t, r), Some(date(2024, 3, 16)));
}

#[test]
fn compound_weekday_phrases() {
    let r = date(2024, 3, 11); // a Monday
    let t = "Shares closed 3 percent below the previous Friday.";
    assert_eq!(first_resolved(t, r), Some(date(2024, 3, 1)));
    let t = "The ship docked the day before last Tuesday.";
    assert_eq!(first_resolved(t, r), Some(date(2024, 3, 4)));
    // "was about to" happened: the past reading stays.
    let t = "Police detained him early on Thursday as he was about to board a flight.";
    assert_eq!(first_resolved(t, r), Some(date(2024, 3, 7)));
}

#[test]
fn a_timetable_verb_never_makes_a_written_date_a_conflict() {
    let t = "The club plays on May 3 at home.";
    assert!(found(&run(t, date(2024, 5, 26)), t).is_empty());
}

#[test]
fn a_participle_after_be_or_to_is_no_past() {
    let r = date(2024, 3, 11); // a Monday
    let t = "The vote is to be held on Thursday.";
    assert_eq!(first_resolved(t, r), Some(date(2024, 3, 14)));
    let t = "Dues must be paid by the 25th.";
    assert_eq!(first_resolved(t, r), Some(date(2024, 3, 25)));
}

#[test]
fn today_meaning_nowadays_is_not_a_day() {
    let r = date(2024, 3, 11);
    for t in [
        "Today, women account for a fifth of the chamber.",
        "Nobody involved remains at the firm today.",
        "Membership cost $100 in 1990. Today, it is ten times that.",
    ] {
        let a = run(t, r);
        assert!(found(&a, t).is_empty(), "{t}: {:?}", found(&a, t));
    }
    // A verb that dates it makes it the story's day again.
    for t in [
        "Today, the council voted to close the branch.",
        "The minister travels to Paris today.",
        "Shares fell 3 percent today.",
    ] {
        let f = found(&run(t, r), t);
        assert_eq!(f.len(), 1, "{t}");
        assert!(f[0].1.eq_ignore_ascii_case("today"), "{t}");
    }
}

#[test]
fn a_date_naming_an_event_is_not_checked() {
    let t = "---\ndate: 2004-09-12\nstyle: bbc\n---\n\nThe families of victims of the 11 September attacks met ministers.\n";
    let a = analyze(t, &config(None, Style::Ap));
    assert!(found(&a, t).is_empty(), "{:?}", found(&a, t));
}

#[test]
fn a_figure_before_a_month_and_its_day_is_no_day() {
    let r = date(2004, 9, 20);
    let t = "The report named 19 Sept. 11 hijackers. Freights 2 of April 8 listed the cargo.";
    let a = run(t, r);
    assert!(found(&a, t).is_empty(), "{:?}", found(&a, t));
    assert!(resolved(&a, t)
        .iter()
        .all(|(s, _)| !s.starts_with("19") && !s.starts_with("2 of")));
}

/// The date patterns are compiled at build time (`build.rs`, from `document/date_patterns.rs`
/// and `data/dates/*.toml`): a pattern made here from other words would silently be compiled at
/// run time again, costing start-up time.
#[test]
fn the_date_patterns_have_their_automata() {
    use crate::document::dateline::{DATE_LINE, HEADER, WIRE};
    for (name, t) in [
        ("atom", &super::recognise::ATOM),
        ("wire", &WIRE),
        ("date_line", &DATE_LINE),
        ("header", &HEADER),
    ] {
        assert!(t.has_automaton(), "no automaton for {name}");
    }
}
