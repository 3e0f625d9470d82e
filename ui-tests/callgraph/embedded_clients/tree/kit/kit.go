// Package kit has a generic box and a writer that runs what it holds when written to.
package kit

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
	"github.com/microbus-io/fabric/service"
)

// Runner is what the writer holds.
type Runner interface {
	Execute(ctx context.Context, in any) (string, error)
}

// Shell embeds the typed client: its Execute is promoted.
type Shell struct{ shellapi.Client }

// NewShell makes a Shell for a publisher.
func NewShell(pub service.Publisher) Shell { return Shell{Client: shellapi.NewClient(pub)} }

// Box holds one value of its type argument.
type Box[T any] struct{ V T }

// Get gives the value back: nothing in its text says it matters, yet the runner goes through it.
func (b Box[T]) Get() T { return b.V }

// Writer runs its runner whenever something writes to it.
type Writer struct{ Inner Runner }

func (w Writer) Write(p []byte) (int, error) {
	_, err := w.Inner.Execute(context.Background(), string(p)) // want: warn gencreds_blind_spot // grant: w.app -> shell.core POST /execute
	return len(p), err
}
