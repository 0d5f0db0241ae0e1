//! Attribution cues: where the copy says who supplied a fact ("the ministry said", "said Ana Ruiz",
//! "according to the agency", "told Reuters", "in a statement"), and the source each one names.

use super::words::{self, lower_eq, starts_upper, Word};
use super::QuoteMask;
use crate::document::Document;
use crate::finding::Span;
use regex::Regex;
use std::sync::LazyLock;

/// How a source is identified, as far as these rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NpKind {
    Named,
    Described,
    /// "he", "they": refers back to an earlier source.
    Pronoun,
    /// A "TK" left by a fix: a source is promised.
    Placeholder,
    /// Attribution without a recoverable source phrase ("in a statement").
    Unknown,
    /// Weasel attribution: "critics", "some experts", "polls".
    Vague,
    Anon(AnonLevel),
}

/// The anonymous-source ladder, from worst to acceptable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnonLevel {
    /// "a source", "sources", "one source".
    Bare,
    /// "an official", "two authorities": no agency, no rank.
    Unspecific,
    /// "a senior official at the ministry", "two people familiar with the talks".
    Described,
}

impl NpKind {
    /// Whether this cue supplies attribution for the sentences it covers.
    pub fn attributes(self) -> bool {
        !matches!(self, NpKind::Vague)
    }
}

#[derive(Clone, Debug)]
pub struct Cue {
    /// The cue words ("said", "according to", "in a statement").
    pub verb: Span,
    pub sentence: usize,
    pub paragraph: usize,
    /// The whole source phrase, with any appositive ("Dana Ruiz, a council member").
    pub np: Option<Span>,
    /// The core of the source phrase (up to its first comma): what the audit shows and the
    /// anonymous/vague findings mark.
    pub head: Option<Span>,
    pub kind: NpKind,
    /// News outlets that received the statement ("told Reuters and AFP"): cited outlets.
    pub outlets: Vec<Span>,
    /// A prepositional cue ("in a statement") rather than a verb.
    pub prep: bool,
}

static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:according\s+to|(?:said|believed|thought|reported|understood|alleged|claimed|feared|estimated|expected|quoted)\s+by|in\s+an?\s+(?:written\s+|joint\s+|emailed\s+|brief\s+)?(?:statement|interview|speech|post|letter|filing|court\s+filing|news\s+release|press\s+release|briefing|memo|email|e-mail|message|tweet|video|address|testimony|podcast)|at\s+an?\s+(?:news|press)\s+(?:conference|briefing)|at\s+a\s+briefing|claimed\s+(?:responsibility|credit)|took\s+responsibility|said|says|say|saying|told|tells|telling|stated|added|adding|wrote|writes|writing|posted|tweeted|announced|announces|announcing|confirmed|confirms|confirming|testified|testifies|testifying|estimated|estimates|reported|reports|reporting|noted|noting|insisted|insists|insisting|admitted|admits|conceded|concedes|acknowledged|acknowledges|argued|argues|arguing|warned|warns|warning|cautioned|alleged|alleges|alleging|accused|accuses|accusing|denied|denies|denying|disputed|disputes|maintained|maintains|asserted|asserts|predicted|predicts|forecast|forecasts|projected|explained|explains|replied|responded|recalled|declared|declares|vowed|vows|pledged|pledges|promised|urged|complained|quoting|citing|claimed|claims|claiming|showed|shows|show|found|finds|concluded|concludes|suggested|suggests|indicated|indicates|emailed|texted|countered|added|blamed|asked|asks|shouted|yelled|exclaimed|remarked|joked|sighed|whispered|retorted|blames|described|called|calls|believe|believes|believed|suspect|suspects|suspected)(?-u:\b)",
    )
    .expect("cue pattern")
});

/// Verbs that attribute only when their subject is a document, study or data set.
const EVIDENCE_VERBS: &[&str] = &[
    "showed",
    "shows",
    "show",
    "found",
    "finds",
    "concluded",
    "concludes",
    "suggested",
    "suggests",
    "indicated",
    "indicates",
];

