//! The JSON report of `copydesk check --format json`: a public contract (the evaluation reads it).
//! Extend it with new keys; never rename or remove one.

use super::Checked;
use crate::finding::Finding;
use crate::position::{Encoding, LineIndex};
use serde_json::{json, Value};

/// One JSON object, `{"version": 1, "files": [...]}`, built a file at a time (compact: reports
/// on large batches run to megabytes, and every reader parses compact JSON).
pub(crate) fn report(checked: &[Checked]) -> String {
    let mut s = String::from("{\"version\":1,\"files\":[");
    for (i, c) in checked.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&file(c).to_string());
    }
    s.push_str("]}\n");
    s
}

/// `--format jsonl`: one line per story, each the same object as an entry of `files` in the JSON
/// report (for archives: `grep`, `split`, Spark and GNU parallel all work a line at a time).
pub(crate) fn lines(checked: &[Checked]) -> String {
    let mut s = String::new();
    for c in checked {
        s.push_str(&file(c).to_string());
        s.push('\n');
    }
    s
}

fn file(c: &Checked) -> Value {
    let index = LineIndex::new(&c.text);
    json!({
        "path": c.path,
        "dateline": c.analysis.dateline.map(|d| d.date.to_string()),
        "findings": c.analysis.findings.iter().map(|f| finding(c, &index, f)).collect::<Vec<_>>(),
        "dates": c.analysis.dates.iter().map(|d| json!({
            "byte_start": d.span.start,
            "byte_end": d.span.end,
            "text": &c.text[d.span.range()],
            "resolved": d.resolved.map(|r| r.to_string()),
            "relative": d.relative,
            "quoted": d.quoted,
        })).collect::<Vec<_>>(),
        "sources": c.analysis.sources.iter().map(|s| json!({
            "name": s.name,
            "kind": s.kind,
            "mentions": s.mentions.iter().map(|m| json!({"byte_start": m.start, "byte_end": m.end})).collect::<Vec<_>>(),
            "covers": s.covers.iter().map(|m| json!({"byte_start": m.start, "byte_end": m.end})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn finding(c: &Checked, index: &LineIndex, f: &Finding) -> Value {
    let start = index.position(&c.text, f.span.start, Encoding::Utf16);
    let end = index.position(&c.text, f.span.end, Encoding::Utf16);
    json!({
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "text": &c.text[f.span.range()],
        "byte_start": f.span.start,
        "byte_end": f.span.end,
        "start": start,
        "end": end,
        "fixes": f.fixes.iter().map(|x| json!({
            "title": x.title,
            "safety": x.safety,
            "preferred": x.preferred,
            "edits": x.edits.iter().map(|e| json!({
                "byte_start": e.span.start,
                "byte_end": e.span.end,
                "new_text": e.new_text,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
