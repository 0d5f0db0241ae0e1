//! The `attribution/` family: "who says so?" for every sentence in the writer's own voice.
//!
//! - `unattributed-claim`: a claim of a kind that needs a source (casualty, damage and crowd
//!   figures, statistics, predictions, control of territory, accusations, what others intend or
//!   believe, characterisations) with no attribution in its sentence or paragraph.
//! - `vague-source`: weasel attribution ("are said to", "critics say", "reportedly").
//! - `anonymous-source`: unnamed sources, on the AP ladder (bare "a source" worst; a described
//!   source with no reason for anonymity next).
//! - `unattributed-quote`: a direct quotation with no speaker.
//!
//! The same pass fills the source audit ([`crate::report::Source`]) that `copydesk sources`,
//! the outline and the code lens show.
//!
//! Design: closed-class word lists and a handful of patterns compiled once, run over the masked
//! prose of the whole document; no part-of-speech tagger (see `words.rs`).

pub mod alternatives;
pub mod anonymous_source;
pub mod claims;
pub mod cues;
pub mod facts;
pub mod lists;
pub mod no_anonymity_reason;
pub mod patterns;
pub mod prefilter;
pub mod quotes;
pub mod templates;
pub mod unattributed_claim;
pub mod unattributed_quote;
pub mod vague;
pub mod vague_source;
pub mod words;

use crate::finding::Finding;
use crate::report::{Source, SourceKind};
use crate::rules::Rule;
pub use anonymous_source::{AnonymousSource, ANONYMOUS_SOURCE};
pub use no_anonymity_reason::{NoAnonymityReason, NO_ANONYMITY_REASON};
pub use unattributed_claim::{UnattributedClaim, UNATTRIBUTED_CLAIM};
pub use unattributed_quote::{UnattributedQuote, UNATTRIBUTED_QUOTE};
pub use vague_source::{VagueSource, VAGUE_SOURCE};

pub static RULES: &[&Rule] = &[
    &UNATTRIBUTED_CLAIM,
    &VAGUE_SOURCE,
    &ANONYMOUS_SOURCE,
    &NO_ANONYMITY_REASON,
    &UNATTRIBUTED_QUOTE,
];

#[cfg(test)]
mod tests;

/// Counts for the source audit's one-line summary (code lens, `copydesk sources`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct AuditCounts {
    pub named: usize,
    pub described: usize,
    pub anonymous: usize,
    pub unattributed_claims: usize,
    pub vague: usize,
    pub unattributed_quotes: usize,
}

impl AuditCounts {
    pub fn of(sources: &[Source], findings: &[Finding]) -> Self {
        let mut c = AuditCounts::default();
        for s in sources {
            match s.kind {
                SourceKind::Named => c.named += 1,
                SourceKind::Described => c.described += 1,
                SourceKind::Anonymous => c.anonymous += 1,
            }
        }
        for f in findings {
            match f.rule {
                r if r == UNATTRIBUTED_CLAIM.id => c.unattributed_claims += 1,
                r if r == VAGUE_SOURCE.id => c.vague += 1,
                r if r == UNATTRIBUTED_QUOTE.id => c.unattributed_quotes += 1,
                _ => {}
            }
        }
        c
    }

    /// "4 named sources, 1 described, 2 anonymous; 3 unattributed claims"
    pub fn summary(&self) -> String {
        fn n(k: usize, one: &str, many: &str) -> String {
            format!("{k} {}", if k == 1 { one } else { many })
        }
        let mut s = format!(
            "{}, {} described, {} anonymous",
            n(self.named, "named source", "named sources"),
            self.described,
            self.anonymous
        );
        let mut problems = Vec::new();
        if self.unattributed_claims > 0 {
            problems.push(n(
                self.unattributed_claims,
                "unattributed claim",
                "unattributed claims",
            ));
        }
        if self.vague > 0 {
            problems.push(n(self.vague, "vague attribution", "vague attributions"));
        }
        if self.unattributed_quotes > 0 {
            problems.push(n(
                self.unattributed_quotes,
                "quote without a speaker",
                "quotes without a speaker",
            ));
        }
        if !problems.is_empty() {
            s.push_str("; ");
            s.push_str(&problems.join(", "));
        }
        s
    }
}
