package returned

import (
	"context"

	"example.com/app/roles/rolesapi"
)

type Service struct{ *Intermediate }

func (svc *Service) rolesClient() rolesapi.Client {
	return rolesapi.NewClient(svc)
}

// Offboard gets its client from a method.
func (svc *Service) Offboard(ctx context.Context) error {
	return svc.rolesClient().Revoke(ctx) // want: warn gencreds_blind_spot // grant: returned.app -> roles.app POST /revoke
}
