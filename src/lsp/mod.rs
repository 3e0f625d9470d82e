//! `rootlint lsp`: a language server over stdio (lsp-server, the synchronous scaffold that
//! rust-analyzer and ruff use). It runs the same engine as the CLI, with facts cached per file
//! (`rootlint_analyzer::incremental`): an edit re-parses that file only, then resolution,
//! the call graph and the lints run again, and diagnostics are republished for every file
//! whose diagnostics changed, cleared ones included.

pub(crate) mod convert;
mod features;
pub mod transport;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    InitializeParams, InitializeResult, OneOf, PositionEncodingKind, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};
use rootlint_analyzer::Analysis;
use rootlint_analyzer::incremental::Engine;
use rootlint_lints::engine::{self, Outcome, Settings};
use serde_json::Value;

use crate::config;
use crate::render::Emitter;
use crate::render::lsp::Lsp;

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
    let params: InitializeParams = match serde_json::from_value(params) {
        Ok(p) => p,
        Err(e) => {
            let message = format!("initialize: {e}");
            let _ = connection.sender.send(Message::Response(Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                message.clone(),
            )));
            drop(connection);
            transport.join()?;
            return Err(message);
        }
    };
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
    let capabilities = ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    };
    let result = InitializeResult {
        capabilities,
        server_info: Some(ServerInfo {
            name: "rootlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    // The reply, without waiting for `initialized` (lsp-server's `initialize_finish` would
    // refuse anything else next, `exit` included); the main loop takes it as it comes.
    let _ = connection
        .sender
        .send(Message::Response(Response::new_ok(id, result)));
    let mut server = Server::new(&connection, &root, config_path.as_deref());
    let code = server.main_loop();
    drop(server);
    drop(connection);
    transport.join()?;
    Ok(code)
}

/// The workspace: the first workspace folder, else the (deprecated) root URI or root path that
/// older clients send.
#[allow(deprecated)]
fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    let uri = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri)
        .or(params.root_uri.as_ref());
    uri.and_then(|u| convert::uri_to_path(u.as_str()))
        .or_else(|| params.root_path.as_ref().map(PathBuf::from))
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
    published: BTreeMap<String, Vec<lsp_types::Diagnostic>>,
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
            self.notify::<lsp_types::notification::ShowMessage>(lsp_types::ShowMessageParams {
                typ: lsp_types::MessageType::ERROR,
                message: format!("rootlint: {e}; using defaults"),
            });
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

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        let _ = self
            .connection
            .sender
            .send(Message::Notification(Notification::new(
                N::METHOD.to_string(),
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
        use lsp_types::notification::{
            DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
            DidOpenTextDocument, DidSaveTextDocument, Notification as _,
        };
        /// The params of a notification rootlint handles; malformed ones are ignored (a
        /// notification has no reply to carry an error).
        fn params<T: serde::de::DeserializeOwned>(n: Notification) -> Option<T> {
            serde_json::from_value(n.params).ok()
        }
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidOpenTextDocumentParams>(n) else {
                    return Change::None;
                };
                let Some(rel) = self.rel_of(p.text_document.uri.as_str()) else {
                    return Change::None;
                };
                let doc = p.text_document;
                self.open
                    .insert(rel.clone(), (i64::from(doc.version), doc.text));
                if !self.engine.knows(&rel) {
                    self.engine.rescan();
                }
                Change::Now(Some(rel))
            }
            DidChangeTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidChangeTextDocumentParams>(n) else {
                    return Change::None;
                };
                let Some(rel) = self.rel_of(p.text_document.uri.as_str()) else {
                    return Change::None;
                };
                // Incremental sync: each change applies, in order, to the text the one before
                // left; a change without a range is the whole text.
                let Some((_, text)) = self.open.get(&rel) else {
                    return Change::None;
                };
                let mut text = text.clone();
                for change in p.content_changes {
                    text = match change.range {
                        Some(range) => convert::apply_change(&text, range, &change.text),
                        None => change.text,
                    };
                }
                self.open
                    .insert(rel.clone(), (i64::from(p.text_document.version), text));
                Change::Debounced(Some(rel))
            }
            DidSaveTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidSaveTextDocumentParams>(n) else {
                    return Change::None;
                };
                let Some(rel) = self.rel_of(p.text_document.uri.as_str()) else {
                    return Change::None;
                };
                self.engine.invalidate(&rel);
                self.engine.rescan();
                Change::Now(Some(rel))
            }
            DidCloseTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidCloseTextDocumentParams>(n) else {
                    return Change::None;
                };
                let Some(rel) = self.rel_of(p.text_document.uri.as_str()) else {
                    return Change::None;
                };
                self.open.remove(&rel);
                self.engine.invalidate(&rel);
                Change::Now(None)
            }
            DidChangeWatchedFiles::METHOD => {
                let Some(p) = params::<lsp_types::DidChangeWatchedFilesParams>(n) else {
                    return Change::None;
                };
                for change in p.changes {
                    if let Some(rel) = self.rel_of(change.uri.as_str()) {
                        self.engine.invalidate(&rel);
                    }
                }
                self.engine.rescan();
                Change::Now(None)
            }
            // Notifications rootlint does not use.
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
                self.notify::<lsp_types::notification::LogMessage>(lsp_types::LogMessageParams {
                    typ: lsp_types::MessageType::ERROR,
                    message: "rootlint: internal error during analysis; diagnostics not updated"
                        .into(),
                });
                return;
            }
        };
        let cx = crate::render::Context {
            analysis: &analysis,
            shown: crate::locate::Shown::from_working_directory(&analysis.root),
            color: false,
            levels: &|l| self.settings.level_of(l),
            repository: None,
        };
        let text_of = |rel: &str| self.text_of(rel, &analysis);
        let mut by_file = Lsp { text_of: &text_of }.emit(&cx, &outcome.diagnostics);
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
            let diagnostics = by_file.remove(&rel).unwrap_or_default();
            let unchanged = self.published.get(&rel) == Some(&diagnostics);
            if unchanged && trigger != Some(rel.as_str()) {
                continue;
            }
            let Some(uri) = convert::uri(&self.engine.root().join(&rel)) else {
                continue;
            };
            self.notify::<lsp_types::notification::PublishDiagnostics>(
                lsp_types::PublishDiagnosticsParams {
                    uri,
                    diagnostics: diagnostics.clone(),
                    version: self
                        .open
                        .get(&rel)
                        .and_then(|(v, _)| i32::try_from(*v).ok()),
                },
            );
            if diagnostics.is_empty() {
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
        use lsp_types::request::{CodeActionRequest, GotoDefinition, HoverRequest, Request as _};
        fn params<T: serde::de::DeserializeOwned>(req: &Request) -> Result<T, (ErrorCode, String)> {
            serde_json::from_value(req.params.clone())
                .map_err(|e| (ErrorCode::InvalidParams, format!("{}: {e}", req.method)))
        }
        let reply = |value: Option<Value>| Ok(value.unwrap_or(Value::Null));
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = params(req)?;
                let at = p.text_document_position_params;
                reply(self.rel_of(at.text_document.uri.as_str()).and_then(|rel| {
                    features::hover(self, &rel, at.position.line, at.position.character)
                        .and_then(|h| serde_json::to_value(h).ok())
                }))
            }
            GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = params(req)?;
                let at = p.text_document_position_params;
                reply(self.rel_of(at.text_document.uri.as_str()).and_then(|rel| {
                    features::definition(self, &rel, at.position.line, at.position.character)
                        .and_then(|l| serde_json::to_value(l).ok())
                }))
            }
            CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = params(req)?;
                let uri = p.text_document.uri;
                let actions = match self.rel_of(uri.as_str()) {
                    Some(rel) => features::code_actions(
                        self,
                        &rel,
                        &uri,
                        p.range.start.line,
                        p.range.end.line,
                    ),
                    None => Vec::new(),
                };
                serde_json::to_value(actions).map_err(|e| (ErrorCode::InternalError, e.to_string()))
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
