//! Messages and fixes shared by the `wording/` rules: the lexicon's explanation as the message,
//! and one fix per neutral alternative fitted to the number, tense and case of the word replaced.

use super::facts::{Cand, Story};
use super::inflect::{
    inflect_phrase, is_plural_noun, is_plural_of, match_case, plural_phrase, tense_of, Tense,
};
use super::lexicon::{lexicon_for, Category, Term};
use super::words::{INFLECTION, SENSES};
use crate::config::Config;
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Later, Safety, Span};
use crate::rules::{Context, Report, Rule};

/// The finding for a candidate of a rule that reports one term at a time: the term's message,
/// its severity and its fixes.
pub fn push_term_finding(
    rule: &'static Rule,
    cx: &Context,
    story: &Story,
    c: &Cand,
    report: &mut Report,
) {
    let span = Span::new(c.hit.start, c.hit.end);
    let mut f = if story.later {
        let mut f = Finding::new(rule, span, kept_message(cx, story, c.hit.term, span));
        f.later = Some(later_note(c.hit.term, None));
        f
    } else {
        let mut f = Finding::new(rule, span, kept_message(cx, story, c.hit.term, span));
        f.fixes = fixes_for(cx.doc, story.term(c), span, None);
        f
    };
    if let Some(s) = story.term(c).severity {
        f = f.with_severity(s);
    }
    report.push(f);
}

/// What a wording finding notes to make its fixes later ([`later`]): the term and the preferred
/// label's term (`u32::MAX`: none), indices in the configuration's lexicon.
pub fn later_note(term: usize, preferred: Option<usize>) -> Later {
    Later(term as u32, preferred.map_or(u32::MAX, |p| p as u32))
}

/// The fixes of a wording finding that left them for later ([`later_note`]): what
/// [`fixes_for`] makes at its span, the fixes an analysis that makes them at once gives it.
pub fn later(doc: &Document, config: &Config, f: &Finding) -> Vec<Fix> {
    let Some(Later(term, preferred)) = f.later else {
        return Vec::new();
    };
    let lex = lexicon_for(config);
    let Some(t) = lex.terms.get(term as usize) else {
        return Vec::new();
    };
    let preferred = lex.terms.get(preferred as usize).map(|p| p.key.as_str());
    fixes_for(doc, t, f.span, preferred)
}

/// The message of term `term` of `story`'s lexicon at `span` ([`message`]), kept in the server's
/// memo under the term and the words it quotes.
fn kept_message(cx: &Context, story: &Story, term: usize, span: Span) -> String {
    let text = &cx.doc.text[span.range()];
    if !story.kept {
        return message(&story.lex.terms[term], text);
    }
    let hash = {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        (term, text).hash(&mut h);
        h.finish()
    };
    let kept = cx.keep_hashed(
        hash,
        &|k: &(usize, Box<str>)| k.0 == term && *k.1 == *text,
        || (term, Box::from(text)),
        |k, config| message(&lexicon_for(config).terms[k.0], &k.1),
    );
    String::clone(&kept)
}

/// The message of a term at a place: the lexicon's explanation of it, quoting the words.
pub fn message(term: &Term, text: &str) -> String {
    let mut m = match &term.explanation {
        Some(e) => format!("“{text}”: {}", curly(e.trim())),
        None => match term.category {
            Category::JudgementalVerb => format!("“{text}” judges the speaker; “said” does not."),
            Category::Headlinese => format!("“{text}” is headline shorthand; in body copy say what the person said."),
            Category::Intensifier => format!("“{text}” tells readers how to feel; give them the facts instead."),
            _ => format!("“{text}” is a contested label in the writer's voice; keep it to quotes or attribute it."),
        },
    };
    if let Some(s) = &term.source {
        m.push_str(" (");
        m.push_str(s);
        if let Some(y) = term.edition {
            m.push_str(&format!(", {y}"));
        }
        m.push(')');
    }
    m
}

/// Straight double quotes to curly ones, alternating open and close.
fn curly(s: &str) -> String {
    let mut open = true;
    s.chars()
        .map(|c| match c {
            '\u{22}' => {
                open = !open;
                if open {
                    '”'
                } else {
                    '“'
                }
            }
            c => c,
        })
        .collect()
}

/// The alternative fitted to the replaced word's number, tense and case.
fn fitted(term: &Term, original: &str, alt: &str) -> String {
    let shaped = if term.category.is_verb() {
        let first = original.split_whitespace().next().unwrap_or(original);
        inflect_phrase(alt, tense_of(first))
    } else if is_plural_of(original, &term.key) {
        plural_phrase(alt)
    } else {
        alt.to_string()
    };
    match_case(original, &shaped)
}

