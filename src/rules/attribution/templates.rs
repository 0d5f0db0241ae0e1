// The attribution patterns as text: their templates, how a template's `{slots}` are filled from
// the tables of `data/attribution/*.toml`, how a gated pattern splits into its branches, and which
// tables each pattern takes ([`RECIPES`]).
//
// This file is pure (std, `regex_syntax` and `crate::vocab::alternation` only) so that `build.rs`
// can include it too: it rebuilds every source from the same templates and data, and compiles its
// automaton at build time (see `crate::narrow`). A line comment, not `//!`: `build.rs` includes the
// file with `include!`, where inner attributes are not allowed.

use std::collections::BTreeMap;

/// Named word slots of a pattern table.
pub type Slots = BTreeMap<String, Vec<String>>;

/// A template with its line breaks and the indentation after them dropped (templates are laid
/// out freely over lines).
pub fn join_lines(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut lines = template.lines();
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    for l in lines {
        out.push_str(l.trim_start());
    }
    out
}

/// Fills a pattern template: `{APPROX}`, `{NUM}` and `{W}` are fixed sub-patterns; any other
/// `{name}` (lower case and underscores) is the alternation of the first table holding `name`.
/// Line breaks and the indentation after them are dropped, so templates can be laid out freely.
pub fn expand(template: &str, tables: &[&Slots]) -> String {
    let t = macros(&join_lines(template));
    let mut out = String::with_capacity(t.len() * 4);
    let mut rest = t.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
                let list = tables
                    .iter()
                    .find_map(|t| t.get(n))
                    .unwrap_or_else(|| panic!("data/attribution: no list `{n}` for a pattern"));
                out.push_str(&crate::vocab::alternation(list));
                rest = &after[n.len() + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The fixed sub-patterns of [`expand`], written out so their slots are seen.
pub fn macros(t: &str) -> String {
    t.replace("{APPROX}", r"(?:{approximators}\s+)?")
        .replace("{NUM}", r"(?:\d[\d,.]*|{number_words})")
        .replace("{W}", r"[\w’'-]+")
}

/// The branches of a gated pattern: for each top-level alternative of `template`, its text with
/// the fixed sub-patterns written out (for reading off required words) and its regex source (with
/// the pattern's leading flags).
pub fn branches(template: &str, tables: &[&Slots]) -> Vec<(String, String)> {
    let t = join_lines(template);
    let (flags, body) = leading_flags(&t);
    split_top(body)
        .into_iter()
        .map(|b| {
            let b = macros(&b);
            let source = format!("{flags}{}", expand(&b, tables));
            (b, source)
        })
        .collect()
}

/// A leading flag group such as `(?i)`, which applies to every branch.
pub fn leading_flags(t: &str) -> (&str, &str) {
    if t.starts_with("(?") {
        if let Some(close) = t.find(')') {
            let inner = &t[2..close];
            if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
                return t.split_at(close + 1);
            }
        }
    }
    ("", t)
}

/// `t` split at its top-level `|` (outside groups and classes). A pattern that is one group of
/// alternatives after zero-width assertions, such as `\b(?:a|b)`, is split inside that group.
pub fn split_top(t: &str) -> Vec<String> {
    let parts = split_at_depth0(t);
    if parts.len() > 1 {
        return parts.into_iter().map(str::to_string).collect();
    }
    // `(?-u:\b)(?:A|B|C)`: distribute the leading assertion over the inner alternatives.
    let lead = r"(?-u:\b)";
    if let Some(rest) = t.strip_prefix(lead) {
        if rest.starts_with("(?:") {
            if let Some(end) = group_end(rest) {
                if end + 1 == rest.len() {
                    let inner = &rest[3..end];
                    let parts = split_at_depth0(inner);
                    if parts.len() > 1 {
                        return parts.into_iter().map(|p| format!("{lead}{p}")).collect();
                    }
                }
            }
        }
    }
    vec![t.to_string()]
}

/// Walks a regex source, skipping escapes and character classes, and calls `visit` with each
/// `(`, `)` or `|` and the group depth after it, until `visit` returns false.
fn walk_structure(t: &str, mut visit: impl FnMut(usize, u8, i32) -> bool) {
    let b = t.as_bytes();
    let (mut depth, mut class, mut i) = (0i32, false, 0);
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' if !class => class = true,
            b']' if class => class = false,
            c @ (b'(' | b')' | b'|') if !class => {
                depth += match c {
                    b'(' => 1,
                    b')' => -1,
                    _ => 0,
                };
                if !visit(i, c, depth) {
                    return;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// The byte index of the `)` closing the group that opens at byte 0 of `t`.
fn group_end(t: &str) -> Option<usize> {
    let mut end = None;
    walk_structure(t, |i, c, depth| {
        if c == b')' && depth == 0 {
            end = Some(i);
        }
        end.is_none()
    });
    end
}

fn split_at_depth0(t: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut from = 0;
    walk_structure(t, |i, c, depth| {
        if c == b'|' && depth == 0 {
            parts.push(&t[from..i]);
            from = i + 1;
        }
        true
    });
    parts.push(&t[from..]);
    parts
}

/// Where the lists of one slot table come from: a whole table of a data file (`file`, `table`),
/// or one list of a data file (`file`, `key`) under a slot name.
#[derive(Clone, Copy, Debug)]
pub enum Part {
    Table(&'static str, &'static str),
    List(&'static str, &'static str, &'static str),
}

/// How a pattern is compiled: one regex per top-level alternative (an `Alternatives`), or one
/// regex whose patterns are the templates (a `Tiered`; more than one template: a multi-pattern
/// regex).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Gated,
    Whole,
}

/// A pattern of the attribution rules: its templates, its shape and its slot tables (searched in
/// order, as [`expand`] does).
pub struct Recipe {
    pub name: &'static str,
    pub templates: &'static [&'static str],
    pub shape: Shape,
    pub tables: &'static [&'static [Part]],
}

impl Recipe {
    /// The regex sources of the pattern, one group per regex it compiles, with `table` giving
    /// each slot table of [`Recipe::tables`].
    pub fn sources(&self, tables: &[&Slots]) -> Vec<Vec<String>> {
        match self.shape {
            Shape::Gated => self
                .templates
                .iter()
                .flat_map(|t| branches(t, tables))
                .map(|(_, s)| vec![s])
                .collect(),
            Shape::Whole => vec![self.templates.iter().map(|t| expand(t, tables)).collect()],
        }
    }
}

// ---- claims ----

pub const CASUALTY_T: &str = r"(?i)(?-u:\b){APPROX}{NUM}(?:\s+more)?(?:\s+{W}){0,3}?\s+(?:{be}\s+)?{outcomes}(?-u:\b)
    |(?-u:\b){APPROX}{NUM}(?:\s+{W}){0,3}?\s+{homeless_be}\s+(?:left\s+)?{homeless}(?-u:\b)
    |(?-u:\b)left\s+{APPROX}{NUM}(?:\s+{W}){0,2}?\s+{left_states}(?-u:\b)
    |(?-u:\b){APPROX}{NUM}(?:\s+{W}){0,3}?\s+{perished}(?-u:\b)
    |(?-u:\b){APPROX}{NUM}\s+(?:more\s+)?{bodies}(?-u:\b)
    |(?-u:\b){harm_verbs}\s+{APPROX}{NUM}(?:\s+{more_other})?(?:\s+{W})?\s+{victims}(?-u:\b)
    |(?-u:\b){toll_phrases}(?-u:\b)
    |(?-u:\b){killing}\s+{APPROX}{NUM}(?-u:\b)";

pub const DAMAGE_T: &str = r"(?i)(?-u:\b){APPROX}{NUM}(?:\s+of)?(?:\s+{W}){0,2}?\s+{things}(?-u:\b)(?:\s+{W}){0,4}?\s+(?:{be}\s+)?{outcomes}(?-u:\b)
    |(?-u:\b){destroyed}\s+(?:{shares}|{NUM})\s+of\s+{owners}(?-u:\b)
    |(?:\$|£|€)[\d.,]+\s*{amount_words}?\s+{damage_links}\s+{damage_nouns}(?-u:\b)
    |(?-u:\b){damage_nouns}\s+{damage_preps}\s+(?:{figure_hedges}\s+)?(?:\$|£|€)";

pub const CROWD_T: &str = r"(?i)(?-u:\b){APPROX}{NUM}(?:\s+{W}){0,2}?\s+{people}(?:\s+{W}){0,2}?\s+{gathered}(?-u:\b)
    |(?-u:\b){APPROX}(?:{big_counts}|\d{1,3},\d{3}(?:,\d{3})?)\s+(?:more\s+)?{bare_gathered}(?-u:\b)
    |(?-u:\b){APPROX}{NUM}(?:\s+{W}){0,2}?\s+{attendees}\s+attended\s+(?:{articles}\s+)?{events}(?-u:\b)
    |(?-u:\b){APPROX}{NUM}(?:\s+of)?(?:\s+{W})?\s+{moving_groups}\s+(?:{have}\s+)?{moved}(?-u:\b)
    |(?-u:\b){drew}\s+{APPROX}{NUM}\s+{drawn}(?-u:\b)
    |(?-u:\b){crowd_nouns}\s+of\s+{APPROX}{NUM}(?-u:\b)[^.]{0,40}?(?-u:\b){crowd_did}(?-u:\b)";

pub const STATISTIC_T: &str = r"(?i)(?-u:\b)(?:{small_numbers}|\d+)\s+{in_of}\s+(?:every\s+)?(?:{small_numbers}|\d+)\s+(?:[\w-]+\s+){0,2}?(?:{groups}|[a-z]{3,}s)(?-u:\b)
    |(?-u:\b)\d+(?:\.\d+)?(?:\s?%|\s+{percent_words})\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:{population}|[a-z]{3,}s)(?-u:\b)
    |(?-u:\b){rate_nouns}\s+{rate_verbs}\s+(?:{figure_hedges}\s+)?\d+(?:\.\d+)?(?:\s?%|\s+{percent_words})
    |(?-u:\b){risk_verbs}\s+(?:the\s+)?{risk}(?-u:\b)
    |(?-u:\b){support}\s+for\s+(?:{W}\s+){1,4}?{have}\s+{support_moves}(?-u:\b)
    |(?-u:\b){stands}\s+at\s+(?:{figure_hedges}\s+)?\d+(?:\.\d+)?(?:\s?%|\s+{percent_words})
    |(?-u:\b){have}\s+(?:{figure_hedges}\s+)?{multiplied}(?-u:\b)
    |(?-u:\b){times}\s+as\s+{as_what}(?-u:\b)
    |(?-u:\b)the\s+{average}\s+\w+\s+{average_verbs}(?-u:\b)
    |(?-u:\b){cost}\s+{possessive_dets}\s+\w+(?:\s+\w+)?\s+(?:{figure_hedges}\s+)?(?:\$|£|€)\d
    |(?-u:\b){moves}\s+(?:by\s+)?(?:{figure_hedges}\s+)?\d+(?:\.\d+)?(?:\s?%|\s+{percent_words})
    |(?-u:\b){shares}\s+of\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+)?{share_groups}\s+(?:\w+\s+)?{share_verbs}(?-u:\b)
    |(?-u:\b){have}\s+gone\s+{APPROX}{NUM}\s+{streak_units}\s+without(?-u:\b)";

