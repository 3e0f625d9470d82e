//! rootlint's syntax layer (stage 3 of ARCHITECTURE.md): Go source in, plain facts out.
//!
//! This is the only crate that depends on tree-sitter. It parses a file, walks its syntax tree
//! once and returns [`go::GoFileFacts`], data with no syntax node in it, so that the stages
//! after it (and the lints) cannot reach a tree, and facts can be cached per file.

pub mod go;
mod parse;
pub mod span;
