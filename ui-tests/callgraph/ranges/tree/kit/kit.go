// Package kit has a value whose method runs a shell command.
package kit

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
	"github.com/microbus-io/fabric/service"
)

// Doer is what the services call.
type Doer interface{ Do(ctx context.Context) error }

// Loud runs a shell command when it does.
type Loud struct{ Pub service.Publisher }

func (l Loud) Do(ctx context.Context) error {
	_, err := shellapi.NewClient(l.Pub).Execute(ctx, "ls") // want: warn gencreds_blind_spot // grant: c.app -> shell.core POST /execute // no-grant: k.app -> shell.core POST /execute
	return err
}
