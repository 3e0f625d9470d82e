package auditapi

import "github.com/microbus-io/fabric/define"

// Hostname claims the roles service's identity too (the 2026 layout, no manifest), in
// another case: hostnames are case-insensitive.
const Hostname = "Roles.Shop" // want: deny duplicate_service_hostname

var Record = define.Function{Host: Hostname, Method: "POST", Route: "/record"}
