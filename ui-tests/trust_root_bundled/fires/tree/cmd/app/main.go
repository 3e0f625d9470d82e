package main

import (
	"github.com/microbus-io/fabric/application"
	"github.com/microbus-io/fabric/coreservices/accesstoken"
	"example.com/app/roles"
	"example.com/app/orders"
)

func main() {
	app := application.New()
	app.Add(accesstoken.NewService(), orders.NewService()) // want: warn trust_root_bundled
	app.Add(roles.NewService()) // want: warn trust_root_bundled
	app.Run()
}
