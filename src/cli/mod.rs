//! The command line: `copydesk check`, `rules`, `explain`, `lsp`.

mod fix;
mod init;
mod json;
mod lexicon;
mod rules;
mod sarif;
mod sources;
mod strip;
mod timeline;
mod walk;

pub use rules::explain_text;

use crate::config::Config;
use crate::document::Format;
use crate::engine::analyze_as;
use crate::finding::Severity;
use crate::position::{Encoding, LineIndex};

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "copydesk",
    version,
    about = "A copy desk for news drafts: unsourced claims, dates that don't hold together, loaded wording."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Run the language server over stdio (same as `copydesk lsp`).
    #[arg(long)]
    stdio: bool,
}

/// What `check` and `sources` read, and how they report.
#[derive(Args, Debug)]
struct Inputs {
    /// Files, folders and globs to read (a folder: every .md, .markdown, .txt and .text file in
    /// it, honouring .gitignore and .ignore; a quoted glob such as 'desk/**/*.md' is expanded by
    /// copydesk); `-` reads standard input.
    #[arg(required = true)]
    files: Vec<String>,
    /// human (one line per finding), json (one object), jsonl (one line per story), sarif
    /// (SARIF 2.1.0, for code-review tools).
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// A copydesk.toml to use instead of the one found next to the files.
    #[arg(long)]
    config: Option<String>,
    /// The file name standard input stands for: shown in reports, picks Markdown or plain text,
    /// and finds the copydesk.toml.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<String>,
}

