//! The language server's stdio transport: the LSP base protocol (`Content-Length` framing)
//! made to survive its client. A malformed header, a wrong or huge `Content-Length`, a body
//! that is not UTF-8 or not JSON, or JSON that is not a message never ends the server: each
//! becomes a JSON-RPC error for the main loop to answer (`-32700`, or `-32600` for JSON that is
//! not a message), and reading goes on at the next header. Header lines and bodies are capped.

use std::io::{BufRead, Read, Write};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, RequestId};
use serde_json::{Value, json};

/// The largest message body the server reads; a larger one is refused unread.
pub const MAX_MESSAGE_BYTES: u64 = 64 * 1024 * 1024;

/// The longest header line; a longer one is not a header.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// The notification the reader hands the main loop for input it could not take as a message.
pub const TRANSPORT_ERROR: &str = "$/rootlint/transportError";

/// What the transport left running: the writer, which the server joins so that every reply is
/// written before it exits. The reader blocks on standard input and ends with the process.
pub struct Transport {
    writer: std::thread::JoinHandle<()>,
}

impl Transport {
    pub fn join(self) -> Result<(), String> {
        self.writer
            .join()
            .map_err(|_| "the stdio writer failed".to_string())
    }
}

pub fn stdio() -> (Connection, Transport) {
    let (to_writer, from_server): (Sender<Message>, Receiver<Message>) =
        crossbeam_channel::unbounded();
    let writer = std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for message in from_server {
            let text = encode(&message);
            let written = write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())
                .and_then(|()| out.flush());
            if written.is_err() {
                break;
            }
        }
    });
    let (to_server, from_reader) = crossbeam_channel::bounded(0);
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        while let Some(frame) = read_frame(&mut input) {
            if to_server.send(frame).is_err() {
                break;
            }
        }
    });
    (
        Connection {
            sender: to_writer,
            receiver: from_reader,
        },
        Transport { writer },
    )
}

/// The next message, or a transport-error notification; `None` at the end of the input.
pub fn read_frame(input: &mut impl BufRead) -> Option<Message> {
    let mut length: Option<Result<u64, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .ok()?;
        if n == 0 {
            return None;
        }
        if !line.ends_with(b"\n") && n as u64 == MAX_HEADER_LINE {
            // A header line past the cap: not a header; skip the rest of it.
            let mut rest = Vec::new();
            loop {
                rest.clear();
                let m = input
                    .by_ref()
                    .take(MAX_HEADER_LINE)
                    .read_until(b'\n', &mut rest)
                    .ok()?;
                if m == 0 || rest.ends_with(b"\n") {
                    break;
                }
            }
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<u64>()
                    .map_err(|_| format!("`Content-Length: {}` is not a length", value.trim())),
            );
        }
    }
    let length = match length {
        None => {
            return Some(error(
                None,
                ErrorCode::ParseError,
                "a message without `Content-Length`",
            ));
        }
        Some(Err(e)) => return Some(error(None, ErrorCode::ParseError, &e)),
        Some(Ok(n)) if n > MAX_MESSAGE_BYTES => {
            return Some(error(
                None,
                ErrorCode::ParseError,
                &format!(
                    "a message of {n} bytes, more than the {MAX_MESSAGE_BYTES} rootlint reads; skipped to the next header"
                ),
            ));
        }
        Some(Ok(n)) => n,
    };
    let mut body = Vec::new();
    input.by_ref().take(length).read_to_end(&mut body).ok()?;
    if (body.len() as u64) < length {
        return None;
    }
    let Ok(text) = String::from_utf8(body) else {
        return Some(error(
            None,
            ErrorCode::ParseError,
            "the message is not valid UTF-8",
        ));
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            return Some(error(
                None,
                ErrorCode::ParseError,
                &format!("parse error: {e}"),
            ));
        }
    };
    let id = request_id(&value);
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Some(m),
        Err(e) => Some(error(
            id,
            ErrorCode::InvalidRequest,
            &format!("not a JSON-RPC message: {e}"),
        )),
    }
}

/// The id that stands for JSON-RPC's `null` (a reply to a request whose id could not be read);
/// `RequestId` itself cannot be null.
pub fn null_id() -> RequestId {
    RequestId::from("\u{0}null".to_string())
}

/// A message as JSON-RPC text, with the null id written as `null`.
fn encode(message: &Message) -> String {
    let mut value = serde_json::to_value(message).unwrap_or(Value::Null);
    value["jsonrpc"] = json!("2.0");
    if let Message::Response(r) = message
        && r.id == null_id()
    {
        value["id"] = Value::Null;
    }
    value.to_string()
}

fn request_id(value: &Value) -> Option<RequestId> {
    match &value["id"] {
        Value::Number(n) => n
            .as_i64()
            .and_then(|i| i32::try_from(i).ok())
            .map(RequestId::from),
        Value::String(s) => Some(RequestId::from(s.clone())),
        _ => None,
    }
}

fn error(id: Option<RequestId>, code: ErrorCode, message: &str) -> Message {
    Message::Notification(Notification::new(
        TRANSPORT_ERROR.to_string(),
        json!({ "id": id, "code": code as i32, "message": message }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Message> {
        let mut reader = std::io::BufReader::new(input);
        std::iter::from_fn(|| read_frame(&mut reader)).collect()
    }

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn is_error(m: &Message, code: ErrorCode) -> bool {
        matches!(m, Message::Notification(n) if n.method == TRANSPORT_ERROR && n.params["code"] == code as i32)
    }

    #[test]
    fn bad_input_becomes_errors_and_reading_goes_on() {
        let ok = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let mut input = Vec::new();
        input.extend(frame("{not json"));
        input.extend(b"Content-Length: 1000000000000000\r\n\r\n");
        input.extend(frame(ok));
        input.extend(b"Content-Type: x\r\n\r\n");
        input.extend(frame(ok));
        let mut utf = b"Content-Length: 2\r\n\r\n".to_vec();
        utf.extend([0xff, 0xfe]);
        input.extend(utf);
        input.extend(frame(
            r#"{"jsonrpc":"2.0","id":2,"method":"x","params":{"s":"\ud800"}}"#,
        ));
        input.extend(frame(r#"{"jsonrpc":"2.0","id":3}"#));
        input.extend(frame(ok));
        let got = frames(&input);
        assert!(is_error(&got[0], ErrorCode::ParseError));
        assert!(is_error(&got[1], ErrorCode::ParseError));
        assert!(matches!(&got[2], Message::Request(r) if r.method == "shutdown"));
        assert!(is_error(&got[3], ErrorCode::ParseError));
        assert!(matches!(&got[4], Message::Request(_)));
        assert!(is_error(&got[5], ErrorCode::ParseError));
        assert!(is_error(&got[6], ErrorCode::ParseError));
        assert!(matches!(
            &got[7],
            Message::Response(_) | Message::Notification(_)
        ));
        assert!(matches!(got.last(), Some(Message::Request(r)) if r.method == "shutdown"));
    }

    #[test]
    fn a_huge_header_line_is_skipped() {
        let mut input = vec![b'x'; 100_000];
        input.push(b'\n');
        input.extend(frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#));
        let got = frames(&input);
        assert!(matches!(got.last(), Some(Message::Request(_))), "{got:?}");
    }
}
