//! The `wording/` family: loaded words in the writer's own voice.
//!
//! The terms are data (`lexicon/*.toml`, see [`lexicon`]); this module decides, in context,
//! whether a match is the writer taking a side:
//! - never inside a direct quotation (the speaker's word) or a headline;
//! - not where the lexicon entry lists an exception ("claimed responsibility", "tax regime",
//!   "the ministry called them terrorists");
//! - judgemental verbs only when they report speech;
//! - labels for one armed group are compared across the story: a contested label next to
//!   neutral ones is `inconsistent-label`, and variation among neutral words says nothing.

pub mod context_match;
pub mod inflect;
pub mod lexicon;
pub mod pattern;
pub mod words;

use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::rules::{Context, Report};
use crate::rules::{Family, FixAvailability, Level, Rule};
use inflect::{inflect_phrase, is_plural_of, match_case, plural_phrase, tense_of};
use lexicon::{Category, Hit, Lexicon, Term};
use pattern::{reports_speech, Tok};
use std::collections::HashMap;
use words::GROUPS;

pub use lexicon::{lexicon_for, specs_for};

pub static CONTESTED_LABEL: Rule = Rule {
    id: "wording/contested-label",
    family: Family::Wording,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "A label that takes sides, in the writer's own voice",
    explanation: "Some words carry a verdict: \"terrorists\", \"regime\", \"pro-life\", \"illegal immigrants\", \"thugs\", \"mob\". In a quotation they are the speaker's words and fine; in the writer's voice they put the news organisation on one side. Wire styles keep such labels to direct quotes or attribute them (\"which the United States designates a terrorist organization\") and otherwise describe what people did. copydesk offers the house's neutral term, keeping the case and number of the original. Every term comes from the house lexicon, which a newsroom can extend in copydesk.toml.",
    bad: "Taliban terrorists took control of Jalalabad on Sunday.",
    good: "Taliban militants took control of Jalalabad on Sunday.",
    context: "",
    source: "AP Stylebook 2023 ('terrorism', Israel-Hamas war guide); Reuters Handbook of Journalism; BBC Editorial Guidelines 11.3",
};

pub static INCONSISTENT_LABEL: Rule = Rule {
    id: "wording/inconsistent-label",
    family: Family::Wording,
    default_level: Level::On(Severity::Warning),
    fix: FixAvailability::Sometimes,
    summary: "One group called by labels from different families in one story",
    explanation: "A story that calls a group \"militants\" in one paragraph and \"terrorists\" in the next has taken a side by accident, and readers notice. The BBC cites inconsistent labelling as an impartiality risk. Moving between neutral words (militants, fighters, insurgents, rebels) is fine; mixing a neutral label with a loaded one is not. copydesk flags the odd one out, says which label the rest of the story uses and how often, and offers to switch to it.",
    bad: "Taliban militants entered the city. ... Later, Taliban terrorists took the airport.",
    good: "Taliban militants entered the city. ... Later, Taliban militants took the airport.",
    context: "",
    source: "BBC Editorial Guidelines, 'Language when reporting terrorism' (2014 advice on consistency)",
};

pub static JUDGEMENTAL_VERB: Rule = Rule {
    id: "wording/judgemental-verb",
    family: Family::Wording,
    default_level: Level::On(Severity::Info),
    fix: FixAvailability::Sometimes,
    summary: "An attribution verb that judges the speaker (claimed, admitted, insisted)",
    explanation: "\"Said\" is the wire services' verb of attribution because it judges nothing. \"Claimed\" hints the writer doubts the speaker, \"admitted\" and \"conceded\" that something was dragged out of them, \"insisted\" that they protest too much. copydesk flags these only when they report speech: \"claimed responsibility\", \"claimed the title\", \"admitted to hospital\" are left alone. The fix is \"said\" in the same tense.",
    bad: "The spokesman claimed that crossings fell by half.",
    good: "The spokesman said crossings fell by half.",
    context: "",
    source: "Bender et al., Writing and Reporting for the Media, 'Verbs to avoid for attribution'; AP practice: 'said'",
};

pub static HEADLINESE: Rule = Rule {
    id: "wording/headlinese",
    family: Family::Wording,
    default_level: Level::On(Severity::Info),
    fix: FixAvailability::Sometimes,
    summary: "Headline shorthand for criticism in body copy (slammed, blasted, lashed out at)",
    explanation: "Headline writers squeeze \"criticized\" into \"slams\" for space. In the body of a story the same words dramatise a statement and read as the writer's excitement. Say what the person said. Literal senses (\"slammed the door\", \"blasted through the rock\") are fine, and headlines are never checked.",
    bad: "The council leader lashed out at the force's tactics.",
    good: "The council leader criticized the force's tactics.",
    context: "",
    source: "Newsroom banned-word lists for body copy (headlinese)",
};

