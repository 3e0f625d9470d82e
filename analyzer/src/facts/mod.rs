//! Stage 4: per-file facts. Each file becomes plain data (no syntax nodes), so facts can be
//! cached by content and recomputed for one file when an editor changes it.

pub mod go;
pub mod gomod;
pub mod manifest;

use serde::Serialize;

use crate::discover::{FileKind, SourceFile};
use crate::span::Span;
use crate::triage::{self, Decoded};

#[derive(Clone, Debug)]
pub enum Facts {
    Go(go::GoFileFacts),
    /// A generated Go file: framework plumbing whose internals are not call sites.
    GeneratedGo,
    Manifest(manifest::ManifestFacts),
    GoMod {
        module: Option<String>,
    },
    /// The file could not be read, decoded or parsed at all.
    Unreadable,
}

/// Something that kept rootlint from analyzing (part of) a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    pub file: String,
    pub span: Option<Span>,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct FileFacts {
    pub file: SourceFile,
    pub facts: Facts,
    pub problems: Vec<Problem>,
}

/// Reads one file and extracts its facts. `text` overrides the file's content on disk (an
/// editor's unsaved buffer).
pub fn extract(file: &SourceFile, text: Option<String>) -> FileFacts {
    let problem = |message: String, span: Option<Span>| Problem {
        file: file.rel.clone(),
        span,
        message,
    };
    let text = match text {
        Some(t) => t,
        None => match std::fs::read(&file.path) {
            Err(e) => {
                return FileFacts {
                    file: file.clone(),
                    facts: Facts::Unreadable,
                    problems: vec![problem(format!("could not read the file: {e}"), None)],
                };
            }
            Ok(bytes) => match triage::decode(bytes) {
                Decoded::Text(t) => t,
                Decoded::Undecodable { reason, span } => {
                    return FileFacts {
                        file: file.clone(),
                        facts: Facts::Unreadable,
                        problems: vec![problem(reason, span)],
                    };
                }
            },
        },
    };
    let mut problems = Vec::new();
    let facts = match file.kind {
        FileKind::GoMod => Facts::GoMod {
            module: gomod::module_path(&text),
        },
        FileKind::Manifest => match manifest::parse(&text) {
            Ok(m) => {
                if m.hostname.is_none() {
                    problems.push(problem(
                        "the manifest declares no `general.hostname`".into(),
                        None,
                    ));
                }
                Facts::Manifest(m)
            }
            Err(e) => {
                problems.push(problem(e.message, e.span));
                Facts::Unreadable
            }
        },
        FileKind::Go if triage::is_generated_go(&text) => Facts::GeneratedGo,
        FileKind::Go => match crate::parse::parse_go(&text) {
            None => {
                problems.push(problem("tree-sitter could not parse the file".into(), None));
                Facts::Unreadable
            }
            Some(tree) => {
                let facts = go::extract(&tree, &text);
                if let Some(span) = facts.syntax_error {
                    problems.push(problem(
                        "the file has a Go syntax error; call sites after it may be missed".into(),
                        Some(span),
                    ));
                }
                Facts::Go(facts)
            }
        },
    };
    FileFacts {
        file: file.clone(),
        facts,
        problems,
    }
}
