//! Stage 4: per-file facts. Each file becomes plain data (no syntax nodes), so facts can be
//! cached by content and recomputed for one file when an editor changes it.

pub use rootlint_syntax::go;
pub mod gomod;
pub mod manifest;
pub(crate) mod reach;

use std::sync::Arc;

use serde::Serialize;

use crate::discover::{FileKind, SourceFile};
use crate::span::Span;
use crate::triage::{self, Decoded};

#[derive(Clone, Debug)]
/// What one file contributes, by kind.
pub enum Facts {
    /// Boxed: most files of a tree are not Go files with facts, and the enum is as large as its
    /// largest variant.
    Go(Box<go::GoFileFacts>),
    /// A generated Go file: framework plumbing whose internals are not call sites. It is not
    /// parsed; a byte scan keeps the names of its struct types that embed the framework's
    /// connector (the generated `Intermediate` and `Mock`), which hand-written service types
    /// embed in turn.
    GeneratedGo {
        /// Its struct types that embed the connector.
        connector_types: Vec<String>,
        /// The hostname the file passes to `connector.New("…")`, if it is a literal.
        hostname: Option<String>,
    },
    /// A `manifest.yaml`.
    /// Boxed for the same reason as `Go`.
    Manifest(Box<manifest::ManifestFacts>),
    /// A `go.mod`.
    GoMod {
        /// Its module path, if the file declares one.
        module: Option<String>,
    },
    /// The file could not be read, decoded or parsed at all.
    Unreadable,
    /// A Go file that no build includes (its build constraints cannot be satisfied): it grants
    /// nothing. The text is the constraint.
    NotBuilt {
        /// The constraint no build satisfies.
        constraint: String,
    },
}

/// Something that kept rootlint from analyzing (part of) a file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    /// The file, relative to the analyzed root.
    pub file: String,
    /// Where in it, if the problem has a place.
    pub span: Option<Span>,
    /// What went wrong.
    pub message: String,
}

#[derive(Clone, Debug)]
/// One file's facts and problems: plain data, cached per file by the language server.
pub struct FileFacts {
    /// The file.
    pub file: Arc<SourceFile>,
    /// What it contributes.
    pub facts: Facts,
    /// What kept rootlint from reading all of it.
    pub problems: Vec<Problem>,
    /// For a Go file that some build includes: the import paths of its header, read from its
    /// bytes whatever part of it is parsed (sorted, once each). The edges of the import graph.
    pub imported: Arc<[String]>,
}

/// A discovered file, read and decoded once.
pub(crate) struct Source {
    pub(crate) file: Arc<SourceFile>,
    /// The text, or why it could not be had.
    pub(crate) text: Result<String, Box<Problem>>,
    /// A Go file the framework generates (`intermediate.go`, `client.go`, `mock.go` with
    /// `// Code generated … DO NOT EDIT.`).
    pub(crate) generated: bool,
    /// For a generated file: its struct types that embed the connector, and the literal
    /// hostname it passes to `connector.New` (boxed: most files are not generated).
    connector: Option<Box<(Vec<String>, Option<String>)>>,
    /// Top-level declarations of a hand-written Go file.
    pub(crate) chunks: Box<[triage::Chunk]>,
    /// What the file's build constraints say.
    pub(crate) build: crate::triage::constraints::Verdict,
    /// The import paths of a Go file's header (see [`FileFacts::imported`]).
    pub(crate) imported: Arc<[String]>,
    /// For a Go file of a package that cannot matter (see [`crate::facts::reach`]): the facts its
    /// header gives, which are all it contributes; nothing of it is parsed.
    pub(crate) header_only: Option<Box<go::GoFileFacts>>,
    /// The header could not be read to its end: an import may be missing from `imported`, so
    /// the file is taken to import the framework (fail closed).
    pub(crate) header_malformed: bool,
    /// What demand-driven parsing reads of the chunks once the text is released.
    pub(crate) outline: Option<Box<triage::outline::Outline>>,
    /// The digest of the text, when it was released ([`Source::release_text`]): a later parse
    /// reads the file again and refuses it if it changed.
    released: Option<u64>,
    /// The text is an editor's buffer, not the file on disk: it is never released.
    overlaid: bool,
}

