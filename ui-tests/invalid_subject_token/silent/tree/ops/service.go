package ops

import (
	"context"

	"example.com/app/vault/vaultapi"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

// Unseal with a method that would add subject tokens.
func (svc *Service) Unseal(ctx context.Context) error {
	_, err := svc.Request(ctx, pub.Method("POST"), pub.URL("https://vault.app:666/unseal")) // grant: ops.app -> vault.app POST /unseal
	return err
}

// Elsewhere sends the typed call to a host that would be a wildcard.
func (svc *Service) Elsewhere(ctx context.Context) error {
	return vaultapi.NewClient(svc).ForHost("vault.app").Unseal(ctx) // grant: ops.app -> vault.app POST /unseal
}
