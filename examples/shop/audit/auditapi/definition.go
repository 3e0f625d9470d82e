// Package auditapi is the audit service's source of truth in the 2026 layout. The service
// commits no manifest.yaml: genservice writes it at build time, and rootlint takes the
// service's identity from Hostname below.
package auditapi

import "github.com/microbus-io/fabric/define"

// Hostname is the default hostname of the microservice.
const Hostname = "audit.shop"

// Purge erases the audit trail of an actor. It acts on behalf of an administrator who is also
// an auditor, so both claims are required on top of the :666 ACL.
var Purge = define.Function{ // MARKER: Purge
	Host:           Hostname,
	Method:         "POST",
	Route:          ":666/purge",
	RequiredClaims: `roles.admin && roles.auditor`,
	In:             PurgeIn{},
	Out:            PurgeOut{},
}

type PurgeIn struct {
	ActorID string `json:"actorID"`
}

type PurgeOut struct {
	Erased int `json:"erased"`
}
