package caller

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
)

type Service struct{ *Intermediate }

func (svc *Service) Login(ctx context.Context) {
	accesstokenapi.NewClient(svc).Mint(ctx, nil) // grant: caller.app -> access.token.core POST /mint
}
