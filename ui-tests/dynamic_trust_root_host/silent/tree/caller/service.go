package caller

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
)

type Service struct{ *Intermediate }

const issuer = "access.token.core"

func (svc *Service) ViaIssuer(ctx context.Context) {
	accesstokenapi.NewClient(svc).ForHost(issuer).Mint(ctx, nil) // grant: caller.app -> access.token.core POST /mint
}
