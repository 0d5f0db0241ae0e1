//! The server's own stdio transport, in place of tower-lsp's `Server`.
//!
//! tower-lsp 0.20's reader ends the stream on the first frame it cannot decode and trusts every
//! `Content-Length`, so one frame a byte off (a client counting characters, not bytes) loses
//! every later message, `exit` included; and it runs at most four handlers at once, so four stuck
//! requests stop it from reading anything. Here:
//!
//! - [`Framer`] (pure, synchronous) cuts frames out of the byte stream and resynchronises on the
//!   next `Content-Length:` header after anything malformed: a body that is a complete message
//!   followed by junk (length too large) is kept and the junk re-read as the start of the next
//!   header; a truncated body (length too small) is completed up to the next header when that
//!   makes valid JSON. Headers are bounded ([`MAX_HEADER`]); bodies over [`MAX_MESSAGE`] are
//!   skipped without being buffered.
//! - A malformed message that may have been a request is answered with a JSON-RPC error
//!   (-32700 parse error, -32600 invalid request; with its id when one can be read, else null),
//!   logged every time, and shown to the user once.
//! - Every handler runs in its own task, with no limit on how many are in flight; the reader waits
//!   only for each handler's first poll, so handlers still start in arrival order (state changes
//!   happen before a handler's first `.await`: edits are applied in order).
//! - Everything written goes through one writer thread (one ordered queue), with blocking
//!   writes. A write error on stdout ends the session.

use futures::{SinkExt, StreamExt};
use serde_json::Value;
use std::task::Poll;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::mpsc;
use tower_lsp::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp::ClientSocket;
use tower_service::Service;

/// Messages larger than this are skipped (a 2 MB story is far below it).
pub const MAX_MESSAGE: usize = 64 * 1024 * 1024;
/// A header block longer than this is not a header block.
pub const MAX_HEADER: usize = 8 * 1024;
/// How long the input must be quiet before an ambiguous frame (a body that may still be arriving)
/// is decided on.
const IDLE: Duration = Duration::from_millis(150);

const CONTENT_LENGTH: &[u8] = b"content-length:";
/// How much of an oversized body is kept to read its id from.
const SNIFF: usize = 4096;

/// What the framer found.
#[derive(Debug, PartialEq)]
pub enum Event {
    /// A well-formed JSON value (one message).
    Message(Value),
    /// Something malformed. `reply` is set when it may have been a request: answer it.
    Malformed {
        reason: String,
        reply: Option<(Option<Id>, ErrorCode)>,
    },
}

/// Cuts LSP frames out of a byte stream. Feed it with [`Framer::push`], take events with
/// [`Framer::next`].
#[derive(Default)]
pub struct Framer {
    buf: Vec<u8>,
    /// Bytes of an over-long body still to be thrown away as they arrive.
    skip: usize,
    /// A framing problem worked around (the message was still read), for the log.
    pending_note: Option<String>,
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The request id of a message that did not parse, when it can be read from its text.
pub fn sniff_id(bytes: &[u8]) -> Option<Id> {
    let at = find(bytes, b"\"id\"")?;
    let rest = &bytes[at + 4..];
    let rest = &rest[rest.iter().position(|b| !b" \t\r\n".contains(b))?..];
    let rest = rest.strip_prefix(b":")?;
    let rest = &rest[rest.iter().position(|b| !b" \t\r\n".contains(b))?..];
    let mut de = serde_json::Deserializer::from_slice(rest).into_iter::<Value>();
    match de.next()? {
        Ok(Value::Number(n)) => n.as_i64().map(Id::Number),
        Ok(Value::String(s)) => Some(Id::String(s)),
        _ => None,
    }
}

impl Framer {
    pub fn push(&mut self, bytes: &[u8]) {
        if self.skip > 0 {
            let n = self.skip.min(bytes.len());
            self.skip -= n;
            self.buf.extend_from_slice(&bytes[n..]);
        } else {
            self.buf.extend_from_slice(bytes);
        }
    }

    /// Bytes held and not yet framed.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// A framing problem that the last event worked around, if any.
    pub fn take_note(&mut self) -> Option<String> {
        self.pending_note.take()
    }

    fn consume(&mut self, n: usize) {
        self.buf.drain(..n.min(self.buf.len()));
    }