/// What `check` does with fixes.
#[derive(Args, Debug)]
struct FixArgs {
    /// Apply every safe fix in place (standard input: print the fixed copy), then report what is
    /// left. Files are rewritten whole or not at all.
    #[arg(long)]
    fix: bool,
    /// Also apply the unsafe fixes (those that change wording or tone); implies --fix. Fixes that
    /// leave a TK for the writer to fill in are never applied.
    #[arg(long)]
    unsafe_fixes: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check drafts and report findings.
    Check {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        fix: FixArgs,
    },
    /// List every rule with its id, default severity and summary.
    Rules {
        /// Every rule and every setting as JSON (what editor settings are generated from).
        #[arg(long)]
        json: bool,
    },
    /// Explain a rule (`wording/contested-label` or just `contested-label`), list a family, or
    /// explain a term of the lexicon in force (`terrorists`).
    Explain {
        rule: String,
        /// A copydesk.toml to use instead of the one found from the current folder.
        #[arg(long)]
        config: Option<String>,
    },
    /// List the sources a story cites (named, described, anonymous) and what each covers.
    Sources(Inputs),
    /// Print the story's dated events in calendar order (resolved date, then the sentence).
    Timeline {
        file: String,
        /// A copydesk.toml to use instead of the one found next to the file.
        #[arg(long)]
        config: Option<String>,
    },
    /// List the wording lexicon in force: the house preset plus copydesk.toml's terms.
    Lexicon {
        /// The house-style preset (default: the one copydesk.toml picks, else AP).
        #[arg(long, value_enum)]
        style: Option<StyleArg>,
        /// A copydesk.toml to use instead of the one found from the current folder.
        #[arg(long)]
        config: Option<String>,
        /// Every term in the copydesk.toml `[terms]` shape, as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a commented copydesk.toml (never overwrites one).
    Init {
        /// The house-style preset.
        #[arg(long, value_enum, default_value_t = StyleArg::Ap)]
        style: StyleArg,
        /// Where to write: a folder (gets copydesk.toml) or a file name.
        #[arg(default_value = ".")]
        path: String,
    },
    /// Print the copy without its copydesk-ignore/disable/enable notes and comments.
    Strip {
        /// The file; `-` reads standard input.
        file: String,
    },
    /// Run the language server over stdio.
    Lsp {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum StyleArg {
    Ap,
    Reuters,
    Bbc,
}

impl From<StyleArg> for crate::config::Style {
    fn from(s: StyleArg) -> Self {
        match s {
            StyleArg::Ap => crate::config::Style::Ap,
            StyleArg::Reuters => crate::config::Style::Reuters,
            StyleArg::Bbc => crate::config::Style::Bbc,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum OutputFormat {
    Human,
    Json,
    Jsonl,
    Sarif,
}

/// A failure the user must fix: printed as one line, exit status 2.
pub(crate) struct UsageError(String);

/// Entry point for the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    ExitCode::from(2)
                } else {
                    ExitCode::SUCCESS
                };
            }
            let first = e
                .to_string()
                .lines()
                .next()
                .unwrap_or("bad usage")
                .trim_start_matches("error: ")
                .to_string();
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
        None => Err(UsageError(
            "no command given; try `copydesk check FILE` or `copydesk --help`".into(),
        )),
        Some(Command::Rules { json: false }) => print_out(&rules::table()),
        Some(Command::Rules { json: true }) => {
            let mut s = serde_json::to_string_pretty(&rules::json()).unwrap_or_default();
            s.push('\n');
            print_out(&s)
        }
        Some(Command::Explain { rule, config }) => {
            let config = ConfigCache::new(config.as_deref())?.for_input("-")?;
            print_out(&rules::explain(&rule, &config).map_err(UsageError)?)
        }
        Some(Command::Init { style, path }) => {
            let written =
                init::write(std::path::Path::new(&path), style.into()).map_err(UsageError)?;
            print_out(&format!("wrote {}\n", written.display()))
        }
        Some(Command::Sources(inputs)) => sources::run(load_inputs(&inputs)?, inputs.format),
        Some(Command::Strip { file }) => print_out(&strip::run(&read_input(&file)?, &file)),
        Some(Command::Check { inputs, fix }) => check(&inputs, &fix),
        Some(Command::Lexicon {
            style,
            config,
            json,
        }) => {
            let mut config = ConfigCache::new(config.as_deref())?.for_input("-")?;
            if let Some(s) = style {
                config.style = s.into();
            }
            print_out(&lexicon::render(&config, json))
        }
        Some(Command::Timeline { file, config }) => {
            let config = ConfigCache::new(config.as_deref())?.for_input(&file)?;
            print_out(&timeline::render(&file, &read_input(&file)?, &config))
        }
    }
}

fn print_out(s: &str) -> Result<ExitCode, UsageError> {
    write_out(s)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to standard output. A closed pipe (`copydesk rules | head`) is not an error worth
/// reporting; any other failure (`> /dev/full`) fails the run with its reason (status 2).
pub(crate) fn write_out(s: &str) -> Result<(), UsageError> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(UsageError(format!("cannot write to standard output: {e}"))),
    }
}

/// One checked input.
pub(crate) struct Checked {
    pub path: String,
    pub text: String,
    pub analysis: crate::Analysis,
    /// Set when the analysis left out the "ignore here" fixes (`analyze_lean`): the format and
    /// dateline to parse the story with when the JSON writer makes them, one at a time.
    pub lean: Option<(Format, Option<jiff::civil::Date>)>,
}

fn read_input(path: &str) -> Result<String, UsageError> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| UsageError(format!("cannot read standard input: {e}")))?;
        buf
    } else {
        std::fs::read(path)
            .map_err(|e| UsageError(format!("cannot read {path}: {}", io_reason(&e))))?
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

/// Reads a `copydesk.toml`; a bad one fails the run with one line naming the file and line.
fn load_config_file(path: &std::path::Path) -> Result<Config, UsageError> {
    let shown = path.display();
    use crate::workspace::{read_bounded, BoundedReadError};
    let src = read_bounded(path, crate::config::MAX_CONFIG_BYTES).map_err(|e| match e {
        BoundedReadError::Io(e) => {
            UsageError(format!("cannot read config {shown}: {}", io_reason(&e)))
        }
        BoundedReadError::NotAFile => {
            UsageError(format!("cannot read config {shown}: not a regular file"))
        }
        BoundedReadError::TooLarge(n) => UsageError(format!(
            "{shown}: the file is {n} bytes; a copydesk.toml over 1 MiB is refused"
        )),
    })?;
    let src = String::from_utf8(src).map_err(|_| UsageError(format!("{shown}: not UTF-8 text")))?;
    Config::from_toml(&src).map_err(|e| match e.line {
        Some(line) => UsageError(format!("{shown}:{line}: {}", e.message)),
        None => UsageError(format!("{shown}: {}", e.message)),
    })
}

/// The configuration for each input: `--config` for all, else the nearest `copydesk.toml` above
/// each file (standard input: above the current directory), else the defaults.
struct ConfigCache {
    explicit: Option<Config>,
    found: std::collections::HashMap<std::path::PathBuf, Config>,
}

impl ConfigCache {
    fn new(explicit: Option<&str>) -> Result<ConfigCache, UsageError> {
        let explicit = explicit
            .map(|p| load_config_file(std::path::Path::new(p)))
            .transpose()?;
        Ok(ConfigCache {
            explicit,
            found: Default::default(),
        })
    }

    fn for_input(&mut self, path: &str) -> Result<Config, UsageError> {
        if let Some(c) = &self.explicit {
            return Ok(c.clone());
        }
        let found = if path == "-" {
            std::env::current_dir()
                .ok()
                .and_then(|d| crate::workspace::discover(&d, None))
        } else {
            crate::workspace::discover_for_file(std::path::Path::new(path), None)
        };
        let Some(file) = found else {
            return Ok(Config::default());
        };
        if let Some(c) = self.found.get(&file) {
            return Ok(c.clone());
        }
        let c = load_config_file(&file)?;
        self.found.insert(file, c.clone());
        Ok(c)
    }
}

/// Every input named on the command line, expanded (folders and globs), read and paired with
/// its configuration: `(shown path, text, config)`. An unreadable file or a bad config fails the
/// run before anything is printed.
fn load_inputs(inputs: &Inputs) -> Result<Vec<(String, String, Config)>, UsageError> {
    let mut configs = ConfigCache::new(inputs.config.as_deref())?;
    let files = walk::expand(&inputs.files).map_err(UsageError)?;
    let mut out = Vec::with_capacity(files.len());
    for path in files {
        let (shown, text) = if path == "-" {
            let shown = inputs.stdin_filename.clone().unwrap_or_else(|| "-".into());
            (shown, read_input("-")?)
        } else {
            let text = read_input(&path)?;
            (path, text)
        };
        let config = configs.for_input(&shown)?;
        out.push((shown, text, config));
    }
    Ok(out)
}

fn check(inputs: &Inputs, fix: &FixArgs) -> Result<ExitCode, UsageError> {
    let loaded = load_inputs(inputs)?;
    let stdin_shown = inputs
        .files
        .iter()
        .any(|f| f == "-")
        .then(|| inputs.stdin_filename.clone().unwrap_or_else(|| "-".into()));
    let (checked, fixed_stdin) = if fix.fix || fix.unsafe_fixes {
        let safety = if fix.unsafe_fixes {
            fix::Level::Unsafe
        } else {
            fix::Level::Safe
        };
        let outcome = fix::run(loaded, safety, stdin_shown.as_deref()).map_err(UsageError)?;
        eprint!("{}", outcome.summary);
        (outcome.checked, outcome.stdin_text)
    } else {
        // The JSON reports make each "ignore here" fix as they write it (a megabyte of dense
        // copy has 50,000 of them); the other formats read the fixes whole.
        let lean = matches!(inputs.format, OutputFormat::Json | OutputFormat::Jsonl);
        (analyze_all_as(loaded, lean), None)
    };
    match fixed_stdin {
        // The fixed copy goes to standard output; the report of what is left, to standard error.
        Some(text) => {
            print_out(&text)?;
            let _ = render(&checked, inputs.format, &mut std::io::stderr().lock());
        }
        None => {
            // Streamed: a large JSON report is never held in memory whole.
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
            match render(&checked, inputs.format, &mut out).and_then(|()| out.flush()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(UsageError(format!("cannot write to standard output: {e}"))),
            }
        }
    }
    // A check that failed (an internal error, caught) leaves its findings out: say so, so the
    // copy is not taken for clean.
    for c in &checked {
        if !c.analysis.failed.is_empty() {
            let families: Vec<_> = c.analysis.failed.iter().map(|f| f.as_str()).collect();
            eprintln!(
                "copydesk: internal error: the {} checks failed on {}; their findings are missing (please report it)",
                families.join(" and "),
                c.path
            );
        }
    }
    let loud = checked.iter().any(|c| {
        c.analysis
            .findings
            .iter()
            .any(|f| f.severity >= Severity::Warning)
    });
    Ok(if loud {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn render(checked: &[Checked], format: OutputFormat, out: &mut impl Write) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => json::write(checked, out),
        OutputFormat::Jsonl => json::write_lines(checked, out),
        OutputFormat::Sarif => out.write_all(sarif::report(checked).as_bytes()),
        OutputFormat::Human => out.write_all(human(checked).as_bytes()),
    }
}

/// Analyses the inputs on every core, keeping their order (stories are independent).
pub(crate) fn analyze_all(inputs: Vec<(String, String, Config)>) -> Vec<Checked> {
    analyze_all_as(inputs, false)
}

/// [`analyze_all`], leaving the "ignore here" fixes to the writer when `lean`.
fn analyze_all_as(inputs: Vec<(String, String, Config)>, lean: bool) -> Vec<Checked> {
    let run = |(path, text, config): (String, String, Config)| {
        let format = Format::from_path(&path);
        let (analysis, lean) = if lean {
            (
                crate::engine::analyze_lean(&text, format, &config),
                Some((format, config.dateline)),
            )
        } else {
            (analyze_as(&text, format, &config), None)
        };
        Checked {
            path,
            text,
            analysis,
            lean,
        }
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len());
    if workers <= 1 {
        return inputs.into_iter().map(run).collect();
    }
    let mut slots: Vec<Option<(String, String, Config)>> = inputs.into_iter().map(Some).collect();
    let chunk = slots.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = slots
            .chunks_mut(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter_mut()
                        .filter_map(Option::take)
                        .map(run)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn human(checked: &[Checked]) -> String {
    let mut out = String::new();
    for c in checked {
        let index = LineIndex::new(&c.text);
        for f in &c.analysis.findings {
            let pos = index.position(&c.text, f.span.start, Encoding::Utf16);
            let snippet = excerpt(&c.text[f.span.range()], 80);
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

/// The text of a finding on one line, cut at `max` characters with "…" when longer.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|ch| if ch.is_control() { ' ' } else { ch })
        .collect();
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    #[test]
    fn excerpts_over_80_characters_are_cut_with_an_ellipsis() {
        let short = "a".repeat(80);
        assert_eq!(super::excerpt(&short, 80), short);
        let long = format!("{} tail", "word ".repeat(20));
        let cut = super::excerpt(&long, 80);
        assert!(cut.ends_with('…') && cut.chars().count() <= 81, "{cut}");
        assert_eq!(super::excerpt("a\nb", 80), "a b");
    }
}
