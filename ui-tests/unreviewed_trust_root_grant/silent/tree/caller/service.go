package caller

import (
	"context"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Grant(ctx context.Context) {
	svc.Request(ctx, pub.POST("https://roles.app:666/grant")) // grant: caller.app -> roles.app POST /grant
}