/// True when `alt` suits the sentence it would go into: an alternative that names a particular
/// act ("gunman", "bomber") needs one of its cue words there (`data/wording/senses.toml`); any
/// other alternative is general. `sentence` is lower-case, apostrophes straight.
fn fits(alt: &str, sentence: &str) -> bool {
    let head = alt.rsplit(' ').next().unwrap_or(alt).to_lowercase();
    let Some(cues) = SENSES.cues.get(&head) else {
        return true;
    };
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    cues.iter().any(|cue| {
        sentence.match_indices(cue.as_str()).any(|(i, _)| {
            !word(sentence[..i].chars().next_back())
                && !word(sentence[i + cue.len()..].chars().next())
        })
    })
}

/// What a fix that changes a label's number must do to the verbs that agree with it: the label
/// ends at `after`; the verb is the next word, past adverbs ("also"), a prepositional phrase
/// ("in the capital") and an aside between commas that is a relative clause ("which has ruled
/// since May": its verb agrees too) or a prepositional phrase ("in a statement"). `Some([])`:
/// nothing (a verb the same in both numbers, "will", "fled", or no verb: the label is not a
/// subject); `Some([edit, ...])`: "has" -> "have"; `None`: the copy cannot be read safely (another
/// aside, a possessive, a verb in -s), so the fix is not offered.
fn agreement(text: &str, after: usize, to_plural: bool) -> Option<Vec<Edit>> {
    if text[after..].starts_with(['\'', '’']) {
        return None; // "the regime's forces"
    }
    let mut at = after;
    let mut in_phrase = false;
    for _ in 0..10 {
        let rest = &text[at..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        // One line break is still the same paragraph; a blank line ends it.
        let trimmed = match trimmed
            .strip_prefix("\r\n")
            .or(trimmed.strip_prefix(['\n', '\r']))
        {
            Some(t) if !t.trim_start_matches([' ', '\t']).starts_with(['\n', '\r']) => {
                t.trim_start_matches([' ', '\t'])
            }
            _ => trimmed,
        };
        at += rest.len() - trimmed.len();
        let len = trimmed
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
            .unwrap_or(trimmed.len());
        if len == 0 {
            // The sentence ends with no verb for the label: it is no subject. Any other mark
            // (a comma before an aside, a quotation, a dash) leaves the verb unknown.
            return match trimmed.chars().next() {
                None | Some('.' | '!' | '?' | '\n' | '\r') => Some(Vec::new()),
                Some(',') => aside(text, at + 1, to_plural),
                _ => None,
            };
        }
        let word = &trimmed[..len];
        let lower = word.to_lowercase().replace('’', "'");
        let span = Span::new(at, at + len);
        if let Some([one, many]) = INFLECTION
            .agreement
            .iter()
            .find(|[s, p]| *s == lower || *p == lower)
        {
            let want = if to_plural { many } else { one };
            return Some(
                (lower != *want)
                    .then(|| Edit::replace(span, match_case(word, want)))
                    .into_iter()
                    .collect(),
            );
        }
        if INFLECTION.number_neutral.contains(&lower) || tense_of(&lower) == Tense::Past {
            return Some(Vec::new());
        }
        if in_phrase {
            // A word of the phrase ("the capital").
        } else if INFLECTION.phrase_openers.contains(&lower) {
            in_phrase = true;
        } else if !(INFLECTION.verb_adverbs.contains(&lower) || lower.ends_with("ly")) {
            return None; // "says", "forces": a verb or a noun, and the number decides which
        }
        at += len;
    }
    None
}

/// The aside that opens at `start` (just after a comma following the label) and what agreement
/// needs across it: a relative clause's own verb ("which has ruled" -> "which have ruled") and
/// the main verb after the closing comma. An aside that closes the sentence leaves no main verb
/// (the label was an object: "expelled by the regime, which has ruled since May."). The aside
/// must close within the sentence, with no quotation, dash or bracket in it.
fn aside(text: &str, start: usize, to_plural: bool) -> Option<Vec<Edit>> {
    let rest = &text[start..];
    let close = rest
        .find([
            ',', '.', '!', '?', '\n', '\r', ';', ':', '"', '“', '”', '—', '–', '(', ')',
        ])
        .unwrap_or(rest.len());
    let inner = &rest[..close];
    let lead = inner.len() - inner.trim_start().len();
    let first_len = inner[lead..]
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(inner.len() - lead);
    let first = inner[lead..lead + first_len].to_lowercase();
    let mut edits = Vec::new();
    if INFLECTION.relative_pronouns.contains(&first) {
        // The clause's verb, read within the aside only.
        let clause_end = start + close;
        edits.extend(agreement(
            &text[..clause_end],
            start + lead + first_len,
            to_plural,
        )?);
    } else if !INFLECTION.phrase_openers.contains(&first) {
        return None; // "The regime, a military council, has": not read
    }
    match rest[close..].chars().next() {
        Some(',') => edits.extend(agreement(text, start + close + 1, to_plural)?),
        None | Some('.' | '!' | '?' | '\n' | '\r') => {}
        _ => return None,
    }
    Some(edits)
}

/// The word just before `at` (one space between), with its span start: the label's determiner.
fn determiner_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let before = text[..at].strip_suffix(' ')?;
    let start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    (start < before.len()).then(|| (start, &before[start..]))
}

