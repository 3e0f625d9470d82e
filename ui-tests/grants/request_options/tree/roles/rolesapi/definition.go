package rolesapi

import "github.com/microbus-io/fabric/define"

const Hostname = "roles.app"

var Grant = define.Function{Host: Hostname, Method: "POST", Route: ":666/grant/{actor}", RequiredClaims: `roles.admin`}

var Wipe = define.Function{Host: Hostname, Route: ":666/wipe/{path...}", RequiredClaims: `roles.admin`}
