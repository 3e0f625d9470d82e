//! Stage 2: triage each file's bytes before any parse.
//!
//! Decoding problems are found here (binary content, invalid UTF-8), generated Go files are
//! recognised by Go's `// Code generated … DO NOT EDIT.` header, and hand-written Go files are
//! split into top-level declarations that `demand` selects for parsing.

pub(crate) mod constraints;
pub(crate) mod header;
pub(crate) mod outline;

use crate::span::{LineIndex, Span};

pub(crate) enum Decoded {
    Text(String),
    Undecodable { reason: String, span: Option<Span> },
}

pub(crate) fn decode(bytes: Vec<u8>) -> Decoded {
    if let Some(nul) = memchr::memchr(0, &bytes) {
        let lossy = String::from_utf8_lossy(&bytes[..nul]);
        let span = LineIndex::new(&lossy).span(lossy.len(), lossy.len());
        return Decoded::Undecodable {
            reason: "the file holds a NUL byte: it is binary, not source text".into(),
            span: Some(span),
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded::Text(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
            let span = LineIndex::new(prefix).span(valid, valid);
            Decoded::Undecodable {
                reason: format!("the file is not valid UTF-8 (byte offset {valid})"),
                span: Some(span),
            }
        }
    }
}

/// The names of the Go files Microbus' generators write (2024: `intermediate/intermediate.go`,
/// `*api/clients.go`; 2025-2026: `intermediate.go`, `*api/client.go`, `mock.go`).
pub(crate) fn is_framework_generated_name(name: &str) -> bool {
    matches!(
        name,
        "intermediate.go" | "client.go" | "clients.go" | "mock.go"
    )
}

/// Go's rule (cmd/go, `go help generate`): a line `// Code generated … DO NOT EDIT.` before
/// the package clause marks the whole file as generated.
pub(crate) fn is_generated_go(src: &str) -> bool {
    for line in src.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("// Code generated ") && line.ends_with(" DO NOT EDIT.") {
            return true;
        }
        if line.trim_start().starts_with("package ") {
            return false;
        }
    }
    false
}

/// The names a `type` chunk declares: `type Name …`, or each `Name …` of a `type ( … )` group
/// (one per line at one level of indentation, as gofmt writes them).
pub(crate) fn type_names(chunk: &str) -> Vec<&str> {
    let ident = |s: &str| -> Option<usize> {
        let end = s
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len());
        (end > 0).then_some(end)
    };
    let mut out = Vec::new();
    let Some(rest) = chunk.strip_prefix("type") else {
        return out;
    };
    let rest = rest.trim_start();
    if let Some(group) = rest.strip_prefix('(') {
        for line in group.lines() {
            let Some(body) = line.strip_prefix('\t') else {
                continue;
            };
            if body.starts_with(['\t', ' ', '/']) {
                continue;
            }
            if let Some(end) = ident(body) {
                out.push(&body[..end]);
            }
        }
    } else if let Some(end) = ident(rest) {
        out.push(&rest[..end]);
    }
    out
}

/// The struct types of a generated file that embed the framework's connector
/// (`type Intermediate struct {\n\t*connector.Connector …`), read from the bytes: generated files
/// are not parsed. gofmt writes one field per line, which the generator's output always is.
/// The literal hostname a generated file passes to `connector.New("…")` (the 2024 and 2025
/// intermediates; the 2026 one passes the api package's `Hostname`).
pub(crate) fn connector_hostname(src: &str) -> Option<String> {
    let start = src.find("connector.New(\"")? + "connector.New(\"".len();
    let len = src[start..].find('"')?;
    let host = &src[start..start + len];
    (!host.is_empty() && !host.contains(['\\', '\n'])).then(|| host.to_ascii_lowercase())
}

