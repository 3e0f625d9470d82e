package vaultapi

import "github.com/microbus-io/fabric/define"

const Hostname = "vault.app"

var Unseal = define.Function{Host: Hostname, Method: "POST", Route: ":666/unseal", RequiredClaims: "roles.admin"}
