package a

import (
	"context"

	"example.com/app/relay"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

// Wrapped sends through the Bus: access.token.core only (b's call through the same Bus goes
// elsewhere, and is b's).
func (svc *Service) Wrapped(ctx context.Context) error {
	bus := &relay.Bus{Pub: svc}
	_, err := bus.Request(ctx, pub.POST("https://access.token.core:666/mint")) // want: warn gencreds_blind_spot // grant: a.app -> access.token.core POST /mint
	return err
}

// Chained goes through two forwarders.
func (svc *Service) Chained(ctx context.Context) error {
	return relay.Relay(ctx, svc, "https://shell.core:666/execute") // want: warn gencreds_blind_spot // grant: a.app -> shell.core POST /execute
}
