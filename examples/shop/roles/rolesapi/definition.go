package rolesapi

import "github.com/microbus-io/fabric/define"

// Hostname is the default hostname of the microservice.
const Hostname = "roles.shop"

// GrantRole adds a role to an actor.
var GrantRole = define.Function{ // MARKER: GrantRole
	Host:           Hostname,
	Method:         "POST",
	Route:          ":666/grant-role",
	RequiredClaims: `roles.admin`,
	In:             GrantRoleIn{},
	Out:            GrantRoleOut{},
}

// RevokeRole removes a role from an actor.
var RevokeRole = define.Function{ // MARKER: RevokeRole // want: warn missing_required_claims
	Host:   Hostname,
	Method: "POST",
	Route:  ":666/revoke-role",
	In:     RevokeRoleIn{},
	Out:    RevokeRoleOut{},
}

// ListRoles lists the roles of an actor.
var ListRoles = define.Function{ // MARKER: ListRoles
	Host:           Hostname,
	Method:         "GET",
	Route:          "/roles/{actorID}",
	RequiredClaims: `roles.user || roles.auditor`,
	In:             ListRolesIn{},
	Out:            ListRolesOut{},
}

type GrantRoleIn struct {
	ActorID string `json:"actorID"`
	Role    string `json:"role"`
}

type GrantRoleOut struct {
	OK bool `json:"ok"`
}

type RevokeRoleIn struct {
	ActorID string `json:"actorID"`
	Role    string `json:"role"`
}

type RevokeRoleOut struct {
	OK bool `json:"ok"`
}

type ListRolesIn struct {
	ActorID string `json:"actorID"`
}

type ListRolesOut struct {
	Roles []string `json:"roles"`
}