/// Reads and decodes one file. `overlay` replaces the file's content on disk (an editor's
/// unsaved buffer). With `lean`, a hand-written Go file that does not import the framework keeps
/// only its header ([`Source::header_only`]): its text is neither split nor kept until the
/// import graph says whether its package can matter.
pub(crate) fn load(file: &Arc<SourceFile>, overlay: Option<String>, lean: bool) -> Source {
    let problem = |message: String, span: Option<Span>| Problem {
        file: file.rel.clone(),
        span,
        message,
    };
    let overlaid = overlay.is_some();
    let text = match overlay {
        Some(t) => Ok(t),
        None => read_text(&file.path).map_err(|e| match e {
            ReadError::Io(message) => problem(message, None),
            ReadError::NotText(message, span) => problem(message, span),
        }),
    };
    let go = file.kind == FileKind::Go;
    let build = match &text {
        Ok(t) if go => crate::triage::constraints::verdict(file.name(), t),
        _ => crate::triage::constraints::Verdict::Built,
    };
    let not_built = matches!(build, crate::triage::constraints::Verdict::NeverBuilt(_));
    let header = match &text {
        Ok(t) if go && !not_built => crate::triage::header::read(t),
        _ => crate::triage::header::Header::default(),
    };
    let mut paths: Vec<String> = header.imports.iter().map(|(_, p)| p.clone()).collect();
    paths.sort();
    paths.dedup();
    let imported: Arc<[String]> = Arc::from(paths);
    let header_malformed = header.malformed;
    // Only the framework's own generated files are declarations; any other `DO NOT EDIT` file
    // (protobuf, sqlc, a team's own generator) is compiled into the service like hand-written code.
    let generated = go
        && !not_built
        && triage::is_framework_generated_name(file.name())
        && text.as_deref().is_ok_and(triage::is_generated_go);
    let connector = match (&text, generated) {
        (Ok(t), true) => Some(Box::new((
            triage::connector_types(t),
            triage::connector_hostname(t),
        ))),
        _ => None,
    };
    // Generated files and files no build includes are never parsed: their text need not stay.
    let text = if generated || not_built {
        text.map(|_| String::new())
    } else {
        text
    };
    let mut source = Source {
        file: file.clone(),
        text: text.map_err(Box::new),
        generated,
        connector,
        chunks: Box::default(),
        build,
        imported,
        header_malformed,
        header_only: None,
        outline: None,
        released: None,
        overlaid,
    };
    if !source.is_hand_written_go() {
        return source;
    }
    if lean && source.text.is_ok() && !source.imports_framework() {
        source.header_only = Some(header_facts(header));
        source.text = Ok(String::new());
    } else if let Ok(t) = &source.text {
        source.chunks = triage::chunks(t).into_boxed_slice();
    }
    source
}

/// Why a file's text could not be had.
enum ReadError {
    /// The file could not be read.
    Io(String),
    /// Its bytes are not source text, with where that shows.
    NotText(String, Option<Span>),
}

/// A file's bytes (capped at [`crate::discover::MAX_FILE_BYTES`]) decoded as text.
fn read_text(path: &std::path::Path) -> Result<String, ReadError> {
    let bytes = crate::discover::read_capped(path, crate::discover::MAX_FILE_BYTES)
        .map_err(ReadError::Io)?;
    match triage::decode(bytes) {
        Decoded::Text(t) => Ok(t),
        Decoded::Undecodable { reason, span } => Err(ReadError::NotText(reason, span)),
    }
}

/// The facts a header alone gives: the package name and the imports.
fn header_facts(header: crate::triage::header::Header) -> Box<go::GoFileFacts> {
    let mut facts = Box::new(go::GoFileFacts {
        package: header.package.unwrap_or_default(),
        imports: header
            .imports
            .into_iter()
            .map(|(alias, path)| go::GoImport { alias, path })
            .collect(),
        ..Default::default()
    });
    facts.shrink_to_fit();
    facts
}

impl Source {
    /// A hand-written Go file of some build: what [`Source::reduce_to_header`] applies to.
    pub(crate) fn is_hand_written_go(&self) -> bool {
        self.file.kind == FileKind::Go
            && !self.generated
            && !matches!(
                self.build,
                crate::triage::constraints::Verdict::NeverBuilt(_)
            )
    }

    /// Whether the file imports the framework itself (`github.com/microbus-io/…`).
    pub(crate) fn imports_framework(&self) -> bool {
        self.header_malformed
            || self
                .imported
                .iter()
                .any(|p| crate::framework::is_framework(p))
    }

