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
//!
//! Texts are not held between passes: after the first, each hand-written file is known by its
//! outline (`triage::outline`: its chunks' identifiers as words), which is what the selection
//! reads, and a file whose selection grows is read again for its parse (and refused, as a
//! problem, if it changed in between).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::callgraph::callsites;
use crate::facts::go::Expr;
use crate::facts::{self, Facts, FileFacts, Selection, Source};
use crate::triage::ChunkKind;
use crate::triage::outline::{Form, Outline, name_of, word};
use crate::workspace::Workspace;
use crate::workspace::catalog::{Catalog, ExternalEndpoint};

pub(crate) fn run(sources: &mut [Source], external: &[ExternalEndpoint]) -> (Workspace, Catalog) {
    // Pass 1: constants, variables, imports and comments only, which is all the catalog needs.
    let mut keep = ChunkFlags::new(sources, |c| {
        matches!(c.kind, ChunkKind::Keep | ChunkKind::Values)
    });
    let files = extract_all(sources, &keep, None);
    // Only hand-written Go is parsed again in later passes, from its text read again: until
    // then, its outline is what the selection reads. The rest of the text can go.
    sources
        .par_iter_mut()
        .zip(&files)
        .for_each(|(source, facts)| outline_and_release(source, facts));
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
    let sites = {
        let types = crate::resolve::types::Types::new(&ws, &catalog);
        callsites::find(&types, &crate::flow::solve(&types, &[]))
    };
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
        .flat_map(|api| api.endpoints())
        .filter(|(_, id)| catalog.endpoints[*id].is_trust_root())
        .map(|(name, _)| name.to_string())
        .collect();
    // Then, until nothing new: whatever may lie on a path to those call sites. Each round parses
    // one more level of callers or callees; a deep chain of helpers would take a round (and a
    // re-parse of its files) per level, so after a few rounds the rest of the closure is taken
    // from the bytes in one go.
    let mut rounds = 0;
    loop {
        rounds += 1;
        through_values(&ws, &catalog, &mut reaching, &trust_names);
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

/// Adds to `reaching` the names through which a value that can reach a :666 call flows in the
/// parsed code: the functions holding call sites, and every package variable, field and
/// function whose parameters, results or locals hold such a value (a typed client of a :666
/// api, a function or method that reaches a call site, a value of a type with such a method).
/// The chunks that mention them are what the value flow needs next.
fn through_values(
    ws: &Workspace,
    catalog: &Catalog,
    reaching: &mut BTreeSet<String>,
    trust_names: &BTreeSet<String>,
) {
    let types = crate::resolve::types::Types::new(ws, catalog);
    let flow = crate::flow::solve_with_carriers(&types);
    for s in callsites::find(&types, &flow) {
        if attribution_matters(&s, catalog) {
            reaching.insert(
                ws.go(s.function.file).functions[s.function.function]
                    .name
                    .clone(),
            );
        }
    }
    let trust_apis = trust_api_packages(catalog);
    loop {
        let receiver_types: BTreeSet<&str> = ws
            .packages
            .values()
            .flat_map(|p| p.go_files.iter())
            .flat_map(|&f| ws.go(f).functions.iter())
            .filter(|f| reaching.contains(&f.name))
            .filter_map(|f| f.receiver_type.as_deref())
            .collect();
        let dangerous = |h: &crate::flow::Held| match h {
            crate::flow::Held::Function(n) => reaching.contains(&**n),
            crate::flow::Held::Type(t) => receiver_types.contains(&**t),
            crate::flow::Held::Client(api) => trust_apis.contains(&**api),
            crate::flow::Held::Method(m) => reaching.contains(&**m) || trust_names.contains(&**m),
        };
        let new: Vec<String> = flow
            .carriers
            .iter()
            .filter(|(name, h)| !reaching.contains(&**name) && dangerous(h))
            .map(|(name, _)| name.to_string())
            .collect();
        if new.is_empty() {
            return;
        }
        reaching.extend(new);
    }
}

/// The api packages whose typed clients call a :666 endpoint.
fn trust_api_packages(catalog: &Catalog) -> BTreeSet<&str> {
    catalog
        .api_packages
        .iter()
        .filter(|(_, api)| {
            api.endpoints()
                .any(|(_, id)| catalog.endpoints[id].is_trust_root())
        })
        .map(|(path, _)| path.as_str())
        .collect()
}

/// One flag per chunk of every file, in one allocation: a vector per file would cost more than
/// its flags. `flags[i]` is file `i`'s.
struct ChunkFlags {
    starts: Vec<usize>,
    flags: Vec<bool>,
}

impl ChunkFlags {
    fn new(sources: &[Source], flag: impl Fn(&crate::triage::Chunk) -> bool) -> ChunkFlags {
        let mut starts = Vec::with_capacity(sources.len() + 1);
        let mut flags = Vec::with_capacity(sources.iter().map(|s| s.chunks.len()).sum());
        for s in sources {
            starts.push(flags.len());
            flags.extend(s.chunks.iter().map(&flag));
        }
        starts.push(flags.len());
        ChunkFlags { starts, flags }
    }

    /// How many files.
    fn files(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

impl std::ops::Index<usize> for ChunkFlags {
    type Output = [bool];
    fn index(&self, file: usize) -> &[bool] {
        &self.flags[self.starts[file]..self.starts[file + 1]]
    }
}

impl std::ops::IndexMut<usize> for ChunkFlags {
    fn index_mut(&mut self, file: usize) -> &mut [bool] {
        &mut self.flags[self.starts[file]..self.starts[file + 1]]
    }
}

/// Builds a hand-written Go file's outline and lets its text go; other files' texts go too.
/// The name `pub` is imported under comes from the first pass's facts (its imports), so the
/// header is not read twice; without them no request counts as harmless.
fn outline_and_release(source: &mut Source, first_pass: &FileFacts) {
    if source.is_hand_written_go()
        && source.header_only.is_none()
        && let Ok(text) = &source.text
    {
        let pub_alias = match &first_pass.facts {
            Facts::Go(g) => g
                .imports
                .iter()
                .find(|i| i.path == crate::resolve::values::PUB)
                .and_then(|i| i.local_name()),
            _ => None,
        };
        source.outline = Some(Box::new(Outline::new(text, &source.chunks, pub_alias)));
        source.release_text();
    } else if let Ok(text) = &mut source.text {
        *text = String::new();
    }
}

/// The outline of `sources[i]`, if it has one (hand-written Go whose package can matter).
fn outline(sources: &[Source], i: usize) -> Option<&Outline> {
    sources[i].outline.as_deref()
}

/// The closure of `wanted` over the outlines of the function chunks not parsed yet: chunks that
/// mention a function known (or now selected) to reach a call site, and chunks named by a call
/// (`name(`) in a selected chunk, transitively. A superset of what further rounds would select,
/// found with one look at each chunk's words.
fn byte_closure(
    sources: &[Source],
    keep: &ChunkFlags,
    wanted: &[(usize, usize)],
    reaching: &BTreeSet<String>,
) -> Vec<(usize, usize)> {
    let chunk_name = |(i, ci): (usize, usize)| sources[i].chunks[ci].name;
    let mut by_name: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let mut function_names: HashSet<u32> = reaching.iter().map(|n| word(n, Form::Name)).collect();
    for (i, s) in sources.iter().enumerate() {
        for (ci, c) in s.chunks.iter().enumerate() {
            if c.kind != ChunkKind::Func {
                continue;
            }
            function_names.insert(c.name);
            if !keep[i][ci] {
                candidates.push((i, ci));
                by_name.entry(c.name).or_default().push((i, ci));
            }
        }
    }
    // Which candidates mention which function names, and which they call: only names of
    // functions matter, so only those are kept.
    let scanned: Vec<(Vec<u32>, Vec<u32>)> = candidates
        .par_iter()
        .map(|&(i, ci)| {
            let words = outline(sources, i).map_or(&[][..], |o| o.words(ci));
            let mentions = words
                .iter()
                .copied()
                .filter(|w| function_names.contains(w))
                .collect();
            let calls = words
                .iter()
                .map(|&w| name_of(w, Form::Call))
                .filter(|n| function_names.contains(n))
                .collect();
            (mentions, calls)
        })
        .collect();
    let mut mentioned_by: HashMap<u32, Vec<usize>> = HashMap::new();
    for (k, (mentions, _)) in scanned.iter().enumerate() {
        for &m in mentions {
            mentioned_by.entry(m).or_default().push(k);
        }
    }
    let index_of: HashMap<(usize, usize), usize> = candidates
        .iter()
        .enumerate()
        .map(|(k, &c)| (c, k))
        .collect();
    let mut selected: HashSet<usize> = HashSet::new();
    let mut names: Vec<u32> = reaching.iter().map(|n| word(n, Form::Name)).collect();
    let mut seen_names: HashSet<u32> = names.iter().copied().collect();
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
            for &k in mentioned_by.get(&n).map(Vec::as_slice).unwrap_or(&[]) {
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

/// Type declarations are parsed when something parsed names them: the closure over the names
/// the parsed chunks mention, each chunk's bytes scanned once. What a type resolves against
/// (field, parameter, result and embedded types, interfaces and their implementations) is
/// always named by the parsed code that uses it, so resolution sees the same types as with
/// `--no-triage`.
struct TypeClosure {
    /// (package folder, name word of a declared type) → its chunks; folders are indices into
    /// the folders seen.
    by_name: HashMap<(u32, u32), Vec<(usize, usize)>>,
    /// For each file, the package folders its names can refer to: its own and the in-tree
    /// packages it imports (from its header: pass 1 may not have parsed the imports).
    visible: Vec<Vec<u32>>,
    scanned: ChunkFlags,
}

impl TypeClosure {
    fn new(sources: &[Source], ws: &Workspace) -> TypeClosure {
        let mut dirs: HashMap<&str, u32> = HashMap::new();
        let mut by_name: HashMap<(u32, u32), Vec<(usize, usize)>> = HashMap::new();
        let mut visible = Vec::with_capacity(sources.len());
        for (i, s) in sources.iter().enumerate() {
            let next = dirs.len() as u32;
            let dir = *dirs.entry(s.file.dir()).or_insert(next);
            if let Some(o) = outline(sources, i) {
                for &(ci, name) in o.type_names.iter() {
                    by_name
                        .entry((dir, name))
                        .or_default()
                        .push((i, ci as usize));
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
        TypeClosure {
            by_name,
            visible,
            scanned: ChunkFlags::new(sources, |_| false),
        }
    }

    /// Type chunks named by the kept chunks and `wanted`, transitively, not yet kept.
    fn grow(
        &mut self,
        sources: &[Source],
        keep: &ChunkFlags,
        wanted: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        if self.by_name.is_empty() {
            return Vec::new();
        }
        let mut frontier: Vec<(usize, usize)> = (0..keep.files())
            .flat_map(|i| {
                keep[i]
                    .iter()
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
        let mut added: BTreeSet<(usize, usize)> = Default::default();
        while !frontier.is_empty() {
            for &(i, ci) in &frontier {
                self.scanned[i][ci] = true;
            }
            let this = &*self;
            let found: Vec<(usize, usize)> = frontier
                .par_iter()
                .flat_map_iter(|&(file, ci)| {
                    let words = outline(sources, file).map_or(&[][..], |o| o.words(ci));
                    words
                        .iter()
                        .flat_map(move |&w| {
                            this.visible[file]
                                .iter()
                                .filter_map(move |&dir| this.by_name.get(&(dir, w)))
                        })
                        .flatten()
                        .copied()
                })
                .collect();
            let mut next: Vec<(usize, usize)> = found
                .into_iter()
                .filter(|&(i, ci)| !keep[i][ci] && added.insert((i, ci)))
                .collect();
            next.retain(|&(i, ci)| !self.scanned[i][ci]);
            next.sort();
            next.dedup();
            frontier = next;
        }
        added.into_iter().collect()
    }
}

/// Adds `wanted` chunks to the selection; gives the files whose selection grew, or `None` when
/// nothing was added.
fn add_to_selection(keep: &mut ChunkFlags, wanted: Vec<(usize, usize)>) -> Option<Vec<bool>> {
    let mut changed = vec![false; keep.files()];
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
    keep: &ChunkFlags,
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
    keep: &ChunkFlags,
    previous: Option<(Vec<Arc<FileFacts>>, &[bool])>,
) -> Vec<Arc<FileFacts>> {
    match previous {
        None => sources
            .par_iter()
            .enumerate()
            .map(|(i, s)| Arc::new(facts::extract(s, Selection::Chunks(&keep[i]))))
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
    let trust_apis = trust_api_packages(catalog);
    // A :666 endpoint's name: a typed call may reach its client through a field, a function's
    // result or a method value, which no import alias in the chunk shows.
    let trust_names: HashSet<u32> = catalog
        .api_packages
        .values()
        .flat_map(|api| api.endpoints())
        .filter(|(_, id)| catalog.endpoints[*id].is_trust_root())
        .map(|(name, _)| word(name, Form::Name))
        .collect();
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
                    args: None,
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
            let (Some(o), Facts::Go(facts)) = (outline(sources, i), &ws.files[i].facts) else {
                return out;
            };
            let in_api = trust_api_dirs.contains(s.file.dir());
            // A typed client's package used through its import (`rolesapi.`), or a package
            // variable that holds one.
            let uses: HashSet<u32> = facts
                .imports
                .iter()
                .filter(|import| trust_apis.contains(import.path.as_str()))
                .filter_map(|import| import.local_name())
                .map(|a| word(a, Form::Selector))
                .chain(
                    client_vars
                        .get(s.file.dir())
                        .into_iter()
                        .flatten()
                        .map(|v| word(v, Form::Name)),
                )
                .collect();
            for (ci, c) in s.chunks.iter().enumerate() {
                let wanted = match c.kind {
                    ChunkKind::Keep | ChunkKind::Values => false,
                    ChunkKind::Type => o.triggered(ci),
                    ChunkKind::Func => {
                        in_api
                            || o.mentions_any(ci, &uses)
                            || o.mentions_any(ci, &trust_names)
                            || (o.triggered(ci)
                                && !o
                                    .literal_requests(ci)
                                    .is_some_and(|urls| harmless(urls, catalog)))
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
    keep: &ChunkFlags,
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
    // A method value counts as a call (`run(d.Grant)`), wherever it is written.
    for f in &parsed {
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
        for r in &f.returns {
            stack.extend(r.values.iter());
        }
        for st in &f.stores {
            if let crate::facts::go::BindingValue::Expr(e) = &st.value {
                stack.push(e);
            }
        }
        while let Some(e) = stack.pop() {
            if let Expr::Selector(base, m) = e
                && matters(m)
            {
                receiver_methods(f, base, &mut called);
            }
            stack.extend(e.children());
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
    // A reaching name anywhere, or the creation of a receiver type: `T{`, `new(T)`, `T(`.
    let wanted_words: HashSet<u32> = reaching
        .iter()
        .map(|n| word(n, Form::Name))
        .chain(receiver_types.iter().flat_map(|t| {
            [
                word(t, Form::Brace),
                word(t, Form::New),
                word(t, Form::Call),
            ]
        }))
        .collect();
    let called: HashSet<u32> = called.iter().map(|n| word(n, Form::Name)).collect();
    sources
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, s)| {
            let Some(o) = outline(sources, i) else {
                return Vec::new();
            };
            s.chunks
                .iter()
                .enumerate()
                .filter(|(ci, c)| {
                    c.kind == ChunkKind::Func
                        && !keep[i][*ci]
                        && (called.contains(&c.name) || o.mentions_any(*ci, &wanted_words))
                })
                .map(|(ci, _)| (i, ci))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether raw requests to these literal URLs (see [`Outline::literal_requests`]) produce
/// nothing: each goes to a static destination off :666 where no :666 endpoint is declared, so
/// the chunk needs no parse for its own sake.
fn harmless(urls: &[Box<str>], catalog: &Catalog) -> bool {
    urls.iter().all(|url| {
        let Ok(t) = crate::route::parse_url(url) else {
            return false;
        };
        let declared_on_666 = catalog.endpoints_on(&t.host).any(|(_, e)| {
            e.is_trust_root()
                && e.target
                    .as_ref()
                    .is_ok_and(|d| crate::route::path_matches(&d.path, &t.path))
        });
        t.port != 666 && !declared_on_666
    })
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
