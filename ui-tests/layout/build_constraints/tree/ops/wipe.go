//go:build ignore

package ops

import (
	"context"

	"example.com/tags/vault/vaultapi"
)

// Wipe is in no build: not granted.
func (svc *Service) Wipe(ctx context.Context) error {
	return vaultapi.NewClient(svc).Wipe(ctx)
}
