//! Demand-driven parsing: parse only what can matter, and prove it.
//!
//! Every file is read once and split into top-level chunks from its bytes. A function chunk is
//! parsed only when it can hold something rootlint looks for (a trigger string, a use of a :666
//! api package) or when it may lie on a path from a service entry point to a call site: it
//! mentions the name of a function already known to reach one, or it declares a function that a
//! parsed function calls (so that constructors' result types are known). Constants, imports and
//! top-level comments are always parsed. The loop stops when a round selects nothing new; the
//! result is the same workspace, restricted to the functions that matter, that a full parse
//! gives, and `--no-triage` checks that on every tree the tests use.

use std::collections::BTreeSet;
use std::sync::Arc;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::callgraph::callsites;
use crate::facts::go::Expr;
use crate::facts::{self, FileFacts, Selection, Source};
use crate::triage::ChunkKind;
use crate::workspace::Workspace;
use crate::workspace::catalog::{Catalog, ExternalEndpoint};

/// Byte strings that make a function chunk worth parsing on their own.
const CHUNK_TRIGGERS: &[&str] = &[
    "Request(",
    "Publish(",
    // A method value (`r := svc.Request`) or a call with a comment before its parenthesis.
    ".Request",
    ".Publish",
    "ForHost(",
    ".URL()",
    "JoinHostAndPath",
    ":666",
    "rootlint:",
    "RequiredClaims",
    ".Add(",
    "application.New",
];

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `text` mentions any of the patterns as a whole identifier (a pattern ending in `.`,
/// such as `pkg.`, only needs to start one).
fn mentions(ac: &AhoCorasick, text: &str) -> bool {
    let b = text.as_bytes();
    ac.find_overlapping_iter(text).any(|m| {
        let before = m.start().checked_sub(1).map(|i| b[i]);
        let ends_identifier = is_ident_byte(b[m.end() - 1]);
        let after = b.get(m.end()).copied();
        let glued_before = before.is_some_and(is_ident_byte);
        let glued_after = ends_identifier && after.is_some_and(is_ident_byte);
        !glued_before && !glued_after
    })
}

pub(crate) fn run(sources: &mut [Source], external: &[ExternalEndpoint]) -> (Workspace, Catalog) {
    // Pass 1: constants, variables, imports and comments only, which is all the catalog needs.
    let mut keep: Vec<Vec<bool>> = sources
        .iter()
        .map(|s| {
            s.chunks
                .iter()
                .map(|c| matches!(c.kind, ChunkKind::Keep | ChunkKind::Values))
                .collect()
        })
        .collect();
    let files = extract_all(sources, &keep, None);
    // Only hand-written Go is parsed again in later passes; the rest of the text can go.
    for source in sources
        .iter_mut()
        .filter(|s| s.file.kind != crate::discover::FileKind::Go || s.generated)
    {
        if let Ok(text) = &mut source.text {
            *text = String::new();
        }
    }
    let sources = &*sources;
    let mut ws = Workspace::new(files);
    let catalog = Catalog::build(&ws, external);

    // Pass 2: chunks with a trigger string, uses of a :666 api package's typed client, and the
    // type declarations those (and the values of pass 1) name, so that a file is parsed once for
    // both.
    let mut types = TypeClosure::new(sources, &ws);
    let mut wanted = first_selection(sources, &ws, &catalog);
    wanted.extend(types.grow(sources, &keep, &wanted));
    if let Some(changed) = add_to_selection(&mut keep, wanted) {
        ws = reextract(sources, &keep, ws, &changed);
    }
    let sites = callsites::find(&crate::resolve::types::Types::new(&ws, &catalog));
    let mut reaching: BTreeSet<String> = sites
        .iter()
        .filter(|s| attribution_matters(s, &catalog))
        .map(|s| {
            ws.go(s.function.file).functions[s.function.function]
                .name
                .clone()
        })
        .collect();

    let trust_names: BTreeSet<String> = catalog
        .api_packages
        .values()
        .flat_map(|api| api.endpoints.iter())
        .filter(|(_, id)| catalog.endpoints[**id].is_trust_root())
        .map(|(name, _)| name.clone())
        .collect();
    // Then, until nothing new: whatever may lie on a path to those call sites. Each round parses
    // one more level of callers or callees; a deep chain of helpers would take a round (and a
    // re-parse of its files) per level, so after a few rounds the rest of the closure is taken
    // from the bytes in one go.
    let mut rounds = 0;
    loop {
        rounds += 1;
        let mut wanted = on_paths(sources, &ws, &keep, &mut reaching, &trust_names);
        // Ordinary trees converge in three or four rounds; past that, the chain is deep.
        if rounds > 3 && !wanted.is_empty() {
            wanted.extend(byte_closure(sources, &keep, &wanted, &reaching));
        }
        wanted.extend(types.grow(sources, &keep, &wanted));
        let Some(changed) = add_to_selection(&mut keep, wanted) else {
            return (ws, catalog);
        };
        ws = reextract(sources, &keep, ws, &changed);
    }
}

/// The closure of `wanted` over the bytes of the function chunks not parsed yet: chunks that
/// mention a function known (or now selected) to reach a call site, and chunks named by a call
/// (`name(`) in a selected chunk, transitively. A superset of what further rounds would select,
/// found with one scan of each chunk.
fn byte_closure(
    sources: &[Source],
    keep: &[Vec<bool>],
    wanted: &[(usize, usize)],
    reaching: &BTreeSet<String>,
) -> Vec<(usize, usize)> {
    use std::collections::{HashMap, HashSet};
    let chunk_text = |(i, ci): (usize, usize)| -> &str {
        let s = &sources[i];
        let c = &s.chunks[ci];
        s.text.as_deref().map_or("", |t| &t[c.range()])
    };
    let chunk_name = |(i, ci): (usize, usize)| -> &str {
        let s = &sources[i];
        s.text.as_deref().map_or("", |t| s.chunks[ci].name(t))
    };
    let mut by_name: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        for (ci, c) in s.chunks.iter().enumerate() {
            if c.kind == ChunkKind::Func && !keep[i][ci] {
                candidates.push((i, ci));
                by_name
                    .entry(chunk_name((i, ci)))
                    .or_default()
                    .push((i, ci));
            }
        }
    }
    // Which candidates mention which function names, and which they call: only names of
    // functions matter, so only those are kept.
    let function_names: HashSet<&str> = sources
        .iter()
        .flat_map(|s| {
            s.chunks
                .iter()
                .filter(|c| c.kind == ChunkKind::Func)
                .map(move |c| s.text.as_deref().map_or("", |t| c.name(t)))
        })
        .chain(reaching.iter().map(String::as_str))
        .collect();
    let scanned: Vec<(Vec<&str>, Vec<&str>)> = candidates
        .par_iter()
        .map(|&c| {
            let (mut all, mut calls) = identifiers(chunk_text(c));
            all.retain(|n| function_names.contains(n));
            calls.retain(|n| function_names.contains(n));
            (all, calls)
        })
        .collect();
    let mut mentioned_by: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (mentions, _)) in scanned.iter().enumerate() {
        for m in mentions {
            mentioned_by.entry(m).or_default().push(k);
        }
    }
    let index_of: HashMap<(usize, usize), usize> = candidates
        .iter()
        .enumerate()
        .map(|(k, &c)| (c, k))
        .collect();
    let mut selected: HashSet<usize> = HashSet::new();
    let mut names: Vec<&str> = reaching.iter().map(String::as_str).collect();
    let mut seen_names: HashSet<&str> = names.iter().copied().collect();
    let mut calls: Vec<usize> = wanted
        .iter()
        .filter_map(|c| index_of.get(c).copied())
        .collect();
    for &k in &calls {
        selected.insert(k);
        let name = chunk_name(candidates[k]);
        if seen_names.insert(name) {
            names.push(name);
        }
    }
    // Calls made by the wanted chunks that are already parsed are found by the rounds.
    while !names.is_empty() || !calls.is_empty() {
        while let Some(n) = names.pop() {
            for &k in mentioned_by.get(n).map(Vec::as_slice).unwrap_or(&[]) {
                if selected.insert(k) {
                    calls.push(k);
                    let name = chunk_name(candidates[k]);
                    if seen_names.insert(name) {
                        names.push(name);
                    }
                }
            }
        }
        while let Some(k) = calls.pop() {
            for callee in &scanned[k].1 {
                for c in by_name.get(callee).map(Vec::as_slice).unwrap_or(&[]) {
                    let j = index_of[c];
                    if selected.insert(j) {
                        calls.push(j);
                        let name = chunk_name(candidates[j]);
                        if seen_names.insert(name) {
                            names.push(name);
                        }
                    }
                }
            }
        }
    }
    let mut out: Vec<(usize, usize)> = selected.into_iter().map(|k| candidates[k]).collect();
    out.sort_unstable();
    out
}

