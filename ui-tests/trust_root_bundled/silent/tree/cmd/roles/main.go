package main

import (
	"github.com/microbus-io/fabric/application"
	"example.com/app/roles"
)

func main() {
	app := application.New()
	app.Add(roles.NewService())
	app.Run()
}
