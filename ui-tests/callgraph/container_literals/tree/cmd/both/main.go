package main

import (
	"github.com/microbus-io/fabric/application"

	"example.com/app/x"
	"example.com/app/y"
)

// Both services in one binary: the tables meet in one program, and still stay apart.
func main() {
	app := application.New()
	app.Add(x.NewService(), y.NewService())
	app.Run()
}
