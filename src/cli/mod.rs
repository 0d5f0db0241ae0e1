//! The command line: `copydesk check`, `rules`, `explain`, `lsp`.

mod json;
mod timeline;

use crate::analysis::analyze_as;
use crate::config::Config;
use crate::document::Format;
use crate::finding::Severity;
use crate::position::{Encoding, LineIndex};
use crate::rules;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "copydesk", version, about = "A copy desk for news drafts: unsourced claims, dates that don't hold together, loaded wording.")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Run the language server over stdio (same as `copydesk lsp`).
    #[arg(long)]
    stdio: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check drafts and report findings.
    Check {
        /// Files to check; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// A copydesk.toml to use instead of the one found next to the files.
        #[arg(long)]
        config: Option<String>,
    },
    /// List every rule with its id, default severity and summary.
    Rules,
    /// Explain a rule, with examples of bad and good copy.
    Explain { rule: String },
    /// Print the story's dated events in calendar order (resolved date, then the sentence).
    Timeline {
        file: String,
        /// A copydesk.toml to use (for a dateline override).
        #[arg(long)]
        config: Option<String>,
    },
    /// Run the language server over stdio.
    Lsp {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum OutputFormat {
    Human,
    Json,
}

/// A failure the user must fix: printed as one line, exit status 2.
struct UsageError(String);

/// Entry point for the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
                let _ = e.print();
                return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand { ExitCode::from(2) } else { ExitCode::SUCCESS };
            }
            let first = e.to_string().lines().next().unwrap_or("bad usage").trim_start_matches("error: ").to_string();
            eprintln!("copydesk: {first} (see `copydesk --help`)");
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(UsageError(msg)) => {
            eprintln!("copydesk: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, UsageError> {
    match cli.command {
        None if cli.stdio => Ok(crate::lsp::run_stdio()),
        Some(Command::Lsp { .. }) => Ok(crate::lsp::run_stdio()),
        None => Err(UsageError("no command given; try `copydesk check FILE` or `copydesk --help`".into())),
        Some(Command::Rules) => {
            let mut out = String::new();
            for r in rules::registry() {
                out.push_str(&format!("{:<34} {:<8} {}\n", r.id, r.default_severity.as_str(), r.summary));
            }
            print_out(&out)
        }
        Some(Command::Explain { rule }) => {
            let r = rules::lookup(&rule).ok_or_else(|| UsageError(format!("no rule `{rule}`; `copydesk rules` lists them")))?;
            print_out(&explain_text(r))
        }
        Some(Command::Check { files, format, config }) => check(&files, format, config.as_deref()),
        Some(Command::Timeline { file, config }) => print_out(&timeline::render(&file, &read_input(&file)?, &load_config(config.as_deref())?)),
    }
}

/// The text `copydesk explain` prints, also used for hover.
pub fn explain_text(r: &rules::Rule) -> String {
    format!(
        "{id} ({sev} by default)\n{summary}\n\n{explanation}\n\nBad:  {bad}\nGood: {good}\n\nBasis: {source}\n",
        id = r.id,
        sev = r.default_severity,
        summary = r.summary,
        explanation = r.explanation,
        bad = r.bad,
        good = r.good,
        source = r.source
    )
}

fn print_out(s: &str) -> Result<ExitCode, UsageError> {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`copydesk rules | head`) is not an error worth reporting.
    let _ = stdout.write_all(s.as_bytes());
    let _ = stdout.flush();
    Ok(ExitCode::SUCCESS)
}

/// One checked input.
pub(crate) struct Checked {
    pub path: String,
    pub text: String,
    pub analysis: crate::Analysis,
}

fn read_input(path: &str) -> Result<String, UsageError> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| UsageError(format!("cannot read standard input: {e}")))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| UsageError(format!("cannot read {path}: {}", io_reason(&e))))?
    };
    String::from_utf8(bytes).map_err(|_| UsageError(format!("{path} is not UTF-8 text")))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ if e.raw_os_error() == Some(21) => "it is a directory".into(),
        _ => e.to_string(),
    }
}

fn load_config(path: Option<&str>) -> Result<Config, UsageError> {
    let Some(path) = path else { return Ok(Config::default()) };
    let src = std::fs::read_to_string(path).map_err(|e| UsageError(format!("cannot read config {path}: {}", io_reason(&e))))?;
    Config::from_toml(&src).map_err(|e| UsageError(format!("{path}: {e}")))
}

fn check(files: &[String], format: OutputFormat, config: Option<&str>) -> Result<ExitCode, UsageError> {
    let config = load_config(config)?;
    // Read everything first: an unreadable file fails the run before anything is printed.
    let mut inputs = Vec::with_capacity(files.len());
    for path in files {
        inputs.push((path.clone(), read_input(path)?));
    }
    let checked: Vec<Checked> = inputs
        .into_iter()
        .map(|(path, text)| {
            let analysis = analyze_as(&text, Format::from_path(&path), &config);
            Checked { path, text, analysis }
        })
        .collect();
    let out = match format {
        OutputFormat::Json => json::report(&checked),
        OutputFormat::Human => human(&checked),
    };
    print_out(&out)?;
    let loud = checked.iter().any(|c| c.analysis.findings.iter().any(|f| f.severity >= Severity::Warning));
    Ok(if loud { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn human(checked: &[Checked]) -> String {
    let mut out = String::new();
    for c in checked {
        let index = LineIndex::new(&c.text);
        for f in &c.analysis.findings {
            let pos = index.position(&c.text, f.span.start, Encoding::Utf16);
            let snippet: String = c.text[f.span.range()].chars().take(80).map(|ch| if ch.is_control() { ' ' } else { ch }).collect();
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {} “{}”\n",
                c.path,
                pos.line + 1,
                pos.character + 1,
                f.severity,
                f.rule,
                f.message,
                snippet
            ));
        }
    }
    out
}
