package caller

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
)

type Service struct{ *Intermediate }

func (svc *Service) ViaIssuer(ctx context.Context, iss string) {
	//rootlint:ignore dynamic_trust_root_host issuers are the regional token services, reviewed in SEC-142
	accesstokenapi.NewClient(svc).ForHost(iss).Mint(ctx, nil) // want: deny dynamic_trust_root_host suppressed // grant: caller.app -> * POST /mint
}
