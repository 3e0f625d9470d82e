package vaultapi

import "github.com/microbus-io/fabric/define"

const Hostname = "vault.modern"

var Unseal = define.Function{Host: Hostname, Method: "POST", Route: ":666/unseal", RequiredClaims: "roles.admin"}

var Rekey = define.Function{Host: Hostname, Method: "POST", Route: ":666/rekey", RequiredClaims: "roles.admin"}

var Wipe = define.Function{Host: Hostname, Method: "POST", Route: ":666/wipe", RequiredClaims: "roles.admin"}
