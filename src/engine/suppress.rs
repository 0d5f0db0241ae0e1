//! In-copy suppression: a writer silences one finding in place, without it reaching print.
//! The directives themselves are parsed by `crate::document::directives`.
//!
//! Markdown, an HTML comment on a line of its own (never rendered):
//!
//! ```text
//! <!-- copydesk-ignore attribution/unattributed-claim -->
//! The ministry has lost control of three provinces.
//!
//! <!-- copydesk-disable wording -->
//! ... paragraphs quoted from a statement ...
//! <!-- copydesk-enable wording -->
//! ```
//!
//! Plain text, a bracketed editor's note on a line of its own, which `copydesk strip` removes
//! before the copy is filed: `[copydesk-ignore dates]`, `[copydesk-disable]` ... `[copydesk-enable]`.
//! Both spellings are honoured in both formats.
//!
//! A directive names rule ids (`wording/intensifier`), families (`wording`), several of them
//! (separated by spaces or commas), or nothing, meaning every rule. `ignore` covers the next line
//! of copy and the rest of the block it opens: paragraph, heading, list item or table (a
//! finding is matched by where it starts);
//! `disable` runs to the matching `enable`, or to the end of the story. A directive that silences
//! nothing is reported as `style/unused-suppression`, so stale comments don't pile up.

use super::registry;
use crate::config::Config;
use crate::document::directives::{directives, Directive, Kind};
use crate::document::lines;
use crate::document::{Document, Format};
use crate::finding::{Edit, Finding, Fix, Safety, Span};
use crate::rule::Family;
use crate::rules::style::unused_suppression::UNUSED_SUPPRESSION;

/// The selectors of a directive that name no rule or family.
fn unknown(d: &Directive) -> Vec<&str> {
    d.selectors
        .iter()
        .map(String::as_str)
        .filter(|s| Family::parse(s).is_none() && registry::lookup(s).is_none())
        .collect()
}

/// The region one directive covers, as byte range of the text.
fn coverage(doc: &Document, all: &[Directive], i: usize) -> Option<Span> {
    let d = &all[i];
    let text = doc.text;
    match d.kind {
        Kind::Ignore => {
            // The next line that is copy: skip blank lines and stacked directives.
            let mut at = d.line.end;
            let mut next = all.iter().skip(i + 1).peekable();
            while at < text.len() {
                let end = lines::line_end(text, at);
                let after = lines::next_line(text, at);
                let is_directive = next.peek().is_some_and(|n| n.line.start == at);
                if is_directive {
                    next.next();
                } else if !text[at..end].trim().is_empty() {
                    return Some(Span::new(d.line.end, after.max(blocks_end(doc, at, end))));
                }
                at = after;
            }
            None
        }
        Kind::Disable => {
            // Closed by the first later `enable` naming the same rules, or a bare `enable`.
            let end = all[i + 1..]
                .iter()
                .find(|e| {
                    e.kind == Kind::Enable && (e.selectors.is_empty() || e.selectors == d.selectors)
                })
                .map_or(text.len(), |e| e.line.start);
            Some(Span::new(d.line.end, end))
        }
        Kind::Enable => None,
    }
}

/// The end of the blocks (paragraphs, headings, list items, tables) that open on the line
/// `at..end` or hold it: what an `ignore` before that line covers.
fn blocks_end(doc: &Document, at: usize, end: usize) -> usize {
    let first = doc.paragraphs.partition_point(|p| p.span.end <= at);
    let paragraphs = doc.paragraphs[first..]
        .iter()
        .take_while(|p| p.opens < end)
        .map(|p| p.span.end);
    let tables = doc
        .structure
        .tables
        .iter()
        .filter(|t| t.start >= at && t.start < end)
        .map(|t| t.end);
    paragraphs.chain(tables).fold(end, usize::max)
}