/// Verbs that attribute only in a saying frame: followed by "that", a quotation, punctuation or an
/// inverted subject, not by an object ("the Dow added 0.1%", "called a meeting").
const FRAME_VERBS: &[&str] = &[
    "added",
    "adding",
    "noted",
    "noting",
    "claimed",
    "claims",
    "claiming",
    "described",
    "called",
    "calls",
    "explained",
    "explains",
    "recalled",
    "blamed",
    "blames",
    "forecast",
    "forecasts",
    "projected",
    "asked",
    "asks",
    "shouted",
    "yelled",
    "exclaimed",
    "remarked",
    "joked",
    "sighed",
    "whispered",
    "retorted",
];

const EVIDENCE_SUBJECTS: &[&str] = &[
    "study",
    "studies",
    "survey",
    "surveys",
    "poll",
    "polls",
    "report",
    "reports",
    "data",
    "figures",
    "statistics",
    "research",
    "researchers",
    "analysis",
    "investigation",
    "review",
    "audit",
    "records",
    "census",
    "scientists",
    "they",
    "authors",
    "inquiry",
    "tests",
    "results",
    "documents",
    "filings",
    "minutes",
    "footage",
    "model",
    "models",
    "tool",
    "paper",
    "findings",
    "estimates",
    "count",
    "tally",
    "assessment",
    "probe",
    "review",
    "it",
];

/// Bodies whose stated belief is how news copy reports an investigation's conclusion.
const AUTHORITIES: &[&str] = &[
    "police",
    "investigators",
    "detectives",
    "authorities",
    "officials",
    "prosecutors",
    "forecasters",
    "scientists",
    "researchers",
    "doctors",
    "firefighters",
    "inspectors",
    "regulators",
    "coroner",
    "FBI",
    "agency",
    "ministry",
    "department",
    "office",
    "service",
    "force",
    "army",
    "military",
];

pub const OUTLETS: &[&str] = &[
    "Reuters",
    "AP",
    "Associated Press",
    "AFP",
    "Agence France-Presse",
    "BBC",
    "CNN",
    "Bloomberg",
    "NPR",
    "Al Jazeera",
    "The New York Times",
    "New York Times",
    "The Washington Post",
    "Washington Post",
    "The Wall Street Journal",
    "Wall Street Journal",
    "The Guardian",
    "Guardian",
    "Fox News",
    "NBC",
    "CBS",
    "ABC",
    "Sky News",
    "ITV",
    "Financial Times",
    "The Times",
    "Politico",
    "Axios",
];

static REASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:on (?:the )?condition (?:of|that)|(?:spoke|speaking|talked|talking) (?:anonymously|privately)|requested anonymity|insisted on anonymity|in exchange for anonymity|anonymity because|(?:asked|declined|requested|wished) not to be (?:named|identified)|declined to be (?:named|identified)|(?:was|were|is|are) not authori[sz]ed|not (?:authori[sz]ed|allowed|permitted) to|for fear of|because (?:he|she|they) (?:was|were|feared|had|did)|to protect (?:his|her|their) (?:identity|safety|job))")
        .expect("reason pattern")
});

/// Whether a reason for anonymity is given in sentence `si` or the next one.
pub fn reason_near(doc: &Document, si: usize) -> bool {
    (si..(si + 2).min(doc.sentences.len()))
        .any(|i| REASON.is_match(doc.prose_of(doc.sentences[i].span)))
}

/// Every attribution cue in the writer's voice, in document order.
pub fn find(doc: &Document, quotes: &QuoteMask) -> Vec<Cue> {
    let mut out = Vec::new();
    let own_outlet = own_outlet(doc);
    for m in CUE.find_iter(&doc.prose) {
        let verb = Span::new(m.start(), m.end());
        if quotes.contains(verb.start) {
            continue;
        }
        let Some((si, s)) = doc.sentence_at(verb.start) else {
            continue;
        };
        if doc.paragraphs.get(s.paragraph).is_none_or(|p| p.headline) {
            continue;
        }
        if let Some(cue) = analyse(doc, quotes, verb, si, own_outlet.as_deref()) {
            out.push(cue);
        }
    }
    // "the ministry said in a statement": the verb carries the source; drop the prepositional cue.
    let verb_sentences: Vec<usize> = out.iter().filter(|c| !c.prep).map(|c| c.sentence).collect();
    out.retain(|c| !c.prep || !verb_sentences.contains(&c.sentence));
    out
}

