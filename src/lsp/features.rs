//! Hover, go to definition and code actions, answered from the last analysis.

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Hover, HoverContents, Location, MarkupContent,
    MarkupKind, Position, Range, TextEdit, Uri, WorkspaceEdit,
};
use rootlint_analyzer::callgraph::callsites::{CallSite, Shape};
use rootlint_analyzer::facts::Facts;
use rootlint_analyzer::span::Span;
use rootlint_analyzer::subject;
use rootlint_analyzer::workspace::catalog::{Endpoint, Origin};

use super::{Server, convert};

fn contains(span: &Span, line: u32, column: u32) -> bool {
    (span.start_line, span.start_column) <= (line, column)
        && (line, column) <= (span.end_line, span.end_column)
}

/// The innermost call site at a 0-based line and UTF-16 column of `rel`.
fn call_site_at<'a>(
    server: &'a Server,
    rel: &str,
    line: u32,
    character: u32,
) -> Option<&'a CallSite> {
    let analysis = server.analysis.as_ref()?;
    let text = server.text_of(rel, analysis);
    let (line, column) = (
        line + 1,
        convert::char_column(convert::line_of(&text, line + 1), character),
    );
    analysis
        .call_sites
        .iter()
        .filter(|s| s.file == rel && contains(&s.span, line, column))
        .min_by_key(|s| (s.span.end_byte - s.span.start_byte, s.span.start_byte))
}

fn declared_where(e: &Endpoint) -> String {
    match (e.origin, e.primary_declaration()) {
        (_, Some(d)) => format!("`{}:{}`", d.file, d.span.start_line),
        (Origin::Builtin, None) => "shipped with the framework (built-in catalog)".into(),
        (_, None) => "`rootlint.toml`".into(),
    }
}

pub fn hover(server: &Server, rel: &str, line: u32, character: u32) -> Option<Hover> {
    let analysis = server.analysis.as_ref()?;
    let outcome = server.outcome.as_ref()?;
    if let Some(site) = call_site_at(server, rel, line, character) {
        let d = &site.destination;
        let mut md = vec![match &site.shape {
            Shape::Typed {
                api_package,
                method,
                multicast,
                ..
            } => format!(
                "**rootlint** · typed {}call `{}.{method}`",
                if *multicast { "multicast " } else { "" },
                rootlint_analyzer::facts::go::default_package_name(api_package)
            ),
            Shape::Raw { publish } => format!(
                "**rootlint** · raw `{}`",
                if *publish { "Publish" } else { "Request" }
            ),
        }];
        let show = |r: &Result<String, String>| match r {
            Ok(v) => format!("`{v}`"),
            Err(why) => format!("not static ({why})"),
        };
        md.push(format!(
            "destination: host {}, port {}, method {} (on the wire), path {}",
            show(&d.host),
            match &d.port {
                Ok(p) => format!("`:{p}`"),
                Err(why) => format!("not static ({why})"),
            },
            show(&d.method),
            show(&d.path)
        ));
        if let Some(e) = site
            .endpoint
            .or(site.named_endpoint)
            .map(|id| &analysis.catalog.endpoints[id])
        {
            md.push(format!(
                "endpoint: `{}/{}` · {} `{}` · declared in {} · requiredClaims: {}",
                e.host,
                e.name,
                e.method,
                e.route,
                declared_where(e),
                e.required_claims
                    .as_deref()
                    .map_or("none".to_string(), |c| format!("`{c}`"))
            ));
        }
        let index = analysis
            .call_sites
            .iter()
            .position(|s| std::ptr::eq(s, site))?;
        let attributions = &analysis.attributions[index];
        if let (Ok(host), Ok(port), Ok(method), Ok(path)) = (&d.host, &d.port, &d.method, &d.path) {
            for a in attributions {
                let src = &analysis.workspace.services[a.service].hostname;
                let subject =
                    subject::request_subject(src, host, *port, method, path, d.path_is_route);
                let granted = *port == 666 && site.endpoint.is_some();
                md.push(format!(
                    "NATS subject for `{src}`: `{subject}`{}",
                    if granted {
                        " · **:666 PUB grant**"
                    } else {
                        ""
                    }
                ));
            }
        }
        if attributions.is_empty() {
            md.push("reached from no service entry point: this call grants nothing".into());
        }
        return Some(markdown(md));
    }
    // A :666 endpoint in manifest.yaml: who calls it.
    let file = analysis
        .workspace
        .files
        .iter()
        .find(|f| f.file.rel == rel)?;
    let Facts::Manifest(m) = &file.facts else {
        return None;
    };
    let at = line + 1;
    let e = m.endpoints.iter().find(|e| {
        e.span.start_line == at || e.route.as_ref().is_some_and(|r| r.span.start_line == at)
    })?;
    let host = m.hostname.as_ref()?.value.to_ascii_lowercase();
    let endpoint = analysis
        .catalog
        .endpoints
        .iter()
        .find(|x| x.host == host && x.name == e.name)?;
    if !endpoint.is_trust_root() {
        return None;
    }
    let mut md = vec![format!(
        "**rootlint** · `{host}/{}` is a :666 trust root ({} `{}`)",
        e.name, endpoint.method, endpoint.route
    )];
    let mut callers = 0;
    for s in &outcome.grants.services {
        for p in s.publish.iter().filter(|p| {
            p.endpoint
                .as_ref()
                .is_some_and(|r| r.host == host && r.name == e.name)
        }) {
            callers += 1;
            let sites: Vec<String> = p
                .call_sites
                .iter()
                .map(|c| format!("`{}:{}`", c.file, c.line))
                .collect();
            md.push(format!(
                "- `{}` · `{}` · {}",
                s.hostname,
                p.subject,
                sites.join(", ")
            ));
        }
    }
    if callers == 0 {
        md.push("no service in this tree calls it".into());
    }
    Some(markdown(md))
}

