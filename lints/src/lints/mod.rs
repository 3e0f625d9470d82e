//! One file per lint.

pub mod analysis_incomplete;
pub mod duplicate_service_hostname;
pub mod dynamic_subject_construction;
pub mod dynamic_trust_root_host;
pub mod gencreds_blind_spot;
pub mod invalid_required_claims;
pub mod invalid_subject_token;
pub mod manifest_definition_drift;
pub mod missing_required_claims;
pub mod shell_service_deployed;
pub mod stale_baseline_entry;
pub mod suppression_without_reason;
pub mod trivial_required_claims;
pub mod trust_root_bundled;
pub mod trust_root_call_without_identity;
pub mod trust_root_port_mismatch;
pub mod unresolved_bundle_member;
pub mod unresolved_call_target;
pub mod unresolved_trust_root_target;
pub mod unreviewed_trust_root_grant;
pub mod unused_suppression;

use crate::Lint;

/// Lints that read the grants (built after suppressions are known), run after the others.
pub static ON_GRANTS: &[&Lint] = &[
    &unreviewed_trust_root_grant::UNREVIEWED_TRUST_ROOT_GRANT,
    &stale_baseline_entry::STALE_BASELINE_ENTRY,
];

pub static ALL: &[&Lint] = &[
    &analysis_incomplete::ANALYSIS_INCOMPLETE,
    &dynamic_trust_root_host::DYNAMIC_TRUST_ROOT_HOST,
    &unresolved_trust_root_target::UNRESOLVED_TRUST_ROOT_TARGET,
    &unresolved_call_target::UNRESOLVED_CALL_TARGET,
    &trust_root_call_without_identity::TRUST_ROOT_CALL_WITHOUT_IDENTITY,
    &duplicate_service_hostname::DUPLICATE_SERVICE_HOSTNAME,
    &trust_root_port_mismatch::TRUST_ROOT_PORT_MISMATCH,
    &invalid_required_claims::INVALID_REQUIRED_CLAIMS,
    &invalid_subject_token::INVALID_SUBJECT_TOKEN,
    &manifest_definition_drift::MANIFEST_DEFINITION_DRIFT,
    &dynamic_subject_construction::DYNAMIC_SUBJECT_CONSTRUCTION,
    &missing_required_claims::MISSING_REQUIRED_CLAIMS,
    &gencreds_blind_spot::GENCREDS_BLIND_SPOT,
    &trivial_required_claims::TRIVIAL_REQUIRED_CLAIMS,
    &trust_root_bundled::TRUST_ROOT_BUNDLED,
    &unresolved_bundle_member::UNRESOLVED_BUNDLE_MEMBER,
    &shell_service_deployed::SHELL_SERVICE_DEPLOYED,
    &unreviewed_trust_root_grant::UNREVIEWED_TRUST_ROOT_GRANT,
    &stale_baseline_entry::STALE_BASELINE_ENTRY,
    &suppression_without_reason::SUPPRESSION_WITHOUT_REASON,
    &unused_suppression::UNUSED_SUPPRESSION,
];

use rootlint_analyzer::callsites::{CallSite, Shape};

/// How a call site names its target, for messages: `accesstokenapi.Mint`, or the raw call.
pub(crate) fn describe_call(site: &CallSite) -> String {
    match &site.shape {
        Shape::Typed {
            api_package,
            method,
            ..
        } => {
            format!(
                "{}.{method}",
                rootlint_analyzer::facts::go::default_package_name(api_package)
            )
        }
        Shape::Raw { publish: true } => "this Publish".to_string(),
        Shape::Raw { publish: false } => "this Request".to_string(),
    }
}
