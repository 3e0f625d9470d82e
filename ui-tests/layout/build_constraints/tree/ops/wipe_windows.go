//go:build linux

package ops

import (
	"context"

	"example.com/tags/vault/vaultapi"
)

// WipeAll asks for Linux in a file named for Windows: no build includes it, not granted.
func (svc *Service) WipeAll(ctx context.Context) error {
	return vaultapi.NewClient(svc).Wipe(ctx)
}
