//! The language server: a thin adapter from LSP to the core. (Arrives with the server work.)

use std::process::ExitCode;

pub fn run_stdio() -> ExitCode {
    eprintln!("copydesk: the language server is not built yet");
    ExitCode::from(2)
}
