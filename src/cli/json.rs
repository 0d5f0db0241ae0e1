//! The JSON report of `copydesk check --format json`: a public contract (the evaluation reads it).
//! Extend it with new keys; never rename or remove one.
//!
//! Typed structs written straight to the output as a stream: no `serde_json::Value` tree, no
//! whole report in memory (a 1 MB story with 50,000 findings used to peak at 800 MB). Keys come
//! out in alphabetical order, as the report has always written them: keep each struct's fields
//! sorted.

use super::Checked;
use crate::document::Document;
use crate::engine::suppress::IgnoreFixes;
use crate::finding::{Edit, Finding, Fix, Safety, Severity, Span};
use crate::position::{Encoding, LineIndex};
use crate::report::{DateMention, Source, SourceKind};
use serde::ser::Serializer;
use serde::Serialize;
use std::borrow::Cow;
use std::cell::RefCell;
use std::io::Write;

/// One JSON object, `{"version": 1, "files": [...]}`, written a file at a time (compact: reports
/// on large batches run to megabytes, and every reader parses compact JSON), then a newline.
pub(crate) fn write(checked: &[Checked], out: &mut impl Write) -> std::io::Result<()> {
    out.write_all(b"{\"version\":1,\"files\":[")?;
    for (i, c) in checked.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write_file(c, out)?;
    }
    out.write_all(b"]}\n")
}

/// `--format jsonl`: one line per story, each the same object as an entry of `files` in the JSON
/// report (for archives: `grep`, `split`, Spark and GNU parallel all work a line at a time).
pub(crate) fn write_lines(checked: &[Checked], out: &mut impl Write) -> std::io::Result<()> {
    for c in checked {
        write_file(c, out)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One story's object. For a lean analysis the story is parsed again and each finding's
/// "ignore here" fix is made as the finding is written: the same bytes, without holding every
/// such fix at once.
fn write_file(c: &Checked, out: &mut impl Write) -> std::io::Result<()> {
    let index = LineIndex::new(&c.text);
    let doc = c
        .lean
        .map(|(format, dateline)| Document::parse(&c.text, format, dateline));
    let ignore = doc.as_ref().map(|d| RefCell::new(IgnoreFixes::new(d)));
    serde_json::to_writer(&mut *out, &file(c, &index, ignore.as_ref()))?;
    Ok(())
}

/// The report as a string (tests).
#[cfg(test)]
pub(crate) fn report(checked: &[Checked]) -> String {
    let mut out = Vec::new();
    write(checked, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Serializes the items of an iterator as a JSON array without collecting them.
struct Seq<F>(F);

impl<I, F> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct JsonFile<'a, D, F, S> {
    dateline: Option<String>,
    dates: D,
    /// Families whose checks failed on this story (an internal error): their findings are
    /// missing. Written only when there are any, so reports of healthy runs are unchanged.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    failed: Vec<&'static str>,
    findings: F,
    path: &'a str,
    sources: S,
}

type Ignore<'a, 'd, 't> = Option<&'a RefCell<IgnoreFixes<'d, 't>>>;

fn file<'a, 'd, 't>(
    c: &'a Checked,
    index: &'a LineIndex,
    ignore: Ignore<'a, 'd, 't>,
) -> impl Serialize + use<'a, 'd, 't> {
    JsonFile {
        dateline: c.analysis.dateline.map(|d| d.date.to_string()),
        dates: Seq(move || c.analysis.dates.iter().map(move |d| date(c, d))),
        failed: c.analysis.failed.iter().map(|f| f.as_str()).collect(),
        findings: Seq(move || {
            c.analysis
                .findings
                .iter()
                .map(move |f| finding(c, index, f, ignore))
        }),
        path: &c.path,
        sources: Seq(move || c.analysis.sources.iter().map(source)),
    }
}

#[derive(Serialize)]
struct JsonDate<'a> {
    byte_end: usize,
    byte_start: usize,
    quoted: bool,
    relative: bool,
    resolved: Option<String>,
    text: &'a str,
}

