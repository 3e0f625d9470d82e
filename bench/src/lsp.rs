//! `rootlint-bench lsp`: the time from `didChange` to `publishDiagnostics` for a one-line edit in
//! a generated workspace, and the server's resident memory.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Writes one JSON-RPC message with its `Content-Length` header.
pub fn write_message(w: &mut impl Write, msg: &Value) -> std::io::Result<()> {
    let body = msg.to_string();
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    w.flush()
}

/// Reads JSON-RPC messages from a server's stdout on a thread of their own.
pub fn read_messages(stdout: impl Read + Send + 'static) -> mpsc::Receiver<Value> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut stdout = BufReader::new(stdout);
        loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                match line.trim_end() {
                    "" => break,
                    l => {
                        if let Some(n) = l.strip_prefix("Content-Length: ") {
                            length = n.parse().unwrap_or(0);
                        }
                    }
                }
            }
            let mut body = vec![0; length];
            if stdout.read_exact(&mut body).is_err()
                || tx
                    .send(serde_json::from_slice(&body).unwrap_or(Value::Null))
                    .is_err()
            {
                return;
            }
        }
    });
    rx
}

/// Where the server runs: a generated workspace of so many services, or a real tree and the
/// file (relative to it) to open and edit.
pub enum Workspace {
    Generated(usize),
    Real {
        tree: std::path::PathBuf,
        file: String,
    },
}

pub fn run(rootlint: &Path, workspace: &Workspace, edits: usize) -> Result<(), String> {
    let (dir, file, label) = match workspace {
        Workspace::Generated(services) => {
            let dir = std::env::temp_dir().join(format!("rootlint-bench-lsp-{services}"));
            let _ = std::fs::remove_dir_all(&dir);
            crate::generate(&dir, *services).map_err(|e| e.to_string())?;
            let file = dir.join("svc0007/service.go");
            (dir, file, format!("{services} generated services"))
        }
        Workspace::Real { tree, file } => {
            if !tree.join(file).is_file() {
                return Err(format!("{} is missing", tree.join(file).display()));
            }
            (
                tree.clone(),
                tree.join(file),
                format!("{} ({file})", tree.display()),
            )
        }
    };
    let mut child = Command::new(rootlint)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", rootlint.display()))?;
    let pid = child.id();
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let rx = read_messages(stdout);
    let mut send = |msg: Value| write_message(&mut stdin, &msg).map_err(|e| e.to_string());
    let uri = format!("file://{}", file.display());
    let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let wait = |rx: &mpsc::Receiver<Value>, version: Option<i64>| -> Result<(), String> {
        loop {
            let m = rx
                .recv_timeout(Duration::from_secs(120))
                .map_err(|_| "no answer from the server")?;
            let ours = m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str();
            if ours && version.is_none_or(|v| m["params"]["version"] == v) {
                return Ok(());
            }
        }
    };
    let started = Instant::now();
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": format!("file://{}", dir.display()), "capabilities": {}}}),
    )?;
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))?;
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "go", "version": 0, "text": text}}}),
    )?;
    wait(&rx, Some(0))?;
    let first = started.elapsed();
    let mut times = Vec::new();
    for v in 1..=edits as i64 {
        // A one-line edit inside the generated service's Lookup function; in a real file, a
        // line comment added at its end.
        let edited = if text.contains("return v, nil") {
            text.replacen("return v, nil", &format!("return v + \"{v}\", nil"), 1)
        } else {
            format!("{text}\n// edit {v}\n")
        };
        let t = Instant::now();
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": edited}]}}),
        )?;
        wait(&rx, Some(v))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_string())
            .unwrap_or("?".into())
    };
    let (rss, hwm) = (field("VmRSS:"), field("VmHWM:"));
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}))?;
    send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}))?;
    let _ = child.wait();
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "| workspace | first diagnostics s | edits | didChange→publish median ms | p90 ms | RSS MB | peak RSS MB |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mb = |kb: &str| {
        kb.parse::<f64>()
            .map(|k| format!("{:.0}", k / 1024.0))
            .unwrap_or("?".into())
    };
    println!(
        "| {label} | {:.2} | {edits} | {:.1} | {:.1} | {} | {} |",
        first.as_secs_f64(),
        pct(0.5),
        pct(0.9),
        mb(&rss),
        mb(&hwm)
    );
    if let Workspace::Generated(_) = workspace {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}