fn markdown(paragraphs: Vec<String>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: paragraphs.join("\n\n"),
        }),
        range: None,
    }
}

pub fn definition(server: &Server, rel: &str, line: u32, character: u32) -> Option<Location> {
    let analysis = server.analysis.as_ref()?;
    let site = call_site_at(server, rel, line, character)?;
    let e = &analysis.catalog.endpoints[site.endpoint.or(site.named_endpoint)?];
    let d = e.primary_declaration()?;
    let span = d.route_span.unwrap_or(d.span);
    let text = server.text_of(&d.file, analysis);
    Some(Location::new(
        convert::uri(&analysis.root.join(&d.file))?,
        convert::range(&text, &span),
    ))
}

/// Where and what to insert so that the `define.Function{…}` literal of the declaration at
/// `from` carries `RequiredClaims`: a new line before the closing brace of a literal written
/// over several lines (gofmt's shape), or a last element of a literal on one line.
fn required_claims_edit(text: &str, from: usize) -> Option<(usize, String)> {
    let open = from + text.get(from..)?.find('{')?;
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, open);
    let mut quote: Option<u8> = None;
    let close = loop {
        let b = *bytes.get(i)?;
        match quote {
            Some(q) if b == q => quote = None,
            Some(b'"') if b == b'\\' => i += 1,
            Some(_) => {}
            None => match b {
                b'"' | b'`' | b'\'' => quote = Some(b),
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        break i;
                    }
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i += text[i..].find('\n')?;
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i += text[i..].find("*/")? + 2;
                    continue;
                }
                _ => {}
            },
        }
        i += 1;
    };
    let body = &text[open + 1..close];
    if body.contains('\n') {
        let line_start = text[..close].rfind('\n')? + 1;
        let indent: String = text[line_start..close]
            .chars()
            .take_while(|c| c.is_whitespace())
            .collect();
        return Some((
            line_start,
            format!("{indent}\tRequiredClaims: \"roles.admin\",\n"),
        ));
    }
    let trimmed = body.trim_end();
    let at = open + 1 + trimmed.len();
    let sep = if trimmed.is_empty() {
        ""
    } else if trimmed.ends_with(',') {
        " "
    } else {
        ", "
    };
    Some((at, format!("{sep}RequiredClaims: \"roles.admin\"")))
}

