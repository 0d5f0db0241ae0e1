//! The templates of the attribution patterns. They are data, in `data/attribution/patterns.toml`
//! (with the tables that fill each one); `build.rs` writes each template here as a constant named
//! after its table (`[casualty]` is [`CASUALTY_T`]), so a rule names its pattern by an identifier
//! the compiler checks, and a pattern missing from the file fails the build.

include!(concat!(env!("OUT_DIR"), "/patterns.rs"));
