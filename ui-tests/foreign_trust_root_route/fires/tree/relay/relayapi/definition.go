// Package relayapi declares its endpoints on another service's host.
package relayapi

import "github.com/microbus-io/fabric/define"

// Hostname is the relay's own host.
const Hostname = "relay.app"

// Forward is routed to the roles service's trust root.
var Forward = define.Function{Host: Hostname, Method: "POST", Route: "//roles.app:666/{rest...}", RequiredClaims: "roles.admin"} // want: deny foreign_trust_root_route

// Ping mentions the access token service's host on :443.
var Ping = define.Function{Host: "access.token.core", Method: "GET", Route: ":443/ping"}