/// Drops the findings the copy suppresses, then reports the directives that suppressed nothing
/// (at the level the configuration gives `style/unused-suppression`).
pub fn apply(doc: &Document, config: &Config, findings: &mut Vec<Finding>) {
    let all = directives(doc.text, &doc.structure.code);
    let unknowns: Vec<Vec<&str>> = all.iter().map(unknown).collect();
    if all.is_empty() {
        return;
    }
    let covers: Vec<Option<Span>> = (0..all.len()).map(|i| coverage(doc, &all, i)).collect();
    let mut used = vec![false; all.len()];
    let silence = |f: &Finding, used: &mut Vec<bool>| {
        let mut hit = false;
        for (i, d) in all.iter().enumerate() {
            if let Some(c) = covers[i] {
                if (c.contains(f.span.start) || (f.span.is_empty() && f.span.start == c.end))
                    && is_effective(d, &unknowns[i])
                    && d.selects(f.rule)
                {
                    used[i] = true;
                    hit = true;
                }
            }
        }
        hit
    };
    findings.retain(|f| !silence(f, &mut used));

    let Some(level) = config.level_for(&UNUSED_SUPPRESSION) else {
        return;
    };
    let mut unused: Vec<(usize, Finding)> = Vec::new();
    for (i, d) in all.iter().enumerate() {
        let message = if !unknowns[i].is_empty() {
            let names = unknowns[i]
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", ");
            format!("copydesk has no rule or family {names}: this comment silences nothing for it. Check the name with `copydesk rules`.")
        } else if d.kind == Kind::Enable {
            let opened = all[..i].iter().any(|o| {
                o.kind == Kind::Disable && (d.selectors.is_empty() || o.selectors == d.selectors)
            });
            if opened {
                continue;
            }
            "This copydesk-enable has no copydesk-disable before it.".to_string()
        } else if used[i] {
            continue;
        } else {
            "This suppression silences nothing here any more: remove it, so it cannot hide the next real problem.".to_string()
        };
        let mut f = Finding::new(&UNUSED_SUPPRESSION, d.span, message).with_fix(
            Fix::new(
                "Remove this suppression comment",
                Safety::Safe,
                vec![Edit::replace(d.line, "")],
            )
            .preferred(),
        );
        if config.overrides(UNUSED_SUPPRESSION.id) {
            f.severity = level;
        }
        unused.push((i, f));
    }
    // A directive may itself silence another's unused-suppression report; it is then used.
    unused.retain(|(_, f)| !silence(f, &mut used));
    unused.retain(|(i, _)| !used[*i] || !unknowns[*i].is_empty());
    findings.extend(unused.into_iter().map(|(_, f)| f));
}

/// A directive whose every named rule is unknown silences nothing (not everything).
fn is_effective(d: &Directive, unknown: &[&str]) -> bool {
    d.selectors.is_empty() || unknown.len() < d.selectors.len()
}

/// The "ignore this finding here" fix: a comment (Markdown) or editor's note (plain text) on
/// its own line before the block where the finding starts. Safe, and never the preferred fix.
pub fn ignore_fix(doc: &Document, finding: &Finding) -> Fix {
    ignore_fix_at(doc, finding.rule, finding.span.start)
}

/// [`ignore_fix`] for a rule at a byte offset of the document.
pub fn ignore_fix_at(doc: &Document, rule: &str, offset: usize) -> Fix {
    IgnoreLine::before(doc, ignore_anchor(doc, offset)).fix(doc.format, rule)
}

/// Where the block holding `offset` opens (a paragraph, heading, list item or table), so the
/// comment neither splits the block nor misses it; `offset` itself when it is in no block.
fn ignore_anchor(doc: &Document, offset: usize) -> usize {
    let text = doc.text;
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let anchor = match doc.paragraph_at(at) {
        Some((_, p)) => p.opens.min(at),
        None => doc
            .structure
            .tables
            .iter()
            .find(|t| t.contains(at))
            .map_or(at, |t| t.start),
    };
    // Never inside the front matter: a comment there would break it.
    anchor.max(doc.front_matter.as_ref().map_or(0, |f| f.span.end))
}

/// The line an "ignore here" comment goes before, the marks that put the comment in the same
/// container as that line (indentation, blockquote marks) and the line ending. Found once per
/// block, not once per finding (a one-line story has a single line a megabyte long).
struct IgnoreLine {
    start: usize,
    prefix: String,
    eol: &'static str,
}

