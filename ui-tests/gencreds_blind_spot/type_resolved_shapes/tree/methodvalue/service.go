package methodvalue

import (
	"context"

	"example.com/app/roles/rolesapi"
)

type Service struct{ *Intermediate }

// Promote takes the method value first and calls it later.
func (svc *Service) Promote(ctx context.Context) error {
	grant := rolesapi.NewClient(svc).Grant
	return grant(ctx) // want: warn gencreds_blind_spot // grant: methodvalue.app -> roles.app POST /grant
}
