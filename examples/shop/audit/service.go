package audit

import (
	"context"
)

// Service implements the audit.shop microservice (2026 layout, no committed manifest).
type Service struct {
	*Intermediate
	trail map[string][]string
}

// NewService creates a new audit.shop microservice.
func NewService() *Service {
	svc := &Service{trail: map[string][]string{}}
	svc.Intermediate = NewIntermediate(svc)
	return svc
}

// Purge erases the audit trail of an actor.
func (svc *Service) Purge(ctx context.Context, actorID string) (erased int, err error) {
	erased = len(svc.trail[actorID])
	delete(svc.trail, actorID)
	return erased, nil
}
