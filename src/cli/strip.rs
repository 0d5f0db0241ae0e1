//! `copydesk strip FILE`: the copy without its copydesk editor's notes and comments, on
//! standard output, ready to file.

/// The stripped text of `text`.
pub fn run(text: &str) -> String {
    crate::document::directives::strip(text)
}
