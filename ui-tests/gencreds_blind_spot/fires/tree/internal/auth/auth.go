package auth

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/service"
)

func MintFor(svc service.Publisher, ctx context.Context, role string) {
	bearertokenapi.NewClient(svc).Mint(ctx, role) // want: warn gencreds_blind_spot // grant: shop.app -> bearer.token.core POST /mint
}
