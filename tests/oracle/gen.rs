//! A seeded generator of small Microbus programs for the differential test against Go's VTA
//! call graph (`tests/vta_oracle.rs`). Each program has two or three services, each in a binary
//! of its own or in a bundle, and each service's handlers carry a typed client (or a function
//! that makes a :666 call) through a random chain of steps before invoking it: locals, fields,
//! parameters and results, maps, slices, arrays, channels, closures, package variables, method
//! values and expressions, interfaces, embedding, wrappers, generics, goroutines, `defer`,
//! out-of-tree callbacks (`sort.Slice`, `fmt.Fprintf`) and `init` hooks. Some chains are dead
//! (never invoked, or in a method nobody calls): they must grant nothing. Every program is
//! valid Go 1.19 that `go vet` accepts.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// splitmix64: a tiny seeded generator, so that a seed names one program forever.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The typed clients a chain may start from: api package, its import path, the :666 method.
const SINKS: &[(&str, &str, &str)] = &[
    (
        "accesstokenapi",
        "github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi",
        "Mint",
    ),
    (
        "bearertokenapi",
        "github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi",
        "Mint",
    ),
    (
        "shellapi",
        "github.com/microbus-io/fabric/coreservices/shell/shellapi",
        "Execute",
    ),
];

const FUNC_TY: &str = "func(context.Context, any) (string, error)";

/// A value being carried: something with the sink's method, or a function of [`FUNC_TY`].
#[derive(Clone)]
enum Kind {
    /// A value whose method `method` makes the call. `ty` is its type as the service package
    /// writes it, `lib_ty` as the lib package writes it, `name` the bare name (for embedding).
    Val {
        ty: String,
        lib_ty: String,
        name: String,
    },
    /// A function value.
    Func,
}

#[derive(Clone)]
struct Carried {
    expr: String,
    kind: Kind,
    method: &'static str,
}

impl Carried {
    fn ty(&self) -> String {
        match &self.kind {
            Kind::Val { ty, .. } => ty.clone(),
            Kind::Func => FUNC_TY.into(),
        }
    }
    fn lib_ty(&self) -> String {
        match &self.kind {
            Kind::Val { lib_ty, .. } => lib_ty.clone(),
            Kind::Func => FUNC_TY.into(),
        }
    }
}

/// The program being written.
struct Program {
    rng: Rng,
    module: String,
    lib: String,
    counter: usize,
    hooks: Vec<String>,
    /// Steps taken, for the failure report.
    pub trail: BTreeSet<&'static str>,
    /// The sink of the chain being written (an index into [`SINKS`]).
    sink: usize,
}

/// What a generated program holds, for the test's report.
pub struct Generated {
    /// The step kinds the program uses.
    pub steps: BTreeSet<&'static str>,
    /// The calls the program really makes, by construction: (service folder, host, method,
    /// path). Dead chains are not in it.
    pub expected: BTreeSet<(String, String, String, String)>,
}

/// The endpoint each sink's method calls.
pub const SINK_ENDPOINTS: &[(&str, &str, &str)] = &[
    ("access.token.core", "POST", "/mint"),
    ("bearer.token.core", "POST", "/mint"),
    ("shell.core", "POST", "/execute"),
];

impl Program {
    fn fresh(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }

