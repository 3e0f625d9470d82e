//! The grants, enforced by a real broker: nats-server runs with the ACL that
//! `rootlint grants --format nats-config` generates for the example deployment, and each service
//! connects with a real NATS client. `.ci/run` installs nats-server when it is missing.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use async_nats::{ConnectOptions, Event, ServerError};
use tokio::sync::mpsc;

const PLANE: &str = "microbus";

/// nats-server on a free loopback port, stopped when dropped, whatever happens in the test.
struct Broker {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/shop")
        .to_string_lossy()
        .into_owned()
}

fn rootlint(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rootlint"))
        .args(args)
        .output()
        .expect("run rootlint");
    String::from_utf8(out.stdout).unwrap()
}

fn password(host: &str) -> String {
    format!("pw-{host}")
}

fn start(config: &str, hosts: &[String]) -> Broker {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nats.conf");
    std::fs::write(&file, format!("listen: 127.0.0.1:{port}\n{config}")).unwrap();
    let mut cmd = Command::new("nats-server");
    cmd.arg("-c")
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for h in hosts {
        let var: String = h
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        cmd.env(format!("NATS_PASS_{var}"), password(h));
    }
    let child = cmd
        .spawn()
        .expect("nats-server is installed (apt-get install nats-server; .ci/run does it)");
    let broker = Broker {
        child,
        port,
        _dir: dir,
    };
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return broker;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("nats-server did not start on port {port}");
}

/// A service's connection, with the permission violations the server reported to it.
struct Peer {
    client: async_nats::Client,
    errors: mpsc::UnboundedReceiver<String>,
}

