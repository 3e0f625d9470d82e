package rolesapi

import "github.com/microbus-io/fabric/define"

// Hostname is the identity of the roles service.
const Hostname = "roles.shop" // want: deny duplicate_service_hostname

var GrantRole = define.Function{Host: Hostname, Method: "POST", Route: ":666/grant-role", RequiredClaims: `roles.admin`}
