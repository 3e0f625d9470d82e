// Package tables holds two dispatch tables of one type: each service reads only its own.
package tables

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
	"github.com/microbus-io/fabric/service"
)

type Step func(ctx context.Context, pub service.Publisher) error

func mint(ctx context.Context, pub service.Publisher) error {
	_, err := accesstokenapi.NewClient(pub).Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: x.app -> access.token.core POST /mint, y.app -> access.token.core POST /mint
	return err
}

func execute(ctx context.Context, pub service.Publisher) error {
	_, err := shellapi.NewClient(pub).Execute(ctx, nil) // want: warn gencreds_blind_spot // grant: y.app -> shell.core POST /execute // no-grant: x.app -> shell.core POST /execute
	return err
}

// Minting is x's table.
var Minting = map[string]Step{"mint": mint}

// Shelling is y's table.
var Shelling = map[string]Step{"execute": execute}

// Minters is a list of the same steps as Minting.
var Minters = []Step{mint}

// Shells is a list of the same type, which nothing reads.
var Shells = []Step{execute}

func seal(ctx context.Context, pub service.Publisher) error {
	_, err := bearertokenapi.NewClient(pub).Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: x.app -> bearer.token.core POST /mint // no-grant: y.app -> bearer.token.core POST /mint
	return err
}

// Sealers is a list x calls through a method promoted from an embedded Stepper.
var Sealers = []Step{seal}

// Stepper is a step with a method of its own.
type Stepper Step

// Do runs the step.
func (s Stepper) Do(ctx context.Context, pub service.Publisher) error { return s(ctx, pub) }

// Parked returns a shell step of another signature; x keeps it and never runs it.
func Parked(ctx context.Context, pub service.Publisher) func() error {
	return func() error {
		_, err := shellapi.NewClient(pub).Execute(ctx, nil)
		return err
	}
}
