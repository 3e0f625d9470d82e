package rolesapi

import "github.com/microbus-io/fabric/define"

const Hostname = "roles.app"

var Grant = define.Function{
	Host:		   Hostname,
	Method:		 "POST",
	Route:		  ":666/grant",
	RequiredClaims: `roles.admin`,
}

var List = define.Function{
	Host:		   Hostname,
	Method:		 "GET",
	Route:		  "/list",
	RequiredClaims: `roles.user`,
}

var Review = define.Task{
	Host: Hostname, Method: "POST", Route: ":428/review",
}

var Approval = define.Workflow{
	Host: Hostname, Method: "GET", Route: ":428/approval",
}
