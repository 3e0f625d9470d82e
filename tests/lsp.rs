//! `rootlint lsp` over stdio with real JSON-RPC framing, on a copy of the example deployment.

use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: mpsc::Receiver<Value>,
    next_id: i64,
    root: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl Client {
    fn start() -> Client {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("shop");
        std::fs::create_dir_all(&root).unwrap();
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop"),
            &root,
        );
        let mut child = Command::new(env!("CARGO_BIN_EXE_rootlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let incoming = rootlint_bench::lsp::read_messages(child.stdout.take().unwrap());
        Client {
            child,
            stdin,
            incoming,
            next_id: 1,
            root,
            _dir: dir,
        }
    }

    fn send(&mut self, message: Value) {
        rootlint_bench::lsp::write_message(&mut self.stdin, &message).unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its response, keeping notifications for `expect`.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self
                .incoming
                .recv_timeout(Duration::from_secs(30))
                .expect("a response");
            if msg["id"] == json!(id) {
                return msg;
            }
        }
    }

    /// The next diagnostics published for `file`.
    fn diagnostics(&mut self, file: &str) -> Vec<Value> {
        let want = uri(&self.root.join(file));
        loop {
            let msg = self
                .incoming
                .recv_timeout(Duration::from_secs(30))
                .expect("diagnostics");
            if msg["method"] == "textDocument/publishDiagnostics"
                && msg["params"]["uri"] == want.as_str()
            {
                return msg["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn open(&mut self, file: &str) -> String {
        let text = std::fs::read_to_string(self.root.join(file)).unwrap();
        let u = uri(&self.root.join(file));
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "go", "version": 1, "text": text}}),
        );
        text
    }

    fn change(&mut self, file: &str, version: i64, text: &str) {
        let u = uri(&self.root.join(file));
        self.notify("textDocument/didChange", json!({"textDocument": {"uri": u, "version": version}, "contentChanges": [{"text": text}]}));
    }
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn diagnostics_hover_definition_code_actions_and_shutdown() {
    let mut c = Client::start();
    let root_uri = uri(&c.root);
    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    assert_eq!(init["result"]["capabilities"]["hoverProvider"], true);
    // Incremental sync (2): edits arrive as ranges, not whole documents.
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"]["change"],
        2
    );
    c.notify("initialized", json!({}));

    // Opening a file publishes its diagnostics, with the lint as code and a link to its docs.
    let text = c.open("federation/service.go");
    let diags = c.diagnostics("federation/service.go");
    assert_eq!(
        codes(&diags),
        ["dynamic_trust_root_host", "dynamic_subject_construction"]
    );
    assert_eq!(diags[0]["severity"], 1);
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 19, "character": 8})
    );
    assert!(
        diags[0]["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("#dynamic_trust_root_host")
    );

    // An edit makes the host static: the finding disappears...
    let fixed = text.replace(".ForHost(iss).Mint(", ".Mint(");
    c.change("federation/service.go", 2, &fixed);
    assert_eq!(
        codes(&c.diagnostics("federation/service.go")),
        ["dynamic_subject_construction"]
    );
    // ...and comes back with the next edit.
    c.change("federation/service.go", 3, &text);
    assert_eq!(
        codes(&c.diagnostics("federation/service.go")),
        ["dynamic_trust_root_host", "dynamic_subject_construction"]
    );

    // The roles manifest is generated from definition.go (2026): the findings about its
    // declarations are in definition.go; the generated file only says it is stale.
    let manifest = c.open("roles/manifest.yaml");
    assert!(manifest.starts_with("# Code generated by cmd/genservice. DO NOT EDIT."));
    assert_eq!(
        codes(&c.diagnostics("roles/manifest.yaml")),
        ["manifest_definition_drift"]
    );

    // A route edit in the api package's definition re-checks its callers in other files: admin's
    // literal request to :666/revoke-role no longer reaches a declared endpoint.
    c.open("admin/service.go");
    assert!(codes(&c.diagnostics("admin/service.go")).is_empty());
    let definition = c.open("roles/rolesapi/definition.go");
    assert_eq!(
        codes(&c.diagnostics("roles/rolesapi/definition.go")),
        ["missing_required_claims"]
    );
    c.change(
        "roles/rolesapi/definition.go",
        2,
        &definition.replace("\":666/revoke-role\"", "\":666/revoke\""),
    );
    assert_eq!(
        codes(&c.diagnostics("admin/service.go")),
        ["unresolved_trust_root_target"]
    );
    c.change("roles/rolesapi/definition.go", 3, &definition);
    assert!(
        codes(&c.diagnostics("admin/service.go")).is_empty(),
        "cleared when the route comes back"
    );

    // Hover on a typed :666 call: the endpoint, the subject and the grant.
    let admin = uri(&c.root.join("admin/service.go"));
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": admin}, "position": {"line": 18, "character": 10}}),
    );
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(value.contains("`roles.shop/GrantRole`"), "{value}");
    assert!(
        value.contains("{{plane}}.danger.666.admin_shop.roles_shop.*.POST.grant-role"),
        "{value}"
    );
    assert!(value.contains(":666 PUB grant"), "{value}");

    // Hover on the :666 route in the manifest: its callers.
    let roles = uri(&c.root.join("roles/manifest.yaml"));
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": roles}, "position": {"line": 12, "character": 10}}),
    );
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        value.contains("`admin.shop`") && value.contains("`billing.shop`"),
        "{value}"
    );

    // Go to definition: the endpoint's route in definition.go, the source of truth.
    let definition_uri = uri(&c.root.join("roles/rolesapi/definition.go"));
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": admin}, "position": {"line": 18, "character": 10}}),
    );
    assert_eq!(def["result"]["uri"], definition_uri);
    assert_eq!(def["result"]["range"]["start"]["line"], 11);

    // Code actions: a suppression to fill in, and RequiredClaims for the :666 endpoint, in
    // definition.go (never in the generated manifest).
    let revoke = definition
        .lines()
        .position(|l| l.starts_with("var RevokeRole"))
        .unwrap();
    let actions = c.request("textDocument/codeAction", json!({"textDocument": {"uri": definition_uri}, "range": {"start": {"line": revoke, "character": 0}, "end": {"line": revoke, "character": 0}}, "context": {"diagnostics": []}}));
    let titles: Vec<&str> = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Suppress `missing_required_claims` here (with a reason)"),
        "{titles:?}"
    );
    let add = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Add `RequiredClaims: \"roles.admin\"`")
        .unwrap();
    let change = &add["edit"]["changes"][definition_uri.as_str()][0];
    assert_eq!(change["newText"], "\tRequiredClaims: \"roles.admin\",\n");
    // Before the literal's closing brace.
    let close = revoke
        + definition
            .lines()
            .skip(revoke)
            .position(|l| l == "}")
            .unwrap();
    assert_eq!(
        change["range"]["start"],
        json!({"line": close, "character": 0})
    );
    // Applied, the edit clears the finding.
    let mut lines: Vec<&str> = definition.lines().collect();
    lines.insert(close, "\tRequiredClaims: \"roles.admin\",");
    c.change(
        "roles/rolesapi/definition.go",
        4,
        &(lines.join("\n") + "\n"),
    );
    assert!(codes(&c.diagnostics("roles/rolesapi/definition.go")).is_empty());
    // Restored, the finding is back.
    c.change("roles/rolesapi/definition.go", 5, &definition);
    assert_eq!(
        codes(&c.diagnostics("roles/rolesapi/definition.go")),
        ["missing_required_claims"]
    );
    // The same fix as two ranged edits in one notification (an empty insertion, then a
    // replacement inside it, at UTF-16 positions), and its undo as one more.
    let u = uri(&c.root.join("roles/rolesapi/definition.go"));
    let at = json!({"line": close, "character": 0});
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 6}, "contentChanges": [
            {"range": {"start": at, "end": at}, "text": "\tRequiredClaims: \"x\",\n"},
            {"range": {"start": {"line": close, "character": 18}, "end": {"line": close, "character": 19}}, "text": "roles.admin"}
        ]}),
    );
    assert!(codes(&c.diagnostics("roles/rolesapi/definition.go")).is_empty());
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 7}, "contentChanges": [
            {"range": {"start": at, "end": {"line": close + 1, "character": 0}}, "text": ""}
        ]}),
    );
    assert_eq!(
        codes(&c.diagnostics("roles/rolesapi/definition.go")),
        ["missing_required_claims"]
    );

    // Robustness: unknown methods and bad params get JSON-RPC errors; outside documents are ignored.
    assert_eq!(
        c.request("rootlint/unknown", json!({}))["error"]["code"],
        -32601
    );
    assert_eq!(
        c.request("textDocument/hover", json!({"textDocument": {}}))["error"]["code"],
        -32602
    );
    let outside = c.request("textDocument/hover", json!({"textDocument": {"uri": "file:///elsewhere/x.go"}, "position": {"line": 0, "character": 0}}));
    assert_eq!(outside["result"], Value::Null);

    // Shutdown and exit follow the protocol.
    assert_eq!(c.request("shutdown", json!(null))["result"], Value::Null);
    c.notify("exit", json!(null));
    let status = c.child.wait().unwrap();
    assert!(status.success());
}