fn date<'a>(c: &'a Checked, d: &DateMention) -> JsonDate<'a> {
    JsonDate {
        byte_end: d.span.end,
        byte_start: d.span.start,
        quoted: d.quoted,
        relative: d.relative,
        resolved: d.resolved.map(|r| r.to_string()),
        text: &c.text[d.span.range()],
    }
}

#[derive(Serialize)]
struct JsonRange {
    byte_end: usize,
    byte_start: usize,
}

fn range(s: &Span) -> JsonRange {
    JsonRange {
        byte_end: s.end,
        byte_start: s.start,
    }
}

#[derive(Serialize)]
struct JsonSource<'a, C, M> {
    covers: C,
    kind: SourceKind,
    mentions: M,
    name: &'a str,
}

fn source(s: &Source) -> impl Serialize + '_ {
    JsonSource {
        covers: Seq(move || s.covers.iter().map(range)),
        kind: s.kind,
        mentions: Seq(move || s.mentions.iter().map(range)),
        name: &s.name,
    }
}

#[derive(Serialize)]
struct JsonPosition {
    character: u32,
    line: u32,
}

#[derive(Serialize)]
struct JsonFinding<'a, X> {
    byte_end: usize,
    byte_start: usize,
    end: JsonPosition,
    fixes: X,
    message: &'a str,
    rule: &'a str,
    severity: Severity,
    start: JsonPosition,
    text: &'a str,
}

fn finding<'a, 'd, 't>(
    c: &'a Checked,
    index: &'a LineIndex,
    f: &'a Finding,
    ignore: Ignore<'a, 'd, 't>,
) -> impl Serialize + use<'a, 'd, 't> {
    let pos = |offset| {
        let p = index.position(&c.text, offset, Encoding::Utf16);
        JsonPosition {
            character: p.character,
            line: p.line,
        }
    };
    JsonFinding {
        byte_end: f.span.end,
        byte_start: f.span.start,
        end: pos(f.span.end),
        fixes: Seq(move || {
            let later = ignore.and_then(|i| i.borrow_mut().fix_for(f));
            f.fixes
                .iter()
                .map(Cow::Borrowed)
                .chain(later.map(Cow::Owned))
                .map(FixOut)
        }),
        message: &f.message,
        rule: f.rule,
        severity: f.severity,
        start: pos(f.span.start),
        text: &c.text[f.span.range()],
    }
}

#[derive(Serialize)]
struct JsonFix<'a, E> {
    edits: E,
    preferred: bool,
    safety: Safety,
    title: &'a str,
}

/// A fix as the report writes it: one the analysis made, or one made while writing.
struct FixOut<'a>(Cow<'a, Fix>);

impl Serialize for FixOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x: &Fix = &self.0;
        JsonFix {
            edits: Seq(move || x.edits.iter().map(edit)),
            preferred: x.preferred,
            safety: x.safety,
            title: &x.title,
        }
        .serialize(s)
    }
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    byte_end: usize,
    byte_start: usize,
    new_text: &'a str,
}

