package shop

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Checkout(ctx context.Context) {
	bearertokenapi.NewClient(svc).Mint(ctx, "customer") // grant: shop.app -> bearer.token.core POST /mint
	svc.Request(ctx, pub.POST("https://access.token.core:666/mint")) // grant: shop.app -> access.token.core POST /mint
}
