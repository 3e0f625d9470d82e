package field

import (
	"context"

	"example.com/app/roles/rolesapi"
)

// Service keeps its roles client in a field.
type Service struct {
	*Intermediate
	roles rolesapi.Client
}

func (svc *Service) Review(ctx context.Context) error {
	return svc.roles.Audit(ctx) // want: warn gencreds_blind_spot // grant: field.app -> roles.app POST /audit
}
