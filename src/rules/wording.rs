//! The `wording/` family. (Rules arrive with their issue.)

use crate::analysis::{Context, Report};
use crate::rules::Rule;

pub static RULES: &[&Rule] = &[];

pub fn check(_cx: &Context, _report: &mut Report) {}