    /// The next event, if the buffer holds one. `idle`: no more input is coming for now (the
    /// input was quiet for a while, or ended), so a frame whose body seems incomplete is decided
    /// on with what is there.
    pub fn next(&mut self, idle: bool) -> Option<Event> {
        loop {
            if self.skip > 0 {
                return None;
            }
            // Blank lines between frames are harmless.
            let ws = self
                .buf
                .iter()
                .position(|b| !b" \t\r\n".contains(b))
                .unwrap_or(self.buf.len());
            self.consume(ws);
            if self.buf.is_empty() {
                return None;
            }
            // The header block ends at the first empty line.
            let head = &self.buf[..self.buf.len().min(MAX_HEADER + 4)];
            let end = find(head, b"\r\n\r\n")
                .map(|i| (i, i + 4))
                .into_iter()
                .chain(find(head, b"\n\n").map(|i| (i, i + 2)))
                .min_by_key(|x| x.0);
            let Some((hend, body_start)) = end else {
                if !self.looks_like_header_prefix() {
                    return self.resync("bytes that are not a header");
                }
                if self.buf.len() > MAX_HEADER {
                    return self.resync("a header that never ends");
                }
                return None;
            };
            // Junk glued to the front of a header line ("}Content-Length: ..." after a body
            // that was longer than announced): drop it.
            if let Some(k) = find_ci(&self.buf[..hend], CONTENT_LENGTH) {
                if k > 0 && self.buf[k - 1] != b'\n' {
                    let text = shown(&self.buf[..k]);
                    self.consume(k);
                    return Some(Event::Malformed {
                        reason: format!("bytes that are not a header ({text})"),
                        reply: None,
                    });
                }
            }
            let header = String::from_utf8_lossy(&self.buf[..hend]).into_owned();
            let mut length: Option<Result<usize, String>> = None;
            let mut bad_line = false;
            for line in header.split('\n') {
                let line = line.trim_end_matches('\r');
                match line.split_once(':') {
                    Some((name, value))
                        if !name.is_empty()
                            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
                    {
                        if name.eq_ignore_ascii_case("content-length") {
                            length = Some(value.trim().parse().map_err(|_| value.trim().into()));
                        }
                    }
                    _ => bad_line = true,
                }
            }
            if bad_line {
                match self.resync("bytes that are not a header") {
                    Some(ev) => return Some(ev),
                    None => {
                        // Nothing before the next header to drop: drop the bad block itself.
                        self.consume(body_start);
                        return Some(Event::Malformed {
                            reason: format!("a bad header block ({})", shown(header.as_bytes())),
                            reply: None,
                        });
                    }
                }
            }
            let len = match length {
                Some(Ok(n)) => n,
                Some(Err(v)) => {
                    self.consume(body_start);
                    return Some(self.resync_keep(format!("a Content-Length of {v:?}")));
                }
                None => {
                    self.consume(body_start);
                    return Some(self.resync_keep("a header without Content-Length".into()));
                }
            };
            if len > MAX_MESSAGE {
                let have = self.buf.len() - body_start;
                // Wait for the start of the body (where the id usually is) before skipping it.
                if have < SNIFF && !idle {
                    return None;
                }
                let id = sniff_id(&self.buf[body_start..self.buf.len().min(body_start + SNIFF)]);
                if have >= len {
                    self.consume(body_start + len);
                } else {
                    self.buf.clear();
                    self.skip = len - have;
                }
                return Some(Event::Malformed {
                    reason: format!("a {len}-byte message is over the {MAX_MESSAGE}-byte limit"),
                    reply: Some((id, ErrorCode::InvalidRequest)),
                });
            }
            if self.buf.len() < body_start + len {
                // The body is not all here yet. When the input has gone quiet, a length that is
                // too large shows as a complete value (perhaps followed by the next frame's
                // start); otherwise wait (a later frame completes the body, and the value is
                // then read from its start below).
                if idle {
                    let got = self.buf.len() - body_start;
                    return Some(self.overlong(body_start, got));
                }
                return None;
            }
            let body = &self.buf[body_start..body_start + len];
            match serde_json::from_slice::<Value>(body) {
                Ok(v) => {
                    self.consume(body_start + len);
                    return Some(Event::Message(v));
                }
                Err(e) if e.is_eof() => {
                    // Too small a length: the rest of the body is before the next header.
                    let after = &self.buf[body_start + len..];
                    const LOOK: usize = 64 * 1024;
                    let next = find_ci(&after[..after.len().min(LOOK)], CONTENT_LENGTH);
                    let Some(k) = next.or(idle.then_some(after.len().min(LOOK))) else {
                        if after.len() > LOOK {
                            let id = sniff_id(body);
                            self.consume(body_start + len);
                            return Some(Event::Malformed {
                                reason: "a truncated message".into(),
                                reply: Some((id, ErrorCode::ParseError)),
                            });
                        }
                        return None;
                    };
                    let whole = &self.buf[body_start..body_start + len + k];
                    let ev = match serde_json::from_slice::<Value>(whole) {
                        Ok(v) => Event::Message(v),
                        Err(_) => Event::Malformed {
                            reason: format!("a message shorter than its Content-Length of {len}"),
                            reply: Some((sniff_id(whole), ErrorCode::ParseError)),
                        },
                    };
                    let recovered = matches!(ev, Event::Message(_));
                    self.consume(body_start + len + k);
                    if recovered {
                        // Still worth telling: the client's framing is wrong.
                        self.pending_note =
                            Some(format!("a Content-Length of {len} is {} bytes short", k));
                    }
                    return Some(ev);
                }
                Err(_) => return Some(self.overlong(body_start, len)),
            }
        }
    }