async fn connect(port: u16, host: &str) -> Peer {
    // A loaded CI machine may be slow to answer the first connection; try a few times.
    let mut last = None;
    for _ in 0..10 {
        let (tx, errors) = mpsc::unbounded_channel();
        let options = ConnectOptions::with_user_and_password(host.into(), password(host))
            .connection_timeout(Duration::from_secs(10))
            .event_callback(move |event| {
                let tx = tx.clone();
                async move {
                    if let Event::ServerError(ServerError::Other(e)) = event {
                        let _ = tx.send(e);
                    }
                }
            });
        match options.connect(format!("nats://127.0.0.1:{port}")).await {
            Ok(client) => return Peer { client, errors },
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    panic!("{host} cannot connect: {last:?}")
}

impl Peer {
    /// Violations reported after a round trip to the server.
    async fn violations(&mut self) -> Vec<String> {
        self.client.flush().await.unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
        let mut out = Vec::new();
        while let Ok(e) = self.errors.try_recv() {
            out.push(e);
        }
        out
    }

    /// Whether the server refuses `op` ("Publish" or "Subscription") on `subject`. A refusal
    /// names the subject, so a late error from an earlier check cannot be taken for this one.
    async fn refused(&mut self, op: &str, subject: &str) -> bool {
        self.client.flush().await.unwrap();
        let needle = format!("{op} to \"{subject}\"");
        let deadline = tokio::time::Instant::now() + Duration::from_millis(400);
        loop {
            match tokio::time::timeout_at(deadline, self.errors.recv()).await {
                Ok(Some(e)) if e.contains(&needle) => return true,
                Ok(Some(_)) => continue,
                _ => return false,
            }
        }
    }

    async fn can_publish(&mut self, subject: &str) -> bool {
        self.client
            .publish(subject.to_string(), "{}".into())
            .await
            .unwrap();
        !self.refused("Publish", subject).await
    }

    async fn can_subscribe(&mut self, subject: &str) -> bool {
        let sub = self.client.subscribe(subject.to_string()).await.unwrap();
        let ok = !self.refused("Subscription", subject).await;
        drop(sub);
        ok
    }
}

/// A subject a real request would use for a rule: `_` in the instance slot and for arguments.
fn concrete(rule: &str) -> String {
    rule.split('.')
        .map(|t| if t == "*" || t == ">" { "_" } else { t })
        .collect::<Vec<_>>()
        .join(".")
}

struct Surface {
    hosts: Vec<String>,
    /// (caller, exact subject) for every PUB grant.
    grants: Vec<(String, String)>,
    /// (owner, subscription subject) for every SUB grant.
    owned: Vec<(String, String)>,
}

fn surface() -> Surface {
    let json: serde_json::Value =
        serde_json::from_str(&rootlint(&["grants", "--plane", PLANE, &example()])).unwrap();
    let mut s = Surface {
        hosts: Vec::new(),
        grants: Vec::new(),
        owned: Vec::new(),
    };
    for svc in json["services"].as_array().unwrap() {
        let host = svc["hostname"].as_str().unwrap().to_string();
        for p in svc["pub"].as_array().unwrap() {
            s.grants
                .push((host.clone(), p["subject"].as_str().unwrap().to_string()));
        }
        for p in svc["sub"].as_array().unwrap() {
            s.owned
                .push((host.clone(), p["subject"].as_str().unwrap().to_string()));
        }
        s.hosts.push(host);
    }
    s
}

/// Every check against one broker; returns what failed.
async fn verify(port: u16, s: &Surface) -> Vec<String> {
    let mut failures = Vec::new();
    let mut peers = std::collections::BTreeMap::new();
    for h in &s.hosts {
        peers.insert(h.clone(), connect(port, h).await);
    }
    let flat = |h: &str| h.replace('.', "_");
    for (caller, rule) in &s.grants {
        let subject = concrete(rule);
        if !peers.get_mut(caller).unwrap().can_publish(&subject).await {
            failures.push(format!("{caller} cannot publish its granted {subject}"));
        }
        for other in s.hosts.iter().filter(|h| *h != caller) {
            if s.grants.iter().any(|(c, r)| {
                c == other && concrete(r) == subject.replace(&flat(caller), &flat(other))
            }) {
                continue; // the other service holds the same grant for itself
            }
            let peer = peers.get_mut(other).unwrap();
            if peer.can_publish(&subject).await {
                failures.push(format!("{other} may publish {caller}'s {subject}"));
            }
            let own = subject.replacen(
                &format!(".{}.", flat(caller)),
                &format!(".{}.", flat(other)),
                1,
            );
            if peer.can_publish(&own).await {
                failures.push(format!("{other} may publish {own} without a grant"));
            }
        }
    }
    // The broad safe rule of every service admits safe subjects but never `danger` ones.
    for h in &s.hosts {
        let me = flat(h);
        let peer = peers.get_mut(h).unwrap();
        if !peer
            .can_publish(&format!("{PLANE}.safe.443.{me}.roles_shop._.GET.list"))
            .await
        {
            failures.push(format!("{h} cannot publish on its safe rule"));
        }
        let unlisted = format!("{PLANE}.danger.666.{me}.roles_shop._.POST.unlisted");
        if peer.can_publish(&unlisted).await {
            failures.push(format!("{h} may publish {unlisted}"));
        }
    }
    for (owner, rule) in &s.owned {
        if !peers.get_mut(owner).unwrap().can_subscribe(rule).await {
            failures.push(format!("{owner} cannot subscribe to its {rule}"));
        }
        for other in s.hosts.iter().filter(|h| *h != owner) {
            if peers.get_mut(other).unwrap().can_subscribe(rule).await {
                failures.push(format!("{other} may subscribe to {owner}'s {rule}"));
            }
        }
    }
    failures
}

/// A granted request reaches the owner over the danger subject, and the reply comes back.
async fn round_trip(port: u16, s: &Surface) -> Result<(), String> {
    use futures_util::StreamExt;
    let (caller, rule) = s
        .grants
        .iter()
        .find(|(_, r)| r.contains(".roles_shop."))
        .ok_or("no grant to roles.shop")?;
    let owner_rule = s
        .owned
        .iter()
        .find(|(o, _)| o == "roles.shop")
        .ok_or("roles.shop owns nothing")?;
    let mut owner = connect(port, "roles.shop").await;
    let mut requester = connect(port, caller).await;
    let mut inbox = owner
        .client
        .subscribe(owner_rule.1.clone())
        .await
        .map_err(|e| e.to_string())?;
    let reply = format!(
        "{PLANE}.reply._.{}.{}",
        "roles_shop",
        caller.replace('.', "_")
    );
    let mut replies = requester
        .client
        .subscribe(format!("{reply}.*"))
        .await
        .map_err(|e| e.to_string())?;
    owner.client.flush().await.map_err(|e| e.to_string())?;
    requester.client.flush().await.map_err(|e| e.to_string())?;
    let (o, r) = (owner.violations().await, requester.violations().await);
    if !o.is_empty() || !r.is_empty() {
        return Err(format!("subscriptions refused: {o:?} {r:?}"));
    }
    let subject = concrete(rule);
    requester
        .client
        .publish_with_reply(subject.clone(), format!("{reply}.r1"), "grant".into())
        .await
        .map_err(|e| e.to_string())?;
    let refused = requester.violations().await;
    if !refused.is_empty() {
        return Err(format!("{caller} could not publish {subject}: {refused:?}"));
    }
    let got = tokio::time::timeout(Duration::from_secs(5), inbox.next())
        .await
        .map_err(|_| format!("roles.shop never received {subject}"))?
        .ok_or("closed")?;
    owner
        .client
        .publish(got.reply.ok_or("no reply subject")?, "ok".into())
        .await
        .map_err(|e| e.to_string())?;
    let answer = tokio::time::timeout(Duration::from_secs(5), replies.next())
        .await
        .map_err(|_| "the reply never came back")?
        .ok_or("closed")?;
    if &answer.payload[..] != b"ok" {
        return Err("wrong reply".into());
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nats_server_enforces_the_generated_grants() {
    let s = surface();
    assert!(!s.grants.is_empty() && !s.owned.is_empty());
    let config = rootlint(&["grants", "--format", "nats-config", &example()]);
    let broker = start(&config, &s.hosts);
    let failures = verify(broker.port, &s).await;
    assert!(
        failures.is_empty(),
        "the broker disagrees with the grants:\n{}",
        failures.join("\n")
    );
    round_trip(broker.port, &s).await.unwrap();
}

/// The same checks catch a grant that is one character off.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_altered_subject_is_caught() {
    let s = surface();
    let config = rootlint(&["grants", "--format", "nats-config", &example()]);
    let target = "microbus.danger.666.admin_shop.roles_shop.*.POST.grant-role";
    assert!(config.contains(target));
    let altered = config.replace(
        target,
        "microbus.danger.666.admin_shop.roles_shop.*.POST.grant-roles",
    );
    let broker = start(&altered, &s.hosts);
    let failures = verify(broker.port, &s).await;
    assert!(
        failures.iter().any(|f| f.starts_with("admin.shop cannot publish its granted microbus.danger.666.admin_shop.roles_shop._.POST.grant-role")),
        "{failures:?}"
    );
}
