//! `copydesk sources FILE`: the source audit: who the story quotes or cites, how well each is
//! identified, and which sentences each covers; the same data the outline and code lens show.

use super::{print_out, Checked, OutputFormat, UsageError};
use crate::document::Format;
use crate::engine::analyze_as;
use crate::finding::Span;
use crate::position::{Encoding, LineIndex};
use crate::report::SourceKind;
use crate::rules::attribution::AuditCounts;
use serde_json::{json, Value};
use std::process::ExitCode;

pub(super) fn run(
    inputs: Vec<(String, String, crate::config::Config)>,
    format: OutputFormat,
) -> Result<ExitCode, UsageError> {
    let checked: Vec<Checked> = inputs
        .into_iter()
        .map(|(path, text, config)| {
            let analysis = analyze_as(&text, Format::from_path(&path), &config);
            Checked {
                path,
                text,
                analysis,
                lean: None,
            }
        })
        .collect();
    let out = match format {
        OutputFormat::Json => json_report(&checked),
        OutputFormat::Jsonl => checked
            .iter()
            .map(|c| format!("{}\n", file_json(c)))
            .collect(),
        OutputFormat::Sarif => {
            return Err(UsageError(
                "`--format sarif` reports findings: use it with `copydesk check`".into(),
            ))
        }
        OutputFormat::Human => human(&checked),
    };
    print_out(&out)
}

fn kind_str(k: SourceKind) -> &'static str {
    match k {
        SourceKind::Named => "named",
        SourceKind::Described => "described",
        SourceKind::Anonymous => "anonymous",
    }
}

fn one_line(s: &str, max: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() > max {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

fn human(checked: &[Checked]) -> String {
    let mut out = String::new();
    for c in checked {
        let index = LineIndex::new(&c.text);
        out.push_str(&format!("{}\n", c.path));
        let sources = &c.analysis.sources;
        if sources.is_empty() {
            out.push_str("  (no sources cited)\n");
        } else {
            out.push_str(&format!(
                "  {:<10} {:<40} {:>5} {:>9}  {}\n",
                "kind", "source", "cited", "sentences", "first at"
            ));
            for s in sources {
                let first = s
                    .mentions
                    .first()
                    .map(|m| index.position(&c.text, m.start, Encoding::Utf16));
                let at = first.map_or(String::new(), |p| {
                    format!("{}:{}", p.line + 1, p.character + 1)
                });
                out.push_str(&format!(
                    "  {:<10} {:<40} {:>5} {:>9}  {}\n",
                    kind_str(s.kind),
                    one_line(&s.name, 40),
                    s.mentions.len(),
                    s.covers.len(),
                    at
                ));
            }
        }
        let counts = AuditCounts::of(sources, &c.analysis.findings);
        out.push_str(&format!("  {}\n", counts.summary()));
        for f in c.analysis.findings.iter().filter(|f| {
            f.rule == "attribution/unattributed-claim" || f.rule == "attribution/unattributed-quote"
        }) {
            let p = index.position(&c.text, f.span.start, Encoding::Utf16);
            out.push_str(&format!(
                "  unsourced {}:{}  {}\n",
                p.line + 1,
                p.character + 1,
                one_line(&c.text[f.span.range()], 70)
            ));
        }
    }
    out
}

fn span_json(c: &Checked, index: &LineIndex, s: Span) -> Value {
    let p = index.position(&c.text, s.start, Encoding::Utf16);
    json!({ "byte_start": s.start, "byte_end": s.end, "line": p.line, "character": p.character, "text": &c.text[s.range()] })
}

fn file_json(c: &Checked) -> Value {
    let index = LineIndex::new(&c.text);
    let counts = AuditCounts::of(&c.analysis.sources, &c.analysis.findings);
    json!({
        "path": c.path,
        "summary": counts.summary(),
        "counts": counts,
        "sources": c.analysis.sources.iter().map(|s| json!({
            "name": s.name,
            "kind": kind_str(s.kind),
            "mentions": s.mentions.iter().map(|m| span_json(c, &index, *m)).collect::<Vec<_>>(),
            "covers": s.covers.iter().map(|m| span_json(c, &index, *m)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "unsourced": c.analysis.findings.iter()
            .filter(|f| f.rule == "attribution/unattributed-claim" || f.rule == "attribution/unattributed-quote")
            .map(|f| { let mut v = span_json(c, &index, f.span); v["rule"] = json!(f.rule); v })
            .collect::<Vec<_>>(),
    })
}

fn json_report(checked: &[Checked]) -> String {
    let files: Vec<Value> = checked.iter().map(file_json).collect();
    let mut s =
        serde_json::to_string_pretty(&json!({ "version": 1, "files": files })).unwrap_or_default();
    s.push('\n');
    s
}
