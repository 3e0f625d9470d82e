//go:build linux || darwin

package ops

import (
	"context"

	"example.com/tags/vault/vaultapi"
)

// Rekey is built on Linux and macOS, which a deployment may use: granted.
func (svc *Service) Rekey(ctx context.Context) error {
	return vaultapi.NewClient(svc).Rekey(ctx) // grant: ops.tags -> vault.tags POST /rekey
}