/// "a" or "an" before a label, changed to suit the replacement's first sound ("a terrorist"
/// -> "an attacker"); None when it already suits or is no article.
fn article_for(at: usize, article: &str, new: &str) -> Option<Edit> {
    let lower = article.to_lowercase();
    if lower != "a" && lower != "an" {
        return None;
    }
    let vowel = new
        .chars()
        .next()
        .is_some_and(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u'));
    let want = if vowel { "an" } else { "a" };
    (lower != want)
        .then(|| Edit::replace(Span::new(at, at + article.len()), match_case(article, want)))
}

/// One fix per alternative, house-preferred (or `preferred`) first; all unsafe, since a label
/// change changes meaning. A label's alternative is offered only when its sense suits the
/// sentence, and when it changes the label's number the agreeing verb changes with it ("The
/// regime has" -> "The authorities have"); if that verb cannot be found, that alternative is not
/// offered. When no alternative suits, the writer is asked for a description.
pub fn fixes_for(doc: &Document, term: &Term, span: Span, preferred: Option<&str>) -> Vec<Fix> {
    let sentence = doc
        .sentence_at(span.start)
        .map(|(_, s)| lower_sentence(doc.prose_of(s.span)))
        .unwrap_or_default();
    fixes_in(doc.text, &sentence, term, span, preferred)
}

/// A sentence as [`fits`] reads it: lower case, apostrophes straight.
fn lower_sentence(prose: &str) -> String {
    prose.to_lowercase().replace('’', "'")
}

/// [`fixes_for`] in `text`, `sentence` being the term's sentence as [`lower_sentence`] gives it.
fn fixes_in(
    text: &str,
    sentence: &str,
    term: &Term,
    span: Span,
    preferred: Option<&str>,
) -> Vec<Fix> {
    let original = &text[span.range()];
    let mut alts: Vec<&str> = Vec::new();
    if let Some(p) = preferred {
        alts.push(p);
    }
    for a in &term.alternatives {
        if !alts.iter().any(|x| x.eq_ignore_ascii_case(a)) {
            alts.push(a);
        }
    }
    let noun = matches!(
        term.category,
        Category::ContestedLabel | Category::NeutralLabel
    );
    let plural = is_plural_of(original, &term.key) || is_plural_noun(original);
    let mut out: Vec<Fix> = Vec::new();
    let mut unsuited = false;
    let mut first_fitting: Option<&str> = None;
    for (i, alt) in alts.iter().enumerate() {
        let fix = if alt.trim().is_empty() {
            deletion(text, span)
        } else {
            // The story's own label (inconsistent-label) is kept whatever the sentence says.
            let own = preferred.is_some() && i == 0;
            if noun && !own && !fits(alt, sentence) {
                unsuited = true;
                continue;
            }
            let new = fitted(term, original, alt);
            let mut edits = vec![Edit::replace(span, new.clone())];
            let det = determiner_before(text, span.start);
            if noun && is_plural_noun(&new) && !plural {
                let singular_only = det.is_some_and(|(_, w)| {
                    INFLECTION.singular_determiners.contains(&w.to_lowercase())
                });
                if singular_only {
                    continue; // "a regime": not "a authorities"
                }
            }
            if let Some(article) = det.and_then(|(at, w)| article_for(at, w, &new)) {
                edits.push(article);
            }
            if noun && is_plural_noun(&new) != plural {
                match agreement(text, span.end, is_plural_noun(&new)) {
                    None => continue,
                    Some(verb) => edits.extend(verb),
                }
            }
            first_fitting.get_or_insert(alt);
            let title = match preferred {
                Some(_) if i == 0 => format!("Replace with “{new}”, as elsewhere in the story"),
                _ => format!("Replace with “{new}”"),
            };
            Fix::new(title, Safety::Unsafe, edits)
        };
        if out.iter().any(|f| f.edits == fix.edits) {
            continue;
        }
        out.push(if out.is_empty() { fix.preferred() } else { fix });
    }
    // An armed-group label can also stay, attributed to whoever uses it: "militants described by
    // TK as terrorists". The writer fills in the TK.
    if term.label_family.is_some()
        && term.category == Category::ContestedLabel
        && !term.key.contains(' ')
    {
        if let Some(first) = first_fitting {
            let neutral = fitted(term, original, first);
            let new = format!("{neutral} described by TK as {}", original.to_lowercase());
            out.push(Fix::new(
                format!("Attribute the label: “{new}”"),
                Safety::NeedsInput,
                vec![Edit::replace(span, new)],
            ));
        }
    }
    // No alternative suits this sentence: ask for a description of what the people did.
    if unsuited && first_fitting.is_none() {
        out.push(Fix::new(
            "Describe them by what they did (TK)",
            Safety::NeedsInput,
            vec![Edit::replace(span, "TK")],
        ));
    }
    out
}

/// Deletes a word with its space, mending the article ("a shocking rise" -> "a rise", "a stunning
/// upset" -> "an upset", "a shocking 1,910 cases" -> "1,910 cases") and a following comma.
fn deletion(text: &str, span: Span) -> Fix {
    let word = &text[span.range()];
    let after = &text[span.end..];
    let mut end = span.end;
    if after.starts_with(',') {
        end += 1;
    }
    let rest = &text[end..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let next_word_start = end + spaces;
    let mut edits = Vec::new();
    let mut start = span.start;
    if spaces > 0
        && next_word_start < text.len()
        && !text[next_word_start..].starts_with(['\n', '\r'])
    {
        end = next_word_start;
    } else {
        // Last word before punctuation: take the space before instead.
        let before = &text[..span.start];
        start = span.start - (before.len() - before.trim_end_matches([' ', '\t']).len());
    }
    let next: String = text[end..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    // The article before the deleted word.
    let before = &text[..span.start];
    let article = ["a ", "an ", "A ", "An "].iter().find(|a| {
        before.ends_with(**a)
            && before[..before.len() - a.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    });
    if let (Some(a), Some(first)) = (article, next.chars().next()) {
        let a_start = span.start - a.len();
        let a_span = Span::new(a_start, span.start);
        let cap = a.starts_with('A');
        if first.is_ascii_digit() {
            start = a_start; // "a shocking 1,910 cases" -> "1,910 cases"
        } else {
            let an = matches!(first.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u');
            let new = match (an, cap) {
                (true, true) => "An ",
                (true, false) => "an ",
                (false, true) => "A ",
                (false, false) => "a ",
            };
            if new != *a {
                edits.push(Edit::replace(a_span, new));
            }
        }
    }
    // A sentence-initial word: capitalise what now opens the sentence.
    let initial = word.chars().next().is_some_and(char::is_uppercase) && start == span.start;
    if initial {
        if let Some(c) = text[end..].chars().next().filter(|c| c.is_lowercase()) {
            edits.push(Edit::replace(
                Span::new(start, end + c.len_utf8()),
                c.to_uppercase().collect::<String>(),
            ));
            return Fix::new(format!("Delete “{word}”"), Safety::Unsafe, edits);
        }
    }
    edits.push(Edit::replace(Span::new(start, end), ""));
    Fix::new(format!("Delete “{word}”"), Safety::Unsafe, edits)
}

#[cfg(test)]
mod tests {
    use crate::finding::Safety;
    use crate::{analyze, Config};

    /// The text after each replacement fix for the wording finding on `word`, and the titles of
    /// the fixes that need the writer's input.
    fn fixed(text: &str, word: &str) -> (Vec<String>, Vec<String>) {
        let a = analyze(text, &Config::default());
        let f = a
            .findings
            .iter()
            .find(|f| f.family() == "wording" && &text[f.span.range()] == word)
            .unwrap_or_else(|| panic!("no wording finding on {word}: {:?}", a.findings));
        let replaced = f
            .fixes
            .iter()
            .filter(|x| x.safety == Safety::Unsafe)
            .map(|x| x.apply(text).trim().to_string())
            .collect();
        let input = f
            .fixes
            .iter()
            .filter(|x| x.safety == Safety::NeedsInput)
            .map(|x| x.title.clone())
            .collect();
        (replaced, input)
    }

    #[test]
    fn a_label_of_another_number_takes_its_verb_along() {
        let (got, _) = fixed(
            "# Head\n\nThe regime has expelled two reporters.\n",
            "regime",
        );
        assert_eq!(
            got,
            [
                "# Head\n\nThe government has expelled two reporters.",
                "# Head\n\nThe administration has expelled two reporters.",
                "# Head\n\nThe authorities have expelled two reporters.",
            ]
        );
        // Past an adverb and a phrase; a verb the same in both numbers needs nothing.
        let (got, _) = fixed(
            "# Head\n\nThe regime in the capital also is closing schools. The regime will fall.\n",
            "regime",
        );
        assert!(got.contains(
            &"# Head\n\nThe authorities in the capital also are closing schools. The regime will fall."
                .to_string()
        ));
        // No verb after the label: it is an object, and any number fits.
        let (got, _) = fixed(
            "# Head\n\nReporters were expelled by the regime.\n",
            "regime",
        );
        assert!(got.contains(&"# Head\n\nReporters were expelled by the authorities.".to_string()));
        // A verb in -s, a possessive, an aside that is neither a relative clause nor a phrase:
        // the plural is not offered.
        for t in [
            "# Head\n\nThe regime says two reporters left.\n",
            "# Head\n\nThe regime’s police expelled two reporters.\n",
            "# Head\n\nThe regime, a council of generals, has expelled two reporters.\n",
            "# Head\n\nThe regime, which says it rules, has expelled two reporters.\n",
            "# Head\n\nThe regime, which the army backs, has expelled two reporters.\n",
            "# Head\n\nThe regime, which has “ruled”, has expelled two reporters.\n",
        ] {
            let (got, _) = fixed(t, "regime");
            assert_eq!(got.len(), 2, "{got:?}");
            assert!(got.iter().all(|g| !g.contains("authorities")), "{got:?}");
        }
    }

    /// "The regime, which has ruled since May, has expelled": both verbs agree with the label,
    /// so a fix that changes its number changes both; a phrase between commas has no verb.
    #[test]
    fn an_aside_about_the_label_takes_its_verb_along_too() {
        let plural = |t: &str| {
            let (got, _) = fixed(t, "regime");
            got.into_iter().find(|g| g.contains("authorities"))
        };
        for (text, want) in [
            (
                "# Head\n\nThe regime, which has ruled since May, has expelled two reporters.\n",
                "# Head\n\nThe authorities, which have ruled since May, have expelled two reporters.",
            ),
            (
                "# Head\n\nThe regime, which took power in May, has expelled two reporters.\n",
                "# Head\n\nThe authorities, which took power in May, have expelled two reporters.",
            ),
            (
                "# Head\n\nThe regime, who never was popular, is closing schools.\n",
                "# Head\n\nThe authorities, who never were popular, are closing schools.",
            ),
            (
                "# Head\n\nThe regime, in a statement on Monday, has expelled two reporters.\n",
                "# Head\n\nThe authorities, in a statement on Monday, have expelled two reporters.",
            ),
            (
                "# Head\n\nThe regime in the capital, which is new, will expel two reporters.\n",
                "# Head\n\nThe authorities in the capital, which are new, will expel two reporters.",
            ),
            // An aside that ends the sentence: only its own verb.
            (
                "# Head\n\nTwo reporters were expelled by the regime, which has ruled since May.\n",
                "# Head\n\nTwo reporters were expelled by the authorities, which have ruled since May.",
            ),
        ] {
            assert_eq!(plural(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn articles_and_determiners_suit_the_replacement() {
        let (got, _) = fixed(
            "# Head\n\nPolice said a terrorist stabbed two guards at the gate.\n",
            "terrorist",
        );
        assert!(
            got.contains(
                &"# Head\n\nPolice said an attacker stabbed two guards at the gate.".to_string()
            ),
            "{got:?}"
        );
        assert!(got.contains(
            &"# Head\n\nPolice said a militant stabbed two guards at the gate.".to_string()
        ));
    }

    #[test]
    fn an_alternative_for_a_particular_act_needs_that_act() {
        // Threats by mail: no gunmen, fighters or attackers; "militants" is general.
        let (got, input) = fixed(
            "# Head\n\nThe terrorists mailed threats to the editors.\n",
            "terrorists",
        );
        assert_eq!(
            got,
            ["# Head\n\nThe militants mailed threats to the editors."]
        );
        assert!(input[0].starts_with("Attribute the label"), "{input:?}");
        // A shooting: gunmen fit; an attack: attackers too.
        let (got, _) = fixed(
            "# Head\n\nThe terrorists opened fire on the market and attacked a bus.\n",
            "terrorists",
        );
        assert_eq!(
            got.len(),
            3,
            "militants, attackers, gunmen; no fighting: {got:?}"
        );
        assert!(got.iter().any(|g| g.contains("gunmen opened fire")));
    }
}