    /// A body (`got` bytes read of it) that does not parse: keep a complete first value and
    /// re-read what follows it as the next header; else drop up to the next header.
    fn overlong(&mut self, body_start: usize, got: usize) -> Event {
        let body = &self.buf[body_start..body_start + got];
        let mut de = serde_json::Deserializer::from_slice(body).into_iter::<Value>();
        if let Some(Ok(v)) = de.next() {
            let used = de.byte_offset();
            self.consume(body_start + used);
            self.pending_note = Some("a Content-Length longer than its message".into());
            return Event::Message(v);
        }
        let id = sniff_id(body);
        let k = find_ci(&body[1.min(body.len())..], CONTENT_LENGTH)
            .map(|k| k + 1)
            .unwrap_or(got);
        let text = shown(body);
        self.consume(body_start + k);
        Event::Malformed {
            reason: format!("an unreadable message ({text})"),
            reply: Some((id, ErrorCode::ParseError)),
        }
    }

    /// Could the buffer still become a header block?
    fn looks_like_header_prefix(&self) -> bool {
        let line_end = self
            .buf
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(self.buf.len());
        let first = &self.buf[..line_end];
        let name_len = first
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-'))
            .unwrap_or(first.len());
        name_len > 0 && (name_len == first.len() || first[name_len] == b':')
    }

    /// Drops bytes up to the next `Content-Length:` after the start of the buffer (None when
    /// there is nothing to drop yet).
    fn resync(&mut self, what: &str) -> Option<Event> {
        let from = 1.min(self.buf.len());
        let k = find_ci(&self.buf[from..], CONTENT_LENGTH).map(|k| k + from);
        let dropped = match k {
            Some(k) => k,
            // Keep a tail that may be the start of a header.
            None => self.buf.len().saturating_sub(CONTENT_LENGTH.len()),
        };
        if dropped == 0 {
            return None;
        }
        let text = shown(&self.buf[..dropped]);
        self.consume(dropped);
        Some(Event::Malformed {
            reason: format!("{what} ({text})"),
            reply: None,
        })
    }

    /// After a header block that cannot be used: its body (if any) runs to the next header.
    fn resync_keep(&mut self, what: String) -> Event {
        let k = find_ci(&self.buf, CONTENT_LENGTH).unwrap_or(self.buf.len());
        let id = sniff_id(&self.buf[..k]);
        self.consume(k);
        Event::Malformed {
            reason: what,
            reply: Some((id, ErrorCode::ParseError)),
        }
    }
}

fn shown(bytes: &[u8]) -> String {
    let s: String = String::from_utf8_lossy(bytes).chars().take(80).collect();
    format!("{s:?}")
}

/// What the writer sends: one JSON body per frame.
pub type Outgoing = mpsc::UnboundedSender<Vec<u8>>;

fn error_reply(id: Option<Id>, code: ErrorCode, message: String) -> Vec<u8> {
    let r = Response::from_error(
        id.unwrap_or(Id::Null),
        Error {
            code,
            message: message.into(),
            data: None,
        },
    );
    serde_json::to_vec(&r).unwrap_or_default()
}

fn notification(method: &str, params: Value) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"jsonrpc": "2.0", "method": method, "params": params}))
        .unwrap_or_default()
}

