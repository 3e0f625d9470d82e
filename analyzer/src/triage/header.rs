//! The header of a Go file read from its bytes, without a parse: the package clause and the
//! import declarations, as the Go tool reads them (`go list` stops at the first other
//! declaration too). The in-tree import graph is built from these, the same way whether the
//! rest of the file is parsed or not.

/// What a Go file's header declares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) package: Option<String>,
    /// `(alias, path)` of each import spec, in order.
    pub(crate) imports: Vec<(Option<String>, String)>,
    /// The header did not end the way Go's grammar says (a declaration keyword or the end of
    /// the file after the imports): an import may be missing from `imports`.
    pub(crate) malformed: bool,
}

#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    Ident(&'a str),
    Str(String),
    Punct(char),
    /// A line break where Go inserts a semicolon, or an explicit `;`.
    End,
}

/// Splits the start of `src` into tokens, skipping comments; stops at the first byte it does not
/// expect in a header.
struct Lexer<'a> {
    src: &'a str,
    at: usize,
}

impl<'a> Lexer<'a> {
    fn next(&mut self) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        loop {
            let &b = bytes.get(self.at)?;
            match b {
                b' ' | b'\t' | b'\r' => self.at += 1,
                b'\n' | b';' => {
                    self.at += 1;
                    return Some(Token::End);
                }
                b'/' if bytes.get(self.at + 1) == Some(&b'/') => {
                    self.at = memchr::memchr(b'\n', &bytes[self.at..])
                        .map_or(bytes.len(), |n| self.at + n);
                }
                b'/' if bytes.get(self.at + 1) == Some(&b'*') => {
                    let body = &self.src[self.at + 2..];
                    let end = body.find("*/")?;
                    // A block comment holding a line break counts as one.
                    let newline = body[..end].contains('\n');
                    self.at += 2 + end + 2;
                    if newline {
                        return Some(Token::End);
                    }
                }
                b'"' => {
                    let start = self.at + 1;
                    let len = self.src[start..].find(['"', '\\', '\n'])?;
                    // An escape would spell the path in other bytes (`microbus\x2dio`): the header
                    // is not read past it, so the file counts as malformed and is analyzed in
                    // full, never taken for one that does not import the framework.
                    if bytes[start + len] != b'"' {
                        return None;
                    }
                    self.at = start + len + 1;
                    return Some(Token::Str(self.src[start..start + len].to_string()));
                }
                b'`' => {
                    let start = self.at + 1;
                    let end = start + self.src[start..].find('`')?;
                    self.at = end + 1;
                    return Some(Token::Str(self.src[start..end].to_string()));
                }
                b'(' | b')' | b'.' => {
                    self.at += 1;
                    return Some(Token::Punct(b as char));
                }
                _ => {
                    let rest = &self.src[self.at..];
                    let len = rest
                        .char_indices()
                        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
                        .map_or(rest.len(), |(i, _)| i);
                    if len == 0 {
                        // Any other character: a token the header does not expect.
                        let c = rest.chars().next()?;
                        self.at += c.len_utf8();
                        return Some(Token::Punct(c));
                    }
                    self.at += len;
                    return Some(Token::Ident(&rest[..len]));
                }
            }
        }
    }

    /// The next token that is not a line break.
    fn next_significant(&mut self) -> Option<Token<'a>> {
        loop {
            match self.next()? {
                Token::End => continue,
                t => return Some(t),
            }
        }
    }
}

