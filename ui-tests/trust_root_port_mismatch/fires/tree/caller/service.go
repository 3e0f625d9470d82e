package caller

import (
	"context"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) NoPort(ctx context.Context) {
	svc.Request(ctx, pub.POST("https://roles.app/grant")) // want: deny trust_root_port_mismatch
}

func (svc *Service) Elevated(ctx context.Context) {
	svc.Request(ctx, pub.GET("https://roles.app:666/list")) // want: deny trust_root_port_mismatch
}