/// A message read: a request or notification for the server, a response for the client side,
/// or something to answer with an error.
enum Incoming {
    Request(Request),
    Response(Response),
    Invalid(Option<Id>, String),
}

fn classify(v: Value) -> Incoming {
    let id = match v.get("id") {
        Some(Value::Number(n)) => n.as_i64().map(Id::Number),
        Some(Value::String(s)) => Some(Id::String(s.clone())),
        _ => None,
    };
    let Value::Object(m) = &v else {
        return Incoming::Invalid(None, "a message must be a JSON object".into());
    };
    if m.contains_key("method") {
        match serde_json::from_value::<Request>(v) {
            Ok(r) => Incoming::Request(r),
            Err(e) => Incoming::Invalid(id, format!("not a valid request: {e}")),
        }
    } else if m.contains_key("result") || m.contains_key("error") {
        match serde_json::from_value::<Response>(v) {
            Ok(r) => Incoming::Response(r),
            Err(e) => Incoming::Invalid(None, format!("not a valid response: {e}")),
        }
    } else {
        Incoming::Invalid(id, "neither a request nor a response".into())
    }
}

/// Tells the user about framing problems: each one in the log (stderr and `window/logMessage`),
/// the first one also with `window/showMessage`.
struct Complaints {
    out: Outgoing,
    shown: bool,
}

impl Complaints {
    fn note(&mut self, what: &str) {
        eprintln!("copydesk: malformed input from the editor: {what}");
        let _ = self.out.send(notification(
            "window/logMessage",
            serde_json::json!({"type": 2, "message": format!("copydesk: malformed input from the editor: {what}")}),
        ));
        if !self.shown {
            self.shown = true;
            let _ = self.out.send(notification(
                "window/showMessage",
                serde_json::json!({"type": 2, "message": format!("copydesk: the editor sent a malformed message ({what}). The server skipped it and carried on; further problems are only logged.")}),
            ));
        }
    }
}

