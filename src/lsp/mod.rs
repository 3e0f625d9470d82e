//! `rootlint lsp`: a language server over stdio (lsp-server, the synchronous scaffold that
//! rust-analyzer and ruff use). It runs the same engine as the CLI, with facts cached per file
//! (`rootlint_analyzer::incremental`): an edit re-parses that file only, then resolution,
//! the call graph and the lints run again, and diagnostics are republished for every file
//! whose diagnostics changed, cleared ones included.

mod convert;
mod features;
pub mod transport;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use rootlint_analyzer::Analysis;
use rootlint_analyzer::diagnostic::Level;
use rootlint_analyzer::incremental::Engine;
use rootlint_lints::engine::{self, Outcome, Settings};
use serde_json::{Value, json};

use crate::config;

/// Edits arriving closer together than this (a client flushing several changes at once) are
/// analyzed once.
const DEBOUNCE: Duration = Duration::from_millis(5);

/// Runs the server until `exit`; the process's exit code is 0 after `shutdown`, 1 otherwise
/// (as the LSP specification says).
pub fn run(config_path: Option<PathBuf>) -> Result<u8, String> {
    let (connection, transport) = transport::stdio();
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("initialize: {e}"))?;
    let root = root_of(&params).unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
    // A workspace at the top of the file system would have the server walk all of it.
    if root.parent().is_none() {
        let message = format!(
            "refusing `{}` as the workspace root: it is the whole file system",
            root.display()
        );
        let _ = connection.sender.send(Message::Response(Response::new_err(
            id,
            ErrorCode::InvalidParams as i32,
            message.clone(),
        )));
        drop(connection);
        transport.join()?;
        return Err(message);
    }
    let capabilities = json!({
        "positionEncoding": "utf-16",
        "textDocumentSync": {"openClose": true, "change": 1, "save": {"includeText": false}},
        "hoverProvider": true,
        "definitionProvider": true,
        "codeActionProvider": {"codeActionKinds": ["quickfix"]},
    });
    // The reply, without waiting for `initialized` (lsp-server's `initialize_finish` would
    // refuse anything else next, `exit` included); the main loop takes it as it comes.
    let _ = connection.sender.send(Message::Response(Response::new_ok(
        id,
        json!({"capabilities": capabilities, "serverInfo": {"name": "rootlint", "version": env!("CARGO_PKG_VERSION")}}),
    )));
    let mut server = Server::new(&connection, &root, config_path.as_deref());
    let code = server.main_loop();
    drop(server);
    drop(connection);
    transport.join()?;
    Ok(code)
}

fn root_of(params: &Value) -> Option<PathBuf> {
    let uri = params["workspaceFolders"][0]["uri"]
        .as_str()
        .or(params["rootUri"].as_str());
    uri.and_then(convert::uri_to_path)
        .or_else(|| params["rootPath"].as_str().map(PathBuf::from))
}

