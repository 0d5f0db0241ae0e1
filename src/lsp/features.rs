//! Requests over one analysed document: code actions, hover, inlay hints, the source outline
//! and the code lens. Pure functions of an [`Analyzed`] snapshot.

use super::convert::{self, diagnostic, range, text_edit};
use super::state::Analyzed;
use crate::finding::{Safety, Span};
use crate::position::Encoding;
use crate::report::SourceKind;
use std::collections::HashMap;
use tower_lsp::lsp_types::*;

pub const FIX_ALL_KIND: &str = "source.fixAll.copydesk";

/// A client-side command that saves the `copydesk.toml` an "Allow this word" action just edited,
/// so the change applies at once and no unsaved buffer is left behind. The Neovim config and the
/// VS Code extension define it; the server does not advertise it (VS Code would then register
/// it twice) and answers it with a no-op.
pub const SAVE_CONFIG_COMMAND: &str = "copydesk.saveConfig";

/// Run by the server: adds a word to `allow` in a copydesk.toml it creates (for editors that
/// cannot create a file through a workspace edit).
pub const ALLOW_WORD_COMMAND: &str = "copydesk.allowWord";

pub fn allow_word_command(config: &Url, word: &str) -> Command {
    Command {
        title: format!("Allow “{word}” in this project"),
        command: ALLOW_WORD_COMMAND.into(),
        arguments: Some(vec![
            serde_json::Value::String(config.to_string()),
            serde_json::Value::String(word.to_string()),
        ]),
    }
}

pub fn save_config_command(config: &Url) -> Command {
    Command {
        title: "Save copydesk.toml".into(),
        command: SAVE_CONFIG_COMMAND.into(),
        arguments: Some(vec![serde_json::Value::String(config.to_string())]),
    }
}

/// How to shape a workspace edit for this client.
#[derive(Clone, Copy)]
pub struct EditShape {
    pub document_changes: bool,
}

fn workspace_edit(
    uri: &Url,
    version: i32,
    edits: Vec<TextEdit>,
    shape: EditShape,
) -> WorkspaceEdit {
    if shape.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

fn wants(only: &Option<Vec<CodeActionKind>>, kind: &str) -> bool {
    match only {
        None => true,
        Some(list) => list.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.starts_with(&format!("{k}."))
        }),
    }
}

/// Quick fixes for the findings touching `req` (byte range), and `source.fixAll.copydesk`.
pub fn code_actions(
    a: &Analyzed,
    uri: &Url,
    req: Span,
    only: &Option<Vec<CodeActionKind>>,
    version: i32,
    enc: Encoding,
    shape: EditShape,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    if wants(only, "quickfix") {
        let found = findings_at(a, req);
        // A lean analysis's fixes left for later and its "ignore here" fixes, made now (they
        // come after the finding's own, as a full analysis has them).
        let later = a.fixes_later(&found);
        for (f, later) in found.into_iter().zip(&later) {
            // The first finding with a fix is the one under the cursor.
            let lead = out.is_empty();
            let diag = diagnostic(a, f, enc);
            // The house-preferred fix first, then the others as the rule lists them.
            let mut fixes: Vec<&crate::finding::Fix> = f.fixes.iter().chain(later).collect();
            fixes.sort_by_key(|x| !x.preferred);
            for fix in fixes {
                let edits = fix.edits.iter().map(|e| text_edit(a, e, enc)).collect();
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diag.clone()]),
                    edit: Some(workspace_edit(uri, version, edits, shape)),
                    // Only the fix for what is under the cursor is the one Enter applies.
                    is_preferred: (lead && fix.preferred).then_some(true),
                    ..Default::default()
                }));
            }
        }
    }
    // The fix-all action is offered only when asked for by kind (editors run it on save).
    if only.is_some() && wants(only, FIX_ALL_KIND) {
        let edits = fix_all_edits(a);
        if !edits.is_empty() {
            let edits = edits.iter().map(|e| text_edit(a, e, enc)).collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Apply all safe copydesk fixes".into(),
                kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                edit: Some(workspace_edit(uri, version, edits, shape)),
                ..Default::default()
            }));
        }
    }
    out
}

