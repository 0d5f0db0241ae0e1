//! The templates of the attribution patterns. They are data, in `data/attribution/patterns.toml`
//! (with the tables that fill each one); `build.rs` writes each template here as a constant named
//! after its table (`[casualty]` is [`CASUALTY_T`]), so a rule names its pattern by an identifier
//! the compiler checks, and a pattern missing from the file fails the build. With it comes the
//! pattern filled from its tables ([`Built`]; `[casualty]` is [`CASUALTY`]), which the rules
//! compile, so that start-up does not expand templates or read required words off them.

/// A pattern as `build.rs` expands it from its templates and tables: what the binary would
/// otherwise work out at start-up.
pub struct Built {
    /// The regex sources: one per branch of a gated pattern (see `super::alternatives`), one
    /// per template of a whole one (a multi-pattern regex when more).
    pub sources: &'static [&'static str],
    /// For each branch of a gated pattern, the word lists every match holds a word of
    /// (`super::templates::required_sets`); empty for a whole pattern.
    pub sets: &'static [&'static [&'static [&'static str]]],
    /// For each word of `sets`, its edges (`super::templates::required_sets_edged`): whether
    /// every match has no ASCII letter or digit just before it (1), just after it (2).
    pub edges: &'static [&'static [&'static [u8]]],
}

include!(concat!(env!("OUT_DIR"), "/patterns.rs"));