pub static INTENSIFIER: Rule = Rule {
    id: "wording/intensifier",
    family: Family::Wording,
    default_level: Level::On(Severity::Hint),
    fix: FixAvailability::Sometimes,
    summary: "An editorialising adjective or adverb in the writer's voice (shocking, outrageous)",
    explanation: "Words like \"shocking\", \"outrageous\" and \"stunning\" tell readers how to feel instead of giving them the facts that would make them feel it. Cut the word and, if the point matters, add the comparison or the named person who is shocked. Shown as a hint unless the house style raises it.",
    bad: "The outrageous plan ends Saturday hours.",
    good: "The plan ends Saturday hours.",
    context: "",
    source: "Wikipedia Manual of Style, 'Words to watch' (editorializing, puffery); house style",
};

pub static RULES: &[&Rule] = &[
    &CONTESTED_LABEL,
    &INCONSISTENT_LABEL,
    &JUDGEMENTAL_VERB,
    &HEADLINESE,
    &INTENSIFIER,
];

fn rule_for(c: Category) -> &'static Rule {
    match c {
        Category::ContestedLabel | Category::NeutralLabel => &CONTESTED_LABEL,
        Category::JudgementalVerb => &JUDGEMENTAL_VERB,
        Category::Headlinese => &HEADLINESE,
        Category::Intensifier => &INTENSIFIER,
    }
}

/// A lexicon match with what the context says about it.
struct Cand {
    hit: Hit,
    /// Flag it (when not a neutral label): body copy, writer's voice, no exception.
    flag: bool,
    /// Counts as the writer's label for a group (body or headline, writer's voice, no exception).
    label: bool,
    /// The group it names ("taliban"), when the copy says.
    group: Option<String>,
    /// The group as written ("Taliban").
    group_shown: Option<String>,
}

/// Sentence tokens, built once per sentence that has a match.
struct Tokens<'d> {
    prose: &'d str,
    cache: HashMap<usize, Vec<Tok>>,
}

impl Tokens<'_> {
    fn sentence(&mut self, doc: &Document, offset: usize) -> Option<(Span, &Vec<Tok>)> {
        let (span, key) = match doc.sentence_at(offset) {
            Some((i, s)) => (s.span, i),
            None => {
                let (i, p) = doc.paragraph_at(offset)?;
                (p.span, usize::MAX - i)
            }
        };
        let prose = self.prose;
        Some((
            span,
            self.cache
                .entry(key)
                .or_insert_with(|| pattern::tokenize(prose, span.start, span.end)),
        ))
    }
}

/// Runs the family.
pub fn check(cx: &Context, report: &mut Report) {
    let lex = lexicon_for(cx.config);
    check_with(&lex, cx, report);
}

/// Runs the family with a given lexicon (the benchmark uses this).
pub fn check_with(lex: &Lexicon, cx: &Context, report: &mut Report) {
    let doc = cx.doc;
    let hits = lex.hits(&doc.prose);
    if hits.is_empty() {
        return;
    }
    let allow: Vec<String> = cx
        .config
        .allow
        .iter()
        .map(|a| a.trim().to_lowercase())
        .collect();
    let mut tokens = Tokens {
        prose: &doc.prose,
        cache: HashMap::new(),
    };
    let mut cands = Vec::with_capacity(hits.len());
    // Terms the story has already used in a harmless sense ("a new tariff regime"): a later
    // "the regime" refers back to that, not to a government.
    let mut benign = vec![false; lex.len()];
    for hit in hits {
        match judge(lex, doc, &mut tokens, &allow, hit, &benign) {
            Verdict::Flag(c) => cands.push(c),
            Verdict::Benign => benign[hit.term] = true,
            Verdict::Skip => {}
        }
    }
    resolve_groups(&mut cands);
    let neutral = neutral_uses(lex, doc, &cands);

    for (i, c) in cands.iter().enumerate() {
        if !c.flag {
            continue;
        }
        let term = &lex.terms[c.hit.term];
        if term.category == Category::NeutralLabel {
            continue;
        }
        let span = Span::new(c.hit.start, c.hit.end);
        if term.label_family.is_some() {
            if let Some(f) = inconsistent(lex, doc, &cands, i, &neutral) {
                report.push(f);
                continue;
            }
        }
        let rule = rule_for(term.category);
        let text = &doc.text[span.range()];
        let fixes = fixes_for(doc, term, span, None);
        let mut f = Finding::new(rule, span, message(term, text));
        if let Some(s) = term.severity {
            f = f.with_severity(s);
        }
        f.fixes = fixes;
        report.push(f);
    }
}