pub(crate) struct Server<'c> {
    connection: &'c Connection,
    engine: Engine,
    settings: Settings,
    /// Open documents by relative path: (version, text).
    open: HashMap<String, (i64, String)>,
    analysis: Option<std::sync::Arc<Analysis>>,
    outcome: Option<Outcome>,
    /// What was last published, by relative path.
    published: BTreeMap<String, Value>,
    /// The config could not be read: reported once, defaults used.
    config_error: Option<String>,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection, root: &Path, config_path: Option<&Path>) -> Server<'c> {
        let (config, config_error) = match config::load(root, config_path) {
            Ok(c) => (c, None),
            Err(e) => (config::Config::default(), Some(e)),
        };
        let settings = config.settings();
        let options = rootlint_analyzer::Options {
            exclude: config.exclude,
            external_endpoints: config.endpoints,
            ..Default::default()
        };
        Server {
            connection,
            engine: Engine::new(root, options),
            settings,
            open: HashMap::new(),
            analysis: None,
            outcome: None,
            published: BTreeMap::new(),
            config_error,
        }
    }

    /// Serves until `exit` (or the end of the input); returns the process's exit code.
    fn main_loop(&mut self) -> u8 {
        if let Some(e) = self.config_error.clone() {
            self.notify(
                "window/showMessage",
                json!({"type": 1, "message": format!("rootlint: {e}; using defaults")}),
            );
        }
        let mut due: Option<(Instant, Option<String>)> = None;
        let mut shut_down = false;
        loop {
            let msg = match &due {
                Some((at, _)) => match self
                    .connection
                    .receiver
                    .recv_timeout(at.saturating_duration_since(Instant::now()))
                {
                    Ok(m) => Some(m),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return 1,
                },
                None => match self.connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return 1,
                },
            };
            match msg {
                None => {
                    let (_, trigger) = due.take().unwrap_or((Instant::now(), None));
                    self.refresh(trigger.as_deref());
                }
                Some(Message::Request(req)) => {
                    let refusal =
                        match req.method.as_str() {
                            "shutdown" if !shut_down => {
                                shut_down = true;
                                let _ = self.connection.sender.send(Message::Response(
                                    Response::new_ok(req.id, serde_json::Value::Null),
                                ));
                                continue;
                            }
                            _ if shut_down => Some("the server is shutting down"),
                            "initialize" => Some("the server is already initialized"),
                            _ => None,
                        };
                    if let Some(message) = refusal {
                        let _ = self
                            .connection
                            .sender
                            .send(Message::Response(Response::new_err(
                                req.id,
                                ErrorCode::InvalidRequest as i32,
                                message.to_string(),
                            )));
                        continue;
                    }
                    // Answer from the latest edits.
                    if let Some((_, trigger)) = due.take() {
                        self.refresh(trigger.as_deref());
                    }
                    let response = self.request(req);
                    let _ = self.connection.sender.send(Message::Response(response));
                }
                Some(Message::Notification(n)) if n.method == "exit" => {
                    return if shut_down { 0 } else { 1 };
                }
                Some(Message::Notification(n)) if n.method == transport::TRANSPORT_ERROR => {
                    // JSON-RPC: the id is null when the request's id could not be read.
                    let id = serde_json::from_value(n.params["id"].clone())
                        .unwrap_or_else(|_| transport::null_id());
                    let code = n.params["code"]
                        .as_i64()
                        .unwrap_or(ErrorCode::ParseError as i64);
                    let message = n.params["message"].as_str().unwrap_or_default().to_string();
                    let response = Response::new_err(id, code as i32, message);
                    let _ = self.connection.sender.send(Message::Response(response));
                }
                Some(Message::Notification(n)) if shut_down => drop(n),
                Some(Message::Notification(n)) => match self.notification(n) {
                    Change::None => {}
                    Change::Now(rel) => {
                        due = None;
                        self.refresh(rel.as_deref());
                    }
                    Change::Debounced(rel) => due = Some((Instant::now() + DEBOUNCE, rel)),
                },
                Some(Message::Response(_)) => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let _ = self
            .connection
            .sender
            .send(Message::Notification(Notification::new(
                method.to_string(),
                params,
            )));
    }

    fn rel_of(&self, uri: &str) -> Option<String> {
        let path = convert::uri_to_path(uri)?;
        let rel = path.strip_prefix(self.engine.root()).ok()?;
        Some(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    }

    fn notification(&mut self, n: Notification) -> Change {
        let uri = n.params["textDocument"]["uri"].as_str().map(str::to_string);
        let rel = uri.as_deref().and_then(|u| self.rel_of(u));
        match (n.method.as_str(), rel) {
            ("textDocument/didOpen", Some(rel)) => {
                let doc = &n.params["textDocument"];
                let (Some(text), version) =
                    (doc["text"].as_str(), doc["version"].as_i64().unwrap_or(0))
                else {
                    return Change::None;
                };
                self.open.insert(rel.clone(), (version, text.to_string()));
                if !self.engine.knows(&rel) {
                    self.engine.rescan();
                }
                Change::Now(Some(rel))
            }
            ("textDocument/didChange", Some(rel)) => {
                let version = n.params["textDocument"]["version"].as_i64().unwrap_or(0);
                // Full-document sync: the last change holds the whole text.
                let Some(text) = n.params["contentChanges"]
                    .as_array()
                    .and_then(|c| c.last())
                    .and_then(|c| c["text"].as_str())
                else {
                    return Change::None;
                };
                self.open.insert(rel.clone(), (version, text.to_string()));
                Change::Debounced(Some(rel))
            }
            ("textDocument/didSave", Some(rel)) => {
                self.engine.invalidate(&rel);
                self.engine.rescan();
                Change::Now(Some(rel))
            }
            ("textDocument/didClose", Some(rel)) => {
                self.open.remove(&rel);
                self.engine.invalidate(&rel);
                Change::Now(None)
            }
            ("workspace/didChangeWatchedFiles", _) => {
                for change in n.params["changes"].as_array().into_iter().flatten() {
                    if let Some(rel) = change["uri"].as_str().and_then(|u| self.rel_of(u)) {
                        self.engine.invalidate(&rel);
                    }
                }
                self.engine.rescan();
                Change::Now(None)
            }
            // Documents outside the workspace, and notifications rootlint does not use.
            _ => Change::None,
        }
    }

    /// Analyzes with the open buffers and publishes what changed. `trigger` is always
    /// republished, so that a client sees a reply to every edit.
    fn refresh(&mut self, trigger: Option<&str>) {
        let overlays: HashMap<String, String> = self
            .open
            .iter()
            .map(|(k, (_, t))| (k.clone(), t.clone()))
            .collect();
        let engine = &mut self.engine;
        let settings = &self.settings;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let analysis = engine.analyze(&overlays);
            let outcome = engine::check(&analysis, settings);
            (analysis, outcome)
        }));
        let (analysis, outcome) = match result {
            Ok(r) => r,
            Err(_) => {
                self.notify("window/logMessage", json!({"type": 1, "message": "rootlint: internal error during analysis; diagnostics not updated"}));
                return;
            }
        };
        let mut by_file: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        let mut texts: HashMap<String, String> = HashMap::new();
        for d in outcome
            .diagnostics
            .iter()
            .filter(|d| d.suppressed.is_none() && d.level != Level::Allow)
        {
            let text = texts
                .entry(d.file.clone())
                .or_insert_with(|| self.text_of(&d.file, &analysis));
            let lint = rootlint_lints::find(d.lint);
            let mut message = d.message.clone();
            if let Some(l) = &d.label {
                message.push_str(&format!("\n{l}"));
            }
            for n in &d.notes {
                message.push_str(&format!("\nnote: {n}"));
            }
            by_file.entry(d.file.clone()).or_default().push(json!({
                "range": convert::range(text, &d.span),
                "severity": if d.level == Level::Deny { 1 } else { 2 },
                "code": d.lint,
                "codeDescription": {"href": lint.map(|l| l.help_uri()).unwrap_or_default()},
                "source": "rootlint",
                "message": message,
            }));
        }
        let mut files: Vec<String> = by_file
            .keys()
            .chain(self.published.keys())
            .cloned()
            .collect();
        if let Some(t) = trigger {
            files.push(t.to_string());
        }
        files.sort();
        files.dedup();
        for rel in files {
            let diagnostics = Value::Array(by_file.remove(&rel).unwrap_or_default());
            let unchanged = self.published.get(&rel) == Some(&diagnostics);
            if unchanged && trigger != Some(rel.as_str()) {
                continue;
            }
            let mut params = json!({
                "uri": convert::path_to_uri(&self.engine.root().join(&rel)),
                "diagnostics": diagnostics,
            });
            if let Some((version, _)) = self.open.get(&rel) {
                params["version"] = json!(version);
            }
            self.notify("textDocument/publishDiagnostics", params);
            if diagnostics.as_array().is_some_and(|a| a.is_empty()) {
                self.published.remove(&rel);
            } else {
                self.published.insert(rel, diagnostics);
            }
        }
        self.analysis = Some(analysis);
        self.outcome = Some(outcome);
    }

    /// The text a diagnostic's positions refer to: the open buffer, else the file on disk.
    pub(crate) fn text_of(&self, rel: &str, analysis: &Analysis) -> String {
        match self.open.get(rel) {
            Some((_, t)) => t.clone(),
            None => std::fs::read_to_string(analysis.root.join(rel)).unwrap_or_default(),
        }
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.answer(&req)));
        match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "rootlint: internal error".into(),
            ),
        }
    }

    fn answer(&mut self, req: &Request) -> Result<Value, (ErrorCode, String)> {
        let invalid = |what: &str| (ErrorCode::InvalidParams, format!("{}: {what}", req.method));
        let position = || -> Result<(String, u32, u32), (ErrorCode, String)> {
            let uri = req.params["textDocument"]["uri"]
                .as_str()
                .ok_or_else(|| invalid("missing textDocument.uri"))?;
            let line = req.params["position"]["line"]
                .as_u64()
                .ok_or_else(|| invalid("missing position.line"))?;
            let character = req.params["position"]["character"]
                .as_u64()
                .ok_or_else(|| invalid("missing position.character"))?;
            Ok((uri.to_string(), line as u32, character as u32))
        };
        match req.method.as_str() {
            "textDocument/hover" => {
                let (uri, line, character) = position()?;
                Ok(self
                    .rel_of(&uri)
                    .and_then(|rel| features::hover(self, &rel, line, character))
                    .unwrap_or(Value::Null))
            }
            "textDocument/definition" => {
                let (uri, line, character) = position()?;
                Ok(self
                    .rel_of(&uri)
                    .and_then(|rel| features::definition(self, &rel, line, character))
                    .unwrap_or(Value::Null))
            }
            "textDocument/codeAction" => {
                let uri = req.params["textDocument"]["uri"]
                    .as_str()
                    .ok_or_else(|| invalid("missing textDocument.uri"))?;
                let start = req.params["range"]["start"]["line"]
                    .as_u64()
                    .ok_or_else(|| invalid("missing range"))?;
                let end = req.params["range"]["end"]["line"]
                    .as_u64()
                    .ok_or_else(|| invalid("missing range"))?;
                Ok(match self.rel_of(uri) {
                    Some(rel) => features::code_actions(self, &rel, uri, start as u32, end as u32),
                    None => json!([]),
                })
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("rootlint does not handle `{other}`"),
            )),
        }
    }
}

enum Change {
    None,
    Now(Option<String>),
    Debounced(Option<String>),
}
