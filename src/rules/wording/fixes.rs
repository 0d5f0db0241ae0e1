//! Messages and fixes shared by the `wording/` rules: the lexicon's explanation as the message,
//! and one fix per neutral alternative fitted to the number, tense and case of the word replaced.

use super::inflect::{inflect_phrase, is_plural_of, match_case, plural_phrase, tense_of};
use super::lexicon::{Category, Term};
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Safety, Span};
use crate::rules::{Report, Rule};

/// The finding for a candidate of a rule that reports one term at a time: the term's message,
/// its severity and its fixes.
pub fn push_term_finding(
    rule: &'static Rule,
    doc: &Document,
    term: &Term,
    span: Span,
    report: &mut Report,
) {
    let text = &doc.text[span.range()];
    let mut f = Finding::new(rule, span, message(term, text));
    if let Some(s) = term.severity {
        f = f.with_severity(s);
    }
    f.fixes = fixes_for(doc, term, span, None);
    report.push(f);
}

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

/// One fix per alternative, house-preferred (or `preferred`) first; all unsafe, since a label
/// change changes meaning.
pub fn fixes_for(doc: &Document, term: &Term, span: Span, preferred: Option<&str>) -> Vec<Fix> {
    let original = &doc.text[span.range()];
    let mut alts: Vec<&str> = Vec::new();
    if let Some(p) = preferred {
        alts.push(p);
    }
    for a in &term.alternatives {
        if !alts.iter().any(|x| x.eq_ignore_ascii_case(a)) {
            alts.push(a);
        }
    }
    let mut out: Vec<Fix> = Vec::new();
    for (i, alt) in alts.iter().enumerate() {
        let fix = if alt.trim().is_empty() {
            deletion(doc.text, span)
        } else {
            let new = fitted(term, original, alt);
            let title = match preferred {
                Some(_) if i == 0 => format!("Replace with “{new}”, as elsewhere in the story"),
                _ => format!("Replace with “{new}”"),
            };
            Fix::new(title, Safety::Unsafe, vec![Edit::replace(span, new)])
        };
        if out.iter().any(|f| f.edits == fix.edits) {
            continue;
        }
        out.push(if i == 0 { fix.preferred() } else { fix });
    }
    // An armed-group label can also stay, attributed to whoever uses it: "militants described by
    // TK as terrorists". The writer fills in the TK.
    if term.label_family.is_some()
        && term.category == Category::ContestedLabel
        && !term.key.contains(' ')
    {
        if let Some(first) = alts.first().filter(|a| !a.trim().is_empty()) {
            let neutral = fitted(term, original, first);
            let new = format!("{neutral} described by TK as {}", original.to_lowercase());
            out.push(Fix::new(
                format!("Attribute the label: “{new}”"),
                Safety::NeedsInput,
                vec![Edit::replace(span, new)],
            ));
        }
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
