// The audit trust root, alone in its process.
package main

import (
	"github.com/microbus-io/fabric/application"

	"example.com/shop/audit"
)

func main() {
	app := application.New()
	app.Add(audit.NewService())
	app.Run()
}
