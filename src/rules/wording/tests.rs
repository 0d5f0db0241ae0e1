//! Unit tests for the family on invented copy. (Integration tests: tests/wording.rs.)

use crate::{analyze, Config};

fn wording(text: &str) -> Vec<(&'static str, String)> {
    analyze(text, &Config::default())
        .findings
        .iter()
        .filter(|f| f.family() == "wording")
        .map(|f| (f.rule, text[f.span.range()].to_string()))
        .collect()
}

#[test]
fn smoke() {
    let got = wording("Body text here.\n\nPolice said the terrorists fled.\n");
    assert_eq!(got, [("wording/contested-label", "terrorists".to_string())]);
}

#[test]
fn every_rule_example_shows_the_rule() {
    for rule in super::RULES {
        let bad = format!("# Head\n\n{}\n", rule.bad.replace(" ... ", "\n\n"));
        let got = wording(&bad);
        assert!(
            got.iter().any(|(r, _)| *r == rule.id),
            "{}: bad example not flagged: {got:?}",
            rule.id
        );
        let good = format!("# Head\n\n{}\n", rule.good.replace(" ... ", "\n\n"));
        let got = wording(&good);
        assert!(
            !got.iter().any(|(r, _)| *r == rule.id),
            "{}: good example flagged: {got:?}",
            rule.id
        );
    }
}

