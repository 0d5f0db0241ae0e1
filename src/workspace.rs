//! The workspace: everything that touches the file system for configuration. Finding the
//! `copydesk.toml` that governs a story, reading it, and writing the "Allow this word" edit.
//! The CLI and the server both come through here; the core below never does I/O.

use crate::config::{allow_word, ConfigError, ConfigPatch, MAX_CONFIG_BYTES};
use std::io::Read;
use std::path::Path;

/// The nearest `copydesk.toml` from `dir` upward, stopping after `root` (the workspace root)
/// or at the filesystem root.
pub fn discover(
    dir: &std::path::Path,
    root: Option<&std::path::Path>,
) -> Option<std::path::PathBuf> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        let candidate = d.join("copydesk.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        if root.is_some_and(|r| d == r) {
            return None;
        }
        cur = d.parent();
    }
    None
}

/// The nearest `copydesk.toml` for a checked file (from its folder upward; see [`discover`]).
/// A relative path is taken from the current directory.
pub fn discover_for_file(
    file: &std::path::Path,
    root: Option<&std::path::Path>,
) -> Option<std::path::PathBuf> {
    let abs = if file.is_absolute() {
        file.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(file)
    };
    let dir = if abs.is_dir() {
        abs.as_path()
    } else {
        abs.parent()?
    };
    discover(dir, root)
}

/// Reads and parses a `copydesk.toml`.
pub fn load(path: &std::path::Path) -> Result<ConfigPatch, ConfigError> {
    // Only a regular file, and never more than the limit: `/dev/zero` or a FIFO named as the
    // config must not read forever or block (issue 14).
    let src = read_bounded(path, MAX_CONFIG_BYTES).map_err(|e| ConfigError {
        line: None,
        message: match e {
            BoundedReadError::Io(e) => format!("cannot read {}: {e}", path.display()),
            BoundedReadError::NotAFile => format!("{} is not a regular file", path.display()),
            BoundedReadError::TooLarge(n) => format!(
                "{} is {n} bytes; a copydesk.toml over 1 MiB is refused",
                path.display()
            ),
        },
    })?;
    let src = String::from_utf8(src).map_err(|_| ConfigError {
        line: None,
        message: format!("cannot read {}: not UTF-8 text", path.display()),
    })?;
    ConfigPatch::from_toml(&src)
}

/// [`allow_word`] for a file on disk: the new full text of `path` (which may not exist yet; the
/// server then creates it, normally at the workspace root, when discovery found none). The caller
/// writes it, or sends it as a whole-file edit.
pub fn allow_word_in_file(path: &std::path::Path, word: &str) -> Result<String, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(src) => allow_word(Some(&src), word),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => allow_word(None, word),
        Err(e) => Err(ConfigError {
            line: None,
            message: format!("cannot read {}: {e}", path.display()),
        }),
    }
}

// Reading a small file without trusting it: `--config /dev/zero` must not read forever and a
// FIFO must not block (issue 14, defect 8). Only regular files are read, and never more than
// the limit plus one byte.

/// Why a file could not be read.
#[derive(Debug)]
pub enum BoundedReadError {
    Io(std::io::Error),
    /// A FIFO, a device, a socket, a directory: not a file to read.
    NotAFile,
    /// Over the limit (at least this many bytes).
    TooLarge(u64),
}

/// Reads a regular file of at most `max` bytes.
pub fn read_bounded(path: &Path, max: usize) -> Result<Vec<u8>, BoundedReadError> {
    // Checked before opening: opening a FIFO for reading blocks until a writer comes.
    let meta = std::fs::metadata(path).map_err(BoundedReadError::Io)?;
    if !meta.is_file() {
        return Err(BoundedReadError::NotAFile);
    }
    if meta.len() > max as u64 {
        return Err(BoundedReadError::TooLarge(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(BoundedReadError::Io)?;
    let mut buf = Vec::new();
    file.take(max as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(BoundedReadError::Io)?;
    if buf.len() > max {
        // It grew (or lied about its size) while being read.
        return Err(BoundedReadError::TooLarge(buf.len() as u64));
    }
    Ok(buf)
}

#[cfg(test)]
mod bounded_tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn devices_are_refused_and_size_is_bounded() {
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), 1024),
            Err(BoundedReadError::NotAFile)
        ));
        let dir = std::env::temp_dir().join(format!("copydesk-bounded-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("f");
        std::fs::write(&f, "abcdef").unwrap();
        assert_eq!(read_bounded(&f, 6).unwrap(), b"abcdef");
        assert!(matches!(
            read_bounded(&f, 5),
            Err(BoundedReadError::TooLarge(6))
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
