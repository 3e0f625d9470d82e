package caller

import (
	"context"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Probe(ctx context.Context) {
	//rootlint:ignore trust_root_port_mismatch negative probe: asserts :443 never reaches the grant endpoint
	svc.Request(ctx, pub.POST("https://roles.app/grant")) // want: deny trust_root_port_mismatch suppressed
}
