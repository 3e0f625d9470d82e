package main

import (
	"sync"

	"github.com/microbus-io/fabric/application"

	"example.com/bundle/orders"
)

func main() {
	// Add on a WaitGroup is not an application's Add.
	var wg sync.WaitGroup
	wg.Add(1)
	app := application.New()
	app.Add(orders.NewService())
	app.Run()
	wg.Done()
}
