//! Go facts: what rootlint needs from one Go file, as plain data.
//!
//! The extractor walks a tree-sitter-go syntax tree once and keeps only imports, package-level
//! constants and variables, functions with their parameters, local bindings and calls, and
//! `//rootlint:` directives. Everything after this stage works on these facts, never on syntax
//! nodes, so facts can be cached per file and shared by the CLI and the language server.

use serde::{Deserialize, Serialize};
use tree_sitter::Node;

use crate::span::{LineIndex, Span};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct GoFileFacts {
    pub package: String,
    pub imports: Vec<GoImport>,
    pub values: Vec<PackageValue>,
    pub functions: Vec<GoFunction>,
    pub directives: Vec<Directive>,
    /// Where tree-sitter had to recover from a syntax error, if anywhere.
    pub syntax_error: Option<Span>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct GoImport {
    /// The explicit alias (`bt` in `bt "…/bearertokenapi"`), if any.
    pub alias: Option<String>,
    pub path: String,
}

impl GoImport {
    /// The name the importing file uses for the package; `None` for `_` and `.` imports.
    pub fn local_name(&self) -> Option<&str> {
        match self.alias.as_deref() {
            Some("_") | Some(".") => None,
            Some(alias) => Some(alias),
            None => Some(default_package_name(&self.path)),
        }
    }
}

/// The package name Go assumes for an import path: its last element, skipping a `/vN` suffix.
pub fn default_package_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let last = parts.next().unwrap_or(path);
    let is_version =
        last.len() > 1 && last.starts_with('v') && last[1..].bytes().all(|b| b.is_ascii_digit());
    if is_version {
        parts.next().unwrap_or(last)
    } else {
        last
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct PackageValue {
    pub name: String,
    pub is_const: bool,
    pub ty: Option<TypeRef>,
    pub value: Option<Expr>,
    pub span: Span,
    /// For a composite literal value: the span of each keyed field's value (`Route: ":666/x"`).
    pub field_spans: Vec<(String, Span)>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeRef {
    /// Package qualifier as written (`bt` in `*bt.Client`).
    pub qualifier: Option<String>,
    pub name: String,
    pub pointer: bool,
    pub slice: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Param {
    pub name: String,
    pub ty: Option<TypeRef>,
    pub variadic: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GoFunction {
    pub name: String,
    /// Receiver type name of a method, without pointer (`Service` in `(svc *Service)`).
    pub receiver_type: Option<String>,
    pub receiver_name: Option<String>,
    pub params: Vec<Param>,
    pub results: Vec<Param>,
    /// Span of the function's name.
    pub span: Span,
    pub bindings: Vec<Binding>,
    /// Every call in the body, nested ones included, in source order.
    pub calls: Vec<CallExpr>,
}

/// A local name given a value: `x := e`, `var x T = e`, `x = e`, `x = append(x, …)`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Binding {
    pub name: String,
    pub ty: Option<TypeRef>,
    pub value: BindingValue,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum BindingValue {
    Expr(Expr),
    /// One result of a multi-value call (`a, b := f()`).
    Tuple {
        call: Expr,
        index: usize,
    },
    /// A declaration without a value (`var c api.Client`).
    Declared,
    /// A value Go computes at run time from an operation rootlint does not model.
    Opaque(String),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CallExpr {
    pub callee: Expr,
    pub args: Vec<Expr>,
    /// The last argument is spread (`opts...`).
    pub spread: bool,
    pub span: Span,
    /// The span of each argument, for findings about a literal argument.
    pub arg_spans: Vec<Span>,
}

/// The subset of Go expressions that static resolution can use. Anything else is `Other`,
/// named by its syntax kind so that resolution can say why it gave up.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum Expr {
    Str(String),
    Int(i64),
    Ident(String),
    Selector(Box<Expr>, String),
    Call(Box<CallExpr>),
    Binary(String, Box<Expr>, Box<Expr>),
    Composite {
        ty: Option<TypeRef>,
        elements: Vec<(Option<String>, Expr)>,
    },
    AddressOf(Box<Expr>),
    FuncLit,
    Other(String),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Directive {
    /// The comment text after `//`, trimmed.
    pub text: String,
    pub span: Span,
    /// The comment shares its line with code (a trailing comment).
    pub trailing: bool,
}

impl GoFileFacts {
    /// Moves every byte offset by the shift of its line (facts of a compacted source).
    pub fn shift_bytes(&mut self, shift: &dyn Fn(u32) -> u32) {
        let fix = |s: &mut Span| {
            s.start_byte += shift(s.start_line);
            s.end_byte += shift(s.end_line);
        };
        fn fix_expr(e: &mut Expr, fix: &dyn Fn(&mut Span)) {
            match e {
                Expr::Call(c) => fix_call(c, fix),
                Expr::Selector(b, _) | Expr::AddressOf(b) => fix_expr(b, fix),
                Expr::Binary(_, l, r) => {
                    fix_expr(l, fix);
                    fix_expr(r, fix);
                }
                Expr::Composite { elements, .. } => {
                    elements.iter_mut().for_each(|(_, e)| fix_expr(e, fix))
                }
                _ => {}
            }
        }
        fn fix_call(c: &mut CallExpr, fix: &dyn Fn(&mut Span)) {
            fix(&mut c.span);
            c.arg_spans.iter_mut().for_each(fix);
            fix_expr(&mut c.callee, fix);
            c.args.iter_mut().for_each(|a| fix_expr(a, fix));
        }
        if let Some(s) = &mut self.syntax_error {
            fix(s);
        }
        for v in &mut self.values {
            fix(&mut v.span);
            v.field_spans.iter_mut().for_each(|(_, s)| fix(s));
            if let Some(e) = &mut v.value {
                fix_expr(e, &fix);
            }
        }
        for d in &mut self.directives {
            fix(&mut d.span);
        }
        for f in &mut self.functions {
            fix(&mut f.span);
            for b in &mut f.bindings {
                fix(&mut b.span);
                match &mut b.value {
                    BindingValue::Expr(e) | BindingValue::Tuple { call: e, .. } => {
                        fix_expr(e, &fix)
                    }
                    _ => {}
                }
            }
            f.calls.iter_mut().for_each(|c| fix_call(c, &fix));
        }
    }
}

pub fn language() -> tree_sitter::Language {
    tree_sitter_go::LANGUAGE.into()
}

pub fn extract(tree: &tree_sitter::Tree, src: &str) -> GoFileFacts {
    let lines = LineIndex::new(src);
    let mut x = Extractor {
        src,
        lines: &lines,
        facts: GoFileFacts::default(),
    };
    let root = tree.root_node();
    if root.has_error() {
        x.facts.syntax_error = first_error(root).map(|n| x.span(n));
    }
    let mut cursor = root.walk();
    for child in root.children(&mut cursor) {
        match child.kind() {
            "package_clause" => {
                if let Some(name) = child.named_child(0) {
                    x.facts.package = x.text(name).to_string();
                }
            }
            "import_declaration" => x.imports(child),
            "const_declaration" | "var_declaration" => x.package_values(child),
            "function_declaration" | "method_declaration" => x.function(child),
            "comment" => x.comment(child),
            _ => x.comments_within(child),
        }
    }
    x.facts
}

fn first_error(node: Node) -> Option<Node> {
    if node.is_error() || node.is_missing() {
        return Some(node);
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        if child.has_error() {
            return first_error(child).or(Some(child));
        }
    }
    None
}

struct Extractor<'a> {
    src: &'a str,
    lines: &'a LineIndex<'a>,
    facts: GoFileFacts,
}

impl<'a> Extractor<'a> {
    fn text(&self, node: Node) -> &'a str {
        &self.src[node.byte_range()]
    }

    fn span(&self, node: Node) -> Span {
        self.lines.span(node.start_byte(), node.end_byte())
    }

    fn imports(&mut self, decl: Node) {
        visit(decl, &mut |n| {
            if n.kind() != "import_spec" {
                return true;
            }
            let alias = n
                .child_by_field_name("name")
                .map(|a| self.text(a).to_string());
            if let Some(path) = n
                .child_by_field_name("path")
                .and_then(|p| string_literal(p, self.src))
            {
                self.facts.imports.push(GoImport { alias, path });
            }
            false
        });
    }

    fn package_values(&mut self, decl: Node) {
        let is_const = decl.kind() == "const_declaration";
        let mut specs = Vec::new();
        visit(decl, &mut |n| {
            if matches!(n.kind(), "const_spec" | "var_spec") {
                specs.push(n);
                false
            } else {
                true
            }
        });
        for spec in specs {
            let ty = spec
                .child_by_field_name("type")
                .and_then(|t| self.type_ref(t));
            let names = field_children(spec, "name");
            let values: Vec<Node> = spec
                .child_by_field_name("value")
                .map(|list| named_children(list))
                .unwrap_or_default();
            for (i, name) in names.iter().enumerate() {
                let value = if values.len() == names.len() {
                    Some(self.expr(values[i]))
                } else if values.is_empty() {
                    None
                } else {
                    Some(Expr::Other("multi-value initializer".into()))
                };
                let field_spans = if values.len() == names.len() {
                    self.field_spans(values[i])
                } else {
                    Vec::new()
                };
                self.facts.values.push(PackageValue {
                    name: self.text(*name).to_string(),
                    is_const,
                    ty: ty.clone(),
                    value,
                    span: self.span(*name),
                    field_spans,
                });
            }
        }
        self.comments_within(decl);
    }

    /// Spans of the keyed values of a composite literal (`&T{…}` included).
    fn field_spans(&self, node: Node) -> Vec<(String, Span)> {
        let node = if node.kind() == "unary_expression" {
            match node.child_by_field_name("operand") {
                Some(n) => n,
                None => return Vec::new(),
            }
        } else {
            node
        };
        let Some(body) = node
            .child_by_field_name("body")
            .filter(|_| node.kind() == "composite_literal")
        else {
            return Vec::new();
        };
        named_children(body)
            .into_iter()
            .filter(|el| el.kind() == "keyed_element")
            .filter_map(|el| {
                let key = el.child_by_field_name("key")?.named_child(0)?;
                let value = el.child_by_field_name("value")?.named_child(0)?;
                Some((self.text(key).to_string(), self.span(value)))
            })
            .collect()
    }

    fn function(&mut self, decl: Node) {
        let Some(name_node) = decl.child_by_field_name("name") else {
            return;
        };
        let (receiver_type, receiver_name) = match decl.child_by_field_name("receiver") {
            Some(recv) => {
                let params = self.params(recv);
                match params.into_iter().next() {
                    Some(p) => (p.ty.map(|t| t.name), Some(p.name).filter(|n| !n.is_empty())),
                    None => (None, None),
                }
            }
            None => (None, None),
        };
        let params = decl
            .child_by_field_name("parameters")
            .map(|p| self.params(p))
            .unwrap_or_default();
        let results = match decl.child_by_field_name("result") {
            Some(r) if r.kind() == "parameter_list" => self.params(r),
            Some(r) => vec![Param {
                name: String::new(),
                ty: self.type_ref(r),
                variadic: false,
            }],
            None => Vec::new(),
        };
        let mut function = GoFunction {
            name: self.text(name_node).to_string(),
            receiver_type,
            receiver_name,
            params,
            results,
            span: self.span(name_node),
            bindings: Vec::new(),
            calls: Vec::new(),
        };
        if let Some(body) = decl.child_by_field_name("body") {
            self.body(body, &mut function);
        }
        self.facts.functions.push(function);
    }

    fn params(&self, list: Node) -> Vec<Param> {
        let mut out = Vec::new();
        for decl in named_children(list) {
            let variadic = decl.kind() == "variadic_parameter_declaration";
            if !variadic && decl.kind() != "parameter_declaration" {
                continue;
            }
            let ty = decl
                .child_by_field_name("type")
                .and_then(|t| self.type_ref(t));
            let names = field_children(decl, "name");
            if names.is_empty() {
                out.push(Param {
                    name: String::new(),
                    ty: ty.clone(),
                    variadic,
                });
            }
            for name in names {
                out.push(Param {
                    name: self.text(name).to_string(),
                    ty: ty.clone(),
                    variadic,
                });
            }
        }
        out
    }

    fn type_ref(&self, node: Node) -> Option<TypeRef> {
        match node.kind() {
            "type_identifier" => Some(TypeRef {
                qualifier: None,
                name: self.text(node).to_string(),
                pointer: false,
                slice: false,
            }),
            "qualified_type" => Some(TypeRef {
                qualifier: node
                    .child_by_field_name("package")
                    .map(|p| self.text(p).to_string()),
                name: self.text(node.child_by_field_name("name")?).to_string(),
                pointer: false,
                slice: false,
            }),
            "pointer_type" => {
                let mut inner = self.type_ref(node.named_child(0)?)?;
                inner.pointer = true;
                Some(inner)
            }
            "slice_type" => {
                let mut inner = self.type_ref(node.child_by_field_name("element")?)?;
                inner.slice = true;
                Some(inner)
            }
            "generic_type" => self.type_ref(node.child_by_field_name("type")?),
            "parenthesized_type" => self.type_ref(node.named_child(0)?),
            _ => None,
        }
    }

    /// Collects bindings and calls of a function body, closures included: a call inside a
    /// closure runs on behalf of the function that builds it.
    fn body(&mut self, body: Node, function: &mut GoFunction) {
        visit(body, &mut |n| {
            match n.kind() {
                "short_var_declaration" | "assignment_statement" => self.assignment(n, function),
                "var_spec" | "const_spec" => self.local_var(n, function),
                "range_clause" => {
                    if let Some(left) = n.child_by_field_name("left") {
                        for name in named_children(left) {
                            if name.kind() == "identifier" {
                                function.bindings.push(Binding {
                                    name: self.text(name).to_string(),
                                    ty: None,
                                    value: BindingValue::Opaque("a range loop variable".into()),
                                    span: self.span(name),
                                });
                            }
                        }
                    }
                }
                "call_expression" => {
                    if let Expr::Call(call) = self.expr(n) {
                        function.calls.push(*call);
                    }
                }
                "comment" => self.comment(n),
                _ => {}
            }
            true
        });
    }

    fn assignment(&mut self, stmt: Node, function: &mut GoFunction) {
        let (Some(left), Some(right)) = (
            stmt.child_by_field_name("left"),
            stmt.child_by_field_name("right"),
        ) else {
            return;
        };
        let operator = stmt
            .child_by_field_name("operator")
            .map_or(":=", |o| self.text(o));
        let lefts = named_children(left);
        let rights = named_children(right);
        for (i, target) in lefts.iter().enumerate() {
            if target.kind() != "identifier" || self.text(*target) == "_" {
                continue;
            }
            let value = if operator != "=" && operator != ":=" {
                BindingValue::Opaque(format!("the compound assignment `{operator}`"))
            } else if rights.len() == lefts.len() {
                BindingValue::Expr(self.expr(rights[i]))
            } else if rights.len() == 1 {
                BindingValue::Tuple {
                    call: self.expr(rights[0]),
                    index: i,
                }
            } else {
                BindingValue::Opaque("a multi-value assignment".into())
            };
            function.bindings.push(Binding {
                name: self.text(*target).to_string(),
                ty: None,
                value,
                span: self.span(*target),
            });
        }
    }

    fn local_var(&mut self, spec: Node, function: &mut GoFunction) {
        let ty = spec
            .child_by_field_name("type")
            .and_then(|t| self.type_ref(t));
        let names = field_children(spec, "name");
        let values: Vec<Node> = spec
            .child_by_field_name("value")
            .map(named_children)
            .unwrap_or_default();
        for (i, name) in names.iter().enumerate() {
            let value = if values.is_empty() {
                BindingValue::Declared
            } else if values.len() == names.len() {
                BindingValue::Expr(self.expr(values[i]))
            } else {
                BindingValue::Tuple {
                    call: self.expr(values[0]),
                    index: i,
                }
            };
            function.bindings.push(Binding {
                name: self.text(*name).to_string(),
                ty: ty.clone(),
                value,
                span: self.span(*name),
            });
        }
    }

    fn expr(&self, node: Node) -> Expr {
        match node.kind() {
            "interpreted_string_literal" | "raw_string_literal" => string_literal(node, self.src)
                .map_or(Expr::Other("string literal".into()), Expr::Str),
            "int_literal" => self
                .text(node)
                .replace('_', "")
                .parse()
                .map_or(Expr::Other("int_literal".into()), Expr::Int),
            "identifier" | "field_identifier" | "package_identifier" | "type_identifier" => {
                Expr::Ident(self.text(node).to_string())
            }
            "selector_expression" => {
                let (Some(operand), Some(field)) = (
                    node.child_by_field_name("operand"),
                    node.child_by_field_name("field"),
                ) else {
                    return Expr::Other(node.kind().into());
                };
                Expr::Selector(Box::new(self.expr(operand)), self.text(field).to_string())
            }
            "qualified_type" => match (
                node.child_by_field_name("package"),
                node.child_by_field_name("name"),
            ) {
                (Some(p), Some(n)) => Expr::Selector(
                    Box::new(Expr::Ident(self.text(p).to_string())),
                    self.text(n).to_string(),
                ),
                _ => Expr::Other(node.kind().into()),
            },
            "call_expression" => {
                let Some(function) = node.child_by_field_name("function") else {
                    return Expr::Other(node.kind().into());
                };
                let mut args = Vec::new();
                let mut arg_spans = Vec::new();
                let mut spread = false;
                if let Some(list) = node.child_by_field_name("arguments") {
                    for arg in named_children(list) {
                        if arg.kind() == "variadic_argument" {
                            spread = true;
                            args.push(
                                arg.named_child(0)
                                    .map_or(Expr::Other("variadic".into()), |a| self.expr(a)),
                            );
                        } else {
                            args.push(self.expr(arg));
                        }
                        arg_spans.push(self.span(arg));
                    }
                }
                Expr::Call(Box::new(CallExpr {
                    callee: self.expr(function),
                    args,
                    spread,
                    span: self.span(node),
                    arg_spans,
                }))
            }
            "binary_expression" => {
                let (Some(l), Some(op), Some(r)) = (
                    node.child_by_field_name("left"),
                    node.child_by_field_name("operator"),
                    node.child_by_field_name("right"),
                ) else {
                    return Expr::Other(node.kind().into());
                };
                Expr::Binary(
                    self.text(op).to_string(),
                    Box::new(self.expr(l)),
                    Box::new(self.expr(r)),
                )
            }
            "parenthesized_expression" => node
                .named_child(0)
                .map_or(Expr::Other(node.kind().into()), |n| self.expr(n)),
            "unary_expression" => match (
                node.child_by_field_name("operator").map(|o| self.text(o)),
                node.child_by_field_name("operand"),
            ) {
                (Some("&"), Some(operand)) => Expr::AddressOf(Box::new(self.expr(operand))),
                _ => Expr::Other(node.kind().into()),
            },
            "composite_literal" => {
                let ty = node
                    .child_by_field_name("type")
                    .and_then(|t| self.type_ref(t));
                let mut elements = Vec::new();
                if let Some(body) = node.child_by_field_name("body") {
                    for el in named_children(body) {
                        match el.kind() {
                            "keyed_element" => {
                                let key = el
                                    .child_by_field_name("key")
                                    .and_then(|k| k.named_child(0))
                                    .map(|k| self.text(k).to_string());
                                let value = el
                                    .child_by_field_name("value")
                                    .and_then(|v| v.named_child(0))
                                    .map_or(Expr::Other("element".into()), |v| self.expr(v));
                                elements.push((key, value));
                            }
                            "literal_element" => {
                                if let Some(v) = el.named_child(0) {
                                    elements.push((None, self.expr(v)));
                                }
                            }
                            _ => {}
                        }
                    }
                }
                Expr::Composite { ty, elements }
            }
            "func_literal" => Expr::FuncLit,
            other => Expr::Other(other.to_string()),
        }
    }

    fn comment(&mut self, node: Node) {
        let text = self.text(node);
        let Some(body) = text.strip_prefix("//") else {
            return;
        };
        if !body.starts_with("rootlint:") {
            return;
        }
        let line_start = self.src[..node.start_byte()]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let trailing = !self.src[line_start..node.start_byte()].trim().is_empty();
        self.facts.directives.push(Directive {
            text: body.trim().to_string(),
            span: self.span(node),
            trailing,
        });
    }

    fn comments_within(&mut self, node: Node) {
        let mut comments = Vec::new();
        visit(node, &mut |n| {
            if n.kind() == "comment" {
                comments.push(n);
            }
            true
        });
        for c in comments {
            self.comment(c);
        }
    }
}

/// Pre-order walk; the callback returns whether to descend into the node's children.
fn visit<'t>(node: Node<'t>, f: &mut dyn FnMut(Node<'t>) -> bool) {
    let mut cursor = node.walk();
    if !f(node) {
        return;
    }
    if !cursor.goto_first_child() {
        return;
    }
    loop {
        visit(cursor.node(), f);
        if !cursor.goto_next_sibling() {
            break;
        }
    }
}

fn named_children(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .collect()
}

fn field_children<'t>(node: Node<'t>, field: &str) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.children_by_field_name(field, &mut cursor)
        .filter(|n| n.is_named())
        .collect()
}

/// The value of a Go string literal, escapes decoded; `None` for escapes Go would reject.
fn string_literal(node: Node, src: &str) -> Option<String> {
    let raw = &src[node.byte_range()];
    if node.kind() == "raw_string_literal" {
        return Some(raw.trim_matches('`').replace('\r', ""));
    }
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    unescape_go(inner)
}

fn unescape_go(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let esc = chars.next()?;
        let code = |chars: &mut std::str::Chars, n: usize, radix: u32| -> Option<u32> {
            let digits: String = chars.by_ref().take(n).collect();
            if digits.len() != n {
                return None;
            }
            u32::from_str_radix(&digits, radix).ok()
        };
        match esc {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'x' => out.push(char::from_u32(code(&mut chars, 2, 16)?)?),
            'u' => out.push(char::from_u32(code(&mut chars, 4, 16)?)?),
            'U' => out.push(char::from_u32(code(&mut chars, 8, 16)?)?),
            '0'..='7' => {
                let rest: String = chars.by_ref().take(2).collect();
                out.push(char::from_u32(
                    u32::from_str_radix(&format!("{esc}{rest}"), 8).ok()?,
                )?);
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn facts(src: &str) -> GoFileFacts {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&language())
            .expect("tree-sitter-go ABI");
        let tree = parser.parse(src, None).expect("parse");
        extract(&tree, src)
    }

    #[test]
    fn imports_values_and_functions() {
        let f = facts(
            r#"package svc
import (
	bt "github.com/example/bearertokenapi"
	"github.com/microbus-io/fabric/pub"
	"example.com/mod/v2"
)
const Host, Path = "a.b", `:666/x`
var URL = "https://" + Host + Path
func (s *Service) Do(ctx context.Context, c *bt.Client, opts ...pub.Option) (n int, err error) {
	x := bt.NewClient(s).ForHost("h")
	var y bt.Client
	opts = append(opts, pub.URL("\x41"))
	_, err = s.Request(ctx, opts...)
	return
}
"#,
        );
        assert_eq!(f.package, "svc");
        let names: Vec<_> = f.imports.iter().map(|i| i.local_name()).collect();
        assert_eq!(names, [Some("bt"), Some("pub"), Some("mod")]);
        assert_eq!(f.values.len(), 3);
        assert_eq!(f.values[1].value, Some(Expr::Str(":666/x".into())));
        let func = &f.functions[0];
        assert_eq!(func.receiver_type.as_deref(), Some("Service"));
        assert_eq!(
            func.params[1].ty.as_ref().unwrap().qualifier.as_deref(),
            Some("bt")
        );
        assert!(func.params[2].variadic);
        let bound: Vec<_> = func.bindings.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(bound, ["x", "y", "opts", "err"]);
        let request = func.calls.iter().find(|c| c.spread).expect("spread call");
        assert_eq!(request.args.len(), 2);
        assert!(func.calls.iter().any(|c| c.args == [Expr::Str("A".into())]));
    }

    #[test]
    fn directives_and_syntax_errors() {
        let f = facts("package a\n//rootlint:ignore x because\nfunc f() { g( }\n");
        assert_eq!(f.directives.len(), 1);
        assert_eq!(f.directives[0].span.start_line, 2);
        assert!(!f.directives[0].trailing);
        assert!(f.syntax_error.is_some());
    }

    #[test]
    fn default_package_names_skip_major_versions() {
        assert_eq!(default_package_name("a/b/v2"), "b");
        assert_eq!(default_package_name("a/vendor"), "vendor");
    }
}
