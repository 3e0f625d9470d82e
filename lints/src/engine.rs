//! Runs the lints over an analysis and applies levels. Shared by the CLI and the language server.

use std::collections::BTreeMap;

use rootlint_analyzer::Analysis;
use rootlint_analyzer::diagnostic::{self, Diagnostic, Level};

use crate::{LintContext, LintSettings};

#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Level overrides by lint name (configuration, then command line).
    pub levels: BTreeMap<String, Level>,
    /// `-D warnings`: every warning becomes an error.
    pub deny_warnings: bool,
    pub lint: LintSettings,
}

impl Settings {
    pub fn level_of(&self, lint: &crate::Lint) -> Level {
        let level = self
            .levels
            .get(lint.name)
            .copied()
            .unwrap_or(lint.default_level());
        if self.deny_warnings && level == Level::Warn {
            Level::Deny
        } else {
            level
        }
    }
}

/// Every finding at its effective level, sorted; `allow`ed lints are not run.
pub fn check(analysis: &Analysis, settings: &Settings) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let cx = LintContext {
        analysis,
        settings: &settings.lint,
    };
    let mut out: Vec<Diagnostic> = crate::all()
        .par_iter()
        .filter_map(|lint| {
            let level = settings.level_of(lint);
            (level != Level::Allow).then(|| {
                let mut found = (lint.check)(&cx);
                for d in &mut found {
                    d.level = level;
                }
                found
            })
        })
        .flatten()
        .collect();
    diagnostic::sort(&mut out);
    out.dedup();
    out
}
