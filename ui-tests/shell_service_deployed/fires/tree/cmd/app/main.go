package main

import (
	"github.com/microbus-io/fabric/application"
	"github.com/microbus-io/fabric/coreservices/shell"
)

func main() {
	app := application.New()
	app.Add(shell.NewService()) // want: warn shell_service_deployed
	app.Run()
}
