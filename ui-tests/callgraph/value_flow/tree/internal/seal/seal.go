// Package seal is shared by a and b: each stores its own Sealer.
package seal

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
	"github.com/microbus-io/fabric/service"
)

// Sealer is implemented by Bearer and Shell.
type Sealer interface {
	Seal(ctx context.Context) error
}

// Holder keeps a Sealer in an interface-typed field.
type Holder struct{ S Sealer }

type Bearer struct{ Svc service.Publisher }

func (b Bearer) Seal(ctx context.Context) error {
	_, err := bearertokenapi.NewClient(b.Svc).Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: a.app -> bearer.token.core POST /mint // no-grant: b.app -> bearer.token.core POST /mint
	return err
}

type Shell struct{ Svc service.Publisher }

func (s Shell) Seal(ctx context.Context) error {
	_, err := shellapi.NewClient(s.Svc).Execute(ctx, "seal") // want: warn gencreds_blind_spot // grant: b.app -> shell.core POST /execute // no-grant: a.app -> shell.core POST /execute
	return err
}

// Minter is any value with a Mint method.
type Minter interface {
	Mint(ctx context.Context, claims any) (string, error)
}

// MintWith calls Mint on whatever it is given: a typed client as the type argument.
func MintWith[M Minter](ctx context.Context, m M) error {
	_, err := m.Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: a.app -> access.token.core POST /mint
	return err
}

// Writer makes its call when something writes to it.
type Writer struct{ Svc service.Publisher }

func (w Writer) Write(p []byte) (int, error) {
	_, err := bearertokenapi.NewClient(w.Svc).Mint(context.Background(), nil) // want: warn gencreds_blind_spot // grant: a.app -> bearer.token.core POST /mint
	return len(p), err
}
