use super::*;
use jiff::civil::date;

fn parse(t: &str) -> Document<'_> {
    Document::parse(t, Format::Markdown, None)
}

fn sentence_texts<'a>(d: &Document<'a>) -> Vec<&'a str> {
    d.sentences
        .iter()
        .map(|s| &d.text[s.span.range()])
        .collect()
}

#[test]
fn front_matter_headline_wire_dateline_and_paragraphs() {
    let t = "---\ntitle: Floods\ndate: 2023-10-19\n---\n\nOUAGADOUGOU, Oct 19 (Reuters) - Militants attacked. Gov. Ann Lee spoke.\n\nSecond paragraph.\n";
    let d = parse(t);
    assert_eq!(
        d.dateline,
        Some(Dateline {
            date: date(2023, 10, 19),
            source: DatelineSource::FrontMatter
        })
    );
    assert_eq!(d.wire_dateline.unwrap().month_day, Some((10, 19)));
    assert_eq!(d.paragraphs.len(), 2);
    assert!(
        !d.paragraphs[0].headline,
        "the title lives in front matter; the first paragraph is copy"
    );
    assert_eq!(
        sentence_texts(&d),
        [
            "OUAGADOUGOU, Oct 19 (Reuters) - Militants attacked.",
            "Gov. Ann Lee spoke.",
            "Second paragraph."
        ]
    );
    assert!(!d.prose.contains("title"), "front matter is not prose");
}

#[test]
fn the_wire_datelines_day_is_the_storys_day() {
    // Filed on the 5th by the desk's clock, datelined the 6th where it happens: the local day.
    let t = "---\ndate: 2023-04-05\n---\n\nHOBART, April 6 - The ferry sailed today.\n";
    let d = parse(t);
    assert_eq!(d.dateline.map(|x| x.date), Some(date(2023, 4, 6)));
    assert_eq!(d.dateline.map(|x| x.source), Some(DatelineSource::Wire));
    // Across the new year.
    let t = "---\ndate: 2023-12-31\n---\n\nHOBART, Jan 1 - The ferry sailed today.\n";
    assert_eq!(parse(t).dateline.map(|x| x.date), Some(date(2024, 1, 1)));
    // Far from the filing date, the dateline is a different story's: the filing date stands.
    let t = "---\ndate: 2023-04-05\n---\n\nHOBART, April 16 - The ferry sailed today.\n";
    assert_eq!(parse(t).dateline.map(|x| x.date), Some(date(2023, 4, 5)));
    // An editor's override always wins.
    let d = Document::parse(t, Format::Markdown, Some(date(2023, 4, 5)));
    assert_eq!(d.dateline.map(|x| x.source), Some(DatelineSource::Config));
}

#[test]
fn date_line_with_headline_on_the_same_line() {
    let t = "date 2021-08-15 Rebel columns reach the capital\n\nFighters are said to be near.\n";
    let d = Document::parse(t, Format::Plain, None);
    assert_eq!(d.dateline.unwrap().date, date(2021, 8, 15));
    assert_eq!(d.dateline.unwrap().source, DatelineSource::DateLine);
    assert!(d.paragraphs[0].headline);
    assert_eq!(
        &t[d.paragraphs[0].span.range()],
        "Rebel columns reach the capital"
    );
    assert!(!d.paragraphs[1].headline);
}

#[test]
fn date_line_alone_then_headline_paragraph() {
    let t = "date 2023-06-11\n\nFourteen arrested after protest\n\nFourteen people were arrested on Saturday, police said.\n";
    let d = parse(t);
    assert_eq!(d.dateline.unwrap().date, date(2023, 6, 11));
    assert_eq!(d.paragraphs.len(), 2);
    assert!(d.paragraphs[0].headline);
    assert!(!d.paragraphs[1].headline);
}

