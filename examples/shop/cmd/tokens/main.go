// Both token issuers in one process: a compromise of either reaches the other's signing keys.
package main

import (
	"github.com/microbus-io/fabric/application"
	"github.com/microbus-io/fabric/coreservices/accesstoken"
	"github.com/microbus-io/fabric/coreservices/bearertoken"
)

func main() {
	app := application.New()
	app.Add(accesstoken.NewService(), bearertoken.NewService()) // want: warn trust_root_bundled, warn trust_root_bundled
	app.Run()
}