/// The agency in the story's own wire dateline ("(Reuters)"), whose "told Reuters" is first-hand.
fn own_outlet(doc: &Document) -> Option<String> {
    let w = doc.wire_dateline?;
    let t = doc.text.get(w.span.range())?;
    let open = t.find('(')?;
    let close = t[open..].find(')')? + open;
    Some(t[open + 1..close].trim().to_string())
}

fn analyse(
    doc: &Document,
    quotes: &QuoteMask,
    verb: Span,
    si: usize,
    own_outlet: Option<&str>,
) -> Option<Cue> {
    let sent = doc.sentences[si];
    let prose = &doc.prose;
    // A cue straddling the end of its sentence is not a cue (and would slice past it).
    if verb.end > sent.span.end {
        return None;
    }
    let vtext = &prose[verb.range()];
    let vlow = vtext.to_ascii_lowercase();
    let first_word = vlow.split_whitespace().next().unwrap_or("");
    // A cue word capitalised mid-sentence is a name ("United States"), not a verb.
    if starts_upper(vtext)
        && verb.start != sent.span.start
        && !prose[sent.span.start..verb.start]
            .trim_end()
            .ends_with([',', '“', '"', '—', ':'])
    {
        return None;
    }
    let before = &prose[sent.span.start..verb.start];
    let before_last = words::last(before);
    let prev = before_last.map(|w| w.text.to_ascii_lowercase());
    let after = &prose[verb.end..sent.span.end];
    let after_words: Vec<Word> = words::iter(after).take(9).collect();
    let next = after_words.first().map(|w| w.text.to_ascii_lowercase());
    let mut cue = Cue {
        verb,
        sentence: si,
        paragraph: sent.paragraph,
        np: None,
        head: None,
        kind: NpKind::Unknown,
        outlets: Vec::new(),
        prep: false,
    };

    // "according to X", "said by X to", "quoting X": the source follows.
    if first_word == "according"
        || vlow.ends_with(" by")
        || matches!(first_word, "quoting" | "citing")
    {
        let np = np_after(prose, verb.end, sent.span.end, quotes);
        if let Some(np) = np {
            cue.kind = classify(&prose[np.range()]);
            cue.head = Some(head_of(prose, np));
            cue.np = Some(np);
        }
        return Some(cue);
    }
    // Prepositional cues ("in a statement", "at a news conference"): the source is the clause subject.
    if matches!(first_word, "in" | "at") {
        cue.prep = true;
        if let Some(np) = clause_subject(prose, sent.span.start, verb.start, quotes) {
            cue.kind = classify(&prose[np.range()]);
            cue.head = Some(head_of(prose, np));
            cue.np = Some(np);
        }
        return Some(cue);
    }

    let prev_s = prev.as_deref().unwrap_or("");
    let gap_ok = |w: &Word| before[w.end..].trim().is_empty();
    let prev_adjacent = before_last.as_ref().is_some_and(gap_ok);
    // Passive ("is said to", "was told"), infinitive ("declined to say"), or a modifier
    // ("the alleged", "an estimated 2,000", "4,850 confirmed cases").
    if prev_adjacent
        && (lower_eq(
            prev_s,
            &[
                "is",
                "are",
                "was",
                "were",
                "be",
                "been",
                "being",
                "to",
                "the",
                "a",
                "an",
                "its",
                "his",
                "her",
                "their",
                "so-called",
                "of",
                "with",
                "without",
            ],
        ) || prev_s.chars().next().is_some_and(|c| c.is_ascii_digit()))
    {
        return None;
    }
    // "did not say", "never confirmed": a statement not made attributes nothing.
    if prev_adjacent
        && lower_eq(
            prev_s,
            &[
                "not", "never", "didn't", "wouldn't", "won't", "refused", "declined",
            ],
        )
    {
        return None;
    }
    let next_s = next.as_deref().unwrap_or("");
    let next_gap = after_words.first().map_or(after, |w| &after[..w.start]);
    let framed = next.is_none()
        || next_s == "that"
        || next_gap.contains([',', '.', ':', '“', '"', ';', '—'])
        || prev_adjacent && before.trim_end().ends_with([',', '”', '"'])
        || before.trim_end().ends_with([',', '”', '"', '’']) && !prev_adjacent;
    // "posted on social media that ...": a "that" clause within a few words also frames it.
    let that_soon = after_words
        .iter()
        .take(8)
        .take_while(|w| !after[..w.start].contains([',', ';']))
        .any(|w| w.text.eq_ignore_ascii_case("that"));
    let framed = framed || that_soon;
    // Multi-word cues ("claimed responsibility") frame themselves.
    if lower_eq(first_word, FRAME_VERBS) && !framed && !vlow.contains(char::is_whitespace) {
        // "called" and "described" frame a characterisation: "called it a disgrace".
        if !(lower_eq(first_word, &["called", "calls", "described"])
            && lower_eq(next_s, &["it", "the", "them", "him", "her", "this"])
            && after.contains(" a "))
        {
            return None;
        }
    }
    if lower_eq(first_word, &["say", "says", "said"]) && lower_eq(next_s, &["to"]) {
        return None; // "is said to" handled as vague; "said to be" likewise
    }

    // The source before the verb: "the ministry said", "Ana Ruiz, a council member, said".
    let mut np = clause_subject(prose, sent.span.start, verb.start, quotes);
    let participle = first_word.ends_with("ing");
    if np.is_none() {
        // Inverted: `"...," said Ana Ruiz, the mayor.`
        if let Some(inv) = inverted(prose, verb.end, sent.span.end, quotes) {
            np = Some(inv);
        } else if participle || before.trim_end().ends_with(',') {
            np = appositive_subject(prose, sent.span.start, verb.start, quotes, participle);
        }
    }
    // "Police believe", "investigators suspect": an investigating body's conclusion, attributed
    // to it. "The governor believes" is mind-reading, not attribution.
    if lower_eq(
        first_word,
        &[
            "believe",
            "believes",
            "believed",
            "suspect",
            "suspects",
            "suspected",
        ],
    ) {
        let ok = np.is_some_and(|np| {
            let t = &prose[np.range()];
            let ws = words::words(t);
            ws.last().is_some_and(|w| lower_eq(w.text, AUTHORITIES))
        });
        if !ok {
            return None;
        }
    }
    if first_word == "reporting" && prev_s == "precincts" {
        return None;
    }
    if lower_eq(first_word, EVIDENCE_VERBS) {
        let ok = np.is_some_and(|np| {
            let t = &prose[np.range()];
            let ws = words::words(t);
            ws.iter().any(|w| lower_eq(w.text, EVIDENCE_SUBJECTS)) || classify(t) == NpKind::Named
        });
        if !ok {
            return None;
        }
    }
    if let Some(np) = np {
        cue.kind = classify(&prose[np.range()]);
        cue.head = Some(head_of(prose, np));
        cue.np = Some(np);
    } else if lower_eq(
        first_word,
        &[
            "say",
            "says",
            "show",
            "shows",
            "reports",
            "calls",
            "blames",
            "claims",
            "warns",
            "finds",
            "suggests",
            "indicates",
        ],
    ) {
        // A present-tense verb with no subject is a noun ("reports", "shows") or an imperative.
        return None;
    }
    // "told Reuters", "told the AP and AFP": outlets cited.
    if first_word == "told" {
        let mut at = verb.end;
        loop {
            let rest = &prose[at..sent.span.end];
            let lead = rest.len() - rest.trim_start().len();
            let rest_t = rest.trim_start();
            let rest_t = rest_t.strip_prefix("the ").unwrap_or(rest_t);
            let skip = rest.trim_start().len() - rest_t.len();
            let Some(o) = OUTLETS.iter().find(|o| {
                rest_t.starts_with(**o) && !rest_t[o.len()..].starts_with(char::is_alphanumeric)
            }) else {
                break;
            };
            let start = at + lead + skip;
            let span = Span::new(start, start + o.len());
            if own_outlet.is_none_or(|own| {
                !own.eq_ignore_ascii_case(o) && !(own == "AP" && o.contains("Associated"))
            }) {
                cue.outlets.push(span);
            }
            at = span.end;
            let r = &prose[at..sent.span.end];
            if let Some(r2) = r.strip_prefix(" and ").or_else(|| r.strip_prefix(", ")) {
                at += r.len() - r2.len();
            } else {
                break;
            }
        }
    }
    Some(cue)
}

