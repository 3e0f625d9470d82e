package shop

import (
	"context"
	"github.com/microbus-io/fabric/pub"
	"example.com/app/internal/auth"
	"example.com/app/roles/rolesapi"
)

type Service struct{ *Intermediate }

func (svc *Service) Checkout(ctx context.Context) {
	auth.MintFor(svc, ctx, "customer")
	svc.Request(ctx, pub.URL(rolesapi.Grant.URL())) // want: warn gencreds_blind_spot // grant: shop.app -> roles.app POST /grant
}
