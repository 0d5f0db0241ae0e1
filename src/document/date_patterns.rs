// The date patterns of the dateline reader (`document::dateline`) and the date recogniser
// (`rules::dates::recognise`) as text: pure functions of the word alternations they are made from
// (`crate::vocab::alternation` of `data/dates/*.toml` lists), in a file of their own so that
// `build.rs` can include it (with `include!`: hence line comments here, not `//!`) and compile
// their automata at build time (see `crate::narrow`).

/// `date 2024-05-01` at the very start of a line.
pub const DATE_LINE: &str = r"^[Dd]ate[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*";

/// A wire dateline ("OSLO, March 3 (Reuters) -"); `months`: the month names and short forms.
pub fn wire(months: &str) -> String {
    format!(
        r"^(?:[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*)*)(?:, (?:(?P<m1>{months})\.? (?P<d1>\d{{1,2}})|[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)*(?:, (?P<m2>{months})\.? (?P<d2>\d{{1,2}}))?))?(?: \((?P<agency>[A-Z][A-Za-z .\-]{{0,30}})\))? ?[—–-]{{1,2}} ?"
    )
}

/// A `Date:` header line; `months`: the month names and short forms.
pub fn header(months: &str) -> String {
    format!(
        r"(?m)^Date:[ \t]*(?:(\d{{4}}-\d{{2}}-\d{{2}})|(?:[A-Z][a-z]+day,? )?({months})\.? (\d{{1,2}}),? (\d{{4}})|(\d{{1,2}}) ({months}) (\d{{4}}))[^\n]*\n?"
    )
}

/// Every date expression the recogniser reads, one named group per kind.
pub fn atom(
    month_names: &str,
    month_abbr: &str,
    weekday: &str,
    weekday_abbr: &str,
    modifiers: &str,
    parts: &str,
    days: &str,
) -> String {
    let month = format!(r"(?:{month_names}(?-u:\b)|{month_abbr}(?-u:\b)\.?)");
    format!(
        r"(?-u:\b)(?:(?P<iso>(?P<iy>[12][0-9]{{3}})-(?P<im>[01][0-9])-(?P<id>[0-3][0-9]))(?-u:\b)|(?P<md>(?P<m1>{month})[ \x{{a0}}](?P<d1>[0-9]{{1,2}})(?P<o1>st|nd|rd|th)?(?-u:\b)(?P<r1>[-–][0-9]{{1,2}}(?-u:\b))?(?:,?[ \x{{a0}}](?P<y1>[12][0-9]{{3}})(?-u:\b))?)|(?P<dm>(?:[Tt]he )?(?P<d2>[0-9]{{1,2}})(?P<o2>st|nd|rd|th)?(?P<r2>[-–][0-9]{{1,2}})?(?: of)?[ \x{{a0}}](?P<m2>{month})(?:,?[ \x{{a0}}](?P<y2>[12][0-9]{{3}})(?-u:\b))?)|(?P<wd>(?:(?P<mod>(?i:{modifiers})) )?(?P<w>{weekday}(?-u:\b)|{weekday_abbr}\.)(?: (?P<tod>{parts})(?-u:\b))?)|(?P<rel>(?i:{days}))(?-u:\b)|(?P<sl>(?P<sa>[0-9]{{1,2}})/(?P<sb>[0-9]{{1,2}})/(?P<sy>[0-9]{{4}}|[0-9]{{2}}))(?-u:\b)|(?P<mo>{month_abbr}\.)|(?P<ord>[Tt]he (?P<od>[0-9]{{1,2}})(?:st|nd|rd|th))(?-u:\b))"
    )
}
