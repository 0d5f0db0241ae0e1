//! Built-in contexts that give a word the scope of a clause rather than a window of tokens:
//! `@conditional` (a case supposed: "if drivers ignore the limit, which starts on Monday, and
//! pretend they did not see it"), `@confession` ("admitted" whose object names a wrongdoing or an
//! error), `@apology` (the one who admits has just apologised) and the object of a verb of mocking
//! (read by `@reported`: "mocking the senator's record, his ego and his temper").
//!
//! The words are data (`data/wording/contexts.toml`); here is only which list is read where.

use super::pattern::{norm, tokenize, word_at, Tok};
use super::words::{CONTEXTS, SPEECH};

/// The mark at `toks[i]`, if it is not a word.
fn mark<'t>(text: &'t str, toks: &[Tok], i: usize) -> Option<&'t str> {
    toks.get(i)
        .filter(|t| !t.word)
        .map(|t| &text[t.start..t.end])
}

/// A mark that ends a clause whatever follows it.
fn clause_mark(m: &str) -> bool {
    matches!(m, "." | ";" | ":" | "?" | "!" | "—" | "–" | "(" | ")")
}

fn is_quote_mark(m: &str) -> bool {
    matches!(m, "\"" | "“" | "”" | "‘" | "’" | "'")
}

/// `@conditional`: the term stands in a conditional clause, a case supposed rather than an act
/// reported. The nearest of `conditional_openers` before the term (not after one of
/// `conditional_not_after`: "as if" describes a manner) opens it, and it is still open at the
/// term: no clause mark, none of `conditional_stops`, and no comma followed by anything but one
/// of `relative_pronouns` (a clause set inside it, whose closing comma may lead to the term) or
/// of `conditional_continuations` with no subject after it (its next verb: ", and pretend ...",
/// not ", and she insisted ..."). "If the vote fails, he claimed, ...": after "fails," the main
/// clause has begun.
pub fn conditional(text: &str, toks: &[Tok], hs: usize) -> bool {
    let Some(open) = (0..hs).rev().find(|&i| {
        word_at(text, toks, i).is_some_and(|w| CONTEXTS.conditional_openers.contains(w.as_ref()))
    }) else {
        return false;
    };
    if open > 0
        && word_at(text, toks, open - 1)
            .is_some_and(|w| CONTEXTS.conditional_not_after.contains(w.as_ref()))
    {
        return false;
    }
    // Inside a relative clause set off by commas: its closing comma may be followed by the
    // term itself, the conditional's next verb ("whether the owners, who bought the site in
    // May, claimed that ...").
    let mut relative = false;
    for i in open + 1..hs {
        match mark(text, toks, i) {
            Some(m) if clause_mark(m) => return false,
            Some(",") => {
                let next = word_at(text, toks, i + 1);
                let opens_relative = next
                    .as_ref()
                    .is_some_and(|w| CONTEXTS.relative_pronouns.contains(w.as_ref()));
                // ", and pretend ...": the clause's next verb; ", and he insisted ...": a
                // clause with a subject of its own.
                let subject_after = toks.get(i + 2).is_some_and(|t| {
                    t.word
                        && (CONTEXTS
                            .conditional_subjects
                            .contains(norm(text, *t).as_ref())
                            || text[t.start..t.end].starts_with(char::is_uppercase))
                });
                let goes_on = opens_relative
                    || next
                        .as_ref()
                        .is_some_and(|w| CONTEXTS.conditional_continuations.contains(w.as_ref()))
                        && !subject_after
                    || (relative && i + 1 == hs);
                if !goes_on {
                    return false;
                }
                relative = opens_relative;
            }
            Some(_) => {}
            None => {
                let stop = word_at(text, toks, i)
                    .is_some_and(|w| CONTEXTS.conditional_stops.contains(w.as_ref()));
                let after_continuation = word_at(text, toks, i - 1)
                    .is_some_and(|w| CONTEXTS.conditional_continuations.contains(w.as_ref()));
                if stop && !after_continuation {
                    return false;
                }
            }
        }
    }
    true
}

