//! One file per lint. Written by `cargo xtask update-lints` from the declarations: do not edit.

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

/// Every lint: correctness first, then by name.
pub static ALL: &[&Lint] = &[
    &analysis_incomplete::ANALYSIS_INCOMPLETE,
    &duplicate_service_hostname::DUPLICATE_SERVICE_HOSTNAME,
    &dynamic_trust_root_host::DYNAMIC_TRUST_ROOT_HOST,
    &invalid_required_claims::INVALID_REQUIRED_CLAIMS,
    &invalid_subject_token::INVALID_SUBJECT_TOKEN,
    &manifest_definition_drift::MANIFEST_DEFINITION_DRIFT,
    &suppression_without_reason::SUPPRESSION_WITHOUT_REASON,
    &trust_root_call_without_identity::TRUST_ROOT_CALL_WITHOUT_IDENTITY,
    &trust_root_port_mismatch::TRUST_ROOT_PORT_MISMATCH,
    &unresolved_bundle_member::UNRESOLVED_BUNDLE_MEMBER,
    &unresolved_call_target::UNRESOLVED_CALL_TARGET,
    &unresolved_trust_root_target::UNRESOLVED_TRUST_ROOT_TARGET,
    &unreviewed_trust_root_grant::UNREVIEWED_TRUST_ROOT_GRANT,
    &dynamic_subject_construction::DYNAMIC_SUBJECT_CONSTRUCTION,
    &gencreds_blind_spot::GENCREDS_BLIND_SPOT,
    &missing_required_claims::MISSING_REQUIRED_CLAIMS,
    &shell_service_deployed::SHELL_SERVICE_DEPLOYED,
    &stale_baseline_entry::STALE_BASELINE_ENTRY,
    &trivial_required_claims::TRIVIAL_REQUIRED_CLAIMS,
    &trust_root_bundled::TRUST_ROOT_BUNDLED,
    &unused_suppression::UNUSED_SUPPRESSION,
];
