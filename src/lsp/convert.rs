//! Positions and URIs between rootlint (1-based lines, character columns, relative paths) and
//! LSP (0-based lines, UTF-16 columns, `file://` URIs).

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, Uri};
use rootlint_analyzer::span::Span;

/// The UTF-16 column of a 1-based character column in `line`.
pub fn utf16_column(line: &str, char_column: u32) -> u32 {
    line.chars()
        .take(char_column.saturating_sub(1) as usize)
        .map(|c| c.len_utf16() as u32)
        .sum()
}

/// The 1-based character column of a UTF-16 column in `line`.
pub fn char_column(line: &str, utf16: u32) -> u32 {
    let mut units = 0;
    let mut chars = 0;
    for c in line.chars() {
        if units >= utf16 {
            break;
        }
        units += c.len_utf16() as u32;
        chars += 1;
    }
    chars + 1
}

pub fn line_of(text: &str, line: u32) -> &str {
    text.split('\n')
        .nth(line.saturating_sub(1) as usize)
        .unwrap_or("")
        .trim_end_matches('\r')
}

/// An LSP range for a span of a file whose text is `text`.
pub fn range(text: &str, span: &Span) -> Range {
    let start = utf16_column(line_of(text, span.start_line), span.start_column);
    let end = utf16_column(line_of(text, span.end_line), span.end_column);
    Range::new(
        Position::new(span.start_line.saturating_sub(1), start),
        Position::new(span.end_line.saturating_sub(1), end),
    )
}

/// The `file:` URI of a path, as lsp-types holds it (every byte outside the unreserved set is
/// percent-encoded, so it always parses).
pub fn uri(path: &Path) -> Option<Uri> {
    path_to_uri(path).parse().ok()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

pub fn path_to_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_uris() {
        assert_eq!(utf16_column("a😀b", 3), 3);
        assert_eq!(char_column("a😀b", 3), 3);
        assert_eq!(char_column("abc", 0), 1);
        let p = Path::new("/tmp/a b/ü.go");
        assert_eq!(uri_to_path(&path_to_uri(p)).unwrap(), p);
        assert_eq!(
            uri_to_path("file:///x/y%20z.go").unwrap(),
            Path::new("/x/y z.go")
        );
        assert!(uri_to_path("untitled:1").is_none());
    }
}
