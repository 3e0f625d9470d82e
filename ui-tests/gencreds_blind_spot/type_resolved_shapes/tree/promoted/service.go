package promoted

import (
	"context"

	"example.com/app/roles/rolesapi"
	"github.com/microbus-io/fabric/service"
)

// Auditor is embedded in Service: its methods are promoted.
type Auditor struct{ svc service.Publisher }

func (a Auditor) AuditAll(ctx context.Context) error {
	return rolesapi.NewClient(a.svc).Audit(ctx) // want: warn gencreds_blind_spot // grant: promoted.app -> roles.app POST /audit
}

type Service struct {
	*Intermediate
	Auditor
}

// Nightly calls the promoted method.
func (svc *Service) Nightly(ctx context.Context) error {
	return svc.AuditAll(ctx)
}
