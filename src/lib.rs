//! copydesk: a copy desk in the editor for news copy.
//!
//! The core ([`analyze`]) turns text into [`Finding`]s and knows nothing of LSP; the CLI
//! ([`cli`]) and the language server ([`lsp`]) are thin adapters over it.

pub mod analysis;
pub mod bounded_read;
pub mod cli;
pub mod config;
pub mod document;
pub mod finding;
pub mod lsp;
pub mod position;
pub mod rules;
pub mod suppress;
pub mod vocab;

pub use analysis::{analyze, analyze_as, Analysis};
pub use config::Config;
pub use finding::{Edit, Finding, Fix, Safety, Severity, Span};