    /// Lets the text go, keeping its digest: a later parse reads the file again
    /// ([`Source::text`]). Demand-driven parsing reads the [`Source::outline`] meanwhile, so that
    /// the texts of a tree are never all held while its facts grow.
    pub(crate) fn release_text(&mut self) {
        if self.overlaid || self.released.is_some() {
            return;
        }
        if let Ok(text) = &mut self.text {
            self.released = Some(digest(text));
            *text = String::new();
        }
    }

    /// The text, read again from disk if it was released; a file that changed since it was
    /// first read is a problem (the analysis would mix two versions of it).
    pub(crate) fn text(&self) -> Result<std::borrow::Cow<'_, str>, Problem> {
        let text = self.text.as_ref().map_err(|p| Problem::clone(p))?;
        let Some(expected) = self.released else {
            return Ok(std::borrow::Cow::Borrowed(text));
        };
        let problem = |message: String| Problem {
            file: self.file.rel.clone(),
            span: None,
            message,
        };
        match read_text(&self.file.path) {
            Ok(t) if digest(&t) == expected => Ok(std::borrow::Cow::Owned(t)),
            // Text when first read: anything else now means it changed.
            Ok(_) | Err(ReadError::NotText(..)) => Err(problem(
                "the file changed while rootlint analyzed it; analyze the tree again".into(),
            )),
            Err(ReadError::Io(e)) => Err(problem(format!("the file could not be read again: {e}"))),
        }
    }

    /// Keeps only what the header of this Go file says (its package and imports) and lets its
    /// text go: the file's package cannot hold or lead to a Microbus call.
    pub(crate) fn reduce_to_header(&mut self) {
        let Ok(text) = &mut self.text else { return };
        self.header_only = Some(header_facts(crate::triage::header::read(text)));
        *text = String::new();
        self.chunks = Box::default();
    }
}

