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

/// The byte offset of an LSP position (0-based line, UTF-16 column) in `text`. A line past the
/// end is the end; a column past its line's end is that end, as the protocol says.
pub fn byte_offset(text: &str, pos: Position) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(nl) => start += nl + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |nl| start + nl);
    let line = text[start..line_end].trim_end_matches('\r');
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= pos.character {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    start + line.len()
}

/// `text` with the LSP range replaced by `new` (an incremental change).
pub fn apply_change(text: &str, range: Range, new: &str) -> String {
    let start = byte_offset(text, range.start);
    let end = byte_offset(text, range.end).max(start);
    let mut out = String::with_capacity(text.len() - (end - start) + new.len());
    out.push_str(&text[..start]);
    out.push_str(new);
    out.push_str(&text[end..]);
    out
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
    fn ranged_changes_apply_at_utf16_positions() {
        let text = "a\u{1F600}b\r\nsecond\nthird";
        // After the emoji (two UTF-16 units) on line 0.
        assert_eq!(byte_offset(text, Position::new(0, 3)), 1 + 4);
        // Past the end of a line: its end, before `\r\n`.
        assert_eq!(byte_offset(text, Position::new(0, 99)), 1 + 4 + 1);
        assert_eq!(byte_offset(text, Position::new(1, 0)), 8);
        // Past the last line: the end.
        assert_eq!(byte_offset(text, Position::new(9, 0)), text.len());
        let r = |l1, c1, l2, c2| Range::new(Position::new(l1, c1), Position::new(l2, c2));
        assert_eq!(
            apply_change(text, r(1, 0, 1, 6), "2nd"),
            "a\u{1F600}b\r\n2nd\nthird"
        );
        assert_eq!(apply_change("ab", r(0, 1, 0, 1), "X"), "aXb");
        // A range that ends before it starts inserts at its start.
        assert_eq!(apply_change("abc", r(0, 2, 0, 1), "X"), "abXc");
    }

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