/// The noun phrase after `from` ("according to the ministry's figures, ..."), to the next clause break.
fn np_after(prose: &str, from: usize, end: usize, quotes: &QuoteMask) -> Option<Span> {
    let rest = &prose[from..end];
    let ws = words::words(rest);
    let mut last: Option<Word> = None;
    for (i, w) in ws.iter().enumerate() {
        if quotes.contains(from + w.start) {
            break;
        }
        let gap = if i == 0 {
            &rest[..w.start]
        } else {
            &rest[ws[i - 1].end..w.start]
        };
        if i > 0 && gap.contains([',', ';', ':', '(', ')', '—', '–', '“', '"', '.']) {
            break;
        }
        let l = w.text.to_ascii_lowercase();
        if i > 0
            && lower_eq(
                &l,
                &[
                    "that",
                    "which",
                    "who",
                    "whose",
                    "released",
                    "published",
                    "issued",
                    "seen",
                    "obtained",
                    "quoting",
                    "citing",
                    "on",
                    "since",
                    "after",
                    "before",
                    "when",
                    "while",
                    "as",
                    "to",
                    "said",
                    "says",
                    "for",
                    "is",
                    "was",
                    "were",
                    "are",
                    "had",
                    "has",
                ],
            )
        {
            break;
        }
        if i >= 12 {
            break;
        }
        last = Some(*w);
    }
    let first = ws.first()?;
    let last = last?;
    Some(Span::new(from + first.start, from + last.end))
}

