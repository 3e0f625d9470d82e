//! The one diagnostic type every lint produces and every renderer (human, JSON, SARIF, GitHub,
//! LSP) consumes.

use serde::Serialize;

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
/// How a lint's finding is treated: its level, set by the lint's category, configuration and the command line.
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported; the CI gate passes.
    Warn,
    /// Reported; the CI gate fails.
    Deny,
}

impl Level {
    /// `allow`, `warn` or `deny`.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }

    /// The level's name, as [`Level::parse`] reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
/// One finding: the type every renderer (human, JSON, SARIF, GitHub, the language server) reads.
pub struct Diagnostic {
    /// The lint's name.
    pub lint: &'static str,
    /// The effective level.
    pub level: Level,
    /// One line, lower-case start, no final period (clippy's message convention).
    pub message: String,
    /// Path relative to the analyzed root, `/`-separated.
    pub file: String,
    /// Where the finding points.
    pub span: Span,
    /// A short label for the primary span.
    pub label: Option<String>,
    /// Further lines: evidence, the reason a value is unknown, how to fix.
    pub notes: Vec<String>,
    /// The reason from a suppression comment, when one silences this finding.
    pub suppressed: Option<String>,
}

impl Diagnostic {
    /// A finding at `warn`, without label or notes; the lint engine sets the level.
    pub fn new(
        lint: &'static str,
        file: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            lint,
            level: Level::Warn,
            message: message.into(),
            file: file.into(),
            span,
            label: None,
            notes: Vec::new(),
            suppressed: None,
        }
    }

    /// Adds the label (the "why" shown under the span).
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The order every output uses: file, position, lint, message.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.file,
            self.span.start_line,
            self.span.start_column,
            self.lint,
            &self.message,
        )
    }
}

/// Sorts findings in output order ([`Diagnostic::sort_key`]).
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