/// Serves `service` over `input`/`output` until the input ends or the output fails. `out` is the
/// writer's queue (its receiver `out_rx`): the backend may send pre-serialised bodies through it.
pub async fn serve<I, O, S>(
    input: I,
    output: O,
    mut service: S,
    socket: ClientSocket,
    out: Outgoing,
    mut out_rx: mpsc::UnboundedReceiver<Vec<u8>>,
) where
    I: AsyncRead + Unpin + Send + 'static,
    O: std::io::Write + Send + 'static,
    S: Service<Request, Response = Option<Response>> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: std::fmt::Display + Send + 'static,
{
    let (mut client_requests, mut client_responses) = socket.split();

    // Server-to-client messages (notifications and requests through tower-lsp's `Client`).
    let fwd = out.clone();
    let forward = tokio::spawn(async move {
        while let Some(req) = client_requests.next().await {
            match serde_json::to_vec(&req) {
                Ok(b) => {
                    if fwd.send(b).is_err() {
                        break;
                    }
                }
                Err(e) => eprintln!("copydesk: cannot encode a message: {e}"),
            }
        }
    });

    // The one writer: a thread of its own, writing with blocking calls. A publication made on
    // the analysis thread reaches the editor through one hand-off (not a runtime task and then
    // a blocking-pool write per chunk), and a large one is written where it is, not copied
    // into a frame first.
    let (dead_tx, mut dead_rx) = tokio::sync::oneshot::channel::<()>();
    let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
    let writer = std::thread::Builder::new()
        .name("copydesk-writer".into())
        .spawn(move || {
            let mut output = output;
            while let Some(body) = out_rx.blocking_recv() {
                let t0 = std::time::Instant::now();
                // Flush only when nothing else is queued.
                let res = write_frame(&mut output, &body, out_rx.is_empty());
                if *super::server::TRACE && body.len() > 4096 {
                    eprintln!(
                        "trace write {} B in {:.2} ms",
                        body.len(),
                        t0.elapsed().as_secs_f64() * 1000.0
                    );
                }
                if let Err(e) = res {
                    eprintln!("copydesk: cannot write to the editor: {e}");
                    let _ = dead_tx.send(());
                    return;
                }
            }
            let _ = done_tx.send(());
        });
    if let Err(e) = writer {
        eprintln!("copydesk: cannot start the writer thread: {e}");
        forward.abort();
        return;
    }

    // The reader: bytes from a task of its own, so that waiting with a timeout never cancels a
    // read half-way.
    let (in_tx, mut in_rx) = mpsc::channel::<Vec<u8>>(4);
    tokio::spawn(async move {
        let mut input = input;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match input.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if in_tx.send(buf[..n].to_vec()).await.is_err() {
                        break;
                    }
                }
            }
        }
    });

    let mut framer = Framer::default();
    let mut complaints = Complaints {
        out: out.clone(),
        shown: false,
    };
    let mut ended = false;
    // Input went quiet with bytes held (armed again by new input).
    let mut idle = false;
    let mut armed = false;
    'read: loop {
        // Take every event the buffer holds.
        while let Some(ev) = framer.next(idle || ended) {
            if let Some(note) = framer.take_note() {
                complaints.note(&note);
            }
            match ev {
                Event::Malformed { reason, reply } => {
                    complaints.note(&reason);
                    if let Some((id, code)) = reply {
                        let _ = out.send(error_reply(id, code, format!("copydesk: {reason}")));
                    }
                }
                Event::Message(v) => match classify(v) {
                    Incoming::Invalid(id, why) => {
                        complaints.note(&why);
                        let _ = out.send(error_reply(id, ErrorCode::InvalidRequest, why));
                    }
                    Incoming::Response(r) => {
                        if client_responses.send(r).await.is_err() {
                            eprintln!("copydesk: a response from the editor arrived after the end");
                        }
                    }
                    Incoming::Request(req) => {
                        if let Err(e) = futures::future::poll_fn(|cx| service.poll_ready(cx)).await
                        {
                            eprintln!("copydesk: the server stopped: {e}");
                            break 'read;
                        }
                        let fut = service.call(req);
                        let reply = out.clone();
                        let (first_tx, first_rx) = tokio::sync::oneshot::channel::<()>();
                        tokio::spawn(async move {
                            let mut fut = std::pin::pin!(fut);
                            // The first poll runs the handler up to its first `.await`: in
                            // arrival order, since the reader waits for it.
                            let polled = futures::poll!(fut.as_mut());
                            let _ = first_tx.send(());
                            let res = match polled {
                                Poll::Ready(r) => r,
                                Poll::Pending => fut.await,
                            };
                            match res {
                                Ok(Some(resp)) => {
                                    if let Ok(b) = serde_json::to_vec(&resp) {
                                        let _ = reply.send(b);
                                    }
                                }
                                Ok(None) => {}
                                Err(e) => eprintln!("copydesk: handler error: {e}"),
                            }
                        });
                        let _ = first_rx.await;
                    }
                },
            }
        }
        idle = false;
        if ended {
            break;
        }
        tokio::select! {
            chunk = in_rx.recv() => match chunk {
                Some(bytes) => {
                    framer.push(&bytes);
                    armed = true;
                }
                None => ended = true,
            },
            _ = tokio::time::sleep(IDLE), if armed && framer.buffered() > 0 => {
                idle = true;
                armed = false;
            },
            _ = &mut dead_rx => break,
        }
    }
    forward.abort();
    drop(out);
    drop(complaints);
    let _ = done_rx.await;
}

