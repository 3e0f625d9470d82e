package main

import (
	"github.com/microbus-io/fabric/application"
	"github.com/microbus-io/fabric/coreservices/shell"
)

func main() {
	app := application.New()
	app.Add(shell.NewService()) //rootlint:ignore shell_service_deployed on-call runbook host only, see SEC-31
	app.Run()
}
