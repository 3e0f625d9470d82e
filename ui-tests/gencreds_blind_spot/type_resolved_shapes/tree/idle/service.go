package idle

import (
	"context"

	"example.com/app/roles/rolesapi"
)

type Service struct{ *Intermediate }

// revokeAll is never called by anything the service runs.
func (svc *Service) revokeAll(ctx context.Context) error {
	return rolesapi.NewClient(svc).Revoke(ctx)
}