fn message(term: &Term, text: &str) -> String {
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
            '"' => {
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

enum Verdict {
    Flag(Cand),
    /// An exception or `only_in` showed a harmless sense.
    Benign,
    Skip,
}

/// Decides what the context makes of one match.
fn judge(
    lex: &Lexicon,
    doc: &Document,
    tokens: &mut Tokens,
    allow: &[String],
    hit: Hit,
    benign: &[bool],
) -> Verdict {
    match judge_inner(lex, doc, tokens, allow, hit, benign) {
        Some(Ok(c)) => Verdict::Flag(c),
        Some(Err(())) => Verdict::Benign,
        None => Verdict::Skip,
    }
}

fn judge_inner(
    lex: &Lexicon,
    doc: &Document,
    tokens: &mut Tokens,
    allow: &[String],
    hit: Hit,
    benign: &[bool],
) -> Option<Result<Cand, ()>> {
    let term = &lex.terms[hit.term];
    let (_, para) = doc.paragraph_at(hit.start)?;
    let headline = para.headline;
    let span = Span::new(hit.start, hit.end);
    if in_quote(doc, span) {
        return None;
    }
    let text = &doc.text[span.range()];
    let lower = text.to_lowercase();
    if allow
        .iter()
        .any(|a| *a == lower || a.eq_ignore_ascii_case(&term.key) || term.forms.contains(a))
    {
        return None;
    }
    let prose = tokens.prose;
    let (_, toks) = tokens.sentence(doc, hit.start)?;
    let hs = toks.binary_search_by_key(&hit.start, |t| t.start).ok()?;
    let he = toks.binary_search_by_key(&hit.end, |t| t.end).ok()? + 1;
    if he <= hs {
        return None;
    }
    // A capital in mid-sentence, or a capitalised run, is a proper name: "the Pro-Life Action
    // League", "the Mob".
    if text.chars().next().is_some_and(char::is_uppercase)
        && !term.key.chars().next().is_some_and(char::is_uppercase)
    {
        let initial = toks[..hs].iter().all(|t| !t.word);
        let next_cap = toks.get(he).is_some_and(|t| {
            t.word
                && prose[t.start..t.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        });
        if !initial || next_cap {
            return None;
        }
    }
    if term.exceptions.iter().any(|e| e.holds(prose, toks, hs, he)) {
        return Some(Err(()));
    }
    if !term.only_in.is_empty() && !term.only_in.iter().any(|e| e.holds(prose, toks, hs, he)) {
        return Some(Err(()));
    }
    if benign.get(hit.term).copied().unwrap_or(false)
        && hs > 0
        && GROUPS
            .back_reference
            .contains(pattern::norm(prose, toks[hs - 1]).as_ref())
    {
        return Some(Err(()));
    }
    if term.speech && !reports_speech(prose, toks, hs, he) {
        return None;
    }
    let (group, group_shown) = if term.label_family.is_some() {
        group_of(prose, toks, hs)
    } else {
        (None, None)
    };
    Some(Ok(Cand {
        hit,
        flag: !headline,
        label: term.label_family.is_some(),
        group,
        group_shown,
    }))
}

/// True when `span` touches a direct quotation. Same answer as `!doc.is_writers_voice(span)`,
/// by binary search, so a draft with thousands of quotes and matches stays fast.
fn in_quote(doc: &Document, span: Span) -> bool {
    let quotes = &doc.quotes; // sorted by start, nested ones after their container
    let idx = quotes.partition_point(|q| q.span.start < span.end);
    for q in quotes[..idx].iter().rev() {
        if q.span.end > span.start {
            return true;
        }
        if q.depth == 0 {
            return false; // outer quotations do not overlap each other: nothing earlier reaches
        }
    }
    false
}

/// The named group a label belongs to: the capitalised words right before it ("Taliban
/// militants", "Islamic State fighters", "Hamas’s fighters").
fn group_of(prose: &str, toks: &[Tok], hs: usize) -> (Option<String>, Option<String>) {
    let mut i = hs;
    if i > 0
        && prose[toks[i - 1].start..toks[i - 1].end]
            .replace('’', "'")
            .eq_ignore_ascii_case("'s")
    {
        i -= 1;
    }
    let end = i;
    while i > 0 {
        let t = toks[i - 1];
        let w = &prose[t.start..t.end];
        let proper = w.chars().any(char::is_uppercase)
            && !GROUPS.not_a_group.contains(w.to_lowercase().as_str());
        if t.word && (proper || (GROUPS.name_particles.contains(w) && i < end)) {
            i -= 1;
        } else {
            break;
        }
    }
    while i < end
        && GROUPS
            .name_particles
            .contains(&prose[toks[i].start..toks[i].end])
    {
        i += 1;
    }
    if i == end {
        return (None, None);
    }
    let shown = prose[toks[i].start..toks[end - 1].end].to_string();
    (Some(shown.to_lowercase()), Some(shown))
}

/// Gives unnamed labels ("the militants") to the story's one named group, if it has exactly one.
fn resolve_groups(cands: &mut [Cand]) {
    let mut named: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in cands.iter().filter(|c| c.label) {
        if let (Some(g), Some(s)) = (&c.group, &c.group_shown) {
            if seen.insert(g.clone()) {
                named.push((g.clone(), s.clone()));
            }
        }
    }
    let fallback = match named.len() {
        0 => Some((String::new(), String::new())),
        1 => Some(named[0].clone()),
        _ => None,
    };
    for c in cands.iter_mut().filter(|c| c.label && c.group.is_none()) {
        if let Some((k, s)) = &fallback {
            c.group = Some(k.clone());
            c.group_shown = if s.is_empty() { None } else { Some(s.clone()) };
        }
    }
}

/// `wording/inconsistent-label` for a contested label whose group is called by neutral labels
/// elsewhere in the story.
/// Neutral labels by group: (term, as first written, count), in order of first use.
type NeutralUse = HashMap<String, Vec<(usize, String, usize)>>;

fn neutral_uses(lex: &Lexicon, doc: &Document, cands: &[Cand]) -> NeutralUse {
    let mut out: NeutralUse = HashMap::new();
    for c in cands.iter().filter(|c| c.label) {
        let (Some(group), t) = (&c.group, &lex.terms[c.hit.term]) else {
            continue;
        };
        if t.category != Category::NeutralLabel {
            continue;
        }
        let used = out.entry(group.clone()).or_default();
        match used.iter_mut().find(|(k, ..)| *k == c.hit.term) {
            Some(u) => u.2 += 1,
            None => used.push((
                c.hit.term,
                doc.text[c.hit.start..c.hit.end].to_lowercase(),
                1,
            )),
        }
    }
    out
}

fn inconsistent(
    lex: &Lexicon,
    doc: &Document,
    cands: &[Cand],
    i: usize,
    neutral: &NeutralUse,
) -> Option<Finding> {
    let me = &cands[i];
    let group = me.group.as_ref()?;
    let term = &lex.terms[me.hit.term];
    // Neutral labels for the same group elsewhere (a contested label is never one of them).
    let used = neutral.get(group).filter(|u| !u.is_empty())?;
    // The house-preferred alternative the story already uses, else the story's most used label.
    // A one-word label ("terrorists") can take the story's word; a phrase ("terror group")
    // keeps its own alternatives.
    let choice = if term.key.contains(' ') {
        None
    } else {
        term.alternatives
            .iter()
            .find_map(|a| {
                used.iter()
                    .find(|(k, ..)| lex.terms[*k].key.eq_ignore_ascii_case(a))
            })
            .or_else(|| used.iter().max_by_key(|u| u.2))
            .map(|u| lex.terms[u.0].key.clone())
    };
    let span = Span::new(me.hit.start, me.hit.end);
    let text = &doc.text[span.range()];
    let counts: Vec<String> = used
        .iter()
        .map(|(_, w, n)| match n {
            1 => format!("“{w}” once"),
            2 => format!("“{w}” twice"),
            n => format!("“{w}” {n} times"),
        })
        .collect();
    let list = match counts.len() {
        1 => counts[0].clone(),
        n => format!("{} and {}", counts[..n - 1].join(", "), counts[n - 1]),
    };
    let who = me
        .group_shown
        .as_deref()
        .map_or("them".to_string(), |s| format!("the {s}"));
    let msg = format!(
        "“{text}” takes a side the rest of the story does not: elsewhere it calls {who} {list}. Keep to the neutral label; a contested one belongs in quotes or attributed."
    );
    let fixes = fixes_for(doc, term, span, choice.as_deref());
    let mut f = Finding::new(&INCONSISTENT_LABEL, span, msg);
    f.fixes = fixes;
    Some(f)
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
fn fixes_for(doc: &Document, term: &Term, span: Span, preferred: Option<&str>) -> Vec<Fix> {
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

#[cfg(test)]
mod tests;