/// Issue 10 point 6: every lexicon term's `examples` are run. In an example the word the term
/// must flag is in `[brackets]`; an example with no brackets must draw no finding for the term.
/// Each example runs under every preset that has the term.
#[test]
fn every_lexicon_example_holds() {
    use crate::config::Style;
    let mut failures = Vec::new();
    let mut ran = 0;
    for style in [Style::Ap, Style::Reuters, Style::Bbc] {
        let config = Config {
            style,
            ..Config::default()
        };
        let specs = super::specs_for(&config);
        for (key, spec) in &specs {
            let mut forms: Vec<String> = vec![key.to_lowercase()];
            forms.extend(spec.forms.iter().map(|f| f.to_lowercase()));
            for ex in &spec.examples {
                ran += 1;
                let expect: Vec<String> = ex
                    .split('[')
                    .skip(1)
                    .filter_map(|s| s.split_once(']').map(|(w, _)| w.to_lowercase()))
                    .collect();
                let clean = ex.replace(['[', ']'], "");
                let text = format!("# Head\n\n{clean}\n");
                let got: Vec<String> = analyze(&text, &config)
                    .findings
                    .iter()
                    .filter(|f| f.family() == "wording")
                    .map(|f| text[f.span.range()].to_lowercase())
                    .filter(|w| forms.contains(w))
                    .collect();
                if got != expect {
                    failures.push(format!(
                        "{style:?} [{key}] {ex:?}: expected {expect:?}, got {got:?}"
                    ));
                }
            }
        }
    }
    assert!(ran > 100, "only {ran} examples ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A form listed under two terms is matched for only one of them (the automaton keeps one
/// pattern per string), so the other term's examples and senses silently never apply.
#[test]
fn no_form_belongs_to_two_terms() {
    use crate::config::Style;
    for style in [Style::Ap, Style::Reuters, Style::Bbc] {
        let config = Config {
            style,
            ..Config::default()
        };
        let mut owner: std::collections::HashMap<String, String> = Default::default();
        for (key, spec) in &super::specs_for(&config) {
            for f in std::iter::once(key).chain(spec.forms.iter()) {
                let f = f.to_lowercase();
                if let Some(other) = owner.insert(f.clone(), key.clone()) {
                    panic!("{style:?}: \"{f}\" is a form of both [{other}] and [{key}]");
                }
            }
        }
    }
}

/// A page of readers' letters is the readers' voice: no wording finding in a contribution, while
/// the newsroom's introduction and a signed single-author column stay checked.
#[test]
fn readers_letters_are_not_the_newsrooms_copy() {
    let letters = "Police said the terrorists fled. Readers wrote in about the attack.\n\n\
I think these terrorists should never be released, and the minister admitted as much.\n\
Mary Okafor, Stockport\n\n\
My son was there. The thugs who did this are cowards.\n\
Tom Alvarez, Hull\n";
    let got = wording(letters);
    assert_eq!(
        got,
        [("wording/contested-label", "terrorists".to_string())],
        "only the introduction is the newsroom's"
    );
    let column = "I have covered this city for a decade.\n\n\
I think the council was wrong. The terrorists who bombed the market are still free.\n\n\
By Ana Ruiz\n";
    assert_eq!(
        wording(column),
        [("wording/contested-label", "terrorists".to_string())]
    );
}

/// An op-ed closed by its contributor note is the contributor's signed view: its intensifiers,
/// verbs of speech and labels for armed groups are left alone, as in a first-person column; its
/// name-calling is still checked. The same paragraphs without the note are news copy.
#[test]
fn an_op_ed_with_a_contributor_note_keeps_its_adjectives() {
    let body = "The harbour plan is back before the council this week.\n\n\
The city has spent a decade on a disastrous ferry scheme while the old pier rots.\n\n\
Its terrorists were never caught, and the port is still closed. The militants who bombed it \
fled south.\n\n\
The mayor boasted that the ferry would pay for itself. The harbour master is a liar.\n\n";
    let op_ed = format!("{body}Ana Ruiz is a lecturer in planning at the island college.\n");
    assert_eq!(
        wording(&op_ed),
        [("wording/contested-label", "liar".to_string())]
    );
    // A note whose role carries a name with initials, after an appositive.
    let op_ed = format!(
        "{body}Ana J. Ruiz Jr., a former aide to the council, is the Tom K. Lee Professor of \
Planning at the island college.\n"
    );
    assert_eq!(
        wording(&op_ed),
        [("wording/contested-label", "liar".to_string())]
    );
    // No note, but the page calls itself a column in its own voice.
    let column = format!("{body}The mayor would not comment for this column.\n");
    assert_eq!(
        wording(&column),
        [("wording/contested-label", "liar".to_string())]
    );
    // A speaker's "my column" is the speaker's: the page is still news.
    let quoted = format!("{body}\"I will write about it in my column,\" the editor said.\n");
    assert_eq!(wording(&quoted).len(), 4);
    // No note, but the writer reports in the first person and asks its own question.
    let reporter = "The harbour master told me this week that the pier could fall. I asked the \
mayor about it twice.\n\n";
    let question = "So why did the city wait a decade?\n";
    let column = format!("{body}{reporter}{question}");
    assert_eq!(
        wording(&column),
        [("wording/contested-label", "liar".to_string())]
    );
    // Without the question, or with a speaker's question, the adjectives are still the
    // reporter's (a first-person feature) but its verbs and labels are checked as news.
    let feature = [
        ("wording/inconsistent-label", "terrorists".to_string()),
        ("wording/judgemental-verb", "boasted".to_string()),
        ("wording/contested-label", "liar".to_string()),
    ];
    assert_eq!(wording(&format!("{body}{reporter}")), feature);
    let asked =
        format!("{body}{reporter}\"So why did the city wait a decade?\" a resident said.\n");
    assert_eq!(wording(&asked), feature);
    // Under a wire dateline the same page is a report.
    let wire = format!("HARBOUR CITY (AP) — {column}");
    assert_eq!(wording(&wire), feature);
    let news = format!("{body}The council meets again on Friday.\n");
    assert_eq!(
        wording(&news),
        [
            ("wording/intensifier", "disastrous".to_string()),
            ("wording/inconsistent-label", "terrorists".to_string()),
            ("wording/judgemental-verb", "boasted".to_string()),
            ("wording/contested-label", "liar".to_string())
        ]
    );
}

/// "Guerrilla warfare" names a kind of war, not the group's people: it is no neutral label the
/// story gives the group, so a contested one elsewhere is not "inconsistent" with it.
#[test]
fn guerrilla_warfare_is_no_label_for_the_group() {
    let t = "Harbour Front terrorists attacked the port on Monday.\n\n\
The second front is guerrilla warfare against the towns that resist.\n";
    assert_eq!(
        wording(t),
        [("wording/contested-label", "terrorists".to_string())]
    );
    let t = "Harbour Front terrorists attacked the port on Monday.\n\n\
Harbour Front guerrillas fled into the hills.\n";
    assert_eq!(
        wording(t),
        [("wording/inconsistent-label", "terrorists".to_string())]
    );
}

/// A match report describes play: "a stunning volley" is the genre's register, not the
/// newsroom's verdict, so its intensifiers are left alone; its labels are still checked. The same
/// sentence in a news story about the club is flagged.
#[test]
fn a_match_report_keeps_its_adjectives_for_the_play() {
    let play = "Lee struck a stunning volley into the top corner for the winner.";
    let report = format!(
        "Harbour Town beat Riverside 2-1 on Saturday.\n\n\
Ruiz headed the opener from a corner before half-time, and Riverside hit the crossbar twice.\n\n\
{play}\n\nFans said the thugs who threw bottles at the referee should be banned.\n"
    );
    assert_eq!(
        wording(&report),
        [("wording/contested-label", "thugs".to_string())]
    );
    let news = format!(
        "Harbour Town will open a new stand next season, the club said on Monday.\n\n{play}\n"
    );
    assert_eq!(
        wording(&news),
        [("wording/intensifier", "stunning".to_string())]
    );
}

/// A column under its standing name ("Letter From Lisbon"), closed by a translator's credit or
/// by its columnist's sign-off ("Twitter: @anaruiz.") is the columnist's signed view, as an op-ed
/// closed by a contributor note is.
#[test]
fn a_column_under_its_rubric_keeps_its_adjectives() {
    let body = "The harbour plan is back before the council this week.\n\n\
The city has spent a decade on a disastrous ferry scheme while the old pier rots.\n\n\
The council meets again on Friday.\n";
    let rubric = format!("Ferries and follies; \nHarbour Scene.\n\n{body}");
    assert_eq!(wording(&rubric), []);
    let translated = format!("{body}\nTranslated by Ana Ruiz.\n");
    assert_eq!(wording(&translated), []);
    // ... or closed by its columnist's sign-off
    let signed = format!("{body}\nTwitter: @anaruiz.\n");
    assert_eq!(wording(&signed), []);
    assert_eq!(
        wording(body),
        [("wording/intensifier", "disastrous".to_string())]
    );
}

/// A rubric that heads news and columns alike ("DealBook") makes a column only when the writer
/// asks a question in its own voice; a question in quotation marks is a source's.
#[test]
fn a_shared_rubric_is_a_column_only_with_the_writers_own_question() {
    let head = "Ferry deal on the rocks; \nDealBook.\n\n";
    let body = "The harbour board agreed on Monday to buy the ferry line for $8 million.\n\n\
Regulators will undoubtedly tie its hands.\n\n";
    let column = format!("{head}{body}Which raises the question: why buy the ferry at all?\n");
    assert_eq!(wording(&column), []);
    let news = format!("{head}{body}\"Why buy it at all?\" a trader asked.\n");
    assert_eq!(
        wording(&news),
        [("wording/intensifier", "undoubtedly".to_string())]
    );
}

/// A game review under no rubric ("the gameplay is simple", and it speaks to its reader) keeps
/// its adjectives, as a review under its rubric does; the same sentence in a report on the firm
/// is flagged, and so it is in a report that names a game's gameplay but never speaks to the
/// reader.
#[test]
fn a_game_review_keeps_its_adjectives() {
    let setting = "There are also the dusty, sinister deserts of the far moon.\n";
    let review = format!("The gameplay is simple: you run, jump and shoot.\n\n{setting}");
    assert_eq!(wording(&review), []);
    let report = format!("The studio said the gameplay would be simpler.\n\n{setting}");
    assert_eq!(
        wording(&report),
        [("wording/intensifier", "sinister".to_string())]
    );
    let news = format!("The firm's sales fell in March.\n\n{setting}");
    assert_eq!(
        wording(&news),
        [("wording/intensifier", "sinister".to_string())]
    );
}

/// A story in the first person under its columnist's name ("Name: title") is a column: its verbs
/// of speech are the columnist's. Under a plain headline the same paragraphs keep them checked.
#[test]
fn a_first_person_column_under_its_writers_name_keeps_its_verbs() {
    let body = "I have covered this harbour for a decade.\n\n\
I think the council got the ferry wrong. I said so at the time.\n\n\
The mayor boasted that the ferry would pay for itself.\n";
    let column = format!("Ana Ruiz: The Ferry We Deserve\n\n{body}");
    assert_eq!(wording(&column), []);
    let news = format!("The ferry we deserve\n\n{body}");
    assert_eq!(
        wording(&news),
        [("wording/judgemental-verb", "boasted".to_string())]
    );
}

/// What a translated column calls a government ("the regime in Lisbon") is its argument, as its
/// adjectives are; its name-calling ("thugs") is still checked, and the same paragraphs without
/// the translator's credit keep the label flagged.
#[test]
fn a_column_calls_a_government_what_it_argues_it_is() {
    let body = "The harbour talks are back on the table this week.\n\n\
The Gulf states fear the ferry deal helps the regime in Lisbon.\n\n\
Its envoys met the port's owners on Friday.\n";
    let translated = format!("{body}\nTranslated by Ana Ruiz.\n");
    assert_eq!(wording(&translated), []);
    let thugs =
        format!("{body}\nThe envoys hired thugs to guard the pier.\n\nTranslated by Ana Ruiz.\n");
    assert_eq!(
        wording(&thugs),
        [("wording/contested-label", "thugs".to_string())]
    );
    assert_eq!(
        wording(body),
        [("wording/contested-label", "regime".to_string())]
    );
}

/// A story whose writer reports in the first person ("the harbour master told me", "the
/// pilots I interviewed") in two sentences is a column or a first-person feature: its
/// adjectives are the writer's, as a first-person story's are. One such sentence in a news
/// feature ("every pilot I spoke to") is not enough, and a speaker's "told me" inside quotation
/// marks is no sign at all.
#[test]
fn a_writer_who_reports_in_the_first_person_signs_the_adjectives() {
    let claim = "The plan to widen the channel looks increasingly dubious.\n\n";
    let told = format!(
        "{claim}The harbour master came to talk to me last week. I did not expect him to raise the old dredger.\n"
    );
    assert_eq!(wording(&told), []);
    let interviewed = format!(
        "{claim}None of the pilots I interviewed this week thought the work would start soon, the harbour master told me.\n\nThe dredger is due in June.\n\nThe pilots have heard that before, he told me.\n"
    );
    assert_eq!(wording(&interviewed), []);
    let once = format!(
        "{claim}Every pilot I spoke to said the work would not start soon.\n\nThe dredger is due in June.\n"
    );
    assert_eq!(
        wording(&once),
        [("wording/intensifier", "dubious".to_string())]
    );
    let quoted = format!(
        "{claim}\"The harbour master told me the dredger would not arrive before June. I believe him,\" the mayor said.\n"
    );
    assert_eq!(
        wording(&quoted),
        [("wording/intensifier", "dubious".to_string())]
    );
}

/// A writer who reports in the first person signs the labels it chooses for people where they are
/// not name-calling ("illegal immigrants", `signed_labels`), as a column signs its labels for
/// governments; the same label in copy with no first-person writer, or in a story told with a
/// single "I spoke to", is still flagged, and name-calling ("illegals") is flagged in both.
#[test]
fn a_writer_who_reports_in_the_first_person_signs_labels_for_people() {
    let label = "Most voters favour a path to legal status for illegal immigrants.\n\n";
    let reported = format!(
        "{label}The farm manager came to talk to me last week. I did not expect him to raise the old harvest.\n"
    );
    assert_eq!(wording(&reported), []);
    let once = format!(
        "{label}Every farmer I spoke to said the harvest would be late.\n\nThe rains are due in June.\n"
    );
    assert_eq!(
        wording(&once),
        [("wording/contested-label", "illegal immigrants".to_string())]
    );
    assert_eq!(
        wording(label),
        [("wording/contested-label", "illegal immigrants".to_string())]
    );
    let names = format!(
        "Most voters favour a path to legal status for the illegals on the farms.\n\nThe farm manager came to talk to me last week. I did not expect him to raise the old harvest.\n"
    );
    assert_eq!(
        wording(&names),
        [("wording/contested-label", "illegals".to_string())]
    );
}