/// Writes one frame (header and body) and, when `flush`, flushes: the header and the body go
/// out in one vectored write where the output takes one.
fn write_frame(out: &mut impl std::io::Write, body: &[u8], flush: bool) -> std::io::Result<()> {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    let mut parts = [
        std::io::IoSlice::new(header.as_bytes()),
        std::io::IoSlice::new(body),
    ];
    let mut parts = &mut parts[..];
    while !parts.is_empty() {
        match out.write_vectored(parts) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => std::io::IoSlice::advance_slices(&mut parts, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    if flush {
        out.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame_of(body: &str, len: usize) -> Vec<u8> {
        let mut v = format!("Content-Length: {len}\r\n\r\n").into_bytes();
        v.extend_from_slice(body.as_bytes());
        v
    }

    fn all(f: &mut Framer, idle: bool) -> Vec<Event> {
        std::iter::from_fn(|| f.next(idle)).collect()
    }

    fn ids(evs: &[Event]) -> Vec<String> {
        evs.iter()
            .map(|e| match e {
                Event::Message(v) => format!("msg {}", v["id"]),
                Event::Malformed {
                    reply: Some((id, c)),
                    ..
                } => {
                    format!("err {} {:?}", serde_json::to_string(id).unwrap(), c.code())
                }
                Event::Malformed { reply: None, .. } => "junk".into(),
            })
            .collect()
    }

    /// Every byte split of a stream with a short, a long and a right frame gives the same events.
    #[test]
    fn resynchronises_whatever_the_read_boundaries() {
        let a = r#"{"jsonrpc":"2.0","id":1,"method":"a","params":{"t":"“é”"}}"#;
        let b = r#"{"jsonrpc":"2.0","id":2,"method":"b"}"#;
        let c = r#"{"jsonrpc":"2.0","id":3,"method":"c"}"#;
        let mut stream = frame_of(a, a.chars().count()); // counts characters: too short
        stream.extend(frame_of(b, b.len() + 1)); // one byte too long
        stream.extend(frame_of(c, c.len()));
        for split in 0..stream.len() {
            let mut f = Framer::default();
            let mut evs = Vec::new();
            f.push(&stream[..split]);
            evs.extend(all(&mut f, false));
            f.push(&stream[split..]);
            evs.extend(all(&mut f, false));
            evs.extend(all(&mut f, true));
            let got: Vec<String> = ids(&evs).into_iter().filter(|s| s != "junk").collect();
            assert_eq!(got, ["msg 1", "msg 2", "msg 3"], "split at {split}");
        }
    }

    #[test]
    fn oversized_bodies_are_skipped_with_their_id_even_when_the_header_comes_alone() {
        let mut f = Framer::default();
        let len = MAX_MESSAGE + 10;
        f.push(format!("Content-Length: {len}\r\n\r\n").as_bytes());
        assert!(all(&mut f, false).is_empty());
        let head = br#"{"jsonrpc":"2.0","id":77,"method":"x","params":""#;
        f.push(head);
        f.push(&vec![b'a'; SNIFF]);
        let evs = all(&mut f, false);
        assert_eq!(ids(&evs), ["err 77 -32600"]);
        let rest = len - head.len() - SNIFF;
        f.push(&vec![b'a'; rest]);
        f.push(&frame_of(r#"{"jsonrpc":"2.0","id":5,"method":"y"}"#, 37));
        assert_eq!(ids(&all(&mut f, false)), ["msg 5"]);
    }

    #[test]
    fn headers_that_never_end_are_bounded() {
        let mut f = Framer::default();
        f.push(&vec![b'X'; 100_000]);
        let _ = all(&mut f, false);
        assert!(f.buffered() <= MAX_HEADER);
        f.push(&frame_of(r#"{"jsonrpc":"2.0","id":5,"method":"y"}"#, 37));
        let got: Vec<String> = ids(&all(&mut f, false))
            .into_iter()
            .filter(|s| s != "junk")
            .collect();
        assert_eq!(got, ["msg 5"]);
    }

    #[test]
    fn truncated_bodies_answer_with_their_id() {
        let mut f = Framer::default();
        let broken = r#"{"jsonrpc":"2.0","id":9,"method":"x","params":{"#;
        f.push(&frame_of(broken, broken.len()));
        f.push(b"junk\r\n");
        f.push(&frame_of(r#"{"jsonrpc":"2.0","id":5,"method":"y"}"#, 37));
        let got: Vec<String> = ids(&all(&mut f, false))
            .into_iter()
            .filter(|s| s != "junk")
            .collect();
        assert_eq!(got, ["err 9 -32700", "msg 5"]);
    }
}