/// The findings touching `req` (byte range), the one the writer is pointing at first: those that
/// contain the whole range before those that only touch it, then the narrowest, then by
/// position. A cursor just after a finding still touches it.
pub fn findings_at(a: &Analyzed, req: Span) -> Vec<&crate::finding::Finding> {
    let mut hits: Vec<&crate::finding::Finding> = a
        .analysis
        .findings
        .iter()
        .filter(|f| f.span.start <= req.end && req.start <= f.span.end)
        .collect();
    hits.sort_by_key(|f| {
        let contains = f.span.start <= req.start && req.end <= f.span.end;
        (!contains, f.span.len(), f.span.start)
    });
    hits
}

/// True for the "ignore this finding here" fix every finding carries: never applied in bulk.
fn is_suppression(fix: &crate::finding::Fix) -> bool {
    fix.edits
        .iter()
        .any(|e| e.new_text.contains("copydesk-ignore"))
}

/// Every safe fix that does not overlap an earlier one (each fix taken whole or not at all), one
/// per finding (its preferred safe fix, else its first), suppression comments excepted.
pub fn fix_all_edits(a: &Analyzed) -> Vec<crate::finding::Edit> {
    bulk_edits(&a.findings_with_fixes(), a.text.len(), false)
}

/// The fixes a "fix all" applies to a text of `len` bytes: one per finding, safe ones (and, with
/// `unsafe_too`, unsafe ones; never a fix that leaves a TK to fill in, never an "ignore here"
/// note), its preferred one first, skipping any fix that overlaps one already taken.
/// `copydesk check --fix` uses the same choice as the editors' fix-all.
pub fn bulk_edits(
    findings: &[crate::finding::Finding],
    len: usize,
    unsafe_too: bool,
) -> Vec<crate::finding::Edit> {
    let ok = |x: &&crate::finding::Fix| {
        (x.safety == Safety::Safe || (unsafe_too && x.safety == Safety::Unsafe))
            && !is_suppression(x)
    };
    let mut fixes: Vec<&crate::finding::Fix> = findings
        .iter()
        .filter_map(|f| {
            f.fixes
                .iter()
                .filter(ok)
                .find(|x| x.preferred)
                .or_else(|| f.fixes.iter().find(ok))
        })
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min().unwrap_or(0));
    let mut taken: Vec<Span> = Vec::new();
    let mut out = Vec::new();
    for fix in fixes {
        let clashes = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                t.overlaps(e.span)
                    || (e.span.is_empty() && t.contains(e.span.start))
                    || (t.is_empty() && e.span.contains(t.start))
                    || (t.is_empty() && e.span.is_empty() && t.start == e.span.start)
            })
        });
        if clashes || fix.edits.iter().any(|e| e.span.end > len) {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.span));
        out.extend(fix.edits.iter().cloned());
    }
    out
}

