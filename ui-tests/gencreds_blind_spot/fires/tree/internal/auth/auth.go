package auth

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi"
	"github.com/microbus-io/fabric/service"
)

func MintFor(svc service.Publisher, ctx context.Context, role string) {
	bearertokenapi.NewClient(svc).Mint(ctx, role) // want: gencreds_blind_spot
}
