package caller

import (
	"context"
	"github.com/microbus-io/fabric/pub"
)

type Service struct{ *Intermediate }

func (svc *Service) Keys(ctx context.Context, host string) {
	svc.Request(ctx, pub.GET("https://"+host+":888/jwks"))
}

func (svc *Service) Search(ctx context.Context, q string) {
	svc.Request(ctx, pub.GET("https://search.app/find?q="+q))
}
