package b

import (
	"context"

	"example.com/app/relay"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

// Wrapped sends through the same Bus type as a, to bearer.token.core.
func (svc *Service) Wrapped(ctx context.Context) error {
	bus := &relay.Bus{Pub: svc}
	_, err := bus.Request(ctx, pub.Method("POST"), pub.URL("https://bearer.token.core:666/mint")) // want: warn gencreds_blind_spot // grant: b.app -> bearer.token.core POST /mint
	return err
}

// Helper posts through the helper to a :443 endpoint: no grant.
func (svc *Service) Helper(ctx context.Context) error {
	return relay.Post(ctx, svc, "https://b.app/ping")
}
