// The 2026 example bundle's shapes: token services configured with .Init(…), several to one
// app.Add and in several app.Add calls, and services held in variables, a slice and a helper.
package main

import (
	"github.com/microbus-io/fabric/application"
	"github.com/microbus-io/fabric/coreservices/accesstoken"
	"github.com/microbus-io/fabric/coreservices/bearertoken"

	"example.com/bundle/billing"
	"example.com/bundle/orders"
	"example.com/bundle/roles"
	"example.com/bundle/shipping"
)

func newRoles() *roles.Service {
	return roles.NewService()
}

func main() {
	app := application.New()
	app.Add(
		accesstoken.NewService().Init(func(svc *accesstoken.Service) (err error) { // want: warn trust_root_bundled
			return nil
		}),
		bearertoken.NewService().Init(func(svc *bearertoken.Service) (err error) { // want: warn trust_root_bundled
			return nil
		}),
	)
	o := orders.NewService()
	app.Add(o, newRoles())
	more := []application.Service{billing.NewService(), shipping.NewService()}
	app.Add(more...)
	app.Run()
}