/// `@obligation`: the verb's clause says what must be done, a demand rather than a disputed claim:
/// one of `obligation_modals` is the clause's first verb ("insisting that the state \"must stop
/// treating the island like a colony\"", "continues to insist that \"control orders\" must be
/// signed by a minister"). Read from the verb (past "that") over its subject, quotation marks
/// included, up to twelve tokens: another finite verb, a relative pronoun or any other mark ends
/// the search ("insisted that the plan, which must be approved by May, was sound" is a claim).
pub fn obligation(text: &str, toks: &[Tok], he: usize) -> bool {
    let mut from = he;
    if word_at(text, toks, from).is_some_and(|w| SPEECH.complementisers.contains(w.as_ref())) {
        from += 1;
    }
    for j in from..toks.len().min(from + 12) {
        match mark(text, toks, j) {
            Some(m) if is_quote_mark(m) => {}
            Some(_) => return false,
            None => {
                let w = word_at(text, toks, j).unwrap_or_default();
                if CONTEXTS.obligation_modals.contains(w.as_ref()) {
                    return true;
                }
                // "insisted that the contract made it clear that the tax should ...": a word
                // that starts another clause or stands for its object ends the subject.
                if SPEECH.finite_verbs.contains(w.as_ref())
                    || CONTEXTS.relative_pronouns.contains(w.as_ref())
                    || j > from && CONTEXTS.obligation_stops.contains(w.as_ref())
                {
                    return false;
                }
            }
        }
    }
    false
}

/// `@finding`: the verb's subject is a finding (one of `finding_nouns`) at the head of its
/// clause, however long the phrases after it: "Close to 50 interviews with party chairs from 25
/// counties on the map — counties that swing every race — revealed ...". The subject is read
/// back from the verb (an aside set off by dashes right before it passed over) to the clause's
/// start, the first mark before it (an apostrophe aside) or the sentence's start. It holds no
/// finite verb and no relative pronoun; its first word is none of `finding_not_openers` ("After
/// interviews with the staff the minister revealed ...": a time, not the subject); the finding
/// is one of its first five words, and the verb or one of `finding_links` ("with", "from")
/// follows it.
pub fn finding(text: &str, toks: &[Tok], hs: usize) -> bool {
    let end = super::pattern::dashed_aside_before(text, toks, hs).unwrap_or(hs);
    let mut start = end;
    while start > 0 {
        match mark(text, toks, start - 1) {
            Some("'" | "’") => {}
            Some(_) => break,
            None => {
                let w = word_at(text, toks, start - 1).unwrap_or_default();
                if SPEECH.finite_verbs.contains(w.as_ref())
                    || CONTEXTS.relative_pronouns.contains(w.as_ref())
                {
                    return false;
                }
            }
        }
        start -= 1;
    }
    if word_at(text, toks, start).is_none_or(|w| CONTEXTS.finding_not_openers.contains(w.as_ref()))
    {
        return false;
    }
    (start..end.min(start + 5)).any(|i| {
        word_at(text, toks, i).is_some_and(|w| CONTEXTS.finding_nouns.contains(w.as_ref()))
            && (i + 1 == end
                || word_at(text, toks, i + 1)
                    .is_some_and(|w| CONTEXTS.finding_links.contains(w.as_ref())))
    })
}

