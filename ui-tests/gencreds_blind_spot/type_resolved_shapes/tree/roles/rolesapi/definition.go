package rolesapi

import "github.com/microbus-io/fabric/define"

const Hostname = "roles.app"

var Grant = define.Function{Host: Hostname, Method: "POST", Route: ":666/grant", RequiredClaims: "roles.admin"}
var Revoke = define.Function{Host: Hostname, Method: "POST", Route: ":666/revoke", RequiredClaims: "roles.admin"}
var Audit = define.Function{Host: Hostname, Method: "POST", Route: ":666/audit", RequiredClaims: "roles.admin"}
