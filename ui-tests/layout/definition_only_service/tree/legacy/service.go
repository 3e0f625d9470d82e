package legacy

import (
	"context"

	"example.com/y2026/vault/vaultapi"
)

type Service struct{ *Intermediate }

// Rekey: legacy.y2026 is known from the hostname its intermediate passes to connector.New.
func (svc *Service) Rekey(ctx context.Context) error {
	return vaultapi.NewClient(svc).Rekey(ctx) // grant: legacy.y2026 -> vault.y2026 POST /rekey
}
