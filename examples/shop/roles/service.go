package roles

import (
	"context"

	"github.com/microbus-io/errors"
)

// Service implements the roles.shop microservice.
type Service struct {
	*Intermediate
	store map[string][]string
}

// NewService creates a new roles.shop microservice.
func NewService() *Service {
	svc := &Service{store: map[string][]string{}}
	svc.Intermediate = NewIntermediate(svc)
	return svc
}

// GrantRole adds a role to an actor.
func (svc *Service) GrantRole(ctx context.Context, actorID string, role string) (ok bool, err error) {
	if actorID == "" || role == "" {
		return false, errors.New("actor and role are required", 400)
	}
	svc.store[actorID] = append(svc.store[actorID], role)
	return true, nil
}

// RevokeRole removes a role from an actor.
func (svc *Service) RevokeRole(ctx context.Context, actorID string, role string) (ok bool, err error) {
	kept := svc.store[actorID][:0]
	for _, r := range svc.store[actorID] {
		if r != role {
			kept = append(kept, r)
		}
	}
	svc.store[actorID] = kept
	return true, nil
}
