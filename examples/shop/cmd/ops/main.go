// The on-call shell, deployed on the bastion only.
package main

import (
	"github.com/microbus-io/fabric/application"
	"github.com/microbus-io/fabric/coreservices/shell"
)

func main() {
	app := application.New()
	//rootlint:ignore shell_service_deployed bastion host only, for the on-call runbook (SEC-31)
	app.Add(shell.NewService()) // want: warn shell_service_deployed suppressed
	app.Run()
}