/// A digest of a text, to notice that a file read twice changed in between.
fn digest(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Which parts of a Go file to parse: all of it, or the chunks flagged `true`.
pub(crate) enum Selection<'a> {
    All,
    Chunks(&'a [bool]),
}

/// Extracts the facts of a loaded file.
pub(crate) fn extract(source: &Source, selection: Selection) -> FileFacts {
    let file = &source.file;
    let problem = |message: String, span: Option<Span>| Problem {
        file: file.rel.clone(),
        span,
        message,
    };
    let text = match source.text() {
        Ok(t) => t,
        Err(p) => {
            return FileFacts {
                file: file.clone(),
                facts: Facts::Unreadable,
                problems: vec![p],
                imported: Arc::from([]),
            };
        }
    };
    let text: &str = &text;
    let mut problems = Vec::new();
    if let Some(header) = &source.header_only {
        return FileFacts {
            file: file.clone(),
            facts: Facts::Go(header.clone()),
            problems,
            imported: source.imported.clone(),
        };
    }
    match &source.build {
        crate::triage::constraints::Verdict::NeverBuilt(constraint) => {
            return FileFacts {
                file: file.clone(),
                facts: Facts::NotBuilt {
                    constraint: constraint.clone(),
                },
                problems,
                imported: Arc::from([]),
            };
        }
        crate::triage::constraints::Verdict::Unreadable { line, message } => {
            let lines = crate::span::LineIndex::new(text);
            let start: usize = text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum();
            let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
            problems.push(problem(
                format!(
                    "the build constraint could not be read ({message}); the file is analyzed as if it were built"
                ),
                Some(lines.span(start, end)),
            ))
        }
        crate::triage::constraints::Verdict::Built => {}
    }
    let facts = match file.kind {
        FileKind::GoMod => Facts::GoMod {
            module: gomod::module_path(text),
        },
        FileKind::Manifest => match manifest::parse(text) {
            Ok(mut m) => {
                m.shrink_to_fit();
                if m.hostname.is_none() {
                    problems.push(problem(
                        "the manifest declares no `general.hostname`".into(),
                        None,
                    ));
                }
                Facts::Manifest(Box::new(m))
            }
            Err(e) => {
                problems.push(problem(e.message, e.span));
                Facts::Unreadable
            }
        },
        FileKind::Go if source.generated => Facts::GeneratedGo {
            connector_types: source
                .connector
                .as_ref()
                .map(|c| c.0.clone())
                .unwrap_or_default(),
            hostname: source.connector.as_ref().and_then(|c| c.1.clone()),
        },
        FileKind::Go if text.len() > crate::discover::MAX_PARSE_BYTES => {
            problems.push(problem(
                format!(
                    "the file is {} bytes, more than the {} rootlint parses",
                    text.len(),
                    crate::discover::MAX_PARSE_BYTES
                ),
                None,
            ));
            Facts::Unreadable
        }
        FileKind::Go => match go_facts(text, &source.chunks, selection) {
            None => {
                problems.push(problem("tree-sitter could not parse the file".into(), None));
                Facts::Unreadable
            }
            Some(facts) => {
                if let Some(span) = facts.syntax_error {
                    problems.push(problem(
                        "the file has a Go syntax error; call sites after it may be missed".into(),
                        Some(span),
                    ));
                }
                if let Some(span) = facts.nesting_limit {
                    problems.push(problem(
                        format!(
                            "an expression or type nests deeper than {} levels; rootlint stopped reading it there",
                            go::MAX_NESTING
                        ),
                        Some(span),
                    ));
                }
                Facts::Go(Box::new(facts))
            }
        },
    };
    FileFacts {
        file: file.clone(),
        facts,
        problems,
        imported: source.imported.clone(),
    }
}

/// Parses the selected chunks (the rest blanked out). A file that looks malformed, or whose
/// masked parse has a syntax error, is parsed whole, so that syntax errors are reported exactly
/// as a full parse reports them.
fn go_facts(text: &str, chunks: &[triage::Chunk], selection: Selection) -> Option<go::GoFileFacts> {
    let full = || go::from_source(text);
    let Selection::Chunks(keep) = selection else {
        return full();
    };
    if keep.iter().all(|&k| k) {
        return full();
    }
    let masked_chunks = chunks.iter().zip(keep).filter(|(_, k)| !**k);
    if masked_chunks
        .clone()
        .any(|(c, _)| triage::unbalanced(&text[c.range()]))
    {
        return full();
    }
    let parses_nothing = chunks.iter().zip(keep).all(|(c, &k)| {
        !k || (matches!(c.kind, triage::ChunkKind::Keep) && !text[c.range()].contains("rootlint:"))
    });
    if parses_nothing {
        // Nothing but the package clause, imports and comments: the header says all of it
        // (the imports name the packages the first selection looks for).
        return Some(*header_facts(crate::triage::header::read(text)));
    }
    let (compacted, shifts) = triage::compact(text, chunks, keep);
    let mut facts = go::from_source(&compacted)?;
    if facts.syntax_error.is_some() {
        return full();
    }
    facts.shift_bytes(&|line| triage::shift_of(&shifts, line));
    Some(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source_on_disk(text: &str) -> (tempfile::TempDir, Source) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.go");
        std::fs::write(&path, text).unwrap();
        let file = Arc::new(SourceFile {
            rel: "a.go".into(),
            path,
            kind: FileKind::Go,
        });
        (dir, load(&file, None, false))
    }

    const SRC: &str = "package a\n\nfunc F() { G() }\n";

    #[test]
    fn a_released_text_is_read_again_for_the_parse() {
        let (_dir, mut source) = source_on_disk(SRC);
        source.release_text();
        assert_eq!(source.text.as_deref().ok(), Some(""));
        assert_eq!(source.text().unwrap(), SRC);
        let facts = extract(&source, Selection::All);
        assert!(facts.problems.is_empty(), "{:?}", facts.problems);
        assert!(matches!(&facts.facts, Facts::Go(g) if g.functions.len() == 1));
    }

    #[test]
    fn a_file_changed_after_its_first_read_is_refused() {
        let (_dir, mut source) = source_on_disk(SRC);
        source.release_text();
        std::fs::write(&source.file.path, "package a\n\nfunc F() { H() }\n").unwrap();
        let facts = extract(&source, Selection::All);
        assert!(matches!(facts.facts, Facts::Unreadable));
        assert!(
            facts.problems[0]
                .message
                .contains("changed while rootlint analyzed it")
        );
        std::fs::remove_file(&source.file.path).unwrap();
        let facts = extract(&source, Selection::All);
        assert!(
            facts.problems[0]
                .message
                .contains("could not be read again")
        );
    }

    #[test]
    fn an_editor_buffer_is_never_released() {
        let (_dir, file) = source_on_disk("package a\n");
        let mut source = load(&file.file, Some(SRC.into()), false);
        source.release_text();
        assert_eq!(source.text().unwrap(), SRC);
    }
}
