// Package hooks registers a hook that mints when it runs.
package hooks

import (
	"context"

	"example.com/app/internal/reg"
	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/service"
)

// Pub is set by whoever links the package.
var Pub service.Publisher

func init() {
	reg.Register(func(ctx context.Context) error {
		_, err := accesstokenapi.NewClient(Pub).Mint(ctx, nil) // want: warn gencreds_blind_spot // grant: a.app -> access.token.core POST /mint
		return err
	})
}