pub const PREDICTION_T: &str = r"(?i)(?-u:\b)(?P<modal_frame>{modals}|{be_present_past}\s+{certainty}\s+to)\s+(?:{almost}\s+)?(?:(?P<ly_adverb>\w+ly)\s+)?(?:continue\s+to\s+)?(?P<outcome_verb>{outcomes})(?-u:\b)
    |(?-u:\b){will_forms}\s+(?:almost\s+)?{sure_adverbs}\s+[a-z]+(?-u:\b)
    |(?-u:\b){be_present_past}\s+(?:almost\s+)?{bound}\s+to\s+[a-z]+(?-u:\b)
    |(?-u:\b){means}\s+(?:that\s+)?\w+\s+{will_forms}(?-u:\b)
    |(?-u:\b){will_forms}\s+{figure_verbs}\s+(?:{approximators}\s+)?(?:\$|£|€)?\d[\d,.]*\s*{amount_words}?\s*{figure_units}?(?-u:\b)
    |(?-u:\b)(?P<cons_modal>{will_forms}|{be_present_past}\s+{consequence_frames}\s+to)\s+(?:{consequence_adverbs}\s+)?(?P<cons_verb>{consequence_verbs})\s+(?P<cons_object>[^.;:!?]{2,80})
    |(?-u:\b){could}\s+(?:well\s+)?{could_outcomes}(?-u:\b)
    |(?-u:\b){could}\s+{soon}\s+(?:be\s+)?[a-z]{3,}(?-u:\b)
    |(?-u:\b){appearance}\s+{appearance_frames}\s+to\s+[a-z]+(?-u:\b)
    |(?-u:\b){will_forms}\s+{sweeping_adverbs}\s+[a-z]{3,}(?-u:\b)
    |(?-u:\b){likely_degree}\s+likely\s+{likely_nouns}(?-u:\b)
    |(?-u:\b){future}\s+{reach}\s+(?:{figure_hedges}\s+)?(?:\$|£|€)?\d";