/// `@confession`: "admitted" whose object names a wrongdoing or an error (one of
/// `wrongdoing_words`): the verb's own sense, a confession ("admitted that the firm had
/// overcharged the state", "admitted serious failings in its checks"). The object runs from the
/// verb to its clause's end (a clause mark or one of `confession_stops`); a quotation the verb
/// closes ("'... we broke the rules,' she admitted") is its object too. Not after one of
/// `confession_negators`: "never admitting he had lied" says that he did.
pub fn confession(text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
    if hs > 0
        && word_at(text, toks, hs - 1)
            .is_some_and(|w| CONTEXTS.confession_negators.contains(w.as_ref()))
    {
        return false;
    }
    let names_wrong = |i: usize| {
        word_at(text, toks, i).is_some_and(|w| CONTEXTS.wrongdoing_words.contains(w.as_ref()))
    };
    for i in he..toks.len() {
        match mark(text, toks, i) {
            Some(m) if clause_mark(m) => break,
            // ", and rivals ...": a clause of its own
            Some(",")
                if word_at(text, toks, i + 1).is_some_and(|w| {
                    CONTEXTS.confession_stops.contains(w.as_ref())
                        || CONTEXTS.clause_breaks.contains(w.as_ref())
                }) =>
            {
                break
            }
            Some(_) => {}
            None if word_at(text, toks, i)
                .is_some_and(|w| CONTEXTS.confession_stops.contains(w.as_ref())) =>
            {
                break
            }
            None if names_wrong(i) => return true,
            None => {}
        }
    }
    quoted_before(text, toks, hs).is_some_and(|close| (0..close).any(names_wrong))
}

/// The closing mark of a quotation that the verb at `hs` tags: the mark, then the verb, or a
/// speaker of at most four words and then the verb ("...,” she admitted", "...,” admitted the
/// chief"), with a comma, a question or exclamation mark just inside or outside the closing mark.
fn quoted_before(text: &str, toks: &[Tok], hs: usize) -> Option<usize> {
    let mut i = hs;
    for _ in 0..=4 {
        i = i.checked_sub(1)?;
        match mark(text, toks, i) {
            None => continue,
            Some(m) if is_quote_mark(m) => {
                let before = mark(text, toks, i.checked_sub(1)?)?;
                return matches!(before, "," | "?" | "!").then_some(i);
            }
            Some(",") => {
                let close = i.checked_sub(1)?;
                return mark(text, toks, close)
                    .is_some_and(is_quote_mark)
                    .then_some(close);
            }
            Some(_) => return None,
        }
    }
    None
}

/// The subject word right before the verb that ends `window` (past any of `apology_skips`:
/// "she has admitted"), lower-cased, with the index of its token.
fn subject_at_end(window: &str, toks: &[Tok]) -> Option<(usize, String)> {
    let mut i = toks.len();
    loop {
        i = i.checked_sub(1)?;
        let w = word_at(window, toks, i)?;
        if !CONTEXTS.apology_skips.contains(w.as_ref()) {
            return Some((i, w.into_owned()));
        }
    }
}

/// `@apology`: the one who admits has apologised in the copy just before (`window` ends right
/// before the verb): the verb's subject word, then (past any of `apology_skips`) one of
/// `apology_verbs`, earlier in the window ("She apologised for the agency's checks. ... 'We
/// chose the files by name,' she admitted."). The admission is the confession the apology made.
/// "May have to apologise" is no apology made; someone else's apology is not hers.
pub fn apology_before(window: &str) -> bool {
    // The subject sits at the end of the window, right before the verb; the apology in the
    // copy before it.
    let toks = tokenize(window, 0, window.len());
    let Some((at, subject)) = subject_at_end(window, &toks) else {
        return false;
    };
    (0..at).any(|k| {
        word_at(window, &toks, k).is_some_and(|w| w == subject) && {
            let mut j = k + 1;
            while word_at(window, &toks, j)
                .is_some_and(|w| CONTEXTS.apology_skips.contains(w.as_ref()))
            {
                j += 1;
            }
            j < at
                && word_at(window, &toks, j)
                    .is_some_and(|w| CONTEXTS.apology_verbs.contains(w.as_ref()))
        }
    })
}

