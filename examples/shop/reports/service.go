package reports

import (
	"context"

	"github.com/microbus-io/fabric/pub"
)

// Service implements the reports.shop microservice.
type Service struct {
	*Intermediate
}

// rolesURL has a typo: the endpoint is /grant-role, so no declared :666 endpoint matches.
const rolesURL = "https://roles.shop:666/grant-roles"

// Nightly grants the reporting role to the nightly job's actor.
func (svc *Service) Nightly(ctx context.Context) (bool, error) {
	_, err := svc.Request(ctx, pub.POST(rolesURL), pub.Body(`{"actorID":"nightly","role":"reporter"}`)) // want: deny unresolved_trust_root_target
	return err == nil, err
}

// Cleanup revokes the role again, but forgets the port: :443 never reaches the :666 endpoint.
func (svc *Service) Cleanup(ctx context.Context) error {
	_, err := svc.Request(ctx, pub.POST("https://roles.shop/revoke-role"), pub.Body(`{"actorID":"nightly","role":"reporter"}`)) // want: deny trust_root_port_mismatch
	return err
}
