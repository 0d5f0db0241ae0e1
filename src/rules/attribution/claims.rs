//! Claims that need a source: the classes a copy editor sends back with "who says so?".
//!
//! Each detector is a pattern for one class of claim plus the public-record contexts in which
//! the same words need no source (a share move, a vote count, a verdict, the weather).

use super::alternatives::{self, Alternatives, ALL};
use super::lists::{has, slot, CLAIMS};
use super::patterns::{self as built, Built};
use super::prefilter::Prefilter;
use crate::narrow::Tiered;
use std::sync::LazyLock;

/// The kind of claim, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimClass {
    Casualty,
    Damage,
    Crowd,
    Statistic,
    Prediction,
    Territory,
    Accusation,
    Intention,
    Characterisation,
}

impl ClaimClass {
    /// How the class is named in a finding's message (`[describe]` in the data file).
    pub fn describe(self) -> &'static str {
        let d = &CLAIMS.describe;
        match self {
            ClaimClass::Casualty => &d.casualty,
            ClaimClass::Damage => &d.damage,
            ClaimClass::Crowd => &d.crowd,
            ClaimClass::Statistic => &d.statistic,
            ClaimClass::Prediction => &d.prediction,
            ClaimClass::Territory => &d.territory,
            ClaimClass::Accusation => &d.accusation,
            ClaimClass::Intention => &d.intention,
            ClaimClass::Characterisation => &d.characterisation,
        }
    }
}

/// A claim context pattern: its template filled from its table of `data/attribution/claims.toml`
/// (by `build.rs`), run on one sentence at a time (so built without literal prefilters).
fn pattern(b: &Built) -> Tiered {
    alternatives::tiered(b.sources[0].to_string())
}

/// A gated claim pattern: its alternatives, each compiled on first use.
fn alternatives(b: &Built) -> Alternatives {
    Alternatives::built(b)
}

static CASUALTY: LazyLock<Alternatives> = LazyLock::new(|| alternatives(&built::CASUALTY));
static DAMAGE: LazyLock<Alternatives> = LazyLock::new(|| alternatives(&built::DAMAGE));
static CROWD: LazyLock<Alternatives> = LazyLock::new(|| alternatives(&built::CROWD));
static STATISTIC: LazyLock<Alternatives> = LazyLock::new(|| alternatives(&built::STATISTIC));
static PREDICTION: LazyLock<Alternatives> = LazyLock::new(|| alternatives(&built::PREDICTION));
static TERRITORY: LazyLock<Alternatives> = LazyLock::new(|| alternatives(&built::TERRITORY));
pub(super) static CONFLICT: LazyLock<Tiered> = LazyLock::new(|| pattern(&built::CONFLICT));
pub(super) static COUNTED_UNITS: LazyLock<Tiered> =
    LazyLock::new(|| pattern(&built::COUNTED_UNITS));
static ACCUSATION: LazyLock<Alternatives> = LazyLock::new(|| alternatives(&built::ACCUSATION));
static INTENTION: LazyLock<Alternatives> = LazyLock::new(|| alternatives(&built::INTENTION));
static CHARACTERISATION: LazyLock<Alternatives> =
    LazyLock::new(|| alternatives(&built::CHARACTERISATION));
pub(super) static MARKET: LazyLock<Tiered> = LazyLock::new(|| pattern(&built::MARKET));
pub(super) static COURT: LazyLock<Tiered> = LazyLock::new(|| pattern(&built::COURT));
pub(super) static CONDITIONAL: LazyLock<Tiered> = LazyLock::new(|| pattern(&built::CONDITIONAL));

