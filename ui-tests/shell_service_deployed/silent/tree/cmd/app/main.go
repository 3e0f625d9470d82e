package main

import (
	"github.com/microbus-io/fabric/application"
	"example.com/app/orders"
)

func main() {
	app := application.New()
	app.Add(orders.NewService())
	app.Run()
}
