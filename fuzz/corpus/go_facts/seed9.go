// The application bundle of the shop's business services. The trust roots run in their own
// bundles under cmd/, as the trust-root tier recommends.
package main

import (
	"github.com/microbus-io/fabric/application"

	"example.com/shop/admin"
	"example.com/shop/billing"
	"example.com/shop/federation"
	"example.com/shop/login"
	"example.com/shop/reports"
)

func main() {
	app := application.New()
	app.Add(
		admin.NewService(),
		billing.NewService(),
		federation.NewService(),
		login.NewService(),
		reports.NewService(),
	)
	app.Run()
}