/// The subject right before a verb: back to the nearest clause break, stripped of conjunctions
/// and auxiliaries. None when nothing is left (the verb follows a comma or a quotation).
fn clause_subject(
    prose: &str,
    sent_start: usize,
    verb_start: usize,
    quotes: &QuoteMask,
) -> Option<Span> {
    let seg_start = clause_start(prose, sent_start, verb_start, quotes);
    let seg = &prose[seg_start..verb_start];
    let ws = words::words(seg);
    let mut a = 0;
    let mut b = ws.len();
    while a < b && lower_eq(ws[a].text, words::LEADING_CONJ) {
        a += 1;
    }
    while b > a && (lower_eq(ws[b - 1].text, words::TRAILING_AUX) || is_ly_adverb(ws[b - 1].text)) {
        b -= 1;
    }
    // "..., a claim the army denied": the source is "the army", not the claim.
    if b - a > 3
        && lower_eq(ws[a].text, &["a", "an", "the", "this", "that"])
        && lower_eq(
            ws[a + 1].text,
            &[
                "claim",
                "claims",
                "charge",
                "allegation",
                "allegations",
                "account",
                "version",
                "assertion",
                "accusation",
                "figure",
                "report",
                "description",
                "characterisation",
                "characterization",
                "assessment",
                "view",
            ],
        )
    {
        a += 2;
    }
    if a >= b || b - a > 12 {
        return None;
    }
    // A subject never holds a finite verb ("the rain had tapered off by Wednesday, and ...") or
    // another cue ("said in a statement posted on Telegram that").
    if ws[a..b].iter().any(|w| {
        lower_eq(
            w.text,
            &[
                "is",
                "are",
                "was",
                "were",
                "had",
                "has",
                "have",
                "would",
                "will",
                "did",
                "could",
                "said",
                "says",
                "told",
                "according",
                "statement",
            ],
        )
    }) {
        return None;
    }
    Some(Span::new(
        seg_start + ws[a].start,
        seg_start + ws[b - 1].end,
    ))
}

fn is_ly_adverb(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ly")
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !lower_eq(
            w,
            &[
                "italy", "family", "july", "assembly", "ally", "rally", "supply", "monopoly",
            ],
        )
}

/// Where the clause holding `verb_start` begins: after the last comma, semicolon, dash, bracket,
/// quotation or "that" before the verb.
fn clause_start(prose: &str, sent_start: usize, verb_start: usize, quotes: &QuoteMask) -> usize {
    let seg = &prose[sent_start..verb_start];
    let mut start = sent_start;
    if let Some((i, c)) = seg
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')'))
    {
        start = sent_start + i + c.len_utf8();
    }
    // After the last quoted character before the verb.
    if let Some(q) = quotes.last_starting_before(verb_start) {
        let q_end = q.end.min(verb_start);
        if q_end > start {
            start = q_end;
        }
    }
    // "X said that Y told Z": the clause after "that".
    let tail = &prose[start..verb_start];
    for w in words::words(tail).iter().rev() {
        if lower_eq(w.text, &["that", "which", "who", "whom"]) {
            return start + w.end;
        }
    }
    start
}

