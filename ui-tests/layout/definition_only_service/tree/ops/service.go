package ops

import (
	"context"

	"example.com/y2026/vault/vaultapi"
)

type Service struct{ *Intermediate }

// Unseal: ops.y2026 is known from opsapi's Hostname, so its call is granted.
func (svc *Service) Unseal(ctx context.Context) error {
	return vaultapi.NewClient(svc).Unseal(ctx) // grant: ops.y2026 -> vault.y2026 POST /unseal
}
