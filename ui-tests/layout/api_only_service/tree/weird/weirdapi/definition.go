// Package weirdapi is the only Go code of its service folder, weird/: its Hostname still names
// the service there, which owns the :666 endpoint (a SUB rule), and caller's request is granted.
package weirdapi

import "github.com/microbus-io/fabric/define"

// Hostname is the identity of the service in weird/.
const Hostname = "weird.app"

// Grant is a trust-root endpoint.
var Grant = define.Function{Host: Hostname, Method: "POST", Route: ":666/grant", RequiredClaims: "roles.admin"}
