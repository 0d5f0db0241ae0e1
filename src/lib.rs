//! copydesk: a copy desk in the editor for news copy.
//!
//! The pure core turns text into [`Finding`]s, in layers that only ever import downwards:
//!
//! - bottom types: [`finding`] (spans, findings, fixes), [`rule`] (rule metadata),
//!   [`report`] (what rules write), [`vocab`] (the embedded word lists), [`position`];
//! - [`config`]: the settings, as plain types with their validation;
//! - [`document`]: the draft's structure (front matter, dateline, paragraphs, sentences,
//!   quotations, suppression directives);
//! - [`rules`]: one file per rule, and the facts several rules share;
//! - [`engine`]: the registry, levels, suppression and sorting ([`analyze`]).
//!
//! Around the core: [`workspace`] does all configuration file I/O; [`cli`] and [`lsp`] are thin
//! adapters. `ARCHITECTURE.md` draws the flow.

pub mod automaton;
pub mod cli;
pub mod config;
pub mod document;
pub mod engine;
pub mod finding;
pub mod lsp;
pub mod narrow;
pub mod position;
pub mod report;
pub mod rule;
pub mod rules;
pub mod vocab;
pub mod workspace;

pub use config::Config;
pub use engine::{analyze, analyze_as, Analysis};
pub use finding::{Edit, Finding, Fix, Safety, Severity, Span};
