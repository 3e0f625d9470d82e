//! One file per lint. Written by `cargo xtask update-lints` from the declarations: do not edit.

/// `analysis_incomplete`: a file could not be read, decoded or parsed, so its call sites are unknown.
pub mod analysis_incomplete;
/// `duplicate_service_hostname`: more than one service folder claims the same hostname.
pub mod duplicate_service_hostname;
/// `dynamic_subject_construction`: a raw request's URL is not static, so its port and trust tier are unknown.
pub mod dynamic_subject_construction;
/// `dynamic_trust_root_host`: a :666 call whose destination host is not static would need a wildcard grant.
pub mod dynamic_trust_root_host;
/// `foreign_trust_root_route`: a :666 route on a host its service does not own gets no subscription.
pub mod foreign_trust_root_route;
/// `gencreds_blind_spot`: gencreds alone would not grant this :666 call; the broker would reject it.
pub mod gencreds_blind_spot;
/// `invalid_required_claims`: a `requiredClaims` expression is not valid boolean-expression syntax.
pub mod invalid_required_claims;
/// `invalid_subject_token`: a hostname or method that cannot be a NATS subject token would reach a :666 rule.
pub mod invalid_subject_token;
/// `manifest_definition_drift`: manifest.yaml and definition.go disagree on an endpoint.
pub mod manifest_definition_drift;
/// `missing_required_claims`: a :666 endpoint is declared without `requiredClaims`.
pub mod missing_required_claims;
/// `shell_service_deployed`: `shell.core` is deployed; say why with a suppression.
pub mod shell_service_deployed;
/// `stale_baseline_entry`: a baseline entry matches no :666 grant any more.
pub mod stale_baseline_entry;
/// `suppression_without_reason`: a suppression comment gives no reason, so it suppresses nothing.
pub mod suppression_without_reason;
/// `trivial_required_claims`: a `requiredClaims` expression reads no claim, so it gates nothing.
pub mod trivial_required_claims;
/// `trust_root_bundled`: a service owning a :666 endpoint shares its process with other services.
pub mod trust_root_bundled;
/// `trust_root_call_without_identity`: a :666 call in a package that no service compiles in.
pub mod trust_root_call_without_identity;
/// `trust_root_port_mismatch`: a call and the endpoint it names disagree on whether it is on :666.
pub mod trust_root_port_mismatch;
/// `unresolved_bundle_member`: a service added to a bundle could not be identified.
pub mod unresolved_bundle_member;
/// `unresolved_call_target`: a call rootlint could not resolve through types may lead to a :666 call.
pub mod unresolved_call_target;
/// `unresolved_trust_root_target`: a :666 call reaches no declared :666 endpoint.
pub mod unresolved_trust_root_target;
/// `unreviewed_trust_root_grant`: a :666 grant is not in the reviewed baseline.
pub mod unreviewed_trust_root_grant;
/// `unused_suppression`: a suppression comment suppresses nothing.
pub mod unused_suppression;

use crate::Lint;

/// Every lint: correctness first, then by name.
pub static ALL: &[&Lint] = &[
    &analysis_incomplete::ANALYSIS_INCOMPLETE,
    &duplicate_service_hostname::DUPLICATE_SERVICE_HOSTNAME,
    &dynamic_trust_root_host::DYNAMIC_TRUST_ROOT_HOST,
    &foreign_trust_root_route::FOREIGN_TRUST_ROOT_ROUTE,
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
