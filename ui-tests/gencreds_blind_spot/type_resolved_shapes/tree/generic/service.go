package generic

import (
	"context"

	"example.com/app/roles/rolesapi"
)

type Service struct{ *Intermediate }

// Onboard calls a generic helper with explicit type arguments.
func (svc *Service) Onboard(ctx context.Context) error {
	return grantAs[string](svc)
}

func grantAs[T any](svc *Service) error {
	return rolesapi.NewClient(svc).Grant(context.Background()) // want: warn gencreds_blind_spot // grant: generic.app -> roles.app POST /grant
}