#[test]
fn dateline_precedence() {
    let t = "---\ndate: 2023-01-02\n---\nDate: 2022-05-05\n\nKABUL, Aug. 15 (AP) — Copy.\n";
    assert_eq!(parse(t).dateline.unwrap().date, date(2023, 1, 2));
    assert_eq!(
        Document::parse(t, Format::Markdown, Some(date(2020, 1, 1)))
            .dateline
            .unwrap()
            .source,
        DatelineSource::Config
    );
    let t = "Date: 2022-05-05\n\nKABUL, Aug. 15 (AP) — Copy.\n";
    let d = parse(t);
    assert_eq!(
        d.dateline.unwrap(),
        Dateline {
            date: date(2022, 5, 5),
            source: DatelineSource::Header
        }
    );
    assert!(!d.prose.contains("2022"));
    // A wire dateline's month-day takes its year from the front matter.
    let t = "---\ndate: 2021-08-01T10:00:00+04:30\n---\nKABUL, Aug. 15 (AP) — Copy.\n";
    let d = parse(t);
    assert_eq!(
        d.dateline.unwrap().date,
        date(2021, 8, 1),
        "front matter outranks the wire dateline"
    );
    // No year anywhere: a wire dateline alone cannot be resolved.
    assert_eq!(parse("KABUL, Aug. 15 (AP) — Copy.").dateline, None);
}

#[test]
fn quotes_and_voice() {
    let t = "Police said the “thugs” left. “We will rebuild.\n\n“Every house,” she said.\n";
    let d = parse(t);
    let thugs = t.find("thugs").unwrap();
    assert!(!d.is_writers_voice(Span::new(thugs, thugs + 5)));
    let police = t.find("Police").unwrap();
    assert!(d.is_writers_voice(Span::new(police, police + 6)));
    let every = t.find("Every").unwrap();
    let q = d.quote_at(every).unwrap();
    assert_eq!(q.paragraphs, (0, 1));
    assert!(d.stray_marks.is_empty());
}

#[test]
fn code_is_masked_and_not_a_paragraph() {
    let t = "Copy here.\n\n```\nterrorists in code\n```\n\nMore copy.\n";
    let d = parse(t);
    assert_eq!(d.paragraphs.len(), 2);
    assert!(!d.prose.contains("terrorists"));
}

#[test]
fn lookups() {
    let t = "One. Two.\n\nThree.";
    let d = parse(t);
    assert_eq!(d.sentence_at(t.find("Two").unwrap()).unwrap().0, 1);
    assert_eq!(d.paragraph_at(t.find("Three").unwrap()).unwrap().0, 1);
    assert!(d.sentence_at(t.find("\n").unwrap()).is_none());
}

#[test]
fn a_first_paragraph_ending_in_a_closing_mark_is_copy_not_a_headline() {
    for ending in ["'", "’", ")"] {
        let t = format!("He called it 'a disgrace{ending}\n\nSecond paragraph.\n");
        let d = parse(&t);
        assert!(!d.paragraphs[0].headline, "ending {ending:?}");
    }
    let d = parse("Council delays library vote\n\nThe council met on Tuesday, the clerk said.\n");
    assert!(d.paragraphs[0].headline);
}

#[test]
fn a_headline_closed_by_a_semicolon_and_its_deck_are_a_headline() {
    let d = parse(
        "Council delays library vote;\nThe leader wants a new survey of readers first.\n\n\
The council met on Tuesday, the clerk said.\n",
    );
    assert!(d.paragraphs[0].headline);
    assert!(!d.paragraphs[1].headline);
    // A paragraph of copy broken over lines is not a headline, whatever its first line ends with.
    let d = parse("The council met on Tuesday;\nthe vote was put off.\nIt meets again in May.\n\nMore copy.\n");
    assert!(!d.paragraphs[0].headline);
}

#[test]
fn a_first_line_in_title_case_is_a_headline_whatever_closes_it() {
    let d = parse("Senators Say The Library Vote Will Wait Until Spring.\n\nThe council met.\n");
    assert!(d.paragraphs[0].headline);
    // Copy full of names still has lower-case verbs and nouns.
    let d = parse(
        "Mayor Ann Lee has met Governor Raj Patel and Senator Tom Ruiz in Springfield.\n\n\
The council met.\n",
    );
    assert!(!d.paragraphs[0].headline);
}