    /// A source: a typed client or a function making the call.
    fn source(&mut self) -> Carried {
        self.sink = self.rng.below(SINKS.len());
        let (api, _, method) = SINKS[self.sink];
        let client = |expr: String| Carried {
            expr,
            kind: Kind::Val {
                ty: format!("{api}.Client"),
                lib_ty: format!("{api}.Client"),
                name: "Client".into(),
            },
            method,
        };
        match self.rng.below(5) {
            0 | 1 => {
                self.trail.insert("source:client");
                client(format!("{api}.NewClient(svc)"))
            }
            2 => {
                self.trail.insert("source:lib_constructor");
                let n = self.fresh();
                let _ = writeln!(
                    self.lib,
                    "func NewClient{n}(p service.Publisher) {api}.Client {{ return {api}.NewClient(p) }}\n"
                );
                client(format!("lib.NewClient{n}(svc)"))
            }
            3 => {
                self.trail.insert("source:package_func");
                let n = self.fresh();
                let _ = writeln!(
                    self.lib,
                    "func CallFn{n}(ctx context.Context, in any) (string, error) {{ return {api}.NewClient(Pub).{method}(ctx, in) }}\n"
                );
                Carried {
                    expr: format!("lib.CallFn{n}"),
                    kind: Kind::Func,
                    method,
                }
            }
            _ => {
                self.trail.insert("source:package_map_initializer");
                let n = self.fresh();
                let _ = writeln!(
                    self.lib,
                    "func callFn{n}(ctx context.Context, in any) (string, error) {{ return {api}.NewClient(Pub).{method}(ctx, in) }}\n\n\
                     var Table{n} = map[string]{FUNC_TY}{{\"k\": callFn{n}}}\n"
                );
                Carried {
                    expr: format!("lib.Table{n}[\"k\"]"),
                    kind: Kind::Func,
                    method,
                }
            }
        }
    }

    /// A value of a type the lib package declares, with the method `method`.
    fn lib_type_val(&self, name: String, method: &'static str, c: &Carried) -> Carried {
        Carried {
            expr: String::new(),
            kind: Kind::Val {
                ty: format!("lib.{name}"),
                lib_ty: name.clone(),
                name,
            },
            method: c.method,
        }
        .with_method(method)
    }

    /// Another instance of the generic of step `n`: a lib type with the carried value's
    /// method, which calls the next sink. Go instantiates per type argument, so the carried
    /// value's instance never holds it, and its sink must not be granted for this flow. Only
    /// for a carried value of a concrete type: an instance of an interface type argument
    /// shares rootlint's one body with the others (README: generics).
    fn decoy(&mut self, c: &Carried, n: usize) -> Option<String> {
        let Kind::Val { name, .. } = &c.kind else {
            return None;
        };
        if name.starts_with("Iface") {
            return None;
        }
        self.trail.insert("generic_other_instance");
        let (api, _, method) = SINKS[(self.sink + 1) % SINKS.len()];
        let m = c.method;
        let _ = writeln!(
            self.lib,
            "type Decoy{n} struct{{}}\n\n\
             func (Decoy{n}) {m}(ctx context.Context, in any) (string, error) {{ return {api}.NewClient(Pub).{method}(ctx, in) }}\n"
        );
        Some(format!("lib.Decoy{n}"))
    }