impl IgnoreLine {
    fn before(doc: &Document, anchor: usize) -> IgnoreLine {
        let text = doc.text;
        let start = lines::line_start(text, anchor);
        let end = lines::line_end(text, start);
        let eol = match (lines::ending_at(text, end), doc.format) {
            ("", Format::Markdown) if lines::first_ending(text) == "\r" => "\n",
            ("", _) => lines::first_ending(text),
            // pulldown-cmark ends an HTML block only at a `\n`: after `-->\r` it would take
            // the lines that follow into the comment (and a renderer built on it would hide them).
            ("\r", Format::Markdown) => "\n",
            (e, _) => e,
        };
        IgnoreLine {
            start,
            prefix: container_prefix(doc, start, anchor.max(start)),
            eol,
        }
    }

    fn fix(&self, format: Format, rule: &str) -> Fix {
        let directive = match format {
            Format::Markdown => format!("<!-- copydesk-ignore {rule} -->"),
            Format::Plain => format!("[copydesk-ignore {rule}]"),
        };
        Fix::new(
            format!("Ignore {rule} here (adds a copydesk-ignore comment)"),
            Safety::Safe,
            vec![Edit::insert(
                self.start,
                format!("{}{directive}{}", self.prefix, self.eol),
            )],
        )
    }
}

/// What a comment line before the line at `start` (whose block opens at `opens`) must begin
/// with to stay in the same containers without starting any: the line's indentation and
/// blockquote marks up to its first list marker. A list item that is not its list's first
/// gets the comment indented into the item before it (at column 0 the comment would end the
/// list and start a new one after it).
fn container_prefix(doc: &Document, start: usize, opens: usize) -> String {
    let text = doc.text;
    let end = lines::line_end(text, start);
    let opens = opens.min(end);
    let content = end - text[opens..end].trim_start_matches([' ', '\t']).len();
    let items = &doc.structure.items;
    let k = items.partition_point(|i| i.marker < start);
    if let Some(item) = items.get(k).filter(|i| i.marker <= content) {
        let before = &text[start..item.marker];
        return match item.after {
            None => before.to_string(),
            Some(column) => {
                let base = before.trim_end_matches([' ', '\t']);
                let pad = column.saturating_sub(lines::column(base)).max(1);
                format!("{base}{}", " ".repeat(pad))
            }
        };
    }
    let head = &text[start..opens];
    head[..head.len() - head.trim_start_matches([' ', '\t', '>']).len()].to_string()
}

/// Gives every finding its "ignore here" fix, last among its fixes (the in-copy suppression is
/// offered on every finding, by the CLI's JSON and as an editor code action alike). Findings
/// about suppression comments themselves get none: their fix is to remove the comment.
pub fn add_ignore_fixes(doc: &Document, findings: &mut [Finding]) {
    let mut fixes = IgnoreFixes::new(doc);
    for f in findings.iter_mut() {
        if let Some(mut fix) = fixes.fix_for(f) {
            fix.title.shrink_to_fit();
            fix.edits[0].new_text.shrink_to_fit();
            f.fixes.reserve_exact(1);
            f.fixes.push(fix);
        }
    }
}

/// The "ignore here" fixes of findings asked for in order, made one at a time (the JSON report
/// of 50,000 findings writes each as it goes instead of holding them all).
pub struct IgnoreFixes<'d, 'a> {
    doc: &'d Document<'a>,
    /// Findings come sorted, so those of one paragraph are neighbours: find each line once.
    last: Option<(usize, IgnoreLine)>,
}

impl<'d, 'a> IgnoreFixes<'d, 'a> {
    pub fn new(doc: &'d Document<'a>) -> Self {
        IgnoreFixes { doc, last: None }
    }

