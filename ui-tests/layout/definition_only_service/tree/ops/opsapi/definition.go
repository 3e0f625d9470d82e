// Package opsapi is the source of truth of the ops service (2026): no manifest.yaml is
// committed, genservice writes it at build time.
package opsapi

// Hostname is the default hostname of the microservice.
const Hostname = "ops.y2026"