/// `, said Kiersten Lowe, campaign director` → "Kiersten Lowe". Only when what follows the verb is
/// a short noun phrase ending the clause, not a reported clause ("said the deal would close").
fn inverted(prose: &str, verb_end: usize, sent_end: usize, quotes: &QuoteMask) -> Option<Span> {
    let rest = &prose[verb_end..sent_end];
    let ws = words::words(rest);
    let first = ws.first()?;
    if !rest[..first.start].trim().is_empty() {
        return None;
    }
    let f = first.text;
    if lower_eq(f, words::FINITE)
        || lower_eq(
            f,
            &[
                "on",
                "in",
                "at",
                "by",
                "after",
                "before",
                "during",
                "this",
                "last",
                "late",
                "early",
                "earlier",
                "later",
                "yesterday",
                "today",
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
                "and",
                "but",
                "to",
                "of",
                "with",
                "for",
                "about",
                "his",
                "her",
                "their",
                "its",
                "our",
                "reporters",
                "him",
                "them",
                "me",
                "us",
            ],
        )
    {
        return None;
    }
    let mut last = *first;
    for (i, w) in ws.iter().enumerate().skip(1) {
        let gap = &rest[ws[i - 1].end..w.start];
        if gap.contains([',', ';', '.', ':', '(', '—', '–']) {
            break;
        }
        if lower_eq(w.text, words::FINITE)
            || lower_eq(w.text, &["would", "on", "in", "at", "who", "which", "that"])
            || quotes.contains(verb_end + w.start)
        {
            // "said the deal would close": a reported clause, not a name.
            if lower_eq(w.text, words::FINITE) {
                return None;
            }
            break;
        }
        if i >= 8 {
            return None;
        }
        last = *w;
    }
    let tail = &rest[last.end..];
    if !(tail.trim().is_empty()
        || tail
            .trim_start()
            .starts_with([',', '.', ';', '—', '–', '('])
        || words::words(tail)
            .first()
            .is_some_and(|w| lower_eq(w.text, &["on", "in", "at", "who", "which"])))
    {
        return None;
    }
    Some(Span::new(verb_end + first.start, verb_end + last.end))
}

/// For a verb right after a comma: the subject given before an appositive or relative clause
/// ("Qatar, which hosted the talks, said"), or for a participle ("..., saying") the subject of the
/// sentence. Returns the span from that subject up to the last segment before the verb.
fn appositive_subject(
    prose: &str,
    sent_start: usize,
    verb_start: usize,
    quotes: &QuoteMask,
    participle: bool,
) -> Option<Span> {
    let seg = &prose[sent_start..verb_start];
    // Comma-separated segments, in order.
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    for (i, c) in seg.char_indices() {
        if c == ',' || c == ';' || c == '—' || quotes.contains(sent_start + i) {
            if i > s {
                segs.push((s, i));
            }
            s = i + c.len_utf8();
        }
    }
    if seg.len() > s && !seg[s..].trim().is_empty() {
        segs.push((s, seg.len()));
    }
    let usable = |&(a, b): &(usize, usize)| {
        let t = seg[a..b].trim();
        let ws = words::words(t);
        !t.is_empty()
            && ws.len() <= 12
            && !ws.first().is_some_and(|w| {
                lower_eq(w.text, &["which", "who", "whose", "where", "when", "whom"])
            })
    };
    if participle {
        // The sentence subject: the first usable segment.
        let &(a, b) = segs.iter().find(|x| usable(x))?;
        return trim_span(prose, sent_start + a, sent_start + b);
    }
    // Walk back over at most three segments; prefer the leftmost that starts with a capital.
    let tail: Vec<(usize, usize)> = segs.iter().rev().take(3).copied().collect();
    let mut pick: Option<(usize, usize)> = None;
    for &x in &tail {
        if !usable(&x) {
            continue;
        }
        let t = seg[x.0..x.1].trim_start();
        if pick.is_none() || starts_upper(t) {
            pick = Some(x);
        }
    }
    let (a, _) = pick?;
    let (_, b) = *segs.last()?;
    trim_span(prose, sent_start + a, sent_start + b)
}

