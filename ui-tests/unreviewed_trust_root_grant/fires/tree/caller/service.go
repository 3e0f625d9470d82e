package caller

import (
	"context"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Grant(ctx context.Context) {
	svc.Request(ctx, pub.POST("https://roles.app:666/grant"))
}

func (svc *Service) Mint(ctx context.Context) {
	svc.Request(ctx, pub.POST("https://access.token.core:666/mint")) // want: unreviewed_trust_root_grant
}