pub const TERRITORY_T: &str = r"(?i)(?-u:\b)(?:(?P<in_control>(?:{control_verbs}|{control_be}\s+(?:{control_adverbs}\s+)?in(?:\s+{control_kinds})?)\s+{control})
    |(?P<take_verb>{verbs})\s+(?:(?:{fillers}|\d+)\s+){0,5}(?P<held_place>(?-i:[A-Z])[\w’'-]*|(?:[\w’'-]+\s+){0,3}?{held_places}(?-u:\b))
    |(?P<front_move>{advanced}\s+(?:{figure_hedges}\s+)?\d+\s+{distance_units}|{front_moves}|{fled_the}\s+{fled_places}))";

pub const CONFLICT_T: &str = r"(?i)(?-u:\b){conflict_words}(?-u:\b)";

/// A count of administrative units ("five other provincial capitals", "12 of the 34 provinces").
pub const COUNTED_UNITS_T: &str = r"(?i)(?-u:\b){NUM}\s+(?:{W}\s+){0,4}?{counted_units}(?-u:\b)";

pub const ACCUSATION_T: &str = r"(?i)(?-u:\b){be}\s+{accused}(?-u:\b)(?P<by_agent>\s+(?:by|{reported_preps}))?
    |(?-u:\b){responsible}\s+(?:{articles}\s+)?(?:\w+\s+)?{harm_nouns}(?-u:\b)
    |(?-u:\b){behind_be}\s+{behind}\s+{behind_dets}\s+(?:\w+\s+)?{behind_harms}(?-u:\b)
    |(?-u:\b){intent_adverbs}(?-u:\b)
    |(?-u:\b)to\s+{incite}\s+{incited}(?-u:\b)
    |(?-u:\b){wrong_acts}(?-u:\b)
    |(?-u:\b)(?P<done_by_agent>{past_be}\s+{done_by}\s+by)(?-u:\b)
    |(?-u:\b){ongoing}\s+(?:\w+\s+)?{ongoing_objects}(?-u:\b)
    |(?-u:\b){caused}\s+{behind_dets}\s+(?:\w+\s+)?{caused_events}(?-u:\b)
    |(?-u:\b){behind_be}\s+{to_blame}(?-u:\b)
    |(?-u:\b)(?P<started_by>{past_be}\s+{started}\s+{started_how})(?-u:\b)
    |(?-u:\b){authored}\s+{behind_dets}\s+(?:\w+\s+)?{authored_events}(?-u:\b)
    |(?-u:\b){knew}\s+{possessives}(?-u:\b)
    |(?-u:\b){ignored}\s+(?:\w+\s+)?{warnings}(?-u:\b)
    |(?-u:\b){failed}\s+{failed_duties}(?-u:\b)";

