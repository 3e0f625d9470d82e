//! Source positions. Lines and columns are 1-based; columns count characters, as editors and
//! rustc do, so a multi-byte character before a finding does not shift its column.

use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
/// A range of a file: lines and character columns for people, bytes for code.
pub struct Span {
    /// First line, from 1.
    pub start_line: u32,
    /// First column, from 1, in characters.
    pub start_column: u32,
    /// Last line, from 1.
    pub end_line: u32,
    /// Column just past the end, from 1, in characters.
    pub end_column: u32,
    /// Byte offsets into the file, for renderers that slice the source.
    pub start_byte: u32,
    /// Byte offset just past the end.
    pub end_byte: u32,
}

impl Span {
    /// The first character of a file: where a finding about a whole file points.
    pub fn file_start() -> Span {
        Span {
            start_line: 1,
            start_column: 1,
            end_line: 1,
            end_column: 1,
            start_byte: 0,
            end_byte: 0,
        }
    }
}

/// Maps byte offsets of one file to 1-based line and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// Characters before each [`CHAR_BLOCK`]-byte block: a column costs at most one block's
    /// scan, however long its line (a 60 KB one-line file has as many spans as bytes).
    chars_before_block: Vec<u32>,
}

/// The byte granularity of [`LineIndex`]'s character counts.
const CHAR_BLOCK: usize = 256;

/// Characters in `bytes` (whole UTF-8 sequences): the bytes that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut chars_before_block = Vec::with_capacity(text.len() / CHAR_BLOCK + 1);
        let mut total = 0u32;
        for block in text.as_bytes().chunks(CHAR_BLOCK) {
            chars_before_block.push(total);
            total += count_chars(block) as u32;
        }
        chars_before_block.push(total);
        LineIndex {
            text,
            line_starts,
            chars_before_block,
        }
    }

    /// Characters in `text[..byte]`, `byte` on a character boundary.
    fn chars_to(&self, byte: usize) -> usize {
        let block = byte / CHAR_BLOCK;
        self.chars_before_block[block] as usize
            + count_chars(&self.text.as_bytes()[block * CHAR_BLOCK..byte])
    }

    /// 1-based (line, column) of a byte offset.
    pub fn position(&self, byte: usize) -> (u32, u32) {
        let byte = byte.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let start = self.line_starts[line];
        let column = if self.text.is_char_boundary(byte) {
            self.chars_to(byte) - self.chars_to(start)
        } else {
            byte - start
        };
        (line as u32 + 1, column as u32 + 1)
    }

    /// The span of the byte range `start_byte..end_byte`.
    pub fn span(&self, start_byte: usize, end_byte: usize) -> Span {
        let (start_line, start_column) = self.position(start_byte);
        let (end_line, end_column) = self.position(end_byte);
        Span {
            start_line,
            start_column,
            end_line,
            end_column,
            start_byte: start_byte as u32,
            end_byte: end_byte as u32,
        }
    }

    /// Byte offset where a 1-based line starts, if the line exists.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)? as usize).copied()
    }

    /// Byte offset of a 1-based (line, character column) position.
    pub fn offset(&self, line: u32, column: u32) -> Option<usize> {
        let start = self.line_start(line)?;
        let rest = &self.text[start..];
        let line_text = rest.split('\n').next().unwrap_or("");
        let skip = column.saturating_sub(1) as usize;
        let within = line_text
            .char_indices()
            .nth(skip)
            .map_or(line_text.len(), |(i, _)| i);
        Some(start + within)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let idx = LineIndex::new("ab\né x\n");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        // 'x' sits after a two-byte 'é' and a space: byte 6, character column 3.
        assert_eq!(idx.position(6), (2, 3));
        assert_eq!(idx.offset(2, 3), Some(6));
    }

    #[test]
    fn columns_agree_with_counting_characters_on_long_lines() {
        let text: String = (0..2000)
            .map(|i| if i % 7 == 0 { 'é' } else { 'a' })
            .collect();
        let text = format!("x\n{text}\n");
        let idx = LineIndex::new(&text);
        for (byte, _) in text.char_indices() {
            let start = idx.line_start(idx.position(byte).0).unwrap();
            assert_eq!(
                idx.position(byte).1 as usize,
                text[start..byte].chars().count() + 1,
                "{byte}"
            );
        }
    }
}