    /// One step: statements appended to `body`, and the carried value after it.
    fn step(&mut self, body: &mut String, c: Carried) -> Carried {
        let n = self.fresh();
        let ty = c.ty();
        let lib_ty = c.lib_ty();
        let e = c.expr.clone();
        let keep = |expr: String| Carried { expr, ..c.clone() };
        let is_val = matches!(c.kind, Kind::Val { .. });
        let choice = self.rng.below(23);
        match choice {
            0 => {
                self.trail.insert("local");
                let _ = writeln!(body, "\tv{n} := {e}");
                keep(format!("v{n}"))
            }
            1 => {
                self.trail.insert("struct_field_literal");
                let _ = writeln!(self.lib, "type Holder{n} struct{{ F {lib_ty} }}\n");
                let _ = writeln!(body, "\th{n} := &lib.Holder{n}{{F: {e}}}");
                keep(format!("h{n}.F"))
            }
            2 => {
                self.trail.insert("struct_field_store");
                let _ = writeln!(self.lib, "type Holder{n} struct{{ F {lib_ty} }}\n");
                let _ = writeln!(body, "\tvar h{n} lib.Holder{n}\n\th{n}.F = {e}");
                keep(format!("h{n}.F"))
            }
            3 => {
                self.trail.insert("parameter_result");
                let _ = writeln!(
                    self.lib,
                    "func Pass{n}(v {lib_ty}) {lib_ty} {{ return v }}\n"
                );
                keep(format!("lib.Pass{n}({e})"))
            }
            4 => {
                self.trail.insert("closure_capture");
                let _ = writeln!(
                    body,
                    "\tv{n} := {e}\n\tg{n} := func() {ty} {{ return v{n} }}"
                );
                keep(format!("g{n}()"))
            }
            5 => {
                self.trail.insert("map_element");
                let _ = writeln!(body, "\tm{n} := map[string]{ty}{{\"k\": {e}}}");
                keep(format!("m{n}[\"k\"]"))
            }
            6 => {
                self.trail.insert("slice_element");
                let _ = writeln!(body, "\ts{n} := []{ty}{{{e}}}");
                keep(format!("s{n}[0]"))
            }
            7 => {
                self.trail.insert("array_element");
                let _ = writeln!(body, "\ta{n} := [1]{ty}{{{e}}}");
                keep(format!("a{n}[0]"))
            }
            8 => {
                self.trail.insert("channel");
                let _ = writeln!(
                    body,
                    "\tch{n} := make(chan {ty}, 1)\n\tch{n} <- {e}\n\tr{n} := <-ch{n}"
                );
                keep(format!("r{n}"))
            }
            9 => {
                self.trail.insert("channel_goroutine");
                let _ = writeln!(
                    body,
                    "\tv{n} := {e}\n\tch{n} := make(chan {ty})\n\tgo func() {{ ch{n} <- v{n} }}()\n\tr{n} := <-ch{n}"
                );
                keep(format!("r{n}"))
            }
            10 => {
                self.trail.insert("package_var");
                let _ = writeln!(self.lib, "var Var{n} {lib_ty}\n");
                let _ = writeln!(body, "\tlib.Var{n} = {e}");
                keep(format!("lib.Var{n}"))
            }
            11 => {
                self.trail.insert("anonymous_struct");
                let _ = writeln!(body, "\tst{n} := struct{{ f {ty} }}{{f: {e}}}");
                keep(format!("st{n}.f"))
            }
            12 => {
                self.trail.insert("function_local_type");
                let _ = writeln!(
                    body,
                    "\ttype loc{n} struct{{ f {ty} }}\n\tl{n} := loc{n}{{f: {e}}}"
                );
                keep(format!("l{n}.f"))
            }
            13 => {
                self.trail.insert("generic_box");
                let _ = writeln!(
                    self.lib,
                    "type Box{n}[V any] struct{{ V V }}\n\nfunc (b Box{n}[V]) Get() V {{ return b.V }}\n"
                );
                if let Some(decoy) = self.decoy(&c, n) {
                    let _ = writeln!(body, "\t_ = lib.Box{n}[{decoy}]{{V: {decoy}{{}}}}.Get()");
                }
                // By the step's number, not the generator: old seeds keep their programs.
                if n.is_multiple_of(2) {
                    keep(format!("lib.Box{n}[{ty}]{{V: {e}}}.V"))
                } else {
                    keep(format!("lib.Box{n}[{ty}]{{V: {e}}}.Get()"))
                }
            }
            14 => {
                self.trail.insert("generic_identity");
                let _ = writeln!(self.lib, "func Id{n}[V any](v V) V {{ return v }}\n");
                if let Some(decoy) = self.decoy(&c, n) {
                    let _ = writeln!(body, "\t_ = lib.Id{n}({decoy}{{}})");
                }
                keep(format!("lib.Id{n}({e})"))
            }
            15 if is_val => {
                self.trail.insert("interface_conversion");
                let m = c.method;
                let _ = writeln!(
                    self.lib,
                    "type Iface{n} interface {{ {m}(ctx context.Context, in any) (string, error) }}\n"
                );
                let _ = writeln!(body, "\tvar i{n} lib.Iface{n} = {e}");
                let mut out = self.lib_type_val(format!("Iface{n}"), m, &c);
                out.expr = format!("i{n}");
                out
            }
            16 if is_val => {
                self.trail.insert("embedding");
                let Kind::Val { name, .. } = &c.kind else {
                    unreachable!()
                };
                let _ = writeln!(self.lib, "type Embed{n} struct{{ {lib_ty} }}\n");
                let mut out = self.lib_type_val(format!("Embed{n}"), c.method, &c);
                out.expr = format!("lib.Embed{n}{{{name}: {e}}}");
                out
            }
            17 if is_val => {
                self.trail.insert("forwarding_wrapper");
                let m = c.method;
                let _ = writeln!(
                    self.lib,
                    "type Fwd{n} struct{{ Inner {lib_ty} }}\n\n\
                     func (f Fwd{n}) {m}(ctx context.Context, in any) (string, error) {{ return f.Inner.{m}(ctx, in) }}\n"
                );
                let mut out = self.lib_type_val(format!("Fwd{n}"), m, &c);
                out.expr = format!("lib.Fwd{n}{{Inner: {e}}}");
                out
            }
            18 if is_val => {
                self.trail.insert("method_value");
                let _ = writeln!(body, "\tf{n} := {e}.{}", c.method);
                Carried {
                    expr: format!("f{n}"),
                    kind: Kind::Func,
                    method: c.method,
                }
            }
            19 if is_val => {
                self.trail.insert("method_value_in_composite");
                let _ = writeln!(body, "\tfs{n} := []{FUNC_TY}{{{e}.{}}}", c.method);
                Carried {
                    expr: format!("fs{n}[0]"),
                    kind: Kind::Func,
                    method: c.method,
                }
            }
            20 if is_val => {
                self.trail.insert("method_expression");
                let m = c.method;
                // The value form: x/tools 0.5.0's VTA loses what flows into the receiver of
                // `(*T).M(&v, …)` (the thunk reads through the address of a local), so the
                // oracle would miss the call; ui-tests cover the pointer form.
                let call = format!("{ty}.{m}(v{n}, ctx, in)");
                let _ = writeln!(
                    body,
                    "\tv{n} := {e}\n\tf{n} := func(ctx context.Context, in any) (string, error) {{ return {call} }}"
                );
                Carried {
                    expr: format!("f{n}"),
                    kind: Kind::Func,
                    method: m,
                }
            }
            15..=21 if !is_val => {
                self.trail.insert("func_to_method");
                let m = c.method;
                let _ = writeln!(
                    self.lib,
                    "type FuncM{n} {FUNC_TY}\n\n\
                     func (f FuncM{n}) {m}(ctx context.Context, in any) (string, error) {{ return f(ctx, in) }}\n"
                );
                let mut out = self.lib_type_val(format!("FuncM{n}"), m, &c);
                out.expr = format!("lib.FuncM{n}({e})");
                out
            }
            _ => {
                self.trail.insert("method_value_argument");
                // A method value (or function) passed as an argument and returned.
                let _ = writeln!(
                    self.lib,
                    "func Take{n}(f {FUNC_TY}) {FUNC_TY} {{ return f }}\n"
                );
                match &c.kind {
                    Kind::Val { .. } => Carried {
                        expr: format!("lib.Take{n}({e}.{})", c.method),
                        kind: Kind::Func,
                        method: c.method,
                    },
                    Kind::Func => keep(format!("lib.Take{n}({e})")),
                }
            }
        }
    }