pub const INTENTION_T: &str = r"(?i)(?-u:\b)(?P<w>{wants}|{be}\s+{planning})\s+{wants_next}(?-u:\b)
    |(?-u:\b)(?P<belief>{believes})\s+(?:that\s+)?{believed_starts}(?-u:\b)
    |(?-u:\b){shares}\s+(?:[\w-]+\s+)?(?:{share_groups}|[a-z]{3,}s)\s+(?:{share_preps}\s+(?:{share_dets}\s+)?[\w-]+\s+)?(?:{share_adverbs}\s+)?{share_views}(?-u:\b)
    |(?-u:\b){paid}(?-u:\b)
    |(?-u:\b){moods_who}\s+{moods_be}\s+(?:{moods_adverbs}\s+)?{moods}(?-u:\b)
    |(?-u:\b)the\s+{mind_nouns}\s+(?:{mind_preps}\s+(?:[\w’'-]+\s+){1,3}?)?(?:{moods_adverbs}\s+)?{mind_be}\s+that(?-u:\b)
    |(?-u:\b){doubt_nouns}\s+{have}\s+{doubts_grew}(?-u:\b)
    |(?-u:\b){events}\s+(?:[\w-]+\s+){0,3}?{have}\s+(?:also\s+)?raised\s+{doubt_objects}(?-u:\b)";

pub const CHARACTERISATION_T: &str = r"(?i)(?-u:\b){terms}(?-u:\b)
    |(?-u:\b){dets}\s+{superlatives}\s+(?:[\w-]+\s+){0,4}?(?:in\s+(?:{spans}|(?:{figure_hedges}\s+)?\d+\s+{years})|{since}\s+(?:{records_began}|\d{4}))(?-u:\b)";

pub const LABEL_FRAME_T: &str =
    r"(?i)(?-u:\b)what\s+(?:[\w’'-]+\s+){1,2}?{label_frames}(?:\s+[\w’'-]+){0,3}\s*$";

pub const MARKET_T: &str = r"(?i)(?-u:\b){words}(?-u:\b)|(?-u:\b)\d+-\d+(?-u:\b)";

pub const COURT_T: &str = r"(?i)(?-u:\b){court}(?-u:\b)";

pub const CONDITIONAL_T: &str = r"(?i)(?-u:\b){conditional}(?-u:\b)|\?";

// ---- vague ----

/// Passive hearsay with no agent: "are said to", "is believed to", "was reported to".
pub const VAGUE_PASSIVE_T: &str = r"(?i)(?-u:\b){be}\s+(?:{hedges}\s+)?(?P<v>{verbs})\s+to(?-u:\b)";

/// "is widely seen as": judged by whom?
pub const VAGUE_WIDELY_T: &str = r"(?i)(?-u:\b){be}\s+{widely_seen}\s+{seen}\s+{as_to}(?-u:\b)
    |(?-u:\b){have}\s+been\s+(?:{often}\s+)?{described}\s+as(?-u:\b)
    |(?-u:\b){be_simple}\s+{often_simple}\s+{described_simple}(?-u:\b)
    |(?-u:\b){be_simple}\s+{seen_plain}\s+as(?-u:\b)
    |(?-u:\b){be_simple}\s+(?:{often_simple}\s+)?{considered}\s+{considered_next}(?-u:\b)
    |(?-u:\b){widely}\s+{held_view}(?-u:\b)
    |(?-u:\b){widely}\s+(?:{seen_plain}|{considered})\s+{as_be}(?-u:\b)
    |(?-u:\b){be}\s+{widely}\s+{widely_judged}(?-u:\b)
    |(?-u:\b){emerged}(?-u:\b)
    |(?-u:\b){have}\s+been\s+(?:{often}\s+)?{named}\s+(?:(?:a|an|the)\s+)?(?:[“\x22][^”\x22]{1,60}[”\x22]|(?:a|an|the)(?-u:\b))
    |,\s*(?P<span>to\s+{to_holders})\s*,
    |(?-u:\b)according\s+to\s+(?P<holder>{according_quant}(?:\s+{W})?)(?-u:\b)
    |(?-u:\b)there\s+{there_be}\s+(?P<holder>{there_holders}|(?:{by_quant}\s+)?{by_holders})\s+who\s+(?:{have}\s+)?(?:{often_simple}\s+)?{who_verbs}(?-u:\b)
    |(?-u:\b){by_judged}\s+by\s+(?P<holder>(?:{by_quant}\s+)?{by_holders})(?-u:\b)
    |(?-u:\b){by_judged_as}\s+by\s+(?P<holder>(?:{by_quant}\s+)?{by_holders})(?:\s+{W})?\s+as(?-u:\b)
    |(?-u:\b)there\s+{there_be}\s+(?:{growing}\s+)?{fears}(?:\s+{that_of})?(?-u:\b)";

/// "It is understood (that)", "it has been reported".
pub const VAGUE_IT_T: &str = r"(?-u:\b)[Ii]t\s+{be}\s+(?:{hedges}\s+)?{verbs}(?-u:\b)";

pub const VAGUE_ADVERB_T: &str = r"(?i)(?-u:\b){adverbs}(?-u:\b)";

/// A weasel group as the subject of a saying or believing verb: "critics argue", "many analysts have
/// questioned", "some experts believe".
pub const VAGUE_SUBJECT_T: &str = r"(?i)(?-u:\b)(?P<source_np>(?:{quantifiers}\s+)?(?:{weasel_groups}|{quantified_groups}))
    (?:\s+of\s+(?:the\s+)?{W}(?:\s+{W})?)?\s+(?:{aux}\s+){0,2}(?P<v>{verbs})(?-u:\b)
    |(?-u:\b)(?P<source_np>(?P<gq>{gq_quantifiers})\s+(?:{W}\s+)??{W})\s+(?:{aux}\s+){0,2}(?P<v>{opinion_verbs})(?-u:\b)
    |(?-u:\b)(?P<source_np>{W}\s+and\s+{W}\s+{alike})\s+(?:{aux}\s+){0,2}(?P<v>{verbs})(?-u:\b)
    |(?-u:\b)(?P<source_np>{region_mods}\s+{region_groups})\s+(?:{aux}\s+){0,2}(?P<v>{verbs})(?-u:\b)
    |(?-u:\b)(?P<source_np>(?:{quantifiers}\s+)?{member_heads}\s+of\s+the\s+(?:{W}\s+)?{member_bodies})\s+(?:{aux}\s+){0,2}(?P<v>{verbs})(?-u:\b)
    |(?-u:\b)(?P<source_np>(?P<person>(?:{person_dets})\s+{people_nouns}|(?:{poster_dets})\s+(?:{W}\s+)?{poster_nouns}))\s+(?:{aux}\s+)?(?P<v>{person_verbs})(?-u:\b)
    |(?-u:\b)(?P<v>{person_verbs})\s+(?P<source_np>(?P<person>(?:{person_dets})\s+{people_nouns}|(?:{poster_dets})\s+(?:{W}\s+)?{poster_nouns}))(?-u:\b)";

/// "Many believe", "some say": a bare quantifier as the holder of an opinion.
pub const VAGUE_QUANT_T: &str = r"(?i)(?-u:\b)(?P<source_np>{quantifiers})\s+(?:{aux}\s+){0,2}(?P<v>{verbs})(?-u:\b)
    |(?-u:\b)(?P<source_np>{quantifiers})\s+(?:{aux}\s+)?{see_verbs}\s+(?:{W}\s+){1,3}?as(?-u:\b)";

/// "polls show" with no poll named.
pub const VAGUE_DOCS_T: &str = r"(?i)(?-u:\b)(?P<source_np>(?:{mods}\s+)?{docs})(?:\s+in\s+(?P<place>(?-i:[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)?)))?
    \s+(?:{aux}\s+){0,2}{verbs}(?-u:\b)
    |(?-u:\b){pp_preps}\s+(?P<source_np>{pp_quant}\s+(?:{mods}\s+)?{pp_docs})(?-u:\b)
    |(?-u:\b)(?P<source_np>(?P<one>(?:{one_dets})\s+(?:{one_mods}\s+)?{one_docs}|{a_dets}\s+{one_mods}\s+{one_docs}))\s+(?:{aux}\s+){0,2}{verbs}(?-u:\b)";

// ---- cues ----

/// Cue groups, in priority order (leftmost-first, as one alternation): `according to`; a passive
/// with an agent; a prepositional cue ("in a statement", "at a news conference"); a saying verb or
/// phrase. They are separate patterns of one multi-pattern regex, so the group of a match is its
/// pattern id and finding the cues needs no capture groups.
pub const CUE_T: [&str; 4] = [
    r"(?i)(?-u:\b)(?:{according_to})(?-u:\b)",
    r"(?i)(?-u:\b)(?:{passive_by}\s+by)(?-u:\b)",
    r"(?i)(?-u:\b)(?:in\s+an?\s+(?:{statement_mods}\s+)?{statement_nouns}|{venue_phrases}
    |in\s+{study_dets}\s+(?:[\w’'./-]+\s+){0,6}?{study_nouns})(?-u:\b)",
    r"(?i)(?-u:\b)(?:{act_phrases}|{saying_verbs})(?-u:\b)",
];

pub const REASON_T: &str = r"(?i)(?-u:\b)(?:{reason_phrases}|because\s+{because_pronouns}\s+{because_verbs}
    |to\s+protect\s+{protect_possessives}\s+{protected})(?-u:\b)";

// ---- unattributed_quote ----

/// Words that introduce a quoted title, slogan or sign rather than speech (run on lower case;
/// vocabulary in `data/attribution/vague.toml` `[title_lead]`).
pub const TITLE_LEAD_T: &str = r"(?-u:\b){words}(?-u:\b)[^.!?]{0,40}$";

// ---- unattributed-claim, cues ----

/// "is accused of", "are suspected in": a charge reported as one (the accusation slots of
/// `data/attribution/claims.toml`).
pub const REPORTED_CHARGE_T: &str = r"(?i)(?-u:\b){be}\s+{accused}\s+{reported_preps}(?-u:\b)";

/// A possessor and its document ("the budget office's 10-year outlook", "its latest survey").
pub const OWNED_DOCUMENT_T: &str =
    r"(?i)(?:\w['’]s|\b{document_owners})\s+(?:[\w-]+\s+){0,2}?{owned_documents}\b";

/// Wording mentioned, not quoted: the lead-in (lower case) ends on one of `mention_leads`.
pub const MENTION_LEAD_T: &str = r"(?-u:\b){mention_leads}[\s,:“‘\x22']*$";

/// A line that ends on a closing quotation mark, a dash and a name (a pull quote or a reader's
/// comment: "“…” ― Ana Ruiz"): its name.
pub const SIGNED_LINE_T: &str =
    r"(?m)[”\x22’]\s*\.?\s*[―—–-]\s*(\p{Lu}[\w.'’-]*(?:\s+\p{Lu}[\w.'’-]*){0,3})\.?[ \t]*$";

/// A year from 1800 to 2099.
pub const YEAR_T: &str = r"(?-u:\b)(?:1[89]\d\d|20\d\d)(?-u:\b)";

// ---- which tables each pattern takes ----

const SHARED: &[Part] = &[Part::Table("claims", "shared")];

/// The source-noun lists that the vague-subject pattern shares with the classifier.
pub const SOURCE_SLOTS: &[Part] = &[
    Part::List("weasel_groups", "sources", "weasel_groups"),
    Part::List("quantified_groups", "sources", "quantified_groups"),
];

/// The lists of the cue patterns ([`CUE_T`]), under their slot names.
pub const CUE_SLOTS: &[Part] = &[
    Part::List("according_to", "cues", "according"),
    Part::List("passive_by", "cues", "passive_by"),
    Part::List("statement_mods", "cues", "statement_mods"),
    Part::List("study_nouns", "cues", "study_nouns"),
    Part::List("study_dets", "cues", "study_dets"),
    Part::List("statement_nouns", "cues", "statements"),
    Part::List("venue_phrases", "cues", "venues"),
    Part::List("act_phrases", "cues", "phrases"),
    Part::List("saying_verbs", "cues", "verbs"),
];

macro_rules! recipe {
    ($name:literal, $shape:ident, [$($t:expr),+], [$($tab:expr),*]) => {
        Recipe { name: $name, templates: &[$($t),+], shape: Shape::$shape, tables: &[$($tab),*] }
    };
}

/// Every pattern of the attribution rules, with the tables its slots are filled from: what
/// `build.rs` compiles ahead of time. A pattern missing here, or built at run time from other
/// tables, is still correct (compiled when first used), only slower; the test
/// `every_attribution_pattern_has_its_automaton` catches that.
pub static RECIPES: &[Recipe] = &[
    recipe!(
        "casualty",
        Gated,
        [CASUALTY_T],
        [&[Part::Table("claims", "casualty")], SHARED]
    ),
    recipe!(
        "damage",
        Gated,
        [DAMAGE_T],
        [&[Part::Table("claims", "damage")], SHARED]
    ),
    recipe!(
        "crowd",
        Gated,
        [CROWD_T],
        [&[Part::Table("claims", "crowd")], SHARED]
    ),
    recipe!(
        "statistic",
        Gated,
        [STATISTIC_T],
        [&[Part::Table("claims", "statistic")], SHARED]
    ),
    recipe!(
        "prediction",
        Gated,
        [PREDICTION_T],
        [&[Part::Table("claims", "prediction")], SHARED]
    ),
    recipe!(
        "territory",
        Gated,
        [TERRITORY_T],
        [&[Part::Table("claims", "territory")], SHARED]
    ),
    recipe!(
        "accusation",
        Gated,
        [ACCUSATION_T],
        [&[Part::Table("claims", "accusation")], SHARED]
    ),
    recipe!(
        "intention",
        Gated,
        [INTENTION_T],
        [&[Part::Table("claims", "intention")], SHARED]
    ),
    recipe!(
        "characterisation",
        Gated,
        [CHARACTERISATION_T],
        [&[Part::Table("claims", "characterisation")], SHARED]
    ),
    recipe!(
        "conflict",
        Whole,
        [CONFLICT_T],
        [&[Part::Table("claims", "territory")], SHARED]
    ),
    recipe!(
        "counted_units",
        Whole,
        [COUNTED_UNITS_T],
        [&[Part::Table("claims", "territory")], SHARED]
    ),
    recipe!(
        "market",
        Whole,
        [MARKET_T],
        [&[Part::Table("claims", "public_record")], SHARED]
    ),
    recipe!(
        "court",
        Whole,
        [COURT_T],
        [&[Part::Table("claims", "public_record")], SHARED]
    ),
    recipe!(
        "conditional",
        Whole,
        [CONDITIONAL_T],
        [&[Part::Table("claims", "public_record")], SHARED]
    ),
    recipe!(
        "label_frame",
        Whole,
        [LABEL_FRAME_T],
        [&[Part::Table("claims", "characterisation")], SHARED]
    ),
    recipe!(
        "vague_passive",
        Gated,
        [VAGUE_PASSIVE_T],
        [&[Part::Table("vague", "passive")], SOURCE_SLOTS]
    ),
    recipe!(
        "vague_widely",
        Gated,
        [VAGUE_WIDELY_T],
        [&[Part::Table("vague", "widely")], SOURCE_SLOTS]
    ),
    recipe!(
        "vague_it",
        Gated,
        [VAGUE_IT_T],
        [&[Part::Table("vague", "it")], SOURCE_SLOTS]
    ),
    recipe!(
        "vague_adverb",
        Gated,
        [VAGUE_ADVERB_T],
        [&[Part::Table("vague", "adverbs")], SOURCE_SLOTS]
    ),
    recipe!(
        "vague_subject",
        Gated,
        [VAGUE_SUBJECT_T],
        [&[Part::Table("vague", "subject")], SOURCE_SLOTS]
    ),
    recipe!(
        "vague_quant",
        Gated,
        [VAGUE_QUANT_T],
        [&[Part::Table("vague", "quant")], SOURCE_SLOTS]
    ),
    recipe!(
        "vague_docs",
        Gated,
        [VAGUE_DOCS_T],
        [&[Part::Table("vague", "docs")], SOURCE_SLOTS]
    ),
    recipe!(
        "title_lead",
        Whole,
        [TITLE_LEAD_T],
        [&[Part::Table("vague", "title_lead")]]
    ),
    recipe!(
        "cue",
        Whole,
        [CUE_T[0], CUE_T[1], CUE_T[2], CUE_T[3]],
        [CUE_SLOTS]
    ),
    recipe!(
        "reason",
        Whole,
        [REASON_T],
        [&[Part::Table("cues", "anonymity")]]
    ),
    recipe!(
        "reported_charge",
        Whole,
        [REPORTED_CHARGE_T],
        [&[Part::Table("claims", "accusation")]]
    ),
    recipe!(
        "owned_document",
        Whole,
        [OWNED_DOCUMENT_T],
        [&[
            Part::List("document_owners", "cues", "document_owners"),
            Part::List("owned_documents", "cues", "owned_documents")
        ]]
    ),
    recipe!(
        "mention_lead",
        Whole,
        [MENTION_LEAD_T],
        [&[Part::List("mention_leads", "cues", "mention_leads")]]
    ),
    recipe!("signed_line", Whole, [SIGNED_LINE_T], []),
    recipe!("year", Whole, [YEAR_T], []),
];
