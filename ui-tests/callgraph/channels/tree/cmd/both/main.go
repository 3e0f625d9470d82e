package main

import (
	"github.com/microbus-io/fabric/application"

	"example.com/app/r"
	"example.com/app/s"
)

// Both services in one binary: their channels have one element type, and still never meet.
func main() {
	app := application.New()
	app.Add(s.NewService(), r.NewService())
	app.Run()
}