    /// The invocation of the carried value, as statements.
    fn invoke(&mut self, body: &mut String, c: Carried) {
        let n = self.fresh();
        let e = &c.expr;
        let m = c.method;
        let call = |recv: &str| match &c.kind {
            Kind::Val { .. } => format!("{recv}.{m}(ctx, nil)"),
            Kind::Func => format!("{recv}(ctx, nil)"),
        };
        let is_val = matches!(c.kind, Kind::Val { .. });
        match self.rng.below(7) {
            0 if is_val => {
                self.trail.insert("invoke:generic_constraint");
                let _ = writeln!(
                    self.lib,
                    "func Call{n}[V interface{{ {m}(context.Context, any) (string, error) }}](ctx context.Context, v V) error {{\n\t_, err := v.{m}(ctx, nil)\n\treturn err\n}}\n"
                );
                let _ = writeln!(
                    body,
                    "\tif err := lib.Call{n}(ctx, {e}); err != nil {{\n\t\treturn err\n\t}}"
                );
            }
            1 if is_val => {
                self.trail.insert("invoke:fmt_fprintf");
                let lib_ty = c.lib_ty();
                let _ = writeln!(
                    self.lib,
                    "type Writer{n} struct{{ Inner {lib_ty} }}\n\n\
                     func (w Writer{n}) Write(p []byte) (int, error) {{\n\t_, err := w.Inner.{m}(context.Background(), nil)\n\treturn len(p), err\n}}\n"
                );
                let _ = writeln!(
                    body,
                    "\t_, _ = fmt.Fprintf(lib.Writer{n}{{Inner: {e}}}, \"x\")"
                );
            }
            2 => {
                self.trail.insert("invoke:sort_slice");
                let _ = writeln!(
                    body,
                    "\tv{n} := {e}\n\txs{n} := []int{{2, 1}}\n\tsort.Slice(xs{n}, func(i, j int) bool {{\n\t\t_, _ = {}\n\t\treturn xs{n}[i] < xs{n}[j]\n\t}})",
                    call(&format!("v{n}"))
                );
            }
            3 => {
                self.trail.insert("invoke:goroutine");
                let _ = writeln!(
                    body,
                    "\tv{n} := {e}\n\tgo func() {{ _, _ = {} }}()",
                    call(&format!("v{n}"))
                );
            }
            4 => {
                self.trail.insert("invoke:defer");
                let _ = writeln!(
                    body,
                    "\tv{n} := {e}\n\tdefer func() {{ _, _ = {} }}()",
                    call(&format!("v{n}"))
                );
            }
            _ if e.contains('{') => {
                // A composite literal cannot stand in an `if` header unparenthesized.
                self.trail.insert("invoke:direct");
                let _ = writeln!(
                    body,
                    "\tv{n} := {e}\n\tif _, err := {}; err != nil {{\n\t\treturn err\n\t}}",
                    call(&format!("v{n}"))
                );
            }
            _ => {
                self.trail.insert("invoke:direct");
                let _ = writeln!(
                    body,
                    "\tif _, err := {}; err != nil {{\n\t\treturn err\n\t}}",
                    call(e)
                );
            }
        }
    }

