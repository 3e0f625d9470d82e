package vaultapi

import "github.com/microbus-io/fabric/define"

const Hostname = "vault.app"

var Unseal = define.Function{ // want: warn missing_required_claims
	Host:   Hostname,
	Method: "POST",
	Route:  ":666/unseal",
}
