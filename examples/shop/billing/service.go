package billing

import (
	"context"
	"fmt"

	"github.com/microbus-io/fabric/httpx"
	"github.com/microbus-io/fabric/pub"

	"example.com/shop/internal/tokens"
	"example.com/shop/roles/rolesapi"
)

// Service implements the billing.shop microservice.
type Service struct {
	*Intermediate
}

const premiumRole = "premium"

// Charge bills a customer, then mints a customer token through the shared helper.
func (svc *Service) Charge(ctx context.Context, customerID string, cents int) (bool, error) {
	m := tokens.NewMinter(svc)
	if _, err := m.Customer(ctx, customerID); err != nil {
		return false, err
	}
	return true, svc.upgrade(ctx, customerID)
}

// upgrade grants the premium role with URLs built from the api package's definitions.
func (svc *Service) upgrade(ctx context.Context, customerID string) error {
	body := fmt.Sprintf(`{"actorID":%q,"role":%q}`, customerID, premiumRole)
	_, err := svc.Request(ctx, pub.Method(rolesapi.GrantRole.Method), pub.URL(rolesapi.GrantRole.URL()), pub.Body(body)) // want: warn gencreds_blind_spot // grant: billing.shop -> roles.shop POST /grant-role
	if err != nil {
		return err
	}
	revoke := httpx.JoinHostAndPath(rolesapi.Hostname, ":666/revoke-role")
	_, err = svc.Request(ctx, pub.POST(revoke+"?reason=upgrade"), pub.Body(body)) // want: warn gencreds_blind_spot // grant: billing.shop -> roles.shop POST /revoke-role
	return err
}
