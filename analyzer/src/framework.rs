//! The framework's own import paths: what makes a Go package able to hold a Microbus call.

/// The import path prefix of the framework.
const FRAMEWORK: &str = "github.com/microbus-io/";

/// The framework's packages a Microbus call is made with, by the end of their path: a fork or
/// a vendored copy under another module path keeps them.
const FRAMEWORK_PACKAGES: &[&str] = &[
    "fabric/pub",
    "fabric/connector",
    "fabric/service",
    "fabric/define",
    "fabric/application",
    "fabric/sub",
];

/// Whether an import path is the framework's (or a copy of it under another module path).
pub(crate) fn is_framework(path: &str) -> bool {
    path.starts_with(FRAMEWORK)
        || FRAMEWORK_PACKAGES
            .iter()
            .any(|p| path == *p || path.ends_with(&format!("/{p}")))
}

/// Whether an import path is the framework's `application` package (or a fork's copy), not
/// any package that happens to be named `application`.
pub(crate) fn is_application_package(path: &str) -> bool {
    path == "github.com/microbus-io/fabric/application" || path.ends_with("/fabric/application")
}

/// The import path prefix of the framework's own services (the built-in trust roots).
const CORE_SERVICES: &str = "github.com/microbus-io/fabric/coreservices/";

/// Whether an import path is one of the framework's own services or their api packages.
pub(crate) fn is_core_service(path: &str) -> bool {
    path.starts_with(CORE_SERVICES)
}
