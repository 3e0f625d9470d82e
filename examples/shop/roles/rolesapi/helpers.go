package rolesapi

import "context"

// MakeAdmin grants the admin role. It wraps a typed :666 call, so its callers need the grant.
func (_c Client) MakeAdmin(ctx context.Context, actorID string) error {
	_, err := _c.GrantRole(ctx, actorID, "admin") // grant: admin.shop -> roles.shop POST /grant-role
	return err
}
