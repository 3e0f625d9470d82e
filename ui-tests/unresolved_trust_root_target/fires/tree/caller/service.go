package caller

import (
	"context"
	"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Typo(ctx context.Context) {
	svc.Request(ctx, pub.POST("https://roles.app:666/grnat")) // want: deny unresolved_trust_root_target
}

func (svc *Service) WrongMethod(ctx context.Context) {
	svc.Request(ctx, pub.GET("https://roles.app:666/grant")) // want: deny unresolved_trust_root_target
}

func (svc *Service) WrongHost(ctx context.Context) {
	accesstokenapi.NewClient(svc).ForHost("access.token.local").Mint(ctx, nil) // want: deny unresolved_trust_root_target
}
