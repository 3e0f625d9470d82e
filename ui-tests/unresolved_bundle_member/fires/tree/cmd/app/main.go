package main

import (
	"github.com/microbus-io/fabric/application"
	"github.com/microbus-io/fabric/coreservices/accesstoken"
	"github.com/microbus-io/fabric/service"

	"example.com/bundle/helper"
	"example.com/bundle/orders"
)

// makeService hides which service it makes behind an interface.
func makeService(name string) service.Service {
	return orders.NewService()
}

func main() {
	app := application.New()
	app.Add(accesstoken.NewService(), makeService("orders")) // want: deny unresolved_bundle_member
	var extra []application.Service
	extra = append(extra, orders.NewService())
	app.Add(extra...) // want: deny unresolved_bundle_member
	// AddAndStartup adds services as Add does; a NewService of a package that is no service
	// proves nothing by its name.
	_ = app.AddAndStartup(helper.NewService()) // want: deny unresolved_bundle_member
	app.Run()
}
