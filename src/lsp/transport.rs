//! A guard in front of tower-lsp's reader. tower-lsp 0.20 stops reading stdin for good after one
//! message it cannot decode (its framed reader ends the stream on the first error), so a single
//! malformed message from a client would end the session. This task reads the real stdin, frames
//! messages itself, and forwards only well-formed ones; anything else is logged to stderr and
//! replaced by a harmless notification the server ignores.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tower_lsp::jsonrpc::{Request, Response};

/// Messages larger than this are skipped (a 2 MB story is far below it).
const MAX_MESSAGE: usize = 64 * 1024 * 1024;

/// The stand-in for a message that could not be decoded: an unknown `$/` notification, which the
/// server must ignore.
const REPLACEMENT: &[u8] =
    br#"{"jsonrpc":"2.0","method":"$/copydesk/malformedMessage","params":{}}"#;

/// Returns a reader that yields only well-formed LSP frames read from `input`.
pub fn sanitized<R: AsyncRead + Unpin + Send + 'static>(input: R) -> tokio::io::DuplexStream {
    let (mut tx, rx) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut input = BufReader::with_capacity(1 << 16, input);
        loop {
            let body = match read_frame(&mut input).await {
                Ok(Some(b)) => b,
                Ok(None) => break, // end of input
                Err(e) => {
                    eprintln!("copydesk: unreadable message skipped: {e}");
                    continue;
                }
            };
            let ok = serde_json::from_slice::<Request>(&body).is_ok()
                || serde_json::from_slice::<Response>(&body).is_ok();
            let body: &[u8] = if ok {
                &body
            } else {
                let shown: String = String::from_utf8_lossy(&body).chars().take(200).collect();
                eprintln!("copydesk: malformed JSON-RPC message ignored: {shown}");
                REPLACEMENT
            };
            let header = format!("Content-Length: {}\r\n\r\n", body.len());
            if tx.write_all(header.as_bytes()).await.is_err() || tx.write_all(body).await.is_err() {
                break;
            }
        }
        let _ = tx.shutdown().await;
    });
    rx
}

/// One frame's body. `Ok(None)` at end of input; `Err` for a frame to skip (the reader is left
/// at the next header).
async fn read_frame<R: AsyncRead + Unpin>(
    input: &mut BufReader<R>,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = input.read_until(b'\n', &mut line).await?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank line between frames
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(len) = length else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "a header block without Content-Length",
        ));
    };
    if len > MAX_MESSAGE {
        // Read past it without keeping it.
        let mut skip = (&mut *input).take(len as u64);
        tokio::io::copy(&mut skip, &mut tokio::io::sink()).await?;
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("a {len}-byte message is over the {MAX_MESSAGE}-byte limit"),
        ));
    }
    let mut body = vec![0; len];
    match input.read_exact(&mut body).await {
        Ok(_) => Ok(Some(body)),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}
