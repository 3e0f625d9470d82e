//! The extractor: one walk of a tree-sitter-go syntax tree that yields a file's [`GoFileFacts`].

use tree_sitter::Node;

use super::*;
use crate::span::{LineIndex, Span};

/// A node's kind. tree-sitter's `Node::kind` measures and checks the grammar's C string on
/// every call, a tenth of fact extraction; the names are read once, by kind id.
fn kind<'t>(node: impl std::borrow::Borrow<Node<'t>>) -> &'static str {
    let node = node.borrow();
    static KINDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let language = crate::parse::language();
        (0..language.node_kind_count())
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .and_then(|id| language.node_kind_for_id(id))
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    });
    // Every id a tree holds is below the grammar's count; "" would read as a kind rootlint does
    // not model.
    KINDS
        .get(usize::from(node.kind_id()))
        .map_or("", String::as_str)
}

/// The grammar's id of a field name. tree-sitter's lookup by name compares the name with each
/// field name of the grammar on every call; the ids are looked up once.
fn field_id(name: &str) -> u16 {
    const NAMES: [&str; 21] = [
        "alias",
        "arguments",
        "body",
        "element",
        "field",
        "function",
        "key",
        "left",
        "name",
        "operand",
        "operator",
        "package",
        "parameters",
        "path",
        "receiver",
        "result",
        "right",
        "type",
        "type_arguments",
        "type_parameters",
        "value",
    ];
    static IDS: std::sync::LazyLock<[u16; 21]> = std::sync::LazyLock::new(|| {
        let language = crate::parse::language();
        NAMES.map(|n| {
            language
                .field_id_for_name(n)
                .expect("tree-sitter-go declares every field rootlint reads")
                .get()
        })
    });
    let index = match name {
        "alias" => 0,
        "arguments" => 1,
        "body" => 2,
        "element" => 3,
        "field" => 4,
        "function" => 5,
        "key" => 6,
        "left" => 7,
        "name" => 8,
        "operand" => 9,
        "operator" => 10,
        "package" => 11,
        "parameters" => 12,
        "path" => 13,
        "receiver" => 14,
        "result" => 15,
        "right" => 16,
        "type" => 17,
        "type_arguments" => 18,
        "type_parameters" => 19,
        "value" => 20,
        // A name missing from NAMES still works, at the cost of the lookup by name.
        _ => {
            return crate::parse::language()
                .field_id_for_name(name)
                .map_or(0, |id| id.get());
        }
    };
    IDS[index]
}

/// The facts of a whole Go file (parsed in full); `None` only if tree-sitter gave up.
pub fn from_source(src: &str) -> Option<GoFileFacts> {
    crate::parse::parse_go(src).map(|tree| extract(&tree, src))
}

fn extract(tree: &tree_sitter::Tree, src: &str) -> GoFileFacts {
    let lines = LineIndex::new(src);
    let mut x = Extractor {
        src,
        lines: &lines,
        facts: GoFileFacts::default(),
        closure_at: std::collections::HashMap::new(),
    };
    let root = tree.root_node();
    if root.has_error() {
        x.facts.syntax_error = first_error(root).map(|n| x.span(n));
    }
    let mut initializers = GoFunction {
        name: INITIALIZERS.to_string(),
        receiver_type: None,
        receiver_name: None,
        type_params: Vec::new(),
        params: Vec::new(),
        results: Vec::new(),
        span: x.span(root),
        bindings: Vec::new(),
        calls: Vec::new(),
        instantiates: Vec::new(),
        synthetic: true,
        binding_index: Vec::new(),
        closures: Vec::new(),
        returns: Vec::new(),
        stores: Vec::new(),
        local_types: Vec::new(),
        confined_channels: Vec::new(),
    };
    let mut initializer_at: Option<Span> = None;
    let file_scope = x.span(root);
    let mut cursor = root.walk();
    for child in root.children(&mut cursor) {
        match kind(child) {
            "package_clause" => {
                if let Some(name) = child.named_child(0) {
                    x.facts.package = x.text(name).to_string();
                }
            }
            "import_declaration" => x.imports(child),
            "const_declaration" | "var_declaration" => {
                x.package_values(child, file_scope, &mut initializers, &mut initializer_at)
            }
            "type_declaration" => x.types(child),
            "function_declaration" | "method_declaration" => x.function(child),
            "comment" => x.comment(child),
            _ => x.comments_within(child),
        }
    }
    if let Some(span) = initializer_at {
        initializers.span = span;
        initializers.index_bindings();
        x.facts.functions.push(initializers);
    }
    x.facts.shrink_to_fit();
    x.facts
}

/// The innermost node tree-sitter marked as an error (iterative: hostile files nest deeply).
fn first_error(root: Node) -> Option<Node> {
    let mut node = root;
    loop {
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        let mut cursor = node.walk();
        let next = node.children(&mut cursor).find(|c| c.has_error());
        match next {
            Some(child) => node = child,
            None => return (node != root).then_some(node),
        }
    }
}

/// Syntax kinds that open a scope for the names declared directly inside them.
fn opens_scope(kind: &str) -> bool {
    matches!(
        kind,
        "block"
            | "if_statement"
            | "for_statement"
            | "expression_switch_statement"
            | "type_switch_statement"
            | "select_statement"
            | "expression_case"
            | "type_case"
            | "default_case"
            | "communication_case"
            | "func_literal"
    )
}

struct Extractor<'a> {
    src: &'a str,
    lines: &'a LineIndex<'a>,
    facts: GoFileFacts,
    /// The closure index of each function literal of the body being walked, by start byte
    /// (numbered before the walk: an expression holding a literal is read before its body).
    closure_at: std::collections::HashMap<usize, u32>,
}