    /// The fix [`add_ignore_fixes`] gives `f` (None for a finding about a suppression comment).
    pub fn fix_for(&mut self, f: &Finding) -> Option<Fix> {
        if f.rule == UNUSED_SUPPRESSION.id {
            return None;
        }
        let anchor = ignore_anchor(self.doc, f.span.start);
        let line = match self.last.take() {
            Some((a, line)) if a == anchor => line,
            _ => IgnoreLine::before(self.doc, anchor),
        };
        let fix = line.fix(self.doc.format, f.rule);
        self.last = Some((anchor, line));
        Some(fix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::directives::strip;
    use crate::finding::Severity;
    use crate::{analyze, analyze_as, Config};

    fn rules_in(text: &str, format: Format) -> Vec<&'static str> {
        analyze_as(text, format, &Config::default())
            .findings
            .iter()
            .map(|f| f.rule)
            .collect()
    }

    const TK: &str = "style/tk-placeholder";
    const UNUSED: &str = "style/unused-suppression";

    #[test]
    fn parses_both_spellings() {
        let t = "<!-- copydesk-ignore style/tk-placeholder, wording -->\n  [copydesk-disable]\r\n> <!--copydesk-enable STYLE-->\n<!-- copydesk-ignored -->\n[copydesk-ignore x] trailing\n";
        let d = directives(
            t,
            &Document::parse(t, Format::Markdown, None).structure.code,
        );
        assert_eq!(d.len(), 3, "{d:?}");
        assert_eq!(
            (d[0].kind, d[0].selectors.clone()),
            (Kind::Ignore, vec![TK.to_string(), "wording".to_string()])
        );
        let pair = "<!-- copydesk-disable wording, style -->\nA TK.\n<!-- copydesk-enable style wording -->\nB TK.\n";
        assert_eq!(
            rules_in(pair, Format::Markdown),
            [TK],
            "the enable closes the disable whatever the order"
        );
        assert_eq!(
            &t[d[0].span.range()],
            "<!-- copydesk-ignore style/tk-placeholder, wording -->"
        );
        assert_eq!((d[1].kind, d[1].selectors.len()), (Kind::Disable, 0));
        assert_eq!(&t[d[1].line.range()], "  [copydesk-disable]\r\n");
        assert_eq!(
            (d[2].kind, d[2].selectors.clone()),
            (Kind::Enable, vec!["style".to_string()])
        );
    }

    #[test]
    fn ignore_silences_the_next_paragraph_only() {
        let t = "Head of the story\n\n<!-- copydesk-ignore style/tk-placeholder -->\nThe fire destroyed TK homes,\nTK said.\n\nTK more.\n";
        let a = analyze(t, &Config::default());
        let tks: Vec<usize> = a
            .findings
            .iter()
            .filter(|f| f.rule == TK)
            .map(|f| f.span.start)
            .collect();
        assert_eq!(
            tks,
            [t.rfind("TK more").unwrap()],
            "the whole next paragraph is covered, the one after is not"
        );
        assert!(!a.findings.iter().any(|f| f.rule == UNUSED));
    }

    #[test]
    fn ignore_by_family_all_and_wrong_rule() {
        let body = "The fire destroyed TK homes.\n";
        assert!(rules_in(
            &format!("<!-- copydesk-ignore style -->\n{body}"),
            Format::Markdown
        )
        .is_empty());
        assert!(
            rules_in(
                &format!("<!-- copydesk-ignore -->\n\n{body}"),
                Format::Markdown
            )
            .is_empty(),
            "blank lines between are fine"
        );
        assert_eq!(
            rules_in(
                &format!("<!-- copydesk-ignore dates -->\n{body}"),
                Format::Markdown
            ),
            [UNUSED, TK]
        );
        let unknown = format!("<!-- copydesk-ignore style/tk-placehold -->\n{body}");
        let a = analyze(&unknown, &Config::default());
        assert_eq!(
            a.findings.iter().map(|f| f.rule).collect::<Vec<_>>(),
            [UNUSED, TK],
            "an unknown name silences nothing"
        );
        assert!(a.findings[0].message.contains("`style/tk-placehold`"));
    }

    #[test]
    fn disable_enable_pairs() {
        let t = "One TK.\n\n<!-- copydesk-disable style/tk-placeholder -->\nTwo TK.\n\nThree TK.\n<!-- copydesk-enable style/tk-placeholder -->\n\nFour TK.\n";
        let a = analyze(t, &Config::default());
        let lines: Vec<&str> = a
            .findings
            .iter()
            .map(|f| &t[t[..f.span.start].rfind('\n').map_or(0, |i| i + 1)..f.span.end])
            .collect();
        assert_eq!(lines, ["One TK", "Four TK"]);
        // Unclosed: to the end. A bare enable closes everything.
        assert_eq!(
            rules_in(
                "A TK.\n<!-- copydesk-disable -->\nB TK.\n\nC TK.\n",
                Format::Markdown
            ),
            [TK]
        );
        assert_eq!(
            rules_in(
                "<!-- copydesk-disable style -->\nB TK.\n<!-- copydesk-enable -->\nC TK.\n",
                Format::Markdown
            ),
            [TK]
        );
        // An enable with nothing to close is reported; so is a disable that silences nothing.
        assert_eq!(
            rules_in("<!-- copydesk-enable -->\nClean copy.\n", Format::Markdown),
            [UNUSED]
        );
        assert_eq!(
            rules_in(
                "<!-- copydesk-disable dates -->\nA TK.\n<!-- copydesk-enable dates -->\n",
                Format::Markdown
            ),
            [UNUSED, TK]
        );
    }

    #[test]
    fn plain_text_editors_notes() {
        let t = "Fire destroys homes\n\n[copydesk-ignore style/tk-placeholder]\nThe fire destroyed TK homes.\n\n[copydesk-disable style]\nTK again.\n[copydesk-enable style]\n\nAnd TK.\n";
        let a = analyze_as(t, Format::Plain, &Config::default());
        assert_eq!(
            a.findings
                .iter()
                .map(|f| (f.rule, f.span.start))
                .collect::<Vec<_>>(),
            [(TK, t.rfind("TK.").unwrap())]
        );
        // The notes are not copy: no rule reads them, and they form no paragraph.
        let doc = Document::parse(t, Format::Plain, None);
        assert!(!doc.prose.contains("copydesk"));
        assert!(doc
            .paragraphs
            .iter()
            .all(|p| !t[p.span.range()].starts_with('[')));
    }

    #[test]
    fn examples_in_fenced_code_are_not_directives() {
        let t = "How to silence one:\n\n```markdown\n<!-- copydesk-ignore wording -->\n[copydesk-disable]\n```\n\n~~~~\n<!-- copydesk-enable -->\n~~~\nstill code\n~~~~\n<!-- copydesk-ignore -->\nA TK.\n";
        let d = directives(
            t,
            &Document::parse(t, Format::Markdown, None).structure.code,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line.start, t.rfind("<!--").unwrap());
        assert!(analyze(t, &Config::default()).findings.is_empty());
        assert_eq!(
            strip(t, Format::Markdown),
            t.replace("<!-- copydesk-ignore -->\n", "")
        );
    }

    #[test]
    fn strip_removes_notes_and_comments_only() {
        let t = "Fire destroys homes\n\n[copydesk-ignore style]\nThe fire destroyed TK homes.\r\n  <!-- copydesk-disable -->\r\nMore [copydesk-ignore] inline stays.\n[copydesk-enable]";
        assert_eq!(strip(t, Format::Markdown), "Fire destroys homes\n\nThe fire destroyed TK homes.\r\nMore [copydesk-ignore] inline stays.\n");
        assert_eq!(strip("No notes.\n", Format::Markdown), "No notes.\n");
    }

    #[test]
    fn unused_suppression_obeys_config_and_can_itself_be_ignored() {
        let t = "<!-- copydesk-ignore wording -->\nClean copy.\n";
        let a = analyze(t, &Config::default());
        assert_eq!(a.findings.len(), 1);
        let f = &a.findings[0];
        assert_eq!((f.rule, f.severity), (UNUSED, Severity::Info));
        assert_eq!(f.fixes.len(), 1, "its fix removes it; no ignore-fix on it");
        assert_eq!(f.fixes[0].apply(t), "Clean copy.\n");
        let off = Config::from_toml("[rules]\n\"style/unused-suppression\" = \"off\"\n").unwrap();
        assert!(analyze(t, &off).findings.is_empty());
        let loud =
            Config::from_toml("[rules]\n\"style/unused-suppression\" = \"warning\"\n").unwrap();
        assert_eq!(analyze(t, &loud).findings[0].severity, Severity::Warning);
        let nested = "<!-- copydesk-ignore style/unused-suppression -->\n<!-- copydesk-ignore wording -->\nClean copy.\n";
        assert!(analyze(nested, &Config::default()).findings.is_empty());
    }

    #[test]
    fn suppression_of_a_rule_switched_off_is_unused() {
        let t = "<!-- copydesk-ignore style/tk-placeholder -->\nA TK.\n";
        let c = Config::from_toml("[rules]\n\"style/tk-placeholder\" = \"off\"\n").unwrap();
        assert_eq!(
            analyze(t, &c)
                .findings
                .iter()
                .map(|f| f.rule)
                .collect::<Vec<_>>(),
            [UNUSED]
        );
    }

    #[test]
    fn every_finding_offers_an_ignore_fix_that_works() {
        for (text, format) in [
            (
                "# Fire\n\nThe fire destroyed TK homes,\nand TK said so.\n",
                Format::Markdown,
            ),
            (
                "Fire destroys homes\n\nThe fire destroyed TK homes,\r\nand TK said so.\r\n",
                Format::Plain,
            ),
            ("- item one\n- item with TK\n", Format::Markdown),
            ("> Quoted block with TK in it.\n", Format::Markdown),
        ] {
            let a = analyze_as(text, format, &Config::default());
            assert!(!a.findings.is_empty(), "{text}");
            for f in &a.findings {
                let fix = f.fixes.last().unwrap();
                assert!(
                    fix.title.starts_with("Ignore ")
                        && fix.safety == Safety::Safe
                        && !fix.preferred,
                    "{fix:?}"
                );
                assert!(f
                    .fixes
                    .iter()
                    .all(|x| !x.title.starts_with("Ignore ") || !x.preferred));
                let fixed = fix.apply(text);
                let after = analyze_as(&fixed, format, &Config::default());
                assert!(
                    !after.findings.iter().any(|g| g.rule == f.rule
                        && fixed[g.span.range()] == text[f.span.range()]
                        && g.span.start == f.span.start + fix.edits[0].new_text.len()),
                    "{fixed}"
                );
                assert!(!after.findings.iter().any(|g| g.rule == UNUSED), "{fixed}");
                let expected_line = if format == Format::Markdown {
                    "<!-- copydesk-ignore style/tk-placeholder -->"
                } else {
                    "[copydesk-ignore style/tk-placeholder]"
                };
                assert!(fixed.contains(expected_line), "{fixed}");
            }
        }
        // The fix before a mid-paragraph line goes before the paragraph's first line.
        let t = "The fire destroyed homes,\nand TK said so.\n";
        let a = analyze(t, &Config::default());
        assert_eq!(a.findings[0].fixes.last().unwrap().apply(t), "<!-- copydesk-ignore style/tk-placeholder -->\nThe fire destroyed homes,\nand TK said so.\n");
        let t = "> Quoted block with TK in it.\n";
        assert_eq!(
            analyze(t, &Config::default()).findings[0]
                .fixes
                .last()
                .unwrap()
                .apply(t),
            "> <!-- copydesk-ignore style/tk-placeholder -->\n> Quoted block with TK in it.\n"
        );
    }

    /// The comment line lands where it keeps the Markdown structure and covers the whole block.
    #[test]
    fn ignore_fix_lands_inside_the_structure() {
        let c = "<!-- copydesk-ignore style/tk-placeholder -->";
        for (text, fixed) in [
            // Not the first item: indented into the item before, or the list would split.
            (
                "- The fire spread.\n- The fire destroyed\n  TK homes.\n",
                format!("- The fire spread.\n  {c}\n- The fire destroyed\n  TK homes.\n"),
            ),
            (
                "9. One.\n10. The fire destroyed\n    TK homes.\n",
                format!("9. One.\n   {c}\n10. The fire destroyed\n    TK homes.\n"),
            ),
            (
                "> - One.\n> - Two with TK.\n",
                format!("> - One.\n>   {c}\n> - Two with TK.\n"),
            ),
            // The first item: before the list, in its container.
            (
                "Intro.\n\n> - One TK.\n> - Two.\n",
                format!("Intro.\n\n> {c}\n> - One TK.\n> - Two.\n"),
            ),
            // An item's own text before a nested list is a block of its own.
            (
                "- One.\n- Two TK\n  - Nested.\n",
                format!("- One.\n  {c}\n- Two TK\n  - Nested.\n"),
            ),
            // Bold or a link first: the whole paragraph, from its first line.
            (
                "**Update:** The fire destroyed\nTK homes.\n",
                format!("{c}\n**Update:** The fire destroyed\nTK homes.\n"),
            ),
            // A lone `\r` is a line end; the comment's own ends in `\n`, as HTML blocks need.
            (
                "Fire.\r\rThe fire destroyed\rTK homes.\r\rMore.\r",
                format!("Fire.\r\r{c}\nThe fire destroyed\rTK homes.\r\rMore.\r"),
            ),
            // A table: before it, covering all of it.
            (
                "| Town | Homes |\n|---|---|\n| Hill | TK |\n",
                format!("{c}\n| Town | Homes |\n|---|---|\n| Hill | TK |\n"),
            ),
        ] {
            let a = analyze(text, &Config::default());
            let tk: Vec<&Finding> = a.findings.iter().filter(|f| f.rule == TK).collect();
            assert_eq!(tk.len(), 1, "{text:?}: {:?}", a.findings);
            let got = tk[0].fixes.last().unwrap().apply(text);
            assert_eq!(got, fixed, "{text:?}");
            assert!(
                rules_in(&got, Format::Markdown).is_empty(),
                "{got:?} still reports {:?}",
                rules_in(&got, Format::Markdown)
            );
        }
    }

    #[test]
    fn cr_only_comments_cover_one_paragraph() {
        let t = "<!-- copydesk-ignore style -->\rThe fire destroyed TK homes.\r\rTK more.\r";
        let a = analyze(t, &Config::default());
        assert_eq!(
            a.findings
                .iter()
                .map(|f| (f.rule, f.span.start))
                .collect::<Vec<_>>(),
            [(TK, t.rfind("TK more").unwrap())],
            "the comment covers its paragraph, not the story"
        );
    }

    #[test]
    fn ignore_fix_never_lands_in_front_matter() {
        let t = "---\ntitle: Fire\ndate: 2025-03-12\n---\nThe fire destroyed TK homes.\n";
        let doc = Document::parse(t, Format::Markdown, None);
        let f = Finding::new(&UNUSED_SUPPRESSION, Span::new(4, 9), "x");
        let fixed = ignore_fix(&doc, &f).apply(t);
        assert!(
            fixed.starts_with("---\ntitle: Fire\ndate: 2025-03-12\n---\n<!-- copydesk-ignore"),
            "{fixed}"
        );
    }

    #[test]
    fn never_panics_on_odd_offsets() {
        let t = "é TK\n";
        let doc = Document::parse(t, Format::Markdown, None);
        let fix = ignore_fix_at(&doc, TK, 1);
        assert_eq!(
            fix.apply(t),
            "<!-- copydesk-ignore style/tk-placeholder -->\né TK\n"
        );
        let doc = Document::parse(t, Format::Plain, None);
        let fix = ignore_fix_at(&doc, TK, 999);
        assert_eq!(fix.edits[0].span.start, t.len());
    }

    proptest::proptest! {
        #[test]
        fn no_panics_on_any_mix_of_directives(parts in proptest::collection::vec(proptest::sample::select(vec![
            "<!-- copydesk-ignore -->", "<!-- copydesk-disable style -->", "<!-- copydesk-enable -->", "[copydesk-ignore style/tk-placeholder]",
            "[copydesk-enable x]", "TK", "é", "“", "\n", "\r\n", "\n\n", "> ", "```", "  ", "word", "<!--", "]",
        ]), 0..40)) {
            let t: String = parts.concat();
            for format in [Format::Markdown, Format::Plain] {
                let a = analyze_as(&t, format, &Config::default());
                proptest::prop_assert!(a.failed.is_empty(), "a rule failed on {:?}", t);
                for f in &a.findings {
                    for fix in &f.fixes {
                        let _ = fix.apply(&t);
                    }
                }
                let _ = strip(&t, format);
            }
        }
    }
}
