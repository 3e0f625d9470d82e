// Package tokens is shared by several services: gencreds does not scan it, rootlint does.
package tokens

import (
	"context"

	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/service"
)

// Minter mints tokens on behalf of the service that holds it.
type Minter struct {
	svc service.Publisher
}

// NewMinter returns a minter for the service.
func NewMinter(svc service.Publisher) *Minter {
	return &Minter{svc: svc}
}

// Customer mints a bearer token for a customer.
func (m *Minter) Customer(ctx context.Context, customerID string) (string, error) {
	return bearertokenapi.NewClient(m.svc).Mint(ctx, map[string]any{"sub": customerID, "roles": []string{"customer"}}) // want: warn gencreds_blind_spot // grant: billing.shop -> bearer.token.core POST /mint
}

// Robot mints a token for a robot actor. Nothing calls it, so it grants nobody.
func (m *Minter) Robot(ctx context.Context) (string, error) {
	return bearertokenapi.NewClient(m.svc).Mint(ctx, map[string]any{"sub": "robot"})
}