    /// An `init` hook: a package that registers a closure making a :666 call; `run` says
    /// whether the service runs the registry. Returns the import path of the hook package.
    fn hook(&mut self, dir: &Path, body: &mut String, run: bool) -> std::io::Result<String> {
        let n = self.fresh();
        self.sink = self.rng.below(SINKS.len());
        let (api, import, method) = SINKS[self.sink];
        self.trail.insert("init_hook");
        let _ = writeln!(
            self.lib,
            "var hooks{n} []func(context.Context) error\n\n\
             // Register{n} adds a hook.\nfunc Register{n}(f func(context.Context) error) {{ hooks{n} = append(hooks{n}, f) }}\n\n\
             // Run{n} runs the hooks.\nfunc Run{n}(ctx context.Context) error {{\n\tfor _, f := range hooks{n} {{\n\t\tif err := f(ctx); err != nil {{\n\t\t\treturn err\n\t\t}}\n\t}}\n\treturn nil\n}}\n"
        );
        let pkg = format!("hook{n}");
        std::fs::create_dir_all(dir.join(&pkg))?;
        std::fs::write(
            dir.join(&pkg).join("hook.go"),
            format!(
                "// Package {pkg} registers a hook when it is linked.\npackage {pkg}\n\nimport (\n\t\"context\"\n\n\t\"{import}\"\n\n\t\"{m}/lib\"\n)\n\n\
                 func init() {{\n\tlib.Register{n}(func(ctx context.Context) error {{\n\t\t_, err := {api}.NewClient(lib.Pub).{method}(ctx, nil)\n\t\treturn err\n\t}})\n}}\n",
                m = self.module
            ),
        )?;
        if run {
            let _ = writeln!(
                body,
                "\tif err := lib.Run{n}(ctx); err != nil {{\n\t\treturn err\n\t}}"
            );
        }
        Ok(format!("{}/{pkg}", self.module))
    }
}

