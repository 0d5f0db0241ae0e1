//! Reading a small file without trusting it: `--config /dev/zero` must not read forever and a
//! FIFO must not block (issue 14, defect 8). Only regular files are read, and never more than
//! the limit plus one byte.

use std::io::Read;
use std::path::Path;

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
pub fn read(path: &Path, max: usize) -> Result<Vec<u8>, BoundedReadError> {
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
mod tests {
    use super::*;

    #[test]
    fn devices_are_refused_and_size_is_bounded() {
        assert!(matches!(
            read(Path::new("/dev/zero"), 1024),
            Err(BoundedReadError::NotAFile)
        ));
        let dir = std::env::temp_dir().join(format!("copydesk-bounded-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("f");
        std::fs::write(&f, "abcdef").unwrap();
        assert_eq!(read(&f, 6).unwrap(), b"abcdef");
        assert!(matches!(read(&f, 5), Err(BoundedReadError::TooLarge(6))));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
