// The roles trust root, alone in its process.
package main

import (
	"github.com/microbus-io/fabric/application"

	"example.com/shop/roles"
)

func main() {
	app := application.New()
	app.Add(roles.NewService())
	app.Run()
}