/// Whether the words after a consequence verb ("will cost", "would push", "is set to force") state a
/// figure or an outcome rather than a plan ("will cost about 12 million to build" is still a figure;
/// "would mean a lot to the town" is not).
fn consequence(verb: &str, obj: &str) -> bool {
    let k = &CLAIMS.consequence;
    let v = verb.to_ascii_lowercase();
    let o = obj.to_ascii_lowercase();
    let figure = o.bytes().any(|b| b.is_ascii_digit())
        || o.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| has(&k.figure_words, w));
    let starts = |l: &[String]| l.iter().any(|x| o.starts_with(x.as_str()));
    let holds = |l: &[String]| l.iter().any(|x| o.contains(x.as_str()));
    let v = v.split_whitespace().next().unwrap_or("");
    if has(&k.cost_verbs, v) {
        figure || starts(&k.cost_starts)
    } else if has(&k.push_verbs, v) {
        figure || holds(&k.push_marks)
    } else if has(&k.lead_verbs, v) {
        !starts(&k.lead_not)
    } else if has(&k.force_verbs, v) {
        figure || holds(&k.force_marks)
    } else if has(&k.mean_verbs, v) {
        figure || starts(&k.mean_starts)
    } else if has(&k.always_verbs, v) {
        true
    } else if has(&k.leave_verbs, v) {
        figure && holds(&k.leave_marks)
    } else {
        figure
    }
}

/// A claim trigger found in `sentence` (the masked prose of one sentence): its class and its byte
/// offset within the sentence. `masked` tells whether an offset lies inside a quotation.
pub fn detect(sentence: &str, in_quote: impl Fn(usize) -> bool) -> Option<(ClaimClass, usize)> {
    detect_gated(sentence, in_quote, |_| ALL)
}

/// The claim patterns in the order [`detect`] tries them.
pub(super) fn patterns() -> [&'static Alternatives; 9] {
    [
        &CASUALTY,
        &DAMAGE,
        &CROWD,
        &TERRITORY,
        &STATISTIC,
        &PREDICTION,
        &ACCUSATION,
        &INTENTION,
        &CHARACTERISATION,
    ]
}

/// Which claim alternatives can match in each sentence of a document: one aho-corasick pass over
/// the story for the words every match must contain, so the patterns run only on those sentences.
pub struct Gates<'a> {
    masks: &'a [u128],
    prefilter: &'a Prefilter,
}

impl<'a> Gates<'a> {
    /// From per-sentence bit sets of `prefilter`, whose first nine patterns follow [`patterns`].
    pub fn new(masks: &'a [u128], prefilter: &'a Prefilter) -> Gates<'a> {
        Gates { masks, prefilter }
    }

    /// Claim detection for sentence `si` (at `span`) of the document the gates were built from.
    pub fn detect(
        &self,
        prose: &str,
        si: usize,
        span: crate::finding::Span,
        in_quote: impl Fn(usize) -> bool,
    ) -> Option<(ClaimClass, usize)> {
        let Some(&mask) = self.masks.get(si) else {
            return detect_gated(&prose[span.range()], in_quote, |_| ALL);
        };
        let open: [u64; 9] = std::array::from_fn(|i| self.prefilter.of(mask, i));
        if open.iter().all(|&o| o == 0) {
            return None;
        }
        detect_gated(&prose[span.range()], in_quote, |i| open[i])
    }
}

