//! Core types to LSP types. Positions go through [`crate::position`] only.

use super::state::{Analyzed, Skipped};
use crate::finding::{Edit, Finding, Severity, Span};
use crate::position::{Encoding, LineCol};
use tower_lsp::lsp_types::{
    Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range, TextEdit, Url,
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
        message: short_lines(a.message(f), MESSAGE_WIDTH),
        related_information: None,
        tags: None,
        data: None,
    }
}

/// The longest line of a diagnostic message: Neovim shows each line of a message as it is
/// (virtual text and virtual lines do not wrap), and a line this long fits beside the code.
pub const MESSAGE_WIDTH: usize = 100;

/// `message` in lines of at most `width` characters: broken between sentences where it can,
/// between words where one sentence is longer. Joining the lines with spaces gives it back.
/// One pass over the words, no allocation but the result: it runs for every finding of every
/// publication.
pub fn short_lines(message: &str, width: usize) -> String {
    if message.len() <= width || message.chars().count() <= width {
        return message.to_string();
    }
    let words: Vec<(&str, usize)> = message
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| (w, w.chars().count()))
        .collect();
    let mut out = String::with_capacity(message.len());
    // The current line's length in characters; None while it is empty.
    let mut line: Option<usize> = None;
    let mut start = 0;
    for (i, (w, _)) in words.iter().enumerate() {
        let next = words.get(i + 1).and_then(|(n, _)| n.chars().next());
        let ends = w.ends_with(['.', '?', '!']) || w.ends_with(".”") || w.ends_with(".\"");
        let sentence =
            ends && next.is_some_and(|c| c.is_uppercase() || matches!(c, '(' | '“' | '"'));
        // Sentences (and a closing citation in parentheses) are units; a clause ending in a colon
        // or semicolon is a unit too: packing joins it to the next when they fit.
        if !(sentence || next.is_none() || w.ends_with([':', ';'])) {
            continue;
        }
        let unit = &words[start..=i];
        start = i + 1;
        let unit_len = unit.iter().map(|(_, n)| n + 1).sum::<usize>() - 1;
        if let Some(len) = line.filter(|len| len + 1 + unit_len <= width) {
            for (w, _) in unit {
                out.push(' ');
                out.push_str(w);
            }
            line = Some(len + 1 + unit_len);
            continue;
        }
        // The unit starts a line; words that do not fit start the next.
        if line.is_some() {
            out.push('\n');
            line = None;
        }
        for (w, n) in unit {
            line = match line {
                Some(len) if len + 1 + n > width => {
                    out.push('\n');
                    Some(*n)
                }
                Some(len) => {
                    out.push(' ');
                    Some(len + 1 + n)
                }
                None => Some(*n),
            };
            out.push_str(w);
        }
    }
    out
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

