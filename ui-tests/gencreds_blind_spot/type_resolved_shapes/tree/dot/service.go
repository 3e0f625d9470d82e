package dot

import (
	"context"

	. "example.com/app/roles/rolesapi"
)

type Service struct{ *Intermediate }

// Elevate calls the dot-imported api package.
func (svc *Service) Elevate(ctx context.Context) error {
	return NewClient(svc).Grant(ctx) // want: warn gencreds_blind_spot // grant: dot.app -> roles.app POST /grant
}
