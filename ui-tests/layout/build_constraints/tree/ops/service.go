package ops

import (
	"context"

	"example.com/tags/vault/vaultapi"
)

type Service struct{ *Intermediate }

// Unseal is built on every platform: granted.
func (svc *Service) Unseal(ctx context.Context) error {
	return vaultapi.NewClient(svc).Unseal(ctx) // grant: ops.tags -> vault.tags POST /unseal
}
