package caller

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
)

type Service struct{ *Intermediate }

func (svc *Service) Static(ctx context.Context) {
	//rootlint:ignore dynamic_trust_root_host the host used to be dynamic
	accesstokenapi.NewClient(svc).Mint(ctx, nil) // grant: caller.app -> access.token.core POST /mint
	//rootlint:ignore dynamic_trust_root_hots misspelled lint name
	accesstokenapi.NewClient(svc).Mint(ctx, nil) // grant: caller.app -> access.token.core POST /mint
}

// In a comma list, each name must suppress something.
func (svc *Service) ViaIssuer(ctx context.Context, iss string) {
	//rootlint:ignore dynamic_trust_root_host,trust_root_port_mismatch regional issuers only
	accesstokenapi.NewClient(svc).ForHost(iss).Mint(ctx, nil) // want: deny dynamic_trust_root_host suppressed // grant: caller.app -> * POST /mint
}
