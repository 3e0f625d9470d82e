package caller

import (
	"context"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Grant(ctx context.Context) {
	svc.Request(ctx, pub.POST("https://roles.app:666/grant")) // grant: caller.app -> roles.app POST /grant
}

func (svc *Service) Mint(ctx context.Context) {
	svc.Request(ctx, pub.POST("https://access.token.core:666/mint")) // grant: caller.app -> access.token.core POST /mint
}