/// The identifiers of a chunk (each once), and those directly followed by `(` (calls).
fn identifiers(text: &str) -> (Vec<&str>, Vec<&str>) {
    let b = text.as_bytes();
    let (mut all, mut calls) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < b.len() {
        if is_ident_byte(b[i]) && !b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && is_ident_byte(b[i]) {
                i += 1;
            }
            let word = &text[start..i];
            all.push(word);
            if b.get(i) == Some(&b'(') {
                calls.push(word);
            }
        } else if is_ident_byte(b[i]) {
            while i < b.len() && is_ident_byte(b[i]) {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    all.sort_unstable();
    all.dedup();
    calls.sort_unstable();
    calls.dedup();
    (all, calls)
}

/// Type declarations are parsed when something parsed names them: the closure over the names
/// the parsed chunks mention, each chunk's bytes scanned once. What a type resolves against
/// (field, parameter, result and embedded types, interfaces and their implementations) is
/// always named by the parsed code that uses it, so resolution sees the same types as with
/// `--no-triage`.
struct TypeClosure<'s> {
    /// (package folder, declared type name) → its chunks; folders are indices into `dirs`.
    by_name: std::collections::HashMap<(u32, &'s str), Vec<(usize, usize)>>,
    names: Option<AhoCorasick>,
    patterns: Vec<&'s str>,
    /// For each file, the package folders its names can refer to: its own and the in-tree
    /// packages it imports (read from the bytes: pass 1 may not have parsed the imports).
    visible: Vec<Vec<u32>>,
    scanned: Vec<Vec<bool>>,
}

impl<'s> TypeClosure<'s> {
    fn new(sources: &'s [Source], ws: &Workspace) -> TypeClosure<'s> {
        let mut dirs: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        let mut by_name: std::collections::HashMap<(u32, &'s str), Vec<(usize, usize)>> =
            std::collections::HashMap::new();
        let mut visible = Vec::with_capacity(sources.len());
        for (i, s) in sources.iter().enumerate() {
            let text = s.text.as_deref().unwrap_or("");
            let next = dirs.len() as u32;
            let dir = *dirs.entry(s.file.dir()).or_insert(next);
            for (ci, c) in s.chunks.iter().enumerate() {
                if c.kind == ChunkKind::Type {
                    for name in crate::triage::type_names(&text[c.range()]) {
                        by_name.entry((dir, name)).or_default().push((i, ci));
                    }
                }
            }
            let mut seen = vec![dir];
            for path in s.imported.iter() {
                if let Some(d) = ws.dir_by_import.get(path) {
                    let next = dirs.len() as u32;
                    let id = *dirs.entry(d.as_str()).or_insert(next);
                    if !seen.contains(&id) {
                        seen.push(id);
                    }
                }
            }
            visible.push(seen);
        }
        let mut patterns: Vec<&'s str> = by_name.keys().map(|(_, n)| *n).collect();
        patterns.sort_unstable();
        patterns.dedup();
        let names = (!patterns.is_empty())
            .then(|| AhoCorasick::new(&patterns).expect("identifiers are plain strings"));
        TypeClosure {
            by_name,
            names,
            patterns,
            visible,
            scanned: sources
                .iter()
                .map(|s| vec![false; s.chunks.len()])
                .collect(),
        }
    }

    /// Type chunks named by the kept chunks and `wanted`, transitively, not yet kept.
    fn grow(
        &mut self,
        sources: &[Source],
        keep: &[Vec<bool>],
        wanted: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        let Some(ac) = &self.names else {
            return Vec::new();
        };
        let mut frontier: Vec<(usize, usize)> = keep
            .iter()
            .enumerate()
            .flat_map(|(i, k)| {
                k.iter()
                    .enumerate()
                    .filter(|(_, kept)| **kept)
                    .map(move |(ci, _)| (i, ci))
            })
            .chain(wanted.iter().copied())
            // Declarations only: a top-level comment naming a type needs no parse of it.
            .filter(|&(i, ci)| {
                !self.scanned[i][ci] && sources[i].chunks[ci].kind != ChunkKind::Keep
            })
            .collect();
        let mut added: std::collections::BTreeSet<(usize, usize)> = Default::default();
        while !frontier.is_empty() {
            for &(i, ci) in &frontier {
                self.scanned[i][ci] = true;
            }
            let found: Vec<(usize, usize)> = frontier
                .par_iter()
                .flat_map_iter(|&(i, ci)| {
                    let s = &sources[i];
                    let text = s.text.as_deref().unwrap_or("");
                    let c = &s.chunks[ci];
                    identifier_matches(ac, &text[c.range()])
                        .into_iter()
                        .map(move |p| (i, p))
                })
                .collect();
            let mut next = Vec::new();
            for (file, p) in found {
                for &dir in &self.visible[file] {
                    let key = (dir, self.patterns[p]);
                    for &(i, ci) in self.by_name.get(&key).into_iter().flatten() {
                        if !keep[i][ci] && added.insert((i, ci)) {
                            next.push((i, ci));
                        }
                    }
                }
            }
            next.retain(|&(i, ci)| !self.scanned[i][ci]);
            next.sort();
            next.dedup();
            frontier = next;
        }
        added.into_iter().collect()
    }
}

/// The patterns that occur in `text` as whole identifiers, once each.
fn identifier_matches(ac: &AhoCorasick, text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out: Vec<usize> = ac
        .find_overlapping_iter(text)
        .filter(|m| {
            let before = m.start().checked_sub(1).map(|i| b[i]);
            let after = b.get(m.end()).copied();
            !before.is_some_and(is_ident_byte) && !after.is_some_and(is_ident_byte)
        })
        .map(|m| m.pattern().as_usize())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Adds `wanted` chunks to the selection; gives the files whose selection grew, or `None` when
/// nothing was added.
fn add_to_selection(keep: &mut [Vec<bool>], wanted: Vec<(usize, usize)>) -> Option<Vec<bool>> {
    let mut changed = vec![false; keep.len()];
    for (file, chunk) in wanted {
        if !keep[file][chunk] {
            keep[file][chunk] = true;
            changed[file] = true;
        }
    }
    changed.contains(&true).then_some(changed)
}

/// The workspace with the `changed` files extracted again. Its packages and services stay as
/// they are unless a file's facts changed kind (a parse that failed outright): a later pass
/// parses more of a file, it does not change what the file is.
fn reextract(
    sources: &[Source],
    keep: &[Vec<bool>],
    mut ws: Workspace,
    changed: &[bool],
) -> Workspace {
    let kinds = |files: &[Arc<FileFacts>]| -> Vec<std::mem::Discriminant<crate::facts::Facts>> {
        files
            .iter()
            .zip(changed)
            .filter(|(_, c)| **c)
            .map(|(f, _)| std::mem::discriminant(&f.facts))
            .collect()
    };
    let before = kinds(&ws.files);
    let files = extract_all(
        sources,
        keep,
        Some((std::mem::take(&mut ws.files), changed)),
    );
    if kinds(&files) == before {
        ws.files = files;
        ws
    } else {
        drop(ws);
        Workspace::new(files)
    }
}

/// Extracts every file, or only the changed ones when the previous facts are given.
fn extract_all(
    sources: &[Source],
    keep: &[Vec<bool>],
    previous: Option<(Vec<Arc<FileFacts>>, &[bool])>,
) -> Vec<Arc<FileFacts>> {
    match previous {
        None => sources
            .par_iter()
            .zip(keep)
            .map(|(s, k)| Arc::new(facts::extract(s, Selection::Chunks(k))))
            .collect(),
        // In place: a fresh vector per round would be pages the kernel has to zero.
        Some((mut old, changed)) => {
            old.par_iter_mut()
                .enumerate()
                .filter(|(i, _)| changed[*i])
                .for_each(|(i, f)| {
                    *f = Arc::new(facts::extract(&sources[i], Selection::Chunks(&keep[i])));
                });
            old
        }
    }
}

/// Chunks with a trigger string, function chunks that use a :666 api package's typed client
/// (through its import alias), and every function of such an api package (its helper methods
/// wrap typed calls).
fn first_selection(sources: &[Source], ws: &Workspace, catalog: &Catalog) -> Vec<(usize, usize)> {
    let triggers = AhoCorasick::new(CHUNK_TRIGGERS).expect("static patterns");
    let trust_apis: BTreeSet<&str> = catalog
        .api_packages
        .iter()
        .filter(|(_, api)| {
            api.endpoints
                .values()
                .any(|&id| catalog.endpoints[id].is_trust_root())
        })
        .map(|(path, _)| path.as_str())
        .collect();
    // A :666 endpoint's name: a typed call may reach its client through a field, a function's
    // result or a method value, which no import alias in the chunk shows.
    let trust_names: Vec<&str> = catalog
        .api_packages
        .values()
        .flat_map(|api| api.endpoints.iter())
        .filter(|(_, id)| catalog.endpoints[**id].is_trust_root())
        .map(|(name, _)| name.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let trust_names = (!trust_names.is_empty())
        .then(|| AhoCorasick::new(&trust_names).expect("identifiers are plain strings"));
    let trust_api_dirs: BTreeSet<&str> = trust_apis
        .iter()
        .filter_map(|p| ws.dir_by_import.get(*p))
        .map(String::as_str)
        .collect();
    // Package-level variables that hold a typed client: their uses are typed calls too.
    let mut client_vars: std::collections::HashMap<&str, Vec<String>> =
        std::collections::HashMap::new();
    let types = crate::resolve::types::Types::new(ws, catalog);
    for package in ws.packages.values() {
        for &fi in &package.go_files {
            for v in &ws.go(fi).values {
                let scope = crate::resolve::values::Scope {
                    ws,
                    catalog,
                    types: &types,
                    file: fi,
                    function: None,
                    at: u32::MAX,
                };
                let holds_client = match &v.value {
                    Some(e) => matches!(scope.eval(e), crate::resolve::values::Value::Client(_)),
                    None => {
                        v.ty.as_ref()
                            .is_some_and(|t| scope.client_type(t).is_some())
                    }
                };
                if holds_client {
                    client_vars
                        .entry(package.dir.as_str())
                        .or_default()
                        .push(v.name.clone());
                }
            }
        }
    }
    sources
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, s)| {
            let mut out = Vec::new();
            let Ok(text) = s.text.as_deref() else {
                return out;
            };
            let in_api = trust_api_dirs.contains(s.file.dir());
            // Imports are read from the bytes: pass 1 parsed no function bodies.
            let imports = crate::triage::header::read(text).imports;
            let local_name = |alias: &Option<String>, path: &str| -> Option<String> {
                match alias.as_deref() {
                    Some("_" | ".") => None,
                    Some(a) => Some(a.to_string()),
                    None => Some(crate::facts::go::default_package_name(path).to_string()),
                }
            };
            let aliases: Vec<String> = imports
                .iter()
                .filter(|(_, path)| trust_apis.contains(path.as_str()))
                .filter_map(|(alias, path)| local_name(alias, path).map(|a| format!("{a}.")))
                .chain(client_vars.get(s.file.dir()).into_iter().flatten().cloned())
                .collect();
            let uses = (!aliases.is_empty())
                .then(|| AhoCorasick::new(&aliases).expect("aliases are plain strings"));
            let pub_alias = imports
                .iter()
                .find(|(_, p)| p == crate::resolve::values::PUB)
                .and_then(|(a, p)| local_name(a, p));
            for (ci, c) in s.chunks.iter().enumerate() {
                let chunk = &text[c.range()];
                let wanted = match c.kind {
                    ChunkKind::Keep | ChunkKind::Values => false,
                    ChunkKind::Type => triggers.is_match(chunk),
                    ChunkKind::Func => {
                        in_api
                            || uses.as_ref().is_some_and(|ac| mentions(ac, chunk))
                            || trust_names.as_ref().is_some_and(|ac| mentions(ac, chunk))
                            || (triggers.is_match(chunk)
                                && !only_harmless_requests(
                                    &triggers,
                                    chunk,
                                    pub_alias.as_deref(),
                                    catalog,
                                ))
                    }
                };
                if wanted {
                    out.push((i, ci));
                }
            }
            out
        })
        .collect()
}

/// Chunks that mention a function known to reach a call site, and chunks that declare a
/// package-level function a parsed function calls (constructors, whose result types type the
/// values they return). `reaching` grows with the parsed functions that mention its names.
fn on_paths(
    sources: &[Source],
    ws: &Workspace,
    keep: &[Vec<bool>],
    reaching: &mut BTreeSet<String>,
    trust_names: &BTreeSet<String>,
) -> Vec<(usize, usize)> {
    let mut called: BTreeSet<&str> = BTreeSet::new();
    let mut parsed: Vec<&crate::facts::go::GoFunction> = Vec::new();
    for p in ws.packages.values() {
        for &f in &p.go_files {
            let imports = &ws.go(f).imports;
            for func in &ws.go(f).functions {
                parsed.push(func);
                for c in &func.calls {
                    match &c.callee {
                        Expr::Ident(n) => {
                            called.insert(n);
                        }
                        Expr::Selector(base, n) if matches!(base.as_ref(), Expr::Ident(a) if imports.iter().any(|i| i.local_name() == Some(a))) =>
                        {
                            called.insert(n);
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    // The parsed functions that mention a reaching name reach too, transitively: a breadth-first
    // walk over who mentions whom, linear in the parsed code.
    let mut mentioned_by: std::collections::HashMap<&str, Vec<usize>> =
        std::collections::HashMap::new();
    for (k, f) in parsed.iter().enumerate() {
        for name in mentioned_names(f) {
            mentioned_by.entry(name).or_default().push(k);
        }
    }
    let mut queue: Vec<String> = reaching.iter().cloned().collect();
    while let Some(name) = queue.pop() {
        for &k in mentioned_by
            .get(name.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            if reaching.insert(parsed[k].name.clone()) {
                queue.push(parsed[k].name.clone());
            }
        }
    }
    // Methods whose results type the receiver of a call that can matter (a method reaching a
    // call site, a :666 endpoint, `Request`/`Publish`): `svc.deps().roles.Grant(…)`, `d :=
    // svc.deps(); d.Grant(…)`. Their declared result types decide what the call reaches.
    let matters = |m: &str| {
        reaching.contains(m) || trust_names.contains(m) || matches!(m, "Request" | "Publish")
    };
    for f in &parsed {
        for c in &f.calls {
            let Expr::Selector(base, m) = &c.callee else {
                continue;
            };
            if matters(m) {
                receiver_methods(f, base, &mut called);
            }
        }
    }
    // The types whose methods reach a call site: which interface calls can dispatch to them
    // depends on where their values are created (`T{`, `new(T)`, `T(x)`), so the functions that
    // create them lie on paths too, and so do their callers.
    let receiver_types: BTreeSet<&str> = parsed
        .iter()
        .filter(|f| reaching.contains(&f.name))
        .filter_map(|f| f.receiver_type.as_deref())
        .collect();
    for f in &parsed {
        let creates = f.instantiates.iter().any(|t| {
            t.base_name()
                .is_some_and(|(_, n)| receiver_types.contains(n))
        });
        if creates && !reaching.contains(&f.name) {
            reaching.insert(f.name.clone());
        }
    }
    let creations: Vec<String> = receiver_types
        .iter()
        .flat_map(|t| [format!("{t}{{"), format!("new({t})"), format!("{t}(")])
        .collect();
    let names: Vec<&str> = reaching
        .iter()
        .map(String::as_str)
        .chain(creations.iter().map(String::as_str))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let ac = (!names.is_empty())
        .then(|| AhoCorasick::new(&names).expect("identifiers are plain strings"));
    sources
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, s)| {
            let text = s.text.as_deref().unwrap_or("");
            s.chunks
                .iter()
                .enumerate()
                .filter(|(ci, c)| {
                    if c.kind != ChunkKind::Func {
                        return false;
                    }
                    !keep[i][*ci]
                        && (called.contains(c.name(text))
                            || ac.as_ref().is_some_and(|ac| mentions(ac, &text[c.range()])))
                })
                .map(|(ci, _)| (i, ci))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether the only triggers of a chunk are raw requests whose method and URL are string
/// literals right in the call, to a static destination off :666 that no :666 endpoint declares:
/// such a call produces no finding and no grant, so the chunk needs no parse for its own sake.
fn only_harmless_requests(
    triggers: &AhoCorasick,
    chunk: &str,
    pub_alias: Option<&str>,
    catalog: &Catalog,
) -> bool {
    let Some(alias) = pub_alias else { return false };
    for m in triggers.find_iter(chunk) {
        let pattern = CHUNK_TRIGGERS[m.pattern().as_usize()];
        // The argument list of the call: `.Request` directly followed by its parenthesis is
        // the call; followed by anything else it is a method value or a call written oddly.
        let open = match pattern {
            "Request(" | "Publish(" => m.end() - 1,
            ".Request" | ".Publish" if chunk[m.end()..].starts_with('(') => m.end(),
            _ => return false,
        };
        let Some(args) = call_arguments(&chunk[open..]) else {
            return false;
        };
        if args.contains("...") || args.contains('`') || args.contains('\\') {
            return false;
        }
        let mut url = None;
        let mut rest = args;
        while let Some(at) = rest.find(&format!("{alias}.")) {
            let call = &rest[at + alias.len() + 1..];
            let name: String = call
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let Some(inner) = call_arguments(&call[name.len()..]) else {
                return false;
            };
            let literal = inner
                .trim()
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .filter(|s| !s.contains('"'));
            match (name.as_str(), literal) {
                (
                    "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "URL",
                    Some(u),
                ) if url.is_none() => url = Some(u),
                (
                    "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "URL"
                    | "Method",
                    None,
                ) => return false,
                (
                    "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "URL",
                    Some(_),
                ) => return false,
                _ => {}
            }
            rest = &call[name.len()..];
        }
        let Some(Ok(t)) = url.map(crate::route::parse_url) else {
            return false;
        };
        let declared_on_666 = catalog.endpoints_on(&t.host).any(|(_, e)| {
            e.is_trust_root()
                && e.target
                    .as_ref()
                    .is_ok_and(|d| crate::route::path_matches(&d.path, &t.path))
        });
        if t.port == 666 || declared_on_666 {
            return false;
        }
    }
    true
}

/// The text between the parenthesis `s` starts with and its match, skipping strings.
fn call_arguments(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.first() != Some(&b'(') {
        return None;
    }
    let (mut depth, mut i) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&s[1..i]);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether the services that reach a call site can show in the output: a :666 call (grants,
/// blind spots), a call whose port is unknown, or a static call that names a :666 path on the
/// wrong port. A static call elsewhere produces nothing whoever reaches it.
fn attribution_matters(site: &callsites::CallSite, catalog: &Catalog) -> bool {
    let d = &site.destination;
    match (&d.port, &d.host, &d.path) {
        (Ok(666), _, _) | (Err(_), _, _) => true,
        (Ok(_), Ok(host), Ok(path)) => {
            site.endpoint.is_none()
                && catalog.endpoints_on(host).any(|(_, e)| {
                    e.target
                        .as_ref()
                        .is_ok_and(|t| crate::route::path_matches(&t.path, path))
                })
        }
        _ => true,
    }
}

/// The methods called in a receiver expression, and in the values of the local names it starts
/// from (bounded: a name bound to itself is not followed twice).
fn receiver_methods<'a>(
    f: &'a crate::facts::go::GoFunction,
    receiver: &'a Expr,
    out: &mut BTreeSet<&'a str>,
) {
    let mut stack = vec![receiver];
    let mut seen_names: BTreeSet<&str> = BTreeSet::new();
    while let Some(e) = stack.pop() {
        match e {
            Expr::Call(c) => {
                if let Expr::Selector(_, m) = &c.callee {
                    out.insert(m);
                }
                stack.push(&c.callee);
            }
            Expr::Ident(n) if seen_names.insert(n) => {
                for b in f.bindings_named(n) {
                    if let crate::facts::go::BindingValue::Expr(v)
                    | crate::facts::go::BindingValue::Tuple { call: v, .. } = &b.value
                    {
                        stack.push(v);
                    }
                }
            }
            Expr::Selector(b, _) | Expr::Index(b, _) | Expr::Deref(b) | Expr::TypeAssert(b, _) => {
                stack.push(b)
            }
            _ => {}
        }
    }
}

/// The identifiers and selected names a function's calls and bindings mention, each once.
fn mentioned_names(f: &crate::facts::go::GoFunction) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut stack: Vec<&Expr> = Vec::new();
    for c in &f.calls {
        stack.push(&c.callee);
        stack.extend(c.args.iter());
    }
    for b in &f.bindings {
        if let crate::facts::go::BindingValue::Expr(e) = &b.value {
            stack.push(e);
        }
    }
    while let Some(e) = stack.pop() {
        match e {
            Expr::Ident(n) => out.push(n),
            Expr::Selector(_, n) => out.push(n),
            _ => {}
        }
        stack.extend(e.children());
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn harmless_literal_requests() {
        let triggers = aho_corasick::AhoCorasick::new(super::CHUNK_TRIGGERS).unwrap();
        let catalog = crate::workspace::catalog::Catalog::default();
        let ok =
            |chunk: &str| super::only_harmless_requests(&triggers, chunk, Some("pub"), &catalog);
        assert!(ok(
            "func f() {\n\t_, err := svc.Request(ctx, pub.POST(\"https://a.b:444/store\"), pub.Body(v))\n}\n"
        ));
        assert!(!ok(
            "func f() { svc.Request(ctx, pub.POST(\"https://a.b:666/x\")) }"
        ));
        assert!(!ok("func f() { svc.Request(ctx, pub.URL(u)) }"));
        assert!(!ok("func f() { svc.Request(ctx, opts...) }"));
        assert!(!ok(
            "func f() { svc.Request(ctx, pub.Method(m), pub.URL(\"https://a.b/x\")) }"
        ));
        assert!(!ok(
            "func f() { svc.Request(ctx, pub.GET(\"https://\" + h + \"/x\")) }"
        ));
        assert!(!ok(
            "func f() { svc.Request(ctx, pub.POST(\"https://a.b/x\")); c.ForHost(h) }"
        ));
        assert!(!ok("func f() { svc.Request(ctx, opts...) }"));
        assert!(!ok(
            "func f() { r := svc.Request; r(ctx, pub.POST(\"https://a.b/x\")) }"
        ));
        assert!(!ok(
            "func f() { svc.Request /* x */ (ctx, pub.POST(\"https://a.b:666/x\")) }"
        ));
        assert_eq!(
            super::call_arguments("(a, f(\")\"), b)x"),
            Some("a, f(\")\"), b")
        );
    }
}
