package caller

import "github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"

// minter is built once and shared by the service's handlers.
var minter = accesstokenapi.NewClient(nil)