/// The `textDocument/publishDiagnostics` notification for an analysis: the same bytes as
/// [`publish_body`](super::server::publish_body) of [`diagnostics`], written directly. Each
/// distinct message is wrapped and escaped once, not once per finding (a story repeats a handful
/// of messages over hundreds of findings, and this runs on every edit).
pub fn publication(a: &Analyzed, enc: Encoding, uri: &Url, version: Option<i32>) -> Vec<u8> {
    let findings = &a.analysis.findings;
    let interned = a.messages.of.len() == findings.len();
    if a.skipped.is_some() || !a.config_errors.is_empty() || !interned {
        return super::server::publish_body(uri, &diagnostics(a, enc), version);
    }
    let json = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let messages: Vec<String> = a
        .messages
        .distinct
        .iter()
        .map(|m| json(&short_lines(m, MESSAGE_WIDTH)))
        .collect();
    // Room for all of it at once (a megabyte's 5 MB is not copied as it grows): each
    // diagnostic's message and at most about 176 bytes around it.
    let size: usize = a
        .messages
        .of
        .iter()
        .map(|&m| messages.get(m as usize).map_or(2, String::len))
        .sum();
    let mut out = Vec::with_capacity(256 + size + findings.len() * 176);
    out.extend_from_slice(
        br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
    );
    out.extend_from_slice(json(uri.as_str()).as_bytes());
    out.extend_from_slice(br#","diagnostics":["#);
    // Each rule's id as JSON, made once (a handful of rules, told apart by their address).
    let mut rules: Vec<(&str, String)> = Vec::new();
    // Findings are in order of their starts: one cursor for the starts, and each end from a
    // copy of it at its start (most spans end on the line they start on).
    let mut starts = a.index.cursor(&a.text);
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let start = starts.position(f.span.start, enc);
        let end = { starts }.position(f.span.end, enc);
        out.extend_from_slice(br#"{"range":{"start":{"line":"#);
        number(&mut out, start.line);
        out.extend_from_slice(br#","character":"#);
        number(&mut out, start.character);
        out.extend_from_slice(br#"},"end":{"line":"#);
        number(&mut out, end.line);
        out.extend_from_slice(br#","character":"#);
        number(&mut out, end.character);
        out.extend_from_slice(br#"}},"severity":"#);
        let severity = match f.severity {
            Severity::Error => b'1',
            Severity::Warning => b'2',
            Severity::Info => b'3',
            Severity::Hint => b'4',
        };
        out.push(severity);
        out.extend_from_slice(br#","code":"#);
        let k = match rules.iter().position(|(r, _)| std::ptr::eq(*r, f.rule)) {
            Some(k) => k,
            None => {
                rules.push((f.rule, json(f.rule)));
                rules.len() - 1
            }
        };
        out.extend_from_slice(rules[k].1.as_bytes());
        out.extend_from_slice(br#","source":"copydesk","message":"#);
        let m = a.messages.of[i] as usize;
        out.extend_from_slice(messages.get(m).map_or(b"\"\"".as_slice(), |m| m.as_bytes()));
        out.push(b'}');
    }
    out.push(b']');
    if let Some(v) = version {
        out.extend_from_slice(br#","version":"#);
        out.extend_from_slice(v.to_string().as_bytes());
    }
    out.extend_from_slice(b"}}");
    out
}

/// `n` in decimal: two digits at a time from a table (four numbers a diagnostic, on every edit),
/// each number's bytes added at once (a copy of a known length, not a call to `memcpy`); the
/// rare longer ones through `itoa`.
#[inline]
fn number(out: &mut Vec<u8>, n: u32) {
    const PAIRS: &[u8; 200] = b"00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
    let pair = |k: u32| {
        let k = k as usize * 2;
        [PAIRS[k], PAIRS[k + 1]]
    };
    // Most are line numbers and columns of a few digits.
    match n {
        0..=9 => out.push(b'0' + n as u8),
        10..=99 => out.extend_from_slice(&pair(n)),
        100..=999 => {
            let [a, b] = pair(n % 100);
            out.extend_from_slice(&[b'0' + (n / 100) as u8, a, b]);
        }
        1_000..=9_999 => {
            let ([a, b], [c, d]) = (pair(n / 100), pair(n % 100));
            out.extend_from_slice(&[a, b, c, d]);
        }
        10_000..=99_999 => {
            let ([a, b], [c, d]) = (pair(n / 100 % 100), pair(n % 100));
            out.extend_from_slice(&[b'0' + (n / 10_000) as u8, a, b, c, d]);
        }
        _ => out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Config};

    #[test]
    fn numbers_are_written_in_decimal() {
        let mut n: u64 = 0;
        while n <= u32::MAX as u64 {
            for m in [n, n + 1, n + 9, n + 10, n + 99] {
                let Ok(m) = u32::try_from(m) else { continue };
                let mut out = b"x".to_vec();
                number(&mut out, m);
                assert_eq!(out, format!("x{m}").into_bytes());
            }
            n = n * 3 + 1;
        }
        // Every number of up to six digits (each length has its own way).
        let mut out = Vec::new();
        for m in 0..1_000_000u32 {
            out.clear();
            number(&mut out, m);
            assert_eq!(out, m.to_string().into_bytes());
        }
        out.clear();
        number(&mut out, u32::MAX);
        assert_eq!(out, u32::MAX.to_string().into_bytes());
    }

    #[test]
    fn the_publication_is_the_serialised_diagnostics() {
        let uri = Url::parse("file:///news/a%20story.md").unwrap();
        let text: std::sync::Arc<str> = std::sync::Arc::from(
            "The shocking regime slammed the so-called rebels on Tuesday, officials said.\n\n\
             Critics blasted the embattled “regime” over the controversial plan TK. Many analysts \
             believe the damage will top $2 billion, and the brutal junta is said to have fled \
             last Monday.\n\nCafé owners 🎉 said prices rose 4.2 pct yesterday.\n",
        );
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            for version in [Some(7), None] {
                let a = crate::lsp::state::analyze_snapshot(
                    crate::lsp::state::DocKind::Prose(crate::document::Format::Markdown),
                    text.clone(),
                    std::sync::Arc::new(Config::default()),
                    0,
                    &|| false,
                )
                .unwrap();
                assert!(a.analysis.findings.len() > 5);
                let want = crate::lsp::server::publish_body(&uri, &diagnostics(&a, enc), version);
                assert_eq!(
                    String::from_utf8(publication(&a, enc, &uri, version)).unwrap(),
                    String::from_utf8(want).unwrap()
                );
            }
        }
    }

    #[test]
    fn message_lines_stay_short_and_lose_nothing() {
        let story = include_str!("../../examples/harbor-fire.md");
        let a = analyze(story, &Config::default());
        assert!(a
            .findings
            .iter()
            .any(|f| f.message.chars().count() > MESSAGE_WIDTH));
        for f in &a.findings {
            let short = short_lines(&f.message, MESSAGE_WIDTH);
            assert!(
                short.lines().all(|l| l.chars().count() <= MESSAGE_WIDTH),
                "{short}"
            );
            let flat: Vec<&str> = f.message.split_whitespace().collect();
            assert_eq!(short.split_whitespace().collect::<Vec<_>>(), flat);
            if short.contains('\n') {
                // Broken between sentences: the first line ends one.
                let first = short.lines().next().unwrap();
                assert!(first.ends_with(['.', ')', '”', '?', ':', ';']), "{short}");
            }
        }
        assert_eq!(short_lines("Short one.", 100), "Short one.");
        assert_eq!(
            short_lines("One two three. Four five six.", 16),
            "One two three.\nFour five six."
        );
    }

    /// The first implementation (a unit per `String`), which [`short_lines`] must equal.
    /// `message` in lines of at most `width` characters: broken between sentences where it can,
    /// between words where one sentence is longer. Joining the lines with spaces gives it back.
    fn short_lines_reference(message: &str, width: usize) -> String {
        if message.chars().count() <= width {
            return message.to_string();
        }
        // Sentences (and a closing citation in parentheses) as units.
        let mut units: Vec<String> = Vec::new();
        let mut current = String::new();
        let words: Vec<&str> = message.split(' ').filter(|w| !w.is_empty()).collect();
        for (i, w) in words.iter().enumerate() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(w);
            let next = words.get(i + 1).and_then(|n| n.chars().next());
            let ends = w.ends_with(['.', '?', '!']) || w.ends_with(".”") || w.ends_with(".\"");
            let sentence =
                ends && next.is_some_and(|c| c.is_uppercase() || matches!(c, '(' | '“' | '"'));
            // A clause ending in a colon or semicolon is a unit too: packing joins it to the next
            // when they fit.
            if sentence || (next.is_some() && w.ends_with([':', ';'])) {
                units.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            units.push(current);
        }
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        let len = |s: &str| s.chars().count();
        for unit in units {
            if !line.is_empty() && len(&line) + 1 + len(&unit) <= width {
                line.push(' ');
                line.push_str(&unit);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for w in unit.split(' ') {
                if !line.is_empty() && len(&line) + 1 + len(w) > width {
                    lines.push(std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines.join("\n")
    }

    proptest::proptest! {
        /// The one-pass wrapping equals the first implementation on messages made of words,
        /// sentence ends, colons, citations, quotation marks and runs of spaces.
        #[test]
        fn short_lines_equals_the_reference(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "a", "word", "Said.", "(AP", "style).", "“Quoted.”", "end.\"", "Why?", "note:",
                "also;", "é", "Überlänge", "", "  ", "x".repeat(30).leak(), "Done!",
            ]), 0..60),
            width in 1usize..120,
        ) {
            let m = words.join(" ");
            proptest::prop_assert_eq!(short_lines(&m, width), short_lines_reference(&m, width));
        }
    }
}