/// Claim detection with `open(i)` the open alternatives of pattern `i` of [`patterns`].
fn detect_gated(
    sentence: &str,
    in_quote: impl Fn(usize) -> bool,
    open: impl Fn(usize) -> u64,
) -> Option<(ClaimClass, usize)> {
    // "the election was 'rigged'": single marks around the words quote them too.
    let in_quote = |at: usize| in_quote(at) || single_quoted(sentence, at);
    let first = |i: usize, p: &Alternatives| {
        p.find_iter(sentence, open(i))
            .find(|m| !in_quote(m.start()))
            .map(|m| m.start())
    };
    // "the blast that killed 10 people": a toll in a relative clause describes an event the story
    // refers to, not the news it reports.
    if open(0) != 0 {
        let relative = |at: usize| {
            let prev = sentence[..at]
                .trim_end()
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            // Or a clause set off by commas a few words back: "Hizbollah, which has lost over
            // 6,000 fighters, …".
            let clause = sentence[..at].rfind(", ").is_some_and(|c| {
                let ws = super::words::words(&sentence[c..at]);
                ws.len() <= 4
                    && ws
                        .first()
                        .is_some_and(|w| has(&super::lists::GRAMMAR.appositive_relatives, w.text))
            });
            // "In the hours after 14 people were killed in Riverside, …": a toll in a time
            // clause dates the story by an event already known.
            let g = &*super::lists::GRAMMAR;
            has(&g.relatives, prev) || has(&g.time_subordinators, prev) || clause
        };
        if let Some(m) = CASUALTY
            .find_iter(sentence, open(0))
            .find(|m| !in_quote(m.start()) && !relative(m.start()))
        {
            return Some((ClaimClass::Casualty, m.start()));
        }
    }
    if let Some(at) = first(1, &DAMAGE) {
        return Some((ClaimClass::Damage, at));
    }
    if let Some(m) = CROWD
        .find_iter(sentence, open(2))
        .find(|m| !in_quote(m.start()) && !countable(m.as_str()))
    {
        return Some((ClaimClass::Crowd, m.start()));
    }
    for c in TERRITORY.captures_iter(sentence, open(3)) {
        let m = c.get(0).expect("group 0");
        // "the Democratic-controlled Senate", "a rebel-held town": a compound adjective describes
        // who holds it as known background, not news.
        if in_quote(m.start()) || sentence[..m.start()].ends_with('-') {
            continue;
        }
        // "took control of" is territorial on its own; a bare "took"/"holds" + place needs a war
        // context ("took Kandahar" vs "took Arsenal to penalties").
        // "hold talks in the capital": the place is not the object.
        let preps = slot(&CLAIMS.territory, "object_preps");
        if c.name("held_place")
            .is_some_and(|o| o.as_str().split_whitespace().any(|w| has(preps, w)))
        {
            continue;
        }
        // "a bitter battle for control of the company", "their hold on the port": the verb
        // word is a noun there, the prize of a contest, not who holds it.
        let noun_use = c.name("take_verb").is_some_and(|v| {
            super::words::words(tail(&sentence[..v.start()], 40))
                .last()
                .is_some_and(|w| has(slot(&CLAIMS.territory, "noun_marks"), w.text))
        });
        if noun_use {
            continue;
        }
        // "holds the port and three other border towns": a count of units held.
        let tail = &sentence[m.end()..];
        let mut end = tail.find([';', '.']).unwrap_or(tail.len()).min(80);
        while !tail.is_char_boundary(end) {
            end -= 1;
        }
        let counted = c.name("take_verb").is_some()
            && COUNTED_UNITS.is_match(&sentence[m.start()..m.end() + end]);
        // "took control of the company", "taking control of spending growth": control of
        // something that is neither a place nor a name is no claim about territory.
        let abstract_object = c.name("in_control").is_some() && {
            let tail = &sentence[m.end()..];
            let ws = super::words::words(head(tail, 80));
            let places = slot(&CLAIMS.territory, "held_places");
            !ws.iter()
                .take(6)
                .take_while(|w| !tail[..w.start].contains([',', ';', '.', ':', '—']))
                .any(|w| super::words::starts_upper(w.text) || has(places, w.text))
        };
        if abstract_object {
            continue;
        }
        if c.name("in_control").is_some() || counted || CONFLICT.is_match(sentence) {
            return Some((ClaimClass::Territory, m.start()));
        }
    }
    // A share move, a vote count, a score, the weather: public record, in the clause that states
    // it ("England A beat France A 30-20" in an aside does not excuse the forecast around it).
    let market = |at: usize| MARKET.is_match(&sentence[clause(sentence, at)]);
    if open(4) != 0 {
        // "The constitution reserves 25 percent of seats": what a text on the public record
        // provides.
        if let Some(m) = STATISTIC.find_iter(sentence, open(4)).find(|m| {
            !in_quote(m.start()) && !market(m.start()) && !legal_subject(&sentence[..m.start()])
        }) {
            return Some((ClaimClass::Statistic, m.start()));
        }
    }
    if open(5) != 0 && !CONDITIONAL.is_match(sentence) {
        for c in PREDICTION.captures_iter(sentence, open(5)) {
            let m = c.get(0).expect("group 0");
            if in_quote(m.start()) || market(m.start()) {
                continue;
            }
            if let Some(obj) = c.name("cons_object") {
                // "The bill would force companies to disclose ...": what a text on the public record
                // says it does, not a forecast.
                if !legal_subject(&sentence[..m.start()])
                    && consequence(c.name("cons_verb").map_or("", |v| v.as_str()), obj.as_str())
                {
                    return Some((ClaimClass::Prediction, m.start()));
                }
                continue;
            }
            let Some(verb) = c.name("outcome_verb") else {
                return Some((ClaimClass::Prediction, m.start()));
            };
            let modal = c
                .name("modal_frame")
                .map_or("", |x| x.as_str())
                .to_ascii_lowercase();
            let p = &CLAIMS.prediction;
            let strong_verb = has(slot(p, "strong_outcomes"), verb.as_str());
            let certain = !has(slot(&CLAIMS.shared, "will_forms"), &modal)
                || c.name("ly_adverb")
                    .is_some_and(|a| has(slot(p, "sure_adverbs"), a.as_str()));
            let after = sentence[verb.end()..].to_ascii_lowercase();
            let dated = slot(p, "dated_by")
                .iter()
                .any(|d| after.contains(&format!(" {d}")));
            if strong_verb || certain || dated {
                return Some((ClaimClass::Prediction, m.start()));
            }
        }
    }
    if open(6) != 0 && !COURT.is_match(sentence) {
        for c in ACCUSATION.captures_iter(sentence, open(6)) {
            let m = c.get(0).expect("group 0");
            // "the bets that caused the great crash of 1929": who caused an event of history,
            // named by its year, is background.
            // "The fire was started by …" blames; "the committee was started by a blogger" and
            // "the request was sparked by a discovery" say who founded or prompted something.
            // "stole victory", "stole the show": a sports or stage idiom; "the tortured
            // relationship": an adjective. No wrongdoing either way.
            let a = &CLAIMS.accusation;
            if has(slot(a, "wrong_acts"), m.as_str()) {
                let g = &*super::lists::GRAMMAR;
                let ws = super::words::words(head(&sentence[m.end()..], 40));
                let obj = ws
                    .iter()
                    .find(|w| !has(&g.determiners, w.text))
                    .map_or("", |w| w.text);
                let prev = super::words::words(tail(&sentence[..m.start()], 30))
                    .last()
                    .map_or("", |w| w.text);
                if has(slot(a, "idiom_objects"), obj) || has(&g.determiners, prev) {
                    continue;
                }
            }
            let passive = c.name("done_by_agent").is_some() || c.name("started_by").is_some();
            if passive && !harmful_subject(&sentence[..m.start()]) {
                continue;
            }
            // "who carried out the massacre in San Bernardino": an act named by its place or
            // date is an event of record.
            if !in_quote(m.start())
                && c.name("by_agent").is_none()
                && !dated(m.as_str(), &sentence[m.end()..])
                && !labelled(&sentence[..m.start()])
                && !named_event(m.as_str(), &sentence[m.end()..])
            {
                return Some((ClaimClass::Accusation, m.start()));
            }
        }
    }
    for c in INTENTION.captures_iter(sentence, open(7)) {
        let m = c.get(0).expect("group 0");
        if in_quote(m.start()) {
            continue;
        }
        // "fears of", "hopes for": nouns, unless a subject precedes; "amid fears that" is a claim too.
        let before = sentence[..m.start()].trim_end();
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        // Only a group's state of mind is a claim: "Rubio wants", "he hopes", "the Fed does not
        // want" report what the named holder says (PolNeAR annotates them as attributions).
        let belief = c.name("belief").is_some();
        if c.name("w").is_some() || belief {
            let g = &*super::lists::GRAMMAR;
            // "the lawyer who wants to unseat her", "voters that fear change": a relative clause
            // says which one is meant; it does not assert the want.
            if has(&g.relatives, &prev) {
                continue;
            }
            let head = &sentence[..m.start()];
            let from = head
                .char_indices()
                .rev()
                .find(|&(_, c)| matches!(c, ',' | ';' | ':' | '(' | '—'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let mut subject = super::words::words(&head[from..]);
            // "one might think": the auxiliaries are not part of the holder.
            while subject.len() > 1 && subject.last().is_some_and(|w| has(&g.trailing_aux, w.text))
            {
                subject.pop();
            }
            let src = &*super::lists::SOURCES;
            let possessive = |w: &str| w.ends_with("'s") || w.ends_with("’s");
            // "Republicans want" is a group; "DeSantis wants", "Kasich's team thinks" are not.
            let plural_word = |w: &str| {
                w.ends_with('s') && !possessive(w) && !w.chars().skip(1).any(char::is_uppercase)
            };
            let named = subject.iter().enumerate().any(|(i, w)| {
                super::words::starts_upper(w.text)
                    && !(i == 0
                        && from == 0
                        && (plural_word(w.text) || has(&src.common_subjects, w.text)))
                    || possessive(w.text)
            }) || subject.iter().any(|w| has(&g.pronouns, w.text));
            // A particular holder: "his advisers", "Democrats, who want", "one might think";
            // "many voters", "local shopkeepers", "the governor" are a mind read by the writer.
            let particular = subject.first().is_some_and(|w| {
                has(&g.possessive_dets, w.text)
                    || has(&g.relatives, w.text)
                    || w.text.eq_ignore_ascii_case("one") && subject.len() == 1
            });
            if subject.is_empty() || named || particular {
                continue;
            }
        }
        // "These voters are skeptical of free trade": voters the story has just described (by a
        // poll or a place), not the public at large.
        if has(&super::lists::GRAMMAR.demonstratives, &prev) {
            continue;
        }
        // "the greatest fear that": a superlative makes it a noun too.
        let superlative = prev.len() > 4 && prev.ends_with("est");
        if superlative || has(slot(&CLAIMS.intention, "noun_cues"), &prev) {
            continue;
        }
        // "the dueling (and justified) fears it inspires": a noun after an article or an -ing
        // modifier, with a relative clause rather than a "that" clause ("growing fears that" is
        // still a claim).
        let g = &*super::lists::GRAMMAR;
        if belief && !has(&g.that, last_word(m.as_str())) {
            let bare = before.trim_end();
            let bare = match bare.strip_suffix(')') {
                Some(b) => b.rfind('(').map_or(b, |i| &b[..i]),
                None => bare,
            };
            let modifier = super::words::words(tail(bare, 60)).last().is_some_and(|w| {
                let l = w.text.to_ascii_lowercase();
                l.len() > 4 && g.modifier_suffixes.iter().any(|x| l.ends_with(x.as_str()))
                    || has(&g.noun_dets, &l)
            });
            if modifier {
                continue;
            }
        }
        return Some((ClaimClass::Intention, m.start()));
    }
    if let Some(m) = CHARACTERISATION
        .find_iter(sentence, open(8))
        .find(|m| !in_quote(m.start()))
    {
        let at = m.start();
        // "the 1995 Srebrenica massacre": a named event of history is background.
        let before = sentence[..at].trim_end();
        let prev = before.rsplit(' ').next().unwrap_or("");
        let historic = prev.starts_with(char::is_uppercase)
            && !before.ends_with('.')
            && before.len() > prev.len()
            || before
                .rsplit(' ')
                .take(3)
                .any(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
            || named_event(before, &sentence[m.end()..]);
        if !historic && !labelled(before) {
            return Some((ClaimClass::Characterisation, at));
        }
    }
    None
}

/// Counts a reporter on the scene can make (below this, "about 50 protesters gathered" is the
/// reporter's own observation, as the conventions have it); larger crowds are estimates
/// someone must stand behind.
const COUNTABLE: u64 = 1_000;

/// Whether a crowd match counts people gathering in numbers a reporter can count ("about 100
/// people gathered", "a dozen people demonstrated"); troops and refugees on the move are not
/// counted by an onlooker.
fn countable(matched: &str) -> bool {
    let c = &CLAIMS.crowd;
    let ws = super::words::words(matched);
    if ws.iter().any(|w| has(slot(c, "moving_groups"), w.text)) {
        return false;
    }
    ws.iter()
        .find_map(|w| {
            let digits: String = w.text.chars().filter(|ch| *ch != ',').collect();
            if let Ok(n) = digits.parse::<u64>() {
                Some(n < COUNTABLE)
            } else if has(slot(&CLAIMS.shared, "small_numbers"), w.text)
                || has(slot(c, "countable_words"), w.text)
            {
                Some(true)
            } else {
                None
            }
        })
        .unwrap_or(false)
}

/// Whether byte `at` opens a phrase in single quotation marks ("the election was 'rigged.'"):
/// a mark right before it after a space (not an apostrophe ending a word), and a closing mark
/// within 60 bytes that ends a word.
fn single_quoted(sentence: &str, at: usize) -> bool {
    let before = &sentence[..at];
    let Some(open) = before.chars().next_back() else {
        return false;
    };
    if !matches!(open, '\'' | '‘') {
        return false;
    }
    let lead = &before[..before.len() - open.len_utf8()];
    if lead.chars().next_back().is_some_and(char::is_alphanumeric) {
        return false;
    }
    let rest = head(&sentence[at..], 60);
    rest.char_indices().any(|(i, ch)| {
        matches!(ch, '\'' | '’')
            && i > 0
            && !rest[i + ch.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    })
}

/// Whether the clause before a passive "was started by", "was carried out by" has a harm for its
/// subject ("the fire", "the attack on the depot"): only then does the agent carry blame.
fn harmful_subject(before: &str) -> bool {
    let t = tail(before, 160);
    let from = t
        .rfind([',', ';', ':', '(', '—'])
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    let a = &CLAIMS.accusation;
    let lists = [
        slot(a, "harm_nouns"),
        slot(a, "behind_harms"),
        slot(a, "caused_events"),
        slot(a, "authored_events"),
    ];
    super::words::iter(&t[from..]).any(|w| lists.iter().any(|l| has(l, w.text)))
}

/// "for what they see as heavy-handed attempts", "what he called a massacre": the label right
/// after is the view of the one who sees or calls it so, named in the same breath.
fn labelled(before: &str) -> bool {
    LABEL_FRAME.is_match(tail(before, 100))
}

pub(super) static LABEL_FRAME: LazyLock<Tiered> = LazyLock::new(|| pattern(&built::LABEL_FRAME));

/// At most the last `n` bytes of `s` (on a character boundary).
fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// At most the first `n` bytes of `s` (on a character boundary).
fn head(s: &str, n: usize) -> &str {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// The clause of `sentence` around byte `at`: between the clause breaks (commas, semicolons,
/// colons, dashes, brackets) on either side, a comma inside a number ("1,000") aside.
fn clause(sentence: &str, at: usize) -> std::ops::Range<usize> {
    let b = sentence.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let brk = |i: usize, c: char| match c {
        ',' => !(i > 0 && digit(i - 1) && digit(i + 1)),
        ';' | ':' | '—' | '–' | '(' | ')' => true,
        // " - " set off by spaces is a dash.
        '-' => i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' '),
        _ => false,
    };
    let at = at.min(sentence.len());
    // A clause is read at most 400 bytes either way (a run-on draft stays linear).
    let mut lo = at.saturating_sub(400);
    while !sentence.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (at + 400).min(sentence.len());
    while !sentence.is_char_boundary(hi) {
        hi += 1;
    }
    let start = sentence[lo..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| brk(lo + i, c))
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let end = sentence[at..hi]
        .char_indices()
        .find(|&(i, c)| brk(at + i, c))
        .map_or(hi, |(i, _)| at + i);
    start..end
}

fn last_word(s: &str) -> &str {
    s.rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
}

/// Whether a matched event carries its year ("the 1998 bombing") or is dated right after it ("the
/// crash of 1929", "the fire in 2003").
fn dated(matched: &str, after: &str) -> bool {
    let year = |w: &str| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
    let ws = super::words::words(head(after, 40));
    super::words::words(matched).iter().any(|w| year(w.text))
        || ws.len() >= 2
            && after[..ws[0].start].trim().is_empty()
            && has(&super::lists::GRAMMAR.event_preps, ws[0].text)
            && year(ws[1].text)
}

/// Whether the words before a claim name a text on the public record ("the bill", "the
/// constitution"): what follows is what that text says or does.
fn legal_subject(before: &str) -> bool {
    let ws = super::words::words(tail(before, 300));
    ws.iter().enumerate().any(|(i, w)| {
        // "Bill Clinton won" is a name; "the bill", "the Constitution" are texts.
        let text = !super::words::starts_upper(w.text)
            || i > 0 && has(&super::lists::GRAMMAR.definite, ws[i - 1].text);
        text && has(slot(&CLAIMS.prediction, "legal_texts"), w.text)
    })
}

/// "the Riverside church massacre", "the massacre at a nightclub in Riverside": an event the
/// story refers to by a name (a capitalised word after "the", or a place or date after "at"/"in"
/// / "on"), not one it reports. "a massacre in Riverside" is still a characterisation.
fn named_event(before: &str, after: &str) -> bool {
    let back: Vec<&str> = before.rsplit(' ').take(4).collect();
    let g = &*super::lists::GRAMMAR;
    // "last weekend's massacre at a nightclub in Riverside": a possessive dates it like "the".
    let Some(det) = back
        .iter()
        .position(|w| has(&g.event_dets, w) || w.ends_with("'s") || w.ends_with("’s"))
    else {
        return false;
    };
    if back[..det].iter().any(|w| w.ends_with([',', ';', ':'])) {
        return false;
    }
    if back[..det]
        .iter()
        .any(|w| w.starts_with(char::is_uppercase))
    {
        return true;
    }
    let ws = super::words::words(head(after, 120));
    let Some(first) = ws.first() else {
        return false;
    };
    if !after[..first.start].trim().is_empty() || !has(&g.event_preps, first.text) {
        return false;
    }
    ws.iter()
        .skip(1)
        .take(8)
        .take_while(|w| !after[first.end..w.start].contains([',', ';', '.', ':', '(']))
        .any(|w| {
            super::words::starts_upper(w.text)
                || w.text.len() == 4 && w.text.chars().all(|c| c.is_ascii_digit())
        })
}

#[cfg(test)]
mod prefilter_tests {
    #[test]
    fn every_claim_pattern_has_anchor_words() {
        for (i, p) in super::patterns().iter().enumerate() {
            let n = p.branches().iter().filter(|b| !b.sets().is_empty()).count();
            assert!(n > 0, "claim pattern {i} has no anchor words");
        }
    }
}

#[cfg(test)]
mod data_tests {
    use super::*;
    use crate::rules::attribution::lists::slot_names;
    use crate::rules::attribution::patterns::{
        ACCUSATION_T, CASUALTY_T, CHARACTERISATION_T, CONDITIONAL_T, CONFLICT_T, COUNTED_UNITS_T,
        COURT_T, CROWD_T, DAMAGE_T, INTENTION_T, LABEL_FRAME_T, MARKET_T, PREDICTION_T,
        STATISTIC_T, TERRITORY_T,
    };

    #[test]
    fn every_claim_list_is_used_and_every_pattern_compiles() {
        let templates = [
            CASUALTY_T,
            DAMAGE_T,
            CROWD_T,
            STATISTIC_T,
            PREDICTION_T,
            TERRITORY_T,
            CONFLICT_T,
            COUNTED_UNITS_T,
            ACCUSATION_T,
            INTENTION_T,
            CHARACTERISATION_T,
            LABEL_FRAME_T,
            MARKET_T,
            COURT_T,
            CONDITIONAL_T,
        ];
        let mut used: Vec<String> = templates.iter().flat_map(|t| slot_names(t)).collect();
        // Used by the {APPROX} and {NUM} sub-patterns and by the Rust checks.
        for k in [
            "approximators",
            "number_words",
            "object_preps",
            "legal_texts",
            "strong_outcomes",
            "sure_adverbs",
            "dated_by",
            "noun_cues",
            "will_forms",
            "poll_words",
            "self_pronouns",
            "noun_marks",
            "countable_words",
            "idiom_objects",
        ] {
            used.push(k.to_string());
        }
        let c = &*CLAIMS;
        for t in [
            &c.shared,
            &c.casualty,
            &c.damage,
            &c.crowd,
            &c.statistic,
            &c.prediction,
            &c.territory,
            &c.accusation,
            &c.intention,
            &c.characterisation,
            &c.public_record,
        ] {
            for k in t.keys() {
                assert!(
                    used.contains(k),
                    "data/attribution/claims.toml: `{k}` is never used"
                );
            }
        }
        for p in patterns() {
            for b in p.branches() {
                assert!(
                    alternatives::compile(b.source()).is_ok(),
                    "claim alternative: {}",
                    b.source()
                );
            }
        }
        for re in [
            &*CONFLICT,
            &*COUNTED_UNITS,
            &*MARKET,
            &*COURT,
            &*CONDITIONAL,
            &*LABEL_FRAME,
        ] {
            assert!(re.check().is_ok() && re.pattern_len() == 1);
        }
    }

    fn class(s: &str) -> Option<ClaimClass> {
        detect(s, |_| false).map(|(c, _)| c)
    }

    #[test]
    fn an_imputed_purpose_of_making_trouble_is_an_accusation() {
        // A motive put on other people in the writer's voice.
        assert_eq!(
            class("Some fans arrived early to cause trouble outside the ground."),
            Some(ClaimClass::Accusation)
        );
        // A purpose that accuses nobody is not.
        assert_eq!(
            class("The fund was set up specifically to help widows."),
            None
        );
    }

    #[test]
    fn a_count_of_administrative_units_held_is_territorial_without_war_words() {
        assert_eq!(
            class("The government now controls only the capital and four other provincial cities."),
            Some(ClaimClass::Territory)
        );
        assert_eq!(
            class("The council now holds the lease and two other city blocks."),
            None
        );
        // A toll in a relative clause refers to an event; in the main clause it is the news.
        assert_eq!(
            class("She laid a wreath at the site of the blast that killed 10 people."),
            None
        );
        assert_eq!(
            class("The blast killed 10 people."),
            Some(ClaimClass::Casualty)
        );
        // "the greatest fear that" is a noun, not a claim about what someone fears.
        assert_eq!(
            class("It was the greatest fear that any parent could have."),
            None
        );
        // What a named person or body wants or thinks is theirs to say; a group's is a claim.
        assert_eq!(
            class("Rubio wants to emerge as the main alternative."),
            None
        );
        assert_eq!(class("He also thinks the senator is honest."), None);
        assert_eq!(class("Her aides believe the count will go her way."), None);
        assert_eq!(class("The mayor's team thinks the vote is lost."), None);
        assert_eq!(
            class("Okafor-DeWitt wants to sell the land to the city."),
            None
        );
        assert_eq!(
            class("The plan angered farmers, who fear that the new rules will ruin them."),
            None
        );
        assert_eq!(
            class("Many voters now believe the council is out of touch."),
            Some(ClaimClass::Intention)
        );
        assert_eq!(
            class("Local shopkeepers fear that the new bypass will ruin them."),
            Some(ClaimClass::Intention)
        );
        // A dash before the holder is a clause break of three bytes.
        assert_eq!(
            class("The vote was a rout — many voters now believe the council is out of touch."),
            Some(ClaimClass::Intention)
        );
        // A relative clause says which holder is meant; it asserts no want.
        assert_eq!(
            class("The lawyer who wants to unseat the mayor is reaping the rewards."),
            None
        );
        assert_eq!(
            class("On his home ground, one might think the senator would fill the hall."),
            None
        );
        // A name of history and a charter's provisions are public record.
        assert_eq!(
            class("Guns are a raw issue here after the Riverside church massacre in June."),
            None
        );
        assert_eq!(
            class("A massacre in Riverside left the town in mourning."),
            Some(ClaimClass::Characterisation)
        );
        assert_eq!(
            class("The charter reserves 25 percent of council seats for farmers."),
            None
        );
        assert_eq!(
            class("Mr Okafor won 72 percent of farmers in 1996, more than Bill Ruiz did."),
            Some(ClaimClass::Statistic)
        );
        assert_eq!(class("Their bets caused the great crash of 1929."), None);
        assert_eq!(
            class("Their bets caused the crash."),
            Some(ClaimClass::Accusation)
        );
        // A score in an aside excuses only its own clause.
        assert_eq!(
            class("A more likely scenario is for Bell - who scored when the reserves won 30-20 last week - to be drafted in."),
            Some(ClaimClass::Prediction)
        );
        assert_eq!(
            class("Shares rose 12 percent to a record on Tuesday."),
            None
        );
        assert_eq!(
            class("Sales rose 8 percent, and 40 percent of the stores will close."),
            Some(ClaimClass::Statistic)
        );
        // A win is not a breakthrough in territory: no war words, no units.
        assert_eq!(class("The talks made a breakthrough on Tuesday."), None);
    }
}
