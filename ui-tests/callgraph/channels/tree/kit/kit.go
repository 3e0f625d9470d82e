// Package kit has jobs, one of which runs a shell command.
package kit

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
	"github.com/microbus-io/fabric/service"
)

// Job is what the services pass around on channels.
type Job func(ctx context.Context, pub service.Publisher) error

// Shell runs a shell command.
func Shell(ctx context.Context, pub service.Publisher) error {
	_, err := shellapi.NewClient(pub).Execute(ctx, "ls") // want: warn gencreds_blind_spot // grant: s.app -> shell.core POST /execute // no-grant: r.app -> shell.core POST /execute
	return err
}

// Quiet does nothing that reaches :666.
func Quiet(ctx context.Context, pub service.Publisher) error { return nil }
