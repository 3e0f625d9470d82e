package shop

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Checkout(ctx context.Context) {
	bearertokenapi.NewClient(svc).Mint(ctx, "customer")
	svc.Request(ctx, pub.POST("https://access.token.core:666/mint"))
}