/// Reads the package clause and the import declarations at the start of a Go file. Anything
/// else ends the header; a malformed header gives what was read before it (the parse reports the
/// syntax error).
pub(crate) fn read(src: &str) -> Header {
    let mut out = Header {
        malformed: true,
        ..Header::default()
    };
    let mut lx = Lexer { src, at: 0 };
    if lx.next_significant() != Some(Token::Ident("package")) {
        return out;
    }
    match lx.next_significant() {
        Some(Token::Ident(name)) => out.package = Some(name.to_string()),
        _ => return out,
    }
    loop {
        match lx.next_significant() {
            Some(Token::Ident("import")) => {}
            // The end of the file, not a string or comment left open.
            None if lx.at >= src.len() => {
                out.malformed = false;
                return out;
            }
            Some(Token::Ident("func" | "type" | "var" | "const")) => {
                out.malformed = false;
                return out;
            }
            _ => return out,
        }
        match lx.next_significant() {
            Some(Token::Punct('(')) => loop {
                match lx.next_significant() {
                    Some(Token::Punct(')')) => break,
                    Some(t) => {
                        let Some(spec) = spec(t, &mut lx) else {
                            return out;
                        };
                        out.imports.push(spec);
                    }
                    None => return out,
                }
            },
            Some(t) => {
                let Some(spec) = spec(t, &mut lx) else {
                    return out;
                };
                out.imports.push(spec);
            }
            None => return out,
        }
    }
}

/// One import spec starting with `first`: `"path"`, `name "path"`, `. "path"`, `_ "path"`.
fn spec(first: Token, lx: &mut Lexer) -> Option<(Option<String>, String)> {
    match first {
        Token::Str(path) => Some((None, path)),
        Token::Ident(alias) => match lx.next()? {
            Token::Str(path) => Some((Some(alias.to_string()), path)),
            _ => None,
        },
        Token::Punct('.') => match lx.next()? {
            Token::Str(path) => Some((Some(".".to_string()), path)),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imports(src: &str) -> Vec<(Option<String>, String)> {
        read(src).imports
    }

    #[test]
    fn gofmt_headers() {
        let h = read(
            "// Package a does things.\npackage a\n\nimport (\n\t\"context\"\n\tbt \"x/bearertokenapi\" // c\n\t. \"x/dot\"\n\t_ \"x/blank\"\n)\nimport \"x/single\"\n\nfunc f() { _ = \"x/not\" }\n",
        );
        assert_eq!(h.package.as_deref(), Some("a"));
        let paths: Vec<(Option<&str>, &str)> = h
            .imports
            .iter()
            .map(|(a, p)| (a.as_deref(), p.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                (None, "context"),
                (Some("bt"), "x/bearertokenapi"),
                (Some("."), "x/dot"),
                (Some("_"), "x/blank"),
                (None, "x/single")
            ]
        );
    }

    #[test]
    fn comments_semicolons_and_raw_strings() {
        assert_eq!(
            imports(
                "/* a \"fake\" */ package /* x */ a; import (\"p\"; q `r`) /*\n*/ import \"s\"; var x = 1\n import \"t\""
            ),
            [
                (None, "p".to_string()),
                (Some("q".to_string()), "r".to_string()),
                (None, "s".to_string())
            ]
        );
        assert_eq!(
            imports(
                "package a\n// import \"commented\"\nimport (\n// \"also\"\n\"real\" /* \"no\" */\n)\n"
            ),
            [(None, "real".to_string())]
        );
    }

    #[test]
    fn malformed_headers_stop_reading() {
        assert!(read("").malformed);
        assert!(!read("package a\n").malformed);
        assert!(!read("package a\nimport \"x\"\nfunc f() {}\n").malformed);
        assert!(!read("package a\nimport \"x\"\nfunc( {\n").malformed);
        assert!(read("package a\nimport \"x\" junk\n").malformed);
        assert!(read("package a\nimport ( \"x\"\n").malformed);
        assert!(read("package a\n+\n").malformed);
        assert!(read("package a\nimport \"x\"\n/* open").malformed);
        assert!(read("package a\nimport \"x\"\n\"open").malformed);
        // An escaped import path is not guessed at.
        let escaped =
            read("package a\nimport \"github.com/microbus\\x2dio/fabric/pub\"\nfunc f() {}\n");
        assert!(escaped.malformed && escaped.imports.is_empty());
        assert_eq!(read("func main() {}").package, None);
        assert_eq!(
            imports("package a\nimport (\n\"x\"\n"),
            [(None, "x".to_string())]
        );
        assert_eq!(imports("package a\nimport \"unterminated\n\"y\"\n"), []);
        assert_eq!(imports("package a\nimport /* open"), []);
        assert!(imports(&format!("package a\nimport ({}", "\"x\"\n".repeat(1000))).len() == 1000);
    }
}