/// Hover at a byte offset: first the date it resolves to, then what each rule there is about
/// and why a copy editor cares. Not the finding's message: editors show that already, just
/// above the hover.
pub fn hover(a: &Analyzed, off: usize, enc: Encoding) -> Option<Hover> {
    let mut parts = Vec::new();
    let mut span: Option<Span> = None;
    let widen = |s: Span, span: &mut Option<Span>| {
        *span = Some(match *span {
            None => s,
            Some(o) => Span::new(o.start.min(s.start), o.end.max(s.end)),
        })
    };
    for d in a
        .analysis
        .dates
        .iter()
        .filter(|d| d.span.start <= off && off <= d.span.end)
    {
        parts.push(format!(
            "**Date:** {}",
            crate::rules::dates::hover_text(d, a.analysis.dateline.as_ref())
        ));
        widen(d.span, &mut span);
    }
    let mut seen = Vec::new();
    // A cursor just after a finding still shows it, as the editor's own problem hover does
    // (keyboard hover after a double-click selection puts the cursor there).
    for f in a
        .analysis
        .findings
        .iter()
        .filter(|f| f.span.start <= off && off <= f.span.end)
    {
        widen(f.span, &mut span);
        if seen.contains(&f.rule) {
            continue; // one explanation per rule
        }
        seen.push(f.rule);
        parts.push(match crate::engine::registry::lookup(f.rule) {
            Some(rule) => explain_markdown(rule),
            None => format!("`{}`: {}", f.rule, a.message(f)),
        });
    }
    let span = span?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(range(a, span, enc)),
    })
}

fn explain_markdown(rule: &crate::rules::Rule) -> String {
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "**{summary}** `{id}`\n\n{explanation}\n\n*Bad:* {bad}  \n*Good:* {good}\n\n*Basis:* {source}\n\n\
         To turn it off: `\"{id}\" = \"off\"` under `[rules]` in copydesk.toml. To let one instance stand: \
         `<!-- copydesk-ignore {id} -->` (Markdown) or `[copydesk-ignore {id}]` (plain text) on the line before.",
        id = rule.id,
        summary = rule.summary,
        explanation = rule.explanation,
        bad = flat(rule.bad),
        good = flat(rule.good),
        source = rule.source
    )
}