#[test]
fn a_short_line_in_headline_grammar_is_a_headline_whatever_closes_it() {
    for title in [
        "Council delays library vote after protest.",
        "Mayor to skip budget hearing, aides say.",
        "Harbour pilots' union backs strike.",
        "Ferry firm no stranger to costly repairs.",
        "Mayor rebuffs council: 'We will not be bullied.'",
        "Governor told to 'stop wasting time.'",
    ] {
        let t = format!(
            "{title}\n\nThe council met on Tuesday and put off the vote, the clerk said.\n"
        );
        assert!(parse(&t).paragraphs[0].headline, "{title}");
    }
    // A short lede in sentence case has its articles and auxiliaries, or is too long.
    for lede in [
        "The council has put off the library vote.",
        "Councillors put off a vote on the library on Tuesday.",
        "Harbour pilots will strike next week.",
        "Police arrested two men and charged a third with handling stolen goods after the raid.",
        "Ferry fares don't cover the costly repairs.",
        "council delays library vote.",
        "Rovers open their season on August 15 at home.",
        "Councillors meet again on Tuesday.",
        "Councillors vote tonight on library plan.",
    ] {
        let t =
            format!("{lede}\n\nThe council met on Tuesday and put off the vote, the clerk said.\n");
        assert!(!parse(&t).paragraphs[0].headline, "{lede}");
    }
    // After a headline, a short line in headline grammar is the copy's first sentence.
    let d = parse(
        "# Library vote delayed\n\nCouncil delays library vote after protest.\n\nMore copy.\n",
    );
    assert!(!d.paragraphs[1].headline);
}

#[test]
fn a_short_line_ahead_of_the_wire_dateline_is_a_headline() {
    let t = "The council has put off the library vote.\n\nLYON, March 3 (AP) \u{2014} The council met on Tuesday.\n";
    let d = parse(t);
    assert!(d.paragraphs[0].headline);
    assert!(!d.paragraphs[1].headline);
    // The dateline's own paragraph is copy, however short.
    let t = "LYON, March 3 (AP) \u{2014} The council met.\n\nIt put off the vote.\n";
    assert!(!parse(t).paragraphs[0].headline);
    // A long first paragraph ahead of a dateline is not a headline.
    let long =
        "The council has put off the library vote for a month while officials count the cost of \
repairs to the roof, the heating and the old reading room.";
    let t = format!("{long}\n\nLYON, March 3 (AP) \u{2014} The council met.\n");
    assert!(!parse(&t).paragraphs[0].headline);
}

const LETTERS: &str = "Readers wrote in about the plan to close the town's last library.\n\n\
I have used that library since I was a child, and closing it is a betrayal.\n\
Mary Okafor, Stockport\n\n\
The council should sell the empty offices instead. My children need the reading room.\n\
Tom Alvarez, Hull\n\n\
Nobody asked the people who actually borrow books.\n\
Ruth Berg, Bath\n";

#[test]
fn a_signed_letters_page_is_contributions() {
    let d = parse(LETTERS);
    let texts: Vec<&str> = d.contributions.iter().map(|s| &d.text[s.range()]).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts[0].starts_with("I have used") && texts[0].ends_with("Stockport"));
    assert!(texts[2].starts_with("Nobody asked"));
    let intro = d.text.find("Readers wrote").unwrap();
    assert!(!d.is_contribution(intro), "the newsroom's introduction");
    assert!(d.is_contribution(d.text.find("betrayal").unwrap()));
    assert!(d.is_contribution(d.text.find("Nobody").unwrap()));
}

