package hsmapi

import "github.com/microbus-io/fabric/define"

const Hostname = "hsm.app"

var Decrypt = define.Function{Host: Hostname, Method: "POST", Route: ":666/decrypt", RequiredClaims: "roles.admin"}