pub(crate) fn connector_types(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<&str> = None;
    for line in src.lines() {
        if let Some(rest) = line.strip_prefix("type ") {
            current = rest
                .strip_suffix("struct {")
                .map(str::trim)
                .filter(|n| n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
            continue;
        }
        if line.starts_with('}') {
            current = None;
            continue;
        }
        if let Some(name) = current {
            let field = line.trim().trim_start_matches('*');
            if field == "connector.Connector" || field.starts_with("connector.Connector ") {
                out.push(name.to_string());
                current = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_of_chunks() {
        assert_eq!(
            type_names("type Service struct{ *Intermediate }\n"),
            ["Service"]
        );
        assert_eq!(type_names("type L[T any] struct{}\n"), ["L"]);
        assert_eq!(
            type_names("type (\n\tA = b.C\n\t// c\n\tD interface {\n\t\tM()\n\t}\n)\n"),
            ["A", "D"]
        );
    }

    #[test]
    fn connector_types_of_generated_files() {
        let src = "// Code generated. DO NOT EDIT.\npackage a\ntype Intermediate struct {\n\t*connector.Connector\n\tToDo\n}\ntype Other struct {\n\tx int\n}\ntype Mock struct {\n\t*connector.Connector // c\n}\n";
        assert_eq!(connector_types(src), ["Intermediate", "Mock"]);
    }

    #[test]
    fn generated_header_must_precede_package() {
        assert!(is_generated_go(
            "// Code generated by cmd/genservice. DO NOT EDIT.\n\npackage a\n"
        ));
        assert!(!is_generated_go(
            "package a\n// Code generated by x. DO NOT EDIT.\n"
        ));
        assert!(!is_generated_go("// Code generated by hand\npackage a\n"));
    }

    #[test]
    fn undecodable_bytes_are_reported_with_a_position() {
        match decode(b"package a\n\xff".to_vec()) {
            Decoded::Undecodable { reason, span } => {
                assert!(reason.contains("UTF-8"));
                assert_eq!(span.unwrap().start_line, 2);
            }
            Decoded::Text(_) => panic!("invalid UTF-8 decoded"),
        }
        assert!(matches!(
            decode(b"\x7fELF\0\0".to_vec()),
            Decoded::Undecodable { .. }
        ));
    }
}

/// A top-level declaration of a Go file, found from the bytes alone (gofmt puts every top-level
/// declaration at column 0, and so does nearly all Go in the wild; where that fails, the masked
/// parse has a syntax error and the file is parsed whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub(crate) kind: ChunkKind,
    /// Byte offsets (files are capped far below 4 GiB); with the name, 20 bytes a chunk, held
    /// for every declaration of every file that can matter.
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// The word of a function's name ([`outline::word`]; of the empty name for other chunks):
    /// no copy of the name per chunk, since monorepos have many.
    pub(crate) name: u32,
}

impl Chunk {
    /// The chunk's bytes in the file.
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ChunkKind {
    /// A function or method; its name is `name` of the chunk.
    Func,
    /// `const`/`var`: always parsed, because constants resolve values across files.
    Values,
    /// `type` declarations: rootlint reads no facts from them.
    Type,
    /// The package clause, imports and top-level comments: always parsed.
    Keep,
}

pub(crate) fn chunks(src: &str) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    // No chunks means "parse whole", which the parse size limit then refuses with a finding:
    // offsets past 4 GiB cannot be held (files on disk are capped far below).
    if u32::try_from(src.len()).is_err() {
        return out;
    }
    let mut offset: u32 = 0;
    for line in src.split_inclusive('\n') {
        // Within the file, which fits in a u32.
        let len = line.len() as u32;
        let mut name = "";
        let kind = if line.starts_with("func ") || line.starts_with("func(") {
            if let Some((s, e)) = func_name(line) {
                name = &line[s..e];
            }
            Some(ChunkKind::Func)
        } else if line.starts_with("const ")
            || line.starts_with("const(")
            || line.starts_with("var ")
            || line.starts_with("var(")
        {
            Some(ChunkKind::Values)
        } else if line.starts_with("type ") || line.starts_with("type(") {
            Some(ChunkKind::Type)
        } else if line.starts_with("//")
            || line.starts_with("/*")
            || line.starts_with("package ")
            || line.starts_with("import")
        {
            Some(ChunkKind::Keep)
        } else {
            None
        };
        match kind {
            Some(kind) => {
                if let Some(last) = out.last_mut() {
                    last.end = offset;
                }
                out.push(Chunk {
                    kind,
                    start: offset,
                    end: offset + len,
                    name: outline::word(name, outline::Form::Name),
                });
            }
            None => match out.last_mut() {
                Some(last) => last.end = offset + len,
                None => out.push(Chunk {
                    kind: ChunkKind::Keep,
                    start: offset,
                    end: offset + len,
                    name: outline::word(name, outline::Form::Name),
                }),
            },
        }
        offset += len;
    }
    // Held for every file that can matter until demand-driven parsing ends: no spare capacity.
    out.shrink_to_fit();
    out
}

/// The byte range of `Name` in `func Name(`, `func (r *T) Name(` or `func Name[T any](`.
fn func_name(line: &str) -> Option<(usize, usize)> {
    let after_func = line.strip_prefix("func")?;
    let mut rest = after_func.trim_start();
    if rest.starts_with('(') {
        let close = matching_paren(rest)?;
        rest = rest[close + 1..].trim_start();
    }
    let start = line.len() - rest.len();
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (len > 0).then_some((start, start + len))
}

fn matching_paren(s: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether a chunk's brackets are unbalanced (outside strings, runes and comments): the cheap
/// sign of a syntax error that a masked parse would not see.
pub(crate) fn unbalanced(src: &str) -> bool {
    let b = src.as_bytes();
    let mut stack: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < b.len() && b[i] != q && b[i] != b'\n' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if i >= b.len() || b[i] != q {
                    return true;
                }
            }
            b'`' => {
                i += 1;
                while i < b.len() && b[i] != b'`' {
                    i += 1;
                }
                if i >= b.len() {
                    return true;
                }
            }
            open @ (b'(' | b'[' | b'{') => stack.push(open),
            close @ (b')' | b']' | b'}') => {
                let want = match close {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                if stack.pop() != Some(want) {
                    return true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    !stack.is_empty()
}

/// The source with the chunks not in `keep` reduced to their line breaks, so that every line
/// and column of the facts is one of the real file. Byte offsets shift; the second value maps
/// a line to how many bytes were dropped before it (`(first line, shift)`, ascending).
pub(crate) fn compact(src: &str, chunks: &[Chunk], keep: &[bool]) -> (String, Vec<(u32, u32)>) {
    let mut out = String::with_capacity(src.len() / 4);
    let mut shifts = vec![(1, 0)];
    let mut dropped = 0u32;
    let mut line = 1u32;
    for (c, &k) in chunks.iter().zip(keep) {
        let text = &src[c.range()];
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count() as u32;
        if k {
            out.push_str(text);
        } else {
            for _ in 0..newlines {
                out.push('\n');
            }
            dropped += text.len() as u32 - newlines;
            shifts.push((line + newlines, dropped));
        }
        line += newlines;
    }
    (out, shifts)
}

/// The shift of a line, from the table `compact` returns.
pub(crate) fn shift_of(shifts: &[(u32, u32)], line: u32) -> u32 {
    let i = shifts.partition_point(|&(l, _)| l <= line);
    shifts[i.saturating_sub(1)].1
}

#[cfg(test)]
mod chunk_tests {
    use super::*;

    #[test]
    fn top_level_chunks_and_masking() {
        let src = "package a\n\nimport \"x\"\n\n// F does.\nfunc F() {\n\tg()\n}\n\nfunc (s *S) M(x int) {\n}\n\nconst C = 1\n\ntype T struct{}\n";
        let c = chunks(src);
        let kinds: Vec<&ChunkKind> = c.iter().map(|c| &c.kind).collect();
        assert_eq!(
            kinds,
            [
                &ChunkKind::Keep,
                &ChunkKind::Keep,
                &ChunkKind::Keep,
                &ChunkKind::Func,
                &ChunkKind::Func,
                &ChunkKind::Values,
                &ChunkKind::Type
            ]
        );
        assert_eq!(c[3].name, outline::word("F", outline::Form::Name));
        assert_eq!(c[4].name, outline::word("M", outline::Form::Name));
        let keep: Vec<bool> = c
            .iter()
            .map(|c| !matches!(c.kind, ChunkKind::Func))
            .collect();
        let (compacted, shifts) = compact(src, &c, &keep);
        assert_eq!(compacted.lines().count(), src.lines().count());
        assert!(!compacted.contains("g()") && compacted.contains("const C = 1"));
        // `const C` is on line 13 in both; its byte offset moved by the dropped function bytes.
        let at = compacted.find("const C").unwrap() as u32;
        assert_eq!(
            at + shift_of(&shifts, 13),
            src.find("const C").unwrap() as u32
        );
    }

    #[test]
    fn bracket_balance() {
        assert!(!unbalanced("func f() { a := \"{\"; b := '}'; c := `(` }\n"));
        assert!(unbalanced("func (s *S) Broken( {\n"));
        assert!(unbalanced("func f() {\n"));
        assert!(!unbalanced("func f() { // }\n}\n"));
    }
}
