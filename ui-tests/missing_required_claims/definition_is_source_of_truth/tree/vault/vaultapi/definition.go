// Package vaultapi is the vault's source of truth; manifest.yaml is generated from it, so the
// findings about these declarations, and their fixes, are here.
package vaultapi

import "github.com/microbus-io/fabric/define"

const Hostname = "vault.truth"

var Unseal = define.Function{ // want: warn missing_required_claims
	Host:   Hostname,
	Method: "POST",
	Route:  ":666/unseal",
}

//rootlint:ignore missing_required_claims rekeying is driven by the HSM's own operator quorum
var Rekey = define.Function{Host: Hostname, Method: "POST", Route: ":666/rekey"} // want: warn missing_required_claims suppressed

var Wipe = define.Function{Host: Hostname, Method: "POST", Route: ":666/wipe", RequiredClaims: "roles.a & roles.b"} // want: deny invalid_required_claims
