package caller

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) ViaIssuer(ctx context.Context, iss string) {
	accesstokenapi.NewClient(svc).ForHost(iss).Mint(ctx, nil) // want: deny dynamic_trust_root_host
}

func (svc *Service) Raw(ctx context.Context, host string) {
	svc.Request(ctx, pub.POST("https://"+host+":666/mint")) // want: deny dynamic_trust_root_host
}
