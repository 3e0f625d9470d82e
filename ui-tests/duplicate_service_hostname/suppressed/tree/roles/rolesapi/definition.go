package rolesapi

import "github.com/microbus-io/fabric/define"

// Hostname is the identity of the roles service.
//
//rootlint:ignore duplicate_service_hostname roles/v2 is deployed beside v1 during the migration (SEC-88)
const Hostname = "roles.shop" // want: deny duplicate_service_hostname suppressed

var GrantRole = define.Function{Host: Hostname, Method: "POST", Route: ":666/grant-role", RequiredClaims: `roles.admin`}
