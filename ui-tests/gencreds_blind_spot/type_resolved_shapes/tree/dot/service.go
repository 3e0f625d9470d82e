package dot

import (
	"context"

	. "example.com/app/roles/rolesapi"
)

type Service struct{ *Intermediate }

// Elevate calls the dot-imported api package.
func (svc *Service) Elevate(ctx context.Context) error {
	return NewClient(svc).Grant(ctx) // want: gencreds_blind_spot
}
