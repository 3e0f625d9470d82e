package admin

import (
	"context"

	"github.com/microbus-io/fabric/pub"

	"example.com/shop/roles/rolesapi"
)

// Service implements the admin.shop microservice.
type Service struct {
	*Intermediate
}

// Promote grants the support role (typed client held in a variable, literal ForHost).
func (svc *Service) Promote(ctx context.Context, actorID string) (ok bool, err error) {
	roles := rolesapi.NewClient(svc).ForHost("roles.shop")
	return roles.GrantRole(ctx, actorID, "support") // grant: admin.shop -> roles.shop POST /grant-role
}

// Demote revokes the support role with a raw request to a literal :666 URL.
func (svc *Service) Demote(ctx context.Context, actorID string) (ok bool, err error) {
	_, err = svc.Request(ctx, // grant: admin.shop -> roles.shop POST /revoke-role
		pub.POST("https://roles.shop:666/revoke-role"),
		pub.Body(map[string]string{"actorID": actorID, "role": "support"}),
	)
	return err == nil, err
}

// MakeOwner goes through a helper of the api package that wraps GrantRole.
func (svc *Service) MakeOwner(ctx context.Context, actorID string) error {
	return rolesapi.NewClient(svc).MakeAdmin(ctx, actorID)
}

// AuditRoles reads roles on :443; it needs no trust-root grant.
func (svc *Service) AuditRoles(ctx context.Context, actorID string) ([]string, error) {
	return rolesapi.NewClient(svc).ListRoles(ctx, actorID)
}