fn edit(e: &Edit) -> JsonEdit<'_> {
    JsonEdit {
        byte_end: e.span.end,
        byte_start: e.span.start,
        new_text: &e.new_text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    /// The typed report writes what the `serde_json::Value` report wrote, byte for byte: same
    /// keys, same (alphabetical) order, same values.
    #[test]
    fn same_bytes_as_a_value_tree() {
        let text = "---\ndate: 2025-03-12\n---\n\n# Floods\n\nThe governor slammed critics on Tuesday, officials said. A TK here.\n\n“We are safe,” said Ines Calder. One source said 🎉 the regime had fled.\n";
        let checked = vec![Checked {
            path: "a\"b.md".into(),
            text: text.into(),
            analysis: crate::analyze(text, &Config::default()),
            lean: None,
        }];
        assert!(!checked[0].analysis.findings.is_empty());
        let typed = report(&checked);
        let value: serde_json::Value = serde_json::from_str(&typed).expect("valid JSON");
        // serde_json's Value sorts keys (no preserve_order): re-serializing a file's object is
        // what the old code wrote for it, inside the same hand-written envelope.
        let old = format!(
            "{{\"version\":1,\"files\":[{}]}}\n",
            serde_json::to_string(&value["files"][0]).unwrap()
        );
        assert_eq!(typed, old);
        let f = &value["files"][0];
        for key in ["dateline", "dates", "findings", "path", "sources"] {
            assert!(f.get(key).is_some(), "{key}");
        }
        assert!(
            f.get("failed").is_none(),
            "no failed key when every check ran"
        );
        let finding = &f["findings"][0];
        for key in [
            "byte_end",
            "byte_start",
            "end",
            "fixes",
            "message",
            "rule",
            "severity",
            "start",
            "text",
        ] {
            assert!(finding.get(key).is_some(), "{key}");
        }
    }

    /// A lean analysis, its "ignore here" fixes made while writing, gives the report a full
    /// analysis gives, byte for byte: in Markdown containers (lists, quotes, tables, bold
    /// openings, front matter), in plain text, and with a dateline from the configuration.
    #[test]
    fn lean_reports_are_the_same_bytes() {
        let markdown = "---\ndate: 2025-03-12\n---\n\n# Floods\n\nThe governor slammed critics on Tuesday, officials said. A TK here.\n\n- One source said the regime had fled.\n- TK and TK again, in **bold** TK.\n  - A nested terrorist claim yesterday.\n\n> “We are safe,” said Ines Calder. TK.\n> The junta slammed it.\n\n| a | b |\n|---|---|\n| TK | the regime slammed it |\n\n**The regime** admitted TK losses last Monday.\r\nMany analysts believe it.\r\n\r\n<!-- copydesk-ignore style/tk-placeholder -->\nNo TK here.\n";
        let plain = "MARROW — The regime slammed TK rebels yesterday.\r\rOne source said the militants fled on Tuesday.\n\nMany analysts believe the shocking junta seized TK towns.\n[copydesk-ignore wording]\nThe terrorists admitted TK losses.\n";
        let mut config = Config::default();
        for (path, text) in [("a.md", markdown), ("b.txt", plain)] {
            for dateline in [None, Some(jiff::civil::date(2025, 3, 14))] {
                config.dateline = dateline;
                let format = crate::document::Format::from_path(path);
                let full = vec![Checked {
                    path: path.into(),
                    text: text.into(),
                    analysis: crate::analyze_as(text, format, &config),
                    lean: None,
                }];
                let lean = vec![Checked {
                    path: path.into(),
                    text: text.into(),
                    analysis: crate::engine::analyze_lean(text, format, &config),
                    lean: Some((format, config.dateline)),
                }];
                assert!(full[0].analysis.findings.len() > 5, "{path}");
                assert!(lean[0]
                    .analysis
                    .findings
                    .iter()
                    .all(|f| f.fixes.iter().all(|x| !x.title.starts_with("Ignore "))));
                assert_eq!(report(&lean), report(&full), "{path} {dateline:?}");
                let mut a = Vec::new();
                let mut b = Vec::new();
                write_lines(&lean, &mut a).unwrap();
                write_lines(&full, &mut b).unwrap();
                assert_eq!(a, b);
            }
        }
    }

    /// A family that failed on a story is named in its entry, so a pipeline can tell missing
    /// findings from clean copy.
    #[test]
    fn a_failed_family_is_reported() {
        let text = "The governor slammed critics on Tuesday.\n";
        let mut analysis = crate::analyze(text, &Config::default());
        analysis.failed.push(crate::rule::Family::Attribution);
        let checked = vec![Checked {
            path: "a.md".into(),
            text: text.into(),
            analysis,
            lean: None,
        }];
        let value: serde_json::Value = serde_json::from_str(&report(&checked)).expect("JSON");
        assert_eq!(
            value["files"][0]["failed"],
            serde_json::json!(["attribution"])
        );
    }
}
