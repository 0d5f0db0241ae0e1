//! `copydesk strip FILE`: the copy without its copydesk editor's notes and comments, on
//! standard output, ready to file.

use crate::document::Format;

/// The stripped text of `text` (read as Markdown unless `path` names a `.txt` file).
pub fn run(text: &str, path: &str) -> String {
    crate::document::directives::strip(text, Format::from_path(path))
}