/// Resolved dates after relative days, inside the byte range asked for.
pub fn inlay_hints(a: &Analyzed, within: Span, enc: Encoding) -> Vec<InlayHint> {
    if !a.config.inlay_hints {
        return Vec::new();
    }
    a.analysis
        .dates
        .iter()
        .filter(|d| d.span.end >= within.start && d.span.start <= within.end)
        .filter_map(|d| {
            let label = crate::rules::dates::inlay_label(d)?;
            Some(InlayHint {
                position: convert::pos(a, d.span.end, enc),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(crate::rules::dates::hover_text(
                    d,
                    a.analysis.dateline.as_ref(),
                ))),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}

fn kind_word(k: SourceKind) -> &'static str {
    match k {
        SourceKind::Named => "named source",
        SourceKind::Described => "described source",
        SourceKind::Anonymous => "anonymous source",
    }
}

fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The symbol kind of a source in the outline. LSP kinds name programming constructs, and
/// editors print them ("[Object] Mayor Ana Ruiz" in Neovim's `gO`, a group per kind in Emacs's
/// imenu), so every source gets the one that reads as a plain word, "Key", and the kind of
/// source (named, described, anonymous) is said in words in the symbol's detail.
pub const SOURCE_KIND: SymbolKind = SymbolKind::KEY;
/// The symbol kind of a sentence a source covers: "[Event] Fire destroyed 14 homes."
pub const SENTENCE_KIND: SymbolKind = SymbolKind::EVENT;

/// The outline as a source list: each source, with the sentences it covers as children.
#[allow(deprecated)]
pub fn document_symbols(a: &Analyzed, enc: Encoding) -> Vec<DocumentSymbol> {
    let len = a.text.len();
    let ok = |s: &Span| {
        s.start <= s.end
            && s.end <= len
            && a.text.is_char_boundary(s.start)
            && a.text.is_char_boundary(s.end)
    };
    a.sources()
        .iter()
        .filter_map(|src| {
            let mentions: Vec<Span> = src.mentions.iter().copied().filter(ok).collect();
            let covers: Vec<Span> = src.covers.iter().copied().filter(ok).collect();
            let first = mentions.first().or(covers.first()).copied()?;
            let all = mentions.iter().chain(&covers);
            let whole = Span::new(
                all.clone().map(|s| s.start).min()?,
                all.map(|s| s.end).max()?,
            );
            let children = covers
                .iter()
                .map(|c| DocumentSymbol {
                    name: one_line(&a.text[c.range()], 80),
                    detail: None,
                    kind: SENTENCE_KIND,
                    tags: None,
                    deprecated: None,
                    range: range(a, *c, enc),
                    selection_range: range(a, *c, enc),
                    children: None,
                })
                .collect::<Vec<_>>();
            let n = covers.len();
            Some(DocumentSymbol {
                name: if src.name.trim().is_empty() {
                    "(unnamed)".into()
                } else {
                    one_line(&src.name, 80)
                },
                detail: Some(format!(
                    "{}, {} sentence{}",
                    kind_word(src.kind),
                    n,
                    if n == 1 { "" } else { "s" }
                )),
                kind: SOURCE_KIND,
                tags: None,
                deprecated: None,
                range: range(a, whole, enc),
                selection_range: range(a, first, enc),
                children: Some(children),
            })
        })
        .collect()
}

/// "4 named sources, 1 described, 2 anonymous; 3 unattributed claims": the same line
/// `copydesk sources` prints.
pub fn source_summary(a: &Analyzed) -> String {
    crate::rules::attribution::AuditCounts::of(a.sources(), &a.analysis.findings).summary()
}

pub fn code_lenses(a: &Analyzed) -> Vec<CodeLens> {
    vec![CodeLens {
        range: Range::default(),
        // An empty command id: editors show the title as a label.
        command: Some(Command {
            title: source_summary(a),
            command: String::new(),
            arguments: None,
        }),
        data: None,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Edit, Finding, Fix};
    use crate::position::LineIndex;
    use std::sync::Arc;

    fn analyzed(text: &str, findings: Vec<Finding>) -> Analyzed {
        let text: Arc<str> = Arc::from(text);
        Analyzed {
            gen: 0,
            config_gen: 0,
            index: std::sync::Arc::new(LineIndex::new(&text)),
            text,
            analysis: crate::Analysis {
                findings,
                ..Default::default()
            },
            config: Default::default(),
            skipped: None,
            config_errors: Vec::new(),
            lean: None,
            messages: Default::default(),
            sources: Default::default(),
        }
    }

    fn finding(span: Span, fixes: Vec<Fix>) -> Finding {
        let mut f = Finding::new(
            &crate::rules::style::tk_placeholder::TK_PLACEHOLDER,
            span,
            "m",
        );
        f.fixes = fixes;
        f
    }

    #[test]
    fn fix_all_takes_safe_non_overlapping_fixes_and_no_suppressions() {
        let text = "aaa bbb ccc";
        let a = analyzed(
            text,
            vec![
                finding(
                    Span::new(0, 3),
                    vec![
                        Fix::new("x", Safety::Safe, vec![Edit::replace(Span::new(0, 3), "A")]),
                        Fix::new(
                            "ignore",
                            Safety::Safe,
                            vec![Edit::insert(
                                0,
                                "<!-- copydesk-ignore style/tk-placeholder -->\n",
                            )],
                        ),
                    ],
                ),
                // Overlaps the first: skipped whole.
                finding(
                    Span::new(2, 5),
                    vec![Fix::new(
                        "y",
                        Safety::Safe,
                        vec![Edit::replace(Span::new(2, 5), "Y")],
                    )],
                ),
                // Unsafe and needs-input fixes never go in bulk; the preferred safe fix wins.
                finding(
                    Span::new(4, 7),
                    vec![Fix::new(
                        "u",
                        Safety::Unsafe,
                        vec![Edit::replace(Span::new(4, 7), "U")],
                    )],
                ),
                finding(
                    Span::new(8, 11),
                    vec![
                        Fix::new(
                            "first",
                            Safety::Safe,
                            vec![Edit::replace(Span::new(8, 11), "F")],
                        ),
                        Fix::new(
                            "pref",
                            Safety::Safe,
                            vec![Edit::replace(Span::new(8, 11), "P")],
                        )
                        .preferred(),
                    ],
                ),
                // Two insertions at one point conflict: the second is skipped.
                finding(
                    Span::new(11, 11),
                    vec![Fix::new("i1", Safety::Safe, vec![Edit::insert(11, "!")])],
                ),
                finding(
                    Span::new(11, 11),
                    vec![Fix::new("i2", Safety::Safe, vec![Edit::insert(11, "?")])],
                ),
            ],
        );
        let edits = fix_all_edits(&a);
        assert_eq!(crate::finding::apply_edits(text, &edits), "A bbb P!");
    }

    #[test]
    fn the_narrowest_finding_under_the_cursor_comes_first_and_alone_is_preferred() {
        // A sentence-wide finding listed first, with its own preferred fix, and a word-wide one
        // inside it whose preferred fix is not its first.
        let text = "They said terrorists did it.";
        let word = Span::new(10, 20);
        let a = analyzed(
            text,
            vec![
                finding(
                    Span::new(0, 28),
                    vec![Fix::new(
                        "Attribute",
                        Safety::NeedsInput,
                        vec![Edit::insert(27, ", TK said")],
                    )
                    .preferred()],
                ),
                finding(
                    word,
                    vec![
                        Fix::new(
                            "Replace with fighters",
                            Safety::Unsafe,
                            vec![Edit::replace(word, "fighters")],
                        ),
                        Fix::new(
                            "Replace with militants",
                            Safety::Unsafe,
                            vec![Edit::replace(word, "militants")],
                        )
                        .preferred(),
                    ],
                ),
            ],
        );
        let uri = Url::parse("file:///t.md").unwrap();
        let shape = EditShape {
            document_changes: false,
        };
        let titles = |req: Span| -> Vec<(String, bool)> {
            code_actions(&a, &uri, req, &None, 1, Encoding::Utf16, shape)
                .into_iter()
                .map(|x| match x {
                    CodeActionOrCommand::CodeAction(c) => (c.title, c.is_preferred == Some(true)),
                    CodeActionOrCommand::Command(c) => (c.title, false),
                })
                .collect()
        };
        // Cursor inside "terrorists", and a selection of it: the word's preferred fix first.
        for req in [Span::new(13, 13), word] {
            assert_eq!(
                titles(req),
                [
                    ("Replace with militants".to_string(), true),
                    ("Replace with fighters".to_string(), false),
                    ("Attribute".to_string(), false),
                ]
            );
        }
        // Cursor on "They": only the sentence finding, and its fix is the preferred one.
        assert_eq!(titles(Span::new(1, 1)), [("Attribute".to_string(), true)]);
        // A selection of the whole sentence contains only the sentence finding: it leads.
        assert_eq!(titles(Span::new(0, 28))[0], ("Attribute".to_string(), true));
    }

    #[test]
    fn quick_fixes_only_for_findings_touching_the_range() {
        let text = "TK and TK";
        let fix =
            |s: Span| Fix::new("f", Safety::NeedsInput, vec![Edit::replace(s, "x")]).preferred();
        let a = analyzed(
            text,
            vec![
                finding(Span::new(0, 2), vec![fix(Span::new(0, 2))]),
                finding(Span::new(7, 9), vec![fix(Span::new(7, 9))]),
            ],
        );
        let uri = Url::parse("file:///t.md").unwrap();
        let shape = EditShape {
            document_changes: false,
        };
        let at_end_of_first =
            code_actions(&a, &uri, Span::new(2, 2), &None, 3, Encoding::Utf16, shape);
        assert_eq!(at_end_of_first.len(), 1);
        let CodeActionOrCommand::CodeAction(act) = &at_end_of_first[0] else {
            panic!()
        };
        assert_eq!(act.is_preferred, Some(true));
        assert_eq!(
            act.diagnostics.as_ref().unwrap()[0].range,
            Range::new(Position::new(0, 0), Position::new(0, 2))
        );
        assert_eq!(
            code_actions(&a, &uri, Span::new(0, 9), &None, 3, Encoding::Utf16, shape).len(),
            2
        );
        assert!(
            code_actions(&a, &uri, Span::new(4, 5), &None, 3, Encoding::Utf16, shape).is_empty()
        );
        // Only fix-all asked for: no quick fixes; nothing safe to apply: no action at all.
        assert!(code_actions(
            &a,
            &uri,
            Span::new(0, 9),
            &Some(vec![CodeActionKind::new(FIX_ALL_KIND)]),
            3,
            Encoding::Utf16,
            shape
        )
        .is_empty());
    }

    /// The server keeps lean analyses (each distinct message once) and makes the fixes the rules
    /// left for later and each "ignore here" fix when its code actions are asked for: every
    /// action, at every finding and over the whole story, is the one a full analysis (fixes made
    /// by the rules and the engine at once) gives. Markdown containers, plain text with lone
    /// CRs, a suppression comment and a dateline from the settings.
    #[test]
    fn fixes_made_on_demand_are_the_full_analysis_ones() {
        use super::super::state::{analyze_snapshot, DocKind};
        use crate::document::Format;
        let dated = crate::Config {
            dateline: jiff::civil::Date::new(2025, 3, 12).ok(),
            ..Default::default()
        };
        let cases = [
            ("- The regime slammed TK critics yesterday.\n  It said so on Tuesday.\n\n> Militants claimed the town, one source said.\n", Format::Markdown, crate::Config::default()),
            ("**The regime** slammed the plan.\n\n<!-- copydesk-ignore wording/contested-label -->\nThe regime said TK.\n\n| a | b |\n|---|---|\n| the regime slammed it | TK |\n", Format::Markdown, crate::Config::default()),
            ("The regime slammed TK.\rMilitants claimed it yesterday.\r\nOn Friday the thugs fled.\n", Format::Plain, crate::Config::default()),
            ("The junta met on Thursday and slammed TK critics, a source said.\n", Format::Markdown, dated),
        ];
        let uri = Url::parse("file:///t.md").unwrap();
        let shape = EditShape {
            document_changes: true,
        };
        for (text, format, config) in cases {
            let text: Arc<str> = Arc::from(text);
            let lean = analyze_snapshot(
                DocKind::Prose(format),
                text.clone(),
                Arc::new(config.clone()),
                0,
                &|| false,
            )
            .unwrap();
            assert_eq!(lean.lean, Some(format));
            assert!(!lean.analysis.findings.is_empty());
            assert!(lean.analysis.findings.iter().any(|f| f.later.is_some()));
            let mut full = analyzed(
                &text,
                crate::engine::analyze_as(&text, format, &config).findings,
            );
            full.config = Arc::new(config.clone());
            // The server keeps each distinct message once: the diagnostics are the same.
            assert!(lean.analysis.findings.iter().all(|f| f.message.is_empty()));
            for enc in [Encoding::Utf16, Encoding::Utf8] {
                assert_eq!(
                    super::super::convert::diagnostics(&lean, enc),
                    super::super::convert::diagnostics(&full, enc)
                );
            }
            let mut spans: Vec<Span> = full.analysis.findings.iter().map(|f| f.span).collect();
            spans.push(Span::new(0, text.len()));
            for span in spans {
                for enc in [Encoding::Utf16, Encoding::Utf8] {
                    let want = code_actions(&full, &uri, span, &None, 1, enc, shape);
                    assert!(want.iter().any(|a| matches!(a, CodeActionOrCommand::CodeAction(a) if a.title.starts_with("Ignore "))));
                    assert_eq!(
                        code_actions(&lean, &uri, span, &None, 1, enc, shape),
                        want,
                        "{text:?} {span:?}"
                    );
                }
            }
        }
    }
}
