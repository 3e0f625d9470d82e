// Package tables holds two dispatch tables of one type: each service reads only its own.
package tables

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/coreservices/shell/shellapi"
	"github.com/microbus-io/fabric/service"
)

type Step func(ctx context.Context, pub service.Publisher) error

func mint(ctx context.Context, pub service.Publisher) error {
	_, err := accesstokenapi.NewClient(pub).Mint(ctx, nil) // want: gencreds_blind_spot
	return err
}

func execute(ctx context.Context, pub service.Publisher) error {
	_, err := shellapi.NewClient(pub).Execute(ctx, nil) // want: gencreds_blind_spot
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