fn trim_span(prose: &str, a: usize, b: usize) -> Option<Span> {
    let t = &prose[a..b];
    let lead = t.len() - t.trim_start().len();
    let t2 = t.trim();
    if t2.is_empty() {
        return None;
    }
    // Drop leading conjunctions such as "and".
    let ws = words::words(t2);
    let mut k = 0;
    while k < ws.len() && lower_eq(ws[k].text, words::LEADING_CONJ) {
        k += 1;
    }
    let start = a + lead + ws.get(k).map_or(0, |w| w.start);
    let end = a + lead + t2.len();
    (start < end).then(|| Span::new(start, end))
}

/// The source phrase up to its first comma ("Dana Ruiz" of "Dana Ruiz, a council member").
fn head_of(prose: &str, np: Span) -> Span {
    let t = &prose[np.range()];
    let cut = t.find(',').unwrap_or(t.len());
    let h = t[..cut].trim_end();
    Span::new(np.start, np.start + h.len().max(1).min(t.len()))
}

const ANON_HEADS_BARE: &[&str] = &["source", "sources"];
const ANON_HEADS: &[&str] = &[
    "official",
    "officials",
    "authority",
    "authorities",
    "person",
    "people",
    "persons",
    "insider",
    "insiders",
    "aide",
    "aides",
    "diplomat",
    "diplomats",
    "officer",
    "officers",
    "individual",
    "individuals",
    "figure",
    "figures",
    "member",
    "members",
    "employee",
    "employees",
    "staffer",
    "staffers",
];
const VAGUE_ALWAYS: &[&str] = &[
    "critics",
    "experts",
    "observers",
    "insiders",
    "commentators",
    "pundits",
    "sceptics",
    "skeptics",
    "detractors",
    "onlookers",
    "opponents",
    "supporters",
];
const VAGUE_QUANTIFIED: &[&str] = &[
    "analysts",
    "people",
    "scientists",
    "economists",
    "researchers",
    "historians",
    "scholars",
    "officials",
    "opponents",
    "supporters",
    "observers",
    "lawyers",
    "doctors",
    "others",
    "residents",
    "voices",
    "commentators",
];
const QUANTIFIERS: &[&str] = &[
    "some", "many", "most", "several", "numerous", "certain", "various", "other", "few",
];
const VAGUE_DOCS: &[&str] = &[
    "polls", "surveys", "studies", "research", "reports", "evidence", "rumours", "rumors",
];
const PP_START: &[&str] = &[
    "familiar",
    "close",
    "with",
    "at",
    "in",
    "from",
    "of",
    "on",
    "briefed",
    "who",
    "involved",
    "knowledgeable",
    "speaking",
    "inside",
    "within",
    "for",
    "including",
    "such",
    "like",
    "aware",
    "told",
    "granted",
];