#[test]
fn a_letters_page_under_its_rubric_is_contributions() {
    let t = "Readers weigh the library vote.\n\nLETTERS.\n\n\
Both candidates admit the library needs a new roof. Only one of them has a plan to pay for it.\n\n\
Ruth Berg.\n\nHull.\n\n\
The council wastes money on consultants while the reading room leaks.\n\nTom Alvarez.\n";
    let d = parse(t);
    assert!(d.is_contribution(t.find("Both candidates").unwrap()));
    assert!(d.is_contribution(t.find("wastes").unwrap()));
    // The word in a sentence, or a rubric further down the page, is not the letters rubric.
    for t in [
        "The council met on Tuesday.\n\nLetters from parents reached the clerk.\n\nThe vote waits.\n",
        "The council met on Tuesday.\n\nThe vote waits.\n\nIt meets in May.\n\nLetters.\n\nMore.\n",
    ] {
        let d = parse(t);
        assert!(d.contributions.is_empty(), "{t}");
    }
}

#[test]
fn a_letters_page_signed_with_names_alone_is_contributions() {
    let t = "Readers wrote in about the plan to close the town's last library.\n\n\
I have used that library since I was a child.\n\n\
Mary Okafor.\n\n\
The council should sell the empty offices instead. My children need the reading room.\n\n\
Tom J. Alvarez.\n\n\
Nobody asked the people who actually borrow books.\n\n\
Ruth Berg.\n";
    let d = parse(t);
    assert_eq!(d.contributions.len(), 3, "{:?}", d.contributions);
    assert!(!d.is_contribution(t.find("Readers wrote").unwrap()));
    assert!(d.is_contribution(t.find("Nobody").unwrap()));
    // Two names alone are not enough: a story may print names as section heads.
    let two = "The candidates answered our questions.\n\n\
I would build more homes, and my plan pays for them.\n\n\
Ann Lee.\n\n\
I would cut the rates first, as I promised.\n\n\
Raj Patel.\n";
    assert!(parse(two).contributions.is_empty());
}

#[test]
fn an_unsigned_comments_run_after_the_story_is_contributions() {
    let t = "The council will close the library in June, its leader said on Monday.\n\n\
Staff will move to the town hall, a spokeswoman said.\n\n\
I agree with the council. We cannot pay for empty rooms.\n\n\
Shameful. I grew up in that building and my mother worked there.\n\n\
Reading these comments, nobody has visited it in years.\n\n\
The offices could be sold instead.\n";
    let d = parse(t);
    assert_eq!(d.contributions.len(), 4);
    assert!(!d.is_contribution(t.find("Staff").unwrap()));
    assert!(d.is_contribution(t.find("Shameful").unwrap()));
}

#[test]
fn a_single_author_column_and_a_news_story_are_not_contributions() {
    // First person throughout, one voice, no signature lines between paragraphs.
    let column = "I have covered this council for a decade.\n\n\
I think the library vote was a mistake. My view has not changed.\n\n\
The leader says the rooms are empty. I have seen them full.\n\n\
I agree that money is short; I do not agree that books are the place to save it.\n\n\
By Ana Ruiz\n";
    assert!(parse(column).contributions.is_empty());
    // Agreement reported in the third person; a name and place in a dateline-like line.
    let news = "The unions agree with the plan, their leader said.\n\n\
\"I agree with every word,\" said Ann Lee, a teacher.\n\n\
Ann Lee, Leeds\n\n\
The vote is on Friday.\n";
    assert!(parse(news).contributions.is_empty());
}

/// A comments page whose readers answer nobody: the run after the story exclaims and speaks in
/// the first person, so it is the readers' voice.
const EXCLAIMING_COMMENTS: &str = "The ferry company will stop the winter crossings, its \
owners said on Tuesday.\n\n\
The island council said it would ask the minister to step in. Talks are due next week.\n\n\
Islanders have three months to find another way to the mainland, the company said.\n\n\
What a disgrace! The owners have never cared about the island.\n\n\
I sail my own boat, so it makes no odds to me.\n\n\
Typical. Profits first, people last.\n\n\
My father worked on that ferry for thirty years and he would be ashamed.\n\n\
They should hand the route to the council and be done with it.\n\n\
Not again! Every winter the same story.\n\n\
I think the minister will do nothing, as usual.\n\n\
Good riddance to a slow old boat.\n";

