// Package kit has generic helpers, and values whose methods reach :666 or do not.
package kit

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
	"github.com/microbus-io/fabric/service"
)

// Doer is what the services call.
type Doer interface{ Do(ctx context.Context) error }

// Quiet does nothing that matters.
type Quiet struct{}

func (Quiet) Do(ctx context.Context) error { return nil }

// Loud runs a shell command when it does.
type Loud struct{ Pub service.Publisher }

func (l Loud) Do(ctx context.Context) error {
	_, err := shellapi.NewClient(l.Pub).Execute(ctx, "ls") // want: warn gencreds_blind_spot // grant: l.app -> shell.core POST /execute // no-grant: q.app -> shell.core POST /execute
	return err
}

// Name is harmless.
func (l Loud) Name() string { return "loud" }

// Minting mints an access token when it does.
type Minting struct{ Pub service.Publisher }

func (m Minting) Do(ctx context.Context) error {
	_, err := accesstokenapi.NewClient(m.Pub).Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: l.app -> access.token.core POST /mint // no-grant: q.app -> access.token.core POST /mint
	return err
}

// Id gives back what it is given: one body, one instance per type argument.
func Id[T any](t T) T { return t }

// First gives the first element.
func First[T any](xs []T) T { return xs[0] }

// Box holds one value of its type argument.
type Box[T any] struct{ V T }

// Get gives the value.
func (b Box[T]) Get() T { return b.V }
