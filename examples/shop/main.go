package main

import (
	"github.com/microbus-io/fabric/application"
	"github.com/microbus-io/fabric/coreservices/accesstoken"
	"github.com/microbus-io/fabric/coreservices/bearertoken"

	"example.com/shop/admin"
	"example.com/shop/billing"
	"example.com/shop/federation"
	"example.com/shop/login"
	"example.com/shop/reports"
	"example.com/shop/roles"
)

func main() {
	app := application.New()
	app.Add(
		accesstoken.NewService(),
		bearertoken.NewService(),
	)
	app.Add(
		roles.NewService(),
	)
	app.Add(
		admin.NewService(),
		billing.NewService(),
		federation.NewService(),
		login.NewService(),
		reports.NewService(),
	)
	app.Run()
}
