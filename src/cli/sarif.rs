//! `copydesk check --format sarif`: SARIF 2.1.0 (OASIS), the format code-review tools read
//! (GitHub code scanning, GitLab, Azure DevOps, the SARIF viewer for VS Code).
//!
//! One run: the driver lists every rule (id, summary, explanation, default level, help), each
//! result points at its rule by id and index, with a 1-based region whose columns count UTF-16
//! code units (`columnKind`), the excerpt as snippet, and the finding's fixes as SARIF fixes.
//! Typed structs keep the shape checked by the compiler; `tests/cli_pipeline.rs` validates a
//! report against the 2.1.0 schema.

use super::Checked;
use crate::engine::registry;
use crate::finding::{Finding, Severity, Span};
use crate::position::{Encoding, LineIndex};
use crate::rule::Level;
use serde::Serialize;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
    enabled: bool,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A path as a SARIF artifact URI: a relative reference for a relative path (resolved against
/// the folder the check ran in), `file://` for an absolute one; reserved characters escaped.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

fn region(c: &Checked, index: &LineIndex, span: Span, snippet: bool) -> Region {
    let start = index.position(&c.text, span.start, Encoding::Utf16);
    let end = index.position(&c.text, span.end, Encoding::Utf16);
    Region {
        start_line: start.line + 1,
        start_column: start.character + 1,
        end_line: end.line + 1,
        end_column: end.character + 1,
        snippet: snippet.then(|| Text {
            text: c.text[span.range()].to_string(),
        }),
    }
}

fn result(c: &Checked, index: &LineIndex, f: &Finding, rule_index: Option<usize>) -> SarifResult {
    let artifact = ArtifactLocation { uri: uri(&c.path) };
    SarifResult {
        rule_id: f.rule,
        rule_index,
        level: level(f.severity),
        message: Text {
            text: f.message.clone(),
        },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact.clone(),
                region: region(c, index, f.span, true),
            },
        }],
        fixes: f
            .fixes
            .iter()
            .filter(|x| !x.edits.is_empty())
            .map(|x| SarifFix {
                description: Text {
                    text: x.title.clone(),
                },
                artifact_changes: vec![ArtifactChange {
                    artifact_location: artifact.clone(),
                    replacements: x
                        .edits
                        .iter()
                        .map(|e| Replacement {
                            deleted_region: region(c, index, e.span, false),
                            inserted_content: Text {
                                text: e.new_text.clone(),
                            },
                        })
                        .collect(),
                }],
            })
            .collect(),
    }
}

/// The SARIF log for every checked story, pretty-printed.
pub(crate) fn report(checked: &[Checked]) -> String {
    let rules: Vec<&crate::rule::Rule> = registry::rules().collect();
    let descriptors = rules
        .iter()
        .map(|r| ReportingDescriptor {
            id: r.id,
            name: r.name(),
            short_description: Text {
                text: r.summary.to_string(),
            },
            full_description: Text {
                text: r.explanation.to_string(),
            },
            help: Help {
                text: super::explain_text(r),
                markdown: format!(
                    "{}\n\n**Bad:** {}\n\n**Good:** {}\n\n*Basis:* {}",
                    r.explanation, r.bad, r.good, r.source
                ),
            },
            default_configuration: Configuration {
                level: match r.default_level {
                    Level::Off => "none",
                    Level::On(s) => level(s),
                },
                enabled: r.default_level != Level::Off,
            },
            properties: RuleProperties {
                tags: vec![r.family.as_str()],
            },
        })
        .collect();
    let mut results = Vec::new();
    for c in checked {
        let index = LineIndex::new(&c.text);
        for f in &c.analysis.findings {
            let rule_index = rules.iter().position(|r| r.id == f.rule);
            results.push(result(c, &index, f, rule_index));
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "copydesk",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: descriptors,
                },
            },
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("desk/a story.md"), "desk/a%20story.md");
        assert_eq!(uri("/srv/desk/ü.md"), "file:///srv/desk/%C3%BC.md");
    }
}