/// The term is in what someone is reported to mock: after one of `mocking_verbs`, in its
/// object, which runs over commas only before one of `object_list_words` ("mocking the
/// senator's record, his ego and his temper") and ends at a clause mark or at one of
/// `object_stops`. Part of `@reported`: the ego is the mocker's target, not the writer's verdict.
/// The term must end its noun phrase (a mark, the sentence's end or one of `object_ends` after
/// it): an adjective before its noun ("mocking the president's astonishing lack of ...") is the
/// writer's degree word, still judged.
pub fn mocked(text: &str, toks: &[Tok], hs: usize, he: usize) -> bool {
    if word_at(text, toks, he).is_some_and(|w| !CONTEXTS.object_ends.contains(w.as_ref())) {
        return false;
    }
    let mut i = hs;
    while i > 0 {
        i -= 1;
        match mark(text, toks, i) {
            Some(",") => {
                let listed = word_at(text, toks, i + 1)
                    .is_some_and(|w| CONTEXTS.object_list_words.contains(w.as_ref()));
                if !listed {
                    return false;
                }
            }
            Some(m) if clause_mark(m) => return false,
            Some(_) => {}
            None => {
                let w = word_at(text, toks, i).unwrap_or_default();
                if CONTEXTS.mocking_verbs.contains(w.as_ref()) {
                    return true;
                }
                if CONTEXTS.object_stops.contains(w.as_ref()) {
                    return false;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `text` and the first token span of `word` in it.
    fn hit(text: &str, word: &str) -> (Vec<Tok>, usize, usize) {
        let toks = tokenize(text, 0, text.len());
        let hs = toks
            .iter()
            .position(|t| &text[t.start..t.end] == word)
            .unwrap_or_else(|| panic!("{word} not in {text}"));
        (toks, hs, hs + 1)
    }

    #[test]
    fn a_conditional_clause_runs_to_its_end() {
        for (t, w) in [
            ("Staff will know if drivers ignore the limit and pretend they did not see it.", "pretend"),
            ("Staff will know if drivers ignore the new limit on the bridge into the old town, which starts on Monday, and pretend they did not see the signs.", "pretend"),
            ("Unless the firm ignores the rule, which it has every reason to follow, or claims it never saw the letter, it will pay.", "claims"),
            ("The inspectors will ask whether the owners, who bought the site in May, claimed that the tanks were sound.", "claimed"),
            ("If a rider misses a test and then insists that nobody told him, he is banned.", "insists"),
        ] {
            let (toks, hs, _) = hit(t, w);
            assert!(conditional(t, &toks, hs), "{t}");
        }
        for (t, w) in [
            // the main clause after the conditional: judged as usual
            ("Nobody knows whether the mayor has a plan for the bridge, and she insisted that the line would open in May.", "insisted"),
            ("Unless the firm ignores the rule, or Acme claims it never saw the letter, it will pay.", "claims"),
            // "even if" grants a fact
            ("The team won, even if the coach admitted the pitch was hard.", "admitted"),
            (
                "If the vote fails, he claimed, the party will split.",
                "claimed",
            ),
            (
                "If the vote fails, the mayor claimed that the party would split.",
                "claimed",
            ),
            (
                "If the vote failed; the mayor claimed that it did not.",
                "claimed",
            ),
            (
                "If the vote fails then the mayor insists he will resign.",
                "insists",
            ),
            // "as if" describes a manner
            (
                "The mayor acted as if nothing had happened and pretended the vote was fair.",
                "pretended",
            ),
            ("The mayor pretended that the vote was fair.", "pretended"),
        ] {
            let (toks, hs, _) = hit(t, w);
            assert!(!conditional(t, &toks, hs), "{t}");
        }
    }

    #[test]
    fn an_admission_whose_object_names_a_wrong() {
        for (t, w) in [
            ("The supplier admitted in its annual filing that it had routinely overcharged the army.", "admitted"),
            ("The club admitted that its stewards, hired in a hurry last spring, had acted improperly.", "admitted"),
            ("The charity admits that the audit found serious failings in its checks.", "admits"),
            ("\"We broke the rules and misled the board,\" the director admitted.", "admitted"),
            ("\"Our checks were careless and our errors were many,\" she admitted.", "admitted"),
        ] {
            let (toks, hs, he) = hit(t, w);
            assert!(confession(t, &toks, hs, he), "{t}");
        }
        for (t, w) in [
            ("The coach admitted that the squad was tired.", "admitted"),
            (
                "The mayor never admitted that staff had acted improperly.",
                "admitted",
            ),
            (
                "The coach admitted the squad was tired, but said errors were rare.",
                "admitted",
            ),
            (
                "\"We were nervous,\" she admitted, and rivals pointed to her errors.",
                "admitted",
            ),
        ] {
            let (toks, hs, he) = hit(t, w);
            assert!(!confession(t, &toks, hs, he), "{t}");
        }
        // The quotation before the verb: only a quote the verb tags.
        let t = "\"We picked the files by name,\" the director admitted.";
        let (toks, hs, he) = hit(t, "admitted");
        assert!(!confession(t, &toks, hs, he), "no wrong named in the quote");
    }

    #[test]
    fn a_clause_whose_first_verb_is_an_obligation() {
        for t in [
            "The union insisted that the state \"must stop treating the port like a colony.\"",
            "The ministry continues to insist that \"control orders\" must be signed by a minister.",
            "The coach insists his players must tackle harder.",
        ] {
            let (toks, _, he) = hit(t, t.split(' ').find(|w| w.starts_with("insist")).unwrap());
            assert!(obligation(t, &toks, he), "{t}");
        }
        for t in [
            "The mayor insisted that the plan, which must be approved by May, was sound.",
            "The mayor insisted that the plan was sound and must be kept.",
            "The mayor insisted that the fence works.",
            "The envoy insisted that the deal made it clear that the fee should be paid by the buyer.",
        ] {
            let (toks, _, he) = hit(t, "insisted");
            assert!(!obligation(t, &toks, he), "{t}");
        }
    }

    #[test]
    fn an_apology_by_the_one_who_admits() {
        assert!(apology_before(
            "The director apologised for the checks last week. \"We picked the files by name,\" the director "
        ));
        assert!(apology_before(
            "At a meeting she apologized for the agency's practice.\n\n\"We picked the files by name,\" she "
        ));
        assert!(apology_before(
            "The bank has apologised to its customers. The bank has "
        ));
        // someone else's apology, or one not made
        assert!(!apology_before(
            "The coach apologised for his remarks. The referee "
        ));
        assert!(!apology_before(
            "She may have to apologise for the checks. \"We picked the files by name,\" she "
        ));
        assert!(!apology_before("She said the checks were fair. She "));
    }

    #[test]
    fn the_object_of_a_verb_of_mocking() {
        for (t, w) in [
            (
                "The rival mocked the senator's record, his wealth, his ego and his temper.",
                "ego",
            ),
            (
                "Mocking the mayor's bluster about the bridge, the rival took the stage.",
                "bluster",
            ),
            ("She ridiculed his hypocrisy on donations.", "hypocrisy"),
        ] {
            let (toks, hs, he) = hit(t, w);
            assert!(mocked(t, &toks, hs, he), "{t}");
        }
        for (t, w) in [
            (
                "The rival mocked the senator, the crowd cheered and the result was disastrous.",
                "disastrous",
            ),
            (
                "The rival mocked the senator but made a disastrous speech.",
                "disastrous",
            ),
            ("The rival mocked the senator; his ego was bruised.", "ego"),
            ("The senator's ego got in the way of a deal.", "ego"),
            // an adjective before its noun: the writer's degree word
            (
                "Many are mocking the mayor's astonishing lack of care for the bridge.",
                "astonishing",
            ),
        ] {
            let (toks, hs, he) = hit(t, w);
            assert!(!mocked(t, &toks, hs, he), "{t}");
        }
    }
}