impl Carried {
    fn with_method(mut self, method: &'static str) -> Carried {
        self.method = method;
        self
    }
}

/// Imports a Go file needs, from what its text uses.
fn imports(text: &str, module: &str, extra: &[String]) -> String {
    let mut std = Vec::new();
    let mut other: Vec<String> = Vec::new();
    for (name, path) in [("context.", "context"), ("fmt.", "fmt"), ("sort.", "sort")] {
        if text.contains(name) {
            std.push(format!("\t\"{path}\""));
        }
    }
    if text.contains("service.Publisher") {
        other.push("\t\"github.com/microbus-io/fabric/service\"".into());
    }
    for (api, path, _) in SINKS {
        if text.contains(&format!("{api}.")) {
            other.push(format!("\t\"{path}\""));
        }
    }
    if text.contains("lib.") {
        other.push(format!("\t\"{module}/lib\""));
    }
    for e in extra {
        other.push(format!("\t_ \"{e}\""));
    }
    let mut out = String::from("import (\n");
    out.push_str(&std.join("\n"));
    if !std.is_empty() && !other.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(&other.join("\n"));
    out.push_str("\n)\n");
    out
}

/// Writes program `seed` under `dir` (the folder of import path `module`).
pub fn generate(dir: &Path, module: &str, seed: u64) -> std::io::Result<Generated> {
    let mut p = Program {
        rng: Rng::new(seed),
        module: module.into(),
        lib: String::new(),
        counter: 0,
        hooks: Vec::new(),
        trail: BTreeSet::new(),
        sink: 0,
    };
    let mut expected = BTreeSet::new();
    std::fs::create_dir_all(dir.join("lib"))?;
    std::fs::write(dir.join("go.mod"), format!("module {module}\n\ngo 1.19\n"))?;
    let services = 2 + p.rng.below(2);
    let mut hook_pkgs: Vec<(usize, String)> = Vec::new();
    for s in 0..services {
        let name = format!("svc{s}");
        let sdir = dir.join(&name);
        std::fs::create_dir_all(&sdir)?;
        std::fs::write(
            sdir.join("manifest.yaml"),
            format!("general:\n  hostname: {name}.app\n"),
        )?;
        std::fs::write(
            sdir.join("intermediate.go"),
            format!(
                "// Code generated by cmd/genservice. DO NOT EDIT.\n\npackage {name}\n\nimport \"github.com/microbus-io/fabric/connector\"\n\n\
                 // Intermediate is the generated base of the service.\ntype Intermediate struct {{\n\t*connector.Connector\n}}\n\n\
                 // NewService makes the service.\nfunc NewService() *Service {{\n\treturn &Service{{Intermediate: &Intermediate{{Connector: connector.New(\"{name}.app\")}}}}\n}}\n"
            ),
        )?;
        let mut methods = String::new();
        let mut extra_imports = Vec::new();
        let flows = 1 + p.rng.below(2);
        for f in 0..flows {
            let mut body = String::new();
            let dead = p.rng.chance(15);
            let uncalled = dead && p.rng.chance(50);
            if p.rng.chance(12) {
                let run = !dead || uncalled;
                let path = p.hook(dir, &mut body, run)?;
                if run && !uncalled {
                    let (host, method, route) = SINK_ENDPOINTS[p.sink];
                    expected.insert((name.clone(), host.into(), method.into(), route.into()));
                }
                extra_imports.push(path.clone());
                hook_pkgs.push((s, path));
            } else {
                let mut c = p.source();
                let steps = 1 + p.rng.below(4);
                for _ in 0..steps {
                    c = p.step(&mut body, c);
                }
                if dead && !uncalled {
                    // Carried but never invoked.
                    p.trail.insert("dead:never_invoked");
                    let _ = writeln!(body, "\t_ = {}", c.expr);
                } else {
                    p.invoke(&mut body, c);
                    if !uncalled {
                        let (host, method, route) = SINK_ENDPOINTS[p.sink];
                        expected.insert((name.clone(), host.into(), method.into(), route.into()));
                    }
                }
            }
            let method = if uncalled {
                p.trail.insert("dead:unexported_uncalled");
                format!("flow{f}")
            } else {
                format!("Flow{f}")
            };
            let _ = writeln!(
                methods,
                "// {method} is a handler.\nfunc (svc *Service) {method}(ctx context.Context) error {{\n{body}\treturn nil\n}}\n"
            );
        }
        let text = format!(
            "// Service is the {name}.app service.\ntype Service struct {{\n\t*Intermediate\n}}\n\n{methods}"
        );
        extra_imports.sort();
        extra_imports.dedup();
        std::fs::write(
            sdir.join("service.go"),
            format!(
                "package {name}\n\n{}\n{text}",
                imports(&text, module, &extra_imports)
            ),
        )?;
    }
    // Binaries: each service alone, or some bundled together.
    let mut bundles: Vec<Vec<usize>> = Vec::new();
    for s in 0..services {
        if !bundles.is_empty() && p.rng.chance(35) {
            bundles.last_mut().unwrap().push(s);
            p.trail.insert("bundle");
        } else {
            bundles.push(vec![s]);
        }
    }
    for (b, members) in bundles.iter().enumerate() {
        let bdir = dir.join(format!("cmd/app{b}"));
        std::fs::create_dir_all(&bdir)?;
        let imports: String = members
            .iter()
            .map(|s| format!("\t\"{module}/svc{s}\"\n"))
            .collect();
        let adds: String = members
            .iter()
            .map(|s| format!("svc{s}.NewService(), "))
            .collect();
        std::fs::write(
            bdir.join("main.go"),
            format!(
                "package main\n\nimport (\n\t\"github.com/microbus-io/fabric/application\"\n\n{imports})\n\n\
                 func main() {{\n\tapp := application.New()\n\tapp.Add({adds})\n\tapp.Run()\n}}\n"
            ),
        )?;
    }
    // Some services import another's hook package without running its registry.
    if let Some((owner, path)) = hook_pkgs.first().cloned() {
        let other = (owner + 1) % services;
        let file = dir.join(format!("svc{other}/service.go"));
        let text = std::fs::read_to_string(&file)?;
        if !text.contains(&path) {
            let text = text.replacen("import (\n", &format!("import (\n\t_ \"{path}\"\n"), 1);
            std::fs::write(&file, text)?;
            p.trail.insert("hook_imported_not_run");
        }
    }
    let lib = format!(
        "// Package lib holds the helpers the services share.\npackage lib\n\n{}\n\
         // Pub is the publisher package-level helpers use.\nvar Pub service.Publisher\n\n{}",
        imports(&format!("service.Publisher {}", p.lib), module, &[]),
        p.lib
    );
    std::fs::write(dir.join("lib/lib.go"), lib)?;
    let _ = &p.hooks;
    Ok(Generated {
        steps: p.trail,
        expected,
    })
}