/// Classifies a source phrase.
pub fn classify(np: &str) -> NpKind {
    let ws = words::words(np);
    if ws.is_empty() {
        return NpKind::Unknown;
    }
    if ws.iter().any(|w| w.text == "TK") {
        return NpKind::Placeholder;
    }
    // "critics, including Ana Ruiz,": examples given, so not weasel words.
    let identified = np.contains("including ") || np.contains("such as ");
    let first_seg = np.split(',').next().unwrap_or(np);
    let fs = words::words(first_seg);
    if fs.len() == 1 && lower_eq(fs[0].text, words::PRONOUNS) {
        return NpKind::Pronoun;
    }
    let lw: Vec<String> = fs.iter().map(|w| w.text.to_ascii_lowercase()).collect();
    // Split into determiner, modifiers, head and trailing prepositional phrase.
    let pp = lw
        .iter()
        .position(|w| lower_eq(w, PP_START))
        .unwrap_or(lw.len());
    let core = &lw[..pp];
    let det = core.first().is_some_and(|w| {
        lower_eq(w, words::DETERMINERS) || w.chars().all(|c| c.is_ascii_digit() || c == ',')
    });
    let Some(head) = core.last() else {
        return NpKind::Described;
    };
    let mods = core.len().saturating_sub(1 + usize::from(det));
    let has_pp = pp < lw.len();
    let quantified = core.first().is_some_and(|w| lower_eq(w, QUANTIFIERS))
        || lw.windows(2).any(|p| p[0] == "number" && p[1] == "of");
    if !identified {
        if lower_eq(head, VAGUE_ALWAYS)
            && mods == 0
            && (!has_pp || lw.get(pp).is_some_and(|w| w == "of"))
        {
            return NpKind::Vague;
        }
        if quantified && lower_eq(head, VAGUE_QUANTIFIED) && mods == 0 && !has_pp {
            return NpKind::Vague;
        }
        let doc_mods_ok = core.iter().take(core.len().saturating_sub(1)).all(|w| {
            lower_eq(
                w,
                &[
                    "media",
                    "news",
                    "press",
                    "local",
                    "unconfirmed",
                    "some",
                    "several",
                    "recent",
                    "many",
                    "other",
                    "unverified",
                    "published",
                ],
            )
        });
        if lower_eq(head, VAGUE_DOCS) && doc_mods_ok && !has_pp {
            return NpKind::Vague;
        }
    }
    let capital_mod = fs.iter().skip(1).any(|w| starts_upper(w.text));
    // "a government official", "a local source": modifiers that name no agency and no rank.
    let first_mod = usize::from(det);
    let generic_mods = mods > 0
        && !has_pp
        && core[first_mod..core.len() - 1].iter().all(|w| {
            lower_eq(
                w,
                &[
                    "government",
                    "local",
                    "state",
                    "foreign",
                    "western",
                    "regional",
                    "administration",
                    "official",
                    "informed",
                    "reliable",
                    "trusted",
                    "well-placed",
                    "other",
                    "knowledgeable",
                ],
            )
        });
    if lower_eq(head, ANON_HEADS_BARE) {
        let bare = mods == 0 && !has_pp;
        return NpKind::Anon(if bare {
            AnonLevel::Bare
        } else if generic_mods {
            AnonLevel::Unspecific
        } else {
            AnonLevel::Described
        });
    }
    // "a spokesman" for nobody in particular; "a ministry spokesman" or "a spokesman for the
    // ministry" is a described, on-the-record role.
    if lower_eq(head, &["spokesman", "spokeswoman", "spokesperson"])
        && core.len() == 2
        && lower_eq(&core[0], &["a", "an", "one"])
        && !has_pp
    {
        return NpKind::Anon(AnonLevel::Unspecific);
    }
    // A bare plural group with nothing to say whose ("Diplomats said", "Officials said") is as
    // anonymous as "sources"; "Western diplomats", "Treasury officials" are described.
    if core.len() == 1
        && !has_pp
        && lower_eq(head, &["diplomats", "officials", "aides", "insiders"])
        && !identified
        && np.split(',').count() == 1
    {
        return NpKind::Anon(AnonLevel::Unspecific);
    }
    if lower_eq(head, ANON_HEADS) && !lower_eq(head, &["figures", "members", "employees"]) {
        let plural = head.ends_with('s') || head == "people";
        if det
            && !lower_eq(
                core[0].as_str(),
                &[
                    "the", "its", "his", "her", "their", "our", "this", "these", "those", "all",
                    "both", "each",
                ],
            )
        {
            if mods == 0 && !has_pp || generic_mods && !plural {
                return NpKind::Anon(AnonLevel::Unspecific);
            }
            // Plural officials with a modifier ("three Afghan authorities") read as an institution.
            if plural && lower_eq(head, &["officials", "authorities", "officers", "diplomats"]) {
                return NpKind::Described;
            }
            return NpKind::Anon(AnonLevel::Described);
        }
        if (!det || core[0] == "those")
            && head == "people"
            && has_pp
            && lw
                .get(pp)
                .is_some_and(|w| w == "familiar" || w == "close" || w == "briefed")
        {
            return NpKind::Anon(AnonLevel::Described);
        }
        let _ = capital_mod;
        return NpKind::Described;
    }
    // Named: a capital beyond a sentence-initial common word.
    let named = fs.iter().enumerate().any(|(i, w)| {
        starts_upper(w.text)
            && !(i == 0 && lower_eq(w.text, words::COMMON_SUBJECTS))
            && !(i == 0 && looks_plural_role(w.text))
    });
    if named {
        NpKind::Named
    } else {
        NpKind::Described
    }
}

/// "Forecasters", "Rescuers": a plural role noun capitalised at the start of a sentence.
fn looks_plural_role(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    ["ers", "ors", "ists", "ians", "ants", "ents"]
        .iter()
        .any(|s| l.ends_with(s))
        && l.len() > 5
}
