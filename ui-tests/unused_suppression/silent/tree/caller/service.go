package caller

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
)

type Service struct{ *Intermediate }

func (svc *Service) ViaIssuer(ctx context.Context, iss string) {
	accesstokenapi.NewClient(svc).ForHost(iss).Mint(ctx, nil) //rootlint:ignore dynamic_trust_root_host regional issuers only
}

// Names with dashes, as rustc accepts them, and a comma list whose names are all used.
func (svc *Service) ViaPartner(ctx context.Context, iss string) {
	//rootlint:ignore dynamic-trust-root-host partner issuers only
	accesstokenapi.NewClient(svc).ForHost(iss).Mint(ctx, nil) // want: deny dynamic_trust_root_host suppressed // grant: caller.app -> * POST /mint
	//rootlint:ignore dynamic_trust_root_host,dynamic_trust_root_host partner issuers only
	accesstokenapi.NewClient(svc).ForHost(iss).Mint(ctx, nil) // want: deny dynamic_trust_root_host suppressed // grant: caller.app -> * POST /mint
}