#[test]
fn a_comments_run_that_exclaims_without_answering_is_contributions() {
    let t = EXCLAIMING_COMMENTS;
    let d = parse(t);
    assert_eq!(d.contributions.len(), 8, "{:?}", d.contributions);
    assert!(!d.is_contribution(t.find("Islanders have").unwrap()));
    assert!(d.is_contribution(t.find("What a disgrace").unwrap()));
    assert!(d.is_contribution(t.find("Typical").unwrap()));
    assert!(d.is_contribution(t.find("Good riddance").unwrap()));
    // The same readers with a single exclamation are not enough to tell them from copy.
    let once = t.replace("Not again!", "Not again.");
    assert!(parse(&once).contributions.is_empty());
    // Fewer than eight paragraphs after the story are too short a run.
    let short = &t[..t.find("Not again").unwrap()];
    assert!(parse(short).contributions.is_empty());
}

#[test]
fn a_news_story_with_names_that_exclaim_is_not_contributions() {
    // "Yahoo!" and "Jeopardy!" are names: the mark does not exclaim.
    let t = "The quiz show will move to a new studio, its makers said.\n\n\
Yahoo! will stream the first episode, the company said.\n\n\
Jeopardy! has been made in the same studio since the 1980s.\n\n\
The studio will be sold to a developer.\n\n\
Yahoo! declined to say what it paid.\n\n\
The host will stay, the makers said.\n\n\
Jeopardy! fans will see the change in May.\n\n\
The old set goes to a museum.\n\n\
Tickets for the last show sold out in an hour.\n\n\
The new studio is in the city centre.\n\n\
Yahoo! shares rose 2 percent.\n";
    assert!(parse(t).contributions.is_empty());
}

#[test]
fn a_paid_notice_is_one_contribution() {
    let t = "Paid Notice: Deaths LEE, ANN MARIE.\n\n\
LEE--Ann Marie, 91, of Riverside, died peacefully at home. She was an extraordinary \
mother and a legendary cook.\n\n\
A service will be held on Friday.\n";
    let d = parse(t);
    assert_eq!(d.contributions.len(), 1);
    assert!(d.is_contribution(t.find("legendary").unwrap()));
    assert!(d.is_contribution(t.find("A service").unwrap()));
    // The rubric in the front matter's title counts too.
    let titled = "---\ntitle: \"Sponsored content: the island's best beaches\"\n---\n\n\
The island's beaches are simply stunning.\n\nBook a room today.\n";
    let d = parse(titled);
    assert!(d.is_contribution(titled.find("stunning").unwrap()));
    // A rubric must open the page, with its mark: a story about paid notices is copy.
    let story = "Newspapers earn less from the paid notice pages than they did.\n\n\
Paid notices once filled six pages a day.\n\n\
Most families now post them online.\n";
    assert!(parse(story).contributions.is_empty());
}

#[test]
fn a_markdown_block_quotation_is_someone_elses_words() {
    let t = "The ministry issued a statement.\n\n> The terrorists will be caught. We call it \"a cowardly act\".\n>\n> Nobody will rest.\n\nThe minister left.\n";
    let d = parse(t);
    let outer: Vec<&str> = d
        .quotes
        .iter()
        .filter(|q| q.depth == 0)
        .map(|q| &t[q.span.range()])
        .collect();
    assert_eq!(outer.len(), 1, "{outer:?}");
    assert!(outer[0].starts_with("The terrorists") && outer[0].ends_with("rest."));
    assert!(!d.is_writers_voice(Span::new(
        t.find("terrorists").unwrap(),
        t.find("terrorists").unwrap() + 10
    )));
    // The marked quotation inside is a quotation within it.
    let inner = d
        .quotes
        .iter()
        .find(|q| t[q.span.range()].starts_with("\"a cowardly"));
    assert_eq!(inner.map(|q| q.depth), Some(1));
    assert!(d.is_writers_voice(Span::new(
        t.find("The minister").unwrap(),
        t.find("The minister").unwrap() + 12
    )));
}

