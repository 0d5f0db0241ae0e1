//! The `style/` family: mechanical problems a copy editor catches before anything else.

pub mod tk_placeholder;
pub mod unbalanced_quote;
pub mod unused_suppression;
