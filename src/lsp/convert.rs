//! Core types to LSP types. Positions go through [`crate::position`] only.

use super::state::{Analyzed, Skipped};
use crate::finding::{Edit, Finding, Severity, Span};
use crate::position::{Encoding, LineCol};
use tower_lsp::lsp_types::{
    Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range, TextEdit,
};

pub const SOURCE: &str = "copydesk";

pub fn pos(a: &Analyzed, offset: usize, enc: Encoding) -> Position {
    let lc = a.index.position(&a.text, offset, enc);
    Position::new(lc.line, lc.character)
}

pub fn range(a: &Analyzed, span: Span, enc: Encoding) -> Range {
    Range::new(pos(a, span.start, enc), pos(a, span.end, enc))
}

/// The byte offset of a client position in the analysed text (clamped).
pub fn offset(a: &Analyzed, p: Position, enc: Encoding) -> usize {
    a.index.offset(
        &a.text,
        LineCol {
            line: p.line,
            character: p.character,
        },
        enc,
    )
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Hint => DiagnosticSeverity::HINT,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Error => DiagnosticSeverity::ERROR,
    }
}

pub fn diagnostic(a: &Analyzed, f: &Finding, enc: Encoding) -> Diagnostic {
    Diagnostic {
        range: range(a, f.span, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        related_information: None,
        tags: None,
        data: None,
    }
}

pub fn text_edit(a: &Analyzed, e: &Edit, enc: Encoding) -> TextEdit {
    TextEdit {
        range: range(a, e.span, enc),
        new_text: e.new_text.clone(),
    }
}

/// Every diagnostic to publish for an analysed document.
pub fn diagnostics(a: &Analyzed, enc: Encoding) -> Vec<Diagnostic> {
    match a.skipped {
        Some(Skipped::TooLarge) => {
            return vec![Diagnostic {
                range: Range::default(),
                severity: Some(DiagnosticSeverity::INFORMATION),
                source: Some(SOURCE.to_string()),
                message: format!(
                    "This document is over {} MB, too large for copydesk to check as you type. Run `copydesk check` on it instead.",
                    super::state::MAX_ANALYSIS_BYTES / (1024 * 1024)
                ),
                ..Default::default()
            }]
        }
        Some(Skipped::Binary) => return Vec::new(),
        None => {}
    }
    if !a.config_errors.is_empty() {
        return a
            .config_errors
            .iter()
            .map(|e| config_diagnostic(a, e, enc))
            .collect();
    }
    a.analysis
        .findings
        .iter()
        .map(|f| diagnostic(a, f, enc))
        .collect()
}

/// A configuration error as a diagnostic on its line of the `copydesk.toml` (the whole line;
/// line 1 when the error has no line).
pub fn config_diagnostic(
    a: &Analyzed,
    e: &crate::config::ConfigError,
    enc: Encoding,
) -> Diagnostic {
    let line = e.line.unwrap_or(1).saturating_sub(1) as u32;
    let start = a.index.offset(&a.text, LineCol { line, character: 0 }, enc);
    let end = a.index.offset(
        &a.text,
        LineCol {
            line,
            character: u32::MAX,
        },
        enc,
    );
    config_error_diagnostic(range(a, Span::new(start, end.max(start)), enc), e)
}

pub fn config_error_diagnostic(range: Range, e: &crate::config::ConfigError) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("config".into())),
        source: Some(SOURCE.to_string()),
        message: format!(
            "{}. copydesk keeps using the last good configuration until this is fixed.",
            e.message
        ),
        ..Default::default()
    }
}