#[test]
fn a_paragraph_introduced_by_a_colon_line_is_a_quotation() {
    let said = |intro: &str| {
        let t = format!("The ferry stops in May.\n\n{intro}\n\nThe owners are cowards and liars.\n\nThe council meets on Friday.\n");
        let d = parse(&t);
        let at = t.find("cowards").unwrap();
        let friday = t.find("Friday").unwrap();
        assert!(d.is_writers_voice(Span::new(friday, friday + 6)), "{intro}");
        !d.is_writers_voice(Span::new(at, at + 7))
    };
    assert!(said("The mayor added:"));
    assert!(said("Ana Ruiz wrote in her blog:"));
    assert!(said("From the Harbour Times:"));
    assert!(said("The owner hit back on social media, saying:"));
    // No verb of saying, or a clause of the writer's before the colon: the writer's words.
    assert!(!said("There are three reasons:"));
    assert!(!said(
        "The mayor said the ferry had three problems that matter:"
    ));
    // A paragraph that opens with its own mark is quoted by its marks alone.
    let t = "The mayor added:\n\n\"The owners are wrong.\" Then the cowards left.\n";
    let d = parse(t);
    let at = t.find("cowards").unwrap();
    assert!(d.is_writers_voice(Span::new(at, at + 7)));
}

#[test]
fn a_list_introduced_by_a_colon_line_is_a_quotation_to_its_last_bullet() {
    let quoted = |intro: &str, bullet: &str| {
        let t = format!(
            "The ferry stops in May.\n\n{intro}\n\n{bullet}Fares stay as they are.\n\n{bullet}The owners are cowards and liars.\n\nThe council meets on Friday.\n"
        );
        let d = parse(&t);
        let at = t.find("cowards").unwrap();
        let friday = t.find("Friday").unwrap();
        assert!(d.is_writers_voice(Span::new(friday, friday + 6)), "{intro}");
        !d.is_writers_voice(Span::new(at, at + 7))
    };
    // The second bullet is the speaker's too.
    assert!(quoted("The company said in a statement:", "-"));
    assert!(quoted("The company said in a statement:", "• "));
    // A colon line that hands over someone's points.
    assert!(quoted(
        "On Tuesday a set of response points were circulated by aides close to the owners:",
        "-"
    ));
    // Without a list, such a line introduces nothing; a list the writer sums up is the writer's.
    assert!(!quoted(
        "On Tuesday a set of response points were circulated by aides close to the owners:",
        ""
    ));
    assert!(!quoted("The proposals include:", "- "));
}

/// A long story's sentences are split on a second thread while the page is read
/// ([`super::SPLIT_ASIDE_FROM`]): the document is the one the one-thread parse makes (the
/// parse that reuses an earlier one's work splits in its loop).
#[test]
fn a_long_story_split_aside_is_the_one_split_in_the_loop() {
    let paras = [
        "# Ferry strike enters second week",
        "PORTREE, May 2 (Reuters) - Dr. Aileen Moss said the St. Kilda sailing was cancelled. The U.S. firm declined to comment.",
        "“We waited all night,",
        "and nobody came,” said one passenger. Another said: “It is a disgrace.”",
        "- Sailings resume on Friday\n- Fares are frozen",
        "...",
        "Unions met at 3 p.m. on Tuesday. Talks ended at 9.30 p.m. without a deal! Will they meet again?",
    ];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < super::SPLIT_ASIDE_FROM + 500 {
        text.push_str(paras[i % paras.len()]);
        text.push_str("\n\n");
        i += 1;
    }
    for format in [Format::Markdown, Format::Plain] {
        let aside = Document::parse(&text, format, None);
        let reuse = Reuse::new();
        reuse.begin();
        let in_loop = Document::parse_reusing(&text, format, None, Some(&reuse));
        assert!(aside.sentences.len() > 1000);
        assert_eq!(format!("{aside:?}"), format!("{in_loop:?}"), "{format:?}");
        for (k, p) in aside.paragraphs.iter().enumerate() {
            assert!(aside.sentences[p.sentences.clone()]
                .iter()
                .all(|s| s.paragraph == k && p.span.contains_span(s.span)));
        }
    }
}