impl Client {
    fn raw(&mut self, bytes: &[u8]) {
        use std::io::Write;
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn next(&mut self) -> Value {
        self.incoming
            .recv_timeout(Duration::from_secs(30))
            .expect("a message")
    }

    /// The next message that is not a notification.
    fn next_reply(&mut self) -> Value {
        loop {
            let m = self.next();
            if m.get("method").is_none() {
                return m;
            }
        }
    }
}

/// The server answers what it cannot read and keeps serving; it follows the protocol's
/// lifecycle (a second `initialize`, requests after `shutdown`, `exit` codes).
#[test]
fn the_server_survives_its_client() {
    let mut c = Client::start();
    let root_uri = uri(&c.root);
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    c.notify("initialized", json!({}));
    let body = "{not json";
    c.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let reply = c.next_reply();
    assert_eq!(reply["error"]["code"], -32700, "{reply}");
    assert_eq!(reply["id"], Value::Null);
    let mut bad = b"Content-Length: 3\r\n\r\n\"".to_vec();
    bad.extend([0xff, 0x22]);
    c.raw(&bad);
    assert_eq!(c.next_reply()["error"]["code"], -32700);
    let surrogate = r#"{"jsonrpc":"2.0","id":77,"method":"x","params":"\ud800"}"#;
    c.raw(format!("Content-Length: {}\r\n\r\n{surrogate}", surrogate.len()).as_bytes());
    assert_eq!(c.next_reply()["error"]["code"], -32700);
    c.raw(b"Content-Length: 1000000000000000\r\n\r\n");
    assert_eq!(c.next_reply()["error"]["code"], -32700);
    // Still serving.
    let again = c.request("initialize", json!({"processId": null, "capabilities": {}}));
    assert_eq!(again["error"]["code"], -32600, "{again}");
    assert_eq!(c.request("shutdown", json!(null))["result"], Value::Null);
    let late = c.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], -32600, "{late}");
    c.notify("exit", json!(null));
    let status = c.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_an_error_and_the_root_of_the_file_system_is_refused() {
    let mut c = Client::start();
    let root_uri = uri(&c.root);
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    c.notify("exit", json!(null));
    assert_eq!(c.child.wait().unwrap().code(), Some(1));

    let mut c = Client::start();
    let refused = c.request(
        "initialize",
        json!({"processId": null, "rootUri": "file:///", "capabilities": {}}),
    );
    assert_eq!(refused["error"]["code"], -32602, "{refused}");
    assert_eq!(c.child.wait().unwrap().code(), Some(2));
}