impl<'a> Extractor<'a> {
    fn text(&self, node: Node) -> &'a str {
        &self.src[node.byte_range()]
    }

    fn span(&self, node: Node) -> Span {
        self.lines.span(node.start_byte(), node.end_byte())
    }

    /// Records that `node` nests past the limit (the first place only).
    fn too_deep(&mut self, node: Node) {
        if self.facts.nesting_limit.is_none() {
            self.facts.nesting_limit = Some(self.span(node));
        }
    }

    fn imports(&mut self, decl: Node) {
        for n in find_all(decl, |k| k == "import_spec") {
            let alias = n
                .child_by_field_id(field_id("name"))
                .map(|a| self.text(a).to_string());
            if let Some(path) = n
                .child_by_field_id(field_id("path"))
                .and_then(|p| string_literal(p, self.src))
            {
                self.facts.imports.push(GoImport { alias, path });
            }
        }
        self.comments_within(decl);
    }

    fn types(&mut self, decl: Node) {
        let decls = self.type_decls(decl);
        self.facts.types.extend(decls);
        self.comments_within(decl);
    }

    fn type_decls(&mut self, decl: Node) -> Vec<TypeDecl> {
        let mut out = Vec::new();
        for spec in named_children(decl) {
            let alias = match kind(spec) {
                "type_spec" => false,
                "type_alias" => true,
                _ => continue,
            };
            let (Some(name), Some(ty)) = (
                spec.child_by_field_id(field_id("name")),
                spec.child_by_field_id(field_id("type")),
            ) else {
                continue;
            };
            let type_params = spec
                .child_by_field_id(field_id("type_parameters"))
                .map(|l| self.type_params(l))
                .unwrap_or_default();
            let ty = self.type_expr(ty, 0);
            out.push(TypeDecl {
                name: self.text(name).to_string(),
                span: self.span(name),
                type_params,
                alias,
                ty,
            });
        }
        out
    }

    fn type_params(&mut self, list: Node) -> Vec<TypeParam> {
        let mut out = Vec::new();
        for decl in named_children(list) {
            if kind(decl) != "type_parameter_declaration" {
                continue;
            }
            let constraint = decl
                .child_by_field_id(field_id("type"))
                .map(|t| {
                    let inner = if kind(t) == "type_constraint" {
                        t.named_child(0).unwrap_or(t)
                    } else {
                        t
                    };
                    self.type_expr(inner, 0)
                })
                .unwrap_or(TypeExpr::Other("constraint".into()));
            for name in field_children(decl, "name") {
                out.push(TypeParam {
                    name: self.text(name).to_string(),
                    constraint: constraint.clone(),
                });
            }
        }
        out
    }

    fn package_values(
        &mut self,
        decl: Node,
        file_scope: Span,
        initializers: &mut GoFunction,
        initializer_at: &mut Option<Span>,
    ) {
        let is_const = kind(decl) == "const_declaration";
        let specs = find_all(decl, |k| matches!(k, "const_spec" | "var_spec"));
        for spec in specs {
            let ty = spec
                .child_by_field_id(field_id("type"))
                .map(|t| self.type_expr(t, 0));
            let names = field_children(spec, "name");
            let values: Vec<Node> = spec
                .child_by_field_id(field_id("value"))
                .map(named_children)
                .unwrap_or_default();
            for (i, name) in names.iter().enumerate() {
                let value = if values.len() == names.len() {
                    Some(self.expr(values[i], 0))
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
            // Variable initializers run at package initialization: their calls are the
            // calls of the package's synthetic initializer function.
            if !is_const {
                for v in &values {
                    let count =
                        |f: &GoFunction| (f.calls.len(), f.instantiates.len(), f.closures.len());
                    let before = count(initializers);
                    self.walk(*v, initializers, file_scope, file_scope);
                    let after = count(initializers);
                    if before != after && initializer_at.is_none() {
                        *initializer_at = names.first().map(|n| self.span(*n));
                    }
                }
            }
        }
        self.comments_within(decl);
    }

    /// Spans of the keyed values of a composite literal (`&T{…}` included).
    fn field_spans(&self, node: Node) -> Vec<(String, Span)> {
        let node = if kind(node) == "unary_expression" {
            match node.child_by_field_id(field_id("operand")) {
                Some(n) => n,
                None => return Vec::new(),
            }
        } else {
            node
        };
        let Some(body) = node
            .child_by_field_id(field_id("body"))
            .filter(|_| kind(node) == "composite_literal")
        else {
            return Vec::new();
        };
        named_children(body)
            .into_iter()
            .filter(|el| kind(el) == "keyed_element")
            .filter_map(|el| {
                let key = el.child_by_field_id(field_id("key"))?.named_child(0)?;
                let value = el.child_by_field_id(field_id("value"))?.named_child(0)?;
                Some((self.text(key).to_string(), self.span(value)))
            })
            .collect()
    }

    fn function(&mut self, decl: Node) {
        let Some(name_node) = decl.child_by_field_id(field_id("name")) else {
            return;
        };
        let mut type_params = decl
            .child_by_field_id(field_id("type_parameters"))
            .map(|l| self.type_params(l))
            .unwrap_or_default();
        let (receiver_type, receiver_name) = match decl.child_by_field_id(field_id("receiver")) {
            Some(recv) => match self.params(recv).into_iter().next() {
                Some(p) => {
                    // `(l *List[T])`: T is a type parameter of the method's body.
                    if let Some(TypeExpr::Named { args, .. }) = p.ty.as_ref().map(strip_pointer) {
                        for a in args {
                            if let TypeExpr::Named { name, .. } = a {
                                type_params.push(TypeParam {
                                    name: name.clone(),
                                    constraint: TypeExpr::Other("receiver type parameter".into()),
                                });
                            }
                        }
                    }
                    (
                        p.ty.as_ref()
                            .and_then(|t| t.base_name())
                            .map(|(_, n)| n.to_string()),
                        Some(p.name).filter(|n| !n.is_empty()),
                    )
                }
                None => (None, None),
            },
            None => (None, None),
        };
        let params = decl
            .child_by_field_id(field_id("parameters"))
            .map(|p| self.params(p))
            .unwrap_or_default();
        let results = self.results(decl);
        let mut function = GoFunction {
            name: self.text(name_node).to_string(),
            receiver_type,
            receiver_name,
            type_params,
            params,
            results,
            span: self.span(name_node),
            bindings: Vec::new(),
            calls: Vec::new(),
            instantiates: Vec::new(),
            synthetic: false,
            binding_index: Vec::new(),
            closures: Vec::new(),
            returns: Vec::new(),
            stores: Vec::new(),
            local_types: Vec::new(),
            confined_channels: Vec::new(),
        };
        if let Some(body) = decl.child_by_field_id(field_id("body")) {
            let whole = self.span(decl);
            self.walk(body, &mut function, whole, whole);
            function.confined_channels = self.confined_channels(body);
        }
        function.index_bindings();
        self.facts.functions.push(function);
    }

    fn results(&mut self, decl: Node) -> Vec<Param> {
        match decl.child_by_field_id(field_id("result")) {
            Some(r) if kind(r) == "parameter_list" => self.params(r),
            Some(r) => vec![Param {
                name: String::new(),
                ty: Some(self.type_expr(r, 0)),
                variadic: false,
            }],
            None => Vec::new(),
        }
    }

    fn params(&mut self, list: Node) -> Vec<Param> {
        let mut out = Vec::new();
        for decl in named_children(list) {
            let variadic = kind(decl) == "variadic_parameter_declaration";
            if !variadic && kind(decl) != "parameter_declaration" {
                continue;
            }
            let ty = decl
                .child_by_field_id(field_id("type"))
                .map(|t| self.type_expr(t, 0));
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

    fn type_expr(&mut self, node: Node, depth: u32) -> TypeExpr {
        if depth > MAX_NESTING {
            self.too_deep(node);
            return TypeExpr::Other("a type nested too deeply".into());
        }
        let d = depth + 1;
        let child = |field: &str| node.child_by_field_id(field_id(field));
        match kind(node) {
            "type_identifier" | "identifier" => TypeExpr::named(None, self.text(node)),
            "qualified_type" => match (child("package"), child("name")) {
                (Some(p), Some(n)) => TypeExpr::named(Some(self.text(p)), self.text(n)),
                _ => TypeExpr::Other(kind(node).into()),
            },
            "generic_type" => {
                let base = child("type").map(|t| self.type_expr(t, d));
                let args = child("type_arguments")
                    .map(|a| {
                        named_children(a)
                            .into_iter()
                            .map(|t| self.type_expr(t, d))
                            .collect()
                    })
                    .unwrap_or_default();
                match base {
                    Some(TypeExpr::Named {
                        qualifier, name, ..
                    }) => TypeExpr::Named {
                        qualifier,
                        name,
                        args,
                    },
                    _ => TypeExpr::Other(kind(node).into()),
                }
            }
            "pointer_type" => match node.named_child(0) {
                Some(inner) => TypeExpr::Pointer(Box::new(self.type_expr(inner, d))),
                None => TypeExpr::Other(kind(node).into()),
            },
            "slice_type" => match child("element") {
                Some(e) => TypeExpr::Slice(Box::new(self.type_expr(e, d))),
                None => TypeExpr::Other(kind(node).into()),
            },
            "array_type" | "implicit_length_array_type" => match child("element") {
                Some(e) => TypeExpr::Array(Box::new(self.type_expr(e, d))),
                None => TypeExpr::Other(kind(node).into()),
            },
            "map_type" => match (child("key"), child("value")) {
                (Some(k), Some(v)) => TypeExpr::Map(
                    Box::new(self.type_expr(k, d)),
                    Box::new(self.type_expr(v, d)),
                ),
                _ => TypeExpr::Other(kind(node).into()),
            },
            "channel_type" => match child("value") {
                Some(v) => TypeExpr::Chan(Box::new(self.type_expr(v, d))),
                None => TypeExpr::Other(kind(node).into()),
            },
            "function_type" => {
                let params = child("parameters")
                    .map(|p| self.params(p))
                    .unwrap_or_default();
                let results = self.results(node);
                TypeExpr::Func(Box::new(Signature { params, results }))
            }
            "struct_type" => TypeExpr::Struct(self.fields(node, d)),
            "interface_type" => TypeExpr::Interface(self.interface_elems(node, d)),
            "parenthesized_type" | "type_elem" | "type_constraint"
                if node.named_child_count() == 1 =>
            {
                match node.named_child(0) {
                    Some(inner) => self.type_expr(inner, d),
                    None => TypeExpr::Other(kind(node).into()),
                }
            }
            other => TypeExpr::Other(other.to_string()),
        }
    }

    fn fields(&mut self, node: Node, d: u32) -> Vec<Field> {
        let mut out = Vec::new();
        let Some(list) = named_children(node)
            .into_iter()
            .find(|n| kind(n) == "field_declaration_list")
        else {
            return out;
        };
        for decl in named_children(list) {
            if kind(decl) != "field_declaration" {
                continue;
            }
            let Some(ty_node) = decl.child_by_field_id(field_id("type")) else {
                continue;
            };
            let mut ty = self.type_expr(ty_node, d);
            let names = field_children(decl, "name");
            if names.is_empty() {
                // An embedded field: `*T` may be written with the star outside the type node.
                let starred = self.src[decl.start_byte()..ty_node.start_byte()].contains('*');
                if starred && !matches!(ty, TypeExpr::Pointer(_)) {
                    ty = TypeExpr::Pointer(Box::new(ty));
                }
                out.push(Field { name: None, ty });
            } else {
                for name in names {
                    out.push(Field {
                        name: Some(self.text(name).to_string()),
                        ty: ty.clone(),
                    });
                }
            }
        }
        out
    }

    fn interface_elems(&mut self, node: Node, d: u32) -> Vec<InterfaceElem> {
        let mut out = Vec::new();
        for el in named_children(node) {
            match kind(el) {
                "method_elem" | "method_spec" => {
                    let Some(name) = el.child_by_field_id(field_id("name")) else {
                        continue;
                    };
                    let params = el
                        .child_by_field_id(field_id("parameters"))
                        .map(|p| self.params(p).len())
                        .unwrap_or(0);
                    let results = self.results(el).into_iter().filter_map(|p| p.ty).collect();
                    out.push(InterfaceElem::Method {
                        name: self.text(name).to_string(),
                        params,
                        results,
                    });
                }
                "type_elem" | "constraint_elem" if el.named_child_count() == 1 => {
                    let inner = el.named_child(0).unwrap_or(el);
                    match kind(inner) {
                        "type_identifier" | "qualified_type" | "generic_type" => {
                            out.push(InterfaceElem::Embed(self.type_expr(inner, d)))
                        }
                        _ => out.push(InterfaceElem::Terms),
                    }
                }
                "type_identifier" | "qualified_type" => {
                    out.push(InterfaceElem::Embed(self.type_expr(el, d)))
                }
                "comment" => {}
                _ => out.push(InterfaceElem::Terms),
            }
        }
        out
    }

    /// Collects bindings, calls, stores, returns and instantiations under `root`, closures
    /// included, each marked with the closure it is written in. Iterative, each node carrying
    /// the scope and the closure it is in.
    fn walk(&mut self, root: Node, function: &mut GoFunction, scope: Span, whole: Span) {
        self.number_closures(root, function);
        let mut stack: Vec<(Node, Span, u32)> = vec![(root, scope, 0)];
        // One cursor for the whole body: a cursor and a vector per node were a third of the
        // extraction's time.
        let mut cursor = root.walk();
        while let Some((n, scope, closure)) = stack.pop() {
            if !self.walk_node(n, scope, whole, closure, function) {
                continue;
            }
            let inner = if opens_scope(kind(n)) {
                self.span(n)
            } else {
                scope
            };
            let inner_closure = if kind(n) == "func_literal" {
                self.closure_at
                    .get(&n.start_byte())
                    .copied()
                    .unwrap_or(closure)
            } else {
                closure
            };
            cursor.reset(n);
            if cursor.goto_first_child() {
                let first = stack.len();
                loop {
                    stack.push((cursor.node(), inner, inner_closure));
                    if !cursor.goto_next_sibling() {
                        break;
                    }
                }
                // Popped in source order.
                stack[first..].reverse();
            }
        }
    }

    /// The locals of a body that are channels nothing but the body's sends, receives and ranges
    /// can reach (see [`GoFunction::confined_channels`]). Every identifier of the name counts:
    /// a use the rules below do not name (an argument, a store, a second declaration, a field
    /// key that happens to share the name) leaves the channel unconfined, never wrongly
    /// confined.
    fn confined_channels(&self, body: Node) -> Vec<String> {
        // Most bodies make no channel: one scan of the text rules them out.
        let text = &self.src[body.byte_range()];
        if !text.contains("make") || !text.contains("chan") {
            return Vec::new();
        }
        // name -> (declarations by `:= make(chan …)`, identifiers, confined identifiers)
        let mut names: std::collections::HashMap<&str, (u32, u32, u32)> =
            std::collections::HashMap::new();
        let mut cursor = body.walk();
        'walk: loop {
            let n = cursor.node();
            if kind(n) == "short_var_declaration"
                && let (Some(left), Some(right)) = (
                    n.child_by_field_id(field_id("left")),
                    n.child_by_field_id(field_id("right")),
                )
            {
                let (lefts, rights) = (named_children(left), named_children(right));
                if lefts.len() == rights.len() {
                    for (l, r) in lefts.iter().zip(&rights) {
                        if kind(*l) == "identifier" && self.makes_channel(*r) {
                            names.entry(self.text(*l)).or_default().0 += 1;
                        }
                    }
                }
            }
            if kind(n) == "identifier" {
                let entry = names.entry(self.text(n)).or_default();
                entry.1 += 1;
                if self.confined_use(n) {
                    entry.2 += 1;
                }
            }
            if cursor.goto_first_child() || cursor.goto_next_sibling() {
                continue;
            }
            loop {
                if !cursor.goto_parent() || cursor.node() == body {
                    break 'walk;
                }
                if cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        let mut out: Vec<String> = names
            .into_iter()
            // The declaration is the one identifier that is neither a send, a receive nor a range.
            .filter(|(_, (decls, all, confined))| *decls == 1 && *all == confined + 1)
            .map(|(name, _)| name.to_string())
            .collect();
        out.sort();
        out
    }

    /// `make(chan …)`, possibly with a buffer size.
    fn makes_channel(&self, e: Node) -> bool {
        kind(e) == "call_expression"
            && e.child_by_field_id(field_id("function"))
                .is_some_and(|f| kind(f) == "identifier" && self.text(f) == "make")
            && e.child_by_field_id(field_id("arguments"))
                .and_then(|a| a.named_child(0))
                .is_some_and(|t| kind(t) == "channel_type")
    }

    /// An identifier that is the channel of a send, the operand of a receive or what a `range`
    /// ranges over.
    fn confined_use(&self, id: Node) -> bool {
        let Some(parent) = id.parent() else {
            return false;
        };
        let is = |field: &str| parent.child_by_field_id(field_id(field)) == Some(id);
        match kind(parent) {
            "send_statement" => is("channel"),
            "unary_expression" => {
                is("operand")
                    && parent
                        .child_by_field_id(field_id("operator"))
                        .is_some_and(|o| self.text(o) == "<-")
            }
            "range_clause" => is("right"),
            _ => false,
        }
    }

    /// Numbers the function literals under `root` in source order, after those the function
    /// already has, with the closure each is written in.
    fn number_closures(&mut self, root: Node, function: &mut GoFunction) {
        // A literal needs the keyword: most bodies are not walked twice.
        if !self.src[root.byte_range()].contains("func") {
            return;
        }
        let mut open: Vec<(usize, u32)> = Vec::new();
        let mut cursor = root.walk();
        loop {
            let n = cursor.node();
            if kind(n) == "func_literal" {
                while open.last().is_some_and(|(end, _)| *end <= n.start_byte()) {
                    open.pop();
                }
                let params = n
                    .child_by_field_id(field_id("parameters"))
                    .map(|p| self.params(p))
                    .unwrap_or_default();
                let results = self.results(n);
                function.closures.push(Closure {
                    span: self.span(n),
                    parent: open.last().map_or(0, |(_, k)| *k),
                    params,
                    results,
                });
                let k = function.closures.len() as u32;
                self.closure_at.insert(n.start_byte(), k);
                open.push((n.end_byte(), k));
            }
            if cursor.goto_first_child() || cursor.goto_next_sibling() {
                continue;
            }
            loop {
                if !cursor.goto_parent() || cursor.node() == root {
                    return;
                }
                if cursor.goto_next_sibling() {
                    break;
                }
            }
        }
    }

    /// Records what one node of a body says; returns whether to look inside it.
    fn walk_node(
        &mut self,
        n: Node,
        scope: Span,
        whole: Span,
        closure: u32,
        function: &mut GoFunction,
    ) -> bool {
        match kind(n) {
            "short_var_declaration" => self.assignment(n, function, scope, true, closure),
            "assignment_statement" => self.assignment(n, function, whole, false, closure),
            "type_declaration" => {
                let decls = self.type_decls(n);
                function.local_types.extend(decls);
            }
            "return_statement" => {
                let values = n
                    .named_child(0)
                    .map(|list| {
                        if kind(list) == "expression_list" {
                            named_children(list)
                                .into_iter()
                                .map(|e| self.expr(e, 0))
                                .collect()
                        } else {
                            vec![self.expr(list, 0)]
                        }
                    })
                    .unwrap_or_default();
                function.returns.push(Return {
                    values,
                    closure,
                    span: self.span(n),
                });
            }
            "send_statement" => {
                if let (Some(ch), Some(v)) = (
                    n.child_by_field_id(field_id("channel")),
                    n.child_by_field_id(field_id("value")),
                ) {
                    function.stores.push(Store {
                        target: self.expr(ch, 0),
                        value: BindingValue::Expr(self.expr(v, 0)),
                        kind: StoreKind::Send,
                        closure,
                        span: self.span(n),
                    });
                }
            }
            "var_spec" | "const_spec" => self.local_var(n, function, scope),
            "range_clause" => self.range(n, function, scope, whole),
            "type_switch_statement" => self.type_switch(n, function),
            "func_literal" => {
                let own = self.span(n);
                if let Some(list) = n.child_by_field_id(field_id("parameters")) {
                    for p in self.params(list) {
                        if p.name.is_empty() || p.name == "_" {
                            continue;
                        }
                        function.bindings.push(Binding {
                            name: p.name,
                            ty: p.ty.map(Box::new),
                            value: BindingValue::Declared,
                            span: Span {
                                end_byte: list.end_byte() as u32,
                                ..self.span(list)
                            },
                            scope: own,
                            declares: true,
                        });
                    }
                }
            }
            "call_expression" | "type_conversion_expression" => {
                if let Expr::Call(mut call) = self.expr(n, 0) {
                    call.closure = closure;
                    if let (Expr::Ident(f), Some(arg)) = (&call.callee, call.args.first())
                        && f == "new"
                        && let Some(ty) = expr_as_type(arg)
                    {
                        function.instantiates.push(ty);
                    }
                    function.calls.push(*call);
                }
            }
            "composite_literal" => {
                if let Some(t) = n.child_by_field_id(field_id("type")) {
                    let ty = self.type_expr(t, 0);
                    function.instantiates.push(ty);
                }
            }
            "comment" => self.comment(n),
            _ => {}
        }
        true
    }

    fn assignment(
        &mut self,
        stmt: Node,
        function: &mut GoFunction,
        scope: Span,
        declares: bool,
        closure: u32,
    ) {
        let (Some(left), Some(right)) = (
            stmt.child_by_field_id(field_id("left")),
            stmt.child_by_field_id(field_id("right")),
        ) else {
            return;
        };
        let operator = stmt
            .child_by_field_id(field_id("operator"))
            .map_or(":=", |o| self.text(o));
        let lefts = named_children(left);
        let rights = named_children(right);
        for (i, target) in lefts.iter().enumerate() {
            if kind(target) != "identifier" {
                if matches!(
                    kind(target),
                    "selector_expression"
                        | "index_expression"
                        | "unary_expression"
                        | "parenthesized_expression"
                ) && (operator == "=" || operator == ":=")
                {
                    let value = self.assigned(&lefts, &rights, i);
                    function.stores.push(Store {
                        target: self.expr(*target, 0),
                        value,
                        kind: StoreKind::Assign,
                        closure,
                        span: self.span(stmt),
                    });
                }
                continue;
            }
            if self.text(*target) == "_" {
                continue;
            }
            let value = if operator != "=" && operator != ":=" {
                BindingValue::Opaque(format!("{COMPOUND_ASSIGNMENT} `{operator}`"))
            } else {
                self.assigned(&lefts, &rights, i)
            };
            function.bindings.push(Binding {
                name: self.text(*target).to_string(),
                ty: None,
                value,
                span: self.span(*target),
                scope,
                declares,
            });
        }
    }

    /// The value the `i`-th target of an assignment gets.
    fn assigned(&mut self, lefts: &[Node], rights: &[Node], i: usize) -> BindingValue {
        if rights.len() == lefts.len() {
            BindingValue::Expr(self.expr(rights[i], 0))
        } else if rights.len() == 1 {
            BindingValue::Tuple {
                call: self.expr(rights[0], 0),
                index: i,
            }
        } else {
            BindingValue::Opaque("a multi-value assignment".into())
        }
    }

    fn local_var(&mut self, spec: Node, function: &mut GoFunction, scope: Span) {
        let ty = spec
            .child_by_field_id(field_id("type"))
            .map(|t| self.type_expr(t, 0));
        let names = field_children(spec, "name");
        let values: Vec<Node> = spec
            .child_by_field_id(field_id("value"))
            .map(named_children)
            .unwrap_or_default();
        for (i, name) in names.iter().enumerate() {
            let value = if values.is_empty() {
                BindingValue::Declared
            } else if values.len() == names.len() {
                BindingValue::Expr(self.expr(values[i], 0))
            } else {
                BindingValue::Tuple {
                    call: self.expr(values[0], 0),
                    index: i,
                }
            };
            function.bindings.push(Binding {
                name: self.text(*name).to_string(),
                ty: ty.clone().map(Box::new),
                value,
                span: self.span(*name),
                scope,
                declares: true,
            });
        }
    }

    fn range(&mut self, clause: Node, function: &mut GoFunction, scope: Span, whole: Span) {
        let (Some(left), Some(right)) = (
            clause.child_by_field_id(field_id("left")),
            clause.child_by_field_id(field_id("right")),
        ) else {
            return;
        };
        let declares = self.src[left.end_byte()..clause.end_byte()]
            .trim_start()
            .starts_with(":=");
        let over = self.expr(right, 0);
        for (index, name) in named_children(left).into_iter().enumerate() {
            if kind(name) != "identifier" || self.text(name) == "_" {
                continue;
            }
            function.bindings.push(Binding {
                name: self.text(name).to_string(),
                ty: None,
                value: BindingValue::Range {
                    over: over.clone(),
                    index,
                },
                span: self.span(name),
                scope: if declares { scope } else { whole },
                declares,
            });
        }
    }

    /// `switch v := x.(type) { case T: … }`: in a clause with one type, `v` has that type.
    fn type_switch(&mut self, stmt: Node, function: &mut GoFunction) {
        let Some(alias) = stmt
            .child_by_field_id(field_id("alias"))
            .and_then(|a| named_children(a).into_iter().next())
        else {
            return;
        };
        let Some(value) = stmt.child_by_field_id(field_id("value")) else {
            return;
        };
        let operand = self.expr(value, 0);
        let name = self.text(alias).to_string();
        for case in named_children(stmt) {
            if !matches!(kind(case), "type_case" | "default_case") {
                continue;
            }
            let types = field_children(case, "type");
            let value = match types.as_slice() {
                [one] if kind(case) == "type_case" => {
                    let ty = self.type_expr(*one, 0);
                    Expr::TypeAssert(Box::new(operand.clone()), Some(Box::new(ty)))
                }
                _ => operand.clone(),
            };
            let case_span = self.span(case);
            function.bindings.push(Binding {
                name: name.clone(),
                ty: None,
                value: BindingValue::Expr(value),
                span: Span {
                    end_byte: case_span.start_byte,
                    end_line: case_span.start_line,
                    end_column: case_span.start_column,
                    ..case_span
                },
                scope: case_span,
                declares: true,
            });
        }
    }

    fn expr(&mut self, node: Node, depth: u32) -> Expr {
        if depth > MAX_NESTING {
            self.too_deep(node);
            return Expr::Other("an expression nested too deeply".into());
        }
        let d = depth + 1;
        let child = |field: &str| node.child_by_field_id(field_id(field));
        match kind(node) {
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
            "selector_expression" => match (child("operand"), child("field")) {
                (Some(operand), Some(field)) => Expr::Selector(
                    Box::new(self.expr(operand, d)),
                    self.text(field).to_string(),
                ),
                _ => Expr::Other(kind(node).into()),
            },
            "qualified_type" => match (child("package"), child("name")) {
                (Some(p), Some(n)) => Expr::Selector(
                    Box::new(Expr::Ident(self.text(p).to_string())),
                    self.text(n).to_string(),
                ),
                _ => Expr::Other(kind(node).into()),
            },
            "generic_type" => {
                let base =
                    child("type").map_or(Expr::Other("generic_type".into()), |t| self.expr(t, d));
                let args = child("type_arguments")
                    .map(|a| {
                        named_children(a)
                            .into_iter()
                            .map(|t| Expr::Type(Box::new(self.type_expr(t, d))))
                            .collect()
                    })
                    .unwrap_or_default();
                Expr::Index(Box::new(base), args)
            }
            "call_expression" => {
                let Some(function) = child("function") else {
                    return Expr::Other(kind(node).into());
                };
                let mut callee = self.expr(function, d);
                if let Some(targs) = child("type_arguments") {
                    let args = named_children(targs)
                        .into_iter()
                        .map(|t| Expr::Type(Box::new(self.type_expr(t, d))))
                        .collect();
                    callee = Expr::Index(Box::new(callee), args);
                }
                let mut args = Vec::new();
                let mut arg_spans = Vec::new();
                let mut spread = false;
                if let Some(list) = child("arguments") {
                    for arg in named_children(list) {
                        if kind(arg) == "variadic_argument" {
                            spread = true;
                            args.push(
                                arg.named_child(0)
                                    .map_or(Expr::Other("variadic".into()), |a| self.expr(a, d)),
                            );
                        } else {
                            args.push(self.expr(arg, d));
                        }
                        arg_spans.push(self.span(arg));
                    }
                }
                Expr::Call(Box::new(CallExpr {
                    callee,
                    args,
                    spread,
                    span: self.span(node),
                    arg_spans,
                    closure: 0,
                }))
            }
            // `T(x)` for a type that is not a plain name, and generic calls with one argument
            // (`F[T](x)` parses as a conversion to the "type" `F[T]`).
            "type_conversion_expression" => {
                let (Some(ty), Some(operand)) = (child("type"), child("operand")) else {
                    return Expr::Other(kind(node).into());
                };
                let callee = match kind(ty) {
                    "generic_type" => self.expr(ty, d),
                    _ => Expr::Type(Box::new(self.type_expr(ty, d))),
                };
                Expr::Call(Box::new(CallExpr {
                    callee,
                    args: vec![self.expr(operand, d)],
                    spread: false,
                    span: self.span(node),
                    arg_spans: vec![self.span(operand)],
                    closure: 0,
                }))
            }
            "binary_expression" => match (child("left"), child("operator"), child("right")) {
                (Some(l), Some(op), Some(r)) => Expr::Binary(
                    self.text(op).to_string(),
                    Box::new(self.expr(l, d)),
                    Box::new(self.expr(r, d)),
                ),
                _ => Expr::Other(kind(node).into()),
            },
            "parenthesized_expression" => match node.named_child(0) {
                Some(n) => self.expr(n, d),
                None => Expr::Other(kind(node).into()),
            },
            "unary_expression" => match (child("operator").map(|o| self.text(o)), child("operand"))
            {
                (Some("&"), Some(operand)) => Expr::AddressOf(Box::new(self.expr(operand, d))),
                (Some("*"), Some(operand)) => Expr::Deref(Box::new(self.expr(operand, d))),
                (Some("<-"), Some(operand)) => Expr::Receive(Box::new(self.expr(operand, d))),
                _ => Expr::Other(kind(node).into()),
            },
            "slice_expression" => match child("operand") {
                Some(o) => Expr::SliceOf(Box::new(self.expr(o, d))),
                None => Expr::Other(kind(node).into()),
            },
            "index_expression" => {
                let operand = child("operand")
                    .map_or(Expr::Other("index_expression".into()), |o| self.expr(o, d));
                let operand_id = child("operand").map(|o| o.id());
                let index = named_children(node)
                    .into_iter()
                    .filter(|n| Some(n.id()) != operand_id)
                    .map(|n| self.expr(n, d))
                    .collect();
                Expr::Index(Box::new(operand), index)
            }
            "type_assertion_expression" => {
                let operand = child("operand")
                    .map_or(Expr::Other("type assertion".into()), |o| self.expr(o, d));
                let ty = child("type").map(|t| self.type_expr(t, d));
                Expr::TypeAssert(Box::new(operand), ty.map(Box::new))
            }
            "composite_literal" => {
                let ty = child("type").map(|t| self.type_expr(t, d));
                let elements = child("body")
                    .map(|body| self.literal_elements(body, d))
                    .unwrap_or_default();
                Expr::Composite {
                    ty: ty.map(Box::new),
                    elements,
                }
            }
            // An element whose type its container gives (`[]T{{…}}`, `map[K]T{k: {…}}`).
            "literal_value" => Expr::Composite {
                ty: None,
                elements: self.literal_elements(node, d),
            },
            "func_literal" => Expr::FuncLit(
                self.closure_at
                    .get(&node.start_byte())
                    .copied()
                    .unwrap_or(0),
            ),
            "pointer_type" | "slice_type" | "array_type" | "map_type" | "channel_type"
            | "function_type" | "struct_type" | "interface_type" => {
                Expr::Type(Box::new(self.type_expr(node, d)))
            }
            other => Expr::Other(other.to_string()),
        }
    }

    /// The elements of a composite literal's `{…}`, each with its key when keyed by a name.
    fn literal_elements(&mut self, body: Node, d: u32) -> Vec<(Option<String>, Expr)> {
        let mut elements = Vec::new();
        for el in named_children(body) {
            match kind(el) {
                "keyed_element" => {
                    let key = el
                        .child_by_field_id(field_id("key"))
                        .and_then(|k| k.named_child(0))
                        .map(|k| self.text(k).to_string());
                    let value = match el
                        .child_by_field_id(field_id("value"))
                        .and_then(|v| v.named_child(0))
                    {
                        Some(v) => self.expr(v, d),
                        None => Expr::Other("element".into()),
                    };
                    elements.push((key, value));
                }
                "literal_element" => {
                    if let Some(v) = el.named_child(0) {
                        let v = self.expr(v, d);
                        elements.push((None, v));
                    }
                }
                _ => {}
            }
        }
        elements
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
        // Only `//rootlint:` comments are facts; most declarations hold none.
        if !self.text(node).contains("rootlint:") {
            return;
        }
        for c in find_all(node, |k| k == "comment") {
            if kind(c) == "comment" {
                self.comment(c);
            }
        }
    }
}

fn strip_pointer(t: &TypeExpr) -> &TypeExpr {
    match t {
        TypeExpr::Pointer(inner) => strip_pointer(inner),
        other => other,
    }
}

/// The type an expression names, when it is written like one (`T`, `pkg.T`, `*T`).
fn expr_as_type(e: &Expr) -> Option<TypeExpr> {
    match e {
        Expr::Ident(n) => Some(TypeExpr::named(None, n)),
        Expr::Selector(b, n) => match &**b {
            Expr::Ident(q) => Some(TypeExpr::named(Some(q), n)),
            _ => None,
        },
        Expr::Deref(inner) => Some(TypeExpr::Pointer(Box::new(expr_as_type(inner)?))),
        Expr::Type(t) => Some(TypeExpr::clone(t)),
        _ => None,
    }
}

/// The nodes under `node` (itself included) whose kind satisfies `wanted`, in pre-order,
/// without looking inside them and without recursion.
fn find_all<'t>(node: Node<'t>, wanted: impl Fn(&str) -> bool) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut cursor = node.walk();
    loop {
        let here = cursor.node();
        let take = wanted(kind(here));
        if take {
            out.push(here);
        }
        if !take && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                return out;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

fn named_children(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|n| kind(n) != "comment")
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
    if kind(node) == "raw_string_literal" {
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

    #[test]
    fn field_ids_match_the_lookup_by_name() {
        for name in [
            "type",
            "value",
            "operand",
            "type_arguments",
            "alias",
            "no_such_field",
        ] {
            let by_name = crate::parse::language()
                .field_id_for_name(name)
                .map_or(0, |id| id.get());
            assert_eq!(field_id(name), by_name, "{name}");
        }
        assert_ne!(field_id("type"), 0);
        let tree = crate::parse::parse_go("package a\n\nvar x = f(1, \"s\")\n").unwrap();
        let mut stack = vec![tree.root_node()];
        while let Some(node) = stack.pop() {
            assert_eq!(kind(node), node.kind());
            stack.extend((0..node.child_count()).filter_map(|i| node.child(i)));
        }
    }

    pub(crate) fn facts(src: &str) -> GoFileFacts {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&crate::parse::language())
            .expect("tree-sitter-go ABI");
        let tree = parser.parse(src, None).expect("parse");
        extract(&tree, src)
    }

    #[test]
    fn a_channel_is_confined_only_when_every_use_sends_receives_or_ranges() {
        let f = facts(
            r#"package a

func f(ctx context.Context, p chan int) {
	kept := make(chan Job, 1)
	go func() { kept <- Shell }()
	select {
	case j := <-kept:
		_ = j
	}
	for j := range kept {
		_ = j
	}
	passed := make(chan Job)
	helper(passed)
	closed := make(chan Job)
	closed <- Shell
	close(closed)
	twice := make(chan Job)
	twice <- Shell
	if true {
		twice := make(chan Job)
		<-twice
	}
	stored := make(chan Job)
	holder.ch = stored
	assigned := make(chan Job)
	assigned = other
	fromParam := p
	fromParam <- 1
	ranged := make(chan Job)
	for i := range []int{1} {
		ranged <- Shell
		_ = i
	}
	<-ranged
}
"#,
        );
        let body = f.functions.iter().find(|g| g.name == "f").unwrap();
        assert_eq!(body.confined_channels, ["kept", "ranged"]);
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
            func.params[1].ty,
            Some(TypeExpr::Pointer(Box::new(TypeExpr::named(
                Some("bt"),
                "Client"
            ))))
        );
        assert!(func.params[2].variadic);
        let bound: Vec<_> = func.bindings.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(bound, ["x", "y", "opts", "err"]);
        let request = func.calls.iter().find(|c| c.spread).expect("spread call");
        assert_eq!(request.args.len(), 2);
        assert!(func.calls.iter().any(|c| c.args == [Expr::Str("A".into())]));
    }

    #[test]
    fn types_fields_embedding_and_interfaces() {
        let f = facts(
            "package a\ntype S struct {\n\t*Intermediate\n\tBase\n\tmux sync.Mutex\n\troles, more rolesapi.Client\n}\ntype I interface {\n\tIssue(ctx context.Context, sub string) (string, error)\n\tio.Closer\n}\ntype A = rolesapi.Client\ntype L[T Minter] struct{ x T }\n",
        );
        let s = &f.types[0];
        let TypeExpr::Struct(fields) = &s.ty else {
            panic!("{s:?}")
        };
        assert_eq!(
            fields[0],
            Field {
                name: None,
                ty: TypeExpr::Pointer(Box::new(TypeExpr::named(None, "Intermediate")))
            }
        );
        assert_eq!(fields[1].name, None);
        assert_eq!(fields[2].name.as_deref(), Some("mux"));
        assert_eq!(fields[4].name.as_deref(), Some("more"));
        let TypeExpr::Interface(elems) = &f.types[1].ty else {
            panic!()
        };
        assert!(
            matches!(&elems[0], InterfaceElem::Method { name, params: 2, .. } if name == "Issue")
        );
        assert_eq!(
            elems[1],
            InterfaceElem::Embed(TypeExpr::named(Some("io"), "Closer"))
        );
        assert!(f.types[2].alias);
        assert_eq!(f.types[3].type_params[0].name, "T");
    }

    #[test]
    fn generic_calls_method_values_and_scopes() {
        let f = facts(
            "package a\nfunc f(svc S) {\n\tG[int](svc)\n\tH[int, string](svc, 1)\n\tm := c.Mint\n\tm(ctx)\n\tif x := g(); x {\n\t\tc := other\n\t\t_ = c\n\t}\n\tfor _, v := range clients { v.Grant() }\n\tswitch v := x.(type) {\n\tcase *Foo:\n\t\tv.M()\n\t}\n\tgo func(p *rolesapi.Client) { p.Grant() }(nil)\n\t_ = &Bearer{}\n\t_ = new(Robot)\n}\n",
        );
        let func = &f.functions[0];
        let callees: Vec<&Expr> = func.calls.iter().map(|c| &c.callee).collect();
        assert!(matches!(callees[0], Expr::Index(b, _) if **b == Expr::Ident("G".into())));
        assert!(matches!(callees[1], Expr::Index(b, _) if **b == Expr::Ident("H".into())));
        assert!(callees.contains(&&Expr::Ident("m".into())));
        let c = func.bindings.iter().find(|b| b.name == "c").unwrap();
        // The inner `c` is visible inside its block only.
        assert!(c.visible_at(c.span.end_byte + 1));
        assert!(!c.visible_at(c.scope.end_byte + 1));
        let v = func.bindings.iter().find(|b| b.name == "v").unwrap();
        assert!(matches!(v.value, BindingValue::Range { index: 1, .. }));
        let switched = func.bindings.iter().rfind(|b| b.name == "v").unwrap();
        assert!(matches!(
            &switched.value,
            BindingValue::Expr(Expr::TypeAssert(_, Some(_)))
        ));
        let p = func.bindings.iter().find(|b| b.name == "p").unwrap();
        assert!(matches!(p.value, BindingValue::Declared));
        assert_eq!(
            func.instantiates,
            [
                TypeExpr::named(None, "Bearer"),
                TypeExpr::named(None, "Robot")
            ]
        );
    }

    #[test]
    fn package_initializers_are_a_function() {
        let f = facts("package a\nvar x = newThing()\nvar y = 3\nfunc g() {}\n");
        let init = f
            .functions
            .iter()
            .find(|f| f.synthetic)
            .expect("initializers");
        assert_eq!(init.name, INITIALIZERS);
        assert_eq!(init.calls.len(), 1);
        assert_eq!(init.span.start_line, 2);
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        let terms = "\"a\" + ".repeat(5_000);
        let src = format!(
            "package a\nconst U = {terms}\"b\"\nvar p = {}1{}\n",
            "(".repeat(5_000),
            ")".repeat(5_000)
        );
        // On a small stack: the extractor must not recurse per level.
        let f = std::thread::Builder::new()
            .stack_size(EXTRACTION_STACK)
            .spawn(move || facts(&src))
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert!(f.nesting_limit.is_some());
        let braces = format!(
            "package a\nfunc f() {}{}\n",
            "{".repeat(8_000),
            "}".repeat(8_000)
        );
        let f = std::thread::Builder::new()
            .stack_size(EXTRACTION_STACK)
            .spawn(move || facts(&braces))
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert_eq!(f.functions.len(), 1);
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
        assert_eq!(default_package_name("github.com/nats-io/nats.go"), "nats");
        assert_eq!(default_package_name("gopkg.in/yaml.v3"), "yaml");
        assert_eq!(default_package_name("github.com/x/go-redis"), "redis");
    }
}
