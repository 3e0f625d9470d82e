package main

import (
	"github.com/microbus-io/fabric/application"
	"example.com/app/roles"
	"example.com/app/orders"
)

func main() {
	app := application.New()
	//rootlint:ignore trust_root_bundled single-tenant edge box, one process by design (SEC-90)
	app.Add(roles.NewService(), orders.NewService()) // want: warn trust_root_bundled suppressed
	app.Run()
}
