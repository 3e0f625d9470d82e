//! Runs the lints over an analysis, applies levels and suppressions. Shared by the CLI and the
//! language server.

use std::collections::BTreeMap;

use rootlint_analyzer::Analysis;
use rootlint_analyzer::diagnostic::{self, Diagnostic, Level};
use rootlint_analyzer::grants::Justified;

use crate::lints::dynamic_trust_root_host::DYNAMIC_TRUST_ROOT_HOST;
use crate::lints::unused_suppression::UNUSED_SUPPRESSION;
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

pub struct Outcome {
    /// Every finding at its effective level, sorted; suppressed ones carry their reason.
    pub diagnostics: Vec<Diagnostic>,
    /// Call sites whose dynamic :666 host a suppression justified, with the reason.
    pub justified_wildcards: Justified,
}

pub fn check(analysis: &Analysis, settings: &Settings) -> Outcome {
    use rayon::prelude::*;
    let run = |lint: &crate::Lint, findings: &[Diagnostic]| -> Vec<Diagnostic> {
        let level = settings.level_of(lint);
        if level == Level::Allow {
            return Vec::new();
        }
        let cx = LintContext {
            analysis,
            settings: &settings.lint,
            findings,
        };
        let mut found = (lint.check)(&cx);
        for d in &mut found {
            d.level = level;
        }
        found
    };
    let mut out: Vec<Diagnostic> = crate::all()
        .par_iter()
        .filter(|l| l.name != UNUSED_SUPPRESSION.name)
        .flat_map_iter(|lint| run(lint, &[]))
        .collect();
    let suppressions = crate::suppression::collect(analysis);
    for d in &mut out {
        if let Some(s) = suppressions
            .iter()
            .find(|s| s.covers(d.lint, &d.file, d.span.start_line))
        {
            d.suppressed = s.reason.clone();
        }
    }
    let unused = run(&UNUSED_SUPPRESSION, &out);
    out.extend(unused);
    diagnostic::sort(&mut out);
    out.dedup();
    let justified_wildcards = out
        .iter()
        .filter(|d| d.lint == DYNAMIC_TRUST_ROOT_HOST.name)
        .filter_map(|d| {
            let reason = d.suppressed.clone()?;
            let site = analysis
                .call_sites
                .iter()
                .position(|s| s.file == d.file && s.span == d.span)?;
            Some((site, reason))
        })
        .collect();
    Outcome {
        diagnostics: out,
        justified_wildcards,
    }
}