/// Quick fixes for rootlint's findings on the requested lines: a suppression to fill in with a
/// reason, and `requiredClaims` for a :666 endpoint that lacks it.
pub fn code_actions(
    server: &Server,
    rel: &str,
    uri: &Uri,
    start: u32,
    end: u32,
) -> Vec<CodeActionOrCommand> {
    let (Some(analysis), Some(outcome)) = (server.analysis.as_ref(), server.outcome.as_ref())
    else {
        return Vec::new();
    };
    let text = server.text_of(rel, analysis);
    let yaml = rel.ends_with(".yaml");
    let mut actions = Vec::new();
    for d in outcome
        .diagnostics
        .iter()
        .filter(|d| d.file == rel && d.suppressed.is_none())
    {
        let line0 = d.span.start_line - 1;
        if line0 < start || line0 > end {
            continue;
        }
        let line = convert::line_of(&text, d.span.start_line);
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        let comment = if yaml {
            "# rootlint:ignore"
        } else {
            "//rootlint:ignore"
        };
        let at_line = |line: u32| Range::new(Position::new(line, 0), Position::new(line, 0));
        actions.push(quick_fix(
            format!("Suppress `{}` here (with a reason)", d.lint),
            false,
            uri,
            at_line(line0),
            format!("{indent}{comment} {} <reason>\n", d.lint),
        ));
        if d.lint == "missing_required_claims" && yaml {
            actions.push(quick_fix(
                "Add `requiredClaims: roles.admin`".into(),
                true,
                uri,
                at_line(line0 + 1),
                format!("{indent}  requiredClaims: roles.admin\n"),
            ));
        } else if d.lint == "missing_required_claims"
            && let Some((at, new_text)) = required_claims_edit(&text, d.span.start_byte as usize)
        {
            let span = rootlint_analyzer::span::LineIndex::new(&text).span(at, at);
            actions.push(quick_fix(
                "Add `RequiredClaims: \"roles.admin\"`".into(),
                true,
                uri,
                convert::range(&text, &span),
                new_text,
            ));
        }
    }
    actions
}

/// A quick fix that inserts (or replaces `range` with) `new_text` in the document `uri`.
fn quick_fix(
    title: String,
    preferred: bool,
    uri: &Uri,
    range: Range,
    new_text: String,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        is_preferred: preferred.then_some(true),
        edit: Some(WorkspaceEdit {
            changes: Some([(uri.clone(), vec![TextEdit { range, new_text }])].into()),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    })
}

#[cfg(test)]
mod tests {
    use super::required_claims_edit;

    fn apply(text: &str) -> String {
        let (at, insert) = required_claims_edit(text, 0).expect("an edit");
        format!("{}{insert}{}", &text[..at], &text[at..])
    }

    #[test]
    fn required_claims_go_into_the_literal() {
        assert_eq!(
            apply("var X = define.Function{Method: \"POST\", Route: \":666/x\"}\n"),
            "var X = define.Function{Method: \"POST\", Route: \":666/x\", RequiredClaims: \"roles.admin\"}\n"
        );
        assert_eq!(
            apply("var X = define.Function{Route: \":666/x\",}\n"),
            "var X = define.Function{Route: \":666/x\", RequiredClaims: \"roles.admin\"}\n"
        );
        assert_eq!(
            apply("var X = define.Function{}\n"),
            "var X = define.Function{RequiredClaims: \"roles.admin\"}\n"
        );
        assert_eq!(
            apply("var X = define.Function{Route: \":666/x\" /* } */}\n"),
            "var X = define.Function{Route: \":666/x\" /* } */, RequiredClaims: \"roles.admin\"}\n"
        );
        // Braces inside strings, raw strings and comments do not close the literal.
        assert_eq!(
            apply(
                "var X = define.Function{ // {\n\tRoute: \":666/{id}\",\n\tDescription: `}`,\n}\n"
            ),
            "var X = define.Function{ // {\n\tRoute: \":666/{id}\",\n\tDescription: `}`,\n\tRequiredClaims: \"roles.admin\",\n}\n"
        );
        assert_eq!(
            required_claims_edit("var X = define.Function{\n\tRoute: \"x\",\n", 0),
            None
        );
        assert_eq!(required_claims_edit("var X = 1\n", 0), None);
    }
}
