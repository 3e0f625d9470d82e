package ops

import (
	"context"

	"example.com/who/lib/wiper"
	"example.com/who/vault/vaultapi"
)

type Service struct{ *Intermediate }

// Wipe goes through a library the service imports: granted to ops.who.
func (svc *Service) Wipe(ctx context.Context) error {
	return wiper.Wipe(ctx, svc)
}

// rekey is dead code in the service's own package: no grant, and no finding either (its
// identity is known; nothing runs it).
func (svc *Service) rekey(ctx context.Context) error {
	return vaultapi.NewClient(svc).Rekey(ctx)
}
