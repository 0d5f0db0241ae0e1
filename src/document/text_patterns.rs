// The patterns of the document reader that are made from word lists (`document::genre`,
// `document::quotes`, `document::directives`) as text: pure functions of the alternations of
// `data/document/*.toml` lists (`crate::vocab::alternation`), in a file of their own so that
// `build.rs` can include it (with `include!`: hence line comments here, not `//!`) and compile
// their automata at build time (see `crate::narrow`), as `date_patterns.rs` does for dates.

/// A name word of a signature line.
const NAME: &str = r"[A-Z][\w'’.-]*";

/// A word of a contributor's name (initials and a bracketed nickname allowed, no possessive).
const PART: &str = r"(?:[A-Z][\w.-]*|\([A-Z][\w.-]*\))";

/// A capitalised word of a bare name: a capital, then a lower-case letter.
const WORD: &str = r"[A-Z][a-z'’][\w'’-]*";

/// The first-person words with each straight apostrophe also curly ("I'm", "I’m").
pub fn first_person_words(words: &[String]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| [w.clone(), w.replace('\'', "’")])
        .collect()
}

/// A paid-notice rubric opening a line; `rubrics`: the `paid_rubrics` alternation.
pub fn paid(rubrics: &str) -> String {
    format!(r"^\s*(?i:{rubrics})\s*(?:[:|–—-]|$)")
}

/// A review rubric, after up to three words ("DVD review:", "Film and TV review -");
/// `reviews`: the `review_rubrics` alternation.
pub fn review(reviews: &str) -> String {
    format!(r"^\s*(?:[\w’'&-]+\s+){{0,3}}?(?i:{reviews})\s*[:|–—-]")
}

/// A rating on a line of its own; `ratings`: the `rating_labels` alternation.
pub fn rating(ratings: &str) -> String {
    format!(r"^\s*(?:(?i:{ratings})\s*:\s*\S.{{0,40}}|[★☆✩✭]{{3,}}.{{0,20}})$")
}

/// A contributor note: a name of two to five words, perhaps an appositive between commas ("Ana
/// Ruiz, a member of our board of contributors,"; initials and ", Jr." may stand in it, no other
/// comma or full stop: "former aide to Governor (then-Mayor) Tom R. Lee, Jr.,"), then a link
/// ("is a") and a role within six words (initials among them: "is the Ana P. Ruiz Professor"),
/// or "is" and at most two capitalised words right before the role ("Mr. Lee is Director of the
/// institute", "is Senior Fellow at", "is editor emeritus of"); `links`, `roles`: the
/// `contributor_links` and `contributor_roles` alternations.
pub fn contributor(links: &str, roles: &str) -> String {
    format!(
        r"^\s*{PART}(?:\s+{PART}){{1,4}}(?:,(?:[^,.;]|\b[A-Z]\.|,\s*Jr\.){{3,120}}?,)?\s+(?:{links}\s+(?:[\w’'.-]+\s+){{0,5}}?|is\s+(?:[A-Z][\w-]*\s+){{0,2}})(?i:{roles})(?-u:\b)"
    )
}

/// A first-person word; `first_person`: the alternation of [`first_person_words`].
pub fn first_person(first_person: &str) -> String {
    format!(r"(?i)(?-u:\b){first_person}(?-u:\b)")
}

/// "I agree", "I do not agree", or a response; `agree`, `responses`: the `agreement` and
/// `responses` alternations.
pub fn answer(agree: &str, responses: &str) -> String {
    format!(
        r"(?-u:\b)I(?:\s+[a-z'’]+){{0,2}}\s+(?i:{agree})(?-u:\b)|(?i:(?-u:\b){responses}(?-u:\b))"
    )
}

/// A name and a place on a line of their own.
pub fn signature() -> String {
    format!(
        r"^\s*(?:[-–—]\s*)?{NAME}(?:\s+{NAME}){{1,3}},\s+{NAME}(?:\s+{NAME}){{0,2}}(?:,\s+{NAME}(?:\s+{NAME}){{0,2}})?\.?\s*$"
    )
}

/// A name alone as a paragraph.
pub fn bare_name() -> String {
    format!(r"^\s*(?:[-–—]\s*)?(?:{WORD}|[A-Z]\.)(?:\s+(?:{WORD}|[A-Z]\.))?\s+{WORD}\.?\s*$")
}

/// An embedded element with its content; `names`: the `elements` alternation of
/// `data/document/embeds.toml`.
pub fn embed(names: &str) -> String {
    format!(r"(?is)<(?:{names})\b[^>]*>.*?</(?:{names})\s*>")
}

/// A line closed by a colon that introduces a block quotation; `verbs`: the `block_intros`
/// alternation.
pub fn block_intro(verbs: &str) -> String {
    format!(
        r"(?i)(?:^\s*from\s+[^:\s][^:]{{0,60}}|(?-u:\b)(?:{verbs})(?-u:\b)(?:\s+[^\s:]+){{0,4}}):\s*$"
    )
}

/// A suppression directive on a line of its own. `R`: `^` and `$` take `\r`, `\n` and `\r\n` as
/// line ends, as Markdown does.
pub const DIRECTIVE: &str = r"(?mR)^[ \t>]*(<!--[ \t]*copydesk-(ignore|disable|enable)(?:[ \t]+([^\r\n]*?))?[ \t]*-->|\[copydesk-(ignore|disable|enable)(?:[ \t]+([^\]\r\n]*?))?[ \t]*\])[ \t]*$";
