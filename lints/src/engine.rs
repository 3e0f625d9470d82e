//! Runs the lints over an analysis, applies levels and suppressions, and builds the grants.
//! Shared by the CLI and the language server.
//!
//! Three phases, each lint declaring its own ([`Phase`]), because some lints read what earlier
//! ones produced: the lints over facts; then, with suppressions applied and the grants built (a
//! suppressed `dynamic_trust_root_host` justifies a wildcard grant), the lints over grants (the
//! baseline); last the lints over every other finding (`unused_suppression`).

use std::collections::BTreeMap;

use rootlint_analyzer::Analysis;
use rootlint_analyzer::diagnostic::{self, Diagnostic, Level};
use rootlint_analyzer::grants::{self, Grants};

use crate::baseline::Baseline;
use crate::lints::duplicate_service_hostname::DUPLICATE_SERVICE_HOSTNAME;
use crate::lints::dynamic_trust_root_host::DYNAMIC_TRUST_ROOT_HOST;
use crate::names::Selector;
use crate::suppression::Suppression;
use crate::{Lint, LintContext, LintSettings, Phase};

#[derive(Clone, Debug, Default)]
/// How the lints are run: levels from configuration and the command line, lint settings, the baseline.
pub struct Settings {
    /// Level overrides by lint name (configuration, then command line).
    pub levels: BTreeMap<&'static str, Level>,
    /// Level overrides by category (`-A suspicious`): a lint's own setting wins over its
    /// category's, wherever each was given (as clippy's lint priorities do).
    pub categories: BTreeMap<&'static str, Level>,
    /// `-D warnings` / `-A warnings`: what a finding at the warn level becomes, once the other
    /// settings are applied.
    pub warnings: Option<Level>,
    /// What the lints themselves read.
    pub lint: LintSettings,
    /// The reviewed surface, if `--baseline` was given.
    pub baseline: Option<Baseline>,
}

impl Settings {
    /// Records a level for what a name selects; a later setting of the same selector wins.
    pub fn set(&mut self, selector: Selector, level: Level) {
        match selector {
            Selector::Lint(lint) => {
                self.levels.insert(lint.name, level);
            }
            Selector::Category(category) => {
                self.categories.insert(category.as_str(), level);
            }
            Selector::Warnings => self.warnings = Some(level),
        }
    }

    /// The effective level of `lint`.
    pub fn level_of(&self, lint: &Lint) -> Level {
        let level = self
            .levels
            .get(lint.name)
            .or_else(|| self.categories.get(lint.category.as_str()))
            .copied()
            .unwrap_or(lint.default_level());
        match self.warnings {
            Some(warnings) if level == Level::Warn => warnings,
            _ => level,
        }
    }
}

/// What a check produced: the findings and the grants.
pub struct Outcome {
    /// Every finding at its effective level, sorted; suppressed ones carry their reason.
    pub diagnostics: Vec<Diagnostic>,
    /// The grants, after suppressions that justify broad grants.
    pub grants: Grants,
}

/// Runs every lint over an analysis, in phase order, applies suppressions and levels, and builds the grants.
pub fn check(analysis: &Analysis, settings: &Settings) -> Outcome {
    use rayon::prelude::*;
    let suppressions = crate::suppression::collect(analysis);
    let run = |lint: &Lint, findings: &[Diagnostic], grants: Option<&Grants>| -> Vec<Diagnostic> {
        let level = settings.level_of(lint);
        if level == Level::Allow {
            return Vec::new();
        }
        let cx = LintContext {
            analysis,
            settings: &settings.lint,
            findings,
            grants,
            baseline: settings.baseline.as_ref(),
            suppressions: &suppressions,
        };
        let mut found = (lint.check)(&cx);
        for d in &mut found {
            d.level = level;
        }
        found
    };
    let in_phase = |phase: Phase| crate::all().iter().filter(move |l| l.phase == phase);

    let mut out: Vec<Diagnostic> = crate::all()
        .par_iter()
        .filter(|l| l.phase == Phase::Facts)
        .flat_map_iter(|lint| run(lint, &[], None))
        .collect();
    apply(&suppressions, &mut out);

    let justified = out
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
    let mut grants = grants::build(analysis, &justified);
    withhold_contested(analysis, &out, &mut grants);

    let mut on_grants: Vec<Diagnostic> = in_phase(Phase::Grants)
        .flat_map(|l| run(l, &[], Some(&grants)))
        .collect();
    apply(&suppressions, &mut on_grants);
    out.extend(on_grants);
    let last: Vec<Diagnostic> = in_phase(Phase::Findings)
        .flat_map(|l| run(l, &out, Some(&grants)))
        .collect();
    out.extend(last);
    diagnostic::sort(&mut out);
    out.dedup();
    Outcome {
        diagnostics: out,
        grants,
    }
}

/// A hostname that several folders claim, without a recorded reason: rootlint cannot tell which
/// one owns its :666 endpoints, so none of them gets their subscriptions, and the grants are
/// incomplete (a pipeline that deploys anyway would otherwise hand them to an impostor).
fn withhold_contested(analysis: &Analysis, findings: &[Diagnostic], grants: &mut Grants) {
    let ws = &analysis.workspace;
    let contested: std::collections::BTreeSet<&str> = ws
        .services
        .iter()
        .filter(|s| {
            let (file, span) = (
                &ws.files[s.declared_in].file.rel,
                crate::lints::duplicate_service_hostname::claim_span(s),
            );
            findings.iter().any(|d| {
                d.lint == DUPLICATE_SERVICE_HOSTNAME.name
                    && d.suppressed.is_none()
                    && &d.file == file
                    && d.span == span
            })
        })
        .map(|s| s.hostname.as_str())
        .collect();
    for service in &mut grants.services {
        if contested.contains(service.hostname.as_str()) {
            service.subscribe.clear();
            grants.complete = false;
        }
    }
}

fn apply(suppressions: &[Suppression], diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if let Some(s) = suppressions
            .iter()
            .find(|s| s.covers(d.lint, &d.file, d.span.start_line))
        {
            d.suppressed = s.reason.clone();
        }
    }
}
